r"""Centralities from a leading eigenpair: spectral radius, Katz and eigenvector centrality.

Katz centrality solves :math:`x = \alpha A^T x + \beta` (a power series in the
adjacency matrix, convergent for :math:`\alpha` below the inverse spectral radius);
eigenvector centrality is the leading eigenvector of :math:`A^T`. Both take a
:class:`~clusternet.ClusterNetwork`, a square ``scipy.sparse`` matrix, an
``igraph.Graph`` or a networkx graph, like every function of
:mod:`clusternet.centrality`, which re-exports them (call them from there). The
:class:`ConvergenceWarning` their iterations share with PageRank lives here.
"""

from __future__ import annotations

import warnings

import numpy as np
import scipy.sparse as sp
from scipy.sparse import linalg as spla
from scipy.sparse.csgraph import connected_components

from clusternet._graph import GraphView, as_graph, component_representatives
from clusternet._scaling import by_largest, sparse_divided
from clusternet._validate import check_positive
from clusternet.kernels.csr import kernel_arrays
from clusternet.kernels.linalg import affine_fixed_point, symmetric_power

__all__ = ["ConvergenceWarning", "eigenvector", "katz", "spectral_radius"]


class ConvergenceWarning(RuntimeWarning):
    """An iterative method stopped at ``max_iter`` before reaching ``tol``.

    Raised (as a warning) by :func:`pagerank`, :func:`katz` and
    :func:`multiplex_pagerank`; the returned scores are the last iterate.

    Examples
    --------
    >>> import warnings
    >>> import scipy.sparse as sp
    >>> from clusternet.centrality import ConvergenceWarning, pagerank
    >>> path = sp.csr_array(([1.0] * 4, ([0, 1, 1, 2], [1, 0, 2, 1])), shape=(3, 3))
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     _ = pagerank(path, max_iter=1)
    >>> caught[0].category is ConvergenceWarning
    True
    """


def spectral_radius(graph, weighted: bool = True, layers=None, layer_weights=None) -> float:
    r"""Largest absolute eigenvalue of the adjacency matrix.

    :math:`\rho(A) = \max_k |\lambda_k(A)|`, computed with ARPACK (dense
    LAPACK below 64 actors).

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
    float
        The spectral radius (0 for a graph without ties). It is computed for
        :math:`A / \max_{ij} |a_{ij}|` and scaled back, so weights near the float
        maximum work; a radius past the float maximum raises a ValueError naming
        the overflow.

    Examples
    --------
    A star with three leaves has :math:`\rho = \sqrt{3}`.

    >>> import scipy.sparse as sp
    >>> from clusternet.centrality import spectral_radius
    >>> star = sp.csr_array(([1.0] * 6, ([0, 0, 0, 1, 2, 3], [1, 2, 3, 0, 0, 0])), shape=(4, 4))
    >>> round(spectral_radius(star), 6)
    1.732051
    """
    view = as_graph(graph, layers, layer_weights, weighted=weighted)
    if view.out.nnz == 0:
        return 0.0
    scale = float(np.max(np.abs(view.out.data)))
    rho = _scaled_radius(view, scale) * scale  # A / max|a_ij| keeps the solver in range
    if not np.isfinite(rho):
        raise ValueError(
            f"the spectral radius overflows float64: {_scaled_radius(view, scale):.6g} times "
            f"the largest weight {scale:.6g}; rescale the weights"
        )
    return rho


def _spectral_radius(view: GraphView) -> float:
    a = view.out
    if a.nnz == 0:
        return 0.0
    if view.n < 64:
        return float(np.max(np.abs(np.linalg.eigvals(a.toarray()))))
    if not view.directed:
        vals = spla.eigsh(a, k=1, which="LM", return_eigenvectors=False, tol=1e-12)
        return float(abs(vals[0]))
    vals = spla.eigs(a, k=1, which="LM", return_eigenvectors=False, tol=1e-12)
    return float(abs(vals[0]))


