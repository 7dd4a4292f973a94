"""How well *any* index of a cluster's structure could predict an outcome under drawn behaviour.

Readiness is a function of a cluster's structure and stocks at t = 0. Its
predictive validity is tested on a population whose behavioural parameters are
drawn per cluster (model uncertainty), so part of every outcome's spread comes
from the drawn behaviour, which no structural index sees. That part caps every
index. For an outcome ``Y``, a structure ``S`` and any index ``f(S)``,

``|rho_S(f(S), Y)| = |corr(F(f(S)), F_Y(Y))| <= eta``,
``eta^2 = Var(E[F_Y(Y) | S]) / Var(F_Y(Y))``,

where ``rho_S`` is Spearman's rho (the correlation of the two probability
integral transforms ``F`` and ``F_Y``) and ``eta`` the correlation ratio of the
outcome's ranks on the structure: ``F(f(S))`` is a function of ``S``, and no
function of ``S`` correlates with a variable more than its conditional
expectation does (Pearson's correlation ratio; Rényi 1959, *Acta Math. Acad.
Sci. Hung.* 10:441). ``eta^2`` is estimated by running each structure under
several behaviour draws and reading the one-way random-effects intraclass
correlation of the outcome's ranks (ICC(1), Shrout & Fleiss 1979,
*Psychol. Bull.* 86:420; ``n_0`` for unequal group sizes from the unbalanced one-way
analysis of variance, Searle, Casella & McCulloch 1992, *Variance Components*, ch. 3):

``eta^2 = s_b^2 / (s_b^2 + MSW)``, ``s_b^2 = (MSB - MSW) / n_0``,
``n_0 = (N - sum_i n_i^2 / N) / (g - 1)``,

with ``MSB`` and ``MSW`` the between- and within-structure mean squares of
``g`` structures and ``N`` runs. The interval resamples structures. A target
above the ceiling cannot be met by any structural index in the population
(a sample of a few clusters can, by chance, exceed it): that is a property of
the design (how much the drawn behaviour decides), not a fault of the index.
The mean outcome of a structure over ``b`` draws is itself noisy: its
reliability is ``b eta^2 / (1 + (b - 1) eta^2)`` (Spearman-Brown), whose square
root caps any index's rho with that mean.

Each structure keeps its generator seed and its simulation seed across its
behaviour draws, so the simulation's own noise counts as structure: the
estimated ceiling is, if anything, above the true one (generous to the target).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from clusternet._validate import check_int
from clusternet.validation.population import (
    BASELINES,
    WHEEL_OUTCOMES,
    population_designs,
    spearman_interval,
)
from clusternet.validation.readiness_dynamics import DYNAMIC_OUTCOMES, READINESS_POLICIES

__all__ = [
    "CEILING_CLAIMS",
    "ceiling_designs",
    "ceiling_table",
    "structural_ceiling",
    "structural_ceiling_study",
    "structural_ceiling_task",
]


#: Readiness's claims per task design of :func:`structural_ceiling_task`: ``(index, outcome)``
#: pairs, an outcome tuple being the mean rank of its columns (docs/validation.md).
#: ``policies`` are read from the ``dynamics`` runs: the gap in the component a policy
#: targets against the policy's gain.
CEILING_CLAIMS: dict[str, list[tuple[str, str | tuple[str, ...]]]] = {
    "dynamics": [
        (index, outs[0] if len(outs) == 1 else tuple(outs))
        for index, outs in DYNAMIC_OUTCOMES.items()
    ],
    "policies": [
        (f"gap:{component}", f"gain:{policy}")
        for policy, (_, component, _) in READINESS_POLICIES.items()
    ],
    "levels": [
        *((wheel, out) for wheel, outs in WHEEL_OUTCOMES.items() for out in outs),
        ("overall", tuple(o for outs in WHEEL_OUTCOMES.values() for o in outs)),
    ],
}


def structural_ceiling(
    table: pd.DataFrame, outcome, group: str = "cluster", boot: int = 2000, seed: int = 0
) -> dict[str, float]:
    """The largest Spearman rho any function of the structure can reach with ``outcome``.

    Parameters
    ----------
    table : DataFrame
        One row per run; ``group`` names the structure the run belongs to.
    outcome : str or array-like of float
        A column of ``table`` or one value per row. Rows with a NaN are dropped.
    group : str, default "cluster"
        The column that identifies the structure.
    boot : int, default 2000
        Bootstrap resamples of the structures (0: no interval).
    seed : int, default 0
        Seed of the bootstrap.

    Returns
    -------
    dict of str to float
        ``eta2`` (the share of the outcome's rank variance the structure
        explains, clipped to [0, 1]), ``ceiling`` (its square root: the bound on
        Spearman's rho), ``ci_low`` and ``ci_high`` (95 % percentile interval of
        the ceiling over structures), ``loo_rho`` (Spearman's rho of each run's
        outcome with the mean of the other runs of its structure: an attainable,
        noisy predictor, below the ceiling), ``eta2_sample`` (the between-structure
        share of the ranks' sum of squares in this sample: the exact in-sample
        bound on the squared rho of any function of the structure, biased upward
        as an estimate of ``eta2``), ``groups`` and ``runs``.

    Notes
    -----
    ``eta^2 = s_b^2 / (s_b^2 + MSW)`` with ``s_b^2 = (MSB - MSW) / n_0`` on the
    ranks of the outcome (module docstring). Reference: Shrout & Fleiss (1979),
    ICC(1).

    Examples
    --------
    >>> t = pd.DataFrame({"cluster": [0, 0, 1, 1, 2, 2], "y": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]})
    >>> round(structural_ceiling(t, "y", boot=0)["ceiling"], 3)  # sqrt(3.75 / 4.25)
    0.939
    """
    if group not in table.columns:
        raise ValueError(f"table has no column {group!r} (the structure of each run)")
    boot = check_int("boot", boot, minimum=0)
    y = np.asarray(table[outcome] if isinstance(outcome, str) else outcome, dtype=float)
    if y.shape != (len(table),):
        raise ValueError(f"outcome has {y.size} values for {len(table)} rows")
    keep = np.isfinite(y)
    codes, _ = pd.factorize(table[group].to_numpy()[keep])
    u = stats.rankdata(y[keep])
    n_groups = int(codes.max()) + 1 if codes.size else 0
    if n_groups < 2 or codes.size <= n_groups:
        raise ValueError("outcome needs at least two structures and more runs than structures")
    eta2 = _rank_eta2(u, codes)
    out = {"eta2": eta2, "ceiling": float(np.sqrt(eta2)), "loo_rho": _loo_rho(u, codes)}
    means = (np.bincount(codes, weights=u) / np.bincount(codes))[codes]
    out["eta2_sample"] = float(((means - u.mean()) ** 2).sum() / ((u - u.mean()) ** 2).sum())
    out.update(groups=float(n_groups), runs=float(codes.size))
    out["ci_low"] = out["ci_high"] = float("nan")
    if boot:
        kept = y[keep]
        sims = [
            np.sqrt(_rank_eta2(stats.rankdata(kept[rows]), labels))
            for rows, labels in _structure_resamples(codes, boot, seed)
        ]
        out["ci_low"], out["ci_high"] = (float(v) for v in np.quantile(sims, [0.025, 0.975]))
    return out


def _structure_resamples(codes: np.ndarray, boot: int, seed: int):
    """``boot`` bootstrap resamples of whole structures: each run's row and its new label."""
    members = [np.flatnonzero(codes == g) for g in np.unique(codes)]
    rng = np.random.default_rng(seed)
    for _ in range(boot):
        pick = rng.integers(0, len(members), size=len(members))
        rows = np.concatenate([members[g] for g in pick])
        yield rows, np.repeat(np.arange(pick.size), [members[g].size for g in pick])


