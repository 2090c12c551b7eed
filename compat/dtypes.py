"""torch's dtype objects (``torch.float32`` …) and their numpy/JAX counterparts.

>>> import compat as torch
>>> torch.float is torch.float32, repr(torch.long)
(True, 'torch.int64')
"""
from __future__ import annotations

import builtins

import jax.numpy as jnp
import numpy as np

from jaxgrad import dtypes as _jd


class dtype:
    """A tensor element type; ``repr`` and attributes as torch's."""

    __slots__ = ("name", "np", "is_floating_point", "is_complex", "is_signed", "itemsize")

    def __init__(self, name, np_dtype):
        self.name = name
        self.np = np.dtype(np_dtype)
        cat = _jd.category(self.np)
        self.is_floating_point = cat == 2
        self.is_complex = cat == 3
        self.is_signed = self.np.kind in "fic" or self.np == _jd.bfloat16
        self.itemsize = self.np.itemsize

    def __repr__(self):
        return f"torch.{self.name}"

    def to_complex(self):
        return {float32: complex64, float64: complex128}.get(self, self)

    def to_real(self):
        return {complex64: float32, complex128: float64}.get(self, self)

    def __reduce__(self):
        # Pickled (and deep-copied) by name, so each dtype stays a singleton.
        return self.name


float16 = half = dtype("float16", jnp.float16)
bfloat16 = dtype("bfloat16", jnp.bfloat16)
float32 = float = dtype("float32", np.float32)
float64 = double = dtype("float64", np.float64)
complex64 = cfloat = dtype("complex64", np.complex64)
complex128 = cdouble = dtype("complex128", np.complex128)
uint8 = dtype("uint8", np.uint8)
int8 = dtype("int8", np.int8)
int16 = short = dtype("int16", np.int16)
int32 = int = dtype("int32", np.int32)
int64 = long = dtype("int64", np.int64)
bool = dtype("bool", np.bool_)

ALL = (float16, bfloat16, float32, float64, complex64, complex128, uint8, int8, int16, int32,
       int64, bool)
_BY_NP = {d.np: d for d in ALL}


class _Named:
    """A torch enum value that prints as ``torch.<name>``."""

    __slots__ = ("name",)

    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return f"torch.{self.name}"

    def __reduce__(self):
        return self.name


class layout(_Named):
    """``torch.layout``: every compat tensor is strided."""


class memory_format(_Named):
    """``torch.memory_format``: the layout a copy takes (tensors carry torch's strides as
    metadata; jax arrays themselves have none)."""


strided, sparse_coo = layout("strided"), layout("sparse_coo")
contiguous_format, preserve_format = memory_format("contiguous_format"), memory_format("preserve_format")
channels_last, channels_last_3d = memory_format("channels_last"), memory_format("channels_last_3d")


def unsupported_scalar_type(name) -> TypeError:
    """torch's error for a dtype (by torch's C++ name) it cannot convert."""
    return TypeError(f"Got unsupported ScalarType {name}")


def from_np(np_dtype) -> dtype:
    """The compat dtype of a numpy/JAX dtype."""
    try:
        return _BY_NP[np.dtype(np_dtype)]
    except KeyError:
        raise unsupported_scalar_type(np.dtype(np_dtype)) from None


def to_np(d) -> np.dtype:
    """The numpy dtype of a compat dtype, a Python type (float/int/bool) or a numpy dtype."""
    if type(d) is dtype:
        return d.np
    if d is builtins.float:
        return _jd.default_float_dtype()
    if d is builtins.int:
        return _jd.int64
    if d is builtins.bool:
        return _jd.bool_
    if d is builtins.complex:
        return np.dtype(np.complex64)
    return np.dtype(d)


def get_default_dtype() -> dtype:
    """``torch.get_default_dtype``: float32 unless changed."""
    return from_np(_jd.default_float_dtype())


def set_default_dtype(d) -> None:
    """``torch.set_default_dtype``: the dtype of Python floats and new float tensors."""
    _jd.set_default_float_dtype(d.np if type(d) is dtype else None)  # None: refused there
    from . import dispatch  # lazy: the dispatch point imports this module
    dispatch.clear_caches()  # ops read the default while tracing


def is_floating_point(t) -> builtins.bool:
    return t.dtype.is_floating_point


class finfo:
    """``torch.finfo`` for float dtypes."""

    def __init__(self, type=None):
        info = np.finfo((type or get_default_dtype()).np)
        self.bits, self.eps = info.bits, builtins.float(info.eps)
        self.max, self.min = builtins.float(info.max), builtins.float(info.min)
        self.tiny = self.smallest_normal = builtins.float(info.tiny)
        self.resolution = builtins.float(info.resolution)
        self.dtype = str((type or get_default_dtype()).name)


class iinfo:
    """``torch.iinfo`` for integer dtypes."""

    def __init__(self, type):
        info = np.iinfo(type.np)
        self.bits, self.max, self.min = info.bits, builtins.int(info.max), builtins.int(info.min)
        self.dtype = type.name
