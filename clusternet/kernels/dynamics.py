"""Kernels of the upgrading simulation: innovation with the squeeze effect, and imitation.

Random draws are keyed by ``(seed, step, actor key)`` or ``(seed, step, source key,
target key)``, where an actor's key is a hash of its id
(:mod:`clusternet.dynamics.draws`): a step's outcome depends neither on how the
work is split over threads nor on where an actor or a tie is stored.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange, uint64

from clusternet.kernels.memory import PREFETCH_AHEAD, prefetch
from clusternet.kernels.rng import mix64, next_uniform, stream


@njit(cache=True, nogil=True, parallel=True)
def competitor_pressure(indptr, indices, recent, out):
    """``out[i]`` = share of ``i``'s competitors that innovated recently (0 without competitors).

    Parameters
    ----------
    indptr : ndarray of int64, shape (n + 1,)
        Row pointers of the competition ties.
    indices : ndarray of int32
        Each row's competitors.
    recent : ndarray of bool, shape (n,)
        Actors that innovated recently.
    out : ndarray of float64, shape (n,)
        Output (overwritten).

    Examples
    --------
    Actor 1's competitors are 0 and 2; only 0 innovated recently:

    >>> import numpy as np
    >>> import scipy.sparse as sp
    >>> from clusternet.kernels.csr import kernel_arrays
    >>> path = sp.csr_array(([1.0] * 4, ([0, 1, 1, 2], [1, 0, 2, 1])), shape=(3, 3))
    >>> indptr, indices, data = kernel_arrays(path)
    >>> from clusternet.kernels.dynamics import competitor_pressure
    >>> out = np.zeros(3)
    >>> competitor_pressure(indptr, indices, np.array([True, False, False]), out)
    >>> out.tolist()
    [0.0, 0.5, 0.0]
    """
    n = indptr.shape[0] - 1
    for i in prange(n):
        lo = indptr[i]
        hi = indptr[i + 1]
        if hi == lo:
            out[i] = 0.0
            continue
        acc = 0.0
        for k in range(lo, hi):
            if recent[indices[k]]:
                acc += 1.0
        out[i] = acc / (hi - lo)


@njit(cache=True, nogil=True, parallel=True)
def innovate(
    hazard,
    knowledge,
    frontier,
    increment,
    radical_share,
    radical_step,
    seed,
    step,
    keys,
    innovated,
    domain,
    radical,
    first_domain,
):
    """Each firm innovates with probability ``1 - exp(-hazard[i])`` (hazard 0 = never).

    An innovation raises the firm's knowledge in a domain drawn uniformly from
    ``first_domain .. D - 1`` (the applied domains: domain 0, generic knowledge,
    is not the object of firms' innovation) by ``increment`` (incremental) or,
    with probability ``radical_share``, lifts it to ``frontier[d] +
    radical_step`` (radical: a new frontier). Writes row ``i`` of ``knowledge``
    and the flags of firm ``i`` only.

    Parameters
    ----------
    hazard : ndarray of float64, shape (n,)
        Innovation hazard of each firm.
    knowledge : ndarray of float64, shape (n, D)
        Knowledge per firm and domain; innovators' rows are raised in place.
    frontier : ndarray of float64, shape (D,)
        Each domain's frontier (for radical innovations).
    increment : float
        The incremental step.
    radical_share : float
        Probability that an innovation is radical.
    radical_step : float
        How far beyond the frontier a radical innovation goes.
    seed, step : uint64
        Key the draws with ``keys``.
    keys : ndarray of uint64, shape (n,)
        One key per actor (:func:`clusternet.dynamics.draws.actor_keys`).
    innovated : ndarray of bool, shape (n,)
        Output: which firms innovated.
    domain : ndarray of int64, shape (n,)
        Output: each innovation's domain (-1 where none).
    radical : ndarray of bool, shape (n,)
        Output: which innovations were radical.
    first_domain : int
        The lowest domain an innovation can fall in.

    Examples
    --------
    A hazard of 0 never innovates; a huge hazard always does (two domains, the applied one
    is domain 1; no radical steps):

    >>> import numpy as np
    >>> from clusternet.kernels.dynamics import innovate
    >>> knowledge = np.array([[1.0, 0.2], [1.0, 0.5]])
    >>> innovated, domain = np.zeros(2, dtype=np.bool_), np.full(2, -1, dtype=np.int64)
    >>> radical = np.zeros(2, dtype=np.bool_)
    >>> innovate(np.array([0.0, 50.0]), knowledge, knowledge.max(axis=0), 0.1, 0.0, 0.3, np.uint64(1),
    ...          np.uint64(0), np.arange(2, dtype=np.uint64), innovated, domain, radical, 1)
    >>> innovated.tolist(), domain.tolist(), np.round(knowledge[:, 1], 6).tolist()
    ([False, True], [-1, 1], [0.2, 0.6])
    """
    n, dims = knowledge.shape
    lo = min(max(np.int64(first_domain), np.int64(0)), np.int64(dims - 1))
    span = dims - lo
    salt = mix64(uint64(seed) ^ mix64(uint64(step) + uint64(0x2545F4914F6CDD1D)))
    for i in prange(n):
        innovated[i] = False
        radical[i] = False
        domain[i] = -1
        h = hazard[i]
        if h <= 0.0:
            continue
        state = stream(salt, keys[i])
        state, u = next_uniform(state)
        if u >= -np.expm1(-h):
            continue
        state, u = next_uniform(state)
        d = lo + min(np.int64(u * span), span - 1)
        state, u = next_uniform(state)
        innovated[i] = True
        domain[i] = d
        if u < radical_share:
            radical[i] = True
            knowledge[i, d] = max(knowledge[i, d], frontier[d] + radical_step)
        else:
            knowledge[i, d] += increment


@njit(cache=True, nogil=True, parallel=True)
def imitate(
    in_indptr,
    in_indices,
    in_prob,
    innovated,
    domain,
    knowledge,
    gap,
    seed,
    step,
    keys,
    out,
    adopted,
):
    """Neighbours imitate this step's innovations (pull over in-ties, one draw per tie).

    For a tie ``j -> i`` whose source innovated in domain ``d``, ``i`` imitates
    with the tie's probability and moves to ``K[i, d] + gap * max(0, K[j, d] -
    K[i, d])`` (the largest such move when several neighbours are imitated).
    ``out`` starts as a copy of ``knowledge``; ``adopted[i]`` counts imitations.

    Parameters
    ----------
    in_indptr : ndarray of int64, shape (n + 1,)
        Row pointers of the in-ties.
    in_indices : ndarray of int32
        Source of each in-tie.
    in_prob : ndarray of float64
        Imitation probability of each in-tie.
    innovated : ndarray of bool, shape (n,)
        Actors that innovated this step.
    domain : ndarray of int64, shape (n,)
        The domain of each innovation.
    knowledge : ndarray of float64, shape (n, D)
        Knowledge before imitation (read only).
    gap : float
        Share of the gap an imitator closes.
    seed, step : uint64
        Key the draws with ``keys`` (one per tie).
    keys : ndarray of uint64, shape (n,)
        One key per actor (:func:`clusternet.dynamics.draws.actor_keys`).
    out : ndarray of float64, shape (n, D)
        Knowledge after imitation (a copy of ``knowledge`` on entry).
    adopted : ndarray of int64, shape (n,)
        Output: imitations per actor.

    Examples
    --------
    Actor 0 innovated in domain 0; actor 1 (its in-neighbour, tie probability 1) closes half the gap:

    >>> import numpy as np
    >>> from clusternet.kernels.dynamics import imitate
    >>> in_indptr, in_indices = np.array([0, 0, 1], dtype=np.int64), np.array([0], dtype=np.int32)
    >>> knowledge = np.array([[1.0], [0.2]])
    >>> out, adopted = knowledge.copy(), np.zeros(2, dtype=np.int64)
    >>> imitate(in_indptr, in_indices, np.ones(1), np.array([True, False]), np.array([0, -1]), knowledge,
    ...         0.5, np.uint64(1), np.uint64(0), np.arange(2, dtype=np.uint64), out, adopted)
    >>> np.round(out.ravel(), 6).tolist(), adopted.tolist()
    ([1.0, 0.6], [0, 1])
    """
    n = in_indptr.shape[0] - 1
    salt = mix64(uint64(seed) ^ mix64(uint64(step) + uint64(0x9FB21C651E98DF25)))
    for i in prange(n):
        count = 0
        for e in range(in_indptr[i], in_indptr[i + 1]):
            j = in_indices[e]
            if not innovated[j]:
                continue
            # keyed by the tie's two ends, not its CSR position
            z = mix64(
                salt ^ mix64(mix64(uint64(keys[j]) + uint64(0x9E3779B97F4A7C15)) ^ uint64(keys[i]))
            )
            u = float(z >> uint64(11)) * (1.0 / 9007199254740992.0)
            if u >= in_prob[e]:
                continue
            d = domain[j]
            diff = knowledge[j, d] - knowledge[i, d]
            if diff > 0.0:
                target = knowledge[i, d] + gap * diff
                if target > out[i, d]:
                    out[i, d] = target
                count += 1
        adopted[i] = count


@njit(cache=True, nogil=True, parallel=True)
def keyed_uniforms(keys, salt, out):
    """``out[i]`` = uniform in [0, 1) keyed by ``(salt, keys[i])`` (counter-based, no state).

    Parameters
    ----------
    keys : ndarray of uint64, shape (n,)
        One key per draw.
    salt : uint64
        Keys the stream (seed, step and purpose mixed).
    out : ndarray of float64, shape (n,)
        Output (overwritten).

    Examples
    --------
    A key's draw does not depend on the other keys:

    >>> import numpy as np
    >>> from clusternet.kernels.dynamics import keyed_uniforms
    >>> a, b = np.empty(3), np.empty(2)
    >>> keyed_uniforms(np.array([7, 8, 9], dtype=np.uint64), np.uint64(5), a)
    >>> keyed_uniforms(np.array([9, 7], dtype=np.uint64), np.uint64(5), b)
    >>> bool(a[2] == b[0] and a[0] == b[1]), bool(((0 <= a) & (a < 1)).all())
    (True, True)
    """
    s = uint64(salt)
    for i in prange(keys.shape[0]):
        z = mix64(mix64(uint64(keys[i]) + uint64(0x9E3779B97F4A7C15)) ^ s)
        out[i] = float(z >> uint64(11)) * (1.0 / 9007199254740992.0)


@njit(cache=True, nogil=True)
def keyed_uniforms_serial(keys, salt, out):
    """:func:`keyed_uniforms` on one thread (small arrays: no thread start-up).

    Parameters
    ----------
    keys : ndarray of uint64, shape (n,)
        One key per draw.
    salt : uint64
        Keys the stream.
    out : ndarray of float64, shape (n,)
        Output (overwritten).

    Examples
    --------
    >>> import numpy as np
    >>> from clusternet.kernels.dynamics import keyed_uniforms, keyed_uniforms_serial
    >>> keys = np.arange(5, dtype=np.uint64)
    >>> a, b = np.empty(5), np.empty(5)
    >>> keyed_uniforms(keys, np.uint64(3), a)
    >>> keyed_uniforms_serial(keys, np.uint64(3), b)
    >>> bool((a == b).all())
    True
    """
    s = uint64(salt)
    for i in range(keys.shape[0]):
        z = mix64(mix64(uint64(keys[i]) + uint64(0x9E3779B97F4A7C15)) ^ s)
        out[i] = float(z >> uint64(11)) * (1.0 / 9007199254740992.0)


@njit(cache=True, nogil=True)
def _ladder_rent(log_gamma, x):
    """``B(x) = 1 - gamma ** -x`` for a lead ``x > 0`` in ladder steps, else 0."""
    if x <= 0.0:
        return 0.0
    return -np.expm1(-log_gamma * x)


@njit(cache=True, nogil=True, parallel=True)
def market_rents(
    indptr,
    indices,
    imitate_prob,
    position,
    fringe,
    gamma,
    competition,
    gap,
    catch_up,
    share,
    lerner,
    rent,
    gain,
):
    r"""Rents of each actor in its local market (itself and its rivals) and the gain of a step.

    ``position`` is in ladder steps; ``imitate_prob[e]`` is the probability that rival
    ``indices[e]`` imitates an innovation of row ``i``. Per actor ``i`` with ``k`` rivals:
    intensity :math:`D = 1 - (1 - \mathrm{competition})^k`; the fringe sits at
    :math:`f = \min(\mathrm{fringe}_i, \mathrm{top} - 1)`, one step behind the market's best
    where ``fringe[i]`` is NaN; the closest competitor
    :math:`c = \max(f, \text{best rival})`; logit share
    :math:`s = \gamma^{u_i} / \sum \gamma^u`; rent
    :math:`\pi = D\, B(u_i - c) + (1 - D)\, s\, B(\mathrm{top} - f)`; Bertrand share
    :math:`w` (1 for a strict leader, split among ties, else 0); market share
    :math:`\sigma = D w + (1 - D) s`; Lerner index :math:`\pi / \sigma`. ``gain`` is the rent
    after one step up, with rivals at their expected positions after imitation
    (:math:`u_j + p\, \mathrm{gap} \max(0, u_i + 1 - u_j)`). With ``catch_up`` :math:`h \ge 0`
    (the lagging fringe) the fringe is where :func:`fringe_catch_up` puts it after the
    step, :math:`g \mapsto g + h\,(t - g)` for :math:`g` = ``fringe[i]`` below the target
    :math:`t = \mathrm{top}' - 1`, else :math:`t`, and ``gain`` is that rent minus the rent
    without the step, the fringe moved by the same rule toward :math:`\mathrm{top} - 1`.
    With ``catch_up`` < 0 (the model's convention) the fringe is held at :math:`f` and
    ``gain`` is the rent after the step minus the rent before. One pass over the rivals;
    writes row ``i`` only.

    Parameters
    ----------
    indptr, indices : numpy.ndarray
        The competition CSR (int64 row pointers, uint32 rival indices).
    imitate_prob : numpy.ndarray
        Per entry, the probability that the rival imitates the row's innovation.
    position : numpy.ndarray
        Ladder position per actor.
    fringe : numpy.ndarray
        The fringe's position in each actor's market (NaN: one step behind the best); not
        read with ``catch_up`` < 0, where any array will do.
    gamma : float
        Quality ratio of one step (> 1).
    competition : float
        Probability in [0, 1] that a rival undercuts.
    gap : float
        Share of the gap an imitator closes.
    catch_up : float
        Share :math:`h` in [0, 1] of its lag the fringe closes after the step; negative for
        the convention (the fringe held).
    share, lerner, rent, gain : numpy.ndarray
        Outputs, one entry per actor (written in place).

    Examples
    --------
    Two neck-and-neck rivals that always compete: each holds half the market and
    earns no rent; a step ahead earns :math:`B(1) = 1 - 1/\gamma = 0.2`.

    >>> import numpy as np
    >>> indptr, indices = np.array([0, 1, 2]), np.array([1, 0], dtype=np.uint32)
    >>> share, lerner, rent, gain = (np.zeros(2) for _ in range(4))
    >>> market_rents(indptr, indices, np.zeros(2), np.zeros(2), np.full(2, np.nan), 1.25, 1.0,
    ...              0.0, -1.0, share, lerner, rent, gain)
    >>> share.round(3).tolist(), rent.round(3).tolist(), gain.round(3).tolist()
    ([0.5, 0.5], [0.0, 0.0], [0.2, 0.2])
    """
    n = indptr.shape[0] - 1
    m = indices.shape[0]
    log_gamma = np.log(gamma)
    inv_gamma = 1.0 / gamma
    b1 = _ladder_rent(log_gamma, 1.0)
    b2 = _ladder_rent(log_gamma, 2.0)
    for i in prange(n):
        u = position[i]
        up = u + 1.0
        k = 0
        best = -np.inf
        best2 = -np.inf
        denom = 1.0
        denom2 = 1.0
        ties = 1.0
        for e in range(indptr[i], indptr[i + 1]):
            if e + PREFETCH_AHEAD < m:  # a later rival's position: see kernels.memory
                prefetch(position, indices[e + PREFETCH_AHEAD])
            j = indices[e]
            if j == i:
                continue
            k += 1
            uj = position[j]
            if uj > best:
                best = uj
            if uj == u:
                ties += 1.0
            term = np.exp(log_gamma * (uj - u))
            denom += term
            # after i's step up: the rival imitates the new product with probability p
            p = imitate_prob[e]
            if p > 0.0 and up > uj:
                uj2 = uj + p * gap * (up - uj)
                denom2 += np.exp(log_gamma * (uj2 - up))
            else:
                uj2 = uj
                denom2 += term * inv_gamma
            if uj2 > best2:
                best2 = uj2
        top = max(u, best)
        top2 = max(up, best2)
        # the fringe: state where it lags, else one step behind the best (then the joint
        # lead is exactly 1: b1, as in the convention)
        state = catch_up >= 0.0
        raw = fringe[i] if state else np.nan  # the convention reads no fringe
        lagging = raw < top - 1.0  # False for NaN
        fringe_now = raw if lagging else top - 1.0
        joint = _ladder_rent(log_gamma, top - fringe_now) if lagging else b1
        if state:
            # the fringe the market's update (fringe_catch_up) gives after the step if i
            # innovates (next) and if it does not (stay), from the state as it is
            target2 = top2 - 1.0
            fringe_next = raw + catch_up * (target2 - raw) if raw < target2 else target2
            fringe_stay = raw + catch_up * (top - 1.0 - raw) if lagging else top - 1.0
        else:
            fringe_next = fringe_now
            fringe_stay = fringe_now
        if k == 0:
            # a monopolist: only the fringe; held one step behind, its gain is the Schumpeterian rent
            share[i] = 1.0
            rent[i] = joint
            lerner[i] = joint
            if state:
                gain[i] = _ladder_rent(log_gamma, up - fringe_next) - _ladder_rent(
                    log_gamma, u - fringe_stay
                )
            elif lagging:
                gain[i] = _ladder_rent(log_gamma, up - fringe_now) - joint
            else:
                gain[i] = b2 - b1
            continue
        d = 1.0 - (1.0 - competition) ** k
        s = 1.0 / denom
        if u > best:
            w = 1.0
        elif u == best:
            w = 1.0 / ties
        else:
            w = 0.0
        pi = d * _ladder_rent(log_gamma, u - max(fringe_now, best)) + (1.0 - d) * s * joint
        sigma = d * w + (1.0 - d) * s
        share[i] = sigma
        rent[i] = pi
        lerner[i] = pi / sigma if sigma > 0.0 else 0.0
        pi2 = d * _ladder_rent(log_gamma, up - max(fringe_next, best2)) + (1.0 - d) / denom2 * (
            _ladder_rent(log_gamma, top2 - fringe_next)
        )
        if state:  # the rent without the step, the fringe having moved all the same
            pi = d * _ladder_rent(log_gamma, u - max(fringe_stay, best)) + (1.0 - d) * s * (
                _ladder_rent(log_gamma, top - fringe_stay)
            )
        gain[i] = pi2 - pi


@njit(cache=True, nogil=True, parallel=True)
def fringe_catch_up(indptr, indices, position, catch_up, fringe):
    r"""Move each market's fringe a share ``catch_up`` of its lag toward one step behind the best.

    Per actor ``i``: :math:`\mathrm{top}_i = \max(u_i, \max_{j \in N(i)} u_j)`, target
    :math:`t_i = \mathrm{top}_i - 1`; ``fringe[i]`` becomes :math:`f + h\,(t_i - f)` where the
    fringe lags (:math:`f < t_i`), else :math:`t_i` (NaN, an entrant's market, or a fringe
    above the target when the best fell). In place; writes row ``i`` only.

    Parameters
    ----------
    indptr, indices : numpy.ndarray
        The competition CSR (int64 row pointers, rival indices).
    position : numpy.ndarray
        Ladder position per actor.
    catch_up : float
        :math:`h` in [0, 1].
    fringe : numpy.ndarray
        The fringe per actor's market (read and overwritten).

    Examples
    --------
    A firm two steps ahead of its rival, the fringe three steps behind it, half the lag closed:

    >>> import numpy as np
    >>> fringe = np.array([-3.0, np.nan])
    >>> fringe_catch_up(np.array([0, 1, 2]), np.array([1, 0]), np.array([0.0, -2.0]), 0.5, fringe)
    >>> fringe.tolist()
    [-2.0, -1.0]
    """
    for i in prange(indptr.shape[0] - 1):
        top = position[i]
        for e in range(indptr[i], indptr[i + 1]):
            uj = position[indices[e]]
            if uj > top:
                top = uj
        target = top - 1.0
        f = fringe[i]
        fringe[i] = f + catch_up * (target - f) if f < target else target


@njit(cache=True, nogil=True)
def label_counts(labels, mask, use_mask, out):
    """``out[p]`` = number of ``i`` with ``labels[i] == p`` (and ``mask[i]`` when ``use_mask``).

    Negative labels (no platform) are not counted; ``out`` (float64, one entry per
    label) is overwritten. One pass, no temporary arrays: the platform game counts
    members per platform several times a step.

    Parameters
    ----------
    labels : ndarray of int64, shape (n,)
        Each actor's label (platform index), negative for none.
    mask : ndarray of bool, shape (n,)
        Actors to count (read only when ``use_mask``).
    use_mask : bool
        Count only the actors in ``mask``.
    out : ndarray of float64, shape (labels,)
        Output: the count per label (overwritten).

    Examples
    --------
    >>> import numpy as np
    >>> out = np.empty(3)
    >>> labels = np.array([0, 2, -1, 2, 0, 2])
    >>> label_counts(labels, np.array([True, True, True, False, True, True]), True, out)
    >>> out.tolist()
    [2.0, 0.0, 2.0]
    >>> label_counts(labels, np.zeros(0, dtype=np.bool_), False, out)
    >>> out.tolist()
    [2.0, 0.0, 3.0]
    """
    counts = np.zeros(out.shape[0], dtype=np.int64)
    for i in range(labels.shape[0]):
        p = labels[i]
        if p >= 0 and (not use_mask or mask[i]):
            counts[p] += 1
    for p in range(out.shape[0]):
        out[p] = float(counts[p])
