"""Op-table entries: ``x[key]``, ``x[key] = v`` and ``index_put``, with torch's key rules and
grad_fn names.

A key is split on the host into a static spec (ints, slices, None, Ellipsis, bools) and
checked integer index arrays (masks become indices, as torch's nonzero; bounds are checked
once, here, since the compiled op cannot raise).

>>> import compat as torch
>>> x = torch.arange(6.).view(2, 3).requires_grad_()
>>> x[0].grad_fn.name(), x[[0, 1], [1, 2]].grad_fn.name()
('SelectBackward0', 'IndexBackward0')
"""
from __future__ import annotations

import builtins
import warnings

import jax.numpy as jnp
import numpy as np

from jaxgrad import functional as F
from jaxgrad.functional import indexing as _ix

from .. import creation, views
from ..tensors import Tensor
from .registry import method, op

# x[key] without index arrays is a view. ``node`` is the node name the key implies (see
# _basic_index_name, index_put's); the jaxgrad op does not take it.
_basic_index = op("index.basic(self, key, node)", F.index, lambda self, key, node: node,
                  view=True, method=False, function=False)
_advanced_index = op("index(self, arrays, key)", F.index, "IndexBackward0",
                     traced=("self", "arrays"), sequences=("arrays",), method=False,
                     function=False)
# ``same_dtype``: index_put(_) refuses values of another dtype, ``x[key] = v`` casts them.
_index_put = op("index_put.named(self, values, arrays, key, accumulate, node, same_dtype=False)",
                F.index_put, lambda self, values, arrays, key, accumulate, node, same_dtype: node,
                traced=("self", "values", "arrays"), sequences=("arrays",), method=False,
                function=False)


@method("__getitem__")
def getitem(self, key):
    """``x[key]`` as torch indexes: basic keys give views, index tensors give copies."""
    spec, arrays = index_key(self, key)
    if not _ix.is_advanced(spec):
        name = _basic_index_name(spec, self._data.shape, single=not isinstance(key, tuple))
        return _basic_index(self, spec, name)
    return _advanced_index(self, arrays, spec)


@method("__setitem__")
def setitem(self, key, value):
    """``x[key] = value``: torch's node is CopySlices when it writes into a view of ``x``."""
    spec, arrays = index_key(self, key)
    if _writes_into_view(spec, self._data.shape):
        name = "CopySlices"  # torch writes into the view its ints/slices/None take
    elif _ix.is_advanced(spec):
        name = "IndexPutBackward0"  # index_put_ on the tensor itself
    elif self.ndim and (not isinstance(value, Tensor) or value.ndim == 0):
        name = "FillBackward3"  # x[:] = 0-d value is x.fill_(value)
    else:
        name = "CopyBackwards"  # x[:] = v and x[...] = v are x.copy_(v)
    if name == "CopySlices":
        views.check_write_into_view(self)
    views.check_inplace(self)
    views.assign(self, _index_put(self, value, arrays, spec, False, name))


@method("index_put_")
def index_put_(self, indices, values, accumulate=False):
    """``self[indices] = values`` in place (``accumulate`` adds, duplicates included)."""
    views.check_inplace(self)
    spec, arrays = index_key(self, tuple(indices))
    return views.assign(self, _index_put(self, values, arrays, spec, accumulate,
                                         "IndexPutBackward0", True))


@method("index_put", function=True)
def index_put(self, indices, values, accumulate=False):
    """``index_put_`` on a copy."""
    spec, arrays = index_key(self, tuple(indices))
    return _index_put(self, values, arrays, spec, accumulate, "IndexPutBackward0", True)


def _is_full_slice(k, size) -> bool:
    """torch skips a slice that starts at 0 (literally: not -size), steps by 1 and stops at or
    past the end."""
    _, start, stop, step = k
    return start in (None, 0) and step in (None, 1) and (stop is None or stop >= size)


def _writes_into_view(spec, shape):
    """Whether torch's setitem writes into a view: some int, None, bool or partial slice."""
    dim = 0
    for pos, k in enumerate(spec):
        if k is Ellipsis:
            dim = len(shape) - builtins.sum(1 for r in spec[pos + 1:] if _ix.consumes_dim(r))
            continue
        if k is None or isinstance(k, int) or k[0] == _ix.BOOL:
            return True
        if k[0] == "slice":
            if not _is_full_slice(k, shape[dim] if dim < len(shape) else 0):
                return True
        dim += 1
    return False


