"""Elementwise ops against torch: arithmetic (operators, methods, functions, Python scalars,
reflected operators), broadcasting, dtype promotion, math functions, activations, clamp,
where, softmax, comparisons, in-place ops and augmented assignment, gradients at special
points, and the errors torch raises."""
import numpy as np
import pytest

from oracle import check, check_raises, const, randbool, randint, randn, uniform

torch = pytest.importorskip("torch")

# Broadcasting pairs: 0-d, 1-d, 2-d, 3-d, (3,1)x(4,), scalar x matrix, empty.
SHAPE_PAIRS = [((), ()), ((5,), (5,)), ((3, 4), (3, 4)), ((3, 1), (4,)), ((2, 3, 4), (3, 1)),
               ((), (2, 3)), ((0, 3), (3,))]
FEW_PAIRS = [((), ()), ((3, 1), (4,)), ((2, 3, 4), (3, 1))]
SHAPES = [(), (5,), (3, 4), (2, 3, 4), (0, 3)]
FEW_SHAPES = [(), (3, 4), (2, 3, 4)]
# JAX compiles every op for every new shape and dtype: float32 goes over all shapes, the
# other dtypes over a few (each op still meets 0-d, n-d, broadcasting and empty inputs).
DTYPE_PAIRS = ([("float32", p) for p in SHAPE_PAIRS]
               + [("float64", p) for p in (((), ()), ((3, 1), (4,)), ((2, 3, 4), (3, 1)))]
               + [("int64", p) for p in (((), ()), ((3, 4), (3, 4)), ((3, 1), (4,)), ((0, 3), (3,)))])
DTYPE_SHAPES = [("float32", ()), ("float32", (2, 3, 4)), ("float32", (0, 3)), ("float64", (5,))]


def _pair_id(pair):
    return "x".join(str(list(s)).replace(" ", "") for s in pair)


def nonzero(*shape, dtype="float32"):
    """Values bounded away from zero (divisors)."""
    sign = np.where(np.random.default_rng(len(shape)).random(shape) < 0.5, -1, 1)
    if np.dtype(dtype).kind == "f":
        return const((uniform(*shape, low=0.5, high=2.0).array * sign).astype(dtype))
    return const((randint(1, 5, *shape).array * sign).astype(dtype))


# ----------------------------------------------------------------------------- arithmetic
ARITH = {
    "add": lambda torch, a, b: a + b,
    "add_method": lambda torch, a, b: a.add(b),
    "add_alpha": lambda torch, a, b: torch.add(a, b, alpha=2),
    "sub": lambda torch, a, b: a - b,
    "sub_alpha": lambda torch, a, b: a.sub(b, alpha=3),
    "mul": lambda torch, a, b: a * b,
    "mul_fn": lambda torch, a, b: torch.mul(a, b),
}


@pytest.mark.parametrize("dtype,pair", DTYPE_PAIRS, ids=lambda v: v if isinstance(v, str) else _pair_id(v))
@pytest.mark.parametrize("op", list(ARITH))
def test_arithmetic(op, dtype, pair):
    check(ARITH[op], [randn(*pair[0], dtype=dtype), randn(*pair[1], dtype=dtype)])


@pytest.mark.parametrize("dtype,pair", DTYPE_PAIRS, ids=lambda v: v if isinstance(v, str) else _pair_id(v))
def test_division(dtype, pair):
    check(lambda torch, a, b: a / b, [randn(*pair[0], dtype=dtype), nonzero(*pair[1], dtype=dtype)])


@pytest.mark.parametrize("pair", FEW_PAIRS, ids=_pair_id)
@pytest.mark.parametrize("op", ["add", "mul", "div"])
def test_bool_arithmetic(op, pair):
    fn = {"add": lambda torch, a, b: a + b, "mul": lambda torch, a, b: a * b,
          "div": lambda torch, a, b: torch.div(a, b)}[op]
    if op == "div":
        check(fn, [randbool(*pair[0]), const(np.ones(pair[1], bool))])
    else:
        check(fn, [randbool(*pair[0]), randbool(*pair[1])])


@pytest.mark.parametrize("rounding_mode", ["trunc", "floor"])
@pytest.mark.parametrize("dtype", ["float32", "float64", "int64"])
def test_division_rounding(rounding_mode, dtype):
    a = const(np.array([[7, -7, 5, -5], [3, -3, 0, 9]], dtype=dtype))
    b = const(np.array([2, 2, -3, -3], dtype=dtype))
    check(lambda torch, a, b: torch.div(a, b, rounding_mode=rounding_mode), [a, b])
    check(lambda torch, a, b: a.div(b, rounding_mode=rounding_mode), [a, b])


