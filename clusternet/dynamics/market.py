"""The market among competitors: shares, margins and the incremental profit of innovating.

Firms compete on a quality ladder with their rivals (the ``competition`` layer),
after the step-by-step innovation model of Aghion, Bloom, Blundell, Griffith &
Howitt (2005, *QJE* 120:701-728; Aghion, Harris, Howitt & Vickers 2001). A firm's
*position* on the ladder is its mean knowledge in ladder steps,
``u_i = kbar_i / ladder_step``. In the market of firm ``i`` (itself and its ``k_i``
rivals ``N(i)``):

* a competitive fringe (producers outside the cluster, free copies of the last
  generation) supplies one step behind the market's best product,
  ``f_i = top_i - 1`` with ``top_i = max(u_i, max_N u_j)``, so no lead is worth
  more than one step in the market of a step (as in the model of Aghion et al.);
* a lead of ``x`` steps over the closest competitor ``c_i = max(f_i, max_N u_j)``
  earns the Bertrand limit-price rent ``B(x) = 1 - gamma ** -x`` per unit of the
  market's spending (``gamma`` = ``quality_step``, the quality ratio of one
  step), and nothing for ``x <= 0``;
* rivals collude with probability ``(1 - competition) ** k_i`` (each rival
  independently undercuts with probability ``competition``), so the intensity
  of competition is ``D_i = 1 - (1 - competition) ** k_i`` — zero for a firm
  without rivals, rising with their number; colluding firms share the market's
  joint rent ``B(top_i - f_i)`` in logit shares ``s_i = gamma ** u_i / sum_{j in i
  + N(i)} gamma ** u_j`` (McFadden 1974; a one-step better product is worth a
  price ``gamma`` times lower);
* the rent, market share and Lerner index (price-cost margin) are

  ``pi_i = D_i B(u_i - c_i) + (1 - D_i) s_i B(top_i - f_i)``,
  ``sigma_i = D_i w_i + (1 - D_i) s_i``, ``m_i = pi_i / sigma_i``,

  with ``w_i`` = 1 for a strict leader (split among tied leaders), else 0 (the
  Bertrand winner takes the market).

With ``D = 0`` neck-and-neck firms earn ``s B(1)`` each; with ``D = 1`` nothing —
the ``pi_0 = (1 - Delta) pi_1`` of Aghion et al. An innovation moves the innovator
one step up; each rival ``j`` imitates the new product with the probability of its
imitation tie ``p_ij`` and then closes ``imitation_gap`` of its gap. The firm's
**incremental profit** of innovating is the rent after the step, with the rivals
at their expected positions after imitation and the fringe where it was (a lead
of up to two steps for the step, which the next step's market, with the fringe
one step behind the new top, does not pay: this model's convention, where Aghion
et al.'s leaders gain nothing from a step; docs/model.md, "The one-period lead"),
minus the rent before:

``G_i = pi_i(u_i + 1, u_j + p_ij g max(0, u_i + 1 - u_j)) - pi_i(u_i, u_j)``.

For a neck-and-neck firm ``G`` rises with ``D`` (escape competition: it innovates
to leave the rents that competition erodes); for a laggard, whose gain is its
share of the joint rent, ``G`` falls with ``D`` (the Schumpeterian effect);
imitation by rivals lowers ``G`` (the appropriability loss). A monopolist earns
``B(1)`` before and ``B(2)`` after a step: its gain is the **Schumpeterian rent**
``pi_S = B(2) - B(1) = (1 - 1/gamma) / gamma``, against which
:func:`innovation_incentive` measures every firm's gain.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from clusternet.kernels import dynamics as kern
from clusternet.kernels.csr import entry_positions

#: The fringe argument of the kernel's convention, which does not read it.
_NO_FRINGE = np.full(1, np.nan)


@dataclass(frozen=True)
class MarketOutcome:
    r"""Per-actor results of :func:`market`: ``share`` (sigma), ``lerner`` (m), ``rent`` (pi), ``gain`` (G).

    Parameters
    ----------
    share : ndarray of float, shape (N,)
        Market share :math:`\sigma_i` within the firm's competitor group.
    lerner : ndarray of float, shape (N,)
        Lerner index (price-cost margin) :math:`m_i`.
    rent : ndarray of float, shape (N,)
        Profit :math:`\pi_i`.
    gain : ndarray of float, shape (N,)
        Incremental profit :math:`G_i` of one more innovation (see above).

    Examples
    --------
    >>> import numpy as np
    >>> comp = (np.array([0, 1, 2]), np.array([1, 0]))
    >>> out = market(np.array([1.0, 0.0]), *comp, 1.25, 0.5, 0.5, np.zeros(1))
    >>> isinstance(out, MarketOutcome), out.share.round(3).tolist()
    (True, [0.778, 0.222])
    """

    share: np.ndarray
    lerner: np.ndarray
    rent: np.ndarray
    gain: np.ndarray


def ladder_rent(lead, quality_step: float) -> np.ndarray:
    r""":math:`B(x) = 1 - \gamma^{-x}` for a lead :math:`x > 0` ladder steps, 0 otherwise.

    The Bertrand limit-price rent per unit of spending of a firm ``x`` quality
    steps of ratio ``gamma`` ahead of its closest competitor (Aghion et al. 2005,
    where a one-step leader earns ``1 - 1/gamma``).

    Parameters
    ----------
    lead : array_like
        Leads in ladder steps.
    quality_step : float
        ``gamma > 1``, the quality ratio of one step.

    Returns
    -------
    numpy.ndarray
        The rent per unit of the market's spending.

    Examples
    --------
    >>> ladder_rent([-1.0, 0.0, 1.0, 2.0], 1.25).round(4)
    array([0.  , 0.  , 0.2 , 0.36])
    """
    x = np.asarray(lead, dtype=np.float64)
    return np.where(x > 0, -np.expm1(-np.log(quality_step) * np.maximum(x, 0.0)), 0.0)


def schumpeterian_rent(quality_step: float) -> float:
    """``pi_S = B(2) - B(1) = (1 - 1/gamma) / gamma``: a monopolist's gain from one step, fringe held.

    The unit of the innovation incentive. It is the gain with the fringe held where
    it was for the step (the convention of :func:`market`'s ``G``); the market
    recomputed at the next step puts the fringe one step behind the new top, so a
    firm without rivals never earns more than ``B(1)`` (docs/model.md, "The
    one-period lead").

    Parameters
    ----------
    quality_step : float
        ``gamma > 1``.

    Returns
    -------
    float
        The incremental rent a firm without rivals counts on from an innovation.

    Examples
    --------
    >>> schumpeterian_rent(1.25)
    0.16
    """
    return (1.0 - 1.0 / quality_step) / quality_step


def competition_intensity(rivals, competition: float) -> np.ndarray:
    """:math:`D = 1 - (1 - c)^k`: the chance that at least one of :math:`k` rivals undercuts (:math:`c` = ``competition``).

    Parameters
    ----------
    rivals : array_like
        Number of rivals ``k`` per firm.
    competition : float
        Probability in [0, 1] that one rival undercuts (does not collude).

    Returns
    -------
    numpy.ndarray
        ``D`` per firm, 0 without rivals, rising to 1 with their number.

    Examples
    --------
    >>> competition_intensity([0, 1, 2], 0.5)
    array([0.  , 0.5 , 0.75])
    """
    return 1.0 - (1.0 - competition) ** np.asarray(rivals, dtype=np.float64)


def rival_imitation(
    comp_indptr: np.ndarray,
    comp_indices: np.ndarray,
    imit_indptr: np.ndarray,
    imit_indices: np.ndarray,
    imit_prob: np.ndarray,
) -> np.ndarray:
    """For each competition tie ``i -> j`` (CSR entry), the probability that ``j`` imitates ``i``.

    Looks the pair ``(source i, target j)`` up in the imitation operator's in-CSR
    (rows = imitators, :class:`~clusternet.dynamics.imitation.ImitationOperator`);
    0 where the rivals have no imitation tie. Each lookup is a binary search of
    ``i`` in row ``j`` (:func:`clusternet.kernels.csr.entry_positions`; rows whose
    columns are not sorted are sorted first), so the cost is O(log d) per
    competition tie for ``d`` the rival's number of imitation ties.

    Parameters
    ----------
    comp_indptr, comp_indices : numpy.ndarray
        The competition layer's CSR (rows = firms, columns = their rivals).
    imit_indptr, imit_indices, imit_prob : numpy.ndarray
        The imitation in-CSR: row ``j`` lists the actors ``j`` imitates and the probabilities.

    Returns
    -------
    numpy.ndarray
        One probability per competition entry.

    Examples
    --------
    >>> import numpy as np
    >>> comp = (np.array([0, 1, 2]), np.array([1, 0]))
    >>> imit = (np.array([0, 0, 1]), np.array([0]), np.array([0.3]))  # 1 imitates 0
    >>> rival_imitation(*comp, *imit)
    array([0.3, 0. ])
    """
    n = comp_indptr.shape[0] - 1
    if imit_indptr.shape[0] != comp_indptr.shape[0]:
        raise ValueError(
            f"the imitation CSR has {imit_indptr.shape[0] - 1} rows and the competition "
            f"CSR {n}; both must have one row per actor"
        )
    out = np.zeros(comp_indices.shape[0])
    if not imit_indices.shape[0] or not comp_indices.shape[0]:
        return out
    imit_indptr = np.asarray(imit_indptr, dtype=np.int64)
    cols = imit_indices
    within = np.ones(cols.shape[0] - 1, dtype=bool)  # consecutive entries of one row
    starts = imit_indptr[1:-1]
    within[starts[(starts > 0) & (starts < cols.shape[0])] - 1] = False
    # a row not sorted: sort each row's entries (compared, not subtracted: unsigned wraps)
    if (within & (cols[1:] < cols[:-1])).any():
        imit_rows = np.repeat(np.arange(n, dtype=np.int64), np.diff(imit_indptr))
        order = np.lexsort((cols, imit_rows))
        cols, imit_prob = cols[order], imit_prob[order]
    comp_rows = np.repeat(np.arange(n, dtype=np.int64), np.diff(comp_indptr))
    pos = np.empty(comp_indices.shape[0], dtype=np.int64)
    # does rival j (row j of the imitation in-CSR: whom j imitates) list firm i?
    entry_positions(imit_indptr, cols, comp_indices.astype(np.int64), comp_rows, pos)
    found = pos >= 0
    out[found] = imit_prob[pos[found]]
    return out


def market(
    position: np.ndarray,
    comp_indptr: np.ndarray,
    comp_indices: np.ndarray,
    quality_step: float,
    competition: float,
    imitation_gap: float = 0.0,
    rival_imitation_prob: np.ndarray | None = None,
    fringe: np.ndarray | None = None,
    catch_up: float = 0.0,
) -> MarketOutcome:
    """Market shares, Lerner indices, rents and the incremental profit of one step.

    The equations are in the module docstring (Aghion et al. 2005 on a network of
    rivals).

    Parameters
    ----------
    position : numpy.ndarray
        Ladder position ``u_i`` of every actor (mean knowledge / ``ladder_step``).
    comp_indptr, comp_indices : numpy.ndarray
        The competition layer's CSR (both directions; self-ties are ignored).
    quality_step : float
        ``gamma > 1``.
    competition : float
        The probability in [0, 1] that a rival undercuts.
    imitation_gap : float
        Share of the gap an imitator closes.
    rival_imitation_prob : numpy.ndarray, optional
        Per competition entry, the probability that the rival imitates the firm
        (:func:`rival_imitation`); default none.
    fringe : numpy.ndarray, optional
        The lagging fringe's position in each actor's market (the state
        :func:`update_fringe` moves); where NaN or at least ``top - 1`` the fringe sits
        one step behind the market's best. Default: none, the model's convention —
        the fringe one step behind the best and held there in the gain.
    catch_up : float, default 0.0
        With ``fringe``: the share ``h`` of its lag that the fringe closes after the
        step, which the gain anticipates. ``G`` is the rent after the step with the
        fringe where :func:`update_fringe` puts it (``f + h (top' - 1 - f)`` for a
        lagging ``f``) minus the rent without the step, the fringe moved by the same
        rule toward ``top - 1``; 0 holds a lagging fringe where it was. Must be 0
        without ``fringe``.

    Returns
    -------
    MarketOutcome

    Examples
    --------
    Two neck-and-neck rivals, half the time undercutting: each holds half the
    market at a margin of ``B(1) = 0.2`` while they collude,

    >>> import numpy as np
    >>> out = market(np.zeros(2), np.array([0, 1, 2]), np.array([1, 0]), 1.25, 0.5)
    >>> out.share, out.rent.round(4), out.gain.round(4)
    (array([0.5, 0.5]), array([0.05, 0.05]), array([0.15, 0.15]))

    A monopolist whose fringe lags two steps earns ``B(2) = 0.36``. With the fringe
    closing half its lag (``h = 0.5``) its lead is ``3 - 2h = 2`` after a step and
    ``2 - h = 1.5`` without one, so the step gains ``B(2) - B(1.5) = 0.0755``:

    >>> solo = market(np.zeros(1), np.array([0, 0]), np.array([], dtype=np.int64), 1.25, 0.5,
    ...               fringe=np.array([-2.0]), catch_up=0.5)
    >>> solo.rent.round(4), solo.gain.round(4)
    (array([0.36]), array([0.0755]))
    """
    n = position.shape[0]
    if fringe is None:
        if catch_up != 0.0:
            raise ValueError(f"catch_up={catch_up!r} needs a fringe (the convention holds it)")
        fringe, catch_up = _NO_FRINGE, -1.0  # the kernel's convention reads no fringe
    elif not 0.0 <= catch_up <= 1.0:
        raise ValueError(f"catch_up must lie in [0, 1], got {catch_up!r}")
    if rival_imitation_prob is None:
        rival_imitation_prob = np.zeros(comp_indices.shape[0])
    share = np.empty(n)
    lerner = np.empty(n)
    rent = np.empty(n)
    gain = np.empty(n)
    indices = np.asarray(comp_indices)
    if indices.dtype not in (np.uint32, np.int32, np.int64):
        indices = indices.astype(np.int64)
    kern.market_rents(
        np.asarray(comp_indptr, dtype=np.int64),  # no copy of the model's arrays each step
        indices,
        np.ascontiguousarray(rival_imitation_prob, dtype=np.float64),
        np.ascontiguousarray(position, dtype=np.float64),
        np.ascontiguousarray(fringe, dtype=np.float64),
        float(quality_step),
        float(competition),
        float(imitation_gap),
        float(catch_up),
        share,
        lerner,
        rent,
        gain,
    )
    return MarketOutcome(share, lerner, rent, gain)


def update_fringe(
    position: np.ndarray,
    comp_indptr: np.ndarray,
    comp_indices: np.ndarray,
    fringe: np.ndarray,
    catch_up: float,
) -> np.ndarray:
    r"""The lagging fringe after a step: :math:`f \leftarrow f + h\,(\mathrm{top} - 1 - f)`.

    Producers outside the cluster copy the last generation with a lag (the
    laggards' catch-up rate ``h`` of Aghion, Harris, Howitt & Vickers 2001, held by
    the fringe): each step the fringe in firm ``i``'s market closes the share ``h``
    of its lag behind ``top_i - 1``, one step behind the market's best
    (``top_i = max(u_i, max_N u_j)``), and is never closer than that (a NaN entry,
    an entrant's market, starts there). ``h = 1`` is the model's convention, a
    fringe always one step behind.

    Parameters
    ----------
    position : numpy.ndarray
        Ladder position ``u_i`` per actor.
    comp_indptr, comp_indices : numpy.ndarray
        The competition layer's CSR (both directions).
    fringe : numpy.ndarray
        The fringe per actor's market before the step (not modified).
    catch_up : float
        ``h`` in [0, 1].

    Returns
    -------
    numpy.ndarray
        The fringe after the step.

    Examples
    --------
    A leader two steps ahead of its rival, its fringe three steps behind it:

    >>> import numpy as np
    >>> comp = (np.array([0, 1, 2]), np.array([1, 0]))
    >>> update_fringe(np.array([0.0, -2.0]), *comp, np.array([-3.0, np.nan]), 0.5).tolist()
    [-2.0, -1.0]
    """
    out = np.array(fringe, dtype=np.float64)
    indices = np.asarray(comp_indices)
    if indices.dtype not in (np.uint32, np.int32, np.int64):
        indices = indices.astype(np.int64)
    kern.fringe_catch_up(
        np.asarray(comp_indptr, dtype=np.int64),
        indices,
        np.ascontiguousarray(position, dtype=np.float64),
        float(catch_up),
        out,
    )
    return out


def innovation_incentive(gain: np.ndarray, quality_step: float, cost) -> np.ndarray:
    r""":math:`v_i = \max(0, (G_i / \pi_S - c_i) / (1 - c_i))`: the net incentive that scales the hazard.

    The firm's incremental profit ``G_i`` in units of the Schumpeterian rent
    ``pi_S`` (so a monopolist without costs has ``v = 1`` and innovates at the base
    hazard), net of the cost ``c_i`` it bears (a share of ``pi_S``). Innovation
    effort proportional to the incremental profit is the first-order condition
    with a quadratic effort cost (Aghion et al. 2005, eq. for ``n_0`` and ``n_-1``).

    Parameters
    ----------
    gain : numpy.ndarray
        ``G_i`` from :func:`market`.
    quality_step : float
        ``gamma > 1``.
    cost : float or numpy.ndarray
        ``c_i`` in [0, 1).

    Returns
    -------
    numpy.ndarray
        ``v_i >= 0`` (above 1 where escaping competition pays more than a monopoly step).

    Examples
    --------
    >>> import numpy as np
    >>> innovation_incentive(np.array([0.16, 0.32, 0.0]), 1.25, 0.0)
    array([1., 2., 0.])
    """
    cost = np.asarray(cost, dtype=np.float64)
    rel = gain / schumpeterian_rent(quality_step)
    return np.maximum(0.0, (rel - cost) / np.maximum(1.0 - cost, 1e-12))


def static_demand(
    capacity: np.ndarray,
    perceived: np.ndarray,
    reputation: float,
    reference_reputation: float,
    reputation_demand: float,
    quality_demand: float,
    ladder_weight: np.ndarray | None = None,
) -> np.ndarray:
    r"""Buyers' allocation of the region's sales over fixed capacities (a static logit).

    :math:`Y^* = K e^{\varepsilon_R (R - R_0)}` with :math:`K = \sum_j k_j` the firms' capacity and
    ``R_0`` the initial reputation (a lost reputation costs output), shared by
    logit attraction on perceived quality over the fixed capacities,
    :math:`y^*_i = Y^* k_i e^{\varepsilon_q v_i} / \sum_j k_j e^{\varepsilon_q v_j}` (Berry 1994, with a
    firm's capacity as the size of its product line). The target depends on the
    current quality and reputation only — not on past sales — so a lead in sales
    does not compound (no replicator dynamics, no winner-take-all). With
    ``ladder_weight`` :math:`w_i` (:func:`ladder_weight`, the market pressure of
    rivals on the technology ladder) the attraction is multiplied by :math:`w_i`.

    Parameters
    ----------
    capacity : numpy.ndarray
        Fixed capacities ``k_i`` of the firms (their initial size).
    perceived : numpy.ndarray
        Perceived quality ``v_i``.
    reputation, reference_reputation : float
        ``R`` and ``R_0``.
    reputation_demand, quality_demand : float
        ``eps_R`` and ``eps_q``.
    ladder_weight : numpy.ndarray, optional
        Non-negative weight per firm from the ladder market (default: none, all 1).

    Returns
    -------
    numpy.ndarray
        The buyers' allocation ``y*`` (all 0 if every weight is 0).

    Examples
    --------
    >>> import numpy as np
    >>> static_demand(np.array([1.0, 1.0]), np.array([1.0, 0.0]), 0.5, 0.5, 1.0, 1.0).round(4)
    array([1.4621, 0.5379])
    """
    total = capacity.sum()
    if not total > 0:
        return np.zeros_like(capacity)
    attraction = np.exp(quality_demand * (perceived - perceived.max()))
    weights = capacity * attraction
    if ladder_weight is not None:
        weights = weights * ladder_weight
        if not weights.sum() > 0:
            return np.zeros_like(capacity)
    scale = total * np.exp(reputation_demand * (reputation - reference_reputation))
    return scale * (weights / weights.sum())  # shares first: no overflow before the guard


def rival_counts(comp_indptr: np.ndarray, comp_indices: np.ndarray) -> np.ndarray:
    """Number of rivals ``k_i`` per actor in the competition CSR, self-ties not counted.

    Parameters
    ----------
    comp_indptr, comp_indices : numpy.ndarray
        The competition layer's CSR (both directions).

    Returns
    -------
    numpy.ndarray of float
        ``k_i`` per actor.

    Examples
    --------
    >>> import numpy as np
    >>> rival_counts(np.array([0, 2, 3, 3]), np.array([0, 1, 0]))  # 0's self-tie not counted
    array([1., 1., 0.])
    """
    indptr = np.asarray(comp_indptr, dtype=np.int64)
    n = indptr.shape[0] - 1
    rows = np.repeat(np.arange(n, dtype=np.int64), np.diff(indptr))
    rivals = rows != np.asarray(comp_indices, dtype=np.int64)
    return np.bincount(rows[rivals], minlength=n).astype(np.float64)


def ladder_weight(share: np.ndarray, rivals: np.ndarray, pressure: float) -> np.ndarray:
    r""":math:`w_i = 1 - p + p\,\sigma_i (k_i + 1)`: the ladder's weight on a firm's sales target.

    A share ``p`` (``market_pressure``) of buyers chooses among a firm's rivals on
    the technology ladder and splits its purchases by the ladder shares
    :math:`\sigma_i` of :func:`market`; the rest buys on the regional name and the
    firm's perceived quality alone. :math:`\sigma_i (k_i + 1)` is the firm's ladder
    share against an equal split among itself and its :math:`k_i` rivals: 1 when the
    firms are neck and neck or the firm has no rivals, 0 for a laggard that
    competing rivals undercut (Bertrand), up to :math:`k_i + 1` for the leader.

    Parameters
    ----------
    share : numpy.ndarray
        :math:`\sigma_i` from :func:`market`.
    rivals : numpy.ndarray
        :math:`k_i` (:func:`rival_counts`).
    pressure : float
        :math:`p` in [0, 1].

    Returns
    -------
    numpy.ndarray
        :math:`w_i \ge 0`; all 1 at ``p = 0``.

    Examples
    --------
    A leader and a laggard undercut by its one rival, half the buyers on the ladder:

    >>> import numpy as np
    >>> ladder_weight(np.array([1.0, 0.0]), np.array([1.0, 1.0]), 0.5)
    array([1.5, 0.5])
    """
    return (1.0 - pressure) + pressure * share * (rivals + 1.0)


def ladder_sales_share(share: np.ndarray, rivals: np.ndarray, pressure: float) -> np.ndarray:
    r""":math:`\lambda_i = p\,r_i / (1 - p + p\,r_i)`: the share of a firm's sales bought on the ladder.

    A share ``p`` (``market_pressure``) of buyers chooses on the technology ladder
    and splits its purchases by the ladder shares; the rest buys on the regional
    name. With :math:`r_i = \sigma_i (k_i + 1)` (the firm's ladder share against an
    equal split, :func:`ladder_weight`) the firm's sales from the two kinds of
    buyers are in the ratio :math:`p\,r_i : (1 - p)` (both weighted alike by its
    capacity and attraction), so :math:`\lambda_i` is 0 at ``p = 0``, tends to 0
    for ``p < 1`` as competing rivals undercut the firm (:math:`r_i \to 0` as
    :math:`D_i \to 1`), and is 1 at ``p = 1``.

    Parameters
    ----------
    share : numpy.ndarray
        :math:`\sigma_i` from :func:`market`.
    rivals : numpy.ndarray
        :math:`k_i` (:func:`rival_counts`).
    pressure : float
        :math:`p` in [0, 1].

    Returns
    -------
    numpy.ndarray
        :math:`\lambda_i` in [0, 1]; 1 where the weight is 0 (``p = 1``, :math:`r_i = 0`,
        the limit :math:`r_i \to 0^+`).

    Examples
    --------
    A leader, a neck-and-neck firm and an undercut laggard, half the buyers on the ladder:

    >>> import numpy as np
    >>> ladder_sales_share(np.array([1.0, 0.5, 0.0]), np.ones(3), 0.5).round(4)
    array([0.6667, 0.5   , 0.    ])
    """
    relative = share * (rivals + 1.0)
    weight = ladder_weight(share, rivals, pressure)
    # w = 0 only at p = 1 and r = 0, where the limit r -> 0+ of p r / w is 1: the firm's
    # (vanishing) sales are all ladder sales
    return np.divide(pressure * relative, weight, out=np.ones_like(weight), where=weight > 0)


def limit_price_margin(lerner: np.ndarray) -> np.ndarray:
    r""":math:`m_i / (1 - m_i)`: the margin over a unit cost of 1 at a price with Lerner index :math:`m_i`.

    The price :math:`1 / (1 - m)` has :math:`(P - 1)/P = m`; a one-step leader's
    limit price :math:`\gamma` gives :math:`\gamma - 1`. The Lerner index of
    :func:`market` is at most :math:`B(1) = 1 - 1/\gamma` (no lead is worth more than
    one step), so the margin is at most :math:`\gamma - 1`.

    Parameters
    ----------
    lerner : numpy.ndarray
        :math:`m_i` in [0, 1) from :func:`market`.

    Returns
    -------
    numpy.ndarray
        The margin per unit, in the brand margin's units (price above the base cost 1).

    Examples
    --------
    >>> import numpy as np
    >>> limit_price_margin(np.array([0.0, 0.2])).round(4)
    array([0.  , 0.25])
    """
    m = np.asarray(lerner, dtype=np.float64)
    return m / (1.0 - m)


def share_instability(before: np.ndarray, after: np.ndarray) -> float:
    r"""Hymer-Pashigian instability index: :math:`\tfrac12 \sum_i |s_i' - s_i|` of sales shares.

    The share of the firms' total sales that changed hands between two periods
    (Hymer & Pashigian 1962, *J. Political Economy* 70:82-87): 0 when every firm
    keeps its share, 1 when the sales moved entirely to other firms.

    Parameters
    ----------
    before, after : numpy.ndarray
        Sales per firm in the two periods (same firms, same order).

    Returns
    -------
    float
        The index in [0, 1]; NaN when either period has no sales.

    Examples
    --------
    >>> import numpy as np
    >>> share_instability(np.array([3.0, 1.0]), np.array([1.0, 1.0]))
    0.25
    """
    total_before = before.sum()
    total_after = after.sum()
    if not (total_before > 0 and total_after > 0):
        return float("nan")
    return 0.5 * float(np.abs(after / total_after - before / total_before).sum())
