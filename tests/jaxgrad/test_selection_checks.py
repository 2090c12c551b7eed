"""The index ops of jaxgrad.functional.selection against torch: index_add, index_copy, put and
index_fill (values and vector-Jacobian products, eager and under jit), and every index op's
host-side bounds check and trace-time shape/dtype checks (exception type and message); also
index_put's dtype rule and its host check of the number it writes, and einsum's result dtype.

An op with a host check is run the way compat's dispatch point runs it: ``op.host_check`` on
the concrete arguments, then the op itself (the check is what raises for a bad index)."""
import jax
import jax.numpy as jnp
import numpy as np
import pytest
from jax.test_util import check_grads

from jaxgrad.functional import indexing as ix, linalg, selection as S

torch = pytest.importorskip("torch")

from torch_vjp import against_torch, rand  # noqa: E402

IDX = np.array


def _builtin(exc):
    """torch raises subclasses of builtin exceptions (torch.AcceleratorError, …); compare bases."""
    return next(c for c in type(exc).__mro__ if c.__module__ == "builtins")


def assert_same_error(run_ours, run_torch):
    with pytest.raises(Exception) as theirs:
        run_torch()
    with pytest.raises(Exception) as ours:
        run_ours()
    assert _builtin(ours.value) is _builtin(theirs.value), (ours.value, theirs.value)
    assert str(ours.value) == str(theirs.value)


def checked(op, *args, **kwargs):
    """``op`` as compat dispatches it: host check on the concrete arguments, then the op."""
    op.host_check(*args, **kwargs)
    return op(*args, **kwargs)


def t(a):
    return torch.from_numpy(np.array(a))


def j(a):
    return jnp.asarray(np.array(a))


# ----------------------------------------------------------------------------- new ops: values, VJP
@pytest.mark.parametrize("shape,dim,index,alpha", [
    ((3, 4), 1, [0, 0, 3], 1), ((3, 4), 0, [2, 0], 2.5), ((3, 4), -1, [1], 1),
    ((2, 3, 4), 1, [2, 2, 0, 1], -0.5), ((5,), 0, [4, 0, 4], 1), ((), 0, [0], 3.0),
])
def test_index_add(shape, dim, index, alpha, variant):
    source_shape = list(shape)
    if shape:
        source_shape[dim] = len(index)
    x, source = rand(*shape), rand(*source_shape, seed=1)
    against_torch(lambda a, i, s: S.index_add(a, dim, i, s, alpha=alpha),
                  lambda a, i, s: a.index_add(dim, i, s, alpha=alpha),
                  x, IDX(index), source, diff=(0, 2), variant=variant)


@pytest.mark.parametrize("shape,dim,index", [
    ((3, 4), 1, [3, 0]), ((3, 4), 0, [1]), ((2, 3, 4), -2, [2, 0, 1]), ((4,), 0, [3, 1]),
    ((), 0, [0]),
])
def test_index_copy(shape, dim, index, variant):
    source_shape = list(shape)
    if shape:
        source_shape[dim] = len(index)
    x, source = rand(*shape), rand(*source_shape, seed=1)
    against_torch(lambda a, i, s: S.index_copy(a, dim, i, s),
                  lambda a, i, s: a.index_copy(dim, i, s),
                  x, IDX(index), source, diff=(0, 2), variant=variant)


def test_index_copy_repeated_index_gradient(variant):
    # equal slices at a repeated index (which copy wins is unspecified in torch); every source
    # slice gets the gradient at its target, the overwritten input none
    source = np.repeat(rand(3, 1, seed=1), 3, axis=1)
    against_torch(lambda a, i, s: S.index_copy(a, 1, i, s),
                  lambda a, i, s: a.index_copy(1, i, s),
                  rand(3, 4), IDX([2, 2, 2]), source, diff=(0, 2), variant=variant)


