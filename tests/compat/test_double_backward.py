"""Double backward against torch: which second-order gradients are None, which first-order
gradients require grad, and the values of the rest."""
from __future__ import annotations

import numpy as np
import pytest

import compat

torch = pytest.importorskip("torch")

CASES = {
    "scalar multiple": lambda x, y: (x * 2 + y).sum(),
    "product": lambda x, y: (x * y).sum(),
    "square": lambda x, y: (x ** 2).sum() + y.sum(),
    "sin times y": lambda x, y: (x.sin() * y).sum(),
    "quotient": lambda x, y: (x / y).sum(),
    "exp": lambda x, y: x.exp().sum() * 3 + y.mean(),
    "matmul": lambda x, y: (x.view(1, 2) @ y.view(2, 1)).sum(),
    "where": lambda x, y: ((x > 1.5).float() * x * y).sum(),
    "mean of squares": lambda x, y: ((x - y) ** 2).mean(),
    "cubic": lambda x, y: (x * x * x).sum() + (y * 0).sum(),
}


def _second_order(lib, case):
    x = lib.tensor([1., 2.], dtype=lib.float64, requires_grad=True)
    y = lib.tensor([3., -4.], dtype=lib.float64, requires_grad=True)
    out = CASES[case](x, y)
    firsts = lib.autograd.grad(out, [x, y], create_graph=True)
    flags = [g.requires_grad for g in firsts]
    seconds = []
    for g in firsts:
        if g.requires_grad:
            seconds.append(lib.autograd.grad(g.sum(), [x, y], allow_unused=True,
                                             retain_graph=True))
        else:
            seconds.append(None)
    return flags, seconds


@pytest.mark.parametrize("case", sorted(CASES))
def test_second_order_gradients_match_torch(case):
    got_flags, got = _second_order(compat, case)
    want_flags, want = _second_order(torch, case)
    assert got_flags == want_flags
    for got_row, want_row in zip(got, want):
        if want_row is None:
            assert got_row is None
            continue
        assert [g is None for g in got_row] == [w is None for w in want_row]
        for g, w in zip(got_row, want_row):
            if w is not None:
                np.testing.assert_allclose(g.detach().numpy(), w.detach().numpy(), rtol=1e-12)


def test_gradient_of_a_linear_function_cannot_be_differentiated_again():
    for lib in (torch, compat):
        x = lib.tensor([1., 2.], requires_grad=True)
        gx, = lib.autograd.grad((x * 2).sum(), x, create_graph=True)
        assert not gx.requires_grad and gx.grad_fn is None
        with pytest.raises(RuntimeError, match="element 0 of tensors does not require grad"):
            lib.autograd.grad(gx.sum(), x)


def test_linear_layer_weight_gradient_requires_grad_under_create_graph():
    for lib in (torch, compat):
        lib.manual_seed(0)
        layer = lib.nn.Linear(2, 1)
        x = lib.tensor([[1., 2.]], requires_grad=True)
        gw, = lib.autograd.grad(layer(x).sum(), layer.weight, create_graph=True)
        assert gw.requires_grad  # it involves x, which requires grad
        gx, = lib.autograd.grad(gw.sum(), x)
        assert gx.tolist() == [[1.0, 1.0]]


# Gradients under create_graph carry the node torch's derivative formula ends with.
GRADIENT_NODES = {
    "exp": lambda x, y: x.exp(), "log": lambda x, y: x.log(), "log1p": lambda x, y: x.log1p(),
    "sin": lambda x, y: x.sin(), "cos": lambda x, y: x.cos(), "tanh": lambda x, y: x.tanh(),
    "sigmoid": lambda x, y: x.sigmoid(), "relu": lambda x, y: x.relu(),
    "sqrt": lambda x, y: x.sqrt(), "rsqrt": lambda x, y: x.rsqrt(), "cube": lambda x, y: x ** 3,
    "reciprocal": lambda x, y: x.reciprocal(), "abs": lambda x, y: x.abs(),
    "exp2": lambda x, y: x.exp2(), "atan": lambda x, y: x.atan(), "erf": lambda x, y: x.erf(),
    "gelu": lambda x, y: compat_or_torch(x).nn.functional.gelu(x),
    "softplus": lambda x, y: compat_or_torch(x).nn.functional.softplus(x),
    "silu": lambda x, y: compat_or_torch(x).nn.functional.silu(x),
    "softmax": lambda x, y: x.softmax(0) * y, "log_softmax": lambda x, y: x.log_softmax(0) * y,
    "sum squared": lambda x, y: x.sum() ** 2, "norm": lambda x, y: x.norm(),
    "prod": lambda x, y: x.prod(), "var": lambda x, y: x.var(), "clamp": lambda x, y: x.clamp(0.5, 2.5) ** 2,
    "cumsum": lambda x, y: x.cumsum(0) ** 2, "product": lambda x, y: x * y,
    "quotient": lambda x, y: x / y, "power": lambda x, y: x ** y, "atan2": lambda x, y: x.atan2(y),
    "dot": lambda x, y: x.dot(y), "hypot": lambda x, y: x.hypot(y),
    "mse": lambda x, y: compat_or_torch(x).nn.functional.mse_loss(x, y),
    "mm": lambda x, y: x.view(3, 1).mm(y.view(1, 3)),
    "batched matmul": lambda x, y: x.view(1, 3, 1) @ y.view(1, 1, 3),
    "difference": lambda x, y: (x - y) * x, "masked_fill": lambda x, y: x.masked_fill(x > 1, 0) * y,
    # gradients read through masks only: constants, no graph (as torch's)
    "clamp of x": lambda x, y: x.clamp(0.7, 1.5), "where": lambda x, y: x.where(x > 1, y),
    "max": lambda x, y: x.view(1, 3).max(1)[0], "amax": lambda x, y: x.view(1, 3).amax(1),
    "maximum": lambda x, y: x.maximum(y), "minimum": lambda x, y: x.minimum(y) * x,
    "clamp_min": lambda x, y: x.clamp_min(0.7) ** 2, "clamp_max of x": lambda x, y: x.clamp_max(1.5),
    "clamp_min by tensor": lambda x, y: x.clamp_min(y) ** 2,
    "clamp_max by tensor": lambda x, y: x.clamp_max(y) * y,
    "cross_entropy": lambda x, y: compat_or_torch(x).nn.functional.cross_entropy(
        x.view(1, 3) * y.view(1, 3), compat_or_torch(x).tensor([2])),
}


def compat_or_torch(t):
    return torch if isinstance(t, torch.Tensor) else compat


def _gradient_nodes(lib, case):
    x = lib.tensor([0.5, 1.0, 2.0], requires_grad=True)
    y = lib.tensor([1.5, 0.5, 3.0], requires_grad=True)
    grads = lib.autograd.grad(GRADIENT_NODES[case](x, y).sum(), [x, y], create_graph=True,
                              allow_unused=True)
    return [None if g is None or g.grad_fn is None else g.grad_fn.name() for g in grads]


@pytest.mark.parametrize("case", GRADIENT_NODES)
def test_gradient_nodes_are_named_as_torchs(case):
    assert _gradient_nodes(compat, case) == _gradient_nodes(torch, case)
