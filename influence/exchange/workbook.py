"""An account as an Excel workbook and back: one sheet per list, drop-downs for the vocabularies.

:func:`account_workbook` writes the sheets ``account``, ``organizations``,
``units``, ``people``, ``links``, ``team``, ``relationships``,
``competitors``, ``competitor_relationships``, ``tenders`` and
``activities`` (a header row each, plus ``document`` for other top-level
keys when there are any). :func:`read_workbook` turns such a workbook back
into an ``influence/v1`` document and validates it by every rule of the
format, naming each problem's cell as ``SHEET!CELL``.

Cells: lists of ids or roles are ``; ``-separated, pains one per line,
stance a word (``supporter``) or a number, dates real dates, booleans
TRUE/FALSE; an empty cell is an absent value.
"""

from __future__ import annotations

import datetime as dt
import difflib
import html
import io
import itertools
import json
import math
import os
import re
import traceback
import warnings
import zipfile
import zlib
from collections.abc import Callable, Iterable
from typing import Any, NoReturn

from influence.dates import dotted_iso
from influence.document import MAX_FILE_BYTES, Document, read_bounded
from influence.errors import Issue, Msg, NMsg, SourceError, ValidationError, grouped
from influence.i18n import LANGUAGES, Translator, translator
from influence.loading import BINARY_CONTROLS
from influence.model import (
    ACTIVITY_KINDS,
    ACTIVITY_STATUSES,
    AWARENESS,
    FORMAT,
    LINK_TYPES,
    ORG_KINDS,
    ROLES,
    STANCE_LABELS,
    STANCE_NAMES,
    STRENGTH_WORDS,
)
from influence.schema import RECORDS
from influence.validation import cut_value, document_language, format_location, validate_document
from influence.worksheets import append_row, workbook_bytes

__all__ = ["SHEETS", "account_workbook", "read_workbook"]

