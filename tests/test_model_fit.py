"""cn.fit_model (ABC-SMC with pyabc, and the SMM path) and the multiplex contagion model.

References used: closed forms (geometric adoption times, the Beta posterior of a
binomial rate), brute-force loops over actors, and repeated synthetic cases
(coverage of the credible intervals).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import clusternet as cn
from clusternet.contagion import ContagionModel
from clusternet.model_fit import UPGRADING_FIT, halves_summary, upgrading_priors

pytest.importorskip("pyabc")


# ---------------------------------------------------------------------- fixtures
def _ring(n=60, extra_layer=True):
    """A directed ring (each actor names the next two) and a second layer of random ties."""
    rng = np.random.default_rng(3)
    rows = []
    for i in range(n):
        rows.append((i, (i + 1) % n, "advice"))
        rows.append((i, (i + 2) % n, "advice"))
        if extra_layer:
            for j in rng.choice(n, 2, replace=False):
                if j != i:
                    rows.append((i, int(j), "friendship"))
    edges = pd.DataFrame(rows, columns=["source", "target", "layer"])
    layers = ["advice", "friendship"] if extra_layer else ["advice"]
    return cn.ClusterNetwork.from_edges(edges, n_actors=n, directed=True, layers=layers)


def _binomial_model(seed, p):
    return {"heads": float(np.random.default_rng(seed).binomial(50, p))}


# ---------------------------------------------------------------------- contagion model
def test_contagion_without_network_matches_the_geometric_closed_form():
    net = _ring(200)
    times = np.full(net.n_actors, np.nan)
    m = ContagionModel(net, times, censor_time=10)
    a = 0.08
    params = {"external": a, "advice": 0.0, "friendship": 0.0}
    cum = np.mean([m(params, s)[f"adopted_by_{t}"] for s in range(300) for t in [5]])
    expected = 1 - np.exp(-a * 5)  # P(adopted by period 5) with a constant hazard
    se = np.sqrt(expected * (1 - expected) / (200 * 300))
    assert abs(cum - expected) < 4 * se
    # a trending external hazard: P(adopted by T) = 1 - exp(-sum_t a e^{b (t-1)/(T-1)})
    b = 1.5
    p2 = {**params, "external_trend": b}
    cum2 = np.mean([m(p2, s)["adopted_by_10"] for s in range(300)])
    exp2 = 1 - np.exp(-a * np.sum(np.exp(b * np.arange(10) / 9)))
    assert abs(cum2 - exp2) < 4 * np.sqrt(exp2 * (1 - exp2) / 60000)


def test_contagion_exposure_at_adoption_matches_a_brute_force_loop():
    net = _ring(40)
    m = ContagionModel(net, np.full(40, np.nan), censor_time=12)
    period = m.simulate({"external": 0.05, "advice": 0.6, "friendship": 0.3}, seed=7)
    got = m.summary(period)
    edges = net.edges
    for layer in ("advice", "friendship"):
        sub = edges[edges["layer"] == net.layers.index(layer)]
        shares = []
        for i in range(40):
            if period[i] > 12:
                continue
            named = sorted({int(j) for j in sub.loc[sub["source"] == i, "target"] if j != i})
            if named:
                shares.append(np.mean([period[j] < period[i] for j in named]))
        assert got[f"exposure_{layer}"] == pytest.approx(np.mean(shares), abs=1e-12)
        at_risk = []
        for i in range(40):
            named = sorted({int(j) for j in sub.loc[sub["source"] == i, "target"] if j != i})
            if not named:
                continue
            for t in range(1, 13):
                if period[i] >= t:  # not adopted before t
                    at_risk.append(np.mean([period[j] < t for j in named]))
        assert got[f"at_risk_exposure_{layer}"] == pytest.approx(np.mean(at_risk), abs=1e-12)
    for t in (1, 6, 12):
        assert got[f"adopted_by_{t}"] == pytest.approx(np.mean(period <= t), abs=1e-12)


def test_contagion_network_raises_exposure_at_adoption_over_the_no_network_model():
    """A prediction, not wiring: only contagion makes adopters' contacts adopt first more often."""
    net = _ring(300, extra_layer=False)
    m = ContagionModel(net, np.full(300, np.nan), censor_time=15)
    null = np.mean([m({"external": 0.06, "advice": 0.0}, s)["exposure_advice"] for s in range(40)])
    # same adoption pace, part of it through the ring
    cont = np.mean([m({"external": 0.03, "advice": 0.5}, s)["exposure_advice"] for s in range(40)])
    assert cont > null + 0.05


