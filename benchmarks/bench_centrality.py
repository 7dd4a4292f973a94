"""Centrality beside igraph, NetworKit, rustworkx, GraphBLAS, scikit-network and scipy.

Every library runs in its own fresh process per round, rounds interleaved across
libraries (:func:`schema.interleaved`), ``ROUNDS`` rounds, median (min-max); building
the library's graph from the arrays is timed apart (``build_s``) from the algorithm
(``median_s`` = compute). clusternet runs on 1 thread (facing serial peers) and on all
threads (facing parallel peers at the same count: NetworKit ``setNumberOfThreads``,
GraphBLAS ``nthreads``, rustworkx ``RAYON_NUM_THREADS``). Every peer's output is
checked against clusternet's 1-thread output, converted to clusternet's convention
where the peer's differs (each conversion is commented in the program); the benchmark
fails on a mismatch beyond the stated tolerance.
"""

from pathlib import Path

import numba
import numpy as np
import pytest
from _common import ROUNDS, quick, record
from peers import check, check_ranking
from schema import compare

THREADS = numba.get_num_threads()
HERE = str(Path(__file__).resolve().parent)

_SAVE = """
import os, sys, numpy as np, scipy.sparse as sp
sys.path.insert(0, {here!r})
OUT = {out!r}

def save(x, extra=None):
    path = os.path.join(OUT, f"{{os.getpid()}}.npy")
    np.save(path, np.asarray(x, dtype=float))
    return [path, extra or {{}}]

def limit_blas(threads):
    # BLAS (scipy's ARPACK and CG, numpy) on the row's thread count: a 1-thread row
    # must not run OpenBLAS on every core (spinning BLAS threads also slow small calls)
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        return None
    return threadpool_limits(threads)
"""


def _rel(rtol: float, atol: float = 0.0):
    def run(label):
        def checker(ours, peer):
            return {"max_abs_diff": check(label, ours, peer, rtol=rtol, atol=atol)}

        return checker

    return run


# ---------------------------------------------------------------------- PageRank
_PR_INPUT = """
n, m = {n}, {m}
rng = np.random.default_rng(0)
src = rng.integers(0, n, m).astype(np.int32)
src[:n] = np.arange(n)  # every actor has an out-tie: no sinks (scikit-network spreads
dst = rng.integers(0, n, m).astype(np.int32)  # a sink's mass differently from the rest)
dst = np.where(src == dst, (dst + 1) % n, dst).astype(np.int32)
w = rng.random(m) + 0.1
TOL = {tol!r}
def csr():
    a = sp.csr_array((w, (src, dst)), shape=(n, n)); a.sum_duplicates()
    return a
"""

