"""The gap report: the findings defined in docs/analysis.md.

Each finding carries a stable code, a severity, its subject, the numbers
behind it (``evidence``) and what to say, as clauses of the message
catalogue (:mod:`influence.analysis.catalogue`): the words are chosen when
the finding is rendered, in English or Russian.

>>> from influence.model import Account, AccountInfo
>>> account = Account(AccountInfo("acme", "Acme"))
>>> gaps = findings(account, dt.date(2026, 11, 27))
>>> gaps[0].code, gaps[0].severity
('buying-team-too-small', 'high')
>>> gaps[0].text("ru")[0][:40]
'Закупочная группа клиента «Acme»: 0 чело'
"""

from __future__ import annotations

import copy
import datetime as dt
import itertools
import operator
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from influence.analysis.catalogue import (
    Chain,
    Clause,
    Listing,
    Renderer,
    Sentence,
    Term,
    render,
    renderer,
    subject_kind,
)
from influence.analysis.coverage import CoverageRow, coverage
from influence.analysis.facts import ANTI_MIN, Facts, at_least, facts_for, greater
from influence.analysis.paths import AntiPathRow, anti_influence_paths
from influence.analysis.sponsors import SponsorRow, sponsors
from influence.dates import parse_as_of, shifted
from influence.errors import UsageError
from influence.graph import PathFinder
from influence.i18n import translator
from influence.model import Account, Person

__all__ = [
    "BUYING_TEAM_EXPECTED",
    "PREP_DAYS",
    "ROLE_SEVERITY",
    "SEVERITIES",
    "Finding",
    "findings",
]

SEVERITIES = ("high", "medium", "low")
PREP_DAYS = 183
BUYING_TEAM_EXPECTED = 10
ROLE_SEVERITY = {
    "economic_buyer": "high",
    "technical_buyer": "medium",
    "problem_owner": "medium",
    "coach": "medium",
    "user": "low",
    "internal_customer": "low",
}


@dataclass(frozen=True)
class Finding:
    """One gap in the account plan.

    Attributes
    ----------
    code : str
        Stable finding code (the gap report's API).
    severity : {"high", "medium", "low"}
    subject : str
        A person id, a role, a tender id or the account id.
    evidence : dict
        The numbers behind it.
    said : tuple of (Sentence, Sentence)
        The message and the recommendation as catalogue clauses; render them
        with :meth:`text` (or read :attr:`message` and :attr:`recommendation`
        in English).
    """

    code: str
    severity: str
    subject: str
    evidence: dict[str, Any] = field(default_factory=dict)
    said: tuple[Sentence, Sentence] = field(default=((), ()), compare=False, repr=False)

    def text(self, lang: str | None = None) -> tuple[str, str]:
        """The message (one sentence naming the people) and the recommendation, in ``lang``.

        ``lang`` is ``"en"`` (the default) or ``"ru"``.
        """
        return self.said_by(renderer(translator(lang)))

    def said_by(self, say: Renderer) -> tuple[str, str]:
        """:meth:`text` in the language of ``say`` (for many findings: one look-up of the renderer)."""
        return say(self.said[0]), say(self.said[1])

    @property
    def person(self) -> str | None:
        """The id of the person the finding is about; None when it is about the account, a role or a tender.

        Ids of different kinds may be equal (a person ``anna`` in the account
        ``anna``, a person ``user`` beside the role ``user``): the code tells.

        >>> Finding("stance-unknown", "medium", "anna").person, Finding("no-sponsor", "high", "anna").person
        ('anna', None)
        """
        return self.subject if subject_kind(self.code) == "person" else None

    @property
    def message(self) -> str:
        """One sentence naming the people by name (English)."""
        return render(self.said[0], translator("en"))

    @property
    def recommendation(self) -> str:
        """What to do before the next review (English)."""
        return render(self.said[1], translator("en"))

    def redacted(self, text: Callable[[str], str], value: Callable[[Any], Any], subject: str) -> Finding:
        """The finding with ``text`` applied to every name it says, ``value`` to its evidence."""
        message, recommendation = ([c.map_text(text) for c in s] for s in self.said)
        return Finding(
            self.code, self.severity, subject, value(self.evidence), (tuple(message), tuple(recommendation))
        )

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        """The JSON object of the gap report, its words in ``lang`` (default English).

        The evidence is a copy: changing it changes no later output of the report.

        >>> f = Finding("plan-gap", "medium", "orlova", {"path": ["olga", "orlova"]})
        >>> f.to_dict()["evidence"]["path"].append("x"); f.evidence["path"]
        ['olga', 'orlova']
        """
        row = self.json_row(lang)
        row["evidence"] = copy.deepcopy(self.evidence)
        return row

    def json_row(self, lang: str | None = None, say: Renderer | None = None) -> dict[str, Any]:
        """:meth:`to_dict` sharing the finding's evidence: for a caller that copies the row anyway.

        ``say``: the renderer of ``lang`` shared by the rows of a report (see :meth:`said_by`).
        """
        message, recommendation = self.said_by(say or renderer(translator(lang)))
        return {
            "code": self.code,
            "severity": self.severity,
            "subject": self.subject,
            "message": message,
            "recommendation": recommendation,
            "evidence": self.evidence,
        }

    def sort_key(self) -> tuple[Any, ...]:
        """Severity, code, subject, then evidence strength descending, then source (then the sentences)."""
        return (*self._rank(), repr(self.said))

    def _rank(self) -> tuple[Any, ...]:
        """:meth:`sort_key` less its last part, the sentences' ``repr`` (costly, and needed only on a tie)."""
        strength = self.evidence.get("strength")
        return (
            SEVERITIES.index(self.severity),
            self.code,
            self.subject,
            -round(strength, 9) if isinstance(strength, (int, float)) else 0.0,
            str(self.evidence.get("source", "")),
        )


