"""A Salesforce data export (Data Loader / Data Export CSV files) as an ``influence/v1`` account.

Read with the standard :mod:`csv` module: first row the API field names in
any order, extra columns ignored, RFC 4180 quoting (commas and line breaks
inside quotes), CRLF or LF, UTF-8 with or without a byte-order mark.

The mapping (docs/salesforce.md has the table): the named account and its
``ParentId`` ancestors and descendants become organizations (the root is the
holding); each distinct ``Department`` of an organization a unit; contacts
people; opportunity contact roles and account-contact relation roles the
people's roles; open opportunities tenders; owners team members. Every
record keeps its Salesforce id under ``x-salesforce-id``.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import math
import os
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from influence.dates import date_fault, dotted_iso
from influence.errors import Issue, Msg, NMsg, SourceError, ValidationError, os_reason
from influence.exchange.documents import IdAllocator
from influence.i18n import Translator, translator
from influence.loading import not_utf8_reason
from influence.model import FORMAT, ROLES
from influence.schema import LIST_SECTIONS

__all__ = ["FILES", "ROLE_MAP", "SF_ID", "Export", "import_salesforce", "read_export"]

SF_ID = "x-salesforce-id"
#: file -> (required columns, optional columns used); None marks a file that may be absent
FILES: dict[str, tuple[tuple[str, ...], tuple[str, ...], bool]] = {
    "Account.csv": (("Id", "Name", "ParentId"), ("Industry", "OwnerId"), True),
    "Contact.csv": (
        ("Id", "AccountId", "FirstName", "LastName", "Title", "Department", "ReportsToId", "Email", "Phone"),
        ("MobilePhone",),
        True,
    ),
    "Opportunity.csv": (
        ("Id", "AccountId", "Name", "CloseDate", "IsClosed"),
        ("StageName", "Amount", "OwnerId"),
        False,
    ),
    "OpportunityContactRole.csv": (("ContactId", "OpportunityId", "Role"), (), False),
    "AccountContactRelation.csv": (("AccountId", "ContactId", "Roles"), (), False),
    "User.csv": (("Id", "Name"), ("Email",), False),
}
#: Salesforce contact-role values (case-insensitive) -> influence roles
ROLE_MAP = {
    "economic buyer": "economic_buyer",
    "economic decision maker": "economic_buyer",
    "decision maker": "decision_maker",
    "technical buyer": "technical_buyer",
    "executive sponsor": "sponsor",
    "influencer": "influencer",
    "evaluator": "influencer",
    "business user": "user",
}
#: roles a CRM refresh owns; the others (coach, anti_influencer, …) are the team's own
CRM_ROLES = frozenset(ROLE_MAP.values())
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
#: the day first with dots: how Excel in a Russian (or German) locale writes a date it re-saves
#: Salesforce writes true/false; Excel in a Russian locale re-saves them as ИСТИНА/ЛОЖЬ
_TRUE = ("true", "1", "yes", "истина", "да")
_FALSE = ("false", "0", "no", "ложь", "нет")


@dataclass
class Table:
    """One CSV file: its name as shown in messages and its rows with their row numbers."""

    file: str
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    columns: tuple[str, ...] = ()
    #: the Ids of the rows marked ``IsDeleted`` (left out of ``rows``)
    deleted: set[str] = field(default_factory=set)


@dataclass
class Export:
    """The tables of one export folder (absent optional files are empty tables)."""

    tables: dict[str, Table]
    issues: list[Issue] = field(default_factory=list)

    def __getitem__(self, name: str) -> Table:
        return self.tables[name]

    def problem(self, table: Table, row: int | None, column: str, reason: str | Msg) -> None:
        """Record an issue as ``FILE:ROW: COLUMN: REASON``."""
        self.issues.append(Issue.of(table.file, row, column, reason))


def _decode(path: Path, table: Table, export: Export) -> str | None:
    """The file's text; None when it is not UTF-8 (reported: every such file is, in one run)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SourceError(
            Msg("{file}: cannot read: {reason}", file=table.file, reason=os_reason(exc))
        ) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        export.problem(table, None, "(file)", not_utf8_reason(table.file, raw, exc.start, in_place=True))
        return None


#: the separators a CSV file may use: Salesforce writes commas; Excel saving
#: "CSV" in a Russian (or German, French…) locale writes semicolons
DELIMITERS = (",", ";", "\t")


def _header(columns: list[str] | tuple[str, ...], wanted: tuple[str, ...]) -> dict[int, str]:
    """Each wanted column's position in a header row, matched ignoring case (the first of repeats).

    Salesforce API names are case-insensitive: Data Loader writes ``ID``, ``ACCOUNTID``
    (older versions, or ``sfdc.extraction.allCapsHeaders``) or the case the query typed.

    >>> _header(["ID", " name ", "BillingCity", "Name"], ("Id", "Name", "ParentId"))
    {0: 'Id', 1: 'Name'}
    """
    by_fold = {name.casefold(): name for name in wanted}
    out: dict[int, str] = {}
    for position, column in enumerate(columns):
        name = by_fold.get(column.strip().casefold())
        if name is not None and name not in out.values():
            out[position] = name
    return out


def _delimiter(text: str, expected: tuple[str, ...]) -> str:
    """The separator under which the first row names the most expected columns (a comma on a tie).

    The first row is read by the :mod:`csv` module under each candidate, so quoted names count.

    >>> _delimiter('"Id";"Name";"ParentId"\\r\\n"1";"A";""\\r\\n', ("Id", "Name", "ParentId"))
    ';'
    """

    def named(delimiter: str) -> int:
        try:
            first = next(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), [])
        except csv.Error:  # not this separator (or malformed: the strict read reports it)
            return 0
        return len(_header(first, expected))

    return max(DELIMITERS, key=named)  # max keeps the first of equals: the comma