PR_LABEL = "clusternet, building its CSR views in the call"
PR_PREBUILT = "clusternet, views prebuilt (compute only)"
_PR_SPECS = [
    {
        "label": PR_LABEL,
        "threads": (1, THREADS),
        "body": """
        import numba
        numba.set_num_threads({threads})
        threads = {threads}
        import clusternet as cn
        from clusternet import centrality as C
        C.pagerank(cn.ClusterNetwork.from_edges((np.array([0, 1]), np.array([1, 2]),
                   np.zeros(2, np.int16), np.ones(2)), layers=["transaction"], n_actors=3))
        # (compiled, views included, outside the clock)
        def build():
            return cn.ClusterNetwork.from_edges((src, dst, np.zeros(m, np.int16), w),
                                                layers=["transaction"], n_actors=n)
        def compute(net):
            return save(C.pagerank(net, tol=TOL))
        """,
    },
    {
        "label": PR_PREBUILT,
        "threads": (1, THREADS),
        "check": _rel(1e-12)(PR_PREBUILT),
        "body": """
        import numba
        numba.set_num_threads({threads})
        threads = {threads}
        import clusternet as cn
        from clusternet import centrality as C
        def build():
            net = cn.ClusterNetwork.from_edges((src, dst, np.zeros(m, np.int16), w),
                                               layers=["transaction"], n_actors=n)
            C.pagerank(net, tol=TOL)  # compiles, builds and caches the in-view
            return net
        def compute(net):
            # the call a user repeats on the same network: views cached on it, as the
            # peers' matrices are built before their clocks start
            return save(C.pagerank(net, tol=TOL))
        """,
    },
    {
        "label": "igraph PRPACK",
        "threads": (1,),
        "needs": "igraph",
        "check": _rel(1e-6)("igraph PRPACK"),
        "body": """
        threads = 1
        import igraph as ig
        def build():
            g = ig.Graph(n=n, edges=np.column_stack([src, dst]), directed=True)
            g.es["weight"] = w
            return g
        def compute(g):
            # PRPACK solves the linear system (Gauss-Seidel) to its own precision
            return save(g.pagerank(weights="weight", implementation="prpack"))
        """,
    },
    {
        "label": "NetworKit PageRank, L1 stop + DistributeSinks",
        "threads": (1, THREADS),
        "needs": "networkit",
        "check": _rel(1e-6)("NetworKit PageRank"),
        "body": """
        import networkit as nk
        threads = {threads}
        nk.setNumberOfThreads(threads)
        def build():
            G = nk.Graph(n, weighted=True, directed=True)
            G.addEdges((w, (src.astype(np.uint64), dst.astype(np.uint64))))
            return G
        def compute(G):
            # our stopping rule (L1 change < tol) and dangling mass spread uniformly
            pr = nk.centrality.PageRank(G, damp=0.85, tol=TOL,
                                        distributeSinks=nk.centrality.SinkHandling.DistributeSinks)
            pr.norm = nk.centrality.Norm.L1_NORM
            pr.run()
            s = np.asarray(pr.scores())
            return save(s / s.sum(), {{"iterations": int(pr.numberOfIterations())}})
        """,
    },
    {
        "label": "rustworkx pagerank",
        "threads": (1,),
        "needs": "rustworkx",
        "check": _rel(1e-6)("rustworkx pagerank"),
        "body": """
        threads = 1  # rustworkx's pagerank is serial
        import peers
        def build():
            return peers.rustworkx_digraph(csr())
        def compute(g):
            return save(peers.pagerank_rustworkx(g, 0.85, TOL / n))  # stops at L1 change < n tol
        """,
    },
    {
        "label": "python-graphblas vxm (SuiteSparse:GraphBLAS)",
        "threads": (1, THREADS),
        "needs": "graphblas",
        "check": _rel(1e-6)("python-graphblas"),
        "body": """
        import graphblas as gb
        threads = {threads}
        gb.ss.config["nthreads"] = threads
        import peers
        def build():
            return peers.graphblas_matrix(csr())
        def compute(mat):
            return save(peers.pagerank_graphblas(mat, 0.85, TOL))
        """,
    },
    {
        "label": "graphblas-algorithms pagerank",
        "threads": (1, THREADS),
        "needs": "graphblas_algorithms",
        "check": _rel(1e-6)("graphblas-algorithms"),
        "body": """
        import graphblas as gb, graphblas_algorithms as ga
        threads = {threads}
        gb.ss.config["nthreads"] = threads
        import peers
        def build():
            G = ga.DiGraph(peers.graphblas_matrix(csr()))
            # one call outside the clock: the graph caches its row degrees, as
            # clusternet's compute-only row has its views cached by a first call
            ga.pagerank(G, alpha=0.85, tol=TOL / n, max_iter=10_000)
            return G
        def compute(G):
            # it stops when sum |x - x_prev| < n tol: tol / n is our criterion
            x = ga.pagerank(G, alpha=0.85, tol=TOL / n, max_iter=10_000)
            return save(x.to_dense(fill_value=0.0))
        """,
    },
    {
        "label": "scikit-network PageRank (power iteration)",
        "threads": (1,),
        "needs": "sknetwork",
        "check": _rel(1e-6)("scikit-network"),
        "body": """
        threads = 1  # a scipy SpMV per iteration
        import peers
        def build():
            return sp.csr_matrix(csr())
        def compute(a):
            return save(peers.pagerank_sknetwork(a, 0.85, TOL))
        """,
    },
]


