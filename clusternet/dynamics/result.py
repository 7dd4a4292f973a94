"""The result of an upgrading simulation: its time series and optional snapshots."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd


@dataclass
class SimulationResult:
    """Output of :func:`simulate_upgrading` / :meth:`~clusternet.UpgradingModel.run`.

    ``timeseries``: one row per step (0 = the initial state) with innovations,
    imitations, knowledge statistics, platform funding, quality and reputation,
    margins and, every ``measure_every`` steps, technology and brand readiness
    (NaN on steps where they were not measured); ``snapshots``: step ->
    per-actor arrays (when ``snapshot_every`` > 0); ``timings``: seconds per
    mechanism summed over the run; ``params``: the parameters used.

    Parameters
    ----------
    timeseries : DataFrame
        One row per step, as above.
    snapshots : dict of int to dict of str to ndarray, optional
        Per-actor arrays by step.
    timings : dict of str to float, optional
        Seconds per mechanism (and ``bookkeeping``).
    params : dict, optional
        The parameter values of the run.

    Examples
    --------
    >>> import clusternet as cn
    >>> res = cn.simulate_upgrading(cn.generate_cluster(30, seed=1), steps=2, seed=1)
    >>> res.timeseries["step"].tolist(), "spillover" in res.timings, res.params["domains"]
    ([0, 1, 2], True, 4)
    """

    timeseries: pd.DataFrame
    snapshots: dict[int, dict[str, np.ndarray]] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    params: dict = field(default_factory=dict)

    def to_parquet(self, path) -> None:
        """Write the time series to Parquet (atomically).

        Parameters
        ----------
        path : str or pathlib.Path
            The file to write (replaced atomically).

        Examples
        --------
        >>> import tempfile, pathlib
        >>> import pandas as pd
        >>> res = SimulationResult(pd.DataFrame({"step": [0, 1], "reputation": [0.5, 0.6]}))
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "run.parquet"
        >>> res.to_parquet(path)
        >>> pd.read_parquet(path)["reputation"].tolist()
        [0.5, 0.6]
        """
        from clusternet.io import write_table

        write_table(self.timeseries, Path(path))

    def plot(
        self,
        columns=(
            "knowledge_mean",
            "innovations",
            "contributors_share",
            "high_quality_share",
            "reputation",
            "mean_margin",
        ),
        ax=None,
    ):
        """Plot selected columns against the step (one panel each); returns the figure.

        Without ``ax`` the figure is 7 inches wide and 1.8 inches tall per panel,
        the panels stacked and sharing the step axis.

        Parameters
        ----------
        columns : sequence of str, optional
            The time-series columns to plot (those missing from the run are skipped).
        ax : matplotlib.axes.Axes, optional
            Draw every column on this axes instead of one panel each.

        Returns
        -------
        matplotlib.figure.Figure

        Examples
        --------
        >>> import matplotlib.pyplot as plt
        >>> import pandas as pd
        >>> res = SimulationResult(pd.DataFrame({"step": [0, 1], "reputation": [0.5, 0.6]}))
        >>> fig = res.plot()
        >>> [a.get_ylabel() for a in fig.axes]
        ['reputation']
        >>> plt.close(fig)
        """
        import matplotlib.pyplot as plt

        cols = [c for c in columns if c in self.timeseries.columns]
        if ax is None:
            fig, grid = plt.subplots(
                len(cols), 1, figsize=(7, 1.8 * len(cols)), sharex=True, squeeze=False
            )
            axes = list(grid[:, 0])
        else:
            fig, axes = ax.figure, [ax] * len(cols)
        for a, c in zip(axes, cols):
            a.plot(self.timeseries["step"], self.timeseries[c])
            a.set_ylabel(c.replace("_", " "))
        axes[-1].set_xlabel("step")
        fig.tight_layout()
        return fig
