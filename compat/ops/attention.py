"""Attention in ``torch.nn.functional``: ``scaled_dot_product_attention`` (one fused op of the
table) and ``multi_head_attention_forward`` (torch's composite, on the table's ops).

The fused op's node is the one torch's CPU build records for the kernel it picks: its flash
kernel (``ScaledDotProductFlashAttentionForCpuBackward0``) for 4-D inputs of one batch size
and head count without dropout or a mask that needs a gradient, else the last op of its
reference ("math") composite. Dropout draws its mask from the torch-identical generator, of
the attention weights' shape, as torch's math kernel does.

>>> import compat as torch
>>> import compat.nn.functional as F
>>> q = torch.zeros(1, 1, 2, 2, requires_grad=True)
>>> F.scaled_dot_product_attention(q, q, torch.tensor([[[[1., 2.], [3., 4.]]]]), is_causal=True)
tensor([[[[1., 2.],
          [2., 3.]]]], grad_fn=<ScaledDotProductFlashAttentionForCpuBackward0>)
"""
from __future__ import annotations

import math
import warnings

from jaxgrad.functional import attention as _attention
from jaxgrad.functional import layers as _layers

from .. import creation
from ..dispatch import argument_type_error
from ..tensors import Tensor
from . import nn as _nn
from .registry import FUNCTIONS, nn_function, op

_FLASH = "ScaledDotProductFlashAttentionForCpuBackward0"


def _uses_flash(query, key, value, attn_mask, dropout, enable_gqa) -> bool:
    """Whether torch's CPU dispatcher picks its flash kernel (``use_flash_attention_cpp``):
    4-D inputs, one batch size, query heads equal to (or, under gqa, a multiple of) the key
    and value heads, one head size, nonempty sequences, no dropout, no mask gradient."""
    if dropout or not query.ndim == key.ndim == value.ndim == 4:
        return False
    if attn_mask is not None and attn_mask.requires_grad:
        return False
    (b, h, length, e), (bk, hk, source, ek), (bv, hv, _, ev) = query.shape, key.shape, value.shape
    if not b == bk == bv or not e == ek == ev or not length or not source:
        return False
    if h == hk == hv:
        return True
    return bool(enable_gqa) and hk == hv and h % hk == 0


def _sdpa_name(query, key, value, attn_mask, dropout_mask, is_causal, scale, enable_gqa):
    if not query.shape[-2] or not key.shape[-2]:
        return "AddBackward0"  # torch's empty-sequence shortcut: zeros plus the inputs' sum
    if _uses_flash(query, key, value, attn_mask, dropout_mask is not None, enable_gqa):
        return _FLASH
    return "MmBackward0" if query.ndim == key.ndim == value.ndim == 2 else "UnsafeViewBackward0"


_sdpa = op("scaled_dot_product_attention(self, key, value, attn_mask, dropout_mask, is_causal, "
           "scale, enable_gqa)", _attention.scaled_dot_product_attention, _sdpa_name,
           traced=("self", "key", "value", "attn_mask", "dropout_mask"),
           fn_names={"self": "query"}, method=False, function=False)

_CAUSAL_WITH_MASK = ("_scaled_dot_product_attention: Explicit attn_mask should not be set when "
                     "is_causal=True")


@nn_function("scaled_dot_product_attention")
def scaled_dot_product_attention(query, key, value, attn_mask=None, dropout_p=0.0,
                                 is_causal=False, scale=None, enable_gqa=False):
    """``softmax(q kᵀ · scale + mask) v``, torch's fused attention: a boolean ``attn_mask``
    keeps where True, a float one is added; ``is_causal`` keeps the lower triangle; a row
    with nothing to attend to is zeros; ``dropout_p`` drops attention weights (torch's draws);
    ``enable_gqa`` shares each key/value head among a group of query heads."""
    for position, (name, value_) in enumerate((("query", query), ("key", key),
                                               ("value", value)), 1):
        if not isinstance(value_, Tensor):
            raise argument_type_error("scaled_dot_product_attention", name, position, value_)
    if attn_mask is not None and not isinstance(attn_mask, Tensor):
        raise argument_type_error("scaled_dot_product_attention", "attn_mask", 4, attn_mask)
    if isinstance(dropout_p, bool) or not isinstance(dropout_p, (int, float)):
        raise TypeError("scaled_dot_product_attention(): argument 'dropout_p' must be float, not "
                        f"{type(dropout_p).__name__}")
    dropout_p = float(dropout_p)
    flash = _uses_flash(query, key, value, attn_mask, dropout_p > 0, enable_gqa)
    if dropout_p < 0 and flash:
        raise RuntimeError("scaled_dot_product_attention_flash_attention: Currently do not "
                           "support dropout > 0")
    if is_causal and attn_mask is not None and not flash:
        raise RuntimeError(_CAUSAL_WITH_MASK)
    noise = None
    if dropout_p > 0:
        try:
            _layers.check_dropout_probability(dropout_p)
        except ValueError as err:  # the fused kernel's check: the same words, a RuntimeError
            raise RuntimeError(str(err)) from None
        shape = _attention.attention_shape(query.shape, key.shape, value.shape,
                                           None if attn_mask is None else attn_mask.shape,
                                           enable_gqa)
        noise = _nn.dropout_noise(shape, query._data.dtype, dropout_p)
    return _sdpa(query, key, value, attn_mask, noise, bool(is_causal),
                 None if scale is None else float(scale), bool(enable_gqa))


