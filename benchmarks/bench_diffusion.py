"""Cascades, spillover and heat diffusion beside cynetdiff, NDlib and scipy, in the same run."""

import numba
import numpy as np
import pytest
import scipy.sparse as sp
from _common import ours, quick, record, timed
from numba import njit, prange

from clusternet import diffusion as D

THREADS = numba.get_num_threads()


_IC_INPUT = """
import numpy as np
n, m, p, sims = {n}, {m}, {p}, {sims}
rng = np.random.default_rng(0)
src, dst = rng.integers(0, n, m), rng.integers(0, n, m)
keep = src != dst
src, dst = src[keep], dst[keep]
seeds = np.arange(10)
"""

_IC_PROGRAMS = {
    # build: the network, its cached probability CSR and the compiled kernel; compute: the runs
    "clusternet": """
import numba
numba.set_num_threads({threads})
threads = {threads}
import clusternet as cn
from clusternet import diffusion as D
def build():
    net = cn.ClusterNetwork.from_edges((src, dst), n_actors=n, directed=True)
    D.independent_cascade(net, seeds, p, n_sims=2, seed=1)
    return net
def compute(net):
    res = D.independent_cascade(net, seeds, p, n_sims=sims, seed=1)
    return [float(res.sizes.mean()), float(res.sizes.std())]
""",
    "cynetdiff compute_marginal_gains": """
threads = 1
import networkx as nx
from cynetdiff.utils import networkx_to_ic_model
def build():
    g = nx.DiGraph()
    g.add_nodes_from(range(n))
    g.add_edges_from(zip(src.tolist(), dst.tolist()))
    model, labels = networkx_to_ic_model(g, activation_prob=p, rng=1)
    return model, [labels[s] for s in range(10)]
def compute(state):
    model, seeds_cd = state
    gain = model.compute_marginal_gains(seeds_cd, [], sims)
    return [float(gain[0]) if np.ndim(gain) else float(gain), None]
""",
    # pure Python over networkx (a floor, not in the README): the same model, each
    # infected actor passing to each out-neighbour once with probability p
    "EoN basic_discrete_SIR": """
threads = 1
import networkx as nx, EoN
def build():
    g = nx.DiGraph()
    g.add_nodes_from(range(n))
    g.add_edges_from(zip(src.tolist(), dst.tolist()))
    return g, np.random.default_rng(1)
def compute(state):
    g, rng = state
    sizes = [EoN.basic_discrete_SIR(g, p, initial_infecteds=seeds.tolist(), rng=rng)[3][-1]
             for _ in range(sims)]
    return [float(np.mean(sizes)), float(np.std(sizes))]
""",
}


@pytest.mark.parametrize(("p", "sims"), [(0.01, 10_000), (0.2, 100)])
def bench_independent_cascade(p, sims):
    """Independent cascade: clusternet on 1 and all threads and cynetdiff (serial), each in a
    fresh process per round, rounds interleaved. The mean final sizes must agree within
    Monte Carlo error (5 standard errors of the difference; the benchmark fails otherwise).
    EoN (pure Python, the same model) runs at p = 0.01 only."""
    from _common import ROUNDS
    from peers import Mismatch, installed
    from schema import interleaved

    n, m = 100_000, 1_000_000
    prelude = _IC_INPUT.format(n=n, m=m, p=p, sims=sims)
    rng = np.random.default_rng(0)
    kept = int((rng.integers(0, n, m) != rng.integers(0, n, m)).sum())  # as the children draw
    programs = {}
    for label, body in _IC_PROGRAMS.items():
        if label.startswith("cynetdiff") and not installed("cynetdiff"):
            continue
        if label.startswith("EoN") and (p > 0.05 or not installed("EoN")):
            continue  # at p = 0.2 one EoN run takes about 9 s: 100 runs per round
        for k in sorted({1, THREADS}) if label == "clusternet" else (1,):
            programs[f"{label}@{k}"] = prelude + body.format(threads=k)
    measured = interleaved(programs, ROUNDS)
    mean, sd = measured["clusternet@1"]["check"]
    rows = []
    for key, r in measured.items():
        label = key.rpartition("@")[0]
        peer_mean = r.pop("check")[0]
        r["library"], r["sims"], r["mean_size"] = label, sims, peer_mean
        if label != "clusternet":
            # both means estimate the same expectation; the size sd is clusternet's
            limit = 5 * sd * np.sqrt(2.0 / sims) + 1e-9
            if abs(peer_mean - mean) > limit:
                raise Mismatch(f"{label}: mean size {peer_mean} vs clusternet {mean}")
            r["mean_size_diff"] = abs(peer_mean - mean)
            r["vs"] = "clusternet@1"
        rows.append(r)
    record(
        "diffusion",
        {
            f"ic_p{p}": {
                "n": n,
                "m": kept,
                "seeds": 10,
                "p": p,
                "sims": sims,
                "mean_size": mean,
                "rows": rows,
            }
        },
    )


