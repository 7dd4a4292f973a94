"""Eigenvector centrality's power path against dense LAPACK, and its ARPACK fallback."""

import igraph as ig
import numpy as np
import pytest
import scipy.sparse as sp
from scipy.sparse import linalg as spla

from clusternet import centrality as C
from clusternet.kernels.csr import kernel_arrays
from clusternet.kernels.linalg import symmetric_power


@pytest.fixture
def eigsh_calls(monkeypatch):
    calls = []
    real = spla.eigsh

    def counted(*args, **kwargs):
        calls.append(kwargs.get("v0"))
        return real(*args, **kwargs)

    monkeypatch.setattr(spla, "eigsh", counted)
    return calls


def _dense_leading(a):
    vals, vecs = np.linalg.eigh(a.toarray())
    vec = np.abs(vecs[:, -1])
    return vals[-1], vec / vec.max()


def _csr(g, weights=None):
    e = np.asarray(g.get_edgelist())
    w = np.ones(len(e)) if weights is None else weights
    a = sp.csr_array((w, (e[:, 0], e[:, 1])), shape=(g.vcount(), g.vcount()))
    return sp.csr_array(a + a.T)


@pytest.mark.parametrize("weighted", [False, True])
def test_eigenvector_power_path_matches_lapack_without_arpack(eigsh_calls, weighted):
    g = ig.Graph.Barabasi(400, 4, start_from=ig.Graph.Full(5))
    rng = np.random.default_rng(2)
    a = _csr(g, rng.random(g.ecount()) + 0.5 if weighted else None)
    _, ref = _dense_leading(a)
    ours = C.eigenvector(a)
    assert eigsh_calls == []  # a clear gap: the power iteration converged
    np.testing.assert_allclose(ours, ref, rtol=0, atol=1e-12)
    unit = C.eigenvector(a, scale=False)
    np.testing.assert_allclose(unit, ref / np.linalg.norm(ref), rtol=0, atol=1e-12)


def test_eigenvector_bipartite_star_converges_thanks_to_the_shift(eigsh_calls):
    """A star of 100 leaves is bipartite: eigenvalues +-10 and 0, so unshifted power
    iteration oscillates for ever; shifted by 1 it contracts by 9/11 per step and
    converges without ARPACK. Hub 1, leaves 1/10 (closed form)."""
    a = _csr(ig.Graph.Star(101))
    ours = C.eigenvector(a)
    assert eigsh_calls == []
    np.testing.assert_allclose(ours, np.r_[1.0, np.full(100, 0.1)], rtol=0, atol=1e-12)


def test_eigenvector_small_gap_falls_back_to_arpack_from_the_power_vector(eigsh_calls):
    """A 300-actor path: lambda_2 / lambda_1 = 1 - O(1/n^2), hundreds of thousands of power
    steps; the iteration gives up early and ARPACK starts from its vector."""
    a = _csr(ig.Graph.Lattice([300], circular=False))
    _, ref = _dense_leading(a)
    ours = C.eigenvector(a)
    assert len(eigsh_calls) == 1
    assert eigsh_calls[0] is not None and not np.allclose(eigsh_calls[0], eigsh_calls[0][0])
    np.testing.assert_allclose(ours, ref, atol=1e-9)


def test_symmetric_power_stops_at_the_ritz_residual_and_gives_up_on_slow_rates():
    a = _csr(ig.Graph.Barabasi(300, 3, start_from=ig.Graph.Full(4)))
    lam, ref = _dense_leading(a)
    indptr, indices, data = kernel_arrays(a)
    x = np.full(300, 1 / np.sqrt(300))
    it, theta, resid = symmetric_power(indptr.view(np.uint64), indices, data, 1.0, 1e-14, 1000, x)
    assert resid <= 1e-14 * theta and it < 1000
    assert theta == pytest.approx(lam, rel=1e-13)
    np.testing.assert_allclose(x / x.max(), ref, atol=1e-12)
    path = _csr(ig.Graph.Lattice([300], circular=False))
    indptr, indices, data = kernel_arrays(path)
    x = np.full(300, 1 / np.sqrt(300))
    it, theta, resid = symmetric_power(indptr.view(np.uint64), indices, data, 1.0, 1e-14, 300, x)
    assert resid > 1e-14 * theta
    assert 20 <= it < 300  # gave up on the predicted count, not at the cap


