"""Fuzz: the public methods of ``ClusterNetwork`` (the round-9 referee found them unfuzzed) on
tiny networks of every id kind, self-loops, isolated actors and weights up to 1e300, each
against a recomputation from the plain edge list: views (csr, neighbour_lists, supra), derived
networks (subnetwork, reordered, with_edges, with_actor_columns), summaries and round trips."""

import pickle

import numpy as np
import pandas as pd
import pytest
from fuzz_strategies import PROFILES, WEIGHT, fuzz, named_error, networks
from hypothesis import strategies as st

import clusternet as cn

LAYER_CHOICES = [None, "u", "d", ["d", "u"], ("u",)]


def ident(x) -> str:
    """An id as comparable text (numpy scalars as the Python values they hold)."""
    return repr(x.item() if isinstance(x, np.generic) else x)


def plain_edges(net: cn.ClusterNetwork) -> list[tuple]:
    """The edge list as (source id, target id, layer name, weight), undirected ties sorted."""
    e = net.edges
    ids = net.ids
    out = []
    for s, t, code, w in zip(e["source"], e["target"], e["layer"], e["weight"], strict=True):
        layer = net.layers[code]
        a, b = ids[s], ids[t]
        if not net.directed[layer]:
            a, b = sorted((a, b), key=ident)
        out.append((ident(a), ident(b), layer, float(w)))
    return sorted(out)


def dense(net: cn.ClusterNetwork, layers, lw: dict, direction: str) -> np.ndarray:
    """A_ij = sum over chosen layers of lambda_l w_l(i -> j), built edge by edge."""
    n = net.n_actors
    chosen = net.layers if layers is None else ([layers] if isinstance(layers, str) else layers)
    a = np.zeros((n, n))
    e = net.edges
    with np.errstate(over="ignore"):
        for s, t, code, w in zip(e["source"], e["target"], e["layer"], e["weight"], strict=True):
            layer = net.layers[code]
            if layer not in chosen:
                continue
            w = float(w) * lw.get(layer, 1.0)
            if direction == "in":
                s, t = t, s
            a[s, t] += w
            if s != t and (not net.directed[layer] or direction == "both"):
                a[t, s] += w
    return a


@pytest.mark.parametrize("examples", PROFILES)
def test_fuzz_csr_and_neighbour_lists_match_the_edge_list(examples):
    def check(case):
        net, layers, scale, direction = case
        chosen = net.layers if layers is None else ([layers] if isinstance(layers, str) else layers)
        lw = {name: scale for name in chosen}
        with named_error("layer weight"):
            a = net.csr(layers, layer_weights=lw, direction=direction)
            want = dense(net, layers, lw, direction)
            assert a.shape == (net.n_actors, net.n_actors) and a.has_sorted_indices
            np.testing.assert_allclose(a.toarray(), want, rtol=1e-12)
            indptr, indices = net.neighbour_lists(layers, direction=direction)
            pattern = np.zeros_like(want, dtype=bool)
            pattern[np.repeat(np.arange(net.n_actors), np.diff(indptr)), indices] = True
            np.testing.assert_array_equal(pattern, dense(net, layers, {}, direction) > 0)
            if direction == "out":  # "in" is the transpose
                np.testing.assert_allclose(net.csr(layers, lw, "in").toarray(), want.T, rtol=1e-12)

    strategy = st.tuples(
        networks(),
        st.sampled_from(LAYER_CHOICES),
        st.sampled_from([1.0, 0.0, 1e-300, 1e300]),
        st.sampled_from(["out", "in", "both"]),
    )
    fuzz(examples, strategy, check)


@pytest.mark.parametrize("examples", PROFILES)
def test_fuzz_supra_has_the_layers_on_its_diagonal(examples):
    def check(case):
        net, omega, layers = case
        with named_error("omega"):
            s = net.supra(omega, layers).toarray()
            names = list(net.layers) if layers is None else list(layers)
            n = net.n_actors
            assert s.shape == (len(names) * n, len(names) * n)
            for a, na in enumerate(names):
                for b in range(len(names)):
                    block = s[a * n : (a + 1) * n, b * n : (b + 1) * n]
                    want = dense(net, na, {}, "out") if a == b else omega * np.eye(n)
                    np.testing.assert_allclose(block, want, rtol=1e-12)

    omegas = st.sampled_from([0.0, 1.0, 1e-300, 1e300, -1.0, float("nan"), float("inf")])
    fuzz(examples, st.tuples(networks(), omegas, st.sampled_from([None, ["d", "u"]])), check)


