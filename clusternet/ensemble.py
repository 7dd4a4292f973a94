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
import os
import pickle
import time
import traceback
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from clusternet._validate import check_int, seed_sequence

__all__ = ["SweepError", "resolve_function", "sweep", "upgrading_task"]

_SHARED: dict = {}
RESERVED = ("task", "rep", "seed", "status", "error", "attempts", "seconds")


class SweepError(ValueError):
    """A sweep that cannot start: bad grid, function or output folder."""


# ---------------------------------------------------------------------- tasks
def upgrading_task(
    n_firms: int = 1000,
    preset: str | None = None,
    steps: int = 30,
    seed: int = 0,
    cluster_seed: int | None = None,
    **params,
) -> dict:
    """One simulation of the upgrading model on a generated cluster; returns end-of-run metrics.

    The cluster is generated with ``cluster_seed`` (default: the task seed) and
    simulated for ``steps`` steps with the task seed and ``params`` (any
    parameter of :class:`clusternet.UpgradingModel`, e.g. policy levers).
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
    """A callable from itself or from ``"package.module:name"``."""
    if callable(function):
        return function
    if isinstance(function, str) and ":" in function:
        module, _, name = function.partition(":")
        try:
            obj = importlib.import_module(module)
            for part in name.split("."):
                obj = getattr(obj, part)
        except (ImportError, AttributeError) as exc:
            raise SweepError(f"cannot import {function!r}: {exc}") from None
        if not callable(obj):
            raise SweepError(f"{function!r} is not callable")
        return obj
    raise SweepError(f"function must be a callable or 'module:name', got {function!r}")


def _check_importable(function: Callable) -> None:
    module = getattr(function, "__module__", None)
    qualname = getattr(function, "__qualname__", "")
    if module is None or "<lambda>" in qualname or "<locals>" in qualname or module == "__main__":
        raise SweepError(
            f"{qualname or function!r} must be importable by worker processes (defined at the top level of a module, "
            "not a lambda, a local function or in __main__); put it in a module or pass 'module:name'"
        )


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
                raise SweepError(f"grid entry {name!r} has no values")
            values.append(v)
        return [dict(zip(names, combo)) for combo in itertools.product(*values)]
    points = [dict(p) for p in grid]
    if not points:
        raise SweepError("grid is empty")
    return points


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
                raise SweepError(f"grid parameter {key!r} clashes with a result column; rename it")
            if key in shared:
                raise SweepError(f"grid parameter {key!r} is also a shared input")
            if not accepts_any and key not in names:
                raise SweepError(
                    f"grid point {k} names parameter {key!r}, which {function.__qualname__} does not take; "
                    f"its parameters: {sorted(names)}"
                )
        try:
            pickle.dumps(point)
        except Exception as exc:  # any pickling failure means workers cannot receive it
            raise SweepError(
                f"grid point {k} ({point!r}) cannot be sent to workers: {exc}"
            ) from None
        try:
            json.dumps(point, default=_json_default)
        except TypeError as exc:
            raise SweepError(f"grid point {k} ({point!r}) cannot be recorded: {exc}") from None


def _json_default(value):
    if isinstance(value, np.generic):
        return value.item()
    raise TypeError(f"{type(value).__name__} values cannot be recorded in the results")


@dataclass(frozen=True)
class _Task:
    task: int
    rep: int
    seed: int
    params: dict


def _tasks(points: list[dict], reps: int, seed) -> list[_Task]:
    ss = seed_sequence(seed)
    children = ss.spawn(len(points) * reps)
    tasks = []
    for k, (point, rep) in enumerate(itertools.product(points, range(reps))):
        task_seed = int(
            children[k].generate_state(2, dtype=np.uint32).view(np.uint64)[0] & np.uint64(2**63 - 1)
        )
        tasks.append(_Task(k, rep, task_seed, point))
    return tasks


# ---------------------------------------------------------------------- running one task
def _init_worker(threads: int, shared: dict) -> None:
    import numba

    numba.set_num_threads(max(1, min(threads, numba.config.NUMBA_NUM_THREADS)))
    _SHARED.clear()
    _SHARED.update(shared)


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


def _execute(function, task: _Task, shared: dict, threads: int | None = None) -> dict:
    """Run one task; never raises (failures come back with their traceback)."""
    if threads is not None:
        import numba

        numba.set_num_threads(max(1, min(threads, numba.config.NUMBA_NUM_THREADS)))
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


def _execute_local(function, task: _Task) -> dict:
    return _execute(function, task, None)


# ---------------------------------------------------------------------- output
class _Store:
    """One Parquet file per finished task in ``out`` (atomic writes), or rows in memory."""

    def __init__(self, out, fingerprint: str) -> None:
        self.rows: dict[int, pd.DataFrame] = {}
        self.out = Path(out) if out is not None else None
        if self.out is None:
            return
        from clusternet.io import _require_pyarrow, atomic_write_text

        _require_pyarrow()
        self.out.mkdir(parents=True, exist_ok=True)
        manifest = self.out / "_sweep.json"
        if manifest.exists():
            saved = json.loads(manifest.read_text()).get("fingerprint")
            if saved != fingerprint:
                raise SweepError(
                    f"{self.out} holds results of a different sweep (function, grid, reps or seed differ); "
                    "use another out folder"
                )
        else:
            atomic_write_text(manifest, json.dumps({"fingerprint": fingerprint}))

    def done(self) -> set[int]:
        if self.out is None:
            return set()
        finished = set()
        for path in self.out.glob("task-*.parquet"):
            try:
                finished.add(int(path.stem.split("-")[1]))
            except (IndexError, ValueError):
                continue
        return finished

    def put(self, frame: pd.DataFrame, task: int, ok: bool) -> None:
        if self.out is None:
            self.rows[task] = frame
            return
        import io as stdio

        from clusternet.io import atomic_write_bytes

        buf = stdio.BytesIO()
        frame.to_parquet(buf, index=False)
        atomic_write_bytes(
            self.out / f"{'task' if ok else 'failed'}-{task:08d}.parquet", buf.getvalue()
        )
        if ok:
            (self.out / f"failed-{task:08d}.parquet").unlink(missing_ok=True)

    def collect(self) -> pd.DataFrame:
        if self.out is None:
            frames = [self.rows[k] for k in sorted(self.rows)]
        else:
            frames = [pd.read_parquet(p) for p in sorted(self.out.glob("task-*.parquet"))]
            frames += [pd.read_parquet(p) for p in sorted(self.out.glob("failed-*.parquet"))]
        if not frames:
            return pd.DataFrame(columns=list(RESERVED))
        table = pd.concat(frames, ignore_index=True)
        return table.sort_values(["task"], kind="stable").reset_index(drop=True)


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
    reps : int
        Replicates per point. Task ``k`` = (point, replicate) gets the seed of
        child ``k`` of ``SeedSequence(seed)``.
    backend : "local" or "dask"
        ``local``: a process pool on this machine, each worker with
        ``cores // workers`` Numba threads. ``dask``: a ``dask.distributed``
        scheduler at ``address`` (e.g. ``tcp://host:8786`` started with ``dask
        scheduler`` / ``dask worker``, or dask-jobqueue on Slurm) or, without an
        address, a ``LocalCluster`` of ``workers`` processes.
    out : folder, optional
        Stream results to a partitioned Parquet dataset (``task-*.parquet``,
        written atomically as tasks finish). A re-run with the same ``out``
        skips finished tasks; failed tasks are tried again.
    retries : int
        A task that raises (or whose worker dies) is retried this many times,
        then recorded with ``status="failed"`` and its traceback in ``error``.
    shared : dict, optional
        Large inputs (e.g. a ClusterNetwork) passed to every call; sent to each
        worker once (pool initializer / ``client.scatter(broadcast=True)``).
    progress : bool
        A progress bar with finished and failed counts; False for scripts.

    Returns
    -------
    DataFrame with ``task``, ``rep``, ``seed``, the parameters, the results,
    ``status``, ``error``, ``attempts`` and ``seconds`` — one row per task (or
    per returned DataFrame row), ordered by task.
    """
    fn = resolve_function(function)
    reps = check_int("reps", reps, minimum=1)
    retries = check_int("retries", retries, minimum=0)
    if backend not in ("local", "dask"):
        raise SweepError(f"backend must be 'local' or 'dask', got {backend!r}")
    if workers is not None:
        workers = check_int("workers", workers, minimum=1)
    shared = dict(shared or {})
    points = _expand(grid)
    _check_grid(fn, points, shared)
    _check_importable(fn)
    try:
        pickle.dumps(shared)
    except Exception as exc:
        raise SweepError(f"shared inputs cannot be sent to workers: {exc}") from None
    tasks = _tasks(points, reps, seed)
    fingerprint = hashlib.sha256(
        json.dumps(
            {
                "function": f"{fn.__module__}:{fn.__qualname__}",
                "points": points,
                "reps": reps,
                "seeds": [t.seed for t in tasks],
            },
            default=_json_default,
            sort_keys=True,
        ).encode()
    ).hexdigest()
    store = _Store(out, fingerprint)
    done = store.done()
    pending = [t for t in tasks if t.task not in done]
    if pending:
        runner = _run_dask if backend == "dask" else _run_local
        runner(fn, pending, shared, store, workers, address, retries, progress, len(tasks))
    return store.collect()


