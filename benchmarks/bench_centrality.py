"""Centrality beside igraph, NetworKit and networkx on the same inputs, in the same run."""

import numba
import numpy as np
import pytest
import scipy.sparse as sp
from _common import best_of, quick, record

import clusternet as cn
from clusternet import centrality as C

THREADS = numba.get_num_threads()


def _networkit():
    try:
        import networkit as nk
    except ImportError:
        return None
    nk.setNumberOfThreads(THREADS)
    return nk


@pytest.fixture(scope="module")
def random_digraph():
    n, m = (100_000, 1_000_000) if quick() else (1_000_000, 10_000_000)
    rng = np.random.default_rng(0)
    src = rng.integers(0, n, m).astype(np.int32)
    dst = rng.integers(0, n, m).astype(np.int32)
    dst = np.where(src == dst, (dst + 1) % n, dst).astype(np.int32)
    w = rng.random(m) + 0.1
    return n, m, src, dst, w


def bench_pagerank(benchmark, random_digraph):
    import igraph as ig

    n, m, src, dst, w = random_digraph
    net = cn.ClusterNetwork.from_edges(
        (src, dst, np.zeros(m, np.int16), w), layers=["transaction"], n_actors=n
    )
    net.csr(), net.csr(direction="in")  # views are cached on the network, as in use
    C.pagerank(net)  # compile
    ours_t, ours = best_of(lambda: C.pagerank(net, tol=1e-10))
    benchmark.pedantic(lambda: C.pagerank(net, tol=1e-10), rounds=1, iterations=1)
    g = ig.Graph(n=n, edges=np.column_stack([src, dst]), directed=True)
    g.es["weight"] = w.tolist()
    ig_t, ref = best_of(
        lambda: np.array(g.pagerank(weights="weight", implementation="prpack")), rounds=1
    )
    result = {
        "n": n,
        "m": m,
        "threads": THREADS,
        "clusternet_s": ours_t,
        "igraph_s": ig_t,
        "l1_vs_igraph": float(np.abs(ours - ref).sum()),
    }
    nk = _networkit()
    if nk is not None:
        G = nk.Graph(n, weighted=True, directed=True)
        G.addEdges((w, (src.astype(np.uint64), dst.astype(np.uint64))))

        def run_nk(norm):
            pr = nk.centrality.PageRank(G, damp=0.85, tol=1e-10)
            pr.norm = norm
            pr.run()
            s = np.asarray(pr.scores())
            return s / s.sum()

        nk_t, nk_scores = best_of(lambda: run_nk(nk.centrality.Norm.L2_NORM), rounds=1)
        nk_l1_t, nk_l1 = best_of(lambda: run_nk(nk.centrality.Norm.L1_NORM), rounds=1)
        result.update(
            networkit_s=nk_t,
            networkit_l1norm_s=nk_l1_t,
            l1_vs_networkit=float(np.abs(ours - nk_l1).sum()),
            l1_vs_networkit_l2stop=float(np.abs(ours - nk_scores).sum()),
        )
    record("centrality", {"pagerank": result})


@pytest.fixture(scope="module")
def barabasi():
    import igraph as ig

    n = 5_000 if quick() else 20_000
    g = ig.Graph.Barabasi(n, 5, start_from=ig.Graph.Full(6))
    e = np.asarray(g.get_edgelist())
    a = sp.csr_array((np.ones(len(e)), (e[:, 0], e[:, 1])), shape=(n, n))
    return g, sp.csr_array(a + a.T), e


def bench_betweenness_exact(benchmark, barabasi):
    g, a, e = barabasi
    n = g.vcount()
    C.betweenness(sp.csr_array(a[:50][:, :50]))  # compile
    ours_t, ours = best_of(lambda: C.betweenness(a), rounds=1)
    benchmark.pedantic(lambda: None, rounds=1, iterations=1)
    ig_t, ref = best_of(lambda: np.array(g.betweenness(directed=False)), rounds=1)
    result = {
        "n": n,
        "m": g.ecount(),
        "threads": THREADS,
        "clusternet_s": ours_t,
        "igraph_s": ig_t,
        "max_abs_diff_vs_igraph": float(np.abs(ours - ref).max()),
    }
    nk = _networkit()
    if nk is not None:
        G = nk.Graph(n)
        G.addEdges((e[:, 0].astype(np.uint64), e[:, 1].astype(np.uint64)))
        nk_t, _ = best_of(lambda: nk.centrality.Betweenness(G).run(), rounds=1)
        result["networkit_s"] = nk_t
    record("centrality", {"betweenness_exact": result})


