"""Validation of ``influence/v1`` documents and construction of the model.

:func:`validate_document` collects **every** problem of a document (not only
the first) as :class:`~influence.errors.Issue` rows in document order;
:func:`build_account` turns a clean document into an
:class:`~influence.model.Account` or raises
:class:`~influence.errors.ValidationError` with all of them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import itertools
import math
import operator
import re
import sys
from collections.abc import Callable, Collection, Iterable, Iterator
from typing import Any, cast

from influence.dates import date_fault
from influence.document import Document, walk
from influence.errors import Issue, Msg, NMsg, UsageError, ValidationError, grouped
from influence.i18n import NC_
from influence.model import FORMAT, ID_PATTERN, STANCE_NAMES, STRENGTH_WORDS, Account
from influence.schema import DOCUMENT_KEYS, ID_SECTIONS, LIST_SECTIONS, RECORDS, Field

__all__ = [
    "build_account",
    "build_account_noting_extras",
    "build_record",
    "cut_value",
    "format_location",
    "validate_document",
]

_ID_RE = re.compile(ID_PATTERN)
_MMDD_RE = re.compile(r"^([0-9]{2})-([0-9]{2})\Z")
_DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_Loc = tuple[str | int, ...]


def format_location(path: _Loc) -> str:
    """Render a location tuple as ``people[3].unit``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{cut_value(part)}" if out else str(cut_value(part))  # a location stays English
    return out or "(document)"


#: the longest value a message repeats whole; a longer one is cut (a message stays one line)
SHOWN_CHARS = 80


def cut_value(value: Any) -> Msg | str:
    """``value`` as text, cut to :data:`SHOWN_CHARS` with its length when longer.

    The length is said in the language of the message (a longer value is a
    message, built only then).

    >>> str(cut_value("x" * 100))
    'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx… (100 characters)'
    """
    text = value if isinstance(value, str) else repr(value) if isinstance(value, (int, float)) else str(value)
    if len(text) <= SHOWN_CHARS:
        return text
    # TRANSLATORS: a long value cut short, then its length in characters: "xxxx… (1,234 characters)"
    return NMsg(
        "{text}… ({count} character)",
        "{text}… ({count} characters)",
        len(text),
        text=text[: SHOWN_CHARS - 8],
        count=grouped(len(text)),
    )


def _quoted(value: str) -> Msg | str:
    """``value`` cut (:func:`cut_value`) and in quotes, as a message shows a text of the file."""
    cut = cut_value(value)
    return f"'{cut}'" if isinstance(cut, str) else Msg("'{value}'", value=cut)


def _describe(value: Any) -> Msg | str:
    """What a value is, for a message: ``number 5``, ``text 'x'``, ``a list`` (``null`` as it is written)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return Msg("boolean {value}", value=str(value).lower())
    if isinstance(value, (int, float)):
        return Msg("number {value}", value=cut_value(value))
    if isinstance(value, dt.date):
        return Msg("date {value}", value=value.isoformat())
    if isinstance(value, str):
        return Msg("text '{value}'", value=cut_value(value))
    if isinstance(value, list):
        return Msg("a list")
    if isinstance(value, dict):
        return Msg("a mapping")
    return type(value).__name__  # pragma: no cover


def _suggest(value: str, choices: Any) -> Msg | str:
    """`` (did you mean 'x'?)`` after a message, for the closest of ``choices``; "" when none is close."""
    if not isinstance(value, str) or len(value) > 200:
        return ""
    import difflib  # only a document with a mistake pays for it

    match = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6) or _translated(value, choices)
    # TRANSLATORS: added after an error message (mind the leading space); {match} is a name to type
    return Msg(" (did you mean '{match}'?)", match=match[0]) if match else ""


#: the contexts of the words a team says, and may type, besides the vocabulary's own: a stance
#: in a diff («нейтрал»), a tie's strength («сильная», said of «связь»)
_SAID_CONTEXTS = ("stance in a change", "strength of a tie", "role as a team says it")
#: the strength words as a team says them (no output shows them: they are here to be recognised)
_STRENGTHS_SAID = (
    NC_("strength of a tie", "weak"),
    NC_("strength of a tie", "medium"),
    NC_("strength of a tie", "strong"),
)
# TRANSLATORS: a role as a team says it for short (Russian «ЛПР»), recognised when typed
_ROLES_SAID = (NC_("role as a team says it", "decision_maker"),)


def _translated(value: str, choices: Any) -> list[str]:
    """The choice whose word in another language ``value`` is, or is close to, as a list of one.

    A team reads the vocabulary in its language on the map and in reports,
    and types it so (``скептик``, or ``сильный`` for a tie said to be
    «сильная»): the file takes the English value.

    >>> _translated("Сильная", ["weak", "medium", "strong"]), _translated("сильный", ["weak", "strong"])
    (['strong'], ['strong'])
    >>> _translated("strong", ["strong"]), _translated("пятница", ["weak", "strong"])
    ([], [])
    >>> _translated("ЛПР", ["user", "decision_maker"]), _translated("привратник", ["gatekeeper"])
    (['decision_maker'], ['gatekeeper'])
    """
    if value.isascii():
        return []
    import difflib

    from influence.i18n import LANGUAGES, translator  # only a mistake pays for it

    said = value.strip().casefold()
    for lang in LANGUAGES[1:]:
        words = translator(lang)
        # each choice's words in this language -> the choice (the first said wins)
        choice_of: dict[str, str] = {}
        for choice in choices:
            spoken = (
                words.gettext(choice),
                words.gettext(choice.replace("_", " ")),
            )  # (a role: "decision maker")
            for word in (*spoken, *(words.pgettext(c, choice) for c in _SAID_CONTEXTS)):
                choice_of.setdefault(word.casefold(), choice)
        close = difflib.get_close_matches(said, list(choice_of), n=1, cutoff=0.6)
        if close:
            return [choice_of[close[0]]]
    return []


def _allowed(choices: Any) -> str:
    return ", ".join(choices)


#: how many unknown references of a document get a "did you mean" suggestion
HINTED_REFERENCES = 20


class _Checker:
    """Collects issues while converting raw values into typed ones."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.issues: list[tuple[int, int, Issue]] = []
        self._seq = 0
        #: unknown references still to get a "did you mean" (each compares with every id:
        #: hundreds of them against 20,000 people took half a minute)
        self.hints = HINTED_REFERENCES
        #: section -> an id as it was likely meant -> (the malformed id written, its location)
        self.malformed: dict[str, dict[str, tuple[str, _Loc]]] = {}
        self._keys: dict[Any, int] | None = None  # the document's keys in order (see _place)

    def line(self, path: _Loc) -> int | None:
        lines = self.doc.lines
        while True:
            if path in lines:
                return lines[path]
            if not path:
                return None
            path = path[:-1]

    def error(self, path: _Loc, reason: str | Msg) -> None:
        line = self.line(path)
        self._seq += 1
        issue = Issue.of(self.doc.file, line, format_location(path), reason)
        self.issues.append((line if line is not None else self._place(path), self._seq, issue))

    def _place(self, path: _Loc) -> int:
        """Where ``path`` stands in a document without lines (JSON): its section's place among the
        document's keys, then its item's, so that the issues come in file order (0 in a document
        with lines: an issue with no line of its own comes first, as it always has)."""
        data = self.doc.data
        if self.doc.lines or not path or not isinstance(data, dict):
            return 0
        if self._keys is None:
            self._keys = {k: i for i, k in enumerate(data)}
        keys = self._keys
        item = path[1] if len(path) > 1 and isinstance(path[1], int) else -1
        return keys.get(path[0], len(keys)) * 1_000_000_000 + item + 1

    def withdraw(self, path: _Loc, since: int = 0) -> None:
        """Take back the issues reported at ``path`` (a later finding explains them better), looking
        only at those reported since the ``since``-th (the record's own: a file of many is not rescanned)."""
        where = format_location(path)
        self.issues[since:] = [t for t in self.issues[since:] if t[2].location != where]

    def sorted_issues(self) -> list[Issue]:
        return [issue for _, _, issue in sorted(self.issues, key=lambda t: (t[0], t[1]))]


# --- field converters: return (ok, value); on failure they report the issue ---

Conv = Callable[[_Checker, _Loc, Any], tuple[bool, Any]]


def _text(c: _Checker, path: _Loc, v: Any) -> tuple[bool, Any]:
    if isinstance(v, str):
        return True, v
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return True, str(v)
    if isinstance(v, dt.date) and not isinstance(v, dt.datetime):
        return True, v.isoformat()
    c.error(path, Msg("expected text, got {value}", value=_describe(v)))
    return False, None


def _id(c: _Checker, path: _Loc, v: Any) -> tuple[bool, Any]:
    if not isinstance(v, str):  # a number or a date written where text is expected is its text
        if isinstance(v, int) and not isinstance(v, bool) and _ID_RE.fullmatch(str(v)):
            v = str(v)
        elif isinstance(v, dt.date) and not isinstance(v, dt.datetime) and _ID_RE.fullmatch(v.isoformat()):
            v = v.isoformat()
        else:
            c.error(path, Msg("malformed id: expected text, got {value}", value=_describe(v)))
            return False, None
    if not _ID_RE.fullmatch(v):
        c.error(path, _malformed_id(v))
        if len(path) == 3 and path[0] in ID_SECTIONS and path[2] == "id":
            for meant in _meant_ids(v):
                c.malformed.setdefault(str(path[0]), {}).setdefault(meant, (v, path))
        return False, None
    return True, v


