"""The message catalogue of the gap report: every sentence a finding can say.

The analyses in :mod:`influence.analysis.findings` decide *what* to say: a
code, a severity, evidence, and a sentence as a list of :class:`Clause`
objects (a template key and its values: names, numbers, dates, nested
clauses). The words are chosen here, at the edge, for one language: each
template is an English gettext message (marked with ``N_``/``NP_``)
translated through :mod:`influence.i18n`. Names stay values, so no
template declines them; Russian templates are written so that names stand
in the nominative.

>>> from influence.i18n import translator
>>> s = (Clause("contact-missing.message", {"name": "Иван Иванов"}),)
>>> render(s, translator("en")), render(s, translator("ru"))
('We have no email or phone for Иван Иванов.', 'Нет ни почты, ни телефона: Иван Иванов.')
"""

from __future__ import annotations

import functools
import string
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from influence.i18n import N_, NC_, NP_, Translator, quote_names, quoted_fields

__all__ = [
    "FINDINGS",
    "FINDING_TITLES",
    "REASON_NAMES",
    "ROLE_NAMES",
    "STANCE_NAMES",
    "TEMPLATES",
    "Chain",
    "Clause",
    "FindingEntry",
    "Listing",
    "Renderer",
    "Sentence",
    "finding_scope",
    "finding_title",
    "render",
    "renderer",
    "subject_kind",
    "term",
]


@dataclass(frozen=True)
class Clause:
    """One template of :data:`TEMPLATES` and the values for its placeholders.

    A value is a string (a name, a title, a date), a number (``int``, or a
    ``float`` written with two decimals), a :class:`Chain`, a
    :class:`Listing`, a nested :class:`Clause` or a :class:`Term` (a word
    from a vocabulary, translated). ``n`` selects the plural form of a
    plural template.
    """

    key: str
    values: Mapping[str, Any] = field(default_factory=dict)

    def map_text(self, fn: Callable[[str], str]) -> Clause:
        """The same clause with ``fn`` applied to every text value (for redaction)."""
        return Clause(self.key, {k: _map_text(v, fn) for k, v in self.values.items()})


@dataclass(frozen=True)
class Chain:
    """Names along a route: ``A → B → C``."""

    names: tuple[str, ...]


@dataclass(frozen=True)
class Listing:
    """Items in running text: ``A, B and C`` (``and``) or ``a; b`` (``semicolon``) or ``a, b`` (``comma``)."""

    items: tuple[Any, ...]
    style: str = "and"


@dataclass(frozen=True)
class Term:
    """A vocabulary value said in words: ``Term("role", "economic_buyer")`` is "economic buyer"."""

    vocabulary: str
    value: str


#: A sentence: clauses joined by "; ", the first letter capitalised, a full stop at the end.
Sentence = tuple[Clause, ...]


def _map_text(value: Any, fn: Callable[[str], str]) -> Any:
    if isinstance(value, str):
        return fn(value)
    if isinstance(value, Clause):
        return value.map_text(fn)
    if isinstance(value, Chain):
        return Chain(tuple(fn(n) for n in value.names))
    if isinstance(value, Listing):
        return Listing(tuple(_map_text(v, fn) for v in value.items), value.style)
    return value


#: the words for vocabulary values inside sentences (the files and JSON keep the codes)
ROLE_NAMES: dict[str, str | tuple[str, str]] = {
    # TRANSLATORS: a role in the purchase decision, inside a sentence
    "economic_buyer": N_("economic buyer"),
    # TRANSLATORS: the role decision_maker of one person, distinct from "decision makers", the group of
    # the economic, technical and final deciders (Russian «ЛПР»): e.g. «принимающий решение»
    "decision_maker": NC_("role", "decision maker"),
    "technical_buyer": N_("technical buyer"),
    "user": N_("user"),
    "problem_owner": N_("problem owner"),
    "internal_customer": N_("internal customer"),
    "sponsor": N_("sponsor"),
    "coach": N_("coach"),
    "influencer": N_("influencer"),
    "anti_influencer": N_("anti-influencer"),
    "gatekeeper": N_("gatekeeper"),
    "procurement": N_("procurement"),
}
STANCE_NAMES: dict[str, str | tuple[str, str]] = {
    "-2": N_("opponent"),
    "-1": N_("skeptic"),
    # TRANSLATORS: a stance in a sentence, after a name in brackets: "Anna (neutral)"; Russian «нейтральная позиция»
    "0": NC_("stance in a sentence", "neutral"),
    "1": N_("supporter"),
    "2": N_("champion"),
    "unknown": N_("stance unknown"),
}
REASON_NAMES = {
    # TRANSLATORS: why a sponsor does not hold up (a list after "does not hold up:")
    "stance-unknown": N_("stance unknown"),
    "stance-not-positive": N_("stance not positive"),
    "low-access": N_("low access"),
    "weak-link": N_("weak link"),
}
# TRANSLATORS: how much of a decision maker our coverage reaches, after "Our coverage of X is"
LEVEL_NAMES = {"weak": N_("weak"), "uncovered": N_("zero")}
_TERMS: dict[str, Mapping[str, str | tuple[str, str]]] = {
    "role": ROLE_NAMES,
    "stance": STANCE_NAMES,
    "reason": REASON_NAMES,
    "level": LEVEL_NAMES,
}

