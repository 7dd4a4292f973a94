"""The input adapter of the analysis wrappers (``clusternet._graph``), by hand.

Issue 30: the module was never mutation-tested; the wrappers' reference tests reach it only
on ordinary inputs. References here are the inputs themselves, read entry by entry: the
stored entries of a scipy matrix, the edge lists of igraph and networkx, ties counted by
hand, and a representative per component picked by a loop.
"""

from __future__ import annotations

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

import clusternet as cn
from clusternet._graph import as_graph, component_representatives, seed_indices


def _csr_with_stored_entries(n: int, entries: dict[tuple[int, int], float]) -> sp.csr_array:
    """A canonical CSR that stores exactly ``entries`` (zeros included)."""
    rows, cols = zip(*sorted(entries), strict=True)
    data = [entries[k] for k in sorted(entries)]
    m = sp.csr_array((np.array(data, dtype=float), (rows, cols)), shape=(n, n))
    assert m.has_canonical_format and m.nnz == len(entries)  # scipy keeps stored zeros
    return m


@pytest.mark.parametrize("weighted", [True, False])
def test_canonical_csr_with_weights_below_one_is_used_in_place(weighted):
    """Issue 30: a canonical CSR of finite weights >= 0 is read without a rebuild (the
    adapter's view shares the caller's arrays), weights in (0, 1) included."""
    m = _csr_with_stored_entries(4, {(0, 1): 0.25, (1, 0): 0.25, (2, 3): 0.75, (3, 2): 0.75})
    view = as_graph(m, weighted=weighted)
    if weighted:
        assert np.shares_memory(view.out.data, m.data)
        assert np.shares_memory(view.out.indices, m.indices)
    np.testing.assert_array_equal(
        view.out.toarray(), m.toarray() if weighted else (m.toarray() > 0).astype(float)
    )
    assert view.n == 4 and not view.directed


def test_unweighted_view_keeps_stored_zero_ties_and_weighted_drops_them():
    """Issue 30: with ``weighted=False`` every stored tie counts, a zero weight included (the
    documented rule); with ``weighted=True`` a zero weight is no tie."""
    entries = {(0, 1): 2.0, (1, 0): 2.0, (1, 2): 0.0, (2, 1): 0.0}
    m = _csr_with_stored_entries(3, entries)
    unweighted = as_graph(m, weighted=False).out
    want = np.zeros((3, 3))
    for i, j in entries:
        want[i, j] = 1.0
    np.testing.assert_array_equal(unweighted.toarray(), want)
    assert unweighted.nnz == 4
    weighted = as_graph(m, weighted=True).out
    assert weighted.nnz == 2
    np.testing.assert_array_equal(weighted.toarray(), m.toarray())


@pytest.mark.parametrize(
    ("entries", "directed"),
    [
        ({(0, 1): 1.0, (1, 0): 1.0}, False),
        ({(0, 1): 1.0, (1, 0): 2.0}, True),  # the same pattern, other weights
        ({(0, 1): 1.0}, True),
        ({(0, 1): 0.0}, True),  # a stored zero one way only: directed by pattern
        ({(0, 1): 0.0, (1, 0): 0.0}, False),
        ({(0, 1): 1.0, (1, 0): 2.0, (1, 2): 0.0, (2, 1): 0.0}, True),
        ({(0, 1): 1.0, (1, 0): 1.0, (1, 2): 0.0}, True),
    ],
)
def test_matrix_is_directed_by_its_weights_and_its_stored_pattern(entries, directed):
    """Issue 30: a matrix input is undirected when it equals its transpose both in weights
    and in which entries it stores (read by hand from ``entries``)."""
    m = _csr_with_stored_entries(3, entries)
    by_hand = any(entries.get((j, i)) != w for (i, j), w in entries.items())
    assert by_hand == directed
    assert as_graph(m, weighted=False).directed is directed


