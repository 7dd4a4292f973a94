"""The bounded fuzz suite again, in a child process under ``NUMBA_BOUNDSCHECK=1``.

In the test process the kernels run without bounds checks (as users run them), so an
index past the end of an array on hostile input would be a silent read or write, or a
crash that ends the whole suite. Here every ``tests/test_fuzz_*.py`` case of the bounded
profile runs once more in a child Python whose kernels check every index: an
out-of-bounds access is an ``IndexError`` there (a failed case, named in the output),
and a crash of the child (a signal) is this test's failure, not a dead suite. The child
has a Numba cache of its own, as Numba's cache key does not include the bounds check
(tests/boundscheck.py).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from boundscheck import CHECK_IS_LIVE

HERE = Path(__file__).resolve().parent
#: The fuzz files the child runs: every one but this file.
FUZZ_FILES = sorted(str(p) for p in HERE.glob("test_fuzz_*.py") if p.name != Path(__file__).name)


@pytest.mark.slow
def test_the_fuzz_suite_passes_with_every_index_checked(tmp_path):
    env = {
        **os.environ,
        "NUMBA_BOUNDSCHECK": "1",
        "NUMBA_CACHE_DIR": str(tmp_path / "numba-cache"),
        "PYTHONPATH": os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")]),
    }
    env.pop("CLUSTERNET_FUZZ_RANDOM", None)  # the bounded profile, derandomised
    # the check is live in such a child: an index past the end raises
    live = subprocess.run([sys.executable, "-c", CHECK_IS_LIVE], env=env, capture_output=True)
    assert live.returncode == 0, live.stderr.decode()[-2000:]
    child = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-x", "-m", "not slow", "-p", "no:cacheprovider",
         *FUZZ_FILES],
        cwd=HERE.parent, env=env, capture_output=True, text=True, timeout=3000,
    )  # fmt: skip
    tail = (child.stdout + child.stderr)[-4000:]
    assert child.returncode >= 0, f"the child died of signal {-child.returncode}:\n{tail}"
    assert child.returncode == 0, f"a fuzz case failed with every index checked:\n{tail}"
    assert " passed" in child.stdout and " failed" not in child.stdout, tail
