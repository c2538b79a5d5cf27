"""The map's nodes: people, our team, competitors, organizations and units.

Each node is a vis-network node dict plus the map's own fields: ``kind``,
``tip`` (tooltip rows ``[label, text]``, shown through ``textContent``),
``focus`` (shown in the buying-team view), ``badges``, ``change`` and
``name`` (the whole name, when the label is cut: see
:func:`~influence.maps.style.label_text`). Node ids are the account's own
ids; a private person in a redacted map gets an anonymous id instead. On
the team's own map a private person's node carries ``private: true`` (drawn
with a padlock, :data:`~influence.maps.style.PRIVATE_MARK`) and her tooltip
says so first; a redacted map has no such mark (she is anonymous there).

Names reach the map without bidirectional embeddings, overrides and isolates
(:func:`plain`): typed into a name, they would reorder the text around it.
Where a name sits inside a sentence, it is wrapped in an isolate of its own
(:func:`isolated`) so that a right-to-left name keeps the sentence in order.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from influence.analysis import Facts, Report
from influence.maps.layout import Box
from influence.maps.style import (
    COMPETITOR_COLORS,
    COMPETITOR_SIZE,
    CONTEXT_OPACITY,
    INFORMAL_BORDER_WIDTH,
    INFORMAL_DASHES,
    LABEL_GAP,
    LABEL_LINE_HEIGHT,
    NODE_BORDER_WIDTH,
    NODE_BORDER_WIDTH_SELECTED,
    ORG_FONT_SIZE,
    PERSON_FONT_SIZE,
    PRIVATE_SIZE,
    STANCE_COLORS,
    STRUCTURE_COLORS,
    TEAM_COLORS,
    UNIT_FONT_SIZE,
    label_text,
    label_width,
    node_color,
    node_size,
)
from influence.model import Account, Person
from influence.redact import Redactor

__all__ = [
    "FSI",
    "PDI",
    "Words",
    "badges_of",
    "build_nodes",
    "isolated",
    "named",
    "node_box",
    "number",
    "plain",
    "sentence_name",
    "tip",
]

Words = Mapping[str, str]
#: a box node's padding around its label (vis-network's default margin)
BOX_MARGIN = 5.0
#: explicit embeddings and overrides (U+202A-U+202E) and isolates (U+2066-U+2069)
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
#: FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE, around a name inside a sentence
FSI, PDI = "\u2068", "\u2069"


def plain(text: str) -> str:
    """``text`` without bidirectional embeddings, overrides and isolates.

    >>> plain("Ivan \u202eRLO")
    'Ivan RLO'
    """
    return BIDI_CONTROLS.sub("", text)


def isolated(name: str) -> str:
    """A name for a sentence: :func:`plain`, between FSI and PDI (the page shows it in a ``<bdi>``).

    >>> isolated("Ivan \u202eRLO") == "\u2068Ivan RLO\u2069"
    True
    """
    return f"{FSI}{plain(name)}{PDI}"


def named(node: dict[str, Any], name: str) -> dict[str, Any]:
    """``node`` labelled with ``name`` (cut when long; then the whole name kept in ``name``)."""
    name = plain(name)
    node["label"] = label_text(name)
    if node["label"] != name:
        node["name"] = name
    return node


def _plain_rows(rows: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    """Tooltip rows with :func:`plain` applied to every text value (lists too)."""
    out: list[tuple[str, Any]] = []
    for key, value in rows:
        if isinstance(value, str):
            value = plain(value)
        elif isinstance(value, (list, tuple)):
            value = [plain(v) if isinstance(v, str) else v for v in value]
        out.append((key, value))
    return out


def number(value: float, decimal: str, spec: str = ".2f") -> str:
    """``value`` formatted by ``spec`` with the map's decimal separator (``words["decimal"]``).

    >>> number(0.5, ","), number(51.5, ",", "g")
    ('0,50', '51,5')
    """
    return format(value, spec).replace(".", decimal)


def sentence_name(account: Account, anon: Redactor, node_id: str) -> str:
    """A node's name inside a sentence: a private person's anonymised (when redacting), :func:`isolated`."""
    return isolated(anon.text(account.display_name(node_id)))


def tip(rows: list[tuple[str, Any]], decimal: str = ".") -> list[list[str]]:
    """Tooltip rows without empty values; lists joined, floats to two decimals.

    >>> tip([("Name", "Ivan"), ("Pains", ["a", "b"]), ("Access", 0.5), ("Notes", None)])
    [['Name', 'Ivan'], ['Pains', 'a, b'], ['Access', '0.50']]
    """
    out = []
    for key, value in rows:
        if value is None or value == () or value == []:
            continue
        if isinstance(value, (list, tuple)):
            value = ", ".join(str(v) for v in value)
        elif isinstance(value, float):
            value = number(value, decimal)
        out.append([key, str(value)])
    return out


def stance_word(stance: int | None, words: Words) -> str:
    """The stance in words (``unknown`` when absent)."""
    return words["unknown"] if stance is None else words[f"stance_{stance}"]


def badges_of(account: Account, report: Report) -> dict[str, list[str]]:
    """People who carry a badge: confirmed sponsors (``sponsor``) and coaches (``coach``)."""
    out: dict[str, list[str]] = {}
    for row in report.sponsors:
        if row.sponsor_class == "sponsor":
            out.setdefault(row.person, []).append("sponsor")
    for p in account.people:
        if "coach" in p.roles:
            out.setdefault(p.id, []).append("coach")
    return out


def _person_tip(
    p: Person, account: Account, report: Report, anon: Redactor, redact: bool, words: Words
) -> list[list[str]]:
    """A person's tooltip; a private person's name in the texts of a redacted one is replaced."""
    facts: Facts = report.searches()
    text = anon.text
    coverage = next((r for r in report.coverage if r.person == p.id), None)
    unit = account.unit_by_id.get(p.unit) if p.unit else None
    yes_no = {True: words["yes"], False: words["no"]}
    rows: list[tuple[str, Any]] = [
        (words["tip_name"], p.name),
        (words["tip_title"], text(p.title) if p.title else None),
        (words["tip_unit"], text(unit.name) if unit else None),
        (words["tip_roles"], [words[f"role_{r}"] for r in p.roles] or words["none_recorded"]),
        (words["tip_stance"], stance_word(p.stance, words)),
        (words["tip_awareness"], words[f"awareness_{p.awareness}"] if p.awareness else words["unknown"]),
        (words["tip_pains"], [text(pain) for pain in p.known_pains] or words["unknown"]),
        (words["tip_offer"], text(p.known_offer) if p.known_offer else None),
        (words["tip_informal"], words["informal_yes"] if p.informal else None),
        (words["tip_buying_team"], yes_no[True] if p.in_buying_team else words["buying_team_no"]),
        (words["tip_access"], facts.access.get(p.id, 0.0)),
        (words["tip_link"], facts.team_ally.strength(p.id)),
    ]
    if coverage is not None:
        rows += [
            (
                words["tip_coverage"],
                words["status_" + coverage.status].format(
                    coverage=number(coverage.coverage, words["decimal"])
                ),
            ),
            (words["tip_threads"], coverage.threads),
            (words["tip_pressure"], coverage.pressure),
        ]
    if not redact:
        rows += [(words["tip_email"], p.email), (words["tip_phone"], p.phone), (words["tip_notes"], p.notes)]
    return tip(_plain_rows(rows), words["decimal"])


def _person(
    p: Person, account: Account, report: Report, anon: Redactor, redact: bool, words: Words
) -> dict[str, Any]:
    fill, border = STANCE_COLORS[p.stance]
    dm = p.is_decision_maker
    node: dict[str, Any] = {
        "id": p.id,
        "shape": "diamond" if dm else "dot",
        "color": node_color(fill, border, "person"),
        "borderWidth": INFORMAL_BORDER_WIDTH if p.informal else NODE_BORDER_WIDTH,
        "borderWidthSelected": NODE_BORDER_WIDTH_SELECTED,
        "size": node_size(report.searches().access.get(p.id, 0.0)),
        "kind": "decision_maker" if dm else ("person" if p.in_buying_team else "context"),
        "tip": _person_tip(p, account, report, anon, redact, words),
    }
    if p.informal:
        node["shapeProperties"] = {"borderDashes": INFORMAL_DASHES}
    if not p.in_buying_team:
        node["opacity"] = CONTEXT_OPACITY
    return named(node, p.name)


def _private(anon_id: str, words: Words) -> dict[str, Any]:
    fill, border = STANCE_COLORS[None]
    return {
        "id": anon_id,
        "label": words["informal_influencer"],
        "shape": "dot",
        "size": PRIVATE_SIZE,
        "kind": "private",
        "borderWidth": INFORMAL_BORDER_WIDTH,
        "borderWidthSelected": NODE_BORDER_WIDTH_SELECTED,
        "shapeProperties": {"borderDashes": INFORMAL_DASHES},
        "color": node_color(fill, border, "person"),
        "tip": [["", words["informal_influencer"]]],
    }


def _structure_box(
    kind: str, ident: str, label: str, size: int, rows: list[tuple[str, Any]]
) -> dict[str, Any]:
    """An organization's or a unit's box (``kind``: a key of :data:`STRUCTURE_COLORS`)."""
    fill, border, text = STRUCTURE_COLORS[kind]
    node = {
        "id": ident,
        "kind": kind,
        "shape": "box",
        "color": node_color(fill, border, kind),
        "borderWidthSelected": NODE_BORDER_WIDTH_SELECTED,
        "font": {"color": text, "size": size, "strokeWidth": 0},
        "tip": tip(_plain_rows(rows)),
    }
    return named(node, label)


def _structure(account: Account, words: Words) -> list[dict[str, Any]]:
    out = []
    for org in account.organizations:
        ownership = f"{number(org.ownership, words['decimal'], 'g')}%" if org.ownership is not None else None
        kind = words[f"org_kind_{org.kind}"] if org.kind else None
        rows = [
            (words["tip_organization"], org.name),
            (words["tip_kind"], kind),
            (words["tip_ownership"], ownership),
        ]
        out.append(_structure_box("organization", org.id, org.name, ORG_FONT_SIZE, rows))
    for unit in account.units:
        out.append(
            _structure_box("unit", unit.id, unit.name, UNIT_FONT_SIZE, [(words["tip_unit"], unit.name)])
        )
    return out


def _sides(account: Account, anon: Redactor, words: Words) -> list[dict[str, Any]]:
    """Our team and the competitors; a team member's role is free text, redacted as any other."""
    out: list[dict[str, Any]] = []
    for t in account.team:
        team = {
            "id": t.id,
            "shape": "box",
            "kind": "team",
            "color": node_color(*TEAM_COLORS, "team"),
            "borderWidthSelected": NODE_BORDER_WIDTH_SELECTED,
            "font": {"color": "#ffffff", "strokeWidth": 0},
            "tip": tip(
                _plain_rows(
                    [
                        (words["tip_our_team"], t.name),
                        (words["tip_role"], anon.text(t.role) if t.role else t.role),
                    ]
                ),
                words["decimal"],
            ),
        }
        out.append(named(team, t.name))
    for c in account.competitors:
        rows = [
            (words["tip_competitor"], c.name),
            (words["tip_incumbent"], words["yes" if c.incumbent else "no"]),
        ]
        competitor = {
            "id": c.id,
            "shape": "triangle",
            "kind": "competitor",
            "size": COMPETITOR_SIZE,
            "color": node_color(*COMPETITOR_COLORS, "competitor"),
            "borderWidthSelected": NODE_BORDER_WIDTH_SELECTED,
            "tip": tip(_plain_rows(rows), words["decimal"]),
        }
        out.append(named(competitor, c.name))
    return out


