"""The network Bass model of innovation diffusion: simulation and maximum-likelihood fitting.

``bass`` simulates the discrete-time network Bass model (hazard :math:`p + q` times
the adopted share of in-neighbours); ``fit_bass`` estimates :math:`p` and :math:`q` from
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
    """Network Bass simulation outcome (of :func:`bass`).

    Attributes
    ----------
    mean : numpy.ndarray, shape (steps + 1,)
        Mean share adopted after each step (index 0 = start).
    quantiles : pandas.DataFrame
        Share-adopted quantiles by step.
    probability : numpy.ndarray, shape (n,)
        Per-actor share of runs in which the actor adopted.
    time : numpy.ndarray, shape (steps + 1,)
        Step times (multiples of ``dt``).
    times : numpy.ndarray or None
        Adoption step per run and actor (-1 never, 0 initial) when requested.

    Examples
    --------
    >>> import numpy as np
    >>> import scipy.sparse as sp
    >>> from clusternet.bass import bass
    >>> pair = sp.csr_array(([1.0, 1.0], ([0, 1], [1, 0])), shape=(2, 2))
    >>> res = bass(pair, p=0.2, q=0.5, steps=3, n_sims=20, seed=1, dt=0.5)
    >>> res.time.tolist(), res.mean.shape, list(res.quantiles.shape)
    ([0.0, 0.5, 1.0, 1.5], (4,), [4, 6])
    """

    mean: np.ndarray
    quantiles: pd.DataFrame
    probability: np.ndarray
    time: np.ndarray
    times: np.ndarray | None = None


def bass_curve(t, p: float, q: float) -> np.ndarray:
    r"""The Bass (1969) cumulative adoption share.

    .. math::

        F(t) = \frac{1 - e^{-(p+q) t}}{1 + (q/p)\, e^{-(p+q) t}}

    Parameters
    ----------
    t : float or array_like
        Time(s).
    p : float
        Coefficient of innovation (> 0).
    q : float
        Coefficient of imitation (>= 0).

    Returns
    -------
    numpy.ndarray
        :math:`F(t)`, the same shape as ``t``.

    References
    ----------
    Bass, F. M. (1969). A new product growth for model consumer durables.
    *Management Science* 15:215–227.

    Examples
    --------
    >>> import numpy as np
    >>> from clusternet.bass import bass_curve
    >>> print(np.round(bass_curve(np.array([0.0, 1.0, 5.0, 20.0]), p=0.03, q=0.4), 4))
    [0.     0.0361 0.3461 0.9974]
    """
    if not (np.isfinite(p) and p > 0):
        raise ValueError(f"p (coefficient of innovation) must be finite and > 0, got {p!r}")
    if not (np.isfinite(q) and q >= 0):
        raise ValueError(f"q (coefficient of imitation) must be finite and >= 0, got {q!r}")
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
    r"""Network Bass model (Bass 1969; Goldenberg, Libai & Muller 2001), Monte Carlo.

    In each step of length :math:`\Delta t` every non-adopter :math:`i` adopts
    with probability

    .. math::

        1 - e^{-(p + q s_i) \Delta t}

    where :math:`s_i` is the weighted share of :math:`i`'s neighbours that
    adopted in earlier steps. :math:`p` is the rate of innovation (external
    influence), :math:`q` of imitation. On a complete graph with many actors
    the mean curve approaches the classic Bass curve :func:`bass_curve` as
    :math:`\Delta t \to 0`; with :math:`q = 0` it is :math:`1 - e^{-p t}` exactly.

    Parameters
    ----------
    graph : ClusterNetwork, scipy.sparse matrix, igraph.Graph or networkx graph
        The network.
    p : float
        Coefficient of innovation (per unit time, > 0).
    q : float
        Coefficient of imitation (>= 0).
    steps : int
        Number of steps.
    n_sims : int, default 100
        Monte Carlo runs.
    seed : int or numpy.random.SeedSequence, optional
        Seed of the runs' streams.
    dt : float, default 1.0
        Step length :math:`\Delta t`.
    initial : actor ids or boolean mask, optional
        Adopters at time 0 (default none).
    layers : str or list of str, optional
        Layers to use (ClusterNetwork only; default all).
    layer_weights : dict {layer: weight}, optional
        Multiplies each layer's tie weights before aggregation.
    exposure : {"in", "out", "both"}, default "in"
        Whose adoption counts: in-neighbours :math:`j \to i`; those :math:`i`
        points to (e.g. physicians :math:`i` named as advisers); or both.
    quantiles : sequence of float, default (0.05, 0.25, 0.5, 0.75, 0.95)
        Quantiles of the share adopted to report per step.
    return_times : bool, default False
        Keep every run's adoption times.

    Returns
    -------
    BassResult
        Mean and quantile share-adopted curves, per-actor adoption probability,
        optionally adoption times per run (``return_times=True``).

    Notes
    -----
    Degenerate cases: :math:`p = q = 0` keeps the share at the initial adopters'
    share; isolated actors adopt at rate :math:`p` only (their exposure is 0);
    ``quantiles`` outside [0, 1] and runs whose curves would exceed
    ``clusternet._validate.MAX_SIMS`` values raise a ValueError naming the argument.

    References
    ----------
    Bass, F. M. (1969). *Management Science* 15:215–227. Goldenberg, J., Libai, B.,
    & Muller, E. (2001). Talk of the network. *Marketing Letters* 12:211–223.

    Examples
    --------
    With :math:`q = 0` the mean curve is :math:`1 - e^{-p t}`:

    >>> import numpy as np
    >>> import scipy.sparse as sp
    >>> from clusternet.bass import bass
    >>> complete = sp.csr_array(np.ones((50, 50)) - np.eye(50))
    >>> res = bass(complete, p=0.1, q=0.0, steps=5, n_sims=400, seed=1)
    >>> exact = 1 - np.exp(-0.1 * np.arange(6))
    >>> bool(np.abs(res.mean - exact).max() < 0.01)
    True
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
    r"""Maximum-likelihood fit of the network Bass model and a no-network baseline.

    Attributes
    ----------
    table : pandas.DataFrame
        One row per model (``network``, ``no_network``, ``innovation_only``) with
        ``p``, ``q``, standard errors, 95 % intervals, log-likelihood and AIC.
    lr_statistic, lr_pvalue : float
        Likelihood-ratio test of :math:`q > 0` in the network model
        (boundary-corrected: half a :math:`\chi^2_1`; Self & Liang 1987).
    n_actors, n_adopters : int
        Observed actors and adopters among them.
    censor_time : float
        End of observation.

    Examples
    --------
    >>> import clusternet as cn
    >>> from clusternet.bass import fit_bass
    >>> net = cn.datasets.load_ckm_physicians()
    >>> months = net.column("adoption_month").astype(float)
    >>> observed = net.column("adoption_status") != "unknown"
    >>> fit = fit_bass(net, months, censor_time=17, observed=observed, exposure="out")
    >>> fit.n_adopters, fit.censor_time, round(fit.p, 3), round(fit.q, 3)
    (109, 17.0, 0.112, 0.014)
    """

    table: pd.DataFrame
    lr_statistic: float
    lr_pvalue: float
    n_actors: int
    n_adopters: int
    censor_time: float

    @property
    def p(self) -> float:
        """Coefficient of innovation (external influence per step) of the network model.

        Returns
        -------
        float
            :math:`p`, a per-step hazard.

        Examples
        --------
        >>> import clusternet as cn
        >>> from clusternet.bass import fit_bass
        >>> net = cn.datasets.load_ckm_physicians()
        >>> months = net.column("adoption_month").astype(float)
        >>> observed = net.column("adoption_status") != "unknown"
        >>> fit = fit_bass(net, months, censor_time=17, observed=observed, exposure="out")
        >>> round(fit.p, 3)
        0.112
        """
        return float(self.table.loc["network", "p"])

    @property
    def q(self) -> float:
        """Coefficient of imitation (influence of adopting neighbours per step) of the network model.

        Returns
        -------
        float
            :math:`q`, the hazard per adopting neighbour and step.

        Examples
        --------
        >>> import clusternet as cn
        >>> from clusternet.bass import fit_bass
        >>> net = cn.datasets.load_ckm_physicians()
        >>> months = net.column("adoption_month").astype(float)
        >>> observed = net.column("adoption_status") != "unknown"
        >>> fit = fit_bass(net, months, censor_time=17, observed=observed, exposure="out")
        >>> round(fit.q, 3)
        0.014
        """
        return float(self.table.loc["network", "q"])

    def summary(self) -> str:
        """A plain-text account of the fit: estimates, intervals and the likelihood-ratio test.

        Returns
        -------
        str
            Several lines: the sample, the table and the test.

        Examples
        --------
        >>> import numpy as np
        >>> import clusternet as cn
        >>> from clusternet.bass import fit_bass
        >>> net = cn.datasets.load_ckm_physicians()
        >>> months = net.column("adoption_month").astype(float)
        >>> observed = net.column("adoption_status") != "unknown"
        >>> fit = fit_bass(net, months, censor_time=17, observed=observed, exposure="out")
        >>> print(fit.summary().splitlines()[0])
        Network Bass fit: 109 adopters among 125 observed actors, censored at t = 17
        """
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


