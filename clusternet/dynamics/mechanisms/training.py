"""Training raises the absorptive capacity of the firms tied to training bodies."""

from __future__ import annotations

from clusternet.dynamics.mechanisms._base import Mechanism


class Training(Mechanism):
    """Trained firms close ``training_rate`` of their gap to full absorptive capacity.

    ``a_i <- a_i + training_rate (1 - a_i)`` for firms tied to a training body
    (C-ACTORS-1).

    Examples
    --------
    >>> import numpy as np, clusternet as cn
    >>> from clusternet.dynamics.mechanisms import StepContext
    >>> model = cn.UpgradingModel(cn.generate_cluster(30, seed=1), seed=1, training_rate=0.5)
    >>> i = int(np.flatnonzero(model.state.trained)[0])
    >>> before = model.state.absorptive[i]
    >>> Training()(model, StepContext(1, np.random.default_rng(0)))
    >>> bool(np.isclose(model.state.absorptive[i], before + 0.5 * (1 - before)))
    True
    """

    name = "training"
    parameters = ("training_rate",)

    def __call__(self, model, ctx) -> None:
        s = model.state
        rate = model.params["training_rate"]
        if rate > 0 and s.trained.any():
            s.absorptive[s.trained] += rate * (1.0 - s.absorptive[s.trained])
            model.spillover.absorptive = s.absorptive
