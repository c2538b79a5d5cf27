"""Helpers shared by the importers: readable ids and checked document text."""

from __future__ import annotations

import dataclasses
import os
import re
import unicodedata
from typing import Any

from influence.document import readable
from influence.errors import Msg, ValidationError
from influence.loading import account_kind, parse_text
from influence.serialize import dump_document
from influence.validation import build_account

__all__ = ["IdAllocator", "checked_text", "slug"]

# Russian, Ukrainian and Belarusian letters, as passports and URLs spell them
# fmt: off
_LATIN = (
    "a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s",
    "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya", "i", "yi", "ye", "g", "u",
)
# fmt: on
_CYRILLIC = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґў", _LATIN, strict=True))
_NOT_ID = re.compile(r"[^a-z0-9]+")
MAX_SLUG = 60


def slug(text: str, fallback: str = "item") -> str:
    """A readable id from a name: Latin letters, digits and dashes.

    Cyrillic is transliterated, accents are dropped, anything else becomes a
    dash; an empty result gives ``fallback``.

    Examples
    --------
    >>> slug("Иван Петров")
    'ivan-petrov'
    >>> slug("Zoë O'Brien-Smith")
    'zoe-o-brien-smith'
    >>> slug("---", "person")
    'person'
    """
    lowered = text.lower()
    spelled = "".join(_CYRILLIC.get(ch, ch) for ch in lowered)
    plain = unicodedata.normalize("NFKD", spelled).encode("ascii", "ignore").decode("ascii")
    result = _NOT_ID.sub("-", plain).strip("-")[:MAX_SLUG].strip("-")
    return result or fallback


class IdAllocator:
    """Unique readable ids across every list of a document, ``-2``, ``-3``… on collision.

    Parameters
    ----------
    taken : iterable of str
        Ids already used (for example by the file being merged into).

    Examples
    --------
    >>> ids = IdAllocator(["ivan-petrov"])
    >>> ids.new("Иван Петров"), ids.new("Ivan Petrov"), ids.new("Anna")
    ('ivan-petrov-2', 'ivan-petrov-3', 'anna')
    """

    def __init__(self, taken: Any = ()):
        self.taken: set[str] = set(taken)

    def new(self, name: str, fallback: str = "item") -> str:
        """A fresh id for ``name``."""
        base = slug(name, fallback)
        candidate, n = base, 1
        while candidate in self.taken:
            n += 1
            candidate = f"{base}-{n}"
        self.taken.add(candidate)
        return candidate


def checked_text(doc: dict[str, Any], output: str | os.PathLike[str], summary: Msg | None = None) -> str:
    """Validate an imported document by every ``influence/v1`` rule and render it for ``output``.

    Parameters
    ----------
    doc : dict
        The plain ``influence/v1`` document.
    output : path
        The file it will be written to: ``.yaml``/``.yml`` or ``.json``.
    summary : Msg, optional
        The closing line of a refusal (default: ``FILE would not be a valid
        influence/v1 account; nothing was written``).

    Raises
    ------
    ValidationError
        Issues located in the document to be written (``FILE: people[3].unit``:
        no line, as the file was not written).
    SourceError
        An output suffix that is not an account file's, or a text over the
        size limit every command reads.
    """
    name = os.fspath(output)
    kind = account_kind(name)
    text = readable(dump_document(doc, kind), name)
    try:
        build_account(parse_text(text, name, kind))  # exactly what will be written
    except ValidationError as exc:
        unwritten = Msg("{file} would not be a valid influence/v1 account; nothing was written", file=name)
        issues = [dataclasses.replace(issue, line=None) for issue in exc.issues]
        raise ValidationError(issues, summary or unwritten, exc.language) from None
    return text
