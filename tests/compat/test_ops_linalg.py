"""Matrix products against torch: matmul/@ over every rank combination (with batch
broadcasting), mm, bmm, dot, mv, outer, addmm, einsum; dtypes; gradients; errors."""
import pytest

from oracle import check, check_raises, randint, randn

torch = pytest.importorskip("torch")

MATMUL_SHAPES = [
    ((3,), (3,)),             # dot
    ((3, 4), (4,)),           # mv
    ((3, 4), (4, 5)),         # mm
    ((4,), (4, 5)),           # vector @ matrix
    ((2, 3, 4), (4, 5)),      # batch @ matrix
    ((2, 3, 4), (2, 4, 5)),   # bmm
    ((3, 4), (2, 4, 5)),      # matrix @ batch
    ((2, 1, 3, 4), (5, 4, 2)),  # broadcast batch dims
    ((4,), (2, 4, 5)),        # vector @ batch
    ((2, 3, 4), (4,)),        # batch @ vector
    ((0, 4), (4, 5)),         # empty
    ((3, 0), (0, 5)),         # empty inner dim: zeros
]


def _ids(v):
    return str(v).replace(" ", "")


@pytest.mark.parametrize("shapes", MATMUL_SHAPES, ids=_ids)
def test_matmul(shapes):
    a, b = shapes
    check(lambda torch, a, b: (a @ b, torch.matmul(a, b)), [randn(*a), randn(*b)])


@pytest.mark.parametrize("shapes", [((3, 4), (4, 5)), ((2, 3, 4), (4,)), ((3,), (3,))], ids=_ids)
@pytest.mark.parametrize("dtype", ["float64", "int64"])
def test_matmul_dtypes(shapes, dtype):
    a, b = shapes
    check(lambda torch, a, b: a.matmul(b), [randn(*a, dtype=dtype), randn(*b, dtype=dtype)])


def test_mm_bmm_dot_mv():
    check(lambda torch, a, b: (a.mm(b), torch.mm(a, b)), [randn(3, 4), randn(4, 2)])
    check(lambda torch, a, b: (a.bmm(b), torch.bmm(a, b)), [randn(2, 3, 4), randn(2, 4, 2)])
    check(lambda torch, a, b: (a.dot(b), torch.dot(a, b)), [randn(5), randn(5)])
    check(lambda torch, a, b: (a.mv(b), torch.mv(a, b)), [randn(3, 4), randn(4)])
    check(lambda torch, a, b: (a.outer(b), torch.outer(a, b)), [randn(3), randn(4)])
    check(lambda torch, a, b: a.mm(b), [randn(3, 4, dtype="float64"), randn(4, 2, dtype="float64")])
    check(lambda torch, a, b: (a.mm(b), a[0].dot(a[1])), [randint(-3, 4, 3, 3), randint(-3, 4, 3, 2)])


def test_matmul_in_a_graph():
    def fn(torch, x, w, b):
        h = (x @ w + b).relu()
        return (h @ w.t()).sum(1).mean()
    check(fn, [randn(4, 3), randn(3, 3), randn(3)])


def test_rmatmul_and_matmul_with_transposes():
    check(lambda torch, a, b: (a.t() @ b, b.T @ a, a.mT @ b), [randn(4, 3), randn(4, 2)])


def test_addmm_and_einsum():
    check(lambda torch, c, a, b: (torch.addmm(c, a, b), torch.addmm(c, a, b, beta=0.5, alpha=2)),
          [randn(3, 2), randn(3, 4), randn(4, 2)])
    check(lambda torch, a, b: (torch.einsum("ij,jk->ik", a, b), torch.einsum("ij,ij->i", [a, a])),
          [randn(3, 4), randn(4, 2)])


# ----------------------------------------------------------------------------- errors
def test_mm_errors():
    check_raises(lambda torch, a, b: a.mm(b), [randn(3, 4), randn(5, 2)])
    check_raises(lambda torch, a, b: torch.mm(a, b), [randn(3), randn(3, 2)])
    check_raises(lambda torch, a, b: torch.mm(a, b), [randn(3, 2), randn(2)])
    check_raises(lambda torch, a, b: a.mm(b), [randn(3, 4), randn(4, 2, dtype="float64")])


def test_bmm_errors():
    check_raises(lambda torch, a, b: a.bmm(b), [randn(2, 3, 4), randn(3, 4, 2)])
    check_raises(lambda torch, a, b: a.bmm(b), [randn(2, 3, 4), randn(2, 5, 2)])
    check_raises(lambda torch, a, b: a.bmm(b), [randn(3, 4), randn(4, 2)])


def test_dot_mv_errors():
    check_raises(lambda torch, a, b: a.dot(b), [randn(3), randn(4)])
    check_raises(lambda torch, a, b: a.dot(b), [randn(3, 1), randn(3)])
    check_raises(lambda torch, a, b: a.dot(b), [randn(3), randn(3, dtype="float64")])
    check_raises(lambda torch, a, b: a.mv(b), [randn(3, 4), randn(3)])


@pytest.mark.parametrize("shapes", [((4,), (4, 5)), ((3, 4), (4,)), ((4,), (2, 4, 5)), ((2, 3, 4), (4,)),
                                    ((3, 4), (2, 4, 5)), ((2, 3, 4), (4, 5)), ((2, 3, 4), (2, 4, 5))],
                         ids=lambda s: str(s).replace(" ", ""))
def test_matmul_dtype_mismatch(shapes):
    a, b = shapes
    check_raises(lambda torch, a, b: a @ b, [randn(*a), randn(*b, dtype="float64")])
    check_raises(lambda torch, a, b: a @ b, [randn(*a, dtype="float64"), randn(*b)])


def test_matmul_errors():
    check_raises(lambda torch, a, b: a @ b, [randn(3, 4), randn(5, 2)])
    check_raises(lambda torch, a, b: a @ b, [randn(4), randn(5, 4)])
    check_raises(lambda torch, a, b: a @ b, [randn(2, 3, 4), randn(5, 4)])
    check_raises(lambda torch, a, b: a @ b, [randn(), randn(3)])
    check_raises(lambda torch, a, b: a @ b, [randn(3), randn(4)])
    check_raises(lambda torch, a, b: a @ b, [randn(2, 3, 4), randn(3, 5, 2)])
    check_raises(lambda torch, a, b: a @ b, [randn(2, 3, 4), randn(4, 2, dtype="float64")])
    check_raises(lambda torch, a, b: a @ b, [randn(3, 4), randn(3)])
