"""Op-table entries of torch's pooling beyond ``max_pool2d``/``avg_pool2d``: 1-D and 3-D max
and average pooling, adaptive max pooling, 3-D adaptive average pooling, power-average
pooling, max unpooling, ``unfold``/``fold`` (im2col/col2im), local response normalisation
and channel shuffle.

The 1-D forms are torch's: the 2-D kernel on ``input.unsqueeze(-2)``, squeezed back (so their
``grad_fn`` is torch's ``SqueezeBackward1``), after torch's own 1-D argument checks.

>>> import compat as torch
>>> import compat.nn.functional as F
>>> F.max_pool1d(torch.tensor([[[1., 3., 2., 0.]]]), 2)
tensor([[[3., 2.]]])
"""
from __future__ import annotations

import numpy as np

from jaxgrad import dtypes as _jd
from jaxgrad.functional import layers as _layers
from jaxgrad.functional import pooling as _pooling
from jaxgrad.functional.elementwise import not_implemented

from .. import host_values
from . import nn as _nn
from . import resampling as _resampling
from .registry import check_input, function, nn_function, op


def _sizes(self, output_size, *rest):
    if isinstance(output_size, list):
        output_size = tuple(output_size)
    return (self, output_size) + rest


_max_pool3d = op("max_pool3d(self, kernel_size, stride=None, padding=0, dilation=1, "
                 "ceil_mode=False, return_indices=False)", _pooling.max_pool3d,
                 "MaxPool3DWithIndicesBackward0", prepare=_nn._max_pool_values, method=False,
                 function=False)
avg_pool3d = op("avg_pool3d(self, kernel_size, stride=None, padding=0, ceil_mode=False, "
                "count_include_pad=True, divisor_override=None)", _pooling.avg_pool3d,
                "AvgPool3DBackward0", method=False, function=False, nn=True)
_adaptive_max_pool2d = op("adaptive_max_pool2d(self, output_size, return_indices=False)",
                          _pooling.adaptive_max_pool2d, "AdaptiveMaxPool2DBackward0",
                          prepare=_sizes, method=False, function=False)
_adaptive_max_pool3d = op("adaptive_max_pool3d(self, output_size, return_indices=False)",
                          _pooling.adaptive_max_pool3d, "AdaptiveMaxPool3DBackward0",
                          prepare=_sizes, method=False, function=False)


def _adaptive_3d_name(self, output_size):
    # torch computes a 1×1×1 output as a mean over the spatial dims.
    sizes = output_size if isinstance(output_size, tuple) else (output_size,) * 3
    return "MeanBackward1" if tuple(sizes) == (1, 1, 1) else "AdaptiveAvgPool3DBackward0"


adaptive_avg_pool3d = op("adaptive_avg_pool3d(self, output_size)",
                         _pooling.adaptive_avg_pool3d, _adaptive_3d_name, prepare=_sizes,
                         method=False, function=False, nn=True)
_max_unpool2d = op("max_unpool2d(self, indices, output_size)", _pooling.max_unpool2d,
                   "MaxUnpool2DBackward0", traced=("self", "indices"), prepare=_sizes,
                   method=False, function=False)
_im2col = op("im2col(self, kernel_size, dilation, padding, stride)", _pooling.unfold,
             "Im2ColBackward0", method=False, function=False)
_col2im = op("col2im(self, output_size, kernel_size, dilation, padding, stride)", _pooling.fold,
             "Col2ImBackward0", method=False, function=False)
channel_shuffle = op("channel_shuffle(self, groups)", _pooling.channel_shuffle,
                     "ChannelShuffleBackward0", method=False, nn=True)


# ----------------------------------------------------------------------------- 1-D forms
def _ints(value, name, op_name):
    return _layers._pool_values(value, name, op_name)


def _one(op_name, name, values):
    """torch's check1d: a 1-D parameter holds one int."""
    if len(values) != 1:
        raise RuntimeError(f"{op_name}() argument '{name}' should contain one int (got "
                           f"{len(values)})")
    return values[0]


def _check_dims(input, op_name):
    """torch's checkDimRange(2, 4) of the 1-D pooling functions."""
    if input.ndim not in (2, 3):
        raise RuntimeError(f"Expected 2 to 3 dimensions, but got {input.ndim}-dimensional tensor "
                           f"for argument #1 'self' (while checking arguments for {op_name})")


def _omitted(stride):
    return stride is None or (isinstance(stride, (tuple, list)) and not stride)


