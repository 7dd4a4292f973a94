"""The ``clusternet`` command."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
import numpy as np
import pandas as pd

from clusternet._cli_common import (
    UserError,
    _echo_table,
    _format_option,
    _OneLineErrors,
    _out_folder_option,
    _user_errors,
)
from clusternet._validate import show
from clusternet._version import __version__

#: The built-in default cluster of ``clusternet demo``.
DEFAULT_FIRMS = 5000
DEFAULT_PRESET = "liushi"
DEFAULT_SEED = 2026


def _set_threads(threads: int | None) -> None:
    if threads is None:
        return
    import numba

    limit = numba.config.NUMBA_NUM_THREADS  # type: ignore[attr-defined]
    if threads < 1 or threads > limit:
        raise UserError(f"--threads must lie in [1, {limit}], got {threads}")
    numba.set_num_threads(threads)


@click.group(cls=_OneLineErrors, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="clusternet")
@click.option("--threads", type=int, default=None, help="Number of Numba threads.")
@click.option(
    "-v", "--verbose", count=True, help="Log what the library does (-v: steps, -vv: details)."
)
@click.option("-q", "--quiet", is_flag=True, help="Log errors only (no warnings).")
def main(threads: int | None, verbose: int, quiet: bool) -> None:
    """Industrial clusters as multilayer networks: build, analyse, simulate."""
    _set_threads(threads)
    _configure_logging(verbose, quiet)


def _configure_logging(verbose: int, quiet: bool) -> None:
    """Library diagnostics (the ``clusternet`` logger) to stderr at the chosen level."""
    import logging

    if quiet and verbose:
        raise UserError("--quiet and --verbose exclude each other")
    level = (
        logging.ERROR if quiet else (logging.WARNING, logging.INFO, logging.DEBUG)[min(verbose, 2)]
    )
    logger = logging.getLogger("clusternet")
    logger.setLevel(level)
    if not any(getattr(h, "_clusternet_cli", False) for h in logger.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("clusternet: %(levelname)s: %(message)s"))
        handler._clusternet_cli = True  # type: ignore[attr-defined]
        logger.addHandler(handler)


@main.command()
@click.option(
    "--dataset",
    type=click.Choice(["ckm", "lazega", "florentine"]),
    default=None,
    help="Run on a built-in real dataset instead of the default generated cluster.",
)
@_out_folder_option
@_format_option
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
        source = f"generated cluster (preset {show(DEFAULT_PRESET)}, {DEFAULT_FIRMS} firms, seed {DEFAULT_SEED})"
    else:
        net = datasets.load(dataset)
        source = f"dataset {show(dataset)}"
    from clusternet import measures, structure
    from clusternet.io import write_table

    out_dir = Path(out)
    paths = write_tables(net, out_dir, fmt=fmt)
    summary = net.summary()
    counts = net.actor_counts()
    profile = structure.profile(net)
    capacity = measures.innovation_capacity(net)
    capacity_summary = capacity.attrs["summary"]
    readiness = measures.upgrading_readiness(net, seed=DEFAULT_SEED)
    central = _centrality_table(net)
    scenarios = _policy_runs(net, steps)
    write_table(scenarios, out_dir / f"scenarios.{fmt}")
    write_table(central, out_dir / f"centrality.{fmt}")
    write_table(capacity.reset_index(), out_dir / f"innovation_capacity.{fmt}")
    write_table(readiness.components.reset_index(), out_dir / f"readiness.{fmt}")
    write_table(
        profile.rename("value").rename_axis("entry").reset_index(), out_dir / f"profile.{fmt}"
    )
    from clusternet.report import report as write_report

    report_path = write_report(
        net,
        out_dir / "report.html",
        title=f"clusternet demo: {source}",
        capacity=capacity,
        readiness=readiness,
        scenarios=scenarios,
        profile=profile,
        pagerank=central["pagerank"].to_numpy(),
        seed=DEFAULT_SEED,
    )
    paths.update(
        report=report_path,
        innovation_capacity=out_dir / f"innovation_capacity.{fmt}",
        readiness=out_dir / f"readiness.{fmt}",
        profile=out_dir / f"profile.{fmt}",
        scenarios=out_dir / f"scenarios.{fmt}",
        centrality=out_dir / f"centrality.{fmt}",
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
                    "top_pagerank": central.nlargest(5, "pagerank")[
                        ["id", "role", "pagerank"]
                    ].to_dict(orient="records"),
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
    _echo_table("Most central actors (PageRank over all layers)", central.nlargest(5, "pagerank"))
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
        f"Baseline vs policy after {steps} simulated steps: mean of {DEMO_REPLICATES} replicates "
        f"(seed {DEFAULT_SEED}; p05/p95: the central 90 % of replicates)",
        _scenario_summary(scenarios, steps).reset_index()[
            [
                "scenario",
                "knowledge_mean",
                "generic_knowledge",
                "high_quality_share",
                "reputation",
                "reputation_p05",
                "reputation_p95",
                "innovations_total",
            ]
        ],
    )
    if not net.role_mask("platform", "research_institute").any():
        click.echo(
            "  note: no platform or research institute here, so the platform subsidy has nothing to act on"
        )
    if not net.role_mask("association").any():
        click.echo("  note: no industry association here, so monitoring has nothing to act on")
    click.echo("\nWrote " + ", ".join(str(p) for p in paths.values() if p != report_path))
    click.echo(f"\nReport: {report_path.resolve()}")


def _centrality_table(net) -> pd.DataFrame:
    """Degree, PageRank, harmonic closeness, betweenness and Burt's constraint per actor.

    Above 20,000 actors betweenness is the adaptive sampled estimate (epsilon 0.01,
    normalised scale) and harmonic closeness is left out.
    """
    from clusternet import centrality, structure

    big = net.n_actors > 20_000
    return pd.DataFrame(
        {
            "id": net.ids,
            "tier": net.column("tier"),
            "role": net.column("role"),
            "degree": np.diff(net.csr(direction="both").indptr),
            "pagerank": centrality.pagerank(net),
            "harmonic": np.full(net.n_actors, np.nan)
            if big
            else centrality.harmonic(net, mode="all"),
            "betweenness": centrality.betweenness(
                net, directed=False, epsilon=0.01, seed=0, normalized=True
            )
            if big
            else centrality.betweenness(net, directed=False, normalized=True),
            "constraint": structure.constraint(net),
        }
    )


DEMO_SCENARIOS = ("baseline", "platform_subsidy", "association_monitoring")


#: Replicates per scenario in the demo (enough for a visible band, quick enough for the demo).
DEMO_REPLICATES = 8

#: Series the demo records per scenario.
DEMO_SERIES = (
    "knowledge_mean",
    "knowledge_mean_0",
    "innovations",
    "high_quality_share",
    "reputation",
    "mean_margin",
)


def _policy_runs(net, steps: int) -> pd.DataFrame:
    """Baseline-vs-policy runs, replicated with common random numbers (the studies' code path)."""
    from clusternet.dynamics.parameters import SCENARIOS
    from clusternet.studies import Arm, run_arms

    arms = [
        Arm(name, SCENARIOS[name].description, dict(SCENARIOS[name].params))
        for name in DEMO_SCENARIOS
    ]
    runs = run_arms(arms, steps, DEMO_REPLICATES, DEFAULT_SEED, DEMO_SERIES, net=net)
    return runs.rename(columns={"arm": "scenario"})


def _scenario_summary(runs: pd.DataFrame, steps: int) -> pd.DataFrame:
    """Mean over replicates at the last step, with the central 90 % range of each series."""
    end = runs[runs["step"] == steps].groupby("scenario", sort=False)
    cols = [c for c in DEMO_SERIES if c != "innovations"]
    mean = end[cols].mean()
    low, high = end[cols].quantile(0.05), end[cols].quantile(0.95)
    out = mean.copy()
    for c in cols:
        out[f"{c}_p05"] = low[c]
        out[f"{c}_p95"] = high[c]
    out["innovations_total"] = (
        runs.groupby(["scenario", "replicate"], sort=False)["innovations"]
        .sum()
        .groupby("scenario", sort=False)
        .mean()
    )
    return out.rename(columns=lambda c: c.replace("knowledge_mean_0", "generic_knowledge"))


def _nan_to_none(value: float):
    return None if value is None or not np.isfinite(value) else float(value)


def _parse_settings(settings: tuple[str, ...]) -> dict:
    """``key=value`` pairs with values read as TOML scalars (numbers, booleans, strings)."""
    import tomllib

    params = {}
    for item in settings:
        if "=" not in item:
            raise UserError(f"--set expects key=value, got {show(item)}")
        key, _, raw = item.partition("=")
        try:
            params[key.strip()] = tomllib.loads(f"v = {raw}")["v"]
        except tomllib.TOMLDecodeError:
            params[key.strip()] = raw
    return params


def _load_input(
    path: str | None,
    actors: str | None,
    dataset: str | None,
    preset: str | None,
    firms: int,
    seed: int,
):
    from clusternet import datasets
    from clusternet.generate import generate_cluster
    from clusternet.io import read_network

    if path is not None:
        return read_network(path, actors=actors), str(path)
    if dataset is not None:
        return datasets.load(dataset), f"dataset {show(dataset)}"
    return generate_cluster(
        firms, preset=preset, seed=seed
    ), f"generated cluster ({preset or 'default'} preset, {firms} firms, seed {seed})"


@main.command()
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
@_format_option
@click.option("--json", "as_json", is_flag=True)
@_user_errors
def generate(preset, firms, seed, settings, out, fmt, as_json) -> None:
    """Generate a synthetic cluster and save it."""
    from clusternet.generate import generate_cluster
    from clusternet.io import write_graphml, write_tables

    net = generate_cluster(firms, preset=preset, seed=seed, **_parse_settings(settings))
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


@main.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--actors",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="Actors table for a CSV/Parquet edge list.",
)
@_out_folder_option
@_format_option
@click.option("--no-report", is_flag=True, help="Skip the HTML report.")
@click.option("--json", "as_json", is_flag=True)
@_user_errors
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
    table = _centrality_table(net)
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
                        k: _nan_to_none(float(v)) for k, v in capacity.attrs["summary"].items()
                    },
                    "readiness": {
                        "technology": _nan_to_none(readiness.technology),
                        "brand": _nan_to_none(readiness.brand),
                        "overall": _nan_to_none(readiness.overall),
                        "unavailable": readiness.unavailable,
                    },
                    "files": {k: str(v) for k, v in files.items()},
                }
            )
        )
        return
    click.echo(repr(net))
    _echo_table("Layers", net.summary())
    _echo_table("Most central actors (PageRank)", table.nlargest(10, "pagerank"))
    click.echo("")
    click.echo(readiness.explain())
    click.echo("\nWrote " + ", ".join(str(p) for p in files.values()))


