"""Tensor creation: ``tensor``, ``zeros``, ``arange``, … with torch's dtype inference and
torch's argument checking.

Every function takes its arguments through :class:`Overloads`, torch's own overloads written in
torch's notation, so a wrong type, a missing or extra argument gets torch's ``TypeError`` word
for word; values are then checked as torch's kernels check them (negative sizes, sizes whose
bytes overflow or exceed the host's memory, numbers a dtype cannot hold), before anything is
allocated.

>>> import compat as torch
>>> torch.tensor([1, 2]).dtype, torch.tensor([1., 2]).dtype, torch.arange(3.).dtype
(torch.int64, torch.float32, torch.float32)
>>> torch.zeros(2, 2.5)
Traceback (most recent call last):
    ...
TypeError: zeros(): argument 'size' failed to unpack the object at pos 2 with error "type must be tuple of ints,but got float"
"""
from __future__ import annotations

import builtins
import functools
import math
import operator
import os
import warnings

import jax.numpy as jnp
import numpy as np

from jaxgrad import arguments as _args
from jaxgrad import dtypes as _jd
from jaxgrad.functional._checks import not_implemented as _not_implemented

from . import dtypes as _dt
from . import strides as _strides
from . import host_memory, host_values
from .devices import device as _device
from .devices import cuda_available, default_device, place
from .grad_mode import is_grad_enabled
from .tensors import Tensor
from .typenames import type_name

_INT64_MIN, _INT64_MAX = -(1 << 63), (1 << 63) - 1
_UINT64_MAX = (1 << 64) - 1
_MAX_DIMS = 64  # torch's limit on the nesting of the data given to torch.tensor


def _is_tensor(x):
    return isinstance(x, Tensor)


# ============================================================================ type names
# compat classes that stand for torch's C++ classes, under the names torch's messages print


# ============================================================================ argument checks
# What each parameter type of torch's Python bindings accepts (torch's FunctionParameter::check).

def _is_index(obj) -> bool:
    """An element torch takes as an int size: an int (not a bool), a one-element integer
    tensor, or anything with ``__index__``."""
    if _is_tensor(obj):
        return obj.numel() == 1 and _jd.category(obj._data.dtype) <= 1
    if isinstance(obj, builtins.bool):
        return False
    if isinstance(obj, (builtins.int, np.integer)):
        return True
    try:
        operator.index(obj)
    except TypeError:
        return False
    return True


def _is_int(obj) -> bool:
    if isinstance(obj, builtins.bool):
        return False
    if isinstance(obj, (builtins.int, np.integer)):
        return True
    return (_is_tensor(obj) and obj.dim() == 0 and not obj.requires_grad
            and _jd.category(obj._data.dtype) == 1)


def _is_zero_dim_constant(obj) -> bool:
    return _is_tensor(obj) and obj.dim() == 0 and not obj.requires_grad


def _is_number(obj) -> bool:
    return (isinstance(obj, (builtins.int, builtins.float, builtins.complex, np.number, np.bool_))
            or _is_zero_dim_constant(obj))


def _is_double(obj) -> bool:
    return (isinstance(obj, (builtins.int, builtins.float, np.number, np.bool_))
            or _is_zero_dim_constant(obj))


_PYTHON_SCALAR_TYPES = (builtins.float, builtins.int, builtins.bool, builtins.complex)


def _is_dtype(obj) -> bool:
    return isinstance(obj, _dt.dtype) or any(obj is t for t in _PYTHON_SCALAR_TYPES)


def _is_device(obj) -> bool:
    return (isinstance(obj, (_device, str, np.integer))
            or (isinstance(obj, builtins.int) and not isinstance(obj, builtins.bool)))


def _is_generator(obj) -> bool:
    from .random import Generator  # lazy: compat.random imports this module
    return isinstance(obj, Generator)


def _size_check(obj):
    """(accepted, index of the element that failed or None) for a ``tuple of ints``: torch
    looks at the first element only; the others are checked as they are unpacked."""
    if isinstance(obj, (tuple, list)):
        if not obj or _is_index(obj[0]):
            return True, None
        return False, 0
    return False, None


def _accept(predicate):
    return lambda obj: (predicate(obj), None)


_CHECKS = {
    "tuple of ints": _size_check,
    "int": _accept(_is_int),
    "SymInt": _accept(_is_index),
    "Number": _accept(_is_number),
    "float": _accept(_is_double),
    "bool": _accept(lambda obj: type(obj) is builtins.bool),
    "Tensor": _accept(_is_tensor),
    "torch.dtype": _accept(_is_dtype),
    "torch.device": _accept(_is_device),
    "torch.Generator": _accept(_is_generator),
    "torch.layout": _accept(lambda obj: type(obj).__name__ == "layout"),
    "torch.memory_format": _accept(lambda obj: type(obj).__name__ == "memory_format"),
    "object": _accept(lambda obj: True),
}


# ============================================================================ signatures
_DEFAULTS = {"": None, "None": None, "False": False, "True": True}


class _Param:
    __slots__ = ("name", "kind", "optional", "default", "allow_none", "keyword_only")

    def __init__(self, declaration: str, keyword_only: bool):
        decl, has_default, default = declaration.partition(" = ")
        kind, _, self.name = decl.rpartition(" ")
        self.allow_none = kind.endswith("?") or default == "None"
        self.kind = kind.rstrip("?")
        self.optional = bool(has_default)
        self.default = _DEFAULTS[default] if default in _DEFAULTS else (
            builtins.float(default) if "." in default else builtins.int(default))
        self.keyword_only = keyword_only

    @property
    def type_text(self) -> str:
        return "int" if self.kind == "SymInt" else self.kind


