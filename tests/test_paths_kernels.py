"""The BFS kernels of ``kernels/paths.py`` that only measures call, against scipy's BFS.

``multi_source_depth`` (readiness's reach), ``bfs_distance_sums`` and ``eccentricities``
(structure's distances) are reached through wrappers whose tests use a few hand cases;
here each is checked on random digraphs against ``scipy.sparse.csgraph.shortest_path``,
with repeated sources and depth limits (issue 30: sampled mutants of these kernels).
"""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from scipy.sparse.csgraph import shortest_path

from clusternet.kernels.csr import kernel_arrays
from clusternet.kernels.paths import bfs_distance_sums, eccentricities, multi_source_depth


def _digraph(seed: int, n: int = 12, p: float = 0.15) -> sp.csr_array:
    rng = np.random.default_rng(seed)
    a = (rng.random((n, n)) < p).astype(float)
    np.fill_diagonal(a, 0.0)
    return sp.csr_array(a)


def _hops(a: sp.csr_array) -> np.ndarray:
    return shortest_path(a, method="D", directed=True, unweighted=True)


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("max_depth", [0, 1, 2, 50])
def test_paths_multi_source_depth_matches_scipy_with_repeated_sources(seed, max_depth):
    a = _digraph(seed)
    indptr, indices, _ = kernel_arrays(a)
    sources = np.array([3, 0, 3, 7, 0], dtype=np.int64)  # repeated on purpose
    depth = np.full(a.shape[0], -1, dtype=np.int64)
    multi_source_depth(indptr, indices, sources, max_depth, depth)
    nearest = _hops(a)[np.unique(sources)].min(axis=0)
    want = np.where(nearest <= max_depth, nearest, -1).astype(np.int64)
    np.testing.assert_array_equal(depth, want)


@pytest.mark.parametrize("seed", range(4))
def test_paths_bfs_distance_sums_and_eccentricities_match_scipy(seed):
    a = _digraph(seed, p=0.2)
    indptr, indices, _ = kernel_arrays(a)
    hops = _hops(a)
    sources = np.arange(a.shape[0], dtype=np.int64)
    totals = np.zeros(a.shape[0])
    reached = np.zeros(a.shape[0], dtype=np.int64)
    bfs_distance_sums(indptr, indices, sources, totals, reached)
    finite = np.isfinite(hops)
    np.testing.assert_array_equal(reached, finite.sum(axis=1) - 1)
    np.testing.assert_array_equal(totals, np.where(finite, hops, 0).sum(axis=1))
    ecc = np.zeros(a.shape[0], dtype=np.int64)
    eccentricities(indptr, indices, sources, ecc)
    np.testing.assert_array_equal(ecc, np.where(finite, hops, 0).max(axis=1))


def test_paths_eccentricity_when_the_farthest_level_holds_one_actor():
    # a path 0 -> 1 -> 2 -> 3 plus an isolated actor 4: the last actor a BFS reaches is the
    # only one at its depth (random graphs rarely end a BFS on a level of one)
    a = sp.csr_array(([1.0] * 3, ([0, 1, 2], [1, 2, 3])), shape=(5, 5))
    indptr, indices, _ = kernel_arrays(a)
    starts = np.arange(5, dtype=np.int64)
    ecc = np.zeros(5, dtype=np.int64)
    eccentricities(indptr, indices, starts, ecc)
    hops = _hops(a)
    np.testing.assert_array_equal(ecc, np.where(np.isfinite(hops), hops, 0).max(axis=1))
    assert ecc.tolist() == [3, 2, 1, 0, 0]


_BOUNDSCHECKED_DEPTH = """
import json, sys
import numpy as np
from clusternet.kernels.paths import multi_source_depth
out = []
for indptr, indices, sources, max_depth, n in json.loads(sys.stdin.read()):
    depth = np.full(n, -1, dtype=np.int64)
    multi_source_depth(np.array(indptr, dtype=np.int64), np.array(indices, dtype=np.int32),
                       np.array(sources, dtype=np.int64), max_depth, depth)
    out.append(depth.tolist())
print(json.dumps(out))
"""


