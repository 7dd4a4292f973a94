"""Mutation testing: a seeded sample of mutants per module, or mutmut per module.

**Sampled (the default, ``make mutants``).** Our own small AST mutator, modelled on
cosmic-ray's operator set, mutates one module at a time: binary operators (``+ -> -``,
``* -> /`` ...), comparisons (boundary ``< -> <=`` and negation ``< -> >=``), ``and <-> or``,
removal of unary ``-`` and ``not``, numbers (``n -> n + 1``, ``True <-> False``) and
``break <-> continue``. Annotations, decorators (``@njit(cache=True)``), docstrings and
``stacklevel=`` are left alone. A simple random sample of ``--n`` mutants is drawn from all
of a module's mutants with a seed per module (mutant sampling, Wong & Mathur 1995;
Gopinath et al. 2015 show sampled scores track full ones). Each mutant is written over the
module in a private copy of the package (``build/mutants/sampled/<name>/w<k>/``) and the
module's fast tests run with the JIT on: Numba's on-disk cache of the other modules stays
valid in the copy, so only the mutated module recompiles. A mutant is killed when a test
fails, the mutated module does not import or compile, or the run exceeds four times the
unmutated run (at least 30 s). The score is killed over sampled less the survivors argued
equivalent (:data:`EQUIVALENT`), with its 95 % Wilson interval; results go to
``build/mutants/sampled/<name>.json`` (another seed's to ``<name>.s<seed>.json``, so that a
held-out sample leaves the answered one alone). ``--report`` only reads them.

**mutmut (``--mutmut``).** mutmut 3 per module with only that module's tests, in
``build/mutants/<name>/`` (``MODULES`` of ``tools/mutant_selection.py``); it skips decorated functions, so it cannot
reach the Numba kernels.

Usage::

    python tools/mutants.py --list                       # modules and their tests
    python tools/mutants.py linalg composite --n 40      # seeded sample, 40 per module
    python tools/mutants.py linalg --full                # every mutant of the module
    python tools/mutants.py linalg --report --survivors  # stored result, surviving mutants
    python tools/mutants.py linalg --rerun-survivors     # after adding tests
    python tools/mutants.py k_dynamics --keys "L376:C15 < -> <="  # named mutants only
    python tools/mutants.py --report --table             # the table in docs/contributing.md
    python tools/mutants.py linalg --seed 2027 --n 20    # a held-out sample (own result file)
    python tools/mutants.py --count                      # every module's number of mutants
    python tools/mutants.py --mutmut composite           # mutmut 3 on one module
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import random
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from pathlib import Path

from ast_mutator import Mutant, mutants_of, mutated_source, sample, wilson
from mutant_equivalents import EQUIVALENT
from mutant_selection import MODULES, SAMPLED

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent

SAMPLED_PYTEST_ARGS = ["-m", "not slow", "-p", "no:cacheprovider", "-q", "-o", "addopts=", "-x"]
PYTEST_ARGS = ["-m", "not slow", "-p", "no:cacheprovider", "-q", "-o", "addopts=", "-x"]


def _mutmut_table(source: str, tests: list[str]) -> str:
    lines = [
        "[tool.mutmut]",
        'source_paths = ["clusternet"]',
        f"only_mutate = [{json.dumps(source)}]",
        f"pytest_add_cli_args = {json.dumps(PYTEST_ARGS)}",
        f"pytest_add_cli_args_test_selection = {json.dumps(tests)}",
        "use_git_change_detection = false",
        # Numba's thread pool is not fork-safe: fork the workers from a server process
        # that has collected the tests (imported the package) but never run a kernel
        'process_isolation = "forkserver"',
        "",
    ]
    return "\n".join(lines)


def prepare(name: str) -> Path:
    """Make ``build/mutants/<name>/`` with links to the package and tests and its own table."""
    source, tests = MODULES[name]
    tests = [t for t in tests if (ROOT / t.split("::")[0]).exists()]
    scratch = ROOT / "build" / "mutants" / name
    scratch.mkdir(parents=True, exist_ok=True)
    for folder in ("clusternet", "tests"):  # copies: mutmut does not follow links
        shutil.copytree(
            ROOT / folder,
            scratch / folder,
            dirs_exist_ok=True,
            ignore=shutil.ignore_patterns("__pycache__", "*.nbi", "*.nbc"),
        )
    # mutmut puts mutants/ on sys.path only if it exists when it starts; a path that
    # does not exist at the first import is cached as empty and the unmutated package
    # is imported instead (no test then reaches a mutant)
    (scratch / "mutants").mkdir(exist_ok=True)
    text = (ROOT / "pyproject.toml").read_text()
    text = re.sub(r"\[tool\.mutmut\].*?(?=^\[|\Z)", "", text, flags=re.S | re.M)
    (scratch / "pyproject.toml").write_text(text + "\n" + _mutmut_table(source, tests))
    return scratch


def counts(scratch: Path) -> dict[str, float]:
    """Counts from mutmut's own CI/CD export, and the score (killed + timeouts over checked)."""
    subprocess.run(
        [str(BIN / "mutmut"), "export-cicd-stats"], cwd=scratch, check=True, capture_output=True
    )
    stats = json.loads((scratch / "mutants" / "mutmut-cicd-stats.json").read_text())
    checked = int(stats["total"]) - int(stats.get("skipped", 0)) - int(stats.get("no_tests", 0))
    killed = int(stats["killed"]) + int(stats.get("timeout", 0))
    stats["score"] = round(100.0 * killed / checked, 1) if checked else 0.0
    return stats


