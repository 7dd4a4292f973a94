"""A self-contained HTML report of a cluster: tables, figures (embedded PNG) and explanations."""

from __future__ import annotations

import base64
import html
import io
import os
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd

from clusternet._version import __version__
from clusternet.figures import (  # the study figures, kept importable from here
    SCENARIO_PANELS,
    bands_figure,
    fit_figure,
    forest_figure,
    proposition_forest_figure,
    strategy_figure,
)
from clusternet.network import ClusterNetwork

__all__ = [
    "SCENARIO_PANELS",
    "bands_figure",
    "effects_section",
    "figure_to_data_uri",
    "fit_figure",
    "forest_figure",
    "proposition_forest_figure",
    "report",
    "strategy_figure",
    "table_html",
    "write_page",
]

TIER_COLOURS = {"core": "#1f77b4", "auxiliary": "#ff7f0e", "external": "#2ca02c"}
MAX_DRAWN = 1200


def figure_to_data_uri(fig) -> str:
    """A matplotlib figure as an embedded PNG (``data:`` URI); the figure is closed.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure (closed afterwards).

    Returns
    -------
    str
        ``data:image/png;base64,...``, for an ``<img src=...>``.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from clusternet.report import figure_to_data_uri
    >>> fig, ax = plt.subplots()
    >>> _ = ax.plot([0, 1], [0, 1])
    >>> figure_to_data_uri(fig)[:22]
    'data:image/png;base64,'
    """
    import matplotlib.pyplot as plt

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def table_html(frame: pd.DataFrame, index: bool = False, digits: int = 4) -> str:
    """A table as HTML with ``digits`` significant digits and a dash for missing values.

    Parameters
    ----------
    frame : DataFrame
        The table.
    index : bool, default False
        Include the index as a column.
    digits : int, default 4
        Significant digits of floats.

    Returns
    -------
    str
        An HTML ``<table>`` inside a ``<div class="table-box">`` that scrolls when
        the table is wider than the page.

    Examples
    --------
    >>> import pandas as pd
    >>> from clusternet.report import table_html
    >>> html = table_html(pd.DataFrame({"x": [3.14159265, None]}), digits=3)
    >>> "<td>3.14</td>" in html, "<td>—</td>" in html, html.startswith("<div class='table-box'>")
    (True, True, True)
    """
    # a wide table scrolls inside its own box instead of widening the page
    table = frame.to_html(
        index=index, border=0, classes="table", float_format=lambda v: f"{v:.{digits}g}", na_rep="—"
    )
    return f"<div class='table-box'>{table}</div>"


