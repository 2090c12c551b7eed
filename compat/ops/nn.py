"""Op-table entries of ``torch.nn.functional``: layers, activations, losses.

Randomness (dropout) comes from the torch-identical generator, so masks equal torch's under
the same seed. Checks that need values (class-index bounds, BCE's input range) run on the
host, since the table's trace-time checks cannot see values once an op is compiled.

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

import jax
import jax.numpy as jnp
import numpy as np

from jaxgrad import functional as JF
from jaxgrad.functional import convolution as _convolution
from jaxgrad.functional import layers as _layers
from jaxgrad.functional import losses as _losses

from .. import creation
from .. import views
from .. import grad_mode
from .. import host_values
from .. import strides as layouts
from ..dispatch import argument_type_error, call, run
from ..graph import node_class
from ..random import _generator
from ..tensors import Tensor
from .arithmetic import BINARY, UNARY
from .reductions import implicit_dim
from .registry import check_input, nn_function, op


def _as_tensor(x):
    return x if isinstance(x, Tensor) else creation.as_tensor(x)


# ----------------------------------------------------------------------------- reductions
def _legacy_reduction(size_average, reduce, emit_warning=True) -> str:
    """torch's ``_Reduction.legacy_get_string``: the reduction the legacy pair names (the loss
    modules resolve it once, when made)."""
    if not emit_warning:
        size_average = True if size_average is None else size_average
        reduce = True if reduce is None else reduce
        return "none" if not reduce else "mean" if size_average else "sum"
    return _losses.reduction_of("mean", size_average, reduce, stacklevel=5)


def _reduction(reduction, size_average=None, reduce=None) -> str:
    # On the host, on every call: the compiled loss would warn only when it is traced.
    if size_average is not None or reduce is not None:
        return _losses.reduction_of(reduction, size_average, reduce, stacklevel=4)
    return reduction


# ----------------------------------------------------------------------------- linear
def _linear_name(input, weight, bias):
    nd = input.ndim if isinstance(input, Tensor) else 0
    if bias is None:
        return "MmBackward0" if nd == 2 else "SqueezeBackward4" if nd == 1 else "UnsafeViewBackward0"
    return "AddmmBackward0" if nd == 2 else "ViewBackward0" if nd in (1, 3) else "AddBackward0"


_linear = op("linear(self, weight, bias=None)", JF.linear, _linear_name,
             traced=("self", "weight", "bias"), method=False, function=False)


def _transpose_backward(saved, grads, create_graph):
    """TBackward0's gradient: its output's gradient transposed back."""
    return (None if grads[0] is None else grads[0].t(),)


class _AsAddmm:
    """The backward of a fused 2-D linear whose node has torch's inputs (see
    :func:`_as_torchs_graph`): the fused gradients, reordered, the weight's as ``weight.t()``'s."""

    __slots__ = ("backward", "order")

    def __init__(self, backward, order):
        self.backward, self.order = backward, order

    def __call__(self, saved, grads, create_graph):
        found = list(self.backward(saved, grads, create_graph))
        if found[1] is not None:
            found[1] = found[1].t()
        return tuple(found[i] for i in self.order)


def _as_torchs_graph(out, bias):
    """``out`` of the fused linear with its node's inputs as torch's ``addmm(bias, input,
    weight.t())`` (``mm(input, weight.t())`` without a bias): the bias first, the weight through
    a ``TBackward0`` node. One fused op computes it (a separate transpose op would cost a
    copy of the weight each step)."""
    node = out._grad_fn
    if node is None:
        return out
    edges = node.next_functions
    weight_edge = edges[1]
    if weight_edge[0] is not None:
        weight_edge = (node_class("TBackward0")((weight_edge,), _transpose_backward, (), False), 0)
    if bias is None:
        node.next_functions = (edges[0], weight_edge)
        node._backward = _AsAddmm(node._backward, (0, 1))
    else:
        node.next_functions = (edges[2], edges[0], weight_edge)
        node._backward = _AsAddmm(node._backward, (2, 0, 1))
    return out


@nn_function("linear")
def linear(input, weight, bias=None):
    """``input @ weight.T + bias``. Where a graph is recorded it is torch's, which builds
    linear from other ops: ``addmm(bias, input, weight.t())`` (``AddmmBackward0`` over the
    bias, the input and ``TBackward0``; one fused op here, see :func:`_as_torchs_graph`), a
    contiguous input of another rank flattened to 2-D by views around it, and otherwise
    ``matmul(input, weight.t())`` (+ ``bias``). Without a graph one fused op computes it.

    >>> import compat as torch
    >>> layer = torch.nn.Linear(2, 1)
    >>> layer(torch.ones(3, 2)).grad_fn.next_functions[2][0].name()
    'TBackward0'
    """
    for param, position, value in (("input", 1, input), ("weight", 2, weight), ("bias", 3, bias)):
        if not isinstance(value, Tensor) and not (value is None and param == "bias"):
            raise argument_type_error("linear", param, position, value)
    if not (input.dim() and weight.dim()):
        return _linear(input, weight, bias)  # torch's rank error
    graph = grad_mode.STATE.enabled and (input.requires_grad or weight.requires_grad or
                                         (bias is not None and bias.requires_grad))
    if not graph or (input.dim() == 2 and weight.dim() == 2):
        try:
            out = _linear(input, weight, bias)
        except (RuntimeError, TypeError, ValueError):
            pass  # the error is the failing op's, below: torch's linear is made of them
        else:
            return _as_torchs_graph(out, bias) if graph else out
    weight_t = weight.t()
    if bias is None:
        return input.matmul(weight_t)
    if input.dim() == 2:
        return bias.addmm(input, weight_t)
    if input.is_contiguous() and weight.dim() == 2:
        flat = bias.addmm(input.view(-1, input.shape[-1]), weight_t)
        return flat.view(*input.shape[:-1], flat.shape[-1])
    return input.matmul(weight_t) + bias


bilinear = op("bilinear(self, input2, weight, bias=None)", JF.bilinear, "ViewBackward0",
              traced=("self", "input2", "weight", "bias"), fn_names={"self": "input1"},
              method=False, function=False, nn=True)

# ----------------------------------------------------------------------------- activations
# relu, tanh and sigmoid are Tensor methods too: their entries are in compat.ops.arithmetic.
_ACTIVATION = dict(method=False, function=False, nn=True)
_IN_PLACE_ACTIVATION = dict(method=False, function=False, nn="inplace")
leaky_relu = op("leaky_relu(self, negative_slope=0.01)", JF.leaky_relu, "LeakyReluBackward0",
                **_IN_PLACE_ACTIVATION, pointwise=True)
gelu = op("gelu(self, approximate='none')", JF.gelu, "GeluBackward0", **_ACTIVATION, pointwise=True)
silu = op("silu(self)", JF.silu, "SiluBackward0", **_IN_PLACE_ACTIVATION, pointwise=True)
elu = op("elu(self, alpha=1.0)", JF.elu, "EluBackward0", method=False, function=False,
         pointwise=True)
# torch's in-place elu (and selu, an elu) has a node of its own (``EluBackward1``)
_elu_in_place = op("elu.inplace(self, alpha=1.0)", JF.elu, "EluBackward1", method=False,
                   function=False, pointwise=True)
softplus = op("softplus(self, beta=1.0, threshold=20.0)", JF.softplus, "SoftplusBackward0",
              **_ACTIVATION, pointwise=True)
hardtanh = op("hardtanh(self, min_val=-1.0, max_val=1.0)", JF.hardtanh, "HardtanhBackward0",
              **_IN_PLACE_ACTIVATION, pointwise=True)
selu = op("selu(self)", JF.selu, "EluBackward0", method=False, pointwise=True)
_selu_in_place = op("selu.inplace(self)", JF.selu, "EluBackward1", method=False, function=False,
                    pointwise=True)
mish = op("mish(self)", JF.mish, "MishBackward0", **_IN_PLACE_ACTIVATION, pointwise=True)
prelu = op("prelu(self, weight)", JF.prelu, "PreluKernelBackward0", traced=("self", "weight"),
           tensors_only=("weight",), **_ACTIVATION, pointwise=True)
logsigmoid = op("logsigmoid(self)", JF.logsigmoid, "LogSigmoidBackward0", **_ACTIVATION)
_celu = op("celu(self, alpha=1.0)", JF.celu, "CeluBackward0", method=False, function=False,
           pointwise=True)
# torch's in-place overloads of these have nodes of their own (``CeluBackward1``)
_celu_in_place = op("celu.inplace(self, alpha)", JF.celu, "CeluBackward1", method=False,
                    function=False, pointwise=True)
_threshold = op("threshold(self, threshold, value)", JF.threshold, "ThresholdBackward0",
               method=False, function=False, pointwise=True)
_threshold_in_place = op("threshold.inplace(self, threshold, value)", JF.threshold,
                         "ThresholdBackward1", method=False, function=False, pointwise=True)
hardshrink = op("hardshrink(self, lambd=0.5)", JF.hardshrink, "HardshrinkBackward0",
                **_ACTIVATION, pointwise=True)
softshrink = op("softshrink(self, lambd=0.5)", JF.softshrink, "SoftshrinkBackward0",
                **_ACTIVATION, pointwise=True)
hardsigmoid = op("hardsigmoid(self)", JF.hardsigmoid, "HardsigmoidBackward0",
                 **_IN_PLACE_ACTIVATION, pointwise=True)
hardswish = op("hardswish(self)", JF.hardswish, "HardswishBackward0", **_IN_PLACE_ACTIVATION,
               pointwise=True)
_glu = op("glu(self, dim=-1)", JF.glu, "GluBackward0", method=False, function=False)
_softmax = op("softmax.nn(self, dim, dtype)", JF.softmax, "SoftmaxBackward0", method=False,
              function=False)
_log_softmax = op("log_softmax.nn(self, dim, dtype)", JF.log_softmax, "LogSoftmaxBackward0",
                  method=False, function=False)


def _in_place_or_not(name, entry, in_place, input, inplace, *args):
    if inplace:
        check_input(input, name + "_")
        return views.inplace(in_place.spec, (input, *args))
    check_input(input, name)
    return entry(input, *args)


@nn_function("elu")
def elu_function(input, alpha=1.0, inplace=False):
    """``alpha * (exp(x) - 1)`` where ``x <= 0``, ``x`` elsewhere.

    >>> import compat as torch
    >>> elu_function(torch.tensor([-1., 2.]))
    tensor([-0.6321,  2.0000])
    """
    return _in_place_or_not("elu", elu, _elu_in_place, input, inplace, alpha)


@nn_function("elu_")
def elu_(input, alpha=1.0):
    """In-place :func:`elu`."""
    return _in_place_or_not("elu", elu, _elu_in_place, input, True, alpha)


@nn_function("selu")
def selu_function(input, inplace=False):
    """torch's self-normalising ``scale * elu(x, alpha)``.

    >>> import compat as torch
    >>> selu_function(torch.tensor([1.]))
    tensor([1.0507])
    """
    return _in_place_or_not("selu", selu, _selu_in_place, input, inplace)


@nn_function("selu_")
def selu_(input):
    """In-place :func:`selu`."""
    return _in_place_or_not("selu", selu, _selu_in_place, input, True)


@nn_function("hardtanh_")
def hardtanh_(input, min_val=-1.0, max_val=1.0):
    """In-place :func:`hardtanh`."""
    check_input(input, "hardtanh_")
    return views.inplace(hardtanh.spec, (input, min_val, max_val))


@nn_function("relu_")
def relu_(input):
    """In-place :func:`relu`."""
    return views.inplace(UNARY["relu"].spec, (input,))


@nn_function("leaky_relu_")
def leaky_relu_(input, negative_slope=0.01):
    """In-place :func:`leaky_relu`."""
    return views.inplace(leaky_relu.spec, (input, negative_slope))


@nn_function("celu")
def celu(input, alpha=1.0, inplace=False):
    """``alpha * (exp(x / alpha) - 1)`` where ``x <= 0``, ``x`` elsewhere.

    >>> import compat as torch
    >>> celu(torch.tensor([-1., 2.], requires_grad=True), 2.)
    tensor([-0.7869,  2.0000], grad_fn=<CeluBackward0>)
    """
    check_input(input, "celu_" if inplace else "celu")
    if inplace:
        return views.inplace(_celu_in_place.spec, (input, alpha))
    return _celu(input, alpha)


@nn_function("celu_")
def celu_(input, alpha=1.0):
    """In-place :func:`celu`."""
    check_input(input, "celu_")
    return views.inplace(_celu_in_place.spec, (input, alpha))


@nn_function("threshold")
def threshold(input, threshold, value, inplace=False):
    """``value`` where ``input <= threshold``, ``input`` elsewhere.

    >>> import compat as torch
    >>> threshold(torch.tensor([-1., 2.], requires_grad=True), 0., 5.)
    tensor([5., 2.], grad_fn=<ThresholdBackward0>)
    """
    check_input(input, "threshold_" if inplace else "threshold")
    if inplace:
        return views.inplace(_threshold_in_place.spec, (input, threshold, value))
    return _threshold(input, threshold, value)


@nn_function("threshold_")
def threshold_(input, threshold, value):
    """In-place :func:`threshold`."""
    check_input(input, "threshold_")
    return views.inplace(_threshold_in_place.spec, (input, threshold, value))


@nn_function("glu")
def glu(input, dim=-1):
    """The first half of ``input`` along ``dim`` times the sigmoid of the second half.

    >>> import compat as torch
    >>> glu(torch.tensor([1., 0.], requires_grad=True))
    tensor([0.5000], grad_fn=<GluBackward0>)
    """
    input.dim()  # torch reads it first: a non-Tensor fails here, with torch's AttributeError
    return _glu(input, dim)


@nn_function("softsign")
def softsign(input):
    """``input / (|input| + 1)``, built from torch's ops as torch builds it.

    >>> import compat as torch
    >>> softsign(torch.tensor([-1., 3.], requires_grad=True))
    tensor([-0.5000,  0.7500], grad_fn=<DivBackward0>)
    """
    return input / (input.abs() + 1)


@nn_function("tanhshrink")
def tanhshrink(input):
    """``input - tanh(input)``, built from torch's ops as torch builds it.

    >>> import compat as torch
    >>> tanhshrink(torch.tensor([0., 1.], requires_grad=True))
    tensor([0.0000, 0.2384], grad_fn=<SubBackward0>)
    """
    return input - input.tanh()


@nn_function("softmin")
def softmin(input, dim=None, _stacklevel=3, dtype=None):
    """``softmax(-input)`` along ``dim`` (torch's deprecated implicit choice when it is
    omitted).

    >>> import compat as torch
    >>> softmin(torch.tensor([0., 1.]), 0)
    tensor([0.7311, 0.2689])
    """
    if dim is None:
        dim = implicit_dim("softmin", input.dim(), stacklevel=_stacklevel)
    if dtype is None:
        return (-input).softmax(dim)
    return (-input).softmax(dim, dtype=dtype)


@nn_function("relu6")
def relu6(input, inplace=False):
    """``hardtanh(input, 0, 6)``."""
    if inplace:
        return views.inplace(hardtanh.spec, (input, 0.0, 6.0))
    return hardtanh(input, 0.0, 6.0)


@nn_function("softmax")
def softmax(input, dim=None, _stacklevel=3, dtype=None):
    """Softmax along ``dim`` (torch's deprecated implicit choice when it is omitted)."""
    if dim is None:
        dim = implicit_dim("softmax", input.ndim, stacklevel=_stacklevel)
    return _softmax(input, dim, dtype)


@nn_function("log_softmax")
def log_softmax(input, dim=None, _stacklevel=3, dtype=None):
    """Log-softmax along ``dim`` (torch's deprecated implicit choice when it is omitted)."""
    if dim is None:
        dim = implicit_dim("log_softmax", input.ndim, stacklevel=_stacklevel)
    return _log_softmax(input, dim, dtype)


# ----------------------------------------------------------------------------- distances
_DISTANCE = dict(traced=("self", "x2"), method=False, function=False)
_cosine_similarity = op("cosine_similarity(self, x2, dim=1, eps=1e-08)", JF.cosine_similarity,
                        "SumBackward1", fn_names={"self": "x1"}, **_DISTANCE)
_pairwise_distance = op("pairwise_distance(self, x2, p=2.0, eps=1e-06, keepdim=False)",
                        JF.pairwise_distance, "NormBackward1", fn_names={"self": "x1"},
                        **_DISTANCE)

pdist = op("pdist(self, p=2.0)", JF.pdist, "PdistBackward0", method=False, nn=True)


def _check_pair(name, x1, x2):
    for param, position, value in (("x1", 1, x1), ("x2", 2, x2)):
        if not isinstance(value, Tensor):
            raise argument_type_error(name, param, position, value)


@nn_function("cosine_similarity")
def cosine_similarity(x1, x2, dim=1, eps=1e-8):
    """Cosine of the angle between ``x1`` and ``x2`` along ``dim`` (broadcast; each norm at
    least ``eps``).

    >>> import compat as torch
    >>> cosine_similarity(torch.tensor([[1., 0.]], requires_grad=True), torch.tensor([[1., 1.]]))
    tensor([0.7071], grad_fn=<SumBackward1>)
    """
    _check_pair("cosine_similarity", x1, x2)
    return _cosine_similarity(x1, x2, dim, eps)


@nn_function("pairwise_distance")
def pairwise_distance(x1, x2, p=2.0, eps=1e-6, keepdim=False):
    """The ``p``-norm of ``x1 - x2 + eps`` along the last dim.

    >>> import compat as torch
    >>> pairwise_distance(torch.tensor([[3., 4.]], requires_grad=True), torch.zeros(1, 2), eps=0.)
    tensor([5.], grad_fn=<NormBackward1>)
    """
    _check_pair("pairwise_distance", x1, x2)
    return _pairwise_distance(x1, x2, p, eps, bool(keepdim))


# ----------------------------------------------------------------------------- dropout
def dropout_noise(shape, dtype, p, scaled=True):
    """torch's CPU dropout noise for a tensor of ``shape`` and ``dtype``: ``bernoulli_(1 - p)``
    on the default generator, divided by ``1 - p`` in that dtype unless not ``scaled`` (all
    zeros when ``p`` is 1, with no draw, as torch)."""
    dtype = np.dtype(dtype)
    if p == 1.0:
        return Tensor._make(jnp.zeros((), dtype))
    keep = _generator(None).bernoulli(1.0 - p, tuple(shape), dtype=dtype)
    return Tensor._make(jnp.asarray(keep / dtype.type(1.0 - p) if scaled else keep))


def _dropout_noise(input, p, scaled=True):
    """torch draws the mask into a tensor laid out as ``input`` (preserve_format): in
    memory order, which for a transposed input is not the order of its elements."""
    if input._layout is None:
        return dropout_noise(tuple(input.shape), input._data.dtype, p, scaled)
    shape = tuple(input.shape)
    order = layouts.outer_first(layouts.preserved_strides(shape, input.stride()))
    noise = dropout_noise(tuple(shape[d] for d in order), input._data.dtype, p, scaled)
    return noise if not noise.ndim else noise.permute(*np.argsort(order).tolist())


@nn_function("dropout")
def dropout(input, p=0.5, training=True, inplace=False):
    """Zero each element with probability ``p`` and scale the rest by ``1/(1-p)``; the mask is
    torch's, draw for draw.

    >>> import compat as torch
    >>> _ = torch.manual_seed(0)
    >>> dropout(torch.ones(4), 0.5)
    tensor([0., 0., 2., 0.])
    """
    _layers.check_dropout_probability(p)
    if not training or p == 0.0 or input.numel() == 0:
        return input
    _layers.check_dropout_dtype(input._data.dtype)
    if p == 1.0:
        noise = Tensor._make(jnp.zeros((), input._data.dtype))
    else:
        noise = _dropout_noise(input, p)
    if inplace:
        return views.inplace(BINARY["mul"].spec, (input, noise))
    return BINARY["mul"](input, noise)


def _feature_dropout(input, p, training, inplace):
    """torch's ``feature_dropout``: one draw per (sample, channel), broadcast over the rest."""
    _layers.check_dropout_probability(p)
    if not training or p == 0.0 or input.numel() == 0:
        return input
    shape = tuple(input.shape[:2]) + (1,) * (input.ndim - 2)
    noise = dropout_noise(shape, input._data.dtype, p)
    if inplace:
        return views.inplace(BINARY["mul"].spec, (input, noise))
    return BINARY["mul"](input, noise)


@nn_function("dropout1d")
def dropout1d(input, p=0.5, training=True, inplace=False):
    """Zero whole channels of ``(N, C, L)`` (or ``(C, L)``) inputs with probability ``p``,
    scaling the rest by ``1/(1-p)``; the draws are torch's.

    >>> import compat as torch
    >>> _ = torch.manual_seed(0)
    >>> dropout1d(torch.ones(1, 4, 2))
    tensor([[[0., 0.],
             [0., 0.],
             [2., 2.],
             [0., 0.]]])
    """
    _layers.check_dropout_probability(p)
    if input.ndim not in (2, 3):
        raise RuntimeError(f"dropout1d: Expected 2D or 3D input, but received a {input.ndim}D "
                           "input. Note that dropout1d exists to provide channel-wise dropout on "
                           "inputs with 1 spatial dimension, a channel dimension, and an optional "
                           "batch dimension (i.e. 2D or 3D inputs).")
    if input.ndim == 3:
        return _feature_dropout(input, p, training, inplace)
    if inplace:
        # torch drops the unsqueezed tensor in place: the input's own storage.
        _feature_dropout(input.unsqueeze(0), p, training, True)
        return input
    return _feature_dropout(input.unsqueeze(0), p, training, False).squeeze(0)


@nn_function("dropout2d")
def dropout2d(input, p=0.5, training=True, inplace=False):
    """Zero whole channels of ``(N, C, H, W)`` inputs with probability ``p`` (torch's draws;
    a 3-D input is read as ``(N, C, L)``, with torch's warnings)."""
    _layers.check_dropout_probability(p)
    if input.ndim not in (3, 4):
        warnings.warn(f"dropout2d: Received a {input.ndim}-D input to dropout2d, which is "
                      "deprecated and will result in an error in a future release. To retain "
                      "the behavior and silence this warning, please use dropout instead. Note "
                      "that dropout2d exists to provide channel-wise dropout on inputs with 2 "
                      "spatial dimensions, a channel dimension, and an optional batch dimension "
                      "(i.e. 3D or 4D inputs).", stacklevel=2)
    if input.ndim == 3:
        warnings.warn("dropout2d: Received a 3D input to dropout2d and assuming that channel-wise "
                      "1D dropout behavior is desired - input is interpreted as shape (N, C, L), "
                      "where C is the channel dim. This behavior will change in a future release "
                      "to interpret the input as one without a batch dimension, i.e. shape (C, H, "
                      "W). To maintain the 1D channel-wise dropout behavior, please switch to "
                      "using dropout1d instead.", stacklevel=2)
    return _feature_dropout(input, p, training, inplace)


@nn_function("dropout3d")
def dropout3d(input, p=0.5, training=True, inplace=False):
    """Zero whole channels of ``(N, C, D, H, W)`` (or ``(C, D, H, W)``) inputs with probability
    ``p``, scaling the rest by ``1/(1-p)``; the draws are torch's."""
    _layers.check_dropout_probability(p)
    if input.ndim not in (4, 5):
        warnings.warn(f"dropout3d: Received a {input.ndim}-D input to dropout3d, which is "
                      "deprecated and will result in an error in a future release. To retain "
                      "the behavior and silence this warning, please use dropout instead. Note "
                      "that dropout3d exists to provide channel-wise dropout on inputs with 3 "
                      "spatial dimensions, a channel dimension, and an optional batch dimension "
                      "(i.e. 4D or 5D inputs).", stacklevel=2)
    if input.ndim == 5:
        return _feature_dropout(input, p, training, inplace)
    if inplace:
        # torch unsqueezes the input itself, drops it in place and squeezes it back
        return _feature_dropout(input.unsqueeze_(0), p, training, True).squeeze_(0)
    return _feature_dropout(input.unsqueeze(0), p, training, False).squeeze(0)


# SELU's alpha, with which alpha dropout keeps a self-normalising layer's mean and variance.
_SELU_ALPHA = 1.7580993408473766


def _alpha_dropout(input, p, training, inplace, feature):
    """torch's ``_dropout_impl`` for alpha dropout: kept values scaled by ``a`` and dropped
    ones set to ``-alpha·a`` shifted by ``alpha·a·p``, the mask drawn as torch draws it."""
    _layers.check_dropout_probability(p)
    if p == 0.0 or not training or input.numel() == 0:
        return input
    if p == 1.0:
        zero = Tensor._make(jnp.zeros((), input._data.dtype))
        return (views.inplace(BINARY["mul"].spec, (input, zero)) if inplace
                else BINARY["mul"](input, zero))
    if feature:
        if input.ndim < 2:
            raise RuntimeError("Feature dropout requires at least 2 dimensions in the input")
        shape = tuple(input.shape[:2]) + (1,) * (input.ndim - 2)
        keep = dropout_noise(shape, input._data.dtype, p, scaled=False)
    else:
        keep = _dropout_noise(input, p, scaled=False)
    real = np.dtype(input._data.dtype).type
    a = 1.0 / np.sqrt((_SELU_ALPHA * _SELU_ALPHA * p + 1) * (1 - p))
    mask = keep._data
    shift = Tensor._make((mask - real(1)) * real(_SELU_ALPHA * a) + real(_SELU_ALPHA * a * p))
    noise = Tensor._make(mask * real(a))
    if inplace:
        return input.mul_(noise).add_(shift)
    return input.mul(noise).add_(shift)


@nn_function("alpha_dropout")
def alpha_dropout(input, p=0.5, training=False, inplace=False):
    """Alpha dropout (for SELU networks): the identity unless ``training``; torch's draws.

    >>> import compat as torch
    >>> alpha_dropout(torch.ones(2), 0.5)
    tensor([1., 1.])
    """
    return _alpha_dropout(input, p, training, inplace, False)


@nn_function("feature_alpha_dropout")
def feature_alpha_dropout(input, p=0.5, training=False, inplace=False):
    """Alpha dropout of whole channels: the identity unless ``training``; torch's draws."""
    return _alpha_dropout(input, p, training, inplace, True)


# ----------------------------------------------------------------------------- rrelu
_rrelu_with_noise = op("rrelu_with_noise(self, noise, lower, upper, training)",
                       JF.rrelu_with_noise, "RreluWithNoiseBackward0", traced=("self", "noise"),
                       method=False, function=False, pointwise=True)
_rrelu_with_noise_in_place = op("rrelu_with_noise.inplace(self, noise, lower, upper, training)",
                                JF.rrelu_with_noise, "RreluWithNoiseBackward1",
                                traced=("self", "noise"), method=False, function=False,
                                pointwise=True)


def _rrelu_noise(input, lower, upper, training):
    """The slopes torch's CPU kernel draws in training: one ``uniform_real_distribution<double>
    (lower, upper)`` draw per non-positive element, in element order; 1 elsewhere."""
    dtype = np.dtype(input._data.dtype)
    if not training:
        return Tensor._make(jnp.ones((), dtype))
    values = np.asarray(host_values.for_tensor(input))
    negative = values <= 0
    noise = np.ones(values.shape, dtype)
    # the bounds are the kernel's opmath type (float for float32 and half), the draw a double
    low, high = (np.float64(v).astype(np.result_type(dtype, np.float32)) for v in (lower, upper))
    draws = (_generator(None)._unit(int(negative.sum()), np.float64) * np.float64(high - low)
             + np.float64(low))
    noise[negative] = draws.astype(dtype)
    return Tensor._make(jnp.asarray(noise))


@nn_function("rrelu")
def rrelu(input, lower=1.0 / 8, upper=1.0 / 3, training=False, inplace=False):
    """Randomized leaky ReLU: in training each non-positive element is scaled by a slope drawn
    from ``U(lower, upper)`` (torch's draws), in eval by the mean slope.

    >>> import compat as torch
    >>> rrelu(torch.tensor([-1., 2.]), 0.1, 0.3)
    tensor([-0.2000,  2.0000])
    """
    check_input(input, "rrelu_" if inplace else "rrelu")
    noise = _rrelu_noise(input, lower, upper, training)
    if inplace:
        return views.inplace(_rrelu_with_noise_in_place.spec,
                             (input, noise, lower, upper, bool(training)))
    return _rrelu_with_noise(input, noise, lower, upper, bool(training))


@nn_function("rrelu_")
def rrelu_(input, lower=1.0 / 8, upper=1.0 / 3, training=False):
    """In-place :func:`rrelu`."""
    return rrelu(input, lower, upper, training, True)


# ----------------------------------------------------------------------------- gumbel
@nn_function("gumbel_softmax")
def gumbel_softmax(logits, tau=1, hard=False, eps=1e-10, dim=-1):
    """A sample of the Gumbel-softmax distribution (``hard``: one-hot in the forward pass with
    the soft sample's gradient), from torch's ops and draws as torch writes it."""
    if eps != 1e-10:
        warnings.warn("`eps` parameter is deprecated and has no effect.", stacklevel=2)
    gumbels = -creation.empty_like(logits).exponential_().log()
    gumbels = (logits + gumbels) / tau
    y_soft = gumbels.softmax(dim)
    if hard:
        index = y_soft.max(dim, keepdim=True)[1]
        y_hard = creation.zeros_like(logits).scatter_(dim, index, 1.0)
        return y_hard - y_soft.detach() + y_soft
    return y_soft


# ----------------------------------------------------------------------------- embedding
_embedding = op("embedding(self, weight, padding_idx=None, scale_grad_by_freq=False)",
                JF.embedding, "EmbeddingBackward0", traced=("self", "weight"),
                fn_names={"self": "input"}, method=False, function=False)


@nn_function("embedding")
def embedding(input, weight, padding_idx=None, max_norm=None, norm_type=2.0,
              scale_grad_by_freq=False, sparse=False):
    """Rows of ``weight`` looked up by the integer tensor ``input``; ``padding_idx``'s row gets
    no gradient; ``max_norm`` renormalises the looked-up rows of ``weight`` in place first."""
    padding_idx = _layers.padding_row(padding_idx, weight.shape[0])
    if input.dtype.is_floating_point or input.dtype.name in ("bool", "uint8", "int8", "int16"):
        _embedding(input, weight)  # torch's dtype error
    # before max_norm writes; the check reads weight's shape only (a weight the pending
    # optimizer step updates is not computed here) and input's values from the host
    indices = host_values.for_tensor(input)
    if not isinstance(indices, jax.core.Tracer):
        _embedding.spec.fn.host_check(indices, weight._current())
    if max_norm is not None:
        with grad_mode.no_grad():
            weight._set_data(call(_embedding_renorm, (weight._value, input._value,
                                                      float(max_norm), float(norm_type))))
    return _embedding(input, weight, padding_idx, bool(scale_grad_by_freq))


_embedding_renorm = op("embedding_renorm(self, indices, max_norm, norm_type)",
                       JF.embedding_renorm, "", traced=("self", "indices"),
                       fn_names={"self": "weight"}, method=False, function=False).spec
_one_hot = op("one_hot(self, num_classes)", JF.one_hot, "", method=False, function=False)


@nn_function("one_hot")
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
    return _one_hot(tensor, int(num_classes))


# ----------------------------------------------------------------------------- normalisation
_layer_norm = op("layer_norm(self, normalized_shape, weight=None, bias=None, eps=1e-05)",
                 JF.layer_norm, "NativeLayerNormBackward0", traced=("self", "weight", "bias"),
                 method=False, function=False)


def check_shape_argument(name, normalized_shape):
    """torch's parser refusing a ``normalized_shape`` that is not a tuple (an int included)."""
    if not isinstance(normalized_shape, (tuple, list)):
        raise TypeError(f"{name}(): argument 'normalized_shape' (position 2) must be tuple of "
                        f"ints, not {type(normalized_shape).__name__}")


@nn_function("layer_norm")
def layer_norm(input, normalized_shape, weight=None, bias=None, eps=1e-5):
    """Normalise over the trailing ``normalized_shape`` dims, then scale and shift."""
    check_shape_argument("layer_norm", normalized_shape)
    return _layer_norm(input, tuple(normalized_shape), weight, bias, eps)


_batch_norm = op("batch_norm(self, running_mean, running_var, weight, bias, training, "
                 "momentum, eps)", JF.batch_norm, "NativeBatchNormBackward0",
                 traced=("self", "running_mean", "running_var", "weight", "bias", "momentum"),
                 method=False, function=False)


def check_values_per_channel(size, shown):
    """torch's ``_verify_batch_size``: training statistics need more than one value per
    channel (dim 1 of ``size``); ``shown`` is the size as torch's message prints it."""
    if int(np.prod(size)) // size[1] == 1:
        raise ValueError(f"Expected more than 1 value per channel when training, got input size "
                         f"{shown}")


@nn_function("batch_norm")
def batch_norm(input, running_mean, running_var, weight=None, bias=None, training=False,
               momentum=0.1, eps=1e-5):
    """Batch normalisation over dim 1; in training, ``running_mean``/``running_var`` (when
    given) move toward the batch statistics in place, as torch."""
    if input.ndim > 1 and training:
        check_values_per_channel(input.shape, input.shape)
    if training and (running_mean is not None or running_var is not None):
        out, new_mean, new_var = _batch_norm(input, running_mean, running_var, weight, bias,
                                             True, momentum, eps)
        with grad_mode.no_grad():
            if running_mean is not None:
                running_mean._set_data(new_mean._data)
            if running_var is not None:
                running_var._set_data(new_var._data)
        return out
    return _batch_norm(input, running_mean, running_var, weight, bias, bool(training), 0.0,
                       eps)[0]


@nn_function("normalize")
def normalize(input, p=2.0, dim=1, eps=1e-12, out=None):
    """``input / max(‖input‖_p, eps)`` along ``dim``."""
    denom = input.norm(p, dim, keepdim=True).clamp_min(eps).expand_as(input)
    return input / denom


# ----------------------------------------------------------------------------- conv / pool
conv2d = op("conv2d(self, weight, bias=None, stride=1, padding=0, dilation=1, groups=1)",
            JF.conv2d, "ConvolutionBackward0", traced=("self", "weight", "bias"),
            method=False, function=False, nn=True)


conv1d = op("conv1d(self, weight, bias=None, stride=1, padding=0, dilation=1, groups=1)",
            _convolution.conv1d, "ConvolutionBackward0", traced=("self", "weight", "bias"),
            method=False, function=False, nn=True)
conv_transpose1d = op("conv_transpose1d(self, weight, bias=None, stride=1, padding=0, "
                      "output_padding=0, groups=1, dilation=1)", _convolution.conv_transpose1d,
                      "ConvolutionBackward0", traced=("self", "weight", "bias"), method=False,
                      function=False, nn=True)
conv_transpose2d = op("conv_transpose2d(self, weight, bias=None, stride=1, padding=0, "
                      "output_padding=0, groups=1, dilation=1)", _convolution.conv_transpose2d,
                      "ConvolutionBackward0", traced=("self", "weight", "bias"), method=False,
                      function=False, nn=True)


def _max_pool_values(self, kernel_size, stride, padding, dilation, ceil_mode, return_indices):
    return (self, kernel_size, stride, padding, dilation, bool(ceil_mode), bool(return_indices))


_max_pool2d = op("max_pool2d(self, kernel_size, stride=None, padding=0, dilation=1, "
                 "ceil_mode=False, return_indices=False)", JF.max_pool2d,
                 "MaxPool2DWithIndicesBackward0", prepare=_max_pool_values, method=False,
                 function=False)


@nn_function("max_pool2d")
def max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False,
               return_indices=False):
    """2-D max pooling; ``return_indices`` also returns each maximum's flat index."""
    out = _max_pool2d(input, kernel_size, stride, padding, dilation, ceil_mode, return_indices)
    return tuple(out) if return_indices else out


