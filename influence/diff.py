"""What changed between two versions of one account: people, ties, records, coverage, findings.

Records are the account block and every other record with an id
(organizations, units, team members, competitors, tenders, activities),
compared on the fields :data:`influence.schema.RECORDS` declares.

A consumer of the analyses (it never feeds them): :func:`diff_accounts`
analyses both versions at one as-of date and compares them;
:func:`diff_reports` compares two reports already made. The result is a
:class:`Diff` of typed rows whose :meth:`Diff.to_dict` is the JSON of
``influence diff --format json``. :func:`compare` puts two reports side by
side as pandas tables (also for two different accounts).

>>> import influence
>>> before = influence.load("examples/uralmet.yaml")
>>> after = influence.load("examples/uralmet-2027q1.yaml")
>>> change = diff_accounts(before, after, "2027-02-01")
>>> change.findings_persisting > 0
True
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from influence.analysis import Report, analyze, rounded
from influence.analysis.catalogue import finding_scope, subject_kind
from influence.analysis.facts import expect_account
from influence.errors import Msg, SourceError, UsageError
from influence.graph import LINK_DEFAULTS, expect_flag
from influence.model import Account, Person
from influence.redact import name_words, whole_words
from influence.schema import ID_SECTIONS, RECORDS, Field

__all__ = [
    "DROPPED",
    "PERSON_FIELDS",
    "RECORD_FIELDS",
    "RECORD_SECTIONS",
    "CoverageChange",
    "Diff",
    "FindingRef",
    "PersonChange",
    "RecordChange",
    "RecordRef",
    "Tie",
    "TieChange",
    "diff_accounts",
    "diff_reports",
    "shared_diff",
]

#: the person fields a diff compares, in the order they are listed
PERSON_FIELDS = (
    "name",
    "title",
    "unit",
    "roles",
    "stance",
    "awareness",
    "pains",
    "offer",
    "informal",
    "private",
    "buying_team",
    "reports_to",
)
#: the fields compared on each kind of tie
TIE_FIELDS = {
    "link": ("strength", "back_strength", "private"),
    "relationship": ("strength", "last_contact"),
    "competitor": ("strength",),
}
#: the sections of records compared field by field besides people, in file order
#: (``account`` is the account block, its id the account id)
RECORD_SECTIONS = ("account", *(s for s in ID_SECTIONS if s != "people"))
#: the fields compared on each section's records: every declared field but the id and
#: nested records (a competitor's relationships are ties)
RECORD_FIELDS: dict[str, tuple[Field, ...]] = {
    s: tuple(f for f in RECORDS[s].fields if f.key != "id" and f.type != "records") for s in RECORD_SECTIONS
}
EPS = 1e-9
#: why a finding no longer reported was dropped, not resolved (see :meth:`Diff.dropped_as`)
DROPPED = ("left-account", "left-buying-team", "no-longer-decision-maker", "now-decision-maker")


@dataclass(frozen=True)
class PersonChange:
    """One field of one person that differs: ``before`` and ``after`` as the analyses read them.

    ``buying_team`` is whether the person is in the buying team (``true`` for
    someone with roles, written or not); ``pains`` leaves out blank entries
    and counts in any order; a blank ``offer`` is none. Every other field is
    as in the file.
    """

    person: str
    field: str
    before: Any
    after: Any

    def to_dict(self) -> dict[str, Any]:
        """The JSON row."""
        return {"person": self.person, "field": self.field, "before": self.before, "after": self.after}


@dataclass(frozen=True, order=True)
class Tie:
    """A tie: ``kind`` is ``link`` (type = link type), ``relationship`` (team -> person)
    or ``competitor`` (competitor -> person); the last two have no type."""

    kind: str
    source: str
    target: str
    type: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON row."""
        return {"kind": self.kind, "from": self.source, "to": self.target, "type": self.type}


@dataclass(frozen=True)
class TieChange:
    """One field of a tie present in both versions that differs, as the analyses read it: a
    link's strength left out is its type's default (``before`` 0.6 for a friend link without one)."""

    tie: Tie
    field: str
    before: Any
    after: Any

    def to_dict(self) -> dict[str, Any]:
        """The JSON row."""
        return {
            "kind": self.tie.kind,
            "from": self.tie.source,
            "to": self.tie.target,
            "field": self.field,
            "before": self.before,
            "after": self.after,
        }