def _check_header(export: Export, table: Table, header: dict[int, str], required: tuple[str, ...]) -> None:
    """Report a column given twice, a file with none of the required columns, or each missing one;
    and once a header of field labels (a report export, not a data export: :func:`_labels`)."""
    for position, column in enumerate(table.columns):
        first = next((p for p, name in header.items() if name.casefold() == column.casefold()), position)
        if first != position:
            export.problem(
                table,
                None,
                header[first],
                Msg(
                    "column given twice ('{first}' and '{second}', case ignored)",
                    first=table.columns[first],
                    second=column,
                ),
            )
    missing = [c for c in required if c not in header.values()]
    labels = _labels(table.columns, missing)
    if len(labels) > 1:  # one line, then each missing column (or nothing else, when all are)
        export.problem(
            table,
            None,
            "(file)",
            Msg(
                "the first row has field labels ({labels}), as a Salesforce report export writes them; the "
                "import needs a Data Export or Data Loader file, whose first row has the API names ({names}…)",
                labels=", ".join(f"'{label}'" for label in labels[:3]),
                names=", ".join(missing[:3]),
            ),
        )
    if len(missing) > 1 and len(missing) == len(required) and len(labels) > 1:
        return
    if len(missing) > 1 and len(missing) == len(required):  # another file, or another separator
        found = ", ".join(table.columns[:6]) + (", …" if len(table.columns) > 6 else "")
        export.problem(
            table,
            None,
            "(file)",
            Msg(
                "none of the expected columns ({expected}); the first row has: {found}",
                expected=", ".join(required),
                found=found,
            ),
        )
        return
    for column in missing:
        export.problem(
            table, None, column, Msg("missing column (expected {expected})", expected=", ".join(required))
        )


def _labels(columns: tuple[str, ...], missing: list[str]) -> list[str]:
    """The columns named by a field's label, not its API name, as a report export writes them:
    a missing API name written with spaces (``First Name``), or a name ending in `` ID``.

    >>> _labels(("Contact ID", "First Name", "Title", "Mailing City"), ["Id", "FirstName", "ReportsToId"])
    ['Contact ID', 'First Name']
    """
    wanted = {name.casefold() for name in missing}
    return [
        column
        for column in columns
        if " " in column
        and (column.replace(" ", "").casefold() in wanted or column.casefold().endswith(" id"))
    ]


def _file_names(folder: Path) -> dict[str, list[str]]:
    """The files of ``folder`` by their name case-folded (a name's other spellings listed together)."""
    try:
        entries = sorted(entry.name for entry in os.scandir(folder) if entry.is_file())
    except OSError as exc:
        raise SourceError(
            Msg("{file}: cannot read: {reason}", file=str(folder), reason=os_reason(exc))
        ) from None
    names: dict[str, list[str]] = {}
    for entry in entries:
        names.setdefault(entry.casefold(), []).append(entry)
    return names


def _read_table(folder: Path, name: str, export: Export, spellings: list[str]) -> Table:
    """One file of the export: its columns and rows (an absent optional file is an empty table).

    ``spellings``: the folder's files named ``name`` ignoring case (Salesforce and its tools
    write ``Contact.csv``, a hand-made or re-saved export may have ``contact.csv``).
    """
    required, optional, mandatory = FILES[name]
    table = Table(os.path.join(str(folder), spellings[0] if len(spellings) == 1 else name))
    if len(spellings) > 1:
        files = ", ".join(spellings)
        export.problem(
            table,
            None,
            "(file)",
            Msg("files differing only in case ({files}): keep one of them", files=files),
        )
        return table
    path = Path(table.file)
    if not spellings:
        if mandatory:
            export.problem(
                table,
                None,
                "(file)",
                Msg("missing file (a Salesforce export needs Account.csv and Contact.csv)"),
            )
        return table
    text = _decode(path, table, export)
    if text is None:
        return table
    header = _read_rows(export, table, text, (*required, *optional, "IsDeleted"))
    if header is not None:
        _check_header(export, table, header, required)
    _drop_deleted(table)
    return table


