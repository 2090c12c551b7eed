"""One MLP training step four ways, in one process: steps per second.

    (a) jaxgrad.train_step      (jaxgrad.functional ops, jaxgrad.optim.sgd, TrainState)
    (b) a hand-written jax.jit step (jax.numpy + jax.value_and_grad, in-place SGD by tree_map)
    (c) PyTorch eager            (nn.Sequential, torch.optim.SGD, zero_grad/backward/step)
    (d) torch.compile            (the same eager step compiled), where it works

The model is 784 -> 512 -> 512 -> 10 with ReLU, cross-entropy, batch 128, SGD(lr=0.01).
Targets: (a) within 1.05x of (b); (a) at least 1.5x faster than (c) on CPU.

    python benchmarks/bench_mlp_functional.py [--steps 200] [--rounds 5] [--no-compile]

Timings are per round (``--steps`` steps after a warm-up, the device synchronised once at
the end of the round); the best round of each variant is reported, rounds of the variants
interleaved so that a noisy neighbour affects them alike.
"""
from __future__ import annotations

import argparse
import functools
import os
import platform
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402

import jaxgrad  # noqa: E402
from jaxgrad import functional as F  # noqa: E402

SIZES = (784, 512, 512, 10)
BATCH = 128
LR = 0.01


def init_params(seed=0):
    """torch.nn.Linear's default init (uniform in ±1/sqrt(fan_in)), as float32 numpy."""
    rng = np.random.RandomState(seed)
    params = {}
    for i, (n_in, n_out) in enumerate(zip(SIZES[:-1], SIZES[1:])):
        bound = 1 / np.sqrt(n_in)
        params[f"w{i}"] = rng.uniform(-bound, bound, (n_out, n_in)).astype(np.float32)
        params[f"b{i}"] = rng.uniform(-bound, bound, (n_out,)).astype(np.float32)
    return params


def make_batch(seed=1):
    rng = np.random.RandomState(seed)
    return rng.standard_normal((BATCH, SIZES[0])).astype(np.float32), rng.randint(0, 10, BATCH)


# ----------------------------------------------------------------------------- (a) jaxgrad
def jaxgrad_loss(params, batch):
    x, y = batch
    h = F.relu(F.linear(x, params["w0"], params["b0"]))
    h = F.relu(F.linear(h, params["w1"], params["b1"]))
    return F.cross_entropy(F.linear(h, params["w2"], params["b2"]), y)


def setup_jaxgrad(params, batch):
    opt = jaxgrad.optim.sgd(lr=LR)
    step = jaxgrad.train_step(jaxgrad_loss, opt)
    state = jaxgrad.TrainState.create(jax.tree.map(jnp.asarray, params), opt)
    batch = jax.device_put(batch)
    box = [state]

    def run(n):
        s = box[0]
        for _ in range(n):
            s, metrics = step(s, batch)
        jax.block_until_ready(s)
        box[0] = s
    return run, lambda: box[0].params


# ----------------------------------------------------------------------------- (b) hand-written
def handwritten_loss(params, x, y):
    h = jax.nn.relu(x @ params["w0"].T + params["b0"])
    h = jax.nn.relu(h @ params["w1"].T + params["b1"])
    logits = h @ params["w2"].T + params["b2"]
    logp = jax.nn.log_softmax(logits, axis=-1)
    return -jnp.mean(jnp.take_along_axis(logp, y[:, None], axis=1))


@functools.partial(jax.jit, donate_argnums=0)
def handwritten_step(params, x, y):
    loss, grads = jax.value_and_grad(handwritten_loss)(params, x, y)
    return jax.tree.map(lambda p, g: p - LR * g, params, grads), loss


def setup_handwritten(params, batch):
    box = [jax.tree.map(jnp.asarray, params)]
    x, y = jax.device_put(batch)

    def run(n):
        p = box[0]
        for _ in range(n):
            p, loss = handwritten_step(p, x, y)
        jax.block_until_ready(p)
        box[0] = p
    return run, lambda: box[0]


