"""The upgrading simulation on a large generated cluster: seconds per step by mechanism."""

import resource
import time

from _common import quick, record

import clusternet as cn


def bench_upgrading_steps(benchmark):
    n_firms, steps = (100_000, 20) if quick() else (1_000_000, 100)
    cn.simulate_upgrading(cn.generate_cluster(1_000, seed=2), 2, seed=1, domains=8)  # compile
    net = cn.generate_cluster(n_firms, seed=1)
    network_bytes = sum(a.nbytes for a in net.edge_arrays)
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.perf_counter()
    model = cn.UpgradingModel(net, seed=1, domains=8)
    build_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    result = model.run(steps)
    run_s = time.perf_counter() - t0
    benchmark.pedantic(lambda: None, rounds=1, iterations=1)
    peak_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    record(
        "dynamics",
        {
            "upgrading": {
                "firms": n_firms,
                "actors": net.n_actors,
                "edges": net.n_edges,
                "domains": 8,
                "steps": steps,
                "build_s": build_s,
                "seconds_per_step": run_s / steps,
                "per_mechanism_per_step": {k: v / steps for k, v in result.timings.items()},
                "network_edge_arrays_mb": network_bytes / 2**20,
                "peak_rss_mb_before_model": peak_before,
                "peak_rss_mb_after_run": peak_after,
            }
        },
    )
