"""Compose BENCHMARKS.md from benchmarks/results/*.json (written by the benchmark runs)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from _common import RESULTS, machine  # noqa: E402

OUT = HERE.parent / "BENCHMARKS.md"


def load(name: str) -> dict | None:
    path = RESULTS / f"{name}.json"
    return json.loads(path.read_text()) if path.exists() else None


def fmt(v, digits=3) -> str:
    if v is None:
        return "—"
    if isinstance(v, str):
        return v
    if abs(v) >= 100:
        return f"{v:,.0f}"
    return f"{v:.{digits}g}"


def table(header: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(fmt(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def section_network(data: dict) -> str:
    rows = []
    for case, label in [
        ("clusternet", "clusternet: from_edges + first csr() (2 of 3 layers undirected)"),
        ("clusternet_directed", "clusternet: from_edges + first csr() (3 directed layers)"),
        ("igraph", "igraph.Graph(edges) + weights"),
        ("scipy", "scipy.sparse.csr_array((w, (i, j)))"),
    ]:
        r = data.get(case)
        if r:
            rows.append(
                [
                    label,
                    r["seconds"],
                    r["peak_mb"],
                    r["bytes_per_edge"],
                    r.get("array_bytes_per_edge") or None,
                ]
            )
    ig = data.get("igraph", {}).get("seconds")
    ours = data.get("clusternet", {}).get("seconds")
    ratio = f"\n\nclusternet / igraph time: **{ours / ig:.3f}x**." if ig and ours else ""
    return (
        "## Building a network: 1,000,000 actors, 10,000,000 edges, 3 layers\n\n"
        "Same random arrays (int32 endpoints, int16 layer, float64 weight) for every library; each in a fresh "
        "process. *Resident* is the growth of resident memory once the input arrays are freed, divided by the "
        "edge count (it includes fixed costs such as imported libraries); *arrays* counts only the network's "
        "own edge arrays plus the CSR view.\n\n"
        + table(
            ["what", "seconds", "peak MB above start", "resident B/edge", "arrays B/edge"], rows
        )
        + ratio
    )


def section_generate(data: dict) -> str:
    rows = []
    for n in sorted(data, key=int):
        ours, ref = data[n]["clusternet"], data[n]["igraph_barabasi"]
        rows.append(
            [
                f"{int(n):,}",
                ours["actors"],
                ours["edges"],
                ours["seconds"],
                ours["peak_mb"],
                ref["seconds"],
                ref["seconds"] and ours["seconds"] / ref["seconds"],
            ]
        )
    return (
        "## Generating clusters: `generate_cluster(n_firms, seed=1)`\n\n"
        "Default parameters, all five layers. Reference: `igraph.Graph.Barabasi` with the same actor count and "
        "about the same edge count (a far simpler model: no attributes, geography or layers), same run. "
        "Peak MB is the whole process's peak resident memory.\n\n"
        + table(
            ["firms", "actors", "edges", "clusternet s", "peak MB", "igraph Barabasi s", "ratio"],
            rows,
        )
    )


def ratio(a, b):
    return a / b if a and b else None


def section_centrality(data: dict) -> str:
    parts = ["## Centrality beside igraph, NetworKit and networkx\n"]
    pr = data.get("pagerank")
    if pr:
        parts.append(
            f"**PageRank**, directed weighted random graph, {pr['n']:,} nodes / {pr['m']:,} edges, damping 0.85, "
            f"tol 1e-10 (L1 change), {pr['threads']} threads; views cached on the network as in use; best of 3 "
            "(peers: one run).\n\n"
            + table(
                ["library", "seconds", "clusternet / peer", "L1 distance to clusternet"],
                [
                    ["clusternet", pr["clusternet_s"], None, None],
                    [
                        "igraph PRPACK",
                        pr["igraph_s"],
                        ratio(pr["clusternet_s"], pr["igraph_s"]),
                        pr["l1_vs_igraph"],
                    ],
                    [
                        "NetworKit (default L2 stop)",
                        pr.get("networkit_s"),
                        ratio(pr["clusternet_s"], pr.get("networkit_s")),
                        pr.get("l1_vs_networkit_l2stop"),
                    ],
                    [
                        "NetworKit (L1 stop, same criterion)",
                        pr.get("networkit_l1norm_s"),
                        ratio(pr["clusternet_s"], pr.get("networkit_l1norm_s")),
                        pr.get("l1_vs_networkit"),
                    ],
                ],
            )
            + "\n"
        )
    ex = data.get("betweenness_exact")
    if ex:
        parts.append(
            f"**Exact betweenness**, undirected Barabási–Albert, {ex['n']:,} nodes / {ex['m']:,} edges, "
            f"{ex['threads']} threads (igraph is single-threaded). Largest absolute difference to igraph: "
            f"{ex['max_abs_diff_vs_igraph']:.1e} (values up to ~1e7).\n\n"
            + table(
                ["library", "seconds", "clusternet / peer"],
                [
                    ["clusternet (Brandes, BFS)", ex["clusternet_s"], None],
                    ["igraph", ex["igraph_s"], ratio(ex["clusternet_s"], ex["igraph_s"])],
                    [
                        "NetworKit",
                        ex.get("networkit_s"),
                        ratio(ex["clusternet_s"], ex.get("networkit_s")),
                    ],
                ],
            )
            + "\n"
        )
    ap = data.get("betweenness_approx")
    if ap:
        parts.append(
            f"**Approximate betweenness**, same graph, epsilon = {ap['epsilon']}, delta = {ap['delta']}: clusternet's adaptive "
            f"sampler drew {ap['samples']:,} paths (worst case omega = {ap['omega']:,}); its largest absolute error on the "
            f"normalised scores was {ap['max_abs_error']:.4f}. NetworKit's fixed-size ApproxBetweenness "
            "(Riondato–Kornaropoulos) was not rerun: it needs more samples than there are nodes here "
            "(298 s in planning).\n\n"
            + table(
                ["library", "seconds", "clusternet / peer"],
                [
                    ["clusternet approximate_betweenness", ap["clusternet_s"], None],
                    [
                        "NetworKit KadabraBetweenness",
                        ap.get("networkit_kadabra_s"),
                        ratio(ap["clusternet_s"], ap.get("networkit_kadabra_s")),
                    ],
                ],
            )
            + "\n"
        )
    hm, kz = data.get("harmonic"), data.get("katz")
    rows = []
    if hm:
        rows += [
            [
                f"harmonic closeness, BA {hm['n']:,} / {hm['m']:,}",
                "igraph",
                hm["clusternet_s"],
                hm["igraph_s"],
                ratio(hm["clusternet_s"], hm["igraph_s"]),
            ],
            [
                f"harmonic closeness, BA {hm['n']:,} / {hm['m']:,}",
                "NetworKit",
                hm["clusternet_s"],
                hm.get("networkit_s"),
                ratio(hm["clusternet_s"], hm.get("networkit_s")),
            ],
        ]
    if kz:
        rows.append(
            [
                f"Katz, BA {kz['n']:,} / {kz['m']:,}",
                "networkx",
                kz["clusternet_s"],
                kz["networkx_s"],
                ratio(kz["clusternet_s"], kz["networkx_s"]),
            ]
        )
    if rows:
        parts.append(
            "**Harmonic closeness and Katz** (on the sizes the peers handle):\n\n"
            + table(["measure", "peer", "clusternet s", "peer s", "ratio"], rows)
            + "\n"
        )
    return "\n".join(parts)


def section_diffusion(data: dict) -> str:
    parts = ["## Diffusion and spillover\n"]
    rows = []
    for key, label in (("ic_p0.01", "subcritical p = 0.01"), ("ic_p0.2", "supercritical p = 0.2")):
        r = data.get(key)
        if r:
            rows.append(
                [
                    label,
                    r["sims"],
                    r["mean_size"],
                    r["clusternet_sims_per_s"],
                    r.get("cynetdiff_sims_per_s"),
                    ratio(r["clusternet_sims_per_s"], r.get("cynetdiff_sims_per_s")),
                ]
            )
    if rows:
        one = data.get("ic_p0.01", {}).get("one_call_ms")
        parts.append(
            "**Independent cascade**, directed random graph 100,000 nodes / 1,000,000 edges, 10 seeds "
            f"({data.get('ic_p0.01', data.get('ic_p0.2'))['threads']} threads). cynetdiff: `compute_marginal_gains` on the same graph. "
            + (
                f"One call with one simulation takes {one:.2f} ms end to end (Python side included).\n\n"
                if one
                else "\n\n"
            )
            + table(
                [
                    "regime",
                    "simulations",
                    "mean final size",
                    "clusternet sims/s",
                    "cynetdiff sims/s",
                    "speed-up",
                ],
                rows,
            )
            + "\n"
        )
    nd = data.get("ndlib")
    if nd:
        parts.append(
            f"**NDlib** is pure Python, so it was timed on a smaller graph ({nd['n']:,} nodes / {nd['m']:,} edges, p = {nd['p']}, "
            f"only `iteration_bunch` timed): {nd['ndlib_s_per_sim']:.3f} s per simulation against clusternet's "
            f"{nd['clusternet_s_per_sim'] * 1e3:.3f} ms — **{nd['ndlib_s_per_sim'] / nd['clusternet_s_per_sim']:,.0f}x**. "
            "Both costs grow with the edges a cascade visits, so on the 100,000 / 1,000,000 graph (ten times the edges) "
            "the extrapolated ratio is the same order.\n"
        )
    rg, sp_ = data.get("random_gather"), data.get("spillover_step")
    if sp_:
        gather = (
            f" This machine's random-gather throughput (8-byte reads at random positions of a 64 MB array) is {rg['gather_GBps']:.2f} GB/s ({rg['index_plus_gather_GBps']:.2f} GB/s counting the 4-byte index) against {rg['sequential_sum_GBps']:.1f} GB/s for a sequential sum."
            if rg
            else ""
        )
        parts.append(
            f"**One spillover step** (gap rule), generated cluster of {sp_['firms']:,} firms ({sp_['actors']:,} actors, "
            f"{sp_['entries']:,} tie entries over all five layers), D = {sp_['domains']} domains, {sp_['threads']} threads: "
            f"**{sp_['step_s']:.3f} s per step**, {sp_['bytes_per_step'] / 1e9:.2f} GB touched per step = "
            f"{sp_['effective_GBps']:.1f} GB/s effective.{gather} The same step written as vectorised numpy/scipy "
            f"(COO gathers, clipped gaps, `bincount` row sums) takes {sp_['numpy_scipy_s']:.2f} s "
            f"({sp_['numpy_scipy_s'] / sp_['step_s']:.0f}x slower; results identical to {sp_['max_abs_diff']:.0e}). "
            f"Building the operator once: {sp_['build_s']:.2f} s.\n"
        )
    ht = data.get("heat")
    if ht:
        parts.append(
            f"**Heat diffusion** exp(-tL)x0, t = {ht['t']}, symmetric random graph {ht['n']:,} nodes / {ht['m']:,} edges: "
            f"clusternet {ht['clusternet_s']:.2f} s (Laplacian parts built inside the call) vs "
            f"`scipy.sparse.linalg.expm_multiply` {ht['scipy_expm_multiply_s']:.2f} s (on a prebuilt Laplacian): "
            f"ratio {ht['clusternet_s'] / ht['scipy_expm_multiply_s']:.2f}; largest relative difference {ht['max_rel_diff']:.1e}.\n"
        )
    return "\n".join(parts)


def section_measures(data: dict) -> str:
    r = data.get("pipeline")
    if not r:
        return ""
    rows = [[name, secs] for name, secs in r["timings"].items()]
    rows += [["total (profile, layer profile with modularity, capacity, readiness)", r["total_s"]]]
    if "total_without_modularity_s" in r:
        rows += [["total without Leiden modularity", r["total_without_modularity_s"]]]
    return (
        f"## Measures on a generated cluster of {r['firms']:,} firms ({r['actors']:,} actors, {r['edges']:,} edges)\n\n"
        "Exact algorithms throughout: Burt's constraint is computed exactly (no sampled betweenness is used by "
        "these measures); mean distance is estimated from 16 BFS sources per layer. The two layer-profile rows are "
        "alternatives (with and without igraph's Leiden modularity); the totals count one of them.\n\n"
        + table(["component", "seconds"], rows)
    )


def section_dynamics(data: dict) -> str:
    r = data.get("upgrading")
    if not r:
        return ""
    rows = [[k, v] for k, v in r["per_mechanism_per_step"].items()] + [
        ["total per step", r["seconds_per_step"]]
    ]
    return (
        f"## Upgrading simulation: {r['firms']:,} firms ({r['actors']:,} actors, {r['edges']:,} edges), "
        f"D = {r['domains']}, {r['steps']} steps\n\n"
        f"Building the model (operators, memberships, initial state): {r['build_s']:.1f} s. "
        f"Memory (fresh process): the network takes {r['network_mb']:,.0f} MB resident; the model and the run add "
        f"{r['model_and_run_mb']:,.0f} MB ({r['model_and_run_mb'] / max(r['network_mb'], 1):.1f}x the network); "
        f"peak {r['peak_mb']:,.0f} MB above the start. The bookkeeping row is the per-step statistics "
        "(mean, variance and Gini of knowledge per domain over a million firms).\n\n"
        + table(["mechanism", "seconds per step"], rows)
    )


def section_ensemble(data: dict) -> str:
    parts = ["## Sweeps\n"]
    o = data.get("overhead")
    if o:
        rows = [[k, v * 1e3] for k, v in o["seconds_per_task"].items()]
        parts.append(
            f"Overhead per task, {o['tasks']:,} no-op tasks, 2 workers (spawned processes / Dask LocalCluster started inside the timing):\n\n"
            + table(["backend", "ms per task"], rows)
            + "\n"
        )
    s = data.get("simulation")
    if s:
        parts.append(
            f"A sweep of {s['replicates']} replicates of the upgrading simulation ({s['firms']} firms, {s['steps']} steps, "
            f"cluster generated in each task), local backend: 1 worker {s['seconds']['1']:.1f} s, 2 workers "
            f"{s['seconds']['2']:.1f} s — speed-up **{s['speedup']:.2f}x** on this 2-core machine.\n"
        )
    return "\n".join(parts)


SECTIONS = [
    ("network_build", section_network),
    ("generate", section_generate),
    ("centrality", section_centrality),
    ("diffusion", section_diffusion),
    ("measures", section_measures),
    ("dynamics", section_dynamics),
    ("ensemble", section_ensemble),
]


def main() -> None:
    m = machine()
    parts = [
        "# Benchmarks\n",
        "Written by `make bench` (`benchmarks/write_table.py` from `benchmarks/results/*.json`). "
        "Speed is measured here, never asserted in tests.\n",
        "## Machine\n",
        f"- CPU: {m['cpu']} ({m['cores']} cores), memory {m['memory']}\n- Python {m['python']}, "
        f"Numba threads {m['numba_threads']}\n- "
        + ", ".join(f"{k} {v}" for k, v in m["versions"].items())
        + "\n",
    ]
    for name, func in SECTIONS:
        data = load(name)
        if data:
            parts.append(func(data) + "\n")
    OUT.write_text("\n".join(parts))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
