"""The map's edges: structure, reporting lines, ties, our relationships, competitors, anti-influence paths.

Plan moves that would start a relationship are drawn as dashed "planned"
ties. Each edge is a vis-network edge dict plus ``kind``, ``tip`` (tooltip rows)
and ``strength`` (the influence edge's strength, shown on hover), drawn in
this order so that anti-influence paths lie on top. A step that several
anti-influence paths take is drawn once, its tooltip listing them strongest
first. A tie shows its own type and strength: two ties between the same two
people (a friendship and a family tie) are two edges, each with its own, not
the strongest of the pair's that the influence graph keeps. An anti-influence
step's strength is the graph's, of a redacted map the account's public view's
(:meth:`~influence.model.Account.public_view`): no private tie adds to it or
replaces it. Names in tooltips are
isolated (:func:`~influence.maps.nodes.isolated`): a route ``A → B → C`` of
right-to-left names still reads from A to C. On the team's own map a private
tie carries ``private: true`` (drawn with a padlock) and its tooltip says so
first (see :meth:`EdgeBuilder.private` for which ties are private).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

from influence.analysis import AntiPathRow, Report
from influence.graph import LINK_DEFAULTS, influence_graph
from influence.maps.nodes import Words, isolated, number, sentence_name, tip
from influence.maps.panel import Move
from influence.maps.style import EDGE_STYLES, strength_width
from influence.model import Account, Link
from influence.redact import Redactor

__all__ = ["BOW", "TIP_PATHS", "EdgeBuilder", "build_edges", "curve_parallel", "own_strength"]

#: the anti-influence paths a step's tooltip lists in full (the strongest); it counts the rest
TIP_PATHS = 4


def own_strength(link: Link) -> float | None:
    """The strength of ``link`` itself, from its source to its target (its type's default when it gives
    none; None when it gives no such edge), whatever other ties join the same two people.

    >>> own_strength(Link("anna", "ivan", "friend", strength=0.6)), own_strength(Link("anna", "ivan", "family"))
    (0.6, 0.9)
    """
    strength = link.strength if link.strength is not None else LINK_DEFAULTS[link.type][0]
    return strength if strength > 0 else None


class EdgeBuilder:
    """Collects edges with sequential ids (``e1``, ``e2``…) and private ends anonymised."""

    def __init__(self, account: Account, anon: Redactor, words: Words, redact: bool = False):
        self.account = account
        self.anon = anon
        self.words = words
        self.edges: list[dict[str, Any]] = []
        # a shared map's figures run over public ties only: the public view has no private tie at all
        self._graph: nx.DiGraph[str] = influence_graph(account.public_view() if redact else account)
        # what the team's own map marks private (a redacted map hides it instead: nothing to mark)
        self._private_people = set() if redact else {p.id for p in account.people if p.private}
        self._private_pairs = (
            set() if redact else {frozenset((x.source, x.target)) for x in account.links if x.private}
        )

    def name(self, node_id: str) -> str:
        """The name of a node for a tooltip: a private person's anonymised (when redacting), isolated."""
        return sentence_name(self.account, self.anon, node_id)

    def hidden(self, a: str, b: str) -> bool:
        """True for a tie of a private person (a redacted map shows it unlabeled)."""
        return bool({a, b} & self.anon.ids.keys())

    def private(self, a: str, b: str, own: bool = False) -> bool:
        """Whether a tie between ``a`` and ``b`` is marked private on the team's own map (never on a
        redacted map, which hides it instead).

        The rule: a tie is private when it is marked so itself (``own``: a
        private link) or when it is a tie of a private person, whatever its own
        mark. Such a tie is private in effect: a redacted map draws it as a plain
        grey line without its type, strength or tooltip, and a shared analysis
        leaves it out (:meth:`~influence.model.Account.public_view`), so the team
        must not tell it outside either. An anti-influence step is private when
        it joins a private person or two people a private link joins (its
        strength may be that tie's). A structure line (a private person in her
        unit) and a planned meeting are not ties and carry no mark: the person's
        node does.
        """
        return own or bool({a, b} & self._private_people)

    def strength(self, a: str, b: str) -> float | None:
        """The influence graph's strength of ``a -> b`` (None when there is no such edge): the strongest
        of the ties between the two, for an anti-influence step.

        A redacted map's graph is the public view's: a private tie parallel to a
        public one neither adds to nor replaces its strength.
        """
        data = self._graph.get_edge_data(a, b)
        return None if data is None else float(data.get("strength", 0.0))

    def add(
        self,
        kind: str,
        a: str,
        b: str,
        rows: list[tuple[str, Any]] | None = None,
        width: float | None = None,
        strength: float | None = None,
        private: bool = False,
    ) -> None:
        """Append one edge of a kind of :data:`~influence.maps.style.EDGE_STYLES`; a ``private`` one
        marked so, its tooltip saying it first."""
        style = dict(EDGE_STYLES[kind])
        if width is not None:
            style["width"] = width
        edge: dict[str, Any] = {
            "id": f"e{len(self.edges) + 1}",
            "from": self.anon.id(a),
            "to": self.anon.id(b),
            "kind": kind,
            "tip": tip(rows or [], self.words["decimal"]),
            **style,
        }
        if strength is not None:
            edge["strength"] = round(strength, 2)
            edge["tip"].append([self.words["tip_strength"], number(strength, self.words["decimal"])])
        if private:
            edge["private"] = True
            edge["tip"].insert(0, [self.words["tip_private_tie"], self.words["tip_private_note"]])
        self.edges.append(edge)

    def structure(self) -> None:
        """Organization and unit hierarchy, units to organizations, people to units."""
        for org in self.account.organizations:
            if org.parent:
                self.add("structure", org.id, org.parent)
        for unit in self.account.units:
            if unit.parent:
                self.add("structure", unit.id, unit.parent)
            if unit.organization:
                self.add("structure", unit.id, unit.organization)
        for p in self.account.people:
            if p.unit and p.id not in self.anon.ids:
                self.add("structure", p.id, p.unit)

    def links(self, redact: bool) -> None:
        """``reports_to`` shorthands and the links between people."""
        w, name = self.words, self.name
        for p in self.account.people:
            if not p.reports_to:
                continue
            if {p.id, p.reports_to} & set(self.anon.ids):
                self.add("private", p.id, p.reports_to)
            else:
                rows = [("", w["tip_reports"].format(source=name(p.id), target=name(p.reports_to)))]
                line = LINK_DEFAULTS["reports_to"][0]
                private = self.private(p.id, p.reports_to)
                self.add("reports_to", p.id, p.reports_to, rows, strength=line, private=private)
        for link in self.account.links:
            if redact and (link.private or {link.source, link.target} & set(self.anon.ids)):
                self.add("private", link.source, link.target)
                continue
            rows = [
                (w["tip_tie"], w[f"tie_{link.type}"]),
                (w["tip_from"], name(link.source)),
                (w["tip_to"], name(link.target)),
            ]
            strength = own_strength(link)
            private = self.private(link.source, link.target, link.private)
            if link.type == "reports_to":
                self.add("reports_to", link.source, link.target, rows, strength=strength, private=private)
            elif link.type == "influences":
                width = strength_width("influences", strength or 0.0)
                self.add(
                    "influences", link.source, link.target, rows, width, strength=strength, private=private
                )
            else:
                self.add("informal_tie", link.source, link.target, rows, strength=strength, private=private)

    def ties(self) -> None:
        """Our relationships and the competitors' ties (a private person's unlabeled, when redacting)."""
        w, name = self.words, self.name
        for r in self.account.relationships:
            if r.person in self.anon.ids:
                self.add("private", r.team, r.person)
                continue
            rows = [
                (w["tip_relationship"], f"{name(r.team)} → {name(r.person)}"),
                (w["tip_last_contact"], r.last_contact),
            ]
            width = strength_width("relationship", r.strength)
            private = self.private(r.team, r.person)
            self.add("relationship", r.team, r.person, rows, width, strength=r.strength, private=private)
        for c in self.account.competitors:
            for t in c.relationships:
                if t.person in self.anon.ids:
                    self.add("private", c.id, t.person)
                    continue
                rows = [(w["tip_competitor_tie"], f"{isolated(c.name)} → {name(t.person)}")]
                width = strength_width("competitor", t.strength)
                private = self.private(c.id, t.person)
                self.add("competitor", c.id, t.person, rows, width, strength=t.strength, private=private)

    def planned(self, moves: Iterable[Move]) -> None:
        """A dashed line for each relationship a plan move would start (a meeting not held yet)."""
        w = self.words
        for move in moves:
            # whether the member already has a tie to the person is read from the map's own graph (of a
            # redacted map, the public view's): what the map draws is explained by what it shows
            if move.kind != "meet" or self._graph.has_edge(move.team, move.person):
                continue
            rows = [(w["tip_planned"], w["move_label"].format(rank=move.rank))]
            strength = getattr(move, "strength_after", None)
            self.add("planned", move.team, move.person, rows, strength=strength)

    def anti_paths(self, report: Report) -> None:
        """Every step of the anti-influence paths, drawn thick red on top: one edge per step, its
        tooltip the step's strength, then the paths that take it, strongest first."""
        steps: dict[tuple[str, str], list[AntiPathRow]] = {}
        for row in sorted(report.paths, key=lambda r: -r.strength):  # stable: the report's order on a tie
            for a, b in zip(row.path, row.path[1:], strict=False):
                steps.setdefault((a, b), []).append(row)
        w = self.words
        for (a, b), rows in steps.items():
            # over a private person's tie (never in a public view's path) no strength: it would tell the tie's
            strength = None if self.hidden(a, b) else self.strength(a, b)
            tip_rows: list[tuple[str, Any]] = [(w["tip_strength"], strength)]
            for row in rows[:TIP_PATHS]:
                tip_rows += self._anti_rows(row)
            if len(rows) > TIP_PATHS:
                tip_rows.append((w["tip_more_paths"], str(len(rows) - TIP_PATHS)))
            self.add(
                "anti", a, b, tip_rows, private=self.private(a, b, frozenset((a, b)) in self._private_pairs)
            )
            if strength is not None:
                self.edges[-1]["strength"] = round(strength, 2)

    def _anti_rows(self, row: AntiPathRow) -> list[tuple[str, Any]]:
        """One anti-influence path's tooltip rows: its route, strength, counter and whether opposed."""
        w, name = self.words, self.name
        return [
            (w["tip_anti"], " → ".join(name(n) for n in row.path)),
            (w["tip_path_strength"], row.strength),
            (w["tip_counter"], name(row.counter) if row.counter else w["none"]),
            (w["tip_opposed"], w["yes" if row.opposed else "no"]),
        ]