# ----------------------------------------------------------------------------- (c), (d) torch
def setup_torch(params, batch, compiled=False):
    import torch
    layers = []
    for i in range(3):
        lin = torch.nn.Linear(SIZES[i], SIZES[i + 1])
        with torch.no_grad():
            lin.weight.copy_(torch.from_numpy(params[f"w{i}"]))
            lin.bias.copy_(torch.from_numpy(params[f"b{i}"]))
        layers += [lin, torch.nn.ReLU()] if i < 2 else [lin]
    model = torch.nn.Sequential(*layers)
    opt = torch.optim.SGD(model.parameters(), lr=LR)
    x, y = torch.from_numpy(batch[0]), torch.from_numpy(batch[1])

    def step():
        opt.zero_grad()
        loss = torch.nn.functional.cross_entropy(model(x), y)
        loss.backward()
        opt.step()
        return loss

    fn = torch.compile(step) if compiled else step

    def run(n):
        for _ in range(n):
            fn()

    def result():
        return {f"{k}{i // 2}": p.detach().numpy() for i, (name, p) in
                enumerate(model.named_parameters()) for k in ("w" if "weight" in name else "b",)}
    return run, result


# ----------------------------------------------------------------------------- driver
def best_rate(run, steps):
    start = time.perf_counter()
    run(steps)
    return steps / (time.perf_counter() - start)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--no-compile", action="store_true", help="skip torch.compile")
    args = parser.parse_args(argv)

    import torch
    params, batch = init_params(), make_batch()
    variants = {"a": ("jaxgrad.train_step", setup_jaxgrad(params, batch)),
                "b": ("hand-written jax.jit", setup_handwritten(params, batch)),
                "c": ("PyTorch eager", setup_torch(params, batch))}
    if not args.no_compile:
        try:
            run, result = setup_torch(params, batch, compiled=True)
            run(3)  # compile now, so that a failure is reported here
            variants["d"] = ("torch.compile", (run, result))
        except Exception as e:  # inductor needs a C++ toolchain; report and go on
            print(f"(d) torch.compile unavailable: {type(e).__name__}: {str(e)[:200]}")

    # Same number of steps everywhere before timing: the results must agree.
    for key, (_, (run, _)) in variants.items():
        run(10)
    ref = variants["c"][1][1]()
    for key in ("a", "b"):
        got = variants[key][1][1]()
        for name in ref:
            np.testing.assert_allclose(np.asarray(got[name]), ref[name], rtol=2e-3, atol=2e-5,
                                       err_msg=f"({key}) diverged from torch on {name}")

    rates = {k: [] for k in variants}
    for _ in range(args.rounds):
        for key, (_, (run, _)) in variants.items():
            rates[key].append(best_rate(run, args.steps))
    best = {k: max(v) for k, v in rates.items()}

    print(f"MLP {'-'.join(map(str, SIZES))}, batch {BATCH}, SGD lr={LR}; {args.steps} steps x "
          f"{args.rounds} rounds (best round)")
    print(f"jax {jax.__version__} ({jax.devices()[0].platform}), torch {torch.__version__} "
          f"({torch.get_num_threads()} threads), {os.cpu_count()} CPUs, {platform.machine()}")
    for key, (label, _) in variants.items():
        median = float(np.median(rates[key]))
        print(f"  ({key}) {label:22s} {best[key]:9.1f} steps/s   (median {median:.1f})")
    print(f"  time(a) / time(b) = {best['b'] / best['a']:.3f}   (target <= 1.05)")
    print(f"  speed(a) / speed(c) = {best['a'] / best['c']:.2f}x   (target >= 1.5)")
    if "d" in best:
        print(f"  speed(a) / speed(d) = {best['a'] / best['d']:.2f}x")


if __name__ == "__main__":
    main()
