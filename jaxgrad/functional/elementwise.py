"""Elementwise ops with torch's promotion, broadcasting errors and gradients.

Each op takes jax arrays or Python scalars and returns a jax array.

>>> import jax.numpy as jnp
>>> from jaxgrad import functional as F
>>> F.mul(jnp.arange(3), 0.5)
Array([0. , 0.5, 1. ], dtype=float32)
"""
from __future__ import annotations

import jax
import jax.numpy as jnp

from .. import dtypes
from ._checks import check_broadcast, linear


def _dtype_of(x):
    return dtypes.bool_ if isinstance(x, bool) else jnp.result_type(x)


def _not_implemented(kernel, x):
    """torch's NotImplementedError for a kernel that has no version for ``x``'s dtype."""
    from .reductions import torch_type_name
    return NotImplementedError(f'"{kernel}" not implemented for \'{torch_type_name(x.dtype)}\'')


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


def no_derivative(fn, aten_name):
    """``fn`` whose backward raises torch's error for ops without a derivative formula (their
    ``grad_fn`` is torch's ``NotImplemented`` node, e.g. ``floor_divide``)."""
    @jax.custom_vjp
    def op(*args):
        return fn(*args)

    def fwd(*args):
        return fn(*args), None

    def bwd(res, g):
        raise RuntimeError(f"derivative for aten::{aten_name} is not implemented")

    op.defvjp(fwd, bwd)

    def wrapped(*args):
        out = fn(*args)  # eager shape/dtype checks, and integer results need no rule
        return op(*args) if dtypes.category(out.dtype) >= 2 else out
    wrapped.__name__ = wrapped.__qualname__ = getattr(fn, "__name__", aten_name)
    wrapped.__doc__ = fn.__doc__
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
@linear
def add(input, other, alpha=1):
    """``input + alpha * other`` (torch.add)."""
    a, b = _promoted(input, other)
    return a + b if alpha == 1 else a + dtypes.cast(alpha, a.dtype) * b


@linear
def sub(input, other, alpha=1):
    """``input - alpha * other`` (torch.sub)."""
    _check_sub_operands(input, other)
    a, b = _promoted(input, other)
    return a - b if alpha == 1 else a - dtypes.cast(alpha, a.dtype) * b


@linear
def rsub(input, other, alpha=1):
    """``other - alpha * input`` (torch.rsub; what ``1 - x`` computes)."""
    _check_sub_operands(other, input)
    a, b = _promoted(input, other)
    return b - a if alpha == 1 else b - dtypes.cast(alpha, a.dtype) * a


def mul(input, other):
    """``input * other`` (torch.mul)."""
    a, b = _promoted(input, other)
    return jnp.logical_and(a, b) if a.dtype == dtypes.bool_ else a * b


