"""The opt-in market channel (``market_pressure``): rivals' innovations move sales and margins.

Each helper is checked against a closed form or a brute force; the model-level tests
check the channel's own limits (no rivals, no pressure; that p = 0 is the default model
exactly is the step-hash test of ``tests/test_kernels_step.py``) and the chain it adds (a rival's innovation lowers a firm's sales target and
margin only when buyers choose on the ladder).
"""

import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import clusternet as cn
from clusternet.dynamics import market
from clusternet.dynamics.mechanisms import StepContext
from clusternet.dynamics.mechanisms.brand import Brand
from clusternet.dynamics.mechanisms.demand import Demand
from clusternet.dynamics.mechanisms.market import Market

G = 1.25


def _b(x):
    return 1.0 - G ** (-x) if x > 0 else 0.0


@settings(max_examples=60, deadline=None)
@given(
    st.integers(1, 12).flatmap(
        lambda n: st.tuples(
            st.just(n),
            st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=40),
        )
    )
)
def test_rival_counts_match_a_brute_force_count_without_self_ties(case):
    n, pairs = case
    rows = [sorted(j for i, j in pairs if i == r) for r in range(n)]
    indptr = np.concatenate([[0], np.cumsum([len(r) for r in rows])]).astype(np.int64)
    indices = np.array([j for r in rows for j in r], dtype=np.int64)
    want = [sum(1 for j in rows[r] if j != r) for r in range(n)]
    assert market.rival_counts(indptr, indices).tolist() == want


def test_ladder_weight_sales_share_and_limit_price_margin_closed_form():
    """Hand values: a strict leader against one rival (shares 0.75 / 0.25), p = 0.4."""
    share = np.array([0.75, 0.25])
    rivals = np.array([1.0, 1.0])
    w = market.ladder_weight(share, rivals, 0.4)
    np.testing.assert_allclose(w, [0.6 + 0.4 * 1.5, 0.6 + 0.4 * 0.5])
    lam = market.ladder_sales_share(share, rivals, 0.4)
    np.testing.assert_allclose(lam, [0.4 * 1.5 / 1.2, 0.4 * 0.5 / 0.8])
    # p = 0: weight 1 and no ladder sales; a firm without rivals sells a share p on the ladder
    np.testing.assert_array_equal(market.ladder_weight(share, rivals, 0.0), [1.0, 1.0])
    np.testing.assert_array_equal(market.ladder_sales_share(share, rivals, 0.0), [0.0, 0.0])
    alone = market.ladder_sales_share(np.array([1.0]), np.array([0.0]), 0.7)
    assert alone[0] == pytest.approx(0.7)
    # p = 1: every firm sells only on the ladder; an undercut laggard's weight is 0, and its
    # share is the limit r -> 0+, 1 (no division by zero)
    np.testing.assert_array_equal(market.ladder_sales_share(share, rivals, 1.0), [1.0, 1.0])
    lag = market.ladder_sales_share(np.array([0.0]), np.array([2.0]), 1.0)
    assert lag.tolist() == [1.0]
    near = market.ladder_sales_share(np.array([1e-300]), np.array([2.0]), 1.0)
    assert near.tolist() == [1.0]
    # the limit price of a one-step leader is gamma: margin gamma - 1 over the unit cost 1
    assert market.limit_price_margin(np.array([_b(1.0)]))[0] == pytest.approx(G - 1.0)
    assert market.limit_price_margin(np.array([0.0]))[0] == 0.0


