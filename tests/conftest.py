import os
from contextlib import contextmanager

# The thread-independence tests compare 1 and 2 Numba threads; Numba fixes its
# pool size at import, so an environment that pins it to 1 on a multi-core
# machine is widened here, before anything imports numba.
if (os.cpu_count() or 1) >= 2 and os.environ.get("NUMBA_NUM_THREADS", "").strip() == "1":
    os.environ["NUMBA_NUM_THREADS"] = "2"

import numba
import numpy as np
import pandas as pd
import pytest

import clusternet as cn


@pytest.fixture
def threads():
    """``with threads(k):`` runs a block on exactly ``k`` Numba threads (k = 1 or 2).

    Skips where the machine offers a single core, the only case where the
    comparison of 1 and 2 threads cannot be made.
    """
    if numba.config.NUMBA_NUM_THREADS < 2:
        pytest.skip("this machine offers one core: 1 and 2 threads cannot be compared")
    before = numba.get_num_threads()

    @contextmanager
    def at(k: int):
        numba.set_num_threads(k)
        try:
            assert numba.get_num_threads() == k
            yield
        finally:
            numba.set_num_threads(before)

    return at


@pytest.fixture
def random_two_layer_net():
    """Factory ``random_two_layer_net(n, m, seed, directed=None)``: ``n`` actors with ids
    0..n-1 and up to ``m`` random ties (self-loops dropped, parallel ties kept), each in the
    ``social`` or ``transaction`` layer with probability 1/2, weights uniform on [0.2, 1.2)."""

    def build(n: int, m: int, seed: int, directed: dict[str, bool] | None = None):
        rng = np.random.default_rng(seed)
        src, dst = rng.integers(0, n, m), rng.integers(0, n, m)
        keep = src != dst
        edges = pd.DataFrame(
            {
                "source": src[keep],
                "target": dst[keep],
                "layer": np.where(rng.random(keep.sum()) < 0.5, "social", "transaction"),
                "weight": rng.random(keep.sum()) + 0.2,
            }
        )
        actors = pd.DataFrame({"id": range(n)})
        return cn.ClusterNetwork.from_edges(edges, actors=actors, directed=directed)

    return build


@pytest.fixture
def small_net() -> cn.ClusterNetwork:
    """Five actors across tiers, four layers (directed and undirected), parallel edges."""
    actors = pd.DataFrame(
        {
            "id": ["a", "b", "c", "d", "e"],
            "role": ["producer", "supplier", "university", "producer", "customer"],
            "external": [False, False, False, False, True],
            "size": [10.0, 250.0, np.nan, 30.0, 1000.0],
            "town": ["x", "y", "x", None, "z"],
        }
    )
    edges = pd.DataFrame(
        {
            "source": ["b", "a", "c", "a", "d", "a", "d"],
            "target": ["a", "e", "a", "d", "a", "d", "b"],
            "layer": [
                "transaction",
                "transaction",
                "service",
                "social",
                "social",
                "social",
                "competition",
            ],
            "weight": [2.0, 1.0, 0.5, 1.0, 3.0, 1.5, 1.0],
        }
    )
    return cn.ClusterNetwork.from_edges(edges, actors=actors)
