"""Kernels of a network round: compacting the edge list, and keyed neighbour choice.

Each has a parallel and a serial build (:func:`clusternet.kernels.builds.parallel_and_serial`;
small inputs take the serial one), and both give the same result to the bit on any number
of threads: :func:`compact_edges` writes each kept edge where a serial pass would, and
:func:`keyed_neighbour` draws each choice from a counter-based hash keyed by actor
identity (:mod:`clusternet.kernels.rng`), not from a stream shared across threads.
"""

from __future__ import annotations

import numpy as np
from numba import prange, uint64

from clusternet.kernels.builds import parallel_and_serial
from clusternet.kernels.rng import mix64

#: edges per block of :func:`compact_edges` (one block's count, then its writes, per task);
#: fewer edges than one block are compacted on one thread
COMPACT_BLOCK = 1 << 16

#: from this many choosing nodes on, :func:`keyed_neighbour` runs on the Numba threads
WALKERS_PARALLEL_FROM = 1 << 12


def _compact_edges(keep, src, dst, layer, weight, out_src, out_dst, out_layer, out_weight):
    """The body of :func:`compact_edges` (built parallel and serial below)."""
    n = keep.shape[0]
    blocks = (n + COMPACT_BLOCK - 1) // COMPACT_BLOCK
    first = np.zeros(blocks + 1, dtype=np.int64)
    for b in prange(blocks):
        kept = 0
        for e in range(b * COMPACT_BLOCK, min(n, (b + 1) * COMPACT_BLOCK)):
            if keep[e]:
                kept += 1
        first[b + 1] = kept
    for b in range(blocks):
        first[b + 1] += first[b]
    for b in prange(blocks):
        at = first[b]
        for e in range(b * COMPACT_BLOCK, min(n, (b + 1) * COMPACT_BLOCK)):
            if keep[e]:
                out_src[at] = src[e]
                out_dst[at] = dst[e]
                out_layer[at] = layer[e]
                out_weight[at] = weight[e]
                at += 1
    return first[blocks]


# (parallel_and_serial: built from one body, the two would share a Numba cache entry)
_compact_edges_parallel, _compact_edges_serial = parallel_and_serial(_compact_edges)


def compact_edges(
    keep: np.ndarray,
    src: np.ndarray,
    dst: np.ndarray,
    layer: np.ndarray,
    weight: np.ndarray,
    out_src: np.ndarray,
    out_dst: np.ndarray,
    out_layer: np.ndarray,
    out_weight: np.ndarray,
) -> int:
    r"""Write the kept edges of four parallel edge arrays, in order, to the front of four outputs.

    Equivalent to ``out_x[:m] = x[keep]`` for each of the four arrays, with
    ``m = keep.sum()``: kept edge ``e`` goes to position
    :math:`\sum_{f < e} \mathrm{keep}_f`. Blocks of :data:`COMPACT_BLOCK` edges count
    their kept edges in parallel, a prefix sum gives each block's first position, and the
    blocks are written in parallel (each to its own range: disjoint writes). Fewer edges
    than one block run the serial build (no parallel-region start-up); both builds write
    the same output.

    Parameters
    ----------
    keep : ndarray of bool, shape (E,)
        Which edges stay.
    src, dst, layer, weight : ndarray, shape (E,)
        The edge arrays.
    out_src, out_dst, out_layer, out_weight : ndarray
        Outputs, each at least ``keep.sum()`` long (entries past it are left alone).

    Returns
    -------
    int
        The number of kept edges ``m``.

    Examples
    --------
    >>> import numpy as np
    >>> from clusternet.kernels.tie_round import compact_edges
    >>> keep = np.array([True, False, True, True])
    >>> s, d = np.arange(4, dtype=np.int32), np.arange(4, 8, dtype=np.int32)
    >>> lay, w = np.zeros(4, np.int16), np.array([0.5, 1.0, 2.0, 4.0])
    >>> outs = [np.full(4, -1, s.dtype), np.full(4, -1, d.dtype), np.full(4, -1, lay.dtype),
    ...         np.full(4, -1.0)]
    >>> int(compact_edges(keep, s, d, lay, w, *outs)), outs[0].tolist(), outs[3].tolist()
    (3, [0, 2, 3, -1], [0.5, 2.0, 4.0, -1.0])
    """
    kernel = _compact_edges_serial if keep.shape[0] < COMPACT_BLOCK else _compact_edges_parallel
    return int(kernel(keep, src, dst, layer, weight, out_src, out_dst, out_layer, out_weight))


