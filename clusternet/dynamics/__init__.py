"""The upgrading simulation: technology and brand upgrading with policy levers.

Mechanisms, one module each: :mod:`.innovation` (effort from the incremental
profit of innovating), :mod:`.market` (the market among competitors: shares,
margins, escape competition; static demand), :mod:`.imitation`, :mod:`.platform` (common-technology public-goods game),
:mod:`.brand` (collective reputation), :mod:`.congestion`; spillover comes from
:mod:`clusternet.spillover`. :class:`~clusternet.UpgradingModel` composes them step by step;
:func:`~clusternet.simulate_upgrading` runs it; :mod:`.competition` measures
innovation over a grid of competition intensities.
"""

from clusternet.dynamics.model import (
    MECHANISMS,
    SimulationResult,
    UpgradingModel,
    simulate_upgrading,
)
from clusternet.dynamics.parameters import PARAMETERS, SCENARIOS, Parameter, Scenario

__all__ = [
    "MECHANISMS",
    "PARAMETERS",
    "SCENARIOS",
    "Parameter",
    "Scenario",
    "SimulationResult",
    "UpgradingModel",
    "simulate_upgrading",
]
