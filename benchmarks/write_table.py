"""Render BENCHMARKS.md, the README's performance table, docs/scaling.md's tables and
docs/calibration.md's cost table.

Numbers come only from ``benchmarks/results/*.json`` (rows in the schema of
``schema.py``); prose only from the Markdown templates in ``benchmarks/templates/``;
which row faces which peer in the README only from ``benchmarks/comparisons.json``.
Template placeholders: ``{{table:task/case}}`` (the case's rows), ``{{task/case:fact}}``
(one fact; ``task/case:run`` its run id), ``{{machine}}`` and ``{{runs}}``. A paragraph whose placeholder has no
result is left out, so a partial run renders what it has.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from _common import RESULTS  # noqa: E402
from schema import load  # noqa: E402

ROOT = HERE.parent
TEMPLATES = HERE / "templates"
TARGETS = {  # template -> (file, start marker or None for the whole file)
    "BENCHMARKS.md": (ROOT / "BENCHMARKS.md", None),
    "scaling_table.md": (ROOT / "docs" / "scaling.md", "scale-table"),
    "scaling_locality.md": (ROOT / "docs" / "scaling.md", "locality-profile"),
    "scaling_cascade.md": (ROOT / "docs" / "scaling.md", "cascade-profile"),
    "scaling_betweenness.md": (ROOT / "docs" / "scaling.md", "betweenness-profile"),
    "scaling_centrality.md": (ROOT / "docs" / "scaling.md", "centrality-summary"),
    "scaling_heat.md": (ROOT / "docs" / "scaling.md", "heat-profile"),
    "calibration_cost.md": (ROOT / "docs" / "calibration.md", "bench-cost"),
}
PLACEHOLDER = re.compile(r"\{\{([^{}]+)\}\}")


def results() -> dict[str, dict]:
    """Every case, keyed ``task/case``."""
    return {
        f"{path.stem}/{name}": case
        for path in sorted(RESULTS.glob("*.json"))
        for name, case in load(path).items()
    }


def fmt(v, digits: int = 3) -> str:
    if v is None or v == "":
        return "—"
    if isinstance(v, str):
        return v
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, list | tuple):
        return ", ".join(fmt(x) for x in v)
    if isinstance(v, int):
        return f"{v:,}"
    if v != 0 and (abs(v) >= 1e5 or abs(v) < 1e-3):
        return f"{v:.2e}"
    return f"{v:,.0f}" if abs(v) >= 100 else f"{v:.{digits}g}"


def seconds(r: dict) -> str:
    if r.get("median_s") is None:
        stopped = r["extras"].get("stopped_after_s")
        return f"stopped after {fmt(stopped)} s" if stopped else "—"
    return f"{fmt(r['median_s'])} ({fmt(r['min_s'])}–{fmt(r['max_s'])})"


def find(rows: list[dict], ref: str | None) -> dict | None:
    label, _, threads = (ref or "").rpartition("@")
    return next((r for r in rows if r["library"] == label and str(r["threads"]) == threads), None)


def table(header: list[str], body: list[list]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return "\n".join(lines + ["| " + " | ".join(fmt(c) for c in line) + " |" for line in body])


def rows_table(rows: list[dict]) -> str:
    """Every row of a case: the schema's columns, then the extras any row has."""
    optional = [
        k for k in ("version", "peak_mb", "build_s", "compute_s") if any(r[k] for r in rows)
    ]
    extras = sorted({k for r in rows for k, v in r["extras"].items() if not isinstance(v, dict)})
    extras = [k for k in extras if k not in ("round_limit_s", "stopped_after_s")]
    header = ["library / configuration", "threads", "median s (min–max)", "rounds"]
    header += optional + extras + ["output check", "clusternet ÷ this row"]
    body = []
    for r in rows:
        check = f"{r['checked']} = {fmt(r['check_value'])}" if r["checked"] else ""
        ref = find(rows, r["vs"])
        vs = ""
        if ref and ref.get("median_s") and r.get("median_s"):
            vs = f"{ref['median_s'] / r['median_s']:.3g} (vs {ref['library']}, {ref['threads']} thr.)"
        body.append(
            [r["library"], r["threads"], seconds(r), r["rounds"]]
            + [r[k] for k in optional]
            + [r["extras"].get(k) for k in extras]
            + [check, vs]
        )
    return table(header, body)


