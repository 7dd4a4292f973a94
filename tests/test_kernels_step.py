"""The model step's speed work (issue 26: a 1M-firm step <= 2 s) changes no result.

The kernels of the step prefetch the rows their CSR entries read and run
branch-free; each is checked against an independent reference, and a short run
with every mechanism on is checked against its hash computed on ``main`` before
the change (commit 4a671a2).
"""

import hashlib
import re

import numpy as np
import pytest

import clusternet as cn
from clusternet.kernels.dynamics import market_rents
from clusternet.kernels.memory import PREFETCH_AHEAD, _prefetch_sum
from clusternet.kernels.spillover import gap_step

#: every mechanism on: innovation, imitation, the legacy squeeze, platform game with a
#: subsidy, brand with monitoring and certification, growth, training, R&D subsidy,
#: network evolution every 3 steps, entry and exit
ALL_ON = {
    "innovation_rate": 0.5,
    "squeeze": 1.0,
    "platform_subsidy": 0.5,
    "growth": 0.02,
    "monitoring": 0.5,
    "certification": 0.3,
    "rd_subsidy": 0.5,
    "network_every": 3,
    "exit_rate": 0.1,
    "snapshot_every": 5,
    "training_rate": 0.05,
}
#: sha256 of the run below, computed on main (4a671a2) before the speed work
MAIN_HASH = "76d017fc7342f773b512bb71c35d9a19c0191f2e49f72575fdd13ee68864102d"
MAIN_INNOVATIONS = [0, 11, 12, 11, 15, 12, 19, 14, 18, 15, 23]
MAIN_IMITATIONS = [0, 6, 13, 11, 16, 16, 18, 15, 15, 10, 16]
MAIN_ENTRANTS_LAST = [2, 3]


#: columns recorded after the hashes below were taken (round 10: ``sales_cv`` and
#: ``sales_instability``; round 13: ``mean_lerner``, the mean of the hashed state's
#: ``lerner``; round 22: ``platform_output_per_firm``, the hashed ``platform_funding`` over
#: the catchment; round 23: ``samuelson_return`` and ``provision_shortfall``, functions of
#: the hashed state); they are left out of the hash, so every column that existed then must
#: still match exactly
NEW_COLUMNS = (
    "sales_cv",
    "sales_instability",
    "mean_lerner",
    "platform_output_per_firm",
    "samuelson_return",
    "provision_shortfall",
)


def _run_hash(model: cn.UpgradingModel, steps: int) -> tuple[str, object]:
    ts = model.run(steps).timeseries
    h = hashlib.sha256()
    for c in ts.columns:
        if c in NEW_COLUMNS:
            continue
        h.update(c.encode())
        h.update(np.ascontiguousarray(ts[c].to_numpy(dtype=np.float64)).round(10).tobytes())
    s = model.state
    for name in (
        "knowledge", "quality", "output", "contribute", "joined", "last_innovation",
        "market_share", "lerner", "absorptive",
    ):  # fmt: skip
        h.update(np.asarray(getattr(s, name), dtype=np.float64).round(10).tobytes())
    return h.hexdigest(), ts


def test_short_run_with_every_mechanism_on_is_unchanged():
    """60 firms, 10 steps: the same time series and final state as on main, to 1e-10.

    The regional-name withdrawal did not exist on 4a671a2; with it switched off
    (``name_withdrawal=0``) the model must reproduce that commit's run exactly.
    """
    model = cn.UpgradingModel(cn.generate_cluster(60, seed=5), seed=11, **ALL_ON, name_withdrawal=0)
    digest, ts = _run_hash(model, 10)
    assert ts["innovations"].tolist() == MAIN_INNOVATIONS
    assert ts["imitations"].tolist() == MAIN_IMITATIONS
    assert ts["entrants"].tolist()[-2:] == MAIN_ENTRANTS_LAST
    assert round(float(ts["knowledge_mean"].iloc[-1]), 6) == 0.518655
    assert round(float(ts["reputation"].iloc[-1]), 6) == 0.851235
    assert digest == MAIN_HASH


