"""Validity of the model: wiring checks, propositions, a population study and sensitivity.

Every row is a declaration run by the experiment layer (:mod:`clusternet.experiments`):

* :mod:`~clusternet.validation.wiring` — a lever moves its own target (unit
  tests of mechanisms, not counted as validation);
* :mod:`~clusternet.validation.propositions` — predictions that need a chain of
  firms' choices, each with why it is not true by construction;
* :mod:`~clusternet.validation.mechanism_propositions` — propositions on the
  brand game, the generic-technology bottleneck, the market and cluster size
  (M1–M6); :mod:`~clusternet.validation.mechanism_space` runs them over the
  plausible parameter space;
* :mod:`~clusternet.validation.robustness` — each claim's share of holding over
  a Latin hypercube of the behavioural parameters, and where it fails (PRIM);
* :mod:`~clusternet.validation.patterns` — patterns from published cluster
  studies, the same statistic run on simulated clusters at one parameter set;
* :mod:`~clusternet.validation.population` — readiness at t = 0 against
  simulated upgrading over a population of generated clusters;
* :mod:`~clusternet.validation.ceiling` — the structural ceiling: the largest rho any
  index of structure can reach when behaviour is drawn;
* :mod:`~clusternet.validation.sensitivity` — Morris screening and Sobol indices over the
  plausible ranges.

``run_experiment("V3", firms=600, reps=12, seed=1)`` runs one row;
``examples/validation_table.py`` writes ``docs/validation.md``.

References
----------
Zhang, Li, Liu & Li (2011), *Research on Industrial Cluster Upgrading*
(the claims each row tests are named by their identifiers in docs/claims.md). Tirole (1996) collective reputation; Tassey (2005)
generic technology; Cowan & Jonard (2004) knowledge diffusion.
"""

from clusternet._validate import check_int
from clusternet.validation.ceiling import (
    CEILING_CLAIMS,
    ceiling_designs,
    ceiling_table,
    structural_ceiling,
    structural_ceiling_study,
    structural_ceiling_task,
)
from clusternet.validation.mechanism_propositions import MECHANISM_PROPOSITIONS
from clusternet.validation.mechanism_space import at_point, mechanism_robustness, mechanism_task
from clusternet.validation.patterns import PATTERN_PARAMS, PatternResult, pattern_runs, patterns
from clusternet.validation.population import (
    INPUT_CLAIMS,
    POPULATION_RANGES,
    WHEEL_OUTCOMES,
    calibrate_readiness_weights,
    combined_outcome,
    component_diagnostics,
    discrimination,
    input_effects,
    partial_spearman,
    population_designs,
    population_study,
    population_task,
    predictive_validity,
    spearman_interval,
)
from clusternet.validation.propositions import HUMP_GAP, PROPOSITIONS
from clusternet.validation.robustness import Robustness, robustness, robustness_task
from clusternet.validation.rows import Effect, Row, ValidationResult, paired_effect, run_row
from clusternet.validation.sensitivity import (
    SOBOL_OUTPUTS,
    Screening,
    morris_screening,
    morris_task,
    sobol_analysis,
    sobol_task,
)
from clusternet.validation.wiring import ROLE_OUTCOMES, WIRING

#: Every row, by key (V1 ... V10), wiring checks and propositions together.
EXPERIMENTS: dict[str, Row] = {
    k: {**WIRING, **PROPOSITIONS}[k]
    for k in sorted({**WIRING, **PROPOSITIONS}, key=lambda k: int(k[1:]))
}

#: The old name of a row's result.
ExperimentResult = ValidationResult


def run_experiment(
    key: str, firms: int = 600, reps: int = 12, seed=1, workers: int | None = 1
) -> ValidationResult:
    """Run row ``key`` (see :data:`EXPERIMENTS`) on ``reps`` clusters of ``firms`` firms.

    Parameters
    ----------
    key : str
        A row of :data:`EXPERIMENTS`, e.g. ``"V1"``; an unknown key raises a ValueError.
    firms : int, default 600
        Cluster size.
    reps : int, default 12
        Replicates per arm.
    seed : int, default 1
        The root seed.
    workers : int, optional, default 1
        Worker processes.

    Returns
    -------
    ValidationResult
        The row's claim, design and measured effects.

    Examples
    --------
    >>> list(EXPERIMENTS)[:3]
    ['V1', 'V2', 'V3']
    >>> run_experiment("V99")
    Traceback (most recent call last):
    ...
    ValueError: unknown experiment 'V99'; known: V1, V2, V3, V4, V5, V6, V7, V8, V9, V10, V11, V12, V13, V14, V15, V16
    """
    if key not in EXPERIMENTS:
        raise ValueError(f"unknown experiment {key!r}; known: {', '.join(EXPERIMENTS)}")
    firms = check_int("firms", firms, minimum=50)
    reps = check_int("reps", reps, minimum=2)
    return run_row(EXPERIMENTS[key], firms, reps, seed, workers=workers)


__all__ = [
    "CEILING_CLAIMS",
    "EXPERIMENTS",
    "HUMP_GAP",
    "INPUT_CLAIMS",
    "MECHANISM_PROPOSITIONS",
    "PATTERN_PARAMS",
    "POPULATION_RANGES",
    "PROPOSITIONS",
    "ROLE_OUTCOMES",
    "SOBOL_OUTPUTS",
    "WHEEL_OUTCOMES",
    "WIRING",
    "Effect",
    "ExperimentResult",
    "PatternResult",
    "Robustness",
    "Row",
    "Screening",
    "ValidationResult",
    "at_point",
    "calibrate_readiness_weights",
    "ceiling_designs",
    "ceiling_table",
    "combined_outcome",
    "component_diagnostics",
    "discrimination",
    "input_effects",
    "mechanism_robustness",
    "mechanism_task",
    "morris_screening",
    "morris_task",
    "paired_effect",
    "partial_spearman",
    "pattern_runs",
    "patterns",
    "population_designs",
    "population_study",
    "population_task",
    "predictive_validity",
    "robustness",
    "robustness_task",
    "run_experiment",
    "sobol_analysis",
    "sobol_task",
    "spearman_interval",
    "structural_ceiling",
    "structural_ceiling_study",
    "structural_ceiling_task",
]
