"""Profile + innovation capacity + readiness on a large generated cluster, timed by component."""

import numba
import numpy as np
from _common import ours, quick, record, timed_adaptive

import clusternet as cn
from clusternet import measures as M
from clusternet import structure as S


def bench_measures_pipeline(benchmark):
    n_firms = 100_000 if quick() else 1_000_000
    small = cn.generate_cluster(2_000, seed=2)  # compile every kernel first
    (
        S.profile(small),
        S.layer_profile(small),
        M.innovation_capacity(small),
        M.upgrading_readiness(small),
    )
    net = cn.generate_cluster(n_firms, seed=1)
    timings = {}

    def measure(name, func):
        timing, out = timed_adaptive(func)
        timings[name] = timing
        return out

    def profile():
        return S.profile(net)

    t, _ = ours(benchmark, profile)
    timings["profile (counts, concentration, coverage, chain)"] = t
    measure(
        "layer profile without modularity (density, reciprocity, transitivity, distance)",
        lambda: S.layer_profile(net, distance_samples=16, modularity=False, seed=1),
    )
    measure(
        "layer profile with Leiden modularity (igraph, 2 passes per layer)",
        lambda: S.layer_profile(net, distance_samples=16, seed=1),
    )
    cap = measure(
        "innovation capacity (knowledge access, tacit access, constraint, index)",
        lambda: M.innovation_capacity(net),
    )
    readiness = measure(
        "upgrading readiness (coverage, 20 live-edge cascades, brand wheel)",
        lambda: M.upgrading_readiness(net, seed=1),
    )
    median = {k: v["median_s"] for k, v in timings.items()}
    record(
        "measures",
        {
            "pipeline": {
                "firms": n_firms,
                "actors": net.n_actors,
                "edges": net.n_edges,
                "threads": numba.get_num_threads(),
                "timings": timings,
                "total_s": float(
                    sum(v for k, v in median.items() if not k.startswith("layer profile without"))
                ),
                "total_without_modularity_s": float(
                    sum(
                        v
                        for k, v in median.items()
                        if not k.startswith("layer profile with Leiden")
                    )
                ),
                "overall_readiness": readiness.overall,
                "capacity_mean": float(np.nanmean(cap["index"])),
            }
        },
    )
