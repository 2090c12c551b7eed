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
import itertools
import math

import jax
import jax.numpy as jnp
import numpy as np

from .shape import expand_mismatch, negative_narrow_length, t_rank_error
from .linalg import m1_m2_dtypes, mat2_dtype_mismatch, shapes_cannot_multiply
from .. import dtypes
from ._checks import (float_result_cast_error, host_check, index_out_of_range, normalize_dim,
                      scalar_type_mismatch)
from .elementwise import _not_implemented, c_type_name, widen
from .reductions import torch_type_name


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
            raise shapes_cannot_multiply((rows, x.shape[-1]), (w.shape[1], w.shape[0]))
        w_t = w.T
    else:
        raise t_rank_error(w.ndim)
    if x.dtype != w.dtype:
        raise m1_m2_dtypes(x.dtype, w.dtype)
    out = jnp.matmul(x, w_t)
    if bias is None:
        return out
    b = jnp.asarray(bias)
    if b.dtype != x.dtype:
        raise mat2_dtype_mismatch("self", b.dtype, x.dtype)
    try:
        jnp.broadcast_shapes(b.shape, out.shape)
        if jnp.broadcast_shapes(b.shape, out.shape) != out.shape:
            raise ValueError
    except ValueError:
        raise expand_mismatch(out.shape[-1], b.shape[-1], out.ndim - 1, out.shape,
                              b.shape) from None
    return out + b


# torch's words for padding='same' with a stride (a RuntimeError from the functional form, a
# ValueError from nn.Conv2d's constructor).
STRIDED_SAME_PADDING = "padding='same' is not supported for strided convolutions"


# ----------------------------------------------------------------------------- dropout
def check_dropout_probability(p) -> None:
    """torch's refusal of a dropout probability outside [0, 1].

    >>> check_dropout_probability(0.5)
    """
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"dropout probability has to be between 0 and 1, but got {p}")


def padding_row(padding_idx, num_embeddings):
    """``padding_idx`` as a row of an embedding of ``num_embeddings`` rows (negative counts
    from the end), with torch's error when it names none.

    >>> padding_row(-1, 5)
    4
    """
    if padding_idx is None:
        return None
    if not -num_embeddings <= padding_idx < num_embeddings:
        raise AssertionError("Padding_idx must be within num_embeddings")
    return padding_idx % num_embeddings


def check_dropout_dtype(dtype) -> None:
    """torch's refusal to drop out of an integer tensor when training (it scales the survivors
    by ``1/(1-p)`` in the input's type)."""
    if not dtypes.is_floating(dtype):
        raise float_result_cast_error(dtype)


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
    check_dropout_probability(p)
    x = jnp.asarray(input)
    if not training or p == 0.0:
        return x
    check_dropout_dtype(x.dtype)
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
        raise index_out_of_range()


def _indices_in_range(input, weight, padding_idx=None, max_norm=None, norm_type=2.0,
                      scale_grad_by_freq=False, sparse=False):
    """Host check of embedding: every index names a row (a compiled op cannot raise on
    values); other dtypes get the op's own error."""
    idx = np.asarray(input)
    if idx.dtype in (dtypes.int64, np.dtype(np.int32)):
        _check_indices(idx, jnp.shape(weight)[0])


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


@host_check(_indices_in_range)
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
    padding_idx = padding_row(padding_idx, num)
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
def _check_parameter_dtypes(x, *params):
    """torch's CPU normalisation dtype rules: parameters share the input's dtype, or (mixed
    precision) a float16/bfloat16 input takes float32 parameters; which rule applies is
    decided by the first parameter given."""
    present = [jnp.asarray(p) for p in params if p is not None]
    if not present:
        return
    if present[0].dtype == x.dtype:
        for p in present[1:]:
            if p.dtype != x.dtype:
                raise scalar_type_mismatch(x.dtype, p.dtype)
        return
    if any(p.dtype != dtypes.float32 for p in present):
        raise RuntimeError("mixed dtype (CPU): expect parameter to have scalar type of Float")
    if x.dtype not in (dtypes.float16, dtypes.bfloat16):
        raise RuntimeError("mixed dtype (CPU): all inputs must share same datatype.")


