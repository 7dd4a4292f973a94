"""Centrality of actors, single-layer and multilayer.

Single-layer: PageRank, Katz, eigenvector, harmonic closeness and
betweenness; multilayer: multiplex PageRank and versatility.

Every function takes a :class:`~clusternet.ClusterNetwork` (choose and weight
layers with ``layers=`` and ``layer_weights=``); the single-graph ones also take
a square ``scipy.sparse`` matrix (entry ``(i, j)`` is the weight of the tie
``i -> j``), an ``igraph.Graph`` or a networkx graph (edge attribute ``weight`` if
present). Scores come back as float64 arrays in actor order. The shortest-path
measures (harmonic closeness, exact and approximate betweenness) live in
:mod:`clusternet.path_centrality`, the leading-eigenpair ones (spectral radius, Katz,
eigenvector) and :class:`ConvergenceWarning` in :mod:`clusternet.spectral_centrality`;
both are re-exported here.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

from clusternet._graph import GraphView, as_graph
from clusternet._validate import check_int, check_positive, check_probability, show
from clusternet.kernels.linalg import pagerank_power
from clusternet.locality import local_network
from clusternet.network import ClusterNetwork
from clusternet.path_centrality import (
    ApproximateBetweenness,
    approximate_betweenness,
    betweenness,
    harmonic,
)
from clusternet.spectral_centrality import (
    ConvergenceWarning,
    eigenvector,
    katz,
    spectral_radius,
)

__all__ = [
    "ApproximateBetweenness",
    "ConvergenceWarning",
    "approximate_betweenness",
    "betweenness",
    "eigenvector",
    "harmonic",
    "katz",
    "multiplex_pagerank",
    "pagerank",
    "spectral_radius",
    "versatility",
]


def _teleport(personalization, graph, n: int) -> np.ndarray:
    if personalization is None:
        return np.full(n, 1.0 / n)
    if isinstance(personalization, Mapping):
        if not isinstance(graph, ClusterNetwork):
            raise TypeError("a personalization dict needs a ClusterNetwork (keys are actor ids)")
        vec = np.zeros(n)
        idx = graph.index_of(list(personalization.keys()))
        vec[idx] = np.asarray(list(personalization.values()), dtype=np.float64)
    else:
        vec = np.array(personalization, dtype=np.float64)
        if vec.shape != (n,):
            raise ValueError(f"personalization has shape {vec.shape}, expected ({n},)")
    bad = ~np.isfinite(vec) | (vec < 0)
    if bad.any():
        k = int(np.flatnonzero(bad)[0])
        raise ValueError(
            f"personalization has an invalid value {show(vec[k])} at position {k}; it must be finite and >= 0"
        )
    top = vec.max() if vec.size else 0.0
    if top <= 0:
        raise ValueError("personalization must have a positive sum")
    vec = vec / top  # scale first: a sum of values near 1e308 would overflow
    return vec / vec.sum()


def _scaled_layer_weights(graph, layers, layer_weights):
    """``layer_weights`` divided by their largest value (scores invariant to a common scale).

    Leaves ``None`` (every chosen layer weighs 1) and non-networks alone, so the
    wrapper still reports a bad argument in its own words.
    """
    if layer_weights is None or not isinstance(graph, ClusterNetwork):
        return layer_weights
    codes = graph.layer_codes(layers)
    lw = graph.layer_weight_vector(layers, layer_weights)[codes]
    top = lw.max()
    return (lw / top).tolist() if top > 0 else lw.tolist()


def _check_damping(damping: float) -> float:
    return check_probability("damping", damping, open_low=True, open_high=True)


#: below this out-strength ``1 / s`` (used by the kernel) could overflow
_TINY_STRENGTH = 1e-290


def _transition_weights(indices, data, n: int) -> tuple[np.ndarray, np.ndarray]:
    """In-view weights divided by their source's out-strength (each source then sums to 1).

    The walk only sees ``w_ji / s_j``; computing it here, after scaling by the
    largest weight, keeps weights near 1e308 (whose sums overflow) and near
    1e-308 (whose inverse overflows) finite.
    """
    scaled = data / data.max()  # finite: every view is checked (_graph.finite_view)
    strength = np.bincount(indices, weights=scaled, minlength=n).astype(np.float64)
    prob = np.divide(scaled, strength[indices], out=np.zeros_like(scaled), where=scaled > 0)
    out_strength = np.bincount(indices, weights=prob, minlength=n).astype(np.float64)
    return prob, out_strength


def _pagerank_view(
    view: GraphView, teleport: np.ndarray, damping: float, tol: float, max_iter: int
) -> np.ndarray:
    walk = view.facts.get("pagerank walk")
    if walk is None:
        indptr, indices, data = view.arrays("in")
        # out-strengths are the column sums of the in-view: no out-view needs building
        out_strength = np.bincount(indices, weights=data, minlength=view.n).astype(np.float64)
        live = out_strength[out_strength > 0]
        if live.size and not (np.all(np.isfinite(live)) and live.min() > _TINY_STRENGTH):
            data, out_strength = _transition_weights(indices, data, view.n)
        # unsigned indptr: loop counters are unsigned, so gathers carry no wrap-around checks
        walk = (indptr.view(np.uint64), indices, data, out_strength)
        # kept with a ClusterNetwork's cached views: a repeated call starts iterating at once
        view.facts["pagerank walk"] = walk
    x = teleport.copy()
    indptr_u, indices, data, out_strength = walk
    iterations, err = pagerank_power(
        indptr_u, indices, data, out_strength, teleport, damping, tol, max_iter, x
    )
    if err >= tol:
        warnings.warn(
            f"PageRank stopped after {iterations} iterations with L1 change {err:.3g}, "
            f"not below tol={tol:g}",
            ConvergenceWarning,
            stacklevel=3,
        )
    return x


def pagerank(
    graph,
    damping: float = 0.85,
    personalization: np.ndarray | Mapping | None = None,
    weighted: bool = True,
    tol: float = 1e-10,
    max_iter: int = 1000,
    layers: str | Iterable[str] | None = None,
    layer_weights: Mapping[str, float] | None = None,
    locality: str | None = None,
) -> np.ndarray:
    r"""PageRank (Brin & Page 1998), weighted and personalised.

    The stationary distribution of a walk that follows a tie :math:`j \to i`
    with probability proportional to its weight and, with probability
    :math:`1 - d`, jumps to an actor drawn from the personalisation vector
    :math:`v`:

    .. math::

        x_i = d \sum_j \frac{w_{ji}}{s_j} x_j
              + \Bigl(d \sum_{j:\, s_j = 0} x_j + 1 - d\Bigr) v_i

    where :math:`s_j` is :math:`j`'s out-strength. Dangling actors
    (:math:`s_j = 0`) teleport along :math:`v`, as igraph's PRPACK does.
    Undirected ties count both ways. The power iteration (pull over
    in-neighbours, parallel) stops when the L1 change falls below ``tol``.

    Parameters
    ----------
    graph : ClusterNetwork, scipy.sparse matrix, igraph.Graph or networkx graph
        The network; entry ``(i, j)`` of a matrix is the weight of ``i -> j``.
    damping : float, default 0.85
        The damping factor :math:`d`, in (0, 1).
    personalization : array of shape (n,) or dict {actor id: weight}, optional
        Teleport distribution (normalised to sum 1); uniform by default.
    weighted : bool, default True
        Use tie weights (else every tie counts 1).
    tol : float, default 1e-10
        Stop when the L1 change between iterates is below this.
    max_iter : int, default 1000
        Iteration limit; a :class:`ConvergenceWarning` is raised if ``tol`` is unmet.
    layers : str or list of str, optional
        Layers to aggregate (ClusterNetwork only; default all).
    layer_weights : dict {layer: weight}, optional
        Multiplies each layer's tie weights before aggregation.
    locality : str, optional
        Compute on views whose actors are numbered in a locality order
        (:func:`clusternet.locality.locality_order`: ``"space"``, ``"rcm"`` or an
        actor column; ClusterNetwork only), built once and cached on the network, so
        the power step's gathers read nearby memory. Scores come back in the
        network's own actor order, equal to ``locality=None``'s up to summation order.

    Returns
    -------
    numpy.ndarray of float64, shape (n,)
        Scores in actor order, summing to 1.

    Notes
    -----
    Degenerate cases: a single actor or a graph without ties gives the
    personalisation vector (uniform by default); dangling and isolated actors
    teleport; scores do not depend on a common scale of the weights, the
    layer weights or the personalisation (values near 1e308 or 1e-308 are
    rescaled before summing); a network without actors, a personalisation with
    a negative or non-finite entry or a zero sum, and ``damping`` outside
    (0, 1) raise a ValueError naming the argument.

    References
    ----------
    Brin, S., & Page, L. (1998). The anatomy of a large-scale hypertextual Web
    search engine. Gleich, D. F. (2015). PageRank beyond the Web. *SIAM Review* 57:321–363.

    Examples
    --------
    A star of four actors: the hub's score solves
    :math:`x_c = (1 - d)/4 + 3 d x_l`, :math:`x_l = (1 - d)/4 + d x_c / 3`.

    >>> import numpy as np
    >>> import scipy.sparse as sp
    >>> import clusternet as cn
    >>> from clusternet.centrality import pagerank
    >>> star = sp.csr_array(([1.0] * 6, ([0, 0, 0, 1, 2, 3], [1, 2, 3, 0, 0, 0])), shape=(4, 4))
    >>> print(np.round(pagerank(star), 4))
    [0.4797 0.1734 0.1734 0.1734]
    >>> net = cn.datasets.load_florentine_families()
    >>> pr = pagerank(net)
    >>> str(net.column("family")[np.argmax(pr)]), round(float(pr.sum()), 6)
    ('Medici', 1.0)
    """
    damping = _check_damping(damping)
    check_positive("tol", tol)
    max_iter = check_int("max_iter", max_iter, minimum=1)
    layer_weights = _scaled_layer_weights(graph, layers, layer_weights)
    if locality is None:
        view = as_graph(graph, layers, layer_weights, weighted=weighted)
        teleport = _teleport(personalization, graph, view.n)
        return _pagerank_view(view, teleport, damping, tol, max_iter)
    if not isinstance(graph, ClusterNetwork):
        raise TypeError(f"locality= needs a ClusterNetwork, got {type(graph).__name__}")
    local, order = local_network(graph, locality)
    view = as_graph(local, layers, layer_weights, weighted=weighted)
    teleport = _teleport(personalization, graph, view.n)[order]
    scores = np.empty(view.n)
    scores[order] = _pagerank_view(view, teleport, damping, tol, max_iter)
    return scores


# ---------------------------------------------------------------------- multilayer
def multiplex_pagerank(
    net: ClusterNetwork,
    layers: Iterable[str] | None = None,
    variant: str = "additive",
    damping: float = 0.85,
    weighted: bool = True,
    tol: float = 1e-10,
    max_iter: int = 1000,
) -> np.ndarray:
    r"""Multiplex PageRank (Halu, Mondragón, Panzarasa & Bianconi 2013).

    Layers are taken in order :math:`L_1, L_2, \dots, L_k`. :math:`x^{(1)}` is
    the PageRank of :math:`L_1`; on each later layer the walk is biased by the
    previous layer's scores :math:`x = x^{(l-1)}`:

    .. math::

        X_i = d \sum_j \frac{x_i^b A_{ji} X_j}{G_j}
              + (d D + 1 - d) \frac{x_i^c}{\sum_r x_r^c}, \qquad
        G_j = \sum_r x_r^b A_{jr}

    (:math:`A_{ji}` the weight of :math:`j \to i` in layer :math:`l`,
    :math:`D` the mass on actors with :math:`G_j = 0`, which teleports like the
    rest).

    Parameters
    ----------
    net : ClusterNetwork
        The multilayer network.
    layers : list of str, optional
        The layers in order (default: the network's order).
    variant : {"additive", "multiplicative", "combined", "neutral"}, default "additive"
        ``"additive"`` (:math:`b=0, c=1`: the previous layer sets the teleport),
        ``"multiplicative"`` (:math:`b=1, c=0`: moves favour actors central in
        the previous layer), ``"combined"`` (:math:`b=c=1`) or ``"neutral"``
        (:math:`b=c=0`: plain PageRank of the last layer).
    damping : float, default 0.85
        The damping factor :math:`d`, in (0, 1).
    weighted : bool, default True
        Use tie weights.
    tol : float, default 1e-10
        Convergence criterion (L1 change) of each layer's iteration.
    max_iter : int, default 1000
        Iteration limit per layer.

    Returns
    -------
    numpy.ndarray of float64, shape (n,)
        :math:`X` of the last layer, summing to 1.

    References
    ----------
    Halu, A., Mondragón, R. J., Panzarasa, P., & Bianconi, G. (2013). Multiplex
    PageRank. *PLoS ONE* 8(10):e78293.

    Examples
    --------
    >>> import numpy as np
    >>> import clusternet as cn
    >>> from clusternet.centrality import multiplex_pagerank, pagerank
    >>> net = cn.datasets.load_florentine_families()
    >>> x = multiplex_pagerank(net, layers=["marriage", "business"], variant="combined")
    >>> round(float(x.sum()), 6), str(net.column("family")[np.argmax(x)])
    (1.0, 'Medici')

    The neutral variant is the last layer's PageRank:

    >>> neutral = multiplex_pagerank(net, ["marriage", "business"], variant="neutral")
    >>> bool(np.allclose(neutral, pagerank(net, layers="business")))
    True
    """
    exponents = {
        "additive": (0.0, 1.0),
        "multiplicative": (1.0, 0.0),
        "combined": (1.0, 1.0),
        "neutral": (0.0, 0.0),
    }
    if variant not in exponents:
        raise ValueError(f"variant must be one of {list(exponents)}, got {show(variant)}")
    if not isinstance(net, ClusterNetwork):
        raise TypeError("multiplex_pagerank needs a ClusterNetwork")
    damping = _check_damping(damping)
    b, c = exponents[variant]
    names = list(net.layers) if layers is None else [net.layers[k] for k in net.layer_codes(layers)]
    n = net.n_actors
    x = pagerank(
        net, damping=damping, weighted=weighted, tol=tol, max_iter=max_iter, layers=names[0]
    )
    for name in names[1:]:
        view = as_graph(net, name, weighted=weighted)
        a = view.out  # rows j (source), columns i (target)
        bias = x**b if b else np.ones(n)
        biased = sp.csr_array(a @ sp.diags_array(bias))  # A_ji x_i^b
        teleport = x**c if c else np.ones(n)
        if teleport.sum() <= 0:
            raise ValueError(
                f"the scores of the layer before {show(name)} are all zero; cannot bias the teleport"
            )
        teleport = teleport / teleport.sum()
        biased_view = GraphView(n, True, biased)
        x = _pagerank_view(biased_view, teleport, damping, tol, max_iter)
    return x


def versatility(
    net: ClusterNetwork,
    omega: float = 1.0,
    kind: str = "pagerank",
    damping: float = 0.85,
    layers: Iterable[str] | None = None,
    tol: float = 1e-10,
    max_iter: int = 1000,
) -> np.ndarray:
    r"""Versatility on the supra-adjacency matrix (De Domenico et al. 2015).

    The supra-adjacency :math:`S` (``net.supra(omega)``: layer blocks on the
    diagonal, :math:`\omega I` coupling each actor's replicas) defines one walk
    over all (actor, layer) replicas. An actor's versatility is the sum of its
    replicas' scores, :math:`V_i = \sum_l y_{(i, l)}`.

    Parameters
    ----------
    net : ClusterNetwork
        The multilayer network.
    omega : float, default 1.0
        Inter-layer coupling weight.
    kind : {"pagerank", "eigenvector"}, default "pagerank"
        ``"pagerank"``: PageRank of :math:`S` with uniform teleport over
        replicas; ``"eigenvector"``: the leading eigenvector of :math:`S`
        (in-ties), normalised to sum 1 over replicas.
    damping : float, default 0.85
        Damping factor of the PageRank kind.
    layers : list of str, optional
        Layers in the supra-adjacency (default all).
    tol : float, default 1e-10
        Convergence criterion of the PageRank kind.
    max_iter : int, default 1000
        Iteration limit of the PageRank kind.

    Returns
    -------
    numpy.ndarray of float64, shape (n,)
        One score per actor, summing to 1.

    Notes
    -----
    Degenerate cases: a network without actors raises a ValueError; with
    :math:`\omega = 0` the layers decouple and PageRank versatility is the sum of
    the per-layer scores (each replica teleports over all replicas);
    ``kind="eigenvector"`` on a supra-graph that is not strongly connected
    raises a ValueError.

    References
    ----------
    De Domenico, M., Solé-Ribalta, A., Omodei, E., Gómez, S., & Arenas, A.
    (2015). Ranking in interconnected multilayer networks reveals versatile
    nodes. *Nature Communications* 6:6868.

    Examples
    --------
    >>> import numpy as np
    >>> import clusternet as cn
    >>> from clusternet.centrality import versatility
    >>> net = cn.datasets.load_florentine_families()
    >>> v = versatility(net, omega=1.0)
    >>> round(float(v.sum()), 6), str(net.column("family")[np.argmax(v)])
    (1.0, 'Medici')
    """
    if not isinstance(net, ClusterNetwork):
        raise TypeError("versatility needs a ClusterNetwork")
    if kind not in ("pagerank", "eigenvector"):
        raise ValueError(f"kind must be 'pagerank' or 'eigenvector', got {show(kind)}")
    n = net.n_actors
    if n == 0:
        raise ValueError("net has no actors")
    supra = sp.csr_array(net.supra(omega, layers=layers))
    n_layers = supra.shape[0] // n
    if kind == "pagerank":
        scores = pagerank(supra, damping=damping, tol=tol, max_iter=max_iter)
    else:
        directed = (supra != supra.T).nnz > 0
        view = GraphView(supra.shape[0], directed, supra)
        if view.directed:
            ncomp = connected_components(
                supra, directed=True, connection="strong", return_labels=False
            )
            if ncomp > 1:
                raise ValueError(
                    "eigenvector versatility needs a strongly connected supra-graph (raise omega or use kind='pagerank')"
                )
        scores = eigenvector(supra, scale=False)
        scores = scores / scores.sum()
    return scores.reshape(n_layers, n).sum(axis=0)
