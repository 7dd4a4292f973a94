"""Shortest-path sampling for approximate betweenness (KADABRA; Borassi & Natale 2016).

One sample draws an ordered pair ``s != t`` uniformly, finds all shortest
``s``–``t`` paths with a *balanced bidirectional BFS* (the side whose frontier
has the smaller degree sum grows by one level), picks one of them uniformly at
random and counts its internal vertices. ``count(v) / samples`` is an unbiased
estimate of ``b(v) = 1 / (n (n - 1)) * sum_{s != t} sigma_st(v) / sigma_st``.
Sample ``k`` uses stream ``k`` of the seed and counts are integers, so the sum
does not depend on how samples are spread over threads.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

from clusternet.kernels.rng import next_below, next_uniform, stream


@njit(cache=True, nogil=True)
def _sample_path(
    indptr, indices, in_indptr, in_indices, s, t, state, ball, dist, sigma, queue, row
):
    """Sample one shortest s-t path; add 1 to ``row`` for its internal vertices. Returns state."""
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
            # grow the s side by one level over out-neighbours
            a, b = start_s, end_s
            start_s = end_q
            deg_s = 0
            for q in range(a, b):
                x = queue[q]
                dx = dist[x] + 1
                for k in range(indptr[x], indptr[x + 1]):
                    y = indices[k]
                    if ball[y] == 0:
                        ball[y] = 1
                        dist[y] = dx
                        sigma[y] = sigma[x]
                        queue[end_q] = y
                        end_q += 1
                        deg_s += indptr[y + 1] - indptr[y]
                    elif ball[y] == 2:
                        found = True
                        w = sigma[x] * sigma[y]
                        total += w
                        state, u = next_uniform(state)
                        if u * total < w:
                            pick_x = x
                            pick_y = y
                    elif dist[y] == dx:
                        sigma[y] += sigma[x]
            end_s = end_q
            if deg_s == 0:
                break
        else:
            # grow the t side by one level over in-neighbours
            a, b = start_t, end_t
            start_t = end_q
            deg_t = 0
            for q in range(a, b):
                y = queue[q]
                dy = dist[y] + 1
                for k in range(in_indptr[y], in_indptr[y + 1]):
                    x = in_indices[k]
                    if ball[x] == 0:
                        ball[x] = 2
                        dist[x] = dy
                        sigma[x] = sigma[y]
                        queue[end_q] = x
                        end_q += 1
                        deg_t += in_indptr[x + 1] - in_indptr[x]
                    elif ball[x] == 1:
                        found = True
                        w = sigma[x] * sigma[y]
                        total += w
                        state, u = next_uniform(state)
                        if u * total < w:
                            pick_x = x
                            pick_y = y
                    elif dist[x] == dy:
                        sigma[x] += sigma[y]
            end_t = end_q
            if deg_t == 0:
                break
    if found:
        # walk back from pick_x to s over in-neighbours one level closer to s
        x = pick_x
        while x != s:
            row[x] += 1
            state, u = next_uniform(state)
            target = u * sigma[x]
            acc = 0.0
            nxt = -1
            for k in range(in_indptr[x], in_indptr[x + 1]):
                p = in_indices[k]
                if ball[p] == 1 and dist[p] == dist[x] - 1:
                    acc += sigma[p]
                    nxt = p
                    if acc > target:
                        break
            x = nxt
        y = pick_y
        while y != t:
            row[y] += 1
            state, u = next_uniform(state)
            target = u * sigma[y]
            acc = 0.0
            nxt = -1
            for k in range(indptr[y], indptr[y + 1]):
                p = indices[k]
                if ball[p] == 2 and dist[p] == dist[y] - 1:
                    acc += sigma[p]
                    nxt = p
                    if acc > target:
                        break
            y = nxt
    for q in range(end_q):
        ball[queue[q]] = 0
    return state


@njit(cache=True, nogil=True, parallel=True)
def sample_paths(
    indptr, indices, in_indptr, in_indices, component, seed, start, count, n_chunks, counts
):
    """Run samples ``start .. start + count - 1``; ``counts[c]`` gets chunk c's vertex counts.

    ``component`` holds a component label per vertex (weak components for
    undirected graphs; all zeros for directed ones): pairs in different
    components have no path and count as empty samples.
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
            _sample_path(
                indptr, indices, in_indptr, in_indices, s, t, state, ball, dist, sigma, queue, row
            )
