"""Tensor creation and random factories against torch, good and bad arguments alike.

Each case is a program ``fn(lib)`` run with ``lib = torch`` and ``lib = compat``. Where torch
returns, compat returns the same (values, dtype, shape, requires_grad: oracle's
``assert_same``); where torch raises, compat raises the same exception type with the same
first line of message, and no JAX or numpy wording that torch's message does not have.
Random programs seed both generators first, so their numbers must agree too.

    python -m pytest -q -p no:cacheprovider tests/compat/test_reliability_creation.py
"""
from __future__ import annotations

import warnings

import numpy as np
import pytest

from oracle import assert_same

torch = pytest.importorskip("torch")
import compat  # noqa: E402

NAN, INF = float("nan"), float("inf")


class Index:
    """Not an int, but usable as one (``__index__``)."""

    def __index__(self):
        return 3


def _run(program, lib):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return program(lib), None
        except Exception as err:  # noqa: BLE001
            return None, err


def _builtin_base(exc_type):
    for cls in exc_type.__mro__:
        if cls.__module__ == "builtins":
            return cls
    return exc_type


def _first_line(err) -> str:
    text = str(err)
    return text.splitlines()[0] if text else ""


def same_outcome(program):
    """``program`` gives in compat what it gives in torch: the same result, or the same
    exception type and first line of message."""
    theirs, their_error = _run(program, torch)
    ours, our_error = _run(program, compat)
    if their_error is None:
        assert our_error is None, \
            f"compat raises {type(our_error).__name__}: {our_error}; torch returns {theirs!r}"
        assert_same(ours, theirs, grad_fn=False)
        return
    assert our_error is not None, \
        f"compat returns {ours!r}; torch raises {type(their_error).__name__}: {their_error}"
    assert _builtin_base(type(our_error)) is _builtin_base(type(their_error)), \
        f"compat raises {type(our_error).__name__}: {our_error}\n" \
        f"torch raises {type(their_error).__name__}: {their_error}"
    assert _first_line(our_error) == _first_line(their_error), \
        f"compat: {_first_line(our_error)!r}\ntorch:  {_first_line(their_error)!r}"
    for word in ("jax", "numpy", "ndarray"):
        if word not in str(their_error).lower():
            assert word not in str(our_error).lower(), \
                f"compat's message shows {word!r}: {our_error}"


def _params(table):
    return [pytest.param(program, id=name) for name, program in table.items()]


def _same_outcome_test(table, *marks):
    """A test (with ``marks``) of each program in ``table`` (id: program): compat's outcome
    is torch's."""
    @pytest.mark.parametrize("program", _params(table))
    def test(program):
        same_outcome(program)
    for mark in marks:
        test = mark(test)
    return test


# ============================================================================ integers and sizes
INTEGER_CASES = {
    "tensor-2**63": lambda t: t.tensor(2**63),
    "tensor-list-2**63": lambda t: t.tensor([2**63]),
    "tensor-list-tail-2**63": lambda t: t.tensor([1, 2**63]),
    "tensor-below-int64": lambda t: t.tensor(-2**63 - 1),
    "tensor-int64-min": lambda t: t.tensor(-2**63),
    "tensor-int64-max": lambda t: t.tensor([2**63 - 1]),
    "tensor-2**64": lambda t: t.tensor(2**64),
    "tensor-2**63-as-float": lambda t: t.tensor([2**63], dtype=t.float32),
    "tensor-2**63-with-float": lambda t: t.tensor([1.5, 2**63]),
    "tensor-huge-int-float": lambda t: t.tensor([2**1100], dtype=t.float32),
    "tensor-huge-int-inferred": lambda t: t.tensor([2**1100]),
    "tensor-huge-int-bool": lambda t: t.tensor([2**64], dtype=t.bool),
    "tensor-uint8-300": lambda t: t.tensor(300, dtype=t.uint8),
    "tensor-uint8-list-300": lambda t: t.tensor([300], dtype=t.uint8),
    "tensor-uint8-minus-1": lambda t: t.tensor(-1, dtype=t.uint8),
    "tensor-uint8-minus-255": lambda t: t.tensor([-255, 7], dtype=t.uint8),
    "tensor-uint8-minus-256": lambda t: t.tensor([-256], dtype=t.uint8),
    "tensor-int32-2**40": lambda t: t.tensor(2**40, dtype=t.int32),
    "tensor-int8-list": lambda t: t.tensor([[1, 2], [-128, 127]], dtype=t.int8),
    "tensor-nan-int64": lambda t: t.tensor([NAN], dtype=t.int64),
    "tensor-inf-int64": lambda t: t.tensor([INF], dtype=t.int64),
    "tensor-1e20-int64": lambda t: t.tensor([1e20], dtype=t.int64),
    "tensor-minus-1e20-int64": lambda t: t.tensor([-1e20], dtype=t.int64),
    "tensor-2**63-float-int64": lambda t: t.tensor([9.223372036854775807e18], dtype=t.int64),
    "tensor-9.3e18-int64": lambda t: t.tensor([9.3e18], dtype=t.int64),
    "tensor-nan-scalar-int64": lambda t: t.tensor(NAN, dtype=t.int64),
    "tensor-nan-int32": lambda t: t.tensor([NAN], dtype=t.int32),
    "tensor-1e10-int32": lambda t: t.tensor([1e10], dtype=t.int32),
    "tensor-uint8-300.7": lambda t: t.tensor([300.7], dtype=t.uint8),
    "tensor-uint8-minus-0.5": lambda t: t.tensor([-0.5], dtype=t.uint8),
    "tensor-int8-minus-128.9": lambda t: t.tensor([-128.9], dtype=t.int8),
    "tensor-int16-1e20": lambda t: t.tensor([1e20], dtype=t.int16),
    "tensor-float-truncates": lambda t: t.tensor([3.7, -3.7, 2.5], dtype=t.int32),
    "tensor-mixed-into-uint8": lambda t: t.tensor([-1, 2.5], dtype=t.uint8),
    "tensor-bool-into-int": lambda t: t.tensor([True, 2.5], dtype=t.int64),
    "tensor-float-to-bool": lambda t: t.tensor([0.5, 0.0, NAN], dtype=t.bool),
    "tensor-complex-to-bool": lambda t: t.tensor([1 + 2j, 0j], dtype=t.bool),
    "tensor-complex-to-float": lambda t: t.tensor([1 + 2j], dtype=t.float32),
    "tensor-complex-to-int": lambda t: t.tensor([1 + 2j], dtype=t.int64),
    "tensor-1e300-float32": lambda t: t.tensor([1e300, -1e300], dtype=t.float32),
    "tensor-1e6-float16": lambda t: t.tensor([1e6, 70000], dtype=t.float16),
    "tensor-numpy-nan-int64": lambda t: t.tensor(np.array([NAN, 1e20, -1.5, 2.5]), dtype=t.int64),
    "tensor-numpy-specials-int32": lambda t: t.tensor(np.array([NAN, INF, 1e20, 300.5]),
                                                      dtype=t.int32),
    "tensor-numpy-specials-uint8": lambda t: t.tensor(
        np.array([300.5, -1.5, NAN, 1e20, 2.0**32 + 5, -2.0**32 - 5, 2.0**40 + 7]), dtype=t.uint8),
    "tensor-numpy-specials-int8": lambda t: t.tensor(np.array([300.5, -1.5, NAN, 2.0**32 + 5]),
                                                     dtype=t.int8),
    "tensor-float32-array-int64": lambda t: t.tensor(
        np.array([NAN, 1e20, 2.0**31, -7.5], dtype=np.float32), dtype=t.int64),
    "tensor-numpy-wraps-int8": lambda t: t.tensor(np.array([300, -1, 2**40]), dtype=t.int8),
    "tensor-tensor-nan-int64": lambda t: t.tensor(t.tensor([1.5, NAN]), dtype=t.int64),
    "as-tensor-nan-int64": lambda t: t.as_tensor([1.5, NAN], dtype=t.int64),
    "asarray-nan-int64": lambda t: t.asarray([NAN], dtype=t.int64),
    "ones-float-in-tuple": lambda t: t.ones((2, 2.5)),
    "ones-float-vararg": lambda t: t.ones(2, 2.5),
    "zeros-float": lambda t: t.zeros(2.0),
    "zeros-float-list": lambda t: t.zeros([2, 2.0]),
    "empty-str-in-tuple": lambda t: t.empty((2, "3")),
    "zeros-str": lambda t: t.zeros("a"),
    "zeros-none": lambda t: t.zeros(None),
    "zeros-none-in-tuple": lambda t: t.zeros((2, None)),
    "zeros-bool": lambda t: t.zeros(True),
    "zeros-bool-first": lambda t: t.zeros((True, 2)),
    "zeros-bool-second": lambda t: t.zeros(2, True),
    "zeros-numpy-int": lambda t: t.zeros(np.int64(2), np.int32(3)),
    "zeros-numpy-float": lambda t: t.zeros(np.float64(2)),
    "zeros-numpy-bool": lambda t: t.zeros((2, np.bool_(True))),
    "zeros-int-tensor": lambda t: t.zeros(t.tensor(2)),
    "zeros-one-element-tensor": lambda t: t.zeros((2, t.tensor([3]))),
    "zeros-float-tensor": lambda t: t.zeros(t.tensor(2.0)),
    "zeros-two-element-tensor": lambda t: t.zeros(t.tensor([3, 2])),
    "zeros-index-object": lambda t: t.zeros((Index(), 2)),
    "zeros-nested-list": lambda t: t.zeros([[2]]),
    "zeros-tuple-vararg": lambda t: t.zeros(2, (3,)),
    "zeros-two-tuples": lambda t: t.zeros((2, 3), 4),
    "zeros-ndarray": lambda t: t.zeros(np.array([2, 3])),
    "zeros-range": lambda t: t.zeros(range(3)),
    "zeros-empty-tuple": lambda t: t.zeros(()),
    "zeros-size": lambda t: t.zeros(t.Size([2, 3])),
    "zeros-dtype-as-size": lambda t: t.zeros(t.float32),
    "zeros-2**63": lambda t: t.zeros(2**63),
    "zeros-2**63-second": lambda t: t.zeros((2, 2**63)),
    "zeros-size-keyword": lambda t: t.zeros(size=(2, 3)),
    "zeros-size-keyword-int": lambda t: t.zeros(size=2),
    "zeros-size-keyword-float-first": lambda t: t.zeros(size=(2.5,)),
    "zeros-size-keyword-float-second": lambda t: t.zeros(size=(2, 2.5)),
    "zeros-size-twice": lambda t: t.zeros(2, size=(2,)),
    "zeros-no-size": lambda t: t.zeros(),
    "zeros-unknown-keyword": lambda t: t.zeros(2, foo=1),
    "zeros-names-keyword": lambda t: t.zeros(2, names=None),
    "full-float-size": lambda t: t.full((2.5,), 1),
    "full-int-size": lambda t: t.full(2, 1.0),
    "randint-float-size": lambda t: t.randint(5, (2.5,)),
    "rand-float": lambda t: t.rand(2.5),
    "randn-str": lambda t: t.randn("a"),
}


