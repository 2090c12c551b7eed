"""What a backward node saved, against torch: ``grad_fn._saved_self``, ``_saved_other``,
``_saved_mat2``, ``_saved_result`` for the ops whose saving rule compat knows (None where
torch does not save, a wrapped number for a Python scalar), and torch's error once freed.

    python -m pytest -q tests/compat/test_saved_tensors.py
"""
from __future__ import annotations

import numpy as np
import pytest

torch = pytest.importorskip("torch")
import compat  # noqa: E402
from oracle import check_raises  # noqa: E402

# name → program(lib, x, w) giving a tensor whose grad_fn is the node looked at
PROGRAMS = {
    "mul-both": lambda lib, x, w: x * w,
    "mul-first": lambda lib, x, w: x * w.detach(),
    "mul-second": lambda lib, x, w: x.detach() * w,
    "mul-int": lambda lib, x, w: x * 2,
    "mul-float": lambda lib, x, w: 2.5 * x,
    "div-first": lambda lib, x, w: x / w.detach(),
    "div-second": lambda lib, x, w: x.detach() / w,
    "div-floor": lambda lib, x, w: x.div(w, rounding_mode="floor"),
    "mm-first": lambda lib, x, w: x.view(1, 3).mm(w.detach().view(3, 1)),
    "mm-both": lambda lib, x, w: x.view(3, 1).mm(w.view(1, 3)),
    "bmm": lambda lib, x, w: x.view(1, 1, 3).bmm(w.view(1, 3, 1)),
    "sin": lambda lib, x, w: x.sin(),
    "log1p": lambda lib, x, w: x.log1p(),
    "abs": lambda lib, x, w: x.abs(),
    "exp": lambda lib, x, w: x.exp(),
    "tanh": lambda lib, x, w: x.tanh(),
    "relu": lambda lib, x, w: x.relu(),
    "reciprocal": lambda lib, x, w: x.reciprocal(),
}


def _saved(lib, node):
    """The node's saved tensors (Tensor or None values), as lists; torch's non-tensor
    attributes (``_saved_self_sym_sizes``, ``_saved_alpha``) are left out."""
    out = {}
    for name in dir(node):
        if name.startswith("_saved_"):
            value = getattr(node, name)
            if value is None or isinstance(value, lib.Tensor):
                out[name] = None if value is None else (value.tolist(), str(value.dtype))
    return out


def _close(ours, theirs):
    """Equal names, dtypes and Nones; values within float32 rounding (XLA's tanh, exp)."""
    return ours.keys() == theirs.keys() and all(
        (ours[k] is None) == (theirs[k] is None) and (ours[k] is None or (
            ours[k][1] == theirs[k][1]
            and np.allclose(ours[k][0], theirs[k][0], rtol=1e-6, atol=0))) for k in ours)


@pytest.mark.parametrize("name", list(PROGRAMS))
def test_saved_tensors_are_torchs(name):
    results = []
    for lib in (torch, compat):
        x = lib.tensor([0.5, 1.5, 2.5], requires_grad=True)
        w = lib.tensor([2.0, -1.0, 4.0], requires_grad=True)
        out = PROGRAMS[name](lib, x, w)
        results.append((out.grad_fn.name(), _saved(lib, out.grad_fn)))
    assert results[0][0] == results[1][0]
    assert _close(results[1][1], results[0][1]), (results[1][1], results[0][1])


def test_a_saved_input_is_the_tensor_itself():
    for lib in (torch, compat):
        x = lib.ones(2, requires_grad=True)
        assert x.sin().grad_fn._saved_self is x


def test_saved_tensors_are_freed_by_backward():
    def program(lib):
        x = lib.ones(2, requires_grad=True)
        y = x.sin()
        y.sum().backward()
        return y.grad_fn._saved_self
    check_raises(program)


def test_saved_tensors_stay_with_retain_graph():
    results = []
    for lib in (torch, compat):
        x = lib.tensor([1., 2.], requires_grad=True)
        y = x.exp()
        y.sum().backward(retain_graph=True)
        results.append(y.grad_fn._saved_result.tolist())
    assert np.allclose(results[0], results[1], rtol=1e-6, atol=0)


def test_an_unknown_saved_name_is_an_attribute_error():
    for lib in (torch, compat):
        node = lib.ones(2, requires_grad=True).sin().grad_fn
        with pytest.raises(AttributeError):
            node._saved_nothing