def _value(text: str) -> str:
    """A value as imported: surrounding blanks removed, every line break (CRLF, CR) made LF.

    >>> _value(" Начальник\\r\\nотдела\\rАСУ ")
    'Начальник\\nотдела\\nАСУ'
    """
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def _read_rows(export: Export, table: Table, text: str, wanted: tuple[str, ...]) -> dict[int, str] | None:
    """Read ``text`` into ``table`` (its columns and non-blank rows); the header's positions of ``wanted``.

    Malformed CSV, a row with more values than the header, and a last row cut short (fewer values
    than the header and no line break after it: a copy that stopped) are reported. None: no header
    to check (an empty file, or a malformed first row), said already.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text, wanted), strict=True)
    row, header, last = 0, {}, 0
    try:
        for row, record in enumerate(reader, start=1):
            last = len(record) if any(v.strip() for v in record) else len(table.columns)
            if row == 1:
                table.columns = tuple(c.strip() for c in record)
                header = _header(table.columns, wanted)
            elif any(v.strip() for v in record):
                if any(v.strip() for v in record[len(table.columns) :]):  # a separator inside a value
                    export.problem(table, row, "(row)", _more_values(len(record), len(table.columns)))
                values = {c: _value(record[p]) for p, c in header.items() if p < len(record)}
                table.rows.append((row, values))
    except csv.Error as exc:
        export.problem(table, row + 1, "(row)", Msg("malformed CSV: {reason}", reason=_csv_reason(exc)))
        return header if row else None  # the first row itself malformed: said once, not as empty too
    if not table.columns:
        export.problem(table, None, "(file)", Msg("empty file: the first row must name the columns"))
        return None
    if row > 1 and last < len(table.columns) and not text.endswith(("\n", "\r")):
        export.problem(table, row, "(row)", _cut_short(last, len(table.columns)))
    return header


def _drop_deleted(table: Table) -> None:
    """Leave out the rows a Data Loader "Export All" marks ``IsDeleted`` (records in the recycle bin),
    keeping their Ids (a reference to one is then no reference: :func:`_forget_deleted`)."""
    kept = []
    for row, values in table.rows:
        if values.pop("IsDeleted", "").lower() in _TRUE:
            table.deleted.add(values.get("Id", ""))
        else:
            kept.append((row, values))
    table.rows = kept
    table.deleted -= {values.get("Id", "") for _, values in kept}
    table.deleted.discard("")


def _forget_deleted(export: Export) -> None:
    """Empty every reference to a deleted record, as if the field were empty: the record is gone
    from the CRM, so a contact reporting to a deleted one reports to no one, a role on a deleted
    opportunity is no role, and a subsidiary of a deleted account has no parent."""
    for name, column, noun in REFERENCES:
        deleted = export[_HOME[noun]].deleted
        if deleted:
            for _, values in export[name].rows:
                if values.get(column) in deleted:
                    values[column] = ""


def _cut_short(values: int, columns: int) -> Msg:
    """A last row with fewer values than the header and no line break after it: a copy that stopped."""
    return Msg(
        "the file seems cut short: its last row has {values} of {columns} values and no line break "
        "after it (export or copy the file again)",
        values=values,
        columns=columns,
    )


def _more_values(count: int, columns: int) -> Msg:
    """A row that holds more values than its header names columns (every value after would shift)."""
    return Msg(
        "{values} values, but the header names {columns} columns: a value holds the separator "
        "without quotes around it, and the values after it are shifted",
        values=count,
        columns=columns,
    )


def _csv_reason(exc: csv.Error) -> Msg | str:
    """Python's words for a malformed CSV, as a message (its English is Python's, word for word,
    except for a quote left open, which Python calls an unexpected end of data).

    >>> str(_csv_reason(csv.Error("unexpected end of data")))
    'the file ends inside a quoted value (a quote is not closed)'
    >>> str(_csv_reason(csv.Error("field larger than field limit (131072)")))
    'field larger than field limit (131072)'
    """
    text = str(exc)
    if text == "unexpected end of data":
        return Msg("the file ends inside a quoted value (a quote is not closed)")
    after = re.fullmatch("'(.)' expected after '\"'", text)
    if after:
        return Msg("'{separator}' expected after '\"'", separator=after[1])
    limit = re.fullmatch(r"field larger than field limit \((\d+)\)", text)
    if limit:
        return Msg("field larger than field limit ({limit})", limit=limit[1])
    return text


def read_export(folder: str | os.PathLike[str]) -> Export:
    """Read the CSV files of an export folder.

    Parameters
    ----------
    folder : path
        The folder holding ``Account.csv``, ``Contact.csv`` and the optional files.

    Returns
    -------
    Export
        The tables; ``issues`` lists missing files and columns, files not UTF-8 and
        malformed CSV (the caller raises).

    Raises
    ------
    SourceError
        The folder is missing or cannot be read.
    """
    base = Path(folder)
    if not base.is_dir():
        if zipfile.is_zipfile(base):  # Salesforce's weekly Data Export comes as ZIP files
            raise SourceError(
                Msg(
                    "{folder}: a ZIP archive, not a folder: unzip it and give the folder it makes "
                    "(the one with Account.csv)",
                    folder=os.fspath(folder),
                )
            )
        if base.exists():
            raise SourceError(
                Msg(
                    "{folder}: a file, not a folder (expected the folder of a Salesforce export, with Account.csv)",
                    folder=os.fspath(folder),
                )
            )
        raise SourceError(
            Msg(
                "{folder}: no such folder (expected the folder of a Salesforce export, with Account.csv)",
                folder=os.fspath(folder),
            )
        )
    export = Export({})
    names = _file_names(base)
    for name in FILES:
        export.tables[name] = _read_table(base, name, export, names.get(name.casefold(), []))
    roles = export["OpportunityContactRole.csv"]
    if roles.columns and not export["Opportunity.csv"].columns:
        message = Msg(
            "OpportunityContactRole.csv needs Opportunity.csv: its roles are on opportunities, and only "
            "that file says whose they are (add Opportunity.csv to the export, or leave both out)"
        )
        export.problem(roles, None, "(file)", message)
    _forget_deleted(export)
    return export


#: a reference to a record that its file does not have, by the record's kind (templates: see Msg.replace)
_UNKNOWN = {
    "account": Msg("unknown account '{value}' (not in {file})"),
    "contact": Msg("unknown contact '{value}' (not in {file})"),
    "opportunity": Msg("unknown opportunity '{value}' (not in {file})"),
    "user": Msg("unknown user '{value}' (not in {file})"),
}


def _unknown(noun: str, value: str, file: str) -> Msg:
    """The message for a reference to a record of kind ``noun`` that ``file`` does not have."""
    return _UNKNOWN[noun].replace(value=value, file=file)


_HOME = {
    "account": "Account.csv",
    "contact": "Contact.csv",
    "opportunity": "Opportunity.csv",
    "user": "User.csv",
}


@dataclass
class _Scope:
    """What the import uses of an export: the imported accounts (the tree), their opportunities,
    their own contacts and the contacts of other accounts in their buying team."""

    accounts: set[str]
    deals: set[str]
    own: set[str]
    related: set[str]
    owners: set[str]

    @classmethod
    def of(cls, export: Export, accounts: set[str]) -> _Scope:
        """The scope of the imported ``accounts``."""
        deals = _deals(export, accounts)
        own = {v.get("Id", "") for _, v in export["Contact.csv"].rows if v.get("AccountId") in accounts}
        related = {
            v.get("ContactId", "")
            for _, v in export["AccountContactRelation.csv"].rows
            if v.get("AccountId") in accounts
        }
        related |= {
            v.get("ContactId", "")
            for _, v in export["OpportunityContactRole.csv"].rows
            if v.get("OpportunityId") in deals
        }
        owners = {v.get("OwnerId", "") for _, v in export["Account.csv"].rows if v.get("Id") in accounts}
        owners |= {v.get("OwnerId", "") for _, v in export["Opportunity.csv"].rows if v.get("Id") in deals}
        return cls(accounts, deals, own, related - own - {""}, owners - {""})

    def uses(self, name: str, values: dict[str, str]) -> bool:
        """Whether a row of the file ``name`` concerns the imported accounts, their contacts or
        their opportunities (the rows checked; the others are skipped)."""
        return _USES[name](self, values.get)


#: per file, whether a row (its values' ``get``) is in a scope: the test :meth:`_Scope.uses` makes
_USES: dict[str, Callable[[_Scope, Callable[[str], str | None]], bool]] = {
    "Account.csv": lambda s, get: get("Id") in s.accounts,
    "Contact.csv": lambda s, get: get("AccountId") in s.accounts or get("Id") in s.related,
    "Opportunity.csv": lambda s, get: get("AccountId") in s.accounts,
    "OpportunityContactRole.csv": lambda s, get: get("OpportunityId") in s.deals or get("ContactId") in s.own,
    "AccountContactRelation.csv": lambda s, get: get("AccountId") in s.accounts or get("ContactId") in s.own,
    "User.csv": lambda s, get: get("Id") in s.owners,
}


def _ids(export: Export, name: str, scope: _Scope) -> set[str]:
    """Every Id of the file ``name``; an empty or repeated one is reported on the rows in scope."""
    table = export[name]
    scoped = {v.get("Id", "") for _, v in table.rows if scope.uses(name, v)}
    seen: set[str] = set()
    for row, values in table.rows:
        ident = values.get("Id", "")
        if not ident and scope.uses(name, values):
            export.problem(table, row, "Id", Msg("empty Id"))
        elif ident and ident in seen and ident in scoped:
            export.problem(table, row, "Id", Msg("duplicate Id '{id}'", id=ident))
        seen.add(ident)
    return seen - {""}


#: (file, column, the kind of record it names) of every reference between the files
REFERENCES = (
    ("Account.csv", "ParentId", "account"),
    ("Contact.csv", "AccountId", "account"),
    ("Contact.csv", "ReportsToId", "contact"),
    ("Opportunity.csv", "AccountId", "account"),
    ("OpportunityContactRole.csv", "ContactId", "contact"),
    ("OpportunityContactRole.csv", "OpportunityId", "opportunity"),
    ("AccountContactRelation.csv", "AccountId", "account"),
    ("AccountContactRelation.csv", "ContactId", "contact"),
    ("Account.csv", "OwnerId", "user"),
    ("Opportunity.csv", "OwnerId", "user"),
)


def _check_values(export: Export, scope: _Scope) -> None:
    """Dangling references, dates, booleans and reporting cycles, over the rows in ``scope``.

    A row that concerns no imported account, contact or opportunity is not checked (an export
    of every client, or of some, imports one of them whatever the others hold).
    """
    targets = {noun: _ids(export, home, scope) for noun, home in _HOME.items()}
    for name, column, noun in REFERENCES:
        if noun == "user" and not export["User.csv"].columns:  # owners are checked when User.csv is there
            continue
        table = export[name]
        for row, values in table.rows:
            value = values.get(column, "")
            if value and value not in targets[noun] and _checked(scope, name, column, values):
                export.problem(table, row, column, _unknown(noun, value, Path(export[_HOME[noun]].file).name))
    _check_opportunities(export, scope)
    own = {}
    for row, values in export["Contact.csv"].rows:
        if values.get("AccountId") in scope.accounts:
            own[values.get("Id", "")] = (row, values)
            if values.get("ReportsToId") and values.get("ReportsToId") == values.get("Id"):
                export.problem(
                    export["Contact.csv"], row, "ReportsToId", Msg("a contact cannot report to itself")
                )
    _contact_cycles(export, own)


def _checked(scope: _Scope, name: str, column: str, values: dict[str, str]) -> bool:
    """Whether the reference in ``column`` of a row of ``name`` is checked: the row is in scope,
    and the import uses the reference (a manager only for a contact of an imported account)."""
    if (name, column) == ("Contact.csv", "ReportsToId"):
        return values.get("AccountId") in scope.accounts
    return scope.uses(name, values)


def _check_opportunities(export: Export, scope: _Scope) -> None:
    """``CloseDate`` and ``IsClosed`` of the imported accounts' opportunities."""
    table = export["Opportunity.csv"]
    for row, values in table.rows:
        if not scope.uses("Opportunity.csv", values):
            continue
        date = values.get("CloseDate", "")
        if date and _parse_date(date) is None:
            export.problem(table, row, "CloseDate", _date_fault(date))
        closed = values.get("IsClosed", "").lower()
        if closed not in _TRUE + _FALSE:
            export.problem(
                table,
                row,
                "IsClosed",
                Msg("expected true or false, got '{value}'", value=values.get("IsClosed", "")),
            )


