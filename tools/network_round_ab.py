"""Before and after: one network round of the upgrading model at 1M firms, two commits.

The network round (every ``network_every`` steps: ties decay and form, the knowledge
operators are rebuilt) is timed for two checkouts of clusternet in fresh processes,
rounds interleaved (old, new, then new, old, ...: which runs first alternates), on 1 and
2 Numba threads, on the same
saved cluster (``generate_cluster(1_000_000, seed=1)``), each process stepping from a
fresh model to the first network round; the round's wall time, its parts (``evolve``,
the spillover and imitation operators, ``rival_imitation``) and the state after it
(a hash of knowledge and quality, which must agree between the checkouts) are recorded,
with an exact two-sided Mann-Whitney test of the two commits' rounds per thread count.

Run: ``python tools/network_round_ab.py OLD_CHECKOUT NEW_CHECKOUT CLUSTER.npz [rounds]``
(each checkout's ``.venv`` or this interpreter with ``PYTHONPATH`` set to the checkout).
Writes ``tools/network_round_ab.json`` (run date, both commits, every round).
"""

from __future__ import annotations

import datetime
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

from scipy.stats import mannwhitneyu

PROGRAM = r"""
import hashlib, json, sys, time
import numba, numpy as np
numba.set_num_threads(int(sys.argv[2]))
import clusternet as cn
from clusternet.dynamics import evolution, market, model as mm
# compile (or load) every kernel, the network round's included (network_every 1)
cn.simulate_upgrading(cn.generate_cluster(1_000, seed=2), 2, seed=1, network_every=1)
model = cn.UpgradingModel(cn.load(sys.argv[1]), seed=1)
parts = {}
def timed(module, name):
    inner = getattr(module, name)
    def call(*a, **k):
        t0 = time.perf_counter()
        out = inner(*a, **k)
        parts[name] = parts.get(name, 0.0) + time.perf_counter() - t0
        return out
    setattr(module, name, call)
for module, name in [(evolution, "evolve"), (market, "rival_imitation"),
                     (mm, "SpilloverModel"), (mm, "ImitationOperator")]:
    timed(module, name)
every = model.params["network_every"]
while (model.state.step + 1) % every != 0:
    model.step()
parts.clear()
t0 = time.perf_counter()
model.step()
wall = time.perf_counter() - t0
digest = hashlib.sha256(model.state.knowledge.tobytes() + model.state.quality.tobytes())
print(json.dumps({"network_round_s": wall, "parts_s": parts, "threads": numba.get_num_threads(),
                  "state_sha256": digest.hexdigest(), "edges": model.net.n_edges}))
"""


def commit(checkout: str) -> str:
    """The short commit id of a checkout."""
    return subprocess.run(
        ["git", "-C", checkout, "rev-parse", "--short", "HEAD"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip


def one_round(checkout: str, cluster: str, threads: int) -> dict:
    """One fresh process of ``checkout`` on ``threads`` threads: its network round's record."""
    env = dict(os.environ, PYTHONPATH=str(Path(checkout).resolve()))
    out = subprocess.run(
        [sys.executable, "-c", PROGRAM, cluster, str(threads)],
        capture_output=True, text=True, env=env, check=True, cwd=checkout,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def machine() -> dict:
    """The CPU model, its core count and the memory, read from /proc (Linux)."""
    facts: dict = {"cores": os.cpu_count()}
    for path, field, key in (("/proc/cpuinfo", "model name", "cpu"),
                             ("/proc/meminfo", "MemTotal", "memory")):  # fmt: skip
        try:
            with open(path) as fh:
                line = next((x for x in fh if x.startswith(field)), "")
        except OSError:
            line = ""
        facts[key] = line.split(":", 1)[1].strip() if ":" in line else None
    return facts


def summary(rows: list[dict]) -> dict:
    """Median, min and max of the round's wall time per checkout and thread count."""
    out = {}
    for label in ("old", "new"):
        for threads in (1, 2):
            walls = [
                x["network_round_s"] for x in rows
                if x["checkout"] == label and x["threads"] == threads
            ]  # fmt: skip
            if walls:
                out[f"{label}_{threads}_threads_median_s"] = statistics.median(walls)
                out[f"{label}_{threads}_threads_min_max_s"] = [min(walls), max(walls)]
    for threads in (1, 2):
        old, new = (
            [x["network_round_s"] for x in rows if x["checkout"] == c and x["threads"] == threads]
            for c in ("old", "new")
        )
        if old and new:  # exact two-sided Mann-Whitney U: is either commit's round faster?
            test = mannwhitneyu(old, new, alternative="two-sided", method="exact")
            out[f"{threads}_threads_mann_whitney_p"] = float(test.pvalue)
    return out


def main(old: str, new: str, cluster: str, rounds: int = 3) -> None:
    """``rounds`` interleaved rounds of both checkouts on 1 and 2 threads; writes the JSON."""
    load_before = os.getloadavg()[0]
    rows = []
    for r in range(rounds):
        pair = (("old", old), ("new", new))
        for threads in (1, 2):
            # the commits alternate which runs first, round by round (no order bias)
            for label, checkout in pair if r % 2 == 0 else pair[::-1]:
                row = dict(one_round(checkout, cluster, threads), checkout=label, round=r)
                print(json.dumps(row), flush=True)
                rows.append(row)
    hashes = {row["state_sha256"] for row in rows}
    result = {
        "run": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "load_1min_before_after": [load_before, os.getloadavg()[0]],
        "commits": {"old": commit(old), "new": commit(new)},
        "cluster": Path(cluster).name,
        "same_state": len(hashes) == 1,
        "rows": rows,
    }
    result.update(summary(rows))
    path = Path(__file__).with_name("network_round_ab.json")
    part = path.with_suffix(".json.part")
    part.write_text(json.dumps(result, indent=1))
    os.replace(part, path)  # atomic: a reader never sees half a file
    print({k: v for k, v in result.items() if k != "rows"})


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], *(int(x) for x in sys.argv[4:5]))
