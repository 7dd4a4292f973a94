"""The benchmark runner's checks (benchmarks/schema.py, peers.py, write_table.py): a peer
whose output differs from clusternet's fails the benchmark, and the README's targeting
rows count guaranteed peers always and CELF only where its seeds reach clusternet's spread,
a guaranteed method below its guarantee fails, and the heat reference and pygsp's order
hold."""

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
    """A case in the schema; a row without a range gets a tight one (median +- 1 %)."""
    rows = [{"min_s": r["median_s"] * 0.99, "max_s": r["median_s"] * 1.01, **r} for r in rows]
    return {"facts": facts, "rows": [row("centrality", "harmonic", r) for r in rows]}


def test_readme_table_takes_the_fastest_peer_at_equal_or_fewer_threads_never_a_straw_man():
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
    assert "igraph 0.5 s (1 thr.) | 2: **peer faster**" in lines[0]
    # the serial igraph beats NetworKit on 2 threads and clusternet on 2: it shows there
    assert "igraph 0.5 s (1 thr.) | 1.2: **peer faster**" in lines[1]
    assert "networkx" not in text and "BA 5 / 9" in lines[0]
    rows[3]["median_s"] = 2.0  # now NetworKit is the fastest at 2 threads or fewer
    text = readme_table({"centrality/harmonic": _case(rows, n=5, m=9)})
    line = [ln for ln in text.splitlines() if ln.startswith("| harmonic")][1]
    assert "NetworKit 1.2 s (2 thr.) | 0.5: clusternet faster" in line


WC = "targeting/digraph/weighted cascade 1/in-degree, small graph"


def _targeting(rows):
    out = {"facts": {"n": 10, "m": 20, "k": 2, "epsilon": 0.1}, "rows": []}
    for library, seconds, spread in rows:
        r = row("targeting", WC, {"library": library, "threads": 1, "median_s": seconds,
                                  "min_s": seconds * 0.99, "max_s": seconds * 1.01,
                                  "spread": spread, "spread_half_width": 1.0})  # fmt: skip
        out["rows"].append(r)
    return {WC: out}


def test_readme_targeting_rows_count_pynetim_opimc_only_where_its_spread_matches():
    """pynetim's OPIM-C certificate does not bound the optimum (BENCHMARKS.md), so it is
    not a guaranteed peer: with a lower spread it does not count, and OPIM-C faces the
    guaranteed pynetim IMM, whose larger spread the row flags; with a matching spread it
    counts and, being faster, wins the row."""
    base = [
        ("clusternet IMM", 2.0, 1420.0),
        ("clusternet OPIM-C", 0.24, 1381.0),
        ("pynetim IMM", 5.6, 1420.0),
        ("CELF on cynetdiff marginal gains, 10 trials", 0.01, 900.0),  # no guarantee
    ]

    def lines(opimc_spread):
        data = _targeting([*base, ("pynetim OPIM-C", 0.13, opimc_spread)])
        out = [ln for ln in readme_table(data).splitlines() if "weighted cascade" in ln]
        return (next(ln for ln in out if ln.startswith("| OPIM-C")),
                next(ln for ln in out if ln.startswith("| IMM")))  # fmt: skip

    opim, imm = lines(1248.0)
    assert opim.split(" | ")[2] == "pynetim IMM 5.6 s (1 thr.); spread 1,420 vs clusternet's 1,381"
    assert "clusternet faster (clusternet's seeds spread less)" in opim
    # IMM faces IMM-type peers and CELF; CELF's seeds fall short, so pynetim's IMM counts
    peer = imm.split(" | ")[2]
    assert peer.startswith("pynetim IMM 5.6 s") and "clusternet faster" in imm
    assert "spread less" not in imm  # equal spreads
    opim, _ = lines(1381.0)
    assert "pynetim OPIM-C 0.13 s (1 thr.); spread 1,381 vs clusternet's 1,381" in opim
    assert "**peer faster**" in opim and "spread less" not in opim


def test_a_guaranteed_method_below_its_guarantee_fails_the_targeting_bench():
    from bench_targeting import _check_guarantees

    def r(library, spread):
        return {"library": library, "spread": spread, "spread_half_width": 1.0,
                "guaranteed": not library.startswith("CELF")}  # fmt: skip

    rows = [r("clusternet IMM", 100.0), r("pynetim OPIM-C", 60.0), r("CELF, 10 trials", 5.0)]
    _check_guarantees(rows)  # 60 >= (1 - 1/e - 0.1) * 99; CELF has no guarantee to check
    assert rows[1]["guarantee_check"] == "passed" and "guarantee_check" not in rows[2]
    rows[1]["spread"] = 40.0
    with pytest.raises(Mismatch, match="pynetim OPIM-C"):
        _check_guarantees(rows)