#: sheet -> its columns, in order (other keys of the records follow them)
SHEETS: dict[str, tuple[str, ...]] = {
    "account": (
        "id",
        "name",
        "segment",
        "owner",
        "target_unit",
        "target_rationale",
        "fiscal_year_start",
        "next_review",
        "language",
    ),
    "organizations": ("id", "name", "kind", "parent", "ownership"),
    "units": ("id", "name", "organization", "parent"),
    "people": (
        "id",
        "name",
        "title",
        "unit",
        "reports_to",
        "email",
        "phone",
        "roles",
        "stance",
        "awareness",
        "pains",
        "offer",
        "notes",
        "informal",
        "private",
        "buying_team",
    ),
    "links": ("from", "to", "type", "strength", "back_strength", "private"),
    "team": ("id", "name", "role"),
    "relationships": ("team", "person", "strength", "last_contact"),
    "competitors": ("id", "name", "incumbent"),
    "competitor_relationships": ("competitor", "person", "strength"),
    "tenders": ("id", "title", "submission"),
    "activities": ("id", "kind", "date", "targets", "owner", "budget", "status"),
}
DOCUMENT_SHEET = "document"
LIST_FIELDS = {"roles", "targets"}
LINE_FIELDS = {"pains"}
TEXT_FIELDS = {"id", "fiscal_year_start", "phone"}  # kept as text so Excel never turns them into numbers
BOOLEANS = ("TRUE", "FALSE")
#: column -> (allowed values, whether anything else is refused)
VOCABULARIES: dict[str, tuple[tuple[str, ...], bool]] = {
    "roles": (ROLES, False),  # several roles: "a; b"
    "stance": (tuple(STANCE_NAMES), False),  # numbers -2..2 too
    "awareness": (AWARENESS, True),
    "type": (LINK_TYPES, True),
    "kind": ((), True),  # per sheet below
    "status": (ACTIVITY_STATUSES, True),
    "language": (LANGUAGES, True),
    "strength": (tuple(STRENGTH_WORDS), False),
    "back_strength": (tuple(STRENGTH_WORDS), False),
    "informal": (BOOLEANS, True),
    "private": (BOOLEANS, True),
    "buying_team": (BOOLEANS, True),
    "incumbent": (BOOLEANS, True),
}
KINDS = {"organizations": ORG_KINDS, "activities": ACTIVITY_KINDS}
#: reference column -> the sheet whose ids it names
REFERENCES = {
    ("account", "owner"): "team",
    ("account", "target_unit"): "units",
    ("organizations", "parent"): "organizations",
    ("units", "organization"): "organizations",
    ("units", "parent"): "units",
    ("people", "unit"): "units",
    ("people", "reports_to"): "people",
    ("links", "from"): "people",
    ("links", "to"): "people",
    ("relationships", "team"): "team",
    ("relationships", "person"): "people",
    ("competitor_relationships", "competitor"): "competitors",
    ("competitor_relationships", "person"): "people",
    ("activities", "owner"): "team",
}
#: a drop-down covers at least the rows up to this one (room for rows the user adds) …
VALIDATION_ROWS = 5000
#: … and, on a longer sheet, this many rows past the last one written
VALIDATION_ROOM = 1000
_SPLIT = re.compile(r"\s*[;,\n]\s*")
#: the columns of numbers (stance and strengths take words too): a plain number in a text cell
#: (Excel keeps what was typed into a cell formatted as text, or pasted from elsewhere, as text)
#: is taken as the number, in every one of them alike
NUMBER_COLUMNS = frozenset(
    f.key
    for record in RECORDS.values()
    for f in record.fields
    if f.type in ("number", "strength", "back_strength", "stance")
)
#: the columns of dates: a ``DD.MM.YYYY`` text in one is the date (a Russian Excel shows a date so)
DATE_COLUMNS = frozenset(f.key for record in RECORDS.values() for f in record.fields if f.type == "date")
#: a plain number: digits with a decimal point and an exponent, no thousands separator, no decimal comma
_PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def _sheets(doc: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The document's records per sheet (competitor relationships flattened)."""
    sheets: dict[str, list[dict[str, Any]]] = {name: [] for name in SHEETS}
    sheets["account"] = [doc.get("account") or {}]
    for name in SHEETS:
        if name not in ("account", "competitors", "competitor_relationships"):
            sheets[name] = list(doc.get(name) or [])
    for comp in doc.get("competitors") or []:
        sheets["competitors"].append({k: v for k, v in comp.items() if k != "relationships"})
        for tie in comp.get("relationships") or []:
            sheets["competitor_relationships"].append({"competitor": comp.get("id"), **tie})
    return sheets


def _cell(column: str, value: Any) -> Any:
    if value is None:
        return None
    if column == "stance" and isinstance(value, int) and not isinstance(value, bool):
        return STANCE_LABELS.get(value, value)
    if isinstance(value, (list, tuple)) and column in LINE_FIELDS:
        items = [str(v) for v in value]
        lines = "\n".join(items)
        if any(item.strip().splitlines() != [item] for item in items) or _json_value(lines) is not None:
            return json.dumps(items, ensure_ascii=False)  # what one item per line cannot carry as it is
        return lines
    if isinstance(value, (list, tuple)) and column in LIST_FIELDS:
        return "; ".join(str(v) for v in value)
    if column.startswith("x-") and type(value) is int and abs(value) >= EXCEL_DIGITS:
        return str(value)  # as a number Excel would keep only its first 15 digits
    if isinstance(value, (list, tuple, dict)) or (
        column.startswith("x-")
        and isinstance(value, str)
        and (_json_value(value) is not None or value != value.strip() or _LONG_WHOLE.fullmatch(value))
    ):  # an x- text that reads as JSON or as a long whole number, or has spaces at an end, is written
        # as JSON text, to come back as it is
        return json.dumps(value, ensure_ascii=False, default=str)
    return value


#: the least whole number Excel cannot hold exactly (it keeps 15 significant digits): an ``x-`` one
#: is written as its digits, in text, and read back as the number
EXCEL_DIGITS = 10**15
_LONG_WHOLE = re.compile(r"-?[1-9][0-9]{15,}")


def _columns(name: str, records: Iterable[dict[str, Any]]) -> list[str]:
    columns = list(SHEETS.get(name, ()))
    for record in records:
        columns.extend(k for k in record if k not in columns)
    return columns


def _last_row(records: int) -> int:
    """The last row a drop-down of a sheet of ``records`` rows (or one listing its ids) covers.

    >>> _last_row(3), _last_row(20_020)
    (5000, 21021)
    """
    return max(VALIDATION_ROWS, records + 1 + VALIDATION_ROOM)


def _drop_downs(ws: Any, sheet: str, columns: list[str], t: Translator, last: dict[str, int]) -> None:
    """The drop-downs of a sheet's columns; ``last``: each sheet's last row to cover (:func:`_last_row`)."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    for i, column in enumerate(columns, start=1):
        letter = get_column_letter(i)
        target = REFERENCES.get((sheet, column))
        if target is not None:
            formula, strict = f"={target}!$A$2:$A${last[target]}", True
        elif column in VOCABULARIES:
            values, strict = VOCABULARIES[column]
            values = KINDS.get(sheet, values) if column == "kind" else values
            if not values:
                continue
            formula = '"' + ",".join(values) + '"'
        else:
            continue
        rule = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=strict)
        rule.error = t.tr("Pick a value for '{column}' from the list.", column=column)
        ws.add_data_validation(rule)
        rule.add(f"{letter}2:{letter}{last[sheet]}")


def _write_sheet(
    wb: Any, name: str, records: list[dict[str, Any]], t: Translator, last: dict[str, int]
) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(name)
    columns = _columns(name, records)
    ws.append(columns)
    for row, record in enumerate(records, start=2):
        cells = [_cell(c, record.get(c)) for c in columns]
        for column, cell in zip(columns, cells, strict=True):
            if isinstance(cell, str) and len(cell) > MAX_CELL_CHARS:
                ident = record.get("id") or record.get("key") or Msg("the account")
                raise SourceError(
                    Msg(
                        "{sheet}!{column} of row {row} ({record}) holds {chars} characters, and a workbook "
                        "cell at most {limit}: keep this account in YAML or JSON",
                        sheet=name,
                        column=column,
                        row=row,
                        record=ident,
                        chars=grouped(len(cell)),
                        limit=grouped(MAX_CELL_CHARS),
                    )
                )
        append_row(ws, cells)
    for i, column in enumerate(columns, start=1):
        letter = get_column_letter(i)
        ws[f"{letter}1"].font = Font(bold=True)
        width = max([len(column), *(len(str(c.value or "")) for c in ws[letter][1:200])])
        ws.column_dimensions[letter].width = min(max(width + 2, 8), 60)
        for cell in ws[letter][1:]:
            if column in TEXT_FIELDS:
                cell.number_format = "@"
            if column in LINE_FIELDS or column == "notes":
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    _drop_downs(ws, name, columns, t, last)


def account_workbook(doc: dict[str, Any], lang: str = "en") -> bytes:
    """The ``.xlsx`` bytes of an ``influence/v1`` document.

    Parameters
    ----------
    doc : dict
        A document, e.g. ``influence.serialize.to_document(account)``.
    lang : {"en", "ru"}
        The language of what the workbook says to its reader (the message
        of a drop-down refusing a value); sheet and column names are the
        format's keys, so that ``import xlsx`` reads them in any language.

    Returns
    -------
    bytes

    Examples
    --------
    >>> from influence import load
    >>> from influence.serialize import to_document
    >>> account_workbook(to_document(load("examples/uralmet.yaml")))[:2]
    b'PK'
    """
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.worksheets[0])  # the default empty sheet
    t = translator(lang)
    sheets = _sheets(doc)
    known = {"format", *SHEETS}
    others = [{"key": k, "value": _cell(k, v)} for k, v in doc.items() if k not in known]
    last = {name: _last_row(len(records)) for name, records in [*sheets.items(), (DOCUMENT_SHEET, others)]}
    for name, records in sheets.items():
        _write_sheet(wb, name, records, t, last)
    if others:
        _write_sheet(wb, DOCUMENT_SHEET, others, t, last)
    return workbook_bytes(wb)


def _value(column: str, raw: Any) -> Any:
    """A cell's value as the document holds it (None for an empty cell)."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, str):
        raw = _typed(column, raw.strip())
    if isinstance(raw, dt.datetime) and raw.time() == dt.time(0):
        raw = raw.date()
    elif isinstance(raw, (dt.time, dt.timedelta)):  # a time of day or a duration: the text Excel shows
        raw = _clock_text(raw)
    if column == "fiscal_year_start" and isinstance(raw, dt.date):  # "01.04" typed: Excel made it a date
        raw = f"{raw.month:02d}-{raw.day:02d}"
    if isinstance(raw, float) and raw.is_integer() and column == "stance":
        raw = int(raw)
    if column.startswith("x-"):
        return _extension(raw)
    if isinstance(raw, str) and column in LINE_FIELDS:
        written = _json_value(raw)
        if isinstance(written, list) and all(isinstance(v, str) for v in written):
            return written
    if column in LINE_FIELDS:
        return [line.strip() for line in str(raw).splitlines() if line.strip()]
    if column in LIST_FIELDS:
        return [v for v in _SPLIT.split(str(raw)) if v] if isinstance(raw, str) else [raw]
    if column in VOCABULARIES and VOCABULARIES[column][0] == BOOLEANS and isinstance(raw, str):
        word = raw.lower()
        return True if word in _TRUE_WORDS else False if word in _FALSE_WORDS else raw
    return raw


#: yes and no as a text cell may say them: English, and Russian (a Russian Excel shows a
#: boolean as ИСТИНА/ЛОЖЬ, and keeps them as text in a cell formatted as text)
_TRUE_WORDS = ("true", "yes", "истина", "да")
_FALSE_WORDS = ("false", "no", "ложь", "нет")


def _typed(column: str, text: str) -> Any:
    """A text cell's value where a column of numbers or dates reads it as one, else the text.

    A date a Russian Excel shows (``30.06.2027``) is the date, and a day and month (``01.04``)
    the start of a fiscal year.

    A number with a decimal comma stays text: validation names it, with the number to write.

    >>> _typed("strength", "0.7"), _typed("strength", "0,7"), _typed("date", "30.06.2027")
    (0.7, '0,7', '2027-06-30')
    >>> _typed("fiscal_year_start", "01.04"), _typed("name", "30.06.2027")
    ('04-01', '30.06.2027')
    """
    if column in NUMBER_COLUMNS:
        return _number(text) if _PLAIN_NUMBER.fullmatch(text) else text
    if column in DATE_COLUMNS:
        return dotted_iso(text)
    if column == "fiscal_year_start" and re.fullmatch(r"[0-9]{2}\.[0-9]{2}", text):
        return f"{text[3:]}-{text[:2]}"
    return text


def _clock_text(value: dt.time | dt.timedelta) -> str:
    """A time-of-day or duration cell as Excel shows it, a duration to the second (no document
    format holds either as such).

    >>> _clock_text(dt.time(12, 30)), _clock_text(dt.timedelta(hours=30, seconds=5)), _clock_text(-dt.timedelta(minutes=90))
    ('12:30:00', '30:00:05', '-1:30:00')
    """
    if isinstance(value, dt.time):
        return value.isoformat()
    seconds = round(value.total_seconds())
    sign = "-" if seconds < 0 else ""
    minutes, second = divmod(abs(seconds), 60)
    hours, minute = divmod(minutes, 60)
    return f"{sign}{hours}:{minute:02d}:{second:02d}"


def _number(text: str) -> int | float | str:
    """A plain number typed into a text cell as the number (a whole one as an int); too big a one stays text.

    >>> _number("1"), _number("-0.5"), _number(".7"), _number("7e-1"), _number("1e999")
    (1, -0.5, 0.7, 0.7, '1e999')
    """
    if re.fullmatch(r"[+-]?[0-9]+", text):
        return int(text)
    number = float(text)
    return number if math.isfinite(number) else text


def _json_value(text: str) -> list[Any] | dict[str, Any] | str | None:
    r"""The list, mapping or text ``text`` writes in JSON, as export writes a value one cell cannot
    show otherwise (an ``x-`` list or mapping, a pain holding a line break, an ``x-`` text that
    itself reads as JSON); None for any other text.

    >>> _json_value('["a\\nb", "c"]'), _json_value('"[x]"'), _json_value("[draft]"), _json_value("12")
    (['a\nb', 'c'], '[x]', None, None)
    """
    if not text.startswith(("[", "{", '"')):
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, (list, dict, str)) else None


