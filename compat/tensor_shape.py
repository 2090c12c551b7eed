"""Tensor views, shape ops, indexing and index assignment.

View ops (``view``, ``transpose``, ``x[0]``, …) return tensors that remember their base, so
in-place writes through them reach the base, as torch's shared storage.

>>> import compat as torch
>>> x = torch.zeros(2, 3)
>>> x[0].fill_(1.)
tensor([1., 1., 1.])
>>> x
tensor([[1., 1., 1.],
        [0., 0., 0.]])
"""
from __future__ import annotations

import builtins
import warnings

import jax.numpy as jnp
import numpy as np

from jaxgrad import functional as F
from jaxgrad.functional import indexing as _ix

from . import dispatch as _dispatch
from .dispatch import call, dispatch

_EMPTY: dict = {}


def _sizes(args):
    """Accept both ``f(2, 3)`` and ``f((2, 3))`` as torch does."""
    if len(args) == 1 and isinstance(args[0], (tuple, list)):
        return tuple(args[0])
    return tuple(args)


def _compose(parent, fn, extra, kwargs, item):
    """The base → view function of a view taken from a view."""
    def view(base_array):
        source = base_array if parent is None else parent(base_array)
        out = call(fn, (source, *extra), kwargs)
        return out if item is None else out[item]
    return view


def _as_view(out, source, fn, extra=(), kwargs=_EMPTY, item=None):
    base = source._base if source._base is not None else source
    out._base = base
    out._view = _compose(source._view if source._base is not None else None, fn, extra, kwargs, item)
    out._view_version = base._version
    out._view_history = base._grad_fn
    return out


