"""
Fit the generator to surveyed networks, check the fit, scale up; write docs/calibration.md
==========================================================================================

::

    python examples/calibration.py            # --surveys, then docs/generator.md's overlaps
    python examples/calibration.py --quick    # one survey, small budgets (the gallery's run)
    python examples/calibration.py --surveys  # only the Lazega and CKM fits, seeds 1-5
    python examples/calibration.py --surveys --seeds 1  # the same at one seed

``--quick`` does not write the page; the default run and ``--surveys`` rewrite only the
per-seed table and the survey sections of docs/calibration.md (between their markers) and
merge each fit's record into examples/calibration_surveys.json by (survey, seed): a run at
some seeds (``--seeds 1``) replaces those seeds' records and keeps the others, and the
per-seed table shows them all. Each record carries its run's date and commit. The first
seed's full sections (estimates, held settings, goodness of fit), the scaling table and the
interwoven-layers table are kept in examples/calibration_page.json, each part with its run's
date, commit and settings; the page's blocks are rendered from that file
(``tests/test_calibration_page.py`` checks that the page still says what the files say). Ten fits at seeds 1-5 took about 18 minutes of CPU in the
round-7 run (1,074 s summed over the fits' records; 31 minutes of wall time on a shared
2-core machine).

Also rewrites the interwoven-layers table of docs/generator.md (between its markers).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import pandas as pd

import clusternet as cn
from clusternet.calibrate import fit_generator, observed_moments
from clusternet.figures import fit_figure
from clusternet.io import atomic_write_text
from clusternet.replicates import markdown_table
from clusternet.structure import multiplexity

# the examples gallery runs this file without __file__, from the examples folder
_HERE = Path(__file__).resolve().parent if "__file__" in globals() else Path.cwd()

ROOT = _HERE.parent
DOC = ROOT / "docs" / "calibration.md"
GENERATOR_DOC = ROOT / "docs" / "generator.md"
START, END = "<!-- overlap:start -->", "<!-- overlap:end -->"

SURVEYS = {
    "Lazega law firm (71 lawyers)": (
        cn.datasets.load_lazega_lawfirm,
        {"cowork": "transaction", "advice": "technology", "friendship": "social"},
    ),
    "CKM physicians (246 doctors)": (
        cn.datasets.load_ckm_physicians,
        {"discussion": "transaction", "advice": "technology", "friendship": "social"},
    ),
}
#: The parameters the quick run fits (the full run fits every parameter the moments identify).
QUICK_PARAMS = ["transaction_degree", "technology_degree", "social_degree", "social_closure"]
#: What each survey fit frees and fixes, and its budget (Powell's search; no bootstrap: on a
#: shared 2-core machine the refits do not fit in the time, ``bootstrap=20`` gives them).
#: Lazega: the 13 default parameters, closure in 8 rounds (71 people with 10-20 ties each).
#: CKM: the survey asked each physician for at most three advisers, discussion partners and
#: friends (``nominations=3``: generated networks pass through the same instrument);
#: 13 parameters (referral trade closes the trade triangles; peer trade at its default;
#: ``social_transaction``, buyers drawing suppliers among their friends, free in place of
#: ``social_technology``: it moves trade transitivity and the discussion-friendship overlap,
#: two of the round-3 misses), CKM's four towns, two-step weights (``weights="estimate"``:
#: variances re-estimated at the first estimate, then a second search). (A second Powell
#: search in a box of +-50 % around the estimates, ``REFINE``, was tried in round 3 and put
#: fewer moments inside: 7 of 12 against 9; the hook stays, empty.) Round 4: each capped
#: respondent names its most embedded partners first (``nomination_order="embedded"``, an
#: assumption about the questionnaire, Marsden 1990): with it the fit's objective at the
#: optimum is lower at three seeds of four (seeds 1-4: 21.5, 21.0, 9.4, 19.6; random naming:
#: 28.6, 36.4, 43.0, 17.9) and the trade transitivity, missed at every seed with random
#: naming, comes inside at two of four (docs/calibration.md, "What still misses").
CKM_PARAMS = [
    "transaction_degree",
    "transaction_closure",
    "transaction_dispersion",
    "transaction_reciprocity",
    "technology_degree",
    "technology_dispersion",
    "technology_closure",
    "social_degree",
    "social_closure",
    "social_dispersion",
    "transaction_technology",
    "social_transaction",
    "business_friendship",
]
#: The one procedure both surveys use (round 7): two-step weights (``weights="estimate"``:
#: the moments' variances re-estimated at the first estimate, then the search again under
#: them; two-step diagonal weighting after Hansen 1982, not his efficient GMM: the
#: weights stay diagonal) and a last Powell sweep on 24
#: fresh common draws per evaluation (``final_sims=24``: a simulated-moments estimate carries
#: simulation noise falling as ``1 + 1/S`` with ``S`` draws, McFadden 1989; the design and
#: the first sweeps search a coarse surface, the last one polishes on a finer one). Both are
#: estimation choices: every moment is targeted and every range is the check's own.
PROCEDURE = dict(weights="estimate", final_sims=24)
SURVEY_FITS = {
    "Lazega law firm (71 lawyers)": dict(
        params=None, fixed={"closure_rounds": 8}, n_sims=8, maxiter=3, bootstrap=0, **PROCEDURE
    ),
    "CKM physicians (246 doctors)": dict(
        params=CKM_PARAMS,
        fixed={"n_towns": 4},
        nominations=3,
        nomination_order="embedded",
        n_sims=6,
        design=80,
        maxiter=3,
        bootstrap=0,
        **PROCEDURE,
    ),
}
#: Draws of the goodness-of-fit check (40 draws place a 95 % range's ends only roughly: the
#: 1st and 39th order statistics; round 6 counted from 400).
CHECK = 400
#: The fit seeds the page reports per survey (``--seeds`` changes them); the full sections
#: show the first.
SEEDS = (1, 2, 3, 4, 5)
#: Per-seed results of the last ``--surveys`` run (counts, misses, objective, seconds).
SEED_RESULTS = _HERE / "calibration_surveys.json"
#: The first seed's sections, the scaling and the interwoven-layers tables, as rendered.
PAGE_RESULTS = _HERE / "calibration_page.json"
#: The seed of the scaled CKM clusters (``fit.generate(n, seed=SCALE_SEED)``).
SCALE_SEED = 5
#: Second-stage budgets (a refit around the first stage's estimates).
REFINE: dict[str, dict] = {}


def refine_bounds(fit, share: float) -> dict:
    """Bounds centred on a fit's estimates: +-``share`` of each (at least 0.05), inside its box."""
    out = {}
    for row in fit.estimates.itertuples():
        v, lo, hi = row.estimate, row.bound_low, row.bound_high
        half = min(max(share * v, 0.05), v - lo, hi - v)
        out[row.parameter] = (v - half, v + half) if half > 0 else (lo, hi)
    return out


