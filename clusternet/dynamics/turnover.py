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

The opt-in rule ``exit_rule="margin"`` is the selection channel of collective
reputation (Tirole 1996; Levin 2009): a firm whose unit margin in the step
(state ``margin``, the margin the brand game pays, which the reputation moves) is
below ``outside_margin`` exits with probability ``exit_rate``
(:func:`margin_exits`), and the spin-off's parent is drawn in proportion to the
incumbents' positive margins (:func:`margin_parents`); it copies the parent's
quality choice as under the knowledge rule. The entrant draws a fresh
quality-cost type (state ``cost_type``, rule ``"draw"``), so selection can sort on
a persistent trait.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from clusternet.dynamics.state import UNDISPERSED, ModelState


def exits(
    mean_knowledge: np.ndarray, firms: np.ndarray, exit_gap: float, exit_rate: float, rng
) -> np.ndarray:
    """Boolean mask of the firms that exit this step.

    A firm ``i`` exits with probability ``exit_rate`` when
    ``k_i < exit_gap * max_j k_j`` over the firms (``k`` the mean knowledge;
    Schumpeterian selection, Nelson & Winter 1982).

    Parameters
    ----------
    mean_knowledge : numpy.ndarray
        Mean knowledge per actor.
    firms : numpy.ndarray of bool
        The core firms.
    exit_gap : float
        Share of the best firm's mean knowledge below which a firm lags.
    exit_rate : float
        Exit probability of a lagging firm per step.
    rng : object with ``random(n)``
        One uniform per actor.

    Returns
    -------
    numpy.ndarray of bool
        The exiting firms.

    Examples
    --------
    >>> import numpy as np
    >>> exits(np.array([0.1, 1.0]), np.ones(2, bool), 0.6, 1.0, np.random.default_rng(0))
    array([ True, False])
    """
    n = mean_knowledge.shape[0]
    if exit_rate <= 0 or not firms.any():
        return np.zeros(n, dtype=bool)
    frontier = float(mean_knowledge[firms].max())
    lagging = firms & (mean_knowledge < exit_gap * frontier)
    return lagging & (rng.random(n) < exit_rate)


def margin_exits(
    margin: np.ndarray, firms: np.ndarray, outside: float, exit_rate: float, rng
) -> np.ndarray:
    """Boolean mask of the firms that exit this step under the margin rule.

    A firm ``i`` exits with probability ``exit_rate`` when its unit margin
    ``m_i < outside`` (its owner's outside option): exit reads the margins the
    reputation moves (the selection channel of Tirole 1996 and Levin 2009).

    Parameters
    ----------
    margin : numpy.ndarray
        Unit margin per actor in the step (state ``margin``).
    firms : numpy.ndarray of bool
        The core firms.
    outside : float
        The outside option (``outside_margin``).
    exit_rate : float
        Exit probability of a firm below it per step.
    rng : object with ``random(n)``
        One uniform per actor.

    Returns
    -------
    numpy.ndarray of bool
        The exiting firms.

    Examples
    --------
    >>> import numpy as np
    >>> margin_exits(np.array([-0.1, 0.2]), np.ones(2, bool), 0.0, 1.0, np.random.default_rng(0))
    array([ True, False])
    """
    n = margin.shape[0]
    if exit_rate <= 0 or not firms.any():
        return np.zeros(n, dtype=bool)
    return firms & (margin < outside) & (rng.random(n) < exit_rate)


