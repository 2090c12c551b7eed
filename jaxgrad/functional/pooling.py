"""Pooling beyond the 2-D kernels of ``layers``: 3-D max and average pooling, adaptive max
pooling, adaptive average pooling in 3-D, max unpooling, im2col/col2im (``unfold``/``fold``)
and channel shuffle, as pure JAX functions in torch's layouts (``(N, C, *spatial)`` or the
unbatched ``(C, *spatial)``).

Window choices are torch's CPU kernels': a maximum is the first maximum of its window, the last
NaN when there is one, never padding; indices are flat over the spatial dims.

>>> import jax.numpy as jnp
>>> adaptive_max_pool2d(jnp.arange(16, dtype=jnp.float32).reshape(1, 4, 4), 2)[0]
Array([[ 5.,  7.],
       [13., 15.]], dtype=float32)
"""
from __future__ import annotations

import functools
import itertools

import jax
import jax.numpy as jnp
import numpy as np

from .. import dtypes
from ._checks import gradient_samples
from .elementwise import _not_implemented
from .layers import (_is_int, _pool_values, _pooled_size, _window_choice, average_windows,
                     check_batch_mode, max_pooled)
from .resampling import _adaptive_avg

_THREE = ("a single int, or a tuple of three ints")


def _triple(values, op, text):
    if len(values) not in (1, 3):
        raise RuntimeError(f"{op}: {text}")
    return (values[0],) * 3 if len(values) == 1 else tuple(values)


def _parameters_3d(op, kernel_size, stride, padding, dilation):
    """torch's parsing of the 3-D pooling parameters (types first, then lengths)."""
    omitted = stride is None or (isinstance(stride, (tuple, list)) and not stride)
    kernel = _pool_values(kernel_size, "kernel_size", op)
    stride_values = None if omitted else _pool_values(stride, "stride", op)
    pad = _pool_values(padding, "padding", op)
    dil = _pool_values(dilation, "dilation", op)
    either = "either " if op == "max_pool3d" else ""
    kernel = _triple(kernel, op, f"kernel_size must {either}be {_THREE}")
    stride = kernel if omitted else _triple(stride_values, op,
                                            f"stride must {either}be omitted, {_THREE}")
    pad = _triple(pad, op, f"padding must {either}be {_THREE}")
    dil = _triple(dil, op, f"dilation must be either {_THREE}")
    return kernel, stride, pad, dil


def _geometry_3d(x, op, kernel, stride, pad, dil, ceil_mode):
    """torch's pool3d_shape_check, in its order, and the output size."""
    if x.ndim not in (4, 5):
        raise RuntimeError("non-empty 4D or 5D (batch mode) tensor expected for input")
    out = tuple(_pooled_size(size, k, s, p, d, ceil_mode)
                for size, k, s, p, d in zip(x.shape[-3:], kernel, stride, pad, dil))
    if min(kernel) <= 0:
        raise RuntimeError("kernel size should be greater than zero, but got kT: {} kH: {} "
                           "kW: {}".format(*kernel))
    if min(stride) <= 0:
        raise RuntimeError("stride should be greater than zero, but got dT: {} dH: {} "
                           "dW: {}".format(*stride))
    if min(dil) <= 0:
        raise RuntimeError("dilation should be greater than zero, but got dilationT: {} "
                           "dilationH: {} dilationW: {}".format(*dil))
    for i, size in enumerate(x.shape[1:] if x.ndim == 5 else x.shape):
        if size == 0:
            where = ("max_pool3d_with_indices_out_cpu_template()" if op == "max_pool3d"
                     else "avg_pool3d()")
            raise RuntimeError(f"{where}: Expected input's non-batch dimensions to have "
                               f"positive length, but input has a shape of {list(x.shape)} "
                               f"and non-batch dimension {i} has length zero!")
    t, h, w = x.shape[-3:]
    if op == "avg_pool3d" and not ceil_mode and (t + 2 * pad[0] < kernel[0] or
                                                 h + 2 * pad[1] < kernel[1] or
                                                 w + 2 * pad[2] < kernel[2]):
        raise RuntimeError(f"input image (T: {t} H: {h} W: {w}) smaller than kernel size (kT: "
                           f"{kernel[0]} kH: {kernel[1]} kW: {kernel[2]})")
    if min(out) < 1:
        c = x.shape[-4]
        raise RuntimeError(f"Given input size: ({c}x{t}x{h}x{w}). Calculated output size: "
                           f"({c}x{out[0]}x{out[1]}x{out[2]}). Output size is too small")
    return out


