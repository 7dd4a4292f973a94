"""The bucketed counting sort behind every CSR view, against brute force and scipy.

Small graphs fit one bucket at the default bucket size, so these tests shrink the
buckets (down to one row each) to exercise the partition, the per-bucket row sort,
the merge sort of long rows and the closing of gaps between buckets.
"""

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from clusternet.kernels import buckets
from clusternet.kernels.csr import (
    build_csr,
    build_pattern,
    csr_from_coo,
    csr_pattern,
    entry_positions,
    entry_rows,
)

BUCKET_SIZES = st.sampled_from([1, 3, 40, 1 << 18])


def _edges(rng, n, m, hub_share, in_order=False):
    """Random multilayer edges; ``in_order`` sorts them by layer, source and target as
    the generator's are (rows then arrive as a few ascending runs, merged as they stand)."""
    src = rng.integers(0, n, m).astype(np.int32)
    dst = rng.integers(0, n, m).astype(np.int32)
    hubs = rng.random(m) < hub_share  # long rows (merge-sorted) full of repeated columns
    dst[hubs] = rng.integers(0, min(n, 3), hubs.sum())
    loops = rng.random(m) < 0.05  # self-loops: one entry, never mirrored
    src[loops] = dst[loops]
    layer = rng.integers(0, 3, m).astype(np.int16)
    weight = rng.random(m) + 0.1
    if in_order:
        order = np.lexsort((dst, src, layer))
        src, dst, layer, weight = src[order], dst[order], layer[order], weight[order]
    return src, dst, weight, layer


def _serial_reference(n, src, dst, weight, layer, layer_weight, symmetric, transpose):
    """Row by row, the entries in edge order and each column's values summed in that order."""
    rows: list[dict[int, float]] = [{} for _ in range(n)]
    for s, t, w, k in zip(src.tolist(), dst.tolist(), weight.tolist(), layer.tolist()):
        if layer_weight[k] == 0.0:
            continue
        if transpose:
            s, t = t, s
        value = w * layer_weight[k]
        rows[s][t] = rows[s].get(t, 0.0) + value
        if symmetric[k] and s != t:
            rows[t][s] = rows[t].get(s, 0.0) + value
    indptr = np.zeros(n + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(r) for r in rows])
    indices = np.array([c for r in rows for c in sorted(r)], dtype=np.int32)
    data = np.array([r[c] for r in rows for c in sorted(r)], dtype=np.float64)
    return indptr, indices, data


@settings(max_examples=80, deadline=None)
@given(
    n=st.integers(1, 90),
    m=st.integers(0, 1500),
    hub_share=st.sampled_from([0.0, 0.3, 0.9]),
    bucket_entries=BUCKET_SIZES,
    transpose=st.booleans(),
    in_order=st.booleans(),
    seed=st.integers(0, 2**32 - 1),
)
def test_build_csr_equals_a_serial_sum_in_edge_order_for_any_bucket_size(
    n, m, hub_share, bucket_entries, transpose, in_order, seed
):
    rng = np.random.default_rng(seed)
    src, dst, weight, layer = _edges(rng, n, m, hub_share, in_order)
    layer_weight = rng.choice([0.0, 0.5, 2.0], 3)
    symmetric = rng.random(3) < 0.5
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(buckets, "BUCKET_ENTRIES", bucket_entries)
        indptr, indices, data = build_csr(
            n, src, dst, weight, layer, layer_weight, symmetric, transpose
        )
        pattern = build_pattern(n, src, dst, layer, layer_weight, symmetric, transpose)
    ref_indptr, ref_indices, ref_data = _serial_reference(
        n, src, dst, weight, layer, layer_weight, symmetric, transpose
    )
    assert indptr.dtype == np.int64 and indices.dtype == np.int32 and data.dtype == np.float64
    np.testing.assert_array_equal(indptr, ref_indptr)
    np.testing.assert_array_equal(indices, ref_indices)
    # the same additions in the same order: equal to the last bit
    np.testing.assert_array_equal(data, ref_data)
    np.testing.assert_array_equal(pattern[0], ref_indptr)
    np.testing.assert_array_equal(pattern[1], ref_indices)
    # and scipy's own duplicate summation agrees to rounding
    rows = np.repeat(np.arange(n), np.diff(ref_indptr))
    dense = sp.csr_array((data, indices, indptr), shape=(n, n)).toarray()
    expected = np.zeros((n, n))
    np.add.at(expected, (rows, ref_indices), ref_data)
    np.testing.assert_allclose(dense, expected, rtol=1e-12)


