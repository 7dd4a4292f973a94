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

#: Run first in every child: the check is live, so a read past the end of an array is an
#: ``IndexError`` there, not a silent read (a child that cannot show it stops at once).
CHECK_IS_LIVE = """
import numpy as np
from numba import config, njit
assert config.BOUNDSCHECK
@njit
def past_the_end(x):
    return x[x.shape[0]]
try:
    past_the_end(np.zeros(3))
    raise SystemExit("NUMBA_BOUNDSCHECK=1 did not check an index")
except IndexError:
    pass
"""


def run_boundschecked(code: str, payload, cache_dir) -> object:
    """Run ``code`` in a bounds-checked child with ``payload`` on stdin; its JSON output.

    :data:`CHECK_IS_LIVE` runs before ``code``, so every child first shows that an index
    past the end raises.
    """
    import clusternet

    env = dict(os.environ, NUMBA_BOUNDSCHECK="1", NUMBA_CACHE_DIR=str(cache_dir))
    env["PYTHONPATH"] = str(Path(clusternet.__file__).resolve().parents[1])
    proc = subprocess.run(
        [sys.executable, "-c", CHECK_IS_LIVE + code],
        input=json.dumps(payload),
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout)
