"""The diffusion kernels called directly: the Taylor stop rule, the cascade's draws.

Written for the survivors of ``kernels/diffusion.py``'s mutant sample (round 9 of
docs/contributing.md). References: scipy's dense ``expm``; a pure-Python re-implementation
of the cascade's documented per-tie draw (SplitMix64, ``u < p`` as ``k < ceil(p 2^53)``);
the binomial law of a star's leaves.
"""

import math

import numpy as np
import pytest
import scipy.linalg
import scipy.sparse as sp

from clusternet.kernels.csr import kernel_arrays
from clusternet.kernels.diffusion import (
    DIRECT_COST,
    SKIP_COST,
    expm_taylor_step,
    independent_cascade,
    linear_threshold,
)

_MASK = (1 << 64) - 1
_GOLDEN = 0x9E3779B97F4A7C15


def _mix64(z: int) -> int:
    """SplitMix64's finaliser on Python integers (the kernels' ``mix64``, written out)."""
    z &= _MASK
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
    return z ^ (z >> 31)


def _stream(seed: int, index: int) -> int:
    return _mix64(seed ^ _mix64(index + _GOLDEN))


def _reference_star_reach(seed: int, run: int, prob: np.ndarray) -> np.ndarray:
    """Leaves reached in run ``run`` of a star 0 -> 1..d drawn tie by tie (the direct path).

    The documented draw: ties in blocks of 64; draw ``j`` of a block is
    ``z = mix64(state + G (j + 1)) >> 11`` and the tie is live when ``z 2^-53 < p`` (for one
    probability on every tie, the integer test ``z < ceil(p 2^53)``); the state then
    moves on by ``G * width``.
    """
    d = prob.shape[0]
    uniform = bool(np.all(prob == prob[0]))
    limit = math.ceil(float(prob[0]) * 2.0**53)
    state = _stream(seed, run)
    reached = np.zeros(d + 1, dtype=bool)
    reached[0] = True
    for start in range(0, d, 64):
        width = min(d - start, 64)
        for j in range(width):
            z = _mix64(state + _GOLDEN * (j + 1)) >> 11
            hit = z < limit if uniform else z * 2.0**-53 < prob[start + j]
            if hit:
                reached[1 + start + j] = True
        state = (state + _GOLDEN * width) & _MASK
    return reached


def _star_kernel_runs(prob: np.ndarray, seed: int, runs: int) -> np.ndarray:
    """Run the kernel on a star with one run per chunk: row ``r`` is run ``r``'s outcome."""
    d = prob.shape[0]
    a = sp.csr_array((np.ones(d), (np.zeros(d, int), np.arange(1, d + 1))), shape=(d + 1, d + 1))
    indptr, indices, _ = kernel_arrays(a)
    row_max = np.zeros(d + 1)
    row_max[0] = prob.max()
    row_uniform = np.ones(d + 1, dtype=np.bool_)
    row_uniform[0] = bool(np.all(prob == prob[0]))
    counts = np.zeros((runs, d + 1), dtype=np.int64)
    sizes = np.zeros(runs, dtype=np.int64)
    curves = np.zeros((runs, 3), dtype=np.int64)
    last = np.zeros(runs, dtype=np.int64)
    seeds = np.array([0], dtype=np.int32)
    independent_cascade(
        indptr, indices, prob, row_max, row_uniform, seeds, runs, np.uint64(seed), 2, runs,
        counts, sizes, curves, last,
    )  # fmt: skip
    assert (sizes == counts.sum(axis=1)).all()
    return counts.astype(bool)


@pytest.mark.parametrize("per_edge", [False, True])
def test_cascade_direct_rows_draw_exactly_the_documented_stream(per_edge):
    """A star of 100 leaves at p = 0.3 (or 0.2-0.4 per tie) is drawn tie by tie, since
    ``100 DIRECT_COST < (0.3 * 100 + 1) SKIP_COST``: each run's reached leaves are those of
    the documented draw, computed here in plain Python integers."""
    d, seed, runs = 100, 987654321, 40
    prob = np.linspace(0.2, 0.4, d) if per_edge else np.full(d, 0.3)
    assert d * DIRECT_COST < (prob.max() * d + 1.0) * SKIP_COST  # the direct path
    got = _star_kernel_runs(prob, seed, runs)
    for r in range(runs):
        np.testing.assert_array_equal(got[r], _reference_star_reach(seed, r, prob), f"run {r}")
    # and the reference itself reaches about 30 % of the leaves
    assert 0.25 < got[:, 1:].mean() < 0.35