def bench_pagerank(tmp_path):
    """PageRank (damping 0.85, L1 change < 1e-10) on a random weighted digraph."""
    n, m = (20_000, 200_000) if quick() else (100_000, 1_000_000)
    tol = 1e-10
    prelude = _SAVE.format(here=HERE, out=str(tmp_path)) + _PR_INPUT.format(n=n, m=m, tol=tol)
    rows = compare(_PR_SPECS, prelude, ROUNDS, PR_LABEL, THREADS)
    record("centrality", {"pagerank": {"n": n, "m": m, "tol": tol, "damping": 0.85, "rows": rows}})


# ---------------------------------------------------------------------- BA graph cases
_BA_INPUT = """
e = np.load({edges!r})
n = {n}
def csr():
    a = sp.csr_array((np.ones(len(e)), (e[:, 0], e[:, 1])), shape=(n, n))
    return sp.csr_array(a + a.T)
def nk_graph():
    import networkit as nk
    G = nk.Graph(n)
    G.addEdges((e[:, 0].astype(np.uint64), e[:, 1].astype(np.uint64)))
    return G
"""

_OURS = """
import numba
numba.set_num_threads({threads})
threads = {threads}
_BLAS = limit_blas(threads)
from clusternet import centrality as C
C.{func}(sp.csr_array(np.ones((3, 3))){warm})  # compile outside the clock
def build():
    return csr()
"""


def _ours(func: str, call: str, warm: str = "") -> str:
    return _OURS.replace("{func}", func).replace("{warm}", warm) + (
        "def compute(a):\n    return save(" + call + ")\n"
    )


_OURS_NET = """
import numba
numba.set_num_threads({threads})
threads = {threads}
_BLAS = limit_blas(threads)
import clusternet as cn
from clusternet import centrality as C
def build():
    # one undirected layer; the first call builds and caches the network's CSR view
    # (and compiles), outside the clock: the timed call is the one a user repeats
    net = cn.ClusterNetwork.from_edges(
        (e[:, 0].astype(np.int32), e[:, 1].astype(np.int32), np.zeros(len(e), np.int16),
         np.ones(len(e))), layers=["social"], directed=False, n_actors=n)
    a = net
    {call}
    return net
def compute(a):
    return save({call})
"""


def _ours_net(call: str) -> str:
    """A clusternet row on a ClusterNetwork whose views were built in ``build()``."""
    return _OURS_NET.replace("{call}", call)


def _nk(threads_line: str, body: str) -> str:
    return (
        "import networkit as nk\nthreads = {threads}\nnk.setNumberOfThreads(threads)\n"
        + threads_line
        + "def build():\n    return nk_graph()\n"
        + body
    )


def _ga(body: str) -> str:
    """A graphblas-algorithms row: its graph built from the CSR in ``build()``, outside the
    clock, on the row's thread count."""
    return (
        "import graphblas as gb, graphblas_algorithms as ga\nthreads = {threads}\n"
        'gb.ss.config["nthreads"] = threads\n'
        "def build():\n    return ga.Graph(gb.io.from_scipy_sparse(csr()))\n" + body
    )


#: seed of igraph's generator (Python's ``random``, igraph's default), so every run
#: benchmarks the same Barabasi-Albert graph
BA_SEED = 0  # as profile_betweenness.py


@pytest.fixture(scope="module")
def barabasi(tmp_path_factory):
    import random

    import igraph as ig

    n = 1_000 if quick() else 3_000
    random.seed(BA_SEED)
    g = ig.Graph.Barabasi(n, 5, start_from=ig.Graph.Full(6))
    e = np.asarray(g.get_edgelist())
    path = tmp_path_factory.mktemp("ba") / "edges.npy"
    np.save(path, e)
    return n, e, path