def fit_survey(name: str, seed: int = 1):
    """One survey's fit with :data:`SURVEY_FITS` at fit ``seed``, checked on :data:`CHECK` draws.

    ``workers=1``: in this process, exactly the computation of
    ``tests/test_calibrate_surveys.py`` (the results are the same on any number of workers).
    """
    loader, mapping = SURVEYS[name]
    net = loader()
    call = dict(layer_map=mapping, seed=seed, check=CHECK, workers=1)
    fit = fit_generator(net, **call, **SURVEY_FITS[name])
    if name in REFINE:
        cfg = dict(REFINE[name])
        share = cfg.pop("share")
        first = {k: v for k, v in SURVEY_FITS[name].items() if k not in ("params", "design")}
        first.update(cfg)
        fit = fit_generator(net, **call, params=refine_bounds(fit, share), **first)
    return fit


SEEDS_START, SEEDS_END = "<!-- seeds:start -->", "<!-- seeds:end -->"
SURVEYS_START, SURVEYS_END = "<!-- surveys:start -->", "<!-- surveys:end -->"
SCALING_START, SCALING_END = "<!-- scaling:start -->", "<!-- scaling:end -->"
PAIRS = ("transaction&social", "transaction&technology", "technology&social")
TRUTH = {
    "transaction_degree": 4.0,
    "technology_degree": 2.0,
    "social_degree": 6.0,
    "social_closure": 0.5,
    "social_transaction": 0.5,
    "transaction_technology": 0.4,
}


