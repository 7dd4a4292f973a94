"""The spillover wrapper (:mod:`clusternet.spillover`): summaries and validation by hand.

The Gini coefficient against the mean-absolute-difference definition, the
summary table against numpy's moments per column, the recording steps, and the
error for every bad argument with the entry it names. The fast selection of
``tools/mutants.py spillover``.
"""

from __future__ import annotations

import igraph as ig
import numpy as np
import pandas as pd
import pytest

import clusternet as cn
from clusternet import spillover as S


def _gini_by_definition(x):
    """Mean absolute difference over twice the mean: sum |x_i - x_j| / (2 n^2 mean)."""
    x = np.asarray(x, dtype=float)
    n = x.size
    if n == 0 or x.sum() <= 0:
        return 0.0
    return float(np.abs(x[:, None] - x[None, :]).sum() / (2 * n * n * x.mean()))


@pytest.mark.parametrize(
    "x",
    [
        [3.0, 1.0, 2.0, 0.0, 7.0],
        [5.0],
        [0.0, 0.0],
        [],
        [2.0, 2.0, 9.0],
        np.random.default_rng(3).random(11).tolist(),
    ],
)
def test_gini_matches_the_mean_absolute_difference(x):
    assert S.gini(np.array(x)) == pytest.approx(_gini_by_definition(x), abs=1e-14)


def test_summary_columns_by_numpy_moments():
    # a column above 1, one below 1 (scaled by a largest value under 1) and one of zeros
    k = np.array([[1.0, 0.5, 0.0], [3.0, 0.25, 0.0], [2.0, 0.0, 0.0], [6.0, 0.1, 0.0]])
    table = S.summarize(k, step_index=7).set_index("domain")
    assert (table["step"] == 7).all()
    assert list(table.index) == ["0", "1", "2", "all"]
    cols = (("0", k[:, 0]), ("1", k[:, 1]), ("2", k[:, 2]), ("all", k.mean(axis=1)))
    for name, col in cols:
        row = table.loc[name]
        assert row["mean"] == pytest.approx(col.mean(), rel=1e-14)
        assert row["variance"] == pytest.approx(col.var(), rel=1e-14, abs=1e-300)
        want_cv = col.std() / col.mean() if col.mean() > 0 else 0.0
        assert row["cv"] == pytest.approx(want_cv, rel=1e-14)
        assert row["gini"] == pytest.approx(_gini_by_definition(col), abs=1e-14)
    # no actors: means of nothing are NaN, nothing else breaks
    empty = S.summarize(np.zeros((0, 2)))
    assert list(empty["domain"]) == ["0", "1", "all"]
    small = S.summarize(np.array([[0.5], [0.25]])).set_index("domain")
    assert small.loc["0", "mean"] == pytest.approx(0.375, rel=1e-15)


def _ring():
    return cn.ClusterNetwork.from_igraph(ig.Graph.Ring(4))


def test_gap_run_records_every_r_steps_and_the_last():
    k0 = np.array([[1.0], [0.0], [0.0], [0.0]])
    res = S.run(_ring(), k0, 7, tacitness=0.0, layer_rates={"default": 0.5}, record_every=3)
    assert sorted(set(res.summary["step"])) == [0, 3, 6, 7]
    # the gap rule only moves knowledge up towards better contacts: never above the best
    assert res.final.max() <= 1.0 and res.final.min() >= 0.0
    assert (res.final[1:] > 0).all()
    zero = S.run(_ring(), k0, 0, tacitness=0.0, layer_rates={"default": 0.5})
    np.testing.assert_array_equal(zero.final, k0)
    assert list(zero.summary["step"].unique()) == [0]


def _net2():
    edges = pd.DataFrame({"source": [0, 1], "target": [1, 2], "layer": ["social", "technology"]})
    return cn.ClusterNetwork.from_edges(edges)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"tacitness": [0.2, 0.3, 0.4]}, r"tacitness has 3 values for 2 domains"),
        ({"tacitness": [0.2, np.nan]}, r"domain 1 has nan"),
        ({"tacitness": [0.2, -0.1]}, r"domain 1 has -0.1"),
        ({"layer_rates": {"technology": [0.1, 1.5]}}, r"'technology' \(domain 1\) must lie"),
        ({"layer_rates": {"social": [0.1, -0.2]}}, r"'social' \(domain 1\) must lie"),
        ({"layer_rates": {"social": [0.5, 0.6], "technology": [0.5, 0.4 + 1e-9]}}, r"domain 1"),
        (
            {"layer_rates": np.array([0.1, 0.2, 0.3])},
            r"layer_rates has shape \(3, 2\), expected \(2,\)",
        ),
        ({"absorptive_capacity": np.ones(4)}, r"absorptive_capacity has shape \(4,\)"),
        ({"absorptive_capacity": np.array([0.5, 0.5, -0.1])}, r"actor 2 must lie"),
        ({"knowledge": np.ones((2, 2))}, r"knowledge has shape \(2, 2\), expected \(3, 2\)"),
        ({"knowledge": np.array([[1.0, 1.0], [1.0, np.inf], [0, 0]])}, r"actor 1, domain 1"),
        ({"distance_scale": 0.0}, r"distance_scale"),
    ],
)
def test_bad_input_names_the_entry(kwargs, match):
    args = {"knowledge": np.ones((3, 2)), "tacitness": 0.5, "layer_rates": {"social": 0.5}}
    args.update(kwargs)
    with pytest.raises(ValueError, match=match):
        S.step(_net2(), **args)


