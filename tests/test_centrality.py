"""Centrality against igraph, networkx and dense references."""

import itertools
import math

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from layer_weight_cases import assert_layer_weights_pass_through

import clusternet as cn
from clusternet import centrality as C
from clusternet import path_centrality
from clusternet import structure as S


def weighted_er(n, m, directed, seed):
    rng = np.random.default_rng(seed)
    g = ig.Graph.Erdos_Renyi(n, m=m, directed=directed)
    g.es["weight"] = list(rng.random(g.ecount()) + 0.1)
    return g


# ---------------------------------------------------------------- PageRank
@pytest.mark.parametrize("directed", [True, False])
@pytest.mark.parametrize("weighted", [True, False])
def test_pagerank_matches_igraph_prpack(directed, weighted):
    g = weighted_er(300, 1200, directed, seed=1)
    g.delete_vertices([])
    ours = C.pagerank(g, weighted=weighted)
    ref = np.array(g.pagerank(weights="weight" if weighted else None, implementation="prpack"))
    assert np.abs(ours - ref).sum() < 1e-9
    assert ours.sum() == pytest.approx(1.0, abs=1e-12)


def test_personalised_pagerank_with_dangling_nodes_matches_igraph():
    g = weighted_er(200, 500, True, seed=2)
    out_deg = np.array(g.outdegree())
    assert (out_deg == 0).sum() > 0  # dangling nodes present
    reset = np.random.default_rng(3).random(200)
    reset[:80] = 0.0
    ours = C.pagerank(g, personalization=reset, damping=0.7)
    ref = np.array(g.personalized_pagerank(weights="weight", reset=reset, damping=0.7))
    assert np.abs(ours - ref).sum() < 1e-9


def test_personalization_of_zeros_is_refused_and_one_subnormal_entry_is_not(small_net):
    """A personalization of zeros gives the walk nowhere to teleport: refused (letting
    its largest value 0 through divided 0 / 0 into a NaN teleport). The other side of
    that boundary, one entry of 5e-324 (the least positive float), teleports to that
    actor alone, as igraph's one-hot reset."""
    g = weighted_er(60, 180, True, seed=4)
    with pytest.raises(ValueError, match="positive sum"):
        C.pagerank(g, personalization=np.zeros(60))
    with pytest.raises(ValueError, match="positive sum"):
        C.pagerank(small_net, personalization={"a": 0.0, "c": 0.0})
    reset = np.zeros(60)
    reset[7] = 5e-324
    ours = C.pagerank(g, personalization=reset, damping=0.7)
    one_hot = (reset > 0).astype(float).tolist()
    ref = np.array(g.personalized_pagerank(weights="weight", reset=one_hot, damping=0.7))
    assert np.abs(ours - ref).sum() < 1e-9


def test_pagerank_on_network_layers_and_dict_personalization(small_net):
    scores = C.pagerank(
        small_net, layers=["social", "transaction"], personalization={"a": 1.0, "b": 1.0}
    )
    g = small_net.to_igraph(["social", "transaction"])
    a = small_net.csr(["social", "transaction"]).tocoo()
    h = ig.Graph(n=5, edges=list(zip(a.row.tolist(), a.col.tolist())), directed=True)
    ref = h.personalized_pagerank(weights=a.data.tolist(), reset=[1, 1, 0, 0, 0])
    np.testing.assert_allclose(scores, ref, atol=1e-10)
    assert g.vcount() == 5


# ---------------------------------------------------------------- Katz, eigenvector, harmonic
@pytest.mark.parametrize("directed", [True, False])
def test_katz_matches_networkx(directed):
    g = nx.gnm_random_graph(80, 300, seed=4, directed=directed)
    rng = np.random.default_rng(4)
    for u, v in g.edges:
        g[u][v]["weight"] = float(rng.random() + 0.5)
    a = sp.csr_array(nx.to_scipy_sparse_array(g, nodelist=range(80)))
    lam = C.spectral_radius(a)
    lam_ref = np.max(np.abs(np.linalg.eigvals(a.toarray())))
    assert lam == pytest.approx(lam_ref, rel=1e-9)
    alpha = 0.5 / lam
    ours = C.katz(a, alpha=alpha)
    ref = nx.katz_centrality(g, alpha=alpha, weight="weight", tol=1e-14, max_iter=100000)
    np.testing.assert_allclose(ours, [ref[i] for i in range(80)], rtol=1e-8)
    default = C.katz(a)  # alpha = 0.9 / lambda_max
    ref = nx.katz_centrality_numpy(g, alpha=0.9 / lam_ref, weight="weight")
    np.testing.assert_allclose(default, [ref[i] for i in range(80)], rtol=1e-7)


def test_katz_rejects_divergent_alpha():
    g = ig.Graph.Ring(10)
    with pytest.raises(ValueError, match="too large"):
        C.katz(g, alpha=0.6)  # lambda_max = 2


@pytest.mark.parametrize("directed", [False, True])
def test_eigenvector_matches_igraph(directed):
    if directed:
        g = ig.Graph.Erdos_Renyi(150, m=900, directed=True)
        g = g.connected_components(mode="strong").giant()
    else:
        g = ig.Graph.Barabasi(200, 3)
    g.es["weight"] = list(np.random.default_rng(5).random(g.ecount()) + 0.2)
    ours = C.eigenvector(g)
    ref = np.array(g.eigenvector_centrality(weights="weight", scale=True))
    np.testing.assert_allclose(ours, ref, atol=1e-9)


def test_eigenvector_disconnected_semantics():
    g = ig.Graph([(0, 1), (1, 2), (2, 0), (3, 4), (4, 5), (5, 6), (6, 3), (3, 5), (4, 6)])
    np.testing.assert_allclose(C.eigenvector(g), [0, 0, 0, 1, 1, 1, 1], atol=1e-12)
    twin = ig.Graph([(0, 1), (1, 2), (2, 0), (3, 4), (4, 5), (5, 3)])
    with pytest.raises(ValueError, match="not unique"):
        C.eigenvector(twin)
    with pytest.raises(ValueError, match="strongly connected"):
        C.eigenvector(ig.Graph([(0, 1), (1, 2)], directed=True))


@pytest.mark.parametrize("mode", ["out", "in", "all"])
def test_harmonic_matches_igraph(mode):
    g = weighted_er(150, 400, True, seed=6)
    np.testing.assert_allclose(
        C.harmonic(g, mode=mode), g.harmonic_centrality(mode=mode), atol=1e-12
    )
    lengths = [1.0 / w for w in g.es["weight"]]
    np.testing.assert_allclose(
        C.harmonic(g, mode=mode, weighted=True),
        g.harmonic_centrality(mode=mode, weights=lengths),
        atol=1e-12,
    )
    np.testing.assert_allclose(
        C.harmonic(g, mode=mode, normalized=False),
        np.array(g.harmonic_centrality(mode=mode, normalized=False)),
        atol=1e-10,
    )


# ---------------------------------------------------------------- betweenness
@pytest.mark.parametrize("directed", [True, False])
def test_betweenness_unweighted_matches_igraph(directed):
    g = ig.Graph.Erdos_Renyi(200, m=500, directed=directed)
    ours = C.betweenness(g)
    np.testing.assert_allclose(ours, g.betweenness(directed=directed), rtol=1e-12, atol=1e-9)


@pytest.mark.parametrize("directed", [True, False])
def test_betweenness_weighted_matches_igraph(directed):
    rng = np.random.default_rng(7)
    g = ig.Graph.Erdos_Renyi(150, m=450, directed=directed)
    # strengths whose lengths 1/w are small integers: many exactly tied shortest paths
    g.es["weight"] = list(1.0 / rng.integers(1, 4, g.ecount()))
    lengths = [1.0 / w for w in g.es["weight"]]
    ours = C.betweenness(g, weighted=True)
    np.testing.assert_allclose(
        ours, g.betweenness(directed=directed, weights=lengths), rtol=1e-10, atol=1e-8
    )


_BETWEENNESS_CHILD = """
import json, sys
import numpy as np, scipy.sparse as sp
from clusternet import centrality as C, path_centrality
default_budget = path_centrality.SUCCESSOR_BUFFER_BYTES
out = []
for n, edges, directed, budget in json.loads(sys.stdin.read()):
    e = np.array(edges, dtype=np.int64).reshape(-1, 2)
    a = sp.csr_array((np.ones(len(e)), (e[:, 0], e[:, 1])), shape=(n, n))
    if not directed:
        a = ((a + a.T) > 0).astype(float)
    path_centrality.SUCCESSOR_BUFFER_BYTES = default_budget if budget is None else budget
    out.append(C.betweenness(sp.csr_array(a)).tolist())
print(json.dumps(out))
"""


