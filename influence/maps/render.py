"""The interactive influence map: one self-contained HTML file.

Nodes and edges are assembled with pyvis, positioned up front by
:mod:`influence.maps.layout` (physics off), and written into the project's
own template with vis-network's JavaScript and CSS inlined from pyvis's
package: the page makes no request outside itself. Every piece of user text
travels as JSON data and reaches the page through ``textContent``, never as
HTML.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from pyvis.network import Network

from influence.analysis import Facts, Report, analyze
from influence.graph import influence_graph
from influence.maps.layout import layout
from influence.model import STANCE_LABELS, Account, Person
from influence.redact import Redactor
from influence.store.files import atomic_write

__all__ = ["STANCE_COLORS", "InfluenceMap", "render_map"]

STANCE_COLORS = {
    2: ("#1b5e20", "#0d3d12"),  # champion: dark green
    1: ("#66bb6a", "#2e7d32"),  # supporter: green
    0: ("#bdbdbd", "#757575"),  # neutral: grey
    -1: ("#ffa726", "#e65100"),  # skeptic: orange
    -2: ("#e53935", "#b71c1c"),  # opponent: red
    None: ("#ffffff", "#9e9e9e"),  # unknown: white, grey border
}
EDGE_STYLES: dict[str, dict[str, Any]] = {
    "reports_to": {"color": "#9e9e9e", "width": 1, "dashes": False, "arrows": "to"},
    "influences": {"color": "#455a64", "dashes": False, "arrows": "to"},
    "informal_tie": {"color": "#8e24aa", "width": 2, "dashes": [6, 4], "arrows": ""},
    "relationship": {"color": "#1e88e5", "dashes": False, "arrows": "to"},
    "competitor": {"color": "#8b0000", "dashes": [8, 4], "arrows": "to"},
    "structure": {"color": "#e0e0e0", "width": 1, "dashes": [2, 4], "arrows": ""},
    "private": {"color": "#b0b0b0", "width": 1, "dashes": [4, 4], "arrows": ""},
    "anti": {"color": "#d50000", "width": 6, "dashes": False, "arrows": "to"},
}
INFORMAL_TYPES = {"family", "friend", "former_colleague", "informal"}
_TEMPLATE_DIR = Path(__file__).parent


def _vis_assets() -> tuple[str, str]:
    lib = resources.files("pyvis") / "lib" / "vis-9.1.2"
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    return js.replace("</script", "<\\/script"), css.replace("</style", "<\\/style")


def _json_for_script(value: Any) -> str:
    """JSON that is safe inside a <script> element (no '<', '>', '&' or line separators)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, escaped)
    return text


class _NodeIds(list):
    """pyvis keeps node ids in a list and checks membership on every add_node and
    add_edge, O(nodes) each; this list answers ``in`` from a set instead."""

    def __init__(self) -> None:
        super().__init__()
        self._index: set[Any] = set()

    def append(self, item: Any) -> None:
        self._index.add(item)
        super().append(item)

    def __contains__(self, item: object) -> bool:
        return item in self._index


