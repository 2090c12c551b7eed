"""Reductions with torch's dtypes, dims, correction and tie-breaking.

>>> import jax.numpy as jnp
>>> from jaxgrad import functional as F
>>> F.std(jnp.array([1., 2., 3., 4.], jnp.float32))      # unbiased, as torch
Array(1.2909944, dtype=float32)
"""
from __future__ import annotations

import builtins
import functools
import math

import jax
import jax.numpy as jnp

from .. import dtypes
from ._checks import linear, normalize_dim, normalize_dims
from .elementwise import abs as _abs

_TORCH_NAMES = {"int64": "Long", "int32": "Int", "int16": "Short", "int8": "Char", "uint8": "Byte",
                "bool": "Bool", "float32": "Float", "float64": "Double", "float16": "Half",
                "bfloat16": "BFloat16"}


def torch_type_name(dtype) -> str:
    """torch's C++ name of a dtype, as its error messages print it ('Long', 'Float', …)."""
    return _TORCH_NAMES.get(jnp.dtype(dtype).name, jnp.dtype(dtype).name)


def _sum_dtype(x, dtype):
    if dtype is not None:
        return jnp.dtype(dtype)
    # torch accumulates bools and every integer type into int64.
    return dtypes.int64 if dtypes.category(x.dtype) < 2 else x.dtype


@linear
def sum(input, dim=None, keepdim=False, dtype=None):
    """torch.sum; integers and bools sum to int64."""
    x = jnp.asarray(input)
    axes = normalize_dims(dim, x.ndim)
    return jnp.sum(x.astype(_sum_dtype(x, dtype)), axis=axes, keepdims=keepdim)


@linear
def mean(input, dim=None, keepdim=False, dtype=None):
    """torch.mean; integer inputs are an error, as in torch."""
    x = jnp.asarray(input)
    if dtype is None and not dtypes.is_floating(x.dtype):
        raise RuntimeError("mean(): could not infer output dtype. Input dtype must be either a "
                           f"floating point or complex dtype. Got: {torch_type_name(x.dtype)}")
    axes = normalize_dims(dim, x.ndim)
    return jnp.mean(x.astype(dtype) if dtype is not None else x, axis=axes, keepdims=keepdim)


def prod(input, dim=None, keepdim=False, dtype=None):
    """torch.prod (over one dim, or all elements)."""
    x = jnp.asarray(input)
    axes = normalize_dims(dim, x.ndim)
    return jnp.prod(x.astype(_sum_dtype(x, dtype)), axis=axes, keepdims=keepdim)


def var(input, dim=None, *, correction=1, keepdim=False):
    """torch.var with Bessel's correction by default (``correction=1``)."""
    x = jnp.asarray(input)
    if not dtypes.is_floating(x.dtype):
        raise RuntimeError("std and var only support floating point and complex dtypes")
    axes = normalize_dims(dim, x.ndim)
    n = x.size if axes is None else math.prod(x.shape[a] for a in axes)
    # torch divides by max(n - correction, 0): inf (not NaN, as jnp.var) when the correction
    # uses up every degree of freedom of a nonzero spread.
    deviations = x - jnp.mean(x, axis=axes, keepdims=True)
    squares = jnp.sum(deviations * deviations, axis=axes, keepdims=keepdim)
    return squares / builtins.max(n - correction, 0)  # (max is shadowed here)


@jax.custom_vjp
def _std_sqrt(v):
    return jnp.sqrt(v)


def _std_sqrt_fwd(v):
    out = jnp.sqrt(v)
    return out, out


def _std_sqrt_bwd(out, g):
    # torch's std_backward: grad / (2 * std), masked to 0 where std == 0 (JAX: inf * 0 = NaN).
    return (jnp.where(out == 0, jnp.zeros((), g.dtype), g / (2 * jnp.where(out == 0, 1, out))),)


_std_sqrt.defvjp(_std_sqrt_fwd, _std_sqrt_bwd)


