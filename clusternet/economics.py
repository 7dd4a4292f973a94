r"""The cluster economics that the measures and the simulation share, on plain arrays.

One definition each, so that a readiness component and the simulated quantity it
anticipates cannot drift apart: the regional brand's quality incentive (the
collective-reputation game) and its exposure to free riding, and the knowledge
a firm starts with. Neither :mod:`clusternet.measures` nor
:mod:`clusternet.dynamics` is imported here.

The brand game (docs/model.md, *Brand*): a firm sells at the price
:math:`1 + P v_i` with the regional premium :math:`P` and perceived quality
:math:`v_i = \theta_i q_i + (1 - \theta_i) R` (visibility :math:`\theta_i` of its own
quality, collective reputation :math:`R`). Choosing high rather than low quality
changes the firm's payoff per unit of output by

.. math::

    \Delta_i = P \theta_i - c_i
    + \mathrm{penalty} \cdot \mathrm{monitoring} \cdot \mathrm{member}_i + E_i + D_i + L_i

— the price of visible quality, the unit cost, the expected penalty of a
monitored association member, the firm's own effect on the collective
reputation :math:`E_i` (:func:`own_reputation_effect`, proportional to its share
of the brand's output), the demand channel :math:`D_i` (buyers move their
purchases toward perceived quality; :func:`own_demand_effect`) and the regional
name a caught member loses, :math:`L_i` (:func:`name_withdrawal_loss`, rising
with the reputation).

References
----------
Tirole, J. (1996). A theory of collective reputations. *Review of Economic
Studies* 63:1–22. Winfree, J. A., & McCluskey, J. J. (2005). Collective reputation
and quality. *American Journal of Agricultural Economics* 87:206–213.
Levin, J. (2009). The dynamics of collective reputation. *B.E. Journal of
Theoretical Economics* 9(1), art. 27. Berry, S. (1994). Estimating discrete-choice models of product differentiation.
*RAND Journal of Economics* 25:242–262.
"""

from __future__ import annotations

import numpy as np

#: Defaults of the brand economics (the simulation's parameters of the same names).
BRAND_DEFAULTS = {
    "premium": 0.3,
    "quality_cost": 0.1,
    "quality_learning": 1.0,
    "monitoring": 0.2,
    "penalty": 0.3,
    "own_brand_visibility": 0.6,
    "leader_share": 0.01,
    "certification": 0.0,
    "choice_noise": 0.05,
    "reputation_memory": 0.8,
    "discount": 0.95,
    "reputation_demand": 1.0,
    "quality_demand": 1.0,
    "name_withdrawal": 4,
}


def initial_knowledge_mean(absorptive: np.ndarray) -> np.ndarray:
    r"""Expected mean knowledge a firm starts with in the simulation: :math:`0.2 + 0.3 a_i`.

    The simulation draws :math:`0.2 + 0.6\, a_i\, U(0, 1)` per domain, whose mean is
    :math:`0.2 + 0.3 a_i`.

    Parameters
    ----------
    absorptive : array_like of float
        Absorptive capacity :math:`a_i` in [0, 1] per firm.

    Returns
    -------
    numpy.ndarray
        The expected mean knowledge per firm.

    Examples
    --------
    >>> initial_knowledge_mean([0.0, 1.0])
    array([0.2, 0.5])
    """
    return 0.2 + 0.3 * np.asarray(absorptive, dtype=np.float64)


def high_quality_share(quality: np.ndarray) -> float:
    """Share of firms producing high quality: the mean of ``quality`` in [0, 1].

    In the simulation ``quality`` is 0/1 per firm and this is the share of
    high-quality firms; applied to the actors' ``quality`` attribute (each
    firm's probability of producing high quality, with which the simulation
    draws its initial choice) it is the expected initial share. One definition
    for the readiness component and the recorded ``high_quality_share`` column.

    Parameters
    ----------
    quality : array_like of float
        Quality per firm (0/1 choices or probabilities).

    Returns
    -------
    float
        The mean; NaN for no firms.

    Examples
    --------
    >>> high_quality_share(np.array([1.0, 0.0, 1.0, 1.0]))
    0.75
    """
    q = np.asarray(quality, dtype=np.float64)
    return float(q.mean()) if q.size else float("nan")


