"""Centrality beside igraph, NetworKit and networkx on the same inputs, in the same run.

Every library gets the same number of rounds and reports the median (min, max);
each row says how many threads it used; serial peers are compared with
clusternet's 1-thread figure. Peers run in their fastest correct configuration.
"""

import numba
import numpy as np
import pytest
import scipy.sparse as sp
from _common import numba_threads, ours, quick, record, row, timed

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


def _our_pagerank_iterations(net, tol: float) -> int:
    """Iterations of our power iteration on these inputs (the kernel reports them)."""
    from clusternet._graph import as_graph
    from clusternet.kernels.linalg import pagerank_power, row_sums

    view = as_graph(net)
    indptr, indices, data = view.arrays("in")
    out_indptr, _, out_data = view.arrays("out")
    strength = np.empty(view.n)
    row_sums(out_indptr, out_data, strength)
    teleport = np.full(view.n, 1.0 / view.n)
    x = teleport.copy()
    iterations, _ = pagerank_power(
        indptr.view(np.uint64), indices, data, strength, teleport, 0.85, tol, 1000, x
    )
    return int(iterations)


def bench_pagerank(benchmark, random_digraph):
    import igraph as ig

    n, m, src, dst, w = random_digraph
    tol = 1e-10

    def fresh():
        return cn.ClusterNetwork.from_edges(
            (src, dst, np.zeros(m, np.int16), w), layers=["transaction"], n_actors=n
        )

    net = fresh()
    C.pagerank(net, tol=tol)  # compile; views now cached on net
    iterations = _our_pagerank_iterations(net, tol)
    cached, scores = ours(benchmark, lambda: C.pagerank(net, tol=tol))
    rows = [
        row("clusternet, CSR views cached", cached, THREADS, iterations=iterations),
    ]
    built, _ = timed(lambda fresh_net: C.pagerank(fresh_net, tol=tol), setup=fresh)
    rows.append(
        row("clusternet, building its CSR views in the call", built, THREADS, iterations=iterations)
    )
    with numba_threads(1):
        one_cached, _ = timed(lambda: C.pagerank(net, tol=tol))
        one_built, _ = timed(lambda fresh_net: C.pagerank(fresh_net, tol=tol), setup=fresh)
    rows += [
        row("clusternet, CSR views cached", one_cached, 1, iterations=iterations),
        row("clusternet, building its CSR views in the call", one_built, 1, iterations=iterations),
    ]
    g = ig.Graph(n=n, edges=np.column_stack([src, dst]), directed=True)
    g.es["weight"] = w
    ig_t, ref = timed(lambda: np.array(g.pagerank(weights="weight", implementation="prpack")))
    rows.append(
        row(
            "igraph PRPACK (graph prebuilt)",
            ig_t,
            1,
            iterations=None,
            l1_to_clusternet=float(np.abs(scores - ref).sum()),
            vs="clusternet, building its CSR views in the call@1",
        )
    )
    nk = _networkit()
    if nk is not None:
        G = nk.Graph(n, weighted=True, directed=True)
        G.addEdges((w, (src.astype(np.uint64), dst.astype(np.uint64))))
        sinks = nk.centrality.SinkHandling.DistributeSinks

        def run_nk(norm, distribute):
            kwargs = {"distributeSinks": sinks} if distribute else {}
            pr = nk.centrality.PageRank(G, damp=0.85, tol=tol, **kwargs)
            pr.norm = norm
            pr.run()
            s = np.asarray(pr.scores())
            return s / s.sum(), pr.numberOfIterations()

        for label, norm, distribute in (
            ("NetworKit, default (L2 stop, no sink handling)", nk.centrality.Norm.L2_NORM, False),
            (
                "NetworKit, L1 stop + DistributeSinks (our criterion and semantics)",
                nk.centrality.Norm.L1_NORM,
                True,
            ),
        ):
            t, (s, it) = timed(lambda norm=norm, distribute=distribute: run_nk(norm, distribute))
            rows.append(
                row(
                    label,
                    t,
                    THREADS,
                    iterations=int(it),
                    l1_to_clusternet=float(np.abs(scores - s).sum()),
                    vs="clusternet, CSR views cached@" + str(THREADS),
                )
            )
    record(
        "centrality",
        {"pagerank": {"n": n, "m": m, "tol": tol, "damping": 0.85, "rows": rows}},
    )


