"""torch.linalg's norms: ``vector_norm``, ``matrix_norm`` and ``norm``, with torch's orders,
``dtype=`` rule, argument checks, error texts and gradients.

The gradient of a vector norm of order ``p`` is torch's ``linalg_vector_norm_backward``
(0 where the norm is 0, 0 at a zero element for ``p < 1``); the matrix norms are the
reductions torch composes them from (``amax`` of column sums, of singular values, …).

>>> import jax.numpy as jnp
>>> linalg_vector_norm(jnp.array([3., -4.], jnp.float32))
Array(5., dtype=float32)
>>> linalg_matrix_norm(jnp.array([[1., -2.], [3., 4.]], jnp.float32), 1)
Array(6., dtype=float32)
"""
from __future__ import annotations

import functools
import math

import jax
import jax.numpy as jnp

from .. import dtypes
from ._checks import gradient_samples, normalize_dims, smooth
from .decompositions import check_float_input, check_precision
from .elementwise import abs as _abs
from .elementwise import in_opmath
from .elementwise import sign as _sign
from . import reductions as R
from .reductions import _check_norm_order, _matrix_norm_axes, _restored, order_not_a_number

_INF = float("inf")
_MATRIX_ORDERS = ("fro", "nuc", 1, -1, 2, -2, _INF, -_INF)


def _order_text(ord):
    """An order as torch prints a Scalar: integral floats without their ``.0``."""
    if isinstance(ord, float) and math.isfinite(ord) and ord.is_integer():
        return str(int(ord))
    return str(ord)


def _with_dtype(name, x, dtype):
    """torch's ``dtype=`` of the norms: a float dtype the input converts to without
    narrowing; the input is cast to it before the norm is computed."""
    if dtype is None:
        return x
    dtype = jnp.dtype(dtype)
    if dtypes.category(dtype) < 2:
        raise RuntimeError(f"{name}: dtype should be floating point or complex, but got "
                           f"{dtypes.torch_type_name(dtype)}")
    if dtypes.promote_types(x.dtype, dtype) != dtype:
        raise RuntimeError(f"{name}: the dtype of the input ({dtypes.torch_type_name(x.dtype)}) "
                           f"should be convertible without narrowing to the specified dtype "
                           f"({dtypes.torch_type_name(dtype)})")
    return x.astype(dtype)


@functools.partial(jax.custom_vjp, nondiff_argnums=(1, 2, 3))
def _p_norm(x, p, axes, keepdim):
    return jnp.sum(jnp.abs(x) ** p, axis=axes, keepdims=keepdim) ** (1.0 / p)


def _p_norm_fwd(x, p, axes, keepdim):
    out = _p_norm(x, p, axes, keepdim)
    return out, (x, out)


def _p_norm_bwd(p, axes, keepdim, res, g):
    # torch's linalg_vector_norm_backward for a finite p other than 0, 1, 2:
    # p < 1: sgn(x) |x|^(p-1) (0 where x = 0) * g * norm^(1-p);
    # else:  x |x|^(p-2) * g / norm^(p-1), 0 where the norm is 0
    x, out = res
    norm, g = _restored(out, x, axes, keepdim), _restored(g, x, axes, keepdim)
    magnitude = jnp.abs(x)
    if p < 1:
        scaled = jnp.sign(x) * jnp.where(x == 0, 0, magnitude ** (p - 1))
        return (scaled * g * norm ** (1 - p),)
    scale = jnp.where(norm == 0, 0, g / norm ** (p - 1))
    return (x * magnitude ** (p - 2) * scale,)


_p_norm.defvjp(_p_norm_fwd, _p_norm_bwd)


def _vector_norm(x, p, axes, keepdim):
    if p == 2:
        return R._l2_norm(x, axes, keepdim)
    if p == _INF:
        return R._inf_norm(x, jnp.max, axes, keepdim)
    if p == -_INF:
        return R._inf_norm(x, jnp.min, axes, keepdim)
    if p == 0:
        return jnp.sum((x != 0).astype(x.dtype), axis=axes, keepdims=keepdim)
    if p == 1:
        return jnp.sum(_abs(x), axis=axes, keepdims=keepdim)
    return _p_norm(x, float(p), axes, keepdim)


def _check_reducible(x, ord, axes):
    """torch's refusal of orders with no identity (negative, inf) over an empty reduction."""
    if not (ord < 0 or ord == _INF) or x.size:
        return
    if axes is None or x.ndim == 0:
        raise RuntimeError(f"linalg.vector_norm cannot compute the {_order_text(ord)} norm on an "
                           f"empty tensor because the operation does not have an identity")
    for axis in axes:
        if x.shape[axis] == 0:
            raise RuntimeError(f"linalg.vector_norm cannot compute the {_order_text(ord)} norm on "
                               f"the dimension {axis}because this dimension is empty and the "
                               f"operation does not have an identity")


@gradient_samples(vector_norm_3=(lambda x: linalg_vector_norm(x, 3, 1), lambda: (smooth(3, 4),)),
                  vector_norm_half=(lambda x: linalg_vector_norm(x, 0.5), lambda: (smooth(3, 4),)),
                  vector_norm_minus_1=(lambda x: linalg_vector_norm(x, -1, 0),
                                       lambda: (smooth(3, 4),)))