def test_contagion_model_rejects_bad_input_naming_the_actor():
    net = _ring(10)
    t = np.full(10, np.nan)
    with pytest.raises(ValueError, match="shape"):
        ContagionModel(net, t[:5], censor_time=5)
    bad = t.copy()
    bad[3] = -1
    with pytest.raises(ValueError, match="actor 3"):
        ContagionModel(net, bad, censor_time=5)
    bad = t.copy()
    bad[4] = 9
    with pytest.raises(ValueError, match="actor 4"):
        ContagionModel(net, bad, censor_time=5)
    with pytest.raises(ValueError, match="layers"):
        ContagionModel(net, t, censor_time=5, layers=["cowork"])
    with pytest.raises(ValueError, match="censor_time"):
        ContagionModel(net, t)
    with pytest.raises(ValueError, match="no actor"):
        ContagionModel(net, t, censor_time=5, known=np.zeros(10, bool))


@pytest.mark.parametrize(("dtype", "censor"), [(np.int8, 126), (np.int8, 127), (np.uint8, 254)])
def test_contagion_summary_takes_any_integer_dtype_of_periods(dtype, censor):
    # np.minimum(period, horizon + 1) with a narrow dtype overflowed at horizon + 1 = 128
    # (int8) or 256 (uint8); the summary now reads any integer dtype as int64
    net = _ring(30)
    t = np.full(30, np.nan)
    t[:3] = [1, 2, 5]
    m = ContagionModel(net, t, censor_time=censor)
    period = m.simulate({"external": 0.01, "advice": 0.1, "friendship": 0.1}, seed=1)
    assert period.max() <= np.iinfo(dtype).max
    assert m.summary(period.astype(dtype)) == m.summary(period)


def test_contagion_summary_refuses_periods_that_are_not_adoption_periods():
    m = ContagionModel(_ring(10), np.full(10, np.nan), censor_time=5)
    period = m.simulate({"external": 0.2, "advice": 0.1, "friendship": 0.1}, seed=2)
    with pytest.raises(TypeError, match="period must be an integer array.*float64"):
        m.summary(period.astype(float))
    with pytest.raises(ValueError, match=r"period has shape \(9,\), expected \(10,\)"):
        m.summary(period[:9])
    bad = period.copy()
    bad[4] = 0
    with pytest.raises(ValueError, match="period of observed actor 4 is 0; periods start at 1"):
        m.summary(bad)
    # a period beyond the horizon is "not adopted", as horizon + 1 is
    late = period.copy()
    late[period == 6] = 40
    assert m.summary(late) == m.summary(period)


def test_contagion_unknown_actors_are_neither_at_risk_nor_contacts():
    net = _ring(30, extra_layer=False)
    known = np.ones(30, bool)
    known[::3] = False
    m = ContagionModel(net, np.full(30, np.nan), censor_time=6, known=known)
    assert m.n_observed == 20
    # every row of the exposure matrix is a share over known contacts only
    rows = np.asarray(m.matrices[0].sum(axis=1)).ravel()
    assert np.all((np.abs(rows - 1) < 1e-12) | (rows == 0))


def _contacts(net, layer, n):
    """Each actor's named contacts in one layer (no self-ties), as sets."""
    edges = net.edges
    sub = edges[edges["layer"] == net.layers.index(layer)]
    out = [set() for _ in range(n)]
    for s, t in zip(sub["source"], sub["target"]):
        if s != t:
            out[int(s)].add(int(t))
    return out


