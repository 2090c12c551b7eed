"""torch.linalg's norms, determinants, solves, matrix functions and decompositions, and the
classic torch.* / Tensor.* linear-algebra forms, against torch: values, dtypes, gradients
(float32 and float64, batches), grad_fn names and errors.

Where a decomposition is unique only up to signs (the columns of Q, the singular vectors,
the eigenvectors), the tests compare what is unique: reconstructions, invariants and
sign-normalised factors."""
import numpy as np
import pytest

from oracle import In, check, check_raises, compat, const, randint, randn

torch = pytest.importorskip("torch")

_rng = np.random.default_rng(11)
INF = float("inf")


def well_conditioned(*shape, n=3, dtype="float32"):
    """Square matrices far from singular (a random matrix plus ``n`` on the diagonal)."""
    return In((_rng.normal(size=shape + (n, n)) + n * np.eye(n)).astype(dtype))


def spd(*shape, n=3, dtype="float32"):
    """Symmetric positive-definite matrices, built as ``M Mᵀ + n I``."""
    m = _rng.normal(size=shape + (n, n))
    return In((m @ np.swapaxes(m, -1, -2) + n * np.eye(n)).astype(dtype))


# ------------------------------------------------------------------ vector_norm
@pytest.mark.parametrize("ord", [2, 1, 0, 3, 0.5, -1, -2.5, INF, -INF, True], ids=str)
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_vector_norm_orders(ord, dtype):
    # torch's order-0 norm has a node but no gradient (its grads stay None): values only
    grad = ord != 0
    check(lambda torch, x: torch.linalg.vector_norm(x, ord), [randn(3, 4, dtype=dtype)],
          grad=grad)
    check(lambda torch, x: torch.linalg.vector_norm(x, ord, dim=1, keepdim=True),
          [randn(2, 3, 4, dtype=dtype)], grad=grad)


@pytest.mark.parametrize("dim", [0, -1, (0, 2), [1, 2], ()], ids=str)
def test_vector_norm_dims(dim):
    check(lambda torch, x: torch.linalg.vector_norm(x, dim=dim), [randn(2, 3, 4)])
    check(lambda torch, x: torch.linalg.vector_norm(x, 3, dim, True), [randn(2, 3, 4)])


@pytest.mark.parametrize("ord", [2, 1, 0.5, -1, 3], ids=str)
def test_vector_norm_at_zero(ord):
    # torch's gradient is 0 at zero elements (p < 1) and where the norm is 0
    check(lambda torch, x: torch.linalg.vector_norm(x, ord), [const([1., 0., -2.], "float32")])
    check(lambda torch, x: torch.linalg.vector_norm(x, ord, dim=1),
          [const([[0., 0.], [3., -4.]], "float32")])


def test_vector_norm_dtype():
    check(lambda torch, x: torch.linalg.vector_norm(x, dtype=torch.float64), [randn(3, 4)])
    check(lambda torch, x: torch.linalg.vector_norm(x, 1, dtype=torch.float64), [randn(3)])
    check(lambda torch, x: torch.linalg.vector_norm(x), [randn(4, dtype="float16")])
    check(lambda torch: torch.linalg.vector_norm(torch.full((4,), 300., dtype=torch.float16)),
          grad=False)


@pytest.mark.parametrize("make", [
    lambda torch: torch.linalg.vector_norm(torch.arange(3)),
    lambda torch: torch.linalg.vector_norm(torch.arange(3), dtype=torch.float32),
    lambda torch: torch.linalg.vector_norm(torch.ones(3), "fro"),
    lambda torch: torch.linalg.vector_norm(torch.ones(3), None),
    lambda torch: torch.linalg.vector_norm(torch.ones(3), dtype=torch.float16),
    lambda torch: torch.linalg.vector_norm(torch.ones(3), dtype=torch.int64),
    lambda torch: torch.linalg.vector_norm(torch.ones(3, dtype=torch.float64), dtype=torch.float32),
    lambda torch: torch.linalg.vector_norm(torch.ones(3, 2), dim=(0, 0)),
    lambda torch: torch.linalg.vector_norm(torch.ones(3, 2), dim=5),
    lambda torch: torch.linalg.vector_norm(torch.zeros(0), INF),
    lambda torch: torch.linalg.vector_norm(torch.zeros(0, 3), -1.0),
    lambda torch: torch.linalg.vector_norm(torch.zeros(0, 3), INF, dim=0),
])
def test_vector_norm_errors(make):
    check_raises(make)


