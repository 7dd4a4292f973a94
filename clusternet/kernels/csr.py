"""Compressed sparse row construction by counting sort.

``build_csr`` turns a multilayer edge list into one CSR matrix in O(E + N): a
parallel counting sort by row (blocks of edges count and write their own
entries), a per-row sort by column (insertion sort for short rows,
quicksort for hubs), and a merge of parallel entries (summed). Undirected layers
contribute both orientations; ``transpose`` swaps source and target (the
in-neighbour view).
"""

from __future__ import annotations

import numba
import numpy as np
from numba import njit, prange

_INSERTION_SORT_MAX = 32


@njit(cache=True, nogil=True, inline="always")
def _oriented(src, dst, e, transpose):
    """Row and column of edge ``e``: (source, target), or (target, source) for the in-view."""
    if transpose:
        return dst[e], src[e]
    return src[e], dst[e]


@njit(cache=True, nogil=True, parallel=True)
def _count_rows(src, dst, layer, layer_weight, symmetric, transpose, counts):
    """``counts[c, r]``: entries of row ``r`` from the edges of block ``c`` (blocks contiguous)."""
    chunks = counts.shape[0]
    m = src.shape[0]
    per = (m + chunks - 1) // chunks
    for c in prange(chunks):
        for e in range(c * per, min(m, (c + 1) * per)):
            lw = layer_weight[layer[e]]
            if lw == 0.0:
                continue
            s, t = _oriented(src, dst, e, transpose)
            counts[c, s] += 1
            if symmetric[layer[e]] and s != t:
                counts[c, t] += 1


@njit(cache=True, nogil=True, parallel=True)
def _offsets(counts, indptr):
    """Row pointers; each block's count of a row becomes, in place, where its entries start."""
    chunks, n = counts.shape
    for r in prange(n):
        total = 0
        for c in range(chunks):
            total += counts[c, r]
        indptr[r + 1] = total
    for r in range(n):
        indptr[r + 1] += indptr[r]
    for r in prange(n):
        pos = indptr[r]
        for c in range(chunks):
            count = counts[c, r]
            counts[c, r] = pos
            pos += count


@njit(cache=True, nogil=True, parallel=True)
def _scatter(
    src, dst, weight, layer, layer_weight, symmetric, transpose, cursor, indices, data, with_data
):
    """Each block writes its edges at its own cursors: disjoint, and in edge order within a row.

    Values (weight times layer multiplier) are written only ``with_data``.
    """
    chunks = cursor.shape[0]
    m = src.shape[0]
    per = (m + chunks - 1) // chunks
    for c in prange(chunks):
        for e in range(c * per, min(m, (c + 1) * per)):
            lw = layer_weight[layer[e]]
            if lw == 0.0:
                continue
            s, t = _oriented(src, dst, e, transpose)
            p = cursor[c, s]
            indices[p] = t
            if with_data:
                data[p] = weight[e] * lw
            cursor[c, s] = p + 1
            if symmetric[layer[e]] and s != t:
                p = cursor[c, t]
                indices[p] = s
                if with_data:
                    data[p] = weight[e] * lw
                cursor[c, t] = p + 1


@njit(cache=True, nogil=True, parallel=True)
def _sort_and_merge_rows(n, indptr, indices, data, row_nnz):
    """Sort each row by column and sum duplicates in place; row_nnz gets the new lengths."""
    for r in prange(n):
        lo = indptr[r]
        hi = indptr[r + 1]
        length = hi - lo
        if length <= _INSERTION_SORT_MAX:
            for a in range(lo + 1, hi):
                c = indices[a]
                v = data[a]
                b = a - 1
                while b >= lo and indices[b] > c:
                    indices[b + 1] = indices[b]
                    data[b + 1] = data[b]
                    b -= 1
                indices[b + 1] = c
                data[b + 1] = v
        else:
            order = np.argsort(indices[lo:hi], kind="mergesort")
            cols = indices[lo:hi][order]
            vals = data[lo:hi][order]
            indices[lo:hi] = cols
            data[lo:hi] = vals
        # merge parallel entries
        out = lo
        for a in range(lo, hi):
            if a > lo and indices[a] == indices[out - 1]:
                data[out - 1] += data[a]
            else:
                indices[out] = indices[a]
                data[out] = data[a]
                out += 1
        row_nnz[r] = out - lo


