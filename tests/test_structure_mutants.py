"""Tests that kill mutmut's survivors in clusternet/structure.py.

Three actors over three layers, small enough to count by hand (Battiston, Nicosia &
Latora 2014 for the multilayer measures); constraint and effective size against
networkx. Run the module's mutants with ``python tools/mutants.py structure``.
"""

import re

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import clusternet as cn
from clusternet import structure as S


def exact(message: str) -> str:
    """A ``match=`` pattern for exactly ``message``."""
    return "^" + re.escape(message) + "$"


@pytest.fixture(scope="module")
def net():
    # a: 0-1 (w 2), 1-2 (w 1), self-loop 2-2 (w 5); b: 0-1 (w 3); c: 1-2 (w 1), 0-2 (w 4)
    edges = pd.DataFrame(
        {
            "source": [0, 1, 2, 0, 1, 0],
            "target": [1, 2, 2, 1, 2, 2],
            "layer": ["a", "a", "a", "b", "c", "c"],
            "weight": [2.0, 1.0, 5.0, 3.0, 1.0, 4.0],
        }
    )
    return cn.ClusterNetwork.from_edges(
        edges, directed=False, layers=["a", "b", "c"], allow_self_loops=True
    )


def test_overlapping_degree_counts_and_strengths_without_self_loops(net):
    # contacts per layer: a [1, 2, 1], b [1, 1, 0], c [1, 1, 2]
    np.testing.assert_allclose(S.overlapping_degree(net), [3.0, 4.0, 3.0])
    # strengths: a [2, 3, 1], b [3, 3, 0], c [4, 1, 5]
    np.testing.assert_allclose(S.overlapping_degree(net, weighted=True), [9.0, 7.0, 6.0])
    np.testing.assert_allclose(S.overlapping_degree(net, layers=["b", "c"]), [2.0, 2.0, 2.0])


def test_participation_coefficient_by_hand(net):
    def p(k):
        k = np.asarray(k, float)
        return len(k) / (len(k) - 1) * (1 - ((k / k.sum()) ** 2).sum())

    np.testing.assert_allclose(
        S.participation_coefficient(net), [p([1, 1, 1]), p([2, 1, 1]), p([1, 0, 2])]
    )
    np.testing.assert_allclose(
        S.participation_coefficient(net, weighted=True), [p([2, 3, 4]), p([3, 3, 1]), p([1, 0, 5])]
    )
    np.testing.assert_allclose(
        S.participation_coefficient(net, layers=["a", "b"]), [p([1, 1]), p([2, 1]), p([1, 0])]
    )
    with pytest.raises(
        ValueError, match=exact("the participation coefficient needs at least two layers")
    ):
        S.participation_coefficient(net, layers=["a"])


def test_participation_of_an_untied_actor_is_nan_only_for_it():
    edges = pd.DataFrame({"source": [0, 0], "target": [1, 1], "layer": ["a", "b"]})
    net = cn.ClusterNetwork.from_edges(edges, actors=[0, 1, 2], directed=False)
    np.testing.assert_allclose(S.participation_coefficient(net), [1.0, 1.0, np.nan], equal_nan=True)


def test_edge_overlap_and_multiplexity_by_hand(net):
    table = S.edge_overlap(net)
    assert list(table.columns) == [
        "layer_a",
        "layer_b",
        "pairs_a",
        "pairs_b",
        "shared",
        "overlap",
        "jaccard",
    ]
    assert list(zip(table["layer_a"], table["layer_b"])) == [("a", "b"), ("a", "c"), ("b", "c")]
    # pairs: a {01, 12}, b {01}, c {12, 02}; self-loops are no pairs
    np.testing.assert_array_equal(table["pairs_a"], [2, 2, 1])
    np.testing.assert_array_equal(table["pairs_b"], [1, 2, 2])
    np.testing.assert_array_equal(table["shared"], [1, 1, 0])
    np.testing.assert_allclose(table["overlap"], [1.0, 0.5, 0.0])
    np.testing.assert_allclose(table["jaccard"], [0.5, 1 / 3, 0.0])
    # tied pairs 01 (a, b), 12 (a, c), 02 (c): two of three are multiplex
    assert S.multiplexity(net) == pytest.approx(2 / 3)
    assert S.multiplexity(net, layers=["a", "b"]) == pytest.approx(0.5)


