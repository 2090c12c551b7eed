"""``torch.testing``: :func:`make_tensor` (seeded draws as torch's) and :func:`assert_close` with torch's default tolerances per dtype, its
comparison of nested sequences and mappings, and its failure messages word for word.

>>> import compat as torch
>>> torch.testing.assert_close(torch.tensor([1., 2.]), torch.tensor([1., 2. + 1e-6]))
>>> torch.testing.assert_close(torch.tensor([1., 2., 3.]), torch.tensor([1., 2., 3.5]))
Traceback (most recent call last):
    ...
AssertionError: Tensor-likes are not close!
<BLANKLINE>
Mismatched elements: 1 / 3 (33.3%)
Greatest absolute difference: 0.5 at index (2,) (up to 1e-05 allowed)
Greatest relative difference: 0.1428571492433548 at index (2,) (up to 1.3e-06 allowed)
"""
from __future__ import annotations

from .comparison import assert_close
from .creation import make_tensor

__all__ = ["assert_close", "make_tensor"]
