"""jaxgrad's transforms and tree helpers against torch.autograd, over pytrees, eager and
under jit."""
import chex
import jax.numpy as jnp
import numpy as np
import pytest

import jaxgrad
from jaxgrad import functional as F

torch = pytest.importorskip("torch")


def rand(*shape, seed=0):
    return np.random.RandomState(seed).standard_normal(shape).astype(np.float32)


W, B, X, Y = rand(3, 4), rand(3, seed=1), rand(5, 4, seed=2), rand(5, 3, seed=3)


def jloss(params, x, y):
    pred = F.tanh(F.linear(x, params["w"], params["b"]))
    return F.mse_loss(pred, y)


def tloss(w, b, x, y):
    return torch.nn.functional.mse_loss(torch.tanh(torch.nn.functional.linear(x, w, b)), y)


def torch_grads():
    w, b = torch.tensor(W, requires_grad=True), torch.tensor(B, requires_grad=True)
    loss = tloss(w, b, torch.tensor(X), torch.tensor(Y))
    loss.backward()
    return loss.item(), w.grad.numpy(), b.grad.numpy()


def params():
    return {"w": jnp.asarray(W), "b": jnp.asarray(B)}


def test_grad_is_backward(variant):
    _, gw, gb = torch_grads()
    grads = variant(jaxgrad.grad(jloss))(params(), X, Y)
    chex.assert_trees_all_equal_structs(grads, params())
    chex.assert_trees_all_close(grads, {"w": gw, "b": gb}, rtol=1e-5, atol=1e-6)


def test_value_and_grad_with_aux_and_argnums(variant):
    value, gw, gb = torch_grads()

    def with_aux(p, x, y):
        loss = jloss(p, x, y)
        return loss, {"twice": 2 * loss}

    (loss, aux), grads = variant(jaxgrad.value_and_grad(with_aux, has_aux=True))(params(), X, Y)
    np.testing.assert_allclose(loss, value, rtol=1e-6)
    np.testing.assert_allclose(aux["twice"], 2 * value, rtol=1e-6)
    chex.assert_trees_all_close(grads, {"w": gw, "b": gb}, rtol=1e-5, atol=1e-6)
    # requires_grad on the input too: argnums picks both
    x = torch.tensor(X, requires_grad=True)
    tloss(torch.tensor(W), torch.tensor(B), x, torch.tensor(Y)).backward()
    gp, gx = variant(jaxgrad.grad(jloss, argnums=(0, 1)))(params(), jnp.asarray(X), Y)
    np.testing.assert_allclose(gx, x.grad.numpy(), rtol=1e-5, atol=1e-6)
    grads_aux, aux = variant(jaxgrad.grad(with_aux, has_aux=True))(params(), X, Y)
    chex.assert_trees_all_close(grads_aux, grads)


def test_vjp_is_autograd_grad_with_grad_outputs(variant):
    x = torch.tensor(X, requires_grad=True)
    v = rand(5, 3, seed=9)
    out = torch.sin(x) @ torch.tensor(W).T
    (expected,) = torch.autograd.grad(out, x, grad_outputs=torch.tensor(v))
    f = lambda x: F.matmul(F.sin(x), jnp.asarray(W).T)  # noqa: E731
    got_out, pullback = jaxgrad.vjp(variant(f), jnp.asarray(X))
    np.testing.assert_allclose(got_out, out.detach().numpy(), rtol=1e-6)
    np.testing.assert_allclose(pullback(jnp.asarray(v))[0], expected.numpy(), rtol=1e-5, atol=1e-6)
    _, _, aux = jaxgrad.vjp(lambda x: (f(x), "aux"), jnp.asarray(X), has_aux=True)
    assert aux == "aux"