# ============================================================================ sizes and memory
SIZE_CASES = {
    "zeros-negative": lambda t: t.zeros(-1),
    "zeros-negative-huge": lambda t: t.zeros(-1, 2**40, 2**40),
    "ones-negative": lambda t: t.ones(2, -3),
    "empty-negative": lambda t: t.empty(-2),
    "full-negative": lambda t: t.full((2, -1), 1.0),
    "zeros-10**12": lambda t: t.zeros(10**12),
    "ones-2**61": lambda t: t.ones(2**61),
    "empty-2**40-squared": lambda t: t.empty(2**40, 2**40),
    "ones-2**62": lambda t: t.ones(2**62),
    "zeros-2**31-2**31-4": lambda t: t.zeros(2**31, 2**31, 4),
    "zeros-2**40-2**23": lambda t: t.zeros(2**40, 2**23),
    "zeros-overflow-before-zero": lambda t: t.zeros(2**62, 2**62, 0),
    "zeros-stride-overflow": lambda t: t.zeros(0, 2**62, 2**62),
    "zeros-bool-2**61": lambda t: t.zeros(2**61 - 1, dtype=t.bool),
    "empty-10**13-double": lambda t: t.empty(10**13, dtype=t.float64),
    "full-10**12": lambda t: t.full((10**12,), 1.0),
    "eye-10**7": lambda t: t.eye(10**7),
    "eye-2**31": lambda t: t.eye(2**31, 2**31),
    "arange-10**12": lambda t: t.arange(10**12),
    "linspace-10**12": lambda t: t.linspace(0, 1, 10**12),
    "rand-10**12": lambda t: t.rand(10**12),
    "randn-2**40-squared": lambda t: t.randn(2**40, 2**40),
    "randint-10**12": lambda t: t.randint(3, (10**12,)),
    "zeros-zero-size": lambda t: t.zeros(2, 0, 3),
    "empty-like-shape": lambda t: t.empty_like(t.ones(2, 0)).shape,
}


