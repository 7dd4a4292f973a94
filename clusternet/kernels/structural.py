"""Structural-hole kernels on the symmetric "mutual weight" CSR (``m_ij = a_ij + a_ji``).

Both scatter the ego's ties into a dense per-chunk buffer, then visit the
contacts' contacts once: O(sum over egos of the degrees of their contacts).
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

#: A contact with more than this many times the ego's ties is searched, not scanned
#: (binary search costs about log2 of its degree per ego tie).
_HUB_FACTOR = 16


@njit(cache=True, nogil=True, parallel=True)
def _strength_and_max(indptr, indices, data):
    """Sum and maximum of each actor's tie weights, self-ties left out."""
    n = indptr.shape[0] - 1
    strength = np.zeros(n)
    max_tie = np.zeros(n)
    for i in prange(n):
        acc = 0.0
        mx = 0.0
        for k in range(indptr[i], indptr[i + 1]):
            if indices[k] != i:
                acc += data[k]
                if data[k] > mx:
                    mx = data[k]
        strength[i] = acc
        max_tie[i] = mx
    return strength, max_tie


@njit(cache=True, nogil=True, parallel=True)
def burt_constraint(indptr, indices, data, n_chunks, out):
    r"""Burt's constraint of every actor.

    .. math::

        c_i = \sum_j \Bigl(p_{ij} + \sum_{q \ne i, j} p_{iq} p_{qj}\Bigr)^2, \qquad
        p_{ij} = \frac{m_{ij}}{\sum_k m_{ik}}

    over contacts :math:`j` of :math:`i` (self-ties ignored). Isolated actors
    get NaN (constraint is undefined for them).

    Parameters
    ----------
    indptr : ndarray of int64
        Row pointers of the symmetric matrix :math:`m` (mutual tie weights).
    indices : ndarray of int32
        Sorted column indices.
    data : ndarray of float64
        :math:`m_{ij}`.
    n_chunks : int
        Blocks of actors processed in parallel.
    out : ndarray of float64
        Receives :math:`c_i`.

    Returns
    -------
    None

    Examples
    --------
    Against igraph's ``Graph.constraint`` on a triangle with a pendant:

    >>> import igraph as ig
    >>> import numpy as np
    >>> import scipy.sparse as sp
    >>> from clusternet.kernels.structural import burt_constraint
    >>> edges = ([0, 0, 0, 1, 1, 2, 2, 3], [1, 2, 3, 0, 2, 0, 1, 0])
    >>> g = sp.csr_array(([1.0] * 8, edges), shape=(4, 4))
    >>> out = np.empty(4)
    >>> burt_constraint(g.indptr.astype(np.int64), g.indices.astype(np.int32), g.data, 1, out)
    >>> print(np.round(out, 4))
    [0.6111 1.0069 1.0069 1.    ]
    >>> print(np.round(ig.Graph(edges=[(0, 1), (0, 2), (0, 3), (1, 2)]).constraint(), 4))
    [0.6111 1.0069 1.0069 1.    ]
    """
    n = indptr.shape[0] - 1
    strength, _ = _strength_and_max(indptr, indices, data)
    for c in prange(n_chunks):
        p_own = np.zeros(n)
        indirect = np.zeros(n)
        member = np.zeros(n, dtype=np.bool_)
        for i in range(c, n, n_chunks):
            if strength[i] <= 0.0:
                out[i] = np.nan
                continue
            d_i = indptr[i + 1] - indptr[i]
            for k in range(indptr[i], indptr[i + 1]):
                j = indices[k]
                if j != i:
                    p_own[j] = data[k] / strength[i]
                    member[j] = True
            for k in range(indptr[i], indptr[i + 1]):
                q = indices[k]
                if q == i or strength[q] <= 0.0:
                    continue
                piq = p_own[q]
                d_q = indptr[q + 1] - indptr[q]
                if d_q <= _HUB_FACTOR * d_i:
                    for kk in range(indptr[q], indptr[q + 1]):
                        j = indices[kk]
                        if j != i and j != q and member[j]:
                            indirect[j] += piq * data[kk] / strength[q]
                else:
                    # a hub contact: look the ego's contacts up in its sorted row instead
                    # of scanning it (the same terms, added in the same order)
                    for k2 in range(indptr[i], indptr[i + 1]):
                        j = indices[k2]
                        if j == i or j == q:
                            continue
                        lo = indptr[q]
                        hi = indptr[q + 1]
                        while lo < hi:
                            mid = (lo + hi) // 2
                            if indices[mid] < j:
                                lo = mid + 1
                            else:
                                hi = mid
                        if lo < indptr[q + 1] and indices[lo] == j:
                            indirect[j] += piq * data[lo] / strength[q]
            total = 0.0
            for k in range(indptr[i], indptr[i + 1]):
                j = indices[k]
                if j != i:
                    v = p_own[j] + indirect[j]
                    total += v * v
            out[i] = total
            for k in range(indptr[i], indptr[i + 1]):
                j = indices[k]
                p_own[j] = 0.0
                indirect[j] = 0.0
                member[j] = False