def _check_layer_norm_shapes(x, shape, weight, bias):
    if not shape:
        raise RuntimeError("Expected normalized_shape to be at least 1-dimensional, i.e., "
                           "containing at least one element, but got normalized_shape = []")
    for name, p in (("weight", weight), ("bias", bias)):
        if p is not None and tuple(jnp.shape(p)) != shape:
            raise RuntimeError(f"Expected {name} to be of same shape as normalized_shape, but got "
                               f"{name} of shape {list(jnp.shape(p))} and normalized_shape = "
                               f"{list(shape)}")
    n = len(shape)
    if x.ndim < n or x.shape[x.ndim - n:] != shape:
        raise RuntimeError(f"Given normalized_shape={list(shape)}, expected input with shape "
                           f"[*, {', '.join(map(str, shape))}], but got input of size"
                           f"{list(x.shape)}")


def layer_norm(input, normalized_shape, weight=None, bias=None, eps=1e-5):
    """torch.nn.functional.layer_norm over the trailing ``normalized_shape`` dims (biased
    variance, ``eps`` inside the square root); float16/bfloat16 inputs are normalised in
    float32 (with float32 or same-dtype parameters) and rounded once, as torch.

    >>> import jax.numpy as jnp
    >>> layer_norm(jnp.array([[1., 3.]], jnp.float32), (2,), eps=0.0)
    Array([[-1.,  1.]], dtype=float32)
    """
    x = jnp.asarray(input)
    shape = (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)
    _check_layer_norm_shapes(x, shape, weight, bias)
    _check_parameter_dtypes(x, weight, bias)
    if not dtypes.is_floating(x.dtype):
        raise _not_implemented("LayerNormKernelImpl", x)
    axes = tuple(range(x.ndim - len(shape), x.ndim))
    # Statistics, scaling and shift in float32 for half precision (squares of 300 overflow).
    wide = widen(x)
    mean = jnp.mean(wide, axis=axes, keepdims=True)
    var = jnp.mean(jnp.square(wide - mean), axis=axes, keepdims=True)
    out = (wide - mean) * jax.lax.rsqrt(var + eps)
    if weight is not None:
        out = out * widen(weight)
    if bias is not None:
        out = out + widen(bias)
    return out.astype(x.dtype)


def _check_batch_norm_args(x, running_mean, running_var, weight, bias, training):
    """torch's checks, in its order: the batch size (nn.functional), each tensor's length
    against the channel count (0 for inputs of fewer than 2 dims), the dims, the dtypes."""
    if training:
        if x.ndim == 0:
            raise IndexError("tuple index out of range")
        if x.shape[0] * math.prod(x.shape[2:]) == 1:
            raise ValueError(f"Expected more than 1 value per channel when training, got input "
                             f"size torch.Size({list(x.shape)})")
    channels = x.shape[1] if x.ndim >= 2 else 0
    for name, stat in (("running_mean", running_mean), ("running_var", running_var)):
        if stat is None and not training:
            raise RuntimeError(f"{name} must be defined in evaluation mode")
        if stat is not None and jnp.size(stat) != channels:
            raise RuntimeError(f"{name} should contain {channels} elements not {jnp.size(stat)}")
    for name, param in (("weight", weight), ("bias", bias)):
        if param is not None and jnp.size(param) != channels:
            raise RuntimeError(f"{name} should contain {channels} elements not {jnp.size(param)}")
    if x.ndim < 2:
        normalize_dim(1, x.ndim)  # torch reads the channel count from dim 1: its IndexError
    if not dtypes.is_floating(x.dtype):
        raise _not_implemented("batch_norm", x)
    _check_parameter_dtypes(x, weight, bias, running_mean, running_var)


