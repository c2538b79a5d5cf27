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
import io
import json
import os
import re
import zipfile
from collections.abc import Iterable
from typing import Any

from influence.document import MAX_FILE_BYTES, Document, read_bounded
from influence.errors import Issue, SourceError, ValidationError
from influence.i18n import LANGUAGES, Translator, translator
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
from influence.validation import cut_value, format_location, validate_document
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
VALIDATION_ROWS = 5000
_SPLIT = re.compile(r"\s*[;,\n]\s*")


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
    if isinstance(value, (list, tuple, dict)) or (
        column.startswith("x-") and isinstance(value, str) and _json_value(value) is not None
    ):  # an x- text that reads as JSON is written as JSON text, to come back as text
        return json.dumps(value, ensure_ascii=False, default=str)
    return value


def _columns(name: str, records: Iterable[dict[str, Any]]) -> list[str]:
    columns = list(SHEETS.get(name, ()))
    for record in records:
        columns.extend(k for k in record if k not in columns)
    return columns


def _drop_downs(ws: Any, sheet: str, columns: list[str], t: Translator) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    for i, column in enumerate(columns, start=1):
        letter = get_column_letter(i)
        target = REFERENCES.get((sheet, column))
        if target is not None:
            formula, strict = f"={target}!$A$2:$A${VALIDATION_ROWS}", True
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
        rule.add(f"{letter}2:{letter}{VALIDATION_ROWS}")


