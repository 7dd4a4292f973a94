"""One step of the upgrading model on a default cluster of a million firms (target <= 2 s).

Issue 26's "done when" asks that a 1M-firm step stay at or under 2 s. The model is
built once (timed apart: generating the cluster, then ``UpgradingModel``), one
warm-up step compiles and fills caches, then ``rounds`` steps are timed one by
one; the row reports their median with min and max. The model's own timers
(``UpgradingModel.timings``) give each mechanism's share of every timed step
(median over the rounds). A step with a network round (every ``network_every``
steps: technology ties decay and form, the knowledge operators are rebuilt) is
timed separately, so the median of ordinary steps and the cost of a round are
both visible. Default parameters throughout (``domains`` 4, no entry and exit,
no growth). Runs in a fresh interpreter (``_common.run_probe``) so memory and
threads are the child's own.

    make bench BENCH="-k model_step"
    BENCH_QUICK=1 ...          # 100,000 firms (a smoke run)
    python benchmarks/bench_model_step.py 100000 5   # direct: firms, rounds
"""

from __future__ import annotations

import sys

from _common import quick, record, run_probe

TARGET_S = 2.0


def probe_body(n_firms: int, rounds: int) -> str:
    """The child's program: build, warm up, time ``rounds`` steps and one network round."""
    return f"""
import clusternet as cn, numba
cn.simulate_upgrading(cn.generate_cluster(1_000, seed=2), 2, seed=1)  # compile the kernels
base = rss_mb()
t0 = time.perf_counter()
net = cn.generate_cluster({n_firms}, seed=1)
generate_s = time.perf_counter() - t0
t0 = time.perf_counter()
model = cn.UpgradingModel(net, seed=1)
build_s = time.perf_counter() - t0
every = model.params["network_every"]
def timed_step():
    before = dict(model.timings)
    t0 = time.perf_counter()
    model.step()
    total = time.perf_counter() - t0
    return total, {{k: model.timings[k] - before[k] for k in model.timings}}
timed_step()  # warm-up (first-call costs of this size)
steps, per = [], []
while len(steps) < {rounds}:
    if every and (model.state.step + 1) % every == 0:
        model.step()  # a network round: not an ordinary step
        continue
    total, parts = timed_step()
    steps.append(total)
    per.append(parts)
while every and (model.state.step + 1) % every != 0:
    model.step()
round_total, round_parts = timed_step() if every else (float("nan"), {{}})
mech = {{k: float(np.median([p[k] for p in per])) for k in per[0]}}
print(json.dumps({{
    "firms": {n_firms}, "actors": net.n_actors, "edges": net.n_edges,
    "domains": model.params["domains"], "network_every": every,
    "threads": numba.get_num_threads(), "target_s": {TARGET_S},
    "per_mechanism_median_s": mech,
    "network_round": {{"step_s": round_total, "network_s": round_parts.get("network", float("nan"))}},
    "rows": [{{
        "library": "clusternet (UpgradingModel.step, defaults)",
        "threads": numba.get_num_threads(),
        "median_s": float(np.median(steps)), "min_s": min(steps), "max_s": max(steps),
        "rounds": len(steps), "build_s": build_s, "generate_s": generate_s,
        "peak_mb": peak_mb() - base,
        "meets_target": bool(np.median(steps) <= {TARGET_S}),
    }}],
}}))
"""


def measure(n_firms: int, rounds: int, timeout: int = 3600) -> dict:
    """Run the probe and record its result as case ``model_step/<n_firms> firms``."""
    result = run_probe(probe_body(n_firms, rounds), timeout)
    record("model_step", {f"{n_firms} firms": result})
    return result


def bench_model_step(benchmark):
    n_firms, rounds = (100_000, 5) if quick() else (1_000_000, 7)
    benchmark.pedantic(measure, args=(n_firms, rounds), rounds=1, iterations=1)


if __name__ == "__main__":
    firms = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    n_rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    import json

    print(json.dumps(measure(firms, n_rounds), indent=1, default=float))