#: every sentence and clause; ``{name:'s}`` is the English possessive of a name ("Anna's"):
#: other languages write ``{name}`` and build the sentence so that the name stays in the nominative
TEMPLATES: dict[str, str | tuple[str, str]] = {
    # ways in to a person, used inside recommendations
    "approach.private": N_(
        "Reach {name} only through the people close to them: a private contact is not approached directly"
    ),
    "approach.none": N_(
        "Find a way in to {name}: we know no route to them that we can use; ask your contacts whom {name} "
        "listens to and record those ties"
    ),
    "approach.none.coaches": N_(
        "Find a way in to {name}: we know no route to them that we can use; ask {coaches} whom {name} "
        "listens to and record those ties"
    ),
    "approach.direct": N_(
        "Meet {name} one to one with {member}, who already knows them (tie strength {strength})"
    ),
    "approach.via": N_("Arrange a meeting with {name} through {mid}, {relation} (route: {route})"),
    "approach.via.introduction": N_(
        "Arrange an introduction to {name} through {mid}, {relation} (route: {route})"
    ),
    # how the introducer stands to the person (after "through {mid},")
    "relation.reports_to": N_("who reports to {name}"),
    # TRANSLATORS: {name:'s} is the English possessive ("Anna's"); write {name} and keep the name in the
    # nominative, e.g. "руководитель (подчинённый: {name})"
    "relation.manager": N_("{name:'s} manager"),
    "relation.family": N_("a relative of {name}"),
    "relation.friend": N_("a friend of {name}"),
    "relation.former_colleague": N_("a former colleague of {name}"),
    "relation.informal": N_("who has an informal tie to {name}"),
    "relation.influences": N_("who influences {name}"),
    "relation.other": N_("who is close to {name}"),
    # account
    "org-structure-missing.message.both": N_(
        "The structure of {account} is not mapped: no organizations and units recorded."
    ),
    "org-structure-missing.message.organizations": N_(
        "The structure of {account} is not mapped: no organizations recorded."
    ),
    "org-structure-missing.message.units": N_("The structure of {account} is not mapped: no units recorded."),
    "org-structure-missing.recommendation": N_(
        "Map the holding, its companies and divisions, and note how decisions are made at the top."
    ),
    "target-unit-missing.message": N_(
        "No target unit is set for {account}: it is not recorded which division we sell into."
    ),
    "target-unit-missing.recommendation": N_(
        "Choose the division we sell into and set account.target_unit, with the reason."
    ),
    "target-rationale-missing.message": N_(
        "We sell into {unit}, but the reason for choosing it is not written down."
    ),
    "target-rationale-missing.recommendation": N_(
        "Write in account.target_rationale why {unit} (budget, pain, access) before the review."
    ),
    "buying-team-too-small.message": NP_(
        "The buying team of {account} has {n} person; a large client's has 10–15, and fewer than 5 means "
        "the homework is not done.",
        "The buying team of {account} has {n} people; a large client's has 10–15, and fewer than 5 means "
        "the homework is not done.",
    ),
    "buying-team-too-small.recommendation": N_(
        "Map everyone who formally or informally sways the purchase (assistants, advisers, former "
        "colleagues, people close to the decision makers) and add them before the next review."
    ),
    "fiscal-year-unknown.message": N_(
        "The fiscal-year start of {account} is unknown, so the budget cycle cannot be planned."
    ),
    "fiscal-year-unknown.recommendation": N_(
        "Find out when the client's fiscal year starts and when budgets are approved."
    ),
    "tender-unknown.message": N_("No tender is recorded for {account}."),
    "tender-unknown.recommendation": N_(
        "Find out which tenders are planned and their submission dates; preparation starts six months ahead."
    ),
    "competitors-unknown.message": N_("No competitors are recorded at {account}."),
    "competitors-unknown.recommendation": N_(
        "List the competitors already inside the client and whom they know."
    ),
    "plan-missing.message": N_("There is no planned activity for {account} from {date} on."),
    "plan-missing.recommendation": N_(
        "Plan the route from today to the tender: meetings, reference visits, pilots, trainings, with "
        "dates, owners and budget."
    ),
    "review-overdue.message": N_("The account review of {account} was due on {date}."),
    "review-overdue.recommendation": N_("Hold the account review and set the next date."),
    # buying team
    "role-missing.message": N_("No one in the buying team of {account} holds the role {role}."),
    "role-missing.recommendation.economic_buyer": N_(
        "Find out who signs off the budget for this purchase and how the board decides, and win a first "
        "meeting with them."
    ),
    "role-missing.recommendation.technical_buyer": N_(
        "Identify who sets and checks the technical requirements, and give them a technical briefing."
    ),
    "role-missing.recommendation.problem_owner": N_(
        "Find who owns the problem we solve (whose KPI suffers today) and interview them about it."
    ),
    "role-missing.recommendation.coach": N_(
        "Recruit a coach: someone inside who wants us to win and will tell us how the decision is "
        "really made."
    ),
    "role-missing.recommendation.user": N_("Name the future users and meet at least one of them."),
    "role-missing.recommendation.internal_customer": N_(
        "Identify the internal customer who will receive the result and learn what they expect."
    ),
    "no-informal-influencers.message": N_("The buying team of {account} has no informal influencers."),
    "no-informal-influencers.recommendation": N_(
        "Ask your coach who the decision makers listen to outside the org chart (people close to them, "
        "former colleagues, advisers) and add them as informal people."
    ),
    "decision-role-missing.message": N_("{name} is in the buying team but has no role in the decision."),
    "decision-role-missing.recommendation": N_(
        "Decide what {name} is in this purchase (problem owner, user, influencer, …), not their title."
    ),
    "contact-missing.message": N_("We have no email or phone for {name}."),
    "contact-missing.recommendation": N_("Get a direct contact for {name}."),
    "contact-missing.recommendation.private": N_(
        "Keep {name} out of direct outreach: a private contact is reached through the people close to them."
    ),
    "stance-unknown.message": N_("We do not know where {name} stands on our offer."),
    "stance-unknown.recommendation": N_(
        "Find out {name:'s} position (opponent to champion) through a meeting or your coach."
    ),
    "stance-unknown.recommendation.private": N_(
        "Find out {name:'s} position (opponent to champion) through your coach."
    ),
    "awareness-unknown.message": N_("We do not know how well {name} knows us."),
    "awareness-unknown.recommendation": N_("Check what {name} knows of us and our references."),
    "awareness-unknown.recommendation.private": N_(
        "Learn through your coach what {name} knows of us: a private contact is not approached directly."
    ),
    "pains-unknown.message": N_("We do not know {name:'s} pains."),
    "pains-unknown.recommendation": N_("Learn what keeps {name} up at night before proposing anything."),
    "pains-unknown.recommendation.private": N_(
        "Learn through your coach what matters to {name}: a private contact is not approached directly."
    ),
    "offer-missing.message": N_("We know {name:'s} pains ({pains}) but have no offer for them."),
    "offer-missing.message.private": N_("We know {name:'s} pains but have no offer for them."),
    "offer-missing.recommendation": N_("Prepare an offer that answers {name:'s} pains."),
    "offer-missing.recommendation.private": N_(
        "Work out how our offer answers {name:'s} pains, for the people close to them to carry."
    ),
    "not-connected.message": N_("No one on our team has a direct relationship with {name}."),
    # tenders
    "tender-prep-late.message": NP_(
        "The tender '{title}' is due on {date} ({n} day) and no activity with the buying team is planned "
        "in the six months before it.",
        "The tender '{title}' is due on {date} ({n} days) and no activity with the buying team is planned "
        "in the six months before it.",
    ),
    "tender-prep-late.message.today": N_(
        "The tender '{title}' is due today, {date}, and no activity with the buying team was planned "
        "in the six months before it."
    ),
    "tender-prep-late.recommendation": N_(
        "Plan meetings, a reference visit or a pilot with the buying team now; preparation should have "
        "started on {prep_start}."
    ),
    "tender-prep-upcoming.message": N_(
        "The tender '{title}' is due on {date}; preparation must start by {prep_start}."
    ),
    "tender-prep-upcoming.recommendation": N_(
        "Put the preparation start ({prep_start}) in the plan with an owner."
    ),
    # decision makers
    "competitor-ahead.message": N_(
        "{competitor} reaches {name} more strongly (pressure {pressure}) than our team does "
        "(coverage {coverage}), via {route}."
    ),
    "competitor-ahead.recommendation": N_("{approach}; aim for an ally route stronger than {pressure}."),
    "decision-maker-uncovered.message": N_(
        "No ally route from our team reaches {name} ({roles}): coverage 0."
    ),
    "decision-maker-weak.message": N_(
        "Our team's best ally route to {name} is weak (coverage {coverage} < 0.6): {route}."
    ),
    "single-threaded.message": NP_(
        "{name} is covered (coverage {coverage}) but only {n} member of our team knows them directly.",
        "{name} is covered (coverage {coverage}) but only {n} members of our team know them directly.",
    ),
    "single-threaded.message.none": N_(
        "{name} is covered (coverage {coverage}) only through others: no member of our team knows them "
        "directly."
    ),
    "single-threaded.recommendation.none": N_("Open a direct thread: {approach}."),
    "single-threaded.recommendation.none.member": N_(
        "Open a direct thread: ask {member}, whose contacts reach {name}, for an introduction."
    ),
    "single-threaded.recommendation": N_(
        "Add a second thread: introduce another team member to {name} (e.g. at a meeting with {member})."
    ),
    "single-threaded.recommendation.solo": N_(
        "Add a second thread: bring a colleague into the account team and introduce them to {name} "
        "(e.g. at a meeting with {member})."
    ),
    "single-threaded.recommendation.private": N_(
        "Add a second thread through the people close to {name}: a private contact is not approached "
        "directly."
    ),
    "plan-gap.message": N_("Our coverage of {name} is {status} and no planned activity targets them."),
    "plan-gap.recommendation": N_(
        "Add an activity for {name} to the plan before the next review: {approach}."
    ),
    "plan-gap.recommendation.private": N_(
        "Add an activity with the people close to {name} to the plan before the next review: {approach}."
    ),
    # sponsors
    "no-sponsor.message": N_(
        "{account} has no confirmed sponsor: no supporter with access to the decision makers and a strong "
        "link to our team."
    ),
    # TRANSLATORS: "Sponsor at risk" is the title of that finding: write it as its own translation reads
    "no-sponsor.recommendation.at_risk": N_(
        'Firm up {name} as a sponsor (see the finding "Sponsor at risk").'
    ),
    "no-sponsor.recommendation.candidate": N_("Turn {name} (supporter with access {access}) into a sponsor."),
    "no-sponsor.recommendation.none": N_(
        "Find a supporter with access to the decision makers and make them a sponsor."
    ),
    "sponsor-at-risk.message": N_("{name} is taken for a sponsor but does not hold up: {reasons}."),
    "sponsor-at-risk.step.stance-unknown": N_("confirm where {name} stands"),
    "sponsor-at-risk.step.stance-unknown.private": N_("confirm through your coach where {name} stands"),
    "sponsor-at-risk.step.stance-not-positive": N_("win {name} over before counting on them"),
    "sponsor-at-risk.step.stance-not-positive.private": N_(
        "win {name} over through the people close to them before counting on them"
    ),
    "sponsor-at-risk.step.low-access": N_("connect {name} to the decision makers (access {access} < 0.5)"),
    "sponsor-at-risk.step.low-access.private": N_(
        "bring the people close to {name} nearer the decision makers (access {access} < 0.5)"
    ),
    "sponsor-at-risk.step.weak-link": N_("strengthen our own relationship with {name} (link {link} < 0.6)"),
    "sponsor-at-risk.step.weak-link.private": N_(
        "strengthen the ties of the people close to {name} (link {link} < 0.6)"
    ),
    "sponsor-candidate.message": N_(
        "{name} supports us and reaches the decision makers (access {access}): a possible sponsor."
    ),
    "sponsor-candidate.recommendation": N_(
        "Test {name} as a sponsor: ask for an introduction or for help with the tender requirements."
    ),
    "sponsor-candidate.recommendation.private": N_(
        "Ask the people close to {name} to carry our case to the decision makers."
    ),
    # anti-influence paths: the message
    "path.self": N_("{source} ({stance}) is a decision maker and is not on our side"),
    "path.reach": N_("{source} ({stance}) reaches {target} with strength {strength} via {route}"),
    "path.reach.competitor": N_(
        "{source} (competitor) reaches {target} with strength {strength} via {route}"
    ),
    "path.others": NP_(
        "{n} other source reaches {target} too: {sources}",
        "{n} other sources reach {target} too: {sources}",
    ),
    "path.counter.target": N_("{target} is on our side"),
    "path.counter": N_(
        "the ally with the most influence on {target} is {counter} (ally influence {counter_strength})"
    ),
    "path.counter.none": N_("no ally of ours influences {target}"),
    # anti-influence paths: the recommendation
    "path.win": N_("Win {target} over: {approach}"),
    "path.ally-target": N_("{target} is on our side; keep them briefed so the objections do not take hold"),
    "path.ally-target.private": N_(
        "{target} is on our side; keep the people close to them briefed so the objections do not take hold"
    ),
    "path.keep-allies": N_("Keep our allies around {target} briefed so {target} hears our case first"),
    "path.keep-counter": N_("Keep {counter} briefed so {target} hears our case first"),
    # the path is outweighed by an ally's pull (a person on our side, the target too), not by our
    # team's own tie: coverage does not count there, so the advice is to win someone over
    "path.build": N_(
        "Win {target} over, or someone whose pull on them is stronger than {strength}: {approach}"
    ),
    "path.competitor-hold": N_("reduce {source:'s} hold on {next}"),
    "path.meet.pains": N_("meet {source} to address their pains ({pains})"),
    "path.meet.objections": N_("meet {source} to address their objections"),
    "path.close.pains": N_("address their pains through the people close to {source}"),
    "path.close.objections": N_("address their objections through the people close to {source}"),
    "path.address.pains": N_("address their pains ({pains})"),
    "path.address.objections": N_("address their objections"),
}


