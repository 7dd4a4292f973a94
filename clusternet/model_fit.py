r"""Behaviour estimated from observed outcomes: ABC-SMC (pyabc) and a simulated-moments path.

:func:`clusternet.fit_model` estimates behavioural parameters of the upgrading model
(:func:`clusternet.simulate_upgrading`), of the multiplex contagion model
(:class:`clusternet.contagion.ContagionModel`) or of any simulator from observed
outcomes — a time series (innovations per step, high-quality share), adoption
dates or a cross-section — by approximate Bayesian computation with sequential
Monte Carlo (Toni et al. 2009; Beaumont et al. 2009) in pyabc (Schaelte et al.
2022): particles :math:`\theta` drawn from the prior, then from a perturbation of the
previous generation, are kept when the weighted distance

.. math::

    d(s(\theta), s_{\mathrm{obs}})
    = \Big(\sum_k w_k \big(s_k(\theta) - s_{\mathrm{obs},k}\big)^2\Big)^{1/2}

falls under the generation's threshold :math:`\epsilon_t` (the median distance of the
previous generation), with :math:`w_k = 1 / \mathrm{MAD}_k` re-estimated every generation
(adaptive distance, Prangle 2017) and, optionally, the number of particles
adapted to the posterior's spread (Klinger & Hasenauer 2017). Importance
weights make the last generation a weighted sample of the ABC posterior.

Parallel and reproducible: each generation's particles are searched by a fixed
number of tasks, each seeded from ``seed``, the generation and its index, and mapped over
a process pool (``workers``) or a Dask cluster (``client`` / ``address``), so
the posterior is the same on one worker, two, or a Dask cluster.

Whether the credible intervals say what the data know is checked on simulated
cases by :func:`~clusternet.model_fit.posterior_coverage` (simulation-based coverage).

The simulated-method-of-moments path (``method="smm"``) runs a Latin-hypercube
design through :func:`clusternet.sweep` with common random numbers and returns
the design point closest to the observed summaries (point estimates only).
"""

from __future__ import annotations

import functools
import logging
import math
import os
import time
from collections.abc import Callable, Mapping, Sequence

import numpy as np
import pandas as pd

from clusternet._threads import numba_threads, small_threads
from clusternet._validate import (
    check_int,
    check_probability,
    derived_sequence,
    seed_sequence,
    show,
)
from clusternet.contagion import CONTAGION_PRIORS, ContagionModel
from clusternet.model_fit_coverage import CoverageStudy, posterior_coverage
from clusternet.model_fit_result import ModelFit, intervals_table
from clusternet.network import ClusterNetwork

__all__ = [
    "UPGRADING_FIT",
    "CoverageStudy",
    "ModelFit",
    "Simulator",
    "fit_model",
    "halves_summary",
    "posterior_coverage",
    "upgrading_priors",
]

logger = logging.getLogger(__name__)

#: The upgrading model's behavioural parameters a fit frees by default (data, not code:
#: pass ``params=`` to fit others). Innovation rate, competition, imitation (share of the gap
#: an imitator closes), quality cost and monitoring; priors from their plausible ranges.
UPGRADING_FIT: tuple[str, ...] = (
    "innovation_rate",
    "competition",
    "imitation_gap",
    "quality_cost",
    "monitoring",
)

#: Default summary columns of an upgrading time series.
UPGRADING_COLUMNS: tuple[str, ...] = (
    "innovations",
    "imitations",
    "high_quality_share",
    "caught",
    "knowledge_gini",
)


