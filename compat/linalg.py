"""``torch.linalg``: the op table's linear-algebra functions (``cholesky``, ``cholesky_ex``,
``inv``, ``inv_ex``, ``solve_triangular``) and ``LinAlgError``.

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

__all__ = ["LinAlgError", "cholesky", "cholesky_ex", "inv", "inv_ex", "solve_triangular"]

globals().update(LINALG_FUNCTIONS)