def _clique(n: int) -> tuple[np.ndarray, np.ndarray]:
    """The competition CSR of n firms that all rival each other (no self-ties)."""
    indptr = np.arange(0, n * (n - 1) + 1, n - 1, dtype=np.int64)
    indices = np.array([j for i in range(n) for j in range(n) if j != i], dtype=np.int64)
    return indptr, indices


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.floats(0, 6, allow_nan=False), min_size=2, max_size=6),
    st.floats(0, 1),
    st.floats(0, 1),
)
def test_in_a_clique_the_ladder_reallocates_sales_without_creating_any(positions, c, p):
    """Every firm rivals every other: shares sum to 1, so the ladder weights sum to the
    number of firms (an equal split's), whatever the positions, competition and pressure."""
    n = len(positions)
    indptr, indices = _clique(n)
    out = market.market(np.array(positions), indptr, indices, G, c)
    assert out.share.sum() == pytest.approx(1.0, abs=1e-12)
    w = market.ladder_weight(out.share, market.rival_counts(indptr, indices), p)
    assert w.sum() == pytest.approx(n, rel=1e-12)
    assert (w >= -1e-15).all()


def test_static_demand_with_ladder_weights_closed_form():
    cap = np.array([1.0, 2.0])
    v = np.array([0.5, 0.0])
    lw = np.array([1.5, 0.5])
    got = market.static_demand(cap, v, 0.6, 0.5, 1.0, 2.0, lw)
    weights = cap * np.exp(2.0 * v) * lw
    want = 3.0 * np.exp(0.1) * weights / weights.sum()
    np.testing.assert_allclose(got, want, rtol=1e-13)
    assert market.static_demand(cap, v, 0.6, 0.5, 1.0, 2.0, np.zeros(2)).tolist() == [0.0, 0.0]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.floats(0, 4, allow_nan=False), min_size=2, max_size=5),
    st.floats(0, 1),
    st.floats(0.05, 1),
)
def test_a_firms_ladder_markup_is_its_market_rent_times_its_ladder_volume(positions, c, p):
    """One market (docs/model.md, Market pressure): the markup a firm earns from the
    ladder's buyers at the buyers' target, target sales x ladder share x limit-price
    margin m_i/(1-m_i), is p A_i (k_i + 1) pi_i / (1 - m_i), with A_i = Y* kappa_i
    e^(eps v_i) / sum_j kappa_j e^(eps v_j) w_j (kappa the capacity, k the number of
    rivals): the ladder rent pi_i the innovation incentive reads, as a markup, times a
    volume. The right side is written from the kernel's rent and Lerner index and a
    hand-written logit; the left from the demand and ladder helpers. Hand-built
    clique, arbitrary capacities and perceived qualities."""
    n = len(positions)
    indptr, indices = _clique(n)
    out = market.market(np.array(positions), indptr, indices, G, c)
    rivals = market.rival_counts(indptr, indices)
    cap = np.linspace(1.0, 2.0, n)
    v = np.linspace(0.0, 0.6, n)
    w = market.ladder_weight(out.share, rivals, p)
    y = market.static_demand(cap, v, 0.7, 0.5, 1.0, 2.0, w)
    lam = market.ladder_sales_share(out.share, rivals, p)
    profit = y * lam * market.limit_price_margin(out.lerner)
    scale = cap.sum() * np.exp(1.0 * (0.7 - 0.5))
    attraction = cap * np.exp(2.0 * v)
    volume = scale * attraction / (attraction * w).sum()
    want = p * volume * (rivals + 1.0) * out.rent / (1.0 - out.lerner)
    np.testing.assert_allclose(profit, want, rtol=1e-10, atol=1e-14)


@pytest.fixture(scope="module")
def net():
    return cn.generate_cluster(120, seed=21)


def _without_competition(net):
    edges = net.edge_table()
    return cn.ClusterNetwork.from_edges(
        edges[edges["layer"] != "competition"],
        actors=net.actors.drop(columns=["tier"]),
        layers=[x for x in net.layers if x != "competition"],
        directed={k: v for k, v in net.directed.items() if k != "competition"},
    )