def machine_block(data: dict[str, dict]) -> str:
    seen: dict[str, dict | None] = {}
    for case in data.values():
        seen.setdefault(case["run"], case["machine"])
    lines = []
    for run, m in sorted(seen.items()):
        if not m:
            lines.append(f"- run {run}: machine facts and versions were not recorded with this run")
            continue
        versions = ", ".join(f"{k} {v}" for k, v in m["versions"].items() if v != "not installed")
        lines.append(
            f"- run {run}: {m['cpu']} ({m['cores']} cores), memory {m['memory']}, Python "
            f"{m['python']}, Numba threads {m['numba_threads']}; {versions}"
        )
    return "\n".join(lines)


def runs_line(data: dict[str, dict]) -> str:
    """The runs the results come from; runs whose machine facts were not recorded (files
    written before the schema recorded them) are named apart."""
    runs: dict[str, bool] = {}
    for c in data.values():
        runs[c["run"]] = runs.get(c["run"], False) or bool(c["machine"])
    recorded = sorted(r for r, known in runs.items() if known)
    legacy = sorted(r for r, known in runs.items() if not known)
    out = (
        f"one benchmark run ({recorded[0]})"
        if len(recorded) == 1
        else f"{len(recorded)} runs with machine facts recorded ({', '.join(recorded)})"
    )
    if legacy:
        tasks = sorted({k.split("/")[0] for k, c in data.items() if c["run"] in legacy})
        out += (
            f", and {len(legacy)} earlier run{'s' if len(legacy) > 1 else ''} "
            f"({', '.join(legacy)}: {', '.join(tasks)}) whose machine facts and versions were "
            "not recorded"
        )
    return out


def resolve(name: str, data: dict[str, dict]) -> str | None:
    if name == "machine":
        return machine_block(data)
    if name == "runs":
        return runs_line(data)
    if name.startswith("table:"):
        case = data.get(name[6:])
        return rows_table(case["rows"]) if case and case["rows"] else None
    key, _, fact = name.rpartition(":")
    # a row label may hold a colon itself ("SuiteSparse:GraphBLAS"): the case is the
    # shortest prefix before a colon that names one
    cuts = [i for i, ch in enumerate(name) if ch == ":" and name[:i] in data]
    if cuts:
        key, fact = name[: cuts[0]], name[cuts[0] + 1 :]
    case = data.get(key) or {"facts": {}, "rows": []}
    value = case.get("run") if fact == "run" else case["facts"].get(fact)
    if value is None and fact == "commit":  # recorded beside the run id since 2026-12-05
        value = case.get("commit")
    if value is None and fact == "cpu" and case.get("machine"):  # the machine it ran on
        value = case["machine"].get("cpu")
    if value is None and "/" in fact:  # one row's field: "library/field" or "library@threads/field"
        library, _, field = fact.rpartition("/")
        r = (
            find(case["rows"], library)
            if "@" in library
            else next((r for r in case["rows"] if r["library"] == library), None)
        )
        value = None if r is None else r.get(field, r["extras"].get(field))
        if value is None and r is not None and field in DERIVED:
            value = DERIVED[field](r)
        if value is None and r is not None and field in AGAINST_VS:
            value = AGAINST_VS[field](r, find(case["rows"], r["vs"]))
        target = TARGET.fullmatch(field)
        if value is None and r is not None and target:  # "met" / "not met", read from the rows
            name, side, bound = target[1], target[2], float(target[3])
            got = r.get(name, r["extras"].get(name))
            if got is None and name in DERIVED:
                got = DERIVED[name](r)
            if got is None and name in AGAINST_VS:
                got = AGAINST_VS[name](r, find(case["rows"], r["vs"]))
            if got is None:
                return None
            return "met" if (got >= bound if side == "least" else got <= bound) else "not met"
    return None if value is None else fmt(value)


def _per_iteration_s(r: dict) -> float | None:
    """A power iteration's mean seconds: the compute column over the iteration count."""
    compute, its = r.get("compute_s"), r["extras"].get("iterations")
    return compute / its if compute and its else None


