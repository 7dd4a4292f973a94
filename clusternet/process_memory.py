"""Let the process keep the memory it frees, so large arrays reuse pages already in place.

A big model step allocates and frees arrays of hundreds of megabytes: a network round
of the upgrading model at a million firms writes a new edge list and rebuilds its
knowledge operators. glibc's ``malloc`` serves every block above its mmap threshold
(128 KiB, rising to at most 32 MiB) with a fresh ``mmap`` and hands it back to the
kernel on ``free``, so the next array of that size starts on untouched pages and the
first write to each page is a page fault (the kernel zeroes the page). On virtual
machines faults are dear; the model-step benchmark in ``BENCHMARKS.md`` times the
network rounds with and without this setting.

:func:`keep_freed_memory` tells glibc to serve large blocks from the heap as well
(``M_MMAP_MAX = 0``) and never to give freed heap memory back (``M_TRIM_THRESHOLD =
-1``, which ``mallopt(3)`` documents as disabling trimming completely). Freed arrays
then stay mapped and the next ones reuse their pages. It is the ``mallopt`` form of the
environment variables ``MALLOC_MMAP_MAX_=0`` and
``MALLOC_TRIM_THRESHOLD_=18446744073709551615`` (glibc manual, "Memory Allocation
Tunables"), which must be set before Python starts; the call acts from then on.

Limits, each a reason to use it only in a script that runs big models:

* The setting belongs to the process, not to one model, and cannot be undone.
* The process keeps its memory until it exits, and with every block in one heap the
  peak can grow: gaps between live blocks are not returned (arrays that grow round by
  round beside small long-lived ones can raise the peak well above what they need).
* Only the main thread's heap is affected in full: glibc gives other threads heaps of
  at most 64 MiB, so a larger array allocated in another thread (a thread pool, a
  server) is still mapped afresh.
* Worker processes (``cn.sweep``'s and ``fit_model``'s) are new processes: the call in
  the parent does not reach them.
* With another allocator preloaded (jemalloc, tcmalloc via ``LD_PRELOAD``) glibc's
  settings would act on nothing; the call sees this and changes nothing.

Elsewhere than glibc (macOS, Windows, musl) it does nothing and says so.

References
----------
GNU C Library Reference Manual, section 3.2.3.7 "Malloc Tunable Parameters"
(``mallopt``, ``M_MMAP_MAX``, ``M_TRIM_THRESHOLD``); ``mallopt(3)`` manual page.
"""

from __future__ import annotations

import ctypes
from typing import Any

#: ``mallopt`` parameter numbers (glibc ``malloc.h``)
M_TRIM_THRESHOLD = -1
M_MMAP_MAX = -4

#: ``M_TRIM_THRESHOLD`` value that disables trimming completely (``mallopt(3)``)
NEVER_TRIM = -1

#: glibc's default ``M_MMAP_MAX`` (``malloc/malloc.c``, ``DEFAULT_MMAP_MAX``): put back if
#: the second setting is refused, so a failed call leaves the allocator as it was
DEFAULT_MMAP_MAX = 65536

_kept = False


def _glibc() -> Any | None:
    """The C library when it is glibc (it has ``gnu_get_libc_version`` and ``mallopt``), else None.

    The symbols are looked up among those the process has loaded (``dlopen(NULL)``),
    so it is the C library the interpreter itself runs on.
    """
    try:
        libc = ctypes.CDLL(None)
    except (OSError, TypeError):  # TypeError: Windows takes no None
        return None
    glibc = hasattr(libc, "gnu_get_libc_version") and hasattr(libc, "mallopt")
    if not glibc or not _malloc_is_glibcs(libc):
        return None
    libc.mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    libc.mallopt.restype = ctypes.c_int
    return libc


def _malloc_is_glibcs(process: Any) -> bool:
    """Whether the process's ``malloc`` is glibc's own (not a preloaded allocator's)."""
    try:
        own = ctypes.CDLL("libc.so.6")
    except OSError:
        return False
    address = ctypes.cast(process.malloc, ctypes.c_void_p).value
    return address is not None and address == ctypes.cast(own.malloc, ctypes.c_void_p).value


def keep_freed_memory() -> bool:
    """Make glibc keep freed memory in the process, so new large arrays reuse mapped pages.

    Sets ``mallopt(M_MMAP_MAX, 0)`` (large blocks come from the heap, not from fresh
    ``mmap`` calls) and ``mallopt(M_TRIM_THRESHOLD, -1)`` (freed heap memory is never
    given back to the kernel). From then on a freed array's pages are reused by the
    next allocation of the main thread without page faults. The process keeps its
    memory until it exits, and its peak can grow from gaps between live blocks; the
    setting is process-wide and permanent and does not reach worker processes or other
    threads' arrays above 64 MiB (the module's notes). Calling again does nothing more.

    Returns
    -------
    bool
        True when the setting is in force (glibc), False where the C library is not
        glibc or another allocator is preloaded (nothing is changed).

    Raises
    ------
    OSError
        If glibc refuses either setting (``mallopt`` returns 0); the allocator is then
        left as it was.

    References
    ----------
    GNU C Library Reference Manual, "Malloc Tunable Parameters"; ``mallopt(3)``.

    Examples
    --------
    Call it once at the start of a script that runs a large model (the doctest runs it
    on a stand-in for glibc, so the test process's allocator is left alone):

    >>> import clusternet as cn
    >>> kept = cn.keep_freed_memory()  # True under glibc, False elsewhere
    >>> cn.freed_memory_kept() == kept
    True
    """
    global _kept
    if _kept:
        return True
    libc = _glibc()
    if libc is None:
        return False
    if libc.mallopt(M_MMAP_MAX, 0) != 1:
        raise OSError("glibc's mallopt refused M_MMAP_MAX = 0")
    if libc.mallopt(M_TRIM_THRESHOLD, NEVER_TRIM) != 1:
        libc.mallopt(M_MMAP_MAX, DEFAULT_MMAP_MAX)
        raise OSError(f"glibc's mallopt refused M_TRIM_THRESHOLD = {NEVER_TRIM}")
    _kept = True
    return True


def freed_memory_kept() -> bool:
    """Whether :func:`keep_freed_memory` has put its setting in force in this process.

    Returns
    -------
    bool
        True after a successful :func:`keep_freed_memory` on glibc, else False (the
        environment variables ``MALLOC_MMAP_MAX_``/``MALLOC_TRIM_THRESHOLD_`` are not
        seen here).

    Examples
    --------
    >>> import clusternet as cn
    >>> isinstance(cn.freed_memory_kept(), bool)
    True
    """
    return _kept