@pytest.mark.parametrize("shape,index,accumulate", [
    ((3, 4), [0, 11, -1], True), ((3, 4), [[0, 5], [-12, 7]], False), ((5,), [1, 1, 4], True),
    ((), [0], False), ((2, 3), [-1, 0], False),
])
def test_put(shape, index, accumulate, variant):
    source = rand(*np.shape(index), seed=1)
    against_torch(lambda a, i, s: S.put(a, i, s, accumulate=accumulate),
                  lambda a, i, s: a.put(i, s, accumulate=accumulate),
                  rand(*shape), IDX(index), source, diff=(0, 2), variant=variant)


def test_put_repeated_index_gradient(variant):
    source = np.full(3, 1.5, np.float32)
    against_torch(lambda a, i, s: S.put(a, i, s), lambda a, i, s: a.put(i, s),
                  rand(2, 3), IDX([4, 4, -2]), source, diff=(0, 2), variant=variant)


@pytest.mark.parametrize("shape,dim,index", [
    ((3, 4), 1, [0, -1]), ((3, 4), 0, [2, 2, -3]), ((2, 3, 4), 2, [1]), ((4,), -1, [0, 3]),
    ((), 0, [-1]), ((3, 4), 1, 2),
])
def test_index_fill_number(shape, dim, index, variant):
    against_torch(lambda a, i: S.index_fill(a, dim, i, -2.5), lambda a, i: a.index_fill(dim, i, -2.5),
                  rand(*shape), IDX(index), diff=(0,), variant=variant)


def test_index_fill_value_tensor_gradient(variant):
    # the value's gradient sums the filled elements once each, whatever the repeats in index
    # (torch's own backward cannot take a negative index here)
    against_torch(lambda a, i, v: S.index_fill(a, 1, i, v), lambda a, i, v: a.index_fill(1, i, v),
                  rand(3, 4), IDX([1, 1, 3]), np.array(0.5, np.float64), diff=(0, 2),
                  variant=variant)


@pytest.mark.parametrize("dtype", ["int64", "bool"])
def test_new_ops_integer_and_bool(dtype):
    x = (np.arange(12).reshape(3, 4) % 3).astype(dtype)
    source = np.ones((3, 2), dtype)
    cases = [
        (lambda: S.index_add(j(x), 1, j([0, 0]), j(source), alpha=2),
         lambda: t(x).index_add(1, t([0, 0]), t(source), alpha=2)),
        (lambda: S.index_copy(j(x), 1, j([3, 1]), j(source)),
         lambda: t(x).index_copy(1, t([3, 1]), t(source))),
        (lambda: S.put(j(x), j([0, 0]), j(source[0]), accumulate=True),
         lambda: t(x).put(t([0, 0]), t(source[0]), accumulate=True)),
        (lambda: S.index_fill(j(x), 0, j([1]), 2.7), lambda: t(x).index_fill(0, t([1]), 2.7)),
    ]
    for ours, theirs in cases:
        expected = theirs()
        out = ours()
        assert str(out.dtype) == str(expected.dtype).replace("torch.", "")
        np.testing.assert_array_equal(np.asarray(out), expected.numpy())


# The custom rule these ops share (torch's gradient for a write at repeated positions) against
# numerical gradients, where the function is smooth (no index repeats).
@pytest.mark.parametrize("fn", [
    lambda x, s: S.index_copy(x, 1, jnp.array([2, 0]), s),
    lambda x, s: S.put(x, jnp.array([5, 0, -1]), s.reshape(-1)[:3]),
], ids=["index_copy", "put"])
def test_write_rules_match_numerical_gradient(fn):
    rng = np.random.default_rng(0)
    check_grads(fn, (jnp.asarray(rng.uniform(0.5, 2, (3, 4))), jnp.asarray(rng.uniform(0.5, 2, (3, 2)))),
                order=1, modes=("rev",), eps=1e-4, atol=1e-3, rtol=1e-3)


