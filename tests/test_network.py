"""ClusterNetwork construction, views and validation."""

import re

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import clusternet as cn


def test_tiers_roles_and_canonical_edges(small_net):
    actors = small_net.actors
    assert actors["tier"].tolist() == ["core", "core", "auxiliary", "core", "external"]
    assert small_net.layers == ("transaction", "social", "service", "competition")
    assert small_net.directed == {
        "transaction": True,
        "social": False,
        "service": True,
        "competition": False,
    }
    src, dst, lay, w = small_net.edge_arrays
    assert src.dtype == np.int32 and dst.dtype == np.int32 and w.dtype == np.float64
    # undirected edges are stored with source <= target; directed keep their orientation
    und = np.isin(lay, [1, 3])
    assert np.all(src[und] <= dst[und])
    assert (src[0], dst[0]) == (1, 0)  # b -> a, transaction


def test_csr_by_hand(small_net):
    a = small_net.csr().toarray()
    expected = np.zeros((5, 5))
    expected[1, 0] += 2.0  # b->a transaction
    expected[0, 4] += 1.0  # a->e transaction
    expected[2, 0] += 0.5  # c->a service
    for u, v, w in [(0, 3, 1.0), (3, 0, 3.0), (0, 3, 1.5)]:  # social, undirected, parallel summed
        expected[u, v] += w
        expected[v, u] += w
    expected[3, 1] += 1.0
    expected[1, 3] += 1.0  # competition undirected
    np.testing.assert_array_equal(a, expected)
    np.testing.assert_array_equal(small_net.csr(direction="in").toarray(), expected.T)
    both = small_net.csr(direction="both").toarray()
    np.testing.assert_array_equal(both, both.T)
    np.testing.assert_array_equal(small_net.csr("social").toarray()[0, 3], 5.5)
    lw = small_net.csr(["transaction", "social"], layer_weights={"social": 2.0}).toarray()
    assert lw[0, 3] == 11.0 and lw[1, 0] == 2.0 and lw[2, 0] == 0.0


def test_csr_is_cached_and_sorted(small_net):
    m1 = small_net.csr()
    assert small_net.csr() is m1
    for r in range(m1.shape[0]):
        row = m1.indices[m1.indptr[r] : m1.indptr[r + 1]]
        assert np.all(np.diff(row) > 0)


@st.composite
def multiplexes(draw):
    n = draw(st.integers(1, 9))
    n_layers = draw(st.integers(1, 3))
    directed = draw(st.lists(st.booleans(), min_size=n_layers, max_size=n_layers))
    m = draw(st.integers(0, 40))
    src = draw(st.lists(st.integers(0, n - 1), min_size=m, max_size=m))
    dst = draw(st.lists(st.integers(0, n - 1), min_size=m, max_size=m))
    lay = draw(st.lists(st.integers(0, n_layers - 1), min_size=m, max_size=m))
    w = draw(st.lists(st.floats(0.1, 10.0), min_size=m, max_size=m))
    lw = draw(st.lists(st.floats(0.0, 3.0), min_size=n_layers, max_size=n_layers))
    return n, directed, src, dst, lay, w, lw


@settings(max_examples=150, deadline=None)
@given(multiplexes(), st.sampled_from(["out", "in", "both"]))
def test_csr_matches_dense_reference(case, direction):
    n, directed, src, dst, lay, w, lw = case
    names = [f"L{k}" for k in range(len(directed))]
    net = cn.ClusterNetwork.from_edges(
        (
            np.array(src, dtype=np.int64),
            np.array(dst, dtype=np.int64),
            np.array(lay, dtype=np.int64),
            np.array(w),
        ),
        directed=dict(zip(names, directed)),
        layers=names,
        n_actors=n,
        allow_self_loops=True,
    )
    dense = np.zeros((n, n))
    for s, t, k, x in zip(src, dst, lay, w):
        x = x * lw[k]
        if directed[k] and direction != "both":
            if direction == "out":
                dense[s, t] += x
            else:
                dense[t, s] += x
        else:
            dense[s, t] += x
            if s != t:
                dense[t, s] += x
    got = net.csr(layer_weights=lw, direction=direction)
    assert isinstance(got, sp.csr_array)
    np.testing.assert_allclose(got.toarray(), dense, rtol=1e-12, atol=0)


def test_supra_block_structure(small_net):
    omega = 0.7
    s = small_net.supra(omega).toarray()
    n, L = small_net.n_actors, len(small_net.layers)
    assert s.shape == (n * L, n * L)
    for a, la in enumerate(small_net.layers):
        for b in range(L):
            block = s[a * n : (a + 1) * n, b * n : (b + 1) * n]
            if a == b:
                np.testing.assert_array_equal(block, small_net.csr(la).toarray())
            else:
                np.testing.assert_array_equal(block, omega * np.eye(n))


def test_no_actor_table_uses_sorted_edge_ids():
    net = cn.ClusterNetwork.from_edges(pd.DataFrame({"source": [30, 10], "target": [20, 30]}))
    assert net.ids.tolist() == [10, 20, 30]
    assert net.actors["role"].tolist() == ["producer"] * 3
    assert net.layers == ("default",)


def test_subnetwork_and_with_edges(small_net):
    sub = small_net.subnetwork(tiers=["core"])
    assert sub.ids.tolist() == ["a", "b", "d"]
    assert set(sub.layers) == set(small_net.layers)
    assert sub.n_edges == 5  # b->a, a-d x2, d-a, d-b
    sub2 = small_net.subnetwork(actors=["a", "d"], layers="social")
    assert sub2.layers == ("social",) and sub2.n_edges == 3
    bigger = small_net.with_edges(
        pd.DataFrame({"source": ["e"], "target": ["c"], "layer": ["mentoring"]})
    )
    assert bigger.layers[-1] == "mentoring" and bigger.directed["mentoring"] is True
    assert bigger.n_edges == small_net.n_edges + 1
    assert small_net.n_edges == 7  # unchanged: immutable


def test_summary_and_repr(small_net):
    table = small_net.summary()
    assert table["layer"].tolist() == [*small_net.layers, "(all)"]
    social = table.set_index("layer").loc["social"]
    assert social["edges"] == 3
    assert social["density"] == pytest.approx(2 * 1 / (5 * 4))
    assert social["components"] == 4  # {a,d}, b, c, e
    assert "5 actors" in repr(small_net)
    counts = small_net.actor_counts()
    assert counts["actors"].sum() == 5


def test_empty_edge_table_is_allowed():
    net = cn.ClusterNetwork.from_edges(None, actors=pd.DataFrame({"id": [1, 2, 3]}))
    assert net.n_edges == 0 and net.csr().nnz == 0 and net.summary()["components"].iloc[-1] == 3


def test_an_empty_networks_text_columns_have_the_text_dtype_of_any_other():
    """Seed 2050, _network_input.py L192 (``== "pyarrow"`` -> ``!=``): ``text_column`` casts
    the tier column from Arrow where pandas keeps text in Arrow. Taking the object-array
    path instead keeps the values and, for one actor or more, the dtype (pandas infers its
    text dtype from an object array of strings), but an empty object array stays
    ``object``: the tier column of a network of no actors would not have the text dtype
    every other network's has. The reference is pandas's own dtype for strings,
    ``pd.Series(["core"]).dtype``, which a one-actor network's tier column also has."""
    text = pd.Series(["core"]).dtype
    if getattr(text, "storage", None) == "python":
        pytest.skip("pandas keeps text in Python objects here: the column is not cast")
    one = cn.ClusterNetwork.from_edges(None, actors=pd.DataFrame({"id": [1]}))
    assert one.actors["tier"].dtype == text and one.actors["tier"].tolist() == ["core"]
    for net in (
        cn.ClusterNetwork.from_edges(None, actors=[]),
        cn.ClusterNetwork.from_edges((np.zeros(0, np.int64), np.zeros(0, np.int64)), n_actors=0),
    ):
        assert net.n_actors == 0
        assert net.actors["tier"].dtype == text, net.actors["tier"].dtype
        # the helper that wrote this test found the role column object there: mended
        assert net.actors["role"].dtype == one.actors["role"].dtype == text


