"""``Unfold`` (im2col) and ``Fold`` (col2im).

>>> import compat as torch
>>> torch.nn.Unfold(3)
Unfold(kernel_size=3, dilation=1, padding=0, stride=1)
"""
from __future__ import annotations

from .. import functional as F
from .module import Module


class Fold(Module):
    """Columns of sliding blocks, ``(N, C·∏kernel_size, L)``, summed back into
    ``(N, C, *output_size)``."""

    __module__ = "torch.nn.modules.fold"
    __constants__ = ["output_size", "kernel_size", "dilation", "padding", "stride"]

    def __init__(self, output_size, kernel_size, dilation=1, padding=0, stride=1):
        super().__init__()
        self.output_size = output_size
        self.kernel_size = kernel_size
        self.dilation = dilation
        self.padding = padding
        self.stride = stride

    def forward(self, input):
        return F.fold(input, self.output_size, self.kernel_size, self.dilation, self.padding,
                      self.stride)

    def extra_repr(self):
        return ("output_size={output_size}, kernel_size={kernel_size}, dilation={dilation}, "
                "padding={padding}, stride={stride}".format(**self.__dict__))


class Unfold(Module):
    """Each sliding ``kernel_size`` block of ``(N, C, H, W)`` as a column of
    ``(N, C·∏kernel_size, L)``."""

    __module__ = "torch.nn.modules.fold"
    __constants__ = ["kernel_size", "dilation", "padding", "stride"]

    def __init__(self, kernel_size, dilation=1, padding=0, stride=1):
        super().__init__()
        self.kernel_size = kernel_size
        self.dilation = dilation
        self.padding = padding
        self.stride = stride

    def forward(self, input):
        return F.unfold(input, self.kernel_size, self.dilation, self.padding, self.stride)

    def extra_repr(self):
        return ("kernel_size={kernel_size}, dilation={dilation}, padding={padding}, "
                "stride={stride}".format(**self.__dict__))
