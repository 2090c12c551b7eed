"""``quantile`` and ``nanquantile``, composed from table ops as torch composes them: sort,
rank ``q * (count - 1)``, gather the neighbours and interpolate.

>>> import compat as torch
>>> torch.tensor([1., 2., 3., 4.]).quantile(0.5)
tensor(2.5000)
"""
from __future__ import annotations

import builtins

import numpy as np

from jaxgrad.functional._checks import normalize_dim

from ..tensors import Tensor
from .. import creation
from .registry import method

_MODES = ("linear", "lower", "higher", "midpoint", "nearest")


def _checked_q(self, q, name):
    if isinstance(q, Tensor):
        if q.ndim > 1:
            raise RuntimeError(f"{name}() q must be a scalar or 1D tensor")
        if q.dtype != self.dtype:
            raise RuntimeError(f"{name}() q tensor must be same dtype as the input tensor")
        values = np.asarray(q._value)
        if values.size and not ((values >= 0) & (values <= 1)).all():
            raise RuntimeError(f"{name}() q values must be in the range [0, 1]")
        return q, q.ndim == 0
    if not 0 <= q <= 1:
        raise RuntimeError(f"{name}() q must be in the range [0, 1] but got {q}")
    return creation.tensor(builtins.float(q), dtype=self.dtype), True


def _quantile(self, q, dim, keepdim, interpolation, ignore_nan):
    name = "quantile"  # torch's messages name quantile for nanquantile too
    if self.numel() == 0:
        raise RuntimeError(f"{name}() input tensor must be non-empty")
    if not self.dtype.is_floating_point or self.dtype.itemsize < 4:
        raise RuntimeError(f"{name}() input tensor must be either float or double dtype")
    q, scalar = _checked_q(self, q, name)
    if interpolation not in _MODES:
        raise RuntimeError(f"{name}() interpolation must be one of linear, lower, higher, "
                           f"midpoint or nearest, but got {interpolation}")
    if dim is None:
        ordered = self.flatten().sort()[0]
        shape = [1] * self.ndim if keepdim else []
    else:
        axis = normalize_dim(dim, builtins.max(self.ndim, 1))
        if self.ndim == 0:
            ordered = self.reshape(1)
            shape = []
        else:
            moved = self if axis == self.ndim - 1 else self.unsqueeze(-1).transpose(axis, -1)
            ordered = moved.sort()[0]
            shape = list(self.shape)
            if keepdim:
                shape[axis] = 1
            else:
                del shape[axis]
    count = q.numel()
    n = ordered.shape[-1]
    ordered = ordered.reshape(*([1] + shape + [n]))
    q = q.reshape(*([count] + [1] * len(shape) + [1]))
    missing = ordered.isnan()
    if ignore_nan:
        ranks = q * (missing.logical_not().sum(-1, True) - 1)
        # a row of NaNs only: the last value (NaN) wherever q points
        ranks = ranks.masked_fill(ranks < 0, 0)
    else:
        ranks = (q * (n - 1)).masked_fill(missing.any(-1, True), n - 1)
    if interpolation == "lower":
        ranks = ranks.floor()
    elif interpolation == "higher":
        ranks = ranks.ceil()
    elif interpolation == "nearest":
        ranks = ranks.round()
    full = [count] + shape + [n]
    ordered = ordered.expand(*full)
    below = ranks.long()
    values = ordered.gather(-1, below.expand(*(full[:-1] + [1])))
    if interpolation in ("linear", "midpoint"):
        weights = ranks - below if interpolation == "linear" else ranks.new_full(ranks.shape, 0.5)
        above = ranks.ceil().long()
        values = values.lerp(ordered.gather(-1, above.expand(*(full[:-1] + [1]))), weights)
    values = values.squeeze_(-1)
    return values.squeeze_(0) if scalar else values


@method("quantile", function=True)
def quantile(self, q, dim=None, keepdim=False, *, interpolation="linear"):
    """torch.quantile: the ``q``-th quantiles (a number or a 1-D tensor, leading the result)
    of all elements or along ``dim``, interpolated between neighbours as ``interpolation``
    says; NaN where a NaN is among the values."""
    return _quantile(self, q, dim, keepdim, interpolation, False)


@method("nanquantile", function=True)
def nanquantile(self, q, dim=None, keepdim=False, *, interpolation="linear"):
    """torch.nanquantile: :func:`quantile` of the values that are not NaN."""
    return _quantile(self, q, dim, keepdim, interpolation, True)
