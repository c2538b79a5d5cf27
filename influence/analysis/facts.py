"""The searches the analyses share, run once per account and per purpose.

Every figure of docs/analysis.md comes from a handful of searches (see
:class:`Facts`), never from all pairs of people. Each group is computed on
first use and kept.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from influence.errors import UsageError
from influence.graph import NO_PATH, TOLERANCE, PathFinder, PathResult, Paths, expect_account
from influence.model import Account, Person

__all__ = [
    "ACCESS",
    "ANTI_MIN",
    "COVERED",
    "KNOWN",
    "DecisionMakerFacts",
    "Facts",
    "at_least",
    "expect_account",
    "facts_for",
    "greater",
    "is_zero",
]

ACCESS = 0.5
COVERED = 0.6
ANTI_MIN = 0.25
#: a direct tie at least this strong (weak, 0.3) makes a team member the way in to a person
KNOWN = 0.3


def at_least(x: float, threshold: float) -> bool:
    """``x >= threshold`` with the tolerance of docs/analysis.md."""
    return x >= threshold - TOLERANCE


def greater(x: float, y: float) -> bool:
    """``x > y`` with the tolerance of docs/analysis.md."""
    return x > y + TOLERANCE


def is_zero(x: float) -> bool:
    """A strength that ties with 0."""
    return x <= TOLERANCE


def facts_for(account: Account, facts: object, function: str) -> Facts:
    """``facts`` when they were made for ``account``; new :class:`Facts` when None; else a :class:`UsageError`.

    Searches of another account would give another account's figures under
    this one's name, without a word; so would searches of another version of
    it. A copy whose people and ties are those of the searched account (a
    redacted one, its names changed) shares them.

    >>> from influence.loading import load_file
    >>> uralmet, new = load_file("examples/uralmet.yaml"), load_file("examples/new-account.yaml")
    >>> facts_for(uralmet, None, "plan").account is uralmet
    True
    >>> facts_for(uralmet, Facts(new), "plan")
    Traceback (most recent call last):
    ...
    influence.errors.UsageError: plan: facts were made for account 'nordchem', not 'uralmet'
    >>> facts_for(uralmet, Facts(load_file("examples/uralmet-2027q1.yaml")), "plan")
    Traceback (most recent call last):
    ...
    influence.errors.UsageError: plan: facts were made for another version of account 'uralmet' (its people or ties differ): make them for this one, or leave facts out
    """
    expect_account(account, function)
    if facts is None:
        return Facts(account)
    if not isinstance(facts, Facts):
        raise UsageError(f"{function}: facts must be Facts of the account, not {type(facts).__name__}")
    if facts.account.id != account.id:  # the same account under other names (a redacted copy) may share them
        raise UsageError(f"{function}: facts were made for account '{facts.account.id}', not '{account.id}'")
    if facts.account is not account and _searched(facts.account) != _searched(account):
        raise UsageError(
            f"{function}: facts were made for another version of account '{account.id}' (its people or "
            "ties differ): make them for this one, or leave facts out"
        )
    return facts


def _searched(account: Account) -> tuple[object, ...]:
    """What the searches read of an account: its people (not their names), ties and stances."""
    people = tuple(
        (p.id, p.reports_to, p.unit, p.stance, p.private, p.informal, p.roles) for p in account.people
    )
    competitors = tuple((c.id, c.relationships) for c in account.competitors)
    return people, account.links, account.relationships, competitors, tuple(t.id for t in account.team)


@dataclass
class DecisionMakerFacts:
    """What the searches towards one decision maker found."""

    person: Person
    coverage: PathResult  # best A path from a team member
    pressure: PathResult  # best O path from a competitor
    threads: int
    allies: list[tuple[float, str]]  # (A(p -> d), p) for stance >= 1, strongest first
    opposition: dict[str, PathResult] = field(default_factory=dict)  # source -> O path >= ANTI_MIN


class Facts:
    """Shared, lazily computed search results for one account.

    Parameters
    ----------
    account : Account

    Notes
    -----
    Multi-start searches do the work of many: one forward ally search from
    all team members gives every person's link (and every decision maker's
    coverage); one forward opposition search from all competitors gives every
    pressure; one reversed structural search from all decision makers gives
    everyone's access; one forward structural search from the team gives the
    routes named in recommendations. Per decision maker there remain a
    reversed ally search (it only passes through allies) and a reversed
    opposition search cut off at ANTI_MIN. In all
    O((4 + 2·D) · (V + E) log V), and the per-decision-maker searches only
    touch the allies and the strong paths.
    """

    def __init__(self, account: Account):
        expect_account(account, "Facts")
        self.account = account
        self.finder = PathFinder.for_account(account)
        self.team_ids = sorted(t.id for t in account.team)
        self.competitor_ids = sorted(c.id for c in account.competitors)
        self.dm_ids = [p.id for p in account.decision_makers]

    @cached_property
    def anti_sources(self) -> list[str]:
        """Opposition sources: hostile buying-team people, then competitors (ids sorted)."""
        people = [p.id for p in self.account.buying_team if p.is_hostile or "anti_influencer" in p.roles]
        return sorted(people) + self.competitor_ids

    @cached_property
    def threads(self) -> dict[str, int]:
        """Number of distinct team members with a direct relationship, per person."""
        pairs = {(r.team, r.person) for r in self.account.relationships}
        counts: dict[str, int] = {}
        for _, person in pairs:
            counts[person] = counts.get(person, 0) + 1
        return counts

    @cached_property
    def contacts(self) -> dict[str, tuple[str, float]]:
        """Per person, our team member with the strongest direct relationship (ties: the smaller id) and its strength."""
        best: dict[str, tuple[float, str]] = {}
        for r in self.account.relationships:
            known = best.get(r.person)
            if known is None or (-r.strength, r.team) < (-known[0], known[1]):
                best[r.person] = (r.strength, r.team)
        return {person: (team, strength) for person, (strength, team) in best.items()}

    @cached_property
    def team_ally(self) -> Paths:
        """Best ally path from any team member to every node (link and coverage)."""
        return self.finder.search(self.team_ids, "A", forward=True)

    @cached_property
    def team_route(self) -> Paths:
        """Best structural path from any team member to every node (for recommendations)."""
        return self.finder.search(self.team_ids, "S", forward=True)

    @cached_property
    def public_route(self) -> Paths:
        """Best structural path from any team member that uses no private person and no private tie,
        and passes no one against us (stance below 0).

        The routes a recommendation may name: a private person is never
        proposed as a contact or an introducer, nor is an opponent or a skeptic.
        """
        return PathFinder.for_account(self.account, public=True).search(self.team_ids, "S", forward=True)

    @cached_property
    def competitor_reach(self) -> Paths:
        """Best opposition path from any competitor to every node (pressure)."""
        return self.finder.search(self.competitor_ids, "O", forward=True)

    @cached_property
    def decision_makers(self) -> dict[str, DecisionMakerFacts]:
        """Per decision maker: coverage, pressure, allies towards them, opposition paths."""
        people = self.account.person_by_id
        sources = self.anti_sources
        out: dict[str, DecisionMakerFacts] = {}
        for d in self.dm_ids:
            ally = self.finder.to_target(d, "A")
            opp = self.finder.to_target(d, "O", cutoff=ANTI_MIN)
            allies = sorted(
                (
                    (strength, pid)
                    for pid, strength in ally.strengths()
                    if pid in people and people[pid].is_ally and strength > 0
                ),
                key=lambda t: (-t[0], t[1]),
            )
            opposition = {}
            for s in sources:
                if s == d:
                    opposition[s] = PathResult(1.0, (d,))
                elif s in opp and at_least(opp.strength(s), ANTI_MIN):
                    opposition[s] = opp[s]
            out[d] = DecisionMakerFacts(
                person=people[d],
                # these searches start only at team members / competitors
                coverage=self.team_ally.get(d, NO_PATH),
                pressure=self.competitor_reach.get(d, NO_PATH),
                threads=self.threads.get(d, 0),
                allies=allies,
                opposition=opposition,
            )
        return out

    @cached_property
    def access(self) -> Mapping[str, float]:
        """``access(p)`` for every person: max over decision makers d != p of S(p -> d); 1 for a DM.

        Nodes with no path to a decision maker are not listed. One reversed
        search from all decision makers; a person's value is read when asked.
        """
        return _Access(self.finder.search(self.dm_ids, "S", forward=False), self.dm_ids)

    def link(self, person_id: str) -> PathResult:
        """Best ally path from a team member to ``person_id`` (the person's coverage)."""
        if person_id in self.team_ids:
            return NO_PATH
        return self.team_ally.get(person_id, NO_PATH)

    def route(self, person_id: str) -> PathResult:
        """Best structural path from a team member to ``person_id``."""
        if person_id in self.team_ids:
            return NO_PATH
        return self.team_route.get(person_id, NO_PATH)

    def way_in(self, person_id: str) -> tuple[str, float] | None:
        """The team member a recommendation sends to ``person_id`` as one who knows them, or None.

        Our strongest direct contact (:attr:`contacts`) when that tie is at
        least :data:`KNOWN` or as strong as the best introduction route
        (:meth:`introduction`): a passing acquaintance does not outweigh a
        warm introduction.
        """
        contact = self.contacts.get(person_id)
        if contact is None:
            return None
        if at_least(contact[1], KNOWN) or at_least(contact[1], self.introduction(person_id).strength):
            return contact
        return None

    def introduction(self, person_id: str) -> PathResult:
        """Best route from a team member to ``person_id`` with no private person or private tie on it."""
        if person_id in self.team_ids:
            return NO_PATH
        return self.public_route.get(person_id, NO_PATH)

    def counter(self, target: str, source: str) -> tuple[str | None, float]:
        """The strongest ally (stance >= 1, not ``source``) towards ``target``; ties to the smallest id."""
        allies = self.decision_makers[target].allies
        top: float | None = None
        choice: str | None = None
        for strength, pid in allies:
            if pid == source:
                continue
            if top is None:
                top, choice = strength, pid
            elif at_least(strength, top):
                choice = min(choice, pid) if choice is not None else pid
            else:
                break
        return (choice, top) if choice is not None and top is not None else (None, 0.0)


class _Access(Mapping[str, float]):
    """:attr:`Facts.access`: each node's strength towards the decision makers, read from one search on demand."""

    def __init__(self, reach: Paths, dms: list[str]):
        self._reach, self._order, self._dms = reach, dms, frozenset(dms)
        self._every: dict[str, float] | None = None

    def get(self, node: str, default: float | None = None) -> float | None:  # type: ignore[override]
        if node in self._dms:
            return 1.0
        strength = self._reach.strength(node)
        return strength if strength > 0 else default

    def __getitem__(self, node: str) -> float:
        strength = self.get(node)
        if strength is None:
            raise KeyError(node)
        return strength

    def _all(self) -> dict[str, float]:
        if self._every is None:
            every = {p: strength for p, strength in self._reach.strengths() if strength > 0}
            self._every = every | dict.fromkeys(self._order, 1.0)
        return self._every

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())
