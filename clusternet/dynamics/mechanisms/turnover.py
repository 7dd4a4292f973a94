"""Entry and exit (:mod:`clusternet.dynamics.turnover`)."""

from __future__ import annotations

from clusternet.dynamics import brand, turnover
from clusternet.dynamics.mechanisms._base import Mechanism


class Turnover(Mechanism):
    """Firms exit with probability ``exit_rate``; spin-offs take their places.

    ``exit_rule="knowledge"`` (the default): lagging firms exit and parents are
    drawn by knowledge (:func:`clusternet.dynamics.turnover.exits`,
    :func:`~clusternet.dynamics.turnover.replace`). ``exit_rule="margin"``: firms
    whose unit margin in the step is below ``outside_margin`` exit and parents
    are drawn by positive margins (:func:`~clusternet.dynamics.turnover.margin_exits`,
    :func:`~clusternet.dynamics.turnover.replace_by_margin`). With
    ``cost_dispersion`` > 0 an entrant draws a fresh quality-cost type keyed by
    its premises' actor key (:func:`clusternet.dynamics.brand.cost_types`).

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
    parameters = (
        "exit_rate",
        "exit_rule",
        "exit_gap",
        "outside_margin",
        "spinoff_inheritance",
        "cost_dispersion",
    )

    def __call__(self, model, ctx) -> None:
        p = model.params
        ctx.out["entrants"] = 0
        if p["exit_rate"] <= 0:
            return
        s = model.state
        draws = ctx.keyed(self.name)
        if p["exit_rule"] == "margin":
            leaving = turnover.margin_exits(
                s.margin, model.firms, p["outside_margin"], p["exit_rate"], draws
            )
        else:
            leaving = turnover.exits(
                s.knowledge.mean(axis=1), model.firms, p["exit_gap"], p["exit_rate"], draws
            )
        fresh = None
        if p["cost_dispersion"] > 0 and leaving.any():
            # an entrant's fresh type, keyed by the premises' key on a stream of its own, so
            # the exit and parent draws are the same with and without types
            n = s.cost_type.shape[0]
            types = ctx.keyed("entrant_cost_type").random(n)
            fresh = {"cost_type": brand.cost_types(p["cost_dispersion"], types)}
        if p["exit_rule"] == "margin":
            ctx.out["entrants"] = turnover.replace_by_margin(
                s, leaving, model.firms, p["spinoff_inheritance"], draws, model.keys, fresh
            )
        else:
            ctx.out["entrants"] = turnover.replace(
                s,
                leaving,
                model.firms,
                p["exit_gap"],
                p["spinoff_inheritance"],
                draws,
                model.keys,
                fresh,
            )
        model.spillover.absorptive = s.absorptive
