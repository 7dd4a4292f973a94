"""Sweeps and Monte Carlo ensembles: a process pool on this machine, or a Dask cluster.

:func:`sweep` runs ``function(**params, seed=task_seed)`` for every point of a
parameter grid and every replicate, with one seed per task spawned from a
``numpy.random.SeedSequence`` — so the results are identical whatever the
backend, the number of workers or the order in which tasks finish. Results
stream to a partitioned Parquet dataset (one file per task, written
atomically), and a re-run with the same ``out`` skips the tasks already done.
"""

from __future__ import annotations

import hashlib
import importlib
import inspect
import itertools
import json
import logging
import os
import pickle
import time
import traceback
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from clusternet._json import json_default
from clusternet._validate import check_int, seed_sequence, show

__all__ = ["SweepError", "resolve_function", "sweep", "upgrading_task"]

logger = logging.getLogger(__name__)

_SHARED: dict = {}
RESERVED = ("task", "rep", "seed", "status", "error", "attempts", "seconds")


class SweepError(ValueError):
    """A sweep that cannot start: bad grid, function or output folder.

    Examples
    --------
    >>> import clusternet as cn
    >>> from clusternet.ensemble import SweepError
    >>> def area(width, height, seed=None):
    ...     return {"area": width * height}
    >>> try:
    ...     cn.sweep(area, {"depth": [1]}, progress=False)
    ... except SweepError as error:
    ...     print(type(error).__name__, isinstance(error, ValueError))
    SweepError True
    """


# ---------------------------------------------------------------------- tasks
def upgrading_task(
    n_firms: int = 1000,
    preset: str | None = None,
    steps: int = 30,
    seed: int | None = None,
    cluster_seed: int | None = None,
    **params,
) -> dict:
    """One simulation of the upgrading model on a generated cluster; returns end-of-run metrics.

    The cluster is generated with ``cluster_seed`` (default: the task seed) and
    simulated for ``steps`` steps with the task seed and ``params``.

    Parameters
    ----------
    n_firms : int, default 1000
        Core firms of the generated cluster.
    preset : str, optional
        Generator preset (e.g. ``"taizhou"``).
    steps : int, default 30
        Simulation steps.
    seed : int, optional
        The task seed (:func:`sweep` passes it).
    cluster_seed : int, optional
        Seed of the generated cluster (default: ``seed``), so that many
        simulation seeds can share one cluster.
    **params
        Any parameter of :class:`clusternet.UpgradingModel`, e.g. policy levers.

    Returns
    -------
    dict
        End-of-run metrics (``knowledge_mean``, ``high_quality_share``,
        ``innovations``, ...), one scalar each.

    Examples
    --------
    >>> from clusternet.ensemble import upgrading_task
    >>> row = upgrading_task(n_firms=60, preset="taizhou", steps=3, seed=1)
    >>> sorted(row)[:3]
    ['contributors_share', 'high_quality_share', 'innovations']
    """
    from clusternet.dynamics import simulate_upgrading
    from clusternet.generate import generate_cluster

    net = generate_cluster(
        n_firms, preset=preset, seed=seed if cluster_seed is None else cluster_seed
    )
    ts = simulate_upgrading(net, steps, seed=seed, **params).timeseries
    end = ts.iloc[-1]
    keys = [
        "knowledge_mean",
        "knowledge_mean_0",
        "knowledge_gini",
        "high_quality_share",
        "reputation",
        "mean_margin",
        "contributors_share",
    ]
    out = {k: float(end[k]) for k in keys}
    out["innovations"] = int(ts["innovations"].sum())
    return out


def resolve_function(function: Callable | str) -> Callable:
    """A callable from itself or from ``"package.module:name"``.

    Parameters
    ----------
    function : callable or str
        A callable (returned as it is) or ``"package.module:name"``.

    Returns
    -------
    callable
        The function.

    Raises
    ------
    SweepError
        When the module or name cannot be imported, or is not callable.

    Examples
    --------
    >>> import math
    >>> from clusternet.ensemble import resolve_function
    >>> resolve_function("clusternet.ensemble:upgrading_task").__name__
    'upgrading_task'
    >>> resolve_function(math.hypot) is math.hypot
    True
    """
    if callable(function):
        return function
    if isinstance(function, str) and ":" in function:
        module, _, name = function.partition(":")
        try:
            obj = importlib.import_module(module)
            for part in name.split("."):
                obj = getattr(obj, part)
        except (ImportError, AttributeError) as exc:
            raise SweepError(f"cannot import {show(function)}: {exc}") from None
        if not callable(obj):
            raise SweepError(f"{show(function)} is not callable")
        return obj
    raise SweepError(f"function must be a callable or 'module:name', got {show(function)}")


