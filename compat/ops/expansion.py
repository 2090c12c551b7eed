"""Composites that lay out copies of their inputs: ``repeat_interleave`` and ``meshgrid``.

``repeat_interleave`` with a number of repeats is torch's unsqueeze → expand → contiguous clone →
flatten (so its node is ``ViewBackward0``); with a tensor of repeats it is an ``index_select``
whose indices depend on the repeats' values, which are read on the host (torch syncs there
too).

>>> import compat as torch
>>> torch.tensor([[1, 2], [3, 4]]).repeat_interleave(torch.tensor([1, 2]), dim=0)
tensor([[1, 2],
        [3, 4],
        [3, 4]])
"""
from __future__ import annotations

import builtins
import warnings

import jax.numpy as jnp
import numpy as np

from jaxgrad.functional._checks import normalize_dim, not_implemented

from .. import dtypes as _dt
from ..creation import invalid_combination
from ..tensors import Tensor
from ..typenames import type_name
from .registry import function, method

_TENSOR_SIGNATURES = ("(Tensor input, Tensor repeats, int dim = None, *, int output_size = None)",
                      "(Tensor repeats, *, int output_size = None)",
                      "(Tensor input, int repeats, int dim = None, *, int output_size = None)")
_METHOD_SIGNATURES = ("(Tensor repeats, int dim = None, *, int output_size = None)",
                      "(int repeats, int dim = None, *, int output_size = None)")


def _refuse(args, keywords, signatures):
    given = [(k, type_name(v)) for k, v in keywords.items() if v is not None]
    return TypeError(invalid_combination("repeat_interleave", [type_name(a) for a in args],
                                         given, signatures))


def _is_int(x) -> bool:
    return isinstance(x, builtins.int) and not isinstance(x, builtins.bool)


def _repeat_counts(repeats, output_size):
    """The values of a 1-d integer ``repeats`` tensor, checked as torch's
    ``repeat_interleave(repeats)`` checks them."""
    if repeats.ndim != 1:
        raise RuntimeError("repeat_interleave only accept 1D vector as repeat")
    if repeats.dtype.is_floating_point or repeats.dtype.is_complex or repeats.dtype is _dt.bool:
        raise not_implemented("repeat_interleave_cpu", repeats._value.dtype)
    counts = np.asarray(repeats._value).astype(np.int64)
    if (counts < 0).any():
        raise RuntimeError("repeats can not be negative")
    if output_size is not None and output_size != counts.sum():
        raise RuntimeError("allocated size does not match required size")
    return counts


def _positions(repeats, output_size):
    """``torch.repeat_interleave(repeats)``: each index ``i`` repeated ``repeats[i]`` times, in
    the repeats' dtype."""
    counts = _repeat_counts(repeats, output_size)
    index = np.repeat(np.arange(counts.size), counts).astype(repeats._value.dtype)
    return Tensor._make(jnp.asarray(index))


def _interleaved(self, repeats, dim, output_size):
    if dim is None:
        self, dim = self.flatten(), 0
    d = normalize_dim(dim, builtins.max(self.ndim, 1))
    size = self.shape[d] if self.ndim else 1
    if isinstance(repeats, Tensor):
        if repeats.ndim == 0 or (repeats.ndim == 1 and repeats.shape[0] == 1):
            repeats = repeats.reshape(1).expand(size)
        elif repeats.ndim == 1 and repeats.shape[0] != size:
            raise RuntimeError(f"repeats must have the same size as input along dim, but got "
                               f"repeats.size(0) = {repeats.shape[0]} and input.size({d}) = {size}")
        elif repeats.ndim > 1:
            raise RuntimeError("repeats must be 0-dim or 1-dim tensor")
        return self.index_select(d, _positions(repeats, output_size))
    if repeats < 0:
        raise RuntimeError("Repeats must be non-negative")
    if output_size is not None and output_size != size * repeats:
        raise RuntimeError(f"repeat_interleave: Invalid output_size, expected {size * repeats} "
                           f"but got {output_size}")
    if not self.ndim:
        self = self.reshape(1)
    shape = tuple(self.shape)
    spread = self.unsqueeze(d + 1).expand(shape[:d + 1] + (repeats,) + shape[d + 1:])
    # torch's copy here is contiguous whatever the input's layout, so the flatten is a view
    return spread.clone(memory_format=_dt.contiguous_format).flatten(d, d + 1)


def _valid(repeats, dim, output_size) -> bool:
    return ((isinstance(repeats, Tensor) or _is_int(repeats))
            and (dim is None or _is_int(dim)) and (output_size is None or _is_int(output_size)))


