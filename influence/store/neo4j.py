"""The Neo4j store: push, pull, list and delete accounts.

Every node carries ``account`` and ``id``; labels and relationship types come
from the fixed sets of the spec; every value travels as a query parameter.
A push replaces one account's subgraph in a single transaction, in UNWIND
batches, so the database holds the old version or the new one, never a mix.
The Cypher lives in the package's ``influence/cypher/`` folder.
"""

from __future__ import annotations

import builtins
import concurrent.futures
import contextlib
import datetime as dt
import difflib
import functools
import hashlib
import json
import logging
import math
import operator
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from influence.document import Document
from influence.errors import ConflictError, InfluenceError, Msg, NMsg, StoreError
from influence.model import Account
from influence.schema import RECORDS
from influence.store.config import Neo4jConfig, shown_uri
from influence.store.cypher import named_statements, statements
from influence.unprintable import escape_controls
from influence.version import __version__

__all__ = [
    "BATCH_SIZE",
    "READ_ATTEMPTS",
    "AccountSummary",
    "Neo4jStore",
    "PushPlan",
    "PushResult",
    "VersionInfo",
    "canonical_document",
    "file_digest",
    "push_plan",
]

BATCH_SIZE = 5000
#: how many times a read of an account starts again when a push landed while it ran
READ_ATTEMPTS = 5
_SCHEMA_NAME = re.compile(r"CREATE (?:CONSTRAINT|INDEX) (\w+) IF NOT EXISTS")
_T = TypeVar("_T")
URI_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
LINK_REL = {
    "reports_to": "REPORTS_TO",
    "influences": "INFLUENCES",
    "family": "FAMILY",
    "friend": "FRIEND",
    "former_colleague": "FORMER_COLLEAGUE",
    "informal": "INFORMAL",
}
REL_LINK = {v: k for k, v in LINK_REL.items()}
REL_TYPES = ("PART_OF", "IN", "WORKS_IN", "REPORTS_TO", *LINK_REL.values(), "KNOWS", "TARGETS", "OWNED_BY")
SECTIONS = (  # the node lists of a file, in write order after the account node
    "organizations",
    "units",
    "people",
    "team",
    "competitors",
    "tenders",
    "activities",
)


def _shown(text: str) -> str:
    """Stored or user text as a message quotes it: control characters and line breaks escaped.

    >>> _shown("ri\\nch")
    'ri\\\\nch'
    """
    return escape_controls(text)


# The driver logs connection trouble through `logging`; the store reports it
# itself, as one line, so keep the driver quiet.
logging.getLogger("neo4j").addHandler(logging.NullHandler())
logging.getLogger("neo4j").propagate = False


@dataclass(frozen=True)
class AccountSummary:
    """A row of ``influence db list``."""

    id: str
    name: str
    people: int
    buying_team: int
    pushed_at: dt.datetime | None
    version: int | None = None


def _tie(kind: str, a: tuple[str, str], b: tuple[str, str], **props: Any) -> tuple[str, dict[str, Any]]:
    return kind, {"from": a, "to": b, "props": _present(props)}


@dataclass
class PushPlan:
    """What a push writes: node rows per section and relationship rows per type.

    Attributes
    ----------
    account : str
    nodes : dict
        ``{section: [{id, props}]}`` in write order (``account`` first).
    ties : dict
        ``{TYPE: [{from: (section, id), to: (section, id), props}]}``.
    """

    account: str
    nodes: dict[str, list[dict[str, Any]]]
    ties: dict[str, list[dict[str, Any]]]

    @property
    def size(self) -> int:
        """Nodes plus relationships."""
        return sum(map(len, self.nodes.values())) + sum(map(len, self.ties.values()))


#: The node or relationship property holding a record's ``x-`` keys as JSON. The
#: Account node keeps the file's top-level ``x-`` keys under ``extras_json`` (as
#: before) and the ``account:`` block's own under ``block_extras_json``.
EXTRAS = "extras_json"
BLOCK_EXTRAS = "block_extras_json"


def _extras_json(extras: dict[str, Any]) -> str | None:
    """``x-`` keys as one JSON text (key order kept), or None when there are none.

    A date or a date and time (an unquoted YAML timestamp) becomes its ISO 8601
    text, exactly as the version's snapshot (:func:`canonical_document`) and
    JSON output write it, so the graph and the snapshot of one push agree and
    a pulled file pushed again unchanged stays unchanged.

    >>> _extras_json({"x-salesforce-id": "003A", "x-tags": ["a"]})
    '{"x-salesforce-id": "003A", "x-tags": ["a"]}'
    >>> _extras_json({"x-ts": dt.datetime(2026, 1, 1, 10, 0)})
    '{"x-ts": "2026-01-01T10:00:00"}'
    """
    return json.dumps(extras, ensure_ascii=False, default=_iso) if extras else None


@functools.cache
def _node_fields(section: str) -> tuple[str, ...]:
    """The model attributes a section's nodes store, ``id`` first (every field not stored as a relationship)."""
    names = tuple(f.attribute for f in RECORDS[section].fields if f.neo4j is None and f.type != "records")
    if names[0] != "id":
        raise AssertionError(f"{section}: the schema's first field is not id")
    return names


@functools.cache
def _reference_fields(section: str) -> tuple[tuple[str, str, str, bool], ...]:
    """``(attribute, relationship type, target section, is a list)`` of a section's references."""
    return tuple(
        (f.attribute, f.neo4j, f.ref, f.type == "list")
        for f in RECORDS[section].fields
        if f.neo4j is not None and f.ref is not None
    )


@functools.cache
def _list_fields(section: str) -> tuple[str, ...]:
    """The stored fields of a section that hold lists (tuples in the model)."""
    return tuple(f.attribute for f in RECORDS[section].fields if f.type == "list" and f.neo4j is None)


def _section_nodes(section: str, objs: Any, **more: Any) -> list[dict[str, Any]]:
    """The node rows of one section: every field not stored as a relationship, its ``x-`` keys, ``more``.

    A tuple is stored as a list; an empty one, and None, are left out (no property: the
    diff path removes every property of a node that its row lacks).
    """
    fields = _node_fields(section)
    values = operator.attrgetter(*fields) if len(fields) > 1 else (lambda obj: (obj.id,))
    lists = _list_fields(section)
    extras = BLOCK_EXTRAS if section == "account" else EXTRAS
    people = section == "people"
    keys = fields[1:]
    rows = []
    for i, obj in enumerate(objs):
        got = values(obj)
        props = dict(zip(keys, got[1:], strict=True))  # validated: only list fields hold lists
        for key in lists:
            props[key] = list(props[key]) or None if props[key] is not None else None
        props[extras] = _extras_json(obj.extras)
        if section != "account":
            props["idx"] = i
        if people:  # figures for queries in Neo4j Browser (ignored by pull)
            props["in_buying_team"] = obj.in_buying_team
            props["decision_maker"] = obj.is_decision_maker
        props.update(more)
        rows.append({"id": got[0], "props": _present(props)})
    return rows


def _account_nodes(account: Account) -> dict[str, list[dict[str, Any]]]:
    """The node rows of every section, in write order (``account`` first)."""
    nodes = {"account": _section_nodes("account", [account.info], **{EXTRAS: _extras_json(account.extras)})}
    for section in SECTIONS:
        nodes[section] = _section_nodes(section, getattr(account, section))
    return nodes


_SHORTHAND: dict[str, Any] = {"shorthand": True}  # the props of every reports_to shorthand (never changed)
_NO_PROPS: dict[str, Any] = {}


def _structure_ties(account: Account) -> Iterator[tuple[str, dict[str, Any]]]:
    """The references the record schema stores as relationships.

    PART_OF, IN, WORKS_IN, the ``reports_to`` shorthand (marked ``shorthand``),
    OWNED_BY and TARGETS (numbered ``idx`` in list order). Rows of the same
    kind share one props dict where the props are equal: nothing changes them.
    """
    for section in ("account", *SECTIONS):
        refs = _reference_fields(section)
        if not refs:
            continue
        objs = [account.info] if section == "account" else getattr(account, section)
        for attr, rel, target, many in refs:
            get = operator.attrgetter("id", attr)
            props = _SHORTHAND if rel == "REPORTS_TO" else _NO_PROPS
            for ident, value in map(get, objs):
                if value is None:
                    continue
                if many:
                    for pos, other in enumerate(value):
                        yield rel, {"from": (section, ident), "to": (target, other), "props": {"idx": pos}}
                else:
                    yield rel, {"from": (section, ident), "to": (target, value), "props": props}


def _influence_ties(account: Account) -> Iterator[tuple[str, dict[str, Any]]]:
    """Links between people, and our and competitors' relationships."""
    person = "people"
    for i, x in enumerate(account.links):
        yield _tie(
            LINK_REL[x.type],
            (person, x.source),
            (person, x.target),
            idx=i,
            strength=x.strength,
            back_strength=x.back_strength,
            private=x.private,
            extras_json=_extras_json(x.extras),
        )
    for i, r in enumerate(account.relationships):
        yield _tie(
            "KNOWS",
            ("team", r.team),
            (person, r.person),
            idx=i,
            strength=r.strength,
            last_contact=r.last_contact,
            extras_json=_extras_json(r.extras),
        )
    for c in account.competitors:
        for j, t in enumerate(c.relationships):
            yield _tie(
                "KNOWS",
                ("competitors", c.id),
                (person, t.person),
                idx=j,
                strength=t.strength,
                extras_json=_extras_json(t.extras),
            )


def push_plan(account: Account) -> PushPlan:
    """The node and relationship rows that represent an account in Neo4j.

    Parameters
    ----------
    account : Account

    Returns
    -------
    PushPlan

    Examples
    --------
    >>> from influence.loading import load_file
    >>> plan = push_plan(load_file("examples/uralmet.yaml"))
    >>> plan.account, len(plan.nodes["people"]) > 0
    ('uralmet', True)
    """
    by_type: dict[str, list[dict[str, Any]]] = {t: [] for t in REL_TYPES}
    for kind, row in (*_structure_ties(account), *_influence_ties(account)):
        by_type[kind].append(row)
    return PushPlan(account.id, _account_nodes(account), {k: v for k, v in by_type.items() if v})


