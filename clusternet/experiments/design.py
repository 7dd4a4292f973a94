"""Declarations of designed experiments: sourced facts, arms, claims and the experiment.

A case study, a proposition and a wiring check are all an :class:`Experiment`:
data, not code. :func:`clusternet.experiments.run_experiment` runs any of them
through one task function and one seed scheme (``cn.sweep``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from clusternet.experiments.effects import series_of

__all__ = ["Arm", "Claim", "Experiment", "Fact"]


@dataclass(frozen=True)
class Fact:
    """One public fact behind a calibration, or an assumption stated as such.

    ``source`` is a citation (publication, URL and date); ``None`` marks an
    assumption, and ``use`` then says why the value is reasonable.

    Parameters
    ----------
    quantity : str
        What the fact is about, e.g. ``"firms"``.
    value : str
        The value as reported, e.g. ``"about 1,000"``.
    use : str
        What the calibration does with it (or, for an assumption, why it is reasonable).
    source : str, optional
        The citation; None for an assumption.

    Examples
    --------
    >>> Fact("firms", "about 1,000", "cluster size").assumed
    True
    """

    quantity: str
    value: str
    use: str
    source: str | None = None

    @property
    def assumed(self) -> bool:
        """True when no public source backs the value (an explicit assumption).

        Returns
        -------
        bool

        Examples
        --------
        >>> Fact("firms", "about 1,000", "cluster size", source="Census 2020").assumed
        False
        """
        return self.source is None


@dataclass(frozen=True)
class Arm:
    """One arm of a designed experiment: model levers, generator settings, network changes.

    Every arm runs on the same replicate seeds (common random numbers). An arm
    with ``generator`` settings builds its cluster with them from the same seed,
    so it shares the draws the generator makes in the same order but not the
    network itself. ``per_firm`` gives count levers per firm (e.g.
    ``{"new_university_ties": 0.1}``: one new tie per ten firms), so an arm
    means the same at every cluster size. ``drop_layers`` removes whole layers
    and ``drop_roles`` every actor of the named roles from the generated cluster
    before the model runs (structural arms: "the same cluster without its
    competition ties"). ``firms_factor`` generates this arm's cluster with
    ``round(firms * firms_factor)`` firms (clusters of different sizes in one
    experiment), and ``per_base_firm`` gives levers per firm of the experiment's
    base size ``firms``, the same in every arm whatever its own size (a region's
    capacity that small and large clusters share). ``hold_output_of`` names
    another arm whose platform output this arm's platforms produce, whatever
    this arm's firms choose: at every step ``t`` every platform produces, per
    catchment firm, the ``platform_output_per_firm`` that the named arm's
    platforms produced at ``t`` in the same replicate (``platform_output_fixed``
    set before each step; the named arm is run again inside this arm's task, on
    the same draws). A difference in differences against such arms removes the
    part of an effect that passes through how much the platforms produce. With
    several platforms the held arm also evens out how the output is shared
    between them (each produces the same amount per catchment firm), so it
    reproduces its source exactly only with one platform.

    Parameters
    ----------
    name : str
        Unique within its experiment; the first arm is the baseline.
    description : str
        What the arm does, in words (shown in reports).
    model : dict, optional
        Model levers and parameters, e.g. ``{"certification": 0.6}``
        (see :class:`clusternet.UpgradingModel`).
    generator : dict, optional
        Settings of :func:`clusternet.generate_cluster` for this arm's cluster.
    per_firm : dict, optional
        Count levers per firm, scaled by the cluster size.
    drop_layers : tuple of str, optional
        Layers removed from the cluster before the run.
    drop_roles : tuple of str, optional
        Roles whose actors are removed from the cluster before the run.
    firms_factor : float, default 1.0
        This arm's cluster size relative to the experiment's ``firms`` (> 0).
    per_base_firm : dict, optional
        Levers per firm of the experiment's base size, multiplied by ``firms``.
    hold_output_of : str, optional
        The arm whose platform output per catchment firm, step by step, this arm's
        platforms produce.

    Examples
    --------
    >>> Arm("no_competition", "without competition ties", drop_layers=("competition",)).drop_layers
    ('competition',)
    >>> Arm("large", "four times the firms", firms_factor=4.0).firms_factor
    4.0
    >>> Arm("held", "the baseline's platform output", hold_output_of="base").hold_output_of
    'base'
    """

    name: str
    description: str
    model: dict = field(default_factory=dict)
    generator: dict = field(default_factory=dict)
    per_firm: dict = field(default_factory=dict)
    drop_layers: tuple[str, ...] = ()
    drop_roles: tuple[str, ...] = ()
    firms_factor: float = 1.0
    per_base_firm: dict = field(default_factory=dict)
    hold_output_of: str | None = None

    def __post_init__(self) -> None:
        if self.hold_output_of is not None:
            if not isinstance(self.hold_output_of, str):
                raise ValueError(
                    f"arm {self.name!r}: hold_output_of must be an arm's name, "
                    f"got {self.hold_output_of!r}"
                )
            if self.hold_output_of == self.name:
                raise ValueError(f"arm {self.name!r}: hold_output_of names the arm itself")
            if "platform_output_fixed" in self.model:
                raise ValueError(
                    f"arm {self.name!r}: hold_output_of sets platform_output_fixed, "
                    "which the arm's model sets too"
                )
        factor = self.firms_factor
        if (
            isinstance(factor, bool)
            or not isinstance(factor, (int, float))
            or not 0 < factor < float("inf")
        ):
            raise ValueError(
                f"arm {self.name!r}: firms_factor must be a finite number > 0, got {factor!r}"
            )


def check_holds(arms: Sequence[Arm], where: str) -> None:
    """Refuse an arm that holds the platform output of an arm not among ``arms`` or of a holder.

    Parameters
    ----------
    arms : sequence of Arm
        The arms of one experiment or one run.
    where : str
        What the arms belong to, for the message.

    Raises
    ------
    ValueError
        If ``hold_output_of`` names no arm of ``arms`` or an arm that holds one itself.

    Examples
    --------
    >>> check_holds([Arm("base", "b"), Arm("held", "h", hold_output_of="base")], "demo")
    >>> check_holds([Arm("held", "h", hold_output_of="base")], "demo")
    Traceback (most recent call last):
    ...
    ValueError: demo: arm 'held' holds the platform output of 'base', which is not an arm; arms: ['held']
    """
    by_name = {a.name: a for a in arms}
    for a in arms:
        if a.hold_output_of is None:
            continue
        source = by_name.get(a.hold_output_of)
        if source is None:
            raise ValueError(
                f"{where}: arm {a.name!r} holds the platform output of {a.hold_output_of!r}, "
                f"which is not an arm; arms: {list(by_name)}"
            )
        if source.hold_output_of is not None:
            raise ValueError(
                f"{where}: arm {a.name!r} holds the platform output of {source.name!r}, "
                "which holds another arm's output itself"
            )


@dataclass(frozen=True)
class Claim:
    r"""A claim the experiment tests: ``arm`` moves ``outcome`` with ``sign`` (+1 / -1).

    The effect is measured against ``reference`` (the first arm when ``None``);
    an ``absolute`` claim is about the arm's own outcome (e.g. a ``*_change``
    outcome: "reputation falls over the run without governance"), its interval
    the t interval of the replicates' values. A claim with ``minus = (c, d)`` is a
    difference in differences, paired by replicate,

    .. math:: \Delta_r = (y_{r,\mathrm{arm}} - y_{r,\mathrm{reference}})
              - (y_{r,c} - y_{r,d}),

    the part of an effect that a second contrast does not explain (e.g. the
    reputation gap of two pasts with firms' choices, less the gap buyers' memory
    alone keeps; Angrist & Pischke 2009, ch. 5).

    Parameters
    ----------
    text : str
        The claim in words.
    source : str
        Where it comes from: a claim identifier of ``docs/claims.md`` or a citation.
    arm : str
        The arm whose effect is claimed.
    outcome : str
        One of the experiment's outcomes.
    sign : {+1, -1}
        The claimed direction of the effect.
    reference : str, optional
        The arm the effect is measured against (the baseline when None).
    absolute : bool, default False
        The claim is about the arm's own outcome, not a difference.
    minus : tuple of (str, str), optional
        Two arms whose difference is subtracted (a difference in differences).

    Examples
    --------
    >>> Claim("certification raises reputation", "C-SPEC-1", "certify", "reputation", +1).sign
    1
    >>> Claim("kept by choices", "Tirole 1996", "good", "reputation", +1, reference="bad",
    ...       minus=("good_frozen", "bad_frozen")).arms
    ('good', 'bad', 'good_frozen', 'bad_frozen')
    """

    text: str
    source: str
    arm: str
    outcome: str
    sign: int
    reference: str | None = None
    absolute: bool = False
    minus: tuple[str, str] | None = None

    def __post_init__(self) -> None:
        if self.absolute and (self.reference is not None or self.minus is not None):
            raise ValueError(
                f"claim {self.text!r}: an absolute claim has no reference arm and no minus pair"
            )
        if self.minus is not None and (
            not isinstance(self.minus, tuple)
            or len(self.minus) != 2
            or not all(isinstance(a, str) for a in self.minus)
        ):
            raise ValueError(f"claim {self.text!r}: minus must be a pair of arm names")
        if self.sign not in (-1, 1):
            raise ValueError(f"claim {self.text!r}: sign must be +1 or -1, got {self.sign!r}")

    @property
    def arms(self) -> tuple[str, ...]:
        """The arms the claim names: ``arm``, ``reference`` if named, then the ``minus`` pair.

        The experiment's baseline is read too when ``reference`` is None.

        Returns
        -------
        tuple of str

        Examples
        --------
        >>> Claim("x", "s", "a", "y", +1).arms
        ('a',)
        """
        named = (self.arm, self.reference, *(self.minus or ()))
        return tuple(a for a in named if a is not None)

    def contrast(self, values, baseline: str):
        """The claim's effect from its outcome per arm (a paired difference, or a DiD).

        Parameters
        ----------
        values : mapping of str to float or numpy.ndarray
            The claim's outcome by arm: one replicate's value, or arrays over
            replicates in the same order (the contrast is then per replicate).
        baseline : str
            The experiment's first arm (the reference when the claim names none).

        Returns
        -------
        float or numpy.ndarray
            ``y_arm`` (absolute), ``y_arm - y_ref``, or that less ``y_c - y_d``.

        Examples
        --------
        >>> c = Claim("x", "s", "a", "y", +1, reference="b", minus=("c", "d"))
        >>> c.contrast({"a": 5.0, "b": 2.0, "c": 4.0, "d": 3.5}, "base")
        2.5
        """
        out = values[self.arm]
        if self.absolute:
            return out
        out = out - values[self.reference or baseline]
        if self.minus is not None:
            out = out - (values[self.minus[0]] - values[self.minus[1]])
        return out


@dataclass(frozen=True)
class Experiment:
    """A designed, replicated experiment on the upgrading model.

    ``generator``: settings of :func:`clusternet.generate_cluster` for the
    cluster every arm starts from (an arm's own ``generator`` settings override
    them); ``firms``, ``steps``, ``reps``: the full-scale design; ``outcomes``:
    the recorded series (a ``*_total`` outcome is the series summed over the
    run, ``*_change`` its change from the first step to the last); ``primary``: the outcome the ranking uses (the first outcome when
    empty); ``kind``: ``"study"``, ``"proposition"`` or ``"wiring"``;
    ``not_by_construction``: for a proposition, why the result could come out
    either way. The other fields document a case study.

    Parameters
    ----------
    name : str
        Identifier (file and CLI names).
    arms : tuple of Arm
        The arms; the first is the baseline. Names must be unique.
    outcomes : tuple of str
        Outcomes measured at the last step, as above.
    claims : tuple of Claim, optional
        The claims tested; each names an arm and an outcome of this experiment.
    generator : dict, optional
        Settings of :func:`clusternet.generate_cluster` shared by the arms.
    firms, steps, reps : int, default 400, 30, 12
        The full-scale design.
    primary : str, optional
        The outcome the ranking uses.
    kind : {"study", "proposition", "wiring"}, default "study"
        What the experiment is.
    title, chapter, question : str, optional
        A case study's title, chapter of the monograph and question.
    facts : tuple of Fact, optional
        The calibration's sourced facts and stated assumptions.
    limits : str, optional
        What the study cannot show.
    not_by_construction : str, optional
        For a proposition: why the result could come out either way.
    labels : dict, optional
        Display labels of outcomes.
    takeoff : tuple of (str, float), optional
        A series and a level: the report gives the first step at which each arm's
        mean series reaches it.

    Examples
    --------
    >>> e = Experiment("demo", arms=(Arm("baseline", "no policy"),), outcomes=("reputation",))
    >>> e.arm("baseline").description, e.series
    ('no policy', ('reputation',))
    """

    name: str
    arms: tuple[Arm, ...]
    outcomes: tuple[str, ...]
    claims: tuple[Claim, ...] = ()
    generator: dict = field(default_factory=dict)
    firms: int = 400
    steps: int = 30
    reps: int = 12
    primary: str = ""
    kind: str = "study"
    title: str = ""
    chapter: str = ""
    question: str = ""
    facts: tuple[Fact, ...] = ()
    limits: str = ""
    not_by_construction: str = ""
    labels: dict = field(default_factory=dict)
    # (series, level): the report gives the first step each arm's mean series reaches it
    takeoff: tuple[str, float] | None = None

    def __post_init__(self) -> None:
        names = [a.name for a in self.arms]
        if not names:
            raise ValueError(f"experiment {self.name!r} has no arms")
        if len(set(names)) != len(names):
            raise ValueError(f"experiment {self.name!r}: arm names must be unique, got {names}")
        if self.kind not in ("study", "proposition", "wiring"):
            raise ValueError(
                f"experiment {self.name!r}: kind must be 'study', 'proposition' or 'wiring', "
                f"got {self.kind!r}"
            )
        check_holds(self.arms, f"experiment {self.name!r}")
        for claim in self.claims:
            for arm in claim.arms:
                if arm not in names:
                    raise ValueError(
                        f"experiment {self.name!r}: claim {claim.text!r} names arm {arm!r}; "
                        f"arms: {names}"
                    )
            if claim.outcome not in self.outcomes:
                raise ValueError(
                    f"experiment {self.name!r}: claim {claim.text!r} names outcome "
                    f"{claim.outcome!r}; outcomes: {list(self.outcomes)}"
                )
        if self.primary and self.primary not in self.outcomes:
            raise ValueError(
                f"experiment {self.name!r}: primary {self.primary!r} is not an outcome"
            )

    def arm(self, name: str) -> Arm:
        """The arm called ``name`` (a clear error when there is none).

        Parameters
        ----------
        name : str
            The arm's name.

        Returns
        -------
        Arm

        Examples
        --------
        >>> e = Experiment("demo", arms=(Arm("base", "no policy"), Arm("cert", "a label")),
        ...                outcomes=("reputation",))
        >>> e.arm("cert").description
        'a label'
        """
        for a in self.arms:
            if a.name == name:
                return a
        raise ValueError(f"experiment {self.name!r} has no arm {name!r}")

    @property
    def baseline(self) -> str:
        """The first arm: the reference of every claim that names none.

        Returns
        -------
        str

        Examples
        --------
        >>> Experiment("demo", arms=(Arm("base", "no policy"), Arm("cert", "a label")),
        ...            outcomes=("reputation",)).baseline
        'base'
        """
        return self.arms[0].name

    @property
    def series(self) -> tuple[str, ...]:
        """The time-series columns the outcomes need.

        A ``*_total``, ``*_change`` or ``*_growth`` outcome needs its series once.

        Returns
        -------
        tuple of str
            In the order the outcomes first name them.

        Examples
        --------
        >>> Experiment("demo", arms=(Arm("base", "no policy"),),
        ...            outcomes=("innovations_total", "reputation_change", "reputation")).series
        ('innovations', 'reputation')
        """
        return tuple(dict.fromkeys(series_of(o) for o in self.outcomes))