# ----------------------------------------------------------------------------- multi-head
def canonical_mask(mask, mask_name, other_type, other_name, target_type, check_other=True):
    """torch's ``_canonical_mask``: a boolean mask as an additive float one (-inf where True);
    a float mask as it is; other dtypes refused; a warning when the two masks' types differ."""
    if mask is None:
        return None
    if mask.dtype.name != "bool" and not mask.dtype.is_floating_point:
        raise AssertionError(f"only bool and floating types of {mask_name} are supported")
    if check_other and other_type is not None and mask.dtype != other_type:
        warnings.warn(f"Support for mismatched {mask_name} and {other_name} is deprecated. Use "
                      "same type for both instead.", stacklevel=3)
    if mask.dtype.is_floating_point:
        return mask
    return creation.zeros(tuple(mask.shape), dtype=target_type).masked_fill(mask, -math.inf)


def _check_shapes(query, key, value, key_padding_mask, attn_mask, num_heads) -> bool:
    """torch's ``_mha_shape_check``: whether the call is batched, with its AssertionErrors."""
    if query.ndim not in (2, 3):
        raise AssertionError("query should be unbatched 2D or batched 3D tensor but received "
                             f"{query.ndim}-D query tensor")
    batched = query.ndim == 3
    kind, need = ("batched (3-D)", 3) if batched else ("unbatched (2-D)", 2)
    if key.ndim != need or value.ndim != need:
        raise AssertionError(f"For {kind} `query`, expected `key` and `value` to be {need}-D but "
                             f"found {key.ndim}-D and {value.ndim}-D tensors respectively")
    if key_padding_mask is not None and key_padding_mask.ndim != need - 1:
        raise AssertionError(f"For {kind} `query`, expected `key_padding_mask` to be `None` or "
                             f"{need - 1}-D but found {key_padding_mask.ndim}-D tensor instead")
    if attn_mask is not None:
        if attn_mask.ndim not in (2, 3):
            raise AssertionError(f"For {kind} `query`, expected `attn_mask` to be `None`, 2-D or "
                                 f"3-D but found {attn_mask.ndim}-D tensor instead")
        if not batched and attn_mask.ndim == 3:
            expected = (num_heads, query.shape[0], key.shape[0])
            if tuple(attn_mask.shape) != expected:
                raise AssertionError(f"Expected `attn_mask` shape to be {expected} but got "
                                     f"{attn_mask.shape}")
    return batched


def _in_projection(query, key, value, weights, biases):
    """The query, key and value projections (one weight and bias, or None, for each)."""
    return tuple(_nn.linear(x, w, b) for x, w, b in zip((query, key, value), weights, biases))


def _check_separate_weights(query, key, value, weights, biases):
    eq, ek, ev = query.shape[-1], key.shape[-1], value.shape[-1]
    for what, w, shape in (("query", weights[0], (eq, eq)), ("key", weights[1], (eq, ek)),
                           ("value", weights[2], (eq, ev))):
        if tuple(w.shape) != shape:
            raise AssertionError(f"expecting {what} weights shape of {shape}, but got {w.shape}")
    for what, b in zip(("query", "key", "value"), biases):
        if b is not None and tuple(b.shape) != (eq,):
            raise AssertionError(f"expecting {what} bias shape of {(eq,)}, but got {b.shape}")


def _projections(query, key, value, embed_dim, in_proj_weight, in_proj_bias,
                 use_separate_proj_weight, q_proj_weight, k_proj_weight, v_proj_weight):
    if not use_separate_proj_weight:
        if key.shape != value.shape:
            raise AssertionError(f"key shape {key.shape} does not match value shape "
                                 f"{value.shape}")
        if in_proj_weight is None:
            raise AssertionError("use_separate_proj_weight is False but in_proj_weight is None")
        weights = in_proj_weight.chunk(3)
        biases = (None,) * 3 if in_proj_bias is None else in_proj_bias.chunk(3)
        return _in_projection(query, key, value, weights, biases)
    if key.shape[:2] != value.shape[:2]:
        raise AssertionError(f"key's sequence and batch dims {key.shape[:2]} do not match "
                             f"value's {value.shape[:2]}")
    for name, w in (("q", q_proj_weight), ("k", k_proj_weight), ("v", v_proj_weight)):
        if w is None:
            raise AssertionError(f"use_separate_proj_weight is True but {name}_proj_weight is "
                                 "None")
    weights = (q_proj_weight, k_proj_weight, v_proj_weight)
    biases = (None,) * 3 if in_proj_bias is None else in_proj_bias.chunk(3)
    _check_separate_weights(query, key, value, weights, biases)
    return _in_projection(query, key, value, weights, biases)


