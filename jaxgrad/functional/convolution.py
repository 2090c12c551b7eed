"""1-D convolution and the transposed convolutions of torch.nn.functional, as pure JAX
functions in torch's layouts: inputs ``(N, C, *spatial)`` (or unbatched ``(C, *spatial)``),
kernels ``(C_out, C_in / groups, *k)`` and, transposed, ``(C_in, C_out / groups, *k)``.

A transposed convolution is the gradient of a convolution with respect to its input: here
a convolution of the input dilated by ``stride``, padded by ``dilation * (k - 1) - padding``
(plus ``output_padding`` on the far side), with the kernel flipped and its channel axes
swapped per group.

>>> import jax.numpy as jnp
>>> conv_transpose1d(jnp.ones((1, 1, 2), jnp.float32), jnp.ones((1, 1, 2), jnp.float32))
Array([[[1., 2., 1.]]], dtype=float32)
"""
from __future__ import annotations

import jax
import jax.numpy as jnp

from ._checks import scalar_type_mismatch
from .layers import (STRIDED_SAME_PADDING, check_bias_dtype, check_conv_groups,
                     check_conv_values, check_padding_string, check_weight_groups, conv_param)

_SPATIAL = {1: ("NCH", "OIH"), 2: ("NCHW", "OIHW")}


def input_dims_error(spatial, name, size) -> RuntimeError:
    """torch's error for a convolution input that is neither unbatched nor batched.

    >>> str(input_dims_error(1, "conv1d", [2]))
    'Expected 2D (unbatched) or 3D (batched) input to conv1d, but got input of size: [2]'
    """
    return RuntimeError(f"Expected {spatial + 1}D (unbatched) or {spatial + 2}D (batched) input "
                        f"to {name}, but got input of size: {size}")


def _batched(x, name, spatial):
    if x.ndim == spatial + 1:
        return x[None], True
    if x.ndim != spatial + 2:
        raise input_dims_error(spatial, name, list(x.shape))
    return x, False


def _check_common(x, w, bias, groups, transposed, stride, pads, dilation):
    """torch's check_shape_forward: parameter signs, groups against the weight, the input's
    channels, the bias."""
    check_conv_values(pads, stride, dilation)
    if any(d == 0 for d in dilation):
        check_conv_values(pads, stride, [-1])  # torch's words for a zero dilation here
    check_conv_groups(groups)
    check_weight_groups(w, groups)
    prefix = "transposed=1" if transposed else f"groups={groups}"
    expected = w.shape[0] if transposed else w.shape[1] * groups
    if x.shape[1] != expected:
        raise RuntimeError(f"Given {prefix}, weight of size {list(w.shape)}, expected "
                           f"input{list(x.shape)} to have {expected} channels, but got "
                           f"{x.shape[1]} channels instead")
    out_channels = w.shape[1] * groups if transposed else w.shape[0]
    if bias is not None and jnp.shape(bias) != (out_channels,):
        raise RuntimeError(f"Given {prefix}, weight of size {list(w.shape)}, expected bias to be "
                           f"1-dimensional with {out_channels} elements, but got bias of size "
                           f"{list(jnp.shape(bias))} instead")


def _sizes(values):
    return " x ".join(str(v) for v in values)


def _with_bias(out, bias, unbatched):
    if bias is not None:
        out = out + jnp.asarray(bias).reshape((1, -1) + (1,) * (out.ndim - 2))
    return out[0] if unbatched else out


