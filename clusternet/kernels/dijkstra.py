"""Weighted shortest-path kernels (Dijkstra): harmonic closeness and Brandes betweenness.

Work is split over sources as in :mod:`clusternet.kernels.paths`: ``prange`` runs over
a fixed number of chunks, each with its own scratch buffers and accumulator row.
Dijkstra uses an indexed binary heap (capacity n, decrease-key) and keeps exact
minimum distances; deciding which actors precede one another on shortest paths, it
compares lengths with a relative tolerance of 1e-10 of the larger (igraph's constant;
igraph scales it by the sum of the two lengths, about 2e-10 of either), so that
equal-length paths built from different float sums count as ties.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

EPS = 1e-10


@njit(cache=True, nogil=True, inline="always")
def _cmp(a, b):
    """-1 if a < b, 0 if a == b within relative EPS, 1 if a > b."""
    diff = a - b
    scale = max(abs(a), abs(b))
    if abs(diff) <= EPS * scale:
        return 0
    return -1 if diff < 0 else 1


# ---------------------------------------------------------------------- indexed heap
@njit(cache=True, nogil=True, inline="always")
def _sift_up(heap, pos, key, h):
    node = heap[h]
    k = key[node]
    while h > 0:
        parent = (h - 1) >> 1
        pn = heap[parent]
        if key[pn] <= k:
            break
        heap[h] = pn
        pos[pn] = h
        h = parent
    heap[h] = node
    pos[node] = h


@njit(cache=True, nogil=True, inline="always")
def _heap_push_or_decrease(heap, pos, key, size, node):
    if pos[node] < 0:
        heap[size] = node
        pos[node] = size
        _sift_up(heap, pos, key, size)
        return size + 1
    _sift_up(heap, pos, key, pos[node])
    return size


@njit(cache=True, nogil=True, inline="always")
def _heap_pop(heap, pos, key, size):
    top = heap[0]
    pos[top] = -1
    size -= 1
    if size > 0:
        node = heap[size]
        k = key[node]
        h = 0
        while True:
            child = 2 * h + 1
            if child >= size:
                break
            if child + 1 < size and key[heap[child + 1]] < key[heap[child]]:
                child += 1
            if key[heap[child]] >= k:
                break
            heap[h] = heap[child]
            pos[heap[h]] = h
            h = child
        heap[h] = node
        pos[node] = h
    return top, size


# ---------------------------------------------------------------------- single source
@njit(cache=True, nogil=True)
def _dijkstra(indptr, indices, lengths, s, dist, order, heap, pos):
    """Weighted distances from ``s`` (dist = inf everywhere, pos = -1). Returns settled count.

    ``order`` receives the settled actors in order of distance. A tie of infinite length
    (a weight so small that ``1 / w`` overflows) is no tie. Each distance is the exact
    minimum over paths of the float sums along them (a later path shorter by any amount
    lowers it), so it does not depend on the order in which the heap settles equal
    distances, nor on the actors' labels; the relative EPS enters only where callers
    compare distances (:func:`_is_predecessor`). Keeping the first length found within
    EPS instead (igraph's rule) made weighted betweenness depend on the labels where
    near-tied lengths chain (round-29 referee, ``k_dijkstra`` L71).
    """
    dist[s] = 0.0
    size = _heap_push_or_decrease(heap, pos, dist, 0, s)
    settled = 0
    while size > 0:
        v, size = _heap_pop(heap, pos, dist, size)
        order[settled] = v
        settled += 1
        dv = dist[v]
        for k in range(indptr[v], indptr[v + 1]):
            alt = dv + lengths[k]
            if not alt < np.inf:
                continue
            w = indices[k]
            if alt < dist[w]:
                dist[w] = alt
                size = _heap_push_or_decrease(heap, pos, dist, size, w)
    return settled


@njit(cache=True, nogil=True, inline="always")
def _is_predecessor(dv, length, dw):
    """``v`` precedes ``w`` on a shortest path: strictly closer, and ``d(v) + l = d(w)`` within EPS."""
    alt = dv + length
    return dv < dw and alt < np.inf and _cmp(alt, dw) == 0


# ---------------------------------------------------------------------- harmonic closeness
@njit(cache=True, nogil=True, parallel=True)
def harmonic_dijkstra(indptr, indices, lengths, n_chunks, out):
    r"""Weighted harmonic closeness: :math:`\mathrm{out}_s = \sum_{v \ne s} 1 / d(s, v)`.

    Distances are shortest-path lengths (Dijkstra with a binary heap).

    Parameters
    ----------
    indptr : ndarray of int64
        Row pointers of the out-CSR.
    indices : ndarray of uint32
        Column indices.
    lengths : ndarray of float64
        Positive length of every entry.
    n_chunks : int
        Blocks of sources processed in parallel.
    out : ndarray of float64
        Receives one value per source.

    Returns
    -------
    None

    Examples
    --------
    Every tie of length 2 halves the hop-count values:

    >>> import numpy as np
    >>> import scipy.sparse as sp
    >>> from clusternet.kernels.csr import kernel_arrays
    >>> from clusternet.kernels.dijkstra import harmonic_dijkstra
    >>> path = sp.csr_array(([1.0] * 6, ([0, 1, 1, 2, 2, 3], [1, 0, 2, 1, 3, 2])), shape=(4, 4))
    >>> indptr, indices, data = kernel_arrays(path)
    >>> out = np.zeros(4)
    >>> harmonic_dijkstra(indptr, indices, 2.0 * data, 1, out)
    >>> print(np.round(out, 4))
    [0.9167 1.25   1.25   0.9167]
    """
    n = indptr.shape[0] - 1
    for c in prange(n_chunks):
        dist = np.full(n, np.inf)
        order = np.empty(n, dtype=np.int64)
        heap = np.empty(n, dtype=np.int64)
        pos = np.full(n, -1, dtype=np.int64)
        for s in range(c, n, n_chunks):
            reached = _dijkstra(indptr, indices, lengths, s, dist, order, heap, pos)
            acc = 0.0
            for a in range(1, reached):
                d = dist[order[a]]
                if d > 0:
                    acc += 1.0 / d
            out[s] = acc
            for a in range(reached):
                dist[order[a]] = np.inf


# ---------------------------------------------------------------------- Brandes betweenness
@njit(cache=True, nogil=True, parallel=True)
def brandes_dijkstra(
    indptr, indices, lengths, in_indptr, in_indices, in_lengths, sources, n_chunks, pred_cap, acc
):
    """Brandes betweenness with Dijkstra (binary heap) for positive edge lengths.

    Parameters
    ----------
    indptr, indices, lengths : ndarray
        Out-ties as CSR (int64, int32) with positive float64 lengths.
    in_indptr, in_indices, in_lengths : ndarray
        In-ties (the transpose).
    sources : ndarray of int32
        The sources whose dependencies are accumulated.
    n_chunks : int
        Sources are dealt to this many chunks (one parallel task each).
    pred_cap : int
        Entries of each chunk's predecessor list (int64): the counting pass lists the
        predecessors it finds so the backward pass need not test the ties again; a
        source whose list would not fit tests them again instead (same result).
    acc : ndarray of float64, shape (n_chunks, n)
        Output: each chunk's summed dependencies (added to). An actor reached
        with no predecessor strictly closer (its shortest paths arrive over a tie
        too short for double precision, ``d(v) + l == d(v)``) gets NaN, and one
        whose number of shortest paths overflows float64 gets ``-inf``: the
        wrapper refuses both.

    Notes
    -----
    ``v`` precedes ``w`` when ``d(v) < d(w)`` and ``d(v) + l(v, w) = d(w)`` within the
    relative EPS. Path counts are summed over that predicate in a pass over the
    settled actors (in order of distance, so every predecessor is counted first), and
    dependencies are pushed back over the same predicate: the two passes agree
    whatever order the heap settles equal distances in.

    Examples
    --------
    Ordered-pair betweenness on the path 0 — 1 — 2 (lengths 1): actor 1 is on 0 → 2 and 2 → 0:

    >>> import numpy as np
    >>> import scipy.sparse as sp
    >>> from clusternet.kernels.csr import kernel_arrays
    >>> path = sp.csr_array(([1.0] * 4, ([0, 1, 1, 2], [1, 0, 2, 1])), shape=(3, 3))
    >>> indptr, indices, data = kernel_arrays(path)
    >>> from clusternet.kernels.dijkstra import brandes_dijkstra
    >>> acc = np.zeros((1, 3))
    >>> brandes_dijkstra(indptr, indices, data, indptr, indices, data, np.arange(3, dtype=np.int64), 1, 4, acc)
    >>> acc.tolist()
    [[0.0, 2.0, 0.0]]
    """
    n = indptr.shape[0] - 1
    n_src = sources.shape[0]
    for c in prange(n_chunks):
        dist = np.full(n, np.inf)
        order = np.empty(n, dtype=np.int64)
        heap = np.empty(n, dtype=np.int64)
        pos = np.full(n, -1, dtype=np.int64)
        sigma = np.zeros(n)
        delta = np.zeros(n)
        cap = min(pred_cap, in_indices.shape[0])
        preds = np.empty(max(cap, 0), dtype=np.int64)
        pstart = np.zeros(n + 1, dtype=np.int64)
        row = acc[c]
        for si in range(c, n_src, n_chunks):
            s = sources[si]
            settled = _dijkstra(indptr, indices, lengths, s, dist, order, heap, pos)
            sigma[s] = 1.0
            top = 0
            listed = True
            pstart[1] = 0
            for a in range(1, settled):
                w = order[a]
                dw = dist[w]
                paths = 0.0
                for k in range(in_indptr[w], in_indptr[w + 1]):
                    v = in_indices[k]
                    if _is_predecessor(dist[v], in_lengths[k], dw):
                        paths += sigma[v]
                        if top < cap:
                            preds[top] = v
                            top += 1
                        else:
                            listed = False
                sigma[w] = paths
                pstart[a + 1] = top
            for a in range(settled - 1, 0, -1):
                w = order[a]
                if not sigma[w] > 0.0:
                    row[w] = np.nan  # no predecessor strictly closer
                    continue
                if not sigma[w] < np.inf:
                    row[w] = -np.inf  # the path count overflows
                    continue
                coeff = (1.0 + delta[w]) / sigma[w]
                if listed:
                    for k in range(pstart[a], pstart[a + 1]):
                        v = preds[k]
                        delta[v] += sigma[v] * coeff
                else:  # the list did not fit: test the ties again
                    dw = dist[w]
                    for k in range(in_indptr[w], in_indptr[w + 1]):
                        v = in_indices[k]
                        if _is_predecessor(dist[v], in_lengths[k], dw):
                            delta[v] += sigma[v] * coeff
                row[w] += delta[w]
            for a in range(settled):
                v = order[a]
                dist[v] = np.inf
                sigma[v] = 0.0
                delta[v] = 0.0