def _payload(value, what: str) -> bytes:
    """``value`` as cloudpickle bytes, the one way a sweep sends anything to pool workers.

    The task function and the shared inputs both travel this way: functions
    defined in ``__main__``, in a notebook cell or locally, and shared inputs
    that hold such functions (a model's simulator), travel by value (their
    code), like joblib's; module-level functions and classes travel by
    reference. Something that cannot be sent fails here, at once, naming
    ``what`` it is.
    """
    import cloudpickle

    try:
        return cloudpickle.dumps(value)
    except Exception as exc:
        raise SweepError(f"{what} cannot be sent to workers: {exc}") from None


def _unpack(payload: bytes):
    """A worker's copy of what :func:`_payload` sent.

    ``payload`` is the bytes this sweep's parent process produced with
    :func:`_payload` moments earlier and passed through the pool — never a file
    or anything from outside, so this is not loading untrusted data.
    """
    import cloudpickle

    return cloudpickle.loads(payload)


# ---------------------------------------------------------------------- grid
def _expand(grid: Mapping[str, Iterable] | Iterable[Mapping]) -> list[dict]:
    if isinstance(grid, Mapping):
        if not grid:
            raise SweepError("grid is empty")
        names = list(grid)
        values = []
        for name in names:
            v = grid[name]
            v = [v] if isinstance(v, str) or not isinstance(v, Iterable) else list(v)
            if not v:
                raise SweepError(f"grid entry {show(name)} has no values")
            values.append(v)
        return [dict(zip(names, combo)) for combo in itertools.product(*values)]
    if isinstance(grid, str) or not isinstance(grid, Iterable):
        raise SweepError(
            f"grid must be a dict of value lists or a list of dicts, got {type(grid).__name__}"
        )
    points = list(grid)
    for k, p in enumerate(points):
        if not isinstance(p, Mapping):
            raise SweepError(f"grid point {k} must be a dict of parameters, got {show(p)}")
    if not points:
        raise SweepError("grid is empty")
    return [dict(p) for p in points]


def _check_grid(function: Callable, points: list[dict], shared: Mapping) -> None:
    sig = inspect.signature(function)
    accepts_any = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in sig.parameters.values())
    names = {
        p.name
        for p in sig.parameters.values()
        if p.kind in (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)
    }
    if not accepts_any and "seed" not in names:
        raise SweepError(f"{function.__qualname__} must accept a 'seed' keyword argument")
    for k, point in enumerate(points):
        for key in point:
            if key in RESERVED:
                raise SweepError(
                    f"grid parameter {show(key)} clashes with a result column; rename it"
                )
            if key in shared:
                raise SweepError(f"grid parameter {show(key)} is also a shared input")
            if not accepts_any and key not in names:
                raise SweepError(
                    f"grid point {k} names parameter {show(key)}, which {function.__qualname__} does not take; "
                    f"its parameters: {sorted(names)}"
                )
        try:
            pickle.dumps(point)
        except Exception as exc:  # any pickling failure means workers cannot receive it
            raise SweepError(
                f"grid point {k} ({show(point)}) cannot be sent to workers: {exc}"
            ) from None
        try:
            json.dumps(point, default=json_default)
        except TypeError as exc:
            raise SweepError(f"grid point {k} ({show(point)}) cannot be recorded: {exc}") from None


@dataclass(frozen=True)
class _Task:
    """One (grid point, replicate). ``key`` is its identity, independent of grid position."""

    task: int
    rep: int
    seed: int
    params: dict
    key: str


