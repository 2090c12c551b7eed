"""Reductions against torch: sum, mean, prod, std, var, norm, logsumexp, amax/amin, max/min
with and without dim (values, indices, return types), argmax/argmin, all/any, cumsum/cumprod;
over dims, keepdim and dtypes; gradients at ties, zeros and empty inputs; errors."""
import numpy as np
import pytest

from oracle import check, check_raises, const, randbool, randint, randn

torch = pytest.importorskip("torch")

# (dtype, shape, dim, keepdim): JAX compiles per shape and dim, so each op walks this one list.
CASES = [
    ("float32", (), None, False),
    ("float32", (), 0, True),
    ("float32", (5,), 0, False),
    ("float32", (3, 4), None, False),
    ("float32", (3, 4), 1, True),
    ("float32", (3, 4), -2, False),
    ("float32", (2, 3, 4), (0, 2), False),
    ("float32", (2, 3, 4), 1, True),
    ("float64", (3, 4), 0, False),
    ("float64", (2, 3, 4), None, False),
    ("float32", (0, 3), 0, False),
    ("float32", (0, 3), 1, True),
]


def _case_id(case):
    dtype, shape, dim, keepdim = case
    return f"{dtype}-{list(shape)}-dim{dim}{'-keep' if keepdim else ''}".replace(" ", "")


def _reduce(method):
    def fn(torch, x, dim, keepdim):
        if dim is None:
            return getattr(x, method)()
        return getattr(x, method)(dim, keepdim=keepdim)
    return fn


def _reduce_fn(name):
    def fn(torch, x, dim, keepdim):
        if dim is None:
            return getattr(torch, name)(x)
        return getattr(torch, name)(x, dim=dim, keepdim=keepdim)
    return fn


REDUCTIONS = {
    "sum": _reduce("sum"), "torch.sum": _reduce_fn("sum"), "mean": _reduce("mean"),
    "torch.mean": _reduce_fn("mean"), "prod": _reduce("prod"), "std": _reduce("std"),
    "var": _reduce_fn("var"), "norm": _reduce_fn("norm"), "amax": _reduce("amax"),
    "logsumexp": _reduce("logsumexp"),
}


@pytest.mark.parametrize("case", CASES, ids=_case_id)
@pytest.mark.parametrize("op", list(REDUCTIONS))
def test_reduction(op, case):
    dtype, shape, dim, keepdim = case
    if op == "prod" and isinstance(dim, tuple):
        dim = dim[0]  # prod takes one dim
    if op in ("amax", "logsumexp") and dim is None:
        dim = tuple(range(len(shape))) if op == "logsumexp" else ()
        if op == "amax" and 0 in shape:
            check_raises(lambda torch, x: x.amax(), [randn(*shape, dtype=dtype)])
            return
    if op == "amax" and 0 in shape and dim in (0, (0,)):
        check_raises(lambda torch, x: x.amax(dim, keepdim=keepdim), [randn(*shape, dtype=dtype)])
        return
    check(lambda torch, x: REDUCTIONS[op](torch, x, dim, keepdim), [randn(*shape, dtype=dtype)])


@pytest.mark.parametrize("case", [("int64", (3, 4), None, False), ("int64", (2, 3, 4), 1, True),
                                  ("bool", (3, 4), 0, False), ("bool", (), None, False),
                                  ("int64", (0, 3), 0, False)], ids=_case_id)
@pytest.mark.parametrize("op", ["sum", "prod", "amax", "max", "argmax", "all", "any", "count_nonzero"])
def test_integer_and_bool_reductions(op, case):
    dtype, shape, dim, keepdim = case
    x = randn(*shape, dtype=dtype)
    if op == "count_nonzero":
        check(lambda torch, x: torch.count_nonzero(x, dim=dim), [x])
        return
    if op in ("amax", "max", "argmax") and 0 in shape:
        if dim is None or shape[dim] == 0:
            check_raises(lambda torch, x: getattr(x, op)() if dim is None else getattr(x, op)(dim),
                         [x])
            return
    if op == "max" and dim is not None:
        check(lambda torch, x: x.max(dim, keepdim=keepdim), [x])
        return
    if op == "argmax" and dtype == "bool":
        check_raises(lambda torch, x: x.argmax(dim), [x])
        return
    if op in ("max", "argmax") and dim is None:
        check(lambda torch, x: getattr(x, op)(), [x])
        return
    check(lambda torch, x: REDUCTIONS.get(op, _reduce(op))(torch, x, dim, keepdim), [x])


def test_sum_and_mean_with_dtype():
    check(lambda torch, x: (x.sum(dtype=torch.float64), x.sum(0, dtype=torch.float32)), [randint(-3, 4, 3, 4)])
    check(lambda torch, x: (x.mean(dtype=torch.float64), x.sum(1, dtype=torch.float64)), [randn(3, 4)])
    check(lambda torch, x: torch.mean(x, dtype=torch.float32), [randint(-3, 4, 5)])


def test_keepdim_without_dim():
    check(lambda torch, x: (x.sum(dim=None, keepdim=True), x.mean(None, True), torch.sum(x, None, True)),
          [randn(2, 3)])