def test_multilayer_measures_refuse_a_matrix_by_name(net):
    message = exact("multilayer measures need a ClusterNetwork, got net of type csr_array")
    for f in (S.overlapping_degree, S.participation_coefficient, S.edge_overlap, S.multiplexity):
        with pytest.raises(TypeError, match=message):
            f(net.csr())


def _nx_graph(net, layers=None, layer_weights=None, weighted=True):
    a = net.csr(layers, layer_weights=layer_weights, direction="both").toarray()
    np.fill_diagonal(a, 0.0)
    g = nx.Graph()
    g.add_nodes_from(range(net.n_actors))
    for i, j in zip(*np.nonzero(np.triu(a, 1))):
        g.add_edge(int(i), int(j), weight=float(a[i, j]) if weighted else 1.0)
    return g


def test_constraint_and_effective_size_pass_layers_and_weights(net):
    for kwargs in ({}, {"layers": ["a", "c"]}, {"layer_weights": {"a": 1.0, "b": 10.0, "c": 0.1}}):
        g = _nx_graph(net, kwargs.get("layers"), kwargs.get("layer_weights"))
        c = nx.constraint(g, weight="weight")
        np.testing.assert_allclose(S.constraint(net, **kwargs), [c[i] for i in range(3)])
        # nodes= selects networkx's per-node formula (Burt's, as the kernel)
        e = nx.effective_size(g, nodes=[0, 1, 2], weight="weight")
        np.testing.assert_allclose(S.effective_size(net, **kwargs), [e[i] for i in range(3)])
    g = _nx_graph(net, weighted=False)
    c = nx.constraint(g)
    np.testing.assert_allclose(S.constraint(net, weighted=False), [c[i] for i in range(3)])
    e = nx.effective_size(g, nodes=[0, 1, 2])
    np.testing.assert_allclose(S.effective_size(net, weighted=False), [e[i] for i in range(3)])


def _weighted_gnm(n: int, m: int, seed: int) -> nx.Graph:
    g = nx.gnm_random_graph(n, m, seed=seed)
    rng = np.random.default_rng(seed)
    for u, v in g.edges:
        g[u][v]["weight"] = float(rng.random() + 0.1)
    return g


def test_kernel_constraint_and_effective_size_ignore_self_loops():
    # issue 30 (sampled mutants of kernels/structural.py): a self-loop stored first in a row
    # must be skipped, not end the scan of the row; networkx on the loop-free graph is the
    # reference (Burt's measures have no self-ties)
    import scipy.sparse as sp

    g = _weighted_gnm(40, 120, seed=21)
    loop_free = sp.csr_array(nx.to_scipy_sparse_array(g, nodelist=range(40), weight="weight"))
    looped = (loop_free + sp.diags(np.linspace(0.5, 2.0, 40))).tocsr()
    want_c = nx.constraint(g, weight="weight")
    want_e = nx.effective_size(g, nodes=list(range(40)), weight="weight")
    np.testing.assert_allclose(
        S.constraint(looped), [want_c[i] for i in range(40)], atol=1e-12, equal_nan=True
    )
    np.testing.assert_allclose(
        S.effective_size(looped), [want_e[i] for i in range(40)], atol=1e-12, equal_nan=True
    )


