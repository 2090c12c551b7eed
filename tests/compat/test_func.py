"""torch.func against torch: each transform, compositions, per-sample gradients of a module,
and argument errors."""
from __future__ import annotations

import numpy as np
import pytest

import compat

torch = pytest.importorskip("torch")


def _np(tree):
    if isinstance(tree, (tuple, list)):
        return [_np(t) for t in tree]
    if isinstance(tree, dict):
        return {k: _np(v) for k, v in tree.items()}
    return tree.detach().numpy()


def _same(got, want, rtol=1e-10):
    got, want = _np(got), _np(want)
    if isinstance(want, list):
        assert len(got) == len(want)
        for g, w in zip(got, want):
            _same_arrays(g, w, rtol)
    elif isinstance(want, dict):
        assert got.keys() == want.keys()
        for k in want:
            _same_arrays(got[k], want[k], rtol)
    else:
        _same_arrays(got, want, rtol)


def _same_arrays(g, w, rtol):
    if isinstance(w, list):
        for a, b in zip(g, w):
            _same_arrays(a, b, rtol)
        return
    assert g.shape == w.shape and g.dtype == w.dtype
    np.testing.assert_allclose(g, w, rtol=rtol, atol=1e-12)


def _inputs(lib):
    x = lib.tensor([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]], dtype=lib.float64)
    y = lib.tensor([0.3, -0.2, 1.1], dtype=lib.float64)
    return x, y


def f(lib):
    return lambda x, y: (x.sin() * y).sum() + (x ** 2).mean()


CASES = {
    "grad": lambda lib, x, y: lib.func.grad(f(lib))(x, y),
    "grad argnums": lambda lib, x, y: lib.func.grad(f(lib), argnums=(0, 1))(x, y),
    "grad_and_value": lambda lib, x, y: lib.func.grad_and_value(f(lib), argnums=1)(x, y),
    "grad has_aux": lambda lib, x, y: lib.func.grad(
        lambda a: ((a * a).sum(), a.mean()), has_aux=True)(x),
    "vjp": lambda lib, x, y: lib.func.vjp(lambda a, b: a.tanh() * b, x, y)[1](lib.ones_like(x)),
    "jvp": lambda lib, x, y: lib.func.jvp(lambda a: (a ** 3).exp(), (x,), (lib.ones_like(x),)),
    "jacrev": lambda lib, x, y: lib.func.jacrev(lambda a: a.sin() * y)(x),
    "jacfwd": lambda lib, x, y: lib.func.jacfwd(lambda a: a.cos() @ y)(x),
    "jacrev argnums": lambda lib, x, y: lib.func.jacrev(lambda a, b: a * b, argnums=(0, 1))(x, y),
    "hessian": lambda lib, x, y: lib.func.hessian(lambda b: (b.sin() * b ** 2).sum())(y),
    "vmap": lambda lib, x, y: lib.vmap(lambda row: row.dot(y))(x),
    "vmap in_dims": lambda lib, x, y: lib.func.vmap(lambda a, b: a * b, in_dims=(1, None))(x, 2.0),
    "vmap out_dims": lambda lib, x, y: lib.func.vmap(lambda a: a.exp(), out_dims=1)(x),
    "nested vmap": lambda lib, x, y: lib.vmap(lib.vmap(lambda a: a * a))(x),
    "vmap of grad": lambda lib, x, y: lib.vmap(lib.func.grad(lambda row: (row ** 3).sum()))(x),
    "jacrev of jacfwd": lambda lib, x, y: lib.func.jacrev(lib.func.jacfwd(lambda b: b.sin() * b))(y),
    "grad of grad": lambda lib, x, y: lib.func.grad(
        lambda b: lib.func.grad(lambda c: (c ** 4).sum())(b).sum())(y),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_transform_matches_torch_func(case):
    got = CASES[case](compat, *_inputs(compat))
    want = CASES[case](torch, *_inputs(torch))
    _same(got, want)


def _model(lib):
    lib.manual_seed(0)
    return lib.nn.Sequential(lib.nn.Linear(3, 4), lib.nn.Tanh(), lib.nn.Linear(4, 2))


def _per_sample_grads(lib, classes=False):
    model = _model(lib)
    params = {k: v.detach() for k, v in model.named_parameters()}
    lib.manual_seed(1)
    data = lib.randn(5, 3)
    targets = lib.randint(0, 2, (5,)) if classes else lib.randn(5, 2)
    # the class-index loss checks its targets' range on the host: not possible on traced ones
    criterion = lib.nn.functional.cross_entropy if classes else lib.nn.functional.mse_loss

    def loss(p, x, t):
        out = lib.func.functional_call(model, p, (x.unsqueeze(0),))
        return criterion(out, t.unsqueeze(0))
    return lib.func.vmap(lib.func.grad(loss), in_dims=(None, 0, 0))(params, data, targets)


@pytest.mark.parametrize("classes", [False, True])
def test_per_sample_gradients_of_a_module_match_torch(classes):
    got, want = _per_sample_grads(compat, classes), _per_sample_grads(torch, classes)
    _same(got, want, rtol=1e-5)


def test_functional_call_leaves_the_module_as_it_was():
    model = _model(compat)
    before = {k: v.detach().numpy().copy() for k, v in model.named_parameters()}
    zeros = {k: compat.zeros_like(v) for k, v in model.named_parameters()}
    out = compat.func.functional_call(model, zeros, compat.ones(1, 3))
    assert out.tolist() == [[0.0, 0.0]]
    for k, v in model.named_parameters():
        np.testing.assert_array_equal(v.detach().numpy(), before[k])
        assert isinstance(v, compat.nn.Parameter)


def test_ensemble_by_stack_module_state_matches_torch():
    def run(lib):
        models = []
        for seed in range(3):
            lib.manual_seed(seed)
            models.append(lib.nn.Linear(3, 2))
        params, buffers = lib.func.stack_module_state(models)
        base = models[0]
        x = lib.ones(4, 3)
        return lib.vmap(lambda p: lib.func.functional_call(base, p, (x,)))(params)
    _same(run(compat), run(torch), rtol=1e-6)


@pytest.mark.parametrize("call", [
    lambda lib: lib.func.grad(lambda x: x.sum(), argnums=3)(lib.ones(2)),
    lambda lib: lib.func.vmap(lambda x: x, randomness="sometimes")(lib.ones(2)),
])
def test_argument_errors_are_torchs(call):
    with pytest.raises(Exception) as want:
        call(torch)
    with pytest.raises(Exception) as got:
        call(compat)
    assert type(got.value) is type(want.value)
    assert str(got.value).splitlines()[0] == str(want.value).splitlines()[0]
