"""``torch.Size``: a tuple of ints with torch's repr.

>>> import compat as torch
>>> torch.zeros(2, 3).shape
torch.Size([2, 3])
"""
from . import printing


class Size(tuple):
    """The shape of a tensor."""

    __module__ = "torch"

    def __repr__(self):
        return printing.format_size(self)

    __str__ = __repr__

    def numel(self) -> int:
        n = 1
        for s in self:
            n *= s
        return n

    def __getitem__(self, item):
        out = tuple.__getitem__(self, item)
        return Size(out) if isinstance(item, slice) else out

    def __add__(self, other):
        return Size(tuple(self) + tuple(other))
