"""numpy arrays, scalars and dtypes inside a torch pickle, rebuilt as plain data.

``pickle`` writes a numpy array as ``numpy._core.multiarray._reconstruct(ndarray, (0,), b'b')``
then ``BUILD (version, shape, dtype, is_fortran, raw bytes)``, and a dtype as
``numpy.dtype('f4', False, True)`` then ``BUILD (3, '<', …)``; numpy rebuilds them by calling
those functions. Here they are placeholders that check each field and build the array from
its bytes: only bool and numeric dtypes, sizes that match the bytes, nothing called.

torch.load (``weights_only=True``) refuses these names unless they are added with
``torch.serialization.add_safe_globals``; compat.load reads them, as data, so that numeric
numpy arrays in a checkpoint round trip through compat.save.

>>> import io, pickle
>>> import numpy as np
>>> import compat
>>> buffer = io.BytesIO()
>>> compat.save({"a": np.arange(3, dtype=np.int16)}, buffer)
>>> _ = buffer.seek(0)
>>> compat.load(buffer)
{'a': array([0, 1, 2], dtype=int16)}
"""
from __future__ import annotations

import math

import numpy as np

from .errors import Refusal
from .storages import Placeholder
from .unpickler import Buildable, Reducible

__all__ = ["NUMPY_GLOBALS", "dtype_code"]

# The dtype codes numpy pickles bool and numeric dtypes with ('f4', 'i8', 'b1', …).
_CODES = frozenset(np.dtype(name).str[1:] for name in (
    "bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
    "float16", "float32", "float64", "complex64", "complex128"))
_BYTE_ORDERS = frozenset("<>|=")


def dtype_code(dtype) -> str:
    """The code ``numpy.dtype(code, False, True)`` is pickled with, for a numeric dtype."""
    return dtype.str[1:]


class _Dtype(Placeholder, Buildable):
    """``numpy.dtype(code, align, copy)``, its byte order set by ``BUILD``."""

    def __init__(self, code):
        if code not in _CODES:
            raise Refusal(f"a numpy dtype {code!r:.40} (only bool and numeric dtypes are read)")
        self.dtype = np.dtype(code)

    def build(self, state):
        if not (type(state) is tuple and len(state) >= 2 and state[1] in _BYTE_ORDERS):
            raise Refusal(f"a numpy dtype state {state!r:.80}")
        order = state[1]
        self.dtype = self.dtype.newbyteorder("=" if order == "|" else order)

    def value(self, resolver):
        return self.dtype


class _Array(Placeholder, Buildable):
    """``_reconstruct(ndarray, (0,), b'b')``: an array that ``BUILD`` fills."""

    def __init__(self):
        self.array = None

    def build(self, state):
        if not (type(state) is tuple and len(state) == 5):
            raise Refusal(f"a numpy array state of {type(state).__name__}")
        _, shape, dtype, fortran, data = state
        if not (type(shape) is tuple and all(type(n) is int and n >= 0 for n in shape)):
            raise Refusal(f"a numpy array of shape {shape!r:.80}")
        if not isinstance(dtype, _Dtype) or type(fortran) is not bool:
            raise Refusal("a numpy array without a numeric dtype")
        if type(data) is str:       # protocol 0/1 text, as numpy's own loader accepts
            data = data.encode("latin1")
        if type(data) not in (bytes, bytearray):
            raise Refusal(f"a numpy array whose data is {type(data).__name__}")
        expected = math.prod(shape) * dtype.dtype.itemsize
        if len(data) != expected:
            raise Refusal(f"a numpy array of shape {shape} and dtype {dtype.dtype} with "
                          f"{len(data)} bytes of data ({expected} expected)")
        array = np.frombuffer(bytes(data), dtype.dtype).reshape(shape,
                                                                order="F" if fortran else "C")
        self.array = array.astype(dtype.dtype.newbyteorder("="))

    def value(self, resolver):
        if self.array is None:
            raise Refusal("a numpy array that was never filled")
        return self.array


class _DtypeClass(Reducible):
    name = "numpy.dtype"

    def reduce(self, args):
        if not (1 <= len(args) <= 3 and type(args[0]) is str):
            raise Refusal(f"numpy.dtype arguments {args!r:.80}")
        return _Dtype(args[0])


class _Reconstruct(Reducible):
    name = "numpy._core.multiarray._reconstruct"

    def reduce(self, args):
        if not (len(args) == 3 and args[0] is _NDARRAY):
            raise Refusal(f"_reconstruct arguments {args!r:.80}")
        return _Array()


class _Scalar(Reducible):
    name = "numpy._core.multiarray.scalar"

    def reduce(self, args):
        if not (len(args) == 2 and isinstance(args[0], _Dtype)
                and type(args[1]) in (bytes, str)):
            raise Refusal(f"numpy scalar arguments {args!r:.80}")
        dtype, data = args[0].dtype, args[1]
        data = data.encode("latin1") if type(data) is str else data
        if len(data) != dtype.itemsize:
            raise Refusal(f"a numpy {dtype} scalar of {len(data)} bytes")
        return np.frombuffer(data, dtype).astype(dtype.newbyteorder("="))[0]


class _Ndarray(Reducible):
    name = "numpy.ndarray"


_NDARRAY = _Ndarray()

# What each numpy name in a pickle stands for (numpy 2 writes numpy._core, numpy 1 numpy.core).
NUMPY_GLOBALS = {
    "numpy.ndarray": _NDARRAY,
    "numpy.dtype": _DtypeClass(),
    "numpy._core.multiarray._reconstruct": _Reconstruct(),
    "numpy.core.multiarray._reconstruct": _Reconstruct(),
    "numpy._core.multiarray.scalar": _Scalar(),
    "numpy.core.multiarray.scalar": _Scalar(),
}