def _batches(rows: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


#: properties of the Account node that record pushes, not content (never compared, pulled or fingerprinted)
BOOKKEEPING = ("pushed_at", "version", "revision", "push_digest", "graph_fingerprint")
_KEEP = frozenset({"account", "id", *BOOKKEEPING})
#: the APOC Core functions the fingerprint statements call (``fingerprint_*``, ``create_graph_fingerprint``)
FINGERPRINT_FUNCTIONS = (
    "apoc.util.sha256",
    "apoc.text.join",
    "apoc.coll.sort",
    "apoc.convert.toSortedJsonMap",
)


def _changed(current: dict[str, Any], props: dict[str, Any]) -> bool:
    """True when writing ``props`` (None = remove) would change a node's properties (a type too)."""
    return any(_differs(current.get(key), value) for key, value in props.items())


def _differs(a: Any, b: Any) -> bool:
    """Values that differ, or equal ones of different types (1, 1.0 and True; 0.0 and -0.0).

    >>> _differs(0, False), _differs(1.0, 1), _differs(["a"], ["a"]), _differs(-0.0, 0.0)
    (True, True, False, True)
    """
    if a != b or type(a) is not type(b):
        return True
    if type(a) is list:
        return any(map(_differs, a, b))
    return type(a) is float and a == 0.0 and math.copysign(1.0, a) != math.copysign(1.0, b)


def _native(value: Any) -> Any:
    to_native = getattr(value, "to_native", None)
    if callable(to_native):
        return to_native()
    if isinstance(value, list):
        return [_native(v) for v in value]
    return value


@dataclass(frozen=True)
class VersionInfo:
    """One stored version of an account (a row of ``influence db history``)."""

    version: int
    pushed_at: dt.datetime | None
    author: str | None
    message: str | None

    def to_dict(self) -> dict[str, Any]:
        """The JSON row: ``{version, pushed_at, author, message}`` (time in ISO 8601)."""
        stamp = self.pushed_at.isoformat() if self.pushed_at else None
        return {"version": self.version, "pushed_at": stamp, "author": self.author, "message": self.message}

    def describe(self) -> str:
        """One line: ``version 3 by olga at 2026-11-27 14:02 UTC ("message")``.

        The author and the message are shown with their control characters and
        line breaks escaped, so a stored text cannot add a line to a message.

        >>> VersionInfo(2, None, "bob", "fix\\nerror: fake").describe()
        'version 2 by bob at an unknown time ("fix\\\\nerror: fake")'

        A longer author or message is cut after :data:`SHOWN_TEXT` characters
        (``db history`` shows it whole).
        """
        return str(self.described())

    def described(self) -> Msg:
        """:meth:`describe` as a message of the catalogue (for errors said in the user's language)."""
        when: str | Msg = (
            self.pushed_at.strftime("%Y-%m-%d %H:%M UTC") if self.pushed_at else Msg("an unknown time")
        )
        said = f' ("{_shown(_short(self.message))}")' if self.message else ""
        if not self.author:
            return Msg(
                "version {version} by unknown at {when}{said}", version=self.version, when=when, said=said
            )
        return Msg(
            "version {version} by {author} at {when}{said}",
            version=self.version,
            author=_shown(_short(self.author)),
            when=when,
            said=said,
        )


#: the most characters of a stored author or message a line of a message shows
SHOWN_TEXT = 100


def _short(text: str) -> str:
    """A stored author or message as one line of a message shows it: cut after :data:`SHOWN_TEXT` characters.

    >>> _short("x" * 150)[-3:], len(_short("x" * 150)), _short("fix")
    ('xx…', 101, 'fix')
    """
    return text if len(text) <= SHOWN_TEXT else text[:SHOWN_TEXT] + "…"


@dataclass(frozen=True)
class PushResult:
    """What a push did: ``version`` is the account's version after it; ``created`` is
    False when the file equalled the current version (no new version)."""

    account: str
    version: int
    created: bool
    size: int
    language: str | None = None  # the account's language, when known without reading the file


def canonical_document(account: Account) -> str:
    """The account as the canonical JSON text a version stores (``base_version`` left out).

    Two accounts with the same content give the same text, so comparing the
    texts tells whether a push changes anything.
    """
    from influence.serialize import to_document  # (not needed by a push that reads no file)

    doc = to_document(account)
    doc.pop("base_version", None)
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"), default=_iso)


def file_digest(data: bytes, suffix: str) -> str:
    """What a push remembers of the file it came from: SHA-256 of its bytes, its kind and influence's version.

    Equal digests mean the same bytes read by the same code, so the file
    validates to the same account (a new influence version reads anew).

    >>> file_digest(b"format: influence/v1", ".yaml") == file_digest(b"format: influence/v1", ".yml")
    True
    """
    kind = "json" if suffix.lower() == ".json" else "yaml"
    return hashlib.sha256(f"influence {__version__} {kind}\n".encode() + data).hexdigest()


#: every field that holds a date, in any record (the fingerprint notes which of them hold one)
_DATE_KEYS = sorted({f.key for r in RECORDS.values() for f in r.fields if f.type == "date"})


#: the two halves of a graph's fingerprint (statements ``fingerprint_<half>`` in push.cypher)
_HALVES = ("records", "people_ties")


def _joined(records: str, people_ties: str) -> str:
    """The graph's fingerprint from its two halves' digests (every path makes it here, so they agree)."""
    return hashlib.sha256(f"{records} {people_ties}".encode()).hexdigest()


def _fingerprint_of(created: Any) -> str | None:
    """The fingerprint in create_graph_fingerprint's record (None from plain create_graph)."""
    records = created.get("records_fingerprint")
    return None if records is None else _joined(records, created["people_ties_fingerprint"])


def _half(run: Callable[..., Any], half: str, account_id: str) -> Any:
    """One half's record (``fingerprint_<half>``), by ``run`` (a transaction's or a session's):
    the push and :meth:`Neo4jStore.unchanged_file` ask the same statement with the same values."""
    return run(
        named_statements("push.cypher")[f"fingerprint_{half}"], account=account_id, dates=_DATE_KEYS
    ).single()


def _combined(halves: list[Any]) -> tuple[str, int]:
    """One fingerprint and size from the ``fingerprint_records`` and ``fingerprint_people_ties`` records."""
    records, people_ties = halves
    return _joined(records["fingerprint"], people_ties["fingerprint"]), records["size"] + people_ties["size"]


def _iso(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot store {type(value).__name__} in a version")


def _resolve(account: str) -> Msg:
    return Msg(
        "Nothing was written. To resolve: pull the current version (influence db pull {account} -o FILE), "
        "merge your changes into it and push that file; or push with --force to overwrite.",
        account=account,
    )


_RECREATE = Msg("Nothing was written. To create the account again from your file, push it with --force.")


def _conflict(
    account_id: str, exists: bool, current: int | None, base: int | None, deleted: int | None
) -> tuple[Msg, Msg]:
    """Why a push is refused, and how to resolve it: the first and the last line of the conflict message.

    ``current`` is the account's version (None before history), ``base`` the
    file's ``base_version``, ``deleted`` the version ``db delete`` last removed
    the account at (None when it never did).

    >>> str(_conflict("new1", True, 2, 1, 1)[0])
    "account 'new1' changed since version 1, which your file is based on: it was deleted (influence db delete) at version 1 and created again since"
    >>> str(_conflict("x", True, 8, 99, None)[0]).split(":")[0]
    "account 'x' is at version 8, but your file's base_version is 99, newer than any version of it here"
    """
    name = _shown(account_id)
    if not exists:
        return _conflict_gone(name, base, deleted), _RECREATE
    resolve = _resolve(name)
    if base is None:
        have = (
            Msg("version {current}", current=current) if current else Msg("a version pushed before history")
        )
        return Msg(
            "account '{name}' already exists with other content ({have}), and the file has no base_version",
            name=name,
            have=have,
        ), resolve
    if current is not None and base > current:
        return Msg(
            "account '{name}' is at version {current}, but your file's base_version is {base}, newer than any "
            "version of it here: the file comes from another database, or its base_version was edited",
            name=name,
            current=current,
            base=base,
        ), resolve
    if deleted is not None and base <= deleted:
        return Msg(
            "account '{name}' changed since version {base}, which your file is based on: it was deleted "
            "(influence db delete) at version {deleted} and created again since",
            name=name,
            base=base,
            deleted=deleted,
        ), resolve
    return Msg(
        "account '{name}' changed since version {base}, which your file is based on", name=name, base=base
    ), resolve


def _conflict_gone(name: str, base: int | None, deleted: int | None) -> Msg:
    """Why a push of an account the database no longer holds is refused (see :func:`_conflict`)."""
    if deleted is not None and base is not None and base <= deleted:
        return Msg(
            "account '{name}' was deleted (influence db delete) at version {deleted}; "
            "your file is based on version {base}",
            name=name,
            deleted=deleted,
            base=base,
        )
    if deleted is not None:
        return Msg(
            "account '{name}' is not in the database, and your file's base_version {base} is newer than its "
            "last version before it was deleted ({deleted}): the file comes from another database, "
            "or its base_version was edited",
            name=name,
            base=base,
            deleted=deleted,
        )
    return Msg(
        "account '{name}' is not in the database (deleted since version {base}?)", name=name, base=base
    )


def _stored_account(account_id: str, version: int | None, stored: str | dict[str, Any] | None) -> Account:
    """A stored version (its JSON text) or a graph read back (a document), validated."""
    from influence.validation import build_account

    data = stored if isinstance(stored, dict) else _version_document(account_id, version or 0, stored)
    where = f"neo4j:{account_id}" if version is None else f"neo4j:{account_id}@{version}"
    return build_account(Document(where, data, {}))


def _by_record(text: str) -> dict[tuple[str, ...], str]:
    """A canonical document cut into records: ``(list, id)`` for a record with an id (and
    ``(list, "")`` for the order of those ids), ``(key,)`` for any other top-level key."""
    out: dict[tuple[str, ...], str] = {}
    for key, value in json.loads(text).items():
        if isinstance(value, list) and value and all(isinstance(r, dict) and "id" in r for r in value):
            for r in value:
                out[key, str(r["id"])] = _canonical(r)
            out[key, ""] = _canonical([r["id"] for r in value])
        else:
            out[(key,)] = _canonical(value)
    return out


def _lost_edits(stored: str, graph: str | None, pushed: str) -> Msg | str | None:
    """Where pushing ``pushed`` would lose an edit made in the graph since the version ``stored``:
    the records the graph changed and the file does not hold as the graph does; None when none.

    ``graph`` is the graph read back as canonical JSON (None when it cannot be read).

    >>> v = '{"people":[{"id":"a","s":1},{"id":"b","s":1}]}'
    >>> g = '{"people":[{"id":"a","s":2},{"id":"b","s":1}]}'
    >>> _lost_edits(v, g, v), _lost_edits(v, g, g.replace('"b","s":1', '"b","s":3'))
    ("people 'a'", None)
    """
    if graph is None:
        return Msg("which influence db pull cannot read: it says why")
    before, now, after = _by_record(stored), _by_record(graph), _by_record(pushed)
    lost = sorted(k for k in before.keys() | now.keys() if before.get(k) != now.get(k) != after.get(k))
    if not lost:
        return None
    records = {k[0] for k in lost if len(k) > 1 and k[1]}  # (a list's order only when none of its records)
    named = [
        f"{k[0]} '{_shown(k[1])}'" if len(k) > 1 and k[1] else k[0]
        for k in lost
        if k[-1] or k[0] not in records
    ]
    return _key_list(named, quoted=False)


def _version_info(row: dict[str, Any]) -> VersionInfo:
    return VersionInfo(row["version"], _native(row["pushed_at"]), row["author"], row["message"])


@dataclass(frozen=True)
class _Locked:
    """The account's state once its Account node is locked inside the push transaction.

    ``empty``: the Account node has no property but its key and no relationship (just created).
    """

    element_id: str
    version: int | None
    created: bool
    document: str | None
    empty: bool = False
    remembered: tuple[str | None, str | None] = (None, None)  # push_digest, graph_fingerprint


def _text(document: str | Callable[[], str]) -> str:
    return document() if callable(document) else document


def _present(props: dict[str, Any]) -> dict[str, Any]:
    """The properties a row sets (None removes, so it is absent from the graph)."""
    return {k: v for k, v in props.items() if v is not None}


def _expected_graph(plan: PushPlan) -> dict[str, list[list[Any]]]:
    """What ``check_graph`` returns when the graph is exactly what ``plan`` writes (``<list>_nodes``, ``_ties``)."""
    out = {f"{section}_ties": rows for section, rows in _expected_ties(plan).items()}
    for section, rows in plan.nodes.items():
        label, account = [RECORDS[section].label], plan.account
        out[f"{section}_nodes"] = [
            [r["id"], label, {"account": account, "id": r["id"], **r["props"]}] for r in rows
        ]
    return out


def _graph_equals(found: Any, expected: dict[str, list[list[Any]]]) -> bool:
    """True when the graph read by ``check_graph`` is ``expected``: values, their types, labels, ends.

    Compared with ``==``, then as canonical JSON, so 1, 1.0 and true differ, as
    do a date and its text. Anything the file does not give (a stray node, an
    extra label, property or relationship) makes it False. The ``pushed_at``
    and ``version`` of the Account node are bookkeeping, not content.
    """
    for key, wanted in expected.items():
        rows = found[key]
        if key == "account_nodes":
            rows = [[n[0], n[1], {k: v for k, v in n[2].items() if k not in BOOKKEEPING}] for n in rows]
        if not _same(rows, wanted):
            return False
    return True


def _expected_ties(plan: PushPlan) -> dict[str, list[list[Any]]]:
    """The relationships ``plan`` writes, by start list, as ``check_graph`` returns them (same order)."""
    out: dict[str, list[list[Any]]] = {s: [] for s in ("account", *SECTIONS)}
    labels = {s: [RECORDS[s].label] for s in out}
    account = plan.account
    for kind, ties in plan.ties.items():
        for r in ties:
            (start, source), (end, target) = r["from"], r["to"]
            props = r["props"]
            if None in props.values():
                props = _present(props)
            out[start].append([source, kind, account, labels[end], target, props])
    for rows in out.values():
        rows.sort(key=_tie_order)
    return out


def _tie_order(row: list[Any]) -> tuple[str, str, str, float]:
    """Cypher's ``ORDER BY n.id, type(r), m.id, r.idx`` (a missing ``idx`` last)."""
    idx = row[5].get("idx")
    return row[0], row[1], row[4], float("inf") if idx is None else idx


def _same(found: list[Any], wanted: list[Any]) -> bool:
    """Equal values of equal types: ``==`` first (fast), then canonical JSON (1, 1.0 and true differ).

    >>> _same([{"a": 1}], [{"a": 1.0}]), _same([{"a": 1, "b": True}], [{"b": True, "a": 1}])
    (False, True)
    """
    return found == wanted and _canonical(found) == _canonical(wanted)


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=_tagged)


def _tagged(value: Any) -> list[str]:
    """A value JSON lacks, as ``[type, text]``: a date read back equals the date written, nothing else."""
    kind = type(value)
    if kind is dt.date or (kind.__module__, kind.__qualname__) == ("neo4j.time", "Date"):
        return ["date", value.isoformat()]
    return [f"{kind.__module__}.{kind.__qualname__}", repr(value)]


@dataclass(frozen=True)
class _Tie:
    """A relationship already in the database: its element id and what it says (:func:`_tie_key`)."""

    element_id: str
    key: tuple[Any, ...]


def _tie_key(kind: str, source: str, target: str, props: dict[str, Any]) -> tuple[Any, ...]:
    """Type, end element ids and properties (value and type, so 1 and 1.0 differ), hashable."""
    values = ((k, _native(v)) for k, v in props.items() if v is not None)
    return kind, source, target, tuple(sorted((k, type(v).__name__, _hashable(v)) for k, v in values))


def _hashable(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_hashable(v) for v in value)
    if isinstance(value, dict):  # not a valid property value: the server will refuse it
        return tuple(sorted((k, repr(v)) for k, v in value.items()))
    return value


def _live(ties: list[_Tie], pruned: set[str]) -> list[_Tie]:
    """The relationships that pruning the nodes ``pruned`` (DETACH DELETE) left in place."""
    return [t for t in ties if t.key[1] not in pruned and t.key[2] not in pruned]


#: Optional packages the driver imports at start-up for ``Result.to_df()`` and numpy
#: values, which the store never uses; importing pandas costs a command ~0.25 s.
_DRIVER_EXTRAS = ("numpy", "pandas", "pyarrow")


@functools.cache
def _import_driver() -> None:
    """Import the Neo4j driver without its optional numpy/pandas/pyarrow support.

    Only the driver's own import is affected, and only for packages not yet
    imported: they are hidden while it loads and restored at once, so
    ``import pandas`` works as usual afterwards (the driver's ``to_df()`` then
    says pandas is missing; the store does not use it).
    """
    hidden = [name for name in _DRIVER_EXTRAS if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # makes `import name` raise ImportError
    try:
        import neo4j  # noqa: F401
    finally:
        for name in hidden:
            if sys.modules.get(name) is None:
                del sys.modules[name]


def _check_port(uri: str) -> None:
    """Refuse a port outside 1-65535 (the driver would silently take it modulo 65536)."""
    import urllib.parse

    try:
        port = urllib.parse.urlsplit(uri).port
    except ValueError as exc:  # "Port out of range 0-65535", "Port could not be cast…", a bad IPv6 host
        text = str(exc)
        reason: str | Msg = (
            _PORT_RANGE if "port" in text.lower() else _IPV6 if "IPv6" in text else _shown(text)
        )
        raise StoreError(
            Msg("invalid Neo4j URI '{uri}': {reason}", uri=_shown(shown_uri(uri)), reason=reason)
        ) from None
    if port == 0:
        raise StoreError(
            Msg("invalid Neo4j URI '{uri}': {reason}", uri=_shown(shown_uri(uri)), reason=_PORT_RANGE)
        )


_PORT_RANGE = Msg("the port must be a number from 1 to 65535")
_IPV6 = Msg(
    "the host in brackets is not a valid IPv6 address, or its closing ']' is missing (e.g. bolt://[::1]:7687)"
)


#: the driver's common reasons for an unreachable server, by words of its text (of the error or of
#: one it was raised from), said in the catalogue's words; the first that matches wins
_UNREACHABLE = (
    (
        "Connection refused",
        Msg("nothing answers at that address and port (connection refused): is the server running?"),
    ),
    ("DNS resolve", Msg("the host name is not found: check the URI")),
    (
        "looks like HTTP",
        Msg(
            "that port answers HTTP, not Neo4j's Bolt protocol: use the Bolt port (usually 7687), "
            "not the browser port (usually 7474)"
        ),
    ),
    (
        "handshake",  # "Failed to read four byte Bolt handshake…", "closed with incomplete handshake response"
        Msg(
            "something at that address and port took the connection but did not answer as Neo4j "
            "(no Bolt handshake): check the port (Neo4j's Bolt port is usually 7687)"
        ),
    ),
    ("timed out", Msg("the server did not answer in time")),
)


def _reasons(exc: BaseException) -> list[str]:
    """The texts of an error and of those it came from (causes, contexts, a group's members), outermost first.

    A ``neo4j://`` driver says only "Unable to retrieve routing information"; the
    reason (refused, not found, not Bolt) is in the errors it was raised from.

    >>> try:
    ...     try:
    ...         raise ConnectionRefusedError("Connection refused")
    ...     except OSError as inner:
    ...         raise RuntimeError("Unable to retrieve routing information") from inner
    ... except RuntimeError as outer:
    ...     _reasons(outer)
    ['Unable to retrieve routing information', 'Connection refused']
    """
    found: list[str] = []
    seen: set[int] = set()
    todo: list[BaseException] = [exc]
    while todo:
        current = todo.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        found.append(str(current))
        todo += [e for e in (current.__cause__, current.__context__) if e is not None]
        todo += list(getattr(current, "exceptions", ()))  # an ExceptionGroup's members
    return found


def _unreachable(exc: BaseException) -> Msg | str:
    """Why the server cannot be reached, in words a user reads in their language (the driver's own
    last line for a rarer reason).

    >>> str(_unreachable(OSError("Failed to establish connection to ResolvedIPv4Address(('127.0.0.1', 1)) (reason [Errno 111] Connection refused)")))
    'nothing answers at that address and port (connection refused): is the server running?'
    """
    texts = _reasons(exc)
    for words, said in _UNREACHABLE:
        if any(words in text for text in texts):
            return said
    last = str(exc).strip()
    return _shown(last.splitlines()[-1].strip() if last else type(exc).__name__)


class Neo4jStore:
    """Accounts in a Neo4j 5 database, with every pushed version kept.

    Parameters
    ----------
    config : Neo4jConfig
        Unset fields come from ``NEO4J_URI``, ``NEO4J_USERNAME``,
        ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``.

    Notes
    -----
    Use as a context manager. Connection trouble, refused credentials, a
    missing database or account raise :class:`~influence.errors.StoreError`
    with a one-line reason that never contains the password, within about
    ten seconds. Driver and OS errors are translated in one place,
    :meth:`_errors`; anything else is a bug and propagates.
    """

    def __init__(self, config: Neo4jConfig | None = None, *, batch_size: int = BATCH_SIZE):
        self.config = (config or Neo4jConfig()).resolved()
        self.batch_size = batch_size
        self._driver: Any = None

    # --- connection -------------------------------------------------------

    def _translate(self, exc: Exception) -> StoreError:
        """One clear line for a driver or OS error (never the password)."""
        _import_driver()
        from neo4j import exceptions as ne

        uri, user, db = (
            _shown(str(v)) for v in (self.config.shown_uri, self.config.username, self.config.database)
        )
        if isinstance(exc, ne.AuthError):
            return StoreError(
                Msg(
                    "Neo4j at {uri} refused the credentials of user '{user}' (check NEO4J_PASSWORD)",
                    uri=uri,
                    user=user,
                )
            )
        if isinstance(exc, ne.Neo4jError) and exc.code == "Neo.ClientError.Security.AuthenticationRateLimit":
            return StoreError(
                Msg(
                    "Neo4j at {uri} refuses user '{user}' for a while: wrong credentials were given too "
                    "many times in a row; wait a few seconds, then check NEO4J_PASSWORD",
                    uri=uri,
                    user=user,
                )
            )
        if isinstance(exc, ne.ClientError) and exc.code == "Neo.ClientError.Database.DatabaseNotFound":
            return StoreError(Msg("Neo4j at {uri} has no database '{database}'", uri=uri, database=db))
        if isinstance(exc, ne.TransientError) and "Deadlock" in (exc.code or ""):
            return ConflictError(
                Msg(
                    "another push of this account ran at the same moment; nothing was written: pull and try again"
                )
            )
        if isinstance(exc, (ne.ServiceUnavailable, ne.SessionExpired, OSError)):
            return StoreError(Msg("cannot reach Neo4j at {uri}: {reason}", uri=uri, reason=_unreachable(exc)))
        if isinstance(exc, (ne.ConfigurationError, ValueError)):
            return StoreError(Msg("invalid Neo4j URI '{uri}': {reason}", uri=uri, reason=_shown(str(exc))))
        if isinstance(exc, ne.Neo4jError):
            message = (exc.message or str(exc)).splitlines()[0]
            return StoreError(Msg("Neo4j error {code}: {message}", code=exc.code, message=_shown(message)))
        return StoreError(Msg("Neo4j driver error: {reason}", reason=_shown(str(exc))))

    @contextlib.contextmanager
    def _errors(self, *also: type[Exception]) -> Iterator[None]:
        """Translate driver and OS errors (and ``also``) raised inside the block into StoreError."""
        _import_driver()
        from neo4j.exceptions import DriverError, Neo4jError

        caught: tuple[type[Exception], ...] = (Neo4jError, DriverError, OSError, *also)
        try:
            yield
        except caught as exc:
            raise self._translate(exc) from exc

    def __enter__(self) -> Neo4jStore:
        _import_driver()
        from neo4j import GraphDatabase

        uri = self.config.uri or ""
        scheme = uri.split("://", 1)[0].lower() if "://" in uri else ""
        if scheme not in URI_SCHEMES:
            raise StoreError(
                Msg(
                    "invalid Neo4j URI '{uri}' (expected {schemes})",
                    uri=_shown(shown_uri(uri)),
                    schemes=", ".join(s + "://" for s in URI_SCHEMES),
                )
            )
        _check_port(uri)
        if "@" in uri.split("://", 1)[1].split("/", 1)[0]:  # the driver refuses it, and says the password
            raise StoreError(
                Msg(
                    "invalid Neo4j URI '{uri}': a user or password in the URI is not supported;"
                    " use NEO4J_USERNAME and NEO4J_PASSWORD (or --username, --password)",
                    uri=_shown(shown_uri(uri)),
                )
            )
        try:
            with self._errors(ValueError):  # the driver rejects a malformed URI with ValueError
                self._driver = GraphDatabase.driver(
                    uri,
                    auth=(self.config.username or "neo4j", self.config.password or ""),
                    connection_timeout=5.0,
                    connection_acquisition_timeout=10.0,
                    max_transaction_retry_time=5.0,
                    notifications_min_severity="OFF",
                )
            self._run_read("RETURN 1 AS ok")
        except StoreError:
            self.close()
            raise
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the driver."""
        if self._driver is not None:
            self._driver.close()
            self._driver = None

    def _session(self) -> Any:
        if self._driver is None:
            raise StoreError("the Neo4j store is not open (use it as a context manager)")
        return self._driver.session(database=self.config.database, fetch_size=-1)

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[Any]:
        """One explicit transaction: committed when the block ends, rolled back on any exception."""
        with self._errors(), self._session() as session:
            tx = session.begin_transaction()
            try:
                yield tx
                tx.commit()
            finally:
                if not tx.closed():
                    tx.rollback()

    @contextlib.contextmanager
    def _pushing(self, account_id: str) -> Iterator[None]:
        """Say a connection lost during a push as such: the server was reached, and the push
        may have landed (lost as it committed) or not; ``db history`` tells."""
        _import_driver()
        from neo4j.exceptions import ServiceUnavailable, SessionExpired

        try:
            yield
        except StoreError as exc:
            if not isinstance(exc.__cause__, (ServiceUnavailable, SessionExpired, OSError)):
                raise
            reason = str(exc.__cause__).splitlines()[-1].strip() if str(exc.__cause__).strip() else ""
            raise StoreError(
                Msg(
                    "the connection to Neo4j at {uri} was lost during the push of '{account}' ({reason}); "
                    "it may or may not have been stored: influence db history {account} shows whether it landed",
                    uri=_shown(self.config.shown_uri),
                    account=_shown(account_id),
                    reason=_shown(reason or type(exc.__cause__).__name__),
                )
            ) from exc.__cause__

    def _run_read(self, query: str, **params: Any) -> list[dict[str, Any]]:
        with self._errors(), self._session() as session:
            return [record.data() for record in session.run(query, params)]

    # --- operations -------------------------------------------------------

    def init(self) -> int:
        """Create the constraints and indexes of ``influence/cypher/schema.cypher``; returns how many constraints."""
        with self._errors(), self._session() as session:
            for query in statements("schema.cypher"):
                session.run(query).consume()
        return sum(q.startswith("CREATE CONSTRAINT") for q in statements("schema.cypher"))

    def ensure_schema(self) -> None:
        """:meth:`init` unless every constraint and index it creates is there (one query instead of ten)."""
        names = [m[1] for q in statements("schema.cypher") if (m := _SCHEMA_NAME.match(q))]
        found = self._run_read(
            "SHOW INDEXES YIELD name WHERE name IN $names RETURN count(*) AS n", names=names
        )
        if found[0]["n"] != len(names):
            self.init()

    def exists(self, account_id: str) -> bool:
        """True when the database holds ``account_id``."""
        rows = self._run_read(named_statements("list.cypher")["account_exists"], account=account_id)
        return bool(rows and rows[0]["n"])

    def missing(self, account_id: str) -> StoreError:
        """The error for an account the database does not hold, naming a close id it does hold.

        Ids are matched ignoring case and small typos (``neo4j:UralMet`` ->
        "did you mean 'uralmet'?").
        """
        rows = self._run_read(named_statements("list.cypher")["account_ids"])
        held = {str(r["id"]).lower(): str(r["id"]) for r in rows}
        close = difflib.get_close_matches(account_id.lower(), list(held), n=1)
        hint: str | Msg = Msg(" (did you mean '{id}'?)", id=_shown(held[close[0]])) if close else ""
        base, at, version = account_id.partition("@")
        if at and base.lower() in held:
            base = _shown(held[base.lower()])
            hint = Msg(
                " (an account id has no '@': version {version} of '{id}' is neo4j:{id}@{version} "
                "for any command, and influence db pull {id}@{version} -o FILE writes it to a file)",
                id=base,
                version=_shown(version),
            )
        return StoreError(
            Msg(
                "no account '{id}' in Neo4j at {uri}{hint}",
                id=_shown(account_id),
                uri=_shown(self.config.shown_uri),
                hint=hint,
            )
        )

    def push(
        self,
        account: Account,
        progress: Callable[[str, int], None] | None = None,
        *,
        author: str | None = None,
        message: str | None = None,
        force: bool = False,
        digest: Callable[[int | None], str] | None = None,
    ) -> PushResult:
        """Make ``account`` the current version, in one transaction, unless that would lose an edit.

        The Account node is locked first, so a concurrent push of the same
        account waits; then the versions are compared and the graph and the
        new version written, all in the same transaction.

        Parameters
        ----------
        account : Account
            Its ``base_version`` (set by ``db pull``) must be the current
            version; a file without one may only create a new account or
            repeat the current content.
        progress : callable, optional
            Called as ``progress(statement, rows_done)`` after every batch; an
            exception it raises aborts the push and rolls everything back.
        author, message : str, optional
            Stored with the new version.
        force : bool
            Push even when the account changed since ``base_version``.
        digest : callable, optional
            For a push from a file: ``digest(version)`` gives the
            :func:`file_digest` of the file as it will be once this push is
            done (its ``base_version`` set to the new ``version``, or to the
            version it equals when it makes none), and ``digest(None)`` its
            digest as it is. The push
            remembers it, so that :meth:`unchanged_file` can later recognise
            the file without reading it. Without it, nothing is remembered.

        Returns
        -------
        PushResult
            A push identical to the current version, onto a graph nobody
            edited since, writes nothing and creates no version.

        Raises
        ------
        ConflictError
            The account changed since the file's base version (names who pushed what, when),
            or its graph was edited outside influence and the push would overwrite that edit.
        """
        self.ensure_schema()
        return self._push(
            account.id,
            lambda: push_plan(account),
            progress,
            document=lambda: canonical_document(account),
            base_version=account.base_version,
            author=author,
            message=message,
            force=force,
            digest=digest,
        )

    def execute_plan(
        self,
        plan: PushPlan,
        progress: Callable[[str, int], None] | None = None,
        *,
        document: str | Callable[[], str],
        base_version: int | None = None,
        author: str | None = None,
        message: str | None = None,
        force: bool = False,
    ) -> PushResult:
        """Lock the account, check its version, write ``plan`` and record version N+1: one transaction.

        ``document`` is the canonical JSON of the pushed account (see
        :func:`canonical_document`), or a function that makes it (called while
        the server writes a new account); see ``influence/cypher/push.cypher``
        and ``versions.cypher``. No retry: a failure leaves the previous version.
        """
        return self._push(
            plan.account,
            lambda: plan,
            progress,
            document=document,
            base_version=base_version,
            author=author,
            message=message,
            force=force,
        )

    def _push(
        self,
        account_id: str,
        make_plan: Callable[[], PushPlan],
        progress: Callable[[str, int], None] | None = None,
        *,
        document: str | Callable[[], str],
        base_version: int | None = None,
        author: str | None = None,
        message: str | None = None,
        force: bool = False,
        digest: Callable[[int | None], str] | None = None,
    ) -> PushResult:
        """:meth:`execute_plan`, with the plan and the document made while the server works.

        A new account: the document while the server writes it. An account
        already there with the same document: the plan while the server reads
        its graph back for the comparison. Every push ends by remembering
        ``digest`` (see :meth:`push`) and the graph's fingerprint.
        """
        report = progress or (lambda name, done: None)
        created = None  # create_graph's record
        with self._pushing(account_id), self._transaction() as tx:
            locked = self._lock(tx, account_id)
            # nothing of the account in the database yet: one statement creates it all
            if locked.empty and locked.document is None and self._no_nodes(tx, account_id):
                plan = make_plan()
                if not force:
                    self._check_base(tx, account_id, locked, base_version)
                written = self._create_graph(tx, plan, locked.element_id)
                text = _text(document)  # while the server writes
                created = written.single()
                report("create_graph", plan.size)
                differs = True
            else:
                text = _text(document)
                ready, differs, check = self._push_over(
                    tx, account_id, locked, make_plan, report, text, force
                )
                if check and not force:
                    self._check_base(tx, account_id, locked, base_version)
                plan = ready or self._update_graph(tx, account_id, make_plan, report, check=False)
            if not differs and locked.version is not None:  # (an account from before history gets version 1)
                # the file as it will be: its base_version set to the version it equals
                self._remember(tx, account_id, locked, digest(locked.version) if digest else None)
                return PushResult(account_id, locked.version, False, plan.size)
            version = max(locked.version or 0, *(v or 0 for v in self._last_versions(tx, account_id))) + 1
            recorded = tx.run(
                named_statements("versions.cypher")["record_version"],
                element_id=locked.element_id,
                account=account_id,
                version=version,
                author=author,
                message=message,
                document=text,
            ).single()
            if recorded is None:  # the Account node went away under the lock: never report a version not kept
                raise StoreError(
                    Msg(
                        "account '{account}' vanished during its push; nothing was written",
                        account=_shown(account_id),
                    )
                )
            fresh = _fingerprint_of(created) if created is not None else None
            self._remember(tx, account_id, locked, digest(version) if digest else None, fresh)
        return PushResult(account_id, version, True, plan.size)

    def _push_over(
        self,
        tx: Any,
        account_id: str,
        locked: _Locked,
        make_plan: Callable[[], PushPlan],
        report: Callable[[str, int], None],
        text: str,
        force: bool,
    ) -> tuple[PushPlan | None, bool, bool]:
        """The checks before a push over an account already there: ``(plan, differs, check)``.

        ``plan`` is None when the graph is still to be written (else it is the file
        already); ``differs`` is True when the push makes a new version, ``check`` when the
        file's base_version must be the current version (:meth:`_check_base`). A graph edited
        outside influence since its version (:meth:`_edited`) makes a new version too,
        and unless ``force`` the push is refused when it would overwrite that edit
        (:meth:`_check_edit`): the push never restores a graph silently.
        """
        same = locked.document == text
        if locked.version is None:  # pushed before history: the graph is its own version
            if not same:
                return None, True, True
            return self._update_graph(tx, account_id, make_plan, report, check=True), False, False
        edited, plan = self._edited(tx, account_id, locked, make_plan, same=same)
        if not edited:
            return plan, not same, not same
        if not force:
            self._check_edit(tx, account_id, locked, text)
        return None, True, False  # the file holds the graph's content: no base to check

    def _edited(
        self, tx: Any, account_id: str, locked: _Locked, make_plan: Callable[[], PushPlan], *, same: bool
    ) -> tuple[bool, PushPlan | None]:
        """Whether the graph no longer is the version it was pushed as (someone edited it by hand).

        For a file equal to that version: the graph compared with the file's plan (an equal
        graph needs no write: the plan is returned). Otherwise the graph's fingerprint
        compared with the one its last push remembered, or, without one, the graph
        compared with the plan of the stored version.
        """
        if same:
            equal, plan = self._graph_is(tx, account_id, make_plan)
            return not equal, plan
        remembered = locked.remembered[1]
        if remembered is not None and self.has_fingerprints:
            found = self._fingerprint(tx, account_id)
            return found is not None and found[0] != remembered, None
        try:
            stored = _stored_account(account_id, locked.version, locked.document)
        except InfluenceError:  # a version this influence cannot read: nothing to compare with
            return False, None
        equal, _ = self._graph_is(tx, account_id, lambda: push_plan(stored))
        return not equal, None

    @staticmethod
    def _graph_is(tx: Any, account_id: str, make_plan: Callable[[], PushPlan]) -> tuple[bool, PushPlan]:
        """Whether the account's graph is exactly what the plan ``make_plan`` makes writes, and
        that plan (made while the server reads the graph)."""
        reading = tx.run(named_statements("push.cypher")["check_graph"], account=account_id)
        plan = make_plan()  # while the server reads
        return _graph_equals(reading.single(), _expected_graph(plan)), plan

    def _check_edit(self, tx: Any, account_id: str, locked: _Locked, text: str) -> None:
        """Refuse a push that would overwrite an edit made outside influence (see :func:`_lost_edits`)."""
        try:
            data = self._read_document(tx.run, account_id)
            graph = None if data is None else _stored_account(account_id, None, data)
        except (InfluenceError, _TornRead):
            graph = None  # a graph pull cannot read: every record counts as edited
        lost = _lost_edits(locked.document or "{}", canonical_document(graph) if graph else None, text)
        if lost is None:
            return
        name = _shown(account_id)
        raise ConflictError(
            Msg.lines(
                [
                    Msg(
                        "account '{name}' was edited in Neo4j outside influence since version {version}, "
                        "and your push would overwrite that edit ({where}).",
                        name=name,
                        version=locked.version,
                        where=lost,
                    ),
                    Msg(
                        "Nothing was written. To resolve: pull the account (influence db pull {account} -o FILE; "
                        "the file then holds the edit), merge your changes into it and push that file; "
                        "or push with --force to overwrite the edit.",
                        account=name,
                    ),
                ]
            )
        )

    def _update_graph(
        self,
        tx: Any,
        account_id: str,
        make_plan: Callable[[], PushPlan],
        report: Callable[[str, int], None],
        *,
        check: bool,
    ) -> PushPlan:
        """Make an account already in the database exactly the plan's; returns the plan.

        ``check`` (an account from before history, the document unchanged): the
        graph is compared first and nothing is written when it equals the plan.
        Otherwise straight to the diff (:meth:`_push_over` has already checked
        that no edit made outside influence is lost).
        """
        if check:
            equal, plan = self._graph_is(tx, account_id, make_plan)
            if equal:
                return plan
        else:
            plan = make_plan()
        existing = self._read_ties(tx, plan.account)
        element, stale = self._write_nodes(tx, plan, report)
        self._write_ties(tx, plan, element, _live(existing, stale), report)
        return plan

    @functools.cached_property
    def has_fingerprints(self) -> bool:
        """True when the server has the APOC Core functions the graph fingerprint needs."""
        rows = self._run_read(
            "SHOW FUNCTIONS YIELD name WHERE name IN $names RETURN count(*) AS n", names=FINGERPRINT_FUNCTIONS
        )
        return rows[0]["n"] == len(FINGERPRINT_FUNCTIONS)

    def _fingerprint(self, tx: Any, account_id: str) -> tuple[str, int] | None:
        """The account's graph fingerprint and size (nodes + relationships) in ``tx``; None without APOC."""
        if not self.has_fingerprints:
            return None
        return _combined([_half(tx.run, half, account_id) for half in _HALVES])

    def _remember(
        self, tx: Any, account_id: str, locked: _Locked, digest: str | None, fresh: str | None = None
    ) -> None:
        """Record on the Account node the file digest and the fingerprint of the graph as pushed.

        ``fresh``: the fingerprint create_graph_fingerprint returned (else it is read now).
        """
        fingerprint = fresh
        if fingerprint is None:
            found = self._fingerprint(tx, account_id)
            fingerprint = found[0] if found else None
        if (digest, fingerprint) != locked.remembered:
            tx.run(
                named_statements("push.cypher")["remember_push"],
                element_id=locked.element_id,
                digest=digest,
                fingerprint=fingerprint,
            ).consume()

    def unchanged_file(self, digest: str) -> PushResult | None:
        """What pushing the file with this :func:`file_digest` would do, when it would do nothing.

        That is the case when the account's last push came from the very same
        bytes and its graph still has the fingerprint it had then (no hand
        edit, no other push since): the result says the account, its version
        and ``created=False``, and the file need not even be read. None
        otherwise, or when the server lacks APOC Core: then push the file as
        usual (:meth:`push`).
        """
        q = named_statements("push.cypher")
        account: concurrent.futures.Future[dict[str, Any] | None] = concurrent.futures.Future()
        apoc: concurrent.futures.Future[bool] = concurrent.futures.Future()

        def settle(future: concurrent.futures.Future[Any], ask: Callable[[], Any]) -> None:
            try:
                future.set_result(ask())
            except BaseException:
                future.set_result(None)  # the question failed: the other half stops too
                raise

        def lookup() -> dict[str, Any] | None:
            rows = self._run_read(q["pushed_from"], digest=digest)
            usable = len(rows) == 1 and None not in (rows[0]["fingerprint"], rows[0]["version"])
            return rows[0] if usable else None

        def half(name: str) -> Any:
            """One fingerprint half, on its own connection, once the digest is looked up and APOC
            found (the two questions asked at the same time, one by each half)."""
            if name == "records":
                settle(account, lookup)
            else:
                settle(apoc, lambda: self.has_fingerprints)
            row = account.result()
            if row is None or not apoc.result():
                return None
            with self._session() as session:
                return _half(session.run, name, row["account"])

        with self._errors(), concurrent.futures.ThreadPoolExecutor(2) as pool:
            halves = [h.result() for h in [pool.submit(half, name) for name in _HALVES]]
        row = account.result()
        if row is None or None in halves:
            return None
        fingerprint, size = _combined(halves)
        if fingerprint != row["fingerprint"]:
            return None
        return PushResult(row["account"], row["version"], False, size, language=row["language"])

    def _lock(self, tx: Any, account_id: str) -> _Locked:
        """Take the Account node's write lock (creating it when new) and read the current content."""
        q = named_statements("versions.cypher")
        row = tx.run(q["lock_account"], account=account_id).single()
        if not tx.run(q["still_there"], element_id=row["element_id"]).single()["found"]:
            row = tx.run(q["lock_account"], account=account_id).single()  # deleted while we waited: anew
        version, created = _stored_version(row["version"], account_id), row["created"]
        document = None
        if version is not None:
            stored = tx.run(q["read_version"], account=account_id, version=version).single()
            document = stored["document"] if stored else None
        elif not created:  # pushed before versions existed: compare with the graph itself
            from influence.validation import build_account

            data = self._read_document(tx.run, account_id)  # the lock is held: one whole version
            if data is None:
                raise StoreError(
                    Msg(
                        "account '{account}' vanished during its push; nothing was written",
                        account=_shown(account_id),
                    )
                )
            document = canonical_document(build_account(Document(f"neo4j:{account_id}", data, {})))
        remembered = (row["push_digest"], row["fingerprint"])
        return _Locked(row["element_id"], version, created, document, row["empty"], remembered)

    def _last_versions(self, tx: Any, account_id: str) -> tuple[int | None, int | None]:
        """The account's highest stored version and the version ``db delete`` last removed it at.

        Snapshots outlive a hand-deleted Account node, and a DeletedAccount node
        outlives ``db delete``: a new version numbers on above both, so versions
        never restart and a file pulled before a delete is stale afterwards.
        """
        row = tx.run(named_statements("versions.cypher")["latest_version"], account=account_id).single()
        if not row:
            return None, None
        for value in (row["version"], row["deleted"]):
            if not _is_version(value):
                raise StoreError(
                    Msg(
                        "neo4j:{account}: a stored version of the account (an AccountVersion or "
                        "DeletedAccount node) holds a version that is {kind}, not a whole number: "
                        "repair it in Neo4j",
                        account=_shown(account_id),
                        kind=_kind(value),
                    )
                )
        return row["version"], row["deleted"]

    def _no_nodes(self, tx: Any, account_id: str) -> bool:
        """True when no node of the account's lists is in the database (nothing a CREATE could collide with)."""
        rows = tx.run(named_statements("push.cypher")["count_nodes"], account=account_id)
        return sum(r["nodes"] for r in rows) == 0

    def _create_graph(self, tx: Any, plan: PushPlan, element_id: str) -> Any:
        """Write a new account in one statement: nodes by list, relationships by position (``create_graph``).

        Returns the statement's result, not yet consumed: the server is still writing.
        """
        position: dict[tuple[str, str], int] = {}
        for section, rows in plan.nodes.items():  # the Account node first, then the lists in order
            for row in rows:
                position[section, row["id"]] = len(position)
        params: dict[str, Any] = {s: plan.nodes[s] for s in SECTIONS}
        for kind in REL_TYPES:
            params[f"rel_{kind.lower()}"] = [
                [position[r["from"]], position[r["to"]], r["props"]] for r in plan.ties.get(kind, ())
            ]
        if self.has_fingerprints:
            query = named_statements("push.cypher")["create_graph_fingerprint"]
            params["dates"] = _DATE_KEYS
        else:
            query = named_statements("push.cypher")["create_graph"]
        props = plan.nodes["account"][0]["props"]
        return tx.run(query, account=plan.account, element_id=element_id, account_props=props, **params)

    def _check_base(self, tx: Any, account_id: str, locked: _Locked, base_version: int | None) -> None:
        """Refuse a push whose file was not read at the current version (lost update)."""
        exists = not locked.created
        if base_version == locked.version and (base_version is not None or not exists):
            return
        rows = tx.run(
            named_statements("versions.cypher")["versions_since"], account=account_id, since=base_version or 0
        ).data()
        since = [_version_info(r) for r in rows]
        deleted = self._last_versions(tx, account_id)[1]
        problem, remedy = _conflict(account_id, exists, locked.version, base_version, deleted)
        lines: list[Msg | str] = [Msg("{problem}.", problem=problem)]
        lines += [Msg("  pushed since: {version}", version=v.described()) for v in since[:5]]
        if len(since) > 5:
            lines.append(Msg("  ... and {n} earlier", n=len(since) - 5))
        lines.append(remedy)
        raise ConflictError(Msg.lines(lines))

    def _batched(
        self, tx: Any, name: str, rows: list[Any], report: Callable[[str, int], None], **params: Any
    ) -> list:
        """Run statement ``name`` over ``rows`` in batches; returns the records."""
        query = named_statements("push.cypher")[name]
        records, done = [], 0
        for batch in _batches(rows, self.batch_size):
            records += list(tx.run(query, rows=batch, **params))
            done += len(batch)
            report(name, done)
        if not rows:
            report(name, 0)
        return records

    def _read_ties(self, tx: Any, account_id: str) -> list[_Tie]:
        """The relationships leaving the account's nodes, as they are before the push."""
        q = named_statements("push.cypher")
        return [
            _Tie(element_id, _tie_key(kind, source, target, props))
            for section in ("account", *SECTIONS)
            for element_id, kind, source, target, props in tx.run(
                q[f"ties_{section}"], account=account_id
            ).single()["ties"]
        ]

    def _write_nodes(
        self, tx: Any, plan: PushPlan, report: Callable[[str, int], None]
    ) -> tuple[dict[str, dict[str, str]], set[str]]:
        """Update the nodes that stay, create the new ones, prune the rest.

        Returns the element ids by section and id, and the element ids of the pruned nodes.
        """
        q = named_statements("push.cypher")
        element: dict[str, dict[str, str]] = {}
        stale: list[str] = []
        for section, rows in plan.nodes.items():
            found, current, relabelled = {}, {}, []
            label = [RECORDS[section].label]
            for ident, element_id, props, labels in tx.run(
                q[f"find_{section}"], account=plan.account
            ).single()["nodes"]:
                if labels != label and section != "account":
                    # a label added by hand: labels come only from the fixed set, so the node is
                    # deleted now (before its key is created again) and made anew from the file
                    relabelled.append(element_id)
                    continue
                found[ident] = element_id
                current[ident] = {k: _native(v) for k, v in props.items()}
            if relabelled:
                tx.run(q["prune"], element_ids=relabelled).consume()
                stale += relabelled
            wanted = {r["id"] for r in rows}
            stale += [e for ident, e in found.items() if ident not in wanted]
            ids = element[section] = {r["id"]: found[r["id"]] for r in rows if r["id"] in found}
            old = []
            for r in rows:
                if r["id"] in found:
                    # anything else on the node (edited by hand) goes too: the node holds the file
                    props = {k: None for k in current[r["id"]] if k not in _KEEP} | r["props"]
                    if _changed(current[r["id"]], props):
                        old.append({"element_id": found[r["id"]], "props": props})
            self._batched(tx, "update_nodes", old, report)
            created = self._batched(
                tx,
                f"create_{section}",
                [r for r in rows if r["id"] not in found],
                report,
                account=plan.account,
            )
            ids.update({r["id"]: r["element_id"] for r in created})
            if section == "account" and rows[0]["id"] in found:
                tx.run(q["stamp_account"], element_id=found[rows[0]["id"]]).consume()
        for batch in _batches(stale, self.batch_size):
            tx.run(q["prune"], element_ids=batch).consume()
        return element, set(stale)

    def _write_ties(
        self,
        tx: Any,
        plan: PushPlan,
        element: dict[str, dict[str, str]],
        existing: list[_Tie],
        report: Callable[[str, int], None],
    ) -> None:
        """Delete the relationships the plan lacks, create the ones the database lacks.

        ``existing`` are the relationships still there after pruning; one equal
        to a planned one (same type, ends and properties) is kept as it is.
        """
        unmatched: dict[tuple[Any, ...], list[str]] = {}
        for tie in existing:
            unmatched.setdefault(tie.key, []).append(tie.element_id)
        missing: dict[str, list[dict[str, Any]]] = {}
        for kind, rows in plan.ties.items():
            for r in rows:
                ends = element[r["from"][0]][r["from"][1]], element[r["to"][0]][r["to"][1]]
                same = unmatched.get(_tie_key(kind, *ends, r["props"]))
                if same:
                    same.pop()
                else:
                    missing.setdefault(kind, []).append({"from": ends[0], "to": ends[1], "props": r["props"]})
        extra = [e for ids in unmatched.values() for e in ids]
        for batch in _batches(extra, self.batch_size):
            tx.run(named_statements("push.cypher")["unlink"], element_ids=batch).consume()
        report("unlink", len(extra))
        for kind in plan.ties:
            self._batched(tx, f"link_{kind.lower()}", missing.get(kind, []), report)

    def delete(self, account_id: str) -> int:
        """Delete an account and its stored versions; returns the number of nodes removed.

        Its last version number stays, on a small ``DeletedAccount`` node (not
        counted): an account pushed again under the same id numbers on above it,
        so a file pulled before the delete is refused as stale, never taken for
        a file of the new account.
        """
        if not self.exists(account_id):
            raise self.missing(account_id)
        self.ensure_schema()
        removed = 0
        with self._transaction() as tx:
            # two statements: the second reads the version after a push under way has ended
            for name in ("lock_for_delete", "record_deletion"):
                tx.run(named_statements("versions.cypher")[name], account=account_id).consume()
            for query in named_statements("delete.cypher").values():
                removed += tx.run(query, account=account_id).single()["deleted"]
            if not removed:  # another delete removed it while this one waited for the lock
                raise self.missing(account_id)
        return removed

    def list(self) -> list[AccountSummary]:
        """Every account in the database, by id."""
        rows = self._run_read(named_statements("list.cypher")["list_accounts"])
        return [
            AccountSummary(
                r["id"], r["name"], r["people"], r["buying_team"], _native(r["pushed_at"]), r["version"]
            )
            for r in rows
        ]

    def history(self, account_id: str) -> builtins.list[VersionInfo]:
        """The stored versions of an account, newest first (empty for an account pushed before history)."""
        rows = self._run_read(named_statements("versions.cypher")["history"], account=account_id)
        if not rows and not self.exists(account_id):
            raise self.missing(account_id)
        return [_version_info(r) for r in rows]

    def _read_document(self, run: Callable[..., Any], account_id: str) -> dict[str, Any] | None:
        """The current graph of an account as a document, read with ``run`` (a session's or
        transaction's); None when there is no such account.

        Rows that do not fit together (a relationship from a node the same
        statement did not return: a push committed while it ran) raise
        :class:`_TornRead`.
        """
        reads = named_statements("pull.cypher")
        nodes: dict[str, list[dict[str, Any]]] = {}
        ties: dict[str, list[dict[str, Any]]] = {}
        for section in ("account", *SECTIONS):  # one record per label: the driver's cost is per record
            found = run(reads[f"read_{section}"], account=account_id).single()
            nodes[section] = [{"id": i, "props": p, "labels": ls} for i, p, ls in found["nodes"]]
            ties[section] = [{"from": f, "type": t, "to": to, "props": p} for f, t, to, p in found["ties"]]
            if section == "account" and not nodes[section]:
                return None
            if section == "account":
                _refuse_without_id(account_id, found["without_id"])
            _refuse_labels(account_id, section, nodes[section])
        accounts = nodes.pop("account")
        _refuse_ties(account_id, ties)
        try:
            return _document(account_id, accounts[0], nodes, ties)
        except KeyError as exc:
            raise _TornRead from exc

    def _snapshot(self, account_id: str) -> dict[str, Any] | None:
        """One read of the account in one read transaction, between two ``read_stamp`` statements.

        Returns the document, or None when there is no such account. Raises
        :class:`_TornRead` when the stamps differ (a push or a delete committed
        in between: Neo4j reads at read committed, so each statement may see
        another version) or the rows do not fit together.
        """
        stamp = named_statements("pull.cypher")["read_stamp"]
        with self._transaction() as tx:
            before = tx.run(stamp, account=account_id).data()
            if not before:
                return None
            try:
                document = self._read_document(tx.run, account_id)
            except StoreError:  # what the graph holds is refused: unless a push landed meanwhile
                if tx.run(stamp, account=account_id).data() != before:
                    raise _TornRead from None
                raise
            if document is None or tx.run(stamp, account=account_id).data() != before:
                raise _TornRead
            return document

    def pull_document(self, account_id: str) -> dict[str, Any]:
        """The current version as an ``influence/v1`` document (plain data), not yet validated.

        It carries ``base_version``: the version it was read at (absent for
        an account pushed before versions were kept). It is one version, whole:
        a read that a push or a delete overlapped is made again, up to
        :data:`READ_ATTEMPTS` times, then a :class:`StoreError` says so.
        """
        for _ in range(READ_ATTEMPTS):
            try:
                document = self._snapshot(account_id)
            except _TornRead:
                continue
            if document is None:
                raise self.missing(account_id)
            return document
        raise StoreError(
            NMsg(
                "account '{account}' changed while it was being read, {n} time in a row "
                "(pushes or a delete ran meanwhile); nothing was read: try again",
                "account '{account}' changed while it was being read, {n} times in a row "
                "(pushes or a delete ran meanwhile); nothing was read: try again",
                READ_ATTEMPTS,
                account=_shown(account_id),
            )
        )

    def pull(self, account_id: str, version: int | None = None) -> Account:
        """Read and validate an account: the current version, or stored ``version`` N.

        Errors name ``neo4j:ACCOUNT`` (or ``neo4j:ACCOUNT@N``) and the location.
        """
        from influence.validation import build_account

        if version is None:
            return build_account(Document(f"neo4j:{account_id}", self.pull_document(account_id), {}))
        rows = self._run_read(
            named_statements("versions.cypher")["read_version"], account=account_id, version=version
        )
        if not rows:
            known = self.history(account_id)  # raises for an unknown account
            have = (
                Msg("versions {first} to {last}", first=known[-1].version, last=known[0].version)
                if known
                else Msg("no stored versions")
            )
            raise StoreError(
                Msg(
                    "account '{id}' has no version {version} ({have})",
                    id=_shown(account_id),
                    version=version,
                    have=have,
                )
            )
        data = _version_document(account_id, version, rows[0]["document"])
        return build_account(Document(f"neo4j:{account_id}@{version}", data, {}))


class _TornRead(Exception):
    """A read of an account that a push or a delete overlapped: its rows may mix two versions."""


def _kind(value: Any) -> Msg:
    """What a stored value is, for a message: ``a number``, ``a list``, ``text``...

    >>> [str(_kind(v)) for v in (2, [1], True, None, "x", {})]
    ['a number', 'a list', 'true or false', 'null', 'text', 'a JSON object']
    """
    if isinstance(value, bool):
        return Msg("true or false")
    if isinstance(value, (int, float)):
        return Msg("a number")
    if isinstance(value, list):
        return Msg("a list")
    if isinstance(value, dict):
        return Msg("a JSON object")
    if isinstance(value, str):
        # TRANSLATORS: what a stored property holds: "is text, not ..."
        return Msg("text")
    if value is None:
        return Msg("null")
    # TRANSLATORS: what a stored property holds, by its type's name: "is a datetime value"
    return Msg("a {type} value", type=type(value).__name__)


def _json_object(stored: Any) -> tuple[dict[str, Any], Msg | None]:
    """A property that holds a JSON object as text, parsed: ``(object, None)``, or ``({}, what is wrong)``.

    >>> _json_object('{"x-crm": "003A"}')
    ({'x-crm': '003A'}, None)
    >>> [str(_json_object(v)[1]) for v in ("[1]", 5)]
    ['holds a list, not a JSON object', 'is a number, not JSON text']
    """
    if not isinstance(stored, str):
        # TRANSLATORS: said of a property: "property document of … {this}"
        return {}, Msg("is {kind}, not JSON text", kind=_kind(stored))
    try:
        value = json.loads(stored)
    except ValueError as exc:  # json.JSONDecodeError: its reason is Python's own English
        return {}, Msg("is not valid JSON ({reason})", reason=str(exc))
    except RecursionError:
        return {}, Msg("is not valid JSON (nested too deeply)")
    if not isinstance(value, dict):
        # TRANSLATORS: said of a property, as "is {kind}, not JSON text" is
        return {}, Msg("holds {kind}, not a JSON object", kind=_kind(value))
    return value, None


def _stored_version(value: Any, account_id: str) -> int | None:
    """The ``version`` an Account node holds; a StoreError naming it when edited by hand into something else.

    >>> _stored_version(3, "acme"), _stored_version(None, "acme")
    (3, None)
    >>> _stored_version("3", "acme")
    Traceback (most recent call last):
    ...
    influence.errors.StoreError: neo4j:acme: property version of the Account node 'acme' is text, not a whole number of at least 1: set it in Neo4j to the last version influence db history acme lists
    """
    if _is_version(value):
        return value
    raise StoreError(
        Msg(
            "neo4j:{account}: property version of the Account node '{account}' is {kind}, not a whole number "
            "of at least 1: set it in Neo4j to the last version influence db history {account} lists",
            account=_shown(account_id),
            kind=value if isinstance(value, int) and not isinstance(value, bool) else _kind(value),
        )
    )


def _is_version(value: Any) -> bool:
    """Whether a stored version number is one (a whole number of at least 1), or absent (None).

    >>> _is_version(2), _is_version(None), _is_version("2"), _is_version(True), _is_version(0)
    (True, True, False, False, False)
    """
    return value is None or (isinstance(value, int) and not isinstance(value, bool) and value >= 1)


def _version_document(account_id: str, version: int, stored: Any) -> dict[str, Any]:
    """The document an AccountVersion node keeps, parsed; a StoreError naming the node when it is broken."""
    value, problem = ({}, Msg("is missing")) if stored is None else _json_object(stored)
    if problem is None:
        return value
    raise StoreError(
        Msg(
            "neo4j:{account}@{version}: property document of the AccountVersion node of version "
            "{version} {problem}: this stored version cannot be read (the others can: "
            "influence db history {account})",
            account=_shown(account_id),
            version=version,
            problem=problem,
        )
    )


def _stored_extras(
    props: dict[str, Any], key: str, account_id: str, where: Callable[[], Msg]
) -> dict[str, Any]:
    """The ``x-`` keys a node or relationship keeps as JSON text under ``key`` ({} when none).

    Text edited by hand into something else is refused, naming the account,
    ``where()`` (the node: label and id, or the relationship) and the property:
    text that is not JSON, JSON that is not an object, and keys that do not
    start with ``x-`` (they would silently replace the record's own fields).
    """
    stored = props.get(key)
    if stored is None or stored == "":
        return {}
    value, problem = _json_object(stored)
    if problem is None:
        bad = [k for k in value if not k.startswith("x-")]
        if not bad:
            return value
        problem = Msg(
            "holds keys that do not start with 'x-' ({keys}), which would override its own fields",
            keys=_key_list(bad),
        )
    raise StoreError(
        Msg(
            "neo4j:{account}: property {key} of {where} {problem}; it must be a JSON object "
            "of x- keys: repair or remove the property in Neo4j",
            account=_shown(account_id),
            key=key,
            where=where(),
            problem=problem,
        )
    )


def _key_list(keys: list[str], *, quoted: bool = True) -> Msg | str:
    """Up to five keys, quoted (or as they are): ``'a', 'b' and 3 more``.

    >>> str(_key_list(["a", "b"])), str(_key_list(list("abcdefg")))
    ("'a', 'b'", "'a', 'b', 'c', 'd', 'e' and 2 more")
    """
    shown = ", ".join(f"'{_shown(k)}'" if quoted else k for k in keys[:5])
    if len(keys) <= 5:
        return shown
    return Msg("{keys} and {n} more", keys=shown, n=len(keys) - 5)


_DERIVED = {
    "account",
    "idx",
    "in_buying_team",
    "decision_maker",
    *BOOKKEEPING,
    EXTRAS,
    BLOCK_EXTRAS,
}


def _fields(props: dict[str, Any]) -> dict[str, Any]:
    return {k: _native(v) for k, v in props.items() if k not in _DERIVED}


def _record(props: dict[str, Any], extras: dict[str, Any], **first: Any) -> dict[str, Any]:
    """A record as the file holds it: ``first``, then its stored fields, then its ``x-`` keys (``extras``).

    >>> _record({"id": "ann", "name": "Ann", "idx": 0, "extras_json": '{"x-sf": "003A"}'}, {"x-sf": "003A"}, id="ann")
    {'id': 'ann', 'name': 'Ann', 'x-sf': '003A'}
    """
    fields = _fields({k: v for k, v in props.items() if k not in first})
    return {**first, **fields, **extras}


def _node_at(label: str, ident: Any) -> Callable[[], Msg]:
    """A node as a message names it: ``the Person node 'ann'`` (made only when needed)."""
    # TRANSLATORS: follows "property {key} of"
    return lambda: Msg("the {label} node '{id}'", label=label, id=_shown(str(ident)))


def _tie_at(label: str, row: dict[str, Any]) -> Callable[[], Msg]:
    """A relationship as a message names it: ``the FRIEND relationship from Person 'a' to 'b'``."""
    # TRANSLATORS: follows "property {key} of"; {type} is the relationship's type (FRIEND)
    return lambda: Msg(
        "the {type} relationship from {label} '{source}' to '{target}'",
        type=row["type"],
        label=label,
        source=_shown(str(row["from"])),
        target=_shown(str(row["to"])),
    )


def _refuse_without_id(account_id: str, rows: list[list[Any]]) -> None:
    """A StoreError naming the nodes of the account that have no id (a read would leave them out)."""
    if not rows:
        return
    shown = [":".join(ls) + ("" if name is None else f" '{_shown(str(name))}'") for ls, name in rows]
    raise StoreError(
        NMsg(
            "neo4j:{account}: {n} node of the account has no id ({nodes}): give it an id or delete it "
            "in Neo4j (influence db delete removes it too)",
            "neo4j:{account}: {n} nodes of the account have no id ({nodes}): give them ids or delete them "
            "in Neo4j (influence db delete removes them too)",
            len(rows),
            account=_shown(account_id),
            nodes=_key_list(shown, quoted=False),
        )
    )


def _refuse_labels(account_id: str, section: str, rows: list[dict[str, Any]]) -> None:
    """A StoreError naming a node with a label besides its own (added by hand: a push would drop it)."""
    own = RECORDS[section].label
    for row in rows:
        if row["labels"] != [own]:
            extra = [label for label in row["labels"] if label != own]
            raise StoreError(
                Msg(
                    "neo4j:{account}: the {label} node '{id}' also has the label {extra}, which influence "
                    "does not keep (a push would drop it): remove it in Neo4j",
                    account=_shown(account_id),
                    label=own,
                    id=_shown(str(row["id"])),
                    extra=", ".join(_shown(x) for x in extra),
                )
            )


#: (list, relationship type) of every relationship a push writes from a node of that list
_WRITTEN_TIES = frozenset(
    {(s, f.neo4j) for s, record in RECORDS.items() for f in record.fields if f.neo4j}
    | {("people", t) for t in LINK_REL.values()}
    | {("team", "KNOWS"), ("competitors", "KNOWS")}
)


def _refuse_ties(account_id: str, ties: dict[str, list[dict[str, Any]]]) -> None:
    """A StoreError naming a relationship no push writes (a type unknown, or from a node of
    another list), or the second of a reference a record holds once (two units a person
    works in, two managers): a pull would leave it out, and the next push delete it."""
    for section, rows in ties.items():
        label = RECORDS[section].label or section
        held: dict[tuple[str, str], list[str]] = {}
        for row in rows:
            if (section, row["type"]) not in _WRITTEN_TIES:
                raise StoreError(
                    Msg(
                        "neo4j:{account}: the {type} relationship from {label} '{source}' to '{target}' is "
                        "not one influence keeps (a push would delete it): delete it in Neo4j",
                        account=_shown(account_id),
                        type=_shown(row["type"]),
                        label=label,
                        source=_shown(str(row["from"])),
                        target=_shown(str(row["to"])),
                    )
                )
            field = _REFERENCE_FIELDS.get((section, row["type"]))
            link = row["type"] == "REPORTS_TO" and not row["props"].get("shorthand")  # a link, not the field
            if field is not None and field.type != "list" and not link:
                held.setdefault((str(row["from"]), row["type"]), []).append(str(row["to"]))
        for (source, kind), targets in held.items():
            if len(targets) > 1:
                raise StoreError(
                    Msg(
                        "neo4j:{account}: the {label} node '{id}' has {n} {type} relationships (to {targets}); "
                        "its {field} is one: delete all but one in Neo4j",
                        account=_shown(account_id),
                        label=label,
                        id=_shown(source),
                        n=len(targets),
                        type=kind,
                        targets=_key_list(sorted(targets)),
                        field=_REFERENCE_FIELDS[section, kind].key,
                    )
                )


def _document(
    account_id: str,
    account_row: dict[str, Any],
    nodes: dict[str, list[dict[str, Any]]],
    ties: dict[str, list[dict[str, Any]]],
) -> dict[str, Any]:
    """Rebuild the document from the rows the pull statements return.

    A broken ``x-`` property raises StoreError (:func:`_stored_extras`); rows
    that do not fit together (a relationship from a node not read) KeyError.
    """

    def extras(props: dict[str, Any], where: Callable[[], Msg], key: str = EXTRAS) -> dict[str, Any]:
        return _stored_extras(props, key, account_id, where)

    props = dict(account_row["props"])
    at_account = _node_at("Account", account_row["id"])
    top = extras(props, at_account)
    info = _record(props, extras(props, at_account, BLOCK_EXTRAS), id=account_row["id"])
    records = {
        s: [
            _record(r["props"], extras(r["props"], _node_at(RECORDS[s].label or s, r["id"])), id=r["id"])
            for r in nodes[s]
        ]
        for s in SECTIONS
    }
    index = {s: {r["id"]: r for r in records[s]} for s in SECTIONS}
    links: list[tuple[int, dict[str, Any]]] = []
    relationships: list[tuple[int, dict[str, Any]]] = []
    _references(info, index, ties)
    for row in ties.get("people", []):
        kind, p = row["type"], dict(row["props"])
        if kind in REL_LINK and not p.pop("shorthand", False):
            first = {"from": row["from"], "to": row["to"], "type": REL_LINK[kind]}
            links.append((row["props"].get("idx", 0), _record(p, extras(p, _tie_at("Person", row)), **first)))
    for row in ties.get("team", []):
        if row["type"] == "KNOWS":
            p = row["props"]
            record = _record(p, extras(p, _tie_at("TeamMember", row)), team=row["from"], person=row["to"])
            relationships.append((p.get("idx", 0), record))
    competitor_ties: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for row in ties.get("competitors", []):
        if row["type"] == "KNOWS":
            p = row["props"]
            record = _record(p, extras(p, _tie_at("Competitor", row)), person=row["to"])
            competitor_ties.setdefault(row["from"], []).append((p.get("idx", 0), record))
    for cid, rows in competitor_ties.items():
        index["competitors"][cid]["relationships"] = [r for _, r in sorted(rows, key=lambda t: t[0])]
    for rec in (info, *(r for s in SECTIONS for r in records[s])):
        for key in [k for k in rec if k.startswith("x-")]:
            rec[key] = rec.pop(key)  # after the references and ties put back: the serialized order
    doc: dict[str, Any] = {"format": "influence/v1", "account": info, **records}
    if props.get("version") is not None:
        doc = {"format": "influence/v1", "base_version": _stored_version(props["version"], account_id), **doc}
    doc["links"] = [r for _, r in sorted(links, key=lambda t: t[0])]
    doc["relationships"] = [r for _, r in sorted(relationships, key=lambda t: t[0])]
    doc.update(top)
    return doc


#: (section, relationship type) -> the schema field that relationship stores.
_REFERENCE_FIELDS = {
    (section, f.neo4j): f for section, record in RECORDS.items() for f in record.fields if f.neo4j
}


def _references(
    info: dict[str, Any], index: dict[str, dict[str, dict[str, Any]]], ties: dict[str, list[dict[str, Any]]]
) -> None:
    """Put back the references stored as relationships (record schema fields with a Neo4j type)."""
    lists: dict[tuple[str, str, str], list[tuple[int, str]]] = {}
    for section in ("account", *SECTIONS):
        for row in ties.get(section, []):
            f = _REFERENCE_FIELDS.get((section, row["type"]))
            if f is None or (row["type"] == "REPORTS_TO" and not row["props"].get("shorthand")):
                continue  # a link, a relationship: records of their own
            if f.type == "list":
                lists.setdefault((section, row["from"], f.key), []).append(
                    (row["props"].get("idx", 0), row["to"])
                )
            else:
                (info if section == "account" else index[section][row["from"]])[f.key] = row["to"]
    for (section, ident, key), picked in lists.items():
        index[section][ident][key] = [p for _, p in sorted(picked)]
