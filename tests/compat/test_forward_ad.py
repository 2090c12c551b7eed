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
            return fw.unpack_dual(model(x))
    # The tangent requires grad in both (the parameters do); its node is torch's formula's
    # last op there, one node for the op's whole tangent here, and torch's unpacked primal
    # has an ``Identity`` node where ours is a view: node names are not compared.
    check_program(program, grad_fn=False)


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
            return fw.unpack_dual(out).tangent
    check_program(program, grad_fn=False)


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
    lambda lib, fw: fw.unpack_dual(3),
], ids=["nested", "exit-other", "size", "rank", "int-primal", "int-tangent", "level",
        "already-dual", "view-of-dual", "number-primal", "number-tangent", "unpack-number"])
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


def test_reverse_mode_through_a_tangent():
    def program(lib):
        fw = fwad(lib)
        x = lib.tensor(arr(4), requires_grad=True)
        v = lib.tensor(arr(4, seed=1), requires_grad=True)
        with fw.dual_level():
            d = fw.make_dual(x, v)
            y = (d.sin() * d.exp()).sum() + (d ** 3).mean()
            jvp = fw.unpack_dual(y).tangent
            jvp.backward()  # d(J(x)·v)/dx and d(J(x)·v)/dv = J(x)
            return jvp.requires_grad, jvp.detach(), x.grad, v.grad
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

    class Seen(lib.autograd.Function):  # what forward and jvp see of the tangents
        log = []

        @staticmethod
        def forward(ctx, x):
            y = x * 2
            Seen.log.extend([fwad(lib).unpack_dual(x).tangent, fwad(lib).unpack_dual(y).tangent])
            return y

        @staticmethod
        def jvp(ctx, xt):
            Seen.log.append(xt.clone())
            return xt * 2

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
    return NoJvp, Mul, WrongShape, TooFew, Doubles, SavesANumber, Seen


def test_function_jvp():
    def program(lib):
        fw = fwad(lib)
        _, Mul, _, _, Doubles, _, Seen = _functions(lib)
        x = lib.tensor(arr(3), requires_grad=True)
        with fw.dual_level():
            d = fw.make_dual(x, lib.tensor(arr(3, seed=1)))
            out = Mul.apply(d, lib.tensor(arr(3, seed=2)))
            both = Mul.apply(d, fw.make_dual(lib.tensor(arr(3, seed=3)), lib.ones(3)))
            out.sum().backward()
            a = fw.make_dual(lib.ones(3), lib.tensor([1., 2., 3.]))
            r = Doubles.apply(a)
            plain = Mul.apply(lib.ones(2), lib.ones(2))  # no dual input: no jvp call
            seen = tangent(lib, Seen.apply(fw.make_dual(lib.ones(2), lib.tensor([1., 2.]))))
            return (tangent(lib, out).detach(), tangent(lib, both).detach(), x.grad, r is a,
                    tangent(lib, a), tangent(lib, plain), seen, Seen.log)
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


# --------------------------------------------------------------------------- the op table
# Every entry of the registry is called through a public name that reaches it (one generated
# from it, or one named as it is), on float64 inputs in (0.1, 0.9), first in torch (which
# finds a call that works) and then, under a dual level with every float input dual, in both
# libraries: the primals and tangents of every output must agree, or both must refuse alike.
TABLES = (("method", METHODS), ("function", FUNCTIONS), ("nn", NN_FUNCTIONS),
          ("linalg", LINALG_FUNCTIONS))
RENAMED = {"index": ["__getitem__"], "index.basic": ["__getitem__"], "zero": ["zero_"],
           "fill": ["fill_"]}
SHAPES = {"sq": (3, 3), "3d": (2, 3, 4), "img": (1, 2, 5, 5), "vec": (4,), "spd": (3, 3)}
INDEX = {"I": np.array([[0, 2, 1], [2, 0, 0], [1, 1, 2]]), "I1": np.array([2, 0]),
         "T": np.array([0, 2, 1]),
         "M": np.array([[True, False, True], [False, False, True], [True, True, False]])}
# Argument lists. "X" is the input under test (first where not written); float tensors: "F"
# of its shape, "W"/"WT"/"B" a (transposed) convolution weight and a bias for it, "V" a
# vector of its last size, "S" two rows of it, "P" one number, "c" per-channel statistics
# (never dual: torch refuses tangents there); "I"/"I1" indices, "T" class targets, "M" a mask.
ARGS = [(), ("F",), ("F", "F"), (1,), (0,), (-1,), (2,), ("F", 0.5), (0, "I"), (1, "I1"),
        ("I",), ("M",), ("M", 2.0), ("M", "F"), ((9,),), (0, 1), (1, 0), ("W",), ("W", "B"),
        ("WT",), ("V",), (0, 0, 2), (0, "I1", "S"), (1, "I1", 2.0), ("I1", "V2"), (1, (3, 1)),
        (0, "I", "F"), ("T",), ("c", "c"), ("P",), ((1, 1),), (None, 2), ((3,),), ((5,),),
        (2.0, "X"), ("I", "X"), ("F", {"upper": True}), ("F", "F", "F"), (["X", "F"],),
        ("ij,jk->ik", "X", "F"), ("Xt",), ("F", "W3"), (["I1"], "S")]
# The linalg entries need a symmetric positive definite input (with a symmetric tangent).
# (eigh reads one triangle: its tangent is only defined for a symmetric one)
FIRST_SHAPE = {"linalg_cholesky": "spd", "linalg_cholesky_ex": "spd",
               "cholesky_inverse": "spd", "linalg_eigh": "spd", "linalg_eigvalsh": "spd"}