def _refuse(export: Export) -> None:
    """Raise every issue found, file by file (in :data:`FILES` order), then by row."""
    if not export.issues:
        return
    order = {export[name].file: position for position, name in enumerate(FILES)}
    issues = sorted(export.issues, key=lambda i: (order.get(i.file, len(order)), i.line or 0))
    raise ValidationError(issues, _summary(export))


def _account_info(named: dict[str, str], ids: _Ids, language: str | None, merging: bool) -> dict[str, Any]:
    """The ``account`` mapping of the named account; ``language`` said when other than English.

    A blank ``Name`` is the ``Id`` in a new file; merging, it keeps the file's name, as every empty
    CRM value keeps the file's value.
    """
    return {
        "id": ids.known[("organizations", named["Id"])],
        "name": (named.get("Name") or "").strip() or (None if merging else named["Id"]),
        "segment": named.get("Industry"),
        "owner": ids.known.get(("team", named.get("OwnerId", ""))),
        SF_ID: named["Id"],
        "language": language if language not in (None, "en") else None,
    }


def _date_fault(text: str) -> Msg:
    """Why a ``CloseDate`` is no date: a day that does not exist as a file's date says it (either
    way of writing it), anything else names the two ways.

    >>> print(_date_fault("31.02.2027")), print(_date_fault("02/31/2027"))
    '31.02.2027' is not a date: that day does not exist (February 2027 has 28 days)
    bad date '02/31/2027' (expected YYYY-MM-DD or DD.MM.YYYY)
    (None, None)
    """
    iso = dotted_iso(text)
    if _DATE.match(iso):
        fault = date_fault(iso)
        if fault is not None:
            return fault.replace(text=text)
    return Msg("bad date '{value}' (expected YYYY-MM-DD or DD.MM.YYYY)", value=text)


