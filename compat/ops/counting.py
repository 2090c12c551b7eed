"""Op-table entries that search and count: ``unique``, ``unique_consecutive``,
``searchsorted``, ``bucketize``, ``bincount``, ``histc`` and ``histogram``.

A result whose size depends on the values (unique's, bincount's, the range of a histogram) is
decided on the host, as torch's CPU kernels decide it; the values themselves come from table
ops, which carry torch's nodes.

>>> import compat as torch
>>> torch.tensor([3, 1, 3]).unique(return_counts=True)
(tensor([1, 3]), tensor([1, 2]))
"""
from __future__ import annotations

import builtins

import jax.numpy as jnp
import numpy as np

from jaxgrad.functional import counting as C
from jaxgrad.functional._checks import normalize_dim, not_implemented

from .. import creation
from .. import dtypes as _dt
from ..tensors import Tensor
from .reductions import return_type
from .registry import FUNCTIONS, check_input, function, method, op

HISTOGRAM = return_type("histogram", ("hist", "bin_edges"))

_UNIQUE_NODES = {"_unique2": "Unique2Backward0", "unique_dim": "UniqueDimBackward0",
                 "unique_consecutive": "UniqueConsecutiveBackward0"}
_unique_values = op("unique_values(self, index, dim, name)", C.unique_values,
                    lambda self, index, dim, name: _UNIQUE_NODES[name],
                    traced=("self", "index"), method=False, function=False)
_searchsorted = op("searchsorted(self, values, out_int32=False, right=False, sorter=None)",
                   C.searchsorted, "", traced=("self", "values", "sorter"),
                   fn_names={"self": "sorted_sequence"}, method=False,
                   function=False)
_bincount = op("bincount(self, weights, length)", C.bincount, "NotImplemented",
               traced=("self", "weights"), method=False, function=False)
_histc = op("histc(self, bins, low, high)", C.histc, "", method=False, function=False)
_histogram = op("histogram(self, edges, weight, density)", C.histogram_counts, "NotImplemented",
                traced=("self", "edges", "weight"), returns=HISTOGRAM, method=False,
                function=False)


def _long(array):
    return Tensor._make(jnp.asarray(np.asarray(array, np.int64)))


def _unique_result(values, inverse, counts, return_inverse, return_counts):
    if not (return_inverse or return_counts):
        return values
    return (values,) + ((_long(inverse),) if return_inverse else ()) \
        + ((_long(counts),) if return_counts else ())


def _slices(self, dim):
    """``self``'s host values with ``dim`` first, one row per slice along it."""
    axis = normalize_dim(dim, self.ndim)
    moved = np.moveaxis(np.asarray(self._value), axis, 0)
    if moved.shape[0] and 0 in moved.shape[1:]:
        raise RuntimeError("There are 0 sized dimensions, and they aren't selected, so unique "
                           "cannot be applied")
    return axis, moved.reshape(moved.shape[0], -1)


@method("unique", function=True)
def unique(self, sorted=True, return_inverse=False, return_counts=False, dim=None):
    """torch.unique: the distinct elements (or slices along ``dim``), sorted (torch's CPU
    kernel sorts whatever ``sorted`` says; NaNs stay distinct), with the index of each
    element's value and each value's count when asked."""
    if dim is None:
        flat = np.asarray(self._value).reshape(-1)
        values, first, inverse, counts = np.unique(flat, return_index=True, return_inverse=True,
                                                   return_counts=True, equal_nan=False)
        taken = _unique_values(self, jnp.asarray(first.astype(np.int64)), None, "_unique2")
        return _unique_result(taken, inverse.reshape(tuple(self.shape)), counts, return_inverse,
                              return_counts)
    axis, rows = _slices(self, dim)
    if rows.shape[0] == 0:
        first = inverse = counts = np.zeros(0, np.int64)
    else:
        _, first, inverse, counts = np.unique(rows, axis=0, return_index=True,
                                              return_inverse=True, return_counts=True)
    taken = _unique_values(self, jnp.asarray(first.astype(np.int64)), axis, "unique_dim")
    return _unique_result(taken, inverse.reshape(-1), counts, return_inverse, return_counts)


