"""Diffusion of innovations over a cluster network.

* :func:`heat` — linear (heat / random-walk) diffusion ``x(t) = exp(-t B) x0``.
* :func:`knowledge_access` — personalised PageRank mass reaching each actor from
  knowledge sources.
* :func:`independent_cascade`, :func:`linear_threshold` — Monte Carlo cascades.
* :func:`bass` — the network Bass model; :func:`fit_bass` — its maximum-likelihood
  fit from observed adoption times, with a no-network Bass baseline.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterable, Mapping, Sequence
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
from clusternet.kernels import diffusion as kern
from clusternet.kernels.csr import build_csr, kernel_arrays
from clusternet.network import ClusterNetwork
from clusternet.roles import KNOWLEDGE_SOURCE_ROLES

__all__ = [
    "BassFit",
    "BassResult",
    "CascadeResult",
    "bass",
    "bass_curve",
    "fit_bass",
    "heat",
    "independent_cascade",
    "knowledge_access",
    "laplacian",
    "linear_threshold",
]


# ---------------------------------------------------------------------- linear diffusion
def _generator_parts(graph, kind: str, layers, layer_weights) -> tuple[np.ndarray, sp.csr_array]:
    """``B = diag(b) - M`` with ``M >= 0`` in CSR, without forming ``B`` (see :func:`laplacian`)."""
    view = as_graph(graph, layers, layer_weights)
    n = view.n
    if kind == "random_walk":
        w = view.out
        strength = np.asarray(w.sum(axis=1)).ravel()
        inv = np.divide(1.0, strength, out=np.zeros(n), where=strength > 0)
        move = sp.csr_array(view.inn @ sp.diags_array(inv))  # (W^T D^-1)[i, j] = w_ji / s_j
        return (strength > 0).astype(np.float64), move
    w = view.sym
    degree = np.asarray(w.sum(axis=1)).ravel()
    if kind == "combinatorial":
        return degree, w
    if kind == "symmetric":
        inv_sqrt = np.divide(1.0, np.sqrt(degree), out=np.zeros(n), where=degree > 0)
        d = sp.diags_array(inv_sqrt)
        return (degree > 0).astype(np.float64), sp.csr_array(d @ w @ d)
    raise ValueError(
        f"kind must be 'combinatorial', 'random_walk' or 'symmetric', got {show(kind)}"
    )


def laplacian(graph, kind: str = "combinatorial", layers=None, layer_weights=None) -> sp.csr_array:
    """The generator ``B`` of linear diffusion ``dx/dt = -B x``.

    * ``"combinatorial"``: ``B = D - W`` over ties taken without direction (the
      heat equation; conserves total mass).
    * ``"random_walk"``: ``B = I - W^T D^-1`` over out-ties: each unit of mass
      leaves an actor at rate 1 and spreads over its out-ties in proportion to
      their weights (actors without out-ties keep theirs); conserves total mass.
    * ``"symmetric"``: ``B = I - D^-1/2 W D^-1/2`` (ties without direction).
    """
    diag, m = _generator_parts(graph, kind, layers, layer_weights)
    return sp.csr_array(sp.diags_array(diag) - m)


def heat(
    graph,
    x0: np.ndarray,
    t: float | Sequence[float],
    layers=None,
    kind: str = "combinatorial",
    layer_weights=None,
    tol: float = 2.0**-53,
    normalized: str | None = None,
) -> np.ndarray:
    """Linear diffusion ``x(t) = exp(-t B) x0`` for one or many times.

    ``B`` is the generator from :func:`laplacian` (``kind`` chooses it, as in
    :func:`laplacian`: ``"combinatorial"`` heat diffusion, ``"random_walk"``,
    ``"symmetric"``; the old spelling ``normalized=<kind>`` still works with a
    ``DeprecationWarning``).
    Computed by scaled truncated Taylor series on our parallel SpMV with a shift
    ``mu`` (Al-Mohy & Higham 2011): each interval between requested times is cut
    into ``s`` substeps and a Taylor degree ``m`` is chosen to minimise ``m s``
    subject to ``h ||B - mu I||_1 <= theta_m`` (their backward-error bound for
    double precision), and the series stops early when two consecutive terms are
    below ``tol`` relative to the iterate. Agrees with
    ``scipy.sparse.linalg.expm_multiply`` to about 1e-12 relative.

    Parameters
    ----------
    x0 : array (n,) or (n, k)
        Initial state(s) (e.g. knowledge or adoption mass per actor).
    t : float or sequence of float >= 0
        Time(s) (in units of the inverse tie weight).

    Returns
    -------
    array (n,) / (n, k) for a scalar ``t``, else (len(t), n) / (len(t), n, k).

    References
    ----------
    Kondor, R. I., & Lafferty, J. (2002). Diffusion kernels on graphs. ICML.
    Al-Mohy, A. H., & Higham, N. J. (2011). Computing the action of the matrix
    exponential. *SIAM J. Sci. Comput.* 33:488–511.
    """
    if normalized is not None:
        warnings.warn(
            "heat(normalized=...) is deprecated; use kind=... (the name laplacian() uses)",
            DeprecationWarning,
            stacklevel=2,
        )
        kind = normalized
    diag, m = _generator_parts(graph, kind, layers, layer_weights)
    n = diag.shape[0]
    x = np.array(x0, dtype=np.float64)
    if x.shape[0] != n or x.ndim not in (1, 2):
        raise ValueError(f"x0 has shape {x.shape}, expected ({n},) or ({n}, k)")
    if not np.all(np.isfinite(x)):
        raise ValueError("x0 has a non-finite value")
    scalar_t = np.ndim(t) == 0
    times = np.atleast_1d(np.asarray(t, dtype=np.float64))
    if not np.all(np.isfinite(times)) or (times < 0).any():
        raise ValueError(f"times must be finite and >= 0, got {times.tolist()}")
    order = np.argsort(times, kind="stable")
    one_d = x.ndim == 1
    state = x.reshape(n, -1).copy()
    # B - mu I = diag(b - mu) - M; mu = trace(B) / n, the shift of Al-Mohy & Higham
    m_diag = m.diagonal()
    b_diag = diag - m_diag
    mu = float(b_diag.mean()) if n else 0.0
    indptr, indices, data = kernel_arrays(m)
    offdiag_colsum = np.bincount(
        indices.astype(np.int64), weights=np.abs(data), minlength=n
    ) - np.abs(m_diag)
    norm1 = float(np.max(np.abs(b_diag - mu) + offdiag_colsum)) if n else 0.0
    diag_shift = diag - mu
    out = np.empty((times.shape[0], *state.shape))
    current = 0.0
    for k in order:
        delta = times[k] - current
        if delta > 0:
            degree, substeps = _taylor_degree_and_steps(delta * norm1)
            h = delta / substeps
            for _ in range(substeps):
                kern.expm_taylor_step(indptr, indices, data, diag_shift, h, state, tol, degree)
                state *= math.exp(-h * mu)
            current = times[k]
        out[k] = state
    if one_d:
        out = out[..., 0]
    return out[0] if scalar_t else out


#: Largest ``h ||A||_1`` for which the degree-m Taylor polynomial meets double precision
#: (Higham 2008, Table A.3, for m <= 30; Al-Mohy & Higham 2011, Table 3.1, beyond).
_THETA = {
    1: 2.29e-16, 2: 2.58e-8, 3: 1.39e-5, 4: 3.40e-4, 5: 2.40e-3, 6: 9.07e-3, 7: 2.38e-2, 8: 5.00e-2,
    9: 8.96e-2, 10: 1.44e-1, 11: 2.14e-1, 12: 3.00e-1, 13: 4.00e-1, 14: 5.14e-1, 15: 6.41e-1,
    16: 7.81e-1, 17: 9.31e-1, 18: 1.09, 19: 1.26, 20: 1.44, 21: 1.62, 22: 1.82, 23: 2.01, 24: 2.22,
    25: 2.43, 26: 2.64, 27: 2.86, 28: 3.08, 29: 3.31, 30: 3.54, 35: 4.7, 40: 6.0, 45: 7.2, 50: 8.5,
    55: 9.9,
}  # fmt: skip


def _taylor_degree_and_steps(norm_t: float) -> tuple[int, int]:
    """Degree m and substeps s minimising the SpMV count m * s with ``norm_t / s <= theta_m``."""
    if norm_t <= 0:
        return 1, 1
    best: tuple[int, int, int] | None = None
    for degree, theta in _THETA.items():
        steps = max(1, math.ceil(norm_t / theta))
        cost = degree * steps
        if best is None or cost < best[0]:
            best = (cost, degree, steps)
    assert best is not None
    return best[1], best[2]


# ---------------------------------------------------------------------- knowledge access
def knowledge_access(
    net: ClusterNetwork,
    sources: Iterable | np.ndarray | None = None,
    damping: float = 0.85,
    layers: str | Iterable[str] | None = ("technology", "service"),
    weighted: bool = True,
) -> np.ndarray:
    """Personalised-PageRank mass reaching each actor from the knowledge sources.

    A walker starts at a knowledge source (uniformly among them), follows ties
    in their direction (service ties from institution to firm, technology ties
    both ways) in proportion to their weights, and with probability
    ``1 - damping`` per step returns to a source. ``access_i`` is the stationary
    probability of being at ``i``: ``x = (1 - d) v + d P^T x`` with ``v`` uniform
    on the sources and dangling mass returned to ``v`` — one sparse fixed-point
    solve for all sources together. Scores sum to 1; multiply by ``n`` to read
    them relative to a uniform spread.

    Parameters
    ----------
    sources : actor ids or boolean mask, optional
        Default: universities, research institutes, platforms and external actors.
    layers : layers to walk (default technology and service; those absent are skipped).

    References
    ----------
    Haveliwala, T. H. (2002). Topic-sensitive PageRank. WWW. Cohen & Levinthal
    (1990) on external knowledge sources.
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
        arr = np.asarray(sources)
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
    """Monte Carlo cascade outcome.

    ``probability``: per-actor share of runs in which the actor ended active
    (seeds included); ``sizes``: final number of active actors per run (the
    final-size distribution); ``curve``: mean cumulative number of active actors
    after each step (index 0 = the seeds); ``n_sims``.
    """

    probability: np.ndarray
    sizes: np.ndarray
    curve: np.ndarray
    n_sims: int

    def size_distribution(self) -> pd.Series:
        """Share of runs by final size."""
        values, counts = np.unique(self.sizes, return_counts=True)
        return pd.Series(counts / self.n_sims, index=pd.Index(values, name="size"), name="share")


