"""The brand economics of :mod:`clusternet.economics` against independent references.

Each function is checked against a reference written out here: the discounted
reputation and name-withdrawal streams summed term by term (not the geometric
closed forms the module uses), and the per-firm gain and logit choice built with
``math`` one firm at a time. Fast (no simulation): the selection of
``tools/mutants.py economics``.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from clusternet.economics import (
    BRAND_DEFAULTS,
    free_riding_exposure,
    high_quality_share,
    initial_knowledge_mean,
    leaders,
    name_withdrawal_loss,
    own_demand_effect,
    own_reputation_effect,
    quality_gain,
    quality_incentive,
    quality_unit_cost,
    unit_margin,
    visibility,
)


def _stream(per_step, discount: float, steps: int) -> float:
    """Sum of ``per_step(s) * discount**s`` for s = 0 .. steps - 1, term by term."""
    total = 0.0
    for s in range(steps):
        total += per_step(s) * discount**s
    return total


@pytest.mark.parametrize("discount", [0.9, 0.5, 1.0])
@pytest.mark.parametrize("steps", [1, 4, 7])
def test_name_withdrawal_loss_is_the_discounted_lost_name_summed_by_hand(discount, steps):
    # a caught member (probability monitoring) loses P (1 - theta) R for each of `steps` steps
    premium, theta, monitoring, reputation = 0.4, np.array([0.0, 0.25, 1.0]), 0.3, 0.7
    member = np.array([True, True, False])
    got = name_withdrawal_loss(reputation, premium, theta, monitoring, member, steps, discount)
    want = [
        monitoring
        * float(member[i])
        * _stream(lambda s, i=i: premium * (1.0 - theta[i]) * reputation, discount, steps)
        for i in range(3)
    ]
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize(("memory", "discount"), [(0.8, 0.95), (0.5, 0.6), (0.0, 0.9)])
def test_own_reputation_effect_is_the_decaying_discounted_stream(memory, discount):
    # one unit more of high quality raises R_{t+1} by (1 - lambda) share; the rise decays by
    # lambda per step and is worth P (1 - theta) + eps_R margin+ per unit of R, from the next
    # step on (discount^1, discount^2 ...)
    share = np.array([0.1, 0.5, 1.0])
    theta = np.array([0.0, 0.3, 0.6])
    margin = np.array([0.2, -0.4, 0.05])
    premium, eps_r = 0.3, 0.7
    got = own_reputation_effect(share, theta, premium, memory, discount, margin, eps_r)
    want = []
    for i in range(3):
        value = premium * (1.0 - theta[i]) + eps_r * max(margin[i], 0.0)
        rise = (1.0 - memory) * share[i]
        want.append(sum(rise * memory ** (s - 1) * value * discount**s for s in range(1, 4000)))
    np.testing.assert_allclose(got, want, rtol=1e-10)


def test_own_demand_effect_and_unit_margin_per_firm():
    share = np.array([0.0, 0.25, 1.0])
    theta = np.array([0.5, 1.0, 0.2])
    margin = np.array([0.3, 0.2, -0.1])
    got = own_demand_effect(share, theta, margin, 1.5)
    want = [1.5 * theta[i] * (1 - share[i]) * max(margin[i], 0.0) for i in range(3)]
    np.testing.assert_allclose(got, want, rtol=1e-15)
    quality = np.array([1.0, 0.0, 1.0])
    cost = np.array([0.1, 0.2, 0.05])
    got = unit_margin(0.4, theta, quality, 0.6, cost)
    want = [
        0.4 * (theta[i] * quality[i] + (1 - theta[i]) * 0.6) - cost[i] * quality[i]
        for i in range(3)
    ]
    np.testing.assert_allclose(got, want, rtol=1e-15)


def test_gain_cost_visibility_and_simple_shares_by_hand():
    got = quality_gain(
        0.4, np.array([0.5, 0.0]), 0.1, 0.3, 0.2, np.array([True, False]), 0.01, 0.02, 0.03
    )
    np.testing.assert_allclose(
        got, [0.4 * 0.5 - 0.1 + 0.3 * 0.2 + 0.06, 0.0 - 0.1 + 0.06], rtol=1e-14
    )
    np.testing.assert_allclose(
        quality_unit_cost(0.2, 2.0, np.array([0.0, 0.5, -1.0])), [0.2, 0.1, 0.2], rtol=1e-15
    )
    np.testing.assert_array_equal(visibility(0.3, 0.6, np.array([True, False])), [0.6, 0.3])
    np.testing.assert_array_equal(visibility(0.9, 0.6, np.array([True, False])), [0.9, 0.9])
    np.testing.assert_allclose(initial_knowledge_mean([0.0, 0.5, 1.0]), [0.2, 0.35, 0.5])
    assert high_quality_share([1.0, 0.0, 0.0, 0.0]) == 0.25
    assert math.isnan(high_quality_share([]))


@pytest.mark.parametrize(
    ("n", "share", "k"), [(10, 0.2, 2), (9, 0.2, 1), (4, 0.24, 0), (5, 0.2, 1)]
)
def test_leaders_are_the_floor_share_largest_firms(n, share, k):
    size = np.array([7.0, 3.0, 9.0, 1.0, 9.0, 5.0, 2.0, 8.0, 4.0, 6.0][:n])
    got = leaders(size, share)
    assert got.sum() == k == math.floor(share * n)
    # the k largest, ties broken by position: sort by (-size, position) by hand
    ranked = sorted(range(n), key=lambda i: (-size[i], i))
    assert set(np.flatnonzero(got)) == set(ranked[:k])


def test_free_riding_exposure_is_the_unmonitored_uncertified_output_share():
    y = np.array([2.0, 1.0, 1.0, 4.0])
    monitored = np.array([True, False, False, True])
    certified = np.array([0.0, 0.5, 2.0, 0.0])  # clipped to [0, 1]
    got = free_riding_exposure(y, monitored, certified)
    exposed = 0.0 * 2 + 1.0 * 0.5 * 1 + 1.0 * 0.0 * 1 + 0.0 * 4
    assert got == pytest.approx(exposed / 8.0, rel=1e-15)
    assert free_riding_exposure(y, np.zeros(4, bool)) == pytest.approx(1.0)
    assert math.isnan(free_riding_exposure(np.zeros(3), np.zeros(3, bool)))


@pytest.mark.parametrize("reputation", [0.0, 0.4, 0.9])
def test_quality_incentive_is_the_output_weighted_logit_built_firm_by_firm(reputation):
    y = np.array([5.0, 1.0, 1.0, 3.0])
    member = np.array([True, False, True, False])
    kbar = np.array([0.5, 0.1, 0.0, 1.2])
    leader = np.array([True, False, False, False])
    params = dict(premium=0.5, choice_noise=0.07, reputation_demand=0.8, name_withdrawal=3)
    p = {**BRAND_DEFAULTS, **params}
    total = y.sum()
    want_num = 0.0
    for i in range(4):
        theta = max(0.1, p["own_brand_visibility"] * leader[i])
        cost = p["quality_cost"] / (1 + p["quality_learning"] * kbar[i])
        margin = p["premium"] * (theta + (1 - theta) * reputation) - cost
        share = y[i] / total
        own = sum(
            (1 - p["reputation_memory"])
            * share
            * p["reputation_memory"] ** (s - 1)
            * (p["premium"] * (1 - theta) + p["reputation_demand"] * max(margin, 0.0))
            * p["discount"] ** s
            for s in range(1, 3000)
        )
        demand = p["quality_demand"] * theta * (1 - share) * max(margin, 0.0)
        name = (
            p["monitoring"]
            * member[i]
            * _stream(
                lambda s, theta=theta: p["premium"] * (1 - theta) * reputation,
                p["discount"],
                p["name_withdrawal"],
            )
        )
        gain = (
            p["premium"] * theta
            - cost
            + p["penalty"] * p["monitoring"] * member[i]
            + own
            + demand
            + name
        )
        want_num += y[i] / (1.0 + math.exp(-gain / p["choice_noise"]))
    got = quality_incentive(y, member, kbar, leader, 0.1, reputation, **params)
    assert got == pytest.approx(want_num / total, rel=1e-10)
    assert math.isnan(quality_incentive(np.zeros(4), member, kbar, leader))


def test_zero_output_gives_nan_without_a_runtime_warning():
    # no output: no shares to weight by; the answer is NaN by definition, not 0 / 0
    import warnings

    zeros = np.zeros(3)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert math.isnan(quality_incentive(zeros, np.ones(3, bool), zeros, np.zeros(3, bool)))
        assert math.isnan(free_riding_exposure(zeros, np.zeros(3, bool)))
