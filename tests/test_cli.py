"""The clusternet command through click's runner and as a subprocess."""

import json
import subprocess
import sys

import pandas as pd
import pytest
from click.testing import CliRunner

import clusternet as cn
from clusternet.cli import main


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_demo_on_dataset_writes_tables(tmp_path):
    result = run("demo", "--dataset", "florentine", "--out", str(tmp_path), "--steps", "3")
    assert result.exit_code == 0, result.output
    assert "marriage" in result.output and "Actors per tier and role" in result.output
    assert "Not available here" in result.output  # the Florentine data lack firm attributes
    assert "nothing to act on" in result.output
    actors = pd.read_csv(tmp_path / "actors.csv")
    edges = pd.read_csv(tmp_path / "edges.csv")
    assert len(actors) == 16 and len(edges) == 35
    assert (tmp_path / "report.html").stat().st_size > 50_000


def test_demo_default_cluster_json(tmp_path):
    result = run("demo", "--out", str(tmp_path), "--json", "--steps", "3")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["n_actors"] > 5000 and "liushi" in data["source"]
    assert {row["layer"] for row in data["layers"]} >= {
        "transaction",
        "technology",
        "social",
        "service",
        "competition",
    }
    assert 0 < data["readiness"]["overall"] < 1 and data["readiness"]["unavailable"] == {}
    assert 0 < data["innovation_capacity"]["mean"] < 1
    assert 0 <= data["profile"]["service_coverage"] <= 1
    assert [row["scenario"] for row in data["scenarios"]] == [
        "baseline",
        "platform_subsidy",
        "association_monitoring",
    ]
    assert set(data["files"]) >= {
        "actors",
        "edges",
        "report",
        "readiness",
        "scenarios",
        "centrality",
    }
    assert len(data["top_pagerank"]) == 5


def test_generate_analyze_simulate_round(tmp_path):
    net_file = tmp_path / "c.npz"
    r = run(
        "generate",
        "--preset",
        "taizhou",
        "--firms",
        "400",
        "--seed",
        "3",
        "--out",
        str(net_file),
        "--json",
    )
    assert r.exit_code == 0, r.output
    gen = json.loads(r.output)
    assert gen["n_actors"] == cn.load(net_file).n_actors
    r = run("analyze", str(net_file), "--out", str(tmp_path / "an"), "--json")
    assert r.exit_code == 0, r.output
    an = json.loads(r.output)
    assert set(an) >= {"n_actors", "layers", "profile", "innovation_capacity", "readiness", "files"}
    cent = pd.read_csv(tmp_path / "an" / "centrality.csv")
    assert len(cent) == gen["n_actors"] and abs(cent["pagerank"].sum() - 1) < 1e-9
    r = run(
        "simulate",
        str(net_file),
        "--steps",
        "4",
        "--scenario",
        "certification",
        "--set",
        "monitoring=0.5",
        "--out",
        str(tmp_path / "s.csv"),
        "--json",
    )
    assert r.exit_code == 0, r.output
    sim = json.loads(r.output)
    assert sim["steps"] == 4 and set(sim["final"]) >= {"knowledge_mean", "reputation"}
    assert len(pd.read_csv(tmp_path / "s.csv")) == 5
    r = run("generate", "--firms", "200", "--out", str(tmp_path / "tables"), "--format", "csv")
    assert r.exit_code == 0 and (tmp_path / "tables" / "edges.csv").exists()
    r = run(
        "analyze",
        str(tmp_path / "tables" / "edges.csv"),
        "--actors",
        str(tmp_path / "tables" / "actors.csv"),
        "--no-report",
        "--out",
        str(tmp_path / "an2"),
    )
    assert r.exit_code == 0, r.output
    g = tmp_path / "g.graphml"
    assert run("generate", "--firms", "150", "--out", str(g)).exit_code == 0
    assert run("analyze", str(g), "--no-report", "--out", str(tmp_path / "an3")).exit_code == 0


