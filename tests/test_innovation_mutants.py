"""Innovation's functions (:mod:`clusternet.dynamics.innovation`) against references by hand.

The hazard built firm by firm with ``math``, competitor pressure counted by brute
force over the competition ties, and the innovation step's limits (hazard 0 and
a hazard so large that every firm innovates). No simulation: the fast selection
of ``tools/mutants.py d_innovation``.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from clusternet.dynamics.innovation import (
    competitor_pressure,
    generic_readiness,
    hazard,
    innovate,
)


def test_competitor_pressure_counts_recent_innovators_by_brute_force():
    # competitors: 0-{1, 2, 3}, 1-{0}, 2-{0, 3}, 3-{0, 2}, 4 none
    neighbours = {0: [1, 2, 3], 1: [0], 2: [0, 3], 3: [0, 2], 4: []}
    indptr = np.cumsum([0] + [len(neighbours[i]) for i in range(5)]).astype(np.int64)
    indices = np.array([j for i in range(5) for j in neighbours[i]], dtype=np.int32)
    last = np.array([8.0, 7.0, 5.0, 9.0, -np.inf])
    step, memory = 10, 3
    got = competitor_pressure(indptr, indices, last, step, memory)
    want = [
        sum(step - last[j] <= memory for j in neighbours[i]) / len(neighbours[i])
        if neighbours[i]
        else 0.0
        for i in range(5)
    ]
    # actor 1 innovated exactly `memory` steps ago: it still presses
    np.testing.assert_allclose(got, want, rtol=1e-15)
    np.testing.assert_allclose(got, [2 / 3, 1.0, 1.0, 0.5, 0.0])


@pytest.mark.parametrize(
    ("frontier", "complement", "want"),
    [(2.0, 0.5, None), (2.0, 0.0, 1.0), (0.0, 2.0, 1.0), (-1.0, 2.0, 1.0)],
)
def test_generic_readiness_by_hand_and_its_limits(frontier, complement, want):
    generic = np.array([-0.5, 0.0, 0.5, 2.0, 3.0])
    got = generic_readiness(generic, frontier, complement)
    if want is None:
        want = [min(max(g / frontier, 0.0), 1.0) ** complement for g in generic]
    np.testing.assert_allclose(got, np.broadcast_to(want, generic.shape), rtol=1e-15)


@pytest.mark.parametrize("rd", [np.array([0.2, 0.6, 0.4, 9.0]), np.array([0.0, 0.0, 0.0, 5.0])])
def test_hazard_firm_by_firm(rd):
    rate, s_rd, w_rd, w_k, squeeze, rho, rep = 0.05, 0.5, 0.7, 1.3, 0.4, 0.6, 0.3
    a = np.array([0.5, 1.0, 0.8, 0.9])
    kbar = np.array([0.1, 0.4, 0.0, 0.2])
    c = np.array([0.0, 0.5, 1.0, 0.3])
    v = np.array([1.0, 0.4, 2.0, 1.0])
    firms = np.array([True, True, True, False])
    got = hazard(rate, a, rd, w_rd, s_rd, kbar, w_k, squeeze, c, firms, rep, rho, v)
    firm_rd = [rd[i] for i in range(4) if firms[i]]
    mean = sum(firm_rd) / len(firm_rd)
    mean = mean if mean > 0 else 1.0  # no R&D among the firms: the R&D term is 0 anyway
    want = [
        rate
        * a[i]
        * (1 + w_rd * rd[i] * (1 + s_rd) / mean + w_k * kbar[i])
        * (1 + squeeze * c[i])
        * (1 + rho * rep)
        * v[i]
        if firms[i]
        else 0.0
        for i in range(4)
    ]
    np.testing.assert_allclose(got, want, rtol=1e-14)


def test_hazard_without_firms_is_zero():
    one = np.ones(3)
    got = hazard(0.1, one, one, 1.0, 0.0, one, 1.0, 0.0, one, np.zeros(3, bool))
    np.testing.assert_array_equal(got, np.zeros(3))


def test_innovate_steps_incremental_and_radical_by_hand():
    k = np.array([[0.5, 0.2, 0.1], [0.0, 0.6, 0.3], [0.1, 0.0, 0.0]])
    start = k.copy()
    frontier = start.max(axis=0)
    lam = np.array([800.0, 0.0, 800.0])  # 1 - exp(-800) = 1: certain; 0: never
    innovated, domain, radical = innovate(k, lam, 0.05, 0.0, 0.2, seed=3, step=1)
    np.testing.assert_array_equal(innovated, [True, False, True])
    assert domain[1] == -1 and set(domain[[0, 2]].tolist()) <= {1, 2}
    assert not radical.any()
    want = start.copy()
    for i in (0, 2):
        want[i, domain[i]] += 0.05
    np.testing.assert_allclose(k, want, rtol=1e-15)
    # all radical: the firm jumps radical_step beyond the domain's frontier
    k = start.copy()
    innovated, domain, radical = innovate(k, lam, 0.05, 1.0, 0.2, seed=3, step=1)
    np.testing.assert_array_equal(radical, [True, False, True])
    want = start.copy()
    for i in (0, 2):
        want[i, domain[i]] = frontier[domain[i]] + 0.2
    np.testing.assert_allclose(k, want, rtol=1e-15)


def test_innovate_domain_defaults_and_first_domain():
    # one domain: the innovation falls in domain 0; with first_domain=0 and many
    # actors every domain 0 .. D-1 is reached, with the default never domain 0
    k1 = np.zeros((4, 1))
    _, domain, _ = innovate(k1, np.full(4, 800.0), 0.1, 0.0, 0.0, seed=1, step=1)
    np.testing.assert_array_equal(domain, [0, 0, 0, 0])
    np.testing.assert_allclose(k1[:, 0], 0.1)
    k = np.zeros((400, 3))
    _, default, _ = innovate(k, np.full(400, 800.0), 0.1, 0.0, 0.0, seed=1, step=1)
    assert set(default.tolist()) == {1, 2}
    k = np.zeros((400, 3))
    _, first0, _ = innovate(k, np.full(400, 800.0), 0.1, 0.0, 0.0, seed=1, step=1, first_domain=0)
    assert set(first0.tolist()) == {0, 1, 2}


def test_innovate_frequency_matches_one_minus_exp_minus_hazard():
    n, lam = 20000, 0.3
    k = np.zeros((n, 2))
    innovated, _, _ = innovate(k, np.full(n, lam), 0.1, 0.0, 0.0, seed=11, step=2)
    p = 1 - math.exp(-lam)
    assert abs(innovated.mean() - p) < 4 * math.sqrt(p * (1 - p) / n)


def test_hazard_defaults_no_reputation_and_a_unit_incentive():
    # reputation defaults to 0: a reputation effect rho alone changes nothing
    a = np.array([0.5, 2.0])
    rd = np.array([1.0, 3.0])
    kbar = np.array([0.2, 0.0])
    firms = np.array([True, True])
    got = hazard(
        0.1, a, rd, 1.0, 0.0, kbar, 0.5, 0.0, np.zeros(2), firms, reputation_innovation=0.8
    )
    want = [0.1 * a[i] * (1 + rd[i] / 2.0 + 0.5 * kbar[i]) for i in range(2)]
    np.testing.assert_allclose(got, want, rtol=1e-14)


def test_innovate_with_two_domains_never_innovates_generic_knowledge_and_no_actors():
    # two domains: the default first domain is 1 (domain 0 is generic knowledge)
    k = np.zeros((300, 2))
    _, domain, _ = innovate(k, np.full(300, 800.0), 0.1, 0.0, 0.0, seed=4, step=1)
    np.testing.assert_array_equal(domain, np.ones(300))
    np.testing.assert_array_equal(k[:, 0], np.zeros(300))
    # no actors: nothing innovates, whatever the number of domains
    innovated, domain, radical = innovate(np.zeros((0, 3)), np.zeros(0), 0.1, 0.5, 0.2, 1, 1)
    assert innovated.shape == domain.shape == radical.shape == (0,)


def test_radical_innovation_reaches_past_the_domains_frontier_not_a_firms_best():
    # four firms, three domains, every innovation in domain 2 and radical: each
    # innovator lands radical_step past column 2's maximum (0.9, firm 3's), not past
    # any row's maximum (firm 2's best, 0.8, is in domain 0)
    k = np.array([[0.1, 0.5, 0.2], [0.3, 0.0, 0.4], [0.8, 0.1, 0.0], [0.0, 0.2, 0.9]])
    start = k.copy()
    lam = np.full(4, 800.0)
    _, domain, radical = innovate(k, lam, 0.05, 1.0, 0.25, seed=5, step=1, first_domain=2)
    np.testing.assert_array_equal(domain, [2, 2, 2, 2])
    assert radical.all()
    want = start.copy()
    want[:, 2] = max(start[i, 2] for i in range(4)) + 0.25
    np.testing.assert_allclose(k, want, rtol=1e-15)
