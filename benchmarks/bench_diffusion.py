"""Cascades, spillover and heat diffusion beside cynetdiff, NDlib and scipy, in the same run."""

import time

import numba
import numpy as np
import pytest
import scipy.sparse as sp
from _common import best_of, quick, record
from numba import njit, prange

import clusternet as cn
from clusternet import diffusion as D

THREADS = numba.get_num_threads()


@pytest.fixture(scope="module")
def digraph():
    n, m = 100_000, 1_000_000
    rng = np.random.default_rng(0)
    src, dst = rng.integers(0, n, m), rng.integers(0, n, m)
    keep = src != dst
    return n, src[keep], dst[keep]


def _cynetdiff_model(n, src, dst, p):
    import networkx as nx
    from cynetdiff.utils import networkx_to_ic_model

    g = nx.DiGraph()
    g.add_nodes_from(range(n))
    g.add_edges_from(zip(src.tolist(), dst.tolist()))
    return networkx_to_ic_model(g, activation_prob=p, rng=1)


@pytest.mark.parametrize(("p", "sims"), [(0.01, 10_000), (0.2, 100)])
def bench_independent_cascade(benchmark, digraph, p, sims):
    n, src, dst = digraph
    net = cn.ClusterNetwork.from_edges((src, dst), n_actors=n, directed=True)
    seeds = np.arange(10)
    D.independent_cascade(net, seeds, p, n_sims=2, seed=1)  # compile, cache the probability CSR
    ours_t, res = best_of(
        lambda: D.independent_cascade(net, seeds, p, n_sims=sims, seed=1),
        rounds=5 if p < 0.1 else 3,
    )
    benchmark.pedantic(
        lambda: D.independent_cascade(net, seeds, p, n_sims=sims, seed=1), rounds=3, iterations=1
    )
    one_t, _ = (
        best_of(lambda: D.independent_cascade(net, seeds, p, n_sims=1, seed=1), rounds=50)
        if p < 0.1
        else (None, None)
    )
    result = {
        "n": n,
        "m": int(src.shape[0]),
        "seeds": 10,
        "sims": sims,
        "threads": THREADS,
        "clusternet_s": ours_t,
        "clusternet_sims_per_s": sims / ours_t,
        "mean_size": float(res.sizes.mean()),
        "one_call_ms": one_t and one_t * 1e3,
    }
    try:
        model, labels = _cynetdiff_model(n, src, dst, p)
        seeds_cd = [labels[s] for s in range(10)]
        cd_t, _ = best_of(
            lambda: model.compute_marginal_gains(seeds_cd, [], sims), rounds=5 if p < 0.1 else 3
        )
        result.update(cynetdiff_s=cd_t, cynetdiff_sims_per_s=sims / cd_t)
    except ImportError:
        pass
    record("diffusion", {f"ic_p{p}": result})


def bench_ndlib_extrapolated(benchmark):
    """NDlib is pure Python: time it on 10,000 nodes / 100,000 edges and scale per edge visited."""
    ndlib = pytest.importorskip("ndlib.models.epidemics")
    import ndlib.models.ModelConfig as mc
    import networkx as nx

    n, m = 10_000, 100_000
    rng = np.random.default_rng(0)
    src, dst = rng.integers(0, n, m), rng.integers(0, n, m)
    keep = src != dst
    g = nx.DiGraph()
    g.add_nodes_from(range(n))
    g.add_edges_from(zip(src[keep].tolist(), dst[keep].tolist()))
    p, sims = 0.2, 3

    cfg = mc.Configuration()
    cfg.add_model_initial_configuration("Infected", list(range(10)))
    for e in g.edges():
        cfg.add_edge_configuration("threshold", e, p)

    def run_ndlib():
        """Only the simulation is timed; building NDlib's per-edge configuration is not."""
        sizes, elapsed = [], 0.0
        for s in range(sims):
            model = ndlib.IndependentCascadesModel(g, seed=s)
            model.set_initial_status(cfg)
            t0 = time.perf_counter()
            model.iteration_bunch(200, progress_bar=False)
            elapsed += time.perf_counter() - t0
            sizes.append(sum(1 for v in model.status.values() if v == 2))
        return elapsed, sizes

    nd_t, nd_sizes = run_ndlib()
    net = cn.ClusterNetwork.from_edges((src[keep], dst[keep]), n_actors=n, directed=True)
    D.independent_cascade(net, np.arange(10), p, n_sims=2, seed=1)
    ours_t, res = best_of(
        lambda: D.independent_cascade(net, np.arange(10), p, n_sims=sims * 100, seed=1)
    )
    benchmark.pedantic(lambda: None, rounds=1, iterations=1)
    record(
        "diffusion",
        {
            "ndlib": {
                "n": n,
                "m": int(keep.sum()),
                "p": p,
                "ndlib_s_per_sim": nd_t / sims,
                "ndlib_mean_size": float(np.mean(nd_sizes)),
                "clusternet_s_per_sim": ours_t / (sims * 100),
                "clusternet_mean_size": float(res.sizes.mean()),
            }
        },
    )


