r"""Simulation-based coverage of credible intervals: does a fitting procedure say what it knows.

:func:`posterior_coverage` repeats the check of Cook, Gelman & Rubin (2006) and
Talts et al. (2018): draw a parameter vector :math:`\theta^{(k)}` from the prior,
simulate data with it, fit, and record whether each true value lies inside its
central credible interval at ``level``. When the truth is drawn from the prior the
fit uses, a calibrated posterior covers it with probability exactly ``level``
(averaged over the prior), so the share of covered cases estimates the procedure's
real coverage. Coverage alone is weak evidence, since the prior's own central
interval also covers ``level`` of the truths; the study therefore reports how wide
the intervals are relative to the prior's central interval at the same level
(1: the data taught nothing; small: informative).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from clusternet._validate import check_int, derived_sequence, seed_sequence, show
from clusternet.model_fit_result import ModelFit, intervals_table

__all__ = ["CoverageStudy", "posterior_coverage"]

_CASE_COLUMNS = [
    "case",
    "parameter",
    "truth",
    "low",
    "high",
    "inside",
    "side",
    "width_ratio",
    "ess",
]


@dataclass(frozen=True)
class CoverageStudy:
    """The result of :func:`posterior_coverage`.

    Attributes
    ----------
    table : pandas.DataFrame
        Indexed by parameter, then a last row ``all`` (every parameter of every case
        pooled): ``cases``, ``covered``, ``coverage``, ``ci_low``, ``ci_high`` (Wilson
        interval of the coverage at ``confidence``), ``below`` and ``above`` (misses
        with the truth under the interval's low end, over its high end) and
        ``mean_width_ratio`` (mean over cases of the interval's width over the prior's
        central interval at ``level``) and ``mean_ess`` (mean effective sample size of
        the fits' last generation; NaN when ``fit`` returns intervals only). With
        ``derived``, one more row per derived quantity after ``all`` (not pooled into it).
    cases : pandas.DataFrame
        One row per case and parameter: ``case``, ``parameter``, ``truth``, ``low``,
        ``high``, ``inside``, ``side`` (-1 below, 0 inside, +1 above), ``width_ratio``
        and ``ess`` (the fit's last-generation effective sample size, or NaN).
    level : float
        Credible level of the intervals checked.
    confidence : float
        Confidence level of the Wilson intervals.

    Examples
    --------
    >>> from scipy import stats
    >>> def exact(truth, seed):
    ...     k = np.random.default_rng(seed).binomial(20, truth["p"])
    ...     post = stats.beta(k + 1, 20 - k + 1)
    ...     return pd.DataFrame({"low": [post.ppf(0.05)], "high": [post.ppf(0.95)]}, index=["p"])
    >>> study = posterior_coverage(exact, {"p": (0.0, 1.0)}, 50, seed=1)
    >>> study.table.loc["p", ["cases", "covered"]].tolist()
    [50, 46]
    """

    table: pd.DataFrame
    cases: pd.DataFrame
    level: float
    confidence: float

    def to_dict(self) -> dict:
        """The table as ``{parameter: {column: value}}`` (JSON-ready).

        Returns
        -------
        dict
            One entry per parameter and ``"all"``; counts as int, the rest as float.

        Examples
        --------
        >>> import pandas as pd
        >>> table = pd.DataFrame({"cases": [4], "covered": [3], "coverage": [0.75]}, index=["p"])
        >>> CoverageStudy(table, pd.DataFrame(), 0.9, 0.95).to_dict()
        {'p': {'cases': 4, 'covered': 3, 'coverage': 0.75}}
        """
        return {
            str(p): {
                k: (int(v) if k in ("cases", "covered", "below", "above") else float(v))
                for k, v in row.items()
            }
            for p, row in self.table.iterrows()
        }


def _prior_interval(prior, level: float) -> tuple[float, float]:
    """Central ``level`` interval of a prior: ``(low, high)`` uniform or a scipy.stats frozen one."""
    a = (1 - level) / 2
    if hasattr(prior, "ppf") and hasattr(prior, "rvs"):
        return float(prior.ppf(a)), float(prior.ppf(1 - a))
    low, high = prior
    return low + a * (high - low), high - a * (high - low)


def _check_priors(priors) -> dict:
    if not isinstance(priors, Mapping) or not priors:
        raise TypeError(
            f"priors must be a non-empty dict {{name: (low, high) or a scipy.stats frozen "
            f"distribution}}, got {show(priors)}"
        )
    out = {}
    for name, prior in priors.items():
        if hasattr(prior, "ppf") and hasattr(prior, "rvs"):
            out[str(name)] = prior
            continue
        try:
            low, high = (float(x) for x in prior)
        except (TypeError, ValueError):
            raise TypeError(
                f"priors[{name!r}] must be (low, high) or a scipy.stats frozen distribution, "
                f"got {show(prior)}"
            ) from None
        if not (np.isfinite(low) and np.isfinite(high) and low < high):
            raise ValueError(f"priors[{name!r}]: need finite low < high, got {show(prior)}")
        out[str(name)] = (low, high)
    return out


def _ess(result) -> float:
    """Effective sample size of an ABC fit's last generation (NaN for other results)."""
    if isinstance(result, ModelFit) and len(result.generations) and "ess" in result.generations:
        return float(result.generations["ess"].iloc[-1])
    return float("nan")


def _intervals(result, names, level: float) -> pd.DataFrame:
    if isinstance(result, ModelFit):
        if not np.isclose(result.level, level):
            raise ValueError(
                f"the fit's intervals are at level {result.level}, the study checks level {level}"
            )
        table = result.intervals
    elif isinstance(result, pd.DataFrame):
        table = result
    else:
        raise TypeError(
            f"fit must return a ModelFit or a DataFrame with low and high per parameter, "
            f"got {type(result).__name__}"
        )
    missing = [p for p in names if p not in table.index]
    if missing or not {"low", "high"} <= set(table.columns):
        raise ValueError(
            f"the fit's intervals need rows {names} and columns low, high; "
            f"missing rows {missing}, columns {list(table.columns)}"
        )
    return table


#: Prior draws behind a derived quantity's prior interval.
PRIOR_DRAWS = 100_000


def _check_derived(derived) -> dict:
    if derived is None:
        return {}
    if not isinstance(derived, Mapping) or not all(callable(f) for f in derived.values()):
        raise TypeError(
            f"derived must be a dict {{name: function of the parameters}}, got {show(derived)}"
        )
    return {str(k): f for k, f in derived.items()}


def _derived_values(name: str, function, values: Mapping) -> np.ndarray:
    """``function(values)`` as a finite float array (``values``: name -> float or array)."""
    try:
        out = np.asarray(function(values), dtype=np.float64)
    except (KeyError, TypeError, ValueError) as err:
        raise ValueError(f"derived quantity {name!r} failed on the parameters: {err!r}") from None
    if not np.isfinite(out).all():
        raise ValueError(f"derived quantity {name!r} is not finite on the parameters")
    return out


def _prior_draws(priors: Mapping, root, count: int) -> dict[str, np.ndarray]:
    """``count`` joint draws of the (independent) priors, from their own stream of ``root``."""
    rng = np.random.default_rng(derived_sequence(root, 0, 0xD))  # apart from the cases' (k,)
    out = {}
    for name, prior in priors.items():
        if isinstance(prior, tuple):
            out[name] = rng.uniform(prior[0], prior[1], size=count)
        else:
            out[name] = np.asarray(prior.rvs(size=count, random_state=rng), dtype=np.float64)
    return out


def posterior_coverage(
    fit: Callable[[dict[str, float], int], ModelFit | pd.DataFrame],
    priors: Mapping,
    cases: int,
    *,
    level: float = 0.9,
    confidence: float = 0.95,
    seed=None,
    callback: Callable[[int, pd.DataFrame], None] | None = None,
    derived: Mapping[str, Callable] | None = None,
) -> CoverageStudy:
    r"""Coverage of a fitting procedure's credible intervals on cases simulated from the prior.

    For case :math:`k = 1, \ldots, K` a truth :math:`\theta^{(k)} \sim \pi` is drawn from
    ``priors`` and ``fit(truth, seed)`` simulates data at it and fits them (it must use
    the same prior). With :math:`[l_j^{(k)}, u_j^{(k)}]` parameter :math:`j`'s central
    credible interval at ``level`` and :math:`[a_j, b_j]` the prior's,

    .. math::

        \hat c_j = \frac{1}{K} \sum_k \mathbf 1\{l_j^{(k)} \le \theta_j^{(k)} \le u_j^{(k)}\},
        \qquad
        \bar r_j = \frac{1}{K} \sum_k \frac{u_j^{(k)} - l_j^{(k)}}{b_j - a_j}.

    A calibrated posterior has :math:`E\,\hat c_j = \mathrm{level}` (Cook, Gelman & Rubin
    2006; Talts et al. 2018); :math:`\hat c_j` then counts
    :math:`\mathrm{Binomial}(K, \mathrm{level})` cases. The Wilson interval of a share
    :math:`\hat c` of :math:`n` at normal quantile :math:`z` is

    .. math::

        \frac{\hat c + z^2 / 2n \pm z \sqrt{\hat c (1 - \hat c) / n + z^2 / 4n^2}}{1 + z^2 / n}.

    The prior's central interval also covers ``level`` of the truths, with
    :math:`\bar r_j = 1`: coverage is evidence of learning only together with
    :math:`\bar r_j` well under 1. Intervals read off a weighted sample of effective size
    :math:`n_e` cover a little less than ``level`` even when the sample is from the exact
    posterior: the sample quantiles' interval holds about
    :math:`\mathrm{level} \cdot n_e / (n_e + 1)` of the posterior mass (order statistics of
    :math:`n_e` draws split the mass into :math:`n_e + 1` parts of expected size
    :math:`1 / (n_e + 1)`), so the mean ESS is reported too. Misses are split by side: misses all on one side
    point to a biased posterior, misses on both sides to intervals that are too narrow.
    The pooled row ``all`` counts every parameter of every case; the parameters of one
    case share its data, so its Wilson interval treats dependent trials as
    independent and is too narrow when misses come together.

    Parameters
    ----------
    fit : callable
        ``fit(truth: dict[str, float], seed: int)``: simulate outcomes at ``truth``
        with ``seed``, fit them, and return a :class:`~clusternet.ModelFit` (its
        ``intervals``; its ``level`` must equal ``level``) or a DataFrame indexed by
        parameter with ``low`` and ``high`` columns.
    priors : dict
        ``{name: (low, high)}`` (uniform) or ``{name: scipy.stats frozen distribution}``:
        the prior the truths are drawn from, which ``fit`` must also use.
    cases : int
        Number of simulated cases (at least 1).
    level : float, default 0.9
        Credible level of the intervals.
    confidence : float, default 0.95
        Confidence level of the Wilson intervals of the coverage.
    seed : int or numpy.random.SeedSequence, optional
        Case :math:`k`'s truth and seed come from this seed and :math:`k` only, so a
        study with more cases repeats the first ones.
    callback : callable, optional
        ``callback(k, rows)`` after each case (``rows``: that case's rows of ``cases``).
    derived : dict {str: callable}, optional
        Quantities computed from the parameters, checked like parameters: ``f(values)``
        with ``values`` a dict of parameter name to a float (the truth) or to an array
        (the fit's posterior particles, weighted by their ``weight``), e.g. a sum of
        weights that the data identify better than its parts. The prior's central
        interval of ``f`` comes from ``PRIOR_DRAWS`` joint prior draws (their own
        stream of ``seed``). Needs fits that return a :class:`~clusternet.ModelFit`.

    Returns
    -------
    CoverageStudy

    Raises
    ------
    ValueError
        ``cases`` under 1, ``level`` or ``confidence`` outside (0, 1), a prior with
        ``low >= high``, a fit whose intervals lack a parameter or are at another level,
        a derived quantity that fails or is not finite.
    TypeError
        ``priors`` not a dict of priors, ``fit`` returning something else, ``derived``
        not a dict of functions, or given with fits that return intervals only.

    References
    ----------
    Cook, S. R., Gelman, A., & Rubin, D. B. (2006). Validation of software for Bayesian
    models using posterior quantiles. *J. Comput. Graph. Stat.* 15:675–692.
    Talts, S., Betancourt, M., Simpson, D., Vehtari, A., & Gelman, A. (2018). Validating
    Bayesian inference algorithms with simulation-based calibration. arXiv:1804.06788.
    Wilson, E. B. (1927). Probable inference... *J. Am. Stat. Assoc.* 22:209–212.

    Examples
    --------
    A Beta posterior of a binomial rate is exact, so its 90 % intervals cover about 90 %:

    >>> from scipy import stats
    >>> def exact(truth, seed):
    ...     k = np.random.default_rng(seed).binomial(30, truth["p"])
    ...     post = stats.beta(k + 1, 30 - k + 1)
    ...     return pd.DataFrame({"low": [post.ppf(0.05)], "high": [post.ppf(0.95)]}, index=["p"])
    >>> study = posterior_coverage(exact, {"p": (0.0, 1.0)}, 200, seed=3)
    >>> row = study.table.loc["p"]
    >>> bool(row["ci_low"] < 0.9 < row["ci_high"]), bool(row["mean_width_ratio"] < 0.4)
    (True, True)
    """
    from scipy import stats

    if not callable(fit):
        raise TypeError(f"fit must be callable, got {type(fit).__name__}")
    priors = _check_priors(priors)
    cases = check_int("cases", cases, minimum=1)
    for name, value in (("level", level), ("confidence", confidence)):
        if not isinstance(value, int | float) or not 0 < value < 1:
            raise ValueError(f"{name} must lie in (0, 1), got {show(value)}")
    derived = _check_derived(derived)
    names = list(priors)
    clash = sorted(set(derived) & {*names, "all"})
    if clash:
        raise ValueError(f"derived quantities {clash} clash with a parameter or the row 'all'")
    prior_iv = {p: _prior_interval(priors[p], level) for p in names}
    root = seed_sequence(seed)
    a = (1 - level) / 2
    for d, function in derived.items():
        values = _derived_values(d, function, _prior_draws(priors, root, PRIOR_DRAWS))
        prior_iv[d] = (float(np.quantile(values, a)), float(np.quantile(values, 1 - a)))
    rows = []
    for k in range(cases):
        rng = np.random.default_rng(derived_sequence(root, k))
        truth = {}
        for p in names:
            prior = priors[p]
            if isinstance(prior, tuple):
                truth[p] = float(rng.uniform(*prior))
            else:
                truth[p] = float(prior.rvs(random_state=rng))
        case_seed = int(rng.integers(0, 2**31 - 1))
        result = fit(dict(truth), case_seed)
        table = _intervals(result, names, level)
        ess = _ess(result)
        case_rows = []
        for d, function in derived.items():
            if not isinstance(result, ModelFit) or "weight" not in result.posterior:
                raise TypeError(
                    "derived quantities need fits that return a ModelFit with weighted "
                    "particles (method='abc')"
                )
            post = result.posterior
            x = _derived_values(d, function, {p: post[p].to_numpy(dtype=np.float64) for p in names})
            iv = intervals_table(
                pd.DataFrame({d: x, "weight": post["weight"].to_numpy()}), [d], {d: (0, 0)}, level
            )
            table = pd.concat([table[["low", "high"]], iv[["low", "high"]]])
        for p in [*names, *derived]:
            low, high = float(table.loc[p, "low"]), float(table.loc[p, "high"])
            v = truth[p] if p in truth else float(_derived_values(p, derived[p], truth))
            side = -1 if v < low else (1 if v > high else 0)
            case_rows.append(
                {
                    "case": k,
                    "parameter": p,
                    "truth": v,
                    "low": low,
                    "high": high,
                    "inside": side == 0,
                    "side": side,
                    "width_ratio": (high - low) / (prior_iv[p][1] - prior_iv[p][0]),
                    "ess": ess,
                }
            )
        rows.extend(case_rows)
        if callback is not None:
            callback(k, pd.DataFrame(case_rows, columns=_CASE_COLUMNS))
    frame = pd.DataFrame(rows, columns=_CASE_COLUMNS)

    def summary(part: pd.DataFrame) -> dict:
        n, hits = len(part), int(part["inside"].sum())
        ci = stats.binomtest(hits, n).proportion_ci(confidence, method="wilson")
        return {
            "cases": n,
            "covered": hits,
            "coverage": hits / n,
            "ci_low": float(ci.low),
            "ci_high": float(ci.high),
            "below": int((part["side"] < 0).sum()),
            "above": int((part["side"] > 0).sum()),
            "mean_width_ratio": float(part["width_ratio"].mean()),
            "mean_ess": float(part["ess"].mean()),
        }

    out = {p: summary(frame[frame["parameter"] == p]) for p in names}
    out["all"] = summary(frame[frame["parameter"].isin(names)])
    out |= {d: summary(frame[frame["parameter"] == d]) for d in derived}
    return CoverageStudy(
        table=pd.DataFrame.from_dict(out, orient="index"),
        cases=frame,
        level=float(level),
        confidence=float(confidence),
    )
