"""The monograph's three case studies as reproducible, replicated experiments.

``clusternet study liushi|taizhou|datang`` or, from Python::

    from clusternet import studies
    result = studies.run_study(studies.STUDIES["taizhou"], quick=True)
    studies.write_study(result, "out/taizhou")

Each study calibrates a cluster from sourced public facts (assumptions named as
such), runs its arms over replicates with common random numbers through
:func:`clusternet.sweep`, and reports outcome paths with 90 % bands, effects
against the baseline with 95 % intervals, a policy ranking and a plain-language
conclusion on the chapter's claims. See docs/case_studies.md.
"""

from clusternet.studies import datang, liushi, taizhou
from clusternet.studies._design import Arm, Claim, Fact, Study
from clusternet.studies._report import write_study
from clusternet.studies._run import StudyResult, arm_task, run_arms, run_study, verdicts

#: The case studies by name.
STUDIES: dict[str, Study] = {s.name: s for s in (liushi.STUDY, taizhou.STUDY, datang.STUDY)}

__all__ = [
    "STUDIES",
    "Arm",
    "Claim",
    "Fact",
    "Study",
    "StudyResult",
    "arm_task",
    "run_arms",
    "run_study",
    "verdicts",
    "write_study",
]
