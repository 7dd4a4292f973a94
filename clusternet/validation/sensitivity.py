"""Which behavioural parameters move the model's main outputs over their plausible ranges.

:func:`morris_screening` ranks every parameter by Morris's elementary effects
(``r (k + 1)`` runs, each trajectory on one seed, so an effect is a paired
difference); :func:`sobol_analysis` gives variance-based indices where a budget of
``n (k + 2)`` runs with ``n`` in the hundreds allows it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from clusternet._validate import check_int, derived_sequence, seed_sequence
from clusternet.dynamics import simulate_upgrading
from clusternet.generate import generate_cluster
from clusternet.network import ClusterNetwork

__all__ = [
    "SOBOL_OUTPUTS",
    "Screening",
    "morris_screening",
    "morris_task",
    "sobol_analysis",
    "sobol_task",
]


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
    # the sample, the cluster and the bootstrap each from a child of their own
    sample_seed, cluster_seed, boot_seed = (
        int(derived_sequence(ss, i).generate_state(1, dtype=np.uint32)[0]) for i in range(3)
    )
    x = sobol_sample.sample(problem, n, calc_second_order=False, seed=sample_seed)
    net = generate_cluster(firms, seed=cluster_seed)
    grid = [{**dict(zip(names, map(float, row), strict=True)), "steps": steps} for row in x]
    table = sweep(sobol_task, grid, seed=seed, shared={"net": net}, workers=workers, progress=False)
    if (table["status"] != "ok").any():
        raise RuntimeError(table.loc[table["status"] != "ok", "error"].iloc[0])
    rows = []
    for output in SOBOL_OUTPUTS:
        y = table[output].to_numpy(dtype=np.float64)
        res = sobol_analyze.analyze(problem, y, calc_second_order=False, seed=boot_seed)
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


def morris_task(
    net: ClusterNetwork, steps: int, run_seed: int, point: int, seed=None, **params
) -> dict:
    """One run of the Morris screening: :func:`sobol_task` on the trajectory's seed.

    Parameters
    ----------
    net : ClusterNetwork
        The cluster simulated.
    steps : int
        Steps simulated.
    run_seed : int
        The seed of the run's trajectory (every run of a trajectory shares it, so
        an elementary effect compares two runs on the same draws).
    point : int
        The run's row in the Morris sample (it keeps the order; not used otherwise).
    seed : optional
        The sweep's own task seed; ignored (see ``run_seed``).
    **params : float
        Model parameter values (a point of the Morris sample).

    Returns
    -------
    dict of str to float
        :data:`SOBOL_OUTPUTS` after ``steps`` steps.

    Examples
    --------
    >>> from clusternet.generate import generate_cluster
    >>> net = generate_cluster(50, seed=1)
    >>> morris_task(net, 2, 7, 0, seed=1) == morris_task(net, 2, 7, 3, seed=2)
    True
    """
    return sobol_task(net, steps, int(run_seed), **params)


@dataclass(frozen=True)
class Screening:
    """Result of :func:`morris_screening`.

    Attributes
    ----------
    indices : DataFrame
        One row per (output, parameter): ``mu``, ``mu_star``, ``mu_star_conf``
        (1.96 bootstrap standard errors) and ``sigma`` of the elementary effects,
        each the change of the output per full plausible range of the parameter;
        ``noise_floor``, the parameter's own noise floor on that output
        (:func:`clusternet.measures.seed_noise`), and ``above_noise``, whether
        ``mu_star`` less ``mu_star_conf`` lies above it (False where no floor was
        measured).
    runs : DataFrame
        One row per simulation in sample order: ``trajectory``, ``run_seed``,
        every parameter and every output.
    noise : DataFrame
        One row per output: ``noise_floor``, the parameters' own floors averaged
        (the mean absolute change of an elementary effect when only the seed
        changes, over sqrt 2), and ``pairs`` (the effects it averages; 0 and a NaN
        floor without noise runs).
    noise_runs : DataFrame
        The noise runs: the first trajectories' points on second seeds, as ``runs``.

    Examples
    --------
    >>> import pandas as pd
    >>> s = Screening(pd.DataFrame({"output": ["y"], "parameter": ["a"], "mu_star": [0.2]}),
    ...               pd.DataFrame())
    >>> s.inert()
    []
    """

    indices: pd.DataFrame
    runs: pd.DataFrame
    noise: pd.DataFrame = field(default_factory=pd.DataFrame)
    noise_runs: pd.DataFrame = field(default_factory=pd.DataFrame)

    def top(self, output: str, k: int = 5) -> pd.DataFrame:
        """The ``k`` parameters with the largest ``mu_star`` for ``output``.

        Parameters
        ----------
        output : str
            One of :data:`SOBOL_OUTPUTS`.
        k : int, default 5
            How many.

        Returns
        -------
        DataFrame
            Rows of ``indices``, largest ``mu_star`` first.

        Examples
        --------
        >>> import pandas as pd
        >>> s = Screening(pd.DataFrame({"output": ["y", "y"], "parameter": ["a", "b"],
        ...                             "mu_star": [0.1, 0.3]}), pd.DataFrame())
        >>> list(s.top("y", 1)["parameter"])
        ['b']
        """
        if output not in set(self.indices["output"]):
            raise ValueError(
                f"output must be one of {sorted(set(self.indices['output']))}, got {output!r}"
            )
        k = check_int("k", k, minimum=1)
        rows = self.indices[self.indices["output"] == output]
        return rows.sort_values("mu_star", ascending=False, kind="stable").head(k)

    def inert(self) -> list[str]:
        """Parameters whose every elementary effect on every output is exactly zero.

        Returns
        -------
        list of str
            In the order of :data:`clusternet.dynamics.parameters.PLAUSIBLE`.

        Examples
        --------
        >>> import pandas as pd
        >>> s = Screening(pd.DataFrame({"output": ["y", "y", "z", "z"],
        ...                             "parameter": ["a", "b", "a", "b"],
        ...                             "mu_star": [0.0, 0.3, 0.0, 0.0]}), pd.DataFrame())
        >>> s.inert()
        ['a']
        """
        by_parameter = self.indices.groupby("parameter", sort=False)["mu_star"].max()
        return [p for p, v in by_parameter.items() if v == 0.0]


def morris_screening(
    trajectories: int = 20,
    firms: int = 400,
    steps: int = 30,
    levels: int = 4,
    noise_trajectories: int = 10,
    seed=None,
    workers: int | None = None,
) -> Screening:
    r"""Morris screening of every behavioural parameter over its plausible range.

    Every parameter with a plausible range
    (:data:`clusternet.dynamics.parameters.PLAUSIBLE`) is a factor of
    :func:`clusternet.measures.morris`: ``trajectories`` trajectories of
    ``k + 1`` runs on one generated cluster, through :func:`clusternet.sweep`,
    each parameter drawn on its range's linear scale. The runs of a trajectory
    share one seed :math:`s_t` (common random numbers: the model's draws are keyed
    by actor and tie, so a parameter change leaves every other draw as it was),
    and each trajectory has its own, so the elementary effect

    .. math::

        EE_i = \frac{f(x + \Delta e_i; s_t) - f(x; s_t)}{\Delta}

    is a paired difference on seed :math:`s_t`. Pairing removes most of the
    simulation noise but not all: an effect still changes with the seed. The
    first ``noise_trajectories`` trajectories are run again on second seeds
    :math:`s'_t`, and each parameter's own noise floor is

    .. math::

        \nu_i = \frac{1}{\sqrt 2} \operatorname{mean}_t |EE_i(s_t) - EE_i(s'_t)|

    (:func:`clusternet.measures.seed_noise`): about the :math:`\mu^*` of a
    parameter that only reshuffles random draws (one with no effect at all has
    :math:`\mu^* = 0` exactly, the draws being shared). A parameter is *above its
    noise floor* when :math:`\mu^*` less its interval's half-width exceeds
    :math:`\nu_i`; an output's floor in ``noise`` is the parameters' average. The
    indices are conditional on the one generated cluster.

    Parameters
    ----------
    trajectories : int, default 20
        Trajectories ``r`` (``r (k + 1)`` simulations).
    firms : int, default 400
        Size of the generated cluster.
    steps : int, default 30
        Steps per simulation.
    levels : int, default 4
        Grid levels per parameter.
    noise_trajectories : int, default 10
        Trajectories run again on second seeds for the noise floor (0 for none;
        at most ``trajectories``).
    seed : int, optional
        Seed of the cluster, the sample and the runs (each from its own child).
    workers : int, optional
        Worker processes.

    Returns
    -------
    Screening
        ``indices`` (``mu``, ``mu_star``, ``mu_star_conf``, ``sigma``,
        ``noise_floor`` and ``above_noise`` per output and parameter), ``runs``,
        ``noise`` and ``noise_runs``.

    Raises
    ------
    TypeError
        A size that is not an integer.
    ValueError
        ``trajectories < 2``, ``firms < 2``, ``steps < 1``, ``levels`` odd or
        below 2, or ``noise_trajectories`` outside ``[0, trajectories]``.
    RuntimeError
        A simulation that failed (its error).

    References
    ----------
    Morris, M. D. (1991). *Technometrics* 33:161–174. Campolongo, F., Cariboni,
    J., & Saltelli, A. (2007). *Environmental Modelling & Software* 22:1509–1518.

    Examples
    --------
    >>> s = morris_screening(trajectories=2, firms=50, steps=1, noise_trajectories=0,
    ...                      seed=1, workers=1)
    >>> len(s.runs) == 2 * (len(s.indices) // len(SOBOL_OUTPUTS) + 1)
    True
    """
    from clusternet.dynamics.parameters import PLAUSIBLE
    from clusternet.ensemble import sweep
    from clusternet.measures import morris, seed_noise

    trajectories = check_int("trajectories", trajectories, minimum=2)
    firms = check_int("firms", firms, minimum=2)
    steps = check_int("steps", steps, minimum=1)
    noise_trajectories = check_int(
        "noise_trajectories", noise_trajectories, minimum=0, maximum=trajectories
    )
    names = list(PLAUSIBLE)
    bounds = [PLAUSIBLE[k] for k in names]
    per = len(names) + 1
    root = seed_sequence(seed)
    cluster_seed, design_seed, run_seed, noise_seed = (derived_sequence(root, i) for i in range(4))
    net = generate_cluster(firms, seed=int(cluster_seed.generate_state(1, dtype=np.uint32)[0]))
    # 32-bit seeds: exact in a float64 column, as a DataFrame row holds them
    run_seeds = run_seed.generate_state(trajectories, dtype=np.uint32).astype(np.int64)
    noise_seeds = noise_seed.generate_state(trajectories, dtype=np.uint32).astype(np.int64)

    def simulate(x: np.ndarray, seeds: np.ndarray) -> pd.DataFrame:
        grid = [
            {
                **dict(zip(names, map(float, row), strict=True)),
                "steps": steps,
                "run_seed": int(seeds[i // per]),
                "point": i,
            }
            for i, row in enumerate(x)
        ]
        table = sweep(
            morris_task, grid, seed=0, shared={"net": net}, workers=workers, progress=False
        )
        if (table["status"] != "ok").any():
            raise RuntimeError(table.loc[table["status"] != "ok", "error"].iloc[0])
        table = table.sort_values("point", kind="stable").reset_index(drop=True)
        table.insert(0, "trajectory", table["point"] // per)
        return table[["trajectory", "run_seed", *names, *SOBOL_OUTPUTS]]

    sample: dict[str, np.ndarray | pd.DataFrame] = {}

    def evaluate(x: np.ndarray) -> np.ndarray:
        sample["x"] = x
        sample["runs"] = runs = simulate(x, run_seeds)
        return runs[list(SOBOL_OUTPUTS)].to_numpy(dtype=np.float64)

    res = morris(
        evaluate,
        names,
        bounds,
        trajectories=trajectories,
        levels=levels,
        outputs=SOBOL_OUTPUTS,
        seed=design_seed,
    )
    runs = sample["runs"]
    assert isinstance(runs, pd.DataFrame)
    x = np.asarray(sample["x"])[: noise_trajectories * per]
    noise_runs = simulate(x, noise_seeds) if noise_trajectories else runs.iloc[:0].copy()
    indices = res.reset_index().rename(columns={"factor": "parameter"})
    own = np.full(len(indices), np.nan)
    floors = []
    for j, output in enumerate(SOBOL_OUTPUTS):
        if noise_trajectories:
            nu = seed_noise(
                x, runs[output].to_numpy()[: len(x)], noise_runs[output].to_numpy(), bounds
            )
            own[j * len(names) : (j + 1) * len(names)] = nu
            pairs = noise_trajectories * len(names)
            floors.append({"output": output, "noise_floor": float(nu.mean()), "pairs": pairs})
        else:
            floors.append({"output": output, "noise_floor": np.nan, "pairs": 0})
    noise = pd.DataFrame(floors)
    indices["noise_floor"] = own
    indices["above_noise"] = (indices["mu_star"] - indices["mu_star_conf"]) > own
    return Screening(indices=indices, runs=runs, noise=noise, noise_runs=noise_runs)
