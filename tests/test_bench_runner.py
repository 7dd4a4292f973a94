"""The benchmark runner's checks (benchmarks/schema.py, peers.py, write_table.py): a peer
whose output differs from clusternet's fails the benchmark, and the README's targeting
rows count only peers whose seeds reach clusternet's spread."""

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from peers import Mismatch, check, check_ranking
from schema import compare, interleaved, row
from write_table import reaches, readme_table, render

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


SLEEPER = """
threads = 1
def build():
    print("a library's own chatter, without a newline", end="")
    return None
def compute(_):
    import time
    time.sleep(SECONDS)
    return SECONDS
"""


def test_interleaved_runs_each_round_of_every_library_in_a_fresh_process():
    trace: list = []
    programs = {name: SLEEPER.replace("SECONDS", "0.0") for name in ("a", "b", "c")}
    out = interleaved(programs, 4, trace=trace)
    assert len(trace) == 12
    # round r of every library before round r + 1 of any
    assert [r for r, _, _ in trace] == sorted(r for r, _, _ in trace)
    for r in range(4):
        assert sorted(label for rr, label, _ in trace if rr == r) == ["a", "b", "c"]
    # the starting library rotates, so none always runs first
    assert [label for r, label, _ in trace[::3]] == ["a", "b", "c", "a"]
    assert len({pid for _, _, pid in trace}) == 12  # a new interpreter every time
    for got in out.values():
        assert got["rounds"] == 4 and got["check"] == 0.0 and got["threads"] == 1
        assert got["min_s"] <= got["median_s"] <= got["max_s"]
        assert got["build_s"] >= 0 and got["load_s"] > 0 and got["peak_mb"] > 0


def test_interleaved_stops_a_round_past_its_limit_and_runs_that_library_no_more():
    trace: list = []
    programs = {"fast": SLEEPER.replace("SECONDS", "0.0"), "slow": SLEEPER.replace("SECONDS", "30")}
    out = interleaved(programs, 3, round_limit=0.5, trace=trace)
    assert [label for _, label, _ in trace].count("slow") == 1
    assert out["fast"]["rounds"] == 3
    slow = out["slow"]
    assert slow["median_s"] is None and slow["rounds"] == 0
    assert 0.5 <= slow["stopped_after_s"] < 10


def test_interleaved_reports_a_failing_child_with_its_error():
    with pytest.raises(RuntimeError, match="(?s)broken failed: exit code 1.*ZeroDivisionError"):
        interleaved(
            {"broken": "def build():\n    return 1 / 0\ndef compute(s):\n    return s\n"}, 1
        )


def test_compare_keeps_a_stopped_peer_as_a_row_without_a_check(tmp_path):
    specs = _specs(1.0)
    specs[1]["body"] = "import time\n" + specs[1]["body"].replace(
        "def compute(x):\n", "def compute(x):\n    time.sleep(30)\n"
    )
    rows = compare(specs, PRELUDE.format(out=str(tmp_path)), 1, "ours", 1, round_limit=0.5)
    peer = next(r for r in rows if r["library"] == "peer")
    assert peer["median_s"] is None and peer["threads"] == 1 and peer["vs"] == "ours@1"
    assert "max_abs_diff" not in peer and peer["stopped_after_s"] >= 0.5


def _case(rows: list[dict], **facts) -> dict:
    return {"facts": facts, "rows": [row("centrality", "harmonic", r) for r in rows]}


def test_readme_table_takes_the_fastest_peer_at_equal_threads_and_never_a_straw_man():
    rows = [
        {"library": "clusternet", "threads": 1, "median_s": 1.0},
        {"library": "clusternet", "threads": 2, "median_s": 0.6},
        {"library": "networkx (pure Python)", "threads": 1, "median_s": 0.1},  # straw man
        {"library": "igraph", "threads": 1, "median_s": 0.5},
        {"library": "NetworKit", "threads": 2, "median_s": 1.2},
    ]
    text = readme_table({"centrality/harmonic": _case(rows, n=5, m=9)})
    lines = [ln for ln in text.splitlines() if ln.startswith("| harmonic")]
    assert len(lines) == 2
    assert "igraph 0.5 s (1 thr.) | 2 (**peer faster**)" in lines[0]
    assert "NetworKit 1.2 s (2 thr.) | 0.5 (clusternet faster)" in lines[1]
    assert "networkx" not in text and "BA 5 / 9" in lines[0]


def test_render_fills_from_results_and_drops_a_paragraph_without_one():
    data = {"t/c": _case([{"library": "x", "threads": 1, "median_s": 2.0}], n=7)}
    out = render("Size {{t/c:n}}.\n\nGone {{t/missing:n}}.\n\n{{table:t/c}}", data)
    assert out.startswith("Size 7.\n\n| library / configuration")
    assert "Gone" not in out and "| x | 1 | 2 (" in out