def test_a_legacy_profile_file_carries_its_own_run_time(tmp_path):
    import json

    from schema import load

    path = tmp_path / "profile_x.json"
    payload = {
        "what": "a profile",
        "machine_before": {"cpu": "X", "cores": 2, "python": "3.11", "numba": "0.6",
                           "when": "2026-12-04T03:27:24Z"},
        "versions": {"igraph": "1.0.0"},
        "rows": [{"library": "clusternet", "threads": 1, "cpu_median_s": 0.4}],
    }  # fmt: skip
    path.write_text(json.dumps(payload))
    case = load(path)["all"]
    assert case["run"] == "2026-12-04T03:27:24Z"
    assert case["machine"]["versions"]["igraph"] == "1.0.0"
    assert case["rows"][0]["extras"]["cpu_median_s"] == 0.4


def test_extended_precision_heat_reference_matches_the_dense_exponential():
    import scipy.linalg
    import scipy.sparse as sp
    from bench_diffusion import extended_heat, scipy_products

    rng = np.random.default_rng(3)
    a = sp.random_array((60, 60), density=0.1, random_state=rng)
    a = sp.csr_array(a + a.T)
    lap = sp.csr_array(sp.diags_array(np.asarray(a.sum(axis=1)).ravel()) - a)
    x0 = rng.random(60)
    for t in (0.05, 2.0):
        exact = scipy.linalg.expm(-t * lap.toarray()) @ x0
        got = extended_heat(lap, x0, t)
        assert got.dtype == np.longdouble
        assert np.abs(got.astype(float) - exact).max() <= 1e-13 * np.abs(exact).max()
    assert scipy_products(sp.csr_array(-0.5 * lap), x0) > 0


def test_pygsp_order_comes_from_the_bessel_bound_and_meets_the_heat_check():
    pytest.importorskip("pygsp")
    import scipy.sparse as sp
    from peers import heat_pygsp, pygsp_graph, pygsp_order

    from clusternet.diffusion import heat
    from clusternet.heat import bessel_coefficients

    rng = np.random.default_rng(4)
    a = sp.random_array((200, 200), density=0.05, random_state=rng)
    a = sp.csr_array(a + a.T)
    x0 = rng.random(200)
    g = pygsp_graph(a)
    for t in (0.05, 0.5, 5.0):
        order = pygsp_order(g, t)
        assert order == len(bessel_coefficients(t * float(g.lmax) / 2.0, 2.0**-53)[0]) - 1
        ours = heat(a, x0, t)
        diff = np.abs(heat_pygsp(g, x0, t, order) - ours).max() / np.abs(ours).max()
        assert diff <= 1e-10


def test_render_fills_from_results_and_drops_a_paragraph_without_one():
    data = {"t/c": _case([{"library": "x", "threads": 1, "median_s": 2.0}], n=7)}
    out = render("Size {{t/c:n}}.\n\nGone {{t/missing:n}}.\n\n{{table:t/c}}", data)
    assert out.startswith("Size 7.\n\n| library / configuration")
    assert "Gone" not in out and "| x | 1 | 2 (" in out


def _harmonic_line(rows: list[dict]) -> str:
    text = readme_table({"centrality/harmonic": _case(rows, n=5, m=9)})
    return next(ln for ln in text.splitlines() if ln.startswith("| harmonic"))


def test_readme_verdict_is_level_where_the_ranges_overlap_whichever_median_is_lower():
    # the heat row of the 2026-12-04 run: clusternet's median lower, pygsp's fastest round lower
    rows = [
        {"library": "clusternet", "threads": 1, "median_s": 0.875, "min_s": 0.815, "max_s": 1.41},
        {"library": "pygsp", "threads": 1, "median_s": 0.908, "min_s": 0.758, "max_s": 0.977},
    ]
    line = _harmonic_line(rows)
    cells = line.split(" | ")
    assert cells[3] == "0.964: level (ranges overlap)"
    assert cells[4] == f"{0.815 / 0.758:.3g}"  # ratio of the fastest rounds, beside the medians
    rows[1].update(min_s=0.95, max_s=0.99, median_s=0.97)  # apart: now clusternet is faster
    rows[0].update(min_s=0.80, max_s=0.90)
    line = _harmonic_line(rows)
    assert "clusternet faster" in line and "level" not in line


def test_render_reads_one_row_by_threads_and_names_runs_without_machine_facts():
    from write_table import resolve

    case = _case(
        [
            {"library": "x", "threads": 1, "median_s": 2.0, "error": 1e-14},
            {"library": "x", "threads": 2, "median_s": 1.0, "error": 3e-8},
        ],
        n=7,
    )
    data = {"t/c": {**case, "run": "r2", "machine": {"cpu": "c"}},
            "u/d": {"facts": {}, "rows": [], "run": "r1", "machine": None}}  # fmt: skip
    assert resolve("t/c:x/error", data) == "1.00e-14"  # the first row of that library
    assert resolve("t/c:x@2/error", data) == "3.00e-08"
    assert resolve("t/c:x@3/error", data) is None
    runs = resolve("runs", data)
    assert runs.startswith("one benchmark run (r2)") and "1 earlier run (r1: u)" in runs