@dataclass(frozen=True, order=True)
class RecordRef:
    """A record by its section (one of :data:`RECORD_SECTIONS`) and id."""

    section: str
    id: str

    def to_dict(self) -> dict[str, Any]:
        """The JSON row."""
        return {"section": self.section, "id": self.id}


@dataclass(frozen=True)
class RecordChange:
    """One field of a record present in both versions that differs: values as in :class:`PersonChange`."""

    section: str
    id: str
    field: str
    before: Any
    after: Any

    @property
    def ref(self) -> RecordRef:
        """The record changed."""
        return RecordRef(self.section, self.id)

    def to_dict(self) -> dict[str, Any]:
        """The JSON row."""
        return {
            "section": self.section,
            "id": self.id,
            "field": self.field,
            "before": self.before,
            "after": self.after,
        }


@dataclass(frozen=True)
class CoverageChange:
    """A decision maker (in either version) whose coverage or status differs; None = not a decision maker."""

    person: str
    before: float | None
    after: float | None
    status_before: str | None
    status_after: str | None

    def to_dict(self) -> dict[str, Any]:
        """The JSON row."""
        return {
            "person": self.person,
            "before": self.before,
            "after": self.after,
            "status_before": self.status_before,
            "status_after": self.status_after,
        }


@dataclass(frozen=True)
class FindingRef:
    """A finding by its stable identity: code and subject."""

    code: str
    subject: str

    @property
    def person(self) -> str | None:
        """The person the finding is about, None for the account, a role or a tender (see :attr:`Finding.person`)."""
        return self.subject if subject_kind(self.code) == "person" else None

    def to_dict(self) -> dict[str, Any]:
        """The JSON row."""
        return {"code": self.code, "subject": self.subject}