@dataclass(frozen=True)
class FindingEntry:
    """What the catalogue says about one finding code.

    Attributes
    ----------
    severity : str
        ``high``, ``medium``, ``low``, or the rule when it depends on the case.
    message, recommendation : tuple of str
        The template keys the sentence is built from (variants and parts).
    evidence : tuple of str
        The keys of the finding's ``evidence``.
    subject : str
        What the finding's ``subject`` names: ``person`` (a person's id),
        ``account``, ``role`` or ``tender``. Ids of different kinds may be
        equal (a person ``anna`` in the account ``anna``, a person ``user``).
    scope : str
        For a finding about a person, whom it can be about: ``buying_team``
        (anyone in the buying team), ``decision_maker`` (decision makers only)
        or ``not_decision_maker`` (the buying team's other people).
    """

    severity: str
    message: tuple[str, ...]
    recommendation: tuple[str, ...]
    evidence: tuple[str, ...] = ()
    subject: str = "person"
    scope: str = "buying_team"


def subject_kind(code: str) -> str:
    """What a finding code's subject names: ``person``, ``account``, ``role`` or ``tender``.

    A code the catalogue does not hold (one's own) is taken as about a person,
    so that a shared output never shows it by mistake.

    >>> subject_kind("stance-unknown"), subject_kind("role-missing"), subject_kind("x-mine")
    ('person', 'role', 'person')
    """
    entry = FINDINGS.get(code)
    return "person" if entry is None else entry.subject


