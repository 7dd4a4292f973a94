"""An evolving technology network: ties form by closure, attraction and proximity, and decay.

A cluster's structure is dynamic and its ties move from trade toward knowledge
(C-DYNAMIC-1). Every ``network_every`` steps:

* **decay** — each firm–firm technology tie dissolves with probability
  ``tie_decay``;
* **formation** — each firm forms a new technology tie with probability
  ``tie_formation * a_i`` (absorptive capacity: a firm that can use outside
  knowledge seeks it). With probability ``closure`` the partner is a friend of a
  friend (a random two-step walk over social and technology ties; triadic
  closure, Davidsen, Ebel & Bornholdt 2002); otherwise it is the nearest of
  ``candidates`` firms drawn with probability proportional to their
  attractiveness ``kbar_j (1 + 2 [j innovated recently])`` (attraction to
  knowledge holders and innovators, proximity by the ``x`` and ``y`` columns
  deciding among them, else the first drawn; Giuliani 2007). A pair already
  tied (a tie that survives the round's decay), or offered twice in a round,
  forms no second tie (until round 23 it did: a duplicate doubled the pair's
  weight).

As absorptive capacity grows (training), formation outpaces decay and
knowledge ties gain on transaction ties.

**The tie choice** (opt-in: ``tie_cost`` a number ``c >= 0``; None, the
default, is the rule above). A firm searches with probability
``tie_formation`` (whatever its absorptive capacity) and finds a partner ``j``
as above; the tie forms only if *both* sides would learn more than ``c`` per
step with it than without it under the model's spillover rule, where a new tie
dilutes a firm's other technology ties (row-normalised weights) and its tacit
part decays with distance (:func:`tie_gain`). This is mutual consent, the
pairwise stability of Jackson & Wolinsky (1996); like Cowan & Jonard's (2004)
barter, a leader ahead of a firm in every domain refuses it. A pair already
tied, or offered twice in a round, forms no second tie; each offer is valued
alone. The technology layer must be undirected (both sides learn). Absorptive capacity
scales each side's gain but not its sign, so at ``c = 0`` it enters the choice
only through the knowledge profiles it builds; at ``c > 0`` also directly.

Every draw is keyed by actor or tie identity (:mod:`clusternet.dynamics.draws`),
never by storage position: a tie's decay by the keys of its two ends, a firm's
formation, closure and attraction draws by the firm's key, and a random
neighbour is the neighbour whose tie (keyed by the walker and the neighbour)
draws the smallest uniform. Two runs that differ in one firm's ties therefore
share every draw that does not involve that firm's ties (common random numbers).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import scipy.sparse as sp

from clusternet.dynamics.draws import salt, tie_keys, uniforms
from clusternet.dynamics.parameters_technology import DEFAULT_SPILLOVER
from clusternet.kernels.tie_round import compact_edges, keyed_neighbour
from clusternet.network import ClusterNetwork


def knowledge_tie_share(net: ClusterNetwork, firms: np.ndarray) -> float:
    """Technology ties among firms as a share of firm–firm technology and transaction ties.

    Parameters
    ----------
    net : ClusterNetwork
        The network.
    firms : numpy.ndarray of bool
        The core firms.

    Returns
    -------
    float
        :math:`T / (T + X)` for ``T`` technology and ``X`` transaction ties among
        firms; NaN when there are neither.

    Examples
    --------
    >>> import clusternet as cn
    >>> net = cn.generate_cluster(30, seed=1)
    >>> round(knowledge_tie_share(net, net.tier_mask("core")), 3)
    0.299
    """
    src, dst, lay, _ = net.edge_arrays
    both = firms[src] & firms[dst]
    codes = {
        name: net.layers.index(name) for name in ("technology", "transaction") if name in net.layers
    }
    tech = int(np.sum(both & (lay == codes["technology"]))) if "technology" in codes else 0
    trade = int(np.sum(both & (lay == codes["transaction"]))) if "transaction" in codes else 0
    return tech / (tech + trade) if tech + trade else float("nan")


def _row_entries(
    indptr: np.ndarray, rows: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The stored entries of CSR ``rows``, row by row.

    Each row's entry count (``deg``) and first entry in the flat list (``starts``); each
    entry's position in ``rows`` (``seg``) and in the CSR arrays (``pos``).
    """
    deg = (indptr[rows + 1] - indptr[rows]).astype(np.int64)
    seg = np.repeat(np.arange(rows.shape[0]), deg)
    starts = np.cumsum(deg) - deg
    pos = np.arange(int(deg.sum())) - np.repeat(starts - indptr[rows], deg)
    return deg, starts, seg, pos


