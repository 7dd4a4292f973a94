"""Policy targeting (clusternet.targeting) against exact spreads by enumeration."""

import itertools
import math

import numba
import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

import clusternet as cn
from clusternet.targeting import (
    compare_strategies,
    greedy,
    influence_maximization,
    recommend_ties,
)

# a small directed graph: 10 actors, 13 arcs with their own probabilities
ARCS = [(0, 1), (0, 2), (1, 3), (2, 3), (3, 4), (4, 5), (5, 6), (6, 4), (7, 8), (8, 9), (9, 7),
        (2, 7), (1, 5)]  # fmt: skip
PROBS = np.array([0.6, 0.3, 0.5, 0.4, 0.7, 0.5, 0.3, 0.2, 0.6, 0.5, 0.4, 0.3, 0.2])
N = 10


def _graph(probs=PROBS):
    src, dst = np.array(ARCS).T
    return sp.csr_array((probs, (src, dst)), shape=(N, N))


def _reach(live, seeds):
    seen = set(seeds)
    stack = list(seeds)
    while stack:
        u = stack.pop()
        for (a, b), ok in zip(ARCS, live, strict=True):
            if ok and a == u and b not in seen:
                seen.add(b)
                stack.append(b)
    return len(seen)


def _worlds(probs=PROBS):
    """Every live-edge world's probability and each actor's reach in it (as a bit mask)."""
    out = []
    for live in itertools.product((0, 1), repeat=len(ARCS)):
        w = float(np.prod([p if x else 1 - p for x, p in zip(live, probs, strict=True)]))
        masks = []
        for v in range(N):
            seen = {v}
            stack = [v]
            while stack:
                u = stack.pop()
                for (a, b), ok in zip(ARCS, live, strict=True):
                    if ok and a == u and b not in seen:
                        seen.add(b)
                        stack.append(b)
            masks.append(sum(1 << x for x in seen))
        out.append((w, masks))
    return out


WORLDS = _worlds()


def _exact_ic(seeds):
    total = 0.0
    for w, masks in WORLDS:
        m = 0
        for s_ in seeds:
            m |= masks[s_]
        total += w * bin(m).count("1")
    return total


def _exact_lt(seeds, weights):
    """LT live-edge worlds: every actor keeps at most one in-arc, arc (u, v) with its weight."""
    into = {v: [(i, a) for i, a in enumerate(ARCS) if a[1] == v] for v in range(N)}
    options = []
    for v in range(N):
        opts = [(None, 1 - sum(weights[i] for i, _ in into[v]))]
        opts += [(i, weights[i]) for i, _ in into[v]]
        options.append(opts)
    total = 0.0
    for choice in itertools.product(*options):
        w = np.prod([p for _, p in choice])
        if w == 0:
            continue
        live = [0] * len(ARCS)
        for i, _ in choice:
            if i is not None:
                live[i] = 1
        total += w * _reach(live, seeds)
    return total


@pytest.mark.parametrize("method", ["imm", "opim-c"])
def test_imm_reaches_the_guarantee_against_the_exact_optimum(method):
    exact = {s: _exact_ic(s) for s in itertools.combinations(range(N), 2)}
    best = max(exact.values())
    r = influence_maximization(_graph(), 2, prob=_graph().data, method=method, seed=1)
    assert r.method == method
    chosen = _exact_ic(tuple(r.indices))
    assert chosen >= (1 - 1 / np.e - 0.1) * best
    assert r.approximation >= 1 - 1 / np.e - 0.1
    # the estimate is that of the chosen seeds (its interval's coverage: the test below)
    assert abs(r.spread - chosen) <= 0.1 * chosen
    assert r.marginal_gain.sum() == pytest.approx(r.spread)


@pytest.mark.parametrize("method", ["imm", "opim-c"])
def test_imm_linear_threshold_against_exact_enumeration(method):
    g = _graph(np.ones(len(ARCS)))
    into = np.bincount(np.array(ARCS)[:, 1], minlength=N)
    weights = np.array([1.0 / into[b] for _, b in ARCS])
    exact = {s: _exact_lt(s, weights) for s in itertools.combinations(range(N), 2)}
    r = influence_maximization(g, 2, model="lt", method=method, seed=2)
    chosen = _exact_lt(tuple(r.indices), weights)
    assert chosen >= (1 - 1 / np.e - 0.1) * max(exact.values())
    assert r.spread_low - 0.05 <= chosen <= r.spread_high + 0.05


def _weighted_cascade():
    """Every tie into an actor shares 1/in-degree: the RR kernel samples such rows by skips."""
    into = np.bincount(np.array(ARCS)[:, 1], minlength=N)
    return np.array([1.0 / into[b] for _, b in ARCS])


def test_rr_sets_with_shared_row_probabilities_match_exact_single_spreads():
    # E[share of RR sets containing u] = sigma({u}) / n (Borgs et al. 2014), for each u
    from clusternet.kernels import targeting as kern
    from clusternet.targeting import _in_operator

    probs = _weighted_cascade()
    worlds = _worlds(probs)
    g = _graph(probs)
    indptr, indices, values, n = _in_operator(g, "ic", g.data, None, None)
    row_p = kern.uniform_rows(indptr, values)
    assert (row_p[np.diff(indptr) > 0, 0] > 0).all()  # every non-empty row shares its p
    count = 200_000
    sizes = np.zeros(count, dtype=np.int64)
    kern.rr_sets(indptr, indices, values, row_p, False, n, 0, count, np.uint64(3), 2, sizes,
                 sizes, np.zeros(0, dtype=np.int32), False)  # fmt: skip
    offsets = np.concatenate([[0], np.cumsum(sizes[:-1])])
    nodes = np.empty(int(sizes.sum()), dtype=np.int32)
    kern.rr_sets(indptr, indices, values, row_p, False, n, 0, count, np.uint64(3), 2, sizes,
                 offsets, nodes, True)  # fmt: skip
    share = np.bincount(nodes, minlength=n) / count
    for u in range(n):
        exact = sum(w * bin(masks[u]).count("1") for w, masks in worlds) / n
        se = np.sqrt(exact * (1 - exact) / count)
        assert abs(share[u] - exact) <= 4.5 * se + 1e-12, u


#: run a test through both RR-set kernels (``rr_sets`` and ``rr_sets_regions``)
BOTH_SAMPLERS = pytest.mark.parametrize("regions", [False, True], ids=["two_passes", "regions"])


def _rr_collection(indptr, indices, values, lt, n, count, seed, regions=False):
    """``count`` RR sets: (ptr, nodes). By :func:`rr_sets` (sizes pass, then contents), or
    with ``regions`` by :func:`rr_sets_regions` (one pass into per-chunk regions, the path
    ``_Sampler.grow`` takes for every batch after the first)."""
    from clusternet.kernels import targeting as kern

    row_p = np.full((n, 2), -1.0) if lt else kern.uniform_rows(indptr, values)
    sizes = np.zeros(count, dtype=np.int64)
    if regions:
        chunks, cap = 2, count * n  # room for every set to hold every actor
        region = np.arange(chunks + 1, dtype=np.int64) * cap
        buffer = np.empty(cap * chunks, dtype=np.int32)
        used = np.zeros(chunks, dtype=np.int64)
        kern.rr_sets_regions(indptr, indices, values, row_p, lt, n, 0, count, np.uint64(seed),
                             chunks, sizes, region, buffer, used)  # fmt: skip
        assert (used >= 0).all()
        nodes = np.concatenate([buffer[region[c] : region[c] + used[c]] for c in range(chunks)])
        return np.concatenate([[0], np.cumsum(sizes)]), nodes
    kern.rr_sets(indptr, indices, values, row_p, lt, n, 0, count, np.uint64(seed), 2, sizes,
                 sizes, np.zeros(0, dtype=np.int32), False)  # fmt: skip
    offsets = np.concatenate([[0], np.cumsum(sizes[:-1])]).astype(np.int64)
    nodes = np.empty(int(sizes.sum()), dtype=np.int32)
    kern.rr_sets(indptr, indices, values, row_p, lt, n, 0, count, np.uint64(seed), 2, sizes,
                 offsets, nodes, True)  # fmt: skip
    return np.concatenate([[0], np.cumsum(sizes)]), nodes