@dataclass(frozen=True)
class Diff:
    """Everything that changed between two versions of one account, analysed at one date.

    ``people_changed`` is ordered by person then field name; ties by kind,
    from, to, type; records by section (in file order, see
    :data:`RECORD_SECTIONS`), id, then field name; ``coverage`` by person;
    findings in report order (resolved from the earlier report, new from the
    later one). ``findings_resolved`` holds every finding no longer reported:
    one whose subject left the account (see :meth:`gone`) or the people the
    finding is about (the buying team, the decision makers) is among them,
    though nothing was resolved; :meth:`dropped_as` tells them apart.
    """

    account: str
    as_of: dt.date
    people_added: tuple[str, ...] = ()
    people_removed: tuple[str, ...] = ()
    people_changed: tuple[PersonChange, ...] = ()
    ties_added: tuple[Tie, ...] = ()
    ties_removed: tuple[Tie, ...] = ()
    ties_changed: tuple[TieChange, ...] = ()
    coverage: tuple[CoverageChange, ...] = ()
    findings_resolved: tuple[FindingRef, ...] = ()
    findings_new: tuple[FindingRef, ...] = ()
    findings_persisting: int = 0
    records_added: tuple[RecordRef, ...] = ()
    records_removed: tuple[RecordRef, ...] = ()
    records_changed: tuple[RecordChange, ...] = ()
    #: a person removed and one added with the same name (in any case and spacing), by id:
    #: ``(removed, added)``, maybe one person whose id changed (a diff matches people by id)
    people_same_name: tuple[tuple[str, str], ...] = ()
    names: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    private: frozenset[str] = field(default=frozenset(), compare=False, repr=False)
    private_ties: frozenset[Tie] = field(default=frozenset(), compare=False, repr=False)
    persisting_private: int = field(default=0, compare=False, repr=False)
    #: a record's name (or a tender's title) when it has one, the later version's first
    labels: dict[RecordRef, str] = field(default_factory=dict, compare=False, repr=False)
    #: records that name a private person in either version (an activity targeting her)
    private_records: frozenset[RecordRef] = field(default=frozenset(), compare=False, repr=False)
    #: the ids and names of the private people of either version (found in any case)
    private_words: frozenset[str] = field(default=frozenset(), compare=False, repr=False)
    #: the words of their names and their case forms (found capitalised: see whole_words)
    private_parts: frozenset[str] = field(default=frozenset(), compare=False, repr=False)
    #: whether the coverage and findings come from analyses over private ties (of the whole
    #: versions, while something is private); such a diff cannot be shared (:meth:`redacted`)
    over_private: bool = field(default=False, compare=False, repr=False)
    #: the people in both versions (as analysed) whose place changed, by id: their place in the
    #: later one, ``decision_maker``, ``buying_team`` (in it, not deciding) or ``outside`` (not in it)
    moved: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def redacted(self) -> Diff:
        """The diff without private people (in either version) and private links, for shared packs.

        Every entry that names a private person (a change of someone's
        ``reports_to`` to or from her included), or is a private link, is
        left out; so is every entry about a record that names her in either
        version (an activity targeting her: its id may well be named after
        her), and any change, added or removed record whose values, name or
        title hold her id, her name or a part of it, in either version (a
        pain "his wife Anna Petrova wants him home", a tender "Gift for Anna
        Petrova", a rationale "Petrova confirms"). The counts of the sections
        shrink accordingly, the persisting findings' too. A link private before
        and public now is new to the shared pack: it is among the ties added.

        Raises
        ------
        UsageError
            For a diff whose coverage and findings were analysed over private
            ties (their figures would tell a private tie's strength): make it
            with ``diff_accounts(before, after, as_of, redact=True)``.
        """
        if self.over_private:
            raise UsageError(
                "Diff.redacted(): this diff's coverage and findings come from analyses over private ties; "
                "use diff_accounts(before, after, as_of, redact=True) for a shared diff"
            )
        hidden = self.private
        mentions = _mentions(self.private_words, self.private_parts)
        in_id = _mentions(self.private_words | self.private_parts)  # an id is lower case: any case

        def change_ok(c: PersonChange) -> bool:
            return c.person not in hidden and not (mentions(c.before) or mentions(c.after))

        def record_ok(r: RecordRef) -> bool:
            return r not in self.private_records and not (in_id(r.id) or mentions(self.labels.get(r)))

        def tie_ok(t: Tie) -> bool:
            return t not in self.private_ties and not {t.source, t.target} & hidden

        def record_change_ok(c: RecordChange) -> bool:
            return record_ok(c.ref) and not (mentions(c.before) or mentions(c.after))

        def finding_ok(f: FindingRef) -> bool:  # not about her, nor about a tender named after her
            return f.person not in hidden and not (subject_kind(f.code) == "tender" and in_id(f.subject))

        return dataclasses.replace(
            self,
            people_added=tuple(p for p in self.people_added if p not in hidden),
            people_removed=tuple(p for p in self.people_removed if p not in hidden),
            people_changed=tuple(c for c in self.people_changed if change_ok(c)),
            people_same_name=tuple(pair for pair in self.people_same_name if not set(pair) & hidden),
            ties_added=tuple(sorted({*(t for t in self.ties_added if tie_ok(t)), *self._made_public()})),
            ties_removed=tuple(t for t in self.ties_removed if tie_ok(t)),
            ties_changed=tuple(c for c in self.ties_changed if tie_ok(c.tie)),
            coverage=tuple(c for c in self.coverage if c.person not in hidden),
            findings_resolved=tuple(f for f in self.findings_resolved if finding_ok(f)),
            findings_new=tuple(f for f in self.findings_new if finding_ok(f)),
            findings_persisting=self.findings_persisting - self.persisting_private,
            persisting_private=0,
            records_added=tuple(r for r in self.records_added if record_ok(r)),
            records_removed=tuple(r for r in self.records_removed if record_ok(r)),
            records_changed=tuple(c for c in self.records_changed if record_change_ok(c)),
            names={k: v for k, v in self.names.items() if k not in hidden},
            moved={k: v for k, v in self.moved.items() if k not in hidden},
            labels={k: v for k, v in self.labels.items() if k not in self.private_records},
            # nothing private travels with a shared diff, not even in fields it does not show
            private=frozenset(),
            private_ties=frozenset(),
            private_records=frozenset(),
            private_words=frozenset(),
            private_parts=frozenset(),
        )

    @property
    def empty(self) -> bool:
        """True when nothing but persisting findings is reported."""
        return not (
            self.people_added
            or self.people_removed
            or self.people_changed
            or self.ties_added
            or self.ties_removed
            or self.ties_changed
            or self.coverage
            or self.records_added
            or self.records_removed
            or self.records_changed
            or self.findings_resolved
            or self.findings_new
        )

    def gone(self) -> frozenset[str]:
        """The ids of the people and records in the earlier version only: no longer in the account.

        A finding about one of them is among ``findings_resolved`` (it is no
        longer reported) though nothing was resolved: the table says so.

        >>> left = Diff("acme", dt.date(2027, 2, 1), people_removed=("orlova",),
        ...             records_removed=(RecordRef("tenders", "pdm-2027"),))
        >>> sorted(left.gone())
        ['orlova', 'pdm-2027']
        """
        # the account is never gone, though an organization may share its id (the holding's)
        return frozenset((*self.people_removed, *(r.id for r in self.records_removed))) - {self.account}

    def _made_public(self) -> set[Tie]:
        """The links private before and public now, between public people: new to a shared pack."""
        return {
            c.tie
            for c in self.ties_changed
            if c.field == "private"
            and c.before
            and not c.after
            and not {c.tie.source, c.tie.target} & self.private
        }

    def dropped(self, f: FindingRef) -> bool:
        """Whether a finding no longer reported no longer applies, rather than was resolved (see :meth:`dropped_as`).

        >>> left = Diff("acme", dt.date(2027, 2, 1), people_removed=("user", "acme"))
        >>> left.dropped(FindingRef("stance-unknown", "user")), left.dropped(FindingRef("role-missing", "user"))
        (True, False)
        >>> left.dropped(FindingRef("stance-unknown", "acme")), left.dropped(FindingRef("no-sponsor", "acme"))
        (True, False)
        """
        return self.dropped_as(f) is not None

    def dropped_as(self, f: FindingRef) -> str | None:
        """Why a finding no longer reported no longer applies (one of :data:`DROPPED`); None when it was resolved.

        ``left-account``: its subject, a person or a tender, is no longer in the
        account (never the account, nor a role, though a person or an
        organization may share their id). ``left-buying-team``: the person is
        still in the account, not in the buying team (every finding about a
        person is about the buying team). ``no-longer-decision-maker``: still in
        the buying team, no longer deciding (a finding about decision makers: their
        coverage, a competitor ahead, anti-influence paths, a plan gap).
        ``now-decision-maker``: ``not-connected``, about the others, for someone
        who now decides. A finding resolved is one whose condition went away
        while its subject stayed in scope.

        >>> d = Diff("acme", dt.date(2027, 2, 1), people_removed=("gleb",),
        ...          moved={"orlova": "buying_team", "kozlov": "outside", "petrov": "decision_maker"})
        >>> [d.dropped_as(FindingRef(code, who)) for code, who in [("stance-unknown", "gleb"),
        ...     ("plan-gap", "orlova"), ("stance-unknown", "orlova"), ("offer-missing", "kozlov"),
        ...     ("not-connected", "petrov"), ("plan-gap", "sokolov")]]
        ['left-account', 'no-longer-decision-maker', None, 'left-buying-team', 'now-decision-maker', None]
        """
        kind = subject_kind(f.code)
        if kind == "tender":
            tenders = {r.id for r in self.records_removed if r.section == "tenders"}
            return "left-account" if f.subject in tenders else None
        if kind != "person":
            return None
        if f.subject in self.people_removed:
            return "left-account"
        place, scope = self.moved.get(f.subject), finding_scope(f.code)
        if place is None or scope is None:  # in the same place (or one's own code): resolved
            return None
        if place == "outside":
            return "left-buying-team"
        if scope == "decision_maker" and place != "decision_maker":
            return "no-longer-decision-maker"
        if scope == "not_decision_maker" and place == "decision_maker":
            return "now-decision-maker"
        return None

    def node_changes(self) -> dict[str, str]:
        """People marked for the map: ``{id: "new" | "changed"}``."""
        marks = dict.fromkeys(self.people_added, "new")
        for change in self.people_changed:
            marks.setdefault(change.person, "changed")
        return marks

    def edge_changes(self) -> dict[tuple[str, str], str]:
        """Ties marked for the map: ``{(from, to): "new" | "changed"}``."""
        marks = {(t.source, t.target): "new" for t in self.ties_added}
        for change in self.ties_changed:
            marks.setdefault((change.tie.source, change.tie.target), "changed")
        return marks

    def to_dict(self) -> dict[str, Any]:
        """The ``influence diff --format json`` object, numbers rounded to 4 places."""
        return rounded(
            {
                "account": self.account,
                "as_of": self.as_of.isoformat(),
                "people": {
                    "added": list(self.people_added),
                    "removed": list(self.people_removed),
                    "changed": [c.to_dict() for c in self.people_changed],
                    "same_name": [{"removed": old, "added": new} for old, new in self.people_same_name],
                },
                "ties": {
                    "added": [t.to_dict() for t in self.ties_added],
                    "removed": [t.to_dict() for t in self.ties_removed],
                    "changed": [c.to_dict() for c in self.ties_changed],
                },
                "records": {
                    "added": [r.to_dict() for r in self.records_added],
                    "removed": [r.to_dict() for r in self.records_removed],
                    "changed": [c.to_dict() for c in self.records_changed],
                },
                "coverage": [c.to_dict() for c in self.coverage],
                "findings": {
                    "resolved": [
                        {**f.to_dict(), "dropped": self.dropped_as(f)} for f in self.findings_resolved
                    ],
                    "new": [f.to_dict() for f in self.findings_new],
                    "persisting": self.findings_persisting,
                },
            }
        )


