"""Let the process keep the memory it frees, so large arrays reuse pages already in place.

A big model step allocates and frees arrays of hundreds of megabytes: a network round
of the upgrading model at a million firms writes a new edge list and rebuilds its
knowledge operators. glibc's ``malloc`` serves every block above its mmap threshold
(128 KiB, rising to at most 32 MiB) with a fresh ``mmap`` and hands it back to the
kernel on ``free``, so the next array of that size starts on untouched pages and every
page costs a fault (the kernel zeroes it) on first write. On virtual machines a fault
is dear: on the 2-core development VM (December 2026, 2 threads, one profile each)
the kernel that writes a million-firm network round's spillover operator (10 million
entries, about 220 MB) took 0.78 s on fresh pages and 0.29 s on reused ones.

:func:`keep_freed_memory` tells glibc to serve large blocks from the heap as well
(``M_MMAP_MAX = 0``) and never to give freed heap memory back (``M_TRIM_THRESHOLD =
-1``, which ``mallopt(3)`` documents as disabling trimming completely). Freed arrays then stay mapped and the next ones
reuse their pages. The process's peak resident memory does not change (the peak is
the arrays alive at once); what changes is that the process keeps it until it exits.
It is the ``mallopt`` form of the environment variables ``MALLOC_MMAP_MAX_=0`` and
``MALLOC_TRIM_THRESHOLD_=...`` (glibc manual, "Memory Allocation Tunables"), which
must be set before Python starts; the call acts from then on.

The setting belongs to the process, not to one model, and cannot be undone (glibc
has no way back to its adaptive thresholds): call it at the start of a script that
runs big models, not inside a library. Elsewhere than glibc (macOS, Windows, musl)
it does nothing and says so.

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
    if not hasattr(libc, "gnu_get_libc_version") or not hasattr(libc, "mallopt"):
        return None
    libc.mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    libc.mallopt.restype = ctypes.c_int
    return libc


def keep_freed_memory() -> bool:
    """Make glibc keep freed memory in the process, so new large arrays reuse mapped pages.

    Sets ``mallopt(M_MMAP_MAX, 0)`` (large blocks come from the heap, not from fresh
    ``mmap`` calls) and ``mallopt(M_TRIM_THRESHOLD, -1)`` (freed heap memory is never
    given back to the kernel). From
    then on a freed array's pages are reused by the next allocation without page
    faults. The peak resident memory is unchanged; the process keeps it until it exits.
    The setting is process-wide and permanent; calling again does nothing more.

    Returns
    -------
    bool
        True when the setting is in force (glibc), False where the C library is not
        glibc (nothing is changed).

    Raises
    ------
    OSError
        If glibc refuses either setting (``mallopt`` returns 0).

    References
    ----------
    GNU C Library Reference Manual, "Malloc Tunable Parameters"; ``mallopt(3)``.

    Examples
    --------
    Call it once at the start of a script that runs a large model (here it changes
    the doctest process too, which is harmless):

    >>> import clusternet as cn
    >>> kept = cn.keep_freed_memory()
    >>> kept == cn.freed_memory_kept()
    True
    """
    global _kept
    if _kept:
        return True
    libc = _glibc()
    if libc is None:
        return False
    for param, value, name in (
        (M_MMAP_MAX, 0, "M_MMAP_MAX"),
        (M_TRIM_THRESHOLD, NEVER_TRIM, "M_TRIM_THRESHOLD"),
    ):
        if libc.mallopt(param, value) != 1:
            raise OSError(f"glibc's mallopt refused {name} = {value}")
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
