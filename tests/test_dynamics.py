"""The upgrading simulation: each mechanism against its formula or limit."""

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import clusternet as cn
from clusternet.dynamics import PARAMETERS, brand, congestion, innovation
from clusternet.dynamics.parameters import resolve

QUIET = {
    "innovation_rate": 0.0,
    "spillover_rates": {},
    "imitation_rates": {},
    "platform_knowledge": 0.0,
}


@pytest.fixture(scope="module")
def net():
    return cn.generate_cluster(1500, seed=11)


def test_nothing_moves_without_spillover_innovation_imitation(net):
    model = cn.UpgradingModel(net, seed=1, **QUIET)
    k0 = model.state["knowledge"].copy()
    model.run(5)
    np.testing.assert_array_equal(model.state["knowledge"], k0)


def test_innovation_frequency_matches_hazard():
    n = 200_000
    rng = np.random.default_rng(0)
    lam = rng.random(n) * 0.2
    k = np.zeros((n, 3))
    innovated, domain, radical = innovation.innovate(k, lam, 0.1, 0.25, 0.5, seed=3, step=1)
    expected = (-np.expm1(-lam)).sum()
    assert abs(innovated.sum() - expected) < 4 * np.sqrt(expected)
    assert abs(radical.sum() / innovated.sum() - 0.25) < 0.01
    counts = np.bincount(domain[innovated], minlength=3)
    assert counts[0] == 0  # domain 0 (generic) is not innovated in: applied domains only
    assert stats.chisquare(counts[1:]).pvalue > 1e-3
    assert np.all(k[innovated & ~radical].sum(axis=1) == pytest.approx(0.1))
    assert np.all(k[radical].max(axis=1) == pytest.approx(0.5))  # frontier 0 + radical step


def test_hazard_formula():
    a = np.array([0.5, 1.0, 0.2])
    rd = np.array([0.01, 0.03, 0.02])
    kbar = np.array([0.1, 0.2, 0.3])
    pressure = np.array([0.0, 0.5, 1.0])
    firms = np.array([True, True, False])
    lam = innovation.hazard(0.1, a, rd, 2.0, 0.5, kbar, 3.0, 4.0, pressure, firms)
    rd_mean = rd[:2].mean()
    expected = 0.1 * a * (1 + 2.0 * rd * 1.5 / rd_mean + 3.0 * kbar) * (1 + 4.0 * pressure)
    np.testing.assert_allclose(lam, [expected[0], expected[1], 0.0])


def test_squeeze_raises_innovation_monotonically(net):
    """The legacy switch still works. A ladder step of 100 puts every firm on the same rung,
    so the market gives every firm the neck-and-neck incentive and only the multiplier
    differs between the arms."""
    params = {
        "spillover_rates": {},
        "imitation_rates": {},
        "innovation_rate": 0.02,
        "memory": 3,
        "ladder_step": 100.0,
    }
    totals = {}
    for squeeze in (0.0, 2.0, 6.0):
        totals[squeeze] = [
            cn.simulate_upgrading(net, 15, seed=s, squeeze=squeeze, **params)
            .timeseries["innovations"]
            .sum()
            for s in range(6)
        ]
    means = [np.mean(v) for v in totals.values()]
    assert means[0] < means[1] < means[2]
    assert stats.mannwhitneyu(totals[0.0], totals[6.0], alternative="less").pvalue < 0.01


def test_quality_choice_is_a_logit_best_response():
    gain = brand.quality_gain(
        premium=0.3,
        theta=np.array([0.0, 0.6, 0.0]),
        unit_cost=np.array([0.1, 0.1, 0.05]),
        penalty=0.3,
        monitoring=0.5,
        member=np.array([False, False, True]),
    )
    np.testing.assert_allclose(gain, [-0.1, 0.3 * 0.6 - 0.1, -0.05 + 0.15])
    rng = np.random.default_rng(0)
    n = 200_000
    q = brand.revise_quality(np.zeros(n), np.full(n, 0.02), 1.0, 0.05, rng, np.ones(n, dtype=bool))
    expected = 1 / (1 + np.exp(-0.4))
    assert abs(q.mean() - expected) < 4 * np.sqrt(expected * (1 - expected) / n)
    np.testing.assert_allclose(brand.quality_unit_cost(0.1, 2.0, np.array([0.0, 0.5])), [0.1, 0.05])


def test_reputation_recurrence_exact(net):
    model = cn.UpgradingModel(net, seed=4, **QUIET, reputation_memory=0.7)
    r_prev = model.state["reputation"]
    for _ in range(5):
        y = model.state["output"][model.firms].copy()  # sales respond after the update
        model.step()
        q = model.state["quality"][model.firms]
        assert model.state["reputation"] == pytest.approx(
            0.7 * r_prev + 0.3 * (y * q).sum() / y.sum(), rel=1e-14
        )
        r_prev = model.state["reputation"]
    assert brand.reputation_update(
        0.5, 0.25, np.array([1.0, 0.0]), np.array([3.0, 1.0])
    ) == pytest.approx(0.25 * 0.5 + 0.75 * 0.75)


