"""The degenerate cases of the public functions: one table, read by the tests and the docs.

Each :class:`Row` names a public function, a degenerate input (empty network, single
actor, isolated actors, self-loops only, tied leading eigenvectors, zero-probability
cascades, all-zero weights, empty or constant tables) and what the function returns or
raises there. ``tests/test_degenerate.py`` calls every row; ``docs/degenerate.md`` is
generated from the same rows (``python tests/degenerate_cases.py`` rewrites it), and a
test fails when the page and the table differ — so the page cannot drift from the code.

Expected values come from the definition of each measure on that input (the closed
form in the row's ``why``), never from running the function.
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

import clusternet as cn
from clusternet import centrality as C
from clusternet import diffusion as D
from clusternet import io as IO
from clusternet import locality as LO
from clusternet import measures as M
from clusternet import spillover as SP
from clusternet import structure as S
from clusternet import targeting as T

PAGE = Path(__file__).resolve().parents[1] / "docs" / "degenerate.md"


# ---------------------------------------------------------------------- expectations
@dataclass(frozen=True)
class Returns:
    """The call returns ``value`` (compared with rtol 1e-9, NaN equal to NaN).

    ``attr`` reads one attribute of a result object; ``column`` one column of a table.
    """

    value: Any
    why: str = ""
    attr: str | None = None
    column: str | None = None

    def text(self) -> str:
        where = f"`.{self.attr}` = " if self.attr else ""
        where = f"column `{self.column}` = " if self.column else where
        return f"{where}`{render(self.value)}`"


@dataclass(frozen=True)
class Raises:
    """The call raises ``error`` with a message containing ``match``."""

    error: type[BaseException]
    match: str
    why: str = ""

    def text(self) -> str:
        return f"raises `{self.error.__name__}`: “{self.match}…”"


@dataclass(frozen=True)
class Holds:
    """The result satisfies ``predicate`` (described in ``claim``)."""

    claim: str
    predicate: Callable[[Any], bool] = field(compare=False)
    why: str = ""

    def text(self) -> str:
        return self.claim


def render(value: Any) -> str:
    """A short, stable text of an expected value (4 significant digits)."""
    if isinstance(value, (float, int, np.floating, np.integer)) and not isinstance(value, bool):
        return _number(float(value))
    arr = np.asarray(value, dtype=np.float64)
    if arr.ndim == 0:
        return _number(float(arr))
    return "[" + ", ".join(_number(float(x)) for x in arr.ravel()) + "]"


def _number(x: float) -> str:
    if math.isnan(x):
        return "nan"
    return f"{x:.4g}"


@dataclass(frozen=True)
class Row:
    """One degenerate case of one public function."""

    function: str
    case: str
    call: Callable[[], Any] = field(compare=False)
    expect: Returns | Raises | Holds

    @property
    def id(self) -> str:
        return f"{self.function}[{self.case}]"


# ---------------------------------------------------------------------- degenerate inputs
def network(n: int, ties=(), loops: bool = False, roles=None) -> cn.ClusterNetwork:
    """``n`` actors (ids 0..n-1) with undirected technology ties and optional self-loops."""
    src = [a for a, _ in ties] + (list(range(n)) if loops else [])
    dst = [b for _, b in ties] + (list(range(n)) if loops else [])
    actors = pd.DataFrame({"id": list(range(n))})
    if roles is not None:
        actors["role"] = roles
    edges = {"source": src, "target": dst, "layer": ["technology"] * len(src)} if src else None
    return cn.ClusterNetwork.from_edges(
        edges,
        actors=actors,
        directed={"technology": False, "social": False},
        layers=["technology", "social"],
        allow_self_loops=True,
    )


def empty() -> cn.ClusterNetwork:
    return network(0)


def single() -> cn.ClusterNetwork:
    return network(1)


def isolated() -> cn.ClusterNetwork:
    return network(3)


def loops() -> cn.ClusterNetwork:
    return network(3, loops=True)


def two_ties() -> cn.ClusterNetwork:
    """Ties 0–1 and 2–3: two components share the leading eigenvalue 1."""
    return network(4, [(0, 1), (2, 3)])


def path() -> cn.ClusterNetwork:
    return network(3, [(0, 1), (1, 2)])


def zero_weights() -> sp.csr_array:
    """The directed path 0 → 1 → 2 whose two stored weights are both 0."""
    return sp.csr_array((np.zeros(2), (np.array([0, 1]), np.array([1, 2]))), shape=(3, 3))


def vanishing_tie() -> sp.csr_array:
    """The directed chain 0 → 1 → 2 → 3 with weights 1, 1, 1e300 (lengths 1, 1, 1e-300)."""
    return sp.csr_array(([1.0, 1.0, 1e300], ([0, 1, 2], [1, 2, 3])), shape=(4, 4))


def diamond_chain(stages: int = 1100, width: int = 4) -> cn.ClusterNetwork:
    """``stages`` diamonds of ``width`` parallel middles in a row: width**stages shortest
    paths join the ends (4**1100, past float64's 1.8e308; pairs more than 512 stages apart
    overflow)."""
    ties = [
        (k * (width + 1), k * (width + 1) + m) for k in range(stages) for m in range(1, width + 1)
    ] + [
        (k * (width + 1) + m, (k + 1) * (width + 1))
        for k in range(stages)
        for m in range(1, width + 1)
    ]
    return network(stages * (width + 1) + 1, ties)


CASES = {
    "empty": "empty network (0 actors)",
    "single": "one actor, no ties",
    "isolated": "3 isolated actors",
    "loops": "3 actors with self-loops only",
    "two ties": "ties 0–1 and 2–3 (tied leading eigenvectors)",
    "zero weights": "directed path 0→1→2 stored with weights 0 (scipy matrix)",
    "path, p = 0": "path 0–1–2, transmission probability 0",
    "vanishing tie": "directed chain 0→1→2→3 with weights 1, 1, 1e300 (scipy matrix)",
    "too many paths": "a chain of 1,100 diamonds of 4 parallel actors (4^1100 shortest paths)",
}

THIRD = [1 / 3] * 3
ROOT3 = [1 / math.sqrt(3)] * 3
NO_ACTORS = Raises(ValueError, "graph has no actors", "nothing to rank")
NOT_UNIQUE = Raises(
    ValueError,
    "eigenvector centrality is not unique",
    "two components share the leading eigenvalue; any mix of their vectors is one",
)


def _cascade(graph, prob, seeds=(0,)):
    return D.independent_cascade(graph, list(seeds), prob, n_sims=20, seed=1)


def _finite_share(curve) -> bool:
    curve = np.asarray(curve)
    return bool(np.isfinite(curve).all() and (curve >= 0).all() and (curve <= 1).all())


# ---------------------------------------------------------------------- the table
ROWS: list[Row] = [
    # centrality.pagerank
    Row("centrality.pagerank", "empty", lambda: C.pagerank(empty()), NO_ACTORS),
    Row("centrality.pagerank", "single", lambda: C.pagerank(single()), Returns([1.0])),
    Row(
        "centrality.pagerank",
        "isolated",
        lambda: C.pagerank(isolated()),
        Returns(THIRD, "every actor dangles: teleportation alone, uniform"),
    ),
    Row(
        "centrality.pagerank",
        "loops",
        lambda: C.pagerank(loops()),
        Returns(THIRD, "symmetric: every actor keeps its own walk"),
    ),
    Row(
        "centrality.pagerank",
        "zero weights",
        lambda: C.pagerank(zero_weights()),
        Returns(THIRD, "a zero weight carries no walk: every actor dangles"),
    ),
    # centrality.eigenvector
    Row("centrality.eigenvector", "empty", lambda: C.eigenvector(empty()), NO_ACTORS),
    Row("centrality.eigenvector", "single", lambda: C.eigenvector(single()), Returns([1.0])),
    Row(
        "centrality.eigenvector",
        "isolated",
        lambda: C.eigenvector(isolated()),
        Returns([1.0, 1.0, 1.0], "A = 0: the uniform vector, scaled to max 1 (documented)"),
    ),
    Row("centrality.eigenvector", "loops", lambda: C.eigenvector(loops()), NOT_UNIQUE),
    Row("centrality.eigenvector", "two ties", lambda: C.eigenvector(two_ties()), NOT_UNIQUE),
    Row(
        "centrality.eigenvector",
        "zero weights",
        lambda: C.eigenvector(zero_weights()),
        Returns([1.0, 1.0, 1.0], "weights 0 are no ties: A = 0"),
    ),
    # centrality.katz
    Row("centrality.katz", "empty", lambda: C.katz(empty()), NO_ACTORS),
    Row("centrality.katz", "single", lambda: C.katz(single()), Returns([1.0])),
    Row(
        "centrality.katz",
        "isolated",
        lambda: C.katz(isolated()),
        Returns(ROOT3, "x = β 1, normalised to unit length"),
    ),
    Row(
        "centrality.katz",
        "loops",
        lambda: C.katz(loops()),
        Returns(ROOT3, "symmetric actors: equal scores, unit length"),
    ),
    Row(
        "centrality.katz",
        "two ties",
        lambda: C.katz(two_ties()),
        Returns([0.5] * 4, "four equivalent actors, unit length"),
    ),
    Row(
        "centrality.katz",
        "zero weights",
        lambda: C.katz(zero_weights()),
        Returns(ROOT3, "weighted: weights 0 carry nothing, x = β 1"),
    ),
    # centrality.harmonic
    Row("centrality.harmonic", "empty", lambda: C.harmonic(empty()), NO_ACTORS),
    Row("centrality.harmonic", "single", lambda: C.harmonic(single()), Returns([0.0])),
    Row(
        "centrality.harmonic",
        "isolated",
        lambda: C.harmonic(isolated()),
        Returns([0.0] * 3, "no one is reachable: 1/∞ = 0"),
    ),
    Row(
        "centrality.harmonic",
        "loops",
        lambda: C.harmonic(loops()),
        Returns([0.0] * 3, "a self-loop reaches no one else"),
    ),
    Row(
        "centrality.harmonic",
        "two ties",
        lambda: C.harmonic(two_ties()),
        Returns([1 / 3] * 4, "one neighbour at distance 1, over n − 1 = 3"),
    ),
    Row(
        "centrality.harmonic",
        "zero weights",
        lambda: C.harmonic(zero_weights()),
        Returns([0.75, 0.5, 0.0], "unweighted: a stored tie exists whatever its weight"),
    ),
    # centrality.betweenness
    Row("centrality.betweenness", "empty", lambda: C.betweenness(empty()), NO_ACTORS),
    Row("centrality.betweenness", "single", lambda: C.betweenness(single()), Returns([0.0])),
    Row(
        "centrality.betweenness", "isolated", lambda: C.betweenness(isolated()), Returns([0.0] * 3)
    ),
    Row(
        "centrality.betweenness",
        "loops",
        lambda: C.betweenness(loops()),
        Returns([0.0] * 3, "a self-loop lies on no shortest path between others"),
    ),
    Row(
        "centrality.betweenness",
        "two ties",
        lambda: C.betweenness(two_ties(), normalized=True),
        Returns([0.0] * 4, "no path has an inner actor"),
    ),
    Row(
        "centrality.betweenness",
        "zero weights",
        lambda: C.betweenness(zero_weights()),
        Returns([0.0, 1.0, 0.0], "unweighted, directed: 1 lies on the one path 0→2"),
    ),
    Row(
        "centrality.betweenness",
        "vanishing tie",
        lambda: C.betweenness(vanishing_tie(), weighted=True),
        Raises(
            ValueError,
            "weighted betweenness: the shortest paths to the actor at position 3 arrive only",
            "1 + 1e-300 == 1 in doubles: no predecessor of 3 lies strictly closer, so its "
            "dependencies cannot be pushed back",
        ),
    ),
    Row(
        "centrality.betweenness",
        "too many paths",
        lambda: C.betweenness(diamond_chain()),
        Raises(
            ValueError,
            "betweenness: the number of shortest paths between some pair of actors exceeds",
            "a path count past float64's range cannot weigh the paths",
        ),
    ),
    # centrality.approximate_betweenness
    Row(
        "centrality.approximate_betweenness",
        "too many paths",
        lambda: C.approximate_betweenness(diamond_chain(), epsilon=0.1, seed=1),
        Raises(
            ValueError,
            "approximate betweenness: the number of shortest paths between some pair of",
            "no shortest path can be drawn in proportion to counts past float64's range "
            "(round 19: it looped for ever)",
        ),
    ),
    Row(
        "centrality.approximate_betweenness",
        "empty",
        lambda: C.approximate_betweenness(empty(), seed=1),
        NO_ACTORS,
    ),
    Row(
        "centrality.approximate_betweenness",
        "isolated",
        lambda: C.approximate_betweenness(isolated(), seed=1),
        Returns([0.0] * 3, "no pair is connected", attr="scores"),
    ),
    # centrality.spectral_radius
    Row("centrality.spectral_radius", "empty", lambda: C.spectral_radius(empty()), NO_ACTORS),
    Row(
        "centrality.spectral_radius",
        "isolated",
        lambda: C.spectral_radius(isolated()),
        Returns(0.0, "A = 0"),
    ),
    Row(
        "centrality.spectral_radius",
        "loops",
        lambda: C.spectral_radius(loops()),
        Returns(1.0, "A = I"),
    ),
    Row(
        "centrality.spectral_radius",
        "two ties",
        lambda: C.spectral_radius(two_ties()),
        Returns(1.0, "each component K2 has eigenvalue 1"),
    ),
    Row(
        "centrality.spectral_radius",
        "zero weights",
        lambda: C.spectral_radius(zero_weights()),
        Returns(0.0, "weights 0 are no ties"),
    ),
    # centrality.multiplex_pagerank and versatility
    Row(
        "centrality.multiplex_pagerank",
        "empty",
        lambda: C.multiplex_pagerank(empty()),
        NO_ACTORS,
    ),
    Row(
        "centrality.multiplex_pagerank",
        "isolated",
        lambda: C.multiplex_pagerank(isolated()),
        Returns(THIRD, "no ties in any layer: uniform"),
    ),
    Row(
        "centrality.multiplex_pagerank",
        "zero weights",
        lambda: C.multiplex_pagerank(zero_weights()),
        Raises(TypeError, "multiplex_pagerank needs a ClusterNetwork", "layers need a network"),
    ),
    Row(
        "centrality.versatility",
        "empty",
        lambda: C.versatility(empty()),
        Raises(ValueError, "net has no actors"),
    ),
    Row(
        "centrality.versatility",
        "isolated",
        lambda: C.versatility(isolated()),
        Returns(THIRD, "no ties in any layer: uniform"),
    ),
    Row(
        "centrality.versatility",
        "two ties",
        lambda: C.versatility(two_ties()),
        Returns([0.25] * 4, "four equivalent actors"),
    ),
    # diffusion
    Row("diffusion.laplacian", "empty", lambda: D.laplacian(empty()), NO_ACTORS),
    Row(
        "diffusion.laplacian",
        "loops",
        lambda: D.laplacian(loops()).toarray(),
        Returns(np.zeros((3, 3)), "L = D − A ignores self-loops (they move no heat)"),
    ),
    Row(
        "diffusion.laplacian",
        "two ties",
        lambda: D.laplacian(two_ties()).toarray(),
        Returns([[1, -1, 0, 0], [-1, 1, 0, 0], [0, 0, 1, -1], [0, 0, -1, 1]], "two blocks of K2"),
    ),
    Row(
        "diffusion.heat",
        "empty",
        lambda: D.heat(empty(), np.zeros(0), 1.0),
        NO_ACTORS,
    ),
    Row(
        "diffusion.heat",
        "isolated",
        lambda: D.heat(isolated(), np.array([1.0, 2.0, 3.0]), 5.0),
        Returns([1.0, 2.0, 3.0], "L = 0: exp(−tL) x0 = x0"),
    ),
    Row(
        "diffusion.heat",
        "loops",
        lambda: D.heat(loops(), np.array([1.0, 2.0, 3.0]), 5.0),
        Returns([1.0, 2.0, 3.0], "self-loops leave L = 0"),
    ),
    Row(
        "diffusion.heat",
        "two ties",
        lambda: D.heat(two_ties(), np.array([1.0, 0.0, 0.0, 0.0]), 1e6),
        Returns([0.5, 0.5, 0.0, 0.0], "t → ∞: the mean of each component"),
    ),
    Row(
        "diffusion.heat_operator",
        "isolated",
        lambda: D.heat_operator(isolated()),
        Returns([0.0, 0.0, 0.0], "no ties: zero degrees", attr="diag"),
    ),
    Row(
        "diffusion.independent_cascade",
        "empty",
        lambda: _cascade(empty(), 0.5, seeds=()),
        Raises(ValueError, "seeds is empty"),
    ),
    Row(
        "diffusion.independent_cascade",
        "path, p = 0",
        lambda: _cascade(path(), 0.0),
        Returns([1.0, 0.0, 0.0], "only the seed is ever active", attr="probability"),
    ),
    Row(
        "diffusion.independent_cascade",
        "isolated",
        lambda: _cascade(isolated(), 1.0),
        Returns([1.0, 0.0, 0.0], "p = 1 but no ties", attr="probability"),
    ),
    Row(
        "diffusion.independent_cascade",
        "loops",
        lambda: _cascade(loops(), 1.0),
        Returns([1.0, 0.0, 0.0], "a self-loop activates no one new", attr="probability"),
    ),
    Row(
        "diffusion.independent_cascade",
        "two ties",
        lambda: _cascade(two_ties(), 1.0),
        Returns([1.0, 1.0, 0.0, 0.0], "p = 1: the seed's component", attr="probability"),
    ),
    Row(
        "diffusion.independent_cascade",
        "zero weights",
        lambda: _cascade(zero_weights(), 1.0),
        Returns(
            [1.0, 1.0, 1.0],
            "the probability is per tie, not weighted: stored ties pass at p = 1",
            attr="probability",
        ),
    ),
    Row(
        "diffusion.linear_threshold",
        "empty",
        lambda: D.linear_threshold(empty(), [], n_sims=5, seed=1),
        NO_ACTORS,
    ),
    Row(
        "diffusion.linear_threshold",
        "isolated",
        lambda: D.linear_threshold(isolated(), [0], n_sims=20, seed=1),
        Returns([1.0, 0.0, 0.0], "no in-weight reaches any threshold", attr="probability"),
    ),
    Row(
        "diffusion.linear_threshold",
        "two ties",
        lambda: D.linear_threshold(two_ties(), [0], n_sims=20, seed=1),
        Returns(
            [1.0, 1.0, 0.0, 0.0],
            "actor 1's only in-tie is active: weight 1 ≥ θ",
            attr="probability",
        ),
    ),
    Row(
        "diffusion.linear_threshold",
        "zero weights",
        lambda: D.linear_threshold(zero_weights(), [0], n_sims=20, seed=1),
        Returns([1.0, 0.0, 0.0], "weight 0 never reaches a threshold > 0", attr="probability"),
    ),
    Row(
        "diffusion.bass",
        "empty",
        lambda: D.bass(empty(), 0.01, 0.3, 5, n_sims=5, seed=1),
        NO_ACTORS,
    ),
    Row(
        "diffusion.bass",
        "isolated",
        lambda: D.bass(isolated(), 0.01, 0.3, 5, n_sims=5, seed=1),
        Holds(
            "`.mean` is a share in [0, 1], 0 at t = 0 and non-decreasing (innovation only)",
            lambda r: _finite_share(r.mean) and r.mean[0] == 0 and (np.diff(r.mean) >= 0).all(),
        ),
    ),
    Row(
        "diffusion.bass_curve",
        "p = 0",
        lambda: D.bass_curve(np.arange(3.0), 0.0, 0.3),
        Raises(ValueError, "p (coefficient of innovation) must be finite and > 0"),
    ),
    Row(
        "diffusion.bass_curve",
        "t = 0",
        lambda: D.bass_curve(np.array([0.0]), 0.1, 0.3),
        Returns([0.0], "F(0) = 0"),
    ),
    Row(
        "diffusion.fit_bass",
        "all adopt at t = 0",
        lambda: D.fit_bass(isolated(), np.zeros(3)),
        Raises(
            ValueError,
            "adoption_time: every observed actor adopted at time 0",
            "no actor was ever at risk: the data cannot identify the Bass model",
        ),
    ),
    Row(
        "diffusion.knowledge_access",
        "isolated",
        lambda: D.knowledge_access(isolated()),
        Raises(ValueError, "this network has no knowledge sources"),
    ),
    Row(
        "diffusion.knowledge_access",
        "zero weights",
        lambda: D.knowledge_access(zero_weights()),
        Raises(TypeError, "knowledge_access needs a ClusterNetwork"),
    ),
    # structure
    Row("structure.constraint", "empty", lambda: S.constraint(empty()), NO_ACTORS),
    Row(
        "structure.constraint",
        "isolated",
        lambda: S.constraint(isolated()),
        Returns([np.nan] * 3, "Burt's constraint is undefined without contacts (as networkx)"),
    ),
    Row(
        "structure.constraint",
        "loops",
        lambda: S.constraint(loops()),
        Returns([np.nan] * 3, "a self-loop is no contact"),
    ),
    Row(
        "structure.constraint",
        "two ties",
        lambda: S.constraint(two_ties()),
        Returns([1.0] * 4, "one contact: p = 1, c = 1"),
    ),
    Row(
        "structure.effective_size",
        "isolated",
        lambda: S.effective_size(isolated()),
        Returns([np.nan] * 3, "undefined without contacts (as networkx)"),
    ),
    Row(
        "structure.effective_size",
        "two ties",
        lambda: S.effective_size(two_ties()),
        Returns([1.0] * 4, "one non-redundant contact"),
    ),
    Row(
        "structure.multiplexity",
        "empty",
        lambda: S.multiplexity(empty()),
        Returns(np.nan, "no tied pairs: the share is 0/0"),
    ),
    Row(
        "structure.multiplexity",
        "isolated",
        lambda: S.multiplexity(isolated()),
        Returns(np.nan, "no tied pairs: the share is 0/0"),
    ),
    Row(
        "structure.multiplexity",
        "two ties",
        lambda: S.multiplexity(two_ties()),
        Returns(0.0, "both pairs tied in one layer only"),
    ),
    Row(
        "structure.multiplexity",
        "zero weights",
        lambda: S.multiplexity(zero_weights()),
        Raises(TypeError, "multilayer measures need a ClusterNetwork", "layers need a network"),
    ),
    Row(
        "structure.edge_overlap",
        "two ties",
        lambda: S.edge_overlap(two_ties()),
        Returns([np.nan], "overlap = shared / min(pairs) = 0/0", column="overlap"),
    ),
    Row(
        "structure.overlapping_degree",
        "empty",
        lambda: S.overlapping_degree(empty()),
        Returns(np.zeros(0), "no actors: an empty array"),
    ),
    Row(
        "structure.overlapping_degree",
        "loops",
        lambda: S.overlapping_degree(loops()),
        Returns([0.0] * 3, "self-loops are not counted"),
    ),
    Row(
        "structure.overlapping_degree",
        "two ties",
        lambda: S.overlapping_degree(two_ties()),
        Returns([1.0] * 4),
    ),
    Row(
        "structure.participation_coefficient",
        "empty",
        lambda: S.participation_coefficient(empty()),
        Returns(np.zeros(0), "no actors: an empty array"),
    ),
    Row(
        "structure.participation_coefficient",
        "isolated",
        lambda: S.participation_coefficient(isolated()),
        Returns([np.nan] * 3, "degree 0: the shares are 0/0"),
    ),
    Row(
        "structure.participation_coefficient",
        "two ties",
        lambda: S.participation_coefficient(two_ties()),
        Returns([0.0] * 4, "all ties in one layer"),
    ),
    Row(
        "structure.participation_coefficient",
        "zero weights",
        lambda: S.participation_coefficient(zero_weights()),
        Raises(TypeError, "multilayer measures need a ClusterNetwork"),
    ),
    # spillover
    Row(
        "spillover.gini",
        "all zero",
        lambda: SP.gini(np.zeros(3)),
        Returns(0.0, "0/0 read as equality"),
    ),
    Row("spillover.gini", "empty", lambda: SP.gini(np.zeros(0)), Returns(0.0)),
    Row("spillover.gini", "one value", lambda: SP.gini(np.array([5.0])), Returns(0.0)),
    Row(
        "spillover.gini",
        "a NaN value",
        lambda: SP.gini(np.array([1.0, np.nan])),
        Raises(ValueError, "gini: values must be finite and >= 0; values[1] is nan"),
    ),
    Row(
        "spillover.gini",
        "a negative value",
        lambda: SP.gini(np.array([-1.0, 2.0])),
        Raises(ValueError, "gini: values must be finite and >= 0; values[0] is -1.0"),
    ),
    Row(
        "spillover.gini",
        "one holder of four",
        lambda: SP.gini(np.array([0.0, 0.0, 0.0, 1.0])),
        Returns(0.75, "(n − 1)/n for n = 4"),
    ),
    Row(
        "spillover.summarize",
        "empty",
        lambda: SP.summarize(np.zeros((0, 2))),
        Returns([np.nan] * 3, "the mean of no firms", column="mean"),
    ),
    Row(
        "spillover.step",
        "isolated",
        lambda: SP.step(
            isolated(), np.array([[1.0, 2.0], [0.0, 1.0], [3.0, 0.0]]), 0.5, {"technology": 0.5}
        ),
        Returns([[1.0, 2.0], [0.0, 1.0], [3.0, 0.0]], "no ties: knowledge stays where it is"),
    ),
    Row(
        "spillover.run",
        "empty",
        lambda: SP.run(empty(), np.ones((0, 2)), 2, 0.5, {"technology": 0.5}, seed=1),
        Returns(np.zeros((0, 2)), "no actors: an empty stock", attr="final"),
    ),
    # targeting
    Row(
        "targeting.influence_maximization",
        "single",
        lambda: T.influence_maximization(single(), k=1, prob=0.1, seed=1),
        Raises(ValueError, "influence maximization needs at least 2 actors"),
    ),
    Row(
        "targeting.influence_maximization",
        "path, p = 0",
        lambda: T.influence_maximization(path(), k=2, prob=0.0, seed=1),
        Returns(2.0, "the spread of k seeds at p = 0 is exactly k", attr="spread"),
    ),
    Row(
        "targeting.influence_maximization",
        "isolated",
        lambda: T.influence_maximization(isolated(), k=1, prob=0.5, seed=1),
        Returns(1.0, "no ties: the seed alone", attr="spread"),
    ),
    Row(
        "targeting.greedy",
        "no candidates",
        lambda: T.greedy(len, [], 1),
        Raises(ValueError, "no candidates"),
    ),
    Row(
        "targeting.greedy",
        "k > candidates",
        lambda: T.greedy(len, [1, 2], 3),
        Raises(ValueError, "k = 3 exceeds the 2 candidates"),
    ),
    Row(
        "targeting.greedy",
        "constant objective",
        lambda: T.greedy(lambda s: 0.0, [1, 2, 3], 2),
        Holds(
            "two distinct picks with gains `[0, 0]`",
            lambda r: len(set(r.picks)) == 2 and np.allclose(r.gains, 0.0),
            "ties broken without repeating a candidate",
        ),
    ),
    Row(
        "targeting.compare_strategies",
        "isolated, p = 0",
        lambda: T.compare_strategies(isolated(), 1, prob=0.0, n_sims=10, seed=1),
        Returns([1.0] * 4, "every strategy's seed alone", attr="table", column="spread"),
    ),
    Row(
        "targeting.recommend_ties",
        "isolated",
        lambda: T.recommend_ties(isolated(), 1, seed=1),
        Raises(ValueError, "no target actors for new ties"),
    ),
    # measures
    Row("measures.normalize", "empty", lambda: M.normalize(np.zeros(0)), Returns(np.zeros(0))),
    Row(
        "measures.normalize",
        "all missing",
        lambda: M.normalize(np.array([np.nan, np.nan])),
        Returns([np.nan, np.nan]),
    ),
    Row(
        "measures.normalize",
        "constant, minmax",
        lambda: M.normalize(np.array([2.0, 2.0, 2.0])),
        Returns([0.5] * 3, "(x − min)/(max − min) = 0/0, read as the midpoint"),
    ),
    Row(
        "measures.normalize",
        "constant, zscore",
        lambda: M.normalize(np.array([2.0, 2.0, 2.0]), "zscore"),
        Returns([0.0] * 3, "s = 0: every unit at the mean"),
    ),
    Row(
        "measures.normalize",
        "one value, rank",
        lambda: M.normalize(np.array([3.0]), "rank"),
        Returns([0.5], "(rank − 1)/(n − 1) = 0/0, the midpoint"),
    ),
    Row(
        "measures.composite_index",
        "no rows",
        lambda: M.composite_index(pd.DataFrame({"a": [], "b": []})),
        Returns(np.zeros(0), column="index"),
    ),
    Row(
        "measures.composite_index",
        "no columns",
        lambda: M.composite_index(pd.DataFrame(index=[1, 2])),
        Raises(ValueError, "table must be a DataFrame with at least one column"),
    ),
    Row(
        "measures.composite_index",
        "all-zero weights",
        lambda: M.composite_index(pd.DataFrame({"a": [1.0, 2.0]}), weights={"a": 0.0}),
        Raises(ValueError, "weights must be finite, >= 0 and not all zero"),
    ),
    Row(
        "measures.composite_index",
        "constant columns",
        lambda: M.composite_index(pd.DataFrame({"a": [1.0, 1.0], "b": [3.0, 3.0]})),
        Returns([0.5, 0.5], "every component at its midpoint", column="index"),
    ),
    Row(
        "measures.composite_index",
        "a zero component, harmonic",
        lambda: M.composite_index(
            pd.DataFrame({"a": [0.0, 1.0], "b": [0.0, 1.0]}), aggregation="harmonic"
        ),
        Returns([0.0, 1.0], "1 / Σ w/v with v = 0 is 0", column="index"),
    ),
    Row(
        "measures.innovation_capacity",
        "empty",
        lambda: M.innovation_capacity(empty()),
        Raises(ValueError, "the network has no core firms"),
    ),
    Row(
        "measures.innovation_capacity",
        "isolated",
        lambda: M.innovation_capacity(isolated()),
        Returns([0.5] * 3, "every component constant: min–max midpoint", column="index"),
    ),
    Row(
        "measures.cluster_summary",
        "no firms",
        lambda: M.cluster_summary(pd.DataFrame({"index": np.zeros(0)})),
        Holds(
            "`firms` = 0 and every statistic NaN",
            lambda r: r["firms"] == 0 and bool(r.drop("firms").isna().all()),
        ),
    ),
    Row(
        "measures.upgrading_readiness",
        "no core firms",
        lambda: M.upgrading_readiness(network(2, roles=["university", "university"]), seed=1),
        Raises(ValueError, "the network has no core firms"),
    ),
    Row(
        "measures.free_riding_exposure",
        "no output",
        lambda: M.free_riding_exposure(np.zeros(3), np.zeros(3)),
        Returns(np.nan, "a share of zero total output is 0/0"),
    ),
    # top-level
    Row(
        "generate_cluster",
        "one firm",
        lambda: cn.generate_cluster(1, seed=1),
        Raises(ValueError, "n_firms must lie in [2, "),
    ),
    Row(
        "small_world",
        "no actors",
        lambda: cn.small_world(0, 2, 0.1, seed=1),
        Raises(ValueError, "n must be an integer >= 3"),
    ),
    Row(
        "latin_hypercube",
        "no parameters",
        lambda: cn.latin_hypercube({}, 3, seed=1),
        Raises(ValueError, "ranges must name at least one parameter"),
    ),
    Row(
        "simulate_upgrading",
        "empty",
        lambda: cn.simulate_upgrading(empty(), 3, seed=1),
        Raises(ValueError, "net has no core firms"),
    ),
    Row(
        "scenario_discovery",
        "condition never holds",
        lambda: cn.scenario_discovery(
            pd.DataFrame({"x": [0.1, 0.2, 0.3], "y": [0, 0, 0]}), lambda r: r["y"] > 1, ["x"]
        ),
        Raises(ValueError, "condition holds in 0 of 3 rows"),
    ),
    Row(
        "roles.tier_of",
        "unknown role",
        lambda: cn.roles.tier_of("nonsense", False),
        Raises(ValueError, "unknown role 'nonsense'"),
    ),
]


def _round_trip(net: cn.ClusterNetwork, suffix: str) -> cn.ClusterNetwork:
    """``net`` written to a temporary file and read back (``.npz`` or ``.graphml``)."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"net{suffix}"
        if suffix == ".npz":
            net.save(path)
            return cn.load(path)
        IO.write_graphml(net, path)
        return IO.read_graphml(path)