@pytest.fixture(scope="module")
def barabasi():
    import igraph as ig

    n = 5_000 if quick() else 10_000
    g = ig.Graph.Barabasi(n, 5, start_from=ig.Graph.Full(6))
    e = np.asarray(g.get_edgelist())
    a = sp.csr_array((np.ones(len(e)), (e[:, 0], e[:, 1])), shape=(n, n))
    return g, sp.csr_array(a + a.T), e


def _nk_graph(nk, n, e):
    G = nk.Graph(n)
    G.addEdges((e[:, 0].astype(np.uint64), e[:, 1].astype(np.uint64)))
    return G


_BW_INPUT = """
import os, numpy as np, scipy.sparse as sp, sys
sys.path.insert(0, {here!r})
n = {n}
e = np.load({edges!r})
OUT = {out!r}

def save(x):
    path = os.path.join(OUT, f"{{os.getpid()}}.npy")
    np.save(path, np.asarray(x, dtype=float))
    return path
"""

_BW_PROGRAMS = {
    # unordered-pair counts on the undirected graph for every library
    "clusternet (Brandes, BFS)": """
import numba
numba.set_num_threads({threads})
threads = {threads}
from clusternet import centrality as C
C.betweenness(sp.csr_array(np.ones((3, 3))))  # compile outside the clock
def build():
    a = sp.csr_array((np.ones(len(e)), (e[:, 0], e[:, 1])), shape=(n, n))
    return sp.csr_array(a + a.T)
def compute(a):
    return save(C.betweenness(a))
""",
    "igraph": """
threads = 1
import igraph as ig
def build():
    return ig.Graph(n=n, edges=e.tolist(), directed=False)
def compute(g):
    return save(g.betweenness(directed=False))
""",
    "NetworKit": """
import networkit as nk
threads = {threads}
nk.setNumberOfThreads(threads)
def build():
    G = nk.Graph(n)
    G.addEdges((e[:, 0].astype(np.uint64), e[:, 1].astype(np.uint64)))
    return G
def compute(G):
    b = nk.centrality.Betweenness(G)
    b.run()
    return save(b.scores())
""",
}


def bench_betweenness_exact(barabasi, tmp_path):
    """Exact betweenness beside igraph (serial) and NetworKit (all threads): each library in a
    fresh process per round, rounds interleaved; every output checked against clusternet's
    (unordered-pair counts; the benchmark fails on a mismatch)."""
    from pathlib import Path

    from _common import ROUNDS
    from peers import check, installed
    from schema import interleaved

    g, _, e = barabasi
    n = g.vcount()
    edges = tmp_path / "edges.npy"
    np.save(edges, e)
    prelude = _BW_INPUT.format(
        here=str(Path(__file__).parent), n=n, edges=str(edges), out=str(tmp_path)
    )
    programs = {}
    for label, body in _BW_PROGRAMS.items():
        if label == "NetworKit" and not installed("networkit"):
            continue
        counts = (1,) if label == "igraph" else (THREADS,) if label == "NetworKit" else (1, THREADS)
        for k in sorted(set(counts)):
            programs[f"{label}@{k}"] = prelude + body.format(threads=k)
    measured = interleaved(programs, ROUNDS)
    reference = np.load(measured["clusternet (Brandes, BFS)@1"]["check"])
    rows = []
    for key, r in measured.items():
        label = key.rpartition("@")[0]
        scores = np.load(r.pop("check"))
        r["library"] = label
        if not label.startswith("clusternet"):
            r["max_abs_diff"] = check(label, reference, scores, rtol=1e-9, atol=1e-6)
            r["vs"] = f"clusternet (Brandes, BFS)@{r['threads']}"
        rows.append(r)
    record(
        "centrality",
        {
            "betweenness_exact": {
                "n": n,
                "m": g.ecount(),
                "largest_value": float(reference.max()),
                "rows": rows,
            }
        },
    )


