"""The role and layer vocabulary of an industrial cluster.

Roles follow the three-tier picture of a cluster (C-TIERS-1, ``docs/claims.md``): *core* firms
(producers and their suppliers, customers and complementors), *auxiliary*
institutions (government, associations, intermediaries, universities, research
institutes, technology platforms, training bodies, finance) and *external* actors
(any actor flagged ``external``, whatever its role).
"""

from __future__ import annotations

from clusternet._validate import show

CORE_ROLES: tuple[str, ...] = ("producer", "supplier", "customer", "complementor")
AUXILIARY_ROLES: tuple[str, ...] = (
    "government",
    "association",
    "intermediary",
    "university",
    "research_institute",
    "platform",
    "training",
    "finance",
)
ROLES: tuple[str, ...] = CORE_ROLES + AUXILIARY_ROLES
TIERS: tuple[str, ...] = ("core", "auxiliary", "external")

#: Roles that act as knowledge sources by default (universities, institutes, platforms).
KNOWLEDGE_SOURCE_ROLES: tuple[str, ...] = ("university", "research_institute", "platform")

#: The five standard layers and whether each is directed.
STANDARD_LAYERS: dict[str, bool] = {
    "transaction": True,  # supplier -> buyer
    "technology": False,
    "social": False,
    "service": True,  # auxiliary -> core
    "competition": False,
}

#: Layers that carry face-to-face contact, over which tacit knowledge can flow.
FACE_TO_FACE_LAYERS: tuple[str, ...] = ("social", "technology", "service")


def tier_of(role: str, external: bool) -> str:
    """Return the tier (``core``, ``auxiliary`` or ``external``) of a role.

    Parameters
    ----------
    role : str
        One of :data:`ROLES`.
    external : bool
        Whether the actor is outside the cluster (then its tier is ``external``
        whatever its role).

    Returns
    -------
    str
        ``"core"``, ``"auxiliary"`` or ``"external"``.

    Raises
    ------
    ValueError
        For an unknown role (the message lists the valid ones).

    Examples
    --------
    >>> from clusternet.roles import tier_of
    >>> tier_of("supplier", False), tier_of("university", False), tier_of("supplier", True)
    ('core', 'auxiliary', 'external')
    """
    if external:
        return "external"
    if role in CORE_ROLES:
        return "core"
    if role in AUXILIARY_ROLES:
        return "auxiliary"
    raise ValueError(f"unknown role {show(role)}; valid roles: {', '.join(ROLES)}")
