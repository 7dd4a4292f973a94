r"""Diffusion kernels: the action of a matrix exponential, cascades and network Bass.

* ``expm_taylor_step`` advances :math:`x \leftarrow e^{-h (B - \mu I)} x` by a truncated
  Taylor series on our parallel SpMV, stopping when two consecutive terms fall
  below :math:`\mathrm{tol} \cdot \lVert x \rVert` (the scheme of Al-Mohy & Higham 2011, with the number of
  substeps chosen by the caller so that :math:`h \lVert B - \mu I \rVert_1 \le 1`).
* ``expm_chebyshev`` sums the Chebyshev (Bessel-coefficient) expansion of
  :math:`e^{-t B} x` for symmetric :math:`B` by the three-term recurrence, one SpMV a degree.
* Cascades and Bass run one simulation per RNG stream ``(seed, sim)``; ``prange``
  runs over fixed chunks of simulations with per-chunk scratch and accumulators,
  and per-actor counts are integers, so results do not depend on thread count.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange
from numba.cpython.unsafe.numbers import trailing_zeros

from clusternet.kernels.builds import parallel_and_serial
from clusternet.kernels.memory import prefetch
from clusternet.kernels.rng import mix64, next_uniform, stream


@njit(cache=True, nogil=True, parallel=True)
def _taylor_term(indptr, indices, data, diag_shift, scale, term, nxt, x, chunk_max):
    """``nxt = scale * (diag(diag_shift) - M) @ term``, ``x += nxt``; per-chunk max |nxt| and |x|."""
    n, k = x.shape
    n_chunks = chunk_max.shape[0]
    size = (n + n_chunks - 1) // n_chunks
    for c in prange(n_chunks):
        top_term = 0.0
        top_x = 0.0
        for i in range(c * size, min(n, (c + 1) * size)):
            for col in range(k):
                acc = diag_shift[i] * term[i, col]
                for e in range(indptr[i], indptr[i + 1]):
                    acc -= data[e] * term[indices[e], col]
                value = scale * acc
                nxt[i, col] = value
                total = x[i, col] + value
                x[i, col] = total
                top_term = max(top_term, abs(value))
                top_x = max(top_x, abs(total))
        chunk_max[c, 0] = top_term
        chunk_max[c, 1] = top_x


@njit(cache=True, nogil=True)
def expm_taylor_step(indptr, indices, data, diag_shift, h, x, tol, max_terms):
    r"""Replace ``x`` (n, k) by :math:`e^{-h (B - \mu I)} x`; returns the number of terms used.

    Here :math:`B - \mu I = \operatorname{diag}(\text{diag\_shift}) - M`, with
    :math:`M` given as CSR.

    Sums the Taylor series of degree ``max_terms``, stopping early once two
    consecutive terms are below ``tol * ||x||_inf`` (Al-Mohy & Higham 2011).

    Parameters
    ----------
    indptr : ndarray of int64, shape (n + 1,)
        Row pointers of :math:`M`.
    indices : ndarray of uint32 or int32
        Column indices of :math:`M`.
    data : ndarray of float64
        Values of :math:`M`.
    diag_shift : ndarray of float64, shape (n,)
        The diagonal of :math:`B - \mu I`.
    h : float
        The step :math:`h`.
    x : ndarray of float64, shape (n, k)
        The states; overwritten.
    tol : float
        Relative size of the terms at which the series stops.
    max_terms : int
        Degree of the truncated series.

    Returns
    -------
    int
        The number of terms used.

    Examples
    --------
    Heat on two actors joined by a tie (``B = I - M`` with ``mu = trace(B) / n = 1``, so the diagonal shift is 0):

    >>> import numpy as np
    >>> import scipy.sparse as sp
    >>> from clusternet.kernels.csr import kernel_arrays
    >>> from clusternet.kernels.diffusion import expm_taylor_step
    >>> indptr, indices, data = kernel_arrays(sp.csr_array([[0.0, 1.0], [1.0, 0.0]]))
    >>> x = np.array([[1.0], [0.0]])
    >>> terms = expm_taylor_step(indptr, indices, data, np.zeros(2), 1.0, x, 1e-15, 60)
    >>> x *= np.exp(-1.0)  # undo the shift mu = 1
    >>> np.round(x.ravel(), 6).tolist(), np.round([(1 + np.exp(-2)) / 2, (1 - np.exp(-2)) / 2], 6).tolist()
    ([0.567668, 0.432332], [0.567668, 0.432332])
    """
    term = x.copy()
    nxt = np.empty_like(x)
    chunk_max = np.zeros((64, 2))
    c1 = np.abs(term).max() if term.size else 0.0
    used = 0
    for j in range(1, max_terms + 1):
        _taylor_term(indptr, indices, data, diag_shift, -h / j, term, nxt, x, chunk_max)
        term, nxt = nxt, term
        c2 = chunk_max[:, 0].max()
        used = j
        if c1 + c2 <= tol * chunk_max[:, 1].max():
            break
        c1 = c2
    return used


# The row sums below run two partial sums over alternate ties: one sum is a chain of
# dependent additions (each waits for the last), which at about 20 ties a row made
# the step cost more than scipy's CSR product; two chains halve that wait. The
# loops are plain ``while`` loops, which Numba compiles tighter than a stepped range.
def _chebyshev_term_py(indptr, indices, data, diag, alpha, first, v, v_prev, coef, y):
    """One Chebyshev step with ``Z = alpha (diag(diag) - M) - I``, in place, row-parallel.

    ``first``: ``v_prev <- Z v``; else ``v_prev <- 2 Z v - v_prev`` (the three-term
    recurrence ``T_{k+1} = 2 Z T_k - T_{k-1}``); then ``y += coef * v_prev``.
    Row ``i`` reads ``v`` and writes only row ``i`` of ``v_prev`` and ``y``: one pass
    over the matrix and the vectors a step, nothing allocated.
    """
    n, k = v.shape
    for i in prange(n):
        start = indptr[i]
        stop = indptr[i + 1]
        for col in range(k):
            s0 = 0.0
            s1 = 0.0
            e = start
            while e + 1 < stop:
                s0 += data[e] * v[indices[e], col]
                s1 += data[e + 1] * v[indices[e + 1], col]
                e += 2
            if e < stop:
                s0 += data[e] * v[indices[e], col]
            vi = v[i, col]
            z = alpha * (diag[i] * vi - (s0 + s1)) - vi
            value = z if first else 2.0 * z - v_prev[i, col]
            v_prev[i, col] = value
            y[i, col] += coef * value


@njit(cache=True, nogil=True, parallel=True)
def _chebyshev_term_1d(indptr, indices, data, diag, alpha, first, v, v_prev, coef, y):
    """:func:`_chebyshev_term` for one column, on 1-d arrays.

    The gather of a single vector, as a plain sparse matrix-vector product reads it.
    """
    n = v.shape[0]
    for i in prange(n):
        s0 = 0.0
        s1 = 0.0
        e = indptr[i]
        stop = indptr[i + 1]
        while e + 1 < stop:
            s0 += data[e] * v[indices[e]]
            s1 += data[e + 1] * v[indices[e + 1]]
            e += 2
        if e < stop:
            s0 += data[e] * v[indices[e]]
        vi = v[i]
        z = alpha * (diag[i] * vi - (s0 + s1)) - vi
        value = z if first else 2.0 * z - v_prev[i]
        v_prev[i] = value
        y[i] += coef * value


# two builds of the step, as for the shifted power step of kernels/linalg.py: the serial one
# (small graphs: no parallel-region start-up) runs the same sums in the same order, so the
# result does not depend on which of them ran
# (parallel_and_serial: built from one body, they would share a Numba cache entry)
_chebyshev_term, _chebyshev_term_serial = parallel_and_serial(_chebyshev_term_py)


#: below this many stored entries times columns a Chebyshev step runs in one thread
SERIAL_ENTRIES = 1 << 16


@njit(cache=True, nogil=True)
def expm_chebyshev(indptr, indices, data, diag, alpha, coefs, x):
    r"""Replace ``x`` (n, k) by ``sum_j coefs[j] T_j(Z) x`` with ``Z = alpha (diag(diag) - M) - I``.

    With ``B = diag(diag) - M`` symmetric, its spectrum in ``[0, 2 / alpha]`` and
    ``coefs`` the Bessel coefficients of ``exp(-t B)`` (see :func:`clusternet.heat.heat`),
    this is the Chebyshev expansion of ``exp(-t B) x``: one SpMV per degree.
    Returns the number of SpMVs.

    Parameters
    ----------
    indptr : ndarray of int64, shape (n + 1,)
        Row pointers of :math:`M`.
    indices : ndarray of uint32 or int32
        Column indices of :math:`M`.
    data : ndarray of float64
        Values of :math:`M`.
    diag : ndarray of float64, shape (n,)
        The diagonal of :math:`B`.
    alpha : float
        :math:`\alpha = 2 / \rho`, with :math:`\rho` a bound on the spectrum of :math:`B`.
    coefs : ndarray of float64
        Chebyshev coefficients :math:`a_j` (:func:`clusternet.heat.bessel_coefficients`).
    x : ndarray of float64, shape (n, k)
        The states; overwritten by :math:`\sum_j a_j T_j(Z) x`,
        :math:`Z = \alpha B - I`.

    Returns
    -------
    int
        The number of SpMVs.

    Examples
    --------
    The same two actors with the coefficients of :func:`clusternet.heat.bessel_coefficients` (:math:`t = 1`, spectrum of :math:`B` in :math:`[0, 2]`):

    >>> import numpy as np
    >>> import scipy.sparse as sp
    >>> from clusternet.heat import bessel_coefficients
    >>> from clusternet.kernels.csr import kernel_arrays
    >>> from clusternet.kernels.diffusion import expm_chebyshev
    >>> indptr, indices, data = kernel_arrays(sp.csr_array([[0.0, 1.0], [1.0, 0.0]]))
    >>> coefs, _ = bessel_coefficients(1.0, 1e-14)
    >>> x = np.array([[1.0], [0.0]])
    >>> products = expm_chebyshev(indptr, indices, data, np.ones(2), 1.0, coefs, x)
    >>> np.round(x.ravel(), 6).tolist()
    [0.567668, 0.432332]
    """
    v = x.copy()
    v_prev = np.empty_like(x)
    y = x * coefs[0]
    degree = coefs.shape[0] - 1
    serial = (indptr[-1] + x.shape[0]) * x.shape[1] < SERIAL_ENTRIES
    for j in range(1, degree + 1):
        if serial:
            _chebyshev_term_serial(
                indptr, indices, data, diag, alpha, j == 1, v, v_prev, coefs[j], y
            )
        elif x.shape[1] == 1:
            _chebyshev_term_1d(
                indptr,
                indices,
                data,
                diag,
                alpha,
                j == 1,
                v.reshape(v.shape[0]),
                v_prev.reshape(v.shape[0]),
                coefs[j],
                y.reshape(v.shape[0]),
            )
        else:
            _chebyshev_term(indptr, indices, data, diag, alpha, j == 1, v, v_prev, coefs[j], y)
        v, v_prev = v_prev, v
    x[:] = y
    return degree


# ---------------------------------------------------------------------- cascades
#: relative cost of one tie tried by a direct draw and of one geometric skip (a draw,
#: a logarithm and a division); a row takes direct draws when
#: ``degree * DIRECT_COST < (p* degree + 1) * SKIP_COST``
DIRECT_COST = 1.0
SKIP_COST = 8.0
_SHIFT11 = np.uint64(11)
#: SplitMix64's increment and 2**-53, as in :func:`clusternet.kernels.rng.next_uniform`:
#: draw ``j`` after state ``s`` is ``mix64(s + j * _GOLDEN) >> 11`` times ``_INV53``
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_INV53 = 1.0 / 9007199254740992.0
_ONE = np.uint64(1)
#: how many queued actors ahead a cascade prefetches a row's pointers, and its ties
#: (half as far: the pointers must have arrived to know where the ties are); each
#: active actor's row is a random read, about 100 ns from memory against tens of ns of
#: work per row (``benchmarks/profile_cascade.py``)
ROW_AHEAD = 16
TIES_AHEAD = 8


@njit(cache=True, nogil=True, inline="always")
def _activate_seeds(seeds, active, queue):
    """Mark the seeds active and queue them; returns how many were queued."""
    tail = 0
    for a in range(seeds.shape[0]):
        s = seeds[a]
        if not active[s]:
            active[s] = True
            queue[tail] = s
            tail += 1
    return tail


@njit(cache=True, nogil=True, inline="always")
def _count_step(curve, last_step, c, step, new):
    """Add a step's activations to the chunk's curve and remember the last active step."""
    curve[step] += new
    if new > 0 and step > last_step[c]:
        last_step[c] = step


@njit(cache=True, nogil=True, inline="always")
def _finish_run(queue, tail, row, active):
    """Count the run's active actors and reset their flags (only those touched)."""
    for a in range(tail):
        v = queue[a]
        row[v] += 1
        active[v] = False


