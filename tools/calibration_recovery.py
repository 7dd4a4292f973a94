"""Recovery of the generator's parameters by ``fit_generator``: the numbers docs/calibration.md quotes.

Runs exactly the computations of the slow cases of ``tests/test_calibrate_recovery.py``
(loaded from that file: its ``CASES``, ``_recover`` and ``_capped_survey_fits``) and keeps
every estimate in ``tools/calibration_recovery.json``, one key per part, each with its
run's date, commit, settings and seconds (written atomically; a part's rerun replaces only
that part)::

    python tools/calibration_recovery.py cases           # every one-parameter case, seed 101
    python tools/calibration_recovery.py spread 101-108  # same_stage_trade over 8 observed networks
    python tools/calibration_recovery.py cap 303-308     # the capped survey over 6 observed networks
    python tools/calibration_recovery.py page            # rewrite docs/calibration.md's tables

``page`` renders the parts the file holds into docs/calibration.md between
``<!-- recovery:start -->`` and ``<!-- recovery:end -->`` (``tests/test_calibration_page.py``
checks that the page says what the file says).

Run under ``nice -n 10`` from the repository root; each fit takes seconds to a minute on
one core.
"""

from __future__ import annotations

import importlib.util
import json
import sys
import time
from pathlib import Path

import clusternet as cn

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests" / "test_calibrate_recovery.py"
OUT = ROOT / "tools" / "calibration_recovery.json"
DOC = ROOT / "docs" / "calibration.md"
START, END = "<!-- recovery:start -->", "<!-- recovery:end -->"
#: The observed network of ``same_stage_trade``'s spread (the test's xfail case).
SPREAD_CASE = "same_stage_trade"


def _cases():
    spec = importlib.util.spec_from_file_location("calibrate_recovery_cases", TESTS)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def provenance() -> dict:
    """The run's date (UTC) and the commit of the code it ran (``+dirty`` with local edits)."""
    return cn.io.provenance(ROOT)


def seeds_of(text: str) -> list[int]:
    """``"101-108"`` or ``"101,103"`` as a list of seeds.

    Examples
    --------
    >>> seeds_of("101-103"), seeds_of("5,7")
    ([101, 102, 103], [5, 7])
    """
    if "-" in text:
        low, high = (int(k) for k in text.split("-"))
        if high < low:
            raise ValueError(f"seeds: {text!r} runs backwards")
        return list(range(low, high + 1))
    return [int(k) for k in text.split(",")]


def _settings(mod) -> dict:
    return {
        "firms": mod.N_FIRMS,
        "n_sims": mod.SIMS,
        "design": 6,
        "maxiter": 2,
        "fit_seed": 7,
        "search": "powell",
    }


def cases(mod) -> dict:
    """Every one-parameter case at its test's observed network (seed 101)."""
    rows = []
    for name in mod.CASES:
        t0 = time.perf_counter()
        estimate, truth, tol = mod._recover(name)
        row = {
            "parameter": name,
            "truth": truth,
            "estimate": float(estimate),
            "tolerance": tol,
            "within": bool(abs(estimate - truth) <= tol),
            "seconds": round(time.perf_counter() - t0, 1),
        }
        rows.append(row)
        print(json.dumps(row), flush=True)
    return {"observed_seed": 101, "rows": rows}


def spread(mod, seeds: list[int]) -> dict:
    """``same_stage_trade``'s fit of one observed network per seed."""
    rows = []
    for seed in seeds:
        t0 = time.perf_counter()
        estimate, truth, tol = mod._recover(SPREAD_CASE, seed=seed)
        row = {
            "observed_seed": seed,
            "estimate": float(estimate),
            "within": bool(abs(estimate - truth) <= tol),
            "seconds": round(time.perf_counter() - t0, 1),
        }
        rows.append(row)
        print(json.dumps(row), flush=True)
    truth, _, _, _, tol = mod.CASES[SPREAD_CASE]
    return {"parameter": SPREAD_CASE, "truth": truth, "tolerance": tol, "rows": rows}


def cap(mod, seeds: list[int]) -> dict:
    """The capped-survey case (a cap of two friends) of one observed network per seed."""
    rows = []
    for seed in seeds:
        t0 = time.perf_counter()
        capped, roster = mod._capped_survey_fits(seed)
        row = {
            "observed_seed": seed,
            "capped": float(capped),
            "roster": float(roster),
            "within": bool(abs(capped - mod.CAP_TRUTH) <= 1.0),
            "seconds": round(time.perf_counter() - t0, 1),
        }
        rows.append(row)
        print(json.dumps(row), flush=True)
    return {"parameter": "social_degree", "truth": mod.CAP_TRUTH, "tolerance": 1.0, "rows": rows}


def _stamp(part: dict) -> str:
    return (
        f"`{part['command']}`, run {part['run']} at commit {part['commit']}, "
        f"{part['wall_s']:.0f} s of wall time and {part['cpu_s']:.0f} s of CPU under `nice`"
    )