def _ba_prelude(barabasi, tmp_path, n=None):
    n_all, e, path = barabasi
    n = n or n_all
    if n < n_all:  # the first n actors' induced subgraph
        e = e[(e[:, 0] < n) & (e[:, 1] < n)]
        path = tmp_path / "sub.npy"
        np.save(path, e)
    prelude = _SAVE.format(here=HERE, out=str(tmp_path)) + _BA_INPUT.format(edges=str(path), n=n)
    return prelude, n, len(e)


BW_LABEL = "clusternet (Brandes, BFS)"
_BW_SPECS = [
    {"label": BW_LABEL, "threads": (1, THREADS), "body": _ours("betweenness", "C.betweenness(a)")},
    {
        "label": "igraph",
        "needs": "igraph",
        "check": _rel(1e-9, 1e-6)("igraph betweenness"),
        "body": """
        threads = 1
        import igraph as ig
        def build():
            return ig.Graph(n=n, edges=e.tolist(), directed=False)
        def compute(g):
            return save(g.betweenness(directed=False))
        """,
    },
    {
        "label": "NetworKit Betweenness",
        "threads": (1, THREADS),
        "needs": "networkit",
        "check": _rel(1e-9, 1e-6)("NetworKit Betweenness"),
        "body": _nk(
            "",
            """
def compute(G):
    b = nk.centrality.Betweenness(G)
    b.run()
    # NetworKit counts ordered pairs on an undirected graph (each pair twice): halved
    return save(np.asarray(b.scores()) / 2.0)
""",
        ),
    },
    {
        "label": "scikit-network Betweenness",
        "needs": "sknetwork",
        # its path counts are floating point in another order of summation: agreement with
        # igraph to about 1e-8 relative on this graph, so the check is 1e-6 relative
        "check": _rel(1e-6, 1e-6)("scikit-network Betweenness"),
        "body": """
        threads = 1  # Cython, serial
        from sknetwork.ranking import Betweenness
        def build():
            return sp.csr_matrix(csr())
        def compute(a):
            return save(Betweenness().fit_predict(a))  # unordered pairs, as clusternet
        """,
    },
    {
        "label": "rustworkx betweenness_centrality",
        "threads": (1, THREADS),
        "needs": "rustworkx",
        "check": _rel(1e-9, 1e-6)("rustworkx betweenness"),
        "body": """
        import os
        threads = {threads}
        os.environ["RAYON_NUM_THREADS"] = str(threads)  # read when rustworkx starts its pool
        import peers
        def build():
            return peers.rustworkx_graph(csr())
        def compute(g):
            return save(peers.betweenness_rustworkx(g))
        """,
    },
]


def bench_betweenness_exact(barabasi, tmp_path):
    """Exact betweenness (unordered-pair counts) on a Barabasi-Albert graph."""
    prelude, n, m = _ba_prelude(barabasi, tmp_path)
    rows = compare(_BW_SPECS, prelude, ROUNDS, BW_LABEL, THREADS)
    record("centrality", {"betweenness_exact": {"n": n, "m": m, "rows": rows}})


_KADABRA_SPECS = [
    {
        "label": "clusternet approximate_betweenness (adaptive sampling)",
        "threads": (1, THREADS),
        "body": """
        import numba
        numba.set_num_threads({threads})
        threads = {threads}
        from clusternet import centrality as C
        C.approximate_betweenness(sp.csr_array(np.ones((3, 3))), epsilon=0.1, seed=0)
        def build():
            return csr()
        def compute(a):
            r = C.approximate_betweenness(a, epsilon=EPS, delta=DELTA, seed=1)
            return save(r.scores, {{"samples": int(r.samples)}})
        """,
    },
    {
        "label": "NetworKit KadabraBetweenness",
        "threads": (1, THREADS),
        "needs": "networkit",
        "body": _nk(
            "",
            """
def compute(G):
    k = nk.centrality.KadabraBetweenness(G, EPS, DELTA)
    k.run()
    # NetworKit's KadabraBetweenness.cpp (computeApproxParallel(normalize=true)) returns, on
    # an undirected graph, twice the fraction of sampled pairs whose path crosses v, while
    # its stopping rule bounds the fraction itself by epsilon: halved, its scores are
    # clusternet's b(v) = sum_(s != t) sigma_st(v) / sigma_st / (n (n - 1)), same epsilon
    return save(np.asarray(k.scores()) / 2.0, {{"samples": int(k.getNumberOfIterations())}})
""",
        ),
    },
    {
        "label": "NetworKit ApproxBetweenness (Riondato-Kornaropoulos)",
        "threads": (1, THREADS),
        "needs": "networkit",
        "body": _nk(
            "",
            """
def compute(G):
    # ApproxBetweenness.cpp: vertex-diameter sample size for |error| <= epsilon with
    # probability 1 - delta on the normalised scores (no halving: measured equal to
    # clusternet's b(v) on an undirected graph)
    k = nk.centrality.ApproxBetweenness(G, EPS, DELTA)
    k.run()
    return save(np.asarray(k.scores()), {{"samples": int(k.numberOfSamples())}})
""",
        ),
    },
]


