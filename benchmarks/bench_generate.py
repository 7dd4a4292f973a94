"""generate_cluster at 10k, 100k, 1M firms (time, peak memory, edges), and igraph's
Barabasi generator at the same edge count as a reference point; each run in a fresh
process, ``ROUNDS`` rounds interleaved across the configurations (median, min, max);
clusternet on 1 and all threads. igraph's Barabasi model is not the same model: a
reference point for the cost of drawing that many ties, not a peer."""

import numba
import pytest
from _common import ROUNDS, quick, record, run_probe, summarize


def probe(n: int, threads: int) -> dict:
    body = f"""
import numba
numba.set_num_threads({threads})
import clusternet as cn
cn.generate_cluster(500, seed=1)  # compile / load the kernels
base = rss_mb()
t0 = time.perf_counter()
net = cn.generate_cluster({n}, seed=1)
t1 = time.perf_counter()
print(json.dumps({{"seconds": t1 - t0, "edges": net.n_edges, "actors": net.n_actors, "peak_mb": peak_mb()}}))
"""
    return run_probe(body)


def probe_igraph(n_actors: int, edges: int) -> dict:
    per = max(1, round(edges / n_actors))
    body = f"""
import igraph as ig
t0 = time.perf_counter()
g = ig.Graph.Barabasi({n_actors}, {per})
t1 = time.perf_counter()
print(json.dumps({{"seconds": t1 - t0, "edges": g.ecount(), "actors": g.vcount(), "peak_mb": peak_mb()}}))
"""
    return run_probe(body)


SIZES = [10_000, 100_000] if quick() else [10_000, 100_000, 1_000_000]


@pytest.mark.parametrize("n", SIZES)
def bench_generate(benchmark, n):
    threads = numba.get_num_threads()
    counts = sorted({1, threads})
    first = probe(n, threads)
    actors, edges = first["actors"], first["edges"]

    def rounds():
        runs = {k: [] for k in counts}
        refs = []
        for _ in range(ROUNDS):
            for k in counts:
                runs[k].append(probe(n, k))
            refs.append(probe_igraph(actors, edges))
        return runs, refs

    runs, refs = benchmark.pedantic(rounds, rounds=1, iterations=1)
    rows = [
        {
            "library": "clusternet generate_cluster",
            "threads": k,
            **summarize([r["seconds"] for r in runs[k]]),
            "peak_mb": runs[k][0]["peak_mb"],
        }
        for k in counts
    ]
    rows.append(
        {
            "library": "igraph Graph.Barabasi (same actors and edges)",
            "threads": 1,
            **summarize([r["seconds"] for r in refs]),
            "peak_mb": refs[0]["peak_mb"],
            "edges": refs[0]["edges"],
        }
    )
    record("generate", {str(n): {"actors": actors, "edges": edges, "rows": rows}})
