"""Validation of ``influence/v1`` documents and construction of the model.

:func:`validate_document` collects **every** problem of a document (not only
the first) as :class:`~influence.errors.Issue` rows in document order;
:func:`build_account` turns a clean document into an
:class:`~influence.model.Account` or raises
:class:`~influence.errors.ValidationError` with all of them.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from influence.document import Document
from influence.errors import Issue, ValidationError
from influence.i18n import LANGUAGES
from influence.model import (
    ACTIVITY_KINDS,
    ACTIVITY_STATUSES,
    AWARENESS,
    FORMAT,
    ID_PATTERN,
    LINK_TYPES,
    ORG_KINDS,
    ROLES,
    STANCE_NAMES,
    STRENGTH_WORDS,
    Account,
    AccountInfo,
    Activity,
    Competitor,
    CompetitorTie,
    Link,
    Organization,
    Person,
    Relationship,
    TeamMember,
    Tender,
    Unit,
)

__all__ = ["build_account", "format_location", "validate_document"]

_ID_RE = re.compile(ID_PATTERN)
_MMDD_RE = re.compile(r"^(\d{2})-(\d{2})$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_Loc = tuple


def format_location(path: _Loc) -> str:
    """Render a location tuple as ``people[3].unit``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(document)"


def _describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"number {value!r}"
    if isinstance(value, dt.date):
        return f"date {value.isoformat()}"
    if isinstance(value, str):
        return f"text '{value}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__  # pragma: no cover


def _suggest(value: str, choices: Any) -> str:
    if not isinstance(value, str) or len(value) > 200:
        return ""
    match = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{match[0]}'?)" if match else ""


def _allowed(choices: Any) -> str:
    return ", ".join(choices)


