"""The ``data.pkl`` of a torch zip file, written opcode by opcode (protocol 2, as torch.save).

Only what torch.load(``weights_only=True``) reads back is written: tensors and Parameters
(``torch._utils._rebuild_tensor_v2`` / ``_rebuild_parameter`` over storages named by
persistent ids), dtypes, ``torch.Size``, numbers, strings, None, and lists, tuples, dicts and
OrderedDicts (with a state dict's ``_metadata``) of them. numpy arrays and scalars are
written as numpy pickles them (torch.load then asks for ``add_safe_globals``, as for its own
files; compat.load reads them). Anything else — a Module, a set, an object of the user's
class — is written as ``pickle`` writes it (its class by name, then its state), as
torch.save does; what ``pickle`` cannot store (a lambda, a generator, a lock) raises
pickle's own error, before a byte is written. Such a file is what torch.load refuses with
``weights_only=True``, and compat.load refuses it likewise.

Tensors that share storage (views of one base, ``detach()`` aliases, the same tensor twice)
are written over one storage with their offsets and strides, as torch writes them.

>>> import compat as torch
>>> p = Pickler()
>>> data = p.dump({"w": torch.ones(2)})
>>> data[:2], [key for key, _ in p.storages]
(b'\\x80\\x02', ['0'])
"""
from __future__ import annotations

import copyreg
import io
import math
import pickle
import re
import struct
import sys
import types
from collections import OrderedDict

import jax.numpy as jnp
import numpy as np

from .. import dtypes as _dt
from ..size import Size
from ..tensors import Tensor
from .numpy_pickles import dtype_code
from .storages import STORAGE_DTYPES

__all__ = ["Pickler", "MAX_DEPTH"]

# Containers nested deeper than this (or one containing itself) are refused.
MAX_DEPTH = 128

_STORAGE_OF = {dtype: name for name, dtype in STORAGE_DTYPES.items()}
_MAX_LONG1_BYTES = 255      # torch's weights-only reader knows LONG1, not LONG4
_BATCH = 1000               # items per APPENDS / SETITEMS, as pickle batches them
# What pickle writes for an object it stores by reference (a class, a function), protocol 2.
_PLAIN_GLOBAL = re.compile(rb"\x80\x02c([^\n]*)\n([^\n]*)\nq\x00\.\Z")


def _contiguous_strides(shape):
    strides, step = [], 1
    for n in reversed(shape):
        strides.append(step)
        step *= max(n, 1)
    return tuple(reversed(strides))


def _strided_layout(positions):
    """(offset, strides) when ``positions`` (flat indices) form a strided view, else None."""
    shape = positions.shape
    if positions.size == 0:
        return 0, _contiguous_strides(shape)
    offset = int(positions.flat[0])
    strides = []
    for dim, n in enumerate(shape):
        if n == 1:
            strides.append(_contiguous_strides(shape)[dim])
            continue
        step = [0] * len(shape)
        step[dim] = 1
        strides.append(int(positions[tuple(step)]) - offset)
    if any(s < 0 for s in strides):
        return None
    rebuilt = np.zeros(shape, np.int64) + offset
    for dim, (n, s) in enumerate(zip(shape, strides)):
        along = [1] * len(shape)
        along[dim] = n
        rebuilt += (np.arange(n, dtype=np.int64) * s).reshape(along)
    return (offset, tuple(strides)) if np.array_equal(rebuilt, positions) else None


def _presented_as_torch(obj) -> bool:
    """Whether ``obj`` is one of compat's classes or functions, which carry torch's names
    (``torch.nn.modules.linear.Linear``): written under that name, as torch.save writes
    torch's own (pickle could not find it there: that module is torch's, or absent)."""
    module = getattr(obj, "__module__", None) or ""
    if not (module == "torch" or module.startswith("torch.")):
        return False
    found = sys.modules.get(module)
    return found is None or getattr(found, obj.__qualname__, None) is not obj


