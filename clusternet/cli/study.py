"""``clusternet study NAME``: the monograph's case studies from the command line."""

from __future__ import annotations

import json

import click

from clusternet.cli.common import UserError, echo_table, user_errors


@click.command("study")
@click.argument("name", type=click.Choice(["liushi", "taizhou", "datang"]))
@click.option("--quick", is_flag=True, help="300 firms, 15 steps, 3 replicates (a smoke run).")
@click.option("--firms", type=click.IntRange(50, 10_000_000), default=None, help="Cluster size.")
@click.option("--reps", type=click.IntRange(2, 10_000), default=None, help="Replicates per arm.")
@click.option("--steps", type=click.IntRange(1, 100_000), default=None, help="Steps per run.")
@click.option("--seed", type=click.IntRange(0, 2**63 - 1), default=2026, show_default=True)
@click.option("--workers", type=click.IntRange(1, 1024), default=None, help="Worker processes.")
@click.option(
    "--out",
    type=click.Path(file_okay=False),
    default=None,
    help="Output folder [default: clusternet-study-NAME].",
)
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@user_errors
def study_cmd(name, quick, firms, reps, steps, seed, workers, out, as_json) -> None:
    """Run a case study (liushi, taizhou, datang): report, replicate table and conclusions.

    See docs/case_studies.md for the calibration, the arms and the claims.
    """
    from clusternet._json import json_default
    from clusternet.studies import STUDIES, run_study, write_study
    from clusternet.studies._report import summary

    study = STUDIES[name]
    try:
        result = run_study(
            study, quick=quick, firms=firms, reps=reps, steps=steps, seed=seed, workers=workers
        )
    except RuntimeError as exc:
        raise UserError(str(exc).splitlines()[0]) from None
    paths = write_study(result, out or f"clusternet-study-{name}")
    if as_json:
        info = summary(result)
        info["files"] = {k: str(v) for k, v in paths.items()}
        click.echo(json.dumps(info, default=json_default))
        return
    click.echo(f"{study.title}\n{study.question}")
    echo_table(
        f"Effects against the baseline after {result.steps} steps "
        f"({result.reps} replicates, 95 % intervals)",
        result.effects[["arm", "outcome", "baseline_mean", "effect", "low", "high"]],
    )
    echo_table(f"Policy ranking by {study.primary}", result.ranking)
    click.echo("\n" + result.conclusion())
    click.echo(f"\nReport: {paths['report'].resolve()}")