def _checked_attn_mask(attn_mask, tgt_len, src_len, rows):
    """A 2-D mask as one batch of 1, a 3-D one as it is, each of the shape torch requires."""
    if attn_mask.ndim == 2:
        if tuple(attn_mask.shape) != (tgt_len, src_len):
            raise RuntimeError(f"The shape of the 2D attn_mask is {attn_mask.shape}, but should "
                               f"be {(tgt_len, src_len)}.")
        return attn_mask.unsqueeze(0)
    if attn_mask.ndim == 3:
        if tuple(attn_mask.shape) != (rows, tgt_len, src_len):
            raise RuntimeError(f"The shape of the 3D attn_mask is {attn_mask.shape}, but should "
                               f"be {(rows, tgt_len, src_len)}.")
        return attn_mask
    raise RuntimeError(f"attn_mask's dimension {attn_mask.ndim} is not supported")


def _extended(k, v, bias_k, bias_v, add_zero_attn, static_k, static_v, attn_mask,
              key_padding_mask, bsz, num_heads, head_dim):
    """Keys and values as (batch · heads, S, head_dim), with ``bias_k``/``bias_v`` and the zero
    position appended (and the masks padded for them), or the static ones."""
    cat = FUNCTIONS["cat"]
    if bias_k is not None and bias_v is not None:
        if static_k is not None:
            raise AssertionError("bias cannot be added to static key.")
        if static_v is not None:
            raise AssertionError("bias cannot be added to static value.")
        k, v = cat([k, bias_k.repeat(1, bsz, 1)]), cat([v, bias_v.repeat(1, bsz, 1)])
        attn_mask = None if attn_mask is None else _nn.pad(attn_mask, (0, 1))
        key_padding_mask = None if key_padding_mask is None else _nn.pad(key_padding_mask, (0, 1))
    elif bias_k is not None:
        raise AssertionError("bias_k is set but bias_v is None")
    elif bias_v is not None:
        raise AssertionError("bias_v is set but bias_k is None")
    rows = bsz * num_heads
    k = _heads(k, rows, head_dim, static_k, "k")
    v = _heads(v, rows, head_dim, static_v, "v")
    if add_zero_attn:
        zeros = creation.zeros((rows, 1, head_dim), dtype=k.dtype)
        k, v = cat([k, zeros], dim=1), cat([v, zeros.to(v.dtype)], dim=1)
        attn_mask = None if attn_mask is None else _nn.pad(attn_mask, (0, 1))
        key_padding_mask = None if key_padding_mask is None else _nn.pad(key_padding_mask, (0, 1))
    return k, v, attn_mask, key_padding_mask


def _heads(x, rows, head_dim, static, name):
    if static is None:
        return x.view(x.shape[0], rows, head_dim).transpose(0, 1)
    if static.shape[0] != rows:
        raise AssertionError(f"expecting static_{name}.size(0) of {rows}, but got "
                             f"{static.shape[0]}")
    if static.shape[2] != head_dim:
        raise AssertionError(f"expecting static_{name}.size(2) of {head_dim}, but got "
                             f"{static.shape[2]}")
    return static


