"""Profile + innovation capacity + readiness on a large generated cluster, timed by component."""

import time

import numpy as np
from _common import quick, record

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

    def timed(name, func):
        t0 = time.perf_counter()
        out = func()
        timings[name] = time.perf_counter() - t0
        return out

    timed("profile (counts, concentration, coverage, chain)", lambda: S.profile(net))
    timed(
        "layer profile without modularity (density, reciprocity, transitivity, distance)",
        lambda: S.layer_profile(net, distance_samples=16, modularity=False),
    )
    timed(
        "layer profile with Leiden modularity (igraph, 2 passes per layer)",
        lambda: S.layer_profile(net, distance_samples=16),
    )
    cap = timed(
        "innovation capacity (knowledge access, tacit access, constraint, index)",
        lambda: M.innovation_capacity(net),
    )
    readiness = timed(
        "upgrading readiness (coverage, 20 live-edge cascades, brand wheel)",
        lambda: M.upgrading_readiness(net),
    )
    benchmark.pedantic(lambda: None, rounds=1, iterations=1)
    record(
        "measures",
        {
            "pipeline": {
                "firms": n_firms,
                "actors": net.n_actors,
                "edges": net.n_edges,
                "timings": timings,
                "total_s": float(
                    sum(v for k, v in timings.items() if not k.startswith("layer profile without"))
                ),
                "total_without_modularity_s": float(
                    sum(
                        v
                        for k, v in timings.items()
                        if not k.startswith("layer profile with Leiden")
                    )
                ),
                "overall_readiness": readiness.overall,
                "capacity_mean": float(np.nanmean(cap["index"])),
            }
        },
    )
