"""Common-technology platforms: a membership (club) choice and a contribution game.

Generic (common) technology is under-supplied by single small firms (C-GENERIC-1
in docs/claims.md; Tassey 2005). Each firm is tied to at most one platform, its
*catchment* (the strongest technology or service tie to a platform or research
institute): the ``n_p`` firms tied to platform ``p``. Two choices are made,
each revised with probability ``revision_rate`` by a logit rule with noise
``K`` (``P(yes) = 1 / (1 + exp(-Delta / K))``), like the quality choice:

* **Membership** (``joined``, a club: Buchanan 1965). A member pays the fee
  ``f`` (``membership_fee``) every step and receives the excludable share
  ``phi`` (``platform_excludable``: testing, training, consulting) of the
  platform's output, split among the ``n_m`` members; the other ``1 - phi`` is a
  public good that every firm of the catchment gets free.
* **Contribution** (a voluntary contribution mechanism, VCM: Isaac & Walker
  1988). A contributor puts ``c`` (``contribution_cost``) into the platform and
  pays ``(1 - s) c``; the government pays the share ``s``
  (``platform_subsidy``) — a matching rate ``m = s / (1 - s)`` on what the firm
  pays.

The platform turns contributions, fees and public funding ``G``
(``platform_funding`` per catchment firm) into output

``O_p = r (c n_c + f n_m + G n_p)``

(``r`` = ``platform_return``), or ``O_p = fixed * n_p`` when
``platform_output_fixed`` holds it fixed (an experimental switch). Firm ``i``
values a unit of output at ``a_i g_i``: what it can absorb (absorptive capacity
``a_i``) times what it still has to learn, its gap to the generic frontier
``g_i = clip(1 - K_i0 / F_0, 0, 1)`` (:func:`generic_gap`); a firm at the
frontier gains nothing. It gains ``platform_knowledge a_i ((1 - phi) O_p / n_p
+ phi O_p / n_m [i member])`` generic knowledge (domain 0), never beyond
``F_0`` (:func:`knowledge_gain`).

**Contributing** changes firm ``i``'s payoff by (:func:`contribution_gain`)

``Delta^c_i = c (MPCR_i - (1 - s))``,  ``MPCR_i = r a_i g_i ((1 - phi) / n_p + phi J_i / n_m)``

(:func:`marginal_return`): contributing pays when the marginal per-capita return
exceeds the share of the cost the firm bears, ``MPCR_i (1 + m) >= 1`` — the
take-off threshold ``s*_i = 1 - MPCR_i`` (:func:`takeoff_subsidy`). It does not
depend on what others do (a dominant strategy, as in the linear VCM), so the
share of contributors among firms with the same ``MPCR`` settles at the logit
``1 / (1 + exp(-c (s - s*) / K))``. Under-provision *emerges*: ``MPCR`` falls
with the group (``n_p``, ``n_m``), with absorptive capacity (SMEs) and with
non-excludability (``phi = 0`` makes it ``r a g / n_p``, Samuelson 1954).

**Joining** changes it by (:func:`join_gain`), with last step's output ``O_p``
as the firm's expectation and ``n'_m = n_m - J_i + 1`` members counting ``i``,

``Delta^J_i = a_i g_i (phi O_p / n'_m + r f ((1 - phi) / n_p + phi / n'_m)) - f``:

the club share it cannot get free (what it gets free if the platform is not
excludable is not a reason to join) plus what its own fee adds, less the fee.

References
----------
Buchanan, J. M. (1965). An economic theory of clubs. *Economica* 32:1–14.
Isaac, R. M., & Walker, J. M. (1988). Group size effects in public goods
provision: the voluntary contributions mechanism. *QJE* 103:179–199.
Ostrom, E. (1990). *Governing the Commons*. Cambridge University Press.
Tassey, G. (2005). Underinvestment in public good technologies. *J. Technology
Transfer* 30:89–113.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from clusternet.kernels.dynamics import label_counts
from clusternet.network import ClusterNetwork

_NO_MASK = np.zeros(0, dtype=np.bool_)


def membership(net: ClusterNetwork, firms: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Catchment platform of each actor (-1 = none) and the platforms' actor indices.

    A firm's catchment is its strongest technology or service tie to a platform
    or research institute; being in a catchment is not being a member (that is
    a choice, :func:`join_gain`).

    Parameters
    ----------
    net : ClusterNetwork
        The cluster.
    firms : numpy.ndarray of bool
        The core firms (only firms are in a catchment).

    Returns
    -------
    member : numpy.ndarray of int64
        Platform index (into ``hubs``) per actor, -1 for none.
    hubs : numpy.ndarray of int64
        Actor index of each platform.

    Examples
    --------
    >>> import clusternet as cn
    >>> net = cn.generate_cluster(60, seed=1)
    >>> member, hubs = membership(net, net.tier_mask("core"))
    >>> bool((member < hubs.size).all()), bool((member[~net.tier_mask("core")] == -1).all())
    (True, True)
    """
    hubs = np.flatnonzero(net.role_mask("platform", "research_institute"))
    member = np.full(net.n_actors, -1, dtype=np.int64)
    layers = [name for name in ("technology", "service") if name in net.layers]
    if hubs.size == 0 or not layers:
        return member, hubs
    ties = sp.csr_array(net.csr(layers, direction="both")[:, hubs])
    strongest = np.asarray(ties.argmax(axis=1)).ravel()
    has = np.diff(ties.indptr) > 0
    member[has & firms] = strongest[has & firms]
    return member, hubs


