"""The one exception tree of influence.

Every error the library raises on purpose derives from :class:`InfluenceError`.
The command line turns any of them into a short message on stderr and exit
code 2; it never shows a traceback for them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

__all__ = [
    "WHOLE_DOCUMENT",
    "ConflictError",
    "InfluenceError",
    "Issue",
    "LanguageError",
    "Msg",
    "NMsg",
    "SourceError",
    "StoreError",
    "UsageError",
    "ValidationError",
    "Words",
    "decimal",
    "grouped",
    "os_reason",
]


class Words(Protocol):
    """What a message needs of a language: its catalogue (:class:`influence.i18n.Translator` is one)."""

    def gettext(self, message: str) -> str: ...

    def ngettext(self, singular: str, plural: str, n: int) -> str: ...


class Msg:
    """A message of the catalogue and its values: English by ``str()``, another language by :meth:`render`.

    Errors are worded where they are found but rendered at the edge: the
    command line renders them in the language of ``--lang`` or of the
    account. A value is text (shown as it is: a number stays ``0.7`` in
    Russian too, as it must be typed) or a message itself (a part of the
    sentence, translated with it). Mark the text for the catalogue by
    writing ``Msg("…")`` with a literal.

    >>> m = Msg("expected {what}, got {value}", what=Msg("a list"), value="'x'")
    >>> str(m)
    "expected a list, got 'x'"
    """

    __slots__ = ("plural", "text", "values")

    def __init__(self, text: str, /, **values: object) -> None:
        self.text = text
        self.plural: tuple[str, int] | None = None
        self.values = {k: v if isinstance(v, Msg) else str(v) for k, v in values.items()}

    def render(self, words: Words | None = None) -> str:
        """The message in ``words``' language (English without them)."""
        values = {k: v.render(words) if isinstance(v, Msg) else v for k, v in self.values.items()}
        if self.plural is None:
            template = self.text if words is None else words.gettext(self.text)
        else:
            plural, n = self.plural
            if words is None:
                template = self.text if n == 1 else plural
            else:
                template = words.ngettext(self.text, plural, n)
        return template.format(**values)

    def replace(self, **values: object) -> Msg:
        """A copy with some values replaced or given (the same text and plural form).

        A table of messages, one a kind, may hold templates without values;
        this fills the one chosen.

        >>> str(Msg("first defined at {location}", location="people[0]").replace(location="people!A2"))
        'first defined at people!A2'
        """
        out = Msg(self.text, **{**self.values, **values})
        out.plural = self.plural
        return out

    @classmethod
    def lines(cls, parts: list[Msg | str]) -> Msg:
        """The parts, one a line (a message of several lines, each translated on its own).

        >>> str(Msg.lines([Msg("first"), "second"]))
        'first\\nsecond'
        """
        return cls(
            "\n".join(f"{{line{i}}}" for i in range(len(parts))),
            **{f"line{i}": p for i, p in enumerate(parts)},
        )

    @classmethod
    def joined(cls, parts: list[Msg | str], separator: str) -> Msg:
        """The parts one after another with ``separator`` between them, each translated on its own (flat:
        rendering a thousand parts does not nest a thousand messages).

        >>> str(Msg.joined([Msg("first"), "second"], "; "))
        'first; second'
        """
        template = (
            separator.replace("{", "{{").replace("}", "}}").join(f"{{part{i}}}" for i in range(len(parts)))
        )
        return cls(template, **{f"part{i}": p for i, p in enumerate(parts)})

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:  # the text and values, not rendered: a template may have none yet
        values = "".join(f", {k}={v!r}" for k, v in self.values.items())
        return f"Msg({self.text!r}{values})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Msg) and str(self) == str(other)

    def __hash__(self) -> int:
        return hash(str(self))


def NMsg(singular: str, plural: str, n: int, /, **values: object) -> Msg:
    """A message with a singular and a plural form, chosen by ``n`` (``{n}`` is ``n``; Russian has three).

    >>> str(NMsg("{n} error", "{n} errors", 3))
    '3 errors'
    """
    msg = Msg(singular, n=n, **values)
    msg.plural = (plural, n)
    return msg


def grouped(n: int) -> Msg | str:
    """A count written with its thousands grouped: ``4,300`` in English, ``4 300`` in Russian.

    A message takes it as a value (a number to read, not one to type).

    >>> str(grouped(4300)), str(grouped(26214400)), grouped(64)
    ('4,300', '26,214,400', '64')
    """
    if n < 1000 or n >= 10**9:
        return f"{n:,}"
    high, low = divmod(n, 1000)
    units = f"{low:03d}"
    if high < 1000:
        return Msg("{thousands},{units}", thousands=high, units=units)
    millions, thousands = divmod(high, 1000)
    middle = f"{thousands:03d}"
    return Msg("{millions},{thousands},{units}", millions=millions, thousands=middle, units=units)


def decimal(x: float, digits: int = 1) -> Msg:
    """A quantity with ``digits`` decimals, in the language's way: ``60.5`` in English, ``60,5`` in Russian.

    A message takes it as a value: a number the product says (a file's
    size), not one to type (those keep their point in every language). Its
    whole part is :func:`grouped`.

    >>> str(decimal(60.04)), str(decimal(1234.5, 2)), str(decimal(0.456, 2))
    ('60.0', '1,234.50', '0.46')
    """
    text = f"{abs(x):.{digits}f}"
    whole, _, fraction = text.partition(".")
    sign = "-" if x < 0 and text.strip("0.") else ""
    # TRANSLATORS: a number with decimals; Russian writes a decimal comma ({whole} may be grouped: 1 234)
    return Msg("{sign}{whole}.{fraction}", sign=sign, whole=grouped(int(whole)), fraction=fraction)


