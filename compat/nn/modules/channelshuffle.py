"""``ChannelShuffle``.

>>> import compat as torch
>>> torch.nn.ChannelShuffle(2)
ChannelShuffle(groups=2)
"""
from __future__ import annotations

from .. import functional as F
from .module import Module


class ChannelShuffle(Module):
    """The channels of ``(N, g·k, *)`` read as a ``g × k`` grid and written transposed."""

    __module__ = "torch.nn.modules.channelshuffle"
    __constants__ = ["groups"]

    def __init__(self, groups):
        super().__init__()
        self.groups = groups

    def forward(self, input):
        return F.channel_shuffle(input, self.groups)

    def extra_repr(self):
        return f"groups={self.groups}"
