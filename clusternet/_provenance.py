"""The record a result file carries: when it was run and on which commit of the code."""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path


def provenance(root: str | os.PathLike | None = None) -> dict[str, str]:
    """The run's date (UTC) and the git commit of the checkout at ``root``.

    A result file that a page quotes should say which run made it: ``run`` is the
    current time in ISO 8601 (UTC, to the second) and ``commit`` the checkout's short
    commit hash, with ``+dirty`` when a tracked Python file or ``pyproject.toml`` differs
    from that commit (edited code: the numbers may not be the commit's). Result files,
    pages and other data the run writes itself do not make it dirty. ``commit`` is
    ``"unknown"`` outside a git checkout or where git is not installed.

    Parameters
    ----------
    root : str or os.PathLike, optional
        A folder inside the checkout (default: the current working directory).

    Returns
    -------
    dict
        ``{"run": "2026-12-05T04:09:52+00:00", "commit": "85f9da5"}`` (for example).

    Examples
    --------
    >>> from clusternet.io import provenance
    >>> record = provenance()
    >>> sorted(record), record["run"].endswith("+00:00")
    (['commit', 'run'], True)
    """
    cwd = Path(root) if root is not None else Path.cwd()

    def git(*args: str) -> str:
        try:
            out = subprocess.run(["git", *args], capture_output=True, text=True, cwd=cwd)
        except OSError:  # git is not installed, or the folder does not exist
            return ""
        return out.stdout.strip() if out.returncode == 0 else ""

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    if commit != "unknown" and git(
        "status", "--porcelain", "--untracked-files=no", "--", "*.py", "pyproject.toml"
    ):
        commit += "+dirty"
    return {"run": datetime.now(UTC).isoformat(timespec="seconds"), "commit": commit}
