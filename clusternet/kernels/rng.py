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
    r"""The SplitMix64 finaliser: a bijective 64-bit hash.

    .. math::

        z \leftarrow (z \oplus (z \gg 30)) M_1, \quad
        z \leftarrow (z \oplus (z \gg 27)) M_2, \quad
        z \oplus (z \gg 31)

    Parameters
    ----------
    z : uint64
        The input.

    Returns
    -------
    uint64
        The hash.

    Examples
    --------
    Bijective: a thousand inputs give a thousand outputs.

    >>> import numpy as np
    >>> from clusternet.kernels.rng import mix64
    >>> len({int(mix64(np.uint64(i))) for i in range(1000)})
    1000
    """
    z = uint64(z)
    z = (z ^ (z >> uint64(30))) * _M1
    z = (z ^ (z >> uint64(27))) * _M2
    return z ^ (z >> uint64(31))


@njit(cache=True, nogil=True, inline="always")
def stream(seed, index):
    """Initial state of the stream number ``index`` of base ``seed``.

    Parameters
    ----------
    seed : uint64
        Base seed (from ``numpy.random.SeedSequence``).
    index : int
        Stream number (a simulation, actor or edge).

    Returns
    -------
    uint64
        The state.

    Examples
    --------
    >>> import numpy as np
    >>> from clusternet.kernels.rng import stream
    >>> s = stream(np.uint64(42), 0)
    >>> s == stream(np.uint64(42), 0), s == stream(np.uint64(42), 1)
    (True, False)
    """
    return mix64(uint64(seed) ^ mix64(uint64(index) + _GOLDEN))


@njit(cache=True, nogil=True, inline="always")
def next_uniform(state):
    r"""Advance the stream; return ``(new_state, u)`` with ``u`` uniform in [0, 1).

    Parameters
    ----------
    state : uint64
        The state (from Python, pass it back as ``numpy.uint64``).

    Returns
    -------
    tuple (uint64, float)
        The new state and :math:`u = \lfloor z / 2^{11} \rfloor \, 2^{-53}`.

    Examples
    --------
    >>> import numpy as np
    >>> from clusternet.kernels.rng import next_uniform, stream
    >>> s, draws = stream(np.uint64(42), 0), []
    >>> for _ in range(20000):
    ...     s, u = next_uniform(np.uint64(s))
    ...     draws.append(u)
    >>> round(float(np.mean(draws)), 2), min(draws) >= 0.0 and max(draws) < 1.0
    (0.5, True)
    """
    state = uint64(state) + _GOLDEN
    z = mix64(state)
    return state, float(z >> uint64(11)) * _INV53


@njit(cache=True, nogil=True, inline="always")
def next_below(state, n):
    r"""Advance the stream; return ``(new_state, k)`` with ``k`` uniform in ``0..n-1``.

    Parameters
    ----------
    state : uint64
        The state.
    n : int
        Number of outcomes (> 0).

    Returns
    -------
    tuple (uint64, int)
        The new state and :math:`k = \lfloor u n \rfloor`.

    Examples
    --------
    >>> import numpy as np
    >>> from clusternet.kernels.rng import next_below, stream
    >>> s, counts = stream(np.uint64(7), 0), np.zeros(6, dtype=int)
    >>> for _ in range(6000):
    ...     s, k = next_below(np.uint64(s), 6)
    ...     counts[k] += 1
    >>> bool(np.all((counts > 900) & (counts < 1100)))
    True
    """
    state, u = next_uniform(state)
    k = np.int64(u * n)
    if k >= n:
        k = n - 1
    return state, k


@njit(cache=True, nogil=True, inline="always")
def next_exponential(state):
    r"""Advance the stream; return ``(new_state, e)`` with ``e`` ~ Exp(1).

    Parameters
    ----------
    state : uint64
        The state.

    Returns
    -------
    tuple (uint64, float)
        The new state and :math:`e = -\log(1 - u)`.

    Examples
    --------
    >>> import numpy as np
    >>> from clusternet.kernels.rng import next_exponential, stream
    >>> s, draws = stream(np.uint64(3), 0), []
    >>> for _ in range(20000):
    ...     s, e = next_exponential(np.uint64(s))
    ...     draws.append(e)
    >>> round(float(np.mean(draws)), 1)
    1.0
    """
    state, u = next_uniform(state)
    return state, -np.log(1.0 - u)
