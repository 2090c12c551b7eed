"""Distances between batches of vectors with torch's semantics: ``cosine_similarity`` and
``pairwise_distance``.

>>> import jax.numpy as jnp
>>> cosine_similarity(jnp.array([[1., 0.]], jnp.float32), jnp.array([[1., 1.]], jnp.float32))
Array([0.70710677], dtype=float32)
"""
from __future__ import annotations

import jax
import jax.numpy as jnp

from .. import dtypes
from ._checks import broadcast_shapes, normalize_dim
from .elementwise import add, opmath_dtype, sub
from .reductions import norm


def _clamped_norm(x, axis, eps):
    """``x``'s 2-norm along ``axis`` (kept), raised to ``eps`` as torch does it: in place
    under no_grad, so the gradient is the unclamped norm's."""
    n = norm(x, 2, axis, True)
    return n - jax.lax.stop_gradient(n) + jax.lax.stop_gradient(jnp.maximum(n, eps))


def cosine_similarity(x1, x2, dim=1, eps=1e-8):
    """torch.cosine_similarity: ``sum(x1 / ‖x1‖ * x2 / ‖x2‖)`` along ``dim`` after
    broadcasting, each norm at least ``eps``; each step rounds to its operands' dtype, as
    torch's ops (float16 included).

    >>> import jax.numpy as jnp
    >>> cosine_similarity(jnp.array([3., 4.], jnp.float32), jnp.array([3., 4.], jnp.float32), 0)
    Array(1., dtype=float32)
    """
    a, b = jnp.asarray(x1), jnp.asarray(x2)
    common = dtypes.result_type(a, b)
    if not dtypes.is_floating(common):
        raise RuntimeError(f"expected common dtype to be floating point, yet common dtype is "
                           f"{dtypes.torch_type_name(common)}")
    shape = broadcast_shapes(a.shape, b.shape)
    axis = normalize_dim(dim, len(shape))
    # integers (and bools) become the common dtype; each float operand keeps its own for its
    # norm and quotient, as torch's
    a = jnp.broadcast_to(a if dtypes.is_floating(a.dtype) else a.astype(common), shape)
    b = jnp.broadcast_to(b if dtypes.is_floating(b.dtype) else b.astype(common), shape)
    if not shape:  # a 0-d pair is one vector of one element
        return cosine_similarity(a.reshape(1), b.reshape(1), 0, eps).reshape(())
    product = (a / _clamped_norm(a, axis, eps)) * (b / _clamped_norm(b, axis, eps))
    return jnp.sum(product.astype(opmath_dtype(common)), axis=axis).astype(common)


def pairwise_distance(x1, x2, p=2.0, eps=1e-6, keepdim=False):
    """torch.pairwise_distance: ``norm(x1 - x2 + eps, p)`` along the last dim of the
    broadcast pair (torch's ``at::norm``, with its gradients).

    >>> import jax.numpy as jnp
    >>> x = jnp.array([[3., 4.]], jnp.float32)
    >>> pairwise_distance(x, jnp.zeros((1, 2), jnp.float32), eps=0.)
    Array([5.], dtype=float32)
    """
    difference = add(sub(x1, x2), eps)
    if not difference.ndim:  # torch's norm over dim -1 of a 0-d tensor: one element
        return norm(difference.reshape(1), p, 0, False).reshape(())
    return norm(difference, p, difference.ndim - 1, keepdim)
