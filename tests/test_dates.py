"""Dates at the ends of the calendar: the analyses and the plan never overflow."""

from __future__ import annotations

import datetime as dt
import doctest

import pytest
from hypothesis import given
from hypothesis import strategies as st

import influence.dates
from influence.dates import date_problem, parse_as_of, parse_date, shifted

EDGES = """\
format: influence/v1
account: {id: acme, name: Acme, next_review: 0001-01-01}
people:
  - {id: a, name: A, roles: [decision_maker], stance: 1}
team:
  - {id: t, name: T}
relationships:
  - {team: t, person: a, strength: 0.3, last_contact: 0001-01-01}
tenders:
  - {id: early, title: Early, submission: 0001-01-05}
  - {id: late, title: Late, submission: 9999-12-31}
activities:
  - {id: m, kind: meeting, date: 9999-12-31, targets: [a], owner: t, status: planned}
"""


def test_the_examples_hold():
    result = doctest.testmod(influence.dates, verbose=False)
    assert result.attempted >= 5 and result.failed == 0


@given(st.dates(), st.integers(-4_000_000, 4_000_000))
def test_shifted_is_the_sum_or_the_calendars_end(date, days):
    ordinal = date.toordinal() + days
    if 1 <= ordinal <= dt.date.max.toordinal():
        assert shifted(date, days) == dt.date.fromordinal(ordinal)
    else:
        assert shifted(date, days) == (dt.date.max if days > 0 else dt.date.min)


@pytest.mark.parametrize("as_of", ["0001-01-01", "2026-12-05", "9999-12-31"])
def test_reports_and_plans_at_the_calendars_ends(run, write, tmp_path, as_of):
    """A tender due in the year 1 and a plan made as of 9999-12-31 were an internal error (overflow)."""
    source = write(EDGES)
    for args in (("gaps",), ("plan",), ("diff", source), ("map", "-o", tmp_path / "m.html")):
        result = run(args[0], source, *args[1:], "--as-of", as_of)
        assert (result.exit_code, result.stderr) == (0, ""), args
    applied = tmp_path / "applied.yaml"
    result = run("plan", source, "--as-of", as_of, "--apply", "-o", applied)
    assert result.exit_code == 0, result.stderr
    assert run("validate", applied).exit_code == 0


@pytest.mark.parametrize("value", ["２０２６-01-01", "٢٠٢٦-٠١-٠١", "2026-0١-01"])
def test_a_date_needs_ascii_digits(value):
    """Unicode digits passed the pattern, then ``date.fromisoformat`` crashed the command."""
    assert date_problem(value) == f"'{value}' is not a date (expected YYYY-MM-DD)"


def test_a_datetime_is_read_as_its_date():
    """``as_of`` is typed ``date | str`` and a datetime is a date, but parse_date refused one."""
    import pandas as pd

    from influence.errors import UsageError

    assert parse_date(dt.datetime(2026, 11, 27, 23, 59)) == dt.date(2026, 11, 27)
    assert parse_date(pd.Timestamp("2026-11-27 08:00")) == dt.date(2026, 11, 27)
    assert type(parse_date(pd.Timestamp("2026-11-27"))) is dt.date
    with pytest.raises(UsageError, match=r"^as_of: expected a date \(YYYY-MM-DD\), got NaT$"):
        parse_date(pd.NaT, "as_of")
    for other in (20261127, None, [2026, 11, 27]):
        with pytest.raises(UsageError, match=r"^as_of: expected a date \(YYYY-MM-DD\), got "):
            parse_date(other, "as_of")  # type: ignore[arg-type]
    assert parse_as_of(None) == dt.date.today()
    assert parse_as_of(dt.datetime(2026, 11, 27, 12)) == dt.date(2026, 11, 27)
