"""One step of the upgrading model at 100,000 and 1,000,000 firms, on 1 and 2 threads (target <= 2 s).

Issue 26's "done when" asks that a 1M-firm step stay at or under 2 s. The cluster is
generated once and saved; each configuration (thread count, and the allocator as it
comes or told to keep freed memory, ``cn.keep_freed_memory()``) then runs ``ROUNDS``
rounds, each round in a fresh interpreter, rounds interleaved across configurations
(``schema.interleaved``, and the order reversed every other round). A round loads the
cluster (``load_s``), builds ``UpgradingModel`` (``build_s``), takes one warm-up step
(first-call costs of this size), then times ``STEPS`` ordinary steps one by one: the row
reports the median with min and max over every timed step of every round in wall-clock
seconds, and the median of the process's CPU seconds per step (``cpu_median_s``: on a
shared machine the wall clock counts other users' work, the CPU time does not; with 2
threads it sums both). ``per_mechanism_wall_s`` and ``per_mechanism_cpu_s`` (extras)
give each mechanism's median, ``bookkeeping`` being the reporters. A step with a network
round (every ``network_every`` steps: ties decay and form, the knowledge operators are
rebuilt) is not an ordinary step; every round steps on to the first one and times it
apart (``network_round_s``: the median over the rounds, with ``network_round_min_s`` and
``network_round_max_s``; ``network_round_meets_target`` reads it against the same
target), then steps on to the second and times it too (``later_network_round_s`` and its
min, max and ``later_network_round_meets_target``: the rounds of a long run after the
first, whose arrays can reuse memory the first one freed). ``load_1min`` is the
machine's highest 1-minute load average around the timed steps (above the core count,
the wall clock is not the model's). Default parameters throughout (``domains`` 4, no
entry and exit, no growth).

    make bench BENCH="-k model_step"
    make bench BENCH="-k model_step_pressure"      # the opt-in market channel at p = 1
    BENCH_QUICK=1 ...                              # 100,000 firms only (a smoke run)
    python benchmarks/bench_model_step.py 1000000 3 # direct: firms, rounds (1 and 2 threads)
"""

from __future__ import annotations

import sys

import numpy as np
from _common import ROUNDS as _ROUNDS
from _common import quick, record, saved_cluster

TARGET_S = 2.0
LIBRARY = "clusternet (UpgradingModel.step, defaults)"
#: the allocator configurations: as it comes, and told to keep freed memory (glibc
#: only: elsewhere the setting does not exist and only the first is run)
MEMORY = (False, True) if sys.platform.startswith("linux") else (False,)


#: fresh processes per thread count (no peer: the rounds guard against drift, each
#: timing ``STEPS`` ordinary steps); BENCH_ROUNDS overrides
ROUNDS = min(_ROUNDS, 3)
STEPS = 3


def program(
    path: str,
    steps: int,
    threads: int,
    network_round: bool,
    params: dict | None = None,
    keep_memory: bool = False,
) -> str:
    """One round's program (:func:`schema.interleaved`): ``build()`` loads the saved cluster,
    builds the model and takes a warm-up step; ``compute`` times ``steps`` ordinary steps
    one by one and, with ``network_round``, steps on to the next two network rounds and
    times each; it returns them with the per-mechanism parts. With ``keep_memory`` the
    process calls ``cn.keep_freed_memory()`` first, before anything is allocated."""
    return f"""
import os, time, json
import numpy as np
import clusternet as cn, numba
if {keep_memory} and not cn.keep_freed_memory():
    raise RuntimeError("keep_freed_memory: not glibc, the configuration does not exist here")
numba.set_num_threads(min({threads}, numba.config.NUMBA_NUM_THREADS))
threads = numba.get_num_threads()
# compile (or load) every kernel, the network round's included (network_every 1)
cn.simulate_upgrading(cn.generate_cluster(1_000, seed=2), 2, seed=1, network_every=1)
def rss_mb():
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
class Timed:  # each mechanism under a wall and a CPU clock
    def __init__(self, inner, wall, cpu):
        self.inner, self.name, self.wall, self.cpu = inner, inner.name, wall, cpu
    def __call__(self, model, ctx):
        c0, w0 = time.process_time(), time.perf_counter()
        self.inner(model, ctx)
        self.cpu[self.name] += time.process_time() - c0
        self.wall[self.name] += time.perf_counter() - w0
def build():
    base = rss_mb()
    t0 = time.perf_counter()
    net = cn.load({path!r})
    load_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    model = cn.UpgradingModel(net, seed=1, **{params or {}!r})
    build_s = time.perf_counter() - t0
    wall = {{m.name: 0.0 for m in model.mechanisms}}
    cpu = dict(wall)
    model.mechanisms = [Timed(m, wall, cpu) for m in model.mechanisms]
    state = dict(net=net, model=model, wall=wall, cpu=cpu, base=base, build_s=build_s,
                 load_s=load_s)
    timed_step(state)  # warm-up
    return state
def timed_step(st):
    wall, cpu = st["wall"], st["cpu"]
    for d in (wall, cpu):
        for k in d:
            d[k] = 0.0
    c0, w0 = time.process_time(), time.perf_counter()
    st["model"].step()
    total_w, total_c = time.perf_counter() - w0, time.process_time() - c0
    parts_w = dict(wall, bookkeeping=total_w - sum(wall.values()))
    parts_c = dict(cpu, bookkeeping=total_c - sum(cpu.values()))
    return total_w, total_c, parts_w, parts_c
def compute(st):
    model, net = st["model"], st["net"]
    every = model.params["network_every"]
    load = [os.getloadavg()[0]]  # the machine's 1-minute load around the timed steps
    steps, cpus, per_w, per_c = [], [], [], []
    while len(steps) < {steps}:
        if every and (model.state.step + 1) % every == 0:
            model.step()  # a network round: not an ordinary step
            continue
        w, c, pw, pc = timed_step(st)
        steps.append(w); cpus.append(c); per_w.append(pw); per_c.append(pc)
    round_w = []
    if {network_round} and every:
        for _ in range(2):  # the first network round at this size, then the next one
            while (model.state.step + 1) % every != 0:
                model.step()
            round_w.append(timed_step(st)[0])
    load.append(os.getloadavg()[0])
    with open("/proc/self/status") as fh:
        peak = next(int(x.split()[1]) / 1024 for x in fh if x.startswith("VmHWM:"))
    return {{"steps": steps, "cpus": cpus, "per_w": per_w, "per_c": per_c,
            "network_rounds_s": round_w, "load": max(load), "peak_mb": peak - st["base"],
            "build_s": st["build_s"], "load_s": st["load_s"], "actors": net.n_actors,
            "edges": net.n_edges, "domains": model.params["domains"], "every": every}}
"""


