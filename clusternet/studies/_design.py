"""The parts of a case study: sourced facts, the calibrated cluster, arms and claims."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Fact:
    """One public fact behind the calibration, or an assumption stated as such.

    ``source`` is a citation (publication, URL and date); ``None`` marks an
    assumption, and ``use`` then says why the value is reasonable.
    """

    quantity: str
    value: str
    use: str
    source: str | None = None

    @property
    def assumed(self) -> bool:
        """True when no public source backs the value (an explicit assumption)."""
        return self.source is None


@dataclass(frozen=True)
class Arm:
    """One arm of the designed experiment: model levers and, for structural arms, generator settings.

    Every arm runs on the same replicate seeds (common random numbers). An arm
    with ``generator`` settings builds its cluster with them from the same seed,
    so it shares the draws the generator makes in the same order but not the
    network itself. ``per_firm`` gives count levers per firm (e.g.
    ``{"new_university_ties": 0.1}``: one new tie per ten firms), so an arm
    means the same at every cluster size.
    """

    name: str
    description: str
    model: dict = field(default_factory=dict)
    generator: dict = field(default_factory=dict)
    per_firm: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Claim:
    """A claim of the chapter the study tests: ``arm`` moves ``outcome`` with ``sign`` (+1 / -1).

    The effect is measured against ``reference`` (the baseline when ``None``).
    """

    text: str
    source: str
    arm: str
    outcome: str
    sign: int
    reference: str | None = None


@dataclass(frozen=True)
class Study:
    """A case study of the monograph as a designed, replicated experiment.

    ``generator``: settings of :func:`clusternet.generate_cluster` (preset and
    parameters) for the calibrated cluster; ``firms``: its size at full scale;
    ``outcomes``: the recorded series (a ``*_total`` outcome is the series summed
    over the run); ``primary``: the outcome the policy ranking uses.
    """

    name: str
    title: str
    chapter: str
    question: str
    facts: tuple[Fact, ...]
    generator: dict
    firms: int
    steps: int
    reps: int
    arms: tuple[Arm, ...]
    outcomes: tuple[str, ...]
    primary: str
    claims: tuple[Claim, ...]
    limits: str
    labels: dict = field(default_factory=dict)
    # (series, level): the report gives the first step each arm's mean series reaches it
    takeoff: tuple[str, float] | None = None

    def arm(self, name: str) -> Arm:
        """The arm called ``name`` (a clear error when there is none)."""
        for a in self.arms:
            if a.name == name:
                return a
        raise ValueError(f"study {self.name!r} has no arm {name!r}")

    @property
    def series(self) -> tuple[str, ...]:
        """The time-series columns the outcomes need."""
        return tuple(dict.fromkeys(o.removesuffix("_total") for o in self.outcomes))