@njit(cache=True, parallel=True, nogil=True)
def _random_gather(x, idx, out):
    n = idx.shape[0]
    chunk = (n + out.shape[0] - 1) // out.shape[0]
    for c in prange(out.shape[0]):
        acc = 0.0
        for k in range(c * chunk, min(n, (c + 1) * chunk)):
            acc += x[idx[k]]
        out[c] = acc


def bench_random_gather(benchmark):
    """This machine's random-gather throughput: 8-byte reads at random positions of a 64 MB array."""
    rng = np.random.default_rng(0)
    x = rng.random(8_000_000)
    idx = rng.integers(0, x.shape[0], 20_000_000).astype(np.uint32)
    out = np.zeros(64)
    _random_gather(x, idx[:100], out)
    t, _ = best_of(lambda: _random_gather(x, idx, out), rounds=5)
    benchmark.pedantic(lambda: _random_gather(x, idx, out), rounds=3, iterations=1)
    seq_t, _ = best_of(lambda: x.sum(), rounds=5)
    record(
        "diffusion",
        {
            "random_gather": {
                "gathers": idx.shape[0],
                "gather_GBps": idx.shape[0] * 8 / t / 1e9,
                "index_plus_gather_GBps": idx.shape[0] * 12 / t / 1e9,
                "sequential_sum_GBps": x.nbytes / seq_t / 1e9,
                "threads": THREADS,
            }
        },
    )


def bench_spillover_step(benchmark):
    n_firms = 100_000 if quick() else 1_000_000
    net = cn.generate_cluster(n_firms, seed=1)
    dims = 8
    rng = np.random.default_rng(0)
    K = rng.random((net.n_actors, dims))
    rates = {
        "social": 0.2,
        "technology": 0.3,
        "service": 0.2,
        "transaction": 0.1,
        "competition": 0.05,
    }
    tau = np.linspace(0, 1, dims)
    t0 = time.perf_counter()
    model = cn.spillover.SpilloverModel(net, tau, rates, distance_scale=2.0)
    build_t = time.perf_counter() - t0
    out = np.empty_like(K)
    model.step(K, out=out)
    step_t, _ = best_of(lambda: model.step(K, out=out, check=False), rounds=5)
    benchmark.pedantic(lambda: model.step(K, out=out, check=False), rounds=3, iterations=1)
    nnz = model.indices.shape[0]
    moved = nnz * (4 + 2 + 8 + 8 + 8 * dims) + net.n_actors * dims * 8 * 2 + (net.n_actors + 1) * 8
    # the same step as vectorised numpy/scipy: COO gathers, clipped gaps, per-row sums with bincount
    rows = np.repeat(np.arange(net.n_actors), np.diff(model.indptr))
    cols = model.indices.astype(np.int64)
    f2f = model.face_to_face[model.entry_layer]

    def numpy_step():
        new = K.copy()
        for d in range(dims):
            g = (1 - tau[d]) + np.where(f2f, tau[d] * model.entry_decay, 0.0)
            contrib = (
                model.rates[model.entry_layer, d]
                * model.entry_weight
                * g
                * np.maximum(0.0, K[cols, d] - K[rows, d])
            )
            new[:, d] += model.absorptive * np.bincount(
                rows, weights=contrib, minlength=net.n_actors
            )
        return new

    np_t, ref = best_of(numpy_step, rounds=2)
    record(
        "diffusion",
        {
            "spillover_step": {
                "firms": n_firms,
                "actors": net.n_actors,
                "entries": int(nnz),
                "domains": dims,
                "threads": THREADS,
                "build_s": build_t,
                "step_s": step_t,
                "bytes_per_step": moved,
                "effective_GBps": moved / step_t / 1e9,
                "numpy_scipy_s": np_t,
                "max_abs_diff": float(np.abs(ref - out).max()),
            }
        },
    )


def bench_heat(benchmark):
    n, m = (100_000, 1_000_000) if quick() else (1_000_000, 10_000_000)
    rng = np.random.default_rng(0)
    src, dst = rng.integers(0, n, m), rng.integers(0, n, m)
    keep = src != dst
    w = rng.random(int(keep.sum())) + 0.5
    a = sp.csr_array((w, (src[keep], dst[keep])), shape=(n, n))
    a = sp.csr_array(a + a.T)
    x0 = rng.random(n)
    t = 0.5
    D.heat(sp.csr_array(a[:100][:, :100]), x0[:100], t)
    ours_t, ours = best_of(lambda: D.heat(a, x0, t), rounds=2)
    benchmark.pedantic(lambda: D.heat(a, x0, t), rounds=1, iterations=1)
    L = D.laplacian(a)
    from scipy.sparse.linalg import expm_multiply

    sp_t, ref = best_of(lambda: expm_multiply(-t * L, x0), rounds=1)
    record(
        "diffusion",
        {
            "heat": {
                "n": n,
                "m": int(a.nnz // 2),
                "t": t,
                "threads": THREADS,
                "clusternet_s": ours_t,
                "scipy_expm_multiply_s": sp_t,
                "max_rel_diff": float(np.abs(ours - ref).max() / np.abs(ref).max()),
            }
        },
    )