def batch_norm(input, running_mean, running_var, weight=None, bias=None, training=False,
               momentum=0.1, eps=1e-5):
    """torch.nn.functional.batch_norm over dim 1 (channels), returning
    ``(output, new_running_mean, new_running_var)`` instead of updating in place.

    Training normalises with the batch's biased variance and moves the running variance
    toward the unbiased one, ``(1 - momentum) * running + momentum * batch``, as torch;
    evaluation uses the running statistics and returns them unchanged. Half precision is
    normalised in float32, with torch's rounding of the saved batch statistics.

    >>> import jax.numpy as jnp
    >>> x = jnp.array([[0., 2.], [2., 6.]], jnp.float32)
    >>> out, mean, var = batch_norm(x, jnp.zeros(2, jnp.float32), jnp.ones(2, jnp.float32),
    ...                             training=True)
    >>> mean, var
    (Array([0.1, 0.4], dtype=float32), Array([1.1, 1.7], dtype=float32))
    """
    x = jnp.asarray(input)
    _check_batch_norm_args(x, running_mean, running_var, weight, bias, training)
    channels = x.shape[1]
    axes = (0,) + tuple(range(2, x.ndim))
    bshape = (1, channels) + (1,) * (x.ndim - 2)
    wide = widen(x)
    if training:
        count = x.size // channels
        stats_dtype = _statistics_dtype(x, running_mean, running_var, weight, bias)
        mean, var, invstd = _batch_statistics(wide, axes, bshape, stats_dtype, eps)
        running_mean = _moved(running_mean, mean, momentum)
        running_var = _moved(running_var, var * (count / (count - 1)), momentum)
    else:
        mean, invstd = widen(running_mean), jax.lax.rsqrt(widen(running_var) + eps)
    out = (wide - mean.reshape(bshape).astype(wide.dtype)) * invstd.reshape(bshape).astype(wide.dtype)
    if weight is not None:
        out = out * widen(jnp.reshape(weight, bshape))
    if bias is not None:
        out = out + widen(jnp.reshape(bias, bshape))
    return out.astype(x.dtype), running_mean, running_var


def _statistics_dtype(x, *params):
    """The dtype torch's CPU batch norm keeps the batch mean and inverse std in: float32 for a
    float16/bfloat16 input with float32 parameters (its mixed-precision kernel), the input's
    dtype otherwise."""
    present = [p for p in params if p is not None]
    if widen(x).dtype != x.dtype and any(jnp.result_type(p) == dtypes.float32 for p in present):
        return dtypes.float32
    return x.dtype


def _rounded_to(value, dtype):
    """``value`` rounded to ``dtype`` and back, with ``value``'s own gradient."""
    return value + jax.lax.stop_gradient(value.astype(dtype).astype(value.dtype) - value)


def _batch_statistics(wide, axes, bshape, stats_dtype, eps):
    """(mean, biased variance, inverse std) of each channel, computed in float32; the mean and
    inverse std are then rounded to ``stats_dtype``, as torch saves them, so that outputs and
    gradients carry torch's rounding (the variance, for the running statistic, is not)."""
    mean = _rounded_to(jnp.mean(wide, axis=axes), stats_dtype)
    var = jnp.mean(jnp.square(wide - mean.reshape(bshape)), axis=axes)
    return mean, var, _rounded_to(jax.lax.rsqrt(var + eps), stats_dtype)


def _moved(running, batch_statistic, momentum):
    """torch's running-statistic update ``(1 - momentum) * running + momentum * batch``, in
    float32 for half-precision statistics, stored in the running statistic's dtype."""
    if running is None:
        return None
    moved = (1 - momentum) * widen(running) + momentum * jax.lax.stop_gradient(batch_statistic)
    return moved.astype(jnp.result_type(running))


# ----------------------------------------------------------------------------- convolution
def _batched(x, name):
    if x.ndim == 3:
        return x[None], True
    if x.ndim != 4:
        raise RuntimeError(f"Expected 3D (unbatched) or 4D (batched) input to {name}, but got "
                           f"input of size: {list(x.shape)}")
    return x, False


def conv_param(value, name, spatial):
    """A convolution's stride/padding/dilation as one value per spatial dim of the weight, with
    the error of torch's ``expand_param_if_needed``."""
    values = [int(v) for v in value] if isinstance(value, (tuple, list)) else [int(value)]
    if len(values) == 1:
        return tuple(values) * spatial
    if len(values) != spatial:
        raise RuntimeError(f"expected {name} to be a single integer value or a list of {spatial} "
                           f"values to match the convolution dimensions, but got {name}={values}")
    return tuple(values)