@method("unique_consecutive", function=True)
def unique_consecutive(self, return_inverse=False, return_counts=False, dim=None):
    """torch.unique_consecutive: each run of equal consecutive elements (or slices along
    ``dim``) once, with the index of each element's run and each run's length when asked."""
    if dim is None:
        axis, rows = None, np.asarray(self._value).reshape(-1, 1)
        shape = tuple(self.shape)
    else:
        axis, rows = _slices(self, dim)
        shape = (rows.shape[0],)
    changed = np.ones(rows.shape[0], bool)
    if rows.shape[0] > 1:
        changed[1:] = np.any(rows[1:] != rows[:-1], axis=1)
    starts = np.flatnonzero(changed)
    counts = np.diff(np.append(starts, rows.shape[0]))
    inverse = (np.cumsum(changed) - 1).reshape(shape)
    taken = _unique_values(self, jnp.asarray(starts.astype(np.int64)), axis,
                           "unique_consecutive")
    return _unique_result(taken, inverse, counts, return_inverse, return_counts)


def _as_values(values):
    return values if isinstance(values, Tensor) else creation.tensor(values)


@function("searchsorted")
def searchsorted(sorted_sequence, input, *, out_int32=False, right=False, side=None, out=None,
                 sorter=None):
    """torch.searchsorted: the index where each of ``input``'s values would go in the innermost
    dim of ``sorted_sequence`` (``right``/``side="right"``: after equal entries), int64 or
    int32; ``sorter`` sorts an unsorted sequence."""
    check_input(sorted_sequence, "searchsorted")
    if side is not None:
        if side not in ("left", "right"):
            raise RuntimeError(f"torch.searchsorted(): side can only be 'left' or 'right' but got "
                               f"{side}")
        if right and side == "left":
            raise RuntimeError("torch.searchsorted(): side and right can't be set to opposites, "
                               "got side of left while right was True")
        right = side == "right"
    values = _as_values(input)
    if sorted_sequence.ndim == 0:
        raise RuntimeError("torch.searchsorted(): boundaries tensor should have positive "
                           "dimension, but got 0 dimension")
    if sorted_sequence.ndim != 1 and (sorted_sequence.ndim != values.ndim or tuple(
            sorted_sequence.shape[:-1]) != tuple(values.shape[:-1])):
        raise RuntimeError("torch.searchsorted(): boundaries tensor should be 1 dimension or the "
                           "first N-1 dimensions of boundaries tensor and input value tensor "
                           f"must match, but we got boundaries tensor {list(sorted_sequence.shape)}"
                           f" and input value tensor {list(values.shape)}")
    if sorter is not None and tuple(sorter.shape) != tuple(sorted_sequence.shape):
        raise RuntimeError("torch.searchsorted(): boundary and sorter must have the same size, "
                           f"but got boundary tensor {list(sorted_sequence.shape)}and got sorter "
                           f"tensor {list(sorter.shape)}")
    result = _searchsorted(sorted_sequence.detach(), values.detach(), out_int32, right,
                           None if sorter is None else sorter.detach())
    return result if out is None else out.copy_(result)


@function("bucketize")
def bucketize(input, boundaries, *, out_int32=False, right=False, out=None):
    """torch.bucketize: the index of the bucket of each of ``input``'s values among the 1-D
    ``boundaries`` (``right``: boundaries belong to the bucket below)."""
    check_input(boundaries, "bucketize")
    if boundaries.ndim != 1:
        raise RuntimeError(f"boundaries tensor must be 1 dimension, but got dim({boundaries.ndim})")
    result = _searchsorted(boundaries.detach(), _as_values(input).detach(), out_int32, right)
    return result if out is None else out.copy_(result)


@method("bincount", function=True)
def bincount(self, weights=None, minlength=0):
    """torch.bincount: how often each of ``0..max(self)`` (at least ``minlength`` bins) occurs
    in a 1-D tensor of non-negative integers, or the sum of the ``weights`` there."""
    if self.dtype == _dt.bool or self.dtype.is_floating_point or self.dtype.is_complex:
        raise not_implemented("bincount_cpu", self.dtype.np)
    if minlength < 0:
        raise RuntimeError("minlength should be >= 0")
    values = np.asarray(self._value)
    if self.ndim != 1 or (values.size and values.min() < 0):
        raise RuntimeError("bincount only supports 1-d non-negative integral inputs.")
    if weights is not None and (weights.ndim != 1 or weights.shape[0] != self.shape[0]):
        raise RuntimeError("weights should be 1-d and have the same length as input")
    length = builtins.max(builtins.int(values.max()) + 1 if values.size else 0, minlength)
    return _bincount(self, weights, length)


