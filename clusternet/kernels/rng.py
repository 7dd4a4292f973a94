"""A counter-based random stream for kernels: SplitMix64 (Steele, Lea & Flood 2014).

Each simulation, actor or edge draw gets its own stream, seeded from an integer
(derived in Python from ``numpy.random.SeedSequence``) mixed with its own index,
so results do not depend on how work is split over threads. The state is a
plain ``uint64`` passed and returned by value, which keeps it in a register.
"""

from __future__ import annotations

import numpy as np
from numba import njit, uint64

_GOLDEN = uint64(0x9E3779B97F4A7C15)
_M1 = uint64(0xBF58476D1CE4E5B9)
_M2 = uint64(0x94D049BB133111EB)
_INV53 = 1.0 / 9007199254740992.0  # 2**-53


@njit(cache=True, nogil=True, inline="always")
def mix64(z):
    """The SplitMix64 finaliser: a bijective 64-bit hash."""
    z = uint64(z)
    z = (z ^ (z >> uint64(30))) * _M1
    z = (z ^ (z >> uint64(27))) * _M2
    return z ^ (z >> uint64(31))


@njit(cache=True, nogil=True, inline="always")
def stream(seed, index):
    """Initial state of the stream number ``index`` of base ``seed``."""
    return mix64(uint64(seed) ^ mix64(uint64(index) + _GOLDEN))


@njit(cache=True, nogil=True, inline="always")
def next_uniform(state):
    """Advance the stream; return ``(new_state, u)`` with ``u`` uniform in [0, 1)."""
    state = uint64(state) + _GOLDEN
    z = mix64(state)
    return state, float(z >> uint64(11)) * _INV53


@njit(cache=True, nogil=True, inline="always")
def next_below(state, n):
    """Advance the stream; return ``(new_state, k)`` with ``k`` uniform in ``0..n-1``."""
    state, u = next_uniform(state)
    k = np.int64(u * n)
    if k >= n:
        k = n - 1
    return state, k


@njit(cache=True, nogil=True, inline="always")
def next_exponential(state):
    """Advance the stream; return ``(new_state, e)`` with ``e`` ~ Exp(1)."""
    state, u = next_uniform(state)
    return state, -np.log(1.0 - u)
