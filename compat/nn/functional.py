"""``torch.nn.functional``: layers, activations and losses as functions on Tensors.

Each function dispatches one op of ``jaxgrad.functional`` under torch's ``grad_fn`` name;
randomness (dropout) comes from the torch-identical generator, so masks equal torch's under
the same seed. Checks that need values (class-index bounds, BCE's input range) run here, on
the host, since the op table's are skipped while its ops are compiled.

>>> import compat as torch
>>> import compat.nn.functional as F
>>> x = torch.tensor([[1., -2.]], requires_grad=True)
>>> F.relu(x)
tensor([[1., 0.]], grad_fn=<ReluBackward0>)
>>> F.cross_entropy(x, torch.tensor([0]))
tensor(0.0486, grad_fn=<NllLossBackward0>)
"""
from __future__ import annotations

import warnings

import jax.numpy as jnp
import numpy as np

from jaxgrad import functional as JF

from ..autograd import grad_mode
from ..dispatch import call, dispatch
from ..random import _generator
from ..tensors import Tensor

__all__ = [
    "linear", "bilinear", "relu", "relu_", "leaky_relu", "leaky_relu_", "gelu", "tanh", "sigmoid",
    "silu", "elu", "softplus", "hardtanh", "relu6", "logsigmoid", "softmax", "log_softmax",
    "dropout", "embedding", "one_hot", "layer_norm", "batch_norm", "conv2d", "max_pool2d",
    "avg_pool2d", "mse_loss", "l1_loss", "smooth_l1_loss", "huber_loss", "cross_entropy",
    "nll_loss", "binary_cross_entropy", "binary_cross_entropy_with_logits", "kl_div",
    "normalize", "pad",
]


def _as_tensor(x):
    if isinstance(x, Tensor):
        return x
    from ..creation import as_tensor
    return as_tensor(x)


# ----------------------------------------------------------------------------- reductions
def _legacy_reduction(size_average, reduce, emit_warning=True) -> str:
    """torch's ``_Reduction.legacy_get_string``: the reduction named by the legacy pair."""
    size_average = True if size_average is None else size_average
    reduce = True if reduce is None else reduce
    ret = "none" if not reduce else "mean" if size_average else "sum"
    if emit_warning:
        warnings.warn(f"size_average and reduce args will be deprecated, please use "
                      f"reduction='{ret}' instead.", UserWarning, stacklevel=4)
    return ret


def _reduction(reduction, size_average=None, reduce=None) -> str:
    if size_average is not None or reduce is not None:
        return _legacy_reduction(size_average, reduce)
    return reduction


# ----------------------------------------------------------------------------- linear
def linear(input, weight, bias=None):
    """``input @ weight.T + bias`` (torch's grad_fn names: AddmmBackward0 for a matrix input).

    >>> import compat as torch
    >>> linear(torch.ones(1, 2), torch.ones(3, 2))
    tensor([[2., 2., 2.]])
    """
    nd = input.ndim if isinstance(input, Tensor) else 0
    if bias is None:
        name = "MmBackward0" if nd == 2 else "SqueezeBackward4" if nd == 1 else "UnsafeViewBackward0"
        return dispatch(JF.linear, name, (input, weight))
    name = "AddmmBackward0" if nd == 2 else "ViewBackward0" if nd in (1, 3) else "AddBackward0"
    return dispatch(JF.linear, name, (input, weight, bias))


def bilinear(input1, input2, weight, bias=None):
    """``x1ᵀ W x2 + b`` per output feature."""
    args = (input1, input2, weight) if bias is None else (input1, input2, weight, bias)
    return dispatch(JF.bilinear, "ViewBackward0", args)


# ----------------------------------------------------------------------------- activations
def _inplace_or(input, inplace, fn, name, kwargs=None):
    kwargs = kwargs or {}
    if inplace:
        return input._inplace(fn, name, (input,), kwargs)
    return dispatch(fn, name, (input,), kwargs)