# ----------------------------------------------------------------------------- bounds (host checks)
X = np.zeros((3, 4), np.float32)

BAD_INDICES = {
    "gather": (lambda: checked(S.gather, j(X), 1, j([[0, 4], [-1, 9]])),
               lambda: t(X).gather(1, t([[0, 4], [-1, 9]]))),
    "gather_dim0_visit_order": (lambda: checked(S.gather, j(np.zeros((5, 2))), 0,
                                                j([[0, 0], [0, 9], [8, 0], [0, 0], [0, 0]])),
                                lambda: t(np.zeros((5, 2))).gather(0, t([[0, 0], [0, 9], [8, 0],
                                                                         [0, 0], [0, 0]]))),
    "scatter": (lambda: checked(S.scatter, j(X), 0, j([[0, 3]]), j(np.ones((1, 2), np.float32))),
                lambda: t(X).scatter(0, t([[0, 3]]), t(np.ones((1, 2), np.float32)))),
    "scatter_value": (lambda: checked(S.scatter, j(X), 1, j([[-1]]), 2.0),
                      lambda: t(X).scatter(1, t([[-1]]), 2.0)),
    "scatter_add": (lambda: checked(S.scatter_add, j(X), 1, j([[1, 4]]), j(np.ones((1, 2), np.float32))),
                    lambda: t(X).scatter_add(1, t([[1, 4]]), t(np.ones((1, 2), np.float32)))),
    "index_select_dim0": (lambda: checked(S.index_select, j(X), 0, j([3])),
                          lambda: t(X).index_select(0, t([3]))),
    "index_select_dim1": (lambda: checked(S.index_select, j(X), 1, j([0, -1, 7])),
                          lambda: t(X).index_select(1, t([0, -1, 7]))),
    "index_select_vector": (lambda: checked(S.index_select, j(X[0]), 0, j([4])),
                            lambda: t(X[0]).index_select(0, t([4]))),
    "take": (lambda: checked(S.take, j(X), j([[3, -13], [12, 0]])),
             lambda: t(X).take(t([[3, -13], [12, 0]]))),
    "put": (lambda: checked(S.put, j(X), j([12]), j(np.ones(1, np.float32))),
            lambda: t(X).put(t([12]), t(np.ones(1, np.float32)))),
    "index_add_scatter_path": (lambda: checked(S.index_add, j(X), 1, j([0, 5]), j(np.ones((3, 2), np.float32))),
                               lambda: t(X).index_add(1, t([0, 5]), t(np.ones((3, 2), np.float32)))),
    "index_add_alpha": (lambda: checked(S.index_add, j(X), 1, j([0, 5]), j(np.ones((3, 2), np.float32)), alpha=2),
                        lambda: t(X).index_add(1, t([0, 5]), t(np.ones((3, 2), np.float32)), alpha=2)),
    "index_add_vector": (lambda: checked(S.index_add, j(X[0]), 0, j([-1]), j(np.ones(1, np.float32))),
                         lambda: t(X[0]).index_add(0, t([-1]), t(np.ones(1, np.float32)))),
    "index_copy": (lambda: checked(S.index_copy, j(X), 0, j([1, 3]), j(np.ones((2, 4), np.float32))),
                   lambda: t(X).index_copy(0, t([1, 3]), t(np.ones((2, 4), np.float32)))),
    "index_fill": (lambda: checked(S.index_fill, j(X), 1, j([0, -5, 9]), 1.0),
                   lambda: t(X).index_fill(1, t([0, -5, 9]), 1.0)),
}


@pytest.mark.parametrize("name", sorted(BAD_INDICES))
def test_out_of_range_index_raises_torch_error(name):
    ours, theirs = BAD_INDICES[name]
    assert_same_error(ours, theirs)


