"""The gap report: the findings defined in docs/analysis.md.

Each finding names the people, says what to do before the next review and
carries the numbers behind it. Codes and severities are stable API.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from influence.analysis.coverage import CoverageRow, coverage
from influence.analysis.facts import ANTI_MIN, Facts, at_least, greater
from influence.analysis.paths import AntiPathRow, anti_influence_paths
from influence.analysis.sponsors import SponsorRow, sponsors
from influence.model import STANCE_LABELS, Account, Person
from influence.wording import counted, possessive

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
_ROLE_ADVICE = {
    "economic_buyer": "Find out who signs off the budget for this purchase and how the board decides, "
    "and win a first meeting with them",
    "technical_buyer": "Identify who sets and checks the technical requirements, and give them a technical "
    "briefing",
    "problem_owner": "Find who owns the problem we solve (whose KPI suffers today) and interview them "
    "about it",
    "coach": "Recruit a coach: someone inside who wants us to win and will tell us how the decision is "
    "really made",
    "user": "Name the future users and meet at least one of them",
    "internal_customer": "Identify the internal customer who will receive the result and learn what they "
    "expect",
}


@dataclass(frozen=True)
class Finding:
    """One gap in the account plan.

    Attributes
    ----------
    code : str
        Stable finding code (docs/analysis.md).
    severity : {"high", "medium", "low"}
    subject : str
        A person id, a role, a tender id or the account id.
    message : str
        One sentence naming the people by name.
    recommendation : str
        What to do before the next review.
    evidence : dict
        The numbers behind it.
    """

    code: str
    severity: str
    subject: str
    message: str
    recommendation: str
    evidence: dict[str, Any] = field(default_factory=dict)

    def text(self, lang: str | None = None) -> tuple[str, str]:
        """The message and the recommendation in ``lang`` (default English)."""
        return self.message, self.recommendation

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        """The JSON object of the gap report, its words in ``lang`` (default English)."""
        message, recommendation = self.text(lang)
        return {
            "code": self.code,
            "severity": self.severity,
            "subject": self.subject,
            "message": message,
            "recommendation": recommendation,
            "evidence": self.evidence,
        }

    def sort_key(self) -> tuple[Any, ...]:
        """Severity, code, subject, then evidence strength descending, then source."""
        strength = self.evidence.get("strength")
        return (
            SEVERITIES.index(self.severity),
            self.code,
            self.subject,
            -round(strength, 9) if isinstance(strength, (int, float)) else 0.0,
            str(self.evidence.get("source", "")),
            self.message,
        )


class _Writer:
    """Names, routes and phrases for messages.

    Privacy: a private person is never proposed as a contact or an
    introducer, and a private tie is never described; routes named in
    recommendations come from :meth:`Facts.introduction`.
    """

    def __init__(self, account: Account, facts: Facts):
        self.account = account
        self.facts = facts

    def name(self, node: str | None) -> str:
        return self.account.display_name(node) if node else "nobody"

    def chain(self, path: tuple[str, ...] | list[str]) -> str:
        return " → ".join(self.name(n) for n in path)

    def stance(self, p: Person) -> str:
        return STANCE_LABELS[p.stance] if p.stance is not None else "stance unknown"

    def private(self, node: str | None) -> bool:
        """True for a private person: never a suggested contact or introducer."""
        p = self.account.person_by_id.get(node) if node else None
        return p is not None and p.private

    def relation(self, mid: str, target: str) -> str:
        """How ``mid`` stands to ``target``, from the (non-private) edge mid -> target."""
        kind = self.facts.finder.edge_type(mid, target)
        t = self.name(target)
        people = self.account.person_by_id
        if kind == "reports_to":
            if people.get(mid) and people[mid].reports_to == target:
                return f"who reports to {t}"
            if people.get(target) and people[target].reports_to == mid:
                return f"{possessive(t)} manager"
            forward = any(
                link.source == mid and link.target == target
                for link in self.account.links
                if link.type == "reports_to"
            )
            return f"who reports to {t}" if forward else f"{possessive(t)} manager"
        return {
            "family": f"a relative of {t}",
            "friend": f"a friend of {t}",
            "former_colleague": f"a former colleague of {t}",
            "informal": f"who has an informal tie to {t}",
            "influences": f"who influences {t}",
        }.get(str(kind), f"who is close to {t}")

    def approach(self, target: str) -> str:
        """The most concrete way in to ``target`` we know of (never through a private person or tie)."""
        t = self.name(target)
        if self.private(target):
            return f"Reach {t} only through the people close to them: a private contact is not approached directly"
        route = self.facts.introduction(target)
        if not route.path:
            coaches = [p.name for p in self.account.buying_team if "coach" in p.roles and not p.private]
            ask = f"ask {', '.join(coaches)}" if coaches else "ask your contacts"
            return (
                f"Find a way in to {t}: we know no route to them that we can use; {ask} whom {t} listens to "
                "and record those ties"
            )
        if len(route.path) == 2:
            member = self.name(route.path[0])
            return f"Meet {t} one to one with {member}, who already knows them (tie strength {route.strength:.2f})"
        mid = route.path[-2]
        return (
            f"Arrange a meeting with {t} through {self.name(mid)}, {self.relation(mid, target)} "
            f"(route: {self.chain(route.path)})"
        )


def _account_findings(account: Account, as_of: dt.date, out: list[Finding]) -> None:
    info = account.info
    aid = info.id

    def add(code: str, severity: str, message: str, recommendation: str, evidence: dict[str, Any]) -> None:
        out.append(Finding(code, severity, aid, message, recommendation, evidence))

    if not account.organizations or not account.units:
        missing = " and ".join(
            name
            for name, rows in (("organizations", account.organizations), ("units", account.units))
            if not rows
        )
        add(
            "org-structure-missing",
            "medium",
            f"The structure of {info.name} is not mapped: no {missing} recorded.",
            "Map the holding, its companies and divisions, and note how decisions are made at the top.",
            {"organizations": len(account.organizations), "units": len(account.units)},
        )
    if info.target_unit is None:
        add(
            "target-unit-missing",
            "medium",
            f"No target unit is set for {info.name}: it is not recorded which division we sell into.",
            "Choose the division we sell into and set account.target_unit, with the reason.",
            {},
        )
    elif info.target_rationale is None:
        unit = account.unit_by_id[info.target_unit].name
        add(
            "target-rationale-missing",
            "low",
            f"We sell into {unit}, but the reason for choosing it is not written down.",
            f"Write in account.target_rationale why {unit} (budget, pain, access) before the review.",
            {"target_unit": info.target_unit},
        )
    size = len(account.buying_team)
    if size < BUYING_TEAM_EXPECTED:
        add(
            "buying-team-too-small",
            "high" if size < 5 else "medium",
            f"The buying team of {info.name} has {size} people; a large client's has 10–15, "
            "and fewer than 5 means the homework is not done.",
            "Map everyone who formally or informally sways the purchase (assistants, advisers, "
            "former colleagues, people close to the decision makers) and add them before the next review.",
            {"buying_team": size, "expected": "10-15"},
        )
    if info.fiscal_year_start is None:
        add(
            "fiscal-year-unknown",
            "medium",
            f"The fiscal-year start of {info.name} is unknown, so the budget cycle cannot be planned.",
            "Find out when the client's fiscal year starts and when budgets are approved.",
            {},
        )
    if not account.tenders:
        add(
            "tender-unknown",
            "medium",
            f"No tender is recorded for {info.name}.",
            "Find out which tenders are planned and their submission dates; preparation starts six months ahead.",
            {},
        )
    if not account.competitors:
        add(
            "competitors-unknown",
            "low",
            f"No competitors are recorded at {info.name}.",
            "List the competitors already inside the client and whom they know.",
            {},
        )
    upcoming = [
        a for a in account.activities if a.status != "cancelled" and a.date is not None and a.date >= as_of
    ]
    if not upcoming:
        add(
            "plan-missing",
            "medium",
            f"There is no planned activity for {info.name} from {as_of.isoformat()} on.",
            "Plan the route from today to the tender: meetings, reference visits, pilots, trainings, "
            "with dates, owners and budget.",
            {"as_of": as_of.isoformat(), "activities": len(account.activities)},
        )
    if info.next_review is not None and info.next_review < as_of:
        add(
            "review-overdue",
            "low",
            f"The account review of {info.name} was due on {info.next_review.isoformat()}.",
            "Hold the account review and set the next date.",
            {"next_review": info.next_review.isoformat(), "days_overdue": (as_of - info.next_review).days},
        )


def _team_findings(account: Account, out: list[Finding], w: _Writer) -> None:
    team = account.buying_team
    for role, severity in ROLE_SEVERITY.items():
        if not any(role in p.roles for p in team):
            out.append(
                Finding(
                    "role-missing",
                    severity,
                    role,
                    f"No one in the buying team of {account.name} holds the role {role.replace('_', ' ')}.",
                    _ROLE_ADVICE[role] + ".",
                    {"role": role},
                )
            )
    if not any(p.informal for p in team):
        out.append(
            Finding(
                "no-informal-influencers",
                "medium",
                account.id,
                f"The buying team of {account.name} has no informal influencers.",
                "Ask your coach who the decision makers listen to outside the org chart "
                "(people close to them, former colleagues, advisers) and add them as informal people.",
                {"buying_team": len(team)},
            )
        )
    threads = w.facts.threads
    for p in team:
        if not p.roles:
            out.append(
                Finding(
                    "decision-role-missing",
                    "medium",
                    p.id,
                    f"{p.name} is in the buying team but has no role in the decision.",
                    f"Decide what {p.name} is in this purchase (problem owner, user, influencer, …), not their title.",
                    {},
                )
            )
        if p.email is None and p.phone is None:
            out.append(
                Finding(
                    "contact-missing",
                    "low",
                    p.id,
                    f"We have no email or phone for {p.name}.",
                    f"Keep {p.name} out of direct outreach: a private contact is reached through the people "
                    "close to them."
                    if p.private
                    else f"Get a direct contact for {p.name}.",
                    {},
                )
            )
        if p.stance is None:
            out.append(
                Finding(
                    "stance-unknown",
                    "medium",
                    p.id,
                    f"We do not know where {p.name} stands on our offer.",
                    f"Find out {possessive(p.name)} position (opponent to champion) "
                    + ("through your coach." if p.private else "through a meeting or your coach."),
                    {},
                )
            )
        if p.awareness is None:
            out.append(
                Finding(
                    "awareness-unknown",
                    "low",
                    p.id,
                    f"We do not know how well {p.name} knows us.",
                    f"Check what {p.name} knows of us and our references.",
                    {},
                )
            )
        if not p.pains:
            out.append(
                Finding(
                    "pains-unknown",
                    "medium",
                    p.id,
                    f"We do not know {possessive(p.name)} pains.",
                    f"Learn what keeps {p.name} up at night before proposing anything.",
                    {},
                )
            )
        elif p.offer is None:
            out.append(
                Finding(
                    "offer-missing",
                    "medium",
                    p.id,
                    f"We know {possessive(p.name)} pains ({'; '.join(p.pains)}) but have no offer for them.",
                    f"Prepare an offer that answers {possessive(p.name)} pains.",
                    {"pains": list(p.pains)},
                )
            )
        if not p.is_decision_maker and threads.get(p.id, 0) == 0:
            out.append(
                Finding(
                    "not-connected",
                    "medium",
                    p.id,
                    f"No one on our team has a direct relationship with {p.name}.",
                    w.approach(p.id).replace("Arrange a meeting with", "Arrange an introduction to", 1) + ".",
                    {"threads": 0},
                )
            )


def _tender_findings(account: Account, as_of: dt.date, out: list[Finding]) -> None:
    team_ids = {p.id for p in account.buying_team}
    for t in account.tenders:
        if t.submission is None:
            continue
        days = (t.submission - as_of).days
        prep_start = t.submission - dt.timedelta(days=PREP_DAYS)
        title = t.title or t.id
        evidence = {
            "submission": t.submission.isoformat(),
            "days_left": days,
            "prep_start": prep_start.isoformat(),
        }
        if 0 <= days <= PREP_DAYS:
            prepared = [
                a.id
                for a in account.activities
                if a.status != "cancelled"
                and a.date is not None
                and prep_start <= a.date <= t.submission
                and any(x in team_ids for x in a.targets)
            ]
            if not prepared:
                out.append(
                    Finding(
                        "tender-prep-late",
                        "high",
                        t.id,
                        f"The tender '{title}' is due on {t.submission.isoformat()} ({days} days) and no "
                        "activity with the buying team is planned in the six months before it.",
                        "Plan meetings, a reference visit or a pilot with the buying team now; "
                        f"preparation should have started on {prep_start.isoformat()}.",
                        evidence,
                    )
                )
        elif days > PREP_DAYS:
            out.append(
                Finding(
                    "tender-prep-upcoming",
                    "low",
                    t.id,
                    f"The tender '{title}' is due on {t.submission.isoformat()}; preparation must start by "
                    f"{prep_start.isoformat()}.",
                    f"Put the preparation start ({prep_start.isoformat()}) in the plan with an owner.",
                    evidence,
                )
            )


def _decision_maker_findings(
    account: Account,
    as_of: dt.date,
    rows: list[CoverageRow],
    out: list[Finding],
    w: _Writer,
) -> None:
    upcoming_targets = {
        x
        for a in account.activities
        if a.status != "cancelled" and a.date is not None and a.date >= as_of
        for x in a.targets
    }
    for row in rows:
        p = account.person_by_id[row.person]
        evidence = {
            "coverage": row.coverage,
            "threads": row.threads,
            "pressure": row.pressure,
            "path": list(row.path),
        }
        approach = w.approach(p.id)
        if at_least(row.pressure, ANTI_MIN) and greater(row.pressure, row.coverage):
            via = w.facts.decision_makers[p.id].pressure.path
            out.append(
                Finding(
                    "competitor-ahead",
                    "high",
                    p.id,
                    f"{w.name(via[0])} reaches {p.name} more strongly (pressure {row.pressure:.2f}) than our "
                    f"team does (coverage {row.coverage:.2f}), via {w.chain(via)}.",
                    f"{approach}; aim for an ally route stronger than {row.pressure:.2f}.",
                    {**evidence, "competitor": via[0], "competitor_path": list(via)},
                )
            )
        if row.status == "uncovered":
            out.append(
                Finding(
                    "decision-maker-uncovered",
                    "high",
                    p.id,
                    f"No ally route from our team reaches {p.name} ({', '.join(p.roles)}): coverage 0.",
                    approach + ".",
                    evidence,
                )
            )
        elif row.status == "weak":
            out.append(
                Finding(
                    "decision-maker-weak",
                    "high" if "economic_buyer" in p.roles else "medium",
                    p.id,
                    f"Our team's best ally route to {p.name} is weak (coverage {row.coverage:.2f} < 0.6): "
                    f"{w.chain(row.path)}.",
                    approach + ".",
                    evidence,
                )
            )
        elif row.threads <= 1:
            out.append(
                Finding(
                    "single-threaded",
                    "medium",
                    p.id,
                    f"{p.name} is covered (coverage {row.coverage:.2f}) but only "
                    f"{counted(row.threads, 'member')} of our team {'knows' if row.threads == 1 else 'know'} "
                    "them directly.",
                    f"Add a second thread: introduce another team member to {p.name} (e.g. at a meeting "
                    f"with {w.name(row.path[0])}).",
                    evidence,
                )
            )
        if row.status != "covered" and p.id not in upcoming_targets:
            out.append(
                Finding(
                    "plan-gap",
                    "medium",
                    p.id,
                    f"Our coverage of {p.name} is {row.status} and no planned activity targets them.",
                    f"Add an activity for {p.name} to the plan before the next review: {approach[0].lower()}"
                    f"{approach[1:]}.",
                    {"coverage": row.coverage, "status": row.status},
                )
            )


def _sponsor_findings(account: Account, rows: list[SponsorRow], out: list[Finding], w: _Writer) -> None:
    if not any(r.sponsor_class == "sponsor" for r in rows):
        at_risk = [r for r in rows if r.sponsor_class == "at_risk"]
        candidates = [r for r in rows if r.sponsor_class == "candidate"]
        if at_risk:
            hint = f"Firm up {at_risk[0].name} as a sponsor (see the sponsor-at-risk finding)"
        elif candidates:
            hint = (
                f"Turn {candidates[0].name} (supporter with access {candidates[0].access:.2f}) into a sponsor"
            )
        else:
            hint = "Find a supporter with access to the decision makers and make them a sponsor"
        out.append(
            Finding(
                "no-sponsor",
                "high",
                account.id,
                f"{account.name} has no confirmed sponsor: no supporter with access to the decision "
                "makers and a strong link to our team.",
                hint + ".",
                {"at_risk": [r.person for r in at_risk], "candidates": [r.person for r in candidates]},
            )
        )
    advice = {
        "stance-unknown": "confirm where {n} stands",
        "stance-not-positive": "win {n} over before counting on them",
        "low-access": "connect {n} to the decision makers (access {a:.2f} < 0.5)",
        "weak-link": "strengthen our own relationship with {n} (link {l:.2f} < 0.6)",
    }
    for r in rows:
        private = w.private(r.person)
        if r.sponsor_class == "at_risk":
            steps = "; ".join(
                (
                    "strengthen the ties of the people close to {n} (link {l:.2f} < 0.6)"
                    if private and x == "weak-link"
                    else advice[x]
                ).format(n=r.name, a=r.access, l=r.link)
                for x in r.reasons
            )
            out.append(
                Finding(
                    "sponsor-at-risk",
                    "medium",
                    r.person,
                    f"{r.name} is taken for a sponsor but does not hold up: {', '.join(r.reasons)}.",
                    steps[0].upper() + steps[1:] + ".",
                    {"access": r.access, "link": r.link, "stance": r.stance, "reasons": list(r.reasons)},
                )
            )
        elif r.sponsor_class == "candidate":
            out.append(
                Finding(
                    "sponsor-candidate",
                    "low",
                    r.person,
                    f"{r.name} supports us and reaches the decision makers (access {r.access:.2f}): a possible sponsor.",
                    f"Ask the people close to {r.name} to carry our case to the decision makers."
                    if private
                    else f"Test {r.name} as a sponsor: ask for an introduction or for help with the tender "
                    "requirements.",
                    {"access": r.access, "link": r.link, "stance": r.stance},
                )
            )


def _path_message(w: _Writer, r: AntiPathRow, others: list[AntiPathRow]) -> str:
    """The target's strongest path, the other sources, and our ally influence on the target."""
    target = w.name(r.target)
    if r.source_kind == "competitor":
        who = f"{w.name(r.source)} (competitor)"
    else:
        who = f"{w.name(r.source)} ({w.stance(w.account.person_by_id[r.source])})"
    if r.source == r.target:
        text = f"{who} is a decision maker and is not on our side"
    else:
        text = f"{who} reaches {target} with strength {r.strength:.2f} via {w.chain(r.path)}"
    if others:
        names = [w.name(o.source) for o in others]
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        verb = "reaches" if len(others) == 1 else "reach"
        text += f"; {counted(len(others), 'other source')} {verb} {target} too: {listed}"
    if r.counter == r.target:
        text += f"; {target} is on our side"
    elif r.counter is not None:
        text += f"; the ally with the most influence on {target} is {w.name(r.counter)} (ally influence {r.counter_strength:.2f})"
    else:
        text += f"; no ally of ours influences {target}"
    return text + "."


