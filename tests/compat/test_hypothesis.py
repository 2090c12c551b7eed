"""Property tests: hypothesis draws broadcastable shapes, values, dims, keepdim and index keys,
and every draw runs through torch and compat (values, dtypes, shapes, grad_fn names and
gradients).

Sides are kept to 0..3 and ranks to 0..3: JAX compiles each new shape, and small shapes still
meet every broadcasting rule (size-1 dims, missing leading dims, empty dims, 0-d tensors).
Hypothesis likes 0.0 and repeated values, so ties and zeros (max, prod, norm, abs, relu) get
exercised too.
"""
import numpy as np
import pytest

from oracle import In, check

torch = pytest.importorskip("torch")
hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from hypothesis.extra import numpy as hnp  # noqa: E402

SETTINGS = settings(max_examples=35, deadline=None, database=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def values(dtype, shape, low=-3.0, high=3.0, exclude_zero=False):
    """An array strategy of ``dtype``/``shape`` in [low, high] (integers in [-4, 4])."""
    if np.dtype(dtype).kind == "f":
        width = 32 if dtype == "float32" else 64
        elements = st.floats(low, high, width=width, allow_nan=False, allow_subnormal=False)
        if exclude_zero:
            elements = elements.filter(lambda v: abs(v) >= 0.25)
    elif dtype == "bool":
        elements = st.booleans()
    else:
        elements = st.integers(-4, 4).filter(lambda v: v != 0) if exclude_zero else st.integers(-4, 4)
    return hnp.arrays(np.dtype(dtype), shape, elements=elements)


BINARY = {
    "add": lambda torch, a, b: a + b,
    "sub": lambda torch, a, b: a - b,
    "mul": lambda torch, a, b: a * b,
    "div": lambda torch, a, b: a / b,
    "maximum": lambda torch, a, b: torch.maximum(a, b),
    "minimum": lambda torch, a, b: torch.minimum(a, b),
    "where": lambda torch, a, b: torch.where(a > b, a, b * 2),
    "lt": lambda torch, a, b: a < b,
    "eq": lambda torch, a, b: a == b,
    "add_alpha": lambda torch, a, b: torch.add(a, b, alpha=2),
}
FLOAT_BINARY = {
    "pow": lambda torch, a, b: a.abs() ** b,
    "atan2": lambda torch, a, b: torch.atan2(a, b),
    "clamp_tensor": lambda torch, a, b: a.clamp(min=b),
    "lerp": lambda torch, a, b: torch.lerp(a, b, 0.25),
}

shape_pairs = hnp.mutually_broadcastable_shapes(num_shapes=2, min_dims=0, max_dims=3, min_side=0,
                                                max_side=3)


@SETTINGS
@given(data=st.data(), shapes=shape_pairs, dtype=st.sampled_from(["float32", "float64", "int64"]),
       op=st.sampled_from(sorted(BINARY) + sorted(FLOAT_BINARY)))
def test_binary_ops(data, shapes, dtype, op):
    if op in FLOAT_BINARY and dtype == "int64":
        dtype = "float32"
    fn = BINARY.get(op) or FLOAT_BINARY[op]
    a = data.draw(values(dtype, shapes.input_shapes[0]), label="a")
    b = data.draw(values(dtype, shapes.input_shapes[1], exclude_zero=op in ("div", "pow")), label="b")
    check(fn, [In(a), In(b)])


@SETTINGS
@given(data=st.data(), shapes=shape_pairs,
       dtypes=st.tuples(st.sampled_from(["float32", "float64", "int64", "bool"]),
                        st.sampled_from(["float32", "float64", "int64", "bool"])),
       op=st.sampled_from(["add", "mul", "div", "eq", "where"]))
def test_binary_promotion(data, shapes, dtypes, op):
    a = data.draw(values(dtypes[0], shapes.input_shapes[0]), label="a")
    b = data.draw(values(dtypes[1], shapes.input_shapes[1], exclude_zero=op == "div"), label="b")
    if op == "div" and dtypes[1] == "bool":
        b = np.ones_like(b)
    check(BINARY[op], [In(a), In(b)])


@SETTINGS
@given(data=st.data(), shape=hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=3),
       scalar=st.one_of(st.integers(-3, 3), st.floats(-2.5, 2.5, allow_nan=False), st.booleans()),
       dtype=st.sampled_from(["float32", "float64", "int64"]),
       op=st.sampled_from(["add", "radd", "mul", "rsub", "div", "gt"]))
