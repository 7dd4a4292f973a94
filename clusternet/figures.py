"""Figures of studies, propositions, targeting and fits (matplotlib), apart from the report.

The HTML report (:mod:`clusternet.report`) embeds some of them; studies, the validation
page and the examples draw them directly. Every drawing function returns a
:class:`matplotlib.figure.Figure` and leaves saving to the caller; :func:`save_figure`
writes one atomically.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd

from clusternet._files import atomic_writer

#: Series the scenario panels show, with their axis labels.
SCENARIO_PANELS = (
    ("knowledge_mean", "mean knowledge (firms)"),
    ("knowledge_mean_0", "generic knowledge (domain 0)"),
    ("high_quality_share", "share of high-quality firms"),
    ("reputation", "regional reputation R"),
)


def bands_figure(
    runs: pd.DataFrame,
    panels=SCENARIO_PANELS,
    group: str = "scenario",
    baseline: str = "baseline",
    level: float = 0.9,
    title: str | None = None,
):
    r"""Mean path and central ``level`` band over replicates for every group, one panel per series.

    For each group and step the band spans the :math:`(1 - \ell)/2` and
    :math:`(1 + \ell)/2` quantiles over replicates (:math:`\ell` = ``level``).
    Without a ``replicate`` column each group is one run and no band is drawn
    (the caption of a report must then say so). The baseline is dashed and
    black, drawn on top.

    Parameters
    ----------
    runs : pandas.DataFrame
        One row per (group, ``replicate``, ``step``) with the series as columns.
    panels : sequence of (column, label), default SCENARIO_PANELS
        Series to draw and their axis labels (columns not in ``runs`` are skipped).
    group : str, default "scenario"
        Column naming the group (scenario or arm).
    baseline : str, default "baseline"
        The group drawn dashed.
    level : float, default 0.9
        Central share of replicates inside the band.
    title : str, optional
        Figure title (default: says whether bands are drawn).

    Returns
    -------
    matplotlib.figure.Figure
        The figure, left open.

    Examples
    --------
    >>> import numpy as np
    >>> import pandas as pd
    >>> from clusternet.figures import bands_figure
    >>> rng = np.random.default_rng(1)
    >>> runs = pd.DataFrame([
    ...     {"scenario": s, "replicate": r, "step": t, "reputation": 0.5 + lift * t + rng.normal(0, 0.01)}
    ...     for s, lift in (("baseline", 0.0), ("subsidy", 0.02)) for r in range(5) for t in range(4)
    ... ])
    >>> fig = bands_figure(runs, panels=[("reputation", "regional reputation R")])
    >>> [line.get_label() for line in fig.axes[0].get_lines()]
    ['baseline', 'subsidy']
    >>> fig.axes[0].get_ylabel()
    'regional reputation R'
    """
    import matplotlib.pyplot as plt

    from clusternet.replicates import bands

    panels = [(c, label) for c, label in panels if c in runs.columns]
    replicated = "replicate" in runs.columns and runs["replicate"].nunique() > 1
    table = bands(runs, [c for c, _ in panels], group=group, level=level) if replicated else runs
    ncols = 2 if len(panels) > 1 else 1
    nrows = -(-len(panels) // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(10, 3 * nrows), sharex=True, squeeze=False)
    colours = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    for ax, (col, label) in zip(axes.ravel(), panels, strict=False):
        for i, (name, part) in enumerate(table.groupby(group, sort=False)):
            is_base = str(name) == baseline
            colour = "k" if is_base else colours[i % len(colours)]
            if replicated:
                ax.fill_between(
                    part["step"],
                    part[f"{col}_low"],
                    part[f"{col}_high"],
                    color=colour,
                    alpha=0.12 if is_base else 0.18,
                    linewidth=0,
                )
            # the baseline is dashed and on top: a policy that leaves a series unchanged would hide it
            ax.plot(
                part["step"],
                part[col],
                label=str(name).replace("_", " "),
                color=colour,
                linestyle="--" if is_base else "-",
                linewidth=1.2 if is_base else 1.8,
                zorder=3 if is_base else 2,
            )
        ax.set_ylabel(label)
        ax.set_xlabel("step")
    for ax in axes.ravel()[len(panels) :]:
        ax.set_visible(False)
    axes[0, 0].legend(frameon=False, fontsize=8)
    if title is None:
        title = (
            f"Mean over replicates with the central {level:.0%} band; baseline dashed"
            if replicated
            else "One run per group (no replicates: no band); baseline dashed"
        )
    fig.suptitle(title)
    fig.tight_layout()
    return fig


def _short(label: str, limit: int = 40) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def forest_figure(
    effects: pd.DataFrame,
    *,
    arm: str = "arm",
    outcome: str = "outcome",
    effect: str = "effect",
    low: str = "low",
    high: str = "high",
    labels: dict[str, str] | None = None,
    title: str | None = None,
):
    """Forest plot: every arm's effect on every outcome with its interval, one panel per outcome.

    Each panel is one outcome on its own scale (outcomes differ in units);
    every arm is a row with its point estimate (dot) and interval (line),
    the same arms in the same order in every panel, and a vertical line at
    zero (no effect). An interval that excludes zero is drawn in colour
    (blue above zero, red below), one that covers zero in grey.

    Parameters
    ----------
    effects : pandas.DataFrame
        One row per (arm, outcome) with the point estimate and the interval's
        lower and upper ends; column names are set by the keywords below
        (for :func:`clusternet.replicates.paired_effects` pass
        ``low="ci_low", high="ci_high"``).
    arm, outcome, effect, low, high : str
        Column names of the arm, the outcome, the estimate and the interval ends.
    labels : dict of str to str, optional
        Panel titles per outcome (default: the outcome name with spaces).
    title : str, optional
        Figure title (default: none).

    Returns
    -------
    matplotlib.figure.Figure
        The figure, left open (close it with ``matplotlib.pyplot.close``).

    Raises
    ------
    ValueError
        When a named column is missing, or ``effects`` is empty.

    Examples
    --------
    >>> import pandas as pd
    >>> from clusternet.figures import forest_figure
    >>> effects = pd.DataFrame({
    ...     "arm": ["subsidy", "subsidy", "platform", "platform"],
    ...     "outcome": ["knowledge", "reputation"] * 2,
    ...     "effect": [0.12, -0.01, 0.30, 0.05],
    ...     "low": [0.05, -0.04, 0.22, 0.01],
    ...     "high": [0.19, 0.02, 0.38, 0.09],
    ... })
    >>> fig = forest_figure(effects)
    >>> [ax.get_title() for ax in fig.axes]
    ['knowledge', 'reputation']
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['subsidy', 'platform']
    """
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    missing = [c for c in (arm, outcome, effect, low, high) if c not in effects.columns]
    if missing:
        raise ValueError(
            f"forest_figure: effects has no column(s) {missing}; it has {list(effects.columns)}"
        )
    if effects.empty:
        raise ValueError("forest_figure: effects is empty")
    labels = labels or {}
    arms = list(pd.unique(effects[arm]))
    outcomes = list(pd.unique(effects[outcome]))
    ncols = min(3, len(outcomes))
    nrows = -(-len(outcomes) // ncols)
    height = 0.32 * len(arms) + 1.1
    fig, axes = plt.subplots(
        nrows,
        ncols,
        figsize=(3.6 * ncols + 1.4, height * nrows + (0.4 if title else 0.0)),
        sharey=True,
        squeeze=False,
    )
    y = np.arange(len(arms))[::-1]
    row_of = dict(zip(arms, y, strict=True))
    for ax, name in zip(axes.ravel(), outcomes, strict=False):
        part = effects[effects[outcome] == name]
        ys = np.array([row_of[a] for a in part[arm]])
        mid = part[effect].to_numpy(float)
        lo = part[low].to_numpy(float)
        hi = part[high].to_numpy(float)
        colour = np.where(lo > 0, "tab:blue", np.where(hi < 0, "tab:red", "0.45"))
        ax.axvline(0.0, color="0.15", lw=1.0, zorder=1.5)
        ax.hlines(ys, lo, hi, colors=colour, lw=2.2, zorder=2)
        ax.scatter(mid, ys, c=colour, s=22, zorder=3)
        ax.set_title(labels.get(str(name), str(name).replace("_", " ")), fontsize=10)
        ax.set_yticks(y, [_short(str(a).replace("_", " ")) for a in arms])
        ax.set_ylim(-0.6, len(arms) - 0.4)
        ax.tick_params(axis="x", labelsize=8)
        ax.xaxis.set_major_locator(MaxNLocator(nbins=5))
        ax.grid(axis="x", color="0.9", lw=0.6, zorder=0)
        ax.set_axisbelow(True)
    for ax in axes.ravel()[len(outcomes) :]:
        ax.set_visible(False)
    for ax in axes.ravel()[: len(outcomes)]:
        ax.set_xlabel("effect (arm − baseline)", fontsize=8)
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    return fig


def proposition_forest_figure(
    effects: pd.DataFrame,
    *,
    proposition: str = "proposition",
    outcome: str = "outcome",
    effect: str = "effect",
    low: str = "low",
    high: str = "high",
    title: str | None = None,
):
    """Forest plot of validity propositions: each effect with its interval, grouped by outcome.

    Propositions measure different outcomes on different scales, so each
    outcome is its own panel (stacked, height proportional to its number of
    rows) holding only the propositions that measure it; every row is one
    proposition's effect (dot) and interval (line), with a vertical line at
    zero. An interval that excludes zero is drawn in colour (blue above zero,
    red below), one that covers zero in grey, as in :func:`forest_figure`.

    Parameters
    ----------
    effects : pandas.DataFrame
        One row per (proposition, outcome) with the point estimate and the
        interval's ends; column names are set by the keywords below.
    proposition, outcome, effect, low, high : str
        Column names of the proposition, the outcome, the estimate and the
        interval's lower and upper ends.
    title : str, optional
        Figure title (default: none).

    Returns
    -------
    matplotlib.figure.Figure
        The figure, left open (close it with ``matplotlib.pyplot.close``).

    Raises
    ------
    ValueError
        When a named column is missing, ``effects`` is empty, or an interval
        does not contain its estimate (names the row).

    Examples
    --------
    >>> import pandas as pd
    >>> from clusternet.figures import proposition_forest_figure
    >>> effects = pd.DataFrame({
    ...     "proposition": ["V1", "V2", "V3"],
    ...     "outcome": ["knowledge", "knowledge", "reputation"],
    ...     "effect": [0.12, -0.03, 0.30],
    ...     "low": [0.05, -0.07, -0.02],
    ...     "high": [0.19, 0.01, 0.62],
    ... })
    >>> fig = proposition_forest_figure(effects)
    >>> [ax.get_title(loc="left") for ax in fig.axes]
    ['knowledge', 'reputation']
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['V1', 'V2']
    """
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    missing = [c for c in (proposition, outcome, effect, low, high) if c not in effects.columns]
    if missing:
        raise ValueError(
            f"proposition_forest_figure: effects has no column(s) {missing}; it has "
            f"{list(effects.columns)}"
        )
    if effects.empty:
        raise ValueError("proposition_forest_figure: effects is empty")
    mid_all = effects[effect].to_numpy(float)
    lo_all, hi_all = effects[low].to_numpy(float), effects[high].to_numpy(float)
    bad = ~((lo_all <= mid_all) & (mid_all <= hi_all))
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise ValueError(
            f"proposition_forest_figure: row {i} ({effects[proposition].iloc[i]}, "
            f"{effects[outcome].iloc[i]}) has {effect}={mid_all[i]} outside "
            f"[{low}, {high}] = [{lo_all[i]}, {hi_all[i]}]"
        )
    outcomes = list(pd.unique(effects[outcome]))
    counts = [int((effects[outcome] == name).sum()) for name in outcomes]
    fig, axes = plt.subplots(
        len(outcomes),
        1,
        figsize=(7.0, 0.3 * sum(counts) + 0.75 * len(outcomes) + (0.4 if title else 0.0)),
        gridspec_kw={"height_ratios": [c + 1.2 for c in counts]},
        squeeze=False,
    )
    for ax, name in zip(axes[:, 0], outcomes, strict=True):
        part = effects[effects[outcome] == name]
        ys = np.arange(len(part))[::-1]
        mid = part[effect].to_numpy(float)
        lo = part[low].to_numpy(float)
        hi = part[high].to_numpy(float)
        colour = np.where(lo > 0, "tab:blue", np.where(hi < 0, "tab:red", "0.45"))
        ax.axvline(0.0, color="0.15", lw=1.0, zorder=1.5)
        ax.hlines(ys, lo, hi, colors=colour, lw=2.2, zorder=2)
        ax.scatter(mid, ys, c=colour, s=22, zorder=3)
        ax.set_title(str(name).replace("_", " "), fontsize=10, loc="left")
        ax.set_yticks(ys, [_short(str(a)) for a in part[proposition]])
        ax.set_ylim(-0.6, len(part) - 0.4)
        ax.tick_params(axis="both", labelsize=8)
        ax.xaxis.set_major_locator(MaxNLocator(nbins=6))
        ax.grid(axis="x", color="0.9", lw=0.6, zorder=0)
        ax.set_axisbelow(True)
    axes[-1, 0].set_xlabel("effect (arm B − arm A), each panel on its outcome's scale", fontsize=8)
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    return fig


def robustness_figure(shares: pd.DataFrame, limits: pd.DataFrame | None = None):
    """Robustness of propositions: where each claim holds, and the boxes where claims fail.

    Left: one row per claim, the share of draws in which its interval lies on the
    claimed side of zero (dot) with its 95 % Clopper–Pearson interval (line) and
    a dashed line at one half; with a ``sign_share`` column, the share of draws
    whose mean effect has the claimed sign, shown or not, as an open circle.
    Right (when ``limits`` has rows): each failure box's restricted parameters
    as bars over the parameter's sampled range (normalised to [0, 1]), labelled
    by claim and parameter, as scenario discovery reports them (Bryant &
    Lempert 2010); with a ``qp_value`` column, restrictions whose quasi-p value
    is 0.05 or more (not supported by the draws) are drawn pale.

    Parameters
    ----------
    shares : pandas.DataFrame
        Columns ``label``, ``share``, ``low``, ``high`` (shares in [0, 1]) and
        optionally ``sign_share``.
    limits : pandas.DataFrame, optional
        Columns ``label``, ``parameter``, ``low``, ``high``, ``range_low``,
        ``range_high`` and optionally ``qp_value``: one row per restricted
        parameter of a claim's failure box (``ScenarioBoxes.limits`` with a label).

    Returns
    -------
    matplotlib.figure.Figure
        The figure, left open (close it with ``matplotlib.pyplot.close``).

    Raises
    ------
    ValueError
        When a column is missing, ``shares`` is empty or a share or interval end
        lies outside [0, 1] or outside its interval (names the row).

    Examples
    --------
    >>> import pandas as pd
    >>> from clusternet.figures import robustness_figure
    >>> shares = pd.DataFrame({"label": ["V3", "M4"], "share": [0.25, 1.0],
    ...                        "low": [0.1, 0.9], "high": [0.45, 1.0]})
    >>> limits = pd.DataFrame({"label": ["V3"], "parameter": ["premium"], "low": [0.3],
    ...                        "high": [0.5], "range_low": [0.1], "range_high": [0.5]})
    >>> fig = robustness_figure(shares, limits)
    >>> [t.get_text() for t in fig.axes[1].get_yticklabels()]
    ['V3: premium']
    >>> bar = fig.axes[1].patches[0]
    >>> float(round(bar.get_x(), 2)), float(round(bar.get_width(), 2))
    (0.5, 0.5)
    """
    import matplotlib.pyplot as plt

    need = ["label", "share", "low", "high"]
    missing = [c for c in need if c not in shares.columns]
    if missing:
        raise ValueError(f"robustness_figure: shares has no column(s) {missing}")
    if shares.empty:
        raise ValueError("robustness_figure: shares is empty")
    mid = shares["share"].to_numpy(float)
    lo, hi = shares["low"].to_numpy(float), shares["high"].to_numpy(float)
    bad = ~((lo >= 0) & (lo <= mid) & (mid <= hi) & (hi <= 1))
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise ValueError(
            f"robustness_figure: shares row {i} ({shares['label'].iloc[i]}) needs "
            f"0 <= low <= share <= high <= 1, got {lo[i]}, {mid[i]}, {hi[i]}"
        )
    boxes = limits if limits is not None and len(limits) else None
    if boxes is not None:
        cols = ["label", "parameter", "low", "high", "range_low", "range_high"]
        missing = [c for c in cols if c not in boxes.columns]
        if missing:
            raise ValueError(f"robustness_figure: limits has no column(s) {missing}")
    n_right = 0 if boxes is None else len(boxes)
    height = 0.28 * max(len(shares), n_right) + 1.2
    fig, axes = plt.subplots(
        1, 2 if boxes is not None else 1, figsize=(11 if boxes is not None else 6, height),
        squeeze=False,
    )  # fmt: skip
    ax = axes[0, 0]
    ys = np.arange(len(shares))[::-1]
    colour = np.where(lo > 0.5, "tab:blue", np.where(hi < 0.5, "tab:red", "0.45"))
    ax.axvline(0.5, color="0.3", lw=1.0, ls="--", zorder=1.5)
    ax.hlines(ys, lo, hi, colors=colour, lw=2.2, zorder=2)
    ax.scatter(mid, ys, c=colour, s=22, zorder=3)
    if "sign_share" in shares.columns:
        signed = shares["sign_share"].to_numpy(float)
        if not ((signed >= 0) & (signed <= 1)).all():
            i = int(np.flatnonzero(~((signed >= 0) & (signed <= 1)))[0])
            raise ValueError(
                f"robustness_figure: shares row {i} ({shares['label'].iloc[i]}) has "
                f"sign_share {signed[i]} outside [0, 1]"
            )
        ax.scatter(signed, ys, facecolors="none", edgecolors="0.2", s=30, zorder=3.5)
        from matplotlib.lines import Line2D

        handles = [
            Line2D([], [], marker="o", ls="-", color="0.45", label="holds (interval)"),
            Line2D([], [], marker="o", ls="", mfc="none", mec="0.2", label="right sign (mean)"),
        ]
        ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.0, 1.0), ncol=2,
                  fontsize=7, frameon=False)  # fmt: skip
    ax.set_yticks(ys, [_short(str(a), 48) for a in shares["label"]])
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(-0.6, len(shares) - 0.4)
    ax.set_xlabel("share of parameter draws where the claim holds", fontsize=8)
    ax.tick_params(axis="both", labelsize=7)
    ax.grid(axis="x", color="0.9", lw=0.6, zorder=0)
    ax.set_axisbelow(True)
    if boxes is not None:
        ax2 = axes[0, 1]
        yb = np.arange(len(boxes))[::-1]
        span = (boxes["range_high"] - boxes["range_low"]).to_numpy(float)
        span = np.where(span > 0, span, 1.0)
        left = (boxes["low"] - boxes["range_low"]).to_numpy(float) / span
        width = (boxes["high"] - boxes["low"]).to_numpy(float) / span
        supported = (
            boxes["qp_value"].to_numpy(float) < 0.05
            if "qp_value" in boxes.columns
            else np.ones(len(boxes), bool)
        )
        ax2.barh(yb, width, left=left, color=np.where(supported, "tab:red", "#f4c2c2"))
        ax2.set_yticks(yb, [f"{a}: {b}" for a, b in zip(boxes["label"], boxes["parameter"])])
        ax2.set_xlim(0, 1)
        ax2.set_ylim(-0.6, len(boxes) - 0.4)
        ax2.set_xlabel(
            "failure box within the sampled range (pale: quasi-p ≥ 0.05)",
            fontsize=8,
        )
        ax2.tick_params(axis="both", labelsize=7)
    fig.tight_layout()
    return fig


def strategy_figure(table: pd.DataFrame):
    """Spread per targeting strategy with its 95 % interval.

    Parameters
    ----------
    table : pandas.DataFrame
        Columns ``strategy``, ``spread``, ``ci_low``, ``ci_high`` (as
        :class:`~clusternet.targeting.StrategyComparison` ``.table``).

    Returns
    -------
    matplotlib.figure.Figure
        Horizontal bars with error bars, first strategy on top; left open.

    Examples
    --------
    >>> import pandas as pd
    >>> from clusternet.figures import strategy_figure
    >>> table = pd.DataFrame({"strategy": ["targeted", "random"], "spread": [9.7, 9.5],
    ...                       "ci_low": [9.5, 9.3], "ci_high": [9.9, 9.7]})
    >>> fig = strategy_figure(table)
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['targeted', 'random']
    """
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 0.5 * len(table) + 1.2))
    y = np.arange(len(table))[::-1]
    err = np.vstack([table["spread"] - table["ci_low"], table["ci_high"] - table["spread"]]).astype(
        float
    )
    ax.barh(y, table["spread"], xerr=err, color="tab:blue", alpha=0.8)
    ax.set_yticks(y, table["strategy"])
    ax.set_xlabel("expected number of actors reached")
    fig.tight_layout()
    return fig


def fit_figure(table: pd.DataFrame):
    r"""Goodness of fit: observed moments against their simulated 95 % ranges (one row each).

    Each moment is drawn on its own scale,
    :math:`(v - \bar m) / h` with :math:`\bar m` the simulated mean and
    :math:`h` the half-width of the simulated 95 % range; observed values
    outside the range are red.

    Parameters
    ----------
    table : pandas.DataFrame
        Columns ``moment``, ``observed``, ``simulated_mean``, ``low``, ``high``,
        ``inside`` (as :class:`~clusternet.GeneratorFit` ``.fit``).

    Returns
    -------
    matplotlib.figure.Figure
        The figure, left open.

    Examples
    --------
    >>> import pandas as pd
    >>> from clusternet.figures import fit_figure
    >>> table = pd.DataFrame({"moment": ["social:mean_degree", "social:transitivity"],
    ...                       "observed": [2.5, 0.4], "simulated_mean": [2.4, 0.2],
    ...                       "low": [2.0, 0.1], "high": [2.8, 0.3], "inside": [True, False]})
    >>> fig = fit_figure(table)
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['social:mean_degree', 'social:transitivity']
    """
    import matplotlib.pyplot as plt

    n = len(table)
    fig, ax = plt.subplots(figsize=(8, 0.35 * n + 1.2))
    y = np.arange(n)[::-1]
    # each moment on its own scale: distances in units of its simulated range
    centre = table["simulated_mean"].to_numpy(float)
    half = np.maximum((table["high"] - table["low"]).to_numpy(float) / 2, 1e-12)
    ax.hlines(y, (table["low"] - centre) / half, (table["high"] - centre) / half, color="0.5", lw=4)
    obs = (table["observed"].to_numpy(float) - centre) / half
    inside = table["inside"].to_numpy(bool)
    ax.scatter(obs[inside], y[inside], color="tab:blue", zorder=3, label="observed (inside)")
    ax.scatter(obs[~inside], y[~inside], color="tab:red", zorder=3, label="observed (outside)")
    ax.set_yticks(y, table["moment"])
    ax.axvline(0, color="0.8", lw=1)
    ax.set_xlabel("(value - simulated mean) / half-width of the simulated 95 % range")
    ax.legend(frameon=False, fontsize=8, loc="lower right")
    fig.tight_layout()
    return fig


def save_figure(fig, path: str | os.PathLike, dpi: float = 110, **savefig_kwargs) -> Path:
    r"""Write a figure to a file atomically, with the permissions ``open()`` would give it.

    matplotlib's ``savefig`` writes in place, so a reader (a documentation build, a
    second process) can see a half-written image and an interrupted run leaves one
    behind. Here the image is written to a temporary file beside ``path`` and renamed
    over it when complete (``os.replace``), and the file's mode is ``0o666`` less the
    umask, as for every writer of the package (:func:`clusternet.io.atomic_write_bytes`).

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure.
    path : str or os.PathLike
        The file; its suffix names the format (``.png``, ``.pdf``, ``.svg`` — whatever
        matplotlib writes). Missing folders are created.
    dpi : float, default 110
        Resolution of raster formats.
    **savefig_kwargs
        Passed to :meth:`matplotlib.figure.Figure.savefig` (``bbox_inches`` and the like);
        ``format`` defaults to the suffix.

    Returns
    -------
    pathlib.Path
        ``path``.

    Raises
    ------
    ValueError
        When ``path`` has no suffix and no ``format`` is given (matplotlib would
        otherwise pick its default format silently).
    IsADirectoryError
        When ``path`` is a folder.

    Examples
    --------
    >>> import os, tempfile
    >>> import matplotlib.pyplot as plt
    >>> from clusternet.figures import save_figure
    >>> fig, ax = plt.subplots()
    >>> path = save_figure(fig, os.path.join(tempfile.mkdtemp(), "f.png"), dpi=20)
    >>> open(path, "rb").read(4)
    b'\x89PNG'
    >>> plt.close(fig)
    """
    path = Path(path)
    fmt = savefig_kwargs.pop("format", None) or path.suffix.lstrip(".").lower()
    if not fmt:
        raise ValueError(
            f"path {str(path)!r} has no suffix; give one (e.g. '.png') or pass format="
        )
    with atomic_writer(path) as fh:
        fig.savefig(fh, format=fmt, dpi=dpi, **savefig_kwargs)
    return path