def leaders(size: np.ndarray, leader_share: float) -> np.ndarray:
    r"""The largest ``leader_share`` of firms by size: the firms that carry their own brand.

    :math:`k = \lfloor \mathrm{leader\_share} \cdot n \rfloor` firms, largest first (ties broken by
    position, stably); missing sizes rank last. Because :math:`k` is a floor, a
    cluster of fewer than :math:`1 / \mathrm{leader\_share}` firms has no leader: experiments
    that compare clusters of different sizes at the same governance hold
    ``leader_share`` at 0 (docs/model.md).

    Parameters
    ----------
    size : array_like of float
        Size per firm.
    leader_share : float
        Share of firms that carry their own brand.

    Returns
    -------
    numpy.ndarray of bool
        True for the leaders.

    Examples
    --------
    >>> leaders(np.array([3.0, 9.0, 1.0, 5.0]), 0.5)
    array([False,  True, False,  True])
    """
    size = np.asarray(size, dtype=np.float64)
    out = np.zeros(size.shape[0], dtype=bool)
    k = int(np.floor(leader_share * size.shape[0]))
    if k > 0:
        out[np.argsort(-np.nan_to_num(size, nan=-np.inf), kind="stable")[:k]] = True
    return out


def quality_gain(
    premium,
    theta,
    unit_cost,
    penalty,
    monitoring,
    member,
    own_effect=0.0,
    demand_effect=0.0,
    name_loss=0.0,
) -> np.ndarray:
    r"""Expected margin gain of high over low quality per unit of output.

    .. math::

        \Delta_i = P \theta_i - c_i
        + \mathrm{penalty} \cdot \mathrm{monitoring} \cdot \mathrm{member}_i + E_i + D_i + L_i.

    The current reputation enters the price of both choices alike (through
    :math:`(1 - \theta_i) R`) and cancels; what rewards quality is what the firm's
    own choice changes: the visible part of its quality (:math:`P \theta_i`), the
    expected penalty if it is a monitored association member, its own effect
    on the collective reputation :math:`E_i` (:func:`own_reputation_effect`, in
    proportion to its share of the brand's output) and the sales buyers move
    toward it :math:`D_i` (:func:`own_demand_effect`) — the collective-reputation
    game of Tirole (1996) and Winfree & McCluskey (2005) — and what a monitored
    member caught at low quality loses with the right to the regional name,
    :math:`L_i` (:func:`name_withdrawal_loss`, rising with :math:`R`: the strategic
    complementarity that makes reputations persist; Tirole 1996, Levin 2009).

    Parameters
    ----------
    premium : float
        :math:`P`, the regional premium per unit of perceived quality.
    theta : float or array_like
        Visibility :math:`\theta_i` of the firm's own quality.
    unit_cost : float or array_like
        :math:`c_i`, the extra unit cost of high quality.
    penalty, monitoring : float
        Penalty per unit on detected low quality and detection probability.
    member : bool or array_like of bool
        Whether the association monitors the firm.
    own_effect : float or array_like, default 0.0
        :math:`E_i`.
    demand_effect : float or array_like, default 0.0
        :math:`D_i`.
    name_loss : float or array_like, default 0.0
        :math:`L_i`.

    Returns
    -------
    numpy.ndarray
        :math:`\Delta_i` per firm.

    Examples
    --------
    >>> round(float(quality_gain(0.3, 0.5, 0.1, 0.3, 0.5, True)), 12)
    0.2
    """
    member = np.asarray(member, np.float64)
    return (
        premium * np.asarray(theta, np.float64)
        - unit_cost
        + penalty * monitoring * member
        + own_effect
        + demand_effect
        + name_loss
    )