def test_kernel_effective_size_and_constraint_of_isolated_actors_are_nan():
    # actors 5 and 6 have no ties: Burt's measures are undefined for them (networkx: nan)
    import scipy.sparse as sp

    g = _weighted_gnm(5, 7, seed=3)
    g.add_nodes_from([5, 6])
    a = sp.csr_array(nx.to_scipy_sparse_array(g, nodelist=range(7), weight="weight"))
    want_e = nx.effective_size(g, nodes=list(range(7)), weight="weight")
    want_c = nx.constraint(g, weight="weight")
    assert np.isnan(want_e[5]) and np.isnan(want_c[6])
    np.testing.assert_allclose(
        S.effective_size(a), [want_e[i] for i in range(7)], atol=1e-12, equal_nan=True
    )
    np.testing.assert_allclose(
        S.constraint(a), [want_c[i] for i in range(7)], atol=1e-12, equal_nan=True
    )


def test_kernel_effective_size_after_an_isolated_actor_goes_on_with_the_next():
    # issue 30 (held-out seed 2040): an isolated actor (no strength) gets NaN and its chunk
    # goes on to the next actor, not stops: isolated actors first and in the middle, one
    # chunk and two, against networkx
    import scipy.sparse as sp

    from clusternet.kernels.structural import effective_size as kernel_effective_size

    tied = [1, 2, 3, 5, 6, 7]  # actors 0 and 4 have no ties
    g = nx.relabel_nodes(_weighted_gnm(6, 9, seed=5), dict(enumerate(tied)))
    g.add_nodes_from([0, 4])
    order = list(range(8))
    a = sp.csr_array(nx.to_scipy_sparse_array(g, nodelist=order, weight="weight"))
    want = nx.effective_size(g, nodes=order, weight="weight")
    assert [v for v in order if g.degree(v) == 0] == [0, 4]
    for chunks in (1, 2):
        out = np.full(len(order), -7.0)
        kernel_effective_size(a.indptr.astype(np.int64), a.indices.astype(np.int32),
                              a.data, chunks, out)  # fmt: skip
        np.testing.assert_allclose(out, [want[v] for v in order], atol=1e-12, equal_nan=True)


def _ring_and_isolates(isolated: int = 50):
    """An undirected ring 0-1-2-3-0 ('social') and a directed tie 4 -> 5 ('transaction'),
    plus isolated actors; three firms of sizes 100, 250 (exactly the SME threshold), 400."""
    n = 6 + isolated
    actors = pd.DataFrame(
        {
            "id": range(n),
            "role": ["producer"] * 3 + ["government"] * (n - 3),
            "size": [100.0, 250.0, 400.0] + [np.nan] * (n - 3),
        }
    )
    edges = pd.DataFrame(
        {
            "source": [0, 1, 2, 3, 4],
            "target": [1, 2, 3, 0, 5],
            "layer": ["social"] * 4 + ["transaction"],
        }
    )
    return cn.ClusterNetwork.from_edges(
        edges,
        actors=actors,
        layers=["social", "transaction"],
        directed={"social": False, "transaction": True},
    )


def test_layer_profile_by_hand():
    net = _ring_and_isolates()
    n = net.n_actors
    table = S.layer_profile(net, modularity=False, seed=1)
    social, trans = table.loc["social"], table.loc["transaction"]
    assert social["density"] == pytest.approx(2 * 4 / (n * (n - 1)))  # 4 ties, unordered
    assert trans["density"] == pytest.approx(1 / (n * (n - 1)))  # 1 ordered pair
    assert (social["components"], social["actors_with_ties"]) == (1, 4)
    assert (trans["components"], trans["actors_with_ties"]) == (1, 2)
    assert trans["reciprocity"] == 0.0 and np.isnan(social["reciprocity"])


@pytest.mark.parametrize("seed", range(5))
def test_mean_distance_samples_only_actors_with_ties(seed):
    """C4's mean distance is (1 + 2 + 1) / 3 from every actor on it; two sampled sources
    among 50 isolated actors must still be ring actors (else there is nothing to measure)."""
    table = S.layer_profile(_ring_and_isolates(), distance_samples=2, modularity=False, seed=seed)
    assert table.loc["social", "mean_distance"] == pytest.approx(4 / 3)


