"""Activation functions and (log-)softmax with torch's semantics and gradients.

>>> import jax.numpy as jnp
>>> from jaxgrad import functional as F
>>> F.relu(jnp.array([-1., 0., 2.], jnp.float32))
Array([0., 0., 2.], dtype=float32)
"""
from __future__ import annotations

import jax
import numpy as np
import jax.numpy as jnp

from .. import dtypes
from ._checks import gradient_samples, normalize_dim, smooth
from .elementwise import _not_implemented, _unary_float, in_opmath, widen


def _require_number(value, op, name, position):
    """torch's argument check for a Number parameter of ``nn.functional.<op>`` (a traced value
    has passed it already)."""
    if isinstance(value, (bool, int, float)) or hasattr(value, "dtype"):
        return
    raise TypeError(f"{op}(): argument '{name}' (position {position}) must be Number, not "
                    f"{type(value).__name__}")


def _float_kernel(input, kernel):
    """``input`` as an array of a floating dtype; integers and bools fail as torch's
    floating-only CPU kernel ``kernel`` does."""
    x = jnp.asarray(input)
    if not dtypes.is_floating(x.dtype):
        raise _not_implemented(kernel, x)
    return x


def relu(input):
    """torch.relu: the gradient at 0 is 0, as torch's ``threshold_backward``."""
    x = jnp.asarray(input)
    if x.dtype == dtypes.bool_:
        raise RuntimeError("Boolean inputs not supported for relu")
    # x <= 0 rather than x > 0: NaN passes through (value and gradient), as torch's clamp_min.
    return jnp.where(x <= 0, jnp.zeros((), x.dtype), x)


def leaky_relu(input, negative_slope=0.01):
    """torch.nn.functional.leaky_relu (at 0 the gradient is ``negative_slope``, as torch)."""
    _require_number(negative_slope, "leaky_relu", "negative_slope", 2)
    x = _float_kernel(input, "leaky_relu_cpu")
    return in_opmath(lambda v: jnp.where(v > 0, v, v * negative_slope), x)


def sigmoid(input):
    """torch.sigmoid; float16/bfloat16 are computed in float32 and rounded once, as torch."""
    return in_opmath(jax.nn.sigmoid, _unary_float(input))


def logsigmoid(input):
    """torch.nn.functional.logsigmoid, computed in float32 for float16/bfloat16."""
    return in_opmath(jax.nn.log_sigmoid, _float_kernel(input, "log_sigmoid_cpu"))


def tanh(input):
    """torch.tanh; float16/bfloat16 are computed in float32 and rounded once, as torch."""
    return in_opmath(jnp.tanh, _unary_float(input))


def gelu(input, approximate="none"):
    """torch.nn.functional.gelu: exact (erf) by default, 'tanh' for the approximation."""
    if approximate not in ("none", "tanh"):
        raise RuntimeError("approximate argument must be either none or tanh.")
    x = _float_kernel(input, "GeluKernelImpl")
    return in_opmath(lambda v: jax.nn.gelu(v, approximate=approximate == "tanh"), x)


@jax.custom_vjp
def _silu(x):
    # torch's form x / (1 + exp(-x)): x * sigmoid(x) rounds differently (float16 results an
    # ulp apart), and the quotient's own derivative is NaN where exp(-x) overflows.
    return x / (1 + jnp.exp(-x))


def _silu_fwd(x):
    return _silu(x), x


def _silu_bwd(x, g):
    # torch's silu_backward: grad * s * (1 + x * (1 - s)) with s = sigmoid(x).
    s = jax.nn.sigmoid(x)
    return (g * s * (1 + x * (1 - s)),)


_silu.defvjp(_silu_fwd, _silu_bwd)