def relu(input, inplace=False):
    """max(x, 0); the gradient at 0 is 0."""
    return _inplace_or(input, inplace, JF.relu, "ReluBackward0")


def relu_(input):
    return relu(input, inplace=True)


def leaky_relu(input, negative_slope=0.01, inplace=False):
    return _inplace_or(input, inplace, JF.leaky_relu, "LeakyReluBackward0",
                       {"negative_slope": negative_slope} if negative_slope != 0.01 else None)


def leaky_relu_(input, negative_slope=0.01):
    return leaky_relu(input, negative_slope, True)


def gelu(input, approximate="none"):
    """Exact (erf) GELU by default, ``approximate='tanh'`` for the tanh form."""
    return dispatch(JF.gelu, "GeluBackward0", (input,),
                    {"approximate": approximate} if approximate != "none" else {})


def tanh(input):
    return dispatch(JF.tanh, "TanhBackward0", (input,))


def sigmoid(input):
    return dispatch(JF.sigmoid, "SigmoidBackward0", (input,))


def silu(input, inplace=False):
    return _inplace_or(input, inplace, JF.silu, "SiluBackward0")


def elu(input, alpha=1.0, inplace=False):
    return _inplace_or(input, inplace, JF.elu, "EluBackward0",
                       {"alpha": alpha} if alpha != 1.0 else None)


def softplus(input, beta=1.0, threshold=20.0):
    return dispatch(JF.softplus, "SoftplusBackward0", (input,),
                    {"beta": beta, "threshold": threshold})


def hardtanh(input, min_val=-1.0, max_val=1.0, inplace=False):
    return _inplace_or(input, inplace, JF.hardtanh, "HardtanhBackward0",
                       {"min_val": min_val, "max_val": max_val})


def relu6(input, inplace=False):
    return hardtanh(input, 0.0, 6.0, inplace)


def logsigmoid(input):
    return dispatch(JF.logsigmoid, "LogSigmoidBackward0", (input,))


def _softmax_dim(name, ndim, stacklevel):
    warnings.warn(f"Implicit dimension choice for {name} has been deprecated. Change the call to "
                  "include dim=X as an argument.", UserWarning, stacklevel=stacklevel)
    return JF.implicit_softmax_dim(ndim)


def softmax(input, dim=None, _stacklevel=3, dtype=None):
    """Softmax along ``dim`` (torch's deprecated implicit choice when it is omitted)."""
    if dim is None:
        dim = _softmax_dim("softmax", input.ndim, _stacklevel)
    return dispatch(JF.softmax, "SoftmaxBackward0", (input,),
                    {"dim": dim, "dtype": None if dtype is None else dtype.np})


def log_softmax(input, dim=None, _stacklevel=3, dtype=None):
    if dim is None:
        dim = _softmax_dim("log_softmax", input.ndim, _stacklevel)
    return dispatch(JF.log_softmax, "LogSoftmaxBackward0", (input,),
                    {"dim": dim, "dtype": None if dtype is None else dtype.np})


# ----------------------------------------------------------------------------- dropout
def _dropout_noise(input, p):
    """torch's CPU dropout noise: ``bernoulli_(1 - p)`` on the default generator, divided by
    ``1 - p`` in the input's dtype."""
    dtype = np.dtype(input._data.dtype)
    keep = _generator(None).bernoulli(1.0 - p, tuple(input.shape), dtype=dtype)
    return Tensor._make(jnp.asarray(keep / dtype.type(1.0 - p)))


def dropout(input, p=0.5, training=True, inplace=False):
    """Zero each element with probability ``p`` and scale the rest by ``1/(1-p)``; the mask is
    torch's, draw for draw.

    >>> import compat as torch
    >>> _ = torch.manual_seed(0)
    >>> dropout(torch.ones(4), 0.5)
    tensor([0., 0., 2., 0.])
    """
    if p < 0.0 or p > 1.0:
        raise ValueError(f"dropout probability has to be between 0 and 1, but got {p}")
    if not training or p == 0.0 or input.numel() == 0:
        return input
    if p == 1.0:
        noise = Tensor._make(jnp.zeros((), input._data.dtype))
    else:
        noise = _dropout_noise(input, p)
    if inplace:
        return input._inplace(JF.mul, "MulBackward0", (input, noise))
    return dispatch(JF.mul, "MulBackward0", (input, noise))


