"""Profile: exact betweenness (Brandes, unweighted) on one thread, beside igraph and NetworKit.

Not part of ``make bench``: a profile for docs/scaling.md. The input is
``bench_centrality.py``'s (a Barabasi-Albert graph, 5 ties per new actor, from
``igraph.Graph.Barabasi``), at each size of ``--n``: by default the benchmark's
3,000 actors and the 10,000 of issue 29's target. Every library runs in a fresh
process per round, rounds interleaved, wall and CPU seconds of the compute call
recorded (:func:`profile_cascade.interleave`); the table's seconds are CPU seconds
(``time.process_time``: on one thread the one core's time, far less disturbed by
other processes on a shared machine than the wall clock). ``--ref REV`` adds the
package as committed at ``REV``; NetworKit's ``Betweenness`` runs at the sizes up to
``--nk-max``. Outputs are checked against igraph's (1e-9 relative).

Then, in one process on one thread, at each size: the call (``betweenness``) and
its kernel alone (the difference is every per-call cost that is not the algorithm:
the views, validation, the component labels, allocation, the thread pool, the sum
of the accumulator rows); a plain BFS from every source (the floor of a top-down
traversal); the tie reads of the kernel's direction-optimising forward pass (top-down
and bottom-up, counted by a BFS applying the kernel's rule) against the ``n * 2m``
of a top-down pass. And NetworKit's time split: its ``BFS`` from every source with
and without the predecessor lists and path counts its ``Betweenness`` stores
(``storePaths``), the rest of ``Betweenness`` being its backward pass.

Run::

    nice -n 5 python benchmarks/profile_betweenness.py --rounds 5 --ref main

Writes ``benchmarks/results/profile_betweenness.json`` (or ``--out``).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from profile_cascade import _version, extract, interleave, machine, store  # noqa: E402

INPUT = """
import numpy as np, scipy.sparse as sp
e = np.load({edges!r})
n = {n}
"""

CLUSTERNET = """
import sys
sys.path.insert(0, {path!r})
import numba
numba.set_num_threads(1)
from clusternet import centrality as C
C.betweenness(sp.csr_array(np.ones((3, 3))))  # compiled outside the clock
def build():
    a = sp.csr_array((np.ones(len(e)), (e[:, 0], e[:, 1])), shape=(n, n))
    return sp.csr_array(a + a.T)
def compute(a):
    np.save({out!r}, C.betweenness(a))
    return None
"""

IGRAPH = """
import igraph as ig
def build():
    return ig.Graph(n=n, edges=e.tolist(), directed=False)
def compute(g):
    np.save({out!r}, np.asarray(g.betweenness(directed=False)))
    return None
"""


NETWORKIT = """
import networkit as nk
nk.setNumberOfThreads(1)
def build():
    G = nk.Graph(n)
    G.addEdges((e[:, 0].astype(np.uint64), e[:, 1].astype(np.uint64)))
    return G
def compute(G):
    b = nk.centrality.Betweenness(G)
    b.run()
    # NetworKit counts ordered pairs on an undirected graph (each pair twice): halved
    np.save({out!r}, np.asarray(b.scores()) / 2.0)
    return None
