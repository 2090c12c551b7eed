"""``torch.distributions``: parameterized probability distributions with torch's sampling
(the same numbers under ``manual_seed``), log-densities, entropies and KL divergences.

>>> import compat as torch
>>> from compat.distributions import Normal, kl_divergence
>>> loc = torch.tensor(0.5, requires_grad=True)
>>> d = Normal(loc, 1.0)
>>> _ = torch.manual_seed(0)
>>> x = d.rsample()
>>> x
tensor(2.0410, grad_fn=<AddBackward0>)
>>> d.log_prob(x).backward()
>>> loc.grad
tensor(0.)
"""
from __future__ import annotations

from . import constraints
from .bernoulli import Bernoulli
from .categorical import Categorical
from .distribution import Distribution, ExponentialFamily
from .exponential import Exponential
from .kl import kl_divergence, register_kl
from .multivariate_normal import MultivariateNormal
from .normal import Normal
from .uniform import Uniform

__all__ = ["Bernoulli", "Categorical", "Distribution", "Exponential", "ExponentialFamily",
           "MultivariateNormal", "Normal", "Uniform", "constraints", "kl_divergence", "register_kl"]