def _check_max_pool1d(input, kernel_size, stride, padding, dilation, ceil_mode):
    """torch's check_max_pool1d (the checks of max_pool1d without indices)."""
    _layers.check_batch_mode(input, 2, "max_pool1d: ")
    k = _ints(kernel_size, "kernel_size", "max_pool1d")
    s = [] if _omitted(stride) else _ints(stride, "stride", "max_pool1d")
    p = _ints(padding, "padding", "max_pool1d")
    d = _ints(dilation, "dilation", "max_pool1d")
    for name, values, text in (("kernel_size", k, "an int, list of ints or"),
                               ("stride", s, "None, an int, list of ints, or"),
                               ("padding", p, "an int, list of ints, or"),
                               ("dilation", d, "an int, list of ints or")):
        if len(values) != 1 and not (name == "stride" and not values):
            raise RuntimeError(f"max_pool1d() {name} must be {text} tuple of ints of size 1 but "
                               f"got size {len(values)}")
    k, p, d = k[0], p[0], d[0]
    s = s[0] if s else k
    for name, value in (("kernel_size", k), ("stride", s)):
        if value <= 0:
            raise RuntimeError(f"max_pool1d() {name} must be greater than zero, but got {value}")
    if p < 0:
        raise RuntimeError(f"max_pool1d() padding must be non-negative, but got {p}")
    if p > k // 2:
        raise RuntimeError(f"max_pool1d() padding should be at most half of kernel size, but got "
                           f"padding={p} and kernel_size={k}")
    if d <= 0:
        raise RuntimeError(f"max_pool1d() dilation must be greater than zero, but got {d}")
    out = (input.shape[-1] + 2 * p - d * (k - 1) - 1 + (s - 1 if ceil_mode else 0)) // s + 1
    if ceil_mode and (out - 1) * s >= input.shape[-1] + p:
        out -= 1
    if out <= 0:
        raise RuntimeError(f"max_pool1d() Invalid computed output size: {out}")
    if not _jd.is_floating(input._data.dtype):
        raise not_implemented("max_pool1d_impl", input._data.dtype)
    return k, s, p, d


def _max_pool1d_indices(input, kernel_size, stride, padding, dilation, ceil_mode):
    _check_dims(input, "max_pool1d")
    k = _one("max_pool1d", "kernel_size", _ints(kernel_size, "kernel_size", "max_pool1d"))
    s = k if _omitted(stride) else _one("max_pool1d", "stride",
                                        _ints(stride, "stride", "max_pool1d"))
    p = _one("max_pool1d", "padding", _ints(padding, "padding", "max_pool1d"))
    d = _one("max_pool1d", "dilation", _ints(dilation, "dilation", "max_pool1d"))
    out, indices = _nn._max_pool2d(input.unsqueeze(-2), (1, k), (1, s), (0, p), (1, d),
                                   ceil_mode, True)
    return out.squeeze(-2), indices.squeeze(-2)


@nn_function("max_pool1d")
def max_pool1d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False,
               return_indices=False):
    """1-D max pooling of ``(N, C, L)`` or ``(C, L)``; ``return_indices`` also returns each
    maximum's index.

    >>> import compat as torch
    >>> max_pool1d(torch.tensor([[1., 3., 2.]]), 2, stride=1)
    tensor([[3., 3.]])
    """
    check_input(input, "max_pool1d")
    if return_indices:
        return _max_pool1d_indices(input, kernel_size, stride, padding, dilation, ceil_mode)
    k, s, p, d = _check_max_pool1d(input, kernel_size, stride, padding, dilation, ceil_mode)
    return _nn._max_pool2d(input.unsqueeze(-2), (1, k), (1, s), (0, p), (1, d), ceil_mode,
                           False).squeeze(-2)


@nn_function("max_pool1d_with_indices")
def max_pool1d_with_indices(input, kernel_size, stride=None, padding=0, dilation=1,
                            ceil_mode=False, return_indices=False):
    """:func:`max_pool1d` returning ``(values, indices)``."""
    check_input(input, "max_pool1d_with_indices")
    return _max_pool1d_indices(input, kernel_size, stride, padding, dilation, ceil_mode)


@nn_function("max_pool2d_with_indices")
def max_pool2d_with_indices(input, kernel_size, stride=None, padding=0, dilation=1,
                            ceil_mode=False, return_indices=False):
    """2-D max pooling returning ``(values, indices)``."""
    return _nn.max_pool2d(input, kernel_size, stride, padding, dilation, ceil_mode, True)


