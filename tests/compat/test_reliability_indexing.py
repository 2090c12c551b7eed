"""Bad input to the index, selection, shape and matrix ops gets torch's answer through compat:
out-of-range indices raise torch's error (never a clamped, wrapped or dropped index), empty
inputs and NaN give torch's values and gradients, and shape, dimension and dtype errors carry
torch's exception type and wording (never JAX's or numpy's)."""
import math

import pytest

from oracle import check, check_raises, const, randn

NAN = math.nan


def index(values, dtype="int64"):
    return const(values, dtype)


# ----------------------------------------------------------------------------- out-of-range indices
@pytest.mark.parametrize("program,inputs", [
    (lambda torch, x, i: x.index_select(0, i), [randn(2, 3), index([0, 2])]),
    (lambda torch, x, i: x.index_select(1, i), [randn(2, 3), index([0, 5])]),
    (lambda torch, x, i: x.index_select(1, i), [randn(2, 3), index([1, -1, 7])]),
    (lambda torch, x, i: x.index_select(-1, i), [randn(2, 3, 4), index([4])]),
    (lambda torch, x, i: torch.index_select(x, 0, i), [randn(3), index([3])]),
    (lambda torch, x, i: x.index_select(0, i), [randn(3), index([-1])]),
    (lambda torch, x, i: x.index_select(0, i), [randn(), index([1])]),
    (lambda torch, x, i: x.index_select(1, i), [randn(2, 3), index([9], "int32")]),
    (lambda torch, x, i: x.gather(1, i), [randn(2, 3), index([[0, 3], [1, 1]])]),
    (lambda torch, x, i: x.gather(1, i), [randn(2, 3), index([[0, -1], [1, 1]])]),
    (lambda torch, x, i: torch.gather(x, 0, i), [randn(2, 3), index([[0, 2, 0]])]),
    (lambda torch, x, i: x.gather(0, i), [randn(5, 2), index([[0, 0], [0, 9], [8, 0]])]),
    (lambda torch, x, i: x.gather(0, i), [randn(), index(1)]),
    (lambda torch, x, i: x.take(i), [randn(2, 3), index([6])]),
    (lambda torch, x, i: x.take(i), [randn(2, 3), index([[0, -7], [8, 1]])]),
    (lambda torch, x, i: torch.take(x, i), [randn(2, 3), index([-9])]),
    (lambda torch, x, i: x.scatter(1, i, torch.ones(1, 2)), [randn(2, 3), index([[0, 3]])]),
    (lambda torch, x, i: x.scatter(0, i, torch.ones(1, 2)), [randn(2, 3), index([[-1, 0]])]),
    (lambda torch, x, i: x.scatter(1, i, 2.0), [randn(2, 3), index([[0], [3]])]),
    (lambda torch, x, i: x.scatter(1, i, torch.ones(1, 2), reduce="add"), [randn(2, 3), index([[3, 0]])]),
    (lambda torch, x, i: x.scatter_add(1, i, torch.ones(2, 2)), [randn(2, 3), index([[0, 1], [5, 0]])]),
    (lambda torch, x, i: torch.scatter_add(x, 0, i, torch.ones(1, 3)), [randn(2, 3), index([[0, 2, 0]])]),
    (lambda torch, x, i: x.detach().scatter_(1, i, torch.ones(1, 2)), [randn(2, 3), index([[0, 3]])]),
    (lambda torch, x, i: x.detach().scatter_add_(1, i, torch.ones(1, 2)), [randn(2, 3), index([[4, 0]])]),
])
def test_out_of_range_index_raises(program, inputs):
    check_raises(program, inputs)


@pytest.mark.parametrize("program,inputs", [
    (lambda torch, x, i: x.index_select(1, i), [randn(2, 3), index([2, 0, 1])]),
    (lambda torch, x, i: x.gather(1, i), [randn(2, 3), index([[2, 0], [1, 2]])]),
    (lambda torch, x, i: x.take(i), [randn(2, 3), index([[-6, 5], [-1, 0]])]),
    (lambda torch, x, i: x.scatter(1, i, x[:, :2] * 2), [randn(2, 3), index([[2, 0], [1, 1]])]),
    (lambda torch, x, i: x.scatter_add(0, i, x * 3), [randn(2, 3), index([[1, 1, 0], [1, 0, 0]])]),
    (lambda torch, x, i: x.index_select(0, i), [randn(2, 3), index([1, 0], "int32")]),
    (lambda torch, x, i: x.gather(1, i), [randn(2, 3), index([[2], [0]], "int32")]),
    (lambda torch, x, i: x.gather(0, i), [randn(), index(0)]),
    (lambda torch, x, i: x.index_select(0, i), [randn(), index([0])]),
])
def test_in_range_index_values_and_gradients(program, inputs):
    check(program, inputs)


