"""Helpers shared by the benchmarks: child-process memory probes and machine facts."""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import textwrap
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"

PROBE_HEADER = textwrap.dedent(
    """
    import gc, json, resource, time
    import numpy as np

    def rss_mb():
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * resource.getpagesize() / 2**20

    def peak_mb():
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
        raise RuntimeError(f"probe failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def record(name: str, payload: dict) -> None:
    """Store a result (merged into ``results/<name>.json``) for ``write_table.py``."""
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{name}.json"
    data = json.loads(path.read_text()) if path.exists() else {}
    data.update(payload)
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
        "numpy",
        "scipy",
        "numba",
        "igraph",
        "networkit",
        "networkx",
        "ndlib",
        "cynetdiff",
        "pandas",
    ):
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


def best_of(func, rounds: int = 3) -> tuple[float, object]:
    """Fastest wall time of ``rounds`` calls, and the last result."""
    import time

    best = float("inf")
    result = None
    for _ in range(rounds):
        t0 = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - t0)
    return best, result


def quick() -> bool:
    """BENCH_QUICK=1 shrinks the benchmark sizes (for a smoke run)."""
    return os.environ.get("BENCH_QUICK", "") not in ("", "0")