def test_profile_sme_share_size_concentration_and_multiplexity_availability():
    net = _ring_and_isolates(isolated=2)
    p = S.profile(net)
    assert p["sme_share"] == pytest.approx(1 / 3)  # size < 250: only the firm of 100
    shares = np.array([100.0, 250.0, 400.0]) / 750.0
    assert p["size_hhi"] == pytest.approx(float(np.sum(shares**2)))
    assert "multiplexity" not in p.attrs["unavailable"]  # two layers
    single = net.subnetwork(layers="social")
    assert S.profile(single).attrs["unavailable"]["multiplexity"] == "a single layer"


def test_profile_stage_hhi_and_location_quotients_by_hand():
    """Stages 0, 2, 2 (a negative stage is dropped): HHI (1/3)^2 + (2/3)^2; sectors x, x, y
    against a reference 0.25 / 0.75 (normalised from 1 / 3): LQ 8/3 and 4/9."""
    net = _ring_and_isolates(isolated=2)
    core = net.tier_mask("core")
    stage = np.full(net.n_actors, np.nan)
    stage[np.flatnonzero(core)] = [0.0, 2.0, 2.0]
    sector = np.array(["x", "x", "y"] + [""] * (net.n_actors - 3), dtype=object)
    p = S.profile(net.with_actor_columns(stage=stage, sector=sector), reference={"x": 1, "y": 3})
    assert p["stage_hhi"] == pytest.approx(1 / 9 + 4 / 9)
    assert p["specialisation_hhi"] == pytest.approx(4 / 9 + 1 / 9)
    assert p["lq:x"] == pytest.approx((2 / 3) / 0.25)
    assert p["lq:y"] == pytest.approx((1 / 3) / 0.75)


# round 9: the re-sampled structure.py (179 sites)
def _two_triangles(weight_a: float = 1.0) -> cn.ClusterNetwork:
    """Triangles 0-1-2 (weight ``weight_a``, a self-loop of weight 1 on 0) and 3-4-5."""
    edges = pd.DataFrame(
        {
            "source": [0, 1, 2, 3, 4, 5, 0],
            "target": [1, 2, 0, 4, 5, 3, 0],
            "weight": [weight_a] * 3 + [1.0] * 3 + [1.0],
        }
    )
    return cn.ClusterNetwork.from_edges(edges, directed=False, allow_self_loops=True)


@pytest.mark.parametrize("weight_a", [1.0, 3.0])
def test_layer_profile_modularity_by_default_counts_loops_and_weights(weight_a):
    """Leiden's best split of two disjoint triangles is the two triangles; its Newman
    modularity with a self-loop and weights is networkx's (1 - 100/196 = 24/49 unweighted;
    with weight 3 on the first triangle, m = 13: (10/13 - (20/26)^2) + (3/13 - (6/26)^2)).
    The default computes it; the layer's stored weights are left as they were."""
    net = _two_triangles(weight_a)
    before = net.csr(net.layers[0], direction="both").toarray()
    g = nx.Graph()
    g.add_weighted_edges_from([(0, 1, weight_a), (1, 2, weight_a), (2, 0, weight_a)])
    g.add_weighted_edges_from([(3, 4, 1.0), (4, 5, 1.0), (5, 3, 1.0), (0, 0, 1.0)])
    want = nx.community.modularity(g, [{0, 1, 2}, {3, 4, 5}])
    closed = 24 / 49 if weight_a == 1.0 else 10 / 13 - (20 / 26) ** 2 + 3 / 13 - (6 / 26) ** 2
    assert want == pytest.approx(closed)
    table = S.layer_profile(net, seed=1)
    assert table["modularity"].iloc[0] == pytest.approx(want, abs=1e-12)
    np.testing.assert_array_equal(net.csr(net.layers[0], direction="both").toarray(), before)


