"""From what a torch pickle describes (storages, and tensors as offset/size/stride over them)
to compat Tensors.

While a pickle is read, its tensors are placeholders (:class:`TensorRecipe`,
:class:`ParameterRecipe`): in torch's older format the storages' bytes come after the pickle,
and jax arrays cannot be filled in later. :class:`Resolver` then reads each storage once,
checks every tensor against it, and replaces the placeholders in the loaded structure.
Tensors that share a storage come back sharing it (views of one base, as in torch: a write
through one is seen by the others); a storage used by one tensor gives an ordinary tensor.

>>> import numpy as np
>>> from compat import float32
>>> ref = StorageRef("0", float32, "cpu", 4)
>>> a = TensorRecipe(ref, 1, (2,), (1,), False)
>>> b = TensorRecipe(ref, 0, (2, 2), (1, 2), False)
>>> raw = {"0": np.arange(4, dtype="<f4").view(np.uint8)}
>>> out = Resolver(raw.__getitem__, "little", Placement(None)).resolve([a, b])
>>> out[0]
tensor([1., 2.])
>>> out[1]
tensor([[0., 2.],
        [1., 3.]])
"""
from __future__ import annotations

import math
import sys
from collections import Counter, OrderedDict

import numpy as np

from .. import devices as _devices
from .. import dtypes as _dt
from .. import views as _views
from ..nn.parameter import Parameter
from ..tensors import Tensor
from .errors import LoadError, Refusal, cannot_require_grad, nested_too_deep

__all__ = ["StorageType", "StorageRef", "TensorRecipe", "ParameterRecipe", "Placeholder",
           "Placement", "Resolver", "STORAGE_DTYPES"]

# torch's storage classes (``torch.<Name>Storage``; ``torch.cuda.<Name>Storage`` alike): the
# dtype each holds. Quantized storages have no compat dtype.
STORAGE_DTYPES = {
    "DoubleStorage": "float64", "FloatStorage": "float32", "HalfStorage": "float16",
    "BFloat16Storage": "bfloat16", "LongStorage": "int64", "IntStorage": "int32",
    "ShortStorage": "int16", "CharStorage": "int8", "ByteStorage": "uint8",
    "BoolStorage": "bool", "ComplexDoubleStorage": "complex128",
    "ComplexFloatStorage": "complex64"}

# A tensor whose elements overlap (stride 0, as an expand()-ed one) holds more elements than
# its storage; compat materializes them, so a forged file could ask for any amount of
# memory. Beyond this many elements, such a tensor is refused.
_MAX_OVERLAP_ELEMENTS = 1 << 24

# Containers nested deeper than this are refused (the placeholders are replaced by a
# recursive walk, two frames per level, which must stay inside Python's recursion limit).
_MAX_DEPTH = 256


class StorageType:
    """``torch.FloatStorage`` & co. (``dtype`` is a compat dtype), or
    ``torch.storage.UntypedStorage`` (``dtype`` None: bytes)."""

    def __init__(self, name, dtype):
        self.name, self.dtype = name, dtype

    def __repr__(self):
        return self.name


def _is_int(value):
    return type(value) is int


class StorageRef:
    """One storage of the file: its key, element dtype (uint8 for untyped storages: bytes),
    location tag and element count. Its bytes are read by the :class:`Resolver`."""

    __slots__ = ("key", "dtype", "location", "numel")

    def __init__(self, key, dtype, location, numel):
        self.key, self.dtype, self.location, self.numel = key, dtype, location, numel

    @classmethod
    def checked(cls, storage_type, key, location, numel):
        """A StorageRef from the fields of a ``('storage', …)`` persistent id."""
        if not isinstance(storage_type, StorageType):
            raise Refusal(f"a storage of type {type(storage_type).__name__}, not a torch storage "
                          "class")
        if type(key) is not str or type(location) is not str:
            raise Refusal("a storage whose key or location is not a string")
        if not _is_int(numel) or numel < 0:
            raise Refusal(f"a storage of {numel!r:.40} elements")
        return cls(key, storage_type.dtype or _dt.uint8, location, numel)

    @property
    def nbytes(self):
        return self.numel * self.dtype.itemsize


class Placeholder:
    """An object of the pickle that becomes its value once storages are read."""

    def value(self, resolver):
        raise NotImplementedError