#: the header name of a column not read (an unknown or repeated name, reported once at its header cell)
_SKIPPED = "\x00skipped"
#: how many rows holding a value are searched for a header that is not in row 1 (a title row above it)
HEADER_SEARCH_ROWS = 10
#: columns holding a share in percent: a cell formatted as a percentage (51%, stored 0.51) means 51
PERCENT_COLUMNS = frozenset({"ownership"})
#: columns holding a fraction of 1: a cell formatted as a percentage (70%) means what it stores (0.7)
FRACTION_COLUMNS = frozenset({"strength", "back_strength"})
#: what a number format shows as it is: quoted text, an escaped character, a [colour] or [condition]
_FORMAT_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')


def _plain_column(name: str) -> str:
    """A header as ``import xlsx`` matches it: trimmed, lower case, spaces as ``_`` (``Last contact``).

    >>> _plain_column(" Last  Contact ")
    'last_contact'
    """
    return re.sub(r"\s+", "_", name.strip().lower())


def _known_columns(sheet: str) -> frozenset[str]:
    """The columns a sheet may have: its own and every key of its record (``x-`` columns aside)."""
    return frozenset(SHEETS[sheet]) | {f.key for f in RECORDS[sheet].fields}


def _required(sheet: str) -> tuple[str, ...]:
    """The columns every row of the sheet needs (its record's required fields).

    >>> _required("links")
    ('from', 'to', 'type')
    """
    return tuple(f.key for f in RECORDS[sheet].fields if f.required)


def _blank(raw: Any) -> bool:
    """True for a cell that holds nothing: no value, or only spaces."""
    return raw is None or (isinstance(raw, str) and not raw.strip())


def _stored_cells(ws: Any) -> list[Any]:
    """The cells the sheet's file stores, in row and then column order.

    ``ws.iter_rows()`` makes every cell of the rectangle from A1 to the
    farthest stored cell: one space typed in XFD1048576 made 17 billion of
    them. openpyxl keeps the cells the file stores in ``ws._cells``; only
    those are looked at, so an empty row or column costs nothing (a private
    attribute: pyproject.toml pins openpyxl to 3.1, and without it every
    cell of the rectangle is read, as before).
    """
    cells = getattr(ws, "_cells", None)
    if not isinstance(cells, dict):  # pragma: no cover - another openpyxl
        return [cell for row in ws.iter_rows() for cell in row]
    return [cells[key] for key in sorted(cells)]


def _grid(ws: Any) -> dict[int, dict[int, Any]]:
    """The cells holding a value, by row and then column (each in order); blank cells are left out."""
    grid: dict[int, dict[int, Any]] = {}
    for cell in _stored_cells(ws):
        if not _blank(cell.value):
            grid.setdefault(cell.row, {})[cell.column] = cell
    return grid


def _named_columns(cells: dict[int, Any], known: frozenset[str]) -> int:
    """How many of a row's cells name a column of ``known`` (or an ``x-`` column)."""
    return sum(
        1
        for cell in cells.values()
        if isinstance(cell.value, str)
        and (_plain_column(cell.value) in known or cell.value.strip().startswith("x-"))
    )


