"""Statistics the published cluster studies ran, on plain arrays.

A tail fit, a concentration share, a core-periphery fit and a logit, used by
:mod:`clusternet.validation.patterns`. Each works on plain arrays and is tested against an independent reference
(closed forms, brute force, scipy's optimiser) in ``tests/test_patterns.py``.
"""

from __future__ import annotations

import numpy as np

__all__ = ["axtell_exponent", "core_periphery", "logit", "top_share"]


def axtell_exponent(sizes, base: float = 3.0) -> float:
    r"""Zipf (Pareto) exponent by Axtell's method: OLS on the log-binned size density.

    Sizes are binned in powers of ``base`` (Axtell used 3); the log of each
    non-empty bin's density (count / bin width) is regressed on the log of the
    bin's geometric midpoint; the slope is :math:`-(1 + \alpha)` for a Pareto tail
    :math:`P(S > s) \sim s^{-\alpha}`.

    Parameters
    ----------
    sizes : array_like
        Positive firm sizes.
    base : float
        Bin ratio.

    Returns
    -------
    float
        ``alpha`` (NaN with fewer than three non-empty bins).

    References
    ----------
    Axtell, R. L. (2001). Zipf distribution of U.S. firm sizes. *Science*
    293:1818–1820 (alpha = 1.059, s.e. 0.054).

    Examples
    --------
    >>> s = (1.0 - np.random.default_rng(0).random(200_000)) ** -1.0  # Pareto, alpha 1
    >>> round(axtell_exponent(s), 1)
    1.0
    """
    s = np.asarray(sizes, float)
    s = s[np.isfinite(s) & (s > 0)]
    if s.size == 0:
        return float("nan")
    lo = np.floor(np.log(s.min()) / np.log(base))
    hi = np.floor(np.log(s.max()) / np.log(base)) + 1
    edges = base ** np.arange(lo, hi + 1)
    counts, _ = np.histogram(s, bins=edges)
    keep = counts > 0
    if keep.sum() < 3:
        return float("nan")
    density = counts[keep] / np.diff(edges)[keep]
    mid = np.sqrt(edges[:-1] * edges[1:])[keep]
    slope = np.polyfit(np.log(mid), np.log(density), 1)[0]
    return float(-slope - 1.0)


def top_share(counts, top: float = 0.1) -> float:
    """Share of the total held by the top ``top`` fraction of units (at least one unit).

    Parameters
    ----------
    counts : array-like of float
        One non-negative count (or size) per unit.
    top : float, default 0.1
        The top fraction of units, in (0, 1].

    Returns
    -------
    float
        The top units' share of the total, in [0, 1] (NaN when the total is 0).

    Examples
    --------
    >>> top_share([0, 0, 0, 0, 0, 0, 0, 0, 1, 9])
    0.9
    """
    c = np.sort(np.asarray(counts, float))[::-1]
    total = c.sum()
    if c.size == 0 or total <= 0:
        return float("nan")
    k = max(1, int(np.ceil(top * c.size)))
    return float(c[:k].sum() / total)


def _cp_fit(k: int, n: int, e_cc: float, e_pp: float) -> float:
    """Pearson correlation of the ideal pattern (core-core 1, periphery-periphery 0) with the ties."""
    n_cc = k * (k - 1) / 2
    n_pp = (n - k) * (n - k - 1) / 2
    total = n_cc + n_pp
    sy = e_cc + e_pp
    num = total * e_cc - n_cc * sy
    den = (total * n_cc - n_cc**2) * (total * sy - sy**2)
    return float(num / np.sqrt(den)) if den > 0 else float("nan")


