"""Profile: the independent cascade at p = 0.2 on one thread, beside cynetdiff.

Not part of ``make bench``: a profile for docs/scaling.md. The input is
``bench_diffusion.py``'s (100,000 actors, a million random directed ties, the ten
first actors as seeds, 100 runs). Every library runs in a fresh process per round,
rounds interleaved (round ``r`` of every program before round ``r + 1`` of any), and
each round records the compute call's wall time and CPU time (``time.process_time``:
on one thread the time of the one core used, less disturbed by other processes on a
shared machine than the wall clock). With ``--ref REV`` the package as committed at
``REV`` runs as one more program (its ``clusternet/`` extracted to a directory of its
own), so a change is measured against the code before it in the same rounds.

Then, in one process, where the time of a call goes: the wrapper (the call minus the
kernel), the kernel, and inside it the draws alone (each visited actor's row of
draws, for the actors one run activates, without the traversal) against the rest
(reading the rows, the activity flags and the queue).

Run::

    nice -n 5 python benchmarks/profile_cascade.py --rounds 5

Writes ``benchmarks/results/profile_cascade.json`` (or ``--out``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

INPUT = """
import numpy as np
n, m, p, sims = {n}, {m}, {p}, {sims}
rng = np.random.default_rng(0)
src, dst = rng.integers(0, n, m), rng.integers(0, n, m)
keep = src != dst
src, dst = src[keep], dst[keep]
seeds = np.arange(10)
"""

CLUSTERNET = """
import sys
sys.path.insert(0, {path!r})
import numba
numba.set_num_threads(1)
import clusternet as cn
from clusternet import diffusion as D
def build():
    net = cn.ClusterNetwork.from_edges((src, dst), n_actors=n, directed=True)
    D.independent_cascade(net, seeds, p, n_sims=2, seed=1)  # compiled, CSR cached
    return net
def compute(net):
    res = D.independent_cascade(net, seeds, p, n_sims=sims, seed=1)
    return [float(res.sizes.mean()), float(res.sizes.std()), int(res.sizes.sum())]
"""

CYNETDIFF = """
import networkx as nx
from cynetdiff.utils import networkx_to_ic_model
def build():
    g = nx.DiGraph()
    g.add_nodes_from(range(n))
    g.add_edges_from(zip(src.tolist(), dst.tolist()))
    model, labels = networkx_to_ic_model(g, activation_prob=p, rng=1)
    return model, [labels[s] for s in range(10)]
def compute(state):
    model, seeds_cd = state
    gain = model.compute_marginal_gains(seeds_cd, [], sims)
    return [float(gain[0]) if np.ndim(gain) else float(gain), None, None]
"""

RUNNER = """
import json, time
state = build()
w0, c0 = time.perf_counter(), time.process_time()
check = compute(state)
w1, c1 = time.perf_counter(), time.process_time()
print(json.dumps({"wall_s": w1 - w0, "cpu_s": c1 - c0, "check": check}))
"""


def extract(rev: str) -> str:
    """``clusternet/`` as committed at ``rev``, in a directory kept between runs (Numba's cache)."""
    sha = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", rev], capture_output=True, text=True, check=True
    ).stdout.strip()
    where = Path(tempfile.gettempdir()) / f"clusternet-ref-{sha[:12]}"
    if not (where / "clusternet").exists():
        where.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", sha, "clusternet"], capture_output=True, check=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(where)], input=archive, check=True)
    return str(where)