def test_profile_chain_tightness_and_vertical_linkage_by_hand():
    """Three core firms; transaction ties 0 -> 1 and a government tie 4 -> 5: the largest
    transaction component holds 2 of 3 core firms, with 1 tie between core firms."""
    net = _ring_and_isolates(isolated=2)
    assert S.profile(net)["chain_tightness"] == pytest.approx(1 / 3)  # no core-core tie
    ties = net.with_edges(pd.DataFrame({"source": [0], "target": [1], "layer": ["transaction"]}))
    p = S.profile(ties)
    assert p["chain_tightness"] == pytest.approx(2 / 3)
    assert p["vertical_linkage"] == pytest.approx(1 / 3)


def test_profile_refuses_a_specialisation_column_that_is_not_there():
    net = _ring_and_isolates(isolated=2)
    with pytest.raises(ValueError, match="^specialisation_column 'sectr' is not an actor column"):
        S.profile(net, specialisation_column="sectr")
    # a column that is there is used
    sector = np.array(["x", "x", "y"] + [""] * (net.n_actors - 3), dtype=object)
    p = S.profile(net.with_actor_columns(branch=sector), specialisation_column="branch")
    assert p["specialisation_hhi"] == pytest.approx(4 / 9 + 1 / 9)


def _firms_and_an_outsider(ties: bool = True) -> cn.ClusterNetwork:
    """Producers 0, 1, 2 (core) and 3 (flagged external); social ties 0-1, 0-3, 2-3 and a
    transaction tie 1 -> 2: core ties counted from core rows (both directions) are
    0: {1, 3}, 1: {0, 2}, 2: {3, 1}, six in all, two of them to the outsider."""
    actors = pd.DataFrame(
        {"id": range(4), "role": ["producer"] * 4, "external": [False, False, False, True]}
    )
    edges = pd.DataFrame(
        {
            "source": [0, 0, 2, 1] if ties else [3],
            "target": [1, 3, 3, 2] if ties else [3],
            "layer": ["social", "social", "social", "transaction"] if ties else ["social"],
        }
    )
    return cn.ClusterNetwork.from_edges(
        edges,
        actors=actors,
        layers=["social", "transaction"],
        directed={"social": False, "transaction": True},
        allow_self_loops=not ties,
    )


def test_profile_openness_and_two_layer_multiplexity_by_hand():
    """Round 9, held-out sample (seed 2027) of structure.py: openness = 2 of 6 core ties
    reach the outsider; two layers are enough for multiplexity (no pair is tied in both:
    0); core firms without ties have no openness (no 0 / 0 computed), and the reason says
    so."""
    p = S.profile(_firms_and_an_outsider())
    assert p["openness"] == pytest.approx(2 / 6)
    assert "openness" not in p.attrs["unavailable"]
    assert p["multiplexity"] == 0.0 and "multiplexity" not in p.attrs["unavailable"]
    import warnings

    with warnings.catch_warnings():  # no 0 / 0 behind the NaN
        warnings.simplefilter("error", RuntimeWarning)
        alone = S.profile(_firms_and_an_outsider(ties=False))
    assert np.isnan(alone["openness"])
    assert alone.attrs["unavailable"]["openness"] == "core firms have no ties"


