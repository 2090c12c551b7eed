"""Training-step speed of compat against torch and plain JAX, in one process: µs per step and
the ratio to torch eager, medians of alternating rounds.

    python benchmarks/eager.py [--rounds 7] [--only mlp] [--torch-compile] [--json out.json]

Variants: torch eager; torch.compile (``--torch-compile``: inductor compiles each step, which
takes minutes here); compat eager (lazy fusion, the default); compat per-op
(``set_fusion(False)``); ``compat.compile``; plain JAX (one jitted ``value_and_grad`` step).
Each variant warms up, then the rounds alternate between the variants so that a noisy
neighbour slows them alike; a round runs a fixed number of steps and waits for the last
result. torch runs with ``OMP_WAIT_POLICY=PASSIVE`` (set here unless already set): its
spin-waiting threads otherwise make a step many times slower on a loaded machine.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # before torch is imported
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

import workloads  # noqa: E402

STEPS = {"seed loop (100 points)": 200, "seed loop (10k points)": 200, "MLP step (SGD)": 20,
         "small CNN step": 20, "tiny transformer step (AdamW)": 20}


def _variants(name, torch, compat, torch_compile):
    """(variant, step, sync, fusion) for one workload; fusion None leaves compat's as is."""
    build = workloads.TORCH_LIKE[name]
    out = []
    if torch is not None:
        out.append(("torch eager", build(torch), lambda loss: loss.item(), None))
        if torch_compile:
            out.append(("torch.compile", torch.compile(build(torch)), lambda loss: loss.item(),
                        None))
    out.append(("compat eager", build(compat), lambda loss: loss.item(), True))
    out.append(("compat per-op", build(compat), lambda loss: loss.item(), False))
    out.append(("compat.compile", compat.compile(build(compat)), lambda loss: loss.item(), True))
    out.append(("plain JAX", workloads.PLAIN_JAX[name](), lambda loss: loss.block_until_ready(),
                None))
    return out


def _time(step, sync, steps):
    start = time.perf_counter()
    for _ in range(steps):
        loss = step()
    sync(loss)
    return (time.perf_counter() - start) / steps * 1e6


def bench(name, torch, compat, rounds, torch_compile):
    steps = STEPS[name]
    variants = _variants(name, torch, compat, torch_compile)
    times = {v[0]: [] for v in variants}
    for round_ in range(rounds + 2):  # two warm-up rounds: compiling, caches
        for label, step, sync, fusion in variants:
            if fusion is not None:
                compat.set_fusion(fusion)
            elapsed = _time(step, sync, steps)
            if round_ >= 2:
                times[label].append(elapsed)
    compat.set_fusion(True)
    return {label: statistics.median(values) for label, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--only", default="", help="run the workloads whose name contains this")
    parser.add_argument("--torch-compile", action="store_true", help="include torch.compile")
    parser.add_argument("--json", default="", help="write the figures to this file")
    args = parser.parse_args()
    try:
        import torch
    except ImportError:
        torch = None
    import compat
    import jax
    print(f"# {platform.node()}, {os.cpu_count()} CPUs, jax {jax.__version__} on "
          f"{jax.devices()[0].platform}, torch {torch.__version__ if torch else 'absent'} "
          f"(OMP_WAIT_POLICY={os.environ['OMP_WAIT_POLICY']}); medians of {args.rounds} "
          "alternating rounds")
    results = {}
    for name in workloads.TORCH_LIKE:
        if args.only.lower() not in name.lower():
            continue
        figures = results[name] = bench(name, torch, compat, args.rounds, args.torch_compile)
        base = figures.get("torch eager")
        print(f"\n{name}")
        for label, us in figures.items():
            ratio = f"{us / base:6.2f}x torch eager" if base else ""
            print(f"  {label:<15} {us:10.1f} µs/step  {ratio}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"machine": platform.node(), "cpus": os.cpu_count(),
                       "device": jax.devices()[0].platform, "results": results}, f, indent=1)


if __name__ == "__main__":
    main()
