"""Differential-test oracle: run one program through torch and through compat, compare.

A test reads like the torch code it checks::

    check(lambda torch, x, y: (x * y).sum(), inputs=[randn(3, 4), randn(4)])

``check`` builds every :class:`In` input in both libraries from the same numpy values (float
inputs require grad unless told otherwise), runs ``fn(torch, *inputs)`` and
``fn(compat, *inputs)``, and compares the results recursively: tensors by shape, dtype,
``requires_grad``, ``is_leaf``, ``grad_fn`` type name and values (tolerances per dtype);
tuples (and ``torch.return_types``) by type name and element; ``Size``, dtypes, numpy arrays
and Python scalars by type and value. Inputs are compared afterwards too (in-place ops).
Then it back-propagates ``sum(out * w)`` over every differentiable output (``w``: fixed
weights, the same on both sides) and compares every input's ``.grad`` (or, where torch's
backward raises, that compat's raises the same). ``warns=True`` also compares the warnings.

``check_raises(fn, inputs)`` asserts that both libraries raise, with the same exception type
(torch's own subclasses of builtin exceptions count as their builtin base, unless
``exact_type=True``) and, unless ``message=False``, the same message.

A program that builds its own tensors (a whole scenario: a training loop, hooks, grad modes,
seeded draws) takes the library alone, ``program(lib)``::

    check_program(lambda torch: torch.randn(3, 4), seed=0, ulps=0)

``both(program, seed=None)`` runs it in both libraries (after ``manual_seed(seed)`` in each,
when given) and returns ``(ours, theirs)``; ``check_program`` compares the two results with
:func:`assert_same` (``ulps=`` compares floats within that many units in the last place,
``ulps=0`` exactly); ``check_raises(program)`` (no inputs) asserts that it raises alike.

Expected values come only from torch: nothing here reads compat's output as a reference.
"""
from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

torch = pytest.importorskip("torch")
import compat  # noqa: E402

__all__ = ["In", "randn", "uniform", "randint", "randbool", "const", "check", "check_raises",
           "both", "check_program", "assert_same", "torch", "compat"]

# (rtol, atol) for values and for gradients, per dtype.
TOLERANCES = {
    "float16": (1e-3, 1e-3), "bfloat16": (1e-2, 1e-2),
    "float32": (2e-5, 1e-5), "float64": (1e-9, 1e-10),
}

_rng = np.random.default_rng(20240613)


class In:
    """One tensor input: its numpy values and whether it requires grad (floats do by default)."""

    __slots__ = ("array", "requires_grad")

    def __init__(self, array, requires_grad=None):
        self.array = np.asarray(array)
        floating = self.array.dtype.kind in "fc"
        if requires_grad is None:
            requires_grad = floating
        self.requires_grad = bool(requires_grad)

    def make(self, lib):
        t = lib.tensor(self.array.copy())
        assert str(t.dtype) == "torch." + self.array.dtype.name
        if self.requires_grad:
            t.requires_grad_(True)
        return t

    def nograd(self):
        return In(self.array, requires_grad=False)

    def __repr__(self):
        short = {"float32": "f32", "float64": "f64", "int64": "i64", "int32": "i32", "bool": "b",
                 "float16": "f16"}.get(self.array.dtype.name, self.array.dtype.name)
        return f"{short}{list(self.array.shape)}".replace(" ", "")


def _shape(shape):
    if len(shape) == 1 and isinstance(shape[0], (tuple, list)):
        return tuple(shape[0])
    return tuple(shape)


def randn(*shape, dtype="float32", requires_grad=None) -> In:
    """Random values of ``dtype``: normal floats, integers in [-5, 5], or random bools."""
    shape, dt = _shape(shape), np.dtype(dtype)
    if dt.kind == "f":
        values = _rng.standard_normal(shape).astype(dt)
    elif dt.kind in "iu":
        values = _rng.integers(-5 if dt.kind == "i" else 0, 6, shape).astype(dt)
    elif dt.kind == "b":
        values = _rng.random(shape) < 0.5
    else:
        raise TypeError(dtype)
    return In(values, requires_grad)


def uniform(*shape, low=0.1, high=2.0, dtype="float32", requires_grad=None) -> In:
    """Uniform floats in [low, high) (positive by default, for log/sqrt/pow)."""
    shape = _shape(shape)
    return In(_rng.uniform(low, high, shape).astype(np.dtype(dtype)), requires_grad)


def randint(low, high, *shape, dtype="int64") -> In:
    return In(_rng.integers(low, high, _shape(shape)).astype(np.dtype(dtype)))