@njit(cache=True, nogil=True, parallel=True)
def _compact(indptr, indices, data, row_nnz, new_indptr, new_indices, new_data, with_data):
    """Copy each row's merged prefix into exact-size arrays (rows in parallel, disjoint writes).

    Values are copied only ``with_data``.
    """
    n = row_nnz.shape[0]
    for r in prange(n):
        src = indptr[r]
        dst = new_indptr[r]
        for a in range(row_nnz[r]):
            new_indices[dst + a] = indices[src + a]
            if with_data:
                new_data[dst + a] = data[src + a]


def _row_offsets(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Row pointers, and per block and row where the block's entries start (``counts``
    is turned into these cursors in place: no second n-by-blocks array)."""
    n = counts.shape[1]
    indptr = np.zeros(n + 1, dtype=np.int64)
    _offsets(counts, indptr)
    return indptr, counts


def _layered_offsets(n, src, dst, layer, layer_weight, symmetric, transpose):
    """Row pointers and block cursors of a multilayer edge list's view.

    A parallel counting sort: blocks of edges count their rows, then write at their
    own offsets (block after block within a row, so the order is the serial edge order).
    """
    chunks = _blocks(src.shape[0])
    counts = np.zeros((chunks, n), dtype=np.int64)
    _count_rows(src, dst, layer, layer_weight, symmetric, transpose, counts)
    return _row_offsets(counts)


def _distinct_sorted(indptr: np.ndarray, indices: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sort each row's columns, keep each once, and pack the rows (a new pair if any repeated)."""
    row_nnz = np.empty(indptr.shape[0] - 1, dtype=np.int64)
    _sort_unique_rows(indptr, indices, row_nnz)
    indptr, indices, _ = _pack(indptr, indices, None, row_nnz)
    return indptr, indices


