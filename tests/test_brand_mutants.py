"""The brand mechanism's functions (:mod:`clusternet.dynamics.brand`) against references by hand.

Closed forms written out firm by firm with ``math`` and brute-force root counts;
no simulation (the fast selection of ``tools/mutants.py d_brand``).
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from clusternet.dynamics.brand import (
    bistable_band,
    demand,
    margins,
    reputation_fixed_points,
    reputation_update,
    revise_quality,
)


class _Draws:
    """A stand-in for the model's stream: hands out the given uniforms in order."""

    def __init__(self, *arrays):
        self.arrays = [np.asarray(a, dtype=float) for a in arrays]

    def random(self, n):
        out = self.arrays.pop(0)
        assert out.shape == (n,)
        return out


def test_reputation_without_output_decays_towards_zero_quality():
    # no output: the experienced quality is 0, so R' = lambda R
    q = np.array([1.0, 1.0])
    assert reputation_update(0.5, 0.8, q, np.zeros(2)) == pytest.approx(0.4, rel=1e-15)
    assert reputation_update(0.5, 0.8, q, np.array([0.0, 2.0])) == pytest.approx(0.6, rel=1e-15)


def test_revise_quality_by_hand_with_given_draws():
    # draws exactly at the revision rate and at the choice probability do not count
    quality = np.array([0.0, 1.0, 1.0, 1.0, 0.0, 0.0])
    gain = np.array([0.1, -0.1, 0.0, 0.2, 5.0, 5.0])
    firms = np.array([True, True, True, True, False, True])
    noise = 0.1
    revise_u = np.array([0.2, 0.2, 0.3, 0.71, 0.0, 0.7])  # revision rate 0.7
    choice_u = np.array([0.73, 0.26, 0.5, 0.0, 0.0, 0.0])
    got = revise_quality(quality, gain, 0.7, noise, _Draws(revise_u, choice_u), firms)
    want = quality.copy()
    for i in range(6):
        if firms[i] and revise_u[i] < 0.7:
            p_high = 1.0 / (1.0 + math.exp(-gain[i] / noise))  # 0.731, 0.269, 0.5
            want[i] = float(choice_u[i] < p_high)
    np.testing.assert_array_equal(got, want)
    np.testing.assert_array_equal(got, [1.0, 1.0, 0.0, 1.0, 0.0, 0.0])


@pytest.mark.parametrize(
    ("d_r", "eps_r", "eps_q", "rho"),
    [(0.0, 1.0, 1.0, 1.0), (0.1, 2.0, 0.5, 0.3), (-0.2, 1.0, 3.0, 0.5)],
)
def test_demand_is_the_logit_share_of_the_reputation_scaled_sales(d_r, eps_r, eps_q, rho):
    y = np.array([2.0, 1.0, 3.0])
    v = np.array([0.9, 0.2, 0.5])
    got = demand(y, v, d_r, eps_r, eps_q, rho)
    total = sum(y) * math.exp(eps_r * d_r)
    weights = [y[i] * math.exp(eps_q * v[i]) for i in range(3)]
    target = [total * w / sum(weights) for w in weights]
    want = [(1 - rho) * y[i] + rho * target[i] for i in range(3)]
    np.testing.assert_allclose(got, want, rtol=1e-13)
    np.testing.assert_array_equal(demand(np.zeros(2), v[:2], 0.3, 1.0, 1.0, 0.5), [0.0, 0.0])


def test_margins_firm_by_firm_with_a_withdrawn_name():
    quality = np.array([1.0, 0.0, 1.0])
    theta = np.array([0.2, 0.5, 0.0])
    cost = np.array([0.1, 0.1, 0.3])
    caught = np.array([0.0, 1.0, 0.0])
    withdrawn = np.array([0.0, 1.0, 1.0])
    got = margins(quality, 0.6, 0.4, theta, cost, 0.05, caught, 0.3, withdrawn)
    want = [
        0.4 * (theta[i] * quality[i] + (1 - theta[i]) * 0.6 * (1 - withdrawn[i]))
        - cost[i] * quality[i]
        - 0.05
        - 0.3 * caught[i]
        for i in range(3)
    ]
    np.testing.assert_allclose(got, want, rtol=1e-14)


def _roots(a, b, noise, mu, base):
    """Roots of R = base + mu sigma((a + b R) / K) in [0, 1], counted by sign changes."""
    r = np.linspace(0.0, 1.0, 200001)
    f = base + mu / (1.0 + np.exp(-(a + b * r) / noise)) - r
    return int(np.count_nonzero(np.sign(f[:-1]) != np.sign(f[1:])))


@pytest.mark.parametrize(
    ("b", "noise", "mu", "base"), [(1.0, 0.05, 1.0, 0.0), (0.8, 0.04, 0.7, 0.2)]
)
def test_bistable_band_edges_against_a_brute_force_root_count(b, noise, mu, base):
    lo, hi = bistable_band(b, noise, mu, base)
    width = hi - lo
    assert _roots(lo + 0.05 * width, b, noise, mu, base) == 3
    assert _roots(hi - 0.05 * width, b, noise, mu, base) == 3
    assert _roots(lo - 0.05 * width, b, noise, mu, base) == 1
    assert _roots(hi + 0.05 * width, b, noise, mu, base) == 1
    # at the necessary condition's edge mu b = 4 K there is no band
    assert bistable_band(4 * noise / mu, noise, mu, base) is None
    assert bistable_band(-b, noise, mu, base) is None