def test_rr_sets_with_each_ties_own_probability_match_exact_single_spreads():
    """Seed 2041 (targeting L71: ``uniform_rows`` filled with 2.0 instead of -1 survived,
    so a row whose ties differ in probability was walked as if every tie were certain):
    with the arcs' own probabilities actor 3's row mixes 0.5 and 0.4 and actor 4's 0.7 and
    0.2. ``uniform_rows`` against a loop, then every actor's share of RR sets against
    sigma({u}) / n by enumeration of the live-edge worlds."""
    from clusternet.kernels import targeting as kern
    from clusternet.targeting import _in_operator

    g = _graph()
    indptr, indices, values, n = _in_operator(g, "ic", g.data, None, None)
    row_p = kern.uniform_rows(indptr, values)
    for v in range(n):
        row = values[indptr[v] : indptr[v + 1]]
        shared = row.size > 0 and bool((row == row[0]).all())
        p = row[0] if shared else -1.0
        inv = 1.0 / math.log1p(-p) if shared and 0 < p < 1 else -1.0
        assert row_p[v].tolist() == [p, inv], v
    assert (row_p[:, 0] == -1).sum() >= 2  # mixed rows exist
    count = 200_000
    _ptr, nodes = _rr_collection(indptr, indices, values, False, n, count, 5)
    share = np.bincount(nodes, minlength=n) / count
    worlds = _worlds()
    for u in range(n):
        exact = sum(w * bin(masks[u]).count("1") for w, masks in worlds) / n
        se = np.sqrt(exact * (1 - exact) / count)
        assert abs(share[u] - exact) <= 4.5 * se + 1e-12, u


@BOTH_SAMPLERS
def test_ic_rr_sets_with_certain_ties_are_the_reverse_reachable_sets(regions):
    """With every probability 1 an IC RR set is exactly the set of actors that reach its
    root (its first entry), found here by scipy's breadth-first search on the reversed
    graph, whichever kernel draws the sets (each set's visit mark must be its own and never
    the unvisited stamp 0, or a set stops at its root). Three hubs have 15 in-ties each (rows longer than SKIP_FROM, which a shared
    p < 1 would sample by geometric skips) and the other rows are short."""
    from scipy.sparse.csgraph import breadth_first_order

    from clusternet.kernels.targeting import SKIP_FROM
    from clusternet.targeting import _in_operator

    rng = np.random.default_rng(12)
    n = 40
    src = [int(v) for h in range(3) for v in rng.choice(np.arange(3, n), 15, replace=False)]
    dst = [h for h in range(3) for _ in range(15)]
    src += rng.integers(0, n, 30).tolist()
    dst += rng.integers(0, n, 30).tolist()
    keep = np.array(src) != np.array(dst)
    g = sp.csr_array((np.ones(keep.sum()), (np.array(src)[keep], np.array(dst)[keep])),
                     shape=(n, n))  # fmt: skip
    indptr, indices, values, _ = _in_operator(g, "ic", 1.0, None, None)
    assert (values == 1.0).all() and np.diff(indptr)[:3].min() > SKIP_FROM
    ptr, nodes = _rr_collection(indptr, indices, values, False, n, 400, 5, regions)
    reverse = sp.csr_array(g.T)
    roots = nodes[ptr[:-1]]
    assert set(roots.tolist()) >= {0, 1, 2}  # the hubs are among the roots
    for s in range(400):
        want = breadth_first_order(reverse, int(roots[s]), directed=True, return_predecessors=False)
        got = nodes[ptr[s] : ptr[s + 1]]
        assert got.size == want.size and set(got.tolist()) == set(want.tolist()), s


@BOTH_SAMPLERS
def test_ic_rr_sets_reach_the_first_and_last_in_ties_of_a_skipped_row(regions):
    """Actor 0 has 40 in-ties at p = 0.1, a row the sampler crosses by geometric skips
    (longer than SKIP_FROM): each in-neighbour joins a set rooted at 0 with probability
    0.1, the row's first and last among them (a skip that stopped one tie early never
    reached the last: held-out seed 2035). Five standard errors of a Bernoulli mean."""
    from clusternet.kernels.targeting import SKIP_FROM
    from clusternet.targeting import _in_operator

    d, count = 40, 40_000
    n = d + 1
    g = sp.csr_array((np.ones(d), (np.arange(1, n), np.zeros(d, dtype=int))), shape=(n, n))
    indptr, indices, values, _ = _in_operator(g, "ic", 0.1, None, None)
    assert np.diff(indptr)[0] == d > SKIP_FROM
    first, last = int(indices[indptr[0]]), int(indices[indptr[1] - 1])
    ptr, nodes = _rr_collection(indptr, indices, values, False, n, count, 11, regions)
    rooted = [nodes[ptr[s] + 1 : ptr[s + 1]] for s in range(count) if nodes[ptr[s]] == 0]
    assert len(rooted) > 800
    for actor in (first, last):
        freq = np.mean([actor in s for s in rooted])
        assert abs(freq - 0.1) < 5 * np.sqrt(0.09 / len(rooted)), actor


