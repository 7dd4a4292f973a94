"""Fuzz: heat diffusion on extreme but legal graphs is finite, conserves mass, keeps the
maximum principle, returns its input at t = 0 and the stationary state for a huge t."""

import numpy as np
import pytest
import scipy.sparse as sp
from fuzz_strategies import PROFILES, WEIGHT, fuzz, matrices, named_error, networks
from hypothesis import strategies as st
from scipy.sparse.csgraph import connected_components

from clusternet.heat import heat

TIMES = st.sampled_from([0.0, 1e-300, 1e-9, 0.5, 3.0, 1e6, 1e300])
KINDS = st.sampled_from(["combinatorial", "random_walk", "symmetric"])


@st.composite
def states(draw, n: int):
    """An initial state: unit masses, extreme magnitudes, signs, near float max, or zero."""
    kind = draw(st.sampled_from(["unit", "extreme", "zero", "mixed", "huge"]))
    if kind == "huge":  # near float max (round 29: [1e308] * 3 gave NaN)
        return np.array([draw(st.sampled_from([1e308, 1.7e308, -1.7e308, 0.0])) for _ in range(n)])
    if kind == "unit":
        x = np.zeros(n)
        x[draw(st.integers(0, n - 1))] = 1.0
        return x
    if kind == "zero":
        return np.zeros(n)
    values = [draw(WEIGHT) for _ in range(n)]
    if kind == "mixed":
        values = [v if draw(st.booleans()) else -v for v in values]
    return np.array(values)


@st.composite
def heat_cases(draw, symmetric: bool | None = True):
    a = draw(matrices(symmetric=symmetric))
    return a, draw(states(a.shape[0])), draw(TIMES), draw(KINDS)


def undirected_components(a) -> np.ndarray:
    """Component label per actor over ties taken without direction, self-loops ignored."""
    b = sp.csr_array(a, copy=True)
    b.setdiag(0.0)
    b.eliminate_zeros()
    return connected_components(b + b.T, directed=False)[1]


def mixes_at(a, t: float) -> bool:
    """Whether heat has surely reached the stationary state at ``t`` on ``a``'s ties.

    True when every tie between two actors survives the division by the largest weight,
    self-loops included (no quotient below 1e-290), and ``t`` times the weakest is at least 1e10: a
    component's spectral gap is at least ``4 w_min / n^2`` (a path of ``n`` actors with
    ties ``w_min`` is the slowest), so the remainder off the null space is below
    ``exp(-4e10 / 49)`` for the strategies' ``n <= 7``. A subnormal tie at ``t = 1e300``
    (``t w`` about 5e-24) moves nothing, and the state then is ``x0``, not the mean.
    """
    b = sp.coo_array(a)
    off = np.abs(b.data[(b.row != b.col) & (b.data != 0)])
    # the largest weight may be a self-loop's: heat divides by it too
    top = float(np.abs(b.data).max()) if b.nnz else 0.0
    return bool(off.size) and off.min() >= 1e-290 * top and t * off.min() >= 1e10


