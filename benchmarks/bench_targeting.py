"""Influence maximisation (k = 50, epsilon = 0.1) beside pynetim's IMM, netmax and CELF on cynetdiff.

Each library runs ``ROUNDS`` rounds, each round in a fresh process (peak memory from VmHWM),
rounds interleaved across libraries, on the same directed graph and the same edge
probabilities: median with min/max; the spread of every
library's seeds is then measured by the same independent Monte Carlo (clusternet's
independent_cascade, 10,000 runs, one seed).
"""

import json

import numba
from _common import ROUNDS, quick, record, run_probe

THREADS = numba.get_num_threads()
K = 50
EPSILON = 0.1
#: a round running longer than this is stopped; its library is reported with the time it ran
ROUND_LIMIT_S = 120
#: Monte Carlo trials per CELF marginal gain
CELF_TRIALS = (10, 100, 200, 300, 500, 1000)

GRAPH = """
import numpy as np
n, m = {n}, {m}
rng = np.random.default_rng(0)
src, dst = rng.integers(0, n, m), rng.integers(0, n, m)
keep = src != dst
src, dst = src[keep], dst[keep]
pairs = np.unique(src * n + dst)
src, dst = pairs // n, pairs % n
if {weighted_cascade}:
    indeg = np.bincount(dst, minlength=n)
    p = 1.0 / indeg[dst]
else:
    p = np.full(src.shape[0], {p})
"""

CLUSTERNET = """
import numba, scipy.sparse as sp
from clusternet.targeting import influence_maximization
numba.set_num_threads({threads})
threads = {threads}
for method in ("imm", "opim-c"):  # compile
    influence_maximization(sp.csr_array(([0.5], ([0], [1])), shape=(3, 3)), 1,
                           prob=np.array([0.5]), method=method, seed=1)
extra = {{}}
def setup():
    global g
    g = sp.csr_array((p, (src, dst)), shape=(n, n))
def run():
    r = influence_maximization(g, {k}, prob=g.data, epsilon={eps}, delta=1.0 / n,
                               method="{method}", seed=1)
    extra.update(rr_sets=r.rr_sets, rr_entries=r.rr_entries, estimate=r.spread)
    return r.indices
"""

BODIES = {
    "clusternet IMM": CLUSTERNET.replace("{method}", "imm"),
    "clusternet OPIM-C": CLUSTERNET.replace("{method}", "opim-c"),
    "pynetim IMM": r"""
from pynetim import IMGraph
from pynetim.algorithms import IMMAlgorithm
threads = 1
extra = {{}}
def setup():
    global graph
    graph = IMGraph(list(zip(src.tolist(), dst.tolist())), weights=p.tolist(), directed=True,
                    renumber=False)
def make(verbose=False):
    # l = 1: failure probability n^-l = 1 / n, clusternet's delta here
    return IMMAlgorithm(graph, model="IC", epsilon={eps}, l=1, random_seed=1, verbose=verbose)
def run():
    return sorted(make().run({k}))
def rr_counts():
    # untimed: the same run (same seed) again with pynetim's log on, which gives its counts
    text = logged(lambda: make(verbose=True).run({k}))
    return {{"rr_sets": int(re.findall(r"总RR集合数: (\d+)", text)[-1])}}
""",
    "pynetim OPIM-C": r"""
from pynetim import IMGraph
from pynetim.algorithms import OPIMCAlgorithm
threads = 1
extra = {{}}
def setup():
    global graph
    graph = IMGraph(list(zip(src.tolist(), dst.tolist())), weights=p.tolist(), directed=True,
                    renumber=False)
def run():
    alg = OPIMCAlgorithm(graph, model="IC", random_seed=1)
    seeds = sorted(alg.run({k}, {eps}, 1.0 / n))
    extra.update(approximation=float(alg.get_approximation()))  # its certified ratio
    return seeds
def rr_counts():
    # untimed: the same run (same seed) again with pynetim's log on, which gives R1 and R2
    alg = OPIMCAlgorithm(graph, model="IC", random_seed=1, verbose=True)
    text = logged(lambda: alg.run({k}, {eps}, 1.0 / n))
    r1, r2 = (int(x) for x in re.findall(r"R1大小: (\d+), R2大小: (\d+)", text)[-1])
    return {{"rr_sets": r1 + r2, "rr_sets_r1": r1, "rr_sets_r2": r2}}
""",
}

