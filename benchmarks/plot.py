"""Plot the figures ``benchmarks/eager.py --json FILE`` wrote: per workload, each variant's time
per step as a ratio to torch eager (log scale; the 1.0 line is torch eager).

    python benchmarks/plot.py results.json [more.json ...] [--out benchmarks/ratios.png]

Several files (say, one from the CPU and one from a GPU machine) are drawn side by side.
"""
from __future__ import annotations

import argparse
import json

import matplotlib

matplotlib.use("Agg")  # files only: no screen needed
import matplotlib.pyplot as plt  # noqa: E402
import matplotlib.ticker  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+")
    parser.add_argument("--out", default="benchmarks/ratios.png")
    args = parser.parse_args()
    runs = [json.load(open(path)) for path in args.files]
    fig, axes = plt.subplots(1, len(runs), figsize=(7 * len(runs), 4.8), squeeze=False)
    for ax, run in zip(axes[0], runs):
        workloads = list(run["results"])
        variants = [v for v in next(iter(run["results"].values())) if v != "torch eager"]
        width = 0.8 / len(variants)
        for i, variant in enumerate(variants):
            ratios = [run["results"][w].get(variant, float("nan")) / run["results"][w]["torch eager"]
                      for w in workloads]
            xs = [j + (i - (len(variants) - 1) / 2) * width for j in range(len(workloads))]
            ax.bar(xs, ratios, width, label=variant)
        ax.axhline(1.0, color="black", linewidth=0.8)
        ax.set_yscale("log")
        ax.yaxis.set_major_formatter(matplotlib.ticker.ScalarFormatter())
        ax.yaxis.set_minor_formatter(matplotlib.ticker.NullFormatter())
        ax.set_xticks(range(len(workloads)))
        ax.set_xticklabels([w.replace(" step", "\nstep").replace(" (", "\n(") for w in workloads],
                           fontsize=8)
        ax.set_ylabel("time per step / torch eager's (lower is faster)")
        ax.set_title(f"{run['device']}, {run['cpus']} CPUs ({run['machine']})")
        ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(args.out, dpi=120)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
