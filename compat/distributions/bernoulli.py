"""``Bernoulli(probs=None, logits=None)``: 1 with probability ``probs``, else 0.

>>> import compat as torch
>>> from compat.distributions import Bernoulli
>>> _ = torch.manual_seed(0)
>>> Bernoulli(torch.tensor([0.3, 0.9])).sample()
tensor([0., 1.])
"""
from __future__ import annotations

import math
import numbers

from .. import creation, grad_mode
from .. import random as _random
from ..nn import functional as F
from ..size import Size
from . import constraints
from .distribution import ExponentialFamily
from .utils import (broadcast_all, check_probs_or_logits, lazy_property, logits_to_probs,
                    probs_to_logits)

__all__ = ["Bernoulli"]


class Bernoulli(ExponentialFamily):
    """A coin of probability ``probs`` (or log-odds ``logits``) of giving 1.

    >>> import compat as torch
    >>> from compat.distributions import Bernoulli
    >>> d = Bernoulli(logits=torch.tensor([0.0, 2.0]))
    >>> d.probs, d.entropy()
    (tensor([0.5000, 0.8808]), tensor([0.6931, 0.3653]))
    """

    arg_constraints = {"probs": constraints.unit_interval, "logits": constraints.real}
    support = constraints.boolean
    has_enumerate_support = True
    _mean_carrier_measure = 0

    def __init__(self, probs=None, logits=None, validate_args=None):
        check_probs_or_logits(probs, logits)
        if probs is not None:
            is_scalar = isinstance(probs, numbers.Number)
            (self.probs,) = broadcast_all(probs)
        else:
            is_scalar = isinstance(logits, numbers.Number)
            (self.logits,) = broadcast_all(logits)
        self._param = self.probs if probs is not None else self.logits
        batch_shape = Size() if is_scalar else self._param.size()
        super().__init__(batch_shape, validate_args=validate_args)

    def expand(self, batch_shape, _instance=None):
        new = self._get_checked_instance(Bernoulli, _instance)
        batch_shape = Size(batch_shape)
        if "probs" in self.__dict__:
            new.probs = self.probs.expand(batch_shape)
            new._param = new.probs
        if "logits" in self.__dict__:
            new.logits = self.logits.expand(batch_shape)
            new._param = new.logits
        super(Bernoulli, new).__init__(batch_shape, validate_args=False)
        new._validate_args = self._validate_args
        return new

    @property
    def mean(self):
        return self.probs

    @property
    def mode(self):
        mode = (self.probs >= 0.5).to(self.probs)
        mode[self.probs == 0.5] = math.nan
        return mode

    @property
    def variance(self):
        return self.probs * (1 - self.probs)

    @lazy_property
    def logits(self):
        return probs_to_logits(self.probs, is_binary=True)

    @lazy_property
    def probs(self):
        return logits_to_probs(self.logits, is_binary=True)

    @property
    def param_shape(self):
        return self._param.size()

    def sample(self, sample_shape=Size()):
        # torch.bernoulli of the expanded probabilities: torch's draw
        shape = self._extended_shape(sample_shape)
        with grad_mode.no_grad():
            return _random.bernoulli(self.probs.expand(shape))

    def log_prob(self, value):
        if self._validate_args:
            self._validate_sample(value)
        logits, value = broadcast_all(self.logits, value)
        return -F.binary_cross_entropy_with_logits(logits, value, reduction="none")

    def entropy(self):
        return F.binary_cross_entropy_with_logits(self.logits, self.probs, reduction="none")

    def enumerate_support(self, expand=True):
        values = creation.arange(2, dtype=self._param.dtype)
        values = values.view((-1,) + (1,) * len(self._batch_shape))
        if expand:
            values = values.expand((-1,) + self._batch_shape)
        return values

    @property
    def _natural_params(self):
        return ((self.probs / (1 - self.probs)).log(),)  # torch.logit(probs)

    def _log_normalizer(self, x):
        return x.exp().log1p()
