"""Run mutmut on one module at a time, with only the tests that exercise it.

mutmut reads one ``[tool.mutmut]`` table and first runs its whole test selection to learn
which test reaches which function; over the full suite that alone takes longer than a
shared two-core machine can give. This script runs one module per call, in its own
scratch folder (``build/mutants/<name>/``), whose ``pyproject.toml`` is the project's with
the ``[tool.mutmut]`` table replaced by that module's file and test files (``MODULES``
below). It prints, and writes to ``build/mutants/<name>/score.json``, the counts mutmut
records: mutants, killed, survived, timeouts, not checked, and the score.

Usage::

    python tools/mutants.py composite            # one module
    python tools/mutants.py --list               # the modules and their tests
    python tools/mutants.py composite --survivors  # print every surviving mutant's diff

The Numba kernels (``@njit``) are decorated functions, which mutmut 3 does not mutate;
see docs/contributing.md for how their mutants are run.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent

#: module name -> (file to mutate, test files that exercise it)
MODULES: dict[str, tuple[str, list[str]]] = {
    "composite": (
        "clusternet/measures/composite.py",
        [
            f"tests/test_measures.py::{name}"
            for name in (
                "test_normalisations_by_hand",
                "test_aggregations_by_hand",
                "test_geometric_is_zero_when_a_component_is_zero",
                "test_composite_errors",
                "test_sobol_additive_model",
                "test_sensitivity_of_a_ranking",
                "test_normalize_survives_values_near_float_max",
                "test_composite_index_refuses_inf_and_names_it",
            )
        ]
        + ["tests/test_composite_mutants.py"],
    ),
    "capacity": (
        "clusternet/measures/capacity.py",
        [
            f"tests/test_measures.py::{name}"
            for name in ("test_cluster_summary_takes_sizes_as_a_list_and_names_bad_sizes",)
        ]
        + ["tests/test_capacity_mutants.py"],
    ),
    "centrality": (
        "clusternet/centrality.py",
        ["tests/test_centrality.py", "tests/test_fuzz_centrality.py"],
    ),
    "diffusion": (
        "clusternet/diffusion.py",
        ["tests/test_diffusion.py", "tests/test_fuzz_diffusion.py"],
    ),
    "structure": (
        "clusternet/structure.py",
        [
            "tests/test_centrality.py",
            "tests/test_degenerate.py::test_degenerate_case",  # the page test needs docs/
            "tests/test_structure_mutants.py",
        ],
    ),
}

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


def main(argv: list[str] | None = None) -> int:
    """Run (or, with ``--survivors``, report) one module's mutants; print its counts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("module", nargs="?", choices=sorted(MODULES))
    parser.add_argument("--list", action="store_true", help="list the modules and their tests")
    parser.add_argument("--max-children", type=int, default=2)
    parser.add_argument("--survivors", action="store_true", help="print the surviving mutants")
    args = parser.parse_args(argv)
    if args.list or args.module is None:
        for name, (source, tests) in MODULES.items():
            print(f"{name:12s} {source}  <-  {' '.join(tests)}")
        return 0
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


if __name__ == "__main__":
    sys.exit(main())