def parents(
    mean_knowledge: np.ndarray,
    incumbents: np.ndarray,
    slots: np.ndarray,
    rng,
    keys: np.ndarray | None = None,
) -> np.ndarray:
    """One parent per slot, drawn from ``incumbents`` with probability proportional to knowledge.

    The draw of slot ``s`` is ``rng.random(n)[s]`` mapped through the cumulative
    knowledge weights of the incumbents (inverse transform). With a keyed stream
    (:class:`~clusternet.dynamics.draws.KeyedStream`) and the actors' ``keys``,
    the incumbents are ordered by key, not by storage position, so a slot's
    parent depends on the slot's identity and on the incumbents' identities and
    weights only — the same parent whatever order the actors are stored in.

    Parameters
    ----------
    mean_knowledge : numpy.ndarray
        Mean knowledge per actor (the weights; negative counts as 0).
    incumbents : numpy.ndarray of bool
        The actors that may be parents.
    slots : numpy.ndarray of int
        Positions of the exiting firms.
    rng : object with ``random(n)``
        One uniform per actor.
    keys : numpy.ndarray of uint64, optional
        Actor keys (:func:`~clusternet.dynamics.draws.actor_keys`); None keeps
        storage order.

    Returns
    -------
    numpy.ndarray of int64
        One parent position per slot (empty without slots or incumbents).

    Examples
    --------
    >>> import numpy as np
    >>> k = np.array([0.0, 1.0, 3.0])
    >>> parents(k, np.array([True, True, True]), np.array([0]), np.random.default_rng(1))
    array([2])
    """
    pool = np.flatnonzero(incumbents)
    n = mean_knowledge.shape[0]
    if slots.size == 0 or pool.size == 0:
        return np.zeros(0, dtype=np.int64)
    if keys is not None:
        pool = pool[np.argsort(keys[pool], kind="stable")]
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
    keys: np.ndarray | None = None,
    fresh: Mapping[str, np.ndarray] | None = None,
) -> int:
    """Turn every exiting firm's slot into a spin-off of a successful incumbent.

    Parents are firms that do not lag (mean knowledge at least ``exit_gap`` times
    the best firm's), drawn with probability proportional to knowledge. Every
    per-actor field of the state is reset by the rule it declares
    (:class:`~clusternet.dynamics.state.ModelState`; :func:`spawn`): knowledge is
    ``inheritance`` x the parent's; quality, absorptive capacity and R&D
    intensity are the parent's; the entrant has no recent innovation, no
    contribution, no platform membership, no own brand, a zero margin and the
    entry size; ties to training, finance and the association stay with the
    premises, so the entrant is monitored exactly when an incumbent on those
    premises would be; its quality-cost type is a fresh draw (``fresh``). ``keys``
    (actor keys) make the parent draw independent of storage order (:func:`parents`).

    Parameters
    ----------
    state : ModelState
        The model's state (changed in place).
    leaving : numpy.ndarray of bool
        The exiting firms.
    firms : numpy.ndarray of bool
        The core firms.
    exit_gap : float
        Share of the best firm's mean knowledge below which a firm lags.
    inheritance : float
        Share of the parent's knowledge a spin-off starts with.
    rng : object with ``random(n)``
        One uniform per actor.
    keys : numpy.ndarray of uint64, optional
        Actor keys.
    fresh : mapping of str to numpy.ndarray, optional
        Per-actor fresh draws of the ``"draw"`` fields (:func:`spawn`).

    Returns
    -------
    int
        The number of entrants.

    Examples
    --------
    >>> import numpy as np
    >>> from clusternet.dynamics.state import ModelState
    >>> s = ModelState.empty(3, 1, 0)
    >>> s.knowledge[:, 0] = [0.1, 1.0, 0.9]
    >>> firms = np.ones(3, dtype=bool)
    >>> replace(s, np.array([True, False, False]), firms, 0.6, 0.5, np.random.default_rng(0))
    1
    >>> float(s.knowledge[0, 0]) in (0.5, 0.45)
    True
    """
    slots = np.flatnonzero(leaving)
    if slots.size == 0:
        return 0
    mean_k = state.knowledge.mean(axis=1)
    frontier = float(mean_k[firms].max())
    successful = firms & ~leaving & (mean_k >= exit_gap * frontier)
    mother = parents(mean_k, successful, slots, rng, keys)
    return spawn(state, slots, mother, inheritance, fresh)


def margin_parents(
    margin: np.ndarray,
    incumbents: np.ndarray,
    slots: np.ndarray,
    rng,
    keys: np.ndarray | None = None,
) -> np.ndarray:
    """One parent per slot, drawn from ``incumbents`` in proportion to their positive margins.

    Spin-offs come from the profitable incumbents (weights ``max(m_j, 0)``;
    :func:`parents` with the margins as weights: uniform over the incumbents when
    none earns a positive margin).

    Parameters
    ----------
    margin : numpy.ndarray
        Unit margin per actor.
    incumbents : numpy.ndarray of bool
        The actors that may be parents.
    slots : numpy.ndarray of int
        Positions of the exiting firms.
    rng : object with ``random(n)``
        One uniform per actor.
    keys : numpy.ndarray of uint64, optional
        Actor keys (storage-order-free draws).

    Returns
    -------
    numpy.ndarray of int64
        One parent position per slot.

    Examples
    --------
    >>> import numpy as np
    >>> m = np.array([-0.2, 0.0, 0.1])
    >>> margin_parents(m, np.ones(3, bool), np.array([0]), np.random.default_rng(1))
    array([2])
    """
    return parents(np.maximum(margin, 0.0), incumbents, slots, rng, keys)


