"""The network Bass model of innovation diffusion: simulation and maximum-likelihood fitting.

``bass`` simulates the discrete-time network Bass model (hazard ``p + q`` times
the adopted share of in-neighbours); ``fit_bass`` estimates ``p`` and ``q`` from
observed adoption times. Re-exported by :mod:`clusternet.diffusion`.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy import optimize, stats

from clusternet._graph import as_graph, n_threads, seed_indices
from clusternet._validate import check_int, check_n_sims, check_positive, seed_sequence, show
from clusternet.kernels import diffusion as kern
from clusternet.kernels.csr import kernel_arrays


# ---------------------------------------------------------------------- Bass
@dataclass(frozen=True)
class BassResult:
    """Network Bass simulation outcome.

    ``mean``: mean share adopted after each step (index 0 = start);
    ``quantiles``: DataFrame of share-adopted quantiles by step; ``probability``:
    per-actor share of runs in which the actor adopted; ``times``: adoption step
    per run and actor (-1 never, 0 initial) when requested; ``time``: step times.
    """

    mean: np.ndarray
    quantiles: pd.DataFrame
    probability: np.ndarray
    time: np.ndarray
    times: np.ndarray | None = None


def bass_curve(t, p: float, q: float) -> np.ndarray:
    """The Bass (1969) cumulative adoption share ``F(t) = (1 - e^{-(p+q)t}) / (1 + (q/p) e^{-(p+q)t})``."""
    t = np.asarray(t, dtype=np.float64)
    e = np.exp(-(p + q) * t)
    return (1.0 - e) / (1.0 + (q / p) * e)


def _exposure_matrix(graph, layers, layer_weights, exposure: str):
    """Out-CSR of influence shares: entry (j, i) = w_ji / sum_k w_ki over i's chosen neighbours."""
    view = as_graph(graph, layers, layer_weights)
    if exposure == "in":
        w = view.out  # rows j, cols i: j -> i influences i
    elif exposure == "out":
        w = view.inn  # rows j, cols i: i -> j means i looks at j
    elif exposure == "both":
        w = view.sym
    else:
        raise ValueError(f"exposure must be 'in', 'out' or 'both', got {show(exposure)}")
    return view.n, sp.csr_array(w)


def _check_quantiles(quantiles) -> np.ndarray:
    """``quantiles`` as a float array after checking each lies in [0, 1]."""
    try:
        qs = np.asarray(quantiles, dtype=np.float64).reshape(-1)
    except (TypeError, ValueError):
        raise TypeError(f"quantiles must be numbers in [0, 1], got {quantiles!r}") from None
    bad = ~np.isfinite(qs) | (qs < 0) | (qs > 1)
    if bad.any():
        k = int(np.flatnonzero(bad)[0])
        raise ValueError(f"quantiles must lie in [0, 1]; quantiles[{k}] is {show(qs[k])}")
    return qs


def bass(
    graph,
    p: float,
    q: float,
    steps: int,
    n_sims: int = 100,
    seed=None,
    dt: float = 1.0,
    initial=None,
    layers=None,
    layer_weights=None,
    exposure: str = "in",
    quantiles: Sequence[float] = (0.05, 0.25, 0.5, 0.75, 0.95),
    return_times: bool = False,
) -> BassResult:
    """Network Bass model (Bass 1969; Goldenberg, Libai & Muller 2001), Monte Carlo.

    In each step of length ``dt`` every non-adopter ``i`` adopts with probability
    ``1 - exp(-(p + q s_i) dt)``, where ``s_i`` is the weighted share of ``i``'s
    neighbours that adopted in earlier steps (``exposure="in"``: in-neighbours
    ``j -> i``; ``"out"``: those ``i`` points to, e.g. physicians ``i`` named as
    advisers; ``"both"``). ``p`` is the rate of innovation (external influence),
    ``q`` of imitation. On a complete graph with many actors the mean curve
    approaches the classic Bass curve :func:`bass_curve` as ``dt -> 0``; with
    ``q = 0`` it is ``1 - e^{-p t}`` exactly.

    Returns
    -------
    BassResult
        Mean and quantile share-adopted curves, per-actor adoption probability,
        optionally adoption times per run (``return_times=True``).

    Notes
    -----
    Degenerate cases: ``p = q = 0`` keeps the share at the initial adopters'
    share; isolated actors adopt at rate ``p`` only (their exposure is 0);
    ``quantiles`` outside [0, 1] and runs whose curves would exceed
    ``clusternet._validate.MAX_SIMS`` values raise a ValueError naming the argument.
    """
    check_positive("p", p, allow_zero=True)
    check_positive("q", q, allow_zero=True)
    check_positive("dt", dt)
    steps = check_int("steps", steps, minimum=1)
    n_sims = check_n_sims(n_sims, steps + 1)  # one adoption curve per run
    qs = _check_quantiles(quantiles)
    n, w = _exposure_matrix(graph, layers, layer_weights, exposure)
    in_strength = np.asarray(w.sum(axis=0)).ravel()
    indptr, indices, data = kernel_arrays(w)
    share = data / in_strength[indices.astype(np.int64)]
    init = np.zeros(n, dtype=np.bool_)
    if initial is not None:
        init[seed_indices(graph, initial, n).astype(np.int64)] = True
    chunks = max(1, min(n_sims, n_threads()))
    counts = np.zeros((chunks, n), dtype=np.int64)
    sim_curves = np.zeros((n_sims, steps + 1), dtype=np.int64)
    times = np.zeros((n_sims, n) if return_times else (1, 1), dtype=np.int32)
    base = np.uint64(seed_sequence(seed).generate_state(1, dtype=np.uint64)[0])
    kern.network_bass(
        indptr,
        indices,
        share,
        float(p),
        float(q),
        float(dt),
        steps,
        init,
        n_sims,
        base,
        chunks,
        counts,
        sim_curves,
        times,
        bool(return_times),
    )
    shares = sim_curves / n
    table = pd.DataFrame(np.quantile(shares, qs, axis=0).T, columns=[f"q{x:g}" for x in qs])
    table.insert(0, "time", np.arange(steps + 1) * dt)
    return BassResult(
        mean=shares.mean(axis=0),
        quantiles=table,
        probability=counts.sum(axis=0) / n_sims,
        time=np.arange(steps + 1) * dt,
        times=times if return_times else None,
    )