@BOTH_SAMPLERS
def test_ic_rr_sets_on_certain_cycles_hold_their_whole_cycle(regions):
    """Ten disjoint directed 3-cycles (3c -> 3c + 1 -> 3c + 2 -> 3c) with every probability
    1: each IC RR set is its root's whole cycle, walked back from the root. The first two
    sets are rooted in different cycles (checked), so the second set visits actors the
    first left at the unvisited stamp 0 — a set whose visit mark were 0 would stop at its
    root, one whose mark repeated an earlier set's would stop at that set's actors."""
    from clusternet.targeting import _in_operator

    n = 30
    src = np.arange(n)
    dst = 3 * (src // 3) + (src + 1) % 3
    g = sp.csr_array((np.ones(n), (src, dst)), shape=(n, n))
    indptr, indices, values, _ = _in_operator(g, "ic", 1.0, None, None)
    ptr, nodes = _rr_collection(indptr, indices, values, False, n, 50, 3, regions)
    roots = nodes[ptr[:-1]]
    assert roots[0] // 3 != roots[1] // 3
    for s in range(50):
        r = int(roots[s])
        want = [3 * (r // 3) + (r - j) % 3 for j in range(3)]
        assert nodes[ptr[s] : ptr[s + 1]].tolist() == want, s


@BOTH_SAMPLERS
def test_lt_rr_sets_on_single_in_ties_walk_back_to_the_first_actor(regions):
    """LT with one in-tie per actor (influence weight 1): the reverse walk is certain. On
    the path 0 -> 1 -> ... -> 9 the set rooted at r is {r, r - 1, ..., 0} (it stops at
    actor 0, which has no in-tie); on the cycle 10 -> 11 -> 12 -> 10 it is the whole cycle
    (it stops at the revisit)."""
    from clusternet.targeting import _in_operator

    arcs = [(i, i + 1) for i in range(9)] + [(10, 11), (11, 12), (12, 10)]
    src, dst = np.array(arcs).T
    n = 13
    g = sp.csr_array((np.ones(len(arcs)), (src, dst)), shape=(n, n))
    indptr, indices, values, _ = _in_operator(g, "lt", None, None, None)
    ptr, nodes = _rr_collection(indptr, indices, values, True, n, 300, 8, regions)
    roots = nodes[ptr[:-1]]
    assert set(roots.tolist()) == set(range(n))  # every root drawn
    for s in range(300):
        r = int(roots[s])
        want = list(range(r, -1, -1)) if r < 10 else [r] + [10 + (r - 10 - j) % 3 for j in (1, 2)]
        assert nodes[ptr[s] : ptr[s + 1]].tolist() == want, s


@BOTH_SAMPLERS
def test_ic_rr_sets_skip_a_zero_probability_tie_and_go_on_along_the_row(regions):
    """IC with per-tie probabilities 0 or 1 (rows that share no probability, walked tie by
    tie): a tie of probability 0 is never live, but the ties after it in its row still
    are, so each RR set is the set of actors that reach its root over the certain ties
    alone, found here by scipy's breadth-first search (held-out seed 2039: the row walk
    stopped at the first zero tie and lost the certain ties after it)."""
    from scipy.sparse.csgraph import breadth_first_order

    rng = np.random.default_rng(21)
    n = 30
    pairs = {(int(a), int(b)) for a, b in rng.integers(0, n, (90, 2)) if a != b}
    src, dst = np.array(sorted(pairs)).T
    prob = rng.integers(0, 2, src.size).astype(np.float64)
    order = np.lexsort((src, dst))  # in-CSR: row = target, its sources in column order
    src, dst, prob = src[order], dst[order], prob[order]
    indptr = np.concatenate([[0], np.cumsum(np.bincount(dst, minlength=n))]).astype(np.int64)
    indices = src.astype(np.int32)
    # some row holds a zero tie before a certain one
    assert any(
        (p := prob[indptr[v] : indptr[v + 1]]).size
        and (p == 0).any()
        and p[(p == 0).argmax() :].max() == 1
        for v in range(n)
    )
    ptr, nodes = _rr_collection(indptr, indices, prob, False, n, 300, 4, regions)
    certain = prob == 1.0
    reverse = sp.csr_array((np.ones(certain.sum()), (dst[certain], src[certain])), shape=(n, n))
    roots = nodes[ptr[:-1]]
    assert len(set(roots.tolist())) > n // 2
    for s in range(300):
        want = breadth_first_order(reverse, int(roots[s]), directed=True, return_predecessors=False)
        got = nodes[ptr[s] : ptr[s + 1]]
        assert got.size == want.size and set(got.tolist()) == set(want.tolist()), s


@BOTH_SAMPLERS
@pytest.mark.parametrize("seed", [3, 17, 40])
def test_lt_rr_step_on_a_cumulative_weight_boundary_takes_the_next_tie(seed, regions):
    """The LT reverse walk steps to in-tie e when acc_(e-1) <= u < acc_e (the inverse of the
    cumulative weights, numpy's searchsorted(side="right")): each tie owns a half-open share
    of [0, 1) of its weight, and a draw exactly on a boundary belongs to the next tie. The
    root's first draw u is read off the stream (rng kernels) and the root's first in-tie
    given weight exactly u: the walk takes the second tie, then stops (no in-ties there)
    (held-out seed 2039: u <= acc took the first)."""
    from clusternet.kernels.rng import next_uniform, stream

    n = 4
    state, u = next_uniform(np.uint64(stream(np.uint64(seed), 0)))
    root = min(int(u * n), n - 1)
    _, u = next_uniform(np.uint64(state))
    others = [v for v in range(n) if v != root]
    weights = np.array([u, (1.0 - u) / 2, (1.0 - u) / 4])
    assert 0.0 < u < 1.0 and weights.sum() <= 1.0
    indptr = np.zeros(n + 1, dtype=np.int64)
    indptr[root + 1 :] = 3
    indices = np.array(others, dtype=np.int32)
    ptr, nodes = _rr_collection(indptr, indices, weights, True, n, 1, seed, regions)
    step = int(np.searchsorted(np.cumsum(weights), u, side="right"))
    assert step == 1
    assert nodes[ptr[0] : ptr[1]].tolist() == [root, others[step]]


def test_rr_sampler_grown_in_batches_holds_the_sets_asked_for():
    """``grow(total)`` leaves exactly ``total`` sets, and set ``s`` uses stream ``s`` of the
    seed whichever batch draws it (the later batches go through ``rr_sets_regions``, the
    first through ``rr_sets``): 300 then 1000 sets are the 1000 sets drawn at once, and the
    per-actor set counts are those of the stored sets."""
    from clusternet.kernels import targeting as kern
    from clusternet.targeting import _in_operator, _Sampler

    indptr, indices, values, n = _in_operator(_graph(), "ic", PROBS, None, None)
    args = (indptr, indices, values, kern.uniform_rows(indptr, values), False, n)
    batches, once = _Sampler(args, n, 7), _Sampler(args, n, 7)
    batches.grow(300)
    assert batches.count == 300
    batches.grow(1000)
    batches.grow(500)  # fewer than held: nothing drawn
    once.grow(1000)
    assert batches.count == once.count == 1000 and batches.ptr.shape == (1001,)
    np.testing.assert_array_equal(batches.ptr, once.ptr)
    np.testing.assert_array_equal(batches.nodes, once.nodes)
    np.testing.assert_array_equal(batches.degree, np.bincount(batches.nodes, minlength=n))


def test_budgeted_imm_with_a_budget_below_one_keeps_to_it():
    """A budget below 1 is a budget like any other: hubs 0 (spread 2, cost 0.4), 2 (spread
    4, cost 0.5) and 6 (spread 3, cost 0.5), every tie certain, spokes unaffordable, budget
    0.9. The affordable sets by enumeration: {0, 2} (spread 6) is the best; {2, 6} costs 1."""
    arcs = [(0, 1), (2, 3), (2, 4), (2, 5), (6, 7), (6, 8)]
    src, dst = np.array(arcs).T
    g = sp.csr_array((np.ones(len(arcs)), (src, dst)), shape=(9, 9))
    cost = np.full(9, 10.0)
    cost[[0, 2, 6]] = [0.4, 0.5, 0.5]
    budget = 0.9
    reach = {0: {0, 1}, 2: {2, 3, 4, 5}, 6: {6, 7, 8}}
    best = max(
        (len(set().union(*(reach.get(v, {v}) for v in c))), c)
        for r in range(1, 10)
        for c in itertools.combinations(range(9), r)
        if cost[list(c)].sum() <= budget + 1e-12
    )
    assert best == (6, (0, 2))
    res = influence_maximization(g, prob=1.0, cost=cost, budget=budget, seed=3)
    assert sorted(res.indices) == list(best[1]) and res.cost == pytest.approx(0.9)


def test_greedy_cover_with_k_zero_picks_nothing():
    """``k`` is "picks at most": 0 is a legal request (the heap is sized ``max(k, 1)`` for
    it); no pick, no gain, and the bound is the greedy prefix of no pick, 0 sets plus the
    sum of no coverage (held-out seed 2031: the listing batch divided by k)."""
    from clusternet.kernels import targeting as kern

    ptr = np.array([0, 2, 3, 5, 6], dtype=np.int64)
    nodes = np.array([0, 1, 1, 1, 2, 2], dtype=np.int32)
    initial = np.bincount(nodes, minlength=3).astype(np.int64)
    picks, gains = np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    bound = np.zeros(1)
    count = kern.greedy_cover(ptr, nodes, 3, 0, np.ones(3, dtype=np.bool_), np.ones(3), -1.0,
                              picks, gains, bound, initial, 1)  # fmt: skip
    assert count == 0 and bound[0] == 0.0


@pytest.mark.parametrize("budget", [-1.0, 10.0])
def test_greedy_cover_pads_the_picks_it_cannot_make_with_minus_one(budget):
    """Sets {0, 1}, {1}, {2} with only actor 1 a candidate: one pick (actor 1, covering two
    sets), with or without a budget; the other k - 1 = 2 slots of ``picks`` and ``gains``
    hold the documented -1 padding, whatever the arrays held before."""
    from clusternet.kernels import targeting as kern

    ptr = np.array([0, 2, 3, 4], dtype=np.int64)
    nodes = np.array([0, 1, 1, 2], dtype=np.int32)
    candidate = np.array([False, True, False])
    picks, gains = np.full(3, 7, dtype=np.int64), np.full(3, 7, dtype=np.int64)
    initial = np.bincount(nodes, minlength=3).astype(np.int64)
    count = kern.greedy_cover(ptr, nodes, 3, 3, candidate, np.ones(3), budget, picks, gains,
                              np.zeros(0), initial, 1)  # fmt: skip
    assert count == 1
    assert picks.tolist() == [1, -1, -1] and gains.tolist() == [2, -1, -1]


def test_greedy_cover_lists_a_pick_from_outside_the_first_batch():
    """The sets of an actor are listed in batches of the best-scoring candidates (at least
    1,024). Actor 0 is in every set of actors 1..1,030, so after it they add nothing; the
    next picks, 1,050 and then 1,060, were left out of the first batch. 1,050's sets must
    be listed for it, so that covering {1050, 1060} leaves 1,060 one new set, not two
    (held-out seed 2033: listing the actors outside the batch instead survived)."""
    from clusternet.kernels import targeting as kern

    n = 1100
    sets = [[0, j] for j in range(1, 1031) for _ in range(2)] + [[1050, 1060], [1050], [1060]]
    ptr = np.concatenate([[0], np.cumsum([len(x) for x in sets])]).astype(np.int64)
    nodes = np.concatenate(sets).astype(np.int32)
    picks, gains = np.empty(3, dtype=np.int64), np.empty(3, dtype=np.int64)
    count = kern.greedy_cover(ptr, nodes, n, 3, np.ones(n, dtype=np.bool_), np.ones(n), -1.0,
                              picks, gains, np.zeros(0), np.bincount(nodes, minlength=n), 1)  # fmt: skip
    assert count == 3 and picks.tolist() == [0, 1050, 1060] and gains.tolist() == [2060, 2, 1]


def test_greedy_cover_bound_for_one_pick_is_the_largest_coverage():
    """With k = 1 the bound is the largest coverage, 5 here (actor 0; actor 1 covers 3,
    actor 2 one set): the bound's heap keeps ``max(k, 1)`` values, and a heap of two kept
    the second largest at its root and reported 3, below the best cover (held-out seed
    2035)."""
    from clusternet.kernels import targeting as kern

    sets = [[0]] * 5 + [[1]] * 3 + [[2]]
    ptr = np.concatenate([[0], np.cumsum([len(x) for x in sets])]).astype(np.int64)
    nodes = np.concatenate(sets).astype(np.int32)
    picks, gains, bound = np.empty(1, dtype=np.int64), np.empty(1, dtype=np.int64), np.zeros(1)
    count = kern.greedy_cover(ptr, nodes, 3, 1, np.ones(3, dtype=np.bool_), np.ones(3), -1.0,
                              picks, gains, bound, np.bincount(nodes, minlength=3), 1)  # fmt: skip
    assert count == 1 and picks.tolist() == [0] and gains.tolist() == [5]
    assert bound[0] == 5.0


@pytest.mark.parametrize("k", [1, 2, 3])
def test_greedy_cover_bound_and_first_cover_counts_against_brute_force(k):
    from clusternet.kernels import targeting as kern

    rng = np.random.default_rng(0)
    n = 9
    sets = [rng.choice(n, size=rng.integers(1, 4), replace=False) for _ in range(60)]
    ptr = np.concatenate([[0], np.cumsum([len(x) for x in sets])]).astype(np.int64)
    nodes = np.concatenate(sets).astype(np.int32)
    best = max(sum(1 for x in sets if set(x) & set(c)) for c in itertools.combinations(range(n), k))
    picks = np.empty(k, dtype=np.int64)
    gains = np.empty(k, dtype=np.int64)
    bound = np.zeros(1)
    got = kern.greedy_cover(ptr, nodes, n, k, np.ones(n, dtype=bool), np.ones(n), -1.0, picks,
                            gains, bound, np.bincount(nodes, minlength=n), 2)  # fmt: skip
    assert got == k
    assert bound[0] >= best >= gains.sum() >= (1 - 1 / np.e) * best
    rank = np.full(n, -1, dtype=np.int64)
    rank[picks] = np.arange(k)
    counts = kern.first_cover_counts(ptr, nodes, rank, k)
    for i in range(k):
        before = {j for j, x in enumerate(sets) if set(x) & set(picks[:i].tolist())}
        now = {j for j, x in enumerate(sets) if set(x) & set(picks[: i + 1].tolist())}
        assert counts[i] == len(now - before) == gains[i]


def test_opim_c_reports_both_collections_of_its_last_round():
    """OPIM-C (Tang et al. 2018, Algorithm 2) grows two collections to the same size each
    round, theta_0 2^i (theta_max in the last), with theta_0 = 2 ((1 - 1/e) alpha + beta)^2,
    alpha = sqrt(ln(6/delta)), beta = sqrt((1 - 1/e)(ln C(n, k) + ln(6/delta))); the
    result counts the sets and entries of both (held-out seed 2030: the count reported the
    difference of the two, 0)."""
    net = cn.generate_cluster(120, seed=5)
    n, k, eps, delta = net.n_actors, 3, 0.2, 0.01
    r = influence_maximization(net, k, prob=0.1, method="opim-c", epsilon=eps, delta=delta,
                               seed=2)  # fmt: skip
    c = 1.0 - 1.0 / math.e
    alpha = math.sqrt(math.log(6.0 / delta))
    beta = math.sqrt(c * (math.log(math.comb(n, k)) + math.log(6.0 / delta)))
    theta_0 = 2.0 * (c * alpha + beta) ** 2
    theta_max = theta_0 * n / (k * eps**2)
    i_max = max(math.ceil(math.log2(theta_max / theta_0)), 1)
    sizes = {math.ceil(theta_0 * 2.0**i) for i in range(i_max)} | {math.ceil(theta_max)}
    assert r.rr_sets % 2 == 0 and r.rr_sets // 2 in sizes
    assert r.rr_entries >= r.rr_sets  # every set holds its root
    assert r.phase1_sets == 0  # documented: OPIM-C has no lower-bound search (seed 2033: 1)


def test_opim_c_needs_fewer_sets_than_imm_and_the_budget_runs_on_imm():
    net = cn.generate_cluster(400, seed=3)
    a = influence_maximization(net, 5, prob=0.05, method="imm", seed=4)
    b = influence_maximization(net, 5, prob=0.05, method="opim-c", seed=4)
    assert a.method == "imm" and b.method == "opim-c" and b.rr_sets < a.rr_sets
    assert b.approximation >= 1 - 1 / np.e - 0.1
    with pytest.raises(ValueError, match="budgeted variant runs on IMM"):
        influence_maximization(net, prob=0.05, cost=np.ones(net.n_actors), budget=2,
                               method="opim-c")  # fmt: skip
    with pytest.raises(ValueError, match="method must be"):
        influence_maximization(net, 2, method="celf")


@pytest.mark.parametrize("method", ["imm", "opim-c"])
def test_imm_spread_estimate_agrees_with_monte_carlo(method):
    net = cn.generate_cluster(400, seed=3)
    r = influence_maximization(net, 5, prob=0.1, candidates="core", method=method, seed=4)
    assert all(net.tier_mask("core")[r.indices])
    mc = cn.diffusion.independent_cascade(net, r.seeds, 0.1, n_sims=20000, seed=5)
    half = 1.96 * mc.sizes.std() / np.sqrt(mc.sizes.size)
    # the two estimates agree within the sum of their 95 % half-widths (plus a little)
    assert abs(mc.sizes.mean() - r.spread) <= (r.spread_high - r.spread) + half + 0.5


def test_budgeted_imm_against_brute_force():
    cost = np.array([3.0, 1.0, 2.0, 1.0, 1.0, 2.0, 1.0, 3.0, 1.0, 1.0])
    budget = 3.0
    best = max(
        _exact_ic(s)
        for r in range(1, N + 1)
        for s in itertools.combinations(range(N), r)
        if cost[list(s)].sum() <= budget
    )
    res = influence_maximization(_graph(), prob=_graph().data, cost=cost, budget=budget, seed=6)
    assert res.cost <= budget
    assert _exact_ic(tuple(res.indices)) >= ((1 - 1 / np.e) / 2 - 0.1) * best


@pytest.mark.parametrize("method", ["imm", "opim-c"])
def test_imm_is_thread_independent(method):
    net = cn.generate_cluster(300, seed=8)
    before = numba.get_num_threads()
    try:
        numba.set_num_threads(1)
        a = influence_maximization(net, 4, prob=0.08, method=method, seed=9)
        numba.set_num_threads(min(2, numba.config.NUMBA_NUM_THREADS))
        b = influence_maximization(net, 4, prob=0.08, method=method, seed=9)
    finally:
        numba.set_num_threads(before)
    assert a.seeds == b.seeds and a.rr_sets == b.rr_sets and a.spread == b.spread


def test_imm_bad_input_is_named():
    g = _graph()
    with pytest.raises(ValueError, match="k = 11 exceeds the 10 candidate"):
        influence_maximization(g, 11, prob=0.1)
    with pytest.raises(ValueError, match="cost must be finite and > 0"):
        influence_maximization(g, prob=0.1, cost=-np.ones(N), budget=2)
    with pytest.raises(ValueError, match="below every candidate's cost"):
        influence_maximization(g, prob=0.1, cost=np.full(N, 5.0), budget=2)
    net = cn.generate_cluster(100, seed=1)
    with pytest.raises((KeyError, ValueError), match="nope"):
        influence_maximization(net, 1, candidates=["nope"])
    with pytest.raises(ValueError, match="epsilon"):
        influence_maximization(g, 1, epsilon=1.5)
    with pytest.raises(ValueError, match="model"):
        influence_maximization(g, 1, model="sir")


def _coverage_objective():
    sets = {0: {1, 2, 3}, 1: {3, 4}, 2: {5}, 3: {1, 2, 3, 4, 5, 6}, 4: {6, 7}, 5: {8}}

    def f(chosen):
        covered = set()
        for c in chosen:
            covered |= sets[c]
        return len(covered)

    return f, list(sets)


def test_lazy_greedy_equals_exhaustive_greedy():
    f, items = _coverage_objective()
    lazy = greedy(f, items, 4)
    plain = greedy(f, items, 4, lazy=False)
    # a brute-force greedy written out
    chosen = []
    for _ in range(4):
        gains = [(f([*chosen, c]) - f(chosen), -i) for i, c in enumerate(items) if c not in chosen]
        chosen.append(items[-max(gains)[1]])
    assert lazy.picks == plain.picks == chosen
    np.testing.assert_allclose(lazy.values, [f(chosen[: i + 1]) for i in range(4)])
    assert lazy.evaluations <= plain.evaluations
    with pytest.raises(ValueError, match="exceeds"):
        greedy(f, items, 7)


@pytest.mark.slow  # ~30 s: recommend_ties evaluates every candidate tie by simulation
def test_recommend_ties_and_strategy_comparison():
    net = cn.generate_cluster(300, seed=12)
    ties = recommend_ties(net, 2, max_candidates=15, seed=1)
    assert len(ties) == 2 and (ties["gain"] > 0).all()
    assert ties["objective"].is_monotonic_increasing
    assert net.role_mask("university", "research_institute", "platform")[
        [net.ids.get_loc(t) if hasattr(net.ids, "get_loc") else list(net.ids).index(t)
         for t in ties["target"]]
    ].all()  # fmt: skip
    comp = compare_strategies(net, 5, prob=0.1, candidates="core", n_sims=2000, seed=2)
    t = comp.table.set_index("strategy")
    assert t.loc["IMM (targeted)", "spread"] > t.loc["random", "ci_high"]
    assert isinstance(comp.table, pd.DataFrame) and set(comp.picks) == set(t.index)


def test_target_command_line(tmp_path):
    import json

    from click.testing import CliRunner

    from clusternet.cli import main

    net = cn.generate_cluster(200, seed=4)
    net.save(tmp_path / "c.npz")
    res = CliRunner().invoke(
        main,
        ["target", str(tmp_path / "c.npz"), "--k", "3", "--prob", "0.1", "--candidates", "core",
         "--sims", "200", "--out", str(tmp_path / "t"), "--json"],
    )  # fmt: skip
    assert res.exit_code == 0, res.output
    info = json.loads(res.output)
    assert len(info["picks"]) == 3 and all(p["tier"] == "core" for p in info["picks"])
    assert "id='targeting'" in (tmp_path / "t" / "report.html").read_text()
    assert info["method"] == "imm" and info["approximation"] == pytest.approx(1 - 1 / np.e - 0.1)
    res = CliRunner().invoke(
        main,
        ["target", str(tmp_path / "c.npz"), "--k", "3", "--prob", "0.1", "--method", "opim-c",
         "--model", "lt", "--out", str(tmp_path / "u"), "--json"],
    )  # fmt: skip
    assert res.exit_code == 0, res.output
    info = json.loads(res.output)
    assert info["method"] == "opim-c" and info["approximation"] >= 1 - 1 / np.e - 0.1
    bad = CliRunner().invoke(main, ["target", str(tmp_path / "c.npz"), "--k", "100000"])
    assert bad.exit_code == 2 and "exceeds" in bad.output


# ---------------------------------------------------------------- hostile input (issue 30)
@pytest.mark.parametrize("method", ["imm", "opim-c"])
def test_imm_spread_is_exact_when_nothing_spreads(method):
    # issue 30 item 9: prob=0 reported 2.064 [2.020, 2.109] for k=2 (the sets that chose
    # the seeds overrate them); nothing spreads, so the spread is exactly k
    net = cn.generate_cluster(200, seed=3)
    r = influence_maximization(net, 2, prob=0.0, method=method, seed=1)
    assert r.spread == 2.0 and r.spread_low == 2.0 and r.spread_high == 2.0
    np.testing.assert_array_equal(r.marginal_gain, [1.0, 1.0])


@pytest.mark.parametrize("method", ["imm", "opim-c"])
def test_imm_spread_interval_covers_the_exact_spread(method):
    # 20 independent runs: a 95 % interval misses the exact spread of its picks in about
    # one; 5 or more misses has probability 0.3 % (binomial). Intervals from the sets
    # that chose the seeds sit above the truth and miss far more often.
    errors, covered = [], 0
    for s in range(20):
        r = influence_maximization(_graph(), 2, prob=_graph().data, method=method, seed=100 + s)
        exact = _exact_ic(tuple(r.indices))
        covered += r.spread_low <= exact <= r.spread_high
        errors.append((r.spread - exact) / ((r.spread_high - r.spread_low) / 3.92))
    assert covered >= 16
    # mean of 20 standardised errors: sd 1/sqrt(20) when unbiased; 3.5 sd either side
    assert abs(np.mean(errors)) < 3.5 / np.sqrt(20)


def test_imm_spread_of_one_of_many_equal_hubs_is_estimated_without_selection_bias():
    """30 equal hubs, each certain to reach 5 leaves: the picked hub's estimate is unbiased for 6."""
    # every hub spreads to exactly 6, so the greedy picks the hub its sets happen to hold
    # most often; estimated on those same sets the spread sits about 2 standard errors high
    # (delta = 0.5 and the hubs as the only candidates make the estimation draw as many
    # sets as the selection). Mean of 20 standardised errors: sd 1/sqrt(20) when unbiased
    hubs, leaves = 30, 5
    n = hubs * (1 + leaves)
    src = np.repeat(np.arange(hubs), leaves)
    a = sp.csr_array((np.ones(src.size), (src, hubs + np.arange(src.size))), shape=(n, n))
    errors = []
    for s in range(20):
        r = influence_maximization(
            a, 1, prob=1.0, candidates=np.arange(hubs), delta=0.5, seed=500 + s
        )
        assert r.indices[0] < hubs
        errors.append((r.spread - 6.0) / ((r.spread_high - r.spread_low) / 3.92))
    assert abs(np.mean(errors)) < 3.5 / np.sqrt(20)


def test_greedy_refuses_a_candidate_listed_twice():
    # issue 30 item 15: greedy(f, [1, 1, 1], 2) picked 1 twice
    with pytest.raises(ValueError, match=r"candidates lists 1 twice \(positions 0 and 1\)"):
        greedy(lambda s: float(len(set(s))), [1, 1, 1], 2)
    with pytest.raises(ValueError, match=r"candidates lists \[2\] twice \(positions 1 and 2\)"):
        greedy(lambda s: float(len(s)), [[1], [2], [2]], 2)
    r = greedy(lambda s: float(len(set(s))), [1, 2, 3], 3)
    assert sorted(r.picks) == [1, 2, 3]


def _dilution_objective():
    """A set function that is not monotone: 'a' and 'b' help, 'c' costs, 'b' after 'a' adds nothing."""
    value = {"a": 3.0, "b": 2.0, "c": -1.0}

    def f(picks):
        total = sum(value[p] for p in picks)
        return total - (2.0 if {"a", "b"} <= set(picks) else 0.0)

    return f


@pytest.mark.parametrize("lazy", [True, False])
def test_greedy_stop_rule_never_adds_an_item_that_lowers_the_objective(lazy):
    f = _dilution_objective()
    # without a stop rule greedy makes its k picks: a (3), then b (gain 0) before c (-1)
    full = greedy(f, ["a", "b", "c"], 3, lazy=lazy)
    assert full.picks == ["a", "b", "c"]
    np.testing.assert_allclose(full.gains, [3.0, 0.0, -1.0])
    # min_gain=0: the best gain after 'a' is 0, which does not raise the objective
    stopped = greedy(f, ["a", "b", "c"], 3, lazy=lazy, min_gain=0.0)
    assert stopped.picks == ["a"]
    np.testing.assert_allclose(stopped.values, [3.0])
    # a negative threshold admits the zero-gain pick but not the costly one
    assert greedy(f, ["a", "b", "c"], 3, lazy=lazy, min_gain=-0.5).picks == ["a", "b"]


def test_greedy_min_gain_must_be_a_finite_number():
    f = _dilution_objective()
    for bad in (float("nan"), float("inf"), "x"):
        with pytest.raises(ValueError, match="min_gain"):
            greedy(f, ["a", "b"], 1, min_gain=bad)


def test_recommend_ties_stops_before_a_tie_that_lowers_the_objective():
    net = cn.generate_cluster(60, seed=3)
    # a callable objective that rewards the first new tie and penalises every further one
    base = int(net.csr("technology").nnz)

    def objective(g):
        added = int(g.csr("technology").nnz) - base
        return float(added if added <= 2 else 4 - added)  # ties counted in both directions

    ties = recommend_ties(net, 3, objective=objective, max_candidates=5, seed=1)
    assert len(ties) == 1 and ties["gain"].tolist() == [2.0]
    every = recommend_ties(net, 3, objective=objective, max_candidates=5, seed=1, min_gain=None)
    assert every["gain"].tolist() == [2.0, -2.0, -2.0]


def test_budgeted_imm_keeps_the_best_single_actor_when_it_beats_the_greedy_picks():
    """Khuller et al.'s rule (cost-effective greedy, or the best affordable single actor if
    it covers more), with the best single actor at position 0. Hub 0 reaches 8 spokes
    (spread 9, cost 4 = budget); leaves 9, 13, 17 each reach 3 children (spread 4, cost
    1.5: more spread per cost), everyone else is unaffordable; every tie is certain.
    Greedy affords two leaves (spread 8) and stops; the hub alone (9) is the optimum."""
    arcs = [(0, s) for s in range(1, 9)]
    arcs += [(leaf, leaf + c) for leaf in (9, 13, 17) for c in (1, 2, 3)]
    src, dst = np.array(arcs).T
    g = sp.csr_array((np.ones(len(arcs)), (src, dst)), shape=(21, 21))
    cost = np.full(21, 10.0)
    cost[0] = 4.0
    cost[[9, 13, 17]] = 1.5
    res = influence_maximization(g, prob=1.0, cost=cost, budget=4.0, seed=2)
    assert list(res.indices) == [0]
    assert res.cost == 4.0
    # the single actor's gain (the sets it covers) feeds IMM's phase-1 lower bound on the
    # optimum, n * covered / sets / (1 + sqrt(2) eps): the hub covers the sets rooted at
    # 0..8 (about 9 of 21 of them), so the bound passes a guess and exceeds its floor of 1
    # (held-out seed 2040: the gain written to the wrong slot read -1 sets and left it 1)
    assert 1.0 < res.lower_bound <= 9.0


def test_budgeted_imm_ranks_actors_costing_less_than_one_by_spread_per_cost():
    """Costs below 1 are ordinary costs: hubs 0 (spread 2, cost 0.4), 2 (spread 4, cost
    0.5) and 6 (spread 3, cost 0.5), every tie certain, spokes unaffordable, budget 1.
    Spread per cost picks 2 then 6 (spread 7, the optimum by enumeration); 0 and 2 give 6."""
    arcs = [(0, 1), (2, 3), (2, 4), (2, 5), (6, 7), (6, 8)]
    src, dst = np.array(arcs).T
    g = sp.csr_array((np.ones(len(arcs)), (src, dst)), shape=(9, 9))
    cost = np.full(9, 10.0)
    cost[[0, 2, 6]] = [0.4, 0.5, 0.5]
    res = influence_maximization(g, prob=1.0, cost=cost, budget=1.0, seed=3)
    assert sorted(res.indices) == [2, 6]


@pytest.mark.parametrize("eps", [0.3, 1.0 / math.sqrt(2.0)])
def test_imm_set_counts_follow_tang_shi_xiao_with_delta_one_over_n(eps):
    """IMM's two sample sizes by hand (Tang, Shi & Xiao 2015, eqs. 6, 9 and Algorithm 2).

    With ``delta = 1/n`` the paper's ``ell`` (``delta = n^-ell``) is 1, raised to
    ``ell (1 + log 2 / log n)``. A stand-in sampler whose greedy picks cover every set
    stops phase 1 at its first guess ``x = n / 2`` with ``LB = n / (1 + eps')``; phase 2
    then grows to ``ceil(lambda* / LB)`` sets. At ``eps = 1/sqrt(2)`` (``1 + eps' = 2``
    exactly) the first guess meets Algorithm 2's test ``n F >= (1 + eps') x`` with
    equality, and phase 1 stops there too (held-out seed 2040: a strict test went on to
    ``n / 4``).
    """
    from clusternet.targeting import _imm

    class AllCovered:
        def __init__(self):
            self.count, self.grown = 0, []
            self.nodes = np.zeros(0, dtype=np.int32)

        def grow(self, total):
            self.grown.append(int(total))
            self.count = max(self.count, int(total))

        def select(self, k, candidate, cost_arr, budget):
            return np.arange(k), np.array([self.count] + [0] * (k - 1), dtype=float), None

    n, k = 64, 2
    log_cnk = math.log(math.comb(n, k))
    s = AllCovered()
    out = _imm(s, n, k, k, log_cnk, None, None, None, eps, 1.0 / n)
    ell = 1.0 * (1.0 + math.log(2) / math.log(n))
    e1 = math.sqrt(2) * eps
    lam1 = (2 + 2 * e1 / 3) * (log_cnk + ell * math.log(n) + math.log(math.log2(n))) * n / e1**2
    lower = n / (1 + e1)
    alpha = math.sqrt(ell * math.log(n) + math.log(2))
    beta = math.sqrt((1 - 1 / math.e) * (log_cnk + ell * math.log(n) + math.log(2)))
    lam_star = 2 * n * ((1 - 1 / math.e) * alpha + beta) ** 2 / eps**2
    assert s.grown == [math.ceil(lam1 / (n / 2)), math.ceil(lam_star / lower)]
    assert out["phase1"] == s.grown[0] and out["rr_sets"] == s.grown[1]
    assert out["lower"] == pytest.approx(lower, rel=1e-12)


@pytest.mark.parametrize("delta", [0.0, 1.0, -0.1, float("nan")])
def test_imm_delta_outside_the_open_unit_interval_is_named(delta):
    """``delta`` is a failure probability in (0, 1): its ends are refused by name."""
    with pytest.raises(ValueError, match=r"^delta must lie in \(0, 1\)"):
        influence_maximization(_graph(), 1, prob=0.1, delta=delta)


def test_imm_estimation_sets_by_hand_with_its_floor_and_cap():
    """``z^2 (1 - f) / (f r^2)`` sets for a relative 95 % half-width ``r = epsilon / 2``,
    at least 1000 and at most the selection's own count."""
    from clusternet.targeting import _estimation_sets

    z = 1.959963984540054  # the 97.5 % normal quantile
    f, eps = 0.01, 0.2
    assert _estimation_sets(f, eps, 10**9) == math.ceil(z * z * 0.99 / (0.01 * 0.1**2))
    assert _estimation_sets(0.9, 0.5, 10**9) == 1000  # 25 sets by the formula: the floor
    assert _estimation_sets(0.9, 0.5, 400) == 400  # never more than the selection drew
    assert _estimation_sets(0.01, 0.2, 5000) == 5000


def test_opim_c_doubles_from_theta_0_up_to_theta_max_when_nothing_is_certified():
    """OPIM-C's schedule by hand (Tang, Tang, Xiao & Yuan 2018, Algorithm 2): ``theta_0 =
    2 ((1 - 1/e) alpha + beta)^2`` sets, doubled each round, ending at ``theta_max =
    theta_0 n / (k eps^2)``. Stand-in collections whose picks cover nothing certify no
    ratio, so every round runs."""
    from clusternet.targeting import _opim_c

    class Empty:
        def __init__(self):
            self.grown = []
            self.ptr = np.zeros(1, dtype=np.int64)
            self.nodes = np.zeros(0, dtype=np.int32)

        @property
        def count(self):
            return self.grown[-1] if self.grown else 0

        def grow(self, total):
            self.grown.append(int(total))

        def select(self, k, candidate, cost, budget, bound=False):
            return np.arange(k), None, 1e9

    n, k, eps, delta = 50, 2, 0.4, 0.02
    log_cnk = math.log(math.comb(n, k))
    r1, r2 = Empty(), Empty()
    out = _opim_c(r1, r2, n, k, log_cnk, None, eps, delta)
    alpha = math.sqrt(math.log(6 / delta))
    beta = math.sqrt((1 - 1 / math.e) * (log_cnk + math.log(6 / delta)))
    theta_0 = 2 * ((1 - 1 / math.e) * alpha + beta) ** 2
    theta_max = theta_0 * n / (k * eps**2)
    i_max = math.ceil(math.log2(theta_max / theta_0))
    want = [math.ceil(theta_0 * 2**i) for i in range(i_max)] + [math.ceil(theta_max)]
    assert r1.grown == want and r2.grown == want
    assert out["approximation"] == pytest.approx(1 - 1 / math.e - eps)  # a priori guarantee


def test_opim_c_certified_ratio_by_hand():
    """The a-posteriori bounds of OPIM-C (Tang, Tang, Xiao & Yuan 2018, eqs. 4-5): with
    ``Lambda_2`` sets of R2 covered and an upper bound ``Lambda^u`` from R1, the ratio is
    ``((sqrt(L2 + 2a/9) - sqrt(a/2))^2 - a/18) / (sqrt(Lu + a/2) + sqrt(a/2))^2`` with
    ``a = log(3 i_max / delta)``; every set of the stand-in R2 holds actor 0 (picked)."""
    from clusternet.targeting import _opim_c

    class Covered:
        def __init__(self, upper):
            self.size, self.upper = 0, upper

        @property
        def count(self):
            return self.size

        @property
        def ptr(self):
            return np.arange(self.size + 1, dtype=np.int64)

        @property
        def nodes(self):
            return np.zeros(self.size, dtype=np.int32)

        def grow(self, total):
            self.size = max(self.size, int(total))

        def select(self, k, candidate, cost, budget, bound=False):
            return np.arange(k), None, self.upper * self.size

    n, k, eps, delta = 50, 2, 0.4, 0.02
    log_cnk = math.log(math.comb(n, k))
    r1, r2 = Covered(1.05), Covered(0.0)
    out = _opim_c(r1, r2, n, k, log_cnk, None, eps, delta)
    alpha = math.sqrt(math.log(6 / delta))
    beta = math.sqrt((1 - 1 / math.e) * (log_cnk + math.log(6 / delta)))
    theta_0 = 2 * ((1 - 1 / math.e) * alpha + beta) ** 2
    i_max = math.ceil(math.log2(n / (k * eps**2)))
    a = math.log(3 * i_max / delta)
    covered = math.ceil(theta_0)  # certified in the first round: R2 = theta_0 sets, all covered
    upper = 1.05 * covered
    low = (math.sqrt(covered + 2 * a / 9) - math.sqrt(a / 2)) ** 2 - a / 18
    high = (math.sqrt(upper + a / 2) + math.sqrt(a / 2)) ** 2
    assert r2.count == covered and out["covered"] == covered
    assert out["approximation"] == pytest.approx(low / high, rel=1e-12)
    assert low / high >= 1 - 1 / math.e - eps


def test_budgeted_imm_with_equal_costs_is_imm_at_floor_of_budget_over_cost():
    """With every cost c the budget B buys floor(B / c) seeds: budgeted IMM then draws the
    same RR sets and picks the same seeds as IMM with k = floor(B / c): the budgeted variant
    sizes its sample at the largest number of seeds the budget can buy."""
    g = _graph()
    budgeted = influence_maximization(g, prob=0.05, cost=np.full(N, 0.5), budget=3.0, seed=4)
    plain = influence_maximization(g, 6, prob=0.05, seed=4)
    assert budgeted.rr_sets == plain.rr_sets
    assert list(budgeted.indices) == list(plain.indices)
    assert budgeted.cost == pytest.approx(3.0)


def test_imm_rr_entry_cap_is_the_documented_1_5_billion():
    """The cap refuses the first entry past 1,500,000,000 (below 2**31, so set numbers fit
    int32 visit marks) and accepts up to it."""
    from clusternet.targeting import _Sampler

    sampler = _Sampler(None, 1, 0)
    sampler._check_entries(1_500_000_000)
    with pytest.raises(MemoryError, match="1,500,000,000 RR-set entries"):
        sampler._check_entries(1_500_000_001)


@pytest.mark.parametrize("k", [1, 2, 5, 16])
def test_the_bound_heap_keeps_the_k_largest_values_offered(k):
    """greedy_cover's upper bound sums the k largest remaining coverages, kept in a min-heap
    (``_heap_offer``): after any sequence of offers the heap holds exactly the k largest
    values so far (against a sort), its root the smallest of them."""
    from clusternet.kernels.targeting import _heap_offer

    rng = np.random.default_rng(k)
    for trial in range(30):
        values = rng.integers(0, 50, size=int(rng.integers(1, 80)))
        heap = np.zeros(k, dtype=np.int64)
        size = 0
        for i, v in enumerate(values):
            size = _heap_offer(heap, size, np.int64(v))
            want = np.sort(values[: i + 1])[-k:]
            assert size == want.size
            np.testing.assert_array_equal(np.sort(heap[:size]), want, err_msg=str(trial))
            assert heap[0] == want[0]


def test_geometric_skips_include_each_tie_with_its_probability():
    """A star of 200 leaves tied into a centre with one probability p = 0.3: RR sets rooted
    at the centre (a row long enough for the geometric skips of ``_rr_ic``) contain each
    leaf with probability p, so their mean size is 1 + 200 p = 61 (binomial sd of the mean
    over about 250 such sets: 0.4)."""
    from clusternet.kernels.targeting import rr_sets, uniform_rows

    leaves = 200
    n = leaves + 1
    indptr = np.zeros(n + 1, dtype=np.int64)
    indptr[1:] = leaves  # row 0 (the centre) holds every leaf; the leaves have no in-ties
    indices = np.arange(1, n, dtype=np.uint32)
    values = np.full(leaves, 0.3)
    args = (indptr, indices, values, uniform_rows(indptr, values), False, n)
    count = 50_000
    sizes = np.zeros(count, dtype=np.int64)
    rr_sets(*args, 0, count, np.uint64(7), 1, sizes, sizes, np.zeros(0, dtype=np.int32), False)
    offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    nodes = np.empty(int(sizes.sum()), dtype=np.int32)
    rr_sets(*args, 0, count, np.uint64(7), 1, sizes, offsets, nodes, True)
    at_centre = nodes[offsets] == 0
    assert (sizes[~at_centre] == 1).all() and 150 < at_centre.sum() < 360
    mean = sizes[at_centre].mean()
    sd = np.sqrt(leaves * 0.3 * 0.7 / at_centre.sum())
    assert abs(mean - (1 + leaves * 0.3)) < 4 * sd, (mean, sd)


def test_compared_strategies_report_the_normal_interval_of_their_simulations():
    """Each row of compare_strategies: the mean spread of its picks' cascades (same seed and
    runs, repeated here) and the 95 % normal interval mean ± z sd / sqrt(runs)."""
    from scipy import stats

    from clusternet.diffusion import independent_cascade

    net = cn.generate_cluster(80, seed=4)
    comp = compare_strategies(net, 3, prob=0.1, candidates="core", n_sims=300, seed=5)
    z = stats.norm.ppf(0.975)
    for row in comp.table.itertuples():
        sizes = independent_cascade(net, comp.picks[row.strategy], 0.1, n_sims=300, seed=5).sizes
        sizes = np.asarray(sizes, dtype=float)
        half = z * sizes.std(ddof=1) / np.sqrt(sizes.size)
        assert half > 0
        assert row.spread == pytest.approx(sizes.mean(), rel=1e-12)
        assert row.ci_low == pytest.approx(sizes.mean() - half, rel=1e-12)
        assert row.ci_high == pytest.approx(sizes.mean() + half, rel=1e-12)


@pytest.mark.parametrize("chunks", [1, 2, 3])
def test_member_lists_are_the_sets_holding_each_listed_actor_by_brute_force(chunks):
    """``member_lists`` against a loop over every set, the last one included: 40 random
    sets over 12 actors, actors 2, 5 and 11 listed (slots 0, 1, 2), ``chunks`` blocks; each
    list holds the sets containing its actor, in set order (held-out seed 2032: the set
    count one short, so the last set was never listed)."""
    from clusternet.kernels.targeting import member_lists

    rng = np.random.default_rng(8)
    sets = [rng.choice(12, size=int(rng.integers(1, 5)), replace=False) for _ in range(40)]
    sets[-1] = np.array([11, 2])  # the last set holds two listed actors
    set_ptr = np.concatenate([[0], np.cumsum([len(x) for x in sets])]).astype(np.int64)
    set_nodes = np.concatenate(sets).astype(np.int32)
    slot = np.full(12, -1, dtype=np.int64)
    slot[[2, 5, 11]] = [0, 1, 2]
    ptr, lists = member_lists(set_ptr, set_nodes, slot, 3, chunks)
    for v, j in ((2, 0), (5, 1), (11, 2)):
        want = [s for s, x in enumerate(sets) if v in x]
        assert lists[ptr[j] : ptr[j + 1]].tolist() == want, v
    assert ptr[-1] == sum(int(np.isin(x, [2, 5, 11]).sum()) for x in sets)


def test_picking_every_actor_spreads_to_every_actor_exactly():
    """k = n: every RR set is rooted at a pick, none is left to estimate from, and the
    spread is n with an empty interval and each pick's gain 1 (held-out seed 2032: the
    degenerate branch taken at one set left instead of none, which then divided by 0)."""
    g = sp.csr_array((np.ones(3), ([0, 1, 2], [1, 2, 0])), shape=(4, 4))
    r = influence_maximization(g, 4, prob=0.3, seed=1)
    assert (r.spread, r.spread_low, r.spread_high) == (4.0, 4.0, 4.0)
    assert r.marginal_gain.tolist() == [1.0] * 4 and sorted(r.indices.tolist()) == [0, 1, 2, 3]


def test_spread_of_a_certain_star_centre_is_every_actor_exactly():
    """Every tie certain on the out-star 0 -> 1..9: every RR set rooted at a leaf holds the
    centre, so picking the centre covers all m sets left after the picks' own, and the
    spread is k + (n - k) c / m = 1 + 9 = 10 exactly, each interval end too (held-out seed
    2032: m counted one set short, which put the estimate above n)."""
    n = 10
    g = sp.csr_array((np.ones(n - 1), (np.zeros(n - 1, int), np.arange(1, n))), shape=(n, n))
    r = influence_maximization(g, 1, prob=1.0, seed=3)
    assert r.indices.tolist() == [0]
    assert (r.spread, r.spread_low, r.spread_high) == (10.0, 10.0, 10.0)
    assert r.marginal_gain.tolist() == [10.0]


@pytest.mark.parametrize("method", ["imm", "opim-c"])
def test_influence_maximization_on_two_actors_picks_the_one_that_reaches_the_other(method):
    """Seed 2034, L410 (``n < 2 → n < 3``): two actors are enough. On the certain tie 0 -> 1
    the best single seed is 0, whose exact spread is 2 (itself and 1); one actor is refused."""
    import scipy.sparse as sp

    from clusternet.targeting import influence_maximization

    a = sp.csr_array(([1.0], ([0], [1])), shape=(2, 2))
    res = influence_maximization(a, k=1, prob=1.0, method=method, seed=3)
    assert list(res.seeds) == [0]
    assert res.spread == pytest.approx(2.0)
    with pytest.raises(ValueError, match="at least 2 actors"):
        influence_maximization(sp.csr_array((1, 1)), k=1, prob=1.0, method=method, seed=3)


def test_imm_phase_one_halves_its_guess_until_the_greedy_coverage_passes():
    """IMM's phase 1 (Tang, Shi & Xiao 2015, Algorithm 2) grows its collection to
    lambda' / x_i sets for x_i = n / 2^i and stops at the first i where n F >= (1 + e') x_i,
    F the share of sets the greedy picks cover. lambda' depends on n, k, epsilon and delta
    only. On a complete digraph at p = 1 every set holds every actor, F = 1, and it stops
    at i = 1; at p = 0 every set is its root alone and two picks cover about 2 / n of the
    sets, so stopping before i = 3 would need F >= (1 + e') / 4, two of 32 roots in 29 %
    of thousands of sets: at least 4 times as many sets (held-out seed 2036: testing
    n / F instead of n F stopped at once)."""
    n = 32
    g = sp.csr_array(np.ones((n, n)) - np.eye(n))
    certain = influence_maximization(g, 2, prob=1.0, method="imm", seed=4)
    silent = influence_maximization(g, 2, prob=0.0, method="imm", seed=4)
    assert certain.phase1_sets > 1000
    assert silent.phase1_sets >= 4 * certain.phase1_sets - 4


def _rr_ic_by_hand(indptr, indices, prob, n, s, seed):
    """One IC RR set drawn as ``_rr_ic`` documents it, in plain Python on the same stream:
    a row whose ties share p = 1 takes every tie; a row of mixed probabilities draws one
    uniform per unvisited tie with 0 < p < 1; a shared 0 < p < 1 draws one uniform per tie
    in a row of at most 8 ties (SKIP_FROM), and geometric skips floor(ln(1 - u) / ln(1 - p))
    in a longer one."""
    from clusternet.kernels.rng import next_uniform, stream

    skip_from = 8  # the documented threshold, not imported: the kernel's must be the same
    state = stream(np.uint64(seed), s)
    state, u = next_uniform(np.uint64(state))
    v = min(int(u * n), n - 1)
    queue, seen = [v], {v}
    head = 0
    while head < len(queue):
        w = queue[head]
        head += 1
        lo, hi = int(indptr[w]), int(indptr[w + 1])
        row = prob[lo:hi]
        shared = float(row[0]) if hi > lo and (row == row[0]).all() else -1.0

        def take(x):
            if x not in seen:
                seen.add(x)
                queue.append(x)

        if shared >= 1.0:
            for e in range(lo, hi):
                take(int(indices[e]))
        elif shared < 0.0:
            for e in range(lo, hi):
                x = int(indices[e])
                if x in seen or prob[e] <= 0.0:
                    continue
                if prob[e] < 1.0:
                    state, u = next_uniform(np.uint64(state))
                    if u >= prob[e]:
                        continue
                take(x)
        elif shared > 0.0 and hi - lo <= skip_from:
            for e in range(lo, hi):
                state, u = next_uniform(np.uint64(state))
                if u < shared:
                    take(int(indices[e]))
        elif shared > 0.0:
            inv_log_q = 1.0 / np.log1p(-shared)
            e = lo - 1
            while True:
                state, u = next_uniform(np.uint64(state))
                gap = np.floor(np.log1p(-u) * inv_log_q)
                if gap >= hi - 1 - e:
                    break
                e += int(gap) + 1
                take(int(indices[e]))
    return queue


@BOTH_SAMPLERS
def test_ic_rr_sets_are_the_documented_draws_on_their_stream(regions):
    """Every RR set, actor for actor and in order, is the one the documented sampler draws
    from the same stream (by hand above): rows that share p = 1, mixed rows with ties at 0
    and 1, short and long rows that share 0 < p < 1 (the geometric skips). Distribution tests
    cannot see a sampler that takes the slow path or spends a draw on a certain tie; this
    can."""
    rng = np.random.default_rng(5)
    n = 40
    rows = []
    for v in range(n):
        kind = v % 5
        if kind == 3:
            k = int(rng.integers(12, 30))
        elif kind == 4:
            k = 8 + (v // 5) % 2  # 8 ties (one draw each) or 9 (skipped): the threshold
        else:
            k = int(rng.integers(1, 7))
        others = rng.choice(np.delete(np.arange(n), v), size=min(k, n - 1), replace=False)
        if kind == 0:
            p = np.ones(len(others))  # certain
        elif kind == 1:
            p = rng.choice([0.0, 0.2, 0.7, 1.0], size=len(others))  # mixed
            p[0] = 0.35  # never all equal
        else:
            p = np.full(len(others), [0.3, 0.4, 0.25, 0.6][kind - 1])  # shared, short or long
        rows.append((np.sort(others), p))
    indptr = np.concatenate([[0], np.cumsum([len(r[0]) for r in rows])]).astype(np.int64)
    indices = np.concatenate([r[0] for r in rows]).astype(np.uint32)
    values = np.concatenate([r[1] for r in rows])
    assert (np.diff(indptr)[3::5] > 8).all()  # the long rows are skipped through
    assert set(np.diff(indptr)[4::5].tolist()) == {8, 9}  # either side of the threshold
    ptr, nodes = _rr_collection(indptr, indices, values, False, n, 400, 11, regions=regions)
    for s in range(400):
        got = nodes[ptr[s] : ptr[s + 1]].tolist()
        assert got == _rr_ic_by_hand(indptr, indices, values, n, s, 11), s


@pytest.mark.parametrize("workers", [1, 2])
def test_rr_sets_stop_at_the_entry_cap_with_the_next_batch_counted(monkeypatch, workers):
    # MAX_RR_ENTRIES is documented as the entries beyond which IMM stops with a clear error.
    # On a complete 10-actor digraph at probability 1 every RR set holds all 10 actors: 100
    # sets hold 1,000 entries and the next 100 would make 2,000, over a cap of 1,500. The
    # batch's buffer (per block: 1.25 x the mean set size x the block's sets + 64) is
    # checked before it is filled, on 1 worker and on 2 (a check that divided it by the
    # blocks instead of multiplying let 2 workers hold all 2,000 entries, silently).
    # With one core (tests/conftest.py raises Numba's threads to 2 where there are two) both
    # cases run one block, where the two checks agree.
    import clusternet.targeting as targeting
    from clusternet.kernels import targeting as kern

    complete = sp.csr_array(np.ones((10, 10)) - np.eye(10))
    indptr, indices, values, n = targeting._in_operator(complete, "ic", 1.0, None, None)
    args = (indptr, indices, values, kern.uniform_rows(indptr, values), False, n)
    before = numba.get_num_threads()
    try:
        numba.set_num_threads(min(workers, numba.config.NUMBA_NUM_THREADS))
        sampler = targeting._Sampler(args, n, np.uint64(7))
        sampler.grow(100)
        assert sampler.nodes.shape[0] == 1000  # every set is the whole digraph
        monkeypatch.setattr(targeting, "MAX_RR_ENTRIES", 1500)
        with pytest.raises(MemoryError, match=r"more than 1,500 RR-set entries.*MAX_RR_ENTRIES"):
            sampler.grow(200)
        assert sampler.nodes.shape[0] == 1000  # nothing was added
    finally:
        numba.set_num_threads(before)


def test_influence_maximization_passes_layer_weights_through():
    # issue 30 item 24 (round 29 referee: untested). Weight 0 drops a layer; a layer weight
    # w is w independent chances, so under IC weight 2 at p equals p' = 1 - (1 - p)^2 there
    from layer_weight_cases import assert_layer_weights_pass_through, two_layer_network

    def seeds_and_spread(g, prob=0.3, **kw):
        res = influence_maximization(g, 3, prob=prob, seed=1, **kw)
        return [*res.seeds, res.spread]

    assert_layer_weights_pass_through(seeds_and_spread, doubled=False)
    net = two_layer_network()
    two = seeds_and_spread(net, layer_weights={"a": 1.0, "b": 2.0})
    per_layer = seeds_and_spread(net, prob={"a": 0.3, "b": 1 - 0.7**2})
    np.testing.assert_allclose(two, per_layer, rtol=1e-12)


def test_compare_strategies_baselines_pick_the_top_k_by_their_own_ranking():
    # seed 2050 survivor (targeting L770): the out-degree baseline sorted ascending picked the
    # k actors with the fewest out-ties, and no test looked at which actors a baseline picks.
    # References by hand: out-degree from the arcs themselves, PageRank from networkx.
    import networkx as nx

    arcs = [*ARCS, (3, 0), (3, 6), (3, 8), (4, 0), (4, 9), (9, 0), (9, 1), (9, 2)]
    src, dst = np.array(arcs).T
    g = sp.csr_array((np.ones(len(arcs)), (src, dst)), shape=(N, N))
    comp = compare_strategies(g, 3, prob=0.1, n_sims=50, seed=1)
    out_degree = np.bincount(src, minlength=N)  # 3: 4 ties, 9: 4, 4: 3, then 0, 1, 2: 2 each
    want = sorted(np.argsort(-out_degree, kind="stable")[:3].tolist())
    assert want == [3, 4, 9]
    assert sorted(int(i) for i in comp.picks["out-degree top-k"]) == want
    pr = nx.pagerank(nx.DiGraph(arcs), alpha=0.85, tol=1e-12)
    top_pr = sorted(sorted(pr, key=lambda v: (-pr[v], v))[:3])
    assert sorted(int(i) for i in comp.picks["PageRank top-k"]) == top_pr


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_opim_c_lower_bound_brackets_the_exact_spread_of_its_picks(seed):
    # seed 2050 survivor (targeting L647, "* n" to "/ n" in OPIM-C's reported lower bound):
    # no test compared the bound with the spread it bounds. Reference: the exact spread of
    # the picks by enumerating every live-edge graph (_exact_ic). The a-posteriori bound
    # (Tang et al. 2018) is at most the true spread w.h.p. and, with C covered sets,
    # low >= C - sqrt(2 a C) - a / 18, within a factor 1 - sqrt(2 a / C) of it: about 0.8 here
    # (C near 380, a = ln(3 i_max / delta) near 6); the test asks more than one half.
    r = influence_maximization(_graph(), 2, prob=_graph().data, method="opim-c", seed=seed)
    exact = _exact_ic(list(r.seeds))
    assert 0.5 * exact < r.lower_bound <= exact
