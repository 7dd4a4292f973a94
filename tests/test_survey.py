"""The survey instrument (clusternet.survey): shared partners and the nomination orders."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

import clusternet as cn
from clusternet.survey import NOMINATION_ORDERS, nominated, shared_partners


def _random_ties(seed: int, n: int = 50, m: int = 300, directed: bool = False):
    rng = np.random.default_rng(seed)
    pairs = {tuple(p) for p in rng.integers(0, n, size=(m, 2)).tolist() if p[0] != p[1]}
    if not directed:
        pairs = {tuple(sorted(p)) for p in pairs}
    pairs = sorted(pairs)
    return np.array([a for a, _ in pairs]), np.array([b for _, b in pairs])


@pytest.mark.parametrize("directed", [False, True])
def test_shared_partners_match_networkx_common_neighbours(directed):
    """Each tie's count against networkx's common neighbours of the undirected relation
    (a directed tie and its reverse are one pair)."""
    src, dst = _random_ties(11, directed=directed)
    g = nx.Graph()
    g.add_edges_from(zip(src.tolist(), dst.tolist(), strict=True))
    expected = [len(list(nx.common_neighbors(g, a, b))) for a, b in zip(src, dst, strict=True)]
    np.testing.assert_array_equal(shared_partners(src, dst), expected)
    assert shared_partners(np.zeros(0, int), np.zeros(0, int)).shape == (0,)


def test_embedded_order_names_the_most_embedded_suppliers():
    """Directed: each buyer names exactly min(cap, in-degree) suppliers, and none it drops
    shares more partners with it than one it names (brute force per buyer)."""
    src, dst = _random_ties(12, n=40, m=400, directed=True)
    cap = 3
    emb = shared_partners(src, dst)
    s, t = nominated(src, dst, cap, np.random.default_rng(4), directed=True, order="embedded")
    kept = set(zip(s.tolist(), t.tolist(), strict=True))
    n = 40
    np.testing.assert_array_equal(
        np.bincount(t, minlength=n), np.minimum(np.bincount(dst, minlength=n), cap)
    )
    strictly = 0
    for buyer in range(n):
        ties = np.flatnonzero(dst == buyer)
        named = [i for i in ties if (src[i], buyer) in kept]
        dropped = [i for i in ties if (src[i], buyer) not in kept]
        if named and dropped:
            assert emb[named].min() >= emb[dropped].max()
            strictly += int(emb[named].min() > emb[dropped].max())
    assert strictly > 0  # the order decided some choices, not only the random tie-break


def test_embedded_order_undirected_keeps_every_tie_above_a_respondents_threshold():
    """Undirected: a tie is recorded when either end names it, so a respondent's partners
    more embedded than its cap-th most embedded are always recorded; ties with an end of at
    most ``cap`` partners always are."""
    src, dst = _random_ties(13, n=40, m=300)
    cap = 2
    emb = shared_partners(src, dst)
    s, t = nominated(src, dst, cap, np.random.default_rng(5), directed=False, order="embedded")
    kept = set(zip(s.tolist(), t.tolist(), strict=True))
    deg = np.bincount(np.r_[src, dst], minlength=40)
    for i, (a, b) in enumerate(zip(src.tolist(), dst.tolist(), strict=True)):
        if deg[a] <= cap or deg[b] <= cap:
            assert (a, b) in kept
        for end in (a, b):
            mine = np.flatnonzero((src == end) | (dst == end))
            threshold = np.sort(emb[mine])[::-1][cap - 1]
            if emb[i] > threshold:
                assert (a, b) in kept


def test_orders_share_their_draws_and_agree_without_a_binding_cap():
    """``order="random"`` is the earlier instrument (same draws as no order); with a cap
    above every degree both orders record every tie."""
    src, dst = _random_ties(14)
    a = nominated(src, dst, 2, np.random.default_rng(9), directed=False)
    b = nominated(src, dst, 2, np.random.default_rng(9), directed=False, order="random")
    np.testing.assert_array_equal(a[0], b[0])
    np.testing.assert_array_equal(a[1], b[1])
    for order in NOMINATION_ORDERS:
        s, _ = nominated(src, dst, 10_000, np.random.default_rng(9), False, order=order)
        assert len(s) == len(src)
    with pytest.raises(ValueError, match="order must be one of"):
        nominated(src, dst, 2, np.random.default_rng(9), False, order="salient")


def test_embedded_survey_records_more_triangles_than_a_random_one():
    """The same generated cluster through both instruments: naming embedded partners first
    keeps more of the triangles in each layer, and the capped relations keep about the same
    number of ties (each respondent names min(cap, d) either way; only the pairs two ends
    both name, counted once, differ)."""
    from clusternet.calibrate import NOMINATION_ORDER, NOMINATIONS, simulated_moments

    layers = ["transaction", "technology", "social"]
    seed = np.random.SeedSequence(21)
    settings = {"transaction_closure": 0.5, "social_closure": 0.5, NOMINATIONS: 2}
    rand = simulated_moments(200, settings, layers, seed, False)
    emb = simulated_moments(200, {**settings, NOMINATION_ORDER: "embedded"}, layers, seed, False)
    for layer in layers:
        assert emb[f"{layer}:transitivity"] > rand[f"{layer}:transitivity"], layer
        assert emb[f"{layer}:mean_degree"] == pytest.approx(
            rand[f"{layer}:mean_degree"], rel=0.1
        ), layer


def test_fit_generator_checks_the_nomination_order():
    net = cn.datasets.load_florentine_families()
    kw = dict(params=["social_degree"], layer_map={"marriage": "social"}, n_sims=2, design=2)
    with pytest.raises(ValueError, match="nomination_order must be one of"):
        cn.fit_generator(net, nominations=2, nomination_order="salient", **kw)
    with pytest.raises(ValueError, match="pass nominations too"):
        cn.fit_generator(net, nomination_order="embedded", **kw)
