"""Two-layer networks for the tests that wrappers pass ``layer_weights`` through.

Issue 30 item 24: a wrapper (or ``as_graph``) that silently dropped ``layer_weights``
survived every test of the functions that take it. Each function is checked in its own
test module against two references built without ``layer_weights``:

* weight 0 on layer ``b`` gives what ``layers=["a"]`` gives (the layer is gone), and
  that differs from the network with both layers;
* weight 2 on layer ``b`` gives what the network whose ``b`` ties carry twice their
  weight gives (for the functions whose ties act through their weights).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

import clusternet as cn

N_ACTORS = 12


def _edges(double_b: bool) -> pd.DataFrame:
    rng = np.random.default_rng(0)
    src, dst = rng.integers(0, N_ACTORS, 40), rng.integers(0, N_ACTORS, 40)
    keep = src != dst
    edges = pd.DataFrame(
        {
            "source": src[keep],
            "target": dst[keep],
            "layer": np.where(np.arange(keep.sum()) % 2, "a", "b"),
            "weight": rng.uniform(0.5, 2.0, keep.sum()),
        }
    ).drop_duplicates(["source", "target", "layer"])
    if double_b:
        edges.loc[edges["layer"] == "b", "weight"] *= 2.0
    return edges


def two_layer_network(double_b: bool = False) -> cn.ClusterNetwork:
    """12 actors, 40 random ties split between undirected layers ``a`` and ``b``."""
    return cn.ClusterNetwork.from_edges(_edges(double_b), directed={"a": False, "b": False})


def assert_layer_weights_pass_through(measure, doubled: bool = True) -> None:
    """``measure(net, **kw)`` honours ``layer_weights`` (module docstring)."""
    net = two_layer_network()
    zero = np.asarray(measure(net, layer_weights={"a": 1.0, "b": 0.0}), dtype=float)
    only_a = np.asarray(measure(net, layers=["a"]), dtype=float)
    both = np.asarray(measure(net), dtype=float)
    np.testing.assert_array_equal(zero, only_a)
    assert zero.shape != both.shape or not np.array_equal(zero, both, equal_nan=True)
    if doubled:
        two = np.asarray(measure(net, layer_weights={"a": 1.0, "b": 2.0}), dtype=float)
        ref = np.asarray(measure(two_layer_network(double_b=True)), dtype=float)
        np.testing.assert_allclose(two, ref, rtol=1e-12, atol=1e-15)
        assert not np.allclose(two, both, rtol=1e-6, equal_nan=True)