# ---------------------------------------------------------------- bad input
ACTORS = pd.DataFrame({"id": [1, 2, 3]})


@pytest.mark.parametrize(
    ("edges", "actors", "kwargs", "err", "match"),
    [
        (
            {"source": [1, 9], "target": [2, 1]},
            ACTORS,
            {},
            ValueError,
            "edge row 1 has unknown source actor id 9",
        ),
        (
            {"source": [1], "target": [2], "weight": [np.nan]},
            ACTORS,
            {},
            ValueError,
            "non-finite weight",
        ),
        (
            {"source": [1], "target": [2], "weight": [np.inf]},
            ACTORS,
            {},
            ValueError,
            "non-finite weight",
        ),
        (
            {"source": [1, 2], "target": [2, 3], "weight": [1, 0]},
            ACTORS,
            {},
            ValueError,
            "edge row 1 has weight 0",
        ),
        (
            {"source": [1], "target": [2], "weight": [-1.0]},
            ACTORS,
            {},
            ValueError,
            "weights must be > 0",
        ),
        (
            {"source": [1], "target": [2]},
            pd.DataFrame({"id": [1, 2], "role": ["producer", "wizard"]}),
            {},
            ValueError,
            "unknown role 'wizard' at actors row 1",
        ),
        (
            {"source": [1], "target": [2]},
            pd.DataFrame({"id": [1, 2], "tier": ["core", "space"]}),
            {},
            ValueError,
            "unknown tier 'space'",
        ),
        (
            {"source": [1], "target": [2]},
            pd.DataFrame(
                {"id": [1, 2], "role": ["producer", "university"], "tier": ["core", "core"]}
            ),
            {},
            ValueError,
            "contradicts role",
        ),
        (
            {"source": [1], "target": [2]},
            pd.DataFrame({"id": [1, 2, 1]}),
            {},
            ValueError,
            "duplicate actor id 1 at actors row 2",
        ),
        (  # two actors, one id: the smallest table the fast path must not wave through
            {"source": [1], "target": [1]},
            pd.DataFrame({"id": [1, 1]}),
            {},
            ValueError,
            "duplicate actor id 1 at actors row 1",
        ),
        (
            {"source": [1], "target": [2]},
            pd.DataFrame({"id": [1, "b"]}),
            {},
            TypeError,
            "mix types",
        ),
        ({"source": [1.5], "target": [2]}, None, {}, TypeError, "non-integer"),
        ({"source": [1, 2], "target": [2, 2]}, ACTORS, {}, ValueError, "edge row 1 is a self-loop"),
        (
            {"source": [1], "target": [2], "layer": ["x"]},
            ACTORS,
            {"layers": ["y"]},
            ValueError,
            "not among layers",
        ),
        (
            {"source": [1], "target": [2]},
            pd.DataFrame({"id": [1, 2], "absorptive_capacity": [0.5, 1.5]}),
            {},
            ValueError,
            "absorptive_capacity",
        ),
    ],
)
def test_bad_input_names_the_culprit(edges, actors, kwargs, err, match):
    with pytest.raises(err, match=match):
        cn.ClusterNetwork.from_edges(edges, actors=actors, **kwargs)


def test_self_loops_kept_when_allowed():
    net = cn.ClusterNetwork.from_edges(
        {"source": [1], "target": [1]}, actors=ACTORS, allow_self_loops=True
    )
    assert net.csr().toarray()[0, 0] == 1.0


def test_unknown_layer_in_query(small_net):
    with pytest.raises(ValueError, match="unknown layer 'nope'"):
        small_net.csr("nope")
    with pytest.raises(ValueError, match="direction"):
        small_net.csr(direction="sideways")
    with pytest.raises(ValueError, match="unknown actor id 'zz'"):
        small_net.index_of(["a", "zz"])


def test_too_many_actors_rejected(monkeypatch):
    import clusternet._network_data as network_data

    monkeypatch.setattr(network_data, "MAX_ACTORS", 3)
    with pytest.raises(ValueError, match="exceed the limit"):
        cn.ClusterNetwork.from_edges(None, actors=pd.DataFrame({"id": [1, 2, 3, 4]}))


def test_string_edge_ids_against_integer_actors():
    with pytest.raises(TypeError, match="another type"):
        cn.ClusterNetwork.from_edges({"source": ["1"], "target": ["2"]}, actors=ACTORS)


def test_csr_build_is_the_same_on_one_and_two_threads(threads):
    # blocks of edges write at their own offsets: the order within a row must not change
    from clusternet.kernels.csr import build_csr

    rng = np.random.default_rng(4)
    n, m = 2_000, 400_000
    src = rng.integers(0, n, m).astype(np.int32)
    dst = rng.integers(0, n, m).astype(np.int32)
    weight = rng.random(m) + 0.1
    layer = rng.integers(0, 3, m).astype(np.int16)
    args = (n, src, dst, weight, layer, np.array([1.0, 0.5, 2.0]), np.array([False, True, False]))
    with threads(1):
        one = build_csr(*args)
    with threads(2):
        two = build_csr(*args)
    for a, b in zip(one, two, strict=True):
        np.testing.assert_array_equal(a, b)
    dense = np.zeros((n, n))
    lw = np.array([1.0, 0.5, 2.0])
    np.add.at(dense, (src, dst), weight * lw[layer])
    sym = layer == 1
    np.add.at(
        dense,
        (dst[sym & (src != dst)], src[sym & (src != dst)]),
        (weight * 0.5)[sym & (src != dst)],
    )
    indptr, indices, data = two
    got = sp.csr_array((data, indices, indptr), shape=(n, n)).toarray()
    np.testing.assert_allclose(got, dense, rtol=1e-12)


@settings(max_examples=30, deadline=None)
@given(n=st.integers(1, 30), density=st.floats(0.0, 1.0), seed=st.integers(0, 2**32 - 1))
def test_restrict_equals_the_masked_product(n, density, seed):
    from clusternet.kernels.csr import kernel_arrays, restrict

    rng = np.random.default_rng(seed)
    dense = np.where(rng.random((n, n)) < density, rng.random((n, n)) + 0.1, 0.0)
    keep = rng.random(n) < 0.6
    a = sp.csr_array(dense)
    indptr, indices, data = restrict(*kernel_arrays(a), keep)
    got = sp.csr_array((data, indices, indptr), shape=(n, n))
    d = sp.diags_array(keep.astype(float))
    expected = sp.csr_array(d @ a @ d)
    expected.eliminate_zeros()
    np.testing.assert_array_equal(got.toarray(), expected.toarray())
    assert got.has_sorted_indices or got.nnz == 0