def build_nodes(
    account: Account, report: Report, anon: Redactor, words: Words, redact: bool
) -> list[dict[str, Any]]:
    """Every node of the map, without positions: structure, people, our team, competitors, and
    a redacted map's anonymous people last, by their anonymous ids (not where the file lists them).

    Badges (confirmed sponsor, coach) are set on the people who carry them,
    never on a private person of a redacted map. A private person of the
    team's own map is marked ``private`` (see the module's docstring).
    """
    badges = badges_of(account, report)
    nodes = _structure(account, words)
    for p in account.people:
        if p.id in anon.ids:
            continue
        node = _person(p, account, report, anon, redact, words)
        if p.private:  # the team's own map (a redacted one draws her anonymous, below)
            node["private"] = True
            node["tip"].insert(0, [words["tip_private_person"], words["tip_private_note"]])
        if p.id in badges:
            node["badges"] = badges[p.id]
            if "sponsor" in badges[p.id]:
                node["tip"].append([words["tip_sponsor"], words["tip_sponsor_confirmed"]])
        nodes.append(node)
    hidden = [_private(anon_id, words) for anon_id in sorted(anon.ids.values(), key=lambda i: (len(i), i))]
    return nodes + _sides(account, anon, words) + hidden


def node_box(node: Mapping[str, Any]) -> Box:
    """The room a node takes on the canvas with its label (an upper estimate)."""
    font = node.get("font", {}).get("size", PERSON_FONT_SIZE)
    text = str(node.get("label", ""))
    width = label_width(text, font)
    line = font * LABEL_LINE_HEIGHT
    if node.get("shape") == "box":
        half = width / 2 + BOX_MARGIN + 2
        return Box(half, line / 2 + BOX_MARGIN + 2, line / 2 + BOX_MARGIN + 2)
    size = float(node.get("size", 25))
    return Box(max(width / 2, size) + 2, size + 2, size + LABEL_GAP + line)