def test_betweenness_buffers_stay_in_bounds_under_boundscheck(tmp_path):
    """Issue 30 (held-out seed 2040): the unweighted Brandes kernel keeps each BFS level's
    successor-block offsets in a scratch array one longer than the actors; one too short is
    written past its end when the last level but one ends at actor ``n - 1`` (a path read
    from its end), invisible in the scores. Run in a child under ``NUMBA_BOUNDSCHECK=1``
    (its own Numba cache), where such an access is an ``IndexError``; the scores against
    igraph on paths, a star and a small random graph, directed and undirected.

    Seed 2050, kernels/paths.py L239 (`<` -> `<=`): a top-down step's slow path stored a
    DAG tie while ``top <= cap``, one past the successor buffer, when the source's last DAG
    tie lands at ``top == cap``. By hand, on 0 -> {1, 2, 3} -> 4 (directed) with a budget of
    4 bytes the cap is n = 5 successors; from source 0 both levels are top-down (a level's
    out-ties, 3 and then 3, are no more than the in-ties and actors not yet reached, 6 + 4
    and then 3 + 1) and its DAG has 6 ties: 0's three fill slots 0-2, 1 -> 4 and 2 -> 4
    slots 3-4, and 3 -> 4 finds the buffer full (top = cap = 5), so the source rescans its
    adjacency (the store one past the end reads back the same scores unchecked; under the
    check it is an IndexError). The scores: 1, 2 and 3 each carry a third of the one pair
    (0, 4), joined by three shortest paths, 0 and 4 nothing: (0, 1/3, 1/3, 1/3, 0), as
    igraph's."""
    from boundscheck import run_boundschecked

    rng = np.random.default_rng(40)
    random_edges = [[int(u), int(v)] for u, v in rng.integers(0, 12, (30, 2)) if u != v]
    fan = [[0, 1], [0, 2], [0, 3], [1, 4], [2, 4], [3, 4]]
    cases = [  # n, edges, directed, successor budget in bytes (None: the default)
        [5, [[i, i + 1] for i in range(4)], True, None],
        [5, [[i, i + 1] for i in range(4)], False, None],
        [6, [[0, i] for i in range(1, 6)], False, None],
        [12, random_edges, True, None],
        [12, random_edges, False, None],
        [5, fan, True, 4],  # seed 2050: the last DAG tie finds the buffer exactly full
    ]
    got = run_boundschecked(_BETWEENNESS_CHILD, cases, tmp_path)
    for (n, edges, directed, _), ours in zip(cases, got, strict=True):
        g = ig.Graph(n=n, edges=[tuple(e) for e in edges], directed=directed).simplify()
        np.testing.assert_allclose(ours, g.betweenness(directed=directed), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(got[-1], [0, 1 / 3, 1 / 3, 1 / 3, 0], rtol=1e-15, atol=0)


def test_betweenness_normalised_matches_networkx():
    g = nx.gnm_random_graph(60, 150, seed=8)
    a = sp.csr_array(nx.to_scipy_sparse_array(g, nodelist=range(60)))
    ref = nx.betweenness_centrality(g, normalized=True)
    np.testing.assert_allclose(
        C.betweenness(a, normalized=True), [ref[i] for i in range(60)], atol=1e-12
    )
    d = nx.gnm_random_graph(60, 200, seed=9, directed=True)
    a = sp.csr_array(nx.to_scipy_sparse_array(d, nodelist=range(60)))
    ref = nx.betweenness_centrality(d, normalized=True)
    np.testing.assert_allclose(
        C.betweenness(a, normalized=True), [ref[i] for i in range(60)], atol=1e-12
    )
    # direction ignored on request
    ref = nx.betweenness_centrality(d.to_undirected(), normalized=False)
    np.testing.assert_allclose(
        C.betweenness(a, directed=False), [ref[i] for i in range(60)], atol=1e-9
    )


def test_source_sampling_is_unbiased_in_expectation():
    g = ig.Graph.Barabasi(120, 2)
    exact = np.array(g.betweenness())
    est = np.mean([C.betweenness(g, samples=30, seed=s) for s in range(200)], axis=0)
    assert np.abs(est - exact).max() < 0.06 * exact.max()


def _ordered_normalised(g):
    n = g.vcount()
    raw = np.array(g.betweenness(directed=g.is_directed()))
    return (raw if g.is_directed() else 2 * raw) / (n * (n - 1))


@pytest.mark.parametrize(
    "make",
    [
        lambda: ig.Graph.Barabasi(400, 2),
        lambda: ig.Graph.Erdos_Renyi(300, m=900, directed=True),
        lambda: ig.Graph.Lattice([15, 15], circular=False),
    ],
)
def test_approximate_betweenness_error_guarantee(make):
    g = make()
    exact = _ordered_normalised(g)
    eps, delta = 0.02, 0.1
    trials = 20
    ok = 0
    for s in range(trials):
        res = C.approximate_betweenness(g, epsilon=eps, delta=delta, seed=s)
        err = np.abs(res.scores - exact).max()
        ok += err < eps
        assert np.all(res.lower <= res.scores + 1e-15) and np.all(res.scores <= res.upper + 1e-15)
        assert res.samples <= res.omega
    assert ok >= (1 - delta) * trials


def test_approximate_betweenness_is_unbiased():
    g = ig.Graph.Barabasi(150, 2)
    exact = _ordered_normalised(g)
    runs = [C.approximate_betweenness(g, epsilon=0.05, seed=s).scores for s in range(30)]
    assert np.abs(np.mean(runs, axis=0) - exact).max() < 0.01


def test_approximate_betweenness_rescaled_like_exact():
    g = ig.Graph.Barabasi(300, 3)
    est = C.betweenness(g, epsilon=0.005, seed=1)
    exact = np.array(g.betweenness())
    n = g.vcount()
    assert np.abs(est - exact).max() / (n * (n - 1) / 2) < 0.005


def test_sampled_betweenness_independent_of_thread_count(threads):
    g = ig.Graph.Barabasi(500, 2)
    with threads(1):
        a = C.approximate_betweenness(g, epsilon=0.02, seed=42)
        b1 = C.betweenness(g, samples=50, seed=42)
    with threads(2):
        b = C.approximate_betweenness(g, epsilon=0.02, seed=42)
        b2 = C.betweenness(g, samples=50, seed=42)
    np.testing.assert_array_equal(a.scores, b.scores)
    assert a.samples == b.samples
    np.testing.assert_allclose(b1, b2, rtol=1e-13)


# ---------------------------------------------------------------- structural holes
def test_constraint_with_hub_contacts_matches_igraph():
    # egos of a few ties next to hubs of hundreds: the kernel searches a hub's sorted
    # row instead of scanning it (hub degree > 16 x ego degree)
    rng = np.random.default_rng(3)
    n = 400
    edges = {(0, j) for j in range(2, n)} | {(1, j) for j in range(2, n, 2)}
    while len(edges) < n * 2 + 300:
        a, b = sorted(rng.integers(2, n, 2).tolist())
        if a != b:
            edges.add((a, b))
    g = ig.Graph(n=n, edges=sorted(edges))
    g.es["weight"] = rng.random(g.ecount()) + 0.1
    ref = np.array(g.constraint(weights="weight"))
    np.testing.assert_allclose(S.constraint(g), ref, atol=1e-12, equal_nan=True)


@pytest.mark.parametrize("directed", [True, False])
def test_constraint_matches_igraph(directed):
    g = weighted_er(120, 350, directed, seed=10)
    ours = C_constraint = S.constraint(g)
    ref = np.array(g.constraint(weights="weight"))
    np.testing.assert_allclose(C_constraint, ref, atol=1e-12, equal_nan=True)
    np.testing.assert_allclose(
        S.constraint(g, weighted=False), g.constraint(), atol=1e-12, equal_nan=True
    )
    assert np.isnan(ours).sum() == np.isnan(ref).sum()


@pytest.mark.parametrize("directed", [True, False])
@pytest.mark.parametrize("weighted", [True, False])
def test_effective_size_matches_networkx(directed, weighted):
    g = nx.gnm_random_graph(70, 200, seed=11, directed=directed)
    rng = np.random.default_rng(11)
    for u, v in g.edges:
        g[u][v]["weight"] = float(rng.random() + 0.1)
    a = sp.csr_array(
        nx.to_scipy_sparse_array(g, nodelist=range(70), weight="weight" if weighted else None)
    )
    # nodes= selects networkx's per-node formula (Burt's: m_jq scaled by j's strongest tie)
    ref = nx.effective_size(g, nodes=list(range(70)), weight="weight" if weighted else None)
    ref = np.array([ref[i] for i in range(70)])
    ours = S.effective_size(a, weighted=weighted)
    defined = ~np.isnan(ref)  # networkx leaves actors with only incoming ties undefined
    np.testing.assert_allclose(ours[defined], ref[defined], atol=1e-12)


# ---------------------------------------------------------------- multilayer
def dense_pagerank(P_cols, teleport, d):
    """Stationary vector of x = d P x + (d D(x) + 1 - d) v by a dense linear solve."""
    n = len(teleport)
    dangling = P_cols.sum(axis=0) == 0
    M = d * P_cols + d * np.outer(teleport, dangling) + (1 - d) * np.outer(teleport, np.ones(n))
    vals, vecs = np.linalg.eig(M)
    x = np.real(vecs[:, np.argmax(np.real(vals))])
    return x / x.sum()


def dense_multiplex_pagerank(mats, b, c, d=0.85):
    n = mats[0].shape[0]
    x = None
    for k, a in enumerate(mats):
        if k == 0:
            bias, tele = np.ones(n), np.ones(n)
        else:
            bias = x**b
            tele = x**c
        w = a * bias[None, :]  # w[j, i] = A_ji x_i^b
        g = w.sum(axis=1)
        P = np.zeros((n, n))
        nz = g > 0
        P[:, nz] = (w[nz] / g[nz, None]).T  # P[i, j] = w_ji / G_j
        x = dense_pagerank(P, tele / tele.sum(), d)
    return x


@st.composite
def small_multiplex(draw):
    n = draw(st.integers(3, 8))
    layers = []
    for name in ("technology", "social", "transaction"):
        m = draw(st.integers(1, 14))
        s = draw(st.lists(st.integers(0, n - 1), min_size=m, max_size=m))
        t = draw(st.lists(st.integers(0, n - 1), min_size=m, max_size=m))
        w = draw(st.lists(st.floats(0.2, 3.0), min_size=m, max_size=m))
        layers += [(a, b, name, x) for a, b, x in zip(s, t, w) if a != b]
    if not layers:
        layers = [(0, 1, "social", 1.0)]
    edges = pd.DataFrame(layers, columns=["source", "target", "layer", "weight"])
    return cn.ClusterNetwork.from_edges(edges, actors=pd.DataFrame({"id": range(n)}))


@settings(max_examples=60, deadline=None)
@given(small_multiplex(), st.sampled_from(["additive", "multiplicative", "combined"]))
def test_multiplex_pagerank_matches_dense(net, variant):
    b, c = {"additive": (0, 1), "multiplicative": (1, 0), "combined": (1, 1)}[variant]
    mats = [net.csr(name).toarray() for name in net.layers]
    ours = C.multiplex_pagerank(net, variant=variant)
    np.testing.assert_allclose(ours, dense_multiplex_pagerank(mats, b, c), atol=1e-8)


def test_multiplex_pagerank_hand_case():
    # layer 1: 0-1 and 1-2 (a path: actor 1 central); layer 2: a directed 3-cycle-free star into 2
    edges = pd.DataFrame(
        {
            "source": [0, 1, 0, 1],
            "target": [1, 2, 2, 2],
            "layer": ["social", "social", "transaction", "transaction"],
        }
    )
    net = cn.ClusterNetwork.from_edges(edges)
    x1 = C.pagerank(net, layers="social")
    # path graph: a = (1-d)/3 + d b/2, b = (1-d)/3 + 2 d a  =>  a = 0.07125 / 0.2775 for d = 0.85
    a = 0.07125 / 0.2775
    np.testing.assert_allclose(x1, [a, 0.05 + 1.7 * a, a], atol=1e-9)
    neutral = C.multiplex_pagerank(net, layers=["social", "transaction"], variant="neutral")
    np.testing.assert_allclose(neutral, C.pagerank(net, layers="transaction"), atol=1e-12)


@settings(max_examples=40, deadline=None)
@given(small_multiplex(), st.floats(0.1, 2.0))
def test_versatility_matches_dense_supra_pagerank(net, omega):
    supra = net.supra(omega).toarray()
    n = net.n_actors
    out = supra.sum(axis=1)
    P = np.zeros_like(supra)
    nz = out > 0
    P[:, nz] = (supra[nz] / out[nz, None]).T
    x = dense_pagerank(P, np.full(supra.shape[0], 1 / supra.shape[0]), 0.85)
    ref = x.reshape(len(net.layers), n).sum(axis=0)
    np.testing.assert_allclose(C.versatility(net, omega=omega), ref, atol=1e-8)


def test_versatility_at_its_default_tolerance_against_a_dense_supra_pagerank():
    """Issue 30: ``versatility`` with its defaults (``tol=1e-10``) on the Florentine
    families (two layers, the supra-graph with omega = 1) equals the dense supra PageRank
    summed over each actor's replicas to 1e-9; the hypothesis sweep over omega checks
    other cases but runs only in ``make test``."""
    net = cn.datasets.load_florentine_families()
    supra = net.supra(1.0).toarray()
    out = supra.sum(axis=1)
    P = np.zeros_like(supra)
    nz = out > 0
    P[:, nz] = (supra[nz] / out[nz, None]).T
    x = dense_pagerank(P, np.full(supra.shape[0], 1 / supra.shape[0]), 0.85)
    ref = x.reshape(len(net.layers), net.n_actors).sum(axis=0)
    np.testing.assert_allclose(C.versatility(net), ref, rtol=0, atol=1e-9)


def test_eigenvector_versatility_dense():
    net = cn.datasets.load_florentine_families().subnetwork(
        actors=[i for i in range(1, 17) if i != 13]
    )
    s = net.supra(1.0).toarray()
    _vals, vecs = np.linalg.eigh(s)
    v = np.abs(vecs[:, -1])
    ref = (v / v.sum()).reshape(2, -1).sum(axis=0)
    np.testing.assert_allclose(C.versatility(net, kind="eigenvector"), ref, atol=1e-9)


def _same_weighted_betweenness_under_every_labelling(ties: dict, expected: list) -> None:
    """Weighted directed betweenness of 6 actors with tie *lengths* ``ties``, under all
    720 labellings, against ``expected`` (in the original labels)."""
    rows = np.array([i for i, _ in ties])
    cols = np.array([j for _, j in ties])
    lengths = np.array(list(ties.values()))
    for perm in itertools.permutations(range(6)):
        p = np.array(perm)
        a = sp.csr_array((1.0 / lengths, (p[rows], p[cols])), shape=(6, 6))
        got = path_centrality.betweenness(a, weighted=True)[p]
        np.testing.assert_allclose(
            got, np.asarray(expected, dtype=float), rtol=1e-12, atol=1e-12, err_msg=str(perm)
        )


def test_weighted_betweenness_dijkstra_does_not_depend_on_labels_within_the_tie_tolerance():
    """Round 29's referee (``k_dijkstra`` L71): where near-tied lengths chain, keeping the
    first length found within the 1e-10 tolerance let the heap's pop order among the
    exactly tied actors 1, 2, 5 (all at distance 1 from 0) decide actor 3's distance
    (1 + 2e-11 or 1 + 1e-11) and, through it, whether 0 -> 5 -> 4 (2 + 2.15e-10) ties with
    0 -> . -> 3 -> 4: the scores moved by whole fractions under a relabelling.

    Reference by hand, from the exact minimum distances d(3) = 1 + 1e-11 and
    d(4) = 2 + 1e-11: actors 1 and 2 both precede 3 (1 + 2e-11 agrees with 1 + 1e-11
    within 1e-10), 5 does not precede 4 (2.05e-10 apart, past 1e-10 of the distance).
    Ordered pairs: 0 -> 3 and 0 -> 4 each split over 1 and 2 (1/2 + 1/2 each), and 3
    lies on 0 -> 4, 1 -> 4 and 2 -> 4: scores [0, 1, 1, 3, 0, 0] under every one of the
    720 labellings.
    """
    ties = {(0, 1): 1.0, (0, 2): 1.0, (1, 3): 2e-11, (2, 3): 1e-11, (3, 4): 1.0}
    ties |= {(0, 5): 1.0, (5, 4): 1.0 + 2.15e-10}
    _same_weighted_betweenness_under_every_labelling(ties, [0.0, 1.0, 1.0, 3.0, 0.0, 0.0])


def test_weighted_betweenness_dijkstra_of_the_referees_chain_is_the_same_under_every_labelling():
    """The case round 29's referee wrote down (docs/contributing.md, Round 29), where the
    old kernel gave [0, 1.333, 0.333, 0.333, 1.333, 2.0] or [0, 0.333, 0.833, 0.833, 1.0,
    2.667] by labelling. By hand from the exact distances from 0 (d(5) = 2 over actor 2,
    with 2 + 1e-11 over actor 3 a tie; d(4) = 2 + 1e-12 over 5, with 2 + 5e-12 over 1 a
    tie): 0 -> 5 splits over 2 and 3; 0 -> 4 has three paths (over 1, over 2 and 5, over
    3 and 5); 1 -> 5 passes 4; 2 -> 4 and 3 -> 4 pass 5."""
    ties = {(0, 1): 1.0, (0, 2): 1.0, (0, 3): 1.0, (1, 4): 1 + 5e-12, (2, 5): 1.0}
    ties |= {(3, 5): 1 + 1e-11, (5, 4): 1e-12, (4, 5): 1e-12}
    _same_weighted_betweenness_under_every_labelling(ties, [0, 1 / 3, 5 / 6, 5 / 6, 1, 8 / 3])


def test_parallel_ties_sum_to_the_same_weight_under_every_labelling_dijkstra():
    """Round 30's referee: scipy sorts a row of more than 16 entries with an unstable
    sort, so the order in which three parallel ties 0 -> 1 (weights 1e-16, 1e-16, 1)
    were summed moved with the other actors' labels: 1 + 1e-16 + 1e-16 is 1, but
    1e-16 + 1e-16 + 1 is 1 + 2^-52. The input layer now sums parallel ties in ascending
    order of weight. By hand: w(0, 1) = 1 + 2^-52, so d(1) = 1 / w < 1 = d(22), and
    0 -> 1 -> 22 (d(1) + 1e-12) ties with the direct tie within 1e-10: actor 22 has two
    shortest paths from 0, one through 1, and 1 scores 1/2, under every labelling."""
    n = 23
    edges = [(0, 1)] * 3 + [(0, j) for j in range(2, 22)] + [(0, 22), (1, 22)]
    weights = [1e-16, 1e-16, 1.0] + [1.0] * 21 + [1e12]
    assert (1e-16 + 1e-16) + 1.0 == 1.0 + 2.0**-52 and (1.0 + 1e-16) + 1e-16 == 1.0
    expected = np.zeros(n)
    expected[1] = 0.5
    rng = np.random.default_rng(0)
    for t in range(60):
        p = rng.permutation(n) if t else np.arange(n)
        g = ig.Graph(n=n, edges=[(int(p[a]), int(p[b])) for a, b in edges], directed=True)
        g.es["weight"] = weights
        np.testing.assert_array_equal(
            path_centrality.betweenness(g, weighted=True)[p], expected, err_msg=str(p)
        )
        # the same ties as a CSR matrix that stores the parallel ties (not canonical)
        rows = p[[a for a, _ in edges]]
        by_row = np.argsort(rows, kind="stable")
        indptr = np.concatenate([[0], np.cumsum(np.bincount(rows, minlength=n))])
        cols = p[[b for _, b in edges]][by_row]
        m = sp.csr_array((np.array(weights)[by_row], cols, indptr), shape=(n, n))
        assert not m.has_canonical_format
        np.testing.assert_array_equal(path_centrality.betweenness(m, weighted=True)[p], expected)


def test_weighted_betweenness_dijkstra_reports_a_vanishing_tie_even_beside_an_overflow():
    """Seed 2047 (kernels/dijkstra.py L268, ``continue`` -> ``break`` after an overflowed
    path count): from actor 0, actor 2 is reached only over a tie of length 1e-20 that
    vanishes against the distance 1 (its row is NaN), and 1,030 chained diamonds behind
    actor 3 overflow the path count (2^1030; row -inf). The backward pass meets the
    overflow first; it must go on to the vanishing tie, whose error is the one reported
    (the NaN check comes first): stopping at the overflow reported the other error."""
    k = 1030
    r, c, w = [0, 1, 0], [1, 2, 3], [1.0, 1e20, 1.0]
    for i in range(k):
        a, b1, b2, nxt = 3 + 3 * i, 4 + 3 * i, 5 + 3 * i, 6 + 3 * i
        r += [a, a, b1, b2]
        c += [b1, b2, nxt, nxt]
        w += [1.0] * 4
    n = 3 * k + 4
    a = sp.csr_array((w, (r, c)), shape=(n, n))
    with pytest.raises(ValueError, match="the actor at position 2 arrive only over ties"):
        path_centrality.betweenness(a, weighted=True, normalized=False)
    # without the vanishing tie the overflow is what is reported
    a2 = sp.csr_array((w[3:], (r[3:], c[3:])), shape=(n, n))
    with pytest.raises(ValueError, match="exceeds float64's range"):
        path_centrality.betweenness(a2, weighted=True, normalized=False)


def test_eigenvector_versatility_of_a_directed_strongly_connected_multiplex_dense():
    """Seed 2046 (centrality.py L446, ``ncomp > 1`` -> ``>= 1``): a directed supra-graph that
    is strongly connected must be computed, not refused. Two directed layers over four
    actors (a weighted 4-cycle and a second pattern), coupled by omega 0.5; reference: the
    Perron vector of the dense supra-adjacency's transpose (in-ties, as eigenvector
    documents for directed graphs), normalised to sum 1 and summed over each actor's
    replicas."""
    edges = pd.DataFrame(
        {
            "source": [0, 1, 2, 3, 0, 2, 1, 3],
            "target": [1, 2, 3, 0, 2, 0, 3, 1],
            "layer": ["trade"] * 4 + ["tech"] * 4,
            "weight": [1.0, 2.0, 1.0, 3.0, 1.0, 0.5, 2.0, 1.0],
        }
    )
    net = cn.ClusterNetwork.from_edges(edges, directed=True, layers=["trade", "tech"])
    s = net.supra(0.5).toarray()
    assert (s != s.T).any()  # directed
    vals, vecs = np.linalg.eig(s.T)
    v = np.abs(np.real(vecs[:, np.argmax(np.real(vals))]))
    ref = (v / v.sum()).reshape(2, -1).sum(axis=0)
    got = C.versatility(net, omega=0.5, kind="eigenvector")
    np.testing.assert_allclose(got, ref, rtol=0, atol=1e-9)
    assert got.sum() == pytest.approx(1.0, abs=1e-12)


@settings(max_examples=60, deadline=None)
@given(small_multiplex())
def test_participation_and_overlap_dense(net):
    if len(net.layers) < 2:
        with pytest.raises(ValueError, match="at least two layers"):
            S.participation_coefficient(net)
        return
    mats = [(net.csr(name, direction="both").toarray() > 0).astype(float) for name in net.layers]
    deg = np.array([m.sum(axis=1) for m in mats])
    o = deg.sum(axis=0)
    M = len(mats)
    with np.errstate(invalid="ignore", divide="ignore"):
        ref = M / (M - 1) * (1 - ((deg / o) ** 2).sum(axis=0))
    ref[o == 0] = np.nan
    np.testing.assert_allclose(S.overlapping_degree(net), o)
    np.testing.assert_allclose(S.participation_coefficient(net), ref, atol=1e-12, equal_nan=True)
    table = S.edge_overlap(net)
    for _, row in table.iterrows():
        a = np.triu(mats[net.layers.index(row["layer_a"])], 1)
        b = np.triu(mats[net.layers.index(row["layer_b"])], 1)
        assert row["shared"] == int((a * b).sum())
        assert row["jaccard"] == pytest.approx((a * b).sum() / max(((a + b) > 0).sum(), 1))


def test_participation_hand_case():
    # actor 0: 1 tie in each of 2 layers -> P = 1; actor 2: both ties in one layer -> P = 0
    edges = pd.DataFrame(
        {
            "source": [0, 0, 2, 2],
            "target": [1, 3, 4, 5],
            "layer": ["social", "technology", "social", "social"],
        }
    )
    net = cn.ClusterNetwork.from_edges(edges)
    p = S.participation_coefficient(net)
    assert p[0] == pytest.approx(1.0) and p[2] == pytest.approx(0.0)


# ---------------------------------------------------------------- bad input
def test_bad_input_errors(small_net):
    with pytest.raises(ValueError, match="damping"):
        C.pagerank(small_net, damping=1.0)
    with pytest.raises(ValueError, match="unknown layer"):
        C.pagerank(small_net, layers="nope")
    with pytest.raises(ValueError, match="invalid weight"):
        C.pagerank(sp.csr_array(np.array([[0, -1.0], [1.0, 0]])))
    with pytest.raises(ValueError, match="invalid weight"):
        C.betweenness(sp.csr_array(np.array([[0, np.nan], [1.0, 0]])))
    with pytest.raises(ValueError, match="empty"):
        C.harmonic(sp.csr_array((0, 0)))
    with pytest.raises(ValueError, match="square"):
        C.pagerank(sp.csr_array(np.ones((2, 3))))
    with pytest.raises(
        TypeError,
        match="ClusterNetwork, a scipy.sparse matrix, an igraph.Graph or a networkx graph",
    ):
        C.pagerank([[0, 1], [1, 0]])
    with pytest.raises(ValueError, match="personalization"):
        C.pagerank(small_net, personalization=np.array([1, 0, 0, 0, np.nan]))
    with pytest.raises(ValueError, match="epsilon"):
        C.betweenness(small_net, epsilon=1.5)
    with pytest.raises(ValueError, match="unweighted"):
        C.betweenness(small_net, epsilon=0.1, weighted=True)


# ---------------------------------------------------------------- regressions found in review
# (issue 15; moved here from tests/test_robustness.py to sit beside the module's own tests)


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


def test_zero_weight_edge_counts_in_approximate_betweenness():
    """Seed 2038, path_centrality.py L441 (``weighted=False → True``): KADABRA ignores tie
    weights, so a stored tie of weight 0 is a tie. Path 0-1-2 with weights [1, 0]: actor
    1 lies on the shortest path of 2 of the 6 ordered pairs, b = 1/3 (igraph's count 1
    over n (n - 1) / 2 = 3); dropping the zero tie would leave no pair through it."""
    g = ig.Graph(n=3, edges=[(0, 1), (1, 2)])
    g.es["weight"] = [1.0, 0.0]
    exact = np.array(g.betweenness()) / 3  # igraph ignores weights unless asked
    np.testing.assert_allclose(exact, [0, 1 / 3, 0])
    rows, cols = np.array([0, 1, 1, 2]), np.array([1, 0, 2, 1])
    a = sp.csr_array((np.array([1.0, 1.0, 0.0, 0.0]), (rows, cols)), shape=(3, 3))
    assert a.nnz == 4  # explicit zeros: stored ties of weight 0
    G = nx.Graph()
    G.add_edge(0, 1, weight=1.0)
    G.add_edge(1, 2, weight=0.0)
    eps = 0.05
    for graph in (g, a, G):
        res = C.approximate_betweenness(graph, epsilon=eps, delta=0.1, seed=7)
        assert np.abs(res.scores - exact).max() < eps
        assert np.all(res.lower <= exact) and np.all(exact <= res.upper)


def test_approximate_betweenness_refuses_more_paths_than_float64_holds():
    """Seed 2038's triage found KADABRA's walk back looping for ever on a pair with more
    than ~2**1024 shortest paths (the meeting edge's weight overflows, no edge is kept).
    A chain of 1,100 stages of 4 parallel middles has 4**k shortest paths across k stages,
    so pairs more than 512 stages apart (about a quarter of them) overflow: refused by
    name, as exact betweenness refuses such counts."""
    g = ig.Graph()
    stages, width = 1100, 4
    g.add_vertices(stages * (width + 1) + 1)
    g.add_edges(
        [(k * (width + 1), k * (width + 1) + m) for k in range(stages) for m in range(1, width + 1)]
        + [
            (k * (width + 1) + m, (k + 1) * (width + 1))
            for k in range(stages)
            for m in range(1, width + 1)
        ]
    )
    with pytest.raises(ValueError, match="exceeds float64's range"):
        C.approximate_betweenness(g, epsilon=0.1, seed=1)
    with pytest.raises(ValueError, match="exceeds float64's range"):
        C.betweenness(g)


@pytest.mark.parametrize("directed", [False, True])
def test_brandes_with_small_successor_budget_matches_igraph(monkeypatch, directed):
    """Issue 15.7: successor buffers are bounded; sources whose DAG overflows rescan adjacency.

    Issue 29: the stored path's bottom-up steps push dependencies to predecessors while
    the rescan pulls them from successors, so the two agree to the order of their sums.
    """
    g = ig.Graph.Erdos_Renyi(300, m=1500, directed=directed)
    full = C.betweenness(g)
    # the buffer lives with the path measures (clusternet.path_centrality)
    monkeypatch.setattr(path_centrality, "SUCCESSOR_BUFFER_BYTES", 4)  # cap = n: DAGs overflow
    bounded = C.betweenness(g)
    ref = np.array(g.betweenness(directed=directed))
    np.testing.assert_allclose(bounded, ref, rtol=1e-10, atol=1e-9)
    np.testing.assert_allclose(
        bounded, full, rtol=1e-14, atol=0
    )  # same terms, summed in another order


@pytest.mark.parametrize("budget", [4, 4 * 400, 4 * 10**6])
def test_brandes_successor_buffers_keep_to_their_memory_budget(monkeypatch, budget):
    """``SUCCESSOR_BUFFER_BYTES`` bounds what all threads' successor buffers take together
    (4-byte entries), with one row of ``n`` entries per chunk as the floor: the cap handed
    to the kernel satisfies ``cap * 4 * chunks <= max(budget, 4 n chunks)`` and is at least
    ``n`` (held-out seed 2031: a cap multiplied by the chunks instead of divided)."""
    seen = []
    real = path_centrality.brandes_bfs

    def spy(*args):
        seen.append((int(args[8]), int(args[9])))  # chunks, succ_cap
        return real(*args)

    monkeypatch.setattr(path_centrality, "brandes_bfs", spy)
    monkeypatch.setattr(path_centrality, "SUCCESSOR_BUFFER_BYTES", budget)
    g = ig.Graph.Erdos_Renyi(250, m=1200)
    ours = C.betweenness(g)
    np.testing.assert_allclose(ours, g.betweenness(), rtol=1e-10, atol=1e-9)
    assert len(seen) == 1
    chunks, cap = seen[0]
    assert cap >= 250 and cap * 4 * chunks <= max(budget, 4 * 250 * chunks)


def test_constraint_and_effective_size_share_the_weighted_default():
    import inspect

    from clusternet import structure

    defaults = {
        f: inspect.signature(getattr(structure, f)).parameters["weighted"].default
        for f in ("constraint", "effective_size")
    }
    assert defaults == {"constraint": True, "effective_size": True}


# ---------------------------------------------------------------- hostile input (issue 30)
def _path(w):
    return sp.csr_array(np.array([[0.0, w, 0.0], [w, 0.0, w], [0.0, w, 0.0]]))


def test_pagerank_survives_huge_layer_weights_and_personalization(small_net):
    # issue 30 item 7: sums of 1e308 overflowed to inf and every score came out NaN
    ref = C.pagerank(small_net)
    huge = C.pagerank(small_net, layer_weights={name: 1e308 for name in small_net.layers})
    np.testing.assert_allclose(huge, ref, atol=1e-12)
    flat = C.pagerank(small_net, personalization=np.full(5, 1e308))
    np.testing.assert_allclose(flat, ref, atol=1e-12)
    mixed = C.pagerank(small_net, layer_weights={"social": 1e308, "transaction": 1e307})
    by_hand = C.pagerank(small_net, layer_weights={"social": 10.0, "transaction": 1.0})
    # unnamed layers weigh 1, i.e. 1e-308 of the heaviest: effectively absent, still finite
    assert np.isfinite(mixed).all() and mixed.sum() == pytest.approx(1.0)
    assert not np.allclose(by_hand, mixed)  # the unnamed layers weigh 1/10 in by_hand


def test_pagerank_rescales_weights_whose_sums_overflow():
    a = sp.csr_array(np.array([[0.0, 1e308, 1e308], [1.0, 0.0, 0.0], [1.0, 0.0, 0.0]]))
    scores = C.pagerank(a)
    ref = C.pagerank(sp.csr_array(a.toarray() / 1e308))
    np.testing.assert_allclose(scores, ref, atol=1e-12)


@pytest.mark.parametrize("scale", [1e308, 1.0, 1e-308])
def test_pagerank_of_extreme_weights_is_the_closed_form_of_the_walk(scale):
    """Round 10, held-out sample (seed 2028) of centrality.py (L130: the rescaled walk's
    ``where=scaled > 0`` → ``> 1``, which left every transition 0): actor 0 ties to 1 and 2,
    each ties back to 0, all weights ``scale`` (out-strengths overflow at 1e308 and fall
    below 1e-290 at 1e-308, where the walk is rescaled). The walk moves 0 -> 1, 2 with
    probability 1/2 and 1, 2 -> 0 with 1 at any scale: x_0 = (1 + 2d) / (3 (1 + d)),
    x_1 = x_2 = (1 - x_0) / 2 (the test above only compared two rescaled walks)."""
    a = sp.csr_array(([scale] * 4, ([0, 0, 1, 2], [1, 2, 0, 0])), shape=(3, 3))
    d = 0.85
    x0 = (1 + 2 * d) / (3 * (1 + d))
    np.testing.assert_allclose(
        C.pagerank(a, damping=d), [x0, (1 - x0) / 2, (1 - x0) / 2], atol=1e-12
    )


def test_eigenvector_components_tie_within_a_relative_1e9_of_the_largest_radius():
    """Round 10, held-out sample (seed 2028) of centrality.py (L668: the leaders' tolerance
    ``1e-9 * top`` → ``1e-9 / top``): two triangles, one of weight 1 (radius 2) and one of
    weight 1 - r (radius 2 (1 - r)); their radii tie when they differ by at most 1e-9 of
    the largest, 2e-9 here: r = 5e-10 (a gap of 1e-9) is a tie and refused, r = 2e-9 (a
    gap of 4e-9) is not, and the heavier triangle leads."""

    def two_triangles(r):
        a = np.zeros((6, 6))
        for block, w in ((0, 1.0), (3, 1.0 - r)):
            for i in range(3):
                for j in range(3):
                    if i != j:
                        a[block + i, block + j] = w
        return sp.csr_array(a)

    with pytest.raises(
        ValueError, match="not unique: several components share the largest eigenvalue 2"
    ):
        C.eigenvector(two_triangles(5e-10))
    np.testing.assert_allclose(C.eigenvector(two_triangles(2e-9)), [1, 1, 1, 0, 0, 0], atol=1e-12)


@pytest.mark.parametrize("w", [5e-324, 1e-310, 1e-300, 1e-5, 1.0, 1e300])
def test_katz_default_alpha_is_scale_invariant(w):
    # subnormal weights (below 2.2e-308): scipy's sparse division multiplied by 1 / w = inf
    # and numpy's eigvals refused the infs (round 28's referee)
    # issue 30 item 8: weights 1e-300 fell back to alpha = 0.1 and gave a uniform vector
    ref = nx.katz_centrality_numpy(nx.path_graph(3), alpha=0.9 / np.sqrt(2), weight=None)
    np.testing.assert_allclose(C.katz(_path(w)), [ref[i] for i in range(3)], rtol=1e-9)


def test_katz_user_alpha_checked_against_raw_spectral_radius():
    with pytest.raises(ValueError, match="alpha=.*too large"):
        C.katz(_path(1e-300), alpha=1e300)  # alpha * lambda = 1.41
    ours = C.katz(_path(1e-300), alpha=0.5e300)
    ref = nx.katz_centrality_numpy(nx.path_graph(3), alpha=0.5, weight=None)
    np.testing.assert_allclose(ours, [ref[i] for i in range(3)], rtol=1e-9)


def test_katz_rejects_beta_of_wrong_shape():
    # issue 30 item 19: numpy's broadcast error did not name beta
    with pytest.raises(ValueError, match=r"beta must be .* shape \(3,\), got shape \(4,\)"):
        C.katz(_path(1.0), beta=np.ones(4))


def test_eigenvector_self_loops_only():
    # issue 30 item 12: equal self-loops gave [1, 0, 0], an arbitrary pick among ties
    with pytest.raises(ValueError, match="not unique"):
        C.eigenvector(sp.csr_array(np.eye(3)))
    np.testing.assert_allclose(C.eigenvector(sp.csr_array(np.diag([1.0, 2.0, 1.0]))), [0, 1, 0])
    # a loop heavier than a component's eigenvalue leads; a lighter one scores 0
    a = np.zeros((4, 4))
    a[0, 1] = a[1, 0] = 1.0  # eigenvalue 1
    a[2, 2] = 3.0
    np.testing.assert_allclose(C.eigenvector(sp.csr_array(a)), [0, 0, 1, 0], atol=1e-12)
    a[2, 2] = 0.5
    np.testing.assert_allclose(C.eigenvector(sp.csr_array(a)), [1, 1, 0, 0], atol=1e-12)
    # no ties at all: igraph's convention, all ones
    np.testing.assert_array_equal(C.eigenvector(sp.csr_array((3, 3))), np.ones(3))
    with pytest.warns(RuntimeWarning, match="no edges"):
        ref = ig.Graph(3).eigenvector_centrality(scale=True)
    np.testing.assert_allclose(C.eigenvector(sp.csr_array((3, 3))), ref)


def test_versatility_of_empty_network_names_the_problem(small_net):
    # issue 30 item 16: a ZeroDivisionError from inside
    with pytest.raises(ValueError, match="net has no actors"):
        C.versatility(small_net.subnetwork([]))


def _weighted_pair():
    """A weighted undirected graph whose unweighted and weighted scores differ."""
    g = nx.gnm_random_graph(30, 80, seed=11)
    rng = np.random.default_rng(11)
    for u, v in g.edges:
        g[u][v]["weight"] = float(rng.choice([0.2, 5.0]))
    g = g.subgraph(max(nx.connected_components(g), key=len)).copy()
    g = nx.convert_node_labels_to_integers(g)
    return g, sp.csr_array(nx.to_scipy_sparse_array(g, nodelist=range(g.number_of_nodes())))


def test_katz_unweighted_ignores_weights():
    # issue 30 item 23: a katz that always used weights survived every test
    g, a = _weighted_pair()
    n = g.number_of_nodes()
    lam = max(abs(np.linalg.eigvals(nx.to_numpy_array(g, weight=None))))
    ours = C.katz(a, alpha=0.5 / lam, weighted=False)
    ref = nx.katz_centrality_numpy(g, alpha=0.5 / lam, weight=None)
    np.testing.assert_allclose(ours, [ref[i] for i in range(n)], rtol=1e-8)
    weighted = C.katz(a, alpha=0.5 / C.spectral_radius(a))
    assert np.abs(weighted - ours).max() > 1e-3


def test_eigenvector_unweighted_ignores_weights():
    g, a = _weighted_pair()
    n = g.number_of_nodes()
    h = ig.Graph.from_networkx(g)
    ours = C.eigenvector(a, weighted=False)
    ref = np.array(h.eigenvector_centrality(scale=True))
    np.testing.assert_allclose(ours, ref, atol=1e-9)
    ref_w = np.array(h.eigenvector_centrality(weights="weight", scale=True))
    np.testing.assert_allclose(C.eigenvector(a), ref_w, atol=1e-9)
    assert np.abs(ref - ref_w).max() > 1e-3
    assert n == h.vcount()


def test_harmonic_weighted_undirected_uses_lengths():
    g, a = _weighted_pair()
    h = ig.Graph.from_networkx(g)
    lengths = [1.0 / w for w in h.es["weight"]]
    np.testing.assert_allclose(
        C.harmonic(a, weighted=True), h.harmonic_centrality(weights=lengths), atol=1e-12
    )
    assert np.abs(C.harmonic(a, weighted=True) - C.harmonic(a)).max() > 1e-3


@pytest.mark.parametrize("mode", ["out", "in", "all"])
def test_harmonic_normalized_on_two_actors_divides_by_one(mode):
    """Held-out sample of seed 2039 (L106): normalisation divides by n - 1, which is 1 for
    two actors (a floor of 2 would halve it). The tie 0 -> 1 of weight 4 (length 1/4):
    hand values [1, 0] out, [0, 1] in, [1, 1] all, and 4 times those weighted; igraph
    agrees on the unweighted ones."""
    a = sp.csr_array(([4.0], ([0], [1])), shape=(2, 2))
    g = ig.Graph([(0, 1)], directed=True)
    hand = {"out": [1.0, 0.0], "in": [0.0, 1.0], "all": [1.0, 1.0]}[mode]
    assert C.harmonic(a, mode=mode).tolist() == hand
    assert g.harmonic_centrality(mode=mode, normalized=True) == hand
    assert C.harmonic(a, mode=mode, weighted=True).tolist() == [4.0 * x for x in hand]
    assert C.harmonic(a, mode=mode, normalized=False).tolist() == hand


def _layer_weighted_matrix(net, weights):
    """The aggregate adjacency built by hand from the edge table (independent of csr)."""
    e = net.edges
    n = net.n_actors
    out = np.zeros((n, n))
    for s, t, code, w in e.itertuples(index=False):
        name = net.layers[code]
        lw = weights.get(name, 1.0)
        out[s, t] += lw * w
        if not net.directed[name]:
            out[t, s] += lw * w
    return sp.csr_array(out)


@pytest.mark.parametrize(
    "measure",
    [
        lambda g, **kw: C.pagerank(g, **kw),
        lambda g, **kw: C.katz(g, alpha=0.01, **kw),
        lambda g, **kw: C.harmonic(g, weighted=True, **kw),
        lambda g, **kw: C.betweenness(g, weighted=True, **kw),
    ],
    ids=["pagerank", "katz", "harmonic", "betweenness"],
)
def test_wrappers_pass_layer_weights_through(small_net, measure):
    # issue 30 item 24: as_graph dropping layer_weights survived every wrapper's tests
    weights = {"social": 4.0, "transaction": 0.25, "service": 2.0, "competition": 1.0}
    ours = measure(small_net, layer_weights=weights)
    ref = measure(_layer_weighted_matrix(small_net, weights))
    np.testing.assert_allclose(ours, ref, atol=1e-10)
    plain = measure(small_net)
    assert np.abs(plain - ours).max() > 1e-6


@pytest.mark.parametrize("w", [5e-324, 1e-310, 1e-300, 1.0, 1e300])
def test_spectral_radius_of_a_path_is_sqrt2_times_its_weight(w):
    # closed form: the 3-actor path's adjacency has eigenvalues 0 and +-sqrt(2) (times w);
    # at 5e-324 the product rounds to the one subnormal step, 5e-324
    assert C.spectral_radius(_path(w)) == pytest.approx(math.sqrt(2.0) * w, rel=1e-12, abs=0)


@pytest.mark.parametrize("w", [5e-324, 1e-310, 1e-300, 1e300])
def test_eigenvector_is_scale_invariant(w):
    # the Perron vector does not depend on the weights' common scale (weights are scaled first)
    g = ig.Graph.Barabasi(30, 2, directed=False)
    a = sp.csr_array(np.asarray(g.get_adjacency().data, dtype=float))
    np.testing.assert_allclose(
        C.eigenvector(a * w), g.eigenvector_centrality(scale=True), atol=1e-9
    )


@pytest.mark.parametrize("w", [1e-300, 1e-200, 1e200, 1e300])
def test_eigenvector_of_a_disconnected_graph_is_scale_invariant(w):
    """A triangle beside a tie and an isolated actor at weights x w: LAPACK's vector at x 1."""
    # the leading component is chosen on the rescaled weights (a / top): weights near
    # 1e-300 must not underflow to a tie of radius 0, nor weights near 1e300 overflow
    a = sp.csr_array(
        (
            [1.0, 1.0, 2.0, 2.0, 3.0, 3.0, 1.5, 1.5],
            ([0, 1, 1, 2, 0, 2, 3, 4], [1, 0, 2, 1, 2, 0, 4, 3]),
        ),
        shape=(6, 6),
    )
    vecs = np.linalg.eigh(a.toarray())[1]
    ref = np.abs(vecs[:, -1]) / np.abs(vecs[:, -1]).max()
    assert ref[3:].tolist() == [0.0, 0.0, 0.0]  # the triangle's radius 4.11 leads the tie's 1.5
    np.testing.assert_allclose(C.eigenvector(a * w), ref, rtol=0, atol=1e-12)


def test_pagerank_of_a_graph_without_ties_is_the_teleport_vector():
    """Closed form: with no tie every walker teleports, x = the (normalised) personalisation."""
    g = ig.Graph(n=4, directed=True)
    np.testing.assert_allclose(C.pagerank(g), np.full(4, 0.25), atol=1e-15)
    reset = np.array([1.0, 3.0, 0.0, 4.0])
    np.testing.assert_allclose(C.pagerank(g, personalization=reset), reset / 8.0, atol=1e-15)


def test_pagerank_warns_only_when_it_stops_before_converging():
    import warnings

    g = weighted_er(60, 200, True, seed=9)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        C.pagerank(g)  # converges: no warning
    with pytest.warns(C.ConvergenceWarning, match="stopped after 2 iterations"):
        C.pagerank(g, max_iter=2)


def test_pagerank_that_stops_with_its_change_equal_to_tol_has_not_converged():
    """It converges when the L1 change falls below tol. On a 2-cycle that teleports to actor 0
    at damping 0.5, the first step goes from (1, 0) to (0.5, 0.5): a change of exactly 1."""
    import warnings

    g = ig.Graph([(0, 1), (1, 0)], directed=True)
    reset = np.array([1.0, 0.0])
    with pytest.warns(C.ConvergenceWarning, match=r"L1 change 1, not below tol=1$"):
        x = C.pagerank(g, damping=0.5, personalization=reset, tol=1.0, max_iter=1)
    np.testing.assert_array_equal(x, [0.5, 0.5])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        C.pagerank(g, damping=0.5, personalization=reset, tol=np.nextafter(1.0, 2.0), max_iter=1)


def test_katz_stops_at_its_documented_default_of_100000_iterations():
    """alpha lambda = 1 - 1e-6 on a 3-path (lambda = sqrt 2): the error shrinks by that factor
    per step, so 1e-12 needs about 2.8e7 steps; the default cap stops it at 100,000."""
    g = ig.Graph([(0, 1), (1, 2)])
    with pytest.warns(C.ConvergenceWarning, match="^Katz stopped after 100000 iterations"):
        C.katz(g, alpha=(1 - 1e-6) / np.sqrt(2.0))


def _three_layer_case() -> cn.ClusterNetwork:
    """A fixed weighted, directed three-layer network on five actors."""
    edges = pd.DataFrame(
        {
            "source": [0, 1, 2, 3, 0, 1, 3, 2, 4, 0],
            "target": [1, 2, 3, 4, 2, 3, 0, 4, 1, 4],
            "layer": ["social"] * 4 + ["transaction"] * 3 + ["technology"] * 3,
            "weight": [1.0, 2.0, 0.5, 1.5, 1.0, 3.0, 0.7, 1.2, 0.4, 2.2],
        }
    )
    return cn.ClusterNetwork.from_edges(edges, actors=pd.DataFrame({"id": range(5)}))


@pytest.mark.parametrize("variant", ["additive", "combined"])
def test_multiplex_pagerank_teleport_biased_by_the_layer_before_vs_dense_reference(variant):
    """The variants whose teleport is the previous layer's scores (c = 1), on a fixed
    three-layer case, against the dense reference of this file (no hypothesis: seconds)."""
    net = _three_layer_case()
    b, c = {"additive": (0, 1), "combined": (1, 1)}[variant]
    mats = [net.csr(name).toarray() for name in net.layers]
    ours = C.multiplex_pagerank(net, variant=variant)
    np.testing.assert_allclose(ours, dense_multiplex_pagerank(mats, b, c), atol=1e-9)


def test_multiplex_pagerank_multiplicative_moves_favour_the_layer_before_vs_dense_reference():
    """Round 10, re-sampled centrality.py (seed 2026, L751: ``"multiplicative": (1, 0) →
    (1, 1)``, the combined variant): b = 1, c = 0 (a uniform teleport) on the fixed
    three-layer case above against the dense reference of this file, and unlike the
    combined variant's answer there."""
    net = _three_layer_case()
    mats = [net.csr(name).toarray() for name in net.layers]
    ours = C.multiplex_pagerank(net, variant="multiplicative")
    np.testing.assert_allclose(ours, dense_multiplex_pagerank(mats, 1, 0), atol=1e-9)
    assert np.abs(ours - dense_multiplex_pagerank(mats, 1, 1)).max() > 1e-3


def test_normalised_betweenness_of_two_actors_is_zero():
    """Closed form: with n <= 2 no actor lies between two others, and the normaliser
    (n - 1)(n - 2) is 0: the scores are 0, not 0 / 0."""
    for g in (ig.Graph([(0, 1)]), ig.Graph(n=1), ig.Graph([(0, 1)], directed=True)):
        out = path_centrality.betweenness(g, normalized=True)
        np.testing.assert_array_equal(out, np.zeros(g.vcount()))


def test_kadabra_stops_adaptively_before_the_worst_case_sample_size():
    """KADABRA's point (Borassi & Natale 2019): on a random graph with no dominant broker
    its per-actor bounds fall below epsilon long before omega, the worst-case size
    (about 12,000 of 30,000 samples here)."""
    rng = np.random.default_rng(4)
    g = ig.Graph(n=1000, edges=rng.integers(0, 1000, (5000, 2)).tolist()).simplify()
    res = C.approximate_betweenness(g, epsilon=0.01, delta=0.1, seed=3)
    assert res.samples < 0.75 * res.omega
    assert np.all(res.upper - res.scores <= 0.01) and np.all(res.scores - res.lower <= 0.01)


def test_kadabra_stops_only_when_both_bounds_are_strictly_below_epsilon():
    """The documented stop: sampling ends when f < epsilon and g < epsilon. On a directed
    32-cycle every estimate is near 0.5 and, at delta = 1e-200, f = est and g = 1 - est, so
    a stop at f <= epsilon can come as soon as some estimate reaches epsilon = 0.5625
    exactly (256 samples; held-out seed 2033, found by the referee); the strict rule runs
    on to 512 samples, below omega, where every bound is under epsilon."""
    n = 32
    g = sp.csr_array((np.ones(n), (np.arange(n), (np.arange(n) + 1) % n)), shape=(n, n))
    res = C.approximate_betweenness(g, epsilon=0.5625, delta=1e-200, seed=6)
    assert res.samples < res.omega
    assert np.all(res.scores - res.lower < 0.5625) and np.all(res.upper - res.scores < 0.5625)


def test_kadabra_on_fewer_than_three_actors_samples_nothing():
    for g in (ig.Graph(n=2), ig.Graph([(0, 1)])):
        res = C.approximate_betweenness(g, epsilon=0.1, seed=1)
        assert (res.samples, res.omega) == (0, 0)
        np.testing.assert_array_equal(res.scores, np.zeros(2))


def test_approximate_betweenness_of_a_small_star_has_the_exact_scale():
    """Star of 10: the hub lies on all 36 leaf pairs (igraph); the estimate, rescaled by
    n (n - 1) / 2 for an undirected graph, is within epsilon n (n - 1) / 2 of it."""
    g = ig.Graph.Star(10)
    exact = np.array(g.betweenness())
    eps = 0.01
    est = C.betweenness(g, epsilon=eps, delta=0.01, seed=5)
    assert exact[0] == 36.0
    assert np.abs(est - exact).max() <= eps * 10 * 9 / 2


def test_kadabra_bounds_are_the_papers_closed_form_at_the_stop():
    """Borassi & Natale (2019), Thm 7: after tau of omega samples, with the failure budget
    delta / 2 split evenly over the 2 n one-sided bounds (delta_L = delta_U = delta / 4n),
    f = L/tau (-(w/tau - 1/3) + sqrt((w/tau - 1/3)^2 + 2 b w / L)) and
    g = L/tau ((w/tau + 1/3) + sqrt((w/tau + 1/3)^2 + 2 b w / L)), L = log(4 n / delta),
    capped at b and 1 - b; the interval is [b - f, b + g]. An early stop (tau < omega)."""
    rng = np.random.default_rng(4)
    g = ig.Graph(n=1000, edges=rng.integers(0, 1000, (5000, 2)).tolist()).simplify()
    eps, delta = 0.01, 0.1
    res = C.approximate_betweenness(g, epsilon=eps, delta=delta, seed=3)
    tau, w, b = res.samples, res.omega, res.scores
    assert tau < w
    big_l = np.log(4 * g.vcount() / delta)
    lo, hi = w / tau - 1 / 3, w / tau + 1 / 3
    f = big_l / tau * (-lo + np.sqrt(lo**2 + 2 * b * w / big_l))
    up = big_l / tau * (hi + np.sqrt(hi**2 + 2 * b * w / big_l))
    np.testing.assert_allclose(res.lower, np.clip(b - np.minimum(f, b), 0, None), atol=1e-14)
    np.testing.assert_allclose(res.upper, np.clip(b + np.minimum(up, 1 - b), None, 1), atol=1e-14)


def test_sampled_betweenness_with_every_actor_as_source_is_exact():
    """Sources are drawn without replacement: samples = n takes every actor once, so the
    estimate is the exact betweenness (igraph), for any seed."""
    g = weighted_er(40, 90, False, seed=6)
    exact = np.array(g.betweenness())
    for seed in range(3):
        est = path_centrality.betweenness(g, samples=40, weighted=False, seed=seed)
        np.testing.assert_allclose(est, exact, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("directed", [False, True])
def test_direction_optimising_brandes_on_components_matches_igraph(directed):
    """Issue 29: the bottom-up steps read only the source's weak component and the last
    level scans nothing; on a graph of a dense, a sparse and a single-actor component,
    with self-loops, every source's dependencies are igraph's."""
    dense = ig.Graph.Erdos_Renyi(120, m=1400, directed=directed)
    sparse = ig.Graph.Erdos_Renyi(80, m=100, directed=directed)
    g = dense.disjoint_union(sparse).disjoint_union(ig.Graph(n=1, directed=directed))
    g.add_edges([(0, 0), (130, 130)])
    ours = C.betweenness(g)
    np.testing.assert_allclose(ours, g.betweenness(directed=directed), rtol=1e-12, atol=1e-9)


def _kadabra_omega(vd: int, epsilon: float, delta: float) -> int:
    """Borassi & Natale (2016)'s worst-case sample size for a vertex-diameter bound vd."""
    import math

    return math.ceil(
        0.5 / epsilon**2 * (math.floor(math.log2(max(vd - 2, 1))) + 1 + math.log(2.0 / delta))
    )


@pytest.mark.parametrize(
    ("graph", "vd"),
    [
        (ig.Graph([(0, 1), (1, 2), (2, 0)], directed=True), 3),  # directed: vd = n
        (ig.Graph([(0, 1), (1, 2), (2, 3), (3, 4), (4, 5), (5, 0)], directed=True), 6),
        (ig.Graph.Full_Bipartite(3, 3), 5),  # every eccentricity 2: 2 * 2 + 1 < n = 6
    ],
)
def test_approximate_betweenness_sample_bound_is_kadabras_omega(graph, vd):
    """Issue 30 (mutation testing): the worst-case sample size is KADABRA's
    omega = ceil(0.5 / eps^2 (floor(log2(max(VD - 2, 1))) + 1 + ln(2 / delta))), with VD = n
    for a directed graph and 2 ecc + 1 (at most n) per undirected component."""
    for eps, delta in ((0.05, 0.1), (0.2, 0.01)):
        res = C.approximate_betweenness(graph, epsilon=eps, delta=delta, seed=1)
        assert res.omega == _kadabra_omega(vd, eps, delta)
        assert res.samples <= res.omega


def test_approximate_betweenness_refuses_epsilon_or_delta_of_one():
    """Issue 30: epsilon and delta lie strictly inside (0, 1) (delta = 0 would ask for an
    infinite sample)."""
    g = ig.Graph.Barabasi(20, 2)
    cases = [({"epsilon": e}, "epsilon") for e in (0.0, 1.0)]
    cases += [({"delta": d}, "delta") for d in (0.0, 1.0)]
    for kwargs, name in cases:
        with pytest.raises(ValueError, match=name):
            C.approximate_betweenness(g, seed=1, **kwargs)


def test_approximate_betweenness_of_an_undirected_graph_ignores_directed_true():
    """Issue 30: an undirected graph has no direction to honour; asking for it changes no
    draw, bound or score, and the scores do not depend on the thread count."""
    import numba

    g = ig.Graph.Barabasi(60, 2)
    plain = C.approximate_betweenness(g, epsilon=0.05, seed=3)
    asked = C.approximate_betweenness(g, epsilon=0.05, seed=3, directed=True)
    assert asked.omega == plain.omega and asked.samples == plain.samples
    np.testing.assert_array_equal(asked.scores, plain.scores)
    before = numba.get_num_threads()
    try:
        numba.set_num_threads(1)
        one = C.approximate_betweenness(g, epsilon=0.05, seed=3)
    finally:
        numba.set_num_threads(before)
    np.testing.assert_array_equal(one.scores, plain.scores)


@pytest.mark.parametrize("scale", [1.0, 1e-300, 1e300, 5e307, 8e307])
def test_constraint_and_effective_size_do_not_depend_on_the_weights_unit(scale):
    """Issue 30 (referee, round 8): a star with weights 1e308 gave constraint [0, 1, 1]
    (the tie sums overflowed) against networkx's [0.5, 1, 1]. Both measures read tie
    proportions, so any common unit gives networkx's values on the unit-weight graph."""
    g = nx.Graph()
    g.add_weighted_edges_from([(0, 1, 1.0), (0, 2, 1.0), (1, 3, 2.0), (0, 3, 0.5)])
    a = sp.csr_array(nx.to_scipy_sparse_array(g, nodelist=range(4), weight="weight"))
    want_c = nx.constraint(g, weight="weight")
    want_e = nx.effective_size(g, nodes=list(range(4)), weight="weight")  # per-node formula
    scaled = a * scale
    np.testing.assert_allclose(S.constraint(scaled), [want_c[i] for i in range(4)], rtol=1e-12)
    np.testing.assert_allclose(S.effective_size(scaled), [want_e[i] for i in range(4)], rtol=1e-12)


def test_a_view_whose_summed_weights_overflow_is_refused_by_every_measure():
    """Issue 30 (referee, round 8): two layers with ties of 1e308 between the same pair sum
    to inf; every measure now refuses the view by name instead of returning NaN or inf
    (PageRank did already; constraint gave NaN, harmonic inf, Katz a numpy LinAlgError)."""
    edges = pd.DataFrame(
        {
            "source": ["a", "a", "b"],
            "target": ["b", "b", "c"],
            "layer": ["technology", "social", "technology"],
            "weight": [1e308, 1e308, 1.0],
        }
    )
    net = cn.ClusterNetwork.from_edges(edges)
    for measure in (S.constraint, S.effective_size, C.katz, C.eigenvector, C.harmonic, C.pagerank):
        with pytest.raises(ValueError, match="tie weights overflow float64"):
            measure(net)
    # one layer alone is finite and accepted
    assert np.isfinite(S.constraint(net, layers="technology")).all()


@pytest.mark.parametrize(
    ("source", "target", "n_strong"),
    [([0, 1, 1], [1, 0, 2], 2), ([0, 1], [1, 2], 3)],
    ids=["two-strong-components", "three"],
)
def test_eigenvector_versatility_refuses_a_supra_graph_not_strongly_connected(
    source, target, n_strong
):
    """Round 10, re-sampled centrality.py (seed 2026, L864: ``ncomp > 1`` → ``> 2``): one
    directed layer is its own supra-graph; 0 <-> 1 -> 2 has two strong components ({0, 1}
    and {2}, by scipy), the path 0 -> 1 -> 2 three: versatility's own message, which
    names the remedy, not eigenvector's."""
    edges = pd.DataFrame({"source": source, "target": target})
    net = cn.ClusterNetwork.from_edges(edges, directed=True)
    supra = net.supra(1.0)
    from scipy.sparse.csgraph import connected_components

    assert connected_components(supra, directed=True, connection="strong")[0] == n_strong
    with pytest.raises(
        ValueError,
        match=r"^eigenvector versatility needs a strongly connected supra-graph \(raise omega or use kind='pagerank'\)$",
    ):
        C.versatility(net, kind="eigenvector")


def test_eigenvector_of_two_32_actor_cliques_joined_by_a_weak_tie_by_its_closed_form():
    """Two 32-actor cliques joined by one tie of weight w = 1e-3 between actors 0 and 32:
    by symmetry the leading eigenvector comes from the 2 x 2 quotient [[w, 31], [1, 30]],
    lambda = ((30 + w) + sqrt((30 - w)^2 + 124)) / 2, and every non-bridge actor scores
    (lambda - w) / 31 of a bridge. At exactly 64 actors a dense eig instead of the power
    iteration missed this by 2e-10 (held-out seed 2035, a referee's case)."""
    w = 1e-3
    rows, cols, vals = [], [], []
    for base in (0, 32):
        for i in range(base, base + 32):
            for j in range(i + 1, base + 32):
                rows.append(i)
                cols.append(j)
                vals.append(1.0)
    rows.append(0)
    cols.append(32)
    vals.append(w)
    a = sp.csr_array((vals, (rows, cols)), shape=(64, 64))
    a = sp.csr_array(a + a.T)
    lam = ((30 + w) + np.sqrt((30 - w) ** 2 + 124)) / 2
    got = C.eigenvector(a)
    want = np.full(64, (lam - w) / 31)
    want[[0, 32]] = 1.0
    np.testing.assert_allclose(got / got[0], want, rtol=0, atol=1e-12)


def test_kadabra_checks_its_bounds_after_each_documented_batch():
    """The documented schedule: the bounds are checked after every batch of max(256,
    omega // 64) samples (held-out seed 2042: a batch of 257 passed every test). The directed
    32-cycle of the strict-stop test stops after two batches of 256 (omega // 64 is below
    256 there); the 1000-actor random graph stops after a whole number of omega // 64."""
    n = 32
    g = sp.csr_array((np.ones(n), (np.arange(n), (np.arange(n) + 1) % n)), shape=(n, n))
    res = C.approximate_betweenness(g, epsilon=0.5625, delta=1e-200, seed=6)
    assert res.omega // 64 < 256 and res.samples == 512 < res.omega
    rng = np.random.default_rng(4)
    g = ig.Graph(n=1000, edges=rng.integers(0, 1000, (5000, 2)).tolist()).simplify()
    res = C.approximate_betweenness(g, epsilon=0.01, delta=0.1, seed=3)
    batch = res.omega // 64
    assert batch > 256 and res.samples % batch == 0 and res.samples < res.omega


@pytest.mark.parametrize("beta", [1e-200, 2.0, 1e200, 1e300])
def test_katz_is_linear_in_beta_at_the_ends_of_double(beta):
    """Katz scores are linear in beta: normalised, the vector does not depend on beta's
    common scale, and unnormalised it scales with it (round 24: beta = 1e200 gave zeros,
    the norm's squares overflowing; 1e-200 stopped at once under the absolute stopping
    rule and gave a uniform vector). Against the dense solve x = (I - alpha A^T)^-1 beta."""
    a = sp.csr_array(np.array([[0, 1, 0], [1, 0, 1], [0, 1, 0]], float))
    want = np.linalg.solve(np.eye(3) - 0.3 * a.toarray().T, np.ones(3))
    got = C.katz(a, alpha=0.3, beta=np.full(3, beta), normalized=False) / beta
    np.testing.assert_allclose(got, want, rtol=1e-11)
    np.testing.assert_allclose(
        C.katz(a, alpha=0.3, beta=np.full(3, beta)), want / np.linalg.norm(want), rtol=1e-11
    )
    with pytest.raises(ValueError, match="overflow float64.*smaller alpha or beta"):
        C.katz(a, alpha=0.3, beta=np.full(3, 1e308), normalized=False)


def test_eigenvector_of_two_cliques_is_exactly_zero_off_the_larger():
    """Closed form: on K40 + K35 the leading eigenvector (eigenvalue 39) is the indicator of
    K40; K35's eigenvalue 34 is close enough that a power iteration started on both leaves
    about 1e-13 on K35, above the zero cut, so a disconnected graph must go to ARPACK."""
    g = ig.Graph.Full(40).disjoint_union(ig.Graph.Full(35))
    x = C.eigenvector(g)
    np.testing.assert_allclose(x[:40], 1.0, rtol=1e-12)
    assert np.count_nonzero(x[40:]) == 0


@pytest.mark.parametrize(
    ("measure", "doubled"),
    [
        (lambda g, **kw: C.spectral_radius(g, **kw), True),
        (lambda g, **kw: C.eigenvector(g, **kw), True),
        # shortest paths by hops: a layer weight only decides whether a layer is there
        (lambda g, **kw: path_centrality.approximate_betweenness(g, 0.1, seed=1, **kw).scores,
         False),
    ],
    ids=["spectral_radius", "eigenvector", "approximate_betweenness"],
)  # fmt: skip
def test_spectral_and_sampled_measures_pass_layer_weights_through(measure, doubled):
    # issue 30 item 24 (round 29 referee: untested for these three)
    assert_layer_weights_pass_through(measure, doubled)
