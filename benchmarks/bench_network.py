"""Building a ClusterNetwork of 1M actors / 10M edges in 3 layers plus its first CSR view,
beside igraph.Graph and scipy.sparse.csr_array built from the same arrays.

Each library runs ``ROUNDS`` times, each time in a fresh process (median, min, max).
"""

import numba
import pytest
from _common import ROUNDS, quick, record, run_probe, summarize

N, M = (100_000, 1_000_000) if quick() else (1_000_000, 10_000_000)

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
""",
    ),
}


def probe(case: str) -> dict:
    # warm Numba's cache outside the timed region
    warm = (
        "import clusternet as cn; cn.ClusterNetwork.from_edges((np.array([0]), np.array([1])), n_actors=2).csr()\n"
        if case.startswith("clusternet")
        else ""
    )
    body = (
        warm
        + "base = rss_mb()\n"
        + MAKE
        + "inputs = rss_mb()\nt0 = time.perf_counter()\n"
        + CASES[case][2]
        + "t2 = time.perf_counter()\n"
        + "array_bytes = locals().get('array_bytes', 0)\n"
        + "del src, dst, layer, weight\ngc.collect()\n"
        + "print(json.dumps({'seconds': t2 - t0, 'build_s': t1 - t0, 'view_s': t2 - t1, "
        + f"'peak_mb': peak_mb() - base, 'resident_mb': rss_mb() - base, 'bytes_per_edge': (rss_mb() - base) * 2**20 / {M}, 'array_bytes_per_edge': array_bytes / {M}}}))\n"
    )
    return run_probe(body)


@pytest.mark.parametrize("case", list(CASES))
def bench_build(benchmark, case):
    runs = benchmark.pedantic(lambda: [probe(case) for _ in range(ROUNDS)], rounds=1, iterations=1)
    label, threads, _ = CASES[case]
    memory = runs[0]  # memory does not vary between fresh processes; the first run's is kept
    result = {
        "library": label,
        "threads": threads,
        **summarize([r["seconds"] for r in runs]),
        "peak_mb": memory["peak_mb"],
        "bytes_per_edge": memory["bytes_per_edge"],
        "array_bytes_per_edge": memory["array_bytes_per_edge"] or None,
    }
    record("network_build", {"n": N, "m": M, case: result})