def _edge_probabilities(
    graph, prob, layers, layer_weights=None
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Out-CSR whose entries are per-tie activation probabilities.

    Parallel ties (several layers, or parallel edges) give independent chances:
    ``p = 1 - prod_l (1 - p_l)``, summed as hazards ``-log(1 - p)`` in the CSR build.
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
    """Independent cascade model (Kempe, Kleinberg & Tardos 2003), Monte Carlo.

    Seeds are active at step 0. An actor activated at step ``t`` gets one chance
    to activate each inactive out-neighbour ``j`` at step ``t + 1``, succeeding
    with probability ``p`` of that tie. ``prob`` is a scalar, a dict per layer
    (ClusterNetwork), or one value per edge in the caller's own edge order: rows
    of ``net.edges``, igraph edge ids, ``G.edges`` of a networkx graph, or the
    stored entries of a scipy matrix (``A.tocoo()`` order). Ties present in
    several layers (or parallel edges) give independent chances:
    ``p = 1 - prod (1 - p_l)``. Undirected ties work both ways.
    ``layer_weights`` (ClusterNetwork) scales each layer's hazard, as the
    siblings scale tie weights: a tie of layer ``l`` with probability ``p`` is
    tried with ``1 - (1 - p) ** w_l`` (``w_l`` independent chances; 0 drops the
    layer, 1 leaves it as it is).

    Runs are parallel; run ``r`` uses its own stream derived from ``seed``, so the
    result does not depend on the number of threads.

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
    """
    indptr, indices, p, row_max, row_uniform = _edge_probabilities(
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
    """Linear threshold model (Granovetter 1978; Kempe, Kleinberg & Tardos 2003), Monte Carlo.

    Each tie ``i -> j`` carries influence ``b_ij = w_ij / sum_k w_kj`` (in-weights
    normalised to sum 1 at every actor). Actor ``j`` activates at the step after
    ``sum_{active i} b_ij >= theta_j``. Thresholds are drawn ``U(0, 1)`` per run
    and actor unless ``thresholds`` (values in [0, 1]) are given, in which case
    the process is deterministic.

    Notes
    -----
    Degenerate cases: seeds are active in every run (probability 1); with no
    ties every run ends with exactly the seeds; ``n_sims`` is capped as in
    :func:`independent_cascade`.

    References
    ----------
    Granovetter, M. (1978). Threshold models of collective behavior. *American
    Journal of Sociology* 83:1420–1443. Kempe, Kleinberg & Tardos (2003).
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