def _towns(towns: list) -> cn.ClusterNetwork:
    """Isolated actors 0..n-1 with a ``town`` column."""
    return cn.ClusterNetwork.from_edges(
        None, actors=pd.DataFrame({"id": list(range(len(towns))), "town": towns})
    )


def _nothing(net: cn.ClusterNetwork) -> bool:
    return net.n_actors == 0 and net.n_edges == 0


# the degenerate cases of the locality orders and of input/output (issue 30, item 4)
ROWS += [
    Row(
        "locality.locality_order",
        "empty",
        lambda: LO.locality_order(empty(), "rcm"),
        Returns([], "the order of no actors is empty"),
    ),
    Row(
        "locality.locality_order",
        "single",
        lambda: LO.locality_order(single(), "rcm"),
        Returns([0], "one actor, one position"),
    ),
    Row(
        "locality.locality_order",
        "isolated",
        lambda: LO.locality_order(isolated(), "rcm"),
        Returns(
            [2, 1, 0],
            "each actor is its own component; Cuthill-McKee visits them in index order, "
            "and the order is reversed",
        ),
    ),
    Row(
        "locality.locality_order",
        "3 isolated actors grouped by an actor column with a missing value",
        lambda: LO.locality_order(_towns(["b", None, "a"]), "town"),
        Returns([2, 0, 1], "groups in sorted order (a, b), the missing value last"),
    ),
    Row(
        "locality.local_network",
        "empty",
        lambda: LO.local_network(empty(), "rcm"),
        Holds(
            "an empty network and an empty order",
            lambda r: _nothing(r[0]) and r[1].size == 0,
            "renumbering no actors leaves nothing",
        ),
    ),
    Row(
        "locality.morton_order",
        "no points",
        lambda: LO.morton_order(np.zeros(0), np.zeros(0)),
        Returns([], "nothing to order"),
    ),
    Row(
        "locality.morton_order",
        "3 points at the same place",
        lambda: LO.morton_order(np.zeros(3), np.zeros(3)),
        Returns([0, 1, 2], "equal Z codes keep their index order (the sort is stable)"),
    ),
    Row(
        "locality.morton_order",
        "x = [nan, 0, 1], y = 0",
        lambda: LO.morton_order(np.array([np.nan, 0.0, 1.0]), np.zeros(3)),
        Returns([1, 2, 0], "a point with a missing coordinate comes last"),
    ),
    Row(
        "measures.upgrading_outlook",
        "empty",
        lambda: M.upgrading_outlook(empty()),
        Raises(ValueError, "the network has no core firms", "no firm to forecast"),
    ),
    Row(
        "io.to_networkx",
        "empty",
        lambda: IO.to_networkx(empty()),
        Holds(
            "a graph with 0 nodes and 0 edges",
            lambda g: g.number_of_nodes() == 0 and g.number_of_edges() == 0,
        ),
    ),
    Row(
        "io.to_networkx",
        "isolated",
        lambda: IO.to_networkx(isolated()),
        Holds(
            "3 nodes and 0 edges",
            lambda g: g.number_of_nodes() == 3 and g.number_of_edges() == 0,
            "isolated actors are kept as nodes",
        ),
    ),
    Row(
        "io.to_igraph",
        "empty",
        lambda: IO.to_igraph(empty()),
        Holds("a graph with 0 vertices and 0 edges", lambda g: g.vcount() == 0 and g.ecount() == 0),
    ),
    Row(
        "io.to_igraph",
        "loops",
        lambda: IO.to_igraph(loops()),
        Holds(
            "3 vertices, 3 self-loops",
            lambda g: g.vcount() == 3 and g.ecount() == 3 and all(g.is_loop()),
        ),
    ),
    Row(
        "ClusterNetwork.save / load",
        "empty",
        lambda: _round_trip(empty(), ".npz"),
        Holds("loads back with 0 actors and 0 ties", _nothing),
    ),
    Row(
        "ClusterNetwork.save / load",
        "loops",
        lambda: _round_trip(loops(), ".npz"),
        Holds(
            "loads back with 3 actors and their 3 self-loops",
            lambda n: n.n_actors == 3 and n.n_edges == 3,
        ),
    ),
    Row(
        "calibrate.observed_moments",
        "isolated",
        lambda: cn.calibrate.observed_moments(isolated(), {"technology": "technology"}),
        Returns(
            [0.0, 0.0, 0.0],
            "mean degree 0; the degree CV (0/0 at mean degree 0) and the transitivity (no "
            "connected triples) are defined as 0, so a fit's distance stays finite",
        ),
    ),
    Row(
        "survey.shared_partners",
        "no ties",
        lambda: cn.survey.shared_partners(np.zeros(0, np.int64), np.zeros(0, np.int64)),
        Returns([], "no tie, no embeddedness"),
    ),
    Row(
        "ensemble.sweep",
        "an empty grid",
        lambda: cn.sweep("clusternet.ensemble:upgrading_task", {}, reps=1, seed=1),
        Raises(ValueError, "grid is empty", "nothing to run (SweepError, a ValueError)"),
    ),
    Row(
        "io.write_graphml / read_graphml",
        "empty",
        lambda: _round_trip(empty(), ".graphml"),
        Holds("reads back with 0 actors and 0 ties", _nothing),
    ),
]


