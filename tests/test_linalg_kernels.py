"""The linear-algebra kernels called directly, against dense numpy iterations.

The wrappers' tests (``test_centrality.py``) check converged answers against igraph and
networkx; a kernel that iterates longer than it must (a ``break`` turned into
``continue``, a convergence test that never passes) gives the same converged answer.
These tests also check how many iterations the kernel reports and what it holds after
exactly ``k`` steps, from an independent dense iteration of the same formula.
"""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from clusternet.kernels.linalg import (
    affine_fixed_point,
    pagerank_power,
    row_sums,
    spmv,
    symmetric_power,
)


def _csr(a: sp.csr_array) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return a.indptr.astype(np.uint64), a.indices.astype(np.uint32), a.data.astype(np.float64)


def _graph(seed: int, n: int = 9, dangling: bool = True) -> np.ndarray:
    """A dense weighted digraph; with ``dangling`` its last two actors have no out-ties."""
    rng = np.random.default_rng(seed)
    a = rng.random((n, n)) * (rng.random((n, n)) < 0.4)
    np.fill_diagonal(a, 0.0)
    if dangling:
        a[-2:, :] = 0.0
    return a


def _pagerank_dense(a: np.ndarray, v: np.ndarray, d: float, x0: np.ndarray, steps: int):
    """``steps`` PageRank iterations as dense algebra; the iterates' L1 changes too."""
    s = a.sum(axis=1)
    inv = np.divide(1.0, s, out=np.zeros_like(s), where=s > 0)
    x = x0.copy()
    changes = []
    for _ in range(steps):
        new = d * a.T @ (x * inv) + (d * x[s == 0].sum() + 1 - d) * v
        new /= new.sum()
        changes.append(np.abs(new - x).sum())
        x = new
    return x, changes


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_linalg_spmv_and_row_sums_match_scipy(seed):
    a = sp.csr_array(_graph(seed, dangling=False))
    x = np.random.default_rng(seed).random(a.shape[0])
    out = np.empty(a.shape[0])
    spmv(*_csr(a), x, out)
    np.testing.assert_allclose(out, a @ x, rtol=1e-14, atol=0)
    sums = np.empty(a.shape[0])
    row_sums(a.indptr.astype(np.uint64), a.data, sums)
    np.testing.assert_allclose(sums, np.asarray(a.sum(axis=1)).ravel(), rtol=1e-14, atol=0)


@pytest.mark.parametrize("steps", [1, 2, 3, 4])
def test_linalg_pagerank_after_exactly_k_steps(steps):
    # tol = 0 never stops early: the kernel must hold the k-th iterate (odd and even k, the
    # swap of its two buffers) and report k iterations and the k-th change
    a = _graph(3)
    n = a.shape[0]
    v = np.linspace(1.0, 2.0, n)
    v /= v.sum()
    x0 = np.full(n, 1.0 / n)
    want, changes = _pagerank_dense(a, v, 0.85, x0, steps)
    inn = sp.csr_array(a.T)
    x = x0.copy()
    it, err = pagerank_power(*_csr(inn), a.sum(axis=1), v, 0.85, 0.0, steps, x)
    assert it == steps
    np.testing.assert_allclose(x, want, rtol=1e-12, atol=0)
    assert err == pytest.approx(changes[-1], rel=1e-9)


def test_linalg_pagerank_stops_at_the_first_change_below_tol():
    a = _graph(4)
    n = a.shape[0]
    v = np.full(n, 1.0 / n)
    x0 = v.copy()
    _, changes = _pagerank_dense(a, v, 0.85, x0, 500)
    tol = 1e-9
    first = next(k for k, c in enumerate(changes, start=1) if c < tol)
    inn = sp.csr_array(a.T)
    x = x0.copy()
    it, err = pagerank_power(*_csr(inn), a.sum(axis=1), v, 0.85, tol, 500, x)
    assert abs(it - first) <= 1  # a change within rounding of tol may cross a step later
    assert 0.0 <= err < tol
    assert x.sum() == pytest.approx(1.0, abs=1e-12)


@pytest.mark.parametrize("steps", [1, 2, 5])
def test_linalg_affine_fixed_point_after_exactly_k_steps(steps):
    a = sp.csr_array(_graph(5, dangling=False))
    beta = np.linspace(0.5, 1.5, a.shape[0])
    x = np.zeros(a.shape[0])
    it, err = affine_fixed_point(*_csr(a), 0.1, beta, 0.0, steps, x)
    want = np.zeros(a.shape[0])
    change = np.inf
    for _ in range(steps):
        new = 0.1 * (a @ want) + beta
        change = np.abs(new - want).sum()
        want = new
    assert it == steps
    np.testing.assert_allclose(x, want, rtol=1e-13, atol=0)
    assert err == pytest.approx(change, rel=1e-9)


