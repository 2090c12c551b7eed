"""torch's composite arrangements, written from table ops as torch writes them:
``atleast_1d/2d/3d``, ``dstack``, ``column_stack``, ``row_stack``, ``hsplit``/``vsplit``/
``dsplit``, ``fliplr``/``flipud``, ``msort``, ``take_along_dim``, ``cartesian_prod``, ``combinations`` and
``tril_indices``/``triu_indices``.

>>> import compat as torch
>>> torch.atleast_2d(torch.tensor(1.)), torch.fliplr(torch.tensor([[1, 2]]))
(tensor([[1.]]), tensor([[2, 1]]))
"""
from __future__ import annotations

import builtins
import itertools

import jax.numpy as jnp
import numpy as np

from .. import dtypes as _dt
from ..tensors import Tensor
from .registry import FUNCTIONS, check_input, function, method


def _tensors(tensors):
    if len(tensors) == 1 and isinstance(tensors[0], (list, tuple)):
        return tuple(tensors[0]), True
    return tensors, len(tensors) != 1


def _at_least(name, make):
    def at_least(*tensors):
        tensors, many = _tensors(tensors)
        for t in tensors:
            check_input(t, name)
        result = tuple(make(t) for t in tensors)
        return result if many else result[0]
    at_least.__name__ = at_least.__qualname__ = name
    at_least.__module__ = "torch"
    return at_least


def _one(t):
    return t.reshape(1) if t.ndim == 0 else t


def _two(t):
    return t.reshape(1, 1) if t.ndim == 0 else t.unsqueeze(0) if t.ndim == 1 else t


def _three(t):
    if t.ndim == 0:
        return t.reshape(1, 1, 1)
    if t.ndim == 1:
        return t.unsqueeze(0).unsqueeze(-1)
    return t.unsqueeze(-1) if t.ndim == 2 else t


atleast_1d = function("atleast_1d")(_at_least("atleast_1d", _one))
atleast_1d.__doc__ = """torch.atleast_1d: each tensor, a 0-d one as 1-d (a tuple for several)."""
atleast_2d = function("atleast_2d")(_at_least("atleast_2d", _two))
atleast_2d.__doc__ = """torch.atleast_2d: each tensor with at least 2 dims (leading 1s)."""
atleast_3d = function("atleast_3d")(_at_least("atleast_3d", _three))
atleast_3d.__doc__ = """torch.atleast_3d: each tensor with at least 3 dims (as numpy's)."""


@function("dstack")
def dstack(tensors, *, out=None):
    """torch.dstack: the tensors, each at least 3-d, concatenated along dim 2."""
    return FUNCTIONS["cat"](list(atleast_3d(tuple(tensors))), 2, out=out)


@function("column_stack")
def column_stack(tensors, *, out=None):
    """torch.column_stack: 0-d and 1-d tensors as columns, concatenated along dim 1."""
    columns = [t.reshape(t.numel(), 1) if t.ndim <= 1 else t for t in tensors]
    return FUNCTIONS["cat"](columns, 1, out=out)


@function("row_stack")
def row_stack(tensors, *, out=None):
    """torch.row_stack: the tensors, each at least 2-d, concatenated along dim 0 (vstack)."""
    return FUNCTIONS["cat"](list(atleast_2d(tuple(tensors))), 0, out=out)


def _splitter(name, dim, least):
    def split(self, indices_or_sections):
        if self.ndim < least:
            raise RuntimeError(f"torch.{name} requires a tensor with at least {least} dimension, "
                               f"but got a tensor with {self.ndim} dimensions!")
        axis = dim if dim is not None else (1 if self.ndim >= 2 else 0)
        if isinstance(indices_or_sections, builtins.int):
            size = self.shape[axis]
            if indices_or_sections == 0 or size % indices_or_sections:
                raise RuntimeError(f"torch.{name} attempted to split along dimension {axis}, but "
                                   f"the size of the dimension {size} is not divisible by the "
                                   f"split_size {indices_or_sections}!")
        return self.tensor_split(indices_or_sections, axis)
    split.__name__ = split.__qualname__ = name
    split.__doc__ = (f"torch.{name}: :meth:`tensor_split` along dim "
                     f"{'1 (0 for 1-d tensors)' if dim is None else dim}; a number of "
                     "sections must divide that dim.")
    return split


hsplit = method("hsplit", function=True)(_splitter("hsplit", None, 1))
vsplit = method("vsplit", function=True)(_splitter("vsplit", 0, 2))
dsplit = method("dsplit", function=True)(_splitter("dsplit", 2, 3))