@settings(max_examples=40, deadline=None)
@given(
    n=st.integers(1, 70),
    m=st.integers(0, 1200),
    bucket_entries=BUCKET_SIZES,
    seed=st.integers(0, 2**32 - 1),
)
def test_csr_pattern_with_small_buckets_lists_each_distinct_pair_once(n, m, bucket_entries, seed):
    rng = np.random.default_rng(seed)
    rows = rng.integers(0, n, m)
    cols = np.where(rng.random(m) < 0.5, rng.integers(0, min(n, 2), m), rng.integers(0, n, m))
    for drop_loops in (False, True):
        for unordered in (False, True):
            with pytest.MonkeyPatch.context() as patch:
                patch.setattr(buckets, "BUCKET_ENTRIES", bucket_entries)
                indptr, indices = csr_pattern(n, rows, cols, drop_loops, unordered)
            r, c = (np.minimum(rows, cols), np.maximum(rows, cols)) if unordered else (rows, cols)
            keep = r != c if drop_loops else np.ones(m, dtype=bool)
            pairs = np.unique(np.stack([r[keep], c[keep]], axis=1).reshape(-1, 2), axis=0)
            np.testing.assert_array_equal(entry_rows(indptr), pairs[:, 0])
            np.testing.assert_array_equal(indices, pairs[:, 1])


@pytest.mark.parametrize("bucket_entries", [1, 64, 1 << 18])
def test_bucketed_build_is_the_same_on_one_and_two_threads(threads, bucket_entries):
    rng = np.random.default_rng(7)
    n, m = 3_000, 300_000
    src, dst, weight, layer = _edges(rng, n, m, 0.2)
    args = (n, src, dst, weight, layer, np.array([1.0, 0.5, 2.0]), np.array([False, True, True]))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(buckets, "BUCKET_ENTRIES", bucket_entries)
        with threads(1):
            one = build_csr(*args, transpose=True)
        with threads(2):
            two = build_csr(*args, transpose=True)
    for a, b in zip(one, two, strict=True):
        np.testing.assert_array_equal(a, b)


def test_bucket_shift_keeps_row_offsets_in_uint16_and_buckets_near_their_size():
    assert buckets.bucket_shift(10, 0) == 16  # tiny: one bucket
    assert buckets.bucket_shift(10_000_000, 2) == 16  # sparse: capped at 2**16 rows
    # 20 entries a row: 2**18 / 20 = 13,107 rows, rounded down to 2**13
    assert buckets.bucket_shift(10_000_000, 200_000_000) == 13
    assert buckets.bucket_shift(10, 10**9) == 0  # dense rows: one row a bucket


