"""Entry and exit (:mod:`clusternet.dynamics.turnover`) against references by hand.

Exits and spin-off parents with given uniforms (a stand-in stream), checked
against the rule written out here: the lagging test, the inverse transform of
the knowledge weights computed with a running sum, the entrant's fields. No
simulation: the fast selection of ``tools/mutants.py d_turnover``.
"""

from __future__ import annotations

import numpy as np
import pytest

from clusternet.dynamics.state import ModelState
from clusternet.dynamics.turnover import exits, parents, replace


class _Draws:
    """Hands out the given uniforms, one array per ``random(n)`` call."""

    def __init__(self, *arrays):
        self.arrays = [np.asarray(a, dtype=float) for a in arrays]

    def random(self, n):
        out = self.arrays.pop(0)
        assert out.shape == (n,)
        return out


def _inverse_transform(weights, u):
    """The first position whose running weight sum exceeds ``u`` times the total."""
    total = sum(weights)
    running = 0.0
    for pos, w in enumerate(weights):
        running += w
        if running > u * total:
            return pos
    return len(weights) - 1


def test_exits_by_hand_with_draws_at_the_boundaries():
    k = np.array([1.0, 0.5, 0.6, 0.2, 0.1, 0.3])
    firms = np.array([True, True, True, True, True, False])
    u = np.array([0.0, 0.2, 0.0, 0.3, 0.29, 0.0])  # exit rate 0.3
    got = exits(k, firms, 0.6, 0.3, _Draws(u))
    frontier = max(k[i] for i in range(6) if firms[i])
    want = [bool(firms[i] and k[i] < 0.6 * frontier and u[i] < 0.3) for i in range(6)]
    # firm 2 sits exactly at the gap (0.6 = 0.6 x 1.0): it does not lag; firm 3 lags but
    # its draw equals the rate; firm 5 lags but is no firm
    np.testing.assert_array_equal(got, want)
    np.testing.assert_array_equal(got, [False, True, False, False, True, False])
    np.testing.assert_array_equal(exits(k, firms, 0.6, 0.0, _Draws(u)), np.zeros(6, bool))
    np.testing.assert_array_equal(
        exits(k, np.zeros(6, bool), 0.6, 1.0, _Draws(u)), np.zeros(6, bool)
    )


@pytest.mark.parametrize("keys", [None, np.array([5, 1, 9, 3, 7, 0], dtype=np.uint64)])
def test_parents_are_the_inverse_transform_of_the_knowledge_weights(keys):
    k = np.array([0.5, 2.0, -1.0, 1.0, 0.0, 3.0])
    incumbents = np.array([True, True, True, True, False, False])
    slots = np.array([4, 5, 0])
    u = np.array([0.9, 0.0, 0.0, 0.0, 0.0, 0.6])  # the draws of slots 4, 5 and 0
    got = parents(k, incumbents, slots, _Draws(u), keys)
    pool = [i for i in range(6) if incumbents[i]]
    if keys is not None:
        pool.sort(key=lambda i: int(keys[i]))
    weights = [max(k[i], 0.0) for i in pool]
    want = [pool[_inverse_transform(weights, u[s])] for s in slots]
    np.testing.assert_array_equal(got, want)
    # u = 0 picks the first positive weight in pool order, never a zero weight
    assert all(k[p] > 0 for p in got)


def test_parents_without_positive_knowledge_are_drawn_uniformly_and_empty_inputs():
    k = np.array([0.0, -1.0, 0.0, 0.0])
    incumbents = np.array([True, True, True, False])
    u = np.array([0.0, 0.5, 0.34, 0.99])
    got = parents(k, incumbents, np.array([0, 1, 2, 3]), _Draws(u))
    want = [_inverse_transform([1.0, 1.0, 1.0], u[s]) for s in range(4)]
    np.testing.assert_array_equal(got, want)
    np.testing.assert_array_equal(got, [0, 1, 1, 2])
    none = parents(k, np.zeros(4, bool), np.array([0]), _Draws(u))
    assert none.size == 0 and none.dtype == np.int64
    assert parents(k, incumbents, np.zeros(0, np.int64), _Draws(u)).size == 0


def _state():
    s = ModelState.empty(5, 2, 1)
    s.knowledge[:] = [[0.1, 0.1], [1.0, 3.0], [0.4, 0.6], [2.0, 2.0], [0.05, 0.0]]
    s.quality[:] = [0.0, 1.0, 0.0, 1.0, 1.0]
    s.absorptive[:] = [0.1, 0.9, 0.5, 0.7, 0.2]
    s.rd[:] = [0.0, 0.3, 0.1, 0.2, 0.0]
    s.output[:] = [4.0, 5.0, 6.0, 7.0, 8.0]
    s.margin[:] = 0.3
    s.joined[:] = True
    s.last_innovation[:] = 3.0
    s.member[:] = [0, 0, -1, 0, 0]
    s.trained[:] = [True, False, True, False, True]
    return s


def test_replace_makes_spinoffs_of_successful_firms_by_hand():
    s = _state()
    before = {name: np.array(s[name], copy=True) for name in ModelState.per_actor_fields()}
    leaving = np.array([True, False, False, False, False])
    firms = np.array([True, True, True, True, False])
    # mean knowledge [0.1, 2.0, 0.5, 2.0, 0.025]; successful (>= 0.25 x 2.0 = 0.5, not
    # leaving): firms 1, 2, 3 with weights 2.0, 0.5, 2.0; u = 0.5 -> running sums
    # 2.0, 2.5, 4.5 against 2.25: firm 2 is the parent (firm 2 sits exactly at the gap)
    u = np.array([0.5, 0.0, 0.0, 0.0, 0.0])
    assert replace(s, leaving, firms, 0.25, 0.5, _Draws(u)) == 1
    mother = 2
    np.testing.assert_allclose(s.knowledge[0], 0.5 * before["knowledge"][mother])
    for name in ("quality", "absorptive", "rd"):
        assert s[name][0] == before[name][mother], name
    for name, rule in ModelState.per_actor_fields().items():
        if rule == "entry":
            np.testing.assert_array_equal(s[name][0], s.entry_value(name), err_msg=name)
        elif rule == "place":
            assert s[name][0] == before[name][0], name
        # every other actor is untouched
        np.testing.assert_array_equal(s[name][1:], before[name][1:], err_msg=name)


def test_replace_without_leavers_or_parents_changes_nothing():
    s = _state()
    before = np.array(s.knowledge, copy=True)
    firms = np.array([True, True, True, True, False])
    assert replace(s, np.zeros(5, bool), firms, 0.5, 0.5, _Draws()) == 0
    # every firm leaves: no parent is left
    assert replace(s, firms, firms, 0.5, 0.5, _Draws(np.zeros(5))) == 0
    np.testing.assert_array_equal(s.knowledge, before)


def test_a_single_incumbent_parents_every_slot():
    k = np.array([0.0, 2.0, 0.0])
    got = parents(k, np.array([False, True, False]), np.array([0, 2]), _Draws(np.full(3, 0.99)))
    np.testing.assert_array_equal(got, [1, 1])


def test_a_draw_at_the_top_of_the_cumulative_weights_picks_the_last_incumbent():
    # u * total == total (u = 1, or a product rounded up to the total) would search past
    # the last incumbent; the pick is clipped to it
    k = np.array([1.0, 2.0, 3.0])
    got = parents(k, np.ones(3, bool), np.array([0, 1]), _Draws(np.array([1.0, 1.0, 0.0])))
    np.testing.assert_array_equal(got, [2, 2])