def finding_scope(code: str) -> str | None:
    """Whom a finding about a person can be about (see :attr:`FindingEntry.scope`); None for a
    finding about something else, or a code the catalogue does not hold.

    >>> finding_scope("stance-unknown"), finding_scope("plan-gap"), finding_scope("not-connected")
    ('buying_team', 'decision_maker', 'not_decision_maker')
    >>> finding_scope("no-sponsor"), finding_scope("x-mine")
    (None, None)
    """
    entry = FINDINGS.get(code)
    return entry.scope if entry is not None and entry.subject == "person" else None


_APPROACH = ("approach.private", "approach.none", "approach.none.coaches", "approach.direct", "approach.via")
_DM_EVIDENCE = ("coverage", "threads", "pressure", "path")

#: code -> severity, templates and evidence fields (the codes are stable API)
FINDINGS: dict[str, FindingEntry] = {
    "org-structure-missing": FindingEntry(
        "medium",
        (
            "org-structure-missing.message.both",
            "org-structure-missing.message.organizations",
            "org-structure-missing.message.units",
        ),
        ("org-structure-missing.recommendation",),
        ("organizations", "units"),
        subject="account",
    ),
    "target-unit-missing": FindingEntry(
        "medium", ("target-unit-missing.message",), ("target-unit-missing.recommendation",), subject="account"
    ),
    "target-rationale-missing": FindingEntry(
        "low",
        ("target-rationale-missing.message",),
        ("target-rationale-missing.recommendation",),
        ("target_unit",),
        subject="account",
    ),
    "buying-team-too-small": FindingEntry(
        "high under 5 people, else medium",
        ("buying-team-too-small.message",),
        ("buying-team-too-small.recommendation",),
        ("buying_team", "expected"),
        subject="account",
    ),
    "role-missing": FindingEntry(
        "by role: economic_buyer high; technical_buyer, problem_owner, coach medium; user, "
        "internal_customer low",
        ("role-missing.message",),
        tuple(k for k in TEMPLATES if k.startswith("role-missing.recommendation.")),
        ("role",),
        subject="role",
    ),
    "no-informal-influencers": FindingEntry(
        "medium",
        ("no-informal-influencers.message",),
        ("no-informal-influencers.recommendation",),
        ("buying_team",),
        subject="account",
    ),
    "decision-role-missing": FindingEntry(
        "medium", ("decision-role-missing.message",), ("decision-role-missing.recommendation",)
    ),
    "contact-missing": FindingEntry(
        "low",
        ("contact-missing.message",),
        ("contact-missing.recommendation", "contact-missing.recommendation.private"),
    ),
    "stance-unknown": FindingEntry(
        "medium",
        ("stance-unknown.message",),
        ("stance-unknown.recommendation", "stance-unknown.recommendation.private"),
    ),
    "awareness-unknown": FindingEntry(
        "low",
        ("awareness-unknown.message",),
        ("awareness-unknown.recommendation", "awareness-unknown.recommendation.private"),
    ),
    "pains-unknown": FindingEntry(
        "medium",
        ("pains-unknown.message",),
        ("pains-unknown.recommendation", "pains-unknown.recommendation.private"),
    ),
    "offer-missing": FindingEntry(
        "medium",
        ("offer-missing.message", "offer-missing.message.private"),
        ("offer-missing.recommendation", "offer-missing.recommendation.private"),
        ("pains",),
    ),
    "not-connected": FindingEntry(
        "medium",
        ("not-connected.message",),
        (
            "approach.private",
            "approach.none",
            "approach.none.coaches",
            "approach.direct",
            "approach.via.introduction",
        ),
        ("threads",),
        scope="not_decision_maker",
    ),
    "fiscal-year-unknown": FindingEntry(
        "medium", ("fiscal-year-unknown.message",), ("fiscal-year-unknown.recommendation",), subject="account"
    ),
    "tender-unknown": FindingEntry(
        "medium", ("tender-unknown.message",), ("tender-unknown.recommendation",), subject="account"
    ),
    "tender-prep-late": FindingEntry(
        "high",
        ("tender-prep-late.message", "tender-prep-late.message.today"),
        ("tender-prep-late.recommendation",),
        ("submission", "days_left", "prep_start"),
        subject="tender",
    ),
    "tender-prep-upcoming": FindingEntry(
        "low",
        ("tender-prep-upcoming.message",),
        ("tender-prep-upcoming.recommendation",),
        ("submission", "days_left", "prep_start"),
        subject="tender",
    ),
    "competitors-unknown": FindingEntry(
        "low", ("competitors-unknown.message",), ("competitors-unknown.recommendation",), subject="account"
    ),
    "competitor-ahead": FindingEntry(
        "high",
        ("competitor-ahead.message",),
        ("competitor-ahead.recommendation", *_APPROACH),
        (*_DM_EVIDENCE, "competitor", "competitor_path"),
        scope="decision_maker",
    ),
    "no-sponsor": FindingEntry(
        "high",
        ("no-sponsor.message",),
        (
            "no-sponsor.recommendation.at_risk",
            "no-sponsor.recommendation.candidate",
            "no-sponsor.recommendation.none",
        ),
        ("at_risk", "candidates"),
        subject="account",
    ),
    "sponsor-at-risk": FindingEntry(
        "medium",
        ("sponsor-at-risk.message",),
        tuple(k for k in TEMPLATES if k.startswith("sponsor-at-risk.step.")),
        ("access", "link", "stance", "reasons"),
    ),
    "sponsor-candidate": FindingEntry(
        "low",
        ("sponsor-candidate.message",),
        ("sponsor-candidate.recommendation", "sponsor-candidate.recommendation.private"),
        ("access", "link", "stance"),
    ),
    "anti-influence-path": FindingEntry(
        "high when not opposed and the target is an economic buyer or decision maker; low when the "
        "target's stance >= 1; else medium",
        (
            "path.self",
            "path.reach",
            "path.reach.competitor",
            "path.others",
            "path.counter.target",
            "path.counter",
            "path.counter.none",
        ),
        (
            "path.win",
            "path.ally-target",
            "path.ally-target.private",
            "path.keep-allies",
            "path.keep-counter",
            "path.build",
            "path.competitor-hold",
            "path.meet.pains",
            "path.meet.objections",
            "path.close.pains",
            "path.close.objections",
            "path.address.pains",
            "path.address.objections",
            *_APPROACH,
        ),
        ("source", "path", "strength", "counter", "counter_strength", "opposed", "others", "sources"),
        scope="decision_maker",  # the subject is the decision maker the paths reach
    ),
    "decision-maker-uncovered": FindingEntry(
        "high", ("decision-maker-uncovered.message",), _APPROACH, _DM_EVIDENCE, scope="decision_maker"
    ),
    "decision-maker-weak": FindingEntry(
        "high for an economic buyer, else medium",
        ("decision-maker-weak.message",),
        _APPROACH,
        _DM_EVIDENCE,
        scope="decision_maker",
    ),
    "single-threaded": FindingEntry(
        "medium",
        ("single-threaded.message", "single-threaded.message.none"),
        (
            "single-threaded.recommendation",
            "single-threaded.recommendation.none",
            "single-threaded.recommendation.none.member",
            "single-threaded.recommendation.solo",
            "single-threaded.recommendation.private",
        ),
        _DM_EVIDENCE,
        scope="decision_maker",
    ),
    "plan-missing": FindingEntry(
        "medium",
        ("plan-missing.message",),
        ("plan-missing.recommendation",),
        ("as_of", "activities"),
        subject="account",
    ),
    "plan-gap": FindingEntry(
        "medium",
        ("plan-gap.message",),
        ("plan-gap.recommendation", "plan-gap.recommendation.private", *_APPROACH),
        ("coverage", "status"),
        scope="decision_maker",
    ),
    "review-overdue": FindingEntry(
        "low",
        ("review-overdue.message",),
        ("review-overdue.recommendation",),
        ("next_review", "days_overdue"),
        subject="account",
    ),
}