def test_graph_libraries_directed_flag_and_symmetric_views():
    """Issue 30: igraph and networkx inputs are directed as the library says; the undirected
    views are ``A + A^T`` and the elementwise maximum of ``A`` and ``A^T`` (by hand)."""
    edges = [(0, 1), (1, 0), (1, 2), (3, 2)]
    weights = [1.0, 3.0, 2.0, 0.5]
    g = ig.Graph(n=4, edges=edges, directed=True)
    g.es["weight"] = weights
    d = nx.DiGraph()
    d.add_nodes_from(range(4))
    d.add_weighted_edges_from((u, v, w) for (u, v), w in zip(edges, weights, strict=True))
    a = np.zeros((4, 4))
    for (u, v), w in zip(edges, weights, strict=True):
        a[u, v] = w
    for graph in (g, d):
        view = as_graph(graph)
        assert view.directed is True
        np.testing.assert_array_equal(view.out.toarray(), a)
        np.testing.assert_array_equal(view.sym.toarray(), a + a.T)
        np.testing.assert_array_equal(view.sym_max.toarray(), np.maximum(a, a.T))
    u = ig.Graph(n=4, edges=[(0, 1), (1, 2), (3, 2)])
    u.es["weight"] = [1.0, 2.0, 0.5]
    s = np.zeros((4, 4))
    for (i, j), w in zip([(0, 1), (1, 2), (3, 2)], [1.0, 2.0, 0.5], strict=True):
        s[i, j] = s[j, i] = w
    for graph in (u, nx.from_numpy_array(s)):
        view = as_graph(graph)
        assert view.directed is False
        np.testing.assert_array_equal(view.out.toarray(), s)
        np.testing.assert_array_equal(view.sym_max.toarray(), s)


def test_a_single_actor_is_a_graph_and_no_actor_is_empty():
    """Issue 30: one actor without ties is a legal graph of each kind; none is empty."""
    g = ig.Graph(n=1)
    h = nx.Graph()
    h.add_node("only")
    for one in (sp.csr_array((1, 1)), sp.coo_array((1, 1)), g, h):
        view = as_graph(one)
        assert view.n == 1 and view.out.nnz == 0
    for none in (sp.coo_array((0, 0)), ig.Graph(n=0), nx.Graph()):
        with pytest.raises(ValueError, match="graph is empty"):
            as_graph(none)


def test_layers_apply_to_a_cluster_network_only():
    """Issue 30: ``layers=`` or ``layer_weights=`` with a matrix, igraph or networkx input
    is refused by name, each on its own."""
    m = sp.csr_array(np.array([[0.0, 1.0], [1.0, 0.0]]))
    for kwargs in ({"layers": "social"}, {"layer_weights": {"social": 2.0}}):
        with pytest.raises(TypeError, match="layers= and layer_weights= apply"):
            as_graph(m, **kwargs)
    assert as_graph(m).n == 2


def test_seed_indices_of_a_network_by_ids_and_by_mask():
    """Issue 30: a network's seeds are actor ids or a boolean mask over the actors."""
    net = cn.ClusterNetwork.from_edges(
        pd.DataFrame({"source": ["a", "b", "c"], "target": ["b", "c", "d"]})
    )
    assert net.ids.tolist() == ["a", "b", "c", "d"]
    np.testing.assert_array_equal(seed_indices(net, ["c", "a"], 4), [2, 0])
    mask = np.array([False, True, False, True])
    got = seed_indices(net, mask, 4)
    assert got.dtype == np.uint32
    np.testing.assert_array_equal(got, [1, 3])
    with pytest.raises(ValueError, match=r"seeds mask has shape \(3,\), expected \(4,\)"):
        seed_indices(net, mask[:3], 4)
    with pytest.raises(ValueError, match="seeds is empty"):
        seed_indices(net, np.zeros(4, dtype=bool), 4)
    m = sp.csr_array((4, 4))
    np.testing.assert_array_equal(seed_indices(m, [0, 3], 4), [0, 3])
    for bad, match in (([4], "seed 4 is out of range"), ([-1], "seed -1 is out of range")):
        with pytest.raises(ValueError, match=match):
            seed_indices(m, bad, 4)