def test_in_range_indices_pass_the_host_check():
    S.gather.host_check(j(X), 1, j([[0, 3], [-0, 2]]))
    S.take.host_check(j(X), j([-12, 11]))
    S.index_fill.host_check(j(X), 1, j([-4, 3]), 0.0)
    S.scatter.host_check(j(X), 1, jnp.zeros((0,), jnp.int64), 1.0)


def test_host_check_visit_order_matches_torch():
    # torch's scatter/gather kernel names the first bad index in its own visiting order, which
    # depends on the shapes (and strides) of all operands: compare on random bad indices
    rng = np.random.default_rng(1)
    for _ in range(60):
        ndim = int(rng.integers(1, 4))
        shape = tuple(int(s) for s in rng.integers(1, 5, ndim))
        dim = int(rng.integers(0, ndim))
        index_shape = tuple(int(rng.integers(1, s + 1)) if d != dim else int(rng.integers(1, 6))
                            for d, s in enumerate(shape))
        index = rng.integers(0, shape[dim], index_shape)
        for _ in range(3):
            index[tuple(rng.integers(0, s) for s in index_shape)] = shape[dim] + int(rng.integers(0, 9))
        x = np.zeros(shape, np.float32)
        assert_same_error(lambda: S.gather.host_check(j(x), dim, j(index)),
                          lambda: t(x).gather(dim, t(index)))
        src = np.ones(index_shape, np.float32)
        assert_same_error(lambda: S.scatter.host_check(j(x), dim, j(index), j(src)),
                          lambda: t(x).scatter(dim, t(index), t(src)))