# ============================================================================ messages
MESSAGE_CASES = {
    "tensor-str-array": lambda t: t.tensor(np.array(["a"])),
    "tensor-str-array-with-dtype": lambda t: t.tensor(np.array(["a"]), dtype=t.float32),
    "tensor-bytes-array": lambda t: t.tensor(np.array([b"a"])),
    "tensor-object-array": lambda t: t.tensor(np.array([1, 2], dtype=object)),
    "from-numpy-str": lambda t: t.from_numpy(np.array(["a"])),
    "from-numpy-object": lambda t: t.from_numpy(np.array([1, "a"], dtype=object)),
    "from-numpy-datetime": lambda t: t.from_numpy(np.array(["2020"], dtype="datetime64[D]")),
    "from-numpy-longdouble": lambda t: t.from_numpy(np.array([1], dtype=np.longdouble)),
    "from-numpy-list": lambda t: t.from_numpy([1, 2]),
    "from-numpy-scalar": lambda t: t.from_numpy(np.float64(1)),
    "from-numpy-none": lambda t: t.from_numpy(None),
    "from-numpy-no-argument": lambda t: t.from_numpy(),
    "from-numpy-keyword": lambda t: t.from_numpy(a=np.zeros(2)),
    "from-numpy-two": lambda t: t.from_numpy(np.zeros(2), np.zeros(2)),
    "from-numpy-negative-stride": lambda t: t.from_numpy(np.arange(3.0)[::-1]),
    "tensor-negative-stride": lambda t: t.tensor(np.zeros((2, 2))[:, ::-1]),
    "from-numpy-big-endian": lambda t: t.from_numpy(np.array([1.5], dtype=">f8")),
    "from-numpy-values": lambda t: t.from_numpy(np.arange(6, dtype=np.int16).reshape(2, 3)),
    "from-numpy-strided": lambda t: t.from_numpy(np.arange(6.0)[::2]),
    "from-numpy-0d": lambda t: t.from_numpy(np.array(3.5)),
    "tensor-ragged": lambda t: t.tensor([[1, 2], [3]]),
    "tensor-ragged-longer": lambda t: t.tensor([[1], [2, 3]]),
    "tensor-ragged-deep": lambda t: t.tensor([[[1]], [[2, 3]]]),
    "tensor-ragged-empty": lambda t: t.tensor([[1, 2], []]),
    "tensor-ragged-scalar": lambda t: t.tensor([[1, 2], 3]),
    "tensor-ragged-list-leaf": lambda t: t.tensor([1, [2]]),
    "tensor-ragged-float-list-leaf": lambda t: t.tensor([1.5, [2]]),
    "tensor-ragged-deep-leaf": lambda t: t.tensor([[1, 2], [3, [4]]]),
    "tensor-ragged-tensor": lambda t: t.tensor([[1, 2], t.tensor([3])]),
    "tensor-ragged-0d-tensor": lambda t: t.tensor([[1, 2], t.tensor(3)]),
    "tensor-ragged-arrays": lambda t: t.tensor([np.array([1, 2]), np.array([3])]),
    "tensor-empty-then-full": lambda t: t.tensor([[], [1]]),
    "tensor-str": lambda t: t.tensor("abc"),
    "tensor-str-with-dtype": lambda t: t.tensor("ab", dtype=t.float32),
    "tensor-list-of-str": lambda t: t.tensor(["a"]),
    "tensor-list-of-str-with-dtype": lambda t: t.tensor(["a"], dtype=t.float32),
    "tensor-mixed-str": lambda t: t.tensor([1, "a"]),
    "tensor-mixed-str-float": lambda t: t.tensor([1, "a"], dtype=t.float32),
    "tensor-mixed-str-int": lambda t: t.tensor([1, "a"], dtype=t.int64),
    "tensor-mixed-str-bool": lambda t: t.tensor([1, "a"], dtype=t.bool),
    "tensor-numpy-str-scalar": lambda t: t.tensor(np.str_("a")),
    "tensor-bytes": lambda t: t.tensor(b"ab"),
    "tensor-none": lambda t: t.tensor(None),
    "tensor-none-float": lambda t: t.tensor(None, dtype=t.float32),
    "tensor-list-none": lambda t: t.tensor([None]),
    "tensor-row-none": lambda t: t.tensor([[1, 2], None]),
    "tensor-none-complex": lambda t: t.tensor([1, None], dtype=t.complex64),
    "tensor-set": lambda t: t.tensor({1, 2}),
    "tensor-dict": lambda t: t.tensor({1: 2}),
    "tensor-set-float": lambda t: t.tensor({1, 2}, dtype=t.float32),
    "tensor-object": lambda t: t.tensor(object()),
    "tensor-list-object-float": lambda t: t.tensor([object()], dtype=t.float32),
    "tensor-numpy-float32-into-int": lambda t: t.tensor([np.float32(1.5)], dtype=t.int64),
    "tensor-float-tensor-into-int": lambda t: t.tensor([t.tensor(1.5)], dtype=t.int64),
    "tensor-list-of-tensors": lambda t: t.tensor([t.tensor([1, 2]), t.tensor([3, 4])]),
    "tensor-list-of-float-tensors": lambda t: t.tensor([t.tensor([1.0, 2.0]),
                                                        t.tensor([3.0, 4.0])]),
    "tensor-no-data": lambda t: t.tensor(),
    "tensor-two-positional": lambda t: t.tensor([1], 2),
    "tensor-data-twice": lambda t: t.tensor(1, data=2),
    "tensor-unknown-keyword": lambda t: t.tensor([1], foo=1),
    "tensor-requires-grad-int": lambda t: t.tensor([1], requires_grad=1),
    "tensor-requires-grad-none": lambda t: t.tensor([1.0], requires_grad=None),
    "tensor-pin-memory-none": lambda t: t.tensor([1], pin_memory=None),
    "tensor-int-requires-grad": lambda t: t.tensor([1, 2], requires_grad=True),
    "as-tensor-ragged": lambda t: t.as_tensor([[1, 2], [3]]),
    "as-tensor-str": lambda t: t.as_tensor("a"),
    "as-tensor-2**63": lambda t: t.as_tensor(2**63),
    "as-tensor-no-data": lambda t: t.as_tensor(),
    "as-tensor-str-array": lambda t: t.as_tensor(np.array(["a"])),
    "asarray-none": lambda t: t.asarray(None),
    "asarray-copy-int": lambda t: t.asarray([1], copy=1),
    "zeros-like-list": lambda t: t.zeros_like([1, 2]),
    "ones-like-list": lambda t: t.ones_like([1, 2]),
    "full-like-list": lambda t: t.full_like([1, 2], 1),
    "empty-like-list": lambda t: t.empty_like([1, 2]),
    "rand-like-list": lambda t: t.rand_like([1, 2]),
    "randn-like-list": lambda t: t.randn_like([1, 2]),
    "randint-like-list": lambda t: t.randint_like([1, 2], 3),
    "zeros-like-none": lambda t: t.zeros_like(None),
    "zeros-like-ndarray": lambda t: t.zeros_like(np.zeros(2)),
    "zeros-like-int": lambda t: t.zeros_like(3),
    "zeros-like-two-positional": lambda t: t.zeros_like(t.ones(2), 2),
    "zeros-like-no-input": lambda t: t.zeros_like(),
    "zeros-like-unknown-keyword": lambda t: t.zeros_like(t.ones(2), foo=1),
    "zeros-like-memory-format-int": lambda t: t.zeros_like(t.ones(2), memory_format=1),
    "full-like-no-fill": lambda t: t.full_like(t.ones(2)),
    "bernoulli-list": lambda t: t.bernoulli([0.5]),
    "multinomial-list": lambda t: t.multinomial([1.0, 1.0], 1),
    "rand-generator-int": lambda t: t.rand(2, 3, generator=5),
}


