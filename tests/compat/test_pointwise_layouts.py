"""Layouts of new tensors, against torch: elementwise results keep their inputs' memory order
(torch's TensorIterator), copies follow ``memory_format`` (``clone``, ``to``, ``contiguous``,
``*_like``), and what torch then refuses (``view`` of a transposed result) is refused.

    python -m pytest -q tests/compat/test_pointwise_layouts.py
"""
from __future__ import annotations

import random

import pytest

torch = pytest.importorskip("torch")
import compat  # noqa: E402
from compat import strides as layouts  # noqa: E402
from oracle import check_raises, randn  # noqa: E402

# Inputs of various layouts, each made the same way in both libraries from a (4, 5, 6) range.
LAYOUTS = {
    "permuted": lambda lib, x: x.permute(2, 0, 1),
    "transposed": lambda lib, x: x.transpose(0, 2),
    "strided": lambda lib, x: x[:, ::2, 1:],
    "permuted-strided": lambda lib, x: x[::2].permute(1, 2, 0),
    "expanded": lambda lib, x: x[:, :1].expand(4, 3, 6),
    "size-one-dims": lambda lib, x: x[:1, :, :1].permute(2, 1, 0),
    "contiguous": lambda lib, x: x,
}
OPS = {
    "exp": lambda lib, t: t.exp(),
    "neg": lambda lib, t: -t,
    "times-scalar": lambda lib, t: t * 2,
    "scalar-minus": lambda lib, t: 1 - t,
    "power": lambda lib, t: t ** 2,
    "self-plus-self": lambda lib, t: t + t,
    "plus-contiguous": lambda lib, t: t + t.contiguous(),
    "contiguous-plus": lambda lib, t: t.contiguous() + t,
    "broadcast-row": lambda lib, t: t * lib.ones(t.shape[-1]),
    "row-broadcast": lambda lib, t: lib.ones(t.shape[-1]) * t,
    "zero-dim": lambda lib, t: t * lib.tensor(3.),
    "compare": lambda lib, t: t > 0,
    "where": lambda lib, t: lib.where(t > 0, t, 0.),
    "clamp": lambda lib, t: t.clamp(min=0.5),
    "lerp": lambda lib, t: lib.lerp(t, t, 0.5),
    "atan2": lambda lib, t: lib.atan2(t, t + 1),
    "gelu": lambda lib, t: lib.nn.functional.gelu(t),
    "silu": lambda lib, t: lib.nn.functional.silu(t),
    "leaky-relu": lambda lib, t: lib.nn.functional.leaky_relu(t),
    "hardtanh": lambda lib, t: lib.nn.functional.hardtanh(t),
    "relu": lambda lib, t: t.relu(),
    "double": lambda lib, t: t.double(),
    "to-int": lambda lib, t: t.to(lib.int64),
    "clone": lambda lib, t: t.clone(),
    "clone-contiguous": lambda lib, t: t.clone(memory_format=lib.contiguous_format),
    "zeros-like": lambda lib, t: lib.zeros_like(t),
    "full-like": lambda lib, t: lib.full_like(t, 2.),
    "ones-like-contiguous": lambda lib, t: lib.ones_like(t, memory_format=lib.contiguous_format),
    "in-place": lambda lib, t: t.clone().mul_(2),
    "sum-is-contiguous": lambda lib, t: t.sum(0, keepdim=True),
    "softmax-is-contiguous": lambda lib, t: t.softmax(-1),
    "masked-fill-is-contiguous": lambda lib, t: t.masked_fill(t > 3, 0.),
}


def _layout(t):
    return tuple(t.shape), t.stride(), t.is_contiguous()


@pytest.mark.parametrize("source", list(LAYOUTS))
@pytest.mark.parametrize("op", list(OPS))
def test_result_layout_is_torchs(op, source):
    results = []
    for lib in (torch, compat):
        x = LAYOUTS[source](lib, lib.arange(120.).reshape(4, 5, 6))
        results.append(_layout(OPS[op](lib, x)))
    assert results[0] == results[1]