def _header_row(grid: dict[int, dict[int, Any]], known: frozenset[str] | None) -> int:
    """The row of the header: 1, unless row 1 names no known column and a row below it mostly does.

    That row is searched among the first :data:`HEADER_SEARCH_ROWS` rows
    holding a value: a title row, or an empty row, inserted above the header.
    """
    if known is None or _named_columns(grid.get(1, {}), known):
        return 1
    for row in itertools.islice(grid, HEADER_SEARCH_ROWS):
        named = _named_columns(grid[row], known)
        if named and 2 * named >= len(grid[row]):
            return row
    return 1


def _percent_format(number_format: str) -> bool:
    """True when a number format shows the value times 100 with ``%`` (``0%``, ``0.0%``; not ``0"%"``).

    >>> _percent_format("0%"), _percent_format("#,##0.00%"), _percent_format('0"%"'), _percent_format("General")
    (True, True, False, False)
    """
    return "%" in _FORMAT_LITERALS.sub("", number_format or "")


def _hundredfold(number: float) -> float:
    """A fraction as the percentage a cell shows, without the float's noise (0.51 -> 51, 0.125 -> 12.5).

    >>> _hundredfold(0.51), _hundredfold(0.125)
    (51, 12.5)
    """
    percent = round(float(number) * 100, 10)
    return int(percent) if percent.is_integer() else percent


class _Reader:
    """Reads the sheets into a document, remembering the cell of every location."""

    def __init__(self, file: str):
        self.file = file
        self.cells: dict[str, str] = {}
        self.issues: list[Issue] = []
        self.grids: dict[str, dict[int, dict[int, Any]]] = {}
        #: a sheet lacks a column every row needs: the rows' own problems all follow from it
        self.headers_missing = False

    def problem(self, cell: str, reason: str | Msg) -> None:
        self.issues.append(Issue.of(self.file, None, cell, reason))

    def grid(self, ws: Any) -> dict[int, dict[int, Any]]:
        """The sheet's cells holding a value (see :func:`_grid`), collected once per sheet."""
        if ws.title not in self.grids:
            self.grids[ws.title] = _grid(ws)
        return self.grids[ws.title]

    def header(self, ws: Any, cells: dict[int, Any], known: frozenset[str] | None) -> dict[int, str]:
        """Column number -> name of a header row; ``_SKIPPED`` for an unknown or a repeated name.

        A name is trimmed and matched to a known column ignoring case and
        spaces (``Name``, ``Last contact``); a name that matches none is one
        problem at its header cell, not one per row.
        """
        header: dict[int, str] = {}
        seen: set[str] = set()
        for index, cell in cells.items():
            name, where = str(cell.value).strip(), f"{ws.title}!{cell.coordinate}"
            if known is not None and name not in known and not name.startswith("x-"):
                plain = _plain_column(name)
                if plain in known:
                    name = plain
                else:
                    hint = _suggestion(plain, sorted(known))
                    self.problem(
                        where, Msg("unknown column '{column}'{suggestion}", column=name, suggestion=hint)
                    )
                    name = _SKIPPED
            if name != _SKIPPED and name in seen:
                self.problem(where, Msg("duplicate column '{column}'", column=name))
                name = _SKIPPED
            seen.add(name)
            header[index] = name
        return header

    def merged(self, ws: Any, top: int) -> None:
        """One problem per merged range from the header down: only its first cell holds the value."""
        for cells in sorted(ws.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col)):
            if cells.max_row >= top:
                if cells.max_row > cells.min_row:
                    reason = Msg("merged cells; unmerge them and fill in each row")
                else:
                    reason = Msg("merged cells; unmerge them and fill in each cell")
                self.problem(f"{ws.title}!{cells.coord}", reason)

    def value(self, ws: Any, column: str, cell: Any, checked: bool) -> Any:
        """A cell's value for ``column``; a number formatted as a percentage as the column means it.

        ``ownership`` is in percent (51% is 51), a strength a fraction (70% is
        0.7, as stored); any other column of a record refuses a percentage
        at its cell (``x-`` columns and the document sheet take it as stored).
        """
        raw = cell.value
        if (
            checked
            and not column.startswith("x-")
            and cell.data_type == "n"
            and isinstance(raw, (int, float))
            and _percent_format(cell.number_format)
        ):
            if column in PERCENT_COLUMNS:
                raw = _hundredfold(raw)
            elif column not in FRACTION_COLUMNS:
                percent = str(_hundredfold(raw)) + "%"  # the value as the cell shows it
                self.problem(
                    f"{ws.title}!{cell.coordinate}",
                    Msg(
                        "{percent} is a percentage, and {column} is not one: type the number without %",
                        percent=percent,
                        column=column,
                    ),
                )
                return None
        return _value(column, raw)

    def records(
        self,
        ws: Any,
        path: tuple[Any, ...],
        known: frozenset[str] | None = None,
        required: tuple[str, ...] = (),
    ) -> list[tuple[dict[str, Any], dict[str, str]]]:
        """Each row under the header holding a value as (record, column -> cell), header names checked against ``known``.

        A header below row 1 (a title row above it) is one problem at the
        sheet, and the rows under it are read; values in a column without a
        header are one problem per column. A ``required`` column missing from
        the header, while rows hold values, is one problem (see :meth:`headless`).
        """
        from openpyxl.utils import get_column_letter

        grid = self.grid(ws)
        top = _header_row(grid, known)
        if top != 1:
            reason = NMsg(
                "the header is in row {row}, not in row 1: delete the row above it",
                "the header is in row {row}, not in row 1: delete the {n} rows above it",
                top - 1,
                row=top,
            )
            self.problem(f"{ws.title}!A1", reason)
        self.merged(ws, top)
        header = self.header(ws, grid.get(top, {}), known)
        letters = {index: get_column_letter(index) for index in header}
        headless: dict[int, list[str]] = {}
        out = []
        for row, cells in grid.items():
            if row <= top:
                continue
            record: dict[str, Any] = {}
            where = {"": f"{ws.title}!A{row}"}
            where |= {name: f"{ws.title}!{letters[i]}{row}" for i, name in header.items() if name != _SKIPPED}
            for index, cell in cells.items():
                column = header.get(index)
                if column is None:
                    headless.setdefault(index, []).append(cell.coordinate)
                elif (
                    column != _SKIPPED
                    and (value := self.value(ws, column, cell, known is not None)) is not None
                ):
                    record[column] = value
            if record:  # a row of values reported elsewhere (no header, an unknown column) is no record
                out.append((record, where))
        missing = [name for name in required if name not in header.values()] if grid.keys() - {top} else []
        self.headless(ws, headless, missing, top)
        return out

    def headless(self, ws: Any, columns: dict[int, list[str]], missing: list[str], top: int) -> None:
        """Say the values in columns without a header (by column: its cells), and the required
        columns (``missing``) the header lacks, each once.

        A required column missing while one column holds values without a header is one
        problem: that column's header is gone (a cell of the header row cleared). The rows'
        own problems would all follow from it ("missing required field" in every row, each
        reference to them unknown), so the workbook is refused with this alone
        (:attr:`headers_missing`).
        """
        from openpyxl.utils import get_column_letter

        if missing and len(columns) == 1 and len(missing) == 1:
            (index,) = columns
            letter, field = get_column_letter(index), missing[0]
            reason = Msg(
                "the header '{field}' is missing: column {column} holds values without a header; "
                "write '{field}' in {column}{row}",
                field=field,
                column=letter,
                row=top,
            )
            self.problem(f"{ws.title}!{letter}{top}", reason)
            self.headers_missing = True
            return
        for first, *more in columns.values():
            reason = (
                NMsg(
                    "a value in a column without a header (and {n} more below)",
                    "a value in a column without a header (and {n} more below)",
                    len(more),
                )
                if more
                else Msg("a value in a column without a header")
            )
            self.problem(f"{ws.title}!{first}", reason)
        for field in missing:
            self.problem(
                f"{ws.title}!A{top}",
                Msg("no column '{field}' in the header: every row needs one; add it", field=field),
            )
            self.headers_missing = True

    def remember(self, path: tuple[Any, ...], where: dict[str, str]) -> None:
        for column, cell in where.items():
            self.cells[format_location((*path, column) if column else path)] = cell

    def cell_of(self, location: str) -> str:
        """The cell of a validation location, or of its nearest enclosing record."""
        loc = location
        while loc:
            if loc in self.cells:
                return self.cells[loc]
            loc = re.sub(r"(\[\d+\]|\.[^.\[]+)$", "", loc) if re.search(r"(\[\d+\]|\.[^.\[]+)$", loc) else ""
        sheet = location.split(".")[0].split("[")[0]
        return f"{sheet}!A1" if sheet in SHEETS else location