def _firm_multiplexity(net, layers) -> float:
    """Share of tied firm pairs tied in two or more of ``layers`` (firms: the core tier)."""
    if "tier" in net.actors.columns:
        net = net.subnetwork(net.tier_mask("core"))
    return multiplexity(net, list(layers))


def overlap_table() -> pd.DataFrame:
    rows = []
    for name, (loader, mapping) in SURVEYS.items():
        m = observed_moments(loader(), mapping)
        rows.append(
            {"network": name, **{p: m[f"{p}:overlap"] for p in PAIRS}}
            | {"multiplexity": _firm_multiplexity(loader(), mapping)}
        )
    layers = ("transaction", "technology", "social")
    for preset in (None, "liushi", "taizhou", "datang"):
        net = cn.generate_cluster(5000, preset=preset, seed=2026)
        m = observed_moments(net, {k: k for k in layers}, net.tier_mask("core"))
        rows.append(
            {"network": f"generate_cluster(5000, preset={preset!r}, seed=2026)"}
            | {p: m[f"{p}:overlap"] for p in PAIRS}
            | {"multiplexity": _firm_multiplexity(net, layers)}
        )
    net = cn.generate_cluster(
        5000,
        seed=2026,
        social_transaction=0.0,
        transaction_technology=0.0,
        social_technology=0.0,
        business_friendship=0.0,
    )
    m = observed_moments(net, {k: k for k in layers}, net.tier_mask("core"))
    rows.append(
        {"network": "the default with independent layers (embedding shares 0)"}
        | {p: m[f"{p}:overlap"] for p in PAIRS}
        | {"multiplexity": _firm_multiplexity(net, layers)}
    )
    return pd.DataFrame(rows)


def scale_table(fit) -> pd.DataFrame:
    rows = []
    for factor in (1, 10, 100, 1000):
        n = fit.n_firms * factor
        net = fit.generate(n, seed=SCALE_SEED)
        mapping = {k: k for k in ("transaction", "technology", "social")}
        m = observed_moments(net, mapping, net.tier_mask("core"))
        rows.append(
            {
                "firms": n,
                "social mean degree": m["social:mean_degree"],
                "social density": m["social:mean_degree"] / (n - 1),
                "social transitivity": m["social:transitivity"],
                "transaction mean degree": m["transaction:mean_degree"],
                "technology mean degree": m["technology:mean_degree"],
                **{f"{p} overlap": m[f"{p}:overlap"] for p in PAIRS},
            }
        )
    return pd.DataFrame(rows)


def _twelve(fit) -> pd.DataFrame:
    """The twelve moments the page has reported since round 1 (reciprocity aside)."""
    return fit.fit[fit.fit["moment"] != "transaction:reciprocity"]


def _misses(table: pd.DataFrame) -> str:
    misses = table[~table["inside"]]
    if not len(misses):
        return "none"
    return ", ".join(
        f"`{r.moment}` ({r.observed:.3g}; {r.low:.3g}–{r.high:.3g})" for r in misses.itertuples()
    )


def _call_text(name: str) -> str:
    cfg = SURVEY_FITS[name]
    text = ", ".join(f"{k}={v!r}" for k, v in cfg.items() if k not in ("params", "fixed"))
    return f"{text}, fixed={cfg['fixed']!r}, check={CHECK}"