# ----------------------------------------------------------------------------- shape and dtype checks
F32 = np.ones((3, 4), np.float32)
BAD_CALLS = {
    "gather_index_dtype": (lambda: S.gather(j(F32), 1, j([[0.0]])), lambda: t(F32).gather(1, t([[0.0]]))),
    "gather_index_too_large": (lambda: S.gather(j(F32), 1, j([[0]] * 4)), lambda: t(F32).gather(1, t([[0]] * 4))),
    "gather_ndim": (lambda: S.gather(j(F32), 1, j([0])), lambda: t(F32).gather(1, t([0]))),
    "scatter_src_dtype": (lambda: S.scatter(j(F32), 1, j([[0]]), j(np.ones((1, 1)))),
                          lambda: t(F32).scatter(1, t([[0]]), t(np.ones((1, 1))))),
    "scatter_index_larger_than_src": (lambda: S.scatter(j(F32), 1, j([[0, 1]]), j(np.ones((1, 1), np.float32))),
                                      lambda: t(F32).scatter(1, t([[0, 1]]), t(np.ones((1, 1), np.float32)))),
    "scatter_src_missing_dim": (lambda: S.scatter(j(F32), 1, j([[0, 1]]), j(np.ones(2, np.float32))),
                                lambda: t(F32).scatter(1, t([[0, 1]]), t(np.ones(2, np.float32)))),
    "scatter_src_ndim": (lambda: S.scatter(j(F32), 1, j([[0]] * 4), j(np.ones(5, np.float32))),
                         lambda: t(F32).scatter(1, t([[0]] * 4), t(np.ones(5, np.float32)))),
    "scatter_reduce_before_bounds": (lambda: checked(S.scatter, j(F32), 1, j([[9]]), 1.0, "max"),
                                     lambda: t(F32).scatter(1, t([[9]]), 1.0, reduce="max")),
    "index_select_scalar_count": (lambda: S.index_select(j(np.float32(1)), 0, j([0, 0])),
                                  lambda: t(np.float32(1)).index_select(0, t([0, 0]))),
    "index_select_dtype": (lambda: S.index_select(j(F32), 0, j(np.array([0], np.int16))),
                           lambda: t(F32).index_select(0, t(np.array([0], np.int16)))),
    "index_select_empty_axis": (lambda: S.index_select(j(np.ones((0, 3))), 0, j([0])),
                                lambda: t(np.ones((0, 3))).index_select(0, t([0]))),
    "take_int32": (lambda: S.take(j(F32), j(np.array([0], np.int32))),
                   lambda: t(F32).take(t(np.array([0], np.int32)))),
    "take_empty": (lambda: S.take(j(np.ones(0, np.float32)), j([0])),
                   lambda: t(np.ones(0, np.float32)).take(t([0]))),
    "put_source_count": (lambda: S.put(j(F32), j([0, 1]), j(np.ones(1, np.float32))),
                         lambda: t(F32).put(t([0, 1]), t(np.ones(1, np.float32)))),
    "put_source_dtype": (lambda: S.put(j(F32), j([0]), j(np.ones(1))),
                         lambda: t(F32).put(t([0]), t(np.ones(1)))),
    "index_add_index_matrix": (lambda: S.index_add(j(F32), 1, j([[0]]), j(np.ones((3, 1), np.float32))),
                               lambda: t(F32).index_add(1, t([[0]]), t(np.ones((3, 1), np.float32)))),
    "index_add_count": (lambda: S.index_add(j(F32), 1, j([0, 1]), j(np.ones((3, 1), np.float32))),
                        lambda: t(F32).index_add(1, t([0, 1]), t(np.ones((3, 1), np.float32)))),
    "index_add_shape": (lambda: S.index_add(j(F32), 1, j([0]), j(np.ones((2, 1), np.float32))),
                        lambda: t(F32).index_add(1, t([0]), t(np.ones((2, 1), np.float32)))),
    "index_add_dtype": (lambda: S.index_add(j(F32), 1, j([0]), j(np.ones((3, 1)))),
                        lambda: t(F32).index_add(1, t([0]), t(np.ones((3, 1))))),
    "index_add_source_dim": (lambda: S.index_add(j(F32), 1, j([0]), j(np.ones(3, np.float32))),
                             lambda: t(F32).index_add(1, t([0]), t(np.ones(3, np.float32)))),
    "index_copy_slices": (lambda: S.index_copy(j(np.ones((2, 3, 4), np.float32)), 1, j([0]),
                                               j(np.ones((2, 1, 5), np.float32))),
                          lambda: t(np.ones((2, 3, 4), np.float32)).index_copy(1, t([0]),
                                                                               t(np.ones((2, 1, 5), np.float32)))),
    "index_copy_int32_index": (lambda: S.index_copy(j(F32), 1, j(np.array([0], np.int32)), j(np.ones((3, 1), np.float32))),
                               lambda: t(F32).index_copy(1, t(np.array([0], np.int32)), t(np.ones((3, 1), np.float32)))),
    "index_copy_scalar_source": (lambda: S.index_copy(j(np.ones(3, np.float32)), 0, j([0, 1]), j(np.float32(2))),
                                 lambda: t(np.ones(3, np.float32)).index_copy(0, t([0, 1]), t(np.float32(2)))),
    "index_copy_ndim": (lambda: S.index_copy(j(F32), 1, j([0]), j(np.ones(3, np.float32))),
                        lambda: t(F32).index_copy(1, t([0]), t(np.ones(3, np.float32)))),
    "index_fill_value_vector": (lambda: S.index_fill(j(F32), 1, j([0]), j(np.ones(1, np.float32))),
                                lambda: t(F32).index_fill(1, t([0]), t(np.ones(1, np.float32)))),
    "index_fill_index_dtype": (lambda: S.index_fill(j(F32), 1, j(np.array([0], np.int32)), 1.0),
                               lambda: t(F32).index_fill(1, t(np.array([0], np.int32)), 1.0)),
    "index_fill_index_matrix": (lambda: S.index_fill(j(F32), 1, j([[0]]), 1.0),
                                lambda: t(F32).index_fill(1, t([[0]]), 1.0)),
    "index_fill_complex": (lambda: S.index_fill(j(F32), 1, j([0]), 1j),
                           lambda: t(F32).index_fill(1, t([0]), 1j)),
}


