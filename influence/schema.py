"""The record schema of ``influence/v1``: one declaration per record.

Each :class:`Record` lists its :class:`Field` s in document order: the key in
the file, the value type, whether it is required, its vocabulary or range,
the section whose ids it names, the model attribute it fills and, for a
reference, the Neo4j relationship that stores it. Validation
(:mod:`influence.validation`), building the model, serialization
(:mod:`influence.serialize`) and the Neo4j mapping (:func:`node_properties`,
:func:`references`) are all derived from :data:`RECORDS`, so adding a field
is one edit here (plus its model attribute and its line in docs/format.md).
Every record also keeps its ``x-`` keys: validation collects them under
``extras``, the model holds them in ``extras``, serialization writes them
back after the declared fields.

>>> RECORDS["people"].field("stance").type
'stance'
>>> [f.key for f in RECORDS["links"].fields if f.required]
['from', 'to', 'type']
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from influence.i18n import LANGUAGES
from influence.model import (
    ACTIVITY_KINDS,
    ACTIVITY_STATUSES,
    AWARENESS,
    LINK_TYPES,
    ORG_KINDS,
    ROLES,
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

__all__ = [
    "DOCUMENT_KEYS",
    "ID_SECTIONS",
    "LIST_SECTIONS",
    "RECORDS",
    "TYPES",
    "Field",
    "Record",
    "node_properties",
    "references",
]

#: Value types a field may have.
TYPES = (
    "id",  # an id matching ID_PATTERN
    "text",  # any text (numbers and dates are taken as their text)
    "date",  # YYYY-MM-DD
    "month_day",  # MM-DD
    "bool",
    "strength",  # a number in (0, 1] or weak / medium / strong
    "back_strength",  # as strength, or 0 (no reverse edge)
    "stance",  # -2..2 or opponent / skeptic / neutral / supporter / champion
    "choice",  # one word of ``vocabulary``
    "number",  # a number in [low, high] (no upper bound when high is None)
    "list",  # a list of ``item`` values (repeats dropped)
    "records",  # a list of nested records of kind ``record``
)


@dataclass(frozen=True)
class Field:
    """One field of a record.

    Attributes
    ----------
    key : str
        The key in the file.
    type : str
        One of :data:`TYPES`.
    required : bool
    attr : str or None
        The model attribute, when it differs from ``key`` (links: ``from`` -> ``source``).
    ref : str or None
        The section whose ids the value (or each list item) names.
    noun : str
        What the referenced thing, or the vocabulary, is called in messages.
    vocabulary : tuple of str
        The allowed words of a ``choice``.
    low, high : float or None
        The range of a ``number`` (``high`` None: unbounded).
    item : Field or None
        The item of a ``list``.
    record : str or None
        The nested record kind of ``records``.
    ordered : bool
        A list is kept in vocabulary order in the model (roles).
    default_from : str or None
        An absent or empty value takes this field's value in the model (a name defaults to the id).
    neo4j : str or None
        For a reference: the Neo4j relationship type that stores it (not a node property).
    """

    key: str
    type: str
    required: bool = False
    attr: str | None = None
    ref: str | None = None
    noun: str = ""
    vocabulary: tuple[str, ...] = ()
    low: float | None = None
    high: float | None = None
    item: Field | None = None
    record: str | None = None
    ordered: bool = False
    default_from: str | None = None
    neo4j: str | None = None

    @property
    def attribute(self) -> str:
        """The model attribute this field fills."""
        return self.attr or self.key


@dataclass(frozen=True)
class Record:
    """One kind of record: its section, model class, fields and Neo4j label.

    Attributes
    ----------
    section : str
        The document key of the list (``account`` for the account block).
    model : type
        The frozen dataclass of :mod:`influence.model` it builds.
    fields : tuple of Field
        In document order.
    label : str or None
        The Neo4j node label; None for records stored as relationships.
    """

    section: str
    model: type
    fields: tuple[Field, ...]
    label: str | None = None

    def field(self, key: str) -> Field:
        """The field with this document key."""
        for f in self.fields:
            if f.key == key:
                return f
        raise KeyError(key)

    @property
    def keys(self) -> tuple[str, ...]:
        """The document keys, in order."""
        return tuple(f.key for f in self.fields)


def _id(required: bool = True) -> Field:
    return Field("id", "id", required=required)


def _name(required: bool = False) -> Field:
    return Field("name", "text", required=required, default_from=None if required else "id")


def _ref(key: str, section: str, noun: str, *, required: bool = False, neo4j: str | None = None) -> Field:
    return Field(key, "id", required=required, ref=section, noun=noun, neo4j=neo4j)


def _choice(key: str, noun: str, vocabulary: tuple[str, ...], *, required: bool = False) -> Field:
    return Field(key, "choice", required=required, noun=noun, vocabulary=vocabulary)


_TEXT, _DATE, _BOOL = "text", "date", "bool"

RECORDS: dict[str, Record] = {
    r.section: r
    for r in (
        Record(
            "account",
            AccountInfo,
            (
                _id(),
                _name(required=True),
                Field("segment", _TEXT),
                _ref("owner", "team", "team member", neo4j="OWNED_BY"),
                _ref("target_unit", "units", "unit"),
                Field("target_rationale", _TEXT),
                Field("fiscal_year_start", "month_day"),
                Field("next_review", _DATE),
                _choice("language", "language", LANGUAGES),
            ),
            "Account",
        ),
        Record(
            "organizations",
            Organization,
            (
                _id(),
                _name(),
                _choice("kind", "organization kind", ORG_KINDS),
                _ref("parent", "organizations", "organization", neo4j="PART_OF"),
                Field("ownership", "number", noun="ownership", low=0, high=100),
            ),
            "Organization",
        ),
        Record(
            "units",
            Unit,
            (
                _id(),
                _name(),
                _ref("organization", "organizations", "organization", neo4j="IN"),
                _ref("parent", "units", "unit", neo4j="PART_OF"),
            ),
            "Unit",
        ),
        Record(
            "people",
            Person,
            (
                _id(),
                _name(),
                Field("title", _TEXT),
                _ref("unit", "units", "unit", neo4j="WORKS_IN"),
                _ref("reports_to", "people", "person", neo4j="REPORTS_TO"),
                Field("email", _TEXT),
                Field("phone", _TEXT),
                Field("roles", "list", item=_choice("role", "role", ROLES), ordered=True),
                Field("stance", "stance"),
                _choice("awareness", "awareness", AWARENESS),
                Field("pains", "list", item=Field("pain", _TEXT)),
                Field("offer", _TEXT),
                Field("notes", _TEXT),
                Field("informal", _BOOL),
                Field("private", _BOOL),
                Field("buying_team", _BOOL),
            ),
            "Person",
        ),
        Record(
            "links",
            Link,
            (
                Field("from", "id", required=True, attr="source", ref="people", noun="person"),
                Field("to", "id", required=True, attr="target", ref="people", noun="person"),
                _choice("type", "link type", LINK_TYPES, required=True),
                Field("strength", "strength"),
                Field("back_strength", "back_strength"),
                Field("private", _BOOL),
            ),
        ),
        Record("team", TeamMember, (_id(), _name(), Field("role", _TEXT)), "TeamMember"),
        Record(
            "relationships",
            Relationship,
            (
                _ref("team", "team", "team member", required=True),
                _ref("person", "people", "person", required=True),
                Field("strength", "strength"),
                Field("last_contact", _DATE),
            ),
        ),
        Record(
            "competitors",
            Competitor,
            (
                _id(),
                _name(),
                Field("incumbent", _BOOL),
                Field("relationships", "records", record="competitor_relationships"),
            ),
            "Competitor",
        ),
        Record(
            "competitor_relationships",
            CompetitorTie,
            (_ref("person", "people", "person", required=True), Field("strength", "strength")),
        ),
        Record(
            "tenders",
            Tender,
            (_id(), Field("title", _TEXT), Field("submission", _DATE)),
            "Tender",
        ),
        Record(
            "activities",
            Activity,
            (
                _id(),
                _choice("kind", "activity kind", ACTIVITY_KINDS),
                Field("date", _DATE),
                Field(
                    "targets",
                    "list",
                    item=Field("target", "id"),
                    ref="people",
                    noun="person",
                    neo4j="TARGETS",
                ),
                _ref("owner", "team", "team member", neo4j="OWNED_BY"),
                Field("budget", "number", noun="budget", low=0),
                _choice("status", "activity status", ACTIVITY_STATUSES),
            ),
            "Activity",
        ),
    )
}

#: The lists of a document, in document order.
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
#: Every top-level key of a document (besides ``x-`` keys). ``base_version``, a whole
#: number from 1 written by ``db pull``, is the store version the file was read at: not
#: account content, so it has no record declaration.
DOCUMENT_KEYS = ("format", "base_version", "account", *LIST_SECTIONS)
#: The sections whose records carry an id; ids are unique across all of them.
ID_SECTIONS = tuple(s for s in LIST_SECTIONS if RECORDS[s].fields[0].key == "id")


def node_properties(record: Record, obj: Any) -> dict[str, Any]:
    """The Neo4j node properties of a record: every field not stored as a relationship.

    Keys are model attributes; tuples become lists; absent values stay None
    (so that writing them removes an old property).

    >>> from influence.model import Unit
    >>> node_properties(RECORDS["units"], Unit("it", "IT", organization="acme"))
    {'id': 'it', 'name': 'IT'}
    """
    out: dict[str, Any] = {}
    for f in record.fields:
        if f.neo4j is not None or f.type == "records":
            continue
        value = getattr(obj, f.attribute)
        out[f.attribute] = list(value) if isinstance(value, tuple) else value
    return out


def references(record: Record, obj: Any) -> list[tuple[str, str, str, int]]:
    """The references of a record that Neo4j stores as relationships.

    Returns
    -------
    list of (relationship type, target section, target id, position)
        ``position`` numbers the items of a list reference (0 otherwise).

    >>> from influence.model import Unit
    >>> references(RECORDS["units"], Unit("it", "IT", organization="acme"))
    [('IN', 'organizations', 'acme', 0)]
    """
    out: list[tuple[str, str, str, int]] = []
    for f in record.fields:
        if f.neo4j is None or f.ref is None:
            continue
        value = getattr(obj, f.attribute)
        values = value if isinstance(value, tuple) else (() if value is None else (value,))
        out += [(f.neo4j, f.ref, v, i) for i, v in enumerate(values)]
    return out