# ============================================================================ refused arguments
REFUSED_CASES = {
    "zeros-dtype-str": lambda t: t.zeros(2, dtype="float32"),
    "zeros-dtype-str-varargs": lambda t: t.zeros(2, 3, dtype="a"),
    "ones-dtype-numpy": lambda t: t.ones(2, dtype=np.dtype("float32")),
    "ones-size-keyword-dtype-str": lambda t: t.ones(size=(2,), dtype="a"),
    "tensor-dtype-numpy-type": lambda t: t.tensor([1], dtype=np.float32),
    "tensor-dtype-int": lambda t: t.tensor([1], dtype=3),
    "full-dtype-str": lambda t: t.full((2,), 1, dtype="int64"),
    "eye-dtype-str": lambda t: t.eye(2, dtype="float32"),
    "rand-dtype-str": lambda t: t.rand(2, dtype="float32"),
    "randn-dtype-numpy": lambda t: t.randn(2, dtype=np.float32),
    "randint-dtype-str": lambda t: t.randint(3, (2,), dtype="int64"),
    "linspace-dtype-str": lambda t: t.linspace(0, 1, 3, dtype="float64"),
    "zeros-like-dtype-str": lambda t: t.zeros_like(t.ones(2), dtype="float32"),
    "full-like-dtype-str": lambda t: t.full_like(t.ones(2), 1, dtype="a"),
    "as-tensor-dtype-str": lambda t: t.as_tensor([1], dtype="float32"),
    "asarray-dtype-numpy": lambda t: t.asarray([1], dtype=np.float32),
    "arange-dtype-float": lambda t: t.arange(3, dtype=float),
    "arange-dtype-int": lambda t: t.arange(3, dtype=int),
    "zeros-dtype-bool": lambda t: t.zeros(2, dtype=bool),
    "zeros-dtype-complex": lambda t: t.zeros(2, dtype=complex),
    "rand-dtype-float": lambda t: (t.manual_seed(0), t.rand(2, dtype=float))[1],
    "randint-dtype-float": lambda t: (t.manual_seed(0), t.randint(3, (2,), dtype=float))[1],
    "full-dtype-float": lambda t: t.full((2,), 1, dtype=float),
    "zeros-like-dtype-float": lambda t: t.zeros_like(t.ones(2, 3), dtype=float),
    "zeros-dtype-none": lambda t: t.zeros(2, dtype=None),
    "zeros-requires-grad-int": lambda t: t.zeros(2, requires_grad=1),
    "zeros-requires-grad-numpy-bool": lambda t: t.zeros(2, requires_grad=np.bool_(True)),
    "zeros-requires-grad-none": lambda t: t.zeros(2, requires_grad=None),
    "zeros-pin-memory-int": lambda t: t.zeros(2, pin_memory=1),
    "zeros-device-float": lambda t: t.zeros(2, device=3.5),
    "zeros-device-bad": lambda t: t.zeros(2, device="abc"),
    "zeros-out-int": lambda t: t.zeros(2, out=5),
    "zeros-layout-int": lambda t: t.zeros(2, layout=5),
    "zeros-int-requires-grad": lambda t: t.zeros(2, dtype=t.int64, requires_grad=True),
    "eye-kwargs-order": lambda t: t.eye(2, dtype="a", device=1.5),
    "rand-kwargs-order": lambda t: t.rand(2, generator=1, dtype="a"),
    "full-str": lambda t: t.full((2,), "a"),
    "full-none": lambda t: t.full((2,), None),
    "full-list": lambda t: t.full((2,), [1]),
    "full-one-element-tensor": lambda t: t.full((2,), t.tensor([3.0])),
    "full-grad-tensor": lambda t: t.full((2,), t.tensor(1.0, requires_grad=True)),
    "full-keyword-str": lambda t: t.full(size=(2,), fill_value="a"),
    "full-no-fill": lambda t: t.full((2,)),
    "full-only-fill": lambda t: t.full(fill_value=1),
    "full-2**63": lambda t: t.full((2,), 2**63),
    "full-2**64": lambda t: t.full((2,), 2**64),
    "full-below-int64": lambda t: t.full((2,), -2**63 - 1),
    "full-uint8-300": lambda t: t.full((2,), 300, dtype=t.uint8),
    "full-uint8-minus-1": lambda t: t.full((2,), -1, dtype=t.uint8),
    "full-uint8-minus-256": lambda t: t.full((2,), -256, dtype=t.uint8),
    "full-uint8-minus-1.5": lambda t: t.full((2,), -1.5, dtype=t.uint8),
    "full-nan-int64": lambda t: t.full((2,), NAN, dtype=t.int64),
    "full-1e20-int32": lambda t: t.full((2,), 1e20, dtype=t.int32),
    "full-inf-int32": lambda t: t.full((2,), INF, dtype=t.int32),
    "full-1e5-int16": lambda t: t.full((2,), 1e5, dtype=t.int16),
    "full-1e300-float32": lambda t: t.full((2,), 1e300, dtype=t.float32),
    "full-inf-float32": lambda t: t.full((2,), INF, dtype=t.float32),
    "full-70000-float16": lambda t: t.full((2,), 70000, dtype=t.float16),
    "full-1e300-bfloat16": lambda t: t.full((2,), 1e300, dtype=t.bfloat16),
    "full-complex-float32": lambda t: t.full((2,), 1 + 2j, dtype=t.float32),
    "full-big-complex64": lambda t: t.full((2,), 1e300 + 1j, dtype=t.complex64),
    "full-complex": lambda t: t.full((2,), 1 + 2j),
    "full-bool": lambda t: t.full((2,), True),
    "full-int": lambda t: t.full((2,), 1),
    "full-1.5-bool": lambda t: t.full((2,), 1.5, dtype=t.bool),
    "full-1.5-int64": lambda t: t.full((2,), 1.5, dtype=t.int64),
    "full-numpy-int32": lambda t: t.full((2,), np.int32(1)),
    "full-numpy-float": lambda t: t.full((2,), np.float64(1.5)),
    "full-int32-tensor": lambda t: t.full((2,), t.tensor(3, dtype=t.int32)),
    "full-bool-tensor": lambda t: t.full((2,), t.tensor(True)),
    "full-scalar-shape": lambda t: t.full((), 1.0),
    "full-requires-grad-int": lambda t: t.full((2,), 2, requires_grad=True),
    "full-requires-grad-none": lambda t: t.full((2,), 1.0, requires_grad=None),
    "full-like-str": lambda t: t.full_like(t.ones(2), "a"),
    "full-like-none": lambda t: t.full_like(t.ones(2), None),
    "full-like-int-1.5": lambda t: t.full_like(t.ones(2, dtype=t.int64), 1.5),
    "full-like-int-nan": lambda t: t.full_like(t.ones(2, dtype=t.int64), NAN),
    "full-like-int-2**63": lambda t: t.full_like(t.ones(2, dtype=t.int64), 2**63),
    "full-like-uint8-300": lambda t: t.full_like(t.ones(2, dtype=t.uint8), 300),
    "full-like-bool-2": lambda t: t.full_like(t.ones(2, dtype=t.bool), 2),
    "full-like-float-complex": lambda t: t.full_like(t.ones(2), 1 + 2j),
    "zeros-like-int-requires-grad": lambda t: t.zeros_like(t.ones(2, dtype=t.int64),
                                                           requires_grad=True),
    "zeros-like-requires-grad": lambda t: t.zeros_like(t.ones(2), requires_grad=True),
    "zeros-like-keyword-input": lambda t: t.zeros_like(input=t.ones(2, dtype=t.int32)),
    "zeros-like-dtype": lambda t: t.zeros_like(t.ones(2, 3), dtype=t.int64),
    "zeros-like-grad-source": lambda t: t.zeros_like(t.tensor(1.0, requires_grad=True)),
    "arange-str": lambda t: t.arange("a"),
    "arange-none": lambda t: t.arange(None),
    "arange-end-str": lambda t: t.arange(0, "a"),
    "arange-no-arguments": lambda t: t.arange(),
    "arange-four-positional": lambda t: t.arange(0, 3, 1, 2),
    "arange-start-only-keyword": lambda t: t.arange(start=1),
    "arange-keywords": lambda t: t.arange(start=1, end=7, step=2),
    "arange-end-keyword": lambda t: t.arange(end=3),
    "arange-step-keyword": lambda t: t.arange(0, 3, step=2),
    "arange-zero-step": lambda t: t.arange(0, 1, 0),
    "arange-wrong-sign": lambda t: t.arange(1, 0),
    "arange-negative-end": lambda t: t.arange(-3),
    "arange-inf": lambda t: t.arange(INF),
    "arange-nan": lambda t: t.arange(NAN),
    "arange-nan-step": lambda t: t.arange(0, 1, NAN),
    "arange-inf-start": lambda t: t.arange(-INF, 0),
    "arange-half-inf": lambda t: t.arange(0.5, INF),
    "arange-inf-int64": lambda t: t.arange(INF, dtype=t.int64),
    "arange-inf-step": lambda t: t.arange(0, 1, INF),
    "arange-tiny-step": lambda t: t.arange(0, 1, 1e-20),
    "arange-1e300-float32": lambda t: t.arange(0, 1e300, dtype=t.float32),
    "arange-bool": lambda t: t.arange(3, dtype=t.bool),
    "arange-complex-dtype": lambda t: t.arange(3, dtype=t.complex64),
    "arange-2**63": lambda t: t.arange(2**63),
    "arange-2**64": lambda t: t.arange(2**64),
    "arange-step-2**63": lambda t: t.arange(0, 5, 2**63),
    "arange-step-2**62": lambda t: t.arange(0, 5, 2**62),
    "arange-int64-wraps": lambda t: t.arange(-2**63, 0, 2**62),
    "arange-near-int64-min": lambda t: t.arange(-9223372036854775808, -9223372036854775800, 3),
    "arange-big-float32": lambda t: t.arange(2**60, 2**60 + 3, dtype=t.float32),
    "arange-big-int64": lambda t: t.arange(2**60, 2**60 + 3),
    "arange-tensor-bound": lambda t: t.arange(t.tensor([1, 2])),
    "arange-0d-tensors": lambda t: (t.arange(t.tensor(3)), t.arange(t.tensor(3.0)),
                                    t.arange(t.tensor(3, dtype=t.int32))),
    "arange-numpy": lambda t: (t.arange(np.float64(2.5)), t.arange(np.int32(3))),
    "arange-bools": lambda t: (t.arange(True), t.arange(True, 3), t.arange(0, 1, True)),
    "arange-complex": lambda t: t.arange(1 + 2j),
    "arange-complex-real": lambda t: t.arange(1 + 0j, 3),
    "arange-int-requires-grad": lambda t: t.arange(3, requires_grad=True),
    "arange-float-requires-grad": lambda t: t.arange(3.0, requires_grad=True),
    "arange-int64-fraction-step": lambda t: t.arange(0, 1, 0.1, dtype=t.int64),
    "arange-int64-fraction-step-down": lambda t: t.arange(2.5, 0.5, -0.5, dtype=t.int64),
    "arange-int64-step-1.5": lambda t: t.arange(0, 3, 1.5, dtype=t.int64),
    "arange-int32-step-0.5": lambda t: t.arange(0, 3, 0.5, dtype=t.int32),
    "arange-int32-step-1.5": lambda t: t.arange(0, 3, 1.5, dtype=t.int32),
    "arange-int32-down": lambda t: t.arange(3, 0, -0.5, dtype=t.int32),
    "arange-int32-wrong-sign": lambda t: t.arange(0, 3, -0.5, dtype=t.int32),
    "arange-int32-fraction-start": lambda t: t.arange(0.5, 3.7, 1, dtype=t.int32),
    "arange-int64-fraction-start": lambda t: t.arange(0.5, 3, 1, dtype=t.int64),
    "arange-int64-1e20": lambda t: t.arange(0, 1e20, dtype=t.int64),
    "arange-int32-1e20": lambda t: t.arange(0, 1e20, 1e19, dtype=t.int32),
    "arange-int32-wraps": lambda t: t.arange(0, 2**40, 2**38, dtype=t.int32),
    "arange-uint8-wraps": lambda t: t.arange(-1, 3, dtype=t.uint8),
    "arange-uint8-300": lambda t: t.arange(0, 300, 100, dtype=t.uint8),
    "arange-float16": lambda t: t.arange(0, 70000, 10000, dtype=t.float16),
    "arange-bfloat16": lambda t: t.arange(0, 3, 0.7, dtype=t.bfloat16),
    "arange-float": lambda t: (t.arange(0, 1, 0.3), t.arange(0.1, 1, 0.3, dtype=t.float64),
                               t.arange(1, 2.5), t.arange(10, 0, -3)),
    "linspace-float-steps": lambda t: t.linspace(0, 1, 2.5),
    "linspace-bool-steps": lambda t: t.linspace(0, 1, True),
    "linspace-none-steps": lambda t: t.linspace(0, 1, None),
    "linspace-index-steps": lambda t: t.linspace(0, 1, Index()),
    "linspace-tensor-steps": lambda t: t.linspace(0, 1, t.tensor([3])),
    "linspace-0d-tensor-steps": lambda t: t.linspace(0, 1, t.tensor(3)),
    "linspace-numpy-steps": lambda t: t.linspace(0, 1, np.int64(3)),
    "linspace-no-steps": lambda t: t.linspace(0, 1),
    "linspace-str": lambda t: t.linspace("a", 1, 2),
    "linspace-negative": lambda t: t.linspace(0, 1, -1),
    "linspace-2**63-steps": lambda t: t.linspace(0, 1, 2**63),
    "linspace-zero-one": lambda t: (t.linspace(0, 1, 0), t.linspace(0, 1, 1)),
    "linspace-keywords": lambda t: t.linspace(start=0, end=1, steps=3),
    "linspace-1d-tensor": lambda t: t.linspace(t.tensor([0.0]), 1, 3),
    "linspace-0d-tensor": lambda t: t.linspace(t.tensor(0.0), 1, 3),
    "linspace-1e40": lambda t: t.linspace(0, 1e40, 3),
    "linspace-2**63": lambda t: t.linspace(0, 2**63, 3),
    "linspace-int64-1e20": lambda t: t.linspace(1, 1e20, 3, dtype=t.int64),
    "linspace-int64": lambda t: t.linspace(0, 10, 5, dtype=t.int64),
    "linspace-int32": lambda t: t.linspace(0, 10, 4, dtype=t.int32),
    "linspace-uint8": lambda t: (t.linspace(0, 5, 3, dtype=t.uint8),
                                 t.linspace(-1, 5, 4, dtype=t.uint8)),
    "linspace-nan": lambda t: t.linspace(0, NAN, 3),
    "linspace-complex": lambda t: t.linspace(1 + 1j, 2, 3),
    "linspace-complex-dtype": lambda t: t.linspace(0, 1, 3, dtype=t.complex64),
    "linspace-bool": lambda t: t.linspace(0, 1, 3, dtype=t.bool),
    "linspace-float16": lambda t: t.linspace(0, 1, 3, dtype=t.float16),
    "linspace-dtype-float": lambda t: t.linspace(0, 10, 5, dtype=float),
    "linspace-int-requires-grad": lambda t: t.linspace(0, 1, 3, dtype=t.int64, requires_grad=True),
    "linspace-float": lambda t: (t.linspace(-3, 7, 11), t.linspace(0.1, 0.9, 7)),
    "logspace-float-steps": lambda t: t.logspace(0, 1, 2.5),
    "logspace-negative": lambda t: t.logspace(0, 1, -1),
    "logspace-str-base": lambda t: t.logspace(0, 1, 3, base="a"),
    "logspace-none-base": lambda t: t.logspace(0, 1, 3, base=None),
    "logspace-complex-base": lambda t: t.logspace(0, 1, 3, base=1 + 1j),
    "logspace-no-steps": lambda t: t.logspace(0, 1),
    "logspace-base-2": lambda t: (t.logspace(0, 2, 3, base=2), t.logspace(0, 1, 3, 2)),
    "logspace-int64": lambda t: (t.logspace(0, 2, 3, dtype=t.int64),
                                 t.logspace(0, 1, 3, base=2, dtype=t.int64)),
    "logspace-uint8-wraps": lambda t: t.logspace(0, 3, 4, dtype=t.uint8),
    "logspace-overflow": lambda t: t.logspace(0, 100, 3, dtype=t.float32),
    "logspace-negative-base": lambda t: t.logspace(0, 1, 3, base=-2),
    "logspace-tensor-base": lambda t: t.logspace(0, 1, 3, base=t.tensor(2.0)),
    "logspace-bool": lambda t: t.logspace(0, 1, 3, dtype=t.bool),
    "logspace-complex-dtype": lambda t: t.logspace(0, 1, 3, dtype=t.complex64),
    "eye-negative": lambda t: t.eye(-1),
    "eye-negative-columns": lambda t: t.eye(2, -1),
    "eye-float": lambda t: t.eye(2.5),
    "eye-str": lambda t: t.eye("a"),
    "eye-none": lambda t: t.eye(None),
    "eye-bool": lambda t: t.eye(True),
    "eye-float-columns": lambda t: t.eye(2, 3.0),
    "eye-none-columns": lambda t: t.eye(2, None),
    "eye-three": lambda t: t.eye(2, 3, 4),
    "eye-no-arguments": lambda t: t.eye(),
    "eye-size": lambda t: t.eye(t.Size([2])),
    "eye-2**63": lambda t: t.eye(2**63),
    "eye-numpy-float": lambda t: t.eye(np.float64(2)),
    "eye-ints": lambda t: (t.eye(np.int64(2)), t.eye(t.tensor(2)), t.eye(t.tensor([2])),
                           t.eye(Index())),
    "eye-float-tensor": lambda t: t.eye(t.tensor([2.0])),
    "eye-keywords": lambda t: (t.eye(n=2), t.eye(2, m=3), t.eye(2, 3, dtype=t.int64)),
    "eye-empty": lambda t: (t.eye(0), t.eye(0, 3), t.eye(2, 0)),
    "eye-dtypes": lambda t: (t.eye(2, dtype=t.bool), t.eye(2, dtype=t.complex64)),
    "eye-requires-grad": lambda t: t.eye(2, requires_grad=True),
    "eye-int-requires-grad": lambda t: t.eye(2, dtype=t.int64, requires_grad=True),
    "legacy-ragged": lambda t: t.Tensor([[1, 2], [3]]),
    "legacy-float": lambda t: t.Tensor(2.5),
    "legacy-negative": lambda t: t.Tensor(-1),
    "legacy-str": lambda t: t.Tensor("a"),
    "legacy-mixed": lambda t: t.Tensor((2, 2.5)),
    "legacy-big-int": lambda t: t.Tensor([2**63]),
    "legacy-sizes": lambda t: t.Tensor(2, 3).shape,
    "legacy-empty": lambda t: t.Tensor(),
}