def _path_recommendation(w: _Writer, r: AntiPathRow) -> str:
    """What to do about the target's strongest path (never through a private person)."""
    target = w.name(r.target)
    approach = w.approach(r.target)
    approach = approach[0].lower() + approach[1:]
    if r.source == r.target:
        rec = f"Win {target} over: {approach}"
    elif r.counter == r.target:
        rec = f"{target} is on our side; keep them briefed so the objections do not take hold"
    elif r.opposed and w.private(r.counter):
        rec = f"Keep our allies around {target} briefed so {target} hears our case first"
    elif r.opposed:
        rec = f"Keep {w.name(r.counter)} briefed so {target} hears our case first"
    else:
        rec = f"Build an ally route to {target} stronger than {r.strength:.2f}: {approach}"
    source = w.name(r.source)
    if r.source_kind == "competitor":
        if len(r.path) > 1:
            rec += f"; reduce {possessive(source)} hold on {w.name(r.path[1])}"
    else:
        src = w.account.person_by_id[r.source]
        pains = f"their pains ({'; '.join(src.pains)})" if src.pains else "their objections"
        if src.private:
            rec += f"; address {pains} through the people close to {source}"
        elif r.source != r.target:
            rec += f"; meet {source} to address {pains}"
        else:
            rec += f"; address {pains}"
    return rec + "."