def _keyed_neighbour(indptr, indices, nodes, walker, keys, salt, out):
    """The body of :func:`keyed_neighbour` (built parallel and serial below)."""
    golden = uint64(0x9E3779B97F4A7C15)
    s = uint64(salt)
    for k in prange(nodes.shape[0]):
        row = nodes[k]
        base = mix64(uint64(walker[k]) + golden)
        best = uint64(0)
        pick = -1
        for e in range(indptr[row], indptr[row + 1]):
            j = indices[e]
            tie = mix64(base ^ uint64(keys[j]))
            draw = mix64(mix64(tie + golden) ^ s) >> uint64(11)
            if pick < 0 or draw < best:
                best = draw
                pick = j
        out[k] = pick


_keyed_neighbour_parallel, _keyed_neighbour_serial = parallel_and_serial(_keyed_neighbour)


def keyed_neighbour(
    indptr: np.ndarray,
    indices: np.ndarray,
    nodes: np.ndarray,
    walker: np.ndarray,
    keys: np.ndarray,
    salt: np.uint64,
    out: np.ndarray,
) -> None:
    r"""For each node, the neighbour whose tie with the walker draws the smallest uniform.

    Node ``nodes[k]``'s candidates are its stored neighbours
    ``indices[indptr[nodes[k]]:indptr[nodes[k] + 1]]``; neighbour ``j`` draws

    .. math::

        u = \mathrm{mix}(\mathrm{mix}(t + g) \oplus s) \gg 11 \,/\, 2^{53},
        \qquad t = \mathrm{mix}(\mathrm{mix}(w_k + g) \oplus \mathrm{key}_j)

    (:func:`clusternet.dynamics.draws.uniforms` of
    :func:`clusternet.dynamics.draws.tie_keys`; ``mix`` is SplitMix64's finaliser, ``g``
    the golden-ratio constant, ``w_k = walker[k]``, ``s = salt``). The smallest draw wins;
    of equal draws, the first stored. ``out[k]`` is -1 for a node without neighbours.
    Each distinct neighbour is equally likely, whatever the storage order. From
    :data:`WALKERS_PARALLEL_FROM` nodes on the nodes are shared out over the Numba
    threads; fewer run the serial build (the same choices).

    Parameters
    ----------
    indptr : ndarray of int64, shape (N + 1,)
        Row pointers of the neighbour lists.
    indices : ndarray of int32
        Neighbours, row by row.
    nodes : ndarray of int64, shape (K,)
        The nodes choosing, each in ``[0, N)``.
    walker : ndarray of uint64, shape (K,)
        The key each choice is drawn under.
    keys : ndarray of uint64, shape (N,)
        One key per actor.
    salt : uint64
        The draws' salt (:func:`clusternet.dynamics.draws.salt`).
    out : ndarray of int64, shape (K,)
        The chosen neighbours (overwritten).

    Examples
    --------
    Node 0 has neighbours 1 and 2; node 1 has none:

    >>> import numpy as np
    >>> from clusternet.kernels.tie_round import keyed_neighbour
    >>> indptr = np.array([0, 2, 2, 2], dtype=np.int64)
    >>> indices = np.array([1, 2], dtype=np.int32)
    >>> keys = np.array([11, 12, 13], dtype=np.uint64)
    >>> out = np.empty(2, dtype=np.int64)
    >>> keyed_neighbour(indptr, indices, np.array([0, 1]), keys[[0, 1]], keys, np.uint64(5), out)
    >>> int(out[0]) in (1, 2), int(out[1])
    (True, -1)
    """
    serial = nodes.shape[0] < WALKERS_PARALLEL_FROM
    kernel = _keyed_neighbour_serial if serial else _keyed_neighbour_parallel
    kernel(indptr, indices, nodes, walker, keys, salt, out)