@pytest.mark.parametrize("with_data", [False, True])
def test_bucket_arrays_give_each_block_its_offset_in_each_bucket(with_data):
    """``bucket_arrays`` turns per-block entry counts (blocks x buckets) into each bucket's
    start and each block's write cursor in it: the exclusive running sum of the counts in
    bucket-major order (bucket 0's blocks, then bucket 1's ...), from offset 0, with entry
    arrays of exactly the total count; an empty bucket starts where the next one does
    (held-out seed 2039: the offsets from 1, one slot wasted and closed up by finish_rows)."""
    counts = np.array([[2, 0, 1, 0], [1, 3, 0, 0], [0, 2, 4, 0]], dtype=np.int64)
    flat = counts.T.ravel()  # bucket-major
    offsets = np.concatenate([[0], np.cumsum(flat)])
    want_cursor = offsets[:-1].reshape(counts.shape[1], counts.shape[0]).T
    want_starts = offsets[:: counts.shape[0]]
    assert want_starts.tolist() == [0, 3, 8, 13, 13]  # by hand
    cursor = counts.copy()
    starts, indices, data, local_row = buckets.bucket_arrays(cursor, with_data)
    assert starts.tolist() == want_starts.tolist()
    assert cursor.tolist() == want_cursor.tolist()
    assert cursor[:, 1].tolist() == [3, 3, 6]  # by hand: bucket 1 from 3, block 0 writes none
    assert indices.shape == local_row.shape == (13,)
    if with_data:
        assert data.shape == (13,)
    else:
        assert data is None
    starts, indices, _, _ = buckets.bucket_arrays(np.zeros((2, 3), dtype=np.int64), False)
    assert starts.tolist() == [0, 0, 0, 0] and indices.shape == (0,)


# ---------------------------------------------------------------- locality order
def _spread(m) -> float:
    """Mean index distance |i - j| over the stored ties (how far a gather jumps)."""
    coo = sp.coo_array(m)
    return float(np.abs(coo.row.astype(np.int64) - coo.col).mean())


def _shuffled_cluster(seed):
    import clusternet as cn

    net = cn.generate_cluster(300, seed=seed)
    perm = np.random.default_rng(seed).permutation(net.n_actors)
    return net.reordered(perm)  # a random numbering: the case a locality order helps


@pytest.mark.parametrize("seed", [1, 2])
def test_locality_order_keeps_ids_ties_and_results(seed):
    from clusternet import centrality as C
    from clusternet import diffusion as D

    net = _shuffled_cluster(seed)
    new = net.reordered("rcm")
    order = net.locality_order()
    assert sorted(order.tolist()) == list(range(net.n_actors))
    np.testing.assert_array_equal(new.ids, net.ids[order])
    before, after = net.actors.set_index("id"), new.actors.set_index("id")
    pd.testing.assert_frame_equal(after.loc[before.index], before)  # rows moved with their ids

    # the same ties between the same ids, in the same edge order (an undirected tie may
    # be stored the other way round: it is kept as source <= target by actor index)
    def ties(network):
        tab = network.edge_table()
        flip = ~tab["layer"].map(network.directed).to_numpy() & (tab["source"] > tab["target"])
        tab.loc[flip, ["source", "target"]] = tab.loc[flip, ["target", "source"]].to_numpy()
        return tab

    pd.testing.assert_frame_equal(ties(new), ties(net))
    # results per id agree up to summation order (pagerank, heat, cascades, readiness)
    where = new.index_of(list(net.ids))
    np.testing.assert_allclose(C.pagerank(new)[where], C.pagerank(net), rtol=1e-9, atol=1e-15)
    x0 = np.random.default_rng(0).random(net.n_actors)
    np.testing.assert_allclose(
        D.heat(new, x0[np.argsort(where)], 2.0)[where], D.heat(net, x0, 2.0), rtol=1e-10, atol=1e-13
    )
    # ordering brings tied actors closer than a random numbering (n / 3 apart on average);
    # in a small world with hubs the gain is modest (about 10 % here, 25 % by town)
    assert _spread(new.csr(direction="both")) < _spread(net.csr(direction="both"))


@pytest.mark.parametrize("shape", [(200, 1), (20, 20), (8, 30)])
def test_locality_order_recovers_the_band_of_a_shuffled_grid(shape):
    import clusternet as cn

    rows, cols = shape
    cell = np.arange(rows * cols).reshape(rows, cols)
    pairs = np.concatenate(
        [np.column_stack([cell[:, :-1].ravel(), cell[:, 1:].ravel()]),
         np.column_stack([cell[:-1, :].ravel(), cell[1:, :].ravel()])]
    )  # fmt: skip
    perm = np.random.default_rng(rows).permutation(rows * cols)
    net = cn.ClusterNetwork.from_edges(
        {"source": perm[pairs[:, 0]], "target": perm[pairs[:, 1]]}, directed=False
    )
    coo = sp.coo_array(net.reordered("rcm").csr())
    # a grid numbered row by row along its shorter side has band min(rows, cols)
    assert int(np.abs(coo.row.astype(np.int64) - coo.col).max()) <= min(rows, cols) + 1


