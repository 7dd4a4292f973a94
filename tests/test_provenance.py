"""clusternet.io.provenance: the run record of a result file, against git itself."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime

import pytest

from clusternet.io import provenance

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def _git(root, *args):
    return subprocess.run(
        ["git", *args], cwd=root, capture_output=True, text=True, check=True
    ).stdout.strip()


@pytest.fixture
def checkout(tmp_path):
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "config", "user.email", "a@b.c")
    _git(tmp_path, "config", "user.name", "a")
    (tmp_path / "code.py").write_text("x = 1\n")
    (tmp_path / "result.json").write_text("{}\n")
    _git(tmp_path, "add", "code.py", "result.json")
    _git(tmp_path, "commit", "-q", "-m", "first")
    return tmp_path


def test_commit_is_gits_short_hash_and_run_is_now_in_utc(checkout):
    before = datetime.now(UTC).replace(microsecond=0)
    record = provenance(checkout)
    after = datetime.now(UTC)
    assert record["commit"] == _git(checkout, "rev-parse", "--short", "HEAD")
    run = datetime.fromisoformat(record["run"])
    assert run.utcoffset().total_seconds() == 0 and before <= run <= after


def test_edited_code_is_dirty_but_results_and_new_files_are_not(checkout):
    head = _git(checkout, "rev-parse", "--short", "HEAD")
    (checkout / "result.json").write_text('{"a": 1}\n')  # a run writes its own results
    (checkout / "new.py").write_text("y = 2\n")  # untracked
    assert provenance(checkout)["commit"] == head
    (checkout / "code.py").write_text("x = 2\n")
    assert provenance(checkout)["commit"] == head + "+dirty"
    (checkout / "pyproject.toml").write_text("[project]\n")
    _git(checkout, "add", "pyproject.toml")
    _git(checkout, "commit", "-q", "-am", "second")
    second = _git(checkout, "rev-parse", "--short", "HEAD")
    assert second != head and provenance(checkout)["commit"] == second
    (checkout / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    assert provenance(checkout)["commit"] == second + "+dirty"


def test_outside_a_checkout_the_commit_is_unknown(tmp_path):
    assert provenance(tmp_path)["commit"] == "unknown"
    assert provenance(tmp_path / "missing")["commit"] == "unknown"