class _Signature:
    """One overload in torch's printed notation, ``(int n, *, torch.dtype dtype = None, …)``.

    ``SymInt`` (printed ``int``) marks an int that also takes one-element integer tensors and
    ``__index__`` objects; ``?`` after a type lets ``None`` stand for the default.
    """

    def __init__(self, name: str, text: str):
        self.name = name
        self.text = text.replace("SymInt", "int").replace("?", "")
        self.params, keyword_only = [], False
        for item in filter(None, text[1:-1].split(", ")):
            if item == "*":
                keyword_only = True
            else:
                self.params.append(_Param(item, keyword_only))
        self.min_args = sum(not p.optional for p in self.params)
        self.max_pos_args = sum(not p.keyword_only for p in self.params)
        self.max_args = len(self.params)
        # f(2, 3) means f((2, 3)) when a size is the only positional parameter
        self.varargs_size = self.max_pos_args == 1 and self.params[0].kind == "tuple of ints"

    def bind(self, args, kwargs, raise_errors):
        """The arguments by parameter name (defaults filled in), or None if they do not fit
        (with ``raise_errors``: torch's TypeError saying why)."""
        nargs = len(args)
        if nargs > self.max_pos_args and not self.varargs_size:
            return self._fail(raise_errors, self._extra_args, nargs)
        values, pos, used_kwargs = {}, 0, 0
        for i, p in enumerate(self.params):
            from_keyword = pos >= nargs
            if not from_keyword:
                if p.keyword_only:
                    return self._fail(raise_errors, self._extra_args, nargs)
                present, obj = True, args[pos]
            else:
                present, obj = p.name in kwargs, kwargs.get(p.name)
            if (not present and p.optional) or (present and obj is None and p.allow_none):
                values[p.name] = p.default
            elif not present:
                return self._fail(raise_errors, self._missing_args, i)
            else:
                accepted, failed_at = _CHECKS[p.kind](obj)
                if accepted:
                    values[p.name] = obj
                elif self.varargs_size and pos == 0 and not from_keyword and _size_check(args)[0]:
                    values[p.name], pos = args, nargs
                    continue
                else:
                    return self._fail(raise_errors, self._wrong_type, p, obj, pos, from_keyword,
                                      failed_at, args)
            if not from_keyword:
                pos += 1
            elif present:
                used_kwargs += 1
        if used_kwargs < len(kwargs):
            return self._fail(raise_errors, self._extra_kwargs, kwargs, nargs)
        return values

    @staticmethod
    def _fail(raise_errors, error, *args):
        if raise_errors:
            raise error(*args)
        return None

    def _extra_args(self, nargs):
        if self.min_args != self.max_pos_args:
            return TypeError(f"{self.name}() takes from {self.min_args} to {self.max_pos_args} "
                             f"positional arguments but {nargs} were given")
        plural = "" if self.max_pos_args == 1 else "s"
        verb = "was" if nargs == 1 else "were"
        return TypeError(f"{self.name}() takes {self.max_pos_args} positional argument{plural} "
                         f"but {nargs} {verb} given")

    def _missing_args(self, index):
        names = [f'"{p.name}"' for p in self.params[index:] if not p.optional]
        plural = "s" if len(names) == 1 else ""  # sic: torch's own wording
        return TypeError(f"{self.name}() missing {len(names)} required positional "
                         f"argument{plural}: {', '.join(names)}")

    def _wrong_type(self, p, obj, pos, from_keyword, failed_at, args):
        if from_keyword:
            return TypeError(f"{self.name}(): argument '{p.name}' must be {p.type_text}, "
                             f"not {type_name(obj)}")
        where = f"{self.name}(): argument '{p.name}' (position {pos + 1}) must be {p.type_text}"
        if failed_at is not None:
            seq = obj if isinstance(obj, (tuple, list)) else args
            return TypeError(f"{where}, but found element of type {type_name(seq[failed_at])} "
                             f"at pos {failed_at}")
        return TypeError(f"{where}, not {type_name(obj)}")

    def _extra_kwargs(self, kwargs, nargs):
        names = [p.name for p in self.params]
        for key in kwargs:
            if key not in names:
                return TypeError(f"{self.name}() got an unexpected keyword argument '{key}'")
            if names.index(key) < nargs:
                return TypeError(f"{self.name}() got multiple values for argument '{key}'")
        return TypeError("invalid keyword arguments")


class Overloads:
    """A torch function's overloads, tried in torch's order, with torch's errors.

    >>> zeros_like = Overloads("zeros_like", "(Tensor input, *, torch.dtype dtype = None)")
    >>> zeros_like.parse((), {})
    Traceback (most recent call last):
        ...
    TypeError: zeros_like() missing 1 required positional arguments: "input"
    """

    def __init__(self, name: str, *signatures: str):
        self.name = name
        self.signatures = [_Signature(name, text) for text in signatures]

    def parse(self, args, kwargs):
        """``(index of the overload that fits, its arguments by name)``."""
        if len(self.signatures) == 1:
            return 0, self.signatures[0].bind(args, kwargs, True)
        for i, signature in enumerate(self.signatures):
            values = signature.bind(args, kwargs, False)
            if values is not None:
                return i, values
        given = len(args) + len(kwargs)
        plausible = [s for s in self.signatures if s.min_args <= given <= s.max_args]
        if len(plausible) == 1:
            plausible[0].bind(args, kwargs, True)
        raise TypeError(self._invalid_combination(args, kwargs))

    def _invalid_combination(self, args, kwargs):
        return invalid_combination(self.name, [type_name(a) for a in args],
                                   [(k, type_name(v)) for k, v in kwargs.items()],
                                   [s.text for s in self.signatures])


def invalid_combination(name, arg_types, keyword_types, signatures) -> str:
    """torch's message for arguments no overload of ``name`` takes: the types given
    (``keyword_types`` as ``(name, type)`` pairs), then the signatures.

    >>> print(invalid_combination("sum", [], [("dim", "str")], ["(*, dtype=None)"]))
    sum() received an invalid combination of arguments - got (dim=str, ), but expected one of:
     * (*, dtype=None)
    <BLANKLINE>
    """
    # torch lists keyword arguments from its hash map: last given first; with no positional
    # argument each is followed by ", "
    keywords = [f"{k}={t}" for k, t in reversed(list(keyword_types))]
    got = ", ".join(arg_types + keywords) if arg_types else "".join(k + ", " for k in keywords)
    options = "".join(f" * {s}\n" for s in signatures)
    return (f"{name}() received an invalid combination of arguments - got ({got}), but "
            f"expected one of:\n{options}")


_FACTORY = ("torch.dtype dtype = None, torch.layout layout = None, torch.device device = None, "
            "bool? pin_memory = False, bool? requires_grad = False")
_OUT_FACTORY = "Tensor out = None, " + _FACTORY
_LIKE = "torch.memory_format memory_format = None, " + _FACTORY


# ============================================================================ argument values
def _unpack_long(obj) -> int:
    """An int64 from an integer-like object, as torch's ``THPUtils_unpackLong``."""
    value = operator.index(obj)
    if not _INT64_MIN <= value <= _INT64_MAX:
        raise _args.int64_overflow()
    return value


def int_arg(obj) -> int:
    """An ``int``/``SymInt`` argument's value (it passed the check).

    >>> int_arg(np.int64(3))
    3
    """
    if _is_tensor(obj):
        return builtins.int(obj.item())
    return _unpack_long(obj)


def _size_element(item) -> int:
    if _is_tensor(item):
        if item.numel() == 1 and _jd.category(item._data.dtype) <= 1:
            return builtins.int(item.item())
    else:
        try:
            value = operator.index(item)
        except TypeError:
            pass
        else:
            if not _INT64_MIN <= value <= _INT64_MAX:
                raise ValueError("Overflow when unpacking long long\n")
            return value
    raise TypeError(f"type must be tuple of ints,but got {type_name(item)}")


def size_arg(obj, function: str, param: str = "size") -> tuple:
    """A ``tuple of ints`` argument's value, each element unpacked as torch does.

    >>> size_arg((2, np.int64(3)), "zeros")
    (2, 3)
    >>> size_arg((2, None), "zeros")
    Traceback (most recent call last):
        ...
    TypeError: zeros(): argument 'size' failed to unpack the object at pos 2 with error "type must be tuple of ints,but got NoneType"
    """
    shape = []
    for i, item in enumerate(obj):
        try:
            shape.append(_size_element(item))
        except (TypeError, ValueError) as err:
            raise TypeError(f"{function}(): argument '{param}' failed to unpack the object at "
                            f"pos {i + 1} with error \"{err}\"") from None
    return tuple(shape)


def scalar_arg(obj):
    """A ``Number`` argument as a Python bool/int/float/complex (torch's ``at::Scalar``: an
    int beyond int64 is kept as an unsigned 64-bit one, up to 2**64 - 1).

    >>> scalar_arg(np.float32(0.5)), scalar_arg(2**63)
    (0.5, 9223372036854775808)
    """
    if _is_tensor(obj):
        return obj.item()
    if isinstance(obj, np.generic):
        return obj.item()
    if isinstance(obj, builtins.int) and not isinstance(obj, builtins.bool):
        if obj > _UINT64_MAX:
            raise OverflowError("int too big to convert")
        if obj < _INT64_MIN:
            raise OverflowError("can't convert negative int to unsigned")
    return obj


def double_arg(obj) -> builtins.float:
    """A ``float`` argument's value.

    >>> double_arg(np.int64(2))
    2.0
    """
    return builtins.float(obj.item() if _is_tensor(obj) else obj)


def dtype_arg(obj):
    """A ``torch.dtype`` argument as a compat dtype (Python's float/int/bool/complex mean
    float64/int64/bool/complex128, as in torch), or None.

    >>> dtype_arg(float), dtype_arg(None)
    (torch.float64, None)
    """
    if obj is None or isinstance(obj, _dt.dtype):
        return obj
    return {builtins.float: _dt.float64, builtins.int: _dt.int64, builtins.bool: _dt.bool,
            builtins.complex: _dt.complex128}[obj]