@nn_function("max_pool3d")
def max_pool3d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False,
               return_indices=False):
    """3-D max pooling of ``(N, C, D, H, W)`` or ``(C, D, H, W)``; ``return_indices`` also
    returns each maximum's flat index in D*H*W.

    >>> import compat as torch
    >>> max_pool3d(torch.arange(8.).view(1, 2, 2, 2), 2)
    tensor([[[[7.]]]])
    """
    check_input(input, "max_pool3d")
    out = _max_pool3d(input, kernel_size, stride, padding, dilation, ceil_mode, return_indices)
    return tuple(out) if return_indices else out


@nn_function("max_pool3d_with_indices")
def max_pool3d_with_indices(input, kernel_size, stride=None, padding=0, dilation=1,
                            ceil_mode=False, return_indices=False):
    """3-D max pooling returning ``(values, indices)``."""
    return max_pool3d(input, kernel_size, stride, padding, dilation, ceil_mode, True)


def _avg_pool1d(input, kernel_size, stride, padding, ceil_mode, count_include_pad):
    _check_dims(input, "avg_pool1d")
    k = _one("avg_pool1d", "kernel_size", _ints(kernel_size, "kernel_size", "avg_pool1d"))
    s = k if _omitted(stride) else _one("avg_pool1d", "stride",
                                        _ints(stride, "stride", "avg_pool1d"))
    p = _one("avg_pool1d", "padding", _ints(padding, "padding", "avg_pool1d"))
    return _nn.avg_pool2d(input.unsqueeze(-2), (1, k), (1, s), (0, p), bool(ceil_mode),
                          bool(count_include_pad)).squeeze(-2)


@nn_function("avg_pool1d")
def avg_pool1d(input, kernel_size, stride=None, padding=0, ceil_mode=False,
               count_include_pad=True):
    """1-D average pooling of ``(N, C, L)`` or ``(C, L)``.

    >>> import compat as torch
    >>> avg_pool1d(torch.tensor([[1., 3., 2., 0.]]), 2)
    tensor([[2., 1.]])
    """
    check_input(input, "avg_pool1d")
    return _avg_pool1d(input, kernel_size, stride, padding, ceil_mode, count_include_pad)


def _adaptive_max_pool1d(input, output_size):
    _check_dims(input, "adaptive_max_pool1d")
    sizes = list(output_size) if isinstance(output_size, (tuple, list)) else [output_size]
    size = _one("adaptive_max_pool1d", "output_size", sizes)
    out, indices = _adaptive_max_pool2d(input.unsqueeze(-2), (1, size), True)
    return out.squeeze(-2), indices.squeeze(-2)


@nn_function("adaptive_max_pool1d")
def adaptive_max_pool1d(input, output_size, return_indices=False):
    """Max pooling of ``(N, C, L)`` or ``(C, L)`` to ``output_size`` positions (torch's
    adaptive windows).

    >>> import compat as torch
    >>> adaptive_max_pool1d(torch.tensor([[1., 3., 2.]]), 2)
    tensor([[3., 3.]])
    """
    check_input(input, "adaptive_max_pool1d")
    out = _adaptive_max_pool1d(input, output_size)
    return out if return_indices else out[0]


@nn_function("adaptive_max_pool1d_with_indices")
def adaptive_max_pool1d_with_indices(input, output_size, return_indices=False):
    """:func:`adaptive_max_pool1d` returning ``(values, indices)``."""
    check_input(input, "adaptive_max_pool1d")
    return _adaptive_max_pool1d(input, output_size)


def _adaptive_max(entry, name, input, output_size, return_indices):
    check_input(input, name)
    out = tuple(entry(input, output_size, True))
    return out if return_indices else out[0]


@nn_function("adaptive_max_pool2d")
def adaptive_max_pool2d(input, output_size, return_indices=False):
    """Max pooling to an ``output_size`` grid (``None`` keeps a dim).

    >>> import compat as torch
    >>> adaptive_max_pool2d(torch.arange(16.).view(1, 4, 4), 2)
    tensor([[[ 5.,  7.],
             [13., 15.]]])
    """
    return _adaptive_max(_adaptive_max_pool2d, "adaptive_max_pool2d", input, output_size,
                         return_indices)


