"""The sampled mutation tool (``tools/ast_mutator.py``): its operators, sample and interval."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest
from scipy.stats import binomtest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
import ast_mutator as mutants

SOURCE = '''
from numba import njit


@njit(cache=True)
def f(x: int = 3) -> float:
    """Doc 7."""
    y = -x
    for i in range(2):
        if x < 1 and not y:
            break
    return x + 2.5
'''


@pytest.mark.parametrize(("k", "n"), [(0, 5), (3, 7), (19, 20), (20, 20), (27, 30)])
def test_wilson_interval_matches_scipy(k, n):
    want = binomtest(k, n).proportion_ci(method="wilson", confidence_level=0.95)
    lo, hi = mutants.wilson(k, n)
    assert lo == pytest.approx(want.low, abs=1e-6)
    assert hi == pytest.approx(want.high, abs=1e-6)


def test_operators_listed_by_hand():
    # decorator and annotation constants (cache=True, the int/float hints) and the
    # docstring are left alone; every other site is listed once per operator
    changes = sorted((m.line, m.change) for m in mutants.mutants_of(SOURCE))
    assert changes == sorted(
        [
            (6, "3 -> 4"),  # the default value is behaviour
            (8, "-x -> x"),
            (9, "2 -> 3"),
            (10, "< -> <="),
            (10, "< -> >="),
            (10, "1 -> 2"),
            (10, "and -> or"),
            (10, "not x -> x"),
            (11, "break -> continue"),
            (12, "+ -> -"),
            (12, "2.5 -> 3.5"),
        ]
    )


def test_a_float_that_absorbs_the_added_one_is_doubled_instead():
    """Round 29's sample drew ``9007199254740992.0 -> 9007199254740992.0`` (k_diffusion
    L411): a literal at 2**53 absorbs the + 1, a mutant that changes nothing."""
    source = "x = 9007199254740992.0\ny = 1e300\nz = 2.5\n"
    changes = [m.change for m in mutants.mutants_of(source)]
    assert changes == [
        "9007199254740992.0 -> 1.8014398509481984e+16",
        "1e+300 -> 2e+300",
        "2.5 -> 3.5",
    ]
    for m in mutants.mutants_of(source):
        assert mutants.mutated_source(source, m.index) != mutants.mutated_source(source, -1)


def test_each_mutant_changes_exactly_its_site():
    original = ast.dump(ast.parse(mutants.mutated_source(SOURCE, -1)))
    assert original == ast.dump(ast.parse(SOURCE))  # unparse re-prints the same tree
    seen = set()
    for m in mutants.mutants_of(SOURCE):
        text = mutants.mutated_source(SOURCE, m.index)
        assert ast.dump(ast.parse(text)) != original
        seen.add(text)
    assert len(seen) == len(mutants.mutants_of(SOURCE))


def test_sample_is_seeded_without_replacement():
    population = mutants.mutants_of(SOURCE)
    a = mutants.sample(population, 5, 2026, "m")
    assert a == mutants.sample(population, 5, 2026, "m")
    assert len({m.index for m in a}) == 5
    assert a != mutants.sample(population, 5, 2026, "other")
    assert mutants.sample(population, 50, 2026, "m") == population


_JIT_MODULE = """
from numba import njit


@njit(cache=True)
def twice(x):
    return 2 * x
"""

_JIT_TEST = """
import json
import pathlib

from pkg.mod import twice


def test_twice():
    assert twice(3) == 6
    hits = sum(twice.stats.cache_hits.values())
    pathlib.Path("hits.json").write_text(json.dumps(hits))
