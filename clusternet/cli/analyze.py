"""``clusternet analyze``: profile, centrality, capacity and readiness of a network file."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
import pandas as pd

from clusternet.cli.common import (
    DEFAULT_SEED,
    centrality_table,
    echo_table,
    format_option,
    nan_to_none,
    out_folder_option,
    user_errors,
)


@click.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--actors",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="Actors table for a CSV/Parquet edge list.",
)
@out_folder_option
@format_option
@click.option("--no-report", is_flag=True, help="Skip the HTML report.")
@click.option("--json", "as_json", is_flag=True)
@user_errors
def analyze(path, actors, out, fmt, no_report, as_json) -> None:
    """Analyse a network file (.npz, .graphml, CSV/Parquet edge list): profile, centrality, capacity, readiness."""
    from tqdm import tqdm

    from clusternet import measures, structure
    from clusternet.io import read_network, write_table

    stages = tqdm(total=5, desc="analysing", unit="stage", disable=None, file=sys.stderr)
    net = read_network(path, actors=actors)
    stages.update()
    profile = structure.profile(net)
    stages.update()
    table = centrality_table(net)
    stages.update()
    capacity = measures.innovation_capacity(net)
    readiness = measures.upgrading_readiness(net, seed=DEFAULT_SEED)
    stages.update()
    out_dir = Path(out)
    files = {
        "centrality": out_dir / f"centrality.{fmt}",
        "innovation_capacity": out_dir / f"innovation_capacity.{fmt}",
        "readiness": out_dir / f"readiness.{fmt}",
    }
    write_table(table, files["centrality"])
    write_table(capacity.reset_index(), files["innovation_capacity"])
    write_table(readiness.components.reset_index(), files["readiness"])
    if not no_report:
        from clusternet.report import report as write_report

        files["report"] = write_report(
            net,
            out_dir / "report.html",
            title=f"clusternet analysis of {Path(path).name}",
            capacity=capacity,
            readiness=readiness,
            profile=profile,
            pagerank=table["pagerank"].to_numpy(),
            seed=DEFAULT_SEED,
        )
    stages.update()
    stages.close()
    if as_json:
        click.echo(
            json.dumps(
                {
                    "n_actors": net.n_actors,
                    "n_edges": net.n_edges,
                    "layers": list(net.layers),
                    "profile": {k: (None if pd.isna(v) else float(v)) for k, v in profile.items()},
                    "innovation_capacity": {
                        k: nan_to_none(float(v)) for k, v in capacity.attrs["summary"].items()
                    },
                    "readiness": {
                        "technology": nan_to_none(readiness.technology),
                        "brand": nan_to_none(readiness.brand),
                        "overall": nan_to_none(readiness.overall),
                        "unavailable": readiness.unavailable,
                    },
                    "files": {k: str(v) for k, v in files.items()},
                }
            )
        )
        return
    click.echo(repr(net))
    echo_table("Layers", net.summary())
    echo_table("Most central actors (PageRank)", table.nlargest(10, "pagerank"))
    click.echo("")
    click.echo(readiness.explain())
    click.echo("\nWrote " + ", ".join(str(p) for p in files.values()))