def _plain(value: Any) -> Any:
    """A field value as it reads in JSON: tuples as lists, dates as ISO text."""
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _mentions(words: frozenset[str], parts: frozenset[str] = frozenset()) -> Callable[[Any], bool]:
    """Whether a value (a text, or a list of them) holds one of ``words`` (in any case) or of
    ``parts`` (capitalised) as a whole word.

    >>> _mentions(frozenset({"Petrova"}))(["call Anna Petrova", "x"]), _mentions(frozenset({"Petrova"}))("Petrovich")
    (True, False)
    >>> will = _mentions(frozenset({"Will Smith"}), frozenset({"Will"}))
    >>> will("ask Will"), will("will decide"), will("WILL SMITH")
    (True, False, True)
    """
    if not words and not parts:
        return lambda value: False
    pattern = whole_words(words, parts)

    def mentions(value: Any) -> bool:
        items = value if isinstance(value, (list, tuple)) else [value]
        return any(isinstance(v, str) and pattern.search(v) is not None for v in items)

    return mentions


def _private_words(accounts: Iterable[Account]) -> tuple[frozenset[str], frozenset[str]]:
    """The ids and names, and the name parts (:func:`~influence.redact.name_words`), of the
    accounts' private people."""
    words: set[str] = set()
    parts: set[str] = set()
    for account in accounts:
        for p in account.people:
            if p.private:
                words |= {p.id, p.name}
                parts |= name_words(p.name) - {p.name}
    return frozenset(w for w in words if w), frozenset(parts)


