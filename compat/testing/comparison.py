"""torch.testing's comparison: inputs paired up (tensors, Python numbers and bools, sequences
and mappings of them), each pair checked as torch's ``TensorLikePair``/``NumberPair``/
``BooleanPair`` checks it, and the first mismatch raised with torch's message.

>>> import compat as torch
>>> assert_close({"w": [torch.ones(2), 1.0]}, {"w": [torch.ones(2), 1.0]})
"""
from __future__ import annotations

import builtins
import collections.abc

from .. import dtypes as _dt
from ..grad_mode import no_grad
from ..ops.functions import promote_types
from ..tensors import Tensor

# torch.testing's default (rtol, atol) per dtype; every other dtype compares exactly.
_PRECISIONS = {
    _dt.float16: (0.001, 1e-5), _dt.bfloat16: (0.016, 1e-5), _dt.float32: (1.3e-6, 1e-5),
    _dt.float64: (1e-7, 1e-7), _dt.complex64: (1.3e-6, 1e-5), _dt.complex128: (1e-7, 1e-7),
}
_NUMBER_DTYPES = {builtins.int: _dt.int64, builtins.float: _dt.float64,
                  builtins.complex: _dt.complex128}


class _Mismatch(Exception):
    """A failed check: the exception type torch raises and its message."""

    def __init__(self, kind, message, where=()):
        super().__init__(message)
        self.kind, self.message, self.where = kind, message, where


def _tolerances(*dtypes, rtol, atol):
    if (rtol is None) != (atol is None):
        missing = "atol" if atol is None else "rtol"
        raise ValueError(f"Both 'rtol' and 'atol' must be either specified or omitted, but got "
                         f"no {missing}.")
    if rtol is not None:
        return rtol, atol
    pairs = [_PRECISIONS.get(d, (0.0, 0.0)) for d in dtypes]
    return builtins.max(p[0] for p in pairs), builtins.max(p[1] for p in pairs)


def _difference_line(kind, diff, index, tol, equality):
    line = (f"{kind.title()} difference: {diff}" if index is None
            else f"Greatest {kind} difference: {diff} at index {index}")
    return line if equality else f"{line} (up to {tol} allowed)"


def _mismatch_message(identifier, extra, abs_diff, abs_index, atol, rel_diff, rel_index, rtol):
    equality = rtol == 0 and atol == 0
    lines = [f"{identifier} are not {'equal' if equality else 'close'}!", "", extra,
             _difference_line("absolute", abs_diff, abs_index, atol, equality),
             _difference_line("relative", rel_diff, rel_index, rtol, equality)]
    return "\n".join(lines)


def _scalar_message(actual, expected, rtol, atol):
    abs_diff = builtins.abs(actual - expected)
    rel_diff = float("inf") if expected == 0 else abs_diff / builtins.abs(expected)
    return _mismatch_message("Scalars", f"Expected {expected} but got {actual}.", abs_diff, None,
                             atol, rel_diff, None, rtol)


def _unravel(flat, shape):
    index = []
    for size in reversed(shape):
        flat, rest = divmod(flat, size)
        index.append(rest)
    return tuple(reversed(index))


def _tensor_message(actual, expected, matches, rtol, atol):
    total = matches.numel()
    mismatched = total - builtins.int(matches.sum())
    extra = f"Mismatched elements: {mismatched} / {total} ({mismatched / total:.1%})"
    a, e, same = actual.flatten(), expected.flatten(), matches.flatten()
    if not (a.dtype.is_floating_point or a.dtype.is_complex):
        a, e = a.to(_dt.int64), e.to(_dt.int64)  # as torch: no overflow in the difference
    abs_diff = (a - e).abs()
    abs_diff[same] = 0
    rel_diff = abs_diff / e.abs()
    rel_diff[same] = 0
    (abs_max, abs_at), (rel_max, rel_at) = abs_diff.max(0), rel_diff.max(0)
    shape = tuple(matches.shape)
    return _mismatch_message("Tensor-likes", extra, abs_max.item(), _unravel(abs_at.item(), shape),
                             atol, rel_max.item(), _unravel(rel_at.item(), shape), rtol)


def _attribute(name, ours, theirs):
    if ours != theirs:
        raise _Mismatch(AssertionError,
                        f"The values for attribute '{name}' do not match: {ours} != {theirs}.")


def _compare_tensors(actual, expected, *, rtol, atol, equal_nan, check_dtype, check_stride):
    rtol, atol = _tolerances(actual.dtype, expected.dtype, rtol=rtol, atol=atol)
    _attribute("shape", actual.shape, expected.shape)
    if check_dtype:
        _attribute("dtype", actual.dtype, expected.dtype)
    if check_stride:
        _attribute("stride()", actual.stride(), expected.stride())
    with no_grad():
        actual, expected = actual.detach(), expected.detach()
        if actual.dtype is not expected.dtype:
            common = promote_types(actual.dtype, expected.dtype)
            actual, expected = actual.to(common), expected.to(common)
        matches = actual.isclose(expected, rtol=rtol, atol=atol, equal_nan=equal_nan)
        if builtins.bool(matches.all()):
            return
        if not actual.ndim:
            message = _scalar_message(actual.item(), expected.item(), rtol, atol)
        else:
            message = _tensor_message(actual, expected, matches, rtol, atol)
    raise _Mismatch(AssertionError, message)