# the 0-actor case of the functions the round-9 fuzz added (issue 30, reliability)
ROWS += [
    Row(
        "centrality.approximate_betweenness",
        "single",
        lambda: C.approximate_betweenness(single(), seed=1),
        Returns([0.0], "fewer than 3 actors: no actor lies between two others", attr="scores"),
    ),
    Row(
        "diffusion.knowledge_access",
        "empty",
        lambda: D.knowledge_access(empty()),
        Raises(ValueError, "this network has no knowledge sources", "no actor to start from"),
    ),
    Row(
        "targeting.recommend_ties",
        "empty",
        lambda: T.recommend_ties(empty(), 1, seed=1),
        Raises(ValueError, "no candidate actors", "no core firm to tie"),
    ),
    Row(
        "ClusterNetwork.csr",
        "empty",
        lambda: empty().csr(direction="both"),
        Holds("a 0 × 0 matrix", lambda a: a.shape == (0, 0) and a.nnz == 0),
    ),
    Row(
        "ClusterNetwork.summary",
        "empty",
        lambda: empty().summary(),
        Holds(
            "every row: 0 edges, density 0, 0 components",
            lambda t: bool(
                (t["edges"] == 0).all()
                and (t["density"] == 0).all()
                and (t["components"] == 0).all()
            ),
            "no pair of actors: the density's n (n − 1) is taken as 1, as networkx",
        ),
    ),
    Row(
        "ClusterNetwork.subnetwork / reordered",
        "empty",
        lambda: (empty().subnetwork([]), empty().reordered()),
        Holds(
            "two networks with 0 actors and 0 ties",
            lambda pair: _nothing(pair[0]) and _nothing(pair[1]),
        ),
    ),
    Row(
        "measures.sobol",
        "no factors",
        lambda: M.sobol(lambda x: x.sum(axis=1), [], [], n=8, seed=1),
        Raises(ValueError, "names is empty", "no factor to attribute variance to"),
    ),
    Row(
        "measures.morris",
        "no factors",
        lambda: M.morris(lambda x: x.sum(axis=1), [], [], trajectories=2, seed=1),
        Raises(ValueError, "names is empty", "no factor to move"),
    ),
    Row(
        "measures.morris",
        "a constant model",
        lambda: M.morris(lambda x: np.zeros(x.shape[0]), ["a", "b"], [(0, 1), (0, 1)], seed=1),
        Returns([0.0, 0.0], "no elementary effect: every difference is 0", column="sigma"),
    ),
]


