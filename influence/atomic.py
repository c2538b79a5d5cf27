"""Atomic file writes: readers see the old content or the new, never half.

A low-level helper with no project imports above :mod:`influence.errors`, so
any layer (stores, maps, the command line) may use it.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from influence.errors import SourceError

__all__ = ["atomic_write"]


def atomic_write(path: str | os.PathLike[str], data: str | bytes) -> None:
    """Write a file so that readers see the old content or the new, never half.

    The data goes to a temporary file in the same folder, is flushed to disk,
    then renamed over ``path``.

    Raises
    ------
    SourceError
        When the folder does not exist or cannot be written.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise SourceError(f"{target}: folder '{folder}' does not exist")
    if target.is_dir():
        raise SourceError(f"{target}: is a directory")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise SourceError(f"{target}: cannot write: {exc.strerror or exc}") from None
    try:
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise SourceError(f"{target}: cannot write: {exc.strerror or exc}") from None
        raise