def _in_cells(msg: Msg, cell_of: Callable[[str], str]) -> Msg:
    """``msg`` with each record it names by document location (a ``{location}`` value) named by its cell.

    "the id of team[0] is 'ольга'" says "the id of team!A2 …" in a workbook,
    where no one sees the document's paths.
    """
    return msg.replace(
        **{
            k: _in_cells(v, cell_of) if isinstance(v, Msg) else cell_of(v) if k == "location" else v
            for k, v in msg.values.items()
        }
    )


def _cell_order(issue: Issue) -> tuple[int, int, int, str]:
    """Workbook order: sheet (unknown sheets first), row, column (a range by its first cell)."""
    sheet, _, cell = issue.location.partition("!")
    match = re.match(r"([A-Z]+)(\d+)", cell)
    letters, row = (match.group(1), int(match.group(2))) if match else ("", 0)
    rank = list(SHEETS).index(sheet) if sheet in SHEETS else -1
    return rank, row, len(letters), letters


#: the most a workbook may unpack to: the workbook of an account at the 50 MB file limit
#: unpacks to about 120 MB of XML; a few hundred kB can otherwise unpack to gigabytes
MAX_UNPACKED_BYTES = 4 * MAX_FILE_BYTES
#: the most cells a workbook's merged ranges may cover: openpyxl makes an object for each
#: (a merged column, D1:D1048576, takes 20 s and 400 MB to open); a merge in a data sheet is refused anyway
MAX_MERGED_CELLS = 100_000
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*\bref="([^"]*)"')
#: openpyxl's warning for a date-formatted number no date can hold (it makes the cell '#VALUE!')
_DATE_WARNING = re.compile(
    r"Cell (\$?[A-Z]+\$?\d+) is marked as a date but the serial value (\S+) is outside"
)
#: the part openpyxl reads at a step of its reader (as its own errors name the step)
_STEP_PARTS = {
    "read manifest": "[Content_Types].xml",
    "read properties": "docProps/core.xml",
    "read custom properties": "docProps/custom.xml",
    "read theme": "xl/theme/theme1.xml",
    "read stylesheet": "xl/styles.xml",
}


def _extension(value: Any) -> Any:
    """An ``x-`` value as export wrote it: a list, mapping or text written as JSON read back, a whole
    number of more than 15 digits written as text read as the number, any other as it is.

    >>> _extension("12345678901234567890"), _extension('"12345678901234567890"'), _extension("0123456789012345678")
    (12345678901234567890, '12345678901234567890', '0123456789012345678')
    """
    if isinstance(value, str) and _LONG_WHOLE.fullmatch(value):
        return int(value)
    written = _json_value(value) if isinstance(value, str) else None
    return value if written is None else written


#: the most characters a workbook cell holds (Excel's limit; openpyxl cuts a longer text without a word)
MAX_CELL_CHARS = 32_767


def _sheet_parts(name: str, raw: bytes) -> dict[str, bytes]:
    """The XML of each worksheet, checked first: what the workbook unpacks to, and the cells its merges cover."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
            if unpacked > MAX_UNPACKED_BYTES:
                raise SourceError(
                    Msg(
                        "{file}: the workbook unpacks to {size} MB; the limit is {limit} MB",
                        file=name,
                        size=format(unpacked / 1024 / 1024, ".0f"),
                        limit=MAX_UNPACKED_BYTES // 1024 // 1024,
                    )
                )
            parts = {}
            sheets = _sheet_names(archive)
            for part in (m for m in archive.namelist() if m.startswith("xl/worksheets/")):
                try:
                    parts[part] = archive.read(part)
                except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
                    raise SourceError(
                        Msg(
                            "{file}: damaged workbook: {part} cannot be unpacked ({reason})",
                            file=name,
                            part=part,
                            reason=exc,
                        )
                    ) from None
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise SourceError(_not_a_workbook(name, exc, raw)) from None
    _check_merges(name, parts, sheets)
    return parts


_TAG = re.compile(rb"<(?:\w+:)?(sheet|Relationship)\b([^>]*)>")
_ATTRIBUTE = re.compile(rb'(?:\w+:)?(\w+)="([^"]*)"')


def _sheet_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """Each worksheet part's sheet name (``xl/worksheets/sheet4.xml`` -> ``people``), as far as it can be read."""
    try:
        book = archive.read("xl/workbook.xml")
        rels = archive.read("xl/_rels/workbook.xml.rels")
    except (KeyError, zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError):
        return {}

    def tags(xml: bytes, kind: bytes) -> list[dict[bytes, str]]:
        return [
            {k: html.unescape(v.decode("utf-8", "replace")) for k, v in _ATTRIBUTE.findall(attrs)}
            for tag, attrs in _TAG.findall(xml)
            if tag == kind
        ]

    targets = {r.get(b"Id"): r.get(b"Target", "") for r in tags(rels, b"Relationship")}
    out = {}
    for sheet in tags(book, b"sheet"):
        target = targets.get(sheet.get(b"id"))
        if target and b"name" in sheet:
            out[target.lstrip("/") if target.startswith("/") else f"xl/{target}"] = sheet[b"name"]
    return out