def _shown(number):
    """A bound as torch's messages print a double (``1``, ``2.5``, ``inf``)."""
    return f"{number:g}"


def _floating_only(self, kernel):
    if not self.dtype.is_floating_point:
        raise not_implemented(kernel, self.dtype.np)


def _bins_positive(bins):
    if bins <= 0:
        raise RuntimeError(f"torch.histogram(): bins must be > 0, but got {bins} for dimension 0")


def _data_range(self):
    values = np.asarray(self._value)
    if not values.size:
        return 0.0, 0.0
    return builtins.float(values.min()), builtins.float(values.max())


@method("histc", function=True)
def histc(self, bins=100, min=0, max=0):
    """torch.histc: counts in ``bins`` equal bins between ``min`` and ``max`` (both 0: the
    data's own range), in ``self``'s floating dtype; elements outside are not counted."""
    _floating_only(self, "histogram_cpu")
    _bins_positive(bins)
    low, high = builtins.float(min), builtins.float(max)
    if low > high:
        raise RuntimeError("torch.histc: max must be larger than min")
    if low == high:
        low, high = _data_range(self)
        if np.isnan(low) or np.isnan(high):  # torch's message shows these as -nan
            raise RuntimeError("torch.histc: range of [-nan, -nan] is not finite")
    if low == high:
        low, high = low - 1, high + 1
    if not (np.isfinite(low) and np.isfinite(high)):
        raise RuntimeError(f"torch.histc: range of [{_shown(low)}, {_shown(high)}] is not finite")
    return _histc(self.detach(), builtins.int(bins), low, high)


@method("histogram", function=True)
def histogram(self, bins, *, range=None, weight=None, density=False):
    """torch.histogram: ``(hist, bin_edges)``: counts (or ``weight`` sums, or a density) in
    ``bins`` equal bins over ``range`` (default: the data's), or between the given edges."""
    _floating_only(self, "histogramdd")
    if weight is not None and tuple(weight.shape) != tuple(self.shape):
        raise RuntimeError("torch.histogramdd: if weight tensor is provided it should have the "
                           "same shape as the input tensor excluding its innermost dimension, but "
                           f"got input with shape {[self.numel(), 1]} and weight with shape "
                           f"{list(weight.shape)}")
    if isinstance(bins, Tensor):
        if bins.dtype != self.dtype:
            raise RuntimeError("torch.histogramdd: input tensor and bins tensors should have the "
                               f"same dtype, but got input with dtype {_c_name(self.dtype)} and "
                               f"bins for dimension 0 with dtype {_c_name(bins.dtype)}")
        edges = bins.detach()
    else:
        _bins_positive(bins)
        if range is None:
            low, high = _data_range(self) if self.numel() else (0.0, 1.0)
        else:
            low, high = (builtins.float(r) for r in range)
            if low > high:
                raise RuntimeError(f"torch.histogramdd: min should not exceed max, but got min "
                                   f"{_shown(low)} max {_shown(high)} for dimension 0")
        if not (np.isfinite(low) and np.isfinite(high)):
            raise RuntimeError(f"torch.histogramdd: dimension 0's range [{_shown(low)}, "
                               f"{_shown(high)}] is not finite")
        if low == high:
            low, high = low - 0.5, high + 0.5
        edges = creation.linspace(low, high, builtins.int(bins) + 1, dtype=self.dtype)
    return _histogram(self, edges, weight, density)


def _c_name(dtype):
    """The C++ name torch's messages give a dtype (``float``, ``double``, ``long``)."""
    return {"float32": "float", "float64": "double", "float16": "c10::Half",
            "bfloat16": "c10::BFloat16"}.get(dtype.np.name, dtype.np.name)
