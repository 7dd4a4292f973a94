"""Tests that kill mutmut's survivors in clusternet/measures/capacity.py.

A four-actor cluster small enough to work out by hand: three core firms and a
university, social ties with coordinates (distance decay), one technology tie.
References: the formulas in ``innovation_capacity``'s docstring, networkx's
Burt constraint, numpy's quantiles. Run the module's mutants with
``python tools/mutants.py capacity``.
"""

import math
import re

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import clusternet as cn
from clusternet import measures as M
from clusternet.diffusion import knowledge_access


def exact(message: str) -> str:
    """A ``match=`` pattern for exactly ``message`` (a changed message fails)."""
    return "^" + re.escape(message) + "$"


def cluster(
    coords: bool = True,
    social: bool = True,
    size=(10.0, 20.0, 40.0, 5.0),
    rd=True,
    shift=(0.0, 0.0),
):
    actors = pd.DataFrame(
        {
            "id": ["f0", "f1", "f2", "uni"],
            "role": ["producer", "producer", "supplier", "university"],
            "size": list(size),
            "rd_intensity": [0.1, 0.3, 0.2, 0.9],
            "absorptive_capacity": [0.5, 0.25, 1.0, 0.8],
        }
    )
    if not rd:
        actors = actors.drop(columns="rd_intensity")
    if coords:
        actors["x"] = [0.0 + shift[0], 1.0 + shift[0], 0.0 + shift[0], 5.0 + shift[0]]
        actors["y"] = [0.0 + shift[1], 0.0 + shift[1], 3.0 + shift[1], 0.0 + shift[1]]
    src, dst, lay, w = ["uni"], ["f0"], ["technology"], [1.0]
    if social:
        src += ["f0", "f1"]
        dst += ["f1", "f2"]
        lay += ["social", "social"]
        w += [2.0, 1.0]
    return cn.ClusterNetwork.from_edges(
        {"source": src, "target": dst, "layer": lay, "weight": w},
        actors=actors,
        directed={"technology": False, "social": False},
    )


# function-scoped on purpose: mutmut credits a call made in a module-scoped fixture to
# the first test that used it only, so the other tests would never run against a mutant
@pytest.fixture
def net():
    return cluster()


@pytest.fixture
def cap(net):
    return M.innovation_capacity(net)


def test_rows_are_the_core_firms_by_id(cap):
    assert list(cap.index) == ["f0", "f1", "f2"] and cap.index.name == "id"
    assert list(cap.columns) == [
        "rd_intensity",
        "absorptive_capacity",
        "log_size",
        "knowledge_access",
        "tacit_access",
        "brokerage",
        "index",
    ]


def test_raw_components_by_hand(net, cap):
    np.testing.assert_allclose(cap["rd_intensity"], [0.1, 0.3, 0.2])
    np.testing.assert_allclose(cap["absorptive_capacity"], [0.5, 0.25, 1.0])
    np.testing.assert_allclose(cap["log_size"], np.log([11.0, 21.0, 41.0]))
    # social reach: sum_j w_ij exp(-d_ij / 2) with d(f0,f1) = 1, d(f1,f2) = sqrt(10)
    near, far = 2.0 * math.exp(-0.5), 1.0 * math.exp(-math.sqrt(10) / 2)
    np.testing.assert_allclose(cap["tacit_access"], [near, near + far, far])
    # n times the PageRank mass from the university over technology ties
    ka = knowledge_access(net, layers=["technology"]) * 4
    np.testing.assert_allclose(cap["knowledge_access"], ka[:3])
    assert cap["knowledge_access"].iloc[0] > cap["knowledge_access"].iloc[1]


def test_brokerage_is_one_minus_burt_constraint_over_all_layers(cap):
    g = nx.Graph()
    g.add_weighted_edges_from([("uni", "f0", 1.0), ("f0", "f1", 2.0), ("f1", "f2", 1.0)])
    c = nx.constraint(g, weight="weight")
    np.testing.assert_allclose(cap["brokerage"], [1 - c["f0"], 1 - c["f1"], 1 - c["f2"]])
    assert cap["brokerage"].iloc[2] == pytest.approx(0.0)  # one contact: constraint 1


def test_index_is_the_equal_weight_minmax_mean_of_the_components(cap):
    comps = cap.drop(columns="index")
    mm = (comps - comps.min()) / (comps.max() - comps.min())
    np.testing.assert_allclose(cap["index"], mm.mean(axis=1))


def test_weights_aggregation_and_normalization_pass_through(net):
    only = M.innovation_capacity(net, weights={"rd_intensity": 1.0})
    np.testing.assert_allclose(only["index"], [0.0, 1.0, 0.5])
    rank = M.innovation_capacity(net, weights={"absorptive_capacity": 1.0}, normalization="rank")
    np.testing.assert_allclose(rank["index"], [0.5, 0.0, 1.0])
    geo = M.innovation_capacity(
        net, weights={"rd_intensity": 1.0, "absorptive_capacity": 1.0}, aggregation="geometric"
    )
    # min-max: rd [0, 1, 0.5], absorptive [1/3, 0, 1] -> geometric mean
    np.testing.assert_allclose(geo["index"], [0.0, 0.0, math.sqrt(0.5)])


