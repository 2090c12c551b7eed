"""Elementwise ops with torch's promotion, broadcasting errors and gradients.

Each op takes jax arrays or Python scalars and returns a jax array.

>>> import jax.numpy as jnp
>>> from jaxgrad import functional as F
>>> F.mul(jnp.arange(3), 0.5)
Array([0. , 0.5, 1. ], dtype=float32)
"""
from __future__ import annotations

import builtins

import jax
import jax.numpy as jnp
import numpy as np

from .. import dtypes
from ..arguments import conversion_overflow
from ._checks import (check_broadcast, gradient_samples, linear, not_implemented,
                      output_shape_mismatch, smooth)

_REDUCED_FLOATS = frozenset({dtypes.float16, dtypes.bfloat16})


def _dtype_of(x):
    return dtypes.bool_ if isinstance(x, bool) else jnp.result_type(x)


# ----------------------------------------------------------------------------- opmath
def opmath_dtype(dtype) -> np.dtype:
    """The dtype torch computes ``dtype`` in (its ``opmath_type``): float32 for float16 and
    bfloat16, whose CPU kernels widen every element and round each result once; ``dtype``
    itself otherwise.

    >>> import jax.numpy as jnp
    >>> opmath_dtype(jnp.float16), opmath_dtype(jnp.float64)
    (dtype('float32'), dtype('float64'))
    """
    dtype = np.dtype(dtype)
    return dtypes.float32 if dtype in _REDUCED_FLOATS else dtype


def widen(x):
    """``x`` in its opmath dtype (float16/bfloat16 become float32; other dtypes stay)."""
    x = jnp.asarray(x)
    wide = opmath_dtype(x.dtype)
    return x if wide == x.dtype else x.astype(wide)


def in_opmath(fn, x):
    """``fn(x)`` computed in ``x``'s opmath dtype and rounded back to ``x``'s dtype, as torch's
    kernels compute float16/bfloat16 (sums, squares and exponentials that would overflow or
    lose precision in half precision do not).

    >>> import jax.numpy as jnp
    >>> in_opmath(lambda v: jnp.sqrt(jnp.sum(v * v)), jnp.full(4, 300., jnp.float16))
    Array(600., dtype=float16)
    """
    x = jnp.asarray(x)
    wide = opmath_dtype(x.dtype)
    return fn(x) if wide == x.dtype else fn(x.astype(wide)).astype(x.dtype)


def _scalar_operand(other, dtype):
    """``other`` as the second operand of a float16/bfloat16 mul or div, in float32: one value
    (a Python number or a one-element array) keeps its own precision, as torch's CPU kernels
    read it (``original_scalar_value``), instead of being rounded to ``dtype`` first."""
    if jnp.size(other) == 1 and dtypes.category(_dtype_of(other)) <= 2:
        return jnp.asarray(other).astype(dtypes.float32)
    return dtypes.cast(other, dtype).astype(dtypes.float32)


def _times_mask(x, mask):
    """``x * mask`` for a boolean ``mask``, as a select that keeps IEEE products: XLA rewrites a
    product with a converted boolean into a select that turns NaN * False into 0, where torch
    (and IEEE) give NaN."""
    return jnp.where(mask, x, x * jnp.zeros((), x.dtype))


c_type_name = dtypes.c_type_name  # the one table of C++ dtype names is jaxgrad.dtypes'


def _not_implemented(kernel, x):
    """torch's NotImplementedError for a kernel that has no version for ``x``'s dtype."""
    return not_implemented(kernel, x.dtype)


def _check_sub_operands(input, other):
    # torch's sub_check: no bool operand at all (tensors or Python bools).
    a_bool, b_bool = _dtype_of(input) == dtypes.bool_, _dtype_of(other) == dtypes.bool_
    if a_bool and b_bool:
        raise RuntimeError("Subtraction, the `-` operator, with two bool tensors is not supported. "
                           "Use the `^` or `logical_xor()` operator instead.")
    if a_bool or b_bool:
        raise RuntimeError("Subtraction, the `-` operator, with a bool tensor is not supported. If "
                           "you are trying to invert a mask, use the `~` or `logical_not()` "
                           "operator instead.")


