"""Compressed sparse row construction by counting sort.

``build_csr`` turns a multilayer edge list into one CSR matrix in O(E + N):
a two-pass parallel counting sort by row (entries partitioned into cache-sized
buckets of rows, then each bucket sorted into its rows: see
:mod:`clusternet.kernels.buckets`), a stable per-row sort by column and a merge
of parallel entries (summed). Undirected layers contribute both orientations;
``transpose`` swaps source and target (the in-neighbour view).
``build_pattern`` and ``csr_pattern`` give sparsity patterns the same way.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

from clusternet.kernels.buckets import bucket_arrays, finish_rows, plan_buckets


@njit(cache=True, nogil=True, inline="always")
def _oriented(src, dst, e, transpose):
    """Row and column of edge ``e``: (source, target), or (target, source) for the in-view."""
    if transpose:
        return dst[e], src[e]
    return src[e], dst[e]


@njit(cache=True, nogil=True, parallel=True)
def _count_layered(src, dst, layer, layer_weight, symmetric, transpose, shift, counts):
    """``counts[c, b]``: entries the edges of block ``c`` (blocks contiguous) give bucket ``b``."""
    chunks = counts.shape[0]
    m = src.shape[0]
    per = (m + chunks - 1) // chunks
    for c in prange(chunks):
        for e in range(c * per, min(m, (c + 1) * per)):
            if layer_weight[layer[e]] == 0.0:
                continue
            s, t = _oriented(src, dst, e, transpose)
            counts[c, s >> shift] += 1
            if symmetric[layer[e]] and s != t:
                counts[c, t >> shift] += 1


@njit(cache=True, nogil=True, parallel=True)
def _scatter_layered(
    src, dst, weight, layer, layer_weight, symmetric, transpose, shift, cursor, indices, data,
    local_row, with_data,
):  # fmt: skip
    """Each block appends its entries, in edge order, to its range of their rows' buckets.

    Values (weight times layer multiplier) are written only ``with_data``.
    """
    chunks = cursor.shape[0]
    m = src.shape[0]
    per = (m + chunks - 1) // chunks
    mask = (1 << shift) - 1
    for c in prange(chunks):
        for e in range(c * per, min(m, (c + 1) * per)):
            lw = layer_weight[layer[e]]
            if lw == 0.0:
                continue
            s, t = _oriented(src, dst, e, transpose)
            b = s >> shift
            p = cursor[c, b]
            indices[p] = t
            local_row[p] = s & mask
            if with_data:
                data[p] = weight[e] * lw
            cursor[c, b] = p + 1
            if symmetric[layer[e]] and s != t:
                b = t >> shift
                p = cursor[c, b]
                indices[p] = s
                local_row[p] = t & mask
                if with_data:
                    data[p] = weight[e] * lw
                cursor[c, b] = p + 1


def _layered(n, src, dst, weight, layer, layer_weight, symmetric, transpose, with_data):
    """CSR arrays (``data`` None without values) of a multilayer edge list's view."""
    layer_weight = np.ascontiguousarray(layer_weight, dtype=np.float64)
    symmetric = np.ascontiguousarray(symmetric, dtype=np.bool_)
    shift, cursor = plan_buckets(n, src.shape[0], 2 * src.shape[0])
    _count_layered(src, dst, layer, layer_weight, symmetric, transpose, shift, cursor)
    starts, indices, data, local_row = bucket_arrays(cursor, with_data)
    values = np.empty(0, dtype=np.float64) if data is None else data
    _scatter_layered(
        src, dst, weight, layer, layer_weight, symmetric, transpose, shift, cursor, indices,
        values, local_row, with_data,
    )  # fmt: skip
    del cursor
    return finish_rows(n, shift, starts, indices, data, local_row)


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
    r"""Build CSR arrays from a multilayer edge list.

    Entry :math:`(i, j)` is

    .. math::

        A_{ij} = \sum_l c_l \, w_l(i \to j)

    (:math:`c_l` = ``layer_weight[l]``); the parallel entries of a row are
    added in edge order, so the values are the same to the last bit on any
    number of threads. Two counting-sort passes (rows grouped in cache-sized
    buckets, then each bucket sorted into rows; see
    :mod:`clusternet.kernels.buckets`) keep the writes cache-local:
    :math:`O(E + N)` time, about 14 bytes of scratch per entry.

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
        Row pointers.
    indices : ndarray of int32
        Column indices, sorted within each row, no duplicates (parallel edges summed).
    data : ndarray of float64
        Values.

    Examples
    --------
    Edge 0 → 1 in a directed layer (weight 1) and again in an undirected layer
    with multiplier 10 (weight 2), and 1 — 2 in the undirected layer:

    >>> import numpy as np
    >>> from clusternet.kernels.csr import build_csr
    >>> src = np.array([0, 0, 1], dtype=np.int32)
    >>> dst = np.array([1, 1, 2], dtype=np.int32)
    >>> layer = np.array([0, 1, 1], dtype=np.int16)
    >>> indptr, indices, data = build_csr(3, src, dst, np.array([1.0, 2.0, 5.0]), layer,
    ...                                   np.array([1.0, 10.0]), np.array([False, True]))
    >>> indptr.tolist(), indices.tolist(), data.tolist()
    ([0, 1, 3, 4], [1, 0, 2, 1], [21.0, 20.0, 50.0, 50.0])
    """
    return _layered(n, src, dst, weight, layer, layer_weight, symmetric, transpose, True)


