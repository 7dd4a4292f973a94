"""The imitation operator's probabilities against the rule it states, brute force.

Tie ``j -> i`` (undirected ties both ways; every parallel edge, in every layer, its own
chance) carries ``p = 1 - prod_e (1 - p_layer(e))``; layers with rate 0 or no rate carry
nothing, and a rate of 1 makes the tie certain.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import clusternet as cn
from clusternet.dynamics.imitation import ImitationOperator

LAYERS = ["technology", "transaction", "social"]


def _brute(net: cn.ClusterNetwork, rates: dict) -> dict:
    """``(target, source) -> probability`` from the edge list, with a loop."""
    src, dst, lay, _ = net.edge_arrays
    survive: dict = {}
    for s, t, code in zip(src.tolist(), dst.tolist(), lay.tolist(), strict=True):
        name = net.layers[code]
        p = float(rates.get(name, 0.0))
        if p <= 0:
            continue
        pairs = [(t, s)] if net.directed[name] or s == t else [(t, s), (s, t)]
        for pair in pairs:
            survive[pair] = survive.get(pair, 1.0) * (1.0 - p)
    return {pair: 1.0 - q for pair, q in survive.items()}


@settings(max_examples=40, deadline=None)
@given(
    edges=st.lists(
        st.tuples(st.integers(0, 5), st.integers(0, 5), st.sampled_from(LAYERS)),
        min_size=1,
        max_size=25,
    ),
    rates=st.fixed_dictionaries(
        {
            "technology": st.sampled_from([0.0, 0.2, 0.5, 1.0]),
            "transaction": st.sampled_from([0.0, 0.1, 0.35]),
        }
    ),
    directed=st.booleans(),
)
def test_imitation_probabilities_are_one_minus_the_product_over_parallel_edges(
    edges, rates, directed
):
    frame = pd.DataFrame(edges, columns=["source", "target", "layer"]).astype(
        {"source": str, "target": str}
    )
    actors = pd.DataFrame({"id": [str(i) for i in range(6)]})
    net = cn.ClusterNetwork.from_edges(
        frame,
        actors,
        layers=LAYERS,
        directed={"transaction": directed},
        allow_self_loops=True,
    )
    op = ImitationOperator(net, rates)  # social: no rate, carries nothing
    got = {}
    for i in range(net.n_actors):
        for e in range(op.indptr[i], op.indptr[i + 1]):
            got[(i, int(op.indices[e]))] = float(op.prob[e])
    want = _brute(net, rates)
    assert got.keys() == want.keys()
    for pair, p in want.items():
        assert abs(got[pair] - p) <= 1e-12, pair
    assert all(np.diff(op.indices[op.indptr[i] : op.indptr[i + 1]]).min(initial=1) > 0
               for i in range(net.n_actors))  # fmt: skip


def test_an_imitation_rate_outside_zero_one_is_refused_by_layer():
    net = cn.generate_cluster(20, seed=1)
    for bad in (-0.1, 1.5, float("nan")):
        with pytest.raises(ValueError, match=r"layer 'social' must lie in \[0, 1\]"):
            ImitationOperator(net, {"technology": 0.2, "social": bad})