def _same_padding(x, w, stride, dilation):
    """torch's padding='same': its checks, and the odd element of an even total padding on the
    far side."""
    stride = [int(v) for v in stride] if isinstance(stride, (tuple, list)) else [int(stride)]
    if len(stride) not in (1, 2):
        raise RuntimeError("stride cannot broadcast to 2 dimensions")
    if any(s != 1 for s in stride):
        raise RuntimeError(STRIDED_SAME_PADDING)
    if w.ndim != x.ndim:
        raise RuntimeError(f"Expected {w.ndim}-dimensional input for {w.ndim}-dimensional weight"
                           f"{list(w.shape)}, but got {x.ndim}-dimensional input of size "
                           f"{list(x.shape)} instead")
    dilation = conv_param(dilation, "dilation", 2)
    totals = [d * (k - 1) for k, d in zip(w.shape[2:], dilation)]
    return tuple((t // 2, t - t // 2) for t in totals)


def check_conv_values(pads, stride, dilation):
    """torch's check_shape_forward on the conv parameters, in its order (a zero dilation is
    caught later, by the output size)."""
    if any(p < 0 for pair in pads for p in pair):
        raise RuntimeError("negative padding is not supported")
    if any(s <= 0 for s in stride):
        raise RuntimeError("non-positive stride is not supported")
    if any(d < 0 for d in dilation):
        raise RuntimeError("dilation should be greater than zero")


def check_weight_groups(w, groups):
    """torch's checks of a convolution weight's dim 0 against ``groups``."""
    if w.shape[0] < groups:
        raise RuntimeError(f"Given groups={groups}, expected weight to be at least {groups} at "
                           f"dimension 0, but got weight of size {list(w.shape)} instead")
    if w.shape[0] % groups:
        raise RuntimeError(f"Given groups={groups}, expected weight to be divisible by {groups} at "
                           f"dimension 0, but got weight of size [{list(w.shape)}] instead")


def check_bias_dtype(x, bias):
    """torch's refusal of a convolution bias whose dtype is not the input's."""
    if bias is not None and jnp.result_type(bias) != x.dtype:
        raise RuntimeError(f"Input type ({c_type_name(x.dtype)}) and bias type "
                           f"({c_type_name(jnp.result_type(bias))}) should be the same")


def check_padding_string(padding):
    """torch's refusal of a padding string other than 'same' and 'valid'."""
    if isinstance(padding, str) and padding not in ("same", "valid"):
        raise RuntimeError(f"Invalid padding string: '{padding}'")


def check_conv_groups(groups):
    if groups <= 0:
        raise RuntimeError("non-positive groups is not supported")


def _check_conv_shapes(x, w, bias, groups, pads, dilation):
    """torch's check_shape_forward on the tensors: groups against the weight, the input's
    channels, the bias, a kernel no larger than the padded input; then a zero dilation and
    the weight's dtype."""
    check_weight_groups(w, groups)
    if x.shape[1] != w.shape[1] * groups:
        raise RuntimeError(f"Given groups={groups}, weight of size {list(w.shape)}, expected "
                           f"input{list(x.shape)} to have {w.shape[1] * groups} channels, but got "
                           f"{x.shape[1]} channels instead")
    if bias is not None and jnp.shape(bias) != (w.shape[0],):
        raise RuntimeError(f"Given weight of size {list(w.shape)}, expected bias to be "
                           f"1-dimensional with {w.shape[0]} elements, but got bias of size "
                           f"{list(jnp.shape(bias))} instead")
    padded = [x.shape[2 + i] + sum(pads[i]) for i in range(2)]
    effective = [dilation[i] * (w.shape[2 + i] - 1) + 1 for i in range(2)]
    if any(p < e for p, e in zip(padded, effective)):
        raise RuntimeError(f"Calculated padded input size per channel: ({padded[0]} x "
                           f"{padded[1]}). Kernel size: ({effective[0]} x {effective[1]}). Kernel "
                           "size can't be greater than actual input size")
    if any(d == 0 for d in dilation):
        raise RuntimeError(f"dilation should be greater than zero, but got {list(dilation)}")
    if w.dtype != x.dtype:
        raise scalar_type_mismatch(x.dtype, w.dtype)


def _conv_geometry(x, w, stride, padding, dilation, groups):
    """(stride, ((top, bottom), (left, right)), dilation) of a conv2d, validated as torch's
    ``_convolution`` does (a weight that is not 4-D fails on the first parameter that has
    two values)."""
    check_padding_string(padding)
    if w.ndim < 3:
        raise RuntimeError("weight should have at least three dimensions")
    check_conv_groups(groups)
    if isinstance(padding, str):
        if padding == "same":
            pads = _same_padding(x, w, stride, dilation)
            return conv_param(stride, "stride", 2), pads, conv_param(dilation, "dilation", 2)
        padding = 0
    spatial = w.ndim - 2
    # conv2d's binding makes an int a pair before _convolution compares it with the weight.
    stride, padding, dilation = ((v, v) if isinstance(v, int) else v
                                 for v in (stride, padding, dilation))
    stride = conv_param(stride, "stride", spatial)
    padding = conv_param(padding, "padding", spatial)
    dilation = conv_param(dilation, "dilation", spatial)
    conv_param(0, "output_padding", spatial)
    return stride, tuple((p, p) for p in padding), dilation


def conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    """torch.nn.functional.conv2d: NCHW input, OIHW weight (``in_channels / groups`` deep);
    ``padding`` is an int, a pair, ``"valid"`` or ``"same"``. Bad arguments fail with torch's
    errors, in torch's order.

    >>> import jax.numpy as jnp
    >>> x = jnp.ones((1, 1, 3, 3), jnp.float32)
    >>> conv2d(x, jnp.ones((2, 1, 2, 2), jnp.float32), padding=1).shape
    (1, 2, 4, 4)
    """
    x, unbatched = _batched(jnp.asarray(input), "conv2d")
    w = jnp.asarray(weight)
    check_bias_dtype(x, bias)
    stride, pads, dilation = _conv_geometry(x, w, stride, padding, dilation, groups)
    check_conv_values(pads, stride, dilation)
    _check_conv_shapes(x, w, bias, groups, pads, dilation)
    out = jax.lax.conv_general_dilated(x, w, window_strides=stride, padding=pads,
                                       rhs_dilation=dilation, feature_group_count=groups,
                                       dimension_numbers=("NCHW", "OIHW", "NCHW"))
    if bias is not None:
        out = out + jnp.asarray(bias).reshape(1, -1, 1, 1)
    return out[0] if unbatched else out


# ----------------------------------------------------------------------------- pooling
# Each pooling parameter: its position in torch's binding and the text of its length error.
_POOL_PARAMETERS = {
    "kernel_size": (2, "kernel_size must either be a single int, or a tuple of two ints"),
    "stride": (3, "stride must either be omitted, a single int, or a tuple of two ints"),
    "padding": (4, "padding must either be a single int, or a tuple of two ints"),
    "dilation": (5, "dilation must be either a single int, or a tuple of two ints"),
}


def _is_int(value) -> bool:
    return hasattr(value, "__index__") and not isinstance(value, (float, complex))


def _pool_values(value, name, op):
    """A pooling parameter as a list of ints, with the TypeError of torch's argument parser
    ("tuple of ints")."""
    position = _POOL_PARAMETERS[name][0]
    if not isinstance(value, (tuple, list)):
        if isinstance(value, bool) or not _is_int(value):
            raise TypeError(f"{op}(): argument '{name}' (position {position}) must be tuple of "
                            f"ints, not {type(value).__name__}")
        return [int(value)]
    for i, v in enumerate(value):
        if _is_int(v):
            continue
        if i == 0:
            raise TypeError(f"{op}(): argument '{name}' (position {position}) must be tuple of "
                            f"ints, but found element of type {type(v).__name__} at pos 0")
        raise TypeError(f"{op}(): argument '{name}' failed to unpack the object at pos {i + 1} "
                        f"with error \"type must be tuple of ints,but got {type(v).__name__}\"")
    return [int(v) for v in value]


def _pool_pair(values, name, op):
    if len(values) not in (1, 2):
        raise RuntimeError(f"{op}: {_POOL_PARAMETERS[name][1]}")
    return (values[0],) * 2 if len(values) == 1 else tuple(values)


def _pool_parameters(op, kernel_size, stride, padding, dilation):
    """(kernel, stride, padding, dilation) pairs: torch parses all four (type errors), then
    checks their lengths; an omitted stride (None, ``()``, ``[]``) is the kernel's."""
    omitted = stride is None or (isinstance(stride, (tuple, list)) and not stride)
    raw = {"kernel_size": _pool_values(kernel_size, "kernel_size", op),
           "stride": None if omitted else _pool_values(stride, "stride", op),
           "padding": _pool_values(padding, "padding", op),
           "dilation": _pool_values(dilation, "dilation", op)}
    kernel = _pool_pair(raw["kernel_size"], "kernel_size", op)
    stride = kernel if omitted else _pool_pair(raw["stride"], "stride", op)
    return (kernel, stride, _pool_pair(raw["padding"], "padding", op),
            _pool_pair(raw["dilation"], "dilation", op))


def _pooled_size(size, k, s, p, d, ceil_mode):
    """torch's pooling_output_shape for one dim, with its checks."""
    if s == 0:
        raise RuntimeError("stride should not be zero")
    if p < 0:
        raise RuntimeError(f"pad must be non-negative, but got pad: {p}")
    half = (k - 1) * d + 1
    if p > (half // 2 if half >= 0 else -(-half // 2)):  # C's division truncates
        raise RuntimeError(f"pad should be at most half of effective kernel size, but got "
                           f"pad={p}, kernel_size={k} and dilation={d}")
    n = (size + 2 * p - d * (k - 1) - 1 + (s - 1 if ceil_mode else 0)) // s + 1
    if ceil_mode and (n - 1) * s >= size + p:
        n -= 1  # a window may not start in the right padding
    return n


def check_batch_mode(x, rank, prefix=""):
    """torch's refusal of an input that is neither ``rank``-D nor batched ``(rank + 1)``-D,
    or that has an empty non-batch dim."""
    if x.ndim not in (rank, rank + 1) or 0 in tuple(x.shape)[x.ndim - rank:]:
        raise RuntimeError(f"{prefix}Expected {rank}D or {rank + 1}D (batch mode) tensor with "
                           f"optional 0 dim batch size for input, but got:{list(x.shape)}")


def _check_pool_shape(x, kernel, stride, dil, out):
    """torch's pool2d_shape_check, in its order."""
    if min(kernel) <= 0:
        raise RuntimeError(f"kernel size should be greater than zero, but got kH: {kernel[0]} "
                           f"kW: {kernel[1]}")
    if min(stride) <= 0:
        raise RuntimeError(f"stride should be greater than zero, but got dH: {stride[0]} "
                           f"dW: {stride[1]}")
    if min(dil) <= 0:
        raise RuntimeError(f"dilation should be greater than zero, but got dilationH: {dil[0]} "
                           f"dilationW: {dil[1]}")
    check_batch_mode(x, 3)
    if min(out) < 1:
        c, h, w = x.shape[-3:]
        raise RuntimeError(f"Given input size: ({c}x{h}x{w}). Calculated output size: "
                           f"({c}x{out[0]}x{out[1]}). Output size is too small")


def _pool_geometry(x, op, kernel_size, stride, padding, dilation, ceil_mode):
    """Kernel, stride, padding, dilation pairs and the output size, with torch's checks in
    torch's order (max_pool2d refuses other than 3-D/4-D inputs first; avg_pool2d reads dim -3,
    and fails there on fewer dims)."""
    kernel, stride, pad, dil = _pool_parameters(op, kernel_size, stride, padding, dilation)
    if op == "max_pool2d" and x.ndim not in (3, 4):
        raise RuntimeError("non-empty 3D or 4D (batch mode) tensor expected for input")
    if op == "avg_pool2d":
        normalize_dim(-3, x.ndim)
    out = tuple(_pooled_size(size, k, s, p, d, ceil_mode)
                for size, k, s, p, d in zip(x.shape[-2:], kernel, stride, pad, dil))
    _check_pool_shape(x, kernel, stride, dil, out)
    return kernel, stride, pad, dil, out


def _window_padding(sizes, kernel, stride, pad, dil, out):
    # Right padding large enough for the last window (ceil_mode can need more than ``pad``).
    return tuple((p, max(p, (n - 1) * s + d * (k - 1) + 1 - size - p))
                 for size, k, s, p, d, n in zip(sizes, kernel, stride, pad, dil, out))


def _lowest(dtype):
    # A numpy scalar, not a jax array: reduce_window recognises max/add (and so has their
    # gradients) only when its initial value is a concrete identity, also under jit.
    dtype = np.dtype(dtype)
    return np.array(-np.inf if dtypes.is_floating(dtype) else np.iinfo(dtype).min, dtype)


def _window_choice(values, in_bounds):
    """The element torch's CPU max pooling takes in each window (the last axis, in window
    order): scanning from the first in-bounds element, each element greater than the best so
    far, or NaN, replaces it. That is the last NaN, else the first maximum, else (a window of
    -inf) the first in-bounds element; padding is never chosen."""
    nan = jnp.isnan(values) & in_bounds if dtypes.is_floating(values.dtype) else in_bounds & False
    last_nan = values.shape[-1] - 1 - jnp.argmax(nan[..., ::-1], axis=-1)
    candidates = jnp.where(in_bounds & ~nan, values, _lowest(values.dtype))
    best = jnp.max(candidates, axis=-1, keepdims=True)
    first_best = jnp.argmax(in_bounds & (candidates == best), axis=-1)
    return jnp.where(jnp.any(nan, axis=-1), last_nan, first_best)


@functools.partial(jax.jit, static_argnums=(1, 2, 3, 4, 5, 6))
def max_windows(x, kernel, stride, pad, dil, out, pads):
    """Max and flat argmax (over the spatial dims) of each window of the trailing
    ``len(kernel)`` dims, from explicit strided window slices (compiled as one program, which
    also keeps eager calls cheap)."""
    spatial = len(kernel)
    sizes = x.shape[x.ndim - spatial:]
    lead = ((0, 0),) * (x.ndim - spatial)
    xp = jnp.pad(x, lead + pads, constant_values=_lowest(x.dtype))
    inside = np.pad(np.ones(sizes, bool), pads, constant_values=False)
    patches, masks, positions = [], [], []
    for offset in itertools.product(*(range(k) for k in kernel)):
        starts = tuple(o * d for o, d in zip(offset, dil))
        window = tuple(slice(s0, s0 + s * (n - 1) + 1, s) for s0, s, n in zip(starts, stride, out))
        patches.append(xp[(Ellipsis,) + window])
        masks.append(inside[window])
        positions.append(starts)
    stacked = jnp.stack(patches, axis=-1)
    arg = _window_choice(stacked, jnp.asarray(np.stack(masks, axis=-1)))
    y = jnp.take_along_axis(stacked, arg[..., None], axis=-1)[..., 0]
    positions = np.asarray(positions)
    flat = 0
    for d in range(spatial):
        base = (np.arange(out[d]) * stride[d] - pad[d]).reshape((-1,) + (1,) * (spatial - 1 - d))
        flat = flat * sizes[d] + (base + jnp.asarray(positions[:, d])[arg])
    return y, flat


def max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False,
               return_indices=False):
    """torch.nn.functional.max_pool2d (NCHW or CHW). The gradient goes to the element torch
    picks in each window (the first maximum; the last NaN; never padding, even in a window of
    -inf); ``return_indices`` also gives each maximum's flat index in H*W.

    >>> import jax.numpy as jnp
    >>> max_pool2d(jnp.arange(16, dtype=jnp.float32).reshape(1, 1, 4, 4), 2)
    Array([[[[ 5.,  7.],
             [13., 15.]]]], dtype=float32)
    """
    x = jnp.asarray(input)
    kernel, stride, pad, dil, out = _pool_geometry(x, "max_pool2d", kernel_size, stride, padding,
                                                   dilation, ceil_mode)
    return max_pooled(x, "max_pool2d", kernel, stride, pad, dil, out, return_indices)


def max_pooled(x, name, kernel, stride, pad, dil, out, return_indices):
    """Max pooling ``x`` over its last ``len(kernel)`` dims, the geometry checked (``out``:
    the output's spatial sizes); with ``return_indices``, also the flat index of each max."""
    if x.dtype == dtypes.bool_:
        raise _not_implemented(name, x)
    pads = _window_padding(x.shape[-len(kernel):], kernel, stride, pad, dil, out)
    # Explicit windows, not reduce_window: XLA's max-window gradient (select-and-scatter)
    # sends a NaN window's gradient to the element after its last NaN, and a window of -inf's
    # to leading padding; torch's choice is made explicitly instead.
    y, indices = max_windows(x, kernel, stride, pad, dil, out, pads)
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
    kernel, stride, pad, _ = _pool_parameters("avg_pool2d", kernel_size, stride, padding, 1)
    if divisor_override is not None and divisor_override == 0:
        raise RuntimeError("divisor must be not zero")
    kernel, stride, pad, dil, out = _pool_geometry(x, "avg_pool2d", kernel, stride, pad, 1,
                                                   ceil_mode)
    return average_windows(x, kernel, stride, pad, out, count_include_pad, divisor_override)


def average_windows(x, kernel, stride, pad, out, count_include_pad, divisor_override):
    """The mean of each window of the trailing ``len(kernel)`` dims, with torch's divisor."""
    spatial = len(kernel)
    sizes = x.shape[x.ndim - spatial:]
    pads = _window_padding(sizes, kernel, stride, pad, (1,) * spatial, out)
    lead = ((0, 0),) * (x.ndim - spatial)
    # float16/bfloat16 windows are summed and divided in float32, as torch's CPU kernel (a
    # half-precision sum of large values overflows).
    wide = widen(x)
    sums = jax.lax.reduce_window(wide, np.zeros((), np.dtype(wide.dtype)), jax.lax.add,
                                 (1,) * (x.ndim - spatial) + kernel,
                                 (1,) * (x.ndim - spatial) + stride, lead + pads)
    sums = sums[(Ellipsis,) + tuple(slice(0, n) for n in out)]
    if divisor_override is not None:
        return _divided(sums, np.asarray(divisor_override), x.dtype)
    # The divisor depends on shapes only: a constant computed now, per output position.
    divisor = np.ones((), np.int64)
    for size, k, s, p, n in zip(sizes, kernel, stride, pad, out):
        start = np.arange(n) * s - p
        end = np.minimum(start + k, size + p)
        with_pad = end - start
        inside = np.minimum(end, size) - np.maximum(start, 0)
        divisor = np.multiply.outer(divisor, with_pad if count_include_pad else inside)
    return _divided(sums, divisor, x.dtype)


def _divided(sums, divisor, dtype):
    if not dtypes.is_floating(dtype):
        # integer windows: torch's C division of the integer sum (truncating toward zero)
        quotient = jnp.abs(sums) // jnp.abs(jnp.asarray(divisor, sums.dtype))
        return (jnp.sign(sums) * jnp.sign(jnp.asarray(divisor, sums.dtype)) * quotient
                ).astype(dtype)
    return (sums / jnp.asarray(divisor, sums.dtype)).astype(dtype)


def bilinear(input1, input2, weight, bias=None):
    """torch.nn.functional.bilinear: ``x1ᵀ W[o] x2 + b[o]`` for each output feature ``o``.

    >>> import jax.numpy as jnp
    >>> bilinear(jnp.ones((1, 2)), jnp.ones((1, 3)), jnp.ones((4, 2, 3))).shape
    (1, 4)
    """
    a, b, w = (jnp.shape(v) for v in (input1, input2, weight))
    if len(a) != len(b):
        raise RuntimeError(f"bilinear(): input dimensions do not match: got {len(a)} and {len(b)}")
    for dim, (size_a, size_b) in enumerate(zip(a[:-1], b[:-1])):
        if size_a != size_b:
            raise RuntimeError(f"bilinear(): input batch dimensions do not match at dim {dim}: "
                               f"got {size_a} and {size_b}")
    for name, got, expected in (("input1", a[-1], w[1]), ("input2", b[-1], w[2])) + (
            () if bias is None else (("bias", jnp.shape(bias)[-1], w[0]),)):
        if got != expected:
            raise RuntimeError(f"bilinear(): {name} size does not match weight size: got {got} "
                               f"but expected {expected}")
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
        # Negative widths crop, as torch's constant padding narrows: left, then right.
        for size, (lo, hi) in zip(x.shape, widths):
            if size + min(lo, 0) < 0 or size + min(lo, 0) + min(hi, 0) < 0:
                raise negative_narrow_length()
        crop = tuple(slice(-lo if lo < 0 else None, hi if hi < 0 else None) for lo, hi in widths)
        x = x[crop]
        widths = [(max(lo, 0), max(hi, 0)) for lo, hi in widths]
        return jnp.pad(x, widths, constant_values=jnp.asarray(value, x.dtype))
    return jnp.pad(x, widths, mode={"reflect": "reflect", "replicate": "edge",
                                    "circular": "wrap"}[mode])
