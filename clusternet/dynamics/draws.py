"""Common random numbers keyed by actor and tie identity.

Every random draw of the model (network evolution and the spin-off's parent
included) is a function of ``(seed, step, purpose, actor key)`` — or of the two actors' keys
for a tie — never of a storage position or of how many draws came before. Two
runs that differ in one lever (a layer or a role removed, a mechanism switched
off) therefore share every other draw: the comparison of their outcomes is
paired (common random numbers; Law 2015, *Simulation Modeling and Analysis*,
ch. 11). An actor's key is a 64-bit hash of its id
(:func:`pandas.util.hash_array`), so it does not change when other actors are
added or removed.
"""

from __future__ import annotations

import zlib

import numpy as np
import pandas as pd

from clusternet.kernels import dynamics as kern

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
#: below this many actors the draws run on one thread (thread start-up costs more)
_PARALLEL_FROM = 50_000


def mix64(z: np.ndarray) -> np.ndarray:
    """The SplitMix64 finaliser on a ``uint64`` array (wrap-around arithmetic).

    Parameters
    ----------
    z : ndarray of uint64
        The values to mix.

    Returns
    -------
    ndarray of uint64
        The mixed values, same shape (a bijection of 64-bit integers).

    Examples
    --------
    >>> import numpy as np
    >>> int(mix64(np.array([0], dtype=np.uint64))[0])
    0
    """
    z = np.asarray(z, dtype=np.uint64)
    z = (z ^ (z >> np.uint64(30))) * _M1
    z = (z ^ (z >> np.uint64(27))) * _M2
    return z ^ (z >> np.uint64(31))


def actor_keys(ids) -> np.ndarray:
    """A 64-bit key per actor id, independent of the actor's position.

    Parameters
    ----------
    ids : sequence of int or str
        Actor ids (a ClusterNetwork's ``ids``).

    Returns
    -------
    ndarray of uint64, shape (len(ids),)
        A hash of each id alone, so an actor keeps its draws when others enter or leave.

    Examples
    --------
    >>> k = actor_keys(["a", "b", "c"])
    >>> bool(k[1] == actor_keys(["b"])[0])
    True
    """
    return pd.util.hash_array(np.asarray(ids)).astype(np.uint64)


def tie_keys(source_keys: np.ndarray, target_keys: np.ndarray) -> np.ndarray:
    """A key per directed tie from the keys of its two ends.

    Parameters
    ----------
    source_keys, target_keys : numpy.ndarray of uint64
        Keys of the ties' two ends (:func:`actor_keys`).

    Returns
    -------
    numpy.ndarray of uint64
        One key per tie; the direction matters.

    Examples
    --------
    >>> k = actor_keys(["a", "b"])
    >>> bool(tie_keys(k[:1], k[1:])[0] != tie_keys(k[1:], k[:1])[0])
    True
    """
    return mix64(mix64(source_keys + _GOLDEN) ^ target_keys)


def salt(seed: int, step: int, purpose: str, call: int = 0) -> np.uint64:
    """The 64-bit salt of one purpose's draws in one step.

    Parameters
    ----------
    seed : int
        The run's draw seed.
    step : int
        The step.
    purpose : str
        The mechanism's purpose name (hashed with CRC-32).
    call : int, optional
        Which of the purpose's calls in the step.

    Returns
    -------
    numpy.uint64
        The salt that :func:`uniforms` mixes into every key.

    Examples
    --------
    >>> bool(salt(7, 1, "brand") == salt(7, 1, "brand")), bool(salt(7, 1, "brand") == salt(7, 2, "brand"))
    (True, False)
    """
    tag = np.array([zlib.crc32(purpose.encode()) * 4096 + call], dtype=np.uint64)
    z = mix64(np.array([seed], dtype=np.uint64) ^ mix64(tag + _GOLDEN))
    return mix64(z ^ mix64(np.array([step], dtype=np.uint64) * _GOLDEN + _GOLDEN))[0]


def uniforms(keys: np.ndarray, salt_: np.uint64) -> np.ndarray:
    """One uniform in [0, 1) per key: ``mix64(mix64(key + golden) ^ salt) >> 11 / 2**53``.

    Parameters
    ----------
    keys : numpy.ndarray of uint64
        One key per draw (actor or tie keys).
    salt_ : numpy.uint64
        The salt of the draws (:func:`salt`).

    Returns
    -------
    numpy.ndarray
        One uniform in [0, 1) per key; the same key and salt always give the same value.

    Examples
    --------
    >>> keys = actor_keys([1, 2, 3])
    >>> u = uniforms(keys, salt(7, 1, "demo"))
    >>> bool(((u >= 0) & (u < 1)).all()), bool(uniforms(keys[2:], salt(7, 1, "demo"))[0] == u[2])
    (True, True)
    """
    out = np.empty(keys.shape[0])
    if keys.shape[0] < _PARALLEL_FROM:
        kern.keyed_uniforms_serial(keys, np.uint64(salt_), out)
    else:
        kern.keyed_uniforms(keys, np.uint64(salt_), out)
    return out


class KeyedStream:
    """A stand-in for :meth:`numpy.random.Generator.random` over the actors.

    The ``k``-th call of ``random(n)`` returns one uniform per actor keyed by
    ``(seed, step, purpose, k, actor key)``: a mechanism gets the same draws for
    the same actor whatever other mechanisms draw, and whichever actors exist.

    Parameters
    ----------
    seed : int
        The run's seed.
    step : int
        The model step.
    purpose : str
        The drawing mechanism's name (each purpose its own stream).
    keys : ndarray of uint64
        One key per actor (:func:`actor_keys`).

    Examples
    --------
    >>> import numpy as np
    >>> keys = actor_keys([10, 11, 12])
    >>> a = KeyedStream(7, 1, "brand", keys).random(3)
    >>> b = KeyedStream(7, 1, "brand", keys[1:]).random(2)
    >>> bool(np.array_equal(a[1:], b))
    True
    """

    def __init__(self, seed: int, step: int, purpose: str, keys: np.ndarray) -> None:
        self.seed = seed
        self.step = step
        self.purpose = purpose
        self.keys = keys
        self.calls = 0

    def random(self, n: int) -> np.ndarray:
        """Uniforms for the ``n`` actors (``n`` must be the number of actors).

        Parameters
        ----------
        n : int
            The number of actors (a check that the caller draws for every actor).

        Returns
        -------
        numpy.ndarray
            One uniform per actor; each call gives new draws.

        Examples
        --------
        >>> s = KeyedStream(7, 1, "brand", actor_keys([10, 11]))
        >>> a, b = s.random(2), s.random(2)
        >>> bool((a != b).all()), s.calls
        (True, 2)
        """
        if n != self.keys.shape[0]:
            raise ValueError(
                f"KeyedStream draws one value per actor ({self.keys.shape[0]}), got {n}"
            )
        out = uniforms(self.keys, salt(self.seed, self.step, self.purpose, self.calls))
        self.calls += 1
        return out