"""


def _cpu(fn, rounds: int) -> tuple[float, float, float]:
    """Median, min and max CPU seconds of ``rounds`` calls."""
    times = []
    for _ in range(rounds):
        t0 = time.process_time()
        fn()
        times.append(time.process_time() - t0)
    return statistics.median(times), min(times), max(times)


def phases(edges: np.ndarray, n: int, rounds: int) -> dict:
    """CPU seconds of the call, its kernel and a plain BFS per source; tie reads of the kernel."""
    import numba

    numba.set_num_threads(1)
    import scipy.sparse as sp
    from numba import njit
    from scipy.sparse.csgraph import connected_components

    sys.path.insert(0, str(ROOT))
    from clusternet import centrality as C
    from clusternet.kernels.csr import kernel_arrays
    from clusternet.kernels.paths import _bfs, brandes_bfs

    @njit(cache=False, nogil=True)
    def bfs_all(indptr, indices, n, n_src):
        dist = np.full(n, -1, dtype=np.int32)
        order = np.empty(n, dtype=np.int32)
        reached = 0
        for s in range(n_src):
            tail = _bfs(indptr, indices, s, dist, order)
            reached += tail
            for a in range(tail):
                dist[order[a]] = -1
        return reached

    @njit(cache=False, nogil=True)
    def reads(indptr, indices, n):
        """Tie reads of the kernel's forward pass (its rule, on a connected undirected
        graph), and the entries of every source's shortest-path DAG."""
        dist = np.full(n, -1, dtype=np.int32)
        order = np.empty(n, dtype=np.int32)
        deg = indptr[1:] - indptr[:-1]
        top_down = 0
        bottom_up = 0
        dag = 0
        for s in range(n):
            tail = _bfs(indptr, indices, s, dist, order)
            for a in range(tail):
                v = order[a]
                for k in range(indptr[v], indptr[v + 1]):
                    dag += dist[indices[k]] == dist[v] + 1
            left = deg.sum() - deg[s]  # in-ties of the unreached (in = out here)
            lo = 0
            hi = 1
            while lo < hi and hi < tail:  # the last level reads nothing
                level = dist[order[lo]]
                out_level = 0
                for a in range(lo, hi):
                    out_level += deg[order[a]]
                if left + (tail - hi) < out_level:
                    bottom_up += left
                else:
                    top_down += out_level
                nxt = hi
                while nxt < tail and dist[order[nxt]] == level + 1:
                    left -= deg[order[nxt]]
                    nxt += 1
                lo = hi
                hi = nxt
            for a in range(tail):
                dist[order[a]] = -1
        return top_down, bottom_up, dag

    a = sp.csr_array((np.ones(len(edges)), (edges[:, 0], edges[:, 1])), shape=(n, n))
    a = sp.csr_array(a + a.T)
    indptr, indices, _ = kernel_arrays(a)
    _, label = connected_components(a, directed=True, connection="weak")
    members = np.argsort(label, kind="stable").astype(np.int64)
    member_ptr = np.zeros(label.max() + 2, dtype=np.int64)
    np.cumsum(np.bincount(label), out=member_ptr[1:])
    label = label.astype(np.int64)
    sources = np.arange(n, dtype=np.int64)
    ip = indptr.view(np.uint64)

    def kernel():
        acc = np.zeros((1, n))
        brandes_bfs(
            ip, indices, ip, indices, members, member_ptr, label, sources, 1, indices.shape[0], acc
        )

    bfs_all(indptr, indices, n, 3)
    kernel()
    C.betweenness(a)
    call = _cpu(lambda: C.betweenness(a), rounds)
    whole = _cpu(kernel, rounds)
    plain = _cpu(lambda: bfs_all(indptr, indices, n, n), rounds)
    top_down, bottom_up, dag = reads(indptr, indices, n)
    arcs = int(indices.shape[0]) * n
    return {
        "cpu_s_median_min_max": {
            "call": call,
            "brandes_kernel": whole,
            "per_call_costs": call[0] - whole[0],
            "plain_bfs_every_source": plain,
        },
        "per_call_share": (call[0] - whole[0]) / call[0],
        "arcs_top_down_pass": arcs,
        "reads_top_down_steps": int(top_down),
        "reads_bottom_up_steps": int(bottom_up),
        "reads_share_of_top_down_pass": (int(top_down) + int(bottom_up)) / arcs,
        "dag_entries": int(dag),
        "ns_per_arc_plain_bfs": plain[0] / arcs * 1e9,
        "ns_per_read_kernel": whole[0] / (int(top_down) + int(bottom_up)) * 1e9,
        "rounds": rounds,
    }


