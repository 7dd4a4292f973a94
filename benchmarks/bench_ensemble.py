"""Sweep overhead (no-op tasks) for the local and Dask backends, and the speed-up of a
simulation sweep with 1 vs 2 workers.

Each configuration runs ``ROUNDS`` rounds (no peer: at most 3), each round in a fresh
interpreter, rounds interleaved across the configurations; every figure is the median
(min, max) of the rounds. Pool and cluster start-up are inside the timed call (a user
pays them per sweep).
"""

from pathlib import Path

from _common import ROUNDS as _ROUNDS
from _common import quick, record

ROUNDS = min(_ROUNDS, 3)
HERE = Path(__file__).resolve().parent


def noop(i: int, seed: int) -> int:
    return i


PRELUDE = """
import os, sys
sys.path.insert(0, {here!r})
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [{here!r}, os.environ.get("PYTHONPATH")]))
import clusternet as cn
from bench_ensemble import noop
threads = 1
def build():
    return None
"""

OVERHEAD = {
    "local process pool (pool start included)": "local",
    "Dask LocalCluster (cluster start included)": "dask",
}


def bench_overhead():
    from peers import installed
    from schema import interleaved

    n = 1_000 if quick() else 2_000  # 5,000 before: Dask took 35 s per round
    programs = {}
    for label, backend in OVERHEAD.items():
        if backend == "dask" and not installed("dask.distributed"):
            continue
        programs[label] = PRELUDE.format(here=str(HERE)) + (
            f"def compute(_):\n"
            f"    cn.sweep(noop, {{'i': list(range({n}))}}, seed=1, backend={backend!r},\n"
            f"             workers=2, progress=False)\n"
            f"    return None\n"
        )
    measured = interleaved(programs, ROUNDS)
    rows = []
    for label, r in measured.items():
        r.pop("check")
        r["library"] = label
        rows.append(r)
    record("ensemble", {"overhead": {"tasks": n, "workers": 2, "rows": rows}})


def bench_simulation_speedup():
    from schema import interleaved

    reps = 40 if quick() else 100
    programs = {}
    for workers in (1, 2):
        programs[f"{workers} worker{'s' if workers > 1 else ''}"] = PRELUDE.format(
            here=str(HERE)
        ) + (
            "def compute(_):\n"
            "    res = cn.sweep('clusternet.ensemble:upgrading_task',\n"
            "                   {'n_firms': [500], 'steps': [20], 'cluster_seed': [1]},\n"
            f"                   reps={reps}, seed=3, workers={workers}, progress=False)\n"
            "    assert (res['status'] == 'ok').all()\n"
            "    return None\n"
        )
    measured = interleaved(programs, ROUNDS)
    rows = []
    for label, r in measured.items():
        r.pop("check")
        r["library"] = label
        r["threads"] = int(label.split()[0])  # worker processes, one thread each
        rows.append(r)
    by = {r["library"]: r for r in rows}
    record(
        "ensemble",
        {
            "simulation": {
                "replicates": reps,
                "firms": 500,
                "steps": 20,
                "rows": rows,
                "speedup": by["1 worker"]["median_s"] / by["2 workers"]["median_s"],
            }
        },
    )
