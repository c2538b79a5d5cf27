"""What the side panel lists, each with the route it highlights on the map.

A *route* is ``{"nodes": [ids…], "pairs": [[from, to]…], "anti": [[from, to]…]}``:
the nodes to show, the consecutive pairs of ally and structural paths (our
relationships, reporting lines, ties: the page lights the ties between the two,
drawn either way, but no anti-influence edge) and the steps of anti-influence
paths (the page lights the anti-influence edge of that step, in its direction).
Findings take their route from their evidence (the anti-influence paths that
reach the target from each of its sources, the ally path, the competitor's
path) or, for an uncovered decision maker, from the structural route our team
has towards them; plan moves bring their own route.

Every name in the panel's sentences is isolated
(:func:`~influence.maps.nodes.isolated`): the page shows it in a ``<bdi>``,
so that a right-to-left name or a route of them keeps the sentence in order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from itertools import pairwise
from typing import Any, Protocol

from influence.analysis import Facts, Finding, Report
from influence.analysis.catalogue import FINDINGS, finding_title
from influence.errors import UsageError
from influence.i18n import translator
from influence.maps.nodes import Words, isolated, sentence_name
from influence.model import Account
from influence.redact import Redactor

__all__ = [
    "APPROACHED",
    "CHANGE_KINDS",
    "WAY_IN_TEMPLATE",
    "Move",
    "apply_changes",
    "finding_entries",
    "move_entries",
    "route",
    "subject_name",
]

CHANGE_KINDS = ("new", "changed")


class Move(Protocol):
    """A plan move as :mod:`influence.analysis.plan` returns it (only what the map reads)."""

    rank: int
    kind: str
    team: str
    person: str
    introducer: str | None
    gain: float
    route: tuple[str, ...]


def route(
    paths: Iterable[Sequence[str]],
    known: set[str],
    ids: Mapping[str, str],
    anti: Iterable[Sequence[str]] = (),
) -> dict[str, list[Any]]:
    """Nodes and consecutive pairs of some paths (and steps of anti-influence paths), keeping only
    nodes the map has, each pair once; the anti-influence paths' nodes come first.

    ``ids`` renames nodes (a redacted map's anonymous ids).

    >>> route([["a", "b", "c"], ["z", "c"]], {"a", "b", "c"}, {"b": "informal-1"})
    {'nodes': ['a', 'informal-1', 'c'], 'pairs': [['a', 'informal-1'], ['informal-1', 'c']], 'anti': []}
    >>> route([["a", "b"]], {"a", "b", "c"}, {}, anti=[["c", "a"]])
    {'nodes': ['c', 'a', 'b'], 'pairs': [['a', 'b']], 'anti': [['c', 'a']]}
    """
    nodes: list[str] = []
    out: dict[str, list[list[str]]] = {"pairs": [], "anti": []}
    for key, chosen in (("anti", anti), ("pairs", paths)):
        for path in chosen:
            for n in path:
                if n in known and ids.get(n, n) not in nodes:
                    nodes.append(ids.get(n, n))
            for a, b in pairwise(path):
                pair = [ids.get(a, a), ids.get(b, b)]
                if a in known and b in known and pair not in out[key]:
                    out[key].append(pair)
    return {"nodes": nodes, **out}


#: the template of a recommendation that names the team member who already knows the subject
WAY_IN_TEMPLATE = "approach.direct"
#: findings whose recommendation may name our way in to their subject (a direct contact): read from the
#: catalogue, so that a finding given that template is highlighted with it
APPROACHED = frozenset(code for code, entry in FINDINGS.items() if WAY_IN_TEMPLATE in entry.recommendation)


def _finding_paths(f: Finding, report: Report, known: set[str]) -> tuple[list[list[str]], list[list[str]]]:
    """A finding's ally and structural paths, and its anti-influence paths (see :func:`route`)."""
    ev = f.evidence
    keys = ("competitor_path",) if f.code == "anti-influence-path" else ("path", "competitor_path")
    paths = [list(ev[key]) for key in keys if isinstance(ev.get(key), list) and ev[key]]
    anti: list[list[str]] = []
    if f.code == "anti-influence-path":  # its path, and every source's path to the target
        listed = ev.get("sources")
        sources = set(listed) if isinstance(listed, list) else set()
        anti = [list(ev["path"])] if isinstance(ev.get("path"), list) else []
        anti += [list(r.path) for r in report.paths if r.target == f.subject and r.source in sources]
    if f.code in ("anti-influence-path", "competitor-ahead"):  # and our own ally route to the target
        paths += [list(r.path) for r in report.coverage if r.person == f.subject and r.path]
    facts = report.searches()
    if f.code in APPROACHED or f.code in ("anti-influence-path", "competitor-ahead"):
        for target in dict.fromkeys([f.subject, ev.get("source")]):  # the ways in its advice names
            way = _way_in(report.account, facts, target)
            if way and all(node in known for node in way):
                paths.append(way)
    if not paths and f.subject in known and f.code in ("decision-maker-uncovered", "not-connected"):
        reach = facts.route(f.subject).path
        if reach:
            paths.append(list(reach))
    singles = [
        f.subject,
        ev.get("source"),
        ev.get("counter"),
        ev.get("competitor"),
        *(ev.get("sources") or []),
    ]
    paths += [[s] for s in singles if isinstance(s, str) and s in known]
    return paths, anti


def _way_in(account: Account, facts: Facts, target: Any) -> list[str]:
    """The way in to ``target`` a recommendation names (see ``approach`` in the findings): the team
    member who knows them, else the introduction's route; none to a private person or a non-person."""
    person = account.person_by_id.get(target) if isinstance(target, str) else None
    if person is None or person.private:
        return []
    direct = facts.way_in(target)
    if direct is not None:
        return [direct[0], target]
    return list(facts.introduction(target).path)


def subject_name(account: Account, subject: str, words: Words | None = None, *, person: bool = True) -> str:
    """The name of a finding's subject: a person, team member, competitor, the account, an organization,
    a unit, or a role in ``words``; else the subject as it is. ``person=False``: the subject is not a
    person even when a person has that id (the account ``anna``, the role ``user``).

    >>> from influence.model import Account, AccountInfo
    >>> subject_name(Account(AccountInfo("acme", "Acme Corp")), "acme")
    'Acme Corp'
    """
    if person and (
        subject in account.person_by_id
        or subject in account.team_by_id
        or subject in account.competitor_by_id
    ):
        return account.display_name(subject)
    if subject == account.id:
        return account.name
    for table in (account.organization_by_id, account.unit_by_id):
        if subject in table:
            return table[subject].name
    return (words or {}).get(f"role_{subject}", subject)


def _said(f: Finding, anon: Redactor, lang: str | None) -> tuple[str, str]:
    """A finding's message and recommendation in ``lang``, every name in them anonymised when private, isolated."""
    text = anon.about(f.person)
    shown = f.redacted(lambda value: isolated(text(value)), lambda value: value, f.subject)
    message, recommendation = shown.text(lang)
    return text(message), text(recommendation)


def finding_entries(
    report: Report, anon: Redactor, known: set[str], lang: str | None = None, words: Words | None = None
) -> list[dict[str, Any]]:
    """The high findings, each with the route it highlights, their words in ``lang`` (default English).

    ``heading`` is the finding's title in ``lang`` (the card's heading; ``code`` stays the code),
    ``title`` names the subject (:func:`subject_name`; roles in ``words``), isolated.
    """
    t = translator(lang)
    out = []
    for f in report.findings:
        if f.severity != "high" or not anon.shares(f):
            continue
        message, recommendation = _said(f, anon, lang)
        paths, anti = _finding_paths(f, report, known)
        out.append(
            {
                "code": f.code,
                "heading": finding_title(f.code, t),
                "subject": anon.subject(f),
                "title": isolated(
                    anon.about(f.person)(
                        subject_name(report.account, f.subject, words, person=f.person is not None)
                    )
                ),
                "message": message,
                "recommendation": recommendation,
                "route": route(paths, known, anon.ids, anti),
            }
        )
    return out


def _code(resolved: Any) -> str:
    """The finding code of one entry of ``Move.resolves``: a ``(code, subject)`` pair or an object with ``code``."""
    return str(resolved[0] if isinstance(resolved, (tuple, list)) else resolved.code)


def _move_text(move: Move, account: Account, words: Words, anon: Redactor) -> str:
    def name(node_id: str) -> str:
        return sentence_name(account, anon, node_id)

    if move.kind == "strengthen":
        return words["move_strengthen"].format(team=name(move.team), person=name(move.person))
    if move.introducer:
        return words["move_meet_via"].format(
            team=name(move.team), person=name(move.person), introducer=name(move.introducer)
        )
    return words["move_meet"].format(team=name(move.team), person=name(move.person))


def move_entries(
    moves: Iterable[Move],
    account: Account,
    anon: Redactor,
    known: set[str],
    words: Words,
    lang: str | None = None,
) -> list[dict[str, Any]]:
    """The plan's moves, each with its text, gain (``lang``'s decimal separator), the titles of the
    findings it resolves (in ``lang``), route."""
    t = translator(lang)
    number = t.number
    out = []
    for move in moves:
        resolves = [finding_title(_code(r), t, in_text=True) for r in getattr(move, "resolves", ()) or ()]
        path = list(move.route) or [move.team, move.person]
        out.append(
            {
                "rank": move.rank,
                "kind": move.kind,
                "team": move.team,
                "person": anon.id(move.person),
                "text": anon.text(_move_text(move, account, words, anon)),
                "gain": words["move_gain"].format(gain=number(move.gain)),
                "resolves": words["move_resolves"].format(codes=", ".join(dict.fromkeys(resolves)))
                if resolves
                else "",
                "route": route([path], known, anon.ids),
            }
        )
    return out


def apply_changes(
    changes: Mapping[Any, str] | None,
    nodes: list[dict[str, Any]],
    edges: list[dict[str, Any]],
    anon: Redactor,
    words: Words,
) -> dict[str, list[Any]]:
    """Mark nodes and edges as ``new`` or ``changed``; returns the route of everything marked.

    ``changes`` maps a node id, or a ``(from, to)`` pair of a tie, to
    ``"new"`` or ``"changed"``. Ids the map does not hold (people removed
    since) are ignored, and so are private people, their ties and the
    private ties in a redacted map.

    Raises
    ------
    UsageError
        On a value other than ``new`` or ``changed`` (a :class:`ValueError` too).
    """
    marked: dict[str, list[Any]] = {"nodes": [], "pairs": []}
    if not changes:
        return marked
    if not isinstance(changes, Mapping):
        raise UsageError(
            f"changes must map a node id or a (from, to) pair to 'new' or 'changed', not a {type(changes).__name__}"
        )
    by_id = {n["id"]: n for n in nodes}
    by_pair: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for e in edges:  # a private tie of a redacted map shows nothing, a change neither
        if e["kind"] not in ("structure", "anti", "private"):
            by_pair.setdefault((e["from"], e["to"]), []).append(e)
    for key, value in changes.items():
        if value not in CHANGE_KINDS:
            raise UsageError(f"changes[{key!r}]: {value!r} is not one of {', '.join(CHANGE_KINDS)}")
        if set(key if isinstance(key, tuple) else [key]) & set(anon.ids):
            continue  # a redacted map says nothing about a private person, not even that they changed
        label = [words["tip_change"], words[f"mark_{value}"]]
        if isinstance(key, tuple):
            pair = (anon.id(key[0]), anon.id(key[1]))
            for e in by_pair.get(pair, []):
                e["change"] = value
                e["tip"].append(label)
                marked["pairs"].append(list(pair))
        elif anon.id(key) in by_id:
            node = by_id[anon.id(key)]
            node["change"] = value
            node["tip"].append(label)
            marked["nodes"].append(node["id"])
    return marked
