"""The format earlier versions of compat.save wrote, read: a ``jaxgrad.checkpoint`` (a zip of
``.npy`` arrays plus a JSON manifest) with the container structure and the plain values
(numbers, strings, None, dtypes) as one more JSON document beside the arrays.

Loading trusts nothing in the file: each node of the structure must be one that the writer
wrote, with fields of the right types, and only plain data comes back (tensors, numpy
arrays, numbers, strings, None, dtypes, ``Size`` and containers of them) — a name in the
file is looked up in an allow-list of dtypes, never as an arbitrary attribute.

>>> import io, json
>>> import numpy as np
>>> import jaxgrad
>>> document = {"format": "compat-save", "version": 1,
...             "root": {"dict": [["w", {"tensor": 0, "requires_grad": False}]]}}
>>> buffer = io.BytesIO()
>>> jaxgrad.save(buffer, {"t0": np.ones(2, np.float32),
...                       "skeleton": np.frombuffer(json.dumps(document).encode(), np.uint8)})
>>> _ = buffer.seek(0)
>>> load(buffer)
{'w': tensor([1., 1.])}
"""
from __future__ import annotations

import re
from collections import OrderedDict

import jax
import jax.numpy as jnp
import numpy as np

from jaxgrad import checkpoint as _checkpoint

from .. import dtypes as _dt
from ..nn.parameter import Parameter
from ..size import Size
from ..tensors import Tensor
from .errors import LoadError, cannot_require_grad, nested_too_deep

__all__ = ["load", "FORMAT"]

FORMAT = "compat-save"
_VERSION = 1
_SKELETON = "skeleton"

# Containers nested deeper than this are refused: the JSON structure (up to three levels per
# container) then stays well inside Python's recursion limit.
_MAX_DEPTH = 128

# The dtypes a file may name (as "torch.<name>"), and the element types its tensors may have.
_DTYPE_NAMES = frozenset({
    "float16", "bfloat16", "float32", "float64", "complex64", "complex128",
    "uint8", "int8", "int16", "int32", "int64", "bool"})

# Python's own limit on int() of a decimal string (sys.get_int_max_str_digits' default).
_MAX_INT_DIGITS = 4300
_INT_TEXT = re.compile(r"-?[0-9]+")


class _Decoder:
    """Rebuilds what :class:`_Encoder` split, accepting only the nodes it writes."""

    def __init__(self, arrays, path):
        self.arrays, self.path = arrays, path

    def error(self, where, what):
        return LoadError(f"{self.path}: malformed compat.save structure at {where}: {what}")

    def decode(self, node, where="obj", depth=0):
        if node is None or isinstance(node, (bool, int, float, str)):
            return node
        if not isinstance(node, dict):
            raise self.error(where, f"a bare JSON {type(node).__name__}")
        tag = self.tag(node, where)
        if tag in _CONTAINER_TAGS:
            if depth >= _MAX_DEPTH:
                raise self.error(where, nested_too_deep(_MAX_DEPTH))
            depth += 1
        return _NODES[tag][2](self, node, where, depth)

    def tag(self, node, where):
        """The one kind ``node`` is, its other fields being those that kind may have."""
        tags = [key for key in node if key in _NODES]
        if len(tags) != 1:
            raise self.error(where, f"a node with the fields {sorted(node)!r}")
        tag = tags[0]
        required, optional, _ = _NODES[tag]
        fields = set(node) - {tag}
        if not required <= fields or not fields <= required | optional:
            raise self.error(where, f"a {tag!r} node with the fields {sorted(node)!r}")
        return tag

    def flag(self, node, field, where):
        value = node.get(field, False)
        if not isinstance(value, bool):
            raise self.error(where, f"{field!r} is {value!r}, not true or false")
        return value

    def decode_tensor(self, node, where, depth):
        array = self.arrays.get(node["tensor"], where)
        if array.dtype.name not in _DTYPE_NAMES:
            raise self.error(where, f"a tensor of dtype {array.dtype.name}, which compat does not "
                                    "support")
        dtype = getattr(_dt, array.dtype.name)
        requires_grad = self.flag(node, "requires_grad", where)
        parameter = self.flag(node, "parameter", where)
        if requires_grad and not (dtype.is_floating_point or dtype.is_complex):
            raise self.error(where, cannot_require_grad(dtype))
        t = Tensor._make(jnp.asarray(array))
        if parameter:
            return Parameter(t, requires_grad=requires_grad)
        if requires_grad:
            t.requires_grad_(True)
        return t

    def decode_ndarray(self, node, where, depth):
        return np.array(self.arrays.get(node["ndarray"], where))

    def decode_npscalar(self, node, where, depth):
        array = self.arrays.get(node["npscalar"], where)
        if array.ndim != 0:
            raise self.error(where, f"a numpy scalar of shape {array.shape}")
        return array[()]

    def decode_int(self, node, where, depth):
        text = node["int"]
        if not (isinstance(text, str) and len(text) <= _MAX_INT_DIGITS
                and _INT_TEXT.fullmatch(text)):
            raise self.error(where, f"an integer written as {text!r:.80}")
        return int(text)

    def decode_float(self, node, where, depth):
        text = node["float"]
        try:
            if isinstance(text, str) and len(text) <= 64:
                return float(text)
        except ValueError:
            pass
        raise self.error(where, f"a float written as {text!r:.80}")

    def decode_complex(self, node, where, depth):
        parts = node["complex"]
        if not (isinstance(parts, list) and len(parts) == 2 and all(_is_number(p) for p in parts)):
            raise self.error(where, f"a complex number written as {parts!r:.80}")
        return complex(*parts)

    def decode_dtype(self, node, where, depth):
        text = node["dtype"]
        name = text[len("torch."):] if isinstance(text, str) and text.startswith("torch.") else None
        dtype = getattr(_dt, name, None) if name in _DTYPE_NAMES else None
        if not isinstance(dtype, _dt.dtype):
            raise self.error(where, f"{text!r:.80} is not a dtype")
        return dtype

    def decode_size(self, node, where, depth):
        sizes = node["size"]
        if not (isinstance(sizes, list) and all(type(s) is int for s in sizes)):
            raise self.error(where, f"a torch.Size written as {sizes!r:.80}")
        return Size(sizes)

    def items(self, node, tag, where):
        value = node[tag]
        if not isinstance(value, list):
            raise self.error(where, f"a {tag!r} node holding {type(value).__name__}, not a list")
        return value

    def decode_list(self, node, where, depth):
        return [self.decode(v, f"{where}[{i}]", depth)
                for i, v in enumerate(self.items(node, "list", where))]

    def decode_tuple(self, node, where, depth):
        return tuple(self.decode(v, f"{where}[{i}]", depth)
                     for i, v in enumerate(self.items(node, "tuple", where)))

    def decode_dict(self, node, where, depth):
        if "metadata" in node:
            raise self.error(where, "a plain dict with metadata (only an OrderedDict has it)")
        return dict(self.pairs(node, "dict", where, depth))

    def decode_ordered_dict(self, node, where, depth):
        out = OrderedDict(self.pairs(node, "ordered_dict", where, depth))
        if "metadata" in node:
            out._metadata = self.decode(node["metadata"], f"{where}._metadata", depth)
        return out

    def pairs(self, node, tag, where, depth):
        for pair in self.items(node, tag, where):
            if not (isinstance(pair, list) and len(pair) == 2):
                raise self.error(where, f"a dict item written as {pair!r:.80}")
            key = self.decode(pair[0], where, depth)
            if not (key is None or type(key) in (str, int, float, bool)):
                raise self.error(where, f"a dict key of type {type(key).__name__}")
            yield key, self.decode(pair[1], f"{where}[{key!r}]", depth)


# Every kind of node save writes: its required and optional fields besides the tag, and its
# decoder. Nothing outside this table is ever looked up.
_NODES = {
    "tensor": ({"requires_grad"}, {"parameter"}, _Decoder.decode_tensor),
    "ndarray": (set(), set(), _Decoder.decode_ndarray),
    "npscalar": (set(), set(), _Decoder.decode_npscalar),
    "int": (set(), set(), _Decoder.decode_int),
    "float": (set(), set(), _Decoder.decode_float),
    "complex": (set(), set(), _Decoder.decode_complex),
    "dtype": (set(), set(), _Decoder.decode_dtype),
    "size": (set(), set(), _Decoder.decode_size),
    "list": (set(), set(), _Decoder.decode_list),
    "tuple": (set(), set(), _Decoder.decode_tuple),
    "dict": (set(), {"metadata"}, _Decoder.decode_dict),
    "ordered_dict": (set(), {"metadata"}, _Decoder.decode_ordered_dict),
}
_CONTAINER_TAGS = frozenset({"list", "tuple", "dict", "ordered_dict"})


def _is_number(value):
    return type(value) in (int, float)


def _key(name):
    return jax.tree_util.keystr((jax.tree_util.DictKey(name),))


class _ArrayTable:
    """The file's arrays by the index the structure refers to them with."""

    def __init__(self, leaves, path):
        self.leaves, self.path = leaves, path

    def get(self, index, where):
        array = self.leaves.get(_key(f"t{index}")) if type(index) is int and index >= 0 else None
        if array is None:
            raise LoadError(f"{self.path}: malformed compat.save structure at {where}: array "
                            f"{index!r:.40} is missing (corrupted file)")
        return array




def load(source):
    """The object in a file of this format: a path or a seekable binary file object."""
    path = getattr(source, "name", source)
    leaves = _read_leaves(source)
    document = _structure_document(leaves, path)
    return _Decoder(_ArrayTable(leaves, path), path).decode(document["root"])


def _read_leaves(source):
    try:
        return _checkpoint.load(source)
    except _checkpoint.CheckpointError as e:
        raise LoadError(
            f"{e}. compat.load reads torch's files and those compat.save writes; this one is "
            "neither") from None


def _structure_document(leaves, path):
    raw = leaves.get(_key(_SKELETON))
    if raw is None:
        raise LoadError(f"{path} is a jaxgrad checkpoint but not one written by compat.save "
                        "(use jaxgrad.load)")
    document = _checkpoint.json_document(raw, path, "structure", FORMAT, _VERSION,
                                         foreign="was not written by compat.save",
                                         versioned="compat.save", error=LoadError, chain=False)
    if "root" not in document:
        raise LoadError(f"{path}: malformed compat.save structure (no 'root')")
    return document