def upgrading_priors(names: Sequence[str] = UPGRADING_FIT) -> dict[str, tuple[float, float]]:
    """Uniform prior ranges of upgrading parameters: their plausible ranges (``cn.dynamics.PARAMETERS``).

    Parameters
    ----------
    names : sequence of str, default :data:`UPGRADING_FIT`
        Parameters of :func:`clusternet.simulate_upgrading`, or one layer's entry of a
        per-layer rate dict as ``RATES.LAYER`` (``"imitation_rates.technology"``;
        :func:`clusternet.dynamics.parameters.split_layer_rate`), which takes the
        dict's plausible range.

    Returns
    -------
    dict {str: (float, float)}
        Each parameter's plausible range (its valid range where no plausible
        range is declared and both ends are finite).

    Raises
    ------
    ValueError
        An unknown name, or a parameter without a finite range.

    Examples
    --------
    >>> upgrading_priors(["competition", "imitation_rates.technology"])
    {'competition': (0.2, 0.9), 'imitation_rates.technology': (0.05, 0.4)}
    """
    from clusternet.dynamics import PARAMETERS
    from clusternet.dynamics.parameters import split_layer_rate

    out = {}
    for name in names:
        layer_rate = split_layer_rate(name)
        if layer_rate is not None:
            # one layer's entry of a per-layer rate dict: the dict's plausible range
            name, full = layer_rate[0], name
            low, high = PARAMETERS[name].plausible or (0.0, 1.0)  # rates are probabilities
            out[full] = (float(low), float(high))
            continue
        if name not in PARAMETERS:
            raise ValueError(
                f"unknown upgrading parameter {show(name)}; valid: {', '.join(PARAMETERS)}"
            )
        p = PARAMETERS[name]
        rng = getattr(p, "plausible", None)
        if rng is None:
            if p.low is None or p.high is None or not np.isfinite([p.low, p.high]).all():
                raise ValueError(f"{name} has no plausible range: give its prior in params")
            rng = (p.low, p.high)
        out[name] = (float(rng[0]), float(rng[1]))
    return out


def halves_summary(ts: pd.DataFrame, columns: Sequence[str]) -> dict[str, float]:
    r"""Mean of each column over the first and the second half of the steps after step 0.

    Means over blocks of steps are far less noisy than single steps (a count
    per step is close to Poisson) and keep the trend (a rise or a fall). With
    :math:`k` steps after step 0, the early half is the first :math:`\lfloor k/2 \rfloor` of
    them: :math:`x_{\mathrm{early}} = \mathrm{mean}(x_1, \ldots, x_h)`,
    :math:`x_{\mathrm{late}} = \mathrm{mean}(x_{h+1}, \ldots, x_k)`,
    :math:`h = \lfloor k/2 \rfloor`.

    Parameters
    ----------
    ts : pandas.DataFrame
        A time series, one row per step (a ``step`` column, if any, drops step 0).
    columns : sequence of str
        Columns to summarise.

    Returns
    -------
    dict {str: float}
        ``<column>_early`` and ``<column>_late`` per column.

    Examples
    --------
    >>> ts = pd.DataFrame({"step": [0, 1, 2, 3, 4], "x": [9.0, 1.0, 3.0, 5.0, 7.0]})
    >>> halves_summary(ts, ["x"])
    {'x_early': 2.0, 'x_late': 6.0}
    """
    if "step" in ts.columns:
        ts = ts[ts["step"] > 0]
    k = ts.shape[0]
    if k < 2:
        raise ValueError(f"the time series needs at least 2 steps after step 0, got {k}")
    half = k // 2
    out = {}
    for c in columns:
        if c not in ts.columns:
            raise ValueError(f"time series has no column {show(c)}; columns: {list(ts.columns)}")
        v = ts[c].to_numpy(dtype=np.float64)
        out[f"{c}_early"] = float(v[:half].mean())
        out[f"{c}_late"] = float(v[half:].mean())
    return out