@main.command()
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
@_user_errors
def simulate(
    path, actors, dataset, preset, firms, steps, scenario, seed, settings, out, as_json
) -> None:
    """Run the upgrading simulation and write its time series."""
    from clusternet.dynamics import SCENARIOS, UpgradingModel
    from clusternet.io import write_table

    if scenario not in SCENARIOS:
        raise UserError(f"unknown scenario {show(scenario)}; known: {', '.join(SCENARIOS)}")
    net, source = _load_input(path, actors, dataset, preset, firms, seed)
    model = UpgradingModel(net, seed=seed, scenario=scenario, **_parse_settings(settings))
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
                    "final": {k: _nan_to_none(float(last[k])) for k in keys},
                    "assumptions": model.assumptions,
                    "file": str(out),
                }
            )
        )
        return
    click.echo(f"{source}; scenario {show(scenario)}; {steps} steps; seed {seed}")
    _echo_table(
        "Final state", pd.DataFrame({"measure": keys, "value": [float(last[k]) for k in keys]})
    )
    if model.assumptions:
        click.echo("assumed: " + "; ".join(f"{k} ({v})" for k, v in model.assumptions.items()))
    click.echo(f"Wrote {out}")


@main.command("sweep")
@click.argument("config", type=click.Path(exists=True, dir_okay=False))
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.option("--json", "as_json", is_flag=True)
@_user_errors
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


def _register_study() -> None:
    from clusternet.cli_calibrate import calibrate_cmd
    from clusternet.cli_fit import fit_cmd
    from clusternet.cli_study import study_cmd
    from clusternet.cli_target import target_cmd

    main.add_command(study_cmd)
    main.add_command(fit_cmd)
    main.add_command(target_cmd)
    main.add_command(calibrate_cmd)


_register_study()

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