def test_monitoring_with_penalty_makes_quality_high():
    net = cn.generate_cluster(1000, seed=5, association_membership=1.0)
    res = cn.simulate_upgrading(
        net,
        80,
        seed=2,
        **QUIET,
        monitoring=1.0,
        penalty=0.3,
        quality_cost=0.1,
        premium=0.0,
        revision_rate=0.5,
        choice_noise=0.01,
    )
    assert res.timeseries["high_quality_share"].iloc[-1] > 0.95


def test_without_premium_or_governance_high_quality_dies_out(net):
    res = cn.simulate_upgrading(
        net,
        80,
        seed=3,
        **QUIET,
        premium=0.0,
        monitoring=0.0,
        quality_cost=0.1,
        revision_rate=0.5,
        choice_noise=0.01,
    )
    assert res.timeseries["high_quality_share"].iloc[0] > 0.3
    assert res.timeseries["high_quality_share"].iloc[-1] < 0.05


def test_margins_formula():
    m = brand.margins(
        np.array([1.0, 0.0]),
        0.6,
        premium=0.5,
        certification=0.4,
        quality_cost=0.2,
        congestion=0.05,
        caught=np.array([0.0, 1.0]),
        penalty=0.3,
    )
    np.testing.assert_allclose(m, [0.5 * (0.4 + 0.36) - 0.2 - 0.05, 0.5 * 0.36 - 0.05 - 0.3])


def test_congestion_lowers_margins_and_caps_growth(net):
    assert congestion.unit_cost(150.0, 100.0, 0.2) == pytest.approx(0.1)
    assert (
        congestion.unit_cost(50.0, 100.0, 0.2) == 0.0
        and congestion.unit_cost(50.0, None, 0.2) == 0.0
    )
    total = float(net.column("size")[net.tier_mask("core")].sum())
    free = cn.simulate_upgrading(net, 30, seed=1, **QUIET, growth=0.5, certification=1.0)
    capped = cn.simulate_upgrading(
        net,
        30,
        seed=1,
        **QUIET,
        growth=0.5,
        certification=1.0,
        capacity=total * 1.05,
        congestion_cost=1.0,
    )
    assert capped.timeseries["total_output"].iloc[-1] < free.timeseries["total_output"].iloc[-1]
    assert capped.timeseries["mean_margin"].iloc[-1] < free.timeseries["mean_margin"].iloc[-1]


def test_urban_costs_lower_every_margin_by_the_sourced_unit_cost():
    """With urban costs on, every firm's first-step margin is lower by exactly
    urban_unit_cost(Y) (the brand mechanism adds it to the capacity rule's cost); off (the
    default share 0) the run is the default run, series for series."""
    small = cn.generate_cluster(80, seed=5)
    base = cn.UpgradingModel(small, seed=3, **QUIET)
    urban = cn.UpgradingModel(small, seed=3, **QUIET, urban_cost_share=0.3,
                              urban_cost_scale=100.0)  # fmt: skip
    scaled = cn.UpgradingModel(small, seed=3, **QUIET, urban_cost_scale=100.0)
    total = float(base.state.output[base.firms].sum())
    cost = congestion.urban_unit_cost(total, 100.0, 0.3, 0.03, 0.0104)  # the sourced defaults
    assert cost > 0.01  # the cluster is well above the scale: a cost to see
    urban.step(), scaled.step()
    np.testing.assert_allclose(
        scaled.state.margin[base.firms] - urban.state.margin[base.firms], cost, rtol=1e-12
    )
    off = cn.simulate_upgrading(small, 5, seed=3, urban_cost_share=0.0).timeseries
    pd.testing.assert_frame_equal(off, cn.simulate_upgrading(small, 5, seed=3).timeseries)


def test_same_seed_same_result_any_thread_count(net, threads):
    with threads(1):
        a = cn.simulate_upgrading(net, 8, seed=7).timeseries
    with threads(2):
        b = cn.simulate_upgrading(net, 8, seed=7).timeseries
    pd.testing.assert_frame_equal(a, b)
    c = cn.simulate_upgrading(net, 8, seed=8).timeseries
    assert not a.equals(c)


def test_state_is_shared_with_outside_code(net):
    model = cn.UpgradingModel(net, seed=1, **QUIET, revision_rate=0.0)
    model.state["knowledge"][:, :] = 0.0
    model.state["quality"][:] = model.firms.astype(float)
    row = model.step()
    assert row["knowledge_mean"] == 0.0 and row["high_quality_share"] == 1.0


