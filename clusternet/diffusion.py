"""Diffusion of innovations over a cluster network.

* :func:`heat` — linear (heat / random-walk) diffusion :math:`x(t) = e^{-t B} x_0`
  (in ``clusternet/heat.py``, with :func:`heat_operator` and :func:`laplacian`).
* :func:`knowledge_access` — personalised PageRank mass reaching each actor from
  knowledge sources.
* :func:`independent_cascade`, :func:`linear_threshold` — Monte Carlo cascades.
* :func:`bass` — the network Bass model; :func:`fit_bass` — its maximum-likelihood
  fit from observed adoption times, with a no-network Bass baseline.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.sparse as sp

from clusternet._graph import as_graph, edge_list, n_threads, seed_indices
from clusternet._validate import (
    check_int,
    check_n_sims,
    check_probability,
    seed_sequence,
    show,
)

# the network Bass model lives in clusternet.bass; its public names stay here too
from clusternet.bass import BassFit, BassResult, bass, bass_curve, fit_bass
from clusternet.centrality import pagerank

# linear diffusion lives in clusternet.heat; its public names stay here too
from clusternet.heat import HeatInfo, HeatOperator, heat, heat_operator, laplacian
from clusternet.kernels import diffusion as kern
from clusternet.kernels.csr import build_csr
from clusternet.network import ClusterNetwork, id_array
from clusternet.roles import KNOWLEDGE_SOURCE_ROLES

__all__ = [
    "BassFit",
    "BassResult",
    "CascadeResult",
    "HeatInfo",
    "HeatOperator",
    "bass",
    "bass_curve",
    "fit_bass",
    "heat",
    "heat_operator",
    "independent_cascade",
    "knowledge_access",
    "laplacian",
    "linear_threshold",
]


# ---------------------------------------------------------------------- knowledge access
def knowledge_access(
    net: ClusterNetwork,
    sources: Iterable | np.ndarray | None = None,
    damping: float = 0.85,
    layers: str | Iterable[str] | None = ("technology", "service"),
    weighted: bool = True,
) -> np.ndarray:
    r"""Personalised-PageRank mass reaching each actor from the knowledge sources.

    A walker starts at a knowledge source (uniformly among them), follows ties
    in their direction (service ties from institution to firm, technology ties
    both ways) in proportion to their weights, and with probability
    :math:`1 - d` per step returns to a source. :math:`\mathrm{access}_i` is
    the stationary probability of being at :math:`i`:

    .. math::

        x = (1 - d) v + d P^\top x

    with :math:`v` uniform on the sources and dangling mass returned to
    :math:`v` — one sparse fixed-point solve for all sources together.

    Parameters
    ----------
    net : ClusterNetwork
        The cluster.
    sources : actor ids or boolean mask, optional
        Default: universities, research institutes, platforms and external actors.
    damping : float, default 0.85
        Probability :math:`d` of following a tie rather than returning to a source.
    layers : str or list of str, default ("technology", "service")
        Layers to walk (those absent are skipped).
    weighted : bool, default True
        Use tie weights.

    Returns
    -------
    numpy.ndarray of float64, shape (n,)
        Scores summing to 1; multiply by :math:`n` to read them relative to a
        uniform spread.

    References
    ----------
    Haveliwala, T. H. (2002). Topic-sensitive PageRank. WWW. Cohen & Levinthal
    (1990) on external knowledge sources.

    Examples
    --------
    >>> import numpy as np
    >>> import clusternet as cn
    >>> from clusternet.diffusion import knowledge_access
    >>> net = cn.datasets.load_florentine_families()
    >>> medici = net.ids[net.column("family") == "Medici"]
    >>> x = knowledge_access(net, sources=medici, layers="business")
    >>> round(float(x.sum()), 6), str(net.column("family")[np.argmax(x)])
    (1.0, 'Medici')
    """
    if not isinstance(net, ClusterNetwork):
        raise TypeError("knowledge_access needs a ClusterNetwork")
    n = net.n_actors
    if sources is None:
        mask = net.role_mask(*KNOWLEDGE_SOURCE_ROLES) | net.tier_mask("external")
        if not mask.any():
            raise ValueError(
                "this network has no knowledge sources (universities, research institutes, platforms, "
                "external actors); pass sources="
            )
    else:
        arr = id_array(sources)
        if arr.dtype == bool:
            if arr.shape != (n,):
                raise ValueError(f"sources mask has shape {arr.shape}, expected ({n},)")
            mask = arr
        else:
            mask = np.zeros(n, dtype=bool)
            mask[net.index_of(list(arr))] = True
        if not mask.any():
            raise ValueError("sources is empty")
    if layers is not None:
        names = [layers] if isinstance(layers, str) else list(layers)
        present = [name for name in names if name in net.layers]
        if not present:
            raise ValueError(
                f"none of the layers {names} is in this network (layers: {list(net.layers)})"
            )
        layers = present
    return pagerank(
        net,
        damping=damping,
        personalization=mask.astype(np.float64),
        weighted=weighted,
        layers=layers,
    )


# ---------------------------------------------------------------------- cascades
@dataclass(frozen=True)
class CascadeResult:
    """Monte Carlo cascade outcome (of :func:`independent_cascade` or :func:`linear_threshold`).

    Attributes
    ----------
    probability : numpy.ndarray, shape (n,)
        Per-actor share of runs in which the actor ended active (seeds included).
    sizes : numpy.ndarray, shape (n_sims,)
        Final number of active actors per run (the final-size distribution).
    curve : numpy.ndarray
        Mean cumulative number of active actors after each step (index 0 = the seeds).
    n_sims : int
        Number of runs.

    Examples
    --------
    >>> import scipy.sparse as sp
    >>> from clusternet.diffusion import independent_cascade
    >>> chain = sp.csr_array(([1.0, 1.0], ([0, 1], [1, 2])), shape=(3, 3))
    >>> res = independent_cascade(chain, [0], 1.0, n_sims=10, seed=1)
    >>> res.probability.tolist(), res.curve.tolist(), res.n_sims
    ([1.0, 1.0, 1.0], [1.0, 2.0, 3.0], 10)
    """

    probability: np.ndarray
    sizes: np.ndarray
    curve: np.ndarray
    n_sims: int

    def size_distribution(self) -> pd.Series:
        """Share of runs by final size.

        Returns
        -------
        Series of float
            Indexed by final size (actors reached, seeds included), ascending; sums to 1.

        Examples
        --------
        >>> import scipy.sparse as sp
        >>> from clusternet.diffusion import independent_cascade
        >>> chain = sp.csr_array(([1.0, 1.0], ([0, 1], [1, 2])), shape=(3, 3))
        >>> res = independent_cascade(chain, [0], 0.5, n_sims=400, seed=1)
        >>> res.size_distribution().round(2).to_dict()  # exact: 0.5, 0.25, 0.25
        {1: 0.52, 2: 0.25, 3: 0.23}
        """
        values, counts = np.unique(self.sizes, return_counts=True)
        return pd.Series(counts / self.n_sims, index=pd.Index(values, name="size"), name="share")


def edge_probabilities(
    graph, prob, layers, layer_weights=None
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    r"""Out-CSR whose entries are per-tie activation probabilities.

    Parallel ties (several layers, or parallel edges) give independent chances,
    :math:`p = 1 - \prod_l (1 - p_l)`, summed as hazards :math:`-\log(1 - p_l)` in
    the CSR build.

    Parameters
    ----------
    graph : ClusterNetwork, scipy.sparse matrix, igraph.Graph or networkx graph
        The network.
    prob : float, dict or array
        The activation probability of every tie, one per chosen layer (a dict,
        ClusterNetwork only) or one per edge row.
    layers, layer_weights
        Layers aggregated, and their weights (a ClusterNetwork only).

    Returns
    -------
    indptr, indices, prob, row_max, row_uniform : ndarray
        The out-CSR with one probability per entry, each row's largest
        probability and whether all of a row's entries share it.

    Examples
    --------
    >>> import scipy.sparse as sp
    >>> from clusternet.diffusion import edge_probabilities
    >>> chain = sp.csr_array(([1.0, 1.0], ([0, 1], [1, 2])), shape=(3, 3))
    >>> indptr, indices, prob = edge_probabilities(chain, 0.3, None)[:3]
    >>> indptr.tolist(), indices.tolist(), prob.tolist()
    ([0, 1, 2, 2], [1, 2], [0.3, 0.3])
    """
    if isinstance(graph, ClusterNetwork):
        key = _probability_cache_key(prob, layers, layer_weights)
        cached = graph._cache.get(key) if key is not None else None
        if cached is not None:
            return cached
        src, dst, lay, _ = graph.edge_arrays
        codes = graph.layer_codes(layers)
        keep_layer = np.zeros(len(graph.layers), dtype=bool)
        keep_layer[codes] = True
        if isinstance(prob, Mapping):
            per_layer = np.zeros(len(graph.layers))
            unknown = set(prob) - {graph.layers[c] for c in codes}
            if unknown:
                raise ValueError(f"prob names layers {sorted(unknown)} not among the chosen layers")
            for name, value in prob.items():
                per_layer[graph.layers.index(name)] = check_probability(
                    f"prob[{show(name)}]", value
                )
            p_edge = per_layer[lay]
        elif np.ndim(prob) == 0:
            p_edge = np.full(graph.n_edges, check_probability("prob", prob))
        else:
            p_edge = np.asarray(prob, dtype=np.float64)
            if p_edge.shape != (graph.n_edges,):
                raise ValueError(
                    f"per-edge prob has shape {p_edge.shape}, expected ({graph.n_edges},) (one per edge row)"
                )
        _check_prob_array(p_edge)
        chosen = [graph.layers[c] for c in codes]
        scale = graph.layer_weight_vector(chosen, layer_weights)
        keep = keep_layer[lay] & (scale[lay] > 0)
        sym = [not graph.directed[name] for name in graph.layers]
        result = _probability_csr(
            graph.n_actors, src[keep], dst[keep], p_edge[keep], lay[keep], sym, scale
        )
        if key is not None:
            graph._cache[key] = result  # the network is immutable: reuse across calls
        return result
    if layers is not None or layer_weights is not None:
        raise TypeError("layers= and layer_weights= apply to a ClusterNetwork only")
    n, src, dst, _, both_ways = edge_list(graph)
    if np.ndim(prob) == 0:
        p_edge = np.full(src.shape[0], check_probability("prob", prob))
    else:
        p_edge = np.asarray(prob, dtype=np.float64)
        kind = "stored matrix entry" if sp.issparse(graph) else "edge, in the graph's edge order"
        if p_edge.shape != src.shape:
            raise ValueError(
                f"per-edge prob has shape {p_edge.shape}, expected {src.shape} (one per {kind})"
            )
        _check_prob_array(p_edge)
    return _probability_csr(n, src, dst, p_edge, np.zeros(src.shape[0], np.int16), [both_ways])


def _probability_csr(n: int, src, dst, p_edge, layer, symmetric, layer_scale=None) -> tuple:
    """Out-CSR of activation probabilities; parallel ties combine as independent chances.

    Hazards ``-log(1 - p)`` are summed (and multiplied by ``layer_scale`` per layer).
    """
    with np.errstate(divide="ignore"):
        hazard = np.where(p_edge >= 1.0, np.inf, -np.log1p(-np.minimum(p_edge, 1.0)))
    n_layers = len(symmetric)
    indptr, indices, data = build_csr(
        n,
        np.asarray(src, dtype=np.int32),
        np.asarray(dst, dtype=np.int32),
        hazard,
        layer,
        np.ones(n_layers) if layer_scale is None else np.asarray(layer_scale, dtype=np.float64),
        np.asarray(symmetric, dtype=bool),
    )
    # zero-probability ties carry no chance; an infinite hazard is certain activation
    p_entry = -np.expm1(-data)
    return (indptr, indices.view(np.uint32), p_entry, *_row_extremes(indptr, p_entry))


def _row_extremes(indptr: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Largest entry of each CSR row (0 for empty rows) and whether all its entries are equal."""
    top = np.zeros(indptr.shape[0] - 1)
    low = np.zeros(indptr.shape[0] - 1)
    nonempty = np.diff(indptr) > 0
    if values.shape[0]:
        top[nonempty] = np.maximum.reduceat(values, indptr[:-1][nonempty])
        low[nonempty] = np.minimum.reduceat(values, indptr[:-1][nonempty])
    return top, low == top


