"""Run a snippet in a child Python under ``NUMBA_BOUNDSCHECK=1``: an index outside an
array is then an ``IndexError`` instead of a silent read or write past the end.

The child gets a Numba cache of its own: Numba's cache key does not include the bounds
check, so the parent's cached, unchecked machine code would otherwise be loaded. The
snippet reads its input as JSON on stdin and prints its output as JSON.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def run_boundschecked(code: str, payload, cache_dir) -> object:
    """Run ``code`` in a bounds-checked child with ``payload`` on stdin; its JSON output."""
    import clusternet

    env = dict(os.environ, NUMBA_BOUNDSCHECK="1", NUMBA_CACHE_DIR=str(cache_dir))
    env["PYTHONPATH"] = str(Path(clusternet.__file__).resolve().parents[1])
    proc = subprocess.run(
        [sys.executable, "-c", code],
        input=json.dumps(payload),
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout)