def main_mutmut(args: argparse.Namespace) -> int:
    """Run (or, with ``--survivors``, report) one module's mutmut mutants; print counts."""
    if len(args.modules) != 1 or args.modules[0] not in MODULES:
        raise SystemExit(f"--mutmut takes one of {sorted(MODULES)}")
    args.module = args.modules[0]
    scratch = prepare(args.module)
    env = dict(os.environ, PYTHONPATH=str(scratch / "mutants"))
    if not args.survivors:
        subprocess.run(
            [str(BIN / "mutmut"), "run", "--max-children", str(args.max_children)],
            cwd=scratch,
            env=env,
            check=False,
        )
    stats = counts(scratch)
    (scratch / "score.json").write_text(json.dumps(stats, indent=1) + "\n")
    print(json.dumps(stats))
    if args.survivors:
        out = subprocess.run(
            [str(BIN / "mutmut"), "results"],
            cwd=scratch,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for line in out.splitlines():
            name = line.split(":")[0].strip()
            if name:
                subprocess.run(
                    [str(BIN / "mutmut"), "show", name], cwd=scratch, env=env, check=False
                )
    return 0


# ---------------------------------------------------------------------------------------
# Sampled mutants: our own AST mutator (every module, the Numba kernels included); which
# tests each module runs is tools/mutant_selection.py's SAMPLED
# ---------------------------------------------------------------------------------------


def _scratch(name: str, worker: int) -> Path:
    """A private copy of the package and tests for one worker (Numba's cache kept warm).

    ``copytree`` keeps modification times, so the ``__pycache__`` index files Numba wrote
    for the checkout stay valid in the copy and only the mutated module recompiles.
    """
    scratch = ROOT / "build" / "mutants" / "sampled" / name / f"w{worker}"
    scratch.mkdir(parents=True, exist_ok=True)
    # docs/ too: some tests check a page against the code (docs/parameters.md, docs/model.md);
    # tools/ and examples/ for the result files that tests check pages against
    for folder in ("clusternet", "tests", "docs", "tools", "examples"):
        shutil.copytree(ROOT / folder, scratch / folder, dirs_exist_ok=True)
    # the root conftest.py holds fixtures that the tests and the doctests share
    for top in ("pyproject.toml", "conftest.py"):
        shutil.copy2(ROOT / top, scratch / top)
    return scratch


#: the test runs in flight (each in its own session): killed with the tool, so that a
#: ``timeout`` around ``tools/mutants.py`` leaves no endless mutant running
_LIVE: set[int] = set()


def _stop_children(signum: int, _frame: object) -> None:
    """Kill every test run in flight, then exit at once with status 128 + signum."""
    for pid in list(_LIVE):
        try:
            os.killpg(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    os._exit(128 + signum)  # not sys.exit: the pool would go on with queued mutants


def _drop_jit_cache(scratch: Path, rel: str) -> int:
    """Remove Numba's cache files of module ``rel`` in ``scratch``; return how many.

    Numba keys a cached kernel by a hash of its file's *content*, so a baseline run of the
    re-printed module could load the kernels an earlier baseline (a ``--rerun-survivors``
    after a first pass) compiled, while every mutant compiles afresh: the time limit,
    four times the baseline, would then be set by a run that compiled nothing. With the
    module's cache dropped before every run, the baseline and each mutant compile the
    mutated module alike (the other modules' cache stays warm in both).
    """
    path = scratch / rel
    removed = 0
    for entry in (path.parent / "__pycache__").glob(f"{path.stem}.*"):
        if entry.suffix in (".nbi", ".nbc"):
            entry.unlink()
            removed += 1
    return removed


def _collected(entry: list[str], keyword: str | None, cwd: Path) -> int:
    """How many fast tests ``entry`` (a path, a node id or a doctest module) collects."""
    command = [sys.executable, "-m", "pytest", "--collect-only", "-q", "-o", "addopts="]
    command += ["-p", "no:cacheprovider", "-m", "not slow", *entry]
    if keyword is not None:
        command += ["-k", keyword]
    out = subprocess.run(command, cwd=cwd, capture_output=True, text=True).stdout
    found = re.search(r"^(\d+)(?:/\d+)? tests? collected", out, flags=re.M)
    return int(found.group(1)) if found else 0


def selection_counts(tests: list[str], cwd: Path = ROOT) -> list[tuple[str, int, int]]:
    """``(entry, kept, collected)`` for each entry of a selection with a ``-k``.

    pytest applies one ``-k`` to every path of the command, so a keyword meant to pick
    tests out of a broad file (``tests/test_centrality.py``) also filters the module's
    own test file and its docstring examples: ``kept`` is what the ``-k`` leaves of the
    ``collected`` fast tests. Empty for a selection without ``-k``.
    """
    if "-k" not in tests:
        return []
    expr = tests[tests.index("-k") + 1]
    entries: list[list[str]] = []
    for i, arg in enumerate(tests):
        if arg.startswith("tests/"):
            entries.append([arg])
        elif arg == "--doctest-modules":
            entries.append(["--doctest-modules", tests[i + 1]])
    return [(" ".join(e), _collected(e, expr, cwd), _collected(e, None, cwd)) for e in entries]


def selection_gaps(tests: list[str], cwd: Path = ROOT) -> list[str]:
    """The entries of a module's test selection that its ``-k`` expression empties.

    An entry that keeps no test at all is a selection error (round 17: ``k_dijkstra``'s
    keywords kept none of ``tests/test_paths_kernels.py``'s 41 tests nor its two
    doctests); :func:`selection_counts` gives every entry's share. Returns the emptied
    entries (none when the selection has no ``-k``).
    """
    return [entry for entry, kept, _ in selection_counts(tests, cwd) if kept == 0]


def _run_one(
    scratch: Path, rel: str, text: str, tests: list[str], timeout: float, env: dict[str, str]
) -> tuple[str, float]:
    """Write ``text`` over ``rel`` in ``scratch``, run the tests; (status, seconds).

    The module's Numba cache is dropped first (:func:`_drop_jit_cache`), so the unmutated
    baseline and every mutant pay the same compilation.
    """
    path = scratch / rel
    _drop_jit_cache(scratch, rel)
    path.write_text(text)
    # a fresh, strictly later stamp: neither a stale .pyc nor a stale Numba cache entry
    # can stand in for the mutated source
    stamp = max(time.time(), path.stat().st_mtime) + 2
    os.utime(path, (stamp, stamp))
    start = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-m", "pytest", *SAMPLED_PYTEST_ARGS, *tests],
        cwd=scratch,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    _LIVE.add(proc.pid)
    try:
        rc = proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        return "timeout", time.monotonic() - start
    finally:
        _LIVE.discard(proc.pid)
    seconds = time.monotonic() - start
    # 0: every test passed; 1: a test failed; 2-4: the mutated module broke collection
    # (an import-time error, or Numba refused to compile it); 5: nothing was selected
    status = {0: "survived", 1: "killed", 5: "no tests"}.get(rc, "killed (error)")
    return status, seconds


#: Time limit of the second run of a mutant that timed out (seconds; at least 20 baselines).
#: Round 29's confirmatory sample (seed 2050) had 8 timeouts at the 30 s floor; rerun warm
#: with this limit, 3 were killed in about 5 s and 5 survived: the first runs had been slow
#: (a cold worker copy compiling, or load), not hung, and counting them killed had raised
#: the score. A mutant counts as a timeout only if it times out twice.
TIMEOUT_RECHECK_S = 600.0


def recheck_timeouts(results: list[dict], run, name: str) -> None:
    """Run each ``timeout`` result once more with ``run(index)`` and keep the second status.

    ``run`` returns ``(status, seconds)``, as :func:`_run_one`. The first status and time
    stay in the row (``first_status``, ``first_seconds``), so a report can show both.
    """
    for row in results:
        if row["status"] != "timeout":
            continue
        status, seconds = run(row["index"])
        row.update(first_status="timeout", first_seconds=row["seconds"])
        row.update(status=status, seconds=round(seconds, 1))
        print(f"  {name} {row['key']:40s} timeout, again: {status} {seconds:6.1f} s", flush=True)


def run_sampled(
    name: str,
    n: int | None,
    seed: int,
    jobs: int,
    nojit: bool,
    only: set[str] | None = None,
    partial: str = ".partial.json",
) -> dict:
    """Run a seeded sample of ``n`` mutants of one module (all of them when ``n`` is None)."""
    partial_suffix = partial
    rel, tests = SAMPLED[name]
    # a module's own mutant-test file may not exist yet (before its first pass)
    tests = [
        t
        for t in tests
        if not t.startswith(("tests/", "clusternet/")) or (ROOT / t.split("::")[0]).exists()
    ]
    source = (ROOT / rel).read_text()
    everything = mutants_of(source)
    chosen = everything if n is None else sample(everything, n, seed, name)
    if only is not None:
        chosen = [m for m in chosen if m.key in only]
        missing = sorted(set(only) - {m.key for m in chosen})
        if missing:  # an edit moved the line or column: the stored key names no mutant now
            raise SystemExit(
                f"{name}: no mutant {missing} in {rel} as it is now (did an edit move its "
                "line or column?); restore the layout or redraw the sample"
            )
    counts = selection_counts(tests)
    gaps = [entry for entry, kept, _ in counts if kept == 0]
    if gaps:
        raise SystemExit(f"{name}: its -k keeps no test of {gaps}; widen the keywords")
    partial = [f"{entry} {kept}/{total}" for entry, kept, total in counts if kept < total]
    if partial:  # a keyword filter over a file: say what it leaves
        print(f"  {name} selection, kept by -k: {'; '.join(partial)}", flush=True)
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", PYTHONHASHSEED="0")
    env["PYTHONPATH"] = ""
    if nojit:
        env["NUMBA_DISABLE_JIT"] = "1"
    jobs = max(1, min(jobs, len(chosen) or 1))
    pool: queue.Queue[Path] = queue.Queue()
    for w in range(jobs):
        pool.put(_scratch(name, w))
    # the re-printed, unmutated module must pass: it fixes the time budget per mutant
    base_dir = pool.get()
    env["PYTHONPATH"] = str(base_dir)
    status, base = _run_one(base_dir, rel, mutated_source(source, -1), tests, 1800, env)
    pool.put(base_dir)
    if status != "survived":
        raise SystemExit(f"{name}: the unmutated module fails its tests ({status}); fix first")
    timeout = max(30.0, 4.0 * base)
    print(f"  {name} baseline {base:.1f} s, time limit {timeout:.1f} s per mutant", flush=True)
    lines = source.splitlines()
    results: list[dict] = []

    def work(m: Mutant) -> dict:
        scratch = pool.get()
        try:
            wenv = dict(env, PYTHONPATH=str(scratch))
            text = mutated_source(source, m.index)
            st, sec = _run_one(scratch, rel, text, tests, timeout, wenv)
        finally:
            pool.put(scratch)
        row = {**asdict(m), "key": m.key, "status": st, "seconds": round(sec, 1)}
        row["source"] = lines[m.line - 1].strip() if 0 < m.line <= len(lines) else ""
        print(f"  {name} {m.key:40s} {st:15s} {sec:6.1f} s", flush=True)
        with lock:  # an interrupted run still leaves what it measured
            done.append(row)
            partial = {"module": name, "file": rel, "tests": tests, "seed": seed}
            partial.update(population=len(everything), baseline_s=round(base, 1))
            partial.update(wall_s=round(time.monotonic() - started, 1), results=done)
            _results_path(name, partial_suffix, seed).write_text(json.dumps(partial, indent=1))
        return row

    started = time.monotonic()
    lock = threading.Lock()
    done: list[dict] = []
    with ThreadPoolExecutor(max_workers=jobs) as ex:
        results = list(ex.map(work, chosen))
    recheck_timeouts(results, lambda m: _run_one(
        base_dir, rel, mutated_source(source, m), tests, max(TIMEOUT_RECHECK_S, 20.0 * base),
        dict(env, PYTHONPATH=str(base_dir)),
    ), name)  # fmt: skip
    for w in range(jobs):  # leave the scratch copies unmutated
        scratch = ROOT / "build" / "mutants" / "sampled" / name / f"w{w}"
        shutil.copy2(ROOT / rel, scratch / rel)
    summary = {
        "module": name,
        "file": rel,
        "tests": tests,
        "seed": seed,
        "jit": not nojit,
        "population": len(everything),
        "baseline_s": round(base, 1),
        "timeout_s": round(timeout, 1),
        "wall_s": round(time.monotonic() - started, 1),
        "results": results,
    }
    return summary


def score(summary: dict, name: str) -> dict:
    """Sampled, killed, survived, argued equivalent; the score and its 95 % Wilson interval.

    Score = killed (timeouts and compile/import errors included) over sampled mutants less
    those argued equivalent in :data:`EQUIVALENT`.
    """
    res = [r for r in summary["results"] if r["status"] != "no tests"]
    killed = sum(r["status"] != "survived" for r in res)
    survivors = [r for r in res if r["status"] == "survived"]
    equivalent = [r for r in survivors if r["key"] in EQUIVALENT.get(name, {})]
    n = len(res) - len(equivalent)
    lo, hi = wilson(killed, n)
    return {
        "sampled": len(res),
        "killed": killed,
        "survived": len(survivors) - len(equivalent),
        "equivalent": len(equivalent),
        "score": round(100.0 * killed / n, 1) if n else None,  # none left to score
        "wilson95": [round(100 * lo, 1), round(100 * hi, 1)],
    }


def _first_pass(summary: dict) -> dict[str, int]:
    """Killed and sampled before any test was added for this sample's survivors.

    The stored first pass of a rerun sample, else the results as they stand.
    """
    if "first_pass" in summary:
        return summary["first_pass"]
    res = [r for r in summary["results"] if r["status"] != "no tests"]
    return {"killed": sum(r["status"] != "survived" for r in res), "sampled": len(res)}


def _first(summary: dict) -> str:
    """Killed of sampled before any test was added for this sample's survivors."""
    first = _first_pass(summary)
    return f"{first['killed']}/{first['sampled']}"


def _jit(summary: dict) -> str:
    first = "on" if summary.get("jit", True) else "off"
    if "rerun_jit" in summary:
        return f"{first}, survivors rerun {'on' if summary['rerun_jit'] else 'off'}"
    return first


#: the seed of the tables in docs/contributing.md; another seed's results get their own files
DEFAULT_SEED = 2026


def _results_path(name: str, suffix: str = ".json", seed: int = DEFAULT_SEED) -> Path:
    """Where a module's results of one seed go: ``<name>.json``, ``<name>.s2027.json``...

    A held-out sample (another seed) must not overwrite the answered sample of the
    default seed, nor its rerun be mixed with it.
    """
    tag = "" if seed == DEFAULT_SEED else f".s{seed}"
    return ROOT / "build" / "mutants" / "sampled" / f"{name}{tag}{suffix}"


def _print_survivors(summary: dict, name: str) -> None:
    """Each surviving mutant's key and line, with its argument where it is argued equivalent."""
    for r in summary["results"]:
        if r["status"] == "survived":
            eq = EQUIVALENT.get(name, {}).get(r["key"])
            tag = f"  [equivalent: {eq}]" if eq else ""
            print(f"    {r['key']}: {r['source']}{tag}")


def scope_sample(n: int, seed: int, names: list[str] | None = None) -> dict[str, list[str]]:
    """A simple random sample of ``n`` mutants from the union of the modules' mutants.

    Every mutant of the scope (each file counted once, under the first name that maps to
    it) has the same chance, so a module enters in proportion to its population and the
    pooled score estimates the kill rate of the whole scope, not an average of modules.
    Returns the chosen mutants' keys per module name.
    """
    pool: list[tuple[str, str]] = []
    files: set[str] = set()
    for name in names or list(SAMPLED):
        rel = SAMPLED[name][0]
        if rel in files:
            continue
        files.add(rel)
        pool.extend((name, m.key) for m in mutants_of((ROOT / rel).read_text()))
    rng = random.Random(f"{seed}:scope")
    chosen: dict[str, list[str]] = {}
    for name, key in rng.sample(pool, min(n, len(pool))):
        chosen.setdefault(name, []).append(key)
    return chosen


def main_scope(args: argparse.Namespace) -> int:
    """Run (or, with ``--report``, pool) a scope-wide sample of ``args.scope`` mutants."""
    chosen = scope_sample(args.scope, args.seed, args.modules or None)
    pooled = {"killed": 0, "sampled": 0, "equivalent": 0}
    first = {"killed": 0, "sampled": 0}
    for name in sorted(chosen, key=list(SAMPLED).index):
        path = _results_path(name, seed=args.seed)
        if args.report or path.exists():
            if not path.exists():
                print(f"{name}: not run")
                continue
            summary = json.loads(path.read_text())
        else:
            summary = run_sampled(
                name, None, args.seed, args.jobs, args.nojit, only=set(chosen[name])
            )
            summary["scope"] = args.scope
            summary["score"] = score(summary, name)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(summary, indent=1) + "\n")
        s = score(summary, name)
        pooled["killed"] += s["killed"]
        pooled["sampled"] += s["sampled"]
        pooled["equivalent"] += s["equivalent"]
        fp = _first_pass(summary)
        first["killed"] += fp["killed"]
        first["sampled"] += fp["sampled"]
        print(f"{name}: {s['killed']}/{s['sampled']} killed, {s['equivalent']} equivalent")
        if args.survivors:
            _print_survivors(summary, name)
    n = pooled["sampled"] - pooled["equivalent"]
    lo, hi = wilson(pooled["killed"], n)
    flo, fhi = wilson(first["killed"], first["sampled"])
    print(
        f"scope (seed {args.seed}, {args.scope} mutants over {len(chosen)} modules): "
        f"{pooled['killed']}/{n} killed less {pooled['equivalent']} equivalent = "
        f"{100 * pooled['killed'] / max(n, 1):.1f} % [95 % CI {100 * lo:.1f}-{100 * hi:.1f}]; "
        f"first pass {first['killed']}/{first['sampled']} = "
        f"{100 * first['killed'] / max(first['sampled'], 1):.1f} % [{100 * flo:.1f}-{100 * fhi:.1f}]"
    )
    # the held-out estimate: the first pass over the mutants not argued equivalent
    m = first["sampled"] - pooled["equivalent"]
    elo, ehi = wilson(first["killed"], m)
    print(
        f"first pass less the equivalent: {first['killed']}/{m} = "
        f"{100 * first['killed'] / max(m, 1):.1f} % [95 % CI {100 * elo:.1f}-{100 * ehi:.1f}]"
    )
    return 0


def main_sampled(args: argparse.Namespace) -> int:
    """Run (or report) sampled mutants of the named modules."""
    names = args.modules or list(SAMPLED)
    unknown = [m for m in names if m not in SAMPLED]
    if unknown:
        raise SystemExit(f"unknown module(s) {unknown}; --list names them")
    rows = []
    if args.keys:  # named mutants only: their status, the module's stored sample untouched
        if len(names) != 1:
            raise SystemExit("--keys takes one module")
        fresh = run_sampled(
            names[0],
            None,
            args.seed,
            args.jobs,
            args.nojit,
            only=set(args.keys),
            partial=".keys.json",
        )
        missing = set(args.keys) - {r["key"] for r in fresh["results"]}
        keys_path = _results_path(names[0], ".keys.json", args.seed)
        keys_path.write_text(json.dumps(fresh, indent=1) + "\n")
        for r in fresh["results"]:
            print(f"    {r['key']}: {r['status']} ({r['seconds']} s)  {r['source']}")
        if missing:
            raise SystemExit(f"no such mutant(s) in {names[0]}: {sorted(missing)}")
        return 0
    if args.count:  # the population of each module, nothing run
        for name in names:
            rel = SAMPLED[name][0]
            print(f"{name:16s} {rel:48s} {len(mutants_of((ROOT / rel).read_text()))}")
        return 0
    for name in names:
        path = _results_path(name, seed=args.seed)
        partial_path = _results_path(name, ".partial.json", args.seed)
        if args.report:
            if not path.exists() and partial_path.exists():
                path = partial_path  # an interrupted run
            if not path.exists():
                print(f"{name}: not run")
                continue
            summary = json.loads(path.read_text())
        elif args.rerun_survivors and (path.exists() or partial_path.exists()):
            if not path.exists():  # a run stopped at its time limit: rerun what it measured
                path = partial_path
            summary = json.loads(path.read_text())
            summary["first_pass"] = _first_pass(summary)  # the score before the new tests
            # timeouts too: on a shared machine a slow run may be load, not a hang
            keys = {r["key"] for r in summary["results"] if r["status"] in ("survived", "timeout")}
            keys -= set(EQUIVALENT.get(name, {}))  # argued equivalent: nothing to rerun
            if not keys:  # nothing survives: no baseline run, the stored result stands
                summary["score"] = score(summary, name)
                rows.append((name, summary, summary["score"]))
                print(f"{name}: no survivor to rerun", flush=True)
                continue
            fresh = run_sampled(  # its own partial file: the stored sample stays intact
                name, None, args.seed, args.jobs, args.nojit, only=keys, partial=".rerun.json"
            )
            by_key = {r["key"]: r for r in fresh["results"]}
            summary["results"] = [by_key.get(r["key"], r) for r in summary["results"]]
            summary["rerun_jit"] = not args.nojit
            # the rerun's own selection and time budget: the stored "tests" and "baseline_s"
            # are the first pass's, and a selection grown since then has a longer baseline
            summary["rerun_tests"] = fresh["tests"]
            summary["rerun_baseline_s"] = fresh["baseline_s"]
            summary["rerun_timeout_s"] = fresh["timeout_s"]
        else:
            n = None if args.full else args.n
            summary = run_sampled(name, n, args.seed, args.jobs, args.nojit)
        summary["score"] = score(summary, name)
        if not args.report:  # a report reads the stored results and writes nothing
            path = _results_path(name, seed=args.seed)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(summary, indent=1) + "\n")
        s = summary["score"]
        rows.append((name, summary, s))
        print(
            f"{name}: {s['killed']}/{s['sampled'] - s['equivalent']} killed "
            f"({s['equivalent']} equivalent) = {'n/a' if s['score'] is None else str(s['score']) + ' %'} "
            f"[95 % CI {s['wilson95'][0]}-{s['wilson95'][1]}] "
            f"of {summary['population']} mutants; {summary['wall_s']} s",
            flush=True,
        )
        if args.survivors:
            _print_survivors(summary, name)
    if args.table:
        print(
            "| Module | Population | Sampled | First pass | Killed | Equivalent | Survived "
            "| Score | 95 % interval | JIT |"
        )
        print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
        for _name, summary, s in rows:
            print(
                f"| `{summary['file'].removeprefix('clusternet/')}` | {summary['population']} | "
                f"{s['sampled']} | {_first(summary)} | {s['killed']} | {s['equivalent']} | "
                f"{s['survived']} | "
                f"**{'n/a' if s['score'] is None else str(s['score']) + ' %'}** | "
                f"{s['wilson95'][0]}-{s['wilson95'][1]} % | "
                f"{_jit(summary)} |"
            )
    return 0