def test_without_rivals_competition_changes_nothing_and_the_margin_is_the_limit_price(net):
    """Mechanism limit: no competitors, no squeeze. Without a competition layer at p = 1
    every firm sells on the ladder alone (k = 0, r = 1) at a lone firm's limit price:
    with no quality cost, congestion or penalty its unit margin is gamma - 1 in every
    step, whatever its quality and the reputation; and the intensity of competition
    changes no sale, margin or innovation, draw for draw."""
    alone = _without_competition(net)
    plain = {"quality_cost": 0.0, "monitoring": 0.0, "capacity": 0.0}
    runs = []
    for c in (0.2, 0.9):
        model = cn.UpgradingModel(alone, seed=3, market_pressure=1.0, competition=c, **plain)
        for _ in range(6):
            model.step()
            f = model.firms
            np.testing.assert_allclose(model.state.margin[f], G - 1.0, rtol=1e-12)
        ts = model.result().timeseries
        runs.append((ts, model.state.output.copy()))
    pd.testing.assert_frame_equal(runs[0][0], runs[1][0])
    np.testing.assert_array_equal(runs[0][1], runs[1][1])
    # at p = 0 the same firms earn the brand's premium, which moves with the reputation
    off = cn.UpgradingModel(alone, seed=3, **plain)
    off.step()
    assert np.ptp(off.state.margin[off.firms]) > 0.01


@pytest.mark.parametrize("pressure", [0.5, 1.0])
def test_the_quality_choice_weighs_only_the_brand_buyers_premium(net, pressure):
    """Without rivals (r = 1, so lambda = p) the gain of high quality at pressure p is the
    gain at p = 0 with the premium P (1 - p): only the buyers who buy on the regional
    name pay for quality. Buyers do not respond here (demand_adjustment 0), so no term of
    the gain reads the margin, and the two gains are computed independently."""
    alone = _without_competition(net)
    fixed = {"demand_adjustment": 0.0, "revision_rate": 0.0, "monitoring": 0.3}
    on = cn.UpgradingModel(alone, seed=2, market_pressure=pressure, **fixed)
    premium = on.params["premium"] * (1.0 - pressure)
    off = cn.UpgradingModel(alone, seed=2, premium=premium, **fixed)
    gains = []
    for model in (on, off):
        ctx = StepContext(1, np.random.default_rng(0), model.draw_seed, model.keys)
        Market()(model, ctx)
        brand_step = Brand()
        brand_step(model, ctx)
        gains.append(brand_step.last_gain[model.firms])
    np.testing.assert_allclose(gains[0], gains[1], rtol=1e-12, atol=1e-15)
    # and the full premium would give another gain
    full = cn.UpgradingModel(alone, seed=2, **fixed)
    ctx = StepContext(1, np.random.default_rng(0), full.draw_seed, full.keys)
    Market()(full, ctx)
    brand_full = Brand()
    brand_full(full, ctx)
    assert np.abs(brand_full.last_gain[full.firms] - gains[0]).max() > 1e-3


def _focal_and_rivals(model):
    """The firm with at least two rivals and the largest ladder share against an equal split
    (a local leader, so a rival's step costs it a visible part of its sales)."""
    firms = np.flatnonzero(model.firms)
    indptr, indices = model.comp
    share = model.market_outcome().share
    relative = share * (model.rivals + 1.0)
    candidates = firms[model.rivals[firms] >= 2]
    focal = int(candidates[np.argmax(relative[candidates])])
    rivals = indices[indptr[focal] : indptr[focal + 1]].astype(np.int64)
    return focal, rivals[rivals != focal]


def _market_brand_demand(model, t=1):
    ctx = StepContext(t, np.random.default_rng(0), model.draw_seed, model.keys)
    for mechanism in (Market(), Brand(), Demand()):
        mechanism(model, ctx)


