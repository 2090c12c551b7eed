"""Forward-mode AD (``torch.autograd.forward_ad``) against torch's own: dual levels, make_dual
and unpack_dual with torch's checks and errors, tangents through the op table (every entry of
``compat.ops.registry.SPECS`` that a sample call reaches, on float64 inputs), in-place and view
tangents, custom Functions with ``jvp``, and the interplay with reverse mode.
"""
from __future__ import annotations

import numpy as np
import pytest

from tests.compat.oracle import assert_same, check_program, check_raises, compat, torch

from compat.ops.registry import FUNCTIONS, LINALG_FUNCTIONS, METHODS, NN_FUNCTIONS, SPECS


def fwad(lib):
    return lib.autograd.forward_ad


def tangent(lib, t):
    return fwad(lib).unpack_dual(t).tangent


@pytest.fixture(autouse=True)
def _no_level_left():
    """A failing test must not leave a level open for the next one (in either library)."""
    yield
    for lib in (torch, compat):
        try:
            fwad(lib).exit_dual_level()
        except RuntimeError:
            pass


def arr(*shape, seed=0, low=0.1, high=0.9):
    return np.random.default_rng(seed).uniform(low, high, shape)


# --------------------------------------------------------------------------- the tutorial
def test_tutorial_function_of_several_ops():
    def program(lib):
        fw = fwad(lib)
        x = lib.tensor(arr(3, 4, seed=1))
        v = lib.tensor(arr(3, 4, seed=2))
        y = lib.tensor(arr(3, 4, seed=3))

        def fn(x, y):
            return (x ** 2 + y.exp()).sin().sum(1) * x.mean()
        with fw.dual_level():
            dual = fw.make_dual(x, v)
            assert fw.unpack_dual(dual).tangent is v  # stored as given
            out = fn(dual, y)
            primal, jvp = fw.unpack_dual(out)
            return primal, jvp, fw.unpack_dual(y).tangent
    ours, _ = check_program(program)
    assert ours[2] is None


def test_tutorial_module_jacobian_vector_product():
    def program(lib):
        fw = fwad(lib)
        lib.manual_seed(0)
        model = lib.nn.Sequential(lib.nn.Linear(5, 4), lib.nn.Tanh(), lib.nn.Linear(4, 2))
        model = model.double()
        params = {name: p for name, p in model.named_parameters()}
        tangents = {name: lib.tensor(arr(*p.shape, seed=i)) for i, (name, p) in
                    enumerate(params.items())}
        x = lib.tensor(arr(3, 5, seed=9))
        with fw.dual_level():
            for name, p in params.items():
                owner = model
                *path, leaf = name.split(".")
                for part in path:
                    owner = getattr(owner, part)
                delattr(owner, leaf)
                setattr(owner, leaf, fw.make_dual(p, tangents[name]))
            primal, jvp = fw.unpack_dual(model(x))
            # torch's tangents are themselves recorded for reverse mode (the parameters require
            # grad); ours are not (a known difference): compare values
            return primal.detach(), jvp.detach()
    check_program(program)


def test_tutorial_functional_call_jvp():
    def program(lib):
        fw = fwad(lib)
        lib.manual_seed(1)
        model = lib.nn.Linear(3, 2).double()
        params = dict(model.named_parameters())
        tangents = {n: lib.ones_like(p) for n, p in params.items()}
        with fw.dual_level():
            duals = {n: fw.make_dual(p, tangents[n]) for n, p in params.items()}
            out = lib.func.functional_call(model, duals, (lib.tensor(arr(4, 3)),))
            return fw.unpack_dual(out).tangent.detach()
    check_program(program)