class ShapeMixin:
    """Shape, view and indexing methods of Tensor."""

    __slots__ = ()

    def _view_op(self, fn, name, kwargs=_EMPTY):
        return _as_view(dispatch(fn, name, (self,), kwargs), self, fn, (), kwargs)

    def _multi_view_op(self, fn, name, kwargs):
        outs = dispatch(fn, name, (self,), kwargs)
        return tuple(_as_view(o, self, fn, (), kwargs, i) for i, o in enumerate(outs))

    # -------------------------------------------------------------- views
    def view(self, *shape):
        from .dtypes import dtype
        if len(shape) == 1 and isinstance(shape[0], dtype):
            if shape[0] is self.dtype:
                return self.detach()  # torch: view(dtype) is not differentiable
            raise RuntimeError("view(dtype) between dtypes of different sizes is not supported")
        return self._view_op(F.reshape, "ViewBackward0", {"shape": _sizes(shape)})

    def view_as(self, other):
        return self.view(tuple(other.shape))

    def reshape(self, *shape):
        return self._view_op(F.reshape, "ViewBackward0", {"shape": _sizes(shape)})

    def reshape_as(self, other):
        return self.reshape(tuple(other.shape))

    def t(self):
        return self._view_op(F.t, "TBackward0")

    def t_(self):
        return self._assign_shape(self._view_op(F.t, "TBackward1"))

    @property
    def T(self):
        return self._view_op(F.permute, "PermuteBackward0", {"dims": tuple(range(self.ndim))[::-1]})

    @property
    def mT(self):
        return self.transpose(-2, -1)

    def transpose(self, dim0, dim1):
        return self._view_op(F.transpose, "TransposeBackward0", {"dim0": dim0, "dim1": dim1})

    swapaxes = swapdims = transpose

    def permute(self, *dims):
        return self._view_op(F.permute, "PermuteBackward0", {"dims": _sizes(dims)})

    def unsqueeze(self, dim):
        return self._view_op(F.unsqueeze, "UnsqueezeBackward0", {"dim": dim})

    def squeeze(self, dim=None):
        if dim is None:
            return self._view_op(F.squeeze, "SqueezeBackward0")
        if isinstance(dim, (tuple, list)):
            return self._view_op(F.squeeze, "SqueezeBackward2", {"dim": tuple(dim)})
        return self._view_op(F.squeeze, "SqueezeBackward1", {"dim": dim})

    def expand(self, *sizes):
        return self._view_op(F.expand, "ExpandBackward0", {"size": _sizes(sizes)})

    def expand_as(self, other):
        return self.expand(tuple(other.shape))

    def broadcast_to(self, size):
        return self.expand(tuple(size))

    def flatten(self, start_dim=0, end_dim=-1):
        if self.ndim and F._checks.normalize_dim(start_dim, self.ndim) == \
                F._checks.normalize_dim(end_dim, self.ndim):
            return self  # torch returns the input itself when there is nothing to flatten
        return self._view_op(F.flatten, "ViewBackward0", {"start_dim": start_dim, "end_dim": end_dim})

    def ravel(self):
        return self.flatten()

    def unflatten(self, dim, sizes):
        return self._view_op(F.unflatten, "ViewBackward0", {"dim": dim, "sizes": tuple(sizes)})

    def movedim(self, source, destination):
        return self._view_op(F.movedim, "PermuteBackward0",
                             {"source": _hashable(source), "destination": _hashable(destination)})

    moveaxis = movedim

    def narrow(self, dim, start, length):
        return self._view_op(F.narrow, "SliceBackward0",
                             {"dim": dim, "start": int(start), "length": int(length)})

    def select(self, dim, index):
        return self._view_op(F.select, "SelectBackward0", {"dim": dim, "index": int(index)})

    def diagonal(self, offset=0, dim1=0, dim2=1):
        return self._view_op(F.diagonal, "DiagonalBackward0",
                             {"offset": offset, "dim1": dim1, "dim2": dim2})

    def split(self, split_size, dim=0):
        sizes = split_size if isinstance(split_size, int) else tuple(split_size)
        name = "SplitBackward0" if isinstance(split_size, int) else "SplitWithSizesBackward0"
        return self._multi_view_op(F.split, name, {"split_size_or_sections": sizes, "dim": dim})

    def chunk(self, chunks, dim=0):
        return self._multi_view_op(F.chunk, "SplitBackward0", {"chunks": chunks, "dim": dim})

    def unbind(self, dim=0):
        return self._multi_view_op(F.unbind, "UnbindBackward0", {"dim": dim})

    def contiguous(self, memory_format=None):
        return self

    # -------------------------------------------------------------- copies
    def clone(self, *, memory_format=None):
        return dispatch(F.clone, "CloneBackward0", (self,))

    def flip(self, *dims):
        return dispatch(F.flip, "FlipBackward0", (self,), {"dims": _sizes(dims)})

    def roll(self, shifts, dims=None):
        return dispatch(F.roll, "RollBackward0", (self,),
                        {"shifts": _hashable(shifts), "dims": _hashable(dims)})

    def repeat(self, *sizes):
        return dispatch(F.repeat, "RepeatBackward0", (self,), {"sizes": _sizes(sizes)})

    def tril(self, diagonal=0):
        return dispatch(F.tril, "TrilBackward0", (self,), {"diagonal": diagonal})

    def triu(self, diagonal=0):
        return dispatch(F.triu, "TriuBackward0", (self,), {"diagonal": diagonal})

    # -------------------------------------------------------------- in-place fills
    def zero_(self):
        self._check_inplace()
        if self._requires_grad and _dispatch._STATE.enabled:
            return self._assign(dispatch(F.fill, "ZeroBackward0", (self, 0)))
        from .tensors import _cached_zeros
        self._set_data(_cached_zeros(self._data.shape, self._data.dtype))
        return self

    def fill_(self, value):
        return self._inplace(F.fill, "FillBackward3" if _is_tensor(value) else "FillBackward2",
                             (self, value))

    def copy_(self, src, non_blocking=False):
        if not _is_tensor(src):
            raise TypeError(f"copy_(): argument 'other' (position 1) must be Tensor, not "
                            f"{type(src).__name__}")
        return self._inplace(F.copy, "CopyBackwards", (self, src))

    def set_(self, source):
        self._set_data(source._value)
        return self

    def _assign_shape(self, out):
        self._data, self._grad_fn = out._data, out._grad_fn
        self._version += 1
        return self

    # -------------------------------------------------------------- indexing
    def __getitem__(self, key):
        spec, arrays = _index_key(self, key)
        if not _ix.is_advanced(spec):
            name = _basic_index_name(spec, self._data.shape, single=not isinstance(key, tuple))
            out = dispatch(F.index, name, (self,), {"key": spec})
            return _as_view(out, self, F.index, (), {"key": spec})
        return dispatch(F.index, "IndexBackward0", (self, *arrays), {"key": spec})

    def __setitem__(self, key, value):
        spec, arrays = _index_key(self, key)
        if _writes_into_view(spec, self._data.shape):
            name = "CopySlices"  # torch writes into the view its ints/slices/None take
        elif _ix.is_advanced(spec):
            name = "IndexPutBackward0"  # index_put_ on the tensor itself
        elif self.ndim and (not _is_tensor(value) or value.ndim == 0):
            name = "FillBackward3"  # x[:] = 0-d value is x.fill_(value)
        else:
            name = "CopyBackwards"  # x[:] = v and x[...] = v are x.copy_(v)
        if name == "CopySlices":
            if _dispatch._STATE.enabled and self._requires_grad and self.is_leaf and self._base is None:
                raise RuntimeError("a view of a leaf Variable that requires grad is being used in an "
                                   "in-place operation.")
        self._check_inplace()
        out = dispatch(F.index_put, name, (self, value, *arrays), {"key": spec})
        self._assign(out)

    def index_put_(self, indices, values, accumulate=False):
        self._check_inplace()
        spec, arrays = _index_key(self, tuple(indices))
        out = dispatch(F.index_put, "IndexPutBackward0", (self, values, *arrays),
                       {"key": spec, "accumulate": accumulate})
        return self._assign(out)

    def index_put(self, indices, values, accumulate=False):
        spec, arrays = _index_key(self, tuple(indices))
        return dispatch(F.index_put, "IndexPutBackward0", (self, values, *arrays),
                        {"key": spec, "accumulate": accumulate})


