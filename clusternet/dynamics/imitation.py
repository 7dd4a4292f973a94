"""Imitation: innovations spread to neighbours over technology, transaction and social ties.

Each tie ``j -> i`` (undirected ties both ways) carries a layer probability
``p_l``; ties present in several layers give independent chances,
``p = 1 - prod_l (1 - p_l)`` (as in the independent cascade). When ``j``
innovates in domain ``d``, each such neighbour imitates with probability ``p``
and closes ``imitation_gap`` of its gap to ``j`` in ``d``.
"""

from __future__ import annotations

import numpy as np

from clusternet.kernels import dynamics as kern
from clusternet.kernels.csr import build_csr
from clusternet.network import ClusterNetwork


class ImitationOperator:
    """The in-CSR of imitation probabilities, built once per model."""

    def __init__(self, net: ClusterNetwork, rates: dict[str, float]) -> None:
        src, dst, lay, _ = net.edge_arrays
        per_layer = np.zeros(len(net.layers))
        for name, p in rates.items():
            if name in net.layers:
                per_layer[net.layers.index(name)] = float(p)
        p_edge = per_layer[lay]
        with np.errstate(divide="ignore"):
            hazard = np.where(p_edge >= 1.0, np.inf, -np.log1p(-np.minimum(p_edge, 1.0)))
        sym = np.array([not net.directed[name] for name in net.layers], dtype=bool)
        use = (per_layer > 0).astype(np.float64)
        self.indptr, indices, data = build_csr(
            net.n_actors, src, dst, hazard, lay, use, sym, transpose=True
        )
        self.indices = indices.view(np.uint32)
        self.prob = -np.expm1(-data)

    def step(self, knowledge, innovated, domain, gap, seed, step, keys=None):
        """New knowledge matrix after imitation, and the imitations per actor.

        ``keys``: one ``uint64`` key per actor; a tie's draw is keyed by its two
        ends' keys (default: the actors' positions).
        """
        if keys is None:
            keys = np.arange(knowledge.shape[0], dtype=np.uint64)
        out = knowledge.copy()
        adopted = np.zeros(knowledge.shape[0], dtype=np.int64)
        kern.imitate(
            self.indptr,
            self.indices,
            self.prob,
            innovated,
            domain,
            knowledge,
            gap,
            np.uint64(seed),
            np.uint64(step),
            keys,
            out,
            adopted,
        )
        return out, adopted
