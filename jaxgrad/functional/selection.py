"""Ops that pick elements by index: gather, scatter, index_select, take, sort, topk, median.

Indices are integer arrays; like every op in the table these take jax arrays and return jax
arrays, with torch's argument order and error text.

>>> import jax.numpy as jnp
>>> from jaxgrad import functional as F
>>> F.gather(jnp.array([[1, 2], [3, 4]]), 1, jnp.array([[1], [0]]))
Array([[2],
       [3]], dtype=int64)
"""
from __future__ import annotations

import functools

import jax
import jax.numpy as jnp

from .. import dtypes
from ._checks import linear, normalize_dim


def _check_index(index, name):
    if dtypes.category(index.dtype) != 1:
        raise RuntimeError(f"{name}(): Expected dtype int64 for index")


def _along(x, dim, index):
    """Index arrays selecting ``x[..., index[i, j, …] (at dim), …]`` elementwise (torch's gather)."""
    grids = jnp.meshgrid(*[jnp.arange(s) for s in index.shape], indexing="ij")
    grids[dim] = index
    return tuple(grids)


@linear
def gather(input, dim, index):
    """torch.gather: ``out[i][j] = input[i][index[i][j]]`` along ``dim``."""
    x, index = jnp.asarray(input), jnp.asarray(index)
    _check_index(index, "gather")
    axis = normalize_dim(dim, x.ndim)
    if index.ndim != x.ndim:
        raise RuntimeError("Index tensor must have the same number of dimensions as input tensor")
    return x[_along(x, axis, index)]


def scatter(input, dim, index, src, reduce=None):
    """torch.scatter: ``input`` with ``src`` written at ``index`` along ``dim`` (``src`` may be a
    scalar); ``reduce`` 'add'/'multiply' combines instead."""
    x, index = jnp.asarray(input), jnp.asarray(index)
    _check_index(index, "scatter")
    axis = normalize_dim(dim, x.ndim)
    if hasattr(src, "shape") and jnp.ndim(src):
        values = jnp.asarray(src)[tuple(slice(0, s) for s in index.shape)].astype(x.dtype)
    else:
        values = jnp.broadcast_to(dtypes.cast(src, x.dtype), index.shape)
    if reduce is None:
        return _scatter_set(x, axis, index, values)
    at = x.at[_along(x, axis, index)]
    if reduce == "add":
        return at.add(values)
    if reduce == "multiply":
        return at.multiply(values)
    raise RuntimeError("reduce argument must be either add or multiply.")


@functools.partial(jax.custom_vjp, nondiff_argnums=(1,))
def _scatter_set(x, axis, index, values):
    return x.at[_along(x, axis, index)].set(values)


def _scatter_set_fwd(x, axis, index, values):
    return _scatter_set(x, axis, index, values), index


def _scatter_set_bwd(axis, index, g):
    # torch's scatter backward: the input gets the gradient except where it was overwritten,
    # and every src entry gets the gradient at its target, duplicates included (gather).
    # JAX's rule would give duplicates only to the write that won.
    g = jnp.asarray(g)
    positions = _along(g, axis, index)
    return g.at[positions].set(0), None, g[positions]


_scatter_set.defvjp(_scatter_set_fwd, _scatter_set_bwd)


def scatter_add(input, dim, index, src):
    """torch.scatter_add: ``input`` plus ``src`` summed into ``index`` positions along ``dim``."""
    return scatter(input, dim, index, src, reduce="add")


@linear
def index_select(input, dim, index):
    """torch.index_select: the entries ``index`` (1-D) along ``dim``."""
    x, index = jnp.asarray(input), jnp.asarray(index)
    if index.ndim > 1:
        raise IndexError("index_select(): Index is supposed to be a vector")
    _check_index(index, "index_select")
    return jnp.take(x, index.reshape(-1), axis=normalize_dim(dim, x.ndim))


