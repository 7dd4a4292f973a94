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
from clusternet.kernels.csr import build_csr

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
    for bad in (-0.1, 1.5, float("nan"), None, "high"):
        with pytest.raises(ValueError, match=r"layer 'social' must lie in \[0, 1\]"):
            ImitationOperator(net, {"technology": 0.2, "social": bad})
    with pytest.raises(ValueError, match=r"layer 'absent' must lie"):  # checked, then ignored
        ImitationOperator(net, {"technology": 0.2, "absent": 2.0})


@pytest.mark.parametrize(
    "rates",
    [
        {"technology": 0.2, "transaction": 0.1, "social": 0.1},
        {"technology": 1.0, "social": 1e-300, "transaction": 0.0},
    ],
)
def test_imitation_probabilities_are_the_per_edge_hazard_construction_to_the_bit(rates):
    """Against the construction before round 32 (a hazard per edge, layer multiplier 1 or
    0, then ``-expm1(-h)``): the same CSR and the same probabilities, bit for bit (the
    tolerance above would let ``1 - exp(-h)``, one ulp off, through; round 32's referee)."""
    net = cn.generate_cluster(2000, seed=1)
    src, dst, lay, _ = net.edge_arrays
    per = np.array([float(rates.get(x, 0.0)) for x in net.layers])
    with np.errstate(divide="ignore"):
        hazard = np.where(per >= 1.0, np.inf, -np.log1p(-np.minimum(per, 1.0)))
    sym = np.array([not net.directed[x] for x in net.layers])
    indptr, indices, data = build_csr(
        net.n_actors, src, dst, hazard[lay], lay, (per > 0).astype(float), sym, transpose=True
    )
    op = ImitationOperator(net, rates)
    assert np.array_equal(op.indptr, indptr)
    assert np.array_equal(op.indices, indices.view(np.uint32))
    assert op.prob.tobytes() == (-np.expm1(-data)).tobytes()
