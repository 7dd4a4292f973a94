"""Robustness of a proposition over the plausible parameter space, not at one point.

A declared row is rerun at every point of a Latin hypercube over the model's
behavioural parameters (their plausible ranges); at each point its claims get
their paired interval over replicates. The result is, per claim, the share of
draws in which it holds (with a Clopper–Pearson interval) and the draws
themselves, on which :func:`clusternet.scenario_discovery` finds the parameter
boxes where the claim fails.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats

from clusternet._validate import check_int, seed_sequence
from clusternet.experiments import (
    arm_task,
    final_values,
    latin_hypercube,
    paired_interval,
    plausible_ranges,
    scenario_discovery,
    task_settings,
)
from clusternet.validation.propositions import PROPOSITIONS
from clusternet.validation.rows import Row
from clusternet.validation.wiring import WIRING

__all__ = ["Robustness", "robustness", "robustness_task"]


def _row(key: str) -> Row:
    rows = {**WIRING, **PROPOSITIONS}
    if key not in rows:
        raise ValueError(f"unknown row {key!r}; known: {', '.join(rows)}")
    row = rows[key]
    if row.experiment is None:
        raise ValueError(
            f"row {key} is not a declaration of model arms; robustness needs one "
            f"(declared rows: {', '.join(k for k, r in rows.items() if r.experiment)})"
        )
    return row


def robustness_task(
    key: str, replicate: int, root: int, firms: int, steps: int, draw: int = 0, seed=None, **theta
) -> dict:
    """One replicate of every arm of row ``key`` at parameter point ``theta``.

    Arms' own model settings override ``theta`` (a lever stays a lever); the
    seeds are the experiment layer's, so all arms — and all draws — share the
    replicate's cluster and model streams (``seed``, the sweep's own, is
    ignored; ``draw`` only labels the design point). Returns ``claim_i``: the
    claim's paired difference (arm minus reference; an absolute claim's own value).

    Parameters
    ----------
    key : str
        A row of :data:`clusternet.validation.EXPERIMENTS` with a declared experiment.
    replicate : int
        The replicate number (keys the cluster's and the model's streams).
    root : int
        The root seed.
    firms : int
        Cluster size.
    steps : int
        Steps per run.
    draw : int, default 0
        The design point's label.
    seed : optional
        Ignored (see above).
    **theta : float
        Behavioural parameter values of the design point.

    Returns
    -------
    dict of str to float
        ``claim_i``: the paired difference of claim ``i`` of the row (see above).

    Examples
    --------
    >>> out = robustness_task("V3", 0, 7, 50, 1)
    >>> sorted(out)
    ['claim_0']
    """
    exp = _row(key).experiment
    assert exp is not None
    values = {}
    for arm in exp.arms:
        ts = arm_task(
            arm.name,
            replicate,
            steps,
            root,
            list(exp.series),
            firms=firms,
            **task_settings(exp.arms, arm.name, exp.generator, theta=theta),
        )
        values[arm.name] = final_values(ts, exp.outcomes).iloc[0]
    out = {}
    for i, claim in enumerate(exp.claims):
        by_arm = {a.name: float(values[a.name][claim.outcome]) for a in exp.arms}
        out[f"claim_{i}"] = float(claim.contrast(by_arm, exp.baseline))
    return out


@dataclass
class Robustness:
    """A row's claims over a Latin hypercube of behavioural parameters.

    ``draws``: one row per draw with the parameters and, per claim ``i``,
    ``effect_i``, ``low_i``, ``high_i`` (paired t interval over replicates) and
    ``holds_i``; ``shares``: per claim, the share of draws where it holds with a
    95 % Clopper–Pearson interval; ``parameters``: the parameters drawn.

    Parameters
    ----------
    key : str
        The row.
    draws : DataFrame
        One row per draw, as above.
    shares : DataFrame
        One row per claim, as above.
    parameters : list of str
        The parameters drawn.
    fixed : list of str, optional
        Drawn parameters that the row's design sets itself in every arm, so their
        draws change nothing; scenario discovery leaves them out.

    Examples
    --------
    A result as :func:`robustness` returns it, for two draws of one parameter:

    >>> draws = pd.DataFrame({"draw": [0, 1], "competition": [0.2, 0.8], "effect_0": [0.1, -0.02],
    ...                       "low_0": [0.05, -0.06], "high_0": [0.15, 0.02], "holds_0": [True, False]})
    >>> shares = pd.DataFrame([{"claim": 0, "text": "c", "holds": 1, "draws": 2, "share": 0.5,
    ...                         "low": 0.013, "high": 0.987}])
    >>> rob = Robustness("V3", draws, shares, ["competition"])
    >>> rob.draws.loc[~rob.draws["holds_0"], "competition"].tolist()
    [0.8]
    """

    key: str
    draws: pd.DataFrame
    shares: pd.DataFrame
    parameters: list[str]
    fixed: list[str] = field(default_factory=list)

    def _holds(self, claim: int) -> np.ndarray:
        column = f"holds_{claim}"
        if column not in self.draws.columns:
            raise ValueError(f"row {self.key} has no claim {claim}")
        return self.draws[column].to_numpy(bool)

    @property
    def free(self) -> list[str]:
        """The drawn parameters the design does not set itself (what PRIM searches).

        Returns
        -------
        list of str
            ``parameters`` less ``fixed``, in the order drawn.

        Examples
        --------
        >>> Robustness("M5", pd.DataFrame(), pd.DataFrame(), ["competition", "premium"],
        ...            ["competition"]).free
        ['premium']
        """
        return [p for p in self.parameters if p not in set(self.fixed)]

    def failure_boxes(self, claim: int = 0, threshold: float = 0.8):
        """PRIM boxes of the parameter space where claim ``claim`` fails (scenario discovery).

        Parameters
        ----------
        claim : int, optional
            The claim's index in the row.
        threshold : float, optional
            The PRIM density threshold.

        Returns
        -------
        ScenarioBoxes
            Boxes of the drawn parameters where the claim does not hold.

        Examples
        --------
        >>> import numpy as np, pandas as pd
        >>> rng = np.random.default_rng(0)
        >>> draws = pd.DataFrame({"squeeze": rng.random(200), "premium": rng.random(200)})
        >>> draws["holds_0"] = draws["squeeze"] < 0.6
        >>> rob = Robustness("V3", draws, pd.DataFrame(), ["squeeze", "premium"])
        >>> boxes = rob.failure_boxes(0)
        >>> row = boxes.limits.iloc[0]
        >>> row["parameter"], round(float(row["low"]), 2)
        ('squeeze', 0.52)
        """
        self._holds(claim)  # names a missing claim
        column = f"holds_{claim}"
        return scenario_discovery(
            self.draws, lambda t: ~t[column].to_numpy(bool), self.free, threshold
        )

    def supported_box(self, claim: int = 0, threshold: float = 0.8, alpha: float = 0.05):
        """PRIM's first failure box pruned to the restrictions the draws support.

        PRIM peels over every free parameter and, in many dimensions and few
        draws, reaches its density threshold by restricting parameters that do
        nothing (in-sample overfitting). Each restriction's quasi-p value (PRIM's
        one-sided binomial test of the box with and without it; Bryant & Lempert
        2010) is compared with ``alpha / k``, ``k`` the number of parameters
        searched (Bonferroni); the restrictions that pass define the pruned box,
        whose density, coverage and mass are recomputed on the draws.

        Parameters
        ----------
        claim : int, optional
            The claim's index in the row.
        threshold : float, optional
            PRIM's failure density threshold.
        alpha : float, optional
            Family-wise level of the quasi-p test.

        Returns
        -------
        limits : DataFrame
            The kept restrictions (``parameter``, ``low``, ``high``, ``range_low``,
            ``range_high``, ``qp_value``), by quasi-p value; empty when none passes.
        stats : dict
            ``density``, ``coverage``, ``mass`` of the pruned box (NaN when empty)
            and ``dropped``, the number of restrictions pruned.

        Examples
        --------
        >>> import numpy as np, pandas as pd
        >>> rng = np.random.default_rng(0)
        >>> draws = pd.DataFrame({"squeeze": rng.random(200), "premium": rng.random(200)})
        >>> draws["holds_0"] = draws["squeeze"] < 0.6  # fails above 0.6
        >>> limits, box = Robustness("V3", draws, pd.DataFrame(),
        ...                          ["squeeze", "premium"]).supported_box(0)
        >>> list(limits["parameter"]), round(box["density"], 2), round(box["coverage"], 2)
        (['squeeze'], 0.82, 1.0)
        """
        found = self.failure_boxes(claim, threshold)
        limits = found.limits[found.limits["box"] == 1].sort_values("qp_value", kind="stable")
        kept = limits[limits["qp_value"] < alpha / max(1, len(found.inputs))]
        fails = ~self._holds(claim)
        inside = np.ones(len(fails), bool)
        for r in kept.itertuples(index=False):
            x = self.draws[r.parameter].to_numpy(float)
            inside &= (x >= r.low) & (x <= r.high)
        stats = {
            "density": float(fails[inside].mean()) if len(kept) else float("nan"),
            "coverage": float(fails[inside].sum() / fails.sum()) if len(kept) else float("nan"),
            "mass": float(inside.mean()) if len(kept) else float("nan"),
            "dropped": int(len(limits) - len(kept)),
        }
        return kept.reset_index(drop=True), stats

    def failure_drivers(self, claim: int = 0, alpha: float = 0.05) -> pd.DataFrame:
        """Free parameters whose values differ between failing and holding draws.

        A two-sided Mann–Whitney U test per free parameter (failing against
        holding draws), Bonferroni-corrected over the parameters tested; the
        failure rate in each third of the draws ordered by the parameter (a
        Latin hypercube puts equal numbers in equal parts of the range) says
        where the claim fails.

        Parameters
        ----------
        claim : int, optional
            The claim's index in the row.
        alpha : float, optional
            Family-wise level.

        Returns
        -------
        DataFrame
            One row per parameter whose corrected p value is below ``alpha``,
            smallest first: ``parameter``, ``p`` (corrected), ``fails_where``
            (``"high"`` or ``"low"``) and ``thirds`` (failure rates in the low,
            middle and high third). Empty when a claim never or always fails.

        Examples
        --------
        >>> import numpy as np, pandas as pd
        >>> rng = np.random.default_rng(0)
        >>> draws = pd.DataFrame({"squeeze": rng.random(200), "premium": rng.random(200)})
        >>> draws["holds_0"] = draws["squeeze"] < 0.6  # fails above 0.6
        >>> d = Robustness("V3", draws, pd.DataFrame(), ["squeeze", "premium"]).failure_drivers(0)
        >>> list(d["parameter"]), d["fails_where"].iloc[0], [round(t, 2) for t in d["thirds"].iloc[0]]
        (['squeeze'], 'high', [0.0, 0.36, 1.0])
        """
        fails = ~self._holds(claim)
        cols = ["parameter", "p", "fails_where", "thirds"]
        if fails.all() or not fails.any():
            return pd.DataFrame(columns=cols)
        rows = []
        for name in self.free:
            x = self.draws[name].to_numpy(float)
            p = float(stats.mannwhitneyu(x[fails], x[~fails]).pvalue) * len(self.free)
            if p >= alpha:
                continue
            rank = np.argsort(np.argsort(x, kind="stable"), kind="stable")
            third = np.minimum(rank * 3 // len(x), 2)  # equal thirds of the draws
            rates = [float(fails[third == t].mean()) if (third == t).any() else float("nan")
                     for t in range(3)]  # fmt: skip
            high = np.median(x[fails]) > np.median(x[~fails])
            rows.append({"parameter": name, "p": min(1.0, p),
                         "fails_where": "high" if high else "low", "thirds": rates})  # fmt: skip
        return (
            pd.DataFrame(rows, columns=cols).sort_values("p", kind="stable").reset_index(drop=True)
        )

    def failure_summary(
        self, claim: int = 0, threshold: float = 0.8, min_failures: int = 8, alpha: float = 0.05
    ) -> str:
        """Where claim ``claim`` fails, in words: PRIM's box pruned to supported restrictions.

        The box is :meth:`supported_box`: PRIM's first failure box (the peel of
        highest coverage whose failure density reaches ``threshold``) keeping
        only the restrictions whose quasi-p value is below ``alpha / k`` (``k``
        parameters searched). When the claim fails in fewer than
        ``min_failures`` draws PRIM has too few cases to peel on; when it fails
        in at least ``threshold`` of all draws no box is needed; when no
        restriction survives the test, no region of the space is supported.

        Parameters
        ----------
        claim : int, optional
            The claim's index in the row.
        threshold : float, optional
            The failure density a box must reach.
        min_failures : int, optional
            Fewest failing draws PRIM is run on.
        alpha : float, optional
            Family-wise level of the restrictions' quasi-p test.

        Returns
        -------
        str
            ``"holds in every draw"``, ``"fails in every draw"``, ``"fails across the
            space (…)"``, ``"too few failures for PRIM (…)"``, ``"no supported box
            (…)"`` or the pruned box: restrictions, then ``density``, ``coverage``,
            ``mass`` and how many of PRIM's restrictions were pruned.

        Examples
        --------
        >>> import numpy as np, pandas as pd
        >>> rng = np.random.default_rng(0)
        >>> draws = pd.DataFrame({"squeeze": rng.random(200), "premium": rng.random(200)})
        >>> draws["holds_0"] = draws["squeeze"] < 0.6  # fails above 0.6
        >>> Robustness("V3", draws, pd.DataFrame(), ["squeeze", "premium"]).failure_summary(0)
        '`squeeze` ≥ 0.518 (density 0.82, coverage 1.00, mass 0.55; 0 pruned)'
        """
        holds = self._holds(claim)
        failures, n = int((~holds).sum()), len(holds)
        if failures == 0:
            return "holds in every draw"
        if failures == n:
            return "fails in every draw"
        if failures < min_failures:
            return f"too few failures for PRIM ({failures} of {n} draws)"
        if failures / n >= threshold:
            return f"fails across the space ({failures} of {n} draws; no box needed)"
        limits, box = self.supported_box(claim, threshold, alpha)
        if limits.empty:
            return (
                f"no supported box ({box['dropped']} restrictions, none with quasi-p "
                f"< {alpha:g}/{len(self.free)})"
            )
        parts = []
        for r in limits.itertuples(index=False):
            if r.low > r.range_low and r.high < r.range_high:
                parts.append(f"`{r.parameter}` {r.low:.3g}–{r.high:.3g}")
            elif r.low > r.range_low:
                parts.append(f"`{r.parameter}` ≥ {r.low:.3g}")
            else:
                parts.append(f"`{r.parameter}` ≤ {r.high:.3g}")
        return (
            f"{', '.join(parts)} (density {box['density']:.2f}, coverage "
            f"{box['coverage']:.2f}, mass {box['mass']:.2f}; {box['dropped']} pruned)"
        )


def robustness(
    key: str,
    n: int = 32,
    reps: int = 4,
    firms: int = 200,
    steps: int | None = None,
    parameters: Sequence[str] | None = None,
    seed=2026,
    workers: int | None = None,
) -> Robustness:
    """Share of plausible parameter draws in which each claim of row ``key`` holds.

    ``n`` draws of a scrambled Latin hypercube over ``parameters`` (default:
    every behavioural parameter with a plausible range); at each, ``reps``
    replicates of every arm with common random numbers (the same replicate
    seeds at every draw, so draws differ by their parameters only) through
    ``cn.sweep``; a claim holds at a draw when its 95 % paired interval lies on
    the claimed side of zero. The share's interval is the exact binomial
    (Clopper–Pearson) interval over draws.

    Parameters
    ----------
    key : str
        A row of :data:`clusternet.validation.EXPERIMENTS` with a declared experiment.
    n : int, default 32
        Draws of the hypercube.
    reps : int, default 4
        Replicates per arm and draw.
    firms : int, default 200
        Cluster size.
    steps : int, optional
        Steps per run (default: the row's).
    parameters : sequence of str, optional
        The behavioural parameters to vary over their plausible ranges.
    seed : int, default 2026
        The root seed (of the hypercube and the replicates).
    workers : int, optional
        Worker processes.

    Returns
    -------
    Robustness
        Every draw's effects and each claim's share of draws where it holds.

    References
    ----------
    McKay, Beckman & Conover (1979), Latin hypercube sampling. Bryant & Lempert
    (2010), scenario discovery. Clopper & Pearson (1934).

    Examples
    --------
    >>> rob = robustness("V3", n=2, reps=2, firms=50, steps=1, parameters=["competition"], seed=1,
    ...                  workers=1)
    >>> rob.parameters, len(rob.draws)
    (['competition'], 2)
    """
    from clusternet.ensemble import sweep

    row = _row(key)
    exp = row.experiment
    assert exp is not None
    n = check_int("n", n, minimum=2)
    reps = check_int("reps", reps, minimum=2)
    firms = check_int("firms", firms, minimum=50)
    steps = check_int("steps", steps if steps is not None else row.steps, minimum=1)
    ranges = plausible_ranges(parameters)
    ss = seed_sequence(seed)
    design_seed, run_seed = ss.spawn(2)
    # the experiment layer's seed scheme: run_experiment(..., seed=experiment_seed) at a
    # draw gives the same replicates
    experiment_seed = int(run_seed.generate_state(1, dtype=np.uint32)[0])
    root = int(seed_sequence(experiment_seed).generate_state(1, dtype=np.uint32)[0])
    design = latin_hypercube(ranges, n, seed=design_seed)
    grid = [
        {**point, "key": key, "replicate": r, "root": root, "firms": firms, "steps": steps,
         "draw": d}
        for d, point in enumerate(design)
        for r in range(reps)
    ]  # fmt: skip
    table = sweep(robustness_task, grid, seed=root, workers=workers, progress=False)
    failed = table[table["status"] != "ok"]
    if len(failed):
        raise RuntimeError(f"{len(failed)} robustness tasks failed:\n{failed['error'].iloc[0]}")
    rows, share_rows = [], []
    for d, point in enumerate(design):
        part = table[table["draw"] == d].sort_values("replicate")
        entry = {"draw": d, **point}
        for i, claim in enumerate(exp.claims):
            iv = paired_interval(part[f"claim_{i}"].to_numpy(float))
            entry.update(
                {f"effect_{i}": iv.effect, f"low_{i}": iv.low, f"high_{i}": iv.high,
                 f"holds_{i}": iv.holds(claim.sign)}
            )  # fmt: skip
        rows.append(entry)
    draws = pd.DataFrame(rows)
    for i, claim in enumerate(exp.claims):
        k = int(draws[f"holds_{i}"].sum())
        ci = stats.binomtest(k, n).proportion_ci(0.95, method="exact")
        share_rows.append(
            {"claim": i, "text": claim.text, "holds": k, "draws": n, "share": k / n,
             "low": float(ci.low), "high": float(ci.high)}
        )  # fmt: skip
    fixed = [
        p
        for p in ranges
        if all(p in {**arm.model, **arm.per_firm, **arm.per_base_firm} for arm in exp.arms)
    ]
    return Robustness(key, draws, pd.DataFrame(share_rows), list(ranges), fixed)
