"""``Uniform(low, high)``: uniform on the half-open interval ``[low, high)``.

>>> import compat as torch
>>> from compat.distributions import Uniform
>>> _ = torch.manual_seed(0)
>>> Uniform(torch.tensor([0.0]), torch.tensor([5.0])).sample()
tensor([2.4813])
"""
from __future__ import annotations

import math
import numbers

from .. import random as _random
from ..size import Size
from . import constraints
from .distribution import Distribution
from .utils import broadcast_all

__all__ = ["Uniform"]


class Uniform(Distribution):
    """Uniform on ``[low, high)``; samples are reparameterized (``low + u * (high - low)``).

    >>> import compat as torch
    >>> from compat.distributions import Uniform
    >>> Uniform(0.0, 4.0).log_prob(torch.tensor([1.0, 3.0]))
    tensor([-1.3863, -1.3863])
    >>> try:
    ...     Uniform(0.0, 4.0).log_prob(torch.tensor(5.0))
    ... except ValueError as e:
    ...     print(str(e).split(" of the ")[0])
    Expected value argument (Tensor of shape ()) to be within the support (Interval(lower_bound=0.0, upper_bound=4.0))
    """

    has_rsample = True

    @property
    def arg_constraints(self):
        return {"low": constraints.less_than(self.high),
                "high": constraints.greater_than(self.low)}

    @property
    def mean(self):
        return (self.high + self.low) / 2

    @property
    def mode(self):
        return math.nan * self.high

    @property
    def stddev(self):
        return (self.high - self.low) / 12 ** 0.5

    @property
    def variance(self):
        return (self.high - self.low).pow(2) / 12

    def __init__(self, low, high, validate_args=None):
        self.low, self.high = broadcast_all(low, high)
        numbers_only = isinstance(low, numbers.Number) and isinstance(high, numbers.Number)
        batch_shape = Size() if numbers_only else self.low.size()
        super().__init__(batch_shape, validate_args=validate_args)

    def expand(self, batch_shape, _instance=None):
        new = self._get_checked_instance(Uniform, _instance)
        batch_shape = Size(batch_shape)
        new.low = self.low.expand(batch_shape)
        new.high = self.high.expand(batch_shape)
        super(Uniform, new).__init__(batch_shape, validate_args=False)
        new._validate_args = self._validate_args
        return new

    @constraints.dependent_property(is_discrete=False, event_dim=0)
    def support(self):
        return constraints.interval(self.low, self.high)

    def rsample(self, sample_shape=Size()):
        shape = self._extended_shape(sample_shape)
        u = _random.rand(shape, dtype=self.low.dtype)
        return self.low + u * (self.high - self.low)

    def log_prob(self, value):
        if self._validate_args:
            self._validate_sample(value)
        lb = self.low.le(value).type_as(self.low)
        ub = self.high.gt(value).type_as(self.low)
        return lb.mul(ub).log() - (self.high - self.low).log()

    def cdf(self, value):
        if self._validate_args:
            self._validate_sample(value)
        result = (value - self.low) / (self.high - self.low)
        return result.clamp(min=0, max=1)

    def icdf(self, value):
        return value * (self.high - self.low) + self.low

    def entropy(self):
        return (self.high - self.low).log()
