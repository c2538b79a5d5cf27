"""Small English wording helpers: counted nouns and possessives.

The one place where a number meets a noun or a name takes a possessive, so
every message gets "1 node" / "2 nodes" and "Rival Systems'" right.
"""

from __future__ import annotations

__all__ = ["counted", "possessive"]


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """``count`` and the noun in the right number.

    >>> counted(1, "node"), counted(2, "node"), counted(0, "person", "people")
    ('1 node', '2 nodes', '0 people')
    """
    if count == 1:
        return f"1 {singular}"
    return f"{count} {plural if plural is not None else singular + 's'}"


def possessive(name: str) -> str:
    """The possessive of a name: an apostrophe alone after a final "s".

    >>> possessive("Anna Petrova"), possessive("Rival Systems")
    ("Anna Petrova's", "Rival Systems'")
    """
    return f"{name}'" if name.endswith(("s", "S")) else f"{name}'s"
