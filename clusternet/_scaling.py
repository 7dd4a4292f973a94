"""Division by the largest magnitude, so that squares and sums of extreme values stay finite."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp


def by_largest(values) -> tuple[np.ndarray, float]:
    r"""``values / s`` and ``s = max |values|`` (1 when every value is 0, or none is given).

    Sums of squares of values near 1e155 and beyond overflow, and of values near 1e-155
    underflow; a quantity that scales with ``s`` (a norm, a standard deviation, a linear
    solve) is computed on ``values / s`` and scaled back. A NaN largest value gives
    ``s = 1`` (the values pass unchanged, NaN and all).

    Parameters
    ----------
    values : array_like
        Real values.

    Returns
    -------
    scaled : numpy.ndarray of float64
        :math:`v / s`, a new array.
    s : float
        :math:`\max_i |v_i|`, or 1.

    Examples
    --------
    >>> scaled, s = by_largest([1e200, -3e200])
    >>> scaled.tolist(), s
    ([0.3333333333333333, -1.0], 3e+200)
    >>> by_largest([0.0, 0.0])[1], by_largest([])[1]
    (1.0, 1.0)
    """
    v = np.asarray(values, dtype=np.float64)
    top = float(np.abs(v).max()) if v.size else 0.0
    s = top if top > 0 else 1.0
    return v / s, s


def sparse_divided(m: sp.csr_array, by: float) -> sp.csr_array:
    r"""A new CSR array with the stored values of ``m`` divided by ``by``, one by one.

    Not ``m / by``: scipy multiplies by ``1 / by``, which is ``inf`` for a subnormal
    ``by`` (below 2.2e-308), so ``m / 1e-310`` holds ``inf`` where
    :math:`a_{ij} / 10^{-310}` is finite.

    Parameters
    ----------
    m : scipy.sparse.csr_array
        The matrix (not modified).
    by : float
        The divisor, nonzero.

    Returns
    -------
    scipy.sparse.csr_array
        :math:`a_{ij} / \mathrm{by}` at ``m``'s stored positions, sharing no array with ``m``.

    Examples
    --------
    >>> import scipy.sparse as sp
    >>> m = sp.csr_array([[0.0, 3e-310], [1e-310, 0.0]])
    >>> sparse_divided(m, 3e-310).toarray().round(6).tolist()
    [[0.0, 1.0], [0.333333, 0.0]]
    >>> bool(np.isinf((m / 3e-310).toarray()).any())  # scipy's own division
    True
    """
    # its own index arrays: a caller may eliminate zeros in place, and m may be the user's
    return sp.csr_array((m.data / by, m.indices.copy(), m.indptr.copy()), shape=m.shape)