# ----------------------------------------------------------------------------- embedding
def _check_index_bounds(indices, num):
    values = np.asarray(indices._value)
    if values.size and ((values < 0) | (values >= num)).any():
        raise IndexError("index out of range in self")


def embedding(input, weight, padding_idx=None, max_norm=None, norm_type=2.0,
              scale_grad_by_freq=False, sparse=False):
    """Rows of ``weight`` looked up by the integer tensor ``input``; ``padding_idx``'s row gets
    no gradient; ``max_norm`` renormalises the looked-up rows of ``weight`` in place first."""
    num = weight.shape[0]
    if padding_idx is not None:
        if padding_idx > 0:
            if padding_idx >= num:
                raise AssertionError("Padding_idx must be within num_embeddings")
        elif padding_idx < 0:
            if padding_idx < -num:
                raise AssertionError("Padding_idx must be within num_embeddings")
            padding_idx = num + padding_idx
    if input.dtype.is_floating_point or input.dtype.name in ("bool", "uint8", "int8", "int16"):
        dispatch(JF.embedding, "EmbeddingBackward0", (input, weight))  # torch's dtype error
    _check_index_bounds(input, num)
    if max_norm is not None:
        with grad_mode.no_grad():
            weight._set_data(call(JF.embedding_renorm, (weight._value, input._value),
                                  {"max_norm": float(max_norm), "norm_type": float(norm_type)}))
    kwargs = {}
    if padding_idx is not None:
        kwargs["padding_idx"] = padding_idx
    if scale_grad_by_freq:
        kwargs["scale_grad_by_freq"] = True
    return dispatch(JF.embedding, "EmbeddingBackward0", (input, weight), kwargs)


def one_hot(tensor, num_classes=-1):
    """Class indices as int64 one-hot vectors (``num_classes=-1``: max + 1)."""
    if tensor.dtype.name != "int64":
        raise RuntimeError("one_hot is only applicable to index tensor of type LongTensor.")
    values = np.asarray(tensor._value)
    if values.size and values.min() < 0:
        raise RuntimeError("Class values must be non-negative.")
    if num_classes == -1:
        num_classes = int(values.max()) + 1 if values.size else 0
    elif values.size and values.max() >= num_classes:
        raise RuntimeError("Class values must be smaller than num_classes.")
    return dispatch(JF.one_hot, "", (tensor,), {"num_classes": int(num_classes)})


# ----------------------------------------------------------------------------- normalisation
def layer_norm(input, normalized_shape, weight=None, bias=None, eps=1e-5):
    """Normalise over the trailing ``normalized_shape`` dims, then scale and shift."""
    shape = (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)
    return dispatch(_layer_norm_op, "NativeLayerNormBackward0", (input, weight, bias),
                    {"normalized_shape": shape, "eps": eps})


def _layer_norm_op(x, weight, bias, normalized_shape, eps):
    return JF.layer_norm(x, normalized_shape, weight, bias, eps)


def _batch_norm_stats_op(x, running_mean, running_var, weight, bias, momentum, eps):
    return JF.batch_norm(x, running_mean, running_var, weight, bias, True, momentum, eps)


def _batch_norm_op(x, running_mean, running_var, weight, bias, training, eps):
    return JF.batch_norm(x, running_mean, running_var, weight, bias, training, 0.0, eps)[0]


