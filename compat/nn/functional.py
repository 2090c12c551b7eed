"""``torch.nn.functional``: layers, activations and losses as functions on Tensors.

The functions are the op table's (``compat.ops.nn``): each dispatches one op of
``jaxgrad.functional`` under torch's ``grad_fn`` name.

>>> import compat as torch
>>> import compat.nn.functional as F
>>> F.softmax(torch.zeros(2), dim=0)
tensor([0.5000, 0.5000])
"""
from __future__ import annotations

from ..ops.nn import _legacy_reduction, _reduction  # noqa: F401  (the loss modules use them)
from ..ops.attention import canonical_mask as _canonical_mask  # noqa: F401  (as torch's F)
from ..ops.registry import NN_FUNCTIONS
from ..tensors import Tensor
from ..ops.table import install as _install  # noqa: F401  (the table is complete once imported)

__all__ = [
    "linear", "bilinear", "relu", "relu_", "leaky_relu", "leaky_relu_", "gelu", "tanh", "sigmoid",
    "silu", "elu", "softplus", "hardtanh", "relu6", "logsigmoid", "softmax", "log_softmax",
    "dropout", "embedding", "one_hot", "layer_norm", "batch_norm", "conv2d", "max_pool2d",
    "avg_pool2d", "mse_loss", "l1_loss", "smooth_l1_loss", "huber_loss", "cross_entropy",
    "nll_loss", "binary_cross_entropy", "binary_cross_entropy_with_logits", "kl_div",
    "normalize", "pad", "scaled_dot_product_attention", "multi_head_attention_forward",
    "conv1d", "conv_transpose1d", "conv_transpose2d", "group_norm", "rms_norm", "instance_norm",
    "adaptive_avg_pool1d", "adaptive_avg_pool2d", "interpolate", "upsample", "selu", "mish",
    "prelu", "dropout1d", "dropout2d", "celu", "celu_", "threshold", "threshold_", "glu",
    "hardshrink", "softshrink", "hardsigmoid", "hardswish", "softsign", "tanhshrink", "softmin",
    "cosine_similarity", "pairwise_distance", "pixel_shuffle", "pixel_unshuffle",
    "soft_margin_loss", "margin_ranking_loss", "hinge_embedding_loss", "cosine_embedding_loss",
    "poisson_nll_loss", "triplet_margin_loss", "gaussian_nll_loss",
    "max_pool1d", "max_pool3d", "max_pool1d_with_indices", "max_pool2d_with_indices",
    "max_pool3d_with_indices", "avg_pool1d", "avg_pool3d", "adaptive_max_pool1d",
    "adaptive_max_pool2d", "adaptive_max_pool3d", "adaptive_max_pool1d_with_indices",
    "adaptive_max_pool2d_with_indices", "adaptive_max_pool3d_with_indices", "adaptive_avg_pool3d",
    "lp_pool1d", "lp_pool2d", "lp_pool3d", "max_unpool1d", "max_unpool2d", "unfold", "fold",
    "local_response_norm", "channel_shuffle", "elu_", "selu_", "hardtanh_", "rrelu", "rrelu_",
    "alpha_dropout", "feature_alpha_dropout", "dropout3d", "gumbel_softmax", "pdist",
]

globals().update(NN_FUNCTIONS)


def _none_or_dtype(input):
    """The dtype of ``input``, or None (torch's helper of the attention modules' masks)."""
    if input is None:
        return None
    if isinstance(input, Tensor):
        return input.dtype
    raise RuntimeError("input to _none_or_dtype() must be None or torch.Tensor")
