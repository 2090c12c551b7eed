"""The Tensor API against torch: autograd state (requires_grad, grad, grad_fn, is_leaf,
data, detach), conversions (item, tolist, numpy), metadata (shape, size, dim, numel, dtype),
casts (to, cpu, float, double, long, int, bool), creation functions with torch's dtype
inference, dtype promotion rules, the default dtype, and the errors torch raises."""
import warnings

import numpy as np
import pytest

import compat
from oracle import check, check_program, check_raises, const, randbool, randint, randn

torch = pytest.importorskip("torch")

LIBS = pytest.mark.parametrize("lib", [torch, compat], ids=["torch", "compat"])


# ----------------------------------------------------------------------------- autograd state
def test_requires_grad_and_is_leaf():
    def program(torch):
        a = torch.tensor([1.0, 2.0])
        b = torch.tensor([1.0, 2.0], requires_grad=True)
        c = torch.ones(2).requires_grad_()
        d = a * 2
        e = b * 2
        f = e.detach()
        with torch.no_grad():
            g = b * 2
        return [(t.requires_grad, t.is_leaf, t.grad_fn is None) for t in (a, b, c, d, e, f, g)]
    check_program(program)


def test_grad_accumulates_and_is_none_before_backward():
    def program(torch):
        x = torch.tensor([1.0, -2.0, 3.0], requires_grad=True)
        before = x.grad
        (x * x).sum().backward()
        first = x.grad.clone()
        (x ** 3).mean().backward()
        return before, first, x.grad, x.grad.requires_grad, x.grad.is_leaf
    check_program(program)


def test_grad_of_non_leaf_warns_and_retain_grad():
    def program(torch):
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        y = x * 3
        z = x * 4
        z.retain_grad()
        (y.sum() + z.sum()).backward()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            g = y.grad
        return g, z.grad, len(caught), caught[0].category.__name__, z.retains_grad
    check_program(program)


GRAD_FN_PROGRAMS = {
    "AddBackward0": lambda torch, x, y: x + y,
    "AddBackward0_scalar": lambda torch, x, y: x + 1,
    "MulBackward0": lambda torch, x, y: x * y,
    "PowBackward0": lambda torch, x, y: x ** 2,
    "PowBackward1": lambda torch, x, y: x.abs() ** y,
    "PowBackward2": lambda torch, x, y: 2 ** x,
    "SubBackward0": lambda torch, x, y: x - y,
    "RsubBackward1": lambda torch, x, y: 1 - x,
    "DivBackward0": lambda torch, x, y: x / y,
    "NegBackward0": lambda torch, x, y: -x,
    "MeanBackward0": lambda torch, x, y: x.mean(),
    "MeanBackward1": lambda torch, x, y: x.mean(0),
    "SumBackward0": lambda torch, x, y: x.sum(),
    "SumBackward1": lambda torch, x, y: x.sum(1),
    "MmBackward0": lambda torch, x, y: x.mm(y.t()),
    "DotBackward0": lambda torch, x, y: x[0].dot(y[0]),
    "ExpBackward0": lambda torch, x, y: x.exp(),
    "TanhBackward0": lambda torch, x, y: x.tanh(),
    "SigmoidBackward0": lambda torch, x, y: x.sigmoid(),
    "ReluBackward0": lambda torch, x, y: x.relu(),
    "ViewBackward0": lambda torch, x, y: x.view(-1),
    "TBackward0": lambda torch, x, y: x.t(),
    "PermuteBackward0": lambda torch, x, y: x.permute(1, 0),
    "TransposeBackward0": lambda torch, x, y: x.transpose(0, 1),
    "UnsqueezeBackward0": lambda torch, x, y: x.unsqueeze(0),
    "SqueezeBackward0": lambda torch, x, y: x.unsqueeze(0).squeeze(),
    "ExpandBackward0": lambda torch, x, y: x[:1].expand(3, 4),
    "SelectBackward0": lambda torch, x, y: x[0],
    "SliceBackward0": lambda torch, x, y: x[1:],
    "IndexBackward0": lambda torch, x, y: x[torch.tensor([0, 2])],
    "CatBackward0": lambda torch, x, y: torch.cat([x, y]),
    "StackBackward0": lambda torch, x, y: torch.stack([x, y]),
    "ToCopyBackward0": lambda torch, x, y: x.double(),
    "CloneBackward0": lambda torch, x, y: x.clone(),
    "MaxBackward1": lambda torch, x, y: x.max(),
    "MaxBackward0": lambda torch, x, y: x.max(0).values,
    "StdBackward0": lambda torch, x, y: x.std(),
    "SoftmaxBackward0": lambda torch, x, y: x.softmax(1),
    "LogSoftmaxBackward0": lambda torch, x, y: x.log_softmax(1),
    "WhereBackward0": lambda torch, x, y: torch.where(x > 0, x, y),
    "ClampBackward1": lambda torch, x, y: x.clamp(-1, 1),
    "AbsBackward0": lambda torch, x, y: x.abs(),
    "SqrtBackward0": lambda torch, x, y: x.abs().sqrt(),
    "LinalgVectorNormBackward0": lambda torch, x, y: x.norm(),
}


@pytest.mark.parametrize("name", list(GRAD_FN_PROGRAMS))
def test_grad_fn_names(name):
    def fn(torch, x, y):
        out = GRAD_FN_PROGRAMS[name](torch, x, y)
        return out, type(out.grad_fn).__name__, out.grad_fn.name()
    ours, theirs = check(fn, [randn(3, 4), randn(3, 4)])
    assert theirs[1] == name.split("_")[0]  # the table names what torch does


def test_next_functions():
    def program(torch):
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        y = x * torch.tensor([3.0, 4.0])
        z = y.sum()
        names = [(None if f is None else type(f).__name__, i) for f, i in z.grad_fn.next_functions]
        deeper = [(None if f is None else type(f).__name__, i) for f, i in y.grad_fn.next_functions]
        return names, deeper, z.grad_fn.next_functions[0][0] is y.grad_fn
    check_program(program)


def test_data_and_detach():
    def program(torch):
        x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
        d = x.data
        e = x.detach()
        d[0] = 10.0
        e[1] = 20.0
        x.data = torch.tensor([7.0, 8.0, 9.0])
        y = x * 2
        y.detach_()
        return (x, d.requires_grad, e.requires_grad, d.is_leaf, e.is_leaf, y.requires_grad,
                y.is_leaf, y.grad_fn is None)
    check_program(program)


def test_requires_grad_errors():
    check_raises(lambda torch, x: x.requires_grad_(), [randint(0, 3, 3)])
    check_raises(lambda torch: torch.tensor([1, 2], requires_grad=True), [])
    check_raises(lambda torch, x: setattr(x * 2, "requires_grad", False), [randn(3)])


# ----------------------------------------------------------------------------- conversions
@pytest.mark.parametrize("values,dtype", [(2.5, "float32"), (3, "int64"), (True, "bool"), ([1.5], "float64"),
                                          ([[7]], "int64"), (-0.0, "float32")], ids=str)
def test_item(values, dtype):
    check(lambda torch, x: (x.item(), type(x.item()).__name__), [const(values, dtype=dtype)])


@pytest.mark.parametrize("values,dtype", [([[1.5, 2.0], [3.0, 4.0]], "float32"), (2.0, "float64"),
                                          ([1, 2, 3], "int64"), ([True, False], "bool"), ([], "float32"),
                                          ([[1], [2]], "int32")], ids=str)
def test_tolist_and_numpy(values, dtype):
    check(lambda torch, x: (x.tolist(), x.detach().numpy(), x.numpy(force=True)), [const(values, dtype=dtype)])


def test_float_int_bool_conversions():
    check(lambda torch, x: (float(x), int(x), bool(x), complex(x)), [const([2.7])])
    check(lambda torch, x: (float(x), int(x), bool(x), x.__index__()), [const(3)])
    check(lambda torch, x: (bool(x), int(x)), [const(False)])


def test_conversion_errors():
    check_raises(lambda torch, x: x.item(), [randn(3)])
    check_raises(lambda torch, x: x.item(), [randn(0)])
    check_raises(lambda torch, x: x.numpy(), [randn(3)])
    check_raises(lambda torch, x: bool(x), [randn(2)])
    check_raises(lambda torch, x: bool(x), [randn(0)])
    check_raises(lambda torch, x: len(x), [randn()])
    check_raises(lambda torch, x: iter(x), [randn()])
    check_raises(lambda torch, x: x.__index__(), [randn(1)])


def test_python_number_of_many_elements_raises_value_error():
    check_raises(lambda torch, x: float(x), [randn(2, 2)])
    check_raises(lambda torch, x: int(x), [randn(2)])


# ----------------------------------------------------------------------------- metadata
@pytest.mark.parametrize("shape", [(), (5,), (3, 4), (2, 0, 3)], ids=str)
def test_metadata(shape):
    def fn(torch, x):
        sizes = [x.size(d) for d in range(-x.dim(), x.dim())]
        return (x.shape, x.size(), sizes, x.dim(), x.ndim, x.numel(), x.nelement(), x.dtype,
                x.shape == tuple(shape), x.is_floating_point(), x.element_size(),
                len(x) if x.dim() else None, x.device.type, x.is_leaf, torch.numel(x))
    check(fn, [randn(*shape)])