def _record_table(account: Account, section: str) -> dict[str, Any]:
    """The records of one of :data:`RECORD_SECTIONS` by id (the account block by the account id)."""
    if section == "account":
        return {account.info.id: account.info}
    return {r.id: r for r in getattr(account, section)}


def _records(before: Account, after: Account) -> tuple[list[RecordRef], list[RecordRef], list[RecordChange]]:
    """The records added, removed and changed, by section in file order, then id (then field)."""
    added: list[RecordRef] = []
    removed: list[RecordRef] = []
    changed: list[RecordChange] = []
    for section in RECORD_SECTIONS:
        old, new = _record_table(before, section), _record_table(after, section)
        added += [RecordRef(section, rid) for rid in sorted(new.keys() - old.keys())]
        removed += [RecordRef(section, rid) for rid in sorted(old.keys() - new.keys())]
        fields = sorted(RECORD_FIELDS[section], key=lambda f: f.key)
        changed += [
            RecordChange(
                section,
                rid,
                f.key,
                _plain(getattr(old[rid], f.attribute)),
                _plain(getattr(new[rid], f.attribute)),
            )
            for rid in sorted(old.keys() & new.keys())
            for f in fields
            if _compared(f, getattr(old[rid], f.attribute)) != _compared(f, getattr(new[rid], f.attribute))
        ]
    return added, removed, changed


def _compared(f: Field, value: Any) -> Any:
    """A record field's value as the diff compares it: a list of ids (an activity's targets) in any order."""
    return sorted(value) if f.type == "list" and f.ref and isinstance(value, (list, tuple)) else value


