"""Activation functions and (log-)softmax with torch's semantics and gradients.

>>> import jax.numpy as jnp
>>> from jaxgrad import functional as F
>>> F.relu(jnp.array([-1., 0., 2.], jnp.float32))
Array([0., 0., 2.], dtype=float32)
"""
from __future__ import annotations


import jax
import jax.numpy as jnp

from .. import dtypes
from ._checks import normalize_dim
from .elementwise import _unary_float


def relu(input):
    """torch.relu: the gradient at 0 is 0, as torch's ``threshold_backward``."""
    x = jnp.asarray(input)
    if x.dtype == dtypes.bool_:
        raise RuntimeError("Boolean inputs not supported for relu")
    # x <= 0 rather than x > 0: NaN passes through (value and gradient), as torch's clamp_min.
    return jnp.where(x <= 0, jnp.zeros((), x.dtype), x)


def leaky_relu(input, negative_slope=0.01):
    """torch.nn.functional.leaky_relu (at 0 the gradient is ``negative_slope``, as torch)."""
    x = _unary_float(input)
    return jnp.where(x > 0, x, x * negative_slope)


def sigmoid(input):
    return jax.nn.sigmoid(_unary_float(input))


def logsigmoid(input):
    return jax.nn.log_sigmoid(_unary_float(input))


def tanh(input):
    return jnp.tanh(_unary_float(input))


def gelu(input, approximate="none"):
    """torch.nn.functional.gelu: exact (erf) by default, 'tanh' for the approximation."""
    if approximate not in ("none", "tanh"):
        raise RuntimeError("approximate argument must be either none or tanh.")
    return jax.nn.gelu(_unary_float(input), approximate=approximate == "tanh")


def silu(input):
    return jax.nn.silu(_unary_float(input))


def elu(input, alpha=1.0):
    x = _unary_float(input)
    return jnp.where(x > 0, x, alpha * jnp.expm1(jnp.minimum(x, 0)))


def softplus(input, beta=1.0, threshold=20.0):
    """torch.nn.functional.softplus: linear above ``threshold`` (in units of ``beta * x``)."""
    x = _unary_float(input)
    bx = x * beta
    return jnp.where(bx > threshold, x, jnp.log1p(jnp.exp(jnp.minimum(bx, threshold))) / beta)


def hardtanh(input, min_val=-1.0, max_val=1.0):
    x = _unary_float(input)
    # torch passes the gradient strictly inside (min_val, max_val).
    return jnp.where((x > min_val) & (x < max_val), x, jnp.clip(x, min_val, max_val))


def _softmax_dtype(x, dtype):
    x = jnp.asarray(x)
    if dtype is not None:
        return x.astype(dtype)
    if not dtypes.is_floating(x.dtype):
        # torch: softmax on integers is "not implemented for 'Long'".
        from .reductions import torch_type_name
        raise NotImplementedError(f'"softmax_lastdim_kernel_impl" not implemented for '
                                  f"'{torch_type_name(x.dtype)}'")
    return x


def softmax(input, dim, dtype=None):
    """torch.softmax along ``dim`` (a required argument here; compat supplies torch's legacy
    implicit choice).

    >>> import jax.numpy as jnp
    >>> softmax(jnp.zeros(4, jnp.float32), 0)
    Array([0.25, 0.25, 0.25, 0.25], dtype=float32)
    """
    x = _softmax_dtype(input, dtype)
    return jax.nn.softmax(x, axis=normalize_dim(dim, x.ndim)) if x.ndim else jnp.ones_like(x)


def log_softmax(input, dim, dtype=None):
    """torch.log_softmax along ``dim``."""
    x = _softmax_dtype(input, dtype)
    return jax.nn.log_softmax(x, axis=normalize_dim(dim, x.ndim)) if x.ndim else jnp.zeros_like(x)


def implicit_softmax_dim(ndim: int) -> int:
    """The dim torch picks when softmax is called without one (with a deprecation warning)."""
    return 0 if ndim in (0, 1, 3) else 1