def _blocks(m: int) -> int:
    """Blocks of a parallel counting sort over ``m`` items: one per thread, at most one per 100k."""
    return max(1, min(numba.get_num_threads(), m // 100_000 + 1))


def _pack(indptr, indices, data, row_nnz):
    """Rows cut to their first ``row_nnz`` entries, packed into exact-size arrays.

    The arrays come back unchanged when no row was cut; ``data`` may be ``None``.
    """
    if int(row_nnz.sum()) == indices.shape[0]:
        return indptr, indices, data
    n = row_nnz.shape[0]
    new_indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(row_nnz, out=new_indptr[1:])
    merged = int(new_indptr[-1])
    new_indices = np.empty(merged, dtype=np.int32)
    with_data = data is not None
    new_data = np.empty(merged if with_data else 0, dtype=np.float64)
    values = data if with_data else new_data
    _compact(indptr, indices, values, row_nnz, new_indptr, new_indices, new_data, with_data)
    return new_indptr, new_indices, (new_data if with_data else None)


def build_csr(
    n: int,
    src: np.ndarray,
    dst: np.ndarray,
    weight: np.ndarray,
    layer: np.ndarray,
    layer_weight: np.ndarray,
    symmetric: np.ndarray,
    transpose: bool = False,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Build CSR arrays from a multilayer edge list.

    Parameters
    ----------
    n : int
        Number of rows and columns.
    src, dst : ndarray of int32
        Edge endpoints, each in ``[0, n)``.
    weight : ndarray of float64
        Edge weights.
    layer : ndarray of int
        Layer code of each edge, an index into ``layer_weight`` and ``symmetric``.
    layer_weight : ndarray of float64
        Multiplier per layer; a layer with multiplier 0 is left out.
    symmetric : ndarray of bool
        Per layer: add each edge in both orientations (undirected layers).
    transpose : bool
        Rows are targets instead of sources (in-neighbour lists).

    Returns
    -------
    indptr : ndarray of int64, shape (n + 1,)
    indices : ndarray of int32
        Column indices, sorted within each row, no duplicates (parallel edges summed).
    data : ndarray of float64
    """
    layer_weight = np.ascontiguousarray(layer_weight, dtype=np.float64)
    symmetric = np.ascontiguousarray(symmetric, dtype=np.bool_)
    indptr, cursor = _layered_offsets(n, src, dst, layer, layer_weight, symmetric, transpose)
    nnz = int(indptr[-1])
    indices = np.empty(nnz, dtype=np.int32)
    data = np.empty(nnz, dtype=np.float64)
    _scatter(
        src, dst, weight, layer, layer_weight, symmetric, transpose, cursor, indices, data, True
    )
    del cursor
    row_nnz = np.empty(n, dtype=np.int64)
    _sort_and_merge_rows(n, indptr, indices, data, row_nnz)
    return _pack(indptr, indices, data, row_nnz)


def csr_from_coo(
    n: int, rows: np.ndarray, cols: np.ndarray, values: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """CSR arrays of an ``n x n`` matrix from coordinates (duplicates summed)."""
    rows = np.ascontiguousarray(rows, dtype=np.int32)
    cols = np.ascontiguousarray(cols, dtype=np.int32)
    if values is None:
        values = np.ones(rows.shape[0], dtype=np.float64)
    values = np.ascontiguousarray(values, dtype=np.float64)
    zero_layer = np.zeros(rows.shape[0], dtype=np.int16)
    return build_csr(n, rows, cols, values, zero_layer, np.ones(1), np.zeros(1, dtype=np.bool_))


@njit(cache=True, nogil=True, inline="always")
def _pair(rows, cols, e, unordered):
    """Row and column of pair ``e``; with ``unordered``, the smaller index is the row."""
    r = rows[e]
    c = cols[e]
    if unordered and c < r:
        return c, r
    return r, c


@njit(cache=True, nogil=True, parallel=True)
def _place_pairs(rows, cols, drop_loops, unordered, slots, indices, write):
    """One counting-sort pass over blocks of pairs (blocks contiguous, one per row of ``slots``).

    ``write`` False: ``slots[c, r]`` counts block ``c``'s entries of row ``r``.
    ``write`` True: ``slots`` holds each block's cursors and every entry's column
    is written at its cursor (disjoint, in pair order within a row).
    """
    chunks = slots.shape[0]
    m = rows.shape[0]
    per = (m + chunks - 1) // chunks
    for c in prange(chunks):
        for e in range(c * per, min(m, (c + 1) * per)):
            r, col = _pair(rows, cols, e, unordered)
            if drop_loops and r == col:
                continue
            if write:
                p = slots[c, r]
                indices[p] = col
                slots[c, r] = p + 1
            else:
                slots[c, r] += 1


@njit(cache=True, nogil=True, parallel=True)
def _sort_unique_rows(indptr, indices, row_nnz):
    n = row_nnz.shape[0]
    for r in prange(n):
        lo = indptr[r]
        hi = indptr[r + 1]
        if hi - lo <= _INSERTION_SORT_MAX:
            for a in range(lo + 1, hi):
                c = indices[a]
                b = a - 1
                while b >= lo and indices[b] > c:
                    indices[b + 1] = indices[b]
                    b -= 1
                indices[b + 1] = c
        else:
            indices[lo:hi] = np.sort(indices[lo:hi])
        out = lo
        for a in range(lo, hi):
            if a == lo or indices[a] != indices[out - 1]:
                indices[out] = indices[a]
                out += 1
        row_nnz[r] = out - lo


def csr_pattern(
    n: int,
    rows: np.ndarray,
    cols: np.ndarray,
    drop_loops: bool = False,
    unordered: bool = False,
) -> tuple[np.ndarray, np.ndarray]:
    """Sparsity pattern of an ``n x n`` matrix from coordinates: repeated pairs kept once.

    The same parallel counting sort as :func:`build_csr` without values (half the
    memory traffic), for neighbour lists and dedupes that need no weights.
    ``rows`` and ``cols`` must lie in ``[0, n)`` (the caller checks).
    ``drop_loops`` leaves out pairs ``(i, i)``; ``unordered`` stores each pair as
    (smaller, larger), so ``(i, j)`` and ``(j, i)`` count as one (an upper triangle).

    Returns
    -------
    indptr : ndarray of int64, shape (n + 1,)
    indices : ndarray of int32, sorted and distinct within each row
    """
    rows = np.ascontiguousarray(rows)
    cols = np.ascontiguousarray(cols)
    chunks = _blocks(rows.shape[0])
    counts = np.zeros((chunks, n), dtype=np.int64)
    _place_pairs(
        rows, cols, bool(drop_loops), bool(unordered), counts, np.empty(0, np.int32), False
    )
    indptr, cursor = _row_offsets(counts)
    del counts
    indices = np.empty(int(indptr[-1]), dtype=np.int32)
    _place_pairs(rows, cols, bool(drop_loops), bool(unordered), cursor, indices, True)
    del cursor
    return _distinct_sorted(indptr, indices)


def build_pattern(
    n: int,
    src: np.ndarray,
    dst: np.ndarray,
    layer: np.ndarray,
    layer_weight: np.ndarray,
    symmetric: np.ndarray,
    transpose: bool = False,
) -> tuple[np.ndarray, np.ndarray]:
    """The sparsity pattern :func:`build_csr` would give (same arguments), without values.

    Rows list each neighbour once, sorted; about half the memory traffic of a
    weighted view, for traversals that need no weights (BFS, cascades, counts).
    """
    layer_weight = np.ascontiguousarray(layer_weight, dtype=np.float64)
    symmetric = np.ascontiguousarray(symmetric, dtype=np.bool_)
    indptr, cursor = _layered_offsets(n, src, dst, layer, layer_weight, symmetric, transpose)
    indices = np.empty(int(indptr[-1]), dtype=np.int32)
    no_values = np.empty(0, dtype=np.float64)
    _scatter(
        src, dst, no_values, layer, layer_weight, symmetric, transpose, cursor, indices,
        no_values, False,
    )  # fmt: skip
    del cursor
    return _distinct_sorted(indptr, indices)


@njit(cache=True, nogil=True, parallel=True)
def _fill_rows(indptr, out):
    for r in prange(indptr.shape[0] - 1):
        for k in range(indptr[r], indptr[r + 1]):
            out[k] = r


def entry_rows(indptr: np.ndarray) -> np.ndarray:
    """Row of every entry of a CSR (int32): the COO rows, ``repeat(arange(n), diff(indptr))``."""
    out = np.empty(int(indptr[-1]), dtype=np.int32)
    _fill_rows(indptr, out)
    return out


def kernel_arrays(matrix) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return ``(indptr int64, indices uint32, data float64)`` of a scipy CSR matrix.

    Unsigned column indices spare Numba its negative-index wrap-around check in
    every gather (DESIGN 2.2); the view is free when the indices are int32.
    """
    indptr = np.ascontiguousarray(matrix.indptr, dtype=np.int64)
    indices = np.ascontiguousarray(matrix.indices, dtype=np.int32).view(np.uint32)
    data = np.ascontiguousarray(matrix.data, dtype=np.float64)
    return indptr, indices, data


@njit(cache=True, nogil=True, parallel=True)
def _kept_per_row(indptr, indices, keep, counts):
    for r in prange(indptr.shape[0] - 1):
        c = 0
        if keep[r]:
            for e in range(indptr[r], indptr[r + 1]):
                if keep[indices[e]]:
                    c += 1
        counts[r + 1] = c


@njit(cache=True, nogil=True, parallel=True)
def _fill_kept(indptr, indices, data, keep, new_indptr, new_indices, new_data, with_data):
    """Copy the kept entries of kept rows (their values too when ``with_data``)."""
    for r in prange(indptr.shape[0] - 1):
        if not keep[r]:
            continue
        p = new_indptr[r]
        for e in range(indptr[r], indptr[r + 1]):
            c = indices[e]
            if keep[c]:
                new_indices[p] = c
                if with_data:
                    new_data[p] = data[e]
                p += 1


def restrict(indptr, indices, data, keep):
    """CSR arrays of the same square matrix with every row and column outside ``keep`` emptied.

    What ``diag(keep) @ A @ diag(keep)`` gives, without the two sparse products
    (at ten million actors those took seconds and gigabytes); row order and
    sortedness are kept. ``data`` may be ``None`` (a pattern; ``None`` comes back).
    """
    n = indptr.shape[0] - 1
    counts = np.zeros(n + 1, dtype=np.int64)
    _kept_per_row(indptr, indices, keep, counts)
    new_indptr = np.cumsum(counts)
    nnz = int(new_indptr[-1])
    new_indices = np.empty(nnz, dtype=indices.dtype)
    if data is None:  # a pattern: columns only
        empty = np.empty(0, dtype=np.float64)
        _fill_kept(indptr, indices, empty, keep, new_indptr, new_indices, empty, False)
        return new_indptr, new_indices, None
    new_data = np.empty(nnz, dtype=data.dtype)
    _fill_kept(indptr, indices, data, keep, new_indptr, new_indices, new_data, True)
    return new_indptr, new_indices, new_data