def _path_findings(account: Account, rows: list[AntiPathRow], out: list[Finding], w: _Writer) -> None:
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
        out.append(
            Finding(
                "anti-influence-path",
                severity,
                target_id,
                _path_message(w, r, others),
                _path_recommendation(w, r),
                {
                    "source": r.source,
                    "path": list(r.path),
                    "strength": r.strength,
                    "counter": r.counter,
                    "counter_strength": r.counter_strength,
                    "opposed": r.opposed,
                    "others": len(others),
                    "sources": [x.source for x in group],
                },
            )
        )


def findings(
    account: Account,
    as_of: dt.date,
    facts: Facts | None = None,
    *,
    coverage_rows: list[CoverageRow] | None = None,
    sponsor_rows: list[SponsorRow] | None = None,
    path_rows: list[AntiPathRow] | None = None,
) -> list[Finding]:
    """Every finding of docs/analysis.md, in report order.

    Parameters
    ----------
    account : Account
    as_of : datetime.date
        The analysis date.
    facts : Facts, optional
        Shared search results.
    coverage_rows, sponsor_rows, path_rows : list, optional
        Already computed analyses to reuse.

    Returns
    -------
    list of Finding
        Ordered by severity (high first), code, subject, then evidence
        strength descending, then source id.

    Notes
    -----
    Costs what the coverage, sponsor and path analyses cost, plus one
    forward structural search per team member for the routes named in
    recommendations: O((D + T) · (V + E) log V).
    """
    facts = facts or Facts(account)
    w = _Writer(account, facts)
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
    out.sort(key=Finding.sort_key)
    return out
