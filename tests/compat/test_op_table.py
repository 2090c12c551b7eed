"""The op-spec table: what it generates behaves as torch (out=, argument errors, in-place and
functional forms), every grad_fn name lives in it, and accumulation is thread-safe."""
from __future__ import annotations

import ast
import pathlib
import re
import threading
import warnings

import numpy as np
import pytest

from oracle import check, check_raises, compat, randn, torch

ROOT = pathlib.Path(__file__).resolve().parents[2]


# ----------------------------------------------------------------------------- out=
def _out_program(name, args, out_shape, out_dtype="float32"):
    def program(lib):
        out = lib.zeros(*out_shape, dtype=getattr(lib, out_dtype))
        result = getattr(lib, name)(*[lib.tensor(a) if isinstance(a, np.ndarray) else a
                                      for a in args], out=out)
        return result is out, out
    return program


_A = np.linspace(-1, 1, 6, dtype=np.float32).reshape(2, 3)


@pytest.mark.parametrize("name,args", [
    ("exp", (_A,)), ("add", (_A, _A)), ("mul", (_A, 2.0)), ("sum", (_A, 1)),
    ("clamp", (_A, -0.5, 0.5)), ("matmul", (_A, _A.T.copy())), ("abs", (_A,)),
])
@pytest.mark.parametrize("out_shape", [(0,), "same", (5,)])
def test_out_writes_into_the_tensor_as_torch(name, args, out_shape):
    shape = getattr(torch, name)(*[torch.tensor(a) if isinstance(a, np.ndarray) else a
                                   for a in args]).shape
    out_shape = tuple(shape) if out_shape == "same" else out_shape
    program = _out_program(name, args, out_shape)
    with warnings.catch_warnings(record=True) as theirs:
        warnings.simplefilter("always")
        is_out_t, out_t = program(torch)
    with warnings.catch_warnings(record=True) as ours:
        warnings.simplefilter("always")
        is_out_c, out_c = program(compat)
    assert is_out_c and is_out_t
    assert tuple(out_c.shape) == tuple(out_t.shape)
    np.testing.assert_allclose(out_c.numpy(), out_t.numpy(), rtol=1e-6, atol=1e-6)
    assert [str(w.message) for w in ours] == [str(w.message) for w in theirs]


def test_out_cat_and_stack():
    check(lambda lib, x: (lib.cat([x, x], out=lib.zeros(4, 3)),
                          lib.stack([x, x], out=lib.zeros(2, 2, 3))),
          inputs=[randn(2, 3, requires_grad=False)], grad=False)


@pytest.mark.parametrize("program", [
    lambda lib, x: lib.exp(x, out=lib.zeros(2, 3)),                      # input requires grad
    lambda lib, x: lib.add(x.detach(), x.detach(), out=lib.zeros(2, 3, dtype=lib.int64)),
    lambda lib, x: lib.exp(x.detach(), out=[1.0]),
], ids=["requires-grad", "cannot-cast", "not-a-tensor"])
def test_out_errors_as_torch(program):
    check_raises(program, inputs=[randn(2, 3)])


def test_out_on_a_view_writes_its_base():
    def program(lib, x):
        base = lib.zeros(2, 3)
        lib.exp(x, out=base[0])
        return base
    check(program, inputs=[randn(3, requires_grad=False)], grad=False)


# ----------------------------------------------------------------------------- arguments
@pytest.mark.parametrize("program", [
    lambda lib, x: lib.exp(3.0),
    lambda lib, x: lib.sum([1.0, 2.0]),
    lambda lib, x: lib.maximum(2, x),
    lambda lib, x: lib.add(x, "a"),
    lambda lib, x: x.add("a"),
    lambda lib, x: x.mul(None),
    lambda lib, x: lib.atan2(2, x),
    lambda lib, x: x.maximum(2), lambda lib, x: lib.maximum(x, 2.0), lambda lib, x: x.atan2(2),
    lambda lib, x: x.logical_and(1), lambda lib, x: x.dot(2), lambda lib, x: x.outer(2),
    lambda lib, x: x.view(3, 1).mm(2), lambda lib, x: x.matmul(2), lambda lib, x: x @ 2,
    lambda lib, x: x.gather(0, 1), lambda lib, x: x.index_select(0, 1), lambda lib, x: x.take(1),
    lambda lib, x: x.scatter_add(0, lib.zeros(3, dtype=lib.long), 1.0),
], ids=["exp-float", "sum-list", "maximum-int", "add-str", "method-str", "method-none",
        "atan2-int", "maximum-method-number", "maximum-function-number", "atan2-number",
        "logical_and-number", "dot-number", "outer-number", "mm-number", "matmul-number",
        "matmul-operator-number", "gather-number-index", "index_select-number-index",
        "take-number-index", "scatter_add-number-src"])
def test_refused_arguments_as_torch(program):
    check_raises(program, inputs=[randn(3)])


@pytest.mark.parametrize("program", [
    lambda lib, x: lib.add(2, x), lambda lib, x: lib.mul(2, x), lambda lib, x: lib.sub(2, x),
    lambda lib, x: lib.pow(2, x), lambda lib, x: lib.div(2, x),
    lambda lib, x: lib.remainder(2, x),
], ids=["add", "mul", "sub", "pow", "div", "remainder"])
def test_scalar_first_functions_as_torch(program):
    check(program, inputs=[randn(3, requires_grad=False)], grad=False)


