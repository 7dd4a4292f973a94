"""Intermediaries keep up with the codified part of the cluster's frontier (C-SUPPORT-1)."""

from __future__ import annotations

import numpy as np

from clusternet.dynamics.mechanisms._base import Mechanism


class Intermediaries(Mechanism):
    """``K[m, d] <- max(K[m, d], (1 - tau) max_firms K[., d])`` for every intermediary ``m``.

    Examples
    --------
    >>> import numpy as np, clusternet as cn
    >>> from clusternet.dynamics.mechanisms import StepContext
    >>> model = cn.UpgradingModel(cn.generate_cluster(30, seed=1), seed=1, tacitness=0.5)
    >>> k = model.state.knowledge
    >>> k[model.intermediaries] = 0.0
    >>> Intermediaries()(model, StepContext(1, np.random.default_rng(0)))
    >>> bool(np.allclose(k[model.intermediaries], 0.5 * k[model.firms].max(axis=0)))
    True
    """

    name = "intermediaries"
    parameters = ("tacitness",)

    def __call__(self, model, ctx) -> None:
        if not model.intermediaries.size:
            return
        k = model.state.knowledge
        # the firms' rows as a view when they are one block (no copy of the matrix)
        rows = model.firm_rows if model.firm_rows is not None else model.firms
        codified = (1.0 - model.params["tacitness"]) * k[rows].max(axis=0)
        k[model.intermediaries] = np.maximum(k[model.intermediaries], codified)