def _record_facts(
    accounts: tuple[Account, Account], wanted: set[RecordRef], private: frozenset[str]
) -> tuple[dict[RecordRef, str], frozenset[RecordRef]]:
    """Of the ``wanted`` records: each one's label (its name or title, the later version's
    first) and those that name a private person in either version."""
    labels: dict[RecordRef, str] = {}
    naming: set[RecordRef] = set()
    for account in accounts:
        for section in RECORD_SECTIONS:
            label = next((f.attribute for f in RECORDS[section].fields if f.key in ("name", "title")), None)
            people = [f.attribute for f in RECORD_FIELDS[section] if f.ref == "people"]
            for rid, obj in _record_table(account, section).items():
                ref = RecordRef(section, rid)
                if ref not in wanted:
                    continue
                if label is not None and getattr(obj, label):
                    labels[ref] = getattr(obj, label)
                for name in people:
                    value = getattr(obj, name)
                    if set(value if isinstance(value, tuple) else (value,)) & private:
                        naming.add(ref)
    return labels, frozenset(naming)


def _people(before: Account, after: Account) -> tuple[tuple[str, ...], tuple[str, ...], list[PersonChange]]:
    old, new = before.person_by_id, after.person_by_id
    changed = []
    for pid in sorted(old.keys() & new.keys()):
        for name in sorted(PERSON_FIELDS):
            was, now = _effective(old[pid], name), _effective(new[pid], name)
            # pains in another order are the same pains: nothing reads their order
            same = sorted(was) == sorted(now) if name == "pains" else was == now
            if not same:
                changed.append(PersonChange(pid, name, _plain(was), _plain(now)))
    return tuple(sorted(new.keys() - old.keys())), tuple(sorted(old.keys() - new.keys())), changed


def _same_name(
    before: Account, after: Account, added: Iterable[str], removed: Iterable[str]
) -> tuple[tuple[str, str], ...]:
    """Each person ``removed`` from ``before`` and one ``added`` in ``after`` with the same name,
    in any case and spacing: maybe one person whose id changed.

    >>> from influence.model import AccountInfo
    >>> def acme(*people): return Account(AccountInfo("acme", "Acme"), people=people)
    >>> _same_name(acme(Person("petrov", "Petr Petrov")), acme(Person("p.petrov", " petr  PETROV")),
    ...            ["p.petrov"], ["petrov"])
    (('petrov', 'p.petrov'),)
    """

    def key(name: str) -> str:
        return "".join(name.split()).casefold()

    arrived: dict[str, list[str]] = {}
    for pid in added:
        arrived.setdefault(key(after.person_by_id[pid].name), []).append(pid)
    arrived.pop("", None)  # no name: nothing to match
    return tuple((old, new) for old in removed for new in arrived.get(key(before.person_by_id[old].name), ()))


def _effective(p: Person, name: str) -> Any:
    """A person's field as the analyses read it (docs/format.md): ``buying_team`` the membership
    (a person with roles is in the team, written or not), ``pains`` the known ones, a blank
    ``offer`` none.

    >>> kim = Person("kim", "Kim", roles=("user",), pains=("downtime", " "), offer=" ")
    >>> _effective(kim, "buying_team"), _effective(kim, "pains"), _effective(kim, "offer"), _effective(kim, "roles")
    (True, ('downtime',), None, ('user',))
    """
    if name == "buying_team":
        return p.in_buying_team
    if name == "pains":
        return p.known_pains
    if name == "offer":
        return p.known_offer
    return getattr(p, name)


def _ties(account: Account) -> dict[tuple[Tie, int], dict[str, Any]]:
    """Every tie with its compared fields; a repeated tie is told apart by its occurrence number."""
    rows: list[tuple[Tie, dict[str, Any]]] = [
        *((Tie("link", x.source, x.target, x.type), vars(x)) for x in account.links),
        *((Tie("relationship", r.team, r.person), vars(r)) for r in account.relationships),
        *((Tie("competitor", c.id, t.person), vars(t)) for c in account.competitors for t in c.relationships),
    ]
    seen: Counter[Tie] = Counter()
    out: dict[tuple[Tie, int], dict[str, Any]] = {}
    for tie, values in rows:
        out[(tie, seen[tie])] = {name: values[name] for name in TIE_FIELDS[tie.kind]}
        seen[tie] += 1
    return out


def _place(p: Person) -> str:
    """Where a person stands in the analyses: ``decision_maker``, ``buying_team`` (in it, not
    deciding) or ``outside`` (not in the buying team)."""
    if p.is_decision_maker:
        return "decision_maker"
    return "buying_team" if p.in_buying_team else "outside"