@pytest.mark.parametrize("pressure", [0.0, 0.5, 1.0])
def test_rivals_innovations_lower_a_firms_sales_and_move_its_margin_under_pressure(net, pressure):
    """The chain of the squeeze: the focal firm's rivals move up the ladder (their
    innovations) until the best of them leads it by a step; its ladder share falls, and with it its sales target and unit margin —
    when buyers choose on the ladder. At p = 0 neither moves (the brand alone sets them).
    (A chain check of the designed channel: its size is built in by the weights.)"""
    arms = []
    for push in (False, True):
        model = cn.UpgradingModel(net, seed=5, market_pressure=pressure, revision_rate=0.0)
        focal, rivals = _focal_and_rivals(model)
        assert rivals.size >= 2
        if push:  # every rival ends one ladder step ahead of the focal firm's position
            step = model.params["ladder_step"]
            position = model.state.knowledge.mean(axis=1) / step
            lead = position[focal] - position[rivals].max()
            model.state.knowledge[rivals] += (max(lead, 0.0) + 1.0) * step
        start = model.state.output[focal]
        _market_brand_demand(model)
        rho = model.params["demand_adjustment"]
        # the buyers' target for the focal firm, from the partial adjustment
        target = (model.state.output[focal] - (1.0 - rho) * start) / rho
        lam = market.ladder_sales_share(
            model.state.market_share, model.rivals, model.params["market_pressure"]
        )
        s = model.state
        arms.append((target, s.margin[focal], s.market_share[focal], lam[focal]))
    (y0, m0, s0, lam0), (y1, m1, s1, lam1) = arms
    assert s1 < s0  # the ladder share falls in every arm of pressure
    if pressure == 0.0:
        assert y1 == pytest.approx(y0, rel=1e-12)
        assert m1 == pytest.approx(m0, abs=1e-12)
        assert lam0 == lam1 == 0.0
    elif pressure < 1.0:
        assert y1 < y0 * (1.0 - 0.05)  # a local leader's target falls by more than 5 %
        assert lam1 < lam0  # fewer of its sales are bought on the ladder
        assert abs(m1 - m0) > 1e-3  # and its margin moves
    else:
        # every buyer on the ladder: while the firm sells there at all, all its sales are
        # ladder sales; the rivals take sales, not the share of them bought on the ladder
        assert y1 < y0 * (1.0 - 0.05)
        assert lam0 == lam1 == 1.0


def test_pressure_reweights_the_buyers_allocation_by_the_ladder_closed_form(net):
    """One Market/Brand/Demand pass at p = 1 against p = 0 from the same state (quality
    frozen): the buyers' target of firm i is the p = 0 target times w_i / W, W the
    target-weighted mean ladder weight, so the region's total is unchanged (the ladder
    shares the market, the reputation sizes it) and exactly the firms with w_i > W gain."""
    out = {}
    for p in (0.0, 1.0):
        model = cn.UpgradingModel(net, seed=6, market_pressure=p, revision_rate=0.0)
        start = model.state.output.copy()
        _market_brand_demand(model)
        out[p] = (model, start)
    on, start = out[1.0]
    off, _ = out[0.0]
    f = on.firms
    rho = on.params["demand_adjustment"]
    target0 = (off.state.output[f] - (1.0 - rho) * start[f]) / rho
    # the ladder weight at p = 1, recomputed by brute force: sigma_i (distinct rivals + 1)
    indptr, indices = on.comp
    rivals = [
        len({int(j) for j in indices[indptr[i] : indptr[i + 1]]} - {i})
        for i in range(on.net.n_actors)
    ]
    w = (on.state.market_share * (np.array(rivals) + 1.0))[f]
    mean_w = (target0 * w).sum() / target0.sum()
    want = (1.0 - rho) * start[f] + rho * target0 * w / mean_w
    np.testing.assert_allclose(on.state.output[f], want, rtol=1e-10)
    assert on.state.output[f].sum() == pytest.approx(off.state.output[f].sum(), rel=1e-12)
    gains = on.state.output[f] > off.state.output[f]
    assert gains.any() and (~gains).any()
    np.testing.assert_array_equal(gains, w > mean_w)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.floats(0.0, 1e6, allow_nan=False), min_size=1, max_size=8).flatmap(
        lambda a: st.tuples(
            st.just(a),
            st.lists(st.floats(0.0, 1e6, allow_nan=False), min_size=len(a), max_size=len(a)),
        )
    )
)
def test_share_instability_is_half_the_l1_distance_of_the_shares_brute_force(case):
    before, after = (np.array(x) for x in case)
    got = market.share_instability(before, after)
    if not (before.sum() > 0 and after.sum() > 0):
        assert np.isnan(got)
        return
    want = 0.5 * sum(abs(a / after.sum() - b / before.sum()) for a, b in zip(after, before))
    assert got == pytest.approx(want, abs=1e-12)
    assert -1e-12 <= got <= 1.0 + 1e-12
    assert market.share_instability(after, before) == pytest.approx(got, abs=1e-12)


