"""Knowledge spillover: the gap rule against a dense reference, invariants, barter."""

import re

import igraph as ig
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import clusternet as cn
from clusternet import spillover as S


def dense_gap_step(net, K, tau, rates, a, lam, layers, f2f):
    """Straightforward dense implementation of the gap rule in clusternet.spillover.step."""
    n, dims = K.shape
    x = net.column("x") if net.has_column("x") else np.zeros(n)
    y = net.column("y") if net.has_column("y") else np.zeros(n)
    dist = np.hypot(x[:, None] - x[None, :], y[:, None] - y[None, :])
    dk = np.zeros_like(K)
    for li, name in enumerate(layers):
        w = net.csr(name).toarray()  # w[j, i]: tie j -> i
        col = w.sum(axis=0)
        what = np.divide(w, col[None, :], out=np.zeros_like(w), where=col[None, :] > 0)
        for d in range(dims):
            g = (1 - tau[d]) + (tau[d] * np.exp(-dist / lam) if name in f2f else 0.0)
            gap = np.maximum(0.0, K[:, d][:, None] - K[:, d][None, :])  # gap[j, i] = K[j] - K[i]
            dk[:, d] += rates[li, d] * (what * g * gap).sum(axis=0)
    return K + a[:, None] * dk


@st.composite
def spatial_multiplex(draw):
    n = draw(st.integers(2, 9))
    rows = []
    for name in ("social", "transaction", "technology"):
        m = draw(st.integers(0, 15))
        s = draw(st.lists(st.integers(0, n - 1), min_size=m, max_size=m))
        t = draw(st.lists(st.integers(0, n - 1), min_size=m, max_size=m))
        w = draw(st.lists(st.floats(0.1, 5.0), min_size=m, max_size=m))
        rows += [(a, b, name, x) for a, b, x in zip(s, t, w) if a != b]
    if not rows:
        rows = [(0, 1, "social", 1.0)]
    xs = draw(st.lists(st.floats(0, 10), min_size=n, max_size=n))
    ys = draw(st.lists(st.floats(0, 10), min_size=n, max_size=n))
    actors = pd.DataFrame({"id": range(n), "x": xs, "y": ys})
    net = cn.ClusterNetwork.from_edges(
        pd.DataFrame(rows, columns=["source", "target", "layer", "weight"]), actors=actors
    )
    dims = draw(st.integers(1, 4))
    K = np.array(draw(st.lists(st.floats(0, 10), min_size=n * dims, max_size=n * dims))).reshape(
        n, dims
    )
    tau = np.array(draw(st.lists(st.floats(0, 1), min_size=dims, max_size=dims)))
    a = np.array(draw(st.lists(st.floats(0, 1), min_size=n, max_size=n)))
    raw = np.array(
        draw(
            st.lists(
                st.floats(0, 1), min_size=len(net.layers) * dims, max_size=len(net.layers) * dims
            )
        )
    ).reshape(len(net.layers), dims)
    rates = raw / np.maximum(raw.sum(axis=0, keepdims=True), 1.0)
    return net, K, tau, a, rates


@settings(max_examples=120, deadline=None)
@given(spatial_multiplex(), st.floats(0.2, 20.0))
def test_gap_step_matches_dense_reference(case, lam):
    net, K, tau, a, rates = case
    ours = S.step(net, K, tau, rates, absorptive_capacity=a, distance_scale=lam)
    ref = dense_gap_step(
        net, K, tau, rates, a, lam, list(net.layers), {"social", "technology", "service"}
    )
    np.testing.assert_allclose(ours, ref, rtol=1e-12, atol=1e-12)
    # invariants: never decreases, never exceeds the initial maximum of a domain
    assert np.all(ours >= K - 1e-12)
    assert np.all(ours <= K.max(axis=0)[None, :] + 1e-12)


@settings(max_examples=40, deadline=None)
@given(spatial_multiplex())
def test_nothing_moves_without_absorption_or_rates(case):
    net, K, tau, a, rates = case
    np.testing.assert_array_equal(
        S.step(net, K, tau, rates, absorptive_capacity=np.zeros(net.n_actors)), K
    )
    np.testing.assert_array_equal(
        S.step(net, K, tau, np.zeros_like(rates), absorptive_capacity=a), K
    )