_NDLIB_INPUT = """
import numpy as np
n, m, p, runs = {n}, {m}, {p}, {runs}
rng = np.random.default_rng(0)
src, dst = rng.integers(0, n, m), rng.integers(0, n, m)
keep = src != dst
src, dst = src[keep], dst[keep]
"""

_NDLIB_PROGRAMS = {
    "clusternet, one simulation per call": """
import numba
numba.set_num_threads({threads})
threads = {threads}
import clusternet as cn
from clusternet import diffusion as D
def build():
    net = cn.ClusterNetwork.from_edges((src, dst), n_actors=n, directed=True)
    D.independent_cascade(net, np.arange(10), p, n_sims=2, seed=1)  # compile, cache the CSR
    return net
def compute(net):
    sizes = [D.independent_cascade(net, np.arange(10), p, n_sims=1, seed=s).sizes[0]
             for s in range(runs)]
    return [float(np.mean(sizes)), float(np.std(sizes)), None]
""",
    # pure Python (a floor, not in the README): building each run's model and its
    # per-edge configuration is set-up; the runs to the end of their cascades are timed
    "NDlib IndependentCascadesModel, to the end of the cascade": """
threads = 1
import networkx as nx
import ndlib.models.ModelConfig as mc
import ndlib.models.epidemics as ep
def build():
    g = nx.DiGraph()
    g.add_nodes_from(range(n))
    g.add_edges_from(zip(src.tolist(), dst.tolist()))
    cfg = mc.Configuration()
    cfg.add_model_initial_configuration("Infected", list(range(10)))
    for e in g.edges():
        cfg.add_edge_configuration("threshold", e, p)
    models = []
    for s in range(runs):
        model = ep.IndependentCascadesModel(g, seed=s)
        model.set_initial_status(cfg)
        models.append(model)
    return models
def compute(models):
    sizes, steps = [], []
    for model in models:
        k = 0
        while True:
            it = model.iteration(node_status=False)
            k += 1
            if it["node_count"].get(1, 0) == 0 and k > 1:
                break
        sizes.append(it["node_count"].get(2, 0) + it["node_count"].get(1, 0))
        steps.append(k)
    return [float(np.mean(sizes)), float(np.std(sizes)), float(np.mean(steps))]
""",
}


def bench_ndlib():
    """NDlib is pure Python: a smaller graph, ``runs`` simulations per round, each to the end
    of its cascade; every library in a fresh process per round, rounds interleaved. The
    mean final sizes must agree within 5 standard errors of their difference."""
    from _common import ROUNDS
    from peers import Mismatch, installed
    from schema import interleaved

    n, m, p, runs = (2_000, 20_000, 0.2, 10) if quick() else (10_000, 100_000, 0.2, 20)
    prelude = _NDLIB_INPUT.format(n=n, m=m, p=p, runs=runs)
    programs = {}
    for label, body in _NDLIB_PROGRAMS.items():
        if label.startswith("NDlib") and not installed("ndlib"):
            continue
        for k in sorted({1, THREADS}) if label.startswith("clusternet") else (1,):
            programs[f"{label}@{k}"] = prelude + body.format(threads=k)
    measured = interleaved(programs, ROUNDS)
    ours_label = "clusternet, one simulation per call"
    mean, sd, _ = measured[f"{ours_label}@1"]["check"]
    rows = []
    for key, r in measured.items():
        label = key.rpartition("@")[0]
        peer_mean, peer_sd, steps = r.pop("check")
        r["library"], r["sims"], r["mean_size"] = label, runs, peer_mean
        if steps is not None:
            r["steps"] = steps
        if label != ours_label:
            limit = 5 * np.sqrt((sd**2 + peer_sd**2) / runs) + 1e-9
            if abs(peer_mean - mean) > limit:
                raise Mismatch(f"{label}: mean size {peer_mean} vs clusternet {mean}")
            r["mean_size_diff"] = abs(peer_mean - mean)
            r["vs"] = f"{ours_label}@1"
        rows.append(r)
    rng = np.random.default_rng(0)
    kept = int((rng.integers(0, n, m) != rng.integers(0, n, m)).sum())  # as the children draw
    record(
        "diffusion",
        {"ndlib": {"n": n, "m": kept, "p": p, "runs": runs, "clusternet_mean_size": mean,
                   "rows": rows}},
    )  # fmt: skip


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


