"""The result of :func:`clusternet.calibrate.fit_generator`: :class:`GeneratorFit`.

Examples
--------
>>> import pandas as pd
>>> from clusternet.calibrate_result import GeneratorFit
>>> fit = GeneratorFit(
...     params={"social_degree": 6.0},
...     estimates=pd.DataFrame({"parameter": ["social_degree"]}),
...     fit=pd.DataFrame({"moment": ["m"], "inside": [True]}),
...     objective=1.7, n_firms=16, layer_map={"marriage": "social"},
...     evaluations=12, simulations=96, seconds=30.0)
>>> fit.params["social_degree"], fit.bootstrap.empty
(6.0, True)
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from clusternet.generate import generate_cluster
from clusternet.network import ClusterNetwork

__all__ = ["GeneratorFit"]


@dataclass
class GeneratorFit:
    """A calibrated generator: estimates with bootstrap intervals and a goodness-of-fit table.

    Attributes
    ----------
    params : dict
        Every setting to pass to :func:`clusternet.generate_cluster` (fixed and fitted).
    estimates : pandas.DataFrame
        One row per fitted parameter: estimate, bootstrap ``low``/``high``,
        search bounds, whether it ends at a bound.
    fit : pandas.DataFrame
        One row per moment: observed, simulated mean, 2.5 and 97.5 % quantiles, ``inside``.
    objective : float
        The minimised objective.
    n_firms : int
        Firms of the observed network.
    layer_map : dict
        Observed layer to generator layer.
    evaluations, simulations : int
        The method's cost (simulations × generator time).
    seconds : float
        Wall time.
    bootstrap : pandas.DataFrame
        The bootstrap refits.

    Examples
    --------
    A real fit runs many simulations through a process pool; this one is the
    smallest the method allows (two design points, two simulations each, one
    search round, in this process):

    >>> import clusternet as cn
    >>> net = cn.datasets.load_florentine_families()
    >>> fit = cn.fit_generator(net, params=["social_degree"], layer_map={"marriage": "social"},
    ...                        n_sims=2, design=2, bootstrap=0, maxiter=1, seed=1, workers=1)
    >>> fit.generate(50, seed=1).n_actors
    64
    """

    params: dict
    estimates: pd.DataFrame
    fit: pd.DataFrame
    objective: float
    n_firms: int
    layer_map: dict
    evaluations: int
    simulations: int
    seconds: float
    bootstrap: pd.DataFrame = field(default_factory=pd.DataFrame)

    def generate(self, n_firms: int, seed=None) -> ClusterNetwork:
        """A cluster like the observed one with ``n_firms`` firms (mean degrees, closure, overlaps kept).

        Parameters
        ----------
        n_firms : int
            Firms of the new cluster.
        seed : int or numpy.random.SeedSequence, optional
            Seed of the generator.

        Returns
        -------
        ClusterNetwork
            The generated cluster.

        Examples
        --------
        A fit built by hand (:func:`clusternet.fit_generator` returns one):

        >>> import pandas as pd
        >>> from clusternet.calibrate import GeneratorFit
        >>> fit = GeneratorFit(
        ...     params={"preset": "datang", "social_degree": 6.0},
        ...     estimates=pd.DataFrame({"parameter": ["social_degree"], "estimate": [6.0]}),
        ...     fit=pd.DataFrame({"moment": ["social_degree", "social_clustering"], "inside": [True, False]}),
        ...     objective=1.7, n_firms=16, layer_map={"marriage": "social"},
        ...     evaluations=12, simulations=96, seconds=30.0)
        >>> net = fit.generate(40, seed=1)
        >>> int(net.tier_mask("core").sum()), net.layers[:3]
        (40, ('transaction', 'technology', 'social'))
        """
        return generate_cluster(n_firms, seed=seed, **self.params)

    def summary(self) -> str:
        """One sentence: parameters, moments, objective, moments inside their ranges and the cost.

        Returns
        -------
        str
            The sentence.

        Examples
        --------
        >>> import pandas as pd
        >>> from clusternet.calibrate import GeneratorFit
        >>> fit = GeneratorFit(
        ...     params={"preset": "datang", "social_degree": 6.0},
        ...     estimates=pd.DataFrame({"parameter": ["social_degree"], "estimate": [6.0]}),
        ...     fit=pd.DataFrame({"moment": ["social_degree", "social_clustering"], "inside": [True, False]}),
        ...     objective=1.7, n_firms=16, layer_map={"marriage": "social"},
        ...     evaluations=12, simulations=96, seconds=30.0)
        >>> print(fit.summary())
        fitted 1 parameters to 2 moments of a 16-firm network: objective 1.7; 1 of 2 observed moments inside their simulated 95 % range; 12 objective evaluations, 96 simulated networks, 30 s
        """
        inside = int(self.fit["inside"].sum())
        return (
            f"fitted {len(self.estimates)} parameters to {len(self.fit)} moments of a "
            f"{self.n_firms}-firm network: objective {self.objective:.3g}; {inside} of "
            f"{len(self.fit)} observed moments inside their simulated 95 % range; "
            f"{self.evaluations} objective evaluations, {self.simulations} simulated networks, "
            f"{self.seconds:.0f} s"
        )
