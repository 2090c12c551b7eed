"""Attention against torch: ``F.scaled_dot_product_attention`` (values, gradients of every
input, grad_fn names, dtypes, dropout draws, errors), ``F.multi_head_attention_forward`` and
``nn.MultiheadAttention`` (initialisation under a seed, parameters, outputs, weights,
gradients, masks, repr)."""

import numpy as np
import pytest

from nn_oracle import assert_close, check_module, compat, raises_like, to_np, torch

rng = np.random.default_rng(1)


def randn(*shape, dtype=np.float32):
    return rng.standard_normal(shape).astype(dtype)


def _grad_fn_name(t):
    return None if t.grad_fn is None else type(t.grad_fn).__name__


def run_both(fn, arrays, grad=True):
    """``fn(lib, *tensors)`` in both libraries; compares the value, its grad_fn name and
    every input's gradient of ``sum(out * w)``."""
    results = []
    for lib in (torch, compat):
        xs = [lib.tensor(a.copy(), requires_grad=grad and a.dtype.kind == "f") for a in arrays]
        out = fn(lib, *xs)
        grads = []
        if out.requires_grad:
            w = lib.tensor(np.linspace(-1, 1, out.numel()).reshape(tuple(out.shape))
                           .astype(np.float32)).to(out.dtype)
            (out * w).sum().backward()
            grads = [None if x.grad is None else x.grad for x in xs]
        results.append((out, grads))
    (out_t, grads_t), (out_c, grads_c) = results
    assert _grad_fn_name(out_c) == _grad_fn_name(out_t)
    tol = 2e-3 if str(out_t.dtype) in ("torch.float16", "torch.bfloat16") else 2e-5
    assert_close(out_c, out_t, rtol=tol, atol=tol, what="output")
    assert_close(grads_c, grads_t, rtol=tol * 10, atol=tol * 10, what="grads")
    return out_c, out_t


def sdpa(lib, *args, **kw):
    return lib.nn.functional.scaled_dot_product_attention(*args, **kw)


Q, K, V = randn(2, 3, 4, 8), randn(2, 3, 5, 8), randn(2, 3, 5, 8)
FLOAT_MASK = randn(4, 5)
BOOL_MASK = rng.standard_normal((4, 5)) > -0.3
ROW_MASKED = BOOL_MASK.copy()
ROW_MASKED[1] = False

