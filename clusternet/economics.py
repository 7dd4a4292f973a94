"""The cluster economics that the measures and the simulation share, on plain arrays.

One definition each, so that a readiness component and the simulated quantity it
anticipates cannot drift apart: the regional brand's quality incentive and its
exposure to free riding, and the knowledge a firm starts with. Neither
:mod:`clusternet.measures` nor :mod:`clusternet.dynamics` is imported here.

References
----------
Tirole, J. (1996). A theory of collective reputations. *Review of Economic
Studies* 63:1–22. Winfree, J. A., & McCluskey, J. J. (2005). Collective reputation
and quality. *American Journal of Agricultural Economics* 87:206–213.
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
}


def initial_knowledge_mean(absorptive: np.ndarray) -> np.ndarray:
    """Expected mean knowledge a firm starts with in the simulation: ``0.2 + 0.3 a_i``.

    (The simulation draws ``0.2 + 0.6 a_i U(0, 1)`` per domain.)
    """
    return 0.2 + 0.3 * np.asarray(absorptive, dtype=np.float64)


def high_quality_share(quality: np.ndarray) -> float:
    """Share of firms producing high quality: the mean of ``quality`` in [0, 1].

    In the simulation ``quality`` is 0/1 per firm and this is the share of
    high-quality firms; applied to the actors' ``quality`` attribute (each
    firm's probability of producing high quality, with which the simulation
    draws its initial choice) it is the expected initial share. One definition
    for the readiness component and the recorded ``high_quality_share`` column.

    Examples
    --------
    >>> high_quality_share(np.array([1.0, 0.0, 1.0, 1.0]))
    0.75
    """
    q = np.asarray(quality, dtype=np.float64)
    return float(q.mean()) if q.size else float("nan")


def leaders(size: np.ndarray, leader_share: float) -> np.ndarray:
    """The largest ``leader_share`` of firms by size: the firms that carry their own brand."""
    size = np.asarray(size, dtype=np.float64)
    out = np.zeros(size.shape[0], dtype=bool)
    k = int(np.floor(leader_share * size.shape[0]))
    if k > 0:
        out[np.argsort(-np.nan_to_num(size, nan=-np.inf), kind="stable")[:k]] = True
    return out


def quality_gain(
    premium, theta, unit_cost, penalty, monitoring, member, own_effect=0.0
) -> np.ndarray:
    """Expected margin gain of high over low quality,
    ``Delta_i = P theta_i - c_i + penalty * monitoring * member_i + E_i``.

    ``P``: the regional premium buyers pay now (``premium``; in the simulation
    ``premium * R``, see :func:`regional_premium`); ``theta_i``: visibility of
    the firm's own quality; ``c_i``: unit cost of high quality; ``E_i``
    (``own_effect``): the firm's own effect on the collective reputation
    (:func:`own_reputation_effect`). The current reputation enters the price of
    both choices alike; only the firm's *effect* on the future reputation, in
    proportion to its share of the brand's output, rewards quality — the
    collective-reputation game of Tirole (1996) and Winfree & McCluskey (2005).

    Examples
    --------
    >>> round(float(quality_gain(0.3, 0.5, 0.1, 0.3, 0.5, True)), 12)
    0.2
    """
    member = np.asarray(member, np.float64)
    return premium * theta - unit_cost + penalty * monitoring * member + own_effect


def regional_premium(premium: float, reputation: float) -> float:
    """``P(R) = premium * R``: buyers pay for the region's name by its reputation.

    A region nobody trusts (``R = 0``) earns no premium, a fully reputable one
    ``premium`` per unit of perceived quality (Winfree & McCluskey 2005 model
    the price as rising in the collective reputation).

    Examples
    --------
    >>> regional_premium(0.3, 0.5)
    0.15
    """
    return premium * reputation


def own_reputation_effect(
    share, theta, quality, reputation: float, premium: float, memory: float, discount: float
) -> np.ndarray:
    """Value to firm ``i`` of its own effect on the collective reputation, per unit output.

    Choosing high rather than low quality raises next step's reputation by
    ``(1 - lambda) s_i`` (``s_i`` the firm's share of the brand's output, from
    ``R_{t+1} = lambda R_t + (1 - lambda) sum_j s_j q_j``); the rise decays with
    ``lambda`` and is worth ``dprice_i / dR`` per step,
    ``d/dR [premium R v_i] = premium (v_i + (1 - theta_i) R)`` with ``v_i =
    theta_i q_i + (1 - theta_i) R``. Discounted at ``delta`` per step:

    ``E_i = (1 - lambda) s_i premium (v_i + (1 - theta_i) R) delta / (1 - delta lambda)``.

    ``E_i`` is proportional to the firm's share: a firm alone in its cluster
    (``s = 1``) internalises the whole effect, each of ``n`` equal firms only
    ``1 / n`` of it, and an SME less than a large firm — the temptation to free
    ride grows with the number of firms and the smallness of each (Tirole 1996;
    Winfree & McCluskey 2005).

    Examples
    --------
    >>> round(float(own_reputation_effect(1.0, 0.0, 1.0, 1.0, 0.3, 0.8, 0.95)), 4)
    0.475
    """
    theta = np.asarray(theta, np.float64)
    perceived = theta * np.asarray(quality, np.float64) + (1.0 - theta) * reputation
    value = premium * (perceived + (1.0 - theta) * reputation)
    return (
        (1.0 - memory)
        * np.asarray(share, np.float64)
        * value
        * discount
        / (1.0 - discount * memory)
    )


def quality_unit_cost(quality_cost, quality_learning, mean_knowledge) -> np.ndarray:
    """``c_i = quality_cost / (1 + quality_learning * kbar_i)``: knowledge makes quality cheaper."""
    return quality_cost / (1.0 + quality_learning * np.maximum(mean_knowledge, 0.0))


def visibility(certification, own_brand_visibility, leader) -> np.ndarray:
    """``theta_i = max(certification, own_brand_visibility * leader_i)``."""
    return np.maximum(certification, own_brand_visibility * np.asarray(leader, np.float64))


def quality_incentive(
    output: np.ndarray,
    member: np.ndarray,
    mean_knowledge: np.ndarray,
    leader: np.ndarray,
    certification: float | np.ndarray = 0.0,
    **params,
) -> float:
    """Output share of high quality that the cluster's incentives support.

    ``Q* = sum_i y_i / (1 + exp(-Delta_i / K)) / sum_i y_i``: the high-quality
    share firms settle at when each chooses quality by a logit best response to
    its gain ``Delta_i`` (:func:`quality_gain`; visibility from certification and
    own brands, cost falling with knowledge, expected penalty for association
    members). ``params`` override :data:`BRAND_DEFAULTS`.
    """
    p = {**BRAND_DEFAULTS, **params}
    y = np.asarray(output, dtype=np.float64)
    if y.sum() <= 0:
        return float("nan")
    theta = visibility(certification, p["own_brand_visibility"], leader)
    cost = quality_unit_cost(p["quality_cost"], p["quality_learning"], mean_knowledge)
    gain = quality_gain(p["premium"], theta, cost, p["penalty"], p["monitoring"], member)
    p_high = 1.0 / (1.0 + np.exp(-np.clip(gain / p["choice_noise"], -700, 700)))
    return float(np.sum(y * p_high) / y.sum())


def free_riding_exposure(
    output: np.ndarray, monitored: np.ndarray, certified: np.ndarray | float = 0.0
) -> float:
    """Output share of brand firms open to free riding on the regional reputation.

    ``E = sum_i y_i (1 - m_i) (1 - c_i) / sum_i y_i`` over the firms that sell
    under the regional brand, with output ``y_i``, ``m_i = 1`` for a firm an
    association monitors and ``c_i`` in [0, 1] the visibility a certification
    gives its own quality. A firm whose quality nobody checks can cut quality
    and keep the region's price premium (Tirole 1996; Winfree & McCluskey
    2005), so ``E`` is the part of the brand exposed to that temptation. It is
    structural — it does not depend on the firms' current quality, unlike
    ``1 - high_quality_share`` — and lies in [0, 1]. The simulation records the
    same quantity every step (``free_riding_exposure`` column).
    """
    y = np.asarray(output, dtype=np.float64)
    total = y.sum()
    if total <= 0:
        return float("nan")
    m = np.asarray(monitored, dtype=np.float64)
    c = np.broadcast_to(np.asarray(certified, dtype=np.float64), y.shape)
    return float(np.sum(y * (1.0 - m) * (1.0 - np.clip(c, 0.0, 1.0))) / total)
