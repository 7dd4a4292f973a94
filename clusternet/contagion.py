r"""Multiplex contagion with an external hazard: simulation and summaries of adoption months.

In period :math:`t = 1, 2, \ldots, T` an observed actor :math:`i` that has not yet adopted
adopts with probability

.. math::

    1 - \exp\Big(-\Big(\mathrm{external}\, \exp\Big(\mathrm{trend}\, \frac{t - 1}{T - 1}\Big)
    + \sum_l \beta_l s_{il}(t)\Big)\Big),

where :math:`s_{il}(t)` is the share of the (observed) actors :math:`i` is tied to in
layer :math:`l` that adopted in a period before :math:`t`. ``external`` is the hazard
that owes nothing to the network (advertising, detail men, journals: the
"marketing effort" of Van den Bulte & Lilien 2001) and ``beta_l`` the
contagion weight of layer :math:`l`. ``trend`` (parameter ``external_trend``,
default 0) lets the external hazard grow or shrink log-linearly over the :math:`T`
observed periods — the time-varying marketing effort that Van den Bulte &
Lilien found confounded with contagion in these data. With one layer (or the layers merged) this is
the discrete-time network Bass model that :func:`clusternet.diffusion.fit_bass`
fits by maximum likelihood (``external`` = ``p``, ``beta`` = ``q``).

The summaries :class:`ContagionModel` returns, used by
:func:`clusternet.fit_model`: the cumulative share adopted by every period, and
per layer (over actors with at least one observed contact in it) the mean
exposure at adoption — the share of an adopter's contacts who adopted before
it — and the mean exposure at risk — the same share over every period an
actor was at risk. The curve pins the timing; exposure at adoption against
exposure at risk is the network signal (the two terms of the likelihood's
score for a layer weight: contagion makes adoptions come when exposure is
high, not merely late in the curve).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

from clusternet._validate import check_positive, show
from clusternet.network import ClusterNetwork

__all__ = ["CONTAGION_PRIORS", "ContagionModel"]

#: Default prior ranges (uniform). ``external``: a monthly hazard up to 0.3, under which
#: 95 % of physicians would adopt within 10 months with no network at all — faster than
#: any curve in the CKM data (assumed). Layer weights: up to 1 per period when every contact
#: in the layer has adopted (a 63 % monthly chance from that layer alone), several times the
#: network Bass ``q`` fitted to the CKM data (assumed).
#: ``external_trend`` (only when fitted): the external hazard may change by a factor e^2
#: (7.4) either way over the window (assumed).
CONTAGION_PRIORS: dict[str, tuple[float, float]] = {
    "external": (0.0, 0.3),
    "layer": (0.0, 1.0),
    "external_trend": (-2.0, 2.0),
}


class ContagionModel:
    """Multiplex contagion plus an external hazard, set up on a network and observed adoptions.

    Parameters
    ----------
    net : ClusterNetwork
        The network; its layers (or ``layers``) carry the contagion.
    adoption_time : array of float, length ``net.n_actors``
        Period of adoption (1..``censor_time``; a fractional time counts in
        period ``ceil(t)``), NaN for "not adopted by ``censor_time``".
    censor_time : int, optional
        Last observed period; default the last adoption.
    known : array of bool, optional
        Actors whose adoption is observed; the others are neither at risk nor
        anyone's contact (unknown status is not non-adoption). Default all.
    layers : sequence of str, optional
        Layers with a contagion weight each; default all.
    exposure : {"out", "in"}, default "out"
        ``out``: a tie ``i -> j`` exposes ``i`` to ``j`` (the people one names);
        ``in``: it exposes ``j`` to ``i``. Undirected layers expose both ways.

    Examples
    --------
    >>> import clusternet as cn
    >>> net = cn.datasets.load_ckm_physicians()
    >>> status = net.column("adoption_status")
    >>> m = ContagionModel(net, net.column("adoption_month"), 17, known=status != "unknown")
    >>> m.parameters
    ('external', 'advice', 'discussion', 'friendship')
    >>> round(m.observed_summary()["adopted_by_17"], 3)
    0.872
    """

    def __init__(
        self,
        net: ClusterNetwork,
        adoption_time,
        censor_time: int | None = None,
        known=None,
        layers: Sequence[str] | None = None,
        exposure: str = "out",
    ) -> None:
        if not isinstance(net, ClusterNetwork):
            raise TypeError(f"net must be a ClusterNetwork, got {type(net).__name__}")
        n = net.n_actors
        times = np.asarray(adoption_time, dtype=np.float64)
        if times.shape != (n,):
            raise ValueError(f"adoption_time has shape {times.shape}, expected ({n},)")
        mask = np.ones(n, dtype=bool) if known is None else np.asarray(known, dtype=bool)
        if mask.shape != (n,):
            raise ValueError(f"known has shape {mask.shape}, expected ({n},)")
        if not mask.any():
            raise ValueError("known selects no actor")
        t_known = times[mask]
        if np.isinf(t_known).any():
            k = int(np.flatnonzero(mask & np.isinf(times))[0])
            raise ValueError(f"adoption_time of actor {k} is infinite; use NaN for not adopted")
        bad = mask & np.isfinite(times) & (times <= 0)
        if bad.any():
            k = int(np.flatnonzero(bad)[0])
            raise ValueError(f"adoption_time of actor {k} is {show(times[k])}; periods start at 1")
        if censor_time is None:
            if not np.isfinite(t_known).any():
                raise ValueError("no observed adoption: give censor_time")
            censor_time = int(np.ceil(np.nanmax(t_known) - 1e-9))
        check_positive("censor_time", censor_time)
        horizon = int(np.ceil(float(censor_time) - 1e-9))
        late = mask & np.isfinite(times) & (times > horizon)
        if late.any():
            k = int(np.flatnonzero(late)[0])
            raise ValueError(
                f"adoption_time of actor {k} ({show(times[k])}) is after censor_time={show(censor_time)}"
            )
        if exposure not in ("out", "in"):
            raise ValueError(f"exposure must be 'out' or 'in', got {show(exposure)}")
        names = tuple(net.layers) if layers is None else tuple(layers)
        unknown = [x for x in names if x not in net.layers]
        if unknown or not names:
            raise ValueError(f"layers {unknown or names} not in the network's {list(net.layers)}")
        if {"external", "external_trend"} & set(names):
            raise ValueError("a layer named 'external' clashes with the external hazard parameters")
        self.layers = names
        self.parameters: tuple[str, ...] = ("external", *names)
        self.horizon = horizon
        self.index = np.flatnonzero(mask)
        m = self.index.shape[0]
        period = np.full(m, horizon + 1, dtype=np.int64)
        fin = np.isfinite(t_known)
        period[fin] = np.ceil(t_known[fin] - 1e-9).astype(np.int64)
        self.observed_period = period
        self.matrices: list[sp.csr_array] = []
        for layer in names:
            a = net.csr(layers=[layer], direction=exposure)[self.index][:, self.index]
            a = sp.csr_array(a, dtype=np.float64)
            a.data[:] = 1.0  # ties, not weights: the share of contacts
            a.setdiag(0.0)
            a.eliminate_zeros()
            deg = np.asarray(a.sum(axis=1)).ravel()
            scale = np.divide(1.0, deg, out=np.zeros(m), where=deg > 0)
            self.matrices.append(sp.csr_array(sp.diags_array(scale) @ a))

    @property
    def n_observed(self) -> int:
        """Number of actors whose adoption is observed.

        Returns
        -------
        int

        Examples
        --------
        >>> import clusternet as cn
        >>> from clusternet.contagion import ContagionModel
        >>> net = cn.datasets.load_ckm_physicians()
        >>> status = net.column("adoption_status")
        >>> ContagionModel(net, net.column("adoption_month"), 17, known=status != "unknown").n_observed
        125
        """
        return int(self.index.shape[0])

    def default_priors(self) -> dict[str, tuple[float, float]]:
        """Uniform prior ranges: ``external`` and one weight per layer (``CONTAGION_PRIORS``).

        Returns
        -------
        dict of str to (float, float)
            ``(low, high)`` per parameter: ``external`` first, then the layers in order.

        Examples
        --------
        >>> import clusternet as cn
        >>> from clusternet.contagion import ContagionModel
        >>> net = cn.datasets.load_ckm_physicians()
        >>> status = net.column("adoption_status")
        >>> model = ContagionModel(net, net.column("adoption_month"), 17, known=status != "unknown")
        >>> model.default_priors()
        {'external': (0.0, 0.3), 'advice': (0.0, 1.0), 'discussion': (0.0, 1.0), 'friendship': (0.0, 1.0)}
        """
        out = {"external": CONTAGION_PRIORS["external"]}
        out.update({layer: CONTAGION_PRIORS["layer"] for layer in self.layers})
        return out

    def simulate(self, params: dict, seed: int) -> np.ndarray:
        r"""Adoption period of every observed actor (``horizon + 1`` = not adopted) in one run.

        Draws: one uniform per actor and period from ``seed``, so the same seed
        reuses the same draws whatever the parameters (common random numbers).

        Parameters
        ----------
        params : dict of str to float
            ``external`` (the hazard :math:`a` from outside), one weight :math:`w_l` per
            layer and optionally ``external_trend`` (:math:`g`). In period :math:`t` a
            non-adopter :math:`i` adopts with probability :math:`1 - e^{-h_i(t)}`,
            :math:`h_i(t) = a\, e^{g (t - 1) / (T - 1)} + \sum_l w_l \sum_j W^{(l)}_{ij} y_j`,
            with :math:`T` = ``horizon``, :math:`W^{(l)}` the row-normalised layer and :math:`y_j = 1` for an
            earlier adopter.
        seed : int
            Seed of the draws.

        Returns
        -------
        ndarray of int64, shape (n_observed,)
            The period in ``1..horizon`` at which each actor adopts, ``horizon + 1`` if never.

        Examples
        --------
        >>> import clusternet as cn
        >>> from clusternet.contagion import ContagionModel
        >>> net = cn.datasets.load_ckm_physicians()
        >>> status = net.column("adoption_status")
        >>> model = ContagionModel(net, net.column("adoption_month"), 17, known=status != "unknown")
        >>> period = model.simulate({"external": 0.05, "advice": 0.1, "discussion": 0.1, "friendship": 0.1}, seed=1)
        >>> period.shape, int(period.min()), bool(period.max() <= 18)
        ((125,), 1, True)
        """
        m = self.n_observed
        rng = np.random.default_rng(seed)
        u = rng.random((self.horizon, m))
        w = sum(
            (float(params[layer]) * mat for layer, mat in zip(self.layers, self.matrices)),
            start=sp.csr_array((m, m)),
        )
        external = float(params["external"])
        trend = float(params.get("external_trend", 0.0))
        span = max(self.horizon - 1, 1)
        period = np.full(m, self.horizon + 1, dtype=np.int64)
        adopted = np.zeros(m, dtype=np.float64)
        for t in range(1, self.horizon + 1):
            hazard = external * np.exp(trend * (t - 1) / span) + w @ adopted
            new = (adopted == 0.0) & (u[t - 1] < -np.expm1(-hazard))
            period[new] = t
            adopted[new] = 1.0
        return period

    def summary(self, period: np.ndarray) -> dict[str, float]:
        """Cumulative share adopted by each period and each layer's mean exposure at adoption.

        Parameters
        ----------
        period : ndarray of int, shape (n_observed,)
            Adoption periods, as :meth:`simulate` returns: ``1..horizon``, and any later
            period (``horizon + 1`` from :meth:`simulate`) for an actor that has not adopted.
            Any integer dtype.

        Returns
        -------
        dict of str to float
            ``adopted_by_<t>`` for every period, and per layer ``exposure_<layer>`` (the
            adopters' mean exposure to earlier adopters) and ``at_risk_exposure_<layer>``
            (the mean exposure of actors at risk, over the periods they were at risk).

        Raises
        ------
        TypeError
            If ``period`` is not of an integer dtype.
        ValueError
            If its shape is not ``(n_observed,)`` or a period is below 1.

        Examples
        --------
        >>> import clusternet as cn
        >>> from clusternet.contagion import ContagionModel
        >>> net = cn.datasets.load_ckm_physicians()
        >>> status = net.column("adoption_status")
        >>> model = ContagionModel(net, net.column("adoption_month"), 17, known=status != "unknown")
        >>> period = model.simulate({"external": 0.05, "advice": 0.1, "discussion": 0.1, "friendship": 0.1}, seed=1)
        >>> s = model.summary(period)
        >>> sorted(s)[:3], 0 <= s["adopted_by_17"] <= 1
        (['adopted_by_1', 'adopted_by_10', 'adopted_by_11'], True)
        """
        m = self.n_observed
        period = np.asarray(period)
        if period.dtype.kind not in "iu":
            raise TypeError(
                f"period must be an integer array (adoption periods, as simulate returns), "
                f"got dtype {period.dtype}"
            )
        if period.shape != (m,):
            raise ValueError(f"period has shape {period.shape}, expected ({m},)")
        if m and period.min() < 1:
            k = int(np.argmin(period))
            raise ValueError(
                f"period of observed actor {k} is {int(period[k])}; periods start at 1"
            )
        # as int64: a narrow integer dtype would overflow at horizon + 1 (int8 at 127)
        period = period.astype(np.int64)
        counts = np.bincount(np.minimum(period, self.horizon + 1), minlength=self.horizon + 2)
        cum = np.cumsum(counts[1 : self.horizon + 1]) / m
        out = {f"adopted_by_{t}": float(cum[t - 1]) for t in range(1, self.horizon + 1)}
        adopter = period <= self.horizon
        for layer, mat in zip(self.layers, self.matrices):
            coo = mat.tocoo()
            i, j = coo.row, coo.col
            before = period[j] < period[i]
            s = np.bincount(i, weights=coo.data * before, minlength=m)
            has = np.bincount(i, minlength=m) > 0
            sel = adopter & has
            out[f"exposure_{layer}"] = float(s[sel].mean()) if sel.any() else 0.0
            # exposure of those at risk, over every period they were at risk
            steps = np.arange(1, self.horizon + 1)
            before_t = (period[:, None] < steps[None, :]).astype(np.float64)
            risk = (period[:, None] >= steps[None, :]) & has[:, None]
            exposed = mat @ before_t
            n_risk = int(risk.sum())
            out[f"at_risk_exposure_{layer}"] = (
                float(exposed[risk].sum() / n_risk) if n_risk else 0.0
            )
        return out

    def observed_summary(self) -> dict[str, float]:
        """The summaries of the observed adoptions.

        Returns
        -------
        dict of str to float
            :meth:`summary` of the observed adoption periods.

        Examples
        --------
        >>> import clusternet as cn
        >>> from clusternet.contagion import ContagionModel
        >>> net = cn.datasets.load_ckm_physicians()
        >>> status = net.column("adoption_status")
        >>> model = ContagionModel(net, net.column("adoption_month"), 17, known=status != "unknown")
        >>> round(model.observed_summary()['adopted_by_6'], 3)
        0.496
        """
        return self.summary(self.observed_period)

    def __call__(self, params: dict, seed: int) -> dict[str, float]:
        """The summaries of one simulation at ``params`` with ``seed``."""
        return self.summary(self.simulate(params, seed))