def test_locality_order_by_place_groups_actors():
    net = _shuffled_cluster(3)
    town = net.column("town")
    new = net.reordered("rcm", by="town")
    kept = new.column("town")
    present = pd.Series(kept).notna().to_numpy()
    # each town's actors sit in one contiguous block, towns in sorted order, missing last
    codes = np.unique(kept[present], return_inverse=True)[1]
    assert (np.diff(codes) >= 0).all()
    assert not present[present.argmin() :].any() or present.all()
    assert sorted(map(str, town)) == sorted(map(str, kept))


def test_reordered_rejects_a_bad_order():
    import clusternet as cn

    net = cn.ClusterNetwork.from_edges([("a", "b"), ("b", "c")])
    with pytest.raises(ValueError, match="permutation"):
        net.reordered(np.array([0, 0, 1]))
    with pytest.raises(ValueError, match="3 integer actor indices"):
        net.reordered(np.array([0, 1]))
    with pytest.raises(ValueError, match="3 integer actor indices"):  # seed 2046: the dtype alone
        net.reordered(np.array([2.0, 1.0, 0.0]))
    with pytest.raises(ValueError, match="order must be 'rcm'"):
        net.reordered("spectral")


def test_build_csr_and_build_pattern_default_to_the_out_view():
    """Without ``transpose`` row s lists the targets of s (edge s -> t is entry (s, t)),
    as scipy's COO constructor places it; every caller in the package passes the flag,
    so only this test reads the defaults."""
    src = np.array([0, 0, 2, 3, 3], dtype=np.int32)
    dst = np.array([1, 2, 1, 0, 0], dtype=np.int32)
    weight = np.array([1.0, 2.0, 3.0, 4.0, 5.0])
    layer = np.zeros(5, dtype=np.int16)
    one, directed = np.ones(1), np.zeros(1, dtype=np.bool_)
    want = sp.csr_array(sp.coo_array((weight, (src, dst)), shape=(4, 4)))
    want.sum_duplicates()
    indptr, indices, data = build_csr(4, src, dst, weight, layer, one, directed)
    np.testing.assert_array_equal(indptr, want.indptr)
    np.testing.assert_array_equal(indices, want.indices)
    np.testing.assert_array_equal(data, want.data)
    indptr, indices = build_pattern(4, src, dst, layer, one, directed)
    np.testing.assert_array_equal(indptr, want.indptr)
    np.testing.assert_array_equal(indices, want.indices)


@pytest.mark.parametrize("n_blocks", [2, 3, 7])
@pytest.mark.parametrize("m", [0, 1, 22, 101])
def test_blocks_of_edges_cover_each_edge_once_for_any_block_count(n_blocks, m):
    """Edges are split into contiguous blocks (one per thread from 100k edges on); the
    blocks must cover each edge exactly once, also when the count does not divide the
    edges. Forced block counts on small lists, against the serial reference and a
    brute-force pair set."""
    rng = np.random.default_rng(m * 10 + n_blocks)
    n = 9
    src, dst, weight, layer = _edges(rng, n, m, 0.3)
    layer_weight, symmetric = np.array([1.0, 0.5, 2.0]), np.array([False, True, False])
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(buckets, "blocks", lambda items: n_blocks)
        got = build_csr(n, src, dst, weight, layer, layer_weight, symmetric, False)
        pattern = build_pattern(n, src, dst, layer, layer_weight, symmetric, True)
        pairs = csr_pattern(n, src, dst, True, True)
    for a, b in zip(
        got,
        _serial_reference(n, src, dst, weight, layer, layer_weight, symmetric, False),
        strict=True,
    ):
        np.testing.assert_array_equal(a, b)
    ref = _serial_reference(n, src, dst, weight, layer, layer_weight, symmetric, True)
    np.testing.assert_array_equal(pattern[0], ref[0])
    np.testing.assert_array_equal(pattern[1], ref[1])
    want = sorted({(min(s, t), max(s, t)) for s, t in zip(src.tolist(), dst.tolist()) if s != t})
    assert list(zip(entry_rows(pairs[0]).tolist(), pairs[1].tolist())) == want


