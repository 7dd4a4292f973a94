"""Structural position: structural holes and multiplexity.

Structural holes: constraint and effective size (Burt 1992); multiplexity:
participation coefficient, overlapping degree and edge overlap (Battiston,
Nicosia & Latora 2014); and the structural profile of a cluster.

One module per idea holds them — :mod:`clusternet.structural_holes`,
:mod:`clusternet.multilayer_measures` and :mod:`clusternet.cluster_profile` — and this
module gathers them, so ``clusternet.structure.constraint`` and the rest are where they
always were.
"""

from __future__ import annotations

# the profile and the weight scaling are public here without being in __all__ (as before)
from clusternet.cluster_profile import LEIDEN_POOL_ENTRIES as LEIDEN_POOL_ENTRIES
from clusternet.cluster_profile import layer_profile as layer_profile
from clusternet.cluster_profile import profile as profile
from clusternet.multilayer_measures import (
    edge_overlap,
    multiplexity,
    overlapping_degree,
    participation_coefficient,
)
from clusternet.structural_holes import constraint, effective_size
from clusternet.structural_holes import scale_invariant_weights as scale_invariant_weights

__all__ = [
    "constraint",
    "edge_overlap",
    "effective_size",
    "multiplexity",
    "overlapping_degree",
    "participation_coefficient",
]