@method("repeat_interleave")
def repeat_interleave(self, repeats=None, dim=None, *, output_size=None):
    """Each element repeated ``repeats`` times (a number, or one count per element) along
    ``dim`` (over the flattened tensor when ``dim`` is None).

    >>> import compat as torch
    >>> torch.tensor([1., 2.]).repeat_interleave(2)
    tensor([1., 1., 2., 2.])
    """
    if not _valid(repeats, dim, output_size):
        given = {"dim": dim, "output_size": output_size}
        raise _refuse([] if repeats is None else [repeats], given, _METHOD_SIGNATURES)
    return _interleaved(self, repeats, dim, output_size)


@function("repeat_interleave")
def repeat_interleave_function(input, repeats=None, dim=None, *, output_size=None):
    """``torch.repeat_interleave(input, repeats, dim=None, *, output_size=None)``, and
    ``torch.repeat_interleave(repeats)``: the indices ``0 … n-1``, index ``i`` repeated
    ``repeats[i]`` times.

    >>> import compat as torch
    >>> torch.repeat_interleave(torch.tensor([2, 0, 1]))
    tensor([0, 0, 2])
    """
    if repeats is None and dim is None and isinstance(input, Tensor):
        return _positions(input, output_size)
    if not isinstance(input, Tensor) and repeats is None and dim is None:
        raise TypeError(f"repeat_interleave(): argument 'repeats' (position 1) must be Tensor, "
                        f"not {type_name(input)}")
    if not isinstance(input, Tensor) or not _valid(repeats, dim, output_size):
        given = {"dim": dim, "output_size": output_size}
        raise _refuse([input] + ([] if repeats is None else [repeats]), given, _TENSOR_SIGNATURES)
    return _interleaved(input, repeats, dim, output_size)


_MESHGRID_INDEXING_WARNING = (
    "torch.meshgrid: in an upcoming release, it will be required to pass the indexing argument. "
    "(Triggered internally at /__w/pytorch/pytorch/aten/src/ATen/native/TensorShape.cpp:4215.)")
_WARNED = set()  # torch's TORCH_WARN_ONCE: once per process


def _grid_inputs(tensors, indexing):
    for i, t in enumerate(tensors):
        if not isinstance(t, Tensor):
            raise TypeError(f"expected Tensor as element {i} in argument 0, but got "
                            f"{type_name(t)}")
    if indexing is not None and not isinstance(indexing, str):
        raise TypeError(f"meshgrid(): argument 'indexing' must be str, not {type_name(indexing)}")
    if indexing is None:  # torch warns before its kernel checks anything
        if "meshgrid" not in _WARNED:
            _WARNED.add("meshgrid")
            warnings.warn(_MESHGRID_INDEXING_WARNING, UserWarning, stacklevel=3)
        indexing = "ij"
    if not tensors:
        raise RuntimeError("meshgrid expects a non-empty TensorList")
    if any(t.dtype is not tensors[0].dtype for t in tensors):
        raise RuntimeError("meshgrid expects all tensors to have the same dtype")
    if indexing not in ("xy", "ij"):
        raise RuntimeError(f'torch.meshgrid: indexing must be one of "xy" or "ij", but '
                           f'received: {indexing}')
    for t in tensors:
        if t.ndim > 1:
            raise RuntimeError(f"torch.meshgrid: Expected 0D or 1D tensor in the tensor list "
                               f"but got: {t}")
    return indexing


@function("meshgrid")
def meshgrid(*tensors, indexing=None):
    """Coordinate grids from 0-d/1-d tensors: output ``i`` spreads ``tensors[i]`` along dim
    ``i`` (``indexing="ij"``, the default, with torch's warning when it is not given) or, for
    ``"xy"``, with the first two dims swapped; each is a view (expand of a view) of its input.

    >>> import compat as torch
    >>> xs, ys = torch.meshgrid(torch.tensor([1, 2]), torch.tensor([3, 4, 5]), indexing="xy")
    >>> xs
    tensor([[1, 2],
            [1, 2],
            [1, 2]])
    """
    if len(tensors) == 1 and isinstance(tensors[0], (list, tuple)):
        tensors = tuple(tensors[0])
    indexing = _grid_inputs(tensors, indexing)
    order = list(tensors)
    swap = indexing == "xy" and len(order) >= 2
    if swap:
        order[0], order[1] = order[1], order[0]
    shape = tuple(t.numel() for t in order)
    grids = []
    for i, t in enumerate(order):
        view_shape = [1] * len(order)
        view_shape[i] = -1
        grids.append(t.view(view_shape).expand(shape))
    if swap:
        grids[0], grids[1] = grids[1], grids[0]
    return tuple(grids)


# Python's own messages (``got an unexpected keyword argument``) name the function as torch's.
repeat_interleave_function.__name__ = repeat_interleave_function.__qualname__ = "repeat_interleave"
