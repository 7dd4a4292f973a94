"""Structural position: structural holes (constraint, effective size) and multiplexity
(participation coefficient, overlapping degree, edge overlap)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd
import scipy.sparse as sp

from clusternet._graph import as_graph, n_threads
from clusternet.kernels import structural
from clusternet.network import ClusterNetwork

__all__ = [
    "constraint",
    "edge_overlap",
    "effective_size",
    "multiplexity",
    "overlapping_degree",
    "participation_coefficient",
]


def constraint(
    graph,
    weighted: bool = True,
    layers: str | Iterable[str] | None = None,
    layer_weights: Mapping[str, float] | None = None,
) -> np.ndarray:
    """Burt's constraint (Burt 1992): how much an actor's contacts are tied to each other.

    ``c_i = sum_{j in N(i)} (p_ij + sum_{q in N(i), q != i, j} p_iq p_qj)^2`` with
    ``p_ij = (a_ij + a_ji) / sum_k (a_ik + a_ki)`` (ties taken without direction;
    weights when ``weighted``). High constraint means few structural holes;
    ``1 - c_i`` is a brokerage score. Equals igraph's ``Graph.constraint``.
    Actors without ties get NaN (undefined).

    References
    ----------
    Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition*.
    Harvard University Press.
    """
    view = as_graph(graph, layers, layer_weights, weighted=weighted)
    indptr, indices, data = view.arrays("sym")
    out = np.empty(view.n)
    structural.burt_constraint(indptr, indices, data, max(1, min(view.n, 4 * n_threads())), out)
    return out


def effective_size(
    graph,
    weighted: bool = False,
    layers: str | Iterable[str] | None = None,
    layer_weights: Mapping[str, float] | None = None,
) -> np.ndarray:
    """Burt's effective size: the number of an actor's contacts minus their redundancy.

    ``e_i = sum_{j in N(i)} (1 - sum_{q in N(i)} p_iq m_jq)`` with
    ``p_iq = m_iq / sum_k m_ik`` and ``m_jq = m_jq / max_k m_jk``, where
    ``m_ij = a_ij + a_ji`` (mutual weights; 1 per tie when unweighted). For
    undirected unweighted graphs this is ``n_i - 2 t_i / n_i`` (``t_i`` ties among
    the ``n_i`` contacts; Borgatti 1997). Equals networkx's ``effective_size``;
    actors without ties get NaN.

    References
    ----------
    Burt, R. S. (1992). *Structural Holes*. Borgatti, S. P. (1997). Structural
    holes: unpacking Burt's redundancy measures. *Connections* 20(1):35–38.
    """
    view = as_graph(graph, layers, layer_weights, weighted=weighted)
    indptr, indices, data = view.arrays("sym")
    out = np.empty(view.n)
    structural.effective_size(indptr, indices, data, max(1, min(view.n, 4 * n_threads())), out)
    return out


def _layer_degrees(net: ClusterNetwork, layers, weighted: bool) -> tuple[list[str], np.ndarray]:
    if not isinstance(net, ClusterNetwork):
        raise TypeError("multilayer measures need a ClusterNetwork")
    names = [net.layers[c] for c in net.layer_codes(layers)]
    degrees = np.zeros((len(names), net.n_actors))
    for k, name in enumerate(names):
        a = net.csr(name, direction="both")
        a = sp.csr_array(a - sp.diags_array(a.diagonal())) if a.diagonal().any() else a
        degrees[k] = np.asarray(a.sum(axis=1)).ravel() if weighted else np.diff(a.indptr)
    return names, degrees


def overlapping_degree(net: ClusterNetwork, layers=None, weighted: bool = False) -> np.ndarray:
    """Overlapping degree ``o_i = sum_l k_i^[l]`` (Battiston, Nicosia & Latora 2014).

    ``k_i^[l]`` is the number of distinct contacts of ``i`` in layer ``l``
    (direction ignored; strengths when ``weighted``).
    """
    _, degrees = _layer_degrees(net, layers, weighted)
    return degrees.sum(axis=0)


def participation_coefficient(
    net: ClusterNetwork, layers=None, weighted: bool = False
) -> np.ndarray:
    """Multiplex participation coefficient (Battiston, Nicosia & Latora 2014).

    ``P_i = M / (M - 1) * (1 - sum_l (k_i^[l] / o_i)^2)`` over the ``M`` layers:
    1 when an actor's ties are spread evenly over all layers, 0 when they all lie
    in one layer. Actors without ties get NaN. Needs at least two layers.

    References
    ----------
    Battiston, F., Nicosia, V., & Latora, V. (2014). Structural measures for
    multiplex networks. *Physical Review E* 89:032804.
    """
    names, degrees = _layer_degrees(net, layers, weighted)
    m = len(names)
    if m < 2:
        raise ValueError("the participation coefficient needs at least two layers")
    total = degrees.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = degrees / total
        p = m / (m - 1) * (1.0 - (share**2).sum(axis=0))
    p[total == 0] = np.nan
    return p


def _pair_sets(net: ClusterNetwork, names: list[str]) -> list[sp.csr_array]:
    mats = []
    for name in names:
        a = net.csr(name, direction="both")
        b = sp.csr_array(sp.triu(a, k=1))
        b.data[:] = 1.0
        mats.append(b)
    return mats


def edge_overlap(net: ClusterNetwork, layers=None) -> pd.DataFrame:
    """Edge overlap between every pair of layers (Battiston, Nicosia & Latora 2014).

    For layers ``a`` and ``b``, with ties taken as unordered actor pairs:
    ``shared`` = number of pairs tied in both, ``overlap`` =
    ``shared / min(m_a, m_b)`` and ``jaccard`` = ``shared / |E_a ∪ E_b|``.
    One row per unordered pair of layers.
    """
    names = [net.layers[c] for c in net.layer_codes(layers)]
    mats = _pair_sets(net, names)
    rows = []
    for i in range(len(names)):
        for j in range(i + 1, len(names)):
            shared = int(mats[i].multiply(mats[j]).nnz)
            ma, mb = mats[i].nnz, mats[j].nnz
            union = ma + mb - shared
            rows.append(
                {
                    "layer_a": names[i],
                    "layer_b": names[j],
                    "pairs_a": ma,
                    "pairs_b": mb,
                    "shared": shared,
                    "overlap": shared / min(ma, mb) if min(ma, mb) else np.nan,
                    "jaccard": shared / union if union else np.nan,
                }
            )
    return pd.DataFrame(rows)


def multiplexity(net: ClusterNetwork, layers=None) -> float:
    """Share of tied actor pairs that are tied in two or more layers (direction ignored)."""
    names = [net.layers[c] for c in net.layer_codes(layers)]
    mats = _pair_sets(net, names)
    if not mats:
        return float("nan")
    count = mats[0].copy()
    for m in mats[1:]:
        count = count + m
    if count.nnz == 0:
        return float("nan")
    return float(np.mean(count.data >= 2))
