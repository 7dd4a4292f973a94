"""Firm entry and exit: lagging firms leave and spin-offs of the better firms take their place.

A firm whose mean knowledge has fallen below ``exit_gap`` times the cluster's
best firm can no longer sell its products and exits with probability
``exit_rate`` per step (Schumpeterian selection; Nelson & Winter 1982). The
cluster keeps its size: an entrant takes the exiting firm's premises and local
ties, and it is a spin-off (Klepper 2007; Klepper & Sleeper 2005 on spin-offs
from the leading firms of a cluster): its parent is an incumbent drawn with
probability proportional to its mean knowledge among the firms that do not
lag, and it starts with
``spinoff_inheritance`` times the parent's knowledge and the parent's quality
choice. Selection removes the laggards and the spin-offs copy the better firms,
so turnover raises the cluster's mean knowledge (V10 in docs/validation.md).
"""

from __future__ import annotations

import numpy as np


def exits(
    mean_knowledge: np.ndarray, firms: np.ndarray, exit_gap: float, exit_rate: float, rng
) -> np.ndarray:
    """Boolean mask of the firms that exit this step.

    A firm ``i`` exits with probability ``exit_rate`` when
    ``k_i < exit_gap * max_j k_j`` over the firms (``k`` the mean knowledge).
    """
    n = mean_knowledge.shape[0]
    if exit_rate <= 0 or not firms.any():
        return np.zeros(n, dtype=bool)
    frontier = float(mean_knowledge[firms].max())
    lagging = firms & (mean_knowledge < exit_gap * frontier)
    return lagging & (rng.random(n) < exit_rate)


def parents(mean_knowledge: np.ndarray, incumbents: np.ndarray, count: int, rng) -> np.ndarray:
    """``count`` parent firms drawn from ``incumbents`` with probability proportional to knowledge."""
    pool = np.flatnonzero(incumbents)
    if count == 0 or pool.size == 0:
        return np.zeros(0, dtype=np.int64)
    weight = np.maximum(mean_knowledge[pool], 0.0)
    total = weight.sum()
    prob = weight / total if total > 0 else None
    return rng.choice(pool, size=count, replace=True, p=prob)


def replace(
    state: dict,
    leaving: np.ndarray,
    firms: np.ndarray,
    exit_gap: float,
    inheritance: float,
    rng,
) -> int:
    """Turn every exiting firm's slot into a spin-off of a successful incumbent.

    Parents are firms that do not lag (mean knowledge at least ``exit_gap`` times
    the best firm's), drawn with probability proportional to knowledge. Updates
    ``state`` in place: knowledge (``inheritance`` x the parent's), quality (the
    parent's), no recent innovation, no platform contribution. Returns the
    number of entrants.
    """
    slots = np.flatnonzero(leaving)
    if slots.size == 0:
        return 0
    k = state["knowledge"]
    mean_k = k.mean(axis=1)
    frontier = float(mean_k[firms].max())
    successful = firms & ~leaving & (mean_k >= exit_gap * frontier)
    mother = parents(mean_k, successful, slots.size, rng)
    if mother.size == 0:
        return 0
    k[slots] = inheritance * k[mother]
    state["quality"][slots] = state["quality"][mother]
    state["last_innovation"][slots] = -np.inf
    state["contribute"][slots] = False
    return int(slots.size)