def _moved(before: Account, after: Account) -> dict[str, str]:
    """The people in both accounts whose place (:func:`_place`) changed: their place in ``after``.

    >>> from influence.model import AccountInfo
    >>> def acme(*people): return Account(AccountInfo("acme", "Acme"), people=people)
    >>> _moved(acme(Person("kim", "Kim", roles=("decision_maker",)), Person("sue", "Sue", roles=("user",))),
    ...        acme(Person("kim", "Kim", roles=("user",)), Person("sue", "Sue", roles=("user",))))
    {'kim': 'buying_team'}
    """
    old, new = before.person_by_id, after.person_by_id
    places = {pid: _place(new[pid]) for pid in sorted(old.keys() & new.keys())}
    return {pid: place for pid, place in places.items() if place != _place(old[pid])}


def _tie_changes(before: Account, after: Account) -> tuple[list[Tie], list[Tie], list[TieChange]]:
    old, new = _ties(before), _ties(after)
    added = sorted(key[0] for key in new.keys() - old.keys())
    removed = sorted(key[0] for key in old.keys() - new.keys())
    changed = []
    for key in sorted(old.keys() & new.keys()):
        for name in TIE_FIELDS[key[0].kind]:
            before, after = (_read(key[0], name, x[key][name]) for x in (old, new))
            if before != after:  # a default left out and written out read the same, and show the same
                changed.append(TieChange(key[0], name, _plain(before), _plain(after)))
    return added, removed, changed


def _read(tie: Tie, name: str, value: Any) -> Any:
    """A tie's field as the analyses read it: a link's strength left out is its type's default.

    >>> friend = Tie("link", "a", "b", "friend")
    >>> _read(friend, "strength", None), _read(friend, "back_strength", None), _read(friend, "private", None)
    (0.6, 0.6, None)
    """
    if value is None and tie.type in LINK_DEFAULTS and name in _STRENGTHS:
        return LINK_DEFAULTS[tie.type][_STRENGTHS.index(name)]
    return value


_STRENGTHS = ("strength", "back_strength")


def _coverage(before: Report, after: Report) -> list[CoverageChange]:
    old = {r.person: r for r in before.coverage}
    new = {r.person: r for r in after.coverage}
    out = []
    for pid in sorted(old.keys() | new.keys()):
        b, a = old.get(pid), new.get(pid)
        change = CoverageChange(
            pid,
            b.coverage if b else None,
            a.coverage if a else None,
            b.status if b else None,
            a.status if a else None,
        )
        moved = b is None or a is None or abs(b.coverage - a.coverage) > EPS
        if moved or change.status_before != change.status_after:
            out.append(change)
    return out


def _findings(before: Report, after: Report) -> tuple[list[FindingRef], list[FindingRef], list[FindingRef]]:
    """The findings resolved, new, and persisting (by code and subject, each counted as often as it occurs)."""

    def refs(report: Report) -> list[FindingRef]:
        return [FindingRef(f.code, f.subject) for f in report.findings]

    def missing(ours: Iterable[FindingRef], theirs: Iterable[FindingRef]) -> list[FindingRef]:
        left = Counter(theirs)
        out = []
        for ref in ours:
            if left[ref]:
                left[ref] -= 1
            else:
                out.append(ref)
        return out

    old, new = refs(before), refs(after)
    resolved = missing(old, new)
    return resolved, missing(new, old), missing(old, resolved)


def _two_accounts(before: str, after: str) -> Msg:
    """The message when a diff is asked of two different accounts."""
    return Msg(
        "BEFORE is account '{before}' and AFTER is account '{after}': a diff compares two versions of one account",
        before=before,
        after=after,
    )


