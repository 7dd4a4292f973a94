"""Write docs/api.md from the docstrings of clusternet's public objects.

Run: python docs/make_api.py  (the test suite checks that docs/api.md is current)
"""

from __future__ import annotations

import inspect
import sys
from pathlib import Path

import clusternet as cn

MODULES = [
    (
        "clusternet",
        cn,
        [
            "ClusterNetwork",
            "generate_cluster",
            "small_world",
            "load",
            "read_edgelist",
            "read_network",
            "simulate_upgrading",
            "UpgradingModel",
            "Scenario",
            "SimulationResult",
            "sweep",
            "report",
        ],
    ),
    (
        "clusternet.io",
        cn.io,
        [
            "save",
            "load",
            "read_edgelist",
            "read_network",
            "read_table",
            "write_table",
            "write_tables",
            "to_igraph",
            "from_igraph",
            "to_networkx",
            "from_networkx",
            "read_graphml",
            "write_graphml",
        ],
    ),
    ("clusternet.datasets", cn.datasets, None),
    ("clusternet.centrality", cn.centrality, None),
    (
        "clusternet.structure",
        cn.structure,
        [
            "constraint",
            "effective_size",
            "participation_coefficient",
            "overlapping_degree",
            "edge_overlap",
            "multiplexity",
            "profile",
            "layer_profile",
        ],
    ),
    ("clusternet.diffusion", cn.diffusion, None),
    ("clusternet.spillover", cn.spillover, None),
    ("clusternet.measures", cn.measures, None),
    ("clusternet.dynamics", cn.dynamics, None),
    ("clusternet.ensemble", cn.ensemble, None),
    ("clusternet.kernels", cn.kernels, None),
]


def public_names(module, names):
    if names is not None:
        return names
    return [n for n in getattr(module, "__all__", []) if not n.isupper()]


def render() -> str:
    lines = [
        "# API reference",
        "",
        "Generated from the docstrings by `docs/make_api.py`; every entry links the model, its formula and references.",
        "Kernels in `clusternet.kernels.*` work on plain arrays and are documented in their modules.",
        "",
        (Path(__file__).with_name("conventions.md")).read_text().strip(),
        "",
    ]
    for modname, module, names in MODULES:
        lines += [f"## `{modname}`", "", (inspect.getdoc(module) or "").split("\n\n")[0], ""]
        for name in public_names(module, names):
            obj = getattr(module, name)
            try:
                sig = str(inspect.signature(obj))
            except (TypeError, ValueError):
                sig = ""
            kind = "class" if inspect.isclass(obj) else "function"
            lines += [f"### `{modname}.{name}{sig}`", "", f"*{kind}*", ""]
            doc = inspect.getdoc(obj) or ""
            lines += [doc, ""]
            if inspect.isclass(obj):
                for meth_name, meth in inspect.getmembers(
                    obj, predicate=lambda m: inspect.isfunction(m) or isinstance(m, property)
                ):
                    if meth_name.startswith("_"):
                        continue
                    mdoc = inspect.getdoc(meth) or ""
                    if not mdoc:
                        continue
                    try:
                        msig = str(inspect.signature(meth))
                    except (TypeError, ValueError):
                        msig = ""
                    lines += [f"#### `{name}.{meth_name}{msig}`", "", mdoc, ""]
    return "\n".join(lines).rstrip() + "\n"


def main() -> None:
    target = Path(__file__).resolve().parent / "api.md"
    target.write_text(render(), encoding="utf-8")
    print(f"wrote {target}", file=sys.stderr)


if __name__ == "__main__":
    main()