# Entries whose tangent differs from torch's, and why.
KNOWN_DIFFERENCES = {
    "linalg_eigh": "eigenvectors are unique up to sign only: JAX's eigh picks other signs than "
                   "LAPACK's syevd for torch, so the vectors and their tangents differ by sign",
    "cholesky_inverse": "torch's forward formula is not the transpose of its own backward "
                        "(its forward and reverse Jacobians differ); ours is that transpose",
}


def _candidates(name, spec):
    out = [(k, n) for k, t in TABLES for n, f in sorted(t.items())
           if getattr(f, "spec", None) is spec]
    names = RENAMED.get(name, []) + [spec.name, spec.name.removeprefix("linalg_"),
                                     spec.name + "_"]
    return out + [(k, n) for n in names for k, t in TABLES if n in t and (k, n) not in out]


def _value(lib, code, shape_name, k, dual):
    shape = SHAPES[shape_name]
    floats = {"X": shape, "F": shape, "V": shape[-1:], "V2": (2,), "S": (2,) + shape[1:],
              "P": (1,), "c": shape[1:2] or shape, "Xt": shape[::-1],
              "W": {"img": (3, 2, 3, 3), "3d": (5, 3, 2)}.get(shape_name, shape),
              "WT": {"img": (2, 3, 3, 3), "3d": (3, 5, 2)}.get(shape_name, shape),
              "B": {"img": (3,), "3d": (5,)}.get(shape_name, shape[-1:]),
              "W3": (2,) + shape[-1:] * 2}
    if isinstance(code, list):
        return [_value(lib, c, shape_name, k + i, dual) for i, c in enumerate(code)]
    if isinstance(code, str) and code in floats:
        a, t = arr(*floats[code], seed=k), arr(*floats[code], seed=k + 100)
        if shape_name == "spd" and code in ("X", "F"):
            a, t = a @ a.T + 3 * np.eye(3), t + t.T
        x = lib.tensor(a)
        if code == "Xt":  # a batch of transposed matrices (bmm's second operand)
            x = lib.tensor(arr(*shape[:1], *shape[:0:-1], seed=k))
            t = arr(*x.shape, seed=k + 100)
        return fwad(lib).make_dual(x, lib.tensor(t)) if dual and code != "c" else x
    if isinstance(code, str) and code in INDEX:
        return lib.tensor(INDEX[code])
    return code


def _call(lib, kind, name, shape_name, args, dual):
    if "X" not in args and ["X", "F"] not in args:
        args = ("X",) + args
    kwargs = args[-1] if args and isinstance(args[-1], dict) else {}
    args = args[:-1] if kwargs else args
    values = [_value(lib, a, shape_name, i, dual) for i, a in enumerate(args)]
    if kind == "method":
        return getattr(values[0], name)(*values[1:], **kwargs)
    namespace = {"function": lib, "nn": lib.nn.functional, "linalg": lib.linalg}[kind]
    return getattr(namespace, name)(*values, **kwargs)


def _flat(out):
    if isinstance(out, (tuple, list)):
        return [o for x in out for o in _flat(x)]
    return [out] if hasattr(out, "dtype") and hasattr(out, "shape") else []


def _reached(kind, name, shape_name, args):
    """The op-table entries a compat call runs with tangents."""
    seen = set()
    original = compat.tangents.propagate

    def spy(op, raw, tensors, result):
        seen.add(op.spec)
        return original(op, raw, tensors, result)
    compat.tangents.propagate = spy
    try:
        with fwad(compat).dual_level():
            _call(compat, kind, name, shape_name, args, True)
    except NotImplementedError:
        pass  # an entry forward AD refuses (floor_divide): the test checks torch refuses alike
    finally:
        compat.tangents.propagate = original
    return seen


def _sample(name, spec):
    """A call (kind, public name, input shape, arguments) that works in torch and reaches
    ``spec`` in compat with tangents, or None."""
    shapes = [FIRST_SHAPE[name]] if name in FIRST_SHAPE else list(SHAPES)
    for kind, public in _candidates(name, spec):
        for shape_name in shapes:
            for args in ARGS:
                try:
                    if not _flat(_call(torch, kind, public, shape_name, args, False)):
                        continue
                    if spec in _reached(kind, public, shape_name, args):
                        return kind, public, shape_name, args
                except Exception:  # noqa: BLE001 (searching for a call that works)
                    continue
    return None


def _detached(lib, value):
    # torch gives a ZeroTensor tangent where it knows the tangent is zero (slogdet's sign)
    if lib is torch and value is not None and value._is_zerotensor():
        return torch.zeros(value.shape, dtype=value.dtype)
    return None if value is None else value.detach()


def _unpacked(lib, out):
    return [tuple(_detached(lib, v) for v in fwad(lib).unpack_dual(o)) for o in _flat(out)]


@pytest.mark.parametrize("name", [pytest.param(n, marks=pytest.mark.xfail(
    reason=KNOWN_DIFFERENCES[n], strict=True)) if n in KNOWN_DIFFERENCES else n
    for n in sorted(SPECS)])
def test_tangents_through_the_op_table(name):
    found = _sample(name, SPECS[name])
    if found is None:
        pytest.skip("no sample call reaches this entry with a float input")

    def program(lib):
        with fwad(lib).dual_level():
            return _unpacked(lib, _call(lib, *found, True))
    try:
        with fwad(torch).dual_level():
            _call(torch, *found, True)
    except Exception:  # noqa: BLE001 (torch has no forward AD here: we refuse alike)
        check_raises(program)
        return
    check_program(program)