@gradient_samples(silu=(lambda x: silu(x), lambda: (smooth(5) * 4,)))
def silu(input):
    """torch.nn.functional.silu, ``x / (1 + exp(-x))`` as torch computes it (in float32 for
    float16/bfloat16), with torch's gradient.

    >>> import jax.numpy as jnp
    >>> silu(jnp.array([0., -200.], jnp.float32))
    Array([ 0., -0.], dtype=float32)
    """
    return in_opmath(_silu, _float_kernel(input, "silu_cpu"))


def elu(input, alpha=1.0):
    """torch.nn.functional.elu: ``alpha * expm1(x)`` where ``x <= 0``; the gradient at 0 is
    ``alpha`` and at NaN 1, as torch's ``elu_backward`` (which tests ``x <= 0``).

    >>> import jax, jax.numpy as jnp
    >>> jax.grad(lambda x: elu(x, 2.0).sum())(jnp.array([0., 1.], jnp.float32))
    Array([2., 1.], dtype=float32)
    """
    _require_number(alpha, "elu", "alpha", 2)
    x = _float_kernel(input, "elu_cpu")

    def rule(v):
        negative = v <= 0
        # expm1 of 0 off the negative side: no overflow there, and no gradient leaks into it.
        return jnp.where(negative, alpha * jnp.expm1(jnp.where(negative, v, 0)), v)
    return in_opmath(rule, x)


def softplus(input, beta=1.0, threshold=20.0):
    """torch.nn.functional.softplus: ``log1p(exp(beta * x)) / beta``, linear where
    ``beta * x > threshold``; at the threshold itself the gradient is the smooth one, as
    torch's ``softplus_backward``.

    >>> import jax, jax.numpy as jnp
    >>> jax.grad(lambda x: softplus(x).sum())(jnp.array([20., 21.], jnp.float32))
    Array([1., 1.], dtype=float32)
    """
    _require_number(beta, "softplus", "beta", 2)
    _require_number(threshold, "softplus", "threshold", 3)
    x = _float_kernel(input, "softplus_cpu")

    def rule(v):
        scaled = v * beta
        linear = scaled > threshold
        # exp of 0 on the linear side: no overflow there, and no gradient leaks into it.
        return jnp.where(linear, v, jnp.log1p(jnp.exp(jnp.where(linear, 0, scaled))) / beta)
    return in_opmath(rule, x)


def _check_hardtanh_bounds(min_val, max_val):
    # nn.functional.hardtanh compares the bounds in Python before torch parses them.
    if isinstance(min_val, jax.core.Tracer) or isinstance(max_val, jax.core.Tracer):
        return
    if min_val > max_val:
        raise ValueError("min_val cannot be greater than max_val")
    _require_number(min_val, "hardtanh", "min_val", 2)
    _require_number(max_val, "hardtanh", "max_val", 3)


def hardtanh(input, min_val=-1.0, max_val=1.0):
    """torch.nn.functional.hardtanh (and relu6, its ``(0, 6)`` case): the gradient is 0 where
    ``x <= min_val`` or ``x >= max_val`` (bounds included, unlike clamp) and passes elsewhere,
    NaN included, as torch's ``hardtanh_backward``; integers clip to the truncated bounds.

    >>> import jax, jax.numpy as jnp
    >>> jax.grad(lambda x: hardtanh(x).sum())(jnp.array([-1., 0., 1.], jnp.float32))
    Array([0., 1., 0.], dtype=float32)
    """
    _check_hardtanh_bounds(min_val, max_val)
    x = jnp.asarray(input)
    if x.dtype == dtypes.bool_:
        raise RuntimeError("Bool inputs not supported for hardtanh")
    if not dtypes.is_floating(x.dtype):
        return jnp.clip(x, int(min_val), int(max_val)).astype(x.dtype)
    # Selects, not products with masks: a NaN gradient stays only where the gradient passes.
    # The bounds are compared at their own precision, as torch's opmath kernel does.
    wide = widen(x)
    low, high = wide <= min_val, wide >= max_val
    return jnp.where(low, jnp.asarray(min_val, x.dtype),
                     jnp.where(high, jnp.asarray(max_val, x.dtype), x))


