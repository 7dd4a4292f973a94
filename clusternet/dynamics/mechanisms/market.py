"""The market among competitors after this step's innovations and imitations."""

from __future__ import annotations

import numpy as np

from clusternet.dynamics import market
from clusternet.dynamics.mechanisms._base import Mechanism


class Market(Mechanism):
    """Each firm's market share and Lerner index among its rivals (:mod:`clusternet.dynamics.market`).

    ``sigma_i = D_i w_i + (1 - D_i) s_i`` and ``m_i = pi_i / sigma_i`` with the
    rent ``pi_i = D_i B(u_i - c_i) + (1 - D_i) s_i B(top_i - f_i)``: innovations
    raise a firm's lead, its rivals' imitations erode it. With the opt-in
    ``fringe_catch_up`` :math:`h` the fringe first closes the share :math:`h` of its
    lag behind one step below the market's best
    (:func:`clusternet.dynamics.market.update_fringe`).

    Examples
    --------
    >>> import numpy as np, clusternet as cn
    >>> from clusternet.dynamics.mechanisms import StepContext
    >>> model = cn.UpgradingModel(cn.generate_cluster(30, seed=1), seed=1)
    >>> Market()(model, StepContext(1, np.random.default_rng(0)))
    >>> model.state.market_share[model.firms][:3].round(3).tolist()
    [0.085, 0.216, 1.0]
    >>> model.state.lerner[model.firms][:3].round(3).tolist()
    [0.2, 0.2, 0.2]
    """

    name = "market"
    parameters = ("competition", "quality_step", "ladder_step", "imitation_gap", "fringe_catch_up")

    def __call__(self, model, ctx) -> None:
        s = model.state
        catch_up = model.params["fringe_catch_up"]
        if catch_up is not None:
            # the lagging fringe closes its share of the lag behind the step's new best
            indptr, indices = model.comp
            s.fringe = market.update_fringe(
                model.ladder_position(), indptr, indices, s.fringe, catch_up
            )
        outcome = model.market_outcome()
        s.market_share = np.where(model.firms, outcome.share, 0.0)
        s.lerner = np.where(model.firms, outcome.lerner, 0.0)
