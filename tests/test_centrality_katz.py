"""Katz centrality: divergence found by the iteration, lambda_max computed only when needed.

References: closed-form spectral radii (a cycle has lambda_max = 2, the complete graph
K_n has n - 1), dense solves of (I - alpha A^T) x = beta, and networkx.
"""

import warnings

import igraph as ig
import networkx as nx
import numpy as np
import pytest
import scipy.sparse as sp

from clusternet import centrality as C
from clusternet import spectral_centrality


@pytest.fixture
def radius_calls(monkeypatch):
    """Count the spectral-radius computations (ARPACK, dense below 64 actors) katz makes."""
    calls = []
    real = spectral_centrality._spectral_radius

    def counted(view):
        calls.append(view.n)
        return real(view)

    monkeypatch.setattr(spectral_centrality, "_spectral_radius", counted)
    return calls


def _solve(a, alpha, beta):
    a = a.toarray() if sp.issparse(a) else a
    return np.linalg.solve(np.eye(a.shape[0]) - alpha * a.T, beta)


@pytest.mark.parametrize(
    ("graph", "lam", "alpha"),
    [
        (ig.Graph.Ring(12), 2.0, 0.5),  # alpha lambda = 1 exactly: the change never shrinks
        (ig.Graph.Ring(12), 2.0, 0.7),
        (ig.Graph.Full(7), 6.0, 1 / 6),
        (ig.Graph.Full(7), 6.0, 0.3),
        (ig.Graph.Ring(80), 2.0, 0.55),  # above 64 actors: ARPACK
    ],
    ids=["cycle-at-1", "cycle-above", "complete-at-1", "complete-above", "cycle-80"],
)
def test_katz_divergent_alpha_names_alpha_and_the_closed_form_lambda_max(graph, lam, alpha):
    with pytest.raises(ValueError, match=r"alpha=.* is too large") as info:
        C.katz(graph, alpha=alpha)
    message = str(info.value)
    assert f"lambda_max = {lam:.6g}" in message
    assert f"alpha * lambda_max = {alpha * lam:.4g}" in message


def test_katz_given_alpha_computes_no_spectral_radius_when_it_converges(radius_calls):
    g = nx.gnm_random_graph(120, 500, seed=3)
    a = sp.csr_array(nx.to_scipy_sparse_array(g, nodelist=range(120)))
    lam = np.max(np.abs(np.linalg.eigvalsh(a.toarray())))
    ours = C.katz(a, alpha=0.5 / lam, normalized=False)
    assert radius_calls == []  # the fast path: no ARPACK
    np.testing.assert_allclose(ours, _solve(a, 0.5 / lam, np.ones(120)), rtol=1e-12)
    ref = nx.katz_centrality_numpy(g, alpha=0.5 / lam, weight=None)
    np.testing.assert_allclose(C.katz(a, alpha=0.5 / lam), [ref[i] for i in range(120)], rtol=1e-9)
    assert radius_calls == []


def test_katz_transient_growth_is_checked_once_then_resumed(radius_calls):
    """A star's hub seeded alone: A e_hub has L1 norm n - 1 > 1 / alpha = sqrt(n - 1) / 0.9,
    so the change grows first although alpha lambda_max = 0.9 < 1; katz computes
    lambda_max once, finds the series convergent and finishes it (dense solve)."""
    n = 10
    star = sp.csr_array(
        (
            np.ones(2 * (n - 1)),
            (np.r_[np.zeros(n - 1), np.arange(1, n)], np.r_[np.arange(1, n), np.zeros(n - 1)]),
        ),
        shape=(n, n),
    )
    alpha = 0.9 / np.sqrt(n - 1)
    beta = np.zeros(n)
    beta[0] = 1.0
    ours = C.katz(star, alpha=alpha, beta=beta, normalized=False, tol=1e-13)
    assert len(radius_calls) == 1
    np.testing.assert_allclose(ours, _solve(star, alpha, beta), rtol=1e-11)