def stale_equivalents() -> list[tuple[str, str]]:
    """``(module, key)`` of every argued-equivalent key that names no mutant of the module now.

    A key is a line and column: an edit above an argued line moves its mutant to another
    key, and a later draw of it would count as a survivor (round 17 found 42 such keys,
    one of them a seed-2035 survivor argued in round 10). :func:`follow_equivalents`
    finds where each went.
    """
    stale = []
    for name, keys in EQUIVALENT.items():
        present = {m.key for m in mutants_of((ROOT / SAMPLED[name][0]).read_text())}
        stale += [(name, k) for k in keys if k not in present]
    return stale


def follow_equivalents(base: str) -> dict[tuple[str, str], str | None]:
    """Where each stale key's mutant is now, from the module as it was at commit ``base``.

    The mutant of the key at ``base`` (its source line and change) is looked up in the
    current module: the one mutant with the same change on a line of the same text (and
    the same column when several lines match) is its new key; None when there is no such
    single mutant (the line changed or repeats).
    """
    moved: dict[tuple[str, str], str | None] = {}
    for name, key in stale_equivalents():
        rel = SAMPLED[name][0]
        old_text = subprocess.run(
            ["git", "show", f"{base}:{rel}"], cwd=ROOT, capture_output=True, text=True
        ).stdout
        old = {m.key: m for m in mutants_of(old_text)} if old_text else {}
        if key not in old:
            moved[(name, key)] = None
            continue
        line = old_text.splitlines()[old[key].line - 1].strip()
        text = (ROOT / rel).read_text()
        lines = text.splitlines()
        same = [
            m
            for m in mutants_of(text)
            if m.change == old[key].change and lines[m.line - 1].strip() == line
        ]
        if len(same) > 1:
            same = [m for m in same if m.col == old[key].col]
        moved[(name, key)] = same[0].key if len(same) == 1 else None
    return moved


