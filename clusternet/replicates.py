"""Summaries of replicated simulations: uncertainty bands and paired effects.

A stochastic result is never one run. These helpers take a long table of
replicate time series — one row per (arm, replicate, step) — and give the
mean path with a band that holds the central ``level`` share of replicates,
and the effect of each arm against a baseline as the mean paired difference
over replicates (common random numbers: replicate ``r`` of every arm shares
its seed) with a t interval.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import stats

from clusternet._validate import show


def _check_columns(runs: pd.DataFrame, needed: Sequence[str]) -> None:
    if not isinstance(runs, pd.DataFrame):
        raise TypeError(f"runs must be a DataFrame, got {type(runs).__name__}")
    missing = [c for c in needed if c not in runs.columns]
    if missing:
        raise ValueError(f"runs has no column(s) {', '.join(map(show, missing))}")


def bands(
    runs: pd.DataFrame,
    columns: Sequence[str],
    group: str = "arm",
    level: float = 0.9,
) -> pd.DataFrame:
    """Mean path and central ``level`` band over replicates, per group and step.

    For every ``group`` value, ``step`` and column ``c``: ``c`` (the mean over
    replicates), ``c_low`` and ``c_high`` (the ``(1 - level)/2`` and
    ``(1 + level)/2`` empirical quantiles, linear interpolation) and
    ``replicates`` (how many replicate rows the step has).
    """
    _check_columns(runs, [group, "step", *columns])
    if not 0 < level < 1:
        raise ValueError(f"level must lie in (0, 1), got {show(level)}")
    lo, hi = (1 - level) / 2, (1 + level) / 2
    grouped = runs.groupby([group, "step"], sort=False)[list(columns)]
    mean = grouped.mean()
    low = grouped.quantile(lo).add_suffix("_low")
    high = grouped.quantile(hi).add_suffix("_high")
    count = grouped.size().rename("replicates")
    out = pd.concat([mean, low, high, count], axis=1).reset_index()
    return out


def paired_effects(
    runs: pd.DataFrame,
    outcomes: Sequence[str],
    baseline: str = "baseline",
    group: str = "arm",
    replicate: str = "replicate",
    confidence: float = 0.95,
) -> pd.DataFrame:
    """Effect of every arm on each outcome at the last step, paired by replicate.

    ``effect = mean_r (y[arm, r] - y[baseline, r])`` over the replicates both
    arms have, with a two-sided ``confidence`` t interval (``n - 1`` degrees of
    freedom); ``relative`` is the effect over the baseline mean. An outcome
    ending in ``_total`` is summed over all steps instead of read at the last
    one (e.g. ``innovations_total``: innovations over the run). Rows for every
    arm but the baseline; ``significant`` when the interval excludes zero.
    """
    _check_columns(runs, [group, replicate, "step"])
    if baseline not in set(runs[group]):
        raise ValueError(f"no arm {show(baseline)} in runs; arms: {sorted(set(runs[group]))}")
    final = _final_values(runs, outcomes, group, replicate)
    base = final.xs(baseline, level=group)
    rows = []
    for arm in dict.fromkeys(runs[group]):
        if arm == baseline:
            continue
        arm_values = final.xs(arm, level=group)
        common = base.index.intersection(arm_values.index)
        for outcome in outcomes:
            d = (arm_values.loc[common, outcome] - base.loc[common, outcome]).to_numpy(float)
            n = d.size
            mean = float(d.mean()) if n else float("nan")
            if n > 1 and d.std(ddof=1) > 0:
                half = float(stats.t.ppf((1 + confidence) / 2, n - 1) * stats.sem(d))
            else:
                half = 0.0 if n > 1 else float("nan")
            base_mean = float(base.loc[common, outcome].mean())
            rows.append(
                {
                    group: arm,
                    "outcome": outcome,
                    "baseline_mean": base_mean,
                    "arm_mean": float(arm_values.loc[common, outcome].mean()),
                    "effect": mean,
                    "ci_low": mean - half,
                    "ci_high": mean + half,
                    "relative": mean / base_mean if base_mean else float("nan"),
                    "n": n,
                    "significant": bool(n > 1 and (mean - half > 0 or mean + half < 0)),
                }
            )
    return pd.DataFrame(rows)


def _final_values(runs, outcomes, group, replicate) -> pd.DataFrame:
    """One row per (group, replicate): last-step values, or sums for ``*_total`` outcomes."""
    plain = [o for o in outcomes if not o.endswith("_total")]
    totals = [o for o in outcomes if o.endswith("_total")]
    _check_columns(runs, plain + [o[: -len("_total")] for o in totals])
    last = runs.loc[runs.groupby([group, replicate], sort=False)["step"].idxmax()]
    out = last.set_index([group, replicate])[plain]
    for o in totals:
        out[o] = runs.groupby([group, replicate], sort=False)[o[: -len("_total")]].sum()
    return out[list(outcomes)]


def rank_arms(
    effects: pd.DataFrame, outcome: str, group: str = "arm", higher_is_better: bool = True
) -> pd.DataFrame:
    """Arms ordered by their effect on ``outcome`` (best first), with intervals and rank."""
    part = effects[effects["outcome"] == outcome].copy()
    if part.empty:
        raise ValueError(f"no effects for outcome {show(outcome)}")
    part = part.sort_values("effect", ascending=not higher_is_better).reset_index(drop=True)
    part.insert(0, "rank", np.arange(1, len(part) + 1))
    return part[["rank", group, "effect", "ci_low", "ci_high", "relative", "significant"]]


def markdown_table(frame: pd.DataFrame, digits: int = 3, booleans=("yes", "**no**")) -> str:
    """A pipe table (GitHub/MyST Markdown) of ``frame``'s columns and rows (not its index).

    Floats print with ``digits`` significant figures, booleans as ``booleans``
    (true, false), ``|`` inside a cell is escaped. Used by the examples that
    write the documentation's result pages.
    """

    def cell(value) -> str:
        if isinstance(value, bool | np.bool_):
            return booleans[0] if value else booleans[1]
        if isinstance(value, float | np.floating):
            return f"{value:.{digits}g}"
        return str(value).replace("|", "\\|")

    head = "| " + " | ".join(cell(c) for c in frame.columns) + " |"
    rule = "|" + "---|" * len(frame.columns)
    body = ["| " + " | ".join(cell(v) for v in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join([head, rule, *body])
