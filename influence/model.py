"""The account's typed records and the vocabularies of ``influence/v1``.

Records are frozen dataclasses built by :mod:`influence.loading` from a
validated document; nothing here reads files or validates input.
"""

from __future__ import annotations

import datetime as dt
import operator
from dataclasses import dataclass, field
from dataclasses import replace as _replace
from functools import cached_property
from typing import Any

__all__ = [
    "ACTIVITY_KINDS",
    "ACTIVITY_STATUSES",
    "ALLY_STANCE",
    "AWARENESS",
    "DECISION_ROLES",
    "FORMAT",
    "HOSTILE_STANCE",
    "ID_PATTERN",
    "LINK_TYPES",
    "ORG_KINDS",
    "ROLES",
    "STANCE_LABELS",
    "STANCE_NAMES",
    "STRENGTH_WORDS",
    "Account",
    "AccountInfo",
    "Activity",
    "Competitor",
    "CompetitorTie",
    "Link",
    "Organization",
    "Person",
    "Relationship",
    "TeamMember",
    "Tender",
    "Unit",
    "stance_is_ally",
    "stance_is_hostile",
]

FORMAT = "influence/v1"
ID_PATTERN = r"^[a-z0-9][a-z0-9_.-]*$"

ROLES = (
    "economic_buyer",
    "decision_maker",
    "technical_buyer",
    "user",
    "problem_owner",
    "internal_customer",
    "sponsor",
    "coach",
    "influencer",
    "anti_influencer",
    "gatekeeper",
    "procurement",
)
DECISION_ROLES = frozenset({"economic_buyer", "decision_maker", "technical_buyer"})
STANCE_NAMES = {"opponent": -2, "skeptic": -1, "neutral": 0, "supporter": 1, "champion": 2}
STANCE_LABELS = {value: name for name, value in STANCE_NAMES.items()}
#: An ally has stance >= ALLY_STANCE (supporter, champion): our message travels through them.
ALLY_STANCE = 1
#: A hostile person has stance <= HOSTILE_STANCE (skeptic, opponent): a source of anti-influence.
HOSTILE_STANCE = -1
AWARENESS = ("none", "low", "medium", "high")
STRENGTH_WORDS = {"weak": 0.3, "medium": 0.6, "strong": 0.9}
#: Link types; the edges (and default strengths) each yields are the graph's
#: business: see :data:`influence.graph.LINK_DEFAULTS`.
LINK_TYPES = ("reports_to", "influences", "family", "friend", "former_colleague", "informal")
ORG_KINDS = ("holding", "company", "subsidiary", "branch", "other")
ACTIVITY_KINDS = (
    "meeting",
    "conference",
    "reference_visit",
    "pilot",
    "training",
    "workshop",
    "other",
)
ACTIVITY_STATUSES = ("planned", "done", "cancelled")


def stance_is_ally(stance: int | None) -> bool:
    """True for a known stance of at least :data:`ALLY_STANCE` (supporter or champion).

    >>> stance_is_ally(1), stance_is_ally(0), stance_is_ally(None)
    (True, False, False)
    """
    return stance is not None and stance >= ALLY_STANCE


def stance_is_hostile(stance: int | None) -> bool:
    """True for a known stance of at most :data:`HOSTILE_STANCE` (skeptic or opponent).

    >>> stance_is_hostile(-1), stance_is_hostile(0), stance_is_hostile(None)
    (True, False, False)
    """
    return stance is not None and stance <= HOSTILE_STANCE


