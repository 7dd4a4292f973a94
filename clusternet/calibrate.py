r"""Calibrate the cluster generator to an observed (surveyed) network and scale it up.

The simulated method of moments (McFadden 1989; Gourieroux, Monfort & Renault
1993): choose generator parameters :math:`\theta` so that the moments of networks
generated with :math:`\theta` match the observed network's,

.. math::

    \hat\theta = \arg\min_\theta\, (m_{\mathrm{obs}} - \bar m(\theta))^\top W
    (m_{\mathrm{obs}} - \bar m(\theta)),

where :math:`\bar m(\theta)` is the mean moment vector over ``n_sims`` generated
networks of the observed size, drawn with the same seeds for every ``theta``
(common random numbers, so the objective is smooth enough for a
derivative-free search) and :math:`W` the inverse of the simulated moments'
variances. Moments, per mapped layer among the firms: mean degree, the
coefficient of variation of degree and transitivity; per pair of mapped
layers: the edge overlap :math:`\mathrm{shared} / \min(m_a, m_b)`; per layer, when both
networks have coordinates: mean tie length over the mean distance between
firms; the reciprocity of the layer mapped onto ``transaction`` when it is
directed (the generator returns trade ties with ``transaction_reciprocity``);
with ``attribute=``, each layer's categorical assortativity on an actor column
(the generator's ownership homophily). Ties are otherwise compared as
unordered pairs.

Search: a Latin-hypercube design over the parameter box through
:func:`clusternet.sweep` (``backend`` local or Dask), then Powell's method from
its best point. Intervals: a parametric bootstrap — networks generated at
``theta_hat`` play the observed one and are refitted (through ``cn.sweep``);
the 2.5 and 97.5 % quantiles of the refits. Goodness of fit: each observed
moment beside the mean and 95 % range of its simulated distribution at
``theta_hat``.

Scale-up (:meth:`~clusternet.GeneratorFit.generate`): the fitted parameters are per-firm
rates — mean degrees, closure and embedding probabilities — so a cluster ``k``
times larger keeps the mean degree, transitivity and overlaps while its
density falls as ``1/k``; see docs/calibration.md.
"""

from __future__ import annotations

import logging
import math
import os
import time
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from clusternet._validate import check_int, seed_sequence, show
from clusternet.calibrate_moments import (
    FIRM_LAYERS,
    NOMINATION_ORDER,
    NOMINATIONS,
    ON_REQUEST,
    SURVEY_KEYS,
    attribute_codes,
    moment_task,
    observed_moments,
    simulated_moments,
)
from clusternet.calibrate_result import GeneratorFit
from clusternet.calibrate_search import (
    FINAL_MAXITER,
    SEARCHES,
    WEIGHTINGS,
    MomentObjective,
    diagonal_weights,
    local_search,
)
from clusternet.generate import PARAMETERS as PARAMS
from clusternet.generate import PRESETS
from clusternet.network import ClusterNetwork
from clusternet.params import resolve
from clusternet.survey import NOMINATION_ORDERS, nominated

logger = logging.getLogger(__name__)

#: Default search bounds of the parameters a fit may free (per-firm rates and shares).
FIT_BOUNDS: dict[str, tuple[float, float]] = {
    "transaction_degree": (0.2, 40.0),
    "size_preference": (0.0, 2.0),
    "transaction_scale_km": (0.5, 30.0),
    "technology_degree": (0.1, 40.0),
    "same_specialisation": (0.0, 1.0),
    "social_degree": (0.2, 60.0),
    "social_closure": (0.0, 1.0),
    "social_long_range": (0.0, 0.5),
    "social_scale_km": (0.2, 10.0),
    "competition_degree": (0.1, 40.0),
    "social_transaction": (0.0, 1.0),
    "transaction_technology": (0.0, 1.0),
    "social_technology": (0.0, 1.0),
    "same_stage_trade": (0.0, 0.9),
    "skip_stage_trade": (0.0, 0.5),
    "transaction_reciprocity": (0.0, 1.0),
    "transaction_dispersion": (0.0, 2.0),
    "technology_dispersion": (0.0, 2.0),
    "social_dispersion": (0.0, 2.0),
    "activity_correlation": (0.0, 1.0),
    "business_friendship": (0.0, 1.0),
    "technology_closure": (0.0, 1.0),
    "ownership_homophily": (0.0, 1.0),
    "transaction_closure": (0.0, 1.0),
}