# ------------------------------------------------------------------ matrix_norm
@pytest.mark.parametrize("ord", ["fro", "nuc", 1, -1, 2, -2, INF, -INF], ids=str)
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_matrix_norm_orders(ord, dtype):
    check(lambda torch, a: torch.linalg.matrix_norm(a, ord), [randn(3, 4, dtype=dtype)])
    check(lambda torch, a: torch.linalg.matrix_norm(a, ord, keepdim=True),
          [randn(2, 3, 3, dtype=dtype)])
    check(lambda torch, a: torch.linalg.matrix_norm(a, ord, dim=(2, 0)),
          [randn(4, 2, 3, dtype=dtype)])


@pytest.mark.parametrize("ord", ["fro", "nuc", 1, 2, -INF], ids=str)
def test_matrix_norm_dtype(ord):
    check(lambda torch, a: torch.linalg.matrix_norm(a, ord, dtype=torch.float64), [randn(3, 3)])


@pytest.mark.parametrize("ord", ["fro", 1, INF], ids=str)
def test_matrix_norm_half(ord):
    check(lambda torch: torch.linalg.matrix_norm(torch.full((2, 2), 300., dtype=torch.float16),
                                                 ord), grad=False)


@pytest.mark.parametrize("make", [
    lambda torch: torch.linalg.matrix_norm(torch.ones(3)),
    lambda torch: torch.linalg.matrix_norm(torch.ones(3, 3), dim=(0,)),
    lambda torch: torch.linalg.matrix_norm(torch.ones(3, 3), dim=(0, 0)),
    lambda torch: torch.linalg.matrix_norm(torch.ones(3, 3), dim=(0, 1, 2)),
    lambda torch: torch.linalg.matrix_norm(torch.ones(3, 3, dtype=torch.long)),
    lambda torch: torch.linalg.matrix_norm(torch.ones(3, 3, dtype=torch.long), 2),
    lambda torch: torch.linalg.matrix_norm(torch.ones(3, 3), 3),
    lambda torch: torch.linalg.matrix_norm(torch.ones(3, 3), 3.5),
    lambda torch: torch.linalg.matrix_norm(torch.ones(3, 3), 0),
    lambda torch: torch.linalg.matrix_norm(torch.ones(3, 3), "abc"),
    lambda torch: torch.linalg.matrix_norm(torch.ones(3, 3), dtype=torch.float16),
    lambda torch: torch.linalg.matrix_norm(torch.ones(3, 3), 1, dtype=torch.int64),
    lambda torch: torch.linalg.matrix_norm(torch.ones(2, 2, dtype=torch.float16), 2),
    lambda torch: torch.linalg.matrix_norm(torch.ones(2, 2, dtype=torch.float16), "nuc"),
])
def test_matrix_norm_errors(make):
    check_raises(make)


# ------------------------------------------------------------------ linalg.norm
@pytest.mark.parametrize("ord, dim, shape", [
    (None, None, (3, 4)), (None, None, (2, 3, 4)), (2, None, (3, 4)), (2, None, (4,)),
    ("fro", None, (3, 4)), ("nuc", None, (3, 4)), (INF, None, (3, 4)), (3, None, (4,)),
    (1, 1, (3, 4)), (None, (0, 2), (2, 3, 4)), (-2, (0, 2), (2, 3, 4)), ("fro", (1, 0), (3, 4)),
    (0.5, (0,), (3, 4)),
], ids=str)
def test_linalg_norm(ord, dim, shape):
    check(lambda torch, a: torch.linalg.norm(a, ord, dim), [randn(*shape)])
    check(lambda torch, a: torch.linalg.norm(a, ord, dim, keepdim=True, dtype=torch.float64),
          [randn(*shape)])


@pytest.mark.parametrize("make", [
    lambda torch: torch.linalg.norm(torch.ones(2, 3, 4), 2),
    lambda torch: torch.linalg.norm(torch.ones(3), "fro"),
    lambda torch: torch.linalg.norm(torch.ones(3, 3), dim=(0, 1, 1)),
    lambda torch: torch.linalg.norm(torch.ones(3, 3), "fro", dim=0),
    lambda torch: torch.linalg.norm(torch.ones(3, 3), "nuc", dim=1),
    lambda torch: torch.linalg.norm(torch.ones(2, 2, dtype=torch.long)),
    lambda torch: torch.linalg.norm(torch.ones(2, 2, dtype=torch.long), 2),
])
def test_linalg_norm_errors(make):
    check_raises(make)


