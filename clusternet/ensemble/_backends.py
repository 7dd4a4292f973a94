"""How a sweep's tasks run: in this process, in a local process pool, or on Dask.

Every backend hands each finished task to :func:`_settle`, which stores it or
queues it again while retries remain. Private to :mod:`clusternet.ensemble`.
"""

from __future__ import annotations

import os
import time
import traceback
import uuid
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from clusternet.ensemble._store import result_frame
from clusternet.ensemble._tasks import SweepError, Task, unpack

#: A pool worker's shared inputs, unpacked once by its initializer.
_SHARED: dict = {}


def _init_worker(threads: int, shared: bytes) -> None:
    """Set a pool worker's Numba threads and unpack the shared inputs (:func:`payload`) once."""
    import numba

    numba.set_num_threads(max(1, min(threads, numba.config.NUMBA_NUM_THREADS)))  # type: ignore[attr-defined]
    _SHARED.clear()
    _SHARED.update(unpack(shared))


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


def _execute(function, task: Task, shared: dict | None, threads: int | None = None) -> dict:
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


def _execute_local(function, task: Task, marker_dir: str) -> dict:
    """Run a task in a pool worker, leaving a marker while it runs.

    A worker that dies (``os._exit``, a segfault, the OOM killer) leaves its
    marker behind, which tells the parent which tasks were running at the time.
    ``function`` is the task function's :func:`payload`.
    """
    marker = Path(marker_dir) / task.key
    marker.touch()
    try:
        return _execute(unpack(function), task, None)  # None: the worker's shared inputs
    finally:
        marker.unlink(missing_ok=True)


def _progress_bar(total: int, initial: int, enabled: bool):
    from tqdm import tqdm

    return tqdm(total=total, initial=initial, disable=not enabled, desc="sweep", unit="task")


def run_serial(fn, pending, shared, store, workers, address, retries, progress, total) -> None:
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


def run_local(fn, pending, shared, store, workers, address, retries, progress, total) -> None:
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
    suspects: list[Task] = []
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
                retry: list[Task] = []
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
        store.put(result_frame(outcome, attempts[task.key]), task, ok=True)
        bar.update(1)
        return 0
    if attempts[task.key] <= retries:  # attempts so far include the first
        queue.append(task)
        return 0
    store.put(result_frame(outcome, attempts[task.key]), task, ok=False)
    bar.update(1)
    return 1


def run_dask(fn, pending, shared, store, workers, address, retries, progress, total) -> None:
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
            queue: list[Task] = []
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