def core_periphery(adjacency) -> tuple[np.ndarray, float]:
    """Borgatti–Everett discrete core–periphery partition of an undirected graph.

    The fit is the Pearson correlation between the ties and the ideal pattern
    (a tie between every two core members, none between peripheral ones; the
    core–periphery block is left out, UCINET's default). The core is found by a
    scan over the degree order followed by single-node moves that raise the fit
    (a local optimum, as UCINET's search; exact on small graphs in the tests).

    Parameters
    ----------
    adjacency : scipy sparse matrix or ndarray
        Symmetric 0/1 adjacency, no self-loops.

    Returns
    -------
    core : ndarray of bool
        Core membership per node.
    fit : float
        The correlation (NaN when no partition has two nodes on each side).

    References
    ----------
    Borgatti, S. P., & Everett, M. G. (2000). Models of core/periphery
    structures. *Social Networks* 21:375–395.

    Examples
    --------
    >>> a = np.zeros((8, 8), int); a[:4, :4] = 1; np.fill_diagonal(a, 0)
    >>> a[4:, 0] = a[0, 4:] = 1  # a periphery tied to the core only
    >>> core, fit = core_periphery(a)
    >>> bool(core[:2].all() and not core[4:].any()), round(fit, 3)
    (True, 1.0)
    """
    import scipy.sparse as sp

    a = sp.csr_matrix(adjacency, dtype=np.float64)
    n = a.shape[0]
    if n < 4:
        return np.zeros(n, dtype=bool), float("nan")
    deg = np.asarray(a.sum(axis=1)).ravel()
    order = np.argsort(-deg, kind="stable")
    # scan: core = the top-k by degree, k = 2 .. n-2
    best_k, best_fit = 2, -np.inf
    pos = np.empty(n, dtype=np.int64)
    pos[order] = np.arange(n)
    coo = a.tocoo()
    upper = coo.row < coo.col
    hi_pos = np.maximum(pos[coo.row[upper]], pos[coo.col[upper]])
    lo_pos = np.minimum(pos[coo.row[upper]], pos[coo.col[upper]])
    # e_cc(k): ties with both ends among the first k; e_pp(k): both ends at or after k
    e_cc = np.cumsum(np.bincount(hi_pos, minlength=n))  # ties whose later end < k+1
    e_pp = np.cumsum(np.bincount(lo_pos, minlength=n)[::-1])[::-1]  # ties whose earlier end >= k
    for k in range(2, n - 1):
        fit = _cp_fit(k, n, float(e_cc[k - 1]), float(e_pp[k]))
        if np.isfinite(fit) and fit > best_fit:
            best_k, best_fit = k, fit
    core = np.zeros(n, dtype=bool)
    core[order[:best_k]] = True
    # local search: move the one node whose move raises the fit most, until none does
    to_core = np.asarray(a[:, core].sum(axis=1)).ravel()
    k = int(core.sum())
    ecc = float(to_core[core].sum() / 2)
    epp = float((deg[~core] - to_core[~core]).sum() / 2)
    fit = _cp_fit(k, n, ecc, epp)
    for _ in range(4 * n):
        # moving a periphery node in: e_cc += its ties to core, e_pp -= its ties to periphery
        to_per = deg - to_core
        k_new = np.where(core, k - 1, k + 1)
        ecc_new = np.where(core, ecc - to_core, ecc + to_core)
        epp_new = np.where(core, epp + to_per, epp - to_per)
        n_cc = k_new * (k_new - 1) / 2
        n_pp = (n - k_new) * (n - k_new - 1) / 2
        total = n_cc + n_pp
        sy = ecc_new + epp_new
        den = (total * n_cc - n_cc**2) * (total * sy - sy**2)
        with np.errstate(invalid="ignore", divide="ignore"):
            fits = np.where(
                (den > 0) & (k_new >= 2) & (n - k_new >= 2),
                (total * ecc_new - n_cc * sy) / np.sqrt(np.where(den > 0, den, 1.0)),
                -np.inf,
            )
        v = int(np.argmax(fits))
        if not fits[v] > fit + 1e-12:
            break
        sign = -1.0 if core[v] else 1.0
        core[v] = not core[v]
        k, ecc, epp, fit = int(k_new[v]), float(ecc_new[v]), float(epp_new[v]), float(fits[v])
        nb = a.indices[a.indptr[v] : a.indptr[v + 1]]
        to_core[nb] += sign
    return core, float(fit)


def logit(y, x) -> tuple[np.ndarray, np.ndarray]:
    """Maximum-likelihood logistic regression by Newton's method (an intercept is added).

    Returns the coefficients (intercept first) and their standard errors from
    the inverse information matrix.

    Parameters
    ----------
    y : array-like of {0, 1}, shape (n,)
        The binary outcome.
    x : array-like of float, shape (n, k)
        The covariates (without the intercept).

    Returns
    -------
    coefficients : ndarray of float, shape (k + 1,)
        Intercept first.
    standard_errors : ndarray of float, shape (k + 1,)
        From the inverse information matrix at the estimate.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> x = rng.normal(size=(5000, 1))
    >>> y = rng.random(5000) < 1 / (1 + np.exp(-(0.5 + 1.0 * x[:, 0])))
    >>> beta, se = logit(y, x)
    >>> bool(abs(beta[1] - 1.0) < 4 * se[1])
    True
    """
    y = np.asarray(y, float)
    x = np.column_stack([np.ones(y.size), np.asarray(x, float).reshape(y.size, -1)])
    beta = np.zeros(x.shape[1])
    info = np.eye(x.shape[1])
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-(x @ beta)))
        w = p * (1.0 - p)
        info = (x * w[:, None]).T @ x
        step = np.linalg.lstsq(info, x.T @ (y - p), rcond=None)[0]
        beta = beta + step
        if np.max(np.abs(step)) < 1e-10:
            break
    with np.errstate(invalid="ignore"):
        se = np.sqrt(np.diag(np.linalg.pinv(info)))
    return beta, se