#: CELF (no guarantee) at several Monte Carlo trial counts per marginal gain: the spread
#: its seeds reach (measured on the same independent evaluation as every row) against
#: the trials it needs is what a user trades for speed
CELF = """
import heapq, networkx as nx
from cynetdiff.utils import networkx_to_ic_model
threads = 1
trials = 100
extra = {{"trials": trials}}
def setup():
    global model, back
    G = nx.DiGraph()
    G.add_nodes_from(range(n))
    G.add_weighted_edges_from(zip(src.tolist(), dst.tolist(), p.tolist()),
                              weight="activation_prob")
    model, labels = networkx_to_ic_model(G, rng=1)
    back = {{v: k_ for k_, v in labels.items()}}
def run():
    # CELF (Leskovec et al. 2007) with cynetdiff computing every marginal gain
    # gains are cumulative over new_seeds, so the first pass asks for one node at a time
    heap = [(-model.compute_marginal_gains([], [v], trials)[1], v, 0) for v in range(n)]
    heapq.heapify(heap)
    seeds = []
    while len(seeds) < {k}:
        g, v, stamp = heapq.heappop(heap)
        if stamp == len(seeds):
            seeds.append(v)
            continue
        gain = model.compute_marginal_gains(seeds, [v], trials)[1]
        heapq.heappush(heap, (-gain, v, len(seeds)))
    return [back[v] for v in seeds]
"""
for _trials in CELF_TRIALS:
    BODIES[f"CELF on cynetdiff marginal gains, {_trials} trials"] = CELF.replace(
        "trials = 100", f"trials = {_trials}"
    )

#: netmax: pure Python over networkx (TIM+ with its own fixed epsilon 0.2); only on the small case.
NETMAX = """
import logging, networkx as nx
from netmax.influence_maximization import InfluenceMaximization
logging.getLogger().setLevel(logging.ERROR)
threads = 1
extra = {{"r": 10, "epsilon": 0.2}}
def setup():
    global G
    G = nx.DiGraph()
    G.add_nodes_from(range(n))
    G.add_edges_from((u, v, {{"p": w}}) for u, v, w in zip(src.tolist(), dst.tolist(),
                                                          p.tolist()))
def run():
    im = InfluenceMaximization(G, {{"a": {k}}}, alg="tim_p", diff_model="ic", inf_prob=None,
                                      r=10)
    seed, _, _ = im.run()
    return seed["a"]
"""


def _spread(n, m, p, weighted_cascade, seeds_by_library):
    body = (
        GRAPH.format(n=n, m=m, p=p, weighted_cascade=weighted_cascade)
        + """
import scipy.sparse as sp
from clusternet.diffusion import independent_cascade
g = sp.csr_array((p, (src, dst)), shape=(n, n))
out = {}
for name, seeds in SEEDS.items():
    r = independent_cascade(g, seeds, g.data, n_sims=10000, seed=7)
    s = r.sizes.astype(float)
    out[name] = {"spread": float(s.mean()), "spread_half_width": float(1.96 * s.std() / np.sqrt(s.size))}
print(json.dumps(out))
""".replace("SEEDS", json.dumps(seeds_by_library))
    )
    return run_probe(body, timeout=1800)


#: appended to every body: ``setup()`` (the library's own graph or model from the arrays) is
#: the timed build, ``run()`` the timed compute; ``rr_counts()``, where a body has one, runs
#: after the clock (a peer whose counts only its log gives)
WRAP = """
import os, re, sys, tempfile
def logged(call):
    # everything the call writes to file descriptors 1 and 2 (a C++ log too), as text
    sys.stdout.flush(); sys.stderr.flush()
    saved = os.dup(1), os.dup(2)
    with tempfile.TemporaryFile() as fh:
        os.dup2(fh.fileno(), 1); os.dup2(fh.fileno(), 2)
        try:
            call()
        finally:
            sys.stdout.flush(); sys.stderr.flush()
            os.dup2(saved[0], 1); os.dup2(saved[1], 2)
            os.close(saved[0]); os.close(saved[1])
        fh.seek(0)
        return fh.read().decode(errors="replace")
def build():
    setup()
    return None
def compute(_):
    return run()
def after(seeds):
    if "rr_counts" in globals():
        extra.update(rr_counts())
    return {"seeds": [int(s) for s in seeds], "extra": extra}
"""