def _check_merges(name: str, parts: dict[str, bytes], sheets: dict[str, str] | None = None) -> None:
    """Refuse merged ranges covering more than :data:`MAX_MERGED_CELLS` cells before openpyxl makes them."""
    from openpyxl.utils.cell import range_boundaries

    merged = 0
    for part, xml in parts.items():
        for match in _MERGE.finditer(xml):
            ref = match.group(1).decode()
            try:
                left, top, right, bottom = range_boundaries(ref)  # None: a whole row or column
            except (ValueError, TypeError):
                continue  # openpyxl reports what it cannot read
            cells = ((right or 16_384) - (left or 1) + 1) * ((bottom or 1_048_576) - (top or 1) + 1)
            merged += cells
            if merged > MAX_MERGED_CELLS:
                where = Msg("sheet '{sheet}'", sheet=sheets[part]) if sheets and part in sheets else part
                raise SourceError(
                    Msg(
                        "{file}: {where} merges {range} ({cells} cells); a workbook may merge at most "
                        "{limit} cells: unmerge them",
                        file=name,
                        where=where,
                        range=ref,
                        cells=grouped(cells),
                        limit=grouped(MAX_MERGED_CELLS),
                    )
                )


def _load(name: str, raw: bytes, data_only: bool) -> tuple[Any, list[str]]:
    """The workbook as openpyxl reads it, and the warnings it gave (never printed).

    A file that is no workbook, and a workbook with a damaged part, are a
    :class:`SourceError` naming the file (and the part, where known).
    """
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            book = load_workbook(io.BytesIO(raw), data_only=data_only)
        except (MemoryError, RecursionError):
            raise
        except (InvalidFileException, zipfile.BadZipFile, OSError) as exc:
            raise SourceError(_not_a_workbook(name, exc, raw)) from None
        except Exception as exc:  # openpyxl raises what its parsers raise: ParseError, TypeError, IndexError…
            raise _damaged(name, exc) from None
    return book, [str(w.message) for w in caught]


#: how an OLE2 compound file starts: an Excel 97-2003 workbook (.xls), or an encrypted .xlsx
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _not_a_workbook(name: str, exc: BaseException, raw: bytes = b"") -> Msg:
    r"""The message for a file that is no ``.xlsx`` workbook (``exc``: what the reader raised; a
    broken zip archive, the common case, is said in words, another by its name). What ``raw``
    (the file's bytes) is instead is named where it tells: an old or password-protected workbook,
    or text (a CSV file renamed).

    >>> print(_not_a_workbook("a.xlsx", zipfile.BadZipFile(), b"Id;Name\r\n1;A\r\n"))
    a.xlsx: not an Excel .xlsx workbook but text (a CSV file?): open it in Excel or LibreOffice and save it as an Excel workbook (.xlsx)
    >>> print(_not_a_workbook("acme.yaml", zipfile.BadZipFile(), b"format: influence/v1\n"))
    acme.yaml: already an account file, not an Excel workbook: give it to the commands as it is, or make a workbook of it with: influence export xlsx acme.yaml -o FILE.xlsx
    """
    if raw.startswith(_OLE2):
        return Msg(
            "{file}: an Excel 97-2003 (.xls) or password-protected workbook: open it in Excel or "
            "LibreOffice and save it as an Excel workbook (.xlsx) without a password",
            file=name,
        )
    if raw and b"\x00" not in raw[:4096] and _is_text(raw[:4096]):
        if os.path.splitext(name)[1].lower() in (".yaml", ".yml", ".json") or FORMAT.encode() in raw[:4096]:
            import shlex  # only this message needs it

            return Msg(
                "{file}: already an account file, not an Excel workbook: give it to the commands as it is, "
                "or make a workbook of it with: influence export xlsx {quoted} -o FILE.xlsx",
                file=name,
                quoted=shlex.quote(name),
            )
        return Msg(
            "{file}: not an Excel .xlsx workbook but text (a CSV file?): open it in Excel or "
            "LibreOffice and save it as an Excel workbook (.xlsx)",
            file=name,
        )
    if isinstance(exc, zipfile.BadZipFile):
        return Msg("{file}: not an Excel .xlsx workbook (damaged or cut short: no zip archive)", file=name)
    return Msg("{file}: not an Excel .xlsx workbook ({error})", file=name, error=type(exc).__name__)


def _is_text(head: bytes) -> bool:
    r"""True when the start of a file reads as text: UTF-8 (a character cut at the end aside), or
    Windows-1251, without a control character no text file holds.

    >>> _is_text("Имя;Должность\r\n".encode("cp1251")), _is_text(b"PK\x03\x04\x14\x00")
    (True, False)
    """
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 3:
            text = head[: exc.start].decode("utf-8")
        else:
            text = head.decode("cp1251", errors="replace")
    return not BINARY_CONTROLS.search(text)


def _suggestion(name: str, known: Iterable[str]) -> Msg | str:
    """The "did you mean" end of a message naming an unknown ``name``: the closest of ``known``, or ""."""
    hint = difflib.get_close_matches(name, list(known), n=1)
    return Msg(" (did you mean '{name}'?)", name=hint[0]) if hint else ""


def _reading(exc: BaseException) -> tuple[str | None, str | None, str | None, str | None]:
    """What openpyxl was reading when ``exc`` was raised: its step, the part, the sheet and the cell.

    openpyxl's errors say none of it (a ParseError gives a line in some
    part); the frames of its reader hold it. Whatever is not found is None.
    """
    step = part = sheet = cell = None
    for error in (exc, exc.__cause__):  # openpyxl wraps a ValueError into one of its own
        for frame, _ in traceback.walk_tb(error.__traceback__ if error is not None else None):
            local, code = frame.f_locals, frame.f_code.co_name
            if code == "read" and isinstance(local.get("action"), str):
                step = local["action"]
            elif code in ("read_worksheets", "read_chartsheet"):
                part = getattr(local.get("rel"), "target", part)
                sheet = getattr(local.get("sheet"), "name", sheet)
            elif code == "read_workbook" and hasattr(local.get("wb_part"), "PartName"):
                part = str(local["wb_part"].PartName).lstrip("/")
            elif code == "read_strings" and isinstance(local.get("strings_path"), str):
                part = local["strings_path"]
            elif code == "parse_cell" and isinstance(local.get("coordinate"), str):
                cell = local["coordinate"]
    return step, part or _STEP_PARTS.get(step or ""), sheet, cell