@pytest.mark.parametrize("program,inputs", [
    (lambda torch, x, i: x.gather(1, i), [randn(2, 3), index([[0.0]], "float32")]),
    (lambda torch, x, i: x.gather(1, i), [randn(2, 3), index([[0]], "int16")]),
    (lambda torch, x, i: x.gather(1, i), [randn(2, 3), index([0, 1])]),
    (lambda torch, x, i: x.gather(1, i), [randn(2, 3), index([[0], [1], [0]])]),
    (lambda torch, x, i: x.index_select(0, i), [randn(2, 3), index([0.0], "float32")]),
    (lambda torch, x, i: x.index_select(0, i), [randn(2, 3), index([[0]])]),
    (lambda torch, x, i: x.index_select(0, i), [randn(0, 3), index([0])]),
    (lambda torch, x, i: x.take(i), [randn(2, 3), index([0], "int32")]),
    (lambda torch, x, i: x.take(i), [randn(0), index([0])]),
    (lambda torch, x, i: x.scatter(1, i, torch.ones(1, 1)), [randn(2, 3), index([[0, 1]])]),
    (lambda torch, x, i: x.scatter(1, i, torch.ones(2)), [randn(2, 3), index([[0, 1]])]),
    (lambda torch, x, i: x.scatter(1, i, torch.ones(1, 2, dtype=torch.float64)), [randn(2, 3), index([[0, 1]])]),
    (lambda torch, x, i: x.scatter(1, i, 1.0), [randn(2, 3), index([[0]] * 3)]),
    (lambda torch, x, i: x.scatter(1, i, 1.0), [randn(2, 3), index([0, 1])]),
    (lambda torch, x, i: x.scatter(1, i, 1.0, reduce="max"), [randn(2, 3), index([[7]])]),
    (lambda torch, x, i: x.scatter_add(1, i, torch.ones(1, 1)), [randn(2, 3), index([[0.0]], "float32")]),
])
def test_bad_index_arguments_raise(program, inputs):
    check_raises(program, inputs)


# ----------------------------------------------------------------------------- empty inputs
@pytest.mark.parametrize("program,inputs", [
    (lambda torch, x: x.cummax(0), [randn(0)]),
    (lambda torch, x: x.cummin(0), [randn(0)]),
    (lambda torch, x: x.cummax(1), [randn(2, 0)]),
    (lambda torch, x: x.cummin(0), [randn(0, 3)]),
    (lambda torch, x: x.cummax(0), [randn(0, 3, dtype="int64")]),
    (lambda torch, x: x.cummax(0), [randn()]),
    (lambda torch, x: x.cummin(-1), [randn()]),
    (lambda torch, x: x.median(), [randn(0)]),
    (lambda torch, x: x.median(), [randn(2, 0)]),
    (lambda torch, x: x.median(), [randn(0, dtype="int64")]),
    (lambda torch, x: x.median(), [randn(0, dtype="int32")]),
    (lambda torch, x: torch.median(x), [randn(0, dtype="float64")]),
    (lambda torch, x: x.median(1), [randn(0, 2)]),
    (lambda torch, x: x.median(0), [randn()]),
    (lambda torch, x: x.kthvalue(1, 1), [randn(0, 3)]),
])
def test_empty_inputs(program, inputs):
    check(program, inputs)


@pytest.mark.parametrize("program,inputs", [
    (lambda torch, x: x.cummax(1), [randn()]),
    (lambda torch, x: x.cummin(-2), [randn()]),
    (lambda torch, x: x.median(1), [randn(2, 0)]),
    (lambda torch, x: x.median(-1), [randn(2, 0)]),
    (lambda torch, x: x.kthvalue(1), [randn(0)]),
    (lambda torch, x: x.kthvalue(4), [randn(3)]),
    (lambda torch, x: x.kthvalue(0, 0), [randn(2, 3)]),
    (lambda torch, x: x.median(), [randn(3, dtype="bool")]),
    (lambda torch, x: x.median(0), [randn(3, dtype="bool")]),
    (lambda torch, x: x.kthvalue(1), [randn(3, dtype="bool")]),
    (lambda torch, x: x.topk(1), [randn(3, dtype="bool")]),
])
def test_empty_or_bad_reductions_raise(program, inputs):
    check_raises(program, inputs)