@settings(max_examples=40, deadline=None)
@given(spatial_multiplex(), st.randoms(use_true_random=False))
def test_permuting_actors_permutes_result(case, rnd):
    net, K, tau, a, rates = case
    n = net.n_actors
    perm = list(range(n))
    rnd.shuffle(perm)
    perm = np.array(perm)
    actors = net.actors.iloc[perm].reset_index(drop=True)
    edges = net.edge_table()
    edges["layer"] = edges["layer"].astype(str)
    shuffled = cn.ClusterNetwork.from_edges(
        edges, actors=actors[["id", "x", "y"]], layers=list(net.layers)
    )
    base = S.step(net, K, tau, rates, absorptive_capacity=a)
    moved = S.step(shuffled, K[perm], tau, rates, absorptive_capacity=a[perm])
    np.testing.assert_allclose(moved, base[perm], rtol=1e-12, atol=1e-12)


def test_tacit_knowledge_only_between_colocated_actors():
    actors = pd.DataFrame(
        {"id": [0, 1, 2, 3], "x": [0.0, 0.0, 5.0, 5.0], "y": [0.0, 0.0, 0.0, 0.0]}
    )
    edges = pd.DataFrame({"source": [0, 0, 2], "target": [1, 2, 3], "layer": ["social"] * 3})
    net = cn.ClusterNetwork.from_edges(edges, actors=actors)
    K = np.array([[10.0], [0.0], [0.0], [4.0]])
    out = S.step(net, K, tacitness=1.0, layer_rates={"social": 1.0}, distance_scale=1e-9)
    # 0 and 1 share a location; 0-2 are 5 km apart (no tacit flow); 2-3 co-located
    assert out[1, 0] > 0 and out[2, 0] == pytest.approx(4.0 * 0.5, rel=1e-12)


def test_converges_to_maximum_on_connected_graph():
    g = ig.Graph.Watts_Strogatz(1, 60, 2, 0.1)
    net = cn.ClusterNetwork.from_igraph(g)
    rng = np.random.default_rng(0)
    K = rng.random((60, 3)) * 5
    res = S.run(
        net,
        K,
        400,
        tacitness=[0.0, 0.5, 1.0],
        layer_rates={"default": 0.8},
        face_to_face=["default"],
    )
    np.testing.assert_allclose(res.final, np.repeat(K.max(axis=0)[None], 60, axis=0), rtol=1e-6)
    means = res.summary[res.summary["domain"] == "all"]["mean"].to_numpy()
    assert np.all(np.diff(means) >= -1e-12)
    assert res.summary[res.summary["step"] == 400]["cv"].max() < 1e-6


def test_gap_rule_thread_count_independent(threads):
    net = cn.generate_cluster(2000, seed=1)
    rng = np.random.default_rng(1)
    K = rng.random((net.n_actors, 4))
    rates = {"social": 0.2, "technology": 0.3, "service": 0.2, "transaction": 0.1}
    with threads(1):
        a = S.run(net, K, 5, tacitness=0.5, layer_rates=rates).final
    with threads(2):
        b = S.run(net, K, 5, tacitness=0.5, layer_rates=rates).final
    np.testing.assert_array_equal(a, b)


def test_barter_trades_only_when_each_leads():
    edges = pd.DataFrame({"source": [0], "target": [1], "layer": ["social"]})
    net = cn.ClusterNetwork.from_edges(edges)
    dominated = np.array([[5.0, 5.0], [1.0, 1.0]])
    res = S.run(
        net, dominated, 50, tacitness=0.0, layer_rates={"social": 1.0}, rule="barter", seed=1
    )
    np.testing.assert_array_equal(res.final, dominated)
    assert res.trades.sum() == 0
    mutual = np.array([[5.0, 1.0], [1.0, 5.0]])
    res = S.run(
        net, mutual, 1, tacitness=0.0, layer_rates={"social": 1.0}, rule="barter", alpha=0.5, seed=1
    )
    # one round = 2 meetings; each trade halves both gaps
    assert res.trades[0] >= 1
    assert res.final[0, 1] > 1.0 and res.final[1, 0] > 1.0
    assert np.all(res.final <= 5.0)


