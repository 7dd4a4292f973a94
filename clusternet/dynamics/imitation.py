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
    """The in-CSR of imitation probabilities, built once per model.

    Parameters
    ----------
    net : ClusterNetwork
        The network.
    rates : dict of str to float
        Imitation probability ``p_l`` per layer, each a number in [0, 1] (checked for
        every layer named; layers not in ``net`` are then ignored).

    Raises
    ------
    ValueError
        If a rate is not a number in [0, 1] (naming its layer).

    Examples
    --------
    >>> import clusternet as cn
    >>> op = ImitationOperator(cn.generate_cluster(30, seed=1), {"technology": 0.2, "social": 0.1})
    >>> op.indptr.shape[0] - 1, round(float(op.prob.max()), 3)
    (44, 0.28)
    """

    def __init__(self, net: ClusterNetwork, rates: dict[str, float]) -> None:
        src, dst, lay, _ = net.edge_arrays
        per_layer = np.zeros(len(net.layers))
        for name, p in rates.items():  # every layer named is checked, present or not
            try:
                value = float(p)
            except (TypeError, ValueError):
                value = float("nan")
            if not 0.0 <= value <= 1.0:  # NaN fails too
                raise ValueError(f"imitation rate of layer {name!r} must lie in [0, 1], got {p!r}")
            if name in net.layers:
                per_layer[net.layers.index(name)] = value
        with np.errstate(divide="ignore"):  # one hazard per layer: the layer multiplier below
            layer_hazard = np.where(
                per_layer >= 1.0, np.inf, -np.log1p(-np.minimum(per_layer, 1.0))
            )
        # entry value = edge weight x layer multiplier: every edge weighs 1 (a read-only
        # broadcast, no array of the edge count) and the multiplier is the layer's hazard
        # (a rate of 0 has hazard 0, which leaves the layer out)
        per_edge = np.broadcast_to(np.float64(1.0), src.shape)
        sym = np.array([not net.directed[name] for name in net.layers], dtype=bool)
        self.indptr, indices, data = build_csr(
            net.n_actors, src, dst, per_edge, lay, layer_hazard, sym, transpose=True
        )
        self.indices = indices.view(np.uint32)
        # prob = -expm1(-hazard), in place (no temporaries of the entry count)
        np.negative(data, out=data)
        np.expm1(data, out=data)
        self.prob = np.negative(data, out=data)

    def step(self, knowledge, innovated, domain, gap, seed, step, keys=None):
        """New knowledge matrix after imitation, and the imitations per actor.

        ``keys``: one ``uint64`` key per actor; a tie's draw is keyed by its two
        ends' keys (default: the actors' positions).

        Parameters
        ----------
        knowledge : numpy.ndarray
            Knowledge, actors x domains.
        innovated : numpy.ndarray of bool
            Who innovated this step.
        domain : numpy.ndarray of int
            The domain of each innovation (-1 for none).
        gap : float
            Share of the gap to the innovator an imitator closes.
        seed, step : int
            The run's draw seed and the step.
        keys : numpy.ndarray of uint64, optional
            One key per actor.

        Returns
        -------
        (numpy.ndarray, numpy.ndarray)
            The new knowledge matrix and the number of imitations per actor.

        Examples
        --------
        >>> import numpy as np, clusternet as cn
        >>> net = cn.generate_cluster(30, seed=1)
        >>> op = ImitationOperator(net, {"technology": 1.0})
        >>> k = np.zeros((net.n_actors, 2))
        >>> innovator = int(np.argmax(np.diff(op.indptr)))  # the actor with most imitators
        >>> k[innovator, 1] = 1.0
        >>> innovated = np.zeros(net.n_actors, bool)
        >>> innovated[innovator] = True
        >>> domain = np.where(innovated, 1, -1)
        >>> new, adopted = op.step(k, innovated, domain, 0.5, seed=7, step=1)
        >>> int(adopted.sum()), float(new[:, 1].max()), sorted(set(new[adopted > 0, 1].tolist()))
        (5, 1.0, [0.5])
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