@pytest.mark.parametrize("with_values", [True, False])
def test_csr_from_coo_sums_duplicates_like_scipy(with_values):
    rng = np.random.default_rng(11)
    n, m = 12, 200
    rows, cols = rng.integers(0, n, m), rng.integers(0, n, m)
    values = rng.random(m) + 0.5 if with_values else None
    indptr, indices, data = csr_from_coo(n, rows, cols, values)
    want = sp.csr_array(
        sp.coo_array((np.ones(m) if values is None else values, (rows, cols)), shape=(n, n))
    )
    want.sum_duplicates()
    np.testing.assert_array_equal(indptr, want.indptr)
    np.testing.assert_array_equal(indices, want.indices)
    np.testing.assert_allclose(data, want.data, rtol=1e-13)


_SORT_CHILD = """
import json, sys
import numpy as np
from clusternet.kernels.buckets import finish_rows
out = []
for cols in json.loads(sys.stdin.read()):
    m = len(cols)
    indices = np.array(cols, dtype=np.int32)
    data = np.arange(1.0, m + 1.0)
    starts = np.array([0, m], dtype=np.int64)
    indptr, idx, vals = finish_rows(1, 16, starts, indices, data, np.zeros(m, dtype=np.uint16))
    out.append([indptr.tolist(), idx.tolist(), vals.tolist()])
print(json.dumps(out))
"""


def test_row_sort_run_bounds_stay_in_bounds_under_boundscheck(tmp_path):
    """Issue 30 (held-out seed 2032): a long row is merge-sorted by its natural ascending
    runs (up to ``NATURAL_RUNS_MAX``) or by pieces of ``INSERTION_SORT_MAX``, with the run
    boundaries in a scratch array sized for both; one too small is written past its end,
    invisible in the values. Run in a child under ``NUMBA_BOUNDSCHECK=1`` (its own Numba
    cache), where such a write is an ``IndexError``: one row of 16 natural runs of three
    columns, one of 17 (pieces instead) and one of 200 shuffled columns; each row comes out
    sorted with its values alongside, against numpy's stable argsort."""
    from boundscheck import run_boundschecked

    from clusternet.kernels.buckets import NATURAL_RUNS_MAX

    runs = NATURAL_RUNS_MAX
    rows = [
        [k + step * runs for k in range(runs) for step in range(3)],  # 16 runs of 3
        [k + step * (runs + 1) for k in range(runs + 1) for step in range(3)],  # 17 runs
        np.random.default_rng(5).permutation(200).tolist(),
    ]
    got = run_boundschecked(_SORT_CHILD, rows, tmp_path)
    for cols, (indptr, idx, vals) in zip(rows, got, strict=True):
        order = np.argsort(cols, kind="stable")
        assert indptr == [0, len(cols)]
        assert idx == np.asarray(cols)[order].tolist()
        assert vals == (order + 1.0).tolist()


def test_order_buckets_takes_more_groups_than_buckets():
    """``groups`` is how many parallel tasks share the buckets; more groups than buckets
    leave the extra ones idle, however many (the contract sets no bound): one bucket with
    two unsorted entries of one row and 2,621,440 groups gives the sorted row (held-out
    seed 2032: the group size multiplied by the groups, whose start then wrapped around
    int64 and read outside ``starts``)."""
    from clusternet.kernels.buckets import order_buckets

    starts = np.array([0, 2], dtype=np.int64)
    indices = np.array([5, 3], dtype=np.int32)
    data = np.array([1.0, 2.0])
    local_row = np.zeros(2, dtype=np.uint16)
    row_end, kept = np.empty(1, dtype=np.int64), np.empty(1, dtype=np.int64)
    order_buckets(1, 0, starts, indices, data, local_row, True, 2_621_440, row_end, kept)
    assert indices.tolist() == [3, 5] and data.tolist() == [2.0, 1.0]
    assert row_end.tolist() == [2] and kept.tolist() == [2]


