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
from jaxgrad.functional import linalg as M
from jaxgrad.functional import norms as N
from jaxgrad.functional import spectral as P
from jaxgrad.functional import square_matrices as S

from .reductions import return_type
from .registry import FUNCTIONS, check_input, linalg_function, method, op

LinAlgError = D.LinAlgError

CHOLESKY_EX = return_type("linalg_cholesky_ex", ("L", "info"))
INV_EX = return_type("linalg_inv_ex", ("inverse", "info"))
LINALG_SLOGDET = return_type("linalg_slogdet", ("sign", "logabsdet"))
SLOGDET = return_type("slogdet", ("sign", "logabsdet"))
SOLVE_EX = return_type("linalg_solve_ex", ("result", "info"))

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

# ------------------------------------------------------------------ norms
linalg_vector_norm = op("linalg_vector_norm(self, ord=2, dim=None, keepdim=False, *, dtype=None)",
                        N.linalg_vector_norm, "LinalgVectorNormBackward0", method=False,
                        function=False, linalg="vector_norm")


def _matrix_norm_node(ord, keepdim=False) -> str:
    # torch composes matrix norms from reductions: the last one names the node (with
    # keepdim, the singular-value norms end by permuting the kept dims back)
    if ord == "fro":
        return "LinalgVectorNormBackward0"
    if keepdim and ord in ("nuc", 2, -2):
        return "PermuteBackward0"
    if ord == "nuc":
        return "SumBackward1"
    return "AmaxBackward0" if ord > 0 else "AminBackward0"


linalg_matrix_norm = op("linalg_matrix_norm(self, ord='fro', dim=(-2, -1), keepdim=False, *, "
                        "dtype=None)", N.linalg_matrix_norm,
                        lambda self, ord, dim, keepdim, dtype: _matrix_norm_node(ord, keepdim),
                        method=False, function=False, linalg="matrix_norm")


def _norm_node(self, ord, dim, keepdim, dtype):
    if N.norm_is_matrix_norm(self.ndim, ord, dim):
        return _matrix_norm_node(ord, keepdim)
    return "LinalgVectorNormBackward0"


linalg_norm = op("linalg_norm(self, ord=None, dim=None, keepdim=False, *, dtype=None)",
                 N.linalg_norm, _norm_node, method=False, function=False, linalg="norm")

# ------------------------------------------------------------------ determinants, solves, powers
linalg_det = op("linalg_det(self)", S.linalg_det, "LinalgDetBackward0", method=False,
                function=False, linalg="det")
det = op("det(self)", S.linalg_det, "LinalgDetBackward0")
linalg_slogdet = op("linalg_slogdet(self)", S.linalg_slogdet, "LinalgSlogdetBackward0",
                    method=False, function=False, linalg="slogdet", returns=LINALG_SLOGDET)
slogdet = op("slogdet(self)", S.linalg_slogdet, "LinalgSlogdetBackward0", returns=SLOGDET)
# torch's logdet is slogdet's logabsdet with NaN where the sign is -1: a where node
logdet = op("logdet(self)", S.logdet, "WhereBackward0")
# torch computes linalg.solve as solve_ex: its node is LinalgSolveExBackward0
linalg_solve = op("linalg_solve(self, B, *, left=True)", S.linalg_solve, "LinalgSolveExBackward0",
                  traced=("self", "B"), tensors_only=("B",), method=False, function=False,
                  linalg="solve")
linalg_solve_ex = op("linalg_solve_ex(self, B, *, left=True, check_errors=False)",
                     S.linalg_solve_ex, "LinalgSolveExBackward0", traced=("self", "B"),
                     tensors_only=("B",), method=False, function=False, linalg="solve_ex",
                     returns=SOLVE_EX)


def _power_node(self, n):
    # torch's matrix_power: a copy of the identity, a clone, an inverse, or products (mm for
    # one matrix, matmul's batched product, which ends in a reshape, for a batch)
    if n == 0:
        return "CopyBackwards"
    if n == 1:
        return "CloneBackward0"
    if n == -1:
        return "LinalgInvExBackward0"
    return "MmBackward0" if self.ndim == 2 else "UnsafeViewBackward0"


linalg_matrix_power = op("linalg_matrix_power(self, n)", S.linalg_matrix_power, _power_node,
                         method=False, function=False, linalg="matrix_power")
matrix_power = op("matrix_power(self, n)", S.matrix_power, _power_node, method=False)
matrix_power_method = op("matrix_power.method(self, n)", S.matrix_power_of_self, _power_node,
                         function=False)
linalg_matrix_exp = op("linalg_matrix_exp(self)", S.linalg_matrix_exp, "LinalgMatrixExpBackward0",
                       method=False, function=False, linalg="matrix_exp")
matrix_exp = op("matrix_exp(self)", S.linalg_matrix_exp, "LinalgMatrixExpBackward0")


# ------------------------------------------------------------------ decompositions
QR = return_type("linalg_qr", ("Q", "R"))
LINALG_SVD = return_type("linalg_svd", ("U", "S", "Vh"))
SVD = return_type("svd", ("U", "S", "V"))
EIGH = return_type("linalg_eigh", ("eigenvalues", "eigenvectors"))

linalg_qr = op("linalg_qr(self, mode='reduced')", P.linalg_qr, "LinalgQrBackward0", method=False,
               function=False, linalg="qr", returns=QR)
linalg_svd = op("linalg_svd(self, full_matrices=True)", P.linalg_svd, "LinalgSvdBackward0",
                method=False, function=False, linalg="svd", returns=LINALG_SVD)
# torch computes svdvals as svd without vectors: its node is LinalgSvdBackward0
linalg_svdvals = op("linalg_svdvals(self)", P.linalg_svdvals, "LinalgSvdBackward0", method=False,
                    function=False, linalg="svdvals")