def test_recorded_sales_columns_match_the_state_and_the_demand_step(net):
    """``sales_cv`` is the population sd over the mean of the firms' sales; ``sales_instability``
    is the half L1 distance of the shares before and after the buyers' reallocation (no
    entry, exit or growth here, so before is the last step's sales)."""
    model = cn.UpgradingModel(net, seed=9, market_pressure=0.6)
    f = model.firms
    for _ in range(3):
        before = model.state.output[f].copy()
        row = model.step()
        y = model.state.output[f]
        assert row["sales_cv"] == pytest.approx(np.std(y) / np.mean(y), rel=1e-12)
        want = 0.5 * np.abs(y / y.sum() - before / before.sum()).sum()
        assert row["sales_instability"] == pytest.approx(want, rel=1e-12)
        assert row["sales_instability"] > 0
    ts = cn.simulate_upgrading(net, 3, seed=9, demand_adjustment=0.0).timeseries
    assert ts["sales_instability"].tolist() == [0.0] * 4  # buyers never move


def _fmt(x: float, digits: int = 4, sign: bool = True) -> str:
    text = f"{x:+.{digits}f}" if sign else f"{abs(x):.{digits}f}"
    return text.replace("-", "\N{MINUS SIGN}")


def test_the_model_page_quotes_the_result_files():
    """Every number of docs/model.md's 'Competition that presses' comes from
    tools/market_pressure.json or benchmarks/abc_identifiability_pressure.json."""
    import json
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    page = root.joinpath("docs", "model.md").read_text()
    section = page[page.index("### Competition that presses") :]
    section = " ".join(re.split(r"\n#+ ", section)[0].split())  # to the next heading

    def iv(v, digits=4, sign=True):
        return f"{_fmt(v['mean'], digits, sign)} [{_fmt(v['low'], digits, sign)}, {_fmt(v['high'], digits, sign)}]"

    r = json.loads(root.joinpath("tools", "market_pressure.json").read_text())
    shape_settings = {"firms": 150, "steps": 30, "reps": 10}
    assert r["settings"] == {
        "seeds": 10,
        "firms": 200,
        "steps": 40,
        "lags": 4,
        "shape": shape_settings,
    }
    assert "(150 firms, 30 steps, 10 replicates)" in section
    assert f"{r['squeeze']['firm_steps_per_run']:,} firm-steps per run" in section
    base_margin = r["levels"]["default_exit_pressure_1"]["mean_unit_margin"]["pressure_0"]["mean"]
    assert f"brand margin of {base_margin:.4f}" in section
    sq = r["squeeze"]
    for key in ("sales_rival", "sales_rival_cumulative", "sales_own", "sales_own_cumulative",
                "margin_rival", "margin_rival_cumulative"):  # fmt: skip
        assert iv(sq[key]["pressure_1"]) in section, key
    for key in ("sales_rival", "sales_rival_cumulative"):
        assert iv(sq[key]["pressure_0"]) in section, key
    levels = r["levels"]
    for arm, keys in (
        ("default_exit_pressure_0.5", ("high_quality_share", "mean_unit_margin")),
        ("default_exit_pressure_1", ("high_quality_share", "reputation", "mean_unit_margin",
                                     "sales_cv", "innovations_per_firm_step")),
        ("margin_exit_pressure_1", ("entrants_per_firm_step",)),
        ("margin_exit_pressure_0.5", ("entrants_per_firm_step",)),
    ):  # fmt: skip
        for key in keys:
            assert iv(levels[arm][key]["difference"]) in section, (arm, key)
    exits = levels["margin_exit_pressure_1"]["entrants_per_firm_step"]
    assert f"from {exits['pressure_0']['mean']:.4f} to {exits['pressure']['mean']:.4f}" in section
    moves = r["competition_moves"]["pressure_1"]
    rank = moves["sales_rank_correlation"]
    d = rank["difference"]
    assert f"by {-d['mean']:.3f} [{-d['high']:.3f}, {-d['low']:.3f}]" in section
    assert (
        f"({rank['competition_0.2']['mean']:.3f} → {rank['competition_0.9']['mean']:.3f}" in section
    )
    assert f"rises by {iv(moves['sales_cv']['difference'], 3, False)}" in section
    for m in (moves, r["competition_moves"]["pressure_0"]):
        v = m["innovations_per_firm_step"]["difference"]
        assert iv(v, 4, False) in section
    assert iv(moves["mean_unit_margin"]["difference"]) in section
    assert moves["high_quality_share"]["difference"]["mean"] == 0.0
    off = r["competition_moves"]["pressure_0"]
    for key in ("sales_cv", "sales_rank_correlation", "reputation"):
        assert off[key]["difference"]["mean"] == 0.0, key
    assert abs(off["mean_unit_margin"]["difference"]["mean"]) < 1e-4
    for arm in ("pressure_1", "pressure_0"):
        curve = [f"{row['mean']:.4f}" for row in r["shape"][arm]["table"]]
        assert ", ".join(curve) in section, arm
    assert r["shape"]["pressure_1"]["shape"] == r["shape"]["pressure_0"]["shape"] == "rising"
    ident = json.loads(root.joinpath("benchmarks", "abc_identifiability_pressure.json").read_text())
    best = ident["max_abs_d"]
    assert f"|d| = {best['competition']['default_summaries']:.2f} (innovations)" in section
    assert f"by |d| = {best['competition']['with_extra']:.2f} over the prior" in section
    n_summaries = 2 * len(ident["settings"]["columns"])
    assert len(ident["effect_size"]["competition"]) == n_summaries
    assert f"largest of {n_summaries} summaries" in section
    late = ident["effect_size"]["competition"]["sales_instability_late"]
    assert f"late half gives {abs(late):.2f}" in section
    assert f"stays at {best['imitation_gap']['with_extra']:.2f}" in section


