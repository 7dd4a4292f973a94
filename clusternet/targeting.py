r"""Policy targeting: which actors to support and which ties to broker.

* :func:`influence_maximization` — the ``k`` seeds (or the seeds within a
  budget) whose independent-cascade or linear-threshold spread is largest, by
  IMM (Tang, Shi & Xiao 2015): reverse-reachable sets sampled by parallel
  kernels and greedy maximum coverage, with the :math:`(1 - 1/e - \varepsilon)`
  approximation holding with probability :math:`1 - \delta`.
* :func:`greedy` — CELF lazy greedy (Leskovec et al. 2007) for any monotone set
  objective over actors or ties (defined in :mod:`clusternet.greedy`).
* :func:`recommend_ties` — up to ``k`` new ties that most raise a cluster
  objective (knowledge access, diffusion speed or your own; defined in
  :mod:`clusternet.brokering`).
* :func:`compare_strategies` — targeted seeds against PageRank, degree and
  random picks, each spread measured by independent Monte Carlo.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import scipy.sparse as sp

from clusternet._candidates import candidate_mask
from clusternet._graph import n_threads
from clusternet._validate import check_int, seed_sequence, show
from clusternet.brokering import recommend_ties
from clusternet.greedy import GreedyResult, greedy
from clusternet.kernels import targeting as kern
from clusternet.network import ClusterNetwork

logger = logging.getLogger(__name__)

#: RR-set entries (actors over all sets) beyond which IMM stops with a clear error
#: (below 2**31, so set numbers fit the kernels' int32 visit marks).
MAX_RR_ENTRIES = 1_500_000_000


@dataclass
class TargetingResult:
    r"""Seeds chosen by :func:`influence_maximization`, in pick order.

    Attributes
    ----------
    seeds : numpy.ndarray
        Actor ids.
    indices : numpy.ndarray
        Their positions.
    spread, spread_low, spread_high : float
        Estimated expected number of actors reached (:math:`n` times the share
        of RR sets the seeds cover), with a 95 % interval of that estimate.
    marginal_gain : numpy.ndarray
        The estimated spread each pick adds.
    model : {"ic", "lt"}
        The diffusion model the seeds were chosen for.
    k : int
        Number of seeds asked for (picked, for the budgeted variant).
    epsilon, delta : float
        The approximation slack :math:`\epsilon` and failure probability
        :math:`\delta` used.
    rr_sets, rr_entries : int
        Sets and actors sampled in all (both collections for OPIM-C).
    phase1_sets : int
        IMM's sets in the lower-bound search (0 for OPIM-C).
    cost : float
        Total cost of the seeds (budgeted variant).
    lower_bound : float
        IMM's lower bound on the optimum, or OPIM-C's lower bound on the picks' spread.
    seconds : float
        Wall-clock time of the selection.
    method : str
        ``"imm"`` or ``"opim-c"``.
    approximation : float
        The ratio to the optimum guaranteed with probability :math:`1 - \delta`
        (IMM: :math:`1 - 1/e - \epsilon` a priori; OPIM-C: the ratio its bounds
        certified, at least that whenever it stopped before :math:`\theta_{\max}`).

    Examples
    --------
    >>> import clusternet as cn
    >>> from clusternet.targeting import influence_maximization
    >>> net = cn.datasets.load_florentine_families()
    >>> res = influence_maximization(net, 2, "ic", prob=0.3, seed=1)
    >>> print(res.table().round(2).to_string(index=False))
     rank  id  marginal_gain  cumulative_spread
        1   9           6.57               6.57
        2   4           3.01               9.58
    """

    seeds: list
    indices: np.ndarray
    spread: float
    spread_low: float
    spread_high: float
    marginal_gain: np.ndarray
    model: str
    k: int
    epsilon: float
    delta: float
    rr_sets: int
    rr_entries: int
    phase1_sets: int
    lower_bound: float
    cost: float
    seconds: float
    method: str = "imm"
    approximation: float = float("nan")

    def table(self) -> pd.DataFrame:
        """One row per pick: rank, id, marginal gain and the cumulative estimated spread.

        Returns
        -------
        pandas.DataFrame
            Columns ``rank``, ``id``, ``marginal_gain``, ``cumulative_spread``.

        Examples
        --------
        >>> import clusternet as cn
        >>> from clusternet.targeting import influence_maximization
        >>> net = cn.datasets.load_florentine_families()
        >>> res = influence_maximization(net, 2, "ic", prob=0.3, seed=1)
        >>> list(res.table().columns)
        ['rank', 'id', 'marginal_gain', 'cumulative_spread']
        """
        return pd.DataFrame(
            {
                "rank": np.arange(1, len(self.seeds) + 1),
                "id": self.seeds,
                "marginal_gain": self.marginal_gain,
                "cumulative_spread": np.cumsum(self.marginal_gain),
            }
        )


def _in_operator(graph, model, prob, layers, layer_weights):
    """In-CSR (rows: targets) with activation probabilities (IC) or influence weights (LT)."""
    from clusternet._graph import as_graph
    from clusternet.diffusion import edge_probabilities

    if model == "ic":
        indptr, indices, p, *_ = edge_probabilities(graph, prob, layers, layer_weights)
        n = indptr.shape[0] - 1
        out = sp.csr_array((p, indices.astype(np.int64), indptr), shape=(n, n))
    else:
        view = as_graph(graph, layers, layer_weights)
        n = view.n
        indptr, indices, data = view.arrays("out")
        target = indices.astype(np.int64)
        strength = np.bincount(target, weights=data, minlength=n)
        weight = np.divide(
            data, strength[target], out=np.zeros_like(data), where=strength[target] > 0
        )
        out = sp.csr_array((weight, target, indptr), shape=(n, n))
    inn = sp.csr_array(out.T)
    inn.sort_indices()
    return (
        np.ascontiguousarray(inn.indptr, dtype=np.int64),
        np.ascontiguousarray(inn.indices, dtype=np.int32),
        np.ascontiguousarray(inn.data, dtype=np.float64),
        n,
    )


class _Sampler:
    """RR sets stored flat; grown in batches with streams numbered across batches."""

    def __init__(self, args, n, seed_word):
        self.args = args
        self.n = n
        self.seed = np.uint64(seed_word)
        self.ptr = np.zeros(1, dtype=np.int64)
        self.nodes = np.zeros(0, dtype=np.int32)
        self.degree = np.zeros(n, dtype=np.int64)  # sets holding each actor

    def _check_entries(self, entries: int) -> None:
        if self.nodes.shape[0] + entries > MAX_RR_ENTRIES:
            raise MemoryError(
                f"IMM needs more than {MAX_RR_ENTRIES:,} RR-set entries here; raise epsilon, "
                "lower k or the probabilities, or set clusternet.targeting.MAX_RR_ENTRIES"
            )

    @property
    def count(self) -> int:
        return self.ptr.shape[0] - 1

    def grow(self, total: int) -> None:
        total = int(total)
        if total <= self.count:
            return
        first, count = self.count, total - self.count
        self._check_entries(count)  # every set holds at least one actor
        chunks = max(1, min(count, n_threads()))
        sizes = np.zeros(count, dtype=np.int64)
        nodes = None
        if self.count:
            # one pass into per-chunk regions sized from the sets drawn so far (+25 %)
            mean = self.nodes.shape[0] / self.count
            per = -(-count // chunks)
            cap = int(1.25 * mean * per) + 64
            self._check_entries(cap * chunks)
            region = np.arange(chunks + 1, dtype=np.int64) * cap
            buffer = np.empty(cap * chunks, dtype=np.int32)
            used = np.zeros(chunks, dtype=np.int64)
            kern.rr_sets_regions(  # type: ignore[call-arg]
                *self.args, first, count, self.seed, chunks, sizes, region, buffer, used
            )
            if (used >= 0).all():
                nodes = np.concatenate(
                    [buffer[region[c] : region[c] + used[c]] for c in range(chunks)]
                )
            del buffer
        if nodes is None:
            # two passes over the same streams: sizes, then contents
            dummy = np.zeros(0, dtype=np.int32)
            kern.rr_sets(*self.args, first, count, self.seed, chunks, sizes, sizes, dummy, False)  # type: ignore[call-arg]
            offsets = np.zeros(count, dtype=np.int64)
            np.cumsum(sizes[:-1], out=offsets[1:])
            entries = int(sizes.sum())
            self._check_entries(entries)
            nodes = np.empty(entries, dtype=np.int32)
            kern.rr_sets(*self.args, first, count, self.seed, chunks, sizes, offsets, nodes, True)  # type: ignore[call-arg]
        self.ptr = np.concatenate([self.ptr, self.ptr[-1] + np.cumsum(sizes)])
        self.nodes = np.concatenate([self.nodes, nodes])
        self.degree += np.bincount(nodes, minlength=self.n)

    def select(self, k, candidate, cost, budget, bound=False):
        """Greedy picks and their gains (sets newly covered).

        With ``bound``, also an upper bound on the sets the best ``k``
        candidates cover.
        """
        limit = k if budget is None else int(candidate.sum())
        picks = np.empty(limit, dtype=np.int64)
        gains = np.empty(limit, dtype=np.int64)
        upper = np.zeros(1 if bound else 0)
        count = kern.greedy_cover(
            self.ptr,
            self.nodes,
            self.n,
            k,
            candidate,
            cost,
            -1.0 if budget is None else float(budget),
            picks,
            gains,
            upper,
            self.degree,
            max(1, n_threads()),
        )
        return picks[:count], gains[:count], (float(upper[0]) if bound else None)


def _log_binomial(n: int, k: int) -> float:
    return math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)


def influence_maximization(
    graph,
    k: int | None = None,
    model: str = "ic",
    prob: float | Mapping[str, float] | np.ndarray = 0.01,
    layers=None,
    layer_weights: Mapping[str, float] | None = None,
    candidates=None,
    cost: np.ndarray | None = None,
    budget: float | None = None,
    epsilon: float = 0.1,
    delta: float | None = None,
    method: str = "imm",
    seed=None,
) -> TargetingResult:
    r"""The seeds that maximise expected spread, by IMM or OPIM-C on reverse-reachable sets.

    Spread counts every actor reached, seeds included. Both methods return
    seeds whose spread is at least :math:`(1 - 1/e - \epsilon)` of the optimum
    with probability :math:`1 - \delta`; set :math:`s` of a collection uses
    stream :math:`s` of ``seed``, so the result does not depend on the thread count.

    ``method="imm"`` (Tang, Shi & Xiao 2015) samples RR sets until their
    number :math:`\theta` guarantees the ratio a priori: a lower bound
    :math:`LB` on the optimum is found by halving guesses (phase 1), then
    :math:`\theta = \lambda^* / LB` with

    .. math::

        \lambda^* = \frac{2 n \bigl((1 - 1/e) \alpha + \beta\bigr)^2}{\epsilon^2}, \quad
        \alpha = \sqrt{\ell \ln n + \ln 2}, \quad
        \beta = \sqrt{(1 - 1/e)\Bigl(\ln \tbinom{n}{k} + \ell \ln n + \ln 2\Bigr)}

    and :math:`\ell = \ln(1/\delta) / \ln n` adjusted by :math:`(1 + \ln 2 / \ln n)`.

    ``method="opim-c"`` (Tang, Tang, Xiao & Yuan 2018) checks the ratio a
    posteriori instead: two independent collections :math:`R_1`, :math:`R_2`
    of :math:`\theta_0 2^i` sets each; greedy on :math:`R_1`; a lower bound on
    the picks' spread from their coverage :math:`L` of :math:`R_2` and an upper
    bound on the optimum from :math:`R_1`'s greedy bound :math:`U` (least over
    the greedy steps of covered sets plus the :math:`k` largest marginal
    coverages),

    .. math::

        \sigma^- = \Bigl(\bigl(\sqrt{L + 2a/9} - \sqrt{a/2}\bigr)^2 - \frac{a}{18}\Bigr)\frac{n}{\theta},
        \qquad
        \sigma^+ = \bigl(\sqrt{U + a/2} + \sqrt{a/2}\bigr)^2 \frac{n}{\theta},

    with :math:`a = \ln(3 i_{\max} / \delta)`; it stops when
    :math:`\sigma^- / \sigma^+` reaches :math:`1 - 1/e - \epsilon` (or at
    :math:`\theta_{\max}`, where IMM's a-priori bound holds). It usually needs
    far fewer sets than IMM, but with fewer sets greedy's picks are noisier:
    the guarantee is the same, the spread reached is often lower
    (docs/targeting.md shows both on one cluster), so IMM is the default.

    The spread, its 95 % interval and the marginal gains are measured on RR
    sets that took no part in choosing the seeds (:math:`R_2` for OPIM-C; for
    IMM a fresh collection sized for a half-width of about :math:`\epsilon / 2`
    of the spread), so they are unbiased: the sets that chose the seeds overrate
    them. Seeds are reached for sure, so only sets rooted at other actors are
    counted: :math:`\text{spread} = k + (n - k) c / m` over the :math:`m` such
    sets, :math:`c` of them covered.

    Parameters
    ----------
    graph : ClusterNetwork, scipy.sparse matrix, igraph.Graph or networkx graph
        The network.
    k : int, optional
        Number of seeds (not with ``budget``).
    model : {"ic", "lt"}, default "ic"
        Independent cascade (``prob`` as in
        :func:`clusternet.diffusion.independent_cascade`: scalar, per layer or
        per edge) or linear threshold (influence :math:`w_{ij} / \sum_k w_{kj}`,
        as in :func:`clusternet.diffusion.linear_threshold`; ``prob`` unused).
    prob : float, dict {layer: float} or array, default 0.01
        Tie activation probability of the IC model.
    layers : str or list of str, optional
        Layers to use (ClusterNetwork only; default all).
    layer_weights : dict {layer: weight}, optional
        Hazard (IC) or weight (LT) multipliers per layer.
    candidates : "core", actor ids or boolean mask, optional
        Restricts the picks (default: every actor).
    cost : array of shape (n,), optional
        One positive cost per actor; with ``budget`` gives the budgeted variant
        (IMM only): cost-effective greedy on the same RR sets, replaced by the
        best single affordable seed when that covers more (Khuller, Moss & Naor
        1999; the guarantee is then :math:`(1 - 1/e)/2` of the budgeted optimum,
        less :math:`\epsilon`).
    budget : float, optional
        Total cost allowed.
    epsilon : float, default 0.1
        Approximation slack :math:`\epsilon`.
    delta : float, optional
        Failure probability :math:`\delta` (default :math:`1/n`).
    method : {"imm", "opim-c"}, default "imm"
        The sampling scheme.
    seed : int or numpy.random.SeedSequence, optional
        Seed of the RR-set streams.

    Returns
    -------
    TargetingResult
        The picks, their estimated spread with its interval, and the sampling effort.

    Notes
    -----
    Degenerate cases: with ``prob = 0`` (or no ties) every pick reaches only
    itself and the reported spread is exactly ``k`` with a zero-width
    interval; the spread and its interval always lie in ``[k, n]``; a graph of
    fewer than 2 actors, ``k`` above the number of candidates, and RR
    collections beyond ``MAX_RR_ENTRIES`` raise an error naming the cause.

    References
    ----------
    Tang, Y., Shi, Y. & Xiao, X. (2015). Influence maximization in near-linear
    time: a martingale approach. SIGMOD. Tang, J., Tang, X., Xiao, X. & Yuan, J.
    (2018). Online processing algorithms for influence maximization. SIGMOD.
    Borgs, C. et al. (2014). Maximizing social influence in nearly optimal time.
    SODA. Kempe, Kleinberg & Tardos (2003). KDD.

    Examples
    --------
    With certain ties the hub of a star reaches everyone:

    >>> import scipy.sparse as sp
    >>> import clusternet as cn
    >>> from clusternet.targeting import influence_maximization
    >>> star = sp.csr_array(([1.0] * 6, ([0, 0, 0, 1, 2, 3], [1, 2, 3, 0, 0, 0])), shape=(4, 4))
    >>> res = influence_maximization(star, 1, "ic", prob=1.0, seed=1)
    >>> res.indices.tolist(), res.spread
    ([0], 4.0)
    >>> net = cn.datasets.load_florentine_families()
    >>> res = influence_maximization(net, 2, "ic", prob=0.3, seed=1)
    >>> [str(f) for f in net.column("family")[res.indices]], round(res.spread, 1)
    (['Medici', 'Bischeri'], 9.5)
    """
    t0 = time.perf_counter()
    if model not in ("ic", "lt"):
        raise ValueError(f"model must be 'ic' or 'lt', got {show(model)}")
    if not (isinstance(epsilon, int | float) and 0 < epsilon < 1):
        raise ValueError(f"epsilon must lie in (0, 1), got {show(epsilon)}")
    if method not in ("imm", "opim-c"):
        raise ValueError(f"method must be 'imm' or 'opim-c', got {show(method)}")
    if method == "opim-c" and budget is not None:
        raise ValueError("the budgeted variant runs on IMM: use method='imm' with a budget")
    indptr, indices, values, n = _in_operator(graph, model, prob, layers, layer_weights)
    if n < 2:
        raise ValueError("influence maximization needs at least 2 actors")
    candidate = candidate_mask(graph, candidates, n)
    n_cand = int(candidate.sum())
    if budget is None:
        if cost is not None:
            raise ValueError("cost is given without a budget")
        if k is None:
            raise ValueError("give k (the number of seeds) or cost and budget")
        k = check_int("k", k, minimum=1)
        if k > n_cand:
            raise ValueError(f"k = {k} exceeds the {n_cand} candidate actors")
        cost_arr = np.ones(n)
        k_eff = k
    else:
        if cost is None:
            raise ValueError("a budget needs cost (one value per actor)")
        cost_arr = np.asarray(cost, dtype=np.float64)
        if cost_arr.shape != (n,):
            raise ValueError(f"cost needs one value per actor ({n}), got shape {cost_arr.shape}")
        bad = candidate & ~(np.isfinite(cost_arr) & (cost_arr > 0))
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise ValueError(
                f"cost must be finite and > 0 for candidates; actor {i} has {show(cost_arr[i])}"
            )
        budget = float(budget)
        if not np.isfinite(budget) or budget < cost_arr[candidate].min():
            raise ValueError(
                f"budget {show(budget)} is below every candidate's cost (cheapest "
                f"{show(float(cost_arr[candidate].min()))})"
            )
        k_eff = int(min(n_cand, budget // cost_arr[candidate].min()))
        k = k_eff
    delta = 1.0 / n if delta is None else float(delta)
    if not 0 < delta < 1:
        raise ValueError(f"delta must lie in (0, 1), got {show(delta)}")
    lt = model == "lt"
    # rows whose ties share one probability are sampled by geometric skips (IC only)
    row_p = np.full((n, 2), -1.0) if lt else kern.uniform_rows(indptr, values)
    args = (indptr, indices, values, row_p, lt, n)
    words = seed_sequence(seed).generate_state(2, dtype=np.uint64)
    # the union bound runs over the k-subsets the search can return: those of the candidates
    log_cnk = _log_binomial(n_cand, min(k_eff, n_cand))
    if method == "imm":
        run = _imm(
            _Sampler(args, n, words[0]),
            n,
            k,
            k_eff,
            log_cnk,
            candidate,
            cost_arr,
            budget,
            epsilon,
            delta,
        )
    else:
        run = _opim_c(
            _Sampler(args, n, words[0]),
            _Sampler(args, n, words[1]),
            n,
            k,
            log_cnk,
            candidate,
            epsilon,
            delta,
        )
    if method == "imm":
        # the sets that chose the seeds overrate them (selection bias): measure on fresh ones
        estimator = _Sampler(args, n, words[1])
        estimator.grow(_estimation_sets(run["covered"] / run["sets"], epsilon, run["sets"]))
        run["rr_sets"] += estimator.count
        run["rr_entries"] += int(estimator.nodes.shape[0])
    else:
        estimator = run["estimator"]
    picks = run["picks"]
    spread, half, marginal = _spread_estimate(estimator, picks, n)
    return TargetingResult(
        seeds=_ids(graph, picks),
        indices=picks,
        spread=spread,
        spread_low=max(spread - half, float(picks.size)),
        spread_high=min(spread + half, float(n)),
        marginal_gain=marginal,
        model=model,
        k=len(picks),
        epsilon=float(epsilon),
        delta=delta,
        rr_sets=run["rr_sets"],
        rr_entries=run["rr_entries"],
        phase1_sets=run["phase1"],
        lower_bound=run["lower"],
        cost=float(cost_arr[picks].sum()),
        seconds=time.perf_counter() - t0,
        method=method,
        approximation=run["approximation"],
    )


#: z of a two-sided 95 % normal interval
_Z95 = 1.959963984540054


def _estimation_sets(frac: float, epsilon: float, selection_sets: int) -> int:
    """RR sets for a spread estimate whose 95 % half-width is about ``epsilon / 2`` of it.

    Sized from the selection's (optimistic) covered fraction ``frac``: ``z^2 (1 -
    f) / (f r^2)`` sets give relative half-width ``r``; at least 1000, at most as
    many as the selection drew.
    """
    frac = min(max(frac, 1e-12), 1.0)
    r = epsilon / 2.0
    size = math.ceil(_Z95**2 * (1.0 - frac) / (frac * r * r))
    return max(1, min(max(size, 1000), selection_sets))


def _spread_estimate(sampler, picks: np.ndarray, n: int) -> tuple[float, float, np.ndarray]:
    """Spread of ``picks``, its 95 % half-width and the picks' marginal gains.

    They come from RR sets that took no part in choosing the picks.
    Seeds are reached for sure, so only the sets rooted elsewhere are random: with
    ``m`` of them and ``c`` covered by the picks, spread ``= k + (n - k) c / m``
    (exactly ``k`` when nothing spreads), half-width ``z (n - k) sqrt(f (1 - f) / m)``,
    ``f = c / m``. Each pick's gain is 1 (itself) plus its share of ``c``
    (sets whose earliest pick it is), so the gains sum to the spread.
    """
    k = int(picks.size)
    rank = np.full(n, -1, dtype=np.int64)
    rank[picks] = np.arange(k)
    ptr, nodes = sampler.ptr, sampler.nodes
    roots = nodes[ptr[:-1]]
    keep = rank[roots] < 0
    sizes = np.diff(ptr)
    kept_ptr = np.zeros(int(keep.sum()) + 1, dtype=np.int64)
    np.cumsum(sizes[keep], out=kept_ptr[1:])
    kept_nodes = nodes[np.repeat(keep, sizes)]
    m = kept_ptr.shape[0] - 1
    gains = kern.first_cover_counts(kept_ptr, kept_nodes, rank, k) if m else np.zeros(k)
    if m == 0:
        return float(n if k == n else k), float(n - k), np.ones(k)
    frac = float(gains.sum()) / m
    half = _Z95 * (n - k) * math.sqrt(frac * (1.0 - frac) / m)
    marginal = 1.0 + (n - k) * gains / m
    return float(k + (n - k) * frac), half, marginal


def _imm(sampler, n, k, k_eff, log_cnk, candidate, cost_arr, budget, epsilon, delta) -> dict:
    """IMM's two phases on one collection (Tang, Shi & Xiao 2015, Algorithms 2 and 3)."""
    log_n = math.log(n)
    ell = math.log(1.0 / delta) / log_n
    ell = ell * (1.0 + math.log(2.0) / log_n)
    e_prime = math.sqrt(2.0) * epsilon
    # phase 1: a lower bound on the optimal spread by halving guesses
    lam_prime = (
        (2.0 + 2.0 / 3.0 * e_prime)
        * (log_cnk + ell * log_n + math.log(max(math.log2(n), 1.0)))
        * n
        / e_prime**2
    )
    lower = 1.0
    for i in range(1, max(int(math.log2(n)), 1)):
        x = n / 2.0**i
        sampler.grow(math.ceil(lam_prime / x))
        picks, gains, _ = sampler.select(k, candidate, cost_arr, budget)
        frac = gains.sum() / sampler.count  # greedy's gains add up to the sets its picks cover
        if n * frac >= (1.0 + e_prime) * x:
            lower = n * frac / (1.0 + e_prime)
            break
    phase1 = sampler.count
    logger.info("IMM phase 1: %d RR sets, lower bound %.4g on the optimum", phase1, lower)
    # phase 2: enough sets for the guarantee
    alpha = math.sqrt(ell * log_n + math.log(2.0))
    beta = math.sqrt((1.0 - 1.0 / math.e) * (log_cnk + ell * log_n + math.log(2.0)))
    lam_star = 2.0 * n * ((1.0 - 1.0 / math.e) * alpha + beta) ** 2 / epsilon**2
    sampler.grow(math.ceil(lam_star / lower))
    picks, gains, _ = sampler.select(k, candidate, cost_arr, budget)
    logger.info("IMM phase 2: %d RR sets (%d entries)", sampler.count, sampler.nodes.shape[0])
    return {
        "picks": picks,
        "gains": gains,
        "covered": int(gains.sum()),
        "sets": sampler.count,
        "greedy_sets": sampler.count,
        "rr_sets": sampler.count,
        "rr_entries": int(sampler.nodes.shape[0]),
        "phase1": phase1,
        "lower": lower,
        "approximation": 1.0 - 1.0 / math.e - epsilon,
    }


