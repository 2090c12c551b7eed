"""TrainState, train_step, eval_step and fit: torch's training loop as one compiled pure
step, checked against torch.optim on the same model, with and without jit."""
import io

import chex
import jax
import jax.numpy as jnp
import numpy as np
import pytest

import jaxgrad
from jaxgrad import functional as F

torch = pytest.importorskip("torch")


def rand(*shape, seed=0):
    return np.random.RandomState(seed).standard_normal(shape).astype(np.float32)


def init_params():
    return {"w1": rand(8, 4, seed=1) * 0.5, "b1": rand(8, seed=2) * 0.1,
            "w2": rand(3, 8, seed=3) * 0.5, "b2": rand(3, seed=4) * 0.1}


def batches(n=4, size=16):
    rng = np.random.RandomState(10)
    return [(rng.standard_normal((size, 4)).astype(np.float32), rng.randint(0, 3, size))
            for _ in range(n)]


def loss_fn(params, batch):
    x, y = batch
    hidden = F.relu(F.linear(x, params["w1"], params["b1"]))
    return F.cross_entropy(F.linear(hidden, params["w2"], params["b2"]), y)


def loss_with_aux(params, batch):
    x, y = batch
    hidden = F.relu(F.linear(x, params["w1"], params["b1"]))
    logits = F.linear(hidden, params["w2"], params["b2"])
    accuracy = jnp.mean((jnp.argmax(logits, 1) == y).astype(jnp.float32))
    return F.cross_entropy(logits, y), {"accuracy": accuracy}


def new_state(opt):
    return jaxgrad.TrainState.create(jax.tree.map(jnp.asarray, init_params()), opt)


def torch_run(data, steps, **sgd_kw):
    params = {k: torch.tensor(v, requires_grad=True) for k, v in init_params().items()}
    opt = torch.optim.SGD(list(params.values()), **sgd_kw)
    losses = []
    for t in range(steps):
        x, y = data[t % len(data)]
        opt.zero_grad()
        h = torch.relu(torch.nn.functional.linear(torch.tensor(x), params["w1"], params["b1"]))
        loss = torch.nn.functional.cross_entropy(
            torch.nn.functional.linear(h, params["w2"], params["b2"]), torch.tensor(y))
        loss.backward()
        opt.step()
        losses.append(loss.item())
    return {k: v.detach().numpy() for k, v in params.items()}, losses


SGD = dict(lr=0.1, momentum=0.9, weight_decay=1e-3)


