"""Loss functions with torch.nn.functional's semantics: reductions (including the weighted
means), broadcasting warnings, dtypes, error text and, where torch's gradient differs from
what JAX would derive, torch's gradient.

>>> import jax.numpy as jnp
>>> from jaxgrad import functional as F
>>> F.mse_loss(jnp.array([1., 2.], jnp.float32), jnp.array([1., 4.], jnp.float32))
Array(2., dtype=float32)
"""
from __future__ import annotations

import warnings

import jax
import jax.numpy as jnp
import numpy as np

from .. import dtypes
from ._checks import (broadcast_shapes, float_result_cast_error, forward_ad_refusal,
                      gradient_samples, host_check, not_implemented, scalar_type_mismatch)
from .activations import log_softmax
from .elementwise import abs as _abs
from .reductions import check_mean_dtype, torch_type_name

_REDUCTIONS = ("none", "mean", "sum")


# ----------------------------------------------------------------------------- helpers
def _torch_size(shape) -> str:
    return f"torch.Size({list(shape)})"


def _reduction(reduction, size_average=None, reduce=None, stacklevel=3) -> str:
    """torch's reduction argument, including the legacy ``size_average``/``reduce`` pair (and
    its warning, ``stacklevel`` frames up: compat calls this on the host on every call, since a
    compiled op warns only when it is traced)."""
    if size_average is not None or reduce is not None:
        size_average = True if size_average is None else size_average
        reduce = True if reduce is None else reduce
        reduction = "none" if not reduce else "mean" if size_average else "sum"
        warnings.warn("size_average and reduce args will be deprecated, please use "
                      f"reduction='{reduction}' instead.", UserWarning, stacklevel=stacklevel)
    if reduction == "elementwise_mean":
        warnings.warn("reduction='elementwise_mean' is deprecated. Please use reduction='mean' "
                      "instead.", UserWarning, stacklevel=stacklevel)
        reduction = "mean"
    if reduction not in _REDUCTIONS:
        raise ValueError(f"{reduction} is not a valid value for reduction")
    return reduction


def _reduce(loss, reduction):
    if reduction == "mean":
        return jnp.mean(loss)
    if reduction == "sum":
        return jnp.sum(loss)
    return loss


def _warn_size(input, target, stacklevel=3):
    """torch's warning for a pointwise loss whose target broadcasts to another shape; True
    when it warned."""
    if tuple(input.shape) != tuple(target.shape):
        warnings.warn(f"Using a target size ({_torch_size(target.shape)}) that is different to "
                      f"the input size ({_torch_size(input.shape)}). This will likely lead to "
                      "incorrect results due to broadcasting. Please ensure they have the same "
                      "size.",
                      UserWarning, stacklevel=stacklevel)
        return True
    return False


reduction_of = _reduction        # the host-side names compat uses
warn_target_size = _warn_size


def _pointwise_operands(input, target, kernel):
    """Promote and broadcast ``input``/``target`` as torch's pointwise losses do; integer
    results fail as torch's CPU kernels do (they exist for floating types only)."""
    x, y = jnp.asarray(input), jnp.asarray(target)
    _warn_size(x, y)
    shape = broadcast_shapes(x.shape, y.shape)
    dtype = dtypes.result_type(x, y)
    if not dtypes.is_floating(dtype):
        raise not_implemented(kernel, dtype)
    return jnp.broadcast_to(x.astype(dtype), shape), jnp.broadcast_to(y.astype(dtype), shape)


def _weighted(loss, weight, input_shape, reduction, mean_by_weight):
    """Elementwise ``weight`` as mse_loss/l1_loss/huber_loss apply it (a same-size tensor)."""
    w = jnp.asarray(weight)
    if w.shape != tuple(input_shape):
        raise ValueError("Weights and input must have the same size.")
    loss = loss * w
    if reduction == "mean" and mean_by_weight:
        # mse_loss and l1_loss normalise by the total weight, huber_loss by the element count.
        return jnp.sum(loss) / jnp.sum(w)
    return _reduce(loss, reduction)


