"""Functions real torch programs call, against torch: addcmul/addcdiv, hypot, lerp,
repeat_interleave, meshgrid, nanmedian, inverse, scalar_tensor, bit shifts, in-place
squeeze/unsqueeze, torch.testing, the default device and ``axis=`` on composites."""
import numpy as np
import pytest

from oracle import check, check_raises, const, randint, randn, uniform

torch = pytest.importorskip("torch")


# ----------------------------------------------------------------------------- addcmul/addcdiv
@pytest.mark.parametrize("name", ["addcmul", "addcdiv"])
@pytest.mark.parametrize("shapes", [((3,), (3,), (3,)), ((2, 1, 3), (4, 1), (3,)), ((), (2, 3), ())])
def test_addc_broadcasts_with_gradients(name, shapes):
    a, b, c = shapes
    check(lambda torch, x, y, z: getattr(torch, name)(x, y, z, value=0.5),
          inputs=[randn(*a), randn(*b), uniform(*c)])


@pytest.mark.parametrize("name", ["addcmul", "addcdiv"])
def test_addc_method_default_value_and_in_place(name):
    def program(torch, x, y, z):
        w = x * 1.0
        getattr(w, name + "_")(y, z, value=-2)
        return getattr(x, name)(y, z), w
    check(program, inputs=[randn(2, 3), randn(2, 3), uniform(3)])


@pytest.mark.parametrize("dtypes", [("float64", "float32", "float32"), ("int64", "float32", "float32"),
                                    ("float32", "float64", "float16"), ("float16", "float16", "float16")])
def test_addc_promotion(dtypes):
    a, b, c = dtypes
    check(lambda torch, x, y, z: (torch.addcmul(x, y, z, value=0.1), torch.addcdiv(x, y, z, value=3)),
          inputs=[uniform(4, dtype=a), uniform(4, dtype=b), uniform(4, dtype=c)], grad=False)


def test_addcmul_integers_truncate_a_float_value_and_take_a_tensor_value():
    check(lambda torch, x, y: (torch.addcmul(x, x, y, value=2), torch.addcmul(x, x, y, value=0.5),
                               torch.addcmul(x, y, y, value=torch.tensor(3))),
          inputs=[randint(-5, 5, 4), randint(-5, 5, 4)])


def test_addc_zero_dim_tensor_does_not_promote():
    check(lambda torch, x, y: torch.addcmul(x, y.double().sum(), y),
          inputs=[randn(3), randn(3)])


@pytest.mark.parametrize("program", [
    lambda torch: torch.addcdiv(torch.tensor([1]), torch.tensor([1]), torch.tensor([2])),
    lambda torch: torch.addcdiv(torch.ones(2), torch.tensor([1, 2]), torch.tensor([2, 2])),
    lambda torch: torch.ones(2).addcdiv_(torch.tensor([1, 2]), torch.tensor([2, 2])),
    lambda torch: torch.addcmul(torch.ones(2), 1, torch.ones(2)),
    lambda torch: torch.ones(2).addcmul(torch.ones(2), 2.0),
    lambda torch: torch.addcmul(1, torch.ones(2), torch.ones(2)),
    lambda torch: torch.addcmul(torch.ones(2), torch.ones(2), torch.ones(2), 2),
    lambda torch: torch.addcmul(torch.ones(3), torch.ones(3), torch.ones(2)),
    lambda torch: torch.ones(3, dtype=torch.int64).addcmul_(torch.ones(3), torch.ones(3)),
    lambda torch: torch.ones(3).addcmul_(torch.ones(3), torch.ones(2, 3)),
    lambda torch: torch.addcmul(torch.ones(2, dtype=torch.bool), torch.ones(2, dtype=torch.bool),
                                torch.ones(2, dtype=torch.bool)),
    lambda torch: torch.addcmul(torch.ones(2), torch.ones(2), torch.ones(2), value=1j),
])
def test_addc_errors(program):
    check_raises(program)


# ----------------------------------------------------------------------------- hypot, lerp
@pytest.mark.parametrize("shapes", [((3,), (3,)), ((2, 1), (3,)), ((), (2, 2))])
def test_hypot_broadcasts_with_gradients(shapes):
    check(lambda torch, x, y: torch.hypot(x, y), inputs=[randn(*shapes[0]), randn(*shapes[1])])


def test_hypot_gradient_at_the_origin_is_nan_as_torch():
    check(lambda torch, x, y: x.hypot(y), inputs=[const([0.0, 3.0]), const([0.0, -4.0])])


@pytest.mark.parametrize("dtypes", [("float16", "float16"), ("float32", "float64"), ("int64", "float32")])
def test_hypot_promotion(dtypes):
    check(lambda torch, x, y: torch.hypot(x, y), inputs=[uniform(4, dtype=dtypes[0]),
                                                          uniform(4, dtype=dtypes[1])], grad=False)


def test_hypot_in_place():
    check(lambda torch, x, y: x.clone().hypot_(y), inputs=[randn(2, 3), randn(3)])


@pytest.mark.parametrize("program", [
    lambda torch: torch.hypot(torch.tensor([1, 2]), torch.tensor([3, 4])),
    lambda torch: torch.ones(2).hypot(2.0),
    lambda torch: torch.hypot(torch.ones(3), torch.ones(2)),
    lambda torch: torch.ones(2, dtype=torch.int64).hypot_(torch.ones(2)),
])
def test_hypot_errors(program):
    check_raises(program)


@pytest.mark.parametrize("weight", [0.25, 0.75, 2, True, "tensor", "scalar-tensor"])
def test_lerp_function_method_and_in_place(weight):
    def program(torch, x, y, w):
        wt = {"tensor": w, "scalar-tensor": w.sum()}.get(weight, weight)
        z = x * 1.0
        z.lerp_(y, wt)
        return torch.lerp(x, y, wt), x.lerp(y, weight=wt), z
    check(program, inputs=[randn(2, 3), randn(3), uniform(2, 3)])


@pytest.mark.parametrize("program", [
    lambda torch: torch.lerp(torch.ones(2), torch.ones(2).double(), 0.5),
    lambda torch: torch.lerp(torch.tensor([1, 2]), torch.tensor([1, 2]), 0.5),
    lambda torch: torch.ones(3).lerp_(torch.ones(2, 3), 0.5),
    lambda torch: torch.lerp(torch.ones(2), torch.ones(2), 1j),
])
def test_lerp_errors(program):
    check_raises(program)


def test_lerp_end_must_be_a_tensor():
    # torch words it as an invalid combination of its overloads; the type is torch's
    check_raises(lambda torch: torch.lerp(torch.ones(2), 2.0, 0.5), message=False)