def test_train_step_matches_torch_training_loop():
    data = batches()
    expected, expected_losses = torch_run(data, 12, **SGD)
    step = jaxgrad.train_step(loss_fn, jaxgrad.optim.sgd(**SGD))
    state, losses = new_state(jaxgrad.optim.sgd(**SGD)), []
    for t in range(12):
        state, metrics = step(state, data[t % len(data)])
        losses.append(metrics["loss"])
    chex.assert_trees_all_close(state.params, expected, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(losses, expected_losses, rtol=1e-5)   # loss before each update
    assert int(state.step) == 12


def test_train_step_with_and_without_jit_agree():
    data, opt = batches(2), jaxgrad.optim.adam(lr=0.01)
    with chex.fake_jit():
        eager_step = jaxgrad.train_step(loss_fn, opt)
        eager, _ = eager_step(new_state(opt), data[0])
    compiled, _ = jaxgrad.train_step(loss_fn, opt)(new_state(opt), data[0])
    chex.assert_trees_all_close(eager, compiled, rtol=1e-6, atol=1e-7)


def test_state_is_a_pytree_with_stable_shapes_and_one_compilation():
    opt = jaxgrad.optim.adam(lr=0.01)
    state = new_state(opt)
    assert state.step.dtype == jnp.int32
    leaves = jax.tree.leaves(state)
    assert len(leaves) == 4 + 1 + 4 + 4 + 1    # params, adam count, mu, nu, step
    step = jaxgrad.train_step(loss_fn, opt)
    first = jax.tree.map(lambda x: jax.ShapeDtypeStruct(x.shape, x.dtype), state)
    for batch in batches(3):
        state, metrics = step(state, batch)
    chex.assert_trees_all_equal_shapes_and_dtypes(
        jax.tree.map(lambda x: jax.ShapeDtypeStruct(x.shape, x.dtype), state), first)
    assert step._cache_size() == 1            # traced once: no retracing in the loop
    chex.assert_shape(metrics["loss"], ())


@pytest.mark.parametrize("jit", [False, True])
def test_apply_gradients_is_one_optimizer_step(jit):
    # torch: p.grad = g; optimizer.step()
    params = {k: torch.tensor(v, requires_grad=True) for k, v in init_params().items()}
    grads = {k: rand(*v.shape, seed=20 + i) for i, (k, v) in enumerate(init_params().items())}
    opt = torch.optim.SGD(list(params.values()), **SGD)
    for k, p in params.items():
        p.grad = torch.tensor(grads[k])
    opt.step()
    ours = jaxgrad.optim.sgd(**SGD)
    apply = (jax.jit(lambda s, g: s.apply_gradients(g, ours)) if jit
             else lambda s, g: s.apply_gradients(g, ours))
    state = apply(new_state(ours), jax.tree.map(jnp.asarray, grads))
    chex.assert_trees_all_close(state.params, {k: v.detach().numpy() for k, v in params.items()},
                                rtol=1e-6, atol=1e-7)
    assert int(state.step) == 1


def test_donation_reuses_the_state_buffers():
    opt = jaxgrad.optim.sgd(lr=0.1)
    old = new_state(opt)
    jaxgrad.train_step(loss_fn, opt)(old, batches(1)[0])
    assert all(x.is_deleted() for x in jax.tree.leaves(old.params))
    kept = new_state(opt)
    jaxgrad.train_step(loss_fn, opt, donate=False)(kept, batches(1)[0])
    assert not any(x.is_deleted() for x in jax.tree.leaves(kept.params))


def test_has_aux_metrics():
    opt = jaxgrad.optim.sgd(lr=0.1)
    batch = batches(1)[0]
    state = new_state(opt)
    expected_loss, expected_aux = loss_with_aux(state.params, batch)
    _, metrics = jaxgrad.train_step(loss_with_aux, opt, has_aux=True)(state, batch)
    np.testing.assert_allclose(metrics["loss"], expected_loss, rtol=1e-6)
    np.testing.assert_allclose(metrics["aux"]["accuracy"], expected_aux["accuracy"])


@pytest.mark.parametrize("k", [2, 4])
def test_gradient_accumulation_equals_the_full_batch(k):
    # Mean losses: the mean of k equal micro-batch means is the full-batch mean, so k
    # accumulated micro-batches and one full batch give the same update (as torch's
    # backward() on loss / k, k times, then step()).
    opt = jaxgrad.optim.sgd(lr=0.1, momentum=0.9)
    full = jaxgrad.train_step(loss_with_aux, opt, has_aux=True)
    micro = jaxgrad.train_step(loss_with_aux, opt, has_aux=True, accumulate_steps=k)
    s_full, s_micro = new_state(opt), new_state(opt)
    for batch in batches(3):
        s_full, m_full = full(s_full, batch)
        s_micro, m_micro = micro(s_micro, batch)
        np.testing.assert_allclose(m_micro["loss"], m_full["loss"], rtol=1e-5)
    chex.assert_trees_all_close(s_micro.params, s_full.params, rtol=1e-5, atol=1e-6)
    assert int(s_micro.step) == 3                # one optimizer step per batch
    chex.assert_shape(m_micro["aux"]["accuracy"], ())


def test_gradient_accumulation_matches_torch_backward_per_micro_batch():
    x, y = batches(1, size=12)[0]
    params = {k: torch.tensor(v, requires_grad=True) for k, v in init_params().items()}
    opt = torch.optim.SGD(list(params.values()), lr=0.1)
    for xs, ys in zip(np.split(x, 3), np.split(y, 3)):
        h = torch.relu(torch.nn.functional.linear(torch.tensor(xs), params["w1"], params["b1"]))
        loss = torch.nn.functional.cross_entropy(
            torch.nn.functional.linear(h, params["w2"], params["b2"]), torch.tensor(ys))
        (loss / 3).backward()
    opt.step()
    state, _ = jaxgrad.train_step(loss_fn, jaxgrad.optim.sgd(lr=0.1), accumulate_steps=3)(
        new_state(jaxgrad.optim.sgd(lr=0.1)), (x, y))
    chex.assert_trees_all_close(state.params, {k: v.detach().numpy() for k, v in params.items()},
                                rtol=1e-5, atol=1e-6)


def test_gradient_accumulation_rejects_indivisible_batches():
    opt = jaxgrad.optim.sgd(lr=0.1)
    with pytest.raises(ValueError, match="accumulate_steps=3 must divide the batch size"):
        jaxgrad.train_step(loss_fn, opt, accumulate_steps=3)(new_state(opt), batches(1, 16)[0])
    with pytest.raises(ValueError, match="accumulate_steps must be >= 1"):
        jaxgrad.train_step(loss_fn, opt, accumulate_steps=0)


def test_eval_step_takes_state_or_params():
    opt = jaxgrad.optim.sgd(lr=0.1)
    state, batch = new_state(opt), batches(1)[0]
    expected = loss_fn(state.params, batch)
    evaluate = jaxgrad.eval_step(loss_fn)
    np.testing.assert_allclose(evaluate(state, batch)["loss"], expected, rtol=1e-6)
    np.testing.assert_allclose(evaluate(state.params, batch)["loss"], expected, rtol=1e-6)
    metrics = jaxgrad.eval_step(loss_with_aux, has_aux=True)(state, batch)
    assert set(metrics) == {"loss", "aux"}
    with chex.fake_jit():
        np.testing.assert_allclose(jaxgrad.eval_step(loss_fn)(state, batch)["loss"], expected,
                                   rtol=1e-6)


def test_fit_runs_epochs_and_returns_history():
    data = batches(4)
    opt = jaxgrad.optim.sgd(**SGD)
    step = jaxgrad.train_step(loss_with_aux, opt, has_aux=True)
    stream = io.StringIO()
    state, history = jaxgrad.fit(step, new_state(opt), data, epochs=3,
                                 eval_step=jaxgrad.eval_step(loss_fn), eval_data=data[:2],
                                 stream=stream)
    assert set(history) == {"loss", "accuracy", "eval_loss"}
    assert all(len(v) == 3 for v in history.values())
    assert int(state.step) == 12
    _, torch_losses = torch_run(data, 12, **SGD)
    np.testing.assert_allclose(history["loss"], np.mean(np.reshape(torch_losses, (3, 4)), 1),
                               rtol=1e-5)
    text = stream.getvalue()
    assert "epoch 3/3" in text and "4/4" in text and "loss=" in text


def test_fit_accepts_a_function_of_the_epoch_and_rejects_exhausted_iterators():
    opt = jaxgrad.optim.sgd(lr=0.1)
    step = jaxgrad.train_step(loss_fn, opt)
    data = batches(2)
    seen = []

    def per_epoch(epoch):
        seen.append(epoch)
        return iter(data)

    _, history = jaxgrad.fit(step, new_state(opt), per_epoch, epochs=2, progress=False)
    assert seen == [0, 1] and len(history["loss"]) == 2
    with pytest.raises(ValueError, match="exhausted iterator"):
        jaxgrad.fit(step, new_state(opt), iter(data), epochs=2, progress=False)