def test_katz_sums_a_series_that_converges_for_its_beta():
    """A triangle (lambda = 2) beside a tie (lambda = 1), alpha = 0.7: beta zero on the
    triangle leaves it at 0 and the tie's series converges (1 / (1 - 0.7) per actor)."""
    a = sp.csr_array(
        ([1.0] * 8, ([0, 1, 1, 2, 2, 0, 3, 4], [1, 0, 2, 1, 0, 2, 4, 3])), shape=(5, 5)
    )
    beta = np.array([0.0, 0.0, 0.0, 1.0, 1.0])
    ours = C.katz(a, alpha=0.7, beta=beta, normalized=False)
    np.testing.assert_allclose(ours, [0, 0, 0, 1 / 0.3, 1 / 0.3], rtol=1e-12)
    with pytest.raises(ValueError, match="lambda_max = 2"):
        C.katz(a, alpha=0.7)  # beta = 1 reaches the triangle: diverges


def test_katz_default_alpha_lambda_max_cached_per_network_view(radius_calls, random_two_layer_net):
    net = random_two_layer_net(90, 400, seed=5)
    first = C.katz(net)
    assert len(radius_calls) == 1
    again = C.katz(net)
    assert len(radius_calls) == 1  # the same view: lambda_max reused
    np.testing.assert_array_equal(first, again)
    social = C.katz(net, layers="social")
    unweighted = C.katz(net, weighted=False)
    assert len(radius_calls) == 3  # another layer choice, another weighting: their own
    C.katz(net, layers="social")
    C.katz(net, weighted=False)
    assert len(radius_calls) == 3
    for scores, a in [
        (first, net.csr()),
        (social, net.csr("social")),
        (unweighted, (net.csr() > 0).astype(float)),
    ]:
        lam = np.max(np.abs(np.linalg.eigvals(a.toarray())))
        want = _solve(a, 0.9 / lam, np.ones(90))
        np.testing.assert_allclose(scores, want / np.linalg.norm(want), rtol=1e-8)


def test_affine_fixed_point_stops_on_growth_and_resumes_to_the_same_vector():
    """Kernel contract: with stop_on_growth, the only stop with err >= tol before
    max_iter is a change that did not shrink; resuming from x reaches the solve."""
    from clusternet.kernels.linalg import affine_fixed_point

    n = 12
    star = sp.csr_array(
        (
            np.ones(2 * (n - 1)),
            (np.r_[np.zeros(n - 1), np.arange(1, n)], np.r_[np.arange(1, n), np.zeros(n - 1)]),
        ),
        shape=(n, n),
    )
    arrays = (star.indptr.astype(np.uint64), star.indices.astype(np.uint32), star.data)
    alpha = 0.9 / np.sqrt(n - 1)
    beta = np.zeros(n)
    beta[0] = 1.0
    x = np.zeros(n)
    it, err = affine_fixed_point(*arrays, alpha, beta, 1e-13, 10_000, x, True)
    assert it == 2 and err >= 1e-13  # |d_1| = alpha (n - 1) > |d_0| = 1: grew at step 2
    np.testing.assert_allclose(x, beta + alpha * (star.T @ beta), rtol=1e-15)
    more, err = affine_fixed_point(*arrays, alpha, beta, 1e-13, 10_000, x, False)
    assert err < 1e-13 and more > 2
    np.testing.assert_allclose(x, _solve(star, alpha, beta), rtol=1e-11)
    y = np.zeros(n)
    affine_fixed_point(*arrays, alpha, beta, 1e-13, 10_000, y, False)
    np.testing.assert_allclose(x, y, rtol=1e-12)


