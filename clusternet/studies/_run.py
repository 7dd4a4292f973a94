"""A case study's run and its plain-language conclusion (the run itself is the experiment layer's)."""

from __future__ import annotations

from clusternet.experiments.design import Experiment
from clusternet.experiments.run import (
    ExperimentResult,
    arm_task,
    conclusion_text,
    run_arms,
    run_experiment,
    verdicts,
)

#: The result of a case study: an experiment's result.
StudyResult = ExperimentResult

__all__ = ["StudyResult", "arm_task", "conclusion_text", "run_arms", "run_study", "verdicts"]


def run_study(
    study: Experiment,
    quick: bool = False,
    firms: int | None = None,
    reps: int | None = None,
    steps: int | None = None,
    seed: int = 2026,
    workers: int | None = None,
) -> ExperimentResult:
    """Run a study: every arm over replicates, effects against the baseline, ranking, verdicts.

    The same as :func:`clusternet.experiments.run_experiment`; a case study is an
    :class:`~clusternet.experiments.Experiment` of kind ``"study"``.

    Parameters
    ----------
    study : Experiment
        The declared study: its arms, outcomes, claims and full-scale design
        (``firms``, ``steps``, ``reps``), e.g. ``studies.STUDIES["taizhou"]``.
    quick : bool, default False
        Use 300 firms, 15 steps and 3 replicates (a smoke run: intervals are wide)
        instead of the study's own design.
    firms, reps, steps : int, optional
        Override the cluster size (at least 50 firms), the replicates per arm (at
        least 2) and the steps of either setting.
    seed : int, default 2026
        Root seed: each (arm, replicate) task draws from a stream keyed by it, so the
        result is the same for every ``workers``; arms share the cluster and draws of
        a replicate (common random numbers).
    workers : int, optional
        Worker processes of the local pool (default: one per core, at most one per task).

    Returns
    -------
    StudyResult
        The replicate table (``runs``: one row per arm, replicate and step), the
        effects against the baseline with 95 % paired intervals, the policy ranking,
        the verdicts on the study's claims and the settings used.

    Examples
    --------
    A toy study at the smallest size the design allows (one policy arm, 50 firms,
    2 replicates of 1 step), run in this process (``workers=1``); generating the
    four clusters takes most of the time:

    >>> from clusternet.experiments import Arm, Claim, Experiment
    >>> toy = Experiment(
    ...     "toy",
    ...     arms=(Arm("base", "no policy"), Arm("cert", "certification", {"certification": 0.6})),
    ...     outcomes=("reputation",),
    ...     claims=(Claim("certification raises reputation", "C", "cert", "reputation", +1),),
    ... )
    >>> result = run_study(toy, firms=50, reps=2, steps=1, workers=1)
    >>> len(result.runs), result.effects[["arm", "outcome"]].values.tolist()
    (8, [['cert', 'reputation']])
    >>> bool(result.verdicts["verdict"].isin(["supported", "contradicted", "not shown"]).all())
    True
    """
    return run_experiment(
        study, quick=quick, firms=firms, reps=reps, steps=steps, seed=seed, workers=workers
    )