# --------------------------------------------------------------------------- levels and errors
def test_levels_are_numbered_and_dropped_on_exit():
    def program(lib):
        fw = fwad(lib)
        x = lib.tensor([1., 2.])
        with fw.dual_level() as level:
            dual = fw.make_dual(x, lib.tensor([3., 4.]))
            inside = fw.unpack_dual(dual * 2).tangent
        after = fw.unpack_dual(dual)
        again = fw.enter_dual_level()
        still_none = fw.unpack_dual(dual).tangent
        fw.exit_dual_level()
        return level, inside, after.tangent, again, still_none, type(after).__name__, \
            after._fields
    check_program(program)


def test_dual_level_as_decorator():
    def program(lib):
        fw = fwad(lib)

        @fw.dual_level()
        def jvp_of_square(x, t):
            return fw.unpack_dual(fw.make_dual(x, t) ** 2).tangent
        return jvp_of_square(lib.tensor([1., 3.]), lib.tensor([1., 1.]))
    check_program(program)


def test_unpack_outside_a_level_and_of_non_tensors():
    def program(lib):
        fw = fwad(lib)
        x = lib.ones(2)
        p, t = fw.unpack_dual(x)
        return p is x, t, fw.unpack_dual(3)
    check_program(program)


def _in_level(body):
    def program(lib):
        with fwad(lib).dual_level():
            return body(lib, fwad(lib))
    return program


@pytest.mark.parametrize("body", [
    lambda lib, fw: fw.enter_dual_level(),
    lambda lib, fw: fw.exit_dual_level(level=3),
    lambda lib, fw: fw.make_dual(lib.ones(3), lib.ones(4)),
    lambda lib, fw: fw.make_dual(lib.ones(3), lib.ones(2, 3)),
    lambda lib, fw: fw.make_dual(lib.arange(3), lib.arange(3)),
    lambda lib, fw: fw.make_dual(lib.ones(3), lib.arange(3)),
    lambda lib, fw: fw.make_dual(lib.ones(3), lib.ones(3), level=5),
    lambda lib, fw: fw.make_dual(fw.make_dual(lib.ones(3), lib.ones(3)), lib.ones(3)),
    lambda lib, fw: fw.make_dual(fw.make_dual(lib.ones(3), lib.ones(3))[1:], lib.ones(2)),
    lambda lib, fw: fw.make_dual(3, lib.ones(3)),
    lambda lib, fw: fw.make_dual(lib.ones(3), 3),
], ids=["nested", "exit-other", "size", "rank", "int-primal", "int-tangent", "level",
        "already-dual", "view-of-dual", "number-primal", "number-tangent"])
def test_errors_in_a_level(body):
    check_raises(_in_level(body))


@pytest.mark.parametrize("body", [
    lambda lib, fw: fw.make_dual(lib.ones(3), lib.ones(3)),
    lambda lib, fw: fw.exit_dual_level(),
    lambda lib, fw: fw.make_dual(3, lib.ones(3)),
], ids=["make-outside", "exit-none", "number-outside"])
def test_errors_outside_a_level(body):
    check_raises(lambda lib: body(lib, fwad(lib)))


def test_tangent_stored_as_torch_stores_it():
    def program(lib):
        fw = fwad(lib)
        with fw.dual_level():
            given = lib.tensor(arr(3, 2)).t()  # not the primal's layout: torch copies it
            dual = fw.make_dual(lib.tensor(arr(2, 3, seed=4)), given)
            stored = fw.unpack_dual(dual).tangent
            same = lib.tensor(arr(2, 3, seed=5))
            return (stored is given, stored.is_contiguous(), stored,
                    fw.unpack_dual(fw.make_dual(lib.ones(2, 3), same)).tangent is same)
    check_program(program)


def test_printed_dual_tensors():
    def program(lib):
        fw = fwad(lib)
        with fw.dual_level():
            d = fw.make_dual(lib.tensor([1., 2., 3.], dtype=lib.float64),
                             lib.tensor([1., 0., 2.], dtype=lib.float64))
            r = fw.make_dual(lib.tensor([1., 2.]), lib.ones(2))
            return [repr(d), repr(d.sum()), repr(r * 2), repr(fw.make_dual(lib.ones(2, 2),
                                                                         lib.ones(2, 2)))]
    check_program(program)


