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
    r"""Extra unit cost :math:`c_{\mathrm{cong}} \max(0, Y / \mathrm{capacity} - 1)` (0 without capacity).

    Parameters
    ----------
    total_output : float
        The cluster's total output ``Y``.
    capacity : float or None
        The output the region can host without congestion (``None`` or <= 0: none).
    congestion_cost : float
        Extra unit cost per unit of relative excess.

    Returns
    -------
    float
        :math:`c \max(0, Y / \bar Y - 1)`, 0 without a capacity.

    Examples
    --------
    >>> unit_cost(150.0, 100.0, 0.2), unit_cost(80.0, 100.0, 0.2), unit_cost(150.0, None, 0.2)
    (0.1, 0.0, 0.0)
    """
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
    r"""Output after one step of margin-driven growth.

    ``y_i <- y_i (1 + clip(growth m_i, -0.99, 1))``: the relative change is
    bounded (a firm at most doubles, and keeps at least 1 %, per step), so
    output stays finite for any parameters inside their bounds; a total beyond
    ``1e250`` raises a ValueError naming ``growth``.

    Parameters
    ----------
    output, margin : numpy.ndarray
        Output and margin per actor.
    growth : float
        Output growth per unit of margin (<= 0: output unchanged).
    firms : numpy.ndarray of bool
        The core firms (only they grow).

    Returns
    -------
    numpy.ndarray
        :math:`y_i (1 + \mathrm{clip}(g m_i, -0.99, 1))` per actor.

    Examples
    --------
    >>> import numpy as np
    >>> grow(np.ones(3), np.array([0.5, -200.0, 0.5]), 0.2, np.array([True, True, False]))
    array([1.1 , 0.01, 1.  ])
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
    r"""Premium multiplier :math:`\max(0, 1 + a \ln(Y / \mathrm{scale}))` (1 when :math:`Y` = scale).

    Parameters
    ----------
    total_output : float
        The cluster's total output ``Y``.
    agglomeration : float
        Elasticity ``a`` of the premium in log output (<= 0: no effect).
    scale : float
        The output at which the factor is 1.

    Returns
    -------
    float
        :math:`\max(0, 1 + a \ln(Y / s))`.

    Examples
    --------
    >>> agglomeration_factor(100.0, 0.1, 100.0), round(agglomeration_factor(271.828, 0.1, 100.0), 3)
    (1.0, 1.1)
    """
    if agglomeration <= 0 or total_output <= 0:
        return 1.0
    return max(0.0, 1.0 + agglomeration * float(np.log(total_output / scale)))
