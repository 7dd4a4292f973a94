"""Fuzz: ``targeting.greedy`` on random monotone objectives over at most 6 candidates:
distinct picks, at most k, values that match the objective, and the brute-force optimum
(exact for a modular objective, within 1 - 1/e for coverage), lazy or not; hostile
candidates and k give a ValueError/TypeError naming them."""

import itertools
import math

import numpy as np
import pytest
from fuzz_strategies import PROFILES, WEIGHT, fuzz, named_error
from hypothesis import strategies as st

from clusternet.targeting import greedy


@st.composite
def objectives(draw):
    """A monotone objective over ``m`` candidates: coverage (submodular) or modular."""
    m = draw(st.integers(1, 6))
    kind = draw(st.sampled_from(["coverage", "modular"]))
    if kind == "coverage":
        sets = [frozenset(draw(st.sets(st.integers(0, 7), max_size=5))) for _ in range(m)]
        item_weight = [draw(WEIGHT) for _ in range(8)]

        def f(picks):
            covered = set().union(*(sets[p] for p in picks)) if picks else set()
            return float(sum(item_weight[i] for i in sorted(covered)))

    else:
        value = [draw(st.one_of(st.just(0.0), WEIGHT)) for _ in range(m)]

        def f(picks):
            return float(sum(value[p] for p in picks))

    return kind, m, f, draw(st.integers(1, m)), draw(st.booleans())


def brute_force(f, m: int, k: int) -> float:
    return max(f(list(s)) for s in itertools.combinations(range(m), k))


@pytest.mark.parametrize("examples", PROFILES)
def test_fuzz_greedy_against_brute_force(examples):
    def check(case):
        kind, m, f, k, lazy = case
        r = greedy(f, list(range(m)), k, lazy=lazy)
        picks = list(r.picks)
        assert len(picks) == len(set(picks)) == k <= m
        assert set(picks) <= set(range(m))
        values = [f(picks[: i + 1]) for i in range(k)]
        np.testing.assert_allclose(r.values, values, rtol=1e-12)
        assert np.all(np.diff(np.concatenate([[f([])], r.values])) >= 0)  # monotone
        assert (r.gains >= 0).all()
        best = brute_force(f, m, k)
        if kind == "modular":  # greedy is optimal for a modular objective
            assert r.values[-1] == pytest.approx(best, rel=1e-12)
        else:  # Nemhauser, Wolsey & Fisher: at least 1 - 1/e of the best set
            assert r.values[-1] >= (1 - 1 / math.e) * best * (1 - 1e-12)
        other = greedy(f, list(range(m)), k, lazy=not lazy)
        if kind == "coverage" or len(set(r.gains.tolist())) == k:
            assert other.values[-1] == pytest.approx(r.values[-1], rel=1e-12)

    fuzz(examples, objectives(), check)


HOSTILE_CANDIDATES = st.sampled_from(
    [
        [1, 1, 1],
        [1, 1.0],
        [1, True],
        ["a", "a\x00"],
        [math.nan, math.nan],
        [(1, 2), (1, 2)],
        [[1], [1]],
        [np.array([1, 2]), np.array([1, 2])],
        [],
        [None, None],
        ["x"],
    ]
)
HOSTILE_K = st.sampled_from([1, 2, 3, 0, -1, 2.5, True, np.int64(2), "2", None, 10**20])


@pytest.mark.parametrize("examples", PROFILES)
def test_fuzz_greedy_never_picks_twice_or_names_the_argument(examples):
    def check(case):
        candidates, k, min_gain = case
        calls = []

        def f(picks):
            calls.append(list(picks))
            return float(len(picks))

        with named_error("candidates", "k must", "k = ", "min_gain"):
            r = greedy(f, candidates, k, min_gain=min_gain)
            idx = [next(i for i, c in enumerate(candidates) if c is p) for p in r.picks]
            assert len(idx) == len(set(idx)) <= int(k) <= len(candidates)

    min_gains = st.sampled_from([None, 0.0, -1.0, 1e300, math.nan, "x"])
    fuzz(examples, st.tuples(HOSTILE_CANDIDATES, HOSTILE_K, min_gains), check)
