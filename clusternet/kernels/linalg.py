"""Sparse matrix-vector kernels and the power iterations built on them.

All kernels *pull* over in-neighbours (row ``i`` of the in-CSR lists who points
to ``i``), so every iteration writes disjoint memory and runs in parallel with
``prange`` without atomics. Column indices are ``uint32`` (no negative-index
wrap-around code in the gathers), ``indptr`` is ``int64``, sums are float64.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

from clusternet.kernels.builds import parallel_and_serial


@njit(cache=True, nogil=True, parallel=True)
def spmv(indptr, indices, data, x, out):
    r""":math:`\mathrm{out} = A x` for a CSR matrix :math:`A` (rows pull from their columns).

    Parameters
    ----------
    indptr : ndarray of uint64
        Row pointers.
    indices : ndarray of uint32
        Column indices.
    data : ndarray of float64
        Values.
    x : ndarray of float64
        The vector.
    out : ndarray of float64
        Receives the product (not ``x``).

    Returns
    -------
    None

    Examples
    --------
    >>> import numpy as np
    >>> import scipy.sparse as sp
    >>> from clusternet.kernels.linalg import spmv
    >>> a = sp.csr_array([[0.0, 2.0], [1.0, 3.0]])
    >>> out = np.empty(2)
    >>> spmv(a.indptr.astype(np.uint64), a.indices.astype(np.uint32), a.data, np.array([1.0, 10.0]), out)
    >>> out.tolist(), (a @ np.array([1.0, 10.0])).tolist()
    ([20.0, 31.0], [20.0, 31.0])
    """
    n = indptr.shape[0] - 1
    for i in prange(n):
        acc = 0.0
        for k in range(indptr[i], indptr[i + 1]):
            acc += data[k] * x[indices[k]]
        out[i] = acc


@njit(cache=True, nogil=True, parallel=True)
def row_sums(indptr, data, out):
    """Row sums of a CSR matrix (out-strengths of an out-CSR).

    Parameters
    ----------
    indptr : ndarray of uint64
        Row pointers.
    data : ndarray of float64
        Values.
    out : ndarray of float64
        Receives one sum per row.

    Returns
    -------
    None

    Examples
    --------
    >>> import numpy as np
    >>> import scipy.sparse as sp
    >>> from clusternet.kernels.linalg import row_sums
    >>> a = sp.csr_array([[0.0, 2.0], [1.0, 3.0]])
    >>> out = np.empty(2)
    >>> row_sums(a.indptr.astype(np.uint64), a.data, out)
    >>> out.tolist()
    [2.0, 4.0]
    """
    n = indptr.shape[0] - 1
    for i in prange(n):
        acc = 0.0
        for k in range(indptr[i], indptr[i + 1]):
            acc += data[k]
        out[i] = acc


@njit(cache=True, nogil=True, parallel=True)
def _pagerank_step(indptr, indices, data, inv_strength, x, y, teleport, damping, x_new):
    n = x.shape[0]
    dangling = 0.0
    for j in prange(n):
        if inv_strength[j] == 0.0:
            dangling += x[j]
        y[j] = x[j] * inv_strength[j]
    base = damping * dangling + (1.0 - damping)
    total = 0.0
    for i in prange(n):
        acc = 0.0
        for k in range(indptr[i], indptr[i + 1]):
            acc += data[k] * y[indices[k]]
        value = damping * acc + base * teleport[i]
        x_new[i] = value
        total += value
    err = 0.0
    for i in prange(n):
        x_new[i] /= total
        err += abs(x_new[i] - x[i])
    return err


@njit(cache=True, nogil=True)
def pagerank_power(
    in_indptr, in_indices, in_data, out_strength, teleport, damping, tol, max_iter, x
):
    r"""Power iteration for PageRank on the in-CSR of a weighted graph.

    .. math::

        x^{(t+1)}_i = d \sum_{j \to i} \frac{w_{ji}}{s_j} x^{(t)}_j
                      + \bigl(d D_t + 1 - d\bigr) v_i, \qquad
        D_t = \sum_{j:\, s_j = 0} x^{(t)}_j

    with out-strength :math:`s_j` and the dangling mass :math:`D_t` sent along
    the teleport vector :math:`v` (as PRPACK does). Each iteration first scales
    :math:`y = x / s` (:math:`n` values), then gathers :math:`w_{ji} y_j` over
    in-ties, so no E-sized scratch is needed.

    Parameters
    ----------
    in_indptr, in_indices, in_data : ndarray
        In-CSR (rows are targets): uint64, uint32, float64.
    out_strength : ndarray of float64
        :math:`s_j` per actor.
    teleport : ndarray of float64
        :math:`v`, summing to 1.
    damping : float
        :math:`d`.
    tol : float
        Stop when the L1 change is below this.
    max_iter : int
        Iteration limit.
    x : ndarray of float64
        Holds the start vector and receives the result.

    Returns
    -------
    tuple (int, float)
        Iterations done and the last L1 change.

    Examples
    --------
    The star of :func:`clusternet.centrality.pagerank`'s example:

    >>> import numpy as np
    >>> import scipy.sparse as sp
    >>> from clusternet.kernels.linalg import pagerank_power
    >>> a = sp.csr_array(([1.0] * 6, ([0, 0, 0, 1, 2, 3], [1, 2, 3, 0, 0, 0])), shape=(4, 4))
    >>> inn = a.T.tocsr()
    >>> x = np.full(4, 0.25)
    >>> _, change = pagerank_power(inn.indptr.astype(np.uint64), inn.indices.astype(np.uint32),
    ...                            inn.data, a.sum(axis=1), np.full(4, 0.25), 0.85, 1e-12, 1000, x)
    >>> print(np.round(x, 4))
    [0.4797 0.1734 0.1734 0.1734]
    """
    n = x.shape[0]
    inv = np.empty(n, dtype=np.float64)
    for j in range(n):
        inv[j] = 1.0 / out_strength[j] if out_strength[j] > 0.0 else 0.0
    y = np.empty(n, dtype=np.float64)
    x_new = np.empty(n, dtype=np.float64)
    err = np.inf
    it = 0
    while it < max_iter:
        err = _pagerank_step(in_indptr, in_indices, in_data, inv, x, y, teleport, damping, x_new)
        x, x_new = x_new, x
        it += 1
        if err < tol:
            break
    if it % 2 == 1:
        x_new[:] = x  # the caller's array holds the result
    return it, err


@njit(cache=True, nogil=True, parallel=True)
def _affine_step(indptr, indices, data, x, alpha, beta, x_new):
    n = x.shape[0]
    err = 0.0
    for i in prange(n):
        acc = 0.0
        for k in range(indptr[i], indptr[i + 1]):
            acc += data[k] * x[indices[k]]
        value = alpha * acc + beta[i]
        err += abs(value - x[i])
        x_new[i] = value
    return err


@njit(cache=True, nogil=True)
def affine_fixed_point(indptr, indices, data, alpha, beta, tol, max_iter, x, stop_on_growth=False):
    r"""Iterate :math:`x \leftarrow \alpha A x + \beta` until the L1 change is below ``tol``.

    Converges when :math:`\alpha \rho(A) < 1` (Katz centrality with :math:`A`
    the in-CSR), to :math:`x = (I - \alpha A)^{-1} \beta`. The L1 change
    :math:`\lVert \alpha A x + \beta - x \rVert_1` is the L1 norm of the
    residual of :math:`(I - \alpha A) x = \beta`.

    Parameters
    ----------
    indptr, indices, data : ndarray
        CSR of :math:`A` (uint64, uint32, float64).
    alpha : float
        :math:`\alpha`.
    beta : ndarray of float64
        :math:`\beta`, one value per row.
    tol : float
        Stop when the L1 change is below this.
    max_iter : int
        Iteration limit.
    x : ndarray of float64
        Holds the start vector and receives the result.
    stop_on_growth : bool, default False
        Also stop as soon as the L1 change does not shrink from one step to the
        next (a sign, not a proof, that :math:`\alpha \rho(A) \ge 1`: the caller
        then computes :math:`\rho(A)` and resumes from ``x`` if the series converges).
        A stop for this reason is the only one with ``err >= tol`` and fewer than
        ``max_iter`` iterations.

    Returns
    -------
    tuple (int, float)
        Iterations done and the last L1 change.

    Examples
    --------
    Two actors tied both ways, :math:`\alpha = 0.5`: :math:`x = 1 / (1 - 0.5) = 2`.

    >>> import numpy as np
    >>> import scipy.sparse as sp
    >>> from clusternet.kernels.linalg import affine_fixed_point
    >>> a = sp.csr_array([[0.0, 1.0], [1.0, 0.0]])
    >>> x = np.zeros(2)
    >>> _ = affine_fixed_point(a.indptr.astype(np.uint64), a.indices.astype(np.uint32), a.data,
    ...                        0.5, np.ones(2), 1e-12, 1000, x)
    >>> print(np.round(x, 6))
    [2. 2.]
    """
    out = x
    x_new = np.empty(x.shape[0], dtype=np.float64)
    err = np.inf
    it = 0
    while it < max_iter:
        previous = err
        err = _affine_step(indptr, indices, data, x, alpha, beta, x_new)
        x, x_new = x_new, x  # swap, no copy
        it += 1
        if err < tol:
            break
        if stop_on_growth and it > 1 and not err < previous:
            break
    if it % 2 == 1:
        out[:] = x  # the caller's array holds the result
    return it, err


def _shifted_power_step_py(indptr, indices, data, x, shift, y):
    """``y = A x``; returns ``(x . y, |A x + shift x|^2)``."""
    n = x.shape[0]
    theta = 0.0
    norm2 = 0.0
    for i in prange(n):
        acc = 0.0
        for k in range(indptr[i], indptr[i + 1]):
            acc += data[k] * x[indices[k]]
        y[i] = acc
        theta += x[i] * acc
        shifted = acc + shift * x[i]
        norm2 += shifted * shifted
    return theta, norm2


def _residual_and_update_py(x, y, theta, shift, scale):
    """``|A x - theta x|_2`` (from ``y = A x``); then ``x <- (y + shift x) * scale``."""
    n = x.shape[0]
    r2 = 0.0
    for i in prange(n):
        r = y[i] - theta * x[i]
        r2 += r * r
        x[i] = (y[i] + shift * x[i]) * scale
    return np.sqrt(r2)


# two builds of each step: on a small matrix the threads' two barriers per step cost
# more than the work (and stall whenever a thread is descheduled), so it runs serially
# (parallel_and_serial: built from one body, they would share a Numba cache entry)
_shifted_power_step, _shifted_power_step_serial = parallel_and_serial(_shifted_power_step_py)
_residual_and_update, _residual_and_update_serial = parallel_and_serial(_residual_and_update_py)

#: below this many stored entries :func:`symmetric_power` runs serially
SERIAL_NNZ = 200_000


@njit(cache=True, nogil=True)
def symmetric_power(indptr, indices, data, shift, tol, max_iter, x):
    r"""Shifted power iteration for the leading eigenvector of a symmetric non-negative matrix.

    .. math::

        x \leftarrow \frac{(A + \sigma I) x}{\lVert (A + \sigma I) x \rVert_2}, \qquad
        \theta = x^\top A x

    stopped, as ARPACK's Lanczos is, when the Ritz residual
    :math:`\lVert A x - \theta x \rVert_2 \le \mathrm{tol}\, |\theta|` (``x`` at unit
    norm). The shift :math:`\sigma > 0` keeps a bipartite graph's :math:`-\lambda_{\max}`
    from cancelling the leading direction. After 20 steps the residual's rate of decrease
    over the last 10 predicts the steps still needed; when that prediction passes
    ``max_iter`` the iteration gives up early (the caller then uses ARPACK from ``x``).
    Below :data:`SERIAL_NNZ` stored entries the steps run on one thread.

    Parameters
    ----------
    indptr, indices, data : ndarray
        CSR of the symmetric matrix :math:`A` (uint64, uint32, float64).
    shift : float
        :math:`\sigma`.
    tol : float
        Relative residual at which to stop.
    max_iter : int
        Iteration limit.
    x : ndarray of float64
        Start vector at unit norm (non-negative for a Perron vector); receives the result.

    Returns
    -------
    tuple (int, float, float)
        Iterations done, :math:`\theta` and the last residual :math:`\lVert A x - \theta x \rVert_2`
        (converged when it is at most ``tol * theta``); it is the residual of the
        vector one step before the returned ``x``, which the last step only improves.

    Examples
    --------
    A star's hub against its three leaves, :math:`\lambda = \sqrt 3`:

    >>> import numpy as np
    >>> import scipy.sparse as sp
    >>> from clusternet.kernels.linalg import symmetric_power
    >>> a = sp.csr_array(([1.0] * 6, ([0, 0, 0, 1, 2, 3], [1, 2, 3, 0, 0, 0])), shape=(4, 4))
    >>> x = np.full(4, 0.5)
    >>> it, theta, resid = symmetric_power(a.indptr.astype(np.uint64), a.indices.astype(np.uint32),
    ...                                    a.data, 1.0, 1e-14, 1000, x)
    >>> print(round(theta, 12), np.round(x / x.max(), 6), resid <= 1e-14 * theta)
    1.732050807569 [1.       0.57735  0.57735  0.57735] True
    """
    n = x.shape[0]
    y = np.empty(n, dtype=np.float64)
    history = np.empty(max_iter + 1, dtype=np.float64)
    theta = 0.0
    resid = np.inf
    it = 0
    serial = indices.shape[0] < SERIAL_NNZ
    while it < max_iter:
        if serial:
            theta, norm2 = _shifted_power_step_serial(indptr, indices, data, x, shift, y)
        else:
            theta, norm2 = _shifted_power_step(indptr, indices, data, x, shift, y)
        if not norm2 > 0.0:
            break
        if serial:
            resid = _residual_and_update_serial(x, y, theta, shift, 1.0 / np.sqrt(norm2))
        else:
            resid = _residual_and_update(x, y, theta, shift, 1.0 / np.sqrt(norm2))
        history[it] = resid
        it += 1
        if resid <= tol * abs(theta):
            break
        if it >= 20 and history[it - 11] > 0.0:
            rate = (resid / history[it - 11]) ** 0.1
            if rate >= 1.0 or it + np.log(tol * abs(theta) / resid) / np.log(rate) > max_iter:
                break
    return it, theta, resid
