"""gather, scatter, index_select, take, masked_select, nonzero, sort, topk, kthvalue, median,
cummax/cummin: values, dtypes, grad_fn names and gradients against torch."""
import numpy as np
import pytest

import compat

torch = pytest.importorskip("torch")

X = np.array([[3., 1., 2., 2.], [0., 5., 4., -1.], [7., 7., 6., 0.5]], np.float32)
# torch's topk/kthvalue order equal values as its partial sort happens to (unspecified):
# those ops are compared on data without ties.
DISTINCT = np.array([[3., 1., 2., 2.5], [0., 5., 4., -1.], [7., 7.5, 6., 0.5]], np.float32)
INDEX = np.array([[0, 0], [1, 3], [2, 2]])

PROGRAMS = {
    "gather": lambda t, x: x.gather(1, t.tensor(INDEX)),
    "index_select": lambda t, x: x.index_select(1, t.tensor([3, 0, 0])),
    "take": lambda t, x: x.take(t.tensor([[0, 5], [11, 5]])),
    "masked_select": lambda t, x: x.masked_select(x > 1),
    "masked_select_broadcast": lambda t, x: x.masked_select(t.tensor([True, False, True, False])),
    "scatter_src": lambda t, x: (x * 1).scatter(1, t.tensor(INDEX), x[:, :2] * 10),
    "scatter_value": lambda t, x: x.scatter(1, t.tensor(INDEX), 0.5),
    "scatter_add": lambda t, x: x.scatter_add(1, t.tensor(INDEX), x[:, 1:3] * x[:, 2:]),
    "sort": lambda t, x: x.sort(dim=1)[0],
    "sort_desc_dim0": lambda t, x: x.sort(dim=0, descending=True)[0],
    "topk": lambda t, x: (x + t.tensor(DISTINCT - X)).topk(2)[0],
    "topk_smallest_dim0": lambda t, x: (x + t.tensor(DISTINCT - X)).topk(2, dim=0, largest=False)[0],
    "kthvalue": lambda t, x: (x + t.tensor(DISTINCT - X)).kthvalue(2, 1)[0],
    "median": lambda t, x: x.median(),
    "median_dim": lambda t, x: x.median(1)[0],
    "cummax": lambda t, x: x.cummax(1)[0],
    "cummin_dim0": lambda t, x: x.cummin(0)[0],
}


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_selection_against_torch(name):
    program = PROGRAMS[name]
    results = []
    for lib in (torch, compat):
        x = lib.tensor(X, requires_grad=True)
        out = program(lib, x)
        weights = lib.arange(out.numel(), dtype=lib.float32).reshape(tuple(out.shape)) + 1
        (out * weights).sum().backward()
        results.append((out, x.grad))
    (t_out, t_grad), (c_out, c_grad) = results
    assert repr(c_out.dtype) == str(t_out.dtype) and tuple(c_out.shape) == tuple(t_out.shape)
    assert type(c_out.grad_fn).__name__ == type(t_out.grad_fn).__name__
    np.testing.assert_allclose(c_out.detach().numpy(), t_out.detach().numpy(), rtol=1e-6)
    np.testing.assert_allclose(c_grad.numpy(), t_grad.numpy(), rtol=1e-6)


@pytest.mark.parametrize("method", ["sort", "topk", "kthvalue", "median", "cummax", "cummin"])
def test_index_outputs_against_torch(method):
    args = {"sort": (1,), "topk": (2,), "kthvalue": (2, 1), "median": (1,), "cummax": (1,),
            "cummin": (1,)}[method]
    data = DISTINCT if method in ("topk", "kthvalue") else X
    t_out = getattr(torch.tensor(data), method)(*args)
    c_out = getattr(compat.tensor(data), method)(*args)
    assert repr(c_out) == repr(t_out)


def test_nonzero_and_argsort_against_torch():
    for fn in (lambda t: t.tensor(X).nonzero(), lambda t: t.tensor(X).argsort(1),
               lambda t: t.tensor(X).nonzero(as_tuple=True), lambda t: t.where(t.tensor(X) > 2)):
        assert repr(fn(compat)) == repr(fn(torch))


def test_inplace_scatter_against_torch():
    def program(lib):
        y = lib.zeros(3, 4)
        y.scatter_(1, lib.tensor(INDEX), 1.0)
        y.scatter_add_(1, lib.tensor(INDEX), lib.ones(3, 2))
        return y
    assert repr(program(compat)) == repr(program(torch))


def test_scatter_rule_matches_numerical_gradient():
    """The hand-written scatter rule equals the true gradient where indices don't collide."""
    import jax.numpy as jnp
    from jax.test_util import check_grads

    from jaxgrad import functional as F
    index = jnp.array([[2, 0], [1, 3]])
    check_grads(lambda x, s: F.scatter(x, 1, index, s),
                (jnp.arange(8.).reshape(2, 4), jnp.ones((2, 2)) * 3.), order=1, modes=("rev",))