def name_withdrawal_loss(
    reputation, premium, theta, monitoring, member, steps, discount
) -> np.ndarray:
    r"""Expected loss of the regional name by a monitored member caught at low quality.

    An association that detects a member's low quality (probability
    ``monitoring`` per step) withdraws its right to sell under the regional
    name for :math:`T` = ``name_withdrawal`` steps (the collective mark's or
    the geographical indication's rules of use); meanwhile buyers value the
    firm on its own visibility only, :math:`v_i = \theta_i q_i`, so each step it
    loses the reputation part of its price, :math:`P (1 - \theta_i) R` per unit.
    With the penalty's timing (the loss starts in the step of detection) and the
    reputation expected to stay where it is:

    .. math::

        L_i = \mathrm{monitoring} \cdot \mathrm{member}_i \cdot P (1 - \theta_i) R
        \sum_{k=0}^{T-1} \delta^k
        = \mathrm{monitoring} \cdot \mathrm{member}_i \cdot P (1 - \theta_i) R
        \frac{1 - \delta^T}{1 - \delta}.

    :math:`L_i` rises with the collective reputation: what a caught cheater loses
    is worth more when the group's name is good, so a good reputation makes
    quality pay and a bad one does not — the complementarity between the
    group's reputation and current incentives from which Tirole (1996) derives
    history dependence and Levin (2009) persistence. With
    :math:`\Delta_i = a_i + b_i R` (:func:`quality_gain`) the slope is
    :math:`b_i = \mathrm{monitoring} \cdot P (1 - \theta_i) (1 - \delta^T) / (1 - \delta)`;
    two stable reputations need a logit slope :math:`\mu b / (4 K) > 1`
    (:func:`clusternet.dynamics.brand.bistable_band`).

    Parameters
    ----------
    reputation : float
        :math:`R`.
    premium : float
        :math:`P`, the regional premium per unit of perceived quality.
    theta : float or array_like
        Visibility :math:`\theta_i` of the firm's own quality.
    monitoring : float
        Detection probability per step.
    member : bool or array_like of bool
        Whether the association monitors the firm.
    steps : float
        :math:`T`, steps without the name after detection (0: no withdrawal).
    discount : float
        :math:`\delta` in [0, 1).

    Returns
    -------
    numpy.ndarray
        :math:`L_i` per firm.

    References
    ----------
    Tirole, J. (1996). A theory of collective reputations. *Review of Economic
    Studies* 63:1–22. Levin, J. (2009). The dynamics of collective reputation.
    *B.E. Journal of Theoretical Economics* 9(1) (Contributions), art. 27.

    Examples
    --------
    >>> round(float(name_withdrawal_loss(0.5, 0.3, 0.0, 0.2, True, 1, 0.95)), 12)
    0.03
    >>> name_withdrawal_loss(0.5, 0.3, 0.0, 0.2, np.array([True, False]), 4, 0.0).round(3)
    array([0.03, 0.  ])
    """
    horizon = float(steps) if discount == 1.0 else (1.0 - discount**steps) / (1.0 - discount)
    return (
        monitoring
        * np.asarray(member, np.float64)
        * premium
        * (1.0 - np.asarray(theta, np.float64))
        * reputation
        * horizon
    )


def unit_margin(premium, theta, quality, reputation, unit_cost) -> np.ndarray:
    r"""Unit margin before penalties and congestion, :math:`m_i = P v_i - c_i q_i`.

    With :math:`v_i = \theta_i q_i + (1 - \theta_i) R`: the price :math:`1 + P v_i`
    above the base unit cost 1, less the extra cost of high quality.

    Parameters
    ----------
    premium : float
        :math:`P`, the regional premium per unit of perceived quality.
    theta, quality, unit_cost : float or array_like
        Visibility, quality choice (0/1) and extra unit cost of high quality per firm.
    reputation : float
        The collective reputation :math:`R`.

    Returns
    -------
    numpy.ndarray
        :math:`m_i` per firm.

    Examples
    --------
    >>> round(float(unit_margin(0.3, 0.0, 1.0, 0.5, 0.1)), 12)
    0.05
    """
    theta = np.asarray(theta, np.float64)
    perceived = theta * np.asarray(quality, np.float64) + (1.0 - theta) * reputation
    return premium * perceived - np.asarray(unit_cost, np.float64) * np.asarray(quality, np.float64)


