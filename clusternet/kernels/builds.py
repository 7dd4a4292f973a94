"""Two Numba builds of one kernel body, parallel and serial, with separate on-disk caches.

Numba names a function's cache files after its qualified name and first line, and its
cache index key holds the signature and the machine, not ``parallel=``. Two dispatchers
built from the *same* Python function with ``cache=True`` therefore share one cache
entry: whichever compiles first is loaded by the other in later processes, so a "serial"
build can run on threads (or a "parallel" one on one thread). :func:`parallel_and_serial`
gives the serial build its own copy of the function under another qualified name, so
each build caches and loads only its own code.
"""

from __future__ import annotations

import types
from collections.abc import Callable

from numba import njit

#: appended to the serial build's function name and qualified name (its cache file name)
SERIAL_SUFFIX = "_serial"


def parallel_and_serial(py_func: Callable, cache: bool = True) -> tuple[Callable, Callable]:
    """A ``parallel=True`` build of ``py_func`` and a serial one that share no cache entry.

    Both are ``njit(cache=cache, nogil=True)``; the serial build compiles a copy of
    ``py_func`` (same code, globals, defaults and closure) named
    ``py_func.__qualname__ + "_serial"``, which Numba caches in its own file.

    Parameters
    ----------
    py_func : function
        The kernel body (``prange`` loops run as ``range`` in the serial build).
    cache : bool, default True
        Cache both builds on disk (a function typed at the prompt has no file to cache
        next to: pass False there).

    Returns
    -------
    (parallel, serial) : tuple of numba dispatchers

    References
    ----------
    Numba documentation, "Notes on caching": cache files are named after the function's
    qualified name and line; the index is keyed by signature and target machine.

    Examples
    --------
    >>> import numpy as np
    >>> from numba import prange
    >>> def total(x):
    ...     s = 0.0
    ...     for i in prange(x.shape[0]):
    ...         s += x[i]
    ...     return s
    >>> par, sequential = parallel_and_serial(total, cache=False)
    >>> sequential.py_func.__qualname__, par(np.ones(4)) == sequential(np.ones(4)) == 4.0
    ('total_serial', True)
    """
    twin = types.FunctionType(
        py_func.__code__,
        py_func.__globals__,
        py_func.__name__ + SERIAL_SUFFIX,
        py_func.__defaults__,
        py_func.__closure__,
    )
    twin.__qualname__ = py_func.__qualname__ + SERIAL_SUFFIX
    twin.__doc__ = py_func.__doc__
    twin.__module__ = py_func.__module__
    parallel = njit(cache=cache, nogil=True, parallel=True)(py_func)
    serial = njit(cache=cache, nogil=True)(twin)
    return parallel, serial