def _write_sheet(wb: Any, name: str, records: list[dict[str, Any]], t: Translator) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(name)
    columns = _columns(name, records)
    ws.append(columns)
    for row, record in enumerate(records, start=2):
        cells = [_cell(c, record.get(c)) for c in columns]
        for column, cell in zip(columns, cells, strict=True):
            if isinstance(cell, str) and len(cell) > MAX_CELL_CHARS:
                raise SourceError(
                    f"{name}!{column} of row {row} ({record.get('id') or record.get('key') or 'the account'}) "
                    f"holds {len(cell):,} characters, and a workbook cell at most {MAX_CELL_CHARS:,}: "
                    "keep this account in YAML or JSON"
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
    _drop_downs(ws, name, columns, t)


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
    for name, records in _sheets(doc).items():
        _write_sheet(wb, name, records, t)
    known = {"format", *SHEETS}
    others = [{"key": k, "value": _cell(k, v)} for k, v in doc.items() if k not in known]
    if others:
        _write_sheet(wb, DOCUMENT_SHEET, others, t)
    return workbook_bytes(wb)


def _value(column: str, raw: Any) -> Any:
    """A cell's value as the document holds it (None for an empty cell)."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, str):
        raw = raw.strip()
    if isinstance(raw, dt.datetime) and raw.time() == dt.time(0):
        raw = raw.date()
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
        return True if word in ("true", "yes") else False if word in ("false", "no") else raw
    if column == "stance" and isinstance(raw, str) and re.fullmatch(r"[+-]?[0-9]", raw):
        return int(raw)
    return raw


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


#: the header name of a column not read (an unknown name, reported at its header cell)
_SKIPPED = "\x00skipped"


def _plain_column(name: str) -> str:
    """A header as ``import xlsx`` matches it: trimmed, lower case, spaces as ``_`` (``Last contact``).

    >>> _plain_column(" Last  Contact ")
    'last_contact'
    """
    return re.sub(r"\s+", "_", name.strip().lower())


def _known_columns(sheet: str) -> frozenset[str]:
    """The columns a sheet may have: its own and every key of its record (``x-`` columns aside)."""
    return frozenset(SHEETS[sheet]) | {f.key for f in RECORDS[sheet].fields}


class _Reader:
    """Reads the sheets into a document, remembering the cell of every location."""

    def __init__(self, file: str):
        self.file = file
        self.cells: dict[str, str] = {}
        self.issues: list[Issue] = []

    def problem(self, cell: str, reason: str) -> None:
        self.issues.append(Issue(self.file, None, cell, reason))

    def header(self, ws: Any, cells: Any, known: frozenset[str] | None) -> list[str | None]:
        """The column names of a header row; None for an empty or repeated one, ``_SKIPPED`` for an unknown one.

        A name is trimmed and matched to a known column ignoring case and
        spaces (``Name``, ``Last contact``); a name that matches none is one
        problem at its header cell, not one per row.
        """
        header: list[str | None] = []
        for cell in cells:
            name = str(cell.value).strip() if cell.value is not None and str(cell.value).strip() else None
            if name is not None and known is not None and name not in known and not name.startswith("x-"):
                plain = _plain_column(name)
                if plain in known:
                    name = plain
                else:
                    hint = difflib.get_close_matches(plain, sorted(known), n=1)
                    suffix = f" (did you mean '{hint[0]}'?)" if hint else ""
                    self.problem(f"{ws.title}!{cell.coordinate}", f"unknown column '{name}'{suffix}")
                    name = _SKIPPED
            if name is not None and name != _SKIPPED and name in header:
                self.problem(f"{ws.title}!{cell.coordinate}", f"duplicate column '{name}'")
                name = None
            header.append(name)
        return header

    def records(
        self, ws: Any, path: tuple[Any, ...], known: frozenset[str] | None = None
    ) -> list[tuple[dict[str, Any], dict[str, str]]]:
        """Each non-empty row as (record, column -> cell), header names checked against ``known``."""
        rows = list(ws.iter_rows())
        if not rows:
            return []
        header = self.header(ws, rows[0], known)
        out = []
        for row in rows[1:]:
            if all(_value("", c.value) is None for c in row):
                continue
            record: dict[str, Any] = {}
            where: dict[str, str] = {"": f"{ws.title}!A{row[0].row}"}
            for column, cell in zip(header, row, strict=False):
                if column == _SKIPPED:
                    continue  # reported once, at its header
                value = _value(column or "", cell.value)
                if column is None:
                    if value is not None:
                        self.problem(f"{ws.title}!{cell.coordinate}", "a value in a column without a header")
                    continue
                where[column] = f"{ws.title}!{cell.coordinate}"
                if value is not None:
                    record[column] = value
            for column in header:
                if column is not None and column != _SKIPPED and column not in where:
                    where[column] = f"{ws.title}!{column_cell(header, column)}{row[0].row}"
            out.append((record, where))
        return out

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


def _cell_order(issue: Issue) -> tuple[int, int, int, str]:
    """Workbook order: sheet (unknown sheets first), row, column."""
    sheet, _, cell = issue.location.partition("!")
    match = re.fullmatch(r"([A-Z]+)(\d+)", cell)
    letters, row = (match.group(1), int(match.group(2))) if match else ("", 0)
    rank = list(SHEETS).index(sheet) if sheet in SHEETS else -1
    return rank, row, len(letters), letters


def column_cell(header: list[str | None], column: str) -> str:
    """The column letter of a header name."""
    from openpyxl.utils import get_column_letter

    return get_column_letter(header.index(column) + 1)


#: the most a workbook may unpack to: the workbook of an account at the 50 MB file limit
#: unpacks to about 120 MB of XML; a few hundred kB can otherwise unpack to gigabytes
MAX_UNPACKED_BYTES = 4 * MAX_FILE_BYTES


def _extension(value: Any) -> Any:
    """An ``x-`` value as export wrote it: a list, mapping or text written as JSON read back, any other as it is."""
    written = _json_value(value) if isinstance(value, str) else None
    return value if written is None else written


#: the most characters a workbook cell holds (Excel's limit; openpyxl cuts a longer text without a word)
MAX_CELL_CHARS = 32_767


def _open(path: str | os.PathLike[str]) -> tuple[Any, list[tuple[str, str]]]:
    """The workbook with each formula's saved value, and its cells that hold no data (``SHEET!CELL``, why)."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    name = os.fspath(path)
    raw = read_bounded(name, name, "a workbook")
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
            if unpacked > MAX_UNPACKED_BYTES:
                raise SourceError(
                    f"{name}: the workbook unpacks to {unpacked / 1024 / 1024:.0f} MB; "
                    f"the limit is {MAX_UNPACKED_BYTES // 1024 // 1024} MB"
                )
            sheets = [archive.read(m) for m in archive.namelist() if m.startswith("xl/worksheets/")]
        values = load_workbook(io.BytesIO(raw), data_only=True)
        if not any(re.search(rb'<f[ >/]|t="e"', sheet) for sheet in sheets):
            return values, []  # no formula and no error value: nothing more to look at
        formulas = load_workbook(io.BytesIO(raw), read_only=True)
        return values, _not_data(values, formulas)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise SourceError(f"{name}: not an Excel .xlsx workbook ({type(exc).__name__})") from None


def _not_data(values: Any, formulas: Any) -> list[tuple[str, str]]:
    """The cells that hold no data: an error value (``#DIV/0!``), or a formula without a saved value.

    A workbook saved by Excel or LibreOffice keeps each formula's last value
    (a text formula that gave "" keeps an empty text); one written by a
    script (openpyxl, pandas) often does not, and its formulas would be read
    as empty cells, that is as the defaults.
    """
    out = []
    for ws in values.worksheets:
        if not ws.title.startswith("x-"):
            errors = (c for row in ws.iter_rows() for c in row if c.data_type == "e")
            out += [
                (f"{ws.title}!{c.coordinate}", f"the error value {c.value}, not data: correct the cell")
                for c in errors
            ]
    for ws in formulas.worksheets:
        if ws.title.startswith("x-"):
            continue
        for cell in (c for row in ws.iter_rows() for c in row if c.data_type == "f"):
            saved = values[ws.title][cell.coordinate]
            if saved.value is None and saved.data_type not in ("str", "e"):  # "str": a formula that gave ""
                formula = getattr(cell.value, "text", cell.value)  # an array formula's text
                out.append(
                    (
                        f"{ws.title}!{cell.coordinate}",
                        f"a formula with no saved value ({cut_value(str(formula))}): open the workbook in "
                        "Excel or LibreOffice and save it, or type the value",
                    )
                )
    formulas.close()
    return out


def _competitor_ties(reader: _Reader, ws: Any, doc: dict[str, Any]) -> None:
    index = {c.get("id"): i for i, c in enumerate(doc.get("competitors", [])) if isinstance(c.get("id"), str)}
    for record, where in reader.records(ws, (), _known_columns("competitor_relationships")):
        competitor = record.pop("competitor", None)
        if competitor not in index:
            shown = "missing" if competitor is None else f"unknown competitor '{competitor}'"
            hint = difflib.get_close_matches(str(competitor), list(index), n=1) if competitor else []
            suffix = f" (did you mean '{hint[0]}'?)" if hint else ""
            reader.problem(where.get("competitor", where[""]), f"{shown}{suffix}")
            continue
        comp = doc["competitors"][index[competitor]]
        ties = comp.setdefault("relationships", [])
        where.pop("competitor", None)
        reader.remember(("competitors", index[competitor], "relationships", len(ties)), where)
        ties.append(record)


def _missing_sheets(reader: _Reader, wb: Any) -> None:
    """Name a sheet that is gone while other sheets refer to its rows (deleted or renamed?).

    Each reference to it is still reported at its cell; this says why first.
    """
    for target in dict.fromkeys(REFERENCES.values()):
        if target in wb.sheetnames:
            continue
        referring = [
            s
            for (s, column), t in REFERENCES.items()
            if t == target and s in wb.sheetnames and _filled(wb[s], column)
        ]
        if referring:
            names = ", ".join(dict.fromkeys(referring))
            reader.problem(
                f"{target}!A1", f"no sheet '{target}' (deleted or renamed?), but {names} refer to its rows"
            )


def _filled(ws: Any, column: str) -> bool:
    """True when the sheet has a header ``column`` (as ``import xlsx`` matches it) with a value under it."""
    rows = ws.iter_rows(values_only=True)
    header = [_plain_column(str(v)) if v is not None else None for v in next(rows, ())]
    if column not in header:
        return False
    i = header.index(column)
    return any(i < len(row) and row[i] not in (None, "") for row in rows)


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
        Every problem, located as ``SHEET!CELL``.
    SourceError
        A missing file, or one that is not an ``.xlsx`` workbook.
    """
    name = os.fspath(path)
    wb, not_data = _open(name)
    reader = _Reader(name)
    for cell, reason in not_data:
        reader.problem(cell, reason)
    doc: dict[str, Any] = {"format": FORMAT}
    known = (*SHEETS, DOCUMENT_SHEET)
    for ws in wb.worksheets:
        if ws.title not in known and not ws.title.startswith("x-"):
            hint = difflib.get_close_matches(ws.title, known, n=1)
            suffix = f" (did you mean '{hint[0]}'?)" if hint else ""
            reader.problem(f"{ws.title}!A1", f"unknown sheet '{ws.title}'{suffix}")
    _missing_sheets(reader, wb)
    for sheet in SHEETS:
        if sheet not in wb.sheetnames or sheet == "competitor_relationships":
            continue
        rows = reader.records(wb[sheet], (sheet,), _known_columns(sheet))
        if sheet == "account":
            for extra in rows[1:]:
                reader.problem(extra[1][""], "the account sheet has one row under its header")
            doc["account"] = rows[0][0] if rows else None
            reader.remember(("account",), rows[0][1] if rows else {"": "account!A2"})
            continue
        doc[sheet] = []
        for i, (record, where) in enumerate(rows):
            reader.remember((sheet, i), where)
            doc[sheet].append(record)
    if "competitor_relationships" in wb.sheetnames:
        _competitor_ties(reader, wb["competitor_relationships"], doc)
    if DOCUMENT_SHEET in wb.sheetnames:
        for record, _ in reader.records(wb[DOCUMENT_SHEET], ()):
            if record.get("key"):
                key, value = str(record["key"]), record.get("value")
                doc[key] = _extension(value) if key.startswith("x-") else value
    issues, _ = validate_document(Document(name, doc, {}))
    issues = reader.issues + [Issue(name, None, reader.cell_of(i.location), i.reason) for i in issues]
    if issues:
        issues.sort(key=_cell_order)
        raise ValidationError(issues, f"{name} is not a valid account workbook")
    return {k: v for k, v in doc.items() if v != [] or k == "account"}
