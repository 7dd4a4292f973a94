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

Urban costs (:func:`urban_unit_cost`) are the sourced alternative to the
capacity rule: labour and land cost a share ``urban_cost_share`` of the price,
and they rise with the cluster's size with an elasticity that itself rises with
size, as Combes, Duranton & Gobillon (2019) estimate for French cities. Both
forms are off by default; the M6 proposition turns urban costs on.
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


def urban_unit_cost(
    total_output: float, scale: float, share: float, elasticity: float, slope: float
) -> float:
    r"""Extra unit cost of urban costs that rise with the cluster's size (0 at ``scale``).

    The elasticity of urban costs with respect to size rises with size,
    :math:`\varepsilon(x) = \max(0, \varepsilon_s + \beta x)` with
    :math:`x = \ln(Y / \mathrm{scale})`, so the cost of living relative to a
    cluster of size ``scale`` is :math:`C(x) = \exp(\int_0^x \varepsilon)` and
    wages and land, a share :math:`\ell` of the price, follow it (spatial
    equilibrium: workers are compensated for the cost of living, Roback 1982):

    .. math::

        c_{\mathrm{urban}} = \ell \left(\exp\left(\varepsilon_s \tilde x
        + \tfrac{\beta}{2} \tilde x^2\right) - 1\right), \qquad
        \tilde x = \max(x, -\varepsilon_s / \beta)

    (below the size at which the elasticity reaches 0 the cost stays flat;
    :math:`\tilde x = x` when :math:`\beta = 0`). Negative below ``scale``: a
    smaller cluster's labour and land are cheaper.

    Parameters
    ----------
    total_output : float
        The cluster's total output ``Y`` (employee units).
    scale : float
        The size at which the elasticity is :math:`\varepsilon_s` and the extra cost 0
        (``agglomeration_scale``).
    share : float
        :math:`\ell`, the share of the price that labour and land cost (<= 0: off).
    elasticity : float
        :math:`\varepsilon_s`, the elasticity of urban costs at ``scale``.
    slope : float
        :math:`\beta`, the rise of the elasticity per unit of log size.

    Returns
    -------
    float
        :math:`c_{\mathrm{urban}}` in price units (0 when ``share`` <= 0 or ``Y`` <= 0).

    References
    ----------
    Combes, P.-P., Duranton, G. & Gobillon, L. (2019). The costs of agglomeration:
    house and land prices in French cities. *Review of Economic Studies* 86(4),
    1556-1589 (the elasticity of urban costs rises from about 0.04 for an urban
    area of 100,000 inhabitants to 0.10 for one the size of Paris). Roback, J.
    (1982). Wages, rents, and the quality of life. *Journal of Political
    Economy* 90(6), 1257-1278.

    Examples
    --------
    >>> round(urban_unit_cost(10_000.0, 10_000.0, 0.2, 0.04, 0.0125), 6)
    0.0
    >>> round(urban_unit_cost(80_000.0, 10_000.0, 0.2, 0.04, 0.0125), 4)  # 8 times the scale
    0.0233
    >>> round(urban_unit_cost(1_250.0, 10_000.0, 0.2, 0.04, 0.0125), 4)  # an eighth
    -0.0109
    """
    if share <= 0 or total_output <= 0:
        return 0.0
    x = float(np.log(total_output / scale))
    if slope > 0:
        x = max(x, -elasticity / slope)
    return share * float(np.expm1(elasticity * x + 0.5 * slope * x * x))


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
