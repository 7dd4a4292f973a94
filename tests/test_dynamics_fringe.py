"""The opt-in lagging fringe (``fringe_catch_up``): an innovation incentive its market pays.

Under the model's convention the fringe sits one step behind the market's best at
every market update but is held where it was in the incentive, so a firm counts
on a lead the next market never pays (docs/model.md, "The one-period lead"). With
``fringe_catch_up`` ``h`` the fringe is state: it closes the share ``h`` of its lag
each step, and the incentive anticipates that. These tests check the fringe's law
of motion against a loop written out, its closed forms, and that the gain a firm
counts on is exactly the rent the market gives it one step later.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from market_helpers import G, limit_rent, rival_csr

import clusternet as cn
from clusternet.dynamics import market
from clusternet.dynamics.mechanisms import StepContext
from clusternet.dynamics.mechanisms.market import Market
from clusternet.dynamics.state import ModelState

_b, _csr = limit_rent, rival_csr


def _random_market(rng, n, p_tie):
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n) if rng.uniform() < p_tie]
    return _csr(n, pairs)


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 2**31 - 1),
    n=st.integers(1, 12),
    h=st.sampled_from([0.0, 0.1, 0.5, 1.0]),
)
def test_update_fringe_matches_the_law_of_motion_written_out(seed, n, h):
    rng = np.random.default_rng(seed)
    indptr, indices = _random_market(rng, n, 0.3)
    u = np.round(rng.uniform(0, 5, n) * 2) / 2
    # lagging, above the target (the best fell) and NaN (an entrant's market)
    fringe = u - rng.uniform(-1.0, 4.0, n)
    fringe[rng.uniform(size=n) < 0.2] = np.nan
    kept = fringe.copy()
    got = market.update_fringe(u, indptr, indices, fringe, h)
    for i in range(n):
        top = max([u[i]] + [u[j] for j in indices[indptr[i] : indptr[i + 1]]])
        f = fringe[i]
        want = f + h * (top - 1.0 - f) if f < top - 1.0 else top - 1.0
        assert got[i] == pytest.approx(want, rel=0, abs=1e-12)
    np.testing.assert_array_equal(fringe, kept)  # the input is not modified


@pytest.mark.parametrize("h", [0.1, 0.25, 0.5, 1.0])
@pytest.mark.parametrize("lag", [1.0, 2.0, 3.5])
def test_a_monopolists_gain_closed_form(h, lag):
    """Lead ``L`` over the fringe: after a step ``L + 1 - h L``, without one ``L - h (L - 1)``."""
    out = market.market(
        np.zeros(1), np.array([0, 0]), np.array([], dtype=np.int64), G, 0.5,
        fringe=np.array([-lag]), catch_up=h,
    )  # fmt: skip
    assert out.rent[0] == pytest.approx(_b(lag), rel=1e-12)
    assert out.gain[0] == pytest.approx(_b(lag + 1 - h * lag) - _b(lag - h * (lag - 1)), rel=1e-12)


def test_a_fringe_that_catches_up_at_once_leaves_a_monopolist_no_gain():
    """``h = 1``: Aghion et al.'s leader, who gains nothing from another step."""
    for lag in (1.0, 2.5):
        out = market.market(
            np.zeros(1), np.array([0, 0]), np.array([], dtype=np.int64), G, 0.5,
            fringe=np.array([-lag]), catch_up=1.0,
        )  # fmt: skip
        assert out.gain[0] == pytest.approx(0.0, abs=1e-15)
    held = market.market(np.zeros(1), np.array([0, 0]), np.array([], dtype=np.int64), G, 0.5)
    assert held.gain[0] == pytest.approx(market.schumpeterian_rent(G), rel=1e-12)