#: methods with a (1 - 1/e - epsilon) guarantee (with probability 1 - delta); CELF has none
GUARANTEED = ("clusternet IMM", "clusternet OPIM-C", "pynetim IMM", "pynetim OPIM-C", "netmax")


def _check_guarantees(rows: list[dict]) -> None:
    """Raise where a guaranteed method's seeds spread less than its guarantee allows.

    The best spread any row's seeds reach bounds the optimum from below, so a method whose
    seeds reach at least ``(1 - 1/e - epsilon) OPT`` must reach that share of the best
    (each side widened by its 95 % half-width)."""
    import math

    from peers import Mismatch

    spread = [r for r in rows if r.get("spread") is not None]
    if not spread:
        return
    best = max(spread, key=lambda r: r["spread"])
    floor = best["spread"] - best["spread_half_width"]
    for r in spread:
        if not r["guaranteed"]:
            continue
        share = 1.0 - 1.0 / math.e - r.get("epsilon", EPSILON)
        if r["spread"] + r["spread_half_width"] < share * floor:
            raise Mismatch(
                f"{r['library']}: spread {r['spread']:.1f} below {share:.3f} x the best "
                f"({best['library']}, {best['spread']:.1f})"
            )
        r["guarantee_check"] = "passed"


def _vs(library: str) -> str | None:
    if library.startswith("clusternet"):
        return None
    return "clusternet OPIM-C@1" if "OPIM" in library else "clusternet IMM@1"


def _case(name, n, m, p, weighted_cascade, bodies=BODIES):
    """Every library ``ROUNDS`` times, each round in a fresh process, rounds interleaved
    (:func:`schema.interleaved`); a round past ``ROUND_LIMIT_S`` stops that library (its
    row says after how long), a library that fails is reported with its error. The
    library's own graph or model is built in ``setup()``, timed apart (``build_s``), not in
    ``median_s``. Every method with an approximation guarantee (:data:`GUARANTEED`) is
    checked: its seeds' spread must reach ``1 - 1/e - epsilon`` times the best spread any
    row reaches (95 % half-widths allowed for), as its guarantee implies; the benchmark
    fails otherwise."""
    from schema import interleaved

    graph = GRAPH.format(n=n, m=m, p=p, weighted_cascade=weighted_cascade)
    programs, labels = {}, {}
    for library, body in bodies.items():
        clusternet = library.startswith("clusternet")
        for threads in sorted({1, THREADS}) if clusternet else (1,):
            key = f"{library}@{threads}"
            programs[key] = graph + body.format(threads=threads, k=K, eps=EPSILON) + WRAP
            labels[key] = library
    failures: dict[str, str] = {}
    measured = interleaved(
        programs, ROUNDS, timeout=600, round_limit=ROUND_LIMIT_S, failures=failures
    )
    rows, seeds = [], {}
    for key, library in labels.items():
        if key in failures:  # a peer that fails is reported, not hidden
            threads = int(key.rpartition("@")[2])
            rows.append({"library": library, "threads": threads, "error": failures[key]})
            continue
        r = measured[key]
        check = r.pop("check")
        r["library"] = library
        r["threads"] = r["threads"] or int(key.rpartition("@")[2])
        if _vs(library):
            r["vs"] = _vs(library)
        if check is not None:
            seeds[key] = check["seeds"]
            r.update(check["extra"])
        rows.append(r)
    spreads = _spread(n, m, p, weighted_cascade, seeds) if seeds else {}
    for r in rows:
        r.update(spreads.get(f"{r['library']}@{r['threads']}", {}))
        r["guaranteed"] = r["library"].startswith(GUARANTEED)
    _check_guarantees(rows)
    return {"n": n, "m": m, "k": K, "epsilon": EPSILON, "probability": name, "rows": rows}


