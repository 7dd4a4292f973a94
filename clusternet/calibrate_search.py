r"""The simulated-method-of-moments search of :func:`clusternet.calibrate.fit_generator`.

The objective (:class:`MomentObjective`: weighted squared gaps between observed
and mean simulated moments on the unit cube, common random numbers across
points), its diagonal weights (:func:`diagonal_weights`) and the local search
from a design point (:func:`local_search`: Powell or bounded Gauss-Newton).
McFadden (1989), *Econometrica* 57:995; Gourieroux, Monfort & Renault (1993),
*J. Appl. Econometrics* 8:S85.

Examples
--------
>>> from clusternet.calibrate_search import SEARCHES, WEIGHTINGS
>>> SEARCHES, WEIGHTINGS
(('powell', 'least_squares'), ('design', 'estimate'))
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from clusternet.calibrate_moments import simulated_moments
from clusternet.generate import PARAMETERS as PARAMS

__all__ = [
    "FINAL_MAXITER",
    "LSQ_STEP",
    "SEARCHES",
    "WEIGHTINGS",
    "MomentObjective",
    "diagonal_weights",
    "local_search",
]


class MomentObjective:
    r"""The SMM objective on the unit cube: weighted distance of observed and mean simulated moments.

    .. math::

        J(u) = \sum_k W_k \bigl(m_{\mathrm{obs},k} - \bar m_k(\theta(u))\bigr)^2,

    with :math:`\theta(u)` the point of the parameter box at unit coordinates ``u``
    (linear, or logarithmic for a positive range wider than 20×) and
    :math:`\bar m(\theta)` the mean of ``n_sims`` simulations seeded from
    ``(sim_root, s)`` — the same draws at every ``u`` (common random numbers;
    McFadden 1989). ``keys`` (the moments) and ``weight`` (:math:`W`, see
    :func:`diagonal_weights`) are set by the caller before the first call.

    Parameters
    ----------
    target : array_like
        Observed moments, in the order of ``keys``.
    names : sequence of str
        The free parameters.
    bounds : dict {str: (float, float)}
        Each free parameter's box.
    fixed : dict
        Settings passed unchanged to the generator.
    n_firms : int
        Simulated cluster size.
    layers : sequence of str
        Generator layers whose moments are taken.
    coords : bool
        Whether tie-length moments are taken.
    sim_root : int
        Root seed of the simulations.
    n_sims : int
        Simulations per evaluation.
    attribute : bool
        Whether the ownership assortativity is taken.

    Examples
    --------
    >>> from clusternet.calibrate_search import MomentObjective
    >>> obj = MomentObjective([0.0], ["social_degree"], {"social_degree": (0.2, 40.0)},
    ...                       {}, 50, ["social"], False, 1, 2, False)
    >>> round(obj.params([0.0])["social_degree"], 6), round(obj.params([1.0])["social_degree"], 6)
    (0.2, 40.0)
    """

    def __init__(
        self, target, names, bounds, fixed, n_firms, layers, coords, sim_root, n_sims, attribute
    ):
        self.target = np.asarray(target, float)
        self.names = list(names)
        self.low = np.array([bounds[k][0] for k in self.names], dtype=float)
        self.high = np.array([bounds[k][1] for k in self.names], dtype=float)
        # wide positive ranges (degrees: 0.2-40) are searched on a log scale, so the
        # design and the line searches spend as much effort on 1-4 as on 10-40
        self.log = (self.low > 0) & (self.high / np.maximum(self.low, 1e-300) > 20)
        self.fixed = dict(fixed)
        self.n_firms = n_firms
        self.layers = list(layers)
        self.coords = coords
        self.sim_root = sim_root
        self.n_sims = n_sims
        self.attribute = bool(attribute)
        self.keys: list[str] = []
        self.weight = None
        self.evaluations = 0

    def params(self, u: np.ndarray) -> dict:
        """The generator's settings at unit coordinates ``u`` (clipped to the cube).

        Two shares that split the same draws give way in order: where
        ``transaction_technology + social_technology`` (or ``same_stage_trade +
        skip_stage_trade``) would pass 1, the second is set to ``1 - first``.
        A range that is positive and wider than 20× is mapped on a log scale.

        Parameters
        ----------
        u : numpy.ndarray
            Unit coordinates, one per free parameter.

        Returns
        -------
        dict
            ``fixed`` updated with the free parameters' values.

        Examples
        --------
        >>> import numpy as np
        >>> from clusternet.calibrate_search import MomentObjective
        >>> obj = MomentObjective([4.0], ["social_degree"], {"social_degree": (0.2, 40.0)},
        ...                       {"preset": "taizhou"}, 40, ["social"], False, 1, 2, False)
        >>> obj.keys, obj.weight = ["social:mean_degree"], np.ones(1)
        >>> round(obj.params(np.array([0.5]))["social_degree"], 4)  # sqrt(0.2 * 40)
        2.8284
        """
        u = np.clip(np.asarray(u, float), 0.0, 1.0)
        theta = self.low + u * (self.high - self.low)
        lo, hi = np.log(np.maximum(self.low, 1e-300)), np.log(np.maximum(self.high, 1e-300))
        theta = np.where(self.log, np.exp(lo + u * (hi - lo)), theta)
        out = dict(self.fixed)
        out.update({k: float(v) for k, v in zip(self.names, theta, strict=True)})
        # shares of the same draws may not exceed 1 together: the second gives way
        for first, second in (
            ("transaction_technology", "social_technology"),
            ("same_stage_trade", "skip_stage_trade"),
        ):
            a = out.get(first, PARAMS[first].default)
            if a + out.get(second, PARAMS[second].default) > 1:
                out[second] = 1.0 - a
        return out

    def simulate(self, u: np.ndarray) -> np.ndarray:
        """The ``(n_sims, len(keys))`` simulated moments at ``u``, one row per seed.

        Parameters
        ----------
        u : numpy.ndarray
            Unit coordinates.

        Returns
        -------
        numpy.ndarray, shape (n_sims, len(keys))
            Simulation ``s`` is seeded from ``SeedSequence(sim_root, spawn_key=(s,))``.

        Examples
        --------
        >>> import numpy as np
        >>> from clusternet.calibrate_search import MomentObjective
        >>> obj = MomentObjective([4.0], ["social_degree"], {"social_degree": (0.2, 40.0)},
        ...                       {"preset": "taizhou"}, 40, ["social"], False, 1, 2, False)
        >>> obj.keys, obj.weight = ["social:mean_degree"], np.ones(1)
        >>> sims = obj.simulate(np.array([0.5]))
        >>> sims.shape, bool((obj.simulate(np.array([0.5])) == sims).all())
        ((2, 1), True)
        """
        p = self.params(u)
        rows = [
            simulated_moments(
                self.n_firms,
                p,
                self.layers,
                np.random.SeedSequence(self.sim_root, spawn_key=(s,)),
                self.coords,
                self.attribute,
            )
            for s in range(self.n_sims)
        ]
        return pd.DataFrame(rows)[self.keys].to_numpy()

    def __call__(self, u: np.ndarray) -> float:
        """The objective :math:`J(u)`, the sum of the squared weighted gaps."""
        gap = self.residuals(u)
        # math.fsum, not ``gap @ gap``: BLAS's dot sums in an order that depends on the CPU,
        # and Powell's search turns a last-bit difference into another estimate
        return math.fsum(gap * gap)

    def residuals(self, u: np.ndarray) -> np.ndarray:
        r"""Weighted gaps ``sqrt(W) (m_obs - mean simulated)``: their squares sum to the objective.

        Counts one evaluation.

        Parameters
        ----------
        u : numpy.ndarray
            Unit coordinates.

        Returns
        -------
        numpy.ndarray, shape (len(keys),)
            :math:`\sqrt{W_k}\,(m_{\mathrm{obs},k} - \bar m_k)`.

        Examples
        --------
        >>> import numpy as np
        >>> from clusternet.calibrate_search import MomentObjective
        >>> obj = MomentObjective([4.0], ["social_degree"], {"social_degree": (0.2, 40.0)},
        ...                       {"preset": "taizhou"}, 40, ["social"], False, 1, 2, False)
        >>> obj.keys, obj.weight = ["social:mean_degree"], np.ones(1)
        >>> gap = obj.residuals(np.array([0.5]))
        >>> bool(np.isclose(gap[0], 4.0 - obj.simulate(np.array([0.5])).mean())), obj.evaluations
        (True, 1)
        """
        self.evaluations += 1
        mean = self.simulate(u).mean(axis=0)
        return np.sqrt(np.asarray(self.weight, dtype=float)) * (self.target - mean)


#: Rounds of the local search in ``fit_generator(final_sims=...)``'s last stage: one Powell
#: sweep through every direction (or four Gauss-Newton steps) from the estimate — a polish on
#: the finer surface, whose evaluations cost ``final_sims / n_sims`` times the earlier ones.
FINAL_MAXITER = 1
#: Local search methods of :func:`clusternet.calibrate.fit_generator`.
SEARCHES = ("powell", "least_squares")
#: Where :func:`clusternet.calibrate.fit_generator` takes the weighting matrix's variances from.
WEIGHTINGS = ("design", "estimate")
#: Finite-difference step of the least-squares search, as a share of each parameter's range:
#: with common random numbers the simulated moments are piecewise constant in small steps
#: (Poisson counts change by whole ties), so the Jacobian needs a step that moves many draws.
LSQ_STEP = 0.05


def local_search(objective, start: np.ndarray, search: str, maxiter: int):
    """Minimise ``objective`` on the unit cube from ``start``; returns ``(u, value)``.

    ``"powell"``: Powell's derivative-free method, ``maxiter`` sweeps through all
    directions. ``"least_squares"``: a bounded trust-region Gauss-Newton search on the
    weighted gaps (scipy's ``trf``) with a forward-difference Jacobian of step
    :data:`LSQ_STEP`, at most ``4 * maxiter`` iterations (each costs ``k + 1``
    evaluations for ``k`` parameters): it uses the moments one by one, not only their
    sum, and converges in far fewer evaluations than Powell in ten or more dimensions.

    Parameters
    ----------
    objective : callable
        ``objective(u) -> float``; for ``"least_squares"`` also
        ``objective.residuals(u) -> ndarray`` whose squares sum to it
        (:class:`MomentObjective`).
    start : numpy.ndarray
        Starting point in :math:`[0, 1]^k`.
    search : {"powell", "least_squares"}
        The method (:data:`SEARCHES`).
    maxiter : int
        Powell's sweeps, or a quarter of the least-squares evaluations' cap.

    Returns
    -------
    tuple (numpy.ndarray, float)
        The point reached, clipped to the unit cube, and the objective there.

    References
    ----------
    Powell (1964), *Comput. J.* 7:155; Branch, Coleman & Li (1999), *SIAM J. Sci.
    Comput.* 21:1 (the trust-region reflective method).

    Examples
    --------
    >>> import numpy as np
    >>> from clusternet.calibrate_search import local_search
    >>> class Bowl:
    ...     def residuals(self, u):
    ...         return u - 0.25
    ...     def __call__(self, u):
    ...         return float(((u - 0.25) ** 2).sum())
    >>> u, value = local_search(Bowl(), np.full(2, 0.9), "least_squares", 4)
    >>> np.round(u, 3).tolist(), value < 1e-8
    ([0.25, 0.25], True)
    """
    from scipy.optimize import least_squares, minimize

    k = start.shape[0]
    if search == "least_squares":
        res = least_squares(
            objective.residuals,
            start,
            bounds=(np.zeros(k), np.ones(k)),
            method="trf",
            diff_step=LSQ_STEP,
            max_nfev=4 * maxiter,
            xtol=1e-3,
            ftol=1e-4,
        )
        return np.clip(res.x, 0, 1), float(2 * res.cost)
    res = minimize(
        objective,
        start,
        method="Powell",
        bounds=[(0.0, 1.0)] * k,
        options={"maxiter": maxiter, "xtol": 1e-3, "ftol": 1e-4},
    )
    return np.clip(res.x, 0, 1), float(res.fun)


def diagonal_weights(sims: np.ndarray, target: np.ndarray) -> np.ndarray:
    r"""Inverse simulated variances with a floor (a moment that never varies gets a finite weight).

    The diagonal of the simulated covariance: with tens of simulations the full
    matrix is too noisy to invert reliably:

    .. math::

        W_k = 1 / \\max\bigl(\\widehat{\\mathrm{var}}(m_k),\\ (0.02 \\max(|m_{\\mathrm{obs},k}|, 0.01))^2\bigr).

    Parameters
    ----------
    sims : numpy.ndarray, shape (S, K)
        Simulated moments, one row per simulation.
    target : numpy.ndarray, shape (K,)
        Observed moments (they set the floor: 2 % of each, at least 0.0002).

    Returns
    -------
    numpy.ndarray, shape (K,)
        The weights :math:`W_k`.

    Examples
    --------
    >>> import numpy as np
    >>> from clusternet.calibrate_search import diagonal_weights
    >>> sims = np.array([[1.0, 5.0], [3.0, 5.0]])
    >>> diagonal_weights(sims, np.array([2.0, 5.0])).tolist()
    [0.5, 100.0]
    """
    var = sims.var(axis=0, ddof=1) if sims.shape[0] > 1 else np.zeros(sims.shape[1])
    floor = (0.02 * np.maximum(np.abs(target), 0.01)) ** 2
    return 1.0 / np.maximum(var, floor)
