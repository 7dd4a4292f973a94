"""Output growth driven by margins (congestion and agglomeration enter the margins)."""

from __future__ import annotations

from clusternet.dynamics import congestion
from clusternet.dynamics.mechanisms._base import Mechanism


class Congestion(Mechanism):
    """``y_i <- max(y_i (1 + growth m_i), 0.01 y_i)`` (:func:`clusternet.dynamics.congestion.grow`).

    Capacity grows at the same rate (margins are invested in plant), so the
    buyers' allocation over capacities (the demand mechanism) follows the growth.

    Examples
    --------
    >>> import numpy as np, clusternet as cn
    >>> from clusternet.dynamics.mechanisms import StepContext
    >>> model = cn.UpgradingModel(cn.generate_cluster(30, seed=1), seed=1, growth=0.5)
    >>> model.state.margin = np.where(model.firms, 0.2, 0.0)
    >>> before = model.state.output.copy()
    >>> Congestion()(model, StepContext(1, np.random.default_rng(0)))
    >>> np.unique(model.state.output[model.firms] / before[model.firms]).round(3).tolist()
    [1.1]
    """

    name = "congestion"
    parameters = ("growth",)

    def __call__(self, model, ctx) -> None:
        s = model.state
        growth = model.params["growth"]
        s.output = congestion.grow(s.output, s.margin, growth, model.firms)
        s.capacity = congestion.grow(s.capacity, s.margin, growth, model.firms)
