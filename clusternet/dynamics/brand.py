"""The regional brand: collective reputation, quality choice, free riding, governance.

Each firm produces high (``q_i = 1``) or low (``q_i = 0``) quality. Buyers see a
mix of the firm's own quality and the region's reputation ``R``:
``v_i = theta_i q_i + (1 - theta_i) R`` and pay ``price_i = 1 + premium v_i``,
where the *visibility* ``theta_i = max(certification, own_brand_visibility
* leader_i)`` is what a quality label (certification) or a leading firm's own
brand (C-SME-1: Chint, Delixi) lets buyers see of the firm itself.
High quality costs ``c_i = quality_cost / (1 + quality_learning * kbar_i)``
more per unit: knowledge makes quality cheaper (the technology wheel drives the
brand wheel; C-WHEELS-1). An association monitors its members: a low-quality
member is caught with probability ``monitoring`` and pays ``penalty`` per unit.
The unit margin is ``m_i = premium v_i - c_i q_i - congestion - penalty caught_i``.

Revising firms choose their quality by a logit best response to the expected
gain of high over low quality,
``Delta_i = premium theta_i - c_i + penalty * monitoring * member_i``,
``P(high) = 1 / (1 + exp(-Delta_i / K))``. The reputation ``R`` enters both
choices alike and cancels: the regional brand is a public good that no firm
keeps up for its own sake (free riding; Tirole 1996). Without visibility and
governance (``theta = 0``, no monitoring) low quality always pays and the
brand erodes; with them it holds where the cluster has them — association
coverage, leading firms with their own brands, knowledge that cheapens
quality. Reputation follows
``R_{t+1} = lambda R_t + (1 - lambda) * sum_i y_i q_i / sum_i y_i``
(output ``y``; Tirole 1996; Winfree & McCluskey 2005).
"""

from __future__ import annotations

import numpy as np

from clusternet.economics import quality_gain, quality_unit_cost, visibility  # noqa: F401


def reputation_update(
    reputation: float, memory: float, quality: np.ndarray, output: np.ndarray
) -> float:
    """``R_{t+1} = lambda R_t + (1 - lambda) * output-weighted mean quality``."""
    total = output.sum()
    mean_q = float((output * quality).sum() / total) if total > 0 else 0.0
    return memory * reputation + (1.0 - memory) * mean_q


def margins(
    quality, reputation, premium, certification, quality_cost, congestion, caught, penalty
) -> np.ndarray:
    """Unit margins ``premium v_i - c_i q_i - congestion - penalty caught_i``.

    ``certification`` is the visibility ``theta`` (a scalar or one value per
    firm) and ``quality_cost`` the unit cost of high quality (scalar or per firm).
    """
    perceived = certification * quality + (1.0 - certification) * reputation
    return premium * perceived - quality_cost * quality - congestion - penalty * caught


def revise_quality(quality, gain, revision_rate, noise, rng, firms) -> np.ndarray:
    """Revising firms pick high quality with the logit probability of their gain."""
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
    """Firms' output after buyers respond to the region's reputation and each firm's quality.

    The region's sales change with its reputation, ``Y* = Y exp(eps_R dR)``
    (cumulatively ``exp(eps_R (R_t - R_0))``: a lost reputation costs output),
    and buyers share them by perceived quality with logit attraction weights
    (Berry 1994), ``y*_i = Y* y_i exp(eps_q v_i) / sum_j y_j exp(eps_q v_j)``.
    Sales adjust a share ``rho`` of the way per step:
    ``y_i <- (1 - rho) y_i + rho y*_i``.

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