def _opim_c(r1, r2, n, k, log_cnk, candidate, epsilon, delta) -> dict:
    """OPIM-C's doubling with a-posteriori bounds (Tang, Tang, Xiao & Yuan 2018, Algorithm 2)."""
    target = 1.0 - 1.0 / math.e - epsilon
    alpha = math.sqrt(math.log(6.0 / delta))
    beta = math.sqrt((1.0 - 1.0 / math.e) * (log_cnk + math.log(6.0 / delta)))
    theta_0 = 2.0 * ((1.0 - 1.0 / math.e) * alpha + beta) ** 2
    theta_max = theta_0 * n / (k * epsilon**2)
    i_max = max(math.ceil(math.log2(theta_max / theta_0)), 1)
    a = math.log(3.0 * i_max / delta)
    ratio = 0.0
    for i in range(i_max + 1):
        size = math.ceil(theta_0 * 2.0**i) if i < i_max else math.ceil(theta_max)
        r1.grow(size)
        r2.grow(size)
        picks, _, upper = r1.select(k, candidate, np.ones(n), None, bound=True)
        rank = np.full(n, -1, dtype=np.int64)
        rank[picks] = np.arange(picks.size)
        # the picks' gains measured on R2, which the selection never saw (unbiased)
        gains = kern.first_cover_counts(r2.ptr, r2.nodes, rank, picks.size)
        covered = int(gains.sum())
        low = (math.sqrt(covered + 2.0 * a / 9.0) - math.sqrt(a / 2.0)) ** 2 - a / 18.0
        high = (math.sqrt(upper + a / 2.0) + math.sqrt(a / 2.0)) ** 2
        ratio = max(low, 0.0) / high if high > 0 else 0.0
        logger.info(
            "OPIM-C round %d: %d + %d RR sets, certified ratio %.4f (target %.4f)",
            i,
            r1.count,
            r2.count,
            ratio,
            target,
        )
        if ratio >= target:
            break
    else:
        # theta_max sets: the guarantee holds a priori (the IMM argument), whatever was certified
        ratio = max(ratio, target)
    return {
        "picks": picks,
        "gains": gains,
        "covered": covered,
        "sets": r2.count,
        "greedy_sets": r2.count,
        "rr_sets": r1.count + r2.count,
        "rr_entries": int(r1.nodes.shape[0] + r2.nodes.shape[0]),
        "phase1": 0,
        "lower": max(low, 0.0) * n / r2.count,
        "approximation": ratio,
        "estimator": r2,
    }