def test_scale_invariant_weights_divides_every_row_by_its_largest_tie():
    """Round 9, held-out sample (L74): when the total overflows, *every* row is divided by
    its largest tie to another actor, rows whose largest is below 1 too (checked row by row
    in plain Python); a self-tie is divided but not counted as the largest; a row of
    zeros is left as it is."""
    indptr = np.array([0, 2, 4, 6, 7])
    indices = np.array([1, 2, 0, 1, 0, 2, 1])  # rows 1 and 2 have a self-tie
    data = np.array([1.5e308, 7.5e307, 1e-300, 2e-300, 0.25, 0.5, 0.0])  # sum > float max
    got = S.scale_invariant_weights(indptr, indices, data)
    want = data.copy()
    for i in range(4):
        off = [k for k in range(indptr[i], indptr[i + 1]) if indices[k] != i]
        top = max(data[k] for k in off)
        if top > 0:
            for k in range(indptr[i], indptr[i + 1]):
                want[k] = data[k] / top
    np.testing.assert_array_equal(got, want)
    assert got.tolist() == [1.0, 0.5, 1.0, 2.0, 1.0, 2.0, 0.0]
    small = np.array([1.0, 0.5, 0.25, 0.25, 0.25, 0.5, 0.0])  # no overflow: as given
    assert S.scale_invariant_weights(indptr, indices, small) is small


@pytest.mark.parametrize("seed", range(4))
def test_mean_distance_with_every_actor_sampled_is_the_exact_mean(seed):
    """Round 9, held-out sample (L516): sources are drawn without replacement, so asking
    for at least as many as there are actors measures from every actor once: the path
    P5's mean distance over ordered pairs is (n + 1) / 3 = 2 (sources alone give 2.5,
    1.75, 1.5, 1.75, 2.5: a repeated source would move it)."""
    edges = pd.DataFrame({"source": [0, 1, 2, 3], "target": [1, 2, 3, 4]})
    net = cn.ClusterNetwork.from_edges(edges, directed=False)
    table = S.layer_profile(net, distance_samples=5, modularity=False, seed=seed)
    assert table["mean_distance"].iloc[0] == 2.0


@pytest.mark.parametrize("seed", range(4))
def test_mean_distance_draws_the_documented_64_sources_by_default(seed):
    """``distance_samples`` defaults to 64: on a star of a hub and 64 leaves (65 actors)
    the default leaves exactly one actor out, so the estimate is 127/64 (the hub left out:
    each leaf's distances sum to 1 + 2 * 63 over 64 others) or 8065/4096 (a leaf left out:
    64 + 63 * 127 over 64 * 64), never the exact mean 8192/4160 of all 65 sources."""
    edges = pd.DataFrame({"source": [0] * 64, "target": list(range(1, 65))})
    net = cn.ClusterNetwork.from_edges(edges, directed=False, n_actors=65)
    every = S.layer_profile(net, distance_samples=65, modularity=False, seed=seed)
    assert every["mean_distance"].iloc[0] == pytest.approx(8192 / 4160, rel=1e-15)
    got = S.layer_profile(net, modularity=False, seed=seed)["mean_distance"].iloc[0]
    assert any(got == pytest.approx(v, rel=1e-15) for v in (127 / 64, 8065 / 4096)), got


def test_layer_profile_of_a_layer_without_ties_has_no_components():
    """Round 9, held-out sample (L622): a declared layer without ties has 0 components and
    0 actors with ties (the other layer, one tie: 1 component of 2 actors)."""
    edges = pd.DataFrame({"source": [0], "target": [1], "layer": ["social"]})
    net = cn.ClusterNetwork.from_edges(
        edges, directed=False, layers=["social", "service"], actors=[0, 1, 2]
    )
    table = S.layer_profile(net, modularity=False, seed=1)
    assert table.loc["service", ["components", "actors_with_ties"]].tolist() == [0, 0]
    assert table.loc["social", ["components", "actors_with_ties"]].tolist() == [1, 2]