def test_katz_resumed_after_transient_growth_stops_at_max_iter_in_all():
    """Issue 30: ``max_iter`` caps the iterations of both runs together. The star's hub
    seeded alone grows the change at step 2 (see above), katz checks lambda_max and resumes
    with what is left of ``max_iter``: with 10 in all, it stops after 10 iterations, warns
    so, and holds the 10-step iterate of x <- alpha A^T x + beta from 0 (dense)."""
    from clusternet.centrality import ConvergenceWarning

    n = 10
    star = sp.csr_array(
        (
            np.ones(2 * (n - 1)),
            (np.r_[np.zeros(n - 1), np.arange(1, n)], np.r_[np.arange(1, n), np.zeros(n - 1)]),
        ),
        shape=(n, n),
    )
    alpha = 0.9 / np.sqrt(n - 1)
    beta = np.zeros(n)
    beta[0] = 1.0
    with pytest.warns(ConvergenceWarning, match="Katz stopped after 10 iterations"):
        ours = C.katz(star, alpha=alpha, beta=beta, normalized=False, tol=1e-13, max_iter=10)
    want = np.zeros(n)
    for _ in range(10):
        want = alpha * (star.T @ want) + beta
    np.testing.assert_allclose(ours, want, rtol=1e-13)


def test_katz_default_alpha_treats_a_radius_of_at_most_1e_12_w_max_as_no_cycles():
    """Issue 30: the default alpha is 0.9 / lambda_max, or 0.1 / w_max when lambda_max is at
    most 1e-12 w_max (a cycle-free matrix's eigenvalues round to about that). A two-actor
    cycle with weights 1 and 1e-24 has lambda_max = sqrt(1e-24) = 1e-12 exactly: at the
    threshold, so alpha = 0.1; with weights 1 and 4e-24, lambda_max = 2e-12 and alpha =
    0.9 / 2e-12. References: the closed form sqrt(w_01 w_10) and dense solves."""
    for low, alpha in [(1e-24, 0.1), (4e-24, 0.9 / 2e-12)]:
        a = sp.csr_array(np.array([[0.0, 1.0], [low, 0.0]]))
        assert C.spectral_radius(a) == np.sqrt(low)
        ours = C.katz(a, normalized=False)
        np.testing.assert_allclose(ours, _solve(a, alpha, np.ones(2)), rtol=1e-12)


@pytest.mark.parametrize(
    ("weights", "lam", "alpha"),
    [((1.0, 1.0, 1.0), 1.0, 1.5), ((1.0, 0.25), 0.5, 3.0)],
    ids=["directed-3-cycle", "directed-2-cycle-weighted"],
)
def test_katz_divergent_alpha_is_named_when_lambda_max_is_at_most_1(weights, lam, alpha):
    """Round 10, re-sampled centrality.py (seed 2026, L344: the check ``lam > 0`` → ``lam >
    1``): the divergence check applies to every positive spectral radius. A directed cycle
    of k ties has lambda_max = (product of its weights)^(1/k): 1 for three ties of 1, 0.5
    for ties 1 and 0.25; alpha * lambda_max = 1.5 >= 1 diverges."""
    k = len(weights)
    a = sp.csr_array(
        (list(weights), (list(range(k)), [(i + 1) % k for i in range(k)])), shape=(k, k)
    )
    assert np.max(np.abs(np.linalg.eigvals(a.toarray()))) == pytest.approx(lam)
    with pytest.raises(ValueError, match=r"alpha=.* is too large") as info:
        C.katz(a, alpha=alpha)
    message = str(info.value)
    assert f"lambda_max = {lam:.6g}" in message
    assert f"alpha * lambda_max = {alpha * lam:.4g}" in message


def test_katz_default_alpha_on_a_lone_self_loop_uses_its_weight_as_lambda_max():
    """Round 10, re-sampled centrality.py (seed 2026, L322: the empty-matrix shortcut of the
    spectral radius ``nnz == 0`` → ``nnz == 1``): a matrix whose one entry is a self-loop of
    weight 4 has lambda_max 4, so the default alpha is 0.9 / 4 and the looped actor's
    Katz score is the closed form 1 / (1 - 0.9) = 10 (the other actors have beta = 1)."""
    a = sp.csr_array(([4.0], ([1], [1])), shape=(3, 3))
    np.testing.assert_allclose(C.katz(a, normalized=False), [1.0, 10.0, 1.0], rtol=1e-10)


