"""Cache-local counting sort of matrix entries into CSR rows (the engine of ``csr``).

A one-pass counting sort writes every entry at a random place in arrays of
gigabytes: at ten million actors nearly every write missed the cache. Here the
sort takes two passes (a radix partition, as in Balkesen et al. 2013):

1. **Buckets.** Rows are grouped into buckets of ``2**shift`` consecutive rows,
   sized so a bucket's entries fit in cache. Blocks of input (one per thread)
   count their entries per bucket, then append each entry to their own range of
   its bucket with the row's offset in the bucket (``uint16``): a few hundred
   sequential write streams instead of random writes.
2. **Rows.** Each bucket, in cache and in parallel with the others, is
   counting-sorted by row, each row sorted by column (stably), parallel entries
   merged (values summed, or kept once for a pattern) and the rows packed at
   the bucket's start. One serial forward move then closes the gaps the merges
   left between buckets.

Within a row, entries keep the input order (block after block, each in input
order), so the merged sums are bit-for-bit those of a serial build on any number
of threads.

Reference: Balkesen, C., Teubner, J., Alonso, G., & Özsu, M. T. (2013). Main-memory
hash joins on multi-core CPUs: tuning to the underlying hardware. *Proc. IEEE ICDE*,
362–373 (radix partitioning with a fan-out bounded by the TLB and caches).
"""

from __future__ import annotations

import numba
import numpy as np
from numba import njit, prange

#: Rows of at most this many entries are insertion-sorted; longer rows are merge-sorted.
INSERTION_SORT_MAX = 32
#: A row of at most this many ascending runs is sorted by merging the runs as they are.
NATURAL_RUNS_MAX = 16
#: Entries a bucket should hold: ~3.5 MB of column, value and row offset, about
#: what a core's 2 MB L2 and its share of L3 keep. At ten million actors, sizes from
#: 2**15 to 2**21 built the view within run-to-run noise of one another.
BUCKET_ENTRIES = 1 << 18
#: Row offsets in a bucket are uint16.
_MAX_SHIFT = 16