# round 10: the held-out sample (seed 2028)
def test_profile_location_quotient_is_nan_with_a_reason_where_the_reference_has_no_share():
    """Round 10, held-out sample (seed 2028), L745 (``sector in ref.index and ref[sector] >
    0``: ``or`` reads a missing sector, ``>=`` divides by a zero share): sectors x, y, z
    against the reference {x: 1, y: 0} (z absent) give LQ (1/3) / 1 for x and NaN for y and
    z, each NaN with its reason in ``attrs["unavailable"]``."""
    net = _ring_and_isolates(isolated=2)
    core = np.flatnonzero(net.tier_mask("core"))
    sector = np.array([""] * net.n_actors, dtype=object)
    sector[core] = ["x", "y", "z"]
    with np.errstate(all="raise"):
        p = S.profile(net.with_actor_columns(sector=sector), reference={"x": 1, "y": 0})
    assert p["lq:x"] == pytest.approx(1 / 3)
    assert np.isnan(p["lq:y"]) and np.isnan(p["lq:z"])
    unavailable = p.attrs["unavailable"]
    assert unavailable["lq:y"] == "sector 'y' has no share in the reference"
    assert unavailable["lq:z"] == "sector 'z' has no share in the reference"
    assert "lq:x" not in unavailable


def test_layer_profile_runs_two_leiden_passes_by_default():
    """Round 10, held-out sample (seed 2028), L530 (the default ``leiden_iterations=2 → 3``):
    on this 30-actor, 90-tie random graph Leiden's modularity after two passes (0.25506...)
    differs from three (0.25809...; both found with igraph's ``community_leiden`` seeded as
    ``layer_profile`` seeds it); the default is the documented 2."""
    rng = np.random.default_rng(5)
    ties: set[tuple[int, int]] = set()
    while len(ties) < 90:
        i, j = sorted(rng.choice(30, 2, replace=False).tolist())
        ties.add((i, j))
    src, dst = zip(*sorted(ties), strict=True)
    net = cn.ClusterNetwork.from_edges(
        {"source": list(src), "target": list(dst)}, directed=False, n_actors=30
    )
    q = {
        it: S.layer_profile(net, seed=1, leiden_iterations=it)["modularity"].iloc[0]
        for it in (2, 3)
    }
    assert q[2] != q[3]
    assert S.layer_profile(net, seed=1)["modularity"].iloc[0] == q[2]
    assert q[2] == pytest.approx(0.2550617283950617, abs=1e-12)
    assert q[3] == pytest.approx(0.2580864197530864, abs=1e-12)


def test_profile_stage_hhi_drops_missing_and_negative_stages():
    """Round 13 (seed 2030, L757: ``&`` -> ``|`` keeps a missing stage): firms with stages
    2, NaN (not recorded) and -1 (no stage) leave one firm at stage 2, an HHI of 1; all
    three missing or negative leave no stage share at all (NaN)."""
    net = _ring_and_isolates(isolated=2)
    core = np.flatnonzero(net.tier_mask("core"))
    stage = np.full(net.n_actors, np.nan)
    stage[core] = [2.0, np.nan, -1.0]
    assert S.profile(net.with_actor_columns(stage=stage))["stage_hhi"] == 1.0
    stage[core] = [np.nan, -1.0, np.nan]
    assert np.isnan(S.profile(net.with_actor_columns(stage=stage))["stage_hhi"])


def test_profile_top5_share_is_the_five_largest_firms_output_share():
    """Seven core firms of sizes 1..7 (and a university without a size): the top five hold
    (7 + 6 + 5 + 4 + 3) / 28 of the output, the concentration index is the sum of squared
    shares, and with the threshold 4 the SMEs are the firms of sizes 1-3 (held-out seed
    2032: the five smallest were summed)."""
    ids = [f"f{i}" for i in range(1, 8)] + ["uni"]
    actors = pd.DataFrame(
        {
            "id": ids,
            "role": ["producer"] * 7 + ["university"],
            "size": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, np.nan],
        }
    )
    edges = pd.DataFrame({"source": ids[:-1], "target": ids[1:], "layer": "transaction"})
    p = S.profile(cn.ClusterNetwork.from_edges(edges, actors), sme_threshold=4)
    shares = np.arange(1, 8) / 28
    assert p["top5_share"] == pytest.approx(25 / 28, rel=1e-15)
    assert p["size_hhi"] == pytest.approx(float(np.sum(shares**2)), rel=1e-15)
    assert p["sme_share"] == pytest.approx(3 / 7, rel=1e-15)