linalg_eigh = op("linalg_eigh(self, UPLO='L')", P.linalg_eigh, "LinalgEighBackward0",
                 method=False, function=False, linalg="eigh", returns=EIGH)
linalg_eigvalsh = op("linalg_eigvalsh(self, UPLO='L')", P.linalg_eigvalsh, "LinalgEighBackward0",
                     method=False, function=False, linalg="eigvalsh")
linalg_pinv = op("linalg_pinv(self, *, atol=None, rtol=None, hermitian=False)", P.linalg_pinv,
                 "LinalgPinvBackward0", method=False, function=False, linalg="pinv")
pinverse = op("pinverse(self, rcond=1e-15)", P.pinverse, "LinalgPinvBackward0")


@method("svd", function=True)
def svd(self, some=True, compute_uv=True):
    """torch.svd → ``(U, S, V)``: :func:`torch.linalg.svd` with V = Vhᴴ (a transpose node);
    without ``compute_uv``, U and V are zeros and only S has a gradient.

    >>> import compat as torch
    >>> torch.svd(torch.tensor([[3., 0.], [0., 4.]])).S
    tensor([4., 3.])
    """
    if compute_uv:
        u, s, vh = linalg_svd(self, not some)
        return SVD(u, s, vh.mT)
    m, n = self.shape[-2:]
    batch = tuple(self.shape[:-2])
    return SVD(self.new_zeros(batch + (m, m)), linalg_svdvals(self), self.new_zeros(batch + (n, n)))


# ------------------------------------------------------------------ products and shapes
@linalg_function("multi_dot")
def multi_dot(tensors, *, out=None):
    """torch.linalg.multi_dot: the chained product of matrices (the first and last may be
    vectors), as one reshaped result.

    >>> import compat as torch
    >>> torch.linalg.multi_dot([torch.ones(2), torch.ones(2, 3), torch.ones(3)])
    tensor(6.)
    """
    tensors = list(tensors)
    if len(tensors) < 2:
        raise RuntimeError(f"multi_dot(): expected at least 2 tensors but got {len(tensors)}")
    first, last = tensors[0], tensors[-1]
    shape = tuple(first.shape[:-1]) + tuple(last.shape[1:])
    mats = [first.unsqueeze(0) if first.ndim == 1 else first] + tensors[1:-1] + \
        [last.unsqueeze(1) if last.ndim == 1 else last]
    result = mats[0]
    for m in mats[1:]:
        result = result.mm(m)
    return result.view(shape)


@linalg_function("vecdot")
def vecdot(x, y, *, dim=-1, out=None):
    """torch.linalg.vecdot: ``(x * y).sum(dim)`` (x conjugated), broadcast.

    >>> import compat as torch
    >>> torch.linalg.vecdot(torch.tensor([1., 2.]), torch.tensor([3., 4.]))
    tensor(11.)
    """
    check_input(x, "linalg_vecdot")
    return (x * y).sum(dim)


@linalg_function("matmul")
def linalg_matmul(input, other, *, out=None):
    """torch.linalg.matmul: :func:`torch.matmul`.

    >>> import compat as torch
    >>> torch.linalg.matmul(torch.ones(2, 3), torch.ones(3)).shape
    torch.Size([2])
    """
    return FUNCTIONS["matmul"](input, other, out=out)


@linalg_function("diagonal")
def linalg_diagonal(A, *, offset=0, dim1=-2, dim2=-1):
    """torch.linalg.diagonal: :func:`torch.diagonal` over the last two dims by default.

    >>> import compat as torch
    >>> torch.linalg.diagonal(torch.eye(2))
    tensor([1., 1.])
    """
    check_input(A, "linalg_diagonal")
    return A.diagonal(offset, dim1, dim2)


@linalg_function("vander")
def vander(x, *, N=None):
    """torch.linalg.vander: the Vandermonde matrix ``x[..., None] ** arange(N)`` (N defaults
    to ``x.shape[-1]``), built as torch's: ones, then a cumulative product, concatenated.

    >>> import compat as torch
    >>> torch.linalg.vander(torch.tensor([1, 2, 3]))
    tensor([[1, 1, 1],
            [1, 2, 4],
            [1, 3, 9]])
    """
    check_input(x, "linalg_vander")
    if x.ndim == 0:
        raise RuntimeError("x must have at least one dimension")
    n = x.shape[-1] if N is None else N
    if n <= 1:
        raise RuntimeError("N must be greater than 1.")
    column = x.unsqueeze(-1)
    powers = column.expand(*x.shape, n - 1).cumprod(-1)
    return FUNCTIONS["cat"]([column.new_ones(tuple(x.shape) + (1,)).to(powers.dtype), powers], -1)


# ------------------------------------------------------------------ scaled products, dist
addmv = op("addmv(self, mat, vec, *, beta=1, alpha=1)", M.addmv, "AddmvBackward0",
           traced=("self", "mat", "vec"), inplace=True)
addr = op("addr(self, vec1, vec2, *, beta=1, alpha=1)", M.addr, "AddrBackward0",
          traced=("self", "vec1", "vec2"), inplace=True)
baddbmm = op("baddbmm(self, batch1, batch2, *, beta=1, alpha=1)", M.baddbmm, "BaddbmmBackward0",
             traced=("self", "batch1", "batch2"), inplace=True)
addbmm = op("addbmm(self, batch1, batch2, *, beta=1, alpha=1)", M.addbmm, "AddbmmBackward0",
            traced=("self", "batch1", "batch2"), inplace=True)
dist = op("dist(self, other, p=2)", N.dist, "DistBackward0", traced=("self", "other"),
          tensors_only=("other",))