# ============================================================================ number conversions
# The C++ type names of at::Scalar's checked conversions (``Scalar.to<T>()``).
_SCALAR_C_NAMES = {"uint8": "uint8_t", "int8": "int8_t", "int16": "int16_t", "int32": "int",
                   "int64": "int64_t", "float16": "c10::Half", "bfloat16": "c10::BFloat16",
                   "float32": "float", "float64": "double", "complex64": "c10::complex<float>",
                   "complex128": "c10::complex<double>", "bool": "bool"}


def _int_bounds(np_dtype):
    info = np.iinfo(np_dtype)
    return builtins.int(info.min), builtins.int(info.max)


@functools.lru_cache(maxsize=None)
def _float_max(np_dtype) -> builtins.float:
    return builtins.float(jnp.finfo(np_dtype).max)


def _real_dtype(np_dtype):
    return np.dtype(np.float32 if np.dtype(np_dtype) == np.complex64 else np.float64)


def _float_overflows(value, np_dtype) -> bool:
    """c10's ``overflows<To>(double)``: NaN and infinities fit a float type, never an int."""
    cat = _jd.category(np_dtype)
    if cat == 1:
        lo, hi = _int_bounds(np_dtype)
        return not builtins.float(lo) <= value <= builtins.float(hi)
    if math.isinf(value) or math.isnan(value):
        return False
    limit = _float_max(_real_dtype(np_dtype) if cat == 3 else np_dtype)
    return not -limit <= value <= limit


def _int_overflows(value, np_dtype) -> bool:
    """c10's ``overflows<To>(int64)``: an unsigned type also takes negatives down to -max
    (they wrap, as in two's complement)."""
    cat = _jd.category(np_dtype)
    if cat == 1:
        lo, hi = _int_bounds(np_dtype)
        if lo == 0:
            return value > hi or (value < 0 and -value > hi)
        return not lo <= value <= hi
    limit = _float_max(_real_dtype(np_dtype) if cat == 3 else np_dtype)
    return not -limit <= value <= limit


def _wrap_int(value: int, np_dtype) -> int:
    """A C cast of an in-range int to ``np_dtype`` (negatives wrap for unsigned types)."""
    lo, hi = _int_bounds(np_dtype)
    return value & hi if lo == 0 else value


def _trunc_to_int(value: builtins.float) -> int:
    """``static_cast<int64_t>(double)`` on x86: out of range gives INT64_MIN."""
    if math.isnan(value) or math.isinf(value):
        return _INT64_MIN
    result = builtins.int(value)
    return result if _INT64_MIN <= result <= _INT64_MAX else _INT64_MIN


def scalar_to(value, np_dtype):
    """``Scalar.to<T>()``: ``value`` as a Python number that ``np_dtype`` holds, or torch's
    "value cannot be converted to type … without overflow".

    >>> scalar_to(-1, np.uint8), scalar_to(2.7, np.int64)
    (255, 2)
    """
    dt = np.dtype(np_dtype)
    cat = _jd.category(dt)
    if cat == 0:
        return builtins.bool(value)
    if isinstance(value, builtins.bool):
        value = builtins.int(value)
    overflow = _args.conversion_overflow(_SCALAR_C_NAMES[dt.name])
    if isinstance(value, builtins.complex):
        if cat == 3:
            if _float_overflows(value.real, dt) or _float_overflows(value.imag, dt):
                raise overflow
            return value
        if value.imag != 0:
            raise overflow
        value = value.real
    elif cat == 3:
        return builtins.complex(scalar_to(value, _real_dtype(dt)))
    if isinstance(value, builtins.float):
        if _float_overflows(value, dt):
            raise overflow
        return _wrap_int(_trunc_to_int(value), dt) if cat == 1 else value
    if _int_overflows(value, dt):
        raise overflow
    return _wrap_int(value, dt) if cat == 1 else builtins.float(value)


def cast_array(array: np.ndarray, np_dtype) -> np.ndarray:
    """``array`` cast to ``np_dtype`` as torch's CPU casts do (NaN and out-of-range floats
    become INT64_MIN's bits in int64, float64 reaches uint8 through int64).

    >>> cast_array(np.array([np.nan, 300.5, 2.0**32 + 5]), np.uint8)
    array([ 0, 44,  5], dtype=uint8)
    """
    dt = np.dtype(np_dtype)
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if array.dtype == np.float64 and dt == np.uint8:
            return array.astype(np.int64).astype(dt)
        return array.astype(dt)


# ============================================================================ sizes and memory
@functools.lru_cache(maxsize=None)
def _host_memory_bytes() -> int:
    """RAM plus swap: the largest allocation the kernel's overcommit heuristic grants."""
    try:
        total = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return _INT64_MAX
    try:
        with open("/proc/meminfo") as meminfo:
            for line in meminfo:
                if line.startswith("SwapTotal:"):
                    total += builtins.int(line.split()[1]) * 1024
    except OSError:
        pass
    return total


def check_shape(shape, np_dtype, negative_message=None):
    """torch's checks before it allocates a contiguous tensor of ``shape``: no negative size,
    a byte size that fits int64, strides that fit int64, memory the host has.

    >>> check_shape((2**40, 2**40), np.float32)
    Traceback (most recent call last):
        ...
    RuntimeError: Storage size calculation overflowed with sizes=[1099511627776, 1099511627776]
    """
    if negative_message is not None and any(s < 0 for s in shape):
        raise RuntimeError(negative_message)
    _args.check_sizes(shape)
    count, overflowed = 1, False
    for s in shape:
        count *= s
        overflowed |= count > _UINT64_MAX
    nbytes = count * np.dtype(np_dtype).itemsize
    if overflowed or nbytes > _INT64_MAX:
        raise RuntimeError(f"Storage size calculation overflowed with sizes={list(shape)}")
    stride = 1
    for s in reversed(shape[1:]):
        stride *= builtins.max(s, 1)
        if stride > _INT64_MAX:
            raise RuntimeError("Stride calculation overflowed")
    if nbytes > _host_memory_bytes():
        raise RuntimeError(f"[enforce fail at alloc_cpu.cpp:127] err == 0. DefaultCPUAllocator: "
                           f"can't allocate memory: you tried to allocate {nbytes} bytes. "
                           f"Error code 12 (Cannot allocate memory)")


# c10's ScalarType names, as torch's kernel and dtype messages print them


scalar_type_name = _jd.torch_type_name  # c10's dtype names ('Long', 'Float', …)
not_implemented = _not_implemented      # torch's error for a kernel without a dtype's version


# ============================================================================ results
def check_can_require_grad(dtype) -> None:
    """torch's refusal of ``requires_grad=True`` at creation for a dtype that is neither
    floating point nor complex.

    >>> import compat as torch
    >>> check_can_require_grad(torch.float32)
    """
    if not (dtype.is_floating_point or dtype.is_complex):
        raise RuntimeError("Only Tensors of floating point and complex dtype can require gradients")


def _finish(array, dtype, device, requires_grad, cls=None):
    """Wrap a numpy/jax array as a Tensor on ``device`` with ``requires_grad``."""
    data = jnp.asarray(array)
    if type(array) is np.ndarray:
        host_values.keep(data, array)  # index checks read it without waiting (host_values)
    if device is not None and _device(device).type != "cpu":
        data = place(data, _device(device))
    t = (cls or Tensor)._make(data)
    if requires_grad:
        if not (t.dtype.is_floating_point or t.dtype.is_complex):
            check_can_require_grad(t.dtype)
        t.requires_grad = True
    return t