#: the same run with the name withdrawal at its default, recorded when the withdrawal
#: merged (main 2026-12-03, after r3-step had been checked against MAIN_HASH above):
#: a regression guard for later speed work, not an independent reference
WITHDRAWAL_HASH = "4f760b3932b20114bf1d4918251d4c0b3861677c492860badf356b6ba30aa3de"


def test_short_run_with_the_name_withdrawal_is_unchanged():
    """The default model (name withdrawal on) keeps its recorded 10-step run."""
    model = cn.UpgradingModel(cn.generate_cluster(60, seed=5), seed=11, **ALL_ON)
    digest, ts = _run_hash(model, 10)
    assert ts["innovations"].tolist() == [0, 11, 12, 11, 16, 11, 19, 16, 18, 16, 23]
    assert ts["imitations"].tolist() == [0, 6, 13, 11, 18, 15, 18, 15, 15, 10, 17]
    assert round(float(ts["reputation"].iloc[-1]), 6) == 0.856021
    assert digest == WITHDRAWAL_HASH


def _random_multilayer(rng, n, layers, mean_degree):
    """A random in-CSR with several layers, parallel entries and self-entries allowed."""
    m = n * mean_degree
    rows = rng.integers(0, n, m)
    order = np.argsort(rows, kind="stable")
    rows = rows[order]
    indices = rng.integers(0, n, m).astype(np.uint32)
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.add.at(indptr, rows + 1, 1)
    indptr = np.cumsum(indptr)
    layer = rng.integers(0, layers, m).astype(np.int16)
    weight = rng.uniform(0.0, 1.0, m)
    decay = rng.uniform(0.0, 1.0, m)
    return indptr, indices, rows, layer, weight, decay


def _gap_reference(rows, indices, layer, weight, decay, rates, tau, f2f, a, k):
    """Dense per-layer, per-domain coefficient matrices and a broadcast gap: no CSR walk."""
    n, dims = k.shape
    out = k.copy()
    for d in range(dims):
        g = np.where(f2f[layer], (1.0 - tau[d]) + tau[d] * decay, 1.0 - tau[d])
        coef = np.zeros((n, n))
        np.add.at(coef, (rows, indices.astype(np.int64)), rates[layer, d] * weight * g)
        gaps = np.maximum(k[None, :, d] - k[:, None, d], 0.0)  # gaps[i, j] = max(0, K_jd - K_id)
        out[:, d] += a * (coef * gaps).sum(axis=1)
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_gap_step_matches_a_dense_reference(seed, threads):
    rng = np.random.default_rng(seed)
    n, dims, layers = 120, 3, 4
    indptr, indices, rows, layer, weight, decay = _random_multilayer(rng, n, layers, 9)
    assert indices.shape[0] > 4 * PREFETCH_AHEAD
    rates = rng.uniform(0.0, 0.5, (layers, dims))
    tau = rng.uniform(0.0, 1.0, dims)
    f2f = np.array([True, False, True, False])
    a = rng.uniform(0.0, 1.0, n)
    k = rng.uniform(0.0, 2.0, (n, dims))
    k[rng.integers(0, n, 10), 0] = 0.0  # ties in knowledge: zero gaps
    want = _gap_reference(rows, indices, layer, weight, decay, rates, tau, f2f, a, k)
    outs = []
    for t in (1, 2):
        out = np.full_like(k, np.nan)
        with threads(t):
            gap_step(indptr, indices, layer, weight, decay, rates, tau, f2f, a, k, out)
        outs.append(out)
    np.testing.assert_allclose(outs[0], want, rtol=1e-12, atol=1e-14)
    assert np.array_equal(outs[0], outs[1])  # same bits on 1 and 2 threads
    assert (outs[0] >= k).all()