def _say(key: str, **values: Any) -> Sentence:
    """A one-clause sentence."""
    return (Clause(key, values),)


class _Phrases:
    """Names, routes and ways in, as catalogue values.

    Privacy: a private person is never proposed as a contact or an
    introducer, and a private tie is never described; routes named in
    recommendations come from :meth:`Facts.introduction`.
    """

    def __init__(self, account: Account, facts: Facts):
        self.account = account
        self.facts = facts
        # names asked for, kept: the routes of a large account name the same few people (our
        # team, the managers at the top) thousands of times
        self._names: dict[str, str] = {}

    def name(self, node: str) -> str:
        name = self._names.get(node)
        if name is None:
            name = self._names[node] = self.account.display_name(node)
        return name

    def chain(self, path: Iterable[str]) -> Chain:
        return Chain(tuple(map(self.name, path)))

    def private(self, node: str | None) -> bool:
        """True for a private person: never a suggested contact or introducer."""
        p = self.account.person_by_id.get(node) if node else None
        return p is not None and p.private

    def relation(self, mid: str, target: str) -> Clause:
        """How ``mid`` stands to ``target``, from the (non-private) edge mid -> target."""
        kind = PathFinder.for_account(self.account, public=True).edge_type(
            mid, target
        )  # never a private tie's
        name = {"name": self.name(target)}
        if kind == "reports_to":
            people = self.account.person_by_id
            if people.get(mid) and people[mid].reports_to == target:
                return Clause("relation.reports_to", name)
            if people.get(target) and people[target].reports_to == mid:
                return Clause("relation.manager", name)
            forward = any(
                link.source == mid and link.target == target
                for link in self.account.links
                if link.type == "reports_to"
            )
            return Clause("relation.reports_to" if forward else "relation.manager", name)
        known = ("family", "friend", "former_colleague", "informal", "influences")
        return Clause(f"relation.{kind}" if kind in known else "relation.other", name)

    def approach(self, target: str, introduction: bool = False) -> Clause:
        """The most concrete way in to ``target`` we know of (never through a private person or tie).

        A team member who knows ``target`` directly comes first, however
        strong a route through others: the team's own contact, as the plan
        strengthens it. Else the best route with no private person or tie on it.
        """
        name = self.name(target)
        if self.private(target):
            return Clause("approach.private", {"name": name})
        direct = self.facts.way_in(target)
        if direct is not None:  # someone of ours knows them: that comes before any introduction
            member, strength = direct
            return Clause(
                "approach.direct", {"name": name, "member": self.name(member), "strength": strength}
            )
        route = self.facts.introduction(target)
        if not route.path:
            coaches = [  # never the person asked about, nor a coach against us (opponent, skeptic)
                p.name
                for p in self.account.buying_team
                if "coach" in p.roles and not p.private and p.id != target and (p.stance or 0) >= 0
            ]
            if coaches:
                return Clause(
                    "approach.none.coaches", {"name": name, "coaches": Listing(tuple(coaches), "comma")}
                )
            return Clause("approach.none", {"name": name})
        mid = route.path[-2]
        return Clause(
            "approach.via.introduction" if introduction else "approach.via",
            {
                "name": name,
                "mid": self.name(mid),
                "relation": self.relation(mid, target),
                "route": self.chain(route.path),
            },
        )