def test_linalg_affine_fixed_point_converges_to_the_solve_and_stops_early():
    a = sp.csr_array(_graph(6, dangling=False))
    rho = np.max(np.abs(np.linalg.eigvals(a.toarray())))
    alpha = 0.5 / rho
    beta = np.ones(a.shape[0])
    x = np.zeros(a.shape[0])
    it, err = affine_fixed_point(*_csr(a), alpha, beta, 1e-12, 10_000, x)
    want = np.linalg.solve(np.eye(a.shape[0]) - alpha * a.toarray(), beta)
    np.testing.assert_allclose(x, want, rtol=1e-10)
    # the L1 change shrinks at least by alpha * rho = 1/2 per step: about 45 steps from 0
    assert 0 < it < 100
    assert 0.0 <= err < 1e-12


def test_linalg_affine_fixed_point_stops_only_below_tol_not_at_it():
    # two actors tied both ways, alpha 1/2, beta 1, from 0: x_k = 2 - 2^(1-k) on both, so the
    # L1 change is exactly 2^(2-k) (2, 1, 0.5, 0.25, 0.125, ...; powers of two, no rounding).
    # At tol = 0.25 the change equals tol at step 4, which is not below it: the iteration
    # goes on to step 5 (change 0.125)
    a = sp.csr_array(np.array([[0.0, 1.0], [1.0, 0.0]]))
    x = np.zeros(2)
    it, err = affine_fixed_point(*_csr(a), 0.5, np.ones(2), 0.25, 100, x)
    assert (it, err) == (5, 0.125)
    np.testing.assert_array_equal(x, [1.9375, 1.9375])  # 2 - 2^-4


def _symmetric_power_dense(a: np.ndarray, shift: float, tol: float, max_iter: int, x0):
    """The shifted power iteration of :func:`symmetric_power`'s docstring as dense algebra:
    ``x <- (A + shift I) x / |(A + shift I) x|``, the Ritz residual ``|A x - theta x|`` of
    the vector before the step, a stop at ``resid <= tol |theta|``, and after 20 steps a
    stop when the residual's rate over the last 10 steps predicts more than ``max_iter``."""
    x = x0.copy()
    history: list[float] = []
    theta, resid = 0.0, np.inf
    while len(history) < max_iter:
        y = a @ x
        theta = float(x @ y)
        z = y + shift * x
        norm = np.linalg.norm(z)
        if not norm > 0.0:
            break
        resid = float(np.linalg.norm(y - theta * x))
        x = z / norm
        history.append(resid)
        it = len(history)
        if resid <= tol * abs(theta):
            break
        if it >= 20 and history[it - 11] > 0.0:
            rate = (resid / history[it - 11]) ** 0.1
            if rate >= 1.0 or it + np.log(tol * abs(theta) / resid) / np.log(rate) > max_iter:
                break
    return len(history), theta, resid, x


@pytest.mark.parametrize(
    ("edges", "n", "max_iter", "steps"),
    [
        ([(i, i + 1) for i in range(299)], 300, 300, 20),  # a path: gives up at step 20
        ([(0, k) for k in range(1, 6)] + [(1, 2), (3, 4)], 6, 1000, None),  # converges
    ],
    ids=["path-gives-up-at-20", "wheel-converges"],
)
def test_symmetric_power_step_count_and_vector_match_a_dense_iteration(edges, n, max_iter, steps):
    """Issue 30: the iteration count, Ritz value, residual and vector of the shifted power
    iteration against the same rule in dense numpy; on a 300-actor path the residual shrinks
    so slowly that the first prediction, after exactly 20 steps, already passes max_iter."""
    rows, cols = zip(*edges, strict=True)
    a = sp.csr_array((np.ones(len(edges)), (rows, cols)), shape=(n, n))
    a = sp.csr_array(a + a.T)
    x0 = np.full(n, 1 / np.sqrt(n))
    want_it, want_theta, want_resid, want_x = _symmetric_power_dense(
        a.toarray(), 1.0, 1e-14, max_iter, x0
    )
    if steps is not None:
        assert want_it == steps
    else:
        assert want_resid <= 1e-14 * want_theta and want_it < 200
    x = x0.copy()
    it, theta, resid = symmetric_power(*_csr(a), 1.0, 1e-14, max_iter, x)
    assert it == want_it
    assert theta == pytest.approx(want_theta, rel=1e-13)
    assert resid == pytest.approx(want_resid, rel=1e-6, abs=1e-15)
    np.testing.assert_allclose(x, want_x, rtol=0, atol=1e-12)


def test_symmetric_power_stops_when_the_shifted_step_vanishes():
    """Issue 30: a start vector in the null space of ``A + shift I`` (here ``(1, -1)/sqrt 2``
    for one tie, eigenvalue -1, shift 1) has no next iterate (0 / 0): the kernel stops
    before any step, leaves x as it was and reports no convergence (residual inf), rather
    than a vector of NaN with residual 0."""
    a = sp.csr_array(np.array([[0.0, 1.0], [1.0, 0.0]]))
    x0 = np.array([1.0, -1.0]) / np.sqrt(2.0)
    x = x0.copy()
    it, theta, resid = symmetric_power(*_csr(a), 1.0, 1e-14, 100, x)
    assert it == 0 and resid == np.inf
    assert theta == pytest.approx(-1.0, abs=1e-15)  # x . A x, the eigenvalue -1
    np.testing.assert_array_equal(x, x0)