def test_prefetch_is_a_hint_that_changes_no_value():
    rng = np.random.default_rng(4)
    x = rng.uniform(size=1000)
    for m in (0, 1, PREFETCH_AHEAD, PREFETCH_AHEAD + 1, 5000):
        idx = rng.integers(0, x.shape[0], m).astype(np.int32)
        assert _prefetch_sum(x, idx) == pytest.approx(float(np.sum(x[idx])), rel=1e-12, abs=0)
    idx = np.array([999, 0, 999], dtype=np.int64)  # the last element and a 64-bit index
    assert _prefetch_sum(x, idx) == pytest.approx(2 * x[999] + x[0], rel=1e-15)


@pytest.mark.parametrize("shape", [(2, 2, 2), ()])
def test_prefetch_is_typed_only_for_the_arrays_it_documents(shape):
    # 1-D and 2-D arrays with an integer index; a 3-D array or a scalar is refused when
    # Numba types the call (the address of row arr[idx, 0, 0] is not what it documents)
    from numba import njit
    from numba.core.errors import TypingError

    from clusternet.kernels.memory import prefetch

    @njit
    def hint(arr, i):
        prefetch(arr, i)

    hint(np.zeros(3), 1)  # the documented 1-D case compiles
    with pytest.raises(TypingError):
        hint(np.zeros(shape) if shape else 1.0, 0)


#: run in a child with ``NUMBA_BOUNDSCHECK=1`` and a cache of its own (Numba's cache key
#: does not include the bounds check, so the parent's cached code would be loaded unchecked)
_BOUNDSCHECKED_KERNEL = """
import json, sys
import numpy as np
kernel, cases = json.loads(sys.stdin.read())
out = []
if kernel == "prefetch_sum":
    from clusternet.kernels.memory import _prefetch_sum
    for x, idx in cases:
        out.append(_prefetch_sum(np.array(x), np.array(idx, dtype=np.int32)))
elif kernel == "market_rents":
    from clusternet.kernels.dynamics import market_rents
    for indptr, indices, prob, u in cases:
        got = [np.full(len(u), np.nan) for _ in range(4)]
        market_rents(np.array(indptr), np.array(indices, dtype=np.uint32), np.array(prob),
                     np.array(u), np.array(u) - 1.5, 1.25, 0.4, 0.5, 0.3, *got)
        out.append([g.tolist() for g in got])
else:
    from clusternet.kernels.spillover import gap_step
    for indptr, indices, layer, weight, decay, rates, tau, f2f, a, k in cases:
        got = np.full(np.shape(k), np.nan)
        gap_step(np.array(indptr), np.array(indices, dtype=np.uint32),
                 np.array(layer, dtype=np.int16), np.array(weight), np.array(decay),
                 np.array(rates), np.array(tau), np.array(f2f), np.array(a), np.array(k), got)
        out.append(got.tolist())
print(json.dumps(out))
"""


def _run_boundschecked(kernel, cases, cache):
    """Run ``kernel`` on ``cases`` in a child under ``NUMBA_BOUNDSCHECK=1``; its outputs."""
    from boundscheck import run_boundschecked

    return run_boundschecked(_BOUNDSCHECKED_KERNEL, [kernel, cases], cache)


def _listed(case):
    return [np.asarray(c).tolist() for c in case]