def test_the_fringe_held_at_one_step_behind_is_the_convention():
    """A fringe state exactly one step behind the best and ``h = 0`` give the convention's market."""
    rng = np.random.default_rng(3)
    n = 40
    indptr, indices = _random_market(rng, n, 0.15)
    u = np.round(rng.uniform(0, 4, n) * 4) / 4
    conv = market.market(u, indptr, indices, G, 0.6, 0.5)
    at_target = market.update_fringe(u, indptr, indices, np.full(n, np.nan), 1.0)
    state = market.market(u, indptr, indices, G, 0.6, 0.5, fringe=at_target, catch_up=0.0)
    for a, b in zip(
        (conv.share, conv.lerner, conv.rent, conv.gain),
        (state.share, state.lerner, state.rent, state.gain),
    ):
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("h", [0.05, 0.35, 1.0])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_gain_a_firm_counts_on_is_the_rent_the_next_market_pays(h, seed):
    """``G_i`` = the rent after ``i`` steps up minus the rent if it does not, each in the market
    recomputed with the fringe moved by :func:`update_fringe`, the rivals that imitate at
    their expected positions (``u_j + p gap (u_i + 1 - u_j)``) and nothing else moving.

    The convention fails this for every monopolist (it counts on ``pi_S``, the market pays 0).
    """
    rng = np.random.default_rng(seed)
    n = 30
    indptr, indices = _random_market(rng, n, 0.08)
    # a third of the rivals imitate the firm's step, with probabilities in (0, 1)
    prob = np.where(
        rng.uniform(size=indices.shape[0]) < 0.35, rng.uniform(0.1, 0.9, indices.shape[0]), 0.0
    )
    assert prob.any()
    u = rng.uniform(0, 6, n)
    # lagging fringes, some above one step behind the best or between that and the target
    # after a step (the best fell), some NaN (entrants' markets): the market's rule for each
    fringe = u - rng.uniform(0.0, 4.0, n)
    fringe[rng.uniform(size=n) < 0.2] = np.nan
    now = market.market(u, indptr, indices, G, 0.5, 0.5, prob, fringe=fringe, catch_up=h)
    stay_fringe = market.update_fringe(u, indptr, indices, fringe, h)
    stay = market.market(u, indptr, indices, G, 0.5, fringe=stay_fringe).rent
    lone = np.flatnonzero(np.diff(indptr) == 0)
    assert lone.size  # the draw has monopolists
    for i in range(n):
        moved = u.copy()
        moved[i] += 1.0
        for e in range(indptr[i], indptr[i + 1]):  # each imitating rival closes its expected gap
            j = indices[e]
            if prob[e] > 0 and moved[i] > u[j]:
                moved[j] = u[j] + prob[e] * 0.5 * (moved[i] - u[j])
        step_fringe = market.update_fringe(moved, indptr, indices, fringe, h)
        after = market.market(moved, indptr, indices, G, 0.5, fringe=step_fringe).rent
        assert now.gain[i] == pytest.approx(after[i] - stay[i], rel=1e-9, abs=1e-12)
    # the convention counts on pi_S; its next market, the fringe one step behind the new
    # top again, pays a monopolist B(1) with the step and without it
    conv = market.market(u, indptr, indices, G, 0.5)
    np.testing.assert_allclose(conv.gain[lone], market.schumpeterian_rent(G), rtol=1e-12)
    for i in lone:
        moved = u.copy()
        moved[i] += 1.0
        assert market.market(moved, indptr, indices, G, 0.5).rent[i] == conv.rent[i]
        assert conv.rent[i] == pytest.approx(_b(1.0), rel=1e-12)


def test_the_models_incentive_reads_the_state_fringe_and_its_catch_up(net):
    """``innovation_incentive`` is the net incentive of the market with the state's fringe and
    ``h`` (not the convention's, not a held fringe), and the two differ on this cluster."""
    model = cn.UpgradingModel(net, seed=2, fringe_catch_up=0.3)
    model.run(3)
    s, p = model.state, model.params
    assert np.isfinite(s.fringe[model.firms]).all()
    s.fringe[model.firms] -= 2.0  # a fringe that lags: the held and moving gains differ
    cost = p["innovation_cost"] * (1.0 - p["finance_share"] * s.financed)
    args = (model.ladder_position(), *model.comp, G, p["competition"], p["imitation_gap"])

    def incentive(**kw):
        out = market.market(*args, model.rival_imitation, **kw)
        return market.innovation_incentive(out.gain, G, cost)

    want = incentive(fringe=s.fringe, catch_up=0.3)
    np.testing.assert_array_equal(model.innovation_incentive(), want)
    for other in (incentive(), incentive(fringe=s.fringe, catch_up=0.0)):
        assert np.abs(other - want)[model.firms].max() > 0.05


def test_entrants_markets_restart_one_step_behind_the_best():
    assert ModelState.per_actor_fields()["fringe"] == "entry"
    assert np.isnan(ModelState.empty(2, 1, 0).entry_value("fringe"))


@pytest.fixture(scope="module")
def net():
    return cn.generate_cluster(60, seed=4)


def test_the_market_mechanism_moves_the_fringe_and_the_default_leaves_it_alone(net):
    model = cn.UpgradingModel(net, seed=2, fringe_catch_up=0.25)
    u = model.ladder_position()
    target = market.update_fringe(u, *model.comp, np.full(u.shape[0], np.nan), 1.0)
    np.testing.assert_array_equal(model.state.fringe, target)  # starts one step behind
    model.state.knowledge[model.firms] += 0.05  # four steps up for every firm
    before = model.state.fringe.copy()
    Market()(model, StepContext(1, np.random.default_rng(0)))
    moved = model.ladder_position()
    want = market.update_fringe(moved, *model.comp, before, 0.25)
    np.testing.assert_array_equal(model.state.fringe, want)
    # every market's best rose four steps, so each fringe closes a quarter of a 4-step lag
    np.testing.assert_allclose((model.state.fringe - before)[model.firms], 1.0, rtol=1e-9)
    default = cn.UpgradingModel(net, seed=2)
    Market()(default, StepContext(1, np.random.default_rng(0)))
    assert np.isnan(default.state.fringe).all()