@pytest.mark.parametrize(
    ("weight", "tol", "theta"),
    [(1.0, 0.0, 2.0), (0.0, 1e-14, 0.0)],
    ids=["cycle-tol-0", "zero-ties-theta-0"],
)
def test_symmetric_power_stops_when_the_residual_equals_tol_theta(weight, tol, theta):
    """Seed 2050, kernels/linalg.py L379 (`<=` -> `<`): the documented stop is a residual
    *at most* ``tol |theta|``; a strict test never stops where both sides are 0. By hand,
    on the 4-cycle 0-1-2-3-0 with ties of weight ``w`` from the unit vector x = (1/2, ...):
    A x = (w, w, w, w), theta = x . A x = 2 w and the residual |A x - theta x| is exactly 0.
    With w = 1 and tol = 0 (so tol |theta| = 0), and with w = 0 (stored zero ties, theta = 0)
    at the default tol, the residual equals tol |theta| = 0 after the first step: the
    iteration stops there, at 1 step, and x stays (1/2, ...) ((w + 1/2) / (w + 1/2) * 1/2).
    A strict test would find no rate to give up on (every residual 0) and run to max_iter."""
    rows, cols = [0, 1, 1, 2, 2, 3, 3, 0], [1, 0, 2, 1, 3, 2, 0, 3]
    a = sp.csr_array((np.full(8, weight), (rows, cols)), shape=(4, 4))
    assert a.nnz == 8  # the zero ties are stored
    x = np.full(4, 0.5)
    it, got_theta, resid = symmetric_power(*_csr(a), 1.0, tol, 50, x)
    assert (it, got_theta, resid) == (1, theta, 0.0)
    np.testing.assert_array_equal(x, np.full(4, 0.5))


@pytest.mark.parametrize("n", [5, 10])
def test_symmetric_power_gives_up_at_step_20_when_the_residual_stops_shrinking(n):
    """Issue 30: on the complete graph K_n, ``A + I`` has eigenvalues n and 0, so one step
    leaves the uniform vector and the residual sits at its rounding floor from then on. With
    a tolerance below that floor the residual's rate over the last 10 steps is exactly 1, and
    the documented rule gives up after 20 steps (not at max_iter)."""
    a = sp.csr_array(np.ones((n, n)) - np.eye(n))
    x0 = np.linspace(1.0, 2.0, n)
    x0 /= np.linalg.norm(x0)
    floors = []
    for steps in (10, 20):  # the residual after 10 and after 20 steps
        x = x0.copy()
        it, theta, resid = symmetric_power(*_csr(a), 1.0, 1e-18, steps, x)
        assert it == steps
        floors.append(resid)
    assert floors[0] == floors[1] > 1e-18 * (n - 1)  # stuck: the rate is exactly 1
    x = x0.copy()
    it, theta, resid = symmetric_power(*_csr(a), 1.0, 1e-18, 1000, x)
    assert it == 20 and resid == floors[1]
    assert theta == pytest.approx(n - 1, rel=1e-14)
    np.testing.assert_allclose(x, np.full(n, 1 / np.sqrt(n)), rtol=1e-14)


def test_symmetric_power_goes_on_when_the_predicted_count_is_exactly_max_iter():
    """Issue 30: the iteration gives up when the predicted step count *passes* max_iter,
    ``it + log(tol |theta| / resid) / log(rate) > max_iter``; a prediction of exactly
    max_iter goes on. On a 300-actor path the tolerance is chosen (by walking its last bit,
    with the residuals the kernel reports after 10 and 20 steps and the same float64
    formula) so that the prediction after step 20 is exactly an integer M: with max_iter M
    the kernel must take a 21st step, with M - 1 it gives up at 20."""
    import math

    n = 300
    a = sp.csr_array((np.ones(n - 1), (np.arange(n - 1), np.arange(1, n))), shape=(n, n))
    a = sp.csr_array(a + a.T)
    x0 = np.full(n, 1 / np.sqrt(n))

    def run(max_iter: int, tol: float) -> int:
        x = x0.copy()
        return symmetric_power(*_csr(a), 1.0, tol, max_iter, x)

    _, _, h10 = run(10, 1e-14)
    _, theta, r20 = run(20, 1e-14)
    rate = (r20 / h10) ** 0.1
    assert 0.9 < rate < 1.0  # slow, as a path's spectral gap makes it
    tol = r20 / abs(theta) * rate**25  # a prediction near 45 steps
    for _ in range(20_000):
        predicted = 20 + math.log(tol * abs(theta) / r20) / math.log(rate)
        if predicted == math.floor(predicted):
            break
        tol = float(np.nextafter(tol, 1.0))
    else:
        pytest.fail("no tolerance gives an integer prediction")
    m = int(predicted)
    assert run(m - 1, tol)[0] == 20  # passes m - 1: gives up
    assert run(m, tol)[0] > 20  # exactly m: goes on