def _rank_eta2(u: np.ndarray, codes: np.ndarray) -> float:
    """ICC(1) of ``u`` by group ``codes`` (unbalanced one-way ANOVA), clipped to [0, 1]."""
    n_i = np.bincount(codes).astype(float)
    g, n = n_i.size, float(codes.size)
    means = np.bincount(codes, weights=u) / n_i
    grand = u.mean()
    msb = float((n_i * (means - grand) ** 2).sum() / (g - 1))
    msw = float(((u - means[codes]) ** 2).sum() / (n - g))
    n0 = (n - (n_i**2).sum() / n) / (g - 1)
    between = max((msb - msw) / n0, 0.0)
    total = between + msw
    return float(between / total) if total > 0 else 0.0


def _loo_rho(u: np.ndarray, codes: np.ndarray) -> float:
    n_i = np.bincount(codes).astype(float)
    sums = np.bincount(codes, weights=u)
    ok = n_i[codes] > 1
    loo = (sums[codes] - u)[ok] / (n_i[codes][ok] - 1)
    if ok.sum() < 3:
        return float("nan")
    return float(stats.spearmanr(loo, u[ok]).statistic)


def ceiling_designs(n: int, draws: int, seed=None) -> list[dict]:
    """``n`` structures, each under ``draws`` behaviour draws from the plausible ranges.

    The structures are the readiness population's generator settings
    (:func:`~clusternet.validation.population_designs` without behaviour); the
    behaviour is a separate Latin hypercube of ``n * draws`` points over every
    behavioural parameter's plausible range, dealt to the structures in order.
    Each point carries ``cluster`` (the structure's number) and
    ``structure_seed`` (its generator and simulation seed, the same for all its
    draws).

    Parameters
    ----------
    n : int
        Number of structures (>= 2).
    draws : int
        Behaviour draws per structure (>= 2).
    seed : int, optional
        Seed of both hypercubes and of the structure seeds.

    Returns
    -------
    list of dict
        ``n * draws`` parameter sets, structure-major.

    Examples
    --------
    >>> d = ceiling_designs(2, 3, seed=1)
    >>> len(d), d[0]["structure_seed"] == d[2]["structure_seed"] != d[3]["structure_seed"]
    (6, True)
    >>> d[0]["size_median"] == d[1]["size_median"], d[0]["revision_rate"] == d[1]["revision_rate"]
    (True, False)
    """
    from clusternet.experiments import latin_hypercube, plausible_ranges

    n = check_int("n", n, minimum=2)
    draws = check_int("draws", draws, minimum=2)
    root = np.random.SeedSequence(seed)
    s_struct, s_beh, s_seeds = root.spawn(3)
    structures = population_designs(n, s_struct)
    behaviour = latin_hypercube(plausible_ranges(), n * draws, seed=s_beh)
    seeds = s_seeds.generate_state(n, dtype=np.uint32)
    return [
        {**structures[i], **behaviour[i * draws + j], "cluster": i,
         "structure_seed": int(seeds[i])}
        for i in range(n)
        for j in range(draws)
    ]  # fmt: skip