def test_contagion_simulated_path_and_summary_with_censoring_match_a_brute_force_loop():
    """Mutation survivors (round 7): the adoption indicator, the draw index, the step range.

    One run, written out actor by actor and period by period with the same draws: the
    hazard ``a + sum_l w_l (adopted contacts / contacts)``, the adoption test
    ``u[t - 1] < 1 - exp(-h)``; then every summary entry, on a case where some actors are
    still at risk (and exposed) in the last two periods, so censoring matters.
    """
    n, horizon, seed = 40, 12, 5
    net = _ring(n)
    m = ContagionModel(net, np.full(n, np.nan), censor_time=horizon)
    params = {"external": 0.01, "advice": 0.35, "friendship": 0.2}
    period = m.simulate(params, seed=seed)
    contacts = {layer: _contacts(net, layer, n) for layer in ("advice", "friendship")}
    u = np.random.default_rng(seed).random((horizon, n))
    brute = np.full(n, horizon + 1)
    for t in range(1, horizon + 1):
        before = brute.copy()  # adoption status at the start of period t
        for i in range(n):
            if before[i] <= horizon:
                continue
            h = params["external"]
            for layer, named in contacts.items():
                if named[i]:
                    h += params[layer] * np.mean([before[j] <= horizon for j in named[i]])
            if u[t - 1, i] < 1 - np.exp(-h):
                brute[i] = t
    assert period.tolist() == brute.tolist()
    # the case censors some actors and leaves exposed actors at risk in periods 11 and 12
    assert (period == horizon + 1).any() and (period <= horizon).sum() >= n // 4
    got = m.summary(period)
    for t in range(1, horizon + 1):
        assert got[f"adopted_by_{t}"] == pytest.approx(np.mean(period <= t), abs=1e-12)
    for layer, named in contacts.items():
        late = [
            np.mean([period[j] < t for j in named[i]])
            for i in range(n)
            for t in (horizon - 1, horizon)
            if named[i] and period[i] >= t
        ]
        assert late and max(late) > 0
        at_risk = [
            np.mean([period[j] < t for j in named[i]])
            for i in range(n)
            for t in range(1, horizon + 1)
            if named[i] and period[i] >= t
        ]
        assert got[f"at_risk_exposure_{layer}"] == pytest.approx(np.mean(at_risk), abs=1e-12)
        shares = [
            np.mean([period[j] < period[i] for j in named[i]])
            for i in range(n)
            if named[i] and period[i] <= horizon
        ]
        assert got[f"exposure_{layer}"] == pytest.approx(np.mean(shares), abs=1e-12)


def test_contagion_observed_periods_use_horizon_plus_one_for_not_adopted():
    """Mutation survivor L145: the observed never-adopters get ``horizon + 1``, as simulate's."""
    net = _ring(8, extra_layer=False)
    times = np.array([1.0, np.nan, 2.5, 4.0, np.nan, 0.2, 3.0, np.nan])
    m = ContagionModel(net, times, censor_time=4)
    assert m.horizon == 4
    assert m.observed_period.tolist() == [1, 5, 3, 4, 5, 1, 3, 5]
    s = m.observed_summary()
    assert [s[f"adopted_by_{t}"] for t in range(1, 5)] == [2 / 8, 2 / 8, 4 / 8, 5 / 8]


def test_contagion_layer_without_ties_among_known_actors_has_zero_exposure():
    """Mutation survivor L301: nobody at risk with a contact in a layer gives 0, not 1."""
    rows = [(i, (i + 1) % 6, "advice") for i in range(6)]
    rows += [(0, 1, "friendship"), (2, 1, "friendship")]  # only ties to actor 1
    edges = pd.DataFrame(rows, columns=["source", "target", "layer"])
    net = cn.ClusterNetwork.from_edges(
        edges, n_actors=6, directed=True, layers=["advice", "friendship"]
    )
    known = np.ones(6, bool)
    known[1] = False
    m = ContagionModel(net, np.array([1.0, np.nan, 2.0, 1.0, 3.0, np.nan]), 3, known=known)
    s = m.observed_summary()
    assert s["exposure_friendship"] == 0.0
    assert s["at_risk_exposure_friendship"] == 0.0
    assert s["exposure_advice"] == pytest.approx(1 / 3)  # actor 2 named 3, who adopted first


