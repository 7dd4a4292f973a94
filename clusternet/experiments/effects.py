"""Paired effects, uncertainty bands and rankings of replicated experiments.

One module for every summary of replicated runs: a stochastic result is never
one run. :func:`paired_interval` is the one paired t interval of the package
(case studies, propositions and wiring checks all use it);
:func:`paired_effects` applies it to a long table of replicate time series (one
row per arm, replicate and step), :func:`bands` gives mean paths with empirical
bands and :func:`rank_arms` orders arms by their effect.

References
----------
Student (1908); the interval is the one of ``scipy.stats.ttest_rel``.
Common random numbers: Law, A. M. (2015), *Simulation Modeling and Analysis*,
5th ed., ch. 11.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from clusternet._validate import show

__all__ = [
    "PairedInterval",
    "bands",
    "markdown_table",
    "paired_effects",
    "paired_interval",
    "rank_arms",
    "series_of",
]


@dataclass(frozen=True)
class PairedInterval:
    r"""Mean paired difference with its two-sided t interval over ``n`` replicates.

    Parameters
    ----------
    effect : float
        The mean paired difference :math:`\bar d`.
    low, high : float
        The interval's bounds (NaN when fewer than two pairs or no spread).
    n : int
        The number of pairs.

    Examples
    --------
    >>> iv = PairedInterval(0.3, 0.1, 0.5, 5)
    >>> iv.significant, iv.holds(+1), iv.holds(-1)
    (True, True, False)
    """

    effect: float
    low: float
    high: float
    n: int

    @property
    def significant(self) -> bool:
        """The interval excludes zero (False when no interval can be formed).

        Returns
        -------
        bool

        Examples
        --------
        >>> PairedInterval(0.1, -0.1, 0.3, 5).significant, PairedInterval(-0.2, -0.3, -0.1, 5).significant
        (False, True)
        """
        return bool(self.low > 0 or self.high < 0)

    def holds(self, sign: int) -> bool:
        """The interval lies entirely on the side of zero that ``sign`` (+1 / -1) claims.

        Parameters
        ----------
        sign : int
            The claimed sign, +1 or -1.

        Returns
        -------
        bool

        Examples
        --------
        >>> iv = PairedInterval(-0.2, -0.3, -0.1, 5)
        >>> iv.holds(-1), iv.holds(+1)
        (True, False)
        """
        return bool(self.low > 0) if sign > 0 else bool(self.high < 0)


def paired_interval(differences, confidence: float = 0.95) -> PairedInterval:
    r"""Mean of paired differences with a two-sided Student t interval.

    :math:`\hat e = \bar d`, :math:`h = t_{(1+c)/2,\,n-1}\, s_d / \sqrt{n}`; the
    interval is :math:`\hat e \pm h`, the one ``scipy.stats.ttest_rel(b, a)
    .confidence_interval(c)`` gives. Edge cases (chosen once, for every caller):
    fewer than two differences give a NaN interval (no spread can be estimated,
    so nothing is significant); NaN differences are an error (a replicate that
    failed must not vanish silently); differences that are all equal give the
    degenerate interval ``[effect, effect]`` — common random numbers make a
    lever that changes nothing give exactly 0, and a lever that shifts every
    replicate by the same amount is known without sampling error.

    Parameters
    ----------
    differences : array_like
        Per-replicate paired differences ``y[arm, r] - y[baseline, r]``.
    confidence : float, default 0.95
        Two-sided confidence level in (0, 1).

    Returns
    -------
    PairedInterval

    Examples
    --------
    >>> iv = paired_interval([0.2, 0.4, 0.3, 0.5])
    >>> round(iv.effect, 3), round(iv.low, 3), round(iv.high, 3)
    (0.35, 0.145, 0.555)
    >>> iv.holds(+1)
    True
    """
    if not 0 < float(confidence) < 1:
        raise ValueError(f"confidence must lie in (0, 1), got {show(confidence)}")
    d = np.asarray(differences, dtype=np.float64).ravel()
    if np.isnan(d).any():
        raise ValueError(
            f"paired differences contain NaN at position(s) {np.flatnonzero(np.isnan(d)).tolist()}"
        )
    n = int(d.size)
    if n == 0:
        return PairedInterval(float("nan"), float("nan"), float("nan"), 0)
    mean = float(d.mean())
    if n < 2:
        return PairedInterval(mean, float("nan"), float("nan"), n)
    sd = float(d.std(ddof=1))
    half = float(stats.t.ppf((1 + confidence) / 2, n - 1) * sd / np.sqrt(n)) if sd > 0 else 0.0
    return PairedInterval(mean, mean - half, mean + half, n)


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

    Parameters
    ----------
    runs : DataFrame
        The replicate table (as :func:`~clusternet.experiments.run_arms` returns): one row per group value,
        replicate and step, with a ``step`` column and the recorded series.
    columns : sequence of str
        The series to summarise.
    group : str, default "arm"
        The column that names the arm (or other group).
    level : float, default 0.9
        The band's central coverage, in (0, 1).

    Returns
    -------
    DataFrame
        One row per group value and step, with the columns described above.

    Examples
    --------
    >>> runs = pd.DataFrame({"arm": ["a"] * 4, "replicate": [0, 0, 1, 1],
    ...                      "step": [0, 1, 0, 1], "y": [0.0, 1.0, 0.0, 3.0]})
    >>> bands(runs, ["y"], level=0.5)[["step", "y", "y_low", "y_high"]].to_numpy().tolist()
    [[0.0, 0.0, 0.0, 0.0], [1.0, 2.0, 1.5, 2.5]]
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
    return pd.concat([mean, low, high, count], axis=1).reset_index()


def final_values(
    runs: pd.DataFrame, outcomes: Sequence[str], group: str = "arm", replicate: str = "replicate"
) -> pd.DataFrame:
    r"""One row per (group, replicate): each outcome's value for the run.

    A plain outcome is read at the last step; ``x_total`` is series ``x``
    summed over all steps; ``x_change`` is ``x`` at the last step minus ``x`` at
    the first; ``x_growth`` is the mean relative change per step,
    :math:`\frac{1}{T} \sum_{t=1}^{T} (x_t / x_{t-1} - 1)` over the run's steps
    ``0..T`` in step order (NaN where some :math:`x_{t-1}` is 0).

    Parameters
    ----------
    runs : DataFrame
        The replicate table (as :func:`~clusternet.experiments.run_arms` returns): one row per group value,
        replicate and step, with a ``step`` column and the recorded series.
    outcomes : sequence of str
        Plain, ``*_total``, ``*_change`` or ``*_growth`` outcomes.
    group : str, default "arm"
        The column that names the arm.
    replicate : str, default "replicate"
        The column that numbers the replicate.

    Returns
    -------
    DataFrame
        Columns ``group``, ``replicate`` and one per outcome.

    Examples
    --------
    >>> runs = pd.DataFrame({"arm": ["a"] * 3, "replicate": [0] * 3, "step": [0, 1, 2],
    ...                      "y": [1.0, 2.0, 4.0]})
    >>> final_values(runs, ["y", "y_total", "y_change", "y_growth"]).to_numpy().tolist()
    [[4.0, 7.0, 3.0, 1.0]]
    """
    _check_columns(runs, [group, replicate, "step", *(series_of(o) for o in outcomes)])
    keys = [group, replicate]
    last = runs.loc[runs.groupby(keys, sort=False)["step"].idxmax()].set_index(keys)
    first = runs.loc[runs.groupby(keys, sort=False)["step"].idxmin()].set_index(keys)
    out = pd.DataFrame(index=last.index)
    for o in outcomes:
        if o.endswith("_total"):
            out[o] = runs.groupby(keys, sort=False)[series_of(o)].sum()
        elif o.endswith("_change"):
            out[o] = last[series_of(o)] - first[series_of(o)]
        elif o.endswith("_growth"):
            out[o] = runs.groupby(keys, sort=False)[["step", series_of(o)]].apply(_mean_growth)
        else:
            out[o] = last[o]
    return out[list(outcomes)]


def _mean_growth(run: pd.DataFrame) -> float:
    """Mean relative change per step of a run's one series (columns ``step`` and the series)."""
    x = run.sort_values("step", kind="stable").iloc[:, 1].to_numpy(float)
    if x.shape[0] < 2:
        return float("nan")
    prev = x[:-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        rel = np.where(prev != 0, x[1:] / np.where(prev != 0, prev, 1.0) - 1.0, np.nan)
    return float(rel.mean())


#: Suffixes of outcomes that summarise a whole series (see :func:`final_values`).
SERIES_SUFFIXES = ("_total", "_change", "_growth")


def series_of(outcome: str) -> str:
    """The recorded series an outcome reads: ``x`` for ``x``, ``x_total``, ``x_change`` and ``x_growth``.

    Parameters
    ----------
    outcome : str
        An outcome name.

    Returns
    -------
    str

    Examples
    --------
    >>> series_of("innovations_total"), series_of("reputation_change"), series_of("reputation")
    ('innovations', 'reputation', 'reputation')
    >>> series_of("total_output_growth")
    'total_output'
    """
    for suffix in SERIES_SUFFIXES:
        if outcome.endswith(suffix):
            return outcome[: -len(suffix)]
    return outcome


def paired_effects(
    runs: pd.DataFrame,
    outcomes: Sequence[str],
    baseline: str = "baseline",
    group: str = "arm",
    replicate: str = "replicate",
    confidence: float = 0.95,
) -> pd.DataFrame:
    r"""Effect of every arm on each outcome at the last step, paired by replicate.

    :math:`e = \frac{1}{R}\sum_r (y_{\mathrm{arm},r} - y_{\mathrm{baseline},r})` over
    the replicates both arms have, with the :func:`paired_interval` (``low``, ``high``); an outcome
    ending in ``_total`` is summed over all steps (e.g. ``innovations_total``).
    ``x_change`` the change over the run. ``relative`` is the effect over the
    baseline mean. One row per arm but the
    baseline and outcome, with columns ``arm`` (the ``group`` column),
    ``outcome``, ``baseline_mean``, ``arm_mean``, ``effect``, ``low``, ``high``,
    ``relative``, ``n`` and ``significant`` (the interval excludes zero) — the
    columns a forest plot draws.

    Parameters
    ----------
    runs : DataFrame
        The replicate table (as :func:`~clusternet.experiments.run_arms` returns): one row per group value,
        replicate and step, with a ``step`` column and the recorded series.
    outcomes : sequence of str
        Plain, ``*_total``, ``*_change`` or ``*_growth`` outcomes.
    baseline : str, default "baseline"
        The reference arm.
    group : str, default "arm"
        The column that names the arm.
    replicate : str, default "replicate"
        The column that pairs the runs (common random numbers).
    confidence : float, default 0.95
        Coverage of the paired t intervals.

    Returns
    -------
    DataFrame
        One row per (arm, outcome), with the columns listed above.

    Examples
    --------
    >>> runs = pd.DataFrame({"arm": ["baseline"] * 3 + ["lever"] * 3,
    ...                      "replicate": [0, 1, 2] * 2, "step": [5] * 6,
    ...                      "y": [1.0, 2.0, 3.0, 1.5, 2.7, 3.4]})
    >>> e = paired_effects(runs, ["y"]).iloc[0]
    >>> e["arm"], round(float(e["effect"]), 3), bool(e["significant"])
    ('lever', 0.533, True)
    """
    _check_columns(runs, [group, replicate, "step"])
    if baseline not in set(runs[group]):
        raise ValueError(f"no arm {show(baseline)} in runs; arms: {sorted(set(runs[group]))}")
    final = final_values(runs, outcomes, group, replicate)
    base = final.xs(baseline, level=group)
    rows = []
    for arm in dict.fromkeys(runs[group]):
        if arm == baseline:
            continue
        arm_values = final.xs(arm, level=group)
        common = base.index.intersection(arm_values.index)
        for outcome in outcomes:
            a = arm_values.loc[common, outcome].to_numpy(float)
            b = base.loc[common, outcome].to_numpy(float)
            iv = paired_interval(a - b, confidence)
            base_mean = float(b.mean()) if b.size else float("nan")
            rows.append(
                {
                    group: arm,
                    "outcome": outcome,
                    "baseline_mean": base_mean,
                    "arm_mean": float(a.mean()) if a.size else float("nan"),
                    "effect": iv.effect,
                    "low": iv.low,
                    "high": iv.high,
                    "relative": iv.effect / base_mean if base_mean else float("nan"),
                    "n": iv.n,
                    "significant": iv.significant,
                }
            )
    return pd.DataFrame(rows)


def rank_arms(
    effects: pd.DataFrame, outcome: str, group: str = "arm", higher_is_better: bool = True
) -> pd.DataFrame:
    """Arms ordered by their effect on ``outcome`` (best first), with intervals and rank.

    Parameters
    ----------
    effects : DataFrame
        As :func:`paired_effects` returns.
    outcome : str
        The outcome to rank by.
    group : str, default "arm"
        The column that names the arm.
    higher_is_better : bool, default True
        Rank the largest effect first (False: the smallest).

    Returns
    -------
    DataFrame
        Columns ``rank`` (1 = best), the arm, ``effect``, ``low``, ``high``,
        ``relative`` and ``significant``.

    Examples
    --------
    >>> eff = pd.DataFrame({"arm": ["a", "b"], "outcome": ["y", "y"], "effect": [0.1, 0.3],
    ...                     "low": [0.0, 0.2], "high": [0.2, 0.4], "relative": [0.1, 0.3],
    ...                     "significant": [False, True]})
    >>> rank_arms(eff, "y")["arm"].tolist()
    ['b', 'a']
    """
    part = effects[effects["outcome"] == outcome].copy()
    if part.empty:
        raise ValueError(f"no effects for outcome {show(outcome)}")
    part = part.sort_values("effect", ascending=not higher_is_better).reset_index(drop=True)
    part.insert(0, "rank", np.arange(1, len(part) + 1))
    return part[["rank", group, "effect", "low", "high", "relative", "significant"]]


def markdown_table(frame: pd.DataFrame, digits: int = 3, booleans=("yes", "**no**")) -> str:
    """A pipe table (GitHub/MyST Markdown) of ``frame``'s columns and rows (not its index).

    Floats print with ``digits`` significant figures, booleans as ``booleans``
    (true, false), ``|`` inside a cell is escaped.

    Parameters
    ----------
    frame : DataFrame
        The table to print.
    digits : int, default 3
        Significant figures of floats.
    booleans : tuple of (str, str), default ("yes", "**no**")
        How True and False print.

    Returns
    -------
    str
        Header, separator and one line per row.

    Examples
    --------
    >>> print(markdown_table(pd.DataFrame({"a": [0.12345], "ok": [True]})))
    | a | ok |
    |---|---|
    | 0.123 | yes |
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