#: Which free parameters each mapped generator layer (or pair of layers) brings by default.
LAYER_PARAMETERS = {
    "transaction": ("transaction_degree", "same_stage_trade", "transaction_dispersion"),
    "technology": ("technology_degree", "technology_dispersion", "technology_closure"),
    "social": ("social_degree", "social_closure", "social_dispersion"),
    "competition": ("competition_degree",),
}
#: Free parameters a moment brings when the observed network has it.
MOMENT_PARAMETERS = {
    "transaction:reciprocity": ("transaction_reciprocity",),
}
PAIR_PARAMETERS = {
    frozenset(("transaction", "social")): ("business_friendship",),
    frozenset(("technology", "transaction")): ("transaction_technology",),
    frozenset(("technology", "social")): ("social_technology",),
}


# ---------------------------------------------------------------------- the fit
def _check_layer_map(net: ClusterNetwork, layer_map) -> dict:
    if layer_map is None:
        layer_map = {name: name for name in net.layers if name in FIRM_LAYERS}
        if not layer_map:
            raise ValueError(
                f"none of the network's layers {list(net.layers)} is a generator firm layer "
                f"{list(FIRM_LAYERS)}; pass layer_map, e.g. {{'advice': 'technology'}}"
            )
    if not isinstance(layer_map, Mapping):
        raise TypeError(
            f"layer_map must be a dict observed layer -> generator layer, got {show(layer_map)}"
        )
    layer_map = dict(layer_map)
    for observed, target in layer_map.items():
        if observed not in net.layers:
            raise ValueError(
                f"layer_map names layer {show(observed)}, which the network does not have; "
                f"its layers: {list(net.layers)}"
            )
        if target not in FIRM_LAYERS:
            raise ValueError(
                f"layer_map maps {show(observed)} to {show(target)}; generator firm layers: "
                f"{list(FIRM_LAYERS)}"
            )
    targets = list(layer_map.values())
    if len(set(targets)) != len(targets):
        raise ValueError(f"layer_map maps two layers onto one generator layer: {layer_map}")
    return layer_map


def _free_parameters(params, layers, keys=(), attribute=False) -> dict[str, tuple[float, float]]:
    if params is None:
        names = [k for lay in layers for k in LAYER_PARAMETERS[lay]]
        for pair, extra in PAIR_PARAMETERS.items():
            if pair <= set(layers):
                names += list(extra)
        for moment, extra in MOMENT_PARAMETERS.items():
            if moment in keys:
                names += list(extra)
        if attribute:
            names.append("ownership_homophily")
        return {k: FIT_BOUNDS[k] for k in dict.fromkeys(names)}
    if isinstance(params, str) or not isinstance(params, Mapping | Sequence):
        raise TypeError(
            f"params must be a list of names or a dict name -> (low, high), got {show(params)}"
        )
    if not params:
        raise ValueError("params is empty: name at least one generator parameter to fit")
    if isinstance(params, Mapping):
        out = {}
        for k, b in params.items():
            if k not in PARAMS:
                raise ValueError(f"params names {show(k)}, not a generator parameter")
            try:
                lo, hi = (float(v) for v in b)
            except (TypeError, ValueError):
                raise ValueError(f"bounds of {k} must be (low, high), got {show(b)}") from None
            spec = PARAMS[k]
            if (
                not lo < hi
                or (spec.low is not None and lo < spec.low)
                or (spec.high is not None and hi > spec.high)
            ):
                raise ValueError(
                    f"bounds of {k} must satisfy {spec.low} <= low < high <= {spec.high}, got "
                    f"({show(lo)}, {show(hi)})"
                )
            out[k] = (lo, hi)
        return out
    out = {}
    for k in params:
        if k not in FIT_BOUNDS:
            raise ValueError(
                f"no default bounds for {show(k)}; pass params as a dict name -> (low, high). "
                f"Parameters with default bounds: {list(FIT_BOUNDS)}"
            )
        out[k] = FIT_BOUNDS[k]
    return out