def _streaming_floor_s(r: dict) -> float | None:
    """The view plus every iteration at the streaming pass's speed: a lower bound on the row."""
    build, its = r.get("build_s"), r["extras"].get("iterations")
    stream = r["extras"].get("stream_pass_s")
    return build + its * stream if build is not None and its and stream else None


def _streaming_floor_wall_s(r: dict) -> float | None:
    """A profile row's order (if any), view and every iteration at the streaming pass's
    speed, from its wall-clock parts: a lower bound on the path's first call."""
    ex = r["extras"]
    build, its, stream = ex.get("build_wall_s"), ex.get("iterations"), ex.get("stream_pass_s")
    if build is None or not its or not stream:
        return None
    return (ex.get("order_and_renumber_wall_s") or 0.0) + build + its * stream


#: fields a template may name that are computed from one row's own recorded fields
DERIVED = {
    "per_iteration_s": _per_iteration_s,
    "streaming_floor_s": _streaming_floor_s,
    "streaming_floor_wall_s": _streaming_floor_wall_s,
}


def _times_vs(r: dict, ref: dict | None, key: str = "median_s") -> float | None:
    """The row's time over the time of the row it is compared with (its ``vs``)."""
    mine, theirs = r.get(key), None if ref is None else ref.get(key)
    return mine / theirs if mine and theirs else None


#: "target_<field>_at_least_<x>" / "target_<field>_at_most_<x>": whether a row's field (a
#: recorded one, a ``DERIVED`` one or ``times_vs``) reaches the bound, written "met" or "not met" (a target
#: verdict read from the results, never typed into a template)
TARGET = re.compile(r"target_(\w+?)_at_(least|most)_([0-9.]+)")

#: fields computed from a row and the row it faces (its ``vs``): how many times that row's
#: time the row takes, medians and fastest rounds
AGAINST_VS = {
    "times_vs": _times_vs,
    "times_vs_min": lambda r, ref: _times_vs(r, ref, "min_s"),
}


def render(template: str, data: dict[str, dict]) -> str:
    """Fill the placeholders; drop each paragraph with one that has no result."""
    kept = []
    for block in template.split("\n\n"):
        values = {m: resolve(m, data) for m in PLACEHOLDER.findall(block)}
        if all(v is not None for v in values.values()):
            kept.append(PLACEHOLDER.sub(lambda m, v=values: v[m.group(1)], block))
    return "\n\n".join(kept).rstrip() + "\n"


def reaches(peer: dict, ours: dict) -> bool:
    """Whether a peer's seeds spread as far as ours: not below by more than the two 95 %
    half-widths of the shared Monte Carlo evaluation combined."""
    p, o = peer["extras"].get("spread"), ours["extras"].get("spread")
    if p is None or o is None:
        return False
    hw = (peer["extras"].get("spread_half_width") or 0.0) ** 2
    hw += (ours["extras"].get("spread_half_width") or 0.0) ** 2
    return p >= o - hw**0.5


def candidates(c: dict, spec: dict, rows: list[dict], ours: dict) -> list[dict]:
    """The peers a README row faces: every non-clusternet row of the case at clusternet's
    thread count or fewer (a serial peer faster than clusternet on all threads shows), with
    a median, not a straw man; where the comparison names ``peers`` only rows whose library
    starts with one of them; with ``same_spread`` a peer without a guarantee (not in
    ``spec["guaranteed"]``) counts only where its seeds reach clusternet's spread, while a
    guaranteed peer always counts (its spread is shown beside its time)."""
    out = [
        r for r in rows
        if not r["library"].startswith("clusternet") and r.get("median_s")
        and r["threads"] is not None and r["threads"] <= ours["threads"]
        and not any(s in r["library"] for s in spec["straw_men"])
        and (not c.get("peers") or r["library"].startswith(tuple(c["peers"])))
    ]  # fmt: skip
    if c.get("same_spread"):
        guaranteed = tuple(spec.get("guaranteed", ()))
        out = [r for r in out if r["library"].startswith(guaranteed) or reaches(r, ours)]
    return out


