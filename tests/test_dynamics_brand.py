"""The regional-brand game: own-reputation and demand effects, and free riding that emerges."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

import clusternet as cn
from clusternet.dynamics import brand
from clusternet.economics import (
    BRAND_DEFAULTS,
    own_demand_effect,
    own_reputation_effect,
    quality_gain,
    quality_incentive,
    quality_unit_cost,
    unit_margin,
)

FROZEN = {
    "innovation_rate": 0.0,
    "spillover_rates": {},
    "imitation_rates": {},
    "platform_knowledge": 0.0,
    "network_every": 0,
}
#: the governance and market-size levers held fixed when clusters of different sizes are
#: compared: no own brands at any size (leaders = floor(leader_share n) would give large
#: clusters leaders and small ones none) and no market externality of size (the premium
#: would otherwise grow with the cluster's output)
FIXED_GOVERNANCE = {**FROZEN, "leader_share": 0.0, "agglomeration": 0.0}


def _brand(model):
    return next(m for m in model.mechanisms if m.name == "brand")


def test_own_reputation_effect_is_the_discounted_sum_of_price_and_sales_gains():
    """Closed form against a brute-force sum: a high-quality choice raises R_{t+1} by
    (1 - lam) s; the rise decays with lam and is worth, per unit of the firm's output,
    dprice/dR = P (1 - theta) plus the margin on the region's extra sales eps_R m."""
    share, theta, premium, lam, delta, m, eps = 0.3, 0.2, 0.4, 0.7, 0.9, 0.15, 1.7
    v = 0.5  # perceived quality; the price 1 + P v is linear in R
    price = lambda rr: 1 + premium * (theta * 1.0 + (1 - theta) * rr)  # noqa: E731
    dprice = (price(v + 1e-6) - price(v - 1e-6)) / 2e-6
    sales = lambda rr: np.exp(eps * rr)  # noqa: E731  the region's sales, elasticity eps
    dsales = (np.log(sales(v + 1e-6)) - np.log(sales(v - 1e-6))) / 2e-6
    per_step = dprice + m * dsales
    brute = sum(delta**k * lam ** (k - 1) * (1 - lam) * share * per_step for k in range(1, 3000))
    got = own_reputation_effect(share, theta, premium, lam, delta, m, eps)
    assert float(got) == pytest.approx(brute, rel=1e-7)
    # proportional to the firm's share: n equal firms each internalise 1/n of it
    shares = np.array([1.0, 0.5, 0.1, 0.01])
    e = own_reputation_effect(shares, 0.0, premium, lam, delta, m, eps)
    np.testing.assert_allclose(e / e[0], shares)
    # a negative margin earns nothing on extra sales
    assert float(own_reputation_effect(1.0, 0.0, premium, lam, delta, -1.0, eps)) == pytest.approx(
        float(own_reputation_effect(1.0, 0.0, premium, lam, delta))
    )


def test_own_demand_effect_is_the_derivative_of_the_logit_sales():
    """D_i = m_i d y_i / d q_i / y_i against a numerical derivative of logit sales
    y_i = Y exp(eps v_i) / sum_j exp(eps v_j) when q_i moves v_i by theta_i."""
    eps, m = 1.3, 0.2
    v = np.array([0.4, 0.7, 0.2, 0.5])
    theta = np.array([0.6, 0.0, 0.3, 1.0])

    def sales(i, q):
        vv = v.copy()
        vv[i] += theta[i] * q
        w = np.exp(eps * vv)
        return w[i] / w.sum()

    for i in range(4):
        share = sales(i, 0.0)
        h = 1e-6
        numeric = (np.log(sales(i, h)) - np.log(sales(i, -h))) / (2 * h) * m
        assert float(own_demand_effect(share, theta[i], m, eps)) == pytest.approx(
            numeric, rel=1e-6, abs=1e-12
        )


def _cluster(n_firms: int, size: float) -> cn.ClusterNetwork:
    """``n_firms`` equal firms selling to one outside customer (no governance, no ties)."""
    ids = np.arange(n_firms + 1)
    actors = pd.DataFrame(
        {
            "id": ids,
            "role": ["producer"] * n_firms + ["customer"],
            "external": [False] * n_firms + [True],
            "size": [size] * n_firms + [np.nan],
            "quality": [1.0] * n_firms + [np.nan],
        }
    )
    edges = pd.DataFrame({"source": ids[:-1], "target": n_firms, "layer": "transaction"})
    return cn.ClusterNetwork.from_edges(edges, actors=actors)


def _gains_and_quality(net, steps=40, seed=1, **params):
    model = cn.UpgradingModel(net, seed=seed, **params)
    gains, quality = [], []
    for _ in range(steps):
        model.step()
        gains.append(_brand(model).last_gain[model.firms].copy())
        quality.append(model.state.quality[model.firms].mean())
    return np.array(gains), np.array(quality)


