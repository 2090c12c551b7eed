"""``Distribution``: the base of every distribution (shapes, sampling, argument and sample
validation with torch's ValueError texts, torch's repr), and ``ExponentialFamily``.

>>> import compat as torch
>>> from compat.distributions import Normal
>>> d = Normal(torch.zeros(2), torch.ones(2))
>>> d, d.batch_shape, d.event_shape
(Normal(loc: torch.Size([2]), scale: torch.Size([2])), torch.Size([2]), torch.Size([]))
"""
from __future__ import annotations

import warnings

from .. import grad_mode
from ..autograd import grad as _autograd_grad
from ..size import Size
from ..tensors import Tensor
from . import constraints
from .utils import all_true, lazy_property, sum_rightmost

__all__ = ["Distribution", "ExponentialFamily"]


class Distribution:
    """The base class of probability distributions.

    ``batch_shape`` is the shape over which parameters are batched, ``event_shape`` the shape
    of one sample; ``validate_args`` (default: on, as Python's ``assert``) checks parameters
    against ``arg_constraints`` and scored values against ``support``.

    >>> import compat as torch
    >>> from compat.distributions import Normal
    >>> Normal(0.0, 1.0)._extended_shape((3,))
    torch.Size([3])
    """

    has_rsample = False
    has_enumerate_support = False
    _validate_args = __debug__

    @staticmethod
    def set_default_validate_args(value: bool) -> None:
        """Turn validation on or off for distributions built without ``validate_args``."""
        if value not in [True, False]:
            raise ValueError
        Distribution._validate_args = value

    def __init__(self, batch_shape=Size(), event_shape=Size(), validate_args=None):
        self._batch_shape = batch_shape
        self._event_shape = event_shape
        if validate_args is not None:
            self._validate_args = validate_args
        if self._validate_args:
            self._validate_parameters()
        super().__init__()

    def _validate_parameters(self):
        try:
            arg_constraints = self.arg_constraints
        except NotImplementedError:
            arg_constraints = {}
            warnings.warn(f"{self.__class__} does not define `arg_constraints`. Please set "
                          "`arg_constraints = {}` or initialize the distribution with "
                          "`validate_args=False` to turn off validation.", stacklevel=3)
        for param, constraint in arg_constraints.items():
            if constraints.is_dependent(constraint):
                continue  # it cannot be checked by itself
            if param not in self.__dict__ and isinstance(getattr(type(self), param),
                                                         lazy_property):
                continue  # computed from the given parameter, which is checked
            value = getattr(self, param)
            if not all_true(constraint.check(value)):
                raise ValueError(
                    f"Expected parameter {param} ({type(value).__name__} of shape "
                    f"{tuple(value.shape)}) of distribution {self!r} to satisfy the constraint "
                    f"{constraint!r}, but found invalid values:\n{value}")

    def expand(self, batch_shape, _instance=None):
        """A new distribution with parameters expanded to ``batch_shape`` (no copy)."""
        raise NotImplementedError

    @property
    def batch_shape(self):
        """The shape over which parameters are batched."""
        return self._batch_shape

    @property
    def event_shape(self):
        """The shape of one sample (without batching)."""
        return self._event_shape

    @property
    def arg_constraints(self):
        """Parameter name → the :class:`~constraints.Constraint` it must satisfy."""
        raise NotImplementedError

    @property
    def support(self):
        """The :class:`~constraints.Constraint` of the values samples take."""
        raise NotImplementedError

    @property
    def mean(self):
        raise NotImplementedError

    @property
    def mode(self):
        raise NotImplementedError(f"{self.__class__} does not implement mode")

    @property
    def variance(self):
        raise NotImplementedError

    @property
    def stddev(self):
        return self.variance.sqrt()

    def sample(self, sample_shape=Size()):
        """A sample (``sample_shape + batch_shape + event_shape``), without gradient."""
        with grad_mode.no_grad():
            return self.rsample(sample_shape)

    def rsample(self, sample_shape=Size()):
        """A reparameterized sample: differentiable in the parameters."""
        raise NotImplementedError

    def sample_n(self, n):
        warnings.warn("`sample_n(n)` will be deprecated. Use `sample((n,))` instead.",
                      FutureWarning, stacklevel=2)
        return self.sample(Size((n,)))

    def log_prob(self, value):
        raise NotImplementedError

    def cdf(self, value):
        raise NotImplementedError

    def icdf(self, value):
        raise NotImplementedError

    def enumerate_support(self, expand=True):
        raise NotImplementedError

    def entropy(self):
        raise NotImplementedError

    def perplexity(self):
        """``exp(entropy())``."""
        return self.entropy().exp()

    def _extended_shape(self, sample_shape=Size()):
        if not isinstance(sample_shape, Size):
            sample_shape = Size(sample_shape)
        return Size(sample_shape + self._batch_shape + self._event_shape)

    def _validate_sample(self, value):
        """torch's checks of a value to score: a Tensor, whose rightmost dims match the event
        shape and broadcast with the batch shape, inside the support."""
        if not isinstance(value, Tensor):
            raise ValueError("The value argument to log_prob must be a Tensor")
        event_dim_start = len(value.size()) - len(self._event_shape)
        if value.size()[event_dim_start:] != self._event_shape:
            raise ValueError(f"The right-most size of value must match event_shape: "
                             f"{value.size()} vs {self._event_shape}.")
        actual, expected = value.size(), self._batch_shape + self._event_shape
        for i, j in zip(reversed(actual), reversed(expected)):
            if i != 1 and j != 1 and i != j:
                raise ValueError(f"Value is not broadcastable with batch_shape+event_shape: "
                                 f"{actual} vs {expected}.")
        try:
            support = self.support
        except NotImplementedError:
            warnings.warn(f"{self.__class__} does not define `support` to enable sample "
                          "validation. Please initialize the distribution with "
                          "`validate_args=False` to turn off validation.", stacklevel=3)
            return
        if not all_true(support.check(value)):
            raise ValueError(
                f"Expected value argument ({type(value).__name__} of shape "
                f"{tuple(value.shape)}) to be within the support ({support!r}) of the "
                f"distribution {self!r}, but found invalid values:\n{value}")

    def _get_checked_instance(self, cls, _instance=None):
        if _instance is None and type(self).__init__ != cls.__init__:
            raise NotImplementedError(
                f"Subclass {self.__class__.__name__} of {cls.__name__} that defines a custom "
                "__init__ method must also define a custom .expand() method.")
        return self.__new__(type(self)) if _instance is None else _instance

    def __repr__(self):
        # one-element parameters show their value, others their size
        values = [(p, self.__dict__[p]) for p in self.arg_constraints if p in self.__dict__]
        args = ", ".join(f"{p}: {v if v.numel() == 1 else v.size()}" for p, v in values)
        return f"{type(self).__name__}({args})"


