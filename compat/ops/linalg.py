"""Op-table entries: Cholesky factorization, triangular solves, ``cholesky_inverse`` and the
LU inverse (``torch.linalg.*`` and their ``torch.*``/Tensor forms).

>>> import compat as torch
>>> a = torch.tensor([[4., 2.], [2., 3.]], requires_grad=True)
>>> torch.linalg.cholesky(a)
tensor([[2.0000, 0.0000],
        [1.0000, 1.4142]], grad_fn=<LinalgCholeskyExBackward0>)
"""
from __future__ import annotations

from jaxgrad.functional import decompositions as D
from jaxgrad.functional import inversion as I

from .reductions import return_type
from .registry import op

LinAlgError = D.LinAlgError

CHOLESKY_EX = return_type("linalg_cholesky_ex", ("L", "info"))
INV_EX = return_type("linalg_inv_ex", ("inverse", "info"))

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
# torch computes linalg.inv and inverse as linalg.inv_ex: their node is LinalgInvExBackward0
linalg_inv = op("linalg_inv(self)", I.linalg_inv, "LinalgInvExBackward0", method=False,
                function=False, linalg="inv")
linalg_inv_ex = op("linalg_inv_ex(self, *, check_errors=False)", I.linalg_inv_ex,
                   "LinalgInvExBackward0", method=False, function=False, linalg="inv_ex",
                   returns=INV_EX)
inverse = op("inverse(self)", I.linalg_inv, "LinalgInvExBackward0")