def _progress_bar(total: int, initial: int, enabled: bool):
    from tqdm import tqdm

    return tqdm(total=total, initial=initial, disable=not enabled, desc="sweep", unit="task")


def _run_local(fn, pending, shared, store, workers, address, retries, progress, total) -> None:
    import multiprocessing as mp
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    cores = os.cpu_count() or 1
    workers = workers or min(cores, len(pending))
    threads = max(1, cores // workers)
    attempts = dict.fromkeys((t.task for t in pending), 0)
    queue = list(pending)
    failed = 0
    bar = _progress_bar(total, total - len(pending), progress)
    ctx = mp.get_context("spawn")
    try:
        while queue:
            pool = ProcessPoolExecutor(
                max_workers=workers,
                mp_context=ctx,
                initializer=_init_worker,
                initargs=(threads, shared),
            )
            futures = {}
            for t in queue:
                attempts[t.task] += 1
                futures[pool.submit(_execute_local, fn, t)] = t
            queue = []
            broken = False
            try:
                remaining = set(futures)
                while remaining:
                    finished, remaining = wait(remaining, return_when=FIRST_COMPLETED)
                    for fut in finished:
                        t = futures[fut]
                        try:
                            outcome = fut.result()
                        except BrokenProcessPool:
                            broken = True
                            outcome = {
                                "task": t,
                                "rows": [],
                                "error": "the worker process died (BrokenProcessPool)",
                                "seconds": 0.0,
                            }
                        failed += _settle(outcome, t, attempts, retries, store, queue, bar)
                    if broken:
                        # every unfinished task of the dead pool goes back to the queue
                        # unfinished tasks of the dead pool go back to the queue (their attempt counts)
                        queue.extend(futures[fut] for fut in remaining)
                        remaining = set()
            finally:
                pool.shutdown(wait=not broken, cancel_futures=True)
            bar.set_postfix(failed=failed)
    finally:
        bar.close()


def _settle(outcome, task, attempts, retries, store, queue, bar) -> int:
    """Store a finished task, or queue it again while retries remain. Returns 1 if it failed for good."""
    if outcome["error"] is None:
        store.put(_frame(outcome, attempts[task.task]), task.task, ok=True)
        bar.update(1)
        return 0
    if attempts[task.task] <= retries:  # attempts so far include the first
        queue.append(task)
        return 0
    store.put(_frame(outcome, attempts[task.task]), task.task, ok=False)
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
        cluster = LocalCluster(
            n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = Client(cluster)
        threads = max(1, cores // n)
    else:
        client = Client(address)
        threads = None
    try:
        shared_future = client.scatter(shared, broadcast=True) if shared else None
        attempts = dict.fromkeys((t.task for t in pending), 0)
        bar = _progress_bar(total, total - len(pending), progress)
        failed = 0

        def submit(t):
            attempts[t.task] += 1
            return client.submit(
                _execute,
                fn,
                t,
                shared_future if shared_future is not None else {},
                threads,
                key=f"clusternet-task-{t.task}-{attempts[t.task]}",
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
            queue = []
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