@pytest.mark.parametrize("name", sorted(BAD_CALLS))
def test_bad_call_raises_torch_error(name):
    ours, theirs = BAD_CALLS[name]
    assert_same_error(ours, theirs)


def test_checks_hold_under_jit():
    with pytest.raises(RuntimeError, match="Number of indices"):
        jax.jit(lambda x, i, s: S.index_add(x, 1, i, s))(j(F32), j([0, 1]), j(np.ones((3, 1), np.float32)))
    with pytest.raises(RuntimeError, match="scatter\\(\\): Expected self.dtype"):
        jax.jit(lambda x, i, s: S.scatter(x, 1, i, s))(j(F32), j([[0]]), j(np.ones((1, 1))))


def test_scatter_bool_value_under_jit():
    # jit turns a Python bool into a plain bool array; it still counts as a number
    out = jax.jit(lambda x, i, v: S.scatter(x, 0, i, v))(j(np.zeros(3, np.float32)), j([1]), True)
    np.testing.assert_array_equal(out, torch.zeros(3).scatter(0, torch.tensor([1]), True).numpy())


# ----------------------------------------------------------------------------- einsum dtypes
@pytest.mark.parametrize("equation,dtypes", [
    ("ij->i", ["bool"]), ("ii->", ["int32"]), ("ij->ji", ["int32"]), ("i,i->i", ["bool", "bool"]),
    ("ij,k->k", ["int32", "int32"]), ("i,i->", ["int64", "int64"]), ("i,j->ij", ["int32", "float64"]),
    ("ij,jk->ik", ["int32", "int32"]), ("...i,...i->...", ["float16", "float16"]),
])
def test_einsum_result_dtype(equation, dtypes):
    shapes = {"ij->i": [(2, 3)], "ii->": [(3, 3)], "ij->ji": [(2, 1)], "i,i->i": [(3,), (3,)],
              "ij,k->k": [(2, 3), (4,)], "i,i->": [(3,), (3,)], "i,j->ij": [(2,), (3,)],
              "ij,jk->ik": [(2, 1), (1, 3)], "...i,...i->...": [(2, 1, 3), (4, 3)]}[equation]
    arrays = [(np.arange(np.prod(s)).reshape(s) % 3).astype(d) for s, d in zip(shapes, dtypes)]
    expected = torch.einsum(equation, *[t(a) for a in arrays])
    out = linalg.einsum(equation, *[j(a) for a in arrays])
    assert str(out.dtype) == str(expected.dtype).replace("torch.", "")
    np.testing.assert_allclose(np.asarray(out, np.float64), expected.double().numpy(), rtol=1e-3)


# ----------------------------------------------------------------------------- index_put
def test_index_put_same_dtype_as_index_put_():
    key, arrays = ix.split_key((np.array([0]),))
    assert_same_error(
        lambda: ix.index_put(j(np.zeros(3, np.float32)), j(np.ones(1)), *arrays, key=key,
                             same_dtype=True),
        lambda: torch.zeros(3).index_put_((torch.tensor([0]),), torch.ones(1, dtype=torch.float64)))
    # x[key] = v casts instead
    out = ix.index_put(j(np.zeros(3, np.float32)), j(np.ones(1)), *arrays, key=key)
    assert out.dtype == np.float32 and out.tolist() == [1.0, 0.0, 0.0]


def test_index_put_host_check_rejects_numbers_that_do_not_fit():
    key, arrays = ix.split_key((0,))

    def ours(x, value):
        return lambda: checked(ix.index_put, j(x), value, *arrays, key=key)

    def theirs(x, value):
        def run():
            t(x)[0] = value
        return run

    for x, value in [(np.zeros(2, np.int8), 200), (np.zeros(2, np.float32), 3j),
                     (np.zeros(2, np.int64), float("nan"))]:
        assert_same_error(ours(x, value), theirs(x, value))
