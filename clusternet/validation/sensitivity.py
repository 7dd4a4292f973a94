"""Variance-based sensitivity of the model's main outputs over the plausible ranges (Sobol)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from clusternet._validate import check_int, seed_sequence
from clusternet.dynamics import simulate_upgrading
from clusternet.generate import generate_cluster
from clusternet.network import ClusterNetwork

__all__ = ["SOBOL_OUTPUTS", "sobol_analysis", "sobol_task"]


SOBOL_OUTPUTS = ("knowledge_growth", "innovations_per_firm", "high_quality_share", "reputation")


def sobol_task(net: ClusterNetwork, steps: int, seed: int, **params) -> dict:
    """One simulation for the Sobol analysis: the main outputs after ``steps`` steps.

    Parameters
    ----------
    net : ClusterNetwork
        The cluster simulated.
    steps : int
        Steps simulated.
    seed : int
        The run's seed.
    **params : float
        Model parameter values (a Saltelli sample point).

    Returns
    -------
    dict of str to float
        ``knowledge_growth``, ``innovations_per_firm``, ``high_quality_share`` and
        ``reputation`` after ``steps`` steps.

    Examples
    --------
    >>> from clusternet.generate import generate_cluster
    >>> sorted(sobol_task(generate_cluster(50, seed=1), 1, 1)) == sorted(SOBOL_OUTPUTS)
    True
    """
    ts = simulate_upgrading(net, steps, seed=seed, **params).timeseries
    first, last = ts.iloc[0], ts.iloc[-1]
    firms = int(net.tier_mask("core").sum())
    return {
        "knowledge_growth": float(last["knowledge_mean"] - first["knowledge_mean"]),
        "innovations_per_firm": float(ts["innovations"].sum()) / firms,
        "high_quality_share": float(last["high_quality_share"]),
        "reputation": float(last["reputation"]),
    }


def sobol_analysis(
    n: int = 32, firms: int = 400, steps: int = 30, seed=None, workers: int | None = None
) -> pd.DataFrame:
    """First-order and total Sobol indices of the main outputs over the plausible ranges.

    Saltelli sampling (SALib) of every parameter with a plausible range
    (:data:`clusternet.dynamics.parameters.PLAUSIBLE`), ``n * (2 d + 2)``
    simulations of one generated cluster through :func:`clusternet.sweep` (each with its
    own seed, so simulation noise is part of the unexplained variance). Returns
    one row per (output, parameter) with ``S1``, ``S1_conf``, ``ST``, ``ST_conf``.

    Parameters
    ----------
    n : int, default 32
        Base sample size of Saltelli's scheme.
    firms : int, default 400
        Size of the generated cluster.
    steps : int, default 30
        Steps per simulation.
    seed : int, optional
        Seed of the cluster and the runs.
    workers : int, optional
        Worker processes.

    Returns
    -------
    DataFrame
        Columns ``output``, ``parameter``, ``S1``, ``S1_conf``, ``ST`` and ``ST_conf``.

    References
    ----------
    Saltelli, A., et al. (2010). Variance based sensitivity analysis of model output.
    *Computer Physics Communications* 181:259–270. Herman & Usher (2017), SALib.

    Examples
    --------
    >>> t = sobol_analysis(n=2, firms=50, steps=1, seed=1, workers=1)
    >>> set(t["output"]) == set(SOBOL_OUTPUTS)
    True
    """
    from SALib.analyze import sobol as sobol_analyze
    from SALib.sample import sobol as sobol_sample

    from clusternet.dynamics.parameters import PLAUSIBLE
    from clusternet.ensemble import sweep

    n = check_int("n", n, minimum=2)
    names = list(PLAUSIBLE)
    problem = {"num_vars": len(names), "names": names, "bounds": [PLAUSIBLE[k] for k in names]}
    ss = seed_sequence(seed)
    sample_seed = int(ss.generate_state(1, dtype=np.uint32)[0])
    x = sobol_sample.sample(problem, n, calc_second_order=False, seed=sample_seed)
    net = generate_cluster(firms, seed=sample_seed)
    grid = [{**dict(zip(names, map(float, row), strict=True)), "steps": steps} for row in x]
    table = sweep(sobol_task, grid, seed=seed, shared={"net": net}, workers=workers, progress=False)
    if (table["status"] != "ok").any():
        raise RuntimeError(table.loc[table["status"] != "ok", "error"].iloc[0])
    rows = []
    for output in SOBOL_OUTPUTS:
        y = table[output].to_numpy(dtype=np.float64)
        res = sobol_analyze.analyze(problem, y, calc_second_order=False, seed=sample_seed)
        for k, name in enumerate(names):
            rows.append(
                {
                    "output": output,
                    "parameter": name,
                    "S1": float(res["S1"][k]),
                    "S1_conf": float(res["S1_conf"][k]),
                    "ST": float(res["ST"][k]),
                    "ST_conf": float(res["ST_conf"][k]),
                }
            )
    return pd.DataFrame(rows)
