"""Atomic file writes: readers see the old content or the new, never half.

A low-level helper with no project imports above :mod:`influence.errors`, so
any layer (stores, maps, the command line) may use it.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from influence.errors import SourceError

__all__ = ["atomic_write", "writable"]


def atomic_write(path: str | os.PathLike[str], data: str | bytes, *, expect: bytes | None = None) -> None:
    """Write a file so that readers see the old content or the new, never half.

    The data goes to a temporary file in the same folder, is flushed to disk,
    then renamed over ``path``. A file replaced keeps its permissions (an
    account kept readable by its owner only stays so); a new one gets the
    usual ones (0666 less the umask). A symbolic link stays a link: the file
    it points to is replaced. A device or a pipe (``/dev/null``,
    ``/dev/stdout``, a named pipe) cannot be replaced: it is written into.

    ``expect``: the bytes the command read from ``path``. The file is then
    replaced only if it still holds them when the new content is ready, so
    a change saved meanwhile (a teammate, an editor) is not overwritten.

    Raises
    ------
    SourceError
        When the folder does not exist or cannot be written, or ``path`` no
        longer holds ``expect``.
    """
    shown = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    target = writable(shown)
    if target is None:
        _write_into(shown, payload)
        return
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise SourceError(f"{shown}: cannot write: {exc.strerror or exc}") from None
    try:
        os.chmod(tmp, _mode_for(target))
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if expect is not None and _holds(target) != expect:
            raise SourceError(f"{shown}: changed while this command ran; nothing written (run it again)")
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise SourceError(f"{shown}: cannot write: {exc.strerror or exc}") from None
        raise


def writable(path: str | os.PathLike[str]) -> Path | None:
    """The file :func:`atomic_write` would replace at ``path`` (a link followed), once it can be.

    None for a device, pipe or socket, which is written into. A command
    writing several files calls this for each before writing the first.

    Raises
    ------
    SourceError
        When the folder does not exist, or ``path`` is a directory.
    """
    shown = Path(path)
    if _special(shown):
        return None
    target = Path(os.path.realpath(shown)) if shown.is_symlink() else shown
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise SourceError(f"{shown}: folder '{folder}' does not exist")
    if target.is_dir():
        raise SourceError(f"{shown}: is a directory")
    return target


def _holds(target: Path) -> bytes | None:
    """The bytes ``target`` holds now (None when it is gone or unreadable)."""
    try:
        return target.read_bytes()
    except OSError:
        return None


def _special(path: Path) -> bool:
    """True for an existing device, pipe or socket (followed through links): no file to replace."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _write_into(path: Path, payload: bytes) -> None:
    try:
        with open(path, "wb") as handle:
            handle.write(payload)
    except OSError as exc:
        raise SourceError(f"{path}: cannot write: {exc.strerror or exc}") from None


def _mode_for(target: Path) -> int:
    """The permissions of the file being replaced, or a new file's (0666 less the umask)."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask
