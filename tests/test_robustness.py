"""Regression tests for defects found in review: odd input, seeding, edge order, memory bounds.

Each test failed before its fix (the issue number and item are in the docstring).
"""

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

import clusternet as cn
from clusternet import centrality as C
from clusternet import diffusion as D
from clusternet import spillover as S
from clusternet.measures.readiness import _actor_keys


# ---------------------------------------------------------------- 1. tiny and extreme probabilities
def star(n: int = 50) -> sp.csr_array:
    return sp.csr_array((np.ones(n - 1), (np.zeros(n - 1, int), np.arange(1, n))), shape=(n, n))


@pytest.mark.parametrize("p", [0.0, 1e-300, 1e-20, 1e-17, 1e-12])
def test_cascade_with_vanishing_probability_reaches_no_leaf(p):
    """Issue 15.1: p below ~4e-18 overflowed the geometric skip and read out of bounds.

    Exact answer: a leaf is reached with probability p, so in 2,000 runs over
    49 leaves (expected hits 1e-7 at p = 1e-12) none is reached.
    """
    res = D.independent_cascade(star(), [0], p, n_sims=2000, seed=1)
    assert res.probability[0] == 1.0
    assert res.probability[1:].max() == 0.0
    assert (res.sizes == 1).all()


@pytest.mark.parametrize("p", [1 - 1e-16, 1.0])
def test_cascade_with_certain_probability_reaches_every_leaf(p):
    # P(some miss) <= 2000 * 49 * 1e-16 = 1e-11
    res = D.independent_cascade(star(), [0], p, n_sims=2000, seed=1)
    np.testing.assert_array_equal(res.probability, np.ones(50))


def test_cascade_mixed_row_with_tiny_top_probability():
    """Thinning under a row maximum of 1e-20: the skip must still stay inside the row."""
    n = 50
    p = np.full(n - 1, 1e-25)
    p[7] = 1e-20
    res = D.independent_cascade(star(n), [0], p, n_sims=3000, seed=3)
    assert res.probability[1:].max() == 0.0


def test_cascade_moderate_probability_matches_exact_leaf_probability():
    p = 0.3
    res = D.independent_cascade(star(), [0], p, n_sims=20000, seed=2)
    # 49 leaves x 20,000 runs: the mean has sd sqrt(p(1-p)/980000) = 4.6e-4
    assert abs(res.probability[1:].mean() - p) < 5 * 4.6e-4


# ---------------------------------------------------------------- 2. per-edge values follow the caller's order
def _reach_of_one(graph, prob, seeds=(2,)):
    return D.independent_cascade(graph, list(seeds), prob, n_sims=400, seed=1).probability


def test_per_edge_probability_follows_igraph_edge_ids():
    """Issue 15.2: igraph edges [(2,0) p=1, (0,1) p=0] from node 2: node 1 is never reached."""
    g = ig.Graph(n=3, edges=[(2, 0), (0, 1)], directed=True)
    np.testing.assert_array_equal(_reach_of_one(g, np.array([1.0, 0.0])), [1.0, 0.0, 1.0])
    np.testing.assert_array_equal(_reach_of_one(g, np.array([0.0, 1.0])), [0.0, 0.0, 1.0])


def test_per_edge_probability_follows_undirected_igraph_edge_ids():
    g = ig.Graph(n=3, edges=[(2, 0), (1, 0)], directed=False)  # 2-0 certain, 0-1 never
    np.testing.assert_array_equal(_reach_of_one(g, np.array([1.0, 0.0])), [1.0, 0.0, 1.0])
    np.testing.assert_array_equal(_reach_of_one(g, np.array([1.0, 1.0])), [1.0, 1.0, 1.0])


def test_per_edge_probability_follows_networkx_edge_order():
    G = nx.DiGraph()
    G.add_nodes_from([0, 1, 2])
    G.add_edge(2, 0)
    G.add_edge(0, 1)
    order = list(G.edges)  # networkx reports (0, 1) before (2, 0)
    p = np.array([1.0 if e == (2, 0) else 0.0 for e in order])
    np.testing.assert_array_equal(_reach_of_one(G, p), [1.0, 0.0, 1.0])


def test_per_edge_probability_follows_scipy_stored_order():
    a = sp.coo_array((np.ones(2), (np.array([2, 0]), np.array([0, 1]))), shape=(3, 3))
    np.testing.assert_array_equal(_reach_of_one(a, np.array([1.0, 0.0])), [1.0, 0.0, 1.0])
    csr = sp.csr_array(a)  # stored row by row: (0, 1) first
    np.testing.assert_array_equal(_reach_of_one(csr, np.array([0.0, 1.0])), [1.0, 0.0, 1.0])


def test_per_edge_probability_follows_network_edge_rows():
    edges = pd.DataFrame({"source": [2, 0], "target": [0, 1], "layer": ["transaction"] * 2})
    net = cn.ClusterNetwork.from_edges(edges)
    reach = D.independent_cascade(net, [2], np.array([1.0, 0.0]), n_sims=400, seed=1)
    np.testing.assert_array_equal(reach.probability[net.index_of([0, 1, 2])], [1.0, 0.0, 1.0])