class ExponentialFamily(Distribution):
    """A distribution of the exponential family: entropy and same-family KL from the log
    normalizer's gradient (a Bregman divergence), as torch computes them.

    >>> import compat as torch
    >>> from compat.distributions import Exponential
    >>> ExponentialFamily.entropy(Exponential(torch.tensor([2.0])))
    tensor([0.3069], grad_fn=<SubBackward0>)
    """

    @property
    def _natural_params(self):
        raise NotImplementedError

    def _log_normalizer(self, *natural_params):
        raise NotImplementedError

    @property
    def _mean_carrier_measure(self):
        raise NotImplementedError

    def entropy(self):
        result = -self._mean_carrier_measure
        nparams = [p.detach().requires_grad_() for p in self._natural_params]
        lg_normal = self._log_normalizer(*nparams)
        gradients = _autograd_grad(lg_normal.sum(), nparams, create_graph=True)
        result += lg_normal
        for p, g in zip(nparams, gradients):
            result -= (p * g).reshape(self._batch_shape + (-1,)).sum(-1)
        return result

    def _bregman_kl(self, q):
        """KL(self ‖ q) for ``q`` of the same family (torch's ``_kl_expfamily_expfamily``)."""
        p_nparams = [p.detach().requires_grad_() for p in self._natural_params]
        q_nparams = q._natural_params
        lg_normal = self._log_normalizer(*p_nparams)
        gradients = _autograd_grad(lg_normal.sum(), p_nparams, create_graph=True)
        result = q._log_normalizer(*q_nparams) - lg_normal
        for pnp, qnp, g in zip(p_nparams, q_nparams, gradients):
            result -= sum_rightmost((qnp - pnp) * g, len(q.event_shape))
        return result
