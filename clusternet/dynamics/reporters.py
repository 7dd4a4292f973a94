"""Declarative reporters: the columns :class:`~clusternet.UpgradingModel` records each step.

A :class:`Reporter` names one or more columns and a function of a
:class:`View` (the model, the step's context and the firms' arrays, computed
once per step) that returns their values. :data:`REPORTERS` lists them in
column order; adding a column is one entry.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np
from numba import get_num_threads

from clusternet.economics import free_riding_exposure, high_quality_share
from clusternet.spillover import gini

#: from this many firms the Gini columns are sorted on several threads at once
_THREADED_FROM = 50_000

if TYPE_CHECKING:
    from clusternet.dynamics.mechanisms import StepContext
    from clusternet.dynamics.model import UpgradingModel


class View:
    """What the reporters read: the model, the step's results and the firms' arrays.

    Parameters
    ----------
    model : UpgradingModel
        The model.
    ctx : StepContext or None
        The step's context (``None`` for the initial state, step 0).

    Examples
    --------
    >>> import clusternet as cn
    >>> m = cn.UpgradingModel(cn.generate_cluster(30, seed=1), seed=1)
    >>> v = View(m, None)
    >>> v.t, v.k.shape == (int(m.firms.sum()), m.params["domains"]), v.count("innovated")
    (0, True, 0)
    """

    def __init__(self, model: UpgradingModel, ctx: StepContext | None) -> None:
        self.model = model
        self.out: dict[str, Any] = ctx.out if ctx is not None else {}
        self.t = ctx.t if ctx is not None else 0

    @cached_property
    def k(self) -> np.ndarray:
        """The firms' knowledge, one row per firm (in actor order) and one column per domain.

        Returns
        -------
        ndarray of float64, shape (firms, D)

        Examples
        --------
        >>> import clusternet as cn
        >>> m = cn.UpgradingModel(cn.generate_cluster(30, seed=1), seed=1)
        >>> View(m, None).k.shape == (int(m.firms.sum()), m.params["domains"])
        True
        """
        where = getattr(self.model, "firm_rows", None)
        if where is not None:  # the firms are one block of rows: a view, no copy
            return self.model.state.knowledge[where]
        return self.model.state.knowledge[self.model.firms]

    @cached_property
    def mean_k(self) -> np.ndarray:
        """Each firm's knowledge averaged over the domains.

        Returns
        -------
        ndarray of float64, shape (firms,)
            Empty without firms.

        Examples
        --------
        >>> import clusternet as cn
        >>> v = View(cn.UpgradingModel(cn.generate_cluster(30, seed=1), seed=1), None)
        >>> bool((v.mean_k == v.k.mean(axis=1)).all())
        True
        """
        return self.k.mean(axis=1) if self.k.size else np.zeros(0)

    @cached_property
    def ginis(self) -> list[float]:
        """Gini of the firms' mean knowledge, then of each domain (NaN without firms).

        Each is :func:`clusternet.spillover.gini` of its column; on a large cluster the
        columns are sorted on the model's Numba threads at once (the sorts release the
        GIL), so the values do not depend on the thread count.

        Returns
        -------
        list of float
            ``1 + D`` values: the Gini of ``mean_k``, then of each domain's column of ``k``.

        Examples
        --------
        >>> import clusternet as cn
        >>> from clusternet.spillover import gini
        >>> m = cn.UpgradingModel(cn.generate_cluster(30, seed=1), seed=1)
        >>> v = View(m, None)
        >>> v.ginis == [gini(v.mean_k)] + [gini(v.k[:, d]) for d in range(v.k.shape[1])]
        True
        """
        if not self.k.size:
            return [np.nan] * (1 + self.k.shape[1])
        columns = [self.mean_k] + [self.k[:, d] for d in range(self.k.shape[1])]
        workers = min(get_num_threads(), len(columns))
        if workers < 2 or self.k.shape[0] < _THREADED_FROM:
            return [gini(c) for c in columns]
        with ThreadPoolExecutor(workers) as pool:
            return list(pool.map(gini, columns))

    @cached_property
    def output(self) -> np.ndarray:
        """The firms' output, in actor order.

        Returns
        -------
        ndarray of float64, shape (firms,)

        Examples
        --------
        >>> import clusternet as cn
        >>> m = cn.UpgradingModel(cn.generate_cluster(30, seed=1), seed=1)
        >>> View(m, None).output.shape == (int(m.firms.sum()),)
        True
        """
        return self.model.state.output[self.model.firms]

    def count(self, name: str) -> int:
        """Number of true (or summed) entries of the per-step result ``name`` (0 before step 1).

        Parameters
        ----------
        name : str
            A per-step result in ``ctx.out`` (a boolean or count array, or a number).

        Returns
        -------
        int
            Its sum (0 when the step has no such result).

        Examples
        --------
        >>> import numpy as np
        >>> from clusternet.dynamics.mechanisms import StepContext
        >>> ctx = StepContext(1, np.random.default_rng(0), out={"innovated": np.array([True, False, True])})
        >>> View(None, ctx).count("innovated"), View(None, ctx).count("caught")
        (2, 0)
        """
        v = self.out.get(name)
        if v is None:
            return 0
        return int(np.sum(v)) if np.ndim(v) else int(v)


@dataclass(frozen=True)
class Reporter:
    """Columns ``names(view)`` computed by ``value(view)`` (a scalar or one value per name).

    Parameters
    ----------
    names : callable
        ``names(model)`` gives the column names the reporter fills, given the model.
    value : callable
        ``value(view)`` gives one value per name (or one scalar for a single name)
        from the step's :class:`View` (the model, the step's context and the firms' arrays).

    Examples
    --------
    >>> r = column("two", lambda view: 2)
    >>> row = {}
    >>> r.collect(View(None, None), row)
    >>> row
    {'two': 2}
    """

    names: Callable[[UpgradingModel], tuple[str, ...]]
    value: Callable[[View], Any]

    def columns(self, model: UpgradingModel) -> tuple[str, ...]:
        """The reporter's column names for ``model``.

        Parameters
        ----------
        model : UpgradingModel
            The model (the columns may depend on it, e.g. one per knowledge domain).

        Returns
        -------
        tuple of str
            The column names.

        Examples
        --------
        >>> column("step", lambda view: view.t).columns(None)
        ('step',)
        """
        return self.names(model)

    def collect(self, view: View, row: dict) -> None:
        """Add the reporter's values for this step to ``row``.

        Parameters
        ----------
        view : View
            The step's view.
        row : dict
            The row being built; the reporter's columns are added to it.

        Examples
        --------
        >>> pair = Reporter(lambda model: ("a", "b"), lambda view: (1, 2))
        >>> row = {}
        >>> pair.collect(View(None, None), row)
        >>> row
        {'a': 1, 'b': 2}
        """
        cols = self.names(view.model)
        v = self.value(view)
        if len(cols) == 1:
            row[cols[0]] = v
        else:
            row.update(zip(cols, v))


def column(name: str, value: Callable[[View], Any]) -> Reporter:
    """A reporter of one column.

    Parameters
    ----------
    name : str
        The column's name.
    value : callable
        ``value(view)`` -> the column's value in this step.

    Returns
    -------
    Reporter

    Examples
    --------
    >>> r = column("step", lambda view: view.t)
    >>> row = {}
    >>> r.collect(View(None, None), row)
    >>> row
    {'step': 0}
    """
    names = (name,)

    def _names(_model: UpgradingModel) -> tuple[str, ...]:
        return names

    return Reporter(_names, value)


def _stat(values: np.ndarray, fn) -> float:
    return float(fn(values)) if values.size else np.nan


def _per_domain(view: View) -> list[float]:
    k = view.k
    out: list[float] = []
    for d in range(k.shape[1]):
        col = k[:, d]
        out += [_stat(col, np.mean), _stat(col, np.var), view.ginis[1 + d]]
    return out


def _domain_names(model: UpgradingModel) -> tuple[str, ...]:
    return tuple(
        f"knowledge_{stat}_{d}"
        for d in range(model.params["domains"])
        for stat in ("mean", "var", "gini")
    )


def _contributors_share(view: View) -> float:
    members = view.model.state.member >= 0
    return float(view.model.state.contribute[members].mean()) if members.any() else np.nan


def _members_share(view: View) -> float:
    catchment = view.model.state.member >= 0
    return float(view.model.state.joined[catchment].mean()) if catchment.any() else np.nan


def _platform_output_per_firm(view: View) -> float:
    # O = sum_p O_p over the catchment firms sum_p n_p: what a catchment firm's platform
    # produces per catchment firm (docs/model.md); NaN without a catchment
    catchment = int((view.model.state.member >= 0).sum())
    return float(view.model.state.platform_output.sum()) / catchment if catchment else np.nan


def _provision(view: View) -> tuple[float, float]:
    # the Samuelson benchmark of the step's contribution choice, as the platform mechanism
    # recorded it: sum_p n_p S_p / sum_p n_p and sum_p U_p / sum_p n_p; NaN where no choice
    # was made (step 0, no platform or no catchment)
    out = view.out
    n_p = out.get("catchment")
    if n_p is None or not n_p.sum() > 0:
        return np.nan, np.nan
    total = float(n_p.sum())
    samuelson, under = out["samuelson_return"], out["provision_under"]
    return float(np.dot(n_p, samuelson)) / total, float(under.sum()) / total


def _mean_margin(view: View) -> float:
    y = view.output
    if not y.sum() > 0:
        return np.nan
    return float(np.average(view.model.state.margin[view.model.firms], weights=y))


def _mean_lerner(view: View) -> float:
    # the industry Lerner index of Aghion et al. (2005): the unweighted mean over firms
    # of each firm's price-cost margin (operating profit over sales) among its rivals
    lerner = view.model.state.lerner[view.model.firms]
    return float(lerner.mean()) if lerner.size else np.nan


def _sales_cv(view: View) -> float:
    # the coefficient of variation of the firms' sales, sd / mean (population sd)
    y = view.output
    mean = float(y.mean()) if y.size else 0.0
    if not mean > 0:
        return np.nan
    return float((y / mean).std())  # relative first: no overflow of the squares


def _high_quality_share(view: View) -> float:
    return high_quality_share(view.model.state.quality[view.model.firms])


def _free_riding(view: View) -> float:
    m = view.model
    return free_riding_exposure(
        view.output, m.state.association_member[m.firms], m.params["certification"]
    )


def _readiness(view: View) -> tuple[float, float]:
    every = view.model.params["measure_every"]
    if every and view.t % every == 0:
        return view.model.readiness()
    return np.nan, np.nan


#: The recorded columns, in order.
REPORTERS: tuple[Reporter, ...] = (
    column("step", lambda v: v.t),
    column("innovations", lambda v: v.count("innovated")),
    column("radical_innovations", lambda v: v.count("radical")),
    column("imitations", lambda v: v.count("adopted")),
    column(
        "imitators",
        lambda v: int((v.out["adopted"] > 0).sum()) if "adopted" in v.out else 0,
    ),
    column("knowledge_mean", lambda v: _stat(v.mean_k, np.mean)),
    column("knowledge_variance", lambda v: _stat(v.mean_k, np.var)),
    column("knowledge_gini", lambda v: v.ginis[0]),
    Reporter(_domain_names, _per_domain),
    column("contributors_share", _contributors_share),
    column("members_share", _members_share),
    column("platform_funding", lambda v: float(v.model.state.platform_output.sum())),
    column("platform_output_per_firm", _platform_output_per_firm),
    Reporter(lambda _m: ("samuelson_return", "provision_shortfall"), _provision),
    column("high_quality_share", _high_quality_share),
    column("reputation", lambda v: float(v.model.state.reputation)),
    column("mean_margin", _mean_margin),
    column("mean_lerner", _mean_lerner),
    column("total_output", lambda v: float(v.output.sum())),
    # the dispersion of the firms' sales: what the market among rivals moves (round 10)
    column("sales_cv", _sales_cv),
    column("sales_instability", lambda v: v.out.get("sales_instability", 0.0)),
    column("congestion_unit_cost", lambda v: v.out.get("congestion_unit_cost", 0.0)),
    column("caught", lambda v: v.out.get("caught", 0)),
    column("entrants", lambda v: v.out.get("entrants", 0)),
    # the network changes only in the network mechanism, which refreshes this share
    column("knowledge_tie_share", lambda v: v.model.knowledge_tie_share),
    # the readiness component, by the same definition (economics.free_riding_exposure)
    column("free_riding_exposure", _free_riding),
    Reporter(lambda _m: ("technology_readiness", "brand_readiness"), _readiness),
)


def record(model: UpgradingModel, ctx: StepContext | None) -> dict:
    """One row of the time series: every reporter of :data:`REPORTERS` in order.

    Parameters
    ----------
    model : UpgradingModel
        The model.
    ctx : StepContext or None
        The step's context (``None`` for the initial state).

    Returns
    -------
    dict
        Column -> value, in the order of ``model.reporters``.

    Examples
    --------
    >>> import clusternet as cn
    >>> m = cn.UpgradingModel(cn.generate_cluster(30, seed=1), seed=1)
    >>> row = record(m, None)
    >>> row["step"], row["innovations"], list(row)[:3]
    (0, 0, ['step', 'innovations', 'radical_innovations'])
    """
    view = View(model, ctx)
    row: dict = {}
    for reporter in model.reporters:
        reporter.collect(view, row)
    return row
