"""The one exception tree of influence.

Every error the library raises on purpose derives from :class:`InfluenceError`.
The command line turns any of them into a short message on stderr and exit
code 2; it never shows a traceback for them.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "ConflictError",
    "InfluenceError",
    "Issue",
    "LanguageError",
    "SourceError",
    "StoreError",
    "UsageError",
    "ValidationError",
]


class InfluenceError(Exception):
    """Base class of every error influence raises on purpose."""

    exit_code = 2


class SourceError(InfluenceError):
    """An input cannot be read at all (missing, a directory, too large, not text)."""


class UsageError(InfluenceError, ValueError):
    """A value passed to a function or an option is not acceptable (a date that is not a date).

    It is also a :class:`ValueError`, so code that catches that keeps working.
    """


class LanguageError(InfluenceError):
    """A language influence does not speak (``--lang``, ``account.language``)."""


class StoreError(InfluenceError):
    """A store (Neo4j) cannot be reached, refuses us, or lacks the account."""


@dataclass(frozen=True, order=True)
class Issue:
    """One validation problem, located in the file.

    Parameters
    ----------
    file : str
        The file as the user named it.
    line : int or None
        1-based line in the file, or None where unknown (JSON).
    location : str
        Path inside the document, list items counted from 0: ``people[3].unit``.
    reason : str
        What is wrong, naming the bad value.
    """

    file: str
    line: int | None
    location: str
    reason: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return f"{where}: {self.location}: {self.reason}"


class ValidationError(InfluenceError):
    """An account document breaks the ``influence/v1`` rules.

    Parameters
    ----------
    issues : list of Issue
        Every problem found, in document order.
    summary : str, optional
        The closing line the command line prints under the issues, for
        inputs that are not account files (a CRM export, a workbook); by
        default it says the file is not a valid ``influence/v1`` account.
    """

    def __init__(self, issues: list[Issue], summary: str | None = None):
        self.issues = list(issues)
        self.summary = summary
        count = len(self.issues)
        noun = "error" if count == 1 else "errors"
        first = str(self.issues[0]) if self.issues else ""
        super().__init__(f"{count} validation {noun}; first: {first}")


class ConflictError(StoreError):
    """A push would overwrite changes made since the file was pulled (a lost update)."""
