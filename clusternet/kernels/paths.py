"""Shortest-path kernels by breadth-first search: harmonic closeness, Brandes betweenness, depths.

Work is split over sources: ``prange`` runs over a fixed number of chunks, each
with its own scratch buffers (allocated once per chunk, never per source) and
its own accumulator row, so threads never write the same memory. The weighted
(Dijkstra) kernels are in :mod:`clusternet.kernels.dijkstra`.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange, uint64

from clusternet.kernels.rng import mix64

_ONE = np.uint64(1)


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


# ---------------------------------------------------------------------- Brandes betweenness
#: how the BFS of :func:`brandes_bfs` went from one level to the next
_STEP_TOP_DOWN = 0  # the level's actors scanned their out-ties (successor blocks)
_STEP_BOTTOM_UP = 1  # the unreached actors scanned their in-ties (predecessor blocks)
_STEP_NONE = 2  # every actor of the component was reached: the level has no successors


@njit(cache=True, nogil=True)
def _brandes_chunk(
    indptr, indices, in_indptr, in_indices, members, member_ptr, label, sources, c, n_chunks,
    cap, row,
):  # fmt: skip
    """The sources ``c, c + n_chunks, ...`` of :func:`brandes_bfs`, summed into ``row``.

    A function of its own, called from the ``prange`` loop: Numba compiles the body
    of a parallel loop with less optimisation than a plain function (about 12%
    slower here on one thread, measured with ``time.process_time``).
    """
    n = indptr.shape[0] - 1
    n_src = sources.shape[0]
    dist = np.full(n, -1, dtype=np.int32)
    order = np.empty(n + 1, dtype=np.uint32)  # + 1: the forward pass stores one past
    sblock = np.empty(n + 1, dtype=np.uint64)  # successor block of order[a]
    pblock = np.empty(n + 1, dtype=np.uint64)  # predecessor block of order[a]
    succ = np.empty(cap, dtype=np.uint32)
    unreached = np.empty(n, dtype=np.uint32)
    step = np.empty(n + 1, dtype=np.uint8)  # how level d led to level d + 1
    sigma = np.zeros(n)
    coef = np.zeros(n)
    pushed = np.zeros(n)  # bottom-up successors' (1 + delta) / sigma, summed
    for si in range(c, n_src, n_chunks):
        s = np.uint32(sources[si])
        comp = label[s]
        first = np.uint64(member_ptr[comp])
        size = np.uint64(member_ptr[comp + 1]) - first
        # in-ties of the component's actors not yet reached (the bottom-up step's reads)
        in_left = np.uint64(0)
        for a in range(first, first + size):
            u = np.uint64(members[a])
            in_left += in_indptr[u + _ONE] - in_indptr[u]
        in_left -= in_indptr[s + _ONE] - in_indptr[s]
        n_unreached = np.uint64(0)  # valid entries of ``unreached`` (0: not filled yet)
        filled = False
        dist[s] = 0
        sigma[s] = 1.0
        order[0] = s
        lo = np.uint64(0)
        hi = np.uint64(1)
        tail = np.uint64(1)
        top = np.uint64(0)
        depth = np.int32(0)
        overflow = False
        while lo < hi:
            if tail == size:  # all reached: the level has no successors
                step[depth] = _STEP_NONE
                break
            out_level = np.uint64(0)
            for a in range(lo, hi):
                v = order[a]
                out_level += indptr[v + _ONE] - indptr[v]
            dv = depth + np.int32(1)
            if in_left + (size - tail) < out_level:
                step[depth] = _STEP_BOTTOM_UP
                if not filled:
                    for a in range(first, first + size):
                        unreached[n_unreached] = members[a]
                        n_unreached += _ONE
                    filled = True
                kept = np.uint64(0)
                for i in range(n_unreached):
                    u = unreached[i]
                    if dist[u] >= 0:
                        continue  # reached (the source, or a top-down step)
                    start = top
                    k0 = in_indptr[u]
                    k1 = in_indptr[u + _ONE]
                    if top + (k1 - k0) <= cap:
                        # the predecessors first, their path counts after: a sum over
                        # every in-tie would chain one addition per tie
                        for k in range(k0, k1):
                            w = in_indices[k]
                            succ[top] = w
                            top += np.uint64(dist[w] == depth)
                        su = 0.0
                        for k in range(start, top):
                            su += sigma[succ[k]]
                    else:
                        su = 0.0
                        for k in range(k0, k1):
                            w = in_indices[k]
                            if dist[w] == depth:
                                su += sigma[w]
                                if top < cap:
                                    succ[top] = w
                                    top += _ONE
                                else:
                                    overflow = True
                    if su > 0.0:
                        dist[u] = dv
                        sigma[u] = su
                        order[tail] = u
                        pblock[tail] = start
                        tail += _ONE
                    else:
                        unreached[kept] = u
                        kept += _ONE
                n_unreached = kept
                pblock[tail] = top
            else:
                step[depth] = _STEP_TOP_DOWN
                for a in range(lo, hi):
                    v = order[a]
                    sblock[a] = top
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
                sblock[hi] = top
            for a in range(hi, tail):
                u = order[a]
                in_left -= in_indptr[u + _ONE] - in_indptr[u]
            lo = hi
            hi = tail
            depth = dv
        if lo == hi:
            step[depth] = _STEP_NONE  # the last level found nothing new
        a = tail
        while a > np.uint64(0):
            a -= _ONE
            v = order[a]
            dv = dist[v]
            total = 0.0
            if overflow:
                nxt = dv + np.int32(1)
                for k in range(indptr[v], indptr[v + _ONE]):
                    w = indices[k]
                    if dist[w] == nxt:
                        total += coef[w]
            else:
                how = step[dv]
                if how == _STEP_TOP_DOWN:
                    for k in range(sblock[a], sblock[a + _ONE]):
                        total += coef[succ[k]]
                elif how == _STEP_BOTTOM_UP:
                    total = pushed[v]
            delta_v = sigma[v] * total
            cv = (1.0 + delta_v) / sigma[v]
            coef[v] = cv
            if a > np.uint64(0):
                row[v] += delta_v
                if not overflow and step[dv - np.int32(1)] == _STEP_BOTTOM_UP:
                    for k in range(pblock[a], pblock[a + _ONE]):
                        pushed[succ[k]] += cv
        for a in range(tail):
            v = order[a]
            dist[v] = -1
            sigma[v] = 0.0
            coef[v] = 0.0
            pushed[v] = 0.0


@njit(cache=True, nogil=True, parallel=True)
def brandes_bfs(
    indptr, indices, in_indptr, in_indices, members, member_ptr, label, sources, n_chunks,
    succ_cap, acc,
):  # fmt: skip
    r"""Brandes (2001) dependency accumulation from each source, unweighted.

    ``acc[c]`` sums, over the sources of chunk ``c``, the dependencies
    :math:`\delta_s(v) = \sum_t \sigma_{st}(v) / \sigma_{st}`. The forward BFS is
    level-synchronous and direction-optimising (Beamer, Asanović & Patterson
    2012): from each level it takes the cheaper of two steps,

    * top-down: every actor of the level scans its out-ties, :math:`\sum_{v \in
      \text{level}} \deg^+(v)` reads; the ties to the next level are stored as
      the actor's successor block;
    * bottom-up: every not yet reached actor of the source's weak component
      scans its in-ties, :math:`\sum_{u \text{ unreached}} \deg^-(u)` reads;
      one that has an in-neighbour on the level joins the next level, its
      path count :math:`\sigma(u)` the sum over those in-neighbours, which are
      stored as its predecessor block;

    and once every actor of the component is reached, the last level scans
    nothing (no successors). On small-world graphs the late levels are large
    and the unreached rest small, so bottom-up steps and the skipped last level
    leave far fewer than the :math:`m` tie reads per source of a top-down BFS.
    The backward pass sweeps the actors in reverse BFS order,
    :math:`\delta(v) = \sigma(v) \sum_{w \in \mathrm{succ}(v)} (1 + \delta(w)) / \sigma(w)`:
    after a top-down step ``v`` sums its successor block; after a bottom-up step
    each successor ``w``, swept earlier, has added :math:`(1 + \delta(w)) / \sigma(w)`
    to each actor of its predecessor block. Path counts are integers (exact
    sums in any order); dependencies agree with a top-down sweep up to the
    order of their sums.

    ``indptr``/``in_indptr`` must be passed as ``uint64`` (views of the int64
    arrays) and ``indices``/``in_indices`` as ``uint32``: with every index and
    counter unsigned, Numba emits no negative-index wrap-around code in the
    gathers. On an undirected graph pass the same arrays twice.

    Each chunk's successor buffer holds at most ``succ_cap`` entries (the caller
    bounds the memory that threads multiply). A source whose DAG does not fit
    is swept by rescanning its out-ties instead (identical dependencies up to
    the order of their sums, more reads). A row whose ties all fit is scanned
    without branches (whether a neighbour is new, on the DAG or neither is
    data-dependent and unpredictable).

    Parameters
    ----------
    indptr, indices : ndarray of uint64, ndarray of uint32
        The out-CSR.
    in_indptr, in_indices : ndarray of uint64, ndarray of uint32
        The in-CSR (the out-CSR's transpose).
    members : ndarray of int64
        The actors grouped by weak component.
    member_ptr : ndarray of int64
        ``members[member_ptr[c]:member_ptr[c + 1]]`` are the actors of component ``c``.
    label : ndarray of int64
        Each actor's weak component.
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

    References
    ----------
    Brandes, U. (2001). A faster algorithm for betweenness centrality. *Journal of
    Mathematical Sociology* 25:163–177. Beamer, S., Asanović, K., & Patterson, D.
    (2012). Direction-optimizing breadth-first search. *SC'12*.

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
    >>> ip = indptr.view(np.uint64)
    >>> one = np.zeros(4, dtype=np.int64)  # one component
    >>> ptr = np.array([0, 4])
    >>> acc = np.zeros((1, 4))
    >>> brandes_bfs(ip, indices, ip, indices, np.arange(4), ptr, one, np.arange(4), 1, 16, acc)
    >>> print(acc[0])
    [0. 4. 4. 0.]
    """
    cap = np.uint64(min(max(succ_cap, 1), max(indices.shape[0], 1)))
    for c in prange(n_chunks):
        _brandes_chunk(
            indptr, indices, in_indptr, in_indices, members, member_ptr, label, sources, c,
            n_chunks, cap, acc[c],
        )  # fmt: skip


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