def tie_gain(
    knowledge: np.ndarray,
    absorptive: np.ndarray,
    me: np.ndarray,
    other: np.ndarray,
    rate: float | np.ndarray,
    ties: sp.csr_array | None = None,
    tacitness: float = 0.0,
    distance: Callable[[np.ndarray, np.ndarray], np.ndarray] | None = None,
) -> np.ndarray:
    r"""How much more firm ``me[k]`` would learn per step with a new technology tie to ``other[k]``.

    The model's spillover on the technology layer (docs/model.md, section 7):
    firm ``i`` learns :math:`a_i \beta_d \sum_j \hat w_{ij} g_{ij} \max(0, K_{jd} - K_{id})`
    per domain, with row-normalised weights :math:`\hat w_{ij} = w_{ij} / W_i` and the
    distance factor :math:`g_{ij} = (1 - \tau) + \tau e^{-\mathrm{dist}_{ij} / \lambda}`.
    A new tie of weight 1 to ``j`` dilutes the others, so with
    :math:`S_{id} = \sum_k w_{ik} g_{ik} \max(0, K_{kd} - K_{id})` over ``i``'s current ties

    .. math::

        v_i(j) = a_i \frac{1}{D} \sum_d \beta_d \left(
        \frac{S_{id} + g_{ij} \max(0, K_{jd} - K_{id})}{W_i + 1}
        - \frac{S_{id}}{W_i} \right)

    (the last term 0 when ``i`` has no tie). It is negative when the partner's leads
    are below those of the firm's current partners.

    Parameters
    ----------
    knowledge : numpy.ndarray, shape (N, D)
        Knowledge per actor and domain.
    absorptive : numpy.ndarray, shape (N,)
        Absorptive capacity ``a``.
    me, other : numpy.ndarray of int
        The valuing firms and their partners, pairwise.
    rate : float or numpy.ndarray of shape (D,)
        :math:`\beta`, the technology layer's spillover rate (per domain).
    ties : scipy.sparse.csr_array, shape (N, N), optional
        Weights of every actor's current technology ties (row ``i``: the ties ``i``
        learns through); None: no tie yet.
    tacitness : float, default 0.0
        :math:`\tau`.
    distance : callable, optional
        :math:`e^{-\mathrm{dist} / \lambda}` as a function of two index arrays, per pair
        (None: every factor 1).

    Returns
    -------
    numpy.ndarray
        ``v`` per pair.

    References
    ----------
    Cowan, R., & Jonard, N. (2004). Network structure and the diffusion of
    knowledge. *J. Economic Dynamics and Control* 28:1557–1575.

    Examples
    --------
    Firm 0 learns through one tie to firm 2 (a lead of 0.4 in the first domain); a tie to
    firm 1 (a lead of 0.2 in the second) halves that weight:

    >>> import numpy as np, scipy.sparse as sp
    >>> k = np.array([[0.2, 0.2], [0.2, 0.4], [0.6, 0.2]])
    >>> ties = sp.csr_array(([1.0, 1.0], ([0, 2], [2, 0])), shape=(3, 3))
    >>> v = tie_gain(k, np.ones(3), np.array([0]), np.array([1]), 0.1, ties)
    >>> round(float(v[0]), 6)  # 0.1 x ((0.4 + 0.2) / 2 - 0.4) / 2
    -0.005
    """
    n_dom = knowledge.shape[1]
    beta = np.broadcast_to(np.asarray(rate, dtype=np.float64), (n_dom,))

    def factor(i: np.ndarray, j: np.ndarray) -> np.ndarray:
        if distance is None:
            return np.ones(i.shape[0])
        return (1.0 - tacitness) + tacitness * distance(i, j)

    lead = np.maximum(knowledge[other] - knowledge[me], 0.0) * factor(me, other)[:, None]
    pairs = me.shape[0]
    flow = np.zeros((pairs, n_dom))
    strength = np.zeros(pairs)
    if ties is not None and pairs:
        _, _, seg, pos = _row_entries(ties.indptr, me)
        rows, nbr, w = me[seg], ties.indices[pos], ties.data[pos]
        gaps = np.maximum(knowledge[nbr] - knowledge[rows], 0.0)
        np.add.at(flow, seg, (w * factor(rows, nbr))[:, None] * gaps)
        strength = np.bincount(seg, weights=w, minlength=pairs).astype(np.float64)
    before = np.divide(
        flow, strength[:, None], out=np.zeros_like(flow), where=strength[:, None] > 0
    )
    after = (flow + lead) / (strength + 1.0)[:, None]
    return absorptive[me] * ((after - before) * beta).mean(axis=1)