_SPILL_INPUT = """
import os, numpy as np
import clusternet as cn
dims = 8
rates = {{"social": 0.2, "technology": 0.3, "service": 0.2, "transaction": 0.1,
         "competition": 0.05}}
tau = np.linspace(0, 1, dims)
OUT = {out!r}
BUILT, FACTS = {{}}, {{}}
def load():
    import time
    net = cn.load({path!r})
    K = np.random.default_rng(0).random((net.n_actors, dims))
    t0 = time.perf_counter()
    model = cn.spillover.SpilloverModel(net, tau, rates, distance_scale=2.0)
    BUILT["model_build_s"] = time.perf_counter() - t0
    FACTS.update(actors=net.n_actors, entries=int(model.indices.shape[0]))
    return net, K, model
def after(new):
    path = os.path.join(OUT, f"{{TAG}}.npy")  # overwritten each round
    np.save(path, new)
    return [path, BUILT, FACTS]
"""

_SPILL_PROGRAMS = {
    # build: loading the saved cluster, the model (its operator) and a first step; compute:
    # one step
    "clusternet SpilloverModel.step": """
import numba
numba.set_num_threads({threads})
threads = {threads}
TAG = "clusternet{threads}"
def build():
    net, K, model = load()
    out = np.empty_like(K)
    model.step(K, out=out)
    return model, K, out
def compute(state):
    model, K, out = state
    model.step(K, out=out, check=False)
    return out
""",
    # the same step as vectorised numpy/scipy: COO gathers, clipped gaps, per-row sums
    # with bincount (the model's arrays, built by clusternet, are its input)
    "numpy/scipy formulation (COO gathers, bincount)": """
threads = 1
TAG = "numpy"
def build():
    net, K, model = load()
    rows_idx = np.repeat(np.arange(net.n_actors), np.diff(model.indptr))
    cols = model.indices.astype(np.int64)
    f2f = model.face_to_face[model.entry_layer]
    return model, K, rows_idx, cols, f2f
def compute(state):
    model, K, rows_idx, cols, f2f = state
    new = K.copy()
    for d in range(dims):
        g = (1 - tau[d]) + np.where(f2f, tau[d] * model.entry_decay, 0.0)
        contrib = (model.rates[model.entry_layer, d] * model.entry_weight * g
                   * np.maximum(0.0, K[cols, d] - K[rows_idx, d]))
        new[:, d] += model.absorptive * np.bincount(rows_idx, weights=contrib,
                                                    minlength=K.shape[0])
    return new
""",
}


def bench_spillover_step(cluster_file, tmp_path):
    """One spillover step on the generated cluster: clusternet on 1 and all threads and the
    numpy/scipy formulation, each in a fresh process per round (loading the same saved
    cluster), rounds interleaved; the step's output checked against numpy's."""
    from _common import ROUNDS
    from peers import check
    from schema import interleaved

    n_firms = 100_000 if quick() else 1_000_000
    prelude = _SPILL_INPUT.format(path=cluster_file(n_firms), out=str(tmp_path))
    programs = {}
    for label, body in _SPILL_PROGRAMS.items():
        for k in sorted({1, THREADS}) if label.startswith("clusternet") else (1,):
            programs[f"{label}@{k}"] = prelude + body.format(threads=k)
    measured = interleaved(programs, ROUNDS)
    ref = np.load(measured["numpy/scipy formulation (COO gathers, bincount)@1"]["check"][0])
    rows = []
    for key, r in measured.items():
        label = key.rpartition("@")[0]
        r["library"] = label
        path, built, facts = r.pop("check")
        r.update(built)
        out = np.load(path)
        r["max_abs_diff"] = check(label, ref, out, rtol=1e-12, atol=1e-12)
        if not label.startswith("clusternet"):
            r["vs"] = "clusternet SpilloverModel.step@1"
        rows.append(r)
    nnz, actors, dims = facts["entries"], facts["actors"], 8
    moved = nnz * (4 + 2 + 8 + 8 + 8 * dims) + actors * dims * 8 * 2 + (actors + 1) * 8
    ours = next(
        r for r in rows if r["library"].startswith("clusternet") and r["threads"] == THREADS
    )
    record(
        "diffusion",
        {
            "spillover_step": {
                "firms": n_firms,
                "actors": actors,
                "entries": int(nnz),
                "domains": dims,
                "build_s": ours["model_build_s"],
                "bytes_per_step": moved,
                "effective_GBps": moved / ours["median_s"] / 1e9,
                "rows": rows,
            }
        },
    )


