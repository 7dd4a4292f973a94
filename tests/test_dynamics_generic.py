"""Generic (common) technology as a bottleneck of applied innovation, and a bounded platform."""

import numpy as np
import pytest

import clusternet as cn
from clusternet.dynamics import innovation, platform

NO_FLOW = {"spillover_rates": {}, "imitation_rates": {}, "platform_knowledge": 0.0}


@pytest.fixture(scope="module")
def net():
    return cn.generate_cluster(400, seed=31)


def test_generic_readiness_formula_and_limits():
    k0 = np.array([0.0, 0.2, 0.5, 1.0, 3.0])
    np.testing.assert_allclose(innovation.generic_readiness(k0, 1.0, 1.5), np.clip(k0, 0, 1) ** 1.5)
    np.testing.assert_array_equal(innovation.generic_readiness(k0, 1.0, 0.0), np.ones(5))


def _knowledge(model, generic):
    k = model.state.knowledge.copy()
    k[model.firms, 0] = generic
    return k


def test_without_a_generic_gap_the_bottleneck_vanishes(net):
    """Mechanism limit: when every firm holds the generic frontier, the complement changes
    nothing — the same innovations, draw for draw, as with no complement at all."""
    base = cn.UpgradingModel(net, seed=2, **NO_FLOW)
    k = _knowledge(base, 1.0)
    runs = [
        cn.UpgradingModel(net, seed=2, knowledge0=k, generic_complement=g, **NO_FLOW)
        .run(8)
        .timeseries["innovations"]
        for g in (0.0, 1.0, 3.0)
    ]
    assert runs[0].sum() > 0
    for other in runs[1:]:
        np.testing.assert_array_equal(other.to_numpy(), runs[0].to_numpy())


def test_applied_innovation_is_limited_by_generic_knowledge(net):
    """Population check: firms at a tenth of the generic frontier innovate about a tenth as
    often as firms at the frontier, whatever their R&D (the hazard ratio's 95 % interval
    from the Poisson counts contains 0.1 and excludes 1)."""
    # without rivals every firm's market incentive is the same (a monopolist's), so the
    # two halves differ only by the generic complement (the market is tested elsewhere)
    edges = net.edge_table()
    net = cn.ClusterNetwork.from_edges(
        edges[edges["layer"] != "competition"],
        actors=net.actors.drop(columns=["tier"]),
        layers=[x for x in net.layers if x != "competition"],
        directed={k: v for k, v in net.directed.items() if k != "competition"},
    )
    model = cn.UpgradingModel(net, seed=3, **NO_FLOW)
    firms = np.flatnonzero(model.firms)
    behind = np.zeros(net.n_actors, dtype=bool)
    behind[firms[::2]] = True
    k = model.state.knowledge.copy()
    k[model.firms, 0] = np.where(behind[model.firms], 0.1, 1.0)
    counts = {True: 0, False: 0}
    exposure = {True: 0.0, False: 0.0}
    for seed in range(4):
        m = cn.UpgradingModel(
            net, seed=seed, knowledge0=k, innovation_rate=0.2, increment=0.0, **NO_FLOW
        )
        for _ in range(10):
            m.step()
            hit = m.state.last_innovation == m.state.step
            for group in (True, False):
                mask = m.firms & (behind == group)
                counts[group] += int(hit[mask].sum())
        for group in (True, False):
            exposure[group] += 10 * float((m.firms & (behind == group)).sum())
    rate_behind = counts[True] / exposure[True]
    rate_front = counts[False] / exposure[False]
    ratio = rate_behind / rate_front
    # log-ratio standard error of two Poisson counts
    se = np.sqrt(1 / counts[True] + 1 / counts[False])
    lo, hi = ratio * np.exp(-1.96 * se), ratio * np.exp(1.96 * se)
    assert hi < 1.0, (ratio, lo, hi)
    # the halves differ in absorptive capacity and R&D only by chance: the ratio is ~0.1
    a = model.state.absorptive
    expected = 0.1 * a[model.firms & behind].mean() / a[model.firms & ~behind].mean()
    assert lo * 0.7 < expected < hi * 1.3, (ratio, lo, hi, expected)


def test_platform_cannot_lift_members_beyond_the_generic_frontier(net):
    """Regression: platform knowledge grew without bound (mean 1.06, max 3.31 after 60
    steps against a frontier of 1)."""
    m = cn.UpgradingModel(
        net,
        seed=1,
        innovation_rate=0.0,
        spillover_rates={},
        imitation_rates={},
        platform_knowledge=1.0,
        platform_subsidy=0.9,
    )
    m.run(30)
    members = m.state.member >= 0
    assert members.any()
    assert m.state.knowledge[members, 0].max() <= m.generic_frontier() + 1e-12
    gain = platform.knowledge_gain(
        np.array([10.0]),
        np.array([0, 0]),
        np.array([1.0, 1.0]),
        1.0,
        generic=np.array([0.2, 1.5]),
        frontier=1.0,
    )
    np.testing.assert_allclose(gain, [0.8, 0.0])