@dataclass(frozen=True)
class AccountInfo:
    """The ``account:`` block: who the client is and where we sell."""

    id: str
    name: str
    segment: str | None = None
    owner: str | None = None
    target_unit: str | None = None
    target_rationale: str | None = None
    fiscal_year_start: str | None = None  # "MM-DD"
    next_review: dt.date | None = None
    language: str | None = None  # "en" | "ru": the language of the reports
    extras: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Organization:
    """A legal entity of the client's holding."""

    id: str
    name: str
    kind: str | None = None
    parent: str | None = None
    ownership: float | None = None
    extras: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Unit:
    """A division, directorate or department inside an organization."""

    id: str
    name: str
    organization: str | None = None
    parent: str | None = None
    extras: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Person:
    """Someone who sways the purchase, formally or informally."""

    id: str
    name: str
    title: str | None = None
    unit: str | None = None
    reports_to: str | None = None
    email: str | None = None
    phone: str | None = None
    roles: tuple[str, ...] = ()
    stance: int | None = None
    awareness: str | None = None
    pains: tuple[str, ...] = ()
    offer: str | None = None
    notes: str | None = None
    informal: bool = False
    private: bool = False
    buying_team: bool | None = None
    extras: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def in_buying_team(self) -> bool:
        """True when the person is in the buying team (see docs/format.md)."""
        if self.buying_team is not None:
            return self.buying_team
        return bool(self.roles) or self.informal

    @property
    def known_pains(self) -> tuple[str, ...]:
        """The pains that say something: blank entries (only spaces) are left out.

        >>> Person("orlova", "Orlova", pains=("  ", "downtime")).known_pains
        ('downtime',)
        """
        return tuple(pain for pain in self.pains if pain.strip())

    @property
    def known_offer(self) -> str | None:
        """The offer, or None when it is missing or blank.

        >>> Person("orlova", "Orlova", offer=" ").known_offer is None
        True
        """
        return self.offer if self.offer is not None and self.offer.strip() else None

    @property
    def is_ally(self) -> bool:
        """True when the stance is known and at least supporter (see :func:`stance_is_ally`)."""
        return stance_is_ally(self.stance)

    @property
    def is_hostile(self) -> bool:
        """True when the stance is known and at most skeptic (see :func:`stance_is_hostile`)."""
        return stance_is_hostile(self.stance)

    @property
    def is_decision_maker(self) -> bool:
        """True for a buying-team person with a decision role."""
        return self.in_buying_team and not DECISION_ROLES.isdisjoint(self.roles)


