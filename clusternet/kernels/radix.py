r"""Least-significant-digit radix sort of 64-bit keys (the sort behind :func:`clusternet.spillover.gini`).

The bit patterns of non-negative IEEE-754 doubles (``+0.0`` up to ``inf``) order as
unsigned integers exactly as the numbers do, so sorting the ``uint64`` view sorts the
values. Eight passes of one byte each, a pass skipped where every key has the same byte:
:math:`O(8 n)` time and one scratch array, against :math:`O(n \log n)` comparisons.
"""

from __future__ import annotations

import numpy as np
from numba import njit, uint64

#: bits of one digit (one pass per digit; 256 counters fit in the L1 cache)
DIGIT_BITS = 8


@njit(cache=True, nogil=True)
def radix_sort_u64(keys, scratch):
    """Sort ``uint64`` keys ascending; the sorted keys end in ``keys`` or in ``scratch``.

    Each pass counts the keys per digit (:data:`DIGIT_BITS` bits, lowest first), turns
    the counts into starting positions and moves every key to its digit's next position,
    in input order: each pass is stable, so after the last the keys are sorted. A pass
    in which every key has the same digit moves nothing and is skipped.

    Parameters
    ----------
    keys : ndarray of uint64, shape (n,)
        The keys (overwritten).
    scratch : ndarray of uint64, shape (n,)
        Work space (overwritten).

    Returns
    -------
    bool
        True when the sorted keys are in ``scratch``, False when in ``keys``.

    Examples
    --------
    >>> import numpy as np
    >>> from clusternet.kernels.radix import radix_sort_u64
    >>> keys = np.array([300, 5, 2**40, 5, 0], dtype=np.uint64)
    >>> scratch = np.empty_like(keys)
    >>> (scratch if radix_sort_u64(keys, scratch) else keys).tolist()
    [0, 5, 5, 300, 1099511627776]
    """
    n = keys.shape[0]
    buckets = 1 << DIGIT_BITS
    mask = uint64(buckets - 1)
    count = np.zeros(buckets, dtype=np.int64)
    src, dst = keys, scratch
    in_scratch = False
    if n == 0:
        return in_scratch
    for p in range((64 + DIGIT_BITS - 1) // DIGIT_BITS):
        shift = uint64(p * DIGIT_BITS)
        count[:] = 0
        for i in range(n):
            count[(src[i] >> shift) & mask] += 1
        if count[(src[0] >> shift) & mask] == n:
            continue  # every key has this digit: the pass would move nothing
        total = 0
        for b in range(buckets):
            c = count[b]
            count[b] = total
            total += c
        for i in range(n):
            d = (src[i] >> shift) & mask
            dst[count[d]] = src[i]
            count[d] += 1
        src, dst = dst, src
        in_scratch = not in_scratch
    return in_scratch


#: below this many values :func:`numpy.sort` is as fast (no scratch array, no call)
RADIX_FROM = 1 << 12


def sort_nonnegative(values: np.ndarray) -> np.ndarray:
    """A sorted copy of non-negative, non-NaN float64 values (``-0.0`` comes back as ``0.0``).

    From :data:`RADIX_FROM` values on, :func:`radix_sort_u64` sorts their bit patterns;
    below it :func:`numpy.sort` sorts them. The caller checks that no value is negative
    or NaN (their bit patterns do not order as the numbers).

    Parameters
    ----------
    values : array_like
        Values ``>= 0`` (``inf`` allowed), taken as float64 and ravelled; left unchanged.

    Returns
    -------
    ndarray of float64, shape (n,)
        The values in ascending order.

    Examples
    --------
    >>> import numpy as np
    >>> from clusternet.kernels.radix import sort_nonnegative
    >>> x = np.random.default_rng(0).random(5000) * 1e6
    >>> bool((sort_nonnegative(x) == np.sort(x)).all())
    True
    """
    # a float64 copy, ravelled, -0.0 made +0.0 (its bit pattern would sort last)
    keys = np.add(np.asarray(values, dtype=np.float64).ravel(), 0.0)
    if keys.shape[0] < RADIX_FROM:
        keys.sort()
        return keys
    bits = keys.view(np.uint64)
    scratch = np.empty_like(bits)
    return (scratch if radix_sort_u64(bits, scratch) else bits).view(np.float64)