@dataclass(frozen=True)
class BassFit:
    """Maximum-likelihood fit of the network Bass model and a no-network baseline.

    ``table``: one row per model (``network``, ``no_network``, ``innovation_only``)
    with ``p``, ``q``, standard errors, 95% intervals, log-likelihood and AIC.
    ``lr_statistic``, ``lr_pvalue``: likelihood-ratio test of ``q > 0`` in the
    network model (boundary-corrected: half a chi-square with one degree of
    freedom; Self & Liang 1987). ``n_actors``, ``n_adopters``, ``censor_time``.
    """

    table: pd.DataFrame
    lr_statistic: float
    lr_pvalue: float
    n_actors: int
    n_adopters: int
    censor_time: float

    @property
    def p(self) -> float:
        """Coefficient of innovation (external influence per step)."""
        return float(self.table.loc["network", "p"])

    @property
    def q(self) -> float:
        """Coefficient of imitation (influence of adopting neighbours per step)."""
        return float(self.table.loc["network", "q"])

    def summary(self) -> str:
        """A plain-text account of the fit: estimates, intervals and the likelihood-ratio test."""
        lines = [
            f"Network Bass fit: {self.n_adopters} adopters among {self.n_actors} observed actors, censored at t = {self.censor_time:g}",
            self.table.to_string(float_format=lambda v: f"{v:.4g}"),
            f"LR test of q > 0 (network model): statistic {self.lr_statistic:.3f}, p-value {self.lr_pvalue:.3g}",
        ]
        return "\n".join(lines)


def _bass_loglik(params, adopter_share, dt, survive_count, survive_share):
    p, q = params
    lam = p + q * adopter_share
    if np.any(lam <= 0):
        return -np.inf
    return float(
        np.sum(np.log(-np.expm1(-lam * dt))) - dt * (p * survive_count + q * survive_share)
    )


def _bass_grad_hess(params, adopter_share, dt, survive_count, survive_share):
    p, q = params
    lam = p + q * adopter_share
    em = np.expm1(lam * dt)  # e^{lam dt} - 1
    a1 = dt / em  # d/dlam log(1 - e^{-lam dt})
    a2 = -(dt**2) * (em + 1.0) / em**2
    grad = np.array(
        [a1.sum() - dt * survive_count, (a1 * adopter_share).sum() - dt * survive_share]
    )
    hess = np.array(
        [
            [a2.sum(), (a2 * adopter_share).sum()],
            [(a2 * adopter_share).sum(), (a2 * adopter_share**2).sum()],
        ]
    )
    return grad, hess


