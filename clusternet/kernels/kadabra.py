r"""Shortest-path sampling for approximate betweenness (KADABRA; Borassi & Natale 2016).

One sample draws an ordered pair :math:`s \ne t` uniformly, finds all shortest
``s``–``t`` paths with a *balanced bidirectional BFS* (the side whose frontier
has the smaller degree sum grows by one level), picks one of them uniformly at
random and counts its internal vertices. :math:`\mathrm{count}(v) / \mathrm{samples}` is
an unbiased estimate of

.. math::

    b(v) = \frac{1}{n (n - 1)} \sum_{s \ne t} \frac{\sigma_{st}(v)}{\sigma_{st}}.
Sample ``k`` uses stream ``k`` of the seed and counts are integers, so the sum
does not depend on how samples are spread over threads.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

from clusternet.kernels.rng import next_below, next_uniform, stream


@njit(cache=True, nogil=True, inline="always")
def _grow_level(
    ptr, idx, side, a, b, end_q, queue, ball, dist, sigma, state, found, total, pick_own, pick_other
):
    """Grow one side of the bidirectional BFS by the level ``queue[a:b]``.

    ``side`` is 1 (the s side, over out-ties) or 2 (the t side, over in-ties).
    A tie reaching the other side is a meeting edge; one is kept with
    probability proportional to ``sigma[own] * sigma[other]`` (weighted
    reservoir of size one). Returns the new queue end, the degree sum of the
    new level, and the updated search state.
    """
    other_side = 3 - side
    deg = 0
    for q in range(a, b):
        x = queue[q]
        dx = dist[x] + 1
        for k in range(ptr[x], ptr[x + 1]):
            y = idx[k]
            if ball[y] == 0:
                ball[y] = side
                dist[y] = dx
                sigma[y] = sigma[x]
                queue[end_q] = y
                end_q += 1
                deg += ptr[y + 1] - ptr[y]
            elif ball[y] == other_side:
                found = True
                w = sigma[x] * sigma[y]
                total += w
                state, u = next_uniform(state)
                if u * total < w:
                    pick_own = x
                    pick_other = y
            elif dist[y] == dx:
                sigma[y] += sigma[x]
    return end_q, deg, state, found, total, pick_own, pick_other


@njit(cache=True, nogil=True, inline="always")
def _walk_back(ptr, idx, side, start, root, ball, dist, sigma, state, row):
    """Walk from ``start`` to ``root``, counting the vertices passed (``root`` excluded).

    Each predecessor ``p`` of ``x`` is chosen with probability ``sigma[p] / sigma[x]``.
    """
    x = start
    while x != root:
        row[x] += 1
        state, u = next_uniform(state)
        target = u * sigma[x]
        acc = 0.0
        nxt = -1
        for k in range(ptr[x], ptr[x + 1]):
            p = idx[k]
            if ball[p] == side and dist[p] == dist[x] - 1:
                acc += sigma[p]
                nxt = p
                if acc > target:
                    break
        x = nxt
    return state


@njit(cache=True, nogil=True)
def _sample_path(
    indptr, indices, in_indptr, in_indices, s, t, state, ball, dist, sigma, queue, row
):
    """Sample one shortest s-t path; add 1 to ``row`` for its internal vertices.

    Returns ``(state, overflow)``: ``overflow`` is True, and nothing is counted, when the
    weight ``sigma[x] sigma[y]`` of the meeting edges summed past float64's range (more
    than about 1.8e308 shortest paths), where no edge can be picked in proportion to it.
    """
    queue[0] = s
    queue[1] = t
    ball[s] = 1
    ball[t] = 2
    dist[s] = 0
    dist[t] = 0
    sigma[s] = 1.0
    sigma[t] = 1.0
    end_q = 2
    start_s, end_s, start_t, end_t = 0, 1, 1, 2
    deg_s = 0
    deg_t = 0
    found = False
    total = 0.0
    pick_x = -1
    pick_y = -1
    while not found:
        if deg_s <= deg_t:
            # the s side grows over out-ties; meeting edges run x (s side) -> y (t side)
            a, b, start_s = start_s, end_s, end_q
            end_q, deg_s, state, found, total, pick_x, pick_y = _grow_level(
                indptr,
                indices,
                1,
                a,
                b,
                end_q,
                queue,
                ball,
                dist,
                sigma,
                state,
                found,
                total,
                pick_x,
                pick_y,
            )
            end_s = end_q
            if deg_s == 0:
                break
        else:
            # the t side grows over in-ties
            a, b, start_t = start_t, end_t, end_q
            end_q, deg_t, state, found, total, pick_y, pick_x = _grow_level(
                in_indptr,
                in_indices,
                2,
                a,
                b,
                end_q,
                queue,
                ball,
                dist,
                sigma,
                state,
                found,
                total,
                pick_y,
                pick_x,
            )
            end_t = end_q
            if deg_t == 0:
                break
    # the reservoir's weights overflowed (total inf, or NaN from inf - inf): no meeting
    # edge was drawn in proportion to its paths, and pick_x may be -1, which the walk
    # back would never leave
    overflow = found and not total < np.inf
    if found and not overflow:
        # back to s over in-ties, and to t over out-ties
        state = _walk_back(in_indptr, in_indices, 1, pick_x, s, ball, dist, sigma, state, row)
        state = _walk_back(indptr, indices, 2, pick_y, t, ball, dist, sigma, state, row)
    for q in range(end_q):
        ball[queue[q]] = 0
    return state, overflow


@njit(cache=True, nogil=True, parallel=True)
def sample_paths(
    indptr,
    indices,
    in_indptr,
    in_indices,
    component,
    seed,
    start,
    count,
    n_chunks,
    counts,
    overflow,
):
    r"""Run samples ``start .. start + count - 1``; ``counts[c]`` gets chunk c's vertex counts.

    ``component`` holds a component label per vertex (weak components for
    undirected graphs; all zeros for directed ones): pairs in different
    components have no path and count as empty samples.

    Parameters
    ----------
    indptr, indices : ndarray of int64, ndarray of int32
        Out-neighbour CSR.
    in_indptr, in_indices : ndarray of int64, ndarray of int32
        In-neighbour CSR (the transpose; the same arrays for an undirected graph).
    component : ndarray of int64, shape (n,)
        Component labels, as above.
    seed : uint64
        Root seed: sample :math:`k` draws from stream :math:`(\text{seed}, k)`, so the
        counts do not depend on the chunking.
    start, count : int
        The samples to run.
    n_chunks : int
        Samples are dealt to this many chunks (one parallel task each).
    counts : ndarray of int64, shape (n_chunks, n)
        Output: times each vertex lay inside a sampled shortest path (added to).
    overflow : ndarray of int64, shape (n_chunks,)
        Output: samples of chunk c whose pair has more shortest paths than float64
        holds (added to; such a sample counts no vertex, and the caller must refuse the
        estimate).

    Examples
    --------
    On the path 0 — 1 — 2 a sampled pair's shortest path passes actor 1 only when the pair is {0, 2}:

    >>> import numpy as np
    >>> import scipy.sparse as sp
    >>> from clusternet.kernels.csr import kernel_arrays
    >>> path = sp.csr_array(([1.0] * 4, ([0, 1, 1, 2], [1, 0, 2, 1])), shape=(3, 3))
    >>> indptr, indices, data = kernel_arrays(path)
    >>> from clusternet.kernels.kadabra import sample_paths
    >>> counts, overflow = np.zeros((1, 3), dtype=np.int64), np.zeros(1, dtype=np.int64)
    >>> sample_paths(indptr, indices, indptr, indices, np.zeros(3, dtype=np.int64), np.uint64(1), 0, 3000,
    ...              1, counts, overflow)
    >>> int(counts[0, 0]), int(counts[0, 2]), bool(0.25 < counts[0, 1] / 3000 < 0.42), int(overflow[0])
    (0, 0, True, 0)
    """
    n = indptr.shape[0] - 1
    for c in prange(n_chunks):
        ball = np.zeros(n, dtype=np.int8)
        dist = np.zeros(n, dtype=np.int64)
        sigma = np.zeros(n)
        queue = np.empty(n, dtype=np.int64)
        row = counts[c]
        for k in range(start + c, start + count, n_chunks):
            state = stream(seed, k)
            state, s = next_below(state, n)
            state, t = next_below(state, n - 1)
            if t >= s:
                t += 1
            if component[s] != component[t]:
                continue
            state, lost = _sample_path(
                indptr, indices, in_indptr, in_indices, s, t, state, ball, dist, sigma, queue, row
            )
            if lost:
                overflow[c] += 1