def test_jvp_matches_torch_func(variant):
    t = rand(5, 4, seed=4)
    f_t = lambda x: torch.tanh(x) * x  # noqa: E731
    out, tangent = torch.func.jvp(f_t, (torch.tensor(X),), (torch.tensor(t),))
    got, got_t = variant(lambda x, t: jaxgrad.jvp(lambda x: F.tanh(x) * x, (x,), (t,)))(
        jnp.asarray(X), jnp.asarray(t))
    np.testing.assert_allclose(got, out.numpy(), rtol=1e-6)
    np.testing.assert_allclose(got_t, tangent.numpy(), rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("mode", ["reverse", "forward"])
def test_jacobian_matches_torch(mode, variant):
    x = rand(4)
    expected = torch.autograd.functional.jacobian(lambda x: torch.exp(x[:3]) * x[1:], torch.tensor(x))
    got = variant(jaxgrad.jacobian(lambda x: F.exp(x[:3]) * x[1:], mode=mode))(jnp.asarray(x))
    chex.assert_shape(got, (3, 4))
    np.testing.assert_allclose(got, expected.numpy(), rtol=1e-5, atol=1e-6)


def test_jacobian_and_hessian_over_pytrees(variant):
    jac = variant(jaxgrad.jacobian(lambda p: F.linear(jnp.asarray(X), p["w"], p["b"])))(params())
    chex.assert_shape(jac["w"], (5, 3, 3, 4))
    chex.assert_shape(jac["b"], (5, 3, 3))
    hess = variant(jaxgrad.hessian(jloss))(params(), X, Y)
    chex.assert_shape(hess["w"]["w"], (3, 4, 3, 4))
    chex.assert_shape(hess["w"]["b"], (3, 4, 3))


def test_hessian_matches_torch(variant):
    b = rand(3, seed=5)
    f_t = lambda b: tloss(torch.tensor(W), b, torch.tensor(X), torch.tensor(Y))  # noqa: E731
    expected = torch.autograd.functional.hessian(f_t, torch.tensor(b))
    got = variant(jaxgrad.hessian(lambda b: jloss({"w": jnp.asarray(W), "b": b}, X, Y)))(jnp.asarray(b))
    np.testing.assert_allclose(got, expected.numpy(), rtol=1e-4, atol=1e-6)


def test_stop_gradient_is_no_grad(variant):
    x = torch.tensor(2.0, requires_grad=True)
    with torch.no_grad():
        c = x * x
    (x * c).backward()
    got = variant(jaxgrad.grad(lambda x: x * jaxgrad.stop_gradient(x * x)))(jnp.float32(2.0))
    np.testing.assert_allclose(got, x.grad.numpy())
    tree = jaxgrad.stop_gradient({"a": jnp.ones(2), "b": [jnp.zeros(1)]})
    chex.assert_trees_all_equal_structs(tree, {"a": jnp.ones(2), "b": [jnp.zeros(1)]})


def test_accumulate_is_two_backward_calls(variant):
    # torch sums into .grad across backward() calls; accumulate sums gradient trees.
    w, b = torch.tensor(W, requires_grad=True), torch.tensor(B, requires_grad=True)
    tloss(w, b, torch.tensor(X[:2]), torch.tensor(Y[:2])).backward()
    tloss(w, b, torch.tensor(X[2:]), torch.tensor(Y[2:])).backward()
    g = variant(jaxgrad.grad(jloss))
    total = jaxgrad.accumulate(None, g(params(), X[:2], Y[:2]))
    total = variant(jaxgrad.accumulate)(total, g(params(), X[2:], Y[2:]))
    chex.assert_trees_all_close(total, {"w": w.grad.numpy(), "b": b.grad.numpy()}, rtol=1e-5, atol=1e-6)
    assert jaxgrad.accumulate(total, None) is total


def test_zeros_like_is_zero_grad(variant):
    w = torch.tensor(W, requires_grad=True)
    (w.sum()).backward()
    w.grad.zero_()
    zeros = variant(jaxgrad.zeros_like)({"w": jnp.asarray(W), "n": jnp.int32(3)})
    chex.assert_trees_all_equal(zeros, {"w": w.grad.numpy(), "n": jnp.int32(0)})
    chex.assert_trees_all_equal_dtypes(zeros, {"w": jnp.asarray(W), "n": jnp.int32(3)})


def test_tree_scale_and_global_norm(variant):
    tree = {"a": jnp.array([3.0], jnp.float32), "b": jnp.array([[4.0]], jnp.float32)}
    ps = [torch.nn.Parameter(torch.zeros(1)), torch.nn.Parameter(torch.zeros(1, 1))]
    ps[0].grad, ps[1].grad = torch.tensor([3.0]), torch.tensor([[4.0]])
    expected = torch.nn.utils.clip_grad_norm_(ps, 1e9)     # returns the total norm
    np.testing.assert_allclose(variant(jaxgrad.tree.global_norm)(tree), expected.numpy())
    chex.assert_trees_all_close(variant(lambda t: jaxgrad.tree.scale(t, 0.5))(tree),
                                {"a": jnp.array([1.5]), "b": jnp.array([[2.0]])})
    assert variant(jaxgrad.tree.scale)(tree, 0.5)["a"].dtype == jnp.float32


@pytest.mark.parametrize("call,msg", [
    (lambda: jaxgrad.grad(lambda x: x * 2)(jnp.ones(3, jnp.float32)),
     "grad can be implicitly created only for scalar outputs"),
    (lambda: jaxgrad.grad(lambda x: jnp.sum(x))(jnp.ones(3, jnp.int64)),
     "only Tensors of floating point and complex dtype can require gradients"),
    (lambda: jaxgrad.jacobian(lambda x: x)(jnp.ones(3, jnp.int64)),
     "only Tensors of floating point and complex dtype can require gradients"),
])
def test_torch_worded_errors(call, msg):
    with pytest.raises(RuntimeError, match=msg):
        call()
    with pytest.raises(ValueError, match="argnums"):
        jaxgrad.grad(lambda x: x, argnums=3)(jnp.float32(1))
