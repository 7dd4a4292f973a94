"""Division by the largest magnitude, so that squares and sums of extreme values stay finite."""

from __future__ import annotations

import numpy as np


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
