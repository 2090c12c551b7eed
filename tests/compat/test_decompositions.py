"""torch.linalg.cholesky / cholesky_ex / solve_triangular and torch.cholesky_inverse against
torch: values (only the triangle read), batches, gradients (torch's symmetric Cholesky
gradient, cholesky_inverse's whole-matrix one), grad_fn names and errors."""
import numpy as np
import pytest

from oracle import In, check, check_raises, compat, randn

torch = pytest.importorskip("torch")

_rng = np.random.default_rng(7)


def spd(*shape, n=3, dtype="float32"):
    """Positive-definite matrices (batch ``shape``), their upper triangle scrambled: torch
    reads only the lower one."""
    m = _rng.normal(size=shape + (n, n))
    a = m @ np.swapaxes(m, -1, -2) + n * np.eye(n)
    a = a + np.triu(_rng.normal(size=a.shape), 1)
    return In(a.astype(dtype))


def lower(*shape, n=3, dtype="float32"):
    """Well-conditioned factors, with values above the diagonal (not read)."""
    m = _rng.normal(size=shape + (n, n)) + 3 * np.eye(n)
    return In(m.astype(dtype))


@pytest.mark.parametrize("shape", [(), (2,), (2, 1)], ids=str)
@pytest.mark.parametrize("upper", [False, True])
def test_cholesky(shape, upper):
    check(lambda torch, a: torch.linalg.cholesky(a, upper=upper), [spd(*shape)])


def test_cholesky_float64():
    check(lambda torch, a: torch.linalg.cholesky(a), [spd(2, dtype="float64")])


def test_cholesky_ex():
    good = spd(2)
    check(lambda torch, a: torch.linalg.cholesky_ex(a), [good])
    bad = In(np.array([[[1., 2., 0.], [2., 1., 0.], [0., 0., 1.]], np.eye(3)], np.float32))
    check(lambda torch, a: torch.linalg.cholesky_ex(a), [bad.nograd()], grad=False)
    ours = compat.linalg.cholesky_ex(compat.eye(2))
    assert ours.info.dtype == compat.int32 and ours.L is ours[0]


@pytest.mark.parametrize("left", [True, False])
@pytest.mark.parametrize("upper", [False, True])
@pytest.mark.parametrize("unitriangular", [False, True])
def test_solve_triangular(left, upper, unitriangular):
    b = randn(3, 2) if left else randn(2, 3)
    check(lambda torch, a, b: torch.linalg.solve_triangular(
        a, b, upper=upper, left=left, unitriangular=unitriangular), [lower(), b])


def test_solve_triangular_broadcasts_batches():
    check(lambda torch, a, b: torch.linalg.solve_triangular(a, b, upper=False),
          [lower(2, 1), randn(3, 3, 2)])


@pytest.mark.parametrize("upper", [False, True])
def test_cholesky_inverse(upper):
    check(lambda torch, a: torch.cholesky_inverse(a, upper=upper), [lower()])
    check(lambda torch, a: a.cholesky_inverse(upper), [lower(2)])


def test_cholesky_second_order():
    def fn(torch, a):
        L = torch.linalg.cholesky(a)
        w = torch.arange(9.0).reshape(3, 3) / 9
        (g,) = torch.autograd.grad((L * w).sum() + L.pow(2).sum(), a, create_graph=True)
        return g
    check(fn, [spd()], grad_fn=False, grad_rtol=1e-4, grad_atol=1e-4)  # nodes of a backward are named generically


@pytest.mark.parametrize("make", [
    lambda torch: torch.linalg.cholesky(torch.ones(3)),
    lambda torch: torch.linalg.cholesky(torch.ones(2, 3)),
    lambda torch: torch.linalg.cholesky(torch.ones(2, 2, dtype=torch.long)),
    lambda torch: torch.linalg.cholesky(torch.ones(2, 2, dtype=torch.float16)),
    lambda torch: torch.linalg.cholesky([[1.0]]),
    lambda torch: torch.linalg.solve_triangular(torch.eye(2), torch.ones(2), upper=False),
    lambda torch: torch.linalg.solve_triangular(torch.ones(3), torch.ones(2, 1), upper=False),
    lambda torch: torch.linalg.solve_triangular(torch.eye(2), torch.ones(3, 1), upper=False),
    lambda torch: torch.linalg.solve_triangular(torch.eye(2), torch.ones(2, 3), upper=True,
                                                left=False),
    lambda torch: torch.linalg.solve_triangular(torch.eye(2, dtype=torch.long),
                                                torch.ones(2, 1, dtype=torch.long), upper=True),
    lambda torch: torch.linalg.solve_triangular(torch.eye(2).expand(3, 2, 2),
                                                torch.ones(4, 2, 1), upper=True),
    lambda torch: torch.cholesky_inverse(torch.ones(3)),
    lambda torch: torch.cholesky_inverse(torch.ones(2, 3)),
    lambda torch: torch.cholesky_inverse(torch.ones(2, 2, dtype=torch.long)),
])
def test_bad_arguments(make):
    check_raises(make)


@pytest.mark.parametrize("make", [
    lambda torch: torch.linalg.cholesky(torch.tensor([[1., 2.], [2., 1.]])),
    lambda torch: torch.linalg.cholesky(torch.tensor([[-1., 0.], [0., 1.]])),
    lambda torch: torch.linalg.cholesky(torch.tensor([[float("nan")]])),
    lambda torch: torch.linalg.cholesky(torch.stack([torch.eye(2),
                                                     torch.tensor([[1., 2.], [2., 1.]])])),
    lambda torch: torch.linalg.cholesky_ex(torch.tensor([[1., 2.], [2., 1.]]),
                                           check_errors=True),
])
def test_not_positive_definite_is_torchs_linalg_error(make):
    ours, theirs = _raises(make)
    assert str(ours) == str(theirs)
    assert isinstance(ours, compat.linalg.LinAlgError) and isinstance(ours, RuntimeError)
    assert type(ours).__qualname__ == type(theirs).__qualname__ == "_LinAlgError"


def _raises(make):
    with pytest.raises(RuntimeError) as theirs:
        make(torch)
    with pytest.raises(RuntimeError) as ours:
        make(compat)
    return ours.value, theirs.value