def test_python_scalar_ops(data, shape, scalar, dtype, op):
    x = data.draw(values(dtype, shape), label="x")
    fn = {"add": lambda torch, x: x + scalar, "radd": lambda torch, x: scalar + x,
          "mul": lambda torch, x: x * scalar, "rsub": lambda torch, x: scalar - x,
          "div": lambda torch, x: x / (scalar if scalar else 2), "gt": lambda torch, x: x > scalar}[op]
    if op == "rsub" and isinstance(scalar, bool):
        scalar = int(scalar)
    check(fn, [In(x)])


UNARY = {
    "exp": lambda torch, x: x.exp(), "tanh": lambda torch, x: torch.tanh(x),
    "sigmoid": lambda torch, x: x.sigmoid(), "sin": lambda torch, x: x.sin(),
    "abs": lambda torch, x: x.abs(), "relu": lambda torch, x: x.relu(),
    "neg": lambda torch, x: -x, "square": lambda torch, x: x ** 2,
    "log_abs": lambda torch, x: (x.abs() + 0.5).log(), "sqrt_abs": lambda torch, x: (x.abs() + 0.1).sqrt(),
    "clamp": lambda torch, x: x.clamp(-1.0, 1.0), "sign": lambda torch, x: x.sign(),
    "floor": lambda torch, x: x.floor(), "reciprocal": lambda torch, x: (x.abs() + 1).reciprocal(),
}


@SETTINGS
@given(data=st.data(), shape=hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=3),
       dtype=st.sampled_from(["float32", "float64"]), op=st.sampled_from(sorted(UNARY)))
def test_unary_ops(data, shape, dtype, op):
    check(UNARY[op], [In(data.draw(values(dtype, shape), label="x"))])


def _dims(ndim):
    """A dim argument: None, one dim (negative too) or a tuple of distinct dims."""
    if ndim == 0:
        return st.sampled_from([None, 0, -1])
    one = st.integers(-ndim, ndim - 1)
    many = st.lists(st.integers(0, ndim - 1), min_size=1, max_size=ndim, unique=True).map(tuple)
    return st.one_of(st.none(), one, many)


REDUCTIONS = {
    "sum": lambda torch, x, d, k: x.sum() if d is None else x.sum(d, keepdim=k),
    "mean": lambda torch, x, d, k: x.mean() if d is None else torch.mean(x, d, keepdim=k),
    "var": lambda torch, x, d, k: x.var(d, keepdim=k),
    "std": lambda torch, x, d, k: x.std(d, correction=0, keepdim=k),
    "norm": lambda torch, x, d, k: x.norm(dim=d, keepdim=k),
    "amax": lambda torch, x, d, k: x.amax(() if d is None else d, keepdim=k),
    "logsumexp": lambda torch, x, d, k: x.logsumexp(tuple(range(x.dim())) if d is None else d, keepdim=k),
}
SINGLE_DIM = {
    "prod": lambda torch, x, d, k: x.prod() if d is None else x.prod(d, keepdim=k),
    "max": lambda torch, x, d, k: x.max() if d is None else x.max(d, keepdim=k),
    "min": lambda torch, x, d, k: x.min() if d is None else torch.min(x, d, keepdim=k),
    "argmax": lambda torch, x, d, k: x.argmax(d, keepdim=k),
    "softmax": lambda torch, x, d, k: x.softmax(0 if d is None else d),
    "log_softmax": lambda torch, x, d, k: x.log_softmax(-1 if d is None else d),
    "cumsum": lambda torch, x, d, k: x.cumsum(0 if d is None else d),
}


@SETTINGS
@given(data=st.data(), shape=hnp.array_shapes(min_dims=0, max_dims=3, min_side=1, max_side=3),
       dtype=st.sampled_from(["float32", "float64"]), keepdim=st.booleans(),
       op=st.sampled_from(sorted(REDUCTIONS) + sorted(SINGLE_DIM)))
