"""The opt-in tie choice of the network evolution (``tie_cost``), against independent references.

With ``tie_cost`` set, a firm searches with probability ``tie_formation`` and the
partner is found as under the default rule; the tie forms only if each side would
learn more than the cost per step with it than without it. The reference for that
value is the model's own spillover operator (``cn.spillover.step`` on the technology
layer, with and without the tie): a new tie dilutes the firm's other ties (row-normalised
weights) and carries the distance decay of the tacit part.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import clusternet as cn
from clusternet.dynamics.draws import actor_keys
from clusternet.dynamics.evolution import evolve, tie_gain
from clusternet.dynamics.parameters import resolve

RATE, TAU, SCALE = 0.15, 0.5, 2.0


def _with_tie(net, i, j):
    src, dst, lay, wt = net.edge_arrays
    tech = net.layers.index("technology")
    return cn.ClusterNetwork(
        net.actors,
        np.append(src, min(i, j)).astype(np.int32),
        np.append(dst, max(i, j)).astype(np.int32),
        np.append(lay, tech).astype(lay.dtype),
        np.append(wt, 1.0),
        list(net.layers),
        [net.directed[x] for x in net.layers],
    )


def _operator_gain(net, k, a, i, j):
    """v_i(j) by the model's spillover step on the technology layer, with minus without."""
    kw = {"tacitness": TAU, "layer_rates": {"technology": RATE}, "absorptive_capacity": a,
          "distance_scale": SCALE, "layers": ["technology"]}  # fmt: skip
    before = cn.spillover.step(net, k, **kw)[i] - k[i]
    after = cn.spillover.step(_with_tie(net, i, j), k, **kw)[i] - k[i]
    return float((after - before).mean())


def _ties(net):
    import scipy.sparse as sp

    return sp.csr_array(net.csr("technology", direction="in"))


def _distance(net):
    x, y = np.asarray(net.column("x"), float), np.asarray(net.column("y"), float)
    return lambda i, j: np.exp(-np.nan_to_num(np.hypot(x[i] - x[j], y[i] - y[j])) / SCALE)


def test_tie_gain_is_the_spillover_operators_change_with_the_tie():
    net = cn.generate_cluster(80, seed=6)
    n = net.n_actors
    rng = np.random.default_rng(2)
    k = rng.uniform(0, 1, (n, 3))
    a = rng.uniform(0.1, 1, n)
    firms = np.flatnonzero(net.tier_mask("core"))
    tied = _ties(net)
    pairs = [(i, j) for i, j in rng.choice(firms, (60, 2)) if i != j and tied[i, j] == 0][:25]
    me, other = np.array([p[0] for p in pairs]), np.array([p[1] for p in pairs])
    got = tie_gain(k, a, me, other, RATE, tied, TAU, _distance(net))
    want = [_operator_gain(net, k, a, i, j) for i, j in pairs]
    np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-15)
    assert (np.array(want) < 0).any() and (np.array(want) > 0).any()  # dilution bites


@settings(max_examples=60, deadline=None)
# a rate of 0 or at least 1e-250, so that no gain falls into the subnormal range: a rate
# of 2.2e-311 was drawn once, whose gains keep too few significant bits for the two orders
# of multiplication to agree to 1e-12
@given(
    st.integers(1, 4),
    st.one_of(st.just(0.0), st.floats(1e-250, 1.0)),
    st.integers(0, 2**31 - 1),
)
def test_tie_gain_without_ties_or_distance_is_the_gap_rule_of_one_tie(domains, rate, seed):
    rng = np.random.default_rng(seed)
    k = rng.uniform(0, 2, (6, domains))
    a = rng.uniform(0, 1, 6)
    me, other = rng.integers(0, 6, 10), rng.integers(0, 6, 10)
    got = tie_gain(k, a, me, other, rate)
    want = [
        rate * a[i] * sum(max(0.0, k[j, d] - k[i, d]) for d in range(domains)) / domains
        for i, j in zip(me, other, strict=True)
    ]
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=0)


def _new_ties(net, new):
    """The ties a round appended (the tests run without decay, so none was removed)."""
    added = new.n_edges - net.n_edges
    src, dst, _, _ = new.edge_arrays
    pairs = zip(src[-added:], dst[-added:], strict=True) if added else ()
    return [(int(s), int(d)) for s, d in pairs]