def batch_norm(input, running_mean, running_var, weight=None, bias=None, training=False,
               momentum=0.1, eps=1e-5):
    """Batch normalisation over dim 1; in training, ``running_mean``/``running_var`` (when
    given) move toward the batch statistics in place, as torch."""
    if input.ndim > 1:
        size = int(np.prod(input.shape)) // input.shape[1]
        if training and size == 1:
            raise ValueError("Expected more than 1 value per channel when training, got input size "
                             f"{input.shape}")
    if training and (running_mean is not None or running_var is not None):
        out, new_mean, new_var = dispatch(
            _batch_norm_stats_op, "NativeBatchNormBackward0",
            (input, running_mean, running_var, weight, bias, momentum), {"eps": eps})
        with grad_mode.no_grad():
            if running_mean is not None:
                running_mean._set_data(new_mean._data)
            if running_var is not None:
                running_var._set_data(new_var._data)
        return out
    return dispatch(_batch_norm_op, "NativeBatchNormBackward0",
                    (input, running_mean, running_var, weight, bias),
                    {"training": bool(training or running_mean is None), "eps": eps})


def normalize(input, p=2.0, dim=1, eps=1e-12):
    """``input / max(‖input‖_p, eps)`` along ``dim``."""
    denom = input.norm(p, dim, keepdim=True).clamp_min(eps).expand_as(input)
    return input / denom


# ----------------------------------------------------------------------------- conv / pool
def _hashable(v):
    return tuple(v) if isinstance(v, list) else v


def conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    """2-D convolution (NCHW input, OIHW weight)."""
    kwargs = {"stride": _hashable(stride), "padding": _hashable(padding),
              "dilation": _hashable(dilation), "groups": groups}
    args = (input, weight) if bias is None else (input, weight, bias)
    return dispatch(_conv2d_op, "ConvolutionBackward0", args, kwargs)


def _conv2d_op(x, w, b=None, *, stride, padding, dilation, groups):
    return JF.conv2d(x, w, b, stride, padding, dilation, groups)


def max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False,
               return_indices=False):
    """2-D max pooling; ``return_indices`` also returns each maximum's flat index."""
    kwargs = {"kernel_size": _hashable(kernel_size), "stride": _hashable(stride),
              "padding": _hashable(padding), "dilation": _hashable(dilation),
              "ceil_mode": bool(ceil_mode), "return_indices": bool(return_indices)}
    out = dispatch(JF.max_pool2d, "MaxPool2DWithIndicesBackward0", (input,), kwargs)
    return tuple(out) if return_indices else out


max_pool2d_with_indices = max_pool2d


def avg_pool2d(input, kernel_size, stride=None, padding=0, ceil_mode=False,
               count_include_pad=True, divisor_override=None):
    kwargs = {"kernel_size": _hashable(kernel_size), "stride": _hashable(stride),
              "padding": _hashable(padding), "ceil_mode": bool(ceil_mode),
              "count_include_pad": bool(count_include_pad), "divisor_override": divisor_override}
    return dispatch(JF.avg_pool2d, "AvgPool2DBackward0", (input,), kwargs)


def pad(input, pad, mode="constant", value=None):
    """Pad the last ``len(pad) // 2`` dims (``(left, right, top, bottom, …)``)."""
    if len(pad) % 2:
        raise RuntimeError("Padding length must be divisible by 2")
    if len(pad) // 2 > input.ndim:
        raise RuntimeError("Padding length should be less than or equal to two times the input "
                           "dimension but got padding length "
                           f"{len(pad)} and input of dimension {input.ndim}")
    if mode not in ("constant", "reflect", "replicate", "circular"):
        raise NotImplementedError(f"Unrecognised padding mode {mode}")
    dims = len(pad) // 2
    name = "ConstantPadNdBackward0" if mode == "constant" else \
        {"reflect": f"ReflectionPad{dims}DBackward0", "replicate": f"ReplicationPad{dims}DBackward0",
         "circular": "CopySlices"}[mode]
    return dispatch(JF.pad, name, (input,),
                    {"pad": tuple(int(p) for p in pad), "mode": mode,
                     "value": 0.0 if value is None else float(value)})