# ----------------------------------------------------------------------------- grad_fn names
_NODE_NAME = re.compile(r"^[A-Z][A-Za-z0-9]*Backward[0-9s]*$|^CopySlices$|^NotImplemented$")


def _code_strings(path):
    """The string constants of a file's code (docstrings excluded)."""
    tree = ast.parse(path.read_text())
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef)):
            body = getattr(node, "body", [])
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and id(node) not in docstrings:
            yield node.value


def test_grad_fn_names_live_only_in_the_op_table():
    outside = []
    for package in ("compat", "jaxgrad"):
        for path in (ROOT / package).rglob("*.py"):
            if "ops" in path.relative_to(ROOT).parts[:2]:
                continue
            outside += [f"{path.relative_to(ROOT)}: {s}" for s in _code_strings(path)
                        if _NODE_NAME.match(s)]
    assert not outside


def test_the_table_holds_each_overload_once():
    from compat.ops.registry import FUNCTIONS, METHODS, SPECS
    assert len({id(s) for s in SPECS.values()}) == len(SPECS)
    for name, fn in {**METHODS, **FUNCTIONS}.items():
        assert callable(fn) and fn.__doc__, name


# ----------------------------------------------------------------------------- threads
def test_concurrent_backward_into_one_leaf_loses_no_gradient():
    w = compat.ones(3, requires_grad=True)
    threads, steps = 4, 100

    def work():
        for _ in range(steps):
            (w * 1.0).sum().backward()

    pool = [threading.Thread(target=work) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    # d/dw sum(w * 1) = 1 per element, once per backward
    np.testing.assert_array_equal(w.grad.numpy(), np.full(3, threads * steps, np.float32))


# ----------------------------------------------------------------------------- factories
@pytest.mark.parametrize("program", [
    lambda lib: lib.LongTensor(2.5),
    lambda lib: lib.ones(2).new_zeros("a"),
    lambda lib: lib.ones(2).new_full((2,), "a"),
], ids=["legacy-float", "new-zeros-str", "new-full-str"])
def test_factory_methods_refuse_as_torch(program):
    check_raises(program)


def test_layouts_and_memory_formats_as_torch():
    from oracle import check_program
    check_program(lambda lib: (repr(lib.strided), repr(lib.contiguous_format),
                               repr(lib.preserve_format), lib.zeros(2, layout=lib.strided),
                               lib.ones(2).clone(memory_format=lib.contiguous_format),
                               lib.ones(1, dtype=lib.int32).new_tensor([1.5, 2.0])))


# ----------------------------------------------------------------------------- index ops
@pytest.mark.parametrize("program", [
    lambda lib, x, s: x.index_add(0, lib.tensor([2, 0, 2]), s, alpha=2),
    lambda lib, x, s: x.index_copy(0, lib.tensor([2, 0, 1]), s),
    lambda lib, x, s: x.index_fill(1, lib.tensor([1]), -1.5),
    lambda lib, x, s: x.index_fill(1, lib.tensor([0, 1]), s[0, 0]),
    lambda lib, x, s: x.put(lib.tensor([5, 0, 5]), s.reshape(-1)[:3], accumulate=True),
    lambda lib, x, s: (x * 1).index_add_(1, lib.tensor([1, 1]), s[:, :2]),
    lambda lib, x, s: lib.index_copy(x, 1, lib.tensor([1, 0]), s[:, :2]),
    lambda lib, x, s: lib.put(x, lib.tensor([1]), s[0, :1]),
], ids=["index_add", "index_copy", "index_fill", "index_fill-tensor", "put-accumulate",
        "index_add_", "torch.index_copy", "torch.put"])
def test_index_ops_as_torch(program):
    check(program, inputs=[randn(3, 2), randn(3, 2)])


@pytest.mark.parametrize("program", [
    lambda lib, x, s: x.index_add(0, lib.tensor([3]), s[:1]),
    lambda lib, x, s: x.put(lib.tensor([6]), s[0, :1]),
    lambda lib, x, s: x.index_put_((lib.tensor([0]),), lib.tensor([1])),
], ids=["index_add-bounds", "put-bounds", "index_put-dtype"])
def test_index_ops_refuse_as_torch(program):
    check_raises(program, inputs=[randn(3, 2, requires_grad=False), randn(3, 2, requires_grad=False)])


# ----------------------------------------------------------------------------- default dtype
def test_default_dtype_change_retraces_ops_a_live_graph_still_holds():
    """Ops read the default dtype while they are traced: after set_default_dtype, an op equal
    to one a live graph node still holds must be traced again, not taken from JAX's cache."""
    from oracle import check_program

    def program(lib):
        x = lib.ones(2, requires_grad=True)
        held = x / 2  # its node keeps the compiled division alive
        i = lib.tensor([1, 2])
        before = i / 2
        lib.set_default_dtype(lib.float64)
        try:
            after = i / 2
        finally:
            lib.set_default_dtype(lib.float32)
        return held.detach(), before, after, i / 2
    check_program(program)