def bench_betweenness_approx(barabasi, tmp_path):
    """Approximate betweenness (epsilon 0.01, delta 0.1): every library's largest error
    against the exact normalised scores (igraph's) must be within epsilon, the guarantee
    each states with probability 1 - delta, else the benchmark fails."""
    import igraph as ig
    from peers import Mismatch

    prelude, n, m = _ba_prelude(barabasi, tmp_path)
    eps, delta = 0.01, 0.1
    prelude += f"EPS, DELTA = {eps}, {delta}\n"
    _, e, _ = barabasi
    g = ig.Graph(n=n, edges=e.tolist(), directed=False)
    exact = 2 * np.array(g.betweenness(directed=False)) / (n * (n - 1))

    def against_exact(label):
        def checker(_ours, scores):
            err = float(np.abs(scores - exact).max())
            if err > eps:
                raise Mismatch(f"{label}: largest error {err} > epsilon {eps}")
            return {"max_abs_error": err}

        return checker

    specs = [{**s, "check": against_exact(s["label"])} for s in _KADABRA_SPECS]
    rows = compare(specs, prelude, ROUNDS, _KADABRA_SPECS[0]["label"], THREADS)
    record(
        "centrality",
        {"betweenness_approx": {"n": n, "m": m, "epsilon": eps, "delta": delta, "rows": rows}},
    )


_HARMONIC_SPECS = [
    {"label": "clusternet", "threads": (1, THREADS), "body": _ours("harmonic", "C.harmonic(a)")},
    {
        "label": "igraph",
        "needs": "igraph",
        "check": _rel(1e-12, 1e-12)("igraph harmonic"),
        "body": """
        threads = 1
        import igraph as ig
        def build():
            return ig.Graph(n=n, edges=e.tolist(), directed=False)
        def compute(g):
            return save(g.harmonic_centrality())  # normalised by n - 1, as clusternet
        """,
    },
    {
        "label": "NetworKit HarmonicCloseness",
        "threads": (1, THREADS),
        "needs": "networkit",
        "check": _rel(1e-12, 1e-12)("NetworKit HarmonicCloseness"),
        "body": _nk(
            "",
            """
def compute(G):
    h = nk.centrality.HarmonicCloseness(G, normalized=True)  # normalised by n - 1
    h.run()
    return save(h.scores())
""",
        ),
    },
]


def bench_harmonic(barabasi, tmp_path):
    """Harmonic closeness (normalised by n - 1) on the first actors of the BA graph."""
    prelude, n, m = _ba_prelude(barabasi, tmp_path, n=500 if quick() else 2_000)
    rows = compare(_HARMONIC_SPECS, prelude, ROUNDS, "clusternet", THREADS)
    record("centrality", {"harmonic": {"n": n, "m": m, "rows": rows}})


def _with_error(reference: np.ndarray, rtol: float | None, atol: float = 0.0, ranking=False):
    """A row's check: its largest error against a high-precision ``reference`` (every
    row, clusternet's too) and, for a peer, the match with clusternet's output."""

    def run(label):
        def checker(ours, peer):
            out = {"error_vs_reference": float(np.abs(peer - reference).max())}
            if ranking:
                out.update(check_ranking(label, ours, peer, top=100))
            elif rtol is not None:
                out["max_abs_diff"] = check(label, ours, peer, rtol=rtol, atol=atol)
            return out

        return checker

    return run


