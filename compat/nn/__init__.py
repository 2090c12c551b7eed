"""``torch.nn``: modules, parameters, ``functional``, ``init`` and ``utils`` on compat Tensors.

>>> import compat as torch
>>> _ = torch.manual_seed(0)
>>> model = torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.ReLU())
>>> [tuple(p.shape) for p in model.parameters()]
[(2, 2), (2,)]
"""
from . import functional, init, utils  # noqa: F401
from .modules import (AvgPool2d, BCELoss, BCEWithLogitsLoss, BatchNorm1d, BatchNorm2d, Bilinear,
                      Conv2d, CrossEntropyLoss, Dropout, ELU, Embedding, Flatten, GELU, Hardtanh,
                      HuberLoss, Identity, KLDivLoss, L1Loss, LayerNorm, LeakyReLU, Linear,
                      LogSigmoid, LogSoftmax, MSELoss, MaxPool2d, Module, ModuleDict, ModuleList,
                      MultiheadAttention, NLLLoss, ReLU, ReLU6, Sequential, SiLU, Sigmoid,
                      SmoothL1Loss, Softmax, Softplus, Tanh, Transformer, TransformerDecoder,
                      TransformerDecoderLayer, TransformerEncoder, TransformerEncoderLayer,
                      Unflatten)
from .modules import module  # noqa: F401
from .parameter import Buffer, Parameter

__all__ = ["AvgPool2d", "BCELoss", "BCEWithLogitsLoss", "BatchNorm1d", "BatchNorm2d", "Bilinear",
           "Buffer", "Conv2d", "CrossEntropyLoss", "Dropout", "ELU", "Embedding", "Flatten",
           "GELU", "Hardtanh", "HuberLoss", "Identity", "KLDivLoss", "L1Loss", "LayerNorm",
           "LeakyReLU", "Linear", "LogSigmoid", "LogSoftmax", "MSELoss", "MaxPool2d", "Module",
           "ModuleDict", "ModuleList", "MultiheadAttention", "NLLLoss", "Parameter", "ReLU",
           "ReLU6", "Sequential", "SiLU", "Sigmoid", "SmoothL1Loss", "Softmax", "Softplus", "Tanh",
           "Transformer", "TransformerDecoder", "TransformerDecoderLayer", "TransformerEncoder",
           "TransformerEncoderLayer", "Unflatten", "functional", "init", "utils"]