@njit(cache=True, nogil=True, parallel=True)
def independent_cascade(
    indptr,
    indices,
    prob,
    row_max,
    row_uniform,
    seeds,
    n_sims,
    seed,
    max_steps,
    n_chunks,
    counts,
    sizes,
    curves,
    last_step,
):
    """Independent cascade (Kempe, Kleinberg & Tardos 2003) Monte Carlo.

    Each newly active actor ``v`` gets one chance to activate each inactive
    out-neighbour through tie ``e``, with probability ``prob[e]``, at the step
    after its own activation. Rather than one draw per tie, candidate ties are
    reached by geometric skipping at the row's largest probability
    ``p* = row_max[v]`` (gap ``floor(log(u) / log(1 - p*))``; Batagelj & Brandes
    2005) and a candidate is kept with probability ``prob[e] / p*`` (thinning;
    skipped for rows flagged ``row_uniform``, where every tie has ``p*``),
    which gives every tie an independent Bernoulli(``prob[e]``) trial; a
    subcritical run costs about ``p* * degree + 1`` draws per active actor.
    Rows where that is not cheaper than a draw per tie (``degree * DIRECT_COST
    >= (p* degree + 1) * SKIP_COST``, e.g. ``p = 0.2`` on ten ties) draw every tie
    instead, 64 ties at a time into a bit mask without branches, and visit only
    the set bits; a scalar probability (every row uniform at one ``p``) is
    detected once, so no per-actor probability is read.
    Ties to already active actors cannot change the outcome and are passed over.
    The rows of the actors queued ``ROW_AHEAD`` and ``TIES_AHEAD`` places ahead are
    prefetched (a hint: no value changes).

    ``counts[c, i]``: runs of chunk ``c`` in which ``i`` ended active;
    ``sizes[r]``: final size of run ``r``; ``curves[c, t]``: actors activated at
    step ``t`` summed over the chunk's runs; ``last_step[c]``: the last step with
    an activation in chunk ``c``.

    Parameters
    ----------
    indptr : ndarray of int64, shape (n + 1,)
        Row pointers of the out-ties.
    indices : ndarray of int32
        Targets of the out-ties.
    prob : ndarray of float64
        Activation probability of each tie.
    row_max : ndarray of float64, shape (n,)
        Largest probability :math:`p^*` in each row.
    row_uniform : ndarray of bool, shape (n,)
        Rows whose ties all have probability :math:`p^*`.
    seeds : ndarray of int32
        The actors active at step 0.
    n_sims : int
        Number of runs.
    seed : uint64
        Root seed; run :math:`r` draws from its own keyed stream, so results do not
        depend on the number of threads or chunks.
    max_steps : int
        Steps per run at most (a run stops there).
    n_chunks : int
        Runs are split into this many chunks (one parallel task each).
    counts : ndarray of int64, shape (n_chunks, n)
        Output, as above.
    sizes : ndarray of int64, shape (n_sims,)
        Output, as above.
    curves : ndarray of int64, shape (n_chunks, max_steps + 1)
        Output, as above.
    last_step : ndarray of int64, shape (n_chunks,)
        Output, as above.

    Examples
    --------
    On the chain 0 → 1 → 2 with probability 1 every run reaches everyone:

    >>> import numpy as np
    >>> import scipy.sparse as sp
    >>> from clusternet.kernels.csr import kernel_arrays
    >>> from clusternet.kernels.diffusion import independent_cascade
    >>> indptr, indices, _ = kernel_arrays(sp.csr_array(([1.0, 1.0], ([0, 1], [1, 2])), shape=(3, 3)))
    >>> prob, row_max, row_uniform = np.ones(2), np.ones(3), np.ones(3, dtype=np.bool_)
    >>> counts, sizes = np.zeros((1, 3), dtype=np.int64), np.zeros(5, dtype=np.int64)
    >>> curves, last = np.zeros((1, 4), dtype=np.int64), np.zeros(1, dtype=np.int64)
    >>> independent_cascade(indptr, indices, prob, row_max, row_uniform, np.array([0], dtype=np.int32),
    ...                     5, np.uint64(1), 3, 1, counts, sizes, curves, last)
    >>> counts.tolist(), sizes.tolist(), curves.tolist(), last.tolist()
    ([[5, 5, 5]], [3, 3, 3, 3, 3], [[5, 5, 5, 0]], [2])
    """
    n = indptr.shape[0] - 1
    # one probability on every tie (a scalar prob): no per-actor reads of row_max/row_uniform
    p_all = -1.0
    for i in range(n):
        if indptr[i + 1] > indptr[i]:
            if not row_uniform[i] or (p_all >= 0.0 and row_max[i] != p_all):
                p_all = -1.0
                break
            p_all = row_max[i]
    limit_all = np.uint64(np.ceil(max(p_all, 0.0) * 9007199254740992.0))
    for c in prange(n_chunks):
        active = np.zeros(n, dtype=np.bool_)
        queue = np.empty(n, dtype=np.uint32)
        row = counts[c]
        curve = curves[c]
        for r in range(c, n_sims, n_chunks):
            state = stream(seed, r)
            tail = _activate_seeds(seeds, active, queue)
            curve[0] += tail
            head = 0
            step = 0
            while head < tail and step < max_steps:
                step += 1
                level_end = tail
                while head < level_end:
                    # the queue holds the rows to come: fetch their row pointers
                    # ROW_AHEAD actors ahead and their ties half as far ahead, so
                    # the random reads of a row overlap the work on the rows before
                    if head + ROW_AHEAD < tail:
                        prefetch(indptr, queue[head + ROW_AHEAD])
                    if head + TIES_AHEAD < tail:
                        prefetch(indices, indptr[queue[head + TIES_AHEAD]])
                    v = queue[head]
                    head += 1
                    top = p_all if p_all >= 0.0 else row_max[v]
                    if top <= 0.0:
                        continue
                    start = indptr[v]
                    end = indptr[v + 1]
                    degree = end - start
                    if top >= 1.0 or degree * DIRECT_COST < (top * degree + 1.0) * SKIP_COST:
                        # one draw per tie, 64 ties at a time: draw j of a block is
                        # tested without a branch into a bit mask (u < p as the integer
                        # test k < ceil(p 2^53), u = k 2^-53), then only the set bits
                        # are visited: no logarithm, no division, no mispredicted branch
                        # per tie
                        uniform = p_all >= 0.0 or row_uniform[v]
                        limit = (
                            limit_all
                            if p_all >= 0.0
                            else np.uint64(np.ceil(top * 9007199254740992.0))
                        )
                        while start < end:
                            width = min(end - start, 64)
                            mask = np.uint64(0)
                            if uniform:
                                for j in range(width):
                                    z = mix64(state + _GOLDEN * np.uint64(j + 1)) >> _SHIFT11
                                    mask |= np.uint64(z < limit) << np.uint64(j)
                            else:
                                for j in range(width):
                                    z = mix64(state + _GOLDEN * np.uint64(j + 1)) >> _SHIFT11
                                    hit = float(z) * _INV53 < prob[start + j]
                                    mask |= np.uint64(hit) << np.uint64(j)
                            state = state + _GOLDEN * np.uint64(width)
                            while mask:
                                w = indices[start + trailing_zeros(mask)]
                                mask &= mask - _ONE
                                if not active[w]:
                                    active[w] = True
                                    queue[tail] = w
                                    tail += 1
                            start += width
                        continue
                    log_q = np.log1p(-top)
                    e = start - 1
                    while True:
                        state, u = next_uniform(state)
                        # compare the gap as a float first: for tiny p* it exceeds
                        # the int64 range (log(1 - u) / log_q ~ 1e21 at p* = 1e-20)
                        gap = np.log(1.0 - u) / log_q
                        if gap >= end - e - 1:
                            break
                        e += 1 + np.int64(gap)
                        w = indices[e]
                        if active[w]:
                            continue
                        # thinning; rows with one probability skip the read
                        if p_all < 0.0 and not row_uniform[v]:
                            pe = prob[e]
                            if pe < top:
                                state, u = next_uniform(state)
                                if u * top >= pe:
                                    continue
                        active[w] = True
                        queue[tail] = w
                        tail += 1
                _count_step(curve, last_step, c, step, tail - level_end)
            sizes[r] = tail
            _finish_run(queue, tail, row, active)


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
    last_step,
):
    r"""Linear threshold model (Kempe, Kleinberg & Tardos 2003) Monte Carlo.

    Actor :math:`j` activates once
    :math:`\sum_{\text{active } i \to j} \mathrm{influence}_e \ge \theta_j`;
    with ``random_thresholds`` each run draws :math:`\theta_j \sim U(0, 1)` (lazily, when
    ``j`` is first reached), else ``thresholds`` is used. Synchronous steps:
    actors pushed over their threshold by step ``t``'s newcomers activate at
    ``t + 1``. Outputs as :func:`independent_cascade`.

    Parameters
    ----------
    indptr : ndarray of int64, shape (n + 1,)
        Row pointers of the out-ties.
    indices : ndarray of int32
        Targets of the out-ties.
    influence : ndarray of float64
        Influence of each tie (in-weights summing to at most 1 per actor).
    thresholds : ndarray of float64, shape (n,)
        Fixed thresholds :math:`\theta_j` (unused with ``random_thresholds``).
    random_thresholds : bool
        Draw :math:`\theta_j \sim U(0, 1)` per run.
    seeds : ndarray of int32
        The actors active at step 0.
    n_sims : int
        Number of runs.
    seed : uint64
        Root seed; run :math:`r` draws from its own keyed stream, so results do not
        depend on the number of threads or chunks.
    max_steps : int
        Steps per run at most (a run stops there).
    n_chunks : int
        Runs are split into this many chunks (one parallel task each).
    counts : ndarray of int64, shape (n_chunks, n)
        Output, as above.
    sizes : ndarray of int64, shape (n_sims,)
        Output, as above.
    curves : ndarray of int64, shape (n_chunks, max_steps + 1)
        Output, as above.
    last_step : ndarray of int64, shape (n_chunks,)
        Output, as above.

    Examples
    --------
    Chain 0 → 1 → 2, full influence and thresholds 0.5: one actor per step:

    >>> import numpy as np
    >>> import scipy.sparse as sp
    >>> from clusternet.kernels.csr import kernel_arrays
    >>> from clusternet.kernels.diffusion import linear_threshold
    >>> indptr, indices, _ = kernel_arrays(sp.csr_array(([1.0, 1.0], ([0, 1], [1, 2])), shape=(3, 3)))
    >>> counts, sizes = np.zeros((1, 3), dtype=np.int64), np.zeros(4, dtype=np.int64)
    >>> curves, last = np.zeros((1, 4), dtype=np.int64), np.zeros(1, dtype=np.int64)
    >>> linear_threshold(indptr, indices, np.ones(2), np.full(3, 0.5), False, np.array([0], dtype=np.int32),
    ...                  4, np.uint64(1), 3, 1, counts, sizes, curves, last)
    >>> counts.tolist(), sizes.tolist(), curves.tolist(), last.tolist()
    ([[4, 4, 4]], [3, 3, 3, 3], [[4, 4, 4, 0]], [2])
    """
    n = indptr.shape[0] - 1
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
            n_touched = 0
            tail = _activate_seeds(seeds, active, queue)
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
                _count_step(curve, last_step, c, step, tail - level_end)
            sizes[r] = tail
            _finish_run(queue, tail, row, active)
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
    r"""Discrete-time network Bass model (Bass 1969 on a network).

    In each step every non-adopter ``i`` adopts with probability
    :math:`1 - \exp(-(p + q s_i)\, \mathrm{dt})`, where :math:`s_i` is the weighted share of its
    in-neighbours that had adopted before the step. Adoptions push their
    ``out_share`` (:math:`w_{ji} / \text{in-strength}_i`) to their out-neighbours' exposure.
    ``sim_curves[r, t]``: adopters after step ``t`` in run ``r``;
    ``counts[c, i]``: runs in which ``i`` adopted by the end; ``times[r, i]``:
    adoption step (0 = initial adopter, -1 = never) when ``record_times``.

    Parameters
    ----------
    out_indptr : ndarray of int64, shape (n + 1,)
        Row pointers of the out-ties.
    out_indices : ndarray of int32
        Targets of the out-ties.
    out_share : ndarray of float64
        Each tie's share of its target's in-strength.
    p, q : float
        Coefficients of innovation and imitation.
    dt : float
        Length of a step.
    steps : int
        Steps per run.
    initial : ndarray of int32
        Initial adopters.
    n_sims : int
        Number of runs.
    seed : uint64
        Root seed (one keyed stream per run).
    n_chunks : int
        Runs are split into this many chunks.
    counts : ndarray of int64, shape (n_chunks, n)
        Output, as above.
    sim_curves : ndarray of int64, shape (n_sims, steps + 1)
        Output, as above.
    times : ndarray of int64, shape (n_sims, n)
        Output, as above (untouched without ``record_times``).
    record_times : bool
        Record adoption steps.

    Examples
    --------
    No neighbours and :math:`p` large: everyone adopts in the first step:

    >>> import numpy as np
    >>> from clusternet.kernels.diffusion import network_bass
    >>> indptr, indices, share = np.zeros(4, dtype=np.int64), np.zeros(0, dtype=np.uint32), np.zeros(0)
    >>> counts, curves = np.zeros((1, 3), dtype=np.int64), np.zeros((2, 3), dtype=np.int64)
    >>> times = np.zeros((2, 3), dtype=np.int32)
    >>> network_bass(indptr, indices, share, 50.0, 0.0, 1.0, 2, np.array([True, False, False]), 2,
    ...              np.uint64(1), 1, counts, curves, times, True)
    >>> curves.tolist(), times.tolist()
    ([[1, 3, 3], [1, 3, 3]], [[0, 1, 1], [0, 1, 1]])
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
