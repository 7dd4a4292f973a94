"""Training raises the absorptive capacity of the firms tied to training bodies."""

from __future__ import annotations

from clusternet.dynamics.mechanisms._base import Mechanism


class Training(Mechanism):
    """Trained firms close ``training_rate`` of their gap to full absorptive capacity.

    ``a_i <- a_i + training_rate (1 - a_i)`` for firms tied to a training body
    (C-ACTORS-1).
    """

    name = "training"
    parameters = ("training_rate",)

    def __call__(self, model, ctx) -> None:
        s = model.state
        rate = model.params["training_rate"]
        if rate > 0 and s.trained.any():
            s.absorptive[s.trained] += rate * (1.0 - s.absorptive[s.trained])
            model.spillover.absorptive = s.absorptive