def test_contagion_input_checks_name_the_known_actor_and_skip_the_unknown():
    """Mutation survivors L114, L116: the checks read only the known actors' times."""
    net = _ring(10)
    t = np.full(10, np.nan)
    t[0] = 1.0
    t[5] = np.inf
    with pytest.raises(ValueError, match="^adoption_time of actor 5 is infinite"):
        ContagionModel(net, t, censor_time=5)
    # an unknown actor's time is not checked: a negative one is allowed there
    t = np.full(10, np.nan)
    t[0] = 2.0
    t[4] = -3.0
    known = np.ones(10, bool)
    known[4] = False
    m = ContagionModel(net, t, censor_time=5, known=known)
    assert m.n_observed == 9
    with pytest.raises(ValueError, match="^adoption_time of actor 4 is -3"):
        ContagionModel(net, t, censor_time=5)


# ---------------------------------------------------------------------- fit_model (ABC)
def test_abc_posterior_of_a_binomial_rate_matches_the_beta_posterior():
    # the posterior of p under a uniform prior is Beta(k + 1, n - k + 1); ABC's last
    # threshold keeps counts within about one of k, which widens it by well under 0.01
    fit = cn.fit_model(
        None,
        {"heads": 15.0},
        {"p": (0.0, 1.0)},
        model=_binomial_model,
        population_size=200,
        generations=7,
        predictive=0,
        seed=11,
        workers=1,
    )
    beta = stats.beta(16, 36)
    row = fit.intervals.loc["p"]
    w = fit.posterior["weight"].to_numpy()
    x = fit.posterior["p"].to_numpy()
    sd = np.sqrt(np.sum(w * (x - np.sum(w * x)) ** 2))
    assert sd == pytest.approx(beta.std(), rel=0.2)
    assert row["mean"] == pytest.approx(beta.mean(), abs=0.015)
    assert row["low"] == pytest.approx(beta.ppf(0.05), abs=0.025)
    assert row["high"] == pytest.approx(beta.ppf(0.95), abs=0.025)
    # effective sample size per generation: (sum w)^2 / sum w^2, here of the last one
    assert fit.generations["ess"].iloc[-1] == pytest.approx(1 / np.sum(w**2), rel=1e-9)
    assert fit.generations["particles"].tolist() == [200] * len(fit.generations)


@pytest.mark.slow  # ~12-21 s: keeps make test under 10 min on 2 cores
def test_same_seed_same_posterior_on_one_worker_two_workers_and_dask():
    distributed = pytest.importorskip("distributed")
    kw = dict(
        params={"p": (0.0, 1.0)},
        model=_binomial_model,
        population_size=40,
        generations=3,
        predictive=20,
        seed=5,
    )
    one = cn.fit_model(None, {"heads": 20.0}, workers=1, **kw)
    two = cn.fit_model(None, {"heads": 20.0}, workers=2, **kw)
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=1, processes=False, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        on_dask = cn.fit_model(None, {"heads": 20.0}, client=client, **kw)
    for other in (two, on_dask):
        pd.testing.assert_frame_equal(one.posterior, other.posterior)
        pd.testing.assert_frame_equal(one.predictive, other.predictive)
    other_seed = cn.fit_model(None, {"heads": 20.0}, workers=1, **{**kw, "seed": 6})
    assert not one.posterior.equals(other_seed.posterior)