def csr_from_coo(
    n: int, rows: np.ndarray, cols: np.ndarray, values: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """CSR arrays of an ``n x n`` matrix from coordinates (duplicates summed).

    Parameters
    ----------
    n : int
        Matrix size.
    rows, cols : ndarray of int
        Coordinates, each in ``[0, n)``.
    values : ndarray of float64, optional
        Values (default 1 each).

    Returns
    -------
    indptr : ndarray of int64
        Row pointers.
    indices : ndarray of int32
        Sorted column indices per row.
    data : ndarray of float64
        Summed values.

    Examples
    --------
    >>> import numpy as np
    >>> import scipy.sparse as sp
    >>> from clusternet.kernels.csr import csr_from_coo
    >>> rows, cols, vals = np.array([2, 0, 2]), np.array([1, 2, 1]), np.array([1.0, 3.0, 4.0])
    >>> indptr, indices, data = csr_from_coo(3, rows, cols, vals)
    >>> print(sp.csr_array((data, indices, indptr), shape=(3, 3)).toarray())
    [[0. 0. 3.]
     [0. 0. 0.]
     [0. 5. 0.]]
    """
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
def _place_pairs(rows, cols, drop_loops, unordered, shift, cursor, indices, local_row, write):
    """One pass over blocks of pairs (blocks contiguous, one per row of ``cursor``).

    ``write`` False: ``cursor[c, b]`` counts block ``c``'s entries of bucket ``b``.
    ``write`` True: ``cursor`` holds each block's cursors and every entry's column
    and row offset are appended to its bucket (in pair order within a row).
    """
    chunks = cursor.shape[0]
    m = rows.shape[0]
    per = (m + chunks - 1) // chunks
    mask = (1 << shift) - 1
    for c in prange(chunks):
        for e in range(c * per, min(m, (c + 1) * per)):
            r, col = _pair(rows, cols, e, unordered)
            if drop_loops and r == col:
                continue
            b = r >> shift
            if write:
                p = cursor[c, b]
                indices[p] = col
                local_row[p] = r & mask
                cursor[c, b] = p + 1
            else:
                cursor[c, b] += 1


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

    Parameters
    ----------
    n : int
        Number of rows and columns.
    rows, cols : ndarray of int32
        Coordinates of the entries.
    drop_loops : bool, default False
        Leave out diagonal pairs.
    unordered : bool, default False
        Store each pair as (smaller, larger).

    Returns
    -------
    indptr : ndarray of int64, shape (n + 1,)
    indices : ndarray of int32, sorted and distinct within each row

    Examples
    --------
    >>> import numpy as np
    >>> from clusternet.kernels.csr import csr_pattern
    >>> rows, cols = np.array([0, 1, 1, 2]), np.array([1, 0, 1, 0])
    >>> indptr, indices = csr_pattern(3, rows, cols, drop_loops=True, unordered=True)
    >>> indptr.tolist(), indices.tolist()
    ([0, 2, 2, 2], [1, 2])
    """
    rows = np.ascontiguousarray(rows)
    cols = np.ascontiguousarray(cols)
    shift, cursor = plan_buckets(n, rows.shape[0], rows.shape[0])
    loops, pairs = bool(drop_loops), bool(unordered)
    no_indices = np.empty(0, dtype=np.int32)
    no_rows = np.empty(0, dtype=np.uint16)
    _place_pairs(rows, cols, loops, pairs, shift, cursor, no_indices, no_rows, False)
    starts, indices, _, local_row = bucket_arrays(cursor, False)
    _place_pairs(rows, cols, loops, pairs, shift, cursor, indices, local_row, True)
    del cursor
    indptr, indices, _ = finish_rows(n, shift, starts, indices, None, local_row)
    return indptr, indices


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

    Parameters
    ----------
    n, src, dst, layer, layer_weight, symmetric, transpose
        As in :func:`build_csr`.

    Returns
    -------
    indptr : ndarray of int64, shape (n + 1,)
        Row pointers.
    indices : ndarray of int32
        Sorted, distinct column indices per row.

    Examples
    --------
    >>> import numpy as np
    >>> from clusternet.kernels.csr import build_pattern
    >>> src = np.array([0, 0, 1], dtype=np.int32)
    >>> dst = np.array([1, 1, 2], dtype=np.int32)
    >>> layer = np.array([0, 1, 1], dtype=np.int16)
    >>> indptr, indices = build_pattern(3, src, dst, layer, np.array([1.0, 1.0]),
    ...                                 np.array([False, True]))
    >>> indptr.tolist(), indices.tolist()
    ([0, 1, 3, 4], [1, 0, 2, 1])
    """
    no_weight = np.empty(0, dtype=np.float64)
    indptr, indices, _ = _layered(
        n, src, dst, no_weight, layer, layer_weight, symmetric, transpose, False
    )
    return indptr, indices


@njit(cache=True, nogil=True, parallel=True)
def _fill_rows(indptr, out):
    for r in prange(indptr.shape[0] - 1):
        for k in range(indptr[r], indptr[r + 1]):
            out[k] = r


def entry_rows(indptr: np.ndarray) -> np.ndarray:
    """Row of every entry of a CSR (int32): the COO rows, ``repeat(arange(n), diff(indptr))``.

    Parameters
    ----------
    indptr : ndarray of int64
        Row pointers.

    Returns
    -------
    ndarray of int32
        One row index per stored entry.

    Examples
    --------
    >>> import numpy as np
    >>> from clusternet.kernels.csr import entry_rows
    >>> entry_rows(np.array([0, 2, 2, 3], dtype=np.int64)).tolist()
    [0, 0, 2]
    """
    out = np.empty(int(indptr[-1]), dtype=np.int32)
    _fill_rows(indptr, out)
    return out


def kernel_arrays(matrix) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return ``(indptr int64, indices uint32, data float64)`` of a scipy CSR matrix.

    Unsigned column indices spare Numba its negative-index wrap-around check in
    every gather (a plain SpMV ran about 2.5x slower with int32); the view is free when the indices are int32.

    Parameters
    ----------
    matrix : scipy.sparse CSR matrix or array
        The matrix.

    Returns
    -------
    indptr : ndarray of int64
        Row pointers.
    indices : ndarray of uint32
        Column indices.
    data : ndarray of float64
        Values.

    Examples
    --------
    >>> import scipy.sparse as sp
    >>> from clusternet.kernels.csr import kernel_arrays
    >>> indptr, indices, data = kernel_arrays(sp.csr_array([[0.0, 2.0], [1.0, 0.0]]))
    >>> indptr.dtype.name, indices.dtype.name, data.dtype.name, indices.tolist()
    ('int64', 'uint32', 'float64', [1, 0])
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

    Parameters
    ----------
    indptr, indices, data : ndarray
        CSR arrays of a square matrix (``data`` may be ``None``).
    keep : ndarray of bool
        Rows and columns to keep.

    Returns
    -------
    tuple of ndarray
        ``(indptr, indices, data)`` of the restricted matrix.

    Examples
    --------
    >>> import numpy as np
    >>> import scipy.sparse as sp
    >>> from clusternet.kernels.csr import restrict
    >>> a = sp.csr_array(np.arange(1.0, 10.0).reshape(3, 3))
    >>> arrays = restrict(a.indptr.astype(np.int64), a.indices, a.data, np.array([True, False, True]))
    >>> print(sp.csr_array(arrays[::-1], shape=(3, 3)).toarray())
    [[1. 0. 3.]
     [0. 0. 0.]
     [7. 0. 9.]]
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


@njit(cache=True, nogil=True, parallel=True)
def entry_positions(indptr, indices, rows, cols, out):
    """Where entry ``(rows[k], cols[k])`` is stored, for every query ``k``; -1 where absent.

    Binary search of ``cols[k]`` in row ``rows[k]``, whose columns must be sorted
    (as :func:`build_csr` leaves them): O(log d) per query, for ``d`` the row's
    length, instead of a search in one sorted array of every entry's key, whose
    random accesses cost seconds at ten million entries. With repeated columns the
    first one is found. Each query writes only ``out[k]``.

    Parameters
    ----------
    indptr : ndarray of int64
        Row pointers.
    indices : ndarray of int
        Column indices, sorted within each row.
    rows, cols : ndarray of int64
        The queries; every row must lie in ``[0, len(indptr) - 1)``.
    out : ndarray of int64
        Receives each query's position in ``indices``, or -1.

    Examples
    --------
    >>> import numpy as np
    >>> from clusternet.kernels.csr import entry_positions
    >>> indptr, indices = np.array([0, 2, 2, 5]), np.array([1, 2, 0, 1, 2])
    >>> out = np.empty(4, dtype=np.int64)
    >>> entry_positions(indptr, indices, np.array([0, 0, 1, 2]), np.array([2, 0, 0, 1]), out)
    >>> out.tolist()
    [1, -1, -1, 3]
    """
    for k in prange(rows.shape[0]):
        lo = indptr[rows[k]]
        hi = indptr[rows[k] + 1]
        c = cols[k]
        while lo < hi:  # the first position whose column is not below c
            mid = (lo + hi) >> 1
            if indices[mid] < c:
                lo = mid + 1
            else:
                hi = mid
        out[k] = lo if lo < indptr[rows[k] + 1] and indices[lo] == c else -1