def test_spectral_radius_of_a_lone_self_loop_is_its_weight():
    """Round 10, held-out sample (seed 2028) of centrality.py (L308: the public
    ``spectral_radius``'s empty shortcut ``nnz == 0`` → ``nnz == 1``): one self-loop of
    weight 4 is the matrix diag(0, 4, 0), whose spectral radius is 4; one tie 0 -> 1 is
    nilpotent (radius 0); no tie, 0."""
    assert C.spectral_radius(sp.csr_array(([4.0], ([1], [1])), shape=(3, 3))) == 4.0
    assert C.spectral_radius(sp.csr_array(([4.0], ([0], [1])), shape=(3, 3))) == 0.0
    assert C.spectral_radius(sp.csr_array((3, 3))) == 0.0


def test_katz_warns_when_the_last_change_equals_tol():
    """Round 10, held-out sample (seed 2028) of centrality.py (L486: the warning's ``err >=
    tol`` → ``>``): the iteration stops only on a change below ``tol``, so a last change
    equal to ``tol`` is not converged and warns. One tie of weight 1 with alpha 1/2 from
    x = 0: x_k = 2 - 2^(1-k) on both actors, changes 2, 1, 1/2, 1/4 (exact in binary):
    after 4 steps x = 1.875 and the change is 0.25 = tol; a fifth step converges."""
    a = sp.csr_array(([1.0, 1.0], ([0, 1], [1, 0])), shape=(2, 2))
    with pytest.warns(
        C.ConvergenceWarning,
        match=r"^Katz stopped after 4 iterations with L1 change 0\.25 \(relative to the largest \|beta\|\)$",
    ):
        x = C.katz(a, alpha=0.5, tol=0.25, max_iter=4, normalized=False)
    np.testing.assert_array_equal(x, [1.875, 1.875])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        np.testing.assert_array_equal(
            C.katz(a, alpha=0.5, tol=0.25, max_iter=5, normalized=False), [1.9375, 1.9375]
        )


def test_katz_divergence_reports_lambda_max_of_the_weighted_matrix():
    """Round 13 (seed 2030, L347: lambda_max printed as lam / scale): a directed 3-cycle of
    ties weighing 4 has lambda_max = 4, although the check runs on the matrix rescaled to
    a largest weight of 1 (spectral radius 1); alpha 0.375 gives alpha * lambda_max = 1.5."""
    a = sp.csr_array(([4.0, 4.0, 4.0], ([0, 1, 2], [1, 2, 0])), shape=(3, 3))
    assert np.max(np.abs(np.linalg.eigvals(a.toarray()))) == pytest.approx(4.0)
    with pytest.raises(ValueError, match=r"alpha=0.375 is too large") as info:
        C.katz(a, alpha=0.375)
    message = str(info.value)
    assert f"lambda_max = {4.0:.6g}" in message
    assert f"alpha * lambda_max = {1.5:.4g}" in message


@pytest.mark.parametrize("beta", [1e-3, 0.05])
def test_katz_normalises_a_vector_whose_norm_is_below_one_as_networkx_does(beta):
    """Held-out seed 2042: normalising only when the norm exceeds 1 left small-``beta`` scores
    unnormalised. A path of four actors with ``beta`` 1e-3 or 0.05 everywhere has scores of
    norm well below 1; networkx divides by the norm all the same."""
    g = nx.path_graph(4)
    a = sp.csr_array(nx.to_scipy_sparse_array(g, nodelist=range(4)))
    ours = C.katz(a, alpha=0.2, beta=np.full(4, beta))
    ref = nx.katz_centrality_numpy(g, alpha=0.2, beta=beta)
    np.testing.assert_allclose(ours, [ref[i] for i in range(4)], rtol=1e-10)
    assert np.linalg.norm(C.katz(a, alpha=0.2, beta=np.full(4, beta), normalized=False)) < 1
