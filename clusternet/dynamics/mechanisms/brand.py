"""The regional brand: margins, the quality choice and the reputation update."""

from __future__ import annotations

import numpy as np

from clusternet.dynamics import brand, congestion, market
from clusternet.dynamics.mechanisms._base import Mechanism
from clusternet.economics import (
    name_withdrawal_loss,
    own_demand_effect,
    own_reputation_effect,
    unit_margin,
)


class Brand(Mechanism):
    r"""The regional-brand game: margins, the quality choice, the reputation update.

    Price ``1 + P v_i`` with ``P = premium * agglomeration factor`` and perceived
    quality ``v_i = theta_i q_i + (1 - theta_i) R``; the gain of high quality
    ``Delta_i`` (:func:`clusternet.economics.quality_gain`) includes the firm's
    own effect on the reputation (:func:`clusternet.economics.own_reputation_effect`)
    and on its sales (:func:`clusternet.economics.own_demand_effect`), so free
    riding emerges from the firms' shares of the brand's output, and the
    regional name a caught member loses for ``name_withdrawal`` steps
    (:func:`clusternet.economics.name_withdrawal_loss`; state
    ``name_withdrawn`` counts the steps left), which rises with the reputation.
    ``own_effect=False`` (a counterfactual used only by the free-riding experiment)
    drops the own-reputation effect and leaves every other term as it is.
    With ``market_pressure`` :math:`p > 0` a share :math:`\lambda_i` of the firm's
    sales goes to buyers who choose on the technology ladder
    (:func:`clusternet.dynamics.market.ladder_sales_share`); they pay the ladder's
    limit price, margin :math:`m_i / (1 - m_i)` with :math:`m_i` the Lerner index
    (:func:`clusternet.dynamics.market.limit_price_margin`), instead of the regional
    premium, so the unit margin is
    :math:`P (1 - \lambda_i) v_i + \lambda_i m_i / (1 - m_i) - c_i q_i - \dots` and the
    premium in the quality choice is :math:`P (1 - \lambda_i)`: rivals'
    innovations and imitations, and the intensity of competition, move the margin
    (either way: towards the ladder's margin as the firm's ladder share grows) and
    the return to quality.
    The last step's gains stay in ``last_gain`` (per actor; 0 for non-firms).

    Examples
    --------
    >>> import numpy as np, clusternet as cn
    >>> from clusternet.dynamics.mechanisms import StepContext
    >>> model = cn.UpgradingModel(cn.generate_cluster(30, seed=1), seed=1)
    >>> ctx = StepContext(1, np.random.default_rng(0), model.draw_seed, model.keys)
    >>> before = model.state.reputation
    >>> Brand()(model, ctx)
    >>> round(before, 3), round(model.state.reputation, 3), round(float(model.state.margin.max()), 3)
    (0.679, 0.678, 0.132)
    """

    name = "brand"
    parameters = (
        "premium",
        "quality_cost",
        "cost_dispersion",
        "quality_learning",
        "certification",
        "own_brand_visibility",
        "monitoring",
        "penalty",
        "name_withdrawal",
        "own_effect",
        "reputation_memory",
        "discount",
        "revision_rate",
        "choice_noise",
        "capacity",
        "congestion_cost",
        "urban_cost_share",
        "urban_cost_elasticity",
        "urban_cost_slope",
        "urban_cost_scale",
        "agglomeration",
        "agglomeration_scale",
        "reputation_demand",
        "quality_demand",
        "demand_adjustment",
        "market_pressure",
    )

    def __init__(self) -> None:
        self.last_gain = np.zeros(0)

    def __call__(self, model, ctx) -> None:
        p = model.params
        s = model.state
        firms = model.firms
        total_output = float(s.output[firms].sum())
        unit_congestion = congestion.unit_cost(
            total_output, p["capacity"], p["congestion_cost"]
        ) + congestion.urban_unit_cost(
            total_output,
            p["urban_cost_scale"],
            p["urban_cost_share"],
            p["urban_cost_elasticity"],
            p["urban_cost_slope"],
        )
        premium = p["premium"] * congestion.agglomeration_factor(
            total_output, p["agglomeration"], p["agglomeration_scale"]
        )
        draws = ctx.keyed(self.name)
        caught = (
            s.association_member
            & (s.quality < 0.5)
            & (draws.random(s.quality.shape[0]) < p["monitoring"])
        ).astype(float)
        # a caught member loses the regional name for name_withdrawal steps (this one included)
        s.name_withdrawn = np.where(
            caught > 0, float(p["name_withdrawal"]), np.maximum(s.name_withdrawn - 1.0, 0.0)
        )
        withdrawn = (s.name_withdrawn > 0).astype(float)
        theta = brand.visibility(p["certification"], p["own_brand_visibility"], s.leader)
        # each firm's quality-cost type (all 1, an exact no-op, at cost_dispersion 0)
        unit_cost = (
            brand.quality_unit_cost(
                p["quality_cost"], p["quality_learning"], s.knowledge.mean(axis=1)
            )
            * s.cost_type
        )
        # the buyers who choose among rivals on technology (market_pressure) pay the ladder's
        # limit price instead of the regional premium: a share lam_i of the firm's sales
        lam: float | np.ndarray = 0.0
        ladder: float | np.ndarray = 0.0
        if p["market_pressure"] > 0:
            lam = market.ladder_sales_share(s.market_share, model.rivals, p["market_pressure"])
            ladder = lam * market.limit_price_margin(s.lerner)
            premium = premium * (1.0 - lam)  # the regional premium on the brand buyers' sales
        margin = brand.margins(
            s.quality,
            s.reputation,
            premium,
            theta,
            unit_cost,
            unit_congestion,
            caught,
            p["penalty"],
            withdrawn,
        )
        margin = margin + ladder
        s.margin = np.where(firms, margin, 0.0)
        # each firm's own effect on the collective reputation and on its sales, by its share
        # of the brand's output; the demand channel counts only where buyers respond
        share = np.where(firms, s.output, 0.0) / total_output if total_output > 0 else 0.0
        responds = p["demand_adjustment"] > 0
        eps_r = p["reputation_demand"] if responds else 0.0
        eps_q = p["quality_demand"] if responds else 0.0
        # the margin the firm earns with high quality (the choice it weighs)
        high = unit_margin(premium, theta, 1.0, s.reputation, unit_cost) + ladder
        own = own_reputation_effect(
            share, theta, premium, p["reputation_memory"], p["discount"], high, eps_r
        )
        if not p["own_effect"]:
            # the counterfactual arm of the free-riding experiment: the firm ignores its
            # share of the brand's output; discount, withdrawal, penalty and sales unchanged
            own = np.zeros_like(own)
        sales = own_demand_effect(share, theta, high, eps_q)
        name = name_withdrawal_loss(
            s.reputation,
            premium,
            theta,
            p["monitoring"],
            s.association_member,
            p["name_withdrawal"],
            p["discount"],
        )
        gain = brand.quality_gain(
            premium,
            theta,
            unit_cost,
            p["penalty"],
            p["monitoring"],
            s.association_member,
            own,
            sales,
            name,
        )
        self.last_gain = np.where(firms, gain, 0.0)
        s.quality = brand.revise_quality(
            s.quality, gain, p["revision_rate"], p["choice_noise"], draws, firms
        )
        before = s.reputation
        s.reputation = brand.reputation_update(
            s.reputation, p["reputation_memory"], s.quality[firms], s.output[firms]
        )
        ctx.out.update(
            congestion_unit_cost=unit_congestion,
            caught=int(caught.sum()),
            reputation_change=s.reputation - before,
            perceived=theta * s.quality + (1.0 - theta) * s.reputation * (1.0 - withdrawn),
        )