@pytest.mark.parametrize("dtype", ["float32", "int64"])
def test_floor_divide_and_remainder(dtype):
    a = const(np.array([[7, -7, 5, -5], [3, -3, 0, 9]], dtype=dtype))
    b = const(np.array([2, 2, -3, -3], dtype=dtype))
    check(lambda torch, a, b: a // b, [a, b])
    check(lambda torch, a, b: a % b, [a, b])
    check(lambda torch, a, b: torch.remainder(a, b), [a, b])
    check(lambda torch, a, b: torch.fmod(a, b), [a, b])
    check(lambda torch, a: a // 2, [a])
    check(lambda torch, a: a % 3, [a])
    check(lambda torch, a: 7 % a.abs().clamp(min=1), [a])
    check(lambda torch, a: 7 // a.abs().clamp(min=1), [a])
    check(lambda torch, a, b: (a.fmod(2), a.remainder(-2.5), torch.fmod(a, b)), [a, b])


@pytest.mark.parametrize("pair", FEW_PAIRS + [((5,), (5,)), ((0, 3), (3,))], ids=_pair_id)
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_pow_tensor_tensor(pair, dtype):
    check(lambda torch, a, b: a ** b, [uniform(*pair[0], dtype=dtype), randn(*pair[1], dtype=dtype)])
    check(lambda torch, a, b: torch.pow(a, b), [uniform(*pair[0], dtype=dtype),
                                                randn(*pair[1], dtype=dtype)])


def test_pow_integers():
    check(lambda torch, a, b: a ** b, [randint(-4, 5, 3, 4), randint(0, 4, 4)])
    check(lambda torch, a: (a ** 2, 2 ** a, a ** 0), [randint(0, 5, 6)])


@pytest.mark.parametrize("dtype,shape", [("float32", ()), ("float32", (2, 3, 4)), ("float64", (5,))],
                         ids=str)
@pytest.mark.parametrize("op", ["maximum", "minimum", "atan2"])
def test_binary_math(op, dtype, shape):
    check(lambda torch, a, b: getattr(torch, op)(a, b), [randn(*shape, dtype=dtype),
                                                         randn(*shape[-1:], dtype=dtype)])


# ----------------------------------------------------------------------------- scalars and reflected operators
SCALAR_OPS = {
    "add_int": lambda torch, x: x + 2,
    "radd_int": lambda torch, x: 2 + x,
    "add_float": lambda torch, x: x + 2.5,
    "sub_int": lambda torch, x: x - 2,
    "rsub_int": lambda torch, x: 2 - x,
    "rsub_float": lambda torch, x: 1.5 - x,
    "mul_float": lambda torch, x: x * 2.5,
    "rmul_int": lambda torch, x: 3 * x,
    "mul_bool": lambda torch, x: x * True,
    "div_int": lambda torch, x: x / 2,
    "rdiv_float": lambda torch, x: 2.0 / x,
    "rdiv_int": lambda torch, x: 1 / x,
    "pow_int": lambda torch, x: x ** 2,
    "pow_float": lambda torch, x: x ** 1.5,
    "pow_zero": lambda torch, x: x ** 0,
    "pow_neg": lambda torch, x: x ** -1,
    "rpow_float": lambda torch, x: 2.0 ** x,
    "rpow_int": lambda torch, x: 3 ** x,
    "neg": lambda torch, x: -x,
    "pos": lambda torch, x: +x,
    "abs_builtin": lambda torch, x: abs(x),
    "floordiv": lambda torch, x: x // 2,
    "mod": lambda torch, x: x % 1.5,
    "rsub_fn": lambda torch, x: torch.rsub(x, 2),
}


@pytest.mark.parametrize("dtype,shape", [("float32", ()), ("float64", (3, 4)), ("int64", (3, 4))], ids=str)
@pytest.mark.parametrize("op", list(SCALAR_OPS))
def test_python_scalars(op, dtype, shape):
    if dtype == "int64" and op in ("pow_neg",):
        check_raises(SCALAR_OPS[op], [randint(1, 4, *shape)])
        return
    x = uniform(*shape, low=0.5, high=2.0, dtype=dtype) if dtype != "int64" else randint(1, 5, *shape)
    check(SCALAR_OPS[op], [x])


@pytest.mark.parametrize("op", ["add", "mul", "div"])
def test_python_scalars_with_bool_tensor(op):
    fn = {"add": lambda torch, x: (x + 1, x + 1.5, x + True),
          "mul": lambda torch, x: (x * 2, x * 2.5, x * False),
          "div": lambda torch, x: (x / 2, x / 0.5)}[op]
    check(fn, [randbool(2, 3)])


def test_subtraction_with_bools_raises():
    check_raises(lambda torch, x: x - 1, [randbool(2, 3)])
    check_raises(lambda torch, x: 1 - x, [randbool(2, 3)])
    check_raises(lambda torch, x: x - True, [randn(2, 3)])
    check_raises(lambda torch, x: True - x, [randn(2, 3)])
    check_raises(lambda torch, x, y: x - y, [randn(2, 3), randbool(3)])
    check_raises(lambda torch, x, y: x.sub(y), [randbool(3), randint(0, 3, 3)])


# ----------------------------------------------------------------------------- dtype promotion
PROMOTION = [
    ("float32", "float64"), ("float64", "float32"), ("int64", "float32"), ("float32", "int64"),
    ("bool", "float32"), ("bool", "int64"), ("int32", "int64"), ("float64", "int64"),
    ("int32", "float32"), ("bool", "float64"),
]


@pytest.mark.parametrize("dtypes", PROMOTION, ids="-".join)
@pytest.mark.parametrize("op", ["add", "div", "sub", "eq"])
def test_promotion_between_tensors(op, dtypes):
    fn = {"add": lambda torch, a, b: a + b, "mul": lambda torch, a, b: a * b,
          "div": lambda torch, a, b: a / b, "sub": lambda torch, a, b: a - b,
          "eq": lambda torch, a, b: a == b}[op]
    a = randn(3, 4, dtype=dtypes[0]) if dtypes[0] != "int32" else randint(-3, 4, 3, 4, dtype="int32")
    if op == "div":
        b = const(np.ones(4, dtypes[1]) * (2 if dtypes[1] != "bool" else 1))
    else:
        b = randn(4, dtype=dtypes[1]) if dtypes[1] != "int32" else randint(-3, 4, 4, dtype="int32")
    if op == "sub" and "bool" in dtypes:
        check_raises(fn, [a, b])
        return
    check(fn, [a, b])


@pytest.mark.parametrize("dtypes", [("float32", "float64"), ("int64", "float64"), ("int64", "float32"),
                                    ("float64", "float32"), ("bool", "int64"), ("int32", "int64"),
                                    ("float32", "int64")], ids="-".join)
def test_promotion_with_zero_dim_tensors(dtypes):
    # A 0-d tensor only sets the dtype when it is of a higher category than the dimensioned one.
    vec = randn(3, dtype=dtypes[0]) if dtypes[0] != "int32" else randint(-3, 4, 3, dtype="int32")
    scalar = randn(dtype=dtypes[1])
    check(lambda torch, v, s: (v + s, s * v, s + v, torch.result_type(v, s)), [vec, scalar])
    if "bool" not in dtypes:
        check(lambda torch, v, s: (v - s, s - v), [vec, scalar])
    check(lambda torch, v, s: (v * s + v.sum(), (v * s).sum()), [vec, scalar])


@pytest.mark.parametrize("dtype", ["float32", "float64", "int64", "int32", "bool"])
@pytest.mark.parametrize("scalar", [2, 2.5, True], ids=lambda s: f"{type(s).__name__}{s}")
def test_promotion_with_python_scalars(dtype, scalar):
    x = randn(4, dtype=dtype) if dtype != "int32" else randint(-3, 4, 4, dtype="int32")
    if dtype == "bool" or isinstance(scalar, bool):
        check(lambda torch, x: (x + scalar, x * scalar, scalar + x, torch.result_type(x, scalar)), [x])
    else:
        check(lambda torch, x: (x + scalar, x * scalar, scalar - x, x - scalar, x / scalar,
                                torch.result_type(x, scalar)), [x])


def test_promotion_with_zero_dim_in_float64_default():
    # torch.tensor(2.5) of dtype float64 does not widen a float32 vector.
    check(lambda torch, x: x * torch.tensor(2.5, dtype=torch.float64), [randn(3)])
    check(lambda torch, x: torch.tensor([1, 2, 3]) * x, [randn(dtype="float64")])


# ----------------------------------------------------------------------------- unary math
FLOAT_UNARY = ["exp", "sin", "cos", "tanh", "sigmoid", "relu", "abs", "neg", "atan", "sinh",
               "cosh", "expm1", "erf", "sign", "floor", "ceil", "trunc", "frac", "reciprocal",
               "square", "exp2", "round"]
POSITIVE_UNARY = ["log", "sqrt", "log2", "log10", "log1p", "rsqrt"]
BOUNDED_UNARY = ["asin", "acos", "tan"]


def _unary(op):
    return lambda torch, x: getattr(torch, op)(x)


def _method(op):
    return lambda torch, x: getattr(x, op)()


@pytest.mark.parametrize("dtype,shape", DTYPE_SHAPES, ids=str)
@pytest.mark.parametrize("op", FLOAT_UNARY)
def test_unary(op, dtype, shape):
    check(_method(op), [randn(*shape, dtype=dtype)])


@pytest.mark.parametrize("dtype,shape", [("float32", (3, 4)), ("float64", ())], ids=str)
@pytest.mark.parametrize("op", POSITIVE_UNARY)
def test_unary_positive_domain(op, dtype, shape):
    check(_unary(op), [uniform(*shape, low=0.2, high=5.0, dtype=dtype)])


@pytest.mark.parametrize("op", BOUNDED_UNARY)
def test_unary_bounded_domain(op):
    check(_unary(op), [uniform(3, 4, low=-0.9, high=0.9, dtype="float64")])


@pytest.mark.parametrize("op", FLOAT_UNARY + POSITIVE_UNARY + BOUNDED_UNARY)
def test_unary_on_integers(op):
    # Integer inputs give the default float dtype (or stay integral: abs, neg, sign, floor, …).
    if op in ("frac",):
        check_raises(_unary(op), [randint(1, 5, 2, 3)])
        return
    check(_unary(op), [randint(1, 5, 2, 3)] if op not in BOUNDED_UNARY else [randint(0, 1, 2, 3)])


@pytest.mark.parametrize("op", ["exp", "sqrt", "sin", "sigmoid", "tanh", "log", "sign", "square"])
def test_unary_on_bools(op):
    check(_unary(op), [randbool(2, 3)])


@pytest.mark.parametrize("op", ["abs", "floor", "ceil", "trunc", "frac", "relu", "neg"])
def test_unary_on_bools_raises(op):
    check_raises(_unary(op), [randbool(2, 3)])


def test_unary_special_values():
    x = const(np.array([0.0, -0.0, np.inf, -np.inf, np.nan, 1e-30, -1e30], np.float32))
    for op in ["exp", "tanh", "sigmoid", "abs", "sign", "relu", "floor", "neg", "atan", "erf"]:
        check(_unary(op), [x.nograd()])
    for op in ["log", "sqrt", "reciprocal", "rsqrt"]:
        check(_unary(op), [x.nograd()])


# ----------------------------------------------------------------------------- gradients at special points
def test_relu_abs_sign_at_zero():
    x = const([-1.0, 0.0, 2.0, -0.0])
    check(lambda torch, x: x.relu(), [x])
    check(lambda torch, x: torch.relu(x), [x])
    check(lambda torch, x: x.abs(), [x])
    check(lambda torch, x: x.sign(), [x])


def test_clamp_gradient_at_bounds():
    x = const([-2.0, -1.0, -0.5, 0.0, 1.0, 1.5])
    check(lambda torch, x: x.clamp(-1.0, 1.0), [x])
    check(lambda torch, x: torch.clamp(x, min=-1.0), [x])
    check(lambda torch, x: x.clamp(max=1.0), [x])
    check(lambda torch, x: x.clamp(min=0), [x])
    check(lambda torch, x: x.clamp(1.0, -1.0), [x])  # min > max: everything is max
    check(lambda torch, x: x.clip(-0.5, 1.0), [x])


def test_clamp_tensor_bounds():
    x = const([[-2.0, -1.0, -0.5], [0.0, 1.0, 1.5]])
    lo = const([-1.0, -1.0, 0.0])
    hi = const([[1.0], [1.0]])
    check(lambda torch, x, lo, hi: x.clamp(lo, hi), [x, lo, hi])
    check(lambda torch, x, lo: torch.clamp(x, min=lo), [x, lo])
    check(lambda torch, x, hi: torch.clamp(x, max=hi), [x, hi])


@pytest.mark.parametrize("dtype,shape", [("float32", ()), ("float32", (2, 3, 4)), ("float64", (3, 4)),
                                         ("int64", (3, 4))], ids=str)
def test_clamp_shapes_and_dtypes(dtype, shape):
    check(lambda torch, x: x.clamp(-0.5, 0.5), [randn(*shape, dtype=dtype)])
    check(lambda torch, x: x.clamp(min=1), [randn(*shape, dtype=dtype)])


def test_clamp_int_with_float_bounds():
    check(lambda torch, x: x.clamp(0.5, 2.5), [randint(-3, 4, 6)])


def test_pow_special_points():
    x = const([0.0, 1.0, -2.0, 3.0])
    check(lambda torch, x: x ** 0, [x])
    check(lambda torch, x: x ** 0.0, [x])
    check(lambda torch, x: x ** 2, [x])
    check(lambda torch, x: x ** 1, [x])
    check(lambda torch, x: x.pow(3), [x])
    # The gradient with respect to the exponent at base 0.
    check(lambda torch, x, y: torch.pow(x, y), [const([0.0, 0.0, 2.0, 0.0]), const([0.0, 2.0, 0.0, 1.0])])
    check(lambda torch, y: 0.0 ** y, [const([0.0, 1.0, 2.0])])
    check(lambda torch, y: 2.0 ** y, [const([0.0, 1.0, -2.0])])


def test_sqrt_at_large_and_zero_values():
    check(lambda torch, x: x.sqrt(), [const([1e30, 1e10, 4.0, 1e-30])])
    check(lambda torch, x: x.sqrt(), [const([1e300, 1e100, 4.0], dtype="float64")])
    check(lambda torch, x: x.sqrt(), [const([0.0, 1.0])])
    check(lambda torch, x: x.log(), [const([0.0, 1.0])])


def test_atan2_gradient_at_origin_and_extremes():
    check(lambda torch, a, b: torch.atan2(a, b), [const([0.0, 0.0, 1.0, 1e-30, 0.0]),
                                                  const([0.0, 1.7e308, 0.0, 1e-30, -2.0])])
    check(lambda torch, a, b: torch.atan2(a, b), [const([0.0, 1e-30, -1.0], dtype="float32"),
                                                  const([0.0, 1e-30, 0.0], dtype="float32")])


def test_division_by_zero():
    check(lambda torch, a, b: a / b, [const([1.0, -1.0, 0.0]), const([0.0, 0.0, 0.0])])
    check(lambda torch, a, b: a / b, [const([1, -1, 0]), const([0, 0, 0])])


def test_maximum_ties_split_gradient():
    a, b = const([1.0, 2.0, 3.0]), const([1.0, 0.0, 3.0])
    check(lambda torch, a, b: torch.maximum(a, b), [a, b])
    check(lambda torch, a, b: torch.minimum(a, b), [a, b])


# ----------------------------------------------------------------------------- where, masked_fill, lerp
@pytest.mark.parametrize("shapes", [((3, 4), (3, 4), (3, 4)), ((3, 1), (4,), ()), ((2, 3, 4), (4,), (3, 1))],
                         ids=lambda s: "-".join(map(str, s)))
def test_where(shapes):
    c, a, b = shapes
    check(lambda torch, c, a, b: torch.where(c, a, b), [randbool(*c), randn(*a), randn(*b)])
    check(lambda torch, c, a: torch.where(c, a, 0.0), [randbool(*c), randn(*a)])
    check(lambda torch, c, a: a.where(c, -1.0), [randbool(*c), randn(*a)])


def test_where_dtypes():
    check(lambda torch, c, a, b: torch.where(c, a, b), [randbool(3), randn(3, dtype="float64"), randn(3)])
    check(lambda torch, c, a, b: torch.where(c, a, b), [randbool(3), randn(3, dtype="int64"), randn(3)])
    check(lambda torch, c, a: torch.where(c, a, 2), [randbool(3), randn(3, dtype="int64")])
    check(lambda torch, c, a: torch.where(c, a, 2.5), [randbool(3), randn(3, dtype="int64")])


def test_where_condition_from_comparison():
    check(lambda torch, x: torch.where(x > 0, x, x * 0.1), [randn(3, 4)])
    check(lambda torch, x: torch.where(x > 0), [randn(3, 4).nograd()])


def test_masked_fill_and_lerp():
    check(lambda torch, x, m: x.masked_fill(m, 0.5), [randn(3, 4), randbool(4)])
    check(lambda torch, x, m: x.clone().masked_fill_(m, -1.0), [randn(3, 4), randbool(3, 4)])
    check(lambda torch, a, b: torch.lerp(a, b, 0.3), [randn(3, 4), randn(4)])
    check(lambda torch, a, b, w: a.lerp(b, w), [randn(3, 4), randn(4), uniform(3, 1, low=0, high=1)])


# ----------------------------------------------------------------------------- softmax
@pytest.mark.parametrize("dtype,shape,dim", [("float32", (5,), 0), ("float32", (3, 4), 1),
                                             ("float32", (3, 4), 0), ("float64", (3, 4), -1),
                                             ("float32", (2, 3, 4), 1), ("float32", (), 0),
                                             ("float32", (0, 3), 1)], ids=str)
def test_softmax(dtype, shape, dim):
    x = randn(*shape, dtype=dtype)
    check(lambda torch, x: (x.softmax(dim), torch.log_softmax(x, dim=dim)), [x])
    check(lambda torch, x: torch.softmax(x, dim), [x])


def test_softmax_large_values_and_dtype_argument():
    check(lambda torch, x: torch.softmax(x, 0), [const([1000.0, 0.0, -1000.0])])
    check(lambda torch, x: torch.log_softmax(x, 0), [const([1000.0, 0.0, -1000.0])])
    check(lambda torch, x: torch.softmax(x, 1, dtype=torch.float64), [randn(2, 3)])
    check(lambda torch, x: torch.softmax(x, 0, dtype=torch.float32), [randint(0, 3, 4)])


def test_softmax_errors():
    check_raises(lambda torch, x: x.softmax(2), [randn(3, 4)])
    check_raises(lambda torch, x: x.softmax(0), [randint(0, 3, 4)])


# ----------------------------------------------------------------------------- comparisons
COMPARISONS = {
    "eq": lambda torch, a, b: a == b, "ne": lambda torch, a, b: a != b,
    "lt": lambda torch, a, b: a < b, "le": lambda torch, a, b: a <= b,
    "gt": lambda torch, a, b: a > b, "ge": lambda torch, a, b: a >= b,
    "eq_fn": lambda torch, a, b: torch.eq(a, b), "gt_method": lambda torch, a, b: a.gt(b),
}


@pytest.mark.parametrize("dtype,pair", [("float32", ((3, 4), (3, 4))), ("float32", ((), (2, 3))),
                                        ("int64", ((3, 1), (4,))), ("bool", ((), (2, 3)))],
                         ids=lambda v: v if isinstance(v, str) else _pair_id(v))
@pytest.mark.parametrize("op", list(COMPARISONS))
def test_comparisons(op, dtype, pair):
    a = randint(-2, 3, *pair[0], dtype=dtype) if dtype != "bool" else randbool(*pair[0])
    b = randint(-2, 3, *pair[1], dtype=dtype) if dtype != "bool" else randbool(*pair[1])
    check(COMPARISONS[op], [a, b])


def test_comparisons_with_scalars_and_mixed_dtypes():
    x = const([-1.5, 0.0, 1.0, 2.0])
    check(lambda torch, x: (x > 0, x >= 1, x < 1.0, x == 1, x != 2, 0 < x, 1 == x), [x])
    check(lambda torch, a, b: (a == b, a < b), [const([1, 2, 3]), const([1.0, 2.5, 2.9])])
    check(lambda torch, a: (a == 2.5, a > True), [const([1, 2, 3])])
    check(lambda torch, x: (x == None, x != None), [x])  # noqa: E711


def test_comparison_results_are_not_differentiable():
    check(lambda torch, x: ((x > 0).requires_grad, (x > 0).grad_fn is None, (x > 0).is_leaf), [randn(3)])


def test_isnan_isinf_isfinite_isclose():
    x = const([0.0, np.nan, np.inf, -np.inf, 1.0]).nograd()
    check(lambda torch, x: (x.isnan(), torch.isinf(x), x.isfinite()), [x])
    check(lambda torch, a, b: (torch.isclose(a, b), a.allclose(b), torch.equal(a, b)),
          [const([1.0, 2.0]), const([1.0, 2.0 + 1e-9])])


def test_logical_and_bitwise():
    a, b = randbool(3, 4), randbool(4)
    check(lambda torch, a, b: (a & b, a | b, a ^ b, ~a, a.logical_and(b), torch.logical_or(a, b),
                               a.logical_xor(b), a.logical_not()), [a, b])
    i, j = randint(0, 8, 3, 4), randint(0, 8, 4)
    check(lambda torch, i, j: (i & j, i | j, i ^ j, ~i), [i, j])


# ----------------------------------------------------------------------------- in-place ops
INPLACE = {
    "add_": lambda torch, x, y: x.add_(y),
    "add_alpha_": lambda torch, x, y: x.add_(y, alpha=-2),
    "sub_": lambda torch, x, y: x.sub_(y),
    "mul_": lambda torch, x, y: x.mul_(y),
    "div_": lambda torch, x, y: x.div_(y.abs() + 1),
    "iadd": lambda torch, x, y: _iadd(x, y),
    "isub": lambda torch, x, y: _isub(x, y),
    "imul": lambda torch, x, y: _imul(x, y),
    "idiv": lambda torch, x, y: _idiv(x, y.abs() + 1),
    "copy_": lambda torch, x, y: x.copy_(y),
    "clamp_": lambda torch, x, y: x.clamp_(-0.5, 0.5),
    "zero_": lambda torch, x, y: x.zero_(),
    "fill_": lambda torch, x, y: x.fill_(1.5),
    "exp_": lambda torch, x, y: x.exp_(),
    "pow_": lambda torch, x, y: x.pow_(2),
    "relu_": lambda torch, x, y: x.relu_(),
}


def _iadd(x, y):
    x += y
    return x


def _isub(x, y):
    x -= y
    return x


def _imul(x, y):
    x *= y
    return x


def _idiv(x, y):
    x /= y
    return x


@pytest.mark.parametrize("op", list(INPLACE))
@pytest.mark.parametrize("pair", [((3, 4), (4,)), ((), ())], ids=_pair_id)
def test_inplace_on_non_leaf(op, pair):
    # x.clone() * 1 is a non-leaf: the in-place op rewrites its history.
    def fn(torch, x, y):
        z = x * 1
        out = INPLACE[op](torch, z, y)
        return out, z
    _, _ = check(fn, [randn(*pair[0]), randn(*pair[1])])


@pytest.mark.parametrize("op", list(INPLACE))
def test_inplace_on_leaf_without_grad(op):
    def fn(torch, x, y):
        out = INPLACE[op](torch, x, y)
        return out is x, out
    check(fn, [randn(3, 4).nograd(), randn(4)])


def test_inplace_returns_self_and_bumps_version():
    def fn(torch, x):
        v0 = x._version
        y = x.add_(1)
        x.mul_(2)
        x += 1
        return y is x, x._version - v0
    check(fn, [randn(3).nograd()])


def test_inplace_on_integer_tensor():
    check(lambda torch, x: _iadd(x, 2), [randint(0, 5, 4)])
    check(lambda torch, x: _imul(x, 3), [randint(0, 5, 4)])
    check(lambda torch, x, y: x.add_(y), [randint(0, 5, 4), randbool(4)])
    check(lambda torch, x: x.fill_(2.7), [randint(0, 5, 4)])
    check(lambda torch, x: x.copy_(torch.tensor([1.9, -2.9, 3.5, 0.1])), [randint(0, 5, 4)])
    check(lambda torch, x: x.clamp_(1, 3), [randint(0, 5, 4)])
    check(lambda torch, x: x.zero_(), [randint(0, 5, 4)])


def test_inplace_float_into_int_raises():
    check_raises(lambda torch, x: _iadd(x, 2.5), [randint(0, 5, 4)])
    check_raises(lambda torch, x: x.mul_(torch.ones(4)), [randint(0, 5, 4)])
    check_raises(lambda torch, x: _idiv(x, 2), [randint(0, 5, 4)])


def test_inplace_broadcast_shape_mismatch():
    check_raises(lambda torch, x, y: x.add_(y), [randn(4).nograd(), randn(3, 4)])
    check_raises(lambda torch, x, y: _imul(x, y), [randn(3, 1).nograd(), randn(3, 4)])


def test_inplace_on_leaf_requiring_grad_raises():
    for op in ["add_", "mul_", "zero_", "fill_", "clamp_", "exp_", "iadd", "copy_"]:
        check_raises(INPLACE[op], [randn(3, 4), randn(4)])


def test_inplace_on_leaf_under_no_grad():
    def fn(torch, x):
        with torch.no_grad():
            x.mul_(2)
            x -= 1
            x.clamp_(-1, 1)
        return x, x.requires_grad, x.is_leaf, x.grad_fn is None
    check(fn, [randn(3, 4)])


def test_inplace_on_view_of_non_leaf():
    def fn(torch, x):
        y = x * 2
        y[0].mul_(3)
        y[:, 1].add_(1)
        return y
    check(fn, [randn(3, 4)])


def test_inplace_through_view_of_leaf_raises():
    check_raises(lambda torch, x: x[0].add_(1), [randn(3, 4)])
    check_raises(lambda torch, x: x.view(12).mul_(2), [randn(3, 4)])


def test_backward_through_a_saved_tensor_modified_in_place_raises():
    def saved_input(torch, x):
        y = x * 2
        z = y * y  # saves y
        y.add_(1)
        z.sum().backward()
    check_raises(saved_input, [randn(3)], message=False)

    def saved_output(torch, x):
        y = x.exp()  # saves its result
        y.add_(1)
        y.sum().backward()
    check_raises(saved_output, [randn(3)], message=False)

    def saved_leaf(torch, x):
        w = x.detach()
        z = w * x  # saves w for x's gradient
        w.mul_(2)
        z.sum().backward()
    check_raises(saved_leaf, [randn(3)])

    def result_written_again(torch, x):
        y = x * 2
        y.exp_()  # saves its result: y as it is now
        y.relu_()
        y.sum().backward()
    check_raises(result_written_again, [randn(3)])

    def rounded_quotient(torch, x):
        y = x * 1
        z = torch.div(x, y, rounding_mode="floor")  # saves y for x's (zero) gradient
        y.add_(1)
        z.sum().backward()
    check_raises(rounded_quotient, [randn(3)])

    def twice(torch, x):
        y = x.exp()
        z = y * 1
        y.add_(1)
        y.mul_(2)
        z.sum().backward()
    check_raises(twice, [randn(3)])


def test_backward_reads_a_saved_tensor_written_through_data():
    # torch's saved tensor shares storage: a write through .data (or a view of it) between
    # forward and backward changes the gradient torch computes, without a version error
    def clipped(torch, x, w):
        z = (x * w).sum()
        w.data.clamp_(-0.5, 0.5)
        z.backward()
        return x.grad
    check(clipped, [randn(3), const([2.0, -3.0, 0.25], requires_grad=True)])

    def replaced(torch, x, w):
        z = (x / w).sum()
        w.data = w.data * 2
        z.backward()
        return x.grad, w.grad
    check(replaced, [randn(3), const([2.0, -3.0, 0.25], requires_grad=True)])

    def row_of_data(torch, x, w):
        z = (x @ w).sin().sum()
        w.data[0].zero_()
        x.data.mul_(2)
        z.backward()
        return x.grad, w.grad
    check(row_of_data, [const([[1., 2.], [3., 4.]], requires_grad=True),
                        const([[1., .5], [2., 1.]], requires_grad=True)])


# ops whose derivative reads their input, and ops whose derivative reads their result
SAVES_INPUT = ["sin", "cos", "log", "log2", "log10", "log1p", "asin", "acos", "atan", "sinh",
               "cosh", "abs", "erf", "F.gelu", "F.silu", "F.leaky_relu", "F.hardtanh"]
SAVES_RESULT = ["exp", "tanh", "sigmoid", "relu", "sqrt", "tan", "reciprocal", "rsqrt", "expm1",
                "softmax", "log_softmax"]


def _apply(torch, name, y):
    if name.startswith("F."):
        return getattr(torch.nn.functional, name[2:])(y)
    return getattr(y, name)(-1) if name.endswith("softmax") else getattr(y, name)()


@pytest.mark.parametrize("name", SAVES_INPUT + SAVES_RESULT)
def test_each_saved_tensor_rule_is_torchs(name):
    inputs = [const([0.2, 0.5, 0.7], requires_grad=True)]

    def write_input(torch, x):
        y = x * 1
        z = _apply(torch, name, y)
        y.mul_(0.5)
        (z * torch.tensor([1., 2., 3.])).sum().backward()
        return x.grad

    def write_result(torch, x):
        y = _apply(torch, name, x * 1)
        y.mul_(0.5)
        (y * torch.tensor([1., 2., 3.])).sum().backward()
        return x.grad

    def write_input_data(torch, x):
        y = x * 1
        z = _apply(torch, name, y)
        y.data.mul_(0.5)
        (z * torch.tensor([1., 2., 3.])).sum().backward()
        return x.grad

    raising, allowed = (write_input, write_result) if name in SAVES_INPUT else (write_result,
                                                                                 write_input)
    check_raises(raising, inputs)
    check(allowed, inputs)
    check(write_input_data, inputs)


def test_in_place_changes_torch_allows_before_backward():
    # what no derivative reads may change; an in-place op's own input is saved before it writes
    def program(torch, x, w):
        y = x * 2
        z = y * 3 + y / 2.0 + (y + y) + y.sum()
        y.add_(1)
        u = x * 2
        u.mul_(w)
        u.sin_()
        u.add_(1)
        (z.sum() + u.sum()).backward()
        return x.grad, w.grad
    check(program, [randn(3), randn(3)])

    def through_data(torch, x, w):
        # writes through .data are invisible to autograd's version check: weight clipping
        # between forward and backward (the values x.grad reads: see the next test)
        z = (x * w).sum() + (x.exp() * 1).sum()
        w.data.clamp_(-0.5, 0.5)
        w.data = w.data * 2
        z.backward()
        return x.grad.shape, w.grad
    check(through_data, [randn(3), randn(3)])

    def optimizer_between_graphs(torch, x, w):
        # the usual loop: each backward runs before the step that changes the weights
        optimizer = torch.optim.SGD([w], lr=0.1)
        for _ in range(2):
            (x * w).sum().backward()
            optimizer.step()
        return w.detach(), w.grad
    check(optimizer_between_graphs, [randn(3), randn(3)])


def test_inplace_then_use_in_graph():
    def fn(torch, x, y):
        z = x * y
        z.add_(1)
        z.mul_(x)
        w = z.sin()
        w -= y
        return w
    check(fn, [randn(3, 4), randn(4)])


def test_copy_broadcast_and_cast():
    check(lambda torch, y: torch.zeros(3, 4, dtype=torch.float64).copy_(y), [randn(4)])
    check(lambda torch, x, y: (x * 1).copy_(y), [randn(3, 4), randn(3, 1)])
    check_raises(lambda torch, y: torch.zeros(3).copy_(y), [randn(4)])


def test_copy_requires_a_tensor():
    check_raises(lambda torch: torch.zeros(3).copy_([1.0, 2.0, 3.0]), [], message=False)


# ----------------------------------------------------------------------------- errors
def test_broadcast_shape_mismatch():
    check_raises(lambda torch, a, b: a + b, [randn(3), randn(4)])
    check_raises(lambda torch, a, b: a * b, [randn(2, 3), randn(3, 2)])
    check_raises(lambda torch, a, b: torch.where(a > 0, a, b), [randn(2, 3), randn(4)])
    check_raises(lambda torch, a, b: a == b, [randn(3), randn(4)])
    check_raises(lambda torch, a, b: torch.maximum(a, b), [randn(3), randn(2, 2)])


def test_bool_sub_and_neg_raise():
    check_raises(lambda torch, a, b: a - b, [randbool(3), randbool(3)])
    check_raises(lambda torch, a: -a, [randbool(3)])
    check_raises(lambda torch, a: a.neg(), [randbool(3)])


def test_bad_operand_types():
    check_raises(lambda torch, a: a + "x", [randn(3)], message=False)
    check_raises(lambda torch, a: a * [1, 2, 3], [randn(3)], message=False)
    check_raises(lambda torch, a: ~a, [randn(3)])
    check_raises(lambda torch, a: a & a, [randn(3).nograd()], message=False)


def test_integer_pow_negative_raises():
    check_raises(lambda torch, a: a ** -2, [randint(1, 4, 3)])


def test_integer_division_by_zero_raises():
    check_raises(lambda torch, a, b: a // b, [randint(1, 4, 3), const([1, 0, 2])], message=False)
    check_raises(lambda torch, a, b: a % b, [randint(1, 4, 3), const([1, 0, 2])], message=False)


def test_clamp_without_bounds_raises():
    check_raises(lambda torch, a: a.clamp(), [randn(3)])
    check_raises(lambda torch, a: torch.clamp(a), [randn(3)])


def test_div_bad_rounding_mode():
    check_raises(lambda torch, a: torch.div(a, 2, rounding_mode="round"), [randn(3)])