def _scaled_radius(view: GraphView, scale: float) -> float:
    """Spectral radius of ``A / scale``, computed once per view (cached in ``view.facts``)."""
    key = ("spectral radius / scale", scale)
    if key not in view.facts:
        view.facts[key] = _spectral_radius(
            GraphView(view.n, view.directed, sparse_divided(view.out, scale))
        )
    return view.facts[key]


def _check_katz_alpha(view: GraphView, scale: float, alpha: float, alpha_scaled: float) -> None:
    """Raise the ValueError naming ``alpha`` and lambda_max when the Katz series diverges."""
    lam_scaled = _scaled_radius(view, scale)
    if lam_scaled > 0 and alpha_scaled * lam_scaled >= 1.0:
        raise ValueError(
            f"alpha={alpha:g} is too large: alpha * lambda_max = {alpha_scaled * lam_scaled:.4g} >= 1 "
            f"(lambda_max = {lam_scaled * scale:.6g})"
        )


def katz(
    graph,
    alpha: float | None = None,
    beta: float | np.ndarray = 1.0,
    normalized: bool = True,
    weighted: bool = True,
    tol: float = 1e-12,
    max_iter: int = 100_000,
    layers=None,
    layer_weights=None,
) -> np.ndarray:
    r"""Katz centrality (Katz 1953).

    .. math::

        x_i = \alpha \sum_j w_{ji} x_j + \beta_i

    Each actor's score counts the walks that reach it, attenuated by
    :math:`\alpha` per step, plus an exogenous :math:`\beta`. Converges for
    :math:`\alpha < 1 / \lambda_{\max}`. Solved by fixed-point iteration on a
    parallel SpMV until the L1 change is below ``tol``.

    Parameters
    ----------
    graph : ClusterNetwork, scipy.sparse matrix, igraph.Graph or networkx graph
        The network.
    alpha : float, optional
        Attenuation per step; default :math:`0.9 / \lambda_{\max}` (spectral radius computed
        with ARPACK once per network view, kept with a ClusterNetwork's cached views), or
        :math:`0.1 / w_{\max}` (:math:`w_{\max}` the largest tie weight: invariant to the
        weights' scale) when the graph has no cycles, i.e. :math:`\lambda_{\max} \le
        10^{-12} w_{\max}` (a cycle-free matrix's eigenvalues round to about that). A given
        ``alpha`` costs no spectral radius unless the iteration fails to settle (see Raises).
    beta : float or array of shape (n,), default 1.0
        Exogenous score of every actor.
    normalized : bool, default True
        Scale the vector to unit Euclidean norm, as networkx's ``katz_centrality`` does.
    weighted : bool, default True
        Use tie weights (else every tie counts 1).
    tol : float, default 1e-12
        Stop when the L1 change, relative to the largest :math:`|\beta_i|`, is below this
        (for the default ``beta`` = 1, the L1 change).
    max_iter : int, default 100000
        Iteration limit; a :class:`ConvergenceWarning` is raised if ``tol`` is unmet.
    layers : str or list of str, optional
        Layers to aggregate (ClusterNetwork only; default all).
    layer_weights : dict {layer: weight}, optional
        Multiplies each layer's tie weights before aggregation.

    Returns
    -------
    numpy.ndarray of float64, shape (n,)
        Scores in actor order.

    Raises
    ------
    ValueError
        When :math:`\alpha \lambda_{\max} \ge 1` (the series diverges). A
        given ``alpha`` is checked when the iteration's L1 change stops
        shrinking or ``max_iter`` is reached: only then is :math:`\lambda_{\max}`
        computed; a growing change under :math:`\alpha \lambda_{\max} < 1`
        (transient growth) resumes the iteration. A series that converges for
        this ``beta`` (``beta`` zero on every part of the network whose radius
        reaches :math:`1 / \alpha`) is summed, not refused.

    Notes
    -----
    Degenerate cases: a graph without ties returns ``beta`` (normalised: a
    uniform vector for a scalar ``beta``); isolated actors score :math:`\beta_i`; the
    default ``alpha`` gives the same vector whatever the weights' common scale
    (1e-300 or 1e300), and any ``alpha`` the same normalised vector whatever
    ``beta``'s common scale (1e-200 or 1e300); a ``beta`` of the wrong shape, a non-finite ``beta`` or
    an ``alpha`` at or above :math:`1 / \lambda_{\max}` raise a ValueError naming the
    argument.

    References
    ----------
    Katz, L. (1953). A new status index derived from sociometric analysis.
    *Psychometrika* 18:39–43.

    Examples
    --------
    The fixed point is :math:`x = (I - \alpha A^\top)^{-1} \beta`:

    >>> import numpy as np
    >>> import scipy.sparse as sp
    >>> from clusternet.centrality import katz
    >>> star = sp.csr_array(([1.0] * 6, ([0, 0, 0, 1, 2, 3], [1, 2, 3, 0, 0, 0])), shape=(4, 4))
    >>> print(np.round(katz(star, alpha=0.1, normalized=False), 6))
    [1.340206 1.134021 1.134021 1.134021]
    >>> print(np.round(np.linalg.solve(np.eye(4) - 0.1 * star.toarray().T, np.ones(4)), 6))
    [1.340206 1.134021 1.134021 1.134021]

    The default ``alpha`` does not depend on the weights' scale:

    >>> path = sp.csr_array([[0.0, 1e-300, 0.0], [1e-300, 0.0, 1e-300], [0.0, 1e-300, 0.0]])
    >>> katz(path).round(3).tolist()
    [0.504, 0.701, 0.504]
    """
    view = as_graph(graph, layers, layer_weights, weighted=weighted)
    indptr, indices, data = view.arrays("in")
    # Work on A / w_max: the spectral radius and the walk sums then neither
    # overflow nor underflow, and the default alpha is invariant to the scale.
    scale = float(data.max()) if data.size else 1.0
    if scale <= 0:
        scale = 1.0
    given = alpha is not None
    if not given:
        lam_scaled = _scaled_radius(view, scale)
        alpha_scaled = 0.9 / lam_scaled if lam_scaled > 1e-12 else 0.1
        alpha = alpha_scaled / scale
    else:
        alpha = check_positive("alpha", alpha)
        alpha_scaled = alpha * scale
    beta_arr = np.asarray(beta, dtype=np.float64)
    if beta_arr.ndim != 0 and beta_arr.shape != (view.n,):
        raise ValueError(
            f"beta must be a number or an array of shape ({view.n},), got shape {beta_arr.shape}"
        )
    beta_vec = np.broadcast_to(beta_arr, (view.n,)).copy()
    if not np.all(np.isfinite(beta_vec)):
        raise ValueError("beta must be finite")
    # Work on beta / max|beta| too: the scores are linear in beta, so the stopping rule is
    # relative to it and a beta of 1e-200 or 1e200 gives the same vector up to its scale.
    beta_vec, beta_unit = by_largest(beta_vec)
    args = (indptr.view(np.uint64), indices, data / scale, float(alpha_scaled), beta_vec)
    x = np.zeros(view.n)
    tol, max_iter = float(tol), int(max_iter)
    # a given alpha is checked only when the iteration does not settle: the L1 change
    # not shrinking, or max_iter reached (lambda_max is then computed, once)
    it, err = affine_fixed_point(*args, tol, max_iter, x, given)
    if err >= tol and given:
        _check_katz_alpha(view, scale, alpha, alpha_scaled)
        if it < max_iter:  # transient growth of a converging series: go on from x
            more, err = affine_fixed_point(*args, tol, max_iter - it, x, False)
            it += more
    if not normalized:
        with np.errstate(over="ignore"):  # an overflow is refused below, by name
            x = x * beta_unit
    if not np.all(np.isfinite(x)):
        raise ValueError(
            f"Katz scores overflow float64 with alpha={alpha:g} and beta up to "
            f"{beta_unit:g}; choose a smaller alpha or beta"
        )
    if err >= tol:
        warnings.warn(
            f"Katz stopped after {it} iterations with L1 change {err:.3g} "
            "(relative to the largest |beta|)",
            ConvergenceWarning,
            stacklevel=2,
        )
    if normalized:
        # divided by max|x| first: the squares of scores near 1e155 and beyond overflow (the
        # norm was inf and every score 0) and of tiny ones underflow (left unnormalised)
        x, _ = by_largest(x)
        norm = np.linalg.norm(x)
        if norm > 0:
            x = x / norm
    return x