#: each finding's short title: the heading of a finding in tables, Markdown, the map and a plan's
#: "resolves" (JSON and CSV keep the code)
FINDING_TITLES = {
    # TRANSLATORS: a finding's short title, a heading in the gap report, the map and the plan; no full stop
    "org-structure-missing": N_("Org structure not mapped"),
    "target-unit-missing": N_("No target unit chosen"),
    "target-rationale-missing": N_("Target unit not justified"),
    "buying-team-too-small": N_("Buying team too small"),
    "role-missing": N_("Role missing from the buying team"),
    "no-informal-influencers": N_("No informal influencers known"),
    "decision-role-missing": N_("No role in the decision"),
    "contact-missing": N_("No email or phone"),
    "stance-unknown": N_("Stance unknown"),
    "awareness-unknown": N_("Awareness of us unknown"),
    "pains-unknown": N_("Pains unknown"),
    "offer-missing": N_("No offer for their pains"),
    "not-connected": N_("No relationship with our team"),
    "fiscal-year-unknown": N_("Fiscal year start unknown"),
    "tender-unknown": N_("No tender known"),
    "tender-prep-late": N_("Tender preparation late"),
    "tender-prep-upcoming": N_("Tender preparation due soon"),
    "competitors-unknown": N_("Competitors unknown"),
    "competitor-ahead": N_("Competitor ahead"),
    "no-sponsor": N_("No confirmed sponsor"),
    "sponsor-at-risk": N_("Sponsor at risk"),
    "sponsor-candidate": N_("Possible sponsor"),
    "anti-influence-path": N_("Anti-influence path to a decision maker"),
    "decision-maker-uncovered": N_("Decision maker not covered"),
    "decision-maker-weak": N_("Decision maker weakly covered"),
    "single-threaded": N_("Decision maker known by one of us only"),
    "plan-missing": N_("No activity planned"),
    "plan-gap": N_("Decision maker left out of the plan"),
    "review-overdue": N_("Account review overdue"),
}