@nn_function("adaptive_max_pool2d_with_indices")
def adaptive_max_pool2d_with_indices(input, output_size, return_indices=False):
    """:func:`adaptive_max_pool2d` returning ``(values, indices)``."""
    return _adaptive_max(_adaptive_max_pool2d, "adaptive_max_pool2d", input, output_size, True)


@nn_function("adaptive_max_pool3d")
def adaptive_max_pool3d(input, output_size, return_indices=False):
    """Max pooling to an ``output_size`` volume (``None`` keeps a dim).

    >>> import compat as torch
    >>> adaptive_max_pool3d(torch.arange(8.).view(1, 2, 2, 2), 1)
    tensor([[[[7.]]]])
    """
    return _adaptive_max(_adaptive_max_pool3d, "adaptive_max_pool3d", input, output_size,
                         return_indices)


@nn_function("adaptive_max_pool3d_with_indices")
def adaptive_max_pool3d_with_indices(input, output_size, return_indices=False):
    """:func:`adaptive_max_pool3d` returning ``(values, indices)``."""
    return _adaptive_max(_adaptive_max_pool3d, "adaptive_max_pool3d", input, output_size, True)


# ----------------------------------------------------------------------------- torch.* forms
@function("max_pool1d")
def _torch_max_pool1d(input, kernel_size, stride=(), padding=0, dilation=1, ceil_mode=False):
    """``torch.max_pool1d``: :func:`max_pool1d` without indices."""
    check_input(input, "max_pool1d")
    return max_pool1d(input, kernel_size, stride, padding, dilation, ceil_mode)


@function("max_pool1d_with_indices")
def _torch_max_pool1d_with_indices(input, kernel_size, stride=(), padding=0, dilation=1,
                                   ceil_mode=False):
    """``torch.max_pool1d_with_indices``: ``(values, indices)``."""
    return max_pool1d_with_indices(input, kernel_size, stride, padding, dilation, ceil_mode)


@function("max_pool2d")
def _torch_max_pool2d(input, kernel_size, stride=(), padding=0, dilation=1, ceil_mode=False):
    """``torch.max_pool2d``: 2-D max pooling without indices."""
    check_input(input, "max_pool2d")
    return _nn.max_pool2d(input, kernel_size, stride, padding, dilation, ceil_mode)


@function("max_pool3d")
def _torch_max_pool3d(input, kernel_size, stride=(), padding=0, dilation=1, ceil_mode=False):
    """``torch.max_pool3d``: 3-D max pooling without indices."""
    return max_pool3d(input, kernel_size, stride, padding, dilation, ceil_mode)


@function("avg_pool1d")
def _torch_avg_pool1d(input, kernel_size, stride=(), padding=0, ceil_mode=False,
                      count_include_pad=True):
    """``torch.avg_pool1d``."""
    check_input(input, "avg_pool1d")
    return _avg_pool1d(input, kernel_size, stride, padding, ceil_mode, count_include_pad)


@function("adaptive_avg_pool1d")
def _torch_adaptive_avg_pool1d(input, output_size):
    """``torch.adaptive_avg_pool1d``."""
    check_input(input, "adaptive_avg_pool1d")
    return _resampling.adaptive_avg_pool1d(input, output_size)


@function("adaptive_max_pool1d")
def _torch_adaptive_max_pool1d(input, output_size):
    """``torch.adaptive_max_pool1d``: ``(values, indices)``."""
    check_input(input, "adaptive_max_pool1d")
    return _adaptive_max_pool1d(input, output_size)


# ----------------------------------------------------------------------------- power average
def _lp_pool(input, norm_type, kernel_size, stride, ceil_mode, spatial):
    """torch's lp_pool: ``(sum over the window of x^p)^(1/p)``, from torch's ops as torch
    writes it (an average times the window's size; max pooling of ``|x|`` for ``p = ±inf``)."""
    if isinstance(norm_type, (int, float)) and abs(norm_type) == float("inf"):
        pool = {1: max_pool1d, 2: _nn.max_pool2d, 3: max_pool3d}[spatial]
        if norm_type > 0:
            return pool(input.abs(), kernel_size, stride, 0, 1, ceil_mode)
        return -pool(-input.abs(), kernel_size, stride, 0, 1, ceil_mode)
    pool = {1: avg_pool1d, 2: _nn.avg_pool2d, 3: avg_pool3d}[spatial]
    if stride is not None:
        out = pool(input.pow(norm_type), kernel_size, stride, 0, ceil_mode)
    else:
        out = pool(input.pow(norm_type), kernel_size, padding=0, ceil_mode=ceil_mode)
    if spatial == 1:
        size = kernel_size
    else:
        size = 1
        for k in _tuple_of(kernel_size, spatial):
            size *= k
    return (out.sign() * out.abs().relu()).mul(size).pow(1.0 / norm_type)