def eigenvector(
    graph, weighted: bool = True, scale: bool = True, layers=None, layer_weights=None
) -> np.ndarray:
    r"""Eigenvector centrality (Bonacich 1972): the leading eigenvector of the adjacency matrix.

    .. math::

        \lambda x_i = \sum_j w_{ji} x_j

    (in-ties for directed graphs): the Perron vector, non-negative. Computed
    with ARPACK (dense LAPACK below 64 actors).

    Disconnected input: the leading eigenvector lives on the component(s) with
    the largest spectral radius and is zero elsewhere, which is what igraph and
    networkx return when that component is unique. When several components
    share the largest eigenvalue the vector is not unique and a ValueError is
    raised: compute it per component (``net.subnetwork``). Directed graphs must
    be strongly connected for the same reason; a graph without ties gives all
    ones (igraph's convention).

    Parameters
    ----------
    graph : ClusterNetwork, scipy.sparse matrix, igraph.Graph or networkx graph
        The network.
    weighted : bool, default True
        Use tie weights (else every tie counts 1).
    scale : bool, default True
        Scale so that the maximum is 1 (as igraph); else to unit Euclidean norm.
    layers : str or list of str, optional
        Layers to aggregate (ClusterNetwork only; default all).
    layer_weights : dict {layer: weight}, optional
        Multiplies each layer's tie weights before aggregation.

    Returns
    -------
    numpy.ndarray of float64, shape (n,)
        Scores in actor order.

    Raises
    ------
    ValueError
        When the leading eigenvector is not unique (see above).

    Notes
    -----
    Degenerate cases: no ties at all gives all ones (every actor is tied for
    the lead; igraph's convention); isolated actors beside a tied component
    score 0; actors with only self-loops are one-actor components whose
    eigenvalue is the loop's weight, so the heaviest loop scores 1 and the rest
    0, and equal loops (or any tie between components for the leading
    eigenvalue) raise a ValueError instead of an arbitrary pick.

    References
    ----------
    Bonacich, P. (1972). Factoring and weighting approaches to status scores and
    clique identification. *Journal of Mathematical Sociology* 2:113–120.

    Examples
    --------
    In a star the leaves score :math:`1/\sqrt{3}` of the hub:

    >>> import numpy as np
    >>> import scipy.sparse as sp
    >>> from clusternet.centrality import eigenvector
    >>> star = sp.csr_array(([1.0] * 6, ([0, 0, 0, 1, 2, 3], [1, 2, 3, 0, 0, 0])), shape=(4, 4))
    >>> print(np.round(eigenvector(star), 4))
    [1.     0.5774 0.5774 0.5774]

    One component beside an isolated actor (two tied components would be refused):

    >>> eigenvector(sp.csr_array([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0], [0.0, 0.0, 0.0]])).tolist()
    [1.0, 1.0, 0.0]
    """
    view = as_graph(graph, layers, layer_weights, weighted=weighted)
    n = view.n
    a = view.out
    if a.nnz == 0:
        return np.ones(n)
    at = view.inn  # rows: in-neighbours, so (A^T x)_i = sum_j w_ji x_j
    top = float(a.data.max())
    if top > 0 and top != 1.0:
        # the eigenvector is invariant to scale: work near 1 (ARPACK's tolerances, the zero cut)
        a, at = sparse_divided(a, top), sparse_divided(at, top)
    if view.directed:
        ncomp = connected_components(a, directed=True, connection="strong", return_labels=False)
        if ncomp > 1:
            raise ValueError(
                f"eigenvector centrality of a directed graph needs it strongly connected; it has {ncomp} strong components"
            )
    else:
        connected = _check_unique_leading_component(a)
    if n < 64:
        vals, vecs = np.linalg.eig(at.toarray())
        k = int(np.argmax(vals.real))
        vec = vecs[:, k].real
    elif view.directed:
        vals, vecs = spla.eigs(at, k=1, which="LR", tol=1e-14, v0=np.ones(n))
        vec = vecs[:, 0].real
    else:
        vec = _symmetric_leading(at, connected)
    if vec.sum() < 0:
        vec = -vec
    vec = np.where(np.abs(vec) < 1e-14 * np.abs(vec).max(), 0.0, vec)
    vec = np.clip(vec, 0.0, None)
    return vec / vec.max() if scale else vec / np.linalg.norm(vec)