def result_dtype(dtype, out, default):
    """The numpy dtype of a factory's result: ``dtype``, else ``out``'s, else ``default``.

    >>> import compat as torch
    >>> result_dtype(None, torch.zeros(1, dtype=torch.int32), np.float32)
    dtype('int32')
    """
    if dtype is not None:
        return dtype.np
    if out is not None:
        return out._data.dtype
    return np.dtype(default)


def check_out(name, out, dtype):
    """torch's checks of an ``out=`` tensor before a factory fills it.

    >>> import compat as torch
    >>> check_out("zeros", torch.zeros(1, dtype=torch.int64), torch.float32)
    Traceback (most recent call last):
        ...
    RuntimeError: dtype Float does not match dtype of out parameter (Long)
    """
    if out is None:
        return
    if out.requires_grad and is_grad_enabled():
        raise RuntimeError(f"aten::{name}(): functions with out=... arguments don't support "
                           f"automatic differentiation, but one of the arguments requires grad.")
    if dtype is not None and dtype.np != out._data.dtype:
        raise RuntimeError(f"dtype {scalar_type_name(dtype.np)} does not match dtype of out "
                           f"parameter ({scalar_type_name(out._data.dtype)})")


def _check_pinned_memory():
    if not cuda_available():
        raise RuntimeError("pin_memory=True requires a CUDA or other accelerator backend; no "
                           "pinned memory allocator is available on this system.")


def finish(array, values, out=None, cls=None):
    """The result of a factory: a new tensor, or ``out`` holding ``array`` (``values``: the
    parsed ``dtype``/``device``/``requires_grad`` arguments).

    >>> finish(np.ones(2, np.float32), {"requires_grad": True})
    tensor([1., 1.], requires_grad=True)
    """
    requires_grad = values.get("requires_grad") or False
    if values.get("pin_memory"):
        _check_pinned_memory()
    if out is None:
        target = values.get("device")
        return _finish(array, values.get("dtype"), default_device() if target is None else target,
                       requires_grad, cls)
    if requires_grad:
        check_can_require_grad(out.dtype)
    out._set_data(jnp.asarray(array, out._data.dtype))
    if requires_grad:
        out.requires_grad_(True)
    return out


# ============================================================================ torch.tensor's data
_SUPPORTED_NUMPY = ("float64", "float32", "float16", "complex64", "complex128", "int64", "int32",
                    "int16", "int8", "uint64", "uint32", "uint16", "uint8", "bool")


def _numpy_dtype(array: np.ndarray) -> np.dtype:
    dt = array.dtype
    if dt.name not in _SUPPORTED_NUMPY and dt != _jd.bfloat16:
        raise TypeError(f"can't convert np.ndarray of type numpy.{dt.type.__name__}. The only "
                        f"supported types are: {', '.join(_SUPPORTED_NUMPY[:-1])}, and bool.")
    return dt


def _checked_numpy(array: np.ndarray) -> np.ndarray:
    """``array`` if torch can wrap it (torch's ``tensor_from_numpy`` checks, in its order)."""
    itemsize = array.dtype.itemsize
    if any(s % itemsize for s in array.strides):
        raise ValueError("given numpy array strides not a multiple of the element byte size. "
                         "Copy the numpy array to reallocate the memory.")
    if any(s < 0 for s in array.strides):
        raise ValueError("At least one stride in the given numpy array is negative, and tensors "
                         "with negative strides are not currently supported. (You can probably "
                         "work around this by making a copy of your array  with array.copy().) ")
    if not array.dtype.isnative:
        raise ValueError("given numpy array has byte order different from the native byte "
                         "order. Conversion between byte orders is currently not supported.")
    _numpy_dtype(array)
    return array


def _is_sequence(obj) -> bool:
    """CPython's ``PySequence_Check``, with tensors and numpy scalars left out as torch does."""
    if isinstance(obj, (list, tuple)):
        return True
    if isinstance(obj, (dict, np.generic)) or _is_tensor(obj):
        return False
    return hasattr(type(obj), "__getitem__")


def invalid_data_type(obj) -> TypeError:
    """torch's error for data of a type a tensor cannot hold (a str, a dict, …).

    >>> invalid_data_type("a")
    TypeError("new(): invalid data type 'str'")
    """
    return TypeError(f"new(): invalid data type '{type_name(obj)}'")


def _infer_scalar_type(obj) -> np.dtype:
    """torch's ``infer_scalar_type``: the dtype of nested data (empty sequences count as the
    default float; numpy values and tensors bring their own dtype; promotion as torch's)."""
    if isinstance(obj, np.ndarray):
        return _numpy_dtype(obj)
    if isinstance(obj, np.generic):
        return _numpy_dtype(np.asarray(obj))
    if isinstance(obj, builtins.float):
        return _jd.default_float_dtype()
    if isinstance(obj, builtins.bool):
        return _jd.bool_
    if isinstance(obj, builtins.int):
        return _jd.int64
    if isinstance(obj, builtins.complex):
        return _default_complex()
    if _is_tensor(obj):
        return obj._data.dtype
    if isinstance(obj, (str, bytes)):
        raise invalid_data_type(obj)
    if _is_sequence(obj):
        if len(obj) == 0:
            return _jd.default_float_dtype()
        result = None
        for i in range(len(obj)):
            item = obj[i]
            if item is obj:
                raise TypeError("new(): self-referential lists are incompatible")
            kind = _infer_scalar_type(item)
            result = kind if result is None else _jd.promote_types(result, kind)
            if result == np.complex128:
                return result
        return result
    raise RuntimeError(f"Could not infer dtype of {type_name(obj)}")


def _default_complex() -> np.dtype:
    return np.dtype(np.complex128 if _jd.default_float_dtype() == _jd.float64 else np.complex64)


def _data_sizes(data) -> list:
    """torch's ``compute_sizes``: the shape read along the first element at each level."""
    sizes, seq = [], data
    while _is_sequence(seq):
        sizes.append(len(seq))
        if len(sizes) > _MAX_DIMS:
            raise ValueError(f"too many dimensions '{type_name(seq)}'")
        if sizes[-1] == 0:
            break
        seq = seq[0]
    return sizes


_BOOL, _INT, _FLOAT, _COMPLEX, _EMPTY_SEQUENCE = 1, 2, 4, 8, 16
_PLAIN_BITS = {builtins.bool: _BOOL, builtins.int: _INT, builtins.float: _FLOAT,
               builtins.complex: _COMPLEX}


def _plain_kinds(data):
    """For nested lists/tuples of Python bools, ints, floats and complexes: a bit set of the
    kinds found (and whether some list is empty); None when anything else is in there."""
    kinds, stack = 0, [data]
    while stack:
        v = stack.pop()
        t = type(v)
        if t is list or t is tuple:
            if v:
                stack.extend(v)
            else:
                kinds |= _EMPTY_SEQUENCE
        elif t in _PLAIN_BITS:
            kinds |= _PLAIN_BITS[t]
        else:
            return None
    return kinds


def _plain_dtype(kinds) -> np.dtype:
    """``infer_scalar_type`` of plain data: the widest kind (an empty list counts as a float)."""
    if kinds & _COMPLEX:
        return _default_complex()
    if kinds & (_FLOAT | _EMPTY_SEQUENCE):
        return _jd.default_float_dtype()
    return _jd.int64 if kinds & _INT else _jd.bool_


def _leaf_to_int(np_dtype):
    """torch's ``store_scalar`` for an int dtype: floats are range-checked, anything else is
    taken as an integer (``__index__``)."""
    lo, hi = _int_bounds(np_dtype)
    overflow = _args.conversion_overflow(np_dtype.name)

    def convert(obj):
        if isinstance(obj, builtins.float):
            if not builtins.float(lo) <= obj <= builtins.float(hi):
                raise overflow
            return _wrap_int(_trunc_to_int(obj), np_dtype)
        value = _unpack_long(obj)
        if _int_overflows(value, np_dtype):
            raise overflow
        return _wrap_int(value, np_dtype)
    return convert


