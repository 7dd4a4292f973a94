"""Which new ties to broker: the ties that most raise a cluster objective, by lazy greedy.

:func:`recommend_ties` evaluates candidate ties between firms and knowledge
organisations (or any two actor sets) with :func:`clusternet.greedy.greedy`;
re-exported by :mod:`clusternet.targeting`.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from clusternet._candidates import candidate_mask
from clusternet._validate import check_int, seed_sequence, show
from clusternet.greedy import greedy
from clusternet.network import ClusterNetwork


def _objective_value(net: ClusterNetwork, objective, seed) -> float:
    if objective == "knowledge_access":
        from clusternet.diffusion import knowledge_access

        firms = net.tier_mask("core")
        return float(knowledge_access(net)[firms].sum() * net.n_actors / max(firms.sum(), 1))
    if objective == "diffusion_speed":
        from clusternet.measures import upgrading_readiness

        r = upgrading_readiness(net, seed=seed, cascade_realisations=20)
        return float(r.components.loc["diffusion_speed", "raw"])
    return float(objective(net))


def _candidate_pairs(
    existing, s_idx, t_idx, max_candidates: int, rng, undirected: bool = False
) -> list:
    """The (source, target) pairs without a tie, all or ``max_candidates`` drawn at random.

    Pairs are numbered ``i * len(t_idx) + j``; the blocked ones (a tie in ``existing`` or
    the same actor at both ends) are listed from the ties, never by scanning every pair.
    With at most ``max_candidates`` unblocked pairs every one is a candidate; otherwise
    ``max_candidates`` distinct ones are drawn uniformly: by a permutation of the enumerated
    pairs when there are few pairs, else by rejection (at least 3/4 of the pairs are then
    free). ``undirected``: (a, b) and (b, a) are one tie, kept once as (min, max) when
    both are pairs. The candidates come back in (source, target) order.
    """
    s, t = s_idx.size, t_idx.size
    total = s * t

    def canonical(codes: np.ndarray) -> np.ndarray:
        """Each code whose mirror is also a pair, as the code of its (min, max) orientation."""
        if not undirected or codes.size == 0:
            return codes
        a, b = s_idx[codes // t], t_idx[codes % t]
        mirror_s = np.minimum(np.searchsorted(s_idx, b), s - 1)  # b as a source
        mirror_t = np.minimum(np.searchsorted(t_idx, a), t - 1)  # a as a target
        flip = (s_idx[mirror_s] == b) & (t_idx[mirror_t] == a) & (a > b)
        return np.where(flip, mirror_s * t + mirror_t, codes)

    sub = existing[s_idx][:, t_idx].tocoo()
    tied = sub.data != 0  # a stored zero is no tie
    blocked = sub.row[tied].astype(np.int64) * t + sub.col[tied]
    same_s, same_t = np.flatnonzero(np.isin(s_idx, t_idx)), np.searchsorted(t_idx, s_idx)
    same = same_s * t + same_t[same_s]
    blocked = np.unique(np.concatenate([blocked, same]))
    if total <= 4 * max(max_candidates, blocked.size):
        free = np.setdiff1d(np.arange(total, dtype=np.int64), blocked, assume_unique=True)
        free = np.unique(canonical(free))
        if free.size > max_candidates:
            free = np.sort(free[rng.permutation(free.size)[:max_candidates]])
    else:
        chosen = np.zeros(0, dtype=np.int64)
        while chosen.size < max_candidates:
            draw = canonical(rng.integers(0, total, size=2 * max_candidates))
            draw = draw[~np.isin(draw, blocked) & ~np.isin(draw, chosen)]
            _, first = np.unique(draw, return_index=True)
            need = max_candidates - chosen.size
            chosen = np.concatenate([chosen, draw[np.sort(first)][:need]])
        free = np.sort(chosen)
    return list(zip(s_idx[free // t].tolist(), t_idx[free % t].tolist(), strict=True))


def recommend_ties(
    net: ClusterNetwork,
    k: int,
    sources=None,
    targets=None,
    layer: str = "technology",
    objective: str | Callable = "knowledge_access",
    max_candidates: int = 200,
    seed=None,
    min_gain: float | None = 0.0,
) -> pd.DataFrame:
    """Up to ``k`` new ties that most raise ``objective``, chosen greedily (CELF).

    Candidate ties join an actor of ``sources`` to one of ``targets`` in
    ``layer`` where no such tie exists (in an undirected layer a tie a–b is one
    candidate, even when a and b are both sources and targets); when there are more than
    ``max_candidates``, that many are drawn at random (``seed``). Knowledge
    access is not monotone in the ties (a new tie can dilute the weight of a
    firm's better sources), so by default the picking stops before a tie whose
    best marginal gain is not positive: fewer than ``k`` rows then mean no
    candidate left raises the objective.

    Parameters
    ----------
    net : ClusterNetwork
        The cluster.
    k : int
        Number of ties.
    sources : actor ids or boolean mask, optional
        One end of every candidate tie (default: core firms).
    targets : actor ids or boolean mask, optional
        The other end (default: universities, research institutes and platforms).
    layer : str, default "technology"
        Layer of the new ties.
    objective : {"knowledge_access", "diffusion_speed"} or callable, default "knowledge_access"
        ``"knowledge_access"``: mean :func:`~clusternet.diffusion.knowledge_access`
        of the core firms, relative to a uniform spread; ``"diffusion_speed"``:
        the readiness component (share of firms a standard cascade from the
        knowledge holders reaches, same cascade seed for every evaluation); or a
        callable ``net -> float``.
    max_candidates : int, default 200
        Candidate ties evaluated at most.
    seed : int or numpy.random.SeedSequence, optional
        Seed of the candidate draw and of the cascade objective.
    min_gain : float or None, default 0.0
        Stop when the best marginal gain is at most this (see :func:`greedy`);
        ``None`` always recommends ``k`` ties, even ones that lower the objective.

    Returns
    -------
    pandas.DataFrame
        One row per tie in pick order (at most ``k``): ``rank``, ``source``, ``target``,
        ``gain`` (marginal), ``objective`` (after the tie) and ``evaluations``.

    Examples
    --------
    Each candidate evaluation rebuilds the network's views, so the example is a
    small cluster with few candidates:

    >>> import clusternet as cn
    >>> from clusternet.targeting import recommend_ties
    >>> net = cn.generate_cluster(20, preset="taizhou", seed=1)
    >>> ties = recommend_ties(net, 2, max_candidates=6, seed=1)
    >>> len(ties), bool((ties["gain"] > 0).all() and ties["objective"].is_monotonic_increasing)
    (2, True)
    """
    if not isinstance(net, ClusterNetwork):
        raise TypeError("recommend_ties needs a ClusterNetwork")
    if layer not in net.layers:
        raise ValueError(f"unknown layer {show(layer)}; layers: {list(net.layers)}")
    if isinstance(objective, str) and objective not in ("knowledge_access", "diffusion_speed"):
        raise ValueError(
            f"objective must be 'knowledge_access', 'diffusion_speed' or a callable, got "
            f"{show(objective)}"
        )
    k = check_int("k", k, minimum=1)
    max_candidates = check_int("max_candidates", max_candidates, minimum=1)
    n = net.n_actors
    src_mask = candidate_mask(net, "core" if sources is None else sources, n)
    dst_mask = (
        net.role_mask("university", "research_institute", "platform")
        if targets is None
        else candidate_mask(net, targets, n)
    )
    if not dst_mask.any():
        raise ValueError("no target actors for new ties")
    s_idx, t_idx = np.flatnonzero(src_mask), np.flatnonzero(dst_mask)
    rng = np.random.default_rng(seed_sequence(seed))
    existing = net.csr(layer, direction="both")
    undirected = not net.directed[layer]
    pairs = _candidate_pairs(existing, s_idx, t_idx, max_candidates, rng, undirected)
    if len(pairs) < k:
        raise ValueError(f"only {len(pairs)} candidate ties for k = {k}")
    ids = net.ids
    cascade_seed = int(seed_sequence(seed).generate_state(1)[0])

    def evaluate(chosen: list) -> float:
        if not chosen:
            return _objective_value(net, objective, cascade_seed)
        edges = pd.DataFrame(
            {
                "source": [ids[i] for i, _ in chosen],
                "target": [ids[j] for _, j in chosen],
                "layer": layer,
            }
        )
        return _objective_value(net.with_edges(edges), objective, cascade_seed)

    result = greedy(evaluate, pairs, k, min_gain=min_gain)
    return pd.DataFrame(
        {
            "rank": np.arange(1, len(result.picks) + 1),
            "source": [ids[i] for i, _ in result.picks],
            "target": [ids[j] for _, j in result.picks],
            "gain": result.gains,
            "objective": result.values,
        }
    ).assign(evaluations=result.evaluations)


__all__ = ["recommend_ties"]