def _only_where(chosen, value):
    """``value`` where ``chosen``, 0 elsewhere: the quadratic branch of a piecewise loss sees no
    large differences, whose squares (and their derivative's 2 * d) overflow float16 and turn
    the masked-out gradient into NaN (0 * inf)."""
    return jnp.where(chosen, value, jnp.zeros((), value.dtype))


def _concrete(x):
    """``x`` as numpy when its value is known now (eager call), None while traced."""
    if isinstance(x, jax.core.Tracer):
        return None
    return np.asarray(x)


# ----------------------------------------------------------------------------- regression
def mse_loss(input, target, size_average=None, reduce=None, reduction="mean", weight=None):
    """torch.nn.functional.mse_loss: ``(input - target) ** 2``, reduced.

    With ``weight`` (same size as ``input``) the mean is ``sum(w * err) / sum(w)``, as torch.

    >>> import jax.numpy as jnp
    >>> x, y = jnp.zeros(2, jnp.float32), jnp.array([1., 3.], jnp.float32)
    >>> mse_loss(x, y, reduction="sum")
    Array(10., dtype=float32)
    """
    shape = jnp.shape(input)
    reduction = _reduction(reduction, size_average, reduce)
    x, y = _pointwise_operands(input, target, "mse_cpu")
    loss = jnp.square(x - y)
    if weight is not None:
        return _weighted(loss, weight, shape, reduction, mean_by_weight=True)
    return _reduce(loss, reduction)


def l1_loss(input, target, size_average=None, reduce=None, reduction="mean", weight=None):
    """torch.nn.functional.l1_loss: ``|input - target|``, reduced (gradient ``sign``).

    >>> import jax.numpy as jnp
    >>> l1_loss(jnp.zeros(2, jnp.float32), jnp.array([1., -3.], jnp.float32))
    Array(2., dtype=float32)
    """
    shape = jnp.shape(input)
    reduction = _reduction(reduction, size_average, reduce)
    x, y = jnp.asarray(input), jnp.asarray(target)
    _warn_size(x, y)
    shape_b = broadcast_shapes(x.shape, y.shape)
    dtype = dtypes.result_type(x, y)
    if reduction == "mean":
        check_mean_dtype(dtype)  # torch's l1_loss is abs(diff).mean(): integers fail in mean()
    diff = jnp.broadcast_to(x.astype(dtype), shape_b) - jnp.broadcast_to(y.astype(dtype), shape_b)
    loss = _abs(diff)
    if weight is not None:
        return _weighted(loss, weight, shape, reduction, mean_by_weight=True)
    return _reduce(loss, reduction)


def smooth_l1_loss(input, target, size_average=None, reduce=None, reduction="mean", beta=1.0):
    """torch.nn.functional.smooth_l1_loss: ``0.5 d²/beta`` where ``|d| < beta``, else
    ``|d| - beta/2``; ``beta=0`` is l1_loss.

    >>> import jax.numpy as jnp
    >>> x, y = jnp.zeros(2, jnp.float32), jnp.array([0.5, 3.], jnp.float32)
    >>> smooth_l1_loss(x, y, reduction="none")
    Array([0.125, 2.5  ], dtype=float32)
    """
    if beta < 0:
        raise RuntimeError("smooth_l1_loss does not support negative values for beta.")
    reduction = _reduction(reduction, size_average, reduce)
    if beta == 0.0:
        return l1_loss(input, target, reduction=reduction)
    x, y = _pointwise_operands(input, target, "smooth_l1_cpu")
    d = _abs(x - y)
    near = d < beta
    loss = jnp.where(near, 0.5 * jnp.square(_only_where(near, x - y)) / beta, d - 0.5 * beta)
    return _reduce(loss, reduction)