def structural_ceiling_task(
    kind: str, firms: int, steps: int, structure_seed: int, cluster: int, seed=None, **params
) -> dict:
    """One run of a readiness task on structure ``cluster`` under one behaviour draw.

    ``kind`` "dynamics" runs
    ``clusternet.validation.readiness_dynamics.readiness_dynamics_task``
    (catch-up, scandal recovery); "levels" runs
    :func:`~clusternet.validation.population_task` (the levels reached). Both
    get ``structure_seed`` as their seed, so every draw of a structure has the
    same network, the same readiness and the same random numbers; the sweep's
    own ``seed`` is ignored.

    Parameters
    ----------
    kind : {"dynamics", "levels"}
        The task.
    firms, steps : int
        Cluster size and steps per simulation.
    structure_seed : int
        Seed of the structure (network and simulation).
    cluster : int
        The structure's number (returned unchanged, for grouping).
    seed : optional
        Ignored (the sweep's task seed).
    **params : float
        Generator settings and behavioural parameters.

    Returns
    -------
    dict of str to float
        The task's columns.

    Examples
    --------
    >>> out = structural_ceiling_task("levels", 30, 1, structure_seed=4, cluster=0)
    >>> "knowledge_end" in out and "technology" in out
    True
    """
    from clusternet.validation.population import population_task
    from clusternet.validation.readiness_dynamics import readiness_dynamics_task

    tasks = {"dynamics": readiness_dynamics_task, "levels": population_task}
    if kind not in tasks:
        raise ValueError(f"kind must be one of {sorted(tasks)}, got {kind!r}")
    return tasks[kind](firms, steps, structure_seed, **params)


