"""The plan: the few moves that close most of the gap.

A *move* is one relationship of our team: ``strengthen`` an existing one to
STRONG, or ``meet`` a buying-team person (a new relationship at MEET). The
plan scores the account (:func:`score`), then picks moves greedily, each
round taking the move with the largest gain on the state with the earlier
moves applied.

Every candidate is evaluated incrementally. A new edge ``t -> p`` of
strength ``s`` can only open paths that start with it (team members are
never intermediate), so ``coverage(d)`` becomes
``max(coverage(d), s · A(p -> d))``, with ``A(p -> d)`` (1 when ``p == d``;
``p`` must be an ally to stand in the middle) read from the reversed ally
searches the analyses already ran. Pressure and access do not depend on our
relationships, and a sponsor's link changes by the same rule. No candidate
triggers a search.

Pure: no I/O. ``plan(...)`` returns a frozen :class:`Plan`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import numbers
from dataclasses import dataclass, field
from typing import Any

from influence.analysis.coverage import status_of
from influence.analysis.facts import (
    ACCESS,
    ANTI_MIN,
    COVERED,
    Facts,
    at_least,
    expect_account,
    facts_for,
    greater,
)
from influence.analysis.findings import PREP_DAYS, SEVERITIES
from influence.dates import parse_as_of, shifted
from influence.errors import UsageError
from influence.graph import NO_PATH, TOLERANCE, PathFinder, PathResult, Paths
from influence.model import Account, Activity, Relationship

__all__ = [
    "DEFAULT_MOVES",
    "INTRO",
    "MEET",
    "MOVE_KINDS",
    "SPONSOR_BONUS",
    "STRONG",
    "CoverageGain",
    "Move",
    "Plan",
    "apply_plan",
    "check_plan_for",
    "plan",
    "score",
]

MEET = 0.6
STRONG = 0.9
INTRO = 0.3
SPONSOR_BONUS = 1.0
DEFAULT_MOVES = 5
MOVE_KINDS = ("strengthen", "meet")


@dataclass(frozen=True)
class CoverageGain:
    """A decision maker whose coverage a move raises (a move never lowers one).

    Not :class:`influence.diff.CoverageChange`, a change between two
    versions of an account.
    """

    person: str
    before: float
    after: float

    def to_dict(self) -> dict[str, Any]:
        """``{person, before, after}``."""
        return {"person": self.person, "before": self.before, "after": self.after}


@dataclass(frozen=True)
class Move:
    """One move of the plan.

    Attributes
    ----------
    rank : int
        1 for the first move chosen.
    kind : {"strengthen", "meet"}
    team, person : str
        Our team member and the buying-team person.
    introducer : str or None
        For ``meet``: the first person after the team member on the best
        ally route to ``person`` (never a private person; None when there is
        no such route or ``person`` is reached directly). None for
        ``strengthen``.
    strength_before, strength_after : float
        The relationship before (0 when absent) and after the move.
    gain : float
        Score after minus score before this move.
    score_after : float
        The account's score with this and the earlier moves applied.
    coverage : tuple of CoverageGain
        Decision makers whose coverage the move raises, by person id.
    resolves : tuple of (code, subject)
        Findings present before the move and absent after it, in report
        order; the move taken as :func:`apply_plan` writes it (the
        relationship and its planned meeting).
    route : tuple of str
        Node ids of the route the move opens: the team member, the
        introducer's route, the person, then the best ally route on to the
        decision maker whose coverage rises the most.
    """

    rank: int
    kind: str
    team: str
    person: str
    introducer: str | None
    strength_before: float
    strength_after: float
    gain: float
    score_after: float
    coverage: tuple[CoverageGain, ...]
    resolves: tuple[tuple[str, str], ...]
    route: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of a move (without ``route``)."""
        return {
            "rank": self.rank,
            "kind": self.kind,
            "team": self.team,
            "person": self.person,
            "introducer": self.introducer,
            "strength_before": self.strength_before,
            "strength_after": self.strength_after,
            "gain": self.gain,
            "score_after": self.score_after,
            "coverage": [c.to_dict() for c in self.coverage],
            "resolves": [{"code": code, "subject": subject} for code, subject in self.resolves],
        }


