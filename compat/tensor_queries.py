"""What a tensor says about its memory and kind, as torch's CPU tensors answer: ``is_cpu``,
``nbytes``, ``itemsize``, ``get_device()``, ``is_signed()``, ``is_conj()``/``is_neg()``
(and ``resolve_conj()``/``resolve_neg()``, which have nothing to resolve here),
``is_same_size``, ``is_nonzero``, ``output_nr``, ``mH``, ``is_pinned()``/``pin_memory()``,
``share_memory_()``/``is_shared()``, and the storages ``untyped_storage()``/``storage()``.

>>> import compat as torch
>>> x = torch.zeros(2, 3)
>>> x.is_cpu, x.nbytes, x[1].untyped_storage().nbytes(), x.get_device()
(True, 24, 24, -1)
"""
from __future__ import annotations

import warnings
import weakref

import numpy as np

from .host_memory import data_ptr
from .tensors import Tensor


def _root(t):
    return t._base if t._base is not None else t


# --------------------------------------------------------------------------- kind and place
def get_device(t) -> int:
    """``Tensor.get_device()``: the device index, -1 for a CPU tensor."""
    index = t.device.index
    return -1 if t.device.type == "cpu" else (0 if index is None else index)


def is_signed(t) -> bool:
    """``Tensor.is_signed()``: whether the dtype holds negative values."""
    return t.dtype.is_signed


def is_same_size(t, other) -> bool:
    """``Tensor.is_same_size(other)``: whether the shapes are equal."""
    return tuple(t.shape) == tuple(other.shape)


def is_nonzero(t) -> bool:
    """``Tensor.is_nonzero()``: the truth of a one-element tensor (torch's errors otherwise)."""
    return bool(t)


def _mH(t):
    if t.dtype.is_complex:
        raise NotImplementedError("compat: mH of a complex tensor (its conjugate) is not supported")
    if t.ndim == 1:
        raise RuntimeError("tensor.mH is only supported on matrices or batches of matrices. "
                           "Got 1-D tensor.")
    return t.transpose(-2, -1)


# --------------------------------------------------------------------------- pinned, shared
def pin_memory(t, device=None):
    """``Tensor.pin_memory()``: torch's CPU build has no accelerator to pin memory for."""
    raise RuntimeError("Cannot access accelerator device when none is available.")


# id -> weak reference, of the storages moved to shared memory (multiprocessing's sense);
# by identity: a tensor's == is elementwise
_SHARED: dict = {}


def share_memory_(t):
    """``Tensor.share_memory_()``: mark the storage as shared between processes (a no-op
    for this process's values); ``is_shared()`` then says so."""
    root = _root(t)
    key = id(root)
    _SHARED[key] = weakref.ref(root, lambda _, key=key: _SHARED.pop(key, None))
    return t


def is_shared(t) -> bool:
    root = _root(t)
    entry = _SHARED.get(id(root))
    return entry is not None and entry() is root


# --------------------------------------------------------------------------- storages
class UntypedStorage:
    """``torch.UntypedStorage`` as a tensor's storage reads it: its bytes, size and address
    (``tensor.untyped_storage()``). Reading only: compat tensors are written through ops."""

    __module__ = "torch.storage"

    def __init__(self, tensor):
        self._tensor = _root(tensor)

    def _bytes(self) -> np.ndarray:
        return np.ascontiguousarray(np.asarray(self._tensor._value)).reshape(-1).view(np.uint8)

    def nbytes(self) -> int:
        return self._tensor._store.size * self._tensor._store.dtype.itemsize

    def size(self) -> int:
        return self.nbytes()

    __len__ = size

    def element_size(self) -> int:
        return 1

    def data_ptr(self) -> int:
        return data_ptr(self._tensor)

    @property
    def device(self):
        return self._tensor.device

    @property
    def is_cuda(self) -> bool:
        return self._tensor.is_cuda

    def is_shared(self) -> bool:
        return is_shared(self._tensor)

    def is_pinned(self, device="cuda") -> bool:
        return False

    def tolist(self) -> list:
        return self._bytes().tolist()

    def __getitem__(self, index):
        return self._bytes().tolist()[index]

    def __iter__(self):
        return iter(self.tolist())

    def __repr__(self):
        values = "".join(f" {v}\n" for v in self.tolist()) or " \n"
        return f"{values}[torch.storage.UntypedStorage(device={self.device}) of size {len(self)}]"


