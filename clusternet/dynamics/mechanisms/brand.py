"""The regional brand: margins, the quality choice and the reputation update."""

from __future__ import annotations

import numpy as np

from clusternet.dynamics import brand, congestion
from clusternet.dynamics.mechanisms._base import Mechanism


class Brand(Mechanism):
    """Margins under congestion and agglomeration, logit quality revision, ``R`` update."""

    name = "brand"
    parameters = (
        "premium",
        "quality_cost",
        "quality_learning",
        "certification",
        "own_brand_visibility",
        "monitoring",
        "penalty",
        "reputation_memory",
        "revision_rate",
        "choice_noise",
        "capacity",
        "congestion_cost",
        "agglomeration",
        "agglomeration_scale",
    )

    def __call__(self, model, ctx) -> None:
        p = model.params
        s = model.state
        firms = model.firms
        total_output = float(s.output[firms].sum())
        unit_congestion = congestion.unit_cost(total_output, p["capacity"], p["congestion_cost"])
        premium = p["premium"] * congestion.agglomeration_factor(
            total_output, p["agglomeration"], p["agglomeration_scale"]
        )
        draws = ctx.keyed(self.name)
        caught = (
            s.association_member
            & (s.quality < 0.5)
            & (draws.random(s.quality.shape[0]) < p["monitoring"])
        ).astype(float)
        theta = brand.visibility(p["certification"], p["own_brand_visibility"], s.leader)
        unit_cost = brand.quality_unit_cost(
            p["quality_cost"], p["quality_learning"], s.knowledge.mean(axis=1)
        )
        margin = brand.margins(
            s.quality,
            s.reputation,
            premium,
            theta,
            unit_cost,
            unit_congestion,
            caught,
            p["penalty"],
        )
        s.margin = np.where(firms, margin, 0.0)
        gain = brand.quality_gain(
            premium, theta, unit_cost, p["penalty"], p["monitoring"], s.association_member
        )
        s.quality = brand.revise_quality(
            s.quality, gain, p["revision_rate"], p["choice_noise"], draws, firms
        )
        s.reputation = brand.reputation_update(
            s.reputation, p["reputation_memory"], s.quality[firms], s.output[firms]
        )
        ctx.out.update(congestion_unit_cost=unit_congestion, caught=int(caught.sum()))