def std(input, dim=None, *, correction=1, keepdim=False):
    """torch.std with Bessel's correction by default (``correction=1``); the gradient of a
    zero std is 0, as torch's."""
    return _std_sqrt(var(input, dim, correction=correction, keepdim=keepdim))


def _require_nonempty(x, name, axes=None):
    """torch's errors for a max-like reduction over nothing (``axes``: None for all dims)."""
    if x.size:
        return
    if axes is None:
        raise RuntimeError(f"{name}(): Expected reduction dim to be specified for input.numel() "
                           "== 0. Specify the reduction dim with the 'dim' argument.")
    for axis in axes:
        if x.shape[axis] == 0:
            raise IndexError(f"{name}(): Expected reduction dim {axis} to have non-zero size.")


def amax(input, dim=(), keepdim=False):
    """torch.amax: ties share the gradient evenly, as torch."""
    x = jnp.asarray(input)
    axes = normalize_dims(dim, x.ndim)
    _require_nonempty(x, "amax", axes)
    return jnp.max(x, axis=axes, keepdims=keepdim)


def amin(input, dim=(), keepdim=False):
    """torch.amin: ties share the gradient evenly, as torch."""
    x = jnp.asarray(input)
    axes = normalize_dims(dim, x.ndim)
    _require_nonempty(x, "amin", axes)
    return jnp.min(x, axis=axes, keepdims=keepdim)


def max(input):
    """torch.max over all elements (ties share the gradient evenly, as torch)."""
    x = jnp.asarray(input)
    if x.size == 0:
        raise RuntimeError("max(): Expected reduction dim to be specified for input.numel() == 0. "
                           "Specify the reduction dim with the 'dim' argument.")
    return jnp.max(x)


def min(input):
    """torch.min over all elements (ties share the gradient evenly, as torch)."""
    x = jnp.asarray(input)
    if x.size == 0:
        raise RuntimeError("min(): Expected reduction dim to be specified for input.numel() == 0. "
                           "Specify the reduction dim with the 'dim' argument.")
    return jnp.min(x)


def _select_along(x, dim, keepdim, argfn, name):
    axis = normalize_dim(dim, x.ndim)
    if x.ndim and x.shape[axis] == 0:
        raise IndexError(f"{name}(): Expected reduction dim {axis} to have non-zero size.")
    if x.ndim == 0:
        return x, jnp.zeros((), dtypes.int64)
    index = jnp.expand_dims(argfn(x, axis=axis), axis)
    # Gathering at the chosen index sends the whole gradient there, as torch's max(dim) does.
    values = jnp.take_along_axis(x, index, axis=axis)
    if not keepdim:
        values, index = jnp.squeeze(values, axis), jnp.squeeze(index, axis)
    return values, index.astype(dtypes.int64)


def max_dim(input, dim, keepdim=False):
    """torch.max(input, dim) → (values, indices); the gradient goes to the returned index."""
    return _select_along(jnp.asarray(input), dim, keepdim, jnp.argmax, "max")


def min_dim(input, dim, keepdim=False):
    """torch.min(input, dim) → (values, indices); the gradient goes to the returned index."""
    return _select_along(jnp.asarray(input), dim, keepdim, jnp.argmin, "min")


def _arg_reduce(x, dim, keepdim, pick, name):
    """argmax/argmin: int64 positions, over all elements (``dim=None``) or one dim."""
    x = jnp.asarray(x)
    if x.dtype == dtypes.bool_:
        raise RuntimeError(f"{name}(): does not support bool input")
    if dim is None:
        if x.size == 0:
            raise IndexError(f"{name}(): Expected reduction dim to be specified for input.numel() == 0.")
        out = pick(x.reshape(-1))
        return (out.reshape((1,) * x.ndim) if keepdim else out).astype(dtypes.int64)
    axis = normalize_dim(dim, x.ndim)
    if x.ndim == 0:
        return jnp.zeros((), dtypes.int64)
    _require_nonempty(x, name, (axis,))
    return pick(x, axis=axis, keepdims=keepdim).astype(dtypes.int64)


