"""docs/calibration.md says what its result files say (issue 28; "every number in the docs
comes from a result file of one run").

The page's generated blocks are rendered again from their files and compared with the page
text; the numbers typed into its prose and hand-made tables are compared with the values in
the files they cite (to the digits the page prints). A page edited by hand, or a file
rewritten by a new run without the page, fails here.
"""

from __future__ import annotations

import importlib.util
import itertools
import json
import math
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "calibration.md"
GENERATOR_DOC = ROOT / "docs" / "generator.md"


def _load(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def page() -> str:
    return DOC.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def example():
    return _load(ROOT / "examples" / "calibration.py", "example_calibration_page")


@pytest.fixture(scope="module")
def recovery_tool():
    return _load(ROOT / "tools" / "calibration_recovery.py", "tool_calibration_recovery")


def _block(text: str, start: str, end: str) -> str:
    return text[text.index(start) : text.index(end) + len(end)]


def _json(relative: str):
    return json.loads((ROOT / relative).read_text(encoding="utf-8"))


def _numbers(cell: str) -> list[float]:
    """The numbers of a table cell or phrase (the page writes minus as U+2212)."""
    return [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?", cell.replace("\u2212", "-"))]


def _decimals(token: str) -> int:
    return len(token.split(".")[1]) if "." in token else 0


def _close(printed: str, value: float) -> bool:
    """``printed`` is ``value`` rounded to the decimals it shows."""
    number = float(printed.replace("\u2212", "-"))
    return math.isclose(number, value, abs_tol=0.5 * 10 ** -_decimals(printed) + 1e-12)


def _row(text: str, label: str) -> list[str]:
    line = next(ln for ln in text.splitlines() if ln.startswith(f"| {label} |"))
    cells = re.split(r"(?<!\\)\|", line.strip())[1:-1]  # escaped pipes stay in their cell
    return [c.strip() for c in cells][1:]


# --- the survey fits: the per-seed table, the seed-1 sections, scaling, overlaps --------------


def test_per_seed_table_is_the_records_file(page, example):
    records = example.load_records()
    assert len(records) == 10
    block = _block(page, example.SEEDS_START, example.SEEDS_END)
    assert block == f"{example.SEEDS_START}\n{example.seed_section(records)}{example.SEEDS_END}"
    # and independently of the renderer: each fit's row carries its record's numbers
    for r in records:
        line = next(
            ln for ln in block.splitlines() if ln.startswith(f"| {r['survey']} | {r['seed']} |")
        )
        cells = [c.strip() for c in line.strip("|").split("|")]
        assert int(cells[2]) == r["inside"], line
        assert math.isclose(float(cells[4]), r["objective"], rel_tol=5e-3), line
        assert int(cells[5]) == r["evaluations"], line


def test_survey_sections_are_the_page_results_of_the_seed_records(page, example):
    results = example.load_page_results()
    sections = results["sections"]
    block = _block(page, example.SURVEYS_START, example.SURVEYS_END)
    rendered = example.survey_sections(sections)
    assert block == f"{example.SURVEYS_START}\n{rendered}\n{example.SURVEYS_END}"
    # the sections' fits are the seed records' fits of the same seed (same run, same counts)
    records = {(r["survey"], r["seed"]): r for r in example.load_records()}
    for name, sec in sections.items():
        record = records[(name, sec["seed"])]
        assert sec["inside"] == record["inside"], name
        assert sec["commit"] == record["commit"], name
        twelve = [row for row in sec["fit"] if row["moment"] != "transaction:reciprocity"]
        assert sum(row["inside"] for row in twelve) == record["inside"], name


def test_scaling_and_interwoven_layer_tables_are_the_page_results(page, example):
    results = example.load_page_results()
    assert _block(page, example.SCALING_START, example.SCALING_END) == example.scaling_block(
        results["scaling"]
    )
    overlaps = example.overlap_block(results["overlaps"])
    assert _block(page, example.START, example.END) == overlaps
    generator = GENERATOR_DOC.read_text(encoding="utf-8")
    assert _block(generator, example.START, example.END) == overlaps
    # the scaled fit is the CKM section's fit
    scaling = results["scaling"]
    assert scaling["survey"] in results["sections"]
    rows = scaling["rows"]
    assert rows[0]["firms"] == 246
    # the prose's reading of the table
    prose = page[page.index("## Scaling up") : page.index(example.SCALING_START)]
    changes = []
    for layer in ("social", "transaction", "technology"):
        key = f"{layer} mean degree"
        change = max(abs(r[key] / rows[0][key] - 1) for r in rows)
        changes.append(f"{layer} {100 * change:.1f} %")
    assert f"from the 246-firm row: {', '.join(changes)})" in prose
    spread = max(
        abs(r[f"{pair} overlap"] - rows[0][f"{pair} overlap"])
        for pair in example.PAIRS
        for r in rows
    )
    assert f"overlap** within {math.ceil(spread * 1000) / 1000:g} of it" in prose
    trans = [r["social transitivity"] for r in rows]
    assert all(b < a for a, b in itertools.pairwise(trans))  # falls at every step
    assert f"from {trans[0]:.3g} at {rows[0]['firms']} firms to {trans[-1]:.3g} at " in prose
    assert f"{rows[-1]['firms']:,} (why" in prose


def _seeds_text(seeds: list[int]) -> str:
    if len(seeds) == 1:
        return f"seed {seeds[0]}"
    return "seeds " + ", ".join(map(str, seeds[:-1])) + f" and {seeds[-1]}"


def miss_phrases(records: list[dict]) -> dict[str, list[str]]:
    """Per survey (first word of its name), one phrase per missed moment, as the page words it:
    the seeds that miss it, the observed value and the ends of the ranges it falls beyond."""
    misses: dict[tuple[str, str], list[tuple[int, str, str, str]]] = {}
    for r in records:
        for moment, obs, lo, hi in re.findall(
            r"`([\w&]+:\w+)` \(([\d.]+); ([\d.]+)–([\d.]+)\)", r["misses"]
        ):
            misses.setdefault((r["survey"].split()[0], moment), []).append((r["seed"], obs, lo, hi))
    out: dict[str, list[str]] = {}
    for (survey, moment), rows in misses.items():
        observed = {obs for _, obs, _, _ in rows}
        assert len(observed) == 1, (survey, moment, observed)  # one observed network
        obs = observed.pop()
        above = float(obs) > float(rows[0][3])
        ends = sorted({(hi if above else lo) for _, _, lo, hi in rows}, key=float)
        one = len(ends) == 1
        span = ends[0] if one else f"{ends[0]}–{ends[-1]}"
        where = (
            ("above the range, whose top is" if one else "above the ranges, whose tops are")
            if above
            else (
                "below the range, whose bottom is" if one else "below the ranges, whose bottoms are"
            )
        )
        out.setdefault(survey, []).append(
            f"`{moment}` at {_seeds_text([seed for seed, *_ in rows])} (observed {obs}; "
            f"{where} {span})"
        )
    return out


def test_prose_about_the_survey_fits_quotes_the_records(page, example):
    records = example.load_records()
    wall = sum(r["wall_s"] for r in records)
    cpu = sum(r["cpu_s"] for r in records)
    assert f"seconds sum to {wall:,.0f} s of wall time and {cpu:,.0f} s of CPU," in page
    prose = page[page.index("### What still misses") : page.index("### History")]
    low = min(r["inside"] for r in records)
    assert f"puts at least {low} of the 12 moments inside" in prose
    reciprocity = sum(r["reciprocity_inside"] for r in records)
    assert f"is inside in {reciprocity} of the {len(records)}" in prose
    phrases = miss_phrases(records)
    assert set(phrases) == {"Lazega", "CKM"}
    for survey, wanted in phrases.items():
        paragraph = next(ln for ln in prose.splitlines() if ln.startswith(f"- **{survey}**"))
        for phrase in wanted:
            assert phrase in paragraph, phrase
        # and no other moment is named as a miss there
        assert len(re.findall(r"`[\w&]+:\w+` at seeds?", paragraph)) == len(wanted), survey
    # the observed CKM degree CVs the method quotes are the section's observed moments
    ckm = next(v for k, v in example.load_page_results()["sections"].items() if "CKM" in k)
    cvs = [row["observed"] for row in ckm["fit"] if row["moment"].endswith(":degree_cv")]
    assert f"degree CVs ({min(cvs):.2f}–{max(cvs):.2f})" in page


# --- the recovery tables ---------------------------------------------------------------------


def test_recovery_block_is_the_tool_file(page, recovery_tool):
    stored = _json("tools/calibration_recovery.json")
    assert {"cases", "spread", "cap"} <= set(stored)
    assert _block(page, recovery_tool.START, recovery_tool.END) == recovery_tool.page_block(stored)
    cases = {r["parameter"]: r for r in stored["cases"]["rows"]}
    # the tool ran the test module's cases, every one of them
    tests = _load(ROOT / "tests" / "test_calibrate_recovery.py", "recovery_cases_for_page")
    assert set(cases) == set(tests.CASES)
    for name, (truth, _, _, _, tol) in tests.CASES.items():
        assert cases[name]["truth"] == truth and cases[name]["tolerance"] == tol
        assert cases[name]["within"] == (abs(cases[name]["estimate"] - truth) <= tol)


def test_recovery_page_block_renders_a_miss_and_the_spread(recovery_tool):
    part = {"command": "c", "run": "r", "commit": "x", "wall_s": 2.0, "cpu_s": 2.0}
    stored = {
        "spread": {
            **part,
            "parameter": "same_stage_trade",
            "truth": 0.5,
            "tolerance": 0.25,
            "rows": [
                {"observed_seed": 1, "estimate": 0.2, "within": False},
                {"observed_seed": 2, "estimate": 0.6, "within": True},
            ],
        }
    }
    block = recovery_tool.page_block(stored)
    assert "| 1 | 0.2 | **no** |" in block
    # mean 0.4, sample standard deviation sqrt(0.08) = 0.28
    assert "Mean 0.4, standard deviation 0.28; 1 of 2 within the tolerance 0.25." in block


# --- behaviour from outcomes: the CKM worked example, coverage, identifiability --------------


def test_ckm_worked_example_table_is_the_results_file(page):
    data = _json("examples/abc_ckm_results.json")
    models = [data["A_constant_external"], data["B_trending_external"]]
    labels = {
        "external hazard per month": "external",
        "advice weight": "advice",
        "discussion weight": "discussion",
        "friendship weight": "friendship",
        "external trend (log change over the window)": "external_trend",
    }
    section = page[page.index("### Worked example") : page.index("### Recovery: coverage")]
    for label, name in labels.items():
        for cell, model in zip(_row(section, label), models, strict=True):
            rows = {r["parameter"]: r for r in model["intervals"]}
            if name not in rows:
                assert cell == "—"
                continue
            tokens = re.findall(r"[−-]?\d+\.\d+", cell)
            expected = [rows[name][k] for k in ("median", "low", "high")]
            assert all(_close(t, v) for t, v in zip(tokens, expected, strict=True)), (label, cell)
    for label, key in (
        ("total contagion weight", "total_weight"),
        ("network share of the hazard at the observed adoptions", "network_share"),
    ):
        for cell, model in zip(_row(section, label), models, strict=True):
            median, low, high = model[key][1], model[key][0], model[key][2]
            tokens = re.findall(r"\d+\.\d+", cell)
            assert all(_close(t, v) for t, v in zip(tokens, (median, low, high), strict=True))
    for cell, model in zip(_row(section, "predictive check: statistics inside the 90 % band"),
                           models, strict=True):  # fmt: skip
        inside = sum(r["inside"] for r in model["predictive"])
        assert cell == f"{inside} of {len(model['predictive'])}"
    for cell, model in zip(_row(section, "simulations / last-generation ESS"), models, strict=True):
        assert cell == f"{model['simulations']} / {model['generations'][-1]['ess']:.0f}"
    seconds = [f"{m['seconds']:.0f} s" for m in models]
    assert f"{seconds[0]} and {seconds[1]} on two cores" in section
    settings = data["settings"]
    assert f"{settings['population']} particles, {settings['generations']} generations" in section
    assert f"{settings['n_observed']} physicians with known status" in section
    bass = {r["model"]: r for r in data["bass"]["table"]}["network"]
    p_text = re.search(r"p = ([\d.]+) \[([\d.]+), ([\d.]+)\]", section).groups()
    assert all(_close(t, bass[k]) for t, k in zip(p_text, ("p", "p_low", "p_high"), strict=True))
    q_text = re.search(r"q = ([\d.]+) \[([−\d.]+), ([\d.]+)\]", section).groups()
    assert all(_close(t, bass[k]) for t, k in zip(q_text, ("q", "q_low", "q_high"), strict=True))


def _coverage_line(page: str, filename: str) -> str:
    return next(ln for ln in page.splitlines() if ln.startswith("|") and f"`{filename}`" in ln)


COVERAGE_FILES = [
    "abc_coverage_contagion_p60.json",
    "abc_coverage_contagion.json",
    "abc_coverage_upgrading.json",
    "abc_coverage_upgrading_f300.json",
    "abc_coverage_upgrading_f300_p200.json",
    "abc_coverage_upgrading_f300_g6.json",
    "abc_coverage_contagion_total.json",
    "abc_coverage_contagion_g10.json",
    "abc_coverage_contagion_f1000_g10.json",
]


@pytest.mark.parametrize("filename", COVERAGE_FILES)
def test_coverage_rows_are_their_files(page, filename):
    data = _json(f"benchmarks/{filename}")
    line = _coverage_line(page, filename)
    pooled = data["summary"]["all"]
    covered = f"{pooled['covered']} of {pooled['cases']} ("
    assert covered in line, (filename, covered)
    share = re.search(re.escape(covered) + r"([\d.]+) %\)", line).group(1)
    assert _close(share, 100 * pooled["coverage"])
    wilson = re.search(r"\| (\d+)–(\d+) % \|", line).groups()
    assert _close(wilson[0], 100 * pooled["ci_low"]) and _close(wilson[1], 100 * pooled["ci_high"])
    for name, row in data["summary"].items():
        if name == "all":
            continue
        label = {"external": "external"}.get(name, name)
        found = re.search(rf"{label} (\d+) \((\d+)/(\d+)\), ([\d.]+)", line)
        assert found, (filename, name)
        assert [int(x) for x in found.groups()[:3]] == [row["covered"], row["below"], row["above"]]
        assert _close(found.group(4), row["mean_width_ratio"]), (filename, name)
    assert f"| {data['seconds']:.0f} |" in line, filename
    if "mean_ess" in pooled:  # files written since round 8 record the fits' ESS
        assert any(_close(tok, pooled["mean_ess"]) for tok in re.findall(r"\d+\.?\d*", line))
    else:
        assert "not recorded in the file" in line, filename


def test_competition_fails_the_informative_rule_with_the_files_numbers(page):
    import numpy as np
    from scipy import stats

    data = _json("benchmarks/abc_coverage_upgrading.json")
    cases = [c for c in data["cases"] if c["parameter"] == "competition"]
    w = np.array([c["width_ratio"] for c in cases])
    upper = w.mean() + stats.t.ppf(0.95, len(w) - 1) * w.std(ddof=1) / np.sqrt(len(w))
    flat = np.mean([c["ess"] / (c["ess"] + 1) for c in cases])
    ess = data["summary"]["all"]["mean_ess"]
    assert upper > flat  # what the page says: it fails the rule
    assert (
        f"upper bound {upper:.3f} against a flat posterior's {flat:.3f} at mean ESS {ess:.1f}"
    ) in page
    assert f"mean ESS is {ess:.1f}, so even exact sampling would cover about 90 % · " in page


def test_identifiability_table_is_its_file(page):
    data = _json("benchmarks/abc_identifiability_upgrading.json")
    effect = data["effect_size"]
    params = ["innovation_rate", "competition", "imitation_gap", "quality_cost", "monitoring"]
    section = page[page.index("*Identifiability*") : page.index("*Coverage at that design*")]
    header = _row(section, "summary (early / late half mean)")
    assert header == [f"`{p}`" for p in params]
    for column in data["settings"]["columns"]:
        default = f"{column}_early" in data["default_summaries"]
        label = f"`{column}`" + ("" if default else " (extra)")
        for cell, p in zip(_row(section, label), params, strict=True):
            early, late = re.findall(r"[+-]\d+\.\d+", cell)
            assert _close(early.lstrip("+"), effect[p][f"{column}_early"]), (column, p)
            assert _close(late.lstrip("+"), effect[p][f"{column}_late"]), (column, p)
    for cell, p in zip(_row(section, r"largest \|d\|, default summaries"), params, strict=True):
        assert _close(cell.strip("*"), data["max_abs_d"][p]["default_summaries"])
    assert f"run {data['run'][:10]} at commit {data['commit']}, {data['seconds']:.0f} s;" in section


# --- cost: the benchmark file ------------------------------------------------------------------


def test_cost_block_and_its_prose_are_the_benchmark_file(page):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import write_table

    data = write_table.results()
    template = (write_table.TEMPLATES / "calibration_cost.md").read_text()
    block = _block(page, "<!-- bench-cost:start -->", "<!-- bench-cost:end -->")
    expected = write_table.render(template, data).strip()
    assert block == f"<!-- bench-cost:start -->\n{expected}\n<!-- bench-cost:end -->"
    procedure = data["calibrate/structural_fit_300_procedure"]
    cheap = data["calibrate/structural_fit_300"]
    abc = data["calibrate/abc"]
    prose = page[page.index("**How old these numbers are.**") :].split("\n\n")[0]
    inside = procedure["facts"]["inside"]
    seconds = procedure["rows"][0]["median_s"]
    assert f"with {inside} of {inside} moments inside in {seconds:.1f} s of wall time" in prose
    assert f"it puts {cheap['facts']['inside']} of 16 moments inside" in prose
    assert f"(`bench_structural_fit_300`, {cheap['run'][:10]})" in prose
    assert procedure["facts"]["commit"] == abc["facts"]["commit"]
    assert f"on {procedure['run'][:10]} at commit {procedure['facts']['commit']}" in prose
    assert (
        f"({abc['facts']['particles']} particles, {abc['facts']['generations']} generations)"
        in prose
    )


def test_ckm_worked_example_prose_quotes_the_results_file(page):
    data = _json("examples/abc_ckm_results.json")
    models = [data["A_constant_external"], data["B_trending_external"]]
    section = page[page.index("### Worked example") : page.index("### Recovery: coverage")]
    at_risk = [
        r for m in models for r in m["predictive"] if r["statistic"].startswith("at_risk_exposure")
    ]
    assert at_risk and not any(r["inside"] for r in at_risk)  # the check fails on exactly these
    observed = [r["observed"] for r in at_risk]
    assert f"(observed {min(observed):.2f}–{max(observed):.2f} in the three relations)" in section
    band = (min(r["low"] for r in at_risk), max(r["high"] for r in at_risk))
    assert f"(90 % bands {band[0]:.2f}–{band[1]:.2f})" in section
    spans = [
        (r["high"] - r["low"]) / (r["prior_high"] - r["prior_low"])
        for m in models
        for r in m["intervals"]
        if r["parameter"] in ("advice", "discussion", "friendship")
    ]
    assert f"spans {100 * min(spans):.0f}–{100 * max(spans):.0f} % of its prior range" in section
    assert all(m["p_total_below_0.1"] == 0 for m in models)
    share = [m["network_share"][1] for m in models]
    assert all(abs(s - 0.4) < 0.05 for s in share)  # "about 40 % of the adoption hazard"
    bass = data["bass"]
    assert f"p-value {bass['lr_pvalue']:.2f}" in section
    aic = {r["model"]: r["aic"] for r in bass["table"]}
    assert min(aic, key=aic.get) == "innovation_only"
    assert f"({aic['innovation_only']:.1f} against {aic['network']:.1f})" in section


def test_coverage_prose_quotes_the_files(page):
    page = " ".join(page.split())  # the prose is wrapped at arbitrary spaces
    p150 = _json("benchmarks/abc_coverage_upgrading_p150.json")
    pooled = p150["summary"]["all"]
    assert f"abc_coverage_upgrading_p150.json`, {p150['seconds']:.0f} s on 2" in page
    assert (
        f"**{pooled['covered']} of {pooled['cases']} = {100 * pooled['coverage']:.1f} % (Wilson 95 % "
        f"{100 * pooled['ci_low']:.1f}-{100 * pooled['ci_high']:.1f} %)**"
    ) in page
    assert f"misses {pooled['below']} below and {pooled['above']} above" in page
    assert f"mean ESS of the last generation {pooled['mean_ess']:.0f}" in page
    runs = {
        key: _json(f"benchmarks/abc_coverage_upgrading_f300{key}.json")
        for key in ("", "_p200", "_g6")
    }
    for run in runs.values():
        fits = run["fits"]
        per_fit = sum(f["seconds"] for f in fits) / len(fits)
        sims = sum(f["simulations"] for f in fits) / len(fits)
        assert f"{run['seconds']:,.0f} s" in page
        assert f"{per_fit:.0f} s and {sims:,.0f}" in page
    # the three identified parameters' covered counts over the three runs
    identified = ("innovation_rate", "quality_cost", "monitoring")
    counts = [sum(run["summary"][p]["covered"] for p in identified) for run in runs.values()]
    assert (
        f"On those three alone {counts[0]}, {counts[1]} and {counts[2]} of 24 are covered" in page
    )
    # the innovation-rate misses quoted, case by case
    text = page[page.index("The innovation-rate misses lie just above") :][:400]
    for run in runs.values():
        for c in run["cases"]:
            if c["parameter"] == "innovation_rate" and not c["inside"]:
                assert f"{c['truth']:.3g}" in text and c["side"] == 1, c
    t40 = _json("benchmarks/abc_identifiability_upgrading_t40.json")
    d = t40["max_abs_d"]
    assert f"(`benchmarks/abc_identifiability_upgrading_t40.json`, {t40['seconds']:.0f} s)" in page
    assert (
        f"the largest |d| is {d['innovation_rate']['default_summaries']:.1f}, "
        f"{d['competition']['default_summaries']:.2f}, {d['imitation_gap']['default_summaries']:.2f} "
        f"({d['imitation_gap']['with_extra']:.2f} with the mean knowledge level), "
        f"{d['quality_cost']['default_summaries']:.1f} and {d['monitoring']['default_summaries']:.1f}"
    ) in page


def test_ckm_worked_example_names_the_run_it_quotes(page):
    data = _json("examples/abc_ckm_results.json")
    settings = data["settings"]
    section = page[page.index("### Worked example") : page.index("### Recovery: coverage")]
    assert f"run {settings['run']} at commit {settings['commit']}" in section
    assert "+dirty" not in settings["commit"]
    seconds = [data[m]["seconds"] for m in ("A_constant_external", "B_trending_external")]
    assert f"{seconds[0]:.0f} s and {seconds[1]:.0f} s on two cores" in section
    assert (
        f"seed {settings['seed']}; {settings['population']} particles, "
        f"{settings['generations']} generations per model" in section
    )


def test_market_channel_coverage_prose_quotes_its_file(page):
    """Round 12: the coverage study with the market channel on; every number of its bullet."""
    import numpy as np
    from scipy import stats

    data = _json("benchmarks/abc_coverage_upgrading_f300_g6_pressure.json")
    assert data["settings"]["fixed"] == {"market_pressure": 1.0}
    assert "+dirty" not in data["commit"]
    start = page.index("- **With the market channel on**")
    bullet = page[start : page.index("\n- ", start + 1) if "\n- " in page[start + 1 :] else None]
    bullet = bullet[: bullet.index("\n\n")] if "\n\n" in bullet else bullet
    text = " ".join(bullet.split())
    pooled = data["summary"]["all"]
    assert f"{pooled['covered']} of {pooled['cases']} covered" in text
    assert f"{data['seconds']:.0f} s on two cores" in text
    assert f"mean ESS of {pooled['mean_ess']:.0f}" in text
    labels = {
        "innovation_rate": "`innovation_rate`",
        "competition": "competition",
        "imitation_gap": "`imitation_gap`",
        "quality_cost": "quality cost",
        "monitoring": "monitoring",
    }
    for name, label in labels.items():
        ratio = data["summary"][name]["mean_width_ratio"]
        assert f"{label} {ratio:.2f}" in text, name
    bounds = {}
    for name in ("competition", "imitation_gap"):
        cases = [c for c in data["cases"] if c["parameter"] == name]
        w = np.array([c["width_ratio"] for c in cases])
        bounds[name] = w.mean() + stats.t.ppf(0.95, len(w) - 1) * w.std(ddof=1) / np.sqrt(len(w))
        flat = np.mean([c["ess"] / (c["ess"] + 1) for c in cases])
        assert bounds[name] < flat  # what the page says: informative, only just
    assert (
        f"upper bounds {bounds['competition']:.3f} and {bounds['imitation_gap']:.3f} "
        f"against {flat:.3f}" in text
    )


def test_large_record_section_quotes_its_files(page):
    """Round 13: the 1,000-firm identifiability and coverage records, every number."""
    import numpy as np
    from scipy import stats

    start = page.index("### A larger record")
    text = " ".join(page[start : page.index("### Cost", start)].split())
    ident = _json("benchmarks/abc_identifiability_f1000_t40.json")
    assert "+dirty" not in ident["commit"]
    assert f"run {ident['run'][:19]} at commit {ident['commit']}, {ident['seconds']:.0f} s" in text
    d = ident["max_abs_d"]
    assert (
        f"`innovation_rate` {d['innovation_rate']['default_summaries']:.1f}, competition "
        f"{d['competition']['default_summaries']:.2f} ({d['competition']['with_extra']:.2f} "
        f"with the mean Lerner index), `imitation_rates.technology` "
        f"{d['imitation_rates.technology']['default_summaries']:.2f} (on the imitation counts), "
        f"`imitation_gap` {d['imitation_gap']['default_summaries']:.2f} "
        f"({d['imitation_gap']['with_extra']:.2f} with the mean knowledge level), quality cost "
        f"{d['quality_cost']['default_summaries']:.1f}, monitoring "
        f"{d['monitoring']['default_summaries']:.1f}"
    ) in text
    lerner = ident["detail"]["competition"]["mean_lerner_early"]
    assert f"from {lerner['mean_low']:.4f} to {lerner['mean_high']:.4f}" in text
    assert f"a replicate sd of {lerner['sd']:.4f}" in text
    assert (lerner["mean_low"] - lerner["mean_high"]) * 100 == pytest.approx(0.12, abs=0.005)
    know = ident["detail"]["imitation_gap"]["knowledge_mean_late"]
    assert f"from {know['mean_low']:.3f} to {know['mean_high']:.3f} (sd {know['sd']:.3f})" in text

    cov = _json("benchmarks/abc_coverage_upgrading_f1000_t40.json")
    assert "+dirty" not in cov["commit"] and not cov.get("partial")
    assert f"run {cov['run'][:19]} at commit {cov['commit']}" in text
    pooled = cov["summary"]["all"]
    assert (
        f"**{pooled['covered']} of {pooled['cases']} covered ({100 * pooled['coverage']:.1f} %, "
        f"Wilson {100 * pooled['ci_low']:.0f}-{100 * pooled['ci_high']:.0f} %)**"
    ) in text
    words = {0: "no", 1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}
    assert (
        f"{words[pooled['below']]} misses below their interval and {words[pooled['above']]} above"
        in text
    )
    assert pooled["covered"] >= int(np.ceil(0.85 * pooled["cases"]))  # issue 28's target
    fits = cov["fits"]
    per_fit = sum(f["seconds"] for f in fits) / len(fits)
    sims = sum(f["simulations"] for f in fits) / len(fits)
    assert (
        f"{cov['seconds']:,.0f} s on two cores, {per_fit:.0f} s and {sims:,.0f} simulations" in text
    )
    flat = np.mean([c["ess"] / (c["ess"] + 1) for c in cov["cases"]])
    assert f"Mean ESS of the last generation {pooled['mean_ess']:.0f}" in text
    assert f"width ratio of {flat:.3f}" in text
    informative = 0
    for name in cov["settings"]["params"]:
        cs = [c for c in cov["cases"] if c["parameter"] == name]
        w = np.array([c["width_ratio"] for c in cs])
        upper = w.mean() + stats.t.ppf(0.95, len(w) - 1) * w.std(ddof=1) / np.sqrt(len(w))
        # a parameter that fails the informative rule is named as failing it, and only then
        assert (f"**`{name}` fails the rule**" in text) == (upper >= flat), name
        informative += upper < flat
        mid = np.array([(c["low"] + c["high"]) / 2 for c in cs])
        r = np.corrcoef(mid, [c["truth"] for c in cs])[0, 1]
        row = cov["summary"][name]
        assert (
            f"| `{name}` | {row['covered']} of {row['cases']} ({row['below']} / {row['above']}) "
            f"| {w.mean():.2f} ({w.min():.2f}-{w.max():.2f}) | {upper:.3f} | {r:.2f} |"
        ) in text, name
    assert (
        f"{words[informative].capitalize()} of the six parameters' intervals are narrower" in text
    )
    misses = sorted(
        (c["parameter"], round(c["truth"], 3), c["side"]) for c in cov["cases"] if not c["inside"]
    )
    # the misses the reading names, with the side of the interval the truth lies on
    assert misses == [
        ("competition", 0.243, -1),
        ("competition", 0.811, 1),
        ("imitation_gap", 0.736, 1),
        ("imitation_rates.technology", 0.054, -1),
        ("imitation_rates.technology", 0.062, -1),
    ]
    for name, truth, _ in misses:
        assert f"{truth:.3f}" in text, name


def test_contagion_verdict_quotes_the_ten_generation_files(page):
    """Round 13: the contagion verdict's numbers, and the informative rule for every row."""
    import numpy as np
    from scipy import stats

    start = page.index("- **Verdict on item 5 for the contagion model**")
    text = " ".join(page[start : page.index("- **The spread behind", start)].split())
    total4 = _json("benchmarks/abc_coverage_contagion_total.json")["summary"]["total_contagion"]
    assert f"nearly: {total4['mean_width_ratio']:.2f}" in text
    for name, layers in (
        ("abc_coverage_contagion_g10.json", ("advice", "discussion", "friendship")),
        ("abc_coverage_contagion_f1000_g10.json", ("technology", "social", "transaction")),
    ):
        data = _json(f"benchmarks/{name}")
        assert "+dirty" not in data["commit"]
        summary = data["summary"]
        assert f"{summary['all']['covered']} of 40" in text, name
        w = [summary[layer]["mean_width_ratio"] for layer in layers]
        assert f"{min(w):.2f}–{max(w):.2f}" in text, name
        assert f"{summary['total_contagion']['mean_width_ratio']:.2f}" in text, name
        assert f"{summary['external']['mean_width_ratio']:.2f}" in text, name
        assert summary["all"]["covered"] >= int(np.ceil(0.85 * summary["all"]["cases"]))
        for param in ("external", *layers, "total_contagion"):
            cases = [c for c in data["cases"] if c["parameter"] == param]
            r = np.array([c["width_ratio"] for c in cases])
            upper = r.mean() + stats.t.ppf(0.95, len(r) - 1) * r.std(ddof=1) / np.sqrt(len(r))
            flat = np.mean([c["ess"] / (c["ess"] + 1) for c in cases])
            assert upper < flat, (name, param)  # "narrower than the prior's"
