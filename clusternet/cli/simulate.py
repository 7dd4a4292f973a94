"""``clusternet simulate``: the upgrading model's time series for one scenario."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
import pandas as pd

from clusternet._validate import show
from clusternet.cli.common import (
    DEFAULT_SEED,
    UserError,
    echo_table,
    load_input,
    nan_to_none,
    parse_settings,
    user_errors,
)


@click.command()
@click.argument("path", required=False, type=click.Path(exists=True, dir_okay=False))
@click.option("--actors", type=click.Path(exists=True, dir_okay=False), default=None)
@click.option("--dataset", type=click.Choice(["ckm", "lazega", "florentine"]), default=None)
@click.option("--preset", type=click.Choice(["liushi", "taizhou", "datang"]), default=None)
@click.option("--firms", type=click.IntRange(2, 200_000_000), default=5000, show_default=True)
@click.option("--steps", type=click.IntRange(1, 1_000_000), default=50, show_default=True)
@click.option(
    "--scenario",
    default="baseline",
    show_default=True,
    help="A scenario name (see docs/dynamics.md).",
)
@click.option("--seed", type=int, default=DEFAULT_SEED, show_default=True)
@click.option("--set", "settings", multiple=True, help="Model parameter key=value (repeatable).")
@click.option(
    "--out",
    type=click.Path(dir_okay=False),
    default="clusternet-output/simulation.csv",
    show_default=True,
    help=".csv or .parquet",
)
@click.option("--json", "as_json", is_flag=True)
@user_errors
def simulate(
    path, actors, dataset, preset, firms, steps, scenario, seed, settings, out, as_json
) -> None:
    """Run the upgrading simulation and write its time series."""
    from clusternet.dynamics import PARAMETERS, SCENARIOS, UpgradingModel
    from clusternet.io import write_table

    if scenario not in SCENARIOS:
        raise UserError(f"unknown scenario {show(scenario)}; known: {', '.join(SCENARIOS)}")
    params = parse_settings(settings, PARAMETERS)
    net, source = load_input(path, actors, dataset, preset, firms, seed)
    model = UpgradingModel(net, seed=seed, scenario=scenario, **params)
    result = model.run(steps, progress=not as_json and sys.stderr.isatty())
    write_table(result.timeseries, Path(out))
    last = result.timeseries.iloc[-1]
    keys = [
        "knowledge_mean",
        "knowledge_mean_0",
        "high_quality_share",
        "reputation",
        "mean_margin",
        "contributors_share",
    ]
    if as_json:
        click.echo(
            json.dumps(
                {
                    "source": source,
                    "scenario": scenario,
                    "steps": steps,
                    "final": {k: nan_to_none(float(last[k])) for k in keys},
                    "assumptions": model.assumptions,
                    "file": str(out),
                }
            )
        )
        return
    click.echo(f"{source}; scenario {show(scenario)}; {steps} steps; seed {seed}")
    echo_table(
        "Final state", pd.DataFrame({"measure": keys, "value": [float(last[k]) for k in keys]})
    )
    if model.assumptions:
        click.echo("assumed: " + "; ".join(f"{k} ({v})" for k, v in model.assumptions.items()))
    click.echo(f"Wrote {out}")