def test_sum_of_empty_and_mean_of_empty():
    check(lambda torch, x: (x.sum(), x.mean(), x.sum(0), x.prod()), [randn(0, 3)])
    check(lambda torch, x: x.mean(1), [randn(0, 3)])
    check(lambda torch, x: x.sum(), [randint(0, 3, 0)])


def test_sum_over_all_dims_list_and_negative_tuple():
    check(lambda torch, x: (x.sum([0, 1]), x.sum((-1, 0), keepdim=True), x.mean([-1])), [randn(2, 3, 4)])
    check(lambda torch, x: x.sum(dim=()), [randn(2, 3)])


# ----------------------------------------------------------------------------- std and var
@pytest.mark.parametrize("form", ["unbiased_false", "correction0", "correction2", "positional",
                                  "dim_unbiased_keepdim"])
def test_std_var_corrections(form):
    fn = {
        "unbiased_false": lambda torch, x: (x.std(unbiased=False), x.var(unbiased=False)),
        "correction0": lambda torch, x: (x.std(1, correction=0), torch.var(x, 0, correction=0)),
        "correction2": lambda torch, x: (x.var(correction=2), x.std(dim=0, correction=2)),
        "positional": lambda torch, x: (x.std(False), x.var(True)),
        "dim_unbiased_keepdim": lambda torch, x: (x.std(1, False, True), x.var(0, True, True)),
    }[form]
    check(fn, [randn(3, 4)])


def test_std_of_single_element_is_nan_and_warns():
    check(lambda torch, x: (x.std(), x.var(), x.std(0)), [randn(1)], warns=True)
    check(lambda torch, x: x.std(), [randn()], warns=True)
    check(lambda torch, x: x.var(0), [randn(1, 3)], warns=True)
    check(lambda torch, x: (x.std(0), x.var(), x.std(1)), [randn(0, 3)], warns=True)
    check(lambda torch, x: (x.var(1, correction=2), x.std(0, correction=3)), [randn(3, 4)], warns=True)


def test_std_of_constant_gradient():
    # std is 0: torch's std_backward divides by it (inf/nan), and so must we.
    check(lambda torch, x: x.std(), [const([2.0, 2.0, 2.0])])
    check(lambda torch, x: x.var(), [const([2.0, 2.0, 2.0])])


# ----------------------------------------------------------------------------- max / min
@pytest.mark.parametrize("case", [c for c in CASES if not isinstance(c[2], tuple)], ids=_case_id)
@pytest.mark.parametrize("op", ["max", "min"])
def test_max_min(op, case):
    dtype, shape, dim, keepdim = case
    x = randn(*shape, dtype=dtype)
    if dim is None:
        if 0 in shape:
            check_raises(lambda torch, x: getattr(x, op)(), [x])
        else:
            check(lambda torch, x: getattr(x, op)(), [x])
            check(lambda torch, x: getattr(torch, op)(x), [x])
        return
    if shape and shape[dim] == 0:
        check_raises(lambda torch, x: getattr(x, op)(dim), [x])
        return
    check(lambda torch, x: getattr(x, op)(dim, keepdim), [x])
    check(lambda torch, x: getattr(torch, op)(x, dim=dim, keepdim=keepdim), [x])


def test_max_min_return_type_fields():
    def fn(torch, x):
        r = x.max(dim=1)
        values, indices = x.min(0)
        return r.values, r.indices, values, indices, r[0], type(r).__name__, len(r)
    check(fn, [randn(3, 4)])


def test_max_min_of_two_tensors():
    check(lambda torch, a, b: (torch.max(a, b), torch.min(a, b), a.max(b)), [randn(3, 4), randn(4)])


def test_max_ties_distribute_gradient_evenly():
    # Full reductions (MaxBackward1/amax) share the gradient among ties; max(dim) gives it to
    # the returned index.
    x = const([[1.0, 3.0, 3.0], [2.0, 2.0, 0.0]])
    check(lambda torch, x: x.max(), [x])
    check(lambda torch, x: x.min(), [x])
    check(lambda torch, x: x.amax(1), [x])
    check(lambda torch, x: x.amin(0), [x])
    check(lambda torch, x: x.max(1), [x])
    check(lambda torch, x: x.min(0), [x])
    check(lambda torch, x: torch.max(x, 1, keepdim=True).values, [x])
    check(lambda torch, x: x.max(), [const([5.0, 5.0, 5.0, 5.0])])


def test_max_with_nan():
    x = const([[1.0, np.nan, 3.0], [2.0, 1.0, 0.0]]).nograd()
    check(lambda torch, x: (x.max(), x.min(), x.max(1), x.argmax(1), x.argmin(), x.amax(0)), [x])


# ----------------------------------------------------------------------------- argmax / argmin
@pytest.mark.parametrize("dtype,shape", [("float32", (3, 4)), ("int64", (2, 3, 4)), ("float64", ()),
                                         ("float32", (5,))], ids=str)