# ----------------------------------------------------------------------------- NaN in median
@pytest.mark.parametrize("values", [
    [1., NAN, 3.], [NAN, NAN, 3., 1.], [1., NAN, 3., NAN], [2., 1., NAN, 2., 2.],
    [[1., NAN], [3., 0.]], [float("inf"), 3., 1.],
])
def test_median_with_nan(values):
    check(lambda torch, x: x.median(), [const(values, "float32")])


@pytest.mark.parametrize("dim,keepdim", [(1, False), (0, False), (-1, True)])
def test_median_dim_with_nan(dim, keepdim):
    values = [[1., NAN, 3., NAN], [2., 1., 0., 5.], [NAN, 5., NAN, 1.]]
    check(lambda torch, x: x.median(dim, keepdim=keepdim), [const(values, "float32")])


def test_median_with_nan_float64_and_integers():
    check(lambda torch, x: x.median(), [const([1., NAN], "float64")])
    check(lambda torch, x: x.median(), [const([3, 1, 2, 5], "int64")])
    check(lambda torch, x: x.median(0), [const([3, 1, 2, 5], "int64")])


# ----------------------------------------------------------------------------- outer
@pytest.mark.parametrize("program,inputs", [
    (lambda torch, a, b: a.outer(b), [randn(2, 2), randn(3)]),
    (lambda torch, a, b: a.outer(b), [randn(2), randn(3, 1)]),
    (lambda torch, a, b: a.outer(b), [randn(), randn(3)]),
    (lambda torch, a, b: torch.outer(a, b), [randn(3), randn()]),
    (lambda torch, a, b: torch.outer(a, b), [randn(2, 2), randn(3, 1)]),
    (lambda torch, a, b: a.ger(b), [randn(2, 2), randn(3)]),
])
def test_outer_needs_vectors(program, inputs):
    check_raises(program, inputs)


def test_outer_of_vectors():
    check(lambda torch, a, b: a.outer(b), [randn(2), randn(3)])
    check(lambda torch, a, b: torch.outer(a, b), [randn(2, dtype="int64"), randn(3)])


# ----------------------------------------------------------------------------- shape op errors
@pytest.mark.parametrize("program,inputs", [
    (lambda torch, x: x.diagonal(dim1=0, dim2=0), [randn(2, 3)]),
    (lambda torch, x: x.diagonal(0, -1, 1), [randn(2, 3)]),
    (lambda torch, x: torch.diagonal(x, 0, 2, -1), [randn(2, 3, 4)]),
    (lambda torch, x: x.diagonal(0, 0, 0), [randn(3)]),
    (lambda torch, x: x.tril(), [randn(3)]),
    (lambda torch, x: x.triu(1), [randn()]),
    (lambda torch, x: x.squeeze((1, 1)), [randn(2, 1)]),
    (lambda torch, x: x.flip((0, 0)), [randn(2, 3)]),
    (lambda torch, x: x.flip((1, -1)), [randn(2, 3)]),
    (lambda torch, x: x.movedim((0, 0), (1, 2)), [randn(2, 3, 4)]),
    (lambda torch, x: x.movedim((0, 1), (2, -1)), [randn(2, 3, 4)]),
    (lambda torch, x: x.movedim((0, 1), (1,)), [randn(2, 3, 4)]),
    (lambda torch, x: x.narrow(0, 1, -1), [randn(5)]),
    (lambda torch, x: x.narrow(0, 6, 0), [randn(5)]),
    (lambda torch, x: x.narrow(0, -6, 1), [randn(5)]),
    (lambda torch, x: x.narrow(0, -2, 3), [randn(5)]),
    (lambda torch, x: x.split(-1), [randn(5)]),
    (lambda torch, x: x.split([6, -1]), [randn(5)]),
    (lambda torch, x: x.split(1), [randn()]),
    (lambda torch, x: x.roll((1, 2), (0,)), [randn(2, 3)]),
    (lambda torch, x: x.roll((1, 2)), [randn(2, 3)]),
    (lambda torch, x: x.roll((), ()), [randn(2, 3)]),
    (lambda torch, x: x.repeat(2, -1), [randn(2, 3)]),
    (lambda torch, x: x.repeat(-2, 1, 1), [randn(2, 3)]),
    (lambda torch, x: x.unflatten(1, (4, 2)), [randn(2, 6)]),
    (lambda torch, x: x.unflatten(1, ()), [randn(2, 6)]),
    (lambda torch, x: x.expand(3), [randn(2, 3, dtype="int64")]),
    (lambda torch, x: x.expand(3), [randn(2, 3, dtype="bool")]),
    (lambda torch, x: x.expand(3), [randn(2, 3, dtype="float64")]),
])
def test_shape_op_errors(program, inputs):
    check_raises(program, inputs)