def _late_hub_runs(d: int, p: float, seed: int, runs: int) -> np.ndarray:
    """Runs of a hub (actor ``d``, the seed) with ``d`` ties at ``p`` to leaves 0..d-1 whose
    own ties (probability 0, to actor d + 1) come first in the CSR, so the hub's row starts
    at offset ``d``; row ``r`` is run ``r``'s reach."""
    rows = [*range(d), *[d] * d]
    cols = [*[d + 1] * d, *range(d)]
    probs = [*[0.0] * d, *[p] * d]
    a = sp.csr_array((np.ones(2 * d), (rows, cols)), shape=(d + 2, d + 2))
    indptr, indices, _ = kernel_arrays(a)
    assert indptr[d] == d  # the hub's row starts after the leaves' ties
    prob = np.array(probs)[np.lexsort((cols, rows))]
    row_max = np.zeros(d + 2)
    row_max[d] = p
    row_uniform = np.ones(d + 2, dtype=np.bool_)
    counts = np.zeros((runs, d + 2), dtype=np.int64)
    sizes = np.zeros(runs, dtype=np.int64)
    curves = np.zeros((runs, 3), dtype=np.int64)
    last = np.zeros(runs, dtype=np.int64)
    independent_cascade(
        indptr, indices, prob, row_max, row_uniform, np.array([d], dtype=np.int32), runs,
        np.uint64(seed), 2, runs, counts, sizes, curves, last,
    )  # fmt: skip
    return counts.astype(bool)


def test_cascade_path_choice_reads_the_row_degree_not_its_offset():
    """The direct-or-skip choice reads the row's degree, ``end - start``, with the documented
    costs (a direct draw 1, a skip 8): a hub of 8 ties at p = 0.02 takes the direct path
    (``8 < (0.02 * 8 + 1) * 8``) also when its row starts after 8 other ties (held-out seed
    2040: ``end + start`` = 24 sent it to the geometric skip, a different stream), and each
    run's reached leaves are the documented direct draws; a hub of 10 (``10 >= 9.6``) takes
    the skip, whose stream is not the direct one (a skip cost of 9 kept it direct)."""
    p, seed, runs = 0.02, 24680, 600
    assert 8 * DIRECT_COST < (p * 8 + 1.0) * SKIP_COST <= 10 * DIRECT_COST
    got = _late_hub_runs(8, p, seed, runs)
    for r in range(runs):
        want = _reference_star_reach(seed, r, np.full(8, p))  # [hub, leaf 0, ..., leaf 7]
        np.testing.assert_array_equal(got[r, :8], want[1:], f"run {r}")
        assert got[r, 8] and not got[r, 9]
    assert got[:, :8].sum() > 40  # about 0.02 * 8 * 600 = 96 leaves reached
    skip = _late_hub_runs(10, p, seed, runs)
    direct = np.array([_reference_star_reach(seed, r, np.full(10, p))[1:] for r in range(runs)])
    assert not np.array_equal(skip[:, :10], direct)
    assert abs(skip[:, :10].mean() - p) < 5 * np.sqrt(p * (1 - p) / (10 * runs))


@pytest.mark.parametrize("per_edge", [False, True])
def test_cascade_skipping_rows_reach_each_leaf_with_its_probability(per_edge):
    """Low ``p`` on many ties takes the geometric skip (``400 >= (0.02 * 400 + 1) 8``): leaf
    ``k`` is reached with its tie's probability, independently of the others, so a run's
    final size is 1 + a sum of independent Bernoulli trials (per tie: 0.01-0.03, thinned
    from the row's largest)."""
    d, sims = 400, 20_000
    p = np.linspace(0.01, 0.03, d) if per_edge else np.full(d, 0.02)
    assert d * DIRECT_COST >= (p.max() * d + 1.0) * SKIP_COST  # the skip path
    got = _star_kernel_runs(p, 31337, sims)
    freq = got[:, 1:].mean(axis=0)
    # each leaf: 5 standard errors of a Bernoulli mean
    assert np.all(np.abs(freq - p) < 5 * np.sqrt(p * (1 - p) / sims))
    sizes = got.sum(axis=1)
    var = (p * (1 - p)).sum()
    assert abs(sizes.mean() - 1 - p.sum()) < 5 * np.sqrt(var / sims)
    assert abs(sizes.var() / var - 1) < 0.05
    # the first and the last ties of the row are reached as often as any: a skip that
    # ran past either end would show here (each of 20 ties' share, 5 standard errors)
    for part in (slice(1, 21), slice(d - 19, d + 1)):
        share = got[:, part].mean()
        pm = p[part.start - 1 : part.stop - 1].mean()
        assert abs(share - pm) < 5 * np.sqrt(pm / (20 * sims))


