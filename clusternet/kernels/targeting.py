"""Reverse-reachable (RR) sets and greedy maximum coverage for influence maximisation.

An RR set of the independent cascade (IC) model is the set of actors that reach
a uniformly drawn target ``v`` in one random live-edge world: a reverse BFS from
``v`` over in-ties, each tie live with its probability (Borgs et al. 2014). For
the linear threshold (LT) model it is a reverse random walk that, at each
actor, steps to one in-neighbour chosen with probability equal to its
influence weight (weights sum to at most 1; none chosen with the rest) and
stops at an actor already visited (Tang, Xiao & Shi 2014).

Sets are generated in two passes over the same random streams (sizes, then
contents) so they can be stored in flat CSR-like arrays; set ``s`` uses stream
``s`` of the base seed, so the sets do not depend on the number of threads or
on how they are batched.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

from clusternet.kernels.rng import next_uniform, stream

#: Rows with more ties than this that share one probability are sampled by geometric skips.
SKIP_FROM = 8


@njit(cache=True, nogil=True, inline="always")
def _start(seed, s, n):
    """Stream ``s`` of ``seed`` and the uniformly drawn target actor of RR set ``s``."""
    state = stream(seed, s)
    state, u = next_uniform(state)
    return state, min(np.int64(u * n), n - 1)


@njit(cache=True, nogil=True)
def uniform_rows(indptr, prob):
    r"""Per row: the probability all its entries share, and :math:`1 / \ln(1 - p)` beside it.

    The probability is -1 when the entries differ or the row is empty; the two
    values sit side by side (same cache line).

    Rows with one shared probability ``p`` (every tie into an actor under the
    weighted cascade :math:`1/\text{in-degree}`, or a scalar :math:`p`) are sampled by
    geometric skips in :func:`_rr_ic`: the gap to the next live tie is
    :math:`\lfloor \ln(1 - u) / \ln(1 - p) \rfloor`, one draw per live tie instead of one per tie.

    Parameters
    ----------
    indptr : ndarray of int64, shape (n + 1,)
        Row pointers.
    prob : ndarray of float64
        Entry probabilities.

    Returns
    -------
    ndarray of float64, shape (n, 2)
        Column 0: the shared :math:`p` (-1 if none); column 1: :math:`1 / \ln(1 - p)`
        for :math:`0 < p < 1`, else -1.

    Examples
    --------
    >>> import numpy as np
    >>> from clusternet.kernels.targeting import uniform_rows
    >>> indptr = np.array([0, 2, 4, 4], dtype=np.int64)
    >>> rows = uniform_rows(indptr, np.array([0.5, 0.5, 0.2, 0.3]))
    >>> np.round(rows, 4).tolist()
    [[0.5, -1.4427], [-1.0, -1.0], [-1.0, -1.0]]
    """
    n = indptr.shape[0] - 1
    out = np.full((n, 2), -1.0)
    for v in range(n):
        lo = indptr[v]
        hi = indptr[v + 1]
        if hi <= lo:
            continue
        p = prob[lo]
        same = True
        for e in range(lo + 1, hi):
            if prob[e] != p:
                same = False
                break
        if same:
            out[v, 0] = p
            if 0.0 < p < 1.0:
                out[v, 1] = 1.0 / np.log1p(-p)
    return out


@njit(cache=True, nogil=True)
def _rr_ic(indptr, indices, prob, row_p, n, s, seed, stamp, mark, queue, out, write):
    """One IC RR set (stream ``s``): its size; its actors into ``out`` when ``write``."""
    state, v = _start(seed, s, n)
    head = 0
    tail = 1
    queue[0] = v
    stamp[v] = mark
    while head < tail:
        w = queue[head]
        head += 1
        lo = indptr[w]
        hi = indptr[w + 1]
        shared = row_p[w, 0]
        if shared >= 1.0:
            for e in range(lo, hi):
                x = indices[e]
                if stamp[x] != mark:
                    stamp[x] = mark
                    queue[tail] = x
                    tail += 1
        elif shared > 0.0 and hi - lo <= SKIP_FROM:
            # a short row: one cheap draw per tie beats the logarithms of a skip
            for e in range(lo, hi):
                state, u = next_uniform(state)
                if u < shared:
                    x = indices[e]
                    if stamp[x] != mark:
                        stamp[x] = mark
                        queue[tail] = x
                        tail += 1
        elif shared > 0.0:
            # geometric skips over ties that share one probability
            inv_log_q = row_p[w, 1]
            e = lo - 1
            while True:
                state, u = next_uniform(state)
                gap = np.floor(np.log1p(-u) * inv_log_q)
                if gap >= hi - 1 - e:
                    break
                e += np.int64(gap) + 1
                x = indices[e]
                if stamp[x] != mark:
                    stamp[x] = mark
                    queue[tail] = x
                    tail += 1
        elif shared < 0.0:
            for e in range(lo, hi):
                x = indices[e]
                if stamp[x] == mark:
                    continue
                p = prob[e]
                if p <= 0.0:
                    continue
                if p < 1.0:
                    state, u = next_uniform(state)
                    if u >= p:
                        continue
                stamp[x] = mark
                queue[tail] = x
                tail += 1
    if write:
        for i in range(tail):
            out[i] = queue[i]
    return tail


@njit(cache=True, nogil=True)
def _rr_lt(indptr, indices, weight, n, s, seed, stamp, mark, queue, out, write):
    """One LT RR set (stream ``s``): a reverse random walk until a revisit or no step."""
    state, v = _start(seed, s, n)
    size = 0
    while True:
        stamp[v] = mark
        queue[size] = v
        size += 1
        state, u = next_uniform(state)
        nxt = -1
        acc = 0.0
        for e in range(indptr[v], indptr[v + 1]):
            acc += weight[e]
            if u < acc:
                nxt = indices[e]
                break
        if nxt < 0 or stamp[nxt] == mark:
            break
        v = nxt
    if write:
        for i in range(size):
            out[i] = queue[i]
    return size


@njit(cache=True, nogil=True, parallel=True)
def rr_sets(
    indptr, indices, values, row_p, lt, n, first, count, seed, chunks, sizes, offsets, nodes, write
):
    """Sizes (``write`` False) or contents (``write`` True) of RR sets ``first .. first+count-1``.

    ``sizes[j]`` receives the size of set ``first + j``; with ``write``,
    ``nodes[offsets[j] : offsets[j] + sizes[j]]`` receives its actors. Sets are
    split into ``chunks`` contiguous blocks, each with its own visit stamps.

    Parameters
    ----------
    indptr, indices : ndarray of int64, ndarray of int32
        In-tie CSR (row ``v``: the actors that can activate ``v``).
    values : ndarray of float64
        Tie probabilities (IC) or in-weights (LT).
    row_p : ndarray of float64, shape (n, 2)
        :func:`uniform_rows` of ``values`` (IC only).
    lt : bool
        Linear threshold (a reverse random walk) instead of independent cascade.
    n : int
        Number of actors (roots are drawn uniformly).
    first, count : int
        The sets to sample; set ``s`` uses stream ``s`` of ``seed``.
    seed : uint64
        Root seed.
    chunks : int
        Sets are split into this many contiguous blocks (one parallel task each).
    sizes : ndarray of int64, shape (count,)
        Output: each set's size.
    offsets : ndarray of int64, shape (count,)
        Where each set's actors go in ``nodes`` (read with ``write``).
    nodes : ndarray of int32
        Output with ``write``: the sets' actors.
    write : bool
        Write the contents (second pass) or only the sizes (first pass).

    Examples
    --------
    Reverse-reachable sets on the in-ties of the chain 0 → 1 → 2 with probability 1: a set is its root and everyone upstream:

    >>> import numpy as np
    >>> from clusternet.kernels.targeting import rr_sets, uniform_rows
    >>> indptr, indices = np.array([0, 0, 1, 2], dtype=np.int64), np.array([0, 1], dtype=np.uint32)
    >>> values = np.ones(2)
    >>> args = (indptr, indices, values, uniform_rows(indptr, values), False, 3)
    >>> sizes = np.zeros(6, dtype=np.int64)
    >>> rr_sets(*args, 0, 6, np.uint64(1), 1, sizes, sizes, np.zeros(0, dtype=np.int32), False)
    >>> offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    >>> nodes = np.empty(int(sizes.sum()), dtype=np.int32)
    >>> rr_sets(*args, 0, 6, np.uint64(1), 1, sizes, offsets, nodes, True)
    >>> sorted({tuple(sorted(nodes[o:o + s].tolist())) for o, s in zip(offsets, sizes)})
    [(0,), (0, 1)]
    """
    per = (count + chunks - 1) // chunks
    for c in prange(chunks):
        stamp = np.zeros(n, dtype=np.int32)  # marks are set numbers + 1 (< 2**31: MAX_RR_ENTRIES)
        queue = np.empty(n, dtype=np.int32)
        lo = c * per
        hi = min(count, lo + per)
        for j in range(lo, hi):
            s = first + j
            start = offsets[j] if write else 0
            out = nodes[start:] if write else queue
            if lt:
                k = _rr_lt(indptr, indices, values, n, s, seed, stamp, j + 1, queue, out, write)
            else:
                k = _rr_ic(
                    indptr, indices, values, row_p, n, s, seed, stamp, j + 1, queue, out, write
                )
            sizes[j] = k


@njit(cache=True, nogil=True, inline="always")
def _heap_offer(heap, size, value):
    """Keep the ``len(heap)`` largest values offered so far in a min-heap; returns the new size."""
    if size < heap.shape[0]:
        i = size
        heap[i] = value
        while i > 0:
            parent = (i - 1) // 2
            if heap[parent] <= heap[i]:
                break
            heap[parent], heap[i] = heap[i], heap[parent]
            i = parent
        return size + 1
    if value <= heap[0]:
        return size
    heap[0] = value
    i = 0
    while True:
        left = 2 * i + 1
        if left >= size:
            break
        child = left
        if left + 1 < size and heap[left + 1] < heap[left]:
            child = left + 1
        if heap[child] >= heap[i]:
            break
        heap[child], heap[i] = heap[i], heap[child]
        i = child
    return size


@njit(cache=True, nogil=True, parallel=True)
def member_lists(set_ptr, set_nodes, slot, n_slots, chunks):
    """For the actors with ``slot[v] >= 0``: the RR sets containing each (CSR by slot).

    Sets are split into ``chunks`` contiguous blocks; each block counts its
    entries per slot, the counts are laid out block after block within each
    slot's list, and each block fills its own part (disjoint writes, so the
    lists come out in set order whatever the thread count). Building lists
    only for the actors greedy may pick, rather than inverting every set,
    keeps the passes sequential.

    Parameters
    ----------
    set_ptr : ndarray of int64, shape (sets + 1,)
        Where each RR set starts in ``set_nodes``.
    set_nodes : ndarray of int32
        The sets' actors, concatenated.
    slot : ndarray of int64, shape (n,)
        List number of each actor that gets a list, -1 for the others.
    n_slots : int
        Number of lists.
    chunks : int
        Sets are split into this many blocks.

    Returns
    -------
    ptr : ndarray of int64, shape (n_slots + 1,)
        Where each list starts.
    sets : ndarray of int64
        The sets containing each listed actor, in set order.

    Examples
    --------
    Sets {0, 1}, {1}, {1, 2}; lists for actors 1 (slot 0) and 2 (slot 1):

    >>> import numpy as np
    >>> from clusternet.kernels.targeting import member_lists
    >>> set_ptr = np.array([0, 2, 3, 5], dtype=np.int64)
    >>> set_nodes = np.array([0, 1, 1, 1, 2], dtype=np.int32)
    >>> ptr, lists = member_lists(set_ptr, set_nodes, np.array([-1, 0, 1], dtype=np.int64), 2, 1)
    >>> ptr.tolist(), lists.tolist()
    ([0, 3, 4], [0, 1, 2, 2])
    """
    n_sets = set_ptr.shape[0] - 1
    per = (n_sets + chunks - 1) // chunks
    counts = np.zeros((chunks, n_slots), dtype=np.int64)
    for c in prange(chunks):
        for s in range(c * per, min(n_sets, (c + 1) * per)):
            for e in range(set_ptr[s], set_ptr[s + 1]):
                j = slot[set_nodes[e]]
                if j >= 0:
                    counts[c, j] += 1
    ptr = np.zeros(n_slots + 1, dtype=np.int64)
    start = np.zeros((chunks, n_slots), dtype=np.int64)
    for j in range(n_slots):
        pos = ptr[j]
        for c in range(chunks):
            start[c, j] = pos
            pos += counts[c, j]
        ptr[j + 1] = pos
    out = np.empty(ptr[-1], dtype=np.int64)
    for c in prange(chunks):
        fill = start[c].copy()
        for s in range(c * per, min(n_sets, (c + 1) * per)):
            for e in range(set_ptr[s], set_ptr[s + 1]):
                j = slot[set_nodes[e]]
                if j >= 0:
                    out[fill[j]] = s
                    fill[j] += 1
    return ptr, out


@njit(cache=True, nogil=True, inline="always")
def _score(deg, cost, v, budgeted):
    if not budgeted:
        return float(deg[v])
    return deg[v] / cost[v] if cost[v] > 0 else np.inf


@njit(cache=True, nogil=True)
def greedy_cover(
    set_ptr, set_nodes, n, k, candidate, cost, budget, picks, gains, bound, initial, chunks
):
    """Greedy maximum coverage of RR sets: ``k`` picks, or cost-effective picks within ``budget``.

    Without a budget (``budget < 0``) each step takes the candidate covering the
    most uncovered sets (ties: the lowest index). With a budget, each step takes
    the affordable candidate with the most newly covered sets per unit cost;
    the single affordable candidate covering the most sets is kept as the
    alternative (Khuller, Moss & Naor 1999) and returned instead when it covers
    more. ``picks``/``gains`` receive the chosen actors and the sets each newly
    covers (-1 padding); returns the number of picks. ``initial[v]`` is the
    number of sets holding ``v``.

    The sets containing an actor are listed only when that actor is picked:
    a pick without a list triggers one pass that lists it together with the
    best-scoring unlisted candidates (a batch), so a run usually takes one or
    two sequential passes instead of inverting every set.

    When ``bound`` has an entry (no budget), ``bound[0]`` receives an upper bound
    on the sets any ``k`` candidates cover: by submodularity, for every greedy
    prefix ``S_i``, ``cov(S*) <= cov(S_i) + (sum of the k largest marginal
    coverages)``; the least over ``i = 0..k`` is kept (Tang et al. 2018, OPIM-C).

    Parameters
    ----------
    set_ptr : ndarray of int64, shape (sets + 1,)
        Where each RR set starts in ``set_nodes``.
    set_nodes : ndarray of int32
        The sets' actors, concatenated.
    n : int
        Number of actors.
    k : int
        Picks at most.
    candidate : ndarray of bool, shape (n,)
        The actors that may be picked.
    cost : ndarray of float64, shape (n,)
        Cost of each actor (read with a budget).
    budget : float
        Total cost allowed; negative for no budget.
    picks, gains : ndarray of int64, shape (k,)
        Output, as above.
    bound : ndarray of float64, shape (0,) or (1,)
        Output, as above (empty: not computed).
    initial : ndarray of int64, shape (n,)
        Sets holding each actor.
    chunks : int
        Blocks of sets for the listing passes.

    Returns
    -------
    int
        The number of picks.

    Examples
    --------
    Sets {0, 1}, {1}, {1, 2}, {2}: actor 1 covers three, then actor 2 the last one:

    >>> import numpy as np
    >>> from clusternet.kernels.targeting import greedy_cover
    >>> set_ptr = np.array([0, 2, 3, 5, 6], dtype=np.int64)
    >>> set_nodes = np.array([0, 1, 1, 1, 2, 2], dtype=np.int32)
    >>> picks, gains = np.empty(2, dtype=np.int64), np.empty(2, dtype=np.int64)
    >>> initial = np.bincount(set_nodes, minlength=3).astype(np.int64)
    >>> count = greedy_cover(set_ptr, set_nodes, 3, 2, np.ones(3, dtype=np.bool_), np.ones(3), -1.0,
    ...                      picks, gains, np.zeros(1), initial, 1)
    >>> count, picks.tolist(), gains.tolist()
    (2, [1, 2], [3, 1])
    """
    n_sets = set_ptr.shape[0] - 1
    deg = initial.copy()
    covered = np.zeros(n_sets, dtype=np.bool_)
    chosen = np.zeros(n, dtype=np.bool_)
    listed = np.zeros(n, dtype=np.bool_)
    where = np.full(n, -1, dtype=np.int64)  # batch of an actor's list
    offset = np.zeros(n, dtype=np.int64)  # its position in that batch
    batch_ptrs = []
    batch_sets = []
    for i in range(picks.shape[0]):
        picks[i] = -1
        gains[i] = -1
    budgeted = budget >= 0.0
    best_single = -1
    if budgeted:
        for v in range(n):
            if candidate[v] and cost[v] <= budget:
                if best_single < 0 or deg[v] > deg[best_single]:
                    best_single = v
    want_bound = bound.shape[0] > 0 and not budgeted
    heap = np.zeros(max(k, 1), dtype=np.int64)
    if want_bound:
        bound[0] = np.inf
    batch = max(4 * k, 1024)
    remaining = budget
    count = 0
    total = 0
    limit = picks.shape[0]
    while True:
        pick = -1
        best = -1.0
        size = 0
        for v in range(n):
            if not candidate[v] or chosen[v]:
                continue
            if want_bound:
                size = _heap_offer(heap, size, deg[v])
            if budgeted and cost[v] > remaining:
                continue
            score = _score(deg, cost, v, budgeted)
            if score > best:
                best = score
                pick = v
        if want_bound:
            top = 0
            for i in range(min(size, k)):  # k = 0: no pick, no coverage
                top += heap[i]
            bound[0] = min(bound[0], float(total + top))
        if count >= limit or pick < 0:
            break
        if not listed[pick]:
            # list the pick and the next-best unlisted candidates in one pass
            scores = np.full(n, -1.0)
            for v in range(n):
                if candidate[v] and not chosen[v] and not listed[v]:
                    scores[v] = _score(deg, cost, v, budgeted)
            order = np.argsort(-scores, kind="mergesort")
            slot = np.full(n, -1, dtype=np.int64)
            slot[pick] = 0
            members = 1
            for i in range(n):
                if members >= batch:
                    break
                v = order[i]
                if scores[v] < 0.0:
                    break
                if v != pick:
                    slot[v] = members
                    members += 1
            b = len(batch_ptrs)
            for v in range(n):
                j = slot[v]
                if j >= 0:
                    listed[v] = True
                    where[v] = b
                    offset[v] = j
            ptr, lists = member_lists(set_ptr, set_nodes, slot, members, chunks)
            batch_ptrs.append(ptr)
            batch_sets.append(lists)
        chosen[pick] = True
        picks[count] = pick
        gains[count] = deg[pick]
        total += deg[pick]
        count += 1
        if budgeted:
            remaining -= cost[pick]
        ptr = batch_ptrs[where[pick]]
        lists = batch_sets[where[pick]]
        j = offset[pick]
        for e in range(ptr[j], ptr[j + 1]):
            s = lists[e]
            if covered[s]:
                continue
            covered[s] = True
            for f in range(set_ptr[s], set_ptr[s + 1]):
                deg[set_nodes[f]] -= 1
    if budgeted and best_single >= 0:
        single = initial[best_single]
        if single > total:
            for i in range(count):
                picks[i] = -1
                gains[i] = -1
            picks[0] = best_single
            gains[0] = single
            count = 1
    return count


@njit(cache=True, nogil=True, parallel=True)
def rr_sets_regions(
    indptr, indices, values, row_p, lt, n, first, count, seed, chunks, sizes, region, buffer, used
):
    """RR sets ``first .. first+count-1`` in one pass, each chunk writing into its own region.

    Chunk ``c`` takes a contiguous block of sets and appends them to
    ``buffer[region[c] : region[c + 1]]``; ``used[c]`` receives the entries it
    wrote, or -1 when its region was too small (the caller then falls back to
    :func:`rr_sets`). Same streams, hence the same sets, as :func:`rr_sets`.

    Parameters
    ----------
    indptr, indices : ndarray of int64, ndarray of int32
        In-tie CSR (row ``v``: the actors that can activate ``v``).
    values : ndarray of float64
        Tie probabilities (IC) or in-weights (LT).
    row_p : ndarray of float64, shape (n, 2)
        :func:`uniform_rows` of ``values`` (IC only).
    lt : bool
        Linear threshold (a reverse random walk) instead of independent cascade.
    n : int
        Number of actors (roots are drawn uniformly).
    first, count : int
        The sets to sample; set ``s`` uses stream ``s`` of ``seed``.
    seed : uint64
        Root seed.
    chunks : int
        Sets are split into this many contiguous blocks (one parallel task each).
    sizes : ndarray of int64, shape (count,)
        Output: each set's size.
    region : ndarray of int64, shape (chunks + 1,)
        Each chunk's region of ``buffer``.
    buffer : ndarray of int32
        Output: the sets' actors, chunk by chunk.
    used : ndarray of int64, shape (chunks,)
        Output, as above.

    Examples
    --------
    The sets of :func:`rr_sets`' example in one pass, into one region:

    >>> import numpy as np
    >>> from clusternet.kernels.targeting import rr_sets_regions, uniform_rows
    >>> indptr, indices = np.array([0, 0, 1, 2], dtype=np.int64), np.array([0, 1], dtype=np.uint32)
    >>> values = np.ones(2)
    >>> args = (indptr, indices, values, uniform_rows(indptr, values), False, 3)
    >>> sizes, used = np.zeros(6, dtype=np.int64), np.zeros(1, dtype=np.int64)
    >>> buffer = np.empty(32, dtype=np.int32)
    >>> rr_sets_regions(*args, 0, 6, np.uint64(1), 1, sizes, np.array([0, 32], dtype=np.int64), buffer, used)
    >>> int(used[0]) == int(sizes.sum()), sorted(set(sizes.tolist())) <= [1, 2, 3]
    (True, True)
    """
    per = (count + chunks - 1) // chunks
    for c in prange(chunks):
        stamp = np.zeros(n, dtype=np.int32)  # marks are set numbers + 1 (< 2**31: MAX_RR_ENTRIES)
        queue = np.empty(n, dtype=np.int32)
        lo = c * per
        hi = min(count, lo + per)
        pos = region[c]
        end = region[c + 1]
        ok = True
        for j in range(lo, hi):
            s = first + j
            if lt:
                k = _rr_lt(indptr, indices, values, n, s, seed, stamp, j + 1, queue, queue, False)
            else:
                k = _rr_ic(
                    indptr, indices, values, row_p, n, s, seed, stamp, j + 1, queue, queue, False
                )
            sizes[j] = k
            if ok and pos + k <= end:
                for i in range(k):
                    buffer[pos + i] = queue[i]
                pos += k
            else:
                ok = False
        used[c] = pos - region[c] if ok else -1


@njit(cache=True, nogil=True)
def first_cover_counts(set_ptr, set_nodes, rank, k):
    """Per pick rank ``0..k-1``: the sets whose earliest pick (least ``rank``) is that one.

    ``rank[v]`` is the position of actor ``v`` among the picks, or -1. The counts
    are the picks' marginal coverages in pick order; they sum to the sets covered.

    Parameters
    ----------
    set_ptr : ndarray of int64, shape (sets + 1,)
        Where each RR set starts in ``set_nodes``.
    set_nodes : ndarray of int32
        The sets' actors, concatenated.
    rank : ndarray of int64, shape (n,)
        Pick rank of each actor, -1 if not picked.
    k : int
        Number of picks.

    Returns
    -------
    ndarray of int64, shape (k,)
        Sets first covered by each pick.

    Examples
    --------
    Sets {0, 1}, {1}, {1, 2}, {2} with picks 1 (rank 0) then 2 (rank 1):

    >>> import numpy as np
    >>> from clusternet.kernels.targeting import first_cover_counts
    >>> set_ptr = np.array([0, 2, 3, 5, 6], dtype=np.int64)
    >>> set_nodes = np.array([0, 1, 1, 1, 2, 2], dtype=np.int32)
    >>> first_cover_counts(set_ptr, set_nodes, np.array([-1, 0, 1], dtype=np.int64), 2).tolist()
    [3, 1]
    """
    counts = np.zeros(k, dtype=np.int64)
    for s in range(set_ptr.shape[0] - 1):
        first = k
        for e in range(set_ptr[s], set_ptr[s + 1]):
            r = rank[set_nodes[e]]
            if 0 <= r < first:
                first = r
        if first < k:
            counts[first] += 1
    return counts
