"""More of torch's pointwise math: inverse hyperbolic functions, ``erfc``/``erfinv``, angle
conversions, ``sinc``, ``logit``, ``nan_to_num``, sign and infinity tests, and the binary
``copysign``, ``heaviside``, ``fmax``/``fmin``, ``logaddexp``/``logaddexp2``, ``xlogy`` and
``float_power``, with torch's promotion, kernels, gradients and errors.

>>> import jax.numpy as jnp
>>> fmax(jnp.array([1., jnp.nan], jnp.float32), jnp.array([jnp.nan, 2.], jnp.float32))
Array([1., 2.], dtype=float32)
"""
from __future__ import annotations

import math
from functools import partial

import jax
import jax.numpy as jnp
import jax.scipy.special as jss

from .. import dtypes
from ._checks import derivative_not_implemented, gradient_samples, not_implemented, smooth
from .elementwise import (_binary_rule, _float_math, _promoted, _sum_to, _unary_float,
                          in_opmath, no_derivative, sign, widen)
from .elementwise import pow as _power

acosh = _float_math(jnp.arccosh, "acosh")
asinh = _float_math(jnp.arcsinh, "asinh")
atanh = _float_math(jnp.arctanh, "atanh")
erfc = _float_math(jss.erfc, "erfc")
erfinv = _float_math(jss.erfinv, "erfinv")
deg2rad = _float_math(lambda x: x * (math.pi / 180), "deg2rad")
rad2deg = _float_math(lambda x: x * (180 / math.pi), "rad2deg")


@jax.custom_jvp
def _sinc(x):
    return jnp.sinc(x)


@_sinc.defjvp
def _sinc_jvp(primals, tangents):
    # torch's sinc_backward: grad * (pi x cos(pi x) - sin(pi x)) / (pi x^2), 0 where pi x^2 is
    # 0; the cancellation near the extrema rounds as torch's formula does only in this order
    (x,), (t,) = primals, tangents
    pi = jnp.asarray(math.pi, x.dtype)
    x_pi, x_squared_pi = x * pi, x * x * pi
    at_zero = x_squared_pi == 0
    # (a divisor of 1 there: the transpose's masked zeros would otherwise become 0 / 0)
    slope_t = t * (x_pi * jnp.cos(x_pi) - jnp.sin(x_pi)) / jnp.where(at_zero, 1, x_squared_pi)
    return _sinc(x), jnp.where(at_zero, jnp.zeros((), slope_t.dtype), slope_t)


sinc = _float_math(_sinc, "sinc")


def in_place_without_derivative(fn, name):
    """``fn`` whose backward raises torch's error for an in-place version that has no
    derivative formula (``acosh_``, ``asinh_``, ``atanh_``)."""
    @jax.custom_vjp
    def op(x):
        return fn(x)

    def bwd(res, g):
        raise derivative_not_implemented(f"inplace version of {name}")

    op.defvjp(lambda x: (fn(x), None), bwd)

    def wrapped(input):
        out = fn(input)
        return op(input) if dtypes.category(out.dtype) >= 2 else out
    wrapped.__name__ = wrapped.__qualname__ = name + "_"
    wrapped.__doc__ = fn.__doc__
    wrapped.forward_ad_refusal = (
        f"Trying to use forward AD with {name}_ that does not support it because it has not "
        "been implemented yet.\nPlease file an issue to PyTorch at https://github.com/pytorch/"
        "pytorch/issues/new?template=feature-request.yml so that we can prioritize its "
        "implementation.")
    return wrapped


# ----------------------------------------------------------------------------- logit
def _logit_forward(x, eps):
    if eps is not None and eps >= 0:
        x = jnp.clip(x, eps, 1 - eps)
    return jnp.log(x / (1 - x))


@partial(jax.custom_vjp, nondiff_argnums=(1,))
def _logit(x, eps):
    return _logit_forward(x, eps)


def _logit_bwd(eps, x, g):
    # torch's logit_backward: grad / (x (1 - x)); outside [0, 1] NaN without eps, and 0
    # outside [eps, 1 - eps] with it (JAX's derivative of the clamped log is finite there).
    value = g / (x * (1 - x))
    if eps is None or eps < 0:
        outside, fill = (x < 0) | (x > 1), jnp.nan
    else:
        outside, fill = (x < eps) | (x > 1 - eps), 0.
    return (jnp.where(outside, jnp.asarray(fill, value.dtype), value),)


_logit.defvjp(lambda x, eps: (_logit_forward(x, eps), x), _logit_bwd)


@gradient_samples(logit=(lambda x: logit(x), lambda: (jnp.abs(smooth(4)) / 4,)))
def logit(input, eps=None):
    """torch.logit: ``log(x / (1 - x))``, ``x`` clamped to ``[eps, 1 - eps]`` when ``eps`` is
    given (integers give the default float).

    >>> import jax.numpy as jnp
    >>> logit(jnp.array([0.5, 0., 1.], jnp.float32), eps=0.25)
    Array([ 0.       , -1.0986123,  1.0986123], dtype=float32)
    """
    return in_opmath(lambda x: _logit(x, None if eps is None else float(eps)),
                     _unary_float(input))


# ----------------------------------------------------------------------------- tests and repairs
def _refuse_complex(x, message, error=RuntimeError):
    if dtypes.category(x.dtype) == 3:
        raise error(message)


def nan_to_num(input, nan=0.0, posinf=None, neginf=None):
    """torch.nan_to_num: NaN, +inf and -inf replaced by ``nan``, ``posinf`` and ``neginf``
    (by default 0 and the dtype's largest and lowest finite values); integers unchanged.

    >>> import jax.numpy as jnp
    >>> nan_to_num(jnp.array([jnp.nan, jnp.inf, -jnp.inf, 1.], jnp.float32), posinf=9.)
    Array([ 0.0000000e+00,  9.0000000e+00, -3.4028235e+38,  1.0000000e+00], dtype=float32)
    """
    x = jnp.asarray(input)
    if dtypes.category(x.dtype) < 2:
        return x
    info = jnp.finfo(x.dtype)
    high = info.max if posinf is None else posinf
    low = info.min if neginf is None else neginf
    x_cast = lambda v: jnp.asarray(v).astype(x.dtype)  # noqa: E731
    out = jnp.where(x == jnp.inf, x_cast(high), x)
    out = jnp.where(x == -jnp.inf, x_cast(low), out)
    return jnp.where(jnp.isnan(x), x_cast(nan), out)


def signbit(input):
    """torch.signbit: whether the sign bit is set (``-0.`` counts, integers compare with 0)."""
    x = jnp.asarray(input)
    _refuse_complex(x, "signbit is not implemented for complex tensors.", NotImplementedError)
    return jnp.signbit(x) if dtypes.category(x.dtype) >= 2 else x < 0


def sgn(input):
    """torch.sgn: ``x / |x|`` for complex ``x`` (0 at 0), torch.sign for real ``x``."""
    x = jnp.asarray(input)
    if dtypes.category(x.dtype) < 3:
        return sign(x)
    magnitude = jnp.abs(x)
    safe = jnp.where(magnitude == 0, jnp.ones((), magnitude.dtype), magnitude)
    return jnp.where(magnitude == 0, jnp.zeros((), x.dtype), x / safe)


def isposinf(input):
    """torch.isposinf (integers are never infinite)."""
    x = jnp.asarray(input)
    _refuse_complex(x, "isposinf does not support complex inputs.")
    return x == jnp.inf if dtypes.category(x.dtype) >= 2 else jnp.zeros(x.shape, bool)


def isneginf(input):
    """torch.isneginf (integers are never infinite)."""
    x = jnp.asarray(input)
    _refuse_complex(x, "isneginf does not support complex inputs.")
    return x == -jnp.inf if dtypes.category(x.dtype) >= 2 else jnp.zeros(x.shape, bool)


def isreal(input):
    """torch.isreal: a complex element with a zero imaginary part, or any real element."""
    x = jnp.asarray(input)
    return jnp.imag(x) == 0 if dtypes.category(x.dtype) == 3 else jnp.ones(x.shape, bool)