def _reference_star_skip(seed: int, run: int, prob: np.ndarray) -> np.ndarray:
    """Leaves reached in run ``run`` of a star 0 -> 1..d by the geometric skip (the skip path).

    The documented draw: with ``p* = max p`` and ``u`` the stream's next uniform
    (``state += G``, ``u = (mix64(state) >> 11) 2^-53``), the next live tie is
    ``1 + floor(log(1 - u) / log(1 - p*))`` ties on, until the gap passes the row's end;
    with per-tie probabilities a tie ``e`` with ``p_e < p*`` is thinned by one more
    uniform, kept when ``u p* < p_e``.
    """
    d = prob.shape[0]
    top = float(prob.max())
    uniform = bool(np.all(prob == prob[0]))
    state = _stream(seed, run)
    log_q = math.log1p(-top)
    reached = np.zeros(d + 1, dtype=bool)
    reached[0] = True

    def uniform_draw(state: int) -> tuple[int, float]:
        state = (state + _GOLDEN) & _MASK
        return state, (_mix64(state) >> 11) * 2.0**-53

    e = -1
    while True:
        state, u = uniform_draw(state)
        gap = math.log(1.0 - u) / log_q
        if gap >= d - e - 1:
            break
        e += 1 + int(gap)
        if not uniform and prob[e] < top:
            state, u = uniform_draw(state)
            if u * top >= prob[e]:
                continue
        reached[1 + e] = True
    return reached


@pytest.mark.parametrize("per_edge", [False, True])
def test_cascade_skipping_rows_draw_exactly_the_documented_stream(per_edge):
    """The skip path's draws, not only their law: each run of a 400-leaf star at p = 0.02
    (or 0.01-0.03 per tie) reaches exactly the leaves of the documented geometric skip,
    computed here in plain Python (a row drawn tie by tie instead, same law, fails)."""
    d, seed, runs = 400, 24680, 40
    prob = np.linspace(0.01, 0.03, d) if per_edge else np.full(d, 0.02)
    assert d * DIRECT_COST >= (prob.max() * d + 1.0) * SKIP_COST  # the skip path
    got = _star_kernel_runs(prob, seed, runs)
    for r in range(runs):
        np.testing.assert_array_equal(got[r], _reference_star_skip(seed, r, prob), f"run {r}")
    assert 0.01 < got[:, 1:].mean() < 0.03


def _cascade_kernel(edges, prob, seeds, max_steps, n_sims=1):
    """The kernel on a small graph; ``row_max`` and ``row_uniform`` as the wrapper builds them."""
    n = 1 + max(max(a, b) for a, b in edges)
    src = np.array([a for a, _ in edges])
    dst = np.array([b for _, b in edges])
    order = np.lexsort((dst, src))
    a = sp.csr_array((np.ones(len(edges)), (src[order], dst[order])), shape=(n, n))
    indptr, indices, _ = kernel_arrays(a)
    p = np.asarray(prob, dtype=np.float64)[order]
    row_max = np.zeros(n)
    row_uniform = np.ones(n, dtype=np.bool_)
    for i in range(n):
        row = p[indptr[i] : indptr[i + 1]]
        if row.size:
            row_max[i] = row.max()
            row_uniform[i] = bool(np.all(row == row[0]))
    counts = np.zeros((1, n), dtype=np.int64)
    sizes = np.zeros(n_sims, dtype=np.int64)
    curves = np.zeros((1, max_steps + 1), dtype=np.int64)
    last = np.zeros(1, dtype=np.int64)
    independent_cascade(
        indptr, indices, p, row_max, row_uniform, np.array(seeds, dtype=np.int32), n_sims,
        np.uint64(5), max_steps, 1, counts, sizes, curves, last,
    )  # fmt: skip
    return counts[0], curves[0]


