"""Distances between batches of vectors with torch's semantics: ``cosine_similarity``,
``pairwise_distance`` and ``pdist``.

>>> import jax.numpy as jnp
>>> cosine_similarity(jnp.array([[1., 0.]], jnp.float32), jnp.array([[1., 1.]], jnp.float32))
Array([0.70710677], dtype=float32)
"""
from __future__ import annotations

import functools

import jax
import jax.numpy as jnp
import numpy as np

from .. import dtypes
from ._checks import broadcast_shapes, forward_ad_refusal, gradient_samples, normalize_dim
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


@gradient_samples(
    pdist=(lambda x: pdist(x, 2.0), lambda: (jnp.array([[0.0, 1.0], [2.0, 0.5], [1.2, 3.0]]),)),
    pdist_p3=(lambda x: pdist(x, 3.0), lambda: (jnp.array([[0.3, 1.0], [2.0, 0.5], [1.2, 3.0]]),)))
def pdist(input, p=2.0):
    """torch.pdist: the ``p``-norm distance between every pair of rows ``i < j`` of an
    ``(N, M)`` input, in row-major pair order; the gradient is torch's (0 at a zero distance).

    >>> import jax.numpy as jnp
    >>> pdist(jnp.array([[0., 0.], [3., 4.], [0., 1.]], jnp.float32))
    Array([5.      , 1.      , 4.2426405], dtype=float32)
    """
    x = jnp.asarray(input)
    if x.ndim != 2:
        raise RuntimeError(f"pdist only supports 2D tensors, got: {x.ndim}D")
    if not dtypes.is_floating(x.dtype):
        raise RuntimeError("pdist only supports floating-point dtypes")
    if p < 0:
        raise RuntimeError("pdist only supports non-negative p values")
    rows, cols = np.triu_indices(x.shape[0], 1)
    return _pair_distances(x, rows, cols, float(p))


# torch's derivatives.yaml gives _pdist_forward no forward-mode formula
pdist.forward_ad_refusal = forward_ad_refusal("_pdist_forward")


def _distance(diff, p):
    a = jnp.abs(diff)
    if p == 0:
        return jnp.sum(a != 0, axis=-1).astype(diff.dtype)
    if p == 1:
        return jnp.sum(a, axis=-1)
    if p == 2:
        return jnp.sqrt(jnp.sum(a * a, axis=-1))
    if p == np.inf:
        return jnp.max(a, axis=-1, initial=0)
    return jnp.sum(a ** p, axis=-1) ** (1 / p)


@functools.partial(jax.custom_vjp, nondiff_argnums=(1, 2, 3))
def _pair_distances(x, rows, cols, p):
    return _distance(x[rows] - x[cols], p)


def _pair_forward(x, rows, cols, p):
    diff = x[rows] - x[cols]
    dist = _distance(diff, p)
    return dist, (x, diff, dist)


def _pair_backward(rows, cols, p, saved, grad):
    # torch's _pdist_backward, case by case (every case is 0 where the distance is 0).
    x, diff, dist = saved
    g, d = grad[:, None], dist[:, None]
    zero = jnp.zeros_like(diff)
    if p == 0:
        per_pair = zero
    elif p == 1:
        per_pair = jnp.sign(diff) * g
    elif p == 2:
        per_pair = jnp.where(d == 0, zero, diff * g / jnp.where(d == 0, 1, d))
    elif p == np.inf:
        per_pair = jnp.sign(diff) * (jnp.abs(diff) == d) * g
    elif p < 2:
        safe = jnp.where(d == 0, 1, d)
        value = jnp.sign(diff) * jnp.abs(diff) ** (p - 1) * g / safe ** (p - 1)
        per_pair = jnp.where((d == 0) | ((diff == 0) & (p < 1)), zero, value)
    else:
        safe = jnp.where(d == 0, 1, d)
        per_pair = jnp.where(d == 0, zero, diff * jnp.abs(diff) ** (p - 2) * g / safe ** (p - 1))
    out = jnp.zeros_like(x).at[rows].add(per_pair).at[cols].add(-per_pair)
    return (out,)


_pair_distances.defvjp(_pair_forward, _pair_backward)
