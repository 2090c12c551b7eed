"""Layer functions of torch.nn.functional (linear, dropout, embedding, normalisation,
convolution, pooling) as pure JAX functions in torch's layouts (NCHW inputs, OIHW kernels).

State that torch mutates in place comes back as a value instead: ``batch_norm`` returns its
new running statistics, ``dropout`` takes an explicit ``jax.random`` key.

>>> import jax.numpy as jnp
>>> from jaxgrad import functional as F
>>> F.linear(jnp.ones((2, 3), jnp.float32), jnp.ones((4, 3), jnp.float32)).shape
(2, 4)
"""
from __future__ import annotations

import functools
import math

import jax
import jax.numpy as jnp
import numpy as np

from .. import dtypes
from .reductions import torch_type_name


def _pair(value, name="kernel_size"):
    if isinstance(value, (tuple, list)):
        if len(value) == 1:
            return (int(value[0]),) * 2
        if len(value) != 2:
            raise RuntimeError(f"{name} must either be a single int, or a tuple of two ints")
        return tuple(int(v) for v in value)
    return (int(value),) * 2


def _concrete(x):
    return None if isinstance(x, jax.core.Tracer) else np.asarray(x)


# ----------------------------------------------------------------------------- linear
def linear(input, weight, bias=None):
    """torch.nn.functional.linear: ``input @ weight.T + bias`` over any leading dims.

    >>> import jax.numpy as jnp
    >>> linear(jnp.ones((2, 3), jnp.float32), jnp.ones((4, 3), jnp.float32),
    ...        jnp.arange(4, dtype=jnp.float32))
    Array([[3., 4., 5., 6.],
           [3., 4., 5., 6.]], dtype=float32)
    """
    x, w = jnp.asarray(input), jnp.asarray(weight)
    if x.ndim == 0 or w.ndim == 0:
        raise RuntimeError(f"both arguments to linear need to be at least 1D, but they are "
                           f"{x.ndim}D and {w.ndim}D")
    if w.ndim == 1:
        if x.ndim >= 2 and bias is not None and jnp.ndim(bias) == 0:
            raise RuntimeError("mat2 must be a matrix, got 1-D tensor")
        w_t = w
    elif w.ndim == 2:
        if x.shape[-1] != w.shape[1]:
            rows = math.prod(x.shape[:-1])
            raise RuntimeError(f"mat1 and mat2 shapes cannot be multiplied ({rows}x{x.shape[-1]} "
                               f"and {w.shape[1]}x{w.shape[0]})")
        w_t = w.T
    else:
        raise RuntimeError(f"t() expects a tensor with <= 2 dimensions, but self is {w.ndim}D")
    if x.dtype != w.dtype:
        raise RuntimeError(f"expected m1 and m2 to have the same dtype, but got: "
                           f"{_c_name(x.dtype)} != {_c_name(w.dtype)}")
    out = jnp.matmul(x, w_t)
    if bias is None:
        return out
    b = jnp.asarray(bias)
    if b.dtype != x.dtype:
        raise RuntimeError(f"self and mat2 must have the same dtype, but got "
                           f"{torch_type_name(b.dtype)} and {torch_type_name(x.dtype)}")
    try:
        jnp.broadcast_shapes(b.shape, out.shape)
        if jnp.broadcast_shapes(b.shape, out.shape) != out.shape:
            raise ValueError
    except ValueError:
        raise RuntimeError(f"The expanded size of the tensor ({out.shape[-1]}) must match the "
                           f"existing size ({b.shape[-1]}) at non-singleton dimension "
                           f"{out.ndim - 1}.  Target sizes: {list(out.shape)}.  Tensor sizes: "
                           f"{list(b.shape)}") from None
    return out + b


def _c_name(dtype):
    # torch's "expected m1 and m2 to have the same dtype" prints C type names.
    return {"float32": "float", "float64": "double", "int64": "long int", "int32": "int",
            "float16": "c10::Half", "bfloat16": "c10::BFloat16"}.get(np.dtype(dtype).name,
                                                                     np.dtype(dtype).name)


