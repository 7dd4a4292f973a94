"""Common-technology platforms as a public-goods game (generic technology is under-supplied).

Each firm belongs to at most one platform (its strongest technology or service
tie to a platform or research institute). In a step a contributing member pays
``(1 - s) c`` (``s`` = ``platform_subsidy``, the share paid by government) and
the platform turns contributions ``F_p = c * contributors`` plus government
funding ``G n_p`` (``G`` = ``platform_funding`` per member) into output
``O_p = r (F_p + G n_p)``; every member ``i``
gains ``platform_knowledge * a_i * O_p / n_p`` generic knowledge (domain 0).

Valuing a unit of generic knowledge at one unit of money, a member's private
return on its own contribution is ``r a_i / n_p`` per unit, so contributing pays
iff

``r a_i / n_p >= 1 - s``   (threshold subsidy ``s* = 1 - r a_i / n_p``).

Firms revise with probability ``revision_rate`` by a logit choice with noise
``K``: ``P(contribute) = 1 / (1 + exp(-c (r a_i / n_p - (1 - s)) / K))``.
Without subsidy and with ``r a / n < 1`` contributions collapse to free riding;
above the threshold they are sustained (Samuelson 1954; Tassey 2005).
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
    """``r a_i / n_p`` for members (0 for others)."""
    counts = np.bincount(member[member >= 0], minlength=n_platforms).astype(float)
    out = np.zeros(member.shape[0])
    m = member >= 0
    out[m] = platform_return * absorptive[m] / counts[member[m]]
    return out


def revise_contributions(contribute, ret, subsidy, cost, revision_rate, noise, rng, member):
    """Logit revision of the contribution choice (members only); returns the new choices."""
    m = member >= 0
    revising = m & (rng.random(member.shape[0]) < revision_rate)
    gain = cost * (ret - (1.0 - subsidy))
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


def knowledge_gain(out_per_platform, member, absorptive, per_unit) -> np.ndarray:
    """Generic knowledge gained by every member: ``per_unit * a_i * O_p / n_p``."""
    counts = np.bincount(member[member >= 0], minlength=out_per_platform.shape[0]).astype(float)
    gain = np.zeros(member.shape[0])
    m = member >= 0
    gain[m] = per_unit * absorptive[m] * out_per_platform[member[m]] / counts[member[m]]
    return gain
