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
  knowledge holders and innovators, with proximity deciding among them;
  Giuliani 2007).

As absorptive capacity grows (training), formation outpaces decay and
knowledge ties gain on transaction ties.
"""

from __future__ import annotations

import numpy as np

from clusternet.network import ClusterNetwork


def knowledge_tie_share(net: ClusterNetwork, firms: np.ndarray) -> float:
    """Technology ties among firms as a share of firm–firm technology and transaction ties."""
    src, dst, lay, _ = net.edge_arrays
    both = firms[src] & firms[dst]
    codes = {
        name: net.layers.index(name) for name in ("technology", "transaction") if name in net.layers
    }
    tech = int(np.sum(both & (lay == codes["technology"]))) if "technology" in codes else 0
    trade = int(np.sum(both & (lay == codes["transaction"]))) if "transaction" in codes else 0
    return tech / (tech + trade) if tech + trade else float("nan")


def _random_neighbours(indptr: np.ndarray, indices: np.ndarray, nodes: np.ndarray, rng):
    """One random neighbour per node (-1 where the node has none)."""
    deg = indptr[nodes + 1] - indptr[nodes]
    out = np.full(nodes.shape[0], -1, dtype=np.int64)
    has = deg > 0
    offset = np.floor(rng.random(int(has.sum())) * deg[has]).astype(np.int64)
    out[has] = indices[indptr[nodes[has]] + offset]
    return out


def evolve(
    net: ClusterNetwork,
    firms: np.ndarray,
    absorptive: np.ndarray,
    mean_knowledge: np.ndarray,
    recent_innovator: np.ndarray,
    params: dict,
    rng: np.random.Generator,
) -> ClusterNetwork:
    """One round of tie decay and formation on the technology layer; returns the new network."""
    if "technology" not in net.layers:
        return net
    tech = net.layers.index("technology")
    src, dst, lay, wt = net.edge_arrays
    n = net.n_actors
    firm_tech = (lay == tech) & firms[src] & firms[dst]
    keep = ~(firm_tech & (rng.random(src.shape[0]) < params["tie_decay"]))

    firm_idx = np.flatnonzero(firms)
    forming = firm_idx[
        rng.random(firm_idx.shape[0]) < params["tie_formation"] * absorptive[firm_idx]
    ]
    partner = np.full(forming.shape[0], -1, dtype=np.int64)
    if forming.size:
        closing = rng.random(forming.shape[0]) < params["closure"]
        layers = [x for x in ("social", "technology") if x in net.layers]
        if layers and closing.any():
            m = net.csr(layers, direction="both")
            indptr, indices = m.indptr.astype(np.int64), m.indices.astype(np.int64)
            friend = _random_neighbours(indptr, indices, forming[closing], rng)
            fof = np.full(friend.shape[0], -1, dtype=np.int64)
            ok = friend >= 0
            fof[ok] = _random_neighbours(indptr, indices, friend[ok], rng)
            partner[closing] = fof
        attract = ~closing
        weight = np.where(
            firms, np.maximum(mean_knowledge, 0.0) * (1.0 + 2.0 * recent_innovator), 0.0
        )
        if attract.any() and weight.sum() > 0:
            c = int(params["candidates"])
            draws = rng.choice(n, size=(int(attract.sum()), c), p=weight / weight.sum())
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
    lo, hi = np.minimum(a, b).astype(np.int32), np.maximum(a, b).astype(np.int32)
    new = ClusterNetwork(
        net.actors,
        np.concatenate([src[keep], lo]),
        np.concatenate([dst[keep], hi]),
        np.concatenate([lay[keep], np.full(lo.shape[0], tech, dtype=lay.dtype)]),
        np.concatenate([wt[keep], np.ones(lo.shape[0])]),
        list(net.layers),
        [net.directed[x] for x in net.layers],
    )
    # views of layers the round left alone are still valid: keep them (edge order within
    # every other layer is unchanged), so only the technology layer's views are rebuilt
    for key, value in net._cache.items():
        if isinstance(key, tuple) and key[0] == "csr" and key[1][tech] == 0.0:
            new._cache[key] = value
    return new