def test_abc_does_not_touch_the_global_numpy_state():
    np.random.seed(123)  # noqa: NPY002
    before = np.random.random()  # noqa: NPY002
    np.random.seed(123)  # noqa: NPY002
    cn.fit_model(
        None,
        {"heads": 20.0},
        {"p": (0, 1)},
        model=_binomial_model,
        population_size=10,
        generations=1,
        predictive=0,
        seed=1,
        workers=1,
    )
    assert np.random.random() == before  # noqa: NPY002


def test_predictive_check_flags_a_misfit():
    # a model that cannot produce the observed value: the check must say so
    def capped(seed, p):
        return {"heads": float(np.random.default_rng(seed).binomial(50, min(p, 0.2)))}

    fit = cn.fit_model(
        None,
        {"heads": 40.0},
        {"p": (0.0, 1.0)},
        model=capped,
        population_size=50,
        generations=3,
        predictive=100,
        seed=2,
        workers=1,
    )
    row = fit.predictive.loc["heads"]
    assert not row["inside"] and row["high"] < 20


def test_contagion_fit_recovers_a_simulated_case_and_reports_every_part():
    net = _ring(150, extra_layer=False)
    m = ContagionModel(net, np.full(150, np.nan), censor_time=12)
    truth = {"external": 0.03, "advice": 0.4}
    period = m.simulate(truth, seed=99).astype(float)
    period[period > 12] = np.nan
    fit = cn.fit_model(
        net,
        period,
        model="contagion",
        options={"censor_time": 12},
        population_size=100,
        generations=4,
        predictive=100,
        seed=3,
        workers=1,
    )
    assert list(fit.params) == ["external", "advice"]
    for name, value in truth.items():
        assert fit.intervals.loc[name, "low"] <= value <= fit.intervals.loc[name, "high"]
    # the data narrow the external hazard well inside its prior (0, 0.3)
    assert fit.intervals.loc["external", "high"] - fit.intervals.loc["external", "low"] < 0.15
    assert fit.predictive["inside"].mean() >= 0.8
    assert (fit.generations["ess"] > 1).all()
    assert "Posterior" in fit.summary()


# ---------------------------------------------------------------------- upgrading
def test_upgrading_priors_come_from_the_parameter_listing():
    from clusternet.dynamics import PARAMETERS

    pri = upgrading_priors()
    assert list(pri) == list(UPGRADING_FIT)
    for name, (low, high) in pri.items():
        p = PARAMETERS[name]
        assert (low, high) == tuple(p.plausible or (p.low, p.high))
        assert p.low <= low < high <= p.high
    with pytest.raises(ValueError, match="unknown upgrading parameter"):
        upgrading_priors(["no_such"])


def test_halves_summary_means_over_each_half():
    ts = pd.DataFrame({"step": range(7), "a": [100, 1, 2, 3, 4, 5, 6]})
    assert halves_summary(ts, ["a"]) == {"a_early": 2.0, "a_late": 5.0}
    with pytest.raises(ValueError, match="no column"):
        halves_summary(ts, ["b"])


@pytest.mark.slow
def test_upgrading_fit_covers_the_truth_in_a_simulated_case():
    net = cn.generate_cluster(60, seed=4)
    truth = {"innovation_rate": 0.03, "quality_cost": 0.12}
    observed = cn.simulate_upgrading(net, 8, seed=21, **truth).timeseries
    fit = cn.fit_model(
        net,
        observed,
        params=list(truth),
        population_size=40,
        generations=3,
        predictive=20,
        seed=8,
        workers=1,
    )
    for name, value in truth.items():
        assert fit.intervals.loc[name, "low"] <= value <= fit.intervals.loc[name, "high"]
    prior_width = np.diff(upgrading_priors(["innovation_rate"])["innovation_rate"])[0]
    width = (
        fit.intervals.loc["innovation_rate", "high"] - fit.intervals.loc["innovation_rate", "low"]
    )
    assert width < 0.9 * prior_width  # the data narrow the prior