def max_pool3d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False,
               return_indices=False):
    """torch.nn.functional.max_pool3d (NCDHW or CDHW); ``return_indices`` also gives each
    maximum's flat index in D*H*W.

    >>> import jax.numpy as jnp
    >>> max_pool3d(jnp.arange(8, dtype=jnp.float32).reshape(1, 2, 2, 2), 2)
    Array([[[[7.]]]], dtype=float32)
    """
    x = jnp.asarray(input)
    kernel, stride, pad, dil = _parameters_3d("max_pool3d", kernel_size, stride, padding,
                                              dilation)
    out = _geometry_3d(x, "max_pool3d", kernel, stride, pad, dil, ceil_mode)
    return max_pooled(x, "max_pool3d", kernel, stride, pad, dil, out, return_indices)


def avg_pool3d(input, kernel_size, stride=None, padding=0, ceil_mode=False,
               count_include_pad=True, divisor_override=None):
    """torch.nn.functional.avg_pool3d (NCDHW or CDHW), with torch's divisor.

    >>> import jax.numpy as jnp
    >>> avg_pool3d(jnp.arange(8, dtype=jnp.float32).reshape(1, 2, 2, 2), 2)
    Array([[[[3.5]]]], dtype=float32)
    """
    x = jnp.asarray(input)
    kernel, stride, pad, _ = _parameters_3d("avg_pool3d", kernel_size, stride, padding, 1)
    if divisor_override is not None and divisor_override == 0:
        raise RuntimeError("divisor must be not zero")
    out = _geometry_3d(x, "avg_pool3d", kernel, stride, pad, (1, 1, 1), ceil_mode)
    if x.dtype == dtypes.bool_:
        raise _not_implemented("avg_pool3d_out_frame", x)
    return average_windows(x, kernel, stride, pad, out, count_include_pad, divisor_override)


def _adaptive_sizes(x, output_size, spatial):
    sizes = (tuple(output_size) if isinstance(output_size, (tuple, list))
             else (output_size,) * spatial)
    return tuple(x.shape[x.ndim - spatial + i] if s is None else int(s)
                 for i, s in enumerate(sizes))


def _adaptive_rank(x, op, spatial, shown=": "):
    if x.ndim not in (spatial + 1, spatial + 2):
        raise RuntimeError(f"{op}(): Expected {spatial + 1}D or {spatial + 2}D tensor, but got"
                           f"{shown}{list(x.shape)}")