def fit_generator(
    observed: ClusterNetwork,
    params: Sequence[str] | Mapping[str, tuple[float, float]] | None = None,
    moments: Sequence[str] | None = None,
    layer_map: Mapping[str, str] | None = None,
    fixed: Mapping | None = None,
    n_sims: int = 10,
    design: int | None = None,
    bootstrap: int = 20,
    maxiter: int = 4,
    seed=None,
    backend: str = "local",
    workers: int | None = None,
    attribute: str | None = None,
    search: str = "powell",
    nominations: int | None = None,
    starts: int = 1,
    weights: str = "design",
    nomination_order: str = "random",
    check: int | None = None,
    final_sims: int | None = None,
) -> GeneratorFit:
    """Calibrate :func:`clusternet.generate_cluster` to an observed network (simulated moments).

    Parameters
    ----------
    observed : ClusterNetwork
        The surveyed network (firms: its core tier, or every actor without tiers).
    params : list of names or dict name -> (low, high), optional
        Parameters to fit. Default: those the mapped layers bring
        (:data:`LAYER_PARAMETERS`, :data:`PAIR_PARAMETERS`) with
        :data:`FIT_BOUNDS`.
    moments : list of str, optional
        Moment names to target (default: all; see :func:`~clusternet.calibrate.observed_moments`).
    layer_map : dict observed layer -> generator layer, optional
        E.g. ``{"advice": "technology", "cowork": "transaction", "friendship":
        "social"}``; default: the layers whose names are generator layers.
    fixed : dict, optional
        Generator settings held fixed (e.g. ``preset``).
    n_sims : int, default 10
        Simulated networks per objective evaluation (common random numbers).
    design : int, optional
        Latin-hypercube points evaluated through :func:`clusternet.sweep`
        before the local search (default ``max(16, 4 k)`` for ``k`` parameters).
    bootstrap : int, default 20
        Parametric bootstrap refits for the intervals (0: none).
    maxiter : int, default 4
        Powell iterations (sweeps through all directions) of the local search;
        with ``search="least_squares"``, at most ``4 * maxiter`` Gauss-Newton steps.
    backend : {"local", "dask"}, default "local"
        The :func:`clusternet.sweep` backend of the simulations (below).
    seed, workers
        Root seed; :func:`clusternet.sweep` backend and workers for the design,
        the bootstrap and the goodness-of-fit simulations. ``workers=1`` (local)
        runs them in this process; ``workers=None`` (local) does too when the
        design's simulations would take less than :data:`SERIAL_SECONDS` here
        (a process pool's start-up costs more than it saves on small fits). The
        results are the same either way. Each simulation of fewer than 20,000
        firms runs its Numba kernels on one thread (waking a thread pool per
        small kernel costs more than the work).
    attribute : str, optional
        An actor column (e.g. an office, a town, an ownership type) whose
        homophily the fit targets: the generator's ``ownership_shares`` is fixed
        to the column's class shares, each layer's categorical assortativity on
        it becomes a moment and ``ownership_homophily`` a free parameter.
    nominations : int, optional
        The survey's fixed-choice cap ("name up to three ..."): each generated
        network passes through the same instrument
        (:func:`~clusternet.survey.nominated`) before its moments are taken,
        so a survey whose respondents could name at most ``nominations``
        partners per relation is compared with what such a survey of the
        generated cluster would record. The fitted parameters describe the
        cluster itself (:meth:`~clusternet.GeneratorFit.generate`
        makes it without the cap).
    search : {"powell", "least_squares"}, default "powell"
        The local search from the design's best point: Powell's derivative-free
        method on the objective, or a bounded trust-region Gauss-Newton search on
        the weighted gaps with finite-difference steps of 5 % of each range
        (fewer evaluations when ten or more parameters are free). A Powell fit
        is the same on any CPU (its sums are correctly rounded); the
        least-squares search runs LAPACK, whose last bits depend on the CPU's
        kernels, so its fit may differ between machines.
    starts : int, default 1
        Local searches, one from each of the ``starts`` best design points (in
        the order of their objective); the fit keeps the lowest objective found.
        With common random numbers the objective is deterministic, so ``starts=k``
        never ends above ``starts=1`` (whose search is its first) and costs about
        ``k`` times its search. Useful when ten or more parameters are free and a
        single search stops in a local minimum (multistart, e.g. Rinnooy Kan &
        Timmer 1987).
    weights : {"design", "estimate"}, default "design"
        The weighting matrix's variances: pooled over every design point
        (``"design"``), or — a second step — re-estimated from ``max(2 n_sims,
        40)`` fresh simulations at the first search's estimate, after which the
        local search runs once more from that estimate under the new weights
        (two-step diagonal weighting, after Hansen 1982). The pooled
        variances mix design points far from the data, whose moments vary more
        (dense or strongly closed networks), so they can underweight moments
        that vary little near the estimate; the second step weights each moment
        by its spread where the fit ends. The reported objective is then the
        second step's.
    nomination_order : {"random", "embedded"}, default "random"
        With ``nominations``: whom a respondent with more partners than the cap
        names (:func:`clusternet.survey.nominated`) — a random set (the neutral
        reading of a truncated list, and the earlier fits'), or the partners
        most embedded in its own ego network first (those sharing the most of
        its other partners; Marsden 1990 on name generators). An assumption
        about the survey, not a property of the cluster: it changes nothing the
        generator draws.
    check : int, optional
        Fresh simulations at the estimate for the goodness-of-fit table (its
        mean and 95 % range; default ``max(2 n_sims, 40)``). The range's ends are
        the 2.5 and 97.5 % sample quantiles, which 40 draws place only roughly
        (the 1st and 39th order statistics): a moment near an end can flip
        between inside and outside with the check's draws. Use a few hundred
        when the count of moments inside is what is reported.
    final_sims : int, optional
        A last stage on a finer objective: after the search (and the second step
        of ``weights="estimate"``), the local search runs once more from the
        estimate with ``final_sims`` simulations per evaluation, new common
        random numbers shared by every point of this stage, the weights kept,
        for :data:`FINAL_MAXITER` round (one Powell sweep).
        With ``S`` simulations per evaluation the estimate carries simulation
        noise on top of the data's (its variance is about ``1 + 1/S`` times the
        exact-moment estimator's; McFadden 1989, Gourieroux & Monfort 1996), and
        the objective is a sum of step functions whose steps shrink as ``S``
        grows, so the early stages search a cheap, coarse surface and this one
        polishes on a finer one whose draws the design never saw. It never ends
        above its own start. Costs about ``final_sims / n_sims`` times one
        round of the search.

    Returns
    -------
    GeneratorFit

    References
    ----------
    McFadden, D. (1989). A method of simulated moments for estimation of discrete
    response models without numerical integration. *Econometrica* 57:995–1026.
    Gourieroux, C., Monfort, A. & Renault, E. (1993). Indirect inference. *J.
    Applied Econometrics* 8:S85–S118. Gourieroux, C. & Monfort, A. (1996).
    *Simulation-Based Econometric Methods*. Oxford University Press. Powell, M. J. D.
    (1964). *Computer J.* 7:155–162.

    Examples
    --------
    A real fit takes minutes of simulation on two cores; this one is the
    smallest the method allows (two design points, two simulations each, one
    search round, in this process):

    >>> import clusternet as cn
    >>> net = cn.datasets.load_florentine_families()
    >>> fit = cn.fit_generator(net, params=["social_degree"], layer_map={"marriage": "social"},
    ...                        n_sims=2, design=2, bootstrap=0, maxiter=1, seed=1, workers=1)
    >>> print(fit.estimates[["parameter", "estimate", "at_bound"]].round(2).to_string(index=False))
        parameter  estimate  at_bound
    social_degree      1.18     False
    """
    from scipy.stats import qmc

    from clusternet.ensemble import sweep

    t0 = time.perf_counter()
    if not isinstance(observed, ClusterNetwork):
        raise TypeError(f"observed must be a ClusterNetwork, got {type(observed).__name__}")
    n_sims = check_int("n_sims", n_sims, minimum=2)
    bootstrap = check_int("bootstrap", bootstrap, minimum=0)
    maxiter = check_int("maxiter", maxiter, minimum=1)
    starts = check_int("starts", starts, minimum=1)
    if check is not None:
        check = check_int("check", check, minimum=10)
    if final_sims is not None:
        final_sims = check_int("final_sims", final_sims, minimum=2)
    if design is not None:
        design = check_int("design", design, minimum=1)
    if backend not in ("local", "dask"):
        raise ValueError(f"backend must be 'local' or 'dask', got {show(backend)}")
    if workers is not None:
        workers = check_int("workers", workers, minimum=1)
    seed_sequence(seed)  # a bad seed fails here, before the moments are taken
    if moments is not None and (isinstance(moments, str) or not isinstance(moments, Sequence)):
        raise TypeError(f"moments must be a list of moment names, got {show(moments)}")
    if fixed is not None and not isinstance(fixed, Mapping):
        raise TypeError(f"fixed must be a dict of generator settings, got {show(fixed)}")
    if weights not in WEIGHTINGS:
        raise ValueError(f"weights must be one of {list(WEIGHTINGS)}, got {show(weights)}")
    if search not in SEARCHES:
        raise ValueError(f"search must be one of {list(SEARCHES)}, got {show(search)}")
    layer_map = _check_layer_map(observed, layer_map)
    layers = [k for k in FIRM_LAYERS if k in layer_map.values()]
    fixed = dict(fixed or {})
    for k in fixed:
        if k != "preset" and k not in PARAMS:
            raise ValueError(f"fixed names {show(k)}, not a generator parameter")
    preset = fixed.get("preset")
    if preset is not None and preset not in PRESETS:
        raise ValueError(f"fixed preset {show(preset)} is unknown; presets: {list(PRESETS)}")
    for k, v in fixed.items():  # each value in range now, not in the first simulation
        if k != "preset":
            try:
                resolve({k: v}, PARAMS)
            except (TypeError, ValueError) as exc:
                raise type(exc)(f"fixed {k}: {exc}") from None
    if nominations is not None:
        fixed[NOMINATIONS] = check_int("nominations", nominations, minimum=1)
    if nomination_order not in NOMINATION_ORDERS:
        raise ValueError(
            f"nomination_order must be one of {list(NOMINATION_ORDERS)}, "
            f"got {show(nomination_order)}"
        )
    if nomination_order != "random":
        if nominations is None:
            raise ValueError("nomination_order applies to a capped survey: pass nominations too")
        fixed[NOMINATION_ORDER] = nomination_order
    firms_mask = (
        observed.tier_mask("core")
        if "tier" in observed.actors.columns and observed.tier_mask("core").any()
        else np.ones(observed.n_actors, dtype=bool)
    )
    n_firms = int(firms_mask.sum())
    if attribute is not None:
        if "ownership_shares" in fixed:
            raise ValueError(
                "attribute fixes ownership_shares to the attribute's class shares; do not pass "
                "ownership_shares in fixed as well"
            )
        fixed["ownership_shares"] = attribute_codes(observed, attribute, firms_mask)[1]
    target_all = observed_moments(observed, layer_map, firms_mask, attribute)
    keys = (
        [k for k in target_all.index if not k.endswith(ON_REQUEST)]
        if moments is None
        else list(moments)
    )
    unknown = [k for k in keys if k not in target_all.index]
    if unknown:
        raise ValueError(f"unknown moments {unknown}; available: {list(target_all.index)}")
    bounds = _free_parameters(params, layers, keys, attribute is not None)
    clash = set(bounds) & set(fixed)
    if clash:
        raise ValueError(f"parameters both fixed and fitted: {sorted(clash)}")
    if len(keys) < len(bounds):
        raise ValueError(
            f"{len(bounds)} parameters cannot be identified from {len(keys)} moments; fit fewer "
            "parameters or map more layers"
        )
    if n_firms < 10:
        raise ValueError(f"the observed network has {n_firms} firms; the moments need at least 10")
    edges_in_map = sum(
        int((observed.edge_arrays[2] == observed.layers.index(o)).sum()) for o in layer_map
    )
    if edges_in_map == 0:
        raise ValueError("the mapped layers have no ties")
    coords = any(k.endswith(":distance_ratio") for k in keys)
    target = target_all[keys].to_numpy(float)
    root = int(seed_sequence(seed).generate_state(1, dtype=np.uint32)[0])
    names = list(bounds)
    k = len(names)
    use_attribute = attribute is not None
    objective = MomentObjective(
        target, names, bounds, fixed, n_firms, layers, coords, root, n_sims, use_attribute
    )
    objective.keys = keys

    # in this process or through cn.sweep: a pool pays only when the design's work is
    # several times its workers' start-up (fresh interpreters loading the package)
    n_design = design if design is not None else max(16, 4 * k)
    n_design = check_int("design", n_design, minimum=1)
    serial = _serial(backend, workers, (n_design + 1) * n_sims, n_firms, layers, fixed)

    def run_points(points: list[dict], sims: int, sim_root: int) -> pd.DataFrame:
        if serial:
            return pd.DataFrame(
                [
                    _point_task(n_firms, pt, layers, coords, sim_root, s, i, None, use_attribute)
                    for i, pt in enumerate(points)
                    for s in range(sims)
                ]
            )
        grid = [
            {
                "n_firms": n_firms,
                "params": pt,
                "layers": layers,
                "use_coordinates": coords,
                "use_attribute": use_attribute,
                "sim_root": sim_root,
                "sim": s,
                "point": i,
            }
            for i, pt in enumerate(points)
            for s in range(sims)
        ]
        table = sweep(
            _point_task, grid, seed=sim_root, backend=backend, workers=workers, progress=False
        )
        failed = table[table["status"] != "ok"]
        if len(failed):
            raise RuntimeError(f"generator simulations failed:\n{failed['error'].iloc[0]}")
        return table

    # 1. a space-filling design (through cn.sweep unless serial); the weights from its best point
    unit = qmc.LatinHypercube(d=k, rng=np.random.default_rng(root)).random(n_design)
    unit = np.vstack([np.full(k, 0.5), unit])
    table = run_points([objective.params(u) for u in unit], n_sims, root)
    sims_by_point = [
        table[table["point"] == i].sort_values("sim")[keys].to_numpy(float)
        for i in range(unit.shape[0])
    ]

    pooled = np.vstack([s - s.mean(axis=0) for s in sims_by_point])
    objective.weight = diagonal_weights(
        np.vstack([pooled, np.zeros((1, len(keys)))]) if pooled.shape[0] > 1 else pooled, target
    )
    values = [
        # not BLAS's dot, whose order of addition depends on the CPU: see MomentObjective
        math.fsum((target - s.mean(axis=0)) ** 2 * objective.weight)
        for s in sims_by_point
    ]
    order = np.argsort(values, kind="stable")
    start = unit[int(order[0])]
    logger.info(
        "fit_generator: %d design points x %d simulations; best objective %.4g",
        unit.shape[0],
        n_sims,
        min(values),
    )
    # 2. local searches from the best design points, same simulations; keep the lowest
    best_u, best_found = start, float(min(values))
    for i in order[: min(starts, unit.shape[0])]:
        res_u, res_value = local_search(objective, unit[int(i)], search, maxiter)
        if res_value <= best_found:
            best_u, best_found = res_u, float(res_value)
    if weights == "estimate":  # 2b. weights from simulations at the estimate, search again
        at = run_points([objective.params(best_u)], max(2 * n_sims, 40), root + 3)
        at_sims = at[keys].to_numpy(float)
        objective.weight = diagonal_weights(at_sims - at_sims.mean(axis=0), target)
        best_found = objective(best_u)
        res_u, res_value = local_search(objective, best_u, search, maxiter)
        if res_value <= best_found:
            best_u, best_found = res_u, float(res_value)
    final_evaluations = 0
    if final_sims is not None:  # 2c. the search once more on a finer surface (more draws)
        # its own draws, apart from the design's, the check's and the bootstrap's roots
        final_root = int(np.random.SeedSequence([root, 4]).generate_state(1, dtype=np.uint32)[0])
        final = MomentObjective(
            target, names, bounds, fixed, n_firms, layers, coords, final_root, final_sims,
            use_attribute,
        )  # fmt: skip
        final.keys = keys
        final.weight = objective.weight
        best_found = final(best_u)
        res_u, res_value = local_search(final, best_u, search, FINAL_MAXITER)
        if res_value <= best_found:
            best_u, best_found = res_u, float(res_value)
        final_evaluations = final.evaluations
    best = objective.params(best_u)
    generator_params = {k: v for k, v in best.items() if k not in SURVEY_KEYS}
    best_value = best_found
    logger.info(
        "fit_generator: %s search %d evaluations, objective %.4g",
        search,
        objective.evaluations,
        best_value,
    )
    # 3. goodness of fit: fresh simulations at the estimate, through cn.sweep
    gof_sims = max(2 * n_sims, 40) if check is None else check
    gof = run_points([best], gof_sims, root + 1)[keys].to_numpy(float)
    low, high = np.quantile(gof, [0.025, 0.975], axis=0)
    fit_table = pd.DataFrame(
        {
            "moment": keys,
            "observed": target,
            "simulated_mean": gof.mean(axis=0),
            "low": low,
            "high": high,
        }
    )
    fit_table["inside"] = (fit_table["observed"] >= fit_table["low"] - 1e-12) & (
        fit_table["observed"] <= fit_table["high"] + 1e-12
    )
    # 4. parametric bootstrap: generated networks at the estimate play the observed one
    boot = pd.DataFrame(columns=names)
    boot_evaluations = 0
    if bootstrap:
        grid = [
            {
                "target": gof[b % gof.shape[0]].tolist(),
                "start": best_u.tolist(),
                "names": names,
                "bounds": {n: list(bounds[n]) for n in names},
                "fixed": fixed,
                "n_firms": n_firms,
                "layers": layers,
                "coords": coords,
                "attribute": use_attribute,
                "keys": keys,
                "weight": objective.weight.tolist(),
                "sim_root": root + 2 + b,
                "n_sims": n_sims,
                "maxiter": 1,
                "replicate": b,
                "search": search,
            }
            for b in range(bootstrap)
        ]
        if serial:
            table = pd.DataFrame([_refit_task(**task) for task in grid])
        else:
            table = sweep(
                _refit_task, grid, seed=root, backend=backend, workers=workers, progress=False
            )
            failed = table[table["status"] != "ok"]
            if len(failed):
                raise RuntimeError(f"bootstrap refits failed:\n{failed['error'].iloc[0]}")
        table = table.sort_values("replicate")
        boot = table[names].reset_index(drop=True)
        boot_evaluations = int(table["evaluations"].sum())
    est = pd.DataFrame(
        {
            "parameter": names,
            "estimate": [best[n] for n in names],
            "low": [float(boot[n].quantile(0.025)) if len(boot) else np.nan for n in names],
            "high": [float(boot[n].quantile(0.975)) if len(boot) else np.nan for n in names],
            "bound_low": [bounds[n][0] for n in names],
            "bound_high": [bounds[n][1] for n in names],
        }
    )
    span = est["bound_high"] - est["bound_low"]
    est["at_bound"] = ((est["estimate"] - est["bound_low"]) < 0.01 * span) | (
        (est["bound_high"] - est["estimate"]) < 0.01 * span
    )
    weight_sims = max(2 * n_sims, 40) if weights == "estimate" else 0
    simulations = (
        (unit.shape[0] + objective.evaluations + boot_evaluations) * n_sims
        + final_evaluations * (final_sims or 0)
        + gof_sims
        + weight_sims
    )
    return GeneratorFit(
        params=generator_params,
        estimates=est,
        fit=fit_table,
        objective=best_value,
        n_firms=n_firms,
        layer_map=layer_map,
        evaluations=objective.evaluations + unit.shape[0] + boot_evaluations + final_evaluations,
        simulations=int(simulations),
        seconds=time.perf_counter() - t0,
        bootstrap=boot,
    )


