"""``clusternet generate``: a synthetic cluster saved as .npz, GraphML or tables."""

from __future__ import annotations

import json
from pathlib import Path

import click

from clusternet.cli.common import DEFAULT_SEED, format_option, parse_settings, user_errors


@click.command()
@click.option("--preset", type=click.Choice(["liushi", "taizhou", "datang"]), default=None)
@click.option("--firms", type=click.IntRange(2, 200_000_000), default=5000, show_default=True)
@click.option("--seed", type=int, default=DEFAULT_SEED, show_default=True)
@click.option(
    "--set", "settings", multiple=True, help="Generator parameter key=value (repeatable)."
)
@click.option(
    "--out",
    required=True,
    type=click.Path(),
    help="A .npz or .graphml file, or a folder for CSV/Parquet tables.",
)
@format_option
@click.option("--json", "as_json", is_flag=True)
@user_errors
def generate(preset, firms, seed, settings, out, fmt, as_json) -> None:
    """Generate a synthetic cluster and save it."""
    from clusternet.generate import PARAMETERS, generate_cluster
    from clusternet.io import write_graphml, write_tables

    params = parse_settings(settings, PARAMETERS)
    net = generate_cluster(firms, preset=preset, seed=seed, **params)
    target = Path(out)
    if target.suffix == ".npz":
        net.save(target)
        files = [target]
    elif target.suffix in (".graphml", ".xml"):
        write_graphml(net, target)
        files = [target]
    else:
        files = list(write_tables(net, target, fmt=fmt).values())
    if as_json:
        click.echo(
            json.dumps(
                {
                    "n_actors": net.n_actors,
                    "n_edges": net.n_edges,
                    "layers": list(net.layers),
                    "files": [str(f) for f in files],
                }
            )
        )
    else:
        click.echo(repr(net))
        click.echo("Wrote " + ", ".join(str(f) for f in files))
