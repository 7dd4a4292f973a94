"""Helpers shared by the benchmarks: child-process memory probes and machine facts."""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import textwrap
from pathlib import Path

#: where results go (BENCH_RESULTS overrides: a smoke run must not overwrite the real ones)
RESULTS = Path(os.environ.get("BENCH_RESULTS") or Path(__file__).resolve().parent / "results")
#: One id per benchmark session (set by conftest.py), stored with every result.
RUN_ID = os.environ.get("CLUSTERNET_BENCH_RUN", "unknown")

PROBE_HEADER = textwrap.dedent(
    """
    import gc, json, resource, time
    import numpy as np

    def rss_mb():
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * resource.getpagesize() / 2**20

    def peak_mb():
        # VmHWM belongs to this process's address space: unlike ru_maxrss it is not
        # inherited from a large parent across fork + exec
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    """
)


def run_probe(body: str, timeout: int = 900) -> dict:
    """Run ``body`` in a fresh interpreter; it must print one JSON line, which is returned."""
    code = PROBE_HEADER + textwrap.dedent(body)
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout
    )
    if proc.returncode != 0:
        # -9: killed, on this machine most likely by the kernel for lack of memory
        raise RuntimeError(f"probe failed:\n{proc.stderr[-3000:]}\nexit code {proc.returncode}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def saved_cluster(n_firms: int, folder) -> str:
    """``generate_cluster(n_firms, seed=1)``, generated once in a fresh process and saved
    uncompressed in ``folder``; the path. Every round's fresh process loads it
    (``clusternet.load``) instead of paying the generator again."""
    path = Path(folder) / f"cluster_{n_firms}_seed1.npz"
    if not path.exists():
        tmp = path.with_name(path.stem + ".part.npz")
        run_probe(
            f"import clusternet as cn\n"
            f"cn.generate_cluster({n_firms}, seed=1).save({str(tmp)!r}, compress=False)\n"
            f"print(json.dumps({{}}))\n",
            timeout=1800,
        )
        os.replace(tmp, path)
    return str(path)


def record(name: str, payload: dict) -> None:
    """Store a result (merged into ``results/<name>.json``) for ``write_table.py``.

    The payload is split into cases of rows in the one schema of
    :mod:`schema` (task, case, library, version, threads, median/min/max,
    rounds, peak MB, checked output, build and compute seconds, extras), each
    stored with this run's id, the commit of the code it ran (:func:`provenance`) and
    the machine facts and versions read now.
    Every number BENCHMARKS.md and the README print comes from these files.
    """
    from schema import cases, load

    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    data = {"schema": 2, "cases": load(path) if path.exists() else {}}  # older files converted
    facts = machine()
    commit = provenance()["commit"]
    new = cases(name, payload, known=facts["versions"])
    for case in new.values():
        case["run"] = RUN_ID
        case["commit"] = commit
        case["machine"] = facts
    data["cases"].update(new)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=1, sort_keys=True, default=float))
    os.replace(tmp, path)


def machine() -> dict:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 2**20:.1f} GiB"
    except OSError:
        pass
    from importlib import metadata

    versions = {}
    for dist in (
        "clusternet", "numpy", "scipy", "numba", "igraph", "networkit", "networkx", "ndlib",
        "cynetdiff", "pandas", "rustworkx", "python-graphblas", "graphblas-algorithms",
        "scikit-network", "pygsp", "EoN", "pymnet", "pynetim", "netmax", "dask",
    ):  # fmt: skip
        try:
            versions[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            versions[dist] = "not installed"
    import numba

    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": mem,
        "python": platform.python_version(),
        "numba_threads": numba.get_num_threads(),
        "versions": versions,
    }


#: Rounds per measurement, the same for clusternet and every peer (BENCH_ROUNDS overrides).
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))


def summarize(times: list[float]) -> dict:
    """The one statistic every row reports: median, with min and max, of ``len(times)`` rounds."""
    import statistics

    return {
        "median_s": statistics.median(times),
        "min_s": min(times),
        "max_s": max(times),
        "rounds": len(times),
    }


def _times(func, rounds: int, setup=None) -> tuple[list[float], object]:
    import time

    times, result = [], None
    for _ in range(rounds):
        arg = setup() if setup is not None else None
        t0 = time.perf_counter()
        result = func(arg) if setup is not None else func()
        times.append(time.perf_counter() - t0)
    return times, result


def timed(func, rounds: int | None = None, setup=None) -> tuple[dict, object]:
    """Time ``rounds`` calls (``func(setup())`` when ``setup`` is given, untimed).

    Returns the summary (median, min, max, rounds) and the last result.
    """
    times, result = _times(func, ROUNDS if rounds is None else rounds, setup)
    return summarize(times), result


def ours(benchmark, func, rounds: int | None = None, setup=None) -> tuple[dict, object]:
    """Time clusternet through pytest-benchmark (same rounds and statistic as :func:`timed`)."""
    rounds = ROUNDS if rounds is None else rounds
    box = {}

    if setup is None:

        def call():
            box["result"] = func()

        benchmark.pedantic(call, rounds=rounds, iterations=1, warmup_rounds=0)
    else:

        def call_with(arg):
            box["result"] = func(arg)

        benchmark.pedantic(
            call_with, setup=lambda: ((setup(),), {}), rounds=rounds, iterations=1, warmup_rounds=0
        )
    st = benchmark.stats.stats
    return {
        "median_s": st.median,
        "min_s": st.min,
        "max_s": st.max,
        "rounds": rounds,
    }, box.get("result")


def quick() -> bool:
    """BENCH_QUICK=1 shrinks the benchmark sizes (for a smoke run)."""
    return os.environ.get("BENCH_QUICK", "") not in ("", "0")


def provenance() -> dict:
    """The run's date (UTC) and the commit of the code it ran (``+dirty`` with edited code)."""
    import clusternet as cn

    return cn.io.provenance(Path(__file__).resolve().parent.parent)


def fixed_parameters(parser, items: list[str], fitted=()) -> dict[str, float]:
    """``--set NAME=VALUE`` items as ``{name: float}``, NAME a model parameter not in ``fitted``.

    A bad item ends the run through ``parser.error`` with the item named.
    """
    from clusternet.dynamics import PARAMETERS

    fixed = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or name not in PARAMETERS or name in fitted:
            parser.error(
                f"--set {item!r}: expected NAME=VALUE with NAME a model parameter"
                + (" not fitted" if fitted else "")
            )
        try:
            fixed[name] = float(value)
        except ValueError:
            parser.error(f"--set {item!r}: VALUE must be a number")
    return fixed
