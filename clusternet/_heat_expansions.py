"""The expansions behind :func:`clusternet.heat.heat`: the action of ``exp(-t B)`` on a state.

* :func:`bessel_coefficients` and :func:`advance_symmetric` — a Chebyshev (Bessel-coefficient)
  expansion for a symmetric generator, advanced in chunks with the stationary stop;
* :func:`advance_taylor` — a scaled truncated Taylor series (Al-Mohy & Higham 2011) for
  any generator.

``op`` is a :class:`clusternet.heat.HeatOperator` throughout (its kernel arrays, ``rho``,
``scale``, ``mu``, ``norm1`` and ``project``); this module only computes.
"""

from __future__ import annotations

import math

import numpy as np
from scipy.special import ive

from clusternet._scaling import by_largest
from clusternet.kernels import diffusion as kern

#: Largest ``c = t * rho / 2`` expanded in one Chebyshev sum; beyond it the remainder
#: off the null space is advanced in chunks of this size and the stationary state is
#: returned once the remainder is below tolerance (assumed; any value of tens to
#: thousands only trades the chunk's ``~sqrt(c)`` extra products against late stops).
CHEBYSHEV_CHUNK = 256.0
#: Most chunks before :func:`heat` refuses (about ``CHEBYSHEV_CHUNK`` products each).
MAX_CHUNKS = 1000
#: Most Taylor products before :func:`heat` refuses a non-symmetric generator.
MAX_TAYLOR_PRODUCTS = 2_000_000


def bessel_coefficients(c: float, tol: float) -> tuple[np.ndarray, float]:
    r"""Chebyshev coefficients of :math:`e^{-c (z + 1)}` on :math:`[-1, 1]` and their error bound.

    .. math::

        e^{-c (z + 1)} = \sum_k a_k T_k(z), \qquad a_0 = e^{-c} I_0(c), \quad
        a_k = 2 (-1)^k e^{-c} I_k(c)

    (the Jacobi-Anger expansion). The series is cut at the smallest degree :math:`m`
    whose tail :math:`2 \sum_{k > m} e^{-c} I_k(c)` is at most ``tol``; past the last
    computed order :math:`K` the tail is bounded geometrically by
    :math:`I_{k+1}(c) / I_k(c) < c / (2k + 2)` (Amos 1974). Since :math:`|T_k| \le 1` on
    :math:`[-1, 1]`, the bound holds for
    :math:`\|p(Z) x - e^{-c (Z + I)} x\|_2 / \|x\|_2` for every symmetric :math:`Z`
    with spectrum in :math:`[-1, 1]`.

    Parameters
    ----------
    c : float
        :math:`c \ge 0` (:math:`t \rho / 2` in :func:`heat`).
    tol : float
        The largest tail allowed.

    Returns
    -------
    (coefficients a_0..a_m, the tail bound)

    Examples
    --------
    >>> a, bound = bessel_coefficients(1.0, 1e-12)
    >>> len(a) - 1, bool(bound <= 1e-12)
    (11, True)
    """
    top = int(c + 12.0 * math.sqrt(c) + 64.0)
    while True:
        a = ive(np.arange(top + 1), c)
        q = c / (2.0 * (top + 1))
        beyond = a[-1] * q / (1.0 - q)
        # tail[m] = 2 * (sum_{k > m} a_k + beyond)
        tail = 2.0 * (np.concatenate([np.cumsum(a[::-1])[::-1][1:], [0.0]]) + beyond)
        ok = np.flatnonzero(tail <= tol)
        if ok.size:
            m = int(ok[0])
            break
        top *= 2
    coefs = 2.0 * a[: m + 1]
    coefs[1::2] *= -1.0
    coefs[0] = a[0]
    return coefs, float(tail[m])


def chebyshev_action(op, state: np.ndarray, c: float, tol: float) -> int:
    """``state <- exp(-c (Z + I)) state`` in place; returns the SpMV count."""
    coefs, _ = bessel_coefficients(c, tol)
    return (
        kern.expm_chebyshev(op.indptr, op.indices, op.data, op.diag, 2.0 / op.rho, coefs, state)
        * state.shape[1]
    )