def test_barter_same_seed_same_result():
    g = ig.Graph.Watts_Strogatz(1, 100, 3, 0.1)
    net = cn.ClusterNetwork.from_igraph(g)
    K = np.random.default_rng(2).random((100, 5))
    a = S.run(net, K, 20, 0.0, {"default": 1.0}, rule="barter", seed=3).final
    b = S.run(net, K, 20, 0.0, {"default": 1.0}, rule="barter", seed=3).final
    c = S.run(net, K, 20, 0.0, {"default": 1.0}, rule="barter", seed=4).final
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"knowledge": -np.ones((3, 2))}, "finite and >= 0"),
        ({"tacitness": 1.5}, "tacitness must lie"),
        ({"layer_rates": {"social": 0.7, "technology": 0.6}}, "sum to"),
        ({"layer_rates": {"nope": 0.1}}, "not among the layers"),
        ({"absorptive_capacity": np.array([0.5, 2.0, 0.1])}, "absorptive_capacity of actor 1"),
    ],
)
def test_bad_input(kwargs, match):
    edges = pd.DataFrame({"source": [0, 1], "target": [1, 2], "layer": ["social", "technology"]})
    net = cn.ClusterNetwork.from_edges(edges)
    args = {"knowledge": np.ones((3, 2)), "tacitness": 0.5, "layer_rates": {"social": 0.5}}
    args.update(kwargs)
    with pytest.raises(ValueError, match=match):
        S.step(net, **args)


def test_gini():
    assert S.gini(np.ones(10)) == 0.0
    assert S.gini(np.array([0, 0, 0, 1.0])) == pytest.approx(0.75)


@pytest.mark.parametrize(
    ("values", "where"),
    [([np.nan], "values[0] is nan"), ([1.0, np.inf], "values[1] is inf"),
     ([2.0, -1.0], "values[1] is -1.0")],
)  # fmt: skip
def test_gini_refuses_negative_and_non_finite_values_naming_the_first(values, where):
    """Held-out seed 2042: a single NaN gave NaN (and [1, inf] NaN, [-1, 2] a Gini of 1.5)
    where the docstring promises non-negative values; now a ValueError names the value."""
    with pytest.raises(ValueError, match=re.escape(where)):
        S.gini(np.array(values))


def test_reusing_an_operator_after_a_network_round_gives_the_fresh_operator():
    import clusternet as cn
    from clusternet.spillover import SpilloverModel

    keys = ("indptr", "indices", "entry_weight", "entry_layer", "entry_decay")
    net = cn.generate_cluster(800, seed=5)
    model = cn.UpgradingModel(net, seed=1, network_every=1)
    for _ in range(3):
        model.step()  # each step evolves the technology layer and reuses the rest
    rates = {"technology": 0.15, "social": 0.1, "service": 0.05, "transaction": 0.05}
    fresh = SpilloverModel(model.net, 0.5, rates, model.absorptive, 2.0, n_domains=4)
    for key in keys:
        np.testing.assert_array_equal(getattr(fresh, key), getattr(model.spillover, key))
    # moved actors: distances change, so nothing may be copied from the old operator
    x = np.asarray(net.column("x"), float) + np.linspace(0, 5, net.n_actors)
    moved = net.with_actor_columns(x=x)
    old = SpilloverModel(net, 0.5, rates, n_domains=4)
    reused = SpilloverModel(moved, 0.5, rates, n_domains=4, reuse=old)
    scratch = SpilloverModel(moved, 0.5, rates, n_domains=4)
    for key in keys:
        np.testing.assert_array_equal(getattr(reused, key), getattr(scratch, key))
    with pytest.raises(TypeError, match="reuse"):
        SpilloverModel(net, 0.5, rates, reuse="old")


# ---------------------------------------------------------------- regressions found in review
# (issue 15; moved here from tests/test_robustness.py to sit beside the module's own tests)


def test_barter_result_independent_of_record_every():
    net = cn.generate_cluster(400, seed=3)
    k0 = np.random.default_rng(0).random((net.n_actors, 3))
    rates = {"social": 0.3, "technology": 0.3}
    runs = [
        S.run(net, k0, 30, tacitness=0.4, layer_rates=rates, rule="barter", seed=11, record_every=r)
        for r in (1, 7, 10, 30)
    ]
    for other in runs[1:]:
        np.testing.assert_array_equal(runs[0].final, other.final)
        np.testing.assert_array_equal(runs[0].trades, other.trades)
    assert runs[0].trades.sum() > 0