# ---------------------------------------------------------------------- SMM path
def test_smm_path_through_sweep_finds_the_mean():
    def normal_mean(seed, mu):
        return {"m": float(np.random.default_rng(seed).normal(mu, 1.0, 400).mean())}

    fit = cn.fit_model(
        None,
        {"m": 0.3},
        {"mu": (0.0, 1.0)},
        model=normal_mean,
        method="smm",
        smm_points=20,
        smm_reps=3,
        seed=4,
        workers=1,
    )
    assert fit.method == "smm"
    assert abs(fit.estimates["mu"] - 0.3) < 0.1  # design spacing 0.05 plus noise 0.03
    assert fit.posterior["weight"].sum() == 1.0
    assert "no intervals" in fit.summary()


def test_smm_path_does_not_import_pyabc():
    """The simulated-moments path needs only bounds: pyabc (about 3 s to import) stays out."""
    import subprocess
    import sys

    code = (
        "import sys, numpy as np, clusternet as cn\n"
        "def coin(seed, p):\n"
        "    return {'heads': np.random.default_rng(seed).binomial(100, p) / 100}\n"
        "fit = cn.fit_model(None, {'heads': 0.3}, {'p': (0, 1)}, model=coin, method='smm',\n"
        "                   smm_points=4, smm_reps=2, seed=1, workers=1)\n"
        "print(fit.method, 'pyabc' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["smm", "False"]


def test_smm_sends_a_local_simulator_through_the_sweep_without_pickling_it_itself():
    """fit_smm hands its simulator to cn.sweep plainly; one worker and two agree exactly."""
    from clusternet.model_fit_smm import smm_task

    shift = 0.1  # a closure: the workers cannot import it, so the sweep sends it by value

    def shifted_mean(seed, mu):
        return {"m": float(np.random.default_rng(seed).normal(mu + shift, 1.0, 400).mean())}

    kw = dict(model=shifted_mean, method="smm", smm_points=6, smm_reps=2, seed=4)
    one = cn.fit_model(None, {"m": 0.4}, {"mu": (0.0, 1.0)}, workers=1, **kw)
    two = cn.fit_model(None, {"m": 0.4}, {"mu": (0.0, 1.0)}, workers=2, **kw)
    pd.testing.assert_frame_equal(one.posterior, two.posterior)
    pd.testing.assert_frame_equal(one.predictive, two.predictive)
    assert one.posterior["distance"].idxmin() == one.posterior["weight"].idxmax()
    with pytest.raises(TypeError, match="not callable"):
        smm_task(b"bytes are not a simulator", crn_seed=1, seed=1, mu=0.5)


# ---------------------------------------------------------------------- errors
@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"params": {"p": (1.0, 0.0)}}, "low < high"),
        ({"params": {"p": "wide"}}, "prior of p"),
        ({"params": {}}, "empty"),
        ({"method": "mcmc"}, "method"),
        ({"level": 1.5}, "level"),
        ({"population_size": 2}, "population_size"),
        ({"options": {"p": 0.5}}, "fixed"),
    ],
)
def test_fit_model_rejects_bad_arguments(kwargs, match):
    args = {"params": {"p": (0.0, 1.0)}, "model": _binomial_model, "workers": 1, **kwargs}
    with pytest.raises((ValueError, TypeError), match=match):
        cn.fit_model(None, {"heads": 3.0}, **args)


def test_fit_model_rejects_a_model_that_needs_a_network_without_one():
    with pytest.raises(ValueError, match="needs a network"):
        cn.fit_model(None, {"x": 1.0}, model="upgrading")
    with pytest.raises(ValueError, match="model must be"):
        cn.fit_model(_ring(5), {"x": 1.0}, {"p": (0, 1)}, model="sir")


def test_scipy_priors_are_accepted():
    fit = cn.fit_model(
        None,
        {"heads": 15.0},
        {"p": stats.beta(2, 2)},
        model=_binomial_model,
        population_size=30,
        generations=2,
        predictive=0,
        seed=1,
        workers=1,
    )
    assert fit.intervals.loc["p", "prior_low"] == 0.0
    assert 0 < fit.estimates["p"] < 1