def test_all_actors_and_knowledge_stock(net):
    k = np.array([[1.0, 3.0], [0.0, 0.0], [2.0, 2.0], [4.0, 8.0]])
    out = M.innovation_capacity(net, knowledge=k, firms="all")
    assert list(out.index) == ["f0", "f1", "f2", "uni"]
    np.testing.assert_allclose(out["knowledge_stock"], [2.0, 0.0, 2.0, 6.0])
    assert "knowledge_stock" not in out.attrs["unavailable"]
    assert out.attrs["unavailable"] == {}


def test_distance_scale_changes_the_decay(net):
    out = M.innovation_capacity(net, distance_scale=1.0)
    np.testing.assert_allclose(out["tacit_access"].iloc[0], 2.0 * math.exp(-1.0))


def test_missing_inputs_are_listed_and_left_out():
    net = cluster(coords=False)
    out = M.innovation_capacity(net)
    # no coordinates: social strength without decay
    np.testing.assert_allclose(out["tacit_access"], [2.0, 3.0, 1.0])
    assert out.attrs["unavailable"]["tacit_access (distance decay)"] == (
        "no x/y coordinates: social strength without distance decay"
    )
    assert out.attrs["unavailable"]["knowledge_stock"] == "no knowledge matrix given"
    nosocial = M.innovation_capacity(cluster(social=False))
    assert "tacit_access" not in nosocial.columns
    assert nosocial.attrs["unavailable"]["tacit_access"] == "no 'social' layer"
    noaccess = M.innovation_capacity(cluster(), access_layers=("service",))
    assert "knowledge_access" not in noaccess.columns
    assert noaccess.attrs["unavailable"]["knowledge_access"] == "none of the layers ['service']"
    nosize = M.innovation_capacity(cluster(size=(10.0, np.nan, 40.0, 5.0)))
    assert "log_size" not in nosize.columns
    assert nosize.attrs["unavailable"]["log_size"] == "no complete 'size' column for the firms"
    assert np.isnan(nosize.attrs["summary"]["size_weighted_mean"])


def test_a_missing_value_outside_the_firms_does_not_drop_a_component():
    out = M.innovation_capacity(cluster(size=(10.0, 20.0, 40.0, np.nan)))
    assert "log_size" in out.columns


def test_missing_rd_column_is_reported():
    out = M.innovation_capacity(cluster(rd=False))
    assert "rd_intensity" not in out.columns
    assert (
        out.attrs["unavailable"]["rd_intensity"]
        == "no complete 'rd_intensity' column for the firms"
    )


def test_summary_is_attached_with_sizes(net, cap):
    s = cap.attrs["summary"]
    np.testing.assert_allclose(s["mean"], cap["index"].mean())
    np.testing.assert_allclose(
        s["size_weighted_mean"], np.average(cap["index"], weights=[10.0, 20.0, 40.0])
    )


def test_bad_arguments_are_named(net):
    with pytest.raises(TypeError, match=exact("innovation_capacity needs a ClusterNetwork")):
        M.innovation_capacity(net.csr())
    with pytest.raises(ValueError, match=exact("firms must be 'core' or 'all', got 'some'")):
        M.innovation_capacity(net, firms="some")
    with pytest.raises(
        ValueError, match=exact("knowledge has shape (4, 0), expected (4, D) with D >= 1")
    ):
        M.innovation_capacity(net, knowledge=np.zeros((4, 0)))
    with pytest.raises(
        ValueError, match=exact("knowledge has shape (3, 2), expected (4, D) with D >= 1")
    ):
        M.innovation_capacity(net, knowledge=np.zeros((3, 2)))
    with pytest.raises(ValueError, match=r"knowledge has shape \(4,\)"):
        M.innovation_capacity(net, knowledge=np.zeros(4))
    with pytest.raises(ValueError, match="knowledge"):
        M.innovation_capacity(net, knowledge=-np.ones((4, 1)))
    with pytest.raises(
        ValueError,
        match=exact(
            "weights name components ['knowledge_stock'] that are unavailable here: "
            "{'knowledge_stock': 'no knowledge matrix given'}"
        ),
    ):
        M.innovation_capacity(net, weights={"knowledge_stock": 1.0})
    uni = cn.ClusterNetwork.from_edges(
        None, actors=pd.DataFrame({"id": [1], "role": ["university"]})
    )
    with pytest.raises(ValueError, match=exact("the network has no core firms")):
        M.innovation_capacity(uni)