def _leaf_to_float(obj) -> builtins.float:
    """CPython's ``PyFloat_AsDouble``: ``__float__``, else ``__index__``."""
    if isinstance(obj, builtins.float):
        return builtins.float(obj)
    cls = type(obj)
    if hasattr(cls, "__float__"):
        return builtins.float(obj)
    if hasattr(cls, "__index__"):
        return builtins.float(operator.index(obj))
    raise TypeError(f"must be real number, not {type_name(obj)}")


def _leaf_to_complex(obj) -> builtins.complex:
    """CPython's ``PyComplex_AsCComplex``: ``__complex__``, else a real number."""
    if isinstance(obj, builtins.complex):
        return builtins.complex(obj)
    if hasattr(type(obj), "__complex__"):
        return builtins.complex(obj)
    return builtins.complex(_leaf_to_float(obj))


def _leaf_to_bool(obj) -> builtins.bool:
    """torch's ``THPUtils_unpackNumberAsBool``: nonzero is True (NaN and huge ints too)."""
    if isinstance(obj, (builtins.float, builtins.complex)):
        return obj != 0
    if isinstance(obj, np.bool_):
        return builtins.bool(obj)
    return operator.index(obj) != 0


def _leaf_converter(np_dtype):
    cat = _jd.category(np_dtype)
    if cat == 1:
        return _leaf_to_int(np_dtype)
    return (_leaf_to_bool, None, _leaf_to_float, _leaf_to_complex)[cat]


def _as_sequence(obj) -> list:
    """CPython's ``PySequence_Fast(obj, "not a sequence")``."""
    if isinstance(obj, (list, tuple)):
        return obj
    try:
        iterator = iter(obj)
    except TypeError:
        raise TypeError("not a sequence") from None
    return list(iterator)


def _store(obj, sizes, dim, convert, out):
    """torch's ``recursive_store``: every leaf converted in order, lengths checked."""
    if dim == len(sizes):
        out.append(convert(obj))
        return
    items = _as_sequence(obj)
    if len(items) != sizes[dim]:
        raise ValueError(f"expected sequence of length {sizes[dim]} at dim {dim} "
                         f"(got {len(items)})")
    for item in items:
        _store(item, sizes, dim + 1, convert, out)


def _leaves_to_array(values: list, np_dtype) -> np.ndarray:
    cat = _jd.category(np_dtype)
    if cat == 2:  # double → float → half, as c10's conversions go
        array = np.array(values, np.float64)
        if np_dtype.itemsize < 4:
            array = cast_array(array, np.float32)
        return cast_array(array, np_dtype)
    if cat == 3:
        return cast_array(np.array(values, np.complex128), np_dtype)
    return np.array(values, np_dtype)


def _fast_plain(data, sizes, np_dtype, kinds):
    """numpy's conversion of plain nested lists where it gives what the element-wise rules
    give; None where those rules must run one element at a time."""
    cat = _jd.category(np_dtype)
    if (cat == 1 and kinds & _INT and kinds & _FLOAT) or (cat in (1, 2) and kinds & _COMPLEX):
        return None  # ints and floats into an int dtype; complex into a real one
    try:
        array = np.array(data)
    except (ValueError, TypeError, OverflowError):
        return None
    # the kind numpy gives must be the widest leaf's (not object, not uint64 for huge ints)
    expected = ("c" if kinds & _COMPLEX else "f" if kinds & _FLOAT else
                "i" if kinds & _INT else "b")
    if list(array.shape) != sizes or array.dtype.kind != expected or array.dtype == np.uint64:
        return None
    if cat == 0:
        return array != 0
    if cat == 1:
        if array.dtype.kind == "f":
            lo, hi = _int_bounds(np_dtype)
            if not np.all((array >= builtins.float(lo)) & (array <= builtins.float(hi))):
                raise _args.conversion_overflow(np_dtype.name)
            return cast_array(np.trunc(array), np_dtype)
        array = array.astype(np.int64)
        lo, hi = _int_bounds(np_dtype)
        low_ok = (array >= -hi) if lo == 0 else (array >= lo)
        if not np.all(low_ok & (array <= hi)):
            raise _args.conversion_overflow(np_dtype.name)
        return cast_array(array, np_dtype)
    return _leaves_to_array(array.astype(np.float64 if cat == 2 else np.complex128), np_dtype)


def _python_data_to_numpy(data, np_dtype) -> np.ndarray:
    """torch's ``internal_new_from_data`` for Python data: sizes, dtype, then each element."""
    sizes = _data_sizes(data)
    kinds = _plain_kinds(data) if isinstance(data, (list, tuple)) else None
    if np_dtype is None:
        np_dtype = _infer_scalar_type(data) if kinds is None else _plain_dtype(kinds)
    if math.prod(sizes) == 0:
        return np.zeros(sizes, np_dtype)
    if kinds is not None:
        array = _fast_plain(data, sizes, np_dtype, kinds)
        if array is not None:
            return array
    leaves = []
    _store(data, sizes, 0, _leaf_converter(np_dtype), leaves)
    return _leaves_to_array(leaves, np_dtype).reshape(sizes)


def _host_array(t) -> np.ndarray:
    return np.asarray(t._value)


def _data_to_numpy(data, dtype) -> np.ndarray:
    """torch's conversion of any ``torch.tensor`` data (a compat dtype or None)."""
    np_dtype = None if dtype is None else dtype.np
    if isinstance(data, (str, bytes)):
        raise invalid_data_type(data)
    if _is_tensor(data):
        array = _host_array(data)
    elif isinstance(data, np.ndarray):
        array = _checked_numpy(data)
    elif hasattr(data, "__dlpack__") and hasattr(data, "dtype"):  # a jax array
        array = np.asarray(data)
    else:
        return _python_data_to_numpy(data, np_dtype)
    return array if np_dtype is None else cast_array(array, np_dtype)


# ============================================================================ tensor, as_tensor
_TENSOR = Overloads("tensor", "(object data, *, torch.dtype dtype = None, "
                              "torch.device device = None, bool pin_memory = False, "
                              "bool requires_grad = False)")
_AS_TENSOR = Overloads("as_tensor", "(object data, *, torch.dtype dtype = None, "
                                    "torch.device device = None)")
_ASARRAY = Overloads("asarray", "(object obj, *, torch.dtype dtype = None, "
                                "torch.device device = None, bool? copy = None, "
                                "bool requires_grad = False)")


def tensor(*args, **kwargs):
    """``torch.tensor(data, *, dtype=None, device=None, requires_grad=False)``: a new leaf
    tensor holding a copy of ``data`` (nested sequences, numbers, numpy arrays, tensors).

    >>> import compat as torch
    >>> torch.tensor(3.0, requires_grad=True)
    tensor(3., requires_grad=True)
    >>> torch.tensor([[1, 2], [3]])
    Traceback (most recent call last):
        ...
    ValueError: expected sequence of length 2 at dim 1 (got 1)
    """
    _, values = _TENSOR.parse(args, kwargs)
    data = values["data"]
    _warn_copy_construct(data, "torch.tensor")
    values["dtype"] = dtype_arg(values["dtype"])
    return finish(_data_to_numpy(data, values["dtype"]), values)


def _warn_copy_construct(data, call):
    """torch's warning when ``call`` (``tensor``, ``Tensor.new_tensor``) copies a tensor; it
    names the line that called ``call``."""
    if _is_tensor(data):
        warnings.warn("To copy construct from a tensor, it is recommended to use "
                      "sourceTensor.detach().clone() or sourceTensor.detach().clone()."
                      f"requires_grad_(True), rather than {call}(sourceTensor).",
                      UserWarning, stacklevel=3)


