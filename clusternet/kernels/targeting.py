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


@njit(cache=True, nogil=True)
def _rr_ic(indptr, indices, prob, n, s, seed, stamp, mark, queue, out, write):
    """One IC RR set (stream ``s``): its size; its actors into ``out`` when ``write``."""
    state = stream(seed, s)
    state, u = next_uniform(state)
    v = min(np.int64(u * n), n - 1)
    head = 0
    tail = 1
    queue[0] = v
    stamp[v] = mark
    while head < tail:
        w = queue[head]
        head += 1
        for e in range(indptr[w], indptr[w + 1]):
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
    state = stream(seed, s)
    state, u = next_uniform(state)
    v = min(np.int64(u * n), n - 1)
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
    indptr, indices, values, lt, n, first, count, seed, chunks, sizes, offsets, nodes, write
):
    """Sizes (``write`` False) or contents (``write`` True) of RR sets ``first .. first+count-1``.

    ``sizes[j]`` receives the size of set ``first + j``; with ``write``,
    ``nodes[offsets[j] : offsets[j] + sizes[j]]`` receives its actors. Sets are
    split into ``chunks`` contiguous blocks, each with its own visit stamps.
    """
    per = (count + chunks - 1) // chunks
    for c in prange(chunks):
        stamp = np.zeros(n, dtype=np.int64)
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
                k = _rr_ic(indptr, indices, values, n, s, seed, stamp, j + 1, queue, out, write)
            sizes[j] = k


@njit(cache=True, nogil=True)
def _invert(set_ptr, set_nodes, n):
    """Actor -> RR sets containing it (CSR)."""
    n_sets = set_ptr.shape[0] - 1
    ptr = np.zeros(n + 1, dtype=np.int64)
    for e in range(set_nodes.shape[0]):
        ptr[set_nodes[e] + 1] += 1
    for v in range(n):
        ptr[v + 1] += ptr[v]
    fill = ptr[:-1].copy()
    sets = np.empty(set_nodes.shape[0], dtype=np.int64)
    for s in range(n_sets):
        for e in range(set_ptr[s], set_ptr[s + 1]):
            v = set_nodes[e]
            sets[fill[v]] = s
            fill[v] += 1
    return ptr, sets


@njit(cache=True, nogil=True)
def greedy_cover(set_ptr, set_nodes, n, k, candidate, cost, budget, picks, gains):
    """Greedy maximum coverage of RR sets: ``k`` picks, or cost-effective picks within ``budget``.

    Without a budget (``budget < 0``) each step takes the candidate covering the
    most uncovered sets (ties: the lowest index). With a budget, each step takes
    the affordable candidate with the most newly covered sets per unit cost;
    the single affordable candidate covering the most sets is kept as the
    alternative (Khuller, Moss & Naor 1999) and returned instead when it covers
    more. ``picks``/``gains`` receive the chosen actors and the sets each newly
    covers (-1 padding); returns the number of picks.
    """
    ptr, sets = _invert(set_ptr, set_nodes, n)
    n_sets = set_ptr.shape[0] - 1
    deg = np.zeros(n, dtype=np.int64)
    for v in range(n):
        deg[v] = ptr[v + 1] - ptr[v]
    covered = np.zeros(n_sets, dtype=np.bool_)
    chosen = np.zeros(n, dtype=np.bool_)
    for i in range(picks.shape[0]):
        picks[i] = -1
        gains[i] = -1
    best_single = -1
    if budget >= 0.0:
        for v in range(n):
            if candidate[v] and cost[v] <= budget:
                if best_single < 0 or deg[v] > deg[best_single]:
                    best_single = v
    remaining = budget
    count = 0
    limit = picks.shape[0]
    while count < limit:
        pick = -1
        best = -1.0
        for v in range(n):
            if not candidate[v] or chosen[v]:
                continue
            if budget >= 0.0:
                if cost[v] > remaining:
                    continue
                score = deg[v] / cost[v] if cost[v] > 0 else np.inf
            else:
                score = float(deg[v])
            if score > best:
                best = score
                pick = v
        if pick < 0:
            break
        chosen[pick] = True
        picks[count] = pick
        gains[count] = deg[pick]
        count += 1
        if budget >= 0.0:
            remaining -= cost[pick]
        for e in range(ptr[pick], ptr[pick + 1]):
            s = sets[e]
            if covered[s]:
                continue
            covered[s] = True
            for f in range(set_ptr[s], set_ptr[s + 1]):
                deg[set_nodes[f]] -= 1
    if budget >= 0.0 and best_single >= 0:
        total = 0
        for i in range(count):
            total += gains[i]
        single = ptr[best_single + 1] - ptr[best_single]
        if single > total:
            for i in range(count):
                picks[i] = -1
                gains[i] = -1
            picks[0] = best_single
            gains[0] = single
            count = 1
    return count


@njit(cache=True, nogil=True)
def coverage(set_ptr, set_nodes, members):
    """Number of RR sets that contain at least one actor with ``members[v]``."""
    total = 0
    for s in range(set_ptr.shape[0] - 1):
        for e in range(set_ptr[s], set_ptr[s + 1]):
            if members[set_nodes[e]]:
                total += 1
                break
    return total


@njit(cache=True, nogil=True, parallel=True)
def rr_sets_regions(
    indptr, indices, values, lt, n, first, count, seed, chunks, sizes, region, buffer, used
):
    """RR sets ``first .. first+count-1`` in one pass, each chunk writing into its own region.

    Chunk ``c`` takes a contiguous block of sets and appends them to
    ``buffer[region[c] : region[c + 1]]``; ``used[c]`` receives the entries it
    wrote, or -1 when its region was too small (the caller then falls back to
    :func:`rr_sets`). Same streams, hence the same sets, as :func:`rr_sets`.
    """
    per = (count + chunks - 1) // chunks
    for c in prange(chunks):
        stamp = np.zeros(n, dtype=np.int64)
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
                k = _rr_ic(indptr, indices, values, n, s, seed, stamp, j + 1, queue, queue, False)
            sizes[j] = k
            if ok and pos + k <= end:
                for i in range(k):
                    buffer[pos + i] = queue[i]
                pos += k
            else:
                ok = False
        used[c] = pos - region[c] if ok else -1