def main(argv: list[str] | None = None) -> int:
    """Parse the command line; run sampled mutants, or mutmut with ``--mutmut``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help="module names (--list); default: all")
    parser.add_argument("--list", action="store_true", help="list the modules and their tests")
    parser.add_argument("--n", type=int, default=20, help="mutants sampled per module")
    parser.add_argument("--full", action="store_true", help="every mutant, no sampling")
    parser.add_argument(
        "--scope",
        type=int,
        default=None,
        metavar="N",
        help="one sample of N mutants from all the modules' mutants together (each mutant "
        "equally likely), scored pooled; results per module under --seed",
    )
    parser.add_argument("--seed", type=int, default=2026, help="sampling seed")
    parser.add_argument("--jobs", type=int, default=2, help="mutants run at once")
    parser.add_argument("--nojit", action="store_true", help="run with NUMBA_DISABLE_JIT=1")
    parser.add_argument(
        "--report", action="store_true", help="print stored results; run and write nothing"
    )
    parser.add_argument(
        "--count", action="store_true", help="print each module's number of mutants, run none"
    )
    parser.add_argument(
        "--rerun-survivors", action="store_true", help="rerun the survivors and timeouts"
    )
    parser.add_argument("--survivors", action="store_true", help="print the surviving mutants")
    parser.add_argument(
        "--keys",
        nargs="+",
        metavar="KEY",
        help="run only these mutants of one module (e.g. 'L376:C15 < -> <='); results in "
        "build/mutants/sampled/<module>.keys.json, the stored sample left as it is",
    )
    parser.add_argument("--table", action="store_true", help="print a markdown table")
    parser.add_argument(
        "--follow-equivalents",
        metavar="COMMIT",
        help="print where each argued-equivalent key that names no mutant now went since "
        "COMMIT (edit EQUIVALENT by hand)",
    )
    parser.add_argument("--mutmut", action="store_true", help="mutmut 3 on one module")
    parser.add_argument("--max-children", type=int, default=2, help="mutmut workers")
    args = parser.parse_args(argv)
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, _stop_children)
    if args.list:
        for name, (source, tests) in SAMPLED.items():
            print(f"{name:12s} {source}  <-  {' '.join(tests)}")
        print("mutmut (--mutmut):")
        for name, (source, tests) in MODULES.items():
            print(f"{name:12s} {source}  <-  {' '.join(tests)}")
        return 0
    if args.follow_equivalents:
        for (name, key), now in follow_equivalents(args.follow_equivalents).items():
            print(f"{name:16s} {key!r:32s} -> {now!r}")
        return 0
    if args.mutmut:
        return main_mutmut(args)
    if args.scope is not None and not args.rerun_survivors:
        return main_scope(args)
    if args.scope is not None:
        # rerun the scope's survivors only: the modules its draw chose, not every stored
        # result of the seed (per-module samples may share it)
        chosen = scope_sample(args.scope, args.seed, args.modules or None)
        args.modules = [m for m in SAMPLED if m in chosen]
    return main_sampled(args)


if __name__ == "__main__":
    sys.exit(main())
