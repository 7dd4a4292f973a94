"""Output growth driven by margins (congestion and agglomeration enter the margins)."""

from __future__ import annotations

from clusternet.dynamics import congestion
from clusternet.dynamics.mechanisms._base import Mechanism


class Congestion(Mechanism):
    """``y_i <- max(y_i (1 + growth m_i), 0.01 y_i)`` (:func:`clusternet.dynamics.congestion.grow`).

    Capacity grows at the same rate (margins are invested in plant), so the
    buyers' allocation over capacities (the demand mechanism) follows the growth.
    """

    name = "congestion"
    parameters = ("growth",)

    def __call__(self, model, ctx) -> None:
        s = model.state
        growth = model.params["growth"]
        s.output = congestion.grow(s.output, s.margin, growth, model.firms)
        s.capacity = congestion.grow(s.capacity, s.margin, growth, model.firms)
