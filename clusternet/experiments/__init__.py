"""One layer for designed experiments on the upgrading model.

Case studies (:mod:`clusternet.studies`), propositions and wiring checks
(:mod:`clusternet.validation`) are :class:`Experiment` declarations — arms,
claims, outcomes, sourced facts — run by one task function with one seed scheme
through :func:`clusternet.sweep` (:func:`run_experiment`) and summarised by one
module of paired effects, bands and rankings. Designs over plausible ranges
(:func:`latin_hypercube`) and scenario discovery (:func:`scenario_discovery`,
PRIM) work on any ``cn.sweep`` result. :func:`innovation_by_competition` runs
the model over a grid of competition intensities and :func:`classify_shape`
reads the shape from paired intervals.
"""

from clusternet.experiments.competition import classify_shape, innovation_by_competition
from clusternet.experiments.design import Arm, Claim, Experiment, Fact
from clusternet.experiments.discovery import ScenarioBoxes, scenario_discovery
from clusternet.experiments.effects import (
    PairedInterval,
    bands,
    final_values,
    markdown_table,
    paired_effects,
    paired_interval,
    rank_arms,
)
from clusternet.experiments.run import (
    ExperimentResult,
    arm_task,
    run_arms,
    run_experiment,
    task_settings,
    verdicts,
)
from clusternet.experiments.sampling import latin_hypercube, plausible_ranges

__all__ = [
    "Arm",
    "Claim",
    "Experiment",
    "ExperimentResult",
    "Fact",
    "PairedInterval",
    "ScenarioBoxes",
    "arm_task",
    "bands",
    "classify_shape",
    "final_values",
    "innovation_by_competition",
    "latin_hypercube",
    "markdown_table",
    "paired_effects",
    "paired_interval",
    "plausible_ranges",
    "rank_arms",
    "run_arms",
    "run_experiment",
    "scenario_discovery",
    "task_settings",
    "verdicts",
]
