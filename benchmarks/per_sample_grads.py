"""Per-sample gradients of a small MLP (batch 64) with ``vmap(grad(...))``: ``torch.func``
against ``compat.func`` (and plain JAX's ``jax.vmap(jax.grad)``), in one process; µs per
batch and the ratio to torch, medians of alternating rounds.

    python benchmarks/per_sample_grads.py [--rounds 7] [--batch 64]

The model is 32 → 128 → 128 → 10 with ReLU and cross-entropy, written once for torch and
compat (``functional_call`` over the module's parameters, as the torch.func tutorial does).
torch runs with ``OMP_WAIT_POLICY=PASSIVE`` (set here unless already set).
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # before torch is imported
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import numpy as np  # noqa: E402

IN, HIDDEN, OUT = 32, 128, 10


def torch_like(lib, batch):
    """(run, sync) computing per-sample gradients with ``lib.func``."""
    lib.manual_seed(0)
    nn, F = lib.nn, lib.nn.functional
    model = nn.Sequential(nn.Linear(IN, HIDDEN), nn.ReLU(), nn.Linear(HIDDEN, HIDDEN), nn.ReLU(),
                          nn.Linear(HIDDEN, OUT))
    params = {k: v.detach() for k, v in model.named_parameters()}
    data, targets = lib.randn(batch, IN), lib.randint(0, OUT, (batch,))

    def loss(p, x, t):
        out = lib.func.functional_call(model, p, (x.unsqueeze(0),))
        return F.cross_entropy(out, t.unsqueeze(0))

    per_sample = lib.func.vmap(lib.func.grad(loss), in_dims=(None, 0, 0))

    def run():
        return per_sample(params, data, targets)

    def sync(grads):
        for g in grads.values():
            g.sum().item()
    return run, sync


def plain_jax(batch):
    rng = np.random.default_rng(0)
    sizes = [(IN, HIDDEN), (HIDDEN, HIDDEN), (HIDDEN, OUT)]
    params = [(jnp.asarray(rng.standard_normal(s, np.float32) * 0.1), jnp.zeros(s[1]))
              for s in sizes]
    data = jnp.asarray(rng.standard_normal((batch, IN), np.float32))
    targets = jnp.asarray(rng.integers(0, OUT, batch))

    def loss(p, x, t):
        for i, (w, b) in enumerate(p):
            x = x @ w + b
            if i < len(p) - 1:
                x = jax.nn.relu(x)
        return -jax.nn.log_softmax(x)[t]

    per_sample = jax.jit(jax.vmap(jax.grad(loss), in_axes=(None, 0, 0)))

    def run():
        return per_sample(params, data, targets)
    return run, lambda grads: jax.block_until_ready(grads)


def _time(run, sync, calls):
    start = time.perf_counter()
    for _ in range(calls):
        out = run()
    sync(out)
    return (time.perf_counter() - start) / calls * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--calls", type=int, default=20)
    args = parser.parse_args()
    import compat  # noqa: E402  (after the environment is set)
    variants = {"compat.func": torch_like(compat, args.batch), "plain JAX": plain_jax(args.batch)}
    try:
        import torch
        variants = {"torch.func": torch_like(torch, args.batch), **variants}
    except ImportError:
        print("torch is not installed: compat and plain JAX only")
    times = {name: [] for name in variants}
    for round_ in range(args.rounds + 2):  # two warm-up rounds: tracing, compiling
        for name, (run, sync) in variants.items():
            elapsed = _time(run, sync, args.calls)
            if round_ >= 2:
                times[name].append(elapsed)
    print(f"per-sample gradients, MLP {IN}-{HIDDEN}-{HIDDEN}-{OUT}, batch {args.batch}; "
          f"medians of {args.rounds} alternating rounds of {args.calls} calls; "
          f"OMP_WAIT_POLICY={os.environ.get('OMP_WAIT_POLICY')}")
    reference = statistics.median(times["torch.func"]) if "torch.func" in times else None
    for name, values in times.items():
        median = statistics.median(values)
        ratio = f"  {median / reference:.2f}x torch.func" if reference else ""
        print(f"  {name:12s} {median:10.1f} µs{ratio}")


if __name__ == "__main__":
    main()
