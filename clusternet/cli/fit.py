"""``clusternet fit``: calibrate the generator to a surveyed network and scale it up."""

from __future__ import annotations

import json
from pathlib import Path

import click

from clusternet._json import json_default
from clusternet.cli.common import UserError, echo_table, parse_settings, user_errors


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


def _parse_fixed(items: tuple[str, ...]) -> dict | None:
    """``--fixed NAME=VALUE`` pairs: generator settings held fixed during the fit."""
    if not items:
        return None
    from clusternet.generate import PARAMETERS

    fixed = parse_settings(items, PARAMETERS, option="--fixed")
    for name in fixed:
        if name != "preset" and name not in PARAMETERS:
            raise UserError(
                f"--fixed {name}: not a generator parameter (the names of "
                "clusternet.generate.PARAMETERS, or preset)"
            )
    return fixed


def _fit_options(
    nominations, nomination_order, fixed, weights, final_sims, check, design, maxiter
) -> dict:
    """The options passed straight to ``fit_generator`` (a missing one keeps its default)."""
    if nomination_order not in (None, "random") and nominations is None:
        raise UserError(
            f"--nomination-order {nomination_order} orders a capped survey's names: "
            "give --nominations K as well"
        )
    given = {
        "nominations": nominations,
        "nomination_order": nomination_order,
        "fixed": _parse_fixed(fixed),
        "weights": weights,
        "final_sims": final_sims,
        "check": check,
        "design": design,
        "maxiter": maxiter,
    }
    return {k: v for k, v in given.items() if v is not None}


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
    "--nominations",
    type=click.IntRange(1, 10_000),
    default=None,
    help="The survey's fixed-choice cap ('name up to K'): generated networks pass through it.",
)
@click.option(
    "--nomination-order",
    "nomination_order",
    type=click.Choice(["random", "embedded"]),
    default=None,
    help="Whom a capped respondent names first (needs --nominations) [default: random].",
)
@click.option(
    "--fixed",
    "fixed",
    multiple=True,
    help="NAME=VALUE: a generator setting held fixed, e.g. n_towns=4 (repeatable).",
)
@click.option(
    "--weights",
    type=click.Choice(["design", "estimate"]),
    default=None,
    help="'estimate': two-step diagonal weights re-estimated at the first estimate "
    "[default: design].",
)
@click.option(
    "--final-sims",
    "final_sims",
    type=click.IntRange(2, 100_000),
    default=None,
    help="A last search round with this many fresh simulations per evaluation.",
)
@click.option(
    "--check",
    type=click.IntRange(10, 1_000_000),
    default=None,
    help="Networks drawn at the estimate for the goodness-of-fit ranges [default: 40 or more].",
)
@click.option(
    "--design",
    type=click.IntRange(1, 1_000_000),
    default=None,
    help="Latin-hypercube design points before the local search.",
)
@click.option(
    "--maxiter",
    type=click.IntRange(1, 10_000),
    default=None,
    help="Rounds of the local search [default: fit_generator's].",
)
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
    path,
    actors,
    layer_map,
    params,
    sims,
    bootstrap,
    seed,
    workers,
    nominations,
    nomination_order,
    fixed,
    weights,
    final_sims,
    check,
    design,
    maxiter,
    scale,
    out,
    as_json,
) -> None:
    """Fit the generator to a surveyed network (simulated method of moments; docs/calibration.md).

    Writes the estimates, the goodness-of-fit table and a report with the
    goodness-of-fit figure to --out; --scale N also saves an N-firm cluster
    generated with the fitted parameters. The page's survey fits are one call,
    e.g. CKM's: --nominations 3 --nomination-order embedded --fixed n_towns=4
    --sims 6 --design 80 --maxiter 3 --bootstrap 0 --weights estimate
    --final-sims 24 --check 400 (with its --param list).
    """
    from clusternet.calibrate import fit_generator
    from clusternet.io import read_network, write_table
    from clusternet.report import report

    options = _fit_options(
        nominations, nomination_order, fixed, weights, final_sims, check, design, maxiter
    )
    net = read_network(path, actors=actors)
    fit = fit_generator(
        net,
        params=list(params) or None,
        layer_map=_parse_layer_map(layer_map),
        n_sims=sims,
        bootstrap=bootstrap,
        seed=seed,
        workers=workers,
        **options,
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