def _sample_for_drawing(net: ClusterNetwork, seed: int | None) -> tuple[np.ndarray, str]:
    n = net.n_actors
    if n <= MAX_DRAWN:
        return np.arange(n), f"all {n:,} actors"
    rng = np.random.default_rng(seed)
    keep = ~net.tier_mask("core")
    core = np.flatnonzero(net.tier_mask("core"))
    size = (
        np.asarray(net.column("size"), float)[core]
        if net.has_column("size")
        else np.ones(core.size)
    )
    size = np.where(np.isfinite(size), size, 1.0)
    budget = max(MAX_DRAWN - int(keep.sum()), MAX_DRAWN // 2)
    # the largest firms always, the rest drawn with probability proportional to size
    chosen = rng.choice(core, size=min(budget, core.size), replace=False, p=size / size.sum())
    keep[chosen] = True
    idx = np.flatnonzero(keep)
    if idx.size > MAX_DRAWN:
        idx = np.sort(rng.choice(idx, size=MAX_DRAWN, replace=False))
    return idx, (
        f"a sample of {idx.size:,} of {n:,} actors: every institution and external actor (up to the limit) "
        "plus core firms drawn with probability proportional to size"
    )


def _network_figure(net: ClusterNetwork, seed: int | None):
    import random

    import igraph as ig
    import matplotlib.pyplot as plt
    import scipy.sparse as sp
    from matplotlib.collections import LineCollection

    idx, caption = _sample_for_drawing(net, seed)
    a = sp.csr_array(net.csr(direction="both")[idx][:, idx])
    tied = np.diff(a.indptr) > 0
    if tied.any() and not tied.all():
        # actors without a tie inside the drawn set would only fling the layout apart
        caption += f" ({int((~tied).sum())} of them have no tie to the others and are left out of the drawing)"
        idx = idx[tied]
        a = sp.csr_array(a[tied][:, tied])
    coo = sp.triu(a, k=1).tocoo()
    g = ig.Graph(n=idx.size, edges=np.column_stack([coo.row, coo.col]).tolist())
    state = random.getstate()
    random.seed(seed)
    try:
        layout = np.asarray(
            g.layout_fruchterman_reingold(
                niter=500, grid="nogrid" if idx.size <= 1000 else "grid"
            ).coords
        )
    finally:
        random.setstate(state)
    tiers = np.asarray(net.column("tier"))[idx]
    size = (
        np.asarray(net.column("size"), float)[idx]
        if net.has_column("size")
        else np.full(idx.size, np.nan)
    )
    finite = np.isfinite(size)
    top = float(np.max(size[finite])) if finite.any() else 1.0
    marker = np.full(idx.size, 14.0)
    marker[finite] = 5 + 120 * np.sqrt(np.clip(size[finite], 0, None) / max(top, 1.0))
    fig, ax = plt.subplots(figsize=(8.5, 7.5))
    if coo.nnz:
        segs = np.stack([layout[coo.row], layout[coo.col]], axis=1)
        ax.add_collection(
            LineCollection(segs, colors="0.55", linewidths=0.25, alpha=0.18, zorder=1)  # type: ignore[arg-type]
        )
    for tier, colour in TIER_COLOURS.items():
        m = tiers == tier
        if not m.any():
            continue
        institution = tier != "core"
        ax.scatter(
            layout[m, 0],
            layout[m, 1],
            s=marker[m] * (2.5 if institution else 1.0),
            c=colour,
            label=f"{tier} ({int(m.sum()):,} shown)",
            alpha=0.9,
            zorder=3 if institution else 2,
            edgecolors="k" if institution else "none",
            linewidths=0.4,
        )
    ax.set_title("The cluster network (all layers, direction ignored)")
    ax.set_aspect("equal")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    ax.set_axis_off()
    return (
        fig,
        caption
        + "; firm marker area grows with size (employees), institutions and external actors are outlined; layout: Fruchterman–Reingold (igraph).",
    )


def _degree_figure(net: ClusterNetwork):
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 4.5))
    for name in net.layers:
        deg = np.diff(net.csr(name, direction="both").indptr)
        deg = deg[deg > 0]
        if deg.size == 0:
            continue
        values = np.sort(deg)
        ccdf = 1.0 - np.arange(values.size) / values.size
        ax.loglog(values, ccdf, drawstyle="steps-post", label=name)
    ax.set_xlabel("degree (distinct contacts, direction ignored)")
    ax.set_ylabel("share of actors with degree ≥ k")
    ax.set_title("Degree distribution per layer (complementary CDF, log-log)")
    ax.legend(frameon=False)
    return fig


def _centrality_figure(net: ClusterNetwork, pagerank: np.ndarray):
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 4.5))
    scaled = np.sort(pagerank * net.n_actors)
    ccdf = 1.0 - np.arange(scaled.size) / scaled.size
    ax.loglog(scaled, ccdf, drawstyle="steps-post", label="all layers")
    for name in net.layers:
        from clusternet.centrality import pagerank as pr

        x = np.sort(pr(net, layers=name) * net.n_actors)
        ax.loglog(
            x, 1.0 - np.arange(x.size) / x.size, drawstyle="steps-post", alpha=0.7, label=name
        )
    ax.set_xlabel("PageRank × number of actors (1 = uniform share)")
    ax.set_ylabel("share of actors with score ≥ x")
    ax.set_title("PageRank distribution (complementary CDF, log-log)")
    ax.legend(frameon=False, fontsize=8)
    return fig


