"""Parallel and serial builds of one kernel body keep separate Numba caches (issue 29/30:
a "serial" build that loaded the parallel build's cached code ran on threads)."""

import json
import os
import subprocess
import sys
import textwrap

import numpy as np

from clusternet.kernels.builds import parallel_and_serial

MODULE = textwrap.dedent(
    """
    import numpy as np
    from numba import get_thread_id, prange
    from clusternet.kernels.builds import parallel_and_serial

    def body(x):
        out = np.zeros(x.shape[0], dtype=np.int64)
        for i in prange(x.shape[0]):
            s = 0.0
            for k in range(200):
                s += x[i] * k
            out[i] = get_thread_id() + (s < 0)
        return out

    par, sequential = parallel_and_serial(body)
    """
)

RUN = textwrap.dedent(
    """
    import json, numpy as np, kernel_twins as m
    x = np.ones(100_000)
    par, sequential = m.par(x), m.sequential(x)
    print(json.dumps({
        "parallel_threads": int(par.max()) + 1,
        "serial_threads": int(sequential.max()) + 1,
        "hits": [sum(m.par.stats.cache_hits.values()), sum(m.sequential.stats.cache_hits.values())],
    }))
    """
)


def test_serial_build_never_loads_the_parallel_build_from_the_cache(tmp_path):
    """Two fresh processes with one cache folder: the second loads both builds from the cache
    (hits 1 and 1), and the serial build still runs on one thread while the parallel one
    uses both (before the fix the serial dispatcher loaded the parallel code)."""
    (tmp_path / "kernel_twins.py").write_text(MODULE)
    env = dict(os.environ, NUMBA_NUM_THREADS="2", NUMBA_CACHE_DIR=str(tmp_path / "cache"))
    env["PYTHONPATH"] = os.pathsep.join([str(tmp_path), *sys.path])
    runs = []
    for _ in range(2):
        out = subprocess.run(
            [sys.executable, "-c", RUN], env=env, capture_output=True, text=True, timeout=300
        )
        assert out.returncode == 0, out.stderr
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    assert runs[0]["hits"] == [0, 0] and runs[1]["hits"] == [1, 1]
    for run in runs:
        assert run["serial_threads"] == 1
        assert run["parallel_threads"] == 2
    names = sorted(p.name for p in (tmp_path / "cache").rglob("*.nbi"))
    assert len(names) == 2 and any("body_serial" in n for n in names), names


def test_both_builds_compute_the_same_sum():
    def total(x):
        s = 0.0
        for i in range(x.shape[0]):
            s += x[i] * x[i]
        return s

    par, sequential = parallel_and_serial(total)
    x = np.linspace(0.0, 1.0, 101)
    assert par(x) == sequential(x) == float(np.sum(x * x))
    assert sequential.py_func.__qualname__.endswith("total_serial")
