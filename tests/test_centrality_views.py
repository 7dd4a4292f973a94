"""What PageRank keeps with a network's cached views, checked against igraph's PRPACK."""

import igraph as ig
import numpy as np

from clusternet import centrality as C


def _prpack(a, weighted):
    coo = a.tocoo()
    g = ig.Graph(n=a.shape[0], edges=np.column_stack([coo.row, coo.col]).tolist(), directed=True)
    return np.array(
        g.pagerank(weights=coo.data.tolist() if weighted else None, implementation="prpack")
    )


def test_pagerank_repeated_calls_reuse_the_walk_per_view_choice(random_two_layer_net):
    """Each (layers, layer weights, weighted) choice keeps its own walk: calls in any
    order, repeated, give igraph's scores for that choice."""
    net = random_two_layer_net(150, 900, seed=8, directed={"social": False, "transaction": True})
    choices = [
        ({}, net.csr(), True),
        ({"weighted": False}, net.csr(), False),
        ({"layers": "social"}, net.csr("social"), True),
        (
            {"layer_weights": {"social": 3.0, "transaction": 1.0}},
            net.csr(layer_weights={"social": 3.0, "transaction": 1.0}),
            True,
        ),
    ]
    first = [C.pagerank(net, **kw) for kw, _, _ in choices]
    for (kw, a, weighted), scores in zip(choices[::-1], first[::-1], strict=True):
        again = C.pagerank(net, **kw)
        np.testing.assert_array_equal(again, scores)
        assert np.abs(again - _prpack(a, weighted)).sum() < 1e-9
    assert not np.allclose(first[0], first[1])  # the choices differ: a shared walk would not
    assert not np.allclose(first[0], first[3])
