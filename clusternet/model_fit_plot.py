"""Figures of a model fit: posterior marginals and the posterior-predictive check, and a report page.

:func:`report_section` returns the HTML section (figures inlined) that
``clusternet.report.write_page`` pages hold; :func:`write_report` writes one
page for a :class:`~clusternet.ModelFit`.
"""

from __future__ import annotations

import base64
import html
import io
import os
from pathlib import Path

import numpy as np

__all__ = ["posterior_figure", "predictive_figure", "report_section", "write_report"]


def posterior_figure(fit, columns: int = 3):
    """Weighted posterior histogram per parameter, its credible interval and the prior range.

    Parameters
    ----------
    fit : ModelFit
        A result of :func:`clusternet.fit_model`.
    columns : int, default 3
        Panels per row (one panel per parameter).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import clusternet as cn, numpy as np
    >>> def coin(seed, p):
    ...     return {"heads": np.random.default_rng(seed).binomial(100, p) / 100}
    >>> fit = cn.fit_model(None, {"heads": 0.3}, {"p": (0, 1)}, model=coin,
    ...                    population_size=20, generations=1, predictive=10, seed=1, workers=1)
    >>> len(posterior_figure(fit).axes)
    1
    """
    import matplotlib.pyplot as plt

    k = len(fit.params)
    cols = max(1, min(columns, k))
    rows = int(np.ceil(k / cols))
    fig, axes = plt.subplots(rows, cols, figsize=(3.4 * cols, 2.6 * rows), squeeze=False)
    w = fit.posterior["weight"].to_numpy()
    for ax, name in zip(axes.ravel(), fit.params):
        row = fit.intervals.loc[name]
        lo, hi = row["prior_low"], row["prior_high"]
        x = fit.posterior[name].to_numpy()
        rng = (lo, hi) if np.isfinite([lo, hi]).all() else None
        ax.hist(x, bins=25, range=rng, weights=w, density=True, color="tab:blue", alpha=0.7)
        if np.isfinite([row["low"], row["high"]]).all():
            ax.axvspan(row["low"], row["high"], color="tab:orange", alpha=0.15)
        ax.axvline(row["median"], color="tab:orange", lw=1.5)
        if rng is not None:
            ax.axhline(1.0 / (hi - lo), color="0.5", lw=1, ls="--")  # the uniform prior
            ax.set_xlim(lo, hi)
        ax.set_title(name, fontsize=10)
        ax.set_yticks([])
    for ax in axes.ravel()[k:]:
        ax.set_visible(False)
    fig.suptitle(
        f"Posterior (bars), median and {fit.level:.0%} interval (orange), prior (dashed)"
        if np.isfinite(fit.level)
        else "Design points (SMM)",
        fontsize=9,
    )
    fig.tight_layout()
    return fig


def predictive_figure(fit):
    """Observed summaries against the band simulated at posterior draws (each on its own scale).

    Parameters
    ----------
    fit : ModelFit
        A result of :func:`clusternet.fit_model`.

    Returns
    -------
    matplotlib.figure.Figure
        One panel per observed summary.

    Examples
    --------
    >>> import numpy as np
    >>> import clusternet as cn
    >>> def coin(seed, p):
    ...     return {"heads": np.random.default_rng(seed).binomial(100, p) / 100}
    >>> fit = cn.fit_model(None, {"heads": 0.3}, {"p": (0, 1)}, model=coin,
    ...                    population_size=20, generations=1, predictive=10, seed=1, workers=1)
    >>> from clusternet.model_fit_plot import predictive_figure
    >>> fig = predictive_figure(fit)
    >>> len(fig.axes)
    1
    """
    import matplotlib.pyplot as plt

    table = fit.predictive
    n = len(table)
    fig, ax = plt.subplots(figsize=(8, 0.3 * n + 1.2))
    y = np.arange(n)[::-1]
    centre = table["median"].to_numpy(float)
    half = np.maximum((table["high"] - table["low"]).to_numpy(float) / 2, 1e-12)
    ax.hlines(y, (table["low"] - centre) / half, (table["high"] - centre) / half, color="0.6", lw=4)
    obs = (table["observed"].to_numpy(float) - centre) / half
    inside = table["inside"].to_numpy(bool)
    ax.scatter(obs[inside], y[inside], color="tab:blue", zorder=3, label="observed (inside)")
    ax.scatter(obs[~inside], y[~inside], color="tab:red", zorder=3, label="observed (outside)")
    ax.set_yticks(y, list(table.index))
    ax.axvline(0, color="0.8", lw=1)
    ax.set_xlabel("(value - simulated median) / half-width of the simulated band")
    ax.legend(frameon=False, fontsize=8, loc="lower right")
    fig.tight_layout()
    return fig


def _uri(fig) -> str:
    import matplotlib.pyplot as plt

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def report_section(fit) -> str:
    """HTML section: the fit's summary, posterior and predictive figures and tables.

    Parameters
    ----------
    fit : ModelFit
        A result of :func:`clusternet.fit_model`.

    Returns
    -------
    str
        An HTML fragment with the figures embedded.

    Examples
    --------
    >>> import numpy as np
    >>> import clusternet as cn
    >>> def coin(seed, p):
    ...     return {"heads": np.random.default_rng(seed).binomial(100, p) / 100}
    >>> fit = cn.fit_model(None, {"heads": 0.3}, {"p": (0, 1)}, model=coin,
    ...                    population_size=20, generations=1, predictive=10, seed=1, workers=1)
    >>> from clusternet.model_fit_plot import report_section
    >>> html = report_section(fit)
    >>> html.count("<img"), html.count("<div class='table-box'><table")
    (2, 2)
    """
    from clusternet.report import table_html

    # the report's scrolling box: a wide table scrolls instead of widening the page
    table = table_html(fit.intervals, index=True)
    pred = table_html(fit.predictive, index=True)
    return (
        "<h2>Behaviour estimated from outcomes</h2>"
        f"<pre>{html.escape(fit.summary())}</pre>"
        f"<figure><img alt='posterior' src='{_uri(posterior_figure(fit))}'>"
        "<figcaption>Posterior marginals.</figcaption></figure>"
        + table
        + f"<figure><img alt='predictive check' src='{_uri(predictive_figure(fit))}'>"
        "<figcaption>Posterior-predictive check.</figcaption></figure>" + pred
    )


def write_report(fit, path: str | os.PathLike, title: str = "Model fit") -> Path:
    """Write a one-section HTML report of ``fit`` (atomically); returns the path.

    Parameters
    ----------
    fit : ModelFit
        A result of :func:`clusternet.fit_model`.
    path : str or path-like
        The HTML file to write (replaced when it exists).
    title : str, default "Model fit"
        The page's title.

    Returns
    -------
    Path
        ``path``.

    Examples
    --------
    >>> import numpy as np
    >>> import clusternet as cn
    >>> def coin(seed, p):
    ...     return {"heads": np.random.default_rng(seed).binomial(100, p) / 100}
    >>> fit = cn.fit_model(None, {"heads": 0.3}, {"p": (0, 1)}, model=coin,
    ...                    population_size=20, generations=1, predictive=10, seed=1, workers=1)
    >>> import tempfile, pathlib
    >>> from clusternet.model_fit_plot import write_report
    >>> path = write_report(fit, pathlib.Path(tempfile.mkdtemp()) / "fit.html")
    >>> path.name, path.stat().st_size > 1000
    ('fit.html', True)
    """
    from clusternet.report import write_page

    return write_page(title, [report_section(fit)], path)
