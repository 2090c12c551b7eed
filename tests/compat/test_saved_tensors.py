"""What a backward node saved, against torch: ``grad_fn._saved_self``, ``_saved_other``,
``_saved_mat2``, ``_saved_result`` for the ops whose saving rule compat knows (None where
torch does not save, a wrapped number for a Python scalar), torch's error once freed, and
``torch.autograd.graph.saved_tensors_hooks`` (what pack and unpack see, in torch's order).

    python -m pytest -q tests/compat/test_saved_tensors.py
"""
from __future__ import annotations

import gc
import weakref

import jax
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


# --------------------------------------------------------------------------- hooks
def _hooked_program(lib, unpack_scale=None):
    """Ops saving inputs and results under saved_tensors_hooks: what pack and unpack see, in
    order, and the gradients."""
    log = []

    def pack(t):
        log.append(("pack", t.tolist(), t.requires_grad))
        return t

    def unpack(t):
        log.append(("unpack", t.tolist()))
        return t if unpack_scale is None else t * unpack_scale

    a = lib.tensor([1., 2.], requires_grad=True)
    b = lib.tensor([3., 4.], requires_grad=True) * 2
    with lib.autograd.graph.saved_tensors_hooks(pack, unpack):
        y = a * b
        z = (a * 3).exp()
        m = a.view(1, 2).mm(b.view(2, 1))
        s = (a / b.detach()).sin()
    log.append("backward")
    (y.sum() + z.sum() + m.sum() + s.sum()).backward()
    return log, a.grad.tolist()


def test_pack_and_unpack_hooks_see_what_torch_saves_in_torchs_order():
    ours, theirs = _hooked_program(compat), _hooked_program(torch)
    assert _same_log(ours[0], theirs[0]), (ours[0], theirs[0])
    assert np.allclose(ours[1], theirs[1], rtol=1e-6)


def _same_log(ours, theirs):
    return len(ours) == len(theirs) and all(
        o == t if isinstance(o, str) else (o[0] == t[0] and np.allclose(o[1], t[1], rtol=1e-6)
                                           and o[2:] == t[2:]) for o, t in zip(ours, theirs))


def test_what_unpack_returns_is_what_backward_reads():
    # an unpack hook that scales the inputs mul, mm and div saved changes their gradients
    def program(lib):
        a = lib.tensor([1., 2.], requires_grad=True)
        w = lib.tensor([3., -1.])
        with lib.autograd.graph.saved_tensors_hooks(lambda t: t, lambda t: t * 10):
            y = (a * w).sum() + (a / w).sum() + a.view(1, 2).mm(w.view(2, 1)).sum()
        y.backward()
        return a.grad.tolist()
    assert program(compat) == program(torch)


def test_a_custom_function_saves_through_the_hooks():
    def program(lib):
        log = []

        class Square(lib.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                ctx.save_for_backward(x)
                return x * x

            @staticmethod
            def backward(ctx, grad):
                (x,) = ctx.saved_tensors
                return 2 * x * grad

        x = lib.tensor([3.], requires_grad=True)
        with lib.autograd.graph.saved_tensors_hooks(lambda t: log.append(t.tolist()) or t,
                                                    lambda t: t * 10):
            y = Square.apply(x)
        y.backward()
        return log, x.grad.tolist()
    assert program(compat) == program(torch)


def test_save_on_cpu_keeps_gradients():
    def program(lib):
        x = lib.tensor([0.5, 1.5], requires_grad=True)
        with lib.autograd.graph.save_on_cpu():
            y = (x.sin() * x).sum()
        y.backward()
        return x.grad.tolist()
    assert np.allclose(program(compat), program(torch), rtol=1e-6)


def test_hooks_refused_where_disabled():
    def program(lib):
        with lib.autograd.graph.disable_saved_tensors_hooks("saved tensor hooks are off here"):
            with lib.autograd.graph.saved_tensors_hooks(lambda t: t, lambda t: t):
                pass
    check_raises(program)


# --------------------------------------------------------------------------- what is kept
@pytest.mark.parametrize("make", [
    lambda lib, y: y * 2,
    lambda lib, y: 0.5 * y,
    lambda lib, y: y / 4,
    lambda lib, y: y * lib.ones(3),
    lambda lib, y: y.view(1, 3).mm(lib.ones(3, 1)),
])
def test_an_input_no_formula_reads_is_not_kept(make):
    for lib in (torch, compat):
        x = lib.ones(3, requires_grad=True)
        y = x * 1.5
        out = make(lib, y)
        gone = weakref.ref(y)
        del y
        gc.collect()
        assert gone() is None, lib.__name__
        out.sum().backward()
        assert x.grad is not None


def test_a_chain_of_scalar_products_keeps_no_intermediate_values():
    x = compat.randn(10_000, requires_grad=True)
    counts = []
    for length in (10, 200):
        y = x
        for _ in range(length):
            y = y * 1.0001
        gc.collect()
        counts.append(len(jax.live_arrays()))
        y.sum().backward()
        del y
    assert counts[1] <= counts[0] + 2
    assert np.allclose(x.grad.numpy(), 1.0001 ** 10 + 1.0001 ** 200, rtol=1e-5)


def test_hooks_registered_on_one_saved_tensor():
    def program(lib):
        log = []
        x = lib.tensor([0.5, 1.0], requires_grad=True)
        y = x.sin()
        y.grad_fn._raw_saved_self.register_hooks(lambda t: log.append("pack") or t,
                                                 lambda t: log.append("unpack") or t * 2)
        read = y.grad_fn._saved_self
        y.sum().backward()
        return log, read.tolist(), x.grad.tolist()
    ours, theirs = program(compat), program(torch)
    assert ours[:2] == theirs[:2] and np.allclose(ours[2], theirs[2], rtol=1e-6)


def test_saved_tensor_hooks_must_be_callable():
    def program(lib):
        y = lib.ones(2, requires_grad=True).sin()  # held: torch's raw saved tensor does not
        y.grad_fn._raw_saved_self.register_hooks(1, lambda t: t)
    check_raises(program, message="register_hooks(): incompatible function arguments. The "
                 "following argument types are supported:\n    1. (self: "
                 "torch._C._autograd.SavedTensor, arg0: collections.abc.Callable")


def _register_on_none(lib):
    y = lib.ones(2, requires_grad=True) * lib.ones(2)
    y.grad_fn._raw_saved_self.register_hooks(lambda t: t, lambda t: t)


def _register_twice(lib):
    y = lib.ones(2, requires_grad=True).sin()
    saved = y.grad_fn._raw_saved_self
    saved.register_hooks(lambda t: t, lambda t: t)
    saved.register_hooks(lambda t: t, lambda t: t)


@pytest.mark.parametrize("program", [_register_on_none, _register_twice])
def test_saved_tensor_hook_errors_are_torchs(program):
    check_raises(program)
