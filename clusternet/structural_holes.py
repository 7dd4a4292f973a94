"""Structural holes: Burt's (1992) constraint and effective size of an actor's ego network.

Re-exported by :mod:`clusternet.structure` (call them from there).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np

from clusternet._graph import as_graph, n_threads
from clusternet.kernels import structural

__all__ = ["constraint", "effective_size", "scale_invariant_weights"]


def scale_invariant_weights(
    indptr: np.ndarray, indices: np.ndarray, data: np.ndarray
) -> np.ndarray:
    r"""CSR weights with each row divided by its largest tie when the total overflows.

    Burt's constraint and effective size read each actor's ties as proportions of that
    actor's own ties (:math:`p_{ij} = m_{ij} / \sum_k m_{ik}`, and :math:`m_{jq} /
    \max_k m_{jk}`; self-ties ignored), so dividing a row by a positive factor changes
    nothing. When the total weight overflows float64 (weights near float max), each row is
    divided by its largest tie to another actor, which keeps every row sum finite without
    letting a weak tie of another row underflow; otherwise the weights are returned as
    they are.

    Parameters
    ----------
    indptr, indices : numpy.ndarray
        CSR row pointers and column indices.
    data : numpy.ndarray of float64
        Tie weights (finite, >= 0).

    Returns
    -------
    numpy.ndarray
        ``data`` itself, or the row-scaled copy.

    Examples
    --------
    >>> indptr, indices = np.array([0, 2, 3]), np.array([0, 1, 0])
    >>> scale_invariant_weights(indptr, indices, np.array([1e308, 1e308, 1e-300])).tolist()
    [1.0, 1.0, 1.0]
    >>> scale_invariant_weights(indptr, indices, np.array([2e300, 1e-300, 1e-300])).tolist()
    [2e+300, 1e-300, 1e-300]
    """
    with np.errstate(over="ignore"):
        total = float(data.sum()) if data.size else 0.0
    if np.isfinite(total):
        return data
    counts = np.diff(indptr)
    rows = np.repeat(np.arange(counts.size), counts)
    off = indices != rows
    top = np.zeros(counts.size)
    np.maximum.at(top, rows[off], data[off])
    scale = top[rows]
    with np.errstate(over="ignore"):
        return np.divide(data, scale, out=data.copy(), where=scale > 0)


def constraint(
    graph,
    weighted: bool = True,
    layers: str | Iterable[str] | None = None,
    layer_weights: Mapping[str, float] | None = None,
) -> np.ndarray:
    r"""Burt's constraint (Burt 1992): how much an actor's contacts are tied to each other.

    .. math::

        c_i = \sum_{j \in N(i)} \Bigl(p_{ij} + \sum_{q \in N(i),\, q \ne i, j} p_{iq} p_{qj}\Bigr)^2,
        \qquad p_{ij} = \frac{a_{ij} + a_{ji}}{\sum_k (a_{ik} + a_{ki})}

    (ties taken without direction; weights when ``weighted``). High constraint
    means few structural holes; :math:`1 - c_i` is a brokerage score. Equals
    igraph's ``Graph.constraint``.

    Parameters
    ----------
    graph : ClusterNetwork, scipy.sparse matrix, igraph.Graph or networkx graph
        The network.
    weighted : bool, default True
        Use tie weights (else every tie counts 1).
    layers : str or list of str, optional
        Layers to aggregate (ClusterNetwork only; default all).
    layer_weights : dict {layer: weight}, optional
        Multiplies each layer's tie weights before aggregation.

    Returns
    -------
    numpy.ndarray of float64, shape (n,)
        Constraint per actor; NaN for actors without ties (undefined).

    References
    ----------
    Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition*.
    Harvard University Press.

    Examples
    --------
    The hub of a star spans three holes (:math:`c = 3 \cdot (1/3)^2`); each leaf
    depends on one contact:

    >>> import numpy as np
    >>> import scipy.sparse as sp
    >>> from clusternet.structure import constraint
    >>> star = sp.csr_array(([1.0] * 6, ([0, 0, 0, 1, 2, 3], [1, 2, 3, 0, 0, 0])), shape=(4, 4))
    >>> print(np.round(constraint(star), 4))
    [0.3333 1.     1.     1.    ]
    """
    view = as_graph(graph, layers, layer_weights, weighted=weighted)
    indptr, indices, data = view.arrays("sym")
    data = scale_invariant_weights(indptr, indices, data)
    out = np.empty(view.n)
    structural.burt_constraint(indptr, indices, data, max(1, min(view.n, 4 * n_threads())), out)
    return out


def effective_size(
    graph,
    weighted: bool = True,
    layers: str | Iterable[str] | None = None,
    layer_weights: Mapping[str, float] | None = None,
) -> np.ndarray:
    r"""Burt's effective size: the number of an actor's contacts minus their redundancy.

    .. math::

        e_i = \sum_{j \in N(i)} \Bigl(1 - \sum_{q \in N(i)} p_{iq} \hat m_{jq}\Bigr),
        \qquad p_{iq} = \frac{m_{iq}}{\sum_k m_{ik}}, \quad
        \hat m_{jq} = \frac{m_{jq}}{\max_k m_{jk}}

    where :math:`m_{ij} = a_{ij} + a_{ji}` (mutual weights; 1 per tie when
    unweighted). For undirected unweighted graphs this is
    :math:`n_i - 2 t_i / n_i` (:math:`t_i` ties among the :math:`n_i`
    contacts; Borgatti 1997). Equals networkx's ``effective_size``.

    Parameters
    ----------
    graph : ClusterNetwork, scipy.sparse matrix, igraph.Graph or networkx graph
        The network.
    weighted : bool, default True
        Use tie weights, like :func:`constraint` (both are Burt's measures on tie strengths).
    layers : str or list of str, optional
        Layers to aggregate (ClusterNetwork only; default all).
    layer_weights : dict {layer: weight}, optional
        Multiplies each layer's tie weights before aggregation.

    Returns
    -------
    numpy.ndarray of float64, shape (n,)
        Effective size per actor; NaN for actors without ties.

    References
    ----------
    Burt, R. S. (1992). *Structural Holes*. Borgatti, S. P. (1997). Structural
    holes: unpacking Burt's redundancy measures. *Connections* 20(1):35–38.

    Examples
    --------
    Actor 0 has three contacts, two of them tied to each other:
    :math:`3 - 2 \cdot 1 / 3`.

    >>> import numpy as np
    >>> import scipy.sparse as sp
    >>> from clusternet.structure import effective_size
    >>> edges = ([0, 0, 0, 1, 1, 2, 2, 3], [1, 2, 3, 0, 2, 0, 1, 0])
    >>> graph = sp.csr_array(([1.0] * 8, edges), shape=(4, 4))
    >>> print(np.round(effective_size(graph), 4))
    [2.3333 1.     1.     1.    ]
    """
    view = as_graph(graph, layers, layer_weights, weighted=weighted)
    indptr, indices, data = view.arrays("sym")
    data = scale_invariant_weights(indptr, indices, data)
    out = np.empty(view.n)
    structural.effective_size(indptr, indices, data, max(1, min(view.n, 4 * n_threads())), out)
    return out