def _capacity_figure(capacity: pd.DataFrame, floor: float):
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 4))
    ax.hist(capacity["index"].dropna(), bins=40, color="#1f77b4", alpha=0.85)
    ax.axvline(floor, color="crimson", linestyle="--", label=f"capability floor {floor:g}")
    ax.set_xlabel("innovation capacity index (0–1, min–max normalised components)")
    ax.set_ylabel("number of core firms")
    ax.set_title("Innovation capacity of core firms")
    ax.legend(frameon=False)
    return fig


def _wheels_figure(readiness):
    import matplotlib.pyplot as plt

    comp = readiness.components
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.2), sharex=True)
    for ax, wheel, colour in zip(axes, ("technology", "brand"), ("#1f77b4", "#d62728")):
        rows = comp[comp["wheel"] == wheel]
        labels = [c.replace("_", " ") for c in rows.index]
        values = rows["normalized"].fillna(0).to_numpy()
        bars = ax.barh(labels, values, color=[colour if a else "0.85" for a in rows["available"]])
        for bar, (_, row) in zip(bars, rows.iterrows()):
            text = "not available" if not row["available"] else f"{row['raw']:.3g} {row['unit']}"
            inside = bar.get_width() >= 0.6
            x = bar.get_width() - 0.02 if inside else bar.get_width() + 0.02
            ax.text(
                x,
                bar.get_y() + bar.get_height() / 2,
                text,
                va="center",
                fontsize=8,
                ha="right" if inside else "left",
                color="white" if inside else "black",
            )
        score = getattr(readiness, wheel)
        ax.set_title(
            f"{wheel.capitalize()} wheel: {score:.2f}"
            if np.isfinite(score)
            else f"{wheel.capitalize()} wheel: not available"
        )
        ax.set_xlim(0, 1)
        ax.set_xlabel("score against absolute goalposts (0–1)")
        ax.invert_yaxis()
    overall = readiness.overall
    fig.suptitle(
        f"Upgrading readiness {overall:.2f} (geometric mean of the two wheels)"
        if np.isfinite(overall)
        else "Upgrading readiness: not available"
    )
    fig.tight_layout()
    return fig


def _diffusion_figure(net: ClusterNetwork, readiness, seed: int | None):
    import matplotlib.pyplot as plt

    from clusternet.diffusion import independent_cascade

    fig, ax = plt.subplots(figsize=(7, 4.2))
    sources = net.role_mask("university", "research_institute", "platform")
    drew = False
    if sources.any():
        for p in (0.05, 0.1, 0.2):
            res = independent_cascade(net, sources, p, n_sims=200, seed=seed)
            share = res.curve / max(net.n_actors, 1)
            ax.plot(
                np.arange(share.size),
                share,
                marker="o",
                ms=3,
                label=f"independent cascade, p = {p}",
            )
            drew = True
    curve = readiness.details.get("cascade_curve") if readiness is not None else None
    if curve is not None:
        last = np.flatnonzero(np.diff(curve) > 1e-12)
        end = int(last[-1]) + 2 if last.size else 2
        ax.plot(
            np.arange(end),
            curve[:end],
            color="k",
            linestyle="--",
            label="readiness cascade (share of core firms)",
        )
        drew = True
    if not drew:
        seeds = np.argsort(-np.diff(net.csr(direction="both").indptr))[:3]
        for p in (0.1, 0.2, 0.4):
            res = independent_cascade(net, net.ids[seeds], p, n_sims=200, seed=seed)
            ax.plot(
                res.curve / net.n_actors,
                marker="o",
                ms=3,
                label=f"from the 3 best-connected actors, p = {p}",
            )
    ax.set_xlabel("step")
    ax.set_ylabel("share of actors reached (mean over runs)")
    ax.set_title(
        "Diffusion from the knowledge sources"
        if sources.any()
        else "Diffusion from the best-connected actors"
    )
    ax.legend(frameon=False, fontsize=8)
    ax.set_ylim(0, 1)
    return fig


