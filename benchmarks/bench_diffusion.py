"""Cascades, spillover and heat diffusion beside cynetdiff, NDlib and scipy, in the same run."""

import time

import numba
import numpy as np
import pytest
import scipy.sparse as sp
from _common import numba_threads, ours, quick, record, row, timed
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
    t, res = ours(benchmark, lambda: D.independent_cascade(net, seeds, p, n_sims=sims, seed=1))
    rows = [row("clusternet", t, THREADS, sims=sims)]
    with numba_threads(1):
        t1, _ = timed(lambda: D.independent_cascade(net, seeds, p, n_sims=sims, seed=1))
    rows.append(row("clusternet", t1, 1, sims=sims))
    one, _ = timed(lambda: D.independent_cascade(net, seeds, p, n_sims=1, seed=1), rounds=50)
    try:
        model, labels = _cynetdiff_model(n, src, dst, p)
        seeds_cd = [labels[s] for s in range(10)]
        cd_t, cd_mean = timed(lambda: model.compute_marginal_gains(seeds_cd, [], sims))
        rows.append(
            row(
                "cynetdiff compute_marginal_gains",
                cd_t,
                1,
                sims=sims,
                mean_size=float(cd_mean[0]) if np.ndim(cd_mean) else float(cd_mean),
                vs="clusternet@1",
            )
        )
    except ImportError:
        pass
    record(
        "diffusion",
        {
            f"ic_p{p}": {
                "n": n,
                "m": int(src.shape[0]),
                "seeds": 10,
                "p": p,
                "sims": sims,
                "mean_size": float(res.sizes.mean()),
                "one_call": one,
                "rows": rows,
            }
        },
    )


def bench_ndlib(benchmark):
    """NDlib is pure Python: a smaller graph, each simulation run to the end of the cascade."""
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
    p = 0.2
    cfg = mc.Configuration()
    cfg.add_model_initial_configuration("Infected", list(range(10)))
    for e in g.edges():
        cfg.add_edge_configuration("threshold", e, p)
    counter = iter(range(10**6))

    def fresh_model():
        """Building NDlib's model and its per-edge configuration is set-up, not timed."""
        model = ndlib.IndependentCascadesModel(g, seed=next(counter))
        model.set_initial_status(cfg)
        return model

    def to_the_end(model):
        steps = 0
        while True:
            it = model.iteration(node_status=False)
            steps += 1
            if it["node_count"].get(1, 0) == 0 and steps > 1:
                break
        return it["node_count"].get(2, 0) + it["node_count"].get(1, 0), steps

    nd_t, (nd_size, nd_steps) = timed(to_the_end, setup=fresh_model)
    net = cn.ClusterNetwork.from_edges((src[keep], dst[keep]), n_actors=n, directed=True)
    D.independent_cascade(net, np.arange(10), p, n_sims=2, seed=1)
    t, res = ours(benchmark, lambda: D.independent_cascade(net, np.arange(10), p, n_sims=1, seed=1))
    with numba_threads(1):
        t1, _ = timed(lambda: D.independent_cascade(net, np.arange(10), p, n_sims=1, seed=1))
    rows = [
        row("clusternet, one simulation per call", t, THREADS, sims=1),
        row("clusternet, one simulation per call", t1, 1, sims=1),
        row(
            "NDlib IndependentCascadesModel, to the end of the cascade",
            nd_t,
            1,
            sims=1,
            final_size=int(nd_size),
            steps=int(nd_steps),
            vs="clusternet, one simulation per call@1",
        ),
    ]
    record(
        "diffusion",
        {
            "ndlib": {
                "n": n,
                "m": int(keep.sum()),
                "p": p,
                "clusternet_mean_size": float(res.sizes.mean()),
                "rows": rows,
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
    t, _ = ours(benchmark, lambda: _random_gather(x, idx, out))
    seq_t, _ = timed(lambda: x.sum())
    record(
        "diffusion",
        {
            "random_gather": {
                "gathers": idx.shape[0],
                "gather_GBps": idx.shape[0] * 8 / t["median_s"] / 1e9,
                "index_plus_gather_GBps": idx.shape[0] * 12 / t["median_s"] / 1e9,
                "sequential_sum_GBps": x.nbytes / seq_t["median_s"] / 1e9,
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
    step_t, _ = ours(benchmark, lambda: model.step(K, out=out, check=False))
    with numba_threads(1):
        step_1, _ = timed(lambda: model.step(K, out=out, check=False))
    nnz = model.indices.shape[0]
    moved = nnz * (4 + 2 + 8 + 8 + 8 * dims) + net.n_actors * dims * 8 * 2 + (net.n_actors + 1) * 8
    # the same step as vectorised numpy/scipy: COO gathers, clipped gaps, per-row sums with bincount
    rows_idx = np.repeat(np.arange(net.n_actors), np.diff(model.indptr))
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
                * np.maximum(0.0, K[cols, d] - K[rows_idx, d])
            )
            new[:, d] += model.absorptive * np.bincount(
                rows_idx, weights=contrib, minlength=net.n_actors
            )
        return new

    np_t, ref = timed(numpy_step)
    rows = [
        row("clusternet SpilloverModel.step", step_t, THREADS),
        row("clusternet SpilloverModel.step", step_1, 1),
        row(
            "numpy/scipy formulation (COO gathers, bincount)",
            np_t,
            1,
            max_abs_diff=float(np.abs(ref - out).max()),
            vs="clusternet SpilloverModel.step@1",
        ),
    ]
    record(
        "diffusion",
        {
            "spillover_step": {
                "firms": n_firms,
                "actors": net.n_actors,
                "entries": int(nnz),
                "domains": dims,
                "build_s": build_t,
                "bytes_per_step": moved,
                "effective_GBps": moved / step_t["median_s"] / 1e9,
                "rows": rows,
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
    ours_t, result = ours(benchmark, lambda: D.heat(a, x0, t))
    with numba_threads(1):
        one_t, _ = timed(lambda: D.heat(a, x0, t))
    L = D.laplacian(a)
    from scipy.sparse.linalg import expm_multiply

    # both at double-precision tolerance (expm_multiply's default; heat's tol=2**-53)
    sp_t, ref = timed(lambda: expm_multiply(-t * L, x0))
    rows = [
        row("clusternet heat (Laplacian built in the call)", ours_t, THREADS),
        row("clusternet heat (Laplacian built in the call)", one_t, 1),
        row(
            "scipy expm_multiply (on a prebuilt Laplacian)",
            sp_t,
            1,
            max_rel_diff=float(np.abs(result - ref).max() / np.abs(ref).max()),
            vs="clusternet heat (Laplacian built in the call)@1",
        ),
    ]
    record("diffusion", {"heat": {"n": n, "m": int(a.nnz // 2), "t": t, "rows": rows}})