def page_block(stored: dict) -> str:
    """The recovery tables of docs/calibration.md (between their markers) from ``stored``.

    Examples
    --------
    >>> part = {"command": "c", "run": "r", "commit": "x", "wall_s": 1.0, "cpu_s": 1.0,
    ...         "settings": {"firms": 150, "n_sims": 16, "design": 6, "maxiter": 2,
    ...                      "fit_seed": 7, "search": "powell"}, "observed_seed": 101,
    ...         "rows": [{"parameter": "a", "truth": 0.3, "estimate": 0.31,
    ...                   "tolerance": 0.08, "within": True, "seconds": 1.0}]}
    >>> print(page_block({"cases": part}).splitlines()[5])
    | a | 0.3 | 0.31 | 0.08 | yes | 1 |
    """
    lines = [START]
    if "cases" in stored:
        part = stored["cases"]
        st = part["settings"]
        rows = part["rows"]
        lines += [
            f"One-parameter fits of {st['firms']}-firm clusters generated at the truth (observed "
            f"seed {part['observed_seed']}; {st['n_sims']} simulations per evaluation, a "
            f"{st['design']}-point design, Powell `maxiter={st['maxiter']}`, fit seed "
            f"{st['fit_seed']}), from {_stamp(part)} (`tools/calibration_recovery.json`):",
            "",
            "| parameter | truth | estimate | tolerance | within | seconds |",
            "|---|---|---|---|---|---|",
        ]
        lines += [
            f"| {r['parameter']} | {r['truth']:g} | {r['estimate']:.3g} | {r['tolerance']:g} | "
            f"{'yes' if r['within'] else '**no**'} | {r['seconds']:.0f} |"
            for r in rows
        ]
        lines += ["", f"{sum(r['within'] for r in rows)} of {len(rows)} within their tolerances."]
    for key, label in (("spread", "estimate"), ("cap", "capped")):
        if key not in stored:
            continue
        part = stored[key]
        rows = part["rows"]
        values = [r[label] for r in rows]
        mean = sum(values) / len(values)
        sd = (sum((v - mean) ** 2 for v in values) / (len(values) - 1)) ** 0.5
        what = (
            f"`{part['parameter']}` (truth {part['truth']:g}) fitted from one observed network "
            "per seed"
            if key == "spread"
            else f"`{part['parameter']}` (truth {part['truth']:g}) fitted from one capped "
            "survey (two friends per firm) per seed, through the same cap and as a roster"
        )
        lines += ["", f"{what}, from {_stamp(part)}:", ""]
        if key == "spread":
            lines += ["| observed seed | estimate | within |", "|---|---|---|"]
            lines += [
                f"| {r['observed_seed']} | {r['estimate']:.3g} | "
                f"{'yes' if r['within'] else '**no**'} |"
                for r in rows
            ]
        else:
            lines += [
                "| observed seed | through the cap | as a roster | within |",
                "|---|---|---|---|",
            ]
            lines += [
                f"| {r['observed_seed']} | {r['capped']:.3g} | {r['roster']:.3g} | "
                f"{'yes' if r['within'] else '**no**'} |"
                for r in rows
            ]
        lines += [
            "",
            f"Mean {mean:.3g}, standard deviation {sd:.2g}; {sum(r['within'] for r in rows)} "
            f"of {len(rows)} within the tolerance {part['tolerance']:g}.",
        ]
    lines.append(END)
    return "\n".join(lines)


def write_page(stored: dict) -> None:
    """Rewrite the recovery block of docs/calibration.md from ``stored``."""
    text = DOC.read_text(encoding="utf-8")
    block = page_block(stored)
    text = text[: text.index(START)] + block + text[text.index(END) + len(END) :]
    from clusternet.io import atomic_write_text

    atomic_write_text(DOC, text)


def main(argv: list[str]) -> dict:
    """Run one part (``cases``, ``spread SEEDS`` or ``cap SEEDS``) and store it in :data:`OUT`."""
    from clusternet.io import atomic_write_text

    if not argv or argv[0] not in ("cases", "spread", "cap", "page"):
        raise ValueError(
            f"part: expected 'cases', 'spread SEEDS', 'cap SEEDS' or 'page', got {argv!r}"
        )
    part = argv[0]
    if part == "page":
        stored = json.loads(OUT.read_text())
        write_page(stored)
        return stored
    mod = _cases()
    stamp = provenance()
    t0, c0 = time.perf_counter(), time.process_time()
    if part == "cases":
        result = cases(mod)
    elif part == "spread":
        result = spread(mod, seeds_of(argv[1] if len(argv) > 1 else "101-108"))
    else:
        result = cap(mod, seeds_of(argv[1] if len(argv) > 1 else "303-308"))
    record = {
        **stamp,
        "command": "python tools/calibration_recovery.py " + " ".join(argv),
        "settings": _settings(mod),
        **result,
        "wall_s": round(time.perf_counter() - t0, 1),
        "cpu_s": round(time.process_time() - c0, 1),
    }
    stored = json.loads(OUT.read_text()) if OUT.exists() else {}
    stored[part] = record
    atomic_write_text(OUT, json.dumps(stored, indent=1) + "\n")
    return record


if __name__ == "__main__":
    main(sys.argv[1:])
