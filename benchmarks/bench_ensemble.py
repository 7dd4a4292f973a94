"""Sweep overhead (no-op tasks) for the local and Dask backends, and the speed-up of a
simulation sweep with 1 vs 2 workers; every figure the median (min, max) of ``ROUNDS`` runs."""

import pytest
from _common import ours, quick, record, timed

import clusternet as cn


def noop(i: int, seed: int) -> int:
    return i


def bench_overhead(benchmark):
    n = 1_000 if quick() else 5_000
    grid = {"i": list(range(n))}
    rows = []
    local, _ = ours(
        benchmark, lambda: cn.sweep(noop, grid, seed=1, backend="local", workers=2, progress=False)
    )
    rows.append({"library": "local process pool (pool start included)", "threads": 1, **local})
    try:
        import dask.distributed

        dask, _ = timed(
            lambda: cn.sweep(noop, grid, seed=1, backend="dask", workers=2, progress=False)
        )
        rows.append({"library": "Dask LocalCluster (cluster start included)", "threads": 1, **dask})
    except ImportError:
        pytest.skip("dask.distributed is not installed")
    record("ensemble", {"overhead": {"tasks": n, "workers": 2, "rows": rows}})


def bench_simulation_speedup(benchmark):
    reps = 40 if quick() else 100
    grid = {"n_firms": [500], "steps": [20], "cluster_seed": [1]}

    def run(workers):
        res = cn.sweep(
            "clusternet.ensemble:upgrading_task",
            grid,
            reps=reps,
            seed=3,
            workers=workers,
            progress=False,
        )
        assert (res["status"] == "ok").all()

    two, _ = ours(benchmark, lambda: run(2))
    one, _ = timed(lambda: run(1))
    record(
        "ensemble",
        {
            "simulation": {
                "replicates": reps,
                "firms": 500,
                "steps": 20,
                "rows": [
                    {"library": "1 worker", "threads": 2, **one},
                    {"library": "2 workers", "threads": 1, **two},
                ],
                "speedup": one["median_s"] / two["median_s"],
            }
        },
    )