def own_reputation_effect(
    share,
    theta,
    premium: float,
    memory: float,
    discount: float,
    margin=0.0,
    reputation_demand: float = 0.0,
) -> np.ndarray:
    r"""Value to firm :math:`i` of its own effect on the collective reputation, per unit output.

    Choosing high rather than low quality raises next step's reputation by
    :math:`(1 - \lambda) s_i` (:math:`s_i` the firm's share of the brand's output, from
    :math:`R_{t+1} = \lambda R_t + (1 - \lambda) \sum_j s_j q_j`); the rise decays with
    :math:`\lambda`. Each step a unit of reputation is worth, per unit of the
    firm's output, the price it adds,
    :math:`\mathrm{d}\,\mathrm{price}_i / \mathrm{d}R = P (1 - \theta_i)`,
    plus the margin on the sales it brings, :math:`m_i \varepsilon_R` (the region's sales
    have elasticity :math:`\varepsilon_R` = ``reputation_demand`` to :math:`R`; :math:`m_i` the
    firm's unit margin, floored at 0). Discounted at :math:`\delta` per step:

    .. math::

        E_i = (1 - \lambda) s_i \big(P (1 - \theta_i) + \varepsilon_R \max(m_i, 0)\big)
        \frac{\delta}{1 - \delta \lambda}.

    :math:`E_i` is proportional to the firm's share: a firm alone in its cluster
    (:math:`s = 1`) internalises the whole effect, each of :math:`n` equal firms only
    :math:`1 / n` of it, and an SME less than a large firm — the temptation to free
    ride grows with the number of firms and the smallness of each (Tirole 1996;
    Winfree & McCluskey 2005).

    Parameters
    ----------
    share : float or array_like
        :math:`s_i`, the firm's share of the brand's output.
    theta : float or array_like
        Visibility of the firm's own quality.
    premium : float
        :math:`P`, the regional premium per unit of perceived quality.
    memory : float
        :math:`\lambda`, the reputation's memory.
    discount : float
        :math:`\delta`, the per-step discount factor (< 1).
    margin : float or array_like, default 0.0
        :math:`m_i`, the unit margin.
    reputation_demand : float, default 0.0
        :math:`\varepsilon_R`; 0 leaves out the demand channel.

    Returns
    -------
    numpy.ndarray
        :math:`E_i` per firm.

    Examples
    --------
    >>> round(float(own_reputation_effect(1.0, 0.0, 0.3, 0.8, 0.95)), 4)
    0.2375
    """
    theta = np.asarray(theta, np.float64)
    value = premium * (1.0 - theta) + reputation_demand * np.maximum(
        np.asarray(margin, np.float64), 0.0
    )
    return (
        (1.0 - memory)
        * np.asarray(share, np.float64)
        * value
        * discount
        / (1.0 - discount * memory)
    )