def build_edges(
    account: Account,
    report: Report,
    anon: Redactor,
    words: Words,
    redact: bool,
    moves: Iterable[Move] = (),
) -> list[dict[str, Any]]:
    """Every edge of the map, anti-influence paths last; names of private people anonymised when redacting."""
    builder = EdgeBuilder(account, anon, words, redact)
    builder.structure()
    builder.links(redact)
    builder.ties()
    builder.planned(moves)
    builder.anti_paths(report)
    if redact:
        for edge in builder.edges:
            edge["tip"] = [[k, anon.text(v)] for k, v in edge["tip"]]
        builder.edges = neutral_private_order(builder.edges)
    curve_parallel(builder.edges)
    return builder.edges


def neutral_private_order(edges: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A redacted map's edges with its anonymous (``private``) ties told apart by nothing but their ends.

    Edges are built type by type (reporting lines, links, our relationships,
    competitor ties) in the file's order, and numbered so: an anonymous tie
    kept where it was built, or its number, would tell what it is (her
    reporting line) and where she is in the file. Here the anonymous ties come
    last, each drawn from the smaller of its two ids to the other (they have
    no arrow), sorted by those ids; every edge is numbered again in this order.

    >>> edges = [{"id": "e1", "from": "b", "to": "a", "kind": "private"},
    ...          {"id": "e2", "from": "x", "to": "y", "kind": "influences"}]
    >>> [(e["id"], e["from"], e["to"]) for e in neutral_private_order(edges)]
    [('e1', 'x', 'y'), ('e2', 'a', 'b')]
    """
    public = [e for e in edges if e["kind"] != "private"]
    private = [
        {**e, "from": min(e["from"], e["to"]), "to": max(e["from"], e["to"])}
        for e in edges
        if e["kind"] == "private"
    ]
    private.sort(key=lambda e: (e["from"], e["to"]))
    ordered = public + private
    for i, edge in enumerate(ordered, start=1):
        edge["id"] = f"e{i}"
    return ordered


#: how far each further tie between the same two nodes bows out (vis-network's ``roundness``)
BOW = 0.18


def curve_parallel(edges: list[dict[str, Any]]) -> None:
    """Bow the second and later edges between the same two nodes apart, so each can be seen and hovered.

    The first edge of a pair stays straight; the others bow out to either
    side in turn, each pair of them further (``BOW``, then twice that…). The
    side is taken along the pair's own direction (the smaller id first), so
    ``a→b`` and ``b→a`` never bow onto each other.

    >>> edges = [{"from": "a", "to": "b"}, {"from": "b", "to": "a"}, {"from": "a", "to": "b"}]
    >>> curve_parallel(edges)
    >>> [e.get("smooth") for e in edges]  # doctest: +NORMALIZE_WHITESPACE
    [None, {'enabled': True, 'type': 'curvedCCW', 'roundness': 0.18},
     {'enabled': True, 'type': 'curvedCCW', 'roundness': 0.18}]
    """
    seen: dict[tuple[str, str], int] = {}
    for edge in edges:
        a, b = edge["from"], edge["to"]
        pair = (a, b) if a <= b else (b, a)
        k = seen[pair] = seen.get(pair, -1) + 1
        if k == 0:
            continue
        clockwise = (k % 2 == 1) == (a <= b)  # odd ones to one side of the pair, even ones to the other
        edge["smooth"] = {
            "enabled": True,
            "type": "curvedCW" if clockwise else "curvedCCW",
            "roundness": round(BOW * ((k + 1) // 2), 2),
        }