# --------------------------------------------------------------------------- in-place and views
def _dual(lib, seed=0, shape=(4,)):
    fw = fwad(lib)
    return fw.make_dual(lib.tensor(arr(*shape, seed=seed)), lib.tensor(arr(*shape, seed=seed + 50)))


INPLACE_AND_VIEWS = {
    "mul_": lambda lib: _dual(lib).clone().mul_(_dual(lib, 1)),
    "add_-into-plain": lambda lib: lib.zeros(4, dtype=lib.float64).add_(_dual(lib)),
    "copy_-plain-into-dual": lambda lib: _dual(lib).clone().copy_(lib.ones(4)),
    "copy_-dual-into-plain": lambda lib: lib.ones(4, dtype=lib.float64).copy_(_dual(lib)),
    "exp_": lambda lib: _dual(lib).clone().exp_(),
    "zero_": lambda lib: _dual(lib).clone().zero_(),
    "setitem": lambda lib: _setitem(lib),
    "view": lambda lib: _dual(lib, shape=(2, 3)).view(3, 2),
    "t-then-select": lambda lib: _dual(lib, shape=(2, 3)).t()[1],
    "unbind": lambda lib: _dual(lib, shape=(2, 3)).unbind(1),
    "t_": lambda lib: _dual(lib, shape=(2, 3)).clone().t_(),
}


def _setitem(lib):
    s = lib.zeros(3, 4, dtype=lib.float64)
    s[1] = _dual(lib)
    s[2, 1:3] = _dual(lib, 2, (2,))
    return s


@pytest.mark.parametrize("name", sorted(INPLACE_AND_VIEWS))
def test_inplace_and_view_tangents(name):
    def program(lib):
        with fwad(lib).dual_level():
            out = INPLACE_AND_VIEWS[name](lib)
            outs = out if isinstance(out, tuple) else (out,)
            return [fwad(lib).unpack_dual(o) for o in outs]
    check_program(program)


def test_views_see_writes_into_their_base_and_back():
    def program(lib):
        fw = fwad(lib)

        def tangent(lib, t):  # a copy: torch's tangent of a view is a view that later writes change
            found = fw.unpack_dual(t).tangent
            return None if found is None else found.clone()
        with fw.dual_level():
            base = _dual(lib).clone()
            view = base[1:]
            first = tangent(lib, view)
            base.mul_(3)                       # the view's tangent follows its base's
            second = tangent(lib, view)
            view.mul_(_dual(lib, 7, (3,)))     # a write through the view reaches the base
            plain = lib.zeros(5, dtype=lib.float64)
            part = plain[:4]
            before = tangent(lib, part)
            part.add_(_dual(lib))              # the base gets zeros outside the view
            late = lib.zeros(4, dtype=lib.float64)
            late_view = late[2:]               # a view taken before its base had a tangent
            late.add_(_dual(lib, 3))
            return (first, second, tangent(lib, base), tangent(lib, view), before,
                    tangent(lib, plain), tangent(lib, part), tangent(lib, late_view))
    check_program(program)


def test_inplace_updates_the_tangent_given_to_make_dual():
    def program(lib):
        fw = fwad(lib)
        with fw.dual_level():
            given = lib.tensor(arr(3, seed=2))
            d = fw.make_dual(lib.tensor(arr(3)), given)
            d.mul_(lib.tensor(arr(3, seed=3)))
            held = fw.unpack_dual(d).tangent is given
            d.zero_()
            return held, given, tangent(lib, d)
    check_program(program)


def test_integer_results_and_detached_aliases_have_no_tangent():
    def program(lib):
        fw = fwad(lib)
        with fw.dual_level():
            d = _dual(lib)
            top = d.max(0)
            return (tangent(lib, d > 0.5), tangent(lib, d.argmax()), tangent(lib, d.long()),
                    tangent(lib, top.indices), tangent(lib, top.values),
                    tangent(lib, d.detach()), tangent(lib, d.data))
    check_program(program)


