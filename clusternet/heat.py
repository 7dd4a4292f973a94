"""Linear (heat / random-walk) diffusion ``x(t) = exp(-t B) x0`` over a cluster network.

* :func:`laplacian` — the generator ``B`` of each kind.
* :func:`heat_operator` — ``B`` validated and laid out for the kernels once, so that
  repeated :func:`heat` calls (and benchmarks) skip the graph adapter's checks.
* :func:`heat` — the action of ``exp(-t B)``: a Chebyshev (Bessel-coefficient)
  expansion for the symmetric kinds, a scaled truncated Taylor series otherwise,
  and the stationary state once the remainder has decayed below tolerance.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

from clusternet._graph import as_graph
from clusternet._heat_expansions import (  # the limits stay importable from here
    CHEBYSHEV_CHUNK,  # noqa: F401
    MAX_CHUNKS,  # noqa: F401
    MAX_TAYLOR_PRODUCTS,  # noqa: F401
    THETA,
    advance_symmetric,
    advance_taylor,
    bessel_coefficients,
)
from clusternet._scaling import sparse_divided
from clusternet._validate import show
from clusternet.kernels.csr import kernel_arrays

__all__ = ["HeatInfo", "HeatOperator", "bessel_coefficients", "heat", "heat_operator", "laplacian"]

KINDS = ("combinatorial", "random_walk", "symmetric")
#: the Taylor degrees' thresholds (:data:`clusternet._heat_expansions.THETA`), as before the split
_THETA = THETA

#: Largest ``max |x0|`` advanced as it is; a larger state is scaled by a power of two first
#: (2**1000, about 1e301: the Chebyshev and Taylor recurrences add a few multiples of the
#: state, which overflow near float max, 1.8e308).
_LARGEST_STATE = 2.0**1000


def _check_kind(kind) -> str:
    if kind not in KINDS:
        raise ValueError(
            f"kind must be 'combinatorial', 'random_walk' or 'symmetric', got {show(kind)}"
        )
    return kind


def _generator_parts(graph, kind: str, layers, layer_weights):
    """``B = scale * (diag(b) - M)`` with ``M >= 0`` in CSR, without forming ``B``.

    Weights are divided by the largest one first (``scale``), so degrees cannot
    overflow however large the weights; the random-walk and symmetric kinds do not
    depend on the weights' scale (``scale = 1``).
    """
    _check_kind(kind)
    view = as_graph(graph, layers, layer_weights)
    n = view.n
    w = view.out if kind == "random_walk" else view.sym
    if kind == "combinatorial":
        # self-loops move no heat: left out, so that a loop's weight cannot swamp an actor's
        # degree and cancel its ties out of D - A (a loop of 1 beside a tie of 1e-150 made the
        # diagonal 1 + 1e-150 - 1 = 0 while the tie stayed)
        w = _without_loops(w)
    top = float(w.data.max()) if w.nnz else 0.0
    w = sparse_divided(w, top) if top > 0 else w
    # a weight below 1e-308 of the largest underflows: no tie. Subnormal quotients count as
    # underflowed too: an actor whose ties were all subnormal had a subnormal strength
    # whose inverse overflowed to inf (and inf * 0 = NaN in the random walk's generator)
    if top > 0:  # (w is a new array; never write into the network's cached view)
        w.data[np.abs(w.data) < np.finfo(np.float64).tiny] = 0.0
    w.eliminate_zeros()
    if kind == "random_walk":
        strength = np.asarray(w.sum(axis=1)).ravel()
        inv = np.divide(1.0, strength, out=np.zeros(n), where=strength > 0)
        # the in-ties of the cleaned weights, so that the strengths and the moves count the
        # same ties (a tie whose quotient underflowed is dropped from both); a self-loop's
        # share stays put: B_ii = 1 - w_ii / d_i is computed as (d_i - w_ii) / d_i from the
        # other ties, without cancelling a small tie against a large loop
        off = _without_loops(w)
        inn = sp.csr_array(off.T)
        inn.sort_indices()
        move = sp.csr_array(inn @ sp.diags_array(inv))
        move.eliminate_zeros()
        leaving = np.asarray(off.sum(axis=1)).ravel() * inv
        return leaving, move, 1.0, (strength, w)
    degree = np.asarray(w.sum(axis=1)).ravel()
    if kind == "combinatorial":
        return degree, w, (top if top > 0 else 1.0), degree
    diag, m = _normalised_parts(w, degree)
    return diag, m, 1.0, degree


def _without_loops(w) -> sp.csr_array:
    """``w`` with its diagonal removed (a new array; the input is not changed)."""
    out = sp.csr_array(w - sp.diags_array(w.diagonal()))
    out.eliminate_zeros()
    out.sort_indices()
    return out


def _normalised_parts(w, degree: np.ndarray):
    r"""``I - D^{-1/2} W D^{-1/2}`` as ``(diag, M)`` with the self-loops on the diagonal.

    The diagonal :math:`1 - w_{ii} / d_i` is computed as :math:`(d_i - w_{ii}) / d_i` from
    the actor's other ties, and ``M`` holds only ties between two actors.
    """
    n = degree.shape[0]
    off = _without_loops(w)
    inv = np.divide(1.0, degree, out=np.zeros(n), where=degree > 0)
    inv_sqrt = np.divide(1.0, np.sqrt(degree), out=np.zeros(n), where=degree > 0)
    d = sp.diags_array(inv_sqrt)
    m = sp.csr_array(d @ off @ d)
    m.eliminate_zeros()
    return np.asarray(off.sum(axis=1)).ravel() * inv, m


def laplacian(graph, kind: str = "combinatorial", layers=None, layer_weights=None) -> sp.csr_array:
    r"""The generator :math:`B` of linear diffusion :math:`dx/dt = -B x`.

    Parameters
    ----------
    graph : ClusterNetwork, scipy.sparse matrix, igraph.Graph or networkx graph
    kind : {"combinatorial", "random_walk", "symmetric"}, default "combinatorial"
        * ``"combinatorial"``: :math:`B = D - W` over ties taken without direction (the
          heat equation; conserves total mass).
        * ``"random_walk"``: :math:`B = I - W^\top D^{-1}` over out-ties: each unit of mass
          leaves an actor at rate 1 and spreads over its out-ties in proportion to
          their weights (actors without out-ties keep theirs); conserves total mass.
        * ``"symmetric"``: :math:`B = I - D^{-1/2} W D^{-1/2}` (ties without direction).
    layers, layer_weights
        Layers aggregated, and their weights (a ClusterNetwork only).

    Returns
    -------
    scipy.sparse.csr_array (n, n)

    References
    ----------
    Chung, F. R. K. (1997). *Spectral Graph Theory*. AMS.

    Examples
    --------
    >>> import scipy.sparse as sp
    >>> laplacian(sp.csr_array([[0.0, 2.0], [2.0, 0.0]])).toarray()
    array([[ 2., -2.],
           [-2.,  2.]])
    """
    diag, m, scale, _ = _generator_parts(graph, kind, layers, layer_weights)
    return sp.csr_array((sp.diags_array(diag) - m) * scale)


@dataclass
class HeatOperator:
    r"""A diffusion generator :math:`B = s\,(\operatorname{diag}(b) - M)`, validated and in kernel form.

    Build it with :func:`heat_operator` and pass it to :func:`heat` in place of
    the graph: the graph is adapted, checked and canonicalised once, here.

    Parameters
    ----------
    kind : {"combinatorial", "random_walk", "symmetric"}
        The generator.
    n : int
        Number of actors.
    diag : ndarray of float64, shape (n,)
        :math:`b`, the diagonal.
    indptr, indices, data : ndarray
        :math:`M` in CSR form (int64, uint32, float64).
    scale : float
        :math:`s`, the generator's true scale (the largest weight for
        ``"combinatorial"``, 1 for a graph without ties; 1 for the other kinds).
    symmetric : bool
        Whether :math:`B` is symmetric (the Chebyshev path and the null-space
        projection apply).
    rho : float
        Upper bound on the spectrum of :math:`B / s` (Collatz-Wielandt for
        ``"combinatorial"``, Gershgorin for ``"random_walk"``, 2 for ``"symmetric"``).
    mu : float
        Taylor shift :math:`\mu = \operatorname{tr}(B) / n`.
    norm1 : float
        :math:`\|B / s - \mu I\|_1`.
    null_weights : ndarray of float64, shape (n,)
        Weights :math:`u` of the null vectors :math:`u \odot 1_C`, one per component :math:`C`.

    Examples
    --------
    >>> import scipy.sparse as sp
    >>> from clusternet.heat import heat_operator
    >>> op = heat_operator(sp.csr_array([[0.0, 2.0, 0.0], [2.0, 0.0, 0.0], [0.0, 0.0, 0.0]]))
    >>> op.n, op.symmetric, op.diag.tolist()
    (3, True, [1.0, 1.0, 0.0])
    """

    kind: str
    n: int
    #: ``b``, and ``M`` as kernel arrays (indptr int64, indices uint32, data float64)
    diag: np.ndarray
    indptr: np.ndarray
    indices: np.ndarray
    data: np.ndarray
    #: ``B``'s true scale (the largest weight for ``"combinatorial"``, else 1)
    scale: float
    #: whether ``B`` is symmetric (the Chebyshev path and the null-space projection apply)
    symmetric: bool
    #: upper bound on the spectrum of ``B / scale`` (Collatz-Wielandt / Gershgorin / 2)
    rho: float
    #: Taylor shift ``mu = trace(B) / n`` and ``||B / scale - mu I||_1``
    mu: float
    norm1: float
    #: per-actor weights ``u`` of the null vectors ``u * 1_C`` (one per component ``C``)
    null_weights: np.ndarray
    _components: np.ndarray | None = field(default=None, repr=False)
    # for "random_walk" on symmetric ties: the similar symmetric operator and sqrt(strength)
    # (_symmetric_twin); None otherwise
    _twin: tuple | None = field(default=None, repr=False)

    def components(self) -> np.ndarray:
        """Connected component of each actor (ties without direction), computed once.

        Returns
        -------
        ndarray of int32, shape (n,)
            Component labels ``0..C-1``.

        Examples
        --------
        >>> import scipy.sparse as sp
        >>> from clusternet.heat import heat_operator
        >>> op = heat_operator(sp.csr_array([[0.0, 2.0, 0.0], [2.0, 0.0, 0.0], [0.0, 0.0, 0.0]]))
        >>> op.components().tolist()
        [0, 0, 1]
        """
        if self._components is None:
            m = sp.csr_array(
                (self.data, self.indices.view(np.int32), self.indptr), shape=(self.n, self.n)
            )
            self._components = connected_components(m, directed=False)[1]
        return self._components

    def project(self, x: np.ndarray) -> np.ndarray:
        r"""Orthogonal projection of ``x`` (n, k) onto the null space of a symmetric ``B``.

        :math:`P_0 x = u \odot \sum_C 1_C \frac{\sum_{i \in C} u_i x_i}{\sum_{i \in C} u_i^2}`
        over the components :math:`C`: component means for ``"combinatorial"``
        (:math:`u = 1`), weights :math:`u_i = \sqrt{d_i}` for ``"symmetric"``.

        Parameters
        ----------
        x : ndarray of float, shape (n, k)
            States to project.

        Returns
        -------
        ndarray of float, shape (n, k)
            :math:`P_0 x`.

        Examples
        --------
        Heat that never leaves its component: the projection keeps each component's total.

        >>> import numpy as np
        >>> import scipy.sparse as sp
        >>> from clusternet.heat import heat_operator
        >>> op = heat_operator(sp.csr_array([[0.0, 2.0, 0.0], [2.0, 0.0, 0.0], [0.0, 0.0, 0.0]]))
        >>> op.project(np.array([[1.0], [0.0], [3.0]])).ravel().tolist()
        [0.5, 0.5, 3.0]
        """
        labels = self.components()
        u = self.null_weights
        norm = np.bincount(labels, weights=u * u)
        out = np.empty_like(x)
        for col in range(x.shape[1]):
            out[:, col] = u * (np.bincount(labels, weights=u * x[:, col]) / norm)[labels]
        return out


@dataclass
class HeatInfo:
    """How :func:`heat` computed its answer (returned with ``info=True``).

    ``products`` counts sparse matrix-vector products over all requested times, so
    methods and peers can be compared at equal accuracy.

    Parameters
    ----------
    method : {"chebyshev", "taylor"}
        The method used.
    products : int
        Sparse matrix-vector products (times the number of columns of ``x0``).
    stationary : bool
        Whether the last requested time returned the stationary state.

    Examples
    --------
    >>> import numpy as np
    >>> import scipy.sparse as sp
    >>> from clusternet.heat import heat
    >>> path = sp.csr_array([[0.0, 1.0], [1.0, 0.0]])
    >>> x, info = heat(path, np.array([1.0, 0.0]), 1.0, info=True)
    >>> info.method, info.stationary
    ('chebyshev', False)
    """

    #: ``"chebyshev"`` or ``"taylor"``
    method: str
    #: sparse matrix-vector products (times the number of columns of ``x0``)
    products: int
    #: whether the last requested time returned the stationary state (remainder < tol)
    stationary: bool


def heat_operator(
    graph, kind: str = "combinatorial", layers=None, layer_weights=None
) -> HeatOperator:
    r"""Validate a graph once and lay out its diffusion generator for :func:`heat`.

    Parameters
    ----------
    graph : ClusterNetwork, scipy.sparse matrix, igraph.Graph or networkx graph
    kind : {"combinatorial", "random_walk", "symmetric"}, default "combinatorial"
        The generator, as in :func:`laplacian`.
    layers, layer_weights
        Layers aggregated, and their weights (a ClusterNetwork only).

    Returns
    -------
    HeatOperator
        :math:`B = s\,(\operatorname{diag}(b) - M)` (``s`` the ``scale``) with the
        spectral bound :math:`\rho` (Gershgorin:
        :math:`\max_i |b_i - m_{ii}| + \sum_{j \ne i} m_{ij}`, at most 2 for ``"symmetric"``;
        for ``"combinatorial"`` the smaller Collatz-Wielandt bound
        :math:`\max_i (|B| v)_i / v_i` over ``BOUND_STEPS`` power steps from the degrees
        :math:`v = d`, which is at most Gershgorin's; a smaller :math:`\rho` means fewer
        Chebyshev products at the same error bound).

    References
    ----------
    Golub, G. H., & Van Loan, C. F. (2013). *Matrix Computations* (4th ed.), 7.2.1.
    Horn, R. A., & Johnson, C. R. (2013). *Matrix Analysis* (2nd ed.), 8.1.26.
    Merris, R. (1998). A note on Laplacian graph eigenvalues. *Linear Algebra Appl.*
    285:33-35.

    Examples
    --------
    >>> import scipy.sparse as sp
    >>> op = heat_operator(sp.csr_array([[0.0, 2.0], [2.0, 0.0]]))
    >>> op.scale, op.rho
    (2.0, 2.0)
    """
    diag, m, scale, strength = _generator_parts(graph, kind, layers, layer_weights)
    twin = None
    if kind == "random_walk":
        strength, cleaned = strength
        twin = _symmetric_twin(cleaned, strength)
    n = diag.shape[0]
    (indptr, indices, data), m_diag, b_diag, gershgorin, mu, norm1 = _bounds(m, diag)
    symmetric = kind != "random_walk"
    if kind == "symmetric":
        rho = min(gershgorin, 2.0)
    elif kind == "combinatorial":
        rho = min(gershgorin, _collatz_wielandt_bound(m, b_diag, m_diag))
    else:
        rho = gershgorin
    null_weights = np.ones(n)
    if kind == "symmetric":
        null_weights = np.where(strength > 0, np.sqrt(strength), 1.0)
    op = HeatOperator(
        kind, n, diag, indptr, indices, data, scale, symmetric, rho, mu, norm1, null_weights
    )
    op._twin = twin
    return op


def _bounds(m, diag: np.ndarray):
    r"""Kernel arrays of ``M`` and the bounds of ``B = diag(b) - M`` that :class:`HeatOperator` keeps.

    Returns ``((indptr, indices, data), m_ii, b_ii, gershgorin, mu, norm1)``:
    :math:`b_{ii} = b_i - m_{ii}`, Gershgorin's :math:`\max_i |b_{ii}| + \sum_{j \ne i}
    m_{ij}`, the Taylor shift :math:`\mu = \operatorname{tr}(B) / n` and
    :math:`\|B - \mu I\|_1` (0 for a generator without actors).
    """
    n = diag.shape[0]
    arrays = kernel_arrays(m)
    m_diag = m.diagonal()
    b_diag = diag - m_diag
    offdiag = np.bincount(arrays[1].astype(np.int64), weights=arrays[2], minlength=n) - m_diag
    gershgorin = float(np.max(np.abs(b_diag) + offdiag)) if n else 0.0
    mu = float(b_diag.mean()) if n else 0.0
    norm1 = float(np.max(np.abs(b_diag - mu) + offdiag)) if n else 0.0
    return arrays, m_diag, b_diag, gershgorin, mu, norm1


def _symmetric_twin(w, strength: np.ndarray):
    r"""The random walk's generator on symmetric ties as a similar symmetric one, or None.

    With :math:`W = W^\top`, :math:`B = I - W D^{-1} = D^{1/2} (I - D^{-1/2} W D^{-1/2})
    D^{-1/2}`, so :math:`e^{-tB} x = D^{1/2} e^{-t S} D^{-1/2} x` with :math:`S` the
    symmetric normalised Laplacian of the same ties (actors without ties: 1 in
    :math:`D^{\pm 1/2}` and a zero row of :math:`S`). Returns ``(S's operator,
    sqrt(strength))``; None when :math:`W` is not exactly symmetric.
    """
    if (abs(w - sp.csr_array(w.T)) > 0).nnz:
        return None
    n = strength.shape[0]
    live = strength > 0
    half = np.where(live, np.sqrt(strength), 1.0)
    diag, m = _normalised_parts(w, strength)
    (indptr, indices, data), _, _, gershgorin, mu, norm1 = _bounds(m, diag)
    op = HeatOperator(
        "symmetric", n, diag, indptr, indices, data, 1.0, True,
        min(gershgorin, 2.0), mu, norm1, half,
    )  # fmt: skip
    return op, half


#: Eight power steps on :math:`|B|` whose Collatz-Wielandt ratios bound :math:`B`'s spectrum (assumed:
#: each costs one product at build time; the bound stops improving after a handful).
BOUND_STEPS = 8


def _collatz_wielandt_bound(m, b_diag: np.ndarray, m_diag: np.ndarray) -> float:
    r"""An upper bound on the largest eigenvalue of a symmetric ``B = diag(b) - M``, ``M >= 0``.

    :math:`\lambda_{\max}(B) \le \rho(|B|)` (the entrywise absolute value dominates ``B``),
    and for a non-negative matrix and any positive vector :math:`v` the Collatz-Wielandt
    ratio bounds the spectral radius: :math:`\rho(|B|) \le \max_i (|B| v)_i / v_i`
    (Horn & Johnson 2013, 8.1.26). With :math:`v = ` the degree this is Merris's bound
    :math:`\max_i d_i + \bar d_{N(i)}` (Merris 1998), never above Gershgorin's
    :math:`2 \max_i d_i`; ``BOUND_STEPS`` power steps :math:`v \leftarrow |B| v` tighten it
    towards :math:`\rho(|B|)`. Actors without ties (a zero row of :math:`|B|`, eigenvalue 0)
    are left out; the smallest ratio over the steps is returned, widened by ``1e-12``
    relative for rounding.
    """
    diag = np.abs(b_diag)

    def apply(v):
        return diag * v + (m @ v) - m_diag * v

    v = apply(np.ones(diag.shape[0]))  # the degree (plus |b_ii|): Merris's vector
    live = v > 0  # a zero row of |B| is a zero column too: an eigenvalue 0 on its own
    if not live.any():
        return 0.0
    best = math.inf
    for _ in range(BOUND_STEPS):
        if not (v[live] > 0).all():
            break
        w = apply(v)
        best = min(best, float(np.max(w[live] / v[live])))
        v = w / float(w.max())
    return best * (1.0 + 1e-12)


def heat(
    graph,
    x0: np.ndarray,
    t: float | Sequence[float],
    layers=None,
    kind: str | None = None,
    layer_weights=None,
    tol: float = 2.0**-53,
    normalized: str | None = None,
    method: str = "auto",
    info: bool = False,
):
    r"""Linear diffusion :math:`x(t) = e^{-t B} x_0` for one or many times.

    ``B`` is the generator from :func:`laplacian` (``kind`` chooses it:
    ``"combinatorial"`` heat diffusion, the default, ``"random_walk"``,
    ``"symmetric"``; the old spelling ``normalized=<kind>`` still works with a
    ``DeprecationWarning``).

    * ``method="chebyshev"`` (the default for the symmetric kinds): with :math:`\rho` an
      upper bound on :math:`B`'s spectrum and :math:`Z = 2 B / \rho - I`,
      :math:`e^{-t B} = \sum_k a_k T_k(Z)` with :math:`a_k = 2 (-1)^k e^{-c} I_k(c)`,
      :math:`c = t \rho / 2` (Bessel coefficients), cut where the tail bound
      :math:`2 \sum_{k>m} e^{-c} I_k(c) \le \text{tol}`, so
      :math:`\|\text{error}\|_2 \le \text{tol}\,\|x_0\|_2` a priori;
      about :math:`c + O(\sqrt{c \log(1/\text{tol})})` SpMVs, 2.5-3 times fewer than Taylor.
      Beyond :math:`c = 256` the part of ``x0`` off :math:`B`'s null space is advanced in
      chunks and the stationary state (component means for ``"combinatorial"``) is
      returned once that part is below :math:`\text{tol}\,\|x_0\|_2`: work grows with
      :math:`\rho \min(t, \log(1/\text{tol}) / \lambda_2)` (:math:`\lambda_2` the
      smallest non-zero eigenvalue of :math:`B`), so a huge ``t`` does not hang.
    * ``"random_walk"`` on symmetric ties (``method="auto"``): :math:`B = I - W D^{-1}`
      is similar to the symmetric kind :math:`S`,
      :math:`e^{-tB} x = D^{1/2} e^{-tS} D^{-1/2} x`, which is advanced as above, so a
      huge ``t`` gives the stationary state (each component's mass in proportion to the
      strengths); the error bound then holds for :math:`D^{-1/2} x` (in :math:`x` it
      grows by at most :math:`\sqrt{d_{\max} / d_{\min}}`).
    * ``method="taylor"`` (the default for ``"random_walk"`` on directed ties, which is not
      symmetric; its work grows with ``t``, and a ``t`` needing more than
      ``MAX_TAYLOR_PRODUCTS`` products is refused):
      scaled truncated Taylor series with shift :math:`\mu = \operatorname{tr}(B) / n` (Al-Mohy &
      Higham 2011): each interval between requested times is cut into ``s`` substeps
      and a degree ``m`` chosen to minimise ``m s`` subject to
      :math:`h \|B - \mu I\|_1 \le \theta_m`; the series stops early when two consecutive
      terms are below ``tol`` relative to the iterate (scipy's ``expm_multiply``).

    Weights are divided by the largest one before ``B`` is formed (and ``t``
    multiplied by it), so a weight of 1e300 gives a finite answer; ties weaker than
    1e-308 of the largest vanish. Self-loops move no heat in ``"combinatorial"`` and
    are left out; in the other kinds they count in the strengths, and an actor's rate
    of leaving is computed from its other ties, so a large loop cannot cancel a small
    tie. A state near float max is advanced at a power-of-two scale; an answer past
    it is refused with a ValueError.

    Parameters
    ----------
    graph : ClusterNetwork, scipy.sparse matrix, igraph.Graph, networkx graph or HeatOperator
        A :class:`HeatOperator` from :func:`heat_operator` is used as it is (no
        adapting or checking of the graph in this call).
    x0 : array (n,) or (n, k)
        Initial state(s) (e.g. knowledge or adoption mass per actor).
    t : float or sequence of float >= 0
        Time(s) (in units of the inverse tie weight).
    layers, layer_weights
        Layers aggregated, and their weights (a ClusterNetwork only).
    kind : {"combinatorial", "random_walk", "symmetric"}, default "combinatorial"
        The generator (an operator's own kind).
    tol : float, default 2**-53
        Truncation tolerance: the unit roundoff, as ``expm_multiply``.
    normalized : str, optional
        Deprecated spelling of ``kind``.
    method : {"auto", "chebyshev", "taylor"}, default "auto"
        ``"auto"`` picks Chebyshev for a symmetric generator, Taylor otherwise.
    info : bool, default False
        Also return a :class:`HeatInfo` (method, SpMV count, stationary or not).

    Returns
    -------
    array (n,) / (n, k) for a scalar ``t``, else (len(t), n) / (len(t), n, k)
    (and a :class:`HeatInfo` with ``info=True``).

    References
    ----------
    Kondor, R. I., & Lafferty, J. (2002). Diffusion kernels on graphs. ICML.
    Al-Mohy, A. H., & Higham, N. J. (2011). Computing the action of the matrix
    exponential. *SIAM J. Sci. Comput.* 33:488-511.
    Hochbruck, M., & Lubich, C. (1997). On Krylov subspace approximations to the
    matrix exponential operator. *SIAM J. Numer. Anal.* 34:1911-1925 (Chebyshev bounds).
    Amos, D. E. (1974). Computation of modified Bessel functions and their ratios.
    *Math. Comp.* 28:239-251.

    Examples
    --------
    >>> import numpy as np, scipy.sparse as sp
    >>> path = sp.csr_array([[0.0, 1.0], [1.0, 0.0]])
    >>> np.round(heat(path, np.array([1.0, 0.0]), 1.0), 6)  # (1 + e^-2) / 2, (1 - e^-2) / 2
    array([0.567668, 0.432332])
    >>> heat(path, np.array([1.0, 0.0]), 1e12)  # the stationary state
    array([0.5, 0.5])
    """
    if normalized is not None:
        warnings.warn(
            "heat(normalized=...) is deprecated; use kind=... (the name laplacian() uses)",
            DeprecationWarning,
            stacklevel=2,
        )
        kind = normalized
    if isinstance(graph, HeatOperator):
        if layers is not None or layer_weights is not None:
            raise TypeError("layers= and layer_weights= apply to a graph, not a HeatOperator")
        if kind is not None and kind != graph.kind:
            raise ValueError(f"kind={kind!r} but the HeatOperator was built for {graph.kind!r}")
        op = graph
    else:
        op = heat_operator(graph, "combinatorial" if kind is None else kind, layers, layer_weights)
    if method not in ("auto", "chebyshev", "taylor"):
        raise ValueError(f"method must be 'auto', 'chebyshev' or 'taylor', got {show(method)}")
    if method == "chebyshev" and not op.symmetric:
        raise ValueError(f"method='chebyshev' needs a symmetric generator; kind={op.kind!r} is not")
    use_chebyshev = op.symmetric and method != "taylor"
    # the random walk on symmetric ties is similar to the symmetric kind (_symmetric_twin):
    # advanced by Chebyshev in D^(-1/2) x, it reaches its stationary state for a huge t
    twin = op._twin if (op._twin is not None and method == "auto") else None
    if not (isinstance(tol, int | float | np.floating) and 0.0 < tol < 1.0):
        raise ValueError(f"tol must be a number in (0, 1), got {show(tol)}")
    n = op.n
    x = np.array(x0, dtype=np.float64)
    if x.ndim not in (1, 2) or x.shape[0] != n:
        raise ValueError(f"x0 has shape {x.shape}, expected ({n},) or ({n}, k)")
    if not np.all(np.isfinite(x)):
        raise ValueError("x0 has a non-finite value")
    # exp(-t B) is linear: a state near float max is advanced at a power-of-two scale (exact)
    # and scaled back, as the expansions' intermediate sums of such states overflow
    top = float(np.max(np.abs(x))) if x.size else 0.0
    shift = math.frexp(top)[1] if top > _LARGEST_STATE else 0
    if twin is not None and top > 0:
        # the walk is advanced in D^(-1/2) x, which a weak actor's 1 / sqrt(d) (up to 7e153)
        # can carry past float max: scale so that its largest entry is about 1
        with np.errstate(divide="ignore"):
            exponent = np.log2(np.abs(x.reshape(n, -1))) - np.log2(twin[1])[:, None]
        largest = float(exponent.max())
        if largest > 1000.0:
            shift = max(shift, math.ceil(largest))
    if shift:
        x = np.ldexp(x, -shift)
    scalar_t = np.ndim(t) == 0
    times = np.atleast_1d(np.asarray(t, dtype=np.float64))
    if times.ndim != 1 or not np.all(np.isfinite(times)) or (times < 0).any():
        raise ValueError(f"times must be finite and >= 0, got {times.tolist()}")
    one_d = x.ndim == 1
    state = x.reshape(n, -1).copy()
    if twin is not None:
        state /= twin[1][:, None]
    out = np.empty((times.shape[0], *state.shape))
    current = 0.0
    products = 0
    stationary = False
    for k in np.argsort(times, kind="stable"):
        delta = times[k] - current
        if delta > 0 and not stationary:
            tau = float(delta) * op.scale  # may overflow to inf: the limit t -> inf
            if twin is not None:
                state, used, stationary = advance_symmetric(twin[0], state, tau, tol)
            elif use_chebyshev:
                state, used, stationary = advance_symmetric(op, state, tau, tol)
            else:
                if not math.isfinite(tau):
                    raise ValueError(f"heat: t * largest weight overflows (t={times[k]:g})")
                used = advance_taylor(op, state, tau, tol)
            products += used
            current = times[k]
        if twin is None:
            out[k] = state
        else:
            out[k] = state * twin[1][:, None]
    if shift:
        with np.errstate(over="ignore"):
            out = np.ldexp(out, shift)
        if not np.isfinite(out).all():
            raise ValueError(
                "heat: the state exceeds the float range (x0 near float max, and mass "
                "gathers on some actors); scale x0 down"
            )
    # t = 0 is x0 itself: the scalings above (by a power of two, through D^(-1/2)) round
    # subnormal entries beside large ones
    out[times == 0.0] = np.asarray(x0, dtype=np.float64).reshape(n, -1)
    result = out[..., 0] if one_d else out
    result = result[0] if scalar_t else result
    if info:
        method_used = "chebyshev" if (use_chebyshev or twin is not None) else "taylor"
        return result, HeatInfo(method_used, products, stationary)
    return result