def finding_title(code: str, t: Translator, *, in_text: bool = False) -> str:
    """A finding's short title in ``t``'s language; a code the catalogue does not hold, as it is.

    ``in_text``: the title inside running text (a plan move's "resolves: …"), its first letter
    lower-case unless it opens an abbreviation ("ЛПР").

    >>> from influence.i18n import translator
    >>> finding_title("competitor-ahead", translator("en")), finding_title("x-mine", translator("ru"))
    ('Competitor ahead', 'x-mine')
    >>> finding_title("competitor-ahead", translator("en"), in_text=True)
    'competitor ahead'
    >>> finding_title("role-missing", translator("ru"), in_text=True)
    'в закупочной группе нет роли'
    """
    marked = FINDING_TITLES.get(code)
    if marked is None:
        return code
    title = t.gettext(marked)
    first = title.split(" ", 1)[0]
    if not in_text or (len(first) > 1 and first.isupper()):  # "ЛПР …" keeps its capitals
        return title
    return title[:1].lower() + title[1:]  # "В закупочной группе …" too: a one-letter word


def term(marked: str | tuple[str, str], t: Translator) -> str:
    """A vocabulary word in ``t``'s language: a message, or a (context, message) pair of ``NC_``.

    >>> from influence.i18n import translator
    >>> term(ROLE_NAMES["decision_maker"], translator("en")), term(STANCE_NAMES["-1"], translator("en"))
    ('decision maker', 'skeptic')
    """
    return t.pgettext(*marked) if isinstance(marked, tuple) else t.gettext(marked)


