"""
Run every validity experiment and write docs/validation.md (measured effects, 95 % intervals)
=============================================================================================

python examples/validation_table.py            # 1,500 firms, 20 replicates per experiment
python examples/validation_table.py --quick    # 300 firms, 4 replicates (smoke run)

Besides the page it draws the forest plot of every row's effect with its 95 %
interval, grouped by outcome (``figures/validation_forest.png`` beside the page;
the documentation gallery shows it).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from clusternet.report import proposition_forest_figure
from clusternet.validation import (
    EXPERIMENTS,
    INPUT_CLAIMS,
    POPULATION_RANGES,
    calibrate_readiness_weights,
    discrimination,
    input_effects,
    population_study,
    predictive_validity,
    run_experiment,
    sobol_analysis,
)

# the examples gallery runs this file without __file__, from the examples folder
_HERE = Path(__file__).resolve().parent if "__file__" in globals() else Path.cwd()

DOC = _HERE.parent / "docs" / "validation.md"

#: Propositions of the validity issue the model does not reproduce (name -> measured effect).
OPEN: dict[str, str] = {}


def fmt(x: float) -> str:
    return f"{x:.3g}"


def main(argv: list[str] | None = None) -> Path:
    parser = argparse.ArgumentParser(description=(__doc__ or "").strip().split("\n")[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--out", type=Path, default=DOC)
    args = parser.parse_args(argv)
    firms, reps = (300, 4) if args.quick else (1500, 20)
    clusters, pop_firms = (12, 300) if args.quick else (200, 800)
    sobol_n = 4 if args.quick else 128
    rows, details, forest = [], [], []
    t0 = time.perf_counter()
    for key in EXPERIMENTS:
        r = run_experiment(key, firms=firms, reps=reps, seed=2026)
        for e in r.effects:
            forest.append(
                {"proposition": f"{key} ({r.kind})", "outcome": e.name, "effect": e.mean,
                 "low": e.low, "high": e.high}
            )  # fmt: skip
            rel = f" ({100 * e.relative:+.0f} %)" if e.relative == e.relative else ""
            rows.append(
                f"| {key} | {r.kind} | {e.name} | {fmt(e.mean)}{rel} | [{fmt(e.low)}, {fmt(e.high)}] | "
                f"{e.n} | {'+' if e.sign > 0 else '−'} | {'yes' if e.supported else '**no**'} |"
            )
        why = EXPERIMENTS[key].not_by_construction
        details.append(
            f"### {key} ({r.kind})\n\n- **Claim** ({r.source}): {r.claim}\n- **Mechanism**: {r.mechanism}\n"
            + (f"- **Not by construction**: {why}\n" if why else "")
            + f"- **Experiment**: {r.design}; {EXPERIMENTS[key].steps} steps (spillover experiments: "
            f"gap-rule steps).\n"
        )
    effects = pd.DataFrame(forest)
    effects = effects[np.isfinite(effects[["effect", "low", "high"]]).all(axis=1)]
    fig = proposition_forest_figure(effects.sort_values("outcome", kind="stable"))
    figure_path = args.out.parent / "figures" / "validation_forest.png"
    figure_path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(figure_path, dpi=110)
    plt.close(fig)
    from clusternet.measures import READINESS_COMPONENTS, READINESS_WEIGHTS

    training = population_study(clusters, firms=pop_firms, steps=30, seed=11, behaviour=True)
    fitted = calibrate_readiness_weights(training)
    population = population_study(clusters, firms=pop_firms, steps=30, seed=2026, behaviour=True)
    disc = discrimination(population)
    pv = predictive_validity(population)
    inputs = input_effects(population)
    weight_rows = "\n".join(
        f"| `{k}` | {spec.wheel} | {READINESS_WEIGHTS[k]:g} | {fitted[k]:g} |"
        for k, spec in READINESS_COMPONENTS.items()
    )
    input_rows = "\n".join(
        f"| `{r['input']}` | {r.outcome} | {r.rho:.2f} | [{r.ci_low:.2f}, {r.ci_high:.2f}] |"
        for _, r in inputs.iterrows()
    )
    assert len(inputs) == len(INPUT_CLAIMS)
    disc_rows = "\n".join(
        f"| `{name}` | {r.normalized_sd:.3f} | {r.share_at_low_goalpost:.2f} | "
        f"{r.share_at_high_goalpost:.2f} | {r['min']:.3f}–{r['max']:.3f} |"
        for name, r in disc.iterrows()
    )
    pv_rows = "\n".join(
        f"| {r['index']} | {r.outcome} | {r.rho:.2f} | [{r.ci_low:.2f}, {r.ci_high:.2f}] | "
        f"{r.rho_absorptive_capacity:.2f} | {r.rho_quality:.2f} | "
        f"{'yes' if r.rho >= 0.6 else '**no**'} | {'yes' if r.beats_baselines else '**no**'} |"
        for _, r in pv.iterrows()
    )
    ranges = ", ".join(f"`{k}` {lo:g}–{hi:g}" for k, (lo, hi) in POPULATION_RANGES.items())
    sob = sobol_analysis(n=sobol_n, firms=400, steps=30, seed=2026)
    from clusternet.dynamics.parameters import PLAUSIBLE

    plausible = ", ".join(f"`{k}` {lo:g}–{hi:g}" for k, (lo, hi) in PLAUSIBLE.items())
    sobol_rows, matters = [], {}
    for output, g in sob.groupby("output", sort=False):
        g = g.sort_values("ST", ascending=False)
        top = g[(g["ST"] - g["ST_conf"]) > 0.05]
        matters[output] = ", ".join(f"`{x}`" for x in top["parameter"]) or "none clearly"
        for _, r in g.head(5).iterrows():
            sobol_rows.append(
                f"| {output} | `{r.parameter}` | {r.S1:.2f} ± {r.S1_conf:.2f} | "
                f"{r.ST:.2f} ± {r.ST_conf:.2f} |"
            )
    sobol_table = "\n".join(sobol_rows)
    matter_lines = "\n".join(f"- **{k}**: {v}" for k, v in matters.items())
    elapsed = time.perf_counter() - t0
    text = (
        f"""# Model validity: the monograph's propositions as comparative statics