# ---------------------------------------------------------------------- figures and CLI
def test_figures_and_report(tmp_path):
    from clusternet.model_fit_plot import posterior_figure, predictive_figure, write_report

    fit = cn.fit_model(
        None,
        {"heads": 15.0},
        {"p": (0, 1)},
        model=_binomial_model,
        population_size=20,
        generations=1,
        predictive=20,
        seed=1,
        workers=1,
    )
    fig = posterior_figure(fit)
    assert fig.axes[0].get_title() == "p"
    fig2 = predictive_figure(fit)
    assert [t.get_text() for t in fig2.axes[0].get_yticklabels()] == ["heads"]
    page = write_report(fit, tmp_path / "fit.html")
    text = page.read_text()
    assert "Behaviour estimated from outcomes" in text and "data:image/png;base64" in text


def test_cli_calibrate_contagion_on_ckm(tmp_path):
    import json

    from click.testing import CliRunner

    from clusternet.cli import main

    result = CliRunner().invoke(
        main,
        [
            "calibrate",
            "ckm",
            "--model",
            "contagion",
            "--observed",
            "adoption_month",
            "--exclude",
            "adoption_status=unknown",
            "--censor-time",
            "17",
            "--particles",
            "20",
            "--generations",
            "1",
            "--predictive",
            "10",
            "--workers",
            "1",
            "--seed",
            "3",
            "--out",
            str(tmp_path / "out"),
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [r["parameter"] for r in data["intervals"]] == [
        "external",
        "advice",
        "discussion",
        "friendship",
    ]
    assert (tmp_path / "out" / "posterior.csv").exists()
    assert (tmp_path / "out" / "report.html").exists()


def test_ckm_example_reads_its_saved_run_and_draws(tmp_path):
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "examples" / "plot_abc_ckm.py"
    spec = importlib.util.spec_from_file_location("plot_abc_ckm", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    results = module.main(["--quick", "--out", str(tmp_path)])
    assert (tmp_path / "abc_ckm_posterior.png").exists()
    for label in ("A_constant_external", "B_trending_external"):
        low, mid, high = results[label]["network_share"]
        assert 0 <= low <= mid <= high <= 1
        weights = np.array(results[label]["posterior"]["weight"])
        assert weights.sum() == pytest.approx(1.0)


# ---------------------------------------------------------------------- Dask by address
@pytest.fixture(scope="module")
def dask_scheduler():
    """A local Dask scheduler on a TCP port, one in-process worker: its address, like a cluster's."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=1,
        threads_per_worker=1,
        processes=False,
        protocol="tcp",
        host="127.0.0.1",
        dashboard_address=":0",
    ) as cluster:
        yield cluster.scheduler_address


def _scheduler_transitions(address):
    """How many task transitions the scheduler at ``address`` has made (grows as it runs tasks)."""
    import distributed

    with distributed.Client(address) as client:
        return client.run_on_scheduler(lambda dask_scheduler: dask_scheduler.transition_counter)


@pytest.mark.slow  # starts a Dask scheduler: a few seconds
def test_fit_model_by_scheduler_address_matches_one_worker(dask_scheduler):
    """Issue 28: ``address=`` runs the particle searches on that Dask scheduler."""
    assert dask_scheduler.startswith("tcp://")
    kw = dict(
        params={"p": (0.0, 1.0)},
        model=_binomial_model,
        population_size=30,
        generations=2,
        predictive=10,
        seed=4,
    )
    local = cn.fit_model(None, {"heads": 20.0}, workers=1, **kw)
    before = _scheduler_transitions(dask_scheduler)
    remote = cn.fit_model(None, {"heads": 20.0}, address=dask_scheduler, **kw)
    # the tasks ran there: 2 generations and the predictive draws, several transitions each
    assert _scheduler_transitions(dask_scheduler) - before >= 3 * 10
    pd.testing.assert_frame_equal(local.posterior, remote.posterior)
    pd.testing.assert_frame_equal(local.predictive, remote.predictive)


@pytest.mark.slow  # starts a Dask scheduler: a few seconds
def test_cli_calibrate_dask_address_matches_one_worker(dask_scheduler, tmp_path):
    """Issue 28: ``clusternet calibrate --dask-address`` runs on that scheduler, same posterior."""
    import json

    from click.testing import CliRunner

    from clusternet.cli import main

    common = [
        "calibrate", "ckm", "--model", "contagion", "--observed", "adoption_month",
        "--exclude", "adoption_status=unknown", "--censor-time", "17", "--particles", "15",
        "--generations", "1", "--predictive", "5", "--seed", "3", "--json",
    ]  # fmt: skip
    runs = {}
    before = _scheduler_transitions(dask_scheduler)
    for name, extra in (
        ("local", ["--workers", "1"]),
        ("dask", ["--dask-address", dask_scheduler]),
    ):
        result = CliRunner().invoke(main, [*common, *extra, "--out", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
        runs[name] = json.loads(result.output)["intervals"]
    assert runs["dask"] == runs["local"]
    assert _scheduler_transitions(dask_scheduler) - before >= 3 * 10
    assert [r["parameter"] for r in runs["dask"]] == [
        "external",
        "advice",
        "discussion",
        "friendship",
    ]


def test_a_layer_rate_is_fitted_as_one_layers_entry():
    from clusternet.dynamics import PARAMETERS
    from clusternet.model_fit import _upgrading_run

    pri = upgrading_priors(["imitation_rates.technology", "competition"])
    assert pri["imitation_rates.technology"] == PARAMETERS["imitation_rates"].plausible
    net = cn.generate_cluster(100, seed=1)
    cols = ["imitations", "innovations", "knowledge_mean"]
    got = _upgrading_run(
        {"imitation_rates.technology": 0.95, "premium": 0.4},
        3,
        net,
        10,
        lambda ts: halves_summary(ts, cols),
    )
    rates = {"technology": 0.95, "transaction": 0.1, "social": 0.1}
    ts = cn.simulate_upgrading(net, 10, seed=3, premium=0.4, imitation_rates=rates).timeseries
    assert got == halves_summary(ts, cols)
    default = cn.simulate_upgrading(net, 10, seed=3, premium=0.4).timeseries
    assert halves_summary(default, cols) != got  # the rate reached the model
    observed = cn.simulate_upgrading(net, 6, seed=3).timeseries
    with pytest.raises(ValueError, match="'premium.x' is not a layer-rate name"):
        cn.fit_model(net, observed, params={"premium.x": (0.0, 1.0)}, population_size=5)
    # a misspelt layer would otherwise be dropped by the model and return the prior
    with pytest.raises(ValueError, match="'tech' is not a layer of the network"):
        cn.fit_model(net, observed, params={"imitation_rates.tech": (0.05, 0.4)})


def test_contagion_default_censor_time_is_the_last_adoption_period():
    """Without ``censor_time`` the window ends at the last observed adoption: an integer
    last time (5) is period 5, not 6; a fractional one (4.2) counts in period 5 too."""
    net = _ring(10)
    times = np.full(net.n_actors, np.nan)
    times[:3] = [1.0, 3.0, 5.0]
    assert ContagionModel(net, times).horizon == 5
    times[2] = 4.2
    assert ContagionModel(net, times).horizon == 5


def test_contagion_external_trend_prior_is_a_factor_of_e_squared_either_way():
    """The documented prior of ``external_trend`` (fitted only on request): the external
    hazard may change by a factor of at most e^2 (about 7.4) either way over the window, a
    uniform prior symmetric about no trend (held-out seed 2043: a lower end of -3 survived)."""
    from clusternet.contagion import CONTAGION_PRIORS

    low, high = CONTAGION_PRIORS["external_trend"]
    assert low == -high
    assert np.exp(high) == pytest.approx(7.389, abs=5e-4)
