"""``clusternet sweep``: a parameter sweep described in a TOML file."""

from __future__ import annotations

import json
from pathlib import Path

import click

from clusternet.cli.common import UserError, user_errors


@click.command("sweep")
@click.argument("config", type=click.Path(exists=True, dir_okay=False))
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.option("--json", "as_json", is_flag=True)
@user_errors
def sweep_cmd(config, quiet, as_json) -> None:
    """Run a parameter sweep described in a TOML file (see docs/scaling.md)."""
    import tomllib

    from clusternet.ensemble import sweep

    try:
        spec = tomllib.loads(Path(config).read_text())
    except tomllib.TOMLDecodeError as exc:
        raise UserError(f"{config} is not valid TOML: {exc}") from None
    known = {
        "function",
        "grid",
        "fixed",
        "reps",
        "seed",
        "backend",
        "address",
        "workers",
        "out",
        "retries",
    }
    unknown = sorted(set(spec) - known)
    if unknown:
        raise UserError(f"{config}: unknown keys {unknown}; known: {sorted(known)}")
    if "grid" not in spec:
        raise UserError(f"{config}: a [grid] table is required")
    grid = dict(spec["grid"])
    for key, value in spec.get("fixed", {}).items():
        grid[key] = [value]
    result = sweep(
        spec.get("function", "clusternet.ensemble:upgrading_task"),
        grid,
        reps=spec.get("reps", 1),
        seed=spec.get("seed", 0),
        backend=spec.get("backend", "local"),
        address=spec.get("address"),
        workers=spec.get("workers"),
        out=spec.get("out"),
        retries=spec.get("retries", 2),
        progress=not (quiet or as_json),
    )
    failed = int((result["status"] == "failed").sum()) if "status" in result else 0
    if as_json:
        click.echo(
            json.dumps(
                {"tasks": int(result["task"].nunique()), "failed": failed, "out": spec.get("out")}
            )
        )
        return
    click.echo(
        f"{result['task'].nunique()} tasks, {failed} failed"
        + (f"; results in {spec['out']}" if spec.get("out") else "")
    )
    click.echo(result.drop(columns=["error"], errors="ignore").head(20).to_string(index=False))