# --------------------------------------------------------------------------- with reverse mode
def test_reverse_mode_gradient_of_a_dual_primal():
    def program(lib):
        fw = fwad(lib)
        x = lib.tensor(arr(4), requires_grad=True)
        with fw.dual_level():
            d = fw.make_dual(x, lib.tensor(arr(4, seed=1)))
            y = (d.sin() * d).sum()
            y.backward()
            primal, t = fw.unpack_dual(y)
            return d.grad_fn is not None, y.grad_fn.name(), primal.detach(), t.detach(), x.grad
    check_program(program)


# --------------------------------------------------------------------------- custom Functions
def _functions(lib):
    class NoJvp(lib.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x * 2

        @staticmethod
        def backward(ctx, g):
            return g * 2

    class Mul(lib.autograd.Function):
        @staticmethod
        def forward(ctx, x, y):
            ctx.save_for_forward(x, y)
            ctx.save_for_backward(x, y)
            return x * y

        @staticmethod
        def jvp(ctx, xt, yt):
            x, y = ctx.saved_tensors
            return xt * y + (0 if yt is None else x * yt)

        @staticmethod
        def backward(ctx, g):
            x, y = ctx.saved_tensors
            return g * y, g * x

    class WrongShape(lib.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x * 2

        @staticmethod
        def jvp(ctx, xt):
            return xt.sum()

    class TooFew(lib.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x * 2, x * 3

        @staticmethod
        def jvp(ctx, xt):
            return xt

    class Doubles(lib.autograd.Function):  # in place: the jvp updates the tangent in place
        @staticmethod
        def forward(ctx, x):
            ctx.mark_dirty(x)
            return x.mul_(2)

        @staticmethod
        def jvp(ctx, xt):
            return xt.mul_(2)

    class SavesANumber(lib.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_forward(x, 3)
            return x

        @staticmethod
        def jvp(ctx, xt):
            return xt
    return NoJvp, Mul, WrongShape, TooFew, Doubles, SavesANumber


def test_function_jvp():
    def program(lib):
        fw = fwad(lib)
        _, Mul, _, _, Doubles, _ = _functions(lib)
        x = lib.tensor(arr(3), requires_grad=True)
        with fw.dual_level():
            d = fw.make_dual(x, lib.tensor(arr(3, seed=1)))
            out = Mul.apply(d, lib.tensor(arr(3, seed=2)))
            both = Mul.apply(d, fw.make_dual(lib.tensor(arr(3, seed=3)), lib.ones(3)))
            out.sum().backward()
            a = fw.make_dual(lib.ones(3), lib.tensor([1., 2., 3.]))
            r = Doubles.apply(a)
            plain = Mul.apply(lib.ones(2), lib.ones(2))  # no dual input: no jvp call
            return (tangent(lib, out).detach(), tangent(lib, both).detach(), x.grad, r is a,
                    tangent(lib, a), tangent(lib, plain))
    check_program(program)


@pytest.mark.parametrize("which", [0, 2, 3, 5], ids=["no-jvp", "wrong-shape", "too-few",
                                                     "saves-a-number"])
def test_function_jvp_errors(which):
    def program(lib):
        fn = _functions(lib)[which]
        with fwad(lib).dual_level():
            return fn.apply(fwad(lib).make_dual(lib.ones(3), lib.ones(3)))
    check_raises(program)


# --------------------------------------------------------------------------- functional API
def test_functional_jvp_and_hvp_still_agree():
    def program(lib):
        f = lambda x: (x ** 3).sin().sum()  # noqa: E731
        x, v = lib.tensor(arr(3)), lib.tensor(arr(3, seed=1))
        return (lib.autograd.functional.jvp(lambda x: x.exp() * x, x, v),
                lib.autograd.functional.hvp(f, x, v), lib.func.jvp(lambda x: x.tanh(), (x,), (v,)))
    check_program(program)