def _structure_findings(account: Account, add: Callable[..., None]) -> None:
    """Organizations and units, the target unit and its rationale, the buying team's size."""
    info = account.info
    name = info.name
    if not account.organizations or not account.units:
        if not account.organizations and not account.units:
            missing = "both"
        else:
            missing = "organizations" if not account.organizations else "units"
        add(
            "org-structure-missing",
            "medium",
            _say(f"org-structure-missing.message.{missing}", account=name),
            _say("org-structure-missing.recommendation"),
            {"organizations": len(account.organizations), "units": len(account.units)},
        )
    if info.target_unit is None:
        add(
            "target-unit-missing",
            "medium",
            _say("target-unit-missing.message", account=name),
            _say("target-unit-missing.recommendation"),
            {},
        )
    elif info.target_rationale is None:
        unit = account.unit_by_id[info.target_unit].name
        add(
            "target-rationale-missing",
            "low",
            _say("target-rationale-missing.message", unit=unit),
            _say("target-rationale-missing.recommendation", unit=unit),
            {"target_unit": info.target_unit},
        )
    size = len(account.buying_team)
    if size < BUYING_TEAM_EXPECTED:
        add(
            "buying-team-too-small",
            "high" if size < 5 else "medium",
            _say("buying-team-too-small.message", account=name, n=size),
            _say("buying-team-too-small.recommendation"),
            {"buying_team": size, "expected": "10-15"},
        )


def _cycle_findings(account: Account, as_of: dt.date, add: Callable[..., None]) -> None:
    """The client's cycle and our plan: fiscal year, tenders, competitors, activities, review date."""
    info = account.info
    name = info.name
    if info.fiscal_year_start is None:
        add(
            "fiscal-year-unknown",
            "medium",
            _say("fiscal-year-unknown.message", account=name),
            _say("fiscal-year-unknown.recommendation"),
            {},
        )
    if not account.tenders:
        add(
            "tender-unknown",
            "medium",
            _say("tender-unknown.message", account=name),
            _say("tender-unknown.recommendation"),
            {},
        )
    if not account.competitors:
        add(
            "competitors-unknown",
            "low",
            _say("competitors-unknown.message", account=name),
            _say("competitors-unknown.recommendation"),
            {},
        )
    upcoming = [
        a for a in account.activities if a.status != "cancelled" and a.date is not None and a.date >= as_of
    ]
    if not upcoming:
        add(
            "plan-missing",
            "medium",
            _say("plan-missing.message", account=name, date=as_of.isoformat()),
            _say("plan-missing.recommendation"),
            {"as_of": as_of.isoformat(), "activities": len(account.activities)},
        )
    if info.next_review is not None and info.next_review < as_of:
        add(
            "review-overdue",
            "low",
            _say("review-overdue.message", account=name, date=info.next_review.isoformat()),
            _say("review-overdue.recommendation"),
            {"next_review": info.next_review.isoformat(), "days_overdue": (as_of - info.next_review).days},
        )


def _account_findings(account: Account, as_of: dt.date, out: list[Finding]) -> None:
    def add(
        code: str, severity: str, message: Sentence, recommendation: Sentence, evidence: dict[str, Any]
    ) -> None:
        out.append(Finding(code, severity, account.id, evidence, (message, recommendation)))

    _structure_findings(account, add)
    _cycle_findings(account, as_of, add)


def _role_findings(account: Account, out: list[Finding]) -> None:
    """Roles nobody in the buying team holds, and no informal influencers."""
    team = account.buying_team
    for role, severity in ROLE_SEVERITY.items():
        if not any(role in p.roles for p in team):
            message = _say("role-missing.message", account=account.name, role=Term("role", role))
            out.append(
                Finding(
                    "role-missing",
                    severity,
                    role,
                    {"role": role},
                    (message, _say(f"role-missing.recommendation.{role}")),
                )
            )
    if not any(p.informal for p in team):
        message = _say("no-informal-influencers.message", account=account.name)
        recommendation = _say("no-informal-influencers.recommendation")
        out.append(
            Finding(
                "no-informal-influencers",
                "medium",
                account.id,
                {"buying_team": len(team)},
                (message, recommendation),
            )
        )