def huber_loss(input, target, reduction="mean", delta=1.0, weight=None):
    """torch.nn.functional.huber_loss: ``0.5 d²`` where ``|d| < delta``, else
    ``delta (|d| - delta/2)``. The result has ``input``'s dtype, as torch's kernel.

    >>> import jax.numpy as jnp
    >>> x, y = jnp.zeros(2, jnp.float32), jnp.array([0.5, 3.], jnp.float32)
    >>> huber_loss(x, y, reduction="none")
    Array([0.125, 2.5  ], dtype=float32)
    """
    if delta <= 0:
        raise RuntimeError("huber_loss does not support non-positive values for delta.")
    shape = jnp.shape(input)
    reduction = _reduction(reduction)
    x, y = _pointwise_operands(input, target, "huber_cpu")
    x, y = x.astype(jnp.asarray(input).dtype), y.astype(jnp.asarray(input).dtype)
    d = _abs(x - y)
    near = d < delta
    loss = jnp.where(near, 0.5 * jnp.square(_only_where(near, x - y)), delta * (d - 0.5 * delta))
    if weight is not None:
        return _weighted(loss, weight, shape, reduction, mean_by_weight=False)
    return _reduce(loss, reduction)


# ----------------------------------------------------------------------------- classification
def _check_class_target(t):
    if t.dtype not in (dtypes.int64, np.dtype(np.uint8)):
        raise RuntimeError(f"expected target dtype to be Long or Byte, but got "
                           f"{torch_type_name(t.dtype)}")


def _check_class_weight(weight, x, n_classes):
    if weight is None:
        return None
    w = jnp.asarray(weight)
    if w.ndim != 1 or w.shape[0] != n_classes:
        raise RuntimeError(f"weight tensor should be defined either for all {n_classes} classes or "
                           f"no classes but got weight tensor of shape: {list(w.shape)}")
    if w.dtype != x.dtype:
        raise scalar_type_mismatch(x.dtype, w.dtype)
    return w


def multi_target_error() -> RuntimeError:
    """torch's error for a target of more dims than one per sample."""
    return RuntimeError("0D or 1D target tensor expected, multi-target not supported")


def _check_nll_shapes(x, t):
    """torch's shape checks for nll_loss (classes on dim 1, or dim 0 when unbatched)."""
    if x.ndim == 0:
        raise ValueError(f"Expected 1 or more dimensions (got {x.ndim})")
    if x.ndim <= 2:
        if t.ndim > 1:
            raise multi_target_error()
        if x.ndim == 1 and t.ndim == 1 and t.shape[0] != 1:
            raise ValueError(f"For 1D input, 1D target must have size 1, but got target size: "
                             f"{t.shape[0]}")
        if x.ndim == 2 and (t.shape[0] if t.ndim else 0) != x.shape[0]:
            raise ValueError(f"Expected input batch_size ({x.shape[0]}) to match target "
                             f"batch_size ({t.shape[0] if t.ndim else 0}).")
        return
    if x.shape[0] != t.shape[0]:
        raise ValueError(f"Expected input batch_size ({x.shape[0]}) to match target batch_size "
                         f"({t.shape[0]}).")
    expected = (x.shape[0],) + x.shape[2:]
    if t.shape != expected:
        raise RuntimeError(f"Expected target size {list(expected)}, got {list(t.shape)}")


def _check_bounds(t, n_classes, ignore_index):
    values = _concrete(t)
    if values is None:
        return  # traced: JAX cannot raise on values; out-of-range targets are the caller's bug
    bad = values[(values != ignore_index) & ((values < 0) | (values >= n_classes))]
    if bad.size:
        raise IndexError(f"Target {int(bad.flat[0])} is out of bounds.")


def _class_axis(x):
    return 0 if x.ndim == 1 else 1