"""


@pytest.mark.slow  # two pytest processes that import Numba: 10-20 s
def test_baseline_compiles_the_mutated_module_like_a_mutant(tmp_path):
    """Issue 30: the time limit is four times the unmutated run, so that run must compile
    the module as every mutant does. Numba keys its cache by the file's content: run twice
    on the same text, the second run loaded the first's kernels (0 s of compilation) unless
    the tool drops the module's cache before each run."""
    import os

    import mutants as tool

    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("")
    (tmp_path / "pkg" / "mod.py").write_text(_JIT_MODULE)
    (tmp_path / "test_pkg.py").write_text(_JIT_TEST)
    (tmp_path / "pkg" / "__pycache__").mkdir()
    other = tmp_path / "pkg" / "__pycache__" / "model.twice-5.py311.nbi"
    other.write_text("another module's cache, kept")
    env = dict(os.environ, PYTHONPATH=str(tmp_path), PYTHONDONTWRITEBYTECODE="1")
    env.pop("NUMBA_DISABLE_JIT", None)
    env.pop("NUMBA_CACHE_DIR", None)
    for _ in range(2):  # the same text twice: a baseline after an earlier baseline
        status, _seconds = tool._run_one(
            tmp_path, "pkg/mod.py", _JIT_MODULE, ["test_pkg.py"], 120.0, env
        )
        assert status == "survived"
        assert (tmp_path / "hits.json").read_text() == "0"  # compiled, not loaded
    cached = sorted(p.name for p in (tmp_path / "pkg" / "__pycache__").glob("mod.*"))
    assert any(name.endswith(".nbi") for name in cached)  # the run did write a cache
    assert tool._drop_jit_cache(tmp_path, "pkg/mod.py") == len(cached)
    assert not list((tmp_path / "pkg" / "__pycache__").glob("mod.*"))
    assert other.exists()


def _stored(killed: int, survived: int, seed: int) -> dict:
    rows = [{"key": f"L{k}:C0 + -> -", "status": "killed", "source": ""} for k in range(killed)]
    rows += [
        {"key": f"L{k}:C1 + -> -", "status": "survived", "source": ""} for k in range(survived)
    ]
    return {"module": "validate", "file": "clusternet/_validate.py", "seed": seed,
            "population": 83, "wall_s": 1.0, "results": rows}  # fmt: skip


def test_report_reads_the_seeds_own_file_and_writes_nothing(tmp_path, monkeypatch, capsys):
    """``--report`` prints a stored result and leaves its file byte for byte as it was (it
    used to add a score and rewrite it); a held-out seed reads its own file."""
    import json

    import mutants as tool

    monkeypatch.setattr(tool, "ROOT", tmp_path)
    folder = tmp_path / "build" / "mutants" / "sampled"
    folder.mkdir(parents=True)
    default = folder / "validate.json"
    held_out = folder / "validate.s2027.json"
    default.write_text(json.dumps(_stored(19, 1, 2026)))
    held_out.write_text(json.dumps(_stored(15, 5, 2027)))
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (default, held_out)}
    assert tool.main(["validate", "--report", "--table"]) == 0
    assert tool.main(["validate", "--report", "--seed", "2027"]) == 0
    out = capsys.readouterr().out
    # 19 of 20 and 15 of 20, Wilson intervals as scipy gives them (test above)
    assert "validate: 19/20 killed (0 equivalent) = 95.0 % [95 % CI 76.4-99.1]" in out
    assert "validate: 15/20 killed (0 equivalent) = 75.0 % [95 % CI 53.1-88.8]" in out
    assert "| `_validate.py` | 83 | 20 | 19/20 | 19 | 0 | 1 | **95.0 %** |" in out
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (default, held_out)} == before
    assert sorted(p.name for p in folder.iterdir()) == ["validate.json", "validate.s2027.json"]
    assert tool._results_path("validate", ".partial.json", 2027) == (
        folder / "validate.s2027.partial.json"
    )


def test_count_prints_each_modules_number_of_mutants(tmp_path, monkeypatch, capsys):
    """``--count`` lists a module's mutants without running one: SOURCE has the 11 sites
    listed by hand in ``test_operators_listed_by_hand``."""
    import mutants as tool

    monkeypatch.setattr(tool, "ROOT", tmp_path)
    (tmp_path / "clusternet").mkdir()
    (tmp_path / "clusternet" / "_validate.py").write_text(SOURCE)
    assert tool.main(["validate", "--count"]) == 0
    assert capsys.readouterr().out.split() == ["validate", "clusternet/_validate.py", "11"]
    assert not (tmp_path / "build").exists()  # nothing run, nothing written


