"""``torch.Size``: a tuple of ints with torch's repr.

>>> import compat as torch
>>> torch.zeros(2, 3).shape
torch.Size([2, 3])
>>> torch.Size([2, 3]) + (4,), 2 * torch.Size([1])
(torch.Size([2, 3, 4]), torch.Size([1, 1]))
"""
import operator

import numpy as np

from . import printing
from .typenames import type_name


def _as_size_element(item, position):
    """An element torch.Size keeps: an int (numpy ints too), else its ``__index__``."""
    if isinstance(item, (int, np.integer)) and not isinstance(item, bool):
        return item
    try:
        return operator.index(item)
    except TypeError:
        raise TypeError(f"torch.Size() takes an iterable of 'int' (item {position} is "
                        f"'{type_name(item)}')") from None


class Size(tuple):
    """The shape of a tensor."""

    __module__ = "torch"

    def __new__(cls, *args):
        if len(args) > 1:
            raise TypeError(f"tuple expected at most 1 argument, got {len(args)}")
        self = tuple.__new__(cls, *args)
        for item in self:
            if type(item) is not int:  # shapes are plain ints: check the rest only then
                return tuple.__new__(cls, [_as_size_element(v, i) for i, v in enumerate(self)])
        return self

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
        if not isinstance(other, tuple):
            raise TypeError(f"can only concatenate tuple (not {type_name(other)}) to torch.Size")
        return Size(tuple(self) + tuple(other))

    def __radd__(self, other):
        if not isinstance(other, tuple):
            return NotImplemented
        return Size(tuple(other) + tuple(self))

    def __mul__(self, times):
        try:
            times = operator.index(times)
        except TypeError:
            raise TypeError(f"can't multiply sequence by non-int of type "
                            f"'{type(times).__name__}'") from None
        return Size(tuple.__mul__(self, times))

    __rmul__ = __mul__
