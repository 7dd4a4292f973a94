"""``clusternet calibrate``: estimate the model's behaviour from observed outcomes (ABC-SMC)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from clusternet.cli.common import UserError, echo_table, user_errors


def _parse_params(items: tuple[str, ...]) -> dict | list | None:
    """``NAME`` (default prior) or ``NAME=LOW:HIGH`` (uniform prior), repeatable."""
    if not items:
        return None
    bounds, names = {}, []
    for item in items:
        name, sep, rng = item.partition("=")
        name = name.strip()
        if not sep:
            names.append(name)
            continue
        low, colon, high = rng.partition(":")
        try:
            if not colon:
                raise ValueError
            bounds[name] = (float(low), float(high))
        except ValueError:
            raise UserError(f"--param takes NAME or NAME=LOW:HIGH, got {item!r}") from None
    if names and bounds:
        raise UserError("give every --param as NAME=LOW:HIGH, or all as bare names")
    return bounds or names


def _load(source: str):
    from clusternet.datasets import DATASETS
    from clusternet.io import read_network

    if source in DATASETS:
        return DATASETS[source][0]()
    if not Path(source).exists():
        raise UserError(
            f"{source!r} is neither a file nor a built-in dataset ({', '.join(DATASETS)})"
        )
    return read_network(source)


@click.command("calibrate")
@click.argument("network")
@click.option(
    "--model",
    type=click.Choice(["upgrading", "contagion"]),
    default="upgrading",
    show_default=True,
)
@click.option(
    "--observed",
    required=True,
    help="upgrading: a CSV/Parquet time series (columns of the simulation time series, with "
    "'step'); contagion: the actor column of adoption periods.",
)
@click.option("--param", "params", multiple=True, help="NAME or NAME=LOW:HIGH (repeatable).")
@click.option("--summary", "columns", multiple=True, help="upgrading: time-series column to fit.")
@click.option("--steps", type=click.IntRange(1, 100_000), default=None)
@click.option("--censor-time", type=click.IntRange(1, 100_000), default=None)
@click.option(
    "--exclude",
    default=None,
    help="contagion: COLUMN=VALUE marks actors whose adoption is unknown (left out).",
)
@click.option("--particles", type=click.IntRange(5, 1_000_000), default=200, show_default=True)
@click.option("--generations", type=click.IntRange(1, 1000), default=8, show_default=True)
@click.option("--predictive", type=click.IntRange(0, 1_000_000), default=200, show_default=True)
@click.option("--seed", type=click.IntRange(0, 2**63 - 1), default=2026, show_default=True)
@click.option("--workers", type=click.IntRange(1, 1024), default=None)
@click.option("--dask-address", default=None, help="Run on this Dask scheduler (tcp://host:8786).")
@click.option(
    "--out", type=click.Path(file_okay=False), default="clusternet-calibrate", show_default=True
)
@click.option("--json", "as_json", is_flag=True)
@user_errors
def calibrate_cmd(
    network,
    model,
    observed,
    params,
    columns,
    steps,
    censor_time,
    exclude,
    particles,
    generations,
    predictive,
    seed,
    workers,
    dask_address,
    out,
    as_json,
) -> None:
    """Estimate behavioural parameters from observed outcomes by ABC-SMC (docs/calibration.md).

    NETWORK is a network file or a built-in dataset name (e.g. ckm). Writes
    the weighted posterior, credible intervals, the posterior-predictive check,
    the generations (with effective sample sizes) and a report to --out.
    """
    from clusternet.io import read_table, write_table
    from clusternet.model_fit import fit_model
    from clusternet.model_fit_plot import write_report

    net = _load(network)
    options: dict = {}
    if model == "contagion":
        if not net.has_column(observed):
            raise UserError(f"the network has no actor column {observed!r}")
        data = net.column(observed).astype(float)
        if censor_time is not None:
            options["censor_time"] = censor_time
        if exclude:
            col, sep, value = exclude.partition("=")
            if not sep or not net.has_column(col):
                raise UserError(f"--exclude takes COLUMN=VALUE of an actor column, got {exclude!r}")
            options["known"] = net.column(col).astype(str) != value
        summary = None
    else:
        data = read_table(observed)
        summary = list(columns) or None
    fit = fit_model(
        net,
        data,
        params=_parse_params(params),
        summary=summary,
        model=model,
        steps=steps,
        options=options,
        population_size=particles,
        generations=generations,
        predictive=predictive,
        seed=seed,
        workers=workers,
        address=dask_address,
    )
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    intervals = fit.intervals.reset_index(names="parameter")
    pred = fit.predictive.reset_index(names="statistic")
    files = {
        "posterior": out_dir / "posterior.csv",
        "intervals": out_dir / "intervals.csv",
        "predictive": out_dir / "predictive.csv",
        "generations": out_dir / "generations.csv",
        "report": out_dir / "report.html",
    }
    write_table(fit.posterior, files["posterior"])
    write_table(intervals, files["intervals"])
    write_table(pred, files["predictive"])
    write_table(fit.generations, files["generations"])
    write_report(fit, files["report"], title=f"Calibration of the {model} model on {network}")
    if as_json:
        click.echo(
            json.dumps(
                {
                    "params": fit.params,
                    "intervals": intervals.to_dict(orient="records"),
                    "predictive": pred.to_dict(orient="records"),
                    "generations": fit.generations.to_dict(orient="records"),
                    "simulations": fit.simulations,
                    "seconds": fit.seconds,
                    "files": {k: str(v) for k, v in files.items()},
                },
                default=lambda v: v.item() if hasattr(v, "item") else str(v),
            )
        )
        return
    click.echo(fit.summary())
    echo_table("Posterior-predictive check", pred)
    click.echo(f"\nReport: {files['report'].resolve()}")
