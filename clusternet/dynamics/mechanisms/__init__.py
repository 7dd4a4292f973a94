"""The mechanisms of the upgrading model, one module each, run in :data:`ORDER` every step.

A mechanism is a small object with a ``name`` (its timing key), the names of the
parameters it reads (``parameters``) and a ``__call__(model, ctx)`` that
updates ``model.state`` and may leave per-step results in ``ctx`` (a
:class:`StepContext`) for the reporters. Adding a mechanism is one module plus
one entry in :data:`ORDER`.
"""

from __future__ import annotations

from clusternet.dynamics.mechanisms._base import Mechanism, StepContext
from clusternet.dynamics.mechanisms.brand import Brand
from clusternet.dynamics.mechanisms.congestion import Congestion
from clusternet.dynamics.mechanisms.demand import Demand
from clusternet.dynamics.mechanisms.imitation import Imitation
from clusternet.dynamics.mechanisms.innovation import Innovation
from clusternet.dynamics.mechanisms.intermediaries import Intermediaries
from clusternet.dynamics.mechanisms.market import Market
from clusternet.dynamics.mechanisms.network import NetworkEvolution
from clusternet.dynamics.mechanisms.platform import Platform
from clusternet.dynamics.mechanisms.spillover import Spillover
from clusternet.dynamics.mechanisms.training import Training
from clusternet.dynamics.mechanisms.turnover import Turnover

#: The mechanisms of one step, in order.
ORDER: tuple[type[Mechanism], ...] = (
    Training,
    Spillover,
    Innovation,
    Intermediaries,
    Imitation,
    Platform,
    Market,
    Brand,
    Demand,
    Congestion,
    NetworkEvolution,
    Turnover,
)

__all__ = ["ORDER", "Mechanism", "StepContext"]