def adaptive_max(x, sizes):
    """The maximum and its flat index over the trailing ``len(sizes)`` dims of each of torch's
    adaptive windows ``[floor(i·in/out), ceil((i+1)·in/out))``."""
    spatial = len(sizes)
    dims = x.shape[x.ndim - spatial:]
    index_grids, valid_grids = [], []
    for n, out in zip(dims, sizes):
        start = (np.arange(out) * n) // out
        end = -((-(np.arange(out) + 1) * n) // out)
        length = int((end - start).max()) if out else 1
        idx = start[:, None] + np.arange(length)[None, :]
        index_grids.append(np.minimum(idx, n - 1))
        valid_grids.append(idx < end[:, None])
    # index arrays shaped (out_0, …, out_k, len_0, …, len_k), one per spatial dim
    grids, valid = [], np.ones((), bool)
    for d, (idx, ok) in enumerate(zip(index_grids, valid_grids)):
        shape = [1] * (2 * spatial)
        shape[d], shape[spatial + d] = idx.shape
        grids.append(idx.reshape(shape))
        valid = valid & ok.reshape(shape)
    windows = x[(Ellipsis,) + tuple(grids)]
    flat_shape = windows.shape[:x.ndim] + (-1,)
    windows = windows.reshape(flat_shape)
    valid = np.broadcast_to(valid, tuple(sizes) + valid.shape[spatial:]).reshape(
        tuple(sizes) + (-1,))
    arg = _window_choice(windows, jnp.asarray(valid))
    y = jnp.take_along_axis(windows, arg[..., None], axis=-1)[..., 0]
    lengths = tuple(g.shape[1] for g in index_grids)
    flat_index = np.zeros(tuple(sizes) + lengths, np.int64)
    for d in range(spatial):
        flat_index = flat_index * dims[d] + grids[d]
    return y, _indexed(flat_index.reshape(tuple(sizes) + (-1,)), arg).astype(dtypes.int64)


def _indexed(table, arg):
    """``table[p, arg[..., p]]`` for every output position ``p`` (``table``: positions × window)."""
    positions = arg.ndim
    spatial = table.ndim - 1
    flat = jnp.asarray(table.reshape(-1, table.shape[-1]))
    lead = arg.shape[:positions - spatial]
    rows = np.arange(flat.shape[0]).reshape(table.shape[:-1])
    return flat[jnp.broadcast_to(jnp.asarray(rows), arg.shape), arg].reshape(lead + table.shape[:-1])


def _adaptive_max(x, op, output_size, spatial):
    sizes = (tuple(output_size) if isinstance(output_size, (tuple, list))
             else (output_size,) * spatial)
    if len(sizes) != spatial:
        raise ValueError(f"Input dimension should be at least {spatial + 2}")
    _adaptive_rank(x, op, spatial)
    sizes = _adaptive_sizes(x, sizes, spatial)
    if not dtypes.is_floating(x.dtype):
        raise _not_implemented(op, x)
    return adaptive_max(x, sizes)


def adaptive_max_pool2d(input, output_size, return_indices=False):
    """torch.nn.functional.adaptive_max_pool2d (NCHW or CHW; ``None`` keeps a dim); both the
    maxima and their flat indices in H*W come back when ``return_indices``.

    >>> import jax.numpy as jnp
    >>> adaptive_max_pool2d(jnp.array([[[1., 3.], [2., 0.]]], jnp.float32), 1)
    Array([[[3.]]], dtype=float32)
    """
    y, index = _adaptive_max(jnp.asarray(input), "adaptive_max_pool2d", output_size, 2)
    return (y, index) if return_indices else y


def adaptive_max_pool3d(input, output_size, return_indices=False):
    """torch.nn.functional.adaptive_max_pool3d (NCDHW or CDHW).

    >>> import jax.numpy as jnp
    >>> adaptive_max_pool3d(jnp.arange(8, dtype=jnp.float32).reshape(1, 2, 2, 2), 1)
    Array([[[[7.]]]], dtype=float32)
    """
    y, index = _adaptive_max(jnp.asarray(input), "adaptive_max_pool3d", output_size, 3)
    return (y, index) if return_indices else y


def adaptive_avg_pool3d(input, output_size):
    """torch.nn.functional.adaptive_avg_pool3d (NCDHW or CDHW; ``None`` keeps a dim).

    >>> import jax.numpy as jnp
    >>> adaptive_avg_pool3d(jnp.arange(8, dtype=jnp.float32).reshape(1, 2, 2, 2), 1)
    Array([[[[3.5]]]], dtype=float32)
    """
    x = jnp.asarray(input)
    _adaptive_rank(x, "adaptive_avg_pool3d", 3, shown=" ")
    sizes = _adaptive_sizes(x, output_size, 3)
    if not dtypes.is_floating(x.dtype):
        raise _not_implemented("adaptive_avg_pool3d_cpu", x)
    return _adaptive_avg(x, sizes)


@gradient_samples(max_unpool2d=(
    lambda x: max_unpool2d(x, jnp.array([[[0, 3], [5, 7]]]), (3, 3)),
    lambda: (jnp.array([[[1.5, -2.0], [0.5, 4.0]]]),)))
def max_unpool2d(input, indices, output_size):
    """torch's ``max_unpool2d``: a zero ``output_size`` plane per channel with each value
    of ``input`` written at its flat index.

    >>> import jax.numpy as jnp
    >>> max_unpool2d(jnp.array([[[5.]]], jnp.float32), jnp.array([[[3]]]), (2, 2))
    Array([[[0., 0.],
            [0., 5.]]], dtype=float32)
    """
    x, idx = jnp.asarray(input), jnp.asarray(indices)
    lead = x.shape[:-2]
    plane = _unpool(x.reshape(lead + (-1,)), idx.reshape(lead + (-1,)),
                    output_size[0] * output_size[1])
    return plane.reshape(lead + tuple(output_size))


@functools.partial(jax.custom_vjp, nondiff_argnums=(2,))
def _unpool(values, positions, size):
    flat = jnp.zeros(values.shape[:-1] + (size,), values.dtype)
    return jnp.put_along_axis(flat, positions, values, axis=-1, inplace=False)


def _unpool_forward(values, positions, size):
    return _unpool(values, positions, size), positions


def _unpool_backward(size, positions, grad):
    # torch's max_unpool backward gathers the output's gradient at every index, so two values
    # sent to one position (overlapping pooling windows) both receive it; a scatter's
    # transpose would give it to one of them only.
    return jnp.take_along_axis(grad, positions, axis=-1), None


_unpool.defvjp(_unpool_forward, _unpool_backward)


def _pair(value):
    return (value, value) if _is_int(value) else tuple(value)


def _block_counts(spatial, kernel, dilation, padding, stride):
    return tuple((n + 2 * p - d * (k - 1) - 1) // s + 1
                 for n, k, d, p, s in zip(spatial, kernel, dilation, padding, stride))


def unfold(input, kernel_size, dilation=1, padding=0, stride=1):
    """torch.nn.functional.unfold (im2col) of ``(N, C, H, W)`` or ``(C, H, W)``: each sliding
    block's ``C·kH·kW`` values as a column, blocks in row-major order.

    >>> import jax.numpy as jnp
    >>> unfold(jnp.arange(4, dtype=jnp.float32).reshape(1, 2, 2), 2)
    Array([[0.],
           [1.],
           [2.],
           [3.]], dtype=float32)
    """
    x = jnp.asarray(input)
    kernel, dil, pad, stride = (_pair(v) for v in (kernel_size, dilation, padding, stride))
    blocks = _check_blocks(x, "im2col", kernel, dil, pad, stride)
    xp = jnp.pad(x, ((0, 0),) * (x.ndim - 2) + tuple((p, p) for p in pad))
    patches = []
    for i, j in itertools.product(range(kernel[0]), range(kernel[1])):
        rows = slice(i * dil[0], i * dil[0] + stride[0] * (blocks[0] - 1) + 1, stride[0])
        cols = slice(j * dil[1], j * dil[1] + stride[1] * (blocks[1] - 1) + 1, stride[1])
        patches.append(xp[..., rows, cols])
    stacked = jnp.stack(patches, axis=-3)  # (…, C, kH·kW, L_h, L_w)
    lead = x.shape[:-2]
    return stacked.reshape(lead[:-1] + (lead[-1] * kernel[0] * kernel[1],
                                        blocks[0] * blocks[1]))


def _check_blocks(x, op, kernel, dil, pad, stride, spatial=None):
    for name, values, low in (("kernel", kernel, 1), ("dilation", dil, 1),
                              ("padding", pad, 0), ("stride", stride, 1)):
        if len(values) != 2:
            raise RuntimeError(f"{op}(): {name} must be 2D")
    if spatial is None:
        check_batch_mode(x, 3)
        spatial = x.shape[-2:]
    blocks = _block_counts(spatial, kernel, dil, pad, stride)
    if min(blocks) < 1:
        raise RuntimeError(f"Given input with spatial size {tuple(spatial)}, kernel_size="
                           f"{tuple(kernel)}, dilation={tuple(dil)}, padding={tuple(pad)}, "
                           f"calculated shape of the array of sliding blocks as {tuple(blocks)}, "
                           "but its components must be at least one.")
    return blocks


def fold(input, output_size, kernel_size, dilation=1, padding=0, stride=1):
    """torch.nn.functional.fold (col2im), the adjoint of :func:`unfold`: each column summed
    back into its block of the ``output_size`` plane (overlaps add up).

    >>> import jax.numpy as jnp
    >>> fold(jnp.ones((4, 2), jnp.float32), (2, 3), 2)
    Array([[[1., 2., 1.],
            [1., 2., 1.]]], dtype=float32)
    """
    x = jnp.asarray(input)
    size, kernel, dil, pad, stride = (_pair(v) for v in (output_size, kernel_size, dilation,
                                                         padding, stride))
    check_batch_mode(x, 2)
    per_block = kernel[0] * kernel[1]
    if x.shape[-2] % per_block:
        raise RuntimeError(f"Expected size of input's dimension 1 to be divisible by the product "
                           f"of kernel_size, but got input.size(1)={x.shape[-2]} and "
                           f"kernel_size={tuple(kernel)}.")
    blocks = _block_counts(size, kernel, dil, pad, stride)
    if x.shape[-1] != blocks[0] * blocks[1]:
        raise RuntimeError(f"Given output_size={tuple(size)}, kernel_size={tuple(kernel)}, "
                           f"dilation={tuple(dil)}, padding={tuple(pad)}, stride={tuple(stride)}, "
                           f"expected size of input's dimension 2 to match the calculated number "
                           f"of sliding blocks {blocks[0]} * {blocks[1]} = "
                           f"{blocks[0] * blocks[1]}, but got input.size(2)={x.shape[-1]}.")
    lead = x.shape[:-2]
    channels = x.shape[-2] // per_block
    cols = x.reshape(lead + (channels, per_block, blocks[0], blocks[1]))
    out = jnp.zeros(lead + (channels, size[0] + 2 * pad[0], size[1] + 2 * pad[1]), x.dtype)
    for k, (i, j) in enumerate(itertools.product(range(kernel[0]), range(kernel[1]))):
        rows = slice(i * dil[0], i * dil[0] + stride[0] * (blocks[0] - 1) + 1, stride[0])
        cols_ = slice(j * dil[1], j * dil[1] + stride[1] * (blocks[1] - 1) + 1, stride[1])
        out = out.at[..., rows, cols_].add(cols[..., k, :, :])
    return out[..., pad[0]:pad[0] + size[0], pad[1]:pad[1] + size[1]]


def channel_shuffle(input, groups):
    """torch.channel_shuffle: ``(N, g·k, *)`` with its channels read as a ``g × k`` grid and
    written transposed.

    >>> import jax.numpy as jnp
    >>> channel_shuffle(jnp.arange(4, dtype=jnp.float32).reshape(1, 4, 1), 2)[0, :, 0]
    Array([0., 2., 1., 3.], dtype=float32)
    """
    x = jnp.asarray(input)
    if x.ndim <= 2:
        raise RuntimeError(f"channel_shuffle expects input with > 2 dims, but got input with "
                           f"sizes {list(x.shape)}")
    if groups <= 0:
        raise RuntimeError(f"Number of groups to divide channels in must be positive. Value of "
                           f"groups:{groups}")
    c = x.shape[1]
    if c % groups:
        raise RuntimeError(f"Number of channels must be divisible by groups. Got {c} channels "
                           f"and {groups} groups.")
    n, rest = x.shape[0], x.shape[2:]
    return x.reshape((n, groups, c // groups) + rest).swapaxes(1, 2).reshape(x.shape)
