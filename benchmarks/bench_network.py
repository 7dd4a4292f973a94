"""Building a ClusterNetwork of 200k actors / 2M edges in 3 layers plus its first CSR view,
beside igraph.Graph, NetworKit and scipy.sparse.csr_array built from the same arrays.

Each library runs ``ROUNDS`` times, each time in a fresh process, rounds interleaved
across libraries (round r of every library before round r + 1 of any): median, min,
max. clusternet runs on 1 thread (beside the serial igraph and scipy) and on all
threads (beside NetworKit at the same count). Every build is checked: the total tie
weight it stores must equal the one computed from the arrays (undirected layers count
both directions in clusternet's view), else the benchmark fails.
"""

import numba
import numpy as np
from _common import ROUNDS, quick, record, run_probe, summarize

THREADS = numba.get_num_threads()

N, M = (20_000, 200_000) if quick() else (200_000, 2_000_000)

MAKE = f"""
rng = np.random.default_rng(0)
n, m = {N}, {M}
src = rng.integers(0, n, m).astype(np.int32)
dst = rng.integers(0, n, m).astype(np.int32)
dst = np.where(src == dst, (dst + 1) % n, dst).astype(np.int32)
layer = rng.integers(0, 3, m).astype(np.int16)
weight = rng.random(m) + 0.1
"""

CASES = {
    # two of the three layers undirected: their edges appear twice in the CSR view
    "clusternet": (
        "clusternet: from_edges + first csr() (2 of 3 layers undirected)",
        numba.get_num_threads(),
        """
import clusternet as cn
net = cn.ClusterNetwork.from_edges((src, dst, layer, weight), layers=["transaction", "technology", "social"], n_actors=n)
t1 = time.perf_counter()
a = net.csr()
keep = (net, a)
array_bytes = sum(x.nbytes for x in net.edge_arrays) + a.data.nbytes + a.indices.nbytes + a.indptr.nbytes
total = float(a.data.sum())
""",
    ),
    "clusternet_directed": (
        "clusternet: from_edges + first csr() (3 directed layers)",
        numba.get_num_threads(),
        """
import clusternet as cn
net = cn.ClusterNetwork.from_edges((src, dst, layer, weight), layers=["transaction", "service", "advice"], n_actors=n)
t1 = time.perf_counter()
a = net.csr()
keep = (net, a)
array_bytes = sum(x.nbytes for x in net.edge_arrays) + a.data.nbytes + a.indices.nbytes + a.indptr.nbytes
total = float(a.data.sum())
""",
    ),
    "igraph": (
        "igraph.Graph(edges) + weights",
        1,
        """
import igraph as ig
g = ig.Graph(n=n, edges=np.column_stack([src, dst]), directed=True)
g.es["weight"] = weight
t1 = time.perf_counter()
keep = g
total = float(np.sum(g.es["weight"]))
""",
    ),
    "scipy": (
        "scipy.sparse.csr_array((w, (i, j)))",
        1,
        """
import scipy.sparse as sp
a = sp.csr_array((weight, (src, dst)), shape=(n, n))
t1 = time.perf_counter()
keep = a
total = float(a.data.sum())
""",
    ),
    "networkit": (
        "NetworKit GraphFromCoo((w, (i, j))), directed, weighted",
        THREADS,
        """
import networkit as nk
nk.setNumberOfThreads(THREADS)
G = nk.GraphFromCoo((weight, (src.astype(np.uint64), dst.astype(np.uint64))), n=n,
                    directed=True, weighted=True)
t1 = time.perf_counter()
keep = G
total = float(G.totalEdgeWeight())
""",
    ),
}
#: clusternet's build also runs on one thread (beside the serial igraph and scipy)
CASES["clusternet@1"] = (CASES["clusternet"][0], 1, CASES["clusternet"][2])
CASES["clusternet_directed@1"] = (
    CASES["clusternet_directed"][0], 1, CASES["clusternet_directed"][2]
)  # fmt: skip


def probe(case: str) -> dict:
    _label, threads, code = CASES[case]
    # warm Numba's cache outside the timed region
    warm = (
        f"import numba; numba.set_num_threads({threads})\n"
        "import clusternet as cn; cn.ClusterNetwork.from_edges((np.array([0]), np.array([1])), n_actors=2).csr()\n"
        if case.startswith("clusternet")
        else ""
    )
    body = (
        warm
        + f"THREADS = {threads}\n"
        + "base = rss_mb()\n"
        + MAKE
        + "inputs = rss_mb()\nt0 = time.perf_counter()\n"
        + code
        + "t2 = time.perf_counter()\n"
        + "array_bytes = locals().get('array_bytes', 0)\n"
        + "del src, dst, layer, weight\ngc.collect()\n"
        + "print(json.dumps({'seconds': t2 - t0, 'build_s': t1 - t0, 'view_s': t2 - t1, 'total': total, "
        + f"'peak_mb': peak_mb() - base, 'resident_mb': rss_mb() - base, 'bytes_per_edge': (rss_mb() - base) * 2**20 / {M}, 'array_bytes_per_edge': array_bytes / {M}}}))\n"
    )
    return run_probe(body)


def _expected_totals() -> dict[str, float]:
    """Total tie weight each build must store, from the same arrays as the children's."""
    rng = np.random.default_rng(0)
    n, m = N, M
    src = rng.integers(0, n, m).astype(np.int32)
    dst = rng.integers(0, n, m).astype(np.int32)
    dst = np.where(src == dst, (dst + 1) % n, dst).astype(np.int32)
    layer = rng.integers(0, 3, m).astype(np.int16)
    weight = rng.random(m) + 0.1
    plain = float(weight.sum())
    # transaction is directed, technology and social undirected: both directions in the view
    both = plain + float(weight[layer > 0].sum())
    return {"clusternet": both, "clusternet_directed": plain}


def bench_build():
    """Every library's build, ``ROUNDS`` interleaved rounds of fresh processes."""
    from peers import Mismatch, installed

    cases = [c for c in CASES if c != "networkit" or installed("networkit")]
    runs: dict[str, list[dict]] = {c: [] for c in cases}
    for _ in range(ROUNDS):
        for case in cases:
            runs[case].append(probe(case))
    expected = _expected_totals()
    payload = {"n": N, "m": M}
    for case in cases:
        label, threads, _ = CASES[case]
        want = expected.get(case.split("@")[0], expected["clusternet_directed"])
        got = runs[case][0]["total"]
        diff = abs(got - want) / want
        if diff > 1e-9:
            raise Mismatch(f"{label}: total weight {got}, arrays give {want}")
        memory = runs[case][0]  # memory does not vary between fresh processes
        payload[case] = {
            "library": label,
            "threads": threads,
            **summarize([r["seconds"] for r in runs[case]]),
            "build_s": summarize([r["build_s"] for r in runs[case]])["median_s"],
            "compute_s": summarize([r["view_s"] for r in runs[case]])["median_s"],
            "peak_mb": memory["peak_mb"],
            "bytes_per_edge": memory["bytes_per_edge"],
            "array_bytes_per_edge": memory["array_bytes_per_edge"] or None,
            "max_rel_diff": diff,
        }
        if not case.startswith("clusternet"):
            payload[case]["vs"] = f"{CASES['clusternet'][0]}@{threads}"
    record("network_build", payload)
