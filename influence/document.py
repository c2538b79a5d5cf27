"""A parsed account document: plain data plus the line of each location.

The common ground of :mod:`influence.loading` (which parses files into a
:class:`Document`) and :mod:`influence.validation` (which checks one and
builds the account).
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from influence.errors import SourceError
from influence.unprintable import escape_controls

__all__ = ["MAX_FILE_BYTES", "Document", "Path_", "read_bounded", "readable"]

#: The largest account file influence reads (50 MB).
MAX_FILE_BYTES = 50 * 1024 * 1024


def read_bounded(path: str | os.PathLike[str], shown: str, what: str) -> bytes:
    """The bytes of an input file of at most :data:`MAX_FILE_BYTES`, read once.

    ``shown`` names the file in messages, ``what`` says what it should be
    ("an account file"). A missing file, a directory, a file over the limit
    (also one that grew past it while being read) and a read error are each
    a :class:`SourceError` naming the file.

    >>> read_bounded("/nonexistent.yaml", "acct.yaml", "an account file")
    Traceback (most recent call last):
    ...
    influence.errors.SourceError: acct.yaml: no such file
    """
    if not os.fspath(path):  # Path("") is the current folder
        raise SourceError(f"an empty file name where {what} was expected")
    p = Path(path)
    shown = escape_controls(shown)  # a line break in a name stays on the message's line
    if not p.exists():
        _missing(p, shown)
    if p.is_dir():
        raise SourceError(f"{shown}: is a directory, not {what}")
    megabytes = MAX_FILE_BYTES // 1024 // 1024
    try:
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            raise SourceError(f"{shown}: file is {size / 1024 / 1024:.1f} MB; the limit is {megabytes} MB")
        with p.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise SourceError(f"{shown}: cannot read: {exc.strerror or exc}") from None
    if len(raw) > MAX_FILE_BYTES:  # it grew while being read
        raise SourceError(f"{shown}: file is over the {megabytes} MB limit")
    return raw


def _missing(p: Path, shown: str) -> NoReturn:
    """Refuse a path that names no file: missing, a link to nothing, or a loop of links."""
    try:
        os.stat(p)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise SourceError(f"{shown}: a loop of links that leads back to itself, to no file") from None
    if p.is_symlink():
        raise SourceError(f"{shown}: a link to {escape_controls(os.readlink(p))}, which does not exist")
    raise SourceError(f"{shown}: no such file")


def readable(text: str, shown: str, advice: str = "") -> str:
    r"""``text``, when the account file it makes can be read back (at most :data:`MAX_FILE_BYTES`).

    Every command that writes an account file checks it first, so nothing
    writes a file that every other command would refuse. ``advice`` ends the
    message ("generate fewer people").

    >>> readable("format: influence/v1\n", "acct.yaml")
    'format: influence/v1\n'
    """
    size = len(text.encode("utf-8"))
    if size > MAX_FILE_BYTES:
        tail = f"; {advice}" if advice else ""
        raise SourceError(
            f"{shown}: the account would be {size / 1024 / 1024:.1f} MB, over the "
            f"{MAX_FILE_BYTES // 1024 // 1024} MB every command reads{tail}"
        )
    return text


Path_ = tuple[str | int, ...]  # a location: ("people", 3, "unit")


@dataclass
class Document:
    """A parsed account document.

    Attributes
    ----------
    file : str
        The file as the user named it (used in messages).
    data : Any
        Plain Python data: dicts, lists, str, int, float, bool, date, None.
    lines : dict
        1-based line of each location tuple (YAML only; empty for JSON).
    """

    file: str
    data: Any
    lines: dict[Path_, int]
