r"""The regional brand: collective reputation, quality choice, free riding, governance.

Each firm produces high (:math:`q_i = 1`) or low (:math:`q_i = 0`) quality. Buyers
see a mix of the firm's own quality and the region's reputation :math:`R`,

.. math::

    v_i = \theta_i q_i + (1 - \theta_i) R, \qquad \text{price}_i = 1 + P v_i,

where :math:`P` (``premium`` times the agglomeration factor) is the regional
premium (buyers pay for the region's name through :math:`R` in :math:`v_i`) and the
*visibility* :math:`\theta_i = \max(\text{certification},\ \mathrm{own\_brand\_visibility}
\cdot \text{leader}_i)` is what a quality label (certification) or a leading firm's own
brand (C-SME-1: Chint, Delixi) lets buyers see of the firm itself. High quality costs
:math:`c_i = \mathrm{quality\_cost} / (1 + \mathrm{quality\_learning}\,\bar k_i)` more per
unit: knowledge makes quality cheaper (the technology wheel drives the brand wheel;
C-WHEELS-1). An association monitors its members: a low-quality member is caught with
probability ``monitoring``, pays ``penalty`` per unit and loses the right to the
regional name for ``name_withdrawal`` steps (buyers then see :math:`v_i = \theta_i q_i`:
the collective mark's rules of use). The unit margin is
:math:`m_i = P v_i - c_i q_i - \text{congestion} - \text{penalty}\cdot\text{caught}_i`.

Revising firms choose their quality by a logit best response to the expected gain of
high over low quality (:func:`clusternet.economics.quality_gain`),

.. math::

    \Delta_i = P \theta_i - c_i + \text{penalty}\cdot\text{monitoring}\cdot
    \text{member}_i + E_i + D_i + L_i, \qquad
    P(\text{high}) = \frac{1}{1 + e^{-\Delta_i / K}}.

The current :math:`R` enters the price of both choices alike and cancels there; it
enters the gain through :math:`L_i` (:func:`clusternet.economics.name_withdrawal_loss`),
the name a caught member loses, worth more when :math:`R` is high — the
complementarity between the group's reputation and current incentives behind
Tirole's (1996) history dependence. With :math:`\Delta = a + b R` the reputation's
steady states solve :math:`R = Q^*(R)` (:func:`reputation_fixed_points`); two stable
ones need a logit slope :math:`\mu b / (4 K) > 1` (:func:`bistable_band`). The firm's
own effect on the *next* reputation, :math:`E_i`
(:func:`clusternet.economics.own_reputation_effect`), is proportional to its share of
the brand's output, so a firm alone keeps quality up while each of many small firms
free rides (Tirole 1996; Winfree & McCluskey 2005); :math:`D_i`
(:func:`clusternet.economics.own_demand_effect`) is the sales buyers move toward
visible quality. Reputation follows (output :math:`y`)

.. math::

    R_{t+1} = \lambda R_t + (1 - \lambda) \frac{\sum_i y_i q_i}{\sum_i y_i}.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import brentq
from scipy.special import ndtri

from clusternet.economics import (  # noqa: F401
    quality_gain,
    quality_incentive,
    quality_unit_cost,
    visibility,
)


def reputation_update(
    reputation: float, memory: float, quality: np.ndarray, output: np.ndarray
) -> float:
    """The collective reputation's update, ``R_{t+1} = lambda R_t + (1 - lambda) Qbar``.

    ``Qbar = sum_i y_i q_i / sum_i y_i`` is the output-weighted mean quality
    buyers experienced (Tirole 1996; Winfree & McCluskey 2005); 0 without output.

    Parameters
    ----------
    reputation : float
        ``R_t``.
    memory : float
        ``lambda`` in [0, 1].
    quality, output : numpy.ndarray
        Quality (0/1) and output per firm.

    Returns
    -------
    float
        ``R_{t+1}``.

    Examples
    --------
    >>> import numpy as np
    >>> reputation_update(0.5, 0.8, np.array([1.0, 0.0]), np.array([3.0, 1.0]))
    0.55
    """
    total = output.sum()
    mean_q = float((output * quality).sum() / total) if total > 0 else 0.0
    return memory * reputation + (1.0 - memory) * mean_q


def cost_types(dispersion: float, uniforms: np.ndarray) -> np.ndarray:
    r"""Quality-cost types :math:`\tau = e^{\sigma z - \sigma^2 / 2}`, lognormal with mean 1.

    :math:`z = \Phi^{-1}(u)` is the standard normal quantile of one uniform per
    actor (keyed draws, :class:`~clusternet.dynamics.draws.KeyedStream`), so an
    actor's type depends on its key alone. A firm's extra unit cost of high
    quality is ``quality_cost`` times its type (:func:`quality_unit_cost`); at
    ``dispersion`` 0 every type is exactly 1 and the uniforms are not read.

    Parameters
    ----------
    dispersion : float
        :math:`\sigma \ge 0`, the log-sd of the types (``cost_dispersion``).
    uniforms : numpy.ndarray
        One uniform in [0, 1) per actor.

    Returns
    -------
    numpy.ndarray
        One type per actor (positive, mean 1 over the distribution).

    Examples
    --------
    >>> import numpy as np
    >>> cost_types(0.0, np.array([0.1, 0.9])).tolist()
    [1.0, 1.0]
    >>> cost_types(0.5, np.array([0.5])).round(4).tolist()  # the median, e^(-sigma^2 / 2)
    [0.8825]
    """
    if dispersion < 0 or not np.isfinite(dispersion):
        raise ValueError(f"dispersion must be finite and >= 0, got {dispersion!r}")
    if dispersion == 0:
        return np.ones(uniforms.shape[0])
    z = ndtri(np.clip(uniforms, 2.0**-53, 1.0 - 2.0**-53))
    return np.exp(dispersion * z - dispersion * dispersion / 2.0)


def margins(
    quality,
    reputation,
    premium,
    certification,
    quality_cost,
    congestion,
    caught,
    penalty,
    withdrawn=0.0,
) -> np.ndarray:
    """Unit margins ``P v_i - c_i q_i - congestion - penalty caught_i``.

    With perceived quality ``v_i = theta_i q_i + (1 - theta_i) R (1 - w_i)``:
    a firm without the right to the regional name (``w_i = 1``) is valued on
    its own visibility only.

    Parameters
    ----------
    quality : numpy.ndarray
        Quality choice (0/1) per firm.
    reputation : float
        ``R``.
    premium : float
        ``P``, the regional premium per unit of perceived quality.
    certification : float or numpy.ndarray
        The visibility ``theta`` (a scalar or one value per firm).
    quality_cost : float or numpy.ndarray
        ``c_i``, the extra unit cost of high quality.
    congestion : float
        Congestion cost per unit.
    caught : numpy.ndarray
        1 for a monitored member caught at low quality.
    penalty : float
        Penalty per unit when caught.
    withdrawn : float or numpy.ndarray, optional
        ``w_i``: 1 for a firm that has lost the right to the regional name.

    Returns
    -------
    numpy.ndarray
        The unit margin per firm.

    Examples
    --------
    >>> import numpy as np
    >>> margins(np.array([1.0, 0.0]), 0.5, 0.3, 0.0, 0.1, 0.0, np.array([0.0, 1.0]), 0.3).round(3)
    array([ 0.05, -0.15])
    >>> margins(np.array([1.0, 0.0]), 0.5, 0.3, 0.0, 0.1, 0.0, np.zeros(2), 0.3,
    ...         withdrawn=np.array([0.0, 1.0])).round(3)
    array([0.05, 0.  ])
    """
    perceived = certification * quality + (1.0 - certification) * reputation * (1.0 - withdrawn)
    return premium * perceived - quality_cost * quality - congestion - penalty * caught


def revise_quality(quality, gain, revision_rate, noise, rng, firms) -> np.ndarray:
    r"""Revising firms pick high quality with the logit probability of their gain.

    A firm revises with probability ``revision_rate`` and then chooses high
    quality with probability :math:`1 / (1 + e^{-\Delta_i / K})` (a logit best
    response; McFadden 1974).

    Parameters
    ----------
    quality : numpy.ndarray
        Current quality (0/1) per actor.
    gain : numpy.ndarray
        ``Delta_i`` per actor.
    revision_rate : float
        Probability of revising in a step.
    noise : float
        ``K`` > 0.
    rng : object with ``random(n)``
        The draws (a :class:`numpy.random.Generator` or a keyed stream).
    firms : numpy.ndarray of bool
        The actors that choose (others keep their value).

    Returns
    -------
    numpy.ndarray
        The new quality per actor.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> revise_quality(np.zeros(3), np.array([9.0, -9.0, 9.0]), 1.0, 0.05, rng,
    ...                np.array([True, True, False]))
    array([1., 0., 0.])
    """
    n = quality.shape[0]
    revising = firms & (rng.random(n) < revision_rate)
    p_high = 1.0 / (1.0 + np.exp(-np.clip(gain / noise, -700, 700)))
    draw = (rng.random(n) < p_high).astype(np.float64)
    new = quality.copy()
    new[revising] = draw[revising]
    return new


def demand(
    output: np.ndarray,
    perceived: np.ndarray,
    reputation_change: float,
    reputation_demand: float,
    quality_demand: float,
    adjustment: float,
) -> np.ndarray:
    r"""Firms' output after buyers respond to the region's reputation and each firm's quality.

    The region's sales change with its reputation, :math:`Y^* = Y e^{\varepsilon_R\, \Delta R}`
    (cumulatively ``exp(eps_R (R_t - R_0))``: a lost reputation costs output),
    and buyers share them by perceived quality with logit attraction weights
    (Berry 1994), :math:`y^*_i = Y^* y_i e^{\varepsilon_q v_i} / \sum_j y_j e^{\varepsilon_q v_j}`.
    Sales adjust a share ``rho`` of the way per step:
    ``y_i <- (1 - rho) y_i + rho y*_i``.

    Parameters
    ----------
    output : numpy.ndarray
        Output per firm.
    perceived : numpy.ndarray
        Perceived quality ``v_i`` per firm.
    reputation_change : float
        ``dR`` in this step.
    reputation_demand, quality_demand : float
        ``eps_R`` and ``eps_q``.
    adjustment : float
        ``rho`` in [0, 1].

    Returns
    -------
    numpy.ndarray
        The new output per firm.

    Examples
    --------
    >>> import numpy as np
    >>> demand(np.array([1.0, 1.0]), np.array([1.0, 0.0]), 0.0, 1.0, 1.0, 1.0).round(4)
    array([1.4621, 0.5379])
    """
    total = output.sum()
    if total <= 0:
        return output
    attraction = np.exp(quality_demand * (perceived - perceived.max()))
    weights = output * attraction
    target = total * np.exp(reputation_demand * reputation_change) * weights / weights.sum()
    return (1.0 - adjustment) * output + adjustment * target


def bistable_band(b: float, noise: float, mu: float = 1.0, base: float = 0.0):
    r"""The band of intercepts ``a`` for which ``R = base + mu sigma((a + b R) / K)`` has three roots.

    Steady states of the reputation when a group of firms with output share
    :math:`\mu` chooses quality by a logit best response to a gain linear in the
    reputation, :math:`\Delta = a + b R` (:func:`clusternet.economics.name_withdrawal_loss`
    gives :math:`b`), and the rest supply a constant high-quality share ``base``:

    .. math::

        R = F(R) = \mathrm{base} + \mu \sigma\big((a + b R) / K\big),
        \qquad \sigma(x) = 1 / (1 + e^{-x}).

    :math:`F` is increasing with :math:`F(0) > 0` and :math:`F(1) < 1`, so there is
    always an odd number of roots; a root is stable iff :math:`F'(R^*) < 1` (also
    for the simulation's joint dynamics of quality and reputation, whose
    Jacobian :math:`J` gives :math:`\det(I - J) = \rho (1 - \lambda) (1 - F'(R^*))`
    with revision rate :math:`\rho`). Two stable roots need :math:`F' > 1`
    somewhere; the largest slope is :math:`\mu b / (4 K)`, so the necessary
    condition is :math:`\mu b / (4 K) > 1`. Then :math:`F' = 1` where
    :math:`\sigma (1 - \sigma) = K / (\mu b)`,
    :math:`\sigma_\pm = \big(1 \pm \sqrt{1 - 4 K / (\mu b)}\big) / 2`, and the curve is
    tangent to the diagonal at :math:`\sigma_\pm` for
    :math:`a_\pm = K \operatorname{logit}(\sigma_\pm) - b (\mathrm{base} + \mu \sigma_\pm)`.
    Three roots (two stable, one unstable between them) iff :math:`a_+ < a < a_-`.

    Parameters
    ----------
    b : float
        Slope of the gain in the reputation (> 0).
    noise : float
        :math:`K` > 0, the logit noise.
    mu : float, optional
        Output share of the firms whose gain rises with :math:`R`.
    base : float, optional
        High-quality output share of the others (constant).

    Returns
    -------
    tuple of float or None
        ``(a_+, a_-)``; None when :math:`\mu b / (4 K) \le 1` (one root for every ``a``).

    Examples
    --------
    >>> bistable_band(0.1, 0.05) is None
    True
    >>> lo, hi = bistable_band(1.0, 0.05)
    >>> round(lo, 4), round(hi, 4)
    (-0.8029, -0.1971)
    """
    if b <= 0 or mu * b <= 4.0 * noise:
        return None
    root = np.sqrt(1.0 - 4.0 * noise / (mu * b))
    sig = np.array([(1.0 + root) / 2.0, (1.0 - root) / 2.0])
    a = noise * np.log(sig / (1.0 - sig)) - b * (base + mu * sig)
    return float(a[0]), float(a[1])


def reputation_fixed_points(
    output,
    member,
    mean_knowledge,
    leader,
    certification=0.0,
    grid: int = 1001,
    **params,
) -> tuple[np.ndarray, np.ndarray]:
    r"""Steady states of the reputation, the roots of :math:`R = Q^*(R)`, and their stability.

    :math:`Q^*(R)` is the output share of high quality that the firms' logit best
    responses support at reputation :math:`R`
    (:func:`clusternet.economics.quality_incentive`, the same gain as the
    simulation, the name-withdrawal loss included). With output and knowledge
    held fixed the simulation's mean dynamics,
    :math:`\bar q_{t+1} = (1 - \rho) \bar q_t + \rho Q^*(R_t)`,
    :math:`R_{t+1} = \lambda R_t + (1 - \lambda) \bar q_{t+1}`, rest exactly at these
    roots, and a root is stable iff :math:`Q^{*\prime}(R^*) < 1`
    (:func:`bistable_band`). Two stable roots mean history dependence: the
    initial reputation decides which one a cluster settles at.

    Parameters
    ----------
    output, member, mean_knowledge, leader : array_like
        Per firm, as in :func:`clusternet.economics.quality_incentive`.
    certification : float or array_like, optional
        Visibility a certification gives.
    grid : int, optional
        Points of the scan of :math:`[0, 1]` for sign changes (each refined by Brent's method).
    **params
        Override :data:`clusternet.economics.BRAND_DEFAULTS`.

    Returns
    -------
    roots : numpy.ndarray
        The steady states, ascending.
    stable : numpy.ndarray of bool
        Whether each is stable.

    Examples
    --------
    >>> import numpy as np
    >>> n = 50
    >>> args = (np.ones(n), np.ones(n, bool), np.full(n, 0.3), np.zeros(n, bool))
    >>> kw = dict(penalty=0.1, quality_cost=0.2, choice_noise=0.03)
    >>> roots, stable = reputation_fixed_points(*args, name_withdrawal=6, **kw)
    >>> roots.round(3), stable
    (array([0.016, 0.346, 0.998]), array([ True, False,  True]))
    >>> roots, stable = reputation_fixed_points(*args, name_withdrawal=0, **kw)
    >>> roots.round(3), stable
    (array([0.013]), array([ True]))
    """

    def gap(r: float) -> float:
        return (
            quality_incentive(output, member, mean_knowledge, leader, certification, r, **params)
            - r
        )

    rs = np.linspace(0.0, 1.0, grid)
    g = np.array([gap(r) for r in rs])
    found: list[float] = []
    for k in np.flatnonzero(np.sign(g[:-1]) * np.sign(g[1:]) <= 0):
        if g[k] == 0.0:
            found.append(float(rs[k]))
        elif g[k + 1] != 0.0:
            found.append(float(brentq(gap, rs[k], rs[k + 1], xtol=1e-12)))
    if g[-1] == 0.0:
        found.append(1.0)
    roots = np.unique(np.round(found, 12))
    h = 1e-6
    slope = np.array([(gap(r + h) - gap(r - h)) / (2 * h) + 1.0 for r in roots])
    return roots, slope < 1.0