@njit(cache=True, nogil=True, parallel=True)
def effective_size(indptr, indices, data, n_chunks, out):
    r"""Burt's effective size (Borgatti 1997).

    .. math::

        e_i = \sum_j \Bigl(1 - \sum_q p_{iq} \frac{m_{jq}}{\max_k m_{jk}}\Bigr),
        \qquad p_{iq} = \frac{m_{iq}}{\sum_k m_{ik}}

    the inner sum over :math:`i`'s contacts :math:`q`. Isolated actors get NaN,
    as in networkx.

    Parameters
    ----------
    indptr, indices, data : ndarray
        Symmetric CSR of the mutual tie weights :math:`m` (int64, int32, float64).
    n_chunks : int
        Blocks of actors processed in parallel.
    out : ndarray of float64
        Receives :math:`e_i`.

    Returns
    -------
    None

    Examples
    --------
    Three contacts, two of them tied: :math:`3 - 2 \cdot 1 / 3`.

    >>> import numpy as np
    >>> import scipy.sparse as sp
    >>> from clusternet.kernels.structural import effective_size
    >>> edges = ([0, 0, 0, 1, 1, 2, 2, 3], [1, 2, 3, 0, 2, 0, 1, 0])
    >>> g = sp.csr_array(([1.0] * 8, edges), shape=(4, 4))
    >>> out = np.empty(4)
    >>> effective_size(g.indptr.astype(np.int64), g.indices.astype(np.int32), g.data, 1, out)
    >>> print(np.round(out, 4))
    [2.3333 1.     1.     1.    ]
    """
    n = indptr.shape[0] - 1
    strength, max_tie = _strength_and_max(indptr, indices, data)
    for c in prange(n_chunks):
        p_own = np.zeros(n)
        for i in range(c, n, n_chunks):
            if strength[i] <= 0.0:
                out[i] = np.nan
                continue
            for k in range(indptr[i], indptr[i + 1]):
                j = indices[k]
                if j != i:
                    p_own[j] = data[k] / strength[i]
            total = 0.0
            for k in range(indptr[i], indptr[i + 1]):
                j = indices[k]
                if j == i:
                    continue
                redundancy = 0.0
                for kk in range(indptr[j], indptr[j + 1]):
                    q = indices[kk]
                    if q != j and q != i:
                        redundancy += p_own[q] * data[kk] / max_tie[j]
                total += 1.0 - redundancy
            out[i] = total
            for k in range(indptr[i], indptr[i + 1]):
                p_own[indices[k]] = 0.0