def _person_findings(p: Person, threads: int, w: _Phrases) -> Iterable[Finding]:
    """What we do not know about one buying-team person, and whether we reach them at all."""
    name = {"name": p.name}
    private = ".private" if p.private else ""

    def finding(
        code: str, severity: str, recommendation: Sentence, evidence: dict[str, Any] | None = None
    ) -> Finding:
        return Finding(
            code, severity, p.id, evidence or {}, (_say(f"{code}.message", **name), recommendation)
        )

    if not p.roles:
        yield finding("decision-role-missing", "medium", _say("decision-role-missing.recommendation", **name))
    if p.email is None and p.phone is None:
        yield finding("contact-missing", "low", _say(f"contact-missing.recommendation{private}", **name))
    if p.stance is None:
        yield finding("stance-unknown", "medium", _say(f"stance-unknown.recommendation{private}", **name))
    if p.awareness is None:
        yield finding("awareness-unknown", "low", _say(f"awareness-unknown.recommendation{private}", **name))
    pains = p.known_pains
    if not pains:
        yield finding("pains-unknown", "medium", _say(f"pains-unknown.recommendation{private}", **name))
    elif p.known_offer is None:  # a private person's pains are never said: a redacted report would show them
        message = _say(f"offer-missing.message{private}", name=p.name, pains=Listing(pains, "semicolon"))
        recommendation = _say(f"offer-missing.recommendation{private}", **name)
        yield Finding("offer-missing", "medium", p.id, {"pains": list(pains)}, (message, recommendation))
    if not p.is_decision_maker and threads == 0:
        yield finding("not-connected", "medium", (w.approach(p.id, introduction=True),), {"threads": 0})


def _team_findings(account: Account, out: list[Finding], w: _Phrases) -> None:
    _role_findings(account, out)
    threads = w.facts.threads
    for p in account.buying_team:
        out.extend(_person_findings(p, threads.get(p.id, 0), w))


def _tender_findings(account: Account, as_of: dt.date, out: list[Finding]) -> None:
    team_ids = {p.id for p in account.buying_team}
    for t in account.tenders:
        if t.submission is None:
            continue
        days = (t.submission - as_of).days
        prep_start = shifted(t.submission, -PREP_DAYS)
        dates = {
            "title": t.title or t.id,
            "date": t.submission.isoformat(),
            "prep_start": prep_start.isoformat(),
        }
        evidence = {"submission": dates["date"], "days_left": days, "prep_start": dates["prep_start"]}
        if 0 <= days <= PREP_DAYS:
            prepared = any(
                a.status != "cancelled"
                and a.date is not None
                and prep_start <= a.date <= t.submission
                and any(x in team_ids for x in a.targets)
                for a in account.activities
            )
            if not prepared:
                said = (
                    _say("tender-prep-late.message", n=days, **dates)
                    if days
                    else _say("tender-prep-late.message.today", **dates),
                    _say("tender-prep-late.recommendation", prep_start=dates["prep_start"]),
                )
                out.append(Finding("tender-prep-late", "high", t.id, evidence, said))
        elif days > PREP_DAYS:
            said = (
                _say("tender-prep-upcoming.message", **dates),
                _say("tender-prep-upcoming.recommendation", prep_start=dates["prep_start"]),
            )
            out.append(Finding("tender-prep-upcoming", "low", t.id, evidence, said))