@pytest.mark.parametrize("kernel", ["prefetch_sum", "market_rents", "gap_step"])
def test_prefetching_kernels_read_no_index_past_the_end_under_boundscheck(kernel, tmp_path):
    """Issue 30: the prefetch guard ``e + PREFETCH_AHEAD < m`` keeps every index read in bounds.

    A guard off by one (``<=``), negated (``>=``) or with ``e - PREFETCH_AHEAD`` reads
    ``indices[m]`` or past it to find the address to hint: a real read outside the array
    (a fault at the end of a memory-mapped file), invisible in the values. Each kernel
    runs here in a child under ``NUMBA_BOUNDSCHECK=1``, where such a read is an
    ``IndexError``, on arrays whose prefetch distance reaches the end (``m`` below, at and
    above ``PREFETCH_AHEAD``), and its values are checked against numpy sums, the
    rival-by-rival market and the dense gap reference.
    """
    rng = np.random.default_rng(30)
    if kernel == "prefetch_sum":
        x = rng.uniform(size=50)
        sizes = (0, 1, PREFETCH_AHEAD - 1, PREFETCH_AHEAD, PREFETCH_AHEAD + 1, 3 * PREFETCH_AHEAD)
        cases = [(x, rng.integers(0, 50, m)) for m in sizes]
        got = _run_boundschecked(kernel, [_listed(c) for c in cases], tmp_path)
        for (xs, idx), total in zip(cases, got):
            assert total == pytest.approx(float(np.sum(xs[idx])), rel=1e-12, abs=0)
    elif kernel == "market_rents":
        cases = []
        for n, degree in ((3, 1), (4, 4), (5, 4), (20, 6)):  # m = 3, 16, 20, 120 entries
            indptr, indices, _rows, _l, _w, _d = _random_multilayer(rng, n, 1, degree)
            prob = np.where(rng.uniform(size=indices.shape[0]) < 0.5, 0.7, 0.0)
            u = np.round(rng.uniform(0.0, 3.0, n) * 2) / 2
            cases.append((indptr, indices, prob, u))
        assert [c[1].shape[0] for c in cases] == [3, 16, 20, 120]
        got = _run_boundschecked(kernel, [_listed(c) for c in cases], tmp_path)
        for (indptr, indices, prob, u), outs in zip(cases, got):
            want = _market_reference(indptr, indices, prob, u, 1.25, 0.4, 0.5, u - 1.5, 0.3)
            for g, w in zip(outs, want):
                np.testing.assert_allclose(g, w, rtol=1e-12, atol=1e-14)
    else:
        cases = []
        for n, degree in ((3, 3), (4, 4), (30, 9)):  # m = 9, 16, 270 entries
            indptr, indices, rows, layer, weight, decay = _random_multilayer(rng, n, 2, degree)
            rates, tau = rng.uniform(0.0, 0.5, (2, 2)), rng.uniform(0.0, 1.0, 2)
            f2f, a = np.array([True, False]), rng.uniform(0.0, 1.0, n)
            k = rng.uniform(0.0, 2.0, (n, 2))
            cases.append((indptr, indices, rows, layer, weight, decay, rates, tau, f2f, a, k))
        assert [c[1].shape[0] for c in cases] == [9, 16, 270]
        args = [_listed(c[:2] + c[3:]) for c in cases]  # the kernel does not take the rows
        got = _run_boundschecked(kernel, args, tmp_path)
        for case, out in zip(cases, got):
            _indptr, indices, rows, layer, weight, decay, rates, tau, f2f, a, k = case
            want = _gap_reference(rows, indices, layer, weight, decay, rates, tau, f2f, a, k)
            np.testing.assert_allclose(out, want, rtol=1e-12, atol=1e-14)


def _operands(body, name):
    """The instruction of the optimised LLVM IR ``body`` that defines ``%name``."""
    line = next(x for x in body if x.strip().startswith(f"%{name} = "))
    return line.split(" = ", 1)[1]


