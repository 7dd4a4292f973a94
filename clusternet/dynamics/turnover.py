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

from clusternet.dynamics.state import ModelState


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


def parents(
    mean_knowledge: np.ndarray, incumbents: np.ndarray, slots: np.ndarray, rng
) -> np.ndarray:
    """One parent per slot, drawn from ``incumbents`` with probability proportional to knowledge.

    The draw of slot ``s`` is ``rng.random(n)[s]`` mapped through the cumulative
    knowledge weights (inverse transform), so with a keyed stream
    (:class:`~clusternet.dynamics.draws.KeyedStream`) a slot's parent draw
    depends on the slot's identity only.
    """
    pool = np.flatnonzero(incumbents)
    n = mean_knowledge.shape[0]
    if slots.size == 0 or pool.size == 0:
        return np.zeros(0, dtype=np.int64)
    u = rng.random(n)[slots]
    weight = np.maximum(mean_knowledge[pool], 0.0)
    if weight.sum() <= 0:
        weight = np.ones(pool.size)
    cum = np.cumsum(weight)
    pick = np.searchsorted(cum, u * cum[-1], side="right")
    return pool[np.minimum(pick, pool.size - 1)]


def replace(
    state: ModelState,
    leaving: np.ndarray,
    firms: np.ndarray,
    exit_gap: float,
    inheritance: float,
    rng,
) -> int:
    """Turn every exiting firm's slot into a spin-off of a successful incumbent.

    Parents are firms that do not lag (mean knowledge at least ``exit_gap`` times
    the best firm's), drawn with probability proportional to knowledge. Every
    per-actor field of the state is reset by the rule it declares
    (:class:`~clusternet.dynamics.state.ModelState`): knowledge is
    ``inheritance`` x the parent's; quality, absorptive capacity and R&D
    intensity are the parent's; the entrant has no recent innovation, no
    contribution, no platform or association membership, no own brand, a zero
    margin and the entry size; ties to training and finance stay with the
    premises. Returns the number of entrants.
    """
    slots = np.flatnonzero(leaving)
    if slots.size == 0:
        return 0
    mean_k = state.knowledge.mean(axis=1)
    frontier = float(mean_k[firms].max())
    successful = firms & ~leaving & (mean_k >= exit_gap * frontier)
    mother = parents(mean_k, successful, slots, rng)
    if mother.size == 0:
        return 0
    for name, rule in ModelState.per_actor_fields().items():
        values = state[name]
        if rule == "inherit":
            values[slots] = values[mother]
        elif rule == "inherit_scaled":
            values[slots] = inheritance * values[mother]
        elif rule == "entry":
            values[slots] = state.entry_value(name)
        elif rule != "place":
            raise ValueError(f"unknown entrant rule {rule!r} of state field {name!r}")
    return int(slots.size)