CASES = {
    "plain": (lambda lib, q, k, v: sdpa(lib, q, k, v), [Q, K, V]),
    "causal": (lambda lib, q, k, v: sdpa(lib, q, k, v, is_causal=True), [Q, K, V]),
    "causal_square": (lambda lib, q, k, v: sdpa(lib, q, k, v, is_causal=True),
                      [Q, randn(2, 3, 4, 8), randn(2, 3, 4, 8)]),
    "scale": (lambda lib, q, k, v: sdpa(lib, q, k, v, scale=0.25), [Q, K, V]),
    "float_mask": (lambda lib, q, k, v, m: sdpa(lib, q, k, v, attn_mask=m.detach()),
                   [Q, K, V, FLOAT_MASK]),
    "float_mask_grad": (lambda lib, q, k, v, m: sdpa(lib, q, k, v, attn_mask=m),
                        [Q, K, V, FLOAT_MASK]),
    "bool_mask": (lambda lib, q, k, v, m: sdpa(lib, q, k, v, attn_mask=m), [Q, K, V, BOOL_MASK]),
    "bool_mask_4d": (lambda lib, q, k, v, m: sdpa(lib, q, k, v, attn_mask=m),
                     [Q, K, V, rng.standard_normal((2, 1, 4, 5)) > 0]),
    "masked_row": (lambda lib, q, k, v, m: sdpa(lib, q, k, v, attn_mask=m),
                   [Q, K, V, ROW_MASKED]),
    "bool_mask_and_causal": (lambda lib, q, k, v, m: sdpa(lib, q, k, v, attn_mask=m,
                                                          is_causal=True),
                             [Q, K, V, BOOL_MASK]),
    "3d": (lambda lib, q, k, v: sdpa(lib, q[0], k[0], v[0]), [Q, K, V]),
    "2d": (lambda lib, q, k, v: sdpa(lib, q[0, 0], k[0, 0], v[0, 0]), [Q, K, V]),
    "5d": (lambda lib, q, k, v: sdpa(lib, q[None], k[None], v[None]), [Q, K, V]),
    "broadcast_batch": (lambda lib, q, k, v: sdpa(lib, q, k[:1], v[:1]), [Q, K, V]),
    "value_dim": (lambda lib, q, k, v: sdpa(lib, q, k, v), [Q, K, randn(2, 3, 5, 6)]),
    "gqa": (lambda lib, q, k, v: sdpa(lib, q, k, v, enable_gqa=True),
            [randn(2, 4, 3, 8), randn(2, 2, 5, 8), randn(2, 2, 5, 8)]),
    "gqa_3d": (lambda lib, q, k, v: sdpa(lib, q, k, v, enable_gqa=True),
               [randn(4, 3, 8), randn(1, 5, 8), randn(2, 5, 8)]),
    "float64": (lambda lib, q, k, v: sdpa(lib, q, k, v, is_causal=True),
                [Q.astype(np.float64), K.astype(np.float64), V.astype(np.float64)]),
    "float16": (lambda lib, q, k, v: sdpa(lib, q, k, v),
                [Q.astype(np.float16), K.astype(np.float16), V.astype(np.float16)]),
    "empty_source": (lambda lib, q, k, v: sdpa(lib, q, k[:, :, :0], v[:, :, :0]), [Q, K, V]),
}


@pytest.mark.parametrize("name", list(CASES))
def test_sdpa_against_torch(name):
    fn, arrays = CASES[name]
    run_both(fn, arrays)


def test_sdpa_without_grad_records_nothing():
    out_c, out_t = run_both(lambda lib, q, k, v: sdpa(lib, q, k, v), [Q, K, V], grad=False)
    assert out_c.grad_fn is None and not out_c.requires_grad


@pytest.mark.parametrize("p", [0.2, 0.5, 1.0])
@pytest.mark.parametrize("shape", [(2, 3, 4, 8), (4, 8)])
def test_sdpa_dropout_draws_torchs_masks(p, shape):
    q = randn(*shape)

    def fn(lib, q, k, v):
        lib.manual_seed(7)
        out = sdpa(lib, q, k, v, dropout_p=p)
        return out + lib.rand(1)  # the generator continues where torch's does
    run_both(fn, [q, q + 1, q * 2])


def test_sdpa_dropout_with_mask_draws_the_weights_shape():
    def fn(lib, q, k, v, m):
        lib.manual_seed(3)
        return sdpa(lib, q, k, v, attn_mask=m, dropout_p=0.3)
    run_both(fn, [Q, K, V, rng.standard_normal((3, 4, 5)) > 0])


