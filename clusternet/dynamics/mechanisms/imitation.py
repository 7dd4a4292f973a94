"""Imitation of this step's innovations by neighbours (:mod:`clusternet.dynamics.imitation`)."""

from __future__ import annotations

import numpy as np

from clusternet.dynamics.mechanisms._base import Mechanism


class Imitation(Mechanism):
    """Each tie ``j -> i`` carries ``p = 1 - prod_l (1 - p_l)``; an imitator closes ``imitation_gap``.

    Examples
    --------
    >>> import numpy as np, clusternet as cn
    >>> from clusternet.dynamics.mechanisms import StepContext
    >>> from clusternet.dynamics.mechanisms.innovation import Innovation
    >>> model = cn.UpgradingModel(cn.generate_cluster(30, seed=1), seed=1, innovation_rate=5.0)
    >>> ctx = StepContext(1, np.random.default_rng(0), model.draw_seed, model.keys)
    >>> Innovation()(model, ctx)  # leaves who innovated, and in which domain, in ctx.out
    >>> Imitation()(model, ctx)
    >>> int(ctx.out["innovated"].sum()), int(ctx.out["adopted"].sum())
    (20, 17)
    """

    name = "imitation"
    parameters = ("imitation_rates", "imitation_gap")

    def __call__(self, model, ctx) -> None:
        s = model.state
        if not ctx.out["innovated"].any():  # nothing to imitate: skip the kernel, same result
            ctx.out["adopted"] = np.zeros(s.knowledge.shape[0], dtype=np.int64)
            return
        s.knowledge, adopted = model.imitation.step(
            s.knowledge,
            ctx.out["innovated"],
            ctx.out["domain"],
            model.params["imitation_gap"],
            model.draw_seed,
            ctx.t,
            model.keys,
        )
        ctx.out["adopted"] = adopted