@method("fliplr", function=True)
def fliplr(self):
    """torch.fliplr: ``self`` flipped along dim 1 (at least 2-d)."""
    if self.ndim < 2:
        raise RuntimeError("Input must be >= 2-d.")
    return self.flip(1)


@method("flipud", function=True)
def flipud(self):
    """torch.flipud: ``self`` flipped along dim 0 (at least 1-d)."""
    if self.ndim < 1:
        raise RuntimeError("Input must be >= 1-d.")
    return self.flip(0)


@method("msort", function=True)
def msort(self):
    """torch.msort: ``self`` sorted along dim 0 (the values of ``sort(dim=0)``)."""
    return self.sort(0)[0]


@method("take_along_dim", function=True)
def take_along_dim(self, indices, dim=None):
    """torch.take_along_dim: ``gather`` along ``dim`` with ``self`` and ``indices`` broadcast
    over the other dims, or of the flattened ``self`` when ``dim`` is None."""
    if dim is None:
        return self.reshape(-1).gather(0, indices.reshape(-1))
    if self.ndim != indices.ndim:
        raise RuntimeError("torch.take_along_dim(): input and indices should have the same "
                           f"number of dimensions, but got {self.ndim} dimensions for input, and "
                           f"{indices.ndim} dimensions for indices")
    axis = dim % self.ndim if self.ndim else 0
    shape = list(FUNCTIONS["broadcast_shapes"](
        tuple(s if i != axis else 1 for i, s in enumerate(self.shape)),
        tuple(s if i != axis else 1 for i, s in enumerate(indices.shape))))
    self_shape, index_shape = list(shape), list(shape)
    if self.ndim:
        self_shape[axis], index_shape[axis] = self.shape[axis], indices.shape[axis]
    source = self if list(self.shape) == self_shape else self.expand(*self_shape)
    index = indices if list(indices.shape) == index_shape else indices.expand(*index_shape)
    return source.gather(dim, index)


def _one_dimensional(t):
    if t.ndim != 1:
        raise RuntimeError(f"Expect a 1D vector, but got shape {list(t.shape)}")


@function("cartesian_prod")
def cartesian_prod(*tensors):
    """torch.cartesian_prod: every combination of the 1-D tensors' elements, one per row."""
    for t in tensors:
        _one_dimensional(t)
    if len(tensors) == 1:
        return tensors[0]
    grids = FUNCTIONS["meshgrid"](*tensors, indexing="ij")
    return FUNCTIONS["stack"]([g.flatten() for g in grids], 1)


def _triangle_indices(name, upper):
    def indices(row, col, offset=0, *, dtype=None, device=None, layout=None, requires_grad=False,
                pin_memory=False):
        if row < 0:
            raise RuntimeError(f"row must be non-negative, got{row}")
        if col < 0:
            raise RuntimeError(f"col must be non-negative, got{col}")
        rows, cols = np.indices((row, col)).reshape(2, -1)
        keep = cols - rows >= offset if upper else cols - rows <= offset
        picked = np.stack([rows[keep], cols[keep]]).astype(np.int64)
        result = Tensor._make(jnp.asarray(picked))
        return result if dtype is None or dtype == _dt.long else result.to(dtype)
    indices.__name__ = indices.__qualname__ = name
    indices.__doc__ = (f"torch.{name}: the (row, column) coordinates of the "
                       f"{'upper' if upper else 'lower'} triangle of a ``row`` x ``col`` matrix "
                       "(from the ``offset`` diagonal), row by row, as a 2 x N tensor.")
    return indices


tril_indices = function("tril_indices")(_triangle_indices("tril_indices", False))
triu_indices = function("triu_indices")(_triangle_indices("triu_indices", True))


@function("combinations")
def combinations(input, r=2, with_replacement=False):
    """torch.combinations: every length-``r`` combination of the 1-D ``input``'s elements (with
    repeats when ``with_replacement``), one per row, in itertools' order."""
    _one_dimensional(input)
    if r < 0:
        raise RuntimeError(f"Expect a non-negative number, but got {r}")
    if r == 0:
        return input.new_empty(0)
    pick = itertools.combinations_with_replacement if with_replacement else itertools.combinations
    rows = np.asarray(list(pick(range(input.shape[0]), r)), np.int64).reshape(-1, r)
    columns = [input.index_select(0, Tensor._make(jnp.asarray(rows[:, k]))) for k in range(r)]
    return FUNCTIONS["stack"](columns, 1)
