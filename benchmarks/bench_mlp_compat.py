"""The MLP training step (batch 128, 784→512→512→10, ReLU, cross entropy, SGD), eager in
compat and in torch, timed in one run.

    python benchmarks/bench_mlp_compat.py [--steps 50] [--warmup 10] [--threads N]

Prints the median time per step of each and the ratio compat / torch.
"""
from __future__ import annotations

import argparse
import statistics
import time


def make_step(lib, seed=0):
    lib.manual_seed(seed)
    model = lib.nn.Sequential(lib.nn.Linear(784, 512), lib.nn.ReLU(), lib.nn.Linear(512, 512),
                              lib.nn.ReLU(), lib.nn.Linear(512, 10))
    opt = lib.optim.SGD(model.parameters(), lr=0.01)
    loss_fn = lib.nn.CrossEntropyLoss()
    x = lib.randn(128, 784)
    y = lib.randint(0, 10, (128,))

    def step():
        opt.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()
        return loss

    return step


def _sync(loss):
    # Both libraries may run asynchronously: reading the loss waits for the step.
    return float(loss.item())


def time_steps(step, steps, warmup):
    """Median seconds per step, and the loss of the last step."""
    for _ in range(warmup):
        _sync(step())
    times = []
    for _ in range(steps):
        t0 = time.perf_counter()
        loss = _sync(step())
        times.append(time.perf_counter() - t0)
    return statistics.median(times), loss


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--threads", type=int, default=None,
                        help="torch intra-op threads (default: torch's own choice)")
    args = parser.parse_args()

    import torch
    import compat

    if args.threads:
        torch.set_num_threads(args.threads)
    results, losses = {}, {}
    # Interleave the two so that neither gets a quieter machine; keep each one's best run.
    for name, lib in (("torch", torch), ("compat", compat), ("torch", torch), ("compat", compat)):
        t, losses[name] = time_steps(make_step(lib), args.steps, args.warmup)
        results.setdefault(name, []).append(t)
    t_torch, t_compat = min(results["torch"]), min(results["compat"])
    print(f"MLP 784-512-512-10, batch 128, SGD; torch threads: {torch.get_num_threads()}")
    print(f"torch eager : {t_torch * 1e3:8.3f} ms/step")
    print(f"compat eager: {t_compat * 1e3:8.3f} ms/step")
    print(f"ratio compat/torch: {t_compat / t_torch:.2f}x")
    print(f"loss after {args.warmup + args.steps} steps: torch {losses['torch']:.6f}, "
          f"compat {losses['compat']:.6f}")


if __name__ == "__main__":
    main()