# ---------------------------------------------------------------------- checks and the page
def outcome(row: Row) -> Any:
    """The value a row's expectation is compared with (its attribute or column)."""
    result = row.call()
    expect = row.expect
    if isinstance(expect, Returns):
        if expect.attr:
            result = getattr(result, expect.attr)
        if expect.column:
            result = result[expect.column].to_numpy()
    return result


def check(row: Row) -> None:
    """Call ``row`` and assert its expectation (raises AssertionError when it fails)."""
    import pytest

    expect = row.expect
    if isinstance(expect, Raises):
        with pytest.raises(expect.error, match=re.escape(expect.match)):
            row.call()
        return
    got = outcome(row)
    if isinstance(expect, Holds):
        assert expect.predicate(got), f"{row.id}: {expect.claim} does not hold for {got!r}"
        return
    want = np.asarray(expect.value, dtype=np.float64)
    got = np.asarray(got, dtype=np.float64)
    assert got.shape == want.shape, f"{row.id}: shape {got.shape}, expected {want.shape}"
    np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-12, equal_nan=True, err_msg=row.id)


#: Three Morris trajectories over two factors in [0, 1] (one step of 0.5 per factor).
_TRAJECTORIES = np.array(
    [[0.2 * t + dx, 0.1 * t + dy] for t in range(3) for dx, dy in ((0, 0), (0.5, 0), (0.5, 0.5))]
)