def test_size_errors():
    check_raises(lambda torch, x: x.size(2), [randn(3, 4)])
    check_raises(lambda torch, x: x.size(-3), [randn(3, 4)])


def test_size_object():
    check(lambda torch, x: (x.shape[0], x.shape[-1], x.shape[1:], x.shape.numel(), list(x.shape),
                            x.shape + (5,), x.size()[:1]), [randn(3, 4)])


# ----------------------------------------------------------------------------- casts
CASTS = {
    "float": lambda torch, x: x.float(),
    "double": lambda torch, x: x.double(),
    "long": lambda torch, x: x.long(),
    "int": lambda torch, x: x.int(),
    "bool": lambda torch, x: x.bool(),
    "to_dtype": lambda torch, x: x.to(torch.float64),
    "to_kw": lambda torch, x: x.to(dtype=torch.int64),
    "to_cpu": lambda torch, x: x.to("cpu"),
    "to_device_dtype": lambda torch, x: x.to("cpu", torch.float32),
    "to_tensor": lambda torch, x: x.to(torch.zeros(1, dtype=torch.float64)),
    "cpu": lambda torch, x: x.cpu(),
    "type": lambda torch, x: (x.type(), x.type(torch.float64)),
    "type_as": lambda torch, x: x.type_as(torch.zeros(1, dtype=torch.int32)),
}


@pytest.mark.parametrize("dtype", ["float32", "float64", "int64", "bool"])
@pytest.mark.parametrize("cast", list(CASTS))
def test_casts(cast, dtype):
    x = const([[-1.7, 0.0, 2.5], [3.99, -0.2, 1.0]]) if dtype.startswith("float") else None
    if dtype.startswith("float"):
        x = const(x.array.astype(dtype))
    else:
        x = randint(-3, 4, 2, 3) if dtype == "int64" else randbool(2, 3)
    check(CASTS[cast], [x])


def test_cast_to_same_dtype_returns_self():
    check(lambda torch, x: (x.float() is x, x.to(torch.float32) is x, x.cpu() is x, x.double() is x),
          [randn(3)])


def test_gradient_through_casts():
    check(lambda torch, x: (x.double() * 2).float().sum() + x.to(torch.float64).sum(), [randn(3)])


# ----------------------------------------------------------------------------- creation
TENSOR_DATA = [
    1.5, 3, True, [1, 2, 3], [1.0, 2, 3], [True, False], [[1, 2], [3, 4]], [], [[]], [1, 2.5, True],
    [[1.0], [2.0]], (1, 2), [0.1, 1e30, -1e-30],
]


@pytest.mark.parametrize("data", TENSOR_DATA, ids=str)
def test_tensor_dtype_inference(data):
    check_program(lambda torch: torch.tensor(data))


@pytest.mark.parametrize("dtype", ["float16", "float32", "float64", "int32", "int64", "bool", "uint8"])
def test_tensor_from_numpy_and_dtype_argument(dtype):
    arr = np.array([[1.5, -2.0], [0.0, 3.0]]).astype(dtype)
    check_program(lambda torch: (torch.tensor(arr), torch.from_numpy(arr.copy()), torch.as_tensor(arr),
                                 torch.tensor(arr, dtype=torch.float64),
                                 torch.tensor([1.7, -1.7], dtype=torch.int64),
                                 torch.tensor(arr.tolist(), dtype=torch.float32)))


def test_tensor_requires_grad_and_as_tensor_identity():
    def program(torch):
        a = torch.tensor([1.0, 2.0], requires_grad=True)
        b = torch.as_tensor(a)
        c = torch.as_tensor(a, dtype=torch.float64)
        d = torch.tensor(np.float64(2.0))
        return a, b is a, c, d, torch.as_tensor([1, 2]), torch.as_tensor(3.0)
    check_program(program)


@pytest.mark.parametrize("fn", ["zeros", "ones", "empty"])
def test_zeros_ones_empty(fn):
    def program(torch):
        f = getattr(torch, fn)
        outs = [f(2, 3), f((2, 3)), f([4]), f(()), f(0, 2), f(3, dtype=torch.int64), f(2, dtype=torch.bool),
                f(2, 2, dtype=torch.float64, requires_grad=True)]
        if fn == "empty":  # values are undefined: compare shape and dtype only
            return [(o.shape, o.dtype, o.requires_grad) for o in outs]
        return outs
    check_program(program)