@pytest.mark.parametrize("ndim", [1, 2])
def test_prefetch_compiles_to_a_read_hint_of_an_index_clamped_into_the_array(ndim):
    """Issue 30: the intrinsic's code, its only observable (a hint changes no value).

    Read by hand from Numba's optimised LLVM IR of a kernel that only prefetches
    ``x[i]`` (``x[i, 0]``): one ``llvm.prefetch`` for reading (0), high locality (3), data
    cache (1) (the intrinsic's documented flags; ``llvm.prefetch`` in the LLVM Language
    Reference), of ``&x[j]`` (``&x[j, 0]``: ``j`` times the row length) where
    ``j = i <u len(x) ? i : 0``: an index outside the array, negative included (a large
    unsigned one), is clamped to element 0, so no address outside the array is formed.
    """
    from numba import njit

    from clusternet.kernels.memory import prefetch

    @njit
    def hint(x, i):
        prefetch(x, i)

    x = np.zeros(5) if ndim == 1 else np.zeros((4, 3))
    hint(x, np.int64(2))
    text = hint.inspect_llvm(hint.signatures[0])
    start = text.index("define ", text.index("@_ZN"))
    body = text[start : text.index("\n}", start)].splitlines()
    calls = [x for x in body if "@llvm.prefetch" in x and "call" in x]
    assert len(calls) == 1
    m = re.search(r"\(ptr (%[\w.]+), i32 (\d+), i32 (\d+), i32 (\d+)\)", calls[0])
    assert m is not None and m.group(2, 3, 4) == ("0", "3", "1")
    gep = re.fullmatch(
        r"getelementptr double, ptr %arg\.x\.4, i64 %([\w.]+)", _operands(body, m.group(1)[1:])
    )
    assert gep is not None  # &data[offset], no constant added
    offset = gep.group(1)
    if ndim == 2:  # the row times the row length (C order), column 0 adds nothing
        row = re.fullmatch(r"mul i64 %([\w.]+), %arg\.x\.5\.1", _operands(body, offset))
        assert row is not None
        offset = row.group(1)
    sel = re.fullmatch(r"select i1 %([\w.]+), i64 %arg\.i, i64 0", _operands(body, offset))
    assert sel is not None
    assert _operands(body, sel.group(1)) == "icmp ult i64 %arg.i, %arg.x.5.0"


def _market_reference(indptr, indices, prob, u, gamma, competition, gap, fringe=None, h=0.0):
    """The market of ``market_rents``'s docstring, rival by rival, in plain Python."""
    n = indptr.shape[0] - 1

    def rent(x):
        return 1.0 - gamma ** (-x) if x > 0 else 0.0

    share, lerner, rents, gains = (np.zeros(n) for _ in range(4))
    for i in range(n):
        rivals = [(int(indices[e]), prob[e]) for e in range(indptr[i], indptr[i + 1])]
        rivals = [(j, p) for j, p in rivals if j != i]
        pos = np.array([u[j] for j, _ in rivals])
        best = pos.max() if rivals else -np.inf
        top, up = max(u[i], best), u[i] + 1.0
        state = np.nan if fringe is None else fringe[i]
        f = state if state < top - 1.0 else top - 1.0  # NaN or above: one step behind
        after = np.array(
            [
                uj + p * gap * (up - uj) if (p > 0 and up > uj) else uj
                for (_, p), uj in zip(rivals, pos)
            ]
        )
        top2 = max(up, after.max()) if rivals else up

        def moved(target, state=state):  # the market's update of the raw state
            return state + h * (target - state) if state < target else target

        # the convention (h < 0) holds the fringe; the lagging fringe moves the raw state
        f_next, f_stay = (f, f) if h < 0 else (moved(top2 - 1.0), moved(top - 1.0))
        if not rivals:
            share[i], rents[i], lerner[i] = 1.0, rent(top - f), rent(top - f)
            gains[i] = rent(up - f_next) - rent(u[i] - f_stay)
            continue
        dd = 1.0 - (1.0 - competition) ** len(rivals)
        s = 1.0 / (1.0 + sum(gamma ** (pos - u[i])))
        w = 1.0 if u[i] > best else (1.0 / (1 + (pos == u[i]).sum()) if u[i] == best else 0.0)
        pi = dd * rent(u[i] - max(f, best)) + (1.0 - dd) * s * rent(top - f)
        share[i] = dd * w + (1.0 - dd) * s
        rents[i] = pi
        lerner[i] = pi / share[i] if share[i] > 0 else 0.0
        stay = dd * rent(u[i] - max(f_stay, best)) + (1.0 - dd) * s * rent(top - f_stay)
        s2 = 1.0 / (1.0 + sum(gamma ** (after - up)))
        pi2 = dd * rent(up - max(f_next, after.max())) + (1.0 - dd) * s2 * rent(top2 - f_next)
        gains[i] = pi2 - stay
    return share, lerner, rents, gains


#: (fringe, catch-up): the convention (NaN: one step behind the best, held; catch-up < 0),
#: a lagging fringe held, moving a third of its lag, and moving at once
FRINGES = [(None, -1.0), ("lagging", 0.0), ("lagging", 0.3), ("lagging", 1.0)]


