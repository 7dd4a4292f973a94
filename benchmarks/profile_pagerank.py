"""Where PageRank's time goes on a large generated cluster: views, iterations, locality.

One process: generate ``firms`` firms, then time (wall and CPU, ``time.process_time``)

* the plain path: the in-view (``build``) and the power iteration (``compute``);
* the locality path (``pagerank(net, locality="space")``): the Z-order of the actors,
  the renumbered network, its in-view, and the power iteration;

with the iteration count, one streaming pass over the in-view (the memory floor of an
iteration), one product with it (the stream plus the random gathers of the score vector)
and the largest relative difference between the two score vectors. ``--rounds`` calls per
path are timed (the later ones reuse the cached views: iterations alone). Not a
benchmark (bench_scale.py is, in fresh processes per step); a profile for the report.

Needs about 11 GB at ten million firms (check ``free -g`` first)::

    nice -n 10 python benchmarks/profile_pagerank.py 10000000 --rounds 3

Stores its result in ``benchmarks/results/profile_pagerank.json`` (the schema of
``schema.py``, with this run's id and machine facts; ``make bench`` keeps it), from which
docs/scaling.md's ten-million PageRank profile is written.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np
from numba import njit, prange

os.environ.setdefault("CLUSTERNET_BENCH_RUN", time.strftime("%Y-%m-%dT%H:%M:%S"))
sys.path.insert(0, str(Path(__file__).resolve().parent))


@njit(parallel=True)
def _stream(indptr, indices, data):
    total = 0.0
    for i in prange(indptr.shape[0] - 1):
        for k in range(indptr[i], indptr[i + 1]):
            total += data[k] * indices[k]
    return total


@njit(parallel=True)
def _spmv(indptr, indices, data, x, y):
    for i in prange(indptr.shape[0] - 1):
        acc = 0.0
        for k in range(indptr[i], indptr[i + 1]):
            acc += data[k] * x[indices[k]]
        y[i] = acc


def _stream_pass(m) -> float:
    _stream(m.indptr, m.indices, m.data)
    t = time.perf_counter()
    for _ in range(3):
        _stream(m.indptr, m.indices, m.data)
    return (time.perf_counter() - t) / 3


def _spmv_pass(m) -> float:
    """One product with the in-view: the stream plus the gather of the score vector."""
    x = np.full(m.shape[1], 1.0 / m.shape[1])
    y = np.empty(m.shape[0])
    _spmv(m.indptr, m.indices, m.data, x, y)
    t = time.perf_counter()
    for _ in range(3):
        _spmv(m.indptr, m.indices, m.data, x, y)
    return (time.perf_counter() - t) / 3


class _Clock:
    def __init__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def lap(self) -> tuple[float, float]:
        wall, cpu = time.perf_counter(), time.process_time()
        out = (wall - self.wall, cpu - self.cpu)
        self.wall, self.cpu = wall, cpu
        return out


def _repeat(call, clock: _Clock, times: int) -> list[tuple[float, float]]:
    """(wall, CPU) seconds of ``times`` more calls, each timed alone."""
    laps = []
    for _ in range(times):
        clock.lap()
        call()
        laps.append(clock.lap())
    return laps


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("firms", type=int)
    parser.add_argument("--by", default="space")
    parser.add_argument("--rounds", type=int, default=3, help="timed PageRank calls per path")
    args = parser.parse_args()

    import numba

    import clusternet as cn
    import clusternet.centrality as centrality
    from clusternet.locality import local_network

    iterations = []
    power = centrality.pagerank_power

    def counted(*a):
        out = power(*a)
        iterations.append(int(out[0]))
        return out

    centrality.pagerank_power = counted
    small = cn.generate_cluster(500, seed=1)
    centrality.pagerank(small)
    centrality.pagerank(small, locality=args.by)
    _stream_pass(small.csr(direction="in"))

    load_before = " / ".join(f"{x:.2g}" for x in os.getloadavg())
    clock = _Clock()
    net = cn.generate_cluster(args.firms, seed=1)
    out = {"firms": args.firms, "actors": net.n_actors, "edges": net.n_edges}
    out["threads"] = numba.get_num_threads()
    out["generate"] = clock.lap()
    inn = net.csr(direction="in")
    out["plain_build"] = clock.lap()
    plain = centrality.pagerank(net)
    out["plain_compute"] = clock.lap()
    out["plain_iterations"] = iterations[-1]
    out["plain_compute_rounds"] = [
        out["plain_compute"],
        *_repeat(lambda: centrality.pagerank(net), clock, args.rounds - 1),
    ]
    out["entries"] = int(inn.nnz)
    out["plain_stream_pass_s"] = _stream_pass(inn)
    out["plain_spmv_pass_s"] = _spmv_pass(inn)
    del inn
    net._cache.clear()  # the plain view goes: the locality path builds its own
    print(json.dumps(out), flush=True)
    clock.lap()
    local, _order = local_network(net, args.by)
    out["local_order_and_renumber"] = clock.lap()
    linn = local.csr(direction="in")
    out["local_build"] = clock.lap()
    scores = centrality.pagerank(net, locality=args.by)
    out["local_compute"] = clock.lap()
    out["local_iterations"] = iterations[-1]
    # later calls reuse the order and views cached on the network: only the iterations
    out["local_compute_rounds"] = [
        out["local_compute"],
        *_repeat(lambda: centrality.pagerank(net, locality=args.by), clock, args.rounds - 1),
    ]
    out["local_stream_pass_s"] = _stream_pass(linn)
    out["local_spmv_pass_s"] = _spmv_pass(linn)
    out["max_rel_diff"] = float(np.max(np.abs(scores - plain) / plain))
    for key in ("plain", "local"):
        parts = ["build", "compute"] + (["order_and_renumber"] if key == "local" else [])
        out[f"{key}_total_wall_s"] = sum(out[f"{key}_{p}"][0] for p in parts)
        out[f"{key}_total_cpu_s"] = sum(out[f"{key}_{p}"][1] for p in parts)
    print(json.dumps(out), flush=True)
    from _common import record

    rows = []
    for key, label in (("plain", "generator's order"), ("local", f"locality {args.by!r}")):
        row = {"library": f"pagerank, {label}", "threads": out["threads"],
               "iterations": out[f"{key}_iterations"],
               "stream_pass_s": out[f"{key}_stream_pass_s"],
               "spmv_pass_s": out[f"{key}_spmv_pass_s"],
               # the iterations at one product's speed: what the gathers leave to the rest
               "iterations_at_spmv_s": out[f"{key}_iterations"] * out[f"{key}_spmv_pass_s"],
               "total_wall_s": out[f"{key}_total_wall_s"],
               "total_cpu_s": out[f"{key}_total_cpu_s"],
               # one run: its wall seconds (order, views and iterations) are the row's time
               "median_s": out[f"{key}_total_wall_s"], "min_s": out[f"{key}_total_wall_s"],
               "max_s": out[f"{key}_total_wall_s"], "rounds": 1}  # fmt: skip
        for part in ("order_and_renumber", "build", "compute"):
            if f"{key}_{part}" in out:
                row[f"{part}_wall_s"], row[f"{part}_cpu_s"] = out[f"{key}_{part}"]
        row["compute_cpu_s_per_iteration"] = row["compute_cpu_s"] / row["iterations"]
        walls = sorted(w for w, _ in out[f"{key}_compute_rounds"])
        row["compute_rounds"] = len(walls)
        row["compute_wall_median_s"] = walls[len(walls) // 2]
        row["compute_wall_min_s"], row["compute_wall_max_s"] = walls[0], walls[-1]
        row["wall_s_per_iteration_median"] = row["compute_wall_median_s"] / row["iterations"]
        rows.append(row)
    facts = {k: out[k] for k in ("firms", "actors", "edges", "entries", "threads")}
    facts["load_average_before"] = load_before
    facts["max_rel_diff"] = out["max_rel_diff"]
    record("profile_pagerank", {str(args.firms): {**facts, "rows": rows}})


if __name__ == "__main__":
    main()