# ============================================================================ devices
DEVICE_CASES = {
    "bad-index": lambda t: t.device("cpu:x"),
    "negative-index-string": lambda t: t.device("cpu:-1"),
    "negative-index": lambda t: t.device("cpu", -1),
    "negative-index-keyword": lambda t: t.device("cpu", index=-1),
    "negative-int": lambda t: t.device(-1),
    "two-indices": lambda t: t.device("cuda:1:2"),
    "leading-zero": lambda t: t.device("cpu:01"),
    "space": lambda t: t.device("cpu: 1"),
    "trailing-colon": lambda t: t.device("cpu:"),
    "no-type": lambda t: t.device(":1"),
    "plus-sign": lambda t: t.device("cpu:+1"),
    "digit-in-type": lambda t: t.device("cpu1"),
    "empty": lambda t: t.device(""),
    "upper-case": lambda t: t.device("CPU"),
    "unknown-type": lambda t: t.device("foo"),
    "index-too-big": lambda t: t.device("cpu:99999999999"),
    "index-twice": lambda t: t.device("cpu:1", 2),
    "str-index": lambda t: t.device("cpu", "a"),
    "float-index": lambda t: t.device("cpu", 1.5),
    "bool-index": lambda t: t.device("cpu", True),
    "float": lambda t: t.device(1.5),
    "none": lambda t: t.device(None),
    "bool": lambda t: t.device(True),
    "valid": lambda t: (str(t.device("cpu")), str(t.device("cpu:0")), str(t.device("cpu", 1)),
                        str(t.device("cuda:1")), str(t.device("cpu", None)),
                        str(t.device(b"cpu")), str(t.device("cpu", np.int64(2))),
                        repr(t.device(t.device("cuda", 0)))),
    "zeros-bad-device": lambda t: t.zeros(2, device="xyz"),
    "tensor-bad-device-index": lambda t: t.tensor([1.0], device="cpu:x"),
}