@dataclass(frozen=True)
class Link:
    """A tie between two people; yields graph edges by its type."""

    source: str
    target: str
    type: str
    strength: float | None = None
    back_strength: float | None = None
    private: bool = False
    extras: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class TeamMember:
    """A member of our own account team."""

    id: str
    name: str
    role: str | None = None
    extras: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Relationship:
    """Our team member's relationship with one of their people."""

    team: str
    person: str
    strength: float = STRENGTH_WORDS["medium"]
    last_contact: dt.date | None = None
    extras: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class CompetitorTie:
    """A competitor's relationship with one of their people."""

    person: str
    strength: float = STRENGTH_WORDS["medium"]
    extras: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Competitor:
    """A competitor present at the client."""

    id: str
    name: str
    incumbent: bool = False
    relationships: tuple[CompetitorTie, ...] = ()
    extras: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Tender:
    """A tender with its submission date."""

    id: str
    title: str | None = None
    submission: dt.date | None = None
    extras: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Activity:
    """One step of the plan from point A (today) to point B (the tender)."""

    id: str
    kind: str | None = None
    date: dt.date | None = None
    targets: tuple[str, ...] = ()
    owner: str | None = None
    budget: float | None = None
    status: str = "planned"
    extras: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Account:
    """One client account: structure, buying team, our team, rivals and plan.

    Build it with :func:`influence.load` or :func:`influence.loading.load_file`;
    its influence graph is :func:`influence.graph.influence_graph`.

    ``memo`` is a cache that higher layers fill with structures derived from
    the (immutable) records, such as the influence graph; it is not part of
    the account's value (equality) and a copy made with
    :func:`dataclasses.replace` starts with an empty one.
    """

    info: AccountInfo
    organizations: tuple[Organization, ...] = ()
    units: tuple[Unit, ...] = ()
    people: tuple[Person, ...] = ()
    links: tuple[Link, ...] = ()
    team: tuple[TeamMember, ...] = ()
    relationships: tuple[Relationship, ...] = ()
    competitors: tuple[Competitor, ...] = ()
    tenders: tuple[Tender, ...] = ()
    activities: tuple[Activity, ...] = ()
    extras: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    #: the store version a pulled file was read at (top-level ``base_version``); not content
    base_version: int | None = field(default=None, compare=False)
    memo: dict[str, Any] = field(default_factory=dict, init=False, compare=False, repr=False)

    def __repr__(self) -> str:
        """A one-line summary (the id and the size of each list), not every record: a notebook cell
        that ends with an account shows this, not megabytes of names, contacts and notes.

        >>> Account(AccountInfo("acme", "Acme"), people=(Person("kim", "Kim"),))
        Account(id='acme', name='Acme', people=1, links=0, team=0, competitors=0, tenders=0, activities=0)
        """
        sizes = ", ".join(
            f"{name}={len(getattr(self, name))}"
            for name in ("people", "links", "team", "competitors", "tenders", "activities")
        )
        return f"Account(id={self.id!r}, name={self.name!r}, {sizes})"

    @property
    def id(self) -> str:
        """The account id."""
        return self.info.id

    @property
    def name(self) -> str:
        """The account name."""
        return self.info.name

    @cached_property
    def person_by_id(self) -> dict[str, Person]:
        """People keyed by id."""
        return dict(zip(map(operator.attrgetter("id"), self.people), self.people, strict=True))

    @cached_property
    def unit_by_id(self) -> dict[str, Unit]:
        """Units keyed by id."""
        return {u.id: u for u in self.units}

    @cached_property
    def organization_by_id(self) -> dict[str, Organization]:
        """Organizations keyed by id."""
        return {o.id: o for o in self.organizations}

    @cached_property
    def team_by_id(self) -> dict[str, TeamMember]:
        """Our team members keyed by id."""
        return {t.id: t for t in self.team}

    @cached_property
    def competitor_by_id(self) -> dict[str, Competitor]:
        """Competitors keyed by id."""
        return {c.id: c for c in self.competitors}

    @cached_property
    def buying_team(self) -> tuple[Person, ...]:
        """Buying-team people, ordered by id."""
        return tuple(sorted((p for p in self.people if p.in_buying_team), key=lambda p: p.id))

    @cached_property
    def decision_makers(self) -> tuple[Person, ...]:
        """Decision makers, ordered by id."""
        return tuple(p for p in self.buying_team if p.is_decision_maker)

    def public_view(self, like: Account | None = None) -> Account:
        """The account as a shared (redacted) output may analyse it: no private tie at all.

        Private links go, and so does every tie of a private person: her links,
        reporting lines to and from her, our and the competitors' relationships
        with her, and she leaves the targets of activities (one that targets no one
        else goes); so do her stance, awareness,
        pains, offer and roles (a shared output must not count her as a decision
        maker nobody covers). She stays, unconnected, informal (as shared
        outputs show her) and in the buying team when she is in it, so that
        the buying team's size still counts her; shared outputs leave out what
        is said about her.
        No figure of such an analysis runs over a private tie, so none can tell
        one's strength. The same object on every call; the account itself when
        nothing is private.

        ``like``: also keep private what is private in that other version of the
        account (her id, a link by its ends and type), so that two versions
        compare without a tie that only became private showing as removed.

        >>> a = Account(AccountInfo("acme", "Acme"), people=(Person("kim", "Kim"), Person("sue", "Sue", private=True)),
        ...             links=(Link("kim", "sue", "family"),))
        >>> a.public_view().links, len(a.public_view().people), a.public_view() is a.public_view()
        ((), 2, True)
        """
        if like is not None:
            if not isinstance(like, Account):
                from influence.errors import UsageError  # the one error hierarchy (a leaf module)

                raise UsageError(
                    f"public_view: like must be an Account (from influence.load), not {type(like).__name__}"
                )
            return _public_view(self, _private_people(self) | _private_people(like), _private_links(like))
        cached = self.memo.get("public_view")
        if cached is None:
            cached = self.memo["public_view"] = _public_view(self, _private_people(self), frozenset())
        view: Account = cached
        return view

    def display_name(self, node_id: str) -> str:
        """Name of a person, team member or competitor; the id when unknown or the name is empty."""
        person = self.person_by_id.get(node_id)
        if person is not None:  # most names asked for are people's: one look-up
            return person.name or node_id
        for table in (self.team_by_id, self.competitor_by_id):
            if node_id in table:
                return table[node_id].name or node_id
        return node_id

    def unit_organization(self, unit_id: str | None) -> str | None:
        """The organization a unit belongs to, following unit parents."""
        seen: set[str] = set()
        while unit_id is not None and unit_id not in seen:
            seen.add(unit_id)
            unit = self.unit_by_id.get(unit_id)
            if unit is None:
                return None
            if unit.organization is not None:
                return unit.organization
            unit_id = unit.parent
        return None