def _keyed_neighbours(
    indptr: np.ndarray,
    indices: np.ndarray,
    nodes: np.ndarray,
    walker: np.ndarray,
    keys: np.ndarray,
    salt_: np.uint64,
) -> np.ndarray:
    """One random neighbour per node (-1 where the node has none), keyed by identity.

    Node ``nodes[k]``'s neighbour is the one whose tie, keyed by ``walker[k]`` and
    the neighbour's actor key, draws the smallest uniform: each distinct
    neighbour is equally likely, and the choice does not depend on the order in
    which the neighbours are stored nor on ties elsewhere in the network.
    """
    out = np.empty(nodes.shape[0], dtype=np.int64)
    keyed_neighbour(
        np.asarray(indptr, dtype=np.int64),
        indices,
        np.asarray(nodes, dtype=np.int64),
        np.asarray(walker, dtype=np.uint64),
        keys,
        np.uint64(salt_),
        out,
    )
    return out


def _attractive(
    me: np.ndarray, weight: np.ndarray, keys: np.ndarray, candidates: int, seed, step
) -> np.ndarray:
    """``candidates`` firms per forming firm ``me``, drawn with probability ∝ ``weight``.

    Inverse transform of a uniform keyed by the forming firm's identity over the
    cumulative weights in actor-key order (not storage order).
    """
    order = np.argsort(keys, kind="stable")
    order = order[weight[order] > 0]
    cum = np.cumsum(weight[order])
    out = np.empty((me.shape[0], candidates), dtype=np.int64)
    for k in range(candidates):
        u = uniforms(keys[me], salt(seed, step, "network:attract", k))
        pick = np.searchsorted(cum, u * cum[-1], side="right")
        out[:, k] = order[np.minimum(pick, order.shape[0] - 1)]
    return out


def _untied_once(
    n: int, tied_src: np.ndarray, tied_dst: np.ndarray, a: np.ndarray, b: np.ndarray
) -> np.ndarray:
    """Which offered pairs ``(a[k], b[k])`` are new: not tied already, and offered first at ``k``.

    A pair is unordered; ``tied_src``/``tied_dst`` are the technology ties that
    survive the round's decay, so a pair whose tie decays this round may form again.
    """

    def key(u: np.ndarray, v: np.ndarray) -> np.ndarray:  # one integer per unordered pair
        return np.minimum(u, v).astype(np.int64) * np.int64(n) + np.maximum(u, v)

    pair = key(a, b)
    order = np.argsort(pair, kind="stable")  # equal pairs in offer order
    sorted_pair = pair[order]
    fresh = np.ones(a.shape[0], dtype=bool)  # in sorted order: a pair's first offer, untied
    fresh[1:] = sorted_pair[1:] != sorted_pair[:-1]
    if sorted_pair.size:
        # the offers are few and the ties many: search each tie among the sorted offers
        tied = key(tied_src, tied_dst)
        at = np.minimum(np.searchsorted(sorted_pair, tied), sorted_pair.shape[0] - 1)
        fresh[at[sorted_pair[at] == tied]] = False  # the first offer of a tied pair
    once = np.zeros(a.shape[0], dtype=bool)
    once[order] = fresh
    return once