def _count(member: np.ndarray, mask: np.ndarray | None, n_platforms: int) -> np.ndarray:
    """Number of catchment firms (``mask``: only those) per platform."""
    out = np.empty(n_platforms)
    if mask is None:
        label_counts(member, _NO_MASK, False, out)
    else:
        label_counts(member, np.asarray(mask, dtype=np.bool_), True, out)
    return out


def generic_gap(generic: np.ndarray, frontier: float) -> np.ndarray:
    r""":math:`g_i = \min(\max(1 - K_{i0} / F_0, 0), 1)`: the share of the generic frontier a firm lacks.

    Parameters
    ----------
    generic : numpy.ndarray
        Generic (domain-0) knowledge per actor.
    frontier : float
        The generic frontier ``F_0`` (0 or less: no gap).

    Returns
    -------
    numpy.ndarray
        The gap in [0, 1]; 0 at or beyond the frontier.

    Examples
    --------
    >>> import numpy as np
    >>> generic_gap(np.array([0.0, 0.25, 1.0, 1.5]), 1.0)
    array([1.  , 0.75, 0.  , 0.  ])
    """
    if frontier <= 0:
        return np.zeros(generic.shape[0])
    return np.clip(1.0 - generic / frontier, 0.0, 1.0)


def marginal_return(
    absorptive: np.ndarray,
    gap: np.ndarray | float,
    member: np.ndarray,
    joined: np.ndarray | None,
    n_platforms: int,
    platform_return: float,
    excludable: float = 0.0,
) -> np.ndarray:
    """Marginal per-capita return of a contribution, ``MPCR_i`` (0 outside catchments).

    ``MPCR_i = r a_i g_i ((1 - phi) / n_p + phi J_i / n_m)``: what one unit put
    into platform ``p`` returns to firm ``i`` — the public share split over the
    catchment ``n_p``, the club share over the ``n_m`` members if ``i`` is one
    (``J_i``). ``n_eff,i = 1 / ((1 - phi) / n_p + phi J_i / n_m)`` is the
    effective group size of the linear VCM (Isaac & Walker 1988).

    Parameters
    ----------
    absorptive : numpy.ndarray
        ``a_i``.
    gap : numpy.ndarray or float
        ``g_i`` (:func:`generic_gap`).
    member : numpy.ndarray of int
        Catchment platform per actor (-1: none).
    joined : numpy.ndarray of bool or None
        Members (``J_i``); None: nobody.
    n_platforms : int
        Number of platforms.
    platform_return : float
        ``r``.
    excludable : float
        ``phi``.

    Returns
    -------
    numpy.ndarray
        ``MPCR_i`` per actor.

    Examples
    --------
    >>> import numpy as np
    >>> marginal_return(np.full(4, 0.5), 1.0, np.array([0, 0, 1, -1]), None, 2, 3.0)
    array([0.75, 0.75, 1.5 , 0.  ])
    """
    m = member >= 0
    p = member[m]
    n_p = _count(member, None, n_platforms)
    per_unit = (1.0 - excludable) / n_p[p]
    if joined is not None and excludable > 0:
        n_m = _count(member, joined, n_platforms)
        per_unit = per_unit + np.where(joined[m], excludable / np.maximum(n_m[p], 1.0), 0.0)
    out = np.zeros(member.shape[0])
    g = np.broadcast_to(np.asarray(gap, dtype=float), member.shape)
    out[m] = platform_return * absorptive[m] * g[m] * per_unit
    return out