def check_heat(a, x0, t, kind):
    """The contract of ``heat`` on one case (independent invariants, no second solver).

    The invariants are checked on ``x / max|x0|``: sums and norms of a state near float
    max overflow in the check itself.
    """
    scale = float(np.abs(x0).max()) if x0.size else 0.0
    unit_scale = scale if scale > 0 else 1.0
    # 1e-9 n of the state's scale, and never below 1e-9 n 1e-300 absolute: a subnormal state
    # cannot hold the answer's digits (5e-324 everywhere stays there under a random walk)
    atol = 1e-9 * a.shape[0] * max(scale, 1e-300) / unit_scale
    # a random walk or the symmetric kind can gather more than float max on one actor from
    # a state near it: refused by name ("scale x0 down")
    with named_error("t is too large", "ask for a smaller t", "scale x0 down"):
        x = heat(a, x0, t, kind=kind)
        assert x.shape == x0.shape and np.isfinite(x).all()
        if t == 0.0:
            np.testing.assert_array_equal(x, x0)
        xs, x0s = x / unit_scale, x0 / unit_scale
        if kind in ("combinatorial", "random_walk"):
            # both generators conserve total mass (1'B = 0), and -B has no negative entry off
            # the diagonal, so exp(-tB) is column-stochastic: the 1-norm never grows, and a
            # non-negative state stays non-negative
            assert xs.sum() == pytest.approx(x0s.sum(), rel=1e-9, abs=atol)
            assert np.abs(xs).sum() <= np.abs(x0s).sum() * (1 + 1e-9) + atol
            if (x0 >= 0).all():
                assert (xs >= -atol).all()
        if kind == "combinatorial":
            # symmetric as well: doubly stochastic, so the maximum principle holds (it does
            # not for the random walk, which gathers mass on actors with many in-ties)
            assert (xs >= x0s.min() - atol).all() and (xs <= x0s.max() + atol).all()
            labels = undirected_components(a)
            for c in np.unique(labels):
                part = labels == c
                assert xs[part].sum() == pytest.approx(x0s[part].sum(), rel=1e-9, abs=atol)
            if t >= 1e300 and mixes_at(a, t):  # the stationary state: components at their means
                for c in np.unique(labels):
                    part = labels == c
                    np.testing.assert_allclose(xs[part], x0s[part].mean(), rtol=1e-9, atol=atol)
        if kind == "symmetric":  # exp(-tB) with B positive semidefinite: never grows
            assert np.linalg.norm(xs) <= np.linalg.norm(x0s) * (1 + 1e-9) + atol
        if scale > 0:  # linear in the state: the same answer for x0 / max|x0|, scaled back
            # (round 24 found a state near 1e200 stopping the symmetric path after its first
            # chunk on a slowly mixing path, tests/test_diffusion.py; these graphs mix fast)
            unit = heat(a, x0s, t, kind=kind)
            np.testing.assert_allclose(xs, unit, rtol=0, atol=atol)


@pytest.mark.parametrize("examples", PROFILES)
def test_fuzz_heat_on_symmetric_graphs(examples):
    fuzz(examples, heat_cases(symmetric=True), lambda case: check_heat(*case))


@pytest.mark.parametrize("examples", PROFILES)
def test_fuzz_heat_on_directed_graphs(examples):
    fuzz(examples, heat_cases(symmetric=False), lambda case: check_heat(*case))


@pytest.mark.parametrize("examples", PROFILES)
def test_fuzz_heat_many_times_match_one_at_a_time(examples):
    def check(case):
        a, x0, kind = case
        times = [0.0, 0.5, 3.0]
        with named_error("t is too large", "scale x0 down"):
            together = heat(a, x0, times, kind=kind)
            assert together.shape == (3, a.shape[0]) and np.isfinite(together).all()
            for row, t in zip(together, times, strict=True):
                # each time on its own: the same state to the a-priori tolerance
                alone = heat(a, x0, t, kind=kind)
                tol = 1e-9 * max(float(np.abs(x0).max()), 1e-300)
                np.testing.assert_allclose(row, alone, rtol=1e-9, atol=tol)

    strategy = matrices().flatmap(lambda a: st.tuples(st.just(a), states(a.shape[0]), KINDS))
    fuzz(examples, strategy, check)


@pytest.mark.parametrize("examples", PROFILES)
def test_fuzz_heat_on_networks_and_hostile_arguments(examples):
    def check(case):
        net, t, lw, tol = case
        x0 = np.zeros(net.n_actors)
        x0[0] = 1.0
        layer_weights = {"u": lw[0], "d": lw[1]}
        with named_error("times", "layer_weights", "tol", "weight"):
            x = heat(net, x0, t, layer_weights=layer_weights, tol=tol)
            # the error bound is tol * ||x0||_2 in the 2-norm: the sum is off by at most
            # sqrt(n) times that
            slack = 1e-9 + np.sqrt(net.n_actors) * tol
            assert np.isfinite(x).all() and x.sum() == pytest.approx(1.0, abs=slack)
            assert ((x >= -slack) & (x <= 1 + slack)).all()

    weights = st.sampled_from([0.0, 1e-308, 1.0, 1e308, -1.0, float("nan"), float("inf")])
    hostile_t = st.sampled_from([0.0, 1.0, 1e300, -1.0, float("nan"), float("inf")])
    tols = st.sampled_from([2.0**-53, 1e-3, 0.0, 1.0, -1.0, float("nan")])
    fuzz(examples, st.tuples(networks(), hostile_t, st.tuples(weights, weights), tols), check)