def test_target_verdicts_and_ratios_are_read_from_the_rows():
    from write_table import resolve

    case = _case(
        [
            {"library": "ours", "threads": 1, "median_s": 1.0, "min_s": 0.9, "max_s": 1.1},
            {"library": "peer", "threads": 1, "median_s": 4.5, "min_s": 4.0, "max_s": 5.0,
             "vs": "ours@1", "over": 0.3, "build_wall_s": 2.0, "iterations": 10,
             "stream_pass_s": 0.5, "order_and_renumber_wall_s": 1.0},
        ],
        n=7,
    )  # fmt: skip
    data = {"t/c": {**case, "run": "r", "commit": "abc1234", "machine": {"cpu": "Xeon"}}}
    assert resolve("t/c:peer/times_vs", data) == "4.5"
    assert resolve("t/c:peer/times_vs_min", data) == f"{4.0 / 0.9:.3g}"
    assert resolve("t/c:peer/target_times_vs_at_least_5", data) == "not met"
    assert resolve("t/c:peer/target_times_vs_at_least_4.5", data) == "met"  # bound included
    assert resolve("t/c:peer/target_over_at_most_0.4", data) == "met"
    assert resolve("t/c:peer/target_over_at_most_0.2", data) == "not met"
    # order + view + iterations x streaming pass = 1 + 2 + 10 x 0.5
    assert resolve("t/c:peer/streaming_floor_wall_s", data) == "8"
    assert resolve("t/c:peer/target_streaming_floor_wall_s_at_most_7", data) == "not met"
    assert resolve("t/c:ours/target_times_vs_at_least_5", data) is None  # faces no row
    assert resolve("t/c:commit", data) == "abc1234"
    assert resolve("t/c:cpu", data) == "Xeon"


def test_a_missing_entry_of_a_listed_fact_prints_a_dash():
    from schema import cases

    facts = cases("scale", {"ten_million": {"firms": 10, "targets": {"view": [8, None]}}})
    assert facts["ten_million"]["facts"]["targets/view"] == "8 / —"


def _calibrate_cases(**payload) -> dict:
    """Cases as bench_calibrate records them (facts split from the timing row)."""
    from schema import cases

    out = {}
    for name, case in cases("calibrate", payload).items():
        out[f"calibrate/{name}"] = {**case, "run": f"run-{name}", "machine": None}
    return out


def test_calibration_cost_table_quotes_only_the_result_file():
    from write_table import TARGETS

    template = Path(__file__).resolve().parent.parent / "benchmarks" / "templates"
    text = (template / "calibration_cost.md").read_text()
    page, marker = TARGETS["calibration_cost.md"]
    assert page.name == "calibration.md" and f"<!-- {marker}:start -->" in page.read_text()
    timing = {"median_s": 9.69, "min_s": 9.69, "max_s": 9.69, "rounds": 1}
    cheap = dict(firms=300, parameters=13, moments=16, inside=7, evaluations=139,
                 simulations=874, cpu_s=9.61, n_sims=6, maxiter=2, search="least_squares",
                 load_before=0.9, load_after=0.92, timing=timing)  # fmt: skip
    abc = dict(firms=1000, parameters=5, steps=10, particles=100, generations=4, workers=2,
               quick=False, simulations=1469, simulations_per_s=48.3, per_simulation_s=0.0432,
               cpu_s_main_process=3.24, load_before=0.86, load_after=1.26,
               timing={**timing, "median_s": 33.2})  # fmt: skip
    out = render(text, _calibrate_cases(structural_fit_300=cheap, abc=abc))
    line = next(ln for ln in out.splitlines() if ln.startswith("| `bench_structural_fit_300` |"))
    assert "| 7 of 16 | 139 | 874 | 9.69 | 9.61 | 0.9 / 0.92 |" in line
    line = next(ln for ln in out.splitlines() if ln.startswith("| `bench_fit_model_abc` |"))
    assert "| 1,469 | 48.3 | 0.0432 | 33.2 | 3.24 | 0.86 / 1.26 |" in line
    # no procedure result and no recorded commit: those rows are left out, not invented
    assert "_procedure" not in out and "commit" not in out
    procedure = dict(cheap, inside=15, evaluations=1300, weights="estimate", final_sims=24,
                     check=400, search="powell", n_sims=8, maxiter=3, quick=False,
                     commit="abc1234", timing={**timing, "median_s": 95.0})  # fmt: skip
    out = render(text, _calibrate_cases(structural_fit_300_procedure=procedure, abc=abc))
    line = next(ln for ln in out.splitlines() if "procedure` |" in ln)
    assert "final_sims=24, check=400" in line and "| 15 of 16 | 1,300 |" in line
    assert "| 95 |" in line and "at commit abc1234" in out
    assert "`bench_structural_fit_300` |" not in out  # the cheap call's row: absent, left out