def _as_tensor_from(data, values, share=True):
    dtype = dtype_arg(values["dtype"])
    if _is_tensor(data):
        if (dtype is None or data.dtype is dtype) and values["device"] is None:
            return data
        return data.to(device=values["device"], dtype=dtype)
    target = values["device"]
    target = default_device() if target is None else target
    if share and isinstance(data, np.ndarray) and (target is None or
                                                   _device(target).type == "cpu"):
        array = _checked_numpy(data)
        if dtype is None or np.dtype(dtype.np) == array.dtype:
            return host_memory.share(array)  # a CPU tensor over the same memory, as torch's
    return _finish(_data_to_numpy(data, dtype), dtype, target, False)


def as_tensor(*args, **kwargs):
    """``torch.as_tensor(data, dtype=None, device=None)``: ``data`` itself when it already is
    a tensor of that dtype and device, else a tensor converted from it.

    >>> import compat as torch
    >>> t = torch.ones(2)
    >>> torch.as_tensor(t) is t, torch.as_tensor([1, 2]).dtype
    (True, torch.int64)
    """
    _, values = _AS_TENSOR.parse(args, kwargs)
    return _as_tensor_from(values["data"], values)


def asarray(*args, **kwargs):
    """``torch.asarray(obj, *, dtype=None, device=None, copy=None, requires_grad=False)``.

    >>> import compat as torch
    >>> torch.asarray([1.5, 2]).dtype
    torch.float32
    """
    _, values = _ASARRAY.parse(args, kwargs)
    obj = values["obj"]
    result = _as_tensor_from(obj, values, share=not values["copy"])
    if values["copy"] and result is obj:
        result = obj.clone()
    if values["requires_grad"]:
        result.requires_grad_(True)
    return result


def from_numpy(*args, **kwargs):
    """``torch.from_numpy(ndarray)``: a tensor sharing the array's memory, with its dtype
    (writes through either are seen by the other: ``compat.host_memory``).

    >>> import numpy as np, compat as torch
    >>> n = np.arange(3, dtype=np.int32)
    >>> t = torch.from_numpy(n); n[0] = 7; t
    tensor([7, 1, 2], dtype=torch.int32)
    """
    if kwargs:
        raise TypeError("torch._VariableFunctionsClass.from_numpy() takes no keyword arguments")
    if len(args) != 1:
        raise TypeError(f"torch._VariableFunctionsClass.from_numpy() takes exactly one argument "
                        f"({len(args)} given)")
    array = args[0]
    if not isinstance(array, np.ndarray):
        raise TypeError(f"expected np.ndarray (got {type_name(array)})")
    return host_memory.share(_checked_numpy(array))


# ============================================================================ filled tensors
_ZEROS = Overloads("zeros", f"(tuple of ints size, *, {_OUT_FACTORY})")
_ONES = Overloads("ones", f"(tuple of ints size, *, {_OUT_FACTORY})")
_EMPTY = Overloads("empty", f"(tuple of ints size, *, torch.memory_format memory_format = None, "
                            f"{_OUT_FACTORY})")
_FULL = Overloads("full", f"(tuple of ints size, Number fill_value, *, {_OUT_FACTORY})")


def _filled(name, shape, fill, values, negative_message=None):
    out = values.get("out")
    values["dtype"] = dtype_arg(values["dtype"])
    check_out(name, out, values["dtype"])
    np_dtype = result_dtype(values["dtype"], out, _jd.default_float_dtype())
    check_shape(shape, np_dtype, negative_message)
    return finish(np.full(shape, fill, np_dtype), values, out)


def zeros(*args, **kwargs):
    """``torch.zeros(*size, dtype=None, device=None, requires_grad=False)``: a tensor of
    zeros (the default float dtype unless ``dtype`` says otherwise).

    >>> import compat as torch
    >>> torch.zeros(2, 3).shape, torch.zeros((2,), dtype=torch.int64)
    (torch.Size([2, 3]), tensor([0, 0]))
    """
    _, values = _ZEROS.parse(args, kwargs)
    shape = size_arg(values["size"], "zeros")
    return _filled("zeros", shape, 0, values, "zeros: Dimension size must be non-negative.")


def ones(*args, **kwargs):
    """``torch.ones(*size, dtype=None, device=None, requires_grad=False)``: a tensor of ones.

    >>> import compat as torch
    >>> torch.ones(2)
    tensor([1., 1.])
    """
    _, values = _ONES.parse(args, kwargs)
    return _filled("ones", size_arg(values["size"], "ones"), 1, values)


def empty(*args, **kwargs):
    """``torch.empty(*size, …)``: uninitialised memory in torch, zeros here.

    >>> import compat as torch
    >>> torch.empty(2, 0).shape
    torch.Size([2, 0])
    """
    _, values = _EMPTY.parse(args, kwargs)
    return _filled("empty", size_arg(values["size"], "empty"), 0, values)


def _fill_dtype(fill) -> np.dtype:
    """The dtype ``torch.full`` infers from its fill value (an at::Scalar's kind)."""
    if isinstance(fill, builtins.bool):
        return _jd.bool_
    if isinstance(fill, builtins.int):
        return _jd.int64
    if isinstance(fill, builtins.float):
        return _jd.default_float_dtype()
    return _default_complex()


def full(*args, **kwargs):
    """``torch.full(size, fill_value, *, dtype=None, …)``: the dtype follows ``fill_value``
    when none is given, as in torch.

    >>> import compat as torch
    >>> torch.full((2,), 7), torch.full((2,), 0.5).dtype
    (tensor([7, 7]), torch.float32)
    """
    _, values = _FULL.parse(args, kwargs)
    shape = size_arg(values["size"], "full")
    fill = scalar_arg(values["fill_value"])
    dtype = dtype_arg(values["dtype"])
    if dtype is None and values["out"] is None:
        values["dtype"] = dtype = _dt.from_np(_fill_dtype(fill))
    np_dtype = result_dtype(dtype, values["out"], _fill_dtype(fill))
    return _filled("full", shape, scalar_to(fill, np_dtype), values)


_SCALAR_TENSOR = Overloads("scalar_tensor", f"(Number s, *, {_FACTORY})")


def scalar_tensor(*args, **kwargs):
    """``torch.scalar_tensor(s, *, dtype=None, …)``: a 0-d tensor holding ``s``, of the
    default float dtype whatever the number's kind (unlike :func:`full`).

    >>> import compat as torch
    >>> torch.scalar_tensor(3), torch.scalar_tensor(2.7, dtype=torch.int32)
    (tensor(3.), tensor(2, dtype=torch.int32))
    """
    _, values = _SCALAR_TENSOR.parse(args, kwargs)
    s = scalar_arg(values["s"])
    values["dtype"] = dtype_arg(values["dtype"])
    np_dtype = result_dtype(values["dtype"], None, _jd.default_float_dtype())
    return finish(np.asarray(scalar_to(s, np_dtype), np_dtype), values)


# ============================================================================ *_like
def _like_values(overloads, args, kwargs):
    _, values = overloads.parse(args, kwargs)
    return values["input"], _defaults_from(values["input"], values)


def _defaults_from(source, values):
    """``values`` with ``source``'s dtype and device where the call names none (the
    ``*_like`` functions and the ``Tensor.new_*`` methods)."""
    values["dtype"] = dtype_arg(values["dtype"]) or source.dtype
    if values["device"] is None:
        values["device"] = source.device
    return values


