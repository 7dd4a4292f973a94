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


def test_model_fit_intervals_and_ess_are_read_from_the_fit():
    import clusternet as cn

    pytest.importorskip("pyabc")
    fits = []

    def fit(truth, seed):
        k = float(np.random.default_rng(seed).binomial(TRIALS, truth["p"]))
        fits.append(
            cn.fit_model(
                None,
                {"heads": k},
                {"p": (0.0, 1.0)},
                model=_abc_binomial_model,
                population_size=10,
                generations=2,
                predictive=0,
                seed=seed,
                workers=1,
            )
        )
        return fits[-1]

    study = posterior_coverage(fit, {"p": (0.0, 1.0)}, 2, seed=1)
    for row, f in zip(study.cases.itertuples(), fits, strict=True):
        assert (row.low, row.high) == tuple(f.intervals.loc["p", ["low", "high"]])
        assert row.ess == f.generations["ess"].iloc[-1]
    assert study.table.loc["p", "mean_ess"] == pytest.approx(study.cases["ess"].mean())
    assert np.isnan(posterior_coverage(_beta_fit(), {"p": (0, 1)}, 2, seed=1).cases["ess"]).all()


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


# ---------------------------------------------------------------------- ABC on simulated cases
# Acceptance rule of the model studies (issue 28, item 5): the true values must fall inside
# their 90 % intervals in at least 85 % of the parameter-cases, ``covered >= ceil(0.85 n)``,
# with n = cases x parameters = 40 (the size of the study in docs/calibration.md). For a
# calibrated procedure (coverage 0.90) the count is about Binomial(40, 0.9), which passes
# with probability 0.90; a procedure covering 0.75 passes with probability 0.10 (computed in
# test_the_acceptance_rule_separates_calibrated_from_overconfident). The parameters of a case
# share its data, so the trials are not independent and these probabilities are approximate.
#
# Informative intervals: a posterior equal to the prior still covers 90 % of truths drawn from
# the prior, so coverage says nothing unless the intervals are narrower than the prior's.
# Read off a weighted sample of effective size n_e from a flat posterior, the interval between
# the sample quantiles spans on average n_e / (n_e + 1) of the prior's central 90 % interval
# (order statistics of n_e uniform draws cut the range into n_e + 1 parts of mean size
# 1 / (n_e + 1); posterior_coverage's docstring), not 1. So each parameter's mean width ratio
# must be below that null value with 95 % confidence: the one-sided t upper bound
# mean + t_{0.95, K-1} sd / sqrt(K) over the K cases is < the mean of n_e / (n_e + 1).
TARGET = 0.85


def _passes_target(covered, n):
    return covered >= np.ceil(TARGET * n)


def _informative(study):
    """Parameters whose mean width ratio is not shown below a flat posterior's (see above)."""
    bad = {}
    for name, part in study.cases.groupby("parameter"):
        r = part["width_ratio"].to_numpy()
        upper = r.mean() + stats.t.ppf(0.95, len(r) - 1) * r.std(ddof=1) / np.sqrt(len(r))
        ess = part["ess"].to_numpy()
        null = float(np.mean(ess / (ess + 1)))
        if not upper < null:
            bad[name] = (upper, null)
    return bad


def test_the_informative_rule_rejects_a_flat_posterior_and_accepts_a_narrow_one():
    # flat: quantiles (mid-point rule) of a uniform posterior sampled with n_e = 50 equal weights
    def flat(truth, seed):
        x = np.sort(np.random.default_rng(seed).uniform(0, 1, 50))
        c = (np.arange(50) + 0.5) / 50
        low, high = np.interp([0.05, 0.95], c, x)
        return pd.DataFrame({"low": [low], "high": [high]}, index=["p"])

    study = posterior_coverage(flat, {"p": (0.0, 1.0)}, 200, seed=3)
    study.cases["ess"] = 50.0
    assert set(_informative(study)) == {"p"}
    # the mean width of the flat case is the null value n_e / (n_e + 1), not 1
    assert study.cases["width_ratio"].mean() == pytest.approx(50 / 51, abs=0.02)
    exact = posterior_coverage(_beta_fit(), {"p": (0.0, 1.0)}, 30, seed=3)
    exact.cases["ess"] = 50.0
    assert _informative(exact) == {}