_HEAT_INPUT = """
import os, sys, numpy as np, scipy.sparse as sp
sys.path.insert(0, {here!r})
n, m, t = {n}, {m}, 0.5
rng = np.random.default_rng(0)
src, dst = rng.integers(0, n, m), rng.integers(0, n, m)
keep = src != dst
w = rng.random(int(keep.sum())) + 0.5
a = sp.csr_array((w, (src[keep], dst[keep])), shape=(n, n))
a = sp.csr_array(a + a.T)
x0 = rng.random(n)
OUT = {out!r}

def save(x, products=None):
    path = os.path.join(OUT, f"{{os.getpid()}}.npy")
    np.save(path, np.asarray(x, dtype=float))
    return [path, products]
"""

_HEAT_PROGRAMS = {
    # build: the generator, validated and laid out once; compute: exp(-tB) x0 only
    "clusternet heat, Chebyshev (prebuilt heat_operator)": """
import numba
numba.set_num_threads({threads})
threads = {threads}
from clusternet import diffusion as D
D.heat(sp.csr_array(np.ones((3, 3))), np.ones(3), 0.5)  # compile outside the clock
def build():
    return D.heat_operator(a)
def compute(op):
    y, info = D.heat(op, x0, t, info=True)
    return save(y, info.products)
""",
    "clusternet heat, Taylor (prebuilt heat_operator)": """
import numba
numba.set_num_threads({threads})
threads = {threads}
from clusternet import diffusion as D
D.heat(sp.csr_array(np.ones((3, 3))), np.ones(3), 0.5, method="taylor")
def build():
    return D.heat_operator(a)
def compute(op):
    y, info = D.heat(op, x0, t, info=True, method="taylor")
    return save(y, info.products)
""",
    "scipy expm_multiply (prebuilt Laplacian)": """
threads = 1
from scipy.sparse.linalg import expm_multiply
from clusternet import diffusion as D
def build():
    return sp.csr_array(-t * D.laplacian(a))
def compute(lap):
    return save(expm_multiply(lap, x0))
""",
    "pygsp Heat filter, Chebyshev order 60": """
threads = 1
import peers
def build():
    return peers.pygsp_graph(a)
def compute(g):
    return save(peers.heat_pygsp(g, x0, t, order=60))
""",
}


def bench_heat(tmp_path):
    """Heat diffusion: clusternet (Chebyshev and Taylor on a prebuilt operator), scipy on a
    prebuilt Laplacian and pygsp's Chebyshev filter, each in a fresh process per round,
    rounds interleaved; outputs checked against scipy's (the benchmark fails on a mismatch)."""
    from pathlib import Path

    from _common import ROUNDS
    from peers import check, installed
    from schema import interleaved

    n, m = (20_000, 200_000) if quick() else (300_000, 3_000_000)
    prelude = _HEAT_INPUT.format(here=str(Path(__file__).parent), n=n, m=m, out=str(tmp_path))
    programs = {}
    for label, body in _HEAT_PROGRAMS.items():
        if label.startswith("pygsp") and not installed("pygsp"):
            continue
        for k in sorted({1, THREADS}) if label.startswith("clusternet") else (1,):
            programs[f"{label}@{k}"] = prelude + body.format(threads=k)
    measured = interleaved(programs, ROUNDS)
    reference = np.load(measured["scipy expm_multiply (prebuilt Laplacian)@1"]["check"][0])
    rows = []
    for key, r in measured.items():
        label = key.rpartition("@")[0]
        path, products = r.pop("check")
        r["library"], r["products"] = label, products
        tol = 1e-3 if label.startswith("pygsp") else 1e-10  # pygsp: a fixed-order filter
        r["max_rel_diff"] = (
            check(label, reference, np.load(path), rtol=tol) / np.abs(reference).max()
        )
        if not label.startswith("clusternet"):
            r["vs"] = "clusternet heat, Chebyshev (prebuilt heat_operator)@1"
        rows.append(r)
    record("diffusion", {"heat": {"n": n, "m": m, "t": 0.5, "rows": rows}})


def bench_heat_products():
    """Sparse matrix-vector products each heat method needs at double-precision tolerance
    (counts, not times: they do not depend on the machine). scipy's are counted through a
    LinearOperator that counts its products (its norm estimates included)."""
    from scipy.sparse.linalg import LinearOperator, expm_multiply

    n, m = 100_000, 1_000_000
    rng = np.random.default_rng(0)
    src, dst = rng.integers(0, n, m), rng.integers(0, n, m)
    keep = src != dst
    w = rng.random(int(keep.sum())) + 0.5
    a = sp.csr_array((w, (src[keep], dst[keep])), shape=(n, n))
    a = sp.csr_array(a + a.T)
    x0 = rng.random(n)
    op = D.heat_operator(a)
    lap = D.laplacian(a)
    rows = []
    for t in (0.05, 0.5, 5.0):
        count = [0]

        def product(v, count=count):
            count[0] += 1 if v.ndim == 1 else v.shape[1]
            return lap @ v

        counted = LinearOperator(lap.shape, matvec=product, rmatvec=product, dtype=float)
        ref = expm_multiply(-t * counted, x0, traceA=-t * float(lap.diagonal().sum()))
        scale = np.abs(ref).max()
        rows.append({"library": f"scipy expm_multiply, t = {t}", "products": count[0]})
        for method in ("chebyshev", "taylor"):
            y, info = D.heat(op, x0, t, method=method, info=True)
            rows.append(
                {
                    "library": f"clusternet heat ({method}), t = {t}",
                    "products": info.products,
                    "max_rel_diff": float(np.abs(y - ref).max() / scale),
                }
            )
    record("diffusion", {"heat_products": {"n": n, "m": int(a.nnz // 2), "rows": rows}})


def bench_heat_accuracy():
    """Products and error of every heat method against an exact reference: the dense
    eigendecomposition of the Laplacian, exp(-tL) x0 = V exp(-t Lambda) V^T x0, on a
    2,000-node graph (LAPACK ``eigh``, accurate to about 1e-13 of the largest entry).
    scipy's products are counted through a counting LinearOperator (its norm estimates
    included); clusternet's are what ``heat(..., info=True)`` reports; pygsp's Chebyshev
    filter of order K applies K products."""
    from peers import heat_pygsp, installed, pygsp_graph
    from scipy.sparse.linalg import LinearOperator, expm_multiply

    n, m = 2_000, 20_000
    rng = np.random.default_rng(0)
    src, dst = rng.integers(0, n, m), rng.integers(0, n, m)
    keep = src != dst
    w = rng.random(int(keep.sum())) + 0.5
    a = sp.csr_array((w, (src[keep], dst[keep])), shape=(n, n))
    a = sp.csr_array(a + a.T)
    x0 = rng.random(n)
    lap = D.laplacian(a)
    vals, vecs = np.linalg.eigh(lap.toarray())
    op = D.heat_operator(a)
    g = pygsp_graph(a) if installed("pygsp") else None
    rows = []
    for t in (0.05, 0.5, 5.0):
        exact = vecs @ (np.exp(-t * vals) * (vecs.T @ x0))
        scale = np.abs(exact).max()
        count = [0]

        def product(v, count=count):
            count[0] += 1 if v.ndim == 1 else v.shape[1]
            return lap @ v

        counted = LinearOperator(lap.shape, matvec=product, rmatvec=product, dtype=float)
        y = expm_multiply(-t * counted, x0, traceA=-t * float(lap.diagonal().sum()))
        rows.append(
            {
                "library": f"scipy expm_multiply, t = {t}",
                "products": count[0],
                "max_rel_diff": float(np.abs(y - exact).max() / scale),
            }
        )
        for method in ("chebyshev", "taylor"):
            y, info = D.heat(op, x0, t, method=method, info=True)
            rows.append(
                {
                    "library": f"clusternet heat ({method}), t = {t}",
                    "products": info.products,
                    "max_rel_diff": float(np.abs(y - exact).max() / scale),
                }
            )
        if g is not None:
            y = heat_pygsp(g, x0, t, order=60)
            rows.append(
                {
                    "library": f"pygsp Heat filter, Chebyshev order 60, t = {t}",
                    "products": 60,
                    "max_rel_diff": float(np.abs(y - exact).max() / scale),
                }
            )
    record("diffusion", {"heat_accuracy": {"n": n, "m": int(a.nnz // 2), "rows": rows}})