def _edge_file(text: str):
    """An edge list written to a fresh temporary CSV file; returns its path."""
    import tempfile

    path = Path(tempfile.mkdtemp()) / "edges.csv"
    path.write_text(text)
    return path


def _no_ties_profile(table) -> bool:
    counts = table[["edges", "density"]].to_numpy(dtype=float)
    ratios = table[["reciprocity", "transitivity", "mean_distance"]].to_numpy(dtype=float)
    return bool((counts == 0).all() and np.isnan(ratios).all())


def _nan_shares(series) -> bool:
    ratios = series.drop(
        [k for k in series.index if k == "actors" or k.startswith(("tier:", "role:"))]
    )
    return bool(series["actors"] == 0 and np.isnan(ratios.to_numpy(dtype=float)).all())


# round 29: the functions a referee found missing from this page
ROWS += [
    Row(
        "structure.layer_profile",
        "empty",
        lambda: S.layer_profile(empty()),
        Holds(
            "one row per layer: edges and density 0; reciprocity, transitivity, mean distance NaN",
            _no_ties_profile,
            "a profile describes whatever network it is given; with no ties the ratios are 0/0",
        ),
    ),
    Row(
        "structure.layer_profile",
        "isolated",
        lambda: S.layer_profile(isolated()),
        Holds(
            "one row per layer: edges and density 0; reciprocity, transitivity, mean distance NaN",
            _no_ties_profile,
            "no ties: no reciprocated pair, no triangle, no path",
        ),
    ),
    Row(
        "structure.profile",
        "empty",
        lambda: S.profile(empty()),
        Holds(
            "`actors` 0 and every share or concentration NaN",
            _nan_shares,
            "shares of nothing are 0/0 (a profile is not refused: it reports what is there)",
        ),
    ),
    Row(
        "io.read_edgelist",
        "empty file",
        lambda: IO.read_edgelist(_edge_file("")),
        Raises(
            ValueError,
            "edges.csv is empty: a table needs at least a header row",
            "no header: nothing names the columns",
        ),
    ),
    Row(
        "io.read_edgelist",
        "header only",
        lambda: IO.read_edgelist(_edge_file("source,target\n")),
        Raises(
            ValueError,
            "an empty edge table needs an actors table (or n_actors)",
            "without ties or an actors table nothing says which actors exist",
        ),
    ),
    Row(
        "io.from_networkx",
        "empty",
        lambda: (lambda n: (n.n_actors, n.n_edges))(
            IO.from_networkx(__import__("networkx").Graph())
        ),
        Returns([0, 0], "an empty graph is an empty network (analyses then refuse it)"),
    ),
    Row(
        "io.from_networkx",
        "isolated",
        lambda: (lambda n: (n.n_actors, n.n_edges))(
            IO.from_networkx(__import__("networkx").empty_graph(3))
        ),
        Returns([3, 0], "nodes without edges are actors without ties"),
    ),
    Row(
        "io.from_igraph",
        "empty",
        lambda: (lambda n: (n.n_actors, n.n_edges))(IO.from_igraph(__import__("igraph").Graph())),
        Returns([0, 0], "an empty graph is an empty network (analyses then refuse it)"),
    ),
    Row(
        "io.from_igraph",
        "isolated",
        lambda: (lambda n: (n.n_actors, n.n_edges))(IO.from_igraph(__import__("igraph").Graph(3))),
        Returns([3, 0], "vertices without edges are actors without ties"),
    ),
    Row(
        "calibrate.fit_generator",
        "isolated",
        lambda: __import__("clusternet.calibrate", fromlist=["x"]).fit_generator(
            isolated(), seed=1
        ),
        Raises(
            ValueError,
            "the observed network has 3 firms; the moments need at least 10",
            "degree and clustering moments of fewer than 10 firms are not estimable",
        ),
    ),
    Row(
        "measures.sensitivity",
        "constant table",
        lambda: M.sensitivity(pd.DataFrame({"a": [1.0] * 3, "b": [2.0] * 3}), seed=1)["indices"],
        Holds(
            "every Sobol index 0",
            lambda t: bool((t[["S1", "ST"]].to_numpy() == 0).all()),
            "a constant table gives every unit the same index under every choice: no variance "
            "to apportion",
        ),
    ),
    Row(
        "measures.elementary_effects",
        "constant output",
        lambda: M.elementary_effects(_TRAJECTORIES, np.ones(len(_TRAJECTORIES)), [(0, 1), (0, 1)]),
        Returns(np.zeros((3, 2)), "an output that never changes has every effect 0"),
    ),
    Row(
        "measures.elementary_effects",
        "no rows",
        lambda: M.elementary_effects(np.zeros((0, 2)), np.zeros(0), [(0, 1), (0, 1)]),
        Raises(
            ValueError,
            "x must hold whole trajectories of k + 1 = 3 rows, got 0 rows",
            "a trajectory has k + 1 points",
        ),
    ),
    Row(
        "measures.seed_noise",
        "identical reruns",
        lambda: M.seed_noise(
            _TRAJECTORIES,
            np.ones(len(_TRAJECTORIES)),
            np.ones(len(_TRAJECTORIES)),
            [(0, 1), (0, 1)],
        ),
        Returns([0.0, 0.0], "a rerun that gives the same output has no seed noise"),
    ),
]


