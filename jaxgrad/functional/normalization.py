"""Group and RMS normalisation of torch.nn.functional as pure JAX functions (layer and batch
normalisation are in :mod:`.layers`); float16/bfloat16 are normalised in float32 and rounded
once, as torch's CPU kernels.

>>> import jax.numpy as jnp
>>> rms_norm(jnp.array([[3., 4.]], jnp.float32), (2,), eps=0.)
Array([[0.84852815, 1.1313709 ]], dtype=float32)
"""
from __future__ import annotations

import jax
import jax.numpy as jnp

from .. import dtypes
from .elementwise import _not_implemented, widen


def _check_channel_vector(name, p, x):
    if p is not None and (jnp.ndim(p) != 1 or jnp.shape(p)[0] != x.shape[1]):
        raise RuntimeError(f"Expected {name} to be a vector of size equal to the number of "
                           f"channels in input, but got {name} of shape {list(jnp.shape(p))} and "
                           f"input of shape {list(x.shape)}")


def group_norm(input, num_groups, weight=None, bias=None, eps=1e-5):
    """torch.nn.functional.group_norm: the channels (dim 1) split into ``num_groups`` groups,
    each normalised over its channels and the spatial dims (biased variance), then the
    per-channel ``weight`` and ``bias``.

    >>> import jax.numpy as jnp
    >>> group_norm(jnp.array([[1., 3., 0., 4.]], jnp.float32), 2, eps=0.)
    Array([[-1.,  1., -1.,  1.]], dtype=float32)
    """
    x = jnp.asarray(input)
    if x.ndim < 2:
        raise RuntimeError(f"Expected at least 2 dimensions for input tensor but received "
                           f"{x.ndim}")
    channels = x.shape[1]
    if channels % num_groups:
        raise RuntimeError(f"Expected number of channels in input to be divisible by num_groups, "
                           f"but got input of shape {list(x.shape)} and num_groups={num_groups}")
    _check_channel_vector("weight", weight, x)
    _check_channel_vector("bias", bias, x)
    if not dtypes.is_floating(x.dtype):
        raise _not_implemented("GroupNormKernelImpl", x)
    wide = widen(x)
    grouped = wide.reshape((x.shape[0], num_groups, -1))
    mean = jnp.mean(grouped, axis=-1, keepdims=True)
    var = jnp.mean(jnp.square(grouped - mean), axis=-1, keepdims=True)
    out = ((grouped - mean) * jax.lax.rsqrt(var + eps)).reshape(x.shape)
    bshape = (1, channels) + (1,) * (x.ndim - 2)
    if weight is not None:
        out = out * widen(weight).reshape(bshape)
    if bias is not None:
        out = out + widen(bias).reshape(bshape)
    return out.astype(x.dtype)


def rms_norm(input, normalized_shape, weight=None, eps=None):
    """torch.nn.functional.rms_norm: ``x / sqrt(mean(x²) + eps) * weight`` over the trailing
    ``normalized_shape`` dims; ``eps`` defaults to the dtype's machine epsilon.

    >>> import jax.numpy as jnp
    >>> rms_norm(jnp.ones((1, 2), jnp.float32), (2,), jnp.array([2., 3.], jnp.float32), 0.)
    Array([[2., 3.]], dtype=float32)
    """
    x = jnp.asarray(input)
    shape = tuple(normalized_shape)
    n = len(shape)
    if x.ndim < n or tuple(x.shape[x.ndim - n:]) != shape:
        raise RuntimeError(f"Given normalized_shape={list(shape)}, expected input with shape "
                           f"[*{', '.join(map(str, shape))}], but got input of size"
                           f"{list(x.shape)}")
    if weight is not None and tuple(jnp.shape(weight)) != shape:
        raise RuntimeError(f"Expected weight to be of same shape as normalized_shape, but got "
                           f"weight of shape {list(jnp.shape(weight))} and normalized_shape = "
                           f"{list(shape)}")
    if not dtypes.is_floating(x.dtype):
        raise _not_implemented("rms_norm", x)
    if eps is None:
        eps = float(jnp.finfo(x.dtype).eps)
    wide = widen(x)
    axes = tuple(range(x.ndim - n, x.ndim))
    out = wide * jax.lax.rsqrt(jnp.mean(jnp.square(wide), axis=axes, keepdims=True) + eps)
    if weight is not None:
        out = out * widen(weight)
    return out.astype(x.dtype)