# TRANSLATORS: the last two items of a list in running text: "A, B and C"
_AND = N_("{items} and {last}")


_Plan = tuple[str, tuple[tuple[str, str, str], ...]]


@functools.lru_cache(maxsize=1024)
def _compiled(text: str) -> _Plan | None:
    """``text`` for ``str.format_map``: each placeholder renamed ``#i``, with its (``#i``, name, spec).

    None when a placeholder needs :class:`string.Formatter` itself: a
    conversion, a positional, dotted or indexed name, a nested field in a
    spec; or when the template is malformed.
    """
    try:
        parsed = list(_PARSE(text))
    except ValueError:  # a malformed template: string.Formatter says where, as it reads it
        return None
    parts: list[str] = []
    fields: list[tuple[str, str, str]] = []
    for literal, name, spec, conversion in parsed:
        parts.append(literal.replace("{", "{{").replace("}", "}}"))
        if name is None:
            continue
        if conversion is not None or not name.isidentifier() or "{" in (spec or ""):
            return None
        key = f"#{len(fields)}"
        parts.append("{" + key + "}")
        fields.append((key, name, spec or ""))
    return "".join(parts), tuple(fields)


_PARSE = string.Formatter().parse


def _fill(text: str, values: dict[str, Any], t: Translator) -> str:
    """``t.fill(text, **values)``, each value formatted by ``t``'s formatter, the text put together in C."""
    plan = _compiled(text)
    if plan is None:
        return t.fill(text, **values)
    values = quote_names(text, values)
    template, fields = plan
    fmt, filled = t.formatter.format_field, {}
    for key, name, spec in fields:
        value = values[name]
        filled[key] = value if not spec and value.__class__ is str else fmt(value, spec)
    return template.format_map(filled)