def own_demand_effect(share, theta, margin, quality_demand: float) -> np.ndarray:
    r"""The demand channel of a firm's own quality, per unit of output.

    Buyers share the region's sales by logit attraction on perceived quality
    (Berry 1994), :math:`s_i \propto \exp(\varepsilon_q v_i)`, so
    :math:`\mathrm{d} \ln y_i / \mathrm{d} v_i = \varepsilon_q (1 - s_i)`. High
    quality raises :math:`v_i` by :math:`\theta_i`, which brings
    :math:`\varepsilon_q \theta_i (1 - s_i)` more sales per unit, each earning the margin
    :math:`m_i` (floored at 0):

    .. math::

        D_i = \varepsilon_q \theta_i (1 - s_i) \max(m_i, 0).

    Quality nobody sees (:math:`\theta_i = 0`) brings no sales of its own; a firm
    alone (:math:`s_i = 1`) takes no sales from rivals.

    Parameters
    ----------
    share : float or array_like
        :math:`s_i`, the firm's share of the brand's output.
    theta : float or array_like
        Visibility of the firm's own quality.
    margin : float or array_like
        :math:`m_i`, the unit margin.
    quality_demand : float
        :math:`\varepsilon_q`.

    Returns
    -------
    numpy.ndarray
        :math:`D_i` per firm.

    Examples
    --------
    >>> round(float(own_demand_effect(0.5, 0.6, 0.2, 1.0)), 12)
    0.06
    """
    return (
        quality_demand
        * np.asarray(theta, np.float64)
        * (1.0 - np.asarray(share, np.float64))
        * np.maximum(np.asarray(margin, np.float64), 0.0)
    )


def quality_unit_cost(quality_cost, quality_learning, mean_knowledge) -> np.ndarray:
    r"""Extra unit cost of high quality, :math:`c_i = \mathrm{quality\_cost} / (1 + \kappa \bar k_i)`.

    Knowledge makes quality cheaper (the technology wheel drives the brand
    wheel; Humphrey & Schmitz 2002 on process upgrading).

    Parameters
    ----------
    quality_cost : float
        The extra unit cost of a firm without knowledge.
    quality_learning : float
        :math:`\kappa`.
    mean_knowledge : array_like of float
        :math:`\bar k_i`, mean knowledge per firm (negative values count as 0).

    Returns
    -------
    numpy.ndarray
        :math:`c_i` per firm.

    Examples
    --------
    >>> quality_unit_cost(0.1, 1.0, np.array([0.0, 1.0]))
    array([0.1 , 0.05])
    """
    return quality_cost / (1.0 + quality_learning * np.maximum(mean_knowledge, 0.0))


def visibility(certification, own_brand_visibility, leader) -> np.ndarray:
    r"""Visibility of a firm's own quality, :math:`\theta_i = \max(\mathrm{certification}, \mathrm{vis} \cdot \mathrm{leader}_i)`.

    A quality label (certification) or a leading firm's own brand lets buyers
    see the firm's own quality (C-SME-1).

    Parameters
    ----------
    certification : float or array_like
        Visibility a certification gives (0 without).
    own_brand_visibility : float
        Visibility of a leader's own brand.
    leader : array_like of bool
        Whether the firm carries its own brand.

    Returns
    -------
    numpy.ndarray
        :math:`\theta_i` per firm.

    Examples
    --------
    >>> visibility(0.2, 0.6, np.array([True, False]))
    array([0.6, 0.2])
    """
    return np.maximum(certification, own_brand_visibility * np.asarray(leader, np.float64))