@dataclass(frozen=True)
class _Root:
    """The sweep's root seed: a SeedSequence's entropy and spawn key (stored in the manifest)."""

    entropy: int | tuple[int, ...]
    spawn_key: tuple[int, ...]

    @classmethod
    def from_seed(cls, seed) -> _Root:
        ss = seed_sequence(seed)
        entropy = ss.entropy
        entropy = tuple(int(e) for e in entropy) if np.ndim(entropy) else int(entropy)  # type: ignore[union-attr,arg-type]
        return cls(entropy, tuple(int(k) for k in ss.spawn_key))

    def to_json(self) -> dict:
        # as strings: a 128-bit entropy does not survive JSON readers that use doubles
        entropy = (
            [str(e) for e in self.entropy] if isinstance(self.entropy, tuple) else str(self.entropy)
        )
        return {"entropy": entropy, "spawn_key": list(self.spawn_key)}

    @classmethod
    def from_json(cls, record: dict) -> _Root:
        e = record["entropy"]
        entropy = tuple(int(x) for x in e) if isinstance(e, list) else int(e)
        return cls(entropy, tuple(int(k) for k in record["spawn_key"]))


def _identity(point: dict) -> str:
    """Canonical text of a grid point (sorted names), the basis of a task's identity."""
    return json.dumps(point, sort_keys=True, default=json_default)


def _task_key(point: dict, rep: int) -> str:
    return hashlib.sha256(f"{_identity(point)}|rep={rep}".encode()).hexdigest()[:24]


def _task_seed(root: _Root, point: dict, rep: int) -> int:
    """The seed of task (point, rep): a child of the root SeedSequence addressed by its identity.

    The spawn key is the point's hash (four 32-bit words) and the replicate, so a
    task keeps its seed when the grid grows, shrinks or is reordered.
    """
    digest = hashlib.sha256(_identity(point).encode()).digest()
    words = [int(w) for w in np.frombuffer(digest[:16], dtype="<u4")]
    child = np.random.SeedSequence(root.entropy, spawn_key=(*root.spawn_key, *words, rep))
    return int(child.generate_state(2, dtype=np.uint32).view(np.uint64)[0] & np.uint64(2**63 - 1))


def _tasks(points: list[dict], reps: int, root: _Root) -> list[_Task]:
    tasks = []
    for k, (point, rep) in enumerate(itertools.product(points, range(reps))):
        tasks.append(_Task(k, rep, _task_seed(root, point, rep), point, _task_key(point, rep)))
    keys = [t.key for t in tasks]
    if len(set(keys)) != len(keys):
        raise SweepError("the grid lists the same parameter point more than once")
    return tasks


# ---------------------------------------------------------------------- running one task
def _init_worker(threads: int, shared: bytes) -> None:
    """Set a pool worker's Numba threads and unpack the shared inputs (:func:`_payload`) once."""
    import numba

    numba.set_num_threads(max(1, min(threads, numba.config.NUMBA_NUM_THREADS)))  # type: ignore[attr-defined]
    _SHARED.clear()
    _SHARED.update(_unpack(shared))


def _normalize(result) -> list[dict]:
    if isinstance(result, pd.DataFrame):
        return result.to_dict(orient="records")
    if isinstance(result, pd.Series):
        return [result.to_dict()]
    if isinstance(result, Mapping):
        return [dict(result)]
    if np.isscalar(result) or result is None:
        return [{"value": result}]
    raise TypeError(
        f"task returned {type(result).__name__}; return a dict of scalars, a scalar or a DataFrame"
    )


def _execute(function, task: _Task, shared: dict | None, threads: int | None = None) -> dict:
    """Run one task; never raises (failures come back with their traceback)."""
    if threads is not None:
        import numba

        numba.set_num_threads(max(1, min(threads, numba.config.NUMBA_NUM_THREADS)))  # type: ignore[attr-defined]
    start = time.perf_counter()
    try:
        kwargs = {**(shared if shared is not None else _SHARED), **task.params}
        rows = _normalize(function(**kwargs, seed=task.seed))
        return {"task": task, "rows": rows, "error": None, "seconds": time.perf_counter() - start}
    except Exception:
        return {
            "task": task,
            "rows": [],
            "error": traceback.format_exc(),
            "seconds": time.perf_counter() - start,
        }