def fill_like(source, values, fill):
    """A ``*_like`` result, laid out as ``memory_format`` (default: preserve_format) makes a
    copy of ``source``; ``fill(shape, contiguous)`` gives the values in memory order, as
    torch's kernels write them (so a random draw like a transposed tensor is torch's draw;
    ``contiguous``: whether that memory is row-major, where torch's kernels differ)."""
    fmt = values.get("memory_format")
    shape = tuple(source.shape)
    layout = _strides.copy_layout(None if fmt is None else fmt.name, shape, source.stride())
    if layout is None:
        return finish(fill(shape, True), values)
    order = _strides.outer_first(layout[0])
    in_memory = np.asarray(fill(tuple(shape[d] for d in order),
                                _strides.is_contiguous(shape, layout[0])))
    out = finish(in_memory.transpose(np.argsort(order)), values)
    out._layout = layout
    return out


def _like(name, fill):
    overloads = Overloads(name, f"(Tensor input, *, {_LIKE})")

    def make(*args, **kwargs):
        source, values = _like_values(overloads, args, kwargs)
        return fill_like(source, values,
                         lambda shape, contiguous: np.full(shape, fill, values["dtype"].np))
    make.__name__ = make.__qualname__ = name
    return make


zeros_like = _like("zeros_like", 0)
ones_like = _like("ones_like", 1)
empty_like = _like("empty_like", 0)
zeros_like.__doc__ = """``torch.zeros_like(input, *, dtype=None, …)``: zeros of ``input``'s shape.

    >>> import compat as torch
    >>> torch.zeros_like(torch.ones(2, dtype=torch.int32))
    tensor([0, 0], dtype=torch.int32)
    """
ones_like.__doc__ = """``torch.ones_like(input, *, dtype=None, …)``: ones of ``input``'s shape.

    >>> import compat as torch
    >>> torch.ones_like(torch.zeros(2))
    tensor([1., 1.])
    """
empty_like.__doc__ = """``torch.empty_like(input, …)``: uninitialised in torch, zeros here.

    >>> import compat as torch
    >>> torch.empty_like(torch.ones(2, 3)).shape
    torch.Size([2, 3])
    """

_FULL_LIKE = Overloads("full_like", f"(Tensor input, Number fill_value, *, {_LIKE})")


def full_like(*args, **kwargs):
    """``torch.full_like(input, fill_value, *, dtype=None, …)``: ``fill_value`` in
    ``input``'s shape and dtype.

    >>> import compat as torch
    >>> torch.full_like(torch.zeros(2, dtype=torch.int64), 2.7)
    tensor([2, 2])
    """
    source, values = _like_values(_FULL_LIKE, args, kwargs)
    np_dtype = values["dtype"].np
    fill = scalar_to(scalar_arg(values["fill_value"]), np_dtype)
    return fill_like(source, values, lambda shape, contiguous: np.full(shape, fill, np_dtype))


# ============================================================================ ranges
_ARANGE = Overloads(
    "arange",
    f"(Number end, *, {_OUT_FACTORY})",
    f"(Number start, Number end, *, {_FACTORY})",
    f"(Number start, Number end, Number step = 1, *, {_OUT_FACTORY})")


_fmt = _args.format_number


def _c_int64(value: int) -> int:
    """Two's complement wrap-around of int64 arithmetic."""
    return (value + (1 << 63)) % (1 << 64) - (1 << 63)


def _c_div(a: int, b: int) -> int:
    """C's integer division (toward zero)."""
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b > 0) else -q


def _arange_size(start, end, step, np_dtype) -> tuple:
    """torch's ``compute_arange_size``: (size, start, step), the last two in the type the
    kernel accumulates in. The checks run in double; int64 counts exactly in int64."""
    d_start, d_end, d_step = (scalar_to(v, np.float64) for v in (start, end, step))
    if not (d_step > 0 or d_step < 0):
        raise RuntimeError("step must be nonzero")
    if not (math.isfinite(d_start) and math.isfinite(d_end)):
        raise RuntimeError(f"unsupported range: {_fmt(_real(start))} -> {_fmt(_real(end))}")
    if not ((d_step > 0 and d_end >= d_start) or (d_step < 0 and d_end <= d_start)):
        raise RuntimeError("upper bound and lower bound inconsistent with step sign")
    if _jd.category(np_dtype) == 1:
        x_start, x_end, x_step = (scalar_to(v, np.int64) for v in (start, end, step))
    else:
        acc = np.dtype(np.float32 if np_dtype.itemsize < 4 else np.float64)
        x_start, x_step = scalar_to(start, acc), scalar_to(step, acc)
    if np_dtype == np.int64:
        if x_step == 0:
            raise ValueError("step must be nonzero")
        sign = 1 if x_step > 0 else -1
        size = _c_div(_c_int64(_c_int64(_c_int64(x_end - x_start) + x_step) - sign), x_step)
    else:
        size = (d_end - d_start) / d_step
        size = math.ceil(size) if math.isfinite(size) else -1
    if not 0 <= size <= _INT64_MAX:
        raise RuntimeError("invalid size, possible overflow?")
    return size, x_start, x_step


def _real(x):
    return x.real if isinstance(x, builtins.complex) else x


def arange(*args, **kwargs):
    """``torch.arange(end)``, ``arange(start, end, step=1, *, dtype=None, …)``: int64 for
    integer bounds, the default float dtype otherwise; each value is ``start + i * step``
    computed as torch's CPU kernel does.

    >>> import compat as torch
    >>> torch.arange(3), torch.arange(0, 1, 0.25)
    (tensor([0, 1, 2]), tensor([0.0000, 0.2500, 0.5000, 0.7500]))
    """
    which, values = _ARANGE.parse(args, kwargs)
    start = scalar_arg(values["start"]) if which else 0
    end = scalar_arg(values["end"])
    step = scalar_arg(values["step"]) if which == 2 else 1
    out = values.get("out")
    values["dtype"] = dtype_arg(values["dtype"])
    check_out("arange", out, values["dtype"])
    integral = all(isinstance(v, builtins.int) for v in (start, end, step))
    np_dtype = result_dtype(values["dtype"], out,
                            _jd.int64 if integral else _jd.default_float_dtype())
    if _jd.category(np_dtype) in (0, 3):
        raise not_implemented("arange_cpu", np_dtype)
    size, x_start, x_step = _arange_size(start, end, step, np_dtype)
    check_shape((size,), np_dtype)
    acc = np.dtype(np.int64 if _jd.category(np_dtype) == 1 else
                   np.float32 if np_dtype.itemsize < 4 else np.float64)
    with np.errstate(over="ignore"):
        array = acc.type(x_start) + np.arange(size, dtype=np.int64).astype(acc) * acc.type(x_step)
    return finish(cast_array(array, np_dtype), values, out)


def _space_overloads(name, extra=""):
    return Overloads(name, *(f"({a} start, {b} end, int steps, {extra}*, {_OUT_FACTORY})"
                             for a, b in (("Tensor", "Tensor"), ("Number", "Tensor"),
                                          ("Tensor", "Number"), ("Number", "Number"))))


_LINSPACE = _space_overloads("linspace")
_LOGSPACE = _space_overloads("logspace", "float base = 10.0, ")


def _space_bound(obj, which, function):
    if _is_tensor(obj) and obj.dim() != 0:
        raise RuntimeError(f"{function} only supports 0-dimensional start and end tensors, but "
                           f"got {which} with {obj.dim()} dimension(s).")
    return scalar_arg(obj)