KATZ_LABEL = "clusternet (CSR input, checked and converted in the call)"
# untimed: the fixed point's step count, by the kernel katz calls (the benchmark graph is
# unweighted, so katz's scale w_max is 1), checked to give the row's own output
_KATZ_STEPS = """
def after(result):
    from clusternet.kernels.linalg import affine_fixed_point
    m = csr()
    x = np.zeros(n)
    it, _ = affine_fixed_point(m.indptr.astype(np.uint64), m.indices.astype(np.uint32),
                               m.data.astype(np.float64), float(ALPHA), np.ones(n),
                               float(TOL), 100_000, x)
    assert np.allclose(x / np.linalg.norm(x), np.load(result[0]), rtol=0, atol=1e-12)
    result[1]["iterations"] = int(it)
    return result
"""
KATZ_NET = "clusternet (network views prebuilt)"
_KATZ_CALL = "C.katz(a, alpha=ALPHA, tol=TOL)"


def _katz_specs(reference: np.ndarray, nk_convert) -> list[dict]:
    """Katz rows. Every side solves (I - alpha A) x = 1 (A symmetric) with the same alpha
    and the same stopping rule: clusternet stops when the L1 change of its iteration
    (which is the L1 norm of the residual) is below TOL; scipy CG when the 2-norm of its
    residual is (atol = TOL, rtol = 0: no looser); rustworkx at its own L1 rule scaled
    to TOL. Every row records its largest error against a direct sparse solve."""
    err = _with_error(reference, 1e-8, 1e-12)
    return [
        {
            "label": KATZ_LABEL,
            "threads": (1, THREADS),
            "check": _with_error(reference, None)(KATZ_LABEL),
            "body": _ours("katz", _KATZ_CALL, ", alpha=0.1"),
        },
        {
            "label": KATZ_NET,
            "threads": (1, THREADS),
            "check": err(KATZ_NET),
            "body": _ours_net(_KATZ_CALL) + _KATZ_STEPS,
        },
        {
            "label": "scipy conjugate gradient (I - alpha A) x = 1",
            "check": err("scipy Katz solve"),
            "body": """
        threads = 1
        _BLAS = limit_blas(threads)
        from scipy.sparse.linalg import cg
        def build():
            return sp.csr_array(sp.eye(n, format="csr") - ALPHA * csr())
        def compute(mat):
            # symmetric positive definite (alpha lambda_max < 1): CG; a direct SuperLU
            # solve fills in on a scale-free graph and is far slower. Stop: residual
            # 2-norm <= TOL (clusternet: residual L1 norm < TOL)
            x, info = cg(mat, np.ones(n), rtol=0.0, atol=TOL, maxiter=100_000)
            assert info == 0
            return save(x / np.linalg.norm(x))  # clusternet normalises to unit L2 norm
        def after(result):
            # untimed: CG's iteration count, by a second solve with a counting callback
            # (the callback would add Python calls to the timed one)
            steps = []
            x, _ = cg(csr_of_round(), np.ones(n), rtol=0.0, atol=TOL, maxiter=100_000,
                      callback=lambda xk: steps.append(1))
            assert np.allclose(x / np.linalg.norm(x), np.load(result[0]), rtol=0, atol=1e-12)
            result[1]["iterations"] = len(steps)
            return result
        def csr_of_round():
            return sp.csr_array(sp.eye(n, format="csr") - ALPHA * csr())
        """,
        },
        {
            "label": "rustworkx katz_centrality",
            "needs": "rustworkx",
            "check": err("rustworkx katz"),
            "body": """
        threads = 1
        import peers
        def build():
            return peers.rustworkx_graph(csr())
        def compute(g):
            return save(peers.katz_rustworkx(g, ALPHA, TOL))
        """,
        },
        {
            "label": "scikit-network Katz (truncated series)",
            "needs": "sknetwork",
            "check": err("scikit-network Katz"),
            "body": """
        threads = 1
        _BLAS = limit_blas(threads)
        import peers
        def build():
            return sp.csr_matrix(csr())
        def compute(a):
            return save(peers.katz_sknetwork(a, ALPHA, ALPHA_LAMBDA, TOL))
        """,
        },
        {
            "label": "graphblas-algorithms katz_centrality",
            "threads": (1, THREADS),
            "needs": "graphblas_algorithms",
            "check": err("graphblas-algorithms Katz"),
            "body": _ga(
                """
def compute(G):
    # x = alpha A x + beta (beta 1) until sum |x - x_prev| < n tol: tol = TOL / n is
    # clusternet's L1 rule; unit L2 norm, as clusternet's
    k = ga.katz_centrality(G, alpha=ALPHA, beta=1.0, tol=TOL / n, max_iter=100_000)
    return save(k.to_dense(fill_value=0.0))
"""
            ),
        },
        {
            "label": "NetworKit KatzCentrality (power iteration, norm-change stop)",
            "threads": (1, THREADS),
            "needs": "networkit",
            "check": lambda ours, peer: err("NetworKit Katz")(ours, nk_convert(peer)),
            "body": _nk(
                "",
                """
def compute(G):
    # NetworKit's KatzCentrality.cpp iterates x = alpha A (1 + x) + beta and stops when
    # the 2-norm of x changes by less than tol (not on the residual); with beta = 0 its x
    # is k - 1 for clusternet's k (beta = 1), returned at unit norm: the check converts
    # it back (bench_katz, outside the clock)
    k = nk.centrality.KatzCentrality(G, ALPHA, 0.0, TOL)
    k.run()
    return save(k.scores())
""",
            ),
        },
    ]