@pytest.mark.parametrize("examples", PROFILES)
def test_fuzz_subnetwork_keeps_exactly_the_edges_inside(examples):
    def check(case):
        net, keep_bits, layers, as_mask = case
        keep = np.array([keep_bits >> i & 1 for i in range(net.n_actors)], dtype=bool)
        actors = keep if as_mask else list(net.ids[keep])
        sub = net.subnetwork(actors, layers=layers)
        assert list(map(ident, sub.ids)) == list(map(ident, net.ids[keep]))
        chosen = net.layers if layers is None else ([layers] if isinstance(layers, str) else layers)
        kept = {ident(i) for i in net.ids[keep]}
        want = [e for e in plain_edges(net) if e[0] in kept and e[1] in kept and e[2] in chosen]
        assert plain_edges(sub) == want
        assert set(sub.layers) == set(chosen)
        assert all(sub.directed[x] == net.directed[x] for x in sub.layers)

    strategy = st.tuples(
        networks(), st.integers(0, 127), st.sampled_from(LAYER_CHOICES), st.booleans()
    )
    fuzz(examples, strategy, check)


@pytest.mark.parametrize("examples", PROFILES)
def test_fuzz_reordered_permutes_actors_and_keeps_every_edge(examples):
    def check(case):
        net, seed, use_rcm = case
        order = (
            net.locality_order()
            if use_rcm
            else np.random.default_rng(seed).permutation(net.n_actors)
        )
        assert sorted(order.tolist()) == list(range(net.n_actors))  # a permutation
        new = net.reordered("rcm" if use_rcm else order)
        assert list(map(ident, new.ids)) == [ident(net.ids[k]) for k in order]
        assert plain_edges(new) == plain_edges(net)
        # an undirected tie stays stored source <= target
        e = new.edges
        undirected = ~np.array([new.directed[new.layers[c]] for c in e["layer"]], dtype=bool)
        assert (e["source"].to_numpy()[undirected] <= e["target"].to_numpy()[undirected]).all()
        for layers in (None, "u", "d"):  # the views are the old ones, permuted
            np.testing.assert_allclose(
                new.csr(layers).toarray(), net.csr(layers).toarray()[np.ix_(order, order)]
            )

    fuzz(examples, st.tuples(networks(), st.integers(0, 2**32), st.booleans()), check)


def components(n: int, pairs) -> int:
    parent = list(range(n))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in pairs:
        parent[find(a)] = find(b)
    return len({find(i) for i in range(n)})


@pytest.mark.parametrize("examples", PROFILES)
def test_fuzz_summary_by_hand(examples):
    def check(net):
        table = net.summary().set_index("layer")
        n = net.n_actors
        e = net.edges
        src, dst = e["source"].to_numpy(), e["target"].to_numpy()
        names = np.array([net.layers[c] for c in e["layer"]], dtype=object)
        pairs_total = n * (n - 1)
        pooled = set()
        for layer in net.layers:
            on = names == layer
            ties = [(s, t) for s, t in zip(src[on], dst[on], strict=True) if s != t]
            directed = net.directed[layer]
            distinct = {(s, t) if directed else tuple(sorted((s, t))) for s, t in ties}
            pooled |= {tuple(sorted(p)) for p in distinct}
            density = (
                (len(distinct) if directed else 2 * len(distinct)) / pairs_total if n > 1 else 0
            )
            row = table.loc[layer]
            assert row["edges"] == on.sum()
            assert row["total_weight"] == pytest.approx(e["weight"].to_numpy()[on].sum())
            assert row["density"] == pytest.approx(density)
            assert 0 <= row["density"] <= 1
            assert row["components"] == components(n, ties)
        row = table.loc["(all)"]
        assert row["edges"] == len(e)
        assert row["density"] == pytest.approx(2 * len(pooled) / pairs_total if n > 1 else 0)
        assert row["components"] == components(n, list(zip(src, dst, strict=True)))
        counts = net.actor_counts()
        assert counts["actors"].sum() == n
        assert (counts.groupby("tier")["actors"].sum().to_dict()) == (
            net.actors["tier"].astype(str).value_counts().to_dict()
        )

    fuzz(examples, networks(), check)