def structural_ceiling_study(
    kind: str,
    n: int = 40,
    draws: int = 6,
    firms: int = 100,
    steps: int = 20,
    seed=None,
    workers: int | None = None,
) -> pd.DataFrame:
    """Run :func:`structural_ceiling_task` over :func:`ceiling_designs` (through ``cn.sweep``).

    Parameters
    ----------
    kind : {"dynamics", "levels"}
        The readiness task (:func:`structural_ceiling_task`).
    n : int, default 40
        Structures.
    draws : int, default 6
        Behaviour draws per structure.
    firms : int, default 100
        Firms per cluster.
    steps : int, default 20
        Steps per simulation.
    seed : int, optional
        Root seed of the designs.
    workers : int, optional
        Worker processes.

    Returns
    -------
    DataFrame
        One row per run: ``cluster``, ``structure_seed``, the drawn parameters
        and the task's columns.

    Examples
    --------
    >>> t = structural_ceiling_study("levels", 2, 2, firms=30, steps=1, seed=1, workers=1)
    >>> len(t), sorted(set(t["cluster"]))
    (4, [0, 1])
    """
    from clusternet.ensemble import sweep

    grid = [
        {**d, "kind": kind, "firms": firms, "steps": steps} for d in ceiling_designs(n, draws, seed)
    ]
    table = sweep(structural_ceiling_task, grid, seed=seed, workers=workers, progress=False)
    failed = table[table["status"] != "ok"]
    if len(failed):
        raise RuntimeError(f"{len(failed)} ceiling tasks failed:\n{failed['error'].iloc[0]}")
    return table


