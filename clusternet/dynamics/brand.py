"""The regional brand: collective reputation, quality choice, free riding, governance.

Each firm produces high (``q_i = 1``) or low (``q_i = 0``) quality. Buyers see a
mix of the firm's own quality and the region's reputation ``R``:
``v_i = theta_i q_i + (1 - theta_i) R`` and pay ``price_i = 1 + P v_i``, where
``P = premium * agglomeration factor`` is the regional premium (buyers pay for
the region's name through ``R`` in ``v_i``) and the *visibility* ``theta_i =
max(certification, own_brand_visibility * leader_i)`` is what a quality label
(certification) or a leading firm's own brand (C-SME-1: Chint, Delixi) lets
buyers see of the firm itself. High quality costs ``c_i = quality_cost / (1 +
quality_learning * kbar_i)`` more per unit: knowledge makes quality cheaper (the
technology wheel drives the brand wheel; C-WHEELS-1). An association monitors
its members: a low-quality member is caught with probability ``monitoring`` and
pays ``penalty`` per unit. The unit margin is ``m_i = P v_i - c_i q_i -
congestion - penalty caught_i``.

Revising firms choose their quality by a logit best response to the expected
gain of high over low quality (:func:`clusternet.economics.quality_gain`),
``Delta_i = P theta_i - c_i + penalty monitoring member_i + E_i + D_i``,
``P(high) = 1 / (1 + exp(-Delta_i / K))``. The current ``R`` enters both
choices alike and cancels; the firm's own effect on the *next* reputation,
``E_i`` (:func:`clusternet.economics.own_reputation_effect`), is proportional
to its share of the brand's output, so a firm alone keeps quality up while each
of many small firms free rides (Tirole 1996; Winfree & McCluskey 2005); ``D_i``
(:func:`clusternet.economics.own_demand_effect`) is the sales buyers move
toward visible quality. Reputation follows
``R_{t+1} = lambda R_t + (1 - lambda) * sum_i y_i q_i / sum_i y_i``
(output ``y``).
"""

from __future__ import annotations

import numpy as np

from clusternet.economics import quality_gain, quality_unit_cost, visibility  # noqa: F401


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


def margins(
    quality, reputation, premium, certification, quality_cost, congestion, caught, penalty
) -> np.ndarray:
    """Unit margins ``P v_i - c_i q_i - congestion - penalty caught_i``.

    With perceived quality ``v_i = theta_i q_i + (1 - theta_i) R``.

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

    Returns
    -------
    numpy.ndarray
        The unit margin per firm.

    Examples
    --------
    >>> import numpy as np
    >>> margins(np.array([1.0, 0.0]), 0.5, 0.3, 0.0, 0.1, 0.0, np.array([0.0, 1.0]), 0.3).round(3)
    array([ 0.05, -0.15])
    """
    perceived = certification * quality + (1.0 - certification) * reputation
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