def bench_katz(barabasi, tmp_path):
    """Katz centrality with alpha = 0.5 / lambda_max (given), beta = 1, residual below 1e-10."""
    import scipy.sparse as sp
    from scipy.sparse.linalg import eigsh, spsolve

    prelude, n, m = _ba_prelude(barabasi, tmp_path)
    _, e, _ = barabasi
    a = sp.csr_array((np.ones(len(e)), (e[:, 0], e[:, 1])), shape=(n, n))
    a = sp.csr_array(a + a.T)
    lam = float(eigsh(a, k=1, which="LA", return_eigenvectors=False)[0])
    alpha = 0.5 / lam
    reference = spsolve(sp.csc_array(sp.eye(n) - alpha * a), np.ones(n))
    reference /= np.linalg.norm(reference)

    def nk_convert(unit):
        # NetworKit returns u = (k - 1) / L at unit norm; k = L u + 1 solves
        # (I - alpha A) k = 1, so L (I - alpha A) u = alpha A 1: L by least squares
        mu = unit - alpha * (a @ unit)
        rhs = alpha * (a @ np.ones(n))
        k = (mu @ rhs) / (mu @ mu) * unit + 1.0
        return k / np.linalg.norm(k)

    prelude += f"ALPHA, ALPHA_LAMBDA, TOL = {alpha!r}, 0.5, 1e-10\n"
    rows = compare(_katz_specs(reference, nk_convert), prelude, ROUNDS, KATZ_LABEL, THREADS)
    record(
        "centrality",
        {
            "katz": {
                "n": n, "m": m, "alpha_times_lambda": 0.5, "tol": 1e-10,
                "reference": "scipy spsolve (SuperLU) of (I - alpha A) x = 1, unit L2 norm",
                "rows": rows,
            }
        },
    )  # fmt: skip


EIG_LABEL = "clusternet (shifted power iteration, ARPACK fallback)"