def ceiling_table(table: pd.DataFrame, claims, boot: int = 2000) -> pd.DataFrame:
    """Per (index, outcome): the structural ceiling beside the index's and the baselines' rho.

    The rhos are pooled over all runs (each structure's index repeated over its
    draws), so they are measured on the same design as the ceiling. The indices
    must be constant within a structure (readiness at t = 0 is).

    Parameters
    ----------
    table : DataFrame
        A :func:`structural_ceiling_study` table.
    claims : iterable of (str, str or tuple of str)
        ``(index column, outcome)`` pairs; an outcome given as a tuple of
        columns is read as their mean rank (a combined outcome). An index
        ``gap:<component>`` is the gap ``1 - norm:<component>`` (the policy
        ranking's predictor), and the baselines are then read as gaps too.
    boot : int, default 2000
        Bootstrap resamples of the ceiling's interval.

    Returns
    -------
    DataFrame
        ``index``, ``outcome``, ``rho`` (the index's Spearman rho with the
        outcome over all runs) with ``rho_ci_low``, ``rho_ci_high`` (95 %
        interval resampling whole structures), ``rho_absorptive_capacity``,
        ``rho_quality``, ``ceiling``,
        ``ci_low``, ``ci_high``, ``loo_rho``, ``target_attainable`` (0.6 below
        the ceiling's upper 95 % bound), and ``rho_expected`` with
        its 95 % interval ``expected_ci_low``, ``expected_ci_high``, and
        ``rho_expected_absorptive_capacity`` and ``rho_expected_quality``: the
        rhos over structures with the outcome each structure reaches on average
        over its draws (the upgrading expected under model uncertainty), and
        ``expected_ceiling``, the cap on that rho set by the draws' noise:
        ``sqrt(b eta^2 / (1 + (b - 1) eta^2))`` with ``b`` the mean number of
        draws per structure (Spearman-Brown on the ranks; approximate for the
        mean of the raw outcome). An index column that is not constant
        within a structure raises a ValueError.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> t = pd.DataFrame({"cluster": np.repeat(np.arange(10), 3), "y": rng.random(30)})
    >>> t["x"] = t["cluster"] + 0.0
    >>> for b in BASELINES:
    ...     t[b] = t["x"]
    >>> row = ceiling_table(t, [("x", "y")], boot=0).iloc[0]
    >>> bool(row["rho"] <= 1), row["outcome"]
    (True, 'y')
    """
    rows = []
    for index, outcomes in claims:
        if isinstance(outcomes, str):
            y, name = table[outcomes].to_numpy(float), outcomes
        else:
            ranks = [stats.rankdata(table[c].to_numpy(float), nan_policy="omit") for c in outcomes]
            y, name = np.mean(ranks, axis=0) / len(table), " & ".join(outcomes)
        gap = index.startswith("gap:")
        x = {
            "rho": _index_values(table, index),
            **{
                label: (1.0 - table[b].to_numpy(float)) if gap else table[b].to_numpy(float)
                for label, b in zip(_BASELINE_LABELS, BASELINES, strict=True)
            },
        }
        row: dict = {"index": index, "outcome": name}
        for label, values in x.items():
            ok = np.isfinite(values) & np.isfinite(y)
            row[label] = float(stats.spearmanr(values[ok], y[ok]).statistic)
        row["rho_ci_low"], row["rho_ci_high"] = _pooled_interval(
            x["rho"], y, table["cluster"].to_numpy(), boot
        )
        # the outcome expected under model uncertainty: each structure's mean over its draws
        groups = pd.DataFrame({"g": table["cluster"].to_numpy(), "y": y, **x}).groupby("g")
        varying = [label for label in x if (groups[label].nunique(dropna=False) > 1).any()]
        if varying:
            column = index if varying[0] == "rho" else BASELINES[_BASELINE_LABELS.index(varying[0])]
            raise ValueError(
                f"{column!r} varies within a structure; an index of structure is one value "
                "per structure"
            )
        per, first = groups["y"].mean().to_numpy(), groups.first()
        for label, key in (("rho_expected", "rho"), *zip(_EXPECTED_LABELS, _BASELINE_LABELS)):
            row[label] = float(stats.spearmanr(first[key], per).statistic)
        _, row["expected_ci_low"], row["expected_ci_high"] = spearman_interval(
            first["rho"], per, boot=max(boot, 1)
        )
        c = structural_ceiling(table.assign(_y=y), "_y", boot=boot)
        row.update({k: c[k] for k in ("ceiling", "ci_low", "ci_high", "loo_rho")})
        b = c["runs"] / c["groups"]
        row["expected_ceiling"] = float(np.sqrt(b * c["eta2"] / (1 + (b - 1) * c["eta2"])))
        row["target_attainable"] = bool(
            (c["ci_high"] if np.isfinite(c["ci_high"]) else c["ceiling"]) >= 0.6
        )
        rows.append(row)
    return pd.DataFrame(rows)


def _index_values(table: pd.DataFrame, index: str) -> np.ndarray:
    """An index column, or for ``gap:<component>`` the gap ``1 - norm:<component>``."""
    if index.startswith("gap:"):
        return 1.0 - table[f"norm:{index[4:]}"].to_numpy(float)
    return table[index].to_numpy(float)


def _pooled_interval(x: np.ndarray, y: np.ndarray, groups: np.ndarray, boot: int):
    """95 % percentile interval of the pooled Spearman rho, resampling whole structures."""
    if not boot:
        return float("nan"), float("nan")
    ok = np.isfinite(x) & np.isfinite(y)
    x, y = x[ok], y[ok]
    codes = np.unique(groups[ok], return_inverse=True)[1]  # structures in sorted order
    sims = [
        stats.spearmanr(x[rows], y[rows]).statistic
        for rows, _ in _structure_resamples(codes, boot, 0)
    ]
    low, high = np.nanquantile(sims, [0.025, 0.975])
    return float(low), float(high)


_BASELINE_LABELS = ("rho_absorptive_capacity", "rho_quality")
_EXPECTED_LABELS = ("rho_expected_absorptive_capacity", "rho_expected_quality")
