"""Which upgrading parameters the ABC summaries can pin down: effect sizes at the prior's ends.

For each parameter of :data:`clusternet.model_fit.UPGRADING_FIT` the upgrading model
is run ``--reps`` times with that parameter at the low end of its plausible range
(the ABC prior) and ``--reps`` times at the high end, all other parameters at their
defaults, on one generated cluster of ``--firms`` firms for ``--steps`` steps. Each
run is reduced to the ABC summaries (:func:`clusternet.model_fit.halves_summary`
of the columns: early and late half means). The effect size of a summary is

    d = (mean_high - mean_low) / sd_pooled,

sd_pooled the square root of the mean of the two ends' replicate variances. |d| is
how many replicate standard deviations the summary moves across the whole prior
range; a parameter no summary moves by much (|d| under about 2) cannot be
narrowed much by ABC on these summaries, whatever the particles. The default
columns are :data:`clusternet.model_fit.UPGRADING_COLUMNS`; ``--extra`` adds other
observable columns of the time series to see what they would add. One parameter at
a time: it shows marginal sensitivity, not whether two parameters are confounded.

``--set NAME=VALUE`` fixes other model parameters for every run (e.g.
``--set market_pressure=1`` for the opt-in market channel) and ``--only`` limits
the parameters measured.

Run: python benchmarks/abc_identifiability.py --firms 300 --steps 20 --reps 20
--out benchmarks/abc_identifiability_upgrading.json
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

import clusternet as cn
from clusternet._threads import numba_threads
from clusternet.dynamics import PARAMETERS
from clusternet.dynamics.parameters import LAYER_RATES, expand_layer_rates, split_layer_rate
from clusternet.io import atomic_write_text
from clusternet.model_fit import UPGRADING_COLUMNS, UPGRADING_FIT, halves_summary, upgrading_priors

sys.path.insert(0, str(Path(__file__).resolve().parent))  # also under python -m
from _common import fixed_parameters, provenance

#: Time-series columns one could add to the summaries: counts a survey or registry records
#: per period, market outcomes (margins, output, sales), and the level and spread of the
#: firms' knowledge, which is latent (observable only through a technology index mapped
#: onto the model's scale, not built here).
EXTRA_COLUMNS = (
    "radical_innovations",
    "imitators",
    "knowledge_mean",
    "knowledge_variance",
    "mean_margin",
    "mean_lerner",
    "total_output",
    "sales_cv",
    "sales_instability",
)


def effect_sizes(runs_low: pd.DataFrame, runs_high: pd.DataFrame) -> pd.DataFrame:
    """Per summary: the two ends' means, replicate sd, and d = (high - low) / pooled sd.

    Examples
    --------
    >>> low = pd.DataFrame({"x": [0.0, 2.0]})
    >>> high = pd.DataFrame({"x": [4.0, 6.0]})
    >>> round(float(effect_sizes(low, high).loc["x", "d"]), 6)
    2.828427
    """
    sd = np.sqrt((runs_low.var(ddof=1) + runs_high.var(ddof=1)) / 2)
    diff = runs_high.mean() - runs_low.mean()
    d = diff / sd.where(sd > 0)
    # a summary that does not vary at either end moves by 0 sds if the means agree,
    # by infinitely many if they do not
    d[(sd == 0) & (diff == 0)] = 0.0
    d[(sd == 0) & (diff != 0)] = np.inf * np.sign(diff[(sd == 0) & (diff != 0)])
    return pd.DataFrame(
        {"mean_low": runs_low.mean(), "mean_high": runs_high.mean(), "sd": sd, "d": d}
    )


def runs(net, steps: int, params: dict, reps: int, seed: int, columns) -> pd.DataFrame:
    """``reps`` runs' summaries at ``params`` (seeds seed, seed + 1, ...)."""
    rows = []
    with numba_threads(1):
        for r in range(reps):
            ts = cn.simulate_upgrading(
                net, steps, seed=seed + r, **expand_layer_rates(params)
            ).timeseries
            rows.append(halves_summary(ts, columns))
    return pd.DataFrame(rows)


def _default(name: str) -> float:
    """A parameter's default; a ``RATES.LAYER`` name's default layer rate."""
    split = split_layer_rate(name)
    if split is None:
        return float(PARAMETERS[name].default)
    return float(LAYER_RATES[split[0]].get(split[1], 0.0))


def main(argv=None):
    parser = argparse.ArgumentParser(description=(__doc__ or "").strip().split("\n")[0])
    parser.add_argument("--firms", type=int, default=300)
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--reps", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--extra", nargs="*", default=list(EXTRA_COLUMNS))
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument(
        "--set",
        nargs="*",
        default=[],
        metavar="NAME=VALUE",
        help="fix other model parameters for every run (floats)",
    )
    parser.add_argument("--only", nargs="*", default=None, help="parameters to measure")
    parser.add_argument(
        "--params",
        nargs="*",
        default=None,
        help="the parameter list (default UPGRADING_FIT); RATES.LAYER names one layer's rate",
    )
    args = parser.parse_args(argv)
    if args.reps < 2:
        parser.error("--reps must be at least 2")
    names = list(args.params or UPGRADING_FIT)
    try:
        priors = upgrading_priors(names)
    except ValueError as err:
        parser.error(f"--params: {err}")
    fixed = fixed_parameters(parser, args.set)
    fitted = list(names) if args.only is None else list(args.only)
    unknown = [p for p in fitted if p not in names]
    if unknown:
        parser.error(f"--only: {unknown} are not fitted parameters {names}")
    start = time.perf_counter()
    net = cn.generate_cluster(args.firms, seed=args.seed)
    columns = list(UPGRADING_COLUMNS) + [c for c in args.extra if c not in UPGRADING_COLUMNS]
    defaults = {p: _default(p) for p in names} | fixed
    table = {}
    # the seeds follow the parameter's place in the list: UPGRADING_FIT's as in earlier runs
    for k, p in enumerate(names):
        if p not in fitted:
            continue
        low, high = priors[p]
        seed = 1000 * (k + 1)
        # common random numbers: the same seeds at both ends
        lo = runs(net, args.steps, defaults | {p: low}, args.reps, seed, columns)
        hi = runs(net, args.steps, defaults | {p: high}, args.reps, seed, columns)
        table[p] = effect_sizes(lo, hi)
        print(f"{p}: done ({time.perf_counter() - start:.0f} s)", flush=True)
    d = pd.DataFrame({p: t["d"] for p, t in table.items()})
    default_rows = [f"{c}_{h}" for c in UPGRADING_COLUMNS for h in ("early", "late")]
    best = {
        p: {
            "default_summaries": float(d.loc[default_rows, p].abs().max()),
            "with_extra": float(d[p].abs().max()),
        }
        for p in fitted
    }
    result = {
        **provenance(),
        "settings": vars(args) | {"out": str(args.out), "columns": columns},
        "defaults": defaults,
        "priors": priors,
        "default_summaries": default_rows,
        "max_abs_d": best,
        "effect_size": {p: {s: float(v) for s, v in d[p].items()} for p in d},
        "detail": {
            p: {s: {k: float(v) for k, v in row.items()} for s, row in t.iterrows()}
            for p, t in table.items()
        },
        "seconds": time.perf_counter() - start,
    }
    if args.out:
        atomic_write_text(args.out, json.dumps(result, indent=1) + "\n")
    with pd.option_context("display.width", 200, "display.precision", 2):
        print(d.to_string())
        print(pd.DataFrame(best).T.to_string())
    return result


if __name__ == "__main__":
    main()
