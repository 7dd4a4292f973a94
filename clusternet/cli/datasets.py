"""``clusternet datasets``: the built-in real datasets with their citations."""

from __future__ import annotations

import json

import click


@click.command("datasets")
@click.option("--json", "as_json", is_flag=True)
def datasets_cmd(as_json: bool) -> None:
    """List the built-in real datasets with their citations."""
    from clusternet.datasets import DATASETS

    rows = [{"name": k, "citation": v[1]} for k, v in DATASETS.items()]
    if as_json:
        click.echo(json.dumps(rows))
    else:
        for row in rows:
            click.echo(f"{row['name']:<12} {row['citation']}")