Each row is a claim of the source monograph (Zhang et al. 2011; the excerpt and its
line numbers are in the project's `shared/seed/README.md`) or of the literature,
the mechanism that carries it in clusternet, and a designed experiment: two arms on
the same generated clusters with the same seeds (common random numbers), the effect
being the mean paired difference of the outcome (arm B − arm A) over *n* replicate
clusters of {firms:,} firms, with a 95 % t interval. *Supported* means the interval
lies on the claimed side of zero. `tests/test_validity.py` runs every experiment on
small clusters (400 firms, 8 replicates) and fails if a sign flips or an interval
reaches zero; this page is written by `python examples/validation_table.py`
(`clusternet.validation`), this run in {elapsed:.0f} s.

*Wiring* rows check that a lever moves its own target (they hold by construction and are
kept as unit tests of the mechanisms, not counted as validation); *propositions* need a
chain of firms' choices and could come out either way — each says why, and where it is
known to fail.

![Forest plot: every row's effect with its 95 % interval, one panel per outcome]({figure_path.relative_to(args.out.parent).as_posix()})

*Every row's effect (dot) with its 95 % interval (line), grouped by outcome, each
panel on its outcome's scale; the vertical line is zero. Blue: the interval lies above
zero; red: below; grey: it covers zero. Whether a row is supported also depends on its
claimed sign (the table).*

| row | kind | effect | mean (relative) | 95 % interval | n | claimed sign | supported |
|---|---|---|---|---|---|---|---|
"""
        + "\n".join(rows)
        + "\n\n## The experiments\n\n"
        + "\n".join(details)
        + f"""
## Does readiness discriminate?

{clusters} clusters of {pop_firms} firms, generator parameters drawn by a Latin hypercube
over {ranges} (`clusternet.validation.population_study`, run through `cn.sweep`). A
component *discriminates* when its normalised standard deviation is at least 0.05 and
no more than 90 % of clusters sit within 0.02 of a goalpost.

| component | normalised sd | share at low goalpost | share at high goalpost | range |
|---|---|---|---|---|
{disc_rows}

## Does readiness predict upgrading?

Spearman's rho between readiness at t = 0 and the level the same cluster reaches after
30 steps (no policy), with a 95 % bootstrap interval, and beside it the naive baselines
(mean absorptive capacity alone; current mean quality alone). Readiness is frozen at
t = 0 and each cluster's behavioural parameters are drawn from their plausible ranges
(model uncertainty). The target is rho >= 0.6 for each wheel and overall (technology
wheel against mean knowledge at T and innovations per firm, brand wheel against the
reputation and the high-quality share at T, overall against the mean rank of all four);
*beats baselines*: readiness's interval lies above both baselines' rho.

The wheels use the default weights (`clusternet.measures.READINESS_WEIGHTS`): equal
within each wheel (*assumed*), not fitted to the model.

| index | outcome | rho | 95 % interval | rho, absorptive capacity alone | rho, quality alone | meets 0.6 | beats baselines |
|---|---|---|---|---|---|---|---|
{pv_rows}

Weights: the package default and, for information only, what non-negative least squares
on a separate calibration population (seed 11) would give; the default is not tuned.

| component | wheel | default weight | calibrated in this run |
|---|---|---|---|
{weight_rows}

The inputs the monograph names act as it says (Spearman's rho over the same population,
95 % bootstrap interval):

| input | outcome | rho | 95 % interval |
|---|---|---|---|
{input_rows}

Certification, the other brand lever the monograph names, is a policy rather than a
generator input; V6 measures its effect.

## Which parameters matter (Sobol analysis)

Variance-based sensitivity (Saltelli sampling, SALib; `clusternet.validation.sobol_analysis`)
of four outputs after 30 steps on one generated cluster of 400 firms, over the plausible
ranges of the behavioural parameters ({plausible}); {sobol_n * (len(PLAUSIBLE) + 2):,}
simulations through `cn.sweep`, each with its own seed (simulation noise stays in the
unexplained variance). S1: first-order index, ST: total index, with 95 % bootstrap
half-widths; the five largest total indices per output.

| output | parameter | S1 | ST |
|---|---|---|---|
{sobol_table}

Parameters whose total index exceeds 0.05 with its interval:

{matter_lines}

## Not yet covered

These propositions of the validity issue are not reproduced by the model, so no row
above claims them (the measured effects are given):

"""
        + (
            "\n".join(f"- **{k}** — {v}." for k, v in OPEN.items())
            if OPEN
            else "None: every proposition of the validity issue has a row above. Where a row "
            "holds only in part of the plausible range, its experiment says so (V4: the hump's "
            "rising side needs imitators that copy most of an innovation; at the default "
            "imitation gap 0.5 only the falling side is significant)."
        )
        + "\n"
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text)
    print(f"wrote {args.out} ({elapsed:.0f} s)", file=sys.stderr)
    return args.out


if __name__ == "__main__":
    main()