def _compare_numbers(actual, expected, *, rtol, atol, equal_nan, check_dtype, check_stride):
    if isinstance(actual, builtins.bool) and isinstance(expected, builtins.bool):
        if actual is not expected:
            raise _Mismatch(AssertionError, f"Booleans mismatch: {actual} is not {expected}")
        return
    if check_dtype and type(actual) is not type(expected):
        raise _Mismatch(AssertionError,
                        f"The (d)types do not match: {type(actual)} != {type(expected)}.")
    rtol, atol = _tolerances(_NUMBER_DTYPES[type(actual)], _NUMBER_DTYPES[type(expected)],
                             rtol=rtol, atol=atol)
    if actual == expected:
        return
    nan = actual != actual and expected != expected
    if nan and equal_nan:
        return
    diff = builtins.abs(actual - expected)
    if not nan and diff <= atol + rtol * builtins.abs(expected):
        return
    raise _Mismatch(AssertionError, _scalar_message(actual, expected, rtol, atol))


def _is_number(x) -> bool:
    return isinstance(x, (builtins.bool, builtins.int, builtins.float, builtins.complex))


def _is_sequence(x) -> bool:
    return isinstance(x, collections.abc.Sequence) and not isinstance(x, str)


def _compare(actual, expected, where, options):
    if isinstance(actual, Tensor) and isinstance(expected, Tensor):
        return _compare_tensors(actual, expected, **options)
    if _is_number(actual) and _is_number(expected):
        return _compare_numbers(actual, expected, **options)
    if actual is None and expected is None:
        return None
    if _is_sequence(actual) and _is_sequence(expected):
        if len(actual) != len(expected):
            raise _Mismatch(AssertionError, f"The length of the sequences mismatch: "
                                            f"{len(actual)} != {len(expected)}", where)
        for i, (a, e) in enumerate(zip(actual, expected)):
            _located(a, e, (*where, i), options)
        return None
    if isinstance(actual, collections.abc.Mapping) and isinstance(expected, collections.abc.Mapping):
        missing = sorted(set(expected) - set(actual), key=repr)
        extra = sorted(set(actual) - set(expected), key=repr)
        if missing or extra:
            raise _Mismatch(AssertionError, f"The keys of the mappings do not match:\n"
                                            f"Missing keys in the actual mapping: {missing}\n"
                                            f"Additional keys in the actual mapping: {extra}",
                            where)
        for key in sorted(actual, key=repr):
            _located(actual[key], expected[key], (*where, key), options)
        return None
    raise _Mismatch(TypeError, f"No comparison pair was able to handle inputs of type "
                               f"{type(actual)} and {type(expected)}.", where)


def _located(actual, expected, where, options):
    try:
        _compare(actual, expected, where, options)
    except _Mismatch as m:
        if not m.where:
            m.where = where
        raise


def assert_close(actual, expected, *, allow_subclasses=True, rtol=None, atol=None,
                 equal_nan=False, check_device=True, check_dtype=True, check_layout=True,
                 check_stride=False, msg=None):
    """Raise torch's ``AssertionError`` unless ``actual`` and ``expected`` are close:
    ``|actual - expected| <= atol + rtol * |expected|`` elementwise, with torch's default
    ``rtol``/``atol`` for the dtypes (exact for integers and bools), the same shapes and (with
    ``check_dtype``) dtypes; sequences and mappings are compared item by item. ``msg`` (a
    string, or a function of torch's message) replaces the message.

    >>> import compat as torch
    >>> torch.testing.assert_close(torch.tensor([1, 2]), torch.tensor([1, 3]))
    Traceback (most recent call last):
        ...
    AssertionError: Tensor-likes are not equal!
    <BLANKLINE>
    Mismatched elements: 1 / 2 (50.0%)
    Greatest absolute difference: 1 at index (1,)
    Greatest relative difference: 0.3333333432674408 at index (1,)
    """
    options = dict(rtol=rtol, atol=atol, equal_nan=equal_nan, check_dtype=check_dtype,
                   check_stride=check_stride)
    try:
        _located(actual, expected, (), options)
    except _Mismatch as m:
        message = m.message
        if m.where and m.kind is AssertionError:
            message += "\n\nThe failure occurred for item " + "".join(f"[{i!r}]" for i in m.where)
        if msg is not None and m.kind is AssertionError:
            message = msg(message) if callable(msg) else msg
        raise m.kind(message) from None