def interleave(programs: dict[str, str], rounds: int, timeout: float = 1200) -> dict[str, dict]:
    """Run each program (defines ``build`` and ``compute``) ``rounds`` times, interleaved.

    Returns per label the median, min and max of the compute call's wall and CPU
    seconds and the last check value.
    """
    seen: dict[str, list[dict]] = {label: [] for label in programs}
    env = {**os.environ, "NUMBA_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    for r in range(rounds):
        for label, source in programs.items():
            proc = subprocess.run(
                [sys.executable, "-c", textwrap.dedent(source) + RUNNER],
                capture_output=True, text=True, timeout=timeout, env=env,
            )  # fmt: skip
            if proc.returncode != 0:
                raise RuntimeError(f"{label} failed:\n{proc.stderr[-3000:]}")
            seen[label].append(json.loads(proc.stdout.strip().splitlines()[-1]))
            print(f"round {r + 1} {label}: {seen[label][-1]['wall_s']:.3f} s", flush=True)
    out = {}
    for label, runs in seen.items():
        row = {"library": label, "threads": 1, "rounds": len(runs), "check": runs[-1]["check"]}
        for key in ("wall_s", "cpu_s"):
            values = [run[key] for run in runs]
            stem = key[:-2]
            row[f"{stem}_median_s"] = statistics.median(values)
            row[f"{stem}_min_s"] = min(values)
            row[f"{stem}_max_s"] = max(values)
            row[f"{stem}_s"] = values
        out[label] = row
    return out


def machine() -> dict:
    """What the numbers were measured on, read now."""
    import numba

    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": model or platform.processor(),
        "cores": os.cpu_count(),
        "load_average": list(os.getloadavg()),
        "python": platform.python_version(),
        "numba": numba.__version__,
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }


def _version(package: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return None


def phases(n: int, m: int, p: float, sims: int, rounds: int) -> dict:
    """Where one call's time goes, in this process, on one thread (CPU seconds)."""
    import numba

    numba.set_num_threads(1)
    from numba import njit

    sys.path.insert(0, str(ROOT))
    import clusternet as cn
    from clusternet import diffusion as D
    from clusternet.kernels import diffusion as K
    from clusternet.kernels.rng import mix64, stream

    golden = np.uint64(0x9E3779B97F4A7C15)
    shift = np.uint64(11)

    @njit(cache=False, nogil=True)
    def draws_only(indptr, rows, limit, seed, sims):
        """The direct draws of the given rows, as the kernel makes them, without the traversal."""
        hits = 0
        for r in range(sims):
            state = stream(seed, r)
            for a in range(rows.shape[0]):
                v = rows[a]
                width = indptr[v + 1] - indptr[v]
                while width > 0:
                    block = min(width, 64)
                    mask = np.uint64(0)
                    for j in range(block):
                        z = mix64(state + golden * np.uint64(j + 1)) >> shift
                        mask |= np.uint64(z < limit) << np.uint64(j)
                    state = state + golden * np.uint64(block)
                    hits += mask & np.uint64(1)
                    width -= block
        return hits

    exec(INPUT.format(n=n, m=m, p=p, sims=sims), env := {})
    src, dst, seeds = env["src"], env["dst"], env["seeds"]
    net = cn.ClusterNetwork.from_edges((src, dst), n_actors=n, directed=True)
    D.independent_cascade(net, seeds, p, n_sims=2, seed=1)
    indptr, indices, prob, row_max, row_uniform = D.edge_probabilities(net, p, None)
    seeds_idx = np.asarray(seeds, dtype=np.int32)

    def kernel():
        counts = np.zeros((1, n), dtype=np.int64)
        sizes = np.zeros(sims, dtype=np.int64)
        curves = np.zeros((1, n + 1), dtype=np.int64)
        last = np.zeros(1, dtype=np.int64)
        K.independent_cascade(
            indptr, indices, prob, row_max, row_uniform, seeds_idx, sims, np.uint64(7), n, 1,
            counts, sizes, curves, last,
        )  # fmt: skip
        return sizes

    one = D.independent_cascade(net, seeds, p, n_sims=1, seed=1)
    rows = np.flatnonzero(one.probability > 0).astype(np.int64)
    np.random.default_rng(0).shuffle(rows)  # a run visits its actors in no memory order
    limit = np.uint64(np.ceil(p * 9007199254740992.0))
    draws_only(indptr, rows[:10], limit, np.uint64(1), 1)

    def cpu(fn):
        times = []
        for _ in range(rounds):
            t0 = time.process_time()
            fn()
            times.append(time.process_time() - t0)
        return statistics.median(times), min(times), max(times)

    call = cpu(lambda: D.independent_cascade(net, seeds, p, n_sims=sims, seed=1))
    kern = cpu(kernel)
    draws = cpu(lambda: draws_only(indptr, rows, limit, np.uint64(1), sims))
    sizes = kernel()
    visited = int(sizes.sum())
    ties_tried = int(np.diff(indptr)[rows].sum()) * sims  # about: one run's rows, every run
    return {
        "cpu_s_median_min_max": {
            "call": call,
            "kernel": kern,
            "draws_only": draws,
            "kernel_minus_draws": kern[0] - draws[0],
            "wrapper": call[0] - kern[0],
        },
        "actors_activated_all_runs": visited,
        "draws_about": ties_tried,
        "ns_per_activated_actor": kern[0] / visited * 1e9,
        "rounds": rounds,
    }


def store(result: dict, out: str) -> str:
    """Add the run's date and commit (``_common.provenance``) and write ``out`` atomically
    (``clusternet.io.atomic_write_text``); returns the JSON text."""
    from _common import provenance

    sys.path.insert(0, str(ROOT))
    from clusternet.io import atomic_write_text

    facts = provenance()
    result = {"commit": facts["commit"], "run": facts["run"], **result}
    text = json.dumps(result, indent=1)
    atomic_write_text(out, text + "\n")
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--ref", help="also run the package as committed at this revision")
    parser.add_argument("--no-peer", action="store_true", help="leave cynetdiff out")
    parser.add_argument("--out", default=str(HERE / "results" / "profile_cascade.json"))
    args = parser.parse_args()
    n, m, p, sims = 100_000, 1_000_000, 0.2, 100
    prelude = INPUT.format(n=n, m=m, p=p, sims=sims)
    programs = {"clusternet": prelude + CLUSTERNET.format(path=str(ROOT))}
    if args.ref:
        programs[f"clusternet at {args.ref}"] = prelude + CLUSTERNET.format(path=extract(args.ref))
    if not args.no_peer:
        programs["cynetdiff compute_marginal_gains"] = prelude + CYNETDIFF
    before = machine()
    rows = interleave(programs, args.rounds)
    ours = rows["clusternet"]
    for label, row in rows.items():
        # the table's seconds: CPU seconds of the compute call
        row["median_s"], row["min_s"], row["max_s"] = (
            row["cpu_median_s"], row["cpu_min_s"], row["cpu_max_s"]
        )  # fmt: skip
        if label != "clusternet":
            row["peer_over_clusternet_wall"] = row["wall_median_s"] / ours["wall_median_s"]
            row["peer_over_clusternet_cpu"] = row["cpu_median_s"] / ours["cpu_median_s"]
            # fastest round against fastest round
            row["peer_over_clusternet_cpu_min"] = row["cpu_min_s"] / ours["cpu_min_s"]
            row["vs"] = "clusternet@1"
    peer = rows.get("cynetdiff compute_marginal_gains")
    if peer is not None:
        # both estimate the mean final size; 5 standard errors of the difference
        mean, sd = ours["check"][0], ours["check"][1]
        if abs(peer["check"][0] - mean) > 5 * sd * np.sqrt(2.0 / sims) + 1e-9:
            raise SystemExit(f"cynetdiff's mean size {peer['check'][0]} vs clusternet's {mean}")
    if args.ref:
        ref = rows[f"clusternet at {args.ref}"]
        if ref["check"] != ours["check"]:
            raise SystemExit(f"results differ from {args.ref}: {ref['check']} vs {ours['check']}")
    result = {
        "what": "independent cascade, p = 0.2, one thread, fresh processes, rounds interleaved",
        "input": {"actors": n, "ties_drawn": m, "p": p, "sims": sims, "seeds": 10},
        "machine_before": before,
        "versions": {"cynetdiff": _version("cynetdiff"), "clusternet": _version("clusternet")},
        "rows": list(rows.values()),
        "machine_after": machine(),
        "phases": phases(n, m, p, sims, args.rounds),
    }
    print(store(result, args.out))


if __name__ == "__main__":
    main()