def quality_incentive(
    output: np.ndarray,
    member: np.ndarray,
    mean_knowledge: np.ndarray,
    leader: np.ndarray,
    certification: float | np.ndarray = 0.0,
    reputation: float = 0.5,
    **params,
) -> float:
    r"""Output share of high quality that the cluster's incentives support.

    :math:`Q^* = \sum_i \frac{y_i}{1 + \exp(-\Delta_i / K)} \Big/ \sum_i y_i`: the high-quality
    share firms settle at when each chooses quality by a logit best response to
    its gain :math:`\Delta_i` (:func:`quality_gain`): visibility from certification
    and own brands, cost falling with knowledge, the expected penalty for
    association members, and each firm's own effect on the collective
    reputation (:func:`own_reputation_effect`, by its output share
    :math:`y_i / \sum y`), on its own sales (:func:`own_demand_effect`) and the
    regional name a caught member loses (:func:`name_withdrawal_loss`), all evaluated
    at ``reputation``. A cluster of a few large firms therefore supports more
    quality than one of many small firms at the same governance.

    Parameters
    ----------
    output : array_like of float
        Output (size) per firm.
    member : array_like of bool
        Monitored association members.
    mean_knowledge : array_like of float
        Mean knowledge per firm.
    leader : array_like of bool
        Firms that carry their own brand.
    certification : float or array_like, default 0.0
        Visibility a certification gives.
    reputation : float, default 0.5
        The collective reputation at which the margins are evaluated
        (assumed 0.5, the middle of its range).
    **params
        Override :data:`BRAND_DEFAULTS`.

    Returns
    -------
    float
        :math:`Q^*` in [0, 1]; NaN without output.

    Examples
    --------
    >>> y = np.ones(4)
    >>> one = quality_incentive(np.ones(1), [False], [0.3], [False])
    >>> four = quality_incentive(y, [False] * 4, [0.3] * 4, [False] * 4)
    >>> bool(one > four)
    True
    """
    p = {**BRAND_DEFAULTS, **params}
    y = np.asarray(output, dtype=np.float64)
    total = y.sum()
    if total <= 0:
        return float("nan")
    share = y / total
    theta = visibility(certification, p["own_brand_visibility"], leader)
    cost = quality_unit_cost(p["quality_cost"], p["quality_learning"], np.asarray(mean_knowledge))
    margin = unit_margin(p["premium"], theta, 1.0, reputation, cost)
    own = own_reputation_effect(
        share,
        theta,
        p["premium"],
        p["reputation_memory"],
        p["discount"],
        margin,
        p["reputation_demand"],
    )
    demand = own_demand_effect(share, theta, margin, p["quality_demand"])
    name = name_withdrawal_loss(
        reputation,
        p["premium"],
        theta,
        p["monitoring"],
        member,
        p["name_withdrawal"],
        p["discount"],
    )
    gain = quality_gain(
        p["premium"], theta, cost, p["penalty"], p["monitoring"], member, own, demand, name
    )
    p_high = 1.0 / (1.0 + np.exp(-np.clip(gain / p["choice_noise"], -700, 700)))
    return float(np.sum(y * p_high) / total)


def free_riding_exposure(
    output: np.ndarray, monitored: np.ndarray, certified: np.ndarray | float = 0.0
) -> float:
    r"""Output share of brand firms open to free riding on the regional reputation.

    :math:`E = \sum_i y_i (1 - m_i) (1 - c_i) \Big/ \sum_i y_i` over the firms that sell
    under the regional brand, with output :math:`y_i`, :math:`m_i = 1` for a firm an
    association monitors and :math:`c_i` in [0, 1] the visibility a certification
    gives its own quality. A firm whose quality nobody checks can cut quality
    and keep the region's price premium (Tirole 1996; Winfree & McCluskey
    2005), so :math:`E` is the part of the brand exposed to that temptation. It is
    structural — it does not depend on the firms' current quality, unlike
    ``1 - high_quality_share`` — and lies in [0, 1]. The simulation records the
    same quantity every step (``free_riding_exposure`` column).

    Parameters
    ----------
    output : array_like of float
        Output per firm.
    monitored : array_like of bool
        Monitored association members.
    certified : float or array_like, default 0.0
        Visibility a certification gives per firm.

    Returns
    -------
    float
        :math:`E` in [0, 1]; NaN without output.

    Examples
    --------
    >>> free_riding_exposure(np.array([1.0, 3.0]), np.array([True, False]))
    0.75
    """
    y = np.asarray(output, dtype=np.float64)
    total = y.sum()
    if total <= 0:
        return float("nan")
    m = np.asarray(monitored, dtype=np.float64)
    c = np.broadcast_to(np.asarray(certified, dtype=np.float64), y.shape)
    return float(np.sum(y * (1.0 - m) * (1.0 - np.clip(c, 0.0, 1.0))) / total)
