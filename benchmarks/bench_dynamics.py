"""The upgrading simulation on a large generated cluster: seconds per step by mechanism,
and memory against the network's own.

The cluster is generated once and saved; each of ``ROUNDS`` rounds (no peer: at most 2)
runs in a fresh interpreter that loads it, builds the model and runs ``steps`` steps (a
network round every ``network_every`` included). Per-step figures are the median, min
and max over every step of every round; build and memory figures the median over rounds
(memory: the largest).
"""

import numpy as np
from _common import ROUNDS as _ROUNDS
from _common import quick, record

ROUNDS = min(_ROUNDS, 2)  # the model-step bench carries the step target

PROGRAM = """
import gc, os, time
import numpy as np
import numba
import clusternet as cn
threads = numba.get_num_threads()
cn.simulate_upgrading(cn.generate_cluster(1_000, seed=2), 2, seed=1, domains=8)  # compile
def rss_mb():
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
def build():
    base = rss_mb()
    net = cn.load({path!r})
    gc.collect()
    with_network = rss_mb()
    t0 = time.perf_counter()
    model = cn.UpgradingModel(net, seed=1, domains=8)
    return dict(net=net, model=model, base=base, with_network=with_network,
                build_s=time.perf_counter() - t0)
def compute(st):
    model = st["model"]
    step_times = []
    per = {{k: [] for k in model.timings}}
    for _ in range({steps}):
        before = dict(model.timings)
        t0 = time.perf_counter()
        model.step()
        step_times.append(time.perf_counter() - t0)
        for k in per:
            per[k].append(model.timings[k] - before[k])
    with open("/proc/self/status") as fh:
        peak = next(int(x.split()[1]) / 1024 for x in fh if x.startswith("VmHWM:"))
    net = st["net"]
    return {{"steps": step_times, "per": per, "build_s": st["build_s"],
            "network_mb": st["with_network"] - st["base"],
            "model_and_run_mb": rss_mb() - st["with_network"], "peak_mb": peak - st["base"],
            "actors": net.n_actors, "edges": net.n_edges,
            "network_every": model.params["network_every"]}}
"""


def bench_upgrading_steps(cluster_file):
    from schema import interleaved

    n_firms, steps = (100_000, 20) if quick() else (1_000_000, 20)
    source = PROGRAM.format(path=cluster_file(n_firms), steps=steps)
    r = interleaved({"upgrading": source}, ROUNDS, timeout=3000)["upgrading"]
    runs = r["checks"]
    times = [t for run in runs for t in run["steps"]]
    per = {k: [t for run in runs for t in run["per"][k]] for k in runs[0]["per"]}
    last = runs[-1]
    result = {
        "firms": n_firms, "actors": last["actors"], "edges": last["edges"], "domains": 8,
        "steps": steps, "rounds": len(runs), "threads": r["threads"],
        "build_s": float(np.median([run["build_s"] for run in runs])),
        "step_median_s": float(np.median(times)), "step_min_s": min(times),
        "step_max_s": max(times), "step_mean_s": float(np.mean(times)),
        "network_every": last["network_every"],
        "per_mechanism_per_step": {k: float(np.median(v)) for k, v in per.items()},
        "network_mb": float(np.median([run["network_mb"] for run in runs])),
        "model_and_run_mb": float(np.median([run["model_and_run_mb"] for run in runs])),
        "peak_mb": max(run["peak_mb"] for run in runs),
    }  # fmt: skip
    record("dynamics", {"upgrading": result})
