"""Fuzz: centrality on extreme but legal graphs gives finite, valid scores or a named error."""

import numpy as np
import pytest
from fuzz_strategies import PROFILES, fuzz, matrices, named_error, networks
from hypothesis import strategies as st

from clusternet import centrality as C


@pytest.mark.parametrize("examples", PROFILES)
def test_fuzz_pagerank_is_a_distribution(examples):
    def check(case):
        a, damping = case
        with named_error("damping"):
            x = C.pagerank(a, damping=damping)
            assert np.isfinite(x).all() and (x >= 0).all()
            assert x.sum() == pytest.approx(1.0, abs=1e-9)

    fuzz(examples, st.tuples(matrices(), st.sampled_from([0.5, 0.85, 1 - 1e-9, 1e-9])), check)


@pytest.mark.parametrize("examples", PROFILES)
def test_fuzz_pagerank_on_networks_with_layer_weights(examples):
    def check(case):
        net, lw = case
        x = C.pagerank(net, layer_weights={"u": lw[0], "d": lw[1]} if sum(lw) > 0 else None)
        assert np.isfinite(x).all() and x.sum() == pytest.approx(1.0, abs=1e-9)

    weights = st.sampled_from([0.0, 1e-308, 1.0, 1e308])
    fuzz(examples, st.tuples(networks(), st.tuples(weights, weights)), check)


@pytest.mark.parametrize("examples", PROFILES)
def test_fuzz_katz_eigenvector_harmonic_betweenness(examples):
    def check(a):
        with named_error("alpha", "Katz scores overflow float64"):
            x = C.katz(a)
            assert np.isfinite(x).all() and (x >= 0).all()
            assert np.linalg.norm(x) == pytest.approx(1.0)
            # linear in beta: a common scale of beta leaves the normalised scores as they
            # are (round 24: 1e200 gave zeros, 1e-200 a uniform vector)
            for beta in (1e-200, 1e200):
                np.testing.assert_array_equal(C.katz(a, beta=beta), x)
        with named_error("not unique", "strongly connected"):
            e = C.eigenvector(a)
            assert np.isfinite(e).all() and (e >= 0).all() and e.max() == pytest.approx(1.0)
        for weighted in (False, True):
            h = C.harmonic(a, weighted=weighted)
            assert np.isfinite(h).all() and (h >= 0).all()
            if not weighted:
                assert (h <= 1.0 + 1e-12).all()  # normalised: at most n - 1 neighbours at 1
            # weights 1e-300..1e300: a tie can vanish against a path's length in doubles
            with named_error("in double precision", "exceeds float64"):
                b = C.betweenness(a, weighted=weighted, normalized=True)
                assert np.isfinite(b).all() and (b >= 0).all() and (b <= 1.0 + 1e-9).all()

    fuzz(examples, matrices(), check)


@pytest.mark.parametrize("examples", PROFILES)
def test_fuzz_versatility_and_multiplex_pagerank(examples):
    def check(net):
        with named_error("omega"):
            v = C.versatility(net)
            assert np.isfinite(v).all() and v.sum() == pytest.approx(1.0, abs=1e-9)
        m = C.multiplex_pagerank(net)
        assert np.isfinite(m).all() and m.sum() == pytest.approx(1.0, abs=1e-9)

    fuzz(examples, networks(), check)