def _coverage_findings(row: CoverageRow, p: Person, planned: bool, w: _Phrases) -> Iterable[Finding]:
    """The findings about one decision maker's coverage."""
    evidence = {
        "coverage": row.coverage,
        "threads": row.threads,
        "pressure": row.pressure,
        "path": list(row.path),
    }
    approach = w.approach(p.id)
    name = p.name
    if at_least(row.pressure, ANTI_MIN) and greater(row.pressure, row.coverage):
        via = w.facts.decision_makers[p.id].pressure.path
        message = _say(
            "competitor-ahead.message",
            competitor=w.name(via[0]),
            name=name,
            pressure=row.pressure,
            coverage=row.coverage,
            route=w.chain(via),
        )
        recommendation = _say("competitor-ahead.recommendation", approach=approach, pressure=row.pressure)
        evidence_ahead = {**evidence, "competitor": via[0], "competitor_path": list(via)}
        yield Finding("competitor-ahead", "high", p.id, evidence_ahead, (message, recommendation))
    if row.status == "uncovered":
        roles = Listing(tuple(Term("role", r) for r in p.roles), "comma")
        message = _say("decision-maker-uncovered.message", name=name, roles=roles)
        yield Finding("decision-maker-uncovered", "high", p.id, evidence, (message, (approach,)))
    elif row.status == "weak":
        severity = "high" if "economic_buyer" in p.roles else "medium"
        message = _say(
            "decision-maker-weak.message", name=name, coverage=row.coverage, route=w.chain(row.path)
        )
        yield Finding("decision-maker-weak", severity, p.id, evidence, (message, (approach,)))
    elif row.threads <= 1:
        yield Finding("single-threaded", "medium", p.id, evidence, _single_thread(row, p, approach, w))
    if row.status != "covered" and not planned:
        message = _say("plan-gap.message", name=name, status=Term("level", row.status))
        key = "plan-gap.recommendation" + (".private" if p.private else "")
        recommendation = _say(key, name=name, approach=approach)
        evidence_gap = {"coverage": row.coverage, "status": row.status}
        yield Finding("plan-gap", "medium", p.id, evidence_gap, (message, recommendation))


def _single_thread(row: CoverageRow, p: Person, approach: Clause, w: _Phrases) -> tuple[Sentence, Sentence]:
    """Message and recommendation of ``single-threaded``: one thread, or none (covered only through others)."""
    if row.threads == 0:
        message = _say("single-threaded.message.none", name=p.name, coverage=row.coverage)
        if not p.private and not approach.key.startswith("approach.none"):
            return message, _say("single-threaded.recommendation.none", approach=approach)
        if not p.private:  # covered through a tie no recommendation names: the member it starts from
            member = w.name(row.path[0])
            return message, _say("single-threaded.recommendation.none.member", member=member, name=p.name)
    else:
        message = _say("single-threaded.message", name=p.name, coverage=row.coverage, n=row.threads)
    # a team of one has no other member to introduce: a colleague must join it first
    key = ".private" if p.private else ".solo" if len(w.account.team) <= 1 else ""
    member = w.name(row.path[0])
    return message, _say(f"single-threaded.recommendation{key}", name=p.name, member=member)


def _decision_maker_findings(
    account: Account,
    as_of: dt.date,
    rows: list[CoverageRow],
    out: list[Finding],
    w: _Phrases,
) -> None:
    upcoming_targets = {
        x
        for a in account.activities
        if a.status != "cancelled" and a.date is not None and a.date >= as_of
        for x in a.targets
    }
    for row in rows:
        p = account.person_by_id[row.person]
        out.extend(_coverage_findings(row, p, p.id in upcoming_targets, w))


def _no_sponsor(account: Account, rows: list[SponsorRow]) -> Finding:
    at_risk = [r for r in rows if r.sponsor_class == "at_risk"]
    candidates = [r for r in rows if r.sponsor_class == "candidate"]
    # the hint names someone to work with: never a private person
    public_risk = [r for r in at_risk if not account.person_by_id[r.person].private]
    public_candidates = [r for r in candidates if not account.person_by_id[r.person].private]
    if public_risk:
        hint = _say("no-sponsor.recommendation.at_risk", name=public_risk[0].name)
    elif public_candidates:
        hint = _say(
            "no-sponsor.recommendation.candidate",
            name=public_candidates[0].name,
            access=public_candidates[0].access,
        )
    else:
        hint = _say("no-sponsor.recommendation.none")
    evidence = {"at_risk": [r.person for r in at_risk], "candidates": [r.person for r in candidates]}
    return Finding(
        "no-sponsor", "high", account.id, evidence, (_say("no-sponsor.message", account=account.name), hint)
    )