ERRORS = {
    "dtypes": lambda lib: sdpa(lib, lib.ones(1, 2, 3), lib.ones(1, 2, 3, dtype=lib.float64),
                               lib.ones(1, 2, 3)),
    "one_dim": lambda lib: sdpa(lib, lib.ones(3), lib.ones(3), lib.ones(3)),
    "mask_dtype": lambda lib: sdpa(lib, lib.ones(2, 3), lib.ones(2, 3), lib.ones(2, 3),
                                   attn_mask=lib.ones(2, 2, dtype=lib.int64)),
    "mask_float64": lambda lib: sdpa(lib, lib.ones(2, 3), lib.ones(2, 3), lib.ones(2, 3),
                                     attn_mask=lib.ones(2, 2, dtype=lib.float64)),
    "integers": lambda lib: sdpa(lib, lib.ones(1, 1, 2, 3, dtype=lib.int64),
                                 lib.ones(1, 1, 2, 3, dtype=lib.int64),
                                 lib.ones(1, 1, 2, 3, dtype=lib.int64)),
    "feature_size": lambda lib: sdpa(lib, lib.ones(2, 3, 4, 8), lib.ones(2, 3, 5, 4),
                                     lib.ones(2, 3, 5, 8)),
    "mask_shape": lambda lib: sdpa(lib, lib.ones(2, 3, 4, 8), lib.ones(2, 3, 5, 8),
                                   lib.ones(2, 3, 5, 8), attn_mask=lib.ones(3, 5)),
    "mask_too_big": lambda lib: sdpa(lib, lib.ones(2, 3, 4, 8), lib.ones(2, 3, 5, 8),
                                     lib.ones(2, 3, 5, 8),
                                     attn_mask=lib.ones(2, 2, 3, 4, 5, dtype=lib.bool)),
    "mask_1d": lambda lib: sdpa(lib, lib.ones(2, 3, 4, 8), lib.ones(2, 3, 5, 8),
                                lib.ones(2, 3, 5, 8), attn_mask=lib.ones(5, dtype=lib.bool)),
    "gqa_heads": lambda lib: sdpa(lib, lib.ones(1, 3, 2, 4), lib.ones(1, 2, 2, 4),
                                  lib.ones(1, 2, 2, 4), enable_gqa=True),
    "causal_with_mask_3d": lambda lib: sdpa(lib, lib.ones(3, 2, 4), lib.ones(3, 2, 4),
                                            lib.ones(3, 2, 4), is_causal=True,
                                            attn_mask=lib.ones(2, 2, dtype=lib.bool)),
    "dropout_range": lambda lib: sdpa(lib, lib.ones(2, 3), lib.ones(2, 3), lib.ones(2, 3),
                                      dropout_p=1.5),
    "query_type": lambda lib: sdpa(lib, [1.0], lib.ones(2, 3), lib.ones(2, 3)),
    "dropout_type": lambda lib: sdpa(lib, lib.ones(2, 3), lib.ones(2, 3), lib.ones(2, 3),
                                     dropout_p="a"),
}


@pytest.mark.parametrize("name", list(ERRORS))
def test_sdpa_errors_as_torch(name):
    raises_like(ERRORS[name])


# ----------------------------------------------------------------------------- MultiheadAttention
class _Calls:
    """A module calling ``inner`` as ``inner(x, x, x, **kw)`` (self-attention: one tensor),
    or ``inner(q, kv, kv, **kw)``; numpy masks in ``masks`` become the library's tensors."""

    @staticmethod
    def build(make, mode="self", masks=None, **kw):
        def factory(lib):
            inner = make(lib)
            tensors = {k: lib.tensor(v) for k, v in (masks or {}).items()}

            class Wrap(lib.nn.Module):
                def __init__(self):
                    super().__init__()
                    self.inner = inner

                def forward(self, *xs):
                    if mode == "self":
                        args = (xs[0],) * 3
                    elif mode == "kv":
                        args = (xs[0], xs[1], xs[1])
                    else:
                        args = xs
                    return self.inner(*args, **tensors, **kw)
            return Wrap()
        return factory


def mha(*args, **kw):
    return lambda lib: lib.nn.MultiheadAttention(*args, **kw)


X = randn(5, 2, 8)        # (L, N, E)
XB = randn(2, 5, 8)       # (N, L, E)
MEM = randn(6, 2, 8)
CAUSAL = np.triu(np.full((5, 5), -np.inf, np.float32), 1)
PAD = np.zeros((2, 5), bool)
PAD[1, 3:] = True