def test_a_firm_alone_does_not_free_ride_at_the_defaults():
    """Mechanism limit at the default parameters: where quality pays for the region (a
    cluster at the agglomeration scale, premium factor 1), a firm alone (share 1)
    internalises the whole reputation effect and its private return to quality exceeds
    the cost at every step, whatever the reputation; twenty equal firms with the same
    total output, each with a twentieth of it, free ride (every gain negative)."""
    scale = cn.dynamics.PARAMETERS["agglomeration_scale"].default
    gains, quality = _gains_and_quality(_cluster(1, scale))
    assert (gains > 0).all(), gains.min()
    assert quality.mean() > 0.8
    many_gains, many_quality = _gains_and_quality(_cluster(20, scale / 20))
    assert (many_gains < 0).all(), many_gains.max()
    assert many_quality[-10:].mean() < 0.3
    # even from a ruined reputation the lone firm's gain is positive
    model = cn.UpgradingModel(_cluster(1, scale), seed=2)
    model.state.reputation = 0.0
    model.state.quality[:] = 0.0
    model.step()
    assert _brand(model).last_gain[model.firms][0] > 0


def test_a_firm_alone_keeps_low_quality_where_quality_does_not_pay():
    """The other side of the limit: where the regional premium is nil (the agglomeration
    factor is 0 below about 0.45 units of output), quality does not pay for the region,
    and the lone firm's low quality is no free riding — its gain is the bare cost."""
    gains, quality = _gains_and_quality(_cluster(1, 0.4))
    model = cn.UpgradingModel(_cluster(1, 0.4), seed=1)
    cost = quality_unit_cost(0.1, 1.0, model.state.knowledge[model.firms].mean(axis=1))
    np.testing.assert_allclose(gains[0], -cost)
    assert quality[-10:].mean() < 0.2


def test_governance_acts_on_the_private_return():
    """Monitoring and certification change each firm's gain, not an outcome: the gain
    rises by penalty * monitoring for members only, and by P theta with visibility."""
    member = np.array([True, False])
    base = quality_gain(0.2, 0.0, 0.1, 0.0, 0.0, member)
    monitored = quality_gain(0.2, 0.0, 0.1, 0.4, 0.5, member)
    np.testing.assert_allclose(monitored - base, [0.2, 0.0])
    certified = quality_gain(0.2, 0.6, 0.1, 0.0, 0.0, member)
    np.testing.assert_allclose(certified - base, [0.12, 0.12])


def test_quality_incentive_includes_the_own_effect():
    """Regression: economics.quality_incentive omitted the own effect, so one firm and
    a hundred equal firms got the same incentive. Now Q* is the logit of the full gain,
    recomputed here by hand from the equations of docs/model.md."""
    p = BRAND_DEFAULTS
    kbar, r = 0.35, 0.5
    c = p["quality_cost"] / (1 + p["quality_learning"] * kbar)
    m = p["premium"] * r - c
    lam, d = p["reputation_memory"], p["discount"]
    for n in (1, 4, 100):
        e = (1 - lam) / n * (p["premium"] + p["reputation_demand"] * m) * d / (1 - d * lam)
        expected = 1 / (1 + np.exp(-(e - c) / p["choice_noise"]))
        got = quality_incentive(np.ones(n), np.zeros(n, bool), np.full(n, kbar), np.zeros(n, bool))
        assert got == pytest.approx(expected, rel=1e-12)
    one = quality_incentive(np.ones(1), [False], [kbar], [False])
    many = quality_incentive(np.ones(100), [False] * 100, [kbar] * 100, [False] * 100)
    assert one > 0.9 > 0.3 > many
    # the margin the own effect values is the high-quality margin
    assert unit_margin(0.3, 0.0, 1.0, r, c) == pytest.approx(m)


def test_demand_follows_reputation_and_perceived_quality():
    y = np.array([2.0, 1.0, 1.0])
    v = np.array([0.9, 0.5, 0.5])
    out = brand.demand(y, v, -0.3, 1.5, 2.0, 1.0)
    # the region loses exp(1.5 * -0.3) of its sales: a lost reputation costs output
    assert out.sum() == pytest.approx(y.sum() * np.exp(-0.45))
    w = y * np.exp(2.0 * v)
    np.testing.assert_allclose(out, y.sum() * np.exp(-0.45) * w / w.sum())
    half = brand.demand(y, v, 0.0, 1.5, 2.0, 0.5)
    np.testing.assert_allclose(half, 0.5 * y + 0.5 * brand.demand(y, v, 0.0, 1.5, 2.0, 1.0))
    # equal perceived quality and no reputation change: nothing moves
    np.testing.assert_allclose(brand.demand(y, np.full(3, 0.4), 0.0, 1.0, 1.0, 0.7), y)


# --------------------------------------------------------------------- population results
STEPS, SETTLED = 50, 15


def _settled(net, seed: int, **params) -> float:
    ts = cn.simulate_upgrading(net, STEPS, seed=seed, **FIXED_GOVERNANCE, **params).timeseries
    return float(ts["high_quality_share"].iloc[-SETTLED:].mean())