def _damaged(name: str, exc: BaseException) -> SourceError:
    """The error for a workbook openpyxl could not read: its damaged (or missing) part, and why."""
    step, part, sheet, cell = _reading(exc)
    cause = exc.__cause__ if isinstance(exc, ValueError) and exc.__cause__ is not None else exc
    missing = re.search(r"no item named '([^']+)'", str(cause)) if isinstance(cause, KeyError) else None
    if missing and step in (None, "read manifest"):
        return SourceError(
            Msg("{file}: not an Excel .xlsx workbook (no {part})", file=name, part=missing.group(1))
        )
    advice = Msg("open it in Excel or LibreOffice (they may repair it) and save it again, or export it again")
    if missing:
        return SourceError(
            Msg(
                "{file}: damaged workbook: {part} is missing; {advice}",
                file=name,
                part=missing.group(1),
                advice=advice,
            )
        )
    reason = cut_value(str(cause)) if isinstance(cause, SyntaxError) else type(cause).__name__  # ParseError
    if not part:
        what = Msg(
            "{file}: damaged workbook: a part cannot be read ({reason}); {advice}",
            file=name,
            reason=reason,
            advice=advice,
        )
        return SourceError(what)
    if sheet and cell:
        inside: Msg | str = Msg("sheet '{sheet}', cell {cell}", sheet=sheet, cell=cell)
    elif sheet or cell:
        inside = Msg("sheet '{sheet}'", sheet=sheet) if sheet else Msg("cell {cell}", cell=cell)
    else:
        inside = ""
    what = (
        Msg(
            "{file}: damaged workbook: {part} ({inside}) cannot be read ({reason}); {advice}",
            file=name,
            part=part,
            inside=inside,
            reason=reason,
            advice=advice,
        )
        if inside
        else Msg(
            "{file}: damaged workbook: {part} cannot be read ({reason}); {advice}",
            file=name,
            part=part,
            reason=reason,
            advice=advice,
        )
    )
    return SourceError(what)


def _restore_dates(book: Any, warned: list[str]) -> None:
    """Put back the number of each date-formatted cell openpyxl made ``#VALUE!`` (no date holds it).

    openpyxl warns (naming the cell but not its sheet) and stores an error
    value: the import then said "bad date '#VALUE!'" for a cell holding
    3000000. A warning is matched to the first date-formatted ``#VALUE!``
    at its cell, sheet by sheet in the order openpyxl read them.
    """
    from openpyxl.styles.numbers import is_date_format

    pending: dict[str, list[str]] = {}
    for match in filter(None, map(_DATE_WARNING.search, warned)):
        pending.setdefault(match.group(1).replace("$", ""), []).append(match.group(2))
    for ws in book.worksheets if pending else ():
        for cell in _stored_cells(ws):
            numbers = pending.get(cell.coordinate)
            if numbers and cell.data_type == "e" and is_date_format(cell.number_format):
                number = numbers.pop(0)
                cell.value = int(number) if re.fullmatch(r"-?\d+", number) else float(number)


def _open(path: str | os.PathLike[str]) -> tuple[Any, list[tuple[str, Msg]]]:
    """The workbook with each formula's saved value, and its cells that hold no data (``SHEET!CELL``, why)."""
    name = os.fspath(path)
    raw = read_bounded(name, name, Msg("a workbook"))
    sheets = _sheet_parts(name, raw)
    formulas = _formulas(name, raw) if any(re.search(rb"<f[ >/]", xml) for xml in sheets.values()) else []
    values, warned = _load(name, raw, data_only=True)
    _restore_dates(values, warned)
    errors = any(b't="e"' in xml for xml in sheets.values())
    return values, _not_data(values, formulas, errors)


def _formulas(name: str, raw: bytes) -> list[tuple[str, str, str]]:
    """Each formula of the data sheets as (sheet, cell, its text).

    The workbook read with its formulas is dropped before the one with
    their saved values is read: at most one of them is held at a time.
    """
    book, _ = _load(name, raw, data_only=False)
    out = [
        (ws.title, cell.coordinate, str(getattr(cell.value, "text", cell.value)))  # an array formula's text
        for ws in book.worksheets
        if not ws.title.startswith("x-")
        for cell in _stored_cells(ws)
        if cell.data_type == "f"
    ]
    for ws in book.worksheets:  # its cells, now: the console script runs with the cycle collector off
        ws._cells.clear()
    return out


def _not_data(values: Any, formulas: list[tuple[str, str, str]], errors: bool) -> list[tuple[str, Msg]]:
    """The cells that hold no data: an error value (``#DIV/0!``), or a formula without a saved value.

    A workbook saved by Excel or LibreOffice keeps each formula's last value
    (a text formula that gave "" keeps an empty text); one written by a
    script (openpyxl, pandas) often does not, and its formulas would be read
    as empty cells, that is as the defaults. ``errors`` says whether the
    workbook's XML stores any error value at all.
    """
    out = []
    for ws in values.worksheets if errors else ():
        if not ws.title.startswith("x-"):
            out += [
                (
                    f"{ws.title}!{c.coordinate}",
                    Msg("the error value {value}, not data: correct the cell", value=c.value),
                )
                for c in _stored_cells(ws)
                if c.data_type == "e"
            ]
    for title, coordinate, formula in formulas:
        saved = values[title][coordinate]
        if saved.value is None and saved.data_type not in ("str", "e"):  # "str": a formula that gave ""
            out.append(
                (
                    f"{title}!{coordinate}",
                    Msg(
                        "a formula with no saved value ({formula}): open the workbook in "
                        "Excel or LibreOffice and save it, or type the value",
                        formula=cut_value(formula),
                    ),
                )
            )
    return out


def _competitor_ties(reader: _Reader, ws: Any, doc: dict[str, Any]) -> None:
    index = {c.get("id"): i for i, c in enumerate(doc.get("competitors", [])) if isinstance(c.get("id"), str)}
    required = ("competitor", *_required("competitor_relationships"))
    for record, where in reader.records(ws, (), _known_columns("competitor_relationships"), required):
        competitor = record.pop("competitor", None)
        if competitor not in index:
            shown = (
                Msg("missing")
                if competitor is None
                else Msg(
                    "unknown competitor '{competitor}'{suggestion}",
                    competitor=competitor,
                    suggestion=_suggestion(str(competitor), list(index)) if competitor else "",
                )
            )
            reader.problem(where.get("competitor", where[""]), shown)
            continue
        comp = doc["competitors"][index[competitor]]
        ties = comp.setdefault("relationships", [])
        where.pop("competitor", None)
        reader.remember(("competitors", index[competitor], "relationships", len(ties)), where)
        ties.append(record)