@pytest.mark.parametrize("program,inputs,text", [
    (lambda torch, x: x.unflatten(1, (-1, -1)), [randn(2, 6)],
     "unflatten got an unexpected error:\nonly one dimension can be inferred"),
    (lambda torch, x: x.unflatten(0, (1,)), [randn()],
     "unflatten got an unexpected error:\nDimension specified as 0 but tensor has no dimensions"),
])
def test_shape_op_errors_torch_wraps(program, inputs, text):
    # torch appends its C++ stack to these messages: compare the part that is torch's own
    check_raises(program, inputs, message=text)


@pytest.mark.parametrize("program,inputs", [
    (lambda torch, x: x.movedim((0, 1), (2, 0)), [randn(2, 3, 4)]),
    (lambda torch, x: x.narrow(0, -5, 5), [randn(5)]),
    (lambda torch, x: x.narrow(0, 5, 0), [randn(5)]),
    (lambda torch, x: x.roll(1), [randn(2, 3)]),
    (lambda torch, x: x.roll((1, -1), (1, 0)), [randn(2, 3)]),
    (lambda torch, x: x.repeat(0, 2), [randn(2, 3)]),
    (lambda torch, x: x.unflatten(1, (-1, 2)), [randn(2, 6)]),
    (lambda torch, x: x.flip(0), [randn()]),
    (lambda torch, x: x.tril(-1), [randn(2, 3, 4)]),
])
def test_shape_ops_still_work(program, inputs):
    check(program, inputs)


# ----------------------------------------------------------------------------- matrix product errors
@pytest.mark.parametrize("program,inputs", [
    (lambda torch, a, b: a.mm(b), [randn(2, 3, dtype="bool"), randn(3, 2, dtype="bool")]),
    (lambda torch, a, b: a.mv(b), [randn(2, 3, dtype="bool"), randn(3, dtype="bool")]),
    (lambda torch, a, b: a.dot(b), [randn(3, dtype="bool"), randn(3, dtype="bool")]),
    (lambda torch, a, b: a.bmm(b), [randn(2, 2, 3, dtype="bool"), randn(2, 3, 2, dtype="bool")]),
    (lambda torch, a, b: a.bmm(b), [randn(2, 2, 3), randn(2, 3, 2, dtype="float64")]),
    (lambda torch, a, b: a.bmm(b), [randn(2, 2, 3, dtype="int64"), randn(2, 3, 2)]),
    (lambda torch, a, b: a @ b, [randn(2, 4, 2), randn(3)]),
    (lambda torch, a, b: a @ b, [randn(2, 2, 4, 2), randn(3)]),
    (lambda torch, a, b: a @ b, [randn(2, 3, dtype="bool"), randn(3, dtype="bool")]),
    (lambda torch, a, b: a @ b, [randn(2, 2, 3, dtype="bool"), randn(3, 2, dtype="bool")]),
    (lambda torch, a, b: a @ b, [randn(2, 2, 3, dtype="bool"), randn(2, 3, 2, dtype="bool")]),
    (lambda torch, a, b: a @ b, [randn(2, 2, 3), randn(2, 4, 2, dtype="float64")]),
    (lambda torch, a, b: a @ b, [randn(2, 2, 3, dtype="bool"), randn(2, 4, 2, dtype="bool")]),
    (lambda torch, a, b: a @ b, [randn(2, 2, 3), randn(3, 3, 2, dtype="float64")]),
    (lambda torch, a, b: a @ b, [randn(2, 3, requires_grad=False), randn(2, 4, 2, dtype="float64")]),
    (lambda torch, x, a, b: torch.addmm(x, a, b), [randn(2, 2), randn(2, 3), randn(3, 4)]),
    (lambda torch, x, a, b: torch.addmm(x, a, b), [randn(3), randn(2, 3), randn(3, 2)]),
    (lambda torch, x, a, b: torch.addmm(x, a, b), [randn(1, 2, 2), randn(2, 3), randn(3, 2)]),
    (lambda torch, x, a, b: torch.addmm(x, a, b), [randn(2, 2), randn(3), randn(3, 2)]),
    (lambda torch, x, a, b: torch.addmm(x, a, b), [randn(2, 2), randn(2, 3), randn(3)]),
    (lambda torch, x, a, b: torch.addmm(x, a, b), [randn(2, 2), randn(2, 3), randn(3, 2, dtype="float64")]),
    (lambda torch, x, a, b: torch.addmm(x, a, b), [randn(2, 2, dtype="float64"), randn(2, 3), randn(3, 2)]),
    (lambda torch, x, a, b: torch.addmm(x, a, b), [randn(2, 2), randn(2, 3, dtype="float64"), randn(3, 2)]),
    (lambda torch, x, a, b: torch.addmm(x, a, b),
     [randn(2, 2, dtype="bool"), randn(2, 3, dtype="bool"), randn(3, 2, dtype="bool")]),
])
def test_matrix_product_errors(program, inputs):
    check_raises(program, inputs)