def randbool(*shape) -> In:
    return In(_rng.random(_shape(shape)) < 0.5)


def const(values, dtype=None, requires_grad=None) -> In:
    """An input with exactly these values (special points: 0, ties, bounds…)."""
    return In(np.asarray(values, dtype=None if dtype is None else np.dtype(dtype)), requires_grad)


# --------------------------------------------------------------------------- building
def _build(lib, inputs):
    for x in inputs:
        if isinstance(x, (torch.Tensor, compat.Tensor)):
            # one library's tensor would reach the other's program unchanged (a torch tensor
            # given to the compat run tests torch against itself): inputs are In values
            raise TypeError("oracle inputs are In values (randn, const), not tensors")
    return [x.make(lib) if isinstance(x, In) else x for x in inputs]


def _weights(shape, dtype):
    rng = np.random.default_rng(len(shape) * 7919 + int(np.prod(shape, dtype=np.int64)))
    return rng.uniform(0.5, 1.5, shape).astype(dtype)


def _flat_tensors(out, torch_side):
    kind = torch.Tensor if torch_side else compat.Tensor
    if isinstance(out, kind):
        return [out]
    if isinstance(out, (tuple, list)):
        return [t for o in out for t in _flat_tensors(o, torch_side)]
    return []


# --------------------------------------------------------------------------- comparison
def _tol(dtype_name, rtol, atol):
    base = TOLERANCES.get(dtype_name, (0.0, 0.0))
    return (base[0] if rtol is None else rtol), (base[1] if atol is None else atol)


def _values(t, ours):
    t = t.detach()
    if ours:
        return np.asarray(t)  # no numpy(): that would make it share memory with NumPy
    if t.dtype == torch.bfloat16:
        return t.float().numpy()
    return t.numpy()


def assert_close_arrays(ours, theirs, dtype_name, rtol=None, atol=None, where="value", *, ulps=None):
    """Same shape and values: floats within (rtol, atol) (the dtype's by default) or, with
    ``ulps``, within that many units in the last place (``0``: equal); the rest equal."""
    ours, theirs = np.asarray(ours), np.asarray(theirs)
    assert ours.shape == theirs.shape, f"{where}: shape {ours.shape} != torch's {theirs.shape}"
    if ulps is not None and theirs.dtype.kind == "f":
        ours = ours.astype(theirs.dtype)
        if ulps == 0:
            np.testing.assert_array_equal(ours, theirs, err_msg=where)
        else:
            try:
                np.testing.assert_array_max_ulp(ours, theirs, maxulp=ulps)
            except AssertionError as err:
                raise AssertionError(f"{where}: {err}") from None
    elif theirs.dtype.kind in "fc":
        rtol, atol = _tol(dtype_name, rtol, atol)
        np.testing.assert_allclose(ours.astype(theirs.dtype), theirs, rtol=rtol, atol=atol,
                                   equal_nan=True, err_msg=where)
    else:
        np.testing.assert_array_equal(ours, theirs, err_msg=where)


def _grad_fn_name(t):
    return None if t.grad_fn is None else type(t.grad_fn).__name__


def assert_tensor(ours, theirs, rtol=None, atol=None, where="out", grad_fn=True, *, ulps=None):
    assert isinstance(ours, compat.Tensor), f"{where}: {type(ours).__name__} is not a Tensor"
    assert tuple(ours.shape) == tuple(theirs.shape), \
        f"{where}: shape {tuple(ours.shape)} != torch's {tuple(theirs.shape)}"
    assert str(ours.dtype) == str(theirs.dtype), f"{where}: dtype {ours.dtype} != torch's {theirs.dtype}"
    assert ours.requires_grad == theirs.requires_grad, \
        f"{where}: requires_grad {ours.requires_grad} != torch's {theirs.requires_grad}"
    assert ours.is_leaf == theirs.is_leaf, f"{where}: is_leaf {ours.is_leaf} != torch's {theirs.is_leaf}"
    if grad_fn:
        assert _grad_fn_name(ours) == _grad_fn_name(theirs), \
            f"{where}: grad_fn {_grad_fn_name(ours)} != torch's {_grad_fn_name(theirs)}"
    assert_close_arrays(_values(ours, True), _values(theirs, False), str(theirs.dtype)[6:],
                        rtol, atol, where, ulps=ulps)