def replace_by_margin(
    state: ModelState,
    leaving: np.ndarray,
    firms: np.ndarray,
    inheritance: float,
    rng,
    keys: np.ndarray | None = None,
    fresh: Mapping[str, np.ndarray] | None = None,
) -> int:
    """Turn every exiting firm's slot into a spin-off of a profitable incumbent (margin rule).

    Parents are the firms that stay, drawn in proportion to their positive unit
    margins (state ``margin``; :func:`margin_parents`); every field is then reset
    as under the knowledge rule (:func:`spawn`): the entrant copies its parent's
    quality choice and starts with ``inheritance`` x its knowledge.

    Parameters
    ----------
    state : ModelState
        The model's state (changed in place).
    leaving : numpy.ndarray of bool
        The exiting firms.
    firms : numpy.ndarray of bool
        The core firms.
    inheritance : float
        Share of the parent's knowledge a spin-off starts with.
    rng : object with ``random(n)``
        One uniform per actor.
    keys : numpy.ndarray of uint64, optional
        Actor keys.
    fresh : mapping of str to numpy.ndarray, optional
        Per-actor fresh draws of the ``"draw"`` fields.

    Returns
    -------
    int
        The number of entrants.

    Examples
    --------
    >>> import numpy as np
    >>> from clusternet.dynamics.state import ModelState
    >>> s = ModelState.empty(3, 1, 0)
    >>> s.margin[:] = [-0.1, 0.0, 0.2]
    >>> s.quality[:] = [1.0, 1.0, 0.0]
    >>> replace_by_margin(s, np.array([True, False, False]), np.ones(3, bool), 0.8,
    ...                   np.random.default_rng(0))
    1
    >>> float(s.quality[0])  # the only profitable incumbent's choice
    0.0
    """
    slots = np.flatnonzero(leaving)
    if slots.size == 0:
        return 0
    mother = margin_parents(state.margin, firms & ~leaving, slots, rng, keys)
    return spawn(state, slots, mother, inheritance, fresh)


def spawn(
    state: ModelState,
    slots: np.ndarray,
    mother: np.ndarray,
    inheritance: float,
    fresh: Mapping[str, np.ndarray] | None = None,
) -> int:
    """Reset every per-actor field of the ``slots`` by its entrant rule, from parents ``mother``.

    ``"inherit"``: the parent's value; ``"inherit_scaled"``: ``inheritance`` x the
    parent's; ``"entry"``: :meth:`~clusternet.dynamics.state.ModelState.entry_value`;
    ``"place"``: kept (the premises'); ``"draw"``: the slot's entry of
    ``fresh[name]`` (a per-actor array of fresh draws, keyed by actor), or the
    value of identical firms (:data:`~clusternet.dynamics.state.UNDISPERSED`)
    when ``fresh`` has none.

    Parameters
    ----------
    state : ModelState
        The model's state (changed in place).
    slots : numpy.ndarray of int
        Positions of the exiting firms.
    mother : numpy.ndarray of int
        One parent position per slot (empty: nothing happens).
    inheritance : float
        Share of the parent's knowledge a spin-off starts with.
    fresh : mapping of str to numpy.ndarray, optional
        Fresh per-actor draws of the ``"draw"`` fields.

    Returns
    -------
    int
        The number of entrants (0 without parents).

    Examples
    --------
    >>> import numpy as np
    >>> from clusternet.dynamics.state import ModelState
    >>> s = ModelState.empty(2, 1, 0)
    >>> s.knowledge[1, 0], s.cost_type[:] = 1.0, [0.5, 2.0]
    >>> spawn(s, np.array([0]), np.array([1]), 0.5, {"cost_type": np.array([1.5, 9.0])})
    1
    >>> float(s.knowledge[0, 0]), s.cost_type.tolist()
    (0.5, [1.5, 2.0])
    """
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
        elif rule == "draw":
            values[slots] = fresh[name][slots] if fresh and name in fresh else UNDISPERSED[name]
        elif rule != "place":
            raise ValueError(f"unknown entrant rule {rule!r} of state field {name!r}")
    return int(slots.size)
