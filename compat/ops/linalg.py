"""Op-table entries: Cholesky factorization, triangular solves and ``cholesky_inverse``
(``torch.linalg.*`` and their ``torch.*``/Tensor forms).

>>> import compat as torch
>>> a = torch.tensor([[4., 2.], [2., 3.]], requires_grad=True)
>>> torch.linalg.cholesky(a)
tensor([[2.0000, 0.0000],
        [1.0000, 1.4142]], grad_fn=<LinalgCholeskyExBackward0>)
"""
from __future__ import annotations

from jaxgrad.functional import decompositions as D

from .reductions import return_type
from .registry import op

LinAlgError = D.LinAlgError

CHOLESKY_EX = return_type("linalg_cholesky_ex", ("L", "info"))

# torch computes linalg.cholesky as cholesky_ex: its node is LinalgCholeskyExBackward0
linalg_cholesky = op("linalg_cholesky(self, *, upper=False)", D.linalg_cholesky,
                     "LinalgCholeskyExBackward0", method=False, function=False,
                     linalg="cholesky")
linalg_cholesky_ex = op("linalg_cholesky_ex(self, *, upper=False, check_errors=False)",
                        D.linalg_cholesky_ex, "LinalgCholeskyExBackward0", method=False,
                        function=False, linalg="cholesky_ex", returns=CHOLESKY_EX)
linalg_solve_triangular = op("linalg_solve_triangular(self, B, *, upper, left=True, "
                             "unitriangular=False)", D.linalg_solve_triangular,
                             "LinalgSolveTriangularBackward0", traced=("self", "B"),
                             tensors_only=("B",), method=False, function=False,
                             linalg="solve_triangular")
cholesky_inverse = op("cholesky_inverse(self, upper=False)", D.cholesky_inverse,
                      "CholeskyInverseBackward0")