def test_the_acceptance_rule_separates_calibrated_from_overconfident():
    n = 40
    need = int(np.ceil(TARGET * n))
    assert need == 34
    assert stats.binom(n, 0.9).sf(need - 1) == pytest.approx(0.900, abs=0.002)
    assert stats.binom(n, 0.75).sf(need - 1) == pytest.approx(0.096, abs=0.002)
    assert _passes_target(34, 40) and not _passes_target(33, 40)


def _abc_binomial_fit(truth, seed):
    import clusternet as cn

    k = float(np.random.default_rng(seed).binomial(TRIALS, truth["p"]))
    return cn.fit_model(
        None,
        {"heads": k},
        {"p": (0.0, 1.0)},
        model=_abc_binomial_model,
        population_size=100,
        generations=5,
        predictive=0,
        seed=np.random.SeedSequence([seed, 1]),
        workers=1,
    )


def _abc_binomial_model(seed, p):
    return {"heads": float(np.random.default_rng(seed).binomial(TRIALS, p))}


@pytest.mark.slow  # 60 ABC fits of a binomial rate
def test_abc_posterior_of_a_binomial_rate_is_calibrated():
    """The ABC posterior of a binomial rate covers like the exact Beta one (both sides)."""
    pytest.importorskip("pyabc")
    cases = 60
    study = posterior_coverage(_abc_binomial_fit, {"p": (0.0, 1.0)}, cases, seed=28)
    lo, hi = _acceptance_region(cases)
    row = study.table.loc["p"]
    assert lo <= row["covered"] <= hi
    # not wider than the exact posterior's intervals by more than the count tolerance allows:
    # the exact mean width ratio under the uniform prior, plus 0.1
    k = np.arange(TRIALS + 1)
    post = stats.beta(k + 1, TRIALS - k + 1)
    exact_ratio = ((post.ppf(0.95) - post.ppf(0.05)) / 0.9).mean()
    assert row["mean_width_ratio"] < exact_ratio + 0.1


def _two_rate_particles(draws=4000):
    """Fits returning a ModelFit whose particles are exact Beta posterior draws of two
    binomial rates ``p`` and ``q`` (independent data, uniform priors), equally weighted."""
    from clusternet.model_fit import ModelFit
    from clusternet.model_fit_result import intervals_table

    def fit(truth, seed):
        rng = np.random.default_rng(seed)
        post = {}
        for name in ("p", "q"):
            k = rng.binomial(TRIALS, truth[name])
            post[name] = stats.beta(k + 1, TRIALS - k + 1).rvs(size=draws, random_state=rng)
        frame = pd.DataFrame(post | {"weight": np.full(draws, 1.0 / draws)})
        bounds = {"p": (0.0, 1.0), "q": (0.0, 1.0)}
        return ModelFit(
            params=["p", "q"],
            posterior=frame,
            intervals=intervals_table(frame, ["p", "q"], bounds, 0.9),
            predictive=pd.DataFrame(),
            generations=pd.DataFrame({"ess": [float(draws)]}),
            level=0.9,
            simulations=0,
            seconds=0.0,
            method="abc",
        )

    return fit