# ============================================================================ random factories
def _seeded(program):
    return lambda t: (t.manual_seed(7), program(t))[1]


RANDOM_CASES = {
    "randn-negative": lambda t: t.randn(-1),
    "rand-negative": lambda t: t.rand((2, -3)),
    "rand-int64": lambda t: t.rand(2, dtype=t.int64),
    "rand-int32": lambda t: t.rand(2, dtype=t.int32),
    "rand-uint8": lambda t: t.rand(2, dtype=t.uint8),
    "rand-bool": lambda t: t.rand(2, dtype=t.bool),
    "randn-int64": lambda t: t.randn(2, dtype=t.int64),
    "randn-int8": lambda t: t.randn(2, dtype=t.int8),
    "randn-bool": lambda t: t.randn(2, dtype=t.bool),
    "randn-int-generator-none": lambda t: t.randn(2, 3, generator=None, dtype=t.int64),
    "rand-size-twice": lambda t: t.rand(2, size=(2,)),
    "rand-no-size": lambda t: t.rand(),
    "randn-unknown-keyword": lambda t: t.randn(2, foo=1),
    "randn-only-unknown-keyword": lambda t: t.randn(foo=1),
    "rand-values": _seeded(lambda t: (t.rand(3), t.rand(2, 2, dtype=t.float64), t.rand(())),),
    "rand-generator": lambda t: t.rand(3, generator=t.Generator().manual_seed(3)),
    "rand-size-keyword": _seeded(lambda t: t.rand(size=(2,), generator=None)),
    "rand-complex": _seeded(lambda t: (t.rand(3, dtype=t.complex64),
                                       t.rand(2, dtype=t.complex128))),
    "randn-complex": _seeded(lambda t: (t.randn(3, dtype=t.complex64),
                                        t.randn(20, dtype=t.complex64))),
    "rand-requires-grad": _seeded(lambda t: t.rand(2, requires_grad=True)),
    "randn-values": _seeded(lambda t: (t.randn(5), t.randn(20), t.randn(2, dtype=t.float64))),
    "randint-empty-range": lambda t: t.randint(5, 1, (2,)),
    "randint-equal": lambda t: t.randint(1, 1, (2,)),
    "randint-zero-high": lambda t: t.randint(0, (2,)),
    "randint-negative-high": lambda t: t.randint(-1, (2,)),
    "randint-only-high": lambda t: t.randint(5),
    "randint-int-size": lambda t: t.randint(5, 2),
    "randint-float-size-vararg": lambda t: t.randint(3, 2.5),
    "randint-low-high-int": lambda t: t.randint(1, 3, 4),
    "randint-four-positional": lambda t: t.randint(1, 3, (2,), 4),
    "randint-float-high": lambda t: t.randint(2.5, (2,)),
    "randint-str-high": lambda t: t.randint("a", (2,)),
    "randint-bool-high": lambda t: t.randint(True, (2,)),
    "randint-uint8-high": lambda t: t.randint(0, 300, (2,), dtype=t.uint8),
    "randint-uint8-low": lambda t: t.randint(-5, 3, (2,), dtype=t.uint8),
    "randint-int8-low": lambda t: t.randint(-129, 128, (2,), dtype=t.int8),
    "randint-int32-high": lambda t: t.randint(0, 2**31 + 1, (2,), dtype=t.int32),
    "randint-bool-dtype": lambda t: t.randint(3, (2,), dtype=t.bool),
    "randint-complex-dtype": lambda t: t.randint(3, (2,), dtype=t.complex64),
    "randint-negative-size": lambda t: t.randint(3, (-1,)),
    "randint-requires-grad": lambda t: t.randint(3, (2,), requires_grad=True),
    "randint-2**63": lambda t: t.randint(0, 2**63, (2,)),
    "randint-values": _seeded(lambda t: (t.randint(10, (5,)), t.randint(-3, 3, (2, 2)),
                                         t.randint(3, ()), t.randint(0, 2**40, (2,)))),
    "randint-keywords": _seeded(lambda t: (t.randint(3, size=(2,)), t.randint(high=3, size=(2,)),
                                           t.randint(low=1, high=3, size=(2,)),
                                           t.randint(3, size=(2,), generator=None))),
    "randint-size-forms": _seeded(lambda t: (t.randint(3, [2]), t.randint(3, t.Size([2])),
                                             t.randint(np.int64(3), (2,)),
                                             t.randint(t.tensor(3), (2,)),
                                             t.randint(t.tensor([3]), (2,)),
                                             t.randint(Index(), (2,)))),
    "randint-dtypes": _seeded(lambda t: (t.randint(3, (2,), dtype=t.float32),
                                         t.randint(0, 256, (2,), dtype=t.uint8),
                                         t.randint(-128, 128, (2,), dtype=t.int8),
                                         t.randint(0, 2, (2,), dtype=t.bool))),
    "randperm-negative": lambda t: t.randperm(-1),
    "randperm-float": lambda t: t.randperm(2.5),
    "randperm-str": lambda t: t.randperm("a"),
    "randperm-2**63": lambda t: t.randperm(2**63),
    "randperm-no-n": lambda t: t.randperm(),
    "randperm-bool": lambda t: t.randperm(3, dtype=t.bool),
    "randperm-complex": lambda t: t.randperm(3, dtype=t.complex64),
    "randperm-uint8-300": lambda t: t.randperm(300, dtype=t.uint8),
    "randperm-int8-129": lambda t: t.randperm(129, dtype=t.int8),
    "randperm-float16-3000": lambda t: t.randperm(3000, dtype=t.float16),
    "randperm-requires-grad": lambda t: t.randperm(3, requires_grad=True),
    "randperm-values": _seeded(lambda t: (t.randperm(5), t.randperm(0), t.randperm(n=3),
                                          t.randperm(np.int64(4)), t.randperm(t.tensor(3)),
                                          t.randperm(t.tensor([3])))),
    "randperm-dtypes": _seeded(lambda t: (t.randperm(3, dtype=t.uint8),
                                          t.randperm(128, dtype=t.int8),
                                          t.randperm(3, dtype=t.float32),
                                          t.randperm(3, dtype=float),
                                          t.randperm(2049, dtype=t.float16))),
    "rand-like-int": lambda t: t.rand_like(t.ones(2, dtype=t.int64)),
    "rand-like-bool": lambda t: t.rand_like(t.ones(2, dtype=t.bool)),
    "rand-like-dtype-int": lambda t: t.rand_like(t.ones(2), dtype=t.int64),
    "randn-like-int": lambda t: t.randn_like(t.ones(2, dtype=t.int64)),
    "like-values": _seeded(lambda t: (t.rand_like(t.ones(2, 3)), t.randn_like(t.ones(4)),
                                      t.rand_like(t.ones(2), dtype=t.float64),
                                      t.randn_like(t.ones(2), requires_grad=True))),
    "randint-like-empty-range": lambda t: t.randint_like(t.ones(2), 5, 1),
    "randint-like-float-high": lambda t: t.randint_like(t.ones(2), 2.5),
    "randint-like-no-high": lambda t: t.randint_like(t.ones(2)),
    "randint-like-uint8-300": lambda t: t.randint_like(t.ones(2, dtype=t.uint8), 300),
    "randint-like-bool-3": lambda t: t.randint_like(t.ones(2, dtype=t.bool), 3),
    "randint-like-values": _seeded(lambda t: (t.randint_like(t.ones(2, 3), 5),
                                              t.randint_like(t.ones(2), 1, 5),
                                              t.randint_like(t.ones(2), high=3),
                                              t.randint_like(t.ones(2, dtype=t.int64), 3),
                                              t.randint_like(t.ones(2, dtype=t.bool), 2))),
    "normal-negative-size": lambda t: t.normal(0.0, 1.0, (-1,)),
    "normal-negative-std": lambda t: t.normal(0.0, -1.0, (2,)),
    "normal-int-size": lambda t: t.normal(0.0, 1.0, 2),
    "normal-str-mean": lambda t: t.normal("a", 1.0, (2,)),
    "normal-floats-no-size": lambda t: t.normal(0.0, 1.0),
    "normal-five-positional": lambda t: t.normal(1.0, 2.0, (2,), 5),
    "normal-tensor-none-std": lambda t: t.normal(t.zeros(2), None),
    "normal-tensor-negative-std": lambda t: t.normal(t.zeros(2), -1.0),
    "normal-tensor-std-negative": lambda t: t.normal(0.0, t.tensor([-1.0])),
    "normal-shapes-mismatch": lambda t: t.normal(t.zeros(2), t.ones(3)),
    "normal-int-mean": lambda t: t.normal(t.zeros(2, dtype=t.int64), 1.0),
    "normal-int-dtype": lambda t: t.normal(0.0, 1.0, (2,), dtype=t.int64),
    "normal-values": _seeded(lambda t: (t.normal(2.0, 3.0, (3,)), t.normal(0, 1, (2,)),
                                        t.normal(0.0, 1.0, size=(2,)),
                                        t.normal(t.zeros(2), 1.0), t.normal(t.zeros(3)),
                                        t.normal(mean=t.zeros(2)), t.normal(0.0, t.ones(2)),
                                        t.normal(t.zeros(2, 1), t.ones(3)))),
    "bernoulli-p-too-big": lambda t: t.bernoulli(t.tensor([0.5]), p=1.5),
    "bernoulli-int": lambda t: t.bernoulli(t.tensor([1, 0])),
    "bernoulli-nan": lambda t: t.bernoulli(t.tensor([NAN])),
    "bernoulli-negative": lambda t: t.bernoulli(t.tensor([-0.5])),
    "bernoulli-values": _seeded(lambda t: (t.bernoulli(t.full((5,), 0.5)),
                                           t.bernoulli(t.ones(3), 0.5),
                                           t.bernoulli(t.ones(3), p=0.25))),
    "multinomial-float-samples": lambda t: t.multinomial(t.tensor([1.0, 1.0]), 1.5),
    "multinomial-int": lambda t: t.multinomial(t.tensor([1, 1]), 1),
    "multinomial-zeros": lambda t: t.multinomial(t.tensor([0.0, 0.0]), 1),
    "multinomial-0d": lambda t: t.multinomial(t.tensor(1.0), 1),
    "multinomial-nan": lambda t: t.multinomial(t.tensor([1.0, NAN]), 1),
    "multinomial-negative": lambda t: t.multinomial(t.tensor([-1.0, 1.0]), 1),
    "multinomial-too-many": lambda t: t.multinomial(t.tensor([1.0, 1.0]), 3),
    "multinomial-no-samples": lambda t: t.multinomial(t.tensor([1.0, 1.0]), 0),
    "multinomial-int-replacement": lambda t: t.multinomial(t.tensor([1.0, 1.0]), 1, 1),
    "multinomial-keyword-replacement": lambda t: t.multinomial(t.tensor([1.0, 1.0]), 1,
                                                               replacement=1),
    "multinomial-values": _seeded(lambda t: (t.multinomial(t.tensor([1.0, 2.0, 3.0]), 2),
                                             t.multinomial(t.tensor([1.0, 1.0]), 3, True),
                                             t.multinomial(t.tensor([1.0, 1.0]), t.tensor([1])))),
}