def _class_targets_in_range(input, target, weight=None, size_average=None, ignore_index=-100,
                            reduce=None, reduction="mean", label_smoothing=0.0):
    """Host check of nll_loss and cross_entropy: every class-index target names a class (a
    compiled op cannot raise on values). Only the targets come to the host."""
    shape = jnp.shape(input)
    t = np.asarray(target)
    if t.dtype.kind in "iu" and t.shape != shape and len(shape):
        _check_bounds(t, shape[0 if len(shape) == 1 else 1], ignore_index)


def _probabilities_in_range(input, target, weight=None, size_average=None, reduce=None,
                            reduction="mean"):
    """Host check of binary_cross_entropy: probabilities in [0, 1] (checked when the shapes
    and dtypes agree: otherwise the op's own error comes first)."""
    if jnp.shape(input) == jnp.shape(target) and jnp.result_type(input) == jnp.result_type(target):
        values = np.asarray(input)
        if values.size and not ((values >= 0) & (values <= 1)).all():
            raise RuntimeError("all elements of input should be between 0 and 1")


@host_check(_class_targets_in_range)
def nll_loss(input, target, weight=None, size_average=None, ignore_index=-100, reduce=None,
             reduction="mean"):
    """torch.nn.functional.nll_loss: ``-w[y] * input[n, y]`` over log-probabilities ``input``
    (classes on dim 1, or dim 0 when unbatched).

    ``reduction="mean"`` divides by the summed weight of the non-ignored targets, as torch.

    >>> import jax.numpy as jnp
    >>> logp = jnp.log(jnp.array([[0.5, 0.5], [0.25, 0.75]], jnp.float32))
    >>> nll_loss(logp, jnp.array([0, 1]), weight=jnp.array([1., 3.], jnp.float32))
    Array(0.38904837, dtype=float32)
    """
    reduction = _reduction(reduction, size_average, reduce)
    x, t = jnp.asarray(input), jnp.asarray(target)
    _check_nll_shapes(x, t)
    _check_class_target(t)
    axis = _class_axis(x)
    n_classes = x.shape[axis]
    w = _check_class_weight(weight, x, n_classes)
    _check_bounds(t, n_classes, ignore_index)
    keep = t != ignore_index
    safe = jnp.where(keep, t, 0).astype(jnp.int32)
    picked = jnp.squeeze(jnp.take_along_axis(x, jnp.expand_dims(safe, axis), axis=axis), axis)
    w_t = jnp.ones((), x.dtype) if w is None else w[safe]
    w_t = jnp.where(keep, w_t, jnp.zeros((), x.dtype))
    loss = -picked * w_t
    if reduction == "none":
        return loss
    if reduction == "sum":
        return jnp.sum(loss)
    return jnp.sum(loss) / jnp.sum(jnp.broadcast_to(w_t, loss.shape))