@nn_function("multi_head_attention_forward")
def multi_head_attention_forward(query, key, value, embed_dim_to_check, num_heads,
                                 in_proj_weight, in_proj_bias, bias_k, bias_v, add_zero_attn,
                                 dropout_p, out_proj_weight, out_proj_bias, training=True,
                                 key_padding_mask=None, need_weights=True, attn_mask=None,
                                 use_separate_proj_weight=False, q_proj_weight=None,
                                 k_proj_weight=None, v_proj_weight=None, static_k=None,
                                 static_v=None, average_attn_weights=True, is_causal=False):
    """torch's multi-head attention on ``(L, N, E)`` (or unbatched ``(L, E)``) inputs: the
    in-projections, attention per head, the out-projection; returns ``(output, weights)``,
    the weights averaged over heads (``average_attn_weights``) or None unless
    ``need_weights``. With ``need_weights`` the weights are computed explicitly (torch's
    reference path), else by :func:`scaled_dot_product_attention`."""
    batched = _check_shapes(query, key, value, key_padding_mask, attn_mask, num_heads)
    if not batched:
        query, key, value = query.unsqueeze(1), key.unsqueeze(1), value.unsqueeze(1)
        if key_padding_mask is not None:
            key_padding_mask = key_padding_mask.unsqueeze(0)
    tgt_len, bsz, embed_dim = query.shape
    src_len = key.shape[0]
    key_padding_mask = canonical_mask(key_padding_mask, "key_padding_mask",
                                      None if attn_mask is None else attn_mask.dtype,
                                      "attn_mask", query.dtype)
    if is_causal and attn_mask is None:
        raise RuntimeError("Need attn_mask if specifying the is_causal hint. You may use the "
                           "Transformer module method `generate_square_subsequent_mask` to "
                           "create this mask.")
    if is_causal and key_padding_mask is None and not need_weights:
        attn_mask = None  # the fused kernel makes the causal mask itself
    else:
        attn_mask = canonical_mask(attn_mask, "attn_mask", None, "", query.dtype,
                                   check_other=False)
        if key_padding_mask is not None:
            is_causal = False
    if embed_dim != embed_dim_to_check:
        raise AssertionError(f"was expecting embedding dimension of {embed_dim_to_check}, but "
                             f"got {embed_dim}")
    head_dim = embed_dim // num_heads
    if head_dim * num_heads != embed_dim:
        raise AssertionError(f"embed_dim {embed_dim} not divisible by num_heads {num_heads}")
    q, k, v = _projections(query, key, value, embed_dim, in_proj_weight, in_proj_bias,
                           use_separate_proj_weight, q_proj_weight, k_proj_weight, v_proj_weight)
    rows = bsz * num_heads
    if attn_mask is not None:
        attn_mask = _checked_attn_mask(attn_mask, tgt_len, src_len, rows)
    q = q.view(tgt_len, rows, head_dim).transpose(0, 1)
    k, v, attn_mask, key_padding_mask = _extended(
        k, v, bias_k, bias_v, add_zero_attn, static_k, static_v, attn_mask, key_padding_mask,
        bsz, num_heads, head_dim)
    src_len = k.shape[1]
    if key_padding_mask is not None:
        if key_padding_mask.shape[0] != bsz:
            raise AssertionError(f"Expected key_padded_mask.shape[0] to be {bsz}, but got "
                                 f"{key_padding_mask.shape[0]}")
        if key_padding_mask.shape[1] != src_len:
            raise AssertionError(f"Expected key_padded_mask.shape[1] to be {src_len}, but got "
                                 f"{key_padding_mask.shape[1]}")
        padding = (key_padding_mask.view(bsz, 1, 1, src_len).expand(-1, num_heads, -1, -1)
                   .reshape(rows, 1, src_len))
        attn_mask = padding if attn_mask is None else attn_mask + padding
    if not training:
        dropout_p = 0.0
    if need_weights:
        out, weights = _explicit_attention(q, k, v, attn_mask, dropout_p, is_causal)
        out = out.transpose(0, 1).reshape(tgt_len * bsz, embed_dim)
        out = _nn.linear(out, out_proj_weight, out_proj_bias)
        out = out.view(tgt_len, bsz, out.shape[1])
        weights = weights.view(bsz, num_heads, tgt_len, src_len)
        if average_attn_weights:
            weights = weights.mean(dim=1)
        if not batched:
            out, weights = out.squeeze(1), weights.squeeze(0)
        return out, weights
    if attn_mask is not None:
        if attn_mask.shape[0] == 1 and attn_mask.ndim == 3:
            attn_mask = attn_mask.unsqueeze(0)
        else:
            attn_mask = attn_mask.view(bsz, num_heads, -1, src_len)
    out = scaled_dot_product_attention(q.view(bsz, num_heads, tgt_len, head_dim),
                                       k.view(bsz, num_heads, src_len, head_dim),
                                       v.view(bsz, num_heads, src_len, head_dim),
                                       attn_mask, dropout_p, is_causal)
    out = out.permute(2, 0, 1, 3).reshape(bsz * tgt_len, embed_dim)
    out = _nn.linear(out, out_proj_weight, out_proj_bias)
    out = out.view(tgt_len, bsz, out.shape[1])
    return (out if batched else out.squeeze(1)), None


def _explicit_attention(q, k, v, attn_mask, dropout_p, is_causal):
    """torch's reference attention of (batch · heads, L, E) inputs, weights kept: scaled
    scores (plus the mask), softmax, dropout, then the weighted values."""
    if is_causal and attn_mask is None:
        raise AssertionError("FIXME: is_causal not implemented for need_weights")
    scores = (q * math.sqrt(1.0 / float(q.shape[-1]))).bmm(k.transpose(-2, -1))
    if attn_mask is not None:
        scores = attn_mask + scores
    weights = _nn.softmax(scores, dim=-1)
    if dropout_p > 0.0:
        weights = _nn.dropout(weights, p=dropout_p)
    return weights.bmm(v), weights