#: Cyrillic letters that look like Latin ones (an upper-case one as its Latin capital looks)
_LOOKALIKE = str.maketrans("аеорсухкмтіјһԁѕԛԝӏАВЕКМНОРСТУХІЈ", "aeopcyxkmtijhdsqwlabekmhopctyxij")
#: Russian letters in Latin (the common passport-style spelling)
_TRANSLIT = str.maketrans(
    {
        **dict(zip("абвгдезийклмнопрстуфыэ", "abvgdeziyklmnoprstufye", strict=True)),
        **{"ё": "e", "ж": "zh", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch"},
        **{"ъ": "", "ь": "", "ю": "yu", "я": "ya"},
    }
)


def _unseen(ch: str) -> bool:
    """A character that shows as nothing or as a blank: a format character, a space, a control."""
    import unicodedata

    return unicodedata.category(ch) in ("Cf", "Zs", "Zl", "Zp", "Cc")


def _malformed_id(v: str) -> Msg:
    """The message for an id that does not match the id pattern (what is wrong with it, when it can be told)."""
    if v.isascii():
        return Msg(
            "malformed id '{value}' (ids match {pattern}: lower-case letters, digits, '_', '.', '-')",
            value=cut_value(v),
            pattern=ID_PATTERN,
        )
    return Msg(
        "malformed id '{value}': {fault} (ids match {pattern}: lower-case letters, digits, '_', '.', '-')",
        value=cut_value(v),
        fault=_id_fault(v),
        pattern=ID_PATTERN,
    )


def _id_fault(v: str) -> Msg:
    """What makes a malformed id that holds a character outside ASCII so: its first such character, named.

    >>> for v in ("kozlov\u200b", "olg\u0430", "козлов"):
    ...     print(_id_fault(v))
    it holds U+200B ZERO WIDTH SPACE, which does not show
    it holds a Cyrillic 'а' (U+0430), not the Latin 'a'
    it is written in Cyrillic; ids use Latin letters, as in 'kozlov'
    """
    import unicodedata

    ch = next(x for x in v if not x.isascii())
    code, name = f"U+{ord(ch):04X}", unicodedata.name(ch, "")
    named = code + " " + name  # a control character has no name: "U+0085 "
    if _unseen(ch) or not ch.isprintable():
        return Msg("it holds {character}, which does not show", character=named)
    if name.startswith("CYRILLIC"):
        if not any(x.isascii() and x.isalpha() for x in v):
            plain = v.lower().translate(_TRANSLIT)
            if _ID_RE.fullmatch(plain):
                return Msg(
                    "it is written in Cyrillic; ids use Latin letters, as in '{example}'",
                    example=cut_value(plain),
                )
            return Msg("it is written in Cyrillic; ids use Latin letters")
        latin = ch.translate(_LOOKALIKE)
        if latin != ch:
            return Msg(
                "it holds a Cyrillic '{letter}' ({code}), not the Latin '{latin}'",
                letter=ch,
                code=code,
                latin=latin,
            )
        return Msg("it holds a Cyrillic '{letter}' ({code})", letter=ch, code=code)
    return Msg("it holds '{letter}' ({character})", letter=ch, character=named.rstrip())


def _meant_ids(v: str) -> set[str]:
    """The well-formed ids a malformed id ``v`` was likely meant as (none when it is far from any).

    Without the characters that do not show, in lower case, each Cyrillic
    letter as the Latin one it looks like or as its transliteration, without accents.

    >>> sorted(_meant_ids("Kozlov\u200b")), sorted(_meant_ids("козлов")), sorted(_meant_ids("olg\u0430"))
    (['kozlov'], ['kozlov'], ['olga'])
    """
    import unicodedata

    text = "".join(ch for ch in unicodedata.normalize("NFKC", v) if not _unseen(ch))
    keys = {text.translate(_LOOKALIKE).lower(), text.lower().translate(_TRANSLIT)}
    plain = {
        "".join(ch for ch in unicodedata.normalize("NFKD", key) if not unicodedata.combining(ch))
        for key in keys
    }
    return {key for key in plain if _ID_RE.fullmatch(key)}


def _bool(c: _Checker, path: _Loc, v: Any) -> tuple[bool, Any]:
    if isinstance(v, bool):
        return True, v
    c.error(path, Msg("expected true or false, got {value}", value=_describe(v)))
    return False, None


_DAY_FIRST = re.compile(r"\s*([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})\s*\Z")


def _day_first(v: str) -> str | None:
    """The ISO form of a date written day first with dots (``15.01.2027``), when it is a real day.

    >>> _day_first("15.01.2027"), _day_first("31.02.2027"), _day_first("01/15/2027")
    ('2027-01-15', None, None)
    """
    m = _DAY_FIRST.match(v)
    if m is None:
        return None
    day, month, year = (int(g) for g in m.groups())
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _date(c: _Checker, path: _Loc, v: Any) -> tuple[bool, Any]:
    if isinstance(v, dt.datetime):
        c.error(path, Msg("bad date '{value}' (expected YYYY-MM-DD, without a time)", value=v.isoformat()))
        return False, None
    if isinstance(v, dt.date):
        return True, v
    if isinstance(v, str) and _DATE_RE.match(v):
        problem = date_fault(v)
        if problem is None:
            return True, dt.date.fromisoformat(v)
        c.error(path, problem)
        return False, None
    if isinstance(v, str) and (iso := _day_first(v)) is not None:  # 15.01.2027, as written in Russia
        c.error(path, Msg("bad date '{value}': write it as {date} (YYYY-MM-DD)", value=v, date=iso))
    elif isinstance(v, str):
        c.error(path, Msg("bad date '{value}' (expected YYYY-MM-DD)", value=cut_value(v)))
    else:  # what the value is, outside the quotes that hold a value as written
        c.error(path, Msg("bad date: {value} (expected YYYY-MM-DD)", value=_describe(v)))
    return False, None


def _mmdd(c: _Checker, path: _Loc, v: Any) -> tuple[bool, Any]:
    m = _MMDD_RE.match(v) if isinstance(v, str) else None
    if m:
        month, day = int(m.group(1)), int(m.group(2))
        try:
            dt.date(2000, month, day)  # a leap year: 02-29 is a fiscal year's start some years
            return True, v
        except ValueError:
            if 1 <= month <= 12:
                c.error(
                    path,
                    Msg(
                        "bad month-day '{value}': that day does not exist (month {month} has no day {day})",
                        value=v,
                        month=month,
                        day=day,
                    ),
                )
                return False, None
            c.error(path, Msg("bad month-day '{value}': there is no month {month}", value=v, month=month))
            return False, None
    if isinstance(v, str):
        c.error(path, Msg("bad month-day '{value}' (expected MM-DD, e.g. '01-01')", value=cut_value(v)))
    elif isinstance(v, dt.date):  # 2027-04-01 written: the month and day are meant, in every year
        mmdd = f"{v.month:02d}-{v.day:02d}"
        c.error(
            path,
            Msg(
                "bad month-day: {value}; write the month and day only: '{mmdd}'",
                value=_describe(v),
                mmdd=mmdd,
            ),
        )
    else:  # what the value is, outside the quotes that hold a value as written
        c.error(path, Msg("bad month-day: {value} (expected MM-DD, e.g. '01-01')", value=_describe(v)))
    return False, None


def _number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


#: the largest whole number a file may hold: what a store keeps as an integer (Neo4j's 64 bits)
LARGEST_WHOLE = 2**63 - 1


def _storable(v: float) -> bool:
    """A number a store keeps as it is: any float, a whole number of at most 64 bits.

    >>> _storable(2**63 - 1), _storable(2**63), _storable(float(2**63))
    (True, False, True)
    """
    return not isinstance(v, int) or -LARGEST_WHOLE - 1 <= v <= LARGEST_WHOLE


def _finite(v: float) -> bool:
    """A number a float holds (not NaN, not infinite, not an integer of hundreds of digits)."""
    try:
        return math.isfinite(v)
    except OverflowError:
        return False


#: a number as text: digits with a decimal point or a decimal comma, and an exponent
_NUMBER_TEXT = re.compile(r"[+-]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)(?:[eE][+-]?[0-9]+)?\Z")


def _as_text(v: str) -> Msg | None:
    """How to write a number given as text (``0,7``, ``"0.7"``); None for a text that is no number.

    A decimal comma asks for a decimal point; a number in quotes is text,
    not a number. (A workbook's reader takes a plain number in a text cell
    as the number: only a YAML or JSON file has quotes to drop.)
    """
    v = v.strip()
    if re.fullmatch(r"[0-9]{1,3}(?:,[0-9]{3})+", v):  # 12,000: thousands, or a decimal comma
        if v.count(",") > 1:
            return _no_separator(v.replace(",", ""))
        return _thousands(v.replace(",", ""), v.replace(",", "."))
    if not _NUMBER_TEXT.match(v):
        return None
    if "," in v:
        return Msg("use a decimal point: {number}", number=v.replace(",", "."))
    if "e" in v.lower():  # YAML reads 7e-1 (no point) as text
        number = float(v)
        if not math.isfinite(number):
            return Msg("it is too large to be a number")
        return Msg("write it as a plain decimal number: {number}", number=repr(number))
    digits = sys.get_int_max_str_digits()
    if len(v.lstrip("+-")) > digits:  # (unquoted, YAML keeps it as text: Python reads no longer integer)
        return Msg("a whole number of more than {count} digits is too long to read", count=grouped(digits))
    return Msg("write it without quotes")


def _no_separator(number: str) -> Msg:
    return Msg("write {number} (no thousands separator)", number=number)


def _thousands(whole: str, decimal: str) -> Msg:
    """The advice for ``12,000``: thousands written with a separator, or a number with a decimal comma."""
    return Msg(
        "write {number} (no thousands separator), or use a decimal point: {decimal}",
        number=whole,
        decimal=decimal,
    )


def _reading(v: str) -> float | None:
    """The one number a text given for a number reads as (None: no number, or two readings).

    >>> _reading(" 1.5"), _reading("0,7"), _reading("7e-1"), _reading("1,500"), _reading("1,500,000")
    (1.5, 0.7, 0.7, None, 1500000.0)
    """
    v = v.strip()
    if re.fullmatch(r"[0-9]{1,3}(?:,[0-9]{3})+", v):  # 1,500: thousands, or a decimal comma
        return float(v.replace(",", "")) if v.count(",") > 1 else None
    if not _NUMBER_TEXT.match(v):
        return None
    number = float(v.replace(",", "."))
    return number if math.isfinite(number) else None


def _wrong_text(
    c: _Checker,
    path: _Loc,
    name: object,
    v: Any,
    fits: Callable[[float], bool],
    allowed: Msg,
    whole: bool = False,
) -> bool:
    """Report a number written as text that, as a number, would not fit either; True when reported.

    Both in one issue (the range first, then how to write a number), so
    that fixing the quotes does not bring a second error about the range.
    ``whole``: the field takes whole numbers only (a fraction is not "out of range").
    """
    reading = _reading(v) if isinstance(v, str) else None
    if reading is None or fits(reading):
        return False
    advice = _whole_number(v, reading) if whole else None
    values = {"field": name, "value": cut_value(v), "advice": advice or _as_text(v), "allowed": allowed}
    if whole and not reading.is_integer():
        c.error(
            path,
            Msg(
                "{field} '{value}' is not a whole number, and written as text: {advice}; {allowed}", **values
            ),
        )
    else:
        c.error(
            path, Msg("{field} '{value}' is out of range, and written as text: {advice}; {allowed}", **values)
        )
    return True


def _strength(zero_ok: bool) -> Conv:
    def conv(c: _Checker, path: _Loc, v: Any) -> tuple[bool, Any]:
        if isinstance(v, str) and v in STRENGTH_WORDS:
            return True, STRENGTH_WORDS[v]
        if _number(v) and (0 < v <= 1 or (zero_ok and v == 0)):
            return True, float(v)
        field = path[-1]
        fits, allowed = _strength_limits(zero_ok)
        if _wrong_text(c, path, field, v, fits, allowed):
            return False, None
        advice = _as_text(v) if isinstance(v, str) else None
        if not isinstance(v, str):
            c.error(
                path,
                Msg(
                    "{field} {value} out of range; {allowed}",
                    field=field,
                    value=_describe(v),
                    allowed=allowed,
                ),
            )
        elif advice is not None and "," not in v:
            c.error(path, _text_number(field, v, advice, allowed))
        elif advice is not None:
            c.error(
                path,
                Msg(
                    "invalid {field} '{value}': {advice}; {allowed}",
                    field=field,
                    value=cut_value(v),
                    advice=advice,
                    allowed=allowed,
                ),
            )
        else:
            hint = _suggest(v, STRENGTH_WORDS)
            c.error(
                path,
                Msg(
                    "invalid {field} '{value}'{hint}; {allowed}",
                    field=field,
                    value=cut_value(v),
                    hint=hint,
                    allowed=allowed,
                ),
            )
        return False, None

    return conv


def _strength_limits(zero_ok: bool) -> tuple[Callable[[float], bool], Msg]:
    """The numbers a strength takes (``zero_ok``: a back_strength, 0 too), and the message that says which."""
    rng = "[0, 1]" if zero_ok else "(0, 1]"
    words = Msg("a number in {range}, {words}", range=rng, words=", ".join(STRENGTH_WORDS))
    return (lambda x: 0 < x <= 1 or (zero_ok and x == 0)), Msg("allowed: {values}", values=words)


def _range_limits(low: float, high: float | None) -> tuple[Callable[[float], bool], Msg]:
    """The numbers a field of a range takes, and the message that says which."""
    bounds = (
        Msg("{low} to {high}", low=format(low, "g"), high=format(high, "g"))
        if high is not None
        else Msg("a number ≥ {low}", low=format(low, "g"))
    )
    return functools.partial(_within, low, high), Msg("allowed: {values}", values=bounds)


def _stance_allowed() -> Msg:
    return Msg("allowed: {values}", values=_allowed(("-2..2", *STANCE_NAMES)))


def _limits(f: Field) -> tuple[Callable[[float], bool], Msg]:
    """The numbers a field of numbers takes (a stance: in its range, whole or not), and the message that says which."""
    if f.type == "stance":
        return (lambda x: -2 <= x <= 2), _stance_allowed()
    if f.type in ("strength", "back_strength"):
        return _strength_limits(f.type == "back_strength")
    return _range_limits(f.low if f.low is not None else -math.inf, f.high)


#: a whole number as text, as it is typed without the quotes (``'1'``, ``'-2'``)
_WHOLE_TEXT = re.compile(r"\s*[+-]?[0-9]+\s*\Z")


def _whole_number(v: str, reading: float) -> Msg | None:
    """The advice for a field of whole numbers given ``v`` (``'1,0'``, ``'1.0'``) that reads as the whole
    number ``reading``; None for a text that is written as one already (``'1'``: only its quotes are wrong)
    or for a fraction."""
    if _WHOLE_TEXT.match(v) or not reading.is_integer():
        return None
    return Msg("write it as a whole number: {number}", number=int(reading))


def _text_number(field: object, v: str, advice: Msg, allowed: Msg) -> Msg:
    """The message for a number written as text (in quotes, or as ``7e-1``) that would fit as a number."""
    return Msg(
        "{field} '{value}' is text, not a number: {advice}; {allowed}",
        field=field,
        value=cut_value(v),
        advice=advice,
        allowed=allowed,
    )


def _stance(c: _Checker, path: _Loc, v: Any) -> tuple[bool, Any]:
    if isinstance(v, str) and v in STANCE_NAMES:
        return True, STANCE_NAMES[v]
    if isinstance(v, int) and not isinstance(v, bool) and -2 <= v <= 2:
        return True, v
    allowed = _stance_allowed()
    if _wrong_text(c, path, "stance", v, lambda x: x.is_integer() and -2 <= x <= 2, allowed, whole=True):
        return False, None
    reading = _reading(v) if isinstance(v, str) else None  # a whole number in the range (others told above)
    if reading is not None and (advice := _whole_number(v, reading)) is not None:
        if "," in v:  # as a strength's '0,7' is told
            c.error(
                path,
                Msg(
                    "invalid {field} '{value}': {advice}; {allowed}",
                    field="stance",
                    value=cut_value(v),
                    advice=advice,
                    allowed=allowed,
                ),
            )
        else:
            c.error(path, _text_number("stance", v, advice, allowed))
        return False, None
    if isinstance(v, str) and "," not in v and (advice := _as_text(v)) is not None:
        c.error(path, _text_number("stance", v, advice, allowed))
        return False, None
    shown = _quoted(v) if isinstance(v, str) else _describe(v)
    if isinstance(v, float) and v.is_integer() and -2 <= v <= 2:  # 1.0, as pandas writes a number column
        advice = Msg("write it as a whole number: {number}", number=int(v))
        c.error(
            path,
            Msg("invalid stance {value}: {advice}; {allowed}", value=shown, advice=advice, allowed=allowed),
        )
        return False, None
    hint = _suggest(v, STANCE_NAMES) if isinstance(v, str) else ""
    c.error(path, Msg("invalid stance {value}{hint}; {allowed}", value=shown, hint=hint, allowed=allowed))
    return False, None


def _choice(name: str, choices: tuple[str, ...]) -> Conv:
    def conv(c: _Checker, path: _Loc, v: Any) -> tuple[bool, Any]:
        if isinstance(v, str) and v in choices:
            return True, v
        shown = _quoted(v) if isinstance(v, str) else _describe(v)
        allowed = Msg("allowed: {values}", values=_allowed(choices))
        c.error(path, _invalid_choice(name, shown, _suggest(v, choices), allowed))
        return False, None

    return conv


#: a value outside a field's vocabulary: a whole sentence for each kind of value (templates: see Msg.replace)
_INVALID_CHOICE = {
    "role": Msg("invalid role {value}{hint}; {allowed}"),
    "awareness": Msg("invalid awareness {value}{hint}; {allowed}"),
    "language": Msg("invalid language {value}{hint}; {allowed}"),
    "organization kind": Msg("invalid organization kind {value}{hint}; {allowed}"),
    "link type": Msg("invalid link type {value}{hint}; {allowed}"),
    "activity kind": Msg("invalid activity kind {value}{hint}; {allowed}"),
    "activity status": Msg("invalid activity status {value}{hint}; {allowed}"),
}


def _invalid_choice(noun: str, shown: Msg | str, hint: Msg | str, allowed: Msg) -> Msg:
    """The message for a value outside a field's vocabulary, a whole sentence for each kind of value."""
    template = _INVALID_CHOICE.get(noun)
    if template is None:
        return Msg(
            "invalid {field} {value}{hint}; {allowed}", field=noun, value=shown, hint=hint, allowed=allowed
        )
    return template.replace(value=shown, hint=hint, allowed=allowed)


#: a share written with a per-cent sign (``75%``, ``12,5 %``)
_PERCENT = re.compile(r"([0-9]+(?:[.,][0-9]+)?)\s*%")


def _within(low: float, high: float | None, x: float) -> bool:
    return x >= low and (high is None or x <= high)


def _range(name: str, low: float, high: float | None) -> Conv:
    def conv(c: _Checker, path: _Loc, v: Any) -> tuple[bool, Any]:
        if _number(v) and _finite(v) and v >= low and (high is None or v <= high):
            if _storable(v):
                return True, v
            c.error(
                path,
                Msg(
                    "{field} {value} is too large a whole number to store (at most {largest}); "
                    "write a smaller number, or a decimal such as {decimal}",
                    field=name,
                    value=_describe(v),
                    largest=LARGEST_WHOLE,
                    decimal=repr(float(v)),
                ),
            )
            return False, None
        fits, allowed = _range_limits(low, high)
        if _wrong_text(c, path, name, v, fits, allowed):
            return False, None
        values = {"field": name, "value": _describe(v), "allowed": allowed}
        advice = _as_text(v) if isinstance(v, str) else None
        if advice is None and isinstance(v, str) and (low, high) == (0, 100):  # a share in per cent: 75%
            percent = _PERCENT.fullmatch(v.strip())
            if percent and fits(float(number := percent[1].replace(",", "."))):
                advice = Msg("write the number without the percent sign: {number}", number=number)
        if _number(v):
            c.error(path, Msg("{field} {value} out of range; {allowed}", **values))
        elif advice is not None:
            c.error(
                path, Msg("{field} {value} is not a number: {advice}; {allowed}", advice=advice, **values)
            )
        else:
            c.error(path, Msg("{field} {value} is not a number; {allowed}", **values))
        return False, None

    return conv


def _list_of(item: Conv) -> Conv:
    def conv(c: _Checker, path: _Loc, v: Any) -> tuple[bool, Any]:
        if not isinstance(v, list):
            c.error(path, Msg("expected a list, got {value}", value=_describe(v)))
            return False, None
        out, ok = [], True
        for i, x in enumerate(v):
            good, value = item(c, (*path, i), x)
            ok &= good
            if good and value not in out:
                out.append(value)
        return ok, tuple(out)

    return conv


def _converter(f: Field) -> Conv:
    """The converter of a declared field (see :mod:`influence.schema`)."""
    kind = f.type
    if kind == "list":
        assert f.item is not None
        return _list_of(_converter(f.item))
    if kind == "choice":
        return _choice(f.noun, f.vocabulary)
    if kind == "number":
        return _range(f.noun or f.key, f.low if f.low is not None else -math.inf, f.high)
    if kind == "records":
        return lambda c, path, v: (True, v)  # checked record by record in _nested
    return _SIMPLE[kind]


_SIMPLE: dict[str, Conv] = {
    "id": _id,
    "text": _text,
    "date": _date,
    "month_day": _mmdd,
    "bool": _bool,
    "strength": _strength(False),
    "back_strength": _strength(True),
    "stance": _stance,
}
#: an id matching the id pattern (one object: :func:`_all_pass` knows it)
_WELL_FORMED = _ID_RE.fullmatch
#: the whole numbers a stance takes
_STANCES = frozenset(range(-2, 3))


def _exact(f: Field) -> tuple[type | None, Callable[[Any], Any] | None]:
    """The class of a value of field ``f`` that its converter would return as it is, and the test
    such a value must pass too (None: none); (None, None) when every value goes through the converter.

    A value of exactly this class that passes the test needs no converter
    call: the common case, kept fast. Each test is the converter's own test
    for a value of that class (a float strength is returned as ``float(v)``,
    which is ``v`` itself).
    """
    if f.type in ("text", "date", "bool"):
        return {"text": str, "date": dt.date, "bool": bool}[f.type], None
    if f.type == "id":
        return str, _WELL_FORMED
    if f.type == "choice":
        return str, frozenset(f.vocabulary).__contains__
    if f.type == "stance":
        return int, _STANCES.__contains__
    if f.type in ("strength", "back_strength"):
        return float, _strength_limits(f.type == "back_strength")[0]
    if f.type == "number":  # a whole number (a fraction takes the converter's way)
        return int, functools.partial(_finite_within, f.low if f.low is not None else -math.inf, f.high)
    return None, None


def _finite_within(low: float, high: float | None, x: float) -> bool:
    return _finite(x) and _within(low, high, x) and _storable(x)


_CONVERTERS: dict[str, dict[str, tuple[Conv, type | None, Callable[[Any], Any] | None]]] = {
    name: {f.key: (_converter(f), *_exact(f)) for f in record.fields} for name, record in RECORDS.items()
}
_REQUIRED = {name: tuple(f.key for f in record.fields if f.required) for name, record in RECORDS.items()}
#: The lists of each kind whose items :func:`_fitting` checks in C: the class and test of an item
#: that needs no converter call (see :func:`_exact`).
_LIST_ITEMS: dict[str, dict[str, tuple[type, Callable[[Any], Any] | None]]] = {
    name: {
        f.key: cast(tuple[type, Callable[[Any], Any] | None], _exact(f.item))
        for f in record.fields
        if f.type == "list" and f.item is not None and _exact(f.item)[0] is not None
    }
    for name, record in RECORDS.items()
}


def _check_extra(c: _Checker, path: _Loc, value: Any) -> None:
    """Report each NaN or infinity in an ``x-`` value: it travels as JSON (the store, ``-o x.json``),
    which has no such number."""
    for where, item in walk(value, path):
        if isinstance(item, float) and not math.isfinite(item):
            c.error(
                where,
                Msg(
                    "{value}: an x- value travels as JSON, which has no NaN or infinity; write it "
                    "as text in quotes",
                    value=_describe(item),
                ),
            )


def _record(c: _Checker, path: _Loc, raw: Any, kind: str) -> dict[str, Any] | None:
    """Check one mapping against its record declaration; returns typed fields (bad ones left out)."""
    if not isinstance(raw, dict):
        c.error(path, Msg("expected a mapping, got {value}", value=_describe(raw)))
        return None
    converters = _CONVERTERS[kind]
    out: dict[str, Any] = {}
    since = len(c.issues)  # this record's issues start here
    for key, value in raw.items():
        spec = converters.get(key)
        if spec is None:
            if isinstance(key, str) and key.startswith("x-"):  # declarations hold no "x-" keys
                out.setdefault("extras", {})[key] = value  # kept and ignored
                _check_extra(c, (*path, key), value)
            elif not _decimal_comma(c, path, raw, key, out, kind, since):
                c.error((*path, key), _unknown_key(key, converters))
            continue
        if value is None:
            continue  # an empty value is an absent one
        conv, exact, check = spec
        if value.__class__ is exact and (check is None or check(value)):
            out[key] = value
            continue
        ok, typed = conv(c, (*path, key), value)
        if ok:
            out[key] = typed
    for key in _REQUIRED[kind]:
        if raw.get(key) is None:
            c.error((*path, key), Msg("missing required field"))
    return out


#: the fields of each kind that hold a number a decimal comma may be written in (a stance: 1,0 for 1)
_DECIMAL_FIELDS = {
    name: {f.key: f for f in record.fields if f.type in ("strength", "back_strength", "number", "stance")}
    for name, record in RECORDS.items()
}


def _decimal_comma(
    c: _Checker, path: _Loc, raw: dict[Any, Any], key: Any, out: dict[str, Any], kind: str, since: int = 0
) -> bool:
    """True when the unknown ``key`` is the decimals of a number written with a comma in a one-line record.

    YAML reads ``{strength: 0,7}`` as ``strength: 0`` and a key ``7`` with no
    value: one issue at the number says so (instead of its range and the key).
    """
    if not (isinstance(key, str) and key.isdigit() and key.isascii()) or raw[key] is not None:
        return False
    keys = list(raw)
    before = keys[keys.index(key) - 1] if keys.index(key) else None
    whole = raw.get(before)
    if before not in _DECIMAL_FIELDS[kind] or type(whole) is not int:
        return False
    c.withdraw((*path, before), since)
    out.pop(before, None)
    c.error((*path, before), _comma_advice(_DECIMAL_FIELDS[kind][before], whole, key))
    return True


def _comma_advice(f: Field, whole: int, decimals: str) -> Msg:
    """The message for ``whole,decimals`` in a one-line record (YAML read ``whole`` and a key ``decimals``).

    It says how to write the number, or, when the number with a decimal
    point would not do either, that too: one issue, not a second after the
    first is fixed.
    """
    written, point = f"{whole},{decimals}", f"{whole}.{decimals}"
    number = float(point)
    fits, allowed = _limits(f)
    ok = math.isfinite(number) and fits(number)
    values = {"written": written, "number": point, "allowed": allowed}
    if f.type == "stance" and ok and not number.is_integer():
        return Msg(
            "did you write {written}? even as {number} it would not be a whole number; {allowed}", **values
        )
    thousands = (
        float(f"{whole}{decimals}") if len(decimals) == 3 and whole > 0 and f.type != "stance" else None
    )
    if thousands is not None and fits(thousands) and math.isfinite(thousands):  # {budget: 12,000}
        advice = _thousands(f"{whole}{decimals}", point) if ok else _no_separator(f"{whole}{decimals}")
    elif not ok:
        return Msg("did you write {written}? even as {number} it would be out of range; {allowed}", **values)
    elif f.type == "stance":
        advice = Msg("write it as a whole number: {number}", number=int(number))
    else:
        advice = Msg("use a decimal point: {number}", number=point)
    return Msg("did you write {written}? {advice}", written=written, advice=advice)


def _unknown_key(key: Any, known: Any) -> Msg:
    """The message for a key no declaration has, with the closest known one."""
    return Msg("unknown key '{key}'{hint}", key=cut_value(key), hint=_suggest(str(key), known))


def _section(c: _Checker, data: dict[str, Any], name: str) -> _Rows:
    raw = data.get(name)
    if raw is None:
        return _Rows([], name)
    if not isinstance(raw, list):
        c.error((name,), Msg("expected a list, got {value}", value=_describe(raw)))
        return _Rows([], name)
    fitting = _fitting(raw, name) if name in _PLAIN_KINDS else None
    if fitting is None:
        return _Rows([_record(c, (name, i), item, name) for i, item in enumerate(raw)], name)
    fit, holding, columns = fitting
    records = list(raw)
    for i in itertools.compress(range(len(raw)), map(operator.not_, fit)):  # the others, in order
        records[i] = rec = _record(c, (name, i), raw[i], name)
        for key, column in columns.items():  # the typed value
            column[i] = rec.get(key) if rec is not None else None
    for i in holding:
        records[i] = _lists_as_tuples(raw[i], _LIST_ITEMS[name])
    return _Rows(records, name, columns=columns)


def _lists_as_tuples(item: dict[str, Any], lists: Iterable[str]) -> dict[str, Any]:
    """The typed record of a fitting item that holds a list: each list a tuple of its distinct items
    in order, as :func:`_record` makes it (the items fit: none is converted)."""
    out = dict(item)
    for key in lists:
        if key in out:
            out[key] = tuple(dict.fromkeys(out[key]))
    return out


#: The kinds whose records hold no nested records (their typed record may be the mapping itself).
_PLAIN_KINDS = frozenset(
    name for name, record in RECORDS.items() if all(f.type != "records" for f in record.fields)
)
#: Ids, each ending its line, each matching the id pattern (stricter than the pattern itself,
#: which lets ``$`` match before a final newline: such an id takes the record-by-record way).
_IDS_RE = re.compile(f"(?:{ID_PATTERN.removeprefix('^').removesuffix('$')}\\n)*")


def _fitting(items: list[Any], kind: str) -> tuple[list[bool], list[int], dict[str, list[Any]]] | None:
    """Which items are already their typed record, checked in C over the whole section.

    An item fits when it is a mapping of declared keys only, every required
    one among them, each value of exactly its field's type (text, an id, a
    boolean, a date, a word of its vocabulary, a number in its range, a list:
    nothing to convert, no null) and passing its field's test (see
    :func:`_exact`; each item of a list too): :func:`_record` would return
    an equal mapping with no issue, once each list is a tuple of its distinct
    items (:func:`_lists_as_tuples`). The others go through :func:`_record`.
    None when the section is not a list of mappings or a value needs a
    closer look: then every item does. Also the indices of the fitting items
    that hold a list, and the columns read (each item's value of a key, None
    where absent) for :class:`_Rows`, once the other items' values are
    replaced by those of their typed records.
    """
    if set(map(type, items)) != {dict}:
        return None
    converters, required = _CONVERTERS[kind], _REQUIRED[kind]
    shapes = list(map(tuple, items))  # the keys of each item, in order
    lists = _LIST_ITEMS[kind]
    types: dict[tuple[str, ...], tuple[type, ...] | None] = {}
    for shape in set(shapes):
        exact = [list if k in lists else converters[k][1] if k in converters else None for k in shape]
        fits = None not in exact and all(k in shape for k in required)
        types[shape] = tuple(t for t in exact if t is not None) if fits else None
    fit, others, texts = _of_types(items, shapes, types)
    in_texts = set(itertools.chain.from_iterable(texts))  # the keys of the shapes checked together
    columns: dict[str, list[Any]] = {}
    for key, (_, _, check) in converters.items():
        if check is None:
            continue
        values: Collection[Any]
        if key in in_texts:
            columns[key] = list(map(dict.get, items, itertools.repeat(key)))
            values = _values(columns[key], fit, unique=key == "id" and key in required)
        else:  # a key of no text shape: held by the items checked one by one only
            values = {items[i].get(key) for i in others if fit[i]} - {None}
        if not _all_pass(values, check):
            return None
    listed = {shape for shape in types if not lists.keys().isdisjoint(shape)}  # (never all text)
    holding = [i for i in others if fit[i] and shapes[i] in listed] if listed else []
    for key, (item, check) in lists.items():  # the items of the lists: of their class, passing its test
        held = list(itertools.chain.from_iterable(items[i].get(key, ()) for i in holding))
        if set(map(type, held)) - {item} or (check is not None and not _all_pass(set(held), check)):
            return None
    return fit, holding, columns


def _values(column: list[Any], fit: list[bool], *, unique: bool) -> Collection[Any]:
    """The values in ``column`` of the fitting items, each once (references repeat a lot), or, for
    the items' own ids (``unique`` by intent, one in every fitting item), as they are (a set of them
    costs more than it saves)."""
    if unique:
        return list(itertools.compress(column, fit))
    values = set(itertools.compress(column, fit))
    values.discard(None)  # (absent)
    return values


def _all_pass(values: Collection[Any], check: Callable[[Any], Any]) -> bool:
    """Every one of these values (of the class that ``check`` takes) passes it; ids are text, and
    all matched at once, as lines."""
    if check is not _WELL_FORMED:
        return all(map(check, values))
    lines = "\n".join(values) + "\n" if values else ""
    # a line break inside an id would pass for two ids otherwise
    return lines.count("\n") == len(values) and _IDS_RE.fullmatch(lines) is not None


def _of_types(
    items: list[dict[str, Any]],
    shapes: list[tuple[str, ...]],
    types: dict[tuple[str, ...], tuple[type, ...] | None],
) -> tuple[list[bool], list[int], set[tuple[str, ...]]]:
    """Whether each item's values are of the types its shape calls for (``types[shape]``; None: never),
    the indices of the items checked value by value, and the shapes checked together (all text).

    The items whose fields are all text are checked together: their values
    join into one string, or a value is not text (a text subclass joins too,
    and :func:`_record` would keep it as it is). The others value by value.
    """
    texts = {shape for shape, expected in types.items() if expected is not None and set(expected) <= {str}}
    fit = list(map(texts.__contains__, shapes))
    try:
        "".join(itertools.chain.from_iterable(map(dict.values, itertools.compress(items, fit))))
    except TypeError:
        fit = [False] * len(items)
    others = list(itertools.compress(range(len(items)), map(operator.not_, fit)))
    found = map(tuple, map(map, itertools.repeat(type), map(dict.values, map(items.__getitem__, others))))
    for i, ok in zip(
        others, map(operator.eq, found, map(types.__getitem__, map(shapes.__getitem__, others))), strict=True
    ):
        fit[i] = ok
    return fit, others, texts


def _parents_first(rows: _Rows, field: str) -> bool:
    """True when each record's ``field`` names a record before it in the list (or none): then no cycle.

    The common order of a hierarchy (a manager before the people reporting
    to them), checked in C over the whole list. False also for a missing or
    repeated id: the caller then walks the records one by one.
    """
    ids, parents = rows.column("id"), rows.column(field)
    if ids is None or parents is None:  # a record that is not a mapping, or holds no valid field
        return False
    at = dict(zip(ids, range(len(ids)), strict=True))
    if len(at) != len(ids) or None in at:
        return False
    return all(map(operator.lt, map(at.get, parents, itertools.repeat(-1)), range(len(ids))))


#: One parent-like tie: (child id, parent id, where it is written); a list of them in document order.
_Edge = tuple[str, str, _Loc]


def _check_cycles(c: _Checker, rows: _Rows, field: str, links: list[_Edge] | None = None) -> None:
    """Report each cycle in a parent-like field (and ``links`` of its kind) once, at its first tie written."""
    if links or not _parents_first(rows, field):
        _walk_cycles(c, rows, field, links or [])


def _reports_to_links(rows: _Rows) -> list[_Edge]:
    """The ``reports_to`` links as ties (``from`` reports to ``to``); a link to themself is reported apart."""
    if "reports_to" not in map(dict.get, filter(None, rows.records), itertools.repeat("type")):
        return []  # the common case, checked in C
    return [
        (rec["from"], rec["to"], path)
        for path, rec in rows
        if rec
        and rec.get("type") == "reports_to"
        and "from" in rec
        and "to" in rec
        and rec["from"] != rec["to"]
    ]


def _walk_cycles(c: _Checker, rows: _Rows, field: str, links: list[_Edge] | None = None) -> None:
    """:func:`_check_cycles` record by record.

    Each tie is located at the record that writes it (a repeated id's
    second record, not its first). When every id has one parent at most
    (the common case, also with links) each chain is followed once;
    otherwise (two parents) the cycles are found as strongly connected components.
    """
    having = cast(  # the rows themselves, no new tuples
        list[tuple[_Loc, dict[str, Any]]],
        [row for row in rows if (rec := row[1]) and "id" in rec and field in rec],
    )
    parent = {rec["id"]: rec[field] for _, rec in having}
    if not links and len(parent) == len(having):
        rank: dict[str, int] = {}  # made when a first cycle is found
        for cycle in _chains(parent):
            rank = rank or {rec["id"]: i for i, (_, rec) in enumerate(having)}
            ring = _ring(cycle, rank)
            c.error((*having[rank[ring[0]]][0], field), _cycle(field, ring))
        return
    ties = [(rec["id"], rec[field], (*path, field)) for path, rec in having] + (links or [])
    parent = {child: up for child, up, _ in ties}
    if len(parent) == len(
        {(child, up) for child, up, _ in ties}
    ):  # one parent per id (however often written)
        first = {child: i for i, (child, _, _) in reversed(list(enumerate(ties)))}
        for cycle in _chains(parent):
            ring = _ring(cycle, first)
            c.error(ties[first[ring[0]]][2], _cycle(field, ring))
        return
    for ring, where in _rings(ties):
        c.error(where, _cycle(field, ring))


#: the most members of a cycle its message names; a longer cycle shows its first and last few
SHOWN_CYCLE = 12
_CYCLE_ENDS = 5


def _cycle(field: str, ring: list[str]) -> Msg:
    """The message for a cycle ``ring`` (``[a, b, a]``): one line, however many ids it goes through.

    A cycle of more than :data:`SHOWN_CYCLE` members (a generated file's
    chain of thousands) shows the first and last few and counts the others.

    >>> print(_cycle("reports_to", ["a", "b", "a"]))
    cycle in reports_to: a -> b -> a
    >>> print(_cycle("parent", [f"u{i}" for i in range(20)] + ["u0"]))
    cycle in parent: u0 -> u1 -> u2 -> u3 -> u4 -> … 10 more … -> u15 -> u16 -> u17 -> u18 -> u19 -> u0
    """
    members = len(ring) - 1
    if members > SHOWN_CYCLE:
        hidden = grouped(members - 2 * _CYCLE_ENDS)  # a generated file's chain: 1,234 (1 234 in Russian)
        return Msg(
            "cycle in {field}: {start} -> … {count} more … -> {end}",
            field=field,
            start=" -> ".join(ring[:_CYCLE_ENDS]),
            count=hidden,
            end=" -> ".join(ring[members - _CYCLE_ENDS :]),
        )
    return Msg("cycle in {field}: {ids}", field=field, ids=" -> ".join(ring))


def _chains(parent: dict[str, str]) -> list[list[str]]:
    """The cycles of a graph where each id has one parent at most: each chain is followed once."""
    out = []
    state: dict[str, int] = {}  # 1 = on the current chain, 2 = done
    for start in parent:
        chain: list[str] = []
        node: str | None = start
        while node is not None and node in parent and state.get(node) is None:
            state[node] = 1
            chain.append(node)
            node = parent[node]
        if node is not None and state.get(node) == 1:
            out.append(chain[chain.index(node) :])
        for n in chain:
            state[n] = 2
    return out


def _ring(cycle: list[str], rank: dict[str, int]) -> list[str]:
    """The cycle from its member of the lowest rank, back to it: ``[b, c, a, b]``."""
    k = cycle.index(min(cycle, key=rank.__getitem__))
    return [*cycle[k:], *cycle[:k], cycle[k]]


def _rings(ties: list[_Edge]) -> list[tuple[list[str], _Loc]]:
    """One cycle of each strongly connected component that holds one, and where to report it.

    The cycle starts with the component's first tie in document order and
    goes back to its start the shortest way; it is reported at that tie.
    """
    succ: dict[str, list[int]] = {}
    for i, (child, _, _) in enumerate(ties):
        succ.setdefault(child, []).append(i)
    out = []
    for members in _components(succ, ties):
        inside = [
            i
            for i in itertools.chain.from_iterable(succ.get(m, ()) for m in members)
            if ties[i][1] in members
        ]
        if not inside:
            continue  # one id with no tie to itself
        first = min(inside)
        start, up, where = ties[first]
        back: dict[str, str] = {up: up}
        queue = [up]
        for node in queue:  # breadth first, from the tie's parent back to its child
            for i in succ.get(node, ()):
                nxt = ties[i][1]
                if nxt in members and nxt not in back:
                    back[nxt] = node
                    queue.append(nxt)
        path = [start]
        while path[-1] != up:
            path.append(back[path[-1]])
        out.append(([start, *reversed(path)], where))
    return out


def _components(succ: dict[str, list[int]], ties: list[_Edge]) -> list[set[str]]:
    """The strongly connected components of the ties' graph (Tarjan's algorithm, without recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[set[str]] = []
    for root in succ:
        if root in index:
            continue
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        work = [(root, iter(succ[root]))]
        while work:
            node, edges = work[-1]
            for i in edges:
                nxt = ties[i][1]
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(succ.get(nxt, ()))))
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    members = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        members.add(member)
                        if member == node:
                            break
                    out.append(members)
    return out


class _Rows:
    """The typed records of a list (None for an item that is no mapping) and where each is written.

    The checks that find nothing read :attr:`records` and their columns in C;
    only a walk that reports (iterating, as ``(location, record)`` pairs)
    pairs each record with its location: the pairs of a large section, made
    up front, cost more than any check of it. A column read by several checks
    (the ids, a reference) is read once.
    """

    __slots__ = ("_columns", "_name", "_paths", "records")

    def __init__(
        self,
        records: list[dict[str, Any] | None],
        name: str = "",
        paths: list[_Loc] | None = None,
        columns: dict[str, list[Any]] | None = None,
    ):
        self.records = records
        self._name = name  # the location of record i is (name, i) ...
        self._paths = paths  # ... unless these locations are given
        self._columns: dict[str, list[Any] | None] = {}
        if columns and all(records):  # columns read already (see column)
            self._columns.update(columns)

    def __iter__(self) -> Iterator[tuple[_Loc, dict[str, Any] | None]]:
        if self._paths is not None:
            return zip(self._paths, self.records, strict=True)
        paths = zip(itertools.repeat(self._name), itertools.count(), strict=False)
        return zip(paths, self.records, strict=False)  # as many as the records

    def extend(self, records: list[dict[str, Any] | None], paths: list[_Loc]) -> None:
        """Add records written at ``paths`` (to rows made with their locations, before a column is read)."""
        assert self._paths is not None and not self._columns
        self.records += records
        self._paths += paths

    def column(self, key: str) -> list[Any] | None:
        """The value of ``key`` in each record (None where absent), read in C; None when a record is
        None or empty (a typed record holds no null: None is an absent value)."""
        if key not in self._columns:
            records = self.records
            self._columns[key] = list(map(dict.get, records, itertools.repeat(key))) if all(records) else None  # type: ignore[arg-type]
        return self._columns[key]


def _check_top(c: _Checker, data: dict[Any, Any]) -> dict[str, Any] | None:
    """Top-level keys, the format, ``base_version`` and the account block."""
    for key in data:
        if isinstance(key, str) and key.startswith("x-"):
            continue
        if key not in DOCUMENT_KEYS:
            c.error((key,), _unknown_key(key, DOCUMENT_KEYS))
    fmt = data.get("format")
    if fmt is None:
        c.error(("format",), Msg("missing required field (expected '{format}')", format=FORMAT))
    elif fmt != FORMAT:
        if isinstance(fmt, str):
            c.error(
                ("format",),
                Msg("unknown format '{value}' (expected '{format}')", value=cut_value(fmt), format=FORMAT),
            )
        else:
            c.error(
                ("format",),
                Msg("expected the text '{format}', got {value}", format=FORMAT, value=_describe(fmt)),
            )
    base = data.get("base_version")
    if base is not None and (type(base) is not int or base < 1):
        c.error(
            ("base_version",),
            Msg("invalid base version {value} (expected a whole number from 1)", value=_describe(base)),
        )
    if data.get("account") is None:
        c.error(("account",), Msg("missing required field"))
        return None
    name = data["account"].get("name") if isinstance(data["account"], dict) else None
    if isinstance(name, str) and all(map(_unseen, name)):  # "", blanks or a zero-width space: no name
        c.error(("account", "name"), Msg("empty: the client's name is required"))
    return _record(c, ("account",), data["account"], "account")


def _nested(c: _Checker, data: dict[Any, Any], sections: dict[str, _Rows]) -> dict[str, _Rows]:
    """Check the nested records (competitors' relationships); returns their rows by kind."""
    nested: dict[str, _Rows] = {}
    for name, record in RECORDS.items():
        for f in record.fields:
            if f.type != "records" or f.record is None:
                continue
            rows = nested.setdefault(f.record, _Rows([], paths=[]))
            for path, rec in sections.get(name, ()):
                if rec is None:
                    continue
                raw = data[name][path[1]].get(f.key)
                rec.pop(f.key, None)
                if raw is None:
                    continue
                if not isinstance(raw, list):
                    c.error((*path, f.key), Msg("expected a list, got {value}", value=_describe(raw)))
                    continue
                paths = [(*path, f.key, j) for j in range(len(raw))]
                items = [_record(c, where, x, f.record) for where, x in zip(paths, raw, strict=True)]
                rows.extend(items, paths)
                rec[f.key] = items
    return nested


def _unique_ids(sections: dict[str, _Rows]) -> dict[str, set[str]] | None:
    """The ids of each section when every record has one and no id repeats (read in C); else None."""
    columns: dict[str, list[Any]] = {}
    for name in ID_SECTIONS:
        column = sections[name].column("id")
        if column is None or not all(column):
            return None
        columns[name] = column
    ids = {name: set(column) for name, column in columns.items()}
    if any(len(ids[name]) != len(column) for name, column in columns.items()):
        return None  # an id repeated in its section
    # ... or in another: each pair of sections compared (each smaller set looked up in the larger: no union)
    if not all(a.isdisjoint(b) for a, b in itertools.combinations(ids.values(), 2)):
        return None
    return ids


def _check_ids(c: _Checker, sections: dict[str, _Rows]) -> dict[str, set[str]]:
    """Duplicate ids (malformed ones were reported by the converters); the ids of each section."""
    unique = _unique_ids(sections)
    return unique if unique is not None else _walk_ids(c, sections)


def _walk_ids(c: _Checker, sections: dict[str, _Rows]) -> dict[str, set[str]]:
    """:func:`_check_ids` record by record, reporting each repeated id."""
    ids: dict[str, set[str]] = {name: set() for name in ID_SECTIONS}
    first_at: dict[str, _Loc] = {}
    for name in ID_SECTIONS:
        for path, rec in sections[name]:
            if rec is None or "id" not in rec:
                continue
            ident = rec["id"]
            if ident in first_at:
                where = format_location(first_at[ident])
                c.error(
                    (*path, "id"),
                    Msg(
                        "duplicate id '{id}' (first defined at {location})",
                        id=cut_value(ident),
                        location=where,
                    ),
                )
                continue
            first_at[ident] = path
            ids[name].add(ident)
    return ids


def _all_known(rows: _Rows, f: Field, known: set[str]) -> bool:
    """Every value of reference field ``f`` in these records is in ``known`` (set operations, no messages)."""
    key = f.key
    column = rows.column(key)
    values: Iterable[Any]
    if column is not None:  # read in C
        values = filter(None, column)
    else:
        values = [rec[key] for rec in rows.records if rec is not None and key in rec]
    if f.type == "list":  # a list of references: a tuple of ids
        return known.issuperset(itertools.chain.from_iterable(values))
    return known.issuperset(values)


def _check_refs(c: _Checker, kind: str, rows: _Rows, ids: dict[str, set[str]], data: Any = None) -> None:
    """Every reference of these records names an existing id of its section.

    ``data`` is the document as written: a list of references is kept without
    its repeats, so an unknown one is located at its place in the written list.
    """
    refs = [f for f in RECORDS[kind].fields if f.ref is not None]
    if all(_all_known(rows, f, ids[f.ref]) for f in refs):  # type: ignore[index]
        return  # the common case, checked in C; otherwise find and report each unknown one
    for path, rec in rows:
        if rec is None:
            continue
        for f in refs:
            if f.key not in rec:
                continue
            known = ids[f.ref]  # type: ignore[index]
            many = isinstance(rec[f.key], tuple)
            for i, value in enumerate(rec[f.key] if many else (rec[f.key],)):
                if value not in known:
                    loc = (
                        (*path, f.key, _written_index(data, (*path, f.key), value, i))
                        if many
                        else (*path, f.key)
                    )
                    c.error(loc, _unknown_ref(f.noun, cut_value(value), _unknown_hint(c, value, f, ids)))


#: a reference to an id its section does not have: a whole sentence for each kind (templates: see Msg.replace)
_UNKNOWN_REF = {
    "person": Msg("unknown person '{value}'{hint}"),
    "unit": Msg("unknown unit '{value}'{hint}"),
    "organization": Msg("unknown organization '{value}'{hint}"),
    "team member": Msg("unknown team member '{value}'{hint}"),
}


def _unknown_ref(noun: str, value: Msg | str, hint: Msg | str) -> Msg:
    """The message for a reference to an id its section does not have, a whole sentence for each kind."""
    template = _UNKNOWN_REF.get(noun)
    if template is None:
        return Msg("unknown {field} '{value}'{hint}", field=noun, value=value, hint=hint)
    return template.replace(value=value, hint=hint)


def _a_noun(section: str, noun: str = "") -> Msg | str:
    """What an id of ``section`` is, with its article (``a person``); ``noun`` names it in another section."""
    nouns = {
        "organizations": lambda: Msg("an organization"),
        "units": lambda: Msg("a unit"),
        "people": lambda: Msg("a person"),
        "team": lambda: Msg("a team member"),
        "competitors": lambda: Msg("a competitor"),
        "tenders": lambda: Msg("a tender"),
        "activities": lambda: Msg("an activity"),
    }
    if section in nouns:
        return nouns[section]()
    return section if not noun else f"an {noun}" if noun[:1] in "aeiou" else f"a {noun}"


def _unknown_hint(c: _Checker, value: str, f: Field, ids: dict[str, set[str]]) -> Msg | str:
    """Why a reference names no id of its section, when it can be told: the id of another kind of
    record; an id written malformed (with a character that does not show, a Cyrillic letter, upper
    case); else the closest id (the first :data:`HINTED_REFERENCES` ones only)."""
    other = next((name for name in ID_SECTIONS if name != f.ref and value in ids[name]), None)
    if other is not None:
        # TRANSLATORS: added after "unknown person 'x'" (mind the leading space): "x is a unit, not a person"
        return Msg(
            " ({value} is {other}, not {expected})",
            value=value,
            other=_a_noun(other),
            expected=_a_noun(str(f.ref), f.noun),
        )
    written = c.malformed.get(str(f.ref), {}).get(value)
    if written is not None:
        # TRANSLATORS: added after "unknown person 'x'" (mind the leading space); {location} is like people[3]
        return Msg(
            " (the id of {location} is '{id}', malformed: correct it there)",
            location=format_location(written[1][:2]),
            id=cut_value(written[0]),
        )
    hint = _suggest(value, ids[f.ref]) if c.hints > 0 else ""  # type: ignore[index]
    c.hints -= 1
    return hint


def _written_index(data: Any, path: _Loc, value: Any, kept: int) -> int:
    """The index of ``value`` in the list at ``path`` of the written document (``kept`` when not found)."""
    for step in path:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return kept
    for i, item in enumerate(data if isinstance(data, list) else ()):
        if item == value:
            return i
    return kept


def validate_document(doc: Document) -> tuple[list[Issue], dict[str, Any]]:
    """Check a parsed document against every rule of the ``influence/v1`` format.

    Parameters
    ----------
    doc : Document
        From :func:`influence.loading.read_document` or ``parse_text``.

    Returns
    -------
    issues : list of Issue
        Every problem, ordered by line (document order).
    typed : dict
        The converted sections, for :func:`build_account`; meaningful only
        when ``issues`` is empty.

    Notes
    -----
    Linear in the size of the document, apart from the "did you mean"
    suggestions, which scan the candidate ids once per bad reference.

    Examples
    --------
    >>> from influence.document import Document, walk
    >>> doc = {"format": "influence/v1", "account": {"id": "acme"}, "units": [{"id": "it", "parent": "hq"}]}
    >>> for issue in validate_document(Document("a.json", doc, {}))[0]:
    ...     print(issue)
    a.json: account.name: missing required field
    a.json: units[0].parent: unknown unit 'hq'
    """
    c = _Checker(doc)
    data = doc.data
    if not isinstance(data, dict):
        c.error((), Msg("expected a mapping with 'format' and 'account', got {value}", value=_describe(data)))
        return c.sorted_issues(), {}
    account = _check_top(c, data)
    sections = {name: _section(c, data, name) for name in LIST_SECTIONS}
    nested = _nested(c, data, sections)
    ids = _check_ids(c, sections)
    _check_refs(c, "account", _Rows([account], paths=[("account",)]), ids, data)
    for kind, rows in [*sections.items(), *nested.items()]:
        _check_refs(c, kind, rows, ids, data)
    for path, rec in sections["links"]:
        if rec and "from" in rec and rec.get("from") == rec.get("to"):
            c.error(path, Msg("link from '{person}' to themself", person=rec["from"]))
    _check_cycles(c, sections["organizations"], "parent")
    _check_cycles(c, sections["units"], "parent")
    _check_cycles(c, sections["people"], "reports_to", _reports_to_links(sections["links"]))
    typed: dict[str, Any] = {"account": account or {}}
    typed.update({n: sections[n].records for n in LIST_SECTIONS})
    typed["extras"] = {k: v for k, v in data.items() if isinstance(k, str) and k.startswith("x-")}
    for key, value in typed["extras"].items():
        _check_extra(c, (key,), value)
    base = data.get("base_version")
    typed["base_version"] = base if type(base) is int and base >= 1 else None
    return c.sorted_issues(), typed


class _Builder:
    """How to turn one kind's typed fields into its model object, worked out once per kind.

    :meth:`make` fills the frozen dataclass's ``__dict__`` directly: its
    generated ``__init__`` assigns each of up to 17 fields through
    ``object.__setattr__`` (frozen), a quarter of the cost of loading a large
    account. The result is the same object (checked field by field against
    ``__init__`` in the tests); a model with a ``__post_init__`` or slots
    would go through ``__init__``.
    """

    def __init__(self, kind: str):
        record = RECORDS[kind]
        self.model = record.model
        fields = dataclasses.fields(record.model)
        self.direct = not hasattr(record.model, "__post_init__") and not hasattr(record.model, "__slots__")
        self.fixed = {f.name: f.default for f in fields if f.default is not dataclasses.MISSING}
        self.factories = tuple(
            (f.name, f.default_factory) for f in fields if f.default_factory is not dataclasses.MISSING
        )
        self.attribute = {f.key: f.attribute for f in record.fields}
        self.attribute["extras"] = "extras"  # the record's x- keys, kept by validation
        self.renamed = any(key != name for key, name in self.attribute.items())
        self.defaults = tuple((f.attribute, f.key, f.default_from) for f in record.fields if f.default_from)
        self.nested = tuple((f.key, f.record) for f in record.fields if f.type == "records" and f.record)
        self.ordered = tuple(
            (f.key, f.item.vocabulary.index) for f in record.fields if f.ordered and f.item is not None
        )

    def arguments(self, rec: dict[str, Any]) -> dict[str, Any]:
        """The model's keyword arguments from one validated record."""
        attribute = self.attribute
        # only the fields present; when the keys are the attribute names, a copy made in C
        kwargs = {attribute[key]: value for key, value in rec.items()} if self.renamed else dict(rec)
        for key, record in self.nested:
            if key in rec:
                kwargs[attribute[key]] = tuple(build_record(record, item) for item in rec[key])
        for key, index in self.ordered:
            if key in rec:
                kwargs[attribute[key]] = tuple(sorted(rec[key], key=index))
        for name, key, source in self.defaults:
            if not rec.get(key):  # absent or empty: a person named "" is named by her id, as one with no name
                kwargs[name] = rec[source]
        return kwargs

    def make(self, kwargs: dict[str, Any]) -> Any:
        """``model(**kwargs)`` for validated fields (every required one present)."""
        if not self.direct:
            return self.model(**kwargs)
        obj: Any = object.__new__(self.model)
        values = obj.__dict__
        values.update(self.fixed)
        for name, factory in self.factories:
            if name not in kwargs:
                values[name] = factory()
        values.update(kwargs)
        return obj

    def make_all(self, records: list[dict[str, Any]]) -> tuple[tuple[Any, ...], bool]:
        """``make(arguments(rec))`` for each record, in one loop (no copy of each record's fields),
        and True when one of them (or a record nested in one) kept ``x-`` keys.

        The same objects, their ``__dict__`` in the same order: defaults,
        then the factories' values the record does not give, then the
        record's fields, then the fields that default to another one. Kinds
        that rename keys or nest records take the record-by-record way.

        The loop already asks each record whether it gives ``extras`` (a
        factory's field): that answer is kept, so that the loader need not
        read every object's ``extras`` again to know whether the document
        holds ``x-`` values of any depth.
        """
        if not self.direct or self.renamed or self.nested:
            built = tuple(self.make(self.arguments(rec)) for rec in records)
            return built, self.kept_extras(built)
        new, model, fixed, factories = object.__new__, self.model, self.fixed, self.factories
        ordered, defaults = self.ordered, self.defaults
        out = []
        kept = False
        for rec in records:
            obj: Any = new(model)
            values = obj.__dict__
            values.update(fixed)
            for name, factory in factories:
                if name not in rec:
                    values[name] = factory()
                elif name == "extras" and rec[name]:
                    kept = True
            values.update(rec)
            for key, index in ordered:
                if key in rec:
                    values[key] = tuple(sorted(rec[key], key=index))
            for name, key, source in defaults:
                if not rec.get(key):
                    values[name] = rec[source]
            out.append(obj)
        return tuple(out), kept

    def kept_extras(self, built: Iterable[Any]) -> bool:
        """True when any of these objects of this kind (or an object nested in one) kept ``x-`` keys."""
        built = tuple(built)
        if any(map(operator.attrgetter("extras"), built)):
            return True
        for key, kind in self.nested:
            nested = itertools.chain.from_iterable(map(operator.attrgetter(self.attribute[key]), built))
            if _BUILDERS[kind].kept_extras(nested):
                return True
        return False


_BUILDERS = {kind: _Builder(kind) for kind in RECORDS}


def build_record(kind: str, rec: dict[str, Any]) -> Any:
    """The model object of one validated record (see :data:`influence.schema.RECORDS`).

    The record's ``x-`` keys, kept by validation under ``extras``, go to the
    model's ``extras``.

    >>> build_record("units", {"id": "it"})
    Unit(id='it', name='it', organization=None, parent=None)
    """
    b = _BUILDERS[kind]
    return b.make(b.arguments(rec))


def _build(typed: dict[str, Any]) -> tuple[Account, bool]:
    """The account of validated sections, and True when it or any of its records kept ``x-`` keys."""
    sections = {}
    kept = bool(typed["extras"])
    for name in LIST_SECTIONS:
        sections[name], kept_here = _BUILDERS[name].make_all(typed[name])
        kept = kept or kept_here
    info = build_record("account", typed["account"])
    account = Account(info=info, **sections, extras=typed["extras"], base_version=typed.get("base_version"))
    return account, kept or bool(info.extras)


def build_account(doc: Document | dict[str, Any]) -> Account:
    """Validate a parsed document and build the account.

    Parameters
    ----------
    doc : Document or dict
        A plain ``influence/v1`` document dict is validated as a file named ``(dict)``.

    Returns
    -------
    Account

    Raises
    ------
    ValidationError
        With every issue found, when there is at least one.
    UsageError
        When ``doc`` is neither.

    Examples
    --------
    >>> build_account({"format": "influence/v1", "account": {"id": "acme", "name": "Acme"}}).id
    'acme'
    """
    if isinstance(doc, dict):
        doc = Document("(dict)", doc, {})
    elif not isinstance(doc, Document):
        raise UsageError(
            f"build_account: expected a Document or an influence/v1 document dict, not {type(doc).__name__}"
        )
    return build_account_noting_extras(doc)[0]


def build_account_noting_extras(doc: Document) -> tuple[Account, bool]:
    """:func:`build_account`, and True when the account or any of its records kept ``x-`` keys.

    The build sees each record's ``x-`` keys anyway: a loader that must
    measure the nesting of ``x-`` values learns whether there are any
    without reading every object again.
    """
    issues, typed = validate_document(doc)
    if issues:
        raise ValidationError(issues, language=document_language(doc.data))
    return _build(typed)


def document_language(data: Any) -> str | None:
    """The ``account.language`` a document asks for, when it is one influence speaks (else None).

    >>> document_language({"account": {"language": "ru"}}), document_language({"account": "x"})
    ('ru', None)
    """
    from influence.i18n import LANGUAGES  # only on the error path

    account = data.get("account") if isinstance(data, dict) else None
    lang = account.get("language") if isinstance(account, dict) else None
    return lang if isinstance(lang, str) and lang in LANGUAGES else None
