"""Technology ties decay and form every ``network_every`` steps (C-DYNAMIC-1)."""

from __future__ import annotations

from clusternet.dynamics import evolution
from clusternet.dynamics.mechanisms._base import Mechanism


class NetworkEvolution(Mechanism):
    """One round of :func:`clusternet.dynamics.evolution.evolve`, then the operators are rebuilt.

    Examples
    --------
    >>> import numpy as np, clusternet as cn
    >>> from clusternet.dynamics.mechanisms import StepContext
    >>> model = cn.UpgradingModel(cn.generate_cluster(30, seed=1), seed=1, network_every=1,
    ...                         tie_decay=0.5)
    >>> before = round(model.knowledge_tie_share, 3)
    >>> NetworkEvolution()(model, StepContext(1, np.random.default_rng(0), model.draw_seed, model.keys))
    >>> before, round(model.knowledge_tie_share, 3)
    (0.299, 0.19)
    """

    name = "network"
    parameters = (
        "network_every",
        "tie_decay",
        "tie_formation",
        "closure",
        "candidates",
        "tie_cost",
        "memory",
        "spillover_rates",
    )

    def __call__(self, model, ctx) -> None:
        p = model.params
        if not (p["network_every"] and ctx.t % p["network_every"] == 0):
            return
        s = model.state
        recent = (ctx.t - s.last_innovation) <= p["memory"]
        model.net = evolution.evolve(
            model.net,
            model.firms,
            s.absorptive,
            s.knowledge.mean(axis=1),
            recent,
            p,
            ctx.seed,
            ctx.t,
            model.keys,
            knowledge=s.knowledge,
        )
        model.build_knowledge_operators()
