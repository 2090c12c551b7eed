"""``torch.testing.make_tensor``: a tensor of random values in ``[low, high)`` drawn as torch
draws them (``randint`` for integers and bools, ``uniform_`` for floats and complex), so a
seeded call gives torch's tensor.

>>> import compat as torch
>>> _ = torch.manual_seed(0)
>>> make_tensor(3, dtype=torch.int64, device="cpu")
tensor([ 6, -5, -9])
"""
from __future__ import annotations

import math
import warnings

from .. import dtypes as _dt
from ..creation import empty
from ..random import randint

_INTEGRAL = ("uint8", "int8", "int16", "int32", "int64")
_FLOATING = ("float16", "bfloat16", "float32", "float64")
_COMPLEX = {"complex64": "float32", "complex128": "float64"}


def _bounds(low, high, dtype, lowest, highest_exclusive, default_low, default_high):
    """torch's checks and clamping of ``low``/``high`` for ``dtype``."""
    low = default_low if low is None else low
    high = default_high if high is None else high
    if any(isinstance(v, float) and math.isnan(v) for v in (low, high)):
        raise ValueError(f"`low` and `high` cannot be NaN, but got low={low} and high={high}")
    if low == high and dtype.is_floating_point or low == high and dtype.is_complex:
        warnings.warn("Passing `low==high` to `torch.testing.make_tensor` for floating or complex "
                      "types is deprecated since 2.1 and will be removed in 2.3. Use "
                      "`torch.full(...)` instead.", FutureWarning, stacklevel=3)
    elif low >= high:
        raise ValueError(f"`low` must be less than `high`, but got {low} >= {high}")
    elif high < lowest or low >= highest_exclusive:
        raise ValueError(f"The value interval specified by `low` and `high` is [{low}, {high}), "
                         f"but {dtype} only supports [{lowest}, {highest_exclusive})")
    low = min(max(low, lowest), highest_exclusive)
    high = min(max(high, lowest), highest_exclusive)
    if not (dtype.is_floating_point or dtype.is_complex):
        return math.ceil(low), math.ceil(high)
    return low, high


def _uniform(t, low, high):
    # uniform_ refuses ranges wider than the dtype's largest value: draw half, then double
    if high - low >= _dt.finfo(t.dtype).max:
        return t.uniform_(low / 2, high / 2).mul_(2)
    return t.uniform_(low, high)


def make_tensor(*shape, dtype, device, low=None, high=None, requires_grad=False,
                noncontiguous=False, exclude_zero=False, memory_format=None):
    """``torch.testing.make_tensor(*shape, dtype, device, low=None, high=None, …)``."""
    if len(shape) == 1 and isinstance(shape[0], (list, tuple)):
        shape = shape[0]
    shape = tuple(shape)
    if noncontiguous and memory_format is not None:
        raise ValueError(f"The parameters `noncontiguous` and `memory_format` are mutually "
                         f"exclusive, but got noncontiguous={noncontiguous} and "
                         f"memory_format={memory_format}")
    name = dtype.name
    integral = name in _INTEGRAL or name == "bool"
    if requires_grad and integral:
        raise ValueError(f"`requires_grad=True` is not supported for boolean and integral dtypes, "
                         f"but got dtype={dtype}")
    noncontiguous = noncontiguous and math.prod(shape) > 1
    if noncontiguous:
        shape = (*shape[:-1], 2 * shape[-1])
    if name == "bool":
        low, high = _bounds(low, high, dtype, 0, 2, 0, 2)
        result = randint(low, high, shape, device=device, dtype=dtype)
    elif name in _INTEGRAL:
        info = _dt.iinfo(dtype)
        low, high = _bounds(low, high, dtype, info.min, info.max + (name != "int64"), -9, 10)
        result = randint(low, high, shape, device=device, dtype=dtype)
    elif name in _FLOATING or name in _COMPLEX:
        info = _dt.finfo(dtype)
        low, high = _bounds(low, high, dtype, info.min, info.max, -9, 9)
        if name in _COMPLEX:  # torch draws into view_as_real(result): (real, imag) pairs
            pairs = _uniform(empty(*shape, 2, device=device,
                                   dtype=getattr(_dt, _COMPLEX[name])), low, high)
            result = pairs[..., 0] + 1j * pairs[..., 1]
        else:
            result = _uniform(empty(shape, device=device, dtype=dtype), low, high)
    else:
        raise TypeError(f"The requested dtype '{dtype}' is not supported by "
                        "torch.testing.make_tensor(). To request support, file an issue at: "
                        "https://github.com/pytorch/pytorch/issues")
    if noncontiguous:
        result = result[..., 1::2]
    elif memory_format is not None:
        result = result.clone(memory_format=memory_format)
    if exclude_zero:
        result[result == 0] = 1 if integral else _dt.finfo(dtype).tiny
    if not integral:
        result.requires_grad = requires_grad
    return result
