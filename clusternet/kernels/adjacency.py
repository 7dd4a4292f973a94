"""Who is tied to whom: set-membership queries answered in one pass over the ties.

``neighbour_bits`` reads the edge list itself (no CSR view needs building);
``partners_within`` counts, row by row of a symmetric CSR, the neighbours that
belong to a set.
"""

from __future__ import annotations

import numba
import numpy as np
from numba import njit, prange


@njit(cache=True, nogil=True, parallel=True)
def _neighbour_bits_chunks(src, dst, bits, out):
    chunks = out.shape[0]
    m = src.shape[0]
    per = (m + chunks - 1) // chunks
    for c in prange(chunks):
        for e in range(c * per, min(m, (c + 1) * per)):
            s = src[e]
            t = dst[e]
            out[c, s] |= bits[t]
            out[c, t] |= bits[s]


def neighbour_bits(
    src: np.ndarray, dst: np.ndarray, bits: np.ndarray, chunks: int | None = None
) -> np.ndarray:
    """OR of the ``bits`` of each actor's neighbours, direction ignored.

    ``result[v] = OR over ties {v, u} of bits[u]`` (a self-loop makes ``v`` its
    own neighbour), so bit ``b`` of ``result[v]`` says whether ``v`` has a tie
    to an actor of class ``b``. Equals ``(A + A^T)[:, class_b].sum(axis=1) > 0``
    for positive weights. Blocks of ties write their own rows, which are then
    OR-ed: O(E + chunks * n).

    Parameters
    ----------
    src, dst : ndarray of int32, endpoints in ``[0, n)`` (the caller checks)
    bits : ndarray of uint8, shape (n,), the classes of each actor as bits
    chunks : blocks of ties (default: one per thread, at most one per million ties)

    Returns
    -------
    ndarray of uint8, shape (n,)
        ``result[v]``, as above.

    Examples
    --------
    Actor 2 is tied to an actor of class 0 (bit 1) and one of class 1 (bit 2):

    >>> import numpy as np
    >>> from clusternet.kernels.adjacency import neighbour_bits
    >>> src = np.array([0, 1, 2], dtype=np.int32)
    >>> dst = np.array([2, 2, 3], dtype=np.int32)
    >>> bits = np.array([1, 2, 0, 0], dtype=np.uint8)
    >>> neighbour_bits(src, dst, bits).tolist()
    [0, 0, 3, 0]
    """
    bits = np.ascontiguousarray(bits, dtype=np.uint8)
    if chunks is None:
        chunks = min(numba.get_num_threads(), src.shape[0] // 1_000_000 + 1)
    chunks = max(1, int(chunks))
    out = np.zeros((chunks, bits.shape[0]), dtype=np.uint8)
    _neighbour_bits_chunks(src, dst, bits, out)
    return np.bitwise_or.reduce(out, axis=0)


@njit(cache=True, nogil=True, parallel=True)
def partners_within(indptr, indices, members, out):
    """``out[r]``: neighbours ``c != r`` of row ``r`` with ``members[c]``, for rows in ``members``.

    Rows outside ``members`` get 0. On a symmetric CSR without duplicate entries
    this is each member's number of distinct partners inside the set, i.e. the
    row lengths of ``A[members][:, members]`` with the diagonal removed.

    Parameters
    ----------
    indptr : ndarray of int64, shape (n + 1,)
        Row pointers of a CSR pattern.
    indices : ndarray of int32
        Column indices.
    members : ndarray of bool, shape (n,)
        The set.
    out : ndarray of int64, shape (n,)
        Output: partners inside the set per row (overwritten).

    Examples
    --------
    In the path 0 — 1 — 2, with members 0 and 1, each member has one partner inside:

    >>> import numpy as np
    >>> import scipy.sparse as sp
    >>> from clusternet.kernels.csr import kernel_arrays
    >>> path = sp.csr_array(([1.0] * 4, ([0, 1, 1, 2], [1, 0, 2, 1])), shape=(3, 3))
    >>> indptr, indices, data = kernel_arrays(path)
    >>> from clusternet.kernels.adjacency import partners_within
    >>> out = np.zeros(3, dtype=np.int64)
    >>> partners_within(indptr, indices, np.array([True, True, False]), out)
    >>> out.tolist()
    [1, 1, 0]
    """
    n = indptr.shape[0] - 1
    for r in prange(n):
        count = 0
        if members[r]:
            for k in range(indptr[r], indptr[r + 1]):
                c = indices[k]
                if c != r and members[c]:
                    count += 1
        out[r] = count