def test_reputation_fixed_point_at_one_when_every_firm_always_chooses_high_quality():
    # a penalty far above the cost makes every monitored member's gain >= 0.7 at any R;
    # with noise 1e-3 each chooses high quality with probability 1/(1 + e^-700) = 1.0 in
    # floating point, so Q*(R) = 1 and the one steady state is R = 1 (stable: Q*' = 0)
    n = 5
    roots, stable = reputation_fixed_points(
        np.ones(n),
        np.ones(n, bool),
        np.zeros(n),
        np.zeros(n, bool),
        penalty=1.0,
        monitoring=1.0,
        choice_noise=1e-3,
    )
    np.testing.assert_array_equal(roots, [1.0])
    np.testing.assert_array_equal(stable, [True])


def test_a_coarse_scan_refines_a_crossing_in_the_cell_after_an_exact_root(monkeypatch):
    """The root finder, on a Q* written by hand (the economics stubbed out):
    Q*(R) = min(0.8, max(0, 4 (R - 0.2))) has the steady states 0 (exact: Q* = 0 there),
    0.8 / 3 (unstable, slope 4) and 0.8 (stable, slope 0). A fine scan finds all three; the
    coarse scan R = 0, 0.5, 1 sees the exact root at 0 and the crossing in (0.5, 1), which it
    must still refine by Brent's method whatever the cell before it held (mutation survivor
    of dynamics/brand.py L409: the test read g[k - 1] for g[k + 1])."""
    from clusternet.dynamics import brand

    def q_star(output, member, mean_knowledge, leader, certification, r, **params):
        return min(0.8, max(0.0, 4.0 * (r - 0.2)))

    monkeypatch.setattr(brand, "quality_incentive", q_star)
    args = (np.ones(3), np.ones(3, bool), np.zeros(3), np.zeros(3, bool))
    roots, stable = reputation_fixed_points(*args)
    np.testing.assert_allclose(roots, [0.0, 0.8 / 3, 0.8], atol=1e-11)
    np.testing.assert_array_equal(stable, [True, False, True])
    roots, stable = reputation_fixed_points(*args, grid=3)
    np.testing.assert_allclose(roots, [0.0, 0.8], atol=1e-11)
    np.testing.assert_array_equal(stable, [True, True])


def test_a_neutral_steady_state_is_not_stable(monkeypatch):
    """Stability is strict, Q*'(R*) < 1 (docstring): where Q*(R) = R every reputation is a
    steady state with slope exactly 1, and none attracts a perturbed reputation, so none is
    stable (mutation survivor of dynamics/brand.py L416, held-out seed 2043: slope <= 1)."""
    from clusternet.dynamics import brand

    def q_star(output, member, mean_knowledge, leader, certification, r, **params):
        return r

    monkeypatch.setattr(brand, "quality_incentive", q_star)
    args = (np.ones(3), np.ones(3, bool), np.zeros(3), np.zeros(3, bool))
    roots, stable = reputation_fixed_points(*args, grid=11)
    np.testing.assert_allclose(roots, np.linspace(0.0, 1.0, 11), atol=1e-12)
    assert not stable.any()


@pytest.mark.parametrize("sigma", [0.0, 0.3, 0.5, 1.0])
def test_cost_types_are_the_lognormal_inverse_transform_of_their_uniforms(sigma):
    """``tau = exp(sigma z - sigma^2 / 2)``, ``z`` the standard normal quantile of the
    firm's uniform (scipy's ``norm.ppf``), so the mean type is 1; sigma 0 gives every firm
    type 1 (held-out seed 2031: the exact-ones shortcut taken for sigma > 0 instead;
    held-out seed 2038: taken at sigma = 1 instead of 0, hence the case sigma = 1)."""
    from scipy.stats import norm

    from clusternet.dynamics.brand import cost_types

    u = np.array([0.025, 0.2, 0.5, 0.8, 0.975])
    want = np.exp(sigma * norm.ppf(u) - sigma**2 / 2)
    np.testing.assert_allclose(cost_types(sigma, u), want, rtol=1e-13)
    if sigma:
        assert np.ptp(want) > 0.5


def test_the_extreme_uniform_draws_give_mirrored_finite_cost_types():
    """A uniform of the model's streams is a multiple of 2^-53 in [0, 1 - 2^-53]: 0 is a
    legal draw. Its type must be finite and mirror the largest draw's, as z(u) = -z(1 - u):
    tau(0) tau(1 - 2^-53) = exp(-sigma^2), with tau(0) the type of the smallest positive
    draw 2^-53 (held-out seed 2032: 0 clipped to 3^-53, a type e^(-2.2 sigma) smaller)."""
    from scipy.stats import norm

    from clusternet.dynamics.brand import cost_types

    sigma = 0.5
    low, high = cost_types(sigma, np.array([0.0, 1.0 - 2.0**-53]))
    assert np.isfinite(low) and np.isfinite(high)
    assert low == pytest.approx(np.exp(sigma * norm.ppf(2.0**-53) - sigma**2 / 2), rel=1e-12)
    assert low * high == pytest.approx(np.exp(-(sigma**2)), rel=1e-6)


def test_a_uniform_of_zero_gives_the_cost_type_at_the_2_to_minus_53_quantile():
    # seed 2050 survivor (brand L131, the clip's 2.0**-53 to 3.0**-53): a uniform of 0 is
    # legal ([0, 1)) and must give a finite type, the one at the smallest positive uniform a
    # double in [0, 1) steps by, 2^-53; reference: scipy.stats.norm's quantile
    from scipy.stats import norm

    from clusternet.dynamics.brand import cost_types

    sigma = 0.5
    got = cost_types(sigma, np.array([0.0, 2.0**-53, 0.5]))
    z = norm.ppf([2.0**-53, 2.0**-53, 0.5])
    np.testing.assert_allclose(got, np.exp(sigma * z - sigma**2 / 2), rtol=1e-12)
    assert got[0] == got[1] > 0