def seed_record(name: str, seed: int, fit, wall: float, cpu: float) -> dict:
    """One fit's line of the per-seed table (and of :data:`SEED_RESULTS`)."""
    twelve = _twelve(fit)
    return {
        "survey": name,
        "seed": seed,
        "inside": int(twelve["inside"].sum()),
        "of": len(twelve),
        "reciprocity_inside": bool(fit.fit["inside"].sum() - twelve["inside"].sum()),
        "misses": _misses(twelve),
        "objective": float(fit.objective),
        "evaluations": int(fit.evaluations),
        "simulations": int(fit.simulations),
        "wall_s": round(wall, 1),
        "cpu_s": round(cpu, 1),
        "call": _call_text(name),
        "params": {k: v.item() if hasattr(v, "item") else v for k, v in fit.params.items()},
        **provenance(),
    }


def merge_records(old: list[dict], new: list[dict]) -> list[dict]:
    """``old`` with each (survey, seed) of ``new`` replaced or added, in survey then seed order.

    A run at some seeds keeps the other seeds' records of an earlier run (each record
    names its call, ``call``, where it was written with one).
    """
    merged = {(r["survey"], r["seed"]): r for r in old}
    merged.update({(r["survey"], r["seed"]): r for r in new})
    order = {name: i for i, name in enumerate(SURVEYS)}
    return sorted(merged.values(), key=lambda r: (order.get(r["survey"], len(order)), r["seed"]))


def provenance() -> dict:
    """The run's date (UTC) and the commit of the code it ran (``+dirty`` with local edits)."""
    return cn.io.provenance(ROOT)


def _write_json(path: Path, data) -> None:
    atomic_write_text(path, json.dumps(data, indent=1, ensure_ascii=False) + "\n")


def load_page_results(path: Path | None = None) -> dict:
    """What the page's rendered blocks were made from (default :data:`PAGE_RESULTS`)."""
    path = PAGE_RESULTS if path is None else path
    return json.loads(path.read_text()) if path.exists() else {}


def _store(key: str, value: dict) -> None:
    """Put ``value`` under ``key`` of :data:`PAGE_RESULTS`, keeping the other keys."""
    results = load_page_results()
    results[key] = value
    _write_json(PAGE_RESULTS, results)


def load_records(path: Path | None = None) -> list[dict]:
    """The records of earlier ``--surveys`` runs in ``path`` (default :data:`SEED_RESULTS`;
    none when the file does not exist)."""
    path = SEED_RESULTS if path is None else path
    return json.loads(path.read_text()) if path.exists() else []


#: Pairs of shares of the same draws: where both would exceed 1 together the second gives
#: way (``clusternet.calibrate``), so a fitted first share can imply the second's value.
SHARED_DRAWS = (
    ("transaction_technology", "social_technology"),
    ("same_stage_trade", "skip_stage_trade"),
)


def held_table(name: str, fit) -> pd.DataFrame:
    """The generator settings a survey fit does not estimate but that its estimates depend
    on: those fixed in the call, and the partner share of each fitted share of the same
    draws (at its default, or implied as one minus the fitted share)."""
    from clusternet.generate import PARAMETERS

    fitted = set(fit.estimates["parameter"])
    rows = [
        {"parameter": k, "value": v, "how": "fixed in the call"}
        for k, v in SURVEY_FITS[name].get("fixed", {}).items()
    ]
    for first, second in SHARED_DRAWS:
        if first not in fitted or second in fitted:
            continue
        value = fit.params.get(second, PARAMETERS[second].default)
        implied = value != PARAMETERS[second].default
        how = (
            f"implied: 1 − {first} (the two shares may not exceed 1; default "
            f"{PARAMETERS[second].default:g})"
            if implied
            else f"default (with the fitted {first} the two shares stay at most 1)"
        )
        rows.append({"parameter": second, "value": value, "how": how})
    return pd.DataFrame(rows, columns=["parameter", "value", "how"])


