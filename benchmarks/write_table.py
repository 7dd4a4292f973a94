"""Compose BENCHMARKS.md and the README's performance table from benchmarks/results/*.json.

Every number printed comes from a result file of the run; this script holds no
figures of its own. Each row gives its library's thread count and the median
(min–max) of the same number of rounds; a peer row names the clusternet row it
is compared with (same thread count: serial peers against clusternet's 1-thread
figure).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from _common import RESULTS, machine  # noqa: E402

OUT = HERE.parent / "BENCHMARKS.md"
README = HERE.parent / "README.md"
START, END = "<!-- performance:start -->", "<!-- performance:end -->"


def load(name: str) -> dict | None:
    path = RESULTS / f"{name}.json"
    if not path.exists():
        return None
    data = json.loads(path.read_text())
    data.pop("_runs", None)
    return data


def runs() -> set[str]:
    """The benchmark sessions the result files come from."""
    ids = set()
    for path in RESULTS.glob("*.json"):
        ids.update(json.loads(path.read_text()).get("_runs", {}).values())
    return ids


def fmt(v, digits=3) -> str:
    if v is None:
        return "—"
    if isinstance(v, str):
        return v
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, int):
        return f"{v:,}"
    if v != 0 and (abs(v) >= 1e5 or abs(v) < 1e-3):
        return f"{v:.2e}"
    if abs(v) >= 100:
        return f"{v:,.0f}"
    return f"{v:.{digits}g}"


def seconds(r: dict) -> str:
    return f"{fmt(r['median_s'])} ({fmt(r['min_s'])}–{fmt(r['max_s'])})"


def table(header: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(fmt(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def find(rows: list[dict], ref: str | None) -> dict | None:
    if not ref:
        return None
    label, _, threads = ref.rpartition("@")
    for r in rows:
        if r["library"] == label and str(r["threads"]) == threads:
            return r
    return None


def ratio(rows: list[dict], r: dict) -> float | None:
    ref = find(rows, r.get("vs"))
    return ref["median_s"] / r["median_s"] if ref else None


def timing_table(rows: list[dict], extras: list[tuple[str, str]] = (), per_sim: bool = False):
    header = ["library / configuration", "threads", "median s (min–max)", "rounds"]
    header += [h for _, h in extras]
    if per_sim:
        header += ["per simulation, ms"]
    header += ["clusternet time ÷ peer time"]
    body = []
    for r in rows:
        line = [r["library"], r["threads"], seconds(r), r["rounds"]]
        line += [r.get(k) for k, _ in extras]
        if per_sim:
            line += [1e3 * r["median_s"] / r["sims"]]
        ref = find(rows, r.get("vs"))
        line += [
            f"{ratio(rows, r):.3g} (vs {ref['library']}, {ref['threads']} thr.)" if ref else ""
        ]
        body.append(line)
    return table(header, body)


RULES = (
    "Rules for every table: each library runs in its fastest correct configuration on the same "
    "input and tolerance, with the same number of rounds; rows give the median with min–max and "
    "the threads used; where a peer is serial, clusternet's 1-thread row is the one it is compared "
    "with (last column: clusternet's median time divided by the peer's, below 1 = clusternet faster)."
)


# ---------------------------------------------------------------------- sections
def section_network(d: dict) -> str:
    cases = ["clusternet", "clusternet_directed", "igraph", "scipy"]
    rows = [
        [
            d[c]["library"],
            d[c]["threads"],
            seconds(d[c]),
            d[c]["rounds"],
            d[c]["peak_mb"],
            d[c]["bytes_per_edge"],
            d[c].get("array_bytes_per_edge"),
        ]
        for c in cases
        if c in d
    ]
    out = (
        f"## Building a network: {d['n']:,} actors, {d['m']:,} edges, 3 layers\n\n"
        "Same random arrays (int32 endpoints, int16 layer, float64 weight) for every library; each "
        "round in a fresh process. *Resident* is the growth of resident memory once the input arrays "
        "are freed, divided by the edge count (it includes fixed costs such as imported libraries); "
        "*arrays* counts only the network's own edge arrays plus the CSR view.\n\n"
        + table(
            [
                "what",
                "threads",
                "median s (min–max)",
                "rounds",
                "peak MB above start",
                "resident B/edge",
                "arrays B/edge",
            ],
            rows,
        )
    )
    if "clusternet" in d and "igraph" in d:
        out += (
            f"\n\nclusternet / igraph median time: "
            f"**{d['clusternet']['median_s'] / d['igraph']['median_s']:.3f}**."
        )
    return out


def section_generate(d: dict) -> str:
    rows = []
    for n in sorted(d, key=int):
        case = d[n]
        for r in case["rows"]:
            rows.append(
                [
                    f"{int(n):,}",
                    r["library"],
                    r["threads"],
                    case["actors"],
                    r.get("edges", case["edges"]),
                    seconds(r),
                    r["rounds"],
                    r["peak_mb"],
                ]
            )
    return (
        "## Generating clusters: `generate_cluster(n_firms, seed=1)`\n\n"
        "Default parameters, all five layers, each round in a fresh process. Reference: "
        "`igraph.Graph.Barabasi` with the same actor count and about the same edge count (a far "
        "simpler model: no attributes, geography or layers). Peak MB is the whole process's peak "
        "resident memory.\n\n"
        + table(
            [
                "firms",
                "generator",
                "threads",
                "actors",
                "edges",
                "median s (min–max)",
                "rounds",
                "peak MB",
            ],
            rows,
        )
    )


def section_centrality(d: dict) -> str:
    parts = ["## Centrality beside igraph, NetworKit and networkx\n"]
    pr = d.get("pagerank")
    if pr:
        parts.append(
            f"**PageRank**, directed weighted random graph, {pr['n']:,} nodes / {pr['m']:,} edges, "
            f"damping {pr['damping']}, tol {pr['tol']:g}. Rows with *views cached* reuse the CSR views "
            "stored on the network (as in repeated use); *building its CSR views* starts each round "
            "from a fresh network, as a user pays on first use. igraph's graph is built before timing "
            "(PRPACK solves directly: no iteration count). The L1 column is the distance to "
            "clusternet's scores.\n\n"
            + timing_table(pr["rows"], [("iterations", "iterations"), ("l1_to_clusternet", "L1")])
            + "\n"
        )
    ex = d.get("betweenness_exact")
    if ex:
        parts.append(
            f"**Exact betweenness**, undirected Barabási–Albert, {ex['n']:,} nodes / {ex['m']:,} "
            f"edges (largest value {ex['largest_value']:,.0f}).\n\n"
            + timing_table(ex["rows"], [("max_abs_diff", "largest abs. difference")])
            + "\n"
        )
    ap = d.get("betweenness_approx")
    if ap:
        parts.append(
            f"**Approximate betweenness**, same graph, epsilon = {ap['epsilon']}, delta = "
            f"{ap['delta']} (clusternet's worst-case sample size omega = {ap['omega']:,}); errors "
            "against the exact normalised scores.\n\n"
            + timing_table(
                ap["rows"], [("samples", "paths sampled"), ("max_abs_error", "largest error")]
            )
            + "\n"
        )
    hm = d.get("harmonic")
    if hm:
        parts.append(
            f"**Harmonic closeness**, BA subgraph {hm['n']:,} nodes / {hm['m']:,} edges.\n\n"
            + timing_table(hm["rows"], [("max_abs_diff", "largest abs. difference")])
            + "\n"
        )
    kz = d.get("katz")
    if kz:
        parts.append(
            f"**Katz**, BA subgraph {kz['n']:,} nodes / {kz['m']:,} edges, alpha = "
            f"{kz['alpha_times_lambda']} / lambda_max, both stopping at the same L1 change.\n\n"
            + timing_table(kz["rows"], [("max_abs_diff", "largest abs. difference")])
            + "\n"
        )
    return "\n".join(parts)


def section_diffusion(d: dict) -> str:
    parts = ["## Diffusion and spillover\n"]
    for key in ("ic_p0.01", "ic_p0.2"):
        r = d.get(key)
        if r:
            one = r["one_call"]
            parts.append(
                f"**Independent cascade**, p = {r['p']}, directed random graph {r['n']:,} nodes / "
                f"{r['m']:,} edges, {r['seeds']} seeds, {r['sims']:,} simulations per call (mean "
                f"final size {r['mean_size']:,.1f}). cynetdiff: `compute_marginal_gains` on the same "
                f"graph (serial). One call with one simulation: {one['median_s'] * 1e3:.2f} ms median "
                f"of {one['rounds']} (Python side included).\n\n"
                + timing_table(r["rows"], [("mean_size", "mean size")], per_sim=True)
                + "\n"
            )
    nd = d.get("ndlib")
    if nd:
        parts.append(
            f"**NDlib** (pure Python) on a smaller graph, {nd['n']:,} nodes / {nd['m']:,} edges, p = "
            f"{nd['p']}, each round one simulation run to the end of the cascade (building NDlib's "
            "model and per-edge configuration is set-up, not timed). clusternet's mean final size "
            f"over those runs: {nd['clusternet_mean_size']:,.0f}.\n\n"
            + timing_table(nd["rows"], [("final_size", "final size"), ("steps", "steps")])
            + "\n"
        )
    sp_ = d.get("spillover_step")
    if sp_:
        rg = d.get("random_gather")
        gather = (
            f" This machine's random-gather throughput (8-byte reads at random positions of a 64 MB "
            f"array, {rg['threads']} threads) is {rg['gather_GBps']:.2f} GB/s against "
            f"{rg['sequential_sum_GBps']:.1f} GB/s for a sequential sum."
            if rg
            else ""
        )
        parts.append(
            f"**One spillover step** (gap rule), generated cluster of {sp_['firms']:,} firms "
            f"({sp_['actors']:,} actors, {sp_['entries']:,} tie entries over five layers), D = "
            f"{sp_['domains']} domains: {sp_['bytes_per_step'] / 1e9:.2f} GB touched per step, "
            f"{sp_['effective_GBps']:.1f} GB/s effective at the median.{gather} Building the "
            f"operator once: {sp_['build_s']:.2f} s.\n\n"
            + timing_table(sp_["rows"], [("max_abs_diff", "largest abs. difference")])
            + "\n"
        )
    ht = d.get("heat")
    if ht:
        parts.append(
            f"**Heat diffusion** exp(-tL)x0, t = {ht['t']}, symmetric random graph {ht['n']:,} "
            f"nodes / {ht['m']:,} edges, both at double-precision tolerance.\n\n"
            + timing_table(ht["rows"], [("max_rel_diff", "largest rel. difference")])
            + "\n"
        )
    return "\n".join(parts)


def section_measures(d: dict) -> str:
    r = d.get("pipeline")
    if not r:
        return ""
    rows = [[name, seconds(t), t["rounds"]] for name, t in r["timings"].items()]
    rows += [
        ["total (profile, layer profile with modularity, capacity, readiness)", r["total_s"], ""],
        ["total without Leiden modularity", r["total_without_modularity_s"], ""],
    ]
    return (
        f"## Measures on a generated cluster of {r['firms']:,} firms ({r['actors']:,} actors, "
        f"{r['edges']:,} edges), {r['threads']} threads\n\n"
        "Exact algorithms throughout (Burt's constraint exactly; mean distance from 16 BFS sources "
        "per layer). The two layer-profile rows are alternatives; each total counts one of them "
        "and sums medians. A call that takes over a minute runs once.\n\n"
        + table(["component", "median s (min–max)", "rounds"], rows)
    )


def section_dynamics(d: dict) -> str:
    r = d.get("upgrading")
    if not r:
        return ""
    rows = [[k, v] for k, v in r["per_mechanism_per_step"].items()]
    rows.append(
        [
            "whole step",
            f"{fmt(r['step_median_s'])} ({fmt(r['step_min_s'])}–{fmt(r['step_max_s'])})",
        ]
    )
    if "step_mean_s" in r:
        rows.append(
            [
                f"whole step, mean over the run (a network round every {r['network_every']} steps "
                "included)",
                fmt(r["step_mean_s"]),
            ]
        )
    return (
        f"## Upgrading simulation: {r['firms']:,} firms ({r['actors']:,} actors, {r['edges']:,} "
        f"edges), D = {r['domains']}, {r['steps']} steps, {r['threads']} threads\n\n"
        f"Building the model: {r['build_s']:.1f} s. Memory (fresh process): the network takes "
        f"{r['network_mb']:,.0f} MB resident; the model and the run add "
        f"{r['model_and_run_mb']:,.0f} MB; peak {r['peak_mb']:,.0f} MB above the start. Per-step "
        "figures are medians over the run's steps (whole step: median, min–max).\n\n"
        + table(["mechanism", "seconds per step"], rows)
    )


def section_calibrate(d: dict) -> str:
    r = d.get("fit")
    if not r:
        return ""
    rows = [
        ["whole fit (design, Powell search, goodness of fit, bootstrap)", seconds(r["timing"]),
         r["timing"]["rounds"]],
        ["one simulated network and its moments", fmt(r["per_simulation_s"]), ""],
    ]  # fmt: skip
    return (
        f"## Calibrating the generator (`fit_generator`): a {r['firms']}-firm, "
        f"{r['layers']}-layer observed network, {r['parameters']} free parameters\n\n"
        f"{r['moments']} moments; {r['n_sims']} simulations per evaluation; {r['bootstrap']} "
        f"bootstrap refits; {r['workers']} sweep workers. Cost of the method: "
        f"{r['evaluations']:,} objective evaluations and {r['simulations']:,} simulated networks "
        f"per fit; {r['inside']} of {r['moments']} observed moments inside their simulated 95 % "
        "range. No other package fits a multilayer cluster generator, so there is no peer row.\n\n"
        + table(["step", "median s (min–max)", "rounds"], rows)
    )


def section_targeting(d: dict) -> str:
    parts = []
    limits = {
        r["round_limit_s"]
        for case in (d.get("digraph") or {}).values()
        for r in case["rows"]
        if "round_limit_s" in r
    }
    for name, case in (d.get("digraph") or {}).items():
        rows = []
        for r in case["rows"]:
            if "error" in r:
                reason = "failed: " + r["error"].strip().splitlines()[-1][:80]
                rows.append([r["library"], r["threads"], reason, "", "", "", ""])
                continue
            if "stopped_after_s" in r:
                done = r["rounds_finished"]
                reason = (
                    f"stopped: round {done + 1} still running after {fmt(r['stopped_after_s'])} s"
                    + (
                        f" ({done} finished: {', '.join(fmt(x) for x in r['round_s'])} s)"
                        if done
                        else ""
                    )
                )
                rows.append([r["library"], r["threads"], reason, done, "", "", ""])
                continue
            rows.append(
                [
                    r["library"],
                    r["threads"],
                    seconds(r),
                    r["rounds"],
                    f"{r['rr_sets']:,}" if "rr_sets" in r else "",
                    f"{fmt(r.get('spread'))} ± {fmt(r.get('spread_half_width'))}",
                    fmt(r["peak_mb"]),
                ]
            )
        parts.append(
            f"### Directed graph {case['n']:,} nodes / {case['m']:,} arcs, IC with {name}, "
            f"k = {case['k']}, epsilon = {case['epsilon']}\n\n"
            + table(
                [
                    "library",
                    "threads",
                    "median s (min–max)",
                    "rounds",
                    "RR sets",
                    "spread (10,000 MC runs)",
                    "peak MB",
                ],
                rows,
            )
        )
    c = d.get("cluster")
    if c and "rows" in c:
        parts.append(
            f"### Generated cluster: {c['firms']:,} firms ({c['actors']:,} actors, {c['arcs']:,} "
            f"arcs over all layers), IC {c['model']}, k = {c['k']} core firms, epsilon = "
            f"{c['epsilon']}, {c['threads']} threads, peak {fmt(c['peak_mb'])} MB\n\n"
            + table(
                ["method", "median s (min–max)", "rounds", "RR sets", "certified ratio",
                 "spread (10,000 MC runs)", "estimate"],
                [[f"clusternet {r['method'].upper()}", seconds(r), r["rounds"], f"{r['rr_sets']:,}",
                  fmt(r["approximation"]), f"{fmt(r['spread'])} ± {fmt(r['spread_half_width'])}",
                  fmt(r["estimate"])] for r in c["rows"]],
            )
        )  # fmt: skip
    if not parts:
        return ""
    return (
        (
            "## Influence maximisation (IMM, OPIM-C)\n\n"
            "Every library runs in a fresh process on the same graph and edge probabilities; time "
            "excludes building the peers' own graph objects but includes clusternet's conversion of "
            "the input to its in-CSR. Each round has its own limit: a round still running after "
            f"{'/'.join(fmt(x) for x in sorted(limits)) or 'its limit'} s is stopped and reported with the time it ran (a lower bound on that "
            "library's time). The spread of each library's seeds is measured by the same "
            "independent Monte Carlo (clusternet `independent_cascade`, 10,000 runs, one seed; ± a "
            "95 % half-width). pynetim's IMM is its C++ implementation (single-threaded); CELF runs "
            "on cynetdiff's `compute_marginal_gains` with 100 trials per gain. clusternet's IMM and "
            "pynetim's IMM run the same algorithm with the same epsilon and delta = 1/n, so their "
            "times compare like with like; OPIM-C (same guarantee, checked a posteriori) is shown "
            "beside them as the faster option, with the spread it gives up. When the optimum is a "
            "tiny share of the actors (p = 0.01 here), IMM's a-priori sample size runs to about "
            "n / OPT sets per unit of guarantee, and CELF with a few hundred Monte Carlo "
            "evaluations is faster, without a guarantee."
        )
        + "\n\n"
        + "\n\n".join(parts)
    )


def section_ensemble(d: dict) -> str:
    parts = ["## Sweeps\n"]
    o = d.get("overhead")
    if o:
        rows = [
            [r["library"], seconds(r), r["rounds"], 1e3 * r["median_s"] / o["tasks"]]
            for r in o["rows"]
        ]
        parts.append(
            f"{o['tasks']:,} no-op tasks on {o['workers']} workers:\n\n"
            + table(["backend", "median s (min–max)", "rounds", "ms per task"], rows)
            + "\n"
        )
    s = d.get("simulation")
    if s:
        rows = [[r["library"], r["threads"], seconds(r), r["rounds"]] for r in s["rows"]]
        parts.append(
            f"{s['replicates']} replicates of the upgrading simulation ({s['firms']} firms, "
            f"{s['steps']} steps, cluster generated in each task), local backend; speed-up of 2 "
            f"workers over 1: **{s['speedup']:.2f}x**.\n\n"
            + table(["workers", "Numba threads each", "median s (min–max)", "rounds"], rows)
            + "\n"
        )
    return "\n".join(parts)


def section_scale(d: dict) -> str:
    t = d.get("ten_million")
    if not t:
        return ""
    steps, targets = t["steps"], t.get("targets", {})
    gen = steps["generate_cluster"]
    rows = []
    for name, r in steps.items():
        if name == "file":
            continue
        seconds_, gb = targets.get(name) or (None, None)
        peak = r["peak_mb"] / 1024
        spent = r["seconds"] if name != "UpgradingModel build + one step" else r.get("step_s")
        met = (seconds_ is None or spent <= seconds_) and (gb is None or peak <= gb)
        note = ""
        if "build_s" in r:
            note = f"build {fmt(r['build_s'])} s, step {fmt(r['step_s'])} s"
        if "in_view_s" in r:
            note = f"in-view {fmt(r['in_view_s'])} s, out-strengths and power iteration {fmt(r['seconds'] - r['in_view_s'])} s"
        if "load_s" in r:
            note = (note + "; " if note else "") + f"memory-mapped load {fmt(r['load_s'])} s"
        target = " / ".join(
            x for x in (
                f"≤ {seconds_} s" if seconds_ is not None else "",
                f"≤ {gb} GB" if gb is not None else "",
            ) if x
        )  # fmt: skip
        seconds = fmt(r["seconds"])
        if "min_s" in r:
            seconds += f" ({fmt(r['min_s'])}–{fmt(r['max_s'])})"
        rows.append(
            [
                name,
                seconds,
                fmt(peak),
                r["threads"],
                target,
                "yes" if met else "**no**",
                note,
            ]
        )
    pr = steps.get("pagerank including its views", {})
    bound = ""
    if "iterations" in pr and "stream_pass_s" in pr:
        per = (pr["seconds"] - pr["in_view_s"]) / pr["iterations"]
        floor = pr["iterations"] * pr["stream_pass_s"]
        bound = (
            f"\n\nWhat bounds PageRank here: {pr['iterations']} power iterations to an L1 change "
            f"of 1e-10 (the default `tol`), {fmt(per)} s each. One parallel pass that only streams "
            f"the in-view (every entry's column and weight, without the gather of the score vector) "
            f"takes {fmt(pr['stream_pass_s'])} s, so streaming alone over {pr['iterations']} "
            f"iterations costs {fmt(floor)} s, and with the in-view ({fmt(pr['in_view_s'])} s) "
            f"{fmt(floor + pr['in_view_s'])} s; the rest of each iteration is the random gather "
            "of neighbours' scores, bound by memory latency."
        )
    return (
        f"## {t['firms']:,} firms on one machine\n\n"
        f"`generate_cluster({t['firms']:,}, seed=1)`: {gen['actors']:,} actors, {gen['edges']:,} "
        f"ties; saved uncompressed ({steps['file']['bytes'] / 2**30:.2f} GiB, "
        f"{fmt(gen['save_s'])} s). Each step runs in a fresh process; every step after the first "
        "opens the saved network memory-mapped. Peak is the process's resident high-water mark "
        "(VmHWM)" + (
            f"; each step runs {gen['rounds']} times: seconds are the median (min–max), the "
            "notes' timings medians, the peak the highest" if "rounds" in gen else ""
        ) + ". Opt-in: `make bench BENCH=\"-k ten_million\"`.\n\n"
        + table(["step", "seconds", "peak GB", "threads", "target", "met", "notes"], rows)
        + bound
    )  # fmt: skip


SECTIONS = [
    ("network_build", section_network),
    ("generate", section_generate),
    ("centrality", section_centrality),
    ("diffusion", section_diffusion),
    ("measures", section_measures),
    ("dynamics", section_dynamics),
    ("calibrate", section_calibrate),
    ("targeting", section_targeting),
    ("ensemble", section_ensemble),
    ("scale", section_scale),
]


# ---------------------------------------------------------------------- README excerpt
def _row(rows, library, threads):
    return find(rows, f"{library}@{threads}")


def _pair(task, rows, ours_label, peer_label, ours_threads, peer_threads, unit="s"):
    a, b = _row(rows, ours_label, ours_threads), _row(rows, peer_label, peer_threads)
    if not a or not b or "median_s" not in a or "median_s" not in b:
        return None  # a peer that did not finish is in BENCHMARKS.md, not in this summary
    return [
        task,
        f"{fmt(a['median_s'])} {unit} ({ours_threads} thr.)",
        f"{peer_label} {fmt(b['median_s'])} {unit} ({peer_threads} thr.)",
        f"{a['median_s'] / b['median_s']:.3g}",
    ]


def readme_rows() -> list[list]:
    out = []
    c, df, g = load("centrality") or {}, load("diffusion") or {}, load("generate") or {}
    nb = load("network_build") or {}
    if "clusternet" in nb and "igraph" in nb:
        a, b = nb["clusternet"], nb["igraph"]
        out.append(
            [
                f"build a {nb['n']:,}-actor / {nb['m']:,}-edge network + CSR view",
                f"{fmt(a['median_s'])} s ({a['threads']} thr.)",
                f"igraph {fmt(b['median_s'])} s (1 thr.)",
                f"{a['median_s'] / b['median_s']:.3g}",
            ]
        )
    pr = c.get("pagerank")
    if pr:
        rows = pr["rows"]
        t = max(r["threads"] for r in rows)
        size = f"{pr['n']:,} / {pr['m']:,}"
        for line in (
            _pair(
                f"PageRank {size}, building CSR views, vs igraph PRPACK (serial)",
                rows,
                "clusternet, building its CSR views in the call",
                "igraph PRPACK (graph prebuilt)",
                1,
                1,
            ),
            _pair(
                f"PageRank {size}, views cached, vs NetworKit (L1 stop + DistributeSinks)",
                rows,
                "clusternet, CSR views cached",
                "NetworKit, L1 stop + DistributeSinks (our criterion and semantics)",
                t,
                t,
            ),
        ):
            if line:
                out.append(line)
    ex = c.get("betweenness_exact")
    if ex:
        t = max(r["threads"] for r in ex["rows"])
        for line in (
            _pair(
                f"exact betweenness, BA {ex['n']:,} / {ex['m']:,}, vs igraph (serial)",
                ex["rows"],
                "clusternet (Brandes, BFS)",
                "igraph",
                1,
                1,
            ),
            _pair(
                f"exact betweenness, BA {ex['n']:,} / {ex['m']:,}, vs NetworKit",
                ex["rows"],
                "clusternet (Brandes, BFS)",
                "NetworKit",
                t,
                t,
            ),
        ):
            if line:
                out.append(line)
    ap = c.get("betweenness_approx")
    if ap:
        t = max(r["threads"] for r in ap["rows"])
        line = _pair(
            f"approximate betweenness, eps {ap['epsilon']} / delta {ap['delta']}",
            ap["rows"],
            "clusternet approximate_betweenness (adaptive sampling)",
            "NetworKit KadabraBetweenness",
            t,
            t,
        )
        if line:
            out.append(line)
    for key in ("ic_p0.01", "ic_p0.2"):
        r = df.get(key)
        if r:
            line = _pair(
                f"independent cascade {r['n']:,} / {r['m']:,}, p = {r['p']}, {r['sims']:,} runs, "
                "vs cynetdiff (serial)",
                r["rows"],
                "clusternet",
                "cynetdiff compute_marginal_gains",
                1,
                1,
            )
            if line:
                out.append(line)
    nd = df.get("ndlib")
    if nd:
        line = _pair(
            f"one cascade to its end, {nd['n']:,} / {nd['m']:,}, vs NDlib (serial)",
            nd["rows"],
            "clusternet, one simulation per call",
            "NDlib IndependentCascadesModel, to the end of the cascade",
            1,
            1,
        )
        if line:
            out.append(line)
    ht = df.get("heat")
    if ht:
        line = _pair(
            f"heat diffusion exp(-tL)x0, {ht['n']:,} / {ht['m']:,}, vs scipy (serial)",
            ht["rows"],
            "clusternet heat (Laplacian built in the call)",
            "scipy expm_multiply (on a prebuilt Laplacian)",
            1,
            1,
        )
        if line:
            out.append(line)
    sp_ = df.get("spillover_step")
    if sp_:
        line = _pair(
            f"one spillover step, {sp_['firms']:,} firms, {sp_['domains']} domains, vs numpy (serial)",
            sp_["rows"],
            "clusternet SpilloverModel.step",
            "numpy/scipy formulation (COO gathers, bincount)",
            1,
            1,
        )
        if line:
            out.append(line)
    if g:
        biggest = max(g, key=int)
        r = g[biggest]["rows"][0]
        out.append(
            [
                f"generate_cluster({int(biggest):,}): {g[biggest]['edges']:,} ties",
                f"{fmt(r['median_s'])} s, {r['peak_mb']:,.0f} MB peak ({r['threads']} thr.)",
                "—",
                "—",
            ]
        )
    dy = (load("dynamics") or {}).get("upgrading")
    if dy:
        mean = (
            f", mean {fmt(dy['step_mean_s'])} s with network rounds" if "step_mean_s" in dy else ""
        )
        out.append(
            [
                f"upgrading simulation, {dy['firms']:,} firms, {dy['domains']} domains, per step",
                f"{fmt(dy['step_median_s'])} s median{mean} ({dy['threads']} thr.)",
                "—",
                "—",
            ]
        )
    tg = load("targeting") or {}
    for name, case in (tg.get("digraph") or {}).items():
        for ours_threads in (1, 2):
            task = (
                f"IMM k = {case['k']}, epsilon = {case['epsilon']}, {case['n']:,} / "
                f"{case['m']:,}, IC {name}, vs pynetim IMM"
            )
            line = _pair(task, case["rows"], "clusternet IMM", "pynetim IMM", ours_threads, 1)
            ours, peer = (
                _row(case["rows"], "clusternet IMM", ours_threads),
                _row(case["rows"], "pynetim IMM", 1),
            )
            if line is None and ours and peer and "stopped_after_s" in peer:
                # the peer's round was stopped: its time is a lower bound, the ratio an upper one
                line = [
                    task,
                    f"{fmt(ours['median_s'])} s ({ours_threads} thr.)",
                    f"pynetim IMM > {fmt(peer['stopped_after_s'])} s (round stopped, 1 thr.)",
                    f"< {ours['median_s'] / peer['stopped_after_s']:.3g}",
                ]
            if line:
                out.append(line)
    cl = tg.get("cluster")
    for r in (cl or {}).get("rows", []):
        out.append(
            [
                f"{r['method'].upper()} k = {cl['k']}, epsilon = {cl['epsilon']}, "
                f"{cl['firms']:,}-firm cluster, {cl['model']}",
                f"{fmt(r['median_s'])} s, {cl['peak_mb']:,.0f} MB peak ({cl['threads']} thr.)",
                "—",
                "—",
            ]
        )
    fit = (load("calibrate") or {}).get("fit")
    if fit:
        out.append(
            [
                f"fit_generator: {fit['firms']}-firm, {fit['layers']}-layer network, "
                f"{fit['parameters']} parameters",
                f"{fmt(fit['timing']['median_s'])} s ({fit['workers']} workers)",
                "—",
                "—",
            ]
        )
    return out


def write_readme() -> None:
    rows = readme_rows()
    if not rows or not README.exists():
        return
    text = README.read_text()
    if START not in text or END not in text:
        return
    block = (
        f"{START}\n"
        + table(["task", "clusternet (median)", "peer (median, same run)", "time ratio"], rows)
        + f"\n{END}"
    )
    text = re.sub(re.escape(START) + r".*?" + re.escape(END), lambda _: block, text, flags=re.S)
    README.write_text(text)


SCALING = Path(__file__).resolve().parent.parent / "docs" / "scaling.md"
SCALE_START, SCALE_END = "<!-- scale-table:start -->", "<!-- scale-table:end -->"
#: the ensemble the cost table prices: replicates, steps each
ENSEMBLE_REPS, ENSEMBLE_STEPS = 100, 40


def scaling_block() -> str | None:
    """The 10M-firm table and what an ensemble of it costs here and on N machines."""
    scale = (load("scale") or {}).get("ten_million")
    overhead = (load("ensemble") or {}).get("overhead")
    if not scale:
        return None
    parts = [section_scale({"ten_million": scale}).split("\n\n", 1)[1]]  # without its heading
    model = scale["steps"].get("UpgradingModel build + one step")
    if model and "step_s" in model:
        task_s = model["build_s"] + ENSEMBLE_STEPS * model["step_s"]
        peak_gb = model["peak_mb"] / 1024
        ram_gb = float(machine()["memory"].split()[0]) if machine()["memory"] else 0.0
        per_machine = max(1, int(ram_gb // peak_gb)) if ram_gb else 1
        dask = next((r for r in (overhead or {}).get("rows", []) if "Dask" in r["library"]), None)
        per_task_s = dask["median_s"] / overhead["tasks"] if dask else 0.0
        rows = []
        for machines in (1, 4, 16, 64):
            slots = machines * per_machine
            waves = -(-ENSEMBLE_REPS // slots)
            wall = waves * task_s + ENSEMBLE_REPS * per_task_s / machines
            rows.append([machines, slots, waves, f"{wall / 3600:.2f} h"])
        parts.append(
            f"An ensemble of {ENSEMBLE_REPS} replicates of {ENSEMBLE_STEPS} steps at "
            f"{scale['firms']:,} firms: one replicate takes the measured build "
            f"({fmt(model['build_s'])} s) plus {ENSEMBLE_STEPS} times the measured step "
            f"({fmt(model['step_s'])} s) = {fmt(task_s)} s, and holds {fmt(peak_gb)} GB at its "
            f"peak, so a machine like this one ({machine()['memory']}) runs {per_machine} at a "
            f"time. Scheduling costs {fmt(per_task_s * 1000)} ms per task (Dask LocalCluster, "
            f"{overhead['tasks'] if overhead else 0:,} empty tasks, start included). Wall time = "
            "waves × replicate time + tasks × scheduling cost / machines (steps with a network "
            "round cost more than the one measured step, so read it as a lower bound):\n\n"
            + table(["machines like this one", "replicates at a time", "waves", "wall time"], rows)
        )
    return "\n\n".join(parts)


def write_scaling() -> None:
    block = scaling_block()
    if block is None or not SCALING.exists():
        return
    text = SCALING.read_text()
    if SCALE_START not in text or SCALE_END not in text:
        return
    new = f"{SCALE_START}\n{block}\n{SCALE_END}"
    text = re.sub(
        re.escape(SCALE_START) + r".*?" + re.escape(SCALE_END), lambda _: new, text, flags=re.S
    )
    SCALING.write_text(text)


def main() -> None:
    m = machine()
    ids = runs()
    parts = [
        "# Benchmarks\n",
        "Written by `make bench` (`benchmarks/write_table.py` from `benchmarks/results/*.json`). "
        "Speed is measured here, never asserted in tests.\n",
        (
            f"All results come from one benchmark run ({next(iter(ids))}).\n"
            if len(ids) == 1
            else f"Results come from {len(ids)} benchmark runs: {', '.join(sorted(ids))}.\n"
        ),
        RULES + "\n",
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
    write_readme()
    write_scaling()
    print(f"wrote {OUT} and the README's performance table")


if __name__ == "__main__":
    main()