avg_pool2d = op("avg_pool2d(self, kernel_size, stride=None, padding=0, ceil_mode=False, "
                "count_include_pad=True, divisor_override=None)", JF.avg_pool2d,
                "AvgPool2DBackward0", method=False, function=False, nn=True)


def _pad_name(self, pad, mode, value):
    dims = len(pad) // 2
    return {"constant": "ConstantPadNdBackward0", "reflect": f"ReflectionPad{dims}DBackward0",
            "replicate": f"ReplicationPad{dims}DBackward0", "circular": "CopySlices"}[mode]


_pad = op("pad(self, pad, mode, value)", JF.pad, _pad_name, method=False, function=False)


@nn_function("pad")
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
    if mode != "constant" and input.ndim not in (len(pad) // 2 + 1, len(pad) // 2 + 2):
        raise NotImplementedError(
            f"Padding size {len(pad)} is not supported for {input.ndim}D input tensor.\n"
            "Supported combinations for non-constant padding:\n"
            "  - 2D or 3D input: padding size = 2 (pads last dimension)\n"
            "  - 3D or 4D input: padding size = 4 (pads last 2 dimensions)\n"
            "  - 4D or 5D input: padding size = 6 (pads last 3 dimensions)")
    return _pad(input, tuple(int(p) for p in pad), mode, 0.0 if value is None else float(value))


# ----------------------------------------------------------------------------- losses
def _pointwise_loss(entry, input, target, *rest):
    for value in (input, target):
        if not isinstance(value, Tensor):  # torch's loss asks for target.size() first
            raise AttributeError(f"'{type(value).__name__}' object has no attribute 'size'")
    # On the host, on every call, as torch warns: the compiled loss warns only when traced.
    if _losses.warn_target_size(input, target, stacklevel=4):
        # The op table warns too, once, while it compiles: this call already said it.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return entry(input, target, *rest)
    return entry(input, target, *rest)


_LOSS = dict(traced=("self", "target", "weight"), method=False, function=False)
_mse = op("mse_loss(self, target, reduction, weight=None)", JF.mse_loss, "MseLossBackward0",
          **_LOSS)
_l1 = op("l1_loss(self, target, reduction, weight=None)", JF.l1_loss,
         lambda self, target, reduction, weight:
         {"mean": "MeanBackward0", "sum": "SumBackward0"}.get(reduction, "AbsBackward0"), **_LOSS)
_smooth_l1 = op("smooth_l1_loss(self, target, reduction, beta)", JF.smooth_l1_loss,
                "SmoothL1LossBackward0", traced=("self", "target"), method=False,
                function=False)
_huber = op("huber_loss(self, target, reduction, delta, weight=None)", JF.huber_loss,
            "HuberLossBackward0", **_LOSS)


@nn_function("mse_loss")
def mse_loss(input, target, size_average=None, reduce=None, reduction="mean", weight=None):
    """Mean squared error, reduced by ``reduction`` ('mean', 'sum' or 'none')."""
    return _pointwise_loss(_mse, input, target, _reduction(reduction, size_average, reduce),
                           weight)


@nn_function("l1_loss")
def l1_loss(input, target, size_average=None, reduce=None, reduction="mean", weight=None):
    """Mean absolute error."""
    return _pointwise_loss(_l1, input, target, _reduction(reduction, size_average, reduce),
                           weight)


@nn_function("smooth_l1_loss")
def smooth_l1_loss(input, target, size_average=None, reduce=None, reduction="mean", beta=1.0):
    """Quadratic below ``beta``, linear above, scaled by ``1/beta`` there."""
    return _pointwise_loss(_smooth_l1, input, target, _reduction(reduction, size_average, reduce),
                           float(beta))


@nn_function("huber_loss")
def huber_loss(input, target, reduction="mean", delta=1.0, weight=None):
    """Quadratic below ``delta``, linear above."""
    return _pointwise_loss(_huber, input, target, reduction, float(delta), weight)


def _nll_name(input, *rest):
    return "NllLoss2DBackward0" if input.ndim == 4 else "NllLossBackward0"


def _cross_entropy_name(input, target, weight, ignore_index, reduction, label_smoothing):
    if tuple(target.shape) == tuple(input.shape):
        return "DivBackward1" if reduction == "mean" else "NegBackward0"
    return _nll_name(input) if label_smoothing <= 0.0 else "AddBackward0"


_CLASS_LOSS = dict(traced=("self", "target", "weight"), method=False, function=False)
_nll = op("nll_loss(self, target, weight, ignore_index, reduction)", JF.nll_loss, _nll_name,
          **_CLASS_LOSS)
_cross_entropy = op("cross_entropy(self, target, weight, ignore_index, reduction, "
                    "label_smoothing)", JF.cross_entropy, _cross_entropy_name, **_CLASS_LOSS)


@nn_function("nll_loss")
def nll_loss(input, target, weight=None, size_average=None, ignore_index=-100, reduce=None,
             reduction="mean"):
    """Negative log-likelihood of class indices ``target`` under log-probabilities ``input``."""
    reduction = _reduction(reduction, size_average, reduce)
    target = _as_tensor(target)
    return _nll(input, target, weight, int(ignore_index), reduction)


@nn_function("cross_entropy")
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
    return _cross_entropy(input, target, weight, int(ignore_index), reduction,
                          float(label_smoothing))


_bce = op("binary_cross_entropy(self, target, weight, reduction)", JF.binary_cross_entropy,
          "BinaryCrossEntropyBackward0", **_CLASS_LOSS)
_bce_logits = op("binary_cross_entropy_with_logits(self, target, weight, reduction, pos_weight)",
                 JF.binary_cross_entropy_with_logits, "BinaryCrossEntropyWithLogitsBackward0",
                 traced=("self", "target", "weight", "pos_weight"), method=False,
                 function=False)


@nn_function("binary_cross_entropy")
def binary_cross_entropy(input, target, weight=None, size_average=None, reduce=None,
                         reduction="mean"):
    """Binary cross entropy of probabilities ``input`` (each log clamped at -100, as torch)."""
    reduction = _reduction(reduction, size_average, reduce)
    target = _as_tensor(target)
    return _bce(input, target, weight, reduction)


@nn_function("binary_cross_entropy_with_logits")
def binary_cross_entropy_with_logits(input, target, weight=None, size_average=None, reduce=None,
                                     reduction="mean", pos_weight=None):
    """Sigmoid + binary cross entropy, computed stably; ``pos_weight`` scales positives."""
    reduction = _reduction(reduction, size_average, reduce)
    return _bce_logits(input, _as_tensor(target), weight, reduction, pos_weight)


_kl_div = op("kl_div(self, target, reduction, log_target)", JF.kl_div,
             lambda self, target, reduction, log_target:
             {"batchmean": "DivBackward0", "mean": "MeanBackward0",
              "sum": "SumBackward0"}.get(reduction, "SubBackward0"),
             traced=("self", "target"), method=False, function=False)


@nn_function("kl_div")
def kl_div(input, target, size_average=None, reduce=None, reduction="mean", log_target=False):
    """KL divergence with ``input`` as log-probabilities."""
    if size_average is not None or reduce is not None:
        reduction = _legacy_reduction(size_average, reduce)
    elif reduction == "mean":
        _losses.warn_kl_div_mean(stacklevel=3)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _kl_div(input, _as_tensor(target), reduction, bool(log_target))


_soft_margin = op("soft_margin_loss(self, target, reduction)", JF.soft_margin_loss,
                  "SoftMarginLossBackward0", traced=("self", "target"), method=False,
                  function=False)


# the losses below clamp in place as torch's do: its in-place clamp_min_, whose node is
# ClampMinBackward0
_clamp_min = op("clamp_min.loss(self, min)", JF.clamp, "ClampMinBackward0", method=False,
                function=False, pointwise=True).spec


def _clamp_min_(t, low):
    return views.inplace(_clamp_min, (t, low))


def _apply_reduction(loss, reduction):
    # torch's apply_loss_reduction
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    return loss


@nn_function("soft_margin_loss")
def soft_margin_loss(input, target, size_average=None, reduce=None, reduction="mean"):
    """``log(1 + exp(-target * input))``, reduced.

    >>> import compat as torch
    >>> soft_margin_loss(torch.zeros(2, requires_grad=True), torch.tensor([1., -1.]))
    tensor(0.6931, grad_fn=<SoftMarginLossBackward0>)
    """
    if isinstance(target, Tensor) and target.requires_grad and grad_mode.STATE.enabled:
        # torch's kernel has no derivative for the target: refused, not a silent zero
        raise RuntimeError("The function 'soft_margin_loss' is not differentiable with respect "
                           "to argument 'target'. This input cannot have requires_grad True.")
    return _soft_margin(input, target, _reduction(reduction, size_average, reduce))


@nn_function("margin_ranking_loss")
def margin_ranking_loss(input1, input2, target, margin=0.0, size_average=None, reduce=None,
                        reduction="mean"):
    """``max(0, -target * (input1 - input2) + margin)``, reduced; built from torch's ops as
    torch builds it.

    >>> import compat as torch
    >>> margin_ranking_loss(torch.tensor([1., 2.]), torch.tensor([2., 1.]), torch.tensor([1., 1.]))
    tensor(0.5000)
    """
    reduction = _losses.reduction_of(reduction, size_average, reduce, stacklevel=3)
    if input1.dim() != input2.dim() or input1.dim() != target.dim():
        raise RuntimeError(f"margin_ranking_loss : All input tensors should have same dimension "
                           f"but got sizes: input1: {input1.size()}, input2: {input2.size()}, "
                           f"target: {target.size()} ")
    return _apply_reduction(_clamp_min_(-target * (input1 - input2) + margin, 0), reduction)


@nn_function("hinge_embedding_loss")
def hinge_embedding_loss(input, target, margin=1.0, size_average=None, reduce=None,
                         reduction="mean"):
    """``input`` where ``target`` is 1, ``max(0, margin - input)`` where it is -1, reduced;
    built from torch's ops as torch builds it.

    >>> import compat as torch
    >>> hinge_embedding_loss(torch.tensor([0.5, 2.]), torch.tensor([1., -1.]), reduction='none')
    tensor([0.5000, 0.0000])
    """
    reduction = _losses.reduction_of(reduction, size_average, reduce, stacklevel=3)
    zeros = creation.zeros_like(input)
    margin_clamp = _clamp_min_(margin - input, 0)
    output_margin = margin_clamp.where(target != 1, zeros)
    output_self = input.where(target != -1, zeros)
    return _apply_reduction(output_margin + output_self, reduction)


_EPSILON = 1e-12  # torch's cosine_embedding_loss adds it to each squared magnitude


@nn_function("cosine_embedding_loss")
def cosine_embedding_loss(input1, input2, target, margin=0.0, size_average=None, reduce=None,
                          reduction="mean"):
    """``1 - cos(input1, input2)`` where ``target`` is 1, ``max(0, cos - margin)`` where it
    is -1, reduced; built from torch's ops as torch builds it.

    >>> import compat as torch
    >>> cosine_embedding_loss(torch.tensor([[1., 0.]]), torch.tensor([[0., 1.]]), torch.tensor([1]))
    tensor(1.)
    """
    reduction = _losses.reduction_of(reduction, size_average, reduce, stacklevel=3)
    dim = target.dim()
    if dim not in (0, 1):
        raise _losses.multi_target_error()
    expected = 2 if dim == 1 else 1
    if input1.dim() != expected or input2.dim() != expected:
        raise RuntimeError(f"{dim}D target tensor expects {expected}D input tensors, but found "
                           f"inputs with sizes {list(input1.shape)} and {list(input2.shape)}.")
    prod_sum = (input1 * input2).sum(dim)
    mag_square1 = (input1 * input1).sum(dim) + _EPSILON
    mag_square2 = (input2 * input2).sum(dim) + _EPSILON
    cos = prod_sum / (mag_square1 * mag_square2).sqrt_()
    zeros = creation.zeros_like(cos)
    output_pos = (1 - cos).where(target == 1, zeros)
    output_neg = _clamp_min_(cos - margin, 0).where(target == -1, zeros)
    return _apply_reduction(output_pos + output_neg, reduction)


@nn_function("poisson_nll_loss")
def poisson_nll_loss(input, target, log_input=True, full=False, size_average=None, eps=1e-8,
                     reduce=None, reduction="mean"):
    """Poisson negative log-likelihood of ``target`` under rate ``exp(input)`` (or ``input``
    itself when ``log_input`` is False), with Stirling's term when ``full``; built from
    torch's ops as torch builds it.

    >>> import compat as torch
    >>> poisson_nll_loss(torch.tensor([0., 1.]), torch.tensor([1., 2.]))
    tensor(0.8591)
    """
    reduction = _losses.reduction_of(reduction, size_average, reduce, stacklevel=3)
    if log_input:
        loss = input.exp() - target * input
    else:
        loss = input - target * (input + eps).log()
    if full:
        stirling_term = target * target.log() - target + 0.5 * (2 * np.pi * target).log()
        loss += stirling_term.masked_fill(target <= 1, 0)
    return _apply_reduction(loss, reduction)


@nn_function("triplet_margin_loss")
def triplet_margin_loss(anchor, positive, negative, margin=1.0, p=2, eps=1e-6, swap=False,
                        size_average=None, reduce=None, reduction="mean"):
    """``max(0, margin + d(anchor, positive) - d(anchor, negative))`` with ``d`` the pairwise
    ``p``-distance (``swap``: the smaller of the negative's two distances), reduced.

    >>> import compat as torch
    >>> triplet_margin_loss(torch.zeros(1, 2), torch.zeros(1, 2), torch.ones(1, 2), eps=0.)
    tensor(0.)
    """
    reduction = _losses.reduction_of(reduction, size_average, reduce, stacklevel=3)
    if margin <= 0:
        raise ValueError(f"margin must be greater than 0, got {margin}")
    dims = (anchor.dim(), positive.dim(), negative.dim())
    if len(set(dims)) != 1:
        raise RuntimeError("The anchor, positive, and negative tensors are expected to have the "
                           f"same number of dimensions, but got: anchor {dims[0]}D, positive "
                           f"{dims[1]}D, and negative {dims[2]}D inputs")
    dist_pos = pairwise_distance(anchor, positive, p, eps)
    dist_neg = pairwise_distance(anchor, negative, p, eps)
    if swap:
        dist_neg = dist_neg.minimum(pairwise_distance(positive, negative, p, eps))
    return _apply_reduction(run(_clamp_min, (margin + dist_pos - dist_neg, 0)), reduction)


@nn_function("gaussian_nll_loss")
def gaussian_nll_loss(input, target, var, full=False, eps=1e-6, reduction="mean"):
    """Gaussian negative log-likelihood of ``target`` with mean ``input`` and variance ``var``
    (one per element, or shared along a dim), ``var`` raised to ``eps`` without a gradient
    of its own; built from torch's ops as torch builds it.

    >>> import compat as torch
    >>> gaussian_nll_loss(torch.tensor([0., 1.]), torch.tensor([1., 1.]), torch.ones(2))
    tensor(0.2500)
    """
    if isinstance(var, float):
        if var < 0:
            raise ValueError("var has negative entry/entries")
        var = var * creation.ones_like(input)
    elif bool((var < 0).any()):
        raise ValueError("var has negative entry/entries")
    if var.size() != input.size():
        if input.size()[:-1] == var.size():
            var = var.unsqueeze(-1)
        elif not (input.ndim == var.ndim and
                  sum(y for x, y in zip(input.size(), var.size()) if x != y) == 1):
            raise ValueError("var is of incorrect size")
    if reduction not in ("none", "mean", "sum"):
        raise ValueError(reduction + " is not valid")
    var = var.clone()
    with grad_mode.no_grad():
        var.clamp_(min=eps)
    loss = 0.5 * (var.log() + (input - target) ** 2 / var)
    if full:
        loss += 0.5 * float(np.log(2 * np.pi))
    return _apply_reduction(loss, reduction)
