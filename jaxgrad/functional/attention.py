"""Scaled dot-product attention with torch's semantics, as one pure JAX function.

``softmax(q kᵀ · scale + mask) v`` over the last two dims, any leading (broadcast) dims in
front: a boolean ``attn_mask`` keeps the positions where it is True, a float one is added;
``is_causal`` keeps the lower triangle (aligned top-left, as torch's); a row with nothing to
attend to gives zeros (torch's "safe" softmax), not NaN. Dropout is an explicit multiplier of
the attention weights (``dropout_mask``), drawn by the caller.

>>> import jax.numpy as jnp
>>> q = jnp.ones((1, 2, 4), jnp.float32)
>>> scaled_dot_product_attention(q, q, jnp.arange(8, dtype=jnp.float32).reshape(1, 2, 4)).shape
(1, 2, 4)
"""
from __future__ import annotations

import math

import jax
import jax.numpy as jnp

from .. import dtypes
from ._checks import (broadcast_shapes, normalize_dim, output_shape_mismatch,
                      scalar_type_mismatch)
from .elementwise import widen
from .linalg import batch2_size_mismatch


def _check_inputs(q, k, v, mask):
    """torch's ``validate_sdpa_input``, in its order: one dtype, at least 2-D, the mask's
    dtype; then the float-only kernel."""
    if not q.dtype == k.dtype == v.dtype:
        raise RuntimeError("Expected query, key, and value to have the same dtype, but got "
                           f"query.dtype: {dtypes.c_type_name(q.dtype)} key.dtype: "
                           f"{dtypes.c_type_name(k.dtype)} and value.dtype: "
                           f"{dtypes.c_type_name(v.dtype)} instead.")
    if min(q.ndim, k.ndim, v.ndim) < 2:
        raise RuntimeError("Expected query, key, and value to all be  at least 2 dimensional, but "
                           f"got query.dim: {q.ndim} key.dim: {k.ndim} and value.dim: {v.ndim} "
                           "instead.")
    if mask is not None and mask.dtype != dtypes.bool_ and mask.dtype != q.dtype:
        raise RuntimeError("Expected attn_mask dtype to be bool or float or to match query dtype, "
                           f"but got attn_mask.dtype: {dtypes.c_type_name(mask.dtype)} and  "
                           f"query.dtype: {dtypes.c_type_name(q.dtype)} instead.")
    if not dtypes.is_floating(q.dtype):
        raise scalar_type_mismatch(dtypes.float32, q.dtype)


def _grouped_heads(q_shape, kv_shape):
    """How many query heads share each key/value head under ``enable_gqa`` (torch's words
    when they do not divide; its message ends mid-sentence, as torch's)."""
    if len(q_shape) < 3 or len(kv_shape) < 3:
        return 1
    if q_shape[-3] % kv_shape[-3]:
        raise RuntimeError("Number of heads in key and value must divide the number of heads in ")
    return q_shape[-3] // kv_shape[-3]


def attention_shape(query_shape, key_shape, value_shape, mask_shape=None, enable_gqa=False):
    """The shape of the attention weights ``(…, L, S)`` of a call (its dropout mask's shape),
    with torch's shape errors: the key's feature size against the query's, a mask that does
    not broadcast to the weights.

    >>> attention_shape((2, 3, 4, 8), (2, 1, 5, 8), (2, 1, 5, 8), (4, 5), enable_gqa=True)
    (2, 3, 4, 5)
    """
    q_shape, k_shape = tuple(query_shape), tuple(key_shape)
    if enable_gqa:
        groups = _grouped_heads(q_shape, k_shape)
        _grouped_heads(q_shape, tuple(value_shape))
        if groups > 1:
            k_shape = k_shape[:-3] + (k_shape[-3] * groups,) + k_shape[-2:]
    batch = broadcast_shapes(q_shape[:-2], k_shape[:-2])
    if q_shape[-1] != k_shape[-1]:
        rows = math.prod(batch)
        raise batch2_size_mismatch((rows, q_shape[-1]), (rows, k_shape[-1]))
    shape = batch + (q_shape[-2], k_shape[-2])
    if mask_shape is not None:
        mask_shape = tuple(mask_shape)
        if len(mask_shape) < 2:
            normalize_dim(-2, len(mask_shape))  # torch reads the mask's rows: its IndexError
        joint = broadcast_shapes(shape, mask_shape)
        if joint != shape:  # the mask is added in place to the weights
            raise output_shape_mismatch(shape, joint)
    return shape


def _repeat_heads(x, groups):
    return x if groups == 1 else jnp.repeat(x, groups, axis=-3)


def _safe_softmax(scores):
    """Softmax over the last dim that gives 0 (value and gradient) for a row of -inf only,
    as torch's ``_safe_softmax``."""
    top = jax.lax.stop_gradient(jnp.max(scores, axis=-1, keepdims=True, initial=-jnp.inf))
    top = jnp.where(jnp.isneginf(top), jnp.zeros((), top.dtype), top)
    e = jnp.exp(scores - top)
    total = jnp.sum(e, axis=-1, keepdims=True)
    return e / jnp.where(total == 0, jnp.ones((), total.dtype), total)


def scaled_dot_product_attention(query, key, value, attn_mask=None, dropout_mask=None,
                                 is_causal=False, scale=None, enable_gqa=False):
    """torch.nn.functional.scaled_dot_product_attention with the dropout as a given
    multiplier ``dropout_mask`` of the attention weights (``keep / (1 - p)``, of their shape).

    ``scale`` defaults to ``1/√E`` (E: the query's last dim); ``enable_gqa`` repeats each
    key/value head over its group of query heads. A boolean mask and ``is_causal`` together
    keep the positions both allow. float16/bfloat16 are computed in float32 and rounded once.

    >>> import jax.numpy as jnp
    >>> q = jnp.zeros((1, 2, 2), jnp.float32)
    >>> v = jnp.array([[[1., 2.], [3., 4.]]], jnp.float32)
    >>> scaled_dot_product_attention(q, q, v, is_causal=True)
    Array([[[1., 2.],
            [2., 3.]]], dtype=float32)
    """
    q, k, v = jnp.asarray(query), jnp.asarray(key), jnp.asarray(value)
    mask = None if attn_mask is None else jnp.asarray(attn_mask)
    _check_inputs(q, k, v, mask)
    attention_shape(q.shape, k.shape, v.shape, None if mask is None else mask.shape, enable_gqa)
    if enable_gqa:
        k = _repeat_heads(k, _grouped_heads(q.shape, k.shape))
        v = _repeat_heads(v, _grouped_heads(q.shape, v.shape))
    factor = 1.0 / math.sqrt(q.shape[-1]) if scale is None else float(scale)
    wq, wk, wv = widen(q), widen(k), widen(v)
    scores = jnp.matmul(wq * jnp.asarray(factor, wq.dtype), jnp.swapaxes(wk, -1, -2))
    neg_inf = jnp.asarray(-jnp.inf, scores.dtype)
    if mask is not None:
        if mask.dtype == dtypes.bool_:
            scores = jnp.where(mask, scores, neg_inf)
        else:
            scores = scores + widen(mask)
    if is_causal:
        length, source = scores.shape[-2:]
        causal = jnp.tril(jnp.ones((length, source), bool))
        scores = jnp.where(causal, scores, neg_inf)
    weights = _safe_softmax(scores)
    if dropout_mask is not None:
        weights = weights * widen(dropout_mask)
    return jnp.matmul(weights, wv).astype(q.dtype)