def _softmax_input(x, dim, dtype, kernel):
    x = jnp.asarray(x)
    if dtype is not None:
        return x.astype(dtype)
    if not dtypes.is_floating(x.dtype):
        # torch's CPU kernels: the "lastdim" one when softmax runs along the last dim.
        last = x.ndim <= 1 or normalize_dim(dim, x.ndim) == x.ndim - 1
        raise _not_implemented(f"{kernel}_lastdim_kernel_impl" if last else f"{kernel}_kernel_impl",
                               x)
    return x


def softmax(input, dim, dtype=None):
    """torch.softmax along ``dim`` (a required argument here; compat supplies torch's legacy
    implicit choice); float16/bfloat16 are computed in float32, as torch.

    >>> import jax.numpy as jnp
    >>> softmax(jnp.zeros(4, jnp.float32), 0)
    Array([0.25, 0.25, 0.25, 0.25], dtype=float32)
    """
    x = _softmax_input(input, dim, dtype, "softmax")
    if not x.ndim:
        return jnp.ones_like(x)
    axis = normalize_dim(dim, x.ndim)
    return in_opmath(lambda v: jax.nn.softmax(v, axis=axis), x)


def log_softmax(input, dim, dtype=None):
    """torch.log_softmax along ``dim``; float16/bfloat16 are computed in float32, as torch."""
    x = _softmax_input(input, dim, dtype, "log_softmax")
    if not x.ndim:
        return jnp.zeros_like(x)
    axis = normalize_dim(dim, x.ndim)
    return in_opmath(lambda v: jax.nn.log_softmax(v, axis=axis), x)


def implicit_softmax_dim(ndim: int) -> int:
    """The dim torch picks when softmax is called without one (with a deprecation warning)."""
    return 0 if ndim in (0, 1, 3) else 1


_SELU_ALPHA = 1.6732632423543772848170429916717
_SELU_SCALE = 1.0507009873554804934193349852946


def selu(input):
    """torch.selu: ``scale * elu(x, alpha)`` with torch's constants (its ``elu`` kernel, so
    the gradient at 0 is ``scale * alpha``).

    >>> import jax.numpy as jnp
    >>> selu(jnp.array([0., 1.], jnp.float32))
    Array([0.       , 1.050701], dtype=float32)
    """
    x = _float_kernel(input, "elu_cpu")

    def rule(v):
        negative = v <= 0
        low = _SELU_SCALE * _SELU_ALPHA * jnp.expm1(jnp.where(negative, v, 0))
        return jnp.where(negative, low, v * _SELU_SCALE)
    return in_opmath(rule, x)


def mish(input):
    """torch.nn.functional.mish: ``x * tanh(softplus(x))``, in float32 for float16/bfloat16.

    >>> import jax.numpy as jnp
    >>> mish(jnp.array([0., 1.], jnp.float32))
    Array([0.       , 0.8650985], dtype=float32)
    """
    x = _float_kernel(input, "mish_cpu")
    return in_opmath(lambda v: v * jnp.tanh(jax.nn.softplus(v)), x)


def prelu(input, weight):
    """torch.nn.functional.prelu: ``x`` where positive, ``weight * x`` elsewhere, ``weight``
    one value or one per channel (dim 1; an input of fewer dims has one channel).

    >>> import jax.numpy as jnp
    >>> prelu(jnp.array([[-1., 2.]], jnp.float32), jnp.array([0.5, 0.1], jnp.float32))
    Array([[-0.5,  2. ]], dtype=float32)
    """
    x, w = jnp.asarray(input), jnp.asarray(weight)
    channels = x.shape[1] if x.ndim >= 2 else 1
    if w.size != 1 and w.size != channels:
        raise RuntimeError(f"Mismatch of parameter numbers and input channel size. Found "
                           f"parameter numbers = {w.size} and channel size = {channels}.")
    if w.size == 1 or x.ndim < 2:
        w = w.reshape(())
    else:
        w = w.reshape((1, channels) + (1,) * (x.ndim - 2))
    return jnp.where(x > 0, x, w * x).astype(x.dtype)


