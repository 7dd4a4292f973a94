import numpy as np
import pandas as pd
import pytest

import clusternet as cn


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