def _parse_date(text: str) -> dt.date | None:
    """A ``YYYY-MM-DD`` date, or a ``DD.MM.YYYY`` one; None for anything else or a day that does not exist.

    >>> _parse_date("2027-03-01"), _parse_date("01.03.2027"), _parse_date("03/01/2027"), _parse_date("31.02.2027")
    (datetime.date(2027, 3, 1), datetime.date(2027, 3, 1), None, None)
    """
    text = dotted_iso(text)
    if not _DATE.match(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


#: an amount as Excel in a Russian (German, French…) locale writes it: the digits whole or
#: grouped by threes with spaces (or no-break spaces), then maybe a decimal comma with one or two
#: digits. A comma before three digits ("1,234", "150,000") stays text: an English export writes
#: it between thousands, and a Salesforce amount never has three decimals to tell them apart.
_LOCAL_AMOUNT = re.compile(r"^-?(?:[0-9]+|[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+)(?:,[0-9]{1,2})?\Z")


def _amount(text: str) -> float | str | None:
    """An opportunity amount as a number where it reads as one (kept as text otherwise).

    The same rule in every file, whatever its separator: only a form no locale reads otherwise
    is a number.

    >>> _amount("1500000.50"), _amount("1 500 000,50"), _amount("250000000,00"), _amount("30000000,5")
    (1500000.5, 1500000.5, 250000000.0, 30000000.5)
    >>> _amount("150,000"), _amount("1,234"), _amount("1,234.50"), _amount("about 2M"), _amount("")
    ('150,000', '1,234', '1,234.50', 'about 2M', None)
    """
    if not text:
        return None
    if _LOCAL_AMOUNT.match(text):
        text = re.sub(r"[ \u00a0\u202f]", "", text).replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        return text
    return number if math.isfinite(number) else text


def _find_account(export: Export, wanted: str) -> dict[str, str]:
    rows = [values for _, values in export["Account.csv"].rows]
    for values in rows:  # the 18-character Id, or its 15-character form from a report URL
        if values.get("Id") == wanted or (len(wanted) == 15 and values.get("Id", "")[:15] == wanted):
            return values
    named = [v for v in rows if v.get("Name") == wanted] or [
        v for v in rows if v.get("Name", "").casefold() == wanted.casefold()
    ]
    shown = export["Account.csv"].file
    if len(named) > 1:
        ids = ", ".join(v["Id"] for v in named)
        raise SourceError(
            NMsg(
                "{file}: --account '{account}' names {n} accounts ({ids}); pass the Id",
                "{file}: --account '{account}' names {n} accounts ({ids}); pass the Id",
                len(named),
                file=shown,
                account=wanted,
                ids=ids,
            )
        )
    if not named:
        match = difflib.get_close_matches(wanted, [v.get("Name", "") for v in rows], n=1, cutoff=0.6)
        hint = Msg(" (did you mean '{name}'?)", name=match[0]) if match else ""
        raise SourceError(
            Msg(
                "{file}: no account with Id or Name '{account}'{suggestion}",
                file=shown,
                account=wanted,
                suggestion=hint,
            )
        )
    return named[0]


def _tree(export: Export, named: dict[str, str]) -> list[dict[str, str]]:
    """The named account's ancestors (root first), itself, then its descendants breadth first.

    A cycle in ``ParentId`` is reported (the chain stops there), for :func:`_refuse` to raise.
    """
    table = export["Account.csv"]
    by_id = {values["Id"]: values for _, values in table.rows}
    row_of = {values["Id"]: row for row, values in table.rows}
    chain, seen = [named], {named["Id"]}
    while (parent := chain[0].get("ParentId")) and parent in by_id:  # an unknown one is reported
        if parent in seen:
            ring = " -> ".join([parent, *(v["Id"] for v in chain[: chain.index(by_id[parent]) + 1])])
            export.problem(table, row_of[parent], "ParentId", Msg("cycle in ParentId: {cycle}", cycle=ring))
            break
        seen.add(parent)
        chain.insert(0, by_id[parent])
    children: dict[str, list[dict[str, str]]] = {}
    for _, values in table.rows:
        if values.get("ParentId"):
            children.setdefault(values["ParentId"], []).append(values)
    queue, out = [named], list(chain)
    while queue:
        node = queue.pop(0)
        for child in sorted(children.get(node["Id"], []), key=lambda v: (v.get("Name", ""), v["Id"])):
            if child["Id"] not in seen:
                seen.add(child["Id"])
                out.append(child)
                queue.append(child)
    return out


def _summary(export: Export) -> Msg:
    folder = os.path.dirname(export["Account.csv"].file) or "."
    return Msg("the Salesforce export in {folder} cannot be imported", folder=folder)


def _contact_cycles(export: Export, imported: dict[str, tuple[int, dict[str, str]]]) -> None:
    """Report each ``ReportsToId`` cycle among imported contacts once."""
    done: set[str] = set()
    for start in imported:
        chain: list[str] = []
        node: str | None = start
        while node in imported and node not in done and node not in chain:
            chain.append(node)
            node = imported[node][1].get("ReportsToId") or None
        if node in chain and node is not None and chain[-1] != node:  # reporting to itself: said apart
            ring = [*chain[chain.index(node) :], node]
            row = imported[node][0]
            export.problem(
                export["Contact.csv"],
                row,
                "ReportsToId",
                Msg("cycle in ReportsToId: {cycle}", cycle=" -> ".join(ring)),
            )
        done.update(chain)


def _deals(export: Export, accounts: set[str]) -> set[str]:
    """The ids of the opportunities of ``accounts``, open or closed."""
    return {v["Id"] for _, v in export["Opportunity.csv"].rows if v.get("AccountId") in accounts}


def _roles(export: Export, accounts: set[str], contacts: set[str]) -> dict[str, list[str]]:
    """Every contact-role value per contact: opportunity roles, then account relations."""
    opportunities = _deals(export, accounts)
    values: dict[str, list[str]] = {}
    for _, v in export["OpportunityContactRole.csv"].rows:
        if v.get("OpportunityId") in opportunities and v.get("ContactId") in contacts and v.get("Role"):
            values.setdefault(v["ContactId"], []).append(v["Role"])
    for _, v in export["AccountContactRelation.csv"].rows:
        if v.get("AccountId") in accounts and v.get("ContactId") in contacts:
            for role in v.get("Roles", "").split(";"):
                if role.strip():
                    values.setdefault(v["ContactId"], []).append(role.strip())
    return values


def _mapped(values: list[str]) -> tuple[list[str], list[str]]:
    """(influence roles in vocabulary order, unmapped values in order seen)."""
    roles = {ROLE_MAP[v.casefold()] for v in values if v.casefold() in ROLE_MAP}
    unmapped: list[str] = []
    for v in values:
        if v.casefold() not in ROLE_MAP and v not in unmapped:
            unmapped.append(v)
    return sorted(roles, key=ROLES.index), unmapped


def _clean(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if v not in (None, "", [])}


class _Ids:
    """Final ids: the merged file's own for records it already has, fresh readable slugs otherwise."""

    def __init__(self, existing: dict[str, Any] | None):
        self.known: dict[tuple[str, Any], str] = {}
        taken: list[str] = []
        for section, records in (existing or {}).items():
            if not isinstance(records, list):
                continue
            for rec in records:
                if isinstance(rec, dict) and isinstance(rec.get("id"), str):
                    taken.append(rec["id"])
                    if rec.get(SF_ID) is not None:
                        self.known.setdefault((section, str(rec[SF_ID])), rec["id"])
                    if section == "units":
                        self.known.setdefault(
                            (section, (rec.get("organization"), rec.get("name"))), rec["id"]
                        )
        self.fresh = IdAllocator(taken)

    def get(self, section: str, key: Any, name: str, fallback: str) -> str:
        if (section, key) not in self.known:
            self.known[(section, key)] = self.fresh.new(name, fallback)
        return self.known[(section, key)]


def _organizations(tree: list[dict[str, str]], ids: _Ids) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for values in tree:
        parent = values.get("ParentId")
        parent_id = ids.known.get(("organizations", parent)) if parent else None
        name = (values.get("Name") or "").strip()  # a blank name: the id is made of the CRM's Id
        ident = ids.get("organizations", values["Id"], name or values["Id"], "organization")
        kind = "holding" if not out else "subsidiary"
        out.append(
            _clean(
                {
                    "id": ident,
                    "name": name,
                    "kind": kind,
                    "parent": parent_id,
                    SF_ID: values["Id"],
                }
            )
        )
    return out


def _related(export: Export, accounts: set[str], imported: set[str]) -> list[dict[str, str]]:
    """Contacts of accounts not imported who still belong to the buying team, in file order.

    An imported account relates to them (``AccountContactRelation``) or they
    hold a role on one of its opportunities: a consultant, a holding's
    adviser, a partner's engineer. They are people of the account employed
    elsewhere.
    """
    deals = _deals(export, accounts)
    wanted = {
        v.get("ContactId")
        for _, v in export["AccountContactRelation.csv"].rows
        if v.get("AccountId") in accounts
    }
    wanted |= {
        v.get("ContactId")
        for _, v in export["OpportunityContactRole.csv"].rows
        if v.get("OpportunityId") in deals
    }
    return [v for _, v in export["Contact.csv"].rows if v["Id"] in wanted and v["Id"] not in imported]


def _contacts(export: Export, accounts: set[str]) -> list[dict[str, str]]:
    """The contacts to import: the imported accounts' own, then the buying team's people
    employed elsewhere (:func:`_related`)."""
    own = {v["Id"]: v for _, v in export["Contact.csv"].rows if v.get("AccountId") in accounts}
    return [*own.values(), *_related(export, accounts, set(own))]


def _employer(names: dict[str, str], contact: dict[str, str], t: Translator) -> str:
    """The note on a contact employed elsewhere: the account that employs them, by name (``names``
    by account id), in ``t``'s language (the file's)."""
    account = contact.get("AccountId", "")
    if not account:
        return t.gettext("Salesforce: a contact of no account")
    return t.tr("Salesforce: a contact of {account}", account=names.get(account, account))


def _people(
    export: Export, contacts: list[dict[str, str]], accounts: set[str], ids: _Ids, t: Translator
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(units, people) of the imported contacts, in file order; ``contacts`` of an account not
    imported (:func:`_related`) come as informal people, with no unit and no manager."""
    units: list[dict[str, Any]] = []
    unit_of: dict[tuple[str, str], str] = {}
    for c in (c for c in contacts if c.get("AccountId") in accounts):
        org = ids.known[("organizations", c["AccountId"])]
        dept = c.get("Department", "")
        if dept and (org, dept) not in unit_of:
            unit_of[(org, dept)] = ids.get("units", (org, dept), dept, "unit")
            units.append({"id": unit_of[(org, dept)], "name": dept, "organization": org})
    for c in contacts:
        name = " ".join(p for p in (c.get("FirstName", ""), c.get("LastName", "")) if p) or c["Id"]
        ids.get("people", c["Id"], name, "person")
    role_values = _roles(export, accounts, {c["Id"] for c in contacts})
    people = []
    employers = {v["Id"]: v.get("Name") or v["Id"] for _, v in export["Account.csv"].rows}
    for c in contacts:
        roles, unmapped = _mapped(role_values.get(c["Id"], []))
        inside = c.get("AccountId") in accounts
        home = ids.known[("organizations", c["AccountId"])] if inside else None
        manager = c.get("ReportsToId", "") if inside else ""
        notes = [] if inside else [_employer(employers, c, t)]
        notes += [t.tr("Salesforce contact roles: {roles}", roles=", ".join(unmapped))] if unmapped else []
        record = {
            "id": ids.known[("people", c["Id"])],
            "name": " ".join(p for p in (c.get("FirstName", ""), c.get("LastName", "")) if p) or c["Id"],
            "title": c.get("Title"),
            "unit": unit_of.get((home, c.get("Department", ""))) if home else None,
            "informal": None if inside else True,
            "reports_to": ids.known.get(("people", manager)) if manager else None,
            "email": c.get("Email"),
            "phone": c.get("Phone") or c.get("MobilePhone"),
            "roles": roles,
            "notes": "; ".join(notes) or None,
            SF_ID: c["Id"],
        }
        people.append(_clean(record))
    return units, people


def _team_and_tenders(
    export: Export, tree: list[dict[str, str]], ids: _Ids
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    accounts = {v["Id"] for v in tree}
    open_deals = [
        v
        for _, v in export["Opportunity.csv"].rows
        if v.get("AccountId") in accounts and v.get("IsClosed", "").lower() in _FALSE
    ]
    users = {v["Id"]: v for _, v in export["User.csv"].rows}
    team: list[dict[str, Any]] = []
    seen: set[str] = set()
    for values in [*tree, *open_deals]:
        owner = values.get("OwnerId", "")
        if owner in users and owner not in seen:
            seen.add(owner)
            name = users[owner].get("Name") or owner
            team.append({"id": ids.get("team", owner, name, "member"), "name": name, SF_ID: owner})
    tenders = []
    for v in open_deals:
        record = {
            "id": ids.get("tenders", v["Id"], v.get("Name", ""), "tender"),
            "title": v.get("Name"),
            "submission": _parse_date(v.get("CloseDate", "")),
            SF_ID: v["Id"],
            "x-salesforce-stage": v.get("StageName"),
            "x-salesforce-amount": _amount(v.get("Amount", "")),
        }
        tenders.append(_clean(record))
    return team, tenders


#: fields a newer export refreshes; everything else in a merged record is the team's own
CRM_FIELDS = {
    "account": ("name", "segment", "owner"),
    "organizations": ("name", "parent"),
    "units": ("name", "organization"),
    "people": ("name", "title", "unit", "reports_to", "email", "phone"),
    "team": ("name",),
    "tenders": ("title", "submission", "x-salesforce-stage", "x-salesforce-amount"),
}
SECTIONS = ("organizations", "units", "people", "team", "tenders")


def _refresh(section: str, old: dict[str, Any], new: dict[str, Any], keep: frozenset[str]) -> dict[str, Any]:
    """The old record with its CRM fields refreshed (an empty CRM value keeps the old one).

    ``keep`` holding ``"roles"``: the export lacks a file the roles come from, so a person's CRM
    roles are kept too (the export's added), not replaced.
    """
    out = dict(old)
    for key in CRM_FIELDS[section]:
        if new.get(key) not in (None, ""):
            out[key] = new[key]
    for key, value in new.items():
        out.setdefault(key, value)  # e.g. notes or kind the file did not have yet
    if section == "people":
        kept = {r for r in old.get("roles") or [] if "roles" in keep or r not in CRM_ROLES}
        roles = sorted(kept | set(new.get("roles", [])), key=ROLES.index)
        if roles:
            out["roles"] = roles
        else:
            out.pop("roles", None)
    return out


def _key(section: str, record: Any) -> Any:
    if not isinstance(record, dict):
        return None
    if section == "units":
        return (record.get("organization"), record.get("name"))
    return str(record[SF_ID]) if record.get(SF_ID) is not None else None


def _merge_section(
    section: str, old: list[Any], new: list[dict[str, Any]], keep: frozenset[str]
) -> list[Any]:
    """``old`` refreshed by ``new`` (:func:`_refresh`), then the new records; a tender whose
    opportunity the export does not have is removed, unless ``keep`` holds ``"tenders"``
    (the export has no Opportunity.csv)."""
    fresh = {_key(section, r): r for r in new}
    used: set[Any] = set()
    out: list[Any] = []
    for record in old:
        key = _key(section, record)
        if key is not None and key in fresh:
            out.append(_refresh(section, record, fresh[key], keep))
            used.add(key)
        elif section == "tenders" and key is not None and "tenders" not in keep:
            continue  # the opportunity is closed or gone: no longer a tender
        else:
            out.append(record)  # hand-entered, or gone from the CRM but maybe still referenced
    out.extend(r for r in new if _key(section, r) not in used)
    return out


def _assemble(
    existing: dict[str, Any] | None,
    account: dict[str, Any],
    sections: dict[str, list],
    keep: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    if existing is None:
        doc: dict[str, Any] = {"format": FORMAT, "account": account}
        doc.update({name: records for name, records in sections.items() if records})
        return doc
    doc = dict(existing)
    old_account = existing.get("account") or {}
    doc["account"] = _refresh("account", old_account, account, keep) | {
        "id": old_account.get("id", account["id"])
    }
    merged = {name: _merge_section(name, existing.get(name) or [], sections[name], keep) for name in SECTIONS}
    order = ("format", "account", *LIST_SECTIONS)
    result = {k: (merged[k] if k in merged else doc[k]) for k in order if (merged.get(k) or doc.get(k))}
    result.update({k: v for k, v in doc.items() if k not in order})
    return result


def _same_id(a: str, b: str) -> bool:
    """Whether two Salesforce ids name one record: equal, or one the 15-character form of the other.

    >>> _same_id("001A0000000STLAAX", "001A0000000STLA"), _same_id("001A0000000STLA", "001A0000000PIPA")
    (True, False)
    """
    return a == b or (15 in (len(a), len(b)) and min(len(a), len(b)) >= 15 and a[:15] == b[:15])


def _file_account_ids(existing: dict[str, Any]) -> list[str]:
    """The Salesforce ids the file to merge into gives its account.

    The account's own ``x-salesforce-id`` and that of the organization the
    account's ``id`` names (either may have been removed by hand).
    """
    info = existing.get("account")
    if not isinstance(info, dict):
        return []
    ids = [str(info[SF_ID])] if info.get(SF_ID) is not None else []
    for org in existing.get("organizations") or []:
        if isinstance(org, dict) and org.get("id") == info.get("id") and org.get(SF_ID) is not None:
            ids.append(str(org[SF_ID]))
    return ids


def _check_same_account(
    existing: dict[str, Any], named: dict[str, str], existing_name: str | os.PathLike[str] | None
) -> None:
    """Refuse to merge the named account into a file about another one (that would mix two clients).

    Every Salesforce id the file gives its account (:func:`_file_account_ids`)
    must be the named account's ``Id``. A file with none (made by hand, or its
    ids removed) is refused too: nothing shows which client it is, and no
    record of it would match the CRM's, so all of them would be added again.

    Raises
    ------
    SourceError
        Naming the file's account (its id, else its name) and the one ``--account`` chose.
    """
    ids = _file_account_ids(existing)
    other = next((i for i in ids if not _same_id(i, named["Id"])), None)
    if ids and other is None:
        return
    shown = os.fspath(existing_name) if existing_name is not None else Msg("the file to merge into")
    info = existing.get("account")
    info = info if isinstance(info, dict) else {}
    name = str(info.get("name") or info.get("id") or "")
    chosen = f"'{named.get('Name') or named['Id']}' ({named['Id']})"
    if other is not None:
        raise SourceError(
            Msg(
                "{file}: account: the file is about '{name}' (x-salesforce-id {other}), not {chosen} that "
                "--account chose; merging would mix two clients (to refresh this file, pass --account {other})",
                file=shown,
                name=name,
                other=other,
                chosen=chosen,
            )
        )
    raise SourceError(
        Msg(
            "{file}: account: the file's account '{name}' has no x-salesforce-id, so nothing shows it is "
            "{chosen} that --account chose; if it is, add 'x-salesforce-id: {id}' to its account "
            "(and each organization's and person's Salesforce Id, or they are added again), "
            "else leave out --merge",
            file=shown,
            name=name,
            chosen=chosen,
            id=named["Id"],
        )
    )


#: the optional files the people's CRM roles come from
ROLE_FILES = ("Opportunity.csv", "OpportunityContactRole.csv", "AccountContactRelation.csv")


def _kept(
    export: Export, existing_name: str | os.PathLike[str] | None, notes: list[Msg] | None
) -> frozenset[str]:
    """What a merge keeps from ``file`` as it is because the export lacks the files that refresh it.

    A missing optional file says nothing about the CRM (an export of contacts only, say): without
    Opportunity.csv the file's tenders stay; without a file the roles come from, the people keep
    their CRM roles and gain the export's. Each is said in ``notes`` (naming ``existing_name``).
    """
    absent = [name for name in ROLE_FILES if not export[name].columns]
    file = os.fspath(existing_name) if existing_name is not None else Msg("the file to merge into")
    keep = set()
    if "Opportunity.csv" in absent:
        keep.add("tenders")
        if notes is not None:
            notes.append(Msg("kept the tenders of {file}: the export has no Opportunity.csv", file=file))
    if absent:
        keep.add("roles")
        if notes is not None:
            notes.append(
                Msg(
                    "kept the people's Salesforce roles in {file} (and added the export's): "
                    "the export has no {files}",
                    file=file,
                    files=", ".join(absent),
                )
            )
    return frozenset(keep)


def import_salesforce(
    folder: str | os.PathLike[str],
    account: str,
    existing: dict[str, Any] | None = None,
    *,
    existing_name: str | os.PathLike[str] | None = None,
    language: str | None = None,
    notes: list[Msg] | None = None,
) -> dict[str, Any]:
    """Build (or refresh) an ``influence/v1`` document from a Salesforce data export.

    Parameters
    ----------
    folder : path
        The export folder: ``Account.csv``, ``Contact.csv`` and, when present,
        ``Opportunity.csv``, ``OpportunityContactRole.csv``,
        ``AccountContactRelation.csv``, ``User.csv``.
    account : str
        The named account: its Salesforce ``Id`` or ``Name``.
    existing : dict, optional
        A previously imported (and since edited) document to merge into:
        records are matched by ``x-salesforce-id``, CRM fields refreshed,
        everything entered by hand kept. Its account must carry the named
        account's ``x-salesforce-id`` (on the account or on the organization
        its ``id`` names), and no other.
    existing_name : path or str, optional
        How messages name ``existing`` (its file).
    language : {"en", "ru"}, optional
        The language of the notes the import writes; a new document other than English says
        it (``account.language``). A merge keeps the language of ``existing``.
    notes : list, optional
        Given, a merge appends what it kept of ``existing`` unrefreshed because the export
        lacks the optional files that would refresh it (its tenders, its people's CRM roles).

    Returns
    -------
    dict
        The plain document, not yet validated (see :func:`checked_text`).

    Raises
    ------
    ValidationError
        Every ``FILE:ROW: COLUMN: REASON`` problem of the export.
    SourceError
        A missing folder, a file that is not UTF-8, an unknown or ambiguous
        account, an ``existing`` document about another account.

    Examples
    --------
    >>> doc = import_salesforce("examples/salesforce", "УралМет Сталь")
    >>> doc["account"]["id"], doc["organizations"][0]["kind"], len(doc["people"])
    ('uralmet-stal', 'holding', 9)
    """
    export = read_export(folder)
    _refuse(export)  # the files' structure first: the values are read by it
    named = _find_account(export, account)
    if existing is not None:
        _check_same_account(existing, named, existing_name)
    tree = _tree(export, named)
    accounts = {v["Id"] for v in tree}
    _check_values(export, _Scope.of(export, accounts))
    _refuse(export)
    contacts = _contacts(export, accounts)
    ids = _Ids(existing)
    organizations = _organizations(tree, ids)
    if existing is not None:
        language = (existing.get("account") or {}).get("language") or language
    units, people = _people(export, contacts, accounts, ids, translator(language))
    team, tenders = _team_and_tenders(export, tree, ids)
    info = _account_info(named, ids, language if existing is None else None, existing is not None)
    sections = {
        "organizations": organizations,
        "units": units,
        "people": people,
        "team": team,
        "tenders": tenders,
    }
    keep = frozenset() if existing is None else _kept(export, existing_name, notes)
    return _assemble(existing, _clean(info), sections, keep)
