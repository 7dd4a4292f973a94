"""Sparse matrix-vector kernels and the power iterations built on them.

All kernels *pull* over in-neighbours (row ``i`` of the in-CSR lists who points
to ``i``), so every iteration writes disjoint memory and runs in parallel with
``prange`` without atomics. Column indices are ``uint32`` (no negative-index
wrap-around code in the gathers), ``indptr`` is ``int64``, sums are float64.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange


@njit(cache=True, nogil=True, parallel=True)
def spmv(indptr, indices, data, x, out):
    """``out = A @ x`` for a CSR matrix ``A`` (rows pull from their columns)."""
    n = indptr.shape[0] - 1
    for i in prange(n):
        acc = 0.0
        for k in range(indptr[i], indptr[i + 1]):
            acc += data[k] * x[indices[k]]
        out[i] = acc


@njit(cache=True, nogil=True, parallel=True)
def row_sums(indptr, data, out):
    """Row sums of a CSR matrix (out-strengths of an out-CSR)."""
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
    """Power iteration for PageRank on the in-CSR of a weighted graph.

    ``x_{t+1}[i] = d * sum_{j -> i} w_ji / s_j * x_t[j] + (d * D_t + 1 - d) * v[i]``
    with out-strength ``s_j``, dangling mass ``D_t = sum_{s_j = 0} x_t[j]`` sent
    along the teleport vector ``v`` (as PRPACK does). Each iteration first scales
    ``y = x / s`` (n values), then gathers ``w_ji * y_j`` over in-ties, so no
    E-sized scratch is needed. Stops when the L1 change is below ``tol``. ``x``
    holds the start vector and receives the result. Returns ``(iterations, last L1 change)``.
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
def affine_fixed_point(indptr, indices, data, alpha, beta, tol, max_iter, x):
    """Iterate ``x <- alpha * A @ x + beta`` until the L1 change is below ``tol``.

    Converges when ``alpha * rho(A) < 1`` (Katz centrality with ``A`` the
    in-CSR). ``x`` holds the start vector and receives the result. Returns
    ``(iterations, last L1 change)``.
    """
    x_new = np.empty(x.shape[0], dtype=np.float64)
    err = np.inf
    it = 0
    while it < max_iter:
        err = _affine_step(indptr, indices, data, x, alpha, beta, x_new)
        x[:] = x_new
        it += 1
        if err < tol:
            break
    return it, err