def free_riding_did(n_small, n_large, reps, gen_small=None, gen_large=None):
    """Paired difference-in-differences of the settled high-quality share.

    For replicate ``r`` the small and the large cluster are generated with seed
    ``100 + r``; each is run twice with the same seed (common random numbers): with
    the default discount (own effect on) and with ``discount = 0`` (own effect off).
    ``d_r = [HQ_small(on) - HQ_small(off)] - [HQ_large(on) - HQ_large(off)]`` is the
    part of the small-large gap due to free riding, composition differences
    (membership, knowledge) netted out. Returns ``d`` and the raw gaps of both arms.
    """
    did, gap_on, gap_off = [], [], []
    for r in range(reps):
        small = cn.generate_cluster(n_small, seed=100 + r, **(gen_small or {}))
        large = cn.generate_cluster(n_large, seed=100 + r, **(gen_large or {}))
        s_on, s_off = _settled(small, r), _settled(small, r, discount=0.0)
        l_on, l_off = _settled(large, r), _settled(large, r, discount=0.0)
        did.append((s_on - s_off) - (l_on - l_off))
        gap_on.append(s_on - l_on)
        gap_off.append(s_off - l_off)
    return np.array(did), np.array(gap_on), np.array(gap_off)


def interval(x: np.ndarray, level: float = 0.95) -> tuple[float, float, float]:
    """Mean and two-sided t interval of ``x``."""
    half = stats.t.ppf(0.5 + level / 2, x.size - 1) * x.std(ddof=1) / np.sqrt(x.size)
    return float(x.mean()), float(x.mean() - half), float(x.mean() + half)


@pytest.mark.slow
def test_free_riding_grows_with_the_number_of_firms():
    """Population result at fixed governance: the own-effect uplift of the high-quality
    share is larger in clusters of 8 firms than of 200 (paired difference-in-differences
    against the discount = 0 arm over 12 replicates; 95 % t interval above 0)."""
    did, _, _ = free_riding_did(8, 200, 12)
    mean, lo, hi = interval(did)
    assert lo > 0, (mean, lo, hi)


@pytest.mark.slow
def test_free_riding_grows_with_the_sme_share():
    """At the same number of firms (12) and governance, a cluster whose firms are all
    SMEs (no large-firm tail) loses more of its own-effect uplift than one with half
    its firms in the large-firm tail (paired difference-in-differences, 32 replicates:
    measured 0.043, 95 % interval 0.017-0.069; with 16 the interval, 0.001-0.064, only
    just excluded 0, so the replicates were doubled for power, not the parameters)."""
    did, _, _ = free_riding_did(
        12, 12, 32, gen_small={"size_tail_share": 0.5}, gen_large={"size_tail_share": 0.0}
    )
    mean, lo, hi = interval(did)
    assert lo > 0, (mean, lo, hi)


def reputation_gap(net, steps: int, reps: int, low=0.1, high=0.9, **params) -> np.ndarray:
    """Mean gap R_high(t) - R_low(t), t = 0..steps, of runs identical but for R_0."""
    gaps = []
    for seed in range(reps):
        paths = []
        for r0 in (low, high):
            model = cn.UpgradingModel(net, seed=seed, **FROZEN, **params)
            model.state.reputation = r0
            path = [r0]
            for _ in range(steps):
                path.append(model.step()["reputation"])
            paths.append(path)
        gaps.append(np.subtract(paths[1], paths[0]))
    return np.array(gaps)


def half_life(gap: np.ndarray) -> float:
    """First step at which the mean gap falls to half its initial value (inf: never)."""
    below = np.flatnonzero(gap <= gap[0] / 2)
    return float(below[0]) if below.size else float("inf")


@pytest.mark.slow
@pytest.mark.xfail(
    strict=False,
    reason="measured (6 seeds, generated clusters of 5 and 100 firms, R_0 0.1 vs 0.9, "
    "defaults with knowledge frozen): the mean gap halves in 4 steps (the bare memory "
    "lambda = 0.8 alone gives 3.1) and is 0.009 (5 firms) and -0.064 (100 firms) after 20 "
    "steps. The own-reputation effect is linear in R and the demand channel's R-dependence "
    "(margin x eps_R x share) is too small to create two equilibria, so Tirole's history "
    "dependence is not produced",
)
def test_initial_reputation_persists():
    """Two clusters identical except for their initial reputation stay apart: after 20
    steps the mean gap of R (runs paired by seed) is still above 0.1."""
    for n in (5, 100):
        gap = reputation_gap(cn.generate_cluster(n, seed=7), 20, 6)
        mean, lo, _ = interval(gap[:, -1])
        assert lo > 0.1, (n, mean, half_life(gap.mean(axis=0)))


@settings(max_examples=40, deadline=None)
@given(
    st.integers(1, 300),
    st.floats(0.0, 1.0),
    st.floats(0.0, 1.0),
    st.floats(0.05, 0.5),
)
def test_more_equal_firms_never_support_more_quality(n, kbar, reputation, premium):
    """Invariant: splitting the same output among one more equal firm never raises the
    quality incentive (each firm internalises a smaller share of the reputation)."""
    q = [
        quality_incentive(
            np.ones(m), np.zeros(m, bool), np.full(m, kbar), np.zeros(m, bool),
            reputation=reputation, premium=premium,
        )
        for m in (n, n + 1)
    ]  # fmt: skip
    assert q[1] <= q[0] + 1e-12