def write_page(title: str, sections: list[str], path: str | os.PathLike) -> Path:
    """Write a self-contained HTML page (the report's style) atomically.

    Parameters
    ----------
    title : str
        Page title (escaped).
    sections : list of str
        HTML of each section (inserted as it is).
    path : str or os.PathLike
        The file.

    Returns
    -------
    pathlib.Path
        The path written.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> from clusternet.report import write_page
    >>> path = write_page("Test", ["<h2>One</h2><p>text</p>"], Path(tempfile.mkdtemp()) / "p.html")
    >>> text = path.read_text()
    >>> text.startswith("<!DOCTYPE html>"), "<h2>One</h2>" in text
    (True, True)
    """
    from clusternet._files import atomic_write_text

    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    doc = (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title><style>{CSS}</style></head><body>"
        f"<h1>{html.escape(title)}</h1><p class='meta'>clusternet {__version__} · generated {stamp}</p>"
        + "".join(f"<section>{s}</section>" for s in sections)
        + "</body></html>"
    )
    path = Path(path)
    atomic_write_text(path, doc)
    return path


CSS = """
body{font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
h1{font-size:1.7em;margin-bottom:.2em}h2{margin-top:1.8em;border-bottom:1px solid #ddd;padding-bottom:.2em}
.meta{color:#666;font-size:.9em}.table{border-collapse:collapse;font-size:.85em;margin:.6em 0}
.table th,.table td{padding:3px 9px;border-bottom:1px solid #eee;text-align:right}.table th{background:#f5f5f5}
.table td:first-child,.table th:first-child{text-align:left}figure{margin:1em 0}figure img{max-width:100%}
figcaption{color:#555;font-size:.88em}pre{background:#f7f7f7;padding:.8em;white-space:pre-wrap;font-size:.88em}
.grid{display:flex;gap:2em;flex-wrap:wrap}.grid>div{flex:1;min-width:300px;max-width:100%}
.table-box{max-width:100%;overflow-x:auto}p,figcaption,li,h1,h2,h3{overflow-wrap:break-word}
"""