def _private_people(account: Account) -> set[str]:
    return {p.id for p in account.people if p.private}


def _private_links(account: Account) -> frozenset[tuple[str, str, str]]:
    return frozenset((x.source, x.target, x.type) for x in account.links if x.private)


def _public_view(account: Account, private: set[str], links: frozenset[tuple[str, str, str]]) -> Account:
    """:meth:`Account.public_view`, computed: without ``private`` people's ties and ``links`` besides
    the account's own private links."""
    if not private and not links and not any(x.private for x in account.links):
        return account
    people = tuple(_public_person(p, private) for p in account.people)
    competitors = tuple(
        _replace(c, relationships=tuple(r for r in c.relationships if r.person not in private))
        for c in account.competitors
    )
    view = _replace(
        account,
        people=people,
        links=tuple(
            x
            for x in account.links
            if not x.private
            and x.source not in private
            and x.target not in private
            and (x.source, x.target, x.type) not in links
        ),
        relationships=tuple(r for r in account.relationships if r.person not in private),
        competitors=competitors,
        activities=_public_activities(account.activities, private),
    )
    if not links and private == _private_people(account):
        view.memo["public_view"] = view
    return view


def _public_activities(activities: tuple[Activity, ...], private: set[str]) -> tuple[Activity, ...]:
    """The activities of the public view: a meeting with her is a tie too, so she leaves its targets,
    and an activity with no one else goes (a shared diff compares these, so whatever closes a finding
    in a shared pack is shown there).

    >>> acts = (Activity("a", "meeting", targets=("boss", "sue")), Activity("b", "call", targets=("sue",)))
    >>> [(a.id, a.targets) for a in _public_activities(acts, {"sue"})]
    [('a', ('boss',))]
    """
    if private.isdisjoint(t for a in activities for t in a.targets):
        return activities
    return tuple(
        a
        if private.isdisjoint(a.targets)
        else _replace(a, targets=tuple(t for t in a.targets if t not in private))
        for a in activities
        if not private.issuperset(a.targets) or not a.targets
    )


def _public_person(p: Person, private: set[str]) -> Person:
    """A person of the public view: no reporting line to or from a private person; a private
    person without what describes her (her roles, stance, awareness, pains, offer), still in the
    buying team when she is in it."""
    if p.id in private:
        return _replace(
            p,
            reports_to=None,
            roles=(),
            informal=True,  # as the shared outputs show her, whatever she is
            buying_team=p.in_buying_team,
            stance=None,
            awareness=None,
            pains=(),
            offer=None,
        )
    if p.reports_to in private:
        return _replace(p, reports_to=None)
    return p