def test_reductions(data, shape, dtype, keepdim, op):
    dim = data.draw(_dims(len(shape)), label="dim")
    if op in SINGLE_DIM and isinstance(dim, tuple):
        dim = dim[0]
    fn = REDUCTIONS.get(op) or SINGLE_DIM[op]
    x = data.draw(values(dtype, shape), label="x")
    check(lambda torch, x: fn(torch, x, dim, keepdim), [In(x)])


@SETTINGS
@given(data=st.data(), shape=hnp.array_shapes(min_dims=1, max_dims=3, min_side=0, max_side=3),
       dtype=st.sampled_from(["int64", "bool"]),
       op=st.sampled_from(["sum", "prod", "amax", "all", "any", "argmax"]))
def test_integer_reductions(data, shape, dtype, op):
    dim = data.draw(st.integers(-len(shape), len(shape) - 1), label="dim")
    if op in ("amax", "argmax") and shape[dim] == 0 or op == "argmax" and dtype == "bool":
        return  # errors, covered in test_ops_reductions
    x = data.draw(values(dtype, shape), label="x")
    check(lambda torch, x: (getattr(x, op)(dim), getattr(x, op)(dim, keepdim=True)), [In(x)])


# ----------------------------------------------------------------------------- indexing
@st.composite
def index_keys(draw, shape):
    """A key of ints, slices (negative bounds, steps), None, Ellipsis, bools, index tensors
    and masks, as a list of (kind, payload) (built into a key per library)."""
    items, dim, ellipsis = [], 0, False
    for _ in range(draw(st.integers(0, len(shape) + 1))):
        kind = draw(st.sampled_from(["int", "slice", "none", "ellipsis", "array", "mask", "bool"]))
        if kind in ("none", "bool"):
            items.append((kind, draw(st.booleans())))
            continue
        if kind == "ellipsis":
            if not ellipsis:
                items.append((kind, None))
            ellipsis = True
            continue
        if dim >= len(shape):
            continue
        size = shape[dim]
        bound = st.one_of(st.none(), st.integers(-size - 1, size + 1))
        if kind == "int":
            items.append((kind, draw(st.integers(-size, size - 1))))
        elif kind == "slice":
            items.append((kind, (draw(bound), draw(bound), draw(st.one_of(st.none(), st.integers(1, 3))))))
        elif kind == "array":
            index_shape = draw(st.sampled_from([(), (1,), (2,), (2, 1)]))
            items.append((kind, draw(hnp.arrays(np.int64, index_shape,
                                                elements=st.integers(-size, size - 1))).tolist()))
        else:
            items.append((kind, draw(st.lists(st.booleans(), min_size=size, max_size=size))))
        dim += 1
    return items


def _key(lib, items):
    build = {"none": lambda p: None, "bool": lambda p: p, "ellipsis": lambda p: Ellipsis,
             "int": lambda p: p, "slice": lambda p: slice(*p),
             "array": lambda p: lib.tensor(p, dtype=lib.int64),
             "mask": lambda p: lib.tensor(p, dtype=lib.bool)}
    return tuple(build[kind](payload) for kind, payload in items)


def _torch_accepts(program):
    try:
        program()
    except (IndexError, RuntimeError, ValueError, TypeError):
        return False  # errors are covered in test_ops_indexing
    return True


@SETTINGS
@given(data=st.data(), shape=hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=4))
def test_getitem(data, shape):
    items = data.draw(index_keys(shape), label="key")
    if _torch_accepts(lambda: torch.zeros(shape)[_key(torch, items)]):
        check(lambda lib, x: x[_key(lib, items)], [In(data.draw(values("float32", shape), label="x"))])


@SETTINGS
@given(data=st.data(), shape=hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=4))
def test_setitem(data, shape):
    items = data.draw(index_keys(shape), label="key")

    def assign():
        y = torch.zeros(shape)
        y[_key(torch, items)] = torch.ones(y[_key(torch, items)].shape)
    if not _torch_accepts(assign):
        return
    target = tuple(torch.zeros(shape)[_key(torch, items)].shape)
    value_shape = data.draw(st.sampled_from([target, target[1:], ()]), label="value shape")

    def fn(lib, x, v):
        y = x * 1
        y[_key(lib, items)] = v
        return y
    check(fn, [In(data.draw(values("float32", shape), label="x")),
               In(data.draw(values("float32", value_shape), label="v"))])