def _symmetric_leading(at: sp.csr_array, connected: bool) -> np.ndarray:
    r"""Leading eigenvector of a symmetric matrix scaled to largest weight 1.

    On a connected graph, a shifted power iteration (:func:`symmetric_power`, shift 1
    against a bipartite graph's :math:`-\lambda`) stopped at ARPACK's rule, Ritz
    residual :math:`\le 10^{-14} \theta`: on a graph with a clear spectral gap it needs
    a few dozen products where ARPACK's Lanczos restarts cost more. It gives up early
    when its rate of convergence predicts more than 300 steps; ARPACK then starts from
    its vector. Disconnected graphs go to ARPACK directly (components that decay
    slowly would leave more than the zero cut's 1e-14 outside the leading one).
    """
    n = at.shape[0]
    start = np.full(n, 1.0 / np.sqrt(n))
    if connected:
        indptr, indices, data = kernel_arrays(at)
        x = start.copy()
        _, theta, resid = symmetric_power(indptr.view(np.uint64), indices, data, 1.0, 1e-14, 300, x)
        if resid <= 1e-14 * abs(theta):
            return x
        if np.all(np.isfinite(x)) and x.any():
            start = x
    _, vecs = spla.eigsh(at, k=1, which="LA", tol=1e-14, v0=start)
    return vecs[:, 0]


