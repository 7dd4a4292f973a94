"""Multiplexity of a multilayer network: overlapping degree, participation, edge overlap.

After Battiston, Nicosia & Latora (2014); re-exported by :mod:`clusternet.structure`
(call them from there).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp

from clusternet.network import ClusterNetwork

__all__ = [
    "edge_overlap",
    "multiplexity",
    "overlapping_degree",
    "participation_coefficient",
]


def _layer_names(net: ClusterNetwork, layers) -> list[str]:
    if not isinstance(net, ClusterNetwork):
        raise TypeError(
            f"multilayer measures need a ClusterNetwork, got net of type {type(net).__name__}"
        )
    return [net.layers[c] for c in net.layer_codes(layers)]


def _layer_degrees(net: ClusterNetwork, layers, weighted: bool) -> tuple[list[str], np.ndarray]:
    names = _layer_names(net, layers)
    degrees = np.zeros((len(names), net.n_actors))
    for k, name in enumerate(names):
        a = net.csr(name, direction="both")
        a = sp.csr_array(a - sp.diags_array(a.diagonal())) if a.diagonal().any() else a
        degrees[k] = np.asarray(a.sum(axis=1)).ravel() if weighted else np.diff(a.indptr)
    return names, degrees


def overlapping_degree(net: ClusterNetwork, layers=None, weighted: bool = False) -> np.ndarray:
    r"""Overlapping degree (Battiston, Nicosia & Latora 2014).

    .. math::

        o_i = \sum_l k_i^{[l]}

    where :math:`k_i^{[l]}` is the number of distinct contacts of :math:`i` in
    layer :math:`l` (direction ignored; strengths when ``weighted``).

    Parameters
    ----------
    net : ClusterNetwork
        The multilayer network.
    layers : str or list of str, optional
        Layers to sum over (default all).
    weighted : bool, default False
        Sum tie strengths instead of counting contacts.

    Returns
    -------
    numpy.ndarray of float64, shape (n,)
        One value per actor.

    References
    ----------
    Battiston, F., Nicosia, V., & Latora, V. (2014). Structural measures for
    multiplex networks. *Physical Review E* 89:032804.

    Examples
    --------
    The Medici have 6 marriage and 5 business partners:

    >>> import clusternet as cn
    >>> from clusternet.structure import overlapping_degree
    >>> net = cn.datasets.load_florentine_families()
    >>> medici = list(net.column("family")).index("Medici")
    >>> int(overlapping_degree(net)[medici])
    11
    """
    _, degrees = _layer_degrees(net, layers, weighted)
    return degrees.sum(axis=0)


def participation_coefficient(
    net: ClusterNetwork, layers=None, weighted: bool = False
) -> np.ndarray:
    r"""Multiplex participation coefficient (Battiston, Nicosia & Latora 2014).

    .. math::

        P_i = \frac{M}{M - 1} \Bigl(1 - \sum_l \Bigl(\frac{k_i^{[l]}}{o_i}\Bigr)^2\Bigr)

    over the :math:`M` layers: 1 when an actor's ties are spread evenly over
    all layers, 0 when they all lie in one layer.

    Parameters
    ----------
    net : ClusterNetwork
        The multilayer network (at least two layers).
    layers : str or list of str, optional
        Layers to use (default all).
    weighted : bool, default False
        Use tie strengths instead of contact counts.

    Returns
    -------
    numpy.ndarray of float64, shape (n,)
        One value per actor in [0, 1]; NaN for actors without ties.

    References
    ----------
    Battiston, F., Nicosia, V., & Latora, V. (2014). Structural measures for
    multiplex networks. *Physical Review E* 89:032804.

    Examples
    --------
    The Medici split 6 marriage and 5 business partners:
    :math:`2 (1 - (6/11)^2 - (5/11)^2) \approx 0.9917`.

    >>> import clusternet as cn
    >>> from clusternet.structure import participation_coefficient
    >>> net = cn.datasets.load_florentine_families()
    >>> medici = list(net.column("family")).index("Medici")
    >>> round(float(participation_coefficient(net)[medici]), 4)
    0.9917
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
    r"""Edge overlap between every pair of layers (Battiston, Nicosia & Latora 2014).

    For layers :math:`a` and :math:`b`, with ties taken as unordered actor
    pairs, ``shared`` is the number of pairs tied in both,

    .. math::

        \mathrm{overlap} = \frac{|E_a \cap E_b|}{\min(m_a, m_b)}, \qquad
        \mathrm{jaccard} = \frac{|E_a \cap E_b|}{|E_a \cup E_b|}.

    Parameters
    ----------
    net : ClusterNetwork
        The multilayer network.
    layers : list of str, optional
        Layers to compare (default all).

    Returns
    -------
    pandas.DataFrame
        One row per unordered pair of layers: ``layer_a``, ``layer_b``,
        ``pairs_a``, ``pairs_b``, ``shared``, ``overlap``, ``jaccard``.

    References
    ----------
    Battiston, F., Nicosia, V., & Latora, V. (2014). Structural measures for
    multiplex networks. *Physical Review E* 89:032804.

    Examples
    --------
    >>> import clusternet as cn
    >>> from clusternet.structure import edge_overlap
    >>> table = edge_overlap(cn.datasets.load_florentine_families())
    >>> print(table.round(3).to_string(index=False))
     layer_a  layer_b  pairs_a  pairs_b  shared  overlap  jaccard
    marriage business       20       15       8    0.533    0.296
    """
    names = _layer_names(net, layers)
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
    r"""Share of tied actor pairs that are tied in two or more layers (direction ignored).

    .. math::

        \mu = \frac{|\{(i, j) : \text{tied in} \ge 2 \text{ layers}\}|}
                   {|\{(i, j) : \text{tied in} \ge 1 \text{ layer}\}|}

    Parameters
    ----------
    net : ClusterNetwork
        The multilayer network.
    layers : list of str, optional
        Layers to count (default all).

    Returns
    -------
    float
        The share in [0, 1]; NaN when no pair is tied.

    Examples
    --------
    Florentine families: 8 of the 27 tied pairs are tied by marriage and business.

    >>> import clusternet as cn
    >>> from clusternet.structure import multiplexity
    >>> round(multiplexity(cn.datasets.load_florentine_families()), 4)
    0.2963
    """
    names = _layer_names(net, layers)
    mats = _pair_sets(net, names)
    if not mats:
        return float("nan")
    count = mats[0].copy()
    for m in mats[1:]:
        count = count + m
    if count.nnz == 0:
        return float("nan")
    return float(np.mean(count.data >= 2))