# ------------------------------------------------------------------ det, slogdet, logdet
@pytest.mark.parametrize("name", ["linalg.det", "det", "linalg.slogdet", "slogdet", "logdet"])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_determinants(name, dtype):
    def fn(torch, a):
        f = torch.linalg if name.startswith("linalg.") else torch
        return getattr(f, name.split(".")[-1])(a)
    check(fn, [well_conditioned(dtype=dtype)])
    check(fn, [well_conditioned(2, 1, dtype=dtype)])
    check(fn, [spd(2, dtype=dtype)])  # a positive determinant: logdet is finite


@pytest.mark.parametrize("name", ["det", "slogdet", "logdet"])
def test_determinant_methods(name):
    check(lambda torch, a: getattr(a, name)(), [well_conditioned(2)])


def test_determinants_of_singular_and_negative():
    for a in ([[1., 2.], [2., 4.]], [[-1., 0.], [0., 1.]], [[0., 0.], [0., 0.]]):
        x = const(a, "float32", requires_grad=False)
        check(lambda torch, a: (torch.linalg.det(a), torch.linalg.slogdet(a), torch.logdet(a)),
              [x], grad=False)
    check(lambda torch: (torch.linalg.det(torch.zeros(0, 0)), torch.slogdet(torch.zeros(2, 0, 0)),
                         torch.logdet(torch.zeros(0, 0))), grad=False)


@pytest.mark.parametrize("name", ["linalg.det", "linalg.slogdet", "logdet", "det", "slogdet"])
@pytest.mark.parametrize("bad", [
    lambda torch: torch.ones(3), lambda torch: torch.ones(2, 3),
    lambda torch: torch.ones(2, 2, dtype=torch.long), lambda torch: torch.ones(2, 2, dtype=torch.half),
    lambda torch: torch.ones(2, 2, dtype=torch.bfloat16),
])
def test_determinant_errors(name, bad):
    def fn(torch):
        f = torch.linalg if name.startswith("linalg.") else torch
        return getattr(f, name.split(".")[-1])(bad(torch))
    check_raises(fn)


# ------------------------------------------------------------------ solve
@pytest.mark.parametrize("a_shape, b_shape, left", [
    ((), (3, 2), True), ((), (2, 3), False), ((), (3,), True),
    ((2,), (3,), True), ((2,), (2, 3), True), ((2, 1), (4, 3, 2), True), ((2,), (1, 5, 3), False),
    ((), (2, 3, 4), True),
], ids=str)
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_solve(a_shape, b_shape, left, dtype):
    check(lambda torch, a, b: torch.linalg.solve(a, b, left=left),
          [well_conditioned(*a_shape, dtype=dtype), randn(*b_shape, dtype=dtype)])


def test_solve_ex():
    check(lambda torch, a, b: torch.linalg.solve_ex(a, b), [well_conditioned(2), randn(2, 3, 1)])
    check(lambda torch, a, b: torch.linalg.solve_ex(a, b, left=False, check_errors=True),
          [well_conditioned(), randn(2, 3)])
    singular = const([[[1., 2.], [2., 4.]], [[1., 0.], [0., 1.]]], "float32", requires_grad=False)
    ours, theirs = check(lambda torch, a: torch.linalg.solve_ex(a, torch.ones(2, 1)).info,
                         [singular], grad=False)


@pytest.mark.parametrize("make", [
    lambda torch: torch.linalg.solve(torch.ones(2, 3), torch.ones(2, 1)),
    lambda torch: torch.linalg.solve(torch.eye(3), torch.ones(4, 2)),
    lambda torch: torch.linalg.solve(torch.eye(3), torch.ones(2, 4), left=False),
    lambda torch: torch.linalg.solve(torch.eye(3), torch.ones(3), left=False),
    lambda torch: torch.linalg.solve(torch.eye(3), torch.ones(3, 1, dtype=torch.float64)),
    lambda torch: torch.linalg.solve(torch.eye(3, dtype=torch.long), torch.ones(3, 1)),
    lambda torch: torch.linalg.solve(torch.ones(3), torch.ones(3, 1)),
    lambda torch: torch.linalg.solve(torch.eye(3), torch.tensor(1.)),
    lambda torch: torch.linalg.solve(torch.eye(3).expand(2, 3, 3), torch.ones(4, 3, 1)),
    lambda torch: torch.linalg.solve(torch.eye(2, dtype=torch.half), torch.ones(2, 1, dtype=torch.half)),
])
def test_solve_errors(make):
    check_raises(make)