def _probability_cache_key(prob, layers, layer_weights=None):
    """A hashable key for scalar or per-layer probabilities (per-edge arrays are not cached)."""
    layer_key = (
        None if layers is None else ((layers,) if isinstance(layers, str) else tuple(layers))
    )
    if layer_weights is not None:
        if not isinstance(layer_weights, Mapping):
            return None
        weight_key = tuple(sorted((str(k), float(v)) for k, v in layer_weights.items()))
        layer_key = (layer_key, weight_key)
    if isinstance(prob, Mapping):
        return ("ic-prob", tuple(sorted((str(k), float(v)) for k, v in prob.items())), layer_key)
    if np.ndim(prob) == 0:
        return ("ic-prob", float(prob), layer_key)
    return None


def _check_prob_array(p: np.ndarray) -> None:
    bad = ~np.isfinite(p) | (p < 0) | (p > 1)
    if bad.any():
        k = int(np.flatnonzero(bad)[0])
        raise ValueError(f"probability {show(p[k])} at position {k} is outside [0, 1]")


def _run_cascade(
    kernel, extra, indptr, indices, seeds_idx, n_sims, seed, max_steps, n: int
) -> CascadeResult:
    n_sims = check_n_sims(n_sims)
    steps = n if max_steps is None else check_int("max_steps", max_steps, minimum=1)
    chunks = max(1, min(n_sims, n_threads()))
    counts = np.zeros((chunks, n), dtype=np.int64)
    sizes = np.zeros(n_sims, dtype=np.int64)
    curve_len = min(steps, n) + 1
    curves = np.zeros((chunks, curve_len), dtype=np.int64)
    base = np.uint64(seed_sequence(seed).generate_state(1, dtype=np.uint64)[0])
    last_step = np.zeros(chunks, dtype=np.int64)
    kernel(
        indptr,
        indices,
        *extra,
        seeds_idx,
        n_sims,
        base,
        steps,
        chunks,
        counts,
        sizes,
        curves,
        last_step,
    )
    last = int(last_step.max())
    new_per_step = curves[:, : last + 1].sum(axis=0) / n_sims
    probability = (counts[0] if chunks == 1 else counts.sum(axis=0)) / n_sims
    return CascadeResult(probability, sizes, np.cumsum(new_per_step), n_sims)