def _missing_sheets(reader: _Reader, sheets: dict[str, Any]) -> bool:
    """Name a sheet that is gone while other sheets refer to its rows (deleted or renamed?); True
    when one is.

    The references to it are not each reported at their cells: this says why they would be.
    """
    missing = False
    for target in dict.fromkeys(REFERENCES.values()):
        if target in sheets:
            continue
        referring = [
            s
            for (s, column), t in REFERENCES.items()
            if t == target and s in sheets and _filled(reader, sheets[s], s, column)
        ]
        if referring:
            missing = True
            names = ", ".join(dict.fromkeys(referring))
            reader.problem(
                f"{target}!A1",
                Msg(
                    "no sheet '{sheet}' (deleted or renamed?), but {sheets} refer to its rows",
                    sheet=target,
                    sheets=names,
                ),
            )
    return missing


def _filled(reader: _Reader, ws: Any, sheet: str, column: str) -> bool:
    """True when the sheet (read as ``sheet``) has a header ``column`` (as ``import xlsx`` matches it)
    with a value under it."""
    grid = reader.grid(ws)
    top = _header_row(grid, _known_columns(sheet))
    indexes = [i for i, cell in grid.get(top, {}).items() if _plain_column(str(cell.value)) == column]
    return bool(indexes) and any(indexes[0] in cells for row, cells in grid.items() if row > top)


def _account_row(reader: _Reader, rows: list[tuple[dict[str, Any], dict[str, str]]]) -> dict[str, Any] | None:
    """The account sheet's one record; a second row, or none (None), is said at its cell."""
    for extra in rows[1:]:
        reader.problem(extra[1][""], Msg("the account sheet has one row under its header"))
    if not rows:  # said here, in its words, instead of the missing field validation would name
        reader.problem("account!A2", Msg("no row under the header: row 2 holds the account's id and name"))
    reader.remember(("account",), rows[0][1] if rows else {"": "account!A2"})
    return rows[0][0] if rows else None


def read_workbook(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Read an account workbook back into a validated ``influence/v1`` document.

    Parameters
    ----------
    path : path
        An ``.xlsx`` file as :func:`account_workbook` writes it (sheets may
        be missing; sheets named ``x-…`` are ignored).

    Returns
    -------
    dict
        The plain document.

    Raises
    ------
    ValidationError
        Every problem, located as ``SHEET!CELL`` (a merged range as ``SHEET!D3:D4``).
    SourceError
        A missing file, one that is not an ``.xlsx`` workbook, or a damaged one.
    """
    name = os.fspath(path)
    wb, not_data = _open(name)
    reader = _Reader(name)
    for cell, reason in not_data:
        reader.problem(cell, reason)
    doc: dict[str, Any] = {"format": FORMAT}
    sheets = _named_sheets(reader, wb)
    if _missing_sheets(reader, sheets):  # its references would each be "unknown": said once, above
        _refuse(reader, {"account": _account_sheet(name, sheets)})
    if "account" not in sheets:  # said here, in its words, instead of the missing field below
        reader.problem(
            "account!A1",
            Msg("no sheet 'account' (deleted or renamed?): its row 2 holds the account's id and name"),
        )
    for sheet in SHEETS:
        if sheet not in sheets or sheet == "competitor_relationships":
            continue
        rows = reader.records(sheets[sheet], (sheet,), _known_columns(sheet), _required(sheet))
        if sheet == "account":
            doc["account"] = _account_row(reader, rows)
            continue
        doc[sheet] = []
        for i, (record, where) in enumerate(rows):
            reader.remember((sheet, i), where)
            doc[sheet].append(record)
    if "competitor_relationships" in sheets:
        _competitor_ties(reader, sheets["competitor_relationships"], doc)
    if reader.headers_missing:  # every row would be "missing required field", each reference unknown
        _refuse(reader, doc)
    if DOCUMENT_SHEET in sheets:
        for record, _ in reader.records(sheets[DOCUMENT_SHEET], ()):
            if record.get("key"):
                key, value = str(record["key"]), record.get("value")
                doc[key] = _extension(value) if key.startswith("x-") else value
    issues, _ = validate_document(Document(name, doc, {}))
    if not doc.get("account"):  # no sheet or no row: said above
        issues = [i for i in issues if i.location != "account"]
    said = {cell for cell, _ in not_data}  # an error value's cell is said once, not again as a bad value
    located = [(reader.cell_of(i.location), i) for i in issues]
    issues = reader.issues + [
        Issue.of(name, None, cell, _in_cells(i.message, reader.cell_of) if i.message else i.reason)
        for cell, i in located
        if cell not in said
    ]
    if issues:
        _refuse(reader, doc, issues)
    return {k: v for k, v in doc.items() if v != [] or k == "account"}


def _account_sheet(name: str, sheets: dict[str, Any]) -> dict[str, Any] | None:
    """The account sheet's first record (None without one), read aside: only its language is wanted
    when the workbook is refused before its sheets are read, so its own problems are not said here."""
    if "account" not in sheets:
        return None
    rows = _Reader(name).records(sheets["account"], ("account",), _known_columns("account"))
    return rows[0][0] if rows else None


def _refuse(reader: _Reader, doc: dict[str, Any], issues: list[Issue] | None = None) -> NoReturn:
    """Raise the workbook's problems (``issues``, else those the reader found), in cell order."""
    found = sorted(reader.issues if issues is None else issues, key=_cell_order)
    raise ValidationError(
        found,
        Msg("{file} is not a valid account workbook", file=reader.file),
        language=document_language(doc),
    )


def _named_sheets(reader: _Reader, wb: Any) -> dict[str, Any]:
    """The workbook's sheets by the name import reads them under, an unknown one said at its A1.

    Excel's sheet names ignore case (a workbook cannot hold both ``people``
    and ``People``), so neither does import; ``x-…`` sheets are kept aside.
    A chart sheet holds no cells and is not among them.
    """
    known = (*SHEETS, DOCUMENT_SHEET)
    sheets = {}
    for ws in wb.worksheets:
        plain = ws.title.strip().lower()
        if plain in known:
            sheets[plain] = ws
            continue
        sheets[ws.title] = ws
        if not plain.startswith("x-"):
            hint = _suggestion(plain, known)
            reader.problem(
                f"{ws.title}!A1",
                Msg("unknown sheet '{sheet}'{suggestion}", sheet=ws.title, suggestion=hint)
                if hint
                else Msg(
                    "unknown sheet '{sheet}': import reads only its own sheets; name a sheet "
                    "of your own x-… and import keeps it aside",
                    sheet=ws.title,
                ),
            )
    return sheets
