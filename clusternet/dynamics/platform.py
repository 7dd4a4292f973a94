"""Common-technology platforms as a public-goods game with a club part.

Generic (common) technology is under-supplied by single small firms (C-GENERIC-1
in docs/claims.md; Tassey 2005). Each firm belongs to at most one platform (its strongest
technology or service tie to a platform or research institute). In a step a
contributing member pays ``(1 - s) c`` (``s`` = ``platform_subsidy``, the share
government matches) and the platform turns contributions and government funding
``G`` per member into output ``O_p = r (c n_c + G n_p)`` (``n_c`` contributors
of its ``n_p`` members). A share ``1 - phi`` of the output is a public good for
all members; a share ``phi`` (``platform_excludable``: testing, training and
consulting that only paying members get) is shared among the contributors.
Member ``i`` gains ``platform_knowledge a_i ((1 - phi) O_p / n_p + phi O_p /
n_c [i contributes])`` generic knowledge (domain 0).

Valuing a unit of platform output at ``a_i``, contributing rather than not
changes a member's payoff by

``Delta_i = a_i r [(1 - phi) c / n_p + phi (c + G n_p / (n_c + 1))] - (1 - s) c``

(the club share of the funding is split among ``n_c + 1`` contributors). With
``phi = 0`` this is the classic threshold ``r a_i / n_p >= 1 - s`` (Samuelson
1954): large platforms collapse to free riding. The club part makes a regime
reachable where contributions take off: when few contribute, the funded club
share is large (``G n_p / (n_c + 1)``), so funding and matching (``s``) tip the
game; firms with little absorptive capacity (SMEs) gain least and hold back
longest. Firms revise with probability ``revision_rate`` by a logit choice with
noise ``K``: ``P(contribute) = 1 / (1 + exp(-Delta_i / K))``.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from clusternet.network import ClusterNetwork


def membership(net: ClusterNetwork, firms: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Platform index of each actor (-1 = none) and the platforms' actor indices."""
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


def private_return(
    platform_return: float, absorptive: np.ndarray, member: np.ndarray, n_platforms: int
) -> np.ndarray:
    """``r a_i / n_p`` for members (0 for others): the public-good return of one unit."""
    counts = np.bincount(member[member >= 0], minlength=n_platforms).astype(float)
    out = np.zeros(member.shape[0])
    m = member >= 0
    out[m] = platform_return * absorptive[m] / counts[member[m]]
    return out


def contribution_gain(
    contribute, absorptive, member, n_platforms, cost, platform_return, subsidy, funding, excludable
) -> np.ndarray:
    """``Delta_i`` of the module docstring for members (0 for others)."""
    m = member >= 0
    members = np.bincount(member[m], minlength=n_platforms).astype(float)
    contributors = np.bincount(member[contribute & m], minlength=n_platforms).astype(float)
    gain = np.zeros(member.shape[0])
    p = member[m]
    # contributors other than i: n_c - 1 if i contributes now, else n_c
    others = contributors[p] - contribute[m]
    per_unit = (1.0 - excludable) * cost / members[p] + excludable * (
        cost + funding * members[p] / (others + 1.0)
    )
    gain[m] = absorptive[m] * platform_return * per_unit - (1.0 - subsidy) * cost
    return gain


def revise_contributions(contribute, gain, cost, revision_rate, noise, rng, member):
    """Logit revision of the contribution choice (members only); returns the new choices."""
    m = member >= 0
    revising = m & (rng.random(member.shape[0]) < revision_rate)
    p = 1.0 / (1.0 + np.exp(-np.clip(gain / noise, -700, 700)))
    draw = rng.random(member.shape[0]) < p
    new = contribute.copy()
    new[revising] = draw[revising]
    new[~m] = False
    return new


def output(
    contribute, member, n_platforms, cost, platform_return, funding_per_member
) -> np.ndarray:
    """Output per platform ``r (c * contributors + G * members)``."""
    funds = cost * np.bincount(member[contribute & (member >= 0)], minlength=n_platforms).astype(
        float
    )
    members = np.bincount(member[member >= 0], minlength=n_platforms).astype(float)
    return platform_return * (funds + funding_per_member * members)


def knowledge_gain(
    out_per_platform,
    member,
    absorptive,
    per_unit,
    contribute=None,
    excludable=0.0,
    generic=None,
    frontier=np.inf,
) -> np.ndarray:
    """Generic knowledge gained by every member.

    ``min(per_unit * a_i * ((1 - phi) O_p / n_p + phi O_p / n_c [i contributes]),
    max(0, F_0 - K_i0))``: a platform passes on the generic frontier ``F_0`` it
    draws on (universities, institutes, external sources) and cannot lift a
    member beyond it (``generic``: the members' domain-0 knowledge).
    """
    n_platforms = out_per_platform.shape[0]
    m = member >= 0
    counts = np.bincount(member[m], minlength=n_platforms).astype(float)
    gain = np.zeros(member.shape[0])
    share = (1.0 - excludable) * out_per_platform[member[m]] / counts[member[m]]
    if contribute is not None and excludable > 0:
        n_c = np.bincount(member[contribute & m], minlength=n_platforms).astype(float)
        club = np.where(
            contribute[m],
            excludable * out_per_platform[member[m]] / np.maximum(n_c[member[m]], 1),
            0.0,
        )
        share = share + club
    gain[m] = per_unit * absorptive[m] * share
    if generic is not None:
        gain = np.minimum(gain, np.maximum(frontier - generic, 0.0))
    return gain
