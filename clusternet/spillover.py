r"""Multi-domain knowledge spillover with tacit and codified knowledge (C-SPILL-1, C-TACIT-1; docs/claims.md).

Knowledge is an :math:`N \times D` matrix over :math:`D` domains, each with a tacitness
:math:`\tau_d \in [0, 1]`. The **gap rule** (one synchronous step):

.. math::

    \Delta K_{id} = a_i \sum_l \beta_l(d) \sum_j w^l_{ji}\, g_l(\mathrm{dist}_{ij}, \tau_d)
    \max(0, K_{jd} - K_{id})

with absorptive capacity :math:`a_i` (Cohen & Levinthal 1990), layer rate
:math:`\beta_l(d)`, row-normalised tie weights :math:`w^l_{ji}` (:math:`\sum_j w^l_{ji} = 1` for
each actor and layer) and a distance decay that bites only on the tacit part,
:math:`g = (1 - \tau_d) + \tau_d \exp(-\mathrm{dist}_{ij} / \lambda)`, on layers that carry
face-to-face contact (social, technology, service by default); on other layers
only the codified part :math:`1 - \tau_d` flows. Because :math:`a_i \le 1`, :math:`g \le 1` and
:math:`\sum_l \beta_l(d) \le 1` (checked), a step never takes an actor past its best
neighbour, knowledge never decreases, and on a connected graph every actor
converges to the initial maximum.

The **barter rule** (Cowan & Jonard 2004): in each round :math:`n` random meetings of
an actor and one of its contacts; they trade only if each leads the other in
some domain, and the lagging side closes :math:`\alpha a g` of every gap.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from clusternet._scaling import by_largest
from clusternet._validate import check_int, check_positive, check_probability, seed_sequence, show
from clusternet.kernels import spillover as kern
from clusternet.kernels.radix import sort_nonnegative
from clusternet.network import ClusterNetwork
from clusternet.roles import FACE_TO_FACE_LAYERS

__all__ = ["SpilloverModel", "SpilloverResult", "gini", "run", "step", "summarize"]


def gini(values: np.ndarray) -> float:
    r"""Gini coefficient of non-negative values.

    .. math::

        G = \frac{\sum_{i=1}^n (2 i - n - 1)\, x_{(i)}}{n \sum_i x_i}

    over the sorted values :math:`x_{(1)} \le \dots \le x_{(n)}`.

    Parameters
    ----------
    values : array_like
        Non-negative values.

    Returns
    -------
    float
        0 for equal values (and for all-zero or empty input), up to
        :math:`(n - 1)/n` when one actor holds everything.

    Raises
    ------
    ValueError
        If a value is negative or not finite (naming the first): the formula is
        then no inequality measure (a negative value can give :math:`G > 1`, an
        infinite or NaN one a NaN).

    Notes
    -----
    The values are divided by their maximum first (:math:`G` is scale-free), so
    values near 1e308 give a finite answer. From 4,096 values on they are sorted by a
    radix sort of their bit patterns (``clusternet.kernels.radix.sort_nonnegative``:
    the same order as :func:`numpy.sort`, in a fraction of its time at a million values).

    Examples
    --------
    >>> from clusternet.spillover import gini
    >>> gini([1.0, 1.0, 1.0, 1.0]), gini([0.0, 0.0, 0.0, 4.0])
    (0.0, 0.75)
    >>> gini([0.0, 0.0, 1e308])
    0.6666666666666666
    """
    x = np.asarray(values, dtype=np.float64).ravel()
    bad = ~np.isfinite(x) | (x < 0)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise ValueError(f"gini: values must be finite and >= 0; values[{i}] is {x[i]}")
    x = sort_nonnegative(x)
    n = x.shape[0]
    if n and x[-1] > 0:
        x = x / x[-1]
    total = x.sum()
    if n == 0 or total <= 0:
        return 0.0
    ranks = np.arange(1, n + 1)
    return float(np.sum((2 * ranks - n - 1) * x) / (n * total))


def summarize(knowledge: np.ndarray, step_index: int = 0) -> pd.DataFrame:
    """Mean, variance, coefficient of variation and Gini per domain and over all domains.

    Parameters
    ----------
    knowledge : array of shape (N, D)
        Knowledge per actor and domain.
    step_index : int, default 0
        Value of the ``step`` column.

    Returns
    -------
    pandas.DataFrame
        One row per domain (``"0"`` … ``"D-1"``) and one for ``"all"`` (the
        actors' mean over domains), with ``step``, ``domain``, ``mean``,
        ``variance`` (population), ``cv`` (0 when the mean is 0) and ``gini``.

    Raises
    ------
    ValueError
        If a knowledge value is negative or not finite (through :func:`gini`, which
        names the first such value of the column).

    Notes
    -----
    Each column is divided by its largest value before summing (the mean and
    variance are scaled back, the cv and Gini are scale-free), so knowledge
    near 1e308 gives finite summaries; only a variance above float64's range
    (about 1.8e308) comes out as ``inf``.

    Examples
    --------
    >>> import numpy as np
    >>> from clusternet.spillover import summarize
    >>> k = np.array([[1.0, 0.0], [0.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    >>> print(summarize(k).round(4).to_string(index=False))
     step domain  mean  variance     cv  gini
        0      0   0.5     0.250 1.0000 0.500
        0      1   0.5     0.250 1.0000 0.500
        0    all   0.5     0.125 0.7071 0.375
    """
    rows = []
    k = np.asarray(knowledge, dtype=np.float64)
    columns = [(str(d), k[:, d]) for d in range(k.shape[1])]
    top = np.abs(k).max(axis=1) if k.size else np.zeros(k.shape[0])
    overall = top * (k / np.where(top > 0, top, 1.0)[:, None]).mean(axis=1) if k.size else top
    columns.append(("all", overall))
    for name, values in columns:
        scaled, scale = by_largest(values)
        mean = float(scaled.mean()) * scale
        with np.errstate(over="ignore"):
            var = float(scaled.var()) * scale * scale
        rows.append(
            {
                "step": step_index,
                "domain": name,
                "mean": mean,
                "variance": var,
                "cv": float(scaled.std() / scaled.mean()) if mean > 0 else 0.0,
                "gini": gini(values),
            }
        )
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class SpilloverResult:
    """Outcome of a spillover run (:func:`run`, :meth:`SpilloverModel.run`).

    Attributes
    ----------
    final : numpy.ndarray, shape (N, D)
        The knowledge matrix after the last step.
    summary : pandas.DataFrame
        Tidy table of mean, variance, cv and Gini per recorded step and domain
        (see :func:`summarize`).
    trades : numpy.ndarray or None
        Trades per round (barter rule only).

    Examples
    --------
    >>> import numpy as np
    >>> import clusternet as cn
    >>> from clusternet.spillover import run
    >>> net = cn.datasets.load_florentine_families()
    >>> k0 = np.random.default_rng(1).uniform(size=(net.n_actors, 2))
    >>> res = run(net, k0, 3, tacitness=0.5, layer_rates={"marriage": 0.4})
    >>> res.final.shape, res.trades is None, sorted(set(res.summary["step"]))
    ((16, 2), True, [0, 1, 2, 3])
    """

    final: np.ndarray
    summary: pd.DataFrame
    trades: np.ndarray | None = None


class SpilloverModel:
    r"""A prepared spillover operator, built once and stepped as often as needed.

    The combined in-CSR, weights and distance factors of the gap rule (see the
    module docstring) are built once; :meth:`step` and :meth:`run` then apply
    them, e.g. inside another model's loop.

    Parameters
    ----------
    net : ClusterNetwork
        The cluster.
    tacitness : float or array of shape (D,)
        Tacit share :math:`\tau_d` in [0, 1] of each domain.
    layer_rates : dict {layer: rate or array (D,)} or array (L,) / (L, D)
        :math:`\beta_l(d)` in [0, 1], with :math:`\sum_l \beta_l(d) \le 1`.
        Layers not named take no part (a dict); an array follows ``layers``.
    absorptive_capacity : array of shape (N,) in [0, 1], optional
        Default: the actors' ``absorptive_capacity`` column, with 1 where it is
        missing (institutions); all ones without the column.
    distance_scale : float, default 2.0
        :math:`\lambda` in km; distances come from the ``x``, ``y`` columns
        (actors without coordinates count as co-located).
    layers : list of str, optional
        The layers an array of ``layer_rates`` follows (default: all layers).
    face_to_face : list of str, default social, technology, service
        Layers over which tacit knowledge flows.
    n_domains : int, optional
        Number of domains :math:`D` (default: the length of ``tacitness``).
    reuse : SpilloverModel, optional
        A model built on an earlier version of the network with the same
        actors, coordinates, layers and ``distance_scale``: the entries of every
        layer whose view is the very same object are copied from it instead of
        recomputed (what :class:`~clusternet.UpgradingModel` does after a round
        of tie changes in one layer). The operator is identical either way.

    Examples
    --------
    A step never lowers knowledge and never passes the best neighbour:

    >>> import numpy as np
    >>> import clusternet as cn
    >>> from clusternet.spillover import SpilloverModel
    >>> net = cn.datasets.load_florentine_families()
    >>> rates = {"marriage": 0.3, "business": 0.3}
    >>> model = SpilloverModel(net, tacitness=[0.0, 0.8], layer_rates=rates)
    >>> k = np.random.default_rng(1).uniform(size=(net.n_actors, 2))
    >>> k1 = model.step(k)
    >>> bool((k1 >= k).all() and (k1.max(axis=0) <= k.max(axis=0)).all())
    True
    """

    indptr: np.ndarray
    indices: np.ndarray
    entry_weight: np.ndarray
    entry_layer: np.ndarray
    entry_decay: np.ndarray
    _views: dict
    _has_xy: bool
    _x: np.ndarray
    _y: np.ndarray

    def __init__(
        self,
        net: ClusterNetwork,
        tacitness: float | Sequence[float],
        layer_rates: Mapping[str, float | Sequence[float]] | np.ndarray,
        absorptive_capacity: np.ndarray | None = None,
        distance_scale: float = 2.0,
        layers: Iterable[str] | None = None,
        face_to_face: Iterable[str] = FACE_TO_FACE_LAYERS,
        n_domains: int | None = None,
        *,
        reuse: SpilloverModel | None = None,
    ) -> None:
        if not isinstance(net, ClusterNetwork):
            raise TypeError("spillover needs a ClusterNetwork")
        self.net = net
        self.distance_scale = check_positive("distance_scale", distance_scale)
        names = (
            list(net.layers) if layers is None else [net.layers[c] for c in net.layer_codes(layers)]
        )
        tau = np.atleast_1d(np.asarray(tacitness, dtype=np.float64))
        if n_domains is None:
            n_domains = tau.shape[0]
        if tau.shape[0] == 1:
            tau = np.full(n_domains, tau[0])
        if tau.shape != (n_domains,):
            raise ValueError(f"tacitness has {tau.shape[0]} values for {n_domains} domains")
        bad = ~np.isfinite(tau) | (tau < 0) | (tau > 1)
        if bad.any():
            raise ValueError(
                f"tacitness must lie in [0, 1]; domain {int(np.flatnonzero(bad)[0])} has {show(tau[bad][0])}"
            )
        self.tacitness = tau
        self.n_domains = n_domains
        rates = np.zeros((len(names), n_domains))
        if isinstance(layer_rates, Mapping):
            for name, value in layer_rates.items():
                if name not in names:
                    raise ValueError(
                        f"layer_rates names layer {show(name)}, which is not among the layers {names}"
                    )
                rates[names.index(name)] = np.broadcast_to(
                    np.asarray(value, dtype=np.float64), (n_domains,)
                )
        else:
            arr = np.asarray(layer_rates, dtype=np.float64)
            if arr.ndim == 1:
                arr = np.repeat(arr[:, None], n_domains, axis=1)
            if arr.shape != rates.shape:
                raise ValueError(
                    f"layer_rates has shape {arr.shape}, expected ({len(names)},) or {rates.shape}"
                )
            rates = arr
        bad = ~np.isfinite(rates) | (rates < 0) | (rates > 1)
        if bad.any():
            li, d = np.argwhere(bad)[0]
            raise ValueError(
                f"layer rate of {show(names[li])} (domain {d}) must lie in [0, 1], got {show(rates[li, d])}"
            )
        total = rates.sum(axis=0)
        if (total > 1 + 1e-12).any():
            d = int(np.argmax(total))
            raise ValueError(
                f"layer rates sum to {total[d]:.4g} > 1 in domain {d}; with rates summing above 1 a step could overshoot"
            )
        self.layers = names
        self.rates = rates
        n = net.n_actors
        if absorptive_capacity is None:
            if net.has_column("absorptive_capacity"):
                a = np.asarray(net.column("absorptive_capacity"), dtype=np.float64)
                a = np.where(np.isnan(a), 1.0, a)
            else:
                a = np.ones(n)
        else:
            a = np.asarray(absorptive_capacity, dtype=np.float64)
            if a.shape != (n,):
                raise ValueError(f"absorptive_capacity has shape {a.shape}, expected ({n},)")
            bad = ~np.isfinite(a) | (a < 0) | (a > 1)
            if bad.any():
                k = int(np.flatnonzero(bad)[0])
                raise ValueError(
                    f"absorptive_capacity of actor {k} must lie in [0, 1], got {show(a[k])}"
                )
        self.absorptive = np.ascontiguousarray(a)
        f2f = set(face_to_face)
        self.face_to_face = np.array([name in f2f for name in names], dtype=np.bool_)
        if reuse is not None and not isinstance(reuse, SpilloverModel):
            raise TypeError(f"reuse must be a SpilloverModel, got {type(reuse).__name__}")
        self._build(reuse)

    def _build(self, reuse: SpilloverModel | None = None) -> None:
        # one pass in a kernel over the cached per-layer in-views (no Python-level passes
        # over edges); layers whose view is the very object ``reuse`` was built from are
        # copied from it instead of recomputed (a network round changes one layer)
        net = self.net
        n = net.n_actors
        has_xy = net.has_column("x") and net.has_column("y")
        x = np.asarray(net.column("x"), dtype=np.float64) if has_xy else np.zeros(n)
        y = np.asarray(net.column("y"), dtype=np.float64) if has_xy else np.zeros(n)
        views = {name: net.csr(name, direction="in") for name in self.layers}
        usable = (
            reuse is not None
            and reuse.net.n_actors == n
            and list(reuse.layers) == list(self.layers)
            and reuse.distance_scale == self.distance_scale
            and reuse._has_xy == has_xy
            and (not has_xy or (np.array_equal(reuse._x, x, equal_nan=True)
                                and np.array_equal(reuse._y, y, equal_nan=True)))
        )  # fmt: skip
        ptrs, codes, changed, idx, vals, sizes = [], [], [], [], [], []
        for code, name in enumerate(self.layers):
            a = views[name]
            if a.nnz == 0:
                continue
            fresh = not (usable and reuse is not None and reuse._views.get(name) is a)
            ptrs.append(np.asarray(a.indptr, dtype=np.int64))
            codes.append(code)
            changed.append(fresh)
            if fresh:
                idx.append(np.asarray(a.indices))
                vals.append(np.asarray(a.data, dtype=np.float64))
            sizes.append(a.indices.shape[0] if fresh else 0)
        layer_ptr = np.stack(ptrs) if ptrs else np.zeros((0, n + 1), dtype=np.int64)
        offset = np.concatenate(([0], np.cumsum(sizes)[:-1])).astype(np.int64)
        # row i starts after every layer's entries of the rows before it: the sum of the
        # layers' row pointers (each starts at 0), without a per-row count array
        indptr = layer_ptr.sum(axis=0) if ptrs else np.zeros(n + 1, dtype=np.int64)
        total = int(indptr[-1])
        old = reuse if usable else None
        new_indices = np.empty(total, dtype=np.uint32)
        new_weight = np.empty(total)
        new_layer = np.empty(total, dtype=np.int16)
        new_decay = np.empty(total)
        kern.assemble_rows(
            layer_ptr,
            np.asarray(codes, dtype=np.int16),
            np.asarray(changed, dtype=np.bool_),
            offset[: len(codes)] if len(codes) else np.zeros(0, dtype=np.int64),
            np.concatenate(idx).astype(np.uint32, copy=False) if idx else np.zeros(0, np.uint32),
            np.concatenate(vals) if vals else np.zeros(0),
            old.indptr if old is not None else np.zeros(n + 1, dtype=np.int64),
            old.indices if old is not None else np.zeros(0, dtype=np.uint32),
            old.entry_weight if old is not None else np.zeros(0),
            old.entry_layer if old is not None else np.zeros(0, dtype=np.int16),
            old.entry_decay if old is not None else np.zeros(0),
            x,
            y,
            has_xy,
            float(self.distance_scale),
            indptr,
            new_indices,
            new_weight,
            new_layer,
            new_decay,
        )
        self.indptr, self.indices = indptr, new_indices
        self.entry_weight, self.entry_layer, self.entry_decay = new_weight, new_layer, new_decay
        self._views, self._has_xy, self._x, self._y = views, has_xy, x, y

    def _check_knowledge(self, knowledge: np.ndarray) -> np.ndarray:
        k = np.ascontiguousarray(knowledge, dtype=np.float64)
        n = self.net.n_actors
        if k.shape != (n, self.n_domains):
            raise ValueError(f"knowledge has shape {k.shape}, expected ({n}, {self.n_domains})")
        bad = ~np.isfinite(k) | (k < 0)
        if bad.any():
            i, d = np.argwhere(bad)[0]
            raise ValueError(
                f"knowledge must be finite and >= 0; actor {i}, domain {d} has {show(k[i, d])}"
            )
        return k

    def step(
        self, knowledge: np.ndarray, out: np.ndarray | None = None, check: bool = True
    ) -> np.ndarray:
        """One gap-rule step.

        Parameters
        ----------
        knowledge : array of shape (N, D)
            Knowledge before the step.
        out : array of shape (N, D), optional
            Where to write the result.
        check : bool, default True
            Validate ``knowledge`` (shape, finite, non-negative).

        Returns
        -------
        numpy.ndarray
            The new knowledge matrix (``out`` if given).

        Examples
        --------
        >>> import numpy as np
        >>> import clusternet as cn
        >>> from clusternet.spillover import SpilloverModel
        >>> net = cn.datasets.load_florentine_families()
        >>> model = SpilloverModel(net, tacitness=0.5, layer_rates={"marriage": 0.4})
        >>> k = np.random.default_rng(1).uniform(size=(net.n_actors, 1))
        >>> k1 = model.step(k)
        >>> k1.shape, bool((k1 >= k).all())
        ((16, 1), True)
        """
        k = self._check_knowledge(knowledge) if check else knowledge
        if out is None:
            out = np.empty_like(k)
        kern.gap_step(
            self.indptr,
            self.indices,
            self.entry_layer,
            self.entry_weight,
            self.entry_decay,
            self.rates,
            self.tacitness,
            self.face_to_face,
            self.absorptive,
            k,
            out,
        )
        return out

    def run(
        self,
        knowledge0: np.ndarray,
        steps: int,
        rule: str = "gap",
        alpha: float = 0.5,
        seed=None,
        record_every: int = 1,
    ) -> SpilloverResult:
        """Run ``steps`` steps (gap rule) or rounds (barter rule) and summarise every ``record_every``.

        Parameters
        ----------
        knowledge0 : array of shape (N, D)
            Initial knowledge.
        steps : int
            Steps or rounds.
        rule : {"gap", "barter"}, default "gap"
            The gap rule (deterministic) or Cowan & Jonard's barter rule (stochastic).
        alpha : float, default 0.5
            Share of a gap the lagging side closes in a barter trade.
        seed : int or numpy.random.SeedSequence, optional
            Seed of the barter rule's meetings.
        record_every : int, default 1
            Summarise every this many steps (and the last).

        Returns
        -------
        SpilloverResult
            The final matrix, the summary and (barter) the trades per round.

        Examples
        --------
        >>> import numpy as np
        >>> import clusternet as cn
        >>> from clusternet.spillover import SpilloverModel
        >>> net = cn.datasets.load_florentine_families()
        >>> model = SpilloverModel(net, tacitness=0.5, layer_rates={"marriage": 0.4})
        >>> k0 = np.random.default_rng(1).uniform(size=(net.n_actors, 1))
        >>> res = model.run(k0, 3)
        >>> res.final.shape, sorted(set(res.summary["step"]))
        ((16, 1), [0, 1, 2, 3])
        """
        steps = check_int("steps", steps, minimum=0)
        record_every = check_int("record_every", record_every, minimum=1)
        k = self._check_knowledge(knowledge0).copy()
        tables = [summarize(k, 0)]
        if rule == "gap":
            other = np.empty_like(k)
            for t in range(1, steps + 1):
                self.step(k, out=other, check=False)
                k, other = other, k
                if t % record_every == 0 or t == steps:
                    tables.append(summarize(k, t))
            return SpilloverResult(k, pd.concat(tables, ignore_index=True))
        if rule == "barter":
            alpha = check_probability("alpha", alpha)
            pick = self.rates.mean(axis=1)
            base = seed_sequence(seed).generate_state(1, dtype=np.uint64)[0]
            trades = np.zeros(steps, dtype=np.int64)
            done = 0
            while done < steps:
                chunk = min(record_every, steps - done)
                part = np.zeros(chunk, dtype=np.int64)
                kern.barter_steps(
                    self.indptr,
                    self.indices,
                    self.entry_layer,
                    self.entry_weight,
                    self.entry_decay,
                    pick,
                    self.tacitness,
                    self.face_to_face,
                    self.absorptive,
                    alpha,
                    k,
                    chunk,
                    done,
                    np.uint64(base),
                    part,
                )
                trades[done : done + chunk] = part
                done += chunk
                tables.append(summarize(k, done))
            return SpilloverResult(k, pd.concat(tables, ignore_index=True), trades)
        raise ValueError(f"rule must be 'gap' or 'barter', got {show(rule)}")


def step(
    net: ClusterNetwork,
    knowledge: np.ndarray,
    tacitness,
    layer_rates,
    absorptive_capacity=None,
    distance_scale: float = 2.0,
    layers=None,
    face_to_face: Iterable[str] = FACE_TO_FACE_LAYERS,
) -> np.ndarray:
    r"""One gap-rule spillover step (see the module docstring); returns the new matrix.

    For repeated steps build a :class:`SpilloverModel` once instead.

    Parameters
    ----------
    net : ClusterNetwork
        The cluster.
    knowledge : array of shape (N, D)
        Knowledge before the step.
    tacitness, layer_rates, absorptive_capacity, layers, face_to_face
        As in :class:`SpilloverModel`.
    distance_scale : float, default 2.0
        As in :class:`SpilloverModel` (km).

    Returns
    -------
    numpy.ndarray of shape (N, D)
        Knowledge after the step.

    Examples
    --------
    Only the Medici know; with codified knowledge (:math:`\tau = 0`) and marriage
    rate :math:`\beta = 0.5`, each in-law of degree :math:`k_i` gains
    :math:`0.5 / k_i` (row-normalised weights):

    >>> import numpy as np
    >>> import clusternet as cn
    >>> from clusternet.spillover import step
    >>> net = cn.datasets.load_florentine_families()
    >>> medici = int(np.flatnonzero(net.column("family") == "Medici")[0])
    >>> k0 = np.zeros((net.n_actors, 1))
    >>> k0[medici] = 1.0
    >>> k1 = step(net, k0, tacitness=0.0, layer_rates={"marriage": 0.5})
    >>> marriage = net.csr("marriage", direction="both")
    >>> inlaws = marriage[[medici]].indices
    >>> bool(np.allclose(k1[inlaws, 0], 0.5 / np.diff(marriage.indptr)[inlaws]))
    True
    """
    k = np.asarray(knowledge)
    model = _model_for(
        net,
        k,
        "knowledge",
        tacitness,
        layer_rates,
        absorptive_capacity,
        distance_scale,
        layers,
        face_to_face,
    )
    return model.step(k)


def _model_for(
    net, k, name, tacitness, layer_rates, absorptive_capacity, distance_scale, layers, face_to_face
):
    """A SpilloverModel sized for the knowledge matrix ``k`` (checked to be 2-D)."""
    if k.ndim != 2 or k.shape[1] == 0:
        raise ValueError(f"{name} must be an (N, D) matrix with D >= 1, got shape {k.shape}")
    return SpilloverModel(
        net,
        tacitness,
        layer_rates,
        absorptive_capacity,
        distance_scale,
        layers,
        face_to_face,
        n_domains=k.shape[1],
    )


def run(
    net: ClusterNetwork,
    knowledge0: np.ndarray,
    steps: int,
    tacitness,
    layer_rates,
    absorptive_capacity=None,
    distance_scale: float = 2.0,
    rule: str = "gap",
    alpha: float = 0.5,
    seed=None,
    record_every: int = 1,
    layers=None,
    face_to_face: Iterable[str] = FACE_TO_FACE_LAYERS,
) -> SpilloverResult:
    """Run knowledge spillover for ``steps`` steps with the gap or barter rule.

    The gap rule is deterministic and parallel over actors; the barter rule
    (Cowan & Jonard 2004) is stochastic (``seed``) and sequential within a run.

    Degenerate cases (docs/degenerate.md): a network with no actors gives an
    empty stock; isolated actors, or actors with self-loops only, keep their
    knowledge; a knowledge matrix with a NaN, an inf or no domain is refused.

    Parameters
    ----------
    net : ClusterNetwork
        The cluster.
    knowledge0 : array of shape (N, D)
        Initial knowledge.
    steps : int
        Steps (gap) or rounds (barter).
    tacitness, layer_rates, absorptive_capacity
        As in :class:`SpilloverModel`.
    distance_scale : float, default 2.0
        As in :class:`SpilloverModel` (km).
    rule : {"gap", "barter"}, default "gap"
        Which rule.
    alpha : float, default 0.5
        Share of a gap closed in a barter trade.
    seed : int or numpy.random.SeedSequence, optional
        Seed of the barter rule.
    record_every : int, default 1
        Summarise every this many steps (and the last).
    layers, face_to_face
        As in :class:`SpilloverModel`.

    Returns
    -------
    SpilloverResult
        The final matrix and a tidy summary (mean, variance, coefficient of
        variation and Gini per recorded step and domain).

    References
    ----------
    Cowan, R., & Jonard, N. (2004). Network structure and the diffusion of
    knowledge. *J. Economic Dynamics & Control* 28:1557–1575. Cohen, W. M., &
    Levinthal, D. A. (1990). Absorptive capacity. *ASQ* 35:128–152. Polanyi, M.
    (1966). *The Tacit Dimension*.

    Examples
    --------
    >>> import numpy as np
    >>> import clusternet as cn
    >>> from clusternet.spillover import run
    >>> net = cn.datasets.load_florentine_families()
    >>> k0 = np.random.default_rng(1).uniform(size=(net.n_actors, 3))
    >>> res = run(net, k0, 5, tacitness=0.5, layer_rates={"marriage": 0.4}, rule="barter", seed=1)
    >>> overall = res.summary[res.summary["domain"] == "all"]
    >>> print(overall[["step", "mean", "gini"]].round(3).to_string(index=False))
     step  mean  gini
        0 0.521 0.129
        1 0.584 0.099
        2 0.621 0.085
        3 0.655 0.082
        4 0.669 0.081
        5 0.683 0.078
    """
    k = np.asarray(knowledge0)
    model = _model_for(
        net,
        k,
        "knowledge0",
        tacitness,
        layer_rates,
        absorptive_capacity,
        distance_scale,
        layers,
        face_to_face,
    )
    return model.run(k, steps, rule=rule, alpha=alpha, seed=seed, record_every=record_every)
