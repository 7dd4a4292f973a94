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
forms are off by default. :func:`turning_size` gives the size at which the
margin turns down.
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


#: Largest exponent of the urban-cost factor before it is refused (exp(700) ~ 1e304).
URBAN_EXPONENT_LIMIT = 700.0


def _urban_log_factor(x: float, elasticity: float, slope: float) -> float:
    """``ln C(x) = eps_s x~ + beta x~^2 / 2`` with ``x~ = max(x, -eps_s / beta)``."""
    if slope > 0:
        x = max(x, -elasticity / slope)
    return elasticity * x + 0.5 * slope * x * x


def urban_unit_cost(
    total_output: float, scale: float, share: float | None, elasticity: float, slope: float
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
        (``urban_cost_scale``).
    share : float or None
        :math:`\ell`, the share of the price that labour and land cost (None or <= 0: off).
    elasticity : float
        :math:`\varepsilon_s`, the elasticity of urban costs at ``scale``.
    slope : float
        :math:`\beta`, the rise of the elasticity per unit of log size.

    Returns
    -------
    float
        :math:`c_{\mathrm{urban}}` in price units (0 when ``share`` is None or <= 0, or
        ``Y`` <= 0).

    Raises
    ------
    ValueError
        When the exponent exceeds 700 (the factor would overflow), naming
        ``urban_cost_slope`` and ``urban_cost_elasticity``.

    References
    ----------
    Combes, P.-P., Duranton, G. & Gobillon, L. (2019). The costs of agglomeration:
    house and land prices in French cities. *Review of Economic Studies* 86(4),
    1556-1589 (the elasticity of urban costs rises from about 0.03 for an urban
    area of 100,000 inhabitants to 0.08 for one the size of Paris). Roback, J.
    (1982). Wages, rents, and the quality of life. *Journal of Political
    Economy* 90(6), 1257-1278.

    Examples
    --------
    >>> round(urban_unit_cost(10_000.0, 10_000.0, 0.2, 0.03, 0.0104), 6)
    0.0
    >>> round(urban_unit_cost(80_000.0, 10_000.0, 0.2, 0.03, 0.0104), 4)  # 8 times the scale
    0.0177
    >>> round(urban_unit_cost(1_250.0, 10_000.0, 0.2, 0.03, 0.0104), 4)  # an eighth
    -0.0078
    """
    if share is None or share <= 0 or total_output <= 0:
        return 0.0
    exponent = _urban_log_factor(float(np.log(total_output / scale)), elasticity, slope)
    if exponent > URBAN_EXPONENT_LIMIT:
        raise ValueError(
            f"urban costs overflow at total output {total_output:g}: the cost-of-living "
            f"factor is exp({exponent:.4g}); lower urban_cost_slope ({slope:g}) or "
            f"urban_cost_elasticity ({elasticity:g}), or raise urban_cost_scale ({scale:g})"
        )
    return share * float(np.expm1(exponent))


def turning_size(gain: float, scale: float, share: float, elasticity: float, slope: float) -> float:
    r"""The cluster size above which urban costs outgrow the agglomeration gain.

    Along cluster size the margin changes by :math:`g - \ell\,\varepsilon(x)\,C(x)`
    per unit of log size, where :math:`g = P\,a\,v` is the agglomeration gain
    (premium :math:`P`, ``agglomeration`` :math:`a`, perceived value :math:`v`:
    the premium scales with :math:`1 + a \ln(Y / s_a)`) and the second term is
    the slope of :func:`urban_unit_cost`. It rises with size above the kink
    :math:`x_0 = -\varepsilon_s / \beta`, so the margin is hump-shaped with its
    top at the unique root :math:`Y^* = \mathrm{scale}\; e^{x^*}` of
    :math:`\ell\,\varepsilon(x^*)\,C(x^*) = g`, found by Brent's method on the
    logarithms (no overflow). Firms' choices are held fixed (a static margin).

    Parameters
    ----------
    gain : float
        :math:`g = P a v`, the margin's gain per unit of log size from agglomeration.
    scale, share, elasticity, slope : float
        As in :func:`urban_unit_cost`.

    Returns
    -------
    float
        :math:`Y^*`; ``inf`` when urban costs are off or never rise
        (``share``, or both ``elasticity`` and ``slope``, 0); the kink's size (0
        when ``slope`` is 0) when ``gain`` <= 0 (the margin falls wherever costs rise).

    References
    ----------
    Henderson, J. V. (1974). The sizes and types of cities. *American Economic
    Review* 64(4), 640-656. Combes, Duranton & Gobillon (2019), as in
    :func:`urban_unit_cost`.

    Examples
    --------
    >>> y = turning_size(0.3 * 0.1 * 0.7, 10_000.0, 0.2, 0.03, 0.0104)  # the defaults
    >>> round(y / 1e6, 2)
    1.27
    """
    from scipy.optimize import brentq

    if share <= 0 or (elasticity <= 0 and slope <= 0):
        return float("inf")
    kink = -elasticity / slope if slope > 0 else -np.inf
    if gain <= 0:
        return float(scale * np.exp(kink))

    def excess(x: float) -> float:
        eps = elasticity + slope * x
        if eps <= 0:
            return -np.inf
        return float(np.log(share * eps) + _urban_log_factor(x, elasticity, slope) - np.log(gain))

    lo = kink + 1e-12 if slope > 0 else -1.0
    while slope <= 0 and excess(lo) > 0:
        lo *= 2.0
    hi = 1.0
    while excess(hi) < 0:
        hi *= 2.0
    root = brentq(excess, lo, hi, xtol=1e-12, rtol=1e-12)
    return float(scale * np.exp(root))


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
