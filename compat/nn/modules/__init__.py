"""The module classes of ``torch.nn``."""
import sys

from .activation import (ELU, GELU, Hardtanh, LeakyReLU, LogSigmoid, LogSoftmax, Mish, PReLU,
                         ReLU, ReLU6, SELU, Sigmoid, SiLU, Softmax, Softplus, Tanh)
from .activation import (CELU, GLU, Hardshrink, Hardsigmoid, Hardswish, Softmin, Softshrink,
                         Softsign, Tanhshrink, Threshold)
from .activation import RReLU, Softmax2d
from .attention import MultiheadAttention
from .batchnorm import BatchNorm1d, BatchNorm2d, LazyBatchNorm1d, LazyBatchNorm2d
from .channelshuffle import ChannelShuffle
from .container import ModuleDict, ModuleList, ParameterDict, ParameterList, Sequential
from .conv import (Conv1d, Conv2d, ConvTranspose1d, ConvTranspose2d, LazyConv1d, LazyConv2d,
                   LazyConvTranspose1d, LazyConvTranspose2d)
from .distance import CosineSimilarity, PairwiseDistance
from .dropout import AlphaDropout, Dropout, Dropout1d, Dropout2d, Dropout3d, FeatureAlphaDropout
from .flatten import Flatten, Unflatten
from .fold import Fold, Unfold
from .lazy import LazyModuleMixin
from .linear import Bilinear, Identity, LazyLinear, Linear, NonDynamicallyQuantizableLinear
from .loss import (BCELoss, BCEWithLogitsLoss, CrossEntropyLoss, HuberLoss, KLDivLoss, L1Loss,
                   MSELoss, NLLLoss, SmoothL1Loss)
from .loss import (CosineEmbeddingLoss, GaussianNLLLoss, HingeEmbeddingLoss, MarginRankingLoss,
                   PoissonNLLLoss, SoftMarginLoss, TripletMarginLoss)
from .module import Module
from .instancenorm import InstanceNorm1d, InstanceNorm2d, LazyInstanceNorm1d, LazyInstanceNorm2d
from .normalization import GroupNorm, LayerNorm, LocalResponseNorm, RMSNorm
from .padding import (CircularPad1d, CircularPad2d, ConstantPad1d, ConstantPad2d, ReflectionPad1d,
                      ReflectionPad2d, ReplicationPad1d, ReplicationPad2d, ZeroPad1d, ZeroPad2d)
from .pixelshuffle import PixelShuffle, PixelUnshuffle
from .pooling import (AdaptiveAvgPool1d, AdaptiveAvgPool2d, AdaptiveAvgPool3d, AdaptiveMaxPool1d,
                      AdaptiveMaxPool2d, AdaptiveMaxPool3d, AvgPool1d, AvgPool2d, AvgPool3d,
                      LPPool1d, LPPool2d, LPPool3d, MaxPool1d, MaxPool2d, MaxPool3d, MaxUnpool1d,
                      MaxUnpool2d)
from .rnn import GRU, GRUCell, LSTM, LSTMCell, RNN, RNNBase, RNNCell, RNNCellBase
from .sparse import Embedding
from .upsampling import Upsample, UpsamplingBilinear2d, UpsamplingNearest2d
from .transformer import (Transformer, TransformerDecoder, TransformerDecoderLayer,
                          TransformerEncoder, TransformerEncoderLayer)


_TORCH_HOME = {"attention": "activation"}


def _as_torch_names():
    # Classes name themselves as torch's do (``<class 'torch.nn.modules.linear.Linear'>`` in
    # messages and reprs), as compat's Tensor calls itself ``torch.Tensor``.
    for sub in ("activation", "attention", "batchnorm", "channelshuffle", "container", "conv",
                "dropout", "flatten", "fold", "instancenorm", "lazy", "linear", "loss", "module",
                "normalization", "padding",
                "pooling", "distance", "pixelshuffle", "rnn", "sparse", "transformer",
                "upsampling"):
        mod = sys.modules[f"{__name__}.{sub}"]
        for value in list(vars(mod).values()):
            if isinstance(value, type) and value.__module__ == mod.__name__:
                # torch keeps MultiheadAttention among its activations.
                value.__module__ = f"torch.nn.modules.{_TORCH_HOME.get(sub, sub)}"


_as_torch_names()