@dataclass(frozen=True)
class Plan:
    """The moves that raise the account's score the most, in the order chosen."""

    account: str
    as_of: dt.date
    score_before: float
    score_after: float
    moves: tuple[Move, ...]
    #: the decision makers still not covered once the moves are made (not in the JSON: the coverage says it)
    uncovered: tuple[str, ...] = field(default=(), compare=False)
    #: whether the moves stop before the number asked for: no further move raised the score
    stopped: bool = field(default=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The ``plan --format json`` object (numbers not yet rounded)."""
        return {
            "account": self.account,
            "as_of": self.as_of.isoformat(),
            "score_before": self.score_before,
            "score_after": self.score_after,
            "moves": [m.to_dict() for m in self.moves],
        }


def _weight(roles: tuple[str, ...]) -> float:
    return 2.0 if "economic_buyer" in roles else 1.0


def _term(weight: float, pressure: float, cov: float) -> float:
    """A decision maker's part of the score."""
    behind = max(0.0, pressure - cov) if at_least(pressure, ANTI_MIN) else 0.0
    return weight * (min(1.0, cov / COVERED) - behind)


def score(account: Account, facts: Facts | None = None) -> float:
    """The score of an account as it stands.

    ``Σ_d w(d)·min(1, coverage(d)/COVERED) − Σ_d w(d)·max(0, pressure(d) − coverage(d))
    + SPONSOR_BONUS·[some sponsor is confirmed]``, over decision makers ``d``,
    with ``w(d) = 2`` for an economic buyer, else 1, and the pressure term
    counted only where ``pressure(d) >= ANTI_MIN``.

    >>> from influence.loading import load_file
    >>> round(score(load_file("examples/uralmet.yaml")), 4)
    4.8
    """
    from influence.analysis.sponsors import sponsors

    facts = facts_for(account, facts, "score")
    total = sum(
        _term(_weight(f.person.roles), f.pressure.strength, f.coverage.strength)
        for f in facts.decision_makers.values()
    )
    if any(r.sponsor_class == "sponsor" for r in sponsors(account, facts)):
        total += SPONSOR_BONUS
    return total


class _Model:
    """What does not change while moves are applied: weights, pressures, ally reaches."""

    def __init__(self, account: Account, facts: Facts):
        people = account.person_by_id
        self.facts = facts
        self.dms = sorted(facts.decision_makers)
        self.weight = {d: _weight(people[d].roles) for d in self.dms}
        self.pressure = {d: facts.decision_makers[d].pressure.strength for d in self.dms}
        # reach[p][d] = A(p -> d) for an ally p != d (p stands in the middle of t -> p -> ... -> d)
        self.reach: dict[str, dict[str, float]] = {}
        for d in self.dms:
            for strength, p in facts.decision_makers[d].allies:
                if p != d:
                    self.reach.setdefault(p, {})[d] = strength
        # labelled sponsors that only lack the link: the one sponsor condition a move can change
        self.hopefuls = [
            p.id
            for p in account.buying_team
            if ("sponsor" in p.roles or p.stance == 2)
            and p.stance is not None
            and p.stance >= 1
            and at_least(facts.access.get(p.id, 0.0), ACCESS)
        ]
        self.sponsor_reach: dict[str, dict[str, float]] = {}
        for q in self.hopefuls:
            if at_least(facts.link(q).strength, COVERED):
                continue  # already confirmed: no move changes that
            for p, strength in facts.finder.to_target(q, "A").strengths():
                person = people.get(p)
                if p != q and person is not None and person.stance is not None and person.stance >= 1:
                    self.sponsor_reach.setdefault(p, {})[q] = strength
        self.candidates = [p.id for p in account.buying_team if not p.private and not p.informal]
        self.submissions = {t.id: t.submission for t in account.tenders if t.submission is not None}

    def gain(self, state: _State, person: str, strength: float) -> tuple[float, dict[str, float]]:
        """The score gain of a new edge team -> ``person`` of ``strength``, and the new coverages."""
        changed: dict[str, float] = {}
        reach = self.reach.get(person, {})
        if person in self.weight:
            reach = {**reach, person: 1.0}
        delta = 0.0
        for d, a in reach.items():
            after = strength * a
            if greater(after, state.cov[d]):
                changed[d] = after
                delta += _term(self.weight[d], self.pressure[d], after) - _term(
                    self.weight[d], self.pressure[d], state.cov[d]
                )
        if not state.confirmed:
            links = self.sponsor_reach.get(person, {})
            for q in self.hopefuls:
                link = max(state.link[q], strength * (1.0 if q == person else links.get(q, 0.0)))
                if at_least(link, COVERED):
                    delta += SPONSOR_BONUS
                    break
        return delta, changed


@dataclass
class _State:
    """The account as the chosen moves leave it (only what the moves change)."""

    cov: dict[str, float]
    link: dict[str, float]
    confirmed: bool
    relationship: dict[tuple[str, str], float]
    threads: dict[str, int]
    targeted: set[str]
    upcoming: bool
    unprepared: set[str]  # tenders with tender-prep-late
    applied: list[tuple[str, str, float]] = dataclasses.field(default_factory=list)

    @classmethod
    def start(cls, account: Account, as_of: dt.date, model: _Model) -> _State:
        facts = model.facts
        relationship = _relationship_strengths(account)
        live = [a for a in account.activities if a.status != "cancelled" and a.date is not None]
        team_ids = {p.id for p in account.buying_team}
        unprepared = set()
        for t in account.tenders:
            if t.submission is None or not 0 <= (t.submission - as_of).days <= PREP_DAYS:
                continue
            start = shifted(t.submission, -PREP_DAYS)
            if not any(start <= a.date <= t.submission and team_ids.intersection(a.targets) for a in live):  # type: ignore[operator]
                unprepared.add(t.id)
        link = {q: facts.link(q).strength for q in model.hopefuls}
        return cls(
            cov={d: facts.decision_makers[d].coverage.strength for d in model.dms},
            link=link,
            confirmed=any(at_least(v, COVERED) for v in link.values()),
            relationship=relationship,
            threads=dict(facts.threads),
            targeted={x for a in live if a.date >= as_of for x in a.targets},  # type: ignore[operator]
            upcoming=any(a.date >= as_of for a in live),  # type: ignore[operator]
            unprepared=unprepared,
        )

    def score(self, model: _Model) -> float:
        total = sum(_term(model.weight[d], model.pressure[d], self.cov[d]) for d in model.dms)
        return total + (SPONSOR_BONUS if self.confirmed else 0.0)

    def apply(
        self, model: _Model, team: str, person: str, strength: float, as_of: dt.date, rank: int
    ) -> None:
        """Apply a move: the relationship and its planned meeting (``as_of + 7·rank`` days)."""
        _, changed = model.gain(self, person, strength)
        self.cov.update(changed)
        links = model.sponsor_reach.get(person, {})
        for q in self.link:
            self.link[q] = max(self.link[q], strength * (1.0 if q == person else links.get(q, 0.0)))
        self.confirmed = any(at_least(v, COVERED) for v in self.link.values())
        if (team, person) not in self.relationship:
            self.threads[person] = self.threads.get(person, 0) + 1
        self.relationship[(team, person)] = strength
        self.targeted.add(person)
        self.upcoming = True
        meeting = shifted(as_of, 7 * rank)
        for t in list(self.unprepared):
            submission = model.submissions[t]
            if shifted(submission, -PREP_DAYS) <= meeting <= submission:
                self.unprepared.discard(t)
        self.applied.append((team, person, strength))

    def open_findings(self, account: Account, model: _Model) -> set[tuple[int, str, str]]:
        """(severity rank, code, subject) of every finding a move could resolve, as they stand."""
        people = account.person_by_id
        out: set[tuple[int, str, str]] = set()
        high, medium = SEVERITIES.index("high"), SEVERITIES.index("medium")
        for d in model.dms:
            cov, status = self.cov[d], status_of(self.cov[d])
            if at_least(model.pressure[d], ANTI_MIN) and greater(model.pressure[d], cov):
                out.add((high, "competitor-ahead", d))
            if status == "uncovered":
                out.add((high, "decision-maker-uncovered", d))
            elif status == "weak":
                out.add((high if "economic_buyer" in people[d].roles else medium, "decision-maker-weak", d))
            elif self.threads.get(d, 0) <= 1:
                out.add((medium, "single-threaded", d))
            if status != "covered" and d not in self.targeted:
                out.add((medium, "plan-gap", d))
        for p in account.buying_team:
            if not p.is_decision_maker and self.threads.get(p.id, 0) == 0:
                out.add((medium, "not-connected", p.id))
        if not self.confirmed:
            out.add((high, "no-sponsor", account.id))
        out.update(
            (medium, "sponsor-at-risk", q) for q, link in self.link.items() if not at_least(link, COVERED)
        )
        if not self.upcoming:
            out.add((medium, "plan-missing", account.id))
        out.update((high, "tender-prep-late", t) for t in self.unprepared)
        return out


def _better(a: PathResult, b: PathResult) -> bool:
    """``a`` beats ``b`` under the path tie rules (strength, then fewer hops, then smaller ids)."""
    if a.strength > b.strength + TOLERANCE:
        return True
    if a.strength < b.strength - TOLERANCE:
        return False
    return (len(a.path), a.path) < (len(b.path), b.path)


class _Routes:
    """Ally routes from our team with no private person or tie on them, as moves are applied."""

    def __init__(self, account: Account, facts: Facts):
        self.account = account
        self.facts = facts
        self._public: PathFinder | None = None
        self._base: Paths | None = None
        self._from: dict[str, Paths] = {}

    def public(self) -> PathFinder:
        if self._public is None:
            self._public = PathFinder.for_account(self.account, public=True)
        return self._public

    def to(self, person: str, applied: list[tuple[str, str, float]]) -> PathResult:
        """The best public ally route from a team member to ``person`` once ``applied`` moves are made."""
        if self._base is None:
            self._base = self.public().search(self.facts.team_ids, "A", forward=True)
        best = self._base.get(person, NO_PATH)
        people = self.account.person_by_id
        for team, p, strength in applied:
            if p == person:
                option = PathResult(strength, (team, p))
            else:
                stance = people[p].stance
                if stance is None or stance < 1:
                    continue  # only an ally passes our message on
                if p not in self._from:
                    self._from[p] = self.public().from_source(p, "A")
                onward = self._from[p].get(person)
                if onward is None:
                    continue
                option = PathResult(strength * onward.strength, (team, *onward.path))
            if not best.path or _better(option, best):
                best = option
        return best

    def onward(self, person: str, dm: str) -> tuple[str, ...]:
        """The best ally route from ``person`` on to the decision maker ``dm`` (``person`` first)."""
        if person == dm:
            return (person,)
        return self.facts.finder.to_target(dm, "A").get(person, PathResult(0.0, (person,))).path


def _choose(
    model: _Model, state: _State, routes: _Routes, team_ids: list[str]
) -> tuple[float, str, str, str, float] | None:
    """The best move on ``state``: (gain, kind, team, person, strength), or None when none gains.

    A decision maker is met only through an introduction: an ally route of at least INTRO with
    no private person or tie on it (``routes``), as recommendations name one. A route through the
    chief engineer's wife covers him, but she is never asked to introduce us.
    """
    gains: dict[tuple[str, float], float] = {}
    best: tuple[float, str, str, str, float] | None = None
    for kind in MOVE_KINDS:
        for team in team_ids:
            for person in model.candidates:
                current = state.relationship.get((team, person))
                if kind == "strengthen":
                    if current is None or not greater(STRONG, current):
                        continue
                    strength = STRONG
                else:
                    if current is not None:
                        continue
                    if person in model.weight and not at_least(
                        routes.to(person, state.applied).strength, INTRO
                    ):
                        continue  # a decision maker is met only through an introduction
                    strength = MEET
                key = (person, strength)
                if key not in gains:
                    gains[key] = model.gain(state, person, strength)[0]
                if best is None or greater(gains[key], best[0]):
                    best = (gains[key], kind, team, person, strength)
    if best is None or best[0] <= TOLERANCE:
        return None
    return best


def _move_count(moves: object) -> int:
    """``moves`` as a count of at least 1, else a :class:`UsageError`."""
    if isinstance(moves, bool) or not isinstance(moves, numbers.Integral):
        raise UsageError(
            f"moves must be a whole number of at least 1, not {moves!r} ({type(moves).__name__})"
        )
    if moves < 1:
        raise UsageError(f"moves must be at least 1, not {moves}")
    return int(moves)


def plan(
    account: Account,
    as_of: dt.date | str | None = None,
    moves: int = DEFAULT_MOVES,
    facts: Facts | None = None,
) -> Plan:
    """The ``moves`` moves that raise the account's score the most, chosen greedily.

    Parameters
    ----------
    account : Account
    as_of : datetime.date or str, optional
        The analysis date (planned meetings fall 7, 14, … days after it),
        read as :func:`~influence.analysis.report.analyze` reads it: a
        ``date`` (a ``datetime`` gives its date) or ``YYYY-MM-DD`` text;
        default today.
    moves : int
        At most this many moves (fewer when no move gains any more); at least 1.
    facts : Facts, optional
        Shared searches (a :class:`~influence.analysis.Report` passes its own).

    Returns
    -------
    Plan

    Raises
    ------
    UsageError
        When ``account`` is not an Account, ``as_of`` is not a date, or
        ``moves`` is not a whole number of at least 1 (a :class:`ValueError`
        too).

    Notes
    -----
    Candidates are (team member, buying-team person) pairs, the person
    neither private nor informal, the relationship absent or weaker than
    STRONG. Each round evaluates every candidate on the current state and
    takes the largest gain; ties within 1e-9 go to ``strengthen``, then the
    smaller team id, then the smaller person id; it stops when no move gains
    more than 1e-9. A candidate costs O(decision makers it reaches); the
    gain depends only on the person and the new strength, so each round
    costs O(T·B + B·D) after the analyses' own searches, plus one search per
    chosen move for its route.

    Examples
    --------
    >>> from influence.loading import load_file
    >>> p = plan(load_file("examples/uralmet.yaml"), "2026-11-27", moves=2)
    >>> [(m.kind, m.team, m.person) for m in p.moves]
    [('strengthen', 'sidorov', 'sokolov'), ('meet', 'dmitry', 'orlova')]
    """
    expect_account(account, "plan")
    as_of = parse_as_of(as_of)
    moves = _move_count(moves)
    facts = facts_for(account, facts, "plan")
    model = _Model(account, facts)
    state = _State.start(account, as_of, model)
    routes = _Routes(account, facts)
    before = state.score(model)
    chosen: list[Move] = []
    stopped = False
    for rank in range(1, moves + 1):
        best = _choose(model, state, routes, facts.team_ids)
        if best is None:
            stopped = True
            break
        chosen.append(_make_move(model, state, routes, account, as_of, rank, best))
    uncovered = tuple(d for d in model.dms if not at_least(state.cov[d], COVERED))
    return Plan(account.id, as_of, before, state.score(model), tuple(chosen), uncovered, stopped)


def _make_move(
    model: _Model,
    state: _State,
    routes: _Routes,
    account: Account,
    as_of: dt.date,
    rank: int,
    best: tuple[float, str, str, str, float],
) -> Move:
    """Apply the chosen move to ``state`` and describe it."""
    _, kind, team, person, strength = best
    score_before = state.score(model)
    strength_before = state.relationship.get((team, person), 0.0)
    opened = routes.to(person, state.applied)
    introducer = opened.path[1] if kind == "meet" and len(opened.path) > 2 else None
    if introducer and (opened.path[0], person) not in state.relationship:
        team = opened.path[0]  # whoever meets gains the same: the one the introducer knows
    open_before = state.open_findings(account, model)
    cov_before = dict(state.cov)
    state.apply(model, team, person, strength, as_of, rank)
    changes = tuple(
        CoverageGain(d, cov_before[d], state.cov[d]) for d in model.dms if state.cov[d] != cov_before[d]
    )
    resolved = sorted(open_before - state.open_findings(account, model))
    route: tuple[str, ...] = (team, *(opened.path[1:-1] if introducer else ()), person)
    if changes:
        top = min(changes, key=lambda c: (-(c.after - c.before), c.person))
        route = route + routes.onward(person, top.person)[1:]
    score_after = state.score(model)
    return Move(
        rank=rank,
        kind=kind,
        team=team,
        person=person,
        introducer=introducer,
        strength_before=strength_before,
        strength_after=strength,
        gain=score_after - score_before,
        score_after=score_after,
        coverage=changes,
        resolves=tuple((code, subject) for _, code, subject in resolved),
        route=route,
    )


def check_plan_for(account: Account, chosen: Plan, function: str = "apply_plan") -> None:
    """Refuse (:class:`UsageError`, said as ``function``'s) a plan that is not one, or that was made
    for another account or another version of it: a move names a team member or person the account
    lacks, or starts from a relationship it does not have.

    >>> from influence.loading import load_file
    >>> q4, q1 = load_file("examples/uralmet.yaml"), load_file("examples/uralmet-2027q1.yaml")
    >>> check_plan_for(q4, plan(q4, "2026-11-27"))
    >>> check_plan_for(q4, plan(q1, "2026-11-27"), "render_map")
    Traceback (most recent call last):
    ...
    influence.errors.UsageError: render_map: move 1 (strengthen dmitry -> orlova) starts from a relationship of 0.6, and the account has none: make the plan on this version of the account
    """
    expect_account(account, function)
    if not isinstance(chosen, Plan):
        raise UsageError(
            f"{function}: expected a Plan (from influence.plan or report.plan), got {type(chosen).__name__}"
        )
    if chosen.account != account.id:
        raise UsageError(f"{function}: the plan was made for account '{chosen.account}', not '{account.id}'")
    missing = sorted(
        {m.team for m in chosen.moves if m.team not in account.team_by_id}
        | {m.person for m in chosen.moves if m.person not in account.person_by_id}
    )
    if missing:
        raise UsageError(
            f"{function}: account '{account.id}' has no {', '.join(repr(i) for i in missing)}, "
            "which the plan names: make the plan on this version of the account"
        )
    _check_relationships(account, chosen, function)


def _relationship_strengths(account: Account) -> dict[tuple[str, str], float]:
    """Each (team member, person) relationship's strength, the strongest where records repeat a pair."""
    strengths: dict[tuple[str, str], float] = {}
    for r in account.relationships:
        strengths[(r.team, r.person)] = max(strengths.get((r.team, r.person), 0.0), r.strength)
    return strengths


def _check_relationships(account: Account, chosen: Plan, function: str) -> None:
    """Refuse a plan whose moves start from relationships the account does not have (another version)."""
    current = _relationship_strengths(account)
    for m in chosen.moves:
        have = current.get((m.team, m.person))
        wanted = None if m.kind == "meet" else m.strength_before
        if (have is None) != (wanted is None) or (
            have is not None and wanted is not None and abs(have - wanted) > TOLERANCE
        ):
            found = "none" if have is None else f"{have:g}"
            raise UsageError(
                f"{function}: move {m.rank} ({m.kind} {m.team} -> {m.person}) starts from "
                f"{'no relationship' if wanted is None else f'a relationship of {wanted:g}'}, and the "
                f"account has {found}: make the plan on this version of the account"
            )
        current[(m.team, m.person)] = m.strength_after


def apply_plan(account: Account, chosen: Plan) -> Account:
    """The account with the plan's moves made: relationships and planned meetings.

    A ``strengthen`` move sets the strength of the existing relationship
    (every record of that pair); a ``meet`` adds one. Each move adds a
    planned meeting ``plan-RANK`` (``-2``, ``-3``… when the id is taken) on
    ``as_of + 7·RANK`` days with the person, owned by the team member.

    Raises
    ------
    UsageError
        When ``chosen`` is not a :class:`Plan`, or was made for another
        account (or names a person or team member the account lacks).

    Examples
    --------
    >>> import influence
    >>> account = influence.load("examples/uralmet.yaml")
    >>> chosen = influence.plan(account, "2026-11-27", moves=2)
    >>> after = influence.apply_plan(account, chosen)
    >>> [(a.id, a.date.isoformat(), a.targets) for a in after.activities[-2:]]
    [('plan-1', '2026-12-04', ('sokolov',)), ('plan-2', '2026-12-11', ('orlova',))]
    """
    check_plan_for(account, chosen)
    relationships = list(account.relationships)
    activities = list(account.activities)
    taken = (
        {x.id for rows in (account.organizations, account.units, account.people, account.team) for x in rows}
        | {c.id for c in account.competitors}
        | {t.id for t in account.tenders}
        | {a.id for a in activities}
    )
    for m in chosen.moves:
        if m.kind == "strengthen":
            relationships = [
                dataclasses.replace(r, strength=m.strength_after)
                if (r.team, r.person) == (m.team, m.person)
                else r
                for r in relationships
            ]
        else:
            relationships.append(Relationship(team=m.team, person=m.person, strength=m.strength_after))
        base = f"plan-{m.rank}"
        ident, n = base, 1
        while ident in taken:
            n += 1
            ident = f"{base}-{n}"
        taken.add(ident)
        activities.append(
            Activity(
                id=ident,
                kind="meeting",
                date=shifted(chosen.as_of, 7 * m.rank),
                targets=(m.person,),
                owner=m.team,
                status="planned",
            )
        )
    return dataclasses.replace(account, relationships=tuple(relationships), activities=tuple(activities))
