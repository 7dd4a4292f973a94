"""The regional brand: collective reputation, quality choice, free riding, monitoring.

Each firm produces high (``q_i = 1``) or low (``q_i = 0``) quality. Buyers see a
mix of the firm's own quality and the region's reputation ``R``:
``v_i = c q_i + (1 - c) R`` (``c`` = ``certification``), and pay
``price_i = 1 + premium * v_i``. High quality costs ``quality_cost`` more per
unit. An association monitors its members: a low-quality member is caught with
probability ``monitoring`` and pays ``penalty`` per unit. The unit margin is
``m_i = price_i - 1 - quality_cost q_i - congestion - penalty_i``.

Reputation follows ``R_{t+1} = lambda R_t + (1 - lambda) * sum_i y_i q_i / sum_i y_i``
(output ``y`` = firm size; Tirole 1996; Winfree & McCluskey 2005). Firms
revise by imitating a random neighbour (competition and social ties) with the
Fermi rule ``P(copy j) = 1 / (1 + exp(-(m_j - m_i) / K))`` (Szabó & Tőke 1998).
With ``c = 0`` a firm's own quality does not move its price, so low quality is a
free ride on ``R``.
"""

from __future__ import annotations

import numpy as np


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
    """Unit margins of every firm (see the module docstring)."""
    perceived = certification * quality + (1.0 - certification) * reputation
    return premium * perceived - quality_cost * quality - congestion - penalty * caught


def fermi_imitation(
    quality, margin, nb_indptr, nb_indices, revision_rate, noise, rng, firms
) -> np.ndarray:
    """Each revising firm copies a random neighbour's quality with the Fermi probability."""
    n = quality.shape[0]
    degree = np.diff(nb_indptr)
    revising = firms & (degree > 0) & (rng.random(n) < revision_rate)
    idx = np.flatnonzero(revising)
    pick = nb_indptr[idx] + np.floor(rng.random(idx.shape[0]) * degree[idx]).astype(np.int64)
    j = nb_indices[pick].astype(np.int64)
    diff = np.clip((margin[j] - margin[idx]) / noise, -700, 700)
    copy = rng.random(idx.shape[0]) < 1.0 / (1.0 + np.exp(-diff))
    copy &= firms[j]
    new = quality.copy()
    new[idx[copy]] = quality[j[copy]]
    return new