def _fit_one(adopter_share, dt, survive_count, survive_share, fix_q_zero: bool):
    n_adopt = adopter_share.shape[0]
    exposure_total = survive_count + n_adopt
    p0 = max(n_adopt / max(exposure_total * dt, 1e-12), 1e-6)
    if fix_q_zero:
        # closed form: maximise n log(1 - e^{-p dt}) - p dt S  =>  p = log(1 + n / S) / dt
        p_hat = math.log1p(n_adopt / survive_count) / dt if survive_count > 0 else np.inf
        params = np.array([p_hat, 0.0])
    else:

        def nll(x):
            val = _bass_loglik(x, adopter_share, dt, survive_count, survive_share)
            return np.inf if not np.isfinite(val) else -val

        def jac(x):
            g, _ = _bass_grad_hess(x, adopter_share, dt, survive_count, survive_share)
            return -g

        res = optimize.minimize(
            nll,
            x0=np.array([p0, p0]),
            jac=jac,
            method="L-BFGS-B",
            bounds=[(1e-12, None), (0.0, None)],
            options={"ftol": 1e-15, "gtol": 1e-12, "maxiter": 10_000},
        )
        params = res.x
    ll = _bass_loglik(params, adopter_share, dt, survive_count, survive_share)
    _, hess = _bass_grad_hess(params, adopter_share, dt, survive_count, survive_share)
    se = np.full(2, np.nan)
    if fix_q_zero:
        se[0] = math.sqrt(-1.0 / hess[0, 0]) if hess[0, 0] < 0 else np.nan
    else:
        try:
            cov = np.linalg.inv(-hess)
            se = np.sqrt(np.clip(np.diag(cov), 0, None))
        except np.linalg.LinAlgError:
            pass
    return params, se, ll


def _check_identified(at_risk: np.ndarray, last_survived: np.ndarray, dt: float) -> None:
    """Raise a ValueError when the adoption times cannot identify ``p`` (and ``q``).

    With no actor at risk (every observed actor adopted at time 0) there is no
    likelihood at all; when every actor at risk adopted in its first period
    (none survived a period) the likelihood grows without bound in ``p``.
    """
    if not at_risk.any():
        raise ValueError(
            "adoption_time: every observed actor adopted at time 0 (initial adopters), so no "
            "actor was at risk; the data cannot identify the Bass model"
        )
    if not np.any(np.where(at_risk, last_survived, 0) > 0):
        raise ValueError(
            "adoption_time: every actor at risk adopted in its first period of length "
            f"dt={show(dt)}, so the likelihood grows without bound in p; the data cannot "
            "identify the Bass model (use a smaller dt or a later censor_time with non-adopters)"
        )