def _eig_specs(reference: np.ndarray) -> list[dict]:
    """Eigenvector rows, each at the tightest accuracy its own stopping rule reaches:
    clusternet and igraph stop ARPACK at a Ritz residual of about 1e-14; NetworKit's
    power iteration stops when its eigenvalue estimate changes by at most tol, which
    is quadratically tighter than the vector's error, so tol 1e-12 leaves ~1e-7 in the
    vector: here tol = 0 (it stops when the estimate repeats exactly); rustworkx stops
    on the L1 change of the unit vector (below n tol): tol 1e-17. Every row records its
    largest error against a dense LAPACK eigenvector (largest entry 1)."""
    err = _with_error(reference, 1e-6, 1e-9)
    return [
        {
            "label": EIG_LABEL,
            "threads": (1, THREADS),
            "check": _with_error(reference, None)(EIG_LABEL),
            # warmed on a 70-actor complete graph too: the power path starts at 64 actors
            "body": _ours("eigenvector", "C.eigenvector(a)")
            + "C.eigenvector(sp.csr_array(np.ones((70, 70)) - np.eye(70)))\n",
        },
        {
            "label": "igraph eigenvector_centrality (ARPACK)",
            "needs": "igraph",
            "check": err("igraph eigenvector"),
            "body": """
        threads = 1
        _BLAS = limit_blas(threads)
        import igraph as ig
        def build():
            return ig.Graph(n=n, edges=e.tolist(), directed=False)
        def compute(g):
            return save(g.eigenvector_centrality(scale=True))  # largest = 1, as clusternet
        """,
        },
        {
            "label": "NetworKit EigenvectorCentrality (power iteration, tol 0)",
            "threads": (1, THREADS),
            "needs": "networkit",
            "check": err("NetworKit eigenvector"),
            "body": _nk(
                "",
                """
def compute(G):
    # EigenvectorCentrality.cpp stops when |lambda_t - lambda_(t-1)| <= tol; tol 0: when
    # the estimate repeats exactly (its tightest setting; 1e-12 leaves ~1e-7 error)
    c = nk.centrality.EigenvectorCentrality(G, 0.0)
    c.run()
    s = np.asarray(c.scores())
    return save(s / s.max())  # it normalises to unit L2 norm; clusternet's largest is 1
""",
            ),
        },
        {
            "label": "graphblas-algorithms eigenvector_centrality (tol 1e-17)",
            "threads": (1, THREADS),
            "needs": "graphblas_algorithms",
            "check": err("graphblas-algorithms eigenvector"),
            "body": _ga(
                """
def compute(G):
    # power iteration on A + I (networkx's rule): stops when the L1 change is below
    # n tol; tol 1e-17 as rustworkx's row, its tightest useful setting
    s = ga.eigenvector_centrality(G, tol=1e-17, max_iter=100_000).to_dense(fill_value=0.0)
    return save(s / s.max())
"""
            ),
        },
        {
            "label": "rustworkx eigenvector_centrality (tol 1e-17)",
            "needs": "rustworkx",
            "check": err("rustworkx eigenvector"),
            "body": """
        threads = 1
        import rustworkx as rx, peers
        def build():
            return peers.rustworkx_graph(csr())
        def compute(g):
            s = rx.eigenvector_centrality(g, weight_fn=float, tol=1e-17, max_iter=100_000)
            s = np.array([s[i] for i in range(len(g))])
            return save(s / s.max())
        """,
        },
    ]


def bench_eigenvector(barabasi, tmp_path):
    """Eigenvector centrality (leading eigenvector, largest entry 1), every library at the
    tightest accuracy its stopping rule reaches; errors against dense LAPACK recorded."""
    prelude, n, m = _ba_prelude(barabasi, tmp_path)
    _, e, _ = barabasi
    a = np.zeros((n, n))
    np.add.at(a, (e[:, 0], e[:, 1]), 1.0)
    a = a + a.T
    reference = np.abs(np.linalg.eigh(a)[1][:, -1])
    reference /= reference.max()
    rows = compare(_eig_specs(reference), prelude, ROUNDS, EIG_LABEL, THREADS, round_limit=120)
    record(
        "centrality",
        {
            "eigenvector": {
                "n": n, "m": m, "reference": "numpy.linalg.eigh (LAPACK), largest entry 1",
                "rows": rows,
            }
        },
    )  # fmt: skip