# ----------------------------------------------------------------------------- binary
def _copysign_grads(a, b, g):
    # torch's copysign_tensor_self_backward: grad * result / self, 0 where self is 0 (NaN at
    # ±inf and NaN, where JAX's rule passes ±grad); ``other`` gets zeros
    ratio = jnp.copysign(a, b) / a
    ratio = jnp.where(a == 0, jnp.zeros((), ratio.dtype), ratio)
    return _sum_to(g * ratio, jnp.shape(a)), _sum_to(jnp.zeros_like(g), jnp.shape(b))


_copysign = _binary_rule(jnp.copysign, _copysign_grads)


@gradient_samples(copysign=(lambda a, b: copysign(a, b), lambda: (smooth(3, 4), smooth(4))))
def copysign(input, other):
    """torch.copysign: ``|input|`` with ``other``'s sign (a float result for integers)."""
    a, b = _promoted(input, other, floating=True)
    return _copysign(a, b)


def _heaviside(input, values):
    x, v = jnp.asarray(input), jnp.asarray(values)
    if x.dtype != v.dtype:
        raise RuntimeError("heaviside is not yet implemented for tensors with different dtypes.")
    _refuse_complex(x, "heaviside is not yet implemented for complex tensors.")
    _promoted(x, v)
    return jnp.where(x == 0, v, (x > 0).astype(x.dtype))


heaviside = no_derivative(_heaviside, "heaviside")


def _fchoice_grads(a, b, g, a_wins):
    # torch's fmax/fmin backward: the whole gradient to ``self`` where it wins or ties or
    # ``other`` is NaN, the rest to ``other`` (no halving at ties, unlike maximum's)
    zero = jnp.zeros((), g.dtype)
    chosen = a_wins | jnp.isnan(b)
    return (_sum_to(jnp.where(chosen, g, zero), jnp.shape(a)),
            _sum_to(jnp.where(chosen, zero, g), jnp.shape(b)))


_float_fmax = _binary_rule(jnp.fmax, lambda a, b, g: _fchoice_grads(a, b, g, a >= b))
_float_fmin = _binary_rule(jnp.fmin, lambda a, b, g: _fchoice_grads(a, b, g, a <= b))


@gradient_samples(fmax=(lambda a, b: fmax(a, b), lambda: (smooth(3, 4), smooth(4))))
def fmax(input, other):
    """torch.fmax: the larger element, ignoring a NaN on one side."""
    a, b = _promoted(input, other)
    return _float_fmax(a, b) if dtypes.category(a.dtype) >= 2 else jnp.maximum(a, b)


@gradient_samples(fmin=(lambda a, b: fmin(a, b), lambda: (smooth(3, 4), smooth(4))))
def fmin(input, other):
    """torch.fmin: the smaller element, ignoring a NaN on one side."""
    a, b = _promoted(input, other)
    return _float_fmin(a, b) if dtypes.category(a.dtype) >= 2 else jnp.minimum(a, b)


def _floating_pair(name, input, other):
    a, b = _promoted(input, other)
    if dtypes.category(a.dtype) < 2:
        raise not_implemented(f"{name}_cpu", a.dtype)
    return a, b


def _log_add_rule(forward, base):
    # torch's formulas: grad / (1 + base**(other - self)) and grad / (1 + base**(self - other)),
    # NaN where both are the same infinity (JAX's rule splits the gradient there)
    def grads(a, b, g):
        return (_sum_to(g / (1 + base ** (b - a)), jnp.shape(a)),
                _sum_to(g / (1 + base ** (a - b)), jnp.shape(b)))
    return _binary_rule(lambda a, b: forward(widen(a), widen(b)).astype(a.dtype), grads)


_logaddexp = _log_add_rule(jnp.logaddexp, math.e)
_logaddexp2 = _log_add_rule(jnp.logaddexp2, 2.0)


@gradient_samples(logaddexp=(lambda a, b: logaddexp(a, b), lambda: (smooth(3, 4), smooth(4))))
def logaddexp(input, other):
    """torch.logaddexp: ``log(exp(input) + exp(other))`` for floating operands."""
    return _logaddexp(*_floating_pair("logaddexp", input, other))