def _hashable(x):
    return tuple(x) if isinstance(x, list) else x


def _is_tensor(x) -> bool:
    return isinstance(x, _dispatch.Tensor)


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
            dim = len(shape) - sum(1 for r in spec[pos + 1:] if _ix.consumes_dim(r))
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
            dim = len(shape) - sum(1 for r in spec[pos + 1:] if _ix.consumes_dim(r))
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
    return isinstance(key, list) and len(key) < 32 and any(
        _is_tensor(k) or isinstance(k, (list, tuple, slice, str)) or k is None or k is Ellipsis
        for k in key)


def _index_key(t, key):
    """Split ``key`` into a static spec and checked integer index arrays (masks → indices)."""
    if _sequence_as_tuple(key) or isinstance(key, str):
        warnings.warn(_SEQUENCE_INDEX_WARNING, UserWarning, stacklevel=3)
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
        if _is_tensor(k):
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
            raise TypeError(f"new(): invalid data type '{type(k).__name__}'")
        else:
            host.append(_slice_ints(k))
    if not has_array:
        return _ix.split_key(tuple(host))[0], []
    for h in host:
        if isinstance(h, np.ndarray) and h.dtype.kind == "f":
            raise IndexError("tensors used as indices must be long, int, byte or bool tensors")
    host = _ix.mask_to_indices(tuple(t._data.shape), tuple(host))
    _ix.check_bounds(tuple(t._data.shape), host)
    spec, arrays = _ix.split_key(host)
    return spec, [jnp.asarray(a) for a in arrays]


def _slice_ints(k):
    """Tensor bounds inside slices become Python ints (the spec must be hashable)."""
    if isinstance(k, slice):
        conv = [int(v) if _is_tensor(v) else v for v in (k.start, k.stop, k.step)]
        return slice(*conv)
    return k