def no_derivative(fn, aten_name, static=()):
    """``fn`` whose backward raises torch's error for ops without a derivative formula (their
    ``grad_fn`` is torch's ``NotImplemented`` node, e.g. ``floor_divide``); the arguments at
    the positions ``static`` are not differentiated (sizes, flags)."""
    op = jax.custom_vjp(fn, nondiff_argnums=tuple(static))

    def fwd(*args):
        return fn(*args), None

    def bwd(*args):
        raise RuntimeError(f"derivative for aten::{aten_name} is not implemented")

    op.defvjp(fwd, bwd)

    def wrapped(*args):
        out = fn(*args)  # eager shape/dtype checks, and integer results need no rule
        first = out[0] if isinstance(out, tuple) else out
        return op(*args) if dtypes.category(first.dtype) >= 2 else out
    wrapped.__name__ = wrapped.__qualname__ = getattr(fn, "__name__", aten_name)
    wrapped.__doc__ = fn.__doc__
    wrapped.no_derivative = aten_name  # forward AD refuses it too, in its own words
    return wrapped


def _promoted(*operands, floating=False):
    check_broadcast(*operands)
    dtype = dtypes.float_result_type(*operands) if floating else dtypes.result_type(*operands)
    return [dtypes.cast(x, dtype) for x in operands]


def _unary_float(x):
    """Integers and bools become the default float dtype, as torch's float-valued unary ops do."""
    x = jnp.asarray(x)
    return x if dtypes.category(x.dtype) >= 2 else x.astype(dtypes.default_float_dtype())


# ----------------------------------------------------------------------------- arithmetic
def _require_alpha_number(alpha, op):
    # torch's parser takes a Number (or a 0-d tensor) for alpha.
    if isinstance(alpha, (bool, int, float, complex)) or hasattr(alpha, "dtype"):
        return
    raise TypeError(f"{op}(): argument 'alpha' must be Number, not {type(alpha).__name__}")


def _check_alpha(dtype, alpha):
    """torch's alpha_check for add/sub/rsub against the result dtype."""
    if isinstance(alpha, bool) and dtype != dtypes.bool_:
        raise RuntimeError("Boolean alpha only supported for Boolean results.")
    if isinstance(alpha, float) and dtypes.category(dtype) < 2:
        raise RuntimeError("For integral input tensors, argument alpha must not be a floating "
                           "point number.")


def _plus_scaled(a, b, alpha):
    """``a + alpha * b`` for ``alpha != 1``, as torch's add kernel: ``alpha`` in the operands'
    dtype, the sum computed in opmath and rounded once (float16 rounds no product on the way)."""
    scale = dtypes.cast(alpha, a.dtype)
    if a.dtype in _REDUCED_FLOATS:
        return (widen(a) + widen(scale) * widen(b)).astype(a.dtype)
    return a + scale * b


@linear
def add(input, other, alpha=1):
    """``input + alpha * other`` (torch.add)."""
    _require_alpha_number(alpha, "add")
    a, b = _promoted(input, other)
    _check_alpha(a.dtype, alpha)
    return a + b if alpha == 1 else _plus_scaled(a, b, alpha)


@linear
def sub(input, other, alpha=1):
    """``input - alpha * other`` (torch.sub)."""
    _require_alpha_number(alpha, "sub")
    _check_sub_operands(input, other)
    a, b = _promoted(input, other)
    _check_alpha(a.dtype, alpha)
    return a - b if alpha == 1 else _plus_scaled(a, b, -alpha)


@linear
def rsub(input, other, alpha=1):
    """``other - alpha * input`` (torch.rsub; what ``1 - x`` computes)."""
    _check_sub_operands(other, input)
    a, b = _promoted(input, other)
    _check_alpha(a.dtype, alpha)
    return b - a if alpha == 1 else _plus_scaled(b, a, -alpha)


def mul(input, other):
    """``input * other`` (torch.mul). A bool operand multiplies as 0/1 (NaN * False is NaN);
    for float16/bfloat16, a one-element ``other`` (``x * 1e-4``) is applied at its own precision
    and the product rounded once, as torch's CPU kernel.

    >>> import jax.numpy as jnp
    >>> mul(jnp.array([jnp.nan, 2.], jnp.float32), jnp.array([False, True]))
    Array([nan,  2.], dtype=float32)
    """
    a, b = _promoted(input, other)
    if a.dtype == dtypes.bool_:
        return jnp.logical_and(a, b)
    if _dtype_of(other) == dtypes.bool_:
        return _times_mask(a, jnp.asarray(other))
    if _dtype_of(input) == dtypes.bool_:
        return _times_mask(b, jnp.asarray(input))
    if a.dtype in _REDUCED_FLOATS:
        return (widen(a) * _scalar_operand(other, a.dtype)).astype(a.dtype)
    return a * b


def _divide(a, b):
    """``a / b`` as IEEE division, as torch's kernels divide: XLA turns a division by a
    broadcast value into a product with its reciprocal (an ulp off in float32 for a quarter of
    the elements of ``x / 0.3``), unless the divisor is materialised behind a barrier."""
    shape = jnp.broadcast_shapes(jnp.shape(a), jnp.shape(b))
    if jnp.shape(b) != shape:
        b = jax.lax.optimization_barrier(jnp.broadcast_to(b, shape))
    return a / b