def test_multi_source_depth_queue_holds_every_actor_under_boundscheck(tmp_path):
    """Issue 30 (mutation testing): the BFS queue has room for all n actors. A queue one
    short writes past its end when every actor is reached, invisibly in the depths, so the
    kernel runs here in a child under ``NUMBA_BOUNDSCHECK=1`` (its own Numba cache: the
    cache key ignores the check) on graphs where every actor is reached, against scipy."""
    from boundscheck import run_boundschecked

    cases, want = [], []
    for seed in (1, 2):
        a = _digraph(seed, n=9, p=0.5)
        hops = _hops(a)
        assert np.isfinite(hops[0]).all()  # every actor reached from actor 0
        indptr, indices, _ = kernel_arrays(a)
        cases.append([indptr.tolist(), indices.tolist(), [0], 50, 9])
        want.append(hops[0].astype(np.int64).tolist())
    path = sp.csr_array(([1.0, 1.0], ([0, 1], [1, 2])), shape=(3, 3))
    indptr, indices, _ = kernel_arrays(path)
    cases.append([indptr.tolist(), indices.tolist(), [0, 0], 5, 3])
    want.append([0, 1, 2])
    assert run_boundschecked(_BOUNDSCHECKED_DEPTH, cases, tmp_path) == want


def test_live_edge_reach_accepts_32000_steps_and_refuses_more():
    """Issue 30: ``max_steps`` up to 32000 fits the int16 depth marks; 32001 is refused."""
    from clusternet.kernels.paths import live_edge_reach

    path = sp.csr_array(([1.0, 1.0], ([0, 1], [1, 2])), shape=(3, 3))
    indptr, indices, _ = kernel_arrays(path)
    args = (indptr, indices, np.zeros(3, dtype=np.uint64), np.uint64(1))
    args += (np.array([0], dtype=np.int64), 1.0, np.uint64(1), np.ones(3, dtype=np.bool_))
    curves = np.zeros((1, 32001), dtype=np.int64)
    live_edge_reach(*args, 32000, curves)
    assert curves[0, :4].tolist() == [1, 2, 3, 3] and curves[0, -1] == 3
    with pytest.raises(ValueError, match="max_steps must be at most 32000"):
        live_edge_reach(*args, 32001, np.zeros((1, 32002), dtype=np.int64))


@pytest.mark.parametrize("scale", [1.0, 1e6])
@pytest.mark.parametrize("rel, tie", [(1e-11, True), (1e-9, False)])
def test_paths_weighted_ties_are_equal_within_a_relative_1e10(scale, rel, tie):
    """Round 10, held-out sample (seed 2028), L28 (``_cmp``'s ``EPS * scale → EPS /
    scale``): two paths 0-1-3 and 0-2-3 of lengths 2 scale and (2 + rel) scale tie when
    they differ by at most 1e-10 of their size, as in igraph (the reference): at
    ``scale`` 1e6 a gap of 1e-11 of the length is 2e-5, far above an absolute 1e-10 / 2e6.
    Tied, each middle actor carries half the pair 0-3 (and each end half the pair 1-2)."""
    import igraph as ig

    from clusternet import centrality as C

    lengths = {(0, 1): scale, (1, 3): scale, (0, 2): scale, (2, 3): scale * (1 + rel)}
    rows, cols, weights = [], [], []
    for (i, j), length in lengths.items():
        rows += [i, j]
        cols += [j, i]
        weights += [1 / length, 1 / length]
    a = sp.csr_array((weights, (rows, cols)), shape=(4, 4))
    g = ig.Graph(n=4, edges=list(lengths))
    want = g.betweenness(weights=[1 / (1 / length) for length in lengths.values()])
    assert want == ([0.5, 0.5, 0.5, 0.5] if tie else [1.0, 1.0, 0.0, 0.0])
    np.testing.assert_array_equal(C.betweenness(a, weighted=True), want)


_NEAR_ZERO_TIE = [
    (0, 1, 1.0),
    (1, 2, 1.0),
    (1, 3, 1.0),
    (1, 4, 1.0),
    (1, 5, 1.0),
    (3, 4, 1e-11),
    (4, 6, 1.0),
]