@njit(cache=True, nogil=True)
def _forward_lists(indptr, indices):
    """Degrees without self-loops and, per vertex, its neighbours of higher (degree, index) rank."""
    n = indptr.shape[0] - 1
    deg = np.zeros(n, dtype=np.int64)
    for v in range(n):
        for e in range(indptr[v], indptr[v + 1]):
            if indices[e] != v:
                deg[v] += 1
    fptr = np.zeros(n + 1, dtype=np.int64)
    for v in range(n):
        count = 0
        for e in range(indptr[v], indptr[v + 1]):
            u = indices[e]
            if u != v and (deg[u] > deg[v] or (deg[u] == deg[v] and u > v)):
                count += 1
        fptr[v + 1] = fptr[v] + count
    fwd = np.empty(fptr[n], dtype=np.int32)
    pos = 0
    for v in range(n):
        for e in range(indptr[v], indptr[v + 1]):
            u = indices[e]
            if u != v and (deg[u] > deg[v] or (deg[u] == deg[v] and u > v)):
                fwd[pos] = u
                pos += 1
    return deg, fptr, fwd


@njit(cache=True, nogil=True, parallel=True)
def _count_triangles(deg, fptr, fwd, chunks, tri, triples):
    n = deg.shape[0]
    per = (n + chunks - 1) // chunks
    for c in prange(chunks):
        found = 0
        wedges = 0
        for v in range(c * per, min(n, (c + 1) * per)):
            wedges += deg[v] * (deg[v] - 1) // 2
            for e in range(fptr[v], fptr[v + 1]):
                u = fwd[e]
                a = fptr[v]
                b = fptr[u]
                while a < fptr[v + 1] and b < fptr[u + 1]:
                    x = fwd[a]
                    y = fwd[b]
                    if x == y:
                        found += 1
                        a += 1
                        b += 1
                    elif x < y:
                        a += 1
                    else:
                        b += 1
        tri[c] = found
        triples[c] = wedges


def triangles_and_triples(indptr, indices, chunks: int) -> tuple[int, int]:
    r"""Triangles and connected triples of a simple undirected graph (symmetric CSR, sorted rows).

    Each edge is oriented from the endpoint of lower (degree, index) rank to the
    higher; a triangle is then counted once, at its lowest-ranked vertex, by
    merging the two sorted forward lists (Schank & Wagner 2005; O(m^1.5)).
    Self-loops are ignored. Connected triples are :math:`\sum_v d_v (d_v - 1) / 2`
    over degrees without self-loops, so the global transitivity is
    :math:`3 T / \text{triples}`. Vertices are split into ``chunks`` blocks with their own sums.

    Parameters
    ----------
    indptr : ndarray of int64
        Row pointers of the symmetric CSR.
    indices : ndarray of int32
        Sorted column indices.
    chunks : int
        Blocks of vertices with their own sums.

    Returns
    -------
    tuple (int, int)
        Triangles :math:`T` and connected triples
        :math:`\sum_v d_v (d_v - 1) / 2`; transitivity is :math:`3T / \text{triples}`.

    Examples
    --------
    A triangle with a pendant: one triangle, five triples, transitivity 3/5 (as igraph):

    >>> import igraph as ig
    >>> import numpy as np
    >>> import scipy.sparse as sp
    >>> from clusternet.kernels.structural import triangles_and_triples
    >>> edges = ([0, 0, 0, 1, 1, 2, 2, 3], [1, 2, 3, 0, 2, 0, 1, 0])
    >>> g = sp.csr_array(([1.0] * 8, edges), shape=(4, 4))
    >>> triangles_and_triples(g.indptr.astype(np.int64), g.indices.astype(np.int32), 1)
    (1, 5)
    >>> round(ig.Graph(edges=[(0, 1), (0, 2), (0, 3), (1, 2)]).transitivity_undirected(), 6)
    0.6
    """
    deg, fptr, fwd = _forward_lists(indptr, indices)
    chunks = max(1, int(chunks))
    tri = np.zeros(chunks, dtype=np.int64)
    triples = np.zeros(chunks, dtype=np.int64)
    _count_triangles(deg, fptr, fwd, chunks, tri, triples)
    return int(tri.sum()), int(triples.sum())