def page() -> str:
    """The text of docs/degenerate.md."""
    lines = [
        "# Degenerate cases",
        "",
        "What each public function returns or raises on degenerate input. The table is",
        "generated from `tests/degenerate_cases.py` (`python tests/degenerate_cases.py`),",
        "and `tests/test_degenerate.py` calls every row, so this page and the code agree.",
        "Expected values follow from each measure's definition on that input (column *why*).",
        "",
        "Inputs used below:",
        "",
    ]
    lines += [f"* **{key}**: {text}" for key, text in CASES.items()]
    lines += [
        "",
        "General rules: an analysis of a network with no actors is refused with a `ValueError`",
        "naming the argument (the profiles and readers, which describe or build a network,",
        "return an empty one); measures that are 0/0 on a degenerate input (constraint, effective size,",
        "participation coefficient of an isolated actor, multiplexity without tied pairs) return",
        "NaN rather than an arbitrary number; unweighted measures count every stored tie, whatever",
        "its weight, while weighted measures (and walks) treat a weight of 0 as no tie; an",
        "independent-cascade probability is per tie and ignores weights.",
        "",
        "| Function | Case | Returns or raises | Why |",
        "| --- | --- | --- | --- |",
    ]
    for row in ROWS:
        case = CASES.get(row.case, row.case)
        why = row.expect.why.replace("|", "\\|")
        lines.append(f"| `{row.function}` | {case} | {row.expect.text()} | {why} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    PAGE.write_text(page())
    print(f"wrote {PAGE} ({len(ROWS)} rows)", file=sys.stderr)