# ---------------------------------------------------------------- hostile input (issue 30)
def test_summary_of_knowledge_near_float_max_is_finite():
    # issue 30 item 13: knowledge 1e308 gave a NaN summary (sums overflowed)
    net = cn.ClusterNetwork.from_igraph(ig.Graph.Ring(6))
    K = np.full((6, 2), 1e308)
    K[0, 1] = 0.5e308
    res = S.run(net, K, 2, tacitness=0.0, layer_rates={"default": 0.5})
    table = res.summary
    assert np.isfinite(table[["mean", "cv", "gini"]].to_numpy()).all()
    last = table[table["step"] == 0].set_index("domain")
    # by hand, on values divided by 1e308
    d1 = K[:, 1] / 1e308
    assert last.loc["1", "mean"] == pytest.approx(d1.mean() * 1e308)
    assert last.loc["1", "cv"] == pytest.approx(d1.std() / d1.mean())
    assert last.loc["0", "variance"] == 0.0 and last.loc["0", "gini"] == 0.0
    assert last.loc["all", "mean"] == pytest.approx((K / 1e308).mean() * 1e308)
    assert S.gini(np.array([0.0, 0.0, 1e308])) == pytest.approx(2 / 3)


def test_knowledge_without_domains_is_refused():
    # issue 30 item 13: an (N, 0) knowledge matrix was accepted
    net = cn.ClusterNetwork.from_igraph(ig.Graph.Ring(6))
    with pytest.raises(ValueError, match=r"knowledge0 must be an \(N, D\) matrix with D >= 1"):
        S.run(net, np.zeros((6, 0)), 2, tacitness=0.0, layer_rates={"default": 0.5})
    with pytest.raises(ValueError, match=r"knowledge must be an \(N, D\) matrix with D >= 1"):
        S.step(net, np.zeros((6, 0)), tacitness=0.0, layer_rates={"default": 0.5})


def test_barter_trades_with_partners_drawn_in_proportion_to_tie_weights():
    """Actor 0 learns from 1 (weight 3) and 2 (weight 1) over a directed layer; 1 and 2
    have no in-ties, so only 0 starts meetings. With alpha = a = g = 1 the first trade
    closes every gap and no second trade is possible, so the partner of the one trade is
    read off the result: partner 1 with probability 3/4 (binomial test over seeds)."""
    from scipy.stats import binomtest

    edges = pd.DataFrame(
        {"source": [1, 2], "target": [0, 0], "layer": "transaction", "weight": [3.0, 1.0]}
    )
    net = cn.ClusterNetwork.from_edges(edges)
    model = S.SpilloverModel(net, tacitness=[0.0, 0.0], layer_rates={"transaction": 1.0})
    k0 = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 1.0]])
    firsts = []
    for seed in range(400):
        res = model.run(k0, 5, rule="barter", alpha=1.0, seed=seed, record_every=5)
        assert res.trades.sum() <= 1
        if res.trades.sum() == 1:
            assert res.final[0].tolist() == [1.0, 1.0]
            firsts.append(res.final[1].tolist() == [1.0, 1.0])
    assert len(firsts) > 390  # actor 0 meets someone in 15 meetings but for (2/3)^15
    assert binomtest(sum(firsts), len(firsts), 0.75).pvalue > 1e-3


def test_barter_trades_go_on_after_a_meeting_without_live_ties():
    """Actor 2's only tie is on a layer without a spillover rate (partner weight 0): its
    meetings are skipped and the round goes on. Actors 0 and 1 lead each other and barely
    close their gaps (alpha = 1e-6), so each of their meetings trades: trades over the
    rounds are Binomial(3 rounds x 3 meetings, 2/3)."""
    from scipy.stats import binomtest

    edges = pd.DataFrame({"source": [0, 0], "target": [1, 2], "layer": ["social", "technology"]})
    net = cn.ClusterNetwork.from_edges(edges)
    k0 = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 0.5]])
    rounds = 300
    res = S.run(net, k0, rounds, 0.0, {"social": 1.0}, rule="barter", alpha=1e-6, seed=1)
    assert binomtest(int(res.trades.sum()), 3 * rounds, 2 / 3).pvalue > 1e-3
    np.testing.assert_array_equal(res.final[2], k0[2])  # nobody trades with actor 2


