"""
Lazega's law firm: multiplex centrality across advice, friendship and co-work
=============================================================================

Who is central depends on the layer. We compare PageRank per layer, multiplex
PageRank (Halu et al. 2013: advice biased by co-work), PageRank versatility on
the supra-adjacency (De Domenico et al. 2015), the participation coefficient
(how evenly a lawyer's ties spread over the layers; Battiston et al. 2014) and
the edge overlap between layers, and relate them to status (partner/associate).

Run: python examples/lazega_multiplex.py [--quick]
"""

from __future__ import annotations

import argparse

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

import clusternet as cn


def main(argv=None):
    parser = argparse.ArgumentParser(description=(__doc__ or "").strip().split("\n")[0])
    parser.add_argument("--quick", action="store_true")
    parser.parse_args(argv)
    net = cn.datasets.load_lazega_lawfirm()
    table = pd.DataFrame(
        {"id": net.ids, "status": net.column("status"), "office": net.column("office")}
    )
    for layer in net.layers:
        table[f"pr_{layer}"] = cn.centrality.pagerank(net, layers=layer) * net.n_actors
    table["multiplex_pr"] = (
        cn.centrality.multiplex_pagerank(net, layers=["cowork", "advice"], variant="combined")
        * net.n_actors
    )
    table["versatility"] = cn.centrality.versatility(net, omega=1.0) * net.n_actors
    table["participation"] = cn.structure.participation_coefficient(net)
    table["overlapping_degree"] = cn.structure.overlapping_degree(net)
    print("Edge overlap between layers:")
    print(cn.structure.edge_overlap(net).round(3).to_string(index=False))
    print(
        f"\nMultiplexity: {cn.structure.multiplexity(net):.3f} of tied pairs are tied in two or more layers"
    )
    print("\nMean scores by status (1 = a uniform share):")
    cols = [
        "pr_advice",
        "pr_cowork",
        "pr_friendship",
        "multiplex_pr",
        "versatility",
        "participation",
    ]
    print(table.groupby("status")[cols].mean().round(3).to_string())
    rank = table[[*cols[:3], "versatility"]].rank(ascending=False)
    rho = rank.corr(method="spearman")
    print("\nRank correlation between layers' PageRank and versatility:")
    print(rho.round(2).to_string())
    top = table.nlargest(5, "versatility")[
        ["id", "status", "office", "versatility", "participation"]
    ]
    print("\nMost versatile lawyers:\n" + top.round(3).to_string(index=False))
    assert np.isclose(table["versatility"].sum(), net.n_actors)
    # the figure stays open: the examples gallery shows it
    fig, ax = plt.subplots(figsize=(6.5, 4.5))
    for status, part in table.groupby("status"):
        ax.scatter(part["participation"], part["versatility"], label=str(status), alpha=0.8)
    ax.axhline(1.0, color="0.6", lw=0.8)
    ax.set_xlabel("participation coefficient (0: one layer, 1: even over the layers)")
    ax.set_ylabel("PageRank versatility × n (1 = uniform)")
    ax.set_title("Lazega's lawyers: versatility against participation")
    ax.legend(frameon=False)
    fig.tight_layout()
    return table


if __name__ == "__main__":
    main()
