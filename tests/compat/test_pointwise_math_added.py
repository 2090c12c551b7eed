"""More pointwise math against torch: inverse hyperbolic functions, erfc/erfinv, deg2rad/rad2deg,
sinc, logit, nan_to_num, signbit/sgn/isposinf/isneginf/isreal, positive, copysign, heaviside,
fmax/fmin, logaddexp/logaddexp2, xlogy and float_power: values, promotion, gradients, grad_fn
names, in-place forms and errors."""
import pytest

from oracle import check, check_raises, const, randint, randn, uniform

torch = pytest.importorskip("torch")

UNARY = ["acosh", "asinh", "atanh", "arccosh", "arcsinh", "arctanh", "erfc", "erfinv", "deg2rad",
         "rad2deg", "sinc", "sgn"]
# inputs inside each function's domain, and special points (bounds, 0, ±inf, NaN)
_DOMAIN = {"acosh": uniform(2, 3, low=1.1, high=4.0), "arccosh": uniform(2, 3, low=1.1, high=4.0),
           "atanh": uniform(2, 3, low=-0.9, high=0.9), "arctanh": uniform(2, 3, low=-0.9, high=0.9),
           "erfinv": uniform(2, 3, low=-0.9, high=0.9),
           # sinc's gradient cancels near its extrema and near 0, where float32 sin/cos
           # implementations differ in the last bits: compared away from them
           "sinc": const([0.3, -0.7, 1.2, -2.2])}
SPECIAL = const([0.0, -0.0, 1.0, -1.0, 0.5, 2.0, float("inf"), float("-inf"), float("nan")])


@pytest.mark.parametrize("name", UNARY)
def test_unary_values_and_gradients(name):
    # torch's gradient of sgn is a ZeroTensor, which has no numpy values: compared below
    check(lambda torch, x: getattr(torch, name)(x), inputs=[_DOMAIN.get(name, randn(2, 3))],
          grad=name != "sgn")


def test_sgn_gradient_is_zero():
    def program(torch, x):
        (g,) = torch.autograd.grad(x.sgn().sum(), x)
        return g + 0.0
    check(program, inputs=[randn(2, 3)], grad=False)


@pytest.mark.parametrize("name", UNARY)
def test_unary_special_points(name):
    check(lambda torch, x: getattr(x, name)(), inputs=[SPECIAL], grad=name != "sgn")


@pytest.mark.parametrize("name", UNARY)
def test_unary_in_place(name):
    def program(torch, x):
        y = x * 1.0
        getattr(y, name + "_")()
        return y
    check(program, inputs=[_DOMAIN.get(name, randn(4))], grad=name != "sgn")


@pytest.mark.parametrize("name", UNARY + ["logit", "nan_to_num", "signbit", "isposinf", "isneginf",
                                          "isreal", "positive"])
@pytest.mark.parametrize("dtype", ["int64", "bool", "float16", "float64"])
def test_unary_dtypes(name, dtype):
    x = const([0, 1, 1, 0], dtype) if dtype == "bool" else \
        const([0, 1, -1, 3], dtype) if dtype == "int64" else const([0.25, -0.5, 0.5, 1.5], dtype)
    if dtype == "bool" and name == "positive":
        check_raises(lambda torch, x: torch.positive(x), inputs=[x])
        return
    check(lambda torch, x: getattr(torch, name)(x), inputs=[x], grad=False)


def test_integer_in_place_float_result_is_refused():
    check_raises(lambda torch, x: x.acosh_(), inputs=[randint(1, 4, 3)])


@pytest.mark.parametrize("eps", [None, 0.1, 0.0, -1.0])
def test_logit(eps):
    check(lambda torch, x: torch.logit(x, eps), inputs=[const([0.05, 0.3, 0.5, 0.97, 1.0, 0.0, 1.5, -0.5])])
    check(lambda torch, x: x.logit(eps=eps), inputs=[uniform(3, 4, low=0.05, high=0.95)])


def test_logit_in_place():
    def program(torch, x):
        y = x * 1.0
        return y.logit_(0.2), y
    check(program, inputs=[uniform(5, low=0.05, high=0.95)])


@pytest.mark.parametrize("kw", [{}, {"nan": 1.5}, {"posinf": 10.0, "neginf": -3.0}, {"nan": -1, "posinf": 2}])
@pytest.mark.parametrize("dtype", ["float32", "float16", "float64"])
def test_nan_to_num(kw, dtype):
    x = const([float("nan"), float("inf"), -float("inf"), 1.5, -2.0], dtype)
    check(lambda torch, x: torch.nan_to_num(x, **kw), inputs=[x])

    def in_place(torch, x):
        y = x * 1.0
        return y.nan_to_num_(**kw)
    check(in_place, inputs=[x])


def test_sign_tests():
    check(lambda torch, x: (x.signbit(), x.isposinf(), x.isneginf(), x.isreal(), torch.signbit(x)),
          inputs=[SPECIAL])


@pytest.mark.parametrize("program", [
    lambda torch: torch.signbit(torch.ones(2, dtype=torch.cfloat)),
    lambda torch: torch.isposinf(torch.ones(2, dtype=torch.cfloat)),
    lambda torch: torch.isneginf(torch.ones(2, dtype=torch.cfloat)),
    lambda torch: torch.ones(2, dtype=torch.bool).positive(),
])
def test_unary_errors(program):
    check_raises(program)


