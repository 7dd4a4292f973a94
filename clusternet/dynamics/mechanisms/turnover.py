"""Entry and exit (:mod:`clusternet.dynamics.turnover`)."""

from __future__ import annotations

from clusternet.dynamics import turnover
from clusternet.dynamics.mechanisms._base import Mechanism


class Turnover(Mechanism):
    """Lagging firms exit with probability ``exit_rate``; spin-offs take their places.

    Examples
    --------
    >>> import numpy as np, clusternet as cn
    >>> from clusternet.dynamics.mechanisms import StepContext
    >>> model = cn.UpgradingModel(cn.generate_cluster(30, seed=1), seed=1, exit_rate=1.0)
    >>> ctx = StepContext(1, np.random.default_rng(0), model.draw_seed, model.keys)
    >>> Turnover()(model, ctx)
    >>> ctx.out["entrants"]
    8
    """

    name = "turnover"
    parameters = ("exit_rate", "exit_gap", "spinoff_inheritance")

    def __call__(self, model, ctx) -> None:
        p = model.params
        ctx.out["entrants"] = 0
        if p["exit_rate"] <= 0:
            return
        s = model.state
        draws = ctx.keyed(self.name)
        leaving = turnover.exits(
            s.knowledge.mean(axis=1), model.firms, p["exit_gap"], p["exit_rate"], draws
        )
        ctx.out["entrants"] = turnover.replace(
            s, leaving, model.firms, p["exit_gap"], p["spinoff_inheritance"], draws, model.keys
        )
        model.spillover.absorptive = s.absorptive
