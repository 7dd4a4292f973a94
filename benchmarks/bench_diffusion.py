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
    # the whole call on the adjacency: the operator (validation, layout and the spectral
    # bound's products) built inside the clock, more than scipy's row does in its clock
    "clusternet heat, Chebyshev (heat_operator built in the call)": """
import numba
numba.set_num_threads({threads})
threads = {threads}
from clusternet import diffusion as D
D.heat(sp.csr_array(np.ones((3, 3))), np.ones(3), 0.5)  # compile outside the clock
def build():
    return a
def compute(adj):
    y, info = D.heat(D.heat_operator(adj), x0, t, info=True)
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
    # pygsp's order: the degree clusternet's a-priori bound gives on pygsp's own [0, lmax]
    # (peers.pygsp_order), chosen in build(), outside the clock
    "pygsp Heat filter, Chebyshev (order by the Bessel bound)": """
threads = 1
import peers
def build():
    g = peers.pygsp_graph(a)
    return g, peers.pygsp_order(g, t)
def compute(state):
    g, order = state
    return save(peers.heat_pygsp(g, x0, t, order=order), order)
""",
}

#: the largest difference from scipy's output, relative to its largest entry, any heat row
#: may have (a mismatch fails the benchmark)
HEAT_CHECK = 1e-10


class _Counted(sp.csr_array):
    """A CSR array that counts its products with vectors (scipy keeps the subclass through
    ``expm_multiply``'s shifts, so its norm estimates are counted too)."""

    count = 0

    def _matmul_vector(self, other):
        _Counted.count += 1
        return super()._matmul_vector(other)

    def _matmul_multivector(self, other):
        _Counted.count += other.shape[1]
        return super()._matmul_multivector(other)


def scipy_products(lap, x0) -> int:
    """Products ``expm_multiply`` applies on this sparse Laplacian (untimed count)."""
    from scipy.sparse.linalg import expm_multiply

    _Counted.count = 0
    expm_multiply(_Counted(lap), x0)
    return _Counted.count


def bench_heat(tmp_path):
    """Heat diffusion: clusternet (Chebyshev and Taylor on a prebuilt operator), scipy on a
    prebuilt Laplacian and pygsp's Chebyshev filter (its order from the Bessel bound on its
    own lmax), each in a fresh process per round, rounds interleaved; every output checked
    against scipy's at ``HEAT_CHECK`` (the benchmark fails on a mismatch). Each row gives its
    products and median seconds per product; scipy's products are counted once, untimed, in
    this process on the same input."""
    from pathlib import Path

    from _common import ROUNDS
    from peers import Mismatch, installed
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
    scope: dict = {}
    exec(prelude, scope)  # the children's input, to count scipy's products
    counted = scipy_products(sp.csr_array(-scope["t"] * D.laplacian(scope["a"])), scope["x0"])
    del scope
    reference = np.load(measured["scipy expm_multiply (prebuilt Laplacian)@1"]["check"][0])
    rows = []
    for key, r in measured.items():
        label = key.rpartition("@")[0]
        path, products = r.pop("check")
        if label.startswith("pygsp"):
            r["order"] = products
        products = counted if label.startswith("scipy") else products
        r["library"], r["products"] = label, products
        r["s_per_product"] = r["median_s"] / products
        diff = float(np.abs(np.load(path) - reference).max() / np.abs(reference).max())
        if not diff <= HEAT_CHECK:
            raise Mismatch(f"{label}: {diff:.3g} from scipy's output (relative to its largest)")
        r["max_rel_diff"] = diff
        if not label.startswith("clusternet"):
            r["vs"] = "clusternet heat, Chebyshev (prebuilt heat_operator)@1"
        rows.append(r)
    record("diffusion", {"heat": {"n": n, "m": m, "t": 0.5, "check": HEAT_CHECK, "rows": rows}})


def bench_heat_products():
    """Sparse matrix-vector products each heat method needs at double-precision tolerance
    (counts, not times: they do not depend on the machine). scipy's are counted through a
    sparse Laplacian that counts its products (its norm estimates included)."""
    from scipy.sparse.linalg import expm_multiply

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
        ref = expm_multiply(sp.csr_array(-t * lap), x0)
        scale = np.abs(ref).max()
        products = scipy_products(sp.csr_array(-t * lap), x0)
        rows.append({"library": f"scipy expm_multiply, t = {t}", "products": products})
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


def extended_heat(lap, x0: np.ndarray, t: float) -> np.ndarray:
    """``exp(-t L) x0`` in extended precision (``np.longdouble``: 64-bit mantissa on x86,
    unit roundoff 5.4e-20): ``s`` substeps of ``h = t / s`` with ``h ||L||_1 <= 1/2``, each
    the Taylor series summed until a term is below ``1e-21`` of the state. ``L`` is positive
    semi-definite, so every substep contracts and the rounding of each stays near the
    extended unit roundoff: the result is exact to about ``s * 1e-19``, far below double
    precision's 1.1e-16 for the sizes used here."""
    big = sp.csr_array(lap, dtype=np.longdouble)
    norm = float(np.abs(lap).sum(axis=0).max())
    steps = max(1, int(np.ceil(2.0 * t * norm)))
    h = np.longdouble(t) / steps
    x = np.asarray(x0, dtype=np.longdouble).copy()
    for _ in range(steps):
        term, total = x.copy(), x.copy()
        scale = np.abs(x).max()
        for j in range(1, 200):
            term = (big @ term) * (-h / j)
            total += term
            if np.abs(term).max() <= 1e-21 * scale:
                break
        x = total
    return x


def bench_heat_accuracy():
    """Products and error of every heat method against an extended-precision reference
    (:func:`extended_heat`, checked against the float64 dense eigendecomposition to 1e-13)
    on a 2,000-node graph. scipy's products are counted as it runs on the sparse Laplacian
    (its norm estimates included); clusternet's are what ``heat(..., info=True)`` reports;
    pygsp's Chebyshev filter of order K applies K products: its row runs at the order of
    :func:`peers.pygsp_order` (the bench's rule); searched here, to show what the rule gives
    away, *smallest_order_within_check* is the smallest order whose error is within
    ``HEAT_CHECK`` and *smallest_order_same_error* the smallest whose error is at most the
    larger of scipy's and clusternet's (None: not reached up to the rule's order + 20)."""
    from peers import heat_pygsp, installed, pygsp_graph, pygsp_order
    from scipy.sparse.linalg import expm_multiply

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
        exact = extended_heat(lap, x0, t)
        scale = float(np.abs(exact).max())
        dense = vecs @ (np.exp(-t * vals) * (vecs.T @ x0))
        dense_err = float(np.abs(dense - exact).max() / scale)
        if dense_err > 1e-13:
            raise AssertionError(f"extended reference and eigh differ by {dense_err:.3g}, t = {t}")

        def err(y, exact=exact, scale=scale):
            return float(np.abs(np.asarray(y, dtype=np.longdouble) - exact).max() / scale)

        _Counted.count = 0
        y = expm_multiply(_Counted(sp.csr_array(-t * lap)), x0)
        rows.append(
            {"library": f"scipy expm_multiply, t = {t}", "products": _Counted.count,
             "max_rel_diff": err(y)}
        )  # fmt: skip
        rows.append(
            {"library": f"float64 dense eigh, t = {t}", "products": None,
             "max_rel_diff": dense_err}
        )  # fmt: skip
        for method in ("chebyshev", "taylor"):
            y, info = D.heat(op, x0, t, method=method, info=True)
            rows.append(
                {
                    "library": f"clusternet heat ({method}), t = {t}",
                    "products": info.products,
                    "max_rel_diff": err(y),
                }
            )
        if g is not None:
            order = pygsp_order(g, t)
            errors = {k: err(heat_pygsp(g, x0, t, k)) for k in range(2, order + 21)}
            # the same accuracy as scipy's and clusternet's here: the larger of their errors
            same = max(r["max_rel_diff"] for r in rows[-4:] if r["products"])
            rows.append(
                {
                    "library": f"pygsp Heat filter, Chebyshev (order by the Bessel bound), t = {t}",
                    "products": order,
                    "order": order,
                    "max_rel_diff": errors[order],
                    "smallest_order_within_check": min(
                        (k for k, e in errors.items() if e <= HEAT_CHECK), default=None
                    ),
                    "smallest_order_same_error": min(
                        (k for k, e in errors.items() if e <= same), default=None
                    ),
                }
            )
    record(
        "diffusion",
        {"heat_accuracy": {"n": n, "m": int(a.nnz // 2), "reference": "extended precision "
                           "(np.longdouble) Taylor substeps", "rows": rows}},
    )  # fmt: skip
