"""What compat tensors print is what torch tensors print: repr/str of leaves, tensors that
require grad, results with a grad_fn, print options, torch.Size, dtypes, grad_fn reprs (modulo
address), f-strings and ``format``. Unlike tests/test_printing.py, which checks the formatter
on numpy values, this goes through compat's Tensor end to end."""
import math
import re

import numpy as np
import pytest

import compat

torch = pytest.importorskip("torch")


@pytest.fixture(autouse=True)
def _restore_options():
    saved_t = torch._tensor_str.get_printoptions()
    saved_c = compat.get_printoptions()
    dtype_t, dtype_c = torch.get_default_dtype(), compat.get_default_dtype()
    yield
    torch.set_printoptions(**saved_t)
    compat.set_printoptions(**saved_c)
    torch.set_default_dtype(dtype_t)
    compat.set_default_dtype(dtype_c)


def no_address(text):
    return re.sub(r"0x[0-9a-fA-F]+", "0x…", text)


def same_print(program):
    """``program(lib)`` returns a value; its repr and str must be equal in both libraries."""
    ours, theirs = program(compat), program(torch)
    assert repr(ours) == repr(theirs)
    assert str(ours) == str(theirs)
    return ours, theirs


VALUES = {
    "scalar": 3.0,
    "neg_small": -0.5,
    "tiny": 1e-5,
    "big": 123456.0,
    "nan": float("nan"),
    "inf": -math.inf,
    "ints_as_float": [1.0, 2.0, 3.0],
    "mixed": [0.001, 1000.0, -2.5],
    "sci": [1e-8, 1e8],
    "matrix": [[1.5, -2.25], [3.125, 4.0]],
    "cube": np.arange(24, dtype=np.float64).reshape(2, 3, 4) / 7,
    "column": np.linspace(-1, 1, 10).reshape(10, 1),
    "wide": np.linspace(0, 1, 12).reshape(1, 12),
    "long": np.arange(2000, dtype=np.float64) / 3,
    "empty": np.zeros((0,)),
    "empty2": np.zeros((2, 0)),
    "zeros": np.zeros(4),
    "neg_zero": [-0.0, 0.0],
}
DTYPES = ["float32", "float64", "float16", "int64", "int32", "bool"]


def _build(lib, value, dt, requires_grad=False):
    arr = np.asarray(value)
    if dt == "bool":
        arr = arr != 0
    elif dt.startswith("int"):
        arr = np.nan_to_num(arr, nan=0, posinf=7, neginf=-7).astype(np.int64)
    return lib.tensor(arr.tolist(), dtype=getattr(lib, dt), requires_grad=requires_grad)


@pytest.mark.parametrize("dt", DTYPES)
@pytest.mark.parametrize("name", VALUES)
def test_leaf(name, dt):
    same_print(lambda lib: _build(lib, VALUES[name], dt))


@pytest.mark.parametrize("dt", ["float32", "float64"])
@pytest.mark.parametrize("name", VALUES)
def test_requires_grad_leaf(name, dt):
    same_print(lambda lib: _build(lib, VALUES[name], dt, requires_grad=True))


OPS = {
    "mul": lambda lib, x: x * 2,
    "add": lambda lib, x: x + 1,
    "radd": lambda lib, x: 1 + x,
    "sub": lambda lib, x: x - 1,
    "rsub": lambda lib, x: 1 - x,
    "div": lambda lib, x: x / 3,
    "neg": lambda lib, x: -x,
    "pow": lambda lib, x: x ** 2,
    "exp": lambda lib, x: x.exp(),
    "tanh": lambda lib, x: lib.tanh(x),
    "sigmoid": lambda lib, x: x.sigmoid(),
    "abs": lambda lib, x: x.abs(),
    "sum": lambda lib, x: x.sum(),
    "mean": lambda lib, x: x.mean(),
    "sum_dim": lambda lib, x: x.sum(0),
    "select": lambda lib, x: x[0],
    "slice": lambda lib, x: x[:1],
    "view": lambda lib, x: x.view(-1),
    "reshape": lambda lib, x: x.reshape(4, 1),
    "t": lambda lib, x: x.t(),
    "mm": lambda lib, x: x @ x,
    "mv": lambda lib, x: lib.mv(x, x[0].detach()),
    "dot": lambda lib, x: lib.dot(x[0], x[1]),
    "matmul": lambda lib, x: lib.matmul(x[0:1], x),
    "cat": lambda lib, x: lib.cat([x, x]),
    "stack": lambda lib, x: lib.stack([x, x]),
    "clamp": lambda lib, x: x.clamp(-1, 1),
    "unsqueeze": lambda lib, x: x.unsqueeze(0),
    "expand": lambda lib, x: x[0].expand(3, 2),
    "detach": lambda lib, x: x.detach(),
    "data": lambda lib, x: x.data,
    "chain": lambda lib, x: ((x * 2 + 1) ** 2).mean() - 1,
}


EXP_ULP = pytest.mark.xfail(strict=True, reason="values, not printing: XLA's float32 exp(4.0) is "
                           "54.598152, 1 ulp above torch's 54.598148, and that shows at 4 decimals")


