"""Composite indicators the OECD/JRC way: normalisation, weights, aggregation, sensitivity.

Raw components are kept visible, normalised explicitly (min–max, z-score, rank
or absolute goalposts), weighted, and aggregated (arithmetic, geometric or
harmonic); :func:`sensitivity` and :func:`sobol` report how much a result
depends on those choices (Nardo et al. 2008; Saltelli et al. 2008; SALib).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence

import numpy as np
import pandas as pd

from clusternet._scaling import by_largest
from clusternet._validate import check_factors, check_int, seed_sequence, show

NORMALIZATIONS = ("minmax", "zscore", "rank", "goalpost")
AGGREGATIONS = ("arithmetic", "geometric", "harmonic")


# ---------------------------------------------------------------------- composite indicators
def normalize(
    values: pd.Series | np.ndarray,
    method: str = "minmax",
    goalposts: tuple[float, float] | None = None,
    direction: int = 1,
) -> np.ndarray:
    r"""Normalise one indicator (Nardo et al. 2008, section 5).

    * ``minmax``: :math:`(x - \min) / (\max - \min)` (0.5 for a constant indicator);
    * ``zscore``: :math:`(x - \bar x) / s` (0 for a constant indicator);
    * ``rank``: :math:`(\mathrm{rank} - 1) / (n - 1)` with average ranks for
      ties (0.5 if :math:`n = 1`);
    * ``goalpost``: :math:`\mathrm{clip}((x - L) / (H - L), 0, 1)` with absolute
      goalposts :math:`(L, H)` — comparable across clusters and over time.

    Parameters
    ----------
    values : pandas.Series or numpy.ndarray
        The indicator, one value per unit; NaN stays NaN (a missing value),
        :math:`\pm\infty` is refused.
    method : {"minmax", "zscore", "rank", "goalpost"}, default "minmax"
        The normalisation.
    goalposts : tuple (low, high), optional
        Needed by ``"goalpost"``.
    direction : {1, -1}, default 1
        ``-1`` marks an indicator where less is better (:math:`1 - v`, or :math:`-z`).

    Returns
    -------
    numpy.ndarray of float64
        The normalised values.

    Notes
    -----
    Degenerate cases: an empty or all-missing indicator comes back all NaN; a
    constant one gives 0.5 (min–max, rank) or 0 (z-score). Values are divided by
    their largest magnitude before differences are taken (the normalisations
    are invariant to a common scale), so indicators near ``±1e308`` normalise
    without overflow. An infinite value raises a ValueError naming its position.

    References
    ----------
    Nardo, M., et al. (2008). *Handbook on Constructing Composite Indicators*. OECD/JRC.

    Examples
    --------
    >>> import numpy as np
    >>> from clusternet.measures import normalize
    >>> x = np.array([2.0, 4.0, 4.0, 10.0])
    >>> print(normalize(x))
    [0.   0.25 0.25 1.  ]
    >>> print(normalize(x, "rank"))
    [0.  0.5 0.5 1. ]
    >>> print(normalize(x, "goalpost", goalposts=(0.0, 8.0), direction=-1))
    [0.75 0.5  0.5  0.  ]
    >>> normalize([1e308, -1e308, 0.0], "zscore").round(4).tolist()
    [1.2247, -1.2247, 0.0]
    """
    x = np.asarray(values, dtype=np.float64)
    if method not in NORMALIZATIONS:
        raise ValueError(f"normalization must be one of {NORMALIZATIONS}, got {show(method)}")
    if direction not in (1, -1):
        raise ValueError(f"direction must be 1 or -1, got {show(direction)}")
    infinite = np.isinf(x)
    if infinite.any():
        k = int(np.flatnonzero(infinite.ravel())[0])
        raise ValueError(
            f"values has an infinite value {show(x.ravel()[k])} at position {k}; "
            "NaN marks a missing value, inf is not a measurement"
        )
    finite = np.isfinite(x)
    out = np.full(x.shape, np.nan)
    v = x[finite]
    if method in ("minmax", "zscore") and v.size:
        v, _ = by_largest(v)  # invariant to scale; differences of values near 1e308 overflow
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
        # halves: differences of goalposts near ±1e308 stay finite
        out[finite] = np.clip((v / 2 - lo / 2) / (hi / 2 - lo / 2), 0.0, 1.0)
    return out if direction == 1 else 1.0 - out


def _aggregate(matrix: np.ndarray, weights: np.ndarray, aggregation: str) -> np.ndarray:
    # relative weights: scaled by the largest first, so weights near float max do not sum
    # to inf (inf / inf = NaN) and subnormal ones keep their ratios
    w, _ = by_largest(weights)
    w = w / math.fsum(w)
    if aggregation == "arithmetic":
        return matrix @ w
    if aggregation == "geometric":
        if (matrix < 0).any():
            raise ValueError(
                "geometric aggregation needs non-negative normalised values (not z-scores)"
            )
        with np.errstate(divide="ignore"):
            logs = np.log(matrix)  # log 0 = -inf, and exp(-inf) = 0: a zero component gives 0
        return np.exp(logs @ w)
    if aggregation == "harmonic":
        if (matrix < 0).any():
            raise ValueError(
                "harmonic aggregation needs non-negative normalised values (not z-scores)"
            )
        with np.errstate(divide="ignore"):
            inv = 1.0 / matrix  # 1/0 = inf, and 1/inf = 0: a zero component gives 0
        return 1.0 / (inv @ w)
    raise ValueError(f"aggregation must be one of {AGGREGATIONS}, got {show(aggregation)}")


def composite_index(
    table: pd.DataFrame,
    normalization: str | Mapping[str, str] = "minmax",
    goalposts: Mapping[str, tuple[float, float]] | None = None,
    weights: Mapping[str, float] | None = None,
    aggregation: str = "arithmetic",
    directions: Mapping[str, int] | None = None,
) -> pd.DataFrame:
    r"""A composite indicator of the columns of ``table`` (one row per unit).

    Each column is normalised (:func:`normalize`), then aggregated with
    weights :math:`w_k` (normalised to sum 1; equal by default):

    * arithmetic :math:`\sum_k w_k v_k` (full compensation between components);
    * geometric :math:`\prod_k v_k^{w_k}` (partial compensation; 0 if any component is 0);
    * harmonic :math:`1 / \sum_k (w_k / v_k)` (least compensation).

    Parameters
    ----------
    table : pandas.DataFrame
        One row per unit, one column per component.
    normalization : str or dict {column: str}, default "minmax"
        A method for all columns or one per column (see :func:`normalize`).
    goalposts : dict {column: (low, high)}, optional
        Goalposts of the ``"goalpost"`` columns.
    weights : dict {column: weight}, optional
        Component weights (default equal).
    aggregation : {"arithmetic", "geometric", "harmonic"}, default "arithmetic"
        How components combine.
    directions : dict {column: 1 or -1}, optional
        ``-1`` where less is better.

    Returns
    -------
    pandas.DataFrame
        The normalised columns plus ``index``. A unit with a NaN component gets a
        NaN index — drop or impute explicitly first. An infinite value is
        refused (a ValueError naming its column and row), not treated as missing.

    References
    ----------
    Nardo, M., Saisana, M., Saltelli, A., Tarantola, S., Hoffman, A., &
    Giovannini, E. (2008). *Handbook on Constructing Composite Indicators:
    Methodology and User Guide*. OECD/JRC.

    Examples
    --------
    >>> import pandas as pd
    >>> from clusternet.measures import composite_index
    >>> table = pd.DataFrame({"rd": [0.0, 0.5, 1.0], "skills": [1.0, 0.5, 0.0]}, index=list("abc"))
    >>> posts = {"rd": (0, 1), "skills": (0, 1)}
    >>> weights = {"rd": 3, "skills": 1}
    >>> print(composite_index(table, "goalpost", posts, weights).to_string())
        rd  skills  index
    a  0.0     1.0   0.25
    b  0.5     0.5   0.50
    c  1.0     0.0   0.75

    Geometric aggregation gives no credit for a zero component:

    >>> print(composite_index(table, aggregation="geometric")["index"].round(3).to_string())
    a    0.0
    b    0.5
    c    0.0
    """
    if not isinstance(table, pd.DataFrame) or table.shape[1] == 0:
        raise ValueError("table must be a DataFrame with at least one column")
    columns = list(table.columns)
    weights = dict(weights or {c: 1.0 for c in columns})
    unknown = set(weights) - set(columns)
    if unknown:
        raise ValueError(f"weights name columns {sorted(unknown)} not in the table {columns}")
    w = np.array([float(weights.get(c, 0.0)) for c in columns])
    if (w < 0).any() or not np.isfinite(w).all() or not (w > 0).any():
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
        column = table[c].to_numpy(dtype=np.float64)
        infinite = np.isinf(column)
        if infinite.any():
            row = table.index[int(np.flatnonzero(infinite)[0])]
            raise ValueError(
                f"column {show(c)} has an infinite value at row {show(row)}; "
                "NaN marks a missing value, inf is not a measurement"
            )
        normalized[c] = normalize(column, method, goalposts.get(c), int(directions.get(c, 1)))
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
    r"""Sobol first-order and total indices of a scalar model (Saltelli sampling, SALib).

    For output :math:`Y = f(X_1, \dots, X_k)`,

    .. math::

        S_i = \frac{\operatorname{Var}(E[Y \mid X_i])}{\operatorname{Var}(Y)}, \qquad
        S_{T,i} = 1 - \frac{\operatorname{Var}(E[Y \mid X_{\sim i}])}{\operatorname{Var}(Y)}.

    Parameters
    ----------
    func : callable
        Maps an (N, k) array of factor values to N outputs.
    names : sequence of str
        Factor names.
    bounds : sequence of (low, high)
        Uniform range of each factor.
    n : int, default 512
        Base sample size (a power of 2; :math:`N = n (k + 2)` evaluations).
    seed : int or numpy.random.SeedSequence, optional
        Seed of the sampling and bootstrap.

    Returns
    -------
    pandas.DataFrame
        One row per factor: ``S1``, ``S1_conf``, ``ST``, ``ST_conf`` (95 %
        bootstrap half-widths).

    Raises
    ------
    TypeError
        ``func`` not callable, ``names`` not a list of strings, ``n`` not an integer.
    ValueError
        No or repeated ``names``; ``bounds`` not one finite ``(low, high)`` with
        ``low < high`` (and a finite width) per name; ``n < 2``; ``func`` returning
        other than one finite value per sample. All are checked before any sampling
        or evaluation except the last.

    References
    ----------
    Saltelli, A., et al. (2010). Variance based sensitivity analysis of model
    output. *Computer Physics Communications* 181:259–270. Herman, J., & Usher,
    W. (2017). SALib. *JOSS* 2(9).

    Examples
    --------
    For :math:`Y = X_1 + 2 X_2` with uniform factors the indices are
    :math:`1/5` and :math:`4/5`:

    >>> from clusternet.measures import sobol
    >>> res = sobol(lambda x: x[:, 0] + 2.0 * x[:, 1], ["a", "b"], [(0, 1), (0, 1)], n=1024, seed=1)
    >>> print(res[["S1", "ST"]].round(2).to_string())
        S1   ST
    a  0.2  0.2
    b  0.8  0.8
    """
    from SALib.analyze import sobol as sobol_analyze
    from SALib.sample import sobol as sobol_sample

    factors, ranges = check_factors(names, bounds, "a Sobol analysis")
    if not callable(func):
        raise TypeError(f"func must be callable, got {type(func).__name__}")
    n = check_int("n", n, minimum=2)
    problem = {"num_vars": len(factors), "names": factors, "bounds": ranges}
    seed_int = int(seed_sequence(seed).generate_state(1)[0] % (2**31))
    x = sobol_sample.sample(problem, n, calc_second_order=False, seed=seed_int)
    y = np.asarray(func(x), dtype=np.float64)
    if y.shape != (x.shape[0],) or not np.isfinite(y).all():
        raise ValueError(
            f"func must return {x.shape[0]} finite values (one per row of its input), got "
            f"shape {y.shape}" + ("" if y.shape != (x.shape[0],) else " with non-finite values")
        )
    res = sobol_analyze.analyze(
        problem, y, calc_second_order=False, seed=seed_int, print_to_console=False
    )
    return pd.DataFrame(
        {"S1": res["S1"], "S1_conf": res["S1_conf"], "ST": res["ST"], "ST_conf": res["ST_conf"]},
        index=factors,
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
    r"""Uncertainty and Sobol sensitivity of a composite ranking to the analyst's choices.

    Factors: each weight varies uniformly in :math:`w (1 \pm r)`; the
    normalisation and aggregation are discrete factors (a uniform draw picks
    one of ``normalizations`` / ``aggregations``; geometric aggregation of
    z-scores falls back to arithmetic). For every sample the units are ranked
    (1 = best); the output is the mean absolute shift in rank against the
    reference ranking (Saisana, Saltelli & Tarantola 2005).

    Parameters
    ----------
    table : pandas.DataFrame
        One row per unit, one column per component.
    weights : dict {column: weight}, optional
        Reference weights (default equal).
    weight_range : float, default 0.5
        Relative range :math:`r` of each weight.
    normalizations : sequence of str, default ("minmax", "zscore", "rank")
        Normalisations the draw picks from.
    aggregations : sequence of str, default ("arithmetic", "geometric")
        Aggregations the draw picks from.
    goalposts, directions : dict, optional
        As in :func:`composite_index`.
    n : int, default 256
        Base sample size of the Saltelli design.
    seed : int, optional
        Seed.

    Returns
    -------
    dict {"ranks": DataFrame, "indices": DataFrame}
        ``ranks``: per unit, reference rank and the 5 %, 50 % and 95 % rank
        quantiles; ``indices``: Sobol ``S1`` and ``ST`` per factor.

    References
    ----------
    Saisana, M., Saltelli, A., & Tarantola, S. (2005). Uncertainty and
    sensitivity analysis techniques as tools for the quality assessment of
    composite indicators. *J. R. Stat. Soc. A* 168:307–323.

    Examples
    --------
    >>> import pandas as pd
    >>> from clusternet.measures import sensitivity
    >>> table = pd.DataFrame({"rd": [0.9, 0.5, 0.1, 0.4], "skills": [0.8, 0.6, 0.2, 0.1]},
    ...                      index=list("abcd"))
    >>> out = sensitivity(table, n=64, seed=1)
    >>> print(out["ranks"].round(1).to_string())
       reference_rank  rank_p05  rank_median  rank_p95
    a             1.0       1.0          1.0       1.0
    b             2.0       2.0          2.0       2.0
    c             4.0       3.0          4.0       4.0
    d             3.0       3.0          3.0       4.0
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
        if norm == "zscore":
            agg = "arithmetic"  # z-scores are negative: no geometric or harmonic mean
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