@pytest.mark.parametrize("make", [
    lambda torch: torch.linalg.solve(torch.zeros(3, 3), torch.ones(3, 1)),
    lambda torch: torch.linalg.solve(torch.stack([torch.eye(3), torch.zeros(3, 3)]), torch.ones(3, 1)),
    lambda torch: torch.linalg.solve_ex(torch.zeros(2, 2), torch.ones(2, 1), check_errors=True),
    lambda torch: torch.linalg.matrix_power(torch.zeros(2, 2), -1),
])
def test_singular_is_torchs_linalg_error(make):
    with pytest.raises(RuntimeError) as theirs:
        make(torch)
    with pytest.raises(RuntimeError) as ours:
        make(compat)
    assert str(ours.value) == str(theirs.value)
    assert isinstance(ours.value, compat.linalg.LinAlgError)
    assert type(ours.value).__qualname__ == type(theirs.value).__qualname__ == "_LinAlgError"


# ------------------------------------------------------------------ matrix_power, matrix_exp
@pytest.mark.parametrize("n", [0, 1, 2, 3, 4, 5, 7, -1, -2, -3], ids=str)
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_matrix_power(n, dtype):
    # products of random matrices grow: a relative tolerance of a few float32 roundings
    check(lambda torch, a: torch.linalg.matrix_power(a, n), [well_conditioned(dtype=dtype)],
          rtol=1e-4 if dtype == "float32" else None, grad_rtol=1e-4 if dtype == "float32" else None)
    check(lambda torch, a: torch.matrix_power(a, n), [well_conditioned(2, dtype=dtype)],
          rtol=1e-4 if dtype == "float32" else None, grad_rtol=1e-4 if dtype == "float32" else None)


def test_matrix_power_forms():
    check(lambda torch, a: a.matrix_power(3), [well_conditioned(2)], rtol=1e-4, grad_rtol=1e-4)
    check(lambda torch, a: [torch.linalg.matrix_power(a, n) for n in (0, 1, 2, 5)],
          [randint(-3, 4, 2, 2)])


@pytest.mark.parametrize("make", [
    lambda torch: torch.linalg.matrix_power(torch.ones(2, 2, dtype=torch.long), -1),
    lambda torch: torch.linalg.matrix_power(torch.ones(2, 2, dtype=torch.bool), 2),
    lambda torch: torch.linalg.matrix_power(torch.ones(2), 2),
    lambda torch: torch.linalg.matrix_power(torch.ones(2, 3), 2),
    lambda torch: torch.linalg.matrix_power(torch.eye(2), 2.0),
    lambda torch: torch.matrix_power(torch.eye(2), 2.0),
    lambda torch: torch.eye(2).matrix_power(2.0),
])
def test_matrix_power_errors(make):
    check_raises(make)


@pytest.mark.parametrize("shape", [(), (2,), (2, 1)], ids=str)
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_matrix_exp(shape, dtype):
    x = In((0.5 * _rng.normal(size=shape + (3, 3))).astype(dtype))
    check(lambda torch, a: torch.linalg.matrix_exp(a), [x], rtol=1e-4 if dtype == "float32" else 1e-7,
          grad_rtol=1e-4 if dtype == "float32" else 1e-7)
    check(lambda torch, a: (torch.matrix_exp(a), a.matrix_exp()), [x],
          rtol=1e-4 if dtype == "float32" else 1e-7, grad_rtol=1e-4 if dtype == "float32" else 1e-7)


@pytest.mark.parametrize("make", [
    lambda torch: torch.linalg.matrix_exp(torch.ones(3)),
    lambda torch: torch.linalg.matrix_exp(torch.ones(2, 3)),
    lambda torch: torch.matrix_exp(torch.ones(2, 2, dtype=torch.long)),
])
def test_matrix_exp_errors(make):
    check_raises(make)