def test_addmm_beta_zero_ignores_input():
    check(lambda torch, x, a, b: torch.addmm(x, a, b, beta=0),
          [const([[NAN, 1.], [2., 3.]], "float32"), randn(2, 3), randn(3, 2)])
    check(lambda torch, x, a, b: torch.addmm(x, a, b, beta=2.5, alpha=1.7),
          [randn(2, 2, dtype="int64"), randn(2, 3, dtype="int64"), randn(3, 2, dtype="int64")])


def test_bmm_of_empty_batches():
    check(lambda torch, a, b: a.bmm(b), [randn(2, 3, 0), randn(2, 0, 4)])
    check(lambda torch, a, b: a.bmm(b), [randn(2, 3, 0), randn(2, 0, 4, dtype="float64")])
    check(lambda torch, a, b: a @ b, [randn(2, 0, 3), randn(2, 3, 2, dtype="float64")])


# ----------------------------------------------------------------------------- einsum
@pytest.mark.parametrize("equation,shapes", [
    ("ij,jk->ik", [(2, 3), (4, 4)]),
    ("ij,jk->ik", [(2, 3)]),
    ("ij->ij", [(2, 3), (2, 3)]),
    ("ij,->ij", [(2, 3)]),
    ("ijk->i", [(2, 3)]),
    ("...ijk->i", [(2, 3)]),
    ("i1->i", [(2, 3)]),
    ("ij->i1", [(2, 3)]),
    ("ij->k", [(2, 3)]),
    ("ij->ii", [(2, 3)]),
    ("ij-ij", [(2, 3)]),
    ("ij->i->j", [(2, 3)]),
    ("..j->j", [(2, 3)]),
    ("...j...->j", [(2, 3)]),
    ("...i->......i", [(2, 3)]),
    ("...i->i..", [(2, 3)]),
    ("ii->i", [(2, 3)]),
    ("ii->i", [(1, 3)]),
    ("...i,...i->...i", [(2, 3), (4, 3)]),
    ("i,i,i->", [(3,), (3,), (4,)]),
    ("i,,i", [(3,), (3,), (3,)]),
    ("->", [(2,)]),
])
def test_einsum_errors(equation, shapes):
    check_raises(lambda torch, *ops: torch.einsum(equation, *ops), [randn(*s) for s in shapes])


@pytest.mark.parametrize("equation,dtypes", [
    ("ij,jk->ik", ["float32", "float64"]),
    ("ij,jk->ki", ["float64", "float32"]),
    ("i,i->", ["int64", "float32"]),
    ("i,i->", ["bool", "bool"]),
    ("ij,jk->k", ["int32", "int32"]),
])
def test_einsum_dtype_errors(equation, dtypes):
    shapes = {"ij,jk->ik": [(2, 3), (3, 4)], "ij,jk->ki": [(2, 3), (3, 4)], "i,i->": [(3,), (3,)],
              "ij,jk->k": [(2, 3), (3, 4)]}[equation]
    check_raises(lambda torch, *ops: torch.einsum(equation, *ops),
                 [randn(*s, dtype=d) for s, d in zip(shapes, dtypes)])