def independent_cascade(
    graph,
    seeds,
    prob: float | Mapping[str, float] | np.ndarray,
    n_sims: int = 1000,
    seed=None,
    layers=None,
    max_steps: int | None = None,
    layer_weights: Mapping[str, float] | None = None,
) -> CascadeResult:
    r"""Independent cascade model (Kempe, Kleinberg & Tardos 2003), Monte Carlo.

    Seeds are active at step 0. An actor activated at step :math:`t` gets one
    chance to activate each inactive out-neighbour :math:`j` at step
    :math:`t + 1`, succeeding with probability :math:`p` of that tie. Ties
    present in several layers (or parallel edges) give independent chances:

    .. math::

        p = 1 - \prod_l (1 - p_l).

    Undirected ties work both ways. ``layer_weights`` (ClusterNetwork) scales
    each layer's hazard, as the siblings scale tie weights: a tie of layer
    :math:`l` with probability :math:`p` is tried with :math:`1 - (1 - p)^{w_l}`
    (:math:`w_l` independent chances; 0 drops the layer, 1 leaves it as it is).
    Runs are parallel; run :math:`r` uses its own stream derived from ``seed``,
    so the result does not depend on the number of threads.

    Parameters
    ----------
    graph : ClusterNetwork, scipy.sparse matrix, igraph.Graph or networkx graph
        The network.
    seeds : actor ids or boolean mask
        Actors active at step 0.
    prob : float, dict {layer: float} or array
        A scalar, a dict per layer (ClusterNetwork), or one value per edge in the
        caller's own edge order: rows of ``net.edges``, igraph edge ids,
        ``G.edges`` of a networkx graph, or the stored entries of a scipy matrix
        (``A.tocoo()`` order).
    n_sims : int, default 1000
        Monte Carlo runs.
    seed : int or numpy.random.SeedSequence, optional
        Seed of the runs' streams.
    layers : str or list of str, optional
        Layers to use (ClusterNetwork only; default all).
    max_steps : int, optional
        Stop after this many steps (default: until no new activation).
    layer_weights : dict {layer: weight}, optional
        Hazard multipliers per layer (see above).

    Returns
    -------
    CascadeResult
        Per-actor adoption probability, final sizes per run, mean adoption curve.

    Notes
    -----
    Degenerate cases: ``prob = 0`` (or seeds without out-ties) gives exactly
    the seeds in every run (sizes ``len(seeds)``, probability 1 at the seeds and
    0 elsewhere); ``prob = 1`` activates everything reachable from the seeds;
    isolated actors are never reached; ``n_sims`` above
    ``clusternet._validate.MAX_SIMS`` raises a ValueError naming it.

    References
    ----------
    Kempe, D., Kleinberg, J., & Tardos, É. (2003). Maximizing the spread of
    influence through a social network. KDD. Goldenberg, Libai & Muller (2001).

    Examples
    --------
    On the chain 0 → 1 → 2 with :math:`p = 0.5` actor 2 is reached with
    probability :math:`0.5^2`:

    >>> import numpy as np
    >>> import scipy.sparse as sp
    >>> from clusternet.diffusion import independent_cascade
    >>> chain = sp.csr_array(([1.0, 1.0], ([0, 1], [1, 2])), shape=(3, 3))
    >>> res = independent_cascade(chain, [0], 0.5, n_sims=20000, seed=1)
    >>> print(np.round(res.probability, 2))
    [1.   0.5  0.25]
    >>> print(np.round(res.curve, 2))
    [1.   1.5  1.75]
    """
    indptr, indices, p, row_max, row_uniform = edge_probabilities(
        graph, prob, layers, layer_weights
    )
    n = indptr.shape[0] - 1
    seeds_idx = seed_indices(graph, seeds, n)
    return _run_cascade(
        kern.independent_cascade,
        (p, row_max, row_uniform),
        indptr,
        indices,
        seeds_idx,
        n_sims,
        seed,
        max_steps,
        n,
    )


