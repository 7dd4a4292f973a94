"""The regional-brand game: own-reputation and demand effects, and free riding that emerges."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

import clusternet as cn
from clusternet.dynamics import brand
from clusternet.dynamics.brand import bistable_band, reputation_fixed_points
from clusternet.economics import (
    BRAND_DEFAULTS,
    name_withdrawal_loss,
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


def _cluster(n_firms: int, size) -> cn.ClusterNetwork:
    """``n_firms`` firms of ``size`` (one value or one per firm) selling to one outside
    customer (no governance, no ties)."""
    ids = np.arange(n_firms + 1)
    actors = pd.DataFrame(
        {
            "id": ids,
            "role": ["producer"] * n_firms + ["customer"],
            "external": [False] * n_firms + [True],
            "size": [*np.broadcast_to(np.asarray(size, float), n_firms), np.nan],
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


def test_own_effect_switch_removes_only_the_own_reputation_effect():
    """The free-riding experiment's counterfactual (own_effect False) lowers each firm's
    first-step gain by exactly its own-reputation effect, (1 - lam) s_i P delta /
    (1 - delta lam) with s_i its output share (closed form, reputation_demand 0 so the
    effect is the price channel only), and by nothing else: the discount, the name
    withdrawal, the penalty and the sales channel stay as they are."""
    net = _cluster(4, np.array([1.0, 2.0, 3.0, 4.0]))
    p = {**FIXED_GOVERNANCE, "reputation_demand": 0.0}
    gains = []
    for own in (True, False):
        model = cn.UpgradingModel(net, seed=3, own_effect=own, **p)
        model.step()
        gains.append(_brand(model).last_gain[model.firms])
        share = model.state.output[model.firms] / model.state.output[model.firms].sum()
    lam, delta, premium = 0.8, 0.95, 0.3
    expected = (1 - lam) * share * premium * delta / (1 - delta * lam)
    np.testing.assert_allclose(gains[0] - gains[1], expected, rtol=1e-12)
    assert len(set(np.round(share, 12))) == 4  # unequal shares: the effect follows them


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


def _uplifts(sizes, members=False, **params):
    """Expected own-effect uplift, from the model's first-step gains with the own effect on
    and off (same state): of the firm-count high-quality share, of the output-weighted
    one, and the output Herfindahl. ``members``: the association monitors every firm."""
    probs = []
    for own in (True, False):
        model = cn.UpgradingModel(_cluster(len(sizes), sizes), seed=5, own_effect=own, **params)
        model.state.association_member[model.firms] = members
        model.step()
        gain = _brand(model).last_gain[model.firms]
        probs.append(1 / (1 + np.exp(-gain / model.params["choice_noise"])))
    share = np.asarray(sizes, float) / np.sum(sizes)
    up = probs[0] - probs[1]
    return up.mean(), share @ up, share @ share


def test_first_order_uplift_does_not_depend_on_how_output_is_divided():
    """Why the SME gradient of the firm-count high-quality share is small (docs/model.md,
    *Free riding and the SME share*): the own effect is E_i = kappa_i s_i with
    sum_i s_i = 1, so where the logit slopes sigma'_i are alike the first-order uplift
    (1 / n) sum_i sigma'_i E_i / K is the same however the output is divided, while the
    uplift of the output-weighted share, sum_i s_i sigma'_i E_i / K, scales with the
    Herfindahl index. Checked on the model's own gains (one step, own effect on and off)
    for 12 firms of equal size against 12 with half of them 20 times larger, in the
    linear regime of the logit (choice_noise 1: slopes about 1/4 for every firm)."""
    p = {**FIXED_GOVERNANCE, "choice_noise": 1.0}
    equal = _uplifts(np.full(12, 10.0), **p)
    tail = _uplifts(np.r_[np.full(6, 10.0), np.full(6, 200.0)], **p)
    assert tail[2] > 1.5 * equal[2]  # the tail concentrates output: H 0.152 against 0.083
    assert tail[0] == pytest.approx(equal[0], rel=0.01)  # firm count: unchanged
    assert tail[1] / equal[1] == pytest.approx(tail[2] / equal[2], rel=0.01)  # output: x H
    # at the default noise the logit's curvature parts them, with the sign of sigma'':
    # concentration raises the uplift of free riders (sigma < 1/2, convex) and lowers it
    # for monitored members held near high quality by the penalty and the withdrawal
    sizes = (np.full(12, 10.0), np.r_[np.full(6, 10.0), np.full(6, 200.0)])
    free = [_uplifts(x, **FIXED_GOVERNANCE)[0] for x in sizes]
    held = [_uplifts(x, members=True, **FIXED_GOVERNANCE)[0] for x in sizes]
    assert free[1] > 1.05 * free[0], free
    assert held[1] < 0.95 * held[0], held


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


# ------------------------------------------------ name withdrawal: R raises the return to quality
def test_name_withdrawal_loss_is_the_discounted_lost_price():
    """Brute force: a member caught at low quality (probability monitoring) sells T steps
    without the regional name, losing the reputation part of its price P (1 - theta) R
    each step, discounted at delta from the step of detection (the penalty's timing)."""
    r, premium, theta, mon, steps, delta = 0.7, 0.4, 0.25, 0.3, 5, 0.9
    brute = sum(mon * premium * (1 - theta) * r * delta**k for k in range(steps))
    got = name_withdrawal_loss(r, premium, theta, mon, True, steps, delta)
    assert float(got) == pytest.approx(brute, rel=1e-12)
    # nothing for non-members, without withdrawal, or for a fully visible firm
    assert float(name_withdrawal_loss(r, premium, theta, mon, False, steps, delta)) == 0.0
    assert float(name_withdrawal_loss(r, premium, theta, mon, True, 0, delta)) == 0.0
    assert float(name_withdrawal_loss(r, premium, 1.0, mon, True, steps, delta)) == 0.0
    # linear and increasing in R: the complementarity; zero at a ruined reputation
    rs = np.linspace(0, 1, 5)
    loss = name_withdrawal_loss(rs, premium, theta, mon, True, steps, delta)
    np.testing.assert_allclose(loss, rs * loss[-1], rtol=1e-12, atol=0)
    assert loss[0] == 0.0 and np.all(np.diff(loss) > 0)
    # it enters the gain additively
    base = quality_gain(premium, theta, 0.1, 0.2, mon, True)
    assert float(quality_gain(premium, theta, 0.1, 0.2, mon, True, name_loss=got)) == (
        pytest.approx(float(base) + brute)
    )


def test_a_caught_member_sells_without_the_name_for_t_steps():
    """In the simulation: every low-quality member is caught in step 1 (monitoring 1),
    loses the name for T = 3 steps (this one included) and earns only its own visible
    quality's price; with monitoring then off it regains P R in step 4, not before."""
    net = _cluster(4, 100.0)
    model = cn.UpgradingModel(
        net, seed=3, **FIXED_GOVERNANCE, monitoring=1.0, penalty=0.2, name_withdrawal=3,
        revision_rate=0.0, demand_adjustment=0.0,
    )  # fmt: skip
    f = model.firms
    model.state.association_member[f] = True
    model.state.association_member[np.flatnonzero(f)[0]] = False  # one firm not monitored
    model.state.quality[f] = 0.0
    model.state.reputation = 0.6
    margins, counters, rep = [], [], []
    for _ in range(4):
        rep.append(model.state.reputation)  # the R at which this step's margins are priced
        model.step()
        margins.append(model.state.margin[f].copy())
        counters.append(model.state.name_withdrawn[f].copy())
        model.params["monitoring"] = 0.0
    premium = model.params["premium"]
    np.testing.assert_allclose([c[1:] for c in counters], [[3] * 3, [2] * 3, [1] * 3, [0] * 3])
    assert all(c[0] == 0 for c in counters)
    # the unmonitored firm keeps the name: its margin is P R_t every step
    np.testing.assert_allclose([m[0] for m in margins], premium * np.array(rep))
    np.testing.assert_allclose(margins[0][1:], -0.2)  # the penalty, and no name
    np.testing.assert_allclose(margins[1][1:], 0.0)  # no name: low quality earns nothing
    np.testing.assert_allclose(margins[2][1:], 0.0)
    np.testing.assert_allclose(margins[3][1:], premium * rep[3])  # the name is back
    assert rep[3] > 0


def _roots_by_scan(fun, n=200_001):
    """Sign changes of ``fun(R) - R`` on a fine grid of [0, 1] (an independent count)."""
    r = np.linspace(0.0, 1.0, n)
    g = fun(r) - r
    return int(np.sum((g[:-1] > 0) & (g[1:] <= 0) | (g[:-1] < 0) & (g[1:] >= 0)))


@settings(max_examples=200, deadline=None)
@given(
    st.floats(0.05, 3.0),
    st.floats(0.01, 0.2),
    st.floats(0.2, 1.0),
    st.floats(0.0, 1.0),
    st.floats(-0.5, 1.5),
)
def test_bistable_band_predicts_the_number_of_steady_states(b, noise, mu, base_frac, where):
    """Closed form against a brute-force root count of R = base + mu sigma((a + b R) / K):
    three steady states iff mu b / (4 K) > 1 and a_+ < a < a_-, else one."""
    base = base_frac * (1.0 - mu)
    band = bistable_band(b, noise, mu, base)
    if band is None:
        a = -b * where  # any intercept: one steady state
    else:
        lo, hi = band
        a = lo + where * (hi - lo)
        if min(abs(a - lo), abs(a - hi)) < 1e-3 * max(hi - lo, 1e-9):
            return  # at a tangency the count is ill-conditioned
    roots = _roots_by_scan(lambda r: base + mu / (1 + np.exp(-(a + b * r) / noise)))
    inside = band is not None and band[0] < a < band[1]
    assert roots == (3 if inside else 1), (band, a, roots)
    assert (band is None) == (mu * b <= 4 * noise)


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"name_withdrawal": 6, "penalty": 0.1, "quality_cost": 0.2, "choice_noise": 0.03},
        {"name_withdrawal": 8, "penalty": 0.1, "quality_cost": 0.2, "choice_noise": 0.03},
        {"name_withdrawal": 0, "penalty": 0.1, "quality_cost": 0.2, "choice_noise": 0.03},
        {"name_withdrawal": 8, "monitoring": 0.4, "penalty": 0.1, "quality_cost": 0.2},
        # three steady states whose middle one's slope is 1.88, between 1 and 2 (held-out
        # seed 2040: a stability test of slope < 2 called it stable)
        {
            "name_withdrawal": 2,
            "monitoring": 0.4,
            "penalty": 0.05,
            "quality_cost": 0.2,
            "choice_noise": 0.03,
        },
    ],
)
def test_reputation_fixed_points_against_the_closed_form(params):
    """n equal monitored firms with the demand channels off: Delta = a + b R exactly, with
    a = -c + penalty monitoring + E and b = monitoring P (1 - delta^T) / (1 - delta), both
    computed here by hand. The roots the model finds are those of R = sigma((a + b R) / K),
    solved by Brent's method here, and their number is what bistable_band predicts."""
    from scipy.optimize import brentq

    n, kbar = 40, 0.3
    p = {**BRAND_DEFAULTS, "reputation_demand": 0.0, "quality_demand": 0.0, **params}
    c = p["quality_cost"] / (1 + p["quality_learning"] * kbar)
    lam, d, premium, k = p["reputation_memory"], p["discount"], p["premium"], p["choice_noise"]
    own = (1 - lam) / n * premium * d / (1 - d * lam)
    a = -c + p["penalty"] * p["monitoring"] + own
    b = p["monitoring"] * premium * (1 - d ** p["name_withdrawal"]) / (1 - d)
    fun = lambda r: 1 / (1 + np.exp(-(a + b * r) / k)) - r  # noqa: E731
    grid = np.linspace(0, 1, 4001)
    g = fun(grid)
    expected = [brentq(fun, grid[i], grid[i + 1]) for i in np.flatnonzero(g[:-1] * g[1:] < 0)]
    roots, stable = reputation_fixed_points(
        np.ones(n), np.ones(n, bool), np.full(n, kbar), np.zeros(n, bool), **p
    )
    np.testing.assert_allclose(roots, expected, atol=1e-9)
    band = bistable_band(b, k)
    assert len(roots) == (3 if band is not None and band[0] < a < band[1] else 1)
    # stable iff the logit map's slope is below 1: the outer roots, not the middle one
    slope = np.array([b / k * (r * (1 - r)) for r in expected])
    np.testing.assert_array_equal(stable, slope < 1)
    if len(roots) == 3:
        assert stable.tolist() == [True, False, True]
    if params.get("name_withdrawal") == 2:
        assert len(roots) == 3 and 1 < slope[1] < 2


# --------------------------------------------------------------------- population results
STEPS, SETTLED = 50, 15


def _settled(net, seed: int, **params) -> float:
    ts = cn.simulate_upgrading(net, STEPS, seed=seed, **FIXED_GOVERNANCE, **params).timeseries
    return float(ts["high_quality_share"].iloc[-SETTLED:].mean())


#: the comparison arm of the free-riding contrast: the firms ignore their own effect on
#: the collective reputation (own_effect False, a counterfactual switch), everything else
#: as in the model — the same discount, the same name withdrawal (T = 4), penalty and
#: sales. Round 3's arm set discount = 0, which also cut the withdrawal's expected loss
#: ((1 - delta^T) / (1 - delta) from 3.71 to 1), so it had to hold the withdrawal out of
#: both arms; with the withdrawal in both arms that design gave 0.004 [-0.033, 0.040]
#: for the SME contrast (32 replicates).
OWN_EFFECT_OFF = {"own_effect": False}


def free_riding_did(n_small, n_large, reps, gen_small=None, gen_large=None, **params):
    """Paired difference-in-differences of the settled high-quality share.

    For replicate ``r`` the small and the large cluster are generated with seed
    ``100 + r``; each is run twice with the same seed (common random numbers): as the
    model is (own effect on) and with the firms ignoring their own effect on the
    reputation (``OWN_EFFECT_OFF``), at the same discount and name withdrawal.
    ``d_r = [HQ_small(on) - HQ_small(off)] - [HQ_large(on) - HQ_large(off)]`` is the
    part of the small-large gap due to free riding, composition differences
    (membership, knowledge) netted out. ``params`` go to both arms. Returns ``d`` and
    the raw gaps of both arms.
    """
    did, gap_on, gap_off = [], [], []
    off = {**params, **OWN_EFFECT_OFF}
    for r in range(reps):
        small = cn.generate_cluster(n_small, seed=100 + r, **(gen_small or {}))
        large = cn.generate_cluster(n_large, seed=100 + r, **(gen_large or {}))
        s_on, s_off = _settled(small, r, **params), _settled(small, r, **off)
        l_on, l_off = _settled(large, r, **params), _settled(large, r, **off)
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
    against the arm whose firms ignore their own effect, same discount and name
    withdrawal, over 12 replicates; 95 % t interval above 0; measured 0.164
    [0.091, 0.236])."""
    did, _, _ = free_riding_did(8, 200, 12)
    mean, lo, hi = interval(did)
    assert lo > 0, (mean, lo, hi)


@pytest.mark.slow
@pytest.mark.xfail(
    strict=False,
    reason="the model predicts almost no SME gradient of the firm-count share at the "
    "defaults: the own effect is linear in the output share and the shares sum to 1, so "
    "its first-order uplift of the firm-count share is the same however output is divided "
    "(test_first_order_uplift_does_not_depend_on_how_output_is_divided). The mean field "
    "on these generated clusters (tools/brand_sme.py, 200 pairs) expects +0.0073 "
    "[-0.0003, 0.0148] (first order +0.0002, curvature +0.0003, reputation feedback "
    "+0.0069); showing it at this design's per-pair sd (about 0.08) would take about "
    "1,000 pairs. Measured here (32 pairs): 0.012 [-0.023, 0.047]; with the declared "
    "control-variate design (32 simulated + 400 mean-field pairs, 95 steps) +0.0009 "
    "[-0.0216, 0.0234]. The gradient is in the output-weighted quality "
    "(test_free_riding_grows_with_the_sme_share_in_the_brands_output; docs/model.md)",
)
def test_free_riding_grows_with_the_sme_share():
    """At the same number of firms (12) and governance, a cluster whose firms are all
    SMEs (no large-firm tail) loses more of its own-effect uplift of the *firm-count*
    high-quality share than one with half its firms in the large-firm tail (paired
    difference-in-differences against the arm whose firms ignore their own effect, same
    discount and name withdrawal, 32 replicates; 95 % t interval above 0)."""
    did, _, _ = free_riding_did(
        12, 12, 32, gen_small={"size_tail_share": 0.5}, gen_large={"size_tail_share": 0.0}
    )
    mean, lo, hi = interval(did)
    assert lo > 0, (mean, lo, hi)


def _brand_sme_tool():
    """``tools/brand_sme.py`` (the mean field and the declared design), loaded by path."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "tools" / "brand_sme.py"
    spec = importlib.util.spec_from_file_location("brand_sme", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_free_riding_grows_with_the_sme_share_in_the_brands_output():
    """Free riding grows with the SME share in what the brand's buyers experience: the
    own effect raises the settled reputation (the output-weighted high-quality share)
    more in 12-firm clusters with half their firms in the large-firm tail than in
    all-SME clusters from the same seeds, at the defaults with the name withdrawal in
    both arms. The own effect is proportional to the share, so the reputation's uplift
    moves with the output Herfindahl index (Olson's privileged group), while the
    firm-count share does not to first order (docs/model.md, *Free riding and the SME
    share*).

    The design was declared before it was run (``tools/brand_sme.py``, ``CONFIRM``):
    control-variate estimator — the mean of (simulated - mean-field DiD) over 32
    simulated pairs plus the mean-field DiD over 400 pairs — 95 steps, the last 60
    settled; 95 % normal interval above 0. Measured: +0.044 [0.006, 0.083] (mean field
    +0.060 [0.044, 0.076]; plain paired mean of the 32 simulated pairs +0.034
    [-0.032, 0.100]); the firm-count share in the same runs +0.001 [-0.022, 0.023]. About
    6 minutes of CPU (27 minutes on the loaded two-core machine, 2026-12-04)."""
    from numba import get_num_threads, set_num_threads

    tool = _brand_sme_tool()
    threads = get_num_threads()
    set_num_threads(1)  # 800 tiny clusters: thread start-up would cost more than the work
    try:
        out = tool.control_variate()
    finally:
        set_num_threads(threads)
    mean, lo, hi = out["reputation"]
    assert lo > 0, (mean, lo, hi)


@pytest.mark.slow
def test_free_riding_grows_with_the_sme_share_without_the_name_withdrawal():
    """The own effect's SME gradient where nothing else holds members' quality up: the
    SME contrast above with the name withdrawal off in both arms (name_withdrawal 0),
    the comparison arm dropping only the own effect, 32 paired replicates; 95 % t
    interval above 0. Measured 0.043 [0.017, 0.069] — equal to round 3's discount-0
    design, as it must be: without the withdrawal the discount enters only the own
    effect. The mean field on the same 32 pairs (tools/brand_sme.py) expects only
    +0.0077 [0.0033, 0.0122]: the simulation exceeds it by +0.036 [0.010, 0.061]
    (docs/model.md, *What the mean field misses*)."""
    did, _, _ = free_riding_did(
        12,
        12,
        32,
        gen_small={"size_tail_share": 0.5},
        gen_large={"size_tail_share": 0.0},
        name_withdrawal=0.0,
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
    reason="measured with the name withdrawal (T = 4) in the model, defaults, knowledge "
    "frozen, 6 seeds, generated clusters of 5 and 100 firms, R_0 0.1 vs 0.9: the mean gap "
    "halves in 4 steps and is 0.038 [-0.001, 0.076] (5 firms) and 0.013 [0.008, 0.018] "
    "(100 firms) after 20 steps (0.028 and 0.005 with the withdrawal off). The association "
    "monitors about a quarter of the output (mu) and the penalty already holds its members "
    "at high quality, so mu b / (4 K) < 1 and there is one steady state; over the plausible "
    "ranges the gap stays > 0.1 in 8/48 points, all with reputation_memory >= 0.89 and "
    "as large without the withdrawal (memory, not choices; docs/model.md). Round 4: "
    "selection through entry and exit is not in the model (exit_rate 0 at the defaults; "
    "the exit rule reads knowledge, not margins: the same exits from both pasts), turnover "
    "at exit_rate 0.01-0.03 changes the gap by 0.0001 [-0.0004, 0.0005] over a 16-point "
    "hypercube; buyers' memory gives a gap > 0.1 only from reputation_memory ~ 0.9 "
    "(0.130 [0.105, 0.155] at 0.9, 0.020 [0.011, 0.029] at the default 0.8), the "
    "information channel, not the firms' choices. Round 9: the opt-in selection channel "
    "(exit_rule='margin', exits below outside_margin, spin-offs of profitable firms, "
    "cost types) reads the reputation (11.8 vs 2.5 exits from 0.1 vs 0.9 over 40 steps at "
    "exit_rate 0.03) but changes the gap after 40 steps by 0.007 [-0.016, 0.031] against "
    "the knowledge rule, by 0.001 [-0.004, 0.006] over a 16-point hypercube, and the gap "
    "exceeds 0.1 after 20 steps at 3/16 points with and without it",
)
def test_initial_reputation_persists():
    """Two clusters identical except for their initial reputation stay apart: after 20
    steps the mean gap of R (runs paired by seed) is still above 0.1.

    Population result at the defaults. Over the plausible ranges of the nine brand
    parameters (``tools/brand_persistence.py``: 48-point Latin hypercube, 100 generated
    firms, 4 paired seeds) the gap after 20 steps exceeds 0.1 in 8/48 = 0.17 (Wilson
    95 % 0.09-0.30) of the points, every one with reputation_memory >= 0.89 and with the
    gap as large with the name withdrawal off; the withdrawal adds 0.009 [0.006, 0.011]
    to the gap on average. The mean field finds two stable reputations in 0/200 points
    at association membership 0.4 and 0.6 and 3/200 at 0.8 and 1.0: the penalty already
    makes quality pay for monitored members in most of the range, so the name's value
    has nothing to tip. Where two stable reputations exist the simulation keeps good and
    bad pasts apart (test_persistence_emerges_from_the_name_withdrawal_where_two_states_exist)."""
    for n in (5, 100):
        gap = reputation_gap(cn.generate_cluster(n, seed=7), 20, 6)
        mean, lo, _ = interval(gap[:, -1])
        assert lo > 0.1, (n, mean, half_life(gap.mean(axis=0)))


def test_turnover_does_not_select_on_reputation():
    """Why entry and exit give no history dependence here (docs/model.md): the exit rule
    reads knowledge, not margins, and spin-offs' parents are drawn by knowledge, so two
    runs identical but for the initial reputation (0.1 vs 0.9, same seed) see the same
    exits in the same slots and the same knowledge, step by step, even at a high exit
    rate; only the quality a spin-off copies from its parent differs. The selection
    channel (Tirole 1996; Levin 2009) is the opt-in exit_rule="margin", whose exits read
    the margins the reputation moves (tests/test_dynamics_selection.py)."""
    net = cn.generate_cluster(40, seed=5)
    runs = []
    for r0 in (0.1, 0.9):
        model = cn.UpgradingModel(net, seed=4, exit_rate=0.5, **FROZEN)
        model.state.reputation = r0
        rows = [model.step() for _ in range(8)]
        runs.append(([row["entrants"] for row in rows], model.state.knowledge.copy(), rows))
    assert sum(runs[0][0]) > 0 and runs[0][0] == runs[1][0]
    np.testing.assert_array_equal(runs[0][1], runs[1][1])
    assert runs[1][2][-1]["reputation"] > runs[0][2][-1]["reputation"]


#: a point inside every parameter's plausible range where the mean field
#: (reputation_fixed_points on 40 equal monitored firms) predicts two stable reputations,
#: 0.016 and 0.998, with the unstable one at 0.346 — chosen by that prediction, not by
#: the simulation; with name_withdrawal 0 the only steady state is 0.013
BISTABLE = {"name_withdrawal": 6, "penalty": 0.1, "quality_cost": 0.2, "choice_noise": 0.03}


def _history_paths(n, steps, seeds, r0, **params):
    """Reputation paths of n equal monitored firms whose past left reputation and
    high-quality share both at r0 (the first round(r0 n) firms start at high quality)."""
    out = []
    for seed in range(seeds):
        model = cn.UpgradingModel(_cluster(n, 100.0), seed=seed, **FIXED_GOVERNANCE, **params)
        f = np.flatnonzero(model.firms)
        model.state.association_member[f] = True
        model.state.quality[f] = (np.arange(n) < round(r0 * n)).astype(float)
        model.state.reputation = r0
        out.append([r0] + [model.step()["reputation"] for _ in range(steps)])
    return np.array(out)


def test_mean_field_predicts_the_bistable_point():
    roots, stable = reputation_fixed_points(
        np.ones(40), np.ones(40, bool), np.full(40, 0.35), np.zeros(40, bool), **BISTABLE
    )
    assert stable.tolist() == [True, False, True] and 0.1 < roots[1] < 0.9
    lo, hi = cn.dynamics.PARAMETERS["name_withdrawal"].plausible
    assert lo <= BISTABLE["name_withdrawal"] <= hi
    for name in ("penalty", "quality_cost", "choice_noise"):
        lo, hi = cn.dynamics.PARAMETERS[name].plausible
        assert lo <= BISTABLE[name] <= hi, name


@pytest.mark.slow
def test_persistence_emerges_from_the_name_withdrawal_where_two_states_exist():
    """Mechanism limit: where the mean field predicts two stable reputations (BISTABLE),
    40 equal monitored firms with a good and a bad past (R_0 = initial high-quality share
    = 0.9 vs 0.1) stay apart for 40 steps; with the name withdrawal off (name_withdrawal 0,
    same seeds) they converge — persistence comes from the firms' choices, not from the
    reputation's memory (lambda = 0.8). 6 paired seeds; 95 % t intervals. Measured: gap
    0.958 [0.933, 0.984] after 20 steps and 0.964 [0.929, 0.998] after 40 with the
    withdrawal; 0.059 [0.035, 0.083] and 0.001 [0.000, 0.001] without it (half-life 8
    steps; the memory's transient, slowed by the firms' revision rate)."""
    on = _history_paths(40, 40, 6, 0.9, **BISTABLE) - _history_paths(40, 40, 6, 0.1, **BISTABLE)
    off_params = {**BISTABLE, "name_withdrawal": 0}
    off = _history_paths(40, 40, 6, 0.9, **off_params) - _history_paths(
        40, 40, 6, 0.1, **off_params
    )
    mean, lo, _ = interval(on[:, -1])
    assert lo > 0.8, (mean, lo)
    mean_off, _, hi_off = interval(off[:, -1])
    assert hi_off < 0.1, (mean_off, hi_off)


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


@pytest.mark.parametrize("r0", [0.0, 0.1, 0.9, 1.0])
def test_initial_reputation_sets_the_remembered_past_and_nothing_else(r0):
    """``initial_reputation`` sets R_0 only: with no firm revising, the next reputation is
    the closed-form update lambda R_0 + (1 - lambda) Qbar of the same firms' quality and
    output, the reference reputation of demand stays the initial quality mix, and with it
    unset R_0 is Qbar."""
    net = cn.generate_cluster(60, seed=3)
    plain = cn.UpgradingModel(net, seed=5)
    model = cn.UpgradingModel(net, seed=5, initial_reputation=r0, revision_rate=0.0)
    firms = model.firms
    q, y = model.state.quality[firms].astype(float), model.state.output[firms]
    qbar = float((q * y).sum() / y.sum())
    assert plain.state.reputation == pytest.approx(qbar, rel=1e-12)
    assert model.state.reputation == r0
    assert model.state.reference_reputation == pytest.approx(qbar, rel=1e-12)
    np.testing.assert_array_equal(model.state.quality, plain.state.quality)
    lam = model.params["reputation_memory"]
    out = model.step()
    np.testing.assert_array_equal(model.state.quality, plain.state.quality)  # nobody revised
    assert out["reputation"] == pytest.approx(lam * r0 + (1 - lam) * qbar, rel=1e-12)
    with pytest.raises(ValueError, match="initial_reputation"):
        cn.UpgradingModel(net, seed=5, initial_reputation=1.5)