def test_per_edge_probability_wrong_length_names_the_order():
    g = ig.Graph(n=3, edges=[(2, 0), (0, 1)], directed=True)
    with pytest.raises(ValueError, match="edge order"):
        D.independent_cascade(g, [2], np.array([1.0, 0.0, 0.5]), n_sims=10, seed=1)


# ---------------------------------------------------------------- 3. zero-weight ties still exist
def test_zero_weight_edge_counts_in_unweighted_betweenness():
    """Issue 15.3: path 0-1-2 with weights [1, 0]: unweighted betweenness is [0, 1, 0]."""
    g = ig.Graph(n=3, edges=[(0, 1), (1, 2)])
    g.es["weight"] = [1.0, 0.0]
    expected = g.betweenness()  # igraph ignores weights unless asked
    np.testing.assert_allclose(expected, [0, 1, 0])
    np.testing.assert_allclose(C.betweenness(g), expected)
    rows, cols = np.array([0, 1, 1, 2]), np.array([1, 0, 2, 1])
    a = sp.csr_array((np.array([1.0, 1.0, 0.0, 0.0]), (rows, cols)), shape=(3, 3))
    assert a.nnz == 4  # explicit zeros: stored ties of weight 0
    np.testing.assert_allclose(C.betweenness(a), expected)
    G = nx.Graph()
    G.add_edge(0, 1, weight=1.0)
    G.add_edge(1, 2, weight=0.0)
    np.testing.assert_allclose(C.betweenness(G), expected)


# ---------------------------------------------------------------- 4. recording never changes a result
def test_barter_result_independent_of_record_every():
    net = cn.generate_cluster(400, seed=3)
    k0 = np.random.default_rng(0).random((net.n_actors, 3))
    rates = {"social": 0.3, "technology": 0.3}
    runs = [
        S.run(net, k0, 30, tacitness=0.4, layer_rates=rates, rule="barter", seed=11, record_every=r)
        for r in (1, 7, 10, 30)
    ]
    for other in runs[1:]:
        np.testing.assert_array_equal(runs[0].final, other.final)
        np.testing.assert_array_equal(runs[0].trades, other.trades)
    assert runs[0].trades.sum() > 0


# ---------------------------------------------------------------- 5. spawned seeds are distinct streams
QUIET = {"platform_subsidy": 0.5}


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


# ---------------------------------------------------------------- 6. 64-bit actor keys
def test_actor_keys_do_not_collide_on_crc32_pairs():
    """Issue 15.6: 'plumless' and 'buckeroo' share a CRC32; 64-bit keys tell them apart."""
    import zlib

    assert zlib.crc32(b"plumless") == zlib.crc32(b"buckeroo")
    edges = pd.DataFrame({"source": ["plumless"], "target": ["buckeroo"], "layer": ["social"]})
    keys, _ = _actor_keys(cn.ClusterNetwork.from_edges(edges))
    assert keys[0] != keys[1]


def test_actor_keys_unique_over_many_string_ids():
    ids = np.array([f"firm-{i}" for i in range(200_000)], dtype=object)
    edges = pd.DataFrame({"source": ids[:-1], "target": ids[1:], "layer": "social"})
    keys, _ = _actor_keys(cn.ClusterNetwork.from_edges(edges))
    assert keys.dtype == np.uint64
    assert np.unique(keys).size == ids.size


# ---------------------------------------------------------------- 7. bounded Brandes buffers
@pytest.mark.parametrize("directed", [False, True])
def test_brandes_with_small_successor_budget_matches_igraph(monkeypatch, directed):
    """Issue 15.7: successor buffers are bounded; sources whose DAG overflows rescan adjacency."""
    g = ig.Graph.Erdos_Renyi(300, m=1500, directed=directed)
    full = C.betweenness(g)
    monkeypatch.setattr(C, "SUCCESSOR_BUFFER_BYTES", 4)  # cap = n entries: most DAGs overflow
    bounded = C.betweenness(g)
    ref = np.array(g.betweenness(directed=directed))
    np.testing.assert_allclose(bounded, ref, rtol=1e-10, atol=1e-9)
    np.testing.assert_array_equal(bounded, full)  # same successors in the same order


# ---------------------------------------------------------------- 12. ids read consistently
def test_edge_list_with_mixed_ids_reads_all_ids_as_text(tmp_path):
    """Issue 15.12: 'source,target / 1,2 / 2,x' was refused ("edge ids mix types")."""
    (tmp_path / "e.csv").write_text("source,target\n1,2\n2,x\n")
    net = cn.read_edgelist(tmp_path / "e.csv")
    assert list(net.ids) == ["1", "2", "x"]
    assert net.n_edges == 2