def test_einsum_without_operands():
    check_raises(lambda torch: torch.einsum("i->i"))


@pytest.mark.parametrize("equation,inputs", [
    ("ij->i", [randn(2, 3, dtype="bool")]),
    ("ii->", [randn(3, 3, dtype="int32")]),
    ("ij,k->k", [randn(2, 3, dtype="int32"), randn(4, dtype="int32")]),
    ("i,j->ij", [randn(2, dtype="int64"), randn(3)]),
    ("ij,jk->ik", [randn(2, 1), randn(4, 3)]),
    ("...i,...i->...", [randn(2, 1, 3), randn(4, 3)]),
    ("i j , j k -> k i", [randn(2, 3), randn(3, 4)]),
    ("bA,Ab", [randn(2, 3), randn(3, 2)]),
    ("ij,jk,kl->il", [randn(2, 3), randn(3, 4), randn(4, 5)]),
])
def test_einsum_values_dtypes_and_gradients(equation, inputs):
    check(lambda torch, *ops: torch.einsum(equation, *ops), inputs, grad_fn=False)


# ----------------------------------------------------------------------------- x[key], x[key] = v
def setitem(x, key, value):
    x = x.detach().clone()
    x[key] = value
    return x


@pytest.mark.parametrize("program,inputs", [
    (lambda torch, x, i, j: x[i, j], [randn(2, 3), index([0, 1]), index([0, 1, 2])]),
    (lambda torch, x, i, j: x[i, :, j], [randn(2, 3, 4), index([0, 1]), index([0, 1, 2])]),
    (lambda torch, x, i, j: x[j, i, i.view(2, 1)], [randn(2, 3, 4), index([0, 1]), index([0, 1, 2])]),
    (lambda torch, x, i, j: setitem(x, (i, j), 0.0), [randn(2, 3), index([0, 1]), index([0, 1, 2])]),
    (lambda torch, x, i, j: x[::0], [randn(5), index([0]), index([0])]),
    (lambda torch, x, i, j: setitem(x, slice(None, None, 0), 1.0), [randn(5), index([0]), index([0])]),
    (lambda torch, x, i, j: x[::-1], [randn(5), index([0]), index([0])]),
])
def test_index_key_errors(program, inputs):
    check_raises(program, inputs)


def test_later_ellipses_take_no_dims():
    check(lambda torch, x: x[..., 0, ...], [randn(2, 3, 4)])
    check(lambda torch, x: x[None, ..., ...], [randn(2, 3)])
    check(lambda torch, x: setitem(x, (..., 1, ...), 5.0), [randn(2, 3)], grad=False)


@pytest.mark.parametrize("dtype,value", [
    ("float32", 1j), ("float32", 1e300), ("float64", 2 + 1j), ("float16", 1j), ("int64", 1e20),
    ("int64", float("nan")), ("int32", 2 ** 31), ("int32", float("inf")), ("int16", 70000),
    ("int8", -129), ("uint8", 256), ("uint8", -256), ("uint8", -1.0), ("uint8", 255.5),
    ("float32", 2 ** 63),
])
def test_setitem_number_that_does_not_fit(dtype, value):
    check_raises(lambda torch, x: setitem(x, 0, value), [randn(3, dtype=dtype, requires_grad=False)])


@pytest.mark.parametrize("dtype,value", [
    ("float32", 2 + 0j), ("float16", 1e300), ("float32", float("inf")), ("uint8", -255),
    ("int8", -128.0), ("bool", 1j), ("int64", -2 ** 63), ("float32", True),
])
def test_setitem_number_that_fits(dtype, value):
    check(lambda torch, x: setitem(x, 0, value), [randn(3, dtype=dtype, requires_grad=False)])


@pytest.mark.parametrize("program,inputs", [
    (lambda torch, x: setitem(x, slice(0, 2), 1j), [randn(3, requires_grad=False)]),
    (lambda torch, x: setitem(x, Ellipsis, 300), [randn(3, dtype="int8")]),
    (lambda torch, x, i: setitem(x, i, 1j), [randn(3, requires_grad=False), index([0, 2])]),
    (lambda torch, x, m: setitem(x, m, 1j), [randn(3, requires_grad=False),
                                             index([True, False, True], "bool")]),
])
def test_setitem_number_checked_for_every_key_kind(program, inputs):
    check_raises(program, inputs)
