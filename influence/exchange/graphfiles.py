"""The influence graph for Gephi, yEd and Cytoscape: GraphML and GEXF.

Nodes are people, team members and competitors with the attributes
``kind``, ``name``, ``stance``, ``roles``, ``decision_maker`` and
``coverage`` (plus ``title`` and ``informal`` for people); edges carry
``type`` and ``strength``. Both formats want scalar attribute values: roles
are one ``;``-joined string and an unknown stance is left out, not null.
"""

from __future__ import annotations

import io
from typing import Any

import networkx as nx

from influence.analysis import Facts
from influence.analysis.facts import expect_account
from influence.errors import UsageError
from influence.graph import expect_flag, influence_graph
from influence.i18n import N_, translator
from influence.model import STRENGTH_WORDS, Account
from influence.redact import Redactor
from influence.unprintable import xml_text

__all__ = ["GRAPH_FORMATS", "TIE_WEIGHT", "export_graph", "graph_for_tools"]

GRAPH_FORMATS = ("graphml", "gexf")
# TRANSLATORS: the name of a private person's anonymous node in a redacted GraphML or GEXF file
ANONYMOUS_NAME = N_("Informal influencer")
PRIVATE_TIE = "tie"
#: the most a private tie weighs in GEXF (Gephi takes a missing weight as 1.0, the heaviest tie)
TIE_WEIGHT = STRENGTH_WORDS["weak"]
_GEXF_TYPE = "influence_edge_type"


def _scalars(attrs: dict[str, Any]) -> dict[str, Any]:
    """Attributes without absent values (GraphML and GEXF have no null)."""
    return {k: v for k, v in attrs.items() if v is not None and v != ""}


def _people(account: Account, facts: Facts, anon: Redactor, lang: str | None) -> dict[str, dict[str, Any]]:
    """Each person's node and attributes; a private one (when redacting) only as an anonymous node."""
    nodes: dict[str, dict[str, Any]] = {}
    anonymous = translator(lang).gettext(ANONYMOUS_NAME)
    for p in account.people:
        if p.id in anon.ids:
            nodes[p.id] = {"node": anon.ids[p.id], "kind": "person", "name": anonymous, "informal": True}
            continue
        attrs: dict[str, Any] = {
            "kind": "person",
            "name": p.name,
            "title": anon.text(p.title) if p.title else None,
            "stance": p.stance,
            "roles": ";".join(p.roles),
            "decision_maker": p.is_decision_maker,
            "buying_team": p.in_buying_team,
            "informal": p.informal,
            "coverage": round(facts.link(p.id).strength, 4),
        }
        nodes[p.id] = {"node": p.id, **_scalars(attrs)}
    return nodes


def _edges(account: Account, anon: Redactor, redact: bool) -> list[tuple[str, str, dict[str, Any]]]:
    """The edges to export: the graph's, or, when redacting, the public view's and the private ties.

    A redacted file has every edge of the public view with its type and
    strength, and a private tie (a private link, any tie of a private
    person) as type ``tie`` without a strength, both ways (the way a tie
    runs, one way or both, tells its type and a zero strength back), only
    between two nodes that no public edge joins: where a private link is
    stronger than a public one (the graph keeps the strongest of a pair),
    the public one is shown.
    """
    full = influence_graph(account)
    if not redact:
        return [(u, v, _public(data)) for u, v, data in sorted(full.edges(data=True))]
    public = influence_graph(account.public_view())
    edges = [(u, v, _public(data)) for u, v, data in sorted(public.edges(data=True))]
    drawn = set(public.edges)
    pairs = {
        (anon.id(u), anon.id(v))
        for u, v, data in full.edges(data=True)
        if data.get("private") or u in anon.ids or v in anon.ids
    }
    ties = pairs | {(v, u) for u, v in pairs}  # both ways: which way it runs would tell its type
    return edges + [(u, v, {"type": PRIVATE_TIE}) for u, v in sorted(ties - drawn)]


def _public(data: dict[str, Any]) -> dict[str, Any]:
    return {"type": data["type"], "strength": float(data["strength"])}