@pytest.mark.parametrize("perm_seed", range(6))
def test_weighted_betweenness_with_a_tie_shorter_than_the_tolerance_is_exact(perm_seed):
    """Seed 2034, ``_heap_pop`` L76 (``>= → >``): x = 1 reaches 2-5 at length 1, and 3 -> 4
    has length 1e-11, within the 1e-10 tolerance of d(4) = d(3) = 1. The forward pass used
    to count 3's paths into 4 when 3 happened to settle first, while the dependencies are
    pushed back only to actors strictly closer, so the scores depended on the heap's order
    among equal keys and matched no convention (1 got 4.5 or 4, 4 got 5 or 3). Now a
    predecessor must lie strictly closer in both passes: networkx's exact answer, under
    every relabelling of the actors (which reorders the heap)."""
    import networkx as nx

    from clusternet import centrality as C

    n = 7
    perm = np.random.default_rng(perm_seed).permutation(n)
    g = nx.DiGraph()
    g.add_nodes_from(range(n))
    g.add_weighted_edges_from(
        (int(perm[u]), int(perm[v]), length) for u, v, length in _NEAR_ZERO_TIE
    )
    want = nx.betweenness_centrality(g, weight="weight", normalized=False)
    rows = [int(perm[u]) for u, _, _ in _NEAR_ZERO_TIE]
    cols = [int(perm[v]) for _, v, _ in _NEAR_ZERO_TIE]
    weights = [1.0 / length for *_, length in _NEAR_ZERO_TIE]
    a = sp.csr_array((weights, (rows, cols)), shape=(n, n))
    got = C.betweenness(a, weighted=True, directed=True)
    np.testing.assert_allclose(got, [want[i] for i in range(n)], atol=1e-12)
    assert got[perm[1]] == 5.0 and got[perm[4]] == 3.0 and got[perm[3]] == 0.0


def test_weighted_betweenness_refuses_a_tie_below_double_precision():
    """A tie of length 1e-300 after a path of length 1 adds nothing in floating point
    (1 + 1e-300 == 1): no predecessor lies strictly closer, so the dependencies could not
    be pushed back; the wrapper names the problem instead of returning a wrong score."""
    from clusternet import centrality as C

    a = sp.csr_array(([1.0, 1.0, 1e300], ([0, 1, 2], [1, 2, 3])), shape=(4, 4))
    with pytest.raises(ValueError, match="vanishes against the path.s length in double precision"):
        C.betweenness(a, weighted=True, directed=True)
    # the same chain with a representable tie is fine: 1 and 2 carry the pairs through them
    b = sp.csr_array(([1.0, 1.0, 1e10], ([0, 1, 2], [1, 2, 3])), shape=(4, 4))
    np.testing.assert_array_equal(C.betweenness(b, weighted=True, directed=True), [0, 2, 2, 0])


def test_weighted_betweenness_counts_and_pushes_back_over_the_same_predecessors():
    """A referee's case: d(4) is first 3 (via 1), a path within 1e-10 of it (via 2) keeps
    it, and a path shorter by more than 1e-10 (via 3) lowers it. Both passes now read one
    rule, a predecessor strictly closer with d(v) + l = d(w) within 1e-10: 2 and 3 precede
    4, 1 does not, so 2 and 3 carry half the pair (0, 4) each (before: 1 each, two units of
    credit for one pair)."""
    from clusternet import centrality as C

    ties = {(0, 1): 1.0, (0, 2): 1.5, (0, 3): 2.0, (1, 4): 2.0,
            (2, 4): 1.5 - 2.7e-10, (3, 4): 1.0 - 3.15e-10}  # fmt: skip
    rows, cols = zip(*ties)
    a = sp.csr_array(([1.0 / x for x in ties.values()], (rows, cols)), shape=(5, 5))
    np.testing.assert_allclose(C.betweenness(a, weighted=True, directed=True), [0, 0, 0.5, 0.5, 0])


def test_a_weight_whose_reciprocal_overflows_is_no_tie():
    """A referee's crash: weight 1e-310 (subnormal) has length 1/w = inf; Dijkstra re-pushed
    actors settled at infinite distance and overran its arrays (a segfault). The tie is now
    no tie: on the path 0 - 1 - 2 with 0 - 1 at 1e-310 only 1 and 2 reach each other."""
    from clusternet import centrality as C

    a = sp.csr_array(([1e-310, 1e-310, 1.0, 1.0], ([0, 1, 1, 2], [1, 0, 2, 1])), shape=(3, 3))
    np.testing.assert_array_equal(C.betweenness(a, weighted=True), [0.0, 0.0, 0.0])
    np.testing.assert_allclose(C.harmonic(a, weighted=True), [0.0, 0.5, 0.5])