def measure(
    path: str,
    n_firms: int,
    rounds: int = ROUNDS,
    threads: tuple = (1, 2),
    params: dict | None = None,
    memory: tuple = MEMORY,
) -> dict:
    """``rounds`` fresh processes per configuration (thread count x ``memory``), interleaved;
    record them as case ``model_step/<n_firms> firms``. A row's median, min and max are over
    every timed step of every round (``rounds`` processes x ``STEPS`` steps). Every round
    also steps on to the first two network rounds and times each (it costs up to
    ``2 * network_every`` further steps): the row's ``network_round_s`` is the first one's
    median over the rounds and ``later_network_round_s`` the second one's, each with min
    and max beside it."""
    from schema import interleaved

    configs = [(t, kept) for kept in memory for t in threads]
    runs_of: dict[tuple, list] = {c: [] for c in configs}
    threads_of: dict[tuple, int] = {}
    for i in range(rounds):
        order = configs if i % 2 == 0 else configs[::-1]  # none always runs first
        progs = {
            f"threads {t} keep {int(kept)}": program(path, STEPS, t, True, params, kept)
            for t, kept in order
        }
        for label, r in interleaved(progs, 1, 3600).items():
            parts = label.split()
            c = (int(parts[1]), bool(int(parts[3])))
            runs_of[c] += r["checks"]
            threads_of[c] = r["threads"]
    rows, first = [], None
    for c, runs in runs_of.items():
        first = first or runs[0]
        steps = [x for run in runs for x in run["steps"]]
        cpus = [x for run in runs for x in run["cpus"]]
        per_w = [x for run in runs for x in run["per_w"]]
        per_c = [x for run in runs for x in run["per_c"]]
        med = lambda parts: {k: float(np.median([p[k] for p in parts])) for k in parts[0]}  # noqa: E731
        row = {
            "library": _library(params, c[1]), "threads": threads_of[c],
            "median_s": float(np.median(steps)), "min_s": min(steps), "max_s": max(steps),
            "rounds": len(runs), "steps_per_round": STEPS,
            "build_s": float(np.median([x["build_s"] for x in runs])),
            "load_s": float(np.median([x["load_s"] for x in runs])),
            "cpu_median_s": float(np.median(cpus)), "cpu_min_s": min(cpus),
            "peak_mb": max(x["peak_mb"] for x in runs),
            "load_1min": max(x["load"] for x in runs),
            "meets_target": bool(np.median(steps) <= TARGET_S),
            "per_mechanism_wall_s": med(per_w), "per_mechanism_cpu_s": med(per_c),
        }  # fmt: skip
        for k, name in enumerate(("network_round", "later_network_round")):
            got = [x["network_rounds_s"][k] for x in runs if len(x["network_rounds_s"]) > k]
            mid = float(np.median(got)) if got else None
            row[f"{name}_s"] = mid
            row[f"{name}_min_s"] = min(got) if got else None
            row[f"{name}_max_s"] = max(got) if got else None
            row[f"{name}_meets_target"] = None if mid is None else mid <= TARGET_S
        rows.append(row)
    case = {
        "firms": n_firms, "actors": first["actors"], "edges": first["edges"],
        "domains": first["domains"], "network_every": first["every"], "target_s": TARGET_S,
        "rows": rows,
    }  # fmt: skip
    record("model_step", {_case_name(n_firms, params): case})
    return case


def _library(params: dict | None, keep_memory: bool = False) -> str:
    name = LIBRARY
    if params:
        name = name.replace("defaults", ", ".join(f"{k} {v:g}" for k, v in params.items()))
    if keep_memory:
        name = name.replace(")", "; keep_freed_memory)")
    return name


def _case_name(n_firms: int, params: dict | None) -> str:
    if not params:
        return f"{n_firms} firms"
    return f"{n_firms} firms at " + ", ".join(f"{k} {v:g}" for k, v in params.items())


def bench_model_step(cluster_file):
    sizes = (100_000,) if quick() else (100_000, 1_000_000)
    for n in sizes:
        measure(cluster_file(n), n)


#: the opt-in market channel at its top (every buyer on the technology ladder): the
#: step's extra work is the ladder weights and sales shares, O(firms) per step
PRESSURE = {"market_pressure": 1.0}


def bench_model_step_pressure(cluster_file):
    n = 100_000 if quick() else 1_000_000
    measure(cluster_file(n), n, params=PRESSURE)


if __name__ == "__main__":
    import json
    import tempfile

    firms = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    n_rounds = int(sys.argv[2]) if len(sys.argv) > 2 else ROUNDS
    with tempfile.TemporaryDirectory() as folder:
        case = measure(saved_cluster(firms, folder), firms, n_rounds)
    print(json.dumps(case, indent=1, default=float))
