"""Set operations on sparsity patterns: union, transpose, upper triangle.

A pattern is a CSR without values, ``(indptr int64, indices int32)``, whose rows
are sorted and distinct (what :func:`~clusternet.kernels.csr.csr_pattern` gives).
Merging two such patterns is one linear pass per row, so a pattern that grows by
a few ties (a round of triadic closure) need not be rebuilt by a counting sort of
all its ties, and the symmetric pattern of an undirected layer follows from its
upper triangle and that triangle's transpose without sorting anything.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

from clusternet.kernels.csr import csr_pattern, entry_rows


@njit(cache=True, nogil=True, parallel=True)
def _merge_rows(a_ptr, a_idx, b_ptr, b_idx, out_ptr, out_idx, write):
    """Per row, the sorted union of two sorted distinct lists.

    ``write`` False: ``out_ptr[r + 1]`` gets the union's length. ``write`` True: the
    union is written from ``out_ptr[r]`` (rows in parallel, disjoint writes).
    """
    for r in prange(a_ptr.shape[0] - 1):
        i = a_ptr[r]
        i_end = a_ptr[r + 1]
        j = b_ptr[r]
        j_end = b_ptr[r + 1]
        p = out_ptr[r] if write else 0
        while i < i_end and j < j_end:
            x = a_idx[i]
            y = b_idx[j]
            if x <= y:
                v = x
                i += 1
                if x == y:
                    j += 1
            else:
                v = y
                j += 1
            if write:
                out_idx[p] = v
            p += 1
        while i < i_end:
            if write:
                out_idx[p] = a_idx[i]
            p += 1
            i += 1
        while j < j_end:
            if write:
                out_idx[p] = b_idx[j]
            p += 1
            j += 1
        if not write:
            out_ptr[r + 1] = p


def union_patterns(
    a: tuple[np.ndarray, np.ndarray], b: tuple[np.ndarray, np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    """The pattern of ``A + B``: each row the sorted union of the two rows.

    ``a`` and ``b`` are patterns with the same number of rows (rows sorted and
    distinct); O(nnz(A) + nnz(B)), rows in parallel.

    Parameters
    ----------
    a, b : tuple (indptr int64, indices int32)
        The two patterns.

    Returns
    -------
    tuple (indptr, indices)
        The pattern of :math:`A + B`.

    Examples
    --------
    >>> import numpy as np
    >>> from clusternet.kernels.patterns import union_patterns
    >>> a = (np.array([0, 1, 2, 2], dtype=np.int64), np.array([1, 2], dtype=np.int32))
    >>> b = (np.array([0, 1, 1, 2], dtype=np.int64), np.array([2, 0], dtype=np.int32))
    >>> [x.tolist() for x in union_patterns(a, b)]
    [[0, 2, 3, 4], [1, 2, 2, 0]]
    """
    a_ptr, a_idx = a
    b_ptr, b_idx = b
    if a_ptr.shape[0] != b_ptr.shape[0]:
        raise ValueError(f"patterns of {a_ptr.shape[0] - 1} and {b_ptr.shape[0] - 1} rows")
    out_ptr = np.zeros(a_ptr.shape[0], dtype=np.int64)
    no_indices = np.empty(0, dtype=np.int32)
    _merge_rows(a_ptr, a_idx, b_ptr, b_idx, out_ptr, no_indices, False)
    np.cumsum(out_ptr, out=out_ptr)
    out_idx = np.empty(int(out_ptr[-1]), dtype=np.int32)
    _merge_rows(a_ptr, a_idx, b_ptr, b_idx, out_ptr, out_idx, True)
    return out_ptr, out_idx


def transpose_pattern(pattern: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    r"""The pattern of :math:`A^\top` of a square pattern (a counting sort by column).

    Parameters
    ----------
    pattern : tuple (indptr int64, indices int32)
        A square pattern.

    Returns
    -------
    tuple (indptr, indices)
        The pattern of :math:`A^\top`, rows sorted.

    Examples
    --------
    >>> import numpy as np
    >>> from clusternet.kernels.patterns import transpose_pattern
    >>> a = (np.array([0, 1, 2, 2], dtype=np.int64), np.array([1, 2], dtype=np.int32))
    >>> [x.tolist() for x in transpose_pattern(a)]
    [[0, 0, 1, 2], [0, 1]]
    """
    indptr, indices = pattern
    return csr_pattern(indptr.shape[0] - 1, indices, entry_rows(indptr))


def symmetric_pattern(pattern: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    r"""The pattern of :math:`A + A^\top`: every tie both ways, each neighbour once.

    Parameters
    ----------
    pattern : tuple (indptr int64, indices int32)
        A square pattern.

    Returns
    -------
    tuple (indptr, indices)
        The pattern of :math:`A + A^\top`.

    Examples
    --------
    >>> import numpy as np
    >>> from clusternet.kernels.patterns import symmetric_pattern
    >>> a = (np.array([0, 1, 2, 2], dtype=np.int64), np.array([1, 2], dtype=np.int32))
    >>> [x.tolist() for x in symmetric_pattern(a)]
    [[0, 1, 3, 4], [1, 0, 2, 1]]
    """
    return union_patterns(pattern, transpose_pattern(pattern))


@njit(cache=True, nogil=True, parallel=True)
def _upper_rows(indptr, indices, out_ptr, out_idx, write):
    """Per row, the entries right of the diagonal (counted, or copied from ``out_ptr[r]``)."""
    for r in prange(indptr.shape[0] - 1):
        p = out_ptr[r] if write else 0
        for k in range(indptr[r], indptr[r + 1]):
            c = indices[k]
            if c > r:
                if write:
                    out_idx[p] = c
                p += 1
        if not write:
            out_ptr[r + 1] = p


def upper_pattern(pattern: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """The strict upper triangle: each undirected tie ``(i, j)``, ``i < j``, once, in row order.

    Parameters
    ----------
    pattern : tuple (indptr int64, indices int32)
        A symmetric pattern.

    Returns
    -------
    tuple (indptr, indices)
        Its strict upper triangle.

    Examples
    --------
    >>> import numpy as np
    >>> from clusternet.kernels.patterns import symmetric_pattern, upper_pattern
    >>> a = (np.array([0, 1, 2, 2], dtype=np.int64), np.array([1, 2], dtype=np.int32))
    >>> [x.tolist() for x in upper_pattern(symmetric_pattern(a))]
    [[0, 1, 2, 2], [1, 2]]
    """
    indptr, indices = pattern
    out_ptr = np.zeros(indptr.shape[0], dtype=np.int64)
    no_indices = np.empty(0, dtype=np.int32)
    _upper_rows(indptr, indices, out_ptr, no_indices, False)
    np.cumsum(out_ptr, out=out_ptr)
    out_idx = np.empty(int(out_ptr[-1]), dtype=np.int32)
    _upper_rows(indptr, indices, out_ptr, out_idx, True)
    return out_ptr, out_idx