def celu(input, alpha=1.0):
    """torch.celu: ``alpha * expm1(x / alpha)`` where ``x <= 0`` (torch's ``elu`` kernel with
    input scale ``1 / alpha``; the gradient at 0 is 1).

    >>> import jax.numpy as jnp
    >>> celu(jnp.array([0., 2.], jnp.float32), 2.0)
    Array([0., 2.], dtype=float32)
    """
    _require_number(alpha, "celu", "alpha", 2)
    if not isinstance(alpha, jax.core.Tracer) and alpha == 0:
        raise RuntimeError("ZeroDivisionError: alpha cannot be 0 for CELU")
    x = _float_kernel(input, "elu_cpu")
    scale = 1.0 / alpha

    def rule(v):
        negative = v <= 0
        return jnp.where(negative, alpha * jnp.expm1(jnp.where(negative, v, 0) * scale), v)
    return in_opmath(rule, x)


def threshold(input, threshold, value):
    """torch.threshold: ``value`` where ``x <= threshold``, ``x`` elsewhere (NaN included);
    both numbers are taken in the input's dtype first (truncated for integers), as torch's
    kernel does, and the gradient is 0 where the value was replaced.

    >>> import jax.numpy as jnp
    >>> threshold(jnp.array([-2, 0, 3], jnp.int32), 0.5, 2.5)
    Array([2, 2, 3], dtype=int32)
    """
    _require_number(threshold, "threshold", "threshold", 2)
    _require_number(value, "threshold", "value", 3)
    x = jnp.asarray(input)
    if x.dtype == dtypes.bool_:
        raise _not_implemented("threshold_cpu", x)
    wide = widen(x)
    if dtypes.is_floating(x.dtype):
        limit = jnp.asarray(threshold, wide.dtype)
    else:
        limit = jnp.asarray(threshold).astype(x.dtype)
    return jnp.where(wide <= limit, jnp.asarray(value).astype(x.dtype), x)


def hardshrink(input, lambd=0.5):
    """torch.nn.functional.hardshrink: 0 where ``-lambd <= x <= lambd``, ``x`` elsewhere; the
    gradient passes where the value does (NaN included), as torch's ``hardshrink_backward``.

    >>> import jax.numpy as jnp
    >>> hardshrink(jnp.array([-1., 0.5, 2.], jnp.float32))
    Array([-1.,  0.,  2.], dtype=float32)
    """
    _require_number(lambd, "hardshrink", "lambd", 2)
    x = _float_kernel(input, "hardshrink_cpu")
    wide = widen(x)
    inside = (wide >= -lambd) & (wide <= lambd)
    return jnp.where(inside, jnp.zeros((), x.dtype), x)


def _c_float(value) -> str:
    # C++'s default stream formatting of a double (six significant digits), as torch prints.
    return f"{float(value):g}"


def softshrink(input, lambd=0.5):
    """torch.nn.functional.softshrink: ``x - lambd`` above ``lambd``, ``x + lambd`` below
    ``-lambd``, ``0 * x`` between (so ``-0.`` for negative ``x``); ``lambd`` must lie in
    ``[0, max of the dtype]``.

    >>> import jax.numpy as jnp
    >>> softshrink(jnp.array([-1., 0.25, 2.], jnp.float32))
    Array([-0.5,  0. ,  1.5], dtype=float32)
    """
    _require_number(lambd, "softshrink", "lambd", 2)
    x = _float_kernel(input, "softshrink_check")
    if not isinstance(lambd, jax.core.Tracer):
        top = float(jnp.finfo(x.dtype).max)
        if not 0 <= lambd <= top:
            raise RuntimeError(f"lambda must be in range [0, {_c_float(top)}] for input dtype "
                               f"{dtypes.torch_type_name(x.dtype)}, but found "
                               f"{_c_float(lambd)}")

    def rule(v):
        return jnp.where(v > lambd, v - lambd, jnp.where(v < -lambd, v + lambd, v * 0))
    return in_opmath(rule, x)