def graph_for_tools(account: Account, *, redact: bool = False, lang: str | None = None) -> nx.DiGraph:
    """The influence graph with scalar attributes only, ready for the networkx writers.

    Parameters
    ----------
    account : Account
    redact : bool
        Show ``private`` people as anonymous ``informal-N`` nodes with only
        ``kind``, the name "Informal influencer" (in ``lang``) and
        ``informal``, and private ties and every tie of a private person as
        type ``tie`` without a strength, as the redacted map draws them,
        where no public edge joins the same two nodes (that edge is kept,
        with its type and strength); a private person's name in another
        person's title is replaced, and the edges and each coverage are
        those of the public view
        (:meth:`~influence.model.Account.public_view`), as on the redacted
        map.
    lang : {"en", "ru"}, optional
        The language of the anonymous name (default English).

    Returns
    -------
    networkx.DiGraph

    Raises
    ------
    UsageError
        ``account`` is not an Account (a report: pass ``report.account``).

    Examples
    --------
    >>> from influence import load
    >>> g = graph_for_tools(load("examples/uralmet.yaml"))
    >>> g.nodes["olga"]["kind"], isinstance(g.nodes["ivanov"]["roles"], str)
    ('team', True)
    """
    expect_account(account, "graph_for_tools")
    redact = expect_flag(redact, "graph_for_tools", "redact")
    facts = Facts(account.public_view() if redact else account)  # no figure over a private tie
    anon = Redactor(account, active=redact)
    people = _people(account, facts, anon, lang)
    g: nx.DiGraph[str] = nx.DiGraph(name=account.name, account=account.id)
    for attrs in people.values():
        g.add_node(attrs["node"], **{k: v for k, v in attrs.items() if k != "node"})
    for t in account.team:
        role = anon.text(t.role) if t.role else None  # free text: it may name a private person
        g.add_node(t.id, **_scalars({"kind": "team", "name": t.name, "role": role}))
    for c in account.competitors:
        g.add_node(c.id, kind="competitor", name=c.name, incumbent=c.incumbent)
    g.add_edges_from(_edges(account, anon, redact))
    _xml_safe(g)
    return g


def _xml_safe(g: nx.DiGraph[str]) -> None:
    """Replace, in every text attribute, what XML cannot hold (a control character from a CRM export)."""
    records = [
        g.graph,
        *(data for _, data in g.nodes(data=True)),
        *(data for _, _, data in g.edges(data=True)),
    ]
    for attrs in records:
        for key, value in attrs.items():
            if isinstance(value, str):
                attrs[key] = xml_text(value)


def export_graph(account: Account, fmt: str, *, redact: bool = False, lang: str | None = None) -> bytes:
    """GraphML or GEXF bytes of the influence graph (see :func:`graph_for_tools`).

    In GEXF every edge also has a ``weight``, which Gephi's layouts read: its
    strength, and for a private ``tie`` the smallest weight of the file (that
    of its lightest edge, at most :data:`TIE_WEIGHT`), never one that tells
    how strong the tie is.

    Parameters
    ----------
    account : Account
    fmt : {"graphml", "gexf"}
    redact : bool
    lang : {"en", "ru"}, optional
        The language of a private person's anonymous name (default English).

    Raises
    ------
    UsageError
        ``account`` is not an Account (a file name: load it first), or
        ``fmt`` is not one of :data:`GRAPH_FORMATS`.

    Examples
    --------
    >>> from influence import load
    >>> export_graph(load("examples/uralmet.yaml"), "gexf")[:5]
    b'<?xml'
    """
    expect_account(account, "export_graph")
    expect_flag(redact, "export_graph", "redact")
    if fmt not in GRAPH_FORMATS:
        raise UsageError(f"unknown graph format {fmt!r}; expected one of {', '.join(GRAPH_FORMATS)}")
    g = graph_for_tools(account, redact=redact, lang=lang)
    buffer = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(g, buffer, encoding="utf-8", prettyprint=True)
        return buffer.getvalue()
    for _, data in g.nodes(data=True):
        data["label"] = data["name"]  # Gephi shows the label, not the id
    tie_weight = min(
        [TIE_WEIGHT, *(data["strength"] for _, _, data in g.edges(data=True) if "strength" in data)]
    )
    for _, _, data in g.edges(data=True):
        # GEXF's own edge "type" means directed/undirected: ours travels as an
        # attribute titled "type"; Gephi's layouts read "weight" (1.0 when missing)
        data[_GEXF_TYPE] = data.pop("type")
        data["weight"] = data.get("strength", tie_weight)
    nx.write_gexf(g, buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue().replace(f'title="{_GEXF_TYPE}"'.encode(), b'title="type"')