def test_result_table_and_outputs(net, tmp_path):
    res = cn.simulate_upgrading(net, 6, seed=1, measure_every=3, snapshot_every=3)
    ts = res.timeseries
    assert list(ts["step"]) == list(range(7))
    assert np.isfinite(ts.loc[ts["step"] == 3, "technology_readiness"]).all()
    assert ts.loc[ts["step"] == 2, "technology_readiness"].isna().all()
    assert set(res.snapshots) == {0, 3, 6}
    assert set(res.timings) == {*cn.dynamics.MECHANISMS, "bookkeeping"}
    assert cn.dynamics.MECHANISMS == (
        "training",
        "spillover",
        "innovation",
        "intermediaries",
        "imitation",
        "platform",
        "market",
        "brand",
        "demand",
        "congestion",
        "network",
        "turnover",
    )
    pytest.importorskip("pyarrow")
    res.to_parquet(tmp_path / "run.parquet")
    back = pd.read_parquet(tmp_path / "run.parquet")
    pd.testing.assert_frame_equal(back, ts)
    fig = res.plot()
    assert len(fig.axes) == 6


def test_result_plot_layout_is_seven_inches_by_one_point_eight_per_panel():
    """The documented layout: 7 inches wide, 1.8 inches per panel, the step axis shared;
    columns missing from the run are skipped."""
    import matplotlib.pyplot as plt

    ts = pd.DataFrame({"step": [0, 1, 2], "reputation": [0.5, 0.6, 0.7], "innovations": [0, 2, 1]})
    fig = cn.dynamics.SimulationResult(ts).plot(columns=("innovations", "absent", "reputation"))
    try:
        np.testing.assert_allclose(fig.get_size_inches(), [7.0, 3.6])
        assert [a.get_ylabel() for a in fig.axes] == ["innovations", "reputation"]
        assert fig.axes[0].get_shared_x_axes().joined(fig.axes[0], fig.axes[1])
    finally:
        plt.close(fig)


def test_structural_levers(net):
    base = cn.UpgradingModel(net, seed=1)
    more = cn.UpgradingModel(net, seed=1, new_university_ties=50)
    assert more.net.n_edges == base.net.n_edges + 50
    leader = cn.UpgradingModel(net, seed=1, attract_external_leader=True, leader_ties=20)
    assert (
        leader.net.n_actors == net.n_actors + 1 and leader.net.actors["tier"].iloc[-1] == "external"
    )
    assert leader.state["knowledge"][-1].min() == 1.5


def test_parameters_validated_and_documented():
    for name, spec in PARAMETERS.items():
        assert spec.meaning, name
    with pytest.raises(ValueError, match="unknown parameter"):
        resolve({"sqeeze": 1.0})
    with pytest.raises(ValueError, match="monitoring must lie"):
        resolve({"monitoring": 2.0})
    with pytest.raises(TypeError, match="memory must be an integer"):
        resolve({"memory": 1.5})
    with pytest.raises(ValueError, match="unknown scenario"):
        cn.UpgradingModel(cn.generate_cluster(100, seed=1), scenario="utopia")
    s = cn.Scenario("mine", {"monitoring": 0.5})
    assert s.merged(penalty=0.2) == {"monitoring": 0.5, "penalty": 0.2}


def test_network_evolution_decays_and_forms_technology_ties():
    from clusternet.dynamics import evolution
    from clusternet.dynamics.draws import actor_keys

    net = cn.generate_cluster(800, seed=3)
    firms = net.tier_mask("core")
    keys = actor_keys(net.ids)
    ones = np.ones(net.n_actors)
    tech = net.layers.index("technology")
    src, dst, lay, _ = net.edge_arrays
    firm_ties = int(np.sum((lay == tech) & firms[src] & firms[dst]))
    params = {"tie_decay": 1.0, "tie_formation": 0.0, "closure": 0.5, "candidates": 4}
    gone = evolution.evolve(
        net, firms, ones, ones, np.zeros(net.n_actors, bool), params, 0, 1, keys
    )
    s2, d2, l2, _ = gone.edge_arrays
    assert int(np.sum((l2 == tech) & firms[s2] & firms[d2])) == 0  # every firm-firm tie decayed
    assert gone.n_edges == net.n_edges - firm_ties  # nothing else touched
    params = {"tie_decay": 0.0, "tie_formation": 1.0, "closure": 0.0, "candidates": 4}
    grown = evolution.evolve(
        net, firms, ones, ones, np.zeros(net.n_actors, bool), params, 0, 1, keys
    )
    s3, d3, l3, _ = grown.edge_arrays
    new = grown.n_edges - net.n_edges
    assert 0.9 * firms.sum() <= new <= firms.sum()  # about one tie per firm (self-picks dropped)
    added = slice(net.n_edges, grown.n_edges)
    assert (l3[added] == tech).all() and (s3[added] <= d3[added]).all()
    assert firms[s3[added]].all() and firms[d3[added]].all()
    share = evolution.knowledge_tie_share(grown, firms)
    assert share > evolution.knowledge_tie_share(net, firms)