def test_barter_trades_close_gaps_by_the_closed_form():
    """Two actors 3 km apart on a face-to-face layer, each ahead in one domain: every
    meeting trades, and in domain d the lagging actor i closes alpha a_i g_d of the gap,
    g_d = (1 - tau_d) + tau_d exp(-3 / distance_scale). After k trades the laggard holds
    1 - (1 - alpha a_i g_d)^k, whoever started each meeting."""
    actors = pd.DataFrame({"id": [0, 1], "x": [1.0, 4.0], "y": [2.0, 2.0]})
    edges = pd.DataFrame({"source": [0], "target": [1], "layer": ["social"]})
    net = cn.ClusterNetwork.from_edges(edges, actors=actors)
    tau, a, alpha, scale = np.array([0.4, 0.7]), np.array([0.5, 0.8]), 0.3, 2.0
    res = S.run(
        net,
        np.array([[1.0, 0.0], [0.0, 1.0]]),
        4,
        tacitness=tau,
        layer_rates={"social": 1.0},
        absorptive_capacity=a,
        distance_scale=scale,
        rule="barter",
        alpha=alpha,
        seed=3,
    )
    k = int(res.trades.sum())
    assert k == 8  # 4 rounds of 2 meetings, each a trade
    g = (1.0 - tau) + tau * np.exp(-3.0 / scale)
    want = np.array(
        [
            [1.0, 1.0 - (1.0 - alpha * a[0] * g[1]) ** k],
            [1.0 - (1.0 - alpha * a[1] * g[0]) ** k, 1.0],
        ]
    )
    np.testing.assert_allclose(res.final, want, rtol=1e-13)


def test_reusing_an_operator_on_a_small_cluster_gives_the_fresh_operator():
    """The reuse path of the operator's assembly (unchanged layers copied row by row from
    the old operator, the evolved technology layer rebuilt) at a size the mutation
    selection can afford; the operator built from scratch is the reference."""
    from clusternet.spillover import SpilloverModel

    keys = ("indptr", "indices", "entry_weight", "entry_layer", "entry_decay")
    model = cn.UpgradingModel(cn.generate_cluster(120, seed=5), seed=1, network_every=1)
    rates = {"technology": 0.15, "social": 0.1, "service": 0.05, "transaction": 0.05}
    for _ in range(2):
        model.step()  # each step evolves the technology layer and reuses the rest
        fresh = SpilloverModel(model.net, 0.5, rates, model.absorptive, 2.0, n_domains=4)
        assert fresh.indices.shape[0] > 0
        for key in keys:
            np.testing.assert_array_equal(getattr(fresh, key), getattr(model.spillover, key))


def _assemble_case():
    """Three actors, layer 0 rebuilt and layer 1 copied from an old operator.

    Row 1 has only layer-1 entries in the old operator and gains layer-0 entries, and row 2
    (the last) has no old entries: the layouts where a row reading past its own old
    entries would copy row 1's into row 1's first slots, or read past the arrays' end.
    """
    old = {  # old operator, row by row: (source, weight, layer, decay), sorted by layer
        0: [(1, 1.0, 0, 1.0)],
        1: [(0, 0.25, 1, 0.9), (2, 0.75, 1, 0.8)],
        2: [],
    }
    new0 = {0: [(2, 3.0)], 1: [(0, 1.0), (2, 3.0)], 2: [(0, 2.0)]}  # layer 0's new in-ties
    n = 3
    old_rows = [old[i] for i in range(n)]
    old_indptr = np.cumsum([0] + [len(r) for r in old_rows]).astype(np.int64)
    flat = [e for r in old_rows for e in r]
    old_indices = np.array([e[0] for e in flat], dtype=np.uint32)
    old_weight = np.array([e[1] for e in flat])
    old_layer = np.array([e[2] for e in flat], dtype=np.int16)
    old_decay = np.array([e[3] for e in flat])
    ptr0 = np.cumsum([0] + [len(new0[i]) for i in range(n)])
    ptr1 = np.cumsum([0] + [sum(e[2] == 1 for e in old[i]) for i in range(n)])
    layer_ptr = np.stack([ptr0, ptr1]).astype(np.int64)
    changed_indices = np.array([s for i in range(n) for s, _ in new0[i]], dtype=np.uint32)
    changed_data = np.array([w for i in range(n) for _, w in new0[i]])
    # the reference, from the rule: per row, layer 0's new ties normalised to sum 1 (decay
    # 1 without coordinates), then layer 1's old entries as they were
    want = []
    for i in range(n):
        total = sum(w for _, w in new0[i])
        want += [(s, w / total, 0, 1.0) for s, w in new0[i]]
        want += [e for e in old[i] if e[2] == 1]
    out_indptr = np.cumsum([0] + [ptr0[i + 1] - ptr0[i] + ptr1[i + 1] - ptr1[i] for i in range(n)])
    args = (
        layer_ptr,
        np.array([0, 1], dtype=np.int16),
        np.array([True, False]),
        np.zeros(2, dtype=np.int64),
        changed_indices,
        changed_data,
        old_indptr,
        old_indices,
        old_weight,
        old_layer,
        old_decay,
        np.zeros(n),
        np.zeros(n),
        False,
        1.0,
    )
    return args, out_indptr.astype(np.int64), want


