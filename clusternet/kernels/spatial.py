r"""Distance-decayed partner sampling on a spatial grid (no O(N^2) step).

Candidates are bucketed by ``(group, grid cell)`` with a counting sort. To draw
a partner for actor ``i`` from group ``g``, a point is thrown at distance
:math:`r \sim \mathrm{Gamma}(2, \mathrm{scale})` in a uniform direction from ``i`` (so that
the landing density falls as :math:`\exp(-d / \mathrm{scale})` in the plane) and a member of ``g`` in the
landing cell is picked with probability proportional to its attractiveness
(e.g. size). Empty cells are retried; with probability ``p_long`` (and after
``max_tries`` misses) the partner is drawn from the whole group instead — the
long-range ties that make the graph a small world.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

from clusternet.kernels.rng import next_uniform, stream


@njit(cache=True, nogil=True, inline="always")
def _cell_of(px, py, x0, y0, cell, nx, ny):
    """Row-major grid cell of the point ``(px, py)``, clamped to the grid."""
    cx = min(max(np.int64((px - x0) / cell), 0), nx - 1)
    cy = min(max(np.int64((py - y0) / cell), 0), ny - 1)
    return cy * nx + cx


@njit(cache=True, nogil=True)
def grid_index(x, y, group, n_groups, x0, y0, cell, nx, ny, attractiveness):
    """Bucket actors by (group, cell). Returns members, key_ptr, prefix weights.

    Actors with ``group < 0`` are left out. ``key = group * nx * ny + cell``.

    Parameters
    ----------
    x, y : ndarray of float64, shape (n,)
        Actor coordinates.
    group : ndarray of int64, shape (n,)
        Each actor's group (-1: left out).
    n_groups : int
        Number of groups.
    x0, y0 : float
        The grid's lower-left corner.
    cell : float
        Side of a square cell.
    nx, ny : int
        Cells along x and y.
    attractiveness : ndarray of float64, shape (n,)
        Weight of each actor as a partner.

    Returns
    -------
    members : ndarray of int32
        Actors sorted by key (stably).
    key_ptr : ndarray of int64, shape (n_groups * nx * ny + 1,)
        ``members[key_ptr[k]:key_ptr[k + 1]]`` hold key ``k``.
    prefix : ndarray of float64, shape (len(members) + 1,)
        Running sums of the members' attractiveness.

    Examples
    --------
    Three actors of one group on a 2 × 1 grid of 1-km cells:

    >>> import numpy as np
    >>> from clusternet.kernels.spatial import grid_index
    >>> x, y = np.array([0.2, 1.5, 0.7]), np.array([0.5, 0.5, 0.5])
    >>> members, key_ptr, prefix = grid_index(x, y, np.zeros(3, dtype=np.int64), 1, 0.0, 0.0, 1.0, 2, 1,
    ...                                       np.ones(3))
    >>> members.tolist(), key_ptr.tolist(), prefix.tolist()
    ([0, 2, 1], [0, 2, 3], [0.0, 1.0, 2.0, 3.0])
    """
    n = x.shape[0]
    n_cells = nx * ny
    n_keys = n_groups * n_cells
    counts = np.zeros(n_keys + 1, dtype=np.int64)
    keys = np.empty(n, dtype=np.int64)
    for i in range(n):
        g = group[i]
        if g < 0:
            keys[i] = -1
            continue
        k = g * n_cells + _cell_of(x[i], y[i], x0, y0, cell, nx, ny)
        keys[i] = k
        counts[k + 1] += 1
    key_ptr = np.cumsum(counts)
    cursor = key_ptr[:-1].copy()
    members = np.empty(key_ptr[-1], dtype=np.int32)
    for i in range(n):
        k = keys[i]
        if k >= 0:
            members[cursor[k]] = i
            cursor[k] += 1
    prefix = np.zeros(members.shape[0] + 1, dtype=np.float64)
    for a in range(members.shape[0]):
        prefix[a + 1] = prefix[a] + attractiveness[members[a]]
    return members, key_ptr, prefix


@njit(cache=True, nogil=True)
def cell_order(x, y, sources, x0, y0, cell, nx, ny):
    """Positions ``0 .. len(sources) - 1`` ordered by their source's grid cell (stable).

    A counting sort by cell (row-major). Visiting sources in this order keeps the
    cells a draw lands in, and their members, in cache from one source to the next;
    it does not change what is drawn (each source has its own random stream).

    Parameters
    ----------
    x, y : ndarray of float64, shape (n,)
        Actor coordinates.
    sources : ndarray of int32
        The sources (actor indices).
    x0, y0 : float
        The grid's lower-left corner.
    cell : float
        Side of a square cell.
    nx, ny : int
        Cells along x and y.

    Returns
    -------
    ndarray of int64, shape (len(sources),)
        Positions into ``sources``.

    Examples
    --------
    >>> import numpy as np
    >>> from clusternet.kernels.spatial import cell_order
    >>> x, y = np.array([1.5, 0.2, 1.7]), np.array([0.5, 0.5, 0.5])
    >>> cell_order(x, y, np.arange(3, dtype=np.int64), 0.0, 0.0, 1.0, 2, 1).tolist()
    [1, 0, 2]
    """
    n_cells = nx * ny
    m = sources.shape[0]
    counts = np.zeros(n_cells + 1, dtype=np.int64)
    cells = np.empty(m, dtype=np.int64)
    for s in range(m):
        i = sources[s]
        k = _cell_of(x[i], y[i], x0, y0, cell, nx, ny)
        cells[s] = k
        counts[k + 1] += 1
    for k in range(n_cells):
        counts[k + 1] += counts[k]
    order = np.empty(m, dtype=np.int64)
    for s in range(m):
        k = cells[s]
        order[counts[k]] = s
        counts[k] += 1
    return order


@njit(cache=True, nogil=True, inline="always")
def _pick_weighted(prefix, members, lo, hi, u):
    """Member in [lo, hi) with probability proportional to its weight; -1 if none."""
    if hi <= lo:
        return -1
    total = prefix[hi] - prefix[lo]
    if total <= 0.0:
        return -1
    target = prefix[lo] + u * total
    a = lo
    b = hi - 1
    while a < b:  # first index whose prefix[idx + 1] > target
        mid = (a + b) // 2
        if prefix[mid + 1] > target:
            b = mid
        else:
            a = mid + 1
    return members[a]


@njit(cache=True, nogil=True, parallel=True)
def sample_partners(
    sources,
    order,
    offsets,
    src_class,
    mix_cum,
    x,
    y,
    members,
    key_ptr,
    prefix,
    x0,
    y0,
    cell,
    nx,
    ny,
    scale,
    p_long,
    max_tries,
    seed,
    out,
):
    """For each source ``sources[s]``, draw ``offsets[s+1] - offsets[s]`` partners into ``out``.

    The target group of each draw comes from the cumulative row
    ``mix_cum[src_class[s]]``. ``out`` receives -1 where no partner exists (empty
    group, or the draw hit the source itself). Stream ``s`` of ``seed`` drives
    source ``s``, so the result depends neither on the number of threads nor on
    ``order``, a permutation of the sources' positions in which they are visited
    (:func:`cell_order` keeps the grid in cache: draws land near their source).

    Parameters
    ----------
    sources : ndarray of int32
        Source actors.
    order : ndarray of int64
        Visiting order of the sources' positions (:func:`cell_order`).
    offsets : ndarray of int64, shape (len(sources) + 1,)
        Draw ranges per source in ``out``.
    src_class : ndarray of int64
        Each source's row of ``mix_cum``.
    mix_cum : ndarray of float64, shape (classes, n_groups)
        Cumulative probabilities of each target group.
    x, y : ndarray of float64, shape (n,)
        Actor coordinates.
    members, key_ptr, prefix : ndarray
        The index of :func:`grid_index`.
    x0, y0 : float
        The grid's lower-left corner.
    cell : float
        Side of a square cell.
    nx, ny : int
        Cells along x and y.
    scale : float
        Distance scale: a local draw lands at distance :math:`r = s (E_1 + E_2)`
        (two unit exponentials, a Gamma(2, :math:`s`) distance) in a uniform direction
        and picks an attractiveness-weighted member of the target group in that cell.
    p_long : float
        Probability of a long-range draw: an attractiveness-weighted member of the
        whole group, wherever it is.
    max_tries : int
        Local draws tried (landing outside the grid or in an empty cell) before
        falling back to a long-range draw.
    seed : uint64
        Root seed (stream ``s`` per source).
    out : ndarray of int64
        Output: the partner of each draw, or -1.

    Examples
    --------
    Two actors close together and one far away: with a short distance scale actor 0 draws actor 1:

    >>> import numpy as np
    >>> from clusternet.kernels.spatial import grid_index, sample_partners
    >>> x, y = np.array([0.1, 0.2, 9.5]), np.array([0.1, 0.2, 0.5])
    >>> members, key_ptr, prefix = grid_index(x, y, np.zeros(3, dtype=np.int64), 1, 0.0, 0.0, 1.0, 10, 1,
    ...                                       np.ones(3))
    >>> sources, offsets = np.array([0], dtype=np.int64), np.array([0, 3], dtype=np.int64)
    >>> out = np.empty(3, dtype=np.int32)
    >>> sample_partners(sources, np.zeros(1, dtype=np.int64), offsets, np.zeros(1, dtype=np.int64),
    ...                 np.array([[1.0 + 1e-12]]), x, y, members, key_ptr, prefix, 0.0, 0.0, 1.0, 10, 1,
    ...                 0.5, 0.0, 8, np.uint64(1), out)
    >>> sorted(set(out.tolist()) - {-1})
    [1]
    """
    n_cells = nx * ny
    n_groups = mix_cum.shape[1]
    for t in prange(order.shape[0]):
        s = order[t]
        i = sources[s]
        state = stream(seed, s)
        row = mix_cum[src_class[s]]
        for e in range(offsets[s], offsets[s + 1]):
            state, u = next_uniform(state)
            g = 0
            while g < n_groups - 1 and u >= row[g]:
                g += 1
            glo = key_ptr[g * n_cells]
            ghi = key_ptr[(g + 1) * n_cells]
            pick = -1
            state, u = next_uniform(state)
            if u >= p_long:
                for _ in range(max_tries):
                    state, u1 = next_uniform(state)
                    state, u2 = next_uniform(state)
                    state, u3 = next_uniform(state)
                    r = -scale * (np.log(1.0 - u1) + np.log(1.0 - u2))
                    theta = 2.0 * np.pi * u3
                    px = x[i] + r * np.cos(theta)
                    py = y[i] + r * np.sin(theta)
                    fx = (px - x0) / cell
                    fy = (py - y0) / cell
                    # bounds in floating point before the cast (a far draw must not wrap)
                    if not (fx >= 0.0 and fy >= 0.0 and fx < nx and fy < ny):
                        continue
                    cx = min(np.int64(fx), nx - 1)
                    cy = min(np.int64(fy), ny - 1)
                    k = g * n_cells + cy * nx + cx
                    state, u = next_uniform(state)
                    pick = _pick_weighted(prefix, members, key_ptr[k], key_ptr[k + 1], u)
                    if pick >= 0 and pick != i:
                        break
                    pick = -1
            if pick < 0:
                state, u = next_uniform(state)
                pick = _pick_weighted(prefix, members, glo, ghi, u)
            if pick == i:
                pick = -1
            out[e] = pick


@njit(cache=True, nogil=True, parallel=True)
def triadic_closure(indptr, indices, prob, seed, out_a, out_b):
    """For each node, with probability ``prob``, join two distinct random neighbours.

    Writes the pair into ``out_a[i], out_b[i]`` (or -1) — friend-of-a-friend ties
    that raise clustering (Davidsen, Ebel & Bornholdt 2002).

    Parameters
    ----------
    indptr, indices : ndarray of int64, ndarray of int32
        Neighbour CSR.
    prob : float
        Probability that a node introduces two of its neighbours.
    seed : uint64
        Root seed (stream ``i`` per node).
    out_a, out_b : ndarray of int64, shape (n,)
        Output, as above.

    Examples
    --------
    With probability 1 the middle of the path 0 — 1 — 2 introduces its two neighbours:

    >>> import numpy as np
    >>> import scipy.sparse as sp
    >>> from clusternet.kernels.csr import kernel_arrays
    >>> path = sp.csr_array(([1.0] * 4, ([0, 1, 1, 2], [1, 0, 2, 1])), shape=(3, 3))
    >>> indptr, indices, data = kernel_arrays(path)
    >>> from clusternet.kernels.spatial import triadic_closure
    >>> a, b = np.empty(3, dtype=np.int32), np.empty(3, dtype=np.int32)
    >>> triadic_closure(indptr, indices, 1.0, np.uint64(1), a, b)
    >>> sorted([int(a[1]), int(b[1])]), int(a[0])
    ([0, 2], -1)
    """
    n = indptr.shape[0] - 1
    for i in prange(n):
        out_a[i] = -1
        out_b[i] = -1
        deg = indptr[i + 1] - indptr[i]
        if deg < 2:
            continue
        state = stream(seed, i)
        state, u = next_uniform(state)
        if u >= prob:
            continue
        state, u = next_uniform(state)
        a = np.int64(u * deg)
        state, u = next_uniform(state)
        b = np.int64(u * (deg - 1))
        if b >= a:
            b += 1
        out_a[i] = indices[indptr[i] + min(a, deg - 1)]
        out_b[i] = indices[indptr[i] + min(b, deg - 1)]


@njit(cache=True, nogil=True, parallel=True)
def embedded_partners(
    sources, offsets, target_class, indptr, indices, node_class, prob, seed, out, spatial
):
    """Draw a share of each source's partners among its neighbours in another layer.

    Source ``s`` (actor ``sources[s]``) makes ``offsets[s + 1] - offsets[s]`` draws,
    into ``out[offsets[s]:offsets[s + 1]]``; each draw is
    *embedded* with probability ``prob``: it picks uniformly among the source's
    neighbours ``j`` (row ``sources[s]`` of ``indptr/indices``) with
    ``node_class[j] == target_class[s]``. A draw that is not embedded, or finds
    no such neighbour, is left to spatial sampling: ``spatial[s]`` counts them.
    ``out`` receives the embedded partner or -1. Stream ``s`` of ``seed`` drives source ``s`` (thread
    independent).

    Parameters
    ----------
    sources : ndarray of int32
        Source actors.
    offsets : ndarray of int64, shape (len(sources) + 1,)
        Draw ranges per source.
    target_class : ndarray of int64
        The class each source's partners must have.
    indptr, indices : ndarray of int64, ndarray of int32
        The other layer's neighbour CSR.
    node_class : ndarray of int64, shape (n,)
        Each actor's class.
    prob : float
        Probability that a draw is embedded.
    seed : uint64
        Root seed (stream ``s`` per source).
    out : ndarray of int64
        Output, as above.
    spatial : ndarray of int64, shape (len(sources),)
        Output, as above.

    Examples
    --------
    Actor 1 makes two draws, always embedded, among its neighbours of class 0 (actors 0 and 2):

    >>> import numpy as np
    >>> import scipy.sparse as sp
    >>> from clusternet.kernels.csr import kernel_arrays
    >>> path = sp.csr_array(([1.0] * 4, ([0, 1, 1, 2], [1, 0, 2, 1])), shape=(3, 3))
    >>> indptr, indices, data = kernel_arrays(path)
    >>> from clusternet.kernels.spatial import embedded_partners
    >>> out, spatial = np.empty(2, dtype=np.int32), np.empty(1, dtype=np.int64)
    >>> embedded_partners(np.array([1], dtype=np.int64), np.array([0, 2], dtype=np.int64),
    ...                   np.array([0], dtype=np.int64), indptr, indices, np.zeros(3, dtype=np.int8), 1.0,
    ...                   np.uint64(1), out, spatial)
    >>> set(out.tolist()) <= {0, 2}, spatial.tolist()
    (True, [0])
    """
    m = sources.shape[0]
    for s in prange(m):
        i = sources[s]
        state = stream(seed, s)
        lo = indptr[i]
        hi = indptr[i + 1]
        eligible = 0
        for e in range(lo, hi):
            if node_class[indices[e]] == target_class[s]:
                eligible += 1
        left = 0
        for d in range(offsets[s], offsets[s + 1]):
            out[d] = -1
            state, u = next_uniform(state)
            if u >= prob or eligible == 0:
                left += 1
                continue
            state, u = next_uniform(state)
            r = min(np.int64(u * eligible), eligible - 1)
            for e in range(lo, hi):
                j = indices[e]
                if node_class[j] == target_class[s]:
                    if r == 0:
                        out[d] = j
                        break
                    r -= 1
        spatial[s] = left


@njit(cache=True, nogil=True, parallel=True)
def _kept_per_source(offsets, draws, kept_ptr, src, dst, sources, write):
    """Per source, its draws that found a partner (``>= 0``).

    Counted, or written from ``kept_ptr[s]`` as (source, partner) pairs in draw order.
    """
    for s in prange(offsets.shape[0] - 1):
        p = kept_ptr[s] if write else 0
        for e in range(offsets[s], offsets[s + 1]):
            if draws[e] >= 0:
                if write:
                    src[p] = sources[s]
                    dst[p] = draws[e]
                p += 1
        if not write:
            kept_ptr[s + 1] = p


def kept_draws(sources, offsets, draws):
    """The (source, partner) pairs of the draws that found a partner, in draw order.

    ``draws[offsets[s]:offsets[s + 1]]`` are source ``sources[s]``'s draws (-1: none).
    What ``repeat(sources, counts)`` masked by ``draws >= 0`` gives, in two parallel
    passes without the repeated array. Returns int32 arrays.

    Parameters
    ----------
    sources : ndarray of int32
        Source actors.
    offsets : ndarray of int64, shape (len(sources) + 1,)
        Draw ranges per source.
    draws : ndarray of int64
        The drawn partners (-1: none).

    Returns
    -------
    src : ndarray of int32
        The source of each kept draw.
    dst : ndarray of int32
        Its partner.

    Examples
    --------
    >>> import numpy as np
    >>> from clusternet.kernels.spatial import kept_draws
    >>> sources, offsets = np.array([4, 7]), np.array([0, 2, 5])
    >>> source, partner = kept_draws(sources, offsets, np.array([1, -1, 3, 5, -1], dtype=np.int32))
    >>> source.tolist(), partner.tolist()
    ([4, 7, 7], [1, 3, 5])
    """
    kept_ptr = np.zeros(offsets.shape[0], dtype=np.int64)
    none = np.empty(0, dtype=np.int32)
    _kept_per_source(offsets, draws, kept_ptr, none, none, sources, False)
    np.cumsum(kept_ptr, out=kept_ptr)
    m = int(kept_ptr[-1])
    src = np.empty(m, dtype=np.int32)
    dst = np.empty(m, dtype=np.int32)
    _kept_per_source(offsets, draws, kept_ptr, src, dst, sources, True)
    return src, dst