def test_cascade_with_a_zero_probability_row_before_a_certain_one_is_exact():
    """Rows with one probability each, 0 on actor 0's tie and 1 on actor 1's: the kernel
    may use one probability for every tie only when all rows share it, so 0 -> 2 never
    fires and 1 -> 3 always does (seed {0, 1}: exactly 3 reached; an early stop of the
    uniform-rows check at p = 0 would fire 0's tie at 1)."""
    counts, curve = _cascade_kernel([(0, 2), (1, 3)], [0.0, 1.0], [0, 1], max_steps=3)
    assert counts.tolist() == [1, 1, 0, 1]
    assert curve.tolist() == [2, 1, 0, 0]


def test_cascade_step_goes_on_past_a_row_that_cannot_fire():
    """Seeds {0, 1}: actor 0's ties have probability 0 (its row has nothing to draw) and 1's
    tie to 2 is certain, with 1's other tie at 0.5 so the rows differ. Actor 2 is reached
    at step 1 — a row that cannot fire must not end its step — so with one step allowed
    it is reached at all."""
    edges, prob = [(0, 3), (1, 2), (1, 4)], [0.0, 1.0, 0.5]
    for steps in (1, 3):
        counts, curve = _cascade_kernel(edges, prob, [0, 1], max_steps=steps)
        assert counts[2] == 1 and counts[3] == 0, steps
        assert curve[1] >= 1 and curve[0] == 2, steps


@pytest.mark.parametrize("max_steps", [1, 2])
def test_cascade_takes_exactly_max_steps_steps(max_steps):
    """Seed 2050, kernels/diffusion.py L423 (`<` -> `<=`): the cascade loop ran while
    ``step <= max_steps``, one step past the horizon. By hand, on the certain chain
    0 -> 1 -> 2 -> 3 (every tie probability 1) from actor 0, step t activates actor t, so
    ``max_steps`` steps reach actors 0..max_steps and no other, in each of the 3 runs:
    counts 3 on those actors and 0 beyond, sizes max_steps + 1, one activation a step
    (curve 3 a step, summed over the runs) and the last active step max_steps. The curve is
    given one column more than its documented max_steps + 1: a step past the horizon
    would count there, so that column stays 0."""
    n, n_sims = 4, 3
    a = sp.csr_array((np.ones(3), ([0, 1, 2], [1, 2, 3])), shape=(n, n))
    indptr, indices, _ = kernel_arrays(a)
    counts = np.zeros((1, n), dtype=np.int64)
    sizes = np.zeros(n_sims, dtype=np.int64)
    curves = np.zeros((1, max_steps + 2), dtype=np.int64)  # one spare column
    last = np.zeros(1, dtype=np.int64)
    independent_cascade(
        indptr, indices, np.ones(3), np.ones(n), np.ones(n, dtype=np.bool_),
        np.array([0], dtype=np.int32), n_sims, np.uint64(5), max_steps, 1,
        counts, sizes, curves, last,
    )  # fmt: skip
    reached = max_steps + 1
    assert counts[0].tolist() == [n_sims] * reached + [0] * (n - reached)
    assert sizes.tolist() == [reached] * n_sims
    assert curves[0].tolist() == [n_sims] * reached + [0]
    assert last.tolist() == [max_steps]


def _taylor_case():
    rng = np.random.default_rng(12)
    n = 30
    m = sp.random_array((n, n), density=0.15, rng=rng, format="csr")
    m = (m + m.T).tocsr()
    m.setdiag(0.0)
    m.eliminate_zeros()
    shift = rng.uniform(-1.0, 2.0, n)
    x = rng.standard_normal((n, 3))
    return m, shift, x


