"""``compat.save`` / ``compat.load``: state dicts and nested containers of tensors, safely.

The file is a ``jaxgrad.checkpoint`` (a zip of ``.npy`` arrays plus a JSON manifest, written
atomically); the container structure and the plain values (numbers, strings, None, dtypes)
are one more JSON document stored beside the arrays. Nothing is pickled, so loading a file
never executes code — and an object that cannot be stored that way (a whole Module, a
function, …) is refused with an error naming where it sits, instead of being pickled.

>>> import os, tempfile
>>> import compat as torch
>>> path = os.path.join(tempfile.mkdtemp(), "ckpt.pt")
>>> torch.save({"epoch": 3, "w": torch.ones(2), "names": ["a", "b"]}, path)
>>> torch.load(path)
{'epoch': 3, 'w': tensor([1., 1.]), 'names': ['a', 'b']}
"""
from __future__ import annotations

import json
import math
import os
import shutil
import tempfile
from collections import OrderedDict

import jax
import jax.numpy as jnp
import numpy as np

from jaxgrad import checkpoint as _checkpoint

from . import dtypes as _dt
from .size import Size
from .tensors import Tensor

__all__ = ["save", "load"]

_FORMAT = "compat-save"
_VERSION = 1
_SKELETON = "skeleton"


class _Encoder:
    """Splits an object into a JSON skeleton and a list of arrays."""

    def __init__(self):
        self.arrays = []

    def array(self, value):
        self.arrays.append(value)
        return len(self.arrays) - 1

    def encode(self, obj, where):
        if obj is None or isinstance(obj, (bool, str)):
            return obj
        if isinstance(obj, int):
            return {"int": str(obj)} if abs(obj) >= 2 ** 53 else obj
        if isinstance(obj, float):
            return obj if math.isfinite(obj) else {"float": repr(obj)}
        if isinstance(obj, Tensor):
            out = {"tensor": self.array(obj._value), "requires_grad": obj.requires_grad}
            if getattr(obj, "_is_parameter", False):
                out["parameter"] = True
            return out
        if isinstance(obj, np.ndarray):
            if obj.dtype.kind not in "biufc":
                raise TypeError(f"compat.save cannot store {where}: a numpy array of dtype "
                                f"{obj.dtype} (only numeric arrays are stored; nothing is "
                                "pickled)")
            return {"ndarray": self.array(obj)}
        if isinstance(obj, np.generic) and obj.dtype.kind in "biufc":
            return {"npscalar": self.array(np.asarray(obj))}
        if isinstance(obj, _dt.dtype):
            return {"dtype": str(obj)}
        if isinstance(obj, complex):
            return {"complex": [obj.real, obj.imag]}
        if isinstance(obj, Size):
            return {"size": list(obj)}
        if isinstance(obj, (list, tuple)):
            kind = "list" if isinstance(obj, list) else "tuple"
            if kind == "tuple" and type(obj) is not tuple:
                raise _unstorable(obj, where)
            if kind == "list" and type(obj) is not list:
                raise _unstorable(obj, where)
            return {kind: [self.encode(v, f"{where}[{i}]") for i, v in enumerate(obj)]}
        if isinstance(obj, dict):
            if type(obj) not in (dict, OrderedDict):
                raise _unstorable(obj, where)
            items = []
            for k, v in obj.items():
                if not (k is None or isinstance(k, (str, int, float, bool))):
                    raise TypeError(f"compat.save cannot store {where}: a dict key of type "
                                    f"{type(k).__name__} ({k!r})")
                items.append([self.encode(k, where), self.encode(v, f"{where}[{k!r}]")])
            out = {"ordered_dict" if type(obj) is OrderedDict else "dict": items}
            metadata = getattr(obj, "_metadata", None)
            if metadata is not None:
                out["metadata"] = self.encode(metadata, f"{where}._metadata")
            return out
        raise _unstorable(obj, where)


def _unstorable(obj, where):
    hint = ""
    if hasattr(obj, "state_dict") and callable(obj.state_dict):
        hint = " (save its state_dict() instead)"
    return TypeError(f"compat.save cannot store {where}: an object of type "
                     f"{type(obj).__module__}.{type(obj).__qualname__}{hint}. It stores tensors, "
                     "numpy arrays, numbers, strings, None, dtypes and lists, tuples and dicts "
                     "of them; nothing is pickled, so loading never runs code")