def linear_threshold(
    graph,
    seeds,
    thresholds: np.ndarray | None = None,
    n_sims: int = 1000,
    seed=None,
    layers=None,
    layer_weights=None,
    max_steps: int | None = None,
) -> CascadeResult:
    r"""Linear threshold model (Granovetter 1978; Kempe, Kleinberg & Tardos 2003), Monte Carlo.

    Each tie :math:`i \to j` carries influence

    .. math::

        b_{ij} = \frac{w_{ij}}{\sum_k w_{kj}}

    (in-weights normalised to sum 1 at every actor). Actor :math:`j`
    activates at the step after :math:`\sum_{i \text{ active}} b_{ij} \ge \theta_j`.

    Parameters
    ----------
    graph : ClusterNetwork, scipy.sparse matrix, igraph.Graph or networkx graph
        The network.
    seeds : actor ids or boolean mask
        Actors active at step 0.
    thresholds : array of shape (n,), optional
        Thresholds :math:`\theta` in [0, 1]; given, the process is
        deterministic. Default: drawn :math:`U(0, 1)` per run and actor.
    n_sims : int, default 1000
        Monte Carlo runs.
    seed : int or numpy.random.SeedSequence, optional
        Seed of the runs' streams.
    layers : str or list of str, optional
        Layers to use (ClusterNetwork only; default all).
    layer_weights : dict {layer: weight}, optional
        Multiplies each layer's tie weights before aggregation.
    max_steps : int, optional
        Stop after this many steps (default: until no new activation).

    Returns
    -------
    CascadeResult
        Per-actor adoption probability, final sizes per run, mean adoption curve.

    Notes
    -----
    Degenerate cases: seeds are active in every run (probability 1); with no
    ties every run ends with exactly the seeds; ``n_sims`` is capped as in
    :func:`independent_cascade`.

    References
    ----------
    Granovetter, M. (1978). Threshold models of collective behavior. *American
    Journal of Sociology* 83:1420–1443. Kempe, Kleinberg & Tardos (2003).

    Examples
    --------
    Actor 2 hears from actors 0 and 1 (influence 0.5 each); only 0 is a seed:

    >>> import numpy as np
    >>> import scipy.sparse as sp
    >>> from clusternet.diffusion import linear_threshold
    >>> graph = sp.csr_array(([1.0, 1.0], ([0, 1], [2, 2])), shape=(3, 3))
    >>> print(linear_threshold(graph, [0], thresholds=np.array([1.0, 1.0, 0.5])).probability)
    [1. 0. 1.]
    >>> print(linear_threshold(graph, [0], thresholds=np.array([1.0, 1.0, 0.6])).probability)
    [1. 0. 0.]
    """
    view = as_graph(graph, layers, layer_weights)
    n = view.n
    indptr, indices, data = view.arrays("out")
    in_strength = np.bincount(indices.astype(np.int64), weights=data, minlength=n)
    influence = data / in_strength[indices.astype(np.int64)]
    if thresholds is None:
        theta = np.zeros(n)
        random_thresholds = True
    else:
        theta = np.asarray(thresholds, dtype=np.float64)
        if theta.shape != (n,):
            raise ValueError(f"thresholds has shape {theta.shape}, expected ({n},)")
        _check_prob_array(theta)
        random_thresholds = False
    seeds_idx = seed_indices(graph, seeds, n)
    return _run_cascade(
        kern.linear_threshold,
        (influence, theta, random_thresholds),
        indptr,
        indices,
        seeds_idx,
        n_sims,
        seed,
        max_steps,
        n,
    )
