"""Designs over parameters' plausible ranges: a Latin hypercube that ``cn.sweep`` runs."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from scipy.stats import qmc

from clusternet._validate import check_int, seed_sequence, show

__all__ = ["latin_hypercube", "plausible_ranges"]


def plausible_ranges(names=None) -> dict[str, tuple[float, float]]:
    """The plausible ranges of the model's behavioural parameters (all, or ``names``).

    Read from :data:`clusternet.dynamics.parameters.PLAUSIBLE` (each range's
    source is in the parameter's documentation). The opt-in channel's parameters
    (:data:`clusternet.dynamics.parameters.OPT_IN`) are sampled only when named.

    Parameters
    ----------
    names : iterable of str, optional
        Parameter names; all parameters of the default model with a plausible
        range when None. A name without one raises a ValueError.

    Returns
    -------
    dict of str to (float, float)
        ``(low, high)`` per parameter.

    Examples
    --------
    >>> lo, hi = plausible_ranges(["competition"])["competition"]
    >>> lo < hi
    True
    >>> "cost_dispersion" in plausible_ranges(), plausible_ranges(["cost_dispersion"])
    (False, {'cost_dispersion': (0.0, 0.5)})
    """
    from clusternet.dynamics.parameters import OPT_IN, PARAMETERS, PLAUSIBLE

    if names is None:
        return {k: (float(v[0]), float(v[1])) for k, v in PLAUSIBLE.items()}
    ranges = dict(PLAUSIBLE)
    for k in OPT_IN:
        rng = PARAMETERS[k].plausible
        if rng is not None:
            ranges[k] = rng
    unknown = [n for n in names if n not in ranges]
    if unknown:
        raise ValueError(f"no plausible range for {unknown}; parameters with one: {list(ranges)}")
    return {n: (float(ranges[n][0]), float(ranges[n][1])) for n in names}


def latin_hypercube(
    ranges: Mapping[str, tuple[float, float]],
    n: int,
    seed=None,
    integers=(),
    fixed: Mapping | None = None,
) -> list[dict]:
    """``n`` parameter points of a scrambled Latin hypercube over ``ranges``: a ``cn.sweep`` grid.

    Each parameter's range is cut into ``n`` equal strata and every stratum is
    sampled exactly once (McKay, Beckman & Conover 1979;
    ``scipy.stats.qmc.LatinHypercube``). Names in ``integers`` are rounded;
    ``fixed`` settings are added to every point unchanged.

    Parameters
    ----------
    ranges : mapping
        Parameter name -> (low, high), low < high, both finite.
    n : int
        Number of points (>= 2).
    seed : int, SeedSequence or None
        Same seed, same design.
    integers : iterable of str
        Parameters to round to whole numbers.
    fixed : mapping, optional
        Settings shared by all points (e.g. ``{"steps": 30}``).

    Returns
    -------
    list of dict
        One dict per point, ready for ``cn.sweep(function, grid)``.

    Examples
    --------
    >>> grid = latin_hypercube({"squeeze": (0.0, 6.0)}, 4, seed=1, fixed={"steps": 10})
    >>> sorted(int(p["squeeze"] // 1.5) for p in grid), grid[0]["steps"]
    ([0, 1, 2, 3], 10)
    """
    n = check_int("n", n, minimum=2)
    if not ranges:
        raise ValueError("ranges must name at least one parameter")
    for name, bounds in ranges.items():
        lo, hi = (float(b) for b in bounds)
        if not (np.isfinite(lo) and np.isfinite(hi) and lo < hi):
            raise ValueError(f"ranges[{show(name)}] must be finite with low < high, got {bounds}")
    unknown = set(integers) - set(ranges)
    if unknown:
        raise ValueError(f"integers names parameters without a range: {sorted(unknown)}")
    sampler = qmc.LatinHypercube(d=len(ranges), rng=np.random.default_rng(seed_sequence(seed)))
    unit = sampler.random(n)
    grid = []
    for row in unit:
        point = {}
        for (name, (lo, hi)), u in zip(ranges.items(), row, strict=True):
            value = float(lo) + (float(hi) - float(lo)) * float(u)
            point[name] = round(value) if name in integers else value
        point.update(dict(fixed or {}))
        grid.append(point)
    return grid