def private_return(
    platform_return: float, absorptive: np.ndarray, member: np.ndarray, n_platforms: int
) -> np.ndarray:
    r"""``r a_i / n_p`` for catchment firms (0 for others): the public-good return of one unit.

    :func:`marginal_return` with no gap discount, no members and ``phi = 0``.

    Parameters
    ----------
    platform_return : float
        Output per unit put in, :math:`r` (``platform_return``).
    absorptive : ndarray of float, shape (N,)
        Absorptive capacity :math:`a_i`.
    member : ndarray of int, shape (N,)
        Each firm's platform (its catchment), -1 for none.
    n_platforms : int
        Number of platforms :math:`P`.

    Returns
    -------
    ndarray of float, shape (N,)
        :math:`r\, a_i / n_{p(i)}` for a firm in the catchment of platform :math:`p(i)`
        with :math:`n_p` firms, 0 for a firm in none.

    Examples
    --------
    >>> import numpy as np
    >>> private_return(3.0, np.full(3, 0.5), np.array([0, 0, -1]), 1)
    array([0.75, 0.75, 0.  ])
    """
    return marginal_return(absorptive, 1.0, member, None, n_platforms, platform_return)


def contribution_gain(mpcr: np.ndarray, cost: float, subsidy: float) -> np.ndarray:
    r""":math:`\Delta^c_i = c\, (\mathrm{MPCR}_i - (1 - s))`: what contributing changes in a firm's payoff.

    Parameters
    ----------
    mpcr : numpy.ndarray
        :func:`marginal_return`.
    cost : float
        ``c``, the contribution.
    subsidy : float
        ``s``, the share of the contribution the government pays.

    Returns
    -------
    numpy.ndarray
        The gain; positive where contributing pays.

    Examples
    --------
    >>> import numpy as np
    >>> contribution_gain(np.array([0.25, 0.5]), 2.0, 0.6)
    array([-0.3,  0.2])
    """
    return cost * (mpcr - (1.0 - subsidy))


def takeoff_subsidy(mpcr: np.ndarray | float) -> np.ndarray:
    r"""The analytical take-off threshold ``s* = 1 - MPCR`` (matching rate ``m* = s* / (1 - s*)``).

    A firm contributes (with probability above one half) when the subsidy
    ``s`` exceeds ``s*``; with ``MPCR >= 1`` it contributes unsubsidised
    (``s* <= 0``). In the matching-rate form: contributing pays when
    ``MPCR (1 + m) >= 1`` (Isaac & Walker 1988: the linear VCM).

    Parameters
    ----------
    mpcr : float or ndarray of float
        Marginal per-capita return of a contribution (MPCR).

    Returns
    -------
    ndarray of float
        :math:`s^* = 1 - \mathrm{MPCR}` (negative: no subsidy needed).

    Examples
    --------
    >>> import numpy as np
    >>> takeoff_subsidy(np.array([0.25, 1.5]))
    array([ 0.75, -0.5 ])
    """
    return 1.0 - np.asarray(mpcr, dtype=float)


