"""posterior_coverage: simulation-based coverage of credible intervals (issue 28, item 5).

References used: the exact Beta posterior of a binomial rate (its intervals cover
``level`` of truths drawn from the prior), the binomial distribution of the number of
covered cases (acceptance regions computed here with scipy.stats.binom), the Wilson
interval's closed form, and the closed-form mean width of the Beta intervals under a
uniform prior (the number of successes is then uniform on 0..n).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from clusternet.model_fit import posterior_coverage

TRIALS = 30  # binomial trials per simulated data set


def _beta_fit(scale=1.0, shift=0.0, level=0.9):
    """The exact posterior of a binomial rate under U(0, 1), its interval optionally distorted.

    ``scale`` multiplies the interval's half-widths about the median (< 1: overconfident);
    ``shift`` moves it by that many posterior standard deviations (a biased posterior);
    ``level`` is the level of the interval returned (labelled as the study's level).
    """

    def fit(truth, seed):
        k = np.random.default_rng(seed).binomial(TRIALS, truth["p"])
        post = stats.beta(k + 1, TRIALS - k + 1)
        a = (1 - level) / 2
        med, sd = post.median(), post.std()
        low = med - scale * (med - post.ppf(a)) + shift * sd
        high = med + scale * (post.ppf(1 - a) - med) + shift * sd
        return pd.DataFrame({"low": [low], "high": [high]}, index=["p"])

    return fit


def _acceptance_region(n, level=0.9, alpha=0.01):
    """Covered counts a calibrated procedure produces with probability >= 1 - alpha.

    Two-sided: [lo, hi] with P(X < lo) <= alpha/2 and P(X > hi) <= alpha/2 for
    X ~ Binomial(n, level); counts outside it reject calibration at level alpha.
    """
    dist = stats.binom(n, level)
    lo = int(dist.ppf(alpha / 2))  # smallest x with P(X <= x) >= alpha / 2
    if dist.cdf(lo - 1) > alpha / 2:  # pragma: no cover - ppf's definition
        lo -= 1
    hi = int(dist.isf(alpha / 2))
    assert dist.cdf(lo - 1) <= alpha / 2 and dist.sf(hi) <= alpha / 2
    return lo, hi


CASES = 400


@pytest.fixture(scope="module")
def exact():
    return posterior_coverage(_beta_fit(), {"p": (0.0, 1.0)}, CASES, seed=2026)


def test_exact_posterior_covers_inside_the_binomial_acceptance_region(exact):
    lo, hi = _acceptance_region(CASES)
    row = exact.table.loc["p"]
    assert row["cases"] == CASES
    assert lo <= row["covered"] <= hi
    # the per-case rows agree with the table
    cases = exact.cases
    inside = (cases["low"] <= cases["truth"]) & (cases["truth"] <= cases["high"])
    assert (inside == cases["inside"]).all() and row["covered"] == inside.sum()
    assert row["below"] + row["above"] == CASES - row["covered"]


def test_overconfident_and_too_wide_intervals_fail_the_same_check():
    lo, hi = _acceptance_region(CASES)
    shrunk = posterior_coverage(_beta_fit(scale=0.6), {"p": (0, 1)}, CASES, seed=2026)
    assert shrunk.table.loc["p", "covered"] < lo
    # 99 % intervals passed off as 90 % ones: too wide, over-covers
    wide = posterior_coverage(_beta_fit(level=0.99), {"p": (0, 1)}, CASES, seed=2026)
    assert wide.table.loc["p", "covered"] > hi


def test_a_biased_posterior_misses_on_one_side():
    study = posterior_coverage(_beta_fit(shift=1.0), {"p": (0, 1)}, CASES, seed=2026)
    row = study.table.loc["p"]
    # intervals moved up by one sd: truths fall under them, almost never over them
    assert row["below"] > 10 * max(row["above"], 1)
    assert (
        study.cases.loc[study.cases["side"] < 0, "truth"]
        .lt(study.cases.loc[study.cases["side"] < 0, "low"])
        .all()
    )


def test_wilson_interval_matches_its_closed_form(exact):
    row = exact.table.loc["p"]
    n, c = row["cases"], row["coverage"]
    z = stats.norm.ppf(0.975)
    centre = (c + z**2 / (2 * n)) / (1 + z**2 / n)
    half = z * np.sqrt(c * (1 - c) / n + z**2 / (4 * n**2)) / (1 + z**2 / n)
    assert row["ci_low"] == pytest.approx(centre - half, abs=1e-12)
    assert row["ci_high"] == pytest.approx(centre + half, abs=1e-12)


def test_mean_width_ratio_matches_the_closed_form_under_a_uniform_prior(exact):
    # under p ~ U(0, 1) the count k is uniform on 0..TRIALS (Beta-binomial(1, 1)), so the
    # expected width is the plain mean of the Beta intervals' widths; the prior's central
    # 90 % interval has width 0.9
    k = np.arange(TRIALS + 1)
    post = stats.beta(k + 1, TRIALS - k + 1)
    widths = (post.ppf(0.95) - post.ppf(0.05)) / 0.9
    se = widths.std() / np.sqrt(CASES)
    assert exact.table.loc["p", "mean_width_ratio"] == pytest.approx(widths.mean(), abs=4 * se)
    # a posterior equal to the prior has ratio 1
    flat = posterior_coverage(
        lambda truth, seed: pd.DataFrame({"low": [0.05], "high": [0.95]}, index=["p"]),
        {"p": (0.0, 1.0)},
        5,
        seed=1,
    )
    assert flat.table.loc["p", "mean_width_ratio"] == pytest.approx(1.0)


def test_scipy_prior_and_several_parameters_pool_into_all():
    # a normal mean with known sd and a N(0, 2) prior: the posterior is normal, closed form
    prior = stats.norm(0.0, 2.0)

    def fit(truth, seed):
        rng = np.random.default_rng(seed)
        x = rng.normal(truth["mu"], 1.0, 10)
        prec = 1 / 4 + 10
        mean, sd = x.sum() / prec, np.sqrt(1 / prec)
        z = stats.norm.ppf(0.95)
        # "u": a second parameter whose interval is its prior's (uninformative)
        return pd.DataFrame(
            {"low": [mean - z * sd, 0.05], "high": [mean + z * sd, 0.95]}, index=["mu", "u"]
        )

    study = posterior_coverage(fit, {"mu": prior, "u": (0.0, 1.0)}, 300, seed=4)
    t = study.table
    assert list(t.index) == ["mu", "u", "all"]
    lo, hi = _acceptance_region(300)
    assert lo <= t.loc["mu", "covered"] <= hi
    assert t.loc["all", "covered"] == t.loc["mu", "covered"] + t.loc["u", "covered"]
    assert t.loc["all", "cases"] == 600
    # width over the prior's central 90 % interval, 2 * 1.645 * 2
    expected = np.sqrt(1 / (1 / 4 + 10)) / 2.0
    assert t.loc["mu", "mean_width_ratio"] == pytest.approx(expected, rel=1e-9)
    assert set(study.to_dict()) == {"mu", "u", "all"}


def test_cases_depend_on_the_seed_and_their_index_only():
    seen = []
    short = posterior_coverage(_beta_fit(), {"p": (0, 1)}, 5, seed=9)
    long = posterior_coverage(
        _beta_fit(), {"p": (0, 1)}, 10, seed=9, callback=lambda k, rows: seen.append(k)
    )
    pd.testing.assert_frame_equal(short.cases, long.cases.iloc[:5])
    assert seen == list(range(10))
    other = posterior_coverage(_beta_fit(), {"p": (0, 1)}, 5, seed=10)
    assert not other.cases["truth"].equals(short.cases["truth"])


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"cases": 0}, ValueError, "cases"),
        ({"level": 1.5}, ValueError, "level"),
        ({"confidence": 0.0}, ValueError, "confidence"),
        ({"priors": {"p": (1.0, 0.0)}}, ValueError, "low < high"),
        ({"priors": {"p": "flat"}}, TypeError, "priors"),
        ({"priors": {}}, TypeError, "priors"),
        ({"fit": lambda truth, seed: [0.1, 0.2]}, TypeError, "ModelFit or a DataFrame"),
        (
            {"fit": lambda truth, seed: pd.DataFrame({"low": [0.1]}, index=["p"])},
            ValueError,
            "columns low, high",
        ),
        ({"priors": {"p": (0, 1), "q": (0, 1)}}, ValueError, "missing rows"),
    ],
)
def test_bad_input_is_named(kwargs, error, match):
    args = {"fit": _beta_fit(), "priors": {"p": (0.0, 1.0)}, "cases": 3, "seed": 1} | kwargs
    with pytest.raises(error, match=match):
        posterior_coverage(**args)


def test_a_model_fit_at_another_level_is_refused():
    import clusternet as cn

    pytest.importorskip("pyabc")

    def fit(truth, seed):
        k = float(np.random.default_rng(seed).binomial(TRIALS, truth["p"]))
        return cn.fit_model(
            None,
            {"heads": k},
            {"p": (0.0, 1.0)},
            model=lambda seed, p: {"heads": float(np.random.default_rng(seed).binomial(30, p))},
            population_size=10,
            generations=1,
            predictive=0,
            level=0.8,
            seed=seed,
            workers=1,
        )

    with pytest.raises(ValueError, match="level 0.8"):
        posterior_coverage(fit, {"p": (0.0, 1.0)}, 1, seed=1)
