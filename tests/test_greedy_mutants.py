"""CELF and plain greedy (:mod:`clusternet.greedy`) against a brute-force greedy written here.

The reference scores every remaining candidate each round with plain Python
(ties: the earlier candidate) and counts the objective's calls itself; the
fast selection of ``tools/mutants.py greedy``.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from clusternet.greedy import greedy

SETS = {
    "a": {1, 2, 3},
    "b": {3, 4},
    "c": {4, 5, 6, 7},
    "d": {1, 7},
    "e": {8},
    "f": {2, 3, 8},
}


def _cover(picks):
    return float(len(set().union(*(SETS[p] for p in picks))))


def _brute_greedy(f, items, k, min_gain=None):
    chosen, gains, values = [], [], []
    current = f([])
    for _ in range(k):
        best, best_gain = None, None
        for i, c in enumerate(items):
            if c in chosen:
                continue
            g = f([*chosen, c]) - current
            if best_gain is None or g > best_gain:  # strict: ties keep the earlier one
                best, best_gain = i, g
        if best is None or (min_gain is not None and best_gain <= min_gain):
            break
        chosen.append(items[best])
        current += best_gain
        gains.append(best_gain)
        values.append(current)
    return chosen, gains, values


@pytest.mark.parametrize("lazy", [True, False])
@pytest.mark.parametrize("k", [1, 3, 6])
def test_picks_gains_and_values_match_brute_force_greedy(lazy, k):
    items = list(SETS)
    res = greedy(_cover, items, k, lazy=lazy)
    chosen, gains, values = _brute_greedy(_cover, items, k)
    assert res.picks == chosen
    np.testing.assert_array_equal(res.gains, gains)
    np.testing.assert_array_equal(res.values, values)


@pytest.mark.parametrize("lazy", [True, False])
def test_ties_go_to_the_earlier_candidate(lazy):
    res = greedy(lambda picks: float(len(picks)), ["x", "y", "z", "w"], 3, lazy=lazy)
    assert res.picks == ["x", "y", "z"]
    np.testing.assert_array_equal(res.values, [1.0, 2.0, 3.0])


@pytest.mark.parametrize("lazy", [True, False])
def test_a_gain_equal_to_min_gain_is_not_added(lazy):
    weight = {"p": 3.0, "q": 1.0, "r": 0.5}
    f = lambda picks: sum(weight[c] for c in picks)  # noqa: E731
    res = greedy(f, list(weight), 3, lazy=lazy, min_gain=1.0)
    assert res.picks == ["p"] == _brute_greedy(f, list(weight), 3, min_gain=1.0)[0]
    res = greedy(f, list(weight), 3, lazy=lazy, min_gain=0.5)
    assert res.picks == ["p", "q"]
    assert greedy(f, list(weight), 3, lazy=lazy).picks == ["p", "q", "r"]


@pytest.mark.parametrize("lazy", [True, False])
def test_evaluations_are_the_objectives_calls(lazy):
    calls = []

    def f(picks):
        calls.append(list(picks))
        return _cover(picks)

    res = greedy(f, list(SETS), 3, lazy=lazy)
    assert res.evaluations == len(calls)
    if not lazy:  # the empty set, then every remaining candidate in each of 3 rounds
        assert len(calls) == 1 + 6 + 5 + 4
    else:  # CELF never scores more than plain greedy
        assert len(calls) <= 1 + 6 + 5 + 4


def test_lazy_evaluations_on_a_modular_objective_by_hand():
    # modular: gains never change, so after the first round of singletons each pick
    # re-evaluates exactly the top of the queue once: 1 + n + (k - 1) calls
    w = [5.0, 4.0, 3.0, 2.0, 1.0]
    res = greedy(lambda picks: sum(w[i] for i in picks), list(range(5)), 3)
    assert res.picks == [0, 1, 2]
    assert res.evaluations == 1 + 5 + 2


def test_seed_is_passed_to_an_objective_that_takes_it():
    seen = []

    def f(picks, seed=None):
        seen.append(seed)
        return float(len(picks))

    greedy(f, ["a", "b"], 2, seed=17)
    assert seen and set(seen) == {17}


def test_candidates_listed_twice_even_unhashable_are_refused():
    with pytest.raises(ValueError, match=r"positions 0 and 2"):
        greedy(_cover, ["a", "b", "a"], 1)
    with pytest.raises(ValueError, match=r"positions 1 and 2"):
        greedy(lambda p: 0.0, [[1], [2, 3], [2, 3]], 1)
    # arrays compare elementwise: only the same object counts as listed twice
    a, b = np.array([1, 2]), np.array([1, 2])
    assert len(greedy(lambda p: float(len(p)), [a, b], 2).picks) == 2
    with pytest.raises(ValueError, match=r"positions 0 and 1"):
        greedy(lambda p: 0.0, [a, a], 1)


def test_errors_name_the_argument():
    with pytest.raises(TypeError, match="objective must be callable"):
        greedy("cover", ["a"], 1)
    with pytest.raises(ValueError, match="no candidates"):
        greedy(_cover, [], 1)
    with pytest.raises(ValueError, match="k = 7 exceeds the 6 candidates"):
        greedy(_cover, list(SETS), 7)
    assert len(greedy(_cover, list(SETS), 6).picks) == 6
    with pytest.raises(ValueError, match="min_gain"):
        greedy(_cover, list(SETS), 2, min_gain=float("nan"))
    with pytest.raises(ValueError, match="min_gain"):
        greedy(_cover, list(SETS), 2, min_gain="high")
    with pytest.raises(ValueError, match=r"objective returned nan for \['a'\]"):
        greedy(lambda p: float("nan") if p else 0.0, ["a"], 1)


def test_greedy_reaches_one_minus_one_over_e_of_the_best_cover():
    best = max(_cover(list(c)) for c in itertools.combinations(SETS, 2))
    assert greedy(_cover, list(SETS), 2).values[-1] >= (1 - 1 / np.e) * best


@pytest.mark.parametrize("lazy", [True, False])
def test_an_objective_with_a_nonzero_empty_set_value(lazy):
    # gains are differences from f(empty) = 5, values the objective itself
    f = lambda picks: 5.0 + _cover(picks)  # noqa: E731
    res = greedy(f, list(SETS), 3, lazy=lazy)
    chosen, gains, values = _brute_greedy(f, list(SETS), 3)
    assert res.picks == chosen
    np.testing.assert_array_equal(res.gains, gains)
    np.testing.assert_array_equal(res.values, values)
    assert values[0] == 5.0 + 4.0
