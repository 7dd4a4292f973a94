"""Centrality from shortest paths: harmonic closeness, exact and approximate betweenness.

Split from :mod:`clusternet.centrality`, which re-exports every name here (so
``clusternet.centrality.betweenness`` keeps working). Every function takes a
:class:`~clusternet.ClusterNetwork` (choose and weight layers with ``layers=``
and ``layer_weights=``), a square ``scipy.sparse`` matrix (entry ``(i, j)`` is
the weight of the tie ``i -> j``), an ``igraph.Graph`` or a networkx graph.
Scores come back as float64 arrays in actor order.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.sparse.csgraph import connected_components

from clusternet._graph import GraphView, as_graph, component_representatives, n_threads
from clusternet._validate import check_int, check_probability, seed_sequence, show
from clusternet.kernels.dijkstra import brandes_dijkstra, harmonic_dijkstra
from clusternet.kernels.kadabra import sample_paths
from clusternet.kernels.paths import brandes_bfs, eccentricities, harmonic_bfs

__all__ = ["ApproximateBetweenness", "approximate_betweenness", "betweenness", "harmonic"]


def harmonic(
    graph,
    normalized: bool = True,
    weighted: bool = False,
    mode: str = "out",
    layers=None,
    layer_weights=None,
) -> np.ndarray:
    r"""Harmonic closeness (Marchiori & Latora 2000; Boldi & Vigna 2014).

    .. math::

        H_i = \sum_{j \ne i} \frac{1}{d(i, j)}

    with :math:`1/\infty = 0` for unreachable actors. Unweighted: one BFS per
    actor; ``weighted=True`` turns tie strengths into lengths :math:`1 / w`
    (stronger ties are shorter; Opsahl, Agneessens & Skvoretz 2010) and runs
    Dijkstra. Parallel over source actors.

    Parameters
    ----------
    graph : ClusterNetwork, scipy.sparse matrix, igraph.Graph or networkx graph
        The network.
    normalized : bool, default True
        Divide by :math:`n - 1` (igraph's convention).
    weighted : bool, default False
        Use lengths :math:`1 / w` instead of hop counts.
    mode : {"out", "in", "all"}, default "out"
        Distances from :math:`i`, to :math:`i`, or ignoring direction (a
        reciprocated pair is as short as its stronger direction, as in igraph).
    layers : str or list of str, optional
        Layers to aggregate (ClusterNetwork only; default all).
    layer_weights : dict {layer: weight}, optional
        Multiplies each layer's tie weights before aggregation.

    Returns
    -------
    numpy.ndarray of float64, shape (n,)
        Scores in actor order.

    Notes
    -----
    Degenerate cases: a single actor scores 0; isolated actors score 0 and
    count as unreachable (:math:`1/\infty = 0`) for everyone else; self-loops are
    ignored (:math:`j \ne i`); weights from 1e-300 to 1e300 give lengths :math:`1 / w`
    from 1e300 to 1e-300, all finite; a subnormal weight whose :math:`1 / w` overflows
    is no tie.

    References
    ----------
    Marchiori, M., & Latora, V. (2000). Harmony in the small-world. *Physica A*
    285:539–546. Boldi, P., & Vigna, S. (2014). Axioms for centrality.
    *Internet Mathematics* 10:222–262.

    Examples
    --------
    On the path 0 – 1 – 2 the middle actor reaches both others in one step:

    >>> import numpy as np
    >>> import scipy.sparse as sp
    >>> from clusternet.centrality import harmonic
    >>> path = sp.csr_array(([1.0] * 4, ([0, 1, 1, 2], [1, 0, 2, 1])), shape=(3, 3))
    >>> print(np.round(harmonic(path, normalized=False), 4))
    [1.5 2.  1.5]
    """
    if mode not in ("out", "in", "all"):
        raise ValueError(f"mode must be 'out', 'in' or 'all', got {show(mode)}")
    view = as_graph(graph, layers, layer_weights, weighted=weighted)
    # ignoring direction, a reciprocated tie is as short as its stronger direction (as igraph)
    which = {"out": "out", "in": "in", "all": "sym_max" if weighted else "sym"}[mode]
    indptr, indices, data = view.arrays(which)
    out = np.zeros(view.n)
    chunks = max(1, min(view.n, 4 * n_threads()))
    if weighted:
        harmonic_dijkstra(indptr, indices, _lengths(data), chunks, out)
    else:
        harmonic_bfs(indptr, indices, chunks, out)
    if normalized:
        out = out / max(view.n - 1, 1)
    return out


# ---------------------------------------------------------------------- betweenness
def _betweenness_view(view: GraphView, directed: bool | None) -> tuple[GraphView, bool]:
    if directed is None or directed == view.directed:
        return view, view.directed
    if directed and not view.directed:
        return view, False  # an undirected graph has no direction to honour
    # reciprocated ties merge into one tie whose length comes from the stronger direction
    return GraphView(view.n, False, view.sym_max), False


def betweenness(
    graph,
    weighted: bool = False,
    normalized: bool = False,
    directed: bool | None = None,
    samples: int | None = None,
    epsilon: float | None = None,
    delta: float = 0.1,
    seed=None,
    layers=None,
    layer_weights=None,
) -> np.ndarray:
    r"""Shortest-path betweenness (Freeman 1977), exact or approximate.

    .. math::

        B_v = \sum_{s \ne v \ne t} \frac{\sigma_{st}(v)}{\sigma_{st}}

    over ordered pairs for directed graphs and unordered pairs for undirected
    ones (igraph's and networkx's unnormalised values).

    * Exact (default): Brandes' algorithm, a direction-optimising BFS
      (unweighted; Beamer, Asanović & Patterson 2012: each level scans the
      level's out-ties or the unreached actors' in-ties, whichever are fewer)
      or Dijkstra with a binary heap (``weighted=True``; lengths
      :math:`1 / w`), parallel over
      sources with per-thread accumulators. :math:`O(nm)` or
      :math:`O(nm + n^2 \log n)`.
    * ``samples=k``: :math:`k` random sources (Brandes & Pich 2007), scaled by
      :math:`n/k`; unbiased but without an error guarantee.
    * ``epsilon=e``: adaptive shortest-path sampling (KADABRA; Borassi &
      Natale 2016), unweighted only: with probability at least
      :math:`1 - \delta`, every actor's estimate of
      :math:`b(v) = B_v^{\mathrm{ordered}} / (n (n - 1))` is within
      :math:`e` of the truth (see :func:`approximate_betweenness`); the
      returned values are rescaled to the requested normalisation. Same
      ``seed`` ⇒ same result on any number of threads.

    Parameters
    ----------
    graph : ClusterNetwork, scipy.sparse matrix, igraph.Graph or networkx graph
        The network.
    weighted : bool, default False
        Shortest paths by lengths :math:`1 / w` instead of hop counts.
    normalized : bool, default False
        Divide by :math:`(n - 1)(n - 2)` (directed) or :math:`(n - 1)(n - 2) / 2`
        (undirected), as networkx.
    directed : bool, optional
        ``False`` ignores tie direction (a reciprocated pair becomes one tie
        whose length comes from its stronger direction); ``None`` follows the graph.
    samples : int, optional
        Number of random sources (Brandes & Pich).
    epsilon : float, optional
        Additive error bound of the KADABRA estimate.
    delta : float, default 0.1
        Failure probability of the KADABRA bound.
    seed : int or numpy.random.SeedSequence, optional
        Seed of the sampling variants.
    layers : str or list of str, optional
        Layers to aggregate (ClusterNetwork only; default all).
    layer_weights : dict {layer: weight}, optional
        Multiplies each layer's tie weights before aggregation.

    Returns
    -------
    numpy.ndarray of float64, shape (n,)
        Scores in actor order.

    Notes
    -----
    Degenerate cases: graphs of one or two actors, isolated actors and actors
    with only self-loops score 0 (no shortest path passes through them);
    normalised scores of a graph with two actors or fewer are 0.

    Weighted ties are decided one step at a time. Each distance :math:`d(v)` is
    the exact shortest length (the minimum float sum over paths), and :math:`v`
    precedes :math:`w` on a shortest path when :math:`d(v) < d(w)` and
    :math:`d(v) + 1/w_{vw}` agrees with :math:`d(w)` within a relative 1e-10; paths
    are counted and dependencies pushed back over that one rule. A path is
    therefore shortest when each of its steps is within the tolerance of the
    distance it reaches (small slacks can add up along a path beyond 1e-10 of its
    total; a step onto an actor that is not strictly closer never counts). The
    scores do not depend on the actors' labels. igraph decides step by step too,
    but keeps the first length found within its tolerance (about 2e-10) as the
    distance, so where near-tied lengths chain its scores can differ from these and
    move with the labels. A tie shorter than 1e-10 of the distance between two
    actors at the same distance is no shortest path (networkx agrees where
    ``d + 1/w`` differs from ``d`` in double precision; igraph counts such a tie). Parallel
    ties of an edge list or a non-canonical matrix are summed in ascending order of weight.
    A weight so small that ``1/w`` overflows is no tie. ``ValueError`` when an actor's
    shortest paths all arrive over ties that vanish in double precision
    (``d + 1/w == d``), or when the number of shortest paths between a pair exceeds
    float64's range.

    References
    ----------
    Brandes, U. (2001). A faster algorithm for betweenness centrality. *Journal
    of Mathematical Sociology* 25:163–177. Brandes, U., & Pich, C. (2007).
    Centrality estimation in large networks. Beamer, S., Asanović, K., & Patterson, D.
    (2012). Direction-optimizing breadth-first search. *SC'12*. Borassi, M., & Natale, E. (2016).
    KADABRA is an adaptive algorithm for betweenness via random approximation. ESA.

    Examples
    --------
    On the path 0 – 1 – 2 – 3 each inner actor lies on two shortest paths:

    >>> import numpy as np
    >>> import scipy.sparse as sp
    >>> from clusternet.centrality import betweenness
    >>> path = sp.csr_array(([1.0] * 6, ([0, 1, 1, 2, 2, 3], [1, 0, 2, 1, 3, 2])), shape=(4, 4))
    >>> print(betweenness(path))
    [0. 2. 2. 0.]
    >>> print(np.round(betweenness(path, normalized=True), 4))
    [0.     0.6667 0.6667 0.    ]
    """
    if samples is not None and epsilon is not None:
        raise ValueError("give samples= or epsilon=, not both")
    view = as_graph(graph, layers, layer_weights, weighted=weighted)
    view, is_directed = _betweenness_view(view, directed)
    n = view.n
    if epsilon is not None:
        if weighted:
            raise ValueError(
                "approximate betweenness with epsilon= supports unweighted graphs only"
            )
        est = _kadabra(view, is_directed, epsilon, delta, seed)
        ordered = est.scores * n * (n - 1)
    else:
        if samples is not None:
            samples = check_int("samples", samples, minimum=1, maximum=n)
            rng = np.random.default_rng(seed_sequence(seed))
            sources = np.sort(rng.choice(n, size=samples, replace=False)).astype(np.int64)
            scale = n / samples
        else:
            sources = np.arange(n, dtype=np.int64)
            scale = 1.0
        ordered = _brandes(view, sources, weighted) * scale
    raw = ordered if is_directed else ordered / 2.0
    if normalized:
        if n <= 2:
            return np.zeros(n)
        return ordered / ((n - 1) * (n - 2))
    return raw


#: Memory all threads' successor buffers of unweighted Brandes may take together;
#: a source whose shortest-path DAG does not fit rescans its adjacency instead.
SUCCESSOR_BUFFER_BYTES = 512 * 2**20

#: the most samples KADABRA may need: counts and ``count / tau`` stay exact below 2**53
MAX_SAMPLES = 2.0**53


def _lengths(weights: np.ndarray) -> np.ndarray:
    """Tie lengths ``1 / w``; a subnormal weight's overflows to inf, which the kernels read as no tie."""
    with np.errstate(over="ignore"):
        return 1.0 / weights


def _brandes(view: GraphView, sources: np.ndarray, weighted: bool) -> np.ndarray:
    """Sum over sources of Brandes dependencies (ordered-pair betweenness)."""
    indptr, indices, data = view.arrays("out")
    chunks = max(1, min(sources.shape[0], n_threads()))
    acc = np.zeros((chunks, view.n))
    if weighted:
        in_indptr, in_indices, in_data = view.arrays("in")
        # bound the predecessor lists all threads hold together (8 bytes an entry)
        pred_cap = max(view.n, SUCCESSOR_BUFFER_BYTES // (8 * chunks))
        brandes_dijkstra(
            indptr, indices, _lengths(data), in_indptr, in_indices, _lengths(in_data), sources, chunks,
            pred_cap, acc,
        )  # fmt: skip
        scores = acc.sum(axis=0)
        if np.isnan(scores).any():
            actor = int(np.flatnonzero(np.isnan(scores))[0])
            raise ValueError(
                "weighted betweenness: the shortest paths to the actor at position "
                f"{actor} arrive only over ties whose length 1/weight vanishes against the "
                "path's length in double precision (d + 1/w == d: weights that span more "
                "than about 1e15 along a path); rescale or cap the weights"
            )
        _check_path_counts(scores)
        return scores
    # an undirected graph is its own in-view: the same arrays, not a second copy
    in_indptr, in_indices, _ = view.arrays("in") if view.directed else (indptr, indices, data)
    # the bottom-up steps read the actors of the source's weak component
    n_comp, label = connected_components(view.out, directed=True, connection="weak")
    members = np.argsort(label, kind="stable")
    member_ptr = np.zeros(n_comp + 1, dtype=np.int64)
    np.cumsum(np.bincount(label, minlength=n_comp), out=member_ptr[1:])
    # bound the successor buffers all threads hold together (DAG entries of 4 bytes)
    succ_cap = max(view.n, SUCCESSOR_BUFFER_BYTES // (4 * chunks))
    brandes_bfs(
        indptr.view(np.uint64), indices, in_indptr.view(np.uint64), in_indices,
        members.astype(np.int64), member_ptr, label.astype(np.int64), sources, chunks,
        succ_cap, acc,
    )  # fmt: skip
    scores = acc.sum(axis=0)
    _check_path_counts(scores)
    return scores


def _check_path_counts(scores: np.ndarray) -> None:
    """Refuse scores the overflow of a shortest-path count made infinite or NaN."""
    if not np.isfinite(scores).all():
        raise ValueError(
            "betweenness: the number of shortest paths between some pair of actors "
            "exceeds float64's range (about 1.8e308)"
        )


@dataclass(frozen=True)
class ApproximateBetweenness:
    r"""Result of :func:`approximate_betweenness`.

    Attributes
    ----------
    scores : numpy.ndarray
        Estimates of :math:`b(v) = \frac{1}{n (n - 1)} \sum_{s \ne t} \sigma_{st}(v) / \sigma_{st}`.
    lower, upper : numpy.ndarray
        Per-actor confidence bounds that hold simultaneously with probability
        :math:`1 - \delta`.
    samples : int
        Paths drawn.
    omega : int
        The worst-case sample size.
    epsilon, delta : float
        The requested guarantee.

    Examples
    --------
    >>> import clusternet as cn
    >>> from clusternet.centrality import approximate_betweenness
    >>> res = approximate_betweenness(cn.datasets.load_florentine_families(), epsilon=0.05, seed=1)
    >>> res.epsilon, bool((res.lower <= res.scores).all() and (res.scores <= res.upper).all())
    (0.05, True)
    """

    scores: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    samples: int
    omega: int
    epsilon: float
    delta: float


def approximate_betweenness(
    graph,
    epsilon: float = 0.01,
    delta: float = 0.1,
    seed=None,
    directed=None,
    layers=None,
    layer_weights=None,
) -> ApproximateBetweenness:
    r"""Adaptive shortest-path sampling for betweenness with an (epsilon, delta) guarantee.

    Samples are uniformly random shortest paths between uniformly random
    ordered pairs (balanced bidirectional BFS). After :math:`\tau` samples,
    :math:`\tilde b(v) = \mathrm{count}(v) / \tau` and, following Borassi &
    Natale (2016, Thm. 8), with :math:`L = \log(1/\delta_L)`,
    :math:`U = \log(1/\delta_U)` and :math:`r = \omega / \tau`,

    .. math::

        f = \frac{L}{\tau}\Bigl(-(r - \tfrac13)
            + \sqrt{(r - \tfrac13)^2 + 2 \tilde b \omega / L}\Bigr), \qquad
        g = \frac{U}{\tau}\Bigl((r + \tfrac13)
            + \sqrt{(r + \tfrac13)^2 + 2 \tilde b \omega / U}\Bigr)

    bound :math:`b(v)` from below by :math:`\tilde b - f` and above by
    :math:`\tilde b + g`. The bounds are checked after every batch of
    :math:`\max(256, \lfloor \omega / 64 \rfloor)` samples (the last batch cut at
    :math:`\omega`), so ``samples`` is a multiple of the batch or :math:`\omega`, and
    sampling stops when :math:`f < \epsilon` and
    :math:`g < \epsilon` for every actor, or at the worst-case size

    .. math::

        \omega = \frac{0.5}{\epsilon^2}\Bigl(\lfloor \log_2(VD - 2) \rfloor + 1
                 + \log(2 / \delta)\Bigr)

    (Riondato & Kornaropoulos 2016), where :math:`VD` bounds the vertex
    diameter (twice a BFS eccentricity plus one for undirected graphs; :math:`n`
    for directed ones). The failure probability is split as :math:`\delta / 2`
    for the :math:`\omega` bound and :math:`\delta_L = \delta_U = \delta / (4 n)`
    per actor and side: with probability at least :math:`1 - \delta` every
    :math:`|\tilde b(v) - b(v)| < \epsilon`. An ``epsilon`` whose :math:`\omega`
    passes :math:`2^{53}` samples (about ``epsilon < 1e-8``) raises a ValueError, and
    so does a sampled pair with more shortest paths than float64 holds (about 1.8e308,
    e.g. a chain of over 1,024 diamonds), where no path can be drawn in proportion to
    the counts — as :func:`betweenness` refuses such counts.

    Parameters
    ----------
    graph : ClusterNetwork, scipy.sparse matrix, igraph.Graph or networkx graph
        The network (tie weights are ignored).
    epsilon : float, default 0.01
        Additive error bound, in (0, 1).
    delta : float, default 0.1
        Failure probability, in (0, 1).
    seed : int or numpy.random.SeedSequence, optional
        Seed; the same seed gives the same result on any number of threads.
    directed : bool, optional
        ``False`` ignores tie direction; ``None`` follows the graph.
    layers : str or list of str, optional
        Layers to aggregate (ClusterNetwork only; default all).
    layer_weights : dict {layer: weight}, optional
        Accepted for symmetry with the other functions (weights are ignored).

    Returns
    -------
    ApproximateBetweenness
        Estimates, simultaneous bounds and the sample sizes.

    References
    ----------
    Borassi, M., & Natale, E. (2019). KADABRA is an ADaptive Algorithm for
    Betweenness via Random Approximation. *ACM J. Exp. Algorithmics* 24.
    Riondato, M., & Kornaropoulos, E. M. (2016). Fast approximation of
    betweenness centrality through sampling. *Data Min. Knowl. Disc.* 30:438–475.

    Examples
    --------
    The estimates lie within ``epsilon`` of the exact normalised values:

    >>> import numpy as np
    >>> import clusternet as cn
    >>> from clusternet.centrality import approximate_betweenness, betweenness
    >>> net = cn.datasets.load_florentine_families()
    >>> est = approximate_betweenness(net, epsilon=0.02, seed=1)
    >>> exact = betweenness(net) * 2 / (net.n_actors * (net.n_actors - 1))
    >>> bool(np.all(np.abs(est.scores - exact) < 0.02)), est.samples <= est.omega
    (True, True)
    """
    view = as_graph(graph, layers, layer_weights, weighted=False)
    view, is_directed = _betweenness_view(view, directed)
    return _kadabra(view, is_directed, epsilon, delta, seed)


def _vertex_diameter_bound(view: GraphView, is_directed: bool) -> int:
    """Upper bound on the vertex diameter: 2 * ecc(x) + 1 per undirected component; n if directed."""
    n = view.n
    if is_directed:
        return n
    indptr, indices, _ = view.arrays("out")
    _, reps, _ = component_representatives(view.out, indptr)
    if reps.size == 0:
        return 1
    ecc = np.zeros(reps.shape[0], dtype=np.int64)
    eccentricities(indptr, indices, reps.astype(np.int64), ecc)
    return int(min(2 * ecc.max() + 1, n))


def _kadabra(
    view: GraphView, is_directed: bool, epsilon: float, delta: float, seed
) -> ApproximateBetweenness:
    epsilon = check_probability("epsilon", epsilon, open_low=True, open_high=True)
    delta = check_probability("delta", delta, open_low=True, open_high=True)
    n = view.n
    if n < 3:
        z = np.zeros(n)
        return ApproximateBetweenness(z, z, z, 0, 0, epsilon, delta)
    vd = _vertex_diameter_bound(view, is_directed)
    bits = math.floor(math.log2(max(vd - 2, 1))) + 1 + math.log(2.0 / delta)
    size = 0.5 / epsilon / epsilon * bits  # not epsilon**2: it underflows to 0 below 1e-162
    if not size <= MAX_SAMPLES:
        raise ValueError(
            f"epsilon = {show(epsilon)} needs up to {size:.3g} samples, more than the "
            f"{MAX_SAMPLES:.3g} the sample counters hold; use a larger epsilon"
        )
    omega = math.ceil(size)
    log_inv = math.log(4.0 * n / delta)  # log(1 / dL) = log(1 / dU)
    indptr, indices, _ = view.arrays("out")
    in_indptr, in_indices, _ = view.arrays("in")
    if is_directed:
        component = np.zeros(n, dtype=np.int64)
    else:
        component = connected_components(view.out, directed=False)[1].astype(np.int64)
    base_seed = np.uint64(seed_sequence(seed).generate_state(1, dtype=np.uint64)[0])
    chunks = max(1, n_threads())
    counts = np.zeros((chunks, n), dtype=np.int64)
    overflow = np.zeros(chunks, dtype=np.int64)
    batch = max(256, omega // 64)
    tau = 0
    total = np.zeros(n, dtype=np.int64)
    while tau < omega:
        step = min(batch, omega - tau)
        counts[:] = 0
        sample_paths(
            indptr, indices, in_indptr, in_indices, component, base_seed, tau, step, chunks, counts,
            overflow,
        )  # fmt: skip
        if overflow.any():
            raise ValueError(
                "approximate betweenness: the number of shortest paths between some pair of "
                "actors exceeds float64's range (about 1.8e308)"
            )
        total += counts.sum(axis=0)
        tau += step
        est = total / tau
        f, g = _kadabra_bounds(est, tau, omega, log_inv)
        if np.all(f < epsilon) and np.all(g < epsilon):
            break
    est = total / tau
    f, g = _kadabra_bounds(est, tau, omega, log_inv)
    if tau >= omega:  # the worst-case size guarantees epsilon on its own
        f = np.minimum(f, epsilon)
        g = np.minimum(g, epsilon)
    return ApproximateBetweenness(
        est, np.clip(est - f, 0, None), np.clip(est + g, None, 1), tau, omega, epsilon, delta
    )


def _kadabra_bounds(
    est: np.ndarray, tau: int, omega: int, log_inv: float
) -> tuple[np.ndarray, np.ndarray]:
    r = omega / tau
    low = r - 1.0 / 3.0
    f = log_inv / tau * (-low + np.sqrt(low * low + 2.0 * est * omega / log_inv))
    high = r + 1.0 / 3.0
    g = log_inv / tau * (high + np.sqrt(high * high + 2.0 * est * omega / log_inv))
    return np.minimum(f, est), np.minimum(g, 1.0 - est)