def test_a_derived_sum_is_covered_as_often_as_its_exact_posterior_says():
    """p + q from exact posterior draws: its 90 % intervals cover inside the binomial
    acceptance region; its prior interval is the triangular distribution's closed form
    [sqrt(0.1), 2 - sqrt(0.1)]; 2 p is covered exactly when p is."""
    derived = {"sum": lambda v: v["p"] + v["q"], "double": lambda v: 2 * v["p"]}
    priors = {"p": (0.0, 1.0), "q": (0.0, 1.0)}
    study = posterior_coverage(_two_rate_particles(), priors, 300, seed=5, derived=derived)
    assert list(study.table.index) == ["p", "q", "all", "sum", "double"]
    lo, hi = _acceptance_region(300)
    assert lo <= study.table.loc["sum", "covered"] <= hi
    assert study.table.loc["all", "cases"] == 600  # the derived rows are not pooled
    cases = study.cases
    s = cases[cases["parameter"] == "sum"]
    prior_width = (2 - np.sqrt(0.1)) - np.sqrt(0.1)
    np.testing.assert_allclose(s["width_ratio"], (s["high"] - s["low"]) / prior_width, rtol=5e-3)
    p = cases[cases["parameter"] == "p"].reset_index(drop=True)
    d = cases[cases["parameter"] == "double"].reset_index(drop=True)
    assert (d["inside"] == p["inside"]).all()
    np.testing.assert_allclose(d["truth"], 2 * p["truth"], rtol=1e-15)
    np.testing.assert_allclose(d["width_ratio"], p["width_ratio"], rtol=5e-3)


def test_derived_quantities_refuse_what_they_cannot_check():
    priors = {"p": (0.0, 1.0)}
    with pytest.raises(TypeError, match="derived must be a dict"):
        posterior_coverage(_beta_fit(), priors, 2, derived={"x": 1.0})
    with pytest.raises(ValueError, match="clash"):
        posterior_coverage(_beta_fit(), priors, 2, derived={"p": lambda v: v["p"]})
    with pytest.raises(ValueError, match="derived quantity 'y' failed"):
        posterior_coverage(_beta_fit(), priors, 2, derived={"y": lambda v: v["nope"]})
    with pytest.raises(TypeError, match="need fits that return a ModelFit"):
        posterior_coverage(_beta_fit(), priors, 2, derived={"y": lambda v: 2 * v["p"]})


#: The survey-size design of docs/calibration.md (*Coverage at that design*): a generated
#: cluster of 300 firms observed for 20 steps, 100 particles, 6 generations, 8 cases, seed 7.
#: Its record is this file, written by ``python benchmarks/abc_coverage.py --model upgrading
#: --firms 300 --steps 20 --particles 100 --generations 6 --cases 8 --seed 7``.
UPGRADING_RECORD = "benchmarks/abc_coverage_upgrading_f300_g6.json"


def _upgrading_study():
    import clusternet as cn
    from clusternet.model_fit import UPGRADING_COLUMNS, UPGRADING_FIT, upgrading_priors

    net = cn.generate_cluster(300, seed=7)

    def fit(truth, seed):
        observed = cn.simulate_upgrading(net, 20, seed=seed, **truth).timeseries
        return cn.fit_model(
            net,
            observed,
            params=list(UPGRADING_FIT),
            summary=list(UPGRADING_COLUMNS),
            population_size=100,
            generations=6,
            predictive=0,
            seed=np.random.SeedSequence([seed, 1]),
            workers=2,  # the seeded sampler gives the record's sample with any number
        )

    return posterior_coverage(fit, upgrading_priors(UPGRADING_FIT), 8, seed=7)


def _contagion_study():
    import clusternet as cn
    from clusternet.contagion import ContagionModel

    net = cn.datasets.load_ckm_physicians()
    known = net.column("adoption_status") != "unknown"
    model = ContagionModel(net, net.column("adoption_month"), 17, known=known)

    def fit(truth, seed):
        period = model.simulate(truth, seed=seed).astype(float)
        period[period > 17] = np.nan
        times = np.full(net.n_actors, np.nan)
        times[model.index] = period
        return cn.fit_model(
            net,
            times,
            model="contagion",
            options={"censor_time": 17, "known": known},
            population_size=200,  # ESS ~ 126 in the last generation (see the test below)
            generations=4,
            predictive=0,
            seed=np.random.SeedSequence([seed, 1]),
            workers=1,
        )

    return posterior_coverage(fit, model.default_priors(), 10, seed=7)


@pytest.fixture(scope="module")
def upgrading_study():
    pytest.importorskip("pyabc")
    return _upgrading_study()