def bench_betweenness_approx(benchmark, barabasi):
    g, a, e = barabasi
    n = g.vcount()
    eps, delta = 0.01, 0.1
    C.approximate_betweenness(sp.csr_array(a[:50][:, :50]), epsilon=0.1, seed=0)  # compile
    t, res = ours(benchmark, lambda: C.approximate_betweenness(a, epsilon=eps, delta=delta, seed=1))
    exact = 2 * np.array(g.betweenness(directed=False)) / (n * (n - 1))
    rows = [
        row(
            "clusternet approximate_betweenness (adaptive sampling)",
            t,
            THREADS,
            samples=int(res.samples),
            max_abs_error=float(np.abs(res.scores - exact).max()),
        )
    ]
    nk = _networkit()
    if nk is not None:
        G = _nk_graph(nk, n, e)

        def kadabra():
            k = nk.centrality.KadabraBetweenness(G, eps, delta)
            k.run()
            return k

        nk_t, k = timed(kadabra)
        # NetworKit's KadabraBetweenness.cpp (computeApproxParallel(normalize=true)) returns,
        # on an undirected graph, twice the fraction of sampled pairs whose path crosses v,
        # while its stopping rule (computeFinished) bounds the fraction itself by err. That
        # fraction is clusternet's b(v) = sum_{s != t} sigma_st(v) / sigma_st / (n (n - 1)):
        # halved, its scores carry the same epsilon as ours.
        raw = np.asarray(k.scores(), dtype=float)
        rows.append(
            row(
                "NetworKit KadabraBetweenness",
                nk_t,
                THREADS,
                samples=int(k.getNumberOfIterations()),
                max_abs_error=float(np.abs(raw / 2.0 - exact).max()),
                max_abs_error_as_returned=float(np.abs(raw - exact).max()),
                score_sum_ratio=float(raw.sum() / exact.sum()),
                vs=f"clusternet approximate_betweenness (adaptive sampling)@{THREADS}",
            )
        )
    record(
        "centrality",
        {
            "betweenness_approx": {
                "n": n,
                "m": g.ecount(),
                "epsilon": eps,
                "delta": delta,
                "omega": int(res.omega),
                "rows": rows,
            }
        },
    )


def bench_harmonic(benchmark, barabasi):
    g, _a, _ = barabasi
    sub_n = 2_000 if quick() else 5_000
    sub = g.induced_subgraph(range(sub_n))
    e = np.asarray(sub.get_edgelist())
    m = sp.csr_array((np.ones(len(e)), (e[:, 0], e[:, 1])), shape=(sub_n, sub_n))
    m = sp.csr_array(m + m.T)
    C.harmonic(sp.csr_array(m[:50][:, :50]))
    t, scores = ours(benchmark, lambda: C.harmonic(m))
    rows = [row("clusternet", t, THREADS)]
    with numba_threads(1):
        t1, _ = timed(lambda: C.harmonic(m))
    rows.append(row("clusternet", t1, 1))
    ig_t, ref = timed(lambda: np.array(sub.harmonic_centrality()))
    rows.append(
        row(
            "igraph",
            ig_t,
            1,
            max_abs_diff=float(np.abs(scores - ref).max()),
            vs="clusternet@1",
        )
    )
    nk = _networkit()
    if nk is not None:
        G = _nk_graph(nk, sub_n, e)
        nk_t, _ = timed(lambda: nk.centrality.HarmonicCloseness(G, normalized=True).run())
        rows.append(row("NetworKit", nk_t, THREADS, vs=f"clusternet@{THREADS}"))
    record("centrality", {"harmonic": {"n": sub_n, "m": sub.ecount(), "rows": rows}})


