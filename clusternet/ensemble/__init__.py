"""Sweeps and Monte Carlo ensembles: a process pool on this machine, or a Dask cluster.

:func:`sweep` runs ``function(**params, seed=task_seed)`` for every point of a
parameter grid and every replicate, with one seed per task spawned from a
``numpy.random.SeedSequence`` — so the results are identical whatever the
backend, the number of workers or the order in which tasks finish. Results
stream to a partitioned Parquet dataset (one file per task, written
atomically), and a re-run with the same ``out`` skips the tasks already done.

The package's parts: ``_tasks`` (grid points, tasks, seeds, what travels to
workers), ``_store`` (the Parquet files and the manifest) and ``_backends``
(serial, local pool, Dask).
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterable, Mapping

import pandas as pd

from clusternet._validate import check_int, show
from clusternet.ensemble._backends import run_dask, run_local, run_serial
from clusternet.ensemble._store import Store
from clusternet.ensemble._tasks import (
    Root,
    SweepError,
    check_grid,
    expand_grid,
    make_tasks,
    payload,
)

__all__ = ["SweepError", "resolve_function", "sweep", "upgrading_task"]


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
    points = expand_grid(grid)
    check_grid(fn, points, shared)
    serial = backend == "local" and workers == 1
    if backend == "local" and not serial:  # dask sends both by value itself (cloudpickle)
        job: Callable | bytes = payload(fn, "the task function")
        inputs: dict | bytes = payload(shared, "shared inputs")
    else:
        job, inputs = fn, shared
    name = f"{fn.__module__}:{fn.__qualname__}"
    store = Store(out, name, Root.from_seed(seed), seed_given=seed is not None)
    tasks = make_tasks(points, reps, store.root)
    store.register(tasks)
    done = store.done(tasks)
    pending = [t for t in tasks if t.key not in done]
    if pending:
        runner = run_dask if backend == "dask" else run_serial if serial else run_local
        runner(job, pending, inputs, store, workers, address, retries, progress, len(tasks))
    return store.collect(tasks)
