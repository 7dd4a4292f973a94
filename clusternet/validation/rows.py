"""Validation rows: a claim, its kind (wiring check or proposition) and its design.

A row is either a declared :class:`~clusternet.experiments.Experiment` (arms
and claims run by the experiment layer) or, where the design is not a set of
model arms (the spillover checks, the congestion hump), a small function that
returns its effects. Either way every effect is a paired difference over
replicates with the one interval of :func:`clusternet.experiments.paired_interval`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from clusternet._validate import seed_sequence
from clusternet.experiments import Experiment, final_values, paired_interval
from clusternet.experiments import run_experiment as _run_declared

__all__ = ["Effect", "Row", "ValidationResult", "paired_effect", "replicate_seeds", "run_row"]


@dataclass(frozen=True)
class Effect:
    """Mean paired difference ``B - A`` over ``n`` replicates with its 95 % t interval.

    Parameters
    ----------
    name : str
        What the effect compares, e.g. ``"certification -> reputation"``.
    mean : float
        The mean paired difference.
    low, high : float
        The 95 % t interval.
    n : int
        The number of replicate pairs.
    sign : {+1, -1}
        The claimed sign.
    baseline : float, optional
        The mean outcome in arm A (for ``relative``); NaN when not given.

    Examples
    --------
    >>> e = Effect("x", 0.2, 0.1, 0.3, 5, +1, baseline=2.0)
    >>> e.supported, e.relative
    (True, 0.1)
    """

    name: str
    mean: float
    low: float
    high: float
    n: int
    sign: int  # the claimed sign: +1 or -1
    baseline: float = float("nan")  # mean outcome in arm A (for relative effects)

    @property
    def supported(self) -> bool:
        """The interval lies entirely on the claimed side of zero.

        Returns
        -------
        bool

        Examples
        --------
        >>> Effect("x", 0.2, -0.1, 0.5, 5, +1).supported, Effect("x", -0.2, -0.3, -0.1, 5, -1).supported
        (False, True)
        """
        return bool(self.low > 0) if self.sign > 0 else bool(self.high < 0)

    @property
    def relative(self) -> float:
        """The effect relative to the baseline mean (NaN without a baseline).

        Returns
        -------
        float
            ``mean / baseline``.

        Examples
        --------
        >>> Effect("x", 0.2, 0.1, 0.3, 5, +1, baseline=0.5).relative, Effect("x", 0.2, 0.1, 0.3, 5, +1).relative
        (0.4, nan)
        """
        return self.mean / self.baseline if self.baseline else float("nan")


def paired_effect(name: str, differences, sign: int, baseline: float = float("nan")) -> Effect:
    """An :class:`Effect` from per-replicate paired differences (:func:`clusternet.experiments.paired_interval`).

    Parameters
    ----------
    name : str
        The effect's name.
    differences : array-like of float
        One paired difference ``B - A`` per replicate.
    sign : {+1, -1}
        The claimed sign.
    baseline : float, optional
        The mean outcome in arm A.

    Returns
    -------
    Effect

    Examples
    --------
    >>> paired_effect("x", [0.3, 0.1, 0.4, 0.2, 0.5], +1).supported
    True
    """
    iv = paired_interval(differences)
    return Effect(name, iv.effect, iv.low, iv.high, iv.n, sign, baseline)


@dataclass(frozen=True)
class Row:
    """One validation row: a wiring check or a proposition, with its design.

    ``kind``: ``"wiring"`` (a lever moves its own target: a unit test of the
    mechanism, not validation) or ``"proposition"`` (a prediction that needs a
    chain of firms' choices); ``not_by_construction``: for a proposition, why it
    could come out either way — and where it is known to fail. Exactly one of
    ``experiment`` (a declaration) and ``run`` (``run(firms, reps, seed,
    steps) -> list[Effect]``) is given.

    Parameters
    ----------
    key : str
        The row's identifier (``"V1"``, ...).
    kind : {"wiring", "proposition"}
        As above.
    claim : str
        The claim in words.
    source : str
        A claim identifier of ``docs/claims.md`` or a citation.
    mechanism : str
        The model mechanism (chain of choices) the row tests.
    design : str
        The experiment's design in words.
    steps : int
        Steps per run.
    experiment : Experiment, optional
        The declared experiment (run by :func:`clusternet.experiments.run_experiment`).
    run : callable, optional
        A function ``run(firms, reps, seed, steps) -> list[Effect]`` instead.
    not_by_construction : str, optional
        As above.

    Examples
    --------
    >>> from clusternet.validation import PROPOSITIONS
    >>> PROPOSITIONS["V3"].kind
    'proposition'
    """

    key: str
    kind: str
    claim: str
    source: str
    mechanism: str
    design: str
    steps: int
    experiment: Experiment | None = None
    run: Callable | None = None
    not_by_construction: str = ""

    def __post_init__(self) -> None:
        if (self.experiment is None) == (self.run is None):
            raise ValueError(f"row {self.key}: give exactly one of experiment and run")
        if self.kind not in ("wiring", "proposition"):
            raise ValueError(f"row {self.key}: kind must be 'wiring' or 'proposition'")


@dataclass
class ValidationResult:
    """One row's claim, design and measured effects.

    Parameters
    ----------
    key, kind, claim, source, mechanism, design : str
        Copied from the :class:`Row`.
    effects : list of Effect, optional
        The measured effects.

    Examples
    --------
    >>> r = ValidationResult("V0", "wiring", "c", "s", "m", "d", [paired_effect("x", [1.0, 1.1, 0.9, 1.2], +1)])
    >>> r.supported, list(r.table()["effect"])
    (True, ['x'])
    """

    key: str
    kind: str
    claim: str
    source: str
    mechanism: str
    design: str
    effects: list[Effect] = field(default_factory=list)

    @property
    def supported(self) -> bool:
        """Every effect of the row has its claimed sign with an interval excluding 0.

        Returns
        -------
        bool
            True also for a row without effects.

        Examples
        --------
        >>> ValidationResult("V0", "wiring", "c", "s", "m", "d",
        ...                  [Effect("x", 0.2, 0.1, 0.3, 5, +1), Effect("y", 0.1, -0.1, 0.3, 5, +1)]).supported
        False
        """
        return all(e.supported for e in self.effects)

    def table(self) -> pd.DataFrame:
        """One row per effect: name, mean, interval, n, claimed sign and whether it holds.

        Returns
        -------
        pandas.DataFrame
            One row per effect.

        Examples
        --------
        >>> r = ValidationResult("V0", "wiring", "c", "s", "m", "d", [Effect("x", 0.2, 0.1, 0.3, 5, +1)])
        >>> r.table()[["effect", "mean", "supported"]]
          effect  mean  supported
        0      x   0.2       True
        """
        return pd.DataFrame(
            [
                {
                    "experiment": self.key,
                    "kind": self.kind,
                    "effect": e.name,
                    "mean": e.mean,
                    "low": e.low,
                    "high": e.high,
                    "relative": e.relative,
                    "n": e.n,
                    "claimed_sign": e.sign,
                    "supported": e.supported,
                }
                for e in self.effects
            ]
        )


def replicate_seeds(seed, reps: int) -> list[int]:
    """``reps`` replicate seeds from one root (for the rows that are not declarations).

    Parameters
    ----------
    seed : int or SeedSequence
        The root seed.
    reps : int
        How many seeds.

    Returns
    -------
    list of int
        Distinct 32-bit seeds, the same for the same root.

    Examples
    --------
    >>> replicate_seeds(1, 3) == replicate_seeds(1, 3), len(replicate_seeds(1, 3))
    (True, 3)
    """
    return [int(s) for s in seed_sequence(seed).generate_state(reps, dtype=np.uint32)]


def run_row(row: Row, firms: int, reps: int, seed, workers: int | None = 1) -> ValidationResult:
    """Run one row at ``firms`` firms and ``reps`` replicates.

    Parameters
    ----------
    row : Row
        The row to run.
    firms : int
        Cluster size.
    reps : int
        Replicates (clusters) per arm.
    seed : int or SeedSequence
        The root seed.
    workers : int, optional, default 1
        Worker processes for a declared experiment.

    Returns
    -------
    ValidationResult

    Examples
    --------
    >>> from clusternet.validation import WIRING
    >>> r = run_row(WIRING["V6"], firms=50, reps=2, seed=1)
    >>> r.key, len(r.effects) > 0
    ('V6', True)
    """
    if row.run is not None:
        effects = row.run(firms, reps, seed, row.steps)
    else:
        assert row.experiment is not None
        res = _run_declared(
            row.experiment, firms=firms, reps=reps, steps=row.steps, seed=seed, workers=workers
        )
        effects = []
        for claim, (_, v) in zip(row.experiment.claims, res.verdicts.iterrows(), strict=True):
            base = float("nan")
            if not claim.absolute:
                ref = res.runs[res.runs["arm"] == (claim.reference or row.experiment.baseline)]
                base = float(final_values(ref, [claim.outcome])[claim.outcome].mean())
            effects.append(
                Effect(claim.text, v["effect"], v["low"], v["high"], reps, claim.sign, base)
            )
    return ValidationResult(
        row.key, row.kind, row.claim, row.source, row.mechanism, row.design, effects
    )