# ============================================================================ in-place random fills
INPLACE_RANDOM_CASES = {
    "uniform-str": lambda t: t.zeros(2).uniform_("a"),
    "uniform-reversed": lambda t: t.zeros(2).uniform_(1, 0),
    "uniform-too-many": lambda t: t.zeros(2).uniform_(0, 1, 2),
    "uniform-int-generator": lambda t: t.zeros(2).uniform_(generator=1),
    "uniform-int-tensor": lambda t: t.zeros(2, dtype=t.int64).uniform_(),
    "normal-negative-std": lambda t: t.zeros(2).normal_(0, -1),
    "normal-none-std": lambda t: t.zeros(2).normal_(std=None),
    "normal-int-tensor": lambda t: t.zeros(2, dtype=t.int64).normal_(),
    "exponential-negative": lambda t: t.zeros(2).exponential_(-1),
    "exponential-int-tensor": lambda t: t.zeros(2, dtype=t.int64).exponential_(),
    "random-bool": lambda t: t.zeros(2).random_(True),
    "random-float": lambda t: t.zeros(2).random_(1.5),
    "random-2**63": lambda t: t.zeros(2).random_(0, 2**63),
    "bernoulli-too-big": lambda t: t.zeros(2).bernoulli_(1.5),
    "bernoulli-tensor-too-big": lambda t: t.zeros(2).bernoulli_(t.tensor([2.0])),
    "values": _seeded(lambda t: (t.zeros(3).uniform_(-1, 1), t.zeros(3).uniform_(t.tensor(0.0), 1),
                                 t.zeros(20).normal_(2, 3), t.zeros(3).normal_(),
                                 t.zeros(4).random_(), t.zeros(4).random_(10),
                                 t.zeros(4).random_(5, None), t.zeros(4).random_(-3, 3),
                                 t.zeros(4, dtype=t.int64).random_(0, 100),
                                 t.zeros(4).bernoulli_(0.5), t.zeros(4).bernoulli_(p=0.25),
                                 t.zeros(2).bernoulli_(t.tensor([0.0, 1.0])),
                                 t.zeros(5).exponential_(2.0),
                                 t.zeros(3, dtype=t.complex64).uniform_(),
                                 t.zeros(3).bernoulli(), t.full((3,), 0.5).bernoulli(0.5),
                                 t.tensor([1.0, 2.0]).multinomial(2))),
}


# ============================================================================ data to tensors
DATA_CASES = {
    "numpy-scalars": lambda t: (t.tensor([np.float64(1.0)]), t.tensor([np.int32(1)]),
                                t.tensor(np.float64(2.5)), t.tensor(np.bool_(True)),
                                t.tensor(np.float32(1))),
    "numpy-promotion": lambda t: (t.tensor([np.float16(1), 2]), t.tensor([np.float64(1), 2.0]),
                                  t.tensor([np.int32(1), True]),
                                  t.tensor([np.int8(1), np.uint8(2)]),
                                  t.tensor([np.bool_(True), 2.5])),
    "numpy-complex": lambda t: (t.tensor([np.complex64(1), 2.0]), t.tensor([np.complex128(1), 2.0]),
                                t.tensor([1j, np.float64(2)])),
    "tensor-promotion": lambda t: (t.tensor([t.tensor(1, dtype=t.int32), 2]),
                                   t.tensor([t.tensor(1.5, dtype=t.float64), 2]),
                                   t.tensor([t.tensor(1.5, dtype=t.float16), 2]),
                                   t.tensor([t.tensor(1), 2.5]), t.tensor([t.tensor([1.5])])),
    "sequences": lambda t: (t.tensor((1, 2)), t.tensor(t.Size([2, 3])), t.tensor([[1, 2], (3, 4)]),
                            t.tensor(range(3)), t.tensor(range(0)), t.tensor([range(2), range(2)]),
                            t.tensor(bytearray(b"ab"))),
    "empty-sequences": lambda t: (t.tensor([]), t.tensor([[], []]), t.tensor([[[]]]),
                                  t.tensor([], dtype=t.int64)),
    "mixed-kinds": lambda t: (t.tensor([1, 2.5, True]), t.tensor([[1], [True]]),
                              t.tensor([True, 2]), t.tensor([1, 2j])),
    "arrays-in-lists": lambda t: (t.tensor([np.array([1, 2]), np.array([3, 4])]),
                                  t.tensor([np.array([1.0, 2.0]), [3, 4]])),
    "arrays": lambda t: (t.tensor(np.array([[1, 2]]).T), t.tensor(np.array([1.0], np.float16),
                                                                  dtype=t.float32),
                         t.as_tensor(np.array([1.0, 2.0]), dtype=t.int64), t.as_tensor(3),
                         t.asarray([1, 2], dtype=t.float64)),
    "tensor-copies": lambda t: (t.tensor(t.tensor([1, 2]), dtype=t.float32),
                                t.tensor(t.tensor([1.5, 2.5])), t.tensor([t.tensor(1.0)])),
    "dtypes": lambda t: (t.tensor([1, 2], dtype=t.float16), t.tensor([1, 2], dtype=t.complex64),
                         t.tensor([1, 2], dtype=t.bool), t.tensor([1.5], dtype=t.float64),
                         t.tensor(True, dtype=t.int64), t.tensor([2**63 - 1], dtype=t.float32),
                         t.tensor([1.5, 2], dtype=t.uint8), t.tensor(3, dtype=t.bfloat16)),
    "bigger-lists": lambda t: (t.tensor([[float(i) * 0.5 for i in range(7)] for _ in range(5)]),
                               t.tensor([list(range(9))] * 4, dtype=t.int16),
                               t.tensor([[0.25, -1.5]] * 3, dtype=t.float16)),
    "requires-grad": lambda t: (t.tensor(3.0, requires_grad=True),
                                t.tensor([1, 2.0], requires_grad=True)),
    "keyword-data": lambda t: t.tensor(data=[1, 2]),
}