def test_assemble_rows_each_row_reads_and_writes_only_its_own_entries():
    """``assemble_rows`` runs its rows in parallel (prange), which is safe only if row i
    reads old entries ``old_indptr[i]:old_indptr[i + 1]`` and writes output slots
    ``out_indptr[i]:out_indptr[i + 1]`` and nothing else. Rows are run one at a time from
    the last to the first (the schedule where a later row finishes first), and after each
    the other rows' slots must be untouched; the pure-Python kernel (bounds-checked) must
    not read past its arrays. The reference is the rule written out per row."""
    from clusternet.kernels import spillover as K

    args, out_indptr, want = _assemble_case()
    n, total = out_indptr.shape[0] - 1, int(out_indptr[-1])
    assert total == len(want) == 6

    def outputs():
        return (
            np.full(total, 99, dtype=np.uint32),
            np.full(total, -1.0),
            np.full(total, -1, dtype=np.int16),
            np.full(total, -1.0),
        )

    def rows(out):
        return [(int(a), float(b), int(c), float(d)) for a, b, c, d in zip(*out, strict=True)]

    sentinel = (99, -1.0, -1, -1.0)
    out = outputs()
    layer_ptr, *rest = args
    for i in reversed(range(n)):
        sub = (np.ascontiguousarray(layer_ptr[:, i : i + 2]), *rest[:5], args[6][i:], *rest[6:])
        K.assemble_rows(*sub, out_indptr[i:], *out)
        got = rows(out)
        lo, hi = int(out_indptr[i]), int(out_indptr[i + 1])
        assert got[lo:hi] == want[lo:hi], f"row {i}"
        assert got[:lo] == [sentinel] * lo, f"row {i} wrote into an earlier row's slots"
        assert got[hi:] == want[hi:], f"row {i} wrote into a later row's slots"
    whole = outputs()  # the Python kernel: an index past an array's end raises
    K.assemble_rows.py_func(*args, out_indptr, *whole)
    assert rows(whole) == want


@pytest.mark.parametrize("rule", ["gap", "barter"])
def test_summary_rows_are_numbered_once_across_records(rule):
    """Recorded in chunks (record_every), the summary is one table numbered 0..n-1 (one
    row per recorded step and domain) with the recorded steps in order, not the chunks'
    own indexes repeated."""
    g = ig.Graph.Watts_Strogatz(1, 40, 2, 0.1)
    net = cn.ClusterNetwork.from_igraph(g)
    K = np.random.default_rng(2).random((40, 2))
    res = S.run(net, K, 6, 0.0, {"default": 0.5}, rule=rule, seed=3, record_every=2)
    table = res.summary
    assert table.index.equals(pd.RangeIndex(len(table)))
    assert table["step"].tolist() == sorted(table["step"].tolist())
    assert sorted(set(table["step"])) == [0, 2, 4, 6]


