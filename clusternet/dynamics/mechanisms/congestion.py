"""Output growth driven by margins (congestion and agglomeration enter the margins)."""

from __future__ import annotations

from clusternet.dynamics import congestion
from clusternet.dynamics.mechanisms._base import Mechanism


class Congestion(Mechanism):
    """``y_i <- max(y_i (1 + growth m_i), 0.01 y_i)`` (:func:`clusternet.dynamics.congestion.grow`)."""

    name = "congestion"
    parameters = ("growth",)

    def __call__(self, model, ctx) -> None:
        s = model.state
        s.output = congestion.grow(s.output, s.margin, model.params["growth"], model.firms)