def _trials_of(label: str) -> int:
    """The Monte Carlo trial count in a CELF row's label."""
    return int(label.rsplit(", ", 1)[1].split()[0])


def _bodies(weighted_cascade: bool, netmax: bool) -> dict[str, str]:
    out = {k: v for k, v in BODIES.items()}
    if weighted_cascade:  # CELF's first pass runs n x trials cascades of hundreds of actors:
        # the small trial counts only, each stopped at ROUND_LIMIT_S if it runs longer
        out = {k: v for k, v in out.items() if not k.startswith("CELF") or _trials_of(k) <= 100}
    if netmax:
        out["netmax TIM+ (its fixed epsilon 0.2, not 0.1)"] = NETMAX
    return out


def bench_influence_maximization(benchmark):
    """IC p = 0.01 and weighted cascade on a 10,000-node / 100,000-arc digraph (every
    library, netmax included); the 100,000-node graph is opt-in (``_large_opt_in``)."""
    n, m = (2_000, 20_000) if quick() else (10_000, 100_000)
    cases = {}
    for name, p, wc in (("p = 0.01", 0.01, False), ("weighted cascade 1/in-degree", 0.0, True)):
        cases[f"{name}, small graph"] = _case(name, n, m, p, wc, _bodies(wc, netmax=not wc))
    benchmark.pedantic(lambda: None, rounds=1, iterations=1)
    record("targeting", {"digraph": cases})


def bench_influence_maximization_large_opt_in(benchmark):
    """The same on 100,000 nodes / 1,000,000 arcs (opt-in: pynetim's IMM and CELF's rounds
    run for minutes each; ``make bench BENCH="-k opt_in"``)."""
    n, m = 100_000, 1_000_000
    cases = {}
    for name, p, wc in (("p = 0.01", 0.01, False), ("weighted cascade 1/in-degree", 0.0, True)):
        cases[name] = _case(name, n, m, p, wc, _bodies(wc, netmax=False))
    benchmark.pedantic(lambda: None, rounds=1, iterations=1)
    record("targeting", {"digraph": cases})


def bench_influence_maximization_million_firms_opt_in(benchmark):
    """(Opt-in.) IMM and OPIM-C on a generated cluster: weighted cascade (1/in-degree, all layers), k = 50."""
    firms = 100_000 if quick() else 1_000_000
    body = f"""
import clusternet as cn, numba, scipy.sparse as sp
from clusternet.targeting import influence_maximization
from clusternet.diffusion import independent_cascade
for method in ("imm", "opim-c"):  # compile
    influence_maximization(cn.generate_cluster(500, seed=1), 2, prob=0.01, method=method, seed=1)
net = cn.generate_cluster({firms}, seed=1)
g = sp.csr_array(net.csr(direction="both"))
g.data[:] = 1.0
indeg = np.bincount(g.indices, minlength=g.shape[0])
p = 1.0 / indeg[g.indices]
core = net.tier_mask("core")
rows = []
for method in ("imm", "opim-c"):
    times = []
    for _ in range({ROUNDS}):
        t0 = time.perf_counter()
        r = influence_maximization(g, {K}, prob=p, candidates=core, epsilon={EPSILON},
                                   method=method, seed=1)
        times.append(time.perf_counter() - t0)
    mc = independent_cascade(g, [int(i) for i in r.indices], p, n_sims=10000,
                             seed=7).sizes.astype(float)
    rows.append({{"method": method, "median_s": float(np.median(times)), "min_s": min(times),
                 "max_s": max(times), "rounds": len(times), "rr_sets": r.rr_sets,
                 "rr_entries": r.rr_entries, "estimate": r.spread,
                 "approximation": r.approximation, "spread": float(mc.mean()),
                 "spread_half_width": float(1.96 * mc.std() / np.sqrt(mc.size))}})
print(json.dumps({{"firms": {firms}, "actors": net.n_actors, "arcs": int(g.nnz), "k": {K},
                  "epsilon": {EPSILON}, "model": "weighted cascade 1/in-degree",
                  "threads": numba.get_num_threads(), "rows": rows, "peak_mb": peak_mb()}}))
"""
    result = benchmark.pedantic(run_probe, args=(body, 3600), rounds=1, iterations=1)
    record("targeting", {"cluster": result})