def report(
    net: ClusterNetwork,
    *results,
    path: str | os.PathLike | None = None,
    title: str | None = None,
    capacity: pd.DataFrame | None = None,
    readiness=None,
    scenarios: pd.DataFrame | None = None,
    profile: pd.Series | None = None,
    pagerank: np.ndarray | None = None,
    seed: int | None = None,
    fit=None,
    targeting=None,
    effects: pd.DataFrame | None = None,
) -> Path:
    """Write one self-contained HTML report (figures embedded as PNG; no network access needed).

    Call it as ``cn.report(net, path)`` or ``cn.report(net, capacity, readiness,
    scenarios, path)``: positional results are recognised by type (an
    innovation-capacity table, a :class:`~clusternet.measures.Readiness`, a
    scenario table with ``scenario`` and ``step`` columns, a profile Series) and
    the last positional string or path is the file; keywords work too.

    Sections: summary tables (actors, layers, profile); a drawing of the network
    (the whole network up to 1,200 actors, otherwise a stated sample) coloured
    by tier and sized by firm size; degree and PageRank distributions per layer
    (log-log); the innovation-capacity distribution; the two readiness wheels
    with their components and the explanation; diffusion curves; scenario time
    series (with a ``replicate`` column, the mean and central 90 % band over
    replicates); the generator calibration (``fit``); the targeting comparison
    (``targeting``); and the effects of a study (``effects``): a forest plot
    beside the table. Wide tables scroll inside their own box. Results not
    passed in are computed.

    Parameters
    ----------
    net : ClusterNetwork
        The cluster.
    *results
        Results recognised by type, and the path (see above).
    path : str or os.PathLike, optional
        The HTML file (or the last positional string or path).
    title : str, optional
        Page title (default "Cluster report").
    capacity : pandas.DataFrame, optional
        :func:`~clusternet.measures.innovation_capacity` table.
    readiness : Readiness, optional
        :func:`~clusternet.measures.upgrading_readiness` result.
    scenarios : pandas.DataFrame, optional
        Time series with ``scenario`` and ``step`` columns (and ``replicate``).
    profile : pandas.Series, optional
        ``clusternet.structure.profile`` of the network.
    pagerank : numpy.ndarray, optional
        One score per actor over all layers.
    seed : int, optional
        Seed of the drawing's sample and layout, and of the computed results.
    fit : GeneratorFit, optional
        A :func:`~clusternet.calibrate.fit_generator` result: each observed
        moment against its simulated 95 % range, and the estimates.
    targeting : StrategyComparison, optional
        A :func:`~clusternet.targeting.compare_strategies` result.
    effects : pandas.DataFrame, optional
        Effects with columns ``arm``, ``outcome``, ``effect`` and ``low``/``high``
        (or ``ci_low``/``ci_high``); see :func:`~clusternet.report.effects_section`.

    Returns
    -------
    pathlib.Path
        The path; the file is written atomically.

    Examples
    --------
    The report computes every measure and draws every figure (a few seconds
    even on the 16 Florentine families):

    >>> import tempfile
    >>> from pathlib import Path
    >>> import clusternet as cn
    >>> net = cn.datasets.load_florentine_families()
    >>> path = cn.report(net, Path(tempfile.mkdtemp()) / "florentine.html", seed=1)
    >>> path.read_text().startswith("<!DOCTYPE html>")
    True
    """
    from clusternet.measures import Readiness

    for item in results:
        if isinstance(item, str | os.PathLike):
            path = item
        elif isinstance(item, Readiness):
            readiness = item
        elif isinstance(item, pd.DataFrame) and {"scenario", "step"} <= set(item.columns):
            scenarios = item
        elif isinstance(item, pd.DataFrame) and "index" in item.columns:
            capacity = item
        elif isinstance(item, pd.Series):
            profile = item
        else:
            raise TypeError(f"report() does not know what to do with a {type(item).__name__}")
    if path is None:
        raise TypeError("report() needs a path for the HTML file")
    import matplotlib

    from clusternet import measures, structure
    from clusternet.centrality import pagerank as compute_pagerank

    matplotlib.use("Agg")
    profile = structure.profile(net) if profile is None else profile
    capacity = measures.innovation_capacity(net) if capacity is None else capacity
    readiness = measures.upgrading_readiness(net, seed=seed) if readiness is None else readiness
    title = title or "Cluster report"
    sections: list[str] = []

    counts = net.actor_counts()
    layers = net.summary()
    lp = structure.layer_profile(net, distance_samples=32, seed=seed)
    sections.append(
        "<h2 id='summary'>Summary</h2>"
        f"<p>{net.n_actors:,} actors and {net.n_edges:,} ties in {len(net.layers)} layers.</p>"
        "<div class='grid'><div><h3>Actors per tier and role</h3>" + table_html(counts) + "</div>"
        "<div><h3>Cluster profile</h3>"
        + table_html(profile.rename("value").rename_axis("entry").reset_index())
        + "</div></div>"
        "<h3>Layers</h3>"
        + table_html(layers)
        + table_html(lp.reset_index())
        + (
            f"<p class='meta'>Unavailable for lack of attributes: {html.escape('; '.join(f'{k} ({v})' for k, v in profile.attrs.get('unavailable', {}).items()))}</p>"
            if profile.attrs.get("unavailable")
            else ""
        )
    )
    fig, caption = _network_figure(net, seed)
    sections.append(
        f"<h2 id='network'>The network</h2><figure><img alt='network drawing' src='{figure_to_data_uri(fig)}'><figcaption>Showing {html.escape(caption)}</figcaption></figure>"
    )
    pr = compute_pagerank(net) if pagerank is None else np.asarray(pagerank, dtype=np.float64)
    sections.append(
        "<h2 id='distributions'>Degree and centrality</h2>"
        f"<figure><img alt='degree distribution' src='{figure_to_data_uri(_degree_figure(net))}'><figcaption>Heavy tails mean a few hubs (leading firms, institutions) hold many ties.</figcaption></figure>"
        f"<figure><img alt='PageRank distribution' src='{figure_to_data_uri(_centrality_figure(net, pr))}'><figcaption>PageRank with damping 0.85 over all layers and per layer.</figcaption></figure>"
    )
    top = pd.DataFrame(
        {"id": net.ids, "role": net.column("role"), "pagerank×n": pr * net.n_actors}
    ).nlargest(10, "pagerank×n")
    sections.append("<h3>Most central actors (PageRank, all layers)</h3>" + table_html(top))
    summary = capacity.attrs.get("summary")
    floor = 0.25
    sections.append(
        "<h2 id='capacity'>Innovation capacity</h2>"
        f"<figure><img alt='innovation capacity' src='{figure_to_data_uri(_capacity_figure(capacity, floor))}'><figcaption>Composite of "
        + html.escape(", ".join(c for c in capacity.columns if c != "index"))
        + ".</figcaption></figure>"
        + (
            table_html(summary.rename("value").rename_axis("statistic").reset_index())
            if summary is not None
            else ""
        )
        + (
            f"<p class='meta'>Unavailable: {html.escape('; '.join(f'{k} ({v})' for k, v in capacity.attrs.get('unavailable', {}).items()))}</p>"
            if capacity.attrs.get("unavailable")
            else ""
        )
    )
    comp = readiness.components.reset_index()[
        [
            "wheel",
            "component",
            "raw",
            "normalized",
            "weight",
            "goalpost_low",
            "goalpost_high",
            "unit",
            "available",
        ]
    ]
    sections.append(
        "<h2 id='readiness'>Upgrading readiness: the technology and brand wheels</h2>"
        f"<figure><img alt='readiness wheels' src='{figure_to_data_uri(_wheels_figure(readiness))}'><figcaption>Each bar is a component scored against absolute goalposts; grey bars are unavailable here. Labels give the raw value.</figcaption></figure>"
        f"<pre>{html.escape(readiness.explain())}</pre>" + table_html(comp)
    )
    sections.append(
        "<h2 id='diffusion'>Diffusion</h2>"
        f"<figure><img alt='diffusion curves' src='{figure_to_data_uri(_diffusion_figure(net, readiness, seed))}'><figcaption>"
        + (
            "Mean share of actors reached by independent cascades (200 runs each) started at the universities, research "
            "institutes and platforms, and the live-edge cascade behind the readiness component 'diffusion speed'."
            if net.role_mask("university", "research_institute", "platform").any()
            else "This network has no universities, research institutes or platforms: mean share of actors reached by "
            "independent cascades (200 runs each) started at the three best-connected actors."
        )
        + "</figcaption></figure>"
    )
    if scenarios is not None and len(scenarios):
        last = scenarios[scenarios["step"] == scenarios["step"].max()]
        cols = [
            c
            for c in (
                "knowledge_mean",
                "knowledge_mean_0",
                "high_quality_share",
                "reputation",
                "mean_margin",
            )
            if c in last.columns
        ]
        replicated = "replicate" in scenarios.columns and scenarios["replicate"].nunique() > 1
        if replicated:
            end = last.groupby("scenario", sort=False)[cols].agg(["mean", "std"])
            end.columns = [f"{c} {stat}" for c, stat in end.columns]
            caption = (
                f"Mean over {scenarios['replicate'].nunique()} replicates per scenario (common random "
                "numbers) with the central 90 % band; the table gives the final mean and standard "
                "deviation. See docs/dynamics.md for the model."
            )
        else:
            end = last.set_index("scenario")[cols]
            caption = (
                "One seeded run per scenario (no replicates, so no band); see docs/dynamics.md."
            )
        fig = bands_figure(scenarios, group="scenario")
        sections.append(
            "<h2 id='scenarios'>Scenarios</h2>"
            f"<figure><img alt='scenario time series' src='{figure_to_data_uri(fig)}'><figcaption>{html.escape(caption)}</figcaption></figure>"
            + table_html(end.reset_index())
        )
    if fit is not None:
        sections.append(
            "<h2 id='calibration'>Generator calibration</h2>"
            f"<p>{html.escape(fit.summary())}</p>"
            f"<figure><img alt='goodness of fit' src='{figure_to_data_uri(fit_figure(fit.fit))}'>"
            "<figcaption>Each targeted moment: the observed value (dot) against the mean and 95 % "
            "range of networks generated with the fitted parameters (bar); red: outside.</figcaption>"
            "</figure>" + table_html(fit.estimates) + table_html(fit.fit)
        )
    if targeting is not None:
        sections.append(
            "<h2 id='targeting'>Whom to support: targeted seeds against simple rules</h2>"
            f"<figure><img alt='strategy comparison' src='{figure_to_data_uri(strategy_figure(targeting.table))}'>"
            f"<figcaption>Expected spread of {targeting.k} seeds per strategy (independent cascade, "
            f"{targeting.n_sims:,} Monte Carlo runs each, 95 % intervals).</figcaption></figure>"
            + table_html(targeting.table)
            + table_html(
                pd.DataFrame({k: pd.Series(v, dtype=object) for k, v in targeting.picks.items()})
            )
        )
    if effects is not None and len(effects):
        sections.append(effects_section(effects))
    return write_page(title, sections, path)