@pytest.mark.parametrize("op,dt", [
    pytest.param(op, dt, id=f"{op}-{dt}", marks=EXP_ULP if (op, dt) == ("exp", "float32") else ())
    for op in OPS for dt in ("float32", "float64")])
def test_result_with_grad_fn(op, dt):
    def program(lib):
        x = lib.tensor([[1.5, -2.25], [3.125, 4.0]], dtype=getattr(lib, dt), requires_grad=True)
        return OPS[op](lib, x)
    ours, theirs = same_print(program)
    assert type(ours.grad_fn).__name__ == type(theirs.grad_fn).__name__
    assert no_address(repr(ours.grad_fn)) == no_address(repr(theirs.grad_fn))


def test_grad_fn_and_next_functions_reprs():
    def program(lib):
        a = lib.tensor([1.0, 2.0], requires_grad=True)
        return a * lib.tensor([3.0, 4.0]) + a.exp()
    ours, theirs = same_print(program)
    assert no_address(repr(ours.grad_fn)) == no_address(repr(theirs.grad_fn)) \
        == "<AddBackward0 object at 0x…>"
    assert no_address(repr(ours.grad_fn.next_functions)) == no_address(repr(theirs.grad_fn.next_functions))
    mul = ours.grad_fn.next_functions[0][0]
    assert no_address(repr(mul.next_functions)) == "((<AccumulateGrad object at 0x…>, 0), (None, 0))"


def test_grads_after_backward_print_alike():
    def program(lib):
        w = lib.tensor([[0.5], [-1.5], [2.0]], requires_grad=True)
        b = lib.tensor(0.25, requires_grad=True)
        loss = ((lib.tensor([[1.0, 2.0, 3.0]]) @ w + b - 1) ** 2).mean()
        loss.backward()
        return loss, w.grad, b.grad, f"{b.grad}", f"{loss=}"
    same_print(program)


OPTIONS = [
    dict(precision=2),
    dict(precision=8),
    dict(sci_mode=True),
    dict(sci_mode=False),
    dict(threshold=5),
    dict(threshold=5, edgeitems=1),
    dict(linewidth=40),
    dict(profile="short"),
    dict(profile="full"),
]


@pytest.mark.parametrize("options", OPTIONS, ids=lambda o: ",".join(f"{k}={v}" for k, v in o.items()))
@pytest.mark.parametrize("name", ["mixed", "cube", "long", "wide", "sci", "scalar"])
def test_set_printoptions(options, name):
    torch.set_printoptions(**options)
    compat.set_printoptions(**options)
    same_print(lambda lib: _build(lib, VALUES[name], "float32", requires_grad=True) * 1)


def test_default_dtype_float64_changes_the_suffixes():
    torch.set_default_dtype(torch.float64)
    compat.set_default_dtype(compat.float64)
    same_print(lambda lib: (lib.tensor([1.5, 2.0]), lib.tensor([1.5], dtype=lib.float32),
                            lib.ones(2, requires_grad=True) * 2))


@pytest.mark.parametrize("shape", [(), (0,), (3,), (2, 3), (1, 1, 4)])
def test_size(shape):
    ours, theirs = same_print(lambda lib: lib.zeros(shape).shape)
    assert ours == theirs and repr(ours) == f"torch.Size({list(shape)})"
    assert repr(compat.Size(shape)) == repr(torch.Size(shape))
    assert repr(compat.zeros(shape).size()) == repr(torch.zeros(shape).size())


@pytest.mark.parametrize("dt", ["float32", "float", "float64", "double", "float16", "half", "bfloat16",
                                "int64", "long", "int32", "int", "int16", "short", "int8", "uint8",
                                "bool", "complex64", "complex128"])
def test_dtype_reprs(dt):
    assert repr(getattr(compat, dt)) == repr(getattr(torch, dt))
    assert str(getattr(compat, dt)) == str(getattr(torch, dt))


def test_f_string_self_documenting_and_format():
    def program(lib):
        x = lib.tensor([-2.3873, 1.7180, 0.2499], requires_grad=True)
        z = (x * 2).mean()
        s = lib.tensor(3.25)
        return (f"{x=}", f"{z=}", f"{z}", format(s, ""), format(s, ".3f"), f"{s:>8.2f}",
                format(x, ""), f"{lib.tensor(7)}", f"{lib.tensor(True)}", str(s), f"{x.detach()!r}")
    same_print(program)


def test_format_spec_on_a_non_scalar_is_an_error_in_both():
    with pytest.raises(TypeError):
        format(torch.ones(2), ".2f")
    with pytest.raises(TypeError):
        format(compat.ones(2), ".2f")


def test_parameter_reprs():
    nn = pytest.importorskip("compat.nn")
    if not hasattr(nn, "Parameter"):
        pytest.skip("compat.nn.Parameter is not there yet")

    def program(lib):
        return lib.nn.Parameter(lib.tensor([[1.0, 2.0]])), lib.nn.Parameter(lib.ones(2), requires_grad=False)
    same_print(program)