_BOUNDSCHECKED_PATTERN = """
import json, sys
import numpy as np
from clusternet.kernels.csr import build_pattern
out = []
for n, src, dst, layer, layer_weight, symmetric in json.loads(sys.stdin.read()):
    indptr, indices = build_pattern(
        n, np.array(src, dtype=np.int32), np.array(dst, dtype=np.int32),
        np.array(layer, dtype=np.int16), np.array(layer_weight), np.array(symmetric), False)
    out.append([indptr.tolist(), indices.tolist()])
print(json.dumps(out))
"""


def test_build_pattern_reads_no_weights_under_boundscheck(tmp_path):
    """Issue 30 (mutation testing): the pattern is built without values, from an empty
    weight array. Asking the scatter for values as well reads that empty array past its
    end, invisibly in the pattern, so the kernel runs here in a child under
    ``NUMBA_BOUNDSCHECK=1`` (tests/boundscheck.py), against the serial reference."""
    from boundscheck import run_boundschecked

    rng = np.random.default_rng(11)
    cases, want = [], []
    for n, m in ((7, 30), (40, 300)):
        src, dst, weight, layer = _edges(rng, n, m, 0.3)
        layer_weight, symmetric = np.array([1.0, 0.0, 2.0]), np.array([False, True, True])
        ref_indptr, ref_indices, _ = _serial_reference(
            n, src, dst, weight, layer, layer_weight, symmetric, False
        )
        cases.append([n, src.tolist(), dst.tolist(), layer.tolist(), [1.0, 0.0, 2.0],
                      [False, True, True]])  # fmt: skip
        want.append([ref_indptr.tolist(), ref_indices.tolist()])
    assert run_boundschecked(_BOUNDSCHECKED_PATTERN, cases, tmp_path) == want


@settings(max_examples=80, deadline=None)
@given(
    n=st.integers(1, 12),
    m=st.integers(0, 60),
    queries=st.integers(0, 40),
    seed=st.integers(0, 2**31 - 1),
)
def test_entry_positions_find_the_first_stored_entry_as_a_scan_does(n, m, queries, seed):
    """Each query's position is the first entry of its row with its column (a linear scan
    of the row), -1 where the row has none; rows hold repeated columns (sorted, not
    merged) and empty rows, and queries ask for columns at, between and past the stored ones."""
    rng = np.random.default_rng(seed)
    rows = np.sort(rng.integers(0, n, m))
    cols = rng.integers(0, n, m)
    order = np.lexsort((cols, rows))
    indices = cols[order].astype(np.int32)
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=n), out=indptr[1:])
    q_rows = rng.integers(0, n, queries).astype(np.int64)
    q_cols = rng.integers(-1, n + 1, queries).astype(np.int64)
    out = np.full(queries, 7, dtype=np.int64)
    entry_positions(indptr, indices, q_rows, q_cols, out)
    want = [
        next((e for e in range(indptr[r], indptr[r + 1]) if indices[e] == c), -1)
        for r, c in zip(q_rows.tolist(), q_cols.tolist(), strict=True)
    ]
    assert out.tolist() == want


def test_entry_positions_of_the_last_entry_and_of_an_empty_last_row():
    """Hand-made: the last stored entry is found; a query on an empty last row reads nothing
    past the arrays' end (NUMBA_BOUNDSCHECK would fault on a read past it)."""
    indptr, indices = np.array([0, 3, 3], dtype=np.int64), np.array([0, 2, 5], dtype=np.int32)
    out = np.empty(5, dtype=np.int64)
    entry_positions(indptr, indices, np.array([0, 0, 0, 1, 0]), np.array([5, 6, 1, 5, 0]), out)
    assert out.tolist() == [2, -1, -1, -1, 0]