def seed_section(records: list[dict]) -> str:
    """The per-survey, per-seed result at the top of the page."""
    table = pd.DataFrame(records)
    lines = [
        "**Current result (one procedure for both surveys; every record of "
        "`examples/calibration_surveys.json`, written by `python examples/calibration.py "
        "--surveys`, merged by survey and seed; each record names the commit it ran).** "
        "Both fits use two-step weights and a "
        "last sweep on 24 fresh draws (`weights='estimate', final_sims=24`; *The method*), and "
        f"count the moments inside from a {CHECK}-draw check at the estimate. Moments inside "
        "their simulated 95 % ranges, of the twelve the page has reported since round 1 "
        "(reciprocity aside), per fit seed:\n",
    ]
    wide = table.pivot(index="survey", columns="seed", values="inside")
    wide = wide.loc[[n for n in SURVEYS if n in wide.index]]
    wide.columns = [f"seed {c}" for c in wide.columns]
    wide.insert(0, "call", [f"`{_call_text(n)}`" for n in wide.index])
    wide["seeds with ≥ 10"] = [
        f"{int((table[table['survey'] == n]['inside'] >= 10).sum())} of "
        f"{int((table['survey'] == n).sum())}"
        for n in wide.index
    ]
    lines.append(markdown_table(wide.reset_index()) + "\n")
    lines.append(
        "Each fit (wall and CPU seconds of its run on the shared 2-core machine, so not "
        "benchmarks; the commit of the code it ran):\n"
    )
    table["commit"] = table["commit"] if "commit" in table else None
    table["commit"] = table["commit"].fillna("not recorded")
    cols = ["survey", "seed", "inside", "misses", "objective", "evaluations", "wall_s", "cpu_s"]
    lines.append(markdown_table(table[[*cols, "commit"]]) + "\n")
    below = table[table["inside"] < 10]
    lines.append(
        (
            "Below the target (10 of 12): "
            + "; ".join(f"{r.survey} at seed {r.seed} ({r.inside})" for r in below.itertuples())
            + ". Kept as they are (an xfail with its count in `tests/test_calibrate_surveys.py`)."
        )
        if len(below)
        else "Every seed run puts at least 10 of 12 inside."
    )
    return "\n".join(lines) + "\n"


def _rows(frame: pd.DataFrame) -> list[dict]:
    """A table as JSON rows (numpy scalars as Python numbers)."""
    return json.loads(frame.to_json(orient="records", double_precision=15))


def section_record(name: str, fit, seed: int, wall: float, cpu: float) -> dict:
    """One survey's full section at one seed, as :data:`PAGE_RESULTS` keeps it."""
    twelve = _twelve(fit)
    return {
        "seed": seed,
        "call": _call_text(name),
        "layer_map": dict(fit.layer_map),
        "summary": fit.summary(),
        "wall_s": round(wall, 1),
        "cpu_s": round(cpu, 1),
        "inside": int(twelve["inside"].sum()),
        "of": len(twelve),
        "estimates": _rows(fit.estimates.drop(columns=["low", "high"])),
        "held": _rows(held_table(name, fit)),
        "fit": _rows(fit.fit),
        **provenance(),
    }