def test_rates_summing_to_exactly_one_and_array_rates_are_accepted():
    k = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]])
    both = S.step(_net2(), k, 0.0, {"social": 0.5, "technology": 0.5})
    same = S.step(_net2(), k, 0.0, np.array([0.5, 0.5]))
    per_domain = S.step(_net2(), k, 0.0, np.array([[0.5, 0.5], [0.5, 0.5]]))
    np.testing.assert_array_equal(both, same)
    np.testing.assert_array_equal(both, per_domain)
    assert np.isfinite(both).all()


def test_run_arguments_are_named():
    k = np.ones((4, 1))
    net = _ring()
    with pytest.raises(ValueError, match="steps"):
        S.run(net, k, -1, tacitness=0.0, layer_rates={"default": 0.5})
    with pytest.raises(ValueError, match="record_every"):
        S.run(net, k, 2, tacitness=0.0, layer_rates={"default": 0.5}, record_every=0)
    with pytest.raises(ValueError, match="rule must be 'gap' or 'barter'"):
        S.run(net, k, 2, tacitness=0.0, layer_rates={"default": 0.5}, rule="swap")
    with pytest.raises(ValueError, match="alpha"):
        S.run(net, k, 2, tacitness=0.0, layer_rates={"default": 0.5}, rule="barter", alpha=1.5)
    with pytest.raises(TypeError, match="ClusterNetwork"):
        S.SpilloverModel(ig.Graph.Ring(4), 0.5, {"default": 0.5})


def test_absorptive_capacity_column_with_missing_values_counts_as_one():
    net = _ring().with_actor_columns(absorptive_capacity=[np.nan, 0.5, 1.0, 0.0])
    model = S.SpilloverModel(net, 0.0, {"default": 0.5})
    np.testing.assert_array_equal(model.absorptive, [1.0, 0.5, 1.0, 0.0])
    np.testing.assert_array_equal(S.SpilloverModel(_ring(), 0.0, {"default": 0.5}).absorptive, 1.0)


def test_gap_step_decays_tacit_knowledge_over_two_kilometres_by_default():
    """Two firms 3 km apart on a social (face-to-face) tie: with the default
    ``distance_scale`` of 2 km the laggard closes ``a r g`` of the gap, g = (1 - tau) +
    tau exp(-3 / 2) (held-out seed 2035: a default of 3 km survived)."""
    actors = pd.DataFrame({"id": [0, 1], "x": [0.0, 3.0], "y": [0.0, 0.0]})
    edges = pd.DataFrame({"source": [0], "target": [1], "layer": ["social"], "weight": [1.0]})
    net = cn.ClusterNetwork.from_edges(
        edges, actors=actors, layers=["social"], directed={"social": False}
    )
    knowledge = np.array([[0.0], [1.0]])
    out = S.step(net, knowledge, 0.6, {"social": 0.5}, absorptive_capacity=np.array([0.8, 0.8]))
    g = 0.4 + 0.6 * np.exp(-3.0 / 2.0)
    np.testing.assert_allclose(out, [[0.8 * 0.5 * g], [1.0]], rtol=1e-14)


def test_an_operator_without_entries_has_one_empty_row_per_actor():
    """Every layer empty: n + 1 zero row pointers, no entries, and a step changes nothing
    (the branch that builds the row pointers without any layer's)."""
    edges = pd.DataFrame({"source": ["a"], "target": ["b"], "layer": ["social"]})
    actors = pd.DataFrame({"id": ["a", "b", "c"]})
    net = cn.ClusterNetwork.from_edges(edges, actors, layers=["social", "transaction"])
    net = net.subnetwork(layers=["transaction"])  # actors kept, no edge left
    assert net.n_actors == 3 and net.n_edges == 0
    m = S.SpilloverModel(net, 0.5, {"transaction": 0.4})
    assert m.indptr.tolist() == [0, 0, 0, 0] and m.indices.shape == (0,)
    k = np.array([[0.1], [0.7], [0.4]])
    assert np.array_equal(m.step(k), k)