def _two_modules(tmp_path, monkeypatch):
    """Two modules over SOURCE (11 mutants each) and a second name for the first file."""
    import mutants as tool

    monkeypatch.setattr(tool, "ROOT", tmp_path)
    (tmp_path / "pkg").mkdir()
    for name in ("a", "b"):
        (tmp_path / "pkg" / f"{name}.py").write_text(SOURCE)
    monkeypatch.setattr(
        tool,
        "SAMPLED",
        {"a": ("pkg/a.py", []), "b": ("pkg/b.py", []), "a_again": ("pkg/a.py", [])},
    )
    return tool


def test_scope_sample_draws_each_mutant_of_the_scope_once_and_each_file_once(tmp_path, monkeypatch):
    """``--scope N`` draws N of the union of the modules' mutants, without replacement, a file
    named twice counted once (under its first name), seeded: all 22 when N >= 22."""
    tool = _two_modules(tmp_path, monkeypatch)
    keys = [m.key for m in mutants.mutants_of(SOURCE)]
    everything = tool.scope_sample(100, 2029)
    assert sorted(everything) == ["a", "b"]
    assert sorted(everything["a"]) == sorted(keys) == sorted(everything["b"])
    some = tool.scope_sample(7, 2029)
    assert sum(map(len, some.values())) == 7
    assert all(len(set(v)) == len(v) for v in some.values())
    assert some == tool.scope_sample(7, 2029)
    assert some != tool.scope_sample(7, 2030)  # another seed, another sample (22 choose 7)


def test_scope_report_pools_the_modules_first_passes_and_equivalents(tmp_path, monkeypatch, capsys):
    """The pooled line: killed over sampled less equivalent, and the first pass, with the
    Wilson intervals of ``wilson`` (checked against scipy above)."""
    import json

    tool = _two_modules(tmp_path, monkeypatch)
    chosen = tool.scope_sample(22, 2029)
    folder = tmp_path / "build" / "mutants" / "sampled"
    folder.mkdir(parents=True)
    first = {"a": None, "b": {"killed": 8, "sampled": 11}}
    for name, keys in chosen.items():
        rows = [{"key": k, "status": "killed", "source": ""} for k in keys]
        rows[0]["status"] = "survived"  # one survivor per module: a's argued equivalent
        stored = {"module": name, "file": f"pkg/{name}.py", "results": rows}
        if first[name]:
            stored["first_pass"] = first[name]
        (folder / f"{name}.s2029.json").write_text(json.dumps(stored))
    monkeypatch.setattr(tool, "EQUIVALENT", {"a": {chosen["a"][0]: "argued"}})
    assert tool.main(["--scope", "22", "--seed", "2029", "--report"]) == 0
    out = capsys.readouterr().out
    lo, hi = mutants.wilson(20, 21)
    flo, fhi = mutants.wilson(18, 22)
    assert (
        f"20/21 killed less 1 equivalent = {100 * 20 / 21:.1f} % "
        f"[95 % CI {100 * lo:.1f}-{100 * hi:.1f}]; first pass 18/22 = {100 * 18 / 22:.1f} % "
        f"[{100 * flo:.1f}-{100 * fhi:.1f}]" in out
    )
    elo, ehi = mutants.wilson(18, 21)
    assert (
        f"first pass less the equivalent: 18/21 = {100 * 18 / 21:.1f} % "
        f"[95 % CI {100 * elo:.1f}-{100 * ehi:.1f}]" in out
    )


def test_a_stored_key_that_names_no_mutant_now_is_refused(tmp_path, monkeypatch):
    """An edit that moves a sampled line must not turn the rerun of its survivor into a
    silent 'survived': the tool stops and names the key."""
    tool = _two_modules(tmp_path, monkeypatch)
    with pytest.raises(SystemExit, match=r"no mutant \['L99:C0 \+ -> -'\] in pkg/a.py"):
        tool.run_sampled("a", None, 2029, 1, False, only={"L99:C0 + -> -"})