class _Decoder:
    def __init__(self, arrays):
        self.arrays = arrays

    def decode(self, node):
        if node is None or isinstance(node, (bool, int, float, str)):
            return node
        if isinstance(node, dict):
            if "tensor" in node:
                t = Tensor._make(jnp.asarray(self.arrays[node["tensor"]]))
                if node.get("parameter"):
                    from .nn.parameter import Parameter
                    return Parameter(t, requires_grad=node["requires_grad"])
                if node["requires_grad"]:
                    t.requires_grad_(True)
                return t
            if "ndarray" in node:
                return np.array(self.arrays[node["ndarray"]])
            if "npscalar" in node:
                return self.arrays[node["npscalar"]][()]
            if "int" in node:
                return int(node["int"])
            if "float" in node:
                return float(node["float"])
            if "complex" in node:
                return complex(*node["complex"])
            if "dtype" in node:
                return getattr(_dt, node["dtype"].split(".")[-1])
            if "size" in node:
                return Size(node["size"])
            if "list" in node:
                return [self.decode(v) for v in node["list"]]
            if "tuple" in node:
                return tuple(self.decode(v) for v in node["tuple"])
            for kind in ("dict", "ordered_dict"):
                if kind in node:
                    out = (dict if kind == "dict" else OrderedDict)(
                        (self.decode(k), self.decode(v)) for k, v in node[kind])
                    if "metadata" in node:
                        out._metadata = self.decode(node["metadata"])
                    return out
        raise _checkpoint.CheckpointError(f"unreadable entry in a compat.save file: {node!r}")


def _key(name):
    return jax.tree_util.keystr((jax.tree_util.DictKey(name),))


def save(obj, f, pickle_module=None, pickle_protocol=None, _use_new_zipfile_serialization=True,
         _disable_byteorder_record=False):
    """Write ``obj`` (a state dict, or nested dicts/lists/tuples of tensors and plain values)
    to ``f`` (a path or a binary file object), atomically when ``f`` is a path.

    Raises ``TypeError`` naming the first thing it cannot store without pickling.
    """
    encoder = _Encoder()
    skeleton = encoder.encode(obj, "obj")
    document = json.dumps({"format": _FORMAT, "version": _VERSION, "root": skeleton})
    tree = {f"t{i}": a for i, a in enumerate(encoder.arrays)}
    tree[_SKELETON] = np.frombuffer(document.encode(), np.uint8)
    if isinstance(f, (str, os.PathLike)):
        _checkpoint.save(f, tree)
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "obj.pt")
        _checkpoint.save(path, tree)
        with open(path, "rb") as src:
            shutil.copyfileobj(src, f)


def load(f, map_location=None, pickle_module=None, *, weights_only=None, mmap=None,
         **pickle_load_args):
    """Read what :func:`save` wrote. Never unpickles: torch's own ``.pt`` files (pickles)
    are refused with a ``jaxgrad.checkpoint.CheckpointError``."""
    if isinstance(f, (str, os.PathLike)):
        return _load_path(os.fspath(f))
    data = f.read() if hasattr(f, "read") else bytes(f)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "obj.pt")
        with open(path, "wb") as out:
            out.write(data)
        return _load_path(path)


def _load_path(path):
    try:
        leaves = _checkpoint.load(path)
    except _checkpoint.CheckpointError as e:
        raise _checkpoint.CheckpointError(
            f"{e}. compat.load reads files written by compat.save; it does not read torch's "
            "pickle-based files, since unpickling can execute code") from None
    raw = leaves.get(_key(_SKELETON))
    if raw is None:
        raise _checkpoint.CheckpointError(f"{path} is a jaxgrad checkpoint but not one written "
                                          "by compat.save (use jaxgrad.load)")
    try:
        document = json.loads(bytes(raw).decode())
    except ValueError as e:
        raise _checkpoint.CheckpointError(f"{path}: unreadable structure ({e})") from None
    if document.get("format") != _FORMAT:
        raise _checkpoint.CheckpointError(f"{path} was not written by compat.save")
    if document.get("version") != _VERSION:
        raise _checkpoint.CheckpointError(f"{path}: unsupported compat.save version "
                                          f"{document.get('version')}")
    arrays = _ArrayTable(leaves, path)
    return _Decoder(arrays).decode(document["root"])


class _ArrayTable:
    def __init__(self, leaves, path):
        self.leaves, self.path = leaves, path

    def __getitem__(self, i):
        try:
            return self.leaves[_key(f"t{i}")]
        except KeyError:
            raise _checkpoint.CheckpointError(f"{self.path}: array {i} is missing "
                                              "(corrupted file)") from None