@nn_function("lp_pool1d")
def lp_pool1d(input, norm_type, kernel_size, stride=None, ceil_mode=False):
    """1-D power-average pooling: ``(Σ x^p)^(1/p)`` over each window.

    >>> import compat as torch
    >>> lp_pool1d(torch.tensor([[3., 4.]]), 2, 2)
    tensor([[5.]])
    """
    return _lp_pool(input, norm_type, kernel_size, stride, ceil_mode, 1)


@nn_function("lp_pool2d")
def lp_pool2d(input, norm_type, kernel_size, stride=None, ceil_mode=False):
    """2-D power-average pooling: ``(Σ x^p)^(1/p)`` over each window.

    >>> import compat as torch
    >>> lp_pool2d(torch.ones(1, 2, 2), 1, 2)
    tensor([[[4.]]])
    """
    return _lp_pool(input, norm_type, kernel_size, stride, ceil_mode, 2)


@nn_function("lp_pool3d")
def lp_pool3d(input, norm_type, kernel_size, stride=None, ceil_mode=False):
    """3-D power-average pooling: ``(Σ x^p)^(1/p)`` over each window.

    >>> import compat as torch
    >>> lp_pool3d(torch.ones(1, 2, 2, 2), 1, 2)
    tensor([[[[8.]]]])
    """
    return _lp_pool(input, norm_type, kernel_size, stride, ceil_mode, 3)


# ----------------------------------------------------------------------------- unpooling
def _tuple_of(value, n):
    return tuple(value) if isinstance(value, (tuple, list)) else (value,) * n


def unpool_output_size(input, kernel_size, stride, padding, output_size):
    """torch's ``_unpool_output_size``: the default size, or ``output_size`` checked against
    it (within one stride either way)."""
    default = [(input.shape[-len(kernel_size) + d] - 1) * stride[d] + kernel_size[d]
               - 2 * padding[d] for d in range(len(kernel_size))]
    if output_size is None:
        result = default
    else:
        if not isinstance(output_size, (tuple, list)):
            output_size = [output_size]
        if len(output_size) == len(kernel_size) + 2:
            output_size = output_size[2:]
        if len(output_size) != len(kernel_size):
            raise ValueError(f"output_size should be a sequence containing {len(kernel_size)} or "
                             f"{len(kernel_size) + 2} elements, but it has a length of "
                             f"'{len(output_size)}'")
        for d in range(len(kernel_size)):
            low, high = default[d] - stride[d], default[d] + stride[d]
            if not low < output_size[d] < high:
                raise ValueError(f'invalid output_size "{output_size}" (dim {d} must be between '
                                 f'{low} and {high})')
        result = output_size
    for d, size in enumerate(result):
        if size < 0:
            raise ValueError(f"max_unpooling: output_size must contain non-negative spatial "
                             f"dimensions, but got output_size[{d}]={size}")
    return result


def _check_unpool(input, indices, output_size):
    if indices._data.dtype != _jd.int64:
        raise RuntimeError(f"elements in indices should be type int64 but got: "
                           f"{_jd.torch_type_name(indices._data.dtype)}")
    if len(output_size) != 2:
        raise RuntimeError(f"There should be exactly two elements (height, width) in output_size,"
                           f" but got {len(output_size)} elements.")
    if input.ndim not in (3, 4):
        raise RuntimeError(f"Input to max_unpooling2d should be a 3d or 4d Tensor, but got a "
                           f"tensor with {input.ndim} dimensions.")
    if tuple(input.shape) != tuple(indices.shape):
        raise RuntimeError(f"Expected shape of indices to be same as that of the input tensor "
                           f"({list(input.shape)}) but got indices tensor with shape: "
                           f"{list(indices.shape)}")


def _check_unpool_indices(indices, size):
    """torch's check, on the values, that each index falls inside the output plane."""
    values = np.asarray(host_values.for_tensor(indices)).reshape(-1)
    bad = values[(values < 0) | (values >= size[0] * size[1])]
    if bad.size:
        raise RuntimeError(f"Found an invalid max index: {int(bad[0])} (output volumes are of "
                           f"size {size[0]}x{size[1]})")


