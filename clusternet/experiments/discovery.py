"""Scenario discovery: which parameter boxes decide an outcome (PRIM over any sweep result).

Friedman & Fisher's patient rule induction method peels a box of the input
space in which a condition holds far more often than elsewhere (density) while
keeping most of the cases where it holds (coverage); Bryant & Lempert (2010)
made it the tool of exploratory modelling's *scenario discovery*. We use the
``prim`` package (Project Platypus, a port of the EMA Workbench's PRIM), not an
implementation of our own.

References
----------
Friedman, J. H., & Fisher, N. I. (1999). Bump hunting in high-dimensional data.
*Statistics and Computing* 9:123–143. Bryant, B. P., & Lempert, R. J. (2010).
Thinking inside the box. *Technological Forecasting & Social Change* 77:34–49.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from clusternet._validate import show

__all__ = ["ScenarioBoxes", "scenario_discovery"]


@dataclass
class ScenarioBoxes:
    """PRIM boxes found in a sweep result.

    ``boxes``: one row per box with ``box`` (1, 2, ...), ``coverage`` (share of
    all cases of interest that fall in the box), ``density`` (share of the
    box's points that are cases of interest), ``mass`` (share of all points in
    the box), ``cases`` (points of interest in the box); ``limits``: one row per
    (box, restricted parameter) with ``low``, ``high`` and the quasi-p value of
    the restriction; ``trajectories``: each box's peeling trajectory
    (coverage / density trade-off); ``base_density``: the share of all points
    where the condition holds; ``inputs``: the parameters searched.

    Parameters
    ----------
    boxes : DataFrame
        One row per box, as above.
    limits : DataFrame
        One row per (box, restricted parameter).
    trajectories : dict of int to DataFrame
        Each box's peeling trajectory, by box number.
    base_density : float
        The share of all points where the condition holds.
    inputs : list of str
        The parameters searched.

    Examples
    --------
    >>> import pandas as pd, numpy as np
    >>> rng = np.random.default_rng(0)
    >>> t = pd.DataFrame({"x": rng.random(200), "y": rng.random(200)})
    >>> found = scenario_discovery(t, lambda r: r["x"].to_numpy() > 0.7, ["x", "y"])
    >>> isinstance(found, ScenarioBoxes), found.base_density == float(np.mean(t["x"] > 0.7))
    (True, True)
    """

    boxes: pd.DataFrame
    limits: pd.DataFrame
    trajectories: dict[int, pd.DataFrame]
    base_density: float
    inputs: list[str]

    def figure(self, box: int = 1):
        """Peeling trajectory (coverage against density) and the chosen box's limits.

        Left: every peeling step of ``box`` with the chosen point marked. Right:
        the box's restricted ranges as bars over each parameter's range in the
        sweep (normalised to [0, 1]). Returns a matplotlib Figure.

        Parameters
        ----------
        box : int, optional
            The box (1 = the first one PRIM found).

        Returns
        -------
        matplotlib.figure.Figure

        Examples
        --------
        >>> import matplotlib.pyplot as plt
        >>> import numpy as np, pandas as pd
        >>> rng = np.random.default_rng(0)
        >>> t = pd.DataFrame({"x": rng.random(200), "y": rng.random(200)})
        >>> fig = scenario_discovery(t, lambda r: r["x"].to_numpy() > 0.7, ["x", "y"]).figure(1)
        >>> len(fig.axes) >= 2, fig.axes[0].get_xlabel()
        (True, 'coverage')
        >>> plt.close(fig)
        """
        import matplotlib.pyplot as plt

        if box not in self.trajectories:
            raise ValueError(f"no box {box}; boxes: {sorted(self.trajectories)}")
        traj = self.trajectories[box]
        chosen = self.boxes.set_index("box").loc[box]
        fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9, 3.6))
        sc = ax1.scatter(traj["coverage"], traj["density"], c=traj["res dim"], cmap="viridis", s=14)
        ax1.scatter(
            [chosen["coverage"]],
            [chosen["density"]],
            marker="o",
            s=80,
            facecolors="none",
            edgecolors="red",
            label="chosen box",
        )
        ax1.set_xlabel("coverage")
        ax1.set_ylabel("density")
        ax1.set_title(f"box {box}: peeling trajectory")
        ax1.legend(loc="lower left", fontsize=8)
        fig.colorbar(sc, ax=ax1, label="restricted parameters")
        lim = self.limits[self.limits["box"] == box]
        for i, row in enumerate(lim.itertuples(index=False)):
            lo, hi = row.range_low, row.range_high
            span = hi - lo if hi > lo else 1.0
            ax2.barh(i, (row.high - row.low) / span, left=(row.low - lo) / span, color="tab:blue")
        ax2.set_yticks(range(len(lim)), list(lim["parameter"]))
        ax2.set_xlim(0, 1)
        ax2.set_xlabel("share of the parameter's sampled range")
        ax2.set_title(f"density {chosen['density']:.2f}, coverage {chosen['coverage']:.2f}")
        fig.tight_layout()
        return fig


def scenario_discovery(
    results: pd.DataFrame,
    condition: str | Callable[[pd.DataFrame], Sequence[bool]],
    inputs: Sequence[str] | None = None,
    threshold: float = 0.8,
    boxes: int = 1,
    peel_alpha: float = 0.05,
    mass_min: float = 0.05,
) -> ScenarioBoxes:
    """PRIM boxes of the input space where ``condition`` holds, over any ``cn.sweep`` result.

    Parameters
    ----------
    results : DataFrame
        A sweep table: one row per task, inputs and outputs as columns (rows
        whose ``status`` is not ``"ok"`` are dropped).
    condition : str or callable
        A boolean column name, a ``DataFrame.eval`` expression (``"effect > 0"``)
        or a function of the table returning one boolean per row.
    inputs : sequence of str, optional
        The parameters to search; by default the columns that vary and are
        numeric, except ``task``, ``replicate``, ``seed`` and the columns the
        condition names (with a callable condition give them explicitly).
    threshold : float, default 0.8
        Density a box must reach; each box is the peeling step of highest
        coverage among those at or above it (or of highest density when none
        reaches it).
    boxes : int, default 1
        How many boxes to find: PRIM's covering approach removes a box's points
        and searches again.
    peel_alpha : float, default 0.05
        PRIM's peeling share.
    mass_min : float, default 0.05
        PRIM's smallest box mass.

    Returns
    -------
    ScenarioBoxes

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> table = pd.DataFrame(rng.random((600, 3)), columns=["a", "b", "c"])
    >>> table["holds"] = (table.a > 0.6) & (table.b < 0.5)
    >>> found = scenario_discovery(table, "holds", inputs=["a", "b", "c"])
    >>> sorted(found.limits["parameter"])
    ['a', 'b']
    """
    import prim

    if not isinstance(results, pd.DataFrame):
        raise TypeError(f"results must be a DataFrame, got {type(results).__name__}")
    table = results
    if "status" in table.columns:
        table = table[table["status"] == "ok"]
    table = table.reset_index(drop=True)
    if callable(condition):
        flags = np.asarray(condition(table), dtype=bool)
        named: set[str] = set()
    elif isinstance(condition, str):
        if condition in table.columns:
            flags = table[condition].to_numpy()
            named = {condition}
        else:
            try:
                flags = np.asarray(table.eval(condition))
            except Exception as exc:  # pandas raises many kinds for a bad expression
                raise ValueError(
                    f"condition {show(condition)} is neither a column nor a valid "
                    f"expression over the columns: {exc}"
                ) from exc
            words = set(re.findall(r"[A-Za-z_]\w*", condition))
            named = {c for c in table.columns if c in words}
        if flags.dtype != bool:
            raise ValueError(f"condition {show(condition)} must give booleans, got {flags.dtype}")
    else:
        raise TypeError("condition must be a column name, an expression or a callable")
    if flags.shape != (len(table),):
        raise ValueError(f"condition gave {flags.shape} values for {len(table)} rows")
    if inputs is None:
        skip = {"task", "replicate", "seed", "status", "error", "seconds"} | named
        inputs = [
            c
            for c in table.columns
            if c not in skip
            and pd.api.types.is_numeric_dtype(table[c])
            and not pd.api.types.is_bool_dtype(table[c])
            and table[c].nunique() > 1
        ]
    inputs = list(inputs)
    missing = [c for c in inputs if c not in table.columns]
    if missing:
        raise ValueError(f"results has no input column(s) {missing}")
    if not inputs:
        raise ValueError("no input column varies in results; name the inputs")
    x = table[inputs].astype(np.float64)
    bad = ~np.isfinite(x.to_numpy()).all(axis=1)
    if bad.any():
        raise ValueError(
            f"input values are not finite in row(s) {np.flatnonzero(bad)[:10].tolist()}"
        )
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must lie in (0, 1], got {show(threshold)}")
    n_cases = int(flags.sum())
    if n_cases == 0 or n_cases == len(flags):
        raise ValueError(
            f"condition holds in {n_cases} of {len(flags)} rows: PRIM needs both outcomes"
        )
    finder = prim.Prim(
        x,
        flags.astype(float),
        threshold=threshold,
        threshold_type=">",
        peel_alpha=peel_alpha,
        mass_min=mass_min,
    )
    rows, lim_rows, trajectories = [], [], {}
    for k in range(1, int(boxes) + 1):
        box = finder.find_box()
        if box is None:  # prim's covering search found no further box
            break
        traj = box.peeling_trajectory.astype(float).reset_index(drop=True)
        good = traj[traj["density"] >= threshold]
        pick = int(good["coverage"].idxmax()) if len(good) else int(traj["density"].idxmax())
        box.select(pick)
        trajectories[k] = traj
        inside = round(float(traj.loc[pick, "coverage"]) * n_cases)
        rows.append(
            {
                "box": k,
                "coverage": float(traj.loc[pick, "coverage"]),
                "density": float(traj.loc[pick, "density"]),
                "mass": float(traj.loc[pick, "mass"]),
                "restricted": int(traj.loc[pick, "res dim"]),
                "cases": inside,
            }
        )
        limits = box.limits
        for name, r in limits.iterrows():
            lim_rows.append(
                {
                    "box": k,
                    "parameter": str(name),
                    "low": float(r["min"]),
                    "high": float(r["max"]),
                    "range_low": float(x[name].min()),
                    "range_high": float(x[name].max()),
                    "qp_value": float(r["qp values"]),
                }
            )
    limits_table = pd.DataFrame(
        lim_rows, columns=["box", "parameter", "low", "high", "range_low", "range_high", "qp_value"]
    )
    return ScenarioBoxes(
        pd.DataFrame(rows), limits_table, trajectories, float(flags.mean()), inputs
    )