def test_taylor_stop_rule_is_relative_to_the_size_of_x():
    """The series stops once two consecutive terms fall below ``tol * ||x||_inf``: scaling
    ``x`` by a power of two scales every term and ``||x||`` exactly, so the number of terms
    and the answer (divided by the scale) are the same bit for bit; the answer matches
    scipy's dense ``expm(-h (diag(shift) - M)) x``."""
    m, shift, x = _taylor_case()
    indptr, indices, data = kernel_arrays(m)
    h, tol = 0.7, 1e-15
    reference = scipy.linalg.expm(-h * (np.diag(shift) - m.toarray())) @ x
    base = x.copy()
    used = expm_taylor_step(indptr, indices, data, shift, h, base, tol, 200)
    assert 5 < used < 200  # stopped by the rule, not by max_terms
    np.testing.assert_allclose(base, reference, rtol=1e-11, atol=1e-11)
    for scale in (2.0**-40, 2.0**40):
        scaled = x * scale
        assert expm_taylor_step(indptr, indices, data, shift, h, scaled, tol, 200) == used
        np.testing.assert_array_equal(scaled / scale, base)


@pytest.mark.parametrize("random_thresholds", [False, True])
def test_linear_threshold_curve_counts_the_seeds_at_step_0(random_thresholds):
    """Chain 0 -> 1 -> 2 -> 3 with full influence, plus an isolated seed 4: every run
    activates the seeds at step 0 and then one actor a step (any threshold in (0, 1] is
    met by influence 1), so the summed curve is 2, 1, 1, 1, 0 per run, by hand."""
    a = sp.csr_array(([1.0, 1.0, 1.0], ([0, 1, 2], [1, 2, 3])), shape=(5, 5))
    indptr, indices, _ = kernel_arrays(a)
    runs, chunks = 6, 2
    counts = np.zeros((chunks, 5), dtype=np.int64)
    sizes = np.zeros(runs, dtype=np.int64)
    curves = np.zeros((chunks, 5), dtype=np.int64)
    last = np.zeros(chunks, dtype=np.int64)
    seeds = np.array([0, 4], dtype=np.int32)
    linear_threshold(
        indptr, indices, np.ones(3), np.full(5, 0.5), random_thresholds, seeds, runs,
        np.uint64(5), 4, chunks, counts, sizes, curves, last,
    )  # fmt: skip
    assert curves.sum(axis=0).tolist() == [2 * runs, runs, runs, runs, 0]
    assert curves.tolist() == [[6, 3, 3, 3, 0], [6, 3, 3, 3, 0]]
    assert sizes.tolist() == [5] * runs
    assert counts.sum(axis=0).tolist() == [runs] * 5
    assert last.tolist() == [3, 3]


_CASCADE_CHILD = """
import json, sys
import numpy as np, scipy.sparse as sp
from clusternet.diffusion import independent_cascade
out = []
for n in json.loads(sys.stdin.read()):
    star = sp.csr_array((np.ones(n - 1), (np.zeros(n - 1, int), np.arange(1, n))), shape=(n, n))
    out.append(independent_cascade(star, [0], 1.0, n_sims=3, seed=1).sizes.tolist())
print(json.dumps(out))
"""


def test_cascade_prefetch_reads_no_queue_entry_past_the_end_under_boundscheck(tmp_path):
    """Issue 30 (held-out seed 2031): the cascade prefetches the row pointers of the actor
    ``ROW_AHEAD`` places further on in its queue, guarded by ``head + ROW_AHEAD < tail``. A
    guard that lets ``head + ROW_AHEAD`` reach the queue's end reads past it (invisible in
    the values). Run in a child under ``NUMBA_BOUNDSCHECK=1`` (its own Numba cache: the
    cache key ignores the bounds check), where such a read is an ``IndexError``: a star of
    ``n`` actors with certain ties fills the queue to ``n`` in one level, and every run
    reaches all ``n`` actors."""
    from boundscheck import run_boundschecked

    from clusternet.kernels.diffusion import ROW_AHEAD

    sizes = [2, ROW_AHEAD - 1, ROW_AHEAD, ROW_AHEAD + 1, 3 * ROW_AHEAD]
    got = run_boundschecked(_CASCADE_CHILD, sizes, tmp_path)
    assert got == [[n] * 3 for n in sizes]


_THRESHOLD_CHILD = """
import json, sys
import numpy as np, scipy.sparse as sp
from clusternet.diffusion import linear_threshold
chain = sp.csr_array(([1.0, 1.0], ([0, 1], [1, 2])), shape=(3, 3))
out = []
for steps in json.loads(sys.stdin.read()):
    res = linear_threshold(chain, [0], np.full(3, 0.5), n_sims=2, seed=1, max_steps=steps)
    out.append([res.sizes.tolist(), np.asarray(res.curve).tolist()])
print(json.dumps(out))
"""