def assert_same(ours, theirs, rtol=None, atol=None, where="out", grad_fn=True, *, ulps=None):
    """Recursive comparison of compat's result with torch's.

    Tensors as :func:`assert_tensor` (``grad_fn=False`` skips the ``grad_fn`` names); tuples and
    lists by type name, length and element; ``Size``, dtypes, numpy arrays, Python scalars by
    type and value; ``None`` only by ``None``; anything else by ``==``. Float values agree within
    (rtol, atol), the dtype's by default (Python floats: 1e-6), or, with ``ulps``, within that
    many units in the last place (``ulps=0``: exactly).
    """
    if theirs is None:
        assert ours is None, f"{where}: {ours!r} != torch's None"
    elif isinstance(theirs, torch.Tensor):
        assert_tensor(ours, theirs, rtol, atol, where, grad_fn, ulps=ulps)
    elif isinstance(theirs, torch.Size):
        assert type(ours).__name__ == "Size", f"{where}: {type(ours).__name__} is not a Size"
        assert tuple(ours) == tuple(theirs), f"{where}: {tuple(ours)} != torch's {tuple(theirs)}"
    elif isinstance(theirs, torch.dtype):
        assert repr(ours) == repr(theirs), f"{where}: {ours!r} != torch's {theirs!r}"
    elif isinstance(theirs, (tuple, list)):
        assert type(ours).__name__ == type(theirs).__name__, \
            f"{where}: {type(ours).__name__} != torch's {type(theirs).__name__}"
        assert len(ours) == len(theirs), f"{where}: length {len(ours)} != torch's {len(theirs)}"
        for i, (o, t) in enumerate(zip(ours, theirs)):
            assert_same(o, t, rtol, atol, f"{where}[{i}]", grad_fn, ulps=ulps)
    elif isinstance(theirs, np.ndarray):
        assert isinstance(ours, np.ndarray), f"{where}: {type(ours).__name__} is not an ndarray"
        assert ours.dtype == theirs.dtype, f"{where}: dtype {ours.dtype} != torch's {theirs.dtype}"
        assert_close_arrays(ours, theirs, theirs.dtype.name, rtol, atol, where, ulps=ulps)
    elif isinstance(theirs, (bool, int, float, complex)):
        assert type(ours) is type(theirs), f"{where}: {type(ours).__name__} != torch's {type(theirs).__name__}"
        if isinstance(theirs, float) and math.isnan(theirs):
            assert math.isnan(ours), f"{where}: {ours} != nan"
        elif isinstance(theirs, float) and ulps is not None:
            assert_close_arrays(np.float64(ours), np.float64(theirs), "float64", where=where, ulps=ulps)
        elif isinstance(theirs, float):
            assert ours == pytest.approx(theirs, rel=rtol or 1e-6, abs=atol or 1e-6), \
                f"{where}: {ours} != torch's {theirs}"
        else:
            assert ours == theirs, f"{where}: {ours!r} != torch's {theirs!r}"
    else:
        assert ours == theirs, f"{where}: {ours!r} != torch's {theirs!r}"


# --------------------------------------------------------------------------- the checks
def _run_recording(fn, lib, inputs):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = fn(lib, *inputs)
    return out, [(w.category.__name__, str(w.message)) for w in caught]


def check(fn, inputs=(), *, rtol=None, atol=None, grad_rtol=None, grad_atol=None, grad=True,
          grad_fn=True, warns=False):
    """Run ``fn(lib, *inputs)`` with torch and compat; compare outputs, inputs and gradients
    (and, with ``warns=True``, the warnings both raise: category and text).

    Returns ``(ours, theirs)`` for any further assertion a test wants to make.
    """
    t_inputs, c_inputs = _build(torch, inputs), _build(compat, inputs)
    if warns:
        theirs, t_warnings = _run_recording(fn, torch, t_inputs)
        ours, c_warnings = _run_recording(fn, compat, c_inputs)
        assert c_warnings == t_warnings, f"warnings {c_warnings} != torch's {t_warnings}"
    else:
        theirs = fn(torch, *t_inputs)
        ours = fn(compat, *c_inputs)
    assert_same(ours, theirs, rtol, atol, "out", grad_fn)
    for i, (o, t) in enumerate(zip(c_inputs, t_inputs)):
        if isinstance(t, torch.Tensor):  # in-place ops change their inputs
            assert_same(o, t, rtol, atol, f"input {i} after the call", grad_fn)
    if grad:
        _check_backward(ours, theirs, c_inputs, t_inputs, grad_rtol, grad_atol)
    return ours, theirs


def both(program, *, seed=None):
    """Run ``program(torch)`` and ``program(compat)``; return ``(ours, theirs)``.

    For programs that build their own tensors. With ``seed``, both libraries are seeded first
    (``torch.manual_seed(seed)``, ``compat.manual_seed(seed)``), so seeded draws line up.
    Nothing is compared: see :func:`check_program`.
    """
    if seed is not None:
        torch.manual_seed(seed)
        compat.manual_seed(seed)
    theirs = program(torch)
    ours = program(compat)
    return ours, theirs