def fit_bass(
    graph,
    adoption_time: np.ndarray,
    censor_time: float | None = None,
    observed: np.ndarray | None = None,
    dt: float = 1.0,
    layers=None,
    layer_weights=None,
    exposure: str = "in",
) -> BassFit:
    """Maximum-likelihood estimates of the network Bass model from adoption times.

    Time is cut into periods of length ``dt``; an actor adopting at time ``a``
    adopts in period ``ceil(a / dt)``. In period ``t`` an actor still at risk
    adopts with probability ``1 - exp(-(p + q s_it) dt)``, where ``s_it`` is the
    weighted share of its (observed) neighbours — chosen by ``exposure`` as in
    :func:`bass` — that adopted in periods before ``t``. The log-likelihood

    ``l(p, q) = sum_adoptions log(1 - e^{-(p + q s_it) dt}) - dt sum_survivals (p + q s_it)``

    is maximised under ``p > 0, q >= 0`` (L-BFGS-B with the analytic gradient);
    standard errors come from the observed information (the analytic Hessian).
    ``adoption_time`` NaN means "not adopted by ``censor_time``" (right-censored);
    actors whose status is unknown are left out with ``observed=False`` (they are
    neither at risk nor counted in anyone's exposure). The *no-network* baseline
    replaces ``s_it`` by the share of all observed actors adopted before ``t``
    (the classic Bass model); ``innovation_only`` fixes ``q = 0``. The
    likelihood-ratio test of ``q > 0`` compares network and innovation-only
    models (p-value ``0.5 P(chi2_1 > LR)``, as ``q = 0`` lies on the boundary).

    Notes
    -----
    Degenerate cases: when no observed actor was at risk (all adopted at time
    0) or every actor at risk adopted in its first period, the data cannot
    identify the model and a ValueError says so; when nobody at risk adopted,
    ``p`` sits at its lower bound and its standard error may be NaN (the
    optimum lies on the boundary).

    References
    ----------
    Bass, F. M. (1969). A new product growth for model consumer durables.
    *Management Science* 15:215–227. Van den Bulte, C., & Lilien, G. L. (2001).
    Medical Innovation revisited. *AJS* 106:1409–1435. Self, S. G., & Liang, K.-Y.
    (1987). Asymptotic properties of maximum likelihood estimators ... under
    nonstandard conditions. *JASA* 82:605–610.
    """
    check_positive("dt", dt)
    n_all, w = _exposure_matrix(graph, layers, layer_weights, exposure)
    times = np.asarray(adoption_time, dtype=np.float64)
    if times.shape != (n_all,):
        raise ValueError(f"adoption_time has shape {times.shape}, expected ({n_all},)")
    obs = np.ones(n_all, dtype=bool) if observed is None else np.asarray(observed, dtype=bool)
    if obs.shape != (n_all,):
        raise ValueError(f"observed has shape {obs.shape}, expected ({n_all},)")
    finite = np.isfinite(times) & obs
    if np.isinf(times[obs]).any():
        raise ValueError(
            "adoption_time has an infinite value; use NaN for 'not adopted by censor_time'"
        )
    if (times[finite] < 0).any():
        k = int(np.flatnonzero(finite & (times < 0))[0])
        raise ValueError(f"adoption_time of actor {k} is negative ({show(times[k])})")
    if censor_time is None:
        if not finite.any():
            raise ValueError("no observed adoptions: give censor_time")
        censor_time = float(times[finite].max())
    censor_time = check_positive("censor_time", censor_time)
    late = finite & (times > censor_time)
    if late.any():
        k = int(np.flatnonzero(late)[0])
        raise ValueError(
            f"adoption_time of actor {k} ({show(times[k])}) is after censor_time={show(censor_time)}"
        )
    horizon = math.ceil(censor_time / dt - 1e-9)
    period = np.full(n_all, horizon + 1, dtype=np.int64)  # never within the window
    period[finite] = np.maximum(np.ceil(times[finite] / dt - 1e-9).astype(np.int64), 0)
    # exposure over observed neighbours only
    coo = w.tocoo()
    keep = obs[coo.row] & obs[coo.col]
    src, dst, wt = coo.row[keep], coo.col[keep], coo.data[keep]
    in_strength = np.bincount(dst, weights=wt, minlength=n_all)
    share_e = np.divide(wt, in_strength[dst], out=np.zeros_like(wt), where=in_strength[dst] > 0)
    # actors adopting at period 0 are initial adopters: exposure sources, never at risk
    at_risk = obs & (period >= 1)
    adopters = at_risk & (period <= horizon)
    last_survived = np.where(adopters, period - 1, horizon)  # periods 1..last survived
    _check_identified(at_risk, last_survived, dt)
    # network exposure: s_it = sum of share_e over in-neighbours j adopting before t
    before = period[src] < period[dst]
    adopter_share = np.bincount(dst[before], weights=share_e[before], minlength=n_all)[adopters]
    # sum over survived periods t in (period_j, last_survived_i] of share_e
    span = np.clip(last_survived[dst] - np.maximum(period[src], 0), 0, None)
    span = np.where(at_risk[dst], span, 0)
    survive_share = float(np.sum(share_e * span))
    survive_count = float(np.sum(np.where(at_risk, last_survived, 0)))
    # no-network baseline: population share adopted before t
    n_obs = int(obs.sum())
    per_period = np.bincount(np.clip(period[obs], 0, horizon + 1), minlength=horizon + 2)
    cum_before = np.concatenate([[0], np.cumsum(per_period)[:-1]]) / n_obs  # F before period t
    base_adopter_share = cum_before[period[adopters]]
    base_survive_share = 0.0
    for t in range(1, horizon + 1):
        survivors = np.sum(at_risk & (last_survived >= t))
        base_survive_share += survivors * cum_before[t]
    rows = {}
    net_params, net_se, net_ll = _fit_one(adopter_share, dt, survive_count, survive_share, False)
    base_params, base_se, base_ll = _fit_one(
        base_adopter_share, dt, survive_count, base_survive_share, False
    )
    inn_params, inn_se, inn_ll = _fit_one(adopter_share, dt, survive_count, survive_share, True)
    z = stats.norm.ppf(0.975)
    for name, (params, se, ll, k) in {
        "network": (net_params, net_se, net_ll, 2),
        "no_network": (base_params, base_se, base_ll, 2),
        "innovation_only": (inn_params, inn_se, inn_ll, 1),
    }.items():
        rows[name] = {
            "p": params[0],
            "p_se": se[0],
            "p_low": params[0] - z * se[0],
            "p_high": params[0] + z * se[0],
            "q": params[1],
            "q_se": se[1],
            "q_low": params[1] - z * se[1] if np.isfinite(se[1]) else np.nan,
            "q_high": params[1] + z * se[1] if np.isfinite(se[1]) else np.nan,
            "loglik": ll,
            "aic": 2 * k - 2 * ll,
        }
    table = pd.DataFrame.from_dict(rows, orient="index")
    lr = max(0.0, 2.0 * (net_ll - inn_ll))
    pvalue = 0.5 * stats.chi2.sf(lr, df=1) if lr > 0 else 1.0
    if not np.isfinite(net_ll):
        warnings.warn(
            "the network Bass likelihood is not finite at the optimum", RuntimeWarning, stacklevel=2
        )
    return BassFit(table, lr, pvalue, n_obs, int(adopters.sum()), float(censor_time))