def _ids(graph, positions) -> list:
    if isinstance(graph, ClusterNetwork):
        return [graph.ids[int(i)] for i in positions]
    return [int(i) for i in positions]


# ---------------------------------------------------------------------- comparison
@dataclass
class StrategyComparison:
    """Spread of the seeds each strategy picks, by independent Monte Carlo (mean, 95 % interval).

    Attributes
    ----------
    table : pandas.DataFrame
        One row per strategy: ``strategy``, ``spread``, ``ci_low``, ``ci_high``.
    k : int
        Seeds per strategy.
    n_sims : int
        Monte Carlo runs per strategy.
    picks : dict {strategy: list of ids}
        The seeds of each strategy.

    Examples
    --------
    >>> import clusternet as cn
    >>> from clusternet.targeting import compare_strategies
    >>> cmp = compare_strategies(cn.datasets.load_florentine_families(), 2, prob=0.3, n_sims=500, seed=1)
    >>> sorted(cmp.picks), cmp.k, cmp.n_sims
    (['IMM (targeted)', 'PageRank top-k', 'out-degree top-k', 'random'], 2, 500)
    """

    table: pd.DataFrame
    k: int
    n_sims: int
    picks: dict = field(default_factory=dict)


def compare_strategies(
    graph,
    k: int,
    prob: float | Mapping[str, float] = 0.01,
    layers=None,
    candidates=None,
    n_sims: int = 2000,
    epsilon: float = 0.1,
    method: str = "imm",
    seed=None,
) -> StrategyComparison:
    r"""Targeted seeds against PageRank-top-k, degree-top-k and random picks (independent cascade).

    The targeted seeds come from :func:`influence_maximization` with
    ``method``. Every strategy picks among the same candidates; each pick's
    spread is then measured by
    :func:`~clusternet.diffusion.independent_cascade` with ``n_sims`` runs on
    one stream (the same for all strategies), reported as the mean
    :math:`\bar s` with a 95 % normal interval :math:`\bar s \pm 1.96\, s / \sqrt{n_{\mathrm{sims}}}`.

    Parameters
    ----------
    graph : ClusterNetwork, scipy.sparse matrix, igraph.Graph or networkx graph
        The network.
    k : int
        Seeds per strategy.
    prob : float or dict {layer: float}, default 0.01
        Tie activation probability of the cascade.
    layers : str or list of str, optional
        Layers to use (ClusterNetwork only; default all).
    candidates : "core", actor ids or boolean mask, optional
        Who may be picked (default every actor).
    n_sims : int, default 2000
        Monte Carlo runs per strategy.
    epsilon : float, default 0.1
        Approximation slack of the targeted picks.
    method : {"imm", "opim-c"}, default "imm"
        How the targeted seeds are found.
    seed : int or numpy.random.SeedSequence, optional
        Seed of the targeting, the random picks and the cascades.

    Returns
    -------
    StrategyComparison
        The table of spreads with intervals, and each strategy's picks.

    Examples
    --------
    >>> import clusternet as cn
    >>> from clusternet.targeting import compare_strategies
    >>> net = cn.datasets.load_florentine_families()
    >>> cmp = compare_strategies(net, 2, prob=0.3, n_sims=500, seed=1)
    >>> print(cmp.table.round(1).to_string(index=False))
            strategy  spread  ci_low  ci_high
      IMM (targeted)     9.6     9.4      9.8
      PageRank top-k     9.6     9.4      9.8
    out-degree top-k     9.6     9.4      9.8
              random     9.5     9.3      9.8
    """
    from clusternet.centrality import pagerank
    from clusternet.diffusion import independent_cascade

    n_sims = check_int("n_sims", n_sims, minimum=2)
    imm = influence_maximization(
        graph, k, "ic", prob, layers=layers, candidates=candidates, epsilon=epsilon,
        method=method, seed=seed,
    )  # fmt: skip
    from clusternet.diffusion import edge_probabilities

    out_ptr, *_ = edge_probabilities(graph, prob, layers)
    n = out_ptr.shape[0] - 1
    pool = np.flatnonzero(candidate_mask(graph, candidates, n))
    pr = np.asarray(
        pagerank(graph, layers=layers) if isinstance(graph, ClusterNetwork) else pagerank(graph)
    )
    degree = np.diff(out_ptr)
    rng = np.random.default_rng(seed_sequence(seed))
    picks = {
        f"{imm.method.upper()} (targeted)": imm.indices,
        "PageRank top-k": pool[np.argsort(-pr[pool], kind="stable")[:k]],
        "out-degree top-k": pool[np.argsort(-degree[pool], kind="stable")[:k]],
        "random": np.sort(rng.choice(pool, size=k, replace=False)),
    }
    rows = []
    for name, idx in picks.items():
        ids = _ids(graph, idx)
        res = independent_cascade(graph, ids, prob, n_sims=n_sims, seed=seed, layers=layers)
        sizes = res.sizes.astype(float)
        half = 1.959963984540054 * sizes.std(ddof=1) / math.sqrt(sizes.size)
        rows.append(
            {
                "strategy": name,
                "spread": sizes.mean(),
                "ci_low": sizes.mean() - half,
                "ci_high": sizes.mean() + half,
            }
        )
    return StrategyComparison(
        pd.DataFrame(rows), k, n_sims, {k_: _ids(graph, v) for k_, v in picks.items()}
    )


__all__ = [
    "GreedyResult",
    "StrategyComparison",
    "TargetingResult",
    "compare_strategies",
    "greedy",
    "influence_maximization",
    "recommend_ties",
]