def _basic_index_name(spec, shape, single):
    """torch's grad_fn for ``x[spec]`` without index tensors: the node of the last index item
    that does something. A full slice inside a tuple key does nothing (a lone ``x[:]`` still
    slices); a key that does nothing at all is an alias."""
    name = "AliasBackward0"
    dim = 0
    for pos, k in enumerate(spec):
        if k is Ellipsis:
            dim = len(shape) - builtins.sum(1 for r in spec[pos + 1:] if _ix.consumes_dim(r))
        elif k is None:
            name = "UnsqueezeBackward0"
        elif isinstance(k, int):
            name = "SelectBackward0"
            dim += 1
        else:
            if single or not _is_full_slice(k, shape[dim] if dim < len(shape) else 0):
                name = "SliceBackward0"
            dim += 1
    return name


_SEQUENCE_INDEX_WARNING = (
    "Using a non-tuple sequence for multidimensional indexing is deprecated and will be changed in "
    "pytorch 2.9; use x[tuple(seq)] instead of x[seq]. In pytorch 2.9 this will be interpreted as "
    "tensor index, x[torch.tensor(seq)], which will result either in an error or a different "
    "result (Triggered internally at /__w/pytorch/pytorch/torch/csrc/autograd/"
    "python_variable_indexing.cpp:349.)")


def _sequence_as_tuple(key) -> bool:
    """torch's (and old numpy's) rule for a short list key holding sequences, slices, tensors,
    None or Ellipsis: it is a tuple of indices (``x[[[0, 1], [1, 2]]]`` is ``x[[0, 1], [1, 2]]``)."""
    return isinstance(key, list) and len(key) < 32 and builtins.any(
        isinstance(k, Tensor) or isinstance(k, (list, tuple, slice, str)) or k is None
        or k is Ellipsis for k in key)


def index_key(t, key):
    """Split ``key`` into a static spec and checked integer index arrays (masks → indices)."""
    if _sequence_as_tuple(key) or isinstance(key, str):
        warnings.warn(_SEQUENCE_INDEX_WARNING, UserWarning, stacklevel=4)
        key = tuple(key)
    if not isinstance(key, tuple):
        if t.ndim == 0 and isinstance(key, slice):
            raise IndexError("slice() cannot be applied to a 0-dim tensor.")
        if t.ndim == 0 and isinstance(key, (int, np.integer)) and not isinstance(key, builtins.bool):
            raise IndexError("invalid index of a 0-dim tensor. Use `tensor.item()` in Python or "
                             "`tensor.item<T>()` in C++ to convert a 0-dim tensor to a number")
        key = (key,)
    host = []
    has_array = False
    for k in key:
        if isinstance(k, Tensor):
            if k.ndim == 0 and not k.dtype.is_floating_point:
                # a 0-d long is an int, a 0-d bool a bool (a new dim of size 1 or 0)
                host.append(builtins.bool(k.item()) if k.dtype.name == "bool" else int(k.item()))
                continue
            host.append(np.asarray(k._value))
            has_array = True
        elif isinstance(k, (list, np.ndarray)) or (isinstance(k, tuple)):
            host.append(np.asarray(k))
            has_array = True
        elif isinstance(k, (float, np.floating)):
            raise IndexError("only integers, slices (`:`), ellipsis (`...`), None and long or byte "
                             "Variables are valid indices (got float)")
        elif isinstance(k, (str, bytes, dict, set)):
            raise creation.invalid_data_type(k)
        else:
            host.append(_slice_ints(k))
    if not has_array:
        return _ix.split_key(tuple(host))[0], []
    host = _ix.mask_to_indices(tuple(t._data.shape), tuple(host))
    _ix.check_bounds(tuple(t._data.shape), host)
    spec, arrays = _ix.split_key(host)
    return spec, [jnp.asarray(a) for a in arrays]


def _slice_ints(k):
    """Tensor bounds inside slices become Python ints (the spec must be hashable)."""
    if isinstance(k, slice):
        conv = [int(v) if isinstance(v, Tensor) else v for v in (k.start, k.stop, k.step)]
        return slice(*conv)
    return k
