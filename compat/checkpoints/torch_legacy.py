"""torch's format before the zip one (``torch.save(..., _use_new_zipfile_serialization=False)``):
read.

The file is five pickles in a row, then raw bytes: a magic number, the protocol version
(1001), the writer's system info, the object (its tensors naming storages by persistent id
``('storage', torch.FloatStorage, key, location, numel, view)``), and the list of storage
keys; then, for each key in that order, its element count (int64) and its elements, both
little-endian whatever the writer's byte order. Each pickle is read by the restricted
unpickler, as torch's ``weights_only`` loader reads them.

>>> import io
>>> load(io.BytesIO(b"\\x80\\x02K\\x01."), None, "utf-8")
Traceback (most recent call last):
...
compat.checkpoints.errors.LoadError: Invalid magic number; corrupt file?
"""
from __future__ import annotations

import struct

import numpy as np

from .allowlist import find
from .errors import UNSAFE_MESSAGE, LoadError, Refusal
from .storages import Resolver, StorageRef
from .unpickler import Unpickler

__all__ = ["load", "is_tar", "tar_refusal"]

MAGIC_NUMBER = 0x1950A86A20F9469CFC6C
PROTOCOL_VERSION = 1001
_TAR_MAGIC_AT = 257


def is_tar(head: bytes) -> bool:
    """Whether a file starting with ``head`` (512 bytes) is a tar archive: torch's first
    format, which its ``weights_only`` loader refuses."""
    return head[_TAR_MAGIC_AT:_TAR_MAGIC_AT + 5] == b"ustar"


class _StorageIds:
    """``persistent_load`` of the legacy format; views of a storage (``view`` is
    ``(view_key, offset, numel)``) become storages of their own, read from the root's bytes."""

    def __init__(self):
        self.refs, self.views = {}, {}

    def __call__(self, pid):
        if type(pid) is not tuple or len(pid) != 6:
            raise Refusal("a legacy storage id that does not have 6 fields")
        storage_type, key, location, numel, view = pid[1:]
        ref = StorageRef.checked(storage_type, key, location, numel)
        known = self.refs.setdefault(key, ref)
        if known.dtype is not ref.dtype:
            raise LoadError(f"storage {key!r} is declared as {known.dtype} and as {ref.dtype} "
                            "(corrupted file)")
        if view is None:
            return known
        if not (type(view) is tuple and len(view) == 3 and type(view[0]) is str
                and all(type(v) is int and v >= 0 for v in view[1:])
                and view[1] + view[2] <= known.numel):
            raise LoadError(f"a storage view {view!r:.80} of storage {key!r} (corrupted file)")
        view_key, offset, size = view
        sub = StorageRef("view:" + view_key, known.dtype, location, size)
        self.views[sub.key] = (known, offset, size)
        return sub


def _storage_bytes(file, ref, remaining):
    header = file.read(8)
    if len(header) != 8:
        raise LoadError(f"storage {ref.key!r} is truncated (corrupted file)")
    (numel,) = struct.unpack("<q", header)
    if numel != ref.numel:
        raise LoadError(f"storage has wrong size: expected {ref.numel} got {numel}")
    if ref.nbytes > remaining - 8:
        raise LoadError(f"storage {ref.key!r} is truncated (corrupted file)")
    data = file.read(ref.nbytes)
    if len(data) != ref.nbytes:
        raise LoadError(f"storage {ref.key!r} is truncated (corrupted file)")
    return np.frombuffer(data, np.uint8)


def load(file, placement, encoding, file_size=None):
    """The object in a legacy torch file ``file`` (open, positioned at its start)."""
    def pickle():
        return Unpickler(file, find=find, persistent_load=ids, encoding=encoding).load()

    ids = None
    if pickle() != MAGIC_NUMBER:
        raise LoadError("Invalid magic number; corrupt file?")
    protocol = pickle()
    if protocol != PROTOCOL_VERSION:
        raise LoadError(f"Invalid protocol version: {protocol!r:.40}")
    pickle()    # the writer's system info: its byte order does not matter (see the docstring)
    ids = _StorageIds()
    obj = pickle()
    ids_of_result, ids = ids, None
    keys = pickle()
    if type(keys) is not list or not all(type(k) is str for k in keys):
        raise LoadError("the storage key list is malformed (corrupted file)")
    raw = {}
    for key in keys:
        ref = ids_of_result.refs.get(key)
        if ref is None:
            raise LoadError(f"storage key {key!r} not found in deserialized_objects")
        remaining = (file_size - file.tell()) if file_size is not None else float("inf")
        raw[key] = _storage_bytes(file, ref, remaining)

    def read(key):
        if key in ids_of_result.views:
            root, offset, size = ids_of_result.views[key]
            data = read(root.key)
            itemsize = root.dtype.itemsize
            return data[offset * itemsize:(offset + size) * itemsize]
        if key not in raw:
            raise LoadError(f"storage {key!r} is used but not stored in the file (corrupted "
                            "file)")
        return raw[key]

    return Resolver(read, "little", placement).resolve(obj)


def tar_refusal() -> LoadError:
    """torch's refusal of its tar format under ``weights_only``."""
    return LoadError("Cannot use ``weights_only=True`` with files saved in the legacy .tar "
                     "format. " + UNSAFE_MESSAGE)