def _true_divide(input, other):
    a, b = _promoted(input, other, floating=True)
    if a.dtype in _REDUCED_FLOATS:
        return _divide(widen(a), _scalar_operand(other, a.dtype)).astype(a.dtype)
    return _divide(a, b)


def _floor_quotient(a, b):
    """torch's div_floor_floating: ``(a - fmod(a, b)) / b`` corrected to the floor of the exact
    quotient; ``floor(a / b)`` would round the quotient first (``1 // 0.1`` is 9, not 10)."""
    mod = jnp.fmod(a, b)
    quotient = _divide(a - mod, b)
    quotient = jnp.where((mod != 0) & ((b < 0) != (mod < 0)), quotient - 1, quotient)
    floored = jnp.floor(quotient)
    floored = jnp.where(quotient - floored > 0.5, floored + 1, floored)
    exact = _divide(a, b)
    signed_zero = jnp.copysign(jnp.zeros((), a.dtype), exact)
    return jnp.where(b == 0, exact, jnp.where(quotient != 0, floored, signed_zero))


def _rounded_divide(input, other, rounding_mode):
    a, b = _promoted(input, other)
    if dtypes.category(a.dtype) < 2:
        if rounding_mode == "floor":
            return a // b
        return (jnp.sign(a) * jnp.sign(b) * (jnp.abs(a) // jnp.abs(b))).astype(a.dtype)
    dtype = a.dtype
    if dtype in _REDUCED_FLOATS and jnp.size(other) == 1:
        # torch divides float16/bfloat16 by one value in float32 (at that value's precision);
        # tensor by tensor, every step of its formula rounds to the dtype.
        a, b = widen(a), _scalar_operand(other, dtype)
    rounded = jnp.trunc(_divide(a, b)) if rounding_mode == "trunc" else _floor_quotient(a, b)
    # A rounded quotient is piecewise constant: torch's gradient is zero (even for NaN grads).
    return jax.lax.stop_gradient(rounded.astype(dtype))


def div(input, other, rounding_mode=None):
    """torch.div: true division (integers give the default float), or 'trunc'/'floor' rounding
    (floor as torch's: the floor of the exact quotient, zero gradient).

    >>> import jax.numpy as jnp
    >>> div(jnp.array([1., -1.], jnp.float32), 0.1, rounding_mode="floor")
    Array([  9., -10.], dtype=float32)
    """
    if rounding_mode is None:
        return _true_divide(input, other)
    if rounding_mode in ("trunc", "floor"):
        return _rounded_divide(input, other, rounding_mode)
    raise RuntimeError("div expected rounding_mode to be one of None, 'trunc', or 'floor' but found "
                     f"'{rounding_mode}'")


def _floor_divide(input, other):
    """torch.floor_divide (``//``); torch has no derivative for it."""
    return div(input, other, rounding_mode="floor")


floor_divide = no_derivative(_floor_divide, "floor_divide")


def remainder(input, other):
    """torch.remainder (``%``): the result has the sign of the divisor, as Python's."""
    a, b = _promoted(input, other)
    return jnp.remainder(a, b)


def fmod(input, other):
    """torch.fmod: the result has the sign of the dividend, as C's fmod."""
    a, b = _promoted(input, other)
    return jnp.fmod(a, b)


@jax.custom_vjp
def _float_pow(a, b):
    return jnp.power(a, b)


def _float_pow_fwd(a, b):
    out = jnp.power(a, b)
    return out, (a, b, out)


def _float_pow_bwd(res, g):
    # torch's pow_backward_self / pow_backward_exponent: the base gets 0 where the exponent is
    # 0 (JAX: 0 * x**-1, NaN at x = 0), the exponent gets 0 where base == 0 and exponent >= 0.
    a, b, out = res
    zero = jnp.zeros((), g.dtype)
    grad_a = jnp.where(b == 0, zero, g * (b * jnp.power(a, b - 1)))
    grad_b = jnp.where((a == 0) & (b >= 0), zero, g * (out * jnp.log(a)))
    return _sum_to(grad_a, jnp.shape(a)), _sum_to(grad_b, jnp.shape(b))


_float_pow.defvjp(_float_pow_fwd, _float_pow_bwd)


@gradient_samples(pow=(lambda a, b: pow(a, b), lambda: (jnp.abs(smooth(4)), smooth(4))))
def pow(input, exponent):
    """torch.pow (``**``), including ``scalar ** tensor``; gradients as torch's at 0."""
    a, b = _promoted(input, exponent)
    if dtypes.category(a.dtype) >= 2:
        return _float_pow(a, b)
    return jnp.power(a, b)


@linear
def neg(input):
    """torch.neg."""
    x = jnp.asarray(input)
    if x.dtype == dtypes.bool_:
        raise RuntimeError("Negation, the `-` operator, on a bool tensor is not supported. If you "
                           "are trying to invert a mask, use the `~` or `logical_not()` operator "
                           "instead.")
    return -x


@jax.custom_vjp
def _float_abs(x):
    return jnp.abs(x)


def _float_abs_fwd(x):
    return jnp.abs(x), x


def _float_abs_bwd(x, g):
    # torch's abs_backward: grad * sgn(x), 0 at 0 (JAX's rule gives 1 at +0) and at NaN (torch's
    # sgn of NaN is 0; jnp.sign gives NaN).
    return (g * sign(x),)


_float_abs.defvjp(_float_abs_fwd, _float_abs_bwd)


@gradient_samples(abs=(lambda x: abs(x), lambda: (smooth(5),)))
def abs(input):
    """torch.abs (gradient ``sign(x)``, 0 at 0 as torch)."""
    x = jnp.asarray(input)
    if x.dtype == dtypes.bool_:
        raise _not_implemented("abs_cpu", x)
    return _float_abs(x) if dtypes.category(x.dtype) >= 2 else jnp.abs(x)


def square(input):
    """torch.square, i.e. ``pow(input, 2)``: bools square to int64."""
    x = jnp.asarray(input)
    if x.dtype == dtypes.bool_:
        x = x.astype(dtypes.int64)
    return mul(x, x)


def sign(input):
    """torch.sign: ``(0 < x) - (x < 0)``, so 0 for NaN as torch (JAX gives NaN)."""
    x = jnp.asarray(input)
    if x.dtype == dtypes.bool_:
        return x
    if dtypes.category(x.dtype) >= 2:
        return (x > 0).astype(x.dtype) - (x < 0).astype(x.dtype)
    return jnp.sign(x)


def _float_math(fn, name):
    """torch.<name>: integers and bools give the default float; float16/bfloat16 are computed
    in float32 and rounded once, as torch's CPU kernels (XLA's half-precision versions of
    several functions are off by an ulp or more)."""
    def op(input):
        return in_opmath(fn, _unary_float(input))
    op.__name__ = op.__qualname__ = name
    op.__doc__ = (f"torch.{name}: integers and bools give the default float; float16/bfloat16 "
                  "are computed in float32 and rounded once, as torch.")
    return op


exp = _float_math(jnp.exp, "exp")
exp2 = _float_math(jnp.exp2, "exp2")
expm1 = _float_math(jnp.expm1, "expm1")
log = _float_math(jnp.log, "log")
log2 = _float_math(jnp.log2, "log2")
log10 = _float_math(jnp.log10, "log10")
log1p = _float_math(jnp.log1p, "log1p")
sqrt = _float_math(jnp.sqrt, "sqrt")
rsqrt = _float_math(jax.lax.rsqrt, "rsqrt")
sin = _float_math(jnp.sin, "sin")
cos = _float_math(jnp.cos, "cos")
tan = _float_math(jnp.tan, "tan")
asin = _float_math(jnp.arcsin, "asin")
acos = _float_math(jnp.arccos, "acos")
atan = _float_math(jnp.arctan, "atan")
sinh = _float_math(jnp.sinh, "sinh")
cosh = _float_math(jnp.cosh, "cosh")
reciprocal = _float_math(lambda x: 1 / x, "reciprocal")


def _binary_rule(forward, backward):
    """``jax.custom_vjp`` of ``forward(a, b)`` whose gradients ``backward(a, b, g)`` need the
    inputs (torch's formula, where it differs from JAX's)."""
    rule = jax.custom_vjp(forward)
    rule.defvjp(lambda a, b: (forward(a, b), (a, b)), lambda res, g: backward(*res, g))
    return rule


def _atan2_grads(a, b, g):
    # torch's atan2_backward: (g * b) * recip and (g * -a) * recip with recip = 1 / (a² + b²),
    # 0 where that reciprocal is infinite (the origin; JAX's rule gives NaN there).
    recip = 1 / (a * a + b * b)
    recip = jnp.where(jnp.isinf(recip), jnp.zeros((), recip.dtype), recip)
    return _sum_to((g * b) * recip, jnp.shape(a)), _sum_to((g * -a) * recip, jnp.shape(b))


_atan2 = _binary_rule(jnp.arctan2, _atan2_grads)


@gradient_samples(atan2=(lambda a, b: atan2(a, b), lambda: (smooth(4), smooth(4))))
def atan2(input, other):
    """torch.atan2 (gradient 0 at the origin, as torch)."""
    a, b = _promoted(input, other, floating=True)
    return _atan2(a, b)


def _hypot_grads(a, b, g):
    # torch's hypot_backward: grad * self / result and grad * other / result (NaN at the
    # origin, as torch's; JAX's rule gives 0.5 there).
    r = _hypot_forward(a, b)
    return _sum_to(g * a / r, jnp.shape(a)), _sum_to(g * b / r, jnp.shape(b))


def _hypot_forward(a, b):
    # torch's kernel (std::hypot, Sleef's hypot) is correctly rounded where jnp.hypot's scaled
    # form is an ulp off (hypot(5, 12) is 13 exactly): float32 and narrower are summed in
    # float64; float64 squares directly unless they overflow or underflow.
    if a.dtype != dtypes.float64:
        wide_a, wide_b = a.astype(dtypes.float64), b.astype(dtypes.float64)
        return jnp.sqrt(wide_a * wide_a + wide_b * wide_b).astype(a.dtype)
    direct = jnp.sqrt(a * a + b * b)
    return jnp.where(jnp.isfinite(direct) & (direct > 1e-150), direct, jnp.hypot(a, b))


_hypot = _binary_rule(_hypot_forward, _hypot_grads)


@gradient_samples(hypot=(lambda a, b: hypot(a, b), lambda: (smooth(4), smooth(4))))
def hypot(input, other):
    """torch.hypot: ``sqrt(input² + other²)`` for floating operands (torch has no integer
    kernel).

    >>> import jax.numpy as jnp
    >>> hypot(jnp.array([3., 5.], jnp.float32), jnp.array([4., 12.], jnp.float32))
    Array([ 5., 13.], dtype=float32)
    """
    a, b = _promoted(input, other)
    if dtypes.category(a.dtype) < 2:
        raise _not_implemented("hypot_cpu", a)
    return _hypot(a, b)


erf = _float_math(jax.scipy.special.erf, "erf")


def _rounding(op, kernel):
    def rounding(input):
        x = jnp.asarray(input)
        if x.dtype == dtypes.bool_:
            raise _not_implemented(kernel, x)
        return op(x) if dtypes.is_floating(x.dtype) else x
    rounding.__name__ = rounding.__qualname__ = op.__name__
    rounding.__doc__ = f"torch.{op.__name__}: integers are returned as they are; bools are an error."
    return rounding


floor = _rounding(jnp.floor, "floor_vml_cpu")
ceil = _rounding(jnp.ceil, "ceil_vml_cpu")
trunc = _rounding(jnp.trunc, "trunc_vml_cpu")


def frac(input):
    x = jnp.asarray(input)
    if not dtypes.is_floating(x.dtype):
        raise _not_implemented("frac_cpu", x)
    return x - jnp.trunc(x)


def round(input, decimals=0):
    """torch.round: halves to even; with ``decimals``, torch's scaling (``x * 10**d`` rounded,
    divided back; ``x / 10**-d`` for negative ``d``) in float32 for float16/bfloat16.

    >>> import jax.numpy as jnp
    >>> round(jnp.array([1234.5678, 15.], jnp.float32), decimals=-1)
    Array([1230.,   20.], dtype=float32)
    """
    if isinstance(decimals, bool) or not hasattr(decimals, "__index__"):
        raise TypeError(f"round(): argument 'decimals' must be int, not {type(decimals).__name__}")
    x = jnp.asarray(input)
    if decimals == 0:
        return jnp.round(x)
    if not dtypes.is_floating(x.dtype):
        raise _not_implemented("round_cpu", x)
    power = 10.0 ** builtins.abs(decimals)

    def scaled(v):
        p = jnp.asarray(power, v.dtype)
        return jnp.round(v / p) * p if decimals < 0 else jnp.round(v * p) / p
    return in_opmath(scaled, x)


def _is_number(x) -> bool:
    """A Python number, or one traced into a jitted op (weakly typed, 0-d)."""
    if isinstance(x, (bool, int, float, complex)):
        return True
    return bool(getattr(getattr(x, "aval", None), "weak_type", False)) and not jnp.ndim(x)


def _check_lerp_operands(input, end, weight):
    # torch.lerp does not promote: end and a tensor weight have input's dtype, which floats.
    dtype = jnp.result_type(input)
    for name, operand in (("end", end), ("weight", weight)):
        if not _is_number(operand) and jnp.result_type(operand) != dtype:
            raise RuntimeError(f"expected dtype {c_type_name(dtype)} for `{name}` but got dtype "
                               f"{c_type_name(jnp.result_type(operand))}")
    if not dtypes.is_floating(dtype):
        kernel = "lerp_kernel_scalar" if _is_number(weight) else "lerp_kernel_tensor"
        raise _not_implemented(kernel, jnp.asarray(input))
    if _is_number(weight) and dtypes.category(jnp.result_type(weight)) > dtypes.category(dtype):
        raise conversion_overflow(c_type_name(dtype))  # a complex weight for a real lerp


def lerp(input, end, weight):
    """torch.lerp, in torch's form: ``input + weight * (end - input)`` for ``|weight| < 0.5``,
    else ``end - (end - input) * (1 - weight)`` (exact at both ends); float16/bfloat16 are
    computed in float32 with a number ``weight`` at its own precision.

    >>> import jax.numpy as jnp
    >>> lerp(jnp.array([0., 1.], jnp.float32), jnp.array([10., 3.], jnp.float32), 0.25)
    Array([2.5, 1.5], dtype=float32)
    """
    _check_lerp_operands(input, end, weight)
    a, b, w = _promoted(input, end, weight)
    out_dtype = a.dtype
    if out_dtype in _REDUCED_FLOATS:
        a, b, w = widen(a), widen(b), _scalar_operand(weight, out_dtype)
    near_start, near_end = a + w * (b - a), b - (b - a) * (1 - w)
    return jnp.where(jnp.abs(w) < 0.5, near_start, near_end).astype(out_dtype)


def _clamp_rule(x, lo, hi):
    return jnp.minimum(jnp.maximum(x, lo), hi)


@jax.custom_vjp
def _clamp(x, lo, hi):
    return _clamp_rule(x, lo, hi)


def _clamp_fwd(x, lo, hi):
    return _clamp_rule(x, lo, hi), (x, lo, hi)


def _clamp_bwd(res, g):
    # torch's clamp_backward: the gradient passes where lo <= x <= hi, bounds included, and
    # tensor bounds get the gradient where the input was clipped to them. JAX's min/max rule
    # would give half at the bounds instead.
    x, lo, hi = res
    inside = (x >= lo) & (x <= hi)
    grad_x = jnp.where(inside, g, 0)
    grad_lo = jnp.where(x < lo, g, 0)
    grad_hi = jnp.where((x > hi) & (x >= lo), g, 0)
    return (_sum_to(grad_x, x.shape), _sum_to(grad_lo, jnp.shape(lo)), _sum_to(grad_hi, jnp.shape(hi)))


def _sum_to(g, shape):
    extra = g.ndim - len(shape)
    axes = tuple(range(extra)) + tuple(i + extra for i, s in enumerate(shape) if s == 1 and g.shape[i + extra] != 1)
    return jnp.sum(g, axis=axes, keepdims=False).reshape(shape) if axes else g


_clamp.defvjp(_clamp_fwd, _clamp_bwd)


@gradient_samples(clamp_tensor_bounds=(
    lambda x, lo, hi: clamp(x, lo, hi),
    lambda: (jnp.array([-2.0, 0.3, 2.5]), jnp.full(3, -1.0), jnp.full(3, 1.0))))
def clamp(input, min=None, max=None):
    """torch.clamp (gradient 1 at the bounds, as torch).

    >>> import jax.numpy as jnp
    >>> clamp(jnp.array([-1., 0.5, 2.], jnp.float32), 0., 1.)
    Array([0. , 0.5, 1. ], dtype=float32)
    """
    if min is None and max is None:
        raise RuntimeError("torch.clamp: At least one of 'min' or 'max' must not be None")
    dtype = dtypes.result_type(input, *(b for b in (min, max) if b is not None))
    x = dtypes.cast(input, dtype)
    info_lo, info_hi = _extremes(dtype)
    lo = dtypes.cast(min, dtype) if min is not None else jnp.asarray(info_lo, dtype)
    hi = dtypes.cast(max, dtype) if max is not None else jnp.asarray(info_hi, dtype)
    check_broadcast(x, lo, hi)
    if dtypes.category(dtype) < 2:
        return _clamp_rule(x, lo, hi)
    return _clamp(x, lo, hi)


def _extremes(dtype):
    if dtypes.category(dtype) >= 2:
        return -jnp.inf, jnp.inf
    if dtype == dtypes.bool_:
        return False, True
    info = jnp.iinfo(dtype)
    return info.min, info.max


def _choice_grads(a, b, g, a_loses, b_loses):
    # torch's maximum/minimum backward: grad halved at ties, then masked_fill(0) where that
    # side lost. A select, not a product with a mask: a NaN gradient stays NaN only where the
    # side was chosen, and a NaN input (no side loses) passes the gradient to both.
    shared = jnp.where(a == b, g / 2, g)
    zero = jnp.zeros((), g.dtype)
    return (_sum_to(jnp.where(a_loses, zero, shared), jnp.shape(a)),
            _sum_to(jnp.where(b_loses, zero, shared), jnp.shape(b)))


_float_maximum = _binary_rule(jnp.maximum, lambda a, b, g: _choice_grads(a, b, g, a < b, a > b))
_float_minimum = _binary_rule(jnp.minimum, lambda a, b, g: _choice_grads(a, b, g, a > b, a < b))


@gradient_samples(maximum=(lambda a, b: maximum(a, b), lambda: (smooth(3, 4), smooth(4))))
def maximum(input, other):
    """torch.maximum: NaN propagates; ties split the gradient evenly, and both sides of a NaN
    get it, as torch.

    >>> import jax, jax.numpy as jnp
    >>> other = jnp.array([1., jnp.nan, 0.], jnp.float32)
    >>> jax.grad(lambda a: maximum(a, other).sum())(jnp.array([1., 2., 3.], jnp.float32))
    Array([0.5, 1. , 1. ], dtype=float32)
    """
    a, b = _promoted(input, other)
    return _float_maximum(a, b) if dtypes.category(a.dtype) >= 2 else jnp.maximum(a, b)


@gradient_samples(minimum=(lambda a, b: minimum(a, b), lambda: (smooth(3, 4), smooth(3, 1))))
def minimum(input, other):
    """torch.minimum: NaN propagates; ties split the gradient evenly, and both sides of a NaN
    get it, as torch."""
    a, b = _promoted(input, other)
    return _float_minimum(a, b) if dtypes.category(a.dtype) >= 2 else jnp.minimum(a, b)


def where(condition, input, other):
    """torch.where(condition, input, other): ``condition`` is bool (or uint8, as torch)."""
    condition_dtype = jnp.result_type(condition)
    if condition_dtype not in (dtypes.bool_, np.dtype(np.uint8)):
        raise RuntimeError(f"where expected condition to be a boolean tensor, but got a tensor "
                           f"with dtype {dtypes.torch_type_name(condition_dtype)}")
    check_broadcast(condition, input, other)
    a, b = _promoted(input, other)
    return jnp.where(jnp.asarray(condition, bool), a, b)


def masked_fill(input, mask, value):
    """torch.masked_fill: ``value`` (a number or a 0-d tensor) where ``mask`` is true.

    >>> import jax.numpy as jnp
    >>> masked_fill(jnp.zeros(3, jnp.float32), jnp.array([True, False, True]), 2.)
    Array([2., 0., 2.], dtype=float32)
    """
    x = jnp.asarray(input)
    mask_dtype = jnp.result_type(mask)
    if mask_dtype != dtypes.bool_:
        raise RuntimeError(f"masked_fill_ only supports boolean masks, but got mask with dtype "
                           f"{c_type_name(mask_dtype)}")
    if jnp.ndim(value):
        raise RuntimeError(f"masked_fill_ only supports a 0-dimensional value tensor, but got "
                           f"tensor with {jnp.ndim(value)} dimension(s).")
    check_broadcast(mask, x)
    return jnp.where(mask, dtypes.cast(value, x.dtype), x)


# ----------------------------------------------------------------------------- comparison
def _compare(op, name):
    def compare(input, other):
        a, b = _promoted(input, other)
        return op(a, b)
    compare.__name__ = compare.__qualname__ = name
    compare.__doc__ = f"torch.{name}: elementwise comparison after torch's promotion, a bool array."
    return compare


eq = _compare(jnp.equal, "eq")
ne = _compare(jnp.not_equal, "ne")
lt = _compare(jnp.less, "lt")
le = _compare(jnp.less_equal, "le")
gt = _compare(jnp.greater, "gt")
ge = _compare(jnp.greater_equal, "ge")


def isnan(input):
    return jnp.isnan(input)


def isinf(input):
    return jnp.isinf(input)


def isfinite(input):
    return jnp.isfinite(input)


def logical_not(input):
    return jnp.logical_not(input)


def logical_and(input, other):
    check_broadcast(input, other)
    return jnp.logical_and(input, other)


def logical_or(input, other):
    check_broadcast(input, other)
    return jnp.logical_or(input, other)


def logical_xor(input, other):
    check_broadcast(input, other)
    return jnp.logical_xor(input, other)


def _bitwise(op, name):
    def bitwise(input, other):
        a, b = _promoted(input, other)
        if dtypes.category(a.dtype) >= 2:
            raise _not_implemented(f"{name}_cpu", a)
        return op(a, b)
    bitwise.__name__ = bitwise.__qualname__ = name
    return bitwise


bitwise_and = _bitwise(jnp.bitwise_and, "bitwise_and")
bitwise_or = _bitwise(jnp.bitwise_or, "bitwise_or")
bitwise_xor = _bitwise(jnp.bitwise_xor, "bitwise_xor")


def bitwise_not(input):
    x = jnp.asarray(input)
    if dtypes.category(x.dtype) >= 2:
        raise TypeError("~ (operator.invert) is only implemented on integer and Boolean-type tensors")
    return jnp.invert(x)


def isclose(input, other, rtol=1e-05, atol=1e-08, equal_nan=False):
    """torch.isclose: ``|a - b| <= atol + rtol * |b|``; both tensors must share one dtype and
    the tolerances must not be negative, as torch checks.

    >>> import jax.numpy as jnp
    >>> isclose(jnp.array([1.0, 2.0]), jnp.array([1.0, 2.1]))
    Array([ True, False], dtype=bool)
    """
    a_dtype, b_dtype = jnp.result_type(input), jnp.result_type(other)
    if hasattr(input, "dtype") and hasattr(other, "dtype") and a_dtype != b_dtype:
        raise RuntimeError(f"{dtypes.torch_type_name(a_dtype)} did not match "
                           f"{dtypes.torch_type_name(b_dtype)}")
    for name, tolerance in (("rtol", rtol), ("atol", atol)):
        if tolerance < 0:
            raise RuntimeError(f"{name} must be greater than or equal to zero, but got "
                               f"{tolerance:g}")
    a, b = _promoted(input, other)
    return jnp.isclose(a, b, rtol=rtol, atol=atol, equal_nan=equal_nan)


@linear
def to_dtype(input, dtype):
    """Cast to ``dtype`` (``Tensor.to(dtype)``); the gradient is cast back. Floats become
    integers as torch's x86 kernels make them (:func:`_float_to_int`), not as XLA saturates.

    >>> import jax.numpy as jnp
    >>> to_dtype(jnp.array([jnp.nan, 1e20, -3.7, 300.0], jnp.float32), jnp.int8)
    Array([ 0,  0, -3, 44], dtype=int8)
    """
    x = jnp.asarray(input)
    dtype = jnp.dtype(dtype)
    if dtypes.category(x.dtype) == 2 and dtypes.category(dtype) == 1:
        return _float_to_int(x, dtype)
    return x.astype(dtype)


def _float_to_int(x, dtype):
    """torch's float → integer conversion on x86: int64 and int32 take the integer minimum for
    NaN, ±inf and values out of range (cvttss2si's "indefinite" value); narrower types go
    through int32 (uint8 from float64: through int64) and keep the low bits, as C's casts."""
    if dtype in (dtypes.int64, jnp.dtype(jnp.int32)):
        bits = dtype.itemsize * 8
        low, high = -(2.0 ** (bits - 1)), 2.0 ** (bits - 1)
        bad = jnp.isnan(x) | (x < low) | (x >= high)
        whole = jnp.trunc(jnp.where(bad, jnp.zeros((), x.dtype), x))
        return jnp.where(bad, jnp.iinfo(dtype).min, whole.astype(dtype)).astype(dtype)
    wide = dtypes.int64 if x.dtype == dtypes.float64 and dtype == jnp.dtype(jnp.uint8) \
        else jnp.dtype(jnp.int32)
    return _float_to_int(x, wide).astype(dtype)


@linear
def clone(input):
    """torch.clone: a copy (the identity, for immutable jax arrays)."""
    return jnp.asarray(input)


def _strongly_typed(value, dtype):
    # A Python number traced into a jitted op arrives weakly typed; cast() keeps that when the
    # dtype already matches, and a weak result would promote later as a Python scalar
    # (a filled 0-d float64 tensor computing in float32).
    return jax.lax.convert_element_type(value, dtype)


@linear
def fill(input, value):
    """``input`` filled with ``value`` (``Tensor.fill_``), in ``input``'s dtype; the gradient
    reaches only ``value``.

    >>> import jax.numpy as jnp
    >>> fill(jnp.zeros((), jnp.float64), 0.1234567890123)
    Array(0.12345679, dtype=float64)
    """
    x = jnp.asarray(input)
    if jnp.ndim(value):
        raise RuntimeError(f"fill_ only supports 0-dimension value tensor but got tensor with "
                           f"{jnp.ndim(value)} dimensions.")
    return jnp.broadcast_to(_strongly_typed(value, x.dtype), x.shape)


@linear
def copy(input, src):
    """``src`` broadcast to ``input``'s shape and cast to its dtype (``Tensor.copy_``)."""
    x = jnp.asarray(input)
    shape = check_broadcast(x, src)
    if shape != x.shape:
        raise output_shape_mismatch(x.shape, shape)
    return jnp.broadcast_to(_strongly_typed(src, x.dtype), x.shape)
