"""gradcheck / gradgradcheck against torch: results, GradcheckError texts, warnings, errors."""
from __future__ import annotations

import warnings

import pytest

import compat

torch = pytest.importorskip("torch")


def _bad_square(lib):
    """x**2 whose backward claims 3x: a wrong gradient for gradcheck to find."""
    class BadSquare(lib.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return x ** 2

        @staticmethod
        def backward(ctx, g):
            x, = ctx.saved_tensors
            return g * 3 * x
    return BadSquare.apply


CASES = {
    "sin passes": lambda lib, x, y: lib.autograd.gradcheck(lambda a: a.sin(), (x,)),
    "two inputs pass": lambda lib, x, y: lib.autograd.gradcheck(
        lambda a, b: (a.exp() * b[0]).sum(), (x, y)),
    "wrong rule": lambda lib, x, y: lib.autograd.gradcheck(_bad_square(lib), (x,)),
    "wrong rule, second output": lambda lib, x, y: lib.autograd.gradcheck(
        lambda a, b: (a * 2, _bad_square(lib)(a) @ b), (x, y)),
    "wrong rule, no raise": lambda lib, x, y: lib.autograd.gradcheck(
        _bad_square(lib), (x,), raise_exception=False),
    "no input requires grad": lambda lib, x, y: lib.autograd.gradcheck(
        lambda a: a.sin(), (x.detach(),)),
    "gradgradcheck passes": lambda lib, x, y: lib.autograd.gradgradcheck(
        lambda a, b: (a.sin() * b[0]).sum(), (x, y)),
    "gradgradcheck finds a wrong rule": lambda lib, x, y: lib.autograd.gradgradcheck(
        lambda a: _bad_square(lib)(a).sum() * a, (x,)),
    "single precision warns and fails": lambda lib, x, y: lib.autograd.gradcheck(
        lambda a: a.sin(), (x.detach().float().requires_grad_(),)),
}


def _run(lib, case):
    lib.manual_seed(0)  # gradgradcheck draws its grad_outputs
    x = lib.tensor([1., 2.], dtype=lib.float64, requires_grad=True)
    y = lib.tensor([[1., 2.], [3., 4.]], dtype=lib.float64, requires_grad=True)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = ("returned", CASES[case](lib, x, y))
        except Exception as err:  # the comparison is of type and text
            result = ("raised", type(err).__name__, str(err))
    return result, [str(w.message) for w in caught]


@pytest.mark.parametrize("case", sorted(CASES))
def test_gradcheck_matches_torch(case):
    assert _run(compat, case) == _run(torch, case)


def test_gradcheck_error_is_importable_where_torchs_is():
    from compat.autograd.gradcheck import GradcheckError
    from torch.autograd.gradcheck import GradcheckError as TorchError
    assert GradcheckError.__mro__[1:] == (RuntimeError, Exception, BaseException, object)
    assert GradcheckError.__module__ == TorchError.__module__
    assert callable(compat.autograd.gradcheck)  # the function shadows the module, as in torch