def check_program(program, *, seed=None, rtol=None, atol=None, ulps=None, grad_fn=True):
    """Run ``program(lib)`` in both libraries (seeded as :func:`both`) and compare the results
    with :func:`assert_same` (``rtol``/``atol``/``ulps``/``grad_fn`` as there).

    Returns ``(ours, theirs)`` for any further assertion a test wants to make.
    """
    ours, theirs = both(program, seed=seed)
    assert_same(ours, theirs, rtol, atol, "out", grad_fn, ulps=ulps)
    return ours, theirs


def _check_backward(ours, theirs, c_inputs, t_inputs, rtol, atol):
    t_outs = _flat_tensors(theirs, True)
    c_outs = _flat_tensors(ours, False)
    pairs = [(c, t) for c, t in zip(c_outs, t_outs) if t.requires_grad]
    if not pairs:
        return
    # The same weights on both sides make the gradient of each output element distinct.
    t_ws = [torch.from_numpy(_weights(tuple(t.shape), _values(t, False).dtype)).to(t.dtype)
            for _, t in pairs]
    c_ws = [compat.tensor(_weights(tuple(t.shape), _values(t, False).dtype)).to(c.dtype)
            for c, t in pairs]
    try:
        torch.autograd.backward([t for _, t in pairs], t_ws)
    except RuntimeError as err:  # ops without a derivative (grad_fn NotImplemented)
        with pytest.raises(RuntimeError) as info:
            compat.autograd.backward([c for c, _ in pairs], c_ws)
        assert str(info.value) == str(err), f"backward: {info.value} != torch's {err}"
        return
    compat.autograd.backward([c for c, _ in pairs], c_ws)
    # A gradient is only as precise as the lowest-precision float on its way.
    dtypes = {str(t.dtype)[6:] for _, t in pairs}
    dtypes |= {str(t.dtype)[6:] for t in t_inputs if isinstance(t, torch.Tensor) and t.requires_grad}
    worst = max((TOLERANCES.get(d, (0.0, 0.0)) for d in dtypes), default=(None, None))
    rtol = worst[0] if rtol is None else rtol
    atol = worst[1] if atol is None else atol
    for i, (o, t) in enumerate(zip(c_inputs, t_inputs)):
        if isinstance(t, torch.Tensor) and t.is_leaf and t.requires_grad:
            if t.grad is None:
                assert o.grad is None, f"grad of input {i}: torch's is None, ours is {o.grad}"
            else:
                assert o.grad is not None, f"grad of input {i}: None, torch's is {t.grad}"
                assert_tensor(o.grad, t.grad, rtol, atol, f"grad of input {i}")


def _builtin_base(exc_type):
    for cls in exc_type.__mro__:
        if cls.__module__ == "builtins":
            return cls
    return exc_type


def check_raises(fn, inputs=(), *, message=True, exact_type=False):
    """Both libraries raise, with the same exception type and (``message=True``) text.

    ``fn(lib, *inputs)``: with no ``inputs``, a program ``fn(lib)`` that builds its own tensors.
    ``message`` may also be a string: a substring both messages must contain. A torch subclass
    of a builtin exception matches its builtin base, unless ``exact_type=True``: then compat
    must raise torch's very class. Returns ``(ours, theirs)``, the two exceptions.
    """
    t_inputs = _build(torch, inputs)
    try:
        result = fn(torch, *t_inputs)
    except Exception as err:  # noqa: BLE001
        theirs = err
    else:
        raise AssertionError(f"torch did not raise (returned {result!r}): the test is wrong")
    c_inputs = _build(compat, inputs)
    with pytest.raises(Exception) as info:
        fn(compat, *c_inputs)
    ours = info.value
    expected = _builtin_base(type(theirs))
    if exact_type:
        expected = type(theirs)
    assert type(ours) is expected or type(ours) is type(theirs), \
        f"raised {type(ours).__name__}({ours}), torch raises {type(theirs).__name__}({theirs})"
    if message is True:
        assert str(ours) == str(theirs), f"message {str(ours)!r} != torch's {str(theirs)!r}"
    elif isinstance(message, str):
        assert message in str(theirs), f"{message!r} not in torch's {str(theirs)!r}: the test is wrong"
        assert message in str(ours), f"{message!r} not in {str(ours)!r} (torch: {str(theirs)!r})"
    return ours, theirs