_TYPED_DEPRECATED = (
    "TypedStorage is deprecated. It will be removed in the future and UntypedStorage will be the "
    "only storage class. This should only matter to you if you are using storages directly.  To "
    "access UntypedStorage directly, use tensor.untyped_storage() instead of tensor.storage()")


class TypedStorage:
    """``torch.TypedStorage`` (``tensor.storage()``, deprecated in torch): the storage's
    elements in the tensor's dtype."""

    __module__ = "torch.storage"

    def __init__(self, tensor):
        self._tensor = _root(tensor)

    @property
    def dtype(self):
        return self._tensor.dtype

    @property
    def device(self):
        return self._tensor.device

    def size(self) -> int:
        return self._tensor._store.size

    __len__ = size

    def element_size(self) -> int:
        return self._tensor.element_size()

    def nbytes(self) -> int:
        return self.size() * self.element_size()

    def data_ptr(self) -> int:
        return data_ptr(self._tensor)

    def untyped(self) -> UntypedStorage:
        return UntypedStorage(self._tensor)

    def is_shared(self) -> bool:
        return is_shared(self._tensor)

    def tolist(self) -> list:
        return np.asarray(self._tensor._value).reshape(-1).tolist()

    def __getitem__(self, index):
        return self.tolist()[index]

    def __iter__(self):
        return iter(self.tolist())

    def __repr__(self):
        values = "".join(f" {v}\n" for v in self.tolist()) or " \n"
        return (f"{values}[torch.storage.TypedStorage(dtype={self.dtype}, device={self.device}) "
                f"of size {len(self)}]")


def untyped_storage(t) -> UntypedStorage:
    """``Tensor.untyped_storage()``: the bytes of the storage ``t`` is part of."""
    return UntypedStorage(t)


_warned_typed = [False]


def storage(t) -> TypedStorage:
    """``Tensor.storage()`` (deprecated in torch, with its warning, once a process)."""
    if not _warned_typed[0]:
        _warned_typed[0] = True
        warnings.warn(_TYPED_DEPRECATED, UserWarning, stacklevel=2)
    return TypedStorage(t)


def _install():
    for name, fn in (("get_device", get_device), ("is_signed", is_signed),
                     ("is_same_size", is_same_size), ("is_nonzero", is_nonzero),
                     ("pin_memory", pin_memory), ("share_memory_", share_memory_),
                     ("is_shared", is_shared), ("untyped_storage", untyped_storage),
                     ("storage", storage)):
        setattr(Tensor, name, fn)
    Tensor.is_conj = Tensor.is_neg = Tensor.is_pinned = lambda self, *args: False
    Tensor.resolve_conj = Tensor.resolve_neg = lambda self: self
    Tensor.is_cpu = property(lambda self: self.device.type == "cpu")
    Tensor.nbytes = property(lambda self: self._store.size * self._store.dtype.itemsize)
    Tensor.itemsize = property(lambda self: self._store.dtype.itemsize)
    Tensor.output_nr = property(lambda self: self._output_nr)
    Tensor.mH = property(_mH)


_install()

# the torch.* forms
FUNCTIONS = {"get_device": get_device, "is_signed": is_signed, "is_same_size": is_same_size,
             "is_nonzero": is_nonzero, "is_conj": lambda t: False, "is_neg": lambda t: False,
             "resolve_conj": lambda t: t, "resolve_neg": lambda t: t}