@settings(max_examples=40, deadline=None)
@given(n=st.integers(1, 25), m=st.integers(0, 80), seed=st.integers(0, 2**32 - 1))
def test_neighbour_bits_equal_the_column_sums_of_the_symmetric_adjacency(n, m, seed):
    from clusternet.kernels.adjacency import neighbour_bits

    rng = np.random.default_rng(seed)
    src = rng.integers(0, n, m).astype(np.int32)
    dst = rng.integers(0, n, m).astype(np.int32)  # self-loops and repeats included
    bits = rng.integers(0, 8, n).astype(np.uint8)
    dense = np.zeros((n, n))
    np.add.at(dense, (src, dst), 1.0)
    both = dense + dense.T
    expected = np.zeros(n, dtype=np.uint8)
    for b in range(3):
        members = (bits & (1 << b)) > 0
        expected |= ((both[:, members].sum(axis=1) > 0) * (1 << b)).astype(np.uint8)
    for chunks in (None, 1, 3):  # blocks of ties OR-ed together
        np.testing.assert_array_equal(neighbour_bits(src, dst, bits, chunks), expected)


@settings(max_examples=40, deadline=None)
@given(n=st.integers(1, 25), density=st.floats(0.0, 1.0), seed=st.integers(0, 2**32 - 1))
def test_partners_within_count_the_masked_block_without_its_diagonal(n, density, seed):
    from clusternet.kernels.adjacency import partners_within
    from clusternet.kernels.csr import kernel_arrays

    rng = np.random.default_rng(seed)
    upper = np.triu(rng.random((n, n)) < density)
    a = sp.csr_array((upper | upper.T).astype(float))
    members = rng.random(n) < 0.6
    out = np.full(n, -1, dtype=np.int64)
    indptr, indices, _ = kernel_arrays(a)
    partners_within(indptr, indices, members, out)
    block = sp.csr_array(a[members][:, members])
    block.setdiag(0)
    block.eliminate_zeros()
    np.testing.assert_array_equal(out[members], np.diff(block.indptr))
    assert (out[~members] == 0).all()


@settings(max_examples=40, deadline=None)
@given(n=st.integers(1, 30), m=st.integers(0, 120), seed=st.integers(0, 2**32 - 1))
def test_csr_pattern_lists_each_distinct_pair_once_in_row_then_column_order(n, m, seed):
    from clusternet.kernels.csr import csr_pattern, entry_rows

    rng = np.random.default_rng(seed)
    rows = rng.integers(0, n, m)
    cols = rng.integers(0, n, m)
    for drop_loops in (False, True):
        for unordered in (False, True):
            indptr, indices = csr_pattern(n, rows, cols, drop_loops, unordered)
            r, c = (np.minimum(rows, cols), np.maximum(rows, cols)) if unordered else (rows, cols)
            keep = r != c if drop_loops else np.ones(m, dtype=bool)
            pairs = np.unique(np.stack([r[keep], c[keep]], axis=1).reshape(-1, 2), axis=0)
            assert indices.dtype == np.int32 and indptr.dtype == np.int64
            np.testing.assert_array_equal(entry_rows(indptr), pairs[:, 0])
            np.testing.assert_array_equal(indices, pairs[:, 1])
            assert indptr[0] == 0 and indptr[-1] == len(pairs)


@settings(max_examples=40, deadline=None)
@given(n=st.integers(1, 30), density=st.floats(0.0, 1.0), seed=st.integers(0, 2**32 - 1))
def test_pattern_union_transpose_and_upper_match_scipy(n, density, seed):
    from clusternet.kernels.csr import csr_pattern
    from clusternet.kernels.patterns import (
        symmetric_pattern,
        transpose_pattern,
        union_patterns,
        upper_pattern,
    )

    rng = np.random.default_rng(seed)
    dense_a = rng.random((n, n)) < density
    dense_b = rng.random((n, n)) < density / 2

    def pattern(dense):  # independent of csr_pattern: scipy's canonical CSR
        m = sp.csr_array(dense.astype(float))
        m.sort_indices()
        return m.indptr.astype(np.int64), m.indices.astype(np.int32)

    def check(got, dense):
        indptr, indices = pattern(dense)
        assert got[0].dtype == np.int64 and got[1].dtype == np.int32
        np.testing.assert_array_equal(got[0], indptr)
        np.testing.assert_array_equal(got[1], indices)

    a = csr_pattern(n, *np.nonzero(dense_a))
    b = csr_pattern(n, *np.nonzero(dense_b))
    check(union_patterns(a, b), dense_a | dense_b)
    check(transpose_pattern(a), dense_a.T)
    check(symmetric_pattern(a), dense_a | dense_a.T)
    check(upper_pattern(a), np.triu(dense_a, 1))
    with pytest.raises(ValueError, match="rows"):
        union_patterns(a, (np.zeros(n + 2, dtype=np.int64), np.empty(0, dtype=np.int32)))


def test_text_column_equals_the_column_pandas_makes_of_the_object_array():
    from clusternet._network_input import text_column

    names = ["town-0", "town-1", "external", ""]
    codes = np.array([2, 0, 0, 3, 1, 2])
    got = pd.Series(text_column(names, codes))
    expected = pd.Series(np.asarray(names, dtype=object)[codes])
    assert got.dtype == expected.dtype
    pd.testing.assert_series_equal(got, expected)


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), direction=st.sampled_from(["out", "in", "both"]))
def test_neighbour_lists_are_the_pattern_of_the_weighted_view(seed, direction):
    from clusternet.kernels.csr import restrict

    rng = np.random.default_rng(seed)
    n, m = 12, 40
    edges = pd.DataFrame(
        {
            "source": rng.integers(0, n, m),
            "target": rng.integers(0, n, m),
            "layer": rng.choice(["social", "transaction", "advice"], m),
            "weight": rng.random(m) + 0.1,
        }
    )
    net = cn.ClusterNetwork.from_edges(
        edges, actors=np.arange(n), allow_self_loops=True, directed={"advice": True}
    )
    for layers in (None, ["social", "advice"], "transaction"):
        indptr, indices = net.neighbour_lists(layers, direction=direction)
        view = net.csr(layers, direction=direction)
        np.testing.assert_array_equal(indptr, view.indptr)
        np.testing.assert_array_equal(indices, view.indices)
        assert not indices.flags.writeable
        kept = rng.random(n) < 0.6
        p_indptr, p_indices, none = restrict(indptr, indices, None, kept)
        w_indptr, w_indices, _ = restrict(view.indptr, view.indices, view.data, kept)
        assert none is None
        np.testing.assert_array_equal(p_indptr, w_indptr)
        np.testing.assert_array_equal(p_indices, w_indices)


def test_union_of_patterns_with_different_row_counts_names_both():
    from clusternet.kernels.patterns import union_patterns

    a = (np.zeros(4, dtype=np.int64), np.empty(0, dtype=np.int32))
    b = (np.zeros(6, dtype=np.int64), np.empty(0, dtype=np.int32))
    with pytest.raises(ValueError, match=r"^patterns of 3 and 5 rows$"):
        union_patterns(a, b)


