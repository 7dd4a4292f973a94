"""Numba's thread count for a block of small kernels (restored afterwards).

At the sizes of a surveyed cluster (tens to thousands of actors) every parallel
kernel finishes in well under a millisecond, and waking (and spinning) a thread
pool for each of the ~40 kernels of one generated network or one model run costs
more than the work. Measured on the shared 2-core machine (December 2026): one
246-firm generated network 0.46-0.57 s of wall time on two Numba threads, 0.02 s
on one; one 10-step upgrading run on 1,000 firms 1.78 s against 0.25 s (and 7
times the CPU time). Fits, which run thousands of such simulations, run them on
one thread below :data:`PARALLEL_ACTORS` actors.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

#: Actors below which a fit's simulations run their Numba kernels on one thread
#: (assumed: above it single kernels run for milliseconds and threads pay).
PARALLEL_ACTORS = 20_000


@contextmanager
def numba_threads(n: int | None) -> Iterator[None]:
    """Run the block with at most ``n`` Numba threads (``None``: as set), then restore the setting.

    Examples
    --------
    >>> import numba
    >>> from clusternet._threads import numba_threads
    >>> before = numba.get_num_threads()
    >>> with numba_threads(1):
    ...     numba.get_num_threads()
    1
    >>> numba.get_num_threads() == before
    True
    """
    if n is None:
        yield
        return
    import numba

    before = numba.get_num_threads()
    numba.set_num_threads(max(1, min(int(n), before)))
    try:
        yield
    finally:
        numba.set_num_threads(before)


def small_threads(n_actors: int) -> int | None:
    """One thread for a simulation of fewer than :data:`PARALLEL_ACTORS` actors, else ``None``.

    Examples
    --------
    >>> from clusternet._threads import small_threads
    >>> small_threads(300), small_threads(1_000_000)
    (1, None)
    """
    return 1 if int(n_actors) < PARALLEL_ACTORS else None