class Pickler:
    """Writes one object as a torch ``data.pkl``; :attr:`storages` then lists
    ``(key, flat numpy array)`` for each storage it references, in key order."""

    def __init__(self):
        self.storages = []
        self._out = io.BytesIO()
        self._memo = {}          # id(obj) -> memo index
        self._keep = []          # objects memoized by id: kept alive while writing
        self._open = set()       # ids of containers being written (a cycle is refused)
        self._storage_keys = {}  # id(base tensor) -> storage key

    def dump(self, obj) -> bytes:
        self._write(b"\x80\x02")
        self._save(obj, "obj", 0)
        self._write(b".")
        return self._out.getvalue()

    # ------------------------------------------------------------------ primitives
    def _write(self, data):
        self._out.write(data)

    def _put(self, obj):
        index = len(self._memo)
        self._memo[id(obj)] = index
        self._keep.append(obj)
        self._write(b"q" + bytes([index]) if index < 256 else b"r" + struct.pack("<I", index))

    def _get(self, obj):
        index = self._memo.get(id(obj))
        if index is None:
            return False
        self._write(b"h" + bytes([index]) if index < 256 else b"j" + struct.pack("<I", index))
        return True

    def _global(self, module, name):
        key = ("global", module, name)
        index = self._memo.get(key)
        if index is not None:
            self._write(b"h" + bytes([index]) if index < 256 else b"j" + struct.pack("<I", index))
            return
        self._write(b"c" + f"{module}\n{name}\n".encode())
        index = len(self._memo)
        self._memo[key] = index
        self._write(b"q" + bytes([index]) if index < 256 else b"r" + struct.pack("<I", index))

    def _int(self, value, where):
        if 0 <= value < 256:
            self._write(b"K" + bytes([value]))
        elif 0 <= value < 65536:
            self._write(b"M" + struct.pack("<H", value))
        elif -2 ** 31 <= value < 2 ** 31:
            self._write(b"J" + struct.pack("<i", value))
        else:
            data = value.to_bytes((value.bit_length() + 8) // 8, "little", signed=True)
            if len(data) > _MAX_LONG1_BYTES:
                raise TypeError(f"compat.save cannot store {where}: an integer of "
                                f"{value.bit_length()} bits (at most {8 * _MAX_LONG1_BYTES - 1} "
                                "are read back by torch.load)")
            self._write(b"\x8a" + bytes([len(data)]) + data)

    def _str(self, text):
        data = text.encode("utf-8", "surrogatepass")
        self._write(b"X" + struct.pack("<I", len(data)) + data)

    def _float(self, value):
        self._write(b"G" + struct.pack(">d", value))

    def _bytes(self, data):
        # protocol 2 has no bytes opcode: pickle writes _codecs.encode(latin-1 text)
        self._global("_codecs", "encode")
        self._str(data.decode("latin1"))
        self._str("latin1")
        self._write(b"\x86R")

    def _tuple_of_ints(self, values, where):
        self._write(b"(")
        for v in values:
            self._int(int(v), where)
        self._write(b"t")

    # ------------------------------------------------------------------ objects
    def _save(self, obj, where, depth):
        if obj is None:
            self._write(b"N")
        elif obj is True or obj is False:
            self._write(b"\x88" if obj else b"\x89")
        elif type(obj) is int:
            self._int(obj, where)
        elif type(obj) is float:
            self._float(obj)
        elif type(obj) is str:
            self._str(obj)
        elif isinstance(obj, Tensor):
            self._tensor(obj, where)
        elif isinstance(obj, _dt.dtype):
            self._global("torch", obj.name)
        elif type(obj) is complex:
            self._global("__builtin__", "complex")
            self._float(obj.real)
            self._float(obj.imag)
            self._write(b"\x86R")
        elif isinstance(obj, Size):
            self._global("torch", "Size")
            self._tuple_of_ints(obj, where)
            self._write(b"\x85R")
        elif isinstance(obj, np.ndarray) and obj.dtype.kind in "biufc":
            self._ndarray(obj, where)
        elif isinstance(obj, np.generic) and obj.dtype.kind in "biufc":
            self._numpy_scalar(obj)
        elif isinstance(obj, (int, float, str)):
            # subclasses (an IntEnum, a str subclass): their plain value, as torch reads it
            self._save(next(kind for kind in (int, float, str) if isinstance(obj, kind))(obj),
                       where, depth)
        elif type(obj) in (list, tuple, dict, OrderedDict):
            self._container(obj, where, depth)
        elif type(obj) is bytes:
            self._bytes(obj)
        else:
            self._reduced(obj, where, depth)

    def _container(self, obj, where, depth):
        if depth >= MAX_DEPTH or id(obj) in self._open:
            raise RecursionError(f"compat.save cannot store {where}: containers nested more "
                                 f"than {MAX_DEPTH} deep (or one that contains itself)")
        if self._get(obj):
            return
        self._open.add(id(obj))
        try:
            if type(obj) is list:
                self._write(b"]")
                self._put(obj)
                self._batched(((v, f"{where}[{i}]") for i, v in enumerate(obj)), b"e", depth)
            elif type(obj) is tuple:
                self._write(b"(")
                for i, v in enumerate(obj):
                    self._save(v, f"{where}[{i}]", depth + 1)
                self._write(b"t")
                self._put(obj)
            else:
                self._dict(obj, where, depth)
        finally:
            self._open.discard(id(obj))

    def _batched(self, items, opcode, depth):
        items = list(items)
        for start in range(0, len(items), _BATCH):
            self._write(b"(")
            for value, where in items[start:start + _BATCH]:
                self._save(value, where, depth + 1)
            self._write(opcode)

    def _dict(self, obj, where, depth):
        if type(obj) is OrderedDict:
            self._global("collections", "OrderedDict")
            self._write(b")R")
        else:
            self._write(b"}")
        self._put(obj)
        pairs = [(k, v, f"{where}[{k!r}]") for k, v in obj.items()]
        for start in range(0, len(pairs), _BATCH):
            self._write(b"(")
            for k, v, at in pairs[start:start + _BATCH]:
                self._save(k, where, depth + 1)
                self._save(v, at, depth + 1)
            self._write(b"u")
        metadata = getattr(obj, "_metadata", None)
        if type(obj) is OrderedDict and metadata is not None:
            self._write(b"}")
            self._str("_metadata")
            self._save(metadata, f"{where}._metadata", depth + 1)
            self._write(b"sb")

    # ------------------------------------------------------------------ other objects
    def _reduced(self, obj, where, depth):
        """Any other object, as pickle (protocol 2) writes it: a class or function by its
        name, anything else by its ``__reduce_ex__`` (its class, then its state). What pickle
        refuses raises pickle's own error."""
        if depth >= MAX_DEPTH:
            raise RecursionError(f"compat.save cannot store {where}: containers nested more "
                                 f"than {MAX_DEPTH} deep (or one that contains itself)")
        if self._get(obj):
            return
        if isinstance(obj, (type, types.FunctionType, types.BuiltinFunctionType)):
            self._by_name(obj, where, depth)
            return
        reduce = copyreg.dispatch_table.get(type(obj))
        rv = reduce(obj) if reduce is not None else obj.__reduce_ex__(2)
        if isinstance(rv, str):
            self._by_name(obj, where, depth)
            return
        func, args, state, items, pairs = (tuple(rv) + (None,) * 5)[:5]
        if getattr(func, "__name__", "") == "__newobj__":
            self._save(args[0], where, depth + 1)
            self._save(tuple(args[1:]), where, depth + 1)
            self._write(b"\x81")
        else:
            self._save(func, where, depth + 1)
            self._save(tuple(args), where, depth + 1)
            self._write(b"R")
        self._put(obj)
        if items is not None:
            self._batched(((v, f"{where}[{i}]") for i, v in enumerate(items)), b"e", depth)
        if pairs is not None:
            for k, v in pairs:
                self._write(b"(")
                self._save(k, where, depth + 1)
                self._save(v, f"{where}[{k!r}]", depth + 1)
                self._write(b"u")
        if state is not None:
            self._save(state, f"{where}.__dict__", depth + 1)
            self._write(b"b")

    def _by_name(self, obj, where, depth):
        # pickle itself decides whether the name leads back to the object (a lambda, a local
        # class: its AttributeError); a nested class is getattr(outer, name), as pickle has it.
        if _presented_as_torch(obj):
            self._global(obj.__module__, obj.__qualname__)
            return
        data = pickle.dumps(obj, protocol=2)
        plain = _PLAIN_GLOBAL.match(data)
        if plain:
            self._global(plain.group(1).decode(), plain.group(2).decode())
            return
        outer, _, name = obj.__qualname__.rpartition(".")
        parent = sys.modules[obj.__module__]   # pickle.dumps has just found it there
        for part in outer.split("."):
            parent = getattr(parent, part)
        self._global("__builtin__", "getattr")
        self._save(parent, where, depth + 1)
        self._str(name)
        self._write(b"\x86R")
        self._put(obj)

    # ------------------------------------------------------------------ tensors
    def _tensor(self, t, where):
        if self._get(t):
            return
        if t.dtype.name not in _STORAGE_OF:
            raise TypeError(f"compat.save cannot store {where}: a tensor of dtype {t.dtype}")
        parameter = getattr(t, "_is_parameter", False)
        if parameter:
            self._global("torch._utils", "_rebuild_parameter")
            self._write(b"(")
        self._global("torch._utils", "_rebuild_tensor_v2")
        key, numel, offset, strides = self._storage(t)
        self._write(b"((")
        self._str("storage")
        self._global("torch", _STORAGE_OF[t.dtype.name])
        self._str(key)
        self._str("cpu")
        self._int(numel, where)
        self._write(b"tQ")
        self._int(offset, where)
        self._tuple_of_ints(t.shape, where)
        self._tuple_of_ints(strides, where)
        self._write(b"\x88" if t.requires_grad and not parameter else b"\x89")
        self._global("collections", "OrderedDict")
        self._write(b")R")
        self._write(b"tR")
        if parameter:
            self._write(b"\x88" if t.requires_grad else b"\x89")
            self._global("collections", "OrderedDict")
            self._write(b")Rt")
            self._write(b"R")
        self._put(t)

    def _storage(self, t):
        """(key, element count, offset, strides) of the storage ``t`` is written over."""
        base = t._base if t._base is not None else t
        layout = None
        if base is not t and base.dtype is t.dtype:
            count = math.prod(base._data.shape)
            positions = jnp.arange(count, dtype=jnp.int64).reshape(base._data.shape)
            if t._view is not None:
                positions = t._view(positions)
            layout = _strided_layout(np.asarray(positions))
        if layout is None:
            base, layout = t, (0, _contiguous_strides(tuple(t.shape)))
        key = self._storage_keys.get(id(base))
        if key is None:
            key = self._storage_keys[id(base)] = str(len(self.storages))
            self._keep.append(base)
            self.storages.append((key, np.ascontiguousarray(np.asarray(base._value)).reshape(-1)))
        numel = math.prod(base._data.shape)
        return key, numel, layout[0], layout[1]

    # ------------------------------------------------------------------ numpy
    def _numpy_dtype(self, dtype):
        self._global("numpy", "dtype")
        self._str(dtype_code(dtype))
        self._write(b"\x89\x88\x87R(")
        self._int(3, "dtype")
        self._str("|" if dtype.byteorder == "|" else "<" if dtype.itemsize > 1 else "|")
        self._write(b"NNN")
        self._int(-1, "dtype")
        self._int(-1, "dtype")
        self._int(0, "dtype")
        self._write(b"tb")

    def _ndarray(self, array, where):
        if self._get(array):
            return
        array = array.astype(array.dtype.newbyteorder("<"), copy=False)
        self._global("numpy._core.multiarray", "_reconstruct")
        self._global("numpy", "ndarray")
        self._int(0, where)
        self._write(b"\x85")
        self._bytes(b"b")
        self._write(b"\x87R(")
        self._int(1, where)
        self._tuple_of_ints(array.shape, where)
        self._numpy_dtype(array.dtype)
        self._write(b"\x89")
        self._bytes(np.ascontiguousarray(array).tobytes())
        self._write(b"tb")
        self._put(array)

    def _numpy_scalar(self, value):
        value = np.asarray(value)
        value = value.astype(value.dtype.newbyteorder("<"), copy=False)
        self._global("numpy._core.multiarray", "scalar")
        self._numpy_dtype(value.dtype)
        self._bytes(value.tobytes())
        self._write(b"\x86R")
