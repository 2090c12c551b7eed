"""Tensors that share memory with a NumPy array, as torch's CPU tensors do.

``torch.from_numpy(n)``, ``torch.as_tensor(n)`` and ``t.numpy()`` share memory in torch:
a write through either side is seen by the other. Here the shared memory is a NumPy array
(the *mirror*) held by a :class:`HostMemory` storage tensor, and the user's tensor is an
alias of that storage (``_base`` set, ``_view`` None), so every read of it, or of a view of
it, goes through :func:`compat.views.sync`, which reads the mirror afresh:

- a mirror of at most :data:`SNAPSHOT_LIMIT` bytes is copied on the host at each read: the
  op gets the values of the moment it was called, whenever its program runs;
- a larger one, aligned as XLA:CPU needs, is read in place (a jax array over the same
  memory, no copy), and the op that read it completes before it returns (see
  :func:`complete`), so a later NumPy write cannot reach an op torch has already run;
- a write to the tensor (``add_``, ``t[0] = 1``, an optimizer step) is copied into the mirror.

Autograd state (``grad_fn``, ``requires_grad``, ``.grad``, hooks) stays the user's tensor's:
the storage reads and writes it through its owner, so a write through a view still gives the
tensor its ``CopySlices`` history, as torch's shared storage does.

>>> import numpy as np, compat as torch
>>> n = np.ones(3, dtype=np.float32)
>>> t = torch.from_numpy(n)
>>> n[0] = 5.
>>> t
tensor([5., 1., 1.])
>>> t.add_(1.)
tensor([6., 2., 2.])
>>> n
array([6., 2., 2.], dtype=float32)
"""
from __future__ import annotations

import warnings
import weakref

import jax
import numpy as np

from .dtypes import unsupported_scalar_type
from .lazy import Pending, is_held, resolve
from .tensors import Tensor

# Mirrors up to this size are copied at each read; larger ones are read in place.
SNAPSHOT_LIMIT = 1 << 20

_ALIGNMENT = 64  # XLA:CPU reads a NumPy array in place only from a 64-byte aligned address


class _ReadState:
    """Whether an op's inputs read a mirror in place since the dispatch point last looked."""

    __slots__ = ("in_place",)

    def __init__(self):
        self.in_place = False


READS = _ReadState()

_SLOTS = {name: Tensor.__dict__[name] for name in (
    "_store", "_requires_grad", "_grad", "_grad_fn", "_output_nr", "_accumulator", "_hooks",
    "_post_accumulate_hooks", "_retains_grad", "_is_inference")}


def _owned(name):
    """A property for autograd slot ``name`` that reads and writes the owner's slot (the
    storage's own while the owner is gone)."""
    slot = _SLOTS[name]

    def get(self):
        owner = self.__dict__["owner"]()
        return slot.__get__(self if owner is None else owner)

    def set_(self, value):
        owner = self.__dict__["owner"]()
        slot.__set__(self if owner is None else owner, value)
    return property(get, set_)


class HostMemory(Tensor):
    """The storage of tensors sharing memory with a NumPy array (the mirror); see the module
    docstring. Its array is read from the mirror, and values stored in it are written there."""

    __slots__ = ()

    @property
    def _store(self):
        mirror = self.__dict__["mirror"]
        in_place = self.__dict__["in_place"]
        if in_place is None:
            # a copy on the host: the value of this moment, whenever the op runs
            return jax.device_put(np.array(mirror))
        READS.in_place = True
        return in_place

    @_store.setter
    def _store(self, value):
        mirror = self.__dict__["mirror"]
        if not mirror.flags.writeable:
            # torch writes into the memory of a read-only array; NumPy cannot: the storage
            # takes a writable copy (and stops sharing with that array)
            mirror = self.__dict__["mirror"] = np.array(mirror)
            self.__dict__["in_place"] = None
        np.copyto(mirror, np.asarray(resolve(value)), casting="unsafe")

    _requires_grad = _owned("_requires_grad")
    _grad = _owned("_grad")
    _grad_fn = _owned("_grad_fn")
    _output_nr = _owned("_output_nr")
    _accumulator = _owned("_accumulator")
    _hooks = _owned("_hooks")
    _post_accumulate_hooks = _owned("_post_accumulate_hooks")
    _retains_grad = _owned("_retains_grad")
    _is_inference = _owned("_is_inference")