def test_a_run_under_pressure_is_reproducible_on_one_and_two_threads(net):
    from clusternet._threads import numba_threads

    runs = []
    for threads in (1, 2, 1):
        with numba_threads(threads):
            model = cn.UpgradingModel(net, seed=13, market_pressure=0.5, exit_rate=0.05)
            ts = model.run(6).timeseries
        runs.append((ts, model.state.output.copy(), model.state.margin.copy()))
    for ts, out, margin in runs[1:]:
        pd.testing.assert_frame_equal(ts, runs[0][0])
        np.testing.assert_array_equal(out, runs[0][1])
        np.testing.assert_array_equal(margin, runs[0][2])
    assert runs[0][0]["sales_instability"].iloc[1:].min() > 0


def test_the_pressure_incentive_paragraphs_quote_their_result_file():
    """docs/model.md's 'What the innovation incentive reads under pressure', 'The
    one-period lead' and the competition table quote tools/pressure_incentive.json,
    and the claims drawn from it hold there."""
    import json
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    page = " ".join(root.joinpath("docs", "model.md").read_text().split())
    r = json.loads(root.joinpath("tools", "pressure_incentive.json").read_text())
    assert r["settings"] == {"seeds": 10, "firms": 200, "warmup": 10, "market_pressure": 1.0}
    assert r["shape_settings"] == {"firms": 150, "steps": 30, "reps": 6, "market_pressure": 0.0}
    assert page.count("10 generated clusters of 200 firms after 10 steps at `p` = 1") == 2
    clusters = r["clusters"]
    assert all(c["max_abs_difference_from_kernel"] < 1e-12 for c in clusters)

    def span(key, digits, scale=1.0):
        vals = [scale * c[key] for c in clusters]
        return f"{min(vals):.{digits}f}–{max(vals):.{digits}f}"

    assert f"(Spearman {span('spearman_gain_markup', 3)})" in page
    markup, model = (
        span("incentive_positive_markup", 1, 100),
        span("incentive_positive_model", 1, 100),
    )
    assert f"{markup} % of them in markups against {model} %" in page
    avg = r["averages"]
    assert (
        f"a mean of {avg['mean_incentive_markup']:.3f} against {avg['mean_incentive_model']:.3f}"
        in page
    )
    assert 0.85 < avg["mean_incentive_markup"] / avg["mean_incentive_model"] < 1.0  # "small"
    realised, counted = avg["mean_gain_realised_over_pi_s"], avg["mean_gain_model_over_pi_s"]
    assert f"averages {realised:.3f} `π_S` per firm against `G_i`'s {counted:.3f} `π_S`" in page
    per = f"({span('mean_gain_realised_over_pi_s', 3)} against {span('mean_gain_model_over_pi_s', 3)} per cluster)"
    assert per in page
    below = [100 * c["share_realised_below_model"] for c in clusters]
    assert f"below it for {min(below):.0f}–{max(below):.0f} % of the firms" in page
    assert f"at Spearman {span('spearman_gain_realised', 2)} with `G_i`" in page
    assert realised < 0.25 * counted
    # the table: every row from the result file, the moving fringe's last
    shape = r["shape"]
    moving = shape["moving_fringe"]
    rows = [*shape["model"].items(), *((f"moving {k}", v) for k, v in moving.items())]
    for name, curve in rows:
        cells = [f"{row['mean']:.4f}" for row in curve["table"]]
        ends = [curve["table"][i] for i in (0, -1)]
        if name == "defaults" or name.startswith("moving"):
            cells[0], cells[-1] = (
                f"{e['mean']:.4f} [{e['low']:.4f}, {e['high']:.4f}]" for e in ends
            )
        assert " | ".join(cells) + f" | {curve['shape']} |" in page, name
        assert curve["shape"] != "inverted U", name  # "neither convention gives the inverted U"
    assert all(curve["shape"] == "rising" for curve in shape["model"].values())
    assert (
        moving["defaults"]["shape"] == "rising" and moving["innovation_cost 0"]["shape"] == "flat"
    )
    assert all(c["realised_above_model"] == 0 for c in clusters)  # "never above"
    negative = sum(c["realised_negative"] for c in clusters)
    total = sum(c["firms_with_rivals"] for c in clusters)
    assert f"below 0 for {negative} of the {total:,})" in page
    last = shape["moving_fringe"]["defaults"]["table"][-1]
    assert (
        f"0.0000 at competition 0 to {last['mean']:.4f} [{last['low']:.4f}, {last['high']:.4f}] at 1"
        in page
    )
    assert shape["moving_fringe"]["defaults"]["table"][0]["mean"] == 0.0
    why = shape["why"]
    assert (
        f"{100 * why['share_never_incentive']:.0f} % of the firms with rivals have `v = 0`" in page
    )
    v = why["mean_incentive_ahead"]
    assert f"`v` goes {v['0.0']:.2f} → {v['0.5']:.2f} → {v['1.0']:.2f}" in page
