r"""The moments a generator fit matches: observed on a network, simulated by the generator.

Per mapped layer among the firms: mean degree, the coefficient of variation of
degree (:math:`\mathrm{sd}(k) / \bar k`) and transitivity
(:math:`3 \times \mathrm{triangles} / \mathrm{connected\ triples}`); per pair of
mapped layers the edge overlap :math:`\mathrm{shared} / \min(m_a, m_b)`; per
layer, when the network has coordinates, mean tie length over the mean distance
between firms; the reciprocity of a directed trade layer; with ``attribute=``,
each layer's categorical assortativity (Newman 2003, *Phys. Rev. E* 67:026126)
on an actor column; and the cross-layer degree correlations (on request).
:func:`clusternet.calibrate.fit_generator` matches them by the simulated method
of moments (McFadden 1989); the simulated side can pass every layer through a
survey instrument (:func:`clusternet.survey.nominated`) first.

Examples
--------
>>> import clusternet as cn
>>> from clusternet.calibrate_moments import observed_moments
>>> net = cn.generate_cluster(60, seed=1)
>>> m = observed_moments(net, {"social": "social"})
>>> bool(m["social:mean_degree"] > 0)
True
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from clusternet._threads import numba_threads, small_threads
from clusternet._validate import derived_sequence, seed_sequence, show
from clusternet.generate import MAX_CLASSES, generate_edges
from clusternet.kernels.csr import csr_pattern, entry_rows
from clusternet.kernels.patterns import symmetric_pattern
from clusternet.kernels.structural import triangles_and_triples
from clusternet.network import ClusterNetwork
from clusternet.survey import nominated

#: The generator's firm layers a fit can map an observed layer onto.
FIRM_LAYERS = ("transaction", "technology", "social", "competition")


class _LayerView:
    """One firm layer built once: its ties as sorted pair keys, a symmetric pattern, degrees.

    Every moment of the layer (and of each pair of layers) reads these arrays, so a
    simulated network is measured in one pass, without dense matrices or BLAS calls
    (whose thread pools cost more than the arithmetic at survey sizes).
    """

    def __init__(self, n: int, src: np.ndarray, dst: np.ndarray):
        upper = csr_pattern(
            n, np.asarray(src, np.int64), np.asarray(dst, np.int64), drop_loops=True, unordered=True
        )
        self.n = n
        self.row = entry_rows(upper[0]).astype(np.int64)
        self.col = upper[1].astype(np.int64)
        self.keys = self.row * n + self.col  # sorted: rows in order, columns sorted in a row
        self.sym = symmetric_pattern(upper)
        self.degree = np.diff(self.sym[0]).astype(np.float64)

    @property
    def ties(self) -> int:
        return int(self.keys.shape[0])

    def transitivity(self) -> float:
        """Global clustering: 3 x triangles / connected triples (0 without triples)."""
        if self.ties == 0:
            return 0.0
        triangles, triples = triangles_and_triples(self.sym[0], self.sym[1], 1)
        return 3.0 * triangles / triples if triples else 0.0

    def shared(self, other: _LayerView) -> int:
        """Ties present in both layers."""
        return int(np.intersect1d(self.keys, other.keys, assume_unique=True).shape[0])

    def assortativity(self, codes: np.ndarray) -> float:
        """Newman's (2003) categorical assortativity on ``codes``.

        ``(tr e - ||e^2||) / (1 - ||e^2||)``, ``e`` the share of tie ends joining class i
        to class j (0 when undefined).
        """
        if self.ties == 0:
            return 0.0
        k = int(codes.max()) + 1
        e = np.zeros((k, k))
        np.add.at(e, (codes[self.row], codes[self.col]), 1.0)
        e = e + e.T
        e /= e.sum()
        ab = math.fsum(e.sum(axis=1) * e.sum(axis=0))  # not BLAS: its order depends on the CPU
        return float((np.trace(e) - ab) / (1.0 - ab)) if ab < 1 else 0.0


def _pearson(a: np.ndarray, b: np.ndarray) -> float:
    """Pearson's correlation of two non-constant vectors, summed with ``math.fsum``.

    Not ``np.corrcoef``: its BLAS dot adds in an order of the CPU's kernel, and a fit's
    search turns a last bit into another estimate (round 28).
    """
    da, db = a - a.mean(), b - b.mean()
    r = math.fsum(da * db) / math.sqrt(math.fsum(da * da) * math.fsum(db * db))
    return min(1.0, max(-1.0, r))


def _reciprocity(n: int, src: np.ndarray, dst: np.ndarray) -> float:
    """Share of directed ties (no loops, each pair once) whose reverse tie exists."""
    keep = src != dst
    src, dst = src[keep].astype(np.int64), dst[keep].astype(np.int64)
    if src.size == 0:
        return 0.0
    forward = np.unique(src * n + dst)
    backward = (forward % n) * n + forward // n
    return float(np.isin(backward, forward, assume_unique=True).mean())


def _layer_moments(views: dict, coords, classes=None, directed=None) -> dict[str, float]:
    """The moments of firm layers ``views`` (name -> :class:`_LayerView`; see :func:`observed_moments`).

    ``classes``: the firms' attribute codes (assortativity per layer) or None;
    ``directed``: layer -> (n, source, target) of its directed ties (reciprocity).
    """
    out: dict[str, float] = {}
    for key, (n, src, dst) in (directed or {}).items():
        out[f"{key}:reciprocity"] = _reciprocity(n, src, dst)
    for key, v in views.items():
        deg = v.degree
        mean = float(deg.mean()) if deg.size else 0.0
        out[f"{key}:mean_degree"] = mean
        out[f"{key}:degree_cv"] = float(deg.std() / mean) if mean > 0 else 0.0
        out[f"{key}:transitivity"] = v.transitivity()
        if coords is not None:
            x, y = coords
            if v.ties:
                length = np.hypot(x[v.row] - x[v.col], y[v.row] - y[v.col]).mean()
                spread = np.hypot(x - x.mean(), y - y.mean()).mean() * np.sqrt(2.0)
                out[f"{key}:distance_ratio"] = float(length / spread) if spread > 0 else 0.0
            else:
                out[f"{key}:distance_ratio"] = 0.0
        if classes is not None:
            out[f"{key}:assortativity"] = v.assortativity(classes)
    keys = list(views)
    for i, ka in enumerate(keys):
        for kb in keys[i + 1 :]:
            a, b = views[ka], views[kb]
            fewer = min(a.ties, b.ties)
            out[f"{ka}&{kb}:overlap"] = float(a.shared(b) / fewer) if fewer > 0 else 0.0
            da, db = a.degree, b.degree
            defined = da.size > 1 and da.std() > 0 and db.std() > 0
            out[f"{ka}&{kb}:degree_correlation"] = _pearson(da, db) if defined else 0.0
    return out


#: Moments computed but targeted only on request (``moments=``): the cross-layer degree
#: correlations identify ``activity_correlation``, which the default fit keeps fixed.
ON_REQUEST = (":degree_correlation",)


def observed_moments(
    net: ClusterNetwork,
    layer_map: Mapping[str, str],
    firms: np.ndarray | None = None,
    attribute: str | None = None,
) -> pd.Series:
    r"""The fit's moments of an observed network.

    Firms are the core tier when the network has tiers, otherwise every actor.
    Per mapped layer: ``mean_degree``, ``degree_cv``, ``transitivity``, with
    coordinates ``distance_ratio``, with ``attribute`` (an actor column) Newman's
    categorical ``assortativity`` on it; ``transaction:reciprocity`` when the layer
    mapped onto ``transaction`` (the generator's directed firm layer) is directed;
    per pair of layers ``overlap`` and the Pearson ``degree_correlation`` of the
    firms' degrees (the latter targeted only on request). A moment that is 0/0 (the
    degree CV at mean degree 0, transitivity without connected triples, assortativity
    with one class or no ties, reciprocity without ties) is 0, so a fit's distance stays
    finite.

    Parameters
    ----------
    net : ClusterNetwork
        The observed network.
    layer_map : dict {observed layer: generator layer}
        E.g. ``{"advice": "technology", "friendship": "social"}``.
    firms : boolean array of shape (n_actors,), optional
        Which actors are firms (default as above).
    attribute : str, optional
        An actor column whose categorical assortativity per layer is a moment.

    Returns
    -------
    pandas.Series
        Moments named ``<layer>:<moment>``, ``<layer>&<layer>:overlap`` and
        ``<layer>&<layer>:degree_correlation``.

    Examples
    --------
    >>> import clusternet as cn
    >>> from clusternet.calibrate_moments import observed_moments
    >>> net = cn.datasets.load_florentine_families()
    >>> m = observed_moments(net, {"marriage": "social", "business": "transaction"})
    >>> print(m.round(3).to_string())
    transaction:mean_degree                  1.875
    transaction:degree_cv                    0.902
    transaction:transitivity                 0.417
    social:mean_degree                       2.500
    social:degree_cv                         0.583
    social:transitivity                      0.191
    transaction&social:overlap               0.533
    transaction&social:degree_correlation    0.330
    """
    if firms is None:
        firms = net.tier_mask("core") if "tier" in net.actors.columns else None
        if firms is None or not firms.any():
            firms = np.ones(net.n_actors, dtype=bool)
    idx = np.flatnonzero(firms)
    position = np.full(net.n_actors, -1, dtype=np.int64)
    position[idx] = np.arange(idx.size)
    src, dst, lay, _ = net.edge_arrays
    mats = {}
    directed = {}
    for observed, target in layer_map.items():
        code = net.layers.index(observed)
        m = (lay == code) & firms[src] & firms[dst]
        mats[target] = _LayerView(idx.size, position[src[m]], position[dst[m]])
        if target == "transaction" and net.directed[observed]:
            directed[target] = (idx.size, position[src[m]], position[dst[m]])
    classes = None
    if attribute is not None:
        classes = attribute_codes(net, attribute, firms)[0]
    coords = None
    if net.has_column("x") and net.has_column("y"):
        x = np.asarray(net.column("x"), float)[idx]
        y = np.asarray(net.column("y"), float)[idx]
        if np.isfinite(x).all() and np.isfinite(y).all():
            coords = (x, y)
    return pd.Series(_layer_moments(_ordered(mats), coords, classes, directed))


def attribute_codes(
    net: ClusterNetwork, attribute: str, firms: np.ndarray
) -> tuple[np.ndarray, tuple]:
    """The firms' classes of an actor column, coded by falling frequency, and the shares.

    The shares are what the generator's ``ownership_shares`` is fixed to when a fit
    targets the attribute's assortativity (class labels do not matter to it).

    Parameters
    ----------
    net : ClusterNetwork
        The observed network.
    attribute : str
        An actor column (categorical).
    firms : boolean array of shape (n_actors,)
        Which actors are firms.

    Returns
    -------
    codes : numpy.ndarray of int64
        Each firm's class, 0 for the most frequent class, 1 for the next, ...
    shares : tuple of float
        The classes' shares among the firms, in the same order.

    Raises
    ------
    ValueError
        The column is missing, a firm's value is missing (the row is named) or
        there are more classes than the generator's ownership has.

    Examples
    --------
    >>> import numpy as np
    >>> import clusternet as cn
    >>> net = cn.datasets.load_lazega_lawfirm()
    >>> codes, shares = attribute_codes(net, "office", np.ones(net.n_actors, dtype=bool))
    >>> [round(x, 3) for x in shares]
    [0.676, 0.268, 0.056]

    >>> from clusternet.calibrate_moments import attribute_codes
    >>> net = cn.generate_cluster(60, seed=1)
    >>> codes, shares = attribute_codes(net, "ownership", np.flatnonzero(net.tier_mask("core")))
    >>> codes[:8].tolist(), np.round(shares, 2).tolist()
    ([0, 0, 0, 2, 0, 0, 0, 0], [0.88, 0.1, 0.02])
    """
    if attribute not in net.actors.columns:
        raise ValueError(
            f"attribute {show(attribute)} is not an actor column; columns: "
            f"{list(net.actors.columns)}"
        )
    values = pd.Series(np.asarray(net.actors[attribute])[firms])
    if values.isna().any():
        row = int(np.flatnonzero(values.isna().to_numpy())[0])
        raise ValueError(
            f"attribute {show(attribute)} is missing for firm {row} (row {row} among the firms); "
            "assortativity needs every firm's class"
        )
    counts = values.value_counts(sort=True)
    if len(counts) > MAX_CLASSES:
        raise ValueError(
            f"attribute {show(attribute)} has {len(counts)} classes; the generator's ownership "
            f"has at most {MAX_CLASSES}"
        )
    order = {v: i for i, v in enumerate(counts.index)}
    codes = values.map(order).to_numpy(np.int64)
    return codes, tuple((counts / counts.sum()).tolist())


def _ordered(mats: dict) -> dict:
    return {k: mats[k] for k in FIRM_LAYERS if k in mats}


def simulated_moments(
    n_firms: int,
    params: Mapping,
    layers: Sequence[str],
    seed,
    use_coordinates: bool,
    use_attribute: bool = False,
) -> dict[str, float]:
    """Moments of one generated cluster of ``n_firms`` firms (the fit's inner loop).

    Parameters
    ----------
    n_firms : int
        Firms of the generated cluster.
    params : dict
        Settings of :func:`clusternet.generate_cluster`.
    layers : sequence of str
        Generator layers whose moments are computed.
    seed : int or numpy.random.SeedSequence
        Seed of the generated cluster.
    use_coordinates : bool
        Add the tie-length moments.
    use_attribute : bool, default False
        Add the assortativity of the firms' ``ownership`` per layer.

    Returns
    -------
    dict {str: float}
        The moments, named as by :func:`observed_moments`.

    Examples
    --------
    >>> from clusternet.calibrate_moments import simulated_moments
    >>> m = simulated_moments(80, {"preset": "taizhou"}, ["social"], seed=1, use_coordinates=False)
    >>> sorted(m)
    ['social:degree_cv', 'social:mean_degree', 'social:transitivity']
    """
    with numba_threads(small_threads(n_firms)):
        return _simulated_moments(n_firms, params, layers, seed, use_coordinates, use_attribute)


def _simulated_moments(n_firms, params, layers, seed, use_coordinates, use_attribute):
    params = dict(params)
    cap = params.pop(NOMINATIONS, None)
    order = params.pop(NOMINATION_ORDER, "random")
    e = generate_edges(int(n_firms), seed=seed, **params)
    firms = np.zeros(e["n_actors"], dtype=bool)
    firms[: e["n_firms"]] = True
    src, dst, lay = e["source"], e["target"], e["layer"]
    survey = None
    if cap is not None:  # the survey's own stream: the network is the same with or without it
        survey = np.random.default_rng(derived_sequence(seed_sequence(seed), 7))
    mats = {}
    directed = {}
    for name in layers:
        code = e["layers"].index(name)
        m = (lay == code) & firms[src] & firms[dst]
        s, t = src[m], dst[m]
        if survey is not None:
            s, t = nominated(s, t, int(cap), survey, directed=name == "transaction", order=order)
        mats[name] = _LayerView(e["n_firms"], s, t)
        if name == "transaction":
            directed[name] = (e["n_firms"], s, t)
    coords = (e["x"][: e["n_firms"]], e["y"][: e["n_firms"]]) if use_coordinates else None
    classes = np.asarray(e["ownership"], dtype=np.int64) if use_attribute else None
    return _layer_moments(_ordered(mats), coords, classes, directed)


#: The key of a fit's point settings that carries the survey's nomination cap
#: (``fit_generator(nominations=...)``); removed before the generator sees them.
NOMINATIONS = "survey_nominations"
#: The key that carries whom a capped respondent names first
#: (``fit_generator(nomination_order=...)``; :data:`clusternet.survey.NOMINATION_ORDERS`).
NOMINATION_ORDER = "survey_nomination_order"
#: The survey's settings, which describe the instrument, not the cluster.
SURVEY_KEYS = (NOMINATIONS, NOMINATION_ORDER)


def moment_task(
    n_firms: int,
    params: dict,
    layers: list,
    use_coordinates: bool,
    sim_root: int,
    sim: int,
    seed=None,
    use_attribute: bool = False,
) -> dict:
    """A :func:`clusternet.sweep` task: the moments of simulation ``sim`` at ``params``.

    Its seed comes from ``(sim_root, sim)``, not from the sweep, so every
    parameter point sees the same simulations (common random numbers).

    Parameters
    ----------
    n_firms, params, layers, use_coordinates, use_attribute
        As in :func:`simulated_moments`.
    sim_root : int
        Root seed of the simulations.
    sim : int
        Simulation number.
    seed : optional
        The sweep's task seed (ignored, see above).

    Returns
    -------
    dict {str: float}
        The moments.

    Examples
    --------
    The sweep's seed does not change the simulation:

    >>> from clusternet.calibrate_moments import moment_task
    >>> a = moment_task(80, {"preset": "taizhou"}, ["social"], False, sim_root=7, sim=0, seed=123)
    >>> b = moment_task(80, {"preset": "taizhou"}, ["social"], False, sim_root=7, sim=0, seed=456)
    >>> a == b
    True
    """
    ss = np.random.SeedSequence(int(sim_root), spawn_key=(int(sim),))
    return simulated_moments(n_firms, params, layers, ss, use_coordinates, use_attribute)


__all__ = [
    "FIRM_LAYERS",
    "NOMINATIONS",
    "NOMINATION_ORDER",
    "ON_REQUEST",
    "SURVEY_KEYS",
    "attribute_codes",
    "moment_task",
    "observed_moments",
    "simulated_moments",
]