def test_elementwise_strides_match_torch_over_random_layouts():
    """The stride rule alone, on 1,500 random layouts (permuted, sliced, expanded, with size-1
    and empty dims) of one and two operands, broadcast or not."""
    rng = random.Random(0)

    def make(ndim):
        shape = [rng.choice([1, 2, 3, 4]) if rng.random() > 0.05 else 0 for _ in range(ndim)]
        t = torch.randn([n * rng.choice([1, 2]) for n in shape])
        t = t[tuple(slice(0, n * (t.shape[d] // max(n, 1)) or None, max(t.shape[d] // max(n, 1), 1))
                    for d, n in enumerate(shape))]
        order = list(range(ndim))
        rng.shuffle(order)
        return t.permute(*order)

    differences = []
    for _ in range(1500):
        a = make(rng.randint(1, 4))
        kind = rng.choice(["unary", "scalar", "same-shape", "broadcast"])
        if kind == "unary":
            operands, out, scalars = [a], a.exp(), False
        elif kind == "scalar":
            operands, out, scalars = [a], a * 2, True
        elif kind == "same-shape":
            b = make(a.ndim)
            if b.shape != a.shape:
                b = torch.randn(list(reversed(a.shape))).permute(*reversed(range(a.ndim)))
            operands, out, scalars = [a, b], a + b, False
        else:
            shape = [1 if rng.random() < 0.5 else n for n in a.shape][rng.randint(0, a.ndim):]
            b = torch.randn(shape)
            operands = [a, b] if rng.random() < 0.5 else [b, a]
            out, scalars = operands[0] + operands[1], False
        if out.numel() == 0:
            continue  # torch's strides of empty results follow no rule worth copying
        ours = layouts.pointwise_strides([(tuple(o.shape), o.stride()) for o in operands],
                                         tuple(out.shape), scalars)
        if ours != out.stride():
            differences.append(([(tuple(o.shape), o.stride()) for o in operands], out.stride(),
                                ours))
    assert differences == []


def test_preserve_format_strides_match_torch_over_random_layouts():
    rng = random.Random(1)
    differences = []
    for _ in range(500):
        ndim = rng.randint(1, 4)
        t = torch.randn([rng.choice([1, 2, 3]) * 2 for _ in range(ndim)])
        t = t[tuple(slice(None, None, rng.choice([1, 2])) for _ in range(ndim))]
        order = list(range(ndim))
        rng.shuffle(order)
        t = t.permute(*order)
        if rng.random() < 0.2:
            t = t[:1].expand(3, *t.shape[1:])
        ours = layouts.preserved_strides(tuple(t.shape), t.stride())
        if ours != torch.empty_like(t).stride():
            differences.append((tuple(t.shape), t.stride()))
    assert differences == []


def test_view_of_a_transposed_result_raises_torchs_error():
    check_raises(lambda lib, x: (x.t() * 2).view(-1), [randn(3, 4)])
    check_raises(lambda lib, x: x.permute(1, 0, 2).exp().view(6, 4), [randn(2, 3, 4)])
    check_raises(lambda lib, x: lib.zeros_like(x.t()).view(-1), [randn(3, 4)])


def test_reshape_of_a_transposed_result_copies_with_torchs_values_and_gradients():
    results = []
    for lib in (torch, compat):
        a = lib.arange(12.).reshape(3, 4).requires_grad_()
        r = (a.t() * 2).reshape(-1)
        (r * lib.arange(12.)).sum().backward()
        results.append((r.tolist(), r.grad_fn.name(), r._base is None, a.grad.tolist()))
    assert results[0] == results[1]


def test_random_like_of_a_transposed_tensor_draws_in_memory_order():
    draws = []
    for lib in (torch, compat):
        lib.manual_seed(3)
        x = lib.zeros(6, 5).t()
        draws.append((lib.randn_like(x).tolist(), lib.rand_like(x).tolist(),
                      lib.randint_like(x, 10).tolist()))
    assert draws[0] == draws[1]


CHANNELS_LAST = {
    "contiguous-channels-last": lambda lib, x: x.contiguous(memory_format=lib.channels_last),
    "clone-channels-last": lambda lib, x: x.clone(memory_format=lib.channels_last),
    "to-channels-last": lambda lib, x: x.to(memory_format=lib.channels_last),
    "to-double-channels-last": lambda lib, x: x.to(lib.float64, memory_format=lib.channels_last),
    "ones-like-channels-last": lambda lib, x: lib.ones_like(x, memory_format=lib.channels_last),
    "channels-last-times-two": lambda lib, x: x.contiguous(memory_format=lib.channels_last) * 2,
    "channels-last-plus-contiguous":
        lambda lib, x: x.contiguous(memory_format=lib.channels_last) + x,
    "contiguous-plus-channels-last":
        lambda lib, x: x + x.contiguous(memory_format=lib.channels_last),
    "back-to-contiguous":
        lambda lib, x: x.contiguous(memory_format=lib.channels_last).contiguous(),
    "to-contiguous-of-channels-last": lambda lib, x: x.contiguous(
        memory_format=lib.channels_last).to(memory_format=lib.contiguous_format),
}


@pytest.mark.parametrize("name", list(CHANNELS_LAST))
def test_channels_last_copies_have_torchs_layout(name):
    results = []
    for lib in (torch, compat):
        out = CHANNELS_LAST[name](lib, lib.arange(120.).reshape(2, 3, 4, 5))
        results.append((_layout(out), out.is_contiguous(memory_format=lib.channels_last),
                        out.tolist()))
    assert results[0] == results[1]


def test_what_is_already_in_the_asked_format_is_returned_itself():
    for lib in (torch, compat):
        y = lib.zeros(2, 3, 4, 5).contiguous(memory_format=lib.channels_last)
        t = lib.zeros(3, 4).t()
        assert y.contiguous(memory_format=lib.channels_last) is y
        assert y.to(memory_format=lib.channels_last) is y
        assert y.to(memory_format=lib.contiguous_format) is not y
        assert t.to(memory_format=lib.contiguous_format) is t  # torch suggests contiguous


@pytest.mark.parametrize("make", [
    lambda lib, x: x.clone(memory_format=lib.channels_last),
    lambda lib, x: x.contiguous(memory_format=lib.channels_last),
    lambda lib, x: lib.zeros_like(x, memory_format=lib.channels_last),
    lambda lib, x: x.to(memory_format=lib.channels_last),
    lambda lib, x: x.t().contiguous(memory_format=lib.preserve_format),
    lambda lib, x: x[None].clone(memory_format=lib.channels_last_3d),
])
def test_impossible_memory_formats_raise_torchs_error(make):
    check_raises(make, [randn(2, 3)])


@pytest.mark.parametrize("make", [
    lambda lib: lib.ones(6, 5).t(),
    lambda lib: lib.ones(2, 3, 4).permute(2, 0, 1),
    lambda lib: lib.ones(4, 6)[:, ::2],
])
def test_dropout_of_a_strided_tensor_draws_torchs_mask(make):
    results = []
    for lib in (torch, compat):
        lib.manual_seed(0)
        out = lib.nn.functional.dropout(make(lib), 0.4)
        results.append((out.tolist(), out.stride()))
    assert results[0] == results[1]