def test_standard_layers_directed_as_documented_technology_undirected():
    """Mutation survivor roles.py L34: the technology layer is undirected by default.

    ``STANDARD_LAYERS``: transaction (supplier -> buyer) and service (auxiliary -> core)
    are directed, technology, social and competition are not; a network built without
    ``directed`` takes these flags, so one technology tie ``0 -> 1`` is a tie both ways.
    """
    from clusternet.roles import STANDARD_LAYERS

    assert STANDARD_LAYERS == {
        "transaction": True,
        "technology": False,
        "social": False,
        "service": True,
        "competition": False,
    }
    edges = pd.DataFrame(
        {
            "source": [0, 2, 3],
            "target": [1, 3, 4],
            "layer": ["technology", "transaction", "social"],
        }
    )
    net = cn.ClusterNetwork.from_edges(edges, n_actors=5)
    assert net.directed == {"transaction": True, "technology": False, "social": False}
    tech = net.csr(layers=["technology"], direction="out").toarray()
    assert tech[0, 1] == 1 and tech[1, 0] == 1
    trans = net.csr(layers=["transaction"], direction="out").toarray()
    assert trans[2, 3] == 1 and trans[3, 2] == 0


def _tie_set(net: cn.ClusterNetwork) -> set[tuple]:
    """Ties as (source id, target id, layer, weight), undirected pairs in id order."""
    table = net.edge_table()
    out = set()
    for s, t, layer, w in table[["source", "target", "layer", "weight"]].itertuples(index=False):
        if not net.directed[layer]:
            s, t = sorted((s, t))
        out.add((s, t, layer, float(w)))
    return out


def test_subnetwork_by_ids_keeps_exactly_those_actors_and_their_ties(small_net):
    """Issue 30 (mutation testing): a list of ids selects those actors only (a mutant that
    kept every actor passed, because the earlier test counted ties only)."""
    sub = small_net.subnetwork(actors=["d", "a", "e"])
    assert sub.ids.tolist() == ["a", "d", "e"]
    table = small_net.edge_table()
    inside = table[table["source"].isin(["a", "d", "e"]) & table["target"].isin(["a", "d", "e"])]
    assert len(inside) == 4  # a->e and the three social a-d ties; not b->a, c->a, d-b
    want = {
        (s, t, lay, float(w)) if small_net.directed[lay] else (*sorted((s, t)), lay, float(w))
        for s, t, lay, w in inside[["source", "target", "layer", "weight"]].itertuples(index=False)
    }
    assert _tie_set(sub) == want


def test_supra_with_zero_coupling_is_the_block_diagonal_of_the_layers(small_net):
    """Issue 30: omega = 0 is a legal coupling (layers uncoupled), not an error."""
    got = small_net.supra(0.0).toarray()
    want = sp.block_diag([small_net.csr(layer) for layer in small_net.layers]).toarray()
    np.testing.assert_array_equal(got, want)


def test_with_edges_refuses_a_self_loop_unless_allowed(small_net):
    """Issue 30: ``with_edges`` keeps from_edges' default of refusing self-loops."""
    loop = pd.DataFrame({"source": ["a"], "target": ["a"], "layer": ["social"]})
    with pytest.raises(ValueError, match="self-loop on actor 'a'"):
        small_net.with_edges(loop)
    kept = small_net.with_edges(loop, allow_self_loops=True)
    assert ("a", "a", "social", 1.0) in _tie_set(kept)


def test_reordered_keeps_every_directed_tie_pointing_the_same_way():
    """Issue 30: renumbering swaps undirected pairs into canonical order, never a directed
    tie (a directed chain c->b->a renumbered so that every tie points from a higher to a
    lower position, and an undirected tie)."""
    edges = pd.DataFrame(
        {
            "source": ["c", "b", "a"],
            "target": ["b", "a", "c"],
            "layer": ["transaction", "transaction", "social"],
        }
    )
    net = cn.ClusterNetwork.from_edges(edges)
    for order in (np.array([0, 1, 2]), np.array([2, 1, 0]), np.array([1, 2, 0])):
        new = net.reordered(order)
        assert _tie_set(new) == _tie_set(net)
        src, dst, lay, _ = new.edge_arrays
        und = ~np.array([new.directed[name] for name in new.layers])[lay]
        assert np.all(src[und] <= dst[und])


def test_summary_density_counts_pairs_of_distinct_actors_as_networkx_without_loops():
    """Issue 30 (mutation testing found it): a layer's density counted self-loops as tied
    pairs (3 loops on 3 actors read as density 1) while the pooled row left them out. Both
    now equal networkx's density of the graph with its self-loops removed."""
    nx = pytest.importorskip("networkx")
    edges = pd.DataFrame(
        {
            "source": ["a", "b", "c", "a", "a", "b", "c"],
            "target": ["a", "b", "c", "b", "b", "c", "a"],
            "layer": ["social"] * 3 + ["social", "transaction", "transaction", "transaction"],
        }
    )
    net = cn.ClusterNetwork.from_edges(
        edges, directed={"social": False, "transaction": True}, allow_self_loops=True
    )
    table = net.summary().set_index("layer")
    for layer, graph in (("social", nx.Graph()), ("transaction", nx.DiGraph())):
        graph.add_nodes_from(net.ids)
        part = edges[edges["layer"] == layer]
        graph.add_edges_from(zip(part["source"], part["target"], strict=True))
        graph.remove_edges_from(list(nx.selfloop_edges(graph)))
        assert table.loc[layer, "density"] == pytest.approx(nx.density(graph), rel=1e-12)
    pooled = nx.Graph()
    pooled.add_nodes_from(net.ids)
    pooled.add_edges_from(zip(edges["source"], edges["target"], strict=True))
    pooled.remove_edges_from(list(nx.selfloop_edges(pooled)))
    # the pooled row reads the symmetric view: each unordered pair twice over n (n - 1)
    assert table.loc["(all)", "density"] == pytest.approx(nx.density(pooled), rel=1e-12)
    single = cn.ClusterNetwork.from_edges(
        pd.DataFrame({"source": ["a"], "target": ["a"]}), allow_self_loops=True
    )
    assert single.summary()["density"].tolist() == [0.0, 0.0]  # n < 2: no pairs, as networkx


def test_locality_order_of_an_empty_network_is_the_empty_permutation():
    """Issue 30: scipy's RCM refuses a graph without nodes; the order of no actors is empty."""
    empty = cn.ClusterNetwork.from_edges(None, actors=pd.DataFrame({"id": []}))
    order = empty.locality_order()
    assert order.dtype == np.int64 and order.shape == (0,)
    assert empty.reordered().n_actors == 0


def test_locality_order_by_a_column_groups_sorted_with_missing_values_last(small_net):
    """Issue 30: ``by`` groups actors by the column's sorted values, missing values last,
    keeping the RCM order within a group."""
    plain = small_net.locality_order()
    order = small_net.locality_order(by="town")
    towns = small_net.column("town")
    assert sorted(order.tolist()) == list(range(small_net.n_actors))
    assert [towns[k] for k in order[:4]] == ["x", "x", "y", "z"]
    assert pd.isna(towns[order[4]])
    rank = {k: pos for pos, k in enumerate(plain.tolist())}
    xs = [k for k in order if towns[k] == "x"]
    assert [rank[k] for k in xs] == sorted(rank[k] for k in xs)  # RCM order kept inside


def test_reordered_names_the_first_actor_a_non_permutation_leaves_out(small_net):
    """Issue 30: an order that repeats an index names the first missing actor."""
    with pytest.raises(ValueError, match="order is not a permutation: actor 1 is missing"):
        small_net.reordered(np.array([0, 0, 2, 3, 4]))
    with pytest.raises(ValueError, match="actor 3 is missing"):
        small_net.reordered(np.array([0, 1, 2, 4, 4]))


