"""Helpers shared by the distributions: broadcasting parameters, probabilities ⇄ logits,
lazily computed parameters, and the standard-normal draw reparameterized samples start from.

>>> import compat as torch
>>> loc, scale = broadcast_all(torch.zeros(2), 1.0)
>>> scale
tensor([1., 1.])
>>> probs_to_logits(torch.tensor([0.5, 0.5]))
tensor([-0.6931, -0.6931])
"""
from __future__ import annotations

import functools
import numbers

from .. import creation, grad_mode
from .. import dtypes as _dt
from ..nn import functional as F
from ..ops.functions import broadcast_tensors
from ..tensors import Tensor

__all__ = ["broadcast_all", "clamp_probs", "lazy_property", "logits_to_probs", "probs_to_logits"]

euler_constant = 0.57721566490153286060  # the Euler–Mascheroni constant


def broadcast_all(*values):
    """Broadcast Tensors and numbers together; numbers become tensors of the first tensor's
    dtype (the default dtype when all are numbers), as torch's ``broadcast_all``.

    >>> import compat as torch
    >>> [v.dtype for v in broadcast_all(1.0, torch.zeros(2, dtype=torch.float64))]
    [torch.float64, torch.float64]
    """
    if not all(isinstance(v, (Tensor, numbers.Number)) for v in values):
        raise ValueError("Input arguments must all be instances of Number, torch.Tensor or "
                         "objects implementing __torch_function__.")
    if not all(isinstance(v, Tensor) for v in values):
        dtype = next((v.dtype for v in values if isinstance(v, Tensor)),
                     _dt.get_default_dtype())
        values = [v if isinstance(v, Tensor) else creation.tensor(v, dtype=dtype) for v in values]
    return broadcast_tensors(*values)


def standard_normal(shape, dtype):
    """Standard normal draws of ``shape``: ``empty(shape).normal_()``, the call (and so the
    stream of numbers) torch's reparameterized samplers use.

    >>> import compat as torch
    >>> _ = torch.manual_seed(0)
    >>> standard_normal((2,), torch.float32)
    tensor([ 1.5410, -0.2934])
    """
    return creation.empty(shape, dtype=dtype).normal_()


def sum_rightmost(value, dim):
    """Sum out the ``dim`` rightmost dims of ``value``.

    >>> import compat as torch
    >>> sum_rightmost(torch.ones(2, 3, 4), 2)
    tensor([12., 12.])
    """
    if dim == 0:
        return value
    return value.reshape(tuple(value.shape[:-dim]) + (-1,)).sum(-1)


def logits_to_probs(logits, is_binary=False):
    """Probabilities from logits: a sigmoid for binary events, else a softmax over the last dim.

    >>> import compat as torch
    >>> logits_to_probs(torch.tensor([0.0]), is_binary=True)
    tensor([0.5000])
    """
    if is_binary:
        return logits.sigmoid()
    return F.softmax(logits, dim=-1)


def clamp_probs(probs):
    """Probabilities clamped into ``[eps, 1 - eps]`` (``eps`` of their dtype), so their logs
    are finite.

    >>> import compat as torch
    >>> clamp_probs(torch.tensor([0.0, 0.5, 1.0]))
    tensor([1.1921e-07, 5.0000e-01, 1.0000e+00])
    """
    eps = _dt.finfo(probs.dtype).eps
    return probs.clamp(min=eps, max=1 - eps)


def probs_to_logits(probs, is_binary=False):
    """Logits from probabilities (log-odds for binary events, log-probabilities otherwise).

    >>> import compat as torch
    >>> probs_to_logits(torch.tensor([0.5]), is_binary=True)
    tensor([0.])
    """
    clamped = clamp_probs(probs)
    if is_binary:
        return clamped.log() - (-clamped).log1p()
    return clamped.log()


class lazy_property:
    """A parameter computed from another on first access (``probs`` from ``logits``), then
    stored on the instance; computed with grad enabled, as torch's, so it stays differentiable
    even when first read under ``no_grad``.

    >>> class Coin:
    ...     @lazy_property
    ...     def side(self):
    ...         return "heads"
    >>> c = Coin(); c.side, "side" in c.__dict__
    ('heads', True)
    """

    def __init__(self, wrapped):
        self.wrapped = wrapped
        functools.update_wrapper(self, wrapped)

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        with grad_mode.enable_grad():
            value = self.wrapped(instance)
        setattr(instance, self.wrapped.__name__, value)
        return value


def all_true(valid) -> bool:
    """Whether a check's result (a bool tensor, or a Python bool) holds everywhere."""
    if isinstance(valid, Tensor):
        return bool(valid.all())
    return bool(valid)



def check_probs_or_logits(probs, logits):
    """torch's refusal of both or neither of ``probs`` and ``logits``."""
    if (probs is None) == (logits is None):
        raise ValueError("Either `probs` or `logits` must be specified, but not both.")
