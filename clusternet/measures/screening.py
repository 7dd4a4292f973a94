r"""Screening many factors of a costly model: Morris's elementary effects (SALib).

A variance-based (Sobol) analysis of ``k`` factors needs ``n (k + 2)`` runs with
``n`` in the hundreds before its indices settle; with dozens of factors and a
simulation per run that is out of reach. Morris's method ranks the factors from
``r (k + 1)`` runs: ``r`` trajectories through a grid of the factor space, each
moving one factor at a time (Morris 1991), summarised by the mean absolute
elementary effect :math:`\mu^*` (Campolongo, Cariboni & Saltelli 2007) and its
spread :math:`\sigma` (non-linearity or interaction).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from clusternet._validate import (
    check_factors,
    check_int,
    check_probability,
    derived_sequence,
    seed_sequence,
    show,
)

__all__ = ["elementary_effects", "morris", "seed_noise"]


def elementary_effects(
    x: np.ndarray, y: np.ndarray, bounds: Sequence[tuple[float, float]]
) -> np.ndarray:
    r"""Each trajectory's elementary effect of each factor, from a Morris sample by hand.

    A trajectory is ``k + 1`` consecutive rows of ``x`` in which each step moves
    exactly one factor, each factor once. For the step from row :math:`s` to
    :math:`s + 1` that moves factor :math:`i`,

    .. math::

        EE_i = \frac{y_{s+1} - y_s}{(x_{s+1,i} - x_{s,i}) / (b_i - a_i)},

    the change of the output per full range :math:`[a_i, b_i]` of the factor.

    Parameters
    ----------
    x : ndarray, shape (r (k + 1), k)
        Factor values, trajectory after trajectory (as :func:`morris` passes them).
    y : ndarray, shape (r (k + 1),)
        The output of each row.
    bounds : sequence of (low, high)
        Range of each factor.

    Returns
    -------
    ndarray, shape (r, k)
        ``[t, i]``: trajectory ``t``'s elementary effect of factor ``i``.

    Raises
    ------
    ValueError
        Shapes that do not match, non-finite values, or a step that moves no
        factor, more than one, or one a second time in its trajectory (names the row).

    References
    ----------
    Morris, M. D. (1991). Factorial sampling plans for preliminary computational
    experiments. *Technometrics* 33:161–174.

    Examples
    --------
    Two factors on [0, 1] and [0, 4], one trajectory (0, 0) → (0.5, 0) → (0.5, 2)
    of :math:`y = x_1 + x_2^2`:

    >>> import numpy as np
    >>> from clusternet.measures import elementary_effects
    >>> x = np.array([[0.0, 0.0], [0.5, 0.0], [0.5, 2.0]])
    >>> elementary_effects(x, x[:, 0] + x[:, 1] ** 2, [(0, 1), (0, 4)])
    array([[1., 8.]])
    """
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if x.ndim != 2 or x.shape[1] == 0:
        raise ValueError(f"x must be a 2-d array with one column per factor, got shape {x.shape}")
    k = x.shape[1]
    if len(bounds) != k:
        raise ValueError(f"bounds must hold one (low, high) per column of x ({k})")
    widths = np.array([float(hi) - float(lo) for lo, hi in bounds])
    if not (np.isfinite(widths) & (widths > 0)).all():
        raise ValueError("bounds must be finite with low < high for every factor")
    if x.shape[0] == 0 or x.shape[0] % (k + 1):
        raise ValueError(
            f"x must hold whole trajectories of k + 1 = {k + 1} rows, got {x.shape[0]} rows"
        )
    if y.shape != (x.shape[0],):
        raise ValueError(f"y must hold one value per row of x ({x.shape[0]}), got shape {y.shape}")
    if not (np.isfinite(x).all() and np.isfinite(y).all()):
        raise ValueError("x and y must be finite")
    r = x.shape[0] // (k + 1)
    out = np.empty((r, k))
    for t in range(r):
        seen = np.zeros(k, dtype=bool)
        for s in range(t * (k + 1), t * (k + 1) + k):
            moved = np.flatnonzero(x[s + 1] != x[s])
            if moved.size != 1 or seen[moved[0]]:
                raise ValueError(
                    f"rows {s} and {s + 1} of x must differ in one factor not yet moved in "
                    f"trajectory {t}, got {moved.size} moved"
                    + (f" (factor {int(moved[0])} a second time)" if moved.size == 1 else "")
                )
            i = int(moved[0])
            seen[i] = True
            out[t, i] = (y[s + 1] - y[s]) / ((x[s + 1, i] - x[s, i]) / widths[i])
    return out


def seed_noise(
    x: np.ndarray, y: np.ndarray, y_again: np.ndarray, bounds: Sequence[tuple[float, float]]
) -> np.ndarray:
    r"""Each factor's noise floor: how much its elementary effects move with the seed alone.

    For a stochastic model run twice on the same Morris trajectories, once per
    trajectory on seed :math:`s_t` (``y``) and once on :math:`s'_t` (``y_again``),

    .. math::

        \nu_i = \frac{1}{\sqrt 2} \, \frac1r \sum_t |EE_i(s_t) - EE_i(s'_t)|,

    the mean absolute noise of one effect where that noise is normal (then
    :math:`E|EE(s) - EE(s')| / \sqrt 2 = E|\varepsilon|`; for discrete or mostly
    zero noise a rougher yardstick). A factor whose runs share their draws with its
    neighbours' and which only reshuffles them shows a :math:`\mu^*` of about
    :math:`\nu_i`; one with no effect at all has every effect, and :math:`\nu_i`, 0.

    Parameters
    ----------
    x : ndarray, shape (r (k + 1), k)
        The trajectories (as :func:`elementary_effects` takes them).
    y, y_again : ndarray, shape (r (k + 1),)
        The outputs on the first and on the second seeds.
    bounds : sequence of (low, high)
        Range of each factor.

    Returns
    -------
    ndarray, shape (k,)
        :math:`\nu_i` per factor.

    Raises
    ------
    ValueError
        As :func:`elementary_effects`, for either output.

    Examples
    --------
    One trajectory of two factors; the second seed moves the last run by 0.2:

    >>> import numpy as np
    >>> from clusternet.measures import seed_noise
    >>> x = np.array([[0.0, 0.0], [0.5, 0.0], [0.5, 2.0]])
    >>> y = x[:, 0] + x[:, 1] ** 2
    >>> (seed_noise(x, y, y + np.array([0.0, 0.0, 0.2]), [(0, 1), (0, 4)]) * np.sqrt(2)).round(6)
    array([0. , 0.4])
    """
    first = elementary_effects(x, y, bounds)
    second = elementary_effects(x, y_again, bounds)
    return np.abs(first - second).mean(axis=0) / np.sqrt(2.0)


def morris(
    func: Callable[[np.ndarray], np.ndarray],
    names: Sequence[str],
    bounds: Sequence[tuple[float, float]],
    trajectories: int = 20,
    levels: int = 4,
    outputs: Sequence[str] | None = None,
    resamples: int = 1000,
    conf_level: float = 0.95,
    seed=None,
) -> pd.DataFrame:
    r"""Morris elementary effects of a model's factors (SALib's sampler and analyser).

    Each factor's range is cut into ``levels`` levels; a trajectory starts at a
    random grid point and moves every factor once by
    :math:`\Delta = p / (2 (p - 1))` of its range (``p`` levels), one at a time,
    in random order (Morris's random trajectories). The elementary effect of
    factor :math:`i` at a point is

    .. math::

        EE_i = \frac{f(x + \Delta e_i) - f(x)}{\Delta},

    the change of the output per full range of the factor
    (:func:`elementary_effects`), and over the ``r`` trajectories

    .. math::

        \mu_i = \tfrac1r \sum EE_i, \qquad \mu^*_i = \tfrac1r \sum |EE_i|, \qquad
        \sigma_i = \operatorname{sd}(EE_i) \;(\text{ddof } 1).

    :math:`\mu^*` ranks the factors by influence (Campolongo et al. 2007); a
    large :math:`\sigma` against :math:`\mu^*` marks effects that change across
    the factor space (interaction or non-linearity; with a stochastic model also
    noise). For :math:`f = \sum c_i x_i`, :math:`\mu^*_i = |c_i| (b_i - a_i)`
    and :math:`\sigma_i = 0` exactly. ``mu_star_conf`` is
    :math:`z_{(1 + c)/2}` times the bootstrap standard error of :math:`\mu^*`
    (``resamples`` resamples of the trajectories), SALib's symmetric interval: it
    can reach below zero, where :math:`\mu^*` cannot.

    Parameters
    ----------
    func : callable
        Maps an (N, k) array of factor values, ``N = trajectories (k + 1)`` rows
        in trajectory order (rows ``t (k + 1)`` to ``t (k + 1) + k`` are
        trajectory ``t``), to N outputs, or to an (N, m) array when ``outputs``
        names m outputs.
    names : sequence of str
        Factor names.
    bounds : sequence of (low, high)
        Range of each factor.
    trajectories : int, default 20
        Number of trajectories ``r`` (at least 2, for a spread).
    levels : int, default 4
        Grid levels per factor ``p`` (even, at least 2; Morris 1991 and SALib's
        default).
    outputs : sequence of str, optional
        Names of the outputs when ``func`` returns several columns.
    resamples : int, default 1000
        Bootstrap resamples for ``mu_star_conf``.
    conf_level : float, default 0.95
        Confidence level ``c`` of ``mu_star_conf``, in (0, 1).
    seed : int or numpy.random.SeedSequence, optional
        Seed: the trajectories draw from its child with spawn key ``(0,)`` and the
        bootstrap from its child ``(1,)`` (each output on the same bootstrap stream).

    Returns
    -------
    pandas.DataFrame
        One row per factor (``outputs`` None) or per (output, factor) (a
        two-level index): ``mu``, ``mu_star``, ``mu_star_conf`` and ``sigma``.

    Raises
    ------
    TypeError
        ``func`` not callable, ``names`` not a list of strings, ``trajectories``,
        ``levels`` or ``resamples`` not an integer.
    ValueError
        No or repeated ``names``; ``bounds`` not one finite ``(low, high)`` with
        ``low < high`` per name; ``trajectories < 2``; ``levels`` odd or below 2;
        ``resamples < 2``; ``conf_level`` outside (0, 1); repeated ``outputs``;
        ``func`` returning other than one finite value per row and output
        (checked after the evaluation, the others before).

    References
    ----------
    Morris, M. D. (1991). Factorial sampling plans for preliminary computational
    experiments. *Technometrics* 33:161–174. Campolongo, F., Cariboni, J., &
    Saltelli, A. (2007). An effective screening design for sensitivity analysis
    of large models. *Environmental Modelling & Software* 22:1509–1518.
    Herman, J., & Usher, W. (2017). SALib. *JOSS* 2(9).

    Examples
    --------
    For :math:`Y = X_1 + 2 X_2` on :math:`[0, 1] \times [0, 3]`, :math:`\mu^*`
    is each factor's coefficient times its range:

    >>> from clusternet.measures import morris
    >>> res = morris(lambda x: x[:, 0] + 2.0 * x[:, 1], ["a", "b"], [(0, 1), (0, 3)],
    ...              trajectories=10, seed=1)
    >>> print(res[["mu_star", "sigma"]].round(6).to_string())
       mu_star  sigma
    a      1.0    0.0
    b      6.0    0.0
    """
    from SALib.analyze import morris as morris_analyze
    from SALib.sample import morris as morris_sample

    factors, ranges = check_factors(names, bounds, "a Morris screening")
    if not callable(func):
        raise TypeError(f"func must be callable, got {type(func).__name__}")
    trajectories = check_int("trajectories", trajectories, minimum=2)
    levels = check_int("levels", levels, minimum=2)
    if levels % 2:
        raise ValueError(f"levels must be even (Morris's symmetric grid), got {show(levels)}")
    resamples = check_int("resamples", resamples, minimum=2)
    conf_level = check_probability("conf_level", conf_level, open_low=True, open_high=True)
    if outputs is not None:
        if isinstance(outputs, str):
            raise TypeError("outputs must be a list of output names, not one string")
        outputs = [str(o) for o in outputs]
        if not outputs or len(set(outputs)) != len(outputs):
            raise ValueError(f"outputs must be distinct names, got {show(outputs)}")
    problem = {"num_vars": len(factors), "names": factors, "bounds": ranges}
    root = seed_sequence(seed)
    # SALib seeds numpy's default generator from a SeedSequence as it is
    x = morris_sample.sample(
        problem, trajectories, num_levels=levels, seed=derived_sequence(root, 0)
    )
    y = np.asarray(func(x), dtype=np.float64)
    width = 1 if outputs is None else len(outputs)
    shape = (x.shape[0],) if outputs is None else (x.shape[0], width)
    if y.shape != shape or not np.isfinite(y).all():
        raise ValueError(
            f"func must return an array of shape {shape} (one value per row of its input"
            + ("" if outputs is None else " and output")
            + f"), got shape {y.shape}"
            + ("" if y.shape != shape else " with non-finite values")
        )
    columns = y.reshape(x.shape[0], width)
    frames = []
    for j in range(width):
        # every output resamples the trajectories on the same bootstrap stream
        res = morris_analyze.analyze(
            problem,
            x,
            np.ascontiguousarray(columns[:, j]),
            num_resamples=resamples,
            conf_level=conf_level,
            num_levels=levels,
            seed=derived_sequence(root, 1),
            print_to_console=False,
        )
        frame = pd.DataFrame(
            {
                "mu": np.asarray(res["mu"], dtype=np.float64),
                "mu_star": np.asarray(res["mu_star"], dtype=np.float64),
                "mu_star_conf": np.asarray(res["mu_star_conf"], dtype=np.float64),
                "sigma": np.asarray(res["sigma"], dtype=np.float64),
            },
            index=pd.Index(factors, name="factor"),
        )
        frames.append(frame)
    if outputs is None:
        out = frames[0]
        out.index.name = None
        return out
    return pd.concat(frames, keys=outputs, names=["output", "factor"])