def diff_reports(
    before: Report,
    after: Report,
    *,
    accounts: tuple[Account, Account] | None = None,
    records: tuple[Account, Account] | None = None,
) -> Diff:
    """Compare two reports of one account (see :func:`diff_accounts`).

    ``accounts``: the two versions whose people, ties and records are compared,
    when the reports are of other views of them; a shared pack compares the
    whole versions (then :meth:`Diff.redacted`), and the findings and coverage
    of their public views. ``records``: the two versions whose records are
    compared, when not ``accounts`` (a shared pack: the public views').

    Raises
    ------
    SourceError
        When the reports are of two different accounts, or of two dates.
    """
    first, second = accounts or (before.account, after.account)
    if before.account.id != after.account.id or (first.id, second.id) != (
        before.account.id,
        after.account.id,
    ):
        raise SourceError(_two_accounts(before.account.id, after.account.id))
    if before.as_of != after.as_of:
        raise SourceError(
            Msg(
                "the reports are of two dates ({before} and {after}); use one as-of",
                before=before.as_of,
                after=after.as_of,
            )
        )
    added, removed, changed = _people(first, second)
    ties_added, ties_removed, ties_changed = _tie_changes(first, second)
    compared = records or (first, second)
    records_added, records_removed, records_changed = _records(*compared)
    resolved, new, persisting = _findings(before, after)
    private = frozenset(p.id for a in (first, second) for p in a.people if p.private)
    private_words, private_parts = _private_words((first, second))
    wanted = {*records_added, *records_removed, *(c.ref for c in records_changed)}
    labels, private_records = _record_facts(compared, wanted, private)
    names: dict[str, str] = {}
    for account in (first, second):
        names.update({p.id: p.name for p in account.people})
        names.update({t.id: t.name for t in account.team})
        names.update({c.id: c.name for c in account.competitors})
    return Diff(
        account=after.account.id,
        as_of=after.as_of,
        people_added=added,
        people_removed=removed,
        people_changed=tuple(changed),
        people_same_name=_same_name(first, second, added, removed),
        ties_added=tuple(ties_added),
        ties_removed=tuple(ties_removed),
        ties_changed=tuple(ties_changed),
        coverage=tuple(_coverage(before, after)),
        findings_resolved=tuple(resolved),
        findings_new=tuple(new),
        findings_persisting=len(persisting),
        records_added=tuple(records_added),
        records_removed=tuple(records_removed),
        records_changed=tuple(records_changed),
        names=names,
        labels=labels,
        private_records=private_records,
        private=private,
        private_words=private_words,
        private_parts=private_parts,
        persisting_private=sum(f.person in private for f in persisting),
        private_ties=frozenset(
            Tie("link", x.source, x.target, x.type) for a in (first, second) for x in a.links if x.private
        ),
        # reports of the whole versions while something is private (``accounts``: of their public views)
        moved=_moved(before.account, after.account),  # the versions the findings come from
        over_private=accounts is None
        and any(r.account.public_view() is not r.account for r in (before, after)),
    )


def diff_accounts(
    before: Account, after: Account, as_of: dt.date | str | None = None, *, redact: bool = False
) -> Diff:
    """What changed from ``before`` to ``after``, both analysed at ``as_of``.

    Parameters
    ----------
    before, after : Account
        Two versions of one account (same ``account.id``).
    as_of : datetime.date or str, optional
        The one analysis date for both (default today).
    redact : bool
        The diff to share (:meth:`Diff.redacted`): the people, ties and records
        of the whole versions without anything private, and the coverage and
        findings of their public views (the earlier keeping private what is
        private in the later), as ``review --since --redact`` writes it.

    Returns
    -------
    Diff

    Raises
    ------
    SourceError
        When the two are different accounts.

    Examples
    --------
    >>> import influence
    >>> old = influence.load("examples/uralmet.yaml")
    >>> new = influence.load("examples/uralmet-2027q1.yaml")
    >>> diff_accounts(old, new, "2027-02-01").to_dict()["account"]
    'uralmet'
    """
    expect_account(before, "diff_accounts")
    expect_account(after, "diff_accounts")
    redact = expect_flag(redact, "diff_accounts", "redact")
    if before.id != after.id:  # before the analyses: say it at once
        raise SourceError(_two_accounts(before.id, after.id))
    if not redact:
        return diff_reports(analyze(before, as_of), analyze(after, as_of))
    return shared_diff(before, after, analyze(after.public_view(), as_of))


def shared_diff(before: Account, after: Account, report: Report) -> Diff:
    """The diff to share from ``before`` to ``after``, whose public view's analysis is ``report``.

    The people and ties of the whole versions, redacted (:meth:`Diff.redacted`),
    the records and the findings and coverage of their public views, the
    earlier one keeping private what is private in the later: a meeting with
    her and others is shown, and counts, with its other targets.
    ``review --since --redact`` and ``diff_accounts(..., redact=True)``.

    >>> import influence
    >>> account = influence.load("examples/uralmet.yaml")
    >>> shared_diff(account, account, influence.analyze(account.public_view(), "2026-11-27")).people_changed
    ()
    """
    earlier = before.public_view(like=after)
    shown = analyze(earlier, report.as_of)
    records = (earlier, after.public_view(like=before))
    return diff_reports(shown, report, accounts=(before, after), records=records).redacted()