def blocks(m: int) -> int:
    """Blocks of a parallel counting sort over ``m`` items: one per thread, at most one per 100k.

    Parameters
    ----------
    m : int
        Number of input items.

    Returns
    -------
    int
        At least 1.

    Examples
    --------
    >>> from clusternet.kernels.buckets import blocks
    >>> blocks(10), blocks(10_000_000) >= 1
    (1, True)
    """
    return max(1, min(numba.get_num_threads(), m // 100_000 + 1))


def bucket_shift(n: int, entries: int) -> int:
    r"""log2 of the rows per bucket for ``entries`` entries over ``n`` rows.

    Parameters
    ----------
    n : int
        Number of rows.
    entries : int
        Number of entries (an upper bound).

    Returns
    -------
    int
        ``shift``: buckets hold :math:`2^{\text{shift}}` rows, about
        :data:`BUCKET_ENTRIES` entries, at most :math:`2^{16}` rows.

    Examples
    --------
    Few entries: one bucket of :math:`2^{16}` rows holds them all:

    >>> from clusternet.kernels.buckets import bucket_shift
    >>> bucket_shift(3, 4), bucket_shift(10_000_000, 100_000_000)
    (16, 14)
    """
    per_row = max(entries / max(n, 1), 1.0)
    rows = max(int(BUCKET_ENTRIES / per_row), 1)
    return min(_MAX_SHIFT, rows.bit_length() - 1)


def plan_buckets(n: int, items: int, entries: int) -> tuple[int, np.ndarray]:
    """``shift`` and the zeroed per-block, per-bucket counts of a sort.

    For ``items`` input items that give at most ``entries`` entries over ``n`` rows.

    Parameters
    ----------
    n : int
        Number of rows.
    items : int
        Number of input items (split into :func:`blocks`).
    entries : int
        Upper bound on the entries they give.

    Returns
    -------
    shift : int
        As :func:`bucket_shift`.
    counts : ndarray of int64, shape (blocks, buckets)
        Zeros, for the blocks to count into.

    Examples
    --------
    >>> from clusternet.kernels.buckets import plan_buckets
    >>> shift, counts = plan_buckets(3, 4, 4)
    >>> shift, counts.shape, int(counts.sum())
    (16, (1, 1), 0)
    """
    shift = bucket_shift(n, entries)
    buckets = max(1, (n + (1 << shift) - 1) >> shift)
    return shift, np.zeros((blocks(items), buckets), dtype=np.int64)


def bucket_arrays(
    counts: np.ndarray, with_data: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None, np.ndarray]:
    """Where each bucket's entries start, and the arrays the entries are appended to.

    The starts are ``buckets + 1`` values; the arrays are columns, values (``None``
    without data) and row offsets.

    ``counts[c, b]``, block ``c``'s entries of bucket ``b``, becomes in place where that
    block writes them.

    Parameters
    ----------
    counts : ndarray of int64, shape (blocks, buckets)
        Each block's entry count per bucket; overwritten with its write offsets.
    with_data : bool
        Allocate a values array.

    Returns
    -------
    starts : ndarray of int64, shape (buckets + 1,)
        Where each bucket's entries start.
    indices : ndarray of int32
        Column of each entry (to be filled).
    data : ndarray of float64 or None
        Value of each entry (to be filled).
    local_row : ndarray of uint16
        Each entry's row offset in its bucket (to be filled).

    Examples
    --------
    Two blocks wrote 2 and 1 entries into the one bucket:

    >>> import numpy as np
    >>> from clusternet.kernels.buckets import bucket_arrays
    >>> counts = np.array([[2], [1]], dtype=np.int64)
    >>> starts, indices, data, local_row = bucket_arrays(counts, with_data=True)
    >>> starts.tolist(), counts.ravel().tolist(), indices.shape, local_row.dtype.name
    ([0, 3], [0, 2], (3,), 'uint16')
    """
    starts = np.empty(counts.shape[1] + 1, dtype=np.int64)
    _bucket_starts(counts, starts)
    nnz = int(starts[-1])
    data = np.empty(nnz, dtype=np.float64) if with_data else None
    return starts, np.empty(nnz, dtype=np.int32), data, np.empty(nnz, dtype=np.uint16)


@njit(cache=True, nogil=True)
def _bucket_starts(counts, starts):
    chunks, buckets = counts.shape
    pos = 0
    for b in range(buckets):
        starts[b] = pos
        for c in range(chunks):
            count = counts[c, b]
            counts[c, b] = pos
            pos += count
    starts[buckets] = pos


@njit(cache=True, nogil=True, inline="always")
def _move(src_cols, src_vals, dst_cols, dst_vals, src, dst, count, with_data):
    """Copy ``count`` entries (columns, and values ``with_data``) from ``src`` to ``dst``.

    Front to back: safe within one array when ``dst <= src``.
    """
    for a in range(count):
        dst_cols[dst + a] = src_cols[src + a]
        if with_data:
            dst_vals[dst + a] = src_vals[src + a]


@njit(cache=True, nogil=True, inline="always")
def _merge_runs(src_cols, src_vals, dst_cols, dst_vals, lo, mid, hi, with_data):
    """Merge the sorted runs ``[lo, mid)`` and ``[mid, hi)`` of ``src`` into ``dst``.

    Same offsets; ties are taken from the left run, so the merge is stable.
    """
    a = lo
    b = mid
    out = lo
    while a < mid and b < hi:
        if src_cols[b] < src_cols[a]:
            dst_cols[out] = src_cols[b]
            if with_data:
                dst_vals[out] = src_vals[b]
            b += 1
        else:
            dst_cols[out] = src_cols[a]
            if with_data:
                dst_vals[out] = src_vals[a]
            a += 1
        out += 1
    _move(src_cols, src_vals, dst_cols, dst_vals, a, out, mid - a, with_data)
    _move(src_cols, src_vals, dst_cols, dst_vals, b, out + mid - a, hi - b, with_data)


@njit(cache=True, nogil=True, inline="always")
def _insertion_sort(cols, vals, lo, hi, with_data):
    for a in range(lo + 1, hi):
        col = cols[a]
        v = vals[a] if with_data else 0.0
        b = a - 1
        while b >= lo and cols[b] > col:
            cols[b + 1] = cols[b]
            if with_data:
                vals[b + 1] = vals[b]
            b -= 1
        cols[b + 1] = col
        if with_data:
            vals[b + 1] = v


@njit(cache=True, nogil=True)
def _sort_row(cols, vals, lo, hi, tmp_cols, tmp_vals, bounds, with_data):
    """Stable sort of ``cols[lo:hi]`` (and ``vals`` alongside) without allocation.

    Short rows are insertion-sorted. Long rows are often a few ascending runs (one
    per layer when the edge list is sorted, as the generator's is): those runs are
    merged as they stand; otherwise the row is insertion-sorted in pieces of
    ``INSERTION_SORT_MAX``, then the pieces merged. Merges go back and forth between the row
    and ``tmp`` (same offsets), run boundaries in ``bounds``; a tie is taken from
    the left run, so the sort is stable.
    """
    if hi - lo <= INSERTION_SORT_MAX:
        _insertion_sort(cols, vals, lo, hi, with_data)
        return
    runs = 1
    bounds[0] = lo
    for a in range(lo + 1, hi):
        if cols[a] < cols[a - 1]:
            if runs == NATURAL_RUNS_MAX:
                runs += 1
                break
            bounds[runs] = a
            runs += 1
    if runs == 1:
        return
    if runs > NATURAL_RUNS_MAX:
        runs = 0
        for run in range(lo, hi, INSERTION_SORT_MAX):
            _insertion_sort(cols, vals, run, min(hi, run + INSERTION_SORT_MAX), with_data)
            bounds[runs] = run
            runs += 1
    bounds[runs] = hi
    in_tmp = False
    while runs > 1:
        merged = 0
        for i in range(0, runs, 2):
            left = bounds[i]
            mid = bounds[min(i + 1, runs)]
            right = bounds[min(i + 2, runs)]
            if in_tmp:
                _merge_runs(tmp_cols, tmp_vals, cols, vals, left, mid, right, with_data)
            else:
                _merge_runs(cols, vals, tmp_cols, tmp_vals, left, mid, right, with_data)
            bounds[merged] = left
            merged += 1
        bounds[merged] = hi
        runs = merged
        in_tmp = not in_tmp
    if in_tmp:
        _move(tmp_cols, tmp_vals, cols, vals, lo, lo, hi - lo, with_data)


@njit(cache=True, nogil=True, parallel=True)
def order_buckets(n, shift, starts, indices, data, local_row, with_data, groups, row_end, kept):
    r"""Sort each bucket into rows, merge parallel entries and pack the rows at its start.

    ``row_end[r]`` receives the end of row ``r``'s merged entries counted from its
    bucket's start and ``kept[b]`` bucket ``b``'s merged entries. Parallel entries
    are summed ``with_data``, else kept once. Buckets are taken in ``groups``
    contiguous groups, each allocating its scratch once.

    Parameters
    ----------
    n : int
        Number of rows.
    shift : int
        Buckets hold :math:`2^{\text{shift}}` rows.
    starts : ndarray of int64, shape (buckets + 1,)
        Where each bucket's entries start.
    indices : ndarray of int32
        Entry columns; sorted and packed in place.
    data : ndarray of float64
        Entry values (ignored without ``with_data``); summed and packed in place.
    local_row : ndarray of uint16
        Each entry's row offset in its bucket.
    with_data : bool
        Sum values of parallel entries (True) or keep a pattern.
    groups : int
        Number of contiguous groups of buckets, each a parallel task.
    row_end : ndarray of int64, shape (n,)
        Output, as above.
    kept : ndarray of int64, shape (buckets,)
        Output, as above.

    Examples
    --------
    One bucket holding entries (row, column) = (2, 1), (0, 2), (2, 1) (values 1, 3, 4):

    >>> import numpy as np
    >>> from clusternet.kernels.buckets import order_buckets
    >>> starts = np.array([0, 3], dtype=np.int64)
    >>> indices = np.array([1, 2, 1], dtype=np.int32)
    >>> data = np.array([1.0, 3.0, 4.0])
    >>> local_row = np.array([2, 0, 2], dtype=np.uint16)
    >>> row_end, kept = np.empty(3, dtype=np.int64), np.empty(1, dtype=np.int64)
    >>> order_buckets(3, 16, starts, indices, data, local_row, True, 1, row_end, kept)
    >>> row_end.tolist(), kept.tolist(), indices[:2].tolist(), data[:2].tolist()
    ([1, 1, 2], [2], [2, 1], [3.0, 5.0])
    """
    buckets = starts.shape[0] - 1
    per = (buckets + groups - 1) // groups
    for g in prange(groups):
        first = g * per
        last = min(buckets, first + per)
        if first >= last:
            continue
        size = 0
        for b in range(first, last):
            size = max(size, starts[b + 1] - starts[b])
        cols = np.empty(size, dtype=indices.dtype)
        vals = np.empty(size if with_data else 0, dtype=np.float64)
        cursor = np.empty((1 << shift) + 1, dtype=np.int64)
        row_start = np.empty(1 << shift, dtype=np.int64)
        bounds = np.empty(max(size // INSERTION_SORT_MAX, NATURAL_RUNS_MAX) + 2, dtype=np.int64)
        for b in range(first, last):
            r0 = b << shift
            rows = min(n, r0 + (1 << shift)) - r0
            lo = starts[b]
            hi = starts[b + 1]
            cursor[: rows + 1] = 0
            for p in range(lo, hi):
                cursor[local_row[p] + 1] += 1
            for r in range(rows):
                cursor[r + 1] += cursor[r]
            row_start[:rows] = cursor[:rows]
            # gather the bucket into scratch in row order (counting sort, stable)
            for p in range(lo, hi):
                r = local_row[p]
                q = cursor[r]
                cols[q] = indices[p]
                if with_data:
                    vals[q] = data[p]
                cursor[r] = q + 1
            # sort and merge each row in scratch, writing packed rows back to the bucket
            # (the bucket's own range is free again: it serves as the merge buffer)
            out = lo
            for r in range(rows):
                a0 = row_start[r]
                a1 = cursor[r]
                _sort_row(cols, vals, a0, a1, indices[lo:hi], data[lo:hi], bounds, with_data)
                for a in range(a0, a1):
                    if a > a0 and cols[a] == indices[out - 1]:
                        if with_data:
                            data[out - 1] += vals[a]
                    else:
                        indices[out] = cols[a]
                        if with_data:
                            data[out] = vals[a]
                        out += 1
                row_end[r0 + r] = out - lo
            kept[b] = out - lo


@njit(cache=True, nogil=True)
def _close_gaps(starts, kept, indices, data, with_data):
    """Move each bucket's packed entries down to follow the previous bucket's.

    Forward copies to lower addresses, bucket after bucket: nothing is overwritten unread.
    """
    pos = 0
    for b in range(kept.shape[0]):
        if starts[b] != pos:
            _move(indices, data, indices, data, starts[b], pos, kept[b], with_data)
        pos += kept[b]


@njit(cache=True, nogil=True, parallel=True)
def _row_pointers(shift, kept, row_end, indptr):
    buckets = kept.shape[0]
    n = row_end.shape[0]
    base = np.empty(buckets + 1, dtype=np.int64)
    base[0] = 0
    for b in range(buckets):
        base[b + 1] = base[b] + kept[b]
    indptr[0] = 0
    for b in prange(buckets):
        r0 = b << shift
        for r in range(r0, min(n, r0 + (1 << shift))):
            indptr[r + 1] = base[b] + row_end[r]


def finish_rows(n, shift, starts, indices, data, local_row):
    r"""From bucketed entries to CSR arrays: rows sorted by column, parallel entries merged.

    ``data`` may be ``None`` (a pattern: repeated columns are kept once). The entry
    arrays are reused and, when merges shortened them, shrunk in place.

    Parameters
    ----------
    n : int
        Number of rows.
    shift : int
        Buckets hold :math:`2^{\text{shift}}` rows.
    starts : ndarray of int64, shape (buckets + 1,)
        Where each bucket's entries start.
    indices : ndarray of int32
        Entry columns (reused).
    data : ndarray of float64 or None
        Entry values (reused), or None for a pattern.
    local_row : ndarray of uint16
        Each entry's row offset in its bucket.

    Returns
    -------
    indptr : ndarray of int64, shape (n + 1,)
    indices : ndarray of int32
        Sorted within each row, distinct.
    data : ndarray of float64 or None
        Summed over parallel entries.

    Examples
    --------
    The entries of :func:`order_buckets`' example, as CSR arrays:

    >>> import numpy as np
    >>> from clusternet.kernels.buckets import finish_rows
    >>> starts = np.array([0, 3], dtype=np.int64)
    >>> local_row = np.array([2, 0, 2], dtype=np.uint16)
    >>> indptr, indices, data = finish_rows(3, 16, starts, np.array([1, 2, 1], dtype=np.int32),
    ...                                     np.array([1.0, 3.0, 4.0]), local_row)
    >>> indptr.tolist(), indices.tolist(), data.tolist()
    ([0, 1, 1, 2], [2, 1], [3.0, 5.0])
    """
    with_data = data is not None
    values = data if with_data else np.empty(0, dtype=np.float64)
    buckets = starts.shape[0] - 1
    row_end = np.empty(n, dtype=np.int64)
    kept = np.empty(buckets, dtype=np.int64)
    groups = min(buckets, 4 * numba.get_num_threads())  # four per thread balance the load
    order_buckets(n, shift, starts, indices, values, local_row, with_data, groups, row_end, kept)
    indptr = np.empty(n + 1, dtype=np.int64)
    _row_pointers(shift, kept, row_end, indptr)
    del row_end
    total = int(indptr[-1])
    if total != indices.shape[0]:
        _close_gaps(starts, kept, indices, values, with_data)
        indices = _shrunk(indices, total)
        if with_data:
            data = _shrunk(data, total)
    return indptr, indices, data


def _shrunk(array: np.ndarray, size: int) -> np.ndarray:
    """``array[:size]`` in the array's own memory: a shrinking realloc, no copy.

    The arrays come from :func:`bucket_arrays` and nothing else refers to them.
    """
    array.resize(size, refcheck=False)
    return array