# ---------------------------------------------------------------------- simulators
class Simulator:
    """A model set up for fitting: ``sim(params, seed) -> {statistic: value}`` and the observed values.

    Parameters
    ----------
    function : callable
        ``function(params: dict, seed: int) -> dict[str, float]``: one run's summaries.
    observed : dict of float
        The observed summaries (same keys).
    priors : dict, optional
        Default priors (name -> (low, high)).
    fixed : dict, optional
        Values of other parameters, passed to every run.
    optional : dict, optional
        Priors of parameters fitted only when named in ``params``.

    Examples
    --------
    >>> sim = Simulator(lambda p, seed: {"x": p["a"]}, {"x": 1.0})
    >>> sim({"a": 2.0}, seed=1)
    {'x': 2.0}
    """

    def __init__(
        self,
        function: Callable[[dict, int], Mapping[str, float]],
        observed: Mapping[str, float],
        priors: Mapping[str, tuple[float, float]] | None = None,
        fixed: Mapping | None = None,
        optional: Mapping[str, tuple[float, float]] | None = None,
    ) -> None:
        self.function = function
        self.observed = {str(k): float(v) for k, v in observed.items()}
        self.priors = dict(priors or {})
        self.fixed = dict(fixed or {})
        self.optional = dict(optional or {})

    def __call__(self, params: Mapping, seed: int) -> dict[str, float]:
        """The model's summaries at ``params`` (fixed values added) with ``seed``."""
        out = self.function({**self.fixed, **params}, int(seed))
        missing = set(self.observed) - set(out)
        if missing:
            raise ValueError(f"the model's summary lacks the observed statistics {sorted(missing)}")
        return {k: float(out[k]) for k in self.observed}


def _upgrading_run(params: dict, seed: int, net, steps: int, summary) -> dict[str, float]:
    from clusternet.dynamics import simulate_upgrading
    from clusternet.dynamics.parameters import expand_layer_rates

    with numba_threads(small_threads(net.n_actors)):
        ts = simulate_upgrading(net, steps, seed=seed, **expand_layer_rates(params)).timeseries
    return summary(ts)


def _callable_run(params: dict, seed: int, model, summary) -> dict[str, float]:
    out = model(seed=seed, **params)
    return summary(out) if summary is not None else dict(out)


def _summary_function(summary, observed) -> tuple[Callable | None, dict]:
    """(function of a simulated outcome -> summaries, observed summaries)."""
    if callable(summary):
        obs = dict(observed) if isinstance(observed, Mapping) else summary(observed)
        return summary, obs
    if isinstance(observed, pd.DataFrame):
        cols = list(summary) if summary is not None else [c for c in observed if c != "step"]
        fn = functools.partial(halves_summary, columns=cols)
        return fn, fn(observed)
    if isinstance(observed, Mapping):
        if summary is not None:
            raise ValueError("summary must be a callable when observed is a dict of summaries")
        return None, dict(observed)
    raise TypeError(
        f"observed must be a DataFrame (a time series) or a dict of summaries, got {type(observed).__name__}"
    )


def _check_observed_summaries(observed: Mapping) -> None:
    """A dict of observed summaries: at least one, each a finite number or array of them."""
    if not observed:
        raise ValueError("observed is an empty dict: give at least one summary")
    for name, value in observed.items():
        try:
            arr = np.asarray(value, dtype=np.float64)
        except (TypeError, ValueError):
            raise ValueError(
                f"observed summary {show(name)} is not numeric: {show(value)}"
            ) from None
        if arr.size == 0 or not np.isfinite(arr).all():
            raise ValueError(f"observed summary {show(name)} must be finite, got {show(value)}")


def _simulator(net, observed, model, summary, steps, options) -> Simulator:
    options = dict(options or {})
    if isinstance(model, Simulator):
        return model
    if model == "contagion":
        if isinstance(observed, str):
            observed = net.column(observed)
        cm = ContagionModel(net, observed, **options)
        return Simulator(
            cm,
            cm.observed_summary(),
            cm.default_priors(),
            optional={"external_trend": CONTAGION_PRIORS["external_trend"]},
        )
    if model == "upgrading":
        if not isinstance(observed, pd.DataFrame | Mapping):
            raise TypeError(
                "for the upgrading model observed is a time series (DataFrame with the "
                "columns of SimulationResult.timeseries) or a dict of summaries"
            )
        if summary is None and isinstance(observed, pd.DataFrame):
            summary = [c for c in UPGRADING_COLUMNS if c in observed.columns] or None
        fn, obs = _summary_function(summary, observed)
        if fn is None:
            raise ValueError("give summary= (a callable) when observed is a dict of summaries")
        if steps is None:
            if not isinstance(observed, pd.DataFrame):
                raise ValueError("give steps= when observed is a dict of summaries")
            steps = (
                int(observed["step"].max()) if "step" in observed else int(observed.shape[0] - 1)
            )
        steps = check_int("steps", steps, minimum=1)
        run = functools.partial(_upgrading_run, net=net, steps=steps, summary=fn)
        return Simulator(run, obs, fixed=options)
    if callable(model):
        fn, obs = _summary_function(summary, observed)
        return Simulator(
            functools.partial(_callable_run, model=model, summary=fn), obs, fixed=options
        )
    raise ValueError(
        f"model must be 'upgrading', 'contagion', a callable or a Simulator, got {show(model)}"
    )