class TensorRecipe(Placeholder):
    """``torch._utils._rebuild_tensor_v2``'s arguments, checked against the storage."""

    def __init__(self, storage, offset, size, stride, requires_grad, dtype=None,
                 bits=frozenset()):
        if not isinstance(storage, StorageRef):
            raise Refusal(f"a tensor rebuilt from {type(storage).__name__}, not a storage")
        if not (_is_int(offset) and offset >= 0):
            raise Refusal(f"a tensor at storage offset {offset!r:.40}")
        if not (type(size) in (tuple, list) and type(stride) in (tuple, list)
                and len(size) == len(stride) and all(_is_int(s) and s >= 0 for s in size)
                and all(_is_int(s) and s >= 0 for s in stride)):
            raise Refusal(f"a tensor of size {size!r:.80} and stride {stride!r:.80}")
        if type(requires_grad) is not bool:
            raise Refusal(f"a tensor whose requires_grad is {requires_grad!r:.40}")
        dtype = storage.dtype if dtype is None else dtype
        if not isinstance(dtype, _dt.dtype):
            raise Refusal(f"a tensor of dtype {dtype!r:.40}")
        if requires_grad and not (dtype.is_floating_point or dtype.is_complex):
            raise LoadError(cannot_require_grad(dtype))
        elements = storage.nbytes // dtype.itemsize
        count = math.prod(size)
        if count and offset + sum((n - 1) * s for n, s in zip(size, stride)) >= elements:
            raise LoadError(f"a tensor of size {tuple(size)}, stride {tuple(stride)} and storage "
                            f"offset {offset} reaches beyond its storage of {elements} elements "
                            "(corrupted file)")
        if count > max(elements, _MAX_OVERLAP_ELEMENTS):
            raise LoadError(f"a tensor of size {tuple(size)} over a storage of {elements} "
                            f"elements: more than {_MAX_OVERLAP_ELEMENTS} overlapping elements are "
                            "not materialized")
        self.storage, self.offset, self.dtype = storage, offset, dtype
        self.size, self.stride = tuple(size), tuple(stride)
        self.requires_grad, self.bits = requires_grad, bits

    def positions(self):
        """The storage index (in elements of ``dtype``) of each element."""
        index = np.zeros(self.size, np.int64) + self.offset
        for dim, stride in enumerate(self.stride):
            shape = [1] * len(self.size)
            shape[dim] = self.size[dim]
            index += (np.arange(self.size[dim], dtype=np.int64) * stride).reshape(shape)
        return index

    def contiguous(self):
        """Whether the elements are the storage's, in order, from ``offset`` on (most
        tensors of a file): then no index is computed."""
        expected = 1
        for n, s in reversed(list(zip(self.size, self.stride))):
            if n != 1 and s != expected:
                return False
            expected *= n
        return True

    def values(self, flat):
        """This tensor's elements read from its storage's ``flat`` elements (a copy)."""
        count = math.prod(self.size)
        if self.contiguous():
            out = flat[self.offset:self.offset + count].reshape(self.size)
        elif count == 0:
            out = np.empty(self.size, flat.dtype)
        else:
            # bounds were checked against the storage when the recipe was made
            out = np.array(np.lib.stride_tricks.as_strided(
                flat[self.offset:], self.size, [s * flat.itemsize for s in self.stride],
                writeable=False))
        if "conj" in self.bits:
            out = np.conj(out)
        if "neg" in self.bits:
            out = np.negative(out)
        return out

    def value(self, resolver):
        return resolver.tensor(self)


class ParameterRecipe(Placeholder):
    """``torch.nn.Parameter(data, requires_grad)`` of a tensor placeholder."""

    def __init__(self, data, requires_grad=True):
        if not isinstance(data, TensorRecipe):
            raise Refusal(f"a Parameter of {type(data).__name__}, not of a tensor")
        if type(requires_grad) is not bool:
            raise Refusal(f"a Parameter whose requires_grad is {requires_grad!r:.40}")
        if requires_grad and not (data.dtype.is_floating_point or data.dtype.is_complex):
            raise LoadError(cannot_require_grad(data.dtype, "Parameter"))
        self.data, self.requires_grad = data, requires_grad

    def value(self, resolver):
        # compat Parameters hold their own array: no storage is shared with them.
        return Parameter(resolver.tensor(self.data, share=False),
                         requires_grad=self.requires_grad)