def test_complex_sgn_and_isreal():
    def program(torch):
        z = torch.tensor([3 + 4j, 0j, -1 + 0j, 2 - 2j])
        return z.sgn(), z.isreal()
    from oracle import check_program
    check_program(program)


def test_positive_is_the_tensor_itself():
    def program(torch, x):
        return torch.positive(x) is x, x.positive() is x
    check(program, inputs=[randn(3)])


# ----------------------------------------------------------------------------- binary
BINARY = ["copysign", "fmax", "fmin", "logaddexp", "logaddexp2", "xlogy", "float_power"]


@pytest.mark.parametrize("name", BINARY)
@pytest.mark.parametrize("shapes", [((3,), (3,)), ((2, 1), (3,)), ((), (2, 2))])
def test_binary_broadcasts_with_gradients(name, shapes):
    y = uniform(*shapes[1]) if name in ("xlogy", "float_power") else randn(*shapes[1])
    x = uniform(*shapes[0]) if name == "float_power" else randn(*shapes[0])
    check(lambda torch, x, y: getattr(torch, name)(x, y), inputs=[x, y])


@pytest.mark.parametrize("name", BINARY)
def test_binary_special_points(name):
    a = const([0.0, -0.0, 1.0, 2.0, float("nan"), 1.0, float("inf"), -float("inf"), 0.0, 3.0])
    b = const([0.0, 1.0, 1.0, float("nan"), 1.0, -0.0, float("inf"), -float("inf"), -2.0, 3.0])
    check(lambda torch, x, y: getattr(x, name)(y), inputs=[a, b])


@pytest.mark.parametrize("name", BINARY + ["heaviside"])
@pytest.mark.parametrize("dtypes", [("int64", "int64"), ("int64", "float32"), ("float16", "float16"),
                                    ("float32", "float64"), ("bool", "bool"), ("int32", "int64")])
def test_binary_promotion(name, dtypes):
    a = const([0, 1, 0, 1], dtypes[0]) if dtypes[0] == "bool" else const([0, 2, -1, 3], dtypes[0])
    b = const([1, 1, 0, 0], dtypes[1]) if dtypes[1] == "bool" else const([1, 0, 2, -3], dtypes[1])
    program = lambda torch, x, y: getattr(torch, name)(x, y)  # noqa: E731
    try:
        getattr(torch, name)(a.make(torch), b.make(torch))
    except (RuntimeError, NotImplementedError, TypeError):
        check_raises(program, inputs=[a, b])
        return
    check(program, inputs=[a, b], grad=False)


@pytest.mark.parametrize("name", ["copysign", "xlogy", "float_power"])
@pytest.mark.parametrize("scalar", [2, -1.5, 0])
def test_scalar_operands(name, scalar):
    check(lambda torch, x: (getattr(torch, name)(x, scalar), getattr(x, name)(scalar)),
          inputs=[uniform(3)])
    if name != "copysign":
        check(lambda torch, y: getattr(torch, name)(scalar, y), inputs=[uniform(3)])


@pytest.mark.parametrize("name", ["copysign", "heaviside", "xlogy"])
def test_binary_in_place(name):
    def program(torch, x, y):
        z = x * 1.0
        getattr(z, name + "_")(y.detach() if name == "heaviside" else y)
        return z
    check(program, inputs=[randn(2, 3), uniform(3)], grad=name != "heaviside")


def test_float_power_in_place():
    def program(torch, x, y):
        z, w = x.double() * 1.0, x.double() * 1.0
        return z.float_power_(y), w.float_power_(2)
    check(program, inputs=[uniform(3), uniform(3)])


def test_heaviside_forward_and_no_derivative():
    check(lambda torch, x, v: torch.heaviside(x, v),
          inputs=[const([-1.0, 0.0, 2.0, float("nan")]), const([0.5, 0.5, 0.5, 0.5], requires_grad=False)])
    check(lambda torch, x, v: x.heaviside(v), inputs=[randn(2, 3), randn(3)])


@pytest.mark.parametrize("program", [
    lambda torch: torch.fmax(torch.ones(2), 1),
    lambda torch: torch.fmin(torch.ones(2), 1.0),
    lambda torch: torch.logaddexp(torch.ones(2), 1),
    lambda torch: torch.logaddexp2(torch.ones(2), 1),
    lambda torch: torch.heaviside(torch.ones(2), 1),
    lambda torch: torch.heaviside(torch.ones(2), torch.ones(2, dtype=torch.float64)),
    lambda torch: torch.heaviside(torch.ones(2, dtype=torch.cfloat), torch.ones(2, dtype=torch.cfloat)),
    lambda torch: torch.logaddexp(torch.ones(2, dtype=torch.int64), torch.ones(2, dtype=torch.int64)),
    lambda torch: torch.ones(2).float_power_(2),
    lambda torch: torch.ones(2, dtype=torch.float64).float_power_(torch.ones(2, dtype=torch.cdouble)),
    lambda torch: torch.ones(3).copysign(torch.ones(2)),
    lambda torch: torch.ones(2).fmax_(torch.ones(2)),
])
def test_binary_errors(program):
    check_raises(program)
