"""Sweep overhead (no-op tasks) for the local and Dask backends, and the speed-up of a
simulation sweep with 1 vs 2 workers."""

import time

import pytest
from _common import quick, record

import clusternet as cn


def noop(i: int, seed: int) -> int:
    return i


def bench_overhead(benchmark):
    n = 2_000 if quick() else 10_000
    grid = {"i": list(range(n))}
    out = {}
    for backend in ("local", "dask"):
        if backend == "dask":
            pytest.importorskip("dask.distributed")
        t0 = time.perf_counter()
        cn.sweep(noop, grid, seed=1, backend=backend, workers=2, progress=False)
        out[backend] = (time.perf_counter() - t0) / n
    benchmark.pedantic(lambda: None, rounds=1, iterations=1)
    record("ensemble", {"overhead": {"tasks": n, "seconds_per_task": out}})


def bench_simulation_speedup(benchmark):
    reps = 40 if quick() else 200
    grid = {"n_firms": [500], "steps": [20], "cluster_seed": [1]}
    times = {}
    for workers in (1, 2):
        t0 = time.perf_counter()
        res = cn.sweep(
            "clusternet.ensemble:upgrading_task",
            grid,
            reps=reps,
            seed=3,
            workers=workers,
            progress=False,
        )
        times[workers] = time.perf_counter() - t0
        assert (res["status"] == "ok").all()
    benchmark.pedantic(lambda: None, rounds=1, iterations=1)
    record(
        "ensemble",
        {
            "simulation": {
                "replicates": reps,
                "firms": 500,
                "steps": 20,
                "seconds": times,
                "speedup": times[1] / times[2],
            }
        },
    )
