"""
A policy sweep on a Dask cluster
================================

Runs the upgrading simulation over a grid of platform subsidies and monitoring
probabilities, several replicates each, on a `dask.distributed` LocalCluster
started here. To use real machines, start a scheduler and workers

    dask scheduler                       # on the head node: prints tcp://HOST:8786
    dask worker tcp://HOST:8786          # on every compute node (same Python env)

(or dask-jobqueue's SLURMCluster on an HPC system) and pass
`--address tcp://HOST:8786`. Results stream to a Parquet dataset; re-running
with the same --out finishes only the missing tasks.

Run: python examples/dask_sweep.py [--quick] [--address tcp://HOST:8786] [--out DIR]
"""

from __future__ import annotations

import argparse

import matplotlib.pyplot as plt

import clusternet as cn


def main(argv=None):
    parser = argparse.ArgumentParser(description=(__doc__ or "").strip().split("\n")[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument(
        "--address", default=None, help="a running dask scheduler; default: a LocalCluster"
    )
    parser.add_argument("--out", default="clusternet-output/sweep")
    args = parser.parse_args(argv)
    firms, steps, reps = (200, 5, 2) if args.quick else (2000, 40, 10)
    grid = {
        "preset": ["taizhou"],
        "n_firms": [firms],
        "steps": [steps],
        "cluster_seed": [1],  # one cluster, many simulation seeds
        "platform_subsidy": [0.0, 0.9],
        "platform_funding": [0.0, 0.5],
        "monitoring": [0.0, 0.5],
        "penalty": [0.4],
    }
    results = cn.sweep(
        "clusternet.ensemble:upgrading_task",
        grid,
        reps=reps,
        seed=2026,
        backend="dask",
        address=args.address,
        workers=2,
        out=args.out,
        progress=not args.quick,
    )
    summary = results.groupby(["platform_funding", "monitoring"])[
        ["knowledge_mean_0", "high_quality_share"]
    ].mean()
    print(
        f"{len(results)} tasks ({int((results['status'] == 'ok').sum())} ok); results in {args.out}"
    )
    print(summary.round(3).to_string())
    # the figure stays open: the examples gallery shows it
    ok = results[results["status"] == "ok"]
    fig, axes = plt.subplots(1, 2, figsize=(10, 3.6))
    for ax, col in zip(axes, ("knowledge_mean_0", "high_quality_share"), strict=True):
        for (funding, monitoring), part in ok.groupby(["platform_funding", "monitoring"]):
            x = part["platform_subsidy"].to_numpy(float) + 0.02 * monitoring
            ax.plot(
                x, part[col], "o", alpha=0.7, label=f"funding {funding}, monitoring {monitoring}"
            )
        ax.set_xlabel("platform subsidy")
        ax.set_ylabel(col.replace("_", " "))
    axes[0].legend(frameon=False, fontsize=7)
    fig.suptitle(f"Every replicate of the sweep ({len(ok)} tasks)")
    fig.tight_layout()
    return results


if __name__ == "__main__":
    main()
