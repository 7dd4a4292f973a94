"""Fuzz: the structure family (issue 30; the round-8 referee found it unfuzzed) on extreme
but legal graphs, weights up to float max: finite or documented-NaN answers in their
ranges, or a named error."""

import numpy as np
import pytest
import scipy.sparse as sp
from fuzz_strategies import PROFILES, fuzz, matrices, named_error, networks
from hypothesis import strategies as st

from clusternet import centrality as C
from clusternet import structure as S

#: scales that carry the strategies' weights (up to 1e300) to float max and past it
SCALES = st.sampled_from([1.0, 1e-8, 1e7, 1.7e8, 1e9])


def _scaled(a: sp.csr_array, scale: float) -> sp.csr_array:
    with np.errstate(over="ignore"):
        return sp.csr_array(a * scale)


def _tied(a: sp.csr_array) -> np.ndarray:
    """Actors with a tie to another actor (either direction)."""
    off = sp.csr_array(a - sp.diags_array(a.diagonal()))
    off.eliminate_zeros()
    n = a.shape[0]
    return (np.diff(off.indptr) + np.bincount(off.indices, minlength=n)) > 0


@pytest.mark.parametrize("examples", PROFILES)
def test_fuzz_constraint_and_effective_size(examples):
    def check(case):
        a, scale = case
        a = _scaled(a, scale)
        with named_error("invalid weight", "tie weights overflow float64"):
            c = S.constraint(a)
            e = S.effective_size(a)
            tied = _tied(a)
            shown = (a.toarray().tolist(), c.tolist(), e.tolist())
            assert np.isfinite(c[tied]).all() and (c[tied] >= 0).all(), shown
            assert np.isfinite(e[tied]).all() and (e[tied] >= 0).all(), shown
            degree = np.asarray((sp.csr_array(a + a.T) != 0).sum(axis=1)).ravel()
            assert (e[tied] <= degree[tied] + 1e-9).all()  # at most the number of contacts
            assert np.isnan(c[~tied]).all() and np.isnan(e[~tied]).all()  # 0/0, documented
            unit = _scaled(a, 1.0 / a.data.max()) if a.nnz else a
            if a.nnz and np.all(unit.data > 0):  # the same graph at unit scale (none underflowed)
                np.testing.assert_allclose(S.constraint(unit)[tied], c[tied], rtol=1e-9)

    fuzz(examples, st.tuples(matrices(), SCALES), check)


@pytest.mark.parametrize("examples", PROFILES)
def test_fuzz_multiplex_structure(examples):
    def check(net):
        for weighted in (False, True):
            od = S.overlapping_degree(net, weighted=weighted)
            assert od.shape == (net.n_actors,) and np.isfinite(od).all() and (od >= 0).all()
            with named_error("tie weights overflow float64"):
                pc = S.participation_coefficient(net, weighted=weighted)
                ok = ~np.isnan(pc)
                assert (pc[ok] >= -1e-12).all() and (pc[ok] <= 1 + 1e-12).all()
                assert (od[ok] > 0).all()  # NaN exactly where an actor has no tie (0/0)
        m = S.multiplexity(net)
        assert np.isnan(m) or 0.0 <= m <= 1.0
        table = S.edge_overlap(net)
        values = table.select_dtypes("number").to_numpy(dtype=float)
        values = values[np.isfinite(values)]
        assert (values >= 0).all()

    fuzz(examples, networks(), check)


@pytest.mark.parametrize("examples", PROFILES)
def test_fuzz_spectral_radius(examples):
    def check(case):
        a, scale = case
        a = _scaled(a, scale)
        with named_error("invalid weight", "the spectral radius overflows float64"):
            rho = C.spectral_radius(a)
            assert np.isfinite(rho) and rho >= 0
            dense = a.toarray()
            top = float(dense.max())  # 0 when every stored weight underflowed under the scale
            want = float(np.max(np.abs(np.linalg.eigvals(dense / top)))) if top > 0 else 0.0
            scale_back = top if top > 0 else 1.0
            assert rho == pytest.approx(want * scale_back, rel=1e-6, abs=1e-9 * scale_back)

    fuzz(examples, st.tuples(matrices(), SCALES), check)


def test_spectral_radius_past_float_max_is_a_named_error():
    """Found by the long profile in CI: [[a, a], [a, 0]] at a = 1.7e308 has radius
    a(1 + sqrt 5)/2 > float max, and used to come back as inf."""
    a = sp.csr_array(np.array([[1.7e308, 1.7e308], [1.7e308, 0.0]]))
    with pytest.raises(ValueError, match="overflows"):
        C.spectral_radius(a)
    half = sp.csr_array(np.array([[1e300, 1e300], [1e300, 0.0]]))
    assert C.spectral_radius(half) == pytest.approx(1e300 * (1 + 5**0.5) / 2, rel=1e-12)