def networkit_phases(edges: np.ndarray, n: int, rounds: int) -> dict:
    """CPU seconds of NetworKit's Betweenness and of its BFS from every source, with and
    without the predecessor lists and (``bigfloat``) path counts Betweenness stores."""
    import networkit as nk

    nk.setNumberOfThreads(1)
    G = nk.Graph(n)
    G.addEdges((edges[:, 0].astype(np.uint64), edges[:, 1].astype(np.uint64)))

    def bfs(store: bool):
        # the configuration Betweenness.cpp builds: BFS(G, 0, storePaths, sorted by distance)
        b = nk.distance.BFS(G, 0, storePaths=store, storeNodesSortedByDistance=store)
        for s in range(n):
            b.setSource(s)
            b.run()

    def betweenness():
        nk.centrality.Betweenness(G).run()

    whole = _cpu(betweenness, rounds)
    with_paths = _cpu(lambda: bfs(True), rounds)
    plain = _cpu(lambda: bfs(False), rounds)
    return {
        "cpu_s_median_min_max": {
            "betweenness": whole,
            "bfs_storing_paths_every_source": with_paths,
            "bfs_plain_every_source": plain,
            "storing_paths": with_paths[0] - plain[0],
            "backward_pass": whole[0] - with_paths[0],
        },
        "rounds": rounds,
    }


def profile_size(n: int, rounds: int, ref: str | None, nk_max: int) -> dict:
    """Interleaved rounds and in-process phases at one size."""
    import random
    import tempfile

    import igraph as ig

    random.seed(0)
    ig.set_random_number_generator(random)  # the same graph every run
    g = ig.Graph.Barabasi(n, 5, start_from=ig.Graph.Full(6))
    edges = np.asarray(g.get_edgelist())
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "edges.npy")
        np.save(path, edges)
        prelude = INPUT.format(edges=path, n=n)
        outs = {}

        def program(label, body, **kw):
            outs[label] = str(Path(tmp) / f"{len(outs)}.npy")
            return prelude + body.format(out=outs[label], **kw)

        programs = {"clusternet": program("clusternet", CLUSTERNET, path=str(ROOT))}
        if ref:
            label = f"clusternet at {ref}"
            programs[label] = program(label, CLUSTERNET, path=extract(ref))
        programs["igraph"] = program("igraph", IGRAPH)
        if n <= nk_max:
            programs["NetworKit Betweenness"] = program("NetworKit Betweenness", NETWORKIT)
        rows = interleave(programs, rounds)
        peer = np.load(outs["igraph"])
        for label, row in rows.items():
            got = np.load(outs[label])
            diff = float(np.max(np.abs(got - peer) / np.maximum(np.abs(peer), 1.0)))
            if diff > 1e-9:
                raise SystemExit(f"{label} differs from igraph by {diff}")
            row["max_rel_diff_vs_igraph"] = diff
            row.pop("check")
        igr = rows["igraph"]
        for row in rows.values():
            # the table's seconds: CPU seconds of the compute call
            row["median_s"], row["min_s"], row["max_s"] = (
                row["cpu_median_s"], row["cpu_min_s"], row["cpu_max_s"]
            )  # fmt: skip
            row["over_igraph_wall"] = row["wall_median_s"] / igr["wall_median_s"]
            row["over_igraph_cpu"] = row["cpu_median_s"] / igr["cpu_median_s"]
            row["over_igraph_cpu_min"] = row["cpu_min_s"] / igr["cpu_min_s"]
            row["vs"] = "clusternet@1"
    out = {
        "input": {"graph": "igraph Barabasi(n, 5) from Full(6)", "n": n, "m": len(edges)},
        "rows": list(rows.values()),
        "phases": phases(edges, n, rounds),
    }
    if n <= nk_max:
        out["networkit_phases"] = networkit_phases(edges, n, rounds)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    # the benchmark's size and the issue's
    parser.add_argument("--n", type=int, nargs="+", default=[3_000, 10_000])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--ref", help="also run the package as committed at this revision")
    parser.add_argument("--nk-max", type=int, default=3_000, help="largest n NetworKit runs at")
    parser.add_argument("--out", default=str(HERE / "results" / "profile_betweenness.json"))
    args = parser.parse_args()
    before = machine()
    sizes = {f"n{n}": profile_size(n, args.rounds, args.ref, args.nk_max) for n in args.n}
    result = {
        "what": "exact betweenness, unweighted, one thread, fresh processes, rounds interleaved",
        "machine_before": before,
        "versions": {"igraph": _version("igraph"), "networkit": _version("networkit")},
        "sizes": sizes,
        "machine_after": machine(),
    }
    print(store(result, args.out))


if __name__ == "__main__":
    main()