def samuelson_return(mpcr: np.ndarray, member: np.ndarray, n_platforms: int) -> np.ndarray:
    r"""What one unit contributed to platform ``p`` returns to its whole catchment, :math:`S_p`.

    :math:`S_p = \sum_{i \in p} \mathrm{MPCR}_i
    = r \bigl((1 - \phi)\, \overline{a g}_{p} + \phi\, \overline{a g}_{p, \mathrm{members}}\bigr)`:
    the sum over the catchment of each firm's marginal per-capita return
    (:func:`marginal_return`). Contributions change the social surplus (the catchment's
    payoffs plus the government's outlay) by :math:`W_p = c\, n_c (S_p - 1)` (the subsidy
    is a transfer, not a social cost), so
    the Samuelson (1954) condition for a public good says contributing is efficient for
    every catchment firm when :math:`S_p > 1` and for none when :math:`S_p < 1`, while
    each firm weighs only its own :math:`\mathrm{MPCR}_i` against its share of the cost
    (:func:`contribution_gain`). The value of a unit of output to a firm is the model's
    own, :math:`a_i g_i` per unit received (the frontier cap of :func:`knowledge_gain` is
    not part of the firms' valuation, so it is not part of this one either). It counts only
    what the catchment receives directly, not what spillover and imitation carry on to
    other firms, so it understates the social return.

    Parameters
    ----------
    mpcr : ndarray of float, shape (N,)
        :func:`marginal_return` per actor.
    member : ndarray of int, shape (N,)
        Catchment platform per actor (-1: none).
    n_platforms : int
        Number of platforms.

    Returns
    -------
    ndarray of float, shape (P,)
        :math:`S_p` per platform (0 for a platform without a catchment).

    References
    ----------
    Samuelson, P. A. (1954). The pure theory of public expenditure. *Review of Economics
    and Statistics* 36:387-389.

    Examples
    --------
    >>> import numpy as np
    >>> mpcr = marginal_return(np.full(4, 0.5), 1.0, np.array([0, 0, 1, -1]), None, 2, 3.0)
    >>> samuelson_return(mpcr, np.array([0, 0, 1, -1]), 2)  # r a = 1.5 on both platforms
    array([1.5, 1.5])
    """
    m = member >= 0
    return np.bincount(member[m], weights=mpcr[m], minlength=n_platforms)[:n_platforms]


def provision_shortfall(
    samuelson: np.ndarray,
    contribute: np.ndarray,
    member: np.ndarray,
    n_platforms: int,
    cost: float,
) -> tuple[np.ndarray, np.ndarray]:
    r"""Surplus lost per platform and step against the Samuelson optimum, by under- and over-provision.

    With :math:`W_p = c\, n_c (S_p - 1)` (:func:`samuelson_return`) the optimum is every
    catchment firm contributing where :math:`S_p > 1` and none where :math:`S_p < 1`, so

    .. math::

        U_p = c \max(S_p - 1, 0)\, (n_p - n_{c,p}), \qquad
        O_p = c \max(1 - S_p, 0)\, n_{c,p},

    the under-provision :math:`U_p` (contributions the catchment would gain from that
    nobody makes: Tassey's 2005 under-investment in public-good technology) and the
    over-provision :math:`O_p` (contributions worth less than they cost); :math:`U_p +
    O_p` is the optimum's surplus less the realised one.

    Parameters
    ----------
    samuelson : ndarray of float, shape (P,)
        :math:`S_p` (:func:`samuelson_return`).
    contribute : ndarray of bool, shape (N,)
        Contributors.
    member : ndarray of int, shape (N,)
        Catchment platform per actor (-1: none).
    n_platforms : int
        Number of platforms.
    cost : float
        The contribution :math:`c`.

    Returns
    -------
    under, over : ndarray of float, shape (P,)
        :math:`U_p` and :math:`O_p`.

    References
    ----------
    Tassey, G. (2005). Underinvestment in public good technologies. *J. Technology
    Transfer* 30:89-113.

    Examples
    --------
    >>> import numpy as np
    >>> member = np.array([0, 0, 0, 1, 1])
    >>> contribute = np.array([True, False, False, True, False])
    >>> provision_shortfall(np.array([1.5, 0.5]), contribute, member, 2, 2.0)
    (array([2., 0.]), array([0., 1.]))
    """
    n_p = _count(member, None, n_platforms)
    n_c = _count(member, contribute, n_platforms)
    under = cost * np.maximum(samuelson - 1.0, 0.0) * (n_p - n_c)
    over = cost * np.maximum(1.0 - samuelson, 0.0) * n_c
    return under, over


