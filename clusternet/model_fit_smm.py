r"""Point estimates of a model's parameters by the simulated method of moments, through ``cn.sweep``.

A Latin-hypercube design of ``points`` parameter vectors over the prior box is
run ``reps`` times each with common random numbers (replicate ``r`` uses the
same seed at every point) through :func:`clusternet.sweep` (local pool or
Dask). The estimate is the design point minimising

.. math::

    D(\theta) = \sum_k \Big(\frac{\bar m_k(\theta) - s_{\mathrm{obs},k}}{\sigma_k}\Big)^2,

with :math:`\bar m_k` the mean of statistic :math:`k` over the replicates and
:math:`\sigma_k` its within-point standard deviation pooled over the design (the
simulation noise). No intervals: for uncertainty use ABC (``method="abc"``).
"""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
from scipy.stats import qmc

from clusternet._validate import check_int, derived_sequence

__all__ = ["fit_smm", "smm_task"]


def smm_task(simulator, crn_seed: int, seed: int | None = None, **params) -> dict:
    """One run of ``simulator`` at ``params`` with the replicate's common seed ``crn_seed``.

    :func:`fit_smm` passes the simulator as a shared input of
    :func:`clusternet.sweep`, which sends it to the workers by value (so models
    defined in a notebook or a function travel too).

    Parameters
    ----------
    simulator : callable
        ``simulator(params, seed) -> {statistic: value}``.
    crn_seed : int
        The replicate's seed, shared by every design point (common random numbers).
    seed : int, optional
        The sweep's task seed (ignored: ``crn_seed`` drives the run).
    **params
        The design point.

    Returns
    -------
    dict {str: float}
        The simulated statistics.

    Examples
    --------
    >>> smm_task(lambda p, s: {"twice": 2 * p["a"] + s}, crn_seed=1, seed=99, a=3.0)
    {'twice': 7.0}
    """
    return simulator(params, int(crn_seed))


def fit_smm(sim, bounds: dict, points: int, reps: int, root, workers, client, address):
    r"""The SMM path of :func:`clusternet.fit_model` (see the module docstring).

    A Latin-hypercube design of ``points`` parameter vectors, each run ``reps``
    times with the same ``reps`` seeds (common random numbers), through
    :func:`clusternet.sweep`; the estimate is the design point minimising
    :math:`\sum_k \big((\mathrm{mean}_k - \mathrm{observed}_k) / \mathrm{sd}_k\big)^2`
    with :math:`\mathrm{sd}_k` the pooled
    within-point standard deviation of statistic :math:`k` (McFadden 1989).

    Parameters
    ----------
    sim : Simulator
        The model, its statistics and the observed values (``sim.observed``).
    bounds : dict {str: (float, float)}
        The design box.
    points, reps : int
        Design points and replicates per point (at least 2 each).
    root : numpy.random.SeedSequence
        Root seed of the design and the replicates' seeds.
    workers : int or None
        Local process-pool workers.
    client, address
        A ``distributed.Client`` or a scheduler address for the Dask backend.

    Returns
    -------
    ModelFit
        ``method="smm"``: the design table with distances as ``posterior``
        (weight 1 on the best point), point estimates without intervals, and the
        predictive range over the best point's replicates.

    Examples
    --------
    Through the public entry point, on a coin whose bias is to be found
    (``workers=1``: in this process):

    >>> import numpy as np
    >>> import clusternet as cn
    >>> def coin(seed, p):
    ...     return {"heads": np.random.default_rng(seed).binomial(100, p) / 100}
    >>> fit = cn.fit_model(None, {"heads": 0.3}, {"p": (0, 1)}, model=coin,
    ...                    method="smm", smm_points=8, smm_reps=2, seed=1, workers=1)
    >>> fit.method, bool(0.15 < fit.estimates["p"] < 0.45)
    ('smm', True)
    """
    from clusternet.ensemble import sweep
    from clusternet.model_fit import ModelFit

    points = check_int("smm_points", points, minimum=2)
    reps = check_int("smm_reps", reps, minimum=2)
    names = list(bounds)
    box = np.array([bounds[p] for p in names], dtype=np.float64)
    if not np.isfinite(box).all():
        raise ValueError("method='smm' needs (low, high) bounds for every parameter")
    start = time.perf_counter()
    rng = np.random.default_rng(derived_sequence(root, 3))
    unit = qmc.LatinHypercube(d=len(names), seed=rng).random(points)
    design = box[:, 0] + unit * (box[:, 1] - box[:, 0])
    crn = rng.integers(0, 2**31 - 1, size=reps)
    grid = [
        {**{p: float(v) for p, v in zip(names, row)}, "crn_seed": int(c)}
        for row in design
        for c in crn
    ]
    if client is not None and address is None:
        address = client.scheduler.address
    result = sweep(
        smm_task,
        grid,
        seed=int(derived_sequence(root, 4).generate_state(1)[0]),
        backend="dask" if address is not None else "local",
        address=address,
        workers=workers,
        shared={"simulator": sim},
        progress=False,
    )
    failed = result[result["status"] != "ok"]
    if len(failed):
        raise RuntimeError(
            f"{len(failed)} SMM runs failed; first error:\n{failed['error'].iloc[0]}"
        )
    stats = list(sim.observed)
    obs = np.array([sim.observed[k] for k in stats])
    groups = result.groupby(names, sort=False)[stats]
    mean = groups.mean()
    sd = np.sqrt(groups.var(ddof=1).mean()).to_numpy()
    spread = mean.std(ddof=1).to_numpy()
    scale = np.where(sd > 0, sd, np.where(spread > 0, spread, 1.0))
    distance = (((mean.to_numpy() - obs) / scale) ** 2).sum(axis=1)
    table = mean.reset_index()[names].astype(np.float64)
    table["distance"] = distance
    best = int(np.argmin(distance))
    table["weight"] = 0.0
    table.loc[best, "weight"] = 1.0
    intervals = pd.DataFrame(
        {
            "mean": table.loc[best, names].to_numpy(dtype=np.float64),
            "median": table.loc[best, names].to_numpy(dtype=np.float64),
            "low": np.nan,
            "high": np.nan,
            "prior_low": box[:, 0],
            "prior_high": box[:, 1],
        },
        index=names,
    )
    at_best = result.loc[
        np.all([np.isclose(result[p], table.loc[best, p]) for p in names], axis=0), stats
    ]
    predictive = pd.DataFrame(
        {
            "observed": obs,
            "median": at_best.median().to_numpy(),
            "low": at_best.min().to_numpy(),
            "high": at_best.max().to_numpy(),
        },
        index=stats,
    )
    predictive["inside"] = (predictive["observed"] >= predictive["low"]) & (
        predictive["observed"] <= predictive["high"]
    )
    return ModelFit(
        params=names,
        posterior=table,
        intervals=intervals,
        predictive=predictive,
        generations=pd.DataFrame(),
        level=float("nan"),
        simulations=len(result),
        seconds=time.perf_counter() - start,
        method="smm",
    )