def test_edges_as_a_list_of_pairs_or_an_array_equal_the_table_form():
    """Issue 30 (mutation testing of ``_network_input``): a list of (source, target) pairs,
    a 2-column array and a 3-column array with weights build the network the DataFrame
    form builds; an empty 2-column array builds a network without ties."""
    table = pd.DataFrame({"source": ["a", "c", "b"], "target": ["c", "b", "d"]})
    want = _tie_set(cn.ClusterNetwork.from_edges(table))
    assert want == {
        ("a", "c", "default", 1.0),
        ("c", "b", "default", 1.0),
        ("b", "d", "default", 1.0),
    }
    pairs = [("a", "c"), ("c", "b"), ("b", "d")]
    assert _tie_set(cn.ClusterNetwork.from_edges(pairs)) == want
    assert _tie_set(cn.ClusterNetwork.from_edges(np.array(pairs))) == want
    weighted = cn.ClusterNetwork.from_edges(np.array([[0, 1, 2.5], [1, 2, 0.5]]))
    assert weighted.ids.tolist() == [0, 1, 2]
    assert _tie_set(weighted) == {(0, 1, "default", 2.5), (1, 2, "default", 0.5)}
    none = cn.ClusterNetwork.from_edges(np.empty((0, 2)), actors=pd.DataFrame({"id": [1, 2]}))
    assert none.n_actors == 2 and none.n_edges == 0


def test_the_actor_limit_is_the_largest_int32_index():
    """Issue 30: actor indices are int32, so at most 2**31 - 1 actors (the int32 maximum)."""
    from clusternet._network_input import MAX_ACTORS

    assert MAX_ACTORS == np.iinfo(np.int32).max


def _actors(**columns) -> pd.DataFrame:
    return pd.DataFrame({"id": [5, 7, 9, 11], **columns})


def test_external_flags_read_from_text_and_mixed_columns():
    """Issue 30 (mutation testing of ``_network_input``): text and mixed 'external' columns
    are read value by value; a word that is not a boolean names its row and id."""
    mixed = _actors(external=pd.Series(["yes", False, " No ", 1], dtype=object))
    net = cn.ClusterNetwork.from_edges(None, actors=mixed)
    assert net.column("external").tolist() == [True, False, False, True]
    text = _actors(external=["false", "TRUE", "0", "n"])
    net = cn.ClusterNetwork.from_edges(None, actors=text)
    assert net.column("external").tolist() == [False, True, False, False]
    with pytest.raises(ValueError, match=r"'external' at actors row 2 \(id 9\) is 'maybe'"):
        cn.ClusterNetwork.from_edges(None, actors=_actors(external=["no", "yes", "maybe", "no"]))


def test_unit_interval_columns_accept_both_ends():
    """Issue 30: 0 and 1 lie inside [0, 1] (quality, absorptive capacity, R&D intensity)."""
    table = _actors(quality=[0.0, 1.0, 0.5, np.nan], absorptive_capacity=[1.0, 0.0, 1.0, 0.2])
    net = cn.ClusterNetwork.from_edges(None, actors=table)
    np.testing.assert_array_equal(net.column("quality")[:3], [0.0, 1.0, 0.5])
    with pytest.raises(ValueError, match="quality"):
        cn.ClusterNetwork.from_edges(None, actors=_actors(quality=[0.0, 1.0 + 1e-12, 0.5, 0.5]))


def test_layer_codes_and_names_are_checked_row_by_row():
    """Issue 30: a negative integer layer code and a missing layer name name their row."""
    src, dst = np.array([5, 7, 9]), np.array([7, 9, 11])
    with pytest.raises(ValueError, match="edge row 1 has layer code -1"):
        cn.ClusterNetwork.from_edges(
            (src, dst, np.array([0, -1, 0])), actors=_actors(), layers=["trade"]
        )
    with pytest.raises(ValueError, match="edge row 2 has layer code 1"):
        cn.ClusterNetwork.from_edges(
            (src, dst, np.array([0, 0, 1])), actors=_actors(), layers=["trade"]
        )
    with pytest.raises(ValueError, match="edge row 1 has a missing layer name"):
        cn.ClusterNetwork.from_edges(
            (src, dst, np.array(["trade", None, "trade"], dtype=object)), actors=_actors()
        )


def test_endpoint_ids_of_another_type_name_the_first_actor_id():
    """Issue 30: text endpoints against integer actor ids name an actor id as the example."""
    with pytest.raises(TypeError, match=r"source id '5' is of another type .*\(e\.g\. 5\)"):
        cn.ClusterNetwork.from_edges(
            pd.DataFrame({"source": ["5"], "target": ["7"]}), actors=_actors()
        )


def test_an_array_of_edges_needs_two_or_three_columns():
    """Issue 30: a 4-column array is not an edge list (a TypeError saying what is)."""
    with pytest.raises(TypeError, match="edges must be a DataFrame"):
        cn.ClusterNetwork.from_edges(np.zeros((2, 4)))
    with pytest.raises(TypeError, match="edges must be a DataFrame"):
        cn.ClusterNetwork.from_edges(np.array([]), actors=_actors())  # 1-d: not a list of ties


# round 9: the held-out sample (seed 2027) of _network_input.py's mutants. Each case has
# two offending entries (or a wrong length in a later column): the message must name the
# first one, counted by hand.
@pytest.mark.parametrize(
    ("edges", "kwargs", "err", "match"),
    [
        # two missing source ids, at positions 2 and 4: the first is named (L73)
        (
            {"source": np.array([0.0, 1.0, np.nan, 2.0, np.nan]), "target": [1, 2, 3, 4, 0]},
            {},
            ValueError,
            r"missing or non-finite id at position 2$",
        ),
        # integral 1.0 first, then 2.5 and 4.5: the first non-integer is named (L77)
        (
            {"source": np.array([1.0, 2.5, 3.0, 4.5]), "target": [1, 2, 3, 4]},
            {},
            TypeError,
            r"non-integer numeric id 2\.5 at position 1$",
        ),
        # a dict whose target column is one short: measured against the source (L137)
        (
            {"source": [0, 1, 2], "target": [1, 2]},
            {},
            ValueError,
            r"edge column 'target' has 2 values, expected 3$",
        ),
        # a tuple whose second array is one short is array 1 (L148)
        (([0, 1, 2], [1, 2]), {}, ValueError, r"edge array 1 has 2 values, expected 3$"),
        # ids exactly 0..2 (the fast path), unknown targets 7 and 9 on rows 1 and 2 (L307)
        (
            ([0, 1, 2], [1, 7, 9]),
            {"actors": [0, 1, 2]},
            ValueError,
            r"edge row 1 has unknown target actor id 7$",
        ),
        (
            ([0, 1, 2], [1, 7, 9]),
            {"n_actors": 3},
            ValueError,
            r"edge row 1 has unknown target actor id 7$",
        ),
    ],
)
def test_edge_input_errors_name_the_first_offender(edges, kwargs, err, match):
    with pytest.raises(err, match=match):
        cn.ClusterNetwork.from_edges(edges, **kwargs)


def test_supra_takes_the_layers_given_in_their_order():
    """Round 9, held-out sample (seed 2027) of network.py (L1005): ``layers=`` picks the
    blocks and their order; the matrix is assembled here from ``csr`` by hand."""
    edges = pd.DataFrame(
        {
            "source": ["a", "b", "a", "c"],
            "target": ["b", "c", "c", "a"],
            "layer": ["transaction", "transaction", "social", "service"],
        }
    )
    net = cn.ClusterNetwork.from_edges(edges)
    eye = np.eye(net.n_actors)
    for chosen in (["service"], ["social", "transaction"], ["transaction", "service", "social"]):
        blocks = [[net.csr(b).toarray() if a == b else 0.5 * eye for b in chosen] for a in chosen]
        np.testing.assert_array_equal(
            net.supra(omega=0.5, layers=chosen).toarray(), np.block(blocks)
        )