def _sponsor_findings(account: Account, rows: list[SponsorRow], out: list[Finding], w: _Phrases) -> None:
    if not any(r.sponsor_class == "sponsor" for r in rows):
        out.append(_no_sponsor(account, rows))
    for r in rows:
        private = w.private(r.person)
        values = {"name": r.name, "access": r.access, "link": r.link}
        evidence: dict[str, Any] = {"access": r.access, "link": r.link, "stance": r.stance}
        if r.sponsor_class == "at_risk":
            reasons = Listing(tuple(Term("reason", x) for x in r.reasons), "comma")
            message = _say("sponsor-at-risk.message", name=r.name, reasons=reasons)
            steps = tuple(
                Clause(
                    f"sponsor-at-risk.step.{x}{'.private' if private and x in _PRIVATE_STEPS else ''}", values
                )
                for x in r.reasons
            )
            evidence["reasons"] = list(r.reasons)
            out.append(Finding("sponsor-at-risk", "medium", r.person, evidence, (message, steps)))
        elif r.sponsor_class == "candidate":
            message = _say("sponsor-candidate.message", **values)
            key = "sponsor-candidate.recommendation" + (".private" if private else "")
            out.append(
                Finding("sponsor-candidate", "low", r.person, evidence, (message, _say(key, name=r.name)))
            )


#: sponsor-at-risk steps said otherwise for a private person (never approached directly)
_PRIVATE_STEPS = ("weak-link", "stance-unknown", "stance-not-positive", "low-access")


def _path_message(w: _Phrases, r: AntiPathRow, others: list[AntiPathRow]) -> Sentence:
    """The target's strongest path, the other sources, and our ally influence on the target."""
    target = w.name(r.target)
    source = w.name(r.source)
    if r.source == r.target:
        person = w.account.person_by_id[r.source]
        first = Clause("path.self", {"source": source, "stance": _stance(person)})
    else:
        values = {"source": source, "target": target, "strength": r.strength, "route": w.chain(r.path)}
        if r.source_kind == "competitor":
            first = Clause("path.reach.competitor", values)
        else:
            first = Clause("path.reach", {**values, "stance": _stance(w.account.person_by_id[r.source])})
    clauses = [first]
    if others:
        names = Listing(tuple(w.name(o.source) for o in others))
        clauses.append(Clause("path.others", {"n": len(others), "target": target, "sources": names}))
    if r.counter == r.target:
        clauses.append(Clause("path.counter.target", {"target": target}))
    elif r.counter is not None:
        counter = {"target": target, "counter": w.name(r.counter), "counter_strength": r.counter_strength}
        clauses.append(Clause("path.counter", counter))
    else:
        clauses.append(Clause("path.counter.none", {"target": target}))
    return tuple(clauses)


def _stance(p: Person) -> Term:
    return Term("stance", str(p.stance) if p.stance is not None else "unknown")


def _path_recommendation(w: _Phrases, r: AntiPathRow) -> Sentence:
    """What to do about the target's strongest path (never through a private person)."""
    target = w.name(r.target)
    approach = w.approach(r.target)
    if r.source == r.target:
        first = Clause("path.win", {"target": target, "approach": approach})
    elif r.counter == r.target:
        first = Clause("path.ally-target" + (".private" if w.private(r.target) else ""), {"target": target})
    elif r.opposed and w.private(r.counter):
        first = Clause("path.keep-allies", {"target": target})
    elif r.opposed:
        first = Clause("path.keep-counter", {"target": target, "counter": w.name(r.counter or "")})
    else:
        first = Clause("path.build", {"target": target, "strength": r.strength, "approach": approach})
    source = w.name(r.source)
    if r.source_kind == "competitor":
        if len(r.path) < 2:
            return (first,)
        return first, Clause("path.competitor-hold", {"source": source, "next": w.name(r.path[1])})
    src = w.account.person_by_id[r.source]
    kind = "pains" if src.known_pains else "objections"
    values = {"source": source, "pains": Listing(src.known_pains, "semicolon")}
    if src.private:
        return first, Clause(f"path.close.{kind}", values)
    if r.source != r.target:
        return first, Clause(f"path.meet.{kind}", values)
    return first, Clause(f"path.address.{kind}", values)


def _path_findings(account: Account, rows: list[AntiPathRow], out: list[Finding], w: _Phrases) -> None:
    """One finding per target: its strongest path, with the count and list of every source."""
    by_target: dict[str, list[AntiPathRow]] = {}
    for r in rows:  # rows are in paths order: the first of a target is its strongest
        by_target.setdefault(r.target, []).append(r)
    people = account.person_by_id
    for target_id, group in by_target.items():
        r, others = group[0], group[1:]
        target = people[target_id]
        decisive = not {"economic_buyer", "decision_maker"}.isdisjoint(target.roles)
        if decisive and not r.opposed:
            severity = "high"
        elif target.stance is not None and target.stance >= 1:
            severity = "low"
        else:
            severity = "medium"
        evidence = {
            "source": r.source,
            "path": list(r.path),
            "strength": r.strength,
            "counter": r.counter,
            "counter_strength": r.counter_strength,
            "opposed": r.opposed,
            "others": len(others),
            "sources": [x.source for x in group],
        }
        said = (_path_message(w, r, others), _path_recommendation(w, r))
        out.append(Finding("anti-influence-path", severity, target_id, evidence, said))