@nn_function("max_unpool2d")
def max_unpool2d(input, indices, kernel_size, stride=None, padding=0, output_size=None):
    """The partial inverse of :func:`max_pool2d`: each value put back at its index in a zero
    plane of the pooled input's size.

    >>> import compat as torch
    >>> max_unpool2d(torch.tensor([[[4.]]]), torch.tensor([[[3]]]), 2)
    tensor([[[0., 0.],
             [0., 4.]]])
    """
    kernel = _tuple_of(kernel_size, 2)
    stride = kernel if stride is None else _tuple_of(stride, 2)
    size = unpool_output_size(input, kernel, stride, _tuple_of(padding, 2), output_size)
    _check_unpool(input, indices, size)
    _check_unpool_indices(indices, size)
    return _max_unpool2d(input, indices, tuple(size))


@nn_function("max_unpool1d")
def max_unpool1d(input, indices, kernel_size, stride=None, padding=0, output_size=None):
    """The partial inverse of :func:`max_pool1d`.

    >>> import compat as torch
    >>> max_unpool1d(torch.tensor([[4.]]), torch.tensor([[1]]), 2)
    tensor([[0., 4.]])
    """
    kernel = _tuple_of(kernel_size, 1)
    stride = kernel if stride is None else _tuple_of(stride, 1)
    size = unpool_output_size(input, kernel, stride, _tuple_of(padding, 1), output_size)
    size = tuple(size) + (1,)
    flat, flat_indices = input.unsqueeze(-1), indices.unsqueeze(-1)
    _check_unpool(flat, flat_indices, size)
    _check_unpool_indices(flat_indices, size)
    return _max_unpool2d(flat, flat_indices, size).squeeze(-1)


# ----------------------------------------------------------------------------- im2col
def _pair(value):
    return tuple(value) if isinstance(value, (tuple, list)) else (value, value)


@nn_function("unfold")
def unfold(input, kernel_size, dilation=1, padding=0, stride=1):
    """im2col: each sliding ``kernel_size`` block of ``(N, C, H, W)`` as a column of
    ``(N, C·kH·kW, L)``.

    >>> import compat as torch
    >>> unfold(torch.arange(4.).view(1, 1, 2, 2), 1)
    tensor([[[0., 1., 2., 3.]]])
    """
    check_input(input, "unfold")
    return _im2col(input, _pair(kernel_size), _pair(dilation), _pair(padding), _pair(stride))


@nn_function("fold")
def fold(input, output_size, kernel_size, dilation=1, padding=0, stride=1):
    """col2im, the adjoint of :func:`unfold`: columns of ``(N, C·kH·kW, L)`` summed back into
    ``(N, C, *output_size)``.

    >>> import compat as torch
    >>> fold(torch.ones(1, 4, 2), (2, 3), 2)
    tensor([[[[1., 2., 1.],
              [1., 2., 1.]]]])
    """
    check_input(input, "fold")
    return _col2im(input, _pair(output_size), _pair(kernel_size), _pair(dilation),
                   _pair(padding), _pair(stride))


# ----------------------------------------------------------------------------- normalisation
@nn_function("local_response_norm")
def local_response_norm(input, size, alpha=1e-4, beta=0.75, k=1.0):
    """Each value divided by ``(k + alpha · mean of the squares of ``size`` neighbouring
    channels)^beta``, from torch's ops as torch writes it.

    >>> import compat as torch
    >>> local_response_norm(torch.ones(1, 2, 1), 2, alpha=1., beta=1., k=1.)
    tensor([[[0.6667],
             [0.5000]]])
    """
    dim = input.dim()
    if dim < 3:
        raise ValueError(f"Expected 3D or higher dimensionality                          input "
                         f"(got {dim} dimensions)")
    if input.numel() == 0:
        return input
    div = input.mul(input)
    if dim == 3:
        div = div.unsqueeze(1)
        div = _nn.pad(div, (0, 0, size // 2, (size - 1) // 2))
        div = _nn.avg_pool2d(div, (size, 1), stride=1).squeeze(1)
    else:
        sizes = input.size()
        div = div.view(sizes[0], 1, sizes[1], sizes[2], -1)
        div = _nn.pad(div, (0, 0, 0, 0, size // 2, (size - 1) // 2))
        div = avg_pool3d(div, (size, 1, 1), stride=1).squeeze(1)
        div = div.view(sizes)
    div = div.mul(alpha).add(k).pow(beta)
    return input / div