def _in_place_array(mirror):
    """A jax array over ``mirror``'s memory (no copy), or None where XLA would copy it."""
    if mirror.nbytes <= SNAPSHOT_LIMIT or not mirror.flags.c_contiguous or \
            mirror.ctypes.data % _ALIGNMENT:
        return None
    array = jax.device_put(mirror)
    if array.unsafe_buffer_pointer() != mirror.ctypes.data:
        return None
    return array


def _storage_for(mirror, owner, version=0, untracked_versions=0, layout=None):
    storage = object.__new__(HostMemory)
    storage.__dict__.update(mirror=mirror, in_place=_in_place_array(mirror),
                            owner=weakref.ref(owner))
    for name, value in (("_version", version), ("_untracked_versions", untracked_versions),
                        ("_untracked", False), ("_base", None), ("_view", None),
                        ("_view_version", 0), ("_view_history", None), ("_layout", layout),
                        # its own autograd state, read once its owner is gone: none
                        ("_requires_grad", False), ("_grad", None), ("_grad_fn", None),
                        ("_output_nr", 0), ("_accumulator", None), ("_hooks", None),
                        ("_post_accumulate_hooks", None), ("_retains_grad", False),
                        ("_is_inference", False)):
        Tensor.__dict__[name].__set__(storage, value)
    return storage


def hand_over(storage, owner) -> None:
    """``owner`` (``nn.Parameter(t)`` of ``t`` sharing ``storage``) keeps its autograd state."""
    storage.__dict__["owner"] = weakref.ref(owner)


def _attach(t, storage):
    """Make ``t`` the alias of ``storage`` whose autograd state the storage keeps."""
    from .views import DETACHED  # lazy: compat.views stands on the dispatch point
    t._base, t._view = storage, None
    t._view_version, t._view_history = storage._version, DETACHED
    in_place = storage.__dict__["in_place"]
    t._store = in_place if in_place is not None else storage._store


_NOT_WRITABLE = ("The given NumPy array is not writable, and PyTorch does not support non-writable "
                 "tensors. This means writing to this tensor will result in undefined behavior. "
                 "You may want to copy the array to protect its data or make it writable before "
                 "converting it to a tensor. This type of warning will be suppressed for the rest "
                 "of this program. (Triggered internally at "
                 "/__w/pytorch/pytorch/torch/csrc/utils/tensor_numpy.cpp:213.)")
_warned_not_writable = [False]


def share(array: np.ndarray) -> Tensor:
    """A tensor sharing ``array``'s memory (``torch.from_numpy``), with its dtype.

    >>> import numpy as np
    >>> n = np.zeros(2)
    >>> t = share(n); t[1] = 3.; n
    array([0., 3.])
    """
    if not array.flags.writeable and not _warned_not_writable[0]:
        _warned_not_writable[0] = True
        warnings.warn(_NOT_WRITABLE, UserWarning, stacklevel=3)
    t = Tensor._make(None)
    _attach(t, _storage_for(array, t))
    return t


def is_shared(t) -> bool:
    """Whether ``t`` (or the tensor it is a view of) shares memory with a NumPy array."""
    base = t._base
    return base is not None and (type(base) is HostMemory or base._base is not None)


def _aligned_empty(shape, dtype) -> np.ndarray:
    """An uninitialised C-contiguous array whose data XLA:CPU can read in place."""
    dtype = np.dtype(dtype)
    count = int(np.prod(shape, dtype=np.int64))
    raw = np.empty(count * dtype.itemsize + _ALIGNMENT, dtype=np.uint8)
    start = -raw.ctypes.data % _ALIGNMENT
    return raw[start:start + count * dtype.itemsize].view(dtype).reshape(shape)


def _share_root(root) -> HostMemory:
    """Make ``root`` (a tensor with no base) share its values with a new mirror; its views
    (made before) then read through it."""
    values = np.asarray(root._value)
    mirror = _aligned_empty(values.shape, values.dtype)
    mirror[...] = values
    storage = _storage_for(mirror, root, root._version, root._untracked_versions, root._layout)
    _attach(root, storage)
    return storage


