"""Diffusion kernels: the action of a matrix exponential, cascades and network Bass.

* ``expm_taylor_step`` advances ``x <- exp(-h (B - mu I)) x`` by a truncated
  Taylor series on our parallel SpMV, stopping when two consecutive terms fall
  below ``tol * ||x||`` (the scheme of Al-Mohy & Higham 2011, with the number of
  substeps chosen by the caller so that ``h ||B - mu I||_1 <= 1``).
* Cascades and Bass run one simulation per RNG stream ``(seed, sim)``; ``prange``
  runs over fixed chunks of simulations with per-chunk scratch and accumulators,
  and per-actor counts are integers, so results do not depend on thread count.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

from clusternet.kernels.rng import next_uniform, stream


@njit(cache=True, nogil=True, parallel=True)
def _shifted_spmv_block(indptr, indices, data, mu, scale, x, out):
    """out = scale * (B - mu I) @ x for a block x of shape (n, k)."""
    n, k = x.shape
    for i in prange(n):
        for c in range(k):
            out[i, c] = -mu * x[i, c]
        for e in range(indptr[i], indptr[i + 1]):
            j = indices[e]
            v = data[e]
            for c in range(k):
                out[i, c] += v * x[j, c]
        for c in range(k):
            out[i, c] *= scale


@njit(cache=True, nogil=True)
def _inf_norm(x):
    m = 0.0
    for v in x.ravel():
        a = abs(v)
        if a > m:
            m = a
    return m


@njit(cache=True, nogil=True)
def expm_taylor_step(indptr, indices, data, mu, h, x, tol, max_terms):
    """Replace ``x`` (n, k) by ``exp(-h (B - mu I)) x``; returns the number of terms used."""
    term = x.copy()
    nxt = np.empty_like(x)
    c1 = _inf_norm(term)
    used = 0
    for j in range(1, max_terms + 1):
        _shifted_spmv_block(indptr, indices, data, mu, -h / j, term, nxt)
        term, nxt = nxt, term
        c2 = _inf_norm(term)
        x += term
        used = j
        if c1 + c2 <= tol * _inf_norm(x):
            break
        c1 = c2
    return used


# ---------------------------------------------------------------------- cascades
@njit(cache=True, nogil=True, parallel=True)
def independent_cascade(
    indptr, indices, prob, seeds, n_sims, seed, max_steps, n_chunks, counts, sizes, curves
):
    """Independent cascade (Kempe, Kleinberg & Tardos 2003) Monte Carlo.

    Each newly active actor gets one chance to activate each inactive
    out-neighbour ``j`` through entry ``e`` with probability ``prob[e]``, in the
    step after its own activation. ``counts[c, i]``: runs of chunk ``c`` in which
    ``i`` was active at the end; ``sizes[r]``: final size of run ``r``;
    ``curves[c, t]``: actors activated at step ``t`` summed over the chunk's runs.
    """
    n = indptr.shape[0] - 1
    n_seeds = seeds.shape[0]
    for c in prange(n_chunks):
        active = np.zeros(n, dtype=np.bool_)
        queue = np.empty(n, dtype=np.uint32)
        row = counts[c]
        curve = curves[c]
        for r in range(c, n_sims, n_chunks):
            state = stream(seed, r)
            tail = 0
            for a in range(n_seeds):
                s = seeds[a]
                if not active[s]:
                    active[s] = True
                    queue[tail] = s
                    tail += 1
            curve[0] += tail
            head = 0
            step = 0
            while head < tail and step < max_steps:
                step += 1
                level_end = tail
                while head < level_end:
                    v = queue[head]
                    head += 1
                    for e in range(indptr[v], indptr[v + 1]):
                        w = indices[e]
                        if not active[w]:
                            state, u = next_uniform(state)
                            if u < prob[e]:
                                active[w] = True
                                queue[tail] = w
                                tail += 1
                curve[step] += tail - level_end
            sizes[r] = tail
            for a in range(tail):
                v = queue[a]
                row[v] += 1
                active[v] = False


@njit(cache=True, nogil=True, parallel=True)
def linear_threshold(
    indptr,
    indices,
    influence,
    thresholds,
    random_thresholds,
    seeds,
    n_sims,
    seed,
    max_steps,
    n_chunks,
    counts,
    sizes,
    curves,
):
    """Linear threshold model (Kempe, Kleinberg & Tardos 2003) Monte Carlo.

    Actor ``j`` activates once ``sum_{active i -> j} influence[e] >= theta_j``;
    with ``random_thresholds`` each run draws ``theta_j ~ U(0, 1)`` (lazily, when
    ``j`` is first reached), else ``thresholds`` is used. Synchronous steps:
    actors pushed over their threshold by step ``t``'s newcomers activate at
    ``t + 1``. Outputs as :func:`independent_cascade`.
    """
    n = indptr.shape[0] - 1
    n_seeds = seeds.shape[0]
    for c in prange(n_chunks):
        active = np.zeros(n, dtype=np.bool_)
        touched = np.zeros(n, dtype=np.bool_)
        pressure = np.zeros(n)
        theta = np.zeros(n)
        queue = np.empty(n, dtype=np.uint32)
        touched_list = np.empty(n, dtype=np.uint32)
        row = counts[c]
        curve = curves[c]
        for r in range(c, n_sims, n_chunks):
            state = stream(seed, r)
            tail = 0
            n_touched = 0
            for a in range(n_seeds):
                s = seeds[a]
                if not active[s]:
                    active[s] = True
                    queue[tail] = s
                    tail += 1
            curve[0] += tail
            head = 0
            step = 0
            while head < tail and step < max_steps:
                step += 1
                level_end = tail
                while head < level_end:
                    v = queue[head]
                    head += 1
                    for e in range(indptr[v], indptr[v + 1]):
                        w = indices[e]
                        if active[w]:
                            continue
                        if not touched[w]:
                            touched[w] = True
                            touched_list[n_touched] = w
                            n_touched += 1
                            if random_thresholds:
                                state, u = next_uniform(state)
                                theta[w] = 1.0 - u  # in (0, 1]
                            else:
                                theta[w] = thresholds[w]
                        pressure[w] += influence[e]
                        if pressure[w] >= theta[w] - 1e-12:
                            active[w] = True
                            queue[tail] = w
                            tail += 1
                curve[step] += tail - level_end
            sizes[r] = tail
            for a in range(tail):
                v = queue[a]
                row[v] += 1
                active[v] = False
            for a in range(n_touched):
                v = touched_list[a]
                touched[v] = False
                pressure[v] = 0.0


# ---------------------------------------------------------------------- network Bass
@njit(cache=True, nogil=True, parallel=True)
def network_bass(
    out_indptr,
    out_indices,
    out_share,
    p,
    q,
    dt,
    steps,
    initial,
    n_sims,
    seed,
    n_chunks,
    counts,
    sim_curves,
    times,
    record_times,
):
    """Discrete-time network Bass model (Bass 1969 on a network).

    In each step every non-adopter ``i`` adopts with probability
    ``1 - exp(-(p + q * s_i) * dt)``, where ``s_i`` is the weighted share of its
    in-neighbours that had adopted before the step. Adoptions push their
    ``out_share`` (``w_ji / in-strength_i``) to their out-neighbours' exposure.
    ``sim_curves[r, t]``: adopters after step ``t`` in run ``r``;
    ``counts[c, i]``: runs in which ``i`` adopted by the end; ``times[r, i]``:
    adoption step (0 = initial adopter, -1 = never) when ``record_times``.
    """
    n = out_indptr.shape[0] - 1
    for c in prange(n_chunks):
        adopted = np.zeros(n, dtype=np.bool_)
        exposure = np.zeros(n)
        new = np.empty(n, dtype=np.uint32)
        row = counts[c]
        for r in range(c, n_sims, n_chunks):
            state = stream(seed, r)
            total = 0
            for i in range(n):
                adopted[i] = False
                exposure[i] = 0.0
            for i in range(n):
                if initial[i]:
                    adopted[i] = True
                    total += 1
                    if record_times:
                        times[r, i] = 0
                elif record_times:
                    times[r, i] = -1
            for i in range(n):
                if adopted[i]:
                    for e in range(out_indptr[i], out_indptr[i + 1]):
                        exposure[out_indices[e]] += out_share[e]
            sim_curves[r, 0] = total
            for t in range(1, steps + 1):
                n_new = 0
                for i in range(n):
                    if adopted[i]:
                        continue
                    hazard = 1.0 - np.exp(-(p + q * min(exposure[i], 1.0)) * dt)
                    state, u = next_uniform(state)
                    if u < hazard:
                        new[n_new] = i
                        n_new += 1
                for a in range(n_new):
                    i = new[a]
                    adopted[i] = True
                    if record_times:
                        times[r, i] = t
                    for e in range(out_indptr[i], out_indptr[i + 1]):
                        exposure[out_indices[e]] += out_share[e]
                total += n_new
                sim_curves[r, t] = total
            for i in range(n):
                if adopted[i]:
                    row[i] += 1