def join_gain(
    absorptive: np.ndarray,
    gap: np.ndarray | float,
    member: np.ndarray,
    joined: np.ndarray,
    n_platforms: int,
    expected_output: np.ndarray,
    fee: float,
    platform_return: float,
    excludable: float,
) -> np.ndarray:
    """``Delta^J_i`` of the module docstring: what joining changes in a firm's payoff.

    ``a_i g_i (phi O_p / n'_m + r f ((1 - phi) / n_p + phi / n'_m)) - f`` with
    ``n'_m = n_m - J_i + 1``; 0 outside catchments.

    Parameters
    ----------
    absorptive, gap, member, joined, n_platforms
        As in :func:`marginal_return`.
    expected_output : numpy.ndarray
        ``O_p`` per platform (last step's).
    fee : float
        ``f``.
    platform_return : float
        ``r``.
    excludable : float
        ``phi``; with ``phi = 0`` membership buys nothing but the fee's own effect.

    Returns
    -------
    numpy.ndarray
        The gain per actor.

    Examples
    --------
    >>> import numpy as np
    >>> join_gain(np.ones(2), 1.0, np.array([0, 0]), np.array([True, False]), 1,
    ...           np.array([10.0]), 0.5, 2.0, 0.5)  # 0.5*10/n'_m + 2*0.5*(0.5/2 + 0.5/n'_m) - 0.5
    array([5.25, 2.5 ])
    """
    m = member >= 0
    p = member[m]
    n_p = _count(member, None, n_platforms)
    n_m = _count(member, joined, n_platforms)
    with_i = n_m[p] - joined[m] + 1.0
    per_unit = excludable * expected_output[p] / with_i + platform_return * fee * (
        (1.0 - excludable) / n_p[p] + excludable / with_i
    )
    g = np.broadcast_to(np.asarray(gap, dtype=float), member.shape)
    out = np.zeros(member.shape[0])
    out[m] = absorptive[m] * g[m] * per_unit - fee
    return out


def revise(
    choice: np.ndarray,
    gain: np.ndarray,
    revision_rate: float,
    noise: float,
    revise_draw: np.ndarray,
    choice_draw: np.ndarray,
    eligible: np.ndarray,
) -> np.ndarray:
    r"""Logit revision of a yes/no choice; returns the new choices (False where not eligible).

    A firm revises when ``revise_draw < revision_rate`` and then says yes when
    :math:`u < 1 / (1 + e^{-\Delta_i / K})` (``choice_draw`` :math:`u`, ``gain`` :math:`\Delta_i`, ``noise`` :math:`K`).

    Parameters
    ----------
    choice : ndarray of bool, shape (N,)
        The current choices.
    gain : ndarray of float, shape (N,)
        Gain :math:`\Delta_i` of saying yes over no.
    revision_rate : float
        Probability that a firm revises this step.
    noise : float
        Logit noise :math:`K > 0`.
    revise_draw, choice_draw : ndarray of float, shape (N,)
        Uniform draws (keyed by firm) for whether and how a firm revises.
    eligible : ndarray of bool, shape (N,)
        Firms that can choose (e.g. those in a catchment).

    Returns
    -------
    ndarray of bool, shape (N,)
        A reviser says yes with probability :math:`1 / (1 + e^{-\Delta_i / K})`; the
        others keep their choice.

    Examples
    --------
    >>> import numpy as np
    >>> revise(np.zeros(3, bool), np.array([1.0, -1.0, 1.0]), 1.0, 0.01,
    ...        np.zeros(3), np.full(3, 0.5), np.array([True, True, False]))
    array([ True, False, False])
    """
    revising = eligible & (revise_draw < revision_rate)
    p = 1.0 / (1.0 + np.exp(-np.clip(gain / noise, -700, 700)))
    new = choice.copy()
    new[revising] = choice_draw[revising] < p[revising]
    new[~eligible] = False
    return new


