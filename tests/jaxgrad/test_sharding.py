"""Data-parallel and sharded-parameter train steps on 8 simulated CPU devices give the
single-device step's parameters. XLA fixes the device count at start-up, so the checks run in
one subprocess started with ``--xla_force_host_platform_device_count=8``."""
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent(r'''
    import chex, jax, jax.numpy as jnp, numpy as np
    from jax.sharding import Mesh, PartitionSpec as P
    import jaxgrad
    from jaxgrad import functional as F

    assert jax.device_count() == 8, jax.devices()
    rng = np.random.RandomState(0)
    params0 = {"w1": rng.standard_normal((16, 6)).astype(np.float32) * 0.3,
               "b1": np.zeros(16, np.float32),
               "w2": rng.standard_normal((4, 16)).astype(np.float32) * 0.3,
               "b2": np.zeros(4, np.float32)}
    data = [(rng.standard_normal((32, 6)).astype(np.float32), rng.randint(0, 4, 32))
            for _ in range(4)]

    def loss_fn(params, batch):
        x, y = batch
        h = F.relu(F.linear(x, params["w1"], params["b1"]))
        logits = F.linear(h, params["w2"], params["b2"])
        return F.cross_entropy(logits, y), {"acc": jnp.mean((jnp.argmax(logits, 1) == y) * 1.0)}

    def run(opt, **kw):
        step = jaxgrad.train_step(loss_fn, opt, has_aux=True, **kw)
        state = jaxgrad.TrainState.create(jax.tree.map(jnp.asarray, params0), opt)
        losses = []
        for batch in data:
            state, metrics = step(state, batch)
            losses.append(float(metrics["loss"]))
        return state, losses, step

    for opt in (jaxgrad.optim.sgd(lr=0.1, momentum=0.9), jaxgrad.optim.adam(lr=0.01)):
        single, single_losses, _ = run(opt)

        # 1. data parallel over 8 devices, params replicated
        mesh = Mesh(np.array(jax.devices()), ("data",))
        dp, dp_losses, dp_step = run(opt, mesh=mesh)
        chex.assert_trees_all_close(dp.params, single.params, rtol=1e-5, atol=1e-6)
        np.testing.assert_allclose(dp_losses, single_losses, rtol=1e-5)
        w1 = dp.params["w1"]
        assert len(w1.sharding.device_set) == 8 and w1.sharding.is_fully_replicated
        assert dp_step._compiled._cache_size() == 1

        # 2. 4-way data x 2-way model: hidden units of layer 1 split over "model"
        mesh2 = Mesh(np.array(jax.devices()).reshape(4, 2), ("data", "model"))
        spec = {"w1": P("model", None), "b1": P("model"), "w2": P(None, "model"), "b2": P()}
        mp, mp_losses, mp_step = run(opt, mesh=mesh2, param_spec=spec)
        chex.assert_trees_all_close(mp.params, single.params, rtol=1e-5, atol=1e-6)
        np.testing.assert_allclose(mp_losses, single_losses, rtol=1e-5)
        assert mp.params["w1"].sharding.spec == P("model", None)
        assert not mp.params["w1"].sharding.is_fully_replicated
        # optimizer moments follow their parameters
        moments = [x for x in jax.tree.leaves(mp.opt_state) if x.shape == (16, 6)]
        assert moments and all(m.sharding.spec == P("model", None) for m in moments)

        # 3. gradient accumulation inside the sharded step
        acc, acc_losses, _ = run(opt, mesh=mesh, accumulate_steps=2)
        chex.assert_trees_all_close(acc.params, single.params, rtol=1e-5, atol=1e-6)

    # 4. a sharded evaluation step and a param_spec given as a function of the path
    evaluate = jaxgrad.eval_step(loss_fn, has_aux=True, mesh=mesh)
    expected = loss_fn(single.params, data[0])[0]
    np.testing.assert_allclose(evaluate(dp, data[0])["loss"], expected, rtol=1e-5)
    by_path = lambda path, leaf: P("model") if leaf.ndim == 1 and leaf.shape[0] == 16 else P()
    fp, _, _ = run(jaxgrad.optim.sgd(lr=0.1), mesh=mesh2, param_spec=by_path)
    assert fp.params["b1"].sharding.spec == P("model")
    print("SHARDING-OK")
''')


def test_sharded_train_step_matches_single_device():
    pytest.importorskip("jax")
    env = dict(os.environ)
    env["XLA_FLAGS"] = (env.get("XLA_FLAGS", "") + " --xla_force_host_platform_device_count=8").strip()
    env["JAX_PLATFORMS"] = "cpu"
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    proc = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=600)
    assert proc.returncode == 0 and "SHARDING-OK" in proc.stdout, proc.stdout + proc.stderr
