"""The clusternet command through click's runner and as a subprocess."""

import json
import subprocess
import sys

import pandas as pd
from click.testing import CliRunner

from clusternet.cli import main


def test_demo_on_dataset_writes_tables(tmp_path):
    result = CliRunner().invoke(main, ["demo", "--dataset", "florentine", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "marriage" in result.output and "Actors per tier and role" in result.output
    assert "Not available here" in result.output  # the Florentine data lack firm attributes
    actors = pd.read_csv(tmp_path / "actors.csv")
    edges = pd.read_csv(tmp_path / "edges.csv")
    assert len(actors) == 16 and len(edges) == 35


def test_demo_default_cluster_json(tmp_path):
    result = CliRunner().invoke(main, ["demo", "--out", str(tmp_path), "--json"])
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


def test_user_error_is_one_line_exit_2():
    proc = subprocess.run(
        [sys.executable, "-m", "clusternet.cli", "--threads", "0", "datasets"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0 and "threads" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_datasets_lists_citations():
    result = CliRunner().invoke(main, ["datasets", "--json"])
    names = [row["name"] for row in json.loads(result.output)]
    assert names == ["ckm", "lazega", "florentine"]
