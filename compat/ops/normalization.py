"""Op-table entries of ``torch.nn.functional``'s group, RMS and instance normalisation
(layer and batch normalisation are in :mod:`compat.ops.nn`).

Instance normalisation is torch's composite: a batch normalisation of the input viewed as
one sample of ``N·C`` channels, whose running statistics are then averaged over the batch.

>>> import compat as torch
>>> import compat.nn.functional as F
>>> F.group_norm(torch.tensor([[1., 3., 0., 4.]]), 2, eps=0.)
tensor([[-1.,  1., -1.,  1.]])
"""
from __future__ import annotations

import math

from jaxgrad.functional import normalization as _normalization

from .. import grad_mode
from ..size import Size
from . import nn as _nn
from .registry import nn_function, op

_group_norm = op("group_norm(self, num_groups, weight=None, bias=None, eps=1e-05)",
                 _normalization.group_norm, "NativeGroupNormBackward0",
                 traced=("self", "weight", "bias"), method=False, function=False)


@nn_function("group_norm")
def group_norm(input, num_groups, weight=None, bias=None, eps=1e-5):
    """Normalise each of ``num_groups`` groups of channels over its channels and spatial
    dims, then scale and shift per channel."""
    if input.ndim >= 2:  # fewer dims: the op's own error
        size = [input.shape[0] * input.shape[1] // num_groups, num_groups] + list(input.shape[2:])
        _nn.check_values_per_channel(size, size)
    return _group_norm(input, int(num_groups), weight, bias, float(eps))


def _rms_norm_name(self, normalized_shape, weight, eps):
    # torch's composite rounds a half-precision result back last (``type_as``).
    return "ToCopyBackward0" if self.dtype.itemsize == 2 else "MulBackward0"


_rms_norm = op("rms_norm(self, normalized_shape, weight=None, eps=None)",
               _normalization.rms_norm, _rms_norm_name, traced=("self", "weight"),
               method=False, function=False)


@nn_function("rms_norm")
def rms_norm(input, normalized_shape, weight=None, eps=None):
    """``x / sqrt(mean(x²) + eps) * weight`` over the trailing ``normalized_shape`` dims
    (``eps`` defaults to the dtype's machine epsilon)."""
    _nn.check_shape_argument("rms_norm", normalized_shape)
    return _rms_norm(input, tuple(normalized_shape), weight, None if eps is None else float(eps))


@nn_function("instance_norm")
def instance_norm(input, running_mean=None, running_var=None, weight=None, bias=None,
                  use_input_stats=True, momentum=0.1, eps=1e-5):
    """Normalise each channel of each sample over its spatial dims; with running statistics,
    update them (training) or use them (``use_input_stats=False``)."""
    if use_input_stats and math.prod(input.shape[2:]) == 1:
        raise ValueError(f"Expected more than 1 spatial element when training, got input size "
                         f"{Size(input.shape)}")
    b, c = input.shape[0], input.shape[1]

    def repeated(t):
        return None if t is None else t.repeat(b)
    mean, var = repeated(running_mean), repeated(running_var)
    flat = input.reshape(1, b * c, *input.shape[2:])
    out = _nn.batch_norm(flat, mean, var, repeated(weight), repeated(bias), use_input_stats,
                         momentum, eps)
    if use_input_stats:
        with grad_mode.no_grad():
            # Each channel's running statistic moves toward the batch's mean of its samples'.
            if running_mean is not None:
                running_mean._set_data(mean.view(b, c).mean(0)._data)
            if running_var is not None:
                running_var._set_data(var.view(b, c).mean(0)._data)
    return out.view(*input.shape)
