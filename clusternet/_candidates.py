"""Which actors a targeting call may pick: one reading of ``candidates`` for every caller."""

from __future__ import annotations

import numpy as np

from clusternet._graph import seed_indices
from clusternet._validate import show
from clusternet.network import ClusterNetwork, id_array


def candidate_mask(graph, candidates, n: int) -> np.ndarray:
    """Boolean mask of the actors ``candidates`` names: ``None`` (all), a tier name, ids or a mask.

    Raises a ValueError when it names no actor, a TypeError for a tier name on a
    graph that has no tiers.
    """
    if candidates is None:
        return np.ones(n, dtype=bool)
    if isinstance(candidates, str):
        if not isinstance(graph, ClusterNetwork):
            raise TypeError("candidates given as a tier name need a ClusterNetwork")
        if candidates not in ("core", "auxiliary", "external"):
            raise ValueError(
                f"candidates must be 'core', 'auxiliary', 'external', ids or a mask, got "
                f"{show(candidates)}"
            )
        mask = graph.tier_mask(candidates)
    else:
        arr = id_array(candidates)
        if arr.dtype == bool:
            if arr.shape != (n,):
                raise ValueError(f"a candidate mask needs {n} entries, got {arr.shape}")
            mask = arr.copy()
        else:
            mask = np.zeros(n, dtype=bool)
            if arr.size:  # none at all is "no candidate actors" below, not "seeds is empty"
                mask[seed_indices(graph, list(arr), n)] = True
    if not mask.any():
        raise ValueError("no candidate actors")
    return mask
