"""``torch.nn``: modules, parameters, ``functional``, ``init`` and ``utils`` on compat Tensors.

>>> import compat as torch
>>> _ = torch.manual_seed(0)
>>> model = torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.ReLU())
>>> [tuple(p.shape) for p in model.parameters()]
[(2, 2), (2,)]
"""
from . import functional, init, utils  # noqa: F401
from .modules import (AdaptiveAvgPool1d, AdaptiveAvgPool2d, AvgPool2d, BCELoss, BCEWithLogitsLoss,
                      BatchNorm1d, BatchNorm2d, Bilinear, CircularPad1d, CircularPad2d,
                      ConstantPad1d, ConstantPad2d, Conv1d, Conv2d, ConvTranspose1d,
                      ConvTranspose2d, CrossEntropyLoss, Dropout, Dropout1d, Dropout2d, ELU,
                      Embedding, Flatten, GELU, GRU, GRUCell, GroupNorm, Hardtanh, HuberLoss,
                      Identity, InstanceNorm1d, InstanceNorm2d, KLDivLoss, L1Loss, LSTM, LSTMCell,
                      LayerNorm, LeakyReLU, Linear, LogSigmoid, LogSoftmax, MSELoss, MaxPool2d,
                      Mish, Module, ModuleDict, ModuleList, MultiheadAttention, NLLLoss, PReLU,
                      RMSNorm, RNN, RNNBase, RNNCell, RNNCellBase, ReLU, ReLU6, ReflectionPad1d,
                      ReflectionPad2d, ReplicationPad1d, ReplicationPad2d, SELU, Sequential, SiLU,
                      Sigmoid, SmoothL1Loss, Softmax, Softplus, Tanh, Transformer,
                      TransformerDecoder, TransformerDecoderLayer, TransformerEncoder,
                      TransformerEncoderLayer, Unflatten, Upsample, ZeroPad1d, ZeroPad2d)
from .modules import (CELU, GLU, Hardshrink, Hardsigmoid, Hardswish, Softmin, Softshrink,
                      Softsign, Tanhshrink, Threshold)
from .modules import CosineSimilarity, PairwiseDistance, PixelShuffle, PixelUnshuffle
from .modules import (CosineEmbeddingLoss, GaussianNLLLoss, HingeEmbeddingLoss, MarginRankingLoss,
                      PoissonNLLLoss, SoftMarginLoss, TripletMarginLoss)
from .modules import UpsamplingBilinear2d, UpsamplingNearest2d
from .modules import (AdaptiveAvgPool3d, AdaptiveMaxPool1d, AdaptiveMaxPool2d, AdaptiveMaxPool3d,
                      AvgPool1d, AvgPool3d, LPPool1d, LPPool2d, LPPool3d, MaxPool1d, MaxPool3d,
                      MaxUnpool1d, MaxUnpool2d)
from .modules import ChannelShuffle, Fold, LocalResponseNorm, Unfold
from .modules import AlphaDropout, Dropout3d, FeatureAlphaDropout, RReLU, Softmax2d
from .modules import (LazyBatchNorm1d, LazyBatchNorm2d, LazyConv1d, LazyConv2d,
                      LazyConvTranspose1d, LazyConvTranspose2d, LazyInstanceNorm1d,
                      LazyInstanceNorm2d, LazyLinear, ParameterDict, ParameterList)
from .modules import module  # noqa: F401
from . import parameter  # noqa: F401
from .parameter import Buffer, Parameter, UninitializedBuffer, UninitializedParameter

__all__ = ["AdaptiveAvgPool1d", "AdaptiveAvgPool2d", "AvgPool2d", "BCELoss", "BCEWithLogitsLoss",
           "BatchNorm1d", "BatchNorm2d", "Bilinear", "Buffer", "CELU", "CircularPad1d",
           "CircularPad2d", "ConstantPad1d", "ConstantPad2d", "Conv1d", "Conv2d", "ConvTranspose1d",
           "ConvTranspose2d", "CosineEmbeddingLoss", "CosineSimilarity", "CrossEntropyLoss",
           "Dropout", "Dropout1d", "Dropout2d", "ELU", "Embedding", "Flatten", "GELU", "GLU", "GRU",
           "GRUCell", "GaussianNLLLoss", "GroupNorm", "Hardshrink", "Hardsigmoid", "Hardswish",
           "Hardtanh", "HingeEmbeddingLoss", "HuberLoss", "Identity", "InstanceNorm1d",
           "InstanceNorm2d", "KLDivLoss", "L1Loss", "LSTM", "LSTMCell", "LayerNorm",
           "LazyBatchNorm1d", "LazyBatchNorm2d", "LazyConv1d", "LazyConv2d", "LazyConvTranspose1d",
           "LazyConvTranspose2d", "LazyInstanceNorm1d", "LazyInstanceNorm2d", "LazyLinear",
           "LeakyReLU", "Linear", "LogSigmoid", "LogSoftmax", "MSELoss", "MarginRankingLoss",
           "MaxPool2d", "Mish", "Module", "ModuleDict", "ModuleList", "MultiheadAttention",
           "NLLLoss", "PReLU", "PairwiseDistance", "Parameter", "ParameterDict", "ParameterList",
           "PixelShuffle", "PixelUnshuffle", "PoissonNLLLoss", "RMSNorm", "RNN", "RNNBase",
           "RNNCell", "RNNCellBase", "ReLU", "ReLU6", "ReflectionPad1d", "ReflectionPad2d",
           "ReplicationPad1d", "ReplicationPad2d", "SELU", "Sequential", "SiLU", "Sigmoid",
           "SmoothL1Loss", "SoftMarginLoss", "Softmax", "Softmin", "Softplus", "Softshrink",
           "Softsign", "Tanh", "Tanhshrink", "Threshold", "Transformer", "TransformerDecoder",
           "TransformerDecoderLayer", "TransformerEncoder", "TransformerEncoderLayer",
           "TripletMarginLoss", "Unflatten", "UninitializedBuffer", "UninitializedParameter",
           "Upsample", "ZeroPad1d", "ZeroPad2d", "functional", "init", "utils"]
__all__ += ["UpsamplingBilinear2d", "UpsamplingNearest2d"]
__all__ += ["AdaptiveAvgPool3d", "AdaptiveMaxPool1d", "AdaptiveMaxPool2d", "AdaptiveMaxPool3d",
            "AvgPool1d", "AvgPool3d", "LPPool1d", "LPPool2d", "LPPool3d", "MaxPool1d", "MaxPool3d",
            "MaxUnpool1d", "MaxUnpool2d", "ChannelShuffle", "Fold", "LocalResponseNorm", "Unfold",
            "AlphaDropout", "Dropout3d", "FeatureAlphaDropout", "RReLU", "Softmax2d"]
