"""The simulated clusters the patterns read, and the result type they return.

:func:`pattern_runs` simulates the replicate clusters once; every pattern of
:mod:`clusternet.validation.patterns` reads them through the helpers here and
returns a :class:`PatternResult`. Private to that module, which re-exports the
public names.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from clusternet._validate import check_int, seed_sequence
from clusternet.experiments.effects import paired_interval
from clusternet.network import ClusterNetwork

#: The one parameter set of the patterns: the model's defaults, with entry and exit
#: switched on at the middle of its sourced range (annual exit rates of 5-10 %,
#: Dunne, Roberts & Samuelson 1988, give 0.01-0.03 per quarterly step). Without exit
#: there are no spin-offs, and one pattern (Juhasz 2021) is about spin-offs.
PATTERN_PARAMS: dict[str, float] = {"exit_rate": 0.02}


@dataclass
class PatternRun:
    """One simulated cluster as the pattern statistics read it.

    ``net0``/``net1``: the network at step 0 and at the last step (the
    technology layer evolves); ``firms``: core-firm mask; ``output0``/``output1``:
    output per actor at both ends; ``innovations``: innovations per actor over
    the run; ``absorptive``: absorptive capacity at the last step;
    ``lineage``: per actor, the founding firm of its spin-off line (-1 for
    non-firms; a firm that is nobody's spin-off is its own line); ``rd``: R&D
    intensity at the last step.

    Parameters
    ----------
    net0, net1 : ClusterNetwork
        The network at step 0 and at the last step.
    firms : ndarray of bool, shape (N,)
        Core-firm mask.
    output0, output1 : ndarray of float, shape (N,)
        Output per actor at both ends.
    innovations : ndarray of float, shape (N,)
        Innovations per actor over the run.
    absorptive : ndarray of float, shape (N,)
        Absorptive capacity at the last step.
    lineage : ndarray of int, shape (N,)
        Founding firm of each actor's spin-off line.
    rd : ndarray of float, shape (N,)
        R&D intensity at the last step.

    Examples
    --------
    >>> run = pattern_runs(firms=30, steps=1, reps=1, seed=1)[0]
    >>> isinstance(run, PatternRun), int(run.firms.sum())
    (True, 30)
    """

    net0: ClusterNetwork
    net1: ClusterNetwork
    firms: np.ndarray
    output0: np.ndarray
    output1: np.ndarray
    innovations: np.ndarray
    absorptive: np.ndarray
    lineage: np.ndarray
    rd: np.ndarray


@dataclass
class PatternResult:
    """A published pattern against the same statistic on simulated clusters.

    ``values``: the statistic per replicate cluster; ``estimate`` their mean
    and ``low``/``high`` its 95 % t interval over replicates; ``published``:
    the study's value or sign; ``criterion``: when the pattern counts as
    matched (declared before the run); ``matches``; ``note``: what the
    simulated number means and what it does not.

    Parameters
    ----------
    pattern : str
        The published pattern, in words.
    statistic : str
        What is measured on each simulated cluster.
    values : ndarray of float
        The statistic per replicate cluster.
    published : str
        The study's value or sign.
    source : str
        The study.
    criterion : str
        When the pattern counts as matched.
    matches : bool
        Whether it does.
    note : str, optional
        What the number means and what it does not.

    Examples
    --------
    >>> r = PatternResult("p", "s", np.array([1.0, 1.2, 0.8]), "1", "src", "> 0", True)
    >>> round(r.estimate, 6), r.row()["replicates"]
    (1.0, 3)
    """

    pattern: str
    statistic: str
    values: np.ndarray
    published: str
    source: str
    criterion: str
    matches: bool
    note: str = ""

    @property
    def estimate(self) -> float:
        """Mean of the statistic over replicates (NaN ones ignored).

        Returns
        -------
        float
            NaN when no replicate has a finite value.

        Examples
        --------
        >>> PatternResult("p", "s", np.array([1.0, np.nan, 2.0]), "1", "src", "> 0", True).estimate
        1.5
        """
        v = self.values[np.isfinite(self.values)]
        return float(v.mean()) if v.size else float("nan")

    @property
    def interval(self) -> tuple[float, float]:
        r"""95 % t interval of the mean over finite replicates (NaN with fewer than two).

        Returns
        -------
        (float, float)
            :math:`\bar x \pm t_{0.975, n-1} s / \sqrt{n}`.

        Examples
        --------
        >>> r = PatternResult("p", "s", np.array([1.0, 1.2, 0.8]), "1", "src", "> 0", True)
        >>> [round(x, 3) for x in r.interval]
        [0.503, 1.497]
        """
        return t_interval(self.values)

    def row(self) -> dict:
        """The result as one table row.

        Returns
        -------
        dict
            Pattern, statistic, simulated estimate and interval, replicates, the
            published value, criterion, match and note.

        Examples
        --------
        >>> r = PatternResult("p", "s", np.array([1.0, 1.2, 0.8]), "1", "src", "> 0", True)
        >>> list(r.row())
        ['pattern', 'statistic', 'simulated', 'low', 'high', 'replicates', 'published', 'criterion',
         'matches', 'source', 'note']
        """
        low, high = self.interval
        return {
            "pattern": self.pattern,
            "statistic": self.statistic,
            "simulated": self.estimate,
            "low": low,
            "high": high,
            "replicates": int(np.isfinite(self.values).sum()),
            "published": self.published,
            "criterion": self.criterion,
            "matches": self.matches,
            "source": self.source,
            "note": self.note,
        }


def t_interval(values) -> tuple[float, float]:
    """95 % t interval of the finite values: :func:`clusternet.experiments.paired_interval`."""
    v = np.asarray(values, float)
    iv = paired_interval(v[np.isfinite(v)])
    return iv.low, iv.high


def pattern_runs(
    firms: int = 300, steps: int = 40, reps: int = 8, seed=2026, **params
) -> list[PatternRun]:
    """Simulate ``reps`` generated clusters at one parameter set and record what patterns need.

    The model runs at its defaults with :data:`PATTERN_PARAMS` (``params``
    override both). Each replicate has its own generator and model seed
    (children of ``seed``). Spin-off lineages are followed step by step: an
    entrant inherits its parent's R&D intensity (``clusternet.dynamics.turnover``),
    so its parent is the surviving firm with that value before the step.

    Parameters
    ----------
    firms : int, default 300
        Cluster size.
    steps : int, default 40
        Steps per run.
    reps : int, default 8
        Replicate clusters.
    seed : int, default 2026
        The root seed.
    **params : float
        Model parameters, over :data:`PATTERN_PARAMS`.

    Returns
    -------
    list of PatternRun
        One per replicate.

    Examples
    --------
    >>> runs = pattern_runs(firms=30, steps=1, reps=2, seed=1)
    >>> len(runs), int(runs[0].firms.sum()) == 30
    (2, True)
    """
    from clusternet.dynamics.model import UpgradingModel
    from clusternet.generate import generate_cluster

    firms = check_int("firms", firms, minimum=20)
    steps = check_int("steps", steps, minimum=1)
    reps = check_int("reps", reps, minimum=1)
    settings = {**PATTERN_PARAMS, **params}
    out = []
    for child in seed_sequence(seed).spawn(reps):
        gen_seed, model_seed = (
            int(s.generate_state(1, dtype=np.uint32)[0]) for s in child.spawn(2)
        )
        net = generate_cluster(firms, seed=gen_seed)
        model = UpgradingModel(net, seed=model_seed, **settings)
        s = model.state
        mask = model.firms
        lineage = np.where(mask, np.arange(net.n_actors), -1)
        innovations = np.zeros(net.n_actors)
        output0 = s.output.copy()
        for _ in range(steps):
            before = s.rd.copy()
            model.step()
            s = model.state
            innovations += s.last_innovation == s.step
            changed = mask & (s.rd != before)
            if changed.any():
                stay = np.flatnonzero(mask & ~changed)
                by_value = dict(zip(before[stay].tolist(), stay.tolist(), strict=True))
                parent_line = [
                    lineage[by_value[v]] if v in by_value else -1 for v in s.rd[changed].tolist()
                ]
                slots = np.flatnonzero(changed)
                parents = np.array(parent_line)
                lineage[slots] = np.where(parents >= 0, parents, slots)
                innovations[slots] = 0.0  # a new firm: its record starts at entry
        out.append(
            PatternRun(
                net, model.net, mask, output0, s.output.copy(), innovations,
                s.absorptive.copy(), lineage, s.rd.copy(),
            )
        )  # fmt: skip
    return out


def undirected_firm_adjacency(net: ClusterNetwork, firms: np.ndarray, layers: Sequence[str]):
    import scipy.sparse as sp

    idx = np.flatnonzero(firms)
    a = None
    for layer in layers:
        if layer in net.layers:
            m = net.csr(layer, direction="both")[idx][:, idx]
            a = m if a is None else a + m
    if a is None:
        a = sp.csr_matrix((idx.size, idx.size))
    a = ((a + a.T) > 0).astype(np.int64).tocsr()
    a.setdiag(0)
    a.eliminate_zeros()
    return a


def ols(y, x) -> np.ndarray:
    x = np.column_stack([np.ones(len(y)), np.asarray(x, float)])
    return np.linalg.lstsq(x, np.asarray(y, float), rcond=None)[0]


def zscore(v):
    v = np.asarray(v, float)
    sd = v.std()
    return (v - v.mean()) / sd if sd > 0 else v * 0.0


def tied_to_external(net: ClusterNetwork, firms: np.ndarray) -> np.ndarray:
    ext = net.tier_mask("external")
    both = net.csr(direction="both")
    return (np.asarray(both[:, ext].sum(axis=1)).ravel() > 0)[firms]


def runs_or_simulate(runs, firms, steps, reps, seed):
    return runs if runs is not None else pattern_runs(firms, steps, reps, seed)