# ----------------------------------------------------------------------------- dropout
def dropout(input, p=0.5, key=None, training=True):
    """torch.nn.functional.dropout with an explicit ``jax.random`` key: zeroes each element
    with probability ``p`` and scales the survivors by ``1 / (1 - p)``.

    >>> import jax, jax.numpy as jnp
    >>> x = jnp.ones(6, jnp.float32)
    >>> dropout(x, 0.5, jax.random.key(0)).shape
    (6,)
    >>> dropout(x, 0.5, training=False) is x       # evaluation: the identity, no key needed
    True
    """
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"dropout probability has to be between 0 and 1, but got {p}")
    x = jnp.asarray(input)
    if not training or p == 0.0:
        return x
    if p == 1.0:
        return x * jnp.zeros((), x.dtype)
    if key is None:
        raise ValueError("dropout needs a jax.random key when training with p > 0")
    keep = jax.random.bernoulli(key, 1.0 - p, x.shape)
    return jnp.where(keep, x * jnp.asarray(1.0 / (1.0 - p), x.dtype), jnp.zeros((), x.dtype))


# ----------------------------------------------------------------------------- embedding
def _check_indices(idx, num_embeddings):
    if idx.dtype not in (dtypes.int64, np.dtype(np.int32)):
        raise RuntimeError("Expected tensor for argument #1 'indices' to have one of the following "
                           "scalar types: Long, Int; but got "
                           f"torch.{torch_type_name(idx.dtype)}Tensor instead (while checking "
                           "arguments for embedding)")
    values = _concrete(idx)
    if values is not None and values.size and ((values < 0) | (values >= num_embeddings)).any():
        raise IndexError("index out of range in self")


def embedding_renorm(weight, indices, max_norm, norm_type=2.0):
    """The rows of ``weight`` named in ``indices`` rescaled to norm at most ``max_norm``:
    what torch's ``embedding(..., max_norm=...)`` writes back into its weight in place.

    >>> import jax.numpy as jnp
    >>> embedding_renorm(jnp.array([[3., 4.], [0.3, 0.4]], jnp.float32), jnp.array([0]), 1.0)
    Array([[0.6, 0.8],
           [0.3, 0.4]], dtype=float32)
    """
    w = jnp.asarray(weight)
    idx = jnp.asarray(indices).reshape(-1)
    used = jnp.zeros(w.shape[0], bool).at[idx].set(True)
    norms = jnp.linalg.norm(w, ord=norm_type, axis=1)
    # torch's embedding_renorm_ divides by (norm + 1e-7), only rows over the limit change.
    scale = jnp.where(used & (norms > max_norm), max_norm / (norms + 1e-7), 1.0).astype(w.dtype)
    return w * scale[:, None]


def embedding(input, weight, padding_idx=None, max_norm=None, norm_type=2.0,
              scale_grad_by_freq=False, sparse=False):
    """torch.nn.functional.embedding: rows of ``weight`` looked up by integer ``input``.

    ``padding_idx``'s row gets no gradient; ``scale_grad_by_freq`` divides each row's gradient
    by how often it occurs in ``input``; ``max_norm`` looks the rows up renormalised (the
    renormalised weight itself is :func:`embedding_renorm`, for the caller to keep).

    >>> import jax, jax.numpy as jnp
    >>> w = jnp.arange(6, dtype=jnp.float32).reshape(3, 2)
    >>> embedding(jnp.array([2, 0]), w)
    Array([[4., 5.],
           [0., 1.]], dtype=float32)
    >>> jax.grad(lambda w: embedding(jnp.array([0, 1]), w, padding_idx=0).sum())(w)
    Array([[0., 0.],
           [1., 1.],
           [0., 0.]], dtype=float32)
    """
    idx, w = jnp.asarray(input), jnp.asarray(weight)
    if w.ndim != 2:
        raise RuntimeError("'weight' must be 2-D")
    num = w.shape[0]
    if padding_idx is not None:
        if not -num <= padding_idx < num:
            raise AssertionError("Padding_idx must be within num_embeddings")
        padding_idx = padding_idx % num
    _check_indices(idx, num)
    rows = jnp.take(w, idx, axis=0)
    if max_norm is not None:
        renormed = jnp.take(embedding_renorm(jax.lax.stop_gradient(w), idx, max_norm, norm_type),
                            idx, axis=0)
        # torch renormalises the weight in place under no_grad, then looks up: the values are
        # the renormalised rows, the gradient reaches the rows unscaled.
        rows = rows + jax.lax.stop_gradient(renormed - rows)
    if scale_grad_by_freq:
        counts = jnp.zeros(num, w.dtype).at[idx.reshape(-1)].add(1)
        scale = jnp.take(counts, idx)[..., None]
        # The value is unchanged (rows + 0); the gradient of each occurrence is divided by the
        # number of occurrences of its index, as torch's embedding_dense_backward.
        rows = jax.lax.stop_gradient(rows) + (rows - jax.lax.stop_gradient(rows)) / scale
    if padding_idx is not None:
        rows = jnp.where((idx == padding_idx)[..., None], jax.lax.stop_gradient(rows), rows)
    return rows


