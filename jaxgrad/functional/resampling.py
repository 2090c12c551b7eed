"""Adaptive average pooling and interpolation (nearest, nearest-exact, linear, bilinear,
bicubic, trilinear) in torch's layouts, as pure JAX functions.

Each resizes the trailing spatial dims one at a time by a constant matrix built from the
shapes alone (torch's index and weight formulas, computed in the input's opmath precision),
so the gradient is the transposed matrix, as torch's backward kernels compute it.

>>> import jax.numpy as jnp
>>> adaptive_avg_pool1d(jnp.arange(4, dtype=jnp.float32).reshape(1, 1, 4), 2)
Array([[[0.5, 2.5]]], dtype=float32)
"""
from __future__ import annotations

import math

import jax.numpy as jnp
import numpy as np

from .. import dtypes
from .elementwise import _not_implemented, widen


def _along(x, axis, matrix):
    """``x`` with dim ``axis`` mapped through ``matrix`` (out, in)."""
    moved = jnp.moveaxis(x, axis, -1)
    out = jnp.matmul(moved, jnp.asarray(matrix.T, x.dtype))
    return jnp.moveaxis(out, -1, axis)


def _adaptive_windows(size, out):
    """torch's adaptive windows: ``[floor(i·in/out), ceil((i+1)·in/out))``."""
    windows = np.zeros((out, size), np.float64)
    for i in range(out):
        start = (i * size) // out
        end = -((-(i + 1) * size) // out)
        windows[i, start:end] = 1.0
    return windows


def _adaptive_avg(x, sizes):
    wide = widen(x)
    spatial = len(sizes)
    for i, out in enumerate(sizes):
        axis = x.ndim - spatial + i
        windows = _adaptive_windows(x.shape[axis], out)
        # Sums, then one division by the window's length, as torch's kernel.
        counts = windows.sum(axis=1).reshape((-1,) + (1,) * (spatial - 1 - i))
        wide = _along(wide, axis, windows) / jnp.asarray(np.maximum(counts, 1), wide.dtype)
    return wide.astype(x.dtype)


def _check_float(x, kernel):
    if not dtypes.is_floating(x.dtype):
        raise _not_implemented(kernel, x)


def adaptive_avg_pool1d(input, output_size):
    """torch.nn.functional.adaptive_avg_pool1d over the last dim of ``(N, C, L)`` or
    ``(C, L)`` inputs.

    >>> import jax.numpy as jnp
    >>> adaptive_avg_pool1d(jnp.arange(3, dtype=jnp.float32).reshape(1, 3), 2)
    Array([[0.5, 1.5]], dtype=float32)
    """
    x = jnp.asarray(input)
    if x.ndim not in (2, 3):
        raise RuntimeError(f"Expected 2 to 3 dimensions, but got {x.ndim}-dimensional tensor for "
                           "argument #1 'self' (while checking arguments for adaptive_avg_pool1d)")
    out = output_size[0] if isinstance(output_size, (tuple, list)) else output_size
    _check_float(x, "adaptive_avg_pool2d")
    return _adaptive_avg(x, (int(out),))


def adaptive_avg_pool2d(input, output_size):
    """torch.nn.functional.adaptive_avg_pool2d over the last two dims (``None`` in
    ``output_size`` keeps that dim).

    >>> import jax.numpy as jnp
    >>> adaptive_avg_pool2d(jnp.ones((1, 1, 3, 3), jnp.float32), (1, None)).shape
    (1, 1, 1, 3)
    """
    x = jnp.asarray(input)
    sizes = (tuple(output_size) if isinstance(output_size, (tuple, list))
             else (output_size, output_size))
    if len(sizes) != 2:
        raise RuntimeError("adaptive_avg_pool2d: output_size must be 2")
    if x.ndim not in (3, 4):
        raise RuntimeError(f"adaptive_avg_pool2d(): Expected 3D or 4D tensor, but got "
                           f"{list(x.shape)}")
    sizes = tuple(x.shape[x.ndim - 2 + i] if s is None else int(s) for i, s in enumerate(sizes))
    _check_float(x, "adaptive_avg_pool2d")
    return _adaptive_avg(x, sizes)


def _source_scale(size, out, align_corners, scale):
    """torch's ``area_pixel_compute_scale``."""
    if align_corners:
        return (size - 1) / (out - 1) if out > 1 else 0.0
    return 1.0 / scale if scale is not None and scale > 0 else size / out


def _nearest_matrix(size, out, scale, real):
    factor = real(1.0 / scale if scale is not None and scale > 0 else size / out)
    src = np.minimum(np.floor(np.arange(out, dtype=real) * factor).astype(np.int64), size - 1)
    matrix = np.zeros((out, size), real)
    matrix[np.arange(out), src] = 1
    return matrix


def _linear_matrix(size, out, align_corners, scale, real):
    factor = real(_source_scale(size, out, align_corners, scale))
    dst = np.arange(out, dtype=real)
    if align_corners:
        src = factor * dst
    else:
        src = np.maximum(factor * (dst + real(0.5)) - real(0.5), real(0))
    low = src.astype(np.int64)
    high = low + (low < size - 1)
    weight_high = np.minimum(src - low.astype(real), real(1))
    matrix = np.zeros((out, size), real)
    np.add.at(matrix, (np.arange(out), low), real(1) - weight_high)
    np.add.at(matrix, (np.arange(out), high), weight_high)
    return matrix


def _nearest_exact_matrix(size, out, scale, real):
    """torch's 'nearest-exact': the source pixel whose centre is nearest (``floor((i + 0.5)
    · scale)``)."""
    factor = real(1.0 / scale if scale is not None and scale > 0 else size / out)
    positions = (np.arange(out, dtype=real) + real(0.5)) * factor
    src = np.minimum(np.floor(positions).astype(np.int64), size - 1)
    matrix = np.zeros((out, size), real)
    matrix[np.arange(out), src] = 1
    return matrix


_CUBIC_A = -0.75  # torch's bicubic (Keys' cubic convolution with A = -0.75)


def _cubic_matrix(size, out, align_corners, scale, real):
    """torch's bicubic weights: four source pixels around ``floor(src)`` (indices clamped
    to the edge), source positions not clamped at 0 as the linear modes' are."""
    a = real(_CUBIC_A)
    factor = real(_source_scale(size, out, align_corners, scale))
    dst = np.arange(out, dtype=real)
    src = factor * dst if align_corners else factor * (dst + real(0.5)) - real(0.5)
    low = np.floor(src)
    t = src - low

    def near(x):  # |x| <= 1
        return ((a + real(2)) * x - (a + real(3))) * x * x + real(1)

    def far(x):  # 1 < |x| < 2
        return ((a * x - real(5) * a) * x + real(8) * a) * x - real(4) * a
    weights = (far(t + real(1)), near(t), near(real(1) - t), far(real(2) - t))
    matrix = np.zeros((out, size), real)
    for k, weight in enumerate(weights):
        index = np.clip(low.astype(np.int64) - 1 + k, 0, size - 1)
        np.add.at(matrix, (np.arange(out), index), weight.astype(real))
    return matrix


def interpolate(input, size, mode="nearest", align_corners=False, scales=None):
    """torch.nn.functional.interpolate to the spatial ``size`` (one int per spatial dim):
    ``mode`` 'nearest' or 'nearest-exact' (3-D to 5-D inputs), 'linear' (3-D), 'bilinear'
    or 'bicubic' (4-D), 'trilinear' (5-D); ``scales`` are the scale factors torch's kernels
    use for the source positions (None: ``in / out``).

    >>> import jax.numpy as jnp
    >>> interpolate(jnp.array([[[1., 3.]]], jnp.float32), (4,), "linear")
    Array([[[1. , 1.5, 2.5, 3. ]]], dtype=float32)
    """
    x = jnp.asarray(input)
    spatial = len(size)
    scales = tuple(scales) if scales is not None else (None,) * spatial
    if spatial == 1:
        _check_float(x, f"compute_indices_weights_{'nearest' if mode == 'nearest' else 'linear'}")
    else:
        _check_float(x, f"upsample_{mode.replace('-', '_')}{spatial}d_channels_last")
    wide = widen(x)
    real = np.dtype(wide.dtype).type
    for i, (out, scale) in enumerate(zip(size, scales)):
        axis = x.ndim - spatial + i
        n = x.shape[axis]
        if mode == "nearest":
            matrix = _nearest_matrix(n, out, scale, real)
        elif mode == "nearest-exact":
            matrix = _nearest_exact_matrix(n, out, scale, real)
        elif mode == "bicubic":
            matrix = _cubic_matrix(n, out, align_corners, scale, real)
        else:
            matrix = _linear_matrix(n, out, align_corners, scale, real)
        wide = _along(wide, axis, matrix)
    return wide.astype(x.dtype)


def interpolated_size(spatial_sizes, scale_factors):
    """torch's output size for scale factors: ``floor(size · factor)`` per spatial dim.

    >>> interpolated_size((5,), (1.5,))
    (7,)
    """
    return tuple(int(math.floor(float(s) * f)) for s, f in zip(spatial_sizes, scale_factors))


def _check_factor(op, name, factor, ndim):
    if ndim < 3:
        raise RuntimeError(f"{op} expects input to have at least 3 dimensions, but got input "
                           f"with {ndim} dimension(s)")
    if factor <= 0:
        raise RuntimeError(f"{op} expects a positive {name}, but got {factor}")


def pixel_shuffle(input, upscale_factor):
    """torch.nn.functional.pixel_shuffle: ``(*, C r², H, W)`` to ``(*, C, H r, W r)``, channel
    ``c r² + i r + j`` landing at offset ``(i, j)`` of each ``r × r`` block.

    >>> import jax.numpy as jnp
    >>> pixel_shuffle(jnp.arange(4, dtype=jnp.float32).reshape(4, 1, 1), 2)[0]
    Array([[0., 1.],
           [2., 3.]], dtype=float32)
    """
    x, r = jnp.asarray(input), upscale_factor
    _check_factor("pixel_shuffle", "upscale_factor", r, x.ndim)
    *batch, c, h, w = x.shape
    if c % (r * r):
        raise RuntimeError(f"pixel_shuffle expects its input's 'channel' dimension to be "
                           f"divisible by the square of upscale_factor, but input.size(-3)={c} "
                           f"is not divisible by {r * r}")
    n = len(batch)
    blocks = x.reshape(*batch, c // (r * r), r, r, h, w)
    order = tuple(range(n + 1)) + (n + 3, n + 1, n + 4, n + 2)
    return blocks.transpose(order).reshape(*batch, c // (r * r), h * r, w * r)


def pixel_unshuffle(input, downscale_factor):
    """torch.nn.functional.pixel_unshuffle, the inverse of :func:`pixel_shuffle`:
    ``(*, C, H r, W r)`` to ``(*, C r², H, W)``.

    >>> import jax.numpy as jnp
    >>> pixel_unshuffle(jnp.arange(4, dtype=jnp.float32).reshape(1, 2, 2), 2)[:, 0, 0]
    Array([0., 1., 2., 3.], dtype=float32)
    """
    x, r = jnp.asarray(input), downscale_factor
    _check_factor("pixel_unshuffle", "downscale_factor", r, x.ndim)
    *batch, c, h, w = x.shape
    for side, size, position in (("height", h, -2), ("width", w, -1)):
        if size % r:
            raise RuntimeError(f"pixel_unshuffle expects {side} to be divisible by "
                               f"downscale_factor, but input.size({position})={size} is not "
                               f"divisible by {r}")
    n = len(batch)
    blocks = x.reshape(*batch, c, h // r, r, w // r, r)
    order = tuple(range(n + 1)) + (n + 2, n + 4, n + 1, n + 3)
    return blocks.transpose(order).reshape(*batch, c * r * r, h // r, w // r)