def _chosen_ties(
    net: ClusterNetwork,
    src: np.ndarray,
    dst: np.ndarray,
    lay: np.ndarray,
    wt: np.ndarray,
    a: np.ndarray,
    b: np.ndarray,
    knowledge: np.ndarray,
    absorptive: np.ndarray,
    params: dict,
) -> tuple[np.ndarray, np.ndarray]:
    """The offered pairs ``(a, b)`` that both sides accept, once each, not already tied.

    Values are :func:`tie_gain` against the technology ties that survive the round's
    decay (``src``, ``dst``, ``lay``, ``wt``), with the model's technology spillover
    rate, tacitness and distance decay; each offer is valued alone (not diluted by the
    other ties offered in the same round). The technology layer is undirected (checked
    in :func:`evolve`), so both sides learn through a tie.
    """
    n = net.n_actors
    tech = net.layers.index("technology")
    on = lay == tech
    s_, d_, w_ = src[on], dst[on], wt[on]
    on_both = np.concatenate([d_, s_]), np.concatenate([s_, d_])
    ties = sp.csr_array((np.concatenate([w_, w_]), on_both), shape=(n, n))
    ties.sum_duplicates()
    fresh = _untied_once(n, s_, d_, a, b)
    a, b = a[fresh], b[fresh]
    rates = params.get("spillover_rates")
    rates = DEFAULT_SPILLOVER if rates is None else rates  # as the model's operators
    rate = np.asarray(rates.get("technology", 0.0), dtype=np.float64)
    distance = None
    if net.has_column("x") and net.has_column("y"):
        x = np.asarray(net.column("x"), float)
        y = np.asarray(net.column("y"), float)
        scale = float(params["distance_scale"])

        def distance(i: np.ndarray, j: np.ndarray) -> np.ndarray:
            d = np.hypot(x[i] - x[j], y[i] - y[j])
            return np.exp(-np.where(np.isnan(d), 0.0, d) / scale)  # no coordinates: dist 0

    tau = float(params["tacitness"])
    cost = float(params["tie_cost"])
    agree = (tie_gain(knowledge, absorptive, a, b, rate, ties, tau, distance) > cost) & (
        tie_gain(knowledge, absorptive, b, a, rate, ties, tau, distance) > cost
    )
    return a[agree], b[agree]