def conv1d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    """torch.nn.functional.conv1d: ``(N, C_in, L)`` input, ``(C_out, C_in / groups, k)``
    weight; ``padding`` an int, ``"valid"`` or ``"same"``.

    >>> import jax.numpy as jnp
    >>> conv1d(jnp.arange(4, dtype=jnp.float32).reshape(1, 1, 4), jnp.ones((1, 1, 2), jnp.float32))
    Array([[[1., 3., 5.]]], dtype=float32)
    """
    x, unbatched = _batched(jnp.asarray(input), "conv1d", 1)
    w = jnp.asarray(weight)
    check_bias_dtype(x, bias)
    if w.ndim != 3:
        raise RuntimeError(f"Expected 3-dimensional input for 3-dimensional weight {list(w.shape)}"
                           f", but got {x.ndim}-dimensional input of size {list(x.shape)} instead")
    stride = conv_param(stride, "stride", 1)
    dilation = conv_param(dilation, "dilation", 1)
    if isinstance(padding, str):
        check_padding_string(padding)
        if padding == "same" and stride != (1,):
            raise RuntimeError(STRIDED_SAME_PADDING)
        total = dilation[0] * (w.shape[2] - 1) if padding == "same" else 0
        pads = ((total // 2, total - total // 2),)
    else:
        pads = tuple((p, p) for p in conv_param(padding, "padding", 1))
    _check_common(x, w, bias, groups, False, stride, pads, dilation)
    padded = x.shape[2] + sum(pads[0])
    effective = dilation[0] * (w.shape[2] - 1) + 1
    if padded < effective:
        raise RuntimeError(f"Calculated padded input size per channel: ({padded}). Kernel size: "
                           f"({effective}). Kernel size can't be greater than actual input size")
    if w.dtype != x.dtype:
        raise scalar_type_mismatch(x.dtype, w.dtype)
    out = jax.lax.conv_general_dilated(x, w, window_strides=stride, padding=pads,
                                       rhs_dilation=dilation, feature_group_count=groups,
                                       dimension_numbers=("NCH", "OIH", "NCH"))
    return _with_bias(out, bias, unbatched)


def _conv_transpose(name, spatial, input, weight, bias, stride, padding, output_padding, groups,
                    dilation):
    x, unbatched = _batched(jnp.asarray(input), name, spatial)
    w = jnp.asarray(weight)
    check_bias_dtype(x, bias)
    if w.ndim != spatial + 2:
        raise RuntimeError(f"Expected {w.ndim}-dimensional input for {w.ndim}-dimensional weight "
                           f"{list(w.shape)}, but got {x.ndim}-dimensional input of size "
                           f"{list(x.shape)} instead")
    stride = conv_param(stride, "stride", spatial)
    padding = conv_param(padding, "padding", spatial)
    dilation = conv_param(dilation, "dilation", spatial)
    output_padding = conv_param(output_padding, "output_padding", spatial)
    _check_common(x, w, bias, groups, True, stride, tuple((p, p) for p in padding), dilation)
    if any(o >= s and o >= d for o, s, d in zip(output_padding, stride, dilation)):
        # torch's message names two dims (a 1-D convolution is run as a 2-D one).
        o = [0] * (2 - spatial) + list(output_padding)
        s, d = ([1] * (2 - spatial) + list(v) for v in (stride, dilation))
        raise RuntimeError(f"output padding must be smaller than either stride or dilation, but "
                           f"got output_padding_height: {o[0]} output_padding_width: {o[1]} "
                           f"stride_height: {s[0]} stride_width: {s[1]} dilation_height: {d[0]} "
                           f"dilation_width: {d[1]}")
    sizes = x.shape[2:]
    out_sizes = tuple((n - 1) * s - 2 * p + d * (k - 1) + o + 1 for n, s, p, d, k, o in
                      zip(sizes, stride, padding, dilation, w.shape[2:], output_padding))
    if min(out_sizes) < 1:
        raise RuntimeError(f"Given input size per channel: ({_sizes(sizes)}). Calculated output "
                           f"size per channel: ({_sizes(out_sizes)}). Output size is too small")
    if w.dtype != x.dtype:
        raise scalar_type_mismatch(x.dtype, w.dtype)
    # (C_in, C_out/g, k) → per group (C_out/g, C_in/g, k), kernel flipped.
    c_in, c_out_g = w.shape[0], w.shape[1]
    kernel = w.reshape((groups, c_in // groups, c_out_g) + w.shape[2:])
    kernel = jnp.swapaxes(kernel, 1, 2).reshape((groups * c_out_g, c_in // groups) + w.shape[2:])
    kernel = jnp.flip(kernel, axis=tuple(range(2, 2 + spatial)))
    # Negative widths (padding beyond the kernel's reach) crop, as the transposed geometry needs.
    pads = tuple((d * (k - 1) - p, d * (k - 1) - p + o) for d, k, p, o in
                 zip(dilation, w.shape[2:], padding, output_padding))
    lhs, rhs = _SPATIAL[spatial]
    out = jax.lax.conv_general_dilated(x, kernel, window_strides=(1,) * spatial, padding=pads,
                                       lhs_dilation=stride, rhs_dilation=dilation,
                                       feature_group_count=groups,
                                       dimension_numbers=(lhs, rhs, lhs))
    return _with_bias(out, bias, unbatched)


def conv_transpose1d(input, weight, bias=None, stride=1, padding=0, output_padding=0, groups=1,
                     dilation=1):
    """torch.nn.functional.conv_transpose1d: ``(N, C_in, L)`` input, ``(C_in, C_out / groups,
    k)`` weight; the output has ``(L - 1)·stride - 2·padding + dilation·(k - 1) +
    output_padding + 1`` positions.

    >>> import jax.numpy as jnp
    >>> conv_transpose1d(jnp.ones((1, 1, 2), jnp.float32), jnp.ones((1, 1, 2), jnp.float32),
    ...                  stride=2).shape
    (1, 1, 4)
    """
    return _conv_transpose("conv_transpose1d", 1, input, weight, bias, stride, padding,
                           output_padding, groups, dilation)


def conv_transpose2d(input, weight, bias=None, stride=1, padding=0, output_padding=0, groups=1,
                     dilation=1):
    """torch.nn.functional.conv_transpose2d (NCHW input, ``(C_in, C_out / groups, kH, kW)``
    weight).

    >>> import jax.numpy as jnp
    >>> conv_transpose2d(jnp.ones((1, 1, 2, 2), jnp.float32), jnp.ones((1, 1, 2, 2), jnp.float32))
    Array([[[[1., 2., 1.],
             [2., 4., 2.],
             [1., 2., 1.]]]], dtype=float32)
    """
    return _conv_transpose("conv_transpose2d", 2, input, weight, bias, stride, padding,
                           output_padding, groups, dilation)