# ----------------------------------------------------------------------------- normalisation
def layer_norm(input, normalized_shape, weight=None, bias=None, eps=1e-5):
    """torch.nn.functional.layer_norm over the trailing ``normalized_shape`` dims (biased
    variance, ``eps`` inside the square root).

    >>> import jax.numpy as jnp
    >>> layer_norm(jnp.array([[1., 3.]], jnp.float32), (2,))
    Array([[-0.999995,  0.999995]], dtype=float32)
    """
    x = jnp.asarray(input)
    shape = (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)
    n = len(shape)
    if n == 0 or x.ndim < n or x.shape[x.ndim - n:] != shape:
        raise RuntimeError(f"Given normalized_shape={list(shape)}, expected input with shape "
                           f"[*, {', '.join(map(str, shape))}], but got input of size"
                           f"{list(x.shape)}")
    for name, p in (("weight", weight), ("bias", bias)):
        if p is not None and tuple(jnp.shape(p)) != shape:
            raise RuntimeError(f"Expected {name} to be of same shape as normalized_shape, but got "
                               f"{name} of shape {list(jnp.shape(p))} and normalized_shape = "
                               f"{list(shape)}")
    axes = tuple(range(x.ndim - n, x.ndim))
    mean = jnp.mean(x, axis=axes, keepdims=True)
    var = jnp.mean(jnp.square(x - mean), axis=axes, keepdims=True)
    out = (x - mean) * jax.lax.rsqrt(var + eps)
    if weight is not None:
        out = out * weight
    if bias is not None:
        out = out + bias
    return out


def batch_norm(input, running_mean, running_var, weight=None, bias=None, training=False,
               momentum=0.1, eps=1e-5):
    """torch.nn.functional.batch_norm over dim 1 (channels), returning
    ``(output, new_running_mean, new_running_var)`` instead of updating in place.

    Training normalises with the batch's biased variance and moves the running variance
    toward the unbiased one, ``(1 - momentum) * running + momentum * batch``, as torch;
    evaluation uses the running statistics and returns them unchanged.

    >>> import jax.numpy as jnp
    >>> x = jnp.array([[0., 2.], [2., 6.]], jnp.float32)
    >>> out, mean, var = batch_norm(x, jnp.zeros(2, jnp.float32), jnp.ones(2, jnp.float32),
    ...                             training=True)
    >>> mean, var
    (Array([0.1, 0.4], dtype=float32), Array([1.1, 1.7], dtype=float32))
    """
    x = jnp.asarray(input)
    if x.ndim < 2:
        raise ValueError(f"Expected 2D or higher input (got {x.ndim}D input)")
    channels = x.shape[1]
    for name, stat in (("running_mean", running_mean), ("running_var", running_var),
                       ("weight", weight), ("bias", bias)):
        if stat is not None and jnp.size(stat) != channels:
            raise RuntimeError(f"{name} should contain {channels} elements not {jnp.size(stat)}")
    axes = (0,) + tuple(range(2, x.ndim))
    bshape = (1, channels) + (1,) * (x.ndim - 2)
    if training:
        count = x.size // channels
        if count == 1:
            raise ValueError(f"Expected more than 1 value per channel when training, got input "
                             f"size torch.Size({list(x.shape)})")
        mean = jnp.mean(x, axis=axes)
        var = jnp.mean(jnp.square(x - mean.reshape(bshape)), axis=axes)
        if running_mean is not None:
            running_mean = ((1 - momentum) * running_mean + momentum
                            * jax.lax.stop_gradient(mean)).astype(jnp.result_type(running_mean))
        if running_var is not None:
            unbiased = jax.lax.stop_gradient(var) * (count / (count - 1))
            running_var = ((1 - momentum) * running_var
                           + momentum * unbiased).astype(jnp.result_type(running_var))
    else:
        if running_mean is None:
            raise RuntimeError("running_mean must be defined in evaluation mode")
        if running_var is None:
            raise RuntimeError("running_var must be defined in evaluation mode")
        mean, var = jnp.asarray(running_mean), jnp.asarray(running_var)
    out = (x - mean.reshape(bshape).astype(x.dtype)) * jax.lax.rsqrt(
        var.reshape(bshape).astype(x.dtype) + eps)
    if weight is not None:
        out = out * jnp.reshape(weight, bshape)
    if bias is not None:
        out = out + jnp.reshape(bias, bshape)
    return out, running_mean, running_var