def test_from_edges_owns_its_weights_and_leaves_the_callers_array_writeable():
    """Round 9, held-out sample (L271): the network copies a float64 weight array it was
    given (its arrays are read-only), so the caller's array stays writeable and a later
    write to it does not reach the network."""
    weight = np.array([2.0, 3.0])
    net = cn.ClusterNetwork.from_edges({"source": [0, 1], "target": [1, 2], "weight": weight})
    assert weight.flags.writeable
    weight[:] = 7.0
    np.testing.assert_array_equal(net.edge_arrays[3], [2.0, 3.0])


def test_summary_mean_degree_by_hand():
    """Round 9, held-out sample (L1398): a layer's mean degree is its stored ties over the
    actors: 3 undirected ties on 4 actors give 2 * 3 / 4 = 1.5, 1 directed tie 1 / 4."""
    edges = pd.DataFrame(
        {
            "source": [0, 1, 2, 0],
            "target": [1, 2, 3, 3],
            "layer": ["social", "social", "social", "transaction"],
        }
    )
    net = cn.ClusterNetwork.from_edges(edges, directed={"social": False, "transaction": True})
    table = net.summary().set_index("layer")
    assert table.loc["social", "mean_degree"] == 1.5
    assert table.loc["transaction", "mean_degree"] == 0.25


@pytest.mark.parametrize(
    "actors_kw",
    [{"n_actors": 3}, {"actors": pd.DataFrame({"id": [0, 1, 2]})}],
    ids=["n_actors", "actors_0_to_n"],
)
def test_endpoints_that_are_not_integers_are_refused_when_the_ids_are_0_to_n(actors_kw):
    """Round 10, held-out sample (seed 2028) of _network_input.py (L302): only integer
    endpoints take the fast path for ids 0..n-1; a float 0.5 would be cut to actor 0 there,
    and booleans read as 0 and 1. Both are refused by name; integral floats are ids."""
    with pytest.raises(TypeError, match=r"^edge source ids has a non-integer numeric id 0\.5"):
        cn.ClusterNetwork.from_edges({"source": [0.5], "target": [2]}, **actors_kw)
    with pytest.raises(TypeError, match=r"^edge target ids are booleans"):
        cn.ClusterNetwork.from_edges(
            {"source": np.array([0, 1]), "target": np.array([True, False])}, **actors_kw
        )
    net = cn.ClusterNetwork.from_edges({"source": [0.0, 1.0], "target": [2.0, 2.0]}, **actors_kw)
    assert net.edges[["source", "target"]].values.tolist() == [[0, 2], [1, 2]]


@pytest.mark.parametrize(
    "edges, match",
    [
        (
            {"source": np.array([[0, 1], [1, 2]]), "target": [1, 2]},
            "edge column 'source' has shape (2, 2)",
        ),
        (
            {"source": [0, 1], "target": [1, 2], "weight": [[1.0], [2.0]]},
            "edge column 'weight' has shape (2, 1)",
        ),
        ({"source": 0, "target": 1}, "edge column 'source' has shape ()"),
        ((np.array([[0, 1], [1, 2]]), [1, 2]), "edge array 0 has shape (2, 2)"),
        (([0, 1], [1, 2], ["a", "b"], 5.0), "edge array 3 has shape ()"),
    ],
)
def test_edge_columns_that_are_not_1d_are_refused_by_name(edges, match):
    """Round 10: a 2-D (or scalar) column in a dict or tuple of edges gave numpy's own
    error about concatenating, or an IndexError with ``n_actors``; now a ValueError that
    names the column and its shape."""
    for kwargs in ({}, {"n_actors": 3}):
        with pytest.raises(
            ValueError, match="^" + re.escape(match) + r"; each (column|array) is 1-D$"
        ):
            cn.ClusterNetwork.from_edges(edges, **kwargs)


def test_a_repeated_column_name_is_refused_by_name():
    """Round 27 (a referee of an old equivalence argument): a DataFrame with two columns of
    one name gave ``table[name]`` as a two-column frame, whose rows were read as pair ids,
    and the error named their type ("ndarray"); now the table and the name are named. Edge
    columns the network does not read may repeat; actor columns are all kept, so none may."""
    twice = pd.DataFrame([["a", "b", "b", "c"]], columns=["source", "source", "target", "target"])
    with pytest.raises(ValueError, match="^edge table has 2 columns named 'source'; give each"):
        cn.ClusterNetwork.from_edges(twice, directed=False)
    edges = pd.DataFrame({"source": ["a"], "target": ["b"], "note": [1]})
    extra = pd.concat([edges, edges[["note"]]], axis=1)  # "note" twice: not read
    assert cn.ClusterNetwork.from_edges(extra).n_edges == 1
    for columns, name in ((["id", "id"], "id"), (["id", "size", "size"], "size")):
        actors = pd.DataFrame([["a"] * len(columns), ["b"] * len(columns)], columns=columns)
        with pytest.raises(ValueError, match=f"^actor table has 2 columns named '{name}'"):
            cn.ClusterNetwork.from_edges(edges, actors)


def test_n_actors_outside_its_range_is_refused():
    """Round 10, held-out sample (seed 2028) of network.py (L238): n_actors below 0 or above
    MAX_ACTORS is refused by name (checked in this order: the mutant that accepts -1 must
    not reach the 2**31-actor allocation); 0 actors and no edges is a network."""
    from clusternet._network_input import MAX_ACTORS

    for bad in (-1, MAX_ACTORS + 1):
        with pytest.raises(
            ValueError, match=rf"^n_actors must lie in \[0, {MAX_ACTORS}\], got {bad}$"
        ):
            cn.ClusterNetwork.from_edges(None, n_actors=bad)
    assert cn.ClusterNetwork.from_edges(None, n_actors=0).n_actors == 0


def test_subnetwork_by_a_boolean_mask_keeps_the_masked_actors_and_their_ties():
    """Round 10, held-out sample (seed 2028) of network.py (L1104): a boolean mask keeps the
    actors it marks; the ties kept are those with both ends kept, listed here by hand from
    the edge table, and a mask equals the list of its ids."""
    edges = pd.DataFrame(
        {
            "source": ["a", "b", "c", "a", "d"],
            "target": ["b", "c", "d", "d", "e"],
            "layer": ["x", "x", "x", "y", "y"],
            "weight": [1.0, 2.0, 3.0, 4.0, 5.0],
        }
    )
    net = cn.ClusterNetwork.from_edges(edges, directed=False)
    mask = np.isin(net.ids, ["a", "c", "d"])
    sub = net.subnetwork(mask)
    assert sub.ids.tolist() == ["a", "c", "d"]
    kept = [
        [sub.ids[s], sub.ids[t], sub.layers[k], w]
        for s, t, k, w in sub.edges[["source", "target", "layer", "weight"]].itertuples(index=False)
    ]
    assert kept == [["c", "d", "x", 3.0], ["a", "d", "y", 4.0]]
    by_ids = net.subnetwork(["a", "c", "d"]).edges
    pd.testing.assert_frame_equal(sub.edges, by_ids)
    with pytest.raises(ValueError, match=r"^actor mask has shape \(2,\), expected \(5,\)$"):
        net.subnetwork(np.array([True, False]))