@host_check(_class_targets_in_range)
def cross_entropy(input, target, weight=None, size_average=None, ignore_index=-100, reduce=None,
                  reduction="mean", label_smoothing=0.0):
    """torch.nn.functional.cross_entropy over unnormalised logits ``input``.

    ``target`` holds class indices (int64, shape of ``input`` without the class dim), or class
    probabilities (floating, same shape as ``input``). ``weight``, ``ignore_index``,
    ``label_smoothing`` and the weighted mean follow torch exactly.

    >>> import jax.numpy as jnp
    >>> logits = jnp.array([[2., 0., 0.], [0., 0., 0.]], jnp.float32)
    >>> cross_entropy(logits, jnp.array([0, 2]))
    Array(0.6690786, dtype=float32)
    >>> cross_entropy(logits, jnp.array([[1., 0., 0.], [0., 0., 1.]], jnp.float32))
    Array(0.6690786, dtype=float32)
    """
    reduction = _reduction(reduction, size_average, reduce)
    if label_smoothing > 1.0:
        raise RuntimeError(f"label_smoothing must be between 0.0 and 1.0. Got: {label_smoothing}")
    label_smoothing = max(label_smoothing, 0.0)  # torch smooths only for a positive value
    x, t = jnp.asarray(input), jnp.asarray(target)
    if x.shape == t.shape:  # probabilities: torch checks their dtype before the class dim
        _check_probability_target(t)
    if x.ndim == 0:
        raise IndexError("Dimension specified as 1 but tensor has no dimensions")
    axis = _class_axis(x)
    logp = log_softmax(x, axis)
    n_classes = x.shape[axis]
    if x.shape == t.shape:
        return _cross_entropy_probs(logp, t, weight, reduction, label_smoothing, axis)
    nll = nll_loss(logp, t, weight, ignore_index=ignore_index, reduction=reduction)
    if label_smoothing == 0.0:
        return nll
    # torch adds label_smoothing/C times the (weighted) sum of -log p over all classes, masked
    # at ignored targets and normalised as nll_loss normalises (weighted mean by w[y]).
    w = _check_class_weight(weight, logp, n_classes)
    keep = t != ignore_index
    per_class = logp if w is None else logp * jnp.expand_dims(w, tuple(range(1, logp.ndim - axis)))
    smooth = jnp.where(keep, -jnp.sum(per_class, axis=axis), jnp.zeros((), logp.dtype))
    if reduction == "sum":
        smooth = jnp.sum(smooth)
    elif reduction == "mean":
        if w is None:
            smooth = jnp.sum(smooth) / jnp.sum(keep)
        else:
            w_t = jnp.where(keep, w[jnp.where(keep, t, 0).astype(jnp.int32)], 0)
            smooth = jnp.sum(smooth) / jnp.sum(w_t)
    return (1 - label_smoothing) * nll + smooth * (label_smoothing / n_classes)


def _check_probability_target(t):
    if not dtypes.is_floating(t.dtype):
        raise RuntimeError("Expected floating point type for target with class probabilities, "
                           f"got {torch_type_name(t.dtype)}")


def _cross_entropy_probs(logp, t, weight, reduction, label_smoothing, axis):
    n_classes = logp.shape[axis]
    w = _check_class_weight(weight, logp, n_classes)
    dtype = dtypes.result_type(logp, t)
    logp, t = logp.astype(dtype), t.astype(dtype)
    if label_smoothing > 0:
        t = t * (1 - label_smoothing) + label_smoothing / n_classes
    terms = logp * t
    if w is not None:
        terms = terms * jnp.expand_dims(w, tuple(range(1, logp.ndim - axis)))
    loss = -jnp.sum(terms, axis=axis)
    if reduction == "mean":
        # A plain mean over the batch (and spatial) elements, whatever the weights.
        return jnp.sum(loss) / loss.size
    return _reduce(loss, reduction)


# ----------------------------------------------------------------------------- binary
_BCE_EPS = 1e-12  # torch's EPSILON in binary_cross_entropy_backward


@jax.custom_vjp
def _bce(x, y):
    # torch clamps each log at -100 so that a saturated prediction gives a finite loss.
    return (y - 1) * jnp.maximum(jnp.log1p(-x), -100.0) - y * jnp.maximum(jnp.log(x), -100.0)


def _bce_fwd(x, y):
    return _bce(x, y), (x, y)


def _bce_bwd(res, g):
    # torch's binary_cross_entropy_backward: (x - y) / max(x (1 - x), 1e-12), finite at 0 and 1
    # where the derivative of the clamped logs would be 0 or inf; the target's gradient is
    # torch's binary_cross_entropy_target_backward, -logit(x), unclamped.
    x, y = res
    grad_x = g * (x - y) / jnp.maximum((1 - x) * x, _BCE_EPS)
    grad_y = g * (jnp.log1p(-x) - jnp.log(x))
    return grad_x, grad_y


_bce.defvjp(_bce_fwd, _bce_bwd)


@gradient_samples(binary_cross_entropy=(
    lambda p, t: binary_cross_entropy(p, t),
    lambda: (jnp.array([0.2, 0.7, 0.5]), jnp.array([0.0, 1.0, 0.3]))))
