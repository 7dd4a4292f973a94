"""Fuzz: cascades, Bass, influence maximisation and spillover on extreme but legal input."""

import numpy as np
import pytest
from fuzz_strategies import PROBABILITY, PROFILES, WEIGHT, fuzz, matrices, named_error, networks
from hypothesis import strategies as st

from clusternet import diffusion as D
from clusternet import spillover as S
from clusternet.targeting import influence_maximization


@st.composite
def cascades(draw):
    a = draw(matrices())
    n = a.shape[0]
    seeds = sorted(draw(st.sets(st.integers(0, n - 1), min_size=1, max_size=n)))
    return a, seeds, draw(PROBABILITY), draw(st.integers(0, 2**32))


@pytest.mark.parametrize("examples", PROFILES)
def test_fuzz_cascades_reach_the_seeds_and_stay_in_range(examples):
    def check(case):
        a, seeds, p, seed = case
        n = a.shape[0]
        for result in (
            D.independent_cascade(a, seeds, p, n_sims=20, seed=seed),
            D.linear_threshold(a, seeds, n_sims=20, seed=seed),
        ):
            prob = result.probability
            assert np.isfinite(prob).all() and ((prob >= 0) & (prob <= 1)).all()
            assert (prob[seeds] == 1.0).all()
            assert ((result.sizes >= len(seeds)) & (result.sizes <= n)).all()
            assert np.all(np.diff(result.curve) >= 0)
        if p == 0.0:  # nothing spreads: exactly the seeds
            r = D.independent_cascade(a, seeds, p, n_sims=5, seed=seed)
            assert (r.sizes == len(seeds)).all()

    fuzz(examples, cascades(), check)


@pytest.mark.parametrize("examples", PROFILES)
def test_fuzz_bass_curves_are_shares(examples):
    def check(case):
        a, p, q, quantile = case
        with named_error("quantiles"):
            r = D.bass(a, p, q, 4, n_sims=5, seed=1, quantiles=(quantile,))
            assert np.isfinite(r.mean).all() and ((r.mean >= 0) & (r.mean <= 1)).all()
            assert np.all(np.diff(r.mean) >= 0)
            assert 0.0 <= quantile <= 1.0

    rates = st.sampled_from([0.0, 1e-300, 0.3, 1e300])
    quantile = st.sampled_from([0.0, 0.5, 1.0, 1.5, -0.1, float("nan")])
    fuzz(examples, st.tuples(matrices(), rates, rates, quantile), check)


@pytest.mark.parametrize("examples", PROFILES)
def test_fuzz_influence_maximization_spread_between_k_and_n(examples):
    def check(case):
        a, k, p, method = case
        n = a.shape[0]
        with named_error("at least 2 actors", "exceeds"):
            r = influence_maximization(a, k, prob=p, epsilon=0.5, method=method, seed=3)
            assert len(set(r.indices.tolist())) == k
            assert k <= r.spread_low <= r.spread <= r.spread_high <= n
            assert r.marginal_gain.sum() == pytest.approx(r.spread)
            if p == 0.0:
                assert r.spread == k

    strategy = st.tuples(
        matrices(max_n=5), st.integers(1, 3), PROBABILITY, st.sampled_from(["imm", "opim-c"])
    )
    fuzz(examples, strategy, check)


@pytest.mark.parametrize("examples", PROFILES)
def test_fuzz_spillover_never_lowers_knowledge_or_passes_the_best(examples):
    def check(case):
        net, value, d, tau = case
        k = np.full((net.n_actors, d), value)
        k[0] = 0.0
        with named_error("layer_rates"):
            r = S.run(net, k, 3, tacitness=tau, layer_rates={"u": 0.4, "d": 0.4})
            assert np.isfinite(r.final).all()
            assert (r.final >= k).all() and (r.final <= value).all()
            table = r.summary[["mean", "cv", "gini"]].to_numpy()
            assert np.isfinite(table).all()

    strategy = st.tuples(networks(), WEIGHT, st.integers(1, 3), PROBABILITY)
    fuzz(examples, strategy, check)
