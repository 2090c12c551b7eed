"""Special functions of torch: ``lgamma``, ``digamma`` and the trigamma function their
gradients use, with torch's values at the poles and torch's gradient formulas.

float32 values are computed in float64 and rounded once (JAX's float32 ``gammaln`` is off by
several ulps near 1 and 2, where torch's ``lgammaf`` is exact).

>>> import jax.numpy as jnp
>>> lgamma(jnp.array([1., 2., 0.5], jnp.float32))
Array([0.       , 0.       , 0.5723649], dtype=float32)
>>> digamma(jnp.array([0., -0., 1.], jnp.float32))
Array([      -inf,        inf, -0.5772157], dtype=float32)
"""
from __future__ import annotations

import math

import jax
import jax.numpy as jnp
import jax.scipy.special as jss

from .. import dtypes
from ._checks import gradient_samples, smooth
from .elementwise import _unary_float


def _wide(fn, x):
    """``fn(x)`` in float64, rounded back to ``x``'s dtype."""
    return fn(x.astype(dtypes.float64)).astype(x.dtype)


def _digamma(x):
    # torch: ±0 is a pole with the sign of -x (copysign(inf, -x)); negative integers give NaN
    value = _wide(jss.digamma, x)
    pole = jnp.copysign(jnp.asarray(jnp.inf, x.dtype), -x)
    return jnp.where(x == 0, pole, value)


def _trigamma(x):
    """torch's ``calc_trigamma``, step for step in ``x``'s dtype (so that its values at the
    poles, finite or infinite, are torch's): reflection below 1/2, six recurrence steps, then
    the asymptotic series."""
    pi = jnp.asarray(math.pi, x.dtype)
    reflect = x < 0.5
    sin_pi_x = jnp.sin(pi * x)
    result = jnp.where(reflect, -(pi * pi) / (sin_pi_x * sin_pi_x), jnp.zeros_like(x))
    x = jnp.where(reflect, 1 - x, x)
    for _ in range(6):
        result = result + 1 / (x * x)
        x = x + 1
    ixx = 1 / (x * x)
    result = result + (1 + 1 / (2 * x) + ixx * (1. / 6 - ixx * (1. / 30 - ixx * (1. / 42)))) / x
    return jnp.where(reflect, -result, result)


@jax.custom_vjp
def _lgamma(x):
    return _wide(jss.gammaln, x)


# torch's lgamma backward: grad * digamma(x) (JAX's digamma is NaN at the poles, torch's ±inf)
_lgamma.defvjp(lambda x: (_lgamma(x), x), lambda x, g: (g * _digamma(x),))


@jax.custom_vjp
def _digamma_rule(x):
    return _digamma(x)


# torch's digamma backward: grad * polygamma(1, x), with torch's trigamma
_digamma_rule.defvjp(lambda x: (_digamma(x), x), lambda x, g: (g * _trigamma(x),))


def _float_input(input):
    x = _unary_float(input)
    return x.astype(dtypes.float32) if x.dtype in (dtypes.float16, dtypes.bfloat16) else x, x.dtype


@gradient_samples(lgamma=(lambda x: lgamma(x), lambda: (abs(smooth(4)) + 0.5,)))
def lgamma(input):
    """torch.lgamma: ``log |Γ(x)|`` (integers and bools give the default float).

    >>> import jax.numpy as jnp
    >>> lgamma(jnp.array([-0.5, 0.], jnp.float32))
    Array([1.2655121,       inf], dtype=float32)
    """
    x, dtype = _float_input(input)
    return _lgamma(x).astype(dtype)


@gradient_samples(digamma=(lambda x: digamma(x), lambda: (abs(smooth(4)) + 0.5,)))
def digamma(input):
    """torch.digamma: ``Γ'(x) / Γ(x)``; ``-inf`` at 0, ``inf`` at -0, NaN at negative
    integers, as torch.

    >>> import jax.numpy as jnp
    >>> digamma(jnp.array([-1., 2.], jnp.float32))
    Array([       nan, 0.42278433], dtype=float32)
    """
    x, dtype = _float_input(input)
    return _digamma_rule(x).astype(dtype)