def test_seeds_given_as_a_table_are_refused_for_every_kind_of_id():
    """A 2-D array of seeds was accepted where a network's integer ids are their own
    positions (the fast path of index_of) and refused with pandas' "unhashable type"
    elsewhere: now every input refuses it, naming the shape."""
    by_position = cn.ClusterNetwork.from_edges(
        pd.DataFrame({"source": [0, 1, 2], "target": [1, 2, 3]})
    )
    named = cn.ClusterNetwork.from_edges(pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"]}))
    m = sp.csr_array((4, 4))
    for graph, table in (
        (by_position, np.array([[0, 1]])),
        (named, np.array([["a", "b"]], dtype=object)),
        (m, np.array([[0], [1]])),
    ):
        with pytest.raises(ValueError, match=r"seeds must be one-dimensional .* shape \(\d, \d\)"):
            seed_indices(graph, table, graph.shape[0] if graph is m else graph.n_actors)
    # through the public API too, and the same seeds as a flat list still work
    with pytest.raises(ValueError, match="one-dimensional"):
        cn.bass.bass(by_position, 0.01, 0.3, steps=2, n_sims=4, seed=1, initial=np.array([[0, 1]]))
    np.testing.assert_array_equal(seed_indices(by_position, np.array([0, 1]), 4), [0, 1])
    np.testing.assert_array_equal(seed_indices(named, ["c", "a"], 3), [2, 0])


def test_weighted_views_drop_ties_whose_weight_underflows_and_unweighted_keep_them():
    """Round 27: a network tie's weight times its layer weight can underflow to 0.0 (both
    legal: weights > 0, layer weights >= 0). A weighted view drops such ties, as it drops a
    matrix's stored zeros, so no kernel meets a contact without strength; an unweighted
    view keeps every tie of the chosen layers."""
    edges = pd.DataFrame(
        {
            "source": ["a", "b", "a"],
            "target": ["b", "c", "c"],
            "layer": ["weak", "weak", "strong"],
            "weight": [1e-300, 5e-324, 1.0],
        }
    )
    net = cn.ClusterNetwork.from_edges(edges)
    assert net.directed == {"weak": True, "strong": True}
    assert (net.csr(layer_weights={"weak": 1e-300}).data == 0).sum() == 2
    # at 1e-300 both weak ties underflow (only a -> c stays); at 0.5 only 5e-324 x 0.5 does
    for layer_weights, expected in (({"weak": 1e-300}, 1), ({"weak": 0.5}, 2)):
        out = as_graph(net, layer_weights=layer_weights).out
        assert (out.data > 0).all()
        assert out.nnz == expected, layer_weights
        np.testing.assert_array_equal(
            as_graph(net, layer_weights=layer_weights, weighted=False).out.toarray(),
            (net.csr().toarray() > 0).astype(float),
        )


def test_component_representatives_are_the_highest_degree_actor_of_each_component():
    """Issue 30: per weak component of two or more actors, its highest-degree actor (the
    first by index among equals) and its size; isolated actors have none. Reference: a
    loop over the components found by networkx."""
    # a star, a spider and a pair (seed 2047, _graph.py L354: a two-actor component has
    # a representative too)
    edges = [(1, 0), (1, 2), (1, 3), (4, 5), (5, 6), (6, 7), (5, 8), (11, 10)]
    n = 12  # actor 9 alone
    a = sp.csr_array((np.ones(len(edges)), tuple(zip(*edges, strict=True))), shape=(n, n))
    a = sp.csr_array(a + a.T)
    labels, reps, sizes = component_representatives(a, a.indptr)
    g = nx.Graph(edges)
    g.add_nodes_from(range(n))
    degree = dict(g.degree())
    want = {}
    for comp in nx.connected_components(g):
        if len(comp) >= 2:
            best = sorted(comp, key=lambda v: (-degree[v], v))[0]
            want[best] = len(comp)
    assert dict(zip(reps.tolist(), sizes.tolist(), strict=True)) == want == {1: 4, 5: 5, 10: 2}
    assert len(set(labels.tolist())) == 4


# round 9: the re-sampled _graph.py (120 sites)
def test_a_networks_views_are_checked_finite_once_per_view(monkeypatch):
    """``GraphView._built``: a ClusterNetwork's views share ``facts`` between calls, and the
    overflow check of each view runs once, not on every call (counted with a spy)."""
    import clusternet._graph as G

    calls: list[int] = []
    real = G.finite_view

    def spy(matrix):
        calls.append(matrix.nnz)
        return real(matrix)

    monkeypatch.setattr(G, "finite_view", spy)
    net = cn.ClusterNetwork.from_edges(
        pd.DataFrame({"source": [0, 1, 2], "target": [1, 2, 0]}), directed=True
    )
    for _ in range(3):  # three measures on the same network: fresh views, shared facts
        view = as_graph(net)
        assert view.out.nnz == 3 and view.inn.nnz == 3 and view.sym.nnz == 6
    assert sorted(calls) == [3, 3, 6]  # out, in and both: one check each


class _IgraphLookalike:
    """Not an igraph.Graph, though it has a ``get_edgelist`` method."""

    def get_edgelist(self):
        return [(0, 1)]


class _NetworkxLookalike:
    """Not a networkx graph, though it has an ``adj`` attribute."""

    @property
    def adj(self):
        return {0: {1: {}}, 1: {}}


@pytest.mark.parametrize("kind", [_IgraphLookalike, _NetworkxLookalike])
def test_an_object_from_another_module_with_a_graphs_method_is_refused_by_name(kind):
    """igraph and networkx graphs are told by their module *and* a method: an object of
    another module with ``get_edgelist`` or ``adj`` is neither."""
    with pytest.raises(TypeError, match=rf"^graph must be a ClusterNetwork.* got {kind.__name__}$"):
        as_graph(kind())
