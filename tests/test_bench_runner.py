"""The benchmark runner's checks (benchmarks/schema.py, peers.py, write_table.py): a peer
whose output differs from clusternet's fails the benchmark, and the README's targeting
rows count only peers whose seeds reach clusternet's spread."""

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from peers import Mismatch, check, check_ranking
from schema import compare
from write_table import reaches

PRELUDE = """
import os, numpy as np
OUT = {out!r}
def save(x, extra=None):
    path = os.path.join(OUT, f"{{os.getpid()}}.npy")
    np.save(path, np.asarray(x, dtype=float))
    return [path, extra or {{}}]
"""

BODY = """
threads = {threads}
def build():
    return np.arange(5.0)
def compute(x):
    return save(x * SCALE, {{"calls": 1}})
"""


def _specs(scale: float) -> list[dict]:
    return [
        {"label": "ours", "threads": (1, 2), "body": "SCALE = 1.0\n" + BODY},
        {
            "label": "peer",
            "threads": (1,),
            "check": lambda o, p: {"max_abs_diff": check("peer", o, p, rtol=1e-9)},
            "body": f"SCALE = {scale!r}\n" + BODY,
        },
    ]


def test_compare_checks_every_peer_and_pairs_threads(tmp_path):
    rows = compare(_specs(1.0), PRELUDE.format(out=str(tmp_path)), 2, "ours", threads=2)
    by = {(r["library"], r["threads"]): r for r in rows}
    assert set(by) == {("ours", 1), ("ours", 2), ("peer", 1)}
    peer = by[("peer", 1)]
    assert peer["max_abs_diff"] == 0.0 and peer["vs"] == "ours@1" and peer["rounds"] == 2
    assert peer["calls"] == 1 and "vs" not in by[("ours", 2)]
    assert peer["min_s"] <= peer["median_s"] <= peer["max_s"]


def test_compare_fails_on_a_mismatch(tmp_path):
    with pytest.raises(Mismatch, match="peer: actor 4 gives"):
        compare(_specs(1.001), PRELUDE.format(out=str(tmp_path)), 1, "ours", threads=1)


def test_check_ranking():
    ours = np.array([0.5, 0.3, 0.9, 0.1])
    assert check_ranking("x", ours, ours * 7 + 1, top=4) == {"same_top_ranks": 4}
    with pytest.raises(Mismatch):
        check_ranking("x", ours, np.array([0.3, 0.5, 0.9, 0.1]), top=2)


def _row(spread, half):
    return {"extras": {"spread": spread, "spread_half_width": half}}


def test_reaches_counts_only_peers_within_the_combined_half_width():
    ours = _row(58.5, 0.3)
    assert reaches(_row(58.4, 0.3), ours)
    assert not reaches(_row(56.7, 0.3), ours)  # CELF at too few trials
    assert not reaches({"extras": {}}, ours)
