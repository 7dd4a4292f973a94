"""Buyers respond: the region's sales follow its reputation, a firm's its perceived quality."""

from __future__ import annotations

from clusternet.dynamics import market
from clusternet.dynamics.mechanisms._base import Mechanism


class Demand(Mechanism):
    r"""Sales move towards a static logit allocation over fixed capacities.

    ``y_i <- (1 - rho) y_i + rho y*_i`` with
    :math:`y^*_i = K e^{\varepsilon_R (R - R_0)}\, k_i e^{\varepsilon_q v_i} / \sum_j k_j e^{\varepsilon_q v_j}`
    (:func:`clusternet.dynamics.market.static_demand`): the target depends on the
    current quality and reputation only, so sales do not compound. With
    ``market_pressure`` :math:`p > 0` the attraction is weighted by
    :math:`1 - p + p\,\sigma_i (k_i + 1)` (:func:`clusternet.dynamics.market.ladder_weight`):
    rivals' innovations and imitations move the firm's ladder share
    :math:`\sigma_i`, and with it its sales. The share of the firms' sales that
    changes hands in the step, :func:`clusternet.dynamics.market.share_instability`,
    is left in ``ctx.out["sales_instability"]``.

    Examples
    --------
    >>> import numpy as np, clusternet as cn
    >>> from clusternet.dynamics.mechanisms import StepContext
    >>> from clusternet.dynamics.mechanisms.brand import Brand
    >>> model = cn.UpgradingModel(cn.generate_cluster(30, seed=1), seed=1)
    >>> ctx = StepContext(1, np.random.default_rng(0), model.draw_seed, model.keys)
    >>> Brand()(model, ctx)  # leaves the perceived quality in ctx.out
    >>> before = model.state.output[model.firms].copy()
    >>> Demand()(model, ctx)
    >>> round(float(before.sum()), 3), round(float(model.state.output[model.firms].sum()), 3)
    (290.0, 289.92)
    """

    name = "demand"
    parameters = ("reputation_demand", "quality_demand", "demand_adjustment", "market_pressure")

    def __call__(self, model, ctx) -> None:
        p = model.params
        s = model.state
        if p["demand_adjustment"] <= 0 or "perceived" not in ctx.out:
            return
        firms = model.firms
        weight = None
        if p["market_pressure"] > 0:
            # the buyers who choose on the technology ladder follow its shares among rivals
            weight = market.ladder_weight(s.market_share, model.rivals, p["market_pressure"])
            weight = weight[firms]
        target = market.static_demand(
            s.capacity[firms],
            ctx.out["perceived"][firms],
            s.reputation,
            s.reference_reputation,
            p["reputation_demand"],
            p["quality_demand"],
            weight,
        )
        rho = p["demand_adjustment"]
        before = s.output[firms]
        s.output = s.output.copy()
        s.output[firms] = (1.0 - rho) * before + rho * target
        ctx.out["sales_instability"] = market.share_instability(before, s.output[firms])