def test_a_lagging_fringe_run_is_reproducible_and_thread_independent(net, threads):
    def run(t):
        with threads(t):
            return cn.simulate_upgrading(net, 8, seed=5, fringe_catch_up=0.2).timeseries

    one, two = run(1), run(2)
    assert one.equals(two)
    assert one["innovations"].sum() > 0
    assert not one.equals(cn.simulate_upgrading(net, 8, seed=5).timeseries)


@pytest.mark.parametrize("bad", [-0.1, 1.5, float("nan")])
def test_a_catch_up_outside_zero_one_is_refused_by_name(net, bad):
    with pytest.raises(ValueError, match="fringe_catch_up"):
        cn.UpgradingModel(net, seed=1, fringe_catch_up=bad)


def test_the_lagging_fringe_paragraph_quotes_its_result_file():
    """docs/model.md's table, horizon ratios and class figures for the lagging fringe are
    tools/fringe_competition.json's, and its claims hold there."""
    import json
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    page = " ".join(root.joinpath("docs", "model.md").read_text().split())
    r = json.loads(root.joinpath("tools", "fringe_competition.json").read_text())
    assert r["design"] == {
        "reps": 6, "firms": 150, "steps": 30, "competition": [0.0, 0.25, 0.5, 0.75, 1.0]
    }  # fmt: skip
    for name, curve in r["shape"].items():
        label = "convention (`None`)" if name == "convention" else name.removeprefix("h=")
        cells = [f"{m:.4f}" for m in curve["mean"]]
        cells[0] = f"{cells[0]} [{curve['low'][0]:.4f}, {curve['high'][0]:.4f}]"
        cells[-1] = f"{cells[-1]} [{curve['low'][-1]:.4f}, {curve['high'][-1]:.4f}]"
        assert f"| {label} | " + " | ".join(cells) + f" | {curve['shape']} |" in page, name
        assert curve["shape"] == "rising", name
    top = max(max(c["mean"]) for c in r["shape"].values())
    assert f"at most {30 * top:.2f} innovations" in page
    # the horizon: the stream against the one-step gain
    horizon = r["horizon"]
    assert horizon["discount"] == 0.95
    for h, text in (("0.25", "3.6–4.4 times `G` at `h` = 0.25"), ("0.15", "5.4–6.8 times at 0.15")):
        ratios = [v["ratio"] for v in horizon["monopolist"][f"h={h}"].values()]
        assert f"{min(ratios):.1f}–{max(ratios):.1f}" in text and text in page, h
    slow = [v["ratio"] for v in horizon["monopolist"]["h=0.05"].values()]
    assert f"{min(slow):.1f}–{max(slow):.1f} times at 0.05" in page
    assert all(v["stream"] == 0 for v in horizon["monopolist"]["h=1"].values())
    # the classes: shares in every cell, then the rates the bullets quote
    rows = [row for rows in r["why"].values() for row in rows]
    quoted = {
        "monopolist": "17.8 % monopolists",
        "far_leader": "{} % far leaders",
        "near_leader": "{} % near leaders",
        "close": "{} % close",
        "far": "{} % far laggards",
    }
    for cls, text in quoted.items():
        shares = [100 * row["share"][cls] for row in rows]
        if cls == "monopolist":  # one share in every cell
            assert {f"{x:.1f}" for x in shares} == {"17.8"} and text in page
        else:
            assert text.format(f"{min(shares):.1f}–{max(shares):.1f}") in page, cls
    starts = [x for row in rows for x in row["position_range_at_start"]]
    assert f"span {min(starts):.1f}–{max(starts):.1f} ladder steps" in page
    events = max(row["innovations"]["far"] for row in rows)
    assert events <= 1 and "at most 1 of 13,300 firm-steps per cell" in page
    assert min(row["firm_steps"]["far"] for row in rows) >= 13_280
    at = r["why"]["h=0.15"]
    near = [row["innovations"]["near_leader"] for row in at]
    assert np.all(np.diff(near) >= 0) and f"{near[0]} → {near[-1]} innovations" in page
    rate = [row["rate"]["near_leader"] for row in at]
    far_lead = [row["rate"]["far_leader"] for row in at]
    assert f"{rate[0]:.4f} → {rate[-1]:.4f} per firm and step" in page
    assert f"far leaders a little ({far_lead[0]:.4f} → {far_lead[-1]:.4f})" in page
    close = [row["innovations"]["close"] for row in rows]
    assert f"({min(close)}–{max(close)} per cell)" in page
    mono = {k: [row["rate"]["monopolist"] for row in v] for k, v in r["why"].items()}
    assert max(mono["h=1"]) == 0 and f"{max(mono['h=0.15']):.4f}, {max(mono['h=0.25']):.4f}" in page
    assert max(mono["h=0.15"]) > max(mono["h=0.25"]) > max(mono["h=0.05"])  # not monotone in h