def test_betweenness_refuses_path_counts_past_float64():
    """Two actors per layer, every actor tied to both of the next layer's, 1,100 layers:
    2^1099 shortest paths run from the first layer to the last, past float64's range; both
    the unweighted and the weighted count say so instead of returning NaN."""
    from clusternet import centrality as C

    layers = 1100
    rows, cols = [], []
    for k in range(layers - 1):
        for i in (2 * k, 2 * k + 1):
            for j in (2 * k + 2, 2 * k + 3):
                rows.append(i)
                cols.append(j)
    a = sp.csr_array((np.ones(len(rows)), (rows, cols)), shape=(2 * layers, 2 * layers))
    for weighted in (False, True):
        with pytest.raises(ValueError, match="exceeds float64's range"):
            C.betweenness(a, weighted=weighted, directed=True)


def test_a_vanishing_tie_beside_a_strictly_closer_predecessor_is_ignored():
    """0 reaches 1 and 2 at length 1; the tie 1 -> 2 of length 1e-300 vanishes (1 + 1e-300
    == 1), but 2 has a strictly closer predecessor, 0: no error, and no actor lies between
    two others."""
    from clusternet import centrality as C

    a = sp.csr_array(([1.0, 1.0, 1e300], ([0, 0, 1], [1, 2, 2])), shape=(3, 3))
    np.testing.assert_array_equal(C.betweenness(a, weighted=True, directed=True), [0, 0, 0])


@pytest.mark.parametrize("seed", range(3))
def test_brandes_dijkstra_gives_the_same_scores_whatever_the_predecessor_list_holds(seed):
    """The counting pass lists the predecessors it finds for the backward pass; a source
    whose list does not fit (``pred_cap`` 0, 1 or 7 here) tests the ties again instead:
    the same scores, which are networkx's on integer lengths (exact ties)."""
    import networkx as nx

    from clusternet.kernels.dijkstra import brandes_dijkstra

    rng = np.random.default_rng(seed)
    n = 14
    mask = rng.random((n, n)) < 0.25
    np.fill_diagonal(mask, False)
    lengths = rng.integers(1, 4, (n, n)).astype(float)
    a = sp.csr_array(np.where(mask, lengths, 0.0))
    indptr, indices, data = kernel_arrays(a)
    in_indptr, in_indices, in_data = kernel_arrays(sp.csr_array(a.T))
    sources = np.arange(n, dtype=np.int64)
    runs = []
    for cap in (0, 1, 7, 10**6):
        acc = np.zeros((2, n))
        brandes_dijkstra(
            indptr, indices, data, in_indptr, in_indices, in_data, sources, 2, cap, acc
        )
        runs.append(acc.sum(axis=0))
    for other in runs[1:]:
        np.testing.assert_array_equal(other, runs[0])
    g = nx.from_scipy_sparse_array(a, create_using=nx.DiGraph)
    want = nx.betweenness_centrality(g, weight="weight", normalized=False)
    np.testing.assert_allclose(runs[0], [want[i] for i in range(n)], atol=1e-9)


def test_the_retest_of_the_ties_reads_only_the_actors_own_in_ties():
    """When the predecessor list does not fit (``pred_cap`` 0) the backward pass tests each
    actor's in-ties again. Actor 4's in-tie from 2 has 2's distance plus its length equal to
    actor 3's distance (both 2 from source 0), so reading past actor 3's own in-ties into
    actor 4's would credit 2 with paths to 3 that do not pass through it. networkx's answer
    (actor 5 is isolated, so no actor's in-ties are read past the array's end)."""
    import networkx as nx

    from clusternet.kernels.dijkstra import brandes_dijkstra

    n = 6
    edges = [(0, 1), (0, 2), (1, 3), (2, 4)]
    a = sp.csr_array(
        (np.ones(len(edges)), ([s for s, _ in edges], [t for _, t in edges])), shape=(n, n)
    )
    indptr, indices, data = kernel_arrays(a)
    in_indptr, in_indices, in_data = kernel_arrays(sp.csr_array(a.T))
    want_graph = nx.DiGraph(edges)
    want_graph.add_node(5)
    want = nx.betweenness_centrality(want_graph, normalized=False)
    for cap in (0, 10**6):
        acc = np.zeros((1, n))
        sources = np.arange(n, dtype=np.int64)
        brandes_dijkstra(
            indptr, indices, data, in_indptr, in_indices, in_data, sources, 1, cap, acc
        )
        np.testing.assert_allclose(acc[0], [want[i] for i in range(n)], atol=1e-12)
