"""Imitation of this step's innovations by neighbours (:mod:`clusternet.dynamics.imitation`)."""

from __future__ import annotations

import numpy as np

from clusternet.dynamics.mechanisms._base import Mechanism


class Imitation(Mechanism):
    """Each tie ``j -> i`` carries ``p = 1 - prod_l (1 - p_l)``; an imitator closes ``imitation_gap``."""

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
