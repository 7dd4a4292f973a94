"""Buyers respond: the region's sales follow its reputation, a firm's its perceived quality."""

from __future__ import annotations

from clusternet.dynamics import brand
from clusternet.dynamics.mechanisms._base import Mechanism


class Demand(Mechanism):
    """Sales move with reputation and quality (:func:`clusternet.dynamics.brand.demand`)."""

    name = "demand"
    parameters = ("reputation_demand", "quality_demand", "demand_adjustment")

    def __call__(self, model, ctx) -> None:
        p = model.params
        s = model.state
        if p["demand_adjustment"] <= 0 or "perceived" not in ctx.out:
            return
        firms = model.firms
        new = brand.demand(
            s.output[firms],
            ctx.out["perceived"][firms],
            ctx.out["reputation_change"],
            p["reputation_demand"],
            p["quality_demand"],
            p["demand_adjustment"],
        )
        s.output = s.output.copy()
        s.output[firms] = new
