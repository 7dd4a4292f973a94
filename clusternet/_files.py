"""Atomic file writes that honour the umask (used by every writer of the package)."""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

_UMASK_LOCK = threading.Lock()


def _file_mode() -> int:
    """The mode ``open()`` would give a new file: ``0o666`` less the process umask."""
    with _UMASK_LOCK:  # reading the umask means setting it; keep that atomic among threads
        mask = os.umask(0o022)
        os.umask(mask)
    return 0o666 & ~mask


def temporary_beside(path: Path) -> tuple[int, str]:
    """A temporary file in ``path``'s folder with the permissions ``open()`` would give.

    ``mkstemp`` creates files with mode 0600; a finished output must be as
    readable as any other file the user writes (shared servers, web folders).
    """
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, _file_mode())
    except BaseException:
        os.close(fd)
        os.unlink(tmp)
        raise
    return fd, tmp


def atomic_write_bytes(path: str | os.PathLike, payload: bytes) -> None:
    """Write ``payload`` to ``path`` atomically (temporary file + ``os.replace``).

    The file gets the permissions ``open()`` would give it (``0o666`` less the umask).

    Parameters
    ----------
    path : str or os.PathLike
        The file to (re)place.
    payload : bytes
        Its new content.

    Examples
    --------
    >>> import os, tempfile
    >>> from clusternet.io import atomic_write_bytes
    >>> path = os.path.join(tempfile.mkdtemp(), "x.bin")
    >>> atomic_write_bytes(path, b"abc")
    >>> open(path, "rb").read()
    b'abc'
    """
    with atomic_writer(path) as fh:
        fh.write(payload)


def atomic_write_text(path: str | os.PathLike, text: str) -> None:
    """Write ``text`` to ``path`` atomically (temporary file, then rename), honouring the umask.

    Parameters
    ----------
    path : str or os.PathLike
        The file to (re)place.
    text : str
        Its new content, written as UTF-8.

    Examples
    --------
    >>> import os, tempfile
    >>> from clusternet.io import atomic_write_text
    >>> path = os.path.join(tempfile.mkdtemp(), "x.txt")
    >>> atomic_write_text(path, "Taizhou")
    >>> open(path, encoding="utf-8").read()
    'Taizhou'
    """
    atomic_write_bytes(path, text.encode("utf-8"))


@contextmanager
def atomic_writer(path: str | os.PathLike) -> Iterator[BinaryIO]:
    """A binary file handle whose content replaces ``path`` atomically when the block ends.

    For payloads too large to build in memory first (a ten-million-actor
    network); honours the umask like :func:`atomic_write_bytes`.
    """
    path = Path(path)
    if path.is_dir():
        raise IsADirectoryError(f"{path} is a directory; give the path of a file to write")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = temporary_beside(path)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
