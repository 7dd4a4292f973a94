"""``clusternet demo``: the main job on the built-in default cluster or a real dataset."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pandas as pd

from clusternet._validate import show
from clusternet._version import __version__
from clusternet.cli.common import (
    DEFAULT_FIRMS,
    DEFAULT_PRESET,
    DEFAULT_SEED,
    centrality_table,
    echo_table,
    format_option,
    nan_to_none,
    out_folder_option,
    user_errors,
)


@click.command()
@click.option(
    "--dataset",
    type=click.Choice(["ckm", "lazega", "florentine"]),
    default=None,
    help="Run on a built-in real dataset instead of the default generated cluster.",
)
@out_folder_option
@format_option
@click.option(
    "--json", "as_json", is_flag=True, help="Print machine-readable JSON instead of tables."
)
@click.option(
    "--steps",
    type=click.IntRange(1, 10_000),
    default=20,
    show_default=True,
    help="Steps of the baseline-vs-policy simulation.",
)
@user_errors
def demo(dataset: str | None, out: str, fmt: str, as_json: bool, steps: int) -> None:
    """The main job: summarise a cluster and write its tables to --out."""
    from clusternet import datasets
    from clusternet.io import write_tables

    if dataset is None:
        from clusternet.generate import generate_cluster

        net = generate_cluster(DEFAULT_FIRMS, preset=DEFAULT_PRESET, seed=DEFAULT_SEED)
        source = f"generated cluster (preset {show(DEFAULT_PRESET)}, {DEFAULT_FIRMS} firms, seed {DEFAULT_SEED})"
    else:
        net = datasets.load(dataset)
        source = f"dataset {show(dataset)}"
    from clusternet import measures, structure
    from clusternet.io import write_table

    out_dir = Path(out)
    paths = write_tables(net, out_dir, fmt=fmt)
    summary = net.summary()
    counts = net.actor_counts()
    profile = structure.profile(net)
    capacity = measures.innovation_capacity(net)
    capacity_summary = capacity.attrs["summary"]
    readiness = measures.upgrading_readiness(net, seed=DEFAULT_SEED)
    central = centrality_table(net)
    scenarios = _policy_runs(net, steps)
    write_table(scenarios, out_dir / f"scenarios.{fmt}")
    write_table(central, out_dir / f"centrality.{fmt}")
    write_table(capacity.reset_index(), out_dir / f"innovation_capacity.{fmt}")
    write_table(readiness.components.reset_index(), out_dir / f"readiness.{fmt}")
    write_table(
        profile.rename("value").rename_axis("entry").reset_index(), out_dir / f"profile.{fmt}"
    )
    from clusternet.report import report as write_report

    report_path = write_report(
        net,
        out_dir / "report.html",
        title=f"clusternet demo: {source}",
        capacity=capacity,
        readiness=readiness,
        scenarios=scenarios,
        profile=profile,
        pagerank=central["pagerank"].to_numpy(),
        seed=DEFAULT_SEED,
    )
    paths.update(
        report=report_path,
        innovation_capacity=out_dir / f"innovation_capacity.{fmt}",
        readiness=out_dir / f"readiness.{fmt}",
        profile=out_dir / f"profile.{fmt}",
        scenarios=out_dir / f"scenarios.{fmt}",
        centrality=out_dir / f"centrality.{fmt}",
    )
    if as_json:
        click.echo(
            json.dumps(
                {
                    "source": source,
                    "n_actors": net.n_actors,
                    "n_edges": net.n_edges,
                    "actor_counts": counts.to_dict(orient="records"),
                    "layers": summary.to_dict(orient="records"),
                    "profile": {k: (None if pd.isna(v) else float(v)) for k, v in profile.items()},
                    "innovation_capacity": {
                        k: (None if pd.isna(v) else float(v)) for k, v in capacity_summary.items()
                    },
                    "readiness": {
                        "technology": nan_to_none(readiness.technology),
                        "brand": nan_to_none(readiness.brand),
                        "overall": nan_to_none(readiness.overall),
                        "unavailable": readiness.unavailable,
                    },
                    "scenarios": _scenario_summary(scenarios, steps)
                    .reset_index()
                    .to_dict(orient="records"),
                    "top_pagerank": central.nlargest(5, "pagerank")[
                        ["id", "role", "pagerank"]
                    ].to_dict(orient="records"),
                    "files": {k: str(v) for k, v in paths.items()},
                },
                default=float,
            )
        )
        return
    click.echo(f"clusternet {__version__} — {source}")
    click.echo(repr(net))
    echo_table("Actors per tier and role", counts)
    echo_table("Layers", summary)
    key_entries = [
        "sme_share", "size_hhi", "top5_share", "specialisation_hhi", "multiplexity", "openness",
        "service_coverage", "knowledge_org_coverage", "chain_tightness", "vertical_linkage",
    ]  # fmt: skip
    shown = profile.reindex(key_entries)
    echo_table("Cluster profile", shown.rename("value").rename_axis("entry").reset_index())
    if profile.attrs.get("unavailable"):
        click.echo(
            "  unavailable: "
            + "; ".join(f"{k} ({v})" for k, v in profile.attrs["unavailable"].items())
        )
    echo_table("Most central actors (PageRank over all layers)", central.nlargest(5, "pagerank"))
    echo_table(
        "Innovation capacity (core firms)",
        capacity_summary.rename("value").rename_axis("statistic").reset_index(),
    )
    echo_table(
        "Upgrading readiness components",
        readiness.components.reset_index()[["wheel", "component", "raw", "normalized", "unit"]],
    )
    click.echo("")
    click.echo(readiness.explain())
    echo_table(
        f"Baseline vs policy after {steps} simulated steps: mean of {DEMO_REPLICATES} replicates "
        f"(seed {DEFAULT_SEED}; p05/p95: the central 90 % of replicates)",
        _scenario_summary(scenarios, steps).reset_index()[
            [
                "scenario",
                "knowledge_mean",
                "generic_knowledge",
                "high_quality_share",
                "reputation",
                "reputation_p05",
                "reputation_p95",
                "innovations_total",
            ]
        ],
    )
    if not net.role_mask("platform", "research_institute").any():
        click.echo(
            "  note: no platform or research institute here, so the platform subsidy has nothing to act on"
        )
    if not net.role_mask("association").any():
        click.echo("  note: no industry association here, so monitoring has nothing to act on")
    click.echo("\nWrote " + ", ".join(str(p) for p in paths.values() if p != report_path))
    click.echo(f"\nReport: {report_path.resolve()}")


DEMO_SCENARIOS = ("baseline", "platform_subsidy", "association_monitoring")


#: Replicates per scenario in the demo (enough for a visible band, quick enough for the demo).
DEMO_REPLICATES = 8

#: Series the demo records per scenario.
DEMO_SERIES = (
    "knowledge_mean",
    "knowledge_mean_0",
    "innovations",
    "high_quality_share",
    "reputation",
    "mean_margin",
)


def _policy_runs(net, steps: int) -> pd.DataFrame:
    """Baseline-vs-policy runs, replicated with common random numbers (the studies' code path)."""
    from clusternet.dynamics.parameters import SCENARIOS
    from clusternet.studies import Arm, run_arms

    arms = [
        Arm(name, SCENARIOS[name].description, dict(SCENARIOS[name].params))
        for name in DEMO_SCENARIOS
    ]
    runs = run_arms(arms, steps, DEMO_REPLICATES, DEFAULT_SEED, DEMO_SERIES, net=net)
    return runs.rename(columns={"arm": "scenario"})


def _scenario_summary(runs: pd.DataFrame, steps: int) -> pd.DataFrame:
    """Mean over replicates at the last step, with the central 90 % range of each series."""
    end = runs[runs["step"] == steps].groupby("scenario", sort=False)
    cols = [c for c in DEMO_SERIES if c != "innovations"]
    mean = end[cols].mean()
    low, high = end[cols].quantile(0.05), end[cols].quantile(0.95)
    out = mean.copy()
    for c in cols:
        out[f"{c}_p05"] = low[c]
        out[f"{c}_p95"] = high[c]
    out["innovations_total"] = (
        runs.groupby(["scenario", "replicate"], sort=False)["innovations"]
        .sum()
        .groupby("scenario", sort=False)
        .mean()
    )
    return out.rename(columns=lambda c: c.replace("knowledge_mean_0", "generic_knowledge"))