# ---------------------------------------------------------------------- priors
def _priors(params, sim: Simulator, model, abc: bool = True) -> tuple[dict, dict]:
    """(name -> prior, name -> (low, high) or (nan, nan)).

    With ``abc`` the priors are pyabc RVs; without (the simulated-moments path, which
    needs only the bounds) pyabc is not imported unless the caller's priors are its objects.
    """
    import sys

    import scipy.stats

    if abc:
        import pyabc
    else:
        pyabc = sys.modules.get("pyabc")  # a caller's pyabc.RV means pyabc is imported

    if params is None:
        if sim.priors:
            params = sim.priors
        elif model == "upgrading":
            params = upgrading_priors()
        else:
            raise ValueError("params is required: {name: (low, high) or a prior}")
    elif isinstance(params, str | bytes) or not isinstance(params, Mapping | Sequence):
        raise TypeError(f"params must be a dict or a list of names, got {type(params).__name__}")
    if not isinstance(params, Mapping):
        defaults = {**sim.optional, **sim.priors}
        if model == "upgrading":
            defaults = upgrading_priors(params)
        missing = [p for p in params if p not in defaults]
        if missing:
            raise ValueError(
                f"no default prior for {missing}: give params as {{name: (low, high)}}"
            )
        params = {p: defaults[p] for p in params}
    if not params:
        raise ValueError("params is empty")
    rvs, bounds = {}, {}
    for name, prior in params.items():
        if pyabc is not None and isinstance(prior, pyabc.RVBase):
            rvs[name], bounds[name] = prior, (math.nan, math.nan)
        elif isinstance(prior, scipy.stats.distributions.rv_frozen):
            rvs[name] = pyabc.RV(prior.dist.name, *prior.args, **prior.kwds) if abc else prior
            low, high = prior.support()
            bounds[name] = (float(low), float(high))
        elif isinstance(prior, Sequence) and len(prior) == 2:
            try:
                low, high = (float(x) for x in prior)
            except (TypeError, ValueError):
                raise ValueError(
                    f"prior of {name}: need numbers (low, high), got {show(prior)}"
                ) from None
            if not (np.isfinite(low) and np.isfinite(high) and low < high):
                raise ValueError(f"prior of {name}: need finite low < high, got {show(prior)}")
            rvs[name] = pyabc.RV("uniform", low, high - low) if abc else (low, high)
            bounds[name] = (low, high)
        else:
            raise TypeError(
                f"prior of {name} must be (low, high), a scipy.stats frozen distribution or a "
                f"pyabc.RV, got {show(prior)}"
            )
    return rvs, bounds


# ---------------------------------------------------------------------- sampling
class _PyabcModel:
    """pyabc's model: parameters -> summaries; the run's seed comes from the task's seeded stream."""

    def __init__(self, sim: Simulator) -> None:
        self.sim = sim

    def __call__(self, pars) -> dict[str, float]:
        return self.sim(dict(pars), int(np.random.randint(0, 2**31 - 1)))  # noqa: NPY002 - task-seeded


def _predictive_task(args) -> list[dict[str, float]]:
    sim, draws = args
    return [sim(params, seed) for params, seed in draws]


def _init_pool(threads: int) -> None:
    try:
        import numba

        numba.set_num_threads(max(1, min(threads, numba.get_num_threads())))
    except ImportError:  # pragma: no cover - numba is a dependency
        pass