MHA = {
    "self": (_Calls.build(mha(8, 2)), [X]),
    "self_no_weights": (_Calls.build(mha(8, 2), need_weights=False), [X]),
    "per_head_weights": (_Calls.build(mha(8, 2), average_attn_weights=False), [X]),
    "cross": (_Calls.build(mha(8, 4), mode="kv"), [X, MEM]),
    "separate_qkv": (_Calls.build(mha(8, 2), mode="all"), [X, MEM, randn(6, 2, 8)]),
    "kdim_vdim": (_Calls.build(mha(8, 2, kdim=3, vdim=5), mode="all"),
                  [X, randn(6, 2, 3), randn(6, 2, 5)]),
    "no_bias": (_Calls.build(mha(8, 2, bias=False)), [X]),
    "bias_kv": (_Calls.build(mha(8, 2, add_bias_kv=True)), [X]),
    "zero_attn": (_Calls.build(mha(8, 2, add_zero_attn=True), masks={"key_padding_mask": PAD}),
                  [X]),
    "batch_first": (_Calls.build(mha(8, 2, batch_first=True)), [XB]),
    "batch_first_cross": (_Calls.build(mha(8, 2, batch_first=True), mode="kv",
                                       need_weights=False), [XB, randn(2, 6, 8)]),
    "unbatched": (_Calls.build(mha(8, 2)), [randn(5, 8)]),
    "causal_float": (_Calls.build(mha(8, 2), masks={"attn_mask": CAUSAL}), [X]),
    "causal_hint": (_Calls.build(mha(8, 2), masks={"attn_mask": CAUSAL}, is_causal=True,
                                 need_weights=False), [X]),
    "bool_attn_mask": (_Calls.build(mha(8, 2), masks={"attn_mask": np.triu(np.ones((5, 5),
                                                                           bool), 1)}), [X]),
    "3d_attn_mask": (_Calls.build(mha(8, 2), masks={"attn_mask": randn(4, 5, 5)},
                                  need_weights=False), [X]),
    "padding": (_Calls.build(mha(8, 2), masks={"key_padding_mask": PAD}), [X]),
    "padding_no_weights": (_Calls.build(mha(8, 2), masks={"key_padding_mask": PAD},
                                        need_weights=False), [X]),
    "padding_and_mask": (_Calls.build(mha(8, 2), masks={"key_padding_mask": PAD,
                                                        "attn_mask": np.triu(
                                                            np.ones((5, 5), bool), 1)}), [X]),
    "dropout": (_Calls.build(mha(8, 2, dropout=0.3)), [X]),
    "dropout_no_weights": (_Calls.build(mha(8, 2, dropout=0.3), need_weights=False), [X]),
    "float64": (_Calls.build(lambda lib: lib.nn.MultiheadAttention(8, 2, dtype=lib.float64)),
                [X.astype(np.float64)]),
}


@pytest.mark.parametrize("name", list(MHA))
def test_multihead_attention_against_torch(name):
    make, arrays = MHA[name]
    check_module(make, arrays)


@pytest.mark.parametrize("name", ["self", "padding", "dropout", "batch_first"])
def test_multihead_attention_in_eval_mode(name):
    make, arrays = MHA[name]
    check_module(make, arrays, train=False)


def test_multihead_attention_without_grad_in_eval():
    # torch takes its fused inference kernel here; the values are the same
    outs = []
    for lib in (torch, compat):
        lib.manual_seed(0)
        m = lib.nn.MultiheadAttention(8, 2, batch_first=True).eval()
        x = lib.tensor(XB)
        with lib.no_grad():
            outs.append(m(x, x, x, key_padding_mask=lib.tensor(PAD)))
    assert_close(outs[1], outs[0], rtol=1e-5, atol=1e-6)


def test_multihead_attention_state_dict_names():
    for kw in ({}, {"kdim": 3, "vdim": 5, "add_bias_kv": True}, {"bias": False}):
        names = []
        for lib in (torch, compat):
            lib.manual_seed(0)
            sd = lib.nn.MultiheadAttention(8, 2, **kw).state_dict()
            names.append([(k, tuple(v.shape)) for k, v in sd.items()])
        assert names[1] == names[0]


def test_multihead_attention_grad_fn_names():
    names = []
    for lib in (torch, compat):
        lib.manual_seed(0)
        m = lib.nn.MultiheadAttention(8, 2)
        x = lib.tensor(X)
        out, w = m(x, x, x)
        out2, w2 = m(x, x, x, need_weights=False)
        names.append((_grad_fn_name(out), _grad_fn_name(w), _grad_fn_name(out2), w2))
    assert names[1] == names[0]


