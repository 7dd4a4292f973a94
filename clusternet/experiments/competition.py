"""Innovation as a function of the intensity of competition, with replicate intervals.

Runs the upgrading model over a grid of ``competition`` values (the probability
that a rival undercuts; :mod:`clusternet.dynamics.market`) on generated clusters,
paired: every intensity sees the same clusters and the same seeds (common random
numbers), so the differences between intensities are measured within replicate.
:func:`classify_shape` then says which shape the model gives — an inverted U
(Aghion, Bloom, Blundell, Griffith & Howitt 2005, *QJE* 120:701-728), monotone
rising or falling, or flat — from paired intervals, not from the point estimates.
Every interval is :func:`clusternet.experiments.paired_interval`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from clusternet._validate import check_int
from clusternet.experiments.effects import paired_interval

__all__ = ["classify_shape", "innovation_by_competition"]


def innovation_by_competition(
    intensities: Sequence[float] = (0.0, 0.25, 0.5, 0.75, 1.0),
    firms: int = 150,
    steps: int = 30,
    reps: int = 6,
    seed: int = 0,
    level: float = 0.95,
    **params,
) -> tuple[pd.DataFrame, np.ndarray]:
    """Innovations per firm and step at each intensity of competition, with intervals.

    Replicate ``r`` generates a cluster of ``firms`` firms with seed ``seed + r``
    (:func:`clusternet.generate_cluster`) and runs it ``steps`` steps at every
    intensity with the same seed; the outcome is the number of innovations per firm
    and step.

    Parameters
    ----------
    intensities : sequence of float
        ``competition`` values in [0, 1].
    firms, steps, reps : int
        Cluster size, run length and number of replicates.
    seed : int
        First replicate's seed.
    level : float
        Confidence level of the t intervals over replicates
        (:func:`clusternet.experiments.paired_interval`).
    **params
        Other model parameters (:data:`clusternet.dynamics.PARAMETERS`).

    Returns
    -------
    table : pandas.DataFrame
        One row per intensity: ``competition``, ``mean``, ``low``, ``high``.
    outcomes : numpy.ndarray
        ``reps x len(intensities)`` outcomes (paired by row), for :func:`classify_shape`.

    Examples
    --------
    >>> table, y = innovation_by_competition((0.0, 1.0), firms=20, steps=1, reps=2)
    >>> list(table.columns), y.shape
    (['competition', 'mean', 'low', 'high'], (2, 2))
    """
    from clusternet.dynamics.model import simulate_upgrading
    from clusternet.generate import generate_cluster

    reps = check_int("reps", reps, minimum=1)
    grid = [float(x) for x in intensities]
    out = np.empty((reps, len(grid)))
    for r in range(reps):
        net = generate_cluster(firms, seed=seed + r)
        n_firms = int(net.tier_mask("core").sum())
        for c, comp in enumerate(grid):
            ts = simulate_upgrading(net, steps, seed=seed + r, competition=comp, **params)
            out[r, c] = ts.timeseries["innovations"].iloc[1:].sum() / (n_firms * steps)
    rows = []
    for c, comp in enumerate(grid):
        iv = paired_interval(out[:, c], level)
        rows.append({"competition": comp, "mean": iv.effect, "low": iv.low, "high": iv.high})
    return pd.DataFrame(rows), out


def classify_shape(outcomes: np.ndarray, level: float = 0.95) -> str:
    """Which shape paired outcomes over an ordered grid have: inverted U, rising, falling, flat.

    With ``k`` the grid point of the highest mean: ``"inverted U"`` when ``k`` is
    interior and the paired differences (peak - first) and (peak - last) both
    have t intervals above 0; otherwise ``"rising"`` when (last - first) is above
    0, ``"falling"`` when below, else ``"flat"`` (no difference resolved).

    Parameters
    ----------
    outcomes : numpy.ndarray
        ``reps x grid`` outcomes, paired by row (at least two rows).
    level : float
        Confidence level.

    Returns
    -------
    str

    Examples
    --------
    >>> import numpy as np
    >>> y = np.array([[1.0, 2.0, 1.0], [1.1, 2.2, 0.9], [0.9, 1.9, 1.2]])
    >>> classify_shape(y), classify_shape(np.cumsum(y, axis=1))
    ('inverted U', 'rising')
    """
    y = np.asarray(outcomes, dtype=np.float64)
    if y.ndim != 2 or y.shape[0] < 2 or y.shape[1] < 2:
        raise ValueError(f"outcomes must be reps x grid with at least 2 x 2 entries, got {y.shape}")
    peak = int(np.argmax(y.mean(axis=0)))

    def above(diff: np.ndarray) -> bool:
        return paired_interval(diff, level).low > 0

    if 0 < peak < y.shape[1] - 1 and above(y[:, peak] - y[:, 0]) and above(y[:, peak] - y[:, -1]):
        return "inverted U"
    if above(y[:, -1] - y[:, 0]):
        return "rising"
    if above(y[:, 0] - y[:, -1]):
        return "falling"
    return "flat"
