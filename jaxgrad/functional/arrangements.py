"""Sums and arrangements of torch that have nodes of their own: ``nansum``, ``trace``,
``logcumsumexp``, ``rot90``, ``diag``/``diag_embed``/``diagflat``, ``vdot``, ``kron`` and
``linalg.cross``, with torch's dtypes and errors.

>>> import jax.numpy as jnp
>>> diag_embed(jnp.array([1, 2]), offset=1).tolist()
[[0, 1, 0], [0, 0, 2], [0, 0, 0]]
"""
from __future__ import annotations

import jax
import jax.numpy as jnp

from .. import dtypes
from ._checks import (gradient_samples, linear, normalize_dim, not_implemented,
                      scalar_type_mismatch, smooth)
from .elementwise import _times_mask
from .linalg import dot
from .reductions import sum as _sum
from .shape import diagonal_dims


@jax.custom_vjp
def _zeroed_nans(x):
    return jnp.where(jnp.isnan(x), jnp.zeros((), x.dtype), x)


# torch's nansum backward: grad * isnan(x).logical_not(), a product (an infinite grad gives
# NaN at a NaN input, where a select would give 0)
_zeroed_nans.defvjp(lambda x: (_zeroed_nans(x), x),
                    lambda x, g: (_times_mask(g, jnp.logical_not(jnp.isnan(x))),))


@gradient_samples(nansum=(lambda x: nansum(x, 1), lambda: (smooth(3, 4),)))
def nansum(input, dim=None, keepdim=False, dtype=None):
    """torch.nansum: the sum with NaNs counted as zero (integers and bools sum to int64).

    >>> nansum(jnp.array([1., jnp.nan, 2.], jnp.float32))
    Array(3., dtype=float32)
    """
    x = jnp.asarray(input)
    if dtypes.category(x.dtype) >= 2:
        x = _zeroed_nans(x)
    return _sum(x, dim, keepdim, dtype)


@linear
def trace(input):
    """torch.trace: the sum of a matrix's diagonal (integers and bools sum to int64)."""
    x = jnp.asarray(input)
    if x.ndim != 2:
        raise RuntimeError(f"trace: expected a matrix, but got tensor with dim {x.ndim}")
    return _sum(jnp.diagonal(x))


def logcumsumexp(input, dim):
    """torch.logcumsumexp: ``log(cumsum(exp(x)))`` along ``dim``, for floating tensors.

    >>> logcumsumexp(jnp.zeros(2, jnp.float32), 0)
    Array([0.       , 0.6931472], dtype=float32)
    """
    x = jnp.asarray(input)
    if dtypes.category(x.dtype) < 2:
        raise not_implemented("logcumsumexp_out_cpu", x.dtype)
    if x.ndim == 0:
        normalize_dim(dim, 1)
        return x
    axis = normalize_dim(dim, x.ndim)
    wide = dtypes.float32 if x.dtype in (dtypes.float16, dtypes.bfloat16) else x.dtype
    return jax.lax.cumlogsumexp(x.astype(wide), axis=axis).astype(x.dtype)


@linear
def rot90(input, k=1, dims=(0, 1)):
    """torch.rot90: a rotation by ``k`` quarter turns from ``dims[0]`` towards ``dims[1]``."""
    x = jnp.asarray(input)
    dims = tuple(dims)
    if len(dims) != 2:
        raise RuntimeError(f"expected total rotation dims == 2, but got dims = {len(dims)}")
    if x.ndim < 2:
        raise RuntimeError(f"expected total dims >= 2, but got total dims = {x.ndim}")
    a, b = normalize_dim(dims[0], x.ndim), normalize_dim(dims[1], x.ndim)
    if a == b:
        raise RuntimeError(f"expected rotation dims to be different, but got dim0 = {a} and "
                           f"dim1 = {b}")
    return jnp.rot90(x, k, axes=(a, b))