@pytest.mark.parametrize("closure", [0.0, 1.0])
@pytest.mark.parametrize("cost", [0.0, 0.001])
def test_the_choice_keeps_the_offered_pairs_both_sides_gain_from_once(closure, cost):
    """Reference: the default rule's offers at absorptive capacity 1 (the same searches
    and partners, the same keyed draws), each valued by the spillover operator for both
    sides; pairs already tied and repeated offers are refused."""
    net = cn.generate_cluster(120, seed=4)
    firms, n = net.tier_mask("core"), net.n_actors
    keys = actor_keys(net.ids)
    rng = np.random.default_rng(9)
    k = rng.uniform(0, 1, (n, 3))
    a = rng.uniform(0.1, 1, n)
    base = resolve({"tie_decay": 0.0, "tie_formation": 0.6, "closure": closure,
                    "candidates": 5, "tacitness": TAU, "distance_scale": SCALE,
                    "spillover_rates": {"technology": RATE}})  # fmt: skip
    free = evolve(net, firms, np.ones(n), k.mean(1), np.zeros(n, bool), base, 3, 20, keys)
    chosen = evolve(net, firms, a, k.mean(1), np.zeros(n, bool), {**base, "tie_cost": cost},
                    3, 20, keys, knowledge=k)  # fmt: skip
    offered = _new_ties(net, free)
    tied = _ties(net)
    want, seen = [], set()
    for i, j in offered:
        if (i, j) in seen or tied[i, j] != 0:
            continue
        seen.add((i, j))
        if _operator_gain(net, k, a, i, j) > cost and _operator_gain(net, k, a, j, i) > cost:
            want.append((i, j))
    assert len(offered) > 20
    assert sorted(_new_ties(net, chosen)) == sorted(want)
    assert 0 < len(want) < len(offered)


def test_a_leader_ahead_in_every_domain_refuses_a_laggard():
    """Two firms and their common friend, the first ahead of the second in every domain: at
    a round where the default rule ties the two, the choice at cost 0 does not; once the
    laggard leads in one domain, it does (neither has a technology tie to dilute). The
    spillover rate is the model's technology rate (a rate of 0 refuses every tie)."""
    edges = pd.DataFrame({"source": ["a", "b"], "target": ["c", "c"], "layer": ["social"] * 2})
    actors = pd.DataFrame({"id": ["a", "b", "c"], "role": ["producer"] * 3})
    net = cn.ClusterNetwork.from_edges(edges, actors, layers=["technology", "social"])
    firms, keys = net.tier_mask("core"), actor_keys(net.ids)
    params = resolve({"tie_decay": 0.0, "tie_formation": 1.0, "closure": 1.0, "candidates": 1})
    a = np.ones(3)
    lead = np.array([[0.9, 0.9], [0.1, 0.1], [0.5, 0.5]])

    def tech_ties(knowledge, extra, step):
        new = evolve(net, firms, a, knowledge.mean(1), np.zeros(3, bool), {**params, **extra},
                     1, step, keys, knowledge=knowledge)  # fmt: skip
        src, dst, lay, _ = new.edge_arrays
        tech = lay == new.layers.index("technology")
        return {(int(s), int(d)) for s, d in zip(src[tech], dst[tech], strict=True)}

    # a round in which the default rule's walk ties a and b (and no other pair)
    step = next(t for t in range(1, 200) if tech_ties(lead, {}, t) == {(0, 1)})
    assert tech_ties(lead, {"tie_cost": 0.0}, step) == set()
    swap = lead.copy()
    swap[1, 1] = 0.95  # b now leads a in domain 1
    assert tech_ties(swap, {"tie_cost": 0.0}, step) == {(0, 1)}
    zero = {"tie_cost": 0.0, "spillover_rates": {"technology": 0.0}}
    assert tech_ties(swap, zero, step) == set()
    # without coordinates each side gains 0.15 x the mean of the other's leads: a
    # 0.15 x 0.05 / 2 = 0.00375 (b's one lead), b 0.15 x 0.8 / 2 = 0.06
    assert tech_ties(swap, {"tie_cost": 0.0037}, step) == {(0, 1)}
    assert tech_ties(swap, {"tie_cost": 0.0038}, step) == set()


