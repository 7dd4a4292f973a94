"""Knowledge-spillover kernels (DESIGN 2.3) on a combined multilayer in-CSR.

Row ``i`` lists every tie ``j -> i`` of every chosen layer as one entry with its
layer code, its row-normalised weight ``w^_ji`` (the weights of ``i``'s ties in
that layer sum to 1) and its distance factor ``exp(-dist_ij / lambda)``.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

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
    """One synchronous step of the gap rule.

    ``out[i, d] = K[i, d] + a_i * sum_entries beta[l, d] * w^ * g * max(0, K[j, d] - K[i, d])``
    with ``g = (1 - tau_d) + tau_d * decay`` on face-to-face layers and
    ``g = 1 - tau_d`` (codified part only) elsewhere. Rows are independent
    (pull), so the step is parallel and thread-count independent.
    """
    n, dims = knowledge.shape
    for i in prange(n):
        for d in range(dims):
            out[i, d] = 0.0
        for e in range(indptr[i], indptr[i + 1]):
            j = indices[e]
            layer = entry_layer[e]
            w = entry_weight[e]
            f2f = face_to_face[layer]
            decay = entry_decay[e]
            for d in range(dims):
                gap = knowledge[j, d] - knowledge[i, d]
                if gap > 0.0:
                    tau = tacitness[d]
                    g = 1.0 - tau
                    if f2f:
                        g += tau * decay
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
    """Cowan & Jonard (2004) barter exchange, asynchronous: ``steps`` rounds of ``n`` meetings.

    In each meeting an actor ``i`` drawn uniformly meets a partner ``j`` drawn
    among its ties with probability proportional to ``w^ * layer_pick[l]``. They
    trade only if each leads the other in some domain; then in every domain the
    lagging side closes ``alpha * a * g`` of the gap (``g`` the tacit distance
    factor). Modifies ``knowledge`` in place; ``trades_out[t]`` counts trades in
    round ``t``. Sequential (meetings interact). Round ``first_round + t`` uses
    its own stream, so splitting a run into chunks (for recording) leaves every
    draw unchanged.
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
