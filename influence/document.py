"""A parsed account document: plain data plus the line of each location.

The common ground of :mod:`influence.loading` (which parses files into a
:class:`Document`) and :mod:`influence.validation` (which checks one and
builds the account).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["MAX_FILE_BYTES", "Document", "Path_"]

#: The largest account file influence reads (50 MB).
MAX_FILE_BYTES = 50 * 1024 * 1024

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