# ------------------------------------------------------------------ qr, svd, eigh, pinv
@pytest.mark.parametrize("shape", [(4, 3), (3, 3), (2, 4, 3)], ids=str)
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_qr(shape, dtype):
    # both compute Householder QR by LAPACK: Q and R come with the same signs
    check(lambda torch, a: torch.linalg.qr(a), [randn(*shape, dtype=dtype)],
          rtol=1e-4 if dtype == "float32" else None, grad_rtol=1e-3 if dtype == "float32" else None,
          grad_atol=1e-4 if dtype == "float32" else None)
    check(lambda torch, a: torch.linalg.qr(a, "complete"), [randn(*shape, dtype=dtype).nograd()],
          rtol=1e-4 if dtype == "float32" else None, atol=1e-5 if dtype == "float32" else None)
    check(lambda torch, a: torch.linalg.qr(a, mode="r"), [randn(*shape, dtype=dtype).nograd()],
          rtol=1e-4 if dtype == "float32" else None, atol=1e-5 if dtype == "float32" else None)


def _sign_free_svd(U, S, Vh):
    # singular vectors are unique up to a sign per pair: compare their squares and U S Vh
    return U * U, S, Vh * Vh, U @ S.diag_embed() @ Vh


@pytest.mark.parametrize("shape", [(4, 3), (3, 4), (2, 3, 3)], ids=str)
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_svd(shape, dtype):
    tol = dict(rtol=1e-4, atol=1e-5, grad_rtol=1e-3, grad_atol=1e-4) if dtype == "float32" else {}
    check(lambda torch, a: _sign_free_svd(*torch.linalg.svd(a, full_matrices=False)),
          [randn(*shape, dtype=dtype)], grad_fn=False, **tol)
    check(lambda torch, a: torch.linalg.svdvals(a), [randn(*shape, dtype=dtype)], **tol)
    check(lambda torch, a: [t.shape for t in torch.linalg.svd(a)], [randn(*shape, dtype=dtype)])

    def classic(torch, a):
        U, S, V = torch.svd(a)
        return _sign_free_svd(U, S, V.mT)
    check(classic, [randn(*shape, dtype=dtype)], grad_fn=False, **tol)
    check(lambda torch, a: torch.svd(a, compute_uv=False), [randn(*shape, dtype=dtype)], **tol)
    check(lambda torch, a: [t.shape for t in torch.svd(a, some=False)], [randn(*shape, dtype=dtype)])