MHA_ERRORS = {
    "divisible": lambda lib: lib.nn.MultiheadAttention(8, 3),
    "positive": lambda lib: lib.nn.MultiheadAttention(0, 2),
    "query_dims": lambda lib: lib.nn.MultiheadAttention(8, 2)(lib.ones(1, 2, 3, 8),
                                                            lib.ones(1, 2, 3, 8),
                                                            lib.ones(1, 2, 3, 8)),
    "key_dims": lambda lib: lib.nn.MultiheadAttention(8, 2)(lib.ones(2, 3, 8), lib.ones(2, 8),
                                                          lib.ones(2, 8)),
    "embed_dim": lambda lib: lib.nn.MultiheadAttention(8, 2)(lib.ones(2, 3, 4), lib.ones(2, 3, 4),
                                                           lib.ones(2, 3, 4)),
    "mask_2d_shape": lambda lib: lib.nn.MultiheadAttention(8, 2)(
        lib.ones(2, 3, 8), lib.ones(2, 3, 8), lib.ones(2, 3, 8), attn_mask=lib.ones(3, 3)),
    "mask_3d_shape": lambda lib: lib.nn.MultiheadAttention(8, 2)(
        lib.ones(2, 3, 8), lib.ones(2, 3, 8), lib.ones(2, 3, 8), attn_mask=lib.ones(2, 2, 2)),
    "mask_dtype": lambda lib: lib.nn.MultiheadAttention(8, 2)(
        lib.ones(2, 3, 8), lib.ones(2, 3, 8), lib.ones(2, 3, 8),
        attn_mask=lib.ones(2, 2, dtype=lib.int64)),
    "padding_shape": lambda lib: lib.nn.MultiheadAttention(8, 2)(
        lib.ones(2, 3, 8), lib.ones(2, 3, 8), lib.ones(2, 3, 8),
        key_padding_mask=lib.ones(3, 3, dtype=lib.bool)),
    "causal_without_mask": lambda lib: lib.nn.MultiheadAttention(8, 2)(
        lib.ones(2, 3, 8), lib.ones(2, 3, 8), lib.ones(2, 3, 8), is_causal=True),
    "key_value_shapes": lambda lib: lib.nn.MultiheadAttention(8, 2)(
        lib.ones(2, 3, 8), lib.ones(2, 3, 8), lib.ones(4, 3, 8)),
}


@pytest.mark.parametrize("name", list(MHA_ERRORS))
def test_multihead_attention_errors_as_torch(name):
    raises_like(MHA_ERRORS[name])


def test_mismatched_mask_types_warn_as_torch():
    messages = []
    for lib in (torch, compat):
        lib.manual_seed(0)
        m = lib.nn.MultiheadAttention(8, 2)
        x = lib.ones(2, 3, 8)
        with pytest.warns(UserWarning) as record:
            m(x, x, x, key_padding_mask=lib.zeros(3, 2, dtype=lib.bool),
              attn_mask=lib.zeros(2, 2))
        messages.append([str(w.message) for w in record])
    assert messages[1] == messages[0]


def test_multi_head_attention_forward_functional():
    outs = []
    for lib in (torch, compat):
        lib.manual_seed(0)
        w_in, w_out = lib.randn(24, 8), lib.randn(8, 8)
        b_in, b_out = lib.randn(24), lib.randn(8)
        x = lib.tensor(X, requires_grad=True)
        out, weights = lib.nn.functional.multi_head_attention_forward(
            x, x, x, 8, 2, w_in, b_in, None, None, False, 0.0, w_out, b_out,
            key_padding_mask=lib.tensor(PAD))
        out.sum().backward()
        outs.append((out, weights, x.grad))
    assert_close(outs[1], outs[0], rtol=1e-4, atol=1e-4)
    assert to_np(outs[1][2]) is not None
