"""
Quickstart: generate a cluster, look at it, measure it, simulate it
===================================================================

Run: python examples/quickstart.py [--quick]
"""

from __future__ import annotations

import argparse

import matplotlib.pyplot as plt

import clusternet as cn


def main(argv=None):
    parser = argparse.ArgumentParser(description=(__doc__ or "").strip().split("\n")[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    firms = 800 if args.quick else 5000

    net = cn.generate_cluster(
        firms, preset="taizhou", seed=1
    )  # three tiers, five layers, geography
    print(net)
    print(net.summary().to_string(index=False))

    pagerank = cn.centrality.pagerank(net, layers=["technology", "service"])
    top = net.actors.assign(pagerank=pagerank).nlargest(5, "pagerank")[
        ["id", "role", "tier", "pagerank"]
    ]
    print("\nMost central in the technology and service layers:\n" + top.to_string(index=False))

    capacity = cn.measures.innovation_capacity(net)
    print("\nInnovation capacity (core firms):\n" + capacity.attrs["summary"].round(3).to_string())

    readiness = cn.measures.upgrading_readiness(net)
    print("\n" + readiness.explain())

    result = cn.simulate_upgrading(net, 20, seed=1, scenario="platform_subsidy")
    print("\nAfter 20 steps with a platform subsidy:")
    print(
        result.timeseries[
            ["step", "innovations", "knowledge_mean", "knowledge_mean_0", "reputation"]
        ]
        .tail(3)
        .to_string(index=False)
    )
    # the figure stays open: the examples gallery shows it
    baseline = cn.simulate_upgrading(net, 20, seed=1).timeseries
    fig, axes = plt.subplots(1, 2, figsize=(10, 3.6))
    for ts, label, style in (
        (baseline, "baseline", "--"),
        (result.timeseries, "platform subsidy", "-"),
    ):
        axes[0].plot(ts["step"], ts["knowledge_mean_0"], style, label=label)
        axes[1].plot(ts["step"], ts["reputation"], style, label=label)
    axes[0].set_ylabel("generic knowledge (domain 0)")
    axes[1].set_ylabel("regional reputation R")
    for ax in axes:
        ax.set_xlabel("step")
    axes[0].legend(frameon=False)
    fig.suptitle(f"{firms:,} firms (taizhou preset), one seeded run per scenario")
    fig.tight_layout()
    return readiness


if __name__ == "__main__":
    main()