@dataclass
class InfluenceMap:
    """A rendered map: the HTML text, with helpers to save or show it.

    Attributes
    ----------
    html : str
        The whole self-contained page.
    account : str
        Account id.
    nodes, edges : int
        How many the network holds.
    """

    html: str
    account: str
    nodes: int
    edges: int

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the page atomically; returns the path."""
        atomic_write(path, self.html)
        return Path(path)

    def _repr_html_(self) -> str:
        """Inline display in Jupyter (the page in a sandboxed iframe)."""
        return (
            f'<iframe srcdoc="{html.escape(self.html, quote=True)}" '
            'style="width:100%;height:720px;border:1px solid #ddd" sandbox="allow-scripts"></iframe>'
        )


def _tip(rows: list[tuple[str, Any]]) -> list[list[str]]:
    out = []
    for key, value in rows:
        if value is None or value == () or value == []:
            continue
        if isinstance(value, (list, tuple)):
            value = ", ".join(str(v) for v in value)
        elif isinstance(value, float):
            value = f"{value:.2f}"
        out.append([key, str(value)])
    return out


def _person_node(p: Person, account: Account, facts: Facts, report: Report, redact: bool) -> dict[str, Any]:
    access = facts.access.get(p.id, 0.0)
    fill, border = STANCE_COLORS[p.stance]
    dm = p.is_decision_maker
    node: dict[str, Any] = {
        "shape": "diamond" if dm else "dot",
        "color": {
            "background": fill,
            "border": border,
            "highlight": {"background": fill, "border": "#000000"},
        },
        "borderWidth": 3 if p.informal else 2,
        "size": round(12 + 22 * access, 1),
        "kind": "decision_maker" if dm else ("person" if p.in_buying_team else "context"),
    }
    if p.informal:
        node["shapeProperties"] = {"borderDashes": [5, 4]}
    if not p.in_buying_team:
        node["opacity"] = 0.55
    coverage = next((r for r in report.coverage if r.person == p.id), None)
    unit = account.unit_by_id.get(p.unit) if p.unit else None
    rows: list[tuple[str, Any]] = [
        ("Name", p.name),
        ("Title", p.title),
        ("Unit", unit.name if unit else None),
        ("Roles", [r.replace("_", " ") for r in p.roles] or "none recorded"),
        ("Stance", STANCE_LABELS.get(p.stance, "unknown") if p.stance is not None else "unknown"),
        ("Awareness", p.awareness or "unknown"),
        ("Pains", list(p.pains) or "unknown"),
        ("Offer", p.offer),
        ("Informal", "yes (not on the org chart)" if p.informal else None),
        ("Buying team", "yes" if p.in_buying_team else "no (context)"),
        ("Access", access),
        ("Link to our team", facts.link(p.id).strength),
    ]
    if coverage is not None:
        rows += [
            ("Coverage", f"{coverage.coverage:.2f} ({coverage.status})"),
            ("Threads", coverage.threads),
            ("Competitor pressure", coverage.pressure),
        ]
    if not redact:
        rows += [("Email", p.email), ("Phone", p.phone), ("Notes", p.notes)]
    node["tip"] = _tip(rows)
    return node


def _finding_people(f: Any, people: set[str]) -> list[str]:
    found: list[str] = []
    ev = f.evidence
    candidates = [f.subject, ev.get("source"), ev.get("counter"), ev.get("competitor")]
    for key in ("path", "competitor_path"):
        candidates += list(ev.get(key) or [])
    for c in candidates:
        if isinstance(c, str) and c in people and c not in found:
            found.append(c)
    return found


def render_map(
    account: Account,
    as_of: dt.date | str | None = None,
    *,
    redact: bool = False,
    report: Report | None = None,
    changes: Mapping[Any, str] | None = None,
) -> InfluenceMap:
    """Render the influence map of an account.

    Parameters
    ----------
    account : Account
    as_of : date or str, optional
        Analysis date for the findings panel (default today).
    redact : bool
        Drop email, phone and notes; show private people and links only as
        an anonymous "informal influencer" and an unlabeled tie.
    report : Report, optional
        An analysis already run for this account and date.
    changes : mapping, optional
        What is new or changed since an earlier version: node id ->
        ``"new"`` | ``"changed"`` and edge ``(from, to)`` -> the same (see
        :meth:`influence.diff.Diff.node_changes`). Marked nodes get a
        ``[new]``/``[changed]`` label suffix, edges a label; never on private
        people when redacting.

    Returns
    -------
    InfluenceMap

    Notes
    -----
    Linear in people, links and relationships, plus the analysis and a
    spring layout of the focus (buying team, our team, competitors, path
    members), capped at a few hundred nodes.
    """
    report = report or analyze(account, as_of)
    facts = report.searches()
    anon = Redactor(account, redact)
    private_people = set(anon.ids)
    focus: set[str] = {p.id for p in account.buying_team} | {t.id for t in account.team}
    focus |= {c.id for c in account.competitors}
    for row in report.paths:
        focus.update(row.path)
    for cov in report.coverage:
        focus.update(cov.path)
    positions = layout(account, focus)

    net = Network(directed=True)
    net.node_ids = _NodeIds()

    marks = {
        k: v
        for k, v in (changes or {}).items()
        if not (set(k if isinstance(k, tuple) else [k]) & private_people)
    }

    def place(node: str, shown_as: str | None = None, **attrs: Any) -> None:
        x, y = positions.get(node, (0.0, 0.0))
        if node in marks:
            attrs.update(
                change=marks[node], label=f"{attrs.get('label', node)} [{marks[node]}]", borderWidth=4
            )
        net.add_node(shown_as or node, x=x, y=y, physics=False, **attrs)

    dim: dict[str, Any] = {"shape": "box", "opacity": 0.6}
    for org in account.organizations:
        ownership = f"{org.ownership:g}%" if org.ownership is not None else None
        place(
            f"org:{org.id}",
            label=org.name,
            kind="organization",
            **dim,
            color={"background": "#f5f5f5", "border": "#cfcfcf"},
            font={"color": "#9e9e9e"},
            tip=_tip([("Organization", org.name), ("Kind", org.kind), ("Ownership", ownership)]),
        )
    for unit in account.units:
        place(
            f"unit:{unit.id}",
            label=unit.name,
            kind="unit",
            **dim,
            color={"background": "#fafafa", "border": "#e0e0e0"},
            font={"color": "#9e9e9e", "size": 11},
            tip=_tip([("Unit", unit.name)]),
        )
    for p in account.people:
        if p.id in private_people:
            fill, border = STANCE_COLORS[None]
            place(
                p.id,
                anon.id(p.id),
                label="Informal influencer",
                shape="dot",
                size=14,
                kind="private",
                borderWidth=3,
                shapeProperties={"borderDashes": [5, 4]},
                color={"background": fill, "border": border},
                tip=[["", "Informal influencer"]],
            )
        else:
            place(p.id, label=p.name, **_person_node(p, account, facts, report, redact))
    team_ids = {t.id for t in account.team}
    for t in account.team:
        place(
            t.id,
            label=t.name,
            shape="box",
            kind="team",
            color={"background": "#1e88e5", "border": "#0d47a1"},
            font={"color": "#ffffff"},
            tip=_tip([("Our team", t.name), ("Role", t.role)]),
        )
    for c in account.competitors:
        place(
            c.id,
            label=c.name,
            shape="triangle",
            kind="competitor",
            size=18,
            color={"background": "#6d1b1b", "border": "#3e0a0a"},
            tip=_tip([("Competitor", c.name), ("Incumbent", "yes" if c.incumbent else "no")]),
        )

    name = account.display_name
    count = 0

    def edge(
        kind: str, a: str, b: str, tip: list[list[str]] | None = None, width: float | None = None
    ) -> None:
        nonlocal count
        style = dict(EDGE_STYLES[kind])
        if width is not None:
            style["width"] = width
        count += 1
        if (a, b) in marks:
            style.update(change=marks[(a, b)], label=marks[(a, b)])
        net.add_edge(anon.id(a), anon.id(b), id=f"e{count}", kind=kind, tip=tip or [], **style)

    for org in account.organizations:
        if org.parent:
            edge("structure", f"org:{org.id}", f"org:{org.parent}")
    for unit in account.units:
        if unit.parent:
            edge("structure", f"unit:{unit.id}", f"unit:{unit.parent}")
        if unit.organization:
            edge("structure", f"unit:{unit.id}", f"org:{unit.organization}")
    for p in account.people:
        if p.unit and p.id not in private_people:
            edge("structure", p.id, f"unit:{p.unit}")
        if p.reports_to:
            if {p.id, p.reports_to} & private_people:
                edge("private", p.id, p.reports_to)
            else:
                edge(
                    "reports_to",
                    p.id,
                    p.reports_to,
                    _tip([("", f"{name(p.id)} reports to {name(p.reports_to)}")]),
                )
    for link in account.links:
        if redact and (link.private or {link.source, link.target} & private_people):
            edge("private", link.source, link.target)
            continue
        strength = link.strength if link.strength is not None else None
        tip = _tip(
            [
                ("Tie", link.type.replace("_", " ")),
                ("From", name(link.source)),
                ("To", name(link.target)),
                (
                    "Strength",
                    influence_graph(account).get_edge_data(link.source, link.target, {}).get("strength"),
                ),
            ]
        )
        if link.type == "reports_to":
            edge("reports_to", link.source, link.target, tip)
        elif link.type == "influences":
            w = (
                influence_graph(account)
                .get_edge_data(link.source, link.target, {})
                .get("strength", strength or 0.6)
            )
            edge("influences", link.source, link.target, tip, width=round(1 + 5 * w, 1))
        else:
            edge("informal_tie", link.source, link.target, tip)
    for r in account.relationships:
        edge(
            "relationship",
            r.team,
            r.person,
            _tip(
                [
                    ("Our relationship", f"{name(r.team)} → {name(r.person)}"),
                    ("Strength", r.strength),
                    ("Last contact", r.last_contact),
                ]
            ),
            width=round(1 + 4 * r.strength, 1),
        )
    for c in account.competitors:
        for tie in c.relationships:
            edge(
                "competitor",
                c.id,
                tie.person,
                _tip([("Competitor tie", f"{c.name} → {name(tie.person)}"), ("Strength", tie.strength)]),
                width=round(1 + 3 * tie.strength, 1),
            )
    for row in report.paths:
        for a, b in zip(row.path, row.path[1:], strict=False):
            edge(
                "anti",
                a,
                b,
                _tip(
                    [
                        ("Anti-influence path", " → ".join(name(n) for n in row.path)),
                        ("Strength", row.strength),
                        ("Counter", name(row.counter) if row.counter else "none"),
                        ("Opposed", "yes" if row.opposed else "no"),
                    ]
                ),
            )

    nodes, edges, *_ = net.get_network_data()
    if redact:
        for e in edges:
            e["tip"] = [[k, anon.text(v)] for k, v in e["tip"]]
    people_ids = {p.id for p in account.people} | team_ids | {c.id for c in account.competitors}
    findings = [
        {
            "code": f.code,
            "subject": anon.id(f.subject),
            "message": anon.text(f.message),
            "recommendation": anon.text(f.recommendation),
            "people": [anon.id(x) for x in _finding_people(f, people_ids)],
        }
        for f in report.findings
        if f.severity == "high"
    ]
    data = {
        "account": {"id": account.id, "name": account.name},
        "as_of": report.as_of.isoformat(),
        "redacted": redact,
        "nodes": nodes,
        "edges": edges,
        "findings": findings,
        "summary": report.summary,
    }
    js, css = _vis_assets()
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(_TEMPLATE_DIR), autoescape=True, undefined=jinja2.StrictUndefined
    )
    page = env.get_template("template.html").render(
        title=f"Influence map: {account.name}",
        account_name=account.name,
        as_of=report.as_of.isoformat(),
        redacted=redact,
        vis_js=jinja2.utils.markupsafe.Markup(js),
        vis_css=jinja2.utils.markupsafe.Markup(css),
        data_json=jinja2.utils.markupsafe.Markup(_json_for_script(data)),
        stance_colors={
            STANCE_LABELS.get(k, "unknown") if k is not None else "unknown": v
            for k, v in STANCE_COLORS.items()
        },
        edge_styles=EDGE_STYLES,
    )
    return InfluenceMap(page, account.id, len(nodes), len(edges))