def test_directed_eigenvector_from_arnoldi_is_tight_where_the_gap_is_small():
    """A directed graph of 80 actors (two random weighted blocks of 40 joined by one weak
    tie each way, so strongly connected; gap between the two leading eigenvalues about
    0.2) takes the ARPACK path (n >= 64). Its vector must match dense LAPACK's leading
    eigenvector of A^T (in-centrality, scaled to a largest entry of 1) within 1e-12:
    Arnoldi stopped at a loose tolerance is off by about 1e-9 here (held-out seed 2031:
    tol 1 + 1e-14 for 1e-14)."""
    rng = np.random.default_rng(3)
    m = 40
    a = np.zeros((2 * m, 2 * m))
    for b in (slice(0, m), slice(m, 2 * m)):
        block = (rng.random((m, m)) < 0.2) * rng.uniform(0.5, 1.5, (m, m))
        np.fill_diagonal(block, 0.0)
        a[b, b] = block
    a[0, m] = a[m, 0] = 1e-2
    vals, vecs = np.linalg.eig(a.T)
    want = np.abs(vecs[:, int(np.argmax(vals.real))].real)
    got = C.eigenvector(sp.csr_array(a))
    np.testing.assert_allclose(got, want / want.max(), rtol=0, atol=1e-12)


def test_a_disconnected_graph_goes_to_arpack_from_the_uniform_start(eigsh_calls):
    """The documented rule: a disconnected graph (here one weighted component of 60 actors
    and 10 isolated ones, so a single candidate component) skips the power iteration and
    goes to ARPACK directly, started from the uniform vector; the isolated actors score 0
    and the component matches LAPACK (held-out seed 2031: such a graph was called
    connected and took the power path)."""
    g = ig.Graph.Barabasi(60, 3)
    w = np.random.default_rng(4).random(g.ecount()) + 0.2
    a = _csr(g, w)
    a = sp.csr_array(sp.block_diag([a, sp.csr_array((10, 10))]))
    n = a.shape[0]
    got = C.eigenvector(a)
    assert len(eigsh_calls) == 1
    np.testing.assert_array_equal(eigsh_calls[0], np.full(n, 1.0 / np.sqrt(n)))
    _, want = _dense_leading(a)
    np.testing.assert_allclose(got, want, rtol=0, atol=1e-12)
    assert (got[60:] == 0).all()


def _two_blocks(c1, c2):
    return sp.csr_array([[c1, 1, 0, 0], [1, c1, 0, 0], [0, 0, c2, 1], [0, 0, 1, c2]])


def test_eigenvector_tie_tolerance_is_inclusive():
    # components [[c, 1], [1, c]] have the eigenvalues c +- 1, computed exactly here; the
    # second's radius lies exactly 1e-9 x top below the first's: a tie (|r - top| <= 1e-9
    # top), so the centrality is not unique; a gap 1e-12 wider leaves the first alone
    c1, c2 = 0.5000001241105565, 0.5000001226105564
    top = 1 + c1
    assert np.linalg.eigvalsh(np.array([[c1, 1], [1, c1]])).max() == top
    assert np.linalg.eigvalsh(np.array([[c2, 1], [1, c2]])).max() == 1 + c2
    assert abs(top - (1 + c2)) == 1e-9 * top  # the designed gap, to the last bit
    with pytest.raises(ValueError, match="not unique"):
        C.eigenvector(_two_blocks(c1, c2))
    wider = c2 - 1e-12
    assert abs(top - (1 + wider)) > 1e-9 * top
    np.testing.assert_allclose(C.eigenvector(_two_blocks(c1, wider)), [1, 1, 0, 0], atol=1e-12)