@pytest.mark.parametrize("dtype", [np.uint32, np.int64])
@pytest.mark.parametrize(("fringe", "h"), FRINGES)
def test_market_rents_matches_a_rival_by_rival_reference(dtype, fringe, h, threads):
    rng = np.random.default_rng(7)
    n = 90
    indptr, indices, _rows, _l, _w, _d = _random_multilayer(rng, n, 1, 6)
    indices = indices.astype(dtype)
    indices = np.delete(indices, np.s_[indptr[9] : indptr[10]])  # actor 9: a monopolist
    indptr[10:] -= indptr[10] - indptr[9]
    assert indptr[-1] == indices.shape[0] and indptr[10] == indptr[9]
    prob = np.where(rng.uniform(size=indices.shape[0]) < 0.3, rng.uniform(size=indices.shape[0]), 0)
    u = np.round(rng.uniform(0.0, 4.0, n) * 2) / 2  # half steps: ties and equal positions
    # a lagging fringe 0.5-4 steps behind the firm, some of it above one step behind the
    # best or between the targets before and after a step, some NaN (entrants' markets)
    state = None if fringe is None else u - rng.uniform(0.0, 4.0, n)
    if state is not None:
        state[rng.uniform(size=n) < 0.15] = np.nan
    want = _market_reference(indptr, indices, prob, u, 1.25, 0.4, 0.5, state, h)
    passed = np.full(n, np.nan) if state is None else state
    for t in (1, 2):
        got = [np.full(n, np.nan) for _ in range(4)]
        with threads(t):
            market_rents(indptr, indices, prob, u, passed, 1.25, 0.4, 0.5, h, *got)
        for g, w in zip(got, want):
            np.testing.assert_allclose(g, w, rtol=1e-12, atol=1e-14)


def test_threaded_gini_columns_equal_the_serial_ones(monkeypatch, threads):
    """The reporters' Gini columns sorted on 2 threads are the serial values, bit for bit."""
    from clusternet.dynamics import reporters
    from clusternet.spillover import gini

    model = cn.UpgradingModel(cn.generate_cluster(200, seed=3), seed=2)
    model.step()
    assert model.firm_rows == slice(0, 200)
    k = model.state.knowledge[model.firms]
    want = [gini(k.mean(axis=1))] + [gini(k[:, d]) for d in range(k.shape[1])]
    monkeypatch.setattr(reporters, "_THREADED_FROM", 0)
    for t in (1, 2):
        with threads(t):
            assert reporters.View(model, None).ginis == want
    row = reporters.record(model, None)
    assert row["knowledge_gini"] == want[0] and row["knowledge_gini_3"] == want[4]
    assert 0.0 < want[0] < 1.0


def test_label_counts_match_bincount():
    from clusternet.kernels.dynamics import label_counts

    rng = np.random.default_rng(8)
    labels = rng.integers(-1, 5, 3000)
    mask = rng.uniform(size=3000) < 0.4
    out = np.full(5, np.nan)
    label_counts(labels, mask, True, out)
    assert out.tolist() == np.bincount(labels[(labels >= 0) & mask], minlength=5).tolist()
    label_counts(labels, np.zeros(0, dtype=np.bool_), False, out)
    assert out.tolist() == np.bincount(labels[labels >= 0], minlength=5).tolist()
    label_counts(np.full(4, -1), np.zeros(0, dtype=np.bool_), False, out)
    assert out.tolist() == [0.0] * 5


def test_prefetch_accepts_a_two_dimensional_array_by_row():
    """The intrinsic types for 1-D and 2-D arrays (the row ``arr[idx, 0]``), as documented."""
    from numba import njit

    from clusternet.kernels.memory import prefetch

    @njit
    def row_sum(x, rows):
        total = 0.0
        for r in rows:
            prefetch(x, r)
            total += x[r].sum()
        return total

    x = np.arange(12.0).reshape(4, 3)
    rows = np.array([3, 0, 3], dtype=np.int64)
    assert row_sum(x, rows) == float(x[rows].sum())