def test_full_and_like_functions():
    def program(torch):
        x = torch.tensor([[1, 2], [3, 4]])
        y = torch.ones(2, 3, dtype=torch.float64)
        return (torch.full((2, 3), 7), torch.full((2,), 1.5), torch.full((2,), True),
                torch.full((2, 2), 3, dtype=torch.float32), torch.full([], 2.0),
                torch.zeros_like(x), torch.ones_like(y), torch.full_like(x, 9), torch.full_like(y, 0.5),
                torch.zeros_like(x, dtype=torch.float32), torch.ones_like(y, requires_grad=True),
                torch.empty_like(y).shape, torch.empty_like(x).dtype)
    check_program(program)


ARANGE = [(5,), (2, 7), (0, 1, 0.1), (5, 0, -1), (1.0, 4.0), (0, 10, 3), (-2.5, 2.5, 0.5), (0,), (3, 3),
          (0, 1, 1 / 3)]


@pytest.mark.parametrize("args", ARANGE, ids=str)
def test_arange(args):
    check_program(lambda torch: (torch.arange(*args), torch.arange(*args, dtype=torch.float64)))


@pytest.mark.parametrize("args", [(0, 1, 5), (-1, 1, 4), (0, 10, 1), (2, 2, 3), (0, 1, 0), (1, 0, 7),
                                  (0.1, 0.7, 11)], ids=str)
def test_linspace(args):
    check_program(lambda torch: (torch.linspace(*args), torch.linspace(*args, dtype=torch.float64)))


def test_eye():
    check_program(lambda torch: (torch.eye(3), torch.eye(2, 4), torch.eye(3, dtype=torch.int64),
                                 torch.eye(0), torch.eye(2, requires_grad=True)))


def test_creation_errors():
    check_raises(lambda torch: torch.tensor([[1, 2], [3]]), [], message=False)
    check_raises(lambda torch: torch.zeros(-1), [])
    check_raises(lambda torch: torch.zeros(2, -1), [])
    check_raises(lambda torch: torch.ones(2, -1), [])
    check_raises(lambda torch: torch.empty(-1), [])
    check_raises(lambda torch: torch.full((-1,), 2.0), [])
    check_raises(lambda torch: torch.zeros(2, dtype=torch.int64, requires_grad=True), [])
    check_raises(lambda torch: torch.arange(3, requires_grad=True), [])
    check_raises(lambda torch: torch.arange(0, 5, 0), [])
    check_raises(lambda torch: torch.arange(5, 0, 1), [])
    check_raises(lambda torch: torch.from_numpy([1, 2]), [])
    check_raises(lambda torch: torch.linspace(0, 1, -1), [])


# ----------------------------------------------------------------------------- dtypes
DTYPE_NAMES = ["bool", "uint8", "int32", "int64", "float16", "float32", "float64"]


@pytest.mark.parametrize("a", DTYPE_NAMES)
def test_promote_types(a):
    def program(torch):
        return [torch.promote_types(getattr(torch, a), getattr(torch, b)) for b in DTYPE_NAMES]
    check_program(program)


@pytest.mark.parametrize("scalar", [1, 1.5, True], ids=str)
@pytest.mark.parametrize("dtype", DTYPE_NAMES)
def test_result_type_with_scalars_and_zero_dim(dtype, scalar):
    def program(torch):
        t = torch.ones(2, dtype=getattr(torch, dtype))
        z = torch.ones((), dtype=getattr(torch, dtype))
        return (torch.result_type(t, scalar), torch.result_type(z, scalar),
                torch.result_type(t, torch.tensor(scalar)), torch.result_type(torch.tensor(scalar), t),
                torch.result_type(z, torch.ones(2, dtype=torch.float64)))
    check_program(program)


def test_dtype_attributes():
    def program(torch):
        return [(d, d.is_floating_point, d.is_signed, d.itemsize, str(d))
                for d in (torch.float32, torch.float64, torch.int64, torch.int32, torch.bool, torch.uint8,
                          torch.float16, torch.float, torch.double, torch.long, torch.half)]
    check_program(program)


@pytest.fixture
def float64_default():
    torch.set_default_dtype(torch.float64)
    compat.set_default_dtype(compat.float64)
    yield
    torch.set_default_dtype(torch.float32)
    compat.set_default_dtype(compat.float32)


def test_default_dtype(float64_default):
    def program(torch):
        i = torch.tensor([1, 2])
        return (torch.get_default_dtype(), torch.tensor([1.0]), torch.zeros(2), torch.arange(3.0),
                torch.linspace(0, 1, 3), i / 2, i * 1.5, torch.tensor(1.0) + torch.tensor([1, 2]),
                i.float().dtype, torch.tensor([1.0], dtype=torch.float32) * 2.5)
    check_program(program)
