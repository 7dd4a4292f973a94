"""Innovation driven by the market among competitors (:mod:`clusternet.dynamics.innovation`)."""

from __future__ import annotations

import numpy as np

from clusternet.dynamics import innovation
from clusternet.dynamics.mechanisms._base import Mechanism


class Innovation(Mechanism):
    """Firms innovate with probability ``1 - exp(-lambda_i)``; see :func:`~clusternet.dynamics.innovation.hazard`.

    Examples
    --------
    >>> import numpy as np, clusternet as cn
    >>> from clusternet.dynamics.mechanisms import StepContext
    >>> model = cn.UpgradingModel(cn.generate_cluster(30, seed=1), seed=1, innovation_rate=5.0)
    >>> ctx = StepContext(1, np.random.default_rng(0), model.draw_seed, model.keys)
    >>> before = model.state.knowledge.sum()
    >>> Innovation()(model, ctx)
    >>> int(ctx.out["innovated"].sum()), int((model.state.last_innovation == 1).sum())
    (20, 20)
    >>> bool(model.state.knowledge.sum() > before)
    True
    """

    name = "innovation"
    parameters = (
        "innovation_rate",
        "rd_weight",
        "rd_subsidy",
        "knowledge_weight",
        "squeeze",
        "memory",
        "reputation_innovation",
        "increment",
        "radical_share",
        "radical_step",
        "generic_complement",
        "competition",
        "quality_step",
        "ladder_step",
        "imitation_gap",
        "innovation_cost",
        "finance_share",
    )

    @staticmethod
    def _none(ctx, n: int) -> None:
        none = np.zeros(n, dtype=bool)
        ctx.out.update(innovated=none, domain=np.full(n, -1, np.int64), radical=none)

    def __call__(self, model, ctx) -> None:
        p = model.params
        s = model.state
        if p["innovation_rate"] <= 0:
            self._none(ctx, s.knowledge.shape[0])
            return
        if p["squeeze"] > 0:  # the legacy multiplier (off by default)
            pressure = innovation.competitor_pressure(
                model.comp[0], model.comp[1], s.last_innovation, ctx.t, p["memory"]
            )
        else:
            pressure = np.zeros(s.knowledge.shape[0])
        lam = innovation.hazard(
            p["innovation_rate"],
            s.absorptive,
            s.rd,
            p["rd_weight"],
            p["rd_subsidy"],
            s.knowledge.mean(axis=1),
            p["knowledge_weight"],
            p["squeeze"],
            pressure,
            model.firms,
            s.reputation,
            p["reputation_innovation"],
            model.innovation_incentive(),
        )
        # generic technology is a complement: the bottleneck of firms behind its frontier
        lam = lam * innovation.generic_readiness(
            s.knowledge[:, 0], model.generic_frontier(), p["generic_complement"]
        )
        if not (lam > 0).any():  # nobody can innovate: skip the kernel, same result
            self._none(ctx, lam.shape[0])
            return
        innovated, domain, radical = innovation.innovate(
            s.knowledge,
            lam,
            p["increment"],
            p["radical_share"],
            p["radical_step"],
            model.draw_seed,
            ctx.t,
            model.keys,
        )
        s.last_innovation[innovated] = ctx.t
        ctx.out.update(innovated=innovated, domain=domain, radical=radical)
