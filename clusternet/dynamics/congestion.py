"""Congestion: external diseconomies of over-agglomeration.

When the cluster's total output ``Y`` exceeds its ``capacity`` (land, labour,
power, environment), every unit costs ``congestion_cost * max(0, Y / capacity - 1)``
more, lowering margins (Marshall 1890 on external economies; Henderson 1974 on
the costs of city size). With ``growth > 0`` firms' output grows by
``growth * margin`` per step, so congestion caps expansion.

Against it stands a market externality of size (C-MARKET-1: information
pooling, specialised markets, a regional name buyers know): the regional premium
scales with ``max(0, 1 + agglomeration * ln(Y / agglomeration_scale))``. With
both, margins — and so growth — rise with cluster size up to about the capacity
and fall beyond it: a cluster should keep a moderate size (C-CONGEST-1).
"""

from __future__ import annotations

import numpy as np


def unit_cost(total_output: float, capacity: float | None, congestion_cost: float) -> float:
    """Extra unit cost ``congestion_cost * max(0, Y / capacity - 1)`` (0 without capacity)."""
    if capacity is None or capacity <= 0:
        return 0.0
    return congestion_cost * max(0.0, total_output / capacity - 1.0)


def grow(output: np.ndarray, margin: np.ndarray, growth: float, firms: np.ndarray) -> np.ndarray:
    """Output after one step of margin-driven growth (never below 1% of the start)."""
    if growth <= 0:
        return output
    new = output * (1.0 + growth * np.where(firms, margin, 0.0))
    return np.maximum(new, 0.01 * output)


def agglomeration_factor(total_output: float, agglomeration: float, scale: float) -> float:
    """Premium multiplier ``max(0, 1 + agglomeration * ln(Y / scale))`` (1 when Y = scale)."""
    if agglomeration <= 0 or total_output <= 0:
        return 1.0
    return max(0.0, 1.0 + agglomeration * float(np.log(total_output / scale)))
