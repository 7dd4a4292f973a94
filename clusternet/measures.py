"""Innovation capacity and upgrading readiness as transparent composite indicators.

Built the OECD/JRC way (Nardo et al. 2008): raw components are kept visible,
normalised explicitly (min–max, z-score, rank or absolute goalposts), weighted,
and aggregated (arithmetic, geometric or harmonic); :func:`sensitivity` reports
how much the result depends on those choices (Saltelli et al. 2008; SALib).
Definitions, units, directions and goalposts of every component are in
``docs/measures.md``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import scipy.sparse as sp

from clusternet import structure
from clusternet._validate import seed_sequence, show
from clusternet.kernels.csr import kernel_arrays
from clusternet.kernels.paths import multi_source_depth
from clusternet.network import ClusterNetwork

__all__ = [
    "READINESS_COMPONENTS",
    "Readiness",
    "cluster_summary",
    "composite_index",
    "innovation_capacity",
    "normalize",
    "sensitivity",
    "sobol",
    "upgrading_readiness",
]

NORMALIZATIONS = ("minmax", "zscore", "rank", "goalpost")
AGGREGATIONS = ("arithmetic", "geometric", "harmonic")


# ---------------------------------------------------------------------- composite indicators
def normalize(
    values: pd.Series | np.ndarray,
    method: str = "minmax",
    goalposts: tuple[float, float] | None = None,
    direction: int = 1,
) -> np.ndarray:
    """Normalise one indicator (Nardo et al. 2008, section 5).

    * ``minmax``: ``(x - min) / (max - min)`` (0.5 for a constant indicator);
    * ``zscore``: ``(x - mean) / sd`` (0 for a constant indicator);
    * ``rank``: ``(rank - 1) / (n - 1)`` with average ranks for ties (0.5 if n = 1);
    * ``goalpost``: ``clip((x - low) / (high - low), 0, 1)`` with absolute
      goalposts ``(low, high)`` — comparable across clusters and over time.

    ``direction=-1`` marks an indicator where less is better (``1 - v``, or ``-z``).
    NaN stays NaN.
    """
    x = np.asarray(values, dtype=np.float64)
    if method not in NORMALIZATIONS:
        raise ValueError(f"normalization must be one of {NORMALIZATIONS}, got {show(method)}")
    if direction not in (1, -1):
        raise ValueError(f"direction must be 1 or -1, got {show(direction)}")
    finite = np.isfinite(x)
    out = np.full(x.shape, np.nan)
    v = x[finite]
    if method == "minmax":
        lo, hi = (v.min(), v.max()) if v.size else (0.0, 1.0)
        out[finite] = 0.5 if hi == lo else (v - lo) / (hi - lo)
    elif method == "zscore":
        sd = v.std() if v.size else 0.0
        out[finite] = 0.0 if sd == 0 else (v - v.mean()) / sd
        return out if direction == 1 else -out
    elif method == "rank":
        from scipy.stats import rankdata

        out[finite] = 0.5 if v.size <= 1 else (rankdata(v) - 1) / (v.size - 1)
    else:
        if goalposts is None:
            raise ValueError("goalpost normalisation needs goalposts=(low, high)")
        lo, hi = float(goalposts[0]), float(goalposts[1])
        if not hi > lo:
            raise ValueError(f"goalposts must satisfy low < high, got {show(goalposts)}")
        out[finite] = np.clip((v - lo) / (hi - lo), 0.0, 1.0)
    return out if direction == 1 else 1.0 - out


def _aggregate(matrix: np.ndarray, weights: np.ndarray, aggregation: str) -> np.ndarray:
    w = weights / weights.sum()
    if aggregation == "arithmetic":
        return matrix @ w
    if aggregation == "geometric":
        if (matrix < 0).any():
            raise ValueError(
                "geometric aggregation needs non-negative normalised values (not z-scores)"
            )
        with np.errstate(divide="ignore"):
            logs = np.log(matrix)
        out = np.exp(np.where(np.isneginf(logs), -np.inf, logs) @ w)
        return np.where((matrix == 0).any(axis=1), 0.0, out)
    if aggregation == "harmonic":
        if (matrix < 0).any():
            raise ValueError(
                "harmonic aggregation needs non-negative normalised values (not z-scores)"
            )
        with np.errstate(divide="ignore"):
            inv = 1.0 / matrix
        out = 1.0 / (inv @ w)
        return np.where((matrix == 0).any(axis=1), 0.0, out)
    raise ValueError(f"aggregation must be one of {AGGREGATIONS}, got {show(aggregation)}")


def composite_index(
    table: pd.DataFrame,
    normalization: str | Mapping[str, str] = "minmax",
    goalposts: Mapping[str, tuple[float, float]] | None = None,
    weights: Mapping[str, float] | None = None,
    aggregation: str = "arithmetic",
    directions: Mapping[str, int] | None = None,
) -> pd.DataFrame:
    """A composite indicator of the columns of ``table`` (one row per unit).

    Each column is normalised (:func:`normalize`; a method for all columns or one
    per column; ``goalposts`` per column for ``"goalpost"``; ``directions`` +1/-1),
    then aggregated with ``weights`` (normalised to sum 1; equal by default):

    * arithmetic ``sum_k w_k v_k`` (full compensation between components);
    * geometric ``prod_k v_k^w_k`` (partial compensation; 0 if any component is 0);
    * harmonic ``1 / sum_k (w_k / v_k)`` (least compensation).

    Returns the normalised columns plus ``index``. A unit with a NaN component
    gets a NaN index — drop or impute explicitly first.

    References
    ----------
    Nardo, M., Saisana, M., Saltelli, A., Tarantola, S., Hoffman, A., &
    Giovannini, E. (2008). *Handbook on Constructing Composite Indicators:
    Methodology and User Guide*. OECD/JRC.
    """
    if not isinstance(table, pd.DataFrame) or table.shape[1] == 0:
        raise ValueError("table must be a DataFrame with at least one column")
    columns = list(table.columns)
    weights = dict(weights or {c: 1.0 for c in columns})
    unknown = set(weights) - set(columns)
    if unknown:
        raise ValueError(f"weights name columns {sorted(unknown)} not in the table {columns}")
    w = np.array([float(weights.get(c, 0.0)) for c in columns])
    if (w < 0).any() or not np.isfinite(w).all() or w.sum() <= 0:
        raise ValueError(f"weights must be finite, >= 0 and not all zero, got {weights}")
    directions = dict(directions or {})
    goalposts = dict(goalposts or {})
    normalized = pd.DataFrame(index=table.index)
    for c in columns:
        method = (
            normalization.get(c, "minmax") if isinstance(normalization, Mapping) else normalization
        )
        if method == "goalpost" and c not in goalposts:
            raise ValueError(
                f"goalpost normalisation of {show(c)} needs goalposts[{show(c)}] = (low, high)"
            )
        normalized[c] = normalize(
            table[c].to_numpy(), method, goalposts.get(c), int(directions.get(c, 1))
        )
    matrix = normalized.to_numpy()
    keep = w > 0
    index = np.full(matrix.shape[0], np.nan)
    ok = np.isfinite(matrix[:, keep]).all(axis=1)
    if ok.any():
        index[ok] = _aggregate(matrix[ok][:, keep], w[keep], aggregation)
    normalized["index"] = index
    return normalized


# ---------------------------------------------------------------------- sensitivity
def sobol(
    func: Callable[[np.ndarray], np.ndarray],
    names: Sequence[str],
    bounds: Sequence[tuple[float, float]],
    n: int = 512,
    seed=None,
) -> pd.DataFrame:
    """Sobol first-order and total indices of a scalar model (Saltelli sampling, SALib).

    ``func`` maps an (N, k) array of factor values to N outputs. Returns one row
    per factor: ``S1``, ``S1_conf``, ``ST``, ``ST_conf`` (95% bootstrap half-widths).

    References
    ----------
    Saltelli, A., et al. (2010). Variance based sensitivity analysis of model
    output. *Computer Physics Communications* 181:259–270. Herman, J., & Usher,
    W. (2017). SALib. *JOSS* 2(9).
    """
    from SALib.analyze import sobol as sobol_analyze
    from SALib.sample import sobol as sobol_sample

    problem = {"num_vars": len(names), "names": list(names), "bounds": [list(b) for b in bounds]}
    seed_int = int(seed_sequence(seed).generate_state(1)[0] % (2**31))
    x = sobol_sample.sample(problem, n, calc_second_order=False, seed=seed_int)
    y = np.asarray(func(x), dtype=np.float64)
    res = sobol_analyze.analyze(
        problem, y, calc_second_order=False, seed=seed_int, print_to_console=False
    )
    return pd.DataFrame(
        {"S1": res["S1"], "S1_conf": res["S1_conf"], "ST": res["ST"], "ST_conf": res["ST_conf"]},
        index=list(names),
    )


def sensitivity(
    table: pd.DataFrame,
    weights: Mapping[str, float] | None = None,
    weight_range: float = 0.5,
    normalizations: Sequence[str] = ("minmax", "zscore", "rank"),
    aggregations: Sequence[str] = ("arithmetic", "geometric"),
    goalposts: Mapping[str, tuple[float, float]] | None = None,
    directions: Mapping[str, int] | None = None,
    n: int = 256,
    seed=None,
) -> dict[str, pd.DataFrame]:
    """Uncertainty and Sobol sensitivity of a composite ranking to the analyst's choices.

    Factors: each weight varies uniformly in ``w (1 +/- weight_range)``; the
    normalisation and aggregation are discrete factors (a uniform draw picks
    one of ``normalizations`` / ``aggregations``; geometric aggregation of
    z-scores falls back to arithmetic). For every sample the units are ranked
    (1 = best). Returns

    * ``ranks``: per unit, reference rank and the 5%, 50% and 95% rank quantiles;
    * ``indices``: Sobol ``S1`` and ``ST`` per factor for the output "mean
      absolute shift in rank against the reference ranking" (Saisana, Saltelli
      & Tarantola 2005).

    References
    ----------
    Saisana, M., Saltelli, A., & Tarantola, S. (2005). Uncertainty and
    sensitivity analysis techniques as tools for the quality assessment of
    composite indicators. *J. R. Stat. Soc. A* 168:307–323.
    """
    from scipy.stats import rankdata

    columns = list(table.columns)
    base_w = dict(weights or {c: 1.0 for c in columns})
    if not 0 <= weight_range < 1:
        raise ValueError(f"weight_range must lie in [0, 1), got {show(weight_range)}")
    for m in normalizations:
        if m not in NORMALIZATIONS:
            raise ValueError(f"unknown normalisation {show(m)}")
        if m == "goalpost" and not goalposts:
            raise ValueError("the goalpost normalisation needs goalposts=")
    for a in aggregations:
        if a not in AGGREGATIONS:
            raise ValueError(f"unknown aggregation {show(a)}")

    def index_for(w_vals, norm, agg):
        if agg != "arithmetic" and norm == "zscore":
            agg = "arithmetic"
        idx = composite_index(table, norm, goalposts, dict(zip(columns, w_vals)), agg, directions)[
            "index"
        ].to_numpy()
        return rankdata(-np.nan_to_num(idx, nan=-np.inf), method="average")

    reference = index_for([base_w.get(c, 1.0) for c in columns], normalizations[0], aggregations[0])
    names = [f"w:{c}" for c in columns] + ["normalization", "aggregation"]
    bounds = [
        (base_w.get(c, 1.0) * (1 - weight_range), base_w.get(c, 1.0) * (1 + weight_range) + 1e-12)
        for c in columns
    ]
    bounds += [(0.0, 1.0), (0.0, 1.0)]
    all_ranks = []

    def model(x):
        out = np.empty(x.shape[0])
        for row, sample in enumerate(x):
            norm = normalizations[
                min(int(sample[-2] * len(normalizations)), len(normalizations) - 1)
            ]
            agg = aggregations[min(int(sample[-1] * len(aggregations)), len(aggregations) - 1)]
            ranks = index_for(sample[:-2], norm, agg)
            all_ranks.append(ranks)
            out[row] = np.mean(np.abs(ranks - reference))
        return out

    indices = sobol(model, names, bounds, n=n, seed=seed)
    stacked = np.vstack(all_ranks)
    ranks = pd.DataFrame(
        {
            "reference_rank": reference,
            "rank_p05": np.quantile(stacked, 0.05, axis=0),
            "rank_median": np.quantile(stacked, 0.5, axis=0),
            "rank_p95": np.quantile(stacked, 0.95, axis=0),
        },
        index=table.index,
    )
    return {"ranks": ranks, "indices": indices}


# ---------------------------------------------------------------------- innovation capacity
CAPACITY_COMPONENTS = (
    "rd_intensity",
    "absorptive_capacity",
    "log_size",
    "knowledge_access",
    "tacit_access",
    "brokerage",
    "knowledge_stock",
)


def _present_layers(net: ClusterNetwork, names: Sequence[str]) -> list[str]:
    return [n for n in names if n in net.layers]


def innovation_capacity(
    net: ClusterNetwork,
    knowledge: np.ndarray | None = None,
    weights: Mapping[str, float] | None = None,
    normalization: str = "minmax",
    aggregation: str = "arithmetic",
    distance_scale: float = 2.0,
    access_layers: Sequence[str] = ("technology", "service"),
    brokerage_layers: Sequence[str] | None = None,
    firms: str = "core",
) -> pd.DataFrame:
    """Innovation capacity of each core firm: components and a composite index.

    Components (raw values; see ``docs/measures.md``):

    * ``rd_intensity``, ``absorptive_capacity`` — actor columns (internal capability);
    * ``log_size`` — ``log(1 + employees)``;
    * ``knowledge_access`` — ``n`` times the personalised-PageRank mass from
      universities, institutes, platforms and external actors over technology
      and service ties (:func:`clusternet.diffusion.knowledge_access`; 1 = a
      uniform share);
    * ``tacit_access`` — social reach with distance decay,
      ``sum_j w_ij exp(-d_ij / lambda)`` over social ties (``distance_scale`` =
      lambda km; tacit knowledge needs proximity);
    * ``brokerage`` — ``1 - constraint`` (Burt) over all layers without direction;
    * ``knowledge_stock`` — mean of the firm's row of ``knowledge`` when given.

    Components the network cannot supply are left out of the index and listed in
    ``attrs["unavailable"]`` with the reason; ``attrs["summary"]`` holds the
    cluster-level summary (:func:`cluster_summary`). The index is
    :func:`composite_index` of the available components (``weights`` default
    equal). Rows are core firms (``firms="all"`` for every actor), indexed by actor id.
    """
    from clusternet.diffusion import knowledge_access

    if not isinstance(net, ClusterNetwork):
        raise TypeError("innovation_capacity needs a ClusterNetwork")
    mask = net.tier_mask("core") if firms == "core" else np.ones(net.n_actors, dtype=bool)
    if not mask.any():
        raise ValueError("the network has no core firms")
    comps: dict[str, np.ndarray] = {}
    unavailable: dict[str, str] = {}
    for col in ("rd_intensity", "absorptive_capacity"):
        if (
            net.has_column(col)
            and np.isfinite(np.asarray(net.column(col), dtype=float)[mask]).all()
        ):
            comps[col] = np.asarray(net.column(col), dtype=float)
        else:
            unavailable[col] = f"no complete '{col}' column for the firms"
    if (
        net.has_column("size")
        and np.isfinite(np.asarray(net.column("size"), dtype=float)[mask]).all()
    ):
        comps["log_size"] = np.log1p(np.asarray(net.column("size"), dtype=float))
    else:
        unavailable["log_size"] = "no complete 'size' column for the firms"
    layers = _present_layers(net, access_layers)
    try:
        if not layers:
            raise ValueError(f"none of the layers {list(access_layers)}")
        comps["knowledge_access"] = knowledge_access(net, layers=layers) * net.n_actors
    except ValueError as exc:
        unavailable["knowledge_access"] = str(exc)
    if "social" in net.layers and net.has_column("x") and net.has_column("y"):
        a = net.csr("social").tocoo()
        x, y = np.asarray(net.column("x"), float), np.asarray(net.column("y"), float)
        d = np.hypot(x[a.row] - x[a.col], y[a.row] - y[a.col])
        d = np.where(np.isnan(d), 0.0, d)
        comps["tacit_access"] = np.bincount(
            a.row, weights=a.data * np.exp(-d / distance_scale), minlength=net.n_actors
        )
    elif "social" in net.layers:
        comps["tacit_access"] = np.asarray(net.csr("social").sum(axis=1)).ravel()
        unavailable["tacit_access (distance decay)"] = (
            "no x/y coordinates: social strength without distance decay"
        )
    else:
        unavailable["tacit_access"] = "no 'social' layer"
    cons = structure.constraint(net, layers=brokerage_layers)
    comps["brokerage"] = np.where(np.isnan(cons), 0.0, 1.0 - cons)
    if knowledge is not None:
        k = np.asarray(knowledge, dtype=float)
        if k.ndim != 2 or k.shape[0] != net.n_actors:
            raise ValueError(f"knowledge has shape {k.shape}, expected ({net.n_actors}, D)")
        comps["knowledge_stock"] = k.mean(axis=1)
    else:
        unavailable["knowledge_stock"] = "no knowledge matrix given"
    table = pd.DataFrame(
        {k: v[mask] for k, v in comps.items()}, index=pd.Index(net.ids[mask], name="id")
    )
    used_weights = {
        k: v for k, v in (weights or {c: 1.0 for c in table.columns}).items() if k in table.columns
    }
    missing = set(weights or {}) - set(table.columns)
    if missing:
        raise ValueError(
            f"weights name components {sorted(missing)} that are unavailable here: {unavailable}"
        )
    index = composite_index(table, normalization, weights=used_weights, aggregation=aggregation)
    table["index"] = index["index"]
    table.attrs["unavailable"] = unavailable
    sizes = np.asarray(net.column("size"), float)[mask] if "log_size" in comps else None
    table.attrs["summary"] = cluster_summary(table, sizes)
    return table


def cluster_summary(
    capacity: pd.DataFrame, sizes: np.ndarray | None = None, floor: float = 0.25
) -> pd.Series:
    """Cluster-level innovation capacity: mean, size-weighted mean, dispersion, weak tail.

    ``share_below_floor``: share of firms whose index is below ``floor`` (firms
    with too little capability to take up new knowledge).
    """
    idx = capacity["index"].to_numpy(dtype=float)
    ok = np.isfinite(idx)
    v = idx[ok]
    out = {
        "firms": int(ok.sum()),
        "mean": float(v.mean()) if v.size else float("nan"),
        "size_weighted_mean": float(np.average(v, weights=sizes[ok]))
        if sizes is not None and v.size
        else float("nan"),
        "sd": float(v.std()) if v.size else float("nan"),
        "cv": float(v.std() / v.mean()) if v.size and v.mean() > 0 else float("nan"),
        "p10": float(np.quantile(v, 0.1)) if v.size else float("nan"),
        "p90": float(np.quantile(v, 0.9)) if v.size else float("nan"),
        "share_below_floor": float(np.mean(v < floor)) if v.size else float("nan"),
    }
    return pd.Series(out, name="innovation_capacity")


# ---------------------------------------------------------------------- upgrading readiness
@dataclass(frozen=True)
class ComponentSpec:
    wheel: str
    direction: int
    goalposts: tuple[float, float]
    unit: str
    meaning: str


#: The readiness components: wheel, direction, absolute goalposts, unit, meaning.
READINESS_COMPONENTS: dict[str, ComponentSpec] = {
    "innovation_capacity": ComponentSpec(
        "technology",
        1,
        (0.0, 1.0),
        "index 0-1",
        "size-weighted mean firm capability: mean of min(R&D intensity / 5%, 1) and absorptive capacity",
    ),
    "common_technology_coverage": ComponentSpec(
        "technology",
        1,
        (0.0, 1.0),
        "share of firms",
        "firms within k steps of a platform or research institute over technology and service ties",
    ),
    "diffusion_speed": ComponentSpec(
        "technology",
        -1,
        (2.0, 20.0),
        "steps",
        "steps for a standard cascade from the knowledge sources to reach half the firms",
    ),
    "chain_tightness": ComponentSpec(
        "technology",
        1,
        (0.0, 1.0),
        "share of firms",
        "firms in the largest connected part of the transaction layer",
    ),
    "external_linkage": ComponentSpec(
        "technology",
        1,
        (0.0, 0.5),
        "share of firms",
        "firms with a tie to an actor outside the cluster",
    ),
    "collective_reputation": ComponentSpec(
        "brand",
        1,
        (0.3, 0.9),
        "quality share",
        "output-weighted mean quality (size as the output proxy)",
    ),
    "high_quality_share": ComponentSpec(
        "brand", 1, (0.0, 1.0), "share of firms", "firms whose quality reaches the threshold"
    ),
    "governance_coverage": ComponentSpec(
        "brand", 1, (0.0, 1.0), "share of firms", "firms tied to an industry association"
    ),
    "leading_brand_share": ComponentSpec(
        "brand",
        1,
        (0.0, 0.5),
        "share of output",
        "output of large high-quality firms (top 1% by size)",
    ),
    "free_riding_exposure": ComponentSpec(
        "brand",
        -1,
        (0.0, 1.0),
        "share of competitors",
        "mean share of low-quality producers among a firm's competitors",
    ),
}


@dataclass
class Readiness:
    """Upgrading readiness: the technology wheel, the brand wheel and their geometric mean.

    ``components``: one row per component with raw value, normalised value
    (absolute goalposts), weight, direction, goalposts, unit and availability;
    ``technology``, ``brand``: wheel scores in [0, 1] (NaN when no component of
    the wheel is available, with the reason in ``unavailable``); ``overall``:
    ``technology^a * brand^(1-a)``; ``unavailable``: component -> reason;
    ``details``: intermediate results (e.g. the cascade curve).
    """

    components: pd.DataFrame
    technology: float
    brand: float
    overall: float
    wheel_weights: tuple[float, float]
    unavailable: dict[str, str] = field(default_factory=dict)
    details: dict = field(default_factory=dict)

    def explain(self) -> str:
        """A plain-text account of the scores, their largest contributions and gaps."""
        lines = []
        a, b = self.wheel_weights
        if not np.isfinite(self.overall):
            lines.append(
                "Upgrading readiness cannot be scored overall: both wheels are needed and at least one has no "
                "available component (see below)."
            )
        else:
            lines.append(
                f"Upgrading readiness {self.overall:.2f} = technology {self.technology:.2f}^{a:g} x brand {self.brand:.2f}^{b:g} "
                "(a weighted geometric mean: a cluster cannot make up for a missing wheel with the other)."
            )
        for wheel in ("technology", "brand"):
            rows = self.components[
                (self.components["wheel"] == wheel) & self.components["available"]
            ]
            if rows.empty:
                lines.append(
                    f"The {wheel} wheel cannot be scored: none of its components is available here."
                )
                continue
            contrib = rows["normalized"] * rows["weight"] / rows["weight"].sum()
            best = contrib.idxmax()
            worst = rows["normalized"].idxmin()
            lines.append(
                f"{wheel.capitalize()} wheel {getattr(self, wheel):.2f}: largest contribution from {best} "
                f"(raw {rows.loc[best, 'raw']:.3g} {rows.loc[best, 'unit']}, score {rows.loc[best, 'normalized']:.2f}); "
                f"largest gap in {worst} (raw {rows.loc[worst, 'raw']:.3g} {rows.loc[worst, 'unit']}, score {rows.loc[worst, 'normalized']:.2f} "
                f"against goalposts {rows.loc[worst, 'goalpost_low']:g}-{rows.loc[worst, 'goalpost_high']:g})."
            )
        if np.isfinite(self.technology) and np.isfinite(self.brand):
            weaker = "technology" if self.technology < self.brand else "brand"
            lines.append(f"The {weaker} wheel limits the overall score most.")
        if self.unavailable:
            lines.append(
                "Not available here: "
                + "; ".join(f"{k} ({v})" for k, v in self.unavailable.items())
                + "."
            )
        return "\n".join(lines)


def _actor_keys(net: ClusterNetwork) -> np.ndarray:
    """A stable 64-bit key per actor from its id (independent of actor order).

    Integer ids are spread by an odd 64-bit multiplier (a bijection); other ids
    are hashed to 64 bits by pandas' vectorised SipHash of their text, so at a
    million actors the chance of any collision is about 3e-8.
    """
    ids = net.ids
    if ids.dtype.kind in "iu":
        return ids.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    text = np.asarray([str(v) for v in ids], dtype=object)
    return pd.util.hash_array(text, categorize=False).astype(np.uint64)


def _cascade_half_time(net, sources, firms, layers, prob, realisations, seed, max_steps):
    from clusternet.kernels.paths import live_edge_reach

    a = net.csr(layers, direction="both")
    indptr, indices, _ = kernel_arrays(a)
    curves = np.zeros((realisations, max_steps + 1), dtype=np.int64)
    base = int(seed_sequence(seed).generate_state(1, dtype=np.uint64)[0])
    live_edge_reach(
        indptr,
        indices,
        _actor_keys(net),
        np.flatnonzero(sources).astype(np.int64),
        float(prob),
        np.uint64(base),
        firms,
        max_steps,
        curves,
    )
    mean_curve = curves.mean(axis=0) / max(int(firms.sum()), 1)
    reached = np.flatnonzero(mean_curve >= 0.5)
    return (float(reached[0]) if reached.size else float("inf")), mean_curve


def upgrading_readiness(
    net: ClusterNetwork,
    weights: Mapping[str, float] | None = None,
    wheel_weights: tuple[float, float] = (0.5, 0.5),
    goalposts: Mapping[str, tuple[float, float]] | None = None,
    coverage_steps: int = 2,
    cascade_prob: float = 0.1,
    cascade_realisations: int = 20,
    cascade_layers: Sequence[str] = ("technology", "service", "transaction", "social"),
    quality_threshold: float = 0.7,
    leader_quantile: float = 0.99,
    seed=None,
) -> Readiness:
    """Upgrading readiness of a cluster: a technology wheel and a brand wheel.

    Technology wheel (technology upgrading needs capable firms, shared generic
    technology, fast diffusion, a tight value chain and outside links):
    ``innovation_capacity``, ``common_technology_coverage`` (share of core firms
    within ``coverage_steps`` ties of a platform or research institute over
    technology and service ties), ``diffusion_speed`` (steps until a standard
    cascade — every tie passes with probability ``cascade_prob``, ties drawn
    once per tie and realisation, direction ignored — started at the
    universities, research institutes and platforms (inside or outside the
    cluster) reaches half the core firms on average over
    ``cascade_realisations``; adding a tie can only speed it up),
    ``chain_tightness``, ``external_linkage``.

    Brand wheel (a regional brand is a collective reputation, a public good
    exposed to free riding): ``collective_reputation``, ``high_quality_share``
    (quality >= ``quality_threshold``), ``governance_coverage``,
    ``leading_brand_share``, ``free_riding_exposure`` (less is better).

    Every raw value is normalised with absolute goalposts
    (:data:`READINESS_COMPONENTS`, overridable with ``goalposts``) so that one
    cluster's readiness means something on its own; each wheel is the weighted
    arithmetic mean of its available components (``weights``, equal by
    default), and ``overall = technology^a * brand^(1 - a)`` with ``a`` from
    ``wheel_weights`` — both wheels are needed. Components the network cannot
    supply are reported in ``unavailable``, never silently set.

    References
    ----------
    Humphrey, J., & Schmitz, H. (2002). How does insertion in global value chains
    affect upgrading in industrial clusters? *Regional Studies* 36:1017–1027.
    Tassey, G. (2005). Underinvestment in public good technologies. *J. Technology
    Transfer* 30:89–113. Tirole, J. (1996). A theory of collective reputations.
    *Review of Economic Studies* 63:1–22. Nardo et al. (2008), OECD/JRC Handbook.
    """
    if not isinstance(net, ClusterNetwork):
        raise TypeError("upgrading_readiness needs a ClusterNetwork")
    a_w, b_w = (float(x) for x in wheel_weights)
    if a_w < 0 or b_w < 0 or a_w + b_w <= 0:
        raise ValueError(
            f"wheel_weights must be non-negative and not both zero, got {wheel_weights}"
        )
    a_w, b_w = a_w / (a_w + b_w), b_w / (a_w + b_w)
    goal = {k: spec.goalposts for k, spec in READINESS_COMPONENTS.items()}
    if goalposts:
        unknown = set(goalposts) - set(goal)
        if unknown:
            raise ValueError(
                f"goalposts name unknown components {sorted(unknown)}; known: {list(goal)}"
            )
        goal.update(goalposts)
    weights = dict(weights or {})
    unknown = set(weights) - set(READINESS_COMPONENTS)
    if unknown:
        raise ValueError(
            f"weights name unknown components {sorted(unknown)}; known: {list(READINESS_COMPONENTS)}"
        )
    core = net.tier_mask("core")
    if not core.any():
        raise ValueError("the network has no core firms")
    raw: dict[str, float] = {}
    unavailable: dict[str, str] = {}
    details: dict = {}
    size = np.asarray(net.column("size"), float) if net.has_column("size") else None
    has_size = size is not None and np.isfinite(size[core]).all()
    output = size[core] if has_size else np.ones(int(core.sum()))
    both = net.csr(direction="both")

    # -- technology wheel
    if net.has_column("rd_intensity") and net.has_column("absorptive_capacity"):
        rd = np.asarray(net.column("rd_intensity"), float)[core]
        ac = np.asarray(net.column("absorptive_capacity"), float)[core]
        capability = 0.5 * (np.minimum(rd / 0.05, 1.0) + ac)
        if np.isfinite(capability).all():
            raw["innovation_capacity"] = float(np.average(capability, weights=output))
        else:
            unavailable["innovation_capacity"] = (
                "missing R&D intensity or absorptive capacity for some firms"
            )
    else:
        unavailable["innovation_capacity"] = "no 'rd_intensity' / 'absorptive_capacity' columns"
    hubs = net.role_mask("platform", "research_institute")
    tech_layers = _present_layers(net, ("technology", "service"))
    if hubs.any() and tech_layers:
        m = net.csr(tech_layers, direction="both")
        indptr, indices, _ = kernel_arrays(m)
        depth = np.full(net.n_actors, -1, dtype=np.int64)
        multi_source_depth(
            indptr, indices, np.flatnonzero(hubs).astype(np.int64), int(coverage_steps), depth
        )
        raw["common_technology_coverage"] = float(np.mean(depth[core] >= 0))
    else:
        unavailable["common_technology_coverage"] = (
            "no platform or research institute"
            if not hubs.any()
            else "no technology or service layer"
        )
    sources = net.role_mask("university", "research_institute", "platform")
    c_layers = _present_layers(net, cascade_layers)
    if sources.any() and c_layers:
        half, curve = _cascade_half_time(
            net, sources, core, c_layers, cascade_prob, cascade_realisations, seed, max_steps=200
        )
        raw["diffusion_speed"] = half
        details["cascade_curve"] = curve
    else:
        unavailable["diffusion_speed"] = (
            "no knowledge organisations (universities, institutes, platforms)"
            if not sources.any()
            else "none of the cascade layers"
        )
    if "transaction" in net.layers:
        from scipy.sparse.csgraph import connected_components

        t = sp.csr_array(net.csr("transaction", direction="both")[core][:, core])
        labels = connected_components(t, directed=False)[1]
        raw["chain_tightness"] = float(np.bincount(labels).max() / core.sum())
    else:
        unavailable["chain_tightness"] = "no 'transaction' layer"
    ext = net.tier_mask("external")
    if ext.any():
        linked = np.asarray(both[:, ext].sum(axis=1)).ravel() > 0
        raw["external_linkage"] = float(linked[core].mean())
    else:
        unavailable["external_linkage"] = "no external actors"

    # -- brand wheel
    quality = np.asarray(net.column("quality"), float)[core] if net.has_column("quality") else None
    if quality is not None and np.isfinite(quality).all():
        raw["collective_reputation"] = float(np.average(quality, weights=output))
        high = quality >= quality_threshold
        raw["high_quality_share"] = float(high.mean())
        if has_size:
            leaders = output >= np.quantile(output, leader_quantile)
            raw["leading_brand_share"] = float(output[leaders & high].sum() / output.sum())
        else:
            unavailable["leading_brand_share"] = "no 'size' column"
        if "competition" in net.layers:
            comp = net.csr("competition", direction="both")
            low = np.zeros(net.n_actors)
            low[np.flatnonzero(core)[~high]] = 1.0
            competitors = np.diff(comp.indptr)
            exposed = (comp @ low) / np.maximum(competitors, 1)
            has_comp = (competitors > 0) & core
            raw["free_riding_exposure"] = float(exposed[has_comp].mean()) if has_comp.any() else 0.0
        else:
            unavailable["free_riding_exposure"] = "no 'competition' layer"
    else:
        for key in (
            "collective_reputation",
            "high_quality_share",
            "leading_brand_share",
            "free_riding_exposure",
        ):
            unavailable[key] = "no complete 'quality' column for the firms"
    assoc = net.role_mask("association")
    if assoc.any():
        tied = np.asarray(both[:, assoc].sum(axis=1)).ravel() > 0
        raw["governance_coverage"] = float(tied[core].mean())
    else:
        unavailable["governance_coverage"] = "no industry association"

    rows = []
    for name, spec in READINESS_COMPONENTS.items():
        available = name in raw
        value = raw.get(name, np.nan)
        lo, hi = goal[name]
        if available:
            norm = (
                float(normalize(np.array([value]), "goalpost", (lo, hi), spec.direction)[0])
                if np.isfinite(value)
                else (0.0 if spec.direction == -1 else 1.0)
            )
        else:
            norm = np.nan
        rows.append(
            {
                "component": name,
                "wheel": spec.wheel,
                "raw": value,
                "normalized": norm,
                "weight": float(weights.get(name, 1.0)),
                "direction": spec.direction,
                "goalpost_low": lo,
                "goalpost_high": hi,
                "unit": spec.unit,
                "available": available,
                "meaning": spec.meaning,
            }
        )
    table = pd.DataFrame(rows).set_index("component")
    scores = {}
    for wheel in ("technology", "brand"):
        part = table[(table["wheel"] == wheel) & table["available"] & (table["weight"] > 0)]
        scores[wheel] = (
            float(np.average(part["normalized"], weights=part["weight"]))
            if len(part)
            else float("nan")
        )
    overall = (
        float(scores["technology"] ** a_w * scores["brand"] ** b_w)
        if all(np.isfinite(v) for v in scores.values())
        else float("nan")
    )
    return Readiness(
        table, scores["technology"], scores["brand"], overall, (a_w, b_w), unavailable, details
    )
