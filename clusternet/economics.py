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


def quality_gain(premium, theta, unit_cost, penalty, monitoring, member) -> np.ndarray:
    """Expected margin gain of high over low quality,
    ``Delta_i = premium theta_i - c_i + penalty * monitoring * member_i``.

    ``theta_i``: visibility of the firm's own quality; ``c_i``: unit cost of high
    quality. The regional reputation enters both choices alike and cancels.
    """
    return premium * theta - unit_cost + penalty * monitoring * np.asarray(member, np.float64)


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