def bench_betweenness_approx(benchmark, barabasi):
    g, a, e = barabasi
    n = g.vcount()
    C.approximate_betweenness(sp.csr_array(a[:50][:, :50]), epsilon=0.1, seed=0)  # compile
    ours_t, res = best_of(lambda: C.approximate_betweenness(a, epsilon=0.01, delta=0.1, seed=1))
    benchmark.pedantic(
        lambda: C.approximate_betweenness(a, epsilon=0.01, delta=0.1, seed=1),
        rounds=3,
        iterations=1,
    )
    exact = 2 * np.array(g.betweenness(directed=False)) / (n * (n - 1))
    result = {
        "n": n,
        "epsilon": 0.01,
        "delta": 0.1,
        "clusternet_s": ours_t,
        "samples": res.samples,
        "omega": res.omega,
        "max_abs_error": float(np.abs(res.scores - exact).max()),
    }
    nk = _networkit()
    if nk is not None:
        G = nk.Graph(n)
        G.addEdges((e[:, 0].astype(np.uint64), e[:, 1].astype(np.uint64)))

        def kadabra():
            k = nk.centrality.KadabraBetweenness(G, 0.01, 0.1)
            k.run()
            return k

        nk_t, _ = best_of(kadabra)
        result["networkit_kadabra_s"] = nk_t
    record("centrality", {"betweenness_approx": result})


def bench_harmonic(benchmark, barabasi):
    g, _a, _ = barabasi
    sub_n = 5_000 if not quick() else 2_000
    sub = g.induced_subgraph(range(sub_n))
    e = np.asarray(sub.get_edgelist())
    m = sp.csr_array((np.ones(len(e)), (e[:, 0], e[:, 1])), shape=(sub_n, sub_n))
    m = sp.csr_array(m + m.T)
    C.harmonic(sp.csr_array(m[:50][:, :50]))
    ours_t, ours = best_of(lambda: C.harmonic(m))
    benchmark.pedantic(lambda: C.harmonic(m), rounds=1, iterations=1)
    ig_t, ref = best_of(lambda: np.array(sub.harmonic_centrality()), rounds=1)
    nk = _networkit()
    result = {
        "n": sub_n,
        "m": sub.ecount(),
        "clusternet_s": ours_t,
        "igraph_s": ig_t,
        "max_abs_diff": float(np.abs(ours - ref).max()),
    }
    if nk is not None:
        G = nk.Graph(sub_n)
        G.addEdges((e[:, 0].astype(np.uint64), e[:, 1].astype(np.uint64)))
        nk_t, _ = best_of(
            lambda: nk.centrality.HarmonicCloseness(G, normalized=True).run(), rounds=1
        )
        result["networkit_s"] = nk_t
    record("centrality", {"harmonic": result})


def bench_katz(benchmark, barabasi):
    import networkx as nx

    _g, a, _ = barabasi
    n = 2_000
    m = sp.csr_array(a[:n][:, :n])
    lam = C.spectral_radius(m)
    alpha = 0.5 / lam
    C.katz(m, alpha=alpha)
    ours_t, ours = best_of(lambda: C.katz(m, alpha=alpha, tol=1e-10))
    benchmark.pedantic(lambda: C.katz(m, alpha=alpha), rounds=1, iterations=1)
    G = nx.from_scipy_sparse_array(m)
    nx_t, ref = best_of(
        lambda: nx.katz_centrality(G, alpha=alpha, tol=1e-12, max_iter=10000), rounds=1
    )
    ref = np.array([ref[i] for i in range(n)])
    record(
        "centrality",
        {
            "katz": {
                "n": n,
                "m": int(m.nnz // 2),
                "clusternet_s": ours_t,
                "networkx_s": nx_t,
                "max_abs_diff": float(np.abs(ours - ref).max()),
            }
        },
    )
