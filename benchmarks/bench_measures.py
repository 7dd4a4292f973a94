"""Profile + innovation capacity + readiness on a large generated cluster, timed by component.

The cluster is generated once and saved; each of ``ROUNDS`` rounds (no peer: at most 3)
runs in a fresh interpreter that loads it and times every component once, so no
component profits from another's warm caches across rounds. A component's row is the
median (min, max) of its rounds.
"""

import numpy as np
from _common import ROUNDS as _ROUNDS
from _common import quick, record

ROUNDS = min(_ROUNDS, 3)

COMPONENTS = {
    "profile (counts, concentration, coverage, chain)": "S.profile(net)",
    "layer profile without modularity (density, reciprocity, transitivity, distance)": (
        "S.layer_profile(net, distance_samples=16, modularity=False, seed=1)"
    ),
    "layer profile with Leiden modularity (igraph, 2 passes per layer)": (
        "S.layer_profile(net, distance_samples=16, seed=1)"
    ),
    "innovation capacity (knowledge access, tacit access, constraint, index)": (
        "M.innovation_capacity(net)"
    ),
    "upgrading readiness (coverage, 20 live-edge cascades, brand wheel)": (
        "M.upgrading_readiness(net, seed=1)"
    ),
}

PROGRAM = """
import time
import numpy as np
import numba
import clusternet as cn
from clusternet import measures as M
from clusternet import structure as S
threads = numba.get_num_threads()
small = cn.generate_cluster(2_000, seed=2)  # compile every kernel first
S.profile(small), S.layer_profile(small), M.innovation_capacity(small)
M.upgrading_readiness(small)
CALLS = {calls}
def build():
    return cn.load({path!r})
def compute(net):
    seconds, out = {{}}, {{}}
    for name, call in CALLS.items():
        t0 = time.perf_counter()
        out[name] = eval(call)
        seconds[name] = time.perf_counter() - t0
    cap = out["innovation capacity (knowledge access, tacit access, constraint, index)"]
    ready = out["upgrading readiness (coverage, 20 live-edge cascades, brand wheel)"]
    return {{"seconds": seconds, "actors": net.n_actors, "edges": net.n_edges,
            "overall_readiness": float(ready.overall),
            "capacity_mean": float(np.nanmean(cap["index"]))}}
"""


def bench_measures_pipeline(cluster_file):
    from schema import interleaved

    n_firms = 100_000 if quick() else 1_000_000
    source = PROGRAM.format(calls=repr(COMPONENTS), path=cluster_file(n_firms))
    r = interleaved({"pipeline": source}, ROUNDS, timeout=1800)["pipeline"]
    runs = r["checks"]
    timings = {}
    for name in COMPONENTS:
        times = [run["seconds"][name] for run in runs]
        timings[name] = {
            "median_s": float(np.median(times)), "min_s": min(times), "max_s": max(times),
            "rounds": len(times), "threads": r["threads"], "peak_mb": r["peak_mb"],
        }  # fmt: skip
    median = {k: v["median_s"] for k, v in timings.items()}
    last = runs[-1]
    record(
        "measures",
        {
            "pipeline": {
                "firms": n_firms,
                "actors": last["actors"],
                "edges": last["edges"],
                "threads": r["threads"],
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
                "overall_readiness": last["overall_readiness"],
                "capacity_mean": last["capacity_mean"],
            }
        },
    )