@linear
def take(input, index):
    """torch.take: ``input`` as 1-D, indexed by ``index`` (output has ``index``'s shape)."""
    return jnp.asarray(input).reshape(-1)[jnp.asarray(index)]


def sort(input, dim=-1, descending=False, stable=False):
    """torch.sort → (values, indices); ties keep their order (stable), NaN sorts last."""
    x = jnp.asarray(input)
    if x.ndim == 0:
        return x, jnp.zeros((), dtypes.int64)
    axis = normalize_dim(dim, x.ndim)
    order = jnp.argsort(x, axis=axis, stable=True, descending=descending)
    return jnp.take_along_axis(x, order, axis=axis), order.astype(dtypes.int64)


def argsort(input, dim=-1, descending=False, stable=False):
    return sort(input, dim, descending, stable)[1]


def topk(input, k, dim=-1, largest=True, sorted=True):
    """torch.topk → (values, indices) of the k largest (or smallest) along ``dim``."""
    x = jnp.asarray(input)
    axis = normalize_dim(dim, x.ndim)
    size = x.shape[axis] if x.ndim else 1
    if not 0 <= k <= size:
        raise RuntimeError("selected index k out of range")
    values, indices = sort(x, axis, descending=largest)
    keep = jnp.arange(k)
    return jnp.take(values, keep, axis=axis), jnp.take(indices, keep, axis=axis)


def kthvalue(input, k, dim=-1, keepdim=False):
    """torch.kthvalue → (values, indices): the k-th smallest along ``dim`` (1-based)."""
    x = jnp.asarray(input)
    axis = normalize_dim(dim, x.ndim)
    if not 1 <= k <= (x.shape[axis] if x.ndim else 1):
        raise IndexError(f"kthvalue(): selected number k out of range for dimension {axis}")
    values, indices = sort(x, axis)
    v, i = jnp.take(values, k - 1, axis=axis), jnp.take(indices, k - 1, axis=axis)
    return (jnp.expand_dims(v, axis), jnp.expand_dims(i, axis)) if keepdim else (v, i)


def median(input):
    """torch.median of all elements: the lower of the two middle values (not their mean)."""
    x = jnp.asarray(input).reshape(-1)
    if x.size == 0:
        raise RuntimeError("median() input tensor cannot be empty")
    value = jax.lax.stop_gradient(sort(x, 0)[0][(x.size - 1) // 2])
    # torch spreads the gradient evenly over the elements equal to the median.
    ties = x == value
    return jnp.sum(jnp.where(ties, x, 0)) / jnp.sum(ties)


def median_dim(input, dim=-1, keepdim=False):
    """torch.median(input, dim) → (values, indices), lower middle value."""
    x = jnp.asarray(input)
    axis = normalize_dim(dim, x.ndim)
    return kthvalue(x, (x.shape[axis] - 1) // 2 + 1 if x.ndim else 1, axis, keepdim)


def cummax(input, dim):
    """torch.cummax → (values, indices) of the running maximum along ``dim``."""
    return _cumulative_select(jnp.asarray(input), dim, jnp.greater_equal)


def cummin(input, dim):
    """torch.cummin → (values, indices) of the running minimum along ``dim``."""
    return _cumulative_select(jnp.asarray(input), dim, jnp.less_equal)


def _cumulative_select(x, dim, better):
    axis = normalize_dim(dim, x.ndim)
    moved = jnp.moveaxis(x, axis, 0)

    def step(carry, item):
        value, index, i = carry
        take = better(item, value) | jnp.isnan(item)
        value = jnp.where(take, item, value)
        index = jnp.where(take, i, index)
        return (value, index, i + 1), (value, index)

    init = (moved[0], jnp.zeros(moved.shape[1:], dtypes.int64), jnp.asarray(0, dtypes.int64))
    _, (values, indices) = jax.lax.scan(step, init, moved)
    return jnp.moveaxis(values, 0, axis), jnp.moveaxis(indices, 0, axis)