def test_threshold_cascade_stops_at_the_last_activation_when_max_steps_exceeds_n(tmp_path):
    """``max_steps`` above the number of actors is legal; the curve holds ``min(max_steps,
    n) + 1`` steps, so a run must stop stepping once its queue is empty rather than run on
    to ``max_steps`` (held-out seed 2033: stepping on wrote past the curve, an IndexError
    under ``NUMBA_BOUNDSCHECK=1`` and a crash at ``max_steps`` 1e8). The chain 0 -> 1 -> 2
    with thresholds 0.5 activates one actor per step."""
    from boundscheck import run_boundschecked

    got = run_boundschecked(_THRESHOLD_CHILD, [1, 3, 4, 50], tmp_path)
    assert got[0] == [[2, 2], [1.0, 2.0]]  # one step: actors 0 and 1
    assert all(run == [[3, 3], [1.0, 2.0, 3.0]] for run in got[1:])  # cut at the last step


def test_bass_times_mark_never_adopted_with_minus_one_and_initial_with_zero():
    """``times`` is documented as the adoption step per run and actor, -1 never and 0
    initial: with p = q = 0 only the initial adopter (actor 0) ever adopts, so every run
    reads [0, -1, -1] (held-out seed 2032: the never-adopted mark)."""
    from clusternet.bass import bass

    path = sp.csr_array(([1.0, 1.0], ([0, 1], [1, 2])), shape=(3, 3))
    res = bass(path, p=0.0, q=0.0, steps=4, n_sims=3, seed=1, initial=[0], return_times=True)
    assert res.times.tolist() == [[0, -1, -1]] * 3


def test_bass_without_innovation_or_imitation_keeps_the_initial_adopters_share():
    """Documented degenerate case p = q = 0: every curve stays at the initial adopters' share."""
    from clusternet.bass import bass

    path = sp.csr_array(([1.0] * 4, ([0, 1, 2, 3], [1, 2, 3, 4])), shape=(5, 5))
    res = bass(path, p=0.0, q=0.0, steps=3, n_sims=4, seed=2, initial=[1, 3])
    # 2 of 5 actors at every step, in every run (the mean up to its summation's last bit)
    np.testing.assert_allclose(res.mean, np.full(4, 0.4), rtol=1e-15, atol=0)
    np.testing.assert_allclose(res.quantiles.drop(columns="time"), 0.4, rtol=1e-15, atol=0)
    assert res.probability.tolist() == [0.0, 1.0, 0.0, 1.0, 0.0]


def test_a_leaf_two_skipping_rows_reach_is_activated_once():
    """Two seeds share 400 leaves at p = 0.02, each row on the geometric skip: a leaf both
    rows reach (about 0.16 a run) is activated once, so every run's count is 0 or 1 per
    actor and its size is the number of distinct actors reached; the union reaches each
    leaf with probability 1 - 0.98^2 (a leaf queued twice would count twice)."""
    d, runs = 400, 200
    src = np.repeat([0, 1], d)
    dst = np.tile(np.arange(2, d + 2), 2)
    n = d + 2
    a = sp.csr_array((np.ones(2 * d), (src, dst)), shape=(n, n))
    indptr, indices, _ = kernel_arrays(a)
    prob = np.full(2 * d, 0.02)
    row_max = np.zeros(n)
    row_max[:2] = 0.02
    row_uniform = np.ones(n, dtype=np.bool_)
    assert d * DIRECT_COST >= (0.02 * d + 1.0) * SKIP_COST  # the skip path
    counts = np.zeros((runs, n), dtype=np.int64)
    sizes = np.zeros(runs, dtype=np.int64)
    curves = np.zeros((runs, 3), dtype=np.int64)
    last = np.zeros(runs, dtype=np.int64)
    independent_cascade(
        indptr, indices, prob, row_max, row_uniform, np.array([0, 1], dtype=np.int32), runs,
        np.uint64(97531), 2, runs, counts, sizes, curves, last,
    )  # fmt: skip
    assert counts.max() == 1
    np.testing.assert_array_equal(sizes, (counts > 0).sum(axis=1))
    p_union = 1 - 0.98**2
    reached = counts[:, 2:].mean()
    assert abs(reached - p_union) < 5 * math.sqrt(p_union * (1 - p_union) / (runs * d))
