"""The parts of a case study: a case study is an :class:`~clusternet.experiments.Experiment`.

The declarations (sourced facts, arms, claims) live in :mod:`clusternet.experiments`;
this module keeps the names the studies were written with.
"""

from clusternet.experiments.design import Arm, Claim, Experiment, Fact

#: A case study of the monograph: an experiment of kind ``"study"``.
Study = Experiment

__all__ = ["Arm", "Claim", "Fact", "Study"]
