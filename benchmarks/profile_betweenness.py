"""Profile: exact betweenness (Brandes, unweighted) on one thread, beside igraph.

Not part of ``make bench``: a profile for docs/scaling.md. The input is
``bench_centrality.py``'s (a Barabasi-Albert graph, 5 ties per new actor, from
``igraph.Graph.Barabasi``; 3,000 actors there, ``--n`` here: by default
the 10,000 of issue 29's target). Every library runs in
a fresh process per round, rounds interleaved, wall and CPU seconds of the compute
call recorded (:func:`profile_cascade.interleave`); ``--ref REV`` adds the package
as committed at ``REV``. Outputs are checked against igraph's (1e-9 relative).

Then, in one process on one thread, the phases of the kernel: a plain BFS from every
source (distances only: the floor of any traversal), the forward pass of Brandes
(distances, path counts and the successor lists, as the kernel runs it), and the
backward pass (the kernel minus its forward pass).

Run::

    nice -n 5 python benchmarks/profile_betweenness.py --n 10000 --rounds 5 --ref main

Writes ``benchmarks/results/profile_betweenness.json`` (or ``--out``).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from profile_cascade import _version, extract, interleave, machine  # noqa: E402

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


def phases(edges: np.ndarray, n: int, rounds: int) -> dict:
    """CPU seconds of a plain BFS per source, the Brandes forward pass and the whole kernel."""
    import numba

    numba.set_num_threads(1)
    import scipy.sparse as sp
    from numba import njit

    sys.path.insert(0, str(ROOT))
    from clusternet.kernels.csr import kernel_arrays
    from clusternet.kernels.paths import _bfs, brandes_bfs

    one = np.uint64(1)

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
    def forward_all(indptr, indices, n, n_src):
        """The kernel's forward pass (branch-free rows), every source, no backward pass."""
        dist = np.full(n, -1, dtype=np.int32)
        order = np.empty(n + 1, dtype=np.uint32)
        block = np.empty(n + 1, dtype=np.uint64)
        succ = np.empty(indices.shape[0], dtype=np.uint32)
        sigma = np.zeros(n)
        dag = 0
        for s0 in range(n_src):
            s = np.uint32(s0)
            dist[s] = 0
            sigma[s] = 1.0
            order[0] = s
            head = np.uint64(0)
            tail = np.uint64(1)
            top = np.uint64(0)
            while head < tail:
                v = order[head]
                block[head] = top
                head += one
                dv = dist[v] + np.int32(1)
                sv = sigma[v]
                for k in range(indptr[v], indptr[v + one]):
                    w = indices[k]
                    dw = dist[w]
                    new = dw < 0
                    on_dag = new or dw == dv
                    dist[w] = dv if new else dw
                    order[tail] = w
                    tail += np.uint64(new)
                    sigma[w] += sv if on_dag else 0.0
                    succ[top] = w
                    top += np.uint64(on_dag)
            dag += top
            for a in range(tail):
                v = order[a]
                dist[v] = -1
                sigma[v] = 0.0
        return dag

    a = sp.csr_array((np.ones(len(edges)), (edges[:, 0], edges[:, 1])), shape=(n, n))
    indptr, indices, _ = kernel_arrays(sp.csr_array(a + a.T))
    sources = np.arange(n, dtype=np.int64)

    def kernel():
        acc = np.zeros((1, n))
        brandes_bfs(indptr.view(np.uint64), indices, sources, 1, indices.shape[0], acc)

    bfs_all(indptr, indices, n, 3)
    forward_all(indptr, indices, n, 3)
    kernel()

    def cpu(fn):
        times = []
        for _ in range(rounds):
            t0 = time.process_time()
            fn()
            times.append(time.process_time() - t0)
        return statistics.median(times), min(times), max(times)

    plain = cpu(lambda: bfs_all(indptr, indices, n, n))
    forward = cpu(lambda: forward_all(indptr, indices, n, n))
    whole = cpu(kernel)
    dag = forward_all(indptr, indices, n, n)
    arcs = int(indices.shape[0]) * n
    return {
        "cpu_s_median_min_max": {
            "plain_bfs_every_source": plain,
            "brandes_forward": forward,
            "brandes_kernel": whole,
            "brandes_backward": whole[0] - forward[0],
        },
        "arcs_scanned_forward": arcs,
        "dag_entries": int(dag),
        "ns_per_arc_forward": forward[0] / arcs * 1e9,
        "ns_per_arc_plain_bfs": plain[0] / arcs * 1e9,
        "ns_per_dag_entry_backward": (whole[0] - forward[0]) / dag * 1e9,
        "rounds": rounds,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)  # the size
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--ref", help="also run the package as committed at this revision")
    parser.add_argument("--out", default=str(HERE / "results" / "profile_betweenness.json"))
    args = parser.parse_args()
    import random
    import tempfile

    import igraph as ig

    random.seed(0)
    ig.set_random_number_generator(random)  # the same graph every run
    g = ig.Graph.Barabasi(args.n, 5, start_from=ig.Graph.Full(6))
    edges = np.asarray(g.get_edgelist())
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "edges.npy")
        np.save(path, edges)
        prelude = INPUT.format(edges=path, n=args.n)
        outs = {}

        def program(label, body, **kw):
            outs[label] = str(Path(tmp) / f"{len(outs)}.npy")
            return prelude + body.format(out=outs[label], **kw)

        programs = {"clusternet": program("clusternet", CLUSTERNET, path=str(ROOT))}
        if args.ref:
            label = f"clusternet at {args.ref}"
            programs[label] = program(label, CLUSTERNET, path=extract(args.ref))
        programs["igraph"] = program("igraph", IGRAPH)
        before = machine()
        rows = interleave(programs, args.rounds)
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
            row["over_igraph_wall"] = row["wall_median_s"] / igr["wall_median_s"]
            row["over_igraph_cpu"] = row["cpu_median_s"] / igr["cpu_median_s"]
    result = {
        "what": "exact betweenness, unweighted, one thread, fresh processes, rounds interleaved",
        "input": {"graph": "igraph Barabasi(n, 5) from Full(6)", "n": args.n, "m": len(edges)},
        "machine_before": before,
        "versions": {"igraph": _version("igraph")},
        "rows": list(rows.values()),
        "machine_after": machine(),
        "phases": phases(edges, args.n, args.rounds),
    }
    text = json.dumps(result, indent=1)
    print(text)
    Path(args.out).write_text(text + "\n")


if __name__ == "__main__":
    main()