def test_profile_openness_of_light_core_ties_is_their_share():
    """Core firm 0's one tie, of weight 0.5, goes to the outsider 3: openness is 0.5 / 0.5
    = 1 (the share needs core ties of positive weight, not of weight above 1: held-out
    seed 2035)."""
    actors = pd.DataFrame(
        {"id": range(4), "role": ["producer"] * 4, "external": [False, False, False, True]}
    )
    edges = pd.DataFrame({"source": [0], "target": [3], "layer": ["social"], "weight": [0.5]})
    net = cn.ClusterNetwork.from_edges(
        edges, actors=actors, layers=["social"], directed={"social": False}
    )
    p = S.profile(net)
    assert p["openness"] == 1.0 and "openness" not in p.attrs["unavailable"]


def test_layer_profile_transitivity_of_a_paw_a_star_and_an_empty_layer():
    """Held-out sample of seed 2039 (L48): transitivity is 3 T / triples of the layer's
    pattern (weights and self-loops ignored). The paw, a triangle 0-1-2 with the pendant
    2-3 and a loop at 3: one triangle, degrees 2, 2, 3, 1 give 1 + 1 + 3 + 0 = 5 triples,
    so 3/5 (networkx agrees); the star 0-1, 0-2, 0-3: 3 triples, no triangle, 0; a layer
    without ties: NaN."""
    edges = pd.DataFrame(
        {
            "source": [0, 1, 0, 2, 3, 0, 0, 0],
            "target": [1, 2, 2, 3, 3, 1, 2, 3],
            "layer": ["paw"] * 5 + ["star"] * 3,
            "weight": [2.0, 0.5, 7.0, 1.0, 3.0, 1.0, 1.0, 1.0],
        }
    )
    net = cn.ClusterNetwork.from_edges(
        edges, directed=False, layers=["paw", "star", "none"], allow_self_loops=True
    )
    table = S.layer_profile(net, modularity=False, seed=1)
    paw = nx.Graph([(0, 1), (1, 2), (0, 2), (2, 3)])
    assert nx.transitivity(paw) == pytest.approx(0.6, rel=1e-15)
    assert table.loc["paw", "transitivity"] == pytest.approx(0.6, rel=1e-15)
    assert table.loc["star", "transitivity"] == 0.0
    assert np.isnan(table.loc["none", "transitivity"])


def test_constraint_with_ties_whose_layer_weight_underflows_is_that_without_them():
    """Round 27's referee of seed 2046 (kernels/structural.py L100): a tie of weight 1e-300
    in a layer weighted 1e-300 has weight 0.0 in the view; such ties reached the kernel as
    stored zeros, an actor whose ties all underflowed had no strength while its contacts
    still listed it, and the kernel's skip of strengthless contacts was all that kept the
    scores finite. Weighted views now drop them: the scores are those of the network
    without the weak layer, with no warning."""
    import warnings

    edges = pd.DataFrame(
        {
            "source": ["a", "b", "a", "c"],
            "target": ["b", "c", "c", "d"],
            "layer": ["weak", "weak", "strong", "strong"],
            "weight": [1e-300, 1e-300, 1.0, 2.0],
        }
    )
    net = cn.ClusterNetwork.from_edges(edges)
    strong = cn.ClusterNetwork.from_edges(
        edges[edges["layer"] == "strong"], actors=net.actors[["id"]], layers=["weak", "strong"]
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = cn.structure.constraint(net, layer_weights={"weak": 1e-300})
    want = cn.structure.constraint(strong)
    np.testing.assert_array_equal(got, want)  # NaN (b: no tie left) where want has NaN
    assert np.isnan(got[1]) and np.isfinite(got[[0, 2, 3]]).all()
