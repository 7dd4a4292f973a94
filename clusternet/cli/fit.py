"""``clusternet fit``: calibrate the generator to a surveyed network and scale it up."""

from __future__ import annotations

import json
from pathlib import Path

import click

from clusternet._json import json_default
from clusternet.cli.common import UserError, echo_table, user_errors


def _parse_layer_map(items: tuple[str, ...]) -> dict | None:
    if not items:
        return None
    out = {}
    for item in items:
        if "=" not in item:
            raise UserError(f"--layer-map takes OBSERVED=GENERATOR, got {item!r}")
        observed, target = (x.strip() for x in item.split("=", 1))
        out[observed] = target
    return out


@click.command("fit")
@click.argument("path", type=click.Path(exists=True))
@click.option("--actors", type=click.Path(exists=True, dir_okay=False), default=None)
@click.option(
    "--layer-map",
    "layer_map",
    multiple=True,
    help="OBSERVED=GENERATOR, e.g. advice=technology (repeatable).",
)
@click.option("--param", "params", multiple=True, help="A generator parameter to fit (repeatable).")
@click.option("--sims", type=click.IntRange(2, 10_000), default=10, show_default=True)
@click.option("--bootstrap", type=click.IntRange(0, 10_000), default=20, show_default=True)
@click.option("--seed", type=click.IntRange(0, 2**63 - 1), default=2026, show_default=True)
@click.option("--workers", type=click.IntRange(1, 1024), default=None)
@click.option(
    "--scale",
    type=click.IntRange(10, 200_000_000),
    default=None,
    help="Also generate a cluster of this many firms with the fitted parameters.",
)
@click.option(
    "--out", type=click.Path(file_okay=False), default="clusternet-fit", show_default=True
)
@click.option("--json", "as_json", is_flag=True)
@user_errors
def fit_cmd(
    path, actors, layer_map, params, sims, bootstrap, seed, workers, scale, out, as_json
) -> None:
    """Fit the generator to a surveyed network (simulated method of moments; docs/calibration.md).

    Writes the estimates, the goodness-of-fit table and a report with the
    goodness-of-fit figure to --out; --scale N also saves an N-firm cluster
    generated with the fitted parameters.
    """
    from clusternet.calibrate import fit_generator
    from clusternet.io import read_network, write_table
    from clusternet.report import report

    net = read_network(path, actors=actors)
    fit = fit_generator(
        net,
        params=list(params) or None,
        layer_map=_parse_layer_map(layer_map),
        n_sims=sims,
        bootstrap=bootstrap,
        seed=seed,
        workers=workers,
    )
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    files = {
        "estimates": out_dir / "estimates.csv",
        "fit": out_dir / "goodness_of_fit.csv",
        "report": out_dir / "report.html",
    }
    write_table(fit.estimates, files["estimates"])
    write_table(fit.fit, files["fit"])
    report(net, files["report"], title=f"Generator fit to {path}", fit=fit, seed=seed)
    if scale:
        from clusternet.io import save

        files["scaled"] = out_dir / f"scaled-{scale}.npz"
        save(fit.generate(scale, seed=seed), files["scaled"])
    if as_json:
        click.echo(
            json.dumps(
                {
                    "params": fit.params,
                    "estimates": fit.estimates.to_dict(orient="records"),
                    "goodness_of_fit": fit.fit.to_dict(orient="records"),
                    "objective": fit.objective,
                    "evaluations": fit.evaluations,
                    "simulations": fit.simulations,
                    "seconds": fit.seconds,
                    "files": {k: str(v) for k, v in files.items()},
                },
                default=json_default,
            )
        )
        return
    click.echo(fit.summary())
    echo_table("Estimates (95 % parametric-bootstrap intervals)", fit.estimates)
    echo_table("Goodness of fit (observed vs simulated 95 % range)", fit.fit)
    click.echo(f"\nReport: {files['report'].resolve()}")