@pytest.mark.slow
def test_innovation_rises_with_competition_with_the_lagging_fringe():
    """The shape with the lead paid, measured (not hoped): at ``h`` = 0.15 over competition
    0, 0.5, 1 on eight 60-firm clusters (20 steps, paired seeds) innovation *rises*, as under
    the convention — docs/model.md, "The lead paid one step ahead", says why. Measured
    2026-12-05: 0.0029 [0.0023, 0.0036], 0.0039 [0.0029, 0.0048], 0.0043 [0.0032, 0.0054]
    innovations per firm and step."""
    from clusternet.experiments import classify_shape, innovation_by_competition

    table, y = innovation_by_competition(
        (0.0, 0.5, 1.0), firms=60, steps=20, reps=8, seed=0, fringe_catch_up=0.15
    )
    assert classify_shape(y) == "rising"
    assert (np.diff(table["mean"]) > 0).all()


def test_the_paid_lead_lowers_innovation_by_the_quoted_share():
    """docs/model.md: innovation over the plausible h 'is 57–72 % (cell by cell) below' the
    convention's."""
    import json
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    page = " ".join(root.joinpath("docs", "model.md").read_text().split())
    shape = json.loads(root.joinpath("tools", "fringe_competition.json").read_text())["shape"]
    base = np.array(shape["convention"]["mean"])
    plausible = [k for k in shape if k not in ("convention", "h=1")]
    drop = [1 - np.array(shape[k]["mean"]) / base for k in plausible]
    assert f"is {100 * np.min(drop):.0f}–{100 * np.max(drop):.0f} % (cell by cell) below" in page


def test_the_continuation_value_paragraph_quotes_its_result_file():
    """docs/model.md's 'A forward-looking incentive, rivals held' numbers are
    tools/fringe_stream.json's: every curve rises, the composition stays, and far laggards
    innovate less at every intensity above 0 than at 0."""
    import json
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    page = " ".join(root.joinpath("docs", "model.md").read_text().split())
    r = json.loads(root.joinpath("tools", "fringe_stream.json").read_text())
    curves = r["forward_looking"]
    assert set(curves) == {"h=0.25", "h=0.15", "h=0.05"}
    means = [m for c in curves.values() for m in c["mean"]]
    assert f"({min(means):.4f}–{max(means):.4f} innovations per firm and step)" in page
    assert all(c["shape"] == "rising" for c in curves.values())
    shares = [sh for c in curves.values() for sh in c["share"].values()]
    assert {f"{100 * sh['monopolist']:.1f}" for sh in shares} == {"17.8"}
    far = [100 * sh["far"] for sh in shares]
    assert f"17.8 % monopolists and {min(far):.1f}–{max(far):.1f} % far laggards" in page
    for h, c in curves.items():
        events = [c["innovations"][k]["far"] for k in c["innovations"]]
        assert max(events[1:]) < events[0], h  # the drop is from competition 0
        rest = ", ".join(str(e) for e in events[1:])
        assert f"{events[0]} → {rest}" in page, h
    lead = curves["h=0.25"]["innovations"]
    ends = (lead["0.0"]["far_leader"], lead["1.0"]["far_leader"])
    assert ends[0] > ends[1] and f"({ends[0]} → {ends[1]} innovations" in page
    near = curves["h=0.25"]["rate"]
    assert (
        f"({near['0.0']['near_leader']:.3f} → {near['1.0']['near_leader']:.3f} at `h` = 0.25)"
        in page
    )


def test_the_robustness_sentence_quotes_its_result_file():
    """docs/model.md: at h = 0.15, rising in five one-at-a-time variations, flat with
    quality_step 1.6, an inverted U nowhere (tools/fringe_competition.json, robustness)."""
    import json
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    page = " ".join(root.joinpath("docs", "model.md").read_text().split())
    rob = json.loads(root.joinpath("tools", "fringe_competition.json").read_text())["robustness"]
    assert rob["fringe_catch_up"] == 0.15
    shapes = {name: row["shape"] for name, row in rob["rows"].items()}
    assert shapes.pop("quality_step 1.6") == "flat"
    assert set(shapes.values()) == {"rising"} and len(shapes) == 5
    flat = rob["rows"]["quality_step 1.6"]
    ends = [f"{flat['mean'][i]:.4f} [{flat['low'][i]:.4f}, {flat['high'][i]:.4f}]" for i in (0, -1)]
    assert f"({ends[0]} at competition 0, {ends[1]} at 1): an inverted U nowhere" in page