@pytest.fixture(scope="module")
def contagion_study():
    pytest.importorskip("pyabc")
    return _contagion_study()


@pytest.mark.slow  # 8 ABC fits of 5 upgrading parameters at 300 firms: 659 s on 2 shared cores
def test_upgrading_model_coverage_meets_the_target(upgrading_study):
    """Issue 28: innovation rate, competition, imitation, quality cost, monitoring (n = 40).

    At the 40-firm, 8-step design of the earlier study (40 particles, last-generation ESS
    17.5) 26 of 40 were covered (``benchmarks/abc_coverage_upgrading.json``), and 35 of 40
    at 150 particles with intervals near the prior's width: 8 steps of 40 firms say little.
    The survey-size design is the page's (introduced for informative intervals, round 9).
    """
    row = upgrading_study.table.loc["all"]
    assert row["cases"] == 40
    assert _passes_target(row["covered"], row["cases"]), upgrading_study.table.to_string()


@pytest.mark.slow  # shares the study above
def test_upgrading_model_coverage_reproduces_its_record(upgrading_study):
    """The page's numbers are this computation's: covered counts and widths as recorded."""
    _assert_reproduces(upgrading_study, UPGRADING_RECORD)


def _assert_reproduces(study, record_path: str) -> None:
    """Every parameter's covered count and mean width ratio equal the record's."""
    import json
    from pathlib import Path

    record = json.loads(
        (Path(__file__).resolve().parent.parent / record_path).read_text(encoding="utf-8")
    )
    assert set(record["summary"]) == set(study.table.index)
    for name, row in record["summary"].items():
        assert study.table.loc[name, "covered"] == row["covered"], name
        assert study.table.loc[name, "mean_width_ratio"] == pytest.approx(
            row["mean_width_ratio"], rel=1e-9
        ), name


#: Measured at the survey-size design (the record above): mean width ratios 0.96 and 0.95,
#: at the flat posterior's value for the fits' ESS. Their outcomes move no summary by one
#: replicate standard deviation across the prior (benchmarks/abc_identifiability_upgrading.json).
NOT_IDENTIFIED = {
    "competition": "width ratio 0.96, a flat posterior's at ESS 50: competition moves no "
    "default summary by 1 sd across its prior (largest |d| 0.72)",
    "imitation_gap": "width ratio 0.95, a flat posterior's at ESS 50: imitation_gap moves no "
    "default summary by more than 0.13 sd across its prior",
}


@pytest.mark.slow  # shares the study above
@pytest.mark.parametrize(
    "name",
    [
        pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=NOT_IDENTIFIED[n]))
        if n in NOT_IDENTIFIED
        else n
        for n in ("innovation_rate", "competition", "imitation_gap", "quality_cost", "monitoring")
    ],
)
def test_upgrading_model_intervals_are_informative(upgrading_study, name):
    """Issue 28: each parameter's intervals narrower than a flat posterior's (rule above)."""
    assert name not in _informative(upgrading_study), upgrading_study.table.to_string()


@pytest.mark.slow  # 10 ABC fits of the CKM contagion model: 59 s in its record (1 core)
def test_contagion_model_coverage_meets_the_target(contagion_study):
    """Issue 28: external hazard and the three layer weights on the CKM network (n = 40).

    With 60 particles (the earlier study's setting; last-generation ESS 32.6) the same
    seeds covered 33 of 40: intervals read off so small a sample cover about 87 %
    (90 % x 32.6 / 33.6) even when exact. 200 particles (mean ESS 126) covered 34 of 40,
    exactly the rule's bound.
    """
    row = contagion_study.table.loc["all"]
    assert row["cases"] == 40
    assert _passes_target(row["covered"], row["cases"]), contagion_study.table.to_string()


@pytest.mark.slow  # shares the study above
def test_contagion_model_coverage_reproduces_its_record(contagion_study):
    """The page's contagion row is this computation's (``benchmarks/abc_coverage.py --model
    contagion --cases 10 --particles 200 --generations 4 --seed 7``)."""
    _assert_reproduces(contagion_study, "benchmarks/abc_coverage_contagion.json")