def survey_sections(sections: dict) -> str:
    """The survey fits at one seed as markdown (settings, estimates, goodness of fit, misses),
    from their :func:`section_record` records, by survey name."""
    parts = []
    for name, sec in sections.items():
        budget = sec["call"]
        if name in REFINE:
            second = dict(REFINE[name])
            share = second.pop("share")
            budget += (
                f"`; then a second Powell search in a box of ±{share:.0%} around the first "
                f"estimates, `{', '.join(f'{k}={v!r}' for k, v in second.items())}"
            )
        estimates = pd.DataFrame(sec["estimates"])
        fit = pd.DataFrame(sec["fit"])
        held = pd.DataFrame(sec["held"], columns=["parameter", "value", "how"])
        parts += [
            f"## Fitting the {name}\n",
            f"Layer map `{sec['layer_map']}`; {len(estimates)} free parameters, call "
            f"`{budget}`, `seed={sec['seed']}`. {sec['summary']} (the run's wall time on the "
            f"shared machine: {sec['wall_s']:.0f} s; run {sec['run']}, commit {sec['commit']}).\n",
            "### Estimates\n",
            markdown_table(estimates) + "\n",
            "Not estimated, but part of the fitted generator (every other setting is at its "
            "default in `cn.generate.PARAMETERS`):\n",
            markdown_table(held) + "\n",
            "### Goodness of fit\n",
            markdown_table(fit) + "\n",
        ]
        twelve = fit[fit["moment"] != "transaction:reciprocity"]
        parts.append(
            f"**{int(twelve['inside'].sum())} of {len(twelve)}** of the twelve moments the page "
            "has reported since round 1 (reciprocity aside) are inside. Misses (observed; "
            f"simulated 95 % range): {_misses(fit)}.\n"
        )
    return "\n".join(parts)


def _replace(text: str, start: str, end: str, block: str) -> str:
    return text[: text.index(start)] + block + text[text.index(end) + len(end) :]


