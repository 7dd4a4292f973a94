"""The network round's kernels (:mod:`clusternet.kernels.tie_round`) against plain numpy.

``compact_edges`` against boolean indexing, and ``keyed_neighbour`` against the draw it
documents, computed with :func:`clusternet.dynamics.draws.uniforms` of
:func:`clusternet.dynamics.draws.tie_keys` and ``argmin`` (the first of equal minima).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clusternet.dynamics.draws import salt, tie_keys, uniforms
from clusternet.kernels import tie_round
from clusternet.kernels.tie_round import (
    COMPACT_BLOCK,
    WALKERS_PARALLEL_FROM,
    compact_edges,
    keyed_neighbour,
)


def _edges(n: int, seed: int):
    rng = np.random.default_rng(seed)
    return (
        rng.integers(0, 2**31 - 1, n, dtype=np.int32),
        rng.integers(0, 2**31 - 1, n, dtype=np.int32),
        rng.integers(-(2**15), 2**15 - 1, n, dtype=np.int16),
        rng.standard_normal(n),
    )


def _compacted(keep, arrays, spare: int = 3):
    outs = [np.full(int(keep.sum()) + spare, -7, dtype=a.dtype) for a in arrays]
    m = compact_edges(keep, *arrays, *outs)
    return m, outs


@settings(max_examples=60, deadline=None)
@given(
    keep=st.lists(st.booleans(), max_size=300),
    seed=st.integers(0, 2**32 - 1),
)
def test_compact_edges_is_boolean_indexing(keep, seed):
    keep = np.array(keep, dtype=bool)
    arrays = _edges(keep.shape[0], seed)
    m, outs = _compacted(keep, arrays)
    assert m == int(keep.sum())
    for a, out in zip(arrays, outs, strict=True):
        assert np.array_equal(out[:m], a[keep])
        assert (out[m:] == -7).all()  # past the kept edges nothing is written


def test_compact_edges_across_block_boundaries_on_one_and_two_threads(threads):
    """Several blocks, a last partial block, runs of dropped edges over a boundary."""
    n = 3 * COMPACT_BLOCK + 17
    rng = np.random.default_rng(4)
    keep = rng.random(n) < 0.6
    keep[COMPACT_BLOCK - 5 : 2 * COMPACT_BLOCK + 9] = False  # a whole block dropped
    keep[-1] = True
    arrays = _edges(n, 5)
    results = []
    for k in (1, 2):
        with threads(k):
            results.append(_compacted(keep, arrays))
    for m, outs in results:
        assert m == int(keep.sum())
        for a, out in zip(arrays, outs, strict=True):
            assert np.array_equal(out[:m], a[keep])
    assert all(np.array_equal(x, y) for x, y in zip(results[0][1], results[1][1], strict=True))


def test_compact_edges_with_nothing_kept_or_no_edges():
    arrays = _edges(5, 1)
    m, outs = _compacted(np.zeros(5, bool), arrays, spare=2)
    assert m == 0 and all((out == -7).all() for out in outs)
    m, outs = _compacted(np.zeros(0, bool), [a[:0] for a in arrays], spare=1)
    assert m == 0


def _brute_neighbour(indptr, indices, node, walker_key, keys, s):
    row = indices[indptr[node] : indptr[node + 1]]
    if row.size == 0:
        return -1
    draws = uniforms(tie_keys(np.full(row.size, walker_key, np.uint64), keys[row]), s)
    return int(row[int(np.argmin(draws))])


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(st.lists(st.integers(0, 9), max_size=7), min_size=1, max_size=10),
    picks=st.lists(st.integers(0, 2**16), max_size=12),
    seed=st.integers(0, 2**31),
)
def test_keyed_neighbour_is_the_smallest_tie_draw(rows, picks, seed):
    """Rows with repeats and empty rows; nodes repeated with different walkers."""
    n = max(len(rows), 10)
    rows = rows + [[] for _ in range(n - len(rows))]
    indptr = np.zeros(n + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(r) for r in rows])
    indices = np.array([j for r in rows for j in r], dtype=np.int32)
    keys = np.random.default_rng(seed).integers(0, 2**63, n, dtype=np.uint64) * np.uint64(2)
    nodes = np.array([p % n for p in picks], dtype=np.int64)
    walker = np.array([keys[p % n] ^ np.uint64(p) for p in picks], dtype=np.uint64)
    s = salt(seed, 3, "network:walk", 1)
    out = np.full(nodes.shape[0], -9, dtype=np.int64)
    keyed_neighbour(indptr, indices, nodes, walker, keys, s, out)
    want = [_brute_neighbour(indptr, indices, v, w, keys, s) for v, w in zip(nodes, walker)]
    assert out.tolist() == want


def test_keyed_neighbour_is_uniform_over_distinct_neighbours():
    """Node 0 has four neighbours; over 40,000 walkers each is chosen a quarter of the time
    (a binomial interval of four standard errors), and the storage order does not matter."""
    keys = np.arange(1, 6, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    walkers = np.arange(40_000, dtype=np.uint64)
    nodes = np.zeros(walkers.shape[0], dtype=np.int64)
    s = salt(1, 1, "network:walk", 0)
    chosen = []
    for order in ([1, 2, 3, 4], [4, 2, 1, 3]):
        indptr = np.array([0, 4, 4, 4, 4, 4], dtype=np.int64)
        out = np.empty(walkers.shape[0], dtype=np.int64)
        keyed_neighbour(indptr, np.array(order, np.int32), nodes, walkers, keys, s, out)
        chosen.append(out)
    assert np.array_equal(chosen[0], chosen[1])
    share = np.bincount(chosen[0], minlength=5)[1:] / walkers.shape[0]
    assert np.abs(share - 0.25).max() < 4 * np.sqrt(0.25 * 0.75 / walkers.shape[0])


_MASK = 2**64 - 1
_GOLDEN = 0x9E3779B97F4A7C15
_M1, _M2 = 0xBF58476D1CE4E5B9, 0x94D049BB133111EB


def _mix(z: int) -> int:
    z = ((z ^ (z >> 30)) * _M1) & _MASK
    z = ((z ^ (z >> 27)) * _M2) & _MASK
    return z ^ (z >> 31)


def _unshift(y: int, s: int) -> int:
    x = y
    for _ in range(64 // s + 1):
        x = y ^ (x >> s)
    return x


def _unmix(z: int) -> int:
    z = _unshift(z, 31)
    z = _unshift((z * pow(_M2, -1, 2**64)) & _MASK, 27)
    return _unshift((z * pow(_M1, -1, 2**64)) & _MASK, 30)


def _key_drawing(full: int, walker: int, s: int) -> int:
    """The actor key whose tie with ``walker`` hashes to ``full`` before the ``>> 11``."""
    tie = (_unmix(_unmix(full) ^ s) - _GOLDEN) & _MASK
    return _unmix(tie) ^ _mix((walker + _GOLDEN) & _MASK)


def _pick(order, keys, walker, s):
    indptr = np.array([0, 2, 2, 2], dtype=np.int64)
    out = np.empty(1, dtype=np.int64)
    keyed_neighbour(indptr, np.array(order, np.int32), np.array([0]),
                    np.array([walker], np.uint64), keys, s, out)  # fmt: skip
    return int(out[0])


def test_keyed_neighbour_ties_and_the_53rd_bit():
    """Keys built backwards through SplitMix64 (a bijection): two neighbours whose draws
    agree in the 53 bits kept go to the first stored, in either order; two that differ
    only in the lowest kept bit go to the smaller, in either order."""
    assert all(_unmix(_mix(z)) == z for z in (0, 1, _GOLDEN, _MASK, 2**63 + 12345))
    walker, s = 987654321, int(salt(3, 7, "network:walk", 0))
    high = 0x1234_5678_9ABC_C << 11  # its lowest kept bit (bit 11) is 0
    for low_a, low_b, first_wins in ((5, 9, True), (1 << 11, 0, False)):
        keys = np.zeros(3, dtype=np.uint64)
        keys[1] = _key_drawing(high | low_a, walker, s)
        keys[2] = _key_drawing(high | low_b, walker, s)
        draws = uniforms(tie_keys(np.full(2, walker, np.uint64), keys[1:]), np.uint64(s))
        assert (draws[0] == draws[1]) == first_wins  # the construction is what it says
        assert _pick([1, 2], keys, walker, s) == (1 if first_wins else 2)
        assert _pick([2, 1], keys, walker, s) == 2


@pytest.mark.parametrize("n", [COMPACT_BLOCK, 2 * COMPACT_BLOCK, 2 * COMPACT_BLOCK + 1,
                               3 * COMPACT_BLOCK - 1])  # fmt: skip
@pytest.mark.parametrize("mode", ["all", "block_ends"])
def test_compact_edges_at_block_multiples(n, mode):
    """Every edge kept, or only each block's first and last (round 32's referee)."""
    e = np.arange(n)
    keep = (
        np.ones(n, bool)
        if mode == "all"
        else (e % COMPACT_BLOCK == 0) | (e % COMPACT_BLOCK == COMPACT_BLOCK - 1)
    )
    arrays = [e.astype(np.int32), (e * 7).astype(np.int32), (e % 5).astype(np.int16), e * 0.5]
    outs = [np.full(int(keep.sum()) + 1, -1, a.dtype) for a in arrays]
    assert compact_edges(keep, *arrays, *outs) == keep.sum()
    for a, out in zip(arrays, outs, strict=True):
        assert np.array_equal(out[:-1], a[keep]) and out[-1] == -1


def test_the_serial_and_parallel_builds_agree(threads):
    """The wrappers pick a build by size; each build gives the same output on any input."""
    rng = np.random.default_rng(8)
    for n in (10, COMPACT_BLOCK + 3):
        keep = rng.random(n) < 0.5
        arrays = _edges(n, 9)
        got = []
        for kernel in (tie_round._compact_edges_serial, tie_round._compact_edges_parallel):
            with threads(2):
                outs = [np.zeros(int(keep.sum()), a.dtype) for a in arrays]
                assert kernel(keep, *arrays, *outs) == keep.sum()
            got.append(outs)
        assert all(np.array_equal(x, y) for x, y in zip(*got, strict=True))
    n = 50
    indptr = np.concatenate([[0], np.cumsum(rng.integers(0, 6, n))]).astype(np.int64)
    indices = rng.integers(0, n, indptr[-1]).astype(np.int32)
    keys = rng.integers(0, 2**63, n, dtype=np.uint64)
    for k in (7, WALKERS_PARALLEL_FROM + 5):
        nodes = rng.integers(0, n, k).astype(np.int64)
        walker = rng.integers(0, 2**63, k, dtype=np.uint64)
        outs = [np.empty(k, np.int64) for _ in range(3)]
        with threads(2):
            tie_round._keyed_neighbour_serial(
                indptr, indices, nodes, walker, keys, np.uint64(3), outs[0]
            )
            tie_round._keyed_neighbour_parallel(
                indptr, indices, nodes, walker, keys, np.uint64(3), outs[1]
            )
            keyed_neighbour(indptr, indices, nodes, walker, keys, np.uint64(3), outs[2])
        assert np.array_equal(outs[0], outs[1]) and np.array_equal(outs[0], outs[2])
        brute = [_brute_neighbour(indptr, indices, v, w, keys, np.uint64(3)) for v, w in
                 zip(nodes[:20], walker[:20], strict=True)]  # fmt: skip
        assert outs[0][:20].tolist() == brute
