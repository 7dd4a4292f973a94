"""The cascade kernel's prefetched queue and Brandes' branch-free forward pass.

The independent cascade is checked draw for draw against a pure-Python
implementation of its documented draw scheme (same seed, same cascade); the
branch-free Brandes rows against networkx and igraph, on graphs where the queue
fills before a row ends (the store one past the queue) and with rows on both sides
of the successor budget.
"""

import igraph as ig
import networkx as nx
import numpy as np
import pytest
import scipy.sparse as sp

from clusternet import centrality as C
from clusternet import path_centrality
from clusternet.kernels import diffusion as K
from clusternet.kernels.csr import kernel_arrays

M64 = (1 << 64) - 1
GOLDEN = 0x9E3779B97F4A7C15


def _mix64(z: int) -> int:
    z &= M64
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
    return z ^ (z >> 31)


def _stream(seed: int, index: int) -> int:
    return _mix64(seed ^ _mix64(index + GOLDEN))


def _cascade_reference(indptr, indices, p, seeds, n_sims, seed, max_steps):
    """Per-tie direct draws in blocks of 64, as the kernel documents them, in plain Python.

    Draw ``j`` of a block after state ``s`` is ``mix64(s + (j + 1) * golden) >> 11``, a
    hit when below ``ceil(p 2^53)``; hits are taken in tie order; the state then moves
    on by the block's width. Valid where every row takes direct draws (``p = 0.2``).
    """
    n = len(indptr) - 1
    limit = int(np.ceil(p * 2.0**53))
    counts = np.zeros(n, dtype=np.int64)
    sizes = []
    curve = np.zeros(max_steps + 1, dtype=np.int64)
    for r in range(n_sims):
        state = _stream(seed, r)
        active = np.zeros(n, dtype=bool)
        queue = []
        for s in seeds:
            if not active[s]:
                active[s] = True
                queue.append(int(s))
        curve[0] += len(queue)
        head, step = 0, 0
        while head < len(queue) and step < max_steps:
            step += 1
            level_end = len(queue)
            while head < level_end:
                v = queue[head]
                head += 1
                row = indices[indptr[v] : indptr[v + 1]]
                for start in range(0, len(row), 64):
                    width = min(64, len(row) - start)
                    hits = [
                        j for j in range(width) if (_mix64(state + GOLDEN * (j + 1)) >> 11) < limit
                    ]
                    state = (state + GOLDEN * width) & M64
                    for j in hits:
                        w = int(row[start + j])
                        if not active[w]:
                            active[w] = True
                            queue.append(w)
            curve[step] += len(queue) - level_end
        sizes.append(len(queue))
        counts[queue] += 1
    return counts, np.array(sizes), curve


def test_cascade_kernel_matches_the_draw_scheme_in_plain_python():
    """Same seed, same cascade: the prefetched kernel against the scheme run by hand.

    Queues of hundreds of actors (prefetching 8 and 16 places ahead is active) and a
    hub of 150 ties (three blocks of draws).
    """
    rng = np.random.default_rng(3)
    n, m = 400, 3600
    src, dst = rng.integers(0, n, m), rng.integers(0, n, m)
    src = np.concatenate([src, np.zeros(150, dtype=np.int64)])
    dst = np.concatenate([dst, rng.choice(np.arange(1, n), 150, replace=False)])
    keep = src != dst
    a = sp.csr_array((np.ones(keep.sum()), (src[keep], dst[keep])), shape=(n, n))
    indptr, indices, _ = kernel_arrays(a)
    p, n_sims, base, steps = 0.2, 12, 0x1234_5678_9ABC_DEF1, n
    seeds = np.array([0, 5, 5, 17], dtype=np.int32)
    prob = np.full(indices.shape[0], p)
    row_max = np.full(n, p)
    row_uniform = np.ones(n, dtype=np.bool_)
    counts = np.zeros((1, n), dtype=np.int64)
    sizes = np.zeros(n_sims, dtype=np.int64)
    curves = np.zeros((1, steps + 1), dtype=np.int64)
    last = np.zeros(1, dtype=np.int64)
    K.independent_cascade(
        indptr, indices, prob, row_max, row_uniform, seeds, n_sims, np.uint64(base), steps, 1,
        counts, sizes, curves, last,
    )  # fmt: skip
    ref_counts, ref_sizes, ref_curve = _cascade_reference(
        indptr, indices, p, seeds, n_sims, base, steps
    )
    assert ref_sizes.min() > 100  # the queue runs far ahead of the prefetch distance
    np.testing.assert_array_equal(sizes, ref_sizes)
    np.testing.assert_array_equal(counts[0], ref_counts)
    np.testing.assert_array_equal(curves[0], ref_curve)
    assert last[0] == np.flatnonzero(ref_curve)[-1]


@pytest.mark.parametrize(
    "graph",
    [
        nx.complete_graph(12),  # the first row reaches everyone: stores one past the queue
        nx.star_graph(9),
        nx.barbell_graph(6, 3),
        nx.gnm_random_graph(80, 400, seed=4),
    ],
    ids=["complete", "star", "barbell", "gnm"],
)
def test_branch_free_brandes_matches_networkx(graph):
    expected = nx.betweenness_centrality(graph, normalized=False)
    ours = C.betweenness(sp.csr_array(nx.to_scipy_sparse_array(graph, nodelist=range(len(graph)))))
    np.testing.assert_allclose(
        ours, [expected[v] for v in range(len(graph))], rtol=1e-12, atol=1e-12
    )


@pytest.mark.parametrize("directed", [False, True])
def test_brandes_rows_on_both_sides_of_the_successor_budget(monkeypatch, directed):
    """A budget a little above n: early rows run branch-free, later rows of a source
    do not fit and take the counted path; the sums agree with igraph."""
    g = ig.Graph.Erdos_Renyi(250, m=1200, directed=directed)
    monkeypatch.setattr(path_centrality, "SUCCESSOR_BUFFER_BYTES", 4 * 400)
    ours = C.betweenness(g)
    np.testing.assert_allclose(ours, g.betweenness(directed=directed), rtol=1e-10, atol=1e-9)
