r"""Greedy maximisation of a set function, lazily evaluated (CELF).

:func:`greedy` adds, one at a time, the candidate with the largest marginal gain
:math:`f(S \cup \{c\}) - f(S)`; CELF (Leskovec et al. 2007) re-evaluates only the
top of a queue of last-round gains. For a monotone submodular objective the
picks reach at least :math:`1 - 1/e` of the best set of size ``k`` (Nemhauser,
Wolsey & Fisher 1978). Used by :func:`clusternet.targeting.recommend_ties` and
re-exported by :mod:`clusternet.targeting`.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from clusternet._validate import check_int, show


def _check_distinct(items: list) -> None:
    """Raise a ValueError naming the first candidate listed twice (it could be picked twice)."""
    seen: dict = {}
    for i, item in enumerate(items):
        try:
            j = seen.setdefault(item, i)
        except TypeError:  # unhashable: compare with the earlier ones
            j = next((p for p in range(i) if _same(items[p], item)), i)
        if j != i:
            raise ValueError(
                f"candidates lists {item!r} twice (positions {j} and {i}); each may be picked once"
            )


def _same(a, b) -> bool:
    try:
        return bool(a == b)
    except (TypeError, ValueError):  # e.g. arrays: elementwise comparison
        return a is b


@dataclass
class GreedyResult:
    """Picks of :func:`greedy` in order, their marginal gains, the objective after each pick.

    Attributes
    ----------
    picks : list
        The chosen candidates, in pick order.
    gains : numpy.ndarray
        Marginal gain of each pick.
    values : numpy.ndarray
        Objective after each pick.
    evaluations : int
        Calls of the objective.

    Examples
    --------
    >>> from clusternet.targeting import greedy
    >>> res = greedy(lambda picks: float(len(picks)), ["a", "b"], k=1)
    >>> res.picks, res.values.tolist()
    (['a'], [1.0])
    """

    picks: list
    gains: np.ndarray
    values: np.ndarray
    evaluations: int


def greedy(
    objective: Callable,
    candidates: Sequence,
    k: int,
    lazy: bool = True,
    seed=None,
    min_gain: float | None = None,
) -> GreedyResult:
    r"""Greedy maximisation of a monotone set function ``objective(list_of_items) -> float``.

    Each step adds the candidate with the largest marginal gain
    :math:`f(S \cup \{c\}) - f(S)` (ties: the earlier candidate). ``lazy``
    (CELF, Leskovec et al. 2007) keeps the gains of the last round as upper
    bounds and re-evaluates only the top of the queue — the same picks for a
    submodular objective, with far fewer evaluations. For a monotone
    submodular objective the picks reach at least :math:`1 - 1/e` of the best
    set of size :math:`k` (Nemhauser, Wolsey & Fisher 1978).

    Parameters
    ----------
    objective : callable
        ``objective(list_of_items) -> float``; when it takes a ``seed``
        keyword it is called with the same ``seed`` every time (common random
        numbers for a simulated objective).
    candidates : sequence
        Items to choose from.
    k : int
        Number of picks (stops early when no candidate is left).
    lazy : bool, default True
        CELF lazy evaluation.
    seed : int, optional
        Passed to the objective (see above).
    min_gain : float, optional
        Stop rule: picking ends, with fewer than ``k`` picks, as soon as the best
        marginal gain left is at most ``min_gain`` (``0.0``: never add an item
        that does not raise the objective). ``None`` (default) always makes
        ``k`` picks. For an objective that is not submodular the lazy queue's
        bounds are not exact, so the rule applies to the best *current* gain
        CELF finds.

    Returns
    -------
    GreedyResult
        Picks, gains, objective values and the number of evaluations.

    Notes
    -----
    Degenerate cases: a candidate listed twice raises a ValueError naming it
    (it could otherwise be picked twice); ``k`` above the number of candidates
    raises; an objective returning NaN or inf raises, naming the set it was
    given; when every gain is 0 the earliest candidates are picked.

    References
    ----------
    Nemhauser, Wolsey & Fisher (1978). *Math. Programming* 14:265–294. Leskovec,
    J. et al. (2007). Cost-effective outbreak detection in networks. KDD.

    Examples
    --------
    Maximum coverage: ``c`` covers most, then ``a`` adds three new items.

    >>> from clusternet.targeting import greedy
    >>> sets = {"a": {1, 2, 3}, "b": {3, 4}, "c": {4, 5, 6, 7}}
    >>> res = greedy(lambda picks: len(set().union(*(sets[p] for p in picks))), list(sets), k=2)
    >>> res.picks, res.gains.tolist(), res.values.tolist()
    (['c', 'a'], [4.0, 3.0], [4.0, 7.0])

    With a stop rule, an item that would lower the objective is not added:

    >>> value = {(): 0.0, ("x",): 2.0, ("y",): -1.0, ("x", "y"): 1.0, ("y", "x"): 1.0}
    >>> greedy(lambda picks: value[tuple(picks)], ["x", "y"], k=2, min_gain=0.0).picks
    ['x']
    """
    import heapq

    if not callable(objective):
        raise TypeError("objective must be callable: objective(list_of_items) -> float")
    items = list(candidates)
    if not items:
        raise ValueError("no candidates")
    _check_distinct(items)
    k = check_int("k", k, minimum=1)
    if k > len(items):
        raise ValueError(f"k = {k} exceeds the {len(items)} candidates")
    if min_gain is not None:
        try:
            min_gain = float(min_gain)
        except (TypeError, ValueError):
            raise ValueError(
                f"min_gain must be a finite number or None, got {show(min_gain)}"
            ) from None
        if not np.isfinite(min_gain):
            raise ValueError(f"min_gain must be a finite number or None, got {show(min_gain)}")
    takes_seed = "seed" in inspect.signature(objective).parameters
    evaluations = 0

    def value(chosen: list) -> float:
        nonlocal evaluations
        evaluations += 1
        out = objective(list(chosen), seed=seed) if takes_seed else objective(list(chosen))
        out = float(out)
        if not np.isfinite(out):
            raise ValueError(f"objective returned {show(out)} for {chosen!r}")
        return out

    chosen: list = []
    current = value([])
    gains, values = [], []
    if lazy:
        heap = [(-(value([c]) - current), i, 0) for i, c in enumerate(items)]
        heapq.heapify(heap)
        while len(chosen) < k and heap:
            neg, i, stamp = heapq.heappop(heap)
            if stamp == len(chosen):
                if min_gain is not None and -neg <= min_gain:
                    break
                chosen.append(items[i])
                current = current - neg
                gains.append(-neg)
                values.append(current)
                continue
            gain = value([*chosen, items[i]]) - current
            heapq.heappush(heap, (-gain, i, len(chosen)))
    else:
        left = list(range(len(items)))
        while len(chosen) < k and left:
            scored = [(value([*chosen, items[i]]) - current, -i) for i in left]
            gain, neg_i = max(scored)
            if min_gain is not None and gain <= min_gain:
                break
            i = -neg_i
            chosen.append(items[i])
            current += gain
            gains.append(gain)
            values.append(current)
            left.remove(i)
    return GreedyResult(chosen, np.asarray(gains), np.asarray(values), evaluations)


__all__ = ["GreedyResult", "greedy"]