# ----------------------------------------------------------------------------- convolution
def _batched(x, name):
    if x.ndim == 3:
        return x[None], True
    if x.ndim != 4:
        raise RuntimeError(f"Expected 3D (unbatched) or 4D (batched) input to {name}, but got "
                           f"input of size: {list(x.shape)}")
    return x, False


def _conv_padding(padding, kernel, dilation, stride):
    if isinstance(padding, str):
        if padding == "valid":
            return ((0, 0), (0, 0))
        if padding != "same":
            raise RuntimeError(f"Invalid padding string: '{padding}'")
        if any(s != 1 for s in stride):
            raise RuntimeError("padding='same' is not supported for strided convolutions")
        # torch puts the odd element of an even total padding on the far side.
        totals = [d * (k - 1) for k, d in zip(kernel, dilation)]
        return tuple((t // 2, t - t // 2) for t in totals)
    pad = _pair(padding, "padding")
    if any(p < 0 for p in pad):
        raise RuntimeError("negative padding is not supported")
    return tuple((p, p) for p in pad)


def conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    """torch.nn.functional.conv2d: NCHW input, OIHW weight (``in_channels / groups`` deep);
    ``padding`` is an int, a pair, ``"valid"`` or ``"same"``.

    >>> import jax.numpy as jnp
    >>> x = jnp.ones((1, 1, 3, 3), jnp.float32)
    >>> conv2d(x, jnp.ones((2, 1, 2, 2), jnp.float32), padding=1).shape
    (1, 2, 4, 4)
    """
    x, unbatched = _batched(jnp.asarray(input), "conv2d")
    w = jnp.asarray(weight)
    stride, dilation = _pair(stride, "stride"), _pair(dilation, "dilation")
    if any(s <= 0 for s in stride):
        raise RuntimeError("non-positive stride is not supported")
    if any(d <= 0 for d in dilation):
        raise RuntimeError("dilation should be greater than zero")
    if w.ndim != 4:
        raise RuntimeError("weight should have at least three dimensions")
    if groups <= 0:
        raise RuntimeError("non-positive groups is not supported")
    if w.shape[0] % groups:
        raise RuntimeError(f"Given groups={groups}, expected weight to be divisible by {groups} at "
                           f"dimension 0, but got weight of size [{list(w.shape)}] instead")
    if x.shape[1] != w.shape[1] * groups:
        raise RuntimeError(f"Given groups={groups}, weight of size {list(w.shape)}, expected "
                           f"input{list(x.shape)} to have {w.shape[1] * groups} channels, but got "
                           f"{x.shape[1]} channels instead")
    if w.dtype != x.dtype:
        raise RuntimeError(f"expected scalar type {torch_type_name(x.dtype)} but found "
                           f"{torch_type_name(w.dtype)}")
    pads = _conv_padding(padding, w.shape[2:], dilation, stride)
    padded = [x.shape[2 + i] + sum(pads[i]) for i in range(2)]
    effective = [dilation[i] * (w.shape[2 + i] - 1) + 1 for i in range(2)]
    if any(p < e for p, e in zip(padded, effective)):
        raise RuntimeError(f"Calculated padded input size per channel: ({padded[0]} x "
                           f"{padded[1]}). Kernel size: ({effective[0]} x {effective[1]}). Kernel size can't be "
                           "greater than actual input size")
    out = jax.lax.conv_general_dilated(x, w, window_strides=stride, padding=pads,
                                       rhs_dilation=dilation, feature_group_count=groups,
                                       dimension_numbers=("NCHW", "OIHW", "NCHW"))
    if bias is not None:
        b = jnp.asarray(bias)
        if b.shape != (w.shape[0],):
            raise RuntimeError(f"Given weight of size {list(w.shape)}, expected bias to be "
                               f"1-dimensional with {w.shape[0]} elements, but got bias of size "
                               f"{list(b.shape)} instead")
        out = out + b.reshape(1, -1, 1, 1)
    return out[0] if unbatched else out


# ----------------------------------------------------------------------------- pooling
def _pool_geometry(x, kernel_size, stride, padding, dilation, ceil_mode):
    """Kernel, stride, padding, dilation pairs and the output size, with torch's checks."""
    if x.ndim not in (3, 4) or x.size == 0:
        raise RuntimeError("non-empty 3D or 4D (batch mode) tensor expected for input")
    kernel = _pair(kernel_size)
    stride = kernel if stride is None or stride == [] or stride == () else _pair(stride, "stride")
    pad, dil = _pair(padding, "padding"), _pair(dilation, "dilation")
    if any(s == 0 for s in stride):
        raise RuntimeError("stride should not be zero")
    if any(p > (d * (k - 1) + 1) // 2 for p, k, d in zip(pad, kernel, dil)):
        raise RuntimeError(f"pad should be at most half of effective kernel size, but got "
                           f"pad={pad[0]}, kernel_size={kernel[0]} and dilation={dil[0]}")
    sizes = x.shape[-2:]
    out = []
    for size, k, s, p, d in zip(sizes, kernel, stride, pad, dil):
        span = size + 2 * p - d * (k - 1) - 1
        n = (-(-span // s) if ceil_mode else span // s) + 1
        if ceil_mode and (n - 1) * s >= size + p:
            n -= 1  # a window may not start in the right padding
        out.append(n)
    if any(n <= 0 for n in out):
        c = x.shape[-3]
        raise RuntimeError(f"Given input size: ({c}x{sizes[0]}x{sizes[1]}). Calculated output "
                           f"size: ({c}x{max(out[0], 0)}x{max(out[1], 0)}). Output size is too "
                           "small")
    return kernel, stride, pad, dil, tuple(out)


def _window_padding(sizes, kernel, stride, pad, dil, out):
    # Right padding large enough for the last window (ceil_mode can need more than ``pad``).
    return tuple((p, max(p, (n - 1) * s + d * (k - 1) + 1 - size - p))
                 for size, k, s, p, d, n in zip(sizes, kernel, stride, pad, dil, out))


def _lowest(dtype):
    # A numpy scalar, not a jax array: reduce_window recognises max/add (and so has their
    # gradients) only when its initial value is a concrete identity, also under jit.
    dtype = np.dtype(dtype)
    return np.array(-np.inf if dtypes.is_floating(dtype) else np.iinfo(dtype).min, dtype)


@functools.partial(jax.jit, static_argnums=(1, 2, 3, 4, 5, 6))
def _max_windows(x, kernel, stride, pad, dil, out, pads):
    """Max and flat argmax of each window, from explicit strided window slices (compiled as
    one program, which also keeps eager calls cheap)."""
    lead = ((0, 0),) * (x.ndim - 2)
    xp = jnp.pad(x, lead + pads, constant_values=_lowest(x.dtype))
    patches, positions = [], []
    for i in range(kernel[0]):
        for j in range(kernel[1]):
            r0, c0 = i * dil[0], j * dil[1]
            patches.append(xp[..., r0:r0 + stride[0] * (out[0] - 1) + 1:stride[0],
                              c0:c0 + stride[1] * (out[1] - 1) + 1:stride[1]])
            positions.append((r0, c0))
    stacked = jnp.stack(patches, axis=-1)
    arg = jnp.argmax(stacked, axis=-1)  # the first maximum (NaN counts as the largest), as torch
    y = jnp.take_along_axis(stacked, arg[..., None], axis=-1)[..., 0]
    rows = np.arange(out[0])[:, None] * stride[0] - pad[0]
    cols = np.arange(out[1])[None, :] * stride[1] - pad[1]
    offs_r = jnp.asarray([p[0] for p in positions])[arg]
    offs_c = jnp.asarray([p[1] for p in positions])[arg]
    return y, (rows + offs_r) * x.shape[-1] + (cols + offs_c)


def max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False,
               return_indices=False):
    """torch.nn.functional.max_pool2d (NCHW or CHW). The gradient goes to the first maximum of
    each window, as torch; ``return_indices`` also gives each maximum's flat index in H*W.

    >>> import jax.numpy as jnp
    >>> max_pool2d(jnp.arange(16, dtype=jnp.float32).reshape(1, 1, 4, 4), 2)
    Array([[[[ 5.,  7.],
             [13., 15.]]]], dtype=float32)
    """
    x = jnp.asarray(input)
    kernel, stride, pad, dil, out = _pool_geometry(x, kernel_size, stride, padding, dilation,
                                                   ceil_mode)
    pads = _window_padding(x.shape[-2:], kernel, stride, pad, dil, out)
    lead = ((0, 0),) * (x.ndim - 2)
    if not return_indices and dil == (1, 1):
        # XLA's max-window gradient (select-and-scatter) also picks the first maximum; it has
        # no dilated form, hence the explicit windows below for dilation.
        y = jax.lax.reduce_window(x, _lowest(x.dtype), jax.lax.max,
                                  (1,) * (x.ndim - 2) + kernel, (1,) * (x.ndim - 2) + stride,
                                  lead + pads, window_dilation=(1,) * (x.ndim - 2) + dil)
        return y[..., :out[0], :out[1]]
    y, indices = _max_windows(x, kernel, stride, pad, dil, out, pads)
    return (y, indices.astype(dtypes.int64)) if return_indices else y


def avg_pool2d(input, kernel_size, stride=None, padding=0, ceil_mode=False,
               count_include_pad=True, divisor_override=None):
    """torch.nn.functional.avg_pool2d (NCHW or CHW), with torch's divisor: padding counts when
    ``count_include_pad`` but the overhang that ``ceil_mode`` adds never does.

    >>> import jax.numpy as jnp
    >>> avg_pool2d(jnp.ones((1, 1, 2, 2), jnp.float32), 2, padding=1)
    Array([[[[0.25, 0.25],
             [0.25, 0.25]]]], dtype=float32)
    """
    x = jnp.asarray(input)
    if divisor_override is not None and divisor_override == 0:
        raise RuntimeError("divisor must be not zero")
    kernel, stride, pad, dil, out = _pool_geometry(x, kernel_size, stride, padding, 1, ceil_mode)
    pads = _window_padding(x.shape[-2:], kernel, stride, pad, dil, out)
    lead = ((0, 0),) * (x.ndim - 2)
    sums = jax.lax.reduce_window(x, np.zeros((), np.dtype(x.dtype)), jax.lax.add,
                                 (1,) * (x.ndim - 2) + kernel, (1,) * (x.ndim - 2) + stride,
                                 lead + pads)[..., :out[0], :out[1]]
    if divisor_override is not None:
        return sums / jnp.asarray(divisor_override, x.dtype)
    # The divisor depends on shapes only: a constant computed now, per output position.
    counts = []
    for size, k, s, p, n in zip(x.shape[-2:], kernel, stride, pad, out):
        start = np.arange(n) * s - p
        end = np.minimum(start + k, size + p)
        with_pad = end - start
        inside = np.minimum(end, size) - np.maximum(start, 0)
        counts.append(with_pad if count_include_pad else inside)
    divisor = np.outer(counts[0], counts[1]).astype(np.dtype(x.dtype))
    return sums / divisor


def bilinear(input1, input2, weight, bias=None):
    """torch.nn.functional.bilinear: ``x1ᵀ W[o] x2 + b[o]`` for each output feature ``o``.

    >>> import jax.numpy as jnp
    >>> bilinear(jnp.ones((1, 2)), jnp.ones((1, 3)), jnp.ones((4, 2, 3))).shape
    (1, 4)
    """
    out = jnp.einsum("...i,oij,...j->...o", input1, weight, input2)
    return out if bias is None else out + bias


def one_hot(input, num_classes):
    """torch.nn.functional.one_hot for a known ``num_classes``: int64 rows with a single 1.

    >>> import jax.numpy as jnp
    >>> one_hot(jnp.array([2, 0]), 3)
    Array([[0, 0, 1],
           [1, 0, 0]], dtype=int64)
    """
    return (jnp.asarray(input)[..., None] == jnp.arange(num_classes)).astype(jnp.int64)


def pad(input, pad, mode="constant", value=0.0):
    """torch.nn.functional.pad: ``pad`` lists (left, right) widths from the last dim backwards;
    constant padding crops for negative widths, as torch's.

    >>> import jax.numpy as jnp
    >>> pad(jnp.ones((1, 2), jnp.float32), (1, 0))
    Array([[0., 1., 1.]], dtype=float32)
    """
    x = jnp.asarray(input)
    widths = [(0, 0)] * x.ndim
    for i in range(len(pad) // 2):
        widths[x.ndim - 1 - i] = (pad[2 * i], pad[2 * i + 1])
    if mode == "constant":
        # Negative widths crop, as torch's constant padding.
        crop = tuple(slice(-lo if lo < 0 else None, hi if hi < 0 else None) for lo, hi in widths)
        x = x[crop]
        widths = [(max(lo, 0), max(hi, 0)) for lo, hi in widths]
        return jnp.pad(x, widths, constant_values=jnp.asarray(value, x.dtype))
    return jnp.pad(x, widths, mode={"reflect": "reflect", "replicate": "edge",
                                    "circular": "wrap"}[mode])