def _check_unique_leading_component(a: sp.csr_array) -> bool:
    """Raise if two weak components share the largest spectral radius (eigenvector not unique).

    A lone actor with a self-loop is a component too: its spectral radius is the
    loop's weight. Returns whether the graph is connected (one weak component).
    """
    if connected_components(a, directed=False, return_labels=False) == 1:
        return True  # (the common case, without ranking components by degree)
    labels, reps, sizes = component_representatives(a, a.indptr)
    diag = a.diagonal()
    comp_size = np.bincount(labels)
    loops = np.flatnonzero((comp_size[labels] == 1) & (diag > 0))
    if reps.size + loops.size <= 1:
        return False
    comps = np.concatenate([labels[reps], labels[loops]])
    loop_radius = dict(zip(labels[loops].tolist(), diag[loops].tolist(), strict=True))
    # spectral radius of a component <= its largest row sum; compute exactly only where that bound competes
    strength = np.asarray(a.sum(axis=1)).ravel()
    bound = np.zeros(labels.max() + 1)
    np.maximum.at(bound, labels, strength)
    order = np.argsort(-np.concatenate([sizes, np.ones(loops.size, dtype=sizes.dtype)]))
    radius: dict = {}

    def exact(label):
        if label in loop_radius:
            return loop_radius[label]
        members = np.flatnonzero(labels == label)
        sub = sp.csr_array(a[members][:, members])
        return _spectral_radius(GraphView(members.size, False, sub))

    best_label = comps[order[0]]
    top = radius[best_label] = exact(best_label)
    for label in comps[np.argsort(-bound[comps])]:
        if label in radius or bound[label] < top * (1 - 1e-9):
            continue
        radius[label] = exact(label)
        top = max(top, radius[label])
    leaders = [c for c, r in radius.items() if abs(r - top) <= 1e-9 * top]
    if len(leaders) > 1:
        raise ValueError(
            "eigenvector centrality is not unique: several components share the largest eigenvalue "
            f"{top:.6g}; compute it per component"
        )
    return False
