"""A population of generated clusters, to ask whether readiness at t = 0 predicts upgrading.

Clusters are drawn over a Latin hypercube of generator settings
(:data:`POPULATION_RANGES`) and, with ``behaviour=True``, of the model's
behavioural parameters over their plausible ranges (model uncertainty); each is
scored at t = 0 and simulated. Run through :func:`clusternet.sweep`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from clusternet._validate import check_int
from clusternet.dynamics import simulate_upgrading
from clusternet.experiments import latin_hypercube
from clusternet.generate import generate_cluster

__all__ = [
    "BASELINES",
    "INPUT_CLAIMS",
    "POPULATION_RANGES",
    "WHEEL_OUTCOMES",
    "calibrate_readiness_weights",
    "combined_outcome",
    "component_diagnostics",
    "discrimination",
    "input_effects",
    "partial_spearman",
    "population_designs",
    "population_study",
    "population_task",
    "predictive_validity",
    "spearman_interval",
]


#: Ranges of the generator parameters over which the readiness index is checked:
#: SME share (through the median firm size), institution density, openness,
#: association coverage, platform hub share, specialisation, and the firm-level
#: inputs the monograph names (R&D, quality) and tie densities.
POPULATION_RANGES: dict[str, tuple[float, float]] = {
    "size_median": (3.0, 30.0),
    "auxiliary_density": (0.3, 3.0),
    "openness": (0.0, 0.3),
    "association_membership": (0.05, 0.95),
    "hub_share": (0.0, 0.9),
    "n_specialisations": (1, 20),
    "rd_mean": (0.003, 0.05),
    "knowledge_tie_prob": (0.02, 0.4),
    "quality_mean": (0.3, 0.85),
    "transaction_degree": (1.0, 6.0),
    "technology_degree": (0.5, 3.0),
    "competition_degree": (0.5, 4.0),
}

#: Outcomes of a simulated cluster that each readiness wheel claims to predict.
#: The levels each wheel reaches after T steps (readiness predicts the level,
#: not the change, so that a strong brand is not rated low for having less to gain).
WHEEL_OUTCOMES = {
    "technology": ("knowledge_end", "innovations_per_firm"),
    "brand": ("reputation_end", "high_quality_end"),
}

#: The naive baselines every readiness rho is reported beside.
BASELINES = ("baseline:absorptive_capacity", "baseline:quality")


def population_designs(n: int, seed=None, behaviour: bool = False) -> list[dict]:
    """``n`` parameter sets, a scrambled Latin hypercube over :data:`POPULATION_RANGES`.

    With ``behaviour`` the hypercube also spans every behavioural parameter of
    the model over its plausible range (``clusternet.dynamics.parameters.PLAUSIBLE``),
    so each cluster is simulated under its own draw of the model.

    Parameters
    ----------
    n : int
        Number of parameter sets (clusters).
    seed : int, optional
        Seed of the hypercube.
    behaviour : bool, default False
        Span the model's behavioural parameters too.

    Returns
    -------
    list of dict
        ``n`` dicts of parameter name to value.

    Examples
    --------
    >>> d = population_designs(3, seed=1)
    >>> len(d), 1 <= d[0]["n_specialisations"] <= 20
    (3, True)
    """
    from clusternet.experiments import plausible_ranges

    n = check_int("n", n, minimum=2)
    ranges = dict(POPULATION_RANGES)
    if behaviour:
        ranges.update(plausible_ranges())
    return latin_hypercube(ranges, n, seed=seed, integers=("n_specialisations",))


def population_task(firms: int, steps: int, seed: int, **params) -> dict:
    """One cluster of the population: readiness at t = 0 and upgrading after ``steps`` steps.

    ``params`` that are behavioural parameters of the model (those with a
    plausible range) go to the simulation, the others to the generator. Returns
    the readiness components, the wheels, the naive baselines
    (``baseline:absorptive_capacity``: mean absorptive capacity of the firms;
    ``baseline:quality``: their mean quality) and the outcomes:
    ``knowledge_growth`` (mean firm knowledge, end − start), ``knowledge_end``,
    ``innovations_per_firm``, ``reputation_change``, ``high_quality_change``,
    ``reputation_end`` and ``high_quality_end``.

    Parameters
    ----------
    firms : int
        Cluster size.
    steps : int
        Steps simulated.
    seed : int
        Seed of the cluster and its simulation.
    **params : float
        Generator settings and behavioural parameters (see above).

    Returns
    -------
    dict of str to float
        One value per column named above.

    Examples
    --------
    >>> out = population_task(50, 1, 1)
    >>> {"technology", "brand", "knowledge_end", "baseline:quality"} <= set(out)
    True
    """
    from clusternet.dynamics.parameters import PLAUSIBLE
    from clusternet.measures import upgrading_readiness

    model = {k: v for k, v in params.items() if k in PLAUSIBLE}
    generator = {k: v for k, v in params.items() if k not in PLAUSIBLE}
    net = generate_cluster(firms, seed=seed, **generator)
    r = upgrading_readiness(net, seed=seed)
    ts = simulate_upgrading(net, steps, seed=seed, **model).timeseries
    first, last = ts.iloc[0], ts.iloc[-1]
    core = net.tier_mask("core")
    out = {f"raw:{k}": float(v) for k, v in r.components["raw"].items()}
    out.update({f"norm:{k}": float(v) for k, v in r.components["normalized"].items()})
    out.update(technology=r.technology, brand=r.brand, overall=r.overall)
    out["baseline:absorptive_capacity"] = float(
        np.mean(np.asarray(net.column("absorptive_capacity"), float)[core])
    )
    out["baseline:quality"] = float(np.mean(np.asarray(net.column("quality"), float)[core]))
    out.update(
        knowledge_growth=float(last["knowledge_mean"] - first["knowledge_mean"]),
        knowledge_end=float(last["knowledge_mean"]),
        innovations_per_firm=float(ts["innovations"].sum()) / firms,
        reputation_change=float(last["reputation"] - first["reputation"]),
        high_quality_change=float(last["high_quality_share"] - first["high_quality_share"]),
        reputation_end=float(last["reputation"]),
        high_quality_end=float(last["high_quality_share"]),
    )
    return out


def population_study(
    n: int = 200,
    firms: int = 800,
    steps: int = 30,
    seed=None,
    workers: int | None = None,
    behaviour: bool = False,
) -> pd.DataFrame:
    """Readiness and simulated upgrading over ``n`` generated clusters (through :func:`clusternet.sweep`).

    ``behaviour``: draw the model's behavioural parameters per cluster too
    (:func:`population_designs`).

    Parameters
    ----------
    n : int, default 200
        Number of clusters.
    firms : int, default 800
        Firms per cluster.
    steps : int, default 30
        Steps simulated per cluster.
    seed : int, optional
        The root seed.
    workers : int, optional
        Worker processes.
    behaviour : bool, default False
        As above.

    Returns
    -------
    DataFrame
        One row per cluster: its parameters and the columns of :func:`population_task`.

    Examples
    --------
    >>> t = population_study(2, firms=50, steps=1, seed=1, workers=1)
    >>> len(t), "overall" in t.columns
    (2, True)
    """
    from clusternet.ensemble import sweep

    designs = population_designs(n, seed, behaviour=behaviour)
    grid = [{**d, "firms": firms, "steps": steps} for d in designs]
    table = sweep(population_task, grid, seed=seed, workers=workers, progress=False)
    failed = table[table["status"] != "ok"]
    if len(failed):
        raise RuntimeError(f"{len(failed)} population tasks failed:\n{failed['error'].iloc[0]}")
    return table


def discrimination(table: pd.DataFrame, tolerance: float = 0.02) -> pd.DataFrame:
    """Per component: normalised spread and the share of clusters within ``tolerance`` of a goalpost.

    Parameters
    ----------
    table : DataFrame
        A :func:`population_study` table: one row per cluster.
    tolerance : float, default 0.02
        Distance from a goalpost (in normalised units) that counts as at it.

    Returns
    -------
    DataFrame
        Indexed by component: ``clusters``, ``normalized_sd``,
        ``share_at_low_goalpost``, ``share_at_high_goalpost``, ``min`` and ``max``.

    Examples
    --------
    >>> t = pd.DataFrame({"norm:a": [0.0, 0.5, 1.0], "norm:b": [0.5, 0.5, 0.5]})
    >>> d = discrimination(t)
    >>> float(d.loc["a", "share_at_low_goalpost"]), float(d.loc["b", "normalized_sd"])
    (0.3333333333333333, 0.0)
    """
    rows = []
    for col in [c for c in table.columns if c.startswith("norm:")]:
        v = table[col].dropna().to_numpy()
        rows.append(
            {
                "component": col[5:],
                "clusters": v.size,
                "normalized_sd": float(v.std(ddof=1)) if v.size > 1 else float("nan"),
                "share_at_low_goalpost": float(np.mean(v <= tolerance)),
                "share_at_high_goalpost": float(np.mean(v >= 1 - tolerance)),
                "min": float(v.min()),
                "max": float(v.max()),
            }
        )
    return pd.DataFrame(rows).set_index("component")


def spearman_interval(x, y, seed: int = 0, boot: int = 2000) -> tuple[float, float, float]:
    """Spearman's rho with a 95 % bootstrap (percentile) interval over clusters.

    Parameters
    ----------
    x, y : array-like of float
        Paired values, one pair per cluster (pairs with a NaN are dropped).
    seed : int, default 0
        Seed of the bootstrap.
    boot : int, default 2000
        Bootstrap resamples.

    Returns
    -------
    tuple of 3 floats
        ``(rho, low, high)``.

    Examples
    --------
    >>> rho, low, high = spearman_interval(np.arange(20.0), np.arange(20.0) ** 2)
    >>> rho, low <= rho <= high
    (1.0, True)
    """
    x, y = np.asarray(x, float), np.asarray(y, float)
    keep = np.isfinite(x) & np.isfinite(y)
    x, y = x[keep], y[keep]
    rho = float(stats.spearmanr(x, y).statistic)
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, x.size, size=(boot, x.size))
    rx = stats.rankdata(x[idx], axis=1)
    ry = stats.rankdata(y[idx], axis=1)
    rx -= rx.mean(axis=1, keepdims=True)
    ry -= ry.mean(axis=1, keepdims=True)
    r = (rx * ry).sum(axis=1) / np.sqrt((rx**2).sum(axis=1) * (ry**2).sum(axis=1))
    low, high = np.quantile(r[np.isfinite(r)], [0.025, 0.975])
    return rho, float(low), float(high)


def combined_outcome(table: pd.DataFrame) -> np.ndarray:
    """Mean of the outcome ranks (scaled to [0, 1]) of both wheels: upgrading overall.

    Parameters
    ----------
    table : DataFrame
        A :func:`population_study` table: one row per cluster.

    Returns
    -------
    ndarray of float, shape (n_clusters,)
        In [0, 1]; higher is more upgrading on both wheels.

    Examples
    --------
    >>> cols = [c for outs in WHEEL_OUTCOMES.values() for c in outs]
    >>> t = pd.DataFrame({c: [1.0, 2.0, 3.0] for c in cols})
    >>> combined_outcome(t).round(3).tolist()
    [0.333, 0.667, 1.0]
    """
    cols = [c for outs in WHEEL_OUTCOMES.values() for c in outs]
    ranks = np.column_stack([stats.rankdata(table[c]) / len(table) for c in cols])
    return ranks.mean(axis=1)


def predictive_validity(table: pd.DataFrame, boot: int = 2000) -> pd.DataFrame:
    """Spearman's rho (95 % bootstrap interval) of readiness at t = 0 with simulated upgrading.

    One row per (index, outcome): each wheel against each of its outcomes
    (:data:`WHEEL_OUTCOMES`) and ``overall`` against the combined outcome,
    with the naive baselines' rho beside it (``rho_absorptive_capacity``: mean
    absorptive capacity alone; ``rho_quality``: current mean quality alone) and
    ``beats_baselines``: readiness's interval lies above both baselines' rho.

    Parameters
    ----------
    table : DataFrame
        A :func:`population_study` table: one row per cluster.
    boot : int, default 2000
        Bootstrap resamples per interval.

    Returns
    -------
    DataFrame
        Columns ``index``, ``outcome``, ``rho``, ``ci_low``, ``ci_high``, the
        baselines' ``rho_*`` and ``beats_baselines``.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> t = pd.DataFrame(rng.random((30, 4)), columns=["technology", "brand",
    ...     "baseline:absorptive_capacity", "baseline:quality"])
    >>> t["overall"] = t["technology"] * t["brand"]
    >>> for c in ("knowledge_end", "innovations_per_firm"): t[c] = t["technology"]
    >>> for c in ("reputation_end", "high_quality_end"): t[c] = t["brand"]
    >>> float(predictive_validity(t, boot=100).loc[0, "rho"])
    1.0
    """
    pairs = [(wheel, o, table[o]) for wheel, outs in WHEEL_OUTCOMES.items() for o in outs]
    pairs.append(("overall", "combined", combined_outcome(table)))
    rows = []
    for index, outcome, y in pairs:
        rho, lo, hi = spearman_interval(table[index], y, boot=boot)
        row: dict[str, object] = {
            "index": index, "outcome": outcome, "rho": rho, "ci_low": lo, "ci_high": hi
        }  # fmt: skip
        others: list[float] = []
        for base in BASELINES:
            if base in table.columns:
                others.append(float(stats.spearmanr(table[base], y, nan_policy="omit").statistic))
                row[f"rho_{base.split(':')[1]}"] = others[-1]
        row["beats_baselines"] = bool(others) and bool(lo > max(others))
        rows.append(row)
    return pd.DataFrame(rows)


def calibrate_readiness_weights(table: pd.DataFrame, decimals: int = 1) -> dict[str, float]:
    """Component weights under which each readiness wheel best predicts its upgrading.

    For each wheel, non-negative least squares of the mean rank of the wheel's
    outcomes (:data:`WHEEL_OUTCOMES`) on the centred normalised components
    (``norm:`` columns of a :func:`population_study` table), the weights scaled
    to sum to 1 and rounded to ``decimals``. Non-negative because every
    component is oriented so that more is better; a component that would need a
    negative weight gets 0. The rounded weights of a wheel sum to exactly 1
    (largest-remainder rounding). The default weights
    (:data:`clusternet.measures.READINESS_WEIGHTS`) are equal, not fitted; use
    these to ask how far fitted weights could go, and always judge them on a
    population they were not fitted on.

    Parameters
    ----------
    table : DataFrame
        A :func:`population_study` table: one row per cluster.
    decimals : int, default 1
        Decimals of the rounded weights.

    Returns
    -------
    dict of str to float
        Weight per component; the weights of each wheel sum to 1.

    Examples
    --------
    >>> from clusternet.measures import READINESS_COMPONENTS
    >>> rng = np.random.default_rng(1)
    >>> t = pd.DataFrame({f"norm:{k}": rng.random(100) for k in READINESS_COMPONENTS})
    >>> for c in ("knowledge_end", "innovations_per_firm"): t[c] = t["norm:innovation_capacity"]
    >>> for c in ("reputation_end", "high_quality_end"): t[c] = t["norm:governance_coverage"]
    >>> w = calibrate_readiness_weights(t)
    >>> w["innovation_capacity"], w["governance_coverage"]
    (1.0, 1.0)
    """
    from scipy.optimize import nnls

    from clusternet.measures import READINESS_COMPONENTS

    weights: dict[str, float] = {}
    for wheel, outcomes in WHEEL_OUTCOMES.items():
        names = [k for k, spec in READINESS_COMPONENTS.items() if spec.wheel == wheel]
        x = table[[f"norm:{k}" for k in names]].to_numpy(dtype=np.float64)
        keep = np.isfinite(x).all(axis=1)
        target = np.mean([stats.rankdata(table[o]) / len(table) for o in outcomes], axis=0)
        x, target = x[keep], target[keep]
        if x.shape[0] < len(names) + 2:
            raise ValueError(
                f"calibrating the {wheel} wheel needs more than {len(names) + 1} complete "
                f"clusters, got {x.shape[0]}"
            )
        w, _ = nnls(x - x.mean(axis=0), target - target.mean())
        if w.sum() <= 0:
            raise ValueError(f"no component predicts the {wheel} wheel's outcomes")
        w = _round_to_sum_one(w / w.sum(), decimals)
        weights.update(zip(names, (float(v) for v in w), strict=True))
    return weights


def _round_to_sum_one(w: np.ndarray, decimals: int) -> np.ndarray:
    """Round shares to ``decimals`` so that they still sum to exactly 1 (largest remainders)."""
    unit = 10.0**decimals
    scaled = w * unit
    floor = np.floor(scaled)
    short = round(float(unit - floor.sum()))
    order = np.argsort(-(scaled - floor), kind="stable")
    floor[order[:short]] += 1
    return floor / unit


#: Population inputs and the outcomes the monograph says they raise (claim identifiers in
#: docs/validation.md): R&D raises innovation, association coverage holds the brand.
INPUT_CLAIMS = (
    ("rd_mean", "innovations_per_firm"),
    ("rd_mean", "knowledge_growth"),
    ("knowledge_tie_prob", "knowledge_growth"),
    ("association_membership", "reputation_change"),
    ("association_membership", "high_quality_change"),
)


def input_effects(table: pd.DataFrame) -> pd.DataFrame:
    """Spearman's rho (95 % bootstrap interval) of each population input with its claimed outcome.

    Parameters
    ----------
    table : DataFrame
        A :func:`population_study` table: one row per cluster.

    Returns
    -------
    DataFrame
        One row per (input, claimed outcome) of :data:`INPUT_CLAIMS`: ``input``,
        ``outcome``, ``rho``, ``ci_low`` and ``ci_high``.

    Examples
    --------
    >>> t = pd.DataFrame({k: np.arange(10.0) for pair in INPUT_CLAIMS for k in pair})
    >>> input_effects(t)["rho"].round(6).tolist() == [1.0] * len(INPUT_CLAIMS)
    True
    """
    rows = []
    for name, outcome in INPUT_CLAIMS:
        rho, lo, hi = spearman_interval(table[name], table[outcome])
        rows.append({"input": name, "outcome": outcome, "rho": rho, "ci_low": lo, "ci_high": hi})
    return pd.DataFrame(rows)


def partial_spearman(x, y, control) -> float:
    r"""Spearman's partial correlation of ``x`` and ``y`` given ``control``.

    The Pearson correlation of the ranks of ``x`` and ``y`` after each is
    regressed (least squares) on the ranks of ``control``:
    :math:`\rho_{xy\cdot z} = (\rho_{xy} - \rho_{xz}\rho_{yz}) /
    \sqrt{(1 - \rho_{xz}^2)(1 - \rho_{yz}^2)}` on ranks. It asks whether ``x``
    carries signal for ``y`` that ``control`` does not already carry.

    Parameters
    ----------
    x, y, control : array-like of float
        Paired values, one per cluster (no NaN).

    Returns
    -------
    float
        The partial rank correlation, NaN when a residual is constant.

    Examples
    --------
    >>> x = np.array([3.0, 1, 4, 1, 5, 9, 2, 6, 5, 3])
    >>> y, z = np.array([2.0, 7, 1, 8, 2, 8, 1, 8, 2, 8]), np.arange(10.0)
    >>> rxy, rxz, ryz = (stats.spearmanr(a, b).statistic for a, b in ((x, y), (x, z), (y, z)))
    >>> closed = (rxy - rxz * ryz) / np.sqrt((1 - rxz**2) * (1 - ryz**2))
    >>> bool(np.isclose(partial_spearman(x, y, z), closed))
    True
    """
    rx, ry, rz = (stats.rankdata(np.asarray(v, float)) for v in (x, y, control))
    if np.ptp(rx) == 0 or np.ptp(ry) == 0:
        return float("nan")
    design = np.column_stack([np.ones_like(rz), rz])
    ex = rx - design @ np.linalg.lstsq(design, rx, rcond=None)[0]
    ey = ry - design @ np.linalg.lstsq(design, ry, rcond=None)[0]
    if np.std(ex) < 1e-12 or np.std(ey) < 1e-12:
        return float("nan")
    return float(np.corrcoef(ex, ey)[0, 1])


def _wheel_score(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    """The weighted mean of the columns of ``x`` with weight > 0 (NaN when none has weight)."""
    keep = w > 0
    if not keep.any():
        return np.full(x.shape[0], np.nan)
    return x[:, keep] @ (w[keep] / w[keep].sum())


def component_diagnostics(
    table: pd.DataFrame, weights: dict[str, float] | None = None
) -> pd.DataFrame:
    """Which readiness components carry signal for their wheel's outcomes, beyond absorptive capacity.

    For every component of a wheel and every outcome of that wheel
    (:data:`WHEEL_OUTCOMES`): Spearman's rho of the normalised component with
    the outcome; the partial rho given the naive baseline, mean absorptive
    capacity (:func:`partial_spearman`: signal the baseline does not carry);
    the component's weight; and the rho of the wheel scored without it
    (leave one out: the other components' weights renormalised). A component
    whose weight is 0 is left out of the wheel already; its leave-one-out rho
    is the wheel's.

    Parameters
    ----------
    table : DataFrame
        A :func:`population_study` table: one row per cluster.
    weights : dict of str to float, optional
        Component weights (default :data:`clusternet.measures.READINESS_WEIGHTS`).

    Returns
    -------
    DataFrame
        One row per (component, outcome): ``wheel``, ``component``, ``outcome``,
        ``weight``, ``rho``, ``partial_rho_given_ac``, ``wheel_rho`` and
        ``wheel_rho_without``.

    Examples
    --------
    >>> from clusternet.measures import READINESS_COMPONENTS
    >>> rng = np.random.default_rng(0)
    >>> t = pd.DataFrame({f"norm:{k}": rng.random(50) for k in READINESS_COMPONENTS})
    >>> t["baseline:absorptive_capacity"] = t["norm:absorptive_capacity"]
    >>> for c in ("knowledge_end", "innovations_per_firm", "reputation_end", "high_quality_end"):
    ...     t[c] = t["norm:knowledge_linkage"]
    >>> d = component_diagnostics(t).set_index(["component", "outcome"])
    >>> round(float(d.loc[("knowledge_linkage", "knowledge_end"), "rho"]), 6)
    1.0
    """
    from clusternet.measures import READINESS_COMPONENTS, READINESS_WEIGHTS

    weights = {**READINESS_WEIGHTS, **(weights or {})}
    control = table["baseline:absorptive_capacity"].to_numpy(float)
    rows = []
    for wheel, outcomes in WHEEL_OUTCOMES.items():
        names = [k for k, spec in READINESS_COMPONENTS.items() if spec.wheel == wheel]
        x = table[[f"norm:{k}" for k in names]].to_numpy(float)
        w = np.array([weights[k] for k in names], float)
        full = _wheel_score(x, w)
        for i, name in enumerate(names):
            without = w.copy()
            without[i] = 0.0
            wheel_without = _wheel_score(x, without)
            for outcome in outcomes:
                y = table[outcome].to_numpy(float)
                rows.append(
                    {
                        "wheel": wheel,
                        "component": name,
                        "outcome": outcome,
                        "weight": float(w[i] / w.sum()),
                        "rho": (
                            float(stats.spearmanr(x[:, i], y).statistic)
                            if np.ptp(x[:, i]) > 0
                            else float("nan")
                        ),
                        "partial_rho_given_ac": partial_spearman(x[:, i], y, control),
                        "wheel_rho": float(stats.spearmanr(full, y).statistic),
                        "wheel_rho_without": float(stats.spearmanr(wheel_without, y).statistic),
                    }
                )
    return pd.DataFrame(rows)