test_integers_and_sizes = _same_outcome_test(INTEGER_CASES)
test_sizes_are_checked_before_allocating = _same_outcome_test(SIZE_CASES)
test_torch_wording = _same_outcome_test(MESSAGE_CASES)
test_arguments_torch_refuses_or_takes = _same_outcome_test(REFUSED_CASES)
test_devices = _same_outcome_test(DEVICE_CASES)
test_random_factories = _same_outcome_test(RANDOM_CASES)
test_inplace_random_fills = _same_outcome_test(INPLACE_RANDOM_CASES)
test_data_conversion = _same_outcome_test(DATA_CASES)


def test_out_argument():
    def program(t):
        outs = [t.empty(0, dtype=t.int64), t.empty(0), t.empty(0), t.empty(0), t.empty(0)]
        results = [t.zeros(3, out=outs[0]), t.arange(3, out=outs[1]), t.full((2,), 7, out=outs[2]),
                   t.eye(2, out=outs[3]), t.linspace(0, 1, 3, out=outs[4])]
        return tuple(outs), tuple(r is o for r, o in zip(results, outs))
    same_outcome(program)


test_out_argument_errors = _same_outcome_test({
    "dtype-mismatch": lambda t: t.zeros(3, dtype=t.float32, out=t.empty(0, dtype=t.int64)),
    "grad-out": lambda t: t.arange(3.0, out=t.empty(0, requires_grad=True)),
    "int-out-requires-grad": lambda t: t.zeros(3, out=t.empty(0, dtype=t.int64),
                                               requires_grad=True),
})


def test_tensor_from_tensor_warns_as_torch():
    def program(lib):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            lib.tensor(lib.ones(2))
        return [(w.category.__name__, str(w.message)) for w in caught]
    assert program(compat) == program(torch)


# ============================================================================ new_*, LongTensor
# The new_* factories of compat.creation, each called as the Tensor method it implements.
NEW_CASES = {
    "new-zeros-negative": ("new_zeros", (-1,), {}),
    "new-ones-negative": ("new_ones", (-1,), {}),
    "new-empty-float-in-tuple": ("new_empty", ((2, 2.5),), {}),
    "new-zeros-float": ("new_zeros", (2.5,), {}),
    "new-zeros-no-size": ("new_zeros", (), {}),
    "new-zeros-dtype-str": ("new_zeros", (2,), {"dtype": "float32"}),
    "new-zeros-dtype-numpy": ("new_zeros", (2,), {"dtype": np.float32}),
    "new-zeros-values": ("new_zeros", (2, 3), {"dtype": float}),
    "new-ones-size-keyword": ("new_ones", (), {"size": (2,)}),
    "new-zeros-requires-grad-none": ("new_zeros", (2,), {"requires_grad": None}),
    "new-full-int-size": ("new_full", (2, 1.0), {}),
    "new-full-str": ("new_full", ((2,), "a"), {}),
    "new-full-negative": ("new_full", ((-1,), 1), {}),
    "new-full-truncates": ("new_full", ((2,), 1.5), {}),
    "new-full-overflow": ("new_full", ((2,), 2**40), {}),
    "new-tensor-values": ("new_tensor", ([1.5, 2],), {}),
    "new-tensor-dtype": ("new_tensor", ([1.5],), {"dtype": "float64"}),
    "new-tensor-float64": ("new_tensor", ([1.5],), {"dtype": "torch.float64"}),
    "new-tensor-2**63": ("new_tensor", (2**63,), {}),
    "new-tensor-uint8-300": ("new_tensor", ([300],), {"dtype": "torch.uint8"}),
    "new-tensor-requires-grad-none": ("new_tensor", ([1],), {"requires_grad": None}),
    "new-tensor-ragged": ("new_tensor", ([[1], [2, 3]],), {}),
    "new-tensor-keyword": ("new_tensor", (), {"data": [1]}),
}


def _new_call(lib, method, args, kwargs):
    kwargs = {k: getattr(lib, v[6:]) if isinstance(v, str) and v.startswith("torch.") else v
              for k, v in kwargs.items()}
    source = lib.zeros(2, dtype=lib.int32)
    if lib is torch:
        return getattr(source, method)(*args, **kwargs)
    return getattr(compat.creation, method)(source, *args, **kwargs)


@pytest.mark.parametrize("method,args,kwargs",
                         [pytest.param(*v, id=k) for k, v in NEW_CASES.items()])
def test_new_factories(method, args, kwargs):
    same_outcome(lambda lib: _new_call(lib, method, args, kwargs))


@pytest.mark.parametrize("name,args", [
    ("LongTensor", (2.5,)), ("LongTensor", ([1.5, 2],)), ("FloatTensor", ([[1], [2, 3]],)),
    ("IntTensor", (2, 3)), ("FloatTensor", ("a",)), ("DoubleTensor", ()), ("BoolTensor", ([0, 2],)),
    ("ByteTensor", ([300],)), ("LongTensor", (-1,)),
], ids=lambda v: str(v).replace(" ", ""))
def test_legacy_typed_constructors(name, args):
    dtype_name = {"Long": "int64", "Float": "float32", "Int": "int32", "Double": "float64",
                  "Bool": "bool", "Byte": "uint8"}[name[:-len("Tensor")]]

    def program(lib):
        if lib is torch:
            result = getattr(torch, name)(*args)
        else:
            result = compat.creation.legacy_constructor(getattr(compat, dtype_name))(*args)
        # from sizes torch's memory is uninitialised: only the shape and dtype can agree
        return (result.shape, result.dtype) if args and isinstance(args[0], int) else result
    same_outcome(program)


# ============================================================================ torch.Size
SIZE_TYPE_CASES = {
    "values": lambda t: (t.Size(), t.Size([2, 3]), t.Size((x for x in [1, 2])), t.Size([-1]),
                         t.Size([True]), t.Size([np.int64(2)]), t.Size([t.tensor(2)]),
                         t.Size([t.tensor([2])]), t.Size([Index()])),
    "not-iterable": lambda t: t.Size(2),
    "none": lambda t: t.Size(None),
    "float-item": lambda t: t.Size([2.5]),
    "str-item": lambda t: t.Size(["a"]),
    "str": lambda t: t.Size("ab"),
    "none-item": lambda t: t.Size([2, None]),
    "float-tensor-item": lambda t: t.Size([t.tensor(2.5)]),
    "two-element-tensor-item": lambda t: t.Size([t.tensor([2, 3])]),
    "two-arguments": lambda t: t.Size([1, 2], 3),
    "operations": lambda t: (t.Size([2, 3]) + (4,), (4,) + t.Size([2, 3]),
                             t.Size([2]) + t.Size([3]),
                             t.Size([2, 3]) * 2, 2 * t.Size([2, 3]), t.Size([2]) * -1,
                             t.Size([2, 3])[1:], t.Size([2, 3]).numel(), t.Size([2, 3]) == (2, 3),
                             t.Size([2, 3]) == [2, 3], t.Size([2, 3]).count(2)),
    "add-list": lambda t: t.Size([2, 3]) + [4],
    "add-int": lambda t: t.Size([2, 3]) + 1,
    "multiply-float": lambda t: t.Size([2]) * 1.5,
}


test_size_type = _same_outcome_test(SIZE_TYPE_CASES)


test_pinned_memory_without_accelerator = _same_outcome_test({
    "zeros": lambda t: t.zeros(2, pin_memory=True),
    "tensor": lambda t: t.tensor([1.0], pin_memory=True),
    "zeros-like": lambda t: t.zeros_like(t.ones(2), pin_memory=True),
    "rand": lambda t: t.rand(2, pin_memory=True),
    "arange": lambda t: t.arange(3, pin_memory=True),
    "not-pinned": lambda t: t.ones(2, pin_memory=False),
}, pytest.mark.skipif(compat.cuda.is_available(), reason="pinned memory exists with a GPU"))
