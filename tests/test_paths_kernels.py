"""The BFS kernels of ``kernels/paths.py`` that only measures call, against scipy's BFS.

``multi_source_depth`` (readiness's reach), ``bfs_distance_sums`` and ``eccentricities``
(structure's distances) are reached through wrappers whose tests use a few hand cases;
here each is checked on random digraphs against ``scipy.sparse.csgraph.shortest_path``,
with repeated sources and depth limits (issue 30: sampled mutants of these kernels).
"""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from scipy.sparse.csgraph import shortest_path

from clusternet.kernels.csr import kernel_arrays
from clusternet.kernels.paths import bfs_distance_sums, eccentricities, multi_source_depth


def _digraph(seed: int, n: int = 12, p: float = 0.15) -> sp.csr_array:
    rng = np.random.default_rng(seed)
    a = (rng.random((n, n)) < p).astype(float)
    np.fill_diagonal(a, 0.0)
    return sp.csr_array(a)


def _hops(a: sp.csr_array) -> np.ndarray:
    return shortest_path(a, method="D", directed=True, unweighted=True)


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("max_depth", [0, 1, 2, 50])
def test_paths_multi_source_depth_matches_scipy_with_repeated_sources(seed, max_depth):
    a = _digraph(seed)
    indptr, indices, _ = kernel_arrays(a)
    sources = np.array([3, 0, 3, 7, 0], dtype=np.int64)  # repeated on purpose
    depth = np.full(a.shape[0], -1, dtype=np.int64)
    multi_source_depth(indptr, indices, sources, max_depth, depth)
    nearest = _hops(a)[np.unique(sources)].min(axis=0)
    want = np.where(nearest <= max_depth, nearest, -1).astype(np.int64)
    np.testing.assert_array_equal(depth, want)


@pytest.mark.parametrize("seed", range(4))
def test_paths_bfs_distance_sums_and_eccentricities_match_scipy(seed):
    a = _digraph(seed, p=0.2)
    indptr, indices, _ = kernel_arrays(a)
    hops = _hops(a)
    sources = np.arange(a.shape[0], dtype=np.int64)
    totals = np.zeros(a.shape[0])
    reached = np.zeros(a.shape[0], dtype=np.int64)
    bfs_distance_sums(indptr, indices, sources, totals, reached)
    finite = np.isfinite(hops)
    np.testing.assert_array_equal(reached, finite.sum(axis=1) - 1)
    np.testing.assert_array_equal(totals, np.where(finite, hops, 0).sum(axis=1))
    ecc = np.zeros(a.shape[0], dtype=np.int64)
    eccentricities(indptr, indices, sources, ecc)
    np.testing.assert_array_equal(ecc, np.where(finite, hops, 0).max(axis=1))


def test_paths_eccentricity_when_the_farthest_level_holds_one_actor():
    # a path 0 -> 1 -> 2 -> 3 plus an isolated actor 4: the last actor a BFS reaches is the
    # only one at its depth (random graphs rarely end a BFS on a level of one)
    a = sp.csr_array(([1.0] * 3, ([0, 1, 2], [1, 2, 3])), shape=(5, 5))
    indptr, indices, _ = kernel_arrays(a)
    starts = np.arange(5, dtype=np.int64)
    ecc = np.zeros(5, dtype=np.int64)
    eccentricities(indptr, indices, starts, ecc)
    hops = _hops(a)
    np.testing.assert_array_equal(ecc, np.where(np.isfinite(hops), hops, 0).max(axis=1))
    assert ecc.tolist() == [3, 2, 1, 0, 0]