@gradient_samples(logaddexp2=(lambda a, b: logaddexp2(a, b), lambda: (smooth(3, 4), smooth(4))))
def logaddexp2(input, other):
    """torch.logaddexp2: ``log2(2**input + 2**other)`` for floating operands."""
    return _logaddexp2(*_floating_pair("logaddexp2", input, other))


def _xlogy_forward(a, b):
    zero = jnp.zeros((), a.dtype)
    product = jnp.where(a == 0, zero, a * jnp.log(b))
    return jnp.where(jnp.isnan(b), jnp.asarray(jnp.nan, a.dtype), product)


def _xlogy_grads(a, b, g):
    # torch's formulas: grad * xlogy(self != 0, other) and grad * self / other (JAX's rule
    # gives log(other) where self is 0)
    return (_sum_to(g * _xlogy_forward((a != 0).astype(a.dtype), b), jnp.shape(a)),
            _sum_to(g * a / b, jnp.shape(b)))


_xlogy = _binary_rule(_xlogy_forward, _xlogy_grads)


@gradient_samples(xlogy=(lambda a, b: xlogy(a, b), lambda: (smooth(3, 4), jnp.abs(smooth(4)))))
def xlogy(input, other):
    """torch.xlogy: ``input * log(other)``, 0 where ``input`` is 0 (NaN where ``other`` is).

    >>> import jax.numpy as jnp
    >>> xlogy(jnp.array([0., 2.], jnp.float32), jnp.array([0., 1.], jnp.float32))
    Array([0., 0.], dtype=float32)
    """
    a, b = _promoted(input, other, floating=True)
    return _xlogy(a, b)


def float_power(input, exponent):
    """torch.float_power: ``input ** exponent`` in float64 (complex128 for complex operands)."""
    wide = jnp.complex128 if any(dtypes.category(jnp.result_type(v)) == 3
                                     for v in (input, exponent)) else dtypes.float64
    cast = lambda v: v if isinstance(v, (int, float, complex)) else jnp.asarray(v).astype(wide)  # noqa: E731
    return _power(cast(input), float(exponent) if isinstance(exponent, int) else cast(exponent))


def _integers_only(kernel, *operands):
    for x in operands:
        if dtypes.category(x.dtype) != 1 or x.dtype == dtypes.bool_:
            raise not_implemented(kernel, x.dtype)


def gcd(input, other):
    """torch.gcd: the greatest common divisor, elementwise, of integer tensors (never negative;
    ``gcd(0, 0) = 0``).

    >>> gcd(jnp.array([12, -18]), jnp.array([8, 12])).tolist()
    [4, 6]
    """
    a, b = _promoted(input, other)
    _integers_only("gcd_cpu", a)
    return jnp.gcd(a, b)


def lcm(input, other):
    """torch.lcm: the least common multiple, elementwise, of integer tensors (never negative).

    >>> lcm(jnp.array([4, -6]), jnp.array([6, 4])).tolist()
    [12, 12]
    """
    a, b = _promoted(input, other)
    _integers_only("lcm_cpu", a)
    return jnp.lcm(a, b)


@gradient_samples(ldexp=(lambda x: ldexp(x, jnp.array([1, 2, 0])), lambda: (smooth(3),)))
def ldexp(input, other):
    """torch.ldexp: ``input * 2 ** other`` in the promoted floating dtype.

    >>> ldexp(jnp.array([1., 3.], jnp.float32), jnp.array([2, 1])).tolist()
    [4.0, 6.0]
    """
    exponent = jnp.asarray(other)
    a, b = _promoted(input, exponent, floating=True)
    if dtypes.category(exponent.dtype) < 2:
        return _ldexp_integer(a, b)
    return a * jnp.exp2(b)


@jax.custom_vjp
def _ldexp_integer(a, b):
    return a * jnp.exp2(b)


def _ldexp_integer_bwd(res, g):
    # torch's ldexp backward scales by pow(2, other) in other's integer dtype, where a
    # negative exponent gives 0
    a, b = res
    scale = jnp.where(b >= 0, jnp.exp2(b), 0).astype(g.dtype)
    return _sum_to(g * scale, jnp.shape(a)), jnp.zeros_like(b)


_ldexp_integer.defvjp(lambda a, b: (_ldexp_integer(a, b), (a, b)),
                      _ldexp_integer_bwd)
