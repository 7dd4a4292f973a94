"""The typed state of the upgrading model: every per-actor array in one place.

Each per-actor field declares, in its metadata, what a firm that *enters* in an
exiting firm's place (:mod:`clusternet.dynamics.turnover`) starts with, so that
entry and exit reset every per-firm quantity and a new field cannot be
forgotten (``tests/test_dynamics_model.py`` checks that every per-actor field
has a rule):

* ``"inherit"`` — the spin-off's parent's value (routines, absorptive capacity,
  R&D intensity, quality choice: Klepper 2007);
* ``"inherit_scaled"`` — ``spinoff_inheritance`` times the parent's value
  (knowledge);
* ``"entry"`` — the value an entrant starts with, given by
  :meth:`ModelState.entry_value` (no recent innovation, no contribution, no
  platform or association membership, the entry size);
* ``"place"`` — a property of the premises and their ties, which the entrant
  takes over (ties to training bodies and to finance, the platform catchment);
* ``"draw"`` — a fresh draw from the field's distribution, keyed by the premises'
  actor key (the quality-cost type, :func:`clusternet.dynamics.brand.cost_types`);
  without a draw (``cost_dispersion`` 0) the value of identical firms,
  :data:`UNDISPERSED`.

Outside code (an agent-based model, a test) may read and change the arrays
between steps, as attributes (``state.knowledge``) or by name
(``state["knowledge"]``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

import numpy as np

PER_ACTOR = "per_actor"
ENTRANT = "entrant"
#: The value of a ``"draw"`` field when the firms are identical (no dispersion).
UNDISPERSED = {"cost_type": 1.0}


def _actor(rule: str, meaning: str) -> dict:
    return {PER_ACTOR: True, ENTRANT: rule, "meaning": meaning}


def _other(meaning: str) -> dict:
    return {PER_ACTOR: False, "meaning": meaning}


@dataclass
class ModelState:
    """State of :class:`~clusternet.UpgradingModel` (N actors, D domains, P platforms).

    Parameters
    ----------
    knowledge : ndarray of float, shape (N, D)
        N x D knowledge per actor and domain.
    quality : ndarray, shape (N,)
        1 = the firm produces high quality, 0 = low.
    last_innovation : ndarray, shape (N,)
        Step of the last innovation (-inf: never).
    contribute : ndarray, shape (N,)
        The firm contributes to its platform.
    joined : ndarray, shape (N,)
        The firm is a member of its platform (pays the fee, gets the club share).
    output : ndarray, shape (N,)
        Output (starts at the firm's size).
    margin : ndarray, shape (N,)
        Unit margin in the last step.
    capacity : ndarray, shape (N,)
        Fixed capacity over which buyers share sales (the entry size).
    market_share : ndarray, shape (N,)
        Share of the firm's market among its rivals (dynamics.market).
    lerner : ndarray, shape (N,)
        Price-cost margin (Lerner index) in that market.
    fringe : ndarray, shape (N,)
        Ladder position of the outside fringe in the firm's market with the opt-in
        ``fringe_catch_up`` (NaN: one step behind the market's best).
    absorptive : ndarray, shape (N,)
        Absorptive capacity :math:`a_i` in [0, 1].
    rd : ndarray, shape (N,)
        R&D intensity.
    leader : ndarray, shape (N,)
        The firm carries its own brand.
    name_withdrawn : ndarray, shape (N,)
        Steps left without the right to the regional name (caught at low quality).
    association_member : ndarray, shape (N,)
        The association monitors the firm (tied to an association, as incumbents).
    member : ndarray, shape (N,)
        Index of the platform the firm is tied to, its catchment (-1: none).
    trained : ndarray, shape (N,)
        The firm is tied to a training body.
    financed : ndarray, shape (N,)
        The firm is tied to a financial institution.
    cost_type : ndarray, shape (N,)
        The firm's quality-cost type: a multiplier of its extra unit cost of high quality
        (1 for identical firms).
    platform_output : ndarray of float, shape (P,)
        Output of each platform in the last step.
    entry_size : float, default 1.0
        Output an entrant starts with.
    reputation : float, default 0.0
        The regional brand's collective reputation :math:`R`.
    reference_reputation : float, default 0.0
        :math:`R_0`: the reputation at which the region sells its capacity.
    step : int, default 0
        Steps taken.

    Examples
    --------
    >>> import numpy as np
    >>> from clusternet.dynamics.state import ModelState
    >>> s = ModelState.empty(3, 2, 1)
    >>> s["knowledge"].shape, s.reputation
    ((3, 2), 0.0)
    >>> sorted(ModelState.per_actor_fields())[:3]
    ['absorptive', 'association_member', 'capacity']
    """

    knowledge: np.ndarray = field(
        metadata=_actor("inherit_scaled", "N x D knowledge per actor and domain")
    )
    quality: np.ndarray = field(
        metadata=_actor("inherit", "1 = the firm produces high quality, 0 = low")
    )
    last_innovation: np.ndarray = field(
        metadata=_actor("entry", "step of the last innovation (-inf: never)")
    )
    contribute: np.ndarray = field(metadata=_actor("entry", "the firm contributes to its platform"))
    joined: np.ndarray = field(
        metadata=_actor(
            "entry", "the firm is a member of its platform (pays the fee, gets the club share)"
        )
    )
    output: np.ndarray = field(metadata=_actor("entry", "output (starts at the firm's size)"))
    margin: np.ndarray = field(metadata=_actor("entry", "unit margin in the last step"))
    capacity: np.ndarray = field(
        metadata=_actor("entry", "fixed capacity over which buyers share sales (the entry size)")
    )
    market_share: np.ndarray = field(
        metadata=_actor("entry", "share of the firm's market among its rivals (dynamics.market)")
    )
    lerner: np.ndarray = field(
        metadata=_actor("entry", "price-cost margin (Lerner index) in that market")
    )
    fringe: np.ndarray = field(
        metadata=_actor(
            "entry",
            "ladder position of the outside fringe in the firm's market, with the opt-in "
            "fringe_catch_up (NaN: one step behind the market's best; dynamics.market)",
        )
    )
    absorptive: np.ndarray = field(metadata=_actor("inherit", "absorptive capacity a_i in [0, 1]"))
    rd: np.ndarray = field(metadata=_actor("inherit", "R&D intensity"))
    leader: np.ndarray = field(metadata=_actor("entry", "the firm carries its own brand"))
    name_withdrawn: np.ndarray = field(
        metadata=_actor(
            "entry", "steps left without the right to the regional name (caught at low quality)"
        )
    )
    association_member: np.ndarray = field(
        metadata=_actor(
            "place", "the association monitors the firm (tied to an association, as incumbents)"
        )
    )
    member: np.ndarray = field(
        metadata=_actor(
            "place", "index of the platform the firm is tied to, its catchment (-1: none)"
        )
    )
    trained: np.ndarray = field(metadata=_actor("place", "the firm is tied to a training body"))
    financed: np.ndarray = field(
        metadata=_actor("place", "the firm is tied to a financial institution")
    )
    cost_type: np.ndarray = field(
        metadata=_actor("draw", "quality-cost type: multiplier of the extra unit cost of quality")
    )
    platform_output: np.ndarray = field(metadata=_other("output of each platform in the last step"))
    entry_size: float = field(default=1.0, metadata=_other("output an entrant starts with"))
    reputation: float = field(
        default=0.0, metadata=_other("the regional brand's collective reputation R")
    )
    reference_reputation: float = field(
        default=0.0, metadata=_other("R_0: the reputation at which the region sells its capacity")
    )
    step: int = field(default=0, metadata=_other("steps taken"))

    @classmethod
    def empty(cls, n: int, dims: int, n_platforms: int) -> ModelState:
        """A state of ``n`` actors with zero knowledge and no firm attributes.

        Parameters
        ----------
        n : int
            Number of actors.
        dims : int
            Number of knowledge domains.
        n_platforms : int
            Number of platforms.

        Returns
        -------
        ModelState
            Zero arrays of the right shapes (no platform member: ``member`` is -1).

        Examples
        --------
        >>> s = ModelState.empty(3, 2, 1)
        >>> s.knowledge.shape, s.member.tolist(), s.platform_output.shape
        ((3, 2), [-1, -1, -1], (1,))
        """
        return cls(
            knowledge=np.zeros((n, dims)),
            quality=np.zeros(n),
            last_innovation=np.full(n, -np.inf),
            contribute=np.zeros(n, dtype=bool),
            joined=np.zeros(n, dtype=bool),
            output=np.zeros(n),
            margin=np.zeros(n),
            capacity=np.zeros(n),
            market_share=np.zeros(n),
            lerner=np.zeros(n),
            fringe=np.full(n, np.nan),
            absorptive=np.zeros(n),
            rd=np.zeros(n),
            leader=np.zeros(n, dtype=bool),
            name_withdrawn=np.zeros(n),
            association_member=np.zeros(n, dtype=bool),
            member=np.full(n, -1, dtype=np.int64),
            trained=np.zeros(n, dtype=bool),
            financed=np.zeros(n, dtype=bool),
            cost_type=np.ones(n),
            platform_output=np.zeros(n_platforms),
        )

    @classmethod
    def per_actor_fields(cls) -> dict[str, str]:
        """Name -> entrant rule of every per-actor field.

        Returns
        -------
        dict of str to str
            Field name -> the rule (``"entry"``, ``"inherit"``, ``"place"``, ...)
            that gives an entrant its value.

        Examples
        --------
        >>> rules = ModelState.per_actor_fields()
        >>> "knowledge" in rules, "reputation" in rules
        (True, False)
        """
        return {f.name: f.metadata[ENTRANT] for f in fields(cls) if f.metadata.get(PER_ACTOR)}

    def entry_value(self, name: str):
        """What an entrant starts with in field ``name`` (rule ``"entry"``).

        Parameters
        ----------
        name : str
            A per-actor field whose rule is ``"entry"``.

        Returns
        -------
        object
            The entrant's value (KeyError for a field with another rule).

        Examples
        --------
        >>> s = ModelState.empty(2, 1, 0)
        >>> s.entry_size = 0.5
        >>> s.entry_value("output"), s.entry_value("joined")
        (0.5, False)
        """
        return {
            "last_innovation": -np.inf,
            "contribute": False,
            "joined": False,
            "output": self.entry_size,
            "margin": 0.0,
            "capacity": self.entry_size,
            "market_share": 0.0,
            "lerner": 0.0,
            "fringe": np.nan,
            "leader": False,
            "name_withdrawn": 0.0,
        }[name]

    def __getitem__(self, name: str):
        if name not in self.__dataclass_fields__:
            raise KeyError(name)
        return getattr(self, name)

    def __setitem__(self, name: str, value) -> None:
        if name not in self.__dataclass_fields__:
            raise KeyError(name)
        setattr(self, name, value)

    def __contains__(self, name: object) -> bool:
        return name in self.__dataclass_fields__

    def keys(self):
        """Field names (the state reads like a dict).

        Returns
        -------
        dict_keys of str
            The field names in declaration order.

        Examples
        --------
        >>> s = ModelState.empty(2, 1, 0)
        >>> "knowledge" in s.keys(), s["step"]
        (True, 0)
        """
        return self.__dataclass_fields__.keys()