def overlap(a: dict, b: dict) -> bool:
    """Whether two rows' min–max ranges of rounds overlap (a row without both ends
    counts as overlapping: nothing separates it)."""
    if None in (a.get("min_s"), a.get("max_s"), b.get("min_s"), b.get("max_s")):
        return True
    return a["min_s"] <= b["max_s"] and b["min_s"] <= a["max_s"]


def verdict_of(ours: dict, peer: dict) -> str:
    """The README's verdict: a side is faster only where the two min–max ranges are
    apart; where they overlap the rows are level, whichever median is lower."""
    if overlap(ours, peer):
        return "level (ranges overlap)"
    return "clusternet faster" if ours["median_s"] < peer["median_s"] else "**peer faster**"


def min_ratio(ours: dict, peer: dict) -> str:
    """clusternet's fastest round divided by the peer's (``—`` where either is missing)."""
    if not ours.get("min_s") or not peer.get("min_s"):
        return "—"
    return f"{ours['min_s'] / peer['min_s']:.3g}"


def readme_table(data: dict[str, dict]) -> str:
    """Per comparison: clusternet's row and the fastest peer at its thread count or fewer."""
    spec = json.loads((HERE / "comparisons.json").read_text())
    body, runs = [], set()
    for c in spec["comparisons"]:
        case = data.get(c["case"])
        if not case:
            continue
        runs.add(case.get("run") or "unknown")
        ours = find(case["rows"], c["ours"])
        if not ours or not ours.get("median_s"):
            continue
        peers = candidates(c, spec, case["rows"], ours)

        def fill(text, key=c["case"]):
            values = {m: resolve(f"{key}:{m}", data) for m in PLACEHOLDER.findall(text)}
            if any(v is None for v in values.values()):
                return None  # a fact the results do not hold
            return PLACEHOLDER.sub(lambda m: values[m.group(1)], text)

        label, note = fill(c["task"]) or "?", fill(c.get("note", "")) or ""
        mine = f"{fmt(ours['median_s'])} s ({ours['threads']} thr.)"
        if not peers:
            body.append([label, mine, "— (no peer at this thread count or fewer)", "—", "—", note])
            continue
        best = min(peers, key=lambda r: r["median_s"])
        ratio = ours["median_s"] / best["median_s"]
        verdict = verdict_of(ours, best)
        cell = f"{best['library']} {fmt(best['median_s'])} s ({best['threads']} thr.)"
        if c.get("same_spread") and best["extras"].get("spread") is not None:
            cell += (
                f"; spread {fmt(best['extras']['spread'])} vs clusternet's "
                f"{fmt(ours['extras'].get('spread'))}"
            )
        spreads = [r["extras"].get("spread") for r in (ours, best)]
        if c.get("same_spread") and None not in spreads and not reaches(ours, best):
            verdict += " (clusternet's seeds spread less)"
        body.append([label, mine, cell, f"{ratio:.3g}: {verdict}", min_ratio(ours, best), note])
    header = [
        "task", "clusternet (median)", "fastest peer at equal or fewer threads",
        "time ratio (medians)", "ratio of fastest rounds", "note",
    ]  # fmt: skip
    many = "runs" if len(runs) > 1 else "run"
    return f"{table(header, body)}\n\nEvery row above from the result files of {many} {', '.join(sorted(runs))}."


def splice(path: Path, marker: str, block: str) -> None:
    start, end = f"<!-- {marker}:start -->", f"<!-- {marker}:end -->"
    text = path.read_text()
    if start in text and end in text:
        new = f"{start}\n{block.strip()}\n{end}"
        text = re.sub(re.escape(start) + ".*?" + re.escape(end), lambda _: new, text, flags=re.S)
        path.write_text(text)


def main() -> None:
    data = results()
    for name, (path, marker) in TARGETS.items():
        text = render((TEMPLATES / name).read_text(), data)
        if marker is None:
            path.write_text(text)
        elif path.exists():
            splice(path, marker, text)
    splice(ROOT / "README.md", "performance", readme_table(data))
    print(
        "wrote BENCHMARKS.md, docs/scaling.md's tables, docs/calibration.md's cost table and "
        "the README's performance table"
    )


if __name__ == "__main__":
    main()