def output(
    contribute: np.ndarray,
    member: np.ndarray,
    n_platforms: int,
    cost: float,
    platform_return: float,
    funding_per_member: float,
    joined: np.ndarray | None = None,
    fee: float = 0.0,
    fixed: float | None = None,
) -> np.ndarray:
    """Output per platform, ``O_p = r (c n_c + f n_m + G n_p)`` (or ``fixed * n_p``).

    Parameters
    ----------
    contribute : numpy.ndarray of bool
        Contributors.
    member : numpy.ndarray of int
        Catchment platform per actor (-1: none).
    n_platforms : int
        Number of platforms.
    cost : float
        ``c``.
    platform_return : float
        ``r``.
    funding_per_member : float
        ``G`` per catchment firm.
    joined : numpy.ndarray of bool or None
        Members paying the fee ``f``.
    fee : float
        ``f``.
    fixed : float or None
        Output per catchment firm when production is held fixed (ignores choices).

    Returns
    -------
    numpy.ndarray
        ``O_p`` per platform.

    Examples
    --------
    >>> import numpy as np
    >>> output(np.array([True, False, True]), np.array([0, 0, 0]), 1, 1.0, 2.0, 0.5,
    ...        joined=np.array([True, True, False]), fee=0.1)
    array([7.4])
    """
    n_p = _count(member, None, n_platforms)
    if fixed is not None:
        return fixed * n_p
    funds = cost * _count(member, contribute, n_platforms) + funding_per_member * n_p
    if joined is not None and fee > 0:
        funds = funds + fee * _count(member, joined, n_platforms)
    return platform_return * funds


def knowledge_gain(
    out_per_platform: np.ndarray,
    member: np.ndarray,
    absorptive: np.ndarray,
    per_unit: float,
    joined: np.ndarray | None = None,
    excludable: float = 0.0,
    generic: np.ndarray | None = None,
    frontier: float = np.inf,
) -> np.ndarray:
    r"""Generic knowledge gained by every catchment firm in one step.

    :math:`\min(k a_i ((1 - \phi) O_p / n_p + \phi O_p / n_m [i \in \mathrm{members}]), \max(0, F_0 - K_{i0}))`
    (``k`` = ``per_unit``): a platform passes on the generic frontier ``F_0`` it
    draws on (universities, institutes, external sources) and cannot lift a
    firm beyond it (``generic``: the firms' domain-0 knowledge).

    Parameters
    ----------
    out_per_platform : ndarray of float, shape (P,)
        Output :math:`O_p` of each platform this step.
    member : ndarray of int, shape (N,)
        Each firm's platform, -1 for none.
    absorptive : ndarray of float, shape (N,)
        Absorptive capacity :math:`a_i`.
    per_unit : float
        Generic knowledge per unit of output absorbed, :math:`k`.
    joined : ndarray of bool, shape (N,), optional
        Club members (they share the excludable part).
    excludable : float, default 0.0
        Excludable share :math:`\phi` of the output.
    generic : ndarray of float, shape (N,), optional
        The firms' generic knowledge :math:`K_{i0}` (no cap when None).
    frontier : float, default inf
        The generic frontier :math:`F_0`.

    Returns
    -------
    ndarray of float, shape (N,)
        :math:`\min\bigl(k\, a_i ((1 - \phi) O_p / n_p + \phi\, O_p / n_m [i \text{ member}]),
        \max(0, F_0 - K_{i0})\bigr)` for catchment firms, 0 for others.

    Examples
    --------
    >>> import numpy as np
    >>> knowledge_gain(np.array([10.0]), np.array([0, 0]), np.ones(2), 0.1,
    ...                joined=np.array([True, False]), excludable=0.5,
    ...                generic=np.array([0.0, 0.9]), frontier=1.0)
    array([0.75, 0.1 ])
    """
    n_platforms = out_per_platform.shape[0]
    m = member >= 0
    p = member[m]
    n_p = _count(member, None, n_platforms)
    share = (1.0 - excludable) * out_per_platform[p] / n_p[p]
    if joined is not None and excludable > 0:
        n_m = _count(member, joined, n_platforms)
        share = share + np.where(
            joined[m], excludable * out_per_platform[p] / np.maximum(n_m[p], 1.0), 0.0
        )
    gain = np.zeros(member.shape[0])
    gain[m] = per_unit * absorptive[m] * share
    if generic is not None:
        gain = np.minimum(gain, np.maximum(frontier - generic, 0.0))
    return gain