def test_an_edge_array_of_one_row_is_one_edge():
    """Round 10, re-sampled _network_input.py (seed 2026, L154): an (E, 2|3) array returns
    empty columns only for E = 0; one row is one edge (with its weight for E x 3), and an
    empty (0, 3) array with n_actors is a network without ties."""
    net = cn.ClusterNetwork.from_edges(np.array([[3, 7]]))
    assert net.ids.tolist() == [3, 7]
    assert net.edges.values.tolist() == [[0, 1, 0, 1.0]]
    net = cn.ClusterNetwork.from_edges(np.array([[0, 1, 2.5]]), n_actors=2)
    assert net.edges.values.tolist() == [[0, 1, 0, 2.5]]
    assert cn.ClusterNetwork.from_edges(np.empty((0, 3)), n_actors=2).n_edges == 0


def test_a_tier_of_external_flags_the_actor_external():
    """Round 10, re-sampled _network_input.py (seed 2026, L244): an actors table may say
    tier "external" instead of an ``external`` flag; the flag is then set for that actor
    and kept for actors flagged already (roles give the other tiers: producer core,
    university auxiliary)."""
    actors = pd.DataFrame(
        {
            "id": ["a", "b", "c", "d"],
            "role": ["producer", "university", "producer", "producer"],
            "tier": ["core", "auxiliary", "external", "external"],
            "external": [False, False, False, True],
        }
    )
    for table in (actors, actors.drop(columns="external")):
        net = cn.ClusterNetwork.from_edges({"source": ["a"], "target": ["b"]}, actors=table)
        assert net.actors["tier"].tolist() == ["core", "auxiliary", "external", "external"]
        assert net.actors["external"].tolist() == [False, False, True, True]


def test_unsigned_ids_above_int64_are_refused_not_wrapped():
    """Round 10, found with the re-sampled _network_input.py (seed 2026, L304): uint64 ids
    of 2**63 or more were cast to int64 and wrapped, so actor 2**63 became
    -9223372036854775808 and an edge to 2**64 - 1 named actor -1. They are refused by name;
    uint64 ids below 2**63 are ids as before."""
    big = np.array([2**63, 5], dtype=np.uint64)
    with pytest.raises(
        ValueError,
        match=r"^actor ids has an id 9223372036854775808 above 2\*\*63 - 1 at position 0$",
    ):
        cn.ClusterNetwork.from_edges(
            {"source": [5], "target": [5]}, actors=pd.DataFrame({"id": big}), allow_self_loops=True
        )
    edges = {
        "source": np.array([1, 2**64 - 1], dtype=np.uint64),
        "target": np.array([3, 1], dtype=np.uint64),
    }
    with pytest.raises(
        ValueError,
        match=r"^edge source ids has an id 18446744073709551615 above 2\*\*63 - 1 at position 1$",
    ):
        cn.ClusterNetwork.from_edges(edges, actors=pd.DataFrame({"id": [0, 1, 3]}))
    with pytest.raises(
        ValueError,
        match=r"^edge ids has an id 18446744073709551615 above 2\*\*63 - 1 at position 1$",
    ):
        cn.ClusterNetwork.from_edges(edges)
    ok = {
        "source": np.array([2**63 - 1], dtype=np.uint64),
        "target": np.array([0], dtype=np.uint64),
    }
    assert cn.ClusterNetwork.from_edges(ok).ids.tolist() == [0, 2**63 - 1]


@pytest.mark.parametrize(
    ("ids", "first"),
    [
        (["a", "b", 2.5], "2.5 at position 2"),  # a float among strings
        (["a", True, "b"], "True at position 1"),  # a bool is no integer id here
        ([1, "a", None], "None at position 2"),  # ints and strings mix; None is unusable
    ],
)
def test_mixed_ids_name_the_first_id_that_is_neither_an_integer_nor_a_string(ids, first):
    """Held-out seed 2031: the message must point at the first id that is not a string or
    a (non-bool) integer, not at the first usable one."""
    actors = pd.DataFrame({"id": ["a", "b", "c"], "role": ["producer"] * 3})
    source = np.array(ids, dtype=object)
    with pytest.raises(TypeError, match=f"first unusable id {first}$"):
        cn.ClusterNetwork.from_edges((source, np.array(["b", "c", "a"], dtype=object)), actors)


@pytest.mark.parametrize("columns", [0, 1, 2, 3])
def test_an_empty_edge_array_of_any_width_is_a_network_without_ties(columns):
    """A 2-d edge array without rows (float, as ``np.empty`` makes it) is no ties, whatever
    its width: integer actor ids stay integers and the network has its actors and no edge
    (held-out seed 2031: the empty check read the column count, and a one-column empty
    array failed on its missing target column)."""
    actors = pd.DataFrame({"id": [3, 7], "role": ["producer"] * 2})
    net = cn.ClusterNetwork.from_edges(np.empty((0, columns)), actors)
    assert (net.n_actors, net.n_edges) == (2, 0)
    assert list(net.ids) == [3, 7]


def test_an_unsigned_id_past_int64_is_an_unknown_actor_of_its_edge_row():
    """Actors 0..n-1 and a uint64 edge id 2**64 - 1: the ids are positions, so the id is
    an unknown actor, named with its edge row (held-out seed 2032: the positions' fast
    path skipped, and the general path refused the id as too large for int64 instead)."""
    actors = pd.DataFrame({"id": [0, 1, 2], "role": ["producer"] * 3})
    source = np.array([0, 1, 2**64 - 1], dtype=np.uint64)
    target = np.array([1, 2, 0], dtype=np.uint64)
    with pytest.raises(
        ValueError, match=r"^edge row 2 has unknown source actor id 18446744073709551615$"
    ):
        cn.ClusterNetwork.from_edges((source, target), actors)


@pytest.mark.parametrize("omega", [-1.0, -1e-300, float("inf"), float("nan")])
def test_supra_refuses_an_interlayer_weight_that_is_negative_or_not_finite(omega):
    """``omega`` must be finite and >= 0: each of a negative, an infinite and a missing
    weight is refused by name (held-out seed 2032: only a weight both non-finite and
    negative was refused), and 0 is accepted (no interlayer ties)."""
    edges = pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"], "layer": ["x", "y"]})
    net = cn.ClusterNetwork.from_edges(edges)
    with pytest.raises(ValueError, match=r"^omega must be finite and >= 0, got "):
        net.supra(omega=omega)
    assert net.supra(omega=0.0).nnz == 2


def test_an_actors_table_overrides_n_actors_and_its_order_maps_the_ids():
    """``n_actors`` is read only without an actors table: with one, integer ids map through
    the table's order, not as positions (held-out seed 2033: taking the positional fast
    path whenever an actors table came with ``n_actors`` survived)."""
    actors = pd.DataFrame({"id": [2, 0, 1]})
    net = cn.ClusterNetwork.from_edges(np.array([[2, 0]]), actors, n_actors=3)
    assert net.ids.tolist() == [2, 0, 1]
    # id 2 is the actor at position 0, id 0 the one at position 1
    np.testing.assert_array_equal(net.csr().toarray(), [[0, 1, 0], [0, 0, 0], [0, 0, 0]])