def advance_symmetric(op, state: np.ndarray, tau: float, tol: float):
    """``exp(-tau B) state`` for ``B = scale * (diag(b) - M)`` symmetric, ``tau = t * scale``.

    Up to ``c = tau * rho / 2 <= CHEBYSHEV_CHUNK`` one Chebyshev sum. Beyond, the
    state splits into its null-space part ``P0 x`` (which ``exp(-t B)`` keeps) and the
    remainder ``r``, advanced in chunks; as ``exp(-s B)`` does not increase ``||r||_2``
    off the null space, once ``||r||_2 <= tol ||x||_2`` the answer is ``P0 x`` to
    tolerance (the stationary state), however large ``t`` is.
    """
    if op.rho == 0.0 or tau == 0.0:
        return state, 0, False
    c = tau * op.rho / 2.0
    if c <= CHEBYSHEV_CHUNK:
        return state, chebyshev_action(op, state, c, tol), False
    p0 = op.project(state)
    if not math.isfinite(c):
        return p0, 0, True  # t * scale overflows: every decaying mode is gone
    rest = state - p0
    # ||r||_2 <= tol ||x||_2 compared on x / max|x|: the squares of a state near 1e155 and
    # beyond would overflow (an infinite limit stops at once) and of a tiny one underflow
    scaled, unit = by_largest(state)
    limit = tol * float(np.linalg.norm(scaled))
    products = 0
    chunks = 0
    while c > 0.0:
        step = min(CHEBYSHEV_CHUNK, c)
        products += chebyshev_action(op, rest, step, tol)
        rest -= op.project(rest)  # rounding leaves null-space parts that never decay
        c -= step
        if float(np.linalg.norm(rest / unit)) <= limit:
            return p0, products, True
        chunks += 1
        if chunks >= MAX_CHUNKS and c > 0.0:
            gap = 37.0 * op.rho * op.scale / (2.0 * chunks * CHEBYSHEV_CHUNK)
            raise ValueError(
                f"heat: t is too large for this network: after {products:,} matrix-vector "
                "products the state is still not stationary to tolerance (B's spectral gap "
                f"is below about {gap:.3g}); ask for a smaller t"
            )
    return p0 + rest, products, False


def advance_taylor(op, state: np.ndarray, tau: float, tol: float) -> int:
    """``state <- exp(-tau (diag(b) - M)) state`` by scaled truncated Taylor (in place)."""
    if tau == 0.0:
        return 0
    norm_t = tau * op.norm1
    # the cheapest degree's count, bounded below without forming a huge int (t may be 1e300)
    fewest = min(degree * norm_t / theta for degree, theta in THETA.items())
    if not fewest <= MAX_TAYLOR_PRODUCTS:
        raise ValueError(
            f"heat: t * ||B||_1 = {norm_t:.3g} needs more than {MAX_TAYLOR_PRODUCTS:,} "
            f"matrix-vector products for kind={op.kind!r}; ask for a smaller t, or use a "
            "symmetric kind ('combinatorial', 'symmetric'), which reaches the stationary "
            "state in work that scales with the spectrum"
        )
    degree, substeps = taylor_degree_and_steps(norm_t)
    if degree * substeps > MAX_TAYLOR_PRODUCTS:
        raise ValueError(
            f"heat: t * ||B||_1 = {tau * op.norm1:.3g} needs {degree * substeps:,} "
            f"matrix-vector products for kind={op.kind!r} (limit {MAX_TAYLOR_PRODUCTS:,}); "
            "ask for a smaller t, or use a symmetric kind ('combinatorial', 'symmetric'), "
            "which reaches the stationary state in work that scales with the spectrum"
        )
    h = tau / substeps
    diag_shift = op.diag - op.mu
    products = 0
    for _ in range(substeps):
        used = kern.expm_taylor_step(
            op.indptr, op.indices, op.data, diag_shift, h, state, tol, degree
        )
        products += used * state.shape[1]
        state *= math.exp(-h * op.mu)
    return products


#: Largest ``h ||A||_1`` for which the degree-m Taylor polynomial meets double precision
#: (Higham 2008, Table A.3, for m <= 30; Al-Mohy & Higham 2011, Table 3.1, beyond).
THETA = {
    1: 2.29e-16, 2: 2.58e-8, 3: 1.39e-5, 4: 3.40e-4, 5: 2.40e-3, 6: 9.07e-3, 7: 2.38e-2, 8: 5.00e-2,
    9: 8.96e-2, 10: 1.44e-1, 11: 2.14e-1, 12: 3.00e-1, 13: 4.00e-1, 14: 5.14e-1, 15: 6.41e-1,
    16: 7.81e-1, 17: 9.31e-1, 18: 1.09, 19: 1.26, 20: 1.44, 21: 1.62, 22: 1.82, 23: 2.01, 24: 2.22,
    25: 2.43, 26: 2.64, 27: 2.86, 28: 3.08, 29: 3.31, 30: 3.54, 35: 4.7, 40: 6.0, 45: 7.2, 50: 8.5,
    55: 9.9,
}  # fmt: skip


def taylor_degree_and_steps(norm_t: float) -> tuple[int, int]:
    """Degree m and substeps s minimising the SpMV count m * s with ``norm_t / s <= theta_m``."""
    if norm_t <= 0:
        return 1, 1
    best: tuple[int, int, int] | None = None
    for degree, theta in THETA.items():
        steps = max(1, math.ceil(norm_t / theta))
        cost = degree * steps
        if best is None or cost < best[0]:
            best = (cost, degree, steps)
    assert best is not None
    return best[1], best[2]
