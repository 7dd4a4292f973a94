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


#: Largest relative change of a firm's output in one step (assumed: a firm can at most
#: double its output, or keep 1 % of it, from one step to the next).
MAX_GROWTH = 1.0
MIN_GROWTH = -0.99
#: Total output beyond which the run stops with an error rather than overflow.
OUTPUT_LIMIT = 1e250


def grow(output: np.ndarray, margin: np.ndarray, growth: float, firms: np.ndarray) -> np.ndarray:
    """Output after one step of margin-driven growth.

    ``y_i <- y_i (1 + clip(growth m_i, -0.99, 1))``: the relative change is
    bounded (a firm at most doubles, and keeps at least 1 %, per step), so
    output stays finite for any parameters inside their bounds; a total beyond
    ``1e250`` raises a ValueError naming ``growth``.
    """
    if growth <= 0:
        return output
    rate = np.clip(growth * np.where(firms, margin, 0.0), MIN_GROWTH, MAX_GROWTH)
    new = output * (1.0 + rate)
    if not float(new.sum()) < OUTPUT_LIMIT:
        raise ValueError(
            f"total output exceeds {OUTPUT_LIMIT:g}: growth={growth:g} compounds margins "
            "without bound over this many steps; lower growth or run fewer steps"
        )
    return new


def agglomeration_factor(total_output: float, agglomeration: float, scale: float) -> float:
    """Premium multiplier ``max(0, 1 + agglomeration * ln(Y / scale))`` (1 when Y = scale)."""
    if agglomeration <= 0 or total_output <= 0:
        return 1.0
    return max(0.0, 1.0 + agglomeration * float(np.log(total_output / scale)))