def hardsigmoid(input):
    """torch.nn.functional.hardsigmoid: ``min(max(x + 3, 0), 6) / 6``; the gradient is 1/6
    strictly inside ``(-3, 3)`` and 0 elsewhere, as torch's ``hardsigmoid_backward``.

    >>> import jax.numpy as jnp
    >>> hardsigmoid(jnp.array([-4., 0., 3.], jnp.float32))
    Array([0. , 0.5, 1. ], dtype=float32)
    """
    x = _float_kernel(input, "hardsigmoid_cpu")
    return in_opmath(_hardsigmoid_rule, x)


@jax.custom_jvp
def _hardsigmoid_rule(v):
    return jnp.where(v <= -3, jnp.zeros((), v.dtype),
                     jnp.where(v >= 3, jnp.ones((), v.dtype), (v + 3) / 6))


@_hardsigmoid_rule.defjvp
def _hardsigmoid_jvp(primals, tangents):
    (v,), (t,) = primals, tangents
    # torch's hardsigmoid_backward multiplies by ``1.0f / 6.0f``: a float32 sixth, in every dtype
    slope = jnp.asarray(np.float32(1.0) / np.float32(6.0), v.dtype)
    inside = (v > -3) & (v < 3)
    return _hardsigmoid_rule(v), jnp.where(inside, t * slope, jnp.zeros((), t.dtype))


def hardswish(input):
    """torch.nn.functional.hardswish: ``x * min(max(x + 3, 0), 6) / 6``; the gradient is 0 up
    to -3, ``x / 3 + 1 / 2`` below 3 and 1 from 3 on, as torch's ``hardswish_backward``.

    >>> import jax.numpy as jnp
    >>> hardswish(jnp.array([-4., 0., 1., 3.], jnp.float32))
    Array([-0.       ,  0.       ,  0.6666667,  3.       ], dtype=float32)
    """
    x = _float_kernel(input, "hardswish_cpu")

    def rule(v):
        return jnp.where(v <= -3, v * 0, jnp.where(v >= 3, v, v * (v + 3) / 6))
    return in_opmath(rule, x)


def glu(input, dim=-1):
    """torch.nn.functional.glu: the first half of ``dim`` times the sigmoid of the second
    (torch's errors: a 0-d input, an odd size, then a non-float dtype).

    >>> import jax.numpy as jnp
    >>> glu(jnp.array([[1., 0.]], jnp.float32))
    Array([[0.5]], dtype=float32)
    """
    x = jnp.asarray(input)
    if not x.ndim:
        raise RuntimeError("glu does not support scalars because halving size must be even")
    axis = normalize_dim(dim, x.ndim)
    if x.shape[axis] % 2:
        raise RuntimeError(f"Halving dimension must be even, but dimension {axis} is size "
                           f"{x.shape[axis]}")
    x = _float_kernel(x, "glu_cpu")

    def rule(v):
        a, b = jnp.split(v, 2, axis=axis)
        return a * jax.nn.sigmoid(b)
    return in_opmath(rule, x)


def rrelu_with_noise(input, noise, lower=0.125, upper=1.0 / 3.0, training=False):
    """torch's ``rrelu_with_noise``: in training ``input * noise`` (``noise`` holds the slopes
    torch drew for the non-positive elements, 1 elsewhere); in eval leaky_relu with the mean
    slope ``(lower + upper) / 2``.

    >>> import jax.numpy as jnp
    >>> rrelu_with_noise(jnp.array([-1., 2.], jnp.float32), jnp.ones(2, jnp.float32), 0.1, 0.3)
    Array([-0.2,  2. ], dtype=float32)
    """
    if training:
        x = _float_kernel(input, "rrelu_with_noise_out_cpu")
        return x * jnp.asarray(noise, x.dtype)
    return leaky_relu(input, (lower + upper) / 2)