@host_check(_probabilities_in_range)
def binary_cross_entropy(input, target, weight=None, size_average=None, reduce=None,
                         reduction="mean"):
    """torch.nn.functional.binary_cross_entropy on probabilities ``input`` in [0, 1].

    Each log is clamped at -100 and the gradient is torch's ``(x - y) / max(x(1-x), 1e-12)``,
    so saturated predictions give finite losses and gradients.

    >>> import jax.numpy as jnp
    >>> p, y = jnp.array([1., 0.5], jnp.float32), jnp.array([0., 1.], jnp.float32)
    >>> binary_cross_entropy(p, y, reduction="none")
    Array([100.       ,   0.6931472], dtype=float32)
    """
    reduction = _reduction(reduction, size_average, reduce)
    x, y = jnp.asarray(input), jnp.asarray(target)
    if x.shape != y.shape:
        raise ValueError(f"Using a target size ({_torch_size(y.shape)}) that is different to the "
                         f"input size ({_torch_size(x.shape)}) is deprecated. Please ensure they "
                         "have the same size.")
    if y.dtype != x.dtype:
        raise RuntimeError(f"Found dtype {torch_type_name(y.dtype)} but expected "
                           f"{torch_type_name(x.dtype)}")
    if _concrete(x) is not None:
        _probabilities_in_range(x, y)
    loss = _bce(x, y)
    if weight is not None:
        w = jnp.asarray(weight)
        if w.shape != x.shape:
            try:
                broadcast_shapes(x.shape, w.shape)
                ok = broadcast_shapes(x.shape, w.shape) == x.shape
            except RuntimeError:
                ok = False
            if not ok:
                dim = next(i for i in range(1, w.ndim + 1)
                           if i > x.ndim or w.shape[-i] not in (1, x.shape[-i]))
                raise RuntimeError(f"Attempting to broadcast a dimension of length {w.shape[-dim]} "
                                   f"at -{dim}! Mismatching argument at index 1 had "
                                   f"{_torch_size(w.shape)}; but expected shape should be "
                                   f"broadcastable to {list(x.shape)}")
        loss = loss * w.astype(x.dtype)
    return _reduce(loss, reduction)


def binary_cross_entropy_with_logits(input, target, weight=None, size_average=None, reduce=None,
                                     reduction="mean", pos_weight=None):
    """torch.nn.functional.binary_cross_entropy_with_logits: sigmoid + BCE, computed stably.

    ``pos_weight`` scales the positive term (broadcast over the class dim, the last).

    >>> import jax.numpy as jnp
    >>> x, y = jnp.zeros(2, jnp.float32), jnp.array([1., 0.], jnp.float32)
    >>> binary_cross_entropy_with_logits(x, y, pos_weight=jnp.float32(3.), reduction="none")
    Array([2.0794415, 0.6931472], dtype=float32)
    """
    reduction = _reduction(reduction, size_average, reduce)
    x, y = jnp.asarray(input), jnp.asarray(target)
    if x.shape != y.shape:
        raise ValueError(f"Target size ({_torch_size(y.shape)}) must be the same as input size "
                         f"({_torch_size(x.shape)})")
    dtype = dtypes.result_type(x, y)
    if not dtypes.is_floating(dtype):  # the sigmoid's float result into an integer result
        dtypes.check_can_cast(dtypes.float32, dtype)
    if not dtypes.is_floating(y.dtype):
        dtypes.check_can_cast(dtype, y.dtype)
    x, y = x.astype(dtype), y.astype(dtype)
    # -[pw y log σ(x) + (1 - y) log(1 - σ(x))] = (1 - y) x - (1 + (pw - 1) y) log σ(x), using
    # log(1 - σ(x)) = log σ(x) - x; log_sigmoid is smooth, so the gradient is exact at x = 0.
    log_sig = jax.nn.log_sigmoid(x)
    if pos_weight is None:
        loss = (1 - y) * x - log_sig
    else:
        pw = jnp.asarray(pos_weight)
        broadcast_shapes(pw.shape, y.shape)
        loss = (1 - y) * x - (1 + (pw.astype(dtype) - 1) * y) * log_sig
    if weight is not None:
        w = jnp.asarray(weight)
        broadcast_shapes(loss.shape, w.shape)
        loss = loss * w.astype(dtype)
    return _reduce(loss, reduction)