def evolve(
    net: ClusterNetwork,
    firms: np.ndarray,
    absorptive: np.ndarray,
    mean_knowledge: np.ndarray,
    recent_innovator: np.ndarray,
    params: dict,
    seed: int,
    step: int,
    keys: np.ndarray,
    knowledge: np.ndarray | None = None,
) -> ClusterNetwork:
    """One round of tie decay and formation on the technology layer; returns the new network.

    Parameters
    ----------
    net : ClusterNetwork
        The current network.
    firms : numpy.ndarray of bool
        The core firms.
    absorptive, mean_knowledge : numpy.ndarray
        Absorptive capacity and mean knowledge per actor.
    recent_innovator : numpy.ndarray of bool
        Actors that innovated within ``memory`` steps.
    params : dict
        ``tie_decay``, ``tie_formation``, ``closure``, ``candidates``; ``tie_cost``
        (None: no choice) and ``spillover_rates`` for the tie choice.
    seed, step : int
        The run's draw seed and the step (with ``keys``, they key every draw).
    keys : numpy.ndarray of uint64
        One key per actor (:func:`clusternet.dynamics.draws.actor_keys`).
    knowledge : numpy.ndarray, shape (N, D), optional
        Knowledge per actor and domain; needed when ``tie_cost`` is set.

    Returns
    -------
    ClusterNetwork
        The network after the round.

    Examples
    --------
    >>> import numpy as np, clusternet as cn
    >>> from clusternet.dynamics.draws import actor_keys
    >>> from clusternet.dynamics.parameters import resolve
    >>> net = cn.generate_cluster(30, seed=1)
    >>> firms, n = net.tier_mask("core"), net.n_actors
    >>> new = evolve(net, firms, np.full(n, 0.5), np.full(n, 0.5), np.zeros(n, bool),
    ...              resolve({"tie_decay": 0.5}), 7, 1, actor_keys(net.ids))
    >>> round(knowledge_tie_share(net, firms), 3), round(knowledge_tie_share(new, firms), 3)
    (0.299, 0.209)
    """
    if "technology" not in net.layers:
        return net
    tech = net.layers.index("technology")
    src, dst, lay, wt = net.edge_arrays
    ft = np.flatnonzero(lay == tech)
    ft = ft[firms[src[ft]] & firms[dst[ft]]]  # the firms' technology ties
    keep = np.ones(src.shape[0], dtype=bool)
    decay = uniforms(tie_keys(keys[src[ft]], keys[dst[ft]]), salt(seed, step, "network:decay"))
    keep[ft[decay < params["tie_decay"]]] = False

    cost = params.get("tie_cost")
    if cost is not None and knowledge is None:
        raise ValueError("evolve: the tie choice (tie_cost set) needs the knowledge matrix")
    if cost is not None and net.directed["technology"]:
        raise ValueError(
            "evolve: the tie choice (tie_cost set) needs an undirected technology layer "
            "(both sides of a tie learn through it)"
        )
    firm_idx = np.flatnonzero(firms)
    form = uniforms(keys[firm_idx], salt(seed, step, "network:form"))
    search = params["tie_formation"] * (absorptive[firm_idx] if cost is None else 1.0)
    forming = firm_idx[form < search]
    partner = np.full(forming.shape[0], -1, dtype=np.int64)
    if forming.size:
        closing = uniforms(keys[forming], salt(seed, step, "network:close")) < params["closure"]
        layers = [x for x in ("social", "technology") if x in net.layers]
        if layers and closing.any():
            # who is tied to whom (the walk reads no weights: the pattern alone is built)
            indptr, indices = net.neighbour_lists(layers, direction="both")
            walkers = forming[closing]
            friend = _keyed_neighbours(
                indptr, indices, walkers, keys[walkers], keys, salt(seed, step, "network:walk", 0)
            )
            fof = np.full(friend.shape[0], -1, dtype=np.int64)
            ok = friend >= 0
            # the second step is keyed by the walker and its friend (two walkers through
            # the same friend draw independently)
            fof[ok] = _keyed_neighbours(
                indptr,
                indices,
                friend[ok],
                tie_keys(keys[walkers[ok]], keys[friend[ok]]),
                keys,
                salt(seed, step, "network:walk", 1),
            )
            partner[closing] = fof
        attract = ~closing
        weight = np.where(
            firms, np.maximum(mean_knowledge, 0.0) * (1.0 + 2.0 * recent_innovator), 0.0
        )
        if attract.any() and weight.sum() > 0:
            c = int(params["candidates"])
            draws = _attractive(forming[attract], weight, keys, c, seed, step)
            if net.has_column("x") and net.has_column("y"):
                x = np.nan_to_num(np.asarray(net.column("x"), float))
                y = np.nan_to_num(np.asarray(net.column("y"), float))
                me = forming[attract]
                dist = np.hypot(x[draws] - x[me, None], y[draws] - y[me, None])
                dist = np.where(draws == me[:, None], np.inf, dist)
                pick = draws[np.arange(draws.shape[0]), np.argmin(dist, axis=1)]
            else:
                pick = draws[:, 0]
            partner[attract] = pick
    valid = (partner >= 0) & (partner != forming)
    valid[valid] &= firms[partner[valid]]
    a, b = forming[valid], partner[valid]
    if cost is None:  # the default rule: a pair already tied, or offered twice, ties once
        on = ft[keep[ft]]  # the firms' technology ties that survive the decay
        fresh = _untied_once(net.n_actors, src[on], dst[on], a, b)
        a, b = a[fresh], b[fresh]
    else:
        assert knowledge is not None  # refused above
        a, b = _chosen_ties(net, src[keep], dst[keep], lay[keep], wt[keep], a, b, knowledge,
                            absorptive, params)  # fmt: skip
    lo, hi = np.minimum(a, b).astype(np.int32), np.maximum(a, b).astype(np.int32)
    n_kept = int(keep.sum())
    # the kept edges (one parallel pass over the four arrays), then the new ties
    edges = [np.empty(n_kept + lo.shape[0], dtype=x.dtype) for x in (src, dst, lay, wt)]
    compact_edges(keep, src, dst, lay, wt, *edges)
    for array, added in zip(edges, (lo, hi, tech, 1.0)):
        array[n_kept:] = added
    new = ClusterNetwork(
        net.actors,
        edges[0],
        edges[1],
        edges[2],
        edges[3],
        list(net.layers),
        [net.directed[x] for x in net.layers],
    )
    # views of layers the round left alone are still valid: keep them (edge order within
    # every other layer is unchanged), so only the technology layer's views are rebuilt
    for key, value in net._cache.items():
        if isinstance(key, tuple) and key[0] == "csr" and key[1][tech] == 0.0:
            new._cache[key] = value
    return new
