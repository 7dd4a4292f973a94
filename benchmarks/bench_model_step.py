"""One step of the upgrading model at 100,000 and 1,000,000 firms, on 1 and 2 threads (target <= 2 s).

Issue 26's "done when" asks that a 1M-firm step stay at or under 2 s. Each size and
thread count runs in a fresh interpreter (``_common.run_probe``: its own memory and
threads). The probe times the build in two parts, generating the cluster
(``generate_s``) and ``UpgradingModel`` (``build_s``), takes one warm-up step
(first-call costs of this size), then times ``rounds`` ordinary steps one by one:
the row reports their median with min and max in wall-clock seconds, and the median
of the process's CPU seconds per step (``cpu_median_s``: on a shared machine the
wall clock counts other users' work, the CPU time does not; with 2 threads it sums
both). ``per_mechanism_wall_s`` and ``per_mechanism_cpu_s`` (extras) give each
mechanism's median over the rounds, ``bookkeeping`` being the reporters. A step
with a network round (every ``network_every`` steps: ties decay and form, the
knowledge operators are rebuilt) is not an ordinary step; one is timed apart
(``network_round_s``). ``load_1min`` is the machine's highest 1-minute load
average around the timed steps (above the core count, the wall clock is not the
model's). Default parameters throughout (``domains`` 4, no entry and
exit, no growth).

    make bench BENCH="-k model_step"
    BENCH_QUICK=1 ...                              # 100,000 firms only (a smoke run)
    python benchmarks/bench_model_step.py 1000000 7 # direct: firms, rounds (1 and 2 threads)
"""

from __future__ import annotations

import sys

from _common import quick, record, run_probe

TARGET_S = 2.0
LIBRARY = "clusternet (UpgradingModel.step, defaults)"


def probe_body(n_firms: int, rounds: int, threads: int) -> str:
    """The child's program: build, warm up, time ``rounds`` steps and one network round."""
    return f"""
import clusternet as cn, numba
numba.set_num_threads(min({threads}, numba.config.NUMBA_NUM_THREADS))
cn.simulate_upgrading(cn.generate_cluster(1_000, seed=2), 2, seed=1)  # compile the kernels
base = rss_mb()
t0 = time.perf_counter()
net = cn.generate_cluster({n_firms}, seed=1)
generate_s = time.perf_counter() - t0
t0 = time.perf_counter()
model = cn.UpgradingModel(net, seed=1)
build_s = time.perf_counter() - t0
every = model.params["network_every"]
wall = {{m.name: 0.0 for m in model.mechanisms}}
cpu = dict(wall)
class Timed:  # each mechanism under a wall and a CPU clock
    def __init__(self, inner):
        self.inner, self.name = inner, inner.name
    def __call__(self, model, ctx):
        c0, w0 = time.process_time(), time.perf_counter()
        self.inner(model, ctx)
        cpu[self.name] += time.process_time() - c0
        wall[self.name] += time.perf_counter() - w0
model.mechanisms = [Timed(m) for m in model.mechanisms]
def timed_step():
    for d in (wall, cpu):
        for k in d:
            d[k] = 0.0
    c0, w0 = time.process_time(), time.perf_counter()
    model.step()
    total_w, total_c = time.perf_counter() - w0, time.process_time() - c0
    parts_w = dict(wall, bookkeeping=total_w - sum(wall.values()))
    parts_c = dict(cpu, bookkeeping=total_c - sum(cpu.values()))
    return total_w, total_c, parts_w, parts_c
timed_step()  # warm-up
import os
load = [os.getloadavg()[0]]  # the machine's 1-minute load around the timed steps
steps, cpus, per_w, per_c = [], [], [], []
while len(steps) < {rounds}:
    if every and (model.state.step + 1) % every == 0:
        model.step()  # a network round: not an ordinary step
        continue
    w, c, pw, pc = timed_step()
    steps.append(w); cpus.append(c); per_w.append(pw); per_c.append(pc)
while every and (model.state.step + 1) % every != 0:
    model.step()
load.append(os.getloadavg()[0])
round_w = timed_step()[0] if every else float("nan")
med = lambda rows: {{k: float(np.median([r[k] for r in rows])) for k in rows[0]}}
print(json.dumps({{
    "firms": {n_firms}, "actors": net.n_actors, "edges": net.n_edges,
    "domains": model.params["domains"], "network_every": every, "target_s": {TARGET_S},
    "rows": [{{
        "library": "{LIBRARY}", "threads": numba.get_num_threads(),
        "median_s": float(np.median(steps)), "min_s": min(steps), "max_s": max(steps),
        "rounds": len(steps), "build_s": build_s, "generate_s": generate_s,
        "cpu_median_s": float(np.median(cpus)), "cpu_min_s": min(cpus),
        "network_round_s": round_w, "peak_mb": peak_mb() - base, "load_1min": max(load),
        "meets_target": bool(np.median(steps) <= {TARGET_S}),
        "per_mechanism_wall_s": med(per_w), "per_mechanism_cpu_s": med(per_c),
    }}],
}}))
"""


def measure(n_firms: int, rounds: int, threads=(1, 2), timeout: int = 3600) -> dict:
    """Run one probe per thread count; record them as case ``model_step/<n_firms> firms``."""
    results = [run_probe(probe_body(n_firms, rounds, t), timeout) for t in threads]
    case = {k: v for k, v in results[0].items() if k != "rows"}
    case["rows"] = [r for res in results for r in res["rows"]]
    record("model_step", {f"{n_firms} firms": case})
    return case


def bench_model_step(benchmark):
    sizes = (100_000,) if quick() else (100_000, 1_000_000)

    def run():
        for n in sizes:
            measure(n, 5)

    benchmark.pedantic(run, rounds=1, iterations=1)


if __name__ == "__main__":
    firms = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    n_rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    import json

    print(json.dumps(measure(firms, n_rounds), indent=1, default=float))
