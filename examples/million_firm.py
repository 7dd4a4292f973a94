"""
A million-firm cluster, end to end and timed: generate, measure, diffuse, simulate, draw
========================================================================================

Run: python examples/million_firm.py [--quick] [--out DIR]
(--quick uses 20,000 firms; the full run needs about 4 GB of memory and a few minutes on 2 cores.)
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

import clusternet as cn
from clusternet.figures import save_figure


def main(argv=None):
    parser = argparse.ArgumentParser(description=(__doc__ or "").strip().split("\n")[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--out", default="clusternet-output")
    args = parser.parse_args(argv)
    firms = 20_000 if args.quick else 1_000_000
    timings = {}

    def timed(name, func):
        t0 = time.perf_counter()
        value = func()
        timings[name] = time.perf_counter() - t0
        print(f"{name:<45} {timings[name]:8.2f} s")
        return value

    net = timed(f"generate_cluster({firms:,})", lambda: cn.generate_cluster(firms, seed=1))
    print(net)
    timed("profile", lambda: cn.structure.profile(net))
    pr = timed("PageRank, all layers", lambda: cn.centrality.pagerank(net))
    btw = timed(
        "betweenness, adaptive sampling (eps 0.01)",
        lambda: cn.centrality.approximate_betweenness(net, epsilon=0.01, seed=1, directed=False),
    )
    capacity = timed("innovation capacity", lambda: cn.measures.innovation_capacity(net))
    readiness = timed("upgrading readiness", lambda: cn.measures.upgrading_readiness(net))
    sources = net.role_mask("university", "research_institute", "platform")
    cascade = timed(
        "independent cascade, 100 runs",
        lambda: cn.diffusion.independent_cascade(net, sources, 0.1, n_sims=100, seed=1),
    )
    result = timed("upgrading simulation, 10 steps", lambda: cn.simulate_upgrading(net, 10, seed=1))
    print(readiness.explain())

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(2, 2, figsize=(11, 8))
    x = np.sort(pr * net.n_actors)
    axes[0, 0].loglog(x, 1 - np.arange(x.size) / x.size)
    axes[0, 0].set(
        xlabel="PageRank × N (1 = uniform)", ylabel="share with score ≥ x", title="PageRank (CCDF)"
    )
    b = np.sort(btw.scores[btw.scores > 0])
    axes[0, 1].loglog(b, 1 - np.arange(b.size) / b.size)
    axes[0, 1].set(
        xlabel="betweenness b(v) (share of shortest paths)",
        ylabel="share with b ≥ x",
        title=f"Sampled betweenness ({btw.samples:,} paths)",
    )
    axes[1, 0].hist(capacity["index"], bins=50)
    axes[1, 0].set(
        xlabel="innovation capacity index (0–1)", ylabel="firms", title="Innovation capacity"
    )
    axes[1, 1].plot(cascade.curve / net.n_actors, label="cascade from knowledge sources (p = 0.1)")
    axes[1, 1].plot(
        result.timeseries["step"],
        result.timeseries["knowledge_mean"],
        label="mean knowledge (simulation)",
    )
    axes[1, 1].set(
        xlabel="step", ylabel="share reached / knowledge", title="Diffusion and upgrading"
    )
    axes[1, 1].legend(frameon=False, fontsize=8)
    fig.suptitle(f"A cluster of {firms:,} firms ({net.n_actors:,} actors, {net.n_edges:,} ties)")
    fig.tight_layout()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    save_figure(fig, out / "million_firm.png", dpi=110)
    plt.close(fig)
    print(f"figure: {out / 'million_firm.png'}; total {sum(timings.values()):.1f} s")
    return timings


if __name__ == "__main__":
    main()
