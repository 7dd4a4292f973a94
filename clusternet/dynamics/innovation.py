"""Innovation driven by the incremental profit of innovating in the market among competitors.

Firm ``i`` innovates in a step with probability ``1 - exp(-lambda_i)``,

``lambda_i = rate * a_i * (1 + w_rd * rd_i (1 + s_rd) / mean(rd) + w_k * kbar_i) * (1 + rho * R) * v_i``

with absorptive capacity ``a_i``, R&D intensity ``rd_i`` (raised by the R&D
subsidy ``s_rd``), mean knowledge ``kbar_i``, ``R`` the regional brand's
reputation, which raises the return to new products (``rho`` =
``reputation_innovation``: the brand wheel drives the technology wheel), and the
firm's **net incentive** ``v_i = max(0, (G_i / pi_S - c_i) / (1 - c_i))``: its
incremental profit of innovating ``G_i`` in the market among its competitors
(:mod:`clusternet.dynamics.market`, after Aghion, Bloom, Blundell, Griffith &
Howitt 2005) in units of a monopolist's gain ``pi_S``, net of the cost share
``c_i`` it bears (``UpgradingModel.innovation_incentive``). Effort proportional to
the incremental profit is the first-order condition of Aghion et al. with a
quadratic effort cost. The squeeze of rivals (escape competition), the
Schumpeterian effect on laggards and the rent imitators take are all in ``G_i``.
A firm without rivals has ``G_i = pi_S``: with no cost it innovates at the base
hazard. The legacy switch ``squeeze`` (default 0, off) multiplies the hazard by
``(1 + squeeze * c_i)``, ``c_i`` the share of competitors that innovated in the
last ``memory`` steps, to reproduce round-1 runs.

The hazard is then multiplied by the firm's generic readiness
(:func:`generic_readiness`). An innovation is incremental (``+increment`` in a
random domain) or, with probability ``radical_share``, radical (the firm jumps
``radical_step`` beyond the cluster's frontier in that domain).
"""

from __future__ import annotations

import numpy as np

from clusternet.kernels import dynamics as kern


def competitor_pressure(
    comp_indptr, comp_indices, last_innovation: np.ndarray, step: int, memory: int
) -> np.ndarray:
    """Share of each actor's competitors that innovated in the last ``memory`` steps.

    ``c_i = |{j in N(i): t - last_j <= memory}| / |N(i)|`` (0 without competitors);
    read only by the legacy ``squeeze`` switch.

    Parameters
    ----------
    comp_indptr, comp_indices : numpy.ndarray
        The competition layer's CSR.
    last_innovation : numpy.ndarray
        Step of each actor's last innovation (``-inf``: never).
    step : int
        The current step.
    memory : int
        How many steps an innovation presses.

    Returns
    -------
    numpy.ndarray
        ``c_i`` per actor.

    Examples
    --------
    >>> import numpy as np
    >>> competitor_pressure(np.array([0, 2, 3, 4]), np.array([1, 2, 0, 0]),
    ...                     np.array([-np.inf, 4.0, -np.inf]), 5, 3)
    array([0.5, 0. , 0. ])
    """
    recent = (step - last_innovation) <= memory
    out = np.empty(last_innovation.shape[0])
    kern.competitor_pressure(comp_indptr, comp_indices, recent, out)
    return out


def generic_readiness(generic: np.ndarray, frontier: float, complement: float) -> np.ndarray:
    r""":math:`b_i = \min(\max(K_{i0} / F_0, 0), 1)^{\gamma}`: how far generic knowledge lets a firm innovate.

    Generic (common) technology is a complement of applied innovation: a firm
    far behind the generic frontier ``F_0`` innovates little, however much R&D
    it does (C-GENERIC-1: the generic-technology bottleneck of SMEs;
    Tassey 2005). ``gamma`` = ``generic_complement``; ``gamma = 0`` or no gap
    (``K_i0 >= F_0``) gives 1 — no bottleneck.

    Parameters
    ----------
    generic : ndarray of float, shape (N,)
        The firms' generic knowledge :math:`K_{i0}`.
    frontier : float
        The generic frontier :math:`F_0 > 0`.
    complement : float
        The exponent :math:`\gamma \ge 0` (``generic_complement``).

    Returns
    -------
    ndarray of float, shape (N,)
        :math:`b_i = \min(\max(K_{i0} / F_0, 0), 1)^{\gamma}`, in [0, 1].

    Examples
    --------
    >>> import numpy as np
    >>> generic_readiness(np.array([0.25, 1.0, 2.0]), 1.0, 2.0)
    array([0.0625, 1.    , 1.    ])
    """
    if complement == 0 or frontier <= 0:
        return np.ones(generic.shape[0])
    return np.clip(generic / frontier, 0.0, 1.0) ** complement