class _Mapper:
    """map over a process pool, a Dask client, or in this process."""

    def __init__(self, workers: int | None, client, address: str | None) -> None:
        self.pool = None
        self.client = client
        self.own_client = False
        if client is None and address is not None:
            from distributed import Client

            self.client = Client(address)
            self.own_client = True
        if self.client is None:
            workers = (os.cpu_count() or 1) if workers is None else workers
            if workers > 1:
                import multiprocessing
                from concurrent.futures import ProcessPoolExecutor

                threads = max(1, (os.cpu_count() or 1) // workers)
                # spawn, not fork: a parent that has run a Numba kernel holds GNU OpenMP's
                # thread pool, and a forked child then aborts ("fork() called from a process
                # already using GNU OpenMP")
                self.pool = ProcessPoolExecutor(
                    workers,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=_init_pool,
                    initargs=(threads,),
                )

    def __call__(self, fn, items):
        items = list(items)
        if self.client is not None:
            return self.client.gather(self.client.map(fn, items, pure=False))
        if self.pool is not None:
            return list(self.pool.map(fn, items))
        return [fn(x) for x in items]

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown()
        if self.own_client:
            self.client.close()


def _predictive(sim, post, params, n, level, root, mapper) -> pd.DataFrame:
    if n == 0:
        return pd.DataFrame(columns=["observed", "median", "low", "high", "inside"])
    rng = np.random.default_rng(derived_sequence(root, 2))
    w = post["weight"].to_numpy()
    idx = rng.choice(len(post), size=n, p=w / w.sum())
    seeds = rng.integers(0, 2**31 - 1, size=n)
    draws = [({p: float(post[p].iloc[i]) for p in params}, int(s)) for i, s in zip(idx, seeds)]
    chunks = [(sim, draws[k::32]) for k in range(min(32, n))]
    parts = mapper(_predictive_task, chunks)
    stats = pd.DataFrame([row for part in parts for row in part])
    a = (1 - level) / 2
    out = pd.DataFrame(
        {
            "observed": pd.Series(sim.observed),
            "median": stats.median(),
            "low": stats.quantile(a),
            "high": stats.quantile(1 - a),
        }
    )
    out["inside"] = (out["observed"] >= out["low"]) & (out["observed"] <= out["high"])
    return out


# ---------------------------------------------------------------------- fit
def fit_model(
    net: ClusterNetwork | None,
    observed,
    params: Mapping | Sequence[str] | None = None,
    summary=None,
    model="upgrading",
    *,
    steps: int | None = None,
    options: Mapping | None = None,
    method: str = "abc",
    population_size: int = 200,
    generations: int = 8,
    max_simulations: int | None = None,
    min_acceptance_rate: float = 0.005,
    adaptive_population: bool = False,
    level: float = 0.9,
    predictive: int = 200,
    seed=None,
    workers: int | None = None,
    client=None,
    address: str | None = None,
    smm_points: int = 64,
    smm_reps: int = 4,
) -> ModelFit:
    """Estimate a model's behavioural parameters from observed outcomes (ABC-SMC with pyabc).

    Parameters
    ----------
    net : ClusterNetwork
        The cluster the model runs on (None for a callable model that needs none).
    observed : DataFrame, dict, array or str
        Upgrading / callable model: a time series (columns of
        ``SimulationResult.timeseries``, with ``step``) or a dict of summaries.
        Contagion: adoption periods per actor (NaN = not adopted by
        ``censor_time``) or the name of an actor column.
    params : dict or list of str, optional
        ``{name: (low, high)}`` (uniform prior), a scipy.stats frozen
        distribution or a ``pyabc.RV``; a list of names takes default priors.
        Upgrading: a name ``RATES.LAYER`` fits one layer's entry of a per-layer
        rate dict (``"imitation_rates.technology"``), the other layers at their
        default (or ``options``) rates. The default summaries identify
        ``innovation_rate``, ``quality_cost`` and ``monitoring`` well; ``competition``
        and ``imitation_gap`` need more data and the extra columns ``mean_lerner``
        and ``knowledge_mean`` (docs/calibration.md, "A larger record").
        Default: the model's own (upgrading: ``UPGRADING_FIT`` over their
        plausible ranges; contagion: ``external`` and one weight per layer).
    summary : callable or list of str, optional
        Outcome -> dict of summaries; or the time-series columns to summarise by
        :func:`~clusternet.model_fit.halves_summary` (upgrading default: ``UPGRADING_COLUMNS``
        present in ``observed``).
    model : "upgrading", "contagion", callable or Simulator, default "upgrading"
        A callable is ``model(seed=..., **params)`` returning a time series or
        a dict of summaries.
    steps : int, optional
        Upgrading: steps per run (default: the last observed step).
    options : dict, optional
        Upgrading / callable: fixed parameters for every run. Contagion: the
        arguments of :class:`~clusternet.contagion.ContagionModel`
        (``censor_time``, ``known``, ``layers``, ``exposure``).
    method : "abc" or "smm", default "abc"
        ``smm``: simulated method of moments over a Latin-hypercube design of
        ``smm_points`` points, ``smm_reps`` runs each, through :func:`clusternet.sweep`.
    smm_points : int, default 64
        SMM: design points of the Latin hypercube.
    smm_reps : int, default 4
        SMM: runs per point.
    population_size : int, default 200
        ABC-SMC: particles per generation.
    generations : int, default 8
        ABC-SMC: at most this many generations.
    max_simulations : int, optional
        ABC-SMC: stop after this many simulations.
    min_acceptance_rate : float, default 0.005
        ABC-SMC: stop below this acceptance rate.
    adaptive_population : bool, default False
        Adapt the number of particles per generation (pyabc
        ``AdaptivePopulationSize``, between half and twice ``population_size``).
    level : float, default 0.9
        Credible level of the intervals and of the predictive band.
    predictive : int, default 200
        Posterior draws simulated for the predictive check (0: none).
    seed : int, optional
        Same seed, same posterior — with any ``workers`` and on Dask.
    workers : int, optional
        Local processes (default: all cores; 1: this process).
    client, address
        A ``distributed.Client`` or a scheduler address: the particle searches
        run on that Dask cluster.

    Returns
    -------
    ModelFit

    References
    ----------
    Toni, T., et al. (2009). Approximate Bayesian computation scheme for parameter
    inference... *J. R. Soc. Interface* 6:187–202. Beaumont, M. A., et al. (2009).
    Adaptive ABC. *Biometrika* 96:983–990. Prangle, D. (2017). Adapting the ABC
    distance function. *Bayesian Analysis* 12:289–309. Schaelte, Y., et al. (2022).
    pyABC. *JOSS* 7:4304.

    Examples
    --------
    >>> import clusternet as cn
    >>> def coin(seed, p):
    ...     return {"heads": np.random.default_rng(seed).binomial(100, p) / 100}
    >>> fit = cn.fit_model(None, {"heads": 0.3}, {"p": (0, 1)}, model=coin,
    ...                    population_size=20, generations=2, predictive=0, seed=1, workers=1)
    >>> bool(0.15 < fit.estimates["p"] < 0.45)
    True
    """
    if method not in ("abc", "smm"):
        raise ValueError(f"method must be 'abc' or 'smm', got {show(method)}")
    check_probability("level", level, open_low=True, open_high=True)
    if net is not None and not isinstance(net, ClusterNetwork):
        raise TypeError(f"net must be a ClusterNetwork or None, got {type(net).__name__}")
    if net is None and model in ("upgrading", "contagion"):
        raise ValueError(f"the {model} model needs a network")
    population_size = check_int("population_size", population_size, minimum=5)
    generations = check_int("generations", generations, minimum=1)
    predictive = check_int("predictive", predictive, minimum=0)
    if workers is not None:
        workers = check_int("workers", workers, minimum=1)
    if max_simulations is not None:
        max_simulations = check_int("max_simulations", max_simulations, minimum=1)
    min_acceptance_rate = check_probability("min_acceptance_rate", min_acceptance_rate)
    if steps is not None:
        steps = check_int("steps", steps, minimum=1)
    if options is not None and not isinstance(options, Mapping):
        raise TypeError(f"options must be a dict of fixed parameters, got {show(options)}")
    if isinstance(observed, Mapping):
        _check_observed_summaries(observed)
    root = seed_sequence(seed)
    sim = _simulator(net, observed, model, summary, steps, options)
    rvs, bounds = _priors(params, sim, model, abc=method != "smm")
    if model == "upgrading":
        from clusternet.dynamics.parameters import split_layer_rate

        for name in rvs:
            split = split_layer_rate(name)  # a bad RATES.LAYER name raises here
            if split is not None and net is not None and split[1] not in net.layers:
                raise ValueError(
                    f"{name!r}: {split[1]!r} is not a layer of the network "
                    f"(layers: {', '.join(net.layers)})"
                )
    bad = [p for p in rvs if p in sim.fixed]
    if bad:
        raise ValueError(f"{bad} are both fitted (params) and fixed (options)")
    if method == "smm":
        from clusternet.model_fit_smm import fit_smm

        return fit_smm(sim, bounds, smm_points, smm_reps, root, workers, client, address)
    start = time.perf_counter()
    mapper = _Mapper(workers, client, address)
    try:
        post, gens, total = _run_abc(
            sim,
            rvs,
            population_size,
            generations,
            max_simulations,
            min_acceptance_rate,
            adaptive_population,
            root,
            mapper,
        )
        names = list(rvs)
        pred = _predictive(sim, post, names, predictive, level, root, mapper)
    finally:
        mapper.close()
    return ModelFit(
        params=names,
        posterior=post,
        intervals=intervals_table(post, names, bounds, level),
        predictive=pred,
        generations=gens,
        level=float(level),
        simulations=int(total + predictive),
        seconds=time.perf_counter() - start,
        method="abc",
    )


def _run_abc(sim, rvs, n, generations, max_sims, min_rate, adaptive, root, mapper):
    import pyabc
    from pyabc.weighted_statistics import effective_sample_size

    from clusternet._abc_sampler import SeededMappingSampler

    # pyabc draws from NumPy's global state in this process too (population sizes, KDE):
    # seed it from ``seed`` and give the caller's state back afterwards
    state = np.random.get_state()  # noqa: NPY002
    np.random.seed(  # noqa: NPY002
        derived_sequence(root, 0).generate_state(1)[0]
    )
    level = logging.getLogger("ABC").level
    logging.getLogger("ABC").setLevel(max(level, logging.WARNING))
    try:
        population = (
            pyabc.AdaptivePopulationSize(
                n, max_population_size=2 * n, min_population_size=max(5, n // 2)
            )
            if adaptive
            else pyabc.ConstantPopulationSize(n)
        )
        abc = pyabc.ABCSMC(
            _PyabcModel(sim),
            pyabc.Distribution(**rvs),
            pyabc.AdaptivePNormDistance(p=2, scale_function=pyabc.distance.mad),
            population_size=population,
            sampler=SeededMappingSampler(mapper, root),
        )
        abc.new("sqlite://", sim.observed)
        history = abc.run(
            max_nr_populations=generations,
            min_acceptance_rate=min_rate,
            max_total_nr_simulations=np.inf if max_sims is None else max_sims,
        )
        rows = []
        pops = history.get_all_populations().set_index("t")
        for t in range(history.max_t + 1):
            df, w = history.get_distribution(m=0, t=t)
            sims = int(pops.loc[t, "samples"])
            rows.append(
                {
                    "t": t,
                    "epsilon": float(pops.loc[t, "epsilon"]),
                    "particles": len(w),
                    "simulations": sims,
                    "acceptance_rate": len(w) / sims if sims else math.nan,
                    "ess": float(effective_sample_size(w)),
                }
            )
        df, w = history.get_distribution(m=0, t=history.max_t)
        post = df.reset_index(drop=True)[list(rvs)].astype(np.float64)
        post["weight"] = np.asarray(w, dtype=np.float64) / np.sum(w)
        total = int(history.total_nr_simulations)
    finally:
        np.random.set_state(state)  # noqa: NPY002
        logging.getLogger("ABC").setLevel(level)
    return post, pd.DataFrame(rows), total