#: In-process seconds of a fit's design above which ``workers=None`` runs it through a
#: process pool: a local pool's start-up (fresh interpreters importing the package and
#: loading its compiled kernels) measured 15-18 s on the shared 2-core machine, so a pool
#: pays only for several times that much work.
SERIAL_SECONDS = 60.0


def _serial(backend: str, workers, simulations: int, n_firms: int, layers, fixed) -> bool:
    """Whether a fit runs its simulations in this process instead of through cn.sweep.

    Always with ``workers=1`` on the local backend, never on Dask; with ``workers=None``
    when one simulation (timed here) times the design's ``simulations`` stays below
    :data:`SERIAL_SECONDS` or the machine has one core.
    """
    if backend != "local":
        return False
    if workers is not None:
        return workers == 1
    if (os.cpu_count() or 1) == 1:
        return True
    simulated_moments(n_firms, fixed, layers, np.random.SeedSequence(0), False)  # loads kernels
    t0 = time.perf_counter()
    simulated_moments(n_firms, fixed, layers, np.random.SeedSequence(1), False)
    return (time.perf_counter() - t0) * simulations < SERIAL_SECONDS


def _point_task(
    n_firms: int,
    params: dict,
    layers: list,
    use_coordinates: bool,
    sim_root: int,
    sim: int,
    point: int,
    seed=None,
    use_attribute: bool = False,
) -> dict:
    """Moments of simulation ``sim`` at design point ``point`` (a sweep task)."""
    out = moment_task(
        n_firms, params, layers, use_coordinates, sim_root, sim, use_attribute=use_attribute
    )
    return {"point": point, "sim": sim, **out}