def test_integer_ids_stay_integers_and_text_ids_keep_their_spelling(tmp_path):
    (tmp_path / "e.csv").write_text("source,target\n1,2\n2,3\n")
    assert cn.read_edgelist(tmp_path / "e.csv").ids.dtype.kind == "i"
    (tmp_path / "g.csv").write_text("source,target\n01,2\n2,x\n")
    (tmp_path / "a.csv").write_text("id,size\n01,3\n2,4\nx,5\n")
    net = cn.read_edgelist(tmp_path / "g.csv", actors=tmp_path / "a.csv")
    assert sorted(net.ids) == ["01", "2", "x"]
    assert net.actors.set_index("id").loc["01", "size"] == 3


def test_actor_table_ids_follow_the_edges(tmp_path):
    (tmp_path / "e.csv").write_text("source,target\n1,2\n")
    (tmp_path / "a.csv").write_text("id,size\n1,3\n2,4\nfirm-z,9\n")
    net = cn.read_edgelist(tmp_path / "e.csv", actors=tmp_path / "a.csv")
    assert sorted(net.ids) == ["1", "2", "firm-z"]


# ---------------------------------------------------------------- 13. files honour the umask
@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_written_files_honour_the_umask(tmp_path, umask):
    """Issue 15.13: outputs were 0600 (mkstemp) whatever the umask."""
    import os

    net = cn.generate_cluster(60, seed=1)
    old = os.umask(umask)
    try:
        net.save(tmp_path / "n.npz")
        cn.io.write_table(net.actors, tmp_path / "a.csv")
        cn.io.write_graphml(net, tmp_path / "n.graphml")
    finally:
        os.umask(old)
    for name in ("n.npz", "a.csv", "n.graphml"):
        assert (tmp_path / name).stat().st_mode & 0o777 == 0o666 & ~umask


# ---------------------------------------------------------------- 14. plain numbers in messages
def test_error_messages_print_plain_numbers():
    """Issue 15.14: messages showed np.float64(-0.80...) instead of -0.80..."""
    net = cn.generate_cluster(60, seed=1)
    k0 = np.full((net.n_actors, 2), 0.5)
    k0[0, 0] = np.float64(-0.8050029237453802)
    with pytest.raises(ValueError) as info:
        S.run(net, k0, 2, tacitness=0.5, layer_rates={"social": 0.2})
    assert "-0.8050029237453802" in str(info.value) and "np.float64" not in str(info.value)
    with pytest.raises(ValueError) as info:
        D.independent_cascade(star(4), [0], np.array([0.5, np.float64(1.5), 0.1]), n_sims=2)
    assert "1.5" in str(info.value) and "np." not in str(info.value)
    with pytest.raises(ValueError) as info:
        C.pagerank(net, damping=np.float64(1.0))
    assert "np." not in str(info.value)


# ---------------------------------------------------------------- 15. one convention per argument
def test_heat_kind_and_deprecated_normalized_spelling():
    a = star(6)
    x0 = np.eye(6)[0]
    new = D.heat(a, x0, 0.7, kind="random_walk")
    with pytest.warns(DeprecationWarning, match="kind="):
        old = D.heat(a, x0, 0.7, normalized="random_walk")
    np.testing.assert_array_equal(new, old)


def test_constraint_and_effective_size_share_the_weighted_default():
    import inspect

    from clusternet import structure

    defaults = {
        f: inspect.signature(getattr(structure, f)).parameters["weighted"].default
        for f in ("constraint", "effective_size")
    }
    assert defaults == {"constraint": True, "effective_size": True}


def test_every_public_seed_defaults_to_none():
    import inspect

    from clusternet import centrality, diffusion, ensemble, generate, measures, spillover, structure

    checked = 0
    for module in (centrality, diffusion, ensemble, generate, measures, spillover, structure, cn):
        for name in dir(module):
            fn = getattr(module, name)
            home = getattr(fn, "__module__", "") or ""
            if name.startswith("_") or not callable(fn) or name == "upgrading_task":
                continue
            if not home.startswith("clusternet") or home.startswith(
                ("clusternet.kernels", "clusternet._")
            ):
                continue  # kernels take an explicit integer stream seed
            try:
                params = inspect.signature(fn).parameters
            except (TypeError, ValueError):
                continue
            if "seed" in params:
                assert params["seed"].default is None, f"{module.__name__}.{name}"
                checked += 1
    assert checked >= 15


def test_independent_cascade_layer_weights_scale_the_hazard():
    """w_l independent chances: p becomes 1 - (1 - p) ** w_l; 0 drops the layer."""
    edges = pd.DataFrame({"source": [0, 0], "target": [1, 2], "layer": ["social", "transaction"]})
    net = cn.ClusterNetwork.from_edges(edges, directed={"social": True, "transaction": True})
    p = 0.3
    res = D.independent_cascade(
        net, [0], p, n_sims=40000, seed=3, layer_weights={"social": 2.0, "transaction": 0.0}
    )
    got = res.probability[net.index_of([1, 2])]
    expected = 1 - (1 - p) ** 2
    assert abs(got[0] - expected) < 5 * np.sqrt(expected * (1 - expected) / 40000)
    assert got[1] == 0.0
    with pytest.raises(TypeError, match="layer_weights"):
        D.independent_cascade(star(4), [0], 0.1, layer_weights={"social": 1.0})
