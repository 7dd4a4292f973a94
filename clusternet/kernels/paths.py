"""Shortest-path kernels: BFS and Dijkstra, harmonic closeness, Brandes betweenness.

Work is split over sources: ``prange`` runs over a fixed number of chunks, each
with its own scratch buffers (allocated once per chunk, never per source) and
its own accumulator row, so threads never write the same memory. Dijkstra uses
an indexed binary heap (capacity n, decrease-key) and compares path lengths with
a relative tolerance of 1e-10, as igraph does, so that equal-length paths built
from different float sums count as ties.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange, uint64

from clusternet.kernels.rng import mix64

_ONE = np.uint64(1)

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
def _bfs(indptr, indices, s, dist, order):
    """Unweighted distances from ``s`` (dist must be -1 everywhere). Returns visit count."""
    dist[s] = 0
    order[0] = s
    head = 0
    tail = 1
    while head < tail:
        v = order[head]
        head += 1
        dv = dist[v] + 1
        for k in range(indptr[v], indptr[v + 1]):
            w = indices[k]
            if dist[w] < 0:
                dist[w] = dv
                order[tail] = w
                tail += 1
    return tail


@njit(cache=True, nogil=True)
def _dijkstra(indptr, indices, lengths, s, dist, order, heap, pos, sigma, count_paths):
    """Weighted distances from ``s`` (dist = inf everywhere, pos = -1). Returns settled count.

    With ``count_paths`` also fills ``sigma`` (number of shortest paths, ties within EPS).
    """
    dist[s] = 0.0
    if count_paths:
        sigma[s] = 1.0
    size = _heap_push_or_decrease(heap, pos, dist, 0, s)
    settled = 0
    while size > 0:
        v, size = _heap_pop(heap, pos, dist, size)
        order[settled] = v
        settled += 1
        dv = dist[v]
        for k in range(indptr[v], indptr[v + 1]):
            w = indices[k]
            alt = dv + lengths[k]
            c = _cmp(alt, dist[w]) if dist[w] < np.inf else -1
            if c < 0:
                dist[w] = alt
                if count_paths:
                    sigma[w] = sigma[v]
                size = _heap_push_or_decrease(heap, pos, dist, size, w)
            elif c == 0 and count_paths and w != s:
                sigma[w] += sigma[v]
    return settled


# ---------------------------------------------------------------------- harmonic closeness
@njit(cache=True, nogil=True, parallel=True)
def harmonic_bfs(indptr, indices, n_chunks, out):
    r"""Harmonic closeness by BFS from every source.

    .. math::

        \mathrm{out}_s = \sum_{v \ne s} \frac{1}{d(s, v)}

    over reachable :math:`v` (hop distances).

    Parameters
    ----------
    indptr : ndarray of int64
        Row pointers of the out-CSR.
    indices : ndarray of uint32
        Column indices.
    n_chunks : int
        Blocks of sources processed in parallel.
    out : ndarray of float64
        Receives one value per source.

    Returns
    -------
    None

    Examples
    --------
    On the path 0 – 1 – 2 – 3 an end reaches the others at 1, 2 and 3 hops:
    :math:`1 + 1/2 + 1/3`.

    >>> import numpy as np
    >>> import scipy.sparse as sp
    >>> from clusternet.kernels.csr import kernel_arrays
    >>> from clusternet.kernels.paths import harmonic_bfs
    >>> path = sp.csr_array(([1.0] * 6, ([0, 1, 1, 2, 2, 3], [1, 0, 2, 1, 3, 2])), shape=(4, 4))
    >>> indptr, indices, _ = kernel_arrays(path)
    >>> out = np.zeros(4)
    >>> harmonic_bfs(indptr, indices, 1, out)
    >>> print(np.round(out, 4))
    [1.8333 2.5    2.5    1.8333]
    """
    n = indptr.shape[0] - 1
    for c in prange(n_chunks):
        dist = np.full(n, -1, dtype=np.int64)
        order = np.empty(n, dtype=np.int64)
        for s in range(c, n, n_chunks):
            reached = _bfs(indptr, indices, s, dist, order)
            acc = 0.0
            for a in range(1, reached):
                acc += 1.0 / dist[order[a]]
            out[s] = acc
            for a in range(reached):
                dist[order[a]] = -1


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
    >>> from clusternet.kernels.paths import harmonic_dijkstra
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
        sigma = np.empty(0)
        for s in range(c, n, n_chunks):
            reached = _dijkstra(indptr, indices, lengths, s, dist, order, heap, pos, sigma, False)
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
def brandes_bfs(indptr, indices, sources, n_chunks, succ_cap, acc):
    r"""Brandes (2001) dependency accumulation from each source, unweighted.

    ``acc[c]`` sums, over the sources of chunk ``c``, the dependencies
    :math:`\delta_s(v) = \sum_t \sigma_{st}(v) / \sigma_{st}`. The forward BFS records the
    shortest-path DAG as successor blocks (one block per settled vertex, in BFS
    order); the backward pass sweeps those blocks in reverse,
    :math:`\delta(v) = \sigma(v) \sum_{w \in \mathrm{succ}(v)} (1 + \delta(w)) / \sigma(w)`,
    reading each DAG edge once and sequentially.

    ``indptr`` must be passed as ``uint64`` (a view of the int64 array) and
    ``indices`` as ``uint32``: with every index and counter unsigned, Numba
    emits no negative-index wrap-around code in the gathers (about 20% faster
    here than the signed version).

    Each chunk's successor buffer holds at most ``succ_cap`` entries (the caller
    bounds the memory that threads multiply). A source whose DAG does not fit
    is swept by rescanning its adjacency in the same order instead, which visits
    the same successors in the same order (identical sums, more random reads).

    A row whose ties all fit in the successor buffer is scanned without branches
    (whether a neighbour is new, on the DAG or neither is data-dependent and
    unpredictable: each mispredicted branch costs more than the stores it avoids);
    the stores are the same, so the result is identical to the last bit.

    Parameters
    ----------
    indptr : ndarray of uint64
        Row pointers of the out-CSR.
    indices : ndarray of uint32
        Column indices.
    sources : ndarray of int64
        Source vertices.
    n_chunks : int
        Blocks of sources, one accumulator row each.
    succ_cap : int
        Entries of each chunk's successor buffer.
    acc : ndarray of float64, shape (n_chunks, n)
        Receives the summed dependencies (ordered pairs).

    Returns
    -------
    None

    Examples
    --------
    On the path 0 – 1 – 2 – 3 actor 1 lies on the shortest paths of the
    ordered pairs (0, 2), (2, 0), (0, 3) and (3, 0):

    >>> import numpy as np
    >>> import scipy.sparse as sp
    >>> from clusternet.kernels.csr import kernel_arrays
    >>> from clusternet.kernels.paths import brandes_bfs
    >>> path = sp.csr_array(([1.0] * 6, ([0, 1, 1, 2, 2, 3], [1, 0, 2, 1, 3, 2])), shape=(4, 4))
    >>> indptr, indices, _ = kernel_arrays(path)
    >>> acc = np.zeros((1, 4))
    >>> brandes_bfs(indptr.view(np.uint64), indices, np.arange(4, dtype=np.int64), 1, 16, acc)
    >>> print(acc[0])
    [0. 4. 4. 0.]
    """
    n = indptr.shape[0] - 1
    n_src = sources.shape[0]
    cap = np.uint64(min(max(succ_cap, 1), max(indices.shape[0], 1)))
    for c in prange(n_chunks):
        dist = np.full(n, -1, dtype=np.int32)
        order = np.empty(n + 1, dtype=np.uint32)  # + 1: the forward pass stores one past
        block = np.empty(n + 1, dtype=np.uint64)
        succ = np.empty(cap, dtype=np.uint32)
        sigma = np.zeros(n)
        coef = np.zeros(n)
        row = acc[c]
        for si in range(c, n_src, n_chunks):
            s = np.uint32(sources[si])
            dist[s] = 0
            sigma[s] = 1.0
            order[0] = s
            head = np.uint64(0)
            tail = np.uint64(1)
            top = np.uint64(0)
            overflow = False
            while head < tail:
                v = order[head]
                block[head] = top
                head += _ONE
                dv = dist[v] + np.int32(1)
                sv = sigma[v]
                if top + (indptr[v + _ONE] - indptr[v]) <= cap:
                    # without branches: every tie stores, and only the counters say
                    # whether the store counts (a new actor is appended to the queue,
                    # a tie on the DAG to the successors; sigma gains sv or 0.0, and
                    # a new actor's sigma is 0.0 + sv = sv exactly)
                    for k in range(indptr[v], indptr[v + _ONE]):
                        w = indices[k]
                        dw = dist[w]
                        new = dw < 0
                        on_dag = new or dw == dv
                        dist[w] = dv if new else dw
                        order[tail] = w
                        tail += np.uint64(new)
                        sigma[w] += sv if on_dag else 0.0
                        succ[top] = w
                        top += np.uint64(on_dag)
                    continue
                for k in range(indptr[v], indptr[v + _ONE]):
                    w = indices[k]
                    dw = dist[w]
                    if dw < 0:
                        dist[w] = dv
                        order[tail] = w
                        tail += _ONE
                        sigma[w] = sv
                    elif dw == dv:
                        sigma[w] += sv
                    else:
                        continue
                    if top < cap:
                        succ[top] = w
                        top += _ONE
                    else:
                        overflow = True
            block[tail] = top
            a = tail
            while a > np.uint64(0):
                a -= _ONE
                v = order[a]
                total = 0.0
                if overflow:
                    dv = dist[v] + np.int32(1)
                    for k in range(indptr[v], indptr[v + _ONE]):
                        w = indices[k]
                        if dist[w] == dv:
                            total += coef[w]
                else:
                    for k in range(block[a], block[a + _ONE]):
                        total += coef[succ[k]]
                delta_v = sigma[v] * total
                coef[v] = (1.0 + delta_v) / sigma[v]
                if a > np.uint64(0):
                    row[v] += delta_v
            for a in range(tail):
                v = order[a]
                dist[v] = -1
                sigma[v] = 0.0
                coef[v] = 0.0


@njit(cache=True, nogil=True, parallel=True)
def brandes_dijkstra(
    indptr, indices, lengths, in_indptr, in_indices, in_lengths, sources, n_chunks, acc
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
    acc : ndarray of float64, shape (n_chunks, n)
        Output: each chunk's summed dependencies (added to).

    Examples
    --------
    Ordered-pair betweenness on the path 0 — 1 — 2 (lengths 1): actor 1 is on 0 → 2 and 2 → 0:

    >>> import numpy as np
    >>> import scipy.sparse as sp
    >>> from clusternet.kernels.csr import kernel_arrays
    >>> path = sp.csr_array(([1.0] * 4, ([0, 1, 1, 2], [1, 0, 2, 1])), shape=(3, 3))
    >>> indptr, indices, data = kernel_arrays(path)
    >>> from clusternet.kernels.paths import brandes_dijkstra
    >>> acc = np.zeros((1, 3))
    >>> brandes_dijkstra(indptr, indices, data, indptr, indices, data, np.arange(3, dtype=np.int64), 1, acc)
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
        row = acc[c]
        for si in range(c, n_src, n_chunks):
            s = sources[si]
            settled = _dijkstra(indptr, indices, lengths, s, dist, order, heap, pos, sigma, True)
            for a in range(settled - 1, 0, -1):
                w = order[a]
                coeff = (1.0 + delta[w]) / sigma[w]
                dw = dist[w]
                for k in range(in_indptr[w], in_indptr[w + 1]):
                    v = in_indices[k]
                    if dist[v] < dw and _cmp(dist[v] + in_lengths[k], dw) == 0:
                        delta[v] += sigma[v] * coeff
                row[w] += delta[w]
            for a in range(settled):
                v = order[a]
                dist[v] = np.inf
                sigma[v] = 0.0
                delta[v] = 0.0


@njit(cache=True, nogil=True)
def eccentricities(indptr, indices, starts, out):
    r"""BFS eccentricity of each start vertex (within its component).

    Parameters
    ----------
    indptr : ndarray of int64
        Row pointers.
    indices : ndarray of uint32
        Column indices.
    starts : ndarray of int64
        Start vertices.
    out : ndarray of int64
        Receives :math:`\max_v d(s, v)` over the vertices :math:`s` reaches.

    Returns
    -------
    None

    Examples
    --------
    >>> import numpy as np
    >>> import scipy.sparse as sp
    >>> from clusternet.kernels.csr import kernel_arrays
    >>> from clusternet.kernels.paths import eccentricities
    >>> path = sp.csr_array(([1.0] * 6, ([0, 1, 1, 2, 2, 3], [1, 0, 2, 1, 3, 2])), shape=(4, 4))
    >>> indptr, indices, _ = kernel_arrays(path)
    >>> ecc = np.zeros(2, dtype=np.int64)
    >>> eccentricities(indptr, indices, np.array([0, 1], dtype=np.int64), ecc)
    >>> ecc.tolist()
    [3, 2]
    """
    n = indptr.shape[0] - 1
    dist = np.full(n, -1, dtype=np.int64)
    order = np.empty(n, dtype=np.int64)
    for a in range(starts.shape[0]):
        reached = _bfs(indptr, indices, starts[a], dist, order)
        out[a] = dist[order[reached - 1]]
        for b in range(reached):
            dist[order[b]] = -1


@njit(cache=True, nogil=True, parallel=True)
def bfs_distance_sums(indptr, indices, sources, totals, reached):
    r"""For each source: the sum of BFS distances to the actors it reaches, and their count.

    Parameters
    ----------
    indptr : ndarray of int64
        Row pointers.
    indices : ndarray of uint32
        Column indices.
    sources : ndarray of int64
        Source vertices.
    totals : ndarray of float64
        Receives :math:`\sum_v d(s, v)` per source.
    reached : ndarray of int64
        Receives the number of vertices reached (the source excluded).

    Returns
    -------
    None

    Examples
    --------
    >>> import numpy as np
    >>> import scipy.sparse as sp
    >>> from clusternet.kernels.csr import kernel_arrays
    >>> from clusternet.kernels.paths import bfs_distance_sums
    >>> path = sp.csr_array(([1.0] * 6, ([0, 1, 1, 2, 2, 3], [1, 0, 2, 1, 3, 2])), shape=(4, 4))
    >>> indptr, indices, _ = kernel_arrays(path)
    >>> totals, reached = np.zeros(2), np.zeros(2, dtype=np.int64)
    >>> bfs_distance_sums(indptr, indices, np.array([0, 1], dtype=np.int64), totals, reached)
    >>> totals.tolist(), reached.tolist()
    ([6.0, 4.0], [3, 3])
    """
    n = indptr.shape[0] - 1
    for a in prange(sources.shape[0]):
        dist = np.full(n, -1, dtype=np.int64)
        order = np.empty(n, dtype=np.int64)
        count = _bfs(indptr, indices, sources[a], dist, order)
        acc = 0
        for b in range(1, count):
            acc += dist[order[b]]
        totals[a] = acc
        reached[a] = count - 1


@njit(cache=True, nogil=True, inline="always")
def _seed_depth(sources, depth, order):
    """Put each distinct source at depth 0 in the BFS queue ``order``; returns the queue length."""
    tail = 0
    for a in range(sources.shape[0]):
        s = sources[a]
        if depth[s] < 0:
            depth[s] = 0
            order[tail] = s
            tail += 1
    return tail


@njit(cache=True, nogil=True)
def multi_source_depth(indptr, indices, sources, max_depth, depth):
    """BFS depth from the nearest source (``depth`` -1 where farther than ``max_depth``).

    Parameters
    ----------
    indptr, indices : ndarray of int64, ndarray of int32
        Neighbour CSR.
    sources : ndarray of int32
        Depth-0 actors.
    max_depth : int
        How far to search.
    depth : ndarray of int64, shape (n,)
        Output (overwritten).

    Examples
    --------
    >>> import numpy as np
    >>> import scipy.sparse as sp
    >>> from clusternet.kernels.csr import kernel_arrays
    >>> path = sp.csr_array(([1.0] * 4, ([0, 1, 1, 2], [1, 0, 2, 1])), shape=(3, 3))
    >>> indptr, indices, data = kernel_arrays(path)
    >>> from clusternet.kernels.paths import multi_source_depth
    >>> depth = np.full(3, -1, dtype=np.int64)
    >>> multi_source_depth(indptr, indices, np.array([0], dtype=np.int64), 1, depth)
    >>> depth.tolist()
    [0, 1, -1]
    """
    n = indptr.shape[0] - 1
    order = np.empty(n, dtype=np.int64)
    tail = _seed_depth(sources, depth, order)
    head = 0
    while head < tail:
        v = order[head]
        head += 1
        if depth[v] >= max_depth:
            continue
        for k in range(indptr[v], indptr[v + 1]):
            w = indices[k]
            if depth[w] < 0:
                depth[w] = depth[v] + 1
                order[tail] = w
                tail += 1


@njit(cache=True, nogil=True, parallel=True)
def live_edge_reach(
    indptr, indices, actor_key, key_step, sources, prob, seed, count_mask, max_steps, curves
):
    """Discrete-time cascades on random live-edge graphs (one realisation per row of ``curves``).

    In realisation ``r`` the undirected tie ``{u, v}`` is live with probability
    ``prob``, decided by hashing the two actors' keys with ``(seed, r)``, so the
    draw belongs to the tie itself: adding a tie never changes the others, and
    reordering actors changes nothing. A BFS over live ties from ``sources``
    gives the step at which each actor is reached; ``curves[r, t]`` counts the
    ``count_mask`` actors reached by step ``t``. With ``key_step`` nonzero the keys
    are ``index * key_step`` and ``actor_key`` is not read (actors numbered by
    their ids: one random read per tie fewer, the same keys).

    Parameters
    ----------
    indptr, indices : ndarray of int64, ndarray of int32
        Symmetric neighbour CSR.
    actor_key : ndarray of uint64, shape (n,)
        Each actor's key (unused when ``key_step`` is nonzero).
    key_step : uint64
        Keys ``index * key_step`` instead, when nonzero.
    sources : ndarray of int32
        The actors reached at step 0.
    prob : float
        Probability that a tie is live.
    seed : uint64
        Keys the realisations.
    count_mask : ndarray of bool, shape (n,)
        The actors counted in ``curves``.
    max_steps : int
        Steps recorded.
    curves : ndarray of int64, shape (realisations, max_steps + 1)
        Output, as above.

    Examples
    --------
    Every tie live (probability 1): from actor 0 the path is reached one actor per step:

    >>> import numpy as np
    >>> import scipy.sparse as sp
    >>> from clusternet.kernels.csr import kernel_arrays
    >>> path = sp.csr_array(([1.0] * 4, ([0, 1, 1, 2], [1, 0, 2, 1])), shape=(3, 3))
    >>> indptr, indices, data = kernel_arrays(path)
    >>> from clusternet.kernels.paths import live_edge_reach
    >>> curves = np.zeros((2, 4), dtype=np.int64)
    >>> live_edge_reach(indptr, indices, np.zeros(3, dtype=np.uint64), np.uint64(1), np.array([0], dtype=np.int64),
    ...                 1.0, np.uint64(1), np.ones(3, dtype=np.bool_), 3, curves)
    >>> curves.tolist()
    [[1, 2, 3, 3], [1, 2, 3, 3]]
    """
    n = indptr.shape[0] - 1
    n_real = curves.shape[0]
    if max_steps > 32_000:
        raise ValueError("max_steps must be at most 32000")
    for r in prange(n_real):
        # compact marks (depth <= max_steps fits int16): the BFS's random reads stay in cache
        depth = np.full(n, -1, dtype=np.int16)
        order = np.empty(n, dtype=np.int32)
        salt = mix64(uint64(seed) + mix64(uint64(r) + uint64(0x632BE59BD9B4E019)))
        tail = _seed_depth(sources, depth, order)
        head = 0
        while head < tail:
            v = order[head]
            head += 1
            if depth[v] >= max_steps:
                continue
            kv = uint64(v) * key_step if key_step else actor_key[v]
            for k in range(indptr[v], indptr[v + 1]):
                w = indices[k]
                if depth[w] >= 0:
                    continue
                kw = uint64(w) * key_step if key_step else actor_key[w]
                lo = kv if kv < kw else kw
                hi = kw if kv < kw else kv
                z = mix64(lo ^ mix64(hi ^ salt))
                u = float(z >> uint64(11)) * (1.0 / 9007199254740992.0)
                if u < prob:
                    depth[w] = np.int16(depth[v] + 1)
                    order[tail] = w
                    tail += 1
        for a in range(tail):
            v = order[a]
            if count_mask[v]:
                curves[r, depth[v]] += 1
        for t in range(1, curves.shape[1]):
            curves[r, t] += curves[r, t - 1]
