"""Knowledge spillover by the gap rule of :mod:`clusternet.spillover`."""

from __future__ import annotations

from clusternet.dynamics.mechanisms._base import Mechanism


class Spillover(Mechanism):
    r""":math:`\Delta K_{id} = a_i \sum_l \beta_l \sum_j \hat w_{ji}\, g_l(d_{ij}, \tau) \max(0, K_{jd} - K_{id})`.

    Examples
    --------
    >>> import numpy as np, clusternet as cn
    >>> from clusternet.dynamics.mechanisms import StepContext
    >>> model = cn.UpgradingModel(cn.generate_cluster(30, seed=1), seed=1)
    >>> before = model.state.knowledge[model.firms].mean()
    >>> Spillover()(model, StepContext(1, np.random.default_rng(0)))
    >>> round(float(before), 4), round(float(model.state.knowledge[model.firms].mean()), 4)
    (0.3208, 0.3265)
    """

    name = "spillover"
    parameters = ("spillover_rates", "tacitness", "distance_scale")

    def __call__(self, model, ctx) -> None:
        if not (model.spillover.rates > 0).any():  # no spillover: skip the kernel, same result
            return
        model.state.knowledge = model.spillover.step(model.state.knowledge)
