"""The searches the analyses share, run once per account and per purpose.

Every figure of SPEC section 4 comes from a few single-source searches:

- per decision maker ``d``, on the reversed graph: ``A(* -> d)`` (coverage,
  counter), ``O(* -> d)`` (pressure, anti-influence paths) and ``S(* -> d)``
  (access of everyone else);
- per team member ``t``, forward: ``A(t -> *)`` (the link of every person)
  and ``S(t -> *)`` (routes for recommendations).

So the cost is O((decision makers + team members) · (V + E) log V), never
people squared. Each group is computed on first use and kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from influence.graph import NO_PATH, TOLERANCE, PathFinder, PathResult, better
from influence.model import Account, Person

__all__ = [
    "ACCESS",
    "ANTI_MIN",
    "COVERED",
    "DecisionMakerFacts",
    "Facts",
    "at_least",
    "greater",
    "is_zero",
]

ACCESS = 0.5
COVERED = 0.6
ANTI_MIN = 0.25


def at_least(x: float, threshold: float) -> bool:
    """``x >= threshold`` with the tolerance of SPEC section 3."""
    return x >= threshold - TOLERANCE


def greater(x: float, y: float) -> bool:
    """``x > y`` with the tolerance of SPEC section 3."""
    return x > y + TOLERANCE


def is_zero(x: float) -> bool:
    """A strength that ties with 0."""
    return x <= TOLERANCE


def _best(results: dict[str, PathResult], candidates: list[str]) -> PathResult:
    best: tuple[float, int, tuple[str, ...]] | None = None
    for c in candidates:
        r = results.get(c)
        if r is None or r.strength <= 0:
            continue
        label = (r.strength, r.hops, r.path)
        if best is None or better(label, best):
            best = label
    return NO_PATH if best is None else PathResult(best[0], best[2])


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
    """

    def __init__(self, account: Account):
        self.account = account
        self.finder = PathFinder(account.graph)
        self.team_ids = sorted(t.id for t in account.team)
        self.competitor_ids = sorted(c.id for c in account.competitors)
        self.dm_ids = [p.id for p in account.decision_makers]

    @cached_property
    def anti_sources(self) -> list[str]:
        """Opposition sources: hostile buying-team people, then competitors (ids sorted)."""
        people = [
            p.id
            for p in self.account.buying_team
            if (p.stance is not None and p.stance <= -1) or "anti_influencer" in p.roles
        ]
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
    def decision_makers(self) -> dict[str, DecisionMakerFacts]:
        """A and O searches towards every decision maker (2 searches each)."""
        people = self.account.person_by_id
        sources = self.anti_sources
        out: dict[str, DecisionMakerFacts] = {}
        for d in self.dm_ids:
            ally = self.finder.to_target(d, "A")
            opp = self.finder.to_target(d, "O")
            allies = sorted(
                (
                    (r.strength, pid)
                    for pid, r in ally.items()
                    if pid in people
                    and people[pid].stance is not None
                    and people[pid].stance >= 1
                    and r.strength > 0
                ),
                key=lambda t: (-t[0], t[1]),
            )
            opposition = {}
            for s in sources:
                if s == d:
                    opposition[s] = PathResult(1.0, (d,))
                elif s in opp and at_least(opp[s].strength, ANTI_MIN):
                    opposition[s] = opp[s]
            out[d] = DecisionMakerFacts(
                person=people[d],
                coverage=_best(ally, self.team_ids),
                pressure=_best(opp, self.competitor_ids),
                threads=self.threads.get(d, 0),
                allies=allies,
                opposition=opposition,
            )
        return out

    @cached_property
    def access(self) -> dict[str, float]:
        """``access(p)`` for every person: max over decision makers d != p of S(p -> d); 1 for a DM."""
        acc: dict[str, float] = {}
        for d in self.dm_ids:
            for p, r in self.finder.to_target(d, "S").items():
                if p != d and r.strength > acc.get(p, 0.0):
                    acc[p] = r.strength
        for d in self.dm_ids:
            acc[d] = 1.0
        return acc

    @cached_property
    def team_reach(self) -> dict[str, dict[str, PathResult]]:
        """Forward A and S searches from every team member: ``{kind: {node: best path}}``."""
        reach: dict[str, dict[str, PathResult]] = {"A": {}, "S": {}}
        for kind in ("A", "S"):
            best = reach[kind]
            for t in self.team_ids:
                for node, r in self.finder.from_source(t, kind).items():
                    if node == t or r.strength <= 0:
                        continue
                    old = best.get(node)
                    if old is None or better(
                        (r.strength, r.hops, r.path), (old.strength, old.hops, old.path)
                    ):
                        best[node] = r
        return reach

    def link(self, person_id: str) -> PathResult:
        """Best ally path from a team member to ``person_id`` (the person's coverage)."""
        return self.team_reach["A"].get(person_id, NO_PATH)

    def route(self, person_id: str) -> PathResult:
        """Best structural path from a team member to ``person_id``."""
        return self.team_reach["S"].get(person_id, NO_PATH)

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