def _execute_local(function, task: _Task, marker_dir: str) -> dict:
    """Run a task in a pool worker, leaving a marker while it runs.

    A worker that dies (``os._exit``, a segfault, the OOM killer) leaves its
    marker behind, which tells the parent which tasks were running at the time.
    ``function`` is the task function's :func:`_payload`.
    """
    marker = Path(marker_dir) / task.key
    marker.touch()
    try:
        return _execute(_unpack(function), task, None)  # None: the worker's shared inputs
    finally:
        marker.unlink(missing_ok=True)


# ---------------------------------------------------------------------- output
MANIFEST_FORMAT = "clusternet-sweep"
MANIFEST_VERSION = 2


class _Store:
    """One Parquet file per finished task in ``out`` (atomic writes), or rows in memory.

    The folder's ``_sweep.json`` manifest records the function, the root seed
    and every task ever run there (its parameters and replicate, by key). Task
    files are named by key, so a larger sweep into the same folder reuses every
    finished task and a smaller one reads back only its own.
    """

    def __init__(self, out, function: str, root: _Root, seed_given: bool) -> None:
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
        stored = _Root.from_json(record["root"])
        if seed_given and stored != root:
            raise SweepError(
                f"{self.out} holds results of a different sweep (root seed "
                f"{_root_text(stored)}, not {_root_text(root)}); use another out folder, or "
                "seed=None to continue with the stored seed"
            )
        if not seed_given:
            logger.warning(
                "resuming the sweep in %s with its stored root seed %s (pass seed=... to say so)",
                self.out,
                _root_text(stored),
            )
        self.root = stored
        self.known = dict(record.get("tasks", {}))

    def register(self, tasks: list[_Task]) -> None:
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

    def done(self, tasks: list[_Task]) -> set[str]:
        """Keys of the given tasks that finished successfully in an earlier run."""
        if self.out is None:
            return set()
        return {t.key for t in tasks if self._path(t.key, True).exists()}

    def put(self, frame: pd.DataFrame, task: _Task, ok: bool) -> None:
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

    def collect(self, tasks: list[_Task]) -> pd.DataFrame:
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


def _root_text(root: _Root) -> str:
    key = f", spawn_key={list(root.spawn_key)}" if root.spawn_key else ""
    return f"entropy={root.entropy}{key}"


def _frame(outcome: dict, attempts: int) -> pd.DataFrame:
    task: _Task = outcome["task"]
    base = {"task": task.task, "rep": task.rep, "seed": task.seed, **task.params}
    ok = outcome["error"] is None
    rows = outcome["rows"] if ok else [{}]
    frame = pd.DataFrame([{**base, **row} for row in rows])
    frame["status"] = "ok" if ok else "failed"
    frame["error"] = None if ok else outcome["error"]
    frame["attempts"] = attempts
    frame["seconds"] = outcome["seconds"]
    return frame