def test_scope_rerun_reruns_only_the_modules_the_draw_chose(tmp_path, monkeypatch):
    """``--scope N --rerun-survivors`` reruns the scope's modules, not every module with a
    stored result of the seed (per-module samples of the same seed share the file name)."""
    tool = _two_modules(tmp_path, monkeypatch)
    chosen = tool.scope_sample(1, 2029)
    assert len(chosen) == 1
    seen = []
    monkeypatch.setattr(tool, "main_sampled", lambda args: seen.append(args.modules) or 0)
    assert tool.main(["--scope", "1", "--seed", "2029", "--rerun-survivors"]) == 0
    assert seen == [list(chosen)]


def test_rerun_without_a_survivor_left_runs_nothing(tmp_path, monkeypatch, capsys):
    """A module whose only survivor is argued equivalent has nothing to rerun: no baseline
    (tens of seconds a module), and its stored result is left as it is."""
    import json

    tool = _two_modules(tmp_path, monkeypatch)
    keys = [m.key for m in mutants.mutants_of(SOURCE)][:2]
    folder = tmp_path / "build" / "mutants" / "sampled"
    folder.mkdir(parents=True)
    rows = [{"key": keys[0], "status": "killed", "source": ""}]
    rows.append({"key": keys[1], "status": "survived", "source": ""})
    stored = {"module": "a", "file": "pkg/a.py", "population": 11, "results": rows}
    (folder / "a.s2029.json").write_text(json.dumps(stored))
    monkeypatch.setattr(tool, "EQUIVALENT", {"a": {keys[1]: "argued"}})

    def no_run(*args, **kwargs):
        raise AssertionError("nothing should run")

    monkeypatch.setattr(tool, "run_sampled", no_run)
    assert tool.main(["a", "--seed", "2029", "--rerun-survivors"]) == 0
    assert "a: no survivor to rerun" in capsys.readouterr().out
    assert json.loads((folder / "a.s2029.json").read_text()) == stored


def test_a_keyword_that_empties_a_listed_file_or_doctest_module_is_a_selection_gap(tmp_path):
    """Round 17: pytest applies one ``-k`` to every path of the command, so the keywords
    that pick tests out of a broad file also filtered ``k_dijkstra``'s own test file and
    doctests down to nothing (its mutants ran 7 tests of 143). The tool now refuses a
    selection whose ``-k`` keeps no test of a listed entry."""
    import mutants as tool

    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_broad.py").write_text(
        "def test_harmonic():\n    pass\n\n\ndef test_other():\n    pass\n"
    )
    (tmp_path / "tests" / "test_own.py").write_text("def test_kernel():\n    pass\n")
    (tmp_path / "mod.py").write_text('def f():\n    """\n    >>> 1\n    1\n    """\n')
    files = ["tests/test_broad.py", "tests/test_own.py", "--doctest-modules", "mod.py"]
    gaps = tool.selection_gaps([*files, "-k", "harmonic"], cwd=tmp_path)
    assert gaps == ["tests/test_own.py", "--doctest-modules mod.py"]
    assert tool.selection_gaps([*files, "-k", "harmonic or own or mod"], cwd=tmp_path) == []
    assert tool.selection_gaps(files, cwd=tmp_path) == []  # no -k: nothing filtered
    counts = tool.selection_counts([*files, "-k", "harmonic"], cwd=tmp_path)
    assert counts == [
        ("tests/test_broad.py", 1, 2),
        ("tests/test_own.py", 0, 1),
        ("--doctest-modules mod.py", 0, 1),
    ]


def test_a_modules_documented_defaults_case_survives_its_keyword_filter():
    """Round 17: each sampled module that defines public defaults runs their
    docstring check; its ``-k`` is widened with ``or documented_defaults`` so the case is
    kept, and a selection without ``-k`` just gains it."""
    import mutant_selection as tool  # the selection tables live beside the runner

    case = "tests/test_documented_defaults.py::test_documented_defaults[clusternet.bass]"
    got = tool._with_documented_defaults(
        ["tests/a.py", "-k", "x or y", "--x"], ("clusternet.bass",)
    )
    assert got == [case, "tests/a.py", "-k", "(x or y) or documented_defaults", "--x"]
    assert tool._with_documented_defaults(["tests/a.py"], ("clusternet.bass",)) == [
        case,
        "tests/a.py",
    ]
    for name, apis in tool.DOCUMENTED_DEFAULTS.items():
        tests = tool.SAMPLED[name][1]
        assert tests[: len(apis)] == [
            f"tests/test_documented_defaults.py::test_documented_defaults[{a}]" for a in apis
        ]
        if "-k" in tests:
            assert tests[tests.index("-k") + 1].endswith(" or documented_defaults")


