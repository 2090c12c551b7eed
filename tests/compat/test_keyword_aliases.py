"""torch's keyword spellings: numpy's ``axis=`` for ``dim``, and sequence parameters by name
(``reshape(shape=…)``, ``permute(dims=…)``), checked against torch."""
import pytest

from oracle import check, check_raises, randn, randbool

REDUCTIONS = ["sum", "mean", "amax", "prod"]


@pytest.mark.parametrize("name", REDUCTIONS)
@pytest.mark.parametrize("axis", [0, 1])
def test_method_takes_axis(name, axis):
    check(lambda torch, x: getattr(x, name)(axis=axis), inputs=[randn(2, 3)])


@pytest.mark.parametrize("name", REDUCTIONS)
def test_function_takes_axis(name):
    check(lambda torch, x: getattr(torch, name)(x, axis=0, keepdim=True), inputs=[randn(2, 3)])


@pytest.mark.parametrize("name", ["any", "all"])
def test_boolean_reductions_take_axis(name):
    check(lambda torch, x: (getattr(x, name)(axis=1), getattr(torch, name)(x, axis=0)),
          inputs=[randbool(2, 3)])


def test_reshape_takes_shape_keyword():
    check(lambda torch, x: (x.reshape(shape=(3, 2)), torch.reshape(x, shape=(3, 2))),
          inputs=[randn(2, 3)])


def test_permute_takes_dims_keyword():
    check(lambda torch, x: (x.permute(dims=(1, 0)), torch.permute(x, dims=(1, 0))),
          inputs=[randn(2, 3)])


def test_unknown_keyword_is_still_refused():
    check_raises(lambda torch, x: x.sum(axes=0), inputs=[randn(2, 3)], message=False)