def _refit_task(
    target: list,
    start: list,
    names: list,
    bounds: dict,
    fixed: dict,
    n_firms: int,
    layers: list,
    coords: bool,
    keys: list,
    weight: list,
    sim_root: int,
    n_sims: int,
    maxiter: int,
    replicate: int,
    seed=None,
    attribute: bool = False,
    search: str = "powell",
) -> dict:
    """One bootstrap refit: the local search from the estimate, a simulated network as observed."""
    objective = MomentObjective(
        np.asarray(target, float),
        names,
        {k: tuple(v) for k, v in bounds.items()},
        fixed,
        n_firms,
        layers,
        coords,
        sim_root,
        n_sims,
        attribute,
    )
    objective.keys = list(keys)
    objective.weight = np.asarray(weight, float)
    u, _ = local_search(objective, np.asarray(start, float), search, maxiter)
    p = objective.params(u)
    return {
        "replicate": replicate,
        "evaluations": objective.evaluations,
        **{n: p[n] for n in names},
    }


# GeneratorFit (clusternet.calibrate_result) is imported here for old imports and
# documented as clusternet.GeneratorFit
__all__ = [
    "FIT_BOUNDS",
    "attribute_codes",
    "fit_generator",
    "nominated",
    "observed_moments",
    "simulated_moments",
]
