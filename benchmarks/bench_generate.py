"""generate_cluster at 10k, 100k, 1M firms (time, peak memory, edges), and igraph's
Barabasi generator at the same edge count as a reference point."""

import pytest
from _common import record, run_probe


def probe(n: int) -> dict:
    body = f"""
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


@pytest.mark.parametrize("n", [10_000, 100_000, 1_000_000])
def bench_generate(benchmark, n):
    ours = benchmark.pedantic(probe, args=(n,), rounds=1, iterations=1)
    benchmark.extra_info.update(ours)
    ref = probe_igraph(ours["actors"], ours["edges"])
    record("generate", {str(n): {"clusternet": ours, "igraph_barabasi": ref}})