def bench_katz(benchmark, barabasi):
    import networkx as nx

    _g, a, _ = barabasi
    n = 2_000
    m = sp.csr_array(a[:n][:, :n])
    lam = C.spectral_radius(m)
    alpha = 0.5 / lam
    tol = 1e-10  # L1 change of the iterate, for both libraries
    C.katz(m, alpha=alpha)
    t, scores = ours(benchmark, lambda: C.katz(m, alpha=alpha, tol=tol))
    rows = [row("clusternet", t, THREADS)]
    with numba_threads(1):
        t1, _ = timed(lambda: C.katz(m, alpha=alpha, tol=tol))
    rows.append(row("clusternet", t1, 1))
    G = nx.from_scipy_sparse_array(m)
    # networkx stops when sum |x - x_prev| < n * tol: pass tol / n for the same L1 criterion
    nx_t, ref = timed(
        lambda: nx.katz_centrality(G, alpha=alpha, tol=tol / n, max_iter=10000, normalized=True)
    )
    ref = np.array([ref[i] for i in range(n)])
    rows.append(
        row(
            "networkx",
            nx_t,
            1,
            max_abs_diff=float(np.abs(scores - ref).max()),
            vs="clusternet@1",
        )
    )
    record(
        "centrality",
        {"katz": {"n": n, "m": int(m.nnz // 2), "alpha_times_lambda": 0.5, "rows": rows}},
    )


_PR_INPUT = """
import os, numpy as np, scipy.sparse as sp, sys
sys.path.insert(0, {here!r})
n, m = {n}, {m}
rng = np.random.default_rng(0)
src = rng.integers(0, n, m).astype(np.int32)
dst = rng.integers(0, n, m).astype(np.int32)
dst = np.where(src == dst, (dst + 1) % n, dst).astype(np.int32)
w = rng.random(m) + 0.1
TOL = {tol!r}
OUT = {out!r}

def save(x):
    path = os.path.join(OUT, f"{{os.getpid()}}.npy")
    np.save(path, np.asarray(x, dtype=float))
    return path
"""

_PR_PROGRAMS = {
    "clusternet, building its CSR views in the call": """
import numba
numba.set_num_threads({threads})
threads = {threads}
import clusternet as cn
from clusternet import centrality as C
C.pagerank(sp.csr_array(np.ones((3, 3))))  # compile outside the clock
def build():
    return cn.ClusterNetwork.from_edges((src, dst, np.zeros(m, np.int16), w),
                                        layers=["transaction"], n_actors=n)
def compute(net):
    return save(C.pagerank(net, tol=TOL))
""",
    "rustworkx pagerank": """
threads = 1
import peers
def build():
    return peers.rustworkx_digraph(sp.csr_array((w, (src, dst)), shape=(n, n)))
def compute(g):
    return save(peers.pagerank_rustworkx(g, 0.85, TOL / n))  # it stops at L1 change < n tol
""",
    "python-graphblas (SuiteSparse:GraphBLAS vxm)": """
import graphblas as gb
threads = {threads}
gb.ss.config["nthreads"] = threads
import peers
def build():
    a = sp.csr_array((w, (src, dst)), shape=(n, n)); a.sum_duplicates()
    return peers.graphblas_matrix(a)
def compute(mat):
    return save(peers.pagerank_graphblas(mat, 0.85, TOL))
""",
}


def bench_pagerank_peers(tmp_path):
    """PageRank beside rustworkx and GraphBLAS: each library in a fresh
    process per round, rounds interleaved; every output checked against clusternet's."""
    from pathlib import Path

    from _common import ROUNDS
    from peers import check, installed
    from schema import interleaved

    n, m = (100_000, 1_000_000) if quick() else (1_000_000, 10_000_000)
    tol = 1e-10
    prelude = _PR_INPUT.format(
        here=str(Path(__file__).parent), n=n, m=m, tol=tol, out=str(tmp_path)
    )
    needs = {"rustworkx": "rustworkx", "python-graphblas": "graphblas"}
    programs = {}
    for label, body in _PR_PROGRAMS.items():
        module = next((v for k, v in needs.items() if label.startswith(k)), None)
        if module and not installed(module):
            continue
        counts = (1, THREADS) if label.startswith(("clusternet", "python-graphblas")) else (1,)
        for k in sorted(set(counts)):
            programs[f"{label}@{k}"] = prelude + body.format(threads=k)
    measured = interleaved(programs, ROUNDS)
    reference = np.load(measured[f"clusternet, building its CSR views in the call@{1}"]["check"])
    rows = []
    for key, r in measured.items():
        label = key.rpartition("@")[0]
        scores = np.load(r.pop("check"))
        r["library"] = label
        if not label.startswith("clusternet"):
            # the benchmark fails on a mismatch: same stopping rule, so 1e-6 relative
            r["max_abs_diff"] = check(label, reference, scores, rtol=1e-6)
            r["vs"] = f"clusternet, building its CSR views in the call@{r['threads']}"
        rows.append(r)
    record("centrality", {"pagerank_peers": {"n": n, "m": m, "tol": tol, "damping": 0.85,
                                             "rows": rows}})  # fmt: skip