def test_save_compresses_by_default(tmp_path):
    """``save`` compresses unless told not to (``compress=False`` is for memory mapping;
    held-out seed 2033: an uncompressed default survived)."""
    import zipfile

    net = cn.generate_cluster(30, seed=1)
    net.save(tmp_path / "a.npz")
    net.save(tmp_path / "b.npz", compress=False)
    with zipfile.ZipFile(tmp_path / "a.npz") as z:
        assert {i.compress_type for i in z.infolist()} == {zipfile.ZIP_DEFLATED}
    with zipfile.ZipFile(tmp_path / "b.npz") as z:
        assert {i.compress_type for i in z.infolist()} == {zipfile.ZIP_STORED}


@pytest.mark.parametrize("direction", ["out", "in", "both"])
def test_a_csr_view_says_its_columns_are_sorted_and_they_are(small_net, direction):
    """The view is built with each row's columns in order and flagged so, so scipy never
    sorts it again (held-out seed 2035: the flag left off survived); the flag is true:
    every row's columns strictly increase (parallel ties are summed into one entry)."""
    a = small_net.csr(direction=direction)
    assert a.has_sorted_indices
    for i in range(a.shape[0]):
        row = a.indices[a.indptr[i] : a.indptr[i + 1]]
        assert (np.diff(row) > 0).all(), i


def test_index_of_an_integer_array_refuses_ids_outside_0_to_n_minus_1():
    """Where the ids are 0..N-1 (their own indices) an id equal to N or below 0 is an
    unknown actor id named in the error, not an index past the end (held-out: ``>=`` as
    ``>`` let id N through)."""
    net = cn.ClusterNetwork.from_edges({"source": [0, 1], "target": [1, 2]}, n_actors=4)
    np.testing.assert_array_equal(net.index_of(np.array([3, 0])), [3, 0])
    with pytest.raises(ValueError, match=r"^unknown actor id 4$"):
        net.index_of(np.array([0, 4, 5]))
    with pytest.raises(ValueError, match=r"^unknown actor id -1$"):
        net.index_of(np.array([2, -1]))


@pytest.mark.parametrize("bad", [-0.5, np.nan, np.inf])
def test_layer_weights_given_as_a_sequence_must_be_finite_and_non_negative(small_net, bad):
    """A sequence of layer weights with a negative, a NaN or an infinite value is refused
    and listed in the error, as a mapping's would be (held-out: ``or`` as ``and`` let a
    negative or a NaN weight through)."""
    weights = [1.0] * len(small_net.layers)
    weights[1] = bad
    with pytest.raises(ValueError, match=r"^layer weights must be finite and >= 0, got \["):
        small_net.layer_weight_vector(None, weights)
    with pytest.raises(ValueError, match=re.escape(f"got {weights}")):
        small_net.csr(layer_weights=weights)


def test_missing_external_flag_names_the_first_row_with_one_missing():
    """A missing 'external' flag is refused, naming the first such actors row and its id
    (rows 1 and 3 are missing here: row 1, id 7)."""
    table = _actors(external=pd.Series([False, None, True, None], dtype=object))
    with pytest.raises(ValueError, match=r"^missing 'external' flag at actors row 1 \(id 7\)$"):
        cn.ClusterNetwork.from_edges(None, actors=table)


@pytest.mark.parametrize("dtype", ["category", object, "string"])
def test_role_column_comes_out_as_pandas_text_whatever_its_input_dtype(dtype):
    """A role column given as categorical, object or ``string`` dtype is stored as the text
    dtype pandas gives to Python strings, so the actors table is the same as for a plain
    list of roles (held-out: ``!=`` as ``==`` kept the caller's dtype)."""
    roles = ["producer", "supplier", "university", "customer"]
    plain = cn.ClusterNetwork.from_edges(None, actors=_actors(role=roles)).actors
    typed = _actors(role=pd.Series(roles, dtype=dtype))
    actors = cn.ClusterNetwork.from_edges(None, actors=typed).actors
    assert actors["role"].dtype == pd.Series(["a"]).dtype
    assert actors["role"].tolist() == roles
    pd.testing.assert_frame_equal(actors, plain)


def test_integer_ids_that_are_not_their_positions_are_looked_up():
    """Held-out seed 2044 (_network_data.py L605, ``and`` as ``or``): integer ids take the
    no-hash fast path only when they are 0..N-1 in order. Ids 2, 0, 1 and 10, 20, 30 are
    looked up by hand: id 0 sits at position 1, and id 20 at position 1."""
    edges = pd.DataFrame({"source": [2, 0], "target": [0, 1], "layer": ["transaction"] * 2})
    shuffled = cn.ClusterNetwork.from_edges(edges, pd.DataFrame({"id": [2, 0, 1]}))
    assert shuffled.ids.tolist() == [2, 0, 1]
    assert shuffled.index_of(np.array([0, 1, 2])).tolist() == [1, 2, 0]
    sparse = cn.ClusterNetwork.from_edges(
        pd.DataFrame({"source": [10, 20], "target": [20, 30], "layer": ["transaction"] * 2}),
        pd.DataFrame({"id": [10, 20, 30]}),
    )
    assert sparse.index_of(np.array([20, 30, 10])).tolist() == [1, 2, 0]
    with pytest.raises(ValueError, match="unknown actor id 3"):
        sparse.index_of(np.array([3]))


def test_repr_names_the_tiers_or_none():
    """Held-out seed 2044 (_network_data.py L665, ``or`` as ``and``): the summary line lists
    the tiers' counts, or 'none' for a network without actors."""
    plain = cn.ClusterNetwork.from_edges(
        pd.DataFrame({"source": ["a"], "target": ["b"], "layer": ["transaction"]})
    )
    assert repr(plain) == "<ClusterNetwork 2 actors (2 core); 1 edges [transaction→1]>"
    empty = pd.DataFrame({c: pd.Series([], dtype=str) for c in ("source", "target", "layer")})
    assert repr(cn.ClusterNetwork.from_edges(empty, n_actors=0)) == (
        "<ClusterNetwork 0 actors (none); 0 edges []>"
    )


def test_a_network_pickles_by_value_and_a_mapped_one_by_its_file(tmp_path):
    """Seed 2046 (_network_data.py L701, ``is not None`` -> ``is None``): an in-memory
    network travels to a worker process as its arrays; a memory-mapped one as its file
    (each process maps the same pages), and a file changed since the mapping is refused."""
    import pickle

    rng = np.random.default_rng(7)
    n, m = 2000, 20000
    edges = pd.DataFrame(
        {"source": rng.integers(0, n, m), "target": rng.integers(0, n, m), "weight": 1.0}
    )
    edges = edges[edges["source"] != edges["target"]]
    net = cn.ClusterNetwork.from_edges(edges, n_actors=n)
    back = pickle.loads(pickle.dumps(net))
    assert back.edge_table().equals(net.edge_table())
    assert back.actors.equals(net.actors) and back.directed == net.directed
    path = tmp_path / "net.npz"
    net.save(path, compress=False)
    mapped = cn.load(path, mmap=True)
    by_value, by_file = pickle.dumps(net), pickle.dumps(mapped)
    assert len(by_file) < 1000 < 100_000 < len(by_value)  # a path, not 2 x 20,000 ids
    again = pickle.loads(by_file)
    assert again.edge_table().equals(net.edge_table())
    path.write_bytes(path.read_bytes() + b"\0")  # the file changes under the pickle
    with pytest.raises(ValueError, match="changed since the network was mapped"):
        pickle.loads(by_file)
