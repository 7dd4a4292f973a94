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

    ``quick`` uses 300 firms, 15 steps and 3 replicates (a smoke run: intervals
    are wide); ``firms``, ``reps`` and ``steps`` override either setting. The
    same as :func:`clusternet.experiments.run_experiment`.
    """
    return run_experiment(
        study, quick=quick, firms=firms, reps=reps, steps=steps, seed=seed, workers=workers
    )