def test_turnover_removes_only_laggards_and_spinoffs_copy_successful_parents():
    from clusternet.dynamics import turnover

    rng = np.random.default_rng(0)
    n, dims = 50, 3
    k = rng.random((n, dims)) + 0.1
    firms = np.ones(n, dtype=bool)
    firms[-5:] = False  # institutions never exit nor parent
    mean_k = k.mean(axis=1)
    frontier = mean_k[firms].max()
    leaving = turnover.exits(mean_k, firms, 0.6, 1.0, rng)
    # with exit_rate 1 exactly the firms below 60 % of the best firm leave
    np.testing.assert_array_equal(leaving, firms & (mean_k < 0.6 * frontier))
    assert not turnover.exits(mean_k, firms, 0.6, 0.0, rng).any()
    from clusternet.dynamics.state import ModelState

    state = ModelState.empty(n, dims, 0)
    state.knowledge = k.copy()
    state.quality = (rng.random(n) < 0.5).astype(float)
    state.last_innovation = np.full(n, 3.0)
    state.contribute = np.ones(n, dtype=bool)
    before = state["knowledge"].copy()
    quality = state["quality"].copy()
    count = turnover.replace(state, leaving, firms, 0.6, 0.8, rng)
    assert count == leaving.sum() > 0
    successful = firms & ~leaving & (mean_k >= 0.6 * frontier)
    for slot in np.flatnonzero(leaving):
        # each entrant's knowledge is 0.8 x one successful parent's, with its quality
        ratio = state["knowledge"][slot] / before[successful]
        match = np.flatnonzero(np.all(np.isclose(ratio, 0.8), axis=1))
        assert match.size >= 1
        assert state["quality"][slot] in set(quality[successful][match])
        assert state["last_innovation"][slot] == -np.inf and not state["contribute"][slot]
    np.testing.assert_array_equal(state["knowledge"][~leaving], before[~leaving])


def test_turnover_is_off_by_default_and_seeded_when_on():
    import clusternet as cn

    net = cn.generate_cluster(200, seed=3)
    base = cn.UpgradingModel(net, seed=4).run(15).timeseries
    assert (base["entrants"] == 0).all()
    a = cn.UpgradingModel(net, seed=4, exit_rate=0.05).run(15).timeseries
    b = cn.UpgradingModel(net, seed=4, exit_rate=0.05).run(15).timeseries
    assert a["entrants"].sum() > 0
    pd.testing.assert_frame_equal(a, b)
    with pytest.raises(ValueError, match="exit_rate"):
        cn.UpgradingModel(net, seed=4, exit_rate=1.5)


# ---------------------------------------------------------------- regressions found in review
# (issue 15; moved here from tests/test_robustness.py to sit beside the module's own tests)


def test_spawned_seed_sequences_give_distinct_replicates():
    net = cn.generate_cluster(300, seed=4)
    a, b = np.random.SeedSequence(2024).spawn(2)
    ra = cn.UpgradingModel(net, seed=a).run(6).timeseries
    rb = cn.UpgradingModel(net, seed=b).run(6).timeseries
    assert not ra.equals(rb)
    # the platform, monitoring and imitation streams differ too, not only the initial state
    ma, mb = cn.UpgradingModel(net, seed=a), cn.UpgradingModel(net, seed=b)
    mb.state["knowledge"][:] = ma.state["knowledge"]
    mb.state["quality"][:] = ma.state["quality"]
    mb.state["contribute"][:] = ma.state["contribute"]
    rows_a = [ma.step() for _ in range(4)]
    rows_b = [mb.step() for _ in range(4)]
    assert rows_a != rows_b


def test_derived_sequences_keep_the_spawn_key_and_do_not_mutate():
    from clusternet._validate import derived_sequence

    a, b = np.random.SeedSequence(7).spawn(2)
    da, db = derived_sequence(a, 5, 1), derived_sequence(b, 5, 1)
    assert not np.array_equal(da.generate_state(4), db.generate_state(4))
    assert a.n_children_spawned == 0
    np.testing.assert_array_equal(derived_sequence(a, 5, 1).generate_state(4), da.generate_state(4))


def test_same_seed_sequence_object_reused_gives_same_result():
    net = cn.generate_cluster(300, seed=4)
    ss = np.random.SeedSequence(99)
    r1 = cn.UpgradingModel(net, seed=ss).run(5).timeseries
    r2 = cn.UpgradingModel(net, seed=ss).run(5).timeseries  # not consumed by the first model
    pd.testing.assert_frame_equal(r1, r2)