def test_every_argued_equivalent_names_a_mutant_of_the_module_as_it_is():
    """An edit above an argued line moves its mutant to another key, and a later draw of
    it then counts as an unargued survivor (round 17: 42 keys had moved; the seed-2035
    survivor d_model L651 had been argued in round 10 as L755). Renumber with
    ``python tools/mutants.py --follow-equivalents <commit before the edit>``."""
    import mutants as tool

    assert tool.stale_equivalents() == []


def test_follow_equivalents_finds_a_moved_line_by_its_text(tmp_path, monkeypatch):
    """Two lines inserted above an argued ``x + 1`` move its mutant from L2 to L4; the key
    is found again by the line's text, the column and the change; a changed line is not."""
    import subprocess

    import mutants as tool

    def git(*args):
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    (tmp_path / "m.py").write_text("def f(x):\n    return x + 1\n\n\ndef g(y):\n    return y * 3\n")
    git("init", "-q")
    git("-c", "user.email=a@b", "-c", "user.name=a", "add", "m.py")
    git("-c", "user.email=a@b", "-c", "user.name=a", "commit", "-qm", "base")
    (tmp_path / "m.py").write_text(
        "import math\n\n\ndef f(x):\n    return x + 1\n\n\ndef g(y):\n    return y * 4\n"
    )
    monkeypatch.setattr(tool, "ROOT", tmp_path)
    monkeypatch.setattr(tool, "SAMPLED", {"m": ("m.py", [])})
    monkeypatch.setattr(
        tool, "EQUIVALENT", {"m": {"L2:C11 + -> -": "argued", "L6:C11 * -> /": "argued"}}
    )
    assert sorted(tool.stale_equivalents()) == [("m", "L2:C11 + -> -"), ("m", "L6:C11 * -> /")]
    moved = tool.follow_equivalents("HEAD")
    assert moved == {("m", "L2:C11 + -> -"): "L5:C11 + -> -", ("m", "L6:C11 * -> /"): None}


def test_a_timeout_is_rerun_and_keeps_its_second_status(capsys):
    # round 29: 8 of seed 2050's mutants timed out at the 30 s floor; rerun warm, 5 survived
    # and 3 were killed. A timeout now counts only if the mutant times out twice.
    import mutants as tool

    rows = [
        {"index": 3, "key": "L1:C0 + -> -", "status": "timeout", "seconds": 30.0},
        {"index": 5, "key": "L2:C0 < -> <=", "status": "timeout", "seconds": 30.1},
        {"index": 7, "key": "L3:C0 1 -> 2", "status": "survived", "seconds": 4.0},
        {"index": 9, "key": "L4:C0 and -> or", "status": "timeout", "seconds": 30.0},
    ]
    second = {3: ("survived", 5.04), 5: ("killed", 5.6), 9: ("timeout", 600.0)}
    asked = []

    def run(index):
        asked.append(index)
        return second[index]

    tool.recheck_timeouts(rows, run, "m")
    assert asked == [3, 5, 9]  # each timeout once, nothing else
    assert [r["status"] for r in rows] == ["survived", "killed", "survived", "timeout"]
    assert [r.get("first_status") for r in rows] == ["timeout", "timeout", None, "timeout"]
    assert rows[0]["seconds"] == 5.0 and rows[0]["first_seconds"] == 30.0
    assert rows[2] == {"index": 7, "key": "L3:C0 1 -> 2", "status": "survived", "seconds": 4.0}
    assert "L1:C0 + -> -" in capsys.readouterr().out