# ----------------------------------------------------------------------------- losses
def _warn_size(input, target, stacklevel=3):
    if tuple(input.shape) != tuple(target.shape):
        warnings.warn(f"Using a target size ({target.shape}) that is different to the input size "
                      f"({input.shape}). This will likely lead to incorrect results due to "
                      "broadcasting. Please ensure they have the same size.", UserWarning,
                      stacklevel=stacklevel)
        return True
    return False


def _pointwise_loss(fn, name, input, target, kwargs, weight=None):
    target = _as_tensor(target)
    args = (input, target) if weight is None else (input, target, weight)
    if _warn_size(input, target, stacklevel=4):
        # The op table warns too, once, while it compiles: this call already said it.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return dispatch(fn, name, args, kwargs)
    return dispatch(fn, name, args, kwargs)


def _mse_op(x, y, weight=None, *, reduction):
    return JF.mse_loss(x, y, reduction=reduction, weight=weight)


def _l1_op(x, y, weight=None, *, reduction):
    return JF.l1_loss(x, y, reduction=reduction, weight=weight)


def _huber_op(x, y, weight=None, *, reduction, delta):
    return JF.huber_loss(x, y, reduction=reduction, delta=delta, weight=weight)


def _smooth_l1_op(x, y, *, reduction, beta):
    return JF.smooth_l1_loss(x, y, reduction=reduction, beta=beta)


def mse_loss(input, target, size_average=None, reduce=None, reduction="mean", weight=None):
    """Mean squared error, reduced by ``reduction`` ('mean', 'sum' or 'none')."""
    reduction = _reduction(reduction, size_average, reduce)
    return _pointwise_loss(_mse_op, "MseLossBackward0", input, target,
                           {"reduction": reduction}, weight)


def l1_loss(input, target, size_average=None, reduce=None, reduction="mean", weight=None):
    """Mean absolute error."""
    reduction = _reduction(reduction, size_average, reduce)
    name = {"mean": "MeanBackward0", "sum": "SumBackward0"}.get(reduction, "AbsBackward0")
    return _pointwise_loss(_l1_op, name, input, target, {"reduction": reduction}, weight)


def smooth_l1_loss(input, target, size_average=None, reduce=None, reduction="mean", beta=1.0):
    reduction = _reduction(reduction, size_average, reduce)
    return _pointwise_loss(_smooth_l1_op, "SmoothL1LossBackward0", input, target,
                           {"reduction": reduction, "beta": float(beta)})


def huber_loss(input, target, reduction="mean", delta=1.0, weight=None):
    """Quadratic below ``delta``, linear above."""
    return _pointwise_loss(_huber_op, "HuberLossBackward0", input, target,
                           {"reduction": reduction, "delta": float(delta)}, weight)


def _check_targets(input, target, ignore_index):
    """torch's ``Target k is out of bounds.`` (the op table cannot see values once compiled)."""
    if target.dtype.name not in ("int64", "uint8") or target.shape == input.shape:
        return
    n_classes = input.shape[0 if input.ndim == 1 else 1] if input.ndim else 0
    values = np.asarray(target._value)
    bad = values[(values != ignore_index) & ((values < 0) | (values >= n_classes))]
    if bad.size:
        raise IndexError(f"Target {int(bad.flat[0])} is out of bounds.")


def _nll_op(x, t, weight=None, *, ignore_index, reduction):
    return JF.nll_loss(x, t, weight, ignore_index=ignore_index, reduction=reduction)


def _cross_entropy_op(x, t, weight=None, *, ignore_index, reduction, label_smoothing):
    return JF.cross_entropy(x, t, weight, ignore_index=ignore_index, reduction=reduction,
                            label_smoothing=label_smoothing)


def _nll_name(input):
    return "NllLoss2DBackward0" if input.ndim == 4 else "NllLossBackward0"


