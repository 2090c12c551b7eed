"""Searching sorted sequences and counting values, with torch's dtypes: ``searchsorted``,
``bucketize``, ``bincount``, ``histc`` and ``histogram``'s counts, and the gathers that give
``unique``'s values (which torch has no derivative for).

>>> import jax.numpy as jnp
>>> searchsorted(jnp.array([1., 2., 3.]), jnp.array([2.5, 0.])).tolist()
[2, 0]
"""
from __future__ import annotations

import jax
import jax.numpy as jnp

from .. import dtypes
from ._checks import derivative_not_implemented, normalize_dim
from .elementwise import no_derivative


def _searched(boundaries, values, right):
    side = "right" if right else "left"
    if boundaries.ndim == 1:
        return jnp.searchsorted(boundaries, values, side=side)
    rows = boundaries.reshape(-1, boundaries.shape[-1])
    found = jax.vmap(lambda b, v: jnp.searchsorted(b, v, side=side))(
        rows, values.reshape(rows.shape[0], -1))
    return found.reshape(values.shape)


def _common(boundaries, values):
    """Both operands in their promoted dtype (torch compares an int value with float
    boundaries as floats)."""
    dtype = dtypes.result_type(boundaries, values)
    return boundaries.astype(dtype), values.astype(dtype)


def searchsorted(sorted_sequence, values, out_int32=False, right=False, sorter=None):
    """torch.searchsorted: where each value would be inserted into the innermost dim of
    ``sorted_sequence`` (its rows matching ``values``' leading dims), first or last such place.

    >>> searchsorted(jnp.array([1, 2, 2, 3]), jnp.array(2), right=True).tolist()
    3
    """
    boundaries, v = _common(jnp.asarray(sorted_sequence), jnp.asarray(values))
    if sorter is not None:
        boundaries = jnp.take_along_axis(boundaries, jnp.asarray(sorter), axis=-1)
    found = _searched(boundaries, v, right)
    return found.astype(jnp.int32 if out_int32 else jnp.int64)


def bucketize(input, boundaries, out_int32=False, right=False):
    """torch.bucketize: the index of each element's bucket among the 1-D ``boundaries``.

    >>> bucketize(jnp.array([0.5, 2.]), jnp.array([1., 2.])).tolist()
    [0, 1]
    """
    return searchsorted(boundaries, input, out_int32, right)


def _bincount(input, weights, length):
    x = jnp.asarray(input)
    if weights is None:
        return jnp.zeros(length, jnp.int64).at[x].add(1)
    w = jnp.asarray(weights)
    dtype = jnp.float32 if w.dtype == jnp.float32 else jnp.float64
    return jnp.zeros(length, dtype).at[x].add(w.astype(dtype))


bincount = no_derivative(_bincount, "bincount", (2,))
bincount.__doc__ = """torch.bincount: how often each value in ``0..length-1`` occurs in the 1-D
``input`` (int64), or the sum of its ``weights`` (float32 for float32 weights, else float64).

>>> bincount(jnp.array([0, 2, 2]), None, 3).tolist()
[1, 0, 2]
"""


def histc(input, bins, low, high):
    """torch.histc: the counts of ``input``'s elements in ``bins`` equal bins over [low, high]
    (elements outside, and NaNs, are not counted; ``high`` falls into the last bin), in
    ``input``'s dtype. torch places an element by ``(x - low) / (high - low) * bins``.

    >>> histc(jnp.array([0., 1., 2., 2.]), 2, 0., 2.).tolist()
    [1.0, 3.0]
    """
    x = jnp.asarray(input).reshape(-1)
    low_, high_ = jnp.asarray(low, x.dtype), jnp.asarray(high, x.dtype)
    inside = (x >= low_) & (x <= high_)
    position = jnp.floor((x - low_) / (high_ - low_) * bins)
    position = jnp.clip(jnp.where(inside, position, 0), 0, bins - 1).astype(jnp.int64)
    return jnp.zeros(bins, x.dtype).at[position].add(inside.astype(x.dtype))


def _histogram_counts(input, edges, weight, density):
    x = jnp.asarray(input).reshape(-1)
    edges = jnp.asarray(edges)
    bins = edges.shape[0] - 1
    inside = (x >= edges[0]) & (x <= edges[-1])
    position = jnp.clip(jnp.searchsorted(edges, x, side="right") - 1, 0, bins - 1)
    w = jnp.ones_like(x) if weight is None else jnp.asarray(weight).reshape(-1)
    hist = jnp.zeros(bins, x.dtype).at[position].add(jnp.where(inside, w, 0))
    if density:
        hist = hist / (jnp.sum(hist) * (edges[1:] - edges[:-1]))
    return hist, edges


histogram_counts = no_derivative(_histogram_counts, "histogram", (3,))
histogram_counts.__doc__ = """torch.histogram: the (weighted) counts of ``input``'s elements
between consecutive ``edges`` (the last bin closed), as a density if asked, and the edges.

>>> histogram_counts(jnp.array([0., 1., 2.]), jnp.array([0., 1., 2.]), None, False)[0].tolist()
[1.0, 2.0]
"""


def _taker(name):
    """Indexing whose backward raises torch's error for ``name`` (no derivative formula)."""
    @jax.custom_vjp
    def take(x, index):
        return x[index]

    def bwd(res, g):
        raise derivative_not_implemented(name)

    take.defvjp(lambda x, index: (x[index], None), bwd)
    return take


_TAKERS = {name: _taker(name) for name in ("_unique2", "unique_dim", "unique_consecutive")}


def unique_values(input, index, dim, name):
    """``input``'s entries at ``index`` (along ``dim``, or of the flattened ``input`` when it
    is None): the values of torch's unique ops, whose backward ``name`` refuses.

    >>> unique_values(jnp.array([3., 1., 3.]), jnp.array([1, 0]), None, "_unique2").tolist()
    [1.0, 3.0]
    """
    x, index = jnp.asarray(input), jnp.asarray(index)
    if dim is None:
        x = x.reshape(-1)
        axis = 0
    else:
        axis = normalize_dim(dim, x.ndim)
    moved = jnp.moveaxis(x, axis, 0)
    if dtypes.category(x.dtype) >= 2:
        picked = _TAKERS[name](moved, index)
    else:
        picked = moved[index]
    return jnp.moveaxis(picked, 0, axis)