#: the lower bound on p in every fit (the likelihood needs p > 0; no adoption puts p here)
P_FLOOR = 1e-12
#: the most periods censor_time / dt may span (the fit keeps arrays of that length)
MAX_PERIODS = 10_000_000


def _fit_one(adopter_share, dt, survive_count, survive_share, fix_q_zero: bool):
    n_adopt = adopter_share.shape[0]
    exposure_total = survive_count + n_adopt
    p0 = max(n_adopt / max(exposure_total * dt, 1e-12), 1e-6)
    if fix_q_zero:
        # closed form: maximise n log(1 - e^{-p dt}) - p dt S  =>  p = log(1 + n / S) / dt
        # (concave in p: clipped to the bound it is the constrained maximum)
        p_hat = math.log1p(n_adopt / survive_count) / dt if survive_count > 0 else np.inf
        params = np.array([max(p_hat, P_FLOOR), 0.0])
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
            bounds=[(P_FLOOR, None), (0.0, None)],
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
    r"""Maximum-likelihood estimates of the network Bass model from adoption times.

    Time is cut into periods of length :math:`\Delta t`; an actor adopting at
    time :math:`a` adopts in period :math:`\lceil a / \Delta t \rceil`. In
    period :math:`t` an actor still at risk adopts with probability
    :math:`1 - e^{-(p + q s_{it}) \Delta t}`, where :math:`s_{it}` is the
    weighted share of its (observed) neighbours — chosen by ``exposure`` as in
    :func:`bass` — that adopted in periods before :math:`t`. The log-likelihood

    .. math::

        \ell(p, q) = \sum_{\text{adoptions}} \log\bigl(1 - e^{-(p + q s_{it}) \Delta t}\bigr)
                     - \Delta t \sum_{\text{survivals}} (p + q s_{it})

    is maximised under :math:`p > 0, q \ge 0` (L-BFGS-B with the analytic
    gradient); standard errors come from the observed information (the
    analytic Hessian). The *no-network* baseline replaces :math:`s_{it}` by
    the share of all observed actors adopted before :math:`t` (the classic Bass
    model); ``innovation_only`` fixes :math:`q = 0`. The likelihood-ratio test
    of :math:`q > 0` compares network and innovation-only models (p-value
    :math:`\tfrac12 P(\chi^2_1 > LR)`, as :math:`q = 0` lies on the boundary).

    Parameters
    ----------
    graph : ClusterNetwork, scipy.sparse matrix, igraph.Graph or networkx graph
        The network.
    adoption_time : array of shape (n,)
        Adoption time per actor; NaN means "not adopted by ``censor_time``"
        (right-censored).
    censor_time : float, optional
        End of observation (default: the last adoption time).
    observed : boolean array of shape (n,), optional
        ``False`` leaves an actor out (status unknown): neither at risk nor
        counted in anyone's exposure.
    dt : float, default 1.0
        Period length :math:`\Delta t`.
    layers : str or list of str, optional
        Layers to use (ClusterNetwork only; default all).
    layer_weights : dict {layer: weight}, optional
        Multiplies each layer's tie weights before aggregation.
    exposure : {"in", "out", "both"}, default "in"
        Whose adoption counts, as in :func:`bass`.

    Returns
    -------
    BassFit
        Estimates of the three models and the likelihood-ratio test.

    Notes
    -----
    Degenerate cases: when no observed actor was at risk (all adopted at time
    0) or every actor at risk adopted in its first period, the data cannot
    identify the model and a ValueError says so; when nobody at risk adopted,
    ``p`` sits at its lower bound :data:`P_FLOOR` per period (``P_FLOOR / dt``) in
    every model and its standard error may be NaN (the optimum lies on the
    boundary). The fit works per period (rates :math:`p \Delta t`, :math:`q \Delta t`),
    so any ``dt`` from 1e-300 to 1e300 gives the same estimates in its own time
    unit; ``censor_time / dt`` above :data:`MAX_PERIODS` periods raises a ValueError.

    References
    ----------
    Bass, F. M. (1969). A new product growth for model consumer durables.
    *Management Science* 15:215–227. Van den Bulte, C., & Lilien, G. L. (2001).
    Medical Innovation revisited. *AJS* 106:1409–1435. Self, S. G., & Liang, K.-Y.
    (1987). Asymptotic properties of maximum likelihood estimators ... under
    nonstandard conditions. *JASA* 82:605–610.

    Examples
    --------
    Coleman, Katz & Menzel's physicians, exposure through the colleagues each named:

    >>> import clusternet as cn
    >>> from clusternet.bass import fit_bass
    >>> net = cn.datasets.load_ckm_physicians()
    >>> months = net.column("adoption_month").astype(float)
    >>> observed = net.column("adoption_status") != "unknown"
    >>> fit = fit_bass(net, months, censor_time=17, observed=observed, exposure="out")
    >>> print(fit.table[["p", "q"]].round(3).to_string())
                         p      q
    network          0.112  0.014
    no_network       0.099  0.050
    innovation_only  0.118  0.000
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
        if censor_time == 0.0:  # the window would be empty: say why, not "censor_time = 0"
            if finite.sum() == obs.sum():
                _check_identified(np.zeros(n_all, dtype=bool), np.zeros(n_all), dt)
            raise ValueError(
                "no observed adoptions after time 0: give censor_time (the time up to which "
                "the actors without an adoption time were observed)"
            )
    censor_time = check_positive("censor_time", censor_time)
    late = finite & (times > censor_time)
    if late.any():
        k = int(np.flatnonzero(late)[0])
        raise ValueError(
            f"adoption_time of actor {k} ({show(times[k])}) is after censor_time={show(censor_time)}"
        )
    periods = censor_time / dt
    if not periods <= MAX_PERIODS:
        raise ValueError(
            f"censor_time / dt = {show(censor_time)} / {show(dt)} spans more than "
            f"{MAX_PERIODS:,} periods; use a larger dt"
        )
    horizon = math.ceil(periods - 1e-9)
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
    # sum over periods t = 1..horizon of (actors at risk still surviving at t) * F before t
    ends = np.bincount(last_survived[at_risk], minlength=horizon + 1)
    survivors = np.cumsum(ends[::-1])[::-1]  # survivors[t] = #{at risk, last_survived >= t}
    base_survive_share = float(np.dot(survivors[1 : horizon + 1], cum_before[1 : horizon + 1]))
    rows = {}
    # fitted per period (dt = 1: rates p dt and q dt, the likelihood unchanged), then divided
    # by dt, so that a dt of 1e300 or 1e-300 neither overflows nor starves the optimiser
    fits = {
        name: _fit_one(share, 1.0, survive_count, surv_share, fixed)
        for name, share, surv_share, fixed in (
            ("network", adopter_share, survive_share, False),
            ("no_network", base_adopter_share, base_survive_share, False),
            ("innovation_only", adopter_share, survive_share, True),
        )
    }
    (net_params, net_se, net_ll), (base_params, base_se, base_ll), (inn_params, inn_se, inn_ll) = (
        (params / dt, se / dt, ll) for params, se, ll in fits.values()
    )
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
