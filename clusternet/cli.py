"""The ``clusternet`` command."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
import numpy as np
import pandas as pd

from clusternet._version import __version__

#: The built-in default cluster of ``clusternet demo``.
DEFAULT_FIRMS = 5000
DEFAULT_PRESET = "liushi"
DEFAULT_SEED = 2026


class UserError(click.ClickException):
    """A mistake in the command line or its inputs: one line on stderr, exit status 2."""

    exit_code = 2

    def show(self, file=None) -> None:
        click.echo(f"clusternet: error: {self.format_message()}", err=True)


def _user_errors(func):
    """Turn the package's input errors into one-line messages with exit status 2."""
    import functools

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except (ValueError, TypeError, FileNotFoundError, KeyError, ImportError) as exc:
            message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise UserError(message) from None

    return wrapper


def _set_threads(threads: int | None) -> None:
    if threads is None:
        return
    import numba

    if threads < 1 or threads > numba.config.NUMBA_NUM_THREADS:
        raise UserError(
            f"--threads must lie in [1, {numba.config.NUMBA_NUM_THREADS}], got {threads}"
        )
    numba.set_num_threads(threads)


def _echo_table(title: str, table: pd.DataFrame) -> None:
    click.echo(f"\n{title}")
    click.echo(table.to_string(index=False, float_format=lambda v: f"{v:.4g}"))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="clusternet")
@click.option("--threads", type=int, default=None, help="Number of Numba threads.")
def main(threads: int | None) -> None:
    """Industrial clusters as multilayer networks: build, analyse, simulate."""
    _set_threads(threads)


@main.command()
@click.option(
    "--dataset",
    type=click.Choice(["ckm", "lazega", "florentine"]),
    default=None,
    help="Run on a built-in real dataset instead of the default generated cluster.",
)
@click.option(
    "--out", type=click.Path(file_okay=False), default="clusternet-output", show_default=True
)
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "parquet"]), default="csv", show_default=True
)
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
@_user_errors
def demo(dataset: str | None, out: str, fmt: str, as_json: bool, steps: int) -> None:
    """The main job: summarise a cluster and write its tables to --out."""
    from clusternet import datasets
    from clusternet.io import write_tables

    if dataset is None:
        from clusternet.generate import generate_cluster

        net = generate_cluster(DEFAULT_FIRMS, preset=DEFAULT_PRESET, seed=DEFAULT_SEED)
        source = f"generated cluster (preset {DEFAULT_PRESET!r}, {DEFAULT_FIRMS} firms, seed {DEFAULT_SEED})"
    else:
        net = datasets.load(dataset)
        source = f"dataset {dataset!r}"
    from clusternet import measures, structure
    from clusternet.io import write_table

    out_dir = Path(out)
    paths = write_tables(net, out_dir, fmt=fmt)
    summary = net.summary()
    counts = net.actor_counts()
    profile = structure.profile(net)
    capacity = measures.innovation_capacity(net)
    capacity_summary = capacity.attrs["summary"]
    readiness = measures.upgrading_readiness(net)
    scenarios = _policy_runs(net, steps)
    write_table(scenarios, out_dir / f"scenarios.{fmt}")
    write_table(capacity.reset_index(), out_dir / f"innovation_capacity.{fmt}")
    write_table(readiness.components.reset_index(), out_dir / f"readiness.{fmt}")
    write_table(
        profile.rename("value").rename_axis("entry").reset_index(), out_dir / f"profile.{fmt}"
    )
    paths.update(
        innovation_capacity=out_dir / f"innovation_capacity.{fmt}",
        readiness=out_dir / f"readiness.{fmt}",
        profile=out_dir / f"profile.{fmt}",
        scenarios=out_dir / f"scenarios.{fmt}",
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
                        "technology": _nan_to_none(readiness.technology),
                        "brand": _nan_to_none(readiness.brand),
                        "overall": _nan_to_none(readiness.overall),
                        "unavailable": readiness.unavailable,
                    },
                    "scenarios": _scenario_summary(scenarios, steps)
                    .reset_index()
                    .to_dict(orient="records"),
                    "files": {k: str(v) for k, v in paths.items()},
                },
                default=float,
            )
        )
        return
    click.echo(f"clusternet {__version__} — {source}")
    click.echo(repr(net))
    _echo_table("Actors per tier and role", counts)
    _echo_table("Layers", summary)
    key_entries = [
        "sme_share", "size_hhi", "top5_share", "specialisation_hhi", "multiplexity", "openness",
        "service_coverage", "knowledge_org_coverage", "chain_tightness", "vertical_linkage",
    ]  # fmt: skip
    shown = profile.reindex(key_entries)
    _echo_table("Cluster profile", shown.rename("value").rename_axis("entry").reset_index())
    if profile.attrs.get("unavailable"):
        click.echo(
            "  unavailable: "
            + "; ".join(f"{k} ({v})" for k, v in profile.attrs["unavailable"].items())
        )
    _echo_table(
        "Innovation capacity (core firms)",
        capacity_summary.rename("value").rename_axis("statistic").reset_index(),
    )
    _echo_table(
        "Upgrading readiness components",
        readiness.components.reset_index()[["wheel", "component", "raw", "normalized", "unit"]],
    )
    click.echo("")
    click.echo(readiness.explain())
    _echo_table(
        f"Baseline vs policy after {steps} simulated steps (seed {DEFAULT_SEED})",
        _scenario_summary(scenarios, steps).reset_index(),
    )
    if not net.role_mask("platform", "research_institute").any():
        click.echo(
            "  note: no platform or research institute here, so the platform subsidy has nothing to act on"
        )
    if not net.role_mask("association").any():
        click.echo("  note: no industry association here, so monitoring has nothing to act on")
    click.echo("\nWrote " + ", ".join(str(p) for p in paths.values()))


DEMO_SCENARIOS = ("baseline", "platform_subsidy", "association_monitoring")


def _policy_runs(net, steps: int) -> pd.DataFrame:
    """Short baseline-vs-policy runs of the upgrading simulation (one seed each)."""
    from clusternet.dynamics import simulate_upgrading

    frames = []
    for scenario in DEMO_SCENARIOS:
        ts = simulate_upgrading(net, steps, seed=DEFAULT_SEED, scenario=scenario).timeseries
        ts.insert(0, "scenario", scenario)
        frames.append(ts)
    return pd.concat(frames, ignore_index=True)


def _scenario_summary(runs: pd.DataFrame, steps: int) -> pd.DataFrame:
    cols = [
        "knowledge_mean",
        "knowledge_mean_0",
        "innovations",
        "high_quality_share",
        "reputation",
        "mean_margin",
    ]
    end = runs[runs["step"] == steps].set_index("scenario")[cols]
    return end.rename(columns={"knowledge_mean_0": "generic_knowledge"})


def _nan_to_none(value: float):
    return None if value is None or not np.isfinite(value) else float(value)


@main.command("datasets")
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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