# ---------------------------------------------------------------------- the sweep
def sweep(
    function: Callable | str,
    grid: Mapping[str, Iterable] | Iterable[Mapping],
    reps: int = 1,
    seed=None,
    backend: str = "local",
    address: str | None = None,
    workers: int | None = None,
    out: str | os.PathLike | None = None,
    retries: int = 2,
    shared: Mapping | None = None,
    progress: bool = True,
) -> pd.DataFrame:
    """Run ``function(**params, **shared, seed=task_seed)`` over a grid and replicates.

    Parameters
    ----------
    function : callable or "module:name"
        Importable (top-level) function; it returns a dict of scalars, a scalar
        (column ``value``) or a DataFrame (one result row per DataFrame row).
    grid : dict of lists (Cartesian product) or list of dicts
        Parameter points; every name must be a parameter of ``function``.
    reps : int, default 1
        Replicates per point.
    seed : int, SeedSequence or None
        Root seed. Task (point, replicate) gets the seed of the child of
        ``SeedSequence(seed)`` addressed by a hash of its parameters and its
        replicate number, so a task keeps its seed (and its stored result) when
        the grid grows or is reordered. ``None`` draws fresh entropy, which is
        stored in ``out`` and reused when the sweep is resumed or extended.
    backend : {"local", "dask"}, default "local"
        ``local``: a process pool on this machine, each worker with
        ``cores // workers`` Numba threads. ``dask``: a ``dask.distributed``
        scheduler at ``address`` (e.g. ``tcp://host:8786`` started with ``dask
        scheduler`` / ``dask worker``, or dask-jobqueue on Slurm) or, without an
        address, a ``LocalCluster`` of ``workers`` processes.
    address : str, optional
        The ``dask.distributed`` scheduler's address (``backend="dask"``).
    workers : int, optional
        Worker processes (local pool or ``LocalCluster``; default: one per core,
        at most one per task).
    out : folder, optional
        Stream results to a partitioned Parquet dataset (``task-<key>.parquet``,
        written atomically as tasks finish; ``_sweep.json`` records the
        function, the root seed and the tasks). A re-run into the same ``out``
        skips finished tasks and tries failed ones again; a larger grid or more
        ``reps`` reuses every finished task and runs only the new ones. A
        different function or root seed is refused.
    retries : int, default 2
        A task that raises (or whose worker dies) is retried this many times,
        then recorded with ``status="failed"`` and its traceback in ``error``.
        When a local worker dies, only the tasks it was running are suspects:
        they are rerun one at a time, and only a death while running alone
        counts against a task; tasks that were merely in flight lose nothing.
    shared : dict, optional
        Large inputs (e.g. a ClusterNetwork, or a model holding functions
        defined in a notebook) passed to every call; sent to each worker once
        and by value, like the task function (cloudpickle through the pool
        initializer / ``client.scatter(broadcast=True)``).
    progress : bool, default True
        A progress bar with finished and failed counts; False for scripts.

    Returns
    -------
    DataFrame with ``task``, ``rep``, ``seed``, the parameters, the results,
    ``status``, ``error``, ``attempts`` and ``seconds`` — one row per task (or
    per returned DataFrame row), ordered by task.

    Notes
    -----
    ``workers=1`` with the local backend starts no pool: the tasks run one
    after another in this process, with the same seeds, retries and results
    as a pool's; only a task that kills its process (``os._exit``, a crash in
    compiled code) then takes the caller with it.

    Examples
    --------
    One worker runs the tasks in this process (more start a process pool):

    >>> import clusternet as cn
    >>> def area(width, height, seed=None):
    ...     return {"area": width * height}
    >>> table = cn.sweep(area, {"width": [1, 2], "height": [10]}, reps=2, seed=1,
    ...                  workers=1, progress=False)
    >>> print(table[["width", "height", "rep", "area", "status"]].to_string(index=False))
     width  height  rep  area status
         1      10    0    10     ok
         1      10    1    10     ok
         2      10    0    20     ok
         2      10    1    20     ok
    """
    fn = resolve_function(function)
    reps = check_int("reps", reps, minimum=1)
    retries = check_int("retries", retries, minimum=0)
    if backend not in ("local", "dask"):
        raise SweepError(f"backend must be 'local' or 'dask', got {show(backend)}")
    if workers is not None:
        workers = check_int("workers", workers, minimum=1)
    if shared is not None and not isinstance(shared, Mapping):
        raise SweepError(f"shared must be a dict of inputs, got {type(shared).__name__}")
    if out is not None and not isinstance(out, str | os.PathLike):
        raise SweepError(f"out must be a folder path, got {type(out).__name__}")
    shared = dict(shared or {})
    points = _expand(grid)
    _check_grid(fn, points, shared)
    serial = backend == "local" and workers == 1
    if backend == "local" and not serial:  # dask sends both by value itself (cloudpickle)
        job: Callable | bytes = _payload(fn, "the task function")
        inputs: dict | bytes = _payload(shared, "shared inputs")
    else:
        job, inputs = fn, shared
    name = f"{fn.__module__}:{fn.__qualname__}"
    store = _Store(out, name, _Root.from_seed(seed), seed_given=seed is not None)
    tasks = _tasks(points, reps, store.root)
    store.register(tasks)
    done = store.done(tasks)
    pending = [t for t in tasks if t.key not in done]
    if pending:
        runner = _run_dask if backend == "dask" else _run_serial if serial else _run_local
        runner(job, pending, inputs, store, workers, address, retries, progress, len(tasks))
    return store.collect(tasks)