# TRANSLATORS: the operating system's reasons, as Linux words them (said when a file cannot be read or written)
_OS_REASONS = (
    Msg("No such file or directory"),
    Msg("Permission denied"),
    Msg("Operation not permitted"),
    Msg("Is a directory"),
    Msg("Not a directory"),
    Msg("No space left on device"),
    Msg("Disk quota exceeded"),
    Msg("Read-only file system"),
    Msg("File name too long"),
    Msg("File exists"),
    Msg("Too many levels of symbolic links"),
    Msg("Device or resource busy"),
    Msg("Text file busy"),
    Msg("Too many open files"),
    Msg("Input/output error"),
    Msg("File too large"),
    Msg("No such device or address"),
    Msg("Directory not empty"),
)
_OS_REASON = {str(msg): msg for msg in _OS_REASONS}


def os_reason(exc: OSError) -> Msg | str:
    """Why the operating system refused, as a message the user's language can say.

    The common reasons, worded as the system words them, are messages of the
    catalogue (their English is the system's own text, unchanged); any other
    stays the system's text.

    >>> str(os_reason(PermissionError(13, "Permission denied")))
    'Permission denied'
    >>> os_reason(OSError(1, "Something rare"))
    'Something rare'
    """
    text = exc.strerror or str(exc)
    return _OS_REASON.get(text, text)


class InfluenceError(Exception):
    """Base class of every error influence raises on purpose.

    It may be raised with a :class:`Msg` instead of text: ``str()`` of the
    error is then the English message, and :meth:`render` gives it in
    another language.
    """

    exit_code = 2
    #: the language the account the error is about asks for, when known (the command line may say it in that)
    language: str | None = None

    def __init__(self, *args: object) -> None:
        self.msg: Msg | None = args[0] if len(args) == 1 and isinstance(args[0], Msg) else None
        super().__init__(*(str(a) if isinstance(a, Msg) else a for a in args))

    def render(self, words: Words | None = None) -> str:
        """The message in ``words``' language (the English ``str()`` when it was raised with text)."""
        return self.msg.render(words) if self.msg is not None else str(self)


class SourceError(InfluenceError):
    """An input cannot be read at all (missing, a directory, too large, not text)."""


class UsageError(InfluenceError, ValueError):
    """A value passed to a function or an option is not acceptable (a date that is not a date).

    It is also a :class:`ValueError`, so code that catches that keeps working.
    """


class LanguageError(InfluenceError):
    """A language influence does not speak (``--lang``, ``account.language``, the ``lang`` of
    :func:`influence.to_frames`, :func:`influence.frame` and :func:`influence.render_map`)."""


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
    #: the reason as a message of the catalogue, to render in another language
    message: Msg | None = field(default=None, compare=False, repr=False)

    @classmethod
    def of(cls, file: str, line: int | None, location: str, reason: str | Msg) -> Issue:
        """An issue whose reason may be a :class:`Msg` (kept for rendering in another language).

        >>> Issue.of("a.yaml", 3, "people[0].stance", Msg("invalid stance"))
        Issue(file='a.yaml', line=3, location='people[0].stance', reason='invalid stance')
        """
        return cls(file, line, location, str(reason), reason if isinstance(reason, Msg) else None)

    def render(self, words: Words | None = None) -> str:
        """The issue's line, its reason in ``words``' language (English without them)."""
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        reason = self.message.render(words) if self.message is not None else self.reason
        word = _LOCATION_WORDS.get(self.location)
        location = word.render(words) if word is not None else self.location
        return f"{where}: {location}: {reason}"

    def __str__(self) -> str:
        return self.render()


#: the location of an issue of the whole document (a syntax error, a bad byte), not of one value
WHOLE_DOCUMENT = "(document)"
#: locations that are words, not paths into the document: said in the user's language
_LOCATION_WORDS = {
    WHOLE_DOCUMENT: Msg("(document)"),
    "(file)": Msg("(file)"),  # a CSV file of a CRM export as a whole
    "(row)": Msg("(row)"),  # a row of a CSV file as a whole
}


class ValidationError(InfluenceError):
    """An account document breaks the ``influence/v1`` rules.

    Parameters
    ----------
    issues : list of Issue
        Every problem found, in document order.
    summary : str or Msg, optional
        The closing line the command line prints under the issues, for
        inputs that are not account files (a CRM export, a workbook); by
        default it says the file is not a valid ``influence/v1`` account.
    language : str, optional
        The document's own ``account.language``, when it could be read.
    """

    def __init__(self, issues: list[Issue], summary: str | Msg | None = None, language: str | None = None):
        self.issues = list(issues)
        self.summary = summary
        #: the language the document asks for (its ``account.language``), when known: the command
        #: line then says the issues in it
        self.language = language
        count = len(self.issues)
        noun = "error" if count == 1 else "errors"
        first = str(self.issues[0]) if self.issues else ""
        super().__init__(f"{count} validation {noun}; first: {first}")


class ConflictError(StoreError):
    """A push would overwrite changes made since the file was pulled (a lost update)."""