# ------------------------------------------------------------------------- placement

class LoadedStorage:
    """What a callable ``map_location`` receives: a storage read on the CPU. Returning it
    keeps it there; ``.cuda(i)`` / ``.to(device)`` / ``.cpu()`` choose another device."""

    def __init__(self, ref, location="cpu"):
        self.dtype, self._ref, self.location = ref.dtype, ref, location

    @property
    def device(self):
        return _devices.device(self.location)

    def nbytes(self):
        return self._ref.nbytes

    def size(self):
        return self._ref.numel

    def cpu(self):
        return LoadedStorage(self._ref, "cpu")

    def cuda(self, device=None, non_blocking=False):
        index = device.index if isinstance(device, _devices.device) else device
        return LoadedStorage(self._ref, "cuda" if index is None else f"cuda:{int(index)}")

    def to(self, device, non_blocking=False):
        return LoadedStorage(self._ref, str(_devices.device(device)))


class Placement:
    """The device each storage goes to, from its location tag and ``map_location`` (None, a
    device or its name, a dict of tags, or a callable), as torch.load decides it."""

    def __init__(self, map_location):
        if not (map_location is None or callable(map_location)
                or isinstance(map_location, (str, bytes, dict, _devices.device))):
            raise TypeError(f"map_location should be a device, a string, a dict or a callable, "
                            f"not {type(map_location).__name__}")
        self.map_location = map_location

    def location(self, ref):
        where, tag = self.map_location, ref.location
        if where is None:
            return tag
        if isinstance(where, bytes):
            return where.decode("ascii")
        if isinstance(where, (str, _devices.device)):
            return str(where)
        if isinstance(where, dict):
            return str(where.get(tag, tag))
        chosen = where(LoadedStorage(ref), tag)
        if chosen is None:
            return tag
        if isinstance(chosen, LoadedStorage):
            return chosen.location
        raise LoadError(f"map_location returned {type(chosen).__name__}; compat.load expects "
                        "the storage it was given (optionally moved with .cpu(), .cuda() or "
                        ".to()) or None")

    def device(self, ref):
        """The compat device for ``ref``, with torch's errors for unknown or absent ones."""
        tag = self.location(ref)
        if tag == "cpu":
            return _devices.device("cpu")
        if tag.startswith("cuda"):
            target = _devices.device(tag)
            if not _devices.cuda_available():
                raise RuntimeError("Attempting to deserialize object on a CUDA device but "
                                   "torch.cuda.is_available() is False. If you are running on a "
                                   "CPU-only machine, please use torch.load with "
                                   "map_location=torch.device('cpu') to map your storages to "
                                   "the CPU.")
            count = len(_devices._gpus())
            if (target.index or 0) >= count:
                raise RuntimeError(f"Attempting to deserialize object on CUDA device "
                                   f"{target.index} but torch.cuda.device_count() is {count}. "
                                   "Please use torch.load with map_location to map your "
                                   "storages to an existing device.")
            return target
        raise RuntimeError("don't know how to restore data location of "
                           f"torch.storage.UntypedStorage (tagged with {tag})")


# ------------------------------------------------------------------------- resolution