class Renderer:
    """Sentences in one language, for many of them at once.

    A large account's gap report says thousands of clauses from a few dozen
    templates: a renderer translates and parses each template once (not once
    per clause), fills a template without format specs by ``str.format_map``
    alone and tries the most common value, a name, before any other kind:
    a third less time for the messages of 20,000 people. :func:`renderer`
    gives the one of a language.

    >>> from influence.i18n import translator
    >>> say = renderer(translator("ru"))
    >>> say((Clause("contact-missing.message", {"name": "Анна"}),))
    'Нет ни почты, ни телефона: Анна.'
    """

    def __init__(self, t: Translator):
        self.t = t
        #: key -> the template in this language, whether it is plain and whether it puts a value in
        #: «…» quotes; a plural template is not kept (its form depends on n)
        self._texts: dict[str, tuple[str, bool, bool]] = {}

    def __call__(self, sentence: Sequence[Clause]) -> str:
        """``sentence``: its clauses joined by "; ", capitalised, with a full stop."""
        if not sentence:
            return ""
        text = (
            self.clause(sentence[0]) if len(sentence) == 1 else "; ".join([self.clause(c) for c in sentence])
        )
        text = text[:1].upper() + text[1:]  # also when it opens with a name or an anonymous stand-in
        return text if text.endswith(".") else text + "."

    def clause(self, clause: Clause, nested: bool = False) -> str:
        """One clause in words; ``nested``: used inside another sentence, so not capitalised."""
        text, plain, quotes = self._texts.get(clause.key) or self._text(clause)
        values = dict(clause.values)
        for key, value in values.items():
            if value.__class__ is str:  # a name, an id: the most common value, kept
                continue
            if isinstance(value, Clause) and text.startswith("{" + key):
                values[key] = self.clause(value)  # a nested clause that opens the text keeps its capital
            else:
                values[key] = self.value(value)
        if quotes:  # a name in «…» with quotes of its own: „…“ inside them
            values = quote_names(text, values)
        # values in words hold no float (:meth:`value` wrote them out), so a plain template reads the
        # same filled by str.format_map as by the language's formatter
        out = text.format_map(values) if plain else _fill(text, values, self.t)
        if nested and not text.startswith("{"):
            out = out[:1].lower() + out[1:]  # a sentence used inside another one
        return out

    def value(self, value: Any) -> Any:
        """A value of a clause in words (numbers stay numbers, for the template's format spec)."""
        t = self.t
        if value.__class__ is str or isinstance(value, (bool, int)):
            return value
        if isinstance(value, float):
            return t.number(value)
        if isinstance(value, Chain):
            return " → ".join(value.names)
        if isinstance(value, Term):
            return term(_TERMS[value.vocabulary][value.value], t)
        if isinstance(value, Listing):
            items = [str(self.value(v)) for v in value.items]
            if value.style == "semicolon":
                return "; ".join(items)
            if value.style == "comma" or len(items) < 2:
                return ", ".join(items)
            return t.tr(_AND, items=", ".join(items[:-1]), last=items[-1])
        if isinstance(value, Clause):
            return self.clause(value, nested=True)
        return value

    def _text(self, clause: Clause) -> tuple[str, bool, bool]:
        """The clause's template in this language, True if it is plain (named fields, no format spec),
        and True if it puts a value in «…» quotes."""
        template = TEMPLATES[clause.key]
        if isinstance(template, tuple):
            text = self.t.ngettext(*template, clause.values.get("n", 0))
        else:
            text = self.t.gettext(template)
        plan = _compiled(text)
        form = text, plan is not None and not any(spec for _, _, spec in plan[1]), bool(quoted_fields(text))
        if not isinstance(template, tuple):
            self._texts[clause.key] = form
        return form


def render(sentence: Sequence[Clause], t: Translator) -> str:
    """A sentence in ``t``'s language: its clauses joined by "; ", capitalised, with a full stop.

    >>> from influence.i18n import translator
    >>> render((Clause("path.counter.none", {"target": "Анна"}),), translator("en"))
    'No ally of ours influences Анна.'
    """
    return renderer(t)(sentence)


@functools.lru_cache(maxsize=8)
def renderer(t: Translator) -> Renderer:
    """The :class:`Renderer` of ``t``, made once, so that each template is read once, not per sentence."""
    return Renderer(t)