class _Checker:
    """Collects issues while converting raw values into typed ones."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.issues: list[tuple[int, int, Issue]] = []
        self._seq = 0

    def line(self, path: _Loc) -> int | None:
        lines = self.doc.lines
        while True:
            if path in lines:
                return lines[path]
            if not path:
                return None
            path = path[:-1]

    def error(self, path: _Loc, reason: str) -> None:
        line = self.line(path)
        self._seq += 1
        issue = Issue(self.doc.file, line, format_location(path), reason)
        self.issues.append((line if line is not None else 0, self._seq, issue))

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
    c.error(path, f"expected text, got {_describe(v)}")
    return False, None


def _id(c: _Checker, path: _Loc, v: Any) -> tuple[bool, Any]:
    if not isinstance(v, str):
        if isinstance(v, int) and not isinstance(v, bool) and _ID_RE.match(str(v)):
            v = str(v)
        else:
            c.error(path, f"malformed id: expected text, got {_describe(v)}")
            return False, None
    if not _ID_RE.match(v):
        c.error(
            path, f"malformed id '{v}' (ids match {ID_PATTERN}: lower-case letters, digits, '_', '.', '-')"
        )
        return False, None
    return True, v


def _bool(c: _Checker, path: _Loc, v: Any) -> tuple[bool, Any]:
    if isinstance(v, bool):
        return True, v
    c.error(path, f"expected true or false, got {_describe(v)}")
    return False, None


def _date(c: _Checker, path: _Loc, v: Any) -> tuple[bool, Any]:
    if isinstance(v, dt.datetime):
        c.error(path, f"bad date '{v.isoformat()}' (expected YYYY-MM-DD, without a time)")
        return False, None
    if isinstance(v, dt.date):
        return True, v
    if isinstance(v, str) and _DATE_RE.match(v):
        try:
            return True, dt.date.fromisoformat(v)
        except ValueError:
            pass
    shown = v if isinstance(v, str) else _describe(v)
    c.error(path, f"bad date '{shown}' (expected YYYY-MM-DD)")
    return False, None


def _mmdd(c: _Checker, path: _Loc, v: Any) -> tuple[bool, Any]:
    m = _MMDD_RE.match(v) if isinstance(v, str) else None
    if m:
        try:
            dt.date(2000, int(m.group(1)), int(m.group(2)))
            return True, v
        except ValueError:
            pass
    shown = v if isinstance(v, str) else _describe(v)
    c.error(path, f"bad month-day '{shown}' (expected MM-DD, e.g. '01-01')")
    return False, None


def _number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _strength(zero_ok: bool) -> Conv:
    def conv(c: _Checker, path: _Loc, v: Any) -> tuple[bool, Any]:
        if isinstance(v, str) and v in STRENGTH_WORDS:
            return True, STRENGTH_WORDS[v]
        if _number(v) and (0 < v <= 1 or (zero_ok and v == 0)):
            return True, float(v)
        field = path[-1]
        rng = "[0, 1]" if zero_ok else "(0, 1]"
        if isinstance(v, str):
            hint = _suggest(v, STRENGTH_WORDS)
            c.error(path, f"invalid {field} '{v}'{hint}; allowed: a number in {rng}, weak, medium, strong")
        else:
            c.error(
                path, f"{field} {_describe(v)} out of range; allowed: a number in {rng}, weak, medium, strong"
            )
        return False, None

    return conv


def _stance(c: _Checker, path: _Loc, v: Any) -> tuple[bool, Any]:
    if isinstance(v, str) and v in STANCE_NAMES:
        return True, STANCE_NAMES[v]
    if isinstance(v, int) and not isinstance(v, bool) and -2 <= v <= 2:
        return True, v
    shown = f"'{v}'" if isinstance(v, str) else _describe(v)
    hint = _suggest(v, STANCE_NAMES) if isinstance(v, str) else ""
    c.error(path, f"invalid stance {shown}{hint}; allowed: -2..2, {_allowed(STANCE_NAMES)}")
    return False, None


def _choice(name: str, choices: tuple[str, ...]) -> Conv:
    def conv(c: _Checker, path: _Loc, v: Any) -> tuple[bool, Any]:
        if isinstance(v, str) and v in choices:
            return True, v
        shown = f"'{v}'" if isinstance(v, str) else _describe(v)
        hint = _suggest(v, choices)
        c.error(path, f"invalid {name} {shown}{hint}; allowed: {_allowed(choices)}")
        return False, None

    return conv


def _range(name: str, low: float, high: float | None) -> Conv:
    def conv(c: _Checker, path: _Loc, v: Any) -> tuple[bool, Any]:
        if _number(v) and not math.isnan(v) and v >= low and (high is None or v <= high):
            return True, v
        bounds = f"{low:g} to {high:g}" if high is not None else f"a number ≥ {low:g}"
        c.error(path, f"{name} {_describe(v)} out of range; allowed: {bounds}")
        return False, None

    return conv


def _list_of(item: Conv) -> Conv:
    def conv(c: _Checker, path: _Loc, v: Any) -> tuple[bool, Any]:
        if not isinstance(v, list):
            c.error(path, f"expected a list, got {_describe(v)}")
            return False, None
        out, ok = [], True
        for i, x in enumerate(v):
            good, value = item(c, (*path, i), x)
            ok &= good
            if good and value not in out:
                out.append(value)
        return ok, tuple(out)

    return conv


@dataclass(frozen=True)
class _F:
    conv: Conv
    required: bool = False
    ref: str | None = None  # section whose ids this field refers to
    noun: str = ""  # what a dangling reference is called in messages
    exact: type | None = None  # a value of exactly this type is kept as it is (no call)


_TEXT = _F(_text, exact=str)
_DATE = _F(_date, exact=dt.date)
_BOOL = _F(_bool, exact=bool)
_STRENGTH = _F(_strength(False))


def _ref(section: str, noun: str, required: bool = False) -> _F:
    return _F(_id, required, section, noun)


SCHEMA: dict[str, dict[str, _F]] = {
    "account": {
        "id": _F(_id, True),
        "name": _F(_text, True),
        "segment": _TEXT,
        "owner": _ref("team", "team member"),
        "target_unit": _ref("units", "unit"),
        "target_rationale": _TEXT,
        "fiscal_year_start": _F(_mmdd),
        "next_review": _DATE,
        "language": _F(_choice("language", LANGUAGES)),
    },
    "organizations": {
        "id": _F(_id, True),
        "name": _TEXT,
        "kind": _F(_choice("organization kind", ORG_KINDS)),
        "parent": _ref("organizations", "organization"),
        "ownership": _F(_range("ownership", 0, 100)),
    },
    "units": {
        "id": _F(_id, True),
        "name": _TEXT,
        "organization": _ref("organizations", "organization"),
        "parent": _ref("units", "unit"),
    },
    "people": {
        "id": _F(_id, True),
        "name": _TEXT,
        "title": _TEXT,
        "unit": _ref("units", "unit"),
        "reports_to": _ref("people", "person"),
        "email": _TEXT,
        "phone": _TEXT,
        "roles": _F(_list_of(_choice("role", ROLES))),
        "stance": _F(_stance),
        "awareness": _F(_choice("awareness", AWARENESS)),
        "pains": _F(_list_of(_text)),
        "offer": _TEXT,
        "notes": _TEXT,
        "informal": _BOOL,
        "private": _BOOL,
        "buying_team": _BOOL,
    },
    "links": {
        "from": _ref("people", "person", True),
        "to": _ref("people", "person", True),
        "type": _F(_choice("link type", LINK_TYPES), True),
        "strength": _STRENGTH,
        "back_strength": _F(_strength(True)),
        "private": _BOOL,
    },
    "team": {"id": _F(_id, True), "name": _TEXT, "role": _TEXT},
    "relationships": {
        "team": _ref("team", "team member", True),
        "person": _ref("people", "person", True),
        "strength": _STRENGTH,
        "last_contact": _DATE,
    },
    "competitors": {
        "id": _F(_id, True),
        "name": _TEXT,
        "incumbent": _BOOL,
        "relationships": _F(lambda c, path, v: (True, v)),  # checked as competitor_relationships
    },
    "competitor_relationships": {
        "person": _ref("people", "person", True),
        "strength": _STRENGTH,
    },
    "tenders": {"id": _F(_id, True), "title": _TEXT, "submission": _DATE},
    "activities": {
        "id": _F(_id, True),
        "kind": _F(_choice("activity kind", ACTIVITY_KINDS)),
        "date": _DATE,
        "targets": _F(_list_of(_id), ref="people", noun="person"),
        "owner": _ref("team", "team member"),
        "budget": _F(_range("budget", 0, None)),
        "status": _F(_choice("activity status", ACTIVITY_STATUSES)),
    },
}
LIST_SECTIONS = (
    "organizations",
    "units",
    "people",
    "links",
    "team",
    "relationships",
    "competitors",
    "tenders",
    "activities",
)
TOP_KEYS = ("format", "base_version", "account", *LIST_SECTIONS)
_REQUIRED = {name: tuple(k for k, f in fields.items() if f.required) for name, fields in SCHEMA.items()}
_REFS = {
    name: tuple((k, f) for k, f in fields.items() if f.ref is not None) for name, fields in SCHEMA.items()
}
ID_SECTIONS = ("organizations", "units", "people", "team", "competitors", "tenders", "activities")


def _record(c: _Checker, path: _Loc, raw: Any, name: str) -> dict[str, Any] | None:
    """Check one mapping against the schema ``name``; returns typed fields (bad ones left out)."""
    schema = SCHEMA[name]
    if not isinstance(raw, dict):
        c.error(path, f"expected a mapping, got {_describe(raw)}")
        return None
    out: dict[str, Any] = {}
    for key, value in raw.items():
        spec = schema.get(key)
        if spec is None:
            if isinstance(key, str) and key.startswith("x-"):  # schemas hold no "x-" keys
                out.setdefault("extras", {})[key] = value  # kept and ignored
            else:
                c.error((*path, key), f"unknown key '{key}'{_suggest(str(key), schema)}")
            continue
        if value is None:
            continue  # an empty value is an absent one
        if value.__class__ is spec.exact:
            out[key] = value
            continue
        ok, typed = spec.conv(c, (*path, key), value)
        if ok:
            out[key] = typed
    for key in _REQUIRED[name]:
        if raw.get(key) is None:
            c.error((*path, key), "missing required field")
    return out


def _section(c: _Checker, data: dict, name: str) -> list[tuple[_Loc, dict | None]]:
    raw = data.get(name)
    if raw is None:
        return []
    if not isinstance(raw, list):
        c.error((name,), f"expected a list, got {_describe(raw)}")
        return []
    return [((name, i), _record(c, (name, i), item, name)) for i, item in enumerate(raw)]


def _check_cycles(c: _Checker, rows: list[tuple[_Loc, dict | None]], field: str) -> None:
    """Report each cycle in a parent-like field once, at its first member in the list."""
    parent: dict[str, str] = {}
    where: dict[str, _Loc] = {}
    order: dict[str, int] = {}
    for i, (path, rec) in enumerate(rows):
        if rec and "id" in rec:
            order.setdefault(rec["id"], i)
            where.setdefault(rec["id"], path)
            if field in rec:
                parent.setdefault(rec["id"], rec[field])
    state: dict[str, int] = {}  # 1 = on the current chain, 2 = done
    for start in sorted(parent, key=order.__getitem__):
        chain: list[str] = []
        node: str | None = start
        while node is not None and node in parent and state.get(node) is None:
            state[node] = 1
            chain.append(node)
            node = parent[node]
        if node is not None and state.get(node) == 1:
            cycle = chain[chain.index(node) :]
            first = min(cycle, key=order.__getitem__)
            k = cycle.index(first)
            ring = cycle[k:] + cycle[:k] + [first]
            c.error((*where[first], field), f"cycle in {field}: {' -> '.join(ring)}")
        for n in chain:
            state[n] = 2


def validate_document(doc: Document) -> tuple[list[Issue], dict[str, Any]]:
    """Check a parsed document against every rule of SPEC section 2.

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
    """
    c = _Checker(doc)
    data = doc.data
    typed: dict[str, Any] = {}
    if not isinstance(data, dict):
        c.error((), f"expected a mapping with 'format' and 'account', got {_describe(data)}")
        return c.sorted_issues(), typed
    for key in data:
        if isinstance(key, str) and key.startswith("x-"):
            continue
        if key not in TOP_KEYS:
            c.error((key,), f"unknown key '{key}'{_suggest(str(key), TOP_KEYS)}")
    fmt = data.get("format")
    if fmt is None:
        c.error(("format",), f"missing required field (expected '{FORMAT}')")
    elif fmt != FORMAT:
        shown = f"'{fmt}'" if isinstance(fmt, str) else _describe(fmt)
        c.error(("format",), f"unknown format {shown} (expected '{FORMAT}')")
    base = data.get("base_version")
    if base is not None and (type(base) is not int or base < 1):
        c.error(("base_version",), f"invalid base version {_describe(base)} (expected a whole number from 1)")
        base = None
    account_raw = data.get("account")
    if account_raw is None:
        c.error(("account",), "missing required field")
        account = None
    else:
        account = _record(c, ("account",), account_raw, "account")
    sections = {name: _section(c, data, name) for name in LIST_SECTIONS}

    # competitors' nested relationships
    comp_ties: list[tuple[_Loc, dict | None]] = []
    for path, rec in sections["competitors"]:
        if rec is None:
            continue
        raw = data["competitors"][path[1]].get("relationships")
        rec.pop("relationships", None)
        if raw is None:
            continue
        rpath = (*path, "relationships")
        if not isinstance(raw, list):
            c.error(rpath, f"expected a list, got {_describe(raw)}")
            continue
        ties = []
        for j, item in enumerate(raw):
            tie = _record(c, (*rpath, j), item, "competitor_relationships")
            comp_ties.append(((*rpath, j), tie))
            ties.append(tie)
        rec["relationships"] = ties

    # ids: malformed ones were reported by the converters; now duplicates
    ids: dict[str, set[str]] = {name: set() for name in ID_SECTIONS}
    first_at: dict[str, _Loc] = {}
    for name in ID_SECTIONS:
        for path, rec in sections[name]:
            if rec is None or "id" not in rec:
                continue
            ident = rec["id"]
            if ident in first_at:
                c.error(
                    (*path, "id"),
                    f"duplicate id '{ident}' (first defined at {format_location(first_at[ident])})",
                )
                continue
            first_at[ident] = path
            ids[name].add(ident)

    # references
    def check_refs(path: _Loc, rec: dict | None, name: str) -> None:
        if rec is None:
            return
        for key, spec in _REFS[name]:
            if key not in rec:
                continue
            values = rec[key] if isinstance(rec[key], tuple) else (rec[key],)
            raw_list = isinstance(rec[key], tuple)
            for i, value in enumerate(values):
                if value not in ids[spec.ref]:
                    loc = (*path, key, i) if raw_list else (*path, key)
                    c.error(loc, f"unknown {spec.noun} '{value}'{_suggest(value, ids[spec.ref])}")

    if account:
        check_refs(("account",), account, "account")
    for name in LIST_SECTIONS:
        for path, rec in sections[name]:
            check_refs(path, rec, name)
    for path, tie in comp_ties:
        check_refs(path, tie, "competitor_relationships")

    # a link from a person to themself
    for path, rec in sections["links"]:
        if rec and "from" in rec and rec.get("from") == rec.get("to"):
            c.error(path, f"link from '{rec['from']}' to themself")

    _check_cycles(c, sections["organizations"], "parent")
    _check_cycles(c, sections["units"], "parent")
    _check_cycles(c, sections["people"], "reports_to")

    typed = {"account": account or {}, **{n: [r for _, r in sections[n]] for n in LIST_SECTIONS}}
    typed["extras"] = {k: v for k, v in data.items() if isinstance(k, str) and k.startswith("x-")}
    typed["base_version"] = base
    return c.sorted_issues(), typed


def _build(typed: dict[str, Any]) -> Account:
    def rows(name: str) -> list[dict[str, Any]]:
        return typed[name]

    def name_of(rec: dict[str, Any]) -> str:
        return rec.get("name", rec["id"])

    info = AccountInfo(**typed["account"])
    return Account(
        info=info,
        organizations=tuple(Organization(**{**r, "name": name_of(r)}) for r in rows("organizations")),
        units=tuple(Unit(**{**r, "name": name_of(r)}) for r in rows("units")),
        people=tuple(
            Person(**{**r, "name": name_of(r), "roles": tuple(sorted(r.get("roles", ()), key=ROLES.index))})
            for r in rows("people")
        ),
        links=tuple(
            Link(
                source=r["from"],
                target=r["to"],
                type=r["type"],
                strength=r.get("strength"),
                back_strength=r.get("back_strength"),
                private=r.get("private", False),
                extras=r.get("extras", {}),
            )
            for r in rows("links")
        ),
        team=tuple(TeamMember(**{**r, "name": name_of(r)}) for r in rows("team")),
        relationships=tuple(Relationship(**r) for r in rows("relationships")),
        competitors=tuple(
            Competitor(
                id=r["id"],
                name=name_of(r),
                incumbent=r.get("incumbent", False),
                relationships=tuple(CompetitorTie(**t) for t in r.get("relationships", ())),
                extras=r.get("extras", {}),
            )
            for r in rows("competitors")
        ),
        tenders=tuple(Tender(**r) for r in rows("tenders")),
        activities=tuple(Activity(**r) for r in rows("activities")),
        extras=typed["extras"],
        base_version=typed.get("base_version"),
    )


def build_account(doc: Document) -> Account:
    """Validate a parsed document and build the account.

    Parameters
    ----------
    doc : Document

    Returns
    -------
    Account

    Raises
    ------
    ValidationError
        With every issue found, when there is at least one.
    """
    issues, typed = validate_document(doc)
    if issues:
        raise ValidationError(issues)
    return _build(typed)