class Resolver:
    """Replaces the placeholders of a loaded structure by compat values.

    ``read(key)`` returns a storage's raw bytes (a uint8 array) in the file's ``byteorder``
    ("little" or "big"); ``placement`` puts each storage on its device.
    """

    def __init__(self, read, byteorder, placement):
        self.read, self.byteorder, self.placement = read, byteorder, placement
        self._elements = {}    # (key, dtype name) -> numpy array of the storage's elements
        self._bases = {}       # key -> the Tensor over a storage several tensors share
        self._tensors = {}     # id(recipe) -> Tensor (a placeholder reached twice is one value)
        self._sharing = Counter()

    def resolve(self, obj):
        """``obj`` with every placeholder replaced by its value (containers rebuilt)."""
        try:
            self._count_sharing(obj, 0, set())
            return self._walk(obj, 0, {})
        except RecursionError:      # the limit above, reached from an already deep stack
            raise LoadError(nested_too_deep(_MAX_DEPTH)) from None

    # -- the structure
    def _count_sharing(self, obj, depth, seen):
        if depth > _MAX_DEPTH:
            raise LoadError(nested_too_deep(_MAX_DEPTH))
        if id(obj) in seen:
            return
        if isinstance(obj, TensorRecipe):
            seen.add(id(obj))
            self._sharing[(obj.storage.key, obj.dtype.name)] += 1
        elif isinstance(obj, (list, tuple, set)):
            seen.add(id(obj))
            for item in obj:
                self._count_sharing(item, depth + 1, seen)
        elif isinstance(obj, dict):
            seen.add(id(obj))
            for key, item in obj.items():
                self._count_sharing(key, depth + 1, seen)
                self._count_sharing(item, depth + 1, seen)
            self._count_sharing(obj.__dict__ if type(obj) is OrderedDict else None, depth + 1,
                                seen)

    def _walk(self, obj, depth, done):
        if depth > _MAX_DEPTH:
            raise LoadError(nested_too_deep(_MAX_DEPTH))
        if id(obj) in done:
            return done[id(obj)]
        if isinstance(obj, Placeholder):
            out = obj.value(self)
        elif type(obj) is list:
            done[id(obj)] = obj          # before the items: a list may contain itself
            obj[:] = [self._walk(v, depth + 1, done) for v in obj]
            return obj
        elif type(obj) is tuple:
            out = tuple(self._walk(v, depth + 1, done) for v in obj)
        elif type(obj) is set:
            out = {self._walk(v, depth + 1, done) for v in obj}
        elif type(obj) in (dict, OrderedDict, Counter):
            done[id(obj)] = obj
            items = [(self._walk(k, depth + 1, done), self._walk(v, depth + 1, done))
                     for k, v in obj.items()]
            obj.clear()
            obj.update(items)
            if type(obj) is OrderedDict:     # a state dict's _metadata
                for name, v in list(obj.__dict__.items()):
                    obj.__dict__[name] = self._walk(v, depth + 1, done)
            return obj
        else:
            return obj
        done[id(obj)] = out
        return out

    # -- storages and tensors
    def elements(self, ref, dtype):
        """Storage ``ref``'s bytes as elements of ``dtype``, in native byte order."""
        cached = self._elements.get((ref.key, dtype.name))
        if cached is not None:
            return cached
        raw = self.read(ref.key)
        if raw.size != ref.nbytes:
            raise LoadError(f"storage {ref.key!r} holds {raw.size} bytes but the file declares "
                            f"{ref.numel} elements of {ref.dtype} ({ref.nbytes} bytes) "
                            "(corrupted file)")
        usable = raw.size - raw.size % dtype.itemsize
        values = raw[:usable].view(dtype.np)
        if self.byteorder != sys.byteorder:
            values = values.byteswap()
        self._elements[(ref.key, dtype.name)] = values
        return values

    def tensor(self, recipe, share=True):
        """The Tensor of ``recipe``: a view of the storage's base when other tensors of the
        file share the storage, else an ordinary tensor holding the values."""
        made = self._tensors.get(id(recipe)) if share else None
        if made is not None:
            return made
        flat = self.elements(recipe.storage, recipe.dtype)
        device = self.placement.device(recipe.storage)
        # a conjugated or negated view gets its own values: compat has no such bits
        if share and not recipe.bits and \
                self._sharing[(recipe.storage.key, recipe.dtype.name)] > 1:
            base = self._base(recipe, flat, device)
            if recipe.contiguous() and recipe.offset == 0 and \
                    math.prod(recipe.size) == flat.size:
                size = recipe.size

                def view(base_array):
                    return base_array.reshape(size)
            else:
                index = recipe.positions()   # each element's position in the flat base

                def view(base_array):
                    return base_array[index]

            out = _views.alias(_views.as_view(Tensor._make(view(base._data)), base, view),
                               False)
        else:
            out = Tensor._make(_devices.place(recipe.values(flat), device))
        if recipe.requires_grad:
            out.requires_grad_(True)
        if share:
            self._tensors[id(recipe)] = out
        return out

    def _base(self, recipe, flat, device):
        key = (recipe.storage.key, recipe.dtype.name)
        base = self._bases.get(key)
        if base is None:
            base = self._bases[key] = Tensor._make(_devices.place(flat, device))
        return base