def _progress_bar(total: int, initial: int, enabled: bool):
    from tqdm import tqdm

    return tqdm(total=total, initial=initial, disable=not enabled, desc="sweep", unit="task")


def _run_serial(fn, pending, shared, store, workers, address, retries, progress, total) -> None:
    """Run tasks one after another in this process (``workers=1``): no pool to start.

    The task seeds, retries and stored rows are those of the pool; only a task
    that kills its process (``os._exit``, a crash in compiled code) takes the
    caller with it instead of being charged and retried.
    """
    attempts = dict.fromkeys((t.key for t in pending), 0)
    queue = list(pending)
    failed = 0
    bar = _progress_bar(total, total - len(pending), progress)
    try:
        while queue:
            t = queue.pop(0)
            attempts[t.key] += 1
            failed += _settle(_execute(fn, t, shared), t, attempts, retries, store, queue, bar)
            bar.set_postfix(failed=failed)
    finally:
        bar.close()


def _run_local(fn, pending, shared, store, workers, address, retries, progress, total) -> None:
    """Run tasks in a spawn process pool; a worker's death is charged to the task that caused it.

    When a worker dies the pool is lost with every task in flight. Tasks that
    had not started go back to the queue unharmed; tasks that were running (their
    start markers survive the worker) become suspects and are rerun one at a
    time in a pool of their own, where a death can only be theirs. Only such a
    solitary death, or an exception, counts as a failed attempt.
    """
    import tempfile

    cores = os.cpu_count() or 1
    workers = workers or min(cores, len(pending))
    threads = max(1, cores // workers)
    attempts = dict.fromkeys((t.key for t in pending), 0)
    queue = list(pending)
    suspects: list[_Task] = []
    failed = 0
    idle_breaks = 0  # pools lost before any task started: workers cannot even start
    bar = _progress_bar(total, total - len(pending), progress)
    markers = tempfile.mkdtemp(prefix="clusternet-sweep-")
    try:
        while queue or suspects:
            alone = bool(suspects)
            batch = [suspects.pop(0)] if alone else queue
            if not alone:
                queue = []
            settled = 0

            def on_done(t, outcome, queue=queue):
                nonlocal failed, settled
                attempts[t.key] += 1
                failed += _settle(outcome, t, attempts, retries, store, queue, bar)
                settled += 1

            unfinished, running = _pool_round(
                fn, batch, 1 if alone else workers, threads, shared, markers, on_done
            )
            if alone and unfinished:
                t = unfinished[0]
                attempts[t.key] += 1
                outcome = {
                    "task": t,
                    "rows": [],
                    "error": "the worker process died while running this task alone "
                    "(os._exit, a crash in compiled code, or the out-of-memory killer)",
                    "seconds": 0.0,
                }
                retry: list[_Task] = []
                failed += _settle(outcome, t, attempts, retries, store, retry, bar)
                suspects.extend(retry)  # a retry of a proven crasher runs alone again
                continue
            if unfinished and not settled and not running:
                idle_breaks += 1
                if idle_breaks >= 2:
                    raise SweepError(
                        "the sweep's worker processes die before running any task: make sure "
                        "the task function's module imports cleanly in a fresh interpreter and "
                        "that the shared inputs can be unpickled there"
                    )
            else:
                idle_breaks = 0
            suspects.extend(t for t in unfinished if t.key in running)
            queue.extend(t for t in unfinished if t.key not in running)
            bar.set_postfix(failed=failed)
    finally:
        bar.close()
        import shutil

        shutil.rmtree(markers, ignore_errors=True)


def _pool_round(fn, batch, workers, threads, shared, markers, on_done):
    """Run ``batch`` in a fresh pool until all finish or the pool breaks.

    Each finished task is handed to ``on_done(task, outcome)`` at once (results
    are stored as they arrive). Returns ``(unfinished, running)``: the tasks
    left when the pool broke, and the keys among them that were running at that
    moment (their start markers remained).
    """
    from concurrent.futures import FIRST_COMPLETED, wait
    from concurrent.futures.process import BrokenProcessPool

    # loky (joblib's executor): workers start fresh without re-running the caller's
    # __main__, so a script without a main guard or a notebook can run a sweep
    from loky import ProcessPoolExecutor

    pool = ProcessPoolExecutor(
        max_workers=workers,
        initializer=_init_worker,
        initargs=(threads, shared),
    )
    futures = {pool.submit(_execute_local, fn, t, markers): t for t in batch}
    seen: set[str] = set()
    broken = False
    try:
        remaining = set(futures)
        while remaining and not broken:
            done, remaining = wait(remaining, return_when=FIRST_COMPLETED)
            for fut in done:
                try:
                    outcome = fut.result()
                except BrokenProcessPool:
                    broken = True
                    continue
                seen.add(futures[fut].key)
                on_done(futures[fut], outcome)
    finally:
        for fut in futures:  # loky's shutdown has no cancel_futures: cancel what has not started
            fut.cancel()
        pool.shutdown(wait=not broken, kill_workers=broken)
    if not broken:
        return [], set()
    for fut, t in futures.items():  # results that arrived just before the break still count
        if t.key not in seen and fut.done() and not fut.cancelled() and fut.exception() is None:
            seen.add(t.key)
            on_done(t, fut.result())
    unfinished = [t for t in futures.values() if t.key not in seen]
    running = set()
    for t in unfinished:
        marker = Path(markers) / t.key
        if marker.exists():
            running.add(t.key)
            marker.unlink(missing_ok=True)
    return unfinished, running


def _settle(outcome, task, attempts, retries, store, queue, bar) -> int:
    """Store a finished task, or queue it again while retries remain. Returns 1 if it failed for good."""
    if outcome["error"] is None:
        store.put(_frame(outcome, attempts[task.key]), task, ok=True)
        bar.update(1)
        return 0
    if attempts[task.key] <= retries:  # attempts so far include the first
        queue.append(task)
        return 0
    store.put(_frame(outcome, attempts[task.key]), task, ok=False)
    bar.update(1)
    return 1


def _run_dask(fn, pending, shared, store, workers, address, retries, progress, total) -> None:
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise ImportError(
            "backend='dask' needs dask.distributed: pip install 'clusternet[dask]'"
        ) from None
    cluster = None
    if address is None:
        cores = os.cpu_count() or 1
        n = workers or min(cores, len(pending))
        try:
            cluster = LocalCluster(
                n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None
            )
        except RuntimeError as exc:
            raise SweepError(
                "backend='dask' without an address starts a dask LocalCluster, whose worker "
                "processes re-import the main script: run the sweep under "
                '`if __name__ == "__main__":`, use the local backend (it needs no guard), or '
                f"start a scheduler and pass its address ({exc})"
            ) from None
        client = Client(cluster)
        threads = max(1, cores // n)
    else:
        client = Client(address)
        threads = None
    try:
        shared_future = client.scatter(shared, broadcast=True) if shared else None
        attempts = dict.fromkeys((t.key for t in pending), 0)
        bar = _progress_bar(total, total - len(pending), progress)
        failed = 0
        # keys unique to this sweep: two sweeps on one scheduler must never share a key
        token = uuid.uuid4().hex[:12]

        def submit(t):
            attempts[t.key] += 1
            return client.submit(
                _execute,
                fn,
                t,
                shared_future if shared_future is not None else {},
                threads,
                key=f"clusternet-{token}-{t.key}-{attempts[t.key]}",
                pure=False,
            )

        futures = {submit(t): t for t in pending}
        stream = as_completed(list(futures))
        for fut in stream:
            t = futures.pop(fut)
            try:
                outcome = fut.result()
            except Exception:  # the worker died more often than the scheduler allows
                outcome = {"task": t, "rows": [], "error": traceback.format_exc(), "seconds": 0.0}
            queue: list[_Task] = []
            failed += _settle(outcome, t, attempts, retries, store, queue, bar)
            for again in queue:
                new = submit(again)
                futures[new] = again
                stream.add(new)
            bar.set_postfix(failed=failed)
        bar.close()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