def warn_kl_div_mean(stacklevel=2) -> None:
    """torch's warning that kl_div's 'mean' reduction is not the KL divergence."""
    warnings.warn("reduction: 'mean' divides the total loss by both the batch size and the "
                  "support size.'batchmean' divides only by the batch size, and aligns with the "
                  "KL div math definition.'mean' will be changed to behave the same as "
                  "'batchmean' in the next major release.", UserWarning, stacklevel=stacklevel)


def kl_div(input, target, size_average=None, reduce=None, reduction="mean", log_target=False):
    """torch.nn.functional.kl_div: ``target * (log target - input)`` with ``input`` given as
    log-probabilities (``target`` too when ``log_target``); 0 where the target is 0.

    ``reduction="batchmean"`` divides the sum by ``input.shape[0]`` (the KL divergence);
    ``"mean"`` divides by the element count and warns, as torch.

    >>> import jax.numpy as jnp
    >>> logq, p = jnp.log(jnp.array([[0.5, 0.5]], jnp.float32)), jnp.array([[1., 0.]], jnp.float32)
    >>> kl_div(logq, p, reduction="batchmean")
    Array(0.6931472, dtype=float32)
    """
    if size_average is not None or reduce is not None:
        reduction = _reduction(reduction, size_average, reduce)
    else:
        if reduction == "mean":
            warn_kl_div_mean(stacklevel=3)
        if reduction != "batchmean":
            _reduction(reduction)
    x, y = jnp.asarray(input), jnp.asarray(target)
    if not (dtypes.is_floating(x.dtype) and dtypes.is_floating(y.dtype)):
        raise RuntimeError("kl_div: Integral inputs not supported.")
    shape = broadcast_shapes(y.shape, x.shape)  # torch's target * (log(target) - input)
    dtype = dtypes.result_type(x, y)
    x, y = jnp.broadcast_to(x.astype(dtype), shape), jnp.broadcast_to(y.astype(dtype), shape)
    if log_target:
        loss = jnp.exp(y) * (y - x)
    else:
        loss = jax.scipy.special.xlogy(y, y) - y * x
    if reduction == "batchmean":
        total = jnp.sum(loss)
        return total / jnp.shape(input)[0] if jnp.ndim(input) else total
    return _reduce(loss, reduction)


def soft_margin_loss(input, target, reduction="mean"):
    """torch.nn.functional.soft_margin_loss: ``log1p(exp(-target * input))``, reduced
    (torch's kernel: integer operands fail to cast its float result back).

    >>> import jax.numpy as jnp
    >>> soft_margin_loss(jnp.zeros(2, jnp.float32), jnp.array([1., -1.], jnp.float32))
    Array(0.6931472, dtype=float32)
    """
    x, y = jnp.asarray(input), jnp.asarray(target)
    shape = broadcast_shapes(x.shape, y.shape)
    dtype = dtypes.result_type(x, y)
    if not dtypes.is_floating(dtype):
        raise float_result_cast_error(dtype)
    x = jnp.broadcast_to(x.astype(dtype), shape)
    # torch's formula has no derivative for the target
    y = jax.lax.stop_gradient(jnp.broadcast_to(y.astype(dtype), shape))
    return _reduce(jnp.log1p(jnp.exp(-y * x)), _reduction(reduction))


# torch's derivatives.yaml gives soft_margin_loss no forward-mode formula
soft_margin_loss.forward_ad_refusal = forward_ad_refusal("soft_margin_loss_backward")