def div(input, other, rounding_mode=None):
    """torch.div: true division (integers give the default float), or 'trunc'/'floor' rounding."""
    if rounding_mode is None:
        a, b = _promoted(input, other, floating=True)
        return a / b
    a, b = _promoted(input, other)
    if rounding_mode == "trunc":
        if dtypes.category(a.dtype) >= 2:
            return jnp.trunc(a / b)
        return (jnp.sign(a) * jnp.sign(b) * (jnp.abs(a) // jnp.abs(b))).astype(a.dtype)
    if rounding_mode == "floor":
        return jnp.floor(a / b) if dtypes.category(a.dtype) >= 2 else a // b
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
    # torch's abs_backward: grad * sgn(x), 0 at 0 (JAX's rule gives 1 at +0).
    return (g * jnp.sign(x),)


_float_abs.defvjp(_float_abs_fwd, _float_abs_bwd)


def abs(input):
    """torch.abs (gradient ``sign(x)``, 0 at 0 as torch)."""
    x = jnp.asarray(input)
    if x.dtype == dtypes.bool_:
        raise _not_implemented("abs_cpu", x)
    return _float_abs(x) if dtypes.category(x.dtype) >= 2 else jnp.abs(x)


def reciprocal(input):
    return 1 / _unary_float(input)


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


def exp(input):
    return jnp.exp(_unary_float(input))


def exp2(input):
    return jnp.exp2(_unary_float(input))


def expm1(input):
    return jnp.expm1(_unary_float(input))


def log(input):
    return jnp.log(_unary_float(input))


def log2(input):
    return jnp.log2(_unary_float(input))


def log10(input):
    return jnp.log10(_unary_float(input))


def log1p(input):
    return jnp.log1p(_unary_float(input))


def sqrt(input):
    return jnp.sqrt(_unary_float(input))


def rsqrt(input):
    return jax.lax.rsqrt(_unary_float(input))


def sin(input):
    return jnp.sin(_unary_float(input))


def cos(input):
    return jnp.cos(_unary_float(input))


def tan(input):
    return jnp.tan(_unary_float(input))


def asin(input):
    return jnp.arcsin(_unary_float(input))


def acos(input):
    return jnp.arccos(_unary_float(input))


def atan(input):
    return jnp.arctan(_unary_float(input))


def sinh(input):
    return jnp.sinh(_unary_float(input))


def cosh(input):
    return jnp.cosh(_unary_float(input))


@jax.custom_vjp
def _atan2(a, b):
    return jnp.arctan2(a, b)


def _atan2_fwd(a, b):
    return jnp.arctan2(a, b), (a, b)


def _atan2_bwd(res, g):
    # torch's atan2_backward: (g * b) * recip and (g * -a) * recip with recip = 1 / (a² + b²),
    # 0 where that reciprocal is infinite (the origin; JAX's rule gives NaN there).
    a, b = res
    recip = 1 / (a * a + b * b)
    recip = jnp.where(jnp.isinf(recip), jnp.zeros((), recip.dtype), recip)
    return _sum_to((g * b) * recip, jnp.shape(a)), _sum_to((g * -a) * recip, jnp.shape(b))


_atan2.defvjp(_atan2_fwd, _atan2_bwd)


def atan2(input, other):
    """torch.atan2 (gradient 0 at the origin, as torch)."""
    a, b = _promoted(input, other, floating=True)
    return _atan2(a, b)


def erf(input):
    return jax.scipy.special.erf(_unary_float(input))


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
    """torch.round: halves to even, as torch."""
    return jnp.round(input, decimals)


def lerp(input, end, weight):
    a, b, w = _promoted(input, end, weight)
    return a + w * (b - a)


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


def maximum(input, other):
    """torch.maximum (ties split the gradient evenly, as torch)."""
    a, b = _promoted(input, other)
    return jnp.maximum(a, b)


def minimum(input, other):
    """torch.minimum (ties split the gradient evenly, as torch)."""
    a, b = _promoted(input, other)
    return jnp.minimum(a, b)


def where(condition, input, other):
    """torch.where(condition, input, other)."""
    check_broadcast(condition, input, other)
    a, b = _promoted(input, other)
    return jnp.where(jnp.asarray(condition, bool), a, b)


def masked_fill(input, mask, value):
    """torch.masked_fill: ``value`` where ``mask`` is true."""
    x = jnp.asarray(input)
    if jnp.asarray(mask).dtype != dtypes.bool_:
        raise RuntimeError(f"masked_fill_ only supports boolean masks, but got mask with dtype "
                           f"{jnp.asarray(mask).dtype}")
    check_broadcast(x, mask)
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
    a, b = _promoted(input, other)
    return jnp.isclose(a, b, rtol=rtol, atol=atol, equal_nan=equal_nan)


@linear
def to_dtype(input, dtype):
    """Cast to ``dtype`` (``Tensor.to(dtype)``); the gradient is cast back."""
    return jnp.asarray(input).astype(dtype)


@linear
def clone(input):
    """torch.clone: a copy (the identity, for immutable jax arrays)."""
    return jnp.asarray(input)


@linear
def fill(input, value):
    """``input`` filled with ``value`` (``Tensor.fill_``); the gradient reaches only ``value``."""
    x = jnp.asarray(input)
    return jnp.broadcast_to(dtypes.cast(value, x.dtype), x.shape)


@linear
def copy(input, src):
    """``src`` broadcast to ``input``'s shape and cast to its dtype (``Tensor.copy_``)."""
    x = jnp.asarray(input)
    shape = check_broadcast(x, src)
    if shape != x.shape:
        raise RuntimeError(f"output with shape {list(x.shape)} doesn't match the broadcast shape "
                           f"{list(shape)}")
    return jnp.broadcast_to(dtypes.cast(src, x.dtype), x.shape)