def test_svd_grad_fn_names():
    ours, theirs = check(lambda torch, a: (torch.linalg.svd(a), torch.svd(a)), [randn(3, 3)],
                         grad=False, rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize("uplo", ["L", "U"])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_eigh(uplo, dtype):
    # eigenvectors are unique up to a sign each: compare their squares and V diag(w) Vᵀ
    tol = dict(rtol=1e-4, atol=1e-5, grad_rtol=1e-3, grad_atol=1e-4) if dtype == "float32" else {}

    def fn(torch, a):
        w, V = torch.linalg.eigh(a, UPLO=uplo)
        return w, V * V, V @ w.diag_embed() @ V.mT
    check(fn, [spd(dtype=dtype)], grad_fn=False, **tol)
    check(fn, [spd(2, dtype=dtype)], grad_fn=False, **tol)
    check(lambda torch, a: torch.linalg.eigvalsh(a, uplo), [spd(2, dtype=dtype)], **tol)
    check(lambda torch, a: torch.linalg.eigh(a, uplo).eigenvalues, [spd(dtype=dtype)], **tol)


@pytest.mark.parametrize("shape", [(4, 3), (3, 4), (2, 3, 3)], ids=str)
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_pinv(shape, dtype):
    tol = dict(rtol=1e-4, atol=1e-5, grad_rtol=1e-3, grad_atol=1e-4) if dtype == "float32" else {}
    check(lambda torch, a: torch.linalg.pinv(a), [randn(*shape, dtype=dtype)], **tol)
    check(lambda torch, a: (torch.pinverse(a), a.pinverse()), [randn(*shape, dtype=dtype)], **tol)
    check(lambda torch, a: torch.linalg.pinv(a, hermitian=True), [spd(dtype=dtype)], **tol)
    check(lambda torch: torch.linalg.pinv(torch.tensor([[1., 2.], [2., 4.]], dtype=getattr(
        torch, dtype)), atol=0.5), grad=False)


@pytest.mark.parametrize("make", [
    lambda torch: torch.linalg.qr(torch.ones(3, 2), "x"),
    lambda torch: torch.linalg.qr(torch.ones(2)),
    lambda torch: torch.linalg.qr(torch.ones(2, 2, dtype=torch.long)),
    lambda torch: torch.linalg.svd(torch.ones(2)),
    lambda torch: torch.linalg.svdvals(torch.ones(2, 2, dtype=torch.long)),
    lambda torch: torch.linalg.eigh(torch.ones(2, 3)),
    lambda torch: torch.linalg.eigh(torch.eye(2), UPLO="X"),
    lambda torch: torch.linalg.eigvalsh(torch.ones(2, 2, dtype=torch.long)),
    lambda torch: torch.linalg.pinv(torch.ones(2)),
    lambda torch: torch.linalg.pinv(torch.ones(2, 2, dtype=torch.long)),
    lambda torch: torch.linalg.eigh(torch.ones(2, 2, dtype=torch.half)),
])
def test_decomposition_errors(make):
    check_raises(make)


# ------------------------------------------------------------------ products and shapes
def test_multi_dot():
    check(lambda torch, a, b, c: torch.linalg.multi_dot([a, b, c]),
          [randn(2, 3), randn(3, 4), randn(4, 2)])
    check(lambda torch, a, b, c: torch.linalg.multi_dot([a, b, c]), [randn(3), randn(3, 4), randn(4)])
    check(lambda torch, a, b: torch.linalg.multi_dot((a, b)), [randn(3), randn(3, 4)])
    check_raises(lambda torch: torch.linalg.multi_dot([torch.ones(2, 2)]))


def test_vecdot_matmul_diagonal():
    check(lambda torch, a, b: torch.linalg.vecdot(a, b), [randn(2, 3), randn(3)])
    check(lambda torch, a, b: torch.linalg.vecdot(a, b, dim=0), [randn(2, 3), randn(2, 1)])
    check(lambda torch, a, b: torch.linalg.matmul(a, b), [randn(2, 2, 3), randn(3, 4)])
    check(lambda torch, a: torch.linalg.diagonal(a), [randn(2, 3, 4)])
    check(lambda torch, a: torch.linalg.diagonal(a, offset=1, dim1=0, dim2=2), [randn(2, 3, 4)])


def test_vander():
    check(lambda torch, x: torch.linalg.vander(x), [randn(3)])
    check(lambda torch, x: torch.linalg.vander(x, N=4), [randn(2, 3)])
    check_raises(lambda torch, x: torch.linalg.vander(x, N=1), [randn(3)])
    check(lambda torch, x: torch.linalg.vander(x), [randint(-3, 4, 3)])


# ------------------------------------------------------------------ scaled products, dist
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_scaled_products(dtype):
    r = lambda *s: randn(*s, dtype=dtype)  # noqa: E731
    check(lambda torch, x, m, v: torch.addmv(x, m, v, beta=0.5, alpha=2), [r(2), r(2, 3), r(3)])
    check(lambda torch, x, a, b: torch.addr(x, a, b), [r(1, 3), r(2), r(3)])
    check(lambda torch, x, a, b: torch.baddbmm(x, a, b, alpha=-1), [r(2, 1), r(3, 2, 4), r(3, 4, 1)])
    check(lambda torch, x, a, b: torch.addbmm(x, a, b, beta=2), [r(2, 5), r(3, 2, 4), r(3, 4, 5)])
    check(lambda torch, x, m, v: x.addmv(m, v, beta=0), [r(2), r(2, 3), r(3)])


def test_scaled_products_in_place():
    def fn(torch, x, m, v, a, b, p, q):
        y = x.clone()
        y[0].addmv_(m, v)
        y.addr_(v[:2], v[:3], alpha=3)
        y.addmm_(a, b, beta=0.5)
        z = y.unsqueeze(0).expand(2, 2, 3).clone()
        z.baddbmm_(p, q)
        w = z.sum(0)
        w.addbmm_(p, q)
        return y, z, w
    check(fn, [randn(2, 3), randn(3, 4), randn(4), randn(2, 4), randn(4, 3), randn(2, 2, 4),
               randn(2, 4, 3)])
    check_raises(lambda torch: torch.ones(2, 3).addr(torch.ones(2, 1), torch.ones(3)))


@pytest.mark.parametrize("p", [2, 1, 3, 0.5, INF, -INF], ids=str)
def test_dist(p):
    check(lambda torch, a, b: torch.dist(a, b, p), [randn(3), randn(2, 3)])
    check(lambda torch, a, b: a.dist(b, p), [randn(2, 3, dtype="float64"), randn(3, dtype="float64")])
    check_raises(lambda torch: torch.dist(torch.ones(2, dtype=torch.long), torch.ones(2, dtype=torch.long)))