def numpy(t, *, force=False) -> np.ndarray:
    """``Tensor.numpy(*, force=False)``: the NumPy array sharing ``t``'s memory; writes
    through either are seen by the other.

    >>> import compat as torch
    >>> t = torch.zeros(3)
    >>> n = t.numpy(); _ = t.add_(1.); n
    array([1., 1., 1.], dtype=float32)
    """
    if t._requires_grad and not force:
        raise RuntimeError("Can't call numpy() on Tensor that requires grad. Use "
                           "tensor.detach().numpy() instead.")
    unsupported = _NO_NUMPY_TYPE.get(t._store.dtype.name)
    if unsupported is not None:
        raise unsupported_scalar_type(unsupported)
    from .views import _positions  # lazy: compat.views stands on the dispatch point
    base = t._base
    if base is None:
        return _share_root(t).__dict__["mirror"].view()
    if type(base) is not HostMemory and base._base is None:
        _share_root(base)
    storage = base if type(base) is HostMemory else base._base
    mirror = storage.__dict__["mirror"]
    if t._view is None and base is storage:
        return mirror.view()
    if not mirror.flags.c_contiguous:
        return np.array(t._value)  # a view of a strided array given to from_numpy: a copy
    # a view made before its base shared memory maps the base's positions, which are the
    # storage's (the base is its alias)
    positions = np.asarray(_positions(mirror.shape, t._view))
    if not positions.size:
        return mirror.reshape(-1)[:0].reshape(positions.shape)
    return _strided(mirror, positions, t.stride())


# dtypes torch has no NumPy type for, by their names in torch's message
_NO_NUMPY_TYPE = {"bfloat16": "BFloat16", "float8_e4m3fn": "Float8_e4m3fn",
                  "float8_e5m2": "Float8_e5m2"}


def _strided(mirror, positions, torch_strides) -> np.ndarray:
    """The view of ``mirror`` whose elements are at flat ``positions`` (as strides and an
    offset); a copy where no strides give them (views torch makes always have strides).
    A dimension of size 1 takes its stride from ``torch_strides`` (positions do not tell it)."""
    offset = int(positions.reshape(-1)[0])
    strides, expected = [], np.full(positions.shape, offset, dtype=np.int64)
    for d, size in enumerate(positions.shape):
        step = torch_strides[d]
        if size > 1:
            at = [0] * positions.ndim
            at[d] = 1
            step = int(positions[tuple(at)]) - offset
        strides.append(step)
        axis = [1] * positions.ndim
        axis[d] = size
        expected = expected + np.arange(size, dtype=np.int64).reshape(axis) * step
    if min(strides, default=0) < 0 or not np.array_equal(expected, positions):
        return mirror.reshape(-1)[positions]
    return np.lib.stride_tricks.as_strided(mirror.reshape(-1)[offset:], positions.shape,
                                           tuple(s * mirror.itemsize for s in strides))


def complete(out):
    """``out`` (an op's result) computed now, when its inputs read a mirror in place: the op
    has run before the caller's next NumPy write, as torch's has. Values traced by a
    transform, or inside a compiled call (one program), are left as they are."""
    READS.in_place = False
    if is_held():
        return out
    items = out if type(out) is tuple else (out,)
    done = []
    for item in items:
        if type(item) is Pending:
            item = resolve(item)
        if isinstance(item, jax.Array) and not isinstance(item, jax.core.Tracer):
            item.block_until_ready()
        done.append(item)
    return tuple(done) if type(out) is tuple else done[0]


def unshare(t, array) -> None:
    """``t.data = other``: ``t`` takes ``array`` as its own storage and stops sharing."""
    t._base, t._view, t._store = None, None, array
    t._version += 1


def data_ptr(t) -> int:
    """``Tensor.data_ptr()``: the address of ``t``'s first element (0 when it has none);
    tensors sharing memory (a view and its base, ``from_numpy`` and its array) give
    addresses in the same block, as torch's do.

    >>> import numpy as np, compat as torch
    >>> n = np.zeros(4, dtype=np.float32)
    >>> torch.from_numpy(n)[1:].data_ptr() == n.ctypes.data + 4
    True
    """
    if t._store.size == 0:
        return 0
    base = t._base if t._base is not None else t
    if type(base) is not HostMemory and base._base is not None:
        base = base._base  # a view made before its base shared NumPy memory
    if type(base) is HostMemory:
        start = base.__dict__["mirror"].ctypes.data
    else:
        start = resolve(base._store).unsafe_buffer_pointer()
    return start + t.storage_offset() * t.element_size()


Tensor.numpy = numpy
Tensor.data_ptr = data_ptr