@pytest.mark.parametrize("op", ["argmax", "argmin"])
def test_argmax_argmin(op, dtype, shape):
    x = randn(*shape, dtype=dtype).nograd()
    check(lambda torch, x: (getattr(x, op)(), getattr(torch, op)(x, keepdim=True)), [x])
    for dim in range(-len(shape), len(shape)) if shape else [0, -1]:
        check(lambda torch, x: (getattr(x, op)(dim), getattr(x, op)(dim, keepdim=True)), [x])


def test_argmax_ties_pick_first():
    x = const([[1.0, 3.0, 3.0], [2.0, 2.0, 0.0]])
    check(lambda torch, x: (x.argmax(), x.argmax(1), x.argmin(1), x.argmin(0), x.argmax(0)), [x])


# ----------------------------------------------------------------------------- prod and norm
def test_prod_gradient_with_zeros():
    check(lambda torch, x: x.prod(), [const([2.0, 0.0, 3.0])])
    check(lambda torch, x: x.prod(), [const([0.0, 0.0, 3.0])])
    check(lambda torch, x: x.prod(1), [const([[2.0, 0.0, 3.0], [0.0, 0.0, 1.0], [1.0, 2.0, 3.0]])])
    check(lambda torch, x: x.prod(0, keepdim=True), [const([[2.0, 0.0], [0.0, 0.0]])])


@pytest.mark.parametrize("p", [2, 1, 3, float("inf"), float("-inf"), 0.5, "fro"], ids=str)
def test_norm_orders(p):
    check(lambda torch, x: (x.norm(p), torch.norm(x, p, dim=1), x.norm(p, dim=0, keepdim=True)),
          [randn(3, 4)])


def test_norm_at_zero():
    check(lambda torch, x: x.norm(), [const([0.0, 0.0, 0.0])])
    check(lambda torch, x: x.norm(dim=1), [const([[0.0, 0.0], [3.0, 4.0]])])
    check(lambda torch, x: x.norm(1), [const([0.0, 0.0, 1.0])])
    check(lambda torch, x: x.norm(float("inf")), [const([-3.0, 3.0, 1.0])])
    check(lambda torch, x: x.norm(), [const(0.0)])


def test_norm_dtype_and_errors():
    check(lambda torch, x: x.norm(), [randn(3, dtype="float64")])
    check_raises(lambda torch, x: x.norm(), [randint(0, 3, 3)])


# ----------------------------------------------------------------------------- cumulative
@pytest.mark.parametrize("dim", [0, 1, -1])
def test_cumsum_cumprod(dim):
    check(lambda torch, x: (x.cumsum(dim), torch.cumprod(x, dim=dim)), [randn(3, 4)])


def test_cumsum_integer_and_dtype():
    check(lambda torch, x: (x.cumsum(0), x.cumsum(0, dtype=torch.float32)), [randint(-3, 4, 5)])
    check(lambda torch, x: x.cumsum(0), [randbool(5)])


# ----------------------------------------------------------------------------- all / any
def test_all_any():
    b = randbool(3, 4)
    check(lambda torch, b: (b.all(), b.any(), b.all(1), b.any(0, keepdim=True), torch.all(b),
                            torch.any(b, dim=1)), [b])
    check(lambda torch, x: (x.all(), x.any(), x.all(0)), [randint(0, 2, 3, 4)])
    check(lambda torch, x: (x.all(), x.any()), [const([0.0, 1.5, -1.0])])
    check(lambda torch, x: (x.all(), x.any()), [randbool(0)])


# ----------------------------------------------------------------------------- errors
def test_bad_dims():
    check_raises(lambda torch, x: x.sum(2), [randn(3, 4)])
    check_raises(lambda torch, x: x.sum(-3), [randn(3, 4)])
    check_raises(lambda torch, x: x.mean(5), [randn(3)])
    check_raises(lambda torch, x: x.max(2), [randn(3, 4)])
    check_raises(lambda torch, x: x.argmax(3), [randn(3, 4)])
    check_raises(lambda torch, x: x.std(4), [randn(3, 4)])
    check_raises(lambda torch, x: x.sum(1), [randn()])
    check_raises(lambda torch, x: x.softmax(-3), [randn(3, 4)])
    check_raises(lambda torch, x: x.sum((0, 0)), [randn(3, 4)], message=False)


def test_reduction_dtype_errors():
    check_raises(lambda torch, x: x.mean(), [randint(0, 3, 3)])
    check_raises(lambda torch, x: x.mean(0), [randbool(3)])
    check_raises(lambda torch, x: x.std(), [randint(0, 3, 3)], message=False)
    check_raises(lambda torch, x: x.var(0), [randint(0, 3, 3)], message=False)


def test_empty_reduction_errors():
    check_raises(lambda torch, x: x.max(), [randn(0)])
    check_raises(lambda torch, x: x.min(), [randn(0, 3)])
    check_raises(lambda torch, x: x.argmax(), [randn(0)])
    check_raises(lambda torch, x: x.max(0), [randn(0, 3)])
    check_raises(lambda torch, x: x.argmin(0), [randn(0, 3)])
