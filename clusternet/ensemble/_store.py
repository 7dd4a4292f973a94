"""Where a sweep's results go: one Parquet file per task and a manifest, or memory.

Private to :mod:`clusternet.ensemble`.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pandas as pd

from clusternet._json import json_default
from clusternet.ensemble._tasks import RESERVED, Root, SweepError, Task

logger = logging.getLogger("clusternet.ensemble")

MANIFEST_FORMAT = "clusternet-sweep"
MANIFEST_VERSION = 2


class Store:
    """One Parquet file per finished task in ``out`` (atomic writes), or rows in memory.

    The folder's ``_sweep.json`` manifest records the function, the root seed
    and every task ever run there (its parameters and replicate, by key). Task
    files are named by key, so a larger sweep into the same folder reuses every
    finished task and a smaller one reads back only its own.
    """

    def __init__(self, out, function: str, root: Root, seed_given: bool) -> None:
        self.rows: dict[str, pd.DataFrame] = {}
        self.out = Path(out) if out is not None else None
        self.root = root
        self.function = function
        self.known: dict[str, dict] = {}
        if self.out is None:
            return
        from clusternet.io import require_pyarrow

        require_pyarrow()
        self.out.mkdir(parents=True, exist_ok=True)
        manifest = self.out / "_sweep.json"
        if not manifest.exists():
            return
        try:
            record = json.loads(manifest.read_text())
        except json.JSONDecodeError as exc:
            raise SweepError(f"{manifest} is not a sweep manifest ({exc})") from None
        if record.get("format") != MANIFEST_FORMAT or record.get("version") != MANIFEST_VERSION:
            raise SweepError(
                f"{self.out} holds results of a different sweep (written by another clusternet "
                "version, without task identities); use another out folder"
            )
        if record["function"] != function:
            raise SweepError(
                f"{self.out} holds results of a different sweep (function {record['function']}, "
                f"not {function}); use another out folder"
            )
        stored = Root.from_json(record["root"])
        if seed_given and stored != root:
            raise SweepError(
                f"{self.out} holds results of a different sweep (root seed "
                f"{root_text(stored)}, not {root_text(root)}); use another out folder, or "
                "seed=None to continue with the stored seed"
            )
        if not seed_given:
            logger.warning(
                "resuming the sweep in %s with its stored root seed %s (pass seed=... to say so)",
                self.out,
                root_text(stored),
            )
        self.root = stored
        self.known = dict(record.get("tasks", {}))

    def register(self, tasks: list[Task]) -> None:
        """Record the tasks of this run in the manifest (atomic rewrite)."""
        if self.out is None:
            return
        from clusternet._files import atomic_write_text

        for t in tasks:
            self.known.setdefault(t.key, {"params": t.params, "rep": t.rep})
        record = {
            "format": MANIFEST_FORMAT,
            "version": MANIFEST_VERSION,
            "function": self.function,
            "root": self.root.to_json(),
            "tasks": self.known,
        }
        assert self.out is not None
        atomic_write_text(
            self.out / "_sweep.json", json.dumps(record, default=json_default, indent=1)
        )

    def _path(self, key: str, ok: bool) -> Path:
        assert self.out is not None  # only called when results are stored
        return self.out / f"{'task' if ok else 'failed'}-{key}.parquet"

    def done(self, tasks: list[Task]) -> set[str]:
        """Keys of the given tasks that finished successfully in an earlier run."""
        if self.out is None:
            return set()
        return {t.key for t in tasks if self._path(t.key, True).exists()}

    def put(self, frame: pd.DataFrame, task: Task, ok: bool) -> None:
        if self.out is None:
            self.rows[task.key] = frame
            return
        import io as stdio

        from clusternet._files import atomic_write_bytes

        buf = stdio.BytesIO()
        frame.to_parquet(buf, index=False)
        atomic_write_bytes(self._path(task.key, ok), buf.getvalue())
        if ok:
            self._path(task.key, False).unlink(missing_ok=True)

    def collect(self, tasks: list[Task]) -> pd.DataFrame:
        """Rows of this sweep (its tasks only), numbered by their position in this grid."""
        frames = []
        for t in tasks:
            if self.out is None:
                frame = self.rows.get(t.key)
            else:
                path = self._path(t.key, True)
                if not path.exists():
                    path = self._path(t.key, False)
                frame = pd.read_parquet(path) if path.exists() else None
            if frame is not None:
                frame = frame.copy()
                frame["task"] = t.task
                frames.append(frame)
        if not frames:
            return pd.DataFrame(columns=list(RESERVED))
        table = pd.concat(frames, ignore_index=True)
        return table.sort_values(["task"], kind="stable").reset_index(drop=True)


def root_text(root: Root) -> str:
    key = f", spawn_key={list(root.spawn_key)}" if root.spawn_key else ""
    return f"entropy={root.entropy}{key}"


def result_frame(outcome: dict, attempts: int) -> pd.DataFrame:
    task: Task = outcome["task"]
    base = {"task": task.task, "rep": task.rep, "seed": task.seed, **task.params}
    ok = outcome["error"] is None
    rows = outcome["rows"] if ok else [{}]
    frame = pd.DataFrame([{**base, **row} for row in rows])
    frame["status"] = "ok" if ok else "failed"
    frame["error"] = None if ok else outcome["error"]
    frame["attempts"] = attempts
    frame["seconds"] = outcome["seconds"]
    return frame