def surveys_only(seeds: tuple[int, ...] = SEEDS) -> dict:
    """Fit both surveys at every seed; rewrite the page's per-seed table and seed sections.

    The fits at the first of :data:`SEEDS` fill the full sections (a run without that seed
    leaves them as the file holds them). Each fit's record is merged into
    :data:`SEED_RESULTS` by (survey, seed) as soon as it ends (a run stopped early keeps
    what it measured; a run at some seeds keeps the other seeds' records), and the
    per-seed table shows every record the file then holds.
    """
    fits, sections = {}, {}
    records = load_records()
    for name in SURVEYS:
        for seed in seeds:
            t0, c0 = time.perf_counter(), time.process_time()
            fit = fit_survey(name, seed)
            wall, cpu = time.perf_counter() - t0, time.process_time() - c0
            records = merge_records(records, [seed_record(name, seed, fit, wall, cpu)])
            _write_json(SEED_RESULTS, records)
            print(f"{name}, seed {seed} ({wall:.0f} s): {fit.summary()}", file=sys.stderr)
            if seed == SEEDS[0]:
                fits[name] = fit
                sections[name] = section_record(name, fit, seed, wall, cpu)
    if sections:  # a run without the first seed keeps the sections of the run that had it
        _store("sections", sections)
    sections = load_page_results().get("sections", {})
    text = DOC.read_text()
    text = _replace(
        text, SEEDS_START, SEEDS_END, f"{SEEDS_START}\n{seed_section(records)}{SEEDS_END}"
    )
    text = _replace(
        text,
        SURVEYS_START,
        SURVEYS_END,
        f"{SURVEYS_START}\n{survey_sections(sections)}\n{SURVEYS_END}",
    )
    atomic_write_text(DOC, text)
    print(f"wrote the per-seed table and the survey sections of {DOC}", file=sys.stderr)
    return {"fits": fits, "records": records}


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=(__doc__ or "").strip().split("\n")[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--surveys", action="store_true")
    parser.add_argument(
        "--seeds", default=",".join(map(str, SEEDS)), help="fit seeds of --surveys, e.g. 1,2,3"
    )
    args = parser.parse_args(argv)
    seeds = tuple(int(k) for k in args.seeds.split(","))
    if args.surveys:
        return surveys_only(seeds)
    if not args.quick:
        # the page: the per-seed table and survey sections (between their markers), then the
        # overlap table of docs/generator.md; the rest of docs/calibration.md is prose
        result = surveys_only(seeds)
        if not result["fits"]:
            raise ValueError(f"seeds: the page's run needs seed {SEEDS[0]}, got {seeds}")
        scaling = write_scaling(result["fits"], SEEDS[0])
        return {**result, "scaling": scaling, "overlaps": write_overlaps()}
    # quick: the first survey only, with the four layer-degree and closure parameters (all
    # 13 took 185 objective evaluations), a 4-point design and one Powell sweep, no
    # bootstrap, and two recovered parameters, so the gallery shows the figure in minutes
    budget = dict(n_sims=2, bootstrap=0, maxiter=1, design=4)
    surveys = dict(list(SURVEYS.items())[:1])
    truth = {k: TRUTH[k] for k in ("transaction_degree", "social_degree")}
    fits = {}
    for name, (loader, mapping) in surveys.items():
        fits[name] = fit_generator(
            loader(), params=QUICK_PARAMS, layer_map=mapping, seed=1, **budget,
        )  # fmt: skip
        print(f"{name}: {fits[name].summary()}", file=sys.stderr)
    truth_net = cn.generate_cluster(150, seed=11, **TRUTH)
    recovery = fit_generator(truth_net, params=list(truth), seed=3, **budget)
    # the figure stays open: the examples gallery shows it
    name, first = next(iter(fits.items()))
    fig = fit_figure(first.fit)
    fig.axes[0].set_title(f"Goodness of fit: {name}")
    return {"fits": fits, "recovery": recovery}


def scaling_block(scaling: dict) -> str:
    """The scaling table of docs/calibration.md (between its markers) from its record."""
    return (
        f"{SCALING_START}\nThe {scaling['survey']} fit of the survey sections above (fit seed "
        f"{scaling['fit_seed']}; `fit.generate(n, seed={scaling['seed']})`; run "
        f"{scaling['run']}, commit {scaling['commit']}), scaled:\n\n"
        f"{markdown_table(pd.DataFrame(scaling['rows']))}\n{SCALING_END}"
    )


def write_scaling(fits: dict, seed: int) -> pd.DataFrame:
    """Rewrite the scaling table of docs/calibration.md (between its markers) from the CKM fit
    at the first seed: ``fit.generate(n)`` at 1, 10, 100 and 1000 times the survey's size."""
    name = next(k for k in fits if k.startswith("CKM"))
    scaled = scale_table(fits[name])
    record = {
        "survey": name,
        "fit_seed": seed,
        "seed": SCALE_SEED,
        "rows": _rows(scaled),
        **provenance(),
    }
    _store("scaling", record)
    atomic_write_text(
        DOC, _replace(DOC.read_text(), SCALING_START, SCALING_END, scaling_block(record))
    )
    return scaled


def overlap_block(overlaps: dict) -> str:
    """The interwoven-layers table (between its markers) from its record."""
    return (
        f"{START}\n"
        "Pairwise edge overlaps (`shared / min(m_a, m_b)`, firm ties only) and multiplexity "
        "(share of tied firm pairs tied in two or more of the three layers) of generated clusters "
        "beside two surveyed networks, from one run of `python examples/calibration.py` (run "
        f"{overlaps['run']}, commit {overlaps['commit']}; `examples/calibration_page.json`):\n\n"
        + markdown_table(pd.DataFrame(overlaps["rows"]))
        + f"\n{END}"
    )


def write_overlaps() -> pd.DataFrame:
    """Rewrite the interwoven-layers tables of docs/generator.md and docs/calibration.md
    (between their markers)."""
    overlaps = overlap_table()
    record = {"firms": 5000, "seed": 2026, "rows": _rows(overlaps), **provenance()}
    _store("overlaps", record)
    block = overlap_block(record)
    for page in (GENERATOR_DOC, DOC):
        text = page.read_text()
        if START in text:
            text = text[: text.index(START)] + block + text[text.index(END) + len(END) :]
        else:
            text += "\n## Interwoven layers\n\n" + block + "\n"
        atomic_write_text(page, text)
        print(f"wrote the overlap table of {page}", file=sys.stderr)
    return overlaps


if __name__ == "__main__":
    main()