def nll_loss(input, target, weight=None, size_average=None, ignore_index=-100, reduce=None,
             reduction="mean"):
    """Negative log-likelihood of class indices ``target`` under log-probabilities ``input``."""
    reduction = _reduction(reduction, size_average, reduce)
    target = _as_tensor(target)
    _check_targets(input, target, ignore_index)
    args = (input, target) if weight is None else (input, target, weight)
    return dispatch(_nll_op, _nll_name(input), args,
                    {"ignore_index": int(ignore_index), "reduction": reduction})


def cross_entropy(input, target, weight=None, size_average=None, ignore_index=-100, reduce=None,
                  reduction="mean", label_smoothing=0.0):
    """Cross entropy of logits ``input`` against class indices or class probabilities, with
    optional class ``weight``, ``ignore_index`` and ``label_smoothing``.

    >>> import compat as torch
    >>> cross_entropy(torch.zeros(2, 4), torch.tensor([0, 3]))
    tensor(1.3863)
    """
    reduction = _reduction(reduction, size_average, reduce)
    target = _as_tensor(target)
    _check_targets(input, target, ignore_index)
    probs = tuple(target.shape) == tuple(input.shape)
    if probs:
        name = "DivBackward1" if reduction == "mean" else "NegBackward0"
    else:
        name = _nll_name(input) if label_smoothing == 0.0 else "AddBackward0"
    args = (input, target) if weight is None else (input, target, weight)
    return dispatch(_cross_entropy_op, name, args,
                    {"ignore_index": int(ignore_index), "reduction": reduction,
                     "label_smoothing": float(label_smoothing)})


def _bce_op(x, y, weight=None, *, reduction):
    return JF.binary_cross_entropy(x, y, weight, reduction=reduction)


def _bce_logits_op(x, y, weight=None, pos_weight=None, *, reduction):
    return JF.binary_cross_entropy_with_logits(x, y, weight, reduction=reduction,
                                               pos_weight=pos_weight)


def binary_cross_entropy(input, target, weight=None, size_average=None, reduce=None,
                         reduction="mean"):
    """Binary cross entropy of probabilities ``input`` (each log clamped at -100, as torch)."""
    reduction = _reduction(reduction, size_average, reduce)
    target = _as_tensor(target)
    if tuple(target.shape) == tuple(input.shape) and target.dtype is input.dtype:
        values = np.asarray(input._value)
        if values.size and not ((values >= 0) & (values <= 1)).all():
            raise RuntimeError("all elements of input should be between 0 and 1")
    args = (input, target) if weight is None else (input, target, weight)
    return dispatch(_bce_op, "BinaryCrossEntropyBackward0", args, {"reduction": reduction})


def binary_cross_entropy_with_logits(input, target, weight=None, size_average=None, reduce=None,
                                     reduction="mean", pos_weight=None):
    """Sigmoid + binary cross entropy, computed stably; ``pos_weight`` scales positives."""
    reduction = _reduction(reduction, size_average, reduce)
    target = _as_tensor(target)
    return dispatch(_bce_logits_op, "BinaryCrossEntropyWithLogitsBackward0",
                    (input, target, weight, pos_weight), {"reduction": reduction})


def _kl_div_op(x, y, *, reduction, log_target):
    return JF.kl_div(x, y, reduction=reduction, log_target=log_target)


def kl_div(input, target, size_average=None, reduce=None, reduction="mean", log_target=False):
    """KL divergence with ``input`` as log-probabilities."""
    if size_average is not None or reduce is not None:
        reduction = _legacy_reduction(size_average, reduce)
    elif reduction == "mean":
        warnings.warn("reduction: 'mean' divides the total loss by both the batch size and the "
                      "support size.'batchmean' divides only by the batch size, and aligns with "
                      "the KL div math definition.'mean' will be changed to behave the same as "
                      "'batchmean' in the next major release.", UserWarning, stacklevel=2)
    name = {"batchmean": "DivBackward0", "mean": "MeanBackward0",
            "sum": "SumBackward0"}.get(reduction, "SubBackward0")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return dispatch(_kl_div_op, name, (input, _as_tensor(target)),
                        {"reduction": reduction, "log_target": bool(log_target)})
