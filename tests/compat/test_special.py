"""torch.lgamma and torch.digamma against torch: values (poles and negative arguments
included), integer inputs, in-place forms and gradients (digamma and trigamma)."""
import numpy as np
import pytest

from oracle import In, check, randint

torch = pytest.importorskip("torch")

POINTS = [-2.0, -1.5, -0.5, 0.0, -0.0, 0.3, 0.5, 1.0, 2.0, 2.5, 3.7, 10.0, 100.0, 1e-8, 1e10,
          float("inf"), float("nan")]


@pytest.mark.parametrize("name", ["lgamma", "digamma"])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_values_and_gradients(name, dtype):
    x = In(np.array(POINTS, dtype))
    check(lambda torch, x: getattr(torch, name)(x), [x], rtol=1e-5, grad_rtol=1e-5)


@pytest.mark.parametrize("name", ["lgamma", "digamma"])
def test_integers_give_the_default_float(name):
    check(lambda torch, x: getattr(torch, name)(x), [randint(1, 9, 5)])


@pytest.mark.parametrize("name", ["lgamma_", "digamma_"])
def test_in_place(name):
    x = In(np.array([0.5, 2.0, 7.5], "float32"), requires_grad=False)
    check(lambda torch, x: getattr(x, name)(), [x])