def hazard(
    rate: float,
    absorptive: np.ndarray,
    rd: np.ndarray,
    rd_weight: float,
    rd_subsidy: float,
    mean_knowledge: np.ndarray,
    knowledge_weight: float,
    squeeze: float,
    pressure: np.ndarray,
    firms: np.ndarray,
    reputation: float = 0.0,
    reputation_innovation: float = 0.0,
    incentive: np.ndarray | float = 1.0,
) -> np.ndarray:
    """Return the innovation hazard ``lambda_i`` of the module docstring (0 for non-firms).

    ``lambda_i = rate a_i (1 + w_rd rd_i (1 + s_rd) / mean(rd) + w_k kbar_i)
    (1 + squeeze c_i) (1 + rho R) v_i``; ``squeeze`` is the legacy switch (0 in the
    model's defaults) and ``incentive`` the market's ``v_i``
    (:func:`clusternet.dynamics.market.innovation_incentive`; Aghion et al. 2005).

    Parameters
    ----------
    rate, rd_weight, rd_subsidy, knowledge_weight, squeeze : float
        Base hazard and weights (:data:`clusternet.dynamics.PARAMETERS`).
    absorptive, rd, mean_knowledge, pressure : numpy.ndarray
        ``a_i``, ``rd_i``, ``kbar_i`` and ``c_i`` per actor.
    firms : numpy.ndarray
        Boolean mask of the firms.
    reputation, reputation_innovation : float
        ``R`` and ``rho``.
    incentive : float or numpy.ndarray
        ``v_i``.

    Returns
    -------
    numpy.ndarray
        ``lambda_i`` per actor.

    Examples
    --------
    >>> import numpy as np
    >>> one = np.ones(2)
    >>> hazard(0.1, one, one, 1.0, 0.0, np.zeros(2), 1.0, 0.0, np.zeros(2),
    ...        np.array([True, False]), incentive=np.array([2.0, 2.0]))
    array([0.4, 0. ])
    """
    rd_mean = rd[firms].mean() if firms.any() and rd[firms].mean() > 0 else 1.0
    lam = (
        rate
        * absorptive
        * (1.0 + rd_weight * rd * (1.0 + rd_subsidy) / rd_mean + knowledge_weight * mean_knowledge)
    )
    lam = lam * (1.0 + squeeze * pressure) * (1.0 + reputation_innovation * reputation) * incentive
    return np.where(firms, lam, 0.0)


def innovate(
    knowledge: np.ndarray,
    lam: np.ndarray,
    increment: float,
    radical_share: float,
    radical_step: float,
    seed: int,
    step: int,
    keys: np.ndarray | None = None,
    first_domain: int | None = None,
):
    r"""Apply one step of innovation in place; returns ``(innovated, domain, radical)``.

    ``keys``: one ``uint64`` key per actor (:func:`clusternet.dynamics.draws.actor_keys`)
    that keys its draws; default: the actor's position. ``first_domain``: the
    innovation's domain is drawn uniformly from ``first_domain .. D - 1``;
    default 1 (the applied domains; domain 0, generic knowledge, grows only
    through platforms, knowledge organisations and outside sources), or 0 when
    there is a single domain.

    Parameters
    ----------
    knowledge : ndarray of float, shape (N, D)
        Firms' knowledge per domain; rows of innovating firms are raised in place.
    lam : ndarray of float, shape (N,)
        Innovation hazards :math:`\lambda_i`: firm :math:`i` innovates with
        probability :math:`1 - e^{-\lambda_i}`.
    increment : float
        An incremental innovation's knowledge step.
    radical_share : float
        Probability that an innovation is radical: it lifts the firm to the domain's
        frontier plus ``radical_step``.
    radical_step : float
        How far a radical innovation moves the frontier.
    seed, step : int
        Key the draws with ``keys``.
    keys : ndarray of uint64, optional
        One key per actor (see above).
    first_domain : int, optional
        The lowest domain an innovation can fall in (see above).

    Returns
    -------
    innovated : ndarray of bool, shape (N,)
        Which firms innovated.
    domain : ndarray of int64, shape (N,)
        The domain of each innovation (-1 where none).
    radical : ndarray of bool, shape (N,)
        Which innovations were radical.

    Examples
    --------
    >>> import numpy as np
    >>> k = np.zeros((3, 4))
    >>> innovated, domain, radical = innovate(k, np.full(3, 50.0), 0.1, 0.0, 0.0, seed=1, step=1)
    >>> bool(innovated.all()), bool((domain >= 1).all()), float(k[:, 0].sum())
    (True, True, 0.0)
    """
    n = knowledge.shape[0]
    if keys is None:
        keys = np.arange(n, dtype=np.uint64)
    innovated = np.zeros(n, dtype=np.bool_)
    domain = np.full(n, -1, dtype=np.int64)
    radical = np.zeros(n, dtype=np.bool_)
    frontier = knowledge.max(axis=0) if n else np.zeros(knowledge.shape[1])
    if first_domain is None:
        first_domain = 1 if knowledge.shape[1] > 1 else 0
    kern.innovate(
        lam,
        knowledge,
        frontier,
        increment,
        radical_share,
        radical_step,
        np.uint64(seed),
        np.uint64(step),
        keys,
        innovated,
        domain,
        radical,
        np.int64(first_domain),
    )
    return innovated, domain, radical