def findings(
    account: Account,
    as_of: dt.date | str | None,
    facts: Facts | None = None,
    *,
    coverage_rows: list[CoverageRow] | None = None,
    sponsor_rows: list[SponsorRow] | None = None,
    path_rows: list[AntiPathRow] | None = None,
) -> list[Finding]:
    """Every finding of the gap report, in report order.

    Parameters
    ----------
    account : Account
    as_of : datetime.date or str or None
        The analysis date, read as :func:`~influence.analysis.report.analyze`
        reads it: a ``date`` (a ``datetime`` gives its date) or
        ``YYYY-MM-DD`` text; None is today.
    facts : Facts, optional
        Shared search results.
    coverage_rows, sponsor_rows, path_rows : list, optional
        Already computed analyses to reuse.

    Returns
    -------
    list of Finding
        Ordered by severity (high first), code, subject, then evidence
        strength descending, then source id.

    Raises
    ------
    UsageError
        When ``account`` is not an Account, ``as_of`` is not a date, or the
        rows given are not the analyses' rows.

    Examples
    --------
    >>> from influence.loading import load_file
    >>> found = findings(load_file("examples/uralmet.yaml"), "2026-11-27")
    >>> found[0].severity, found[0].code
    ('high', 'anti-influence-path')

    Notes
    -----
    Costs what the coverage, sponsor and path analyses cost, plus one
    forward structural search per team member for the routes named in
    recommendations: O((D + T) · (V + E) log V).
    """
    facts = facts_for(account, facts, "findings")
    as_of = parse_as_of(as_of)
    _expect_rows(coverage_rows, CoverageRow, "coverage_rows", "coverage")
    _expect_rows(sponsor_rows, SponsorRow, "sponsor_rows", "sponsors")
    _expect_rows(path_rows, AntiPathRow, "path_rows", "anti_influence_paths")
    w = _Phrases(account, facts)
    out: list[Finding] = []
    _account_findings(account, as_of, out)
    _team_findings(account, out, w)
    _tender_findings(account, as_of, out)
    _decision_maker_findings(
        account, as_of, coverage_rows if coverage_rows is not None else coverage(account, facts), out, w
    )
    _sponsor_findings(account, sponsor_rows if sponsor_rows is not None else sponsors(account, facts), out, w)
    _path_findings(
        account, path_rows if path_rows is not None else anti_influence_paths(account, facts), out, w
    )
    return _in_order(out)


def _expect_rows(rows: object, kind: type, name: str, made_by: str) -> None:
    """Refuse, with a :class:`UsageError`, ``rows`` that are not a list of ``kind`` (None: they are computed).

    >>> _expect_rows("x", CoverageRow, "coverage_rows", "coverage")
    Traceback (most recent call last):
    ...
    influence.errors.UsageError: findings: coverage_rows must be a list of CoverageRow (as coverage(account) returns), not str
    """
    if rows is None:
        return
    if isinstance(rows, (list, tuple)):
        wrong = [type(r).__name__ for r in rows if not isinstance(r, kind)]
        if not wrong:
            return
        given = f"a {type(rows).__name__} holding {wrong[0]}"
    else:
        given = type(rows).__name__
    raise UsageError(
        f"findings: {name} must be a list of {kind.__name__} (as {made_by}(account) returns), not {given}"
    )


def _in_order(found: list[Finding]) -> list[Finding]:
    """``sorted(found, key=Finding.sort_key)``, the sentences' ``repr`` read only where the rest ties."""
    ranked = sorted(((f._rank(), f) for f in found), key=operator.itemgetter(0))
    out: list[Finding] = []
    for _, tied in itertools.groupby(ranked, key=operator.itemgetter(0)):
        group = [f for _, f in tied]
        if len(group) > 1:
            group.sort(key=lambda f: repr(f.said))
        out += group
    return out