def test_sweep_command(tmp_path):
    cfg = tmp_path / "sweep.toml"
    cfg.write_text(
        f"""
reps = 2
seed = 4
workers = 2
out = "{tmp_path / "res"}"
[grid]
platform_subsidy = [0.0, 0.9]
[fixed]
n_firms = 150
steps = 3
"""
    )
    r = run("sweep", str(cfg), "--json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.output) == {"tasks": 4, "failed": 0, "out": str(tmp_path / "res")}
    assert len(list((tmp_path / "res").glob("task-*.parquet"))) == 4


def test_datasets_lists_citations():
    names = [row["name"] for row in json.loads(run("datasets", "--json").output)]
    assert names == ["ckm", "lazega", "florentine"]


@pytest.mark.parametrize(
    "args",
    [
        ["analyze", "/no/such/file.csv"],
        ["generate", "--preset", "atlantis", "--out", "x.npz"],
        ["simulate", "--scenario", "utopia", "--firms", "20"],
        ["simulate", "--firms", "50", "--set", "squeeze=-1"],
        ["--threads", "0", "datasets"],
        ["demo", "--dataset", "mars"],
    ],
)
def test_user_errors_are_one_line_exit_2(args, tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "clusternet.cli", *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.strip().count("\n") == 0 and proc.stderr.startswith("clusternet: error:")
    assert "Traceback" not in proc.stderr


def test_bad_column_is_a_user_error(tmp_path):
    (tmp_path / "e.csv").write_text("from,to\na,b\n")
    proc = subprocess.run(
        [sys.executable, "-m", "clusternet.cli", "analyze", str(tmp_path / "e.csv")],
        capture_output=True,
        text=True,
    )
    assert (
        proc.returncode == 2
        and "no column 'source'" in proc.stderr
        and proc.stderr.count("\n") == 1
    )


def test_version():
    r = run("--version")
    assert r.exit_code == 0 and cn.__version__ in r.output


def test_verbose_logs_library_steps_and_quiet_excludes_it(caplog):
    import logging

    from click.testing import CliRunner

    import clusternet as cn
    from clusternet.cli import main

    logger = logging.getLogger("clusternet")
    before = logger.level
    try:
        assert CliRunner().invoke(main, ["-vv", "datasets"]).exit_code == 0
        assert logger.level == logging.DEBUG
        assert CliRunner().invoke(main, ["-q", "datasets"]).exit_code == 0
        assert logger.level == logging.ERROR
        bad = CliRunner().invoke(main, ["-q", "-v", "datasets"])
        assert bad.exit_code == 2 and "exclude each other" in bad.output
    finally:
        logger.setLevel(before)
    with caplog.at_level(logging.INFO, logger="clusternet"):
        cn.targeting.influence_maximization(cn.generate_cluster(150, seed=1), 2, model="lt")
    assert any("IMM phase 2" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        # issue 30 item 22: the parameter is named, not "could not convert string to float"
        (["generate", "--set", "stage_shares=1,2", "--out", "x.npz"], "stage_shares"),
        (["generate", "--set", "stage_shares=a,b,c,d", "--out", "x.npz"], "stage_shares"),
        (["generate", "--set", "social_degree=many", "--out", "x.npz"], "social_degree"),
        (["simulate", "--firms", "30", "--set", "squeeze=strong"], "squeeze"),
        (["generate", "--set", "no_such_parameter=1", "--out", "x.npz"], "no_such_parameter"),
        # issue 30 (fuzz): "--set ==" gave "unknown parameter(s) ['']", not naming --set
        (["generate", "--set", "==", "--out", "x.npz"], "--set expects key=value"),
        (["simulate", "--firms", "30", "--set", "=1"], "--set expects key=value"),
    ],
)
def test_set_names_the_parameter_it_cannot_take(args, message, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert message in result.output and "could not convert" not in result.output
    assert not (tmp_path / "x.npz").exists()


def test_set_reads_comma_lists_as_the_generator_tuple(tmp_path):
    out = tmp_path / "c.npz"
    result = run("generate", "--firms", "60", "--set", "stage_shares=0,0,1,0", "--out", str(out))
    assert result.exit_code == 0, result.output
    net = cn.load(out)
    # every firm in stage 2 (assembly); the default shares put 30 % there
    assert set(net.column("stage")[net.tier_mask("core")].tolist()) == {2}


def test_every_command_lives_in_its_own_module_of_the_cli_package():
    import importlib

    for name, command in main.commands.items():
        module = importlib.import_module(command.callback.__module__)
        assert module.__name__.startswith("clusternet.cli."), name
        assert module.__name__ != "clusternet.cli.common", name
    modules = {c.callback.__module__ for c in main.commands.values()}
    assert len(modules) == len(main.commands)


def test_keep_freed_memory_flag_sets_the_allocator_before_the_command(recorded_mallopt):
    import clusternet.process_memory as pm

    calls = recorded_mallopt
    result = run("--keep-freed-memory", "datasets")
    assert result.exit_code == 0, result.output
    assert calls == [(pm.M_MMAP_MAX, 0), (pm.M_TRIM_THRESHOLD, -1)]
    assert run("datasets").exit_code == 0 and len(calls) == 2  # not without the flag


def test_keep_freed_memory_flag_without_glibc_warns_and_goes_on(monkeypatch, caplog):
    import clusternet.process_memory as pm

    monkeypatch.setattr(pm, "_kept", False)
    monkeypatch.setattr(pm, "_glibc", lambda: None)
    result = run("--keep-freed-memory", "datasets")
    assert result.exit_code == 0, result.output
    assert "florentine" in result.output
    assert any("not glibc's" in r.getMessage() for r in caplog.records)


def test_keep_freed_memory_flag_refused_is_a_one_line_error(monkeypatch):
    import clusternet.process_memory as pm

    class RefusingLibc:
        def mallopt(self, param, value):
            return 0

    monkeypatch.setattr(pm, "_kept", False)
    monkeypatch.setattr(pm, "_glibc", lambda: RefusingLibc())
    result = run("--keep-freed-memory", "datasets")
    assert result.exit_code == 2, result.output
    assert "--keep-freed-memory: glibc's mallopt refused M_MMAP_MAX = 0" in result.output
    assert "florentine" not in result.output
