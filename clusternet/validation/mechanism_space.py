"""The mechanism propositions (M1–M6) over the plausible parameter space.

:func:`mechanism_task` runs every claim of one row at one point of the
behavioural parameters; :func:`mechanism_robustness` runs it over a Latin
hypercube of their plausible ranges through ``cn.sweep`` and reports, per claim,
the share of draws in which it holds (``Robustness.failure_boxes`` then finds
where it fails, by PRIM).

References
----------
McKay, Beckman & Conover (1979), Latin hypercube sampling; Clopper & Pearson
(1934), the exact binomial interval; Bryant & Lempert (2010), scenario discovery.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np
import pandas as pd
from scipy import stats

from clusternet._validate import check_int, seed_sequence
from clusternet.experiments import Experiment, latin_hypercube, plausible_ranges
from clusternet.validation.mechanism_propositions import (
    CLAIMS,
    DESIGN_FIXED,
    MECHANISM_PROPOSITIONS,
)
from clusternet.validation.robustness import Robustness
from clusternet.validation.rows import Row, run_row

__all__ = ["at_point", "mechanism_robustness", "mechanism_task"]


def at_point(experiment: Experiment, theta: dict) -> Experiment:
    """``experiment`` with every arm run at parameter point ``theta``; an arm's own settings win.

    Parameters
    ----------
    experiment : Experiment
        A declared experiment.
    theta : dict
        Model parameters (a draw of the plausible space).

    Returns
    -------
    Experiment
        The same arms and claims; each arm's model settings are ``{**theta, **arm.model}``.

    Examples
    --------
    >>> from clusternet.validation.mechanism_propositions import COMPETITION_SHAPE
    >>> exp = at_point(COMPETITION_SHAPE, {"competition": 0.9, "premium": 0.4})
    >>> exp.arm("low").model
    {'competition': 0.2, 'premium': 0.4}
    """
    arms = tuple(
        replace(a, model={**theta, **a.model})
        for a in experiment.arms
    )  # fmt: skip
    return Experiment(
        experiment.name,
        arms=arms,
        outcomes=experiment.outcomes,
        claims=experiment.claims,
        generator=dict(experiment.generator),
        kind=experiment.kind,
    )


def mechanism_task(key: str, firms: int, reps: int, root: int, steps: int, seed=None, **theta):
    """Every claim of row ``key`` at one parameter point: effect and 95 % interval.

    ``seed`` (the sweep's own) is ignored: every draw uses the replicate seeds
    of ``root`` (common random numbers across draws).

    Parameters
    ----------
    key : str
        The row of :data:`MECHANISM_PROPOSITIONS` (``"M1"`` … ``"M6"``).
    firms : int
        Firms per generated cluster where the row's design does not fix the size.
    reps : int
        Paired replicates per arm.
    root : int
        Root of the replicate seeds (the same for every parameter point).
    steps : int
        Steps per run.
    seed : optional
        The sweep's task seed; ignored (see above).
    **theta
        The parameter point; the design's own settings override a drawn value
        (:func:`at_point`).

    Returns
    -------
    dict of str to float
        ``effect_i``, ``low_i``, ``high_i``: the mean paired effect of the row's
        claim ``i`` and its 95 % t interval.

    Examples
    --------
    >>> out = mechanism_task("M5", 50, 2, 7, 1, competition=0.5)
    >>> sorted(out)[:3]
    ['effect_0', 'effect_1', 'high_0']
    """
    row = MECHANISM_PROPOSITIONS[key]
    if row.run is not None:
        effects = row.run(firms, reps, root, steps, **theta)
    else:
        assert row.experiment is not None
        declared = at_point(row.experiment, theta)
        effects = run_row(
            Row(row.key, row.kind, row.claim, row.source, row.mechanism, row.design, steps,
                experiment=declared),
            firms, reps, root,
        ).effects  # fmt: skip
    out = {}
    for i, e in enumerate(effects):
        out.update({f"effect_{i}": e.mean, f"low_{i}": e.low, f"high_{i}": e.high})
    return out


def mechanism_robustness(
    key: str,
    n: int = 16,
    reps: int = 4,
    firms: int = 150,
    steps: int | None = None,
    parameters: Sequence[str] | None = None,
    seed=2026,
    workers: int | None = None,
) -> Robustness:
    """Share of plausible parameter draws in which each claim of ``key`` holds.

    ``n`` draws of a scrambled Latin hypercube over ``parameters`` (default:
    every behavioural parameter with a plausible range); at each, the row's
    paired design with ``reps`` replicates (the same replicate seeds at every
    draw) through ``cn.sweep``, one task per draw. A claim holds at a draw when
    its 95 % paired interval lies on the claimed side of zero; the share's
    interval is the exact (Clopper–Pearson) binomial interval over draws.
    ``Robustness.failure_boxes`` finds where a claim fails (PRIM).

    Parameters
    ----------
    key : str
        A key of :data:`MECHANISM_PROPOSITIONS`.
    n, reps, firms : int
        Draws, replicates per draw, firms per cluster.
    steps : int, optional
        Steps per run (the row's own by default).
    parameters : sequence of str, optional
        The parameters drawn.
    seed : int or SeedSequence
        Root seed of the design and the replicates.
    workers : int, optional
        Processes of the sweep.

    Returns
    -------
    Robustness

    References
    ----------
    McKay, Beckman & Conover (1979); Clopper & Pearson (1934); Bryant & Lempert (2010).

    Examples
    --------
    >>> rob = mechanism_robustness("M5", n=2, reps=2, firms=50, steps=1,
    ...                            parameters=["premium"], seed=1, workers=1)
    >>> list(rob.shares["draws"])
    [2, 2]
    """
    from clusternet.ensemble import sweep

    if key not in MECHANISM_PROPOSITIONS:
        raise ValueError(f"unknown row {key!r}; known: {', '.join(MECHANISM_PROPOSITIONS)}")
    row = MECHANISM_PROPOSITIONS[key]
    n = check_int("n", n, minimum=2)
    reps = check_int("reps", reps, minimum=2)
    firms = check_int("firms", firms, minimum=50)
    steps = check_int("steps", steps if steps is not None else row.steps, minimum=1)
    ranges = plausible_ranges(parameters)
    design_seed, run_seed = seed_sequence(seed).spawn(2)
    root = int(run_seed.generate_state(1, dtype=np.uint32)[0])
    design = latin_hypercube(ranges, n, seed=design_seed)
    grid = [
        {**point, "key": key, "firms": firms, "reps": reps, "root": root, "steps": steps}
        for point in design
    ]
    table = sweep(mechanism_task, grid, seed=root, workers=workers, progress=False)
    failed = table[table["status"] != "ok"]
    if len(failed):
        raise RuntimeError(f"{len(failed)} robustness tasks failed:\n{failed['error'].iloc[0]}")
    claims = sorted(int(c.split("_")[1]) for c in table.columns if c.startswith("effect_"))
    cols = [f"{p}_{i}" for i in claims for p in ("effect", "low", "high")]
    draws = table[[*ranges, *cols]].reset_index(drop=True).copy()
    draws.insert(0, "draw", np.arange(len(draws)))
    texts = CLAIMS[key]
    shares = []
    for i in claims:
        ok = draws[f"low_{i}"] > 0 if texts[i][1] > 0 else draws[f"high_{i}"] < 0
        draws[f"holds_{i}"] = ok.to_numpy(bool)
        k = int(ok.sum())
        ci = stats.binomtest(k, n).proportion_ci(0.95, method="exact")
        shares.append(
            {"claim": i, "text": texts[i][0], "sign": texts[i][1], "holds": k, "draws": n, "share": k / n, "low": float(ci.low),
             "high": float(ci.high)}
        )  # fmt: skip
    fixed = [p for p in ranges if p in DESIGN_FIXED[key]]
    return Robustness(key, draws, pd.DataFrame(shares), list(ranges), fixed)