def linalg_vector_norm(input, ord=2, dim=None, keepdim=False, dtype=None):
    """torch.linalg.vector_norm: ``(Σ|x|^ord)^(1/ord)`` over ``dim`` (every element by
    default), ``ord`` any number (0 counts non-zeros, ±inf are max/min of ``|x|``); ``dtype``
    casts the input first; float16/bfloat16 are computed in float32.

    >>> import jax.numpy as jnp
    >>> linalg_vector_norm(jnp.array([[3., 4.], [0., 1.]], jnp.float32), 1, dim=1)
    Array([7., 1.], dtype=float32)
    """
    x = jnp.asarray(input)
    check_float_input("linalg.vector_norm", x)
    if type(ord) not in (int, float, bool):
        raise order_not_a_number(ord)
    x = _with_dtype("linalg.vector_norm", x, dtype)
    axes = normalize_dims(dim, x.ndim)
    _check_reducible(x, ord, axes)
    return in_opmath(lambda v: _vector_norm(v, ord, axes, keepdim), x)


def _reduced(x, reduce, axes, keepdim):
    out = reduce(x, axis=axes, keepdims=True)
    return out if keepdim else jnp.squeeze(out, axes)


def _singular_value_norm(x, ord, axes, keepdim):
    moved = jnp.moveaxis(x, axes, (-2, -1))
    values = jnp.linalg.svd(moved, compute_uv=False)
    if ord == "nuc":
        out = jnp.sum(values, -1)
    else:
        out = jnp.max(values, -1) if ord == 2 else jnp.min(values, -1)
    return jnp.expand_dims(out, axes) if keepdim else out


def linalg_matrix_norm(input, ord="fro", dim=(-2, -1), keepdim=False, dtype=None):
    """torch.linalg.matrix_norm over the two dims ``dim``: ``'fro'``, ``'nuc'`` (sum of the
    singular values), ``±2`` (largest/smallest singular value), ``±1`` (max/min absolute column
    sum), ``±inf`` (max/min absolute row sum).

    >>> import jax.numpy as jnp
    >>> linalg_matrix_norm(jnp.array([[1., -2.], [3., 4.]], jnp.float32), float("inf"))
    Array(7., dtype=float32)
    """
    name = "linalg.matrix_norm"
    x = jnp.asarray(input)
    axes = _matrix_norm_axes(tuple(dim) if isinstance(dim, (list, tuple)) else dim, x.ndim)
    check_float_input(name, x)
    if isinstance(ord, str):
        _check_norm_order(ord)
    elif ord not in _MATRIX_ORDERS or type(ord) is bool:
        raise RuntimeError(f"{name}: Order {_order_text(ord)} not supported.")
    x = _with_dtype(name, x, dtype)
    if ord == "fro":
        return in_opmath(lambda v: R._l2_norm(v, axes, keepdim), x)
    if ord in ("nuc", 2, -2):
        check_precision(name, x)
        return _singular_value_norm(x, ord, axes, keepdim)
    # ±1 sums each column (over the rows' dim, axes[0]); ±inf each row
    summed, picked = (axes[0], axes[1]) if abs(ord) == 1 else (axes[1], axes[0])
    pick = jnp.max if ord > 0 else jnp.min

    def norm(v):
        sums = jnp.sum(_abs(v), axis=summed, keepdims=True)
        out = pick(sums, axis=picked, keepdims=True)
        return out if keepdim else jnp.squeeze(out, axes)
    return in_opmath(norm, x)


def _norm_dims(dim):
    if dim is None:
        return None
    return (dim,) if isinstance(dim, int) else tuple(dim)


def norm_is_matrix_norm(x_ndim, ord, dim) -> bool:
    """Whether torch.linalg.norm computes a matrix norm for these arguments (a string order,
    two dims, or an order given for a 2-D input without dims)."""
    dims = _norm_dims(dim)
    if isinstance(ord, str):
        return True
    if ord is None:
        return False
    return len(dims) == 2 if dims is not None else x_ndim == 2


def linalg_norm(input, ord=None, dim=None, keepdim=False, dtype=None):
    """torch.linalg.norm: a vector norm (``ord`` None or a number, one dim or a 1-D input) or a
    matrix norm (a string ``ord``, two dims, or ``ord`` for a 2-D input).

    >>> import jax.numpy as jnp
    >>> linalg_norm(jnp.array([[1., -2.], [3., 4.]], jnp.float32), 1)
    Array(6., dtype=float32)
    """
    x = jnp.asarray(input)
    dims = _norm_dims(dim)
    if dims is not None:
        if len(dims) not in (1, 2):
            raise RuntimeError(f"linalg.norm: If dim is specified, it must be of length 1 or 2. "
                               f"Got [{', '.join(map(str, dims))}]")
    elif ord is not None and x.ndim not in (1, 2):
        raise RuntimeError(f"linalg.norm: If dim is not specified but ord is, the input must be "
                           f"1D or 2D. Got {x.ndim}D.")
    if norm_is_matrix_norm(x.ndim, ord, dim):
        return linalg_matrix_norm(x, ord, dims if dims is not None else (-2, -1), keepdim,
                                  dtype)
    return linalg_vector_norm(x, 2 if ord is None else ord, dims, keepdim, dtype)


__all__ = ["linalg_matrix_norm", "linalg_norm", "linalg_vector_norm", "norm_is_matrix_norm"]


def dist(input, other, p=2):
    """torch.dist: the ``p``-norm of ``input - other`` (broadcast, dtypes promoted).

    >>> import jax.numpy as jnp
    >>> dist(jnp.array([0., 0.], jnp.float32), jnp.array([3., 4.], jnp.float32))
    Array(5., dtype=float32)
    """
    a, b = jnp.asarray(input), jnp.asarray(other)
    dtype = dtypes.result_type(a, b)
    if dtypes.category(dtype) < 2:
        raise RuntimeError(f"norm(): input dtype should be either floating point or complex. "
                           f"Got {dtypes.torch_type_name(dtype)} instead.")
    return linalg_vector_norm(a.astype(dtype) - b.astype(dtype), p)
