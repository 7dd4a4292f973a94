r"""Knowledge-spillover kernels (the gap rule of :func:`clusternet.spillover.step`) on a combined multilayer in-CSR.

Row ``i`` lists every tie ``j -> i`` of every chosen layer as one entry with its
layer code, its row-normalised weight :math:`\hat w_{ji}` (the weights of ``i``'s ties in
that layer sum to 1) and its distance factor :math:`\exp(-\mathrm{dist}_{ij} / \lambda)`.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

from clusternet.kernels.memory import PREFETCH_AHEAD, prefetch
from clusternet.kernels.rng import next_uniform, stream


@njit(cache=True, nogil=True, parallel=True)
def gap_step(
    indptr,
    indices,
    entry_layer,
    entry_weight,
    entry_decay,
    rates,
    tacitness,
    face_to_face,
    absorptive,
    knowledge,
    out,
):
    r"""One synchronous step of the gap rule.

    .. math::

        \mathrm{out}_{id} = K_{id} + a_i \sum_{\text{entries}} \beta_{ld}\, \hat w\, g
        \max(0, K_{jd} - K_{id})

    with :math:`g = (1 - \tau_d) + \tau_d\, \mathrm{decay}` on face-to-face layers and
    :math:`g = 1 - \tau_d` (codified part only) elsewhere. Rows are independent
    (pull), so the step is parallel and thread-count independent. The row of a
    later entry is prefetched (:func:`clusternet.kernels.memory.prefetch`) and the
    loop is branch-free, so at a million actors the scattered reads overlap.

    Parameters
    ----------
    indptr : ndarray of int64, shape (n + 1,)
        Row pointers of the operator (in-ties: row :math:`i` lists the actors
        :math:`j` that :math:`i` learns from).
    indices : ndarray of int32
        Source actor of each entry.
    entry_layer : ndarray of int64
        Layer code :math:`l` of each entry.
    entry_weight : ndarray of float64
        Normalised weight :math:`\hat w` of each entry.
    entry_decay : ndarray of float64
        Distance decay of each entry (1 without coordinates).
    rates : ndarray of float64, shape (L, D)
        Spillover rate :math:`\beta_{ld}` per layer and domain.
    tacitness : ndarray of float64, shape (D,)
        Tacit share :math:`\tau_d` of each domain.
    face_to_face : ndarray of bool, shape (L,)
        Layers that carry tacit knowledge.
    absorptive : ndarray of float64, shape (n,)
        Absorptive capacity :math:`a_i`.
    knowledge : ndarray of float64, shape (n, D)
        :math:`K` before the step (read only).
    out : ndarray of float64, shape (n, D)
        Output: :math:`K` after the step.

    Examples
    --------
    The kernel behind :meth:`clusternet.spillover.SpilloverModel.step`, on its prepared arrays:

    >>> import numpy as np
    >>> import clusternet as cn
    >>> from clusternet.kernels.spillover import gap_step
    >>> from clusternet.spillover import SpilloverModel
    >>> net = cn.datasets.load_florentine_families()
    >>> m = SpilloverModel(net, tacitness=0.5, layer_rates={"marriage": 0.4})
    >>> k = np.random.default_rng(1).uniform(size=(net.n_actors, 1))
    >>> out = np.empty_like(k)
    >>> gap_step(m.indptr, m.indices, m.entry_layer, m.entry_weight, m.entry_decay, m.rates, m.tacitness,
    ...          m.face_to_face, m.absorptive, k, out)
    >>> bool(np.array_equal(out, m.step(k))), bool((out >= k).all())
    (True, True)
    """
    n, dims = knowledge.shape
    m = indices.shape[0]
    for i in prange(n):
        for d in range(dims):
            out[i, d] = 0.0
        for e in range(indptr[i], indptr[i + 1]):
            # the row a later entry reads is fetched now: its read no longer waits on memory
            if e + PREFETCH_AHEAD < m:
                prefetch(knowledge, indices[e + PREFETCH_AHEAD])
            j = indices[e]
            layer = entry_layer[e]
            w = entry_weight[e]
            # branch-free (a select and a max): the same sums as testing f2f and gap > 0,
            # since adding rate * w * g * 0.0 leaves the non-negative sum unchanged
            decay = entry_decay[e] if face_to_face[layer] else 0.0
            for d in range(dims):
                gap = max(knowledge[j, d] - knowledge[i, d], 0.0)
                tau = tacitness[d]
                g = (1.0 - tau) + tau * decay
                out[i, d] += rates[layer, d] * w * g * gap
        a = absorptive[i]
        for d in range(dims):
            out[i, d] = knowledge[i, d] + a * out[i, d]


@njit(cache=True, nogil=True)
def barter_steps(
    indptr,
    indices,
    entry_layer,
    entry_weight,
    entry_decay,
    layer_pick,
    tacitness,
    face_to_face,
    absorptive,
    alpha,
    knowledge,
    steps,
    first_round,
    seed,
    trades_out,
):
    r"""Cowan & Jonard (2004) barter exchange, asynchronous: ``steps`` rounds of ``n`` meetings.

    In each meeting an actor ``i`` drawn uniformly meets a partner ``j`` drawn
    among its ties with probability proportional to ``w^ * layer_pick[l]``. They
    trade only if each leads the other in some domain; then in every domain the
    lagging side closes ``alpha * a * g`` of the gap (``g`` the tacit distance
    factor). Modifies ``knowledge`` in place; ``trades_out[t]`` counts trades in
    round ``t``. Sequential (meetings interact). Round ``first_round + t`` uses
    its own stream, so splitting a run into chunks (for recording) leaves every
    draw unchanged.

    Parameters
    ----------
    indptr : ndarray of int64, shape (n + 1,)
        Row pointers of the operator (in-ties: row :math:`i` lists the actors
        :math:`j` that :math:`i` learns from).
    indices : ndarray of int32
        Source actor of each entry.
    entry_layer : ndarray of int64
        Layer code :math:`l` of each entry.
    entry_weight : ndarray of float64
        Normalised weight :math:`\hat w` of each entry.
    entry_decay : ndarray of float64
        Distance decay of each entry (1 without coordinates).
    layer_pick : ndarray of float64, shape (L,)
        Per-layer multiplier of the partner choice.
    tacitness : ndarray of float64, shape (D,)
        Tacit share of each domain.
    face_to_face : ndarray of bool, shape (L,)
        Layers that carry tacit knowledge.
    absorptive : ndarray of float64, shape (n,)
        Absorptive capacity :math:`a`.
    alpha : float
        Share of the gap closed per trade, :math:`\alpha`.
    knowledge : ndarray of float64, shape (n, D)
        Knowledge, updated in place.
    steps : int
        Rounds to play.
    first_round : int
        Number of the first round (keys its stream).
    seed : uint64
        Root seed.
    trades_out : ndarray of int64, shape (steps,)
        Output: trades per round.

    Examples
    --------
    Two rounds of barter on a prepared :class:`clusternet.spillover.SpilloverModel`; nobody loses knowledge:

    >>> import numpy as np
    >>> import clusternet as cn
    >>> from clusternet.kernels.spillover import barter_steps
    >>> from clusternet.spillover import SpilloverModel
    >>> net = cn.datasets.load_florentine_families()
    >>> m = SpilloverModel(net, tacitness=0.5, layer_rates={"marriage": 0.4})
    >>> k0 = np.random.default_rng(1).uniform(size=(net.n_actors, 1))
    >>> k, trades = k0.copy(), np.zeros(2, dtype=np.int64)
    >>> barter_steps(m.indptr, m.indices, m.entry_layer, m.entry_weight, m.entry_decay,
    ...              np.ones(len(net.layers)), m.tacitness, m.face_to_face, m.absorptive, 0.5, k, 2, 0,
    ...              np.uint64(1), trades)
    >>> bool((k >= k0).all()), bool(trades.sum() >= 0)
    (True, True)
    """
    n, dims = knowledge.shape
    for t in range(steps):
        state = stream(seed, first_round + t)
        trades = 0
        for _ in range(n):
            state, u = next_uniform(state)
            i = min(np.int64(u * n), n - 1)
            lo = indptr[i]
            hi = indptr[i + 1]
            if hi <= lo:
                continue
            total = 0.0
            for e in range(lo, hi):
                total += entry_weight[e] * layer_pick[entry_layer[e]]
            if total <= 0.0:
                continue
            state, u = next_uniform(state)
            target = u * total
            acc = 0.0
            pick = hi - 1
            for e in range(lo, hi):
                acc += entry_weight[e] * layer_pick[entry_layer[e]]
                if acc > target:
                    pick = e
                    break
            j = indices[pick]
            i_leads = False
            j_leads = False
            for d in range(dims):
                if knowledge[i, d] > knowledge[j, d]:
                    i_leads = True
                elif knowledge[j, d] > knowledge[i, d]:
                    j_leads = True
            if not (i_leads and j_leads):
                continue
            trades += 1
            f2f = face_to_face[entry_layer[pick]]
            decay = entry_decay[pick]
            for d in range(dims):
                tau = tacitness[d]
                g = 1.0 - tau
                if f2f:
                    g += tau * decay
                gap = knowledge[j, d] - knowledge[i, d]
                if gap > 0.0:
                    knowledge[i, d] += alpha * absorptive[i] * g * gap
                elif gap < 0.0:
                    knowledge[j, d] -= alpha * absorptive[j] * g * gap
        trades_out[t] = trades


@njit(cache=True, nogil=True, parallel=True)
def assemble_rows(
    layer_ptr: np.ndarray,
    layer_code: np.ndarray,
    changed: np.ndarray,
    changed_offset: np.ndarray,
    changed_indices: np.ndarray,
    changed_data: np.ndarray,
    old_indptr: np.ndarray,
    old_indices: np.ndarray,
    old_weight: np.ndarray,
    old_layer: np.ndarray,
    old_decay: np.ndarray,
    x: np.ndarray,
    y: np.ndarray,
    has_xy: bool,
    distance_scale: float,
    out_indptr: np.ndarray,
    out_indices: np.ndarray,
    out_weight: np.ndarray,
    out_layer: np.ndarray,
    out_decay: np.ndarray,
) -> None:
    """Build the spillover operator's rows from per-layer in-CSR rows, reusing unchanged layers.

    Row ``i`` lists layer 0's entries, then layer 1's, ... (the order a stable
    sort of the concatenated rows gives). For a layer with ``changed[l]`` the
    entries come from its CSR rows (``changed_indices/data[changed_offset[l] +
    layer_ptr[l, i] : ...]``) with weight over the row's strength in the layer (0
    when the strength is 0), its code and ``exp(-d_ij / distance_scale)`` (``d =
    0`` without or with missing coordinates); an unchanged layer's entries are
    copied from the old operator's row (same order: the layer's view is the same
    object). ``out_indptr`` holds the new row offsets; every row writes only its
    own slice.

    Parameters
    ----------
    layer_ptr : ndarray of int64, shape (L, n + 1)
        Row pointers of each changed layer's in-CSR, within its slice.
    layer_code : ndarray of int64, shape (L,)
        The operator's code of each layer.
    changed : ndarray of bool, shape (L,)
        Layers whose entries are rebuilt (the others are copied).
    changed_offset : ndarray of int64, shape (L,)
        Where each changed layer's slice starts in ``changed_indices/data``.
    changed_indices, changed_data : ndarray
        The changed layers' CSR columns (int32) and weights (float64), concatenated.
    old_indptr, old_indices, old_weight, old_layer, old_decay : ndarray
        The old operator (rows, sources, weights, layer codes, decays); read for
        unchanged layers only.
    x, y : ndarray of float64, shape (n,)
        Coordinates (ignored without ``has_xy``).
    has_xy : bool
        Whether coordinates are given.
    distance_scale : float
        Scale of the distance decay.
    out_indptr : ndarray of int64, shape (n + 1,)
        The new row offsets (filled by the caller).
    out_indices, out_weight, out_layer, out_decay : ndarray
        Output: the new operator's entries.

    Examples
    --------
    Two actors, one layer with the tie 0 → 1 (weight 2), no old operator:

    >>> import numpy as np
    >>> from clusternet.kernels.spillover import assemble_rows
    >>> layer_ptr = np.array([[0, 0, 1]], dtype=np.int64)
    >>> out_indptr = np.array([0, 0, 1], dtype=np.int64)
    >>> out = (np.empty(1, dtype=np.uint32), np.empty(1), np.empty(1, dtype=np.int16), np.empty(1))
    >>> assemble_rows(layer_ptr, np.array([3], dtype=np.int16), np.array([True]),
    ...               np.zeros(1, dtype=np.int64), np.array([0], dtype=np.uint32), np.array([2.0]),
    ...               np.zeros(3, dtype=np.int64), np.zeros(0, dtype=np.uint32), np.zeros(0),
    ...               np.zeros(0, dtype=np.int16), np.zeros(0), np.zeros(2), np.zeros(2), False, 1.0,
    ...               out_indptr, *out)
    >>> [a.tolist() for a in out]
    [[0], [1.0], [3], [1.0]]
    """
    n_layers = layer_ptr.shape[0]
    n = layer_ptr.shape[1] - 1
    for i in prange(n):
        pos = out_indptr[i]
        p = old_indptr[i]
        p_end = old_indptr[i + 1]
        for lay in range(n_layers):
            code = layer_code[lay]
            if not changed[lay]:
                while p < p_end and old_layer[p] == code:
                    out_indices[pos] = old_indices[p]
                    out_weight[pos] = old_weight[p]
                    out_layer[pos] = code
                    out_decay[pos] = old_decay[p]
                    pos += 1
                    p += 1
                continue
            while p < p_end and old_layer[p] == code:
                p += 1  # the layer's old entries are replaced
            start = changed_offset[lay] + layer_ptr[lay, i]
            stop = changed_offset[lay] + layer_ptr[lay, i + 1]
            strength = 0.0
            for e in range(start, stop):
                strength += changed_data[e]
            for e in range(start, stop):
                j = changed_indices[e]
                out_indices[pos] = j
                out_weight[pos] = changed_data[e] / strength if strength != 0.0 else 0.0
                out_layer[pos] = code
                d = 0.0
                if has_xy:
                    d = np.hypot(x[i] - x[j], y[i] - y[j])
                    if np.isnan(d):
                        d = 0.0
                out_decay[pos] = np.exp(-d / distance_scale)
                pos += 1
