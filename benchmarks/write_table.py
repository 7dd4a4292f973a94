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


SECTIONS = [("network_build", section_network), ("generate", section_generate)]


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
