"""The result of :func:`clusternet.fit_model`: weighted posterior, intervals, predictive check."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from clusternet._validate import show

__all__ = ["ModelFit", "intervals_table"]


def _weighted_quantile(x: np.ndarray, w: np.ndarray, q: float) -> float:
    order = np.argsort(x, kind="stable")
    x, w = x[order], w[order]
    c = np.cumsum(w) / w.sum()
    return float(np.interp(q, c - 0.5 * w / w.sum(), x))


@dataclass(frozen=True)
class ModelFit:
    r"""Parameters of a model estimated from observed outcomes.

    Attributes
    ----------
    params : list of str
    posterior : DataFrame
        The last generation's particles: one column per parameter and ``weight``
        (summing to 1). For ``method="smm"``: the design points with ``distance``.
    intervals : DataFrame
        Per parameter: ``mean``, ``median``, ``low``, ``high`` (the central
        credible interval at ``level``), ``prior_low``, ``prior_high``.
    predictive : DataFrame
        Posterior-predictive check per statistic: ``observed``, ``median``,
        ``low``, ``high`` (the central ``level`` band of simulations at
        posterior draws) and ``inside``.
    generations : DataFrame
        Per ABC generation ``t``: ``epsilon``, ``particles``, ``simulations``,
        ``acceptance_rate`` and ``ess`` (effective sample size of the weights,
        :math:`(\sum w)^2 / \sum w^2`).
    level, simulations, seconds, method : the fit's settings and cost.

    Examples
    --------
    >>> import numpy as np
    >>> import clusternet as cn
    >>> def coin(seed, p):
    ...     return {"heads": np.random.default_rng(seed).binomial(100, p) / 100}
    >>> fit = cn.fit_model(None, {"heads": 0.3}, {"p": (0, 1)}, model=coin,
    ...                    population_size=20, generations=1, predictive=10, seed=1, workers=1)
    >>> fit.params, fit.method, list(fit.intervals.columns)
    (['p'], 'abc', ['mean', 'median', 'low', 'high', 'prior_low', 'prior_high'])
    """

    params: list[str]
    posterior: pd.DataFrame
    intervals: pd.DataFrame
    predictive: pd.DataFrame
    generations: pd.DataFrame
    level: float
    simulations: int
    seconds: float
    method: str

    @property
    def estimates(self) -> dict[str, float]:
        """Posterior medians (ABC) or the best design point (SMM).

        Returns
        -------
        dict of str to float
            One estimate per parameter.

        Examples
        --------
        >>> import numpy as np
        >>> import clusternet as cn
        >>> def coin(seed, p):
        ...     return {"heads": np.random.default_rng(seed).binomial(100, p) / 100}
        >>> fit = cn.fit_model(None, {"heads": 0.3}, {"p": (0, 1)}, model=coin,
        ...                    population_size=20, generations=1, predictive=10, seed=1, workers=1)
        >>> sorted(fit.estimates), bool(0.1 < fit.estimates["p"] < 0.5)
        (['p'], True)
        """
        return {p: float(self.intervals.loc[p, "median"]) for p in self.params}

    def credible_interval(self, level: float) -> pd.DataFrame:
        """Central credible intervals at another ``level`` from the weighted posterior.

        Parameters
        ----------
        level : float
            Credible level in (0, 1).

        Returns
        -------
        pandas.DataFrame
            Indexed by parameter: ``low`` and ``high``.

        Examples
        --------
        >>> import numpy as np
        >>> import clusternet as cn
        >>> def coin(seed, p):
        ...     return {"heads": np.random.default_rng(seed).binomial(100, p) / 100}
        >>> fit = cn.fit_model(None, {"heads": 0.3}, {"p": (0, 1)}, model=coin,
        ...                    population_size=20, generations=1, predictive=10, seed=1, workers=1)
        >>> wide, narrow = fit.credible_interval(0.95), fit.credible_interval(0.5)
        >>> bool(wide.loc["p", "low"] <= narrow.loc["p", "low"] <= narrow.loc["p", "high"] <= wide.loc["p", "high"])
        True
        """
        if not 0 < level < 1:
            raise ValueError(f"level must lie in (0, 1), got {show(level)}")
        w = self.posterior["weight"].to_numpy()
        a = (1 - level) / 2
        rows = {
            p: {
                "low": _weighted_quantile(self.posterior[p].to_numpy(), w, a),
                "high": _weighted_quantile(self.posterior[p].to_numpy(), w, 1 - a),
            }
            for p in self.params
        }
        return pd.DataFrame.from_dict(rows, orient="index")

    def summary(self) -> str:
        """A plain-text account: estimates, intervals, the predictive check and the generations.

        Returns
        -------
        str
            Several lines of text.

        Examples
        --------
        >>> import numpy as np
        >>> import clusternet as cn
        >>> def coin(seed, p):
        ...     return {"heads": np.random.default_rng(seed).binomial(100, p) / 100}
        >>> fit = cn.fit_model(None, {"heads": 0.3}, {"p": (0, 1)}, model=coin,
        ...                    population_size=20, generations=1, predictive=10, seed=1, workers=1)
        >>> print(fit.summary().splitlines()[0].split(":")[0])
        ABC fit of 1 parameters
        """
        inside = int(self.predictive["inside"].sum()) if len(self.predictive) else 0
        head = (
            f"{self.method.upper()} fit of {len(self.params)} parameters: {self.simulations} "
            f"simulations in {self.seconds:.1f} s"
        )
        if self.method == "smm":
            lines = [
                head,
                "Best design point (simulated method of moments; no intervals):",
                self.intervals[["median", "prior_low", "prior_high"]].to_string(
                    float_format=lambda v: f"{v:.4g}"
                ),
                f"At the estimate: {inside} of {len(self.predictive)} observed statistics inside "
                "the range of the replicate runs",
            ]
        else:
            lines = [
                head,
                f"Posterior (median, {self.level:.0%} credible interval):",
                self.intervals.to_string(float_format=lambda v: f"{v:.4g}"),
                f"Posterior-predictive check: {inside} of {len(self.predictive)} observed "
                f"statistics inside the {self.level:.0%} simulated band",
            ]
        if len(self.generations):
            lines += ["Generations:", self.generations.to_string(index=False)]
        return "\n".join(lines)


def intervals_table(post: pd.DataFrame, params, bounds, level: float) -> pd.DataFrame:
    r"""Per parameter: weighted mean, median, central ``level`` interval and the prior range.

    The quantiles are of the importance-weighted posterior sample: sorted particle
    values :math:`x_i` sit at the mid-points :math:`C_i - w_i / 2` of their cumulative
    normalised weights :math:`C_i` and quantile :math:`q` is linearly interpolated between
    them; the interval is
    :math:`[(1 - \mathrm{level}) / 2, (1 + \mathrm{level}) / 2]`.

    Parameters
    ----------
    post : pandas.DataFrame
        Particles: one column per parameter and a ``weight`` column.
    params : sequence of str
        Parameters to summarise.
    bounds : dict {str: (float, float)}
        Each parameter's prior range (copied into the table).
    level : float
        Credible level in (0, 1).

    Returns
    -------
    pandas.DataFrame
        Indexed by parameter: ``mean``, ``median``, ``low``, ``high``,
        ``prior_low``, ``prior_high``.

    Examples
    --------
    >>> import pandas as pd
    >>> post = pd.DataFrame({"a": [1.0, 2.0, 3.0, 4.0], "weight": [0.25] * 4})
    >>> intervals_table(post, ["a"], {"a": (0.0, 5.0)}, 0.5)[["mean", "median", "low", "high"]]
       mean  median  low  high
    a   2.5     2.5  1.5   3.5
    """
    w = post["weight"].to_numpy()
    a = (1 - level) / 2
    rows = {}
    for p in params:
        x = post[p].to_numpy(dtype=np.float64)
        rows[p] = {
            "mean": float(np.sum(w * x)),
            "median": _weighted_quantile(x, w, 0.5),
            "low": _weighted_quantile(x, w, a),
            "high": _weighted_quantile(x, w, 1 - a),
            "prior_low": bounds[p][0],
            "prior_high": bounds[p][1],
        }
    return pd.DataFrame.from_dict(rows, orient="index")
