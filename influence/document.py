"""A parsed account document: plain data plus the line of each location.

The common ground of :mod:`influence.loading` (which parses files into a
:class:`Document`) and :mod:`influence.validation` (which checks one and
builds the account).
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from influence.errors import Msg, SourceError, decimal, os_reason
from influence.unprintable import escape_controls

__all__ = ["MAX_FILE_BYTES", "Document", "Path_", "read_bounded", "readable", "walk"]

#: The largest account file influence reads (50 MB).
MAX_FILE_BYTES = 50 * 1024 * 1024


def read_bounded(path: str | os.PathLike[str], shown: str, what: str | Msg) -> bytes:
    """The bytes of an input file of at most :data:`MAX_FILE_BYTES`, read once.

    ``shown`` names the file in messages, ``what`` says what it should be
    (``Msg("an account file")``). A missing file, a directory, a file over the limit
    (also one that grew past it while being read) and a read error are each
    a :class:`SourceError` naming the file.

    >>> read_bounded("/nonexistent.yaml", "acct.yaml", "an account file")
    Traceback (most recent call last):
    ...
    influence.errors.SourceError: acct.yaml: no such file
    """
    if not os.fspath(path):  # Path("") is the current folder
        raise SourceError(Msg("an empty file name where {what} was expected", what=what))
    p = Path(path)
    shown = escape_controls(shown)  # a line break in a name stays on the message's line
    if not p.exists():
        _missing(p, shown)
    if p.is_dir():
        raise SourceError(Msg("{file}: is a directory, not {what}", file=shown, what=what))
    megabytes = MAX_FILE_BYTES // 1024 // 1024
    try:
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            mb = decimal(size / 1024 / 1024)  # 60.0 MB, 60,0 МБ in Russian
            raise SourceError(
                Msg(
                    "{file}: file is {size} MB; the limit is {limit} MB", file=shown, size=mb, limit=megabytes
                )
            )
        with p.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:  # the system's reason stays in its words
        raise SourceError(Msg("{file}: cannot read: {reason}", file=shown, reason=os_reason(exc))) from None
    if len(raw) > MAX_FILE_BYTES:  # it grew while being read
        raise SourceError(Msg("{file}: file is over the {limit} MB limit", file=shown, limit=megabytes))
    return raw


def _missing(p: Path, shown: str) -> NoReturn:
    """Refuse a path that names no file: missing, a link to nothing, or a loop of links."""
    try:
        os.stat(p)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise SourceError(
                Msg("{file}: a loop of links that leads back to itself, to no file", file=shown)
            ) from None
    if p.is_symlink():
        target = escape_controls(os.readlink(p))
        raise SourceError(Msg("{file}: a link to {target}, which does not exist", file=shown, target=target))
    raise SourceError(Msg("{file}: no such file", file=shown))


def readable(text: str, shown: str, advice: str | Msg = "") -> str:
    r"""``text``, when the account file it makes can be read back (at most :data:`MAX_FILE_BYTES`).

    Every command that writes an account file checks it first, so nothing
    writes a file that every other command would refuse. ``advice`` ends the
    message (``Msg("generate fewer people")``).

    >>> readable("format: influence/v1\n", "acct.yaml")
    'format: influence/v1\n'
    """
    size = len(text.encode("utf-8"))
    if size > MAX_FILE_BYTES:
        values = {"file": shown, "size": decimal(size / 1024 / 1024), "limit": MAX_FILE_BYTES // 1024 // 1024}
        if advice:
            raise SourceError(
                Msg(
                    "{file}: the account would be {size} MB, over the {limit} MB every command reads; {advice}",
                    advice=advice,
                    **values,
                )
            )
        raise SourceError(
            Msg("{file}: the account would be {size} MB, over the {limit} MB every command reads", **values)
        )
    return text


Path_ = tuple[str | int, ...]  # a location: ("people", 3, "unit")


def walk(data: Any, start: Path_ = ()) -> Iterator[tuple[Path_, Any]]:
    """Each value of plain ``data`` with its location, in document order (a mapping or a list
    before what it holds), without recursion.

    >>> [path for path, _ in walk({"a": [1, {"b": 2}], "c": 3}, ("x",))]
    [('x',), ('x', 'a'), ('x', 'a', 0), ('x', 'a', 1), ('x', 'a', 1, 'b'), ('x', 'c')]
    """
    stack: list[tuple[Path_, Any]] = [(start, data)]
    while stack:
        path, item = stack.pop()
        yield path, item
        if isinstance(item, dict):
            stack.extend(((*path, key), value) for key, value in reversed(item.items()))
        elif isinstance(item, list):
            stack.extend(((*path, i), value) for i, value in reversed(list(enumerate(item))))


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
