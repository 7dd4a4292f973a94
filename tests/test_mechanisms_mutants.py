"""The model's mechanisms (:mod:`clusternet.dynamics.mechanisms`): properties only the
correct wiring satisfies, on small generated clusters.

Each test compares two runs that differ in one parameter which, by the model's
definition, must not matter in that setting (or must matter in a known direction),
so a mechanism that reads a parameter where it should not, or skips a step it should
take, fails. The fast selection of ``tools/mutants.py m_<mechanism>``.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import clusternet as cn
from clusternet.dynamics import brand, congestion, innovation
from clusternet.dynamics.mechanisms import StepContext
from clusternet.dynamics.mechanisms.brand import Brand
from clusternet.dynamics.mechanisms.innovation import Innovation
from clusternet.economics import name_withdrawal_loss, own_demand_effect, own_reputation_effect


def _net():
    return cn.generate_cluster(40, seed=2)


def _brand_step_on(net, **params):
    # certification makes quality visible (theta > 0): the own-demand channel is open
    model = cn.UpgradingModel(net, seed=3, certification=0.5, **params)
    mech = Brand()
    mech(model, StepContext(1, np.random.default_rng(0), model.draw_seed, model.keys))
    return model, mech


def _brand_step(**params):
    return _brand_step_on(_net(), **params)


def test_without_demand_response_the_demand_elasticities_do_not_enter_the_quality_choice():
    # demand_adjustment = 0: sales do not move, so the firm's own demand and reputation
    # effects through buyers are 0 whatever eps_R and eps_q are
    a, ma = _brand_step(demand_adjustment=0.0, reputation_demand=3.0, quality_demand=2.0)
    b, mb = _brand_step(demand_adjustment=0.0, reputation_demand=0.0, quality_demand=0.0)
    np.testing.assert_array_equal(ma.last_gain, mb.last_gain)
    np.testing.assert_array_equal(a.state.quality, b.state.quality)
    # with buyers responding, the quality demand raises every firm's gain from high quality
    c, mc = _brand_step(demand_adjustment=0.5, reputation_demand=0.0, quality_demand=2.0)
    _, md = _brand_step(demand_adjustment=0.5, reputation_demand=0.0, quality_demand=0.0)
    firms = c.firms
    assert (mc.last_gain[firms] > md.last_gain[firms]).all()
    _, me = _brand_step(demand_adjustment=0.5, reputation_demand=3.0, quality_demand=0.0)
    assert (me.last_gain[firms] > md.last_gain[firms]).all()


def test_brand_step_of_a_cluster_without_output_gives_finite_gains_quietly():
    # every firm of size 0: no output, no share of the brand's output (not 0 / 0)
    net = _net()
    net = net.with_actor_columns(size=np.where(net.tier_mask("core"), 0.0, np.nan))
    on = {"agglomeration": 0.0, "demand_adjustment": 0.5, "quality_demand": 1.0}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        model, mech = _brand_step_on(net, **on)
    assert model.state.output[model.firms].sum() == 0
    assert np.isfinite(mech.last_gain).all() and np.isfinite(model.state.quality).all()
    # no output, no share: the firm's own reputation effect is 0, so the
    # gain is the one of the counterfactual arm that ignores it
    _, off = _brand_step_on(net, **{**on, "own_effect": False})
    np.testing.assert_array_equal(mech.last_gain, off.last_gain)
    # ... while with output the own effect does change it
    _, with_y = _brand_step(**on)
    _, with_y_off = _brand_step(**{**on, "own_effect": False})
    assert not np.allclose(with_y.last_gain, with_y_off.last_gain)


@pytest.mark.parametrize("dispersion", [0.0, 0.5])  # 0.5: quality-cost types differ
@pytest.mark.parametrize("size", [None, 0.01])  # 0.01: a total output below 1
def test_brand_step_wires_the_documented_terms(size, dispersion):
    """The gain of high quality recomputed from the state before the step.

    Each term comes from its own function of :mod:`clusternet.economics` (tested
    there against hand-summed streams); the wiring — which output share, which margin
    of high quality ``P (theta + (1 - theta) R) - c_i``, which elasticities — is written
    out here. No monitoring: nobody is caught, no name is withdrawn. With
    ``cost_dispersion`` the unit cost is the firm's type times the common one,
    ``c_i = tau_i quality_cost / (1 + quality_learning kbar_i)`` (held-out seed 2031:
    divided by the type instead).
    """
    net = _net()
    if size is not None:
        net = net.with_actor_columns(size=np.where(net.tier_mask("core"), size, np.nan))
    params = {"demand_adjustment": 0.5, "reputation_demand": 1.5, "quality_demand": 1.0}
    if size is not None:  # a tiny output would scale the premium to 0 by agglomeration
        params["agglomeration"] = 0.0
    model = cn.UpgradingModel(
        net, seed=3, certification=0.5, monitoring=0.0, cost_dispersion=dispersion, **params
    )
    p, s, f = model.params, model.state, model.firms
    assert (np.ptp(s.cost_type[f]) > 0.5) == (dispersion > 0)
    y, r0 = s.output.copy(), float(s.reputation)
    total = float(y[f].sum())
    assert 0 < total <= 1 if size else total > 1
    premium = p["premium"] * congestion.agglomeration_factor(
        total, p["agglomeration"], p["agglomeration_scale"]
    )
    theta = brand.visibility(p["certification"], p["own_brand_visibility"], s.leader)
    cost = brand.quality_unit_cost(p["quality_cost"], p["quality_learning"], s.knowledge.mean(1))
    cost = cost * s.cost_type
    share = np.where(f, y, 0.0) / total
    high = premium * (theta + (1 - theta) * r0) - cost
    own = own_reputation_effect(
        share, theta, premium, p["reputation_memory"], p["discount"], high, 1.5
    )
    sales = own_demand_effect(share, theta, high, 1.0)
    member = s.association_member.copy()
    name = name_withdrawal_loss(
        r0, premium, theta, 0.0, member, p["name_withdrawal"], p["discount"]
    )
    gain = brand.quality_gain(premium, theta, cost, p["penalty"], 0.0, member, own, sales, name)
    # the channels are open (a high-cost type may have no margin from high quality to gain)
    open_sales = (np.abs(sales[f]) > 0).mean()
    assert np.abs(own[f]).min() > 0 and (open_sales == 1 if dispersion == 0 else open_sales > 0.5)
    ctx = StepContext(1, np.random.default_rng(0), model.draw_seed, model.keys)
    mech = Brand()
    mech(model, ctx)
    np.testing.assert_allclose(mech.last_gain[f], gain[f], rtol=1e-12, atol=1e-15)
    assert (mech.last_gain[~f] == 0).all()
    assert ctx.out["caught"] == 0
    assert ctx.out["reputation_change"] == pytest.approx(s.reputation - r0, abs=1e-15)
    perceived = theta * s.quality + (1 - theta) * s.reputation
    np.testing.assert_allclose(ctx.out["perceived"], perceived, rtol=1e-12)


def test_brand_step_with_market_pressure_splits_sales_between_the_name_and_the_ladder():
    """Issue 30 (held-out seed 2029): with ``market_pressure`` p a share
    ``lam_i = p r_i / (1 - p + p r_i)`` (``r_i = sigma_i (k_i + 1)``) of firm i's sales
    pays the ladder's margin ``m_i / (1 - m_i)`` and the rest the regional premium, so
    the unit margin is ``P (1 - lam_i) v_i + lam_i m_i / (1 - m_i) - c_i q_i`` and the
    quality choice weighs the premium ``P (1 - lam_i)`` (the class docstring).

    Every term written out firm by firm from the state before the step; ladder shares
    and Lerner indices set by hand (the market step has not run), no monitoring,
    no capacity (no congestion).
    """
    net = _net()
    pressure = 0.6
    demand = {"demand_adjustment": 0.5, "reputation_demand": 1.5, "quality_demand": 1.0}
    model = cn.UpgradingModel(
        net, seed=3, certification=0.5, monitoring=0.0, market_pressure=pressure, **demand
    )
    p, s, f = model.params, model.state, model.firms
    rng = np.random.default_rng(11)
    s.market_share = np.where(f, rng.uniform(0.0, 1.0, f.shape[0]), 0.0)
    s.lerner = np.where(f, rng.uniform(0.0, 0.3, f.shape[0]), 0.0)
    y, r0, q0 = s.output.copy(), float(s.reputation), s.quality.copy()
    total = float(y[f].sum())
    premium = p["premium"] * congestion.agglomeration_factor(
        total, p["agglomeration"], p["agglomeration_scale"]
    )
    theta = brand.visibility(p["certification"], p["own_brand_visibility"], s.leader)
    cost = brand.quality_unit_cost(p["quality_cost"], p["quality_learning"], s.knowledge.mean(1))
    cost = cost * s.cost_type
    want_margin, want_gain = np.zeros(f.shape[0]), np.zeros(f.shape[0])
    share = np.where(f, y, 0.0) / total
    member = s.association_member.copy()
    for i in np.flatnonzero(f):
        r = s.market_share[i] * (model.rivals[i] + 1.0)
        lam = pressure * r / (1.0 - pressure + pressure * r)
        ladder = lam * s.lerner[i] / (1.0 - s.lerner[i])
        name_premium = premium * (1.0 - lam)
        v = theta[i] * q0[i] + (1.0 - theta[i]) * r0
        want_margin[i] = name_premium * v + ladder - cost[i] * q0[i]
        high = name_premium * (theta[i] + (1.0 - theta[i]) * r0) - cost[i] + ladder
        own = own_reputation_effect(
            share[i], theta[i], name_premium, p["reputation_memory"], p["discount"], high, 1.5
        )
        sales = own_demand_effect(share[i], theta[i], high, 1.0)
        name = name_withdrawal_loss(
            r0, name_premium, theta[i], 0.0, member[i], p["name_withdrawal"], p["discount"]
        )
        want_gain[i] = brand.quality_gain(
            name_premium, theta[i], cost[i], p["penalty"], 0.0, member[i], own, sales, name
        )
    ctx = StepContext(1, np.random.default_rng(0), model.draw_seed, model.keys)
    mech = Brand()
    mech(model, ctx)
    lam_all = pressure * s.market_share * (model.rivals + 1.0)
    assert (lam_all[f] > 0.05).sum() > f.sum() // 2  # the ladder share matters here
    np.testing.assert_allclose(s.margin[f], want_margin[f], rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(mech.last_gain[f], want_gain[f], rtol=1e-12, atol=1e-15)
    assert (s.margin[~f] == 0).all() and ctx.out["caught"] == 0


def _innovation_step(net, t=1, **params):
    model = cn.UpgradingModel(net, seed=4, **params)
    ctx = StepContext(t, np.random.default_rng(0), model.draw_seed, model.keys)
    return model, ctx


@pytest.mark.parametrize(("squeeze", "rate"), [(0.0, 2.0), (1.0, 2.0), (0.0, 0.3)])
def test_innovation_step_wires_the_hazard_and_the_keyed_kernel(squeeze, rate):
    """Who innovates, where and how far, recomputed from the state before the step.

    The hazard and the kernel are tested in ``test_innovation_mutants.py`` and
    ``test_dynamics.py`` against their closed forms; here the wiring is written out. At
    rate 0.3 every hazard is below 1 (held-out seed 2040: a step that skipped the kernel
    unless some hazard exceeded 1 passed at rate 2 alone).
    """
    model, ctx = _innovation_step(_net(), t=3, innovation_rate=rate, squeeze=squeeze)
    p, s = model.params, model.state
    s.last_innovation[model.firms.nonzero()[0][::3]] = 2  # recent innovators: pressure
    pressure = (
        innovation.competitor_pressure(
            model.comp[0], model.comp[1], s.last_innovation, 3, p["memory"]
        )
        if squeeze
        else np.zeros(s.knowledge.shape[0])
    )
    assert (pressure > 0).any() == bool(squeeze)
    lam = innovation.hazard(
        rate, s.absorptive, s.rd, p["rd_weight"], p["rd_subsidy"], s.knowledge.mean(axis=1),
        p["knowledge_weight"], squeeze, pressure, model.firms, s.reputation,
        p["reputation_innovation"], model.innovation_incentive(),
    )  # fmt: skip
    lam = lam * innovation.generic_readiness(
        s.knowledge[:, 0], model.generic_frontier(), p["generic_complement"]
    )
    k = s.knowledge.copy()
    last = s.last_innovation.copy()
    want = innovation.innovate(
        k, lam, p["increment"], p["radical_share"], p["radical_step"], model.draw_seed, 3,
        model.keys,
    )  # fmt: skip
    assert rate > 1 or lam.max() < 1
    Innovation()(model, ctx)
    for name, w in zip(("innovated", "domain", "radical"), want, strict=True):
        np.testing.assert_array_equal(ctx.out[name], w, err_msg=name)
    assert want[0].sum() > 0
    np.testing.assert_array_equal(s.knowledge, k)
    np.testing.assert_array_equal(s.last_innovation, np.where(want[0], 3, last))


def test_no_innovation_rate_means_no_innovation():
    net = _net()
    model, ctx = _innovation_step(net, innovation_rate=0.0)
    k = model.state.knowledge.copy()
    Innovation()(model, ctx)
    n = net.n_actors
    assert ctx.out["innovated"].shape == (n,) and not ctx.out["innovated"].any()
    assert not ctx.out["radical"].any() and (ctx.out["domain"] == -1).all()
    assert ctx.out["domain"].dtype == np.int64
    np.testing.assert_array_equal(model.state.knowledge, k)
    assert np.isneginf(model.state.last_innovation).all()


def test_demand_moves_sales_only_after_a_brand_step_and_when_buyers_respond():
    from clusternet.dynamics.mechanisms.demand import Demand

    model = cn.UpgradingModel(_net(), seed=3, demand_adjustment=0.5)
    y = model.state.output.copy()
    ctx = StepContext(1, np.random.default_rng(0), model.draw_seed, model.keys)
    Demand()(model, ctx)  # no perceived quality in ctx.out yet: nothing to respond to
    np.testing.assert_array_equal(model.state.output, y)
    Brand()(model, ctx)
    Demand()(model, ctx)
    assert not np.array_equal(model.state.output, y)


def _platform_step_by_hand(model, ctx, generic):
    """One platform step written out firm by firm from the state before it.

    ``generic`` is the generic knowledge the gap and the frontier cap read (the state's
    domain-0 column for the model's definition). Returns joined, contribute, output and
    the knowledge gain.
    """
    from scipy.special import expit

    p, s = model.params, model.state
    n = s.member.shape[0]
    f0 = model.generic_frontier()
    phi, fee, r = p["platform_excludable"], p["membership_fee"], p["platform_return"]
    cost, noise, rate = p["contribution_cost"], p["choice_noise"], p["revision_rate"]
    n_plat = model.platforms.shape[0]
    members = [np.flatnonzero(s.member == q) for q in range(n_plat)]

    def gap(i):
        return min(max(1.0 - generic[i] / f0, 0.0), 1.0)

    def revise(old, gains, purpose):
        stream = ctx.keyed(purpose)
        rdraw, cdraw = stream.random(n), stream.random(n)
        new = np.zeros(n, dtype=bool)
        for i in range(n):
            if s.member[i] < 0:
                continue
            new[i] = cdraw[i] < expit(gains[i] / noise) if rdraw[i] < rate else old[i]
        return new

    join_gain = np.zeros(n)
    for i in range(n):
        q = s.member[i]
        if q < 0:
            continue
        n_p = len(members[q])
        with_i = s.joined[members[q]].sum() - s.joined[i] + 1.0
        per_unit = phi * s.platform_output[q] / with_i + r * fee * ((1 - phi) / n_p + phi / with_i)
        join_gain[i] = s.absorptive[i] * gap(i) * per_unit - fee
    joined = revise(s.joined, join_gain, "platform_join")
    n_m = [joined[members[q]].sum() for q in range(n_plat)]
    contribution_gain = np.zeros(n)
    for i in range(n):
        q = s.member[i]
        if q < 0:
            continue
        share = (1 - phi) / len(members[q]) + (phi * joined[i] / max(n_m[q], 1))
        mpcr = r * s.absorptive[i] * gap(i) * share
        contribution_gain[i] = cost * (mpcr - (1.0 - p["platform_subsidy"]))
    contribute = revise(s.contribute, contribution_gain, "platform")
    out = np.array(
        [
            r
            * (
                cost * contribute[members[q]].sum()
                + model.government_funding * len(members[q])
                + fee * n_m[q]
            )
            for q in range(n_plat)
        ]
    )
    gain = np.zeros(n)
    for i in range(n):
        q = s.member[i]
        if q < 0:
            continue
        share = (1 - phi) * out[q] / len(members[q]) + phi * out[q] / max(n_m[q], 1) * joined[i]
        cap = max(f0 - generic[i], 0.0)
        gain[i] = min(p["platform_knowledge"] * s.absorptive[i] * share, cap)
    return joined, contribute, out, gain


def test_platform_step_reads_the_generic_column_for_gap_and_cap():
    """Join and contribution choices, output and the capped knowledge gain, by hand.

    Catchment firms alternate between the generic frontier (no gap: joining only costs
    the fee, and no knowledge can be gained) and a fifth of it, while their domain-1
    knowledge is the other way round, so a step that read the gap or the cap from any
    column but the generic one (domain 0) decides and gains differently.
    """
    from clusternet.dynamics.mechanisms.platform import Platform

    model = cn.UpgradingModel(
        _net(), seed=5, revision_rate=1.0, choice_noise=0.05, platform_excludable=0.5,
        membership_fee=0.2, platform_knowledge=0.05, platform_subsidy=0.4,
    )  # fmt: skip
    s = model.state
    f0 = model.generic_frontier()
    assert model.platforms.size == 2 and f0 > 0
    catchment = np.flatnonzero(s.member >= 0)
    assert catchment.size >= 6
    at_frontier = catchment[::2]
    behind = catchment[1::2]
    s.knowledge[at_frontier, 0], s.knowledge[at_frontier, 1] = f0, 0.2 * f0
    s.knowledge[behind, 0], s.knowledge[behind, 1] = 0.2 * f0, f0
    rng = np.random.default_rng(11)
    s.joined = (s.member >= 0) & (rng.random(s.member.shape[0]) < 0.5)
    s.contribute = (s.member >= 0) & (rng.random(s.member.shape[0]) < 0.5)
    s.platform_output = np.array([4.0, 6.0])
    ctx = StepContext(2, np.random.default_rng(0), model.draw_seed, model.keys)
    before = s.knowledge.copy()
    joined, contribute, out, gain = _platform_step_by_hand(model, ctx, before[:, 0].copy())
    wrong = _platform_step_by_hand(model, ctx, before[:, 1].copy())
    # the setting tells the columns apart: the wrong column changes choices and gains
    assert not np.array_equal(wrong[0], joined)
    assert not np.allclose(wrong[3], gain)
    assert not joined[at_frontier].any() and joined[behind].any()
    assert (gain[at_frontier] == 0).all() and (gain[behind] > 0).all()
    Platform()(model, ctx)
    np.testing.assert_array_equal(s.joined, joined)
    np.testing.assert_array_equal(s.contribute, contribute)
    np.testing.assert_allclose(s.platform_output, out, rtol=1e-12)
    np.testing.assert_allclose(s.knowledge[:, 0] - before[:, 0], gain, rtol=1e-12, atol=1e-15)
    np.testing.assert_array_equal(s.knowledge[:, 1:], before[:, 1:])


def test_intermediaries_read_the_firms_rows_when_firms_are_not_one_block():
    """``K[m, d] <- max(K[m, d], (1 - tau) max_firms K[., d])`` on a network whose firms
    are interleaved with the other actors (no contiguous block of firm rows)."""
    from clusternet.dynamics.mechanisms.intermediaries import Intermediaries
    from clusternet.locality import local_network

    net, _ = local_network(cn.generate_cluster(40, seed=2), by="space")
    model = cn.UpgradingModel(net, seed=3, tacitness=0.3)
    assert model.firm_rows is None and model.intermediaries.size
    k = model.state.knowledge
    rng = np.random.default_rng(5)
    k[:] = rng.uniform(0, 2, size=k.shape)
    k[model.intermediaries] = rng.uniform(0, 0.5, size=k[model.intermediaries].shape)
    before = k.copy()
    Intermediaries()(model, StepContext(1, np.random.default_rng(0)))
    firms = np.flatnonzero(model.firms)
    want = before.copy()
    for m in model.intermediaries:
        for d in range(k.shape[1]):
            want[m, d] = max(before[m, d], 0.7 * max(before[i, d] for i in firms))
    assert (want != before).any()  # the frontier's codified part lifts some intermediary
    np.testing.assert_allclose(k, want, rtol=1e-15, atol=0)


def test_turnover_off_reports_no_entrants_and_on_reports_the_exits():
    """``entrants`` is 0 with ``exit_rate = 0`` (nothing changes) and, with turnover on,
    the number of firms that left, recomputed from the keyed draws."""
    from clusternet.dynamics import turnover
    from clusternet.dynamics.mechanisms.turnover import Turnover

    model = cn.UpgradingModel(_net(), seed=3, exit_rate=0.0)
    ctx = StepContext(1, np.random.default_rng(0), model.draw_seed, model.keys)
    ctx.out["entrants"] = 7  # a stale value must be overwritten
    k = model.state.knowledge.copy()
    Turnover()(model, ctx)
    assert ctx.out["entrants"] == 0
    np.testing.assert_array_equal(model.state.knowledge, k)
    model = cn.UpgradingModel(_net(), seed=3, exit_rate=0.5, exit_gap=0.95)
    ctx = StepContext(1, np.random.default_rng(0), model.draw_seed, model.keys)
    p, s = model.params, model.state
    leaving = turnover.exits(
        s.knowledge.mean(axis=1), model.firms, p["exit_gap"], p["exit_rate"], ctx.keyed("turnover")
    )
    assert leaving.sum() > 0
    Turnover()(model, ctx)
    assert ctx.out["entrants"] == leaving.sum()


@pytest.mark.parametrize("rates", ["every layer", "some layers", "none"])
def test_spillover_step_runs_whenever_some_layer_carries_spillover(rates):
    """The step applies the gap rule once when any layer's rate is positive (also when
    every layer's is) and leaves knowledge alone when none is."""
    from clusternet.dynamics.mechanisms.spillover import Spillover

    net = _net()
    layers = list(net.layers)
    given = {
        "every layer": dict.fromkeys(layers, 0.1),
        "some layers": {layers[0]: 0.1, **dict.fromkeys(layers[1:], 0.0)},
        "none": dict.fromkeys(layers, 0.0),
    }[rates]
    model = cn.UpgradingModel(net, seed=3, spillover_rates=given)
    before = model.state.knowledge.copy()
    want = model.spillover.step(before.copy())
    np.testing.assert_array_equal(model.state.knowledge, before)  # step left the state alone
    Spillover()(model, StepContext(1, np.random.default_rng(0), model.draw_seed, model.keys))
    if rates == "none":
        np.testing.assert_array_equal(model.state.knowledge, before)
    else:
        assert not np.array_equal(want, before)
        np.testing.assert_array_equal(model.state.knowledge, want)


def test_imitation_without_innovations_adopts_nothing_one_count_per_actor():
    from clusternet.dynamics.mechanisms.imitation import Imitation

    model = cn.UpgradingModel(_net(), seed=3)
    n = model.state.knowledge.shape[0]
    assert n != model.state.knowledge.shape[1]
    ctx = StepContext(1, np.random.default_rng(0), model.draw_seed, model.keys)
    ctx.out["innovated"] = np.zeros(n, dtype=bool)
    ctx.out["domain"] = np.full(n, -1, dtype=np.int64)
    k = model.state.knowledge.copy()
    Imitation()(model, ctx)
    assert ctx.out["adopted"].shape == (n,) and ctx.out["adopted"].dtype == np.int64
    assert not ctx.out["adopted"].any()
    np.testing.assert_array_equal(model.state.knowledge, k)


def test_step_context_seed_defaults_to_zero_as_documented():
    keys = np.arange(5, dtype=np.uint64)
    plain = StepContext(2, np.random.default_rng(0), keys=keys).keyed("brand").random(5)
    zero = StepContext(2, np.random.default_rng(0), 0, keys).keyed("brand").random(5)
    one = StepContext(2, np.random.default_rng(0), 1, keys).keyed("brand").random(5)
    np.testing.assert_array_equal(plain, zero)
    assert not np.array_equal(plain, one)
    assert StepContext(2, np.random.default_rng(0)).keys.shape == (0,)


def test_nobody_innovates_when_every_firm_is_at_zero_generic_knowledge():
    """The generic complement's limit inside the step: with every firm's generic knowledge at
    0 and gamma = 1, b_i = (0 / F_0)^1 = 0 for all, so the hazard is 0 everywhere although
    the innovation rate is positive. The step records no innovation (innovated False,
    domain -1, radical False for every actor) and leaves knowledge untouched."""
    net = _net()
    base = cn.UpgradingModel(net, seed=4, spillover_rates={}, imitation_rates={},
                             platform_knowledge=0.0)  # fmt: skip
    k = base.state.knowledge.copy()
    k[base.firms, 0] = 0.0
    model = cn.UpgradingModel(net, seed=4, knowledge0=k, innovation_rate=0.3,
                              generic_complement=1.0, spillover_rates={}, imitation_rates={},
                              platform_knowledge=0.0)  # fmt: skip
    assert model.params["innovation_rate"] > 0
    ctx = StepContext(1, np.random.default_rng(0), model.draw_seed, model.keys)
    Innovation()(model, ctx)
    n = model.state.knowledge.shape[0]
    np.testing.assert_array_equal(ctx.out["innovated"], np.zeros(n, bool))
    np.testing.assert_array_equal(ctx.out["domain"], np.full(n, -1))
    np.testing.assert_array_equal(ctx.out["radical"], np.zeros(n, bool))
    ts = model.run(3).timeseries
    assert int(ts["innovations"].sum()) == 0
