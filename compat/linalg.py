"""``torch.linalg``: the op table's linear-algebra functions (factorizations, inverses,
solves, norms, determinants, matrix functions) and ``LinAlgError``.

>>> import compat as torch
>>> torch.linalg.solve_triangular(torch.tensor([[2., 0.], [1., 1.]]),
...                               torch.tensor([[2.], [3.]]), upper=False)
tensor([[1.],
        [2.]])
"""
from __future__ import annotations

from .ops.linalg import LinAlgError  # noqa: F401  (torch.linalg.LinAlgError)
from .ops.registry import LINALG_FUNCTIONS
from .ops.table import install as _install  # noqa: F401  (the table is complete once imported)

globals().update(LINALG_FUNCTIONS)

__all__ = ["LinAlgError", *sorted(LINALG_FUNCTIONS)]