@pytest.mark.slow  # shares the study above
def test_contagion_model_intervals_are_informative(contagion_study):
    """Issue 28: every parameter's intervals narrower than a flat posterior's (rule above)."""
    assert _informative(contagion_study) == {}, contagion_study.table.to_string()


#: Round 13's records, each rerun for its first case by the test below:
#: the upgrading model at the issue's 1,000-firm scale (40 steps, six parameters: the issue's
#: five with imitation as the technology layer's imitation probability, plus
#: ``imitation_gap``; the default summaries plus the mean Lerner index and the mean
#: knowledge level; docs/calibration.md, *A larger record*), and the contagion model at 10
#: generations on the CKM network and on a generated 1,000-firm cluster, with the total
#: contagion weight.
LARGE_RECORD = "benchmarks/abc_coverage_upgrading_f1000_t40.json"
ROUND_13_RECORDS = (
    LARGE_RECORD,
    "benchmarks/abc_coverage_contagion_g10.json",
    "benchmarks/abc_coverage_contagion_f1000_g10.json",
)


def _record_argv(settings: dict, out) -> list[str]:
    """The command line of a coverage record's run, for its first case only."""
    argv = ["--model", settings["model"], "--cases", "1", "--out", str(out)]
    for flag in ("particles", "generations", "firms", "steps", "workers", "seed"):
        argv += [f"--{flag}", str(settings[flag])]
    if settings["model"] == "upgrading":
        argv += ["--params", *settings["params"], "--columns", *settings["columns"]]
    else:
        argv += ["--network", settings["network"]] + (["--total"] if settings["total"] else [])
    return argv


@pytest.mark.slow  # one ABC fit each: about 3 min, 1 min and 40 s on two cores
@pytest.mark.parametrize("path", ROUND_13_RECORDS)
def test_a_round_13_record_reproduces_its_first_case(tmp_path, path):
    """The record's first case, rerun from the record's own settings, gives the same
    intervals (case k depends on the seed and k only, so one case checks the run)."""
    import json
    import sys
    from pathlib import Path

    pytest.importorskip("pyabc")
    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root / "benchmarks"))
    from abc_coverage import main

    record = json.loads((root / path).read_text(encoding="utf-8"))
    assert "+dirty" not in record["commit"] and not record.get("partial")
    got = main(_record_argv(record["settings"], tmp_path / "one.json"))["cases"]
    want = [c for c in record["cases"] if c["case"] == 0]
    assert [c["parameter"] for c in got] == [c["parameter"] for c in want]
    for g, w in zip(got, want, strict=True):
        for key in ("truth", "low", "high", "width_ratio", "ess"):
            assert g[key] == pytest.approx(w[key], rel=1e-9), (g["parameter"], key)
        assert g["inside"] == w["inside"]


def test_the_coverage_script_checks_the_total_weight_on_a_generated_cluster(tmp_path):
    """``--network generated --total``: the layers are the generated cluster's three, and the
    derived row's truth is the sum of the layer weights' truths in every case."""
    import sys
    from pathlib import Path

    pytest.importorskip("pyabc")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from abc_coverage import GENERATED_LAYERS, main

    argv = ["--model", "contagion", "--network", "generated", "--firms", "30", "--cases", "2"]
    argv += ["--particles", "12", "--generations", "1", "--total", "--seed", "3"]
    cases = pd.DataFrame(main([*argv, "--out", str(tmp_path / "c.json")])["cases"])
    assert cases["parameter"].unique().tolist() == [
        "external",
        *GENERATED_LAYERS,
        "total_contagion",
    ]
    for _, rows in cases.groupby("case"):
        truth = rows.set_index("parameter")["truth"]
        assert truth["total_contagion"] == pytest.approx(truth[list(GENERATED_LAYERS)].sum())
    with pytest.raises(SystemExit):
        main(["--model", "upgrading", "--total"])