def effects_section(effects: pd.DataFrame, intro: str = "") -> str:
    """HTML of an effects section: the forest plot beside the effects table.

    Parameters
    ----------
    effects : pandas.DataFrame
        Columns ``arm``, ``outcome``, ``effect`` and the interval as ``low``
        and ``high`` (or ``ci_low`` and ``ci_high``, as
        :func:`clusternet.replicates.paired_effects` names them).
    intro : str, optional
        HTML put between the heading and the figure (how the effects were
        estimated).

    Returns
    -------
    str
        An ``<h2 id='effects'>`` section: the figure (embedded PNG) and the
        table, which scrolls inside its own box when wide.

    Examples
    --------
    >>> import pandas as pd
    >>> from clusternet.report import effects_section
    >>> effects = pd.DataFrame({"arm": ["subsidy"], "outcome": ["knowledge"],
    ...                         "effect": [0.1], "ci_low": [0.02], "ci_high": [0.18]})
    >>> html = effects_section(effects)
    >>> html.count("<img"), html.count("<table"), "table-box" in html
    (1, 1, True)
    """
    low, high = (
        ("low", "high") if {"low", "high"} <= set(effects.columns) else ("ci_low", "ci_high")
    )
    fig = forest_figure(effects, low=low, high=high)
    return (
        "<h2 id='effects'>Effects against the baseline</h2>"
        + intro
        + f"<figure><img alt='forest plot of the effects' src='{figure_to_data_uri(fig)}'>"
        "<figcaption>Every arm's effect on every outcome (dot) with its interval (line), one panel "
        "per outcome on its own scale; the vertical line is zero (no effect). Blue: the interval "
        "lies above zero; red: below; grey: it covers zero.</figcaption></figure>"
        + table_html(effects)
    )