def test_summary_of_zero_knowledge_is_zero_without_a_warning():
    """Round 13 (seed 2030, L129: ``scale > 0`` -> ``>= 0`` divides 0 by 0): a domain where
    nobody knows anything has mean, variance, cv and Gini 0, computed without a NumPy
    warning (a 0/0 would warn even where its NaN is not used)."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        table = S.summarize(np.zeros((3, 2)), 0)
    assert table[["mean", "variance", "cv", "gini"]].to_numpy().tolist() == [[0.0] * 4] * 3


def test_assemble_rows_decays_by_distance_and_treats_a_missing_coordinate_as_zero():
    """Ties into actor 2 from 0 (3 km away) and from 1 (no coordinates): the decay is
    ``exp(-3 / 2)`` for the first and ``exp(0) = 1`` for the second — a missing coordinate
    counts as distance 0, as documented (held-out seed 2035: a distance of 1 survived)."""
    from clusternet.kernels import spillover as K

    n = 3
    # one layer, in-CSR: row 2 holds its sources 0 and 1 (weights 1 and 3)
    layer_ptr = np.array([[0, 0, 0, 2]], dtype=np.int64)
    out_indptr = np.array([0, 0, 0, 2], dtype=np.int64)
    out = (np.empty(2, dtype=np.uint32), np.empty(2), np.empty(2, dtype=np.int16), np.empty(2))
    x = np.array([0.0, np.nan, 3.0])
    y = np.array([0.0, 1.0, 0.0])
    K.assemble_rows(layer_ptr, np.array([5], dtype=np.int16), np.array([True]),
                    np.zeros(1, dtype=np.int64), np.array([0, 1], dtype=np.uint32),
                    np.array([1.0, 3.0]), np.zeros(n + 1, dtype=np.int64),
                    np.zeros(0, dtype=np.uint32), np.zeros(0), np.zeros(0, dtype=np.int16),
                    np.zeros(0), x, y, True, 2.0, out_indptr, *out)  # fmt: skip
    indices, weight, layer, decay = out
    assert indices.tolist() == [0, 1] and layer.tolist() == [5, 5]
    np.testing.assert_allclose(weight, [0.25, 0.75], rtol=1e-15)
    np.testing.assert_allclose(decay, [np.exp(-1.5), 1.0], rtol=1e-15)


def test_barter_trades_with_the_next_tie_when_the_partner_draw_meets_a_boundary():
    """The partner is the first tie whose cumulative weight exceeds ``u * total``: tie e
    owns ``[W_{e-1}, W_e)``. Actor 0 (ties to 1 and 2) meets first in round 0 of seed 8,
    and the ties' weights are set to ``(u, 1 - u)`` from that meeting's own partner draw
    ``u``, so ``u * total`` equals the first tie's cumulative weight exactly: the pick is
    actor 2, not 1 (held-out seed 2035: ``>=`` survived). The whole round is replayed here
    from the documented stream in plain Python."""
    from clusternet.kernels import spillover as K
    from clusternet.kernels.rng import next_uniform, stream

    n, seed = 3, np.uint64(8)
    state = np.uint64(stream(seed, 0))
    state, u1 = next_uniform(state)
    _, u2 = next_uniform(np.uint64(state))
    assert min(int(u1 * n), n - 1) == 0  # the first meeting is actor 0's
    weights = np.array([u2, 1.0 - u2])
    assert weights.sum() == 1.0 and u2 * weights.sum() == weights[0]  # the boundary
    indptr = np.array([0, 2, 2, 2], dtype=np.int64)
    indices = np.array([1, 2], dtype=np.int32)
    knowledge = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 2.0]])
    args = (np.zeros(2, dtype=np.int64), weights, np.ones(2), np.ones(1), np.zeros(2),
            np.zeros(1, dtype=np.bool_), np.ones(n), 0.5)  # fmt: skip
    got = knowledge.copy()
    trades = np.zeros(1, dtype=np.int64)
    K.barter_steps(indptr, indices, *args, got, 1, 0, seed, trades)

    want = knowledge.copy()
    state, count = np.uint64(stream(seed, 0)), 0
    for _ in range(n):
        state, u = next_uniform(np.uint64(state))
        i = min(int(u * n), n - 1)
        if i != 0:
            continue
        state, u = next_uniform(np.uint64(state))
        target = u * weights.sum()
        j = 2 if target >= weights[0] else 1  # [0, W_1) -> actor 1, [W_1, 1) -> actor 2
        if (want[i] > want[j]).any() and (want[j] > want[i]).any():
            count += 1
            gap = want[j] - want[i]
            want[i] += np.where(gap > 0, 0.5 * gap, 0.0)
            want[j] -= np.where(gap < 0, 0.5 * gap, 0.0)
    assert trades.tolist() == [count] and count >= 1
    np.testing.assert_allclose(got, want, rtol=1e-15)