@pytest.mark.parametrize("examples", PROFILES)
def test_fuzz_with_edges_appends_and_lookups_agree(examples):
    def check(case):
        net, new_pairs, weights = case
        n = net.n_actors
        ids = net.ids
        # lookups: ids, masks and columns agree with the actor table
        np.testing.assert_array_equal(net.index_of(list(ids)), np.arange(n))
        assert len(net) == n and net.n_edges == len(net.edges)
        for tier in ("core", "auxiliary", "external"):
            np.testing.assert_array_equal(
                net.tier_mask(tier), (net.actors["tier"].astype(str) == tier).to_numpy()
            )
        values = np.arange(n, dtype=float) * 1e300
        assert list(net.with_actor_columns(score=values).column("score")) == list(values)
        # with_edges: the old edges followed by the new ones
        pairs = [(ids[a % n], ids[b % n]) for a, b in new_pairs]
        extra = {
            "source": [p[0] for p in pairs],
            "target": [p[1] for p in pairs],
            "layer": ["d"] * len(pairs),
            "weight": weights[: len(pairs)],
        }
        more = net.with_edges(extra, allow_self_loops=True)
        added = [
            (ident(s), ident(t), "d", float(w)) for (s, t), w in zip(pairs, weights, strict=False)
        ]
        assert plain_edges(more) == sorted(plain_edges(net) + added)
        assert more.n_edges == net.n_edges + len(pairs)
        # round trips: pickle, networkx, the edge table
        back = pickle.loads(pickle.dumps(net))
        assert plain_edges(back) == plain_edges(net)
        table = net.edge_table()
        assert sorted(
            (ident(s), ident(t), x, float(w))
            if net.directed[x]
            else (*sorted((ident(s), ident(t))), x, float(w))
            for s, t, x, w in zip(
                table["source"], table["target"], table["layer"], table["weight"], strict=True
            )
        ) == plain_edges(net)
        g = net.to_networkx()
        assert g.number_of_nodes() == n and g.number_of_edges() == net.n_edges

    pairs = st.lists(st.tuples(st.integers(0, 6), st.integers(0, 6)), max_size=4)
    weights = st.lists(WEIGHT, min_size=4, max_size=4)
    fuzz(examples, st.tuples(networks(), pairs, weights), check)


def test_summary_counts_a_self_loop_in_no_density_and_no_component():
    """A hand-checked case of the fuzz's invariants: 3 actors, a self-loop on 0 and a tie 1-2."""
    net = cn.ClusterNetwork.from_edges(
        {"source": [0, 1], "target": [0, 2], "layer": ["u", "u"]},
        actors=pd.DataFrame({"id": [0, 1, 2]}),
        directed={"u": False},
        allow_self_loops=True,
    )
    row = net.summary().set_index("layer").loc["u"]
    assert row["density"] == pytest.approx(2 * 1 / 6) and row["components"] == 2


def test_string_ids_with_a_trailing_nul_select_their_own_actor():
    """Found by this fuzz: ``subnetwork(["a\\x00"])`` kept actor "a" (numpy's unicode arrays
    drop trailing NULs), and "\\x00" alone was an unknown id ''. Seeds and sources went
    through the same conversion: a cascade or knowledge access started at the wrong actor."""
    from clusternet.diffusion import independent_cascade, knowledge_access

    ids = ["a", "a\x00", "\x00", "b"]
    net = cn.ClusterNetwork.from_edges(
        {"source": ["a", "a\x00"], "target": ["b", "\x00"], "layer": ["technology"] * 2},
        actors=pd.DataFrame({"id": pd.Series(ids, dtype=object)}),
    )
    assert net.subnetwork(["a\x00", "\x00"]).ids.tolist() == ["a\x00", "\x00"]
    assert net.subnetwork("b").ids.tolist() == ["b"]
    cascade = independent_cascade(net, ["a\x00"], 1.0, n_sims=2, seed=1)
    np.testing.assert_array_equal(cascade.probability, [0, 1, 1, 0])
    access = knowledge_access(net, sources=["a\x00"])
    assert access[0] == access[3] == 0.0 and access[1] > 0 and access[2] > 0