@linear
def diag_embed(input, offset=0, dim1=-2, dim2=-1):
    """torch.diag_embed: the last dim of ``input`` as the ``offset`` diagonal of the (dim1,
    dim2) planes of a new tensor, zeros elsewhere."""
    x = jnp.asarray(input)
    ndim = x.ndim + 1
    a, b = diagonal_dims(dim1, dim2, ndim)
    length = x.shape[-1]
    steps = jnp.arange(length)
    rows, cols = (steps, steps + offset) if offset >= 0 else (steps - offset, steps)
    n = length + abs(offset)
    planes = jnp.zeros(x.shape[:-1] + (n, n), x.dtype).at[..., rows, cols].set(x)
    # the planes' dims are last: move them to (a, b) among the others
    return jnp.moveaxis(planes, (ndim - 2, ndim - 1), (a, b))


@linear
def diag(input, diagonal=0):
    """torch.diag: a vector as a diagonal matrix, or a matrix's ``diagonal``-th diagonal."""
    x = jnp.asarray(input)
    if x.ndim == 1:
        return diag_embed(x, diagonal)
    if x.ndim != 2:
        raise RuntimeError(f"diag(): Supports 1D or 2D tensors. Got {x.ndim}D")
    return jnp.diagonal(x, diagonal)


@linear
def diagflat(input, offset=0):
    """torch.diagflat: the flattened ``input`` as the ``offset`` diagonal of a matrix."""
    return diag_embed(jnp.asarray(input).reshape(-1), offset)


def vdot(input, other):
    """torch.vdot: ``conj(input) · other`` for 1-D tensors of the same length and dtype."""
    a = jnp.asarray(input)
    return dot(jnp.conj(a) if dtypes.category(a.dtype) == 3 else a, other)


def kron(input, other):
    """torch.kron: the Kronecker product (the lower-dimensional operand gains leading 1s).

    >>> kron(jnp.array([1, 2]), jnp.array([1, 10])).tolist()
    [1, 10, 2, 20]
    """
    a, b = jnp.asarray(input), jnp.asarray(other)
    dtype = dtypes.result_type(a, b)
    return jnp.kron(a.astype(dtype), b.astype(dtype))


def linalg_cross(input, other, dim=-1):
    """torch.linalg.cross: the cross product of 3-vectors along ``dim`` (operands broadcast)."""
    a, b = jnp.asarray(input), jnp.asarray(other)
    if a.dtype != b.dtype:
        raise scalar_type_mismatch(a.dtype, b.dtype)
    if a.ndim != b.ndim:
        raise RuntimeError("linalg.cross: inputs must have the same number of dimensions.")
    axis = normalize_dim(dim, a.ndim)
    if a.shape[axis] != 3 or b.shape[axis] != 3:
        raise RuntimeError(f"linalg.cross: inputs dimension {dim} must have length 3. Got "
                           f"{a.shape[axis]} and {b.shape[axis]}")
    shape = jnp.broadcast_shapes(a.shape, b.shape)
    return jnp.cross(jnp.broadcast_to(a, shape), jnp.broadcast_to(b, shape), axis=axis)


def _unfold_geometry(shape, dimension, size, step):
    """The axis of ``Tensor.unfold`` and its number of windows, with torch's checks (a 0-d
    tensor unfolds as one of length 1)."""
    axis = normalize_dim(dimension, max(len(shape), 1))
    length = shape[axis] if shape else 1
    if size > length:
        raise RuntimeError(f"maximum size for tensor at dimension {axis} is {length} but size is "
                           f"{size}")
    if size < 0:
        raise RuntimeError(f"size is {size} but must be >= 0")
    if step <= 0:
        raise RuntimeError(f"step is {step} but must be > 0")
    return axis, (length - size) // step + 1


@linear
def unfold(input, dimension, size, step):
    """Tensor.unfold: every window of ``size`` entries along ``dimension``, ``step`` apart, as
    that dim's entries, each window a new last dim.

    >>> unfold(jnp.arange(5), 0, 2, 2).tolist()
    [[0, 1], [2, 3]]
    """
    x = jnp.asarray(input)
    axis, windows = _unfold_geometry(x.shape, dimension, size, step)
    if x.ndim == 0:
        return x.reshape(1) if size else jnp.zeros((0,), x.dtype)
    starts = jnp.arange(windows) * step
    picked = jnp.take(x, (starts[:, None] + jnp.arange(size)[None, :]).reshape(-1), axis=axis)
    picked = picked.reshape(x.shape[:axis] + (windows, size) + x.shape[axis + 1:])
    return jnp.moveaxis(picked, axis + 1, -1)
