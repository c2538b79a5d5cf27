"""Reading ``YYYY-MM-DD`` dates with messages a newcomer understands.

>>> parse_date("2027-02-28")
datetime.date(2027, 2, 28)
>>> date_problem("2027-02-30")
"'2027-02-30' is not a date: that day does not exist (February 2027 has 28 days)"
>>> date_problem("27.02.2027")
"'27.02.2027' is not a date (expected YYYY-MM-DD)"
"""

from __future__ import annotations

import datetime as dt
import re

from influence.errors import Msg, NMsg, UsageError

__all__ = ["date_fault", "date_problem", "dotted_iso", "parse_as_of", "parse_date", "shifted"]

_ISO = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})\Z")
_DOTTED = re.compile(r"^([0-9]{2})\.([0-9]{2})\.([0-9]{4})\Z")


def dotted_iso(text: str) -> str:
    """A ``DD.MM.YYYY`` date (as Russian and other European spreadsheets write it) written as
    ``YYYY-MM-DD``; any other text as it is (a day that does not exist too: checking is
    :func:`date_fault`'s).

    >>> dotted_iso("30.06.2027"), dotted_iso("31.02.2027"), dotted_iso("06/30/2027")
    ('2027-06-30', '2027-02-31', '06/30/2027')
    """
    dotted = _DOTTED.match(text)
    return f"{dotted[3]}-{dotted[2]}-{dotted[1]}" if dotted is not None else text


def date_problem(text: str) -> str | None:
    """Why ``text`` is not an ISO date, in one phrase; None when it is one (English: see :func:`date_fault`)."""
    fault = date_fault(text)
    return None if fault is None else str(fault)


def date_fault(text: str) -> Msg | None:
    """Why ``text`` is not an ISO date, as a message of the catalogue; None when it is one.

    >>> print(date_fault("2027-04-31"))
    '2027-04-31' is not a date: that day does not exist (April 2027 has 30 days)
    """
    m = _ISO.match(text)
    if m is None:
        return Msg("'{text}' is not a date (expected YYYY-MM-DD)", text=text)
    year, month, day = (int(g) for g in m.groups())
    if not 1 <= month <= 12:
        return Msg(
            "'{text}' is not a date: that day does not exist (there is no month {month})",
            text=text,
            month=month,
        )
    try:
        dt.date(year, month, day)
    except ValueError:
        import calendar  # for the message only: a valid date, the usual case, does without it

        last = calendar.monthrange(year, month)[1] if year >= 1 else 31
        if not 1 <= day <= last:
            days = NMsg(
                "{month} {year} has {n} day",
                "{month} {year} has {n} days",
                last,
                month=_month(month),
                year=year,
            )
            return Msg("'{text}' is not a date: that day does not exist ({days})", text=text, days=days)
        return Msg("'{text}' is not a date: that day does not exist", text=text)
    return None


def _month(month: int) -> Msg:
    """The name of ``month`` (1 to 12), to say in a message."""
    names = (
        Msg("January"),
        Msg("February"),
        Msg("March"),
        Msg("April"),
        Msg("May"),
        Msg("June"),
        Msg("July"),
        Msg("August"),
        Msg("September"),
        Msg("October"),
        Msg("November"),
        Msg("December"),
    )
    return names[month - 1]


def parse_date(value: str | dt.date, what: str = "date") -> dt.date:
    """A date from ``YYYY-MM-DD`` text (a ``date`` passes through; a ``datetime`` gives its date).

    A ``datetime`` (a pandas ``Timestamp`` too) is a ``date`` to Python; its
    time of day is dropped.

    >>> parse_date(dt.datetime(2026, 11, 27, 15, 30))
    datetime.date(2026, 11, 27)
    >>> parse_date("20261127", "as_of")
    Traceback (most recent call last):
    ...
    influence.errors.UsageError: as_of: '20261127' is not a date (expected YYYY-MM-DD)

    Raises
    ------
    UsageError
        Naming ``what`` and why the text is not a date, or what else was given.
    """
    if isinstance(value, dt.datetime):
        day = value.date()
        if isinstance(day, dt.datetime):  # pandas' NaT, "not a time", is its own date
            raise UsageError(f"{what}: expected a date (YYYY-MM-DD), got {value!r}")
        return day
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise UsageError(f"{what}: expected a date (YYYY-MM-DD), got {type(value).__name__}")
    problem = date_problem(value)
    if problem is not None:
        raise UsageError(f"{what}: {problem}")
    return dt.date.fromisoformat(value)


def parse_as_of(value: str | dt.date | None) -> dt.date:
    """The analysis date of ``as_of``: :func:`parse_date` of it, today when it is None.

    >>> parse_as_of(None) == dt.date.today()
    True
    >>> parse_as_of("2026-11-27")
    datetime.date(2026, 11, 27)
    """
    return dt.date.today() if value is None else parse_date(value, "as_of")


def shifted(date: dt.date, days: int) -> dt.date:
    """``date`` moved by ``days``, held at the first or last date Python knows instead of overflowing.

    A tender due on 0001-02-01 starts its preparation on 0001-01-01; a plan
    made as of 9999-12-31 schedules its later moves on that day too.

    >>> shifted(dt.date(2027, 3, 1), -183)
    datetime.date(2026, 8, 30)
    >>> shifted(dt.date(9999, 12, 31), 7), shifted(dt.date(1, 2, 1), -183)
    (datetime.date(9999, 12, 31), datetime.date(1, 1, 1))
    """
    try:
        return date + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min
