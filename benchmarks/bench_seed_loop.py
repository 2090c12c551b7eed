"""The seeds' training loop (linear regression on 100 points: forward, backward, no_grad
update, zero_) in PyTorch eager and in compat, in one process; prints µs/epoch and the ratio.

    python benchmarks/bench_seed_loop.py [--epochs 2000] [--repeats 5]

Each library runs warm-up epochs first (compat compiles each op once), then ``repeats`` timed
runs of ``epochs`` epochs; the best run is reported, as timeit does.
"""
from __future__ import annotations

import argparse
import importlib
import time


def make_epoch(lib):
    """One epoch of the seed loop, written exactly as the document writes it."""
    lib.manual_seed(42)
    x_train_tensor = lib.rand(100, 1)
    y_train_tensor = 1 + 2 * x_train_tensor + .1 * lib.randn(100, 1)
    b = lib.randn(1, requires_grad=True, dtype=lib.float)
    w = lib.randn(1, requires_grad=True, dtype=lib.float)
    lr = 0.1

    def epoch():
        yhat = b + w * x_train_tensor
        error = (y_train_tensor - yhat)
        loss = (error ** 2).mean()
        loss.backward()
        with lib.no_grad():
            b.sub_(lr * b.grad)
            w.sub_(lr * w.grad)
        b.grad.zero_(), w.grad.zero_()
        return loss
    return epoch


def time_per_epoch(lib, epochs: int, repeats: int) -> float:
    epoch = make_epoch(lib)
    for _ in range(200):
        epoch()
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(epochs):
            loss = epoch()
        loss.item()  # wait for the last result (JAX dispatches asynchronously)
        best = min(best, (time.perf_counter() - start) / epochs)
    return best * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    results = {}
    for name in ("torch", "compat"):
        try:
            lib = importlib.import_module(name)
        except ImportError:
            print(f"{name:>7}: not installed")
            continue
        results[name] = time_per_epoch(lib, args.epochs, args.repeats)
        print(f"{name:>7}: {results[name]:8.1f} µs/epoch")
    if len(results) == 2:
        print(f"  ratio: {results['compat'] / results['torch']:8.2f}x  (compat / torch eager)")


if __name__ == "__main__":
    main()