def _space_values(name, values):
    """(exponents/points in the result dtype, dtype): torch's linspace kernel, which fills
    the first half forwards from ``start`` and the second half backwards from ``end``."""
    start = _space_bound(values["start"], "start", name)
    end = _space_bound(values["end"], "end", name)
    steps = int_arg(values["steps"])
    if steps < 0:
        raise RuntimeError("number of steps must be non-negative")
    out = values["out"]
    values["dtype"] = dtype_arg(values["dtype"])
    check_out(name, out, values["dtype"])
    complex_bounds = any(isinstance(v, builtins.complex) for v in (start, end))
    np_dtype = result_dtype(values["dtype"], out,
                            _default_complex() if complex_bounds else _jd.default_float_dtype())
    check_shape((steps,), np_dtype)
    cat = _jd.category(np_dtype)
    if cat == 0:
        raise not_implemented(f"{name}_cpu", np_dtype)
    first, last = scalar_to(start, np_dtype), scalar_to(end, np_dtype)
    # the step is a double for int dtypes, else the dtype itself (half and bfloat16: float)
    step_dtype = np.dtype(np.float64) if cat == 1 else (
        np.dtype(np.float32) if np_dtype.itemsize < 4 else np_dtype)
    first, last = step_dtype.type(first), step_dtype.type(last)
    i = np.arange(steps, dtype=np.int64)
    with np.errstate(all="ignore"):
        step = (last - first) / step_dtype.type(steps - 1) if steps > 1 else step_dtype.type(0)
        points = np.where(i < steps // 2, first + step * i.astype(step_dtype),
                          last - step * (steps - 1 - i).astype(step_dtype))
    if steps == 1:
        points = np.full(1, first, step_dtype)
    return points.astype(step_dtype), np_dtype, out


def linspace(*args, **kwargs):
    """``torch.linspace(start, end, steps, *, dtype=None, …)``: ``steps`` points from
    ``start`` to ``end`` inclusive.

    >>> import compat as torch
    >>> torch.linspace(0, 1, 5)
    tensor([0.0000, 0.2500, 0.5000, 0.7500, 1.0000])
    """
    _, values = _LINSPACE.parse(args, kwargs)
    points, np_dtype, out = _space_values("linspace", values)
    return finish(cast_array(points, np_dtype), values, out)


def logspace(*args, **kwargs):
    """``torch.logspace(start, end, steps, base=10.0, *, dtype=None, …)``: ``base`` to the
    powers ``linspace(start, end, steps)``.

    >>> import compat as torch
    >>> torch.logspace(0, 2, 3)
    tensor([  1.,  10., 100.])
    """
    _, values = _LOGSPACE.parse(args, kwargs)
    base = double_arg(values["base"])
    exponents, np_dtype, out = _space_values("logspace", values)
    with np.errstate(all="ignore"):
        powers = np.power(np.complex128(base) if exponents.dtype.kind == "c" else np.float64(base),
                          exponents.astype(np.complex128 if exponents.dtype.kind == "c"
                                           else np.float64))
    return finish(cast_array(powers, np_dtype), values, out)


_EYE = Overloads("eye", f"(SymInt n, *, {_OUT_FACTORY})",
                 f"(SymInt n, SymInt m, *, {_OUT_FACTORY})")


def eye(*args, **kwargs):
    """``torch.eye(n, m=None, *, dtype=None, …)``: an identity matrix.

    >>> import compat as torch
    >>> torch.eye(2, 3, dtype=torch.int64)
    tensor([[1, 0, 0],
            [0, 1, 0]])
    """
    which, values = _EYE.parse(args, kwargs)
    n = int_arg(values["n"])
    m = int_arg(values["m"]) if which else n
    if n < 0:
        raise RuntimeError(f"n must be greater or equal to 0, got {n}")
    if m < 0:
        raise RuntimeError(f"m must be greater or equal to 0, got {m}")
    out = values["out"]
    values["dtype"] = dtype_arg(values["dtype"])
    check_out("eye", out, values["dtype"])
    np_dtype = result_dtype(values["dtype"], out, _jd.default_float_dtype())
    check_shape((n, m), np_dtype)
    return finish(np.eye(n, m, dtype=np_dtype), values, out)


# ============================================================================ Tensor.new_*
_NEW_TENSOR = Overloads("new_tensor", "(object data, *, torch.dtype dtype = None, "
                                      "torch.device device = None, bool requires_grad = False)")


def new_tensor(self, *args, **kwargs):
    """``Tensor.new_tensor(data, *, dtype=None, device=None, requires_grad=False)``: like
    :func:`tensor`, with ``self``'s dtype and device by default.

    >>> import compat as torch
    >>> new_tensor(torch.zeros(1, dtype=torch.int32), [1.5, 2])
    tensor([1, 2], dtype=torch.int32)
    """
    _, values = _NEW_TENSOR.parse(args, kwargs)
    data = values["data"]
    _warn_copy_construct(data, "tensor.new_tensor")
    _defaults_from(self, values)
    return finish(_data_to_numpy(data, values["dtype"]), values)


def _new_filled(name, fill):
    overloads = Overloads(name, f"(tuple of ints size, *, {_FACTORY})")

    def make(self, *args, **kwargs):
        _, values = overloads.parse(args, kwargs)
        shape = size_arg(values["size"], name)
        _defaults_from(self, values)
        return _filled(name, shape, fill, values)
    make.__name__ = make.__qualname__ = name
    make.__doc__ = f"""``Tensor.{name}(*size, *, dtype=None, …)``: ``self``'s dtype and device by
    default.

    >>> import compat as torch
    >>> {name}(torch.ones(1, dtype=torch.int64), 2).shape
    torch.Size([2])
    """
    return make


new_zeros = _new_filled("new_zeros", 0)
new_ones = _new_filled("new_ones", 1)
new_empty = _new_filled("new_empty", 0)
_NEW_FULL = Overloads("new_full", f"(tuple of ints size, Number fill_value, *, {_FACTORY})")


def new_full(self, *args, **kwargs):
    """``Tensor.new_full(size, fill_value, *, dtype=None, …)``: ``self``'s dtype and device
    by default.

    >>> import compat as torch
    >>> new_full(torch.ones(1, dtype=torch.int64), (2,), 2.5)
    tensor([2, 2])
    """
    _, values = _NEW_FULL.parse(args, kwargs)
    shape = size_arg(values["size"], "new_full")
    _defaults_from(self, values)
    fill = scalar_to(scalar_arg(values["fill_value"]), values["dtype"].np)
    return _filled("new_full", shape, fill, values)


# ============================================================================ torch.Tensor(...)
def legacy_tensor(cls, *args, dtype=None, **kwargs):
    """``torch.Tensor(data)`` or ``torch.Tensor(*sizes)``: the default float dtype, or
    ``dtype`` for the typed constructors (``torch.LongTensor(...)``).

    >>> import compat as torch
    >>> torch.Tensor([1, 2]), torch.Tensor(2, 3).shape
    (tensor([1., 2.]), torch.Size([2, 3]))
    """
    device = kwargs.pop("device", None)
    if kwargs:
        raise TypeError("new() received an invalid combination of arguments")
    dtype = dtype or _dt.from_np(_jd.default_float_dtype())
    if not args:
        return _finish(np.zeros(0, dtype.np), None, device, False, cls)
    if len(args) == 1 and not _is_index(args[0]):
        data = args[0]
        if _is_tensor(data):
            return data
        if isinstance(data, (str, bytes)):
            raise invalid_data_type(data)
        if not _is_sequence(data):
            raise TypeError(f"new(): data must be a sequence (got {type_name(data)})")
        return _finish(_data_to_numpy(data, dtype), None, device, False, cls)
    shape = size_arg(args, "new")
    check_shape(shape, dtype.np)
    return _finish(np.zeros(shape, dtype.np), None, device, False, cls)


def legacy_constructor(dtype):
    """``torch.FloatTensor``, ``torch.LongTensor``, …: :func:`legacy_tensor` for one dtype.

    >>> import compat as torch
    >>> legacy_constructor(torch.int64)([1.5, 2])
    tensor([1, 2])
    """
    def construct(*args, **kwargs):
        return legacy_tensor(None, *args, dtype=dtype, **kwargs)
    return construct
