"""The strongest installed peers, each called the way its documentation says, on a scipy CSR.

Every adapter takes the same input as clusternet (a ``scipy.sparse.csr_array``
whose entry ``(i, j)`` is the tie ``i -> j``) and returns the same quantity, so a
benchmark can time it and check it against clusternet's output (:func:`check`
raises on a mismatch). ``python benchmarks/peers.py`` runs every installed
adapter on small graphs against clusternet: the comparison's correctness, not
its speed.
"""

from __future__ import annotations

import importlib.util

import numpy as np
import scipy.sparse as sp


def installed(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


class Mismatch(AssertionError):
    """A peer's output differs from clusternet's beyond the stated tolerance."""


def check(label: str, ours: np.ndarray, peer: np.ndarray, rtol: float, atol: float = 0.0) -> float:
    """Largest absolute difference; raises :class:`Mismatch` beyond ``atol + rtol |ours|``."""
    ours, peer = np.asarray(ours, dtype=float), np.asarray(peer, dtype=float)
    if ours.shape != peer.shape:
        raise Mismatch(f"{label}: shape {peer.shape}, clusternet {ours.shape}")
    diff = np.abs(ours - peer)
    if (diff > atol + rtol * np.abs(ours)).any():
        i = int(np.argmax(diff - rtol * np.abs(ours)))
        raise Mismatch(f"{label}: actor {i} gives {peer[i]!r}, clusternet {ours[i]!r}")
    return float(diff.max()) if diff.size else 0.0


def check_ranking(label: str, ours: np.ndarray, peer: np.ndarray, top: int) -> dict:
    """The ``top`` highest-ranked actors must be the same, in the same order (ties aside)."""
    mine, theirs = np.argsort(-np.asarray(ours), kind="stable"), np.argsort(-np.asarray(peer))
    top = min(top, len(mine))
    same = mine[:top] == theirs[:top]
    tied = np.isclose(np.asarray(ours)[mine[:top]], np.asarray(ours)[theirs[:top]], rtol=1e-9)
    if not (same | tied).all():
        i = int(np.argmin(same | tied))
        raise Mismatch(f"{label}: rank {i} is actor {theirs[i]}, clusternet's {mine[i]}")
    return {"same_top_ranks": top}


# ---------------------------------------------------------------------- graphs
def rustworkx_digraph(a: sp.csr_array):
    import rustworkx as rx

    coo = a.tocoo()
    g = rx.PyDiGraph(multigraph=False)
    g.add_nodes_from(range(a.shape[0]))
    g.extend_from_weighted_edge_list(
        list(zip(coo.row.tolist(), coo.col.tolist(), coo.data.tolist(), strict=True))
    )
    return g


def rustworkx_graph(a: sp.csr_array):
    """Undirected rustworkx graph from a symmetric matrix (upper triangle)."""
    import rustworkx as rx

    coo = sp.triu(a, k=0).tocoo()
    g = rx.PyGraph(multigraph=False)
    g.add_nodes_from(range(a.shape[0]))
    g.extend_from_weighted_edge_list(
        list(zip(coo.row.tolist(), coo.col.tolist(), coo.data.tolist(), strict=True))
    )
    return g


# ---------------------------------------------------------------------- PageRank
def pagerank_rustworkx(g, damping: float, tol: float) -> np.ndarray:
    """``rustworkx.pagerank`` (weights from the edge payload; dangling mass spread uniformly)."""
    import rustworkx as rx

    scores = rx.pagerank(g, alpha=damping, weight_fn=float, tol=tol, max_iter=10_000)
    return np.array([scores[i] for i in range(len(g))])


def pagerank_sknetwork(a: sp.csr_array, damping: float, tol: float) -> np.ndarray:
    """scikit-network ``PageRank`` by power iteration (its ``piteration`` solver)."""
    from sknetwork.ranking import PageRank

    model = PageRank(damping_factor=damping, solver="piteration", n_iter=10_000, tol=tol)
    return np.asarray(model.fit_predict(sp.csr_matrix(a)), dtype=float)


def graphblas_matrix(a: sp.csr_array):
    import graphblas as gb

    coo = a.tocoo()
    return gb.Matrix.from_coo(coo.row, coo.col, coo.data, nrows=a.shape[0], ncols=a.shape[1])


def pagerank_graphblas(m, damping: float, tol: float, max_iter: int = 10_000) -> np.ndarray:
    """PageRank with the SpMV on SuiteSparse:GraphBLAS (python-graphblas ``vxm``, plus-times):
    ``x <- d A^T (x / s) + (d D + 1 - d) / n`` with dangling mass ``D`` (as
    graphblas-algorithms' ``pagerank``), stopping when the L1 change is below ``tol``
    (clusternet's criterion)."""
    import graphblas as gb

    n = m.nrows
    s = m.reduce_rowwise().new().to_dense(fill_value=0.0)
    inv = np.divide(1.0, s, out=np.zeros(n), where=s > 0)
    x = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        y = gb.Vector.from_dense(x * inv)
        moved = y.vxm(m, gb.semiring.plus_times).new().to_dense(fill_value=0.0)
        nxt = damping * moved + (damping * x[s == 0].sum() + 1.0 - damping) / n
        nxt /= nxt.sum()
        err = np.abs(nxt - x).sum()
        x = nxt
        if err < tol:
            break
    return x


# ---------------------------------------------------------------------- Katz
def katz_rustworkx(g, alpha: float, tol: float) -> np.ndarray:
    """``rustworkx.katz_centrality`` (beta 1, unit-L2 normalised; it stops when the L1
    change is below ``n tol``, so ``tol / n`` is clusternet's criterion)."""
    import rustworkx as rx

    n = len(g)
    s = rx.katz_centrality(g, alpha=alpha, beta=1.0, weight_fn=float, tol=tol / n, max_iter=100_000)
    return np.array([s[i] for i in range(n)])


def katz_sknetwork(a, alpha: float, alpha_lambda: float, tol: float) -> np.ndarray:
    """scikit-network ``Katz``: the series :math:`\\sum_{k=1}^K \\alpha^k (A^k)^T 1`, truncated
    at the ``K`` where the remainder (``(alpha lambda)^K / (1 - alpha lambda)`` relative) is
    below ``tol``; plus the ``k = 0`` term (beta = 1) and unit-L2 normalised, as clusternet."""
    from sknetwork.ranking import Katz

    k = int(np.ceil(np.log(tol * (1 - alpha_lambda)) / np.log(alpha_lambda))) + 1
    x = np.asarray(Katz(damping_factor=alpha, path_length=k).fit_predict(a), dtype=float) + 1.0
    return x / np.linalg.norm(x)


# ---------------------------------------------------------------------- paths
def betweenness_rustworkx(g) -> np.ndarray:
    """``rustworkx.betweenness_centrality`` (Brandes, parallel over sources, unnormalised)."""
    import rustworkx as rx

    out = rx.betweenness_centrality(g, normalized=False, endpoints=False, parallel_threshold=50)
    values = np.array([out[i] for i in range(len(g))])
    return values


# ---------------------------------------------------------------------- heat
def pygsp_graph(a: sp.csr_array):
    """pygsp graph with the combinatorial Laplacian and its estimated ``lmax`` (set-up)."""
    from pygsp import graphs

    g = graphs.Graph(sp.csr_matrix(a), lap_type="combinatorial")
    g.estimate_lmax()
    return g


def pygsp_order(g, t: float, tol: float = 2.0**-53) -> int:
    """The Chebyshev order pygsp's heat filter gets: the degree clusternet's own a-priori bound
    gives for the same function on pygsp's spectral interval ``[0, lmax]``.

    ``exp(-t x)`` on ``[0, lmax]`` is ``exp(-c (z + 1))`` on ``[-1, 1]`` with
    ``c = t lmax / 2``; :func:`clusternet.heat.bessel_coefficients` cuts its Chebyshev
    series at the smallest degree whose tail is at most ``tol`` (clusternet's default, one
    unit roundoff), so pygsp runs the fewest products that reach clusternet's accuracy
    bound with its own (Lanczos) ``lmax``: the rule, not a fixed order (pygsp's default is
    30, which stops short of double precision on the bench's graphs).
    """
    from clusternet.heat import bessel_coefficients

    coefs, _ = bessel_coefficients(t * float(g.lmax) / 2.0, tol)
    return len(coefs) - 1


def heat_pygsp(g, x0: np.ndarray, t: float, order: int) -> np.ndarray:
    """pygsp's heat filter ``exp(-t L)`` by its Chebyshev approximation of degree ``order``
    (pygsp's ``Heat`` kernel is ``exp(-scale x / lmax)`` with ``normalize=False``; its
    ``cheby_op`` applies ``order`` products with ``L``)."""
    from pygsp import filters

    heat = filters.Heat(g, scale=t * g.lmax, normalize=False)
    return heat.filter(x0, method="chebyshev", order=order)


# ---------------------------------------------------------------------- cascades
def ic_eon(a: sp.csr_array, p: float, seeds, runs: int, seed: int) -> np.ndarray:
    """Final sizes of ``EoN.basic_discrete_SIR`` runs (each infected node gets one chance to
    pass to each neighbour with probability ``p``: the independent cascade)."""
    import random

    import EoN
    import networkx as nx

    g = nx.from_scipy_sparse_array(a, create_using=nx.DiGraph)
    random.seed(seed)
    sizes = []
    for _ in range(runs):
        _, _, _, r = EoN.basic_discrete_SIR(g, p, initial_infecteds=list(seeds))
        sizes.append(r[-1])
    return np.array(sizes, dtype=float)


# ---------------------------------------------------------------------- quick check
def _demo() -> None:
    import clusternet.centrality as C
    import clusternet.diffusion as D

    rng = np.random.default_rng(0)
    n = 300
    src, dst = rng.integers(0, n, 2400), rng.integers(0, n, 2400)
    keep = src != dst
    a = sp.csr_array((rng.random(keep.sum()) + 0.5, (src[keep], dst[keep])), shape=(n, n))
    a.sum_duplicates()
    ours = C.pagerank(a, damping=0.85, tol=1e-12)
    report = {}
    if installed("rustworkx"):
        report["rustworkx pagerank"] = check(
            "rustworkx pagerank", ours, pagerank_rustworkx(rustworkx_digraph(a), 0.85, 1e-12), 1e-6
        )
    if installed("sknetwork"):
        report["scikit-network pagerank"] = check(
            "scikit-network pagerank", ours, pagerank_sknetwork(a, 0.85, 1e-12), 1e-6
        )
    if installed("graphblas"):
        report["graphblas pagerank"] = check(
            "graphblas pagerank", ours, pagerank_graphblas(graphblas_matrix(a), 0.85, 1e-12), 1e-8
        )
    u = sp.csr_array(((a + a.T) > 0).astype(float))
    if installed("rustworkx"):
        g = rustworkx_graph(u)
        bw = C.betweenness(u)  # both count each unordered pair once on an undirected graph
        report["rustworkx betweenness"] = check(
            "rustworkx betweenness", bw, betweenness_rustworkx(g), 1e-9, 1e-9
        )
    if installed("pygsp"):
        sym = sp.csr_array(a + a.T)
        x0 = rng.random(n)
        t = 0.05
        g = pygsp_graph(sym)
        report["pygsp heat"] = check(
            "pygsp heat", D.heat(sym, x0, t), heat_pygsp(g, x0, t, pygsp_order(g, t)), 1e-6, 1e-9
        )
    if installed("EoN"):
        p = 0.2
        seeds = np.array([0, 1, 2], dtype=np.int64)
        ic = D.independent_cascade(u, seeds, prob=p, n_sims=4000, seed=1)
        peer = ic_eon(u, p, seeds.tolist(), 1000, seed=1)
        ours_mean = float(np.mean(ic.sizes))
        se = np.sqrt(np.var(ic.sizes) / len(ic.sizes) + np.var(peer) / len(peer))
        if abs(ours_mean - peer.mean()) > 4 * se:
            raise Mismatch(f"EoN cascade: mean size {peer.mean()} vs clusternet {ours_mean}")
        report["EoN cascade mean size difference"] = abs(ours_mean - peer.mean())
    for k, v in report.items():
        print(f"{k}: largest difference {v:.3g}")


if __name__ == "__main__":
    _demo()
