"""Building a ClusterNetwork of 200k actors / 2M edges in 3 layers plus its first CSR view,
beside igraph.Graph, NetworKit and scipy.sparse.csr_array built from the same arrays.

Each library runs ``ROUNDS`` times, each time in a fresh process, rounds interleaved
across libraries (round r of every library before round r + 1 of any): median, min,
max; each round starts one library further along the list. Every library is imported
before the clock starts; the clock covers the constructor (``build_s``) and, for
clusternet, its first CSR view (``compute_s``), nothing else. clusternet runs on 1 thread
(beside the serial igraph and scipy) and on all threads (beside NetworKit at the same
count). Every build is checked after the clock stops: the total tie weight it stores must
equal the one computed from the arrays (undirected layers count both directions in
clusternet's view), else the benchmark fails.
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

#: case -> (label, threads, imports, build, view, check). Every library is imported
#: before the clock starts (``imports``); ``build`` is the constructor alone (up to t1),
#: ``view`` the CSR view where the library has one apart from its object (up to t2);
#: ``check`` reads the stored total weight after the clock stops.
CASES = {
    # two of the three layers undirected: their edges appear twice in the CSR view
    "clusternet": (
        "clusternet: from_edges + first csr() (2 of 3 layers undirected)",
        numba.get_num_threads(),
        "import clusternet as cn\n",
        "net = cn.ClusterNetwork.from_edges((src, dst, layer, weight), "
        "layers=['transaction', 'technology', 'social'], n_actors=n)\n",
        "a = net.csr()\n",
        "keep = (net, a)\n"
        "array_bytes = sum(x.nbytes for x in net.edge_arrays) + a.data.nbytes "
        "+ a.indices.nbytes + a.indptr.nbytes\n"
        "total = float(a.data.sum())\n",
    ),
    "clusternet_directed": (
        "clusternet: from_edges + first csr() (3 directed layers)",
        numba.get_num_threads(),
        "import clusternet as cn\n",
        "net = cn.ClusterNetwork.from_edges((src, dst, layer, weight), "
        "layers=['transaction', 'service', 'advice'], n_actors=n)\n",
        "a = net.csr()\n",
        "keep = (net, a)\n"
        "array_bytes = sum(x.nbytes for x in net.edge_arrays) + a.data.nbytes "
        "+ a.indices.nbytes + a.indptr.nbytes\n"
        "total = float(a.data.sum())\n",
    ),
    "igraph": (
        "igraph.Graph(edges, edge_attrs={'weight': w})",
        1,
        "import igraph as ig\n",
        "g = ig.Graph(n=n, edges=np.column_stack([src, dst]), directed=True, "
        "edge_attrs={'weight': weight})\n",
        "",
        "keep = g\ntotal = float(np.sum(g.es['weight']))\n",
    ),
    "scipy": (
        "scipy.sparse.csr_array((w, (i, j)))",
        1,
        "import scipy.sparse as sp\n",
        "a = sp.csr_array((weight, (src, dst)), shape=(n, n))\n",
        "",
        "keep = a\ntotal = float(a.data.sum())\n",
    ),
    "networkit": (
        "NetworKit GraphFromCoo((w, (i, j))), directed, weighted",
        THREADS,
        "import networkit as nk\nnk.setNumberOfThreads(THREADS)\n"
        "src64, dst64 = src.astype(np.uint64), dst.astype(np.uint64)\n",
        "G = nk.GraphFromCoo((weight, (src64, dst64)), n=n, directed=True, weighted=True)\n",
        "",
        "keep = G\ntotal = float(G.totalEdgeWeight())\ndel src64, dst64\n",
    ),
}
#: clusternet's build also runs on one thread (beside the serial igraph and scipy)
CASES["clusternet@1"] = (CASES["clusternet"][0], 1, *CASES["clusternet"][2:])
CASES["clusternet_directed@1"] = (
    CASES["clusternet_directed"][0],
    1,
    *CASES["clusternet_directed"][2:],
)


def probe(case: str) -> dict:
    """One round of ``case`` in a fresh process: imports, input arrays and (clusternet) a
    compile of its kernels first; then the timed constructor and view; the check after."""
    _label, threads, imports, build, view, check = CASES[case]
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
        + imports
        + "inputs = rss_mb()\nt0 = time.perf_counter()\n"
        + build
        + "t1 = time.perf_counter()\n"
        + view
        + "t2 = time.perf_counter()\n"
        + check
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
    """Every library's build, ``ROUNDS`` interleaved rounds of fresh processes, each round
    starting one library further along; every library imported before the clock."""
    from peers import Mismatch, installed

    cases = [c for c in CASES if c != "networkit" or installed("networkit")]
    runs: dict[str, list[dict]] = {c: [] for c in cases}
    for r in range(ROUNDS):
        shift = r % len(cases)  # each round starts one library further along
        for case in cases[shift:] + cases[:shift]:
            runs[case].append(probe(case))
    expected = _expected_totals()
    payload = {"n": N, "m": M}
    for case in cases:
        label, threads = CASES[case][:2]
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