def argmax(input, dim=None, keepdim=False):
    """torch.argmax (first occurrence among ties, NaN counts as the maximum)."""
    return _arg_reduce(input, dim, keepdim, jnp.argmax, "argmax")


def argmin(input, dim=None, keepdim=False):
    """torch.argmin (first occurrence among ties, NaN counts as the minimum)."""
    return _arg_reduce(input, dim, keepdim, jnp.argmin, "argmin")


@functools.partial(jax.custom_vjp, nondiff_argnums=(1, 2))
def _l2_norm(x, axes, keepdim):
    return jnp.sqrt(jnp.sum(x * x, axis=axes, keepdims=keepdim))


def _l2_norm_fwd(x, axes, keepdim):
    out = _l2_norm(x, axes, keepdim)
    return out, (x, out)


def _l2_norm_bwd(axes, keepdim, res, g):
    # torch's norm_backward: x * g / norm, and 0 where the norm is 0 (JAX's rule gives NaN).
    x, out = res
    if not keepdim:
        reduced = axes if axes is not None else tuple(range(x.ndim))
        g, out = jnp.expand_dims(g, reduced), jnp.expand_dims(out, reduced)
    safe = jnp.where(out == 0, 1, out)
    return (jnp.where(out == 0, 0, x * (g / safe)),)


_l2_norm.defvjp(_l2_norm_fwd, _l2_norm_bwd)


def norm(input, p="fro", dim=None, keepdim=False):
    """torch.norm: 2-norm (``'fro'``), any p, ``inf``/``-inf``; the 2-norm's gradient is 0 at 0."""
    x = jnp.asarray(input)
    if not dtypes.is_floating(x.dtype):
        raise RuntimeError(f"linalg.vector_norm: Expected a floating point or complex tensor as "
                           f"input. Got {torch_type_name(x.dtype)}")
    axes = normalize_dims(dim, x.ndim)
    if p in ("fro", 2, 2.0):
        return _l2_norm(x, axes, keepdim)
    if p in (float("inf"), "inf"):
        return jnp.max(jnp.abs(x), axis=axes, keepdims=keepdim)
    if p in (float("-inf"), "-inf"):
        return jnp.min(jnp.abs(x), axis=axes, keepdims=keepdim)
    if p == 0:
        return jnp.sum((x != 0).astype(x.dtype), axis=axes, keepdims=keepdim)
    # abs with torch's gradient (sign(x), 0 at 0).
    if p == 1:
        return jnp.sum(_abs(x), axis=axes, keepdims=keepdim)
    return jnp.sum(_abs(x) ** p, axis=axes, keepdims=keepdim) ** (1.0 / p)


def logsumexp(input, dim, keepdim=False):
    """torch.logsumexp over ``dim``."""
    x = jnp.asarray(input)
    if not dtypes.is_floating(x.dtype):
        x = x.astype(dtypes.default_float_dtype())
    return jax.scipy.special.logsumexp(x, axis=normalize_dims(dim, x.ndim), keepdims=keepdim)


def all(input, dim=None, keepdim=False):
    x = jnp.asarray(input)
    return jnp.all(x, axis=normalize_dims(dim, x.ndim), keepdims=keepdim)


def any(input, dim=None, keepdim=False):
    x = jnp.asarray(input)
    return jnp.any(x, axis=normalize_dims(dim, x.ndim), keepdims=keepdim)


def count_nonzero(input, dim=None):
    x = jnp.asarray(input)
    return jnp.sum(x != 0, axis=normalize_dims(dim, x.ndim)).astype(dtypes.int64)


@linear
def cumsum(input, dim, dtype=None):
    x = jnp.asarray(input)
    axis = normalize_dim(dim, x.ndim)
    x = x.astype(_sum_dtype(x, dtype))
    return jnp.cumsum(x, axis=axis) if x.ndim else x


def cumprod(input, dim, dtype=None):
    x = jnp.asarray(input)
    axis = normalize_dim(dim, x.ndim)
    x = x.astype(_sum_dtype(x, dtype))
    return jnp.cumprod(x, axis=axis) if x.ndim else x
