"""The model's kernels (:mod:`clusternet.kernels.dynamics`) against brute force.

Written for the survivors of the round-7 mutant sample (``tools/mutants.py k_dynamics``):
each test spells the documented rule out with Python loops on a small case.
"""

from __future__ import annotations

import numpy as np
import pytest

from clusternet.kernels.dynamics import imitate


def _in_csr(n, ties):
    """In-tie CSR (row = target) of a list of (source, target) ties, in list order."""
    indptr = np.zeros(n + 1, dtype=np.int64)
    rows = [[s for s, t in ties if t == i] for i in range(n)]
    indptr[1:] = np.cumsum([len(r) for r in rows])
    return indptr, np.array([s for r in rows for s in r], dtype=np.int32)


def test_imitate_counts_only_the_neighbours_ahead_and_moves_to_the_largest_target():
    """At tie probability 1 every innovating in-neighbour is imitated; only those ahead
    of the imitator in the innovation's domain count and move it (a neighbour level with
    it, or behind, adds nothing and is not an imitation)."""
    rng = np.random.default_rng(7)
    n, d = 30, 3
    # integer knowledge levels: many neighbours exactly level with their imitator
    knowledge = rng.integers(0, 3, size=(n, d)).astype(float)
    ties = [(s, t) for s in range(n) for t in range(n) if s != t and rng.random() < 0.2]
    indptr, indices = _in_csr(n, ties)
    innovated = rng.random(n) < 0.5
    domain = np.where(innovated, rng.integers(0, d, n), -1)
    gap = 0.25
    out, adopted = knowledge.copy(), np.zeros(n, dtype=np.int64)
    imitate(indptr, indices, np.ones(len(ties)), innovated, domain, knowledge, gap,
            np.uint64(3), np.uint64(5), np.arange(n, dtype=np.uint64), out, adopted)  # fmt: skip
    want, count = knowledge.copy(), np.zeros(n, dtype=np.int64)
    for s, t in ties:
        if not innovated[s]:
            continue
        dom = domain[s]
        diff = knowledge[s, dom] - knowledge[t, dom]
        if diff > 0:
            count[t] += 1
            want[t, dom] = max(want[t, dom], knowledge[t, dom] + gap * diff)
    level = sum(
        innovated[s] and knowledge[s, domain[s]] == knowledge[t, domain[s]] for s, t in ties
    )
    assert level > 0 and count.sum() > 0  # the case has level neighbours and imitations
    np.testing.assert_array_equal(adopted, count)
    np.testing.assert_allclose(out, want, rtol=0, atol=1e-15)
    # probability 0: nothing is imitated
    out0, adopted0 = knowledge.copy(), np.zeros(n, dtype=np.int64)
    imitate(indptr, indices, np.zeros(len(ties)), innovated, domain, knowledge, gap,
            np.uint64(3), np.uint64(5), np.arange(n, dtype=np.uint64), out0, adopted0)  # fmt: skip
    assert not adopted0.any()
    np.testing.assert_array_equal(out0, knowledge)


def test_innovation_is_radical_strictly_below_the_radical_share():
    """Seed 2034, kernels/dynamics.py L149 (``u < radical_share → <=``): an innovation is
    radical when the firm's third keyed draw is below ``radical_share``, strictly. With the
    share set to firm 0's own third draw (salt and stream written out) its innovation is
    incremental; a hair above it, radical (a referee's refutation of the 2^-53 argument)."""
    from clusternet.kernels.dynamics import innovate
    from clusternet.kernels.rng import mix64, next_uniform, stream

    seed, step = np.uint64(12345), np.uint64(7)
    salt = mix64(seed ^ mix64(step + np.uint64(0x2545F4914F6CDD1D)))
    state = stream(salt, np.uint64(0))
    for _ in range(3):  # the hazard test, the domain, the radical test
        state, u = next_uniform(np.uint64(state))
    for share, want in ((float(u), False), (float(np.nextafter(u, 1.0)), True)):
        knowledge = np.array([[1.0, 0.2], [1.0, 0.5]])
        innovated, domain = np.zeros(2, dtype=np.bool_), np.full(2, -1, dtype=np.int64)
        radical = np.zeros(2, dtype=np.bool_)
        innovate(np.array([50.0, 0.0]), knowledge, knowledge.max(axis=0), 0.1, share, 0.3,
                 seed, step, np.arange(2, dtype=np.uint64), innovated, domain, radical, 1)  # fmt: skip
        assert innovated.tolist() == [True, False] and domain[0] == 1
        assert bool(radical[0]) is want
        assert knowledge[0, 1] == pytest.approx(0.8 if want else 0.3)


@pytest.mark.parametrize("fill", [0.0, np.nan])
def test_competitor_pressure_covers_every_actor_the_last_included(fill):
    """Seed 2038, kernels/dynamics.py L48 (``n = len(indptr) - 1 → - 2``): the kernel
    overwrites ``out`` for every actor. The last actor here has recent competitors, and
    ``out`` starts as ``fill`` (an unset entry shows); each share is counted by brute force
    over the competition ties, ``|{j in N(i): recent_j}| / |N(i)|`` (0 without any)."""
    from clusternet.kernels.dynamics import competitor_pressure

    rng = np.random.default_rng(2038)
    n = 12
    neighbours = {i: [] for i in range(n)}
    for i in range(n):
        for j in range(i + 1, n):
            # actor 5 has no competitors; the last actor competes with 0, 1 and 2
            if 5 not in (i, j) and (rng.random() < 0.3 or (j == n - 1 and i < 3)):
                neighbours[i].append(j)
                neighbours[j].append(i)
    indptr = np.cumsum([0] + [len(neighbours[i]) for i in range(n)]).astype(np.int64)
    indices = np.array([j for i in range(n) for j in neighbours[i]], dtype=np.int32)
    recent = rng.random(n) < 0.5
    recent[[0, 1]] = True
    out = np.full(n, fill)
    competitor_pressure(indptr, indices, recent, out)
    want = [
        sum(bool(recent[j]) for j in neighbours[i]) / len(neighbours[i]) if neighbours[i] else 0.0
        for i in range(n)
    ]
    assert want[n - 1] > 0 and want[5] == 0.0
    np.testing.assert_allclose(out, want, rtol=1e-15, atol=0)