@pytest.mark.parametrize("formation", [0.0, 1e-9])
def test_a_round_without_offers_leaves_the_ties_as_they_are(formation):
    """No firm searches (or none finds a partner): the round only decays ties (here none),
    under the choice as under the default rule (an empty offer list once broke the check
    for pairs already tied)."""
    net = cn.generate_cluster(60, seed=3)
    n = net.n_actors
    params = resolve({"tie_decay": 0.0, "tie_formation": formation, "tie_cost": 0.0})
    new = evolve(net, net.tier_mask("core"), np.ones(n), np.ones(n), np.zeros(n, bool),
                 params, 1, 1, actor_keys(net.ids), knowledge=np.ones((n, 4)))  # fmt: skip
    assert new.n_edges == net.n_edges
    for got, want in zip(new.edge_arrays, net.edge_arrays, strict=True):
        np.testing.assert_array_equal(got, want)


def test_the_choice_needs_knowledge_and_a_cost_of_at_least_zero():
    net = cn.generate_cluster(30, seed=1)
    n = net.n_actors
    with pytest.raises(ValueError, match="needs the knowledge matrix"):
        evolve(net, net.tier_mask("core"), np.ones(n), np.ones(n), np.zeros(n, bool),
               resolve({"tie_cost": 0.0}), 1, 1, actor_keys(net.ids))  # fmt: skip
    with pytest.raises(ValueError, match="tie_cost"):
        cn.UpgradingModel(net, seed=1, tie_cost=-0.1)


def test_the_model_runs_the_choice_and_the_default_rule_is_unchanged():
    """``tie_cost`` None is the default rule, bit for bit; set, the model's network round
    applies the choice (no new tie at a cost no pair of firms can pay)."""
    net = cn.generate_cluster(150, seed=2)
    kw = {"network_every": 5, "tie_decay": 0.0}
    default = cn.UpgradingModel(net, seed=3, **kw).run(10).timeseries
    explicit = cn.UpgradingModel(net, seed=3, tie_cost=None, **kw).run(10).timeseries
    assert default.equals(explicit)
    dear = cn.UpgradingModel(net, seed=3, tie_cost=10.0, **kw).run(10).timeseries
    share = dear["knowledge_tie_share"]
    assert (share == share.iloc[0]).all()  # no decay, and no tie pays: nothing moves
    assert default["knowledge_tie_share"].iloc[-1] > share.iloc[0]


def test_the_choice_refuses_a_directed_technology_layer_and_reads_empty_rates_as_none():
    """Both sides learn through an undirected tie only, so a directed technology layer is
    refused under the choice; an empty spillover_rates dict means no spillover (as the
    model's operators read it), so no tie pays at cost 0."""
    edges = pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"], "layer": ["technology"] * 2})
    actors = pd.DataFrame({"id": ["a", "b", "c"], "role": ["producer"] * 3})
    net = cn.ClusterNetwork.from_edges(edges, actors, layers=["technology"], directed=True)
    n = net.n_actors
    with pytest.raises(ValueError, match="undirected technology layer"):
        evolve(net, net.tier_mask("core"), np.ones(n), np.ones(n), np.zeros(n, bool),
               resolve({"tie_cost": 0.0}), 1, 1, actor_keys(net.ids),
               knowledge=np.ones((n, 2)))  # fmt: skip
    big = cn.generate_cluster(80, seed=5)
    m = big.n_actors
    k = np.random.default_rng(1).uniform(0, 1, (m, 3))
    base = {"tie_decay": 0.0, "tie_formation": 1.0, "tie_cost": 0.0}
    with_rates = evolve(big, big.tier_mask("core"), np.ones(m), k.mean(1), np.zeros(m, bool),
                        resolve(base), 1, 1, actor_keys(big.ids), knowledge=k)  # fmt: skip
    none = evolve(big, big.tier_mask("core"), np.ones(m), k.mean(1), np.zeros(m, bool),
                  resolve({**base, "spillover_rates": {}}), 1, 1, actor_keys(big.ids),
                  knowledge=k)  # fmt: skip
    assert with_rates.n_edges > big.n_edges and none.n_edges == big.n_edges
