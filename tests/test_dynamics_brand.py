"""The regional-brand game: the own-reputation effect, demand, and free riding that emerges."""

import numpy as np
import pandas as pd
import pytest

import clusternet as cn
from clusternet.dynamics import brand
from clusternet.economics import own_reputation_effect, quality_gain, regional_premium

FROZEN = {
    "innovation_rate": 0.0,
    "spillover_rates": {},
    "imitation_rates": {},
    "platform_knowledge": 0.0,
    "network_every": 0,
}


def test_own_reputation_effect_is_the_discounted_sum_of_price_gains():
    """Closed form against a brute-force sum: a high-quality choice raises R_{t+1} by
    (1 - lam) s; the rise decays with lam and is worth dprice/dR = premium (v + (1-theta) R)
    per step, discounted by delta."""
    share, theta, q, r, premium, lam, delta = 0.3, 0.2, 1.0, 0.6, 0.4, 0.7, 0.9
    v = theta * q + (1 - theta) * r
    dprice = premium * (v + (1 - theta) * r)
    brute = sum(delta**k * lam ** (k - 1) * (1 - lam) * share * dprice for k in range(1, 2000))
    got = own_reputation_effect(share, theta, q, r, premium, lam, delta)
    assert float(got) == pytest.approx(brute, rel=1e-12)
    # numerical derivative of the price at R confirms dprice/dR
    price = lambda rr: premium * rr * (theta * q + (1 - theta) * rr)  # noqa: E731
    assert (price(r + 1e-6) - price(r - 1e-6)) / 2e-6 == pytest.approx(dprice, rel=1e-8)
    # proportional to the firm's share: n equal firms each internalise 1/n of it
    shares = np.array([1.0, 0.5, 0.1, 0.01])
    e = own_reputation_effect(shares, 0.0, 1.0, r, premium, lam, delta)
    np.testing.assert_allclose(e / e[0], shares)
    assert regional_premium(0.3, 0.0) == 0.0


def _one_firm_cluster(n_firms: int) -> cn.ClusterNetwork:
    ids = np.arange(n_firms + 1)
    actors = pd.DataFrame(
        {
            "id": ids,
            "role": ["producer"] * n_firms + ["customer"],
            "external": [False] * n_firms + [True],
            "size": [10.0] * n_firms + [np.nan],
            "quality": [1.0] * n_firms + [np.nan],
        }
    )
    edges = pd.DataFrame({"source": ids[:-1], "target": n_firms, "layer": "transaction"})
    return cn.ClusterNetwork.from_edges(edges, actors=actors)


def test_a_firm_alone_does_not_free_ride_but_many_equal_firms_do():
    """Mechanism limit: with no visibility, no governance and no own brand, a firm alone
    (share 1) internalises its effect on the reputation and keeps high quality; twenty
    equal firms, each with a twentieth of that effect, let it unravel."""
    params = {
        **FROZEN,
        "leader_share": 0.0,
        "monitoring": 0.0,
        "choice_noise": 0.01,
        "revision_rate": 0.5,
    }
    alone = cn.simulate_upgrading(_one_firm_cluster(1), 60, seed=1, **params).timeseries
    many = cn.simulate_upgrading(_one_firm_cluster(20), 60, seed=1, **params).timeseries
    assert alone["high_quality_share"].iloc[-10:].min() == 1.0
    assert alone["reputation"].iloc[-1] > 0.99
    assert many["high_quality_share"].iloc[-10:].max() < 0.2
    assert many["reputation"].iloc[-1] < 0.3
    # the difference is the own-share term alone: the gain without it is the same for both
    g = quality_gain(0.3, 0.0, 0.1 / 1.5, 0.0, 0.0, False)
    assert g < 0


def test_governance_acts_on_the_private_return():
    """Monitoring and certification change each firm's gain, not an outcome: the gain
    rises by penalty * monitoring for members only, and by P(R) theta with visibility."""
    member = np.array([True, False])
    base = quality_gain(0.2, 0.0, 0.1, 0.0, 0.0, member)
    monitored = quality_gain(0.2, 0.0, 0.1, 0.4, 0.5, member)
    np.testing.assert_allclose(monitored - base, [0.2, 0.0])
    certified = quality_gain(0.2, 0.6, 0.1, 0.0, 0.0, member)
    np.testing.assert_allclose(certified - base, [0.12, 0.12])


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


def _settled_share(n: int, reps: int, gen=None) -> np.ndarray:
    out = []
    for s in range(reps):
        net = cn.generate_cluster(n, seed=100 + s, **(gen or {}))
        ts = cn.simulate_upgrading(net, 50, seed=s, **FROZEN).timeseries
        out.append(ts["high_quality_share"].iloc[-15:].mean())
    return np.array(out)


def _difference_interval(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    diff = a.mean() - b.mean()
    se = np.sqrt(a.var(ddof=1) / a.size + b.var(ddof=1) / b.size)
    return diff - 1.96 * se, diff + 1.96 * se


@pytest.mark.slow
def test_high_quality_share_falls_with_the_number_of_firms():
    """Population check: at the same governance (defaults), clusters of 8 firms keep a
    higher high-quality share than clusters of 200 — free riding emerges from each firm's
    smaller share of the brand. 95 % interval of the difference over 12 clusters each."""
    small, large = _settled_share(8, 12), _settled_share(200, 12)
    lo, hi = _difference_interval(small, large)
    assert lo > 0, (small.mean(), large.mean(), lo, hi)


@pytest.mark.slow
@pytest.mark.xfail(
    strict=False,
    reason="measured: with 12 firms the SME-heavy clusters (size_tail_share 0) settle at "
    "0.335 +- 0.029 against 0.371 +- 0.045 with half the firms in the large-firm tail; "
    "the direction holds, the 95 % interval of the difference includes 0 at this size",
)
def test_high_quality_share_falls_with_the_sme_share():
    few_smes = _settled_share(12, 16, {"size_tail_share": 0.5})
    many_smes = _settled_share(12, 16, {"size_tail_share": 0.0})
    lo, _ = _difference_interval(few_smes, many_smes)
    assert lo > 0


@pytest.mark.xfail(
    strict=False,
    reason="measured: two 100-firm clusters that differ only in initial reputation "
    "(0.1 and 0.9) converge within about 25 steps (gap 0.64 -> 0.04): quality choices of "
    "firms without visibility do not depend on R, so R reverts to realised quality at "
    "rate 1 - reputation_memory; Tirole's history dependence is not produced",
)
def test_initial_reputation_persists():
    net = cn.generate_cluster(100, seed=7)
    gaps = []
    for seed in range(4):
        runs = []
        for r0 in (0.1, 0.9):
            m = cn.UpgradingModel(net, seed=seed, **FROZEN)
            m.state.reputation = r0
            runs.append(m.run(50).timeseries["reputation"].iloc[-1])
        gaps.append(runs[1] - runs[0])
    assert np.mean(gaps) > 0.2