# ---------------------------------------------------------------------- cluster_summary
def test_cluster_summary_by_hand_and_floor():
    cap = pd.DataFrame({"index": [0.1, np.nan, 0.3, 0.8]})
    s = M.cluster_summary(cap, sizes=np.array([1.0, 100.0, 1.0, 2.0]), floor=0.3)
    v = np.array([0.1, 0.3, 0.8])
    assert s.name == "innovation_capacity" and s["firms"] == 3
    np.testing.assert_allclose(s["mean"], 0.4)
    np.testing.assert_allclose(s["size_weighted_mean"], (0.1 + 0.3 + 1.6) / 4)
    np.testing.assert_allclose(s["sd"], v.std())
    np.testing.assert_allclose(s["cv"], v.std() / 0.4)
    np.testing.assert_allclose(s["p10"], np.quantile(v, 0.1))
    np.testing.assert_allclose(s["p90"], np.quantile(v, 0.9))
    np.testing.assert_allclose(s["share_below_floor"], 1 / 3)  # 0.3 is not below 0.3
    default = M.cluster_summary(cap)
    np.testing.assert_allclose(default["share_below_floor"], 1 / 3)  # floor 0.25
    assert np.isnan(default["size_weighted_mean"])


def test_cluster_summary_zero_sizes_and_zero_mean():
    s = M.cluster_summary(pd.DataFrame({"index": [0.0, 0.0]}), sizes=[0.0, 0.0])
    assert np.isnan(s["size_weighted_mean"]) and np.isnan(s["cv"])
    assert s["mean"] == 0.0 and s["sd"] == 0.0 and s["share_below_floor"] == 1.0


def test_cluster_summary_names_bad_sizes():
    cap = pd.DataFrame({"index": [0.1, 0.2]})
    with pytest.raises(
        ValueError, match=exact("sizes has shape (3,), expected one value per row of capacity (2)")
    ):
        M.cluster_summary(cap, sizes=[1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match=exact("sizes must be finite and non-negative")):
        M.cluster_summary(cap, sizes=[1.0, -2.0])
    with pytest.raises(ValueError, match=exact("sizes must be finite and non-negative")):
        M.cluster_summary(cap, sizes=[1.0, np.inf])


def test_cluster_summary_reads_nullable_integers():
    cap = pd.DataFrame({"index": pd.Series([0, None, 1], dtype="Int64")})
    s = M.cluster_summary(cap, sizes=pd.Series([1, 2, 3], dtype="Int64"))
    assert s["firms"] == 2
    np.testing.assert_allclose(s["size_weighted_mean"], 3 / 4)
    with pytest.raises(ValueError, match=exact("sizes must be finite and non-negative")):
        M.cluster_summary(cap, sizes=pd.Series([1, None, 3], dtype="Int64"))


def test_cluster_summary_of_no_firms_is_nan_without_warnings():
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no "mean of empty slice"
        s = M.cluster_summary(pd.DataFrame({"index": [np.nan]}), sizes=[3.0])
    assert s["firms"] == 0
    assert s.drop("firms").isna().all()


def test_cluster_summary_sizes_may_be_shares_and_zero_mean_is_quiet():
    import warnings

    cap = pd.DataFrame({"index": [0.2, 0.6]})
    s = M.cluster_summary(cap, sizes=[0.25, 0.5])  # sizes summing to less than 1
    np.testing.assert_allclose(s["size_weighted_mean"], (0.05 + 0.3) / 0.75)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # cv of a zero mean is NaN, not 0/0
        z = M.cluster_summary(pd.DataFrame({"index": [0.0, 0.0]}))
    assert np.isnan(z["cv"])


def test_tacit_access_by_hand_away_from_the_origin():
    # issue 30 (a sampled mutant adding the y coordinates survived): with every actor at
    # y = 0 or on the axes, |y_i - y_j| and y_i + y_j agree; shifted by (2, 5) the
    # distances, and the by-hand values, stay the same
    out = M.innovation_capacity(cluster(shift=(2.0, 5.0)))
    near, far = 2.0 * math.exp(-0.5), 1.0 * math.exp(-math.sqrt(10) / 2)
    np.testing.assert_allclose(out["tacit_access"], [near, near + far, far], rtol=1e-12)


def test_tacit_access_counts_a_tie_to_an_unlocated_actor_at_distance_zero():
    # issue 30 (a sampled mutant survived): an actor without coordinates is treated as
    # co-located with its contacts, so its ties count at full weight exp(0) = 1
    net = cluster()
    actors = net.actors.copy()
    actors.loc[actors["id"] == "f2", ["x", "y"]] = np.nan
    edges = {"source": ["uni", "f0", "f1"], "target": ["f0", "f1", "f2"]}
    edges |= {"layer": ["technology", "social", "social"], "weight": [1.0, 2.0, 1.0]}
    unlocated = cn.ClusterNetwork.from_edges(
        edges, actors=actors, directed={"technology": False, "social": False}
    )
    out = M.innovation_capacity(unlocated)
    near = 2.0 * math.exp(-0.5)
    np.testing.assert_allclose(out["tacit_access"], [near, near + 1.0, 1.0], rtol=1e-12)
