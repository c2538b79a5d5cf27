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
from influence.errors import UsageError
from influence.graph import influence_graph
from influence.model import Account
from influence.redact import Redactor
from influence.unprintable import xml_text

__all__ = ["GRAPH_FORMATS", "export_graph", "graph_for_tools"]

GRAPH_FORMATS = ("graphml", "gexf")
ANONYMOUS_NAME = "informal influencer"
PRIVATE_TIE = "tie"
_GEXF_TYPE = "influence_edge_type"


def _scalars(attrs: dict[str, Any]) -> dict[str, Any]:
    """Attributes without absent values (GraphML and GEXF have no null)."""
    return {k: v for k, v in attrs.items() if v is not None and v != ""}


def _people(account: Account, facts: Facts, anon: Redactor) -> dict[str, dict[str, Any]]:
    """Each person's node and attributes; a private one (when redacting) only as an anonymous node."""
    nodes: dict[str, dict[str, Any]] = {}
    for p in account.people:
        if p.id in anon.ids:
            nodes[p.id] = {"node": anon.ids[p.id], "kind": "person", "name": ANONYMOUS_NAME, "informal": True}
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


def graph_for_tools(account: Account, *, redact: bool = False) -> nx.DiGraph:
    """The influence graph with scalar attributes only, ready for the networkx writers.

    Parameters
    ----------
    account : Account
    redact : bool
        Show ``private`` people as anonymous ``informal-N`` nodes named
        "informal influencer" (no other attribute), and private ties and
        every tie of a private person as type ``tie`` without a strength,
        as the redacted map draws them; a private person's name in another
        person's title is replaced, and each coverage is that of the public
        view (:meth:`~influence.model.Account.public_view`), as on the
        redacted map.

    Returns
    -------
    networkx.DiGraph

    Examples
    --------
    >>> from influence import load
    >>> g = graph_for_tools(load("examples/uralmet.yaml"))
    >>> g.nodes["olga"]["kind"], isinstance(g.nodes["ivanov"]["roles"], str)
    ('team', True)
    """
    facts = Facts(account.public_view() if redact else account)  # no figure over a private tie
    anon = Redactor(account, active=redact)
    people = _people(account, facts, anon)
    name_of = {key: value["node"] for key, value in people.items()}
    g: nx.DiGraph[str] = nx.DiGraph(name=account.name, account=account.id)
    for attrs in people.values():
        g.add_node(attrs["node"], **{k: v for k, v in attrs.items() if k != "node"})
    for t in account.team:
        g.add_node(t.id, **_scalars({"kind": "team", "name": t.name, "role": t.role}))
    for c in account.competitors:
        g.add_node(c.id, kind="competitor", name=c.name, incumbent=c.incumbent)
    for u, v, data in sorted(influence_graph(account).edges(data=True)):
        if redact and (data.get("private") or u in anon.ids or v in anon.ids):
            g.add_edge(name_of.get(u, u), name_of.get(v, v), type=PRIVATE_TIE)
        else:
            g.add_edge(u, v, type=data["type"], strength=float(data["strength"]))
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


def export_graph(account: Account, fmt: str, *, redact: bool = False) -> bytes:
    """GraphML or GEXF bytes of the influence graph (see :func:`graph_for_tools`).

    Parameters
    ----------
    account : Account
    fmt : {"graphml", "gexf"}
    redact : bool

    Raises
    ------
    UsageError
        ``fmt`` is not one of :data:`GRAPH_FORMATS`.

    Examples
    --------
    >>> from influence import load
    >>> export_graph(load("examples/uralmet.yaml"), "gexf")[:5]
    b'<?xml'
    """
    if fmt not in GRAPH_FORMATS:
        raise UsageError(f"unknown graph format {fmt!r}; expected one of {', '.join(GRAPH_FORMATS)}")
    g = graph_for_tools(account, redact=redact)
    buffer = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(g, buffer, encoding="utf-8", prettyprint=True)
        return buffer.getvalue()
    for _, data in g.nodes(data=True):
        data["label"] = data["name"]  # Gephi shows the label, not the id
    for _, _, data in g.edges(data=True):
        # GEXF's own edge "type" means directed/undirected: ours travels as an
        # attribute titled "type"; Gephi's layouts read "weight"
        data[_GEXF_TYPE] = data.pop("type")
        if "strength" in data:
            data["weight"] = data["strength"]
    nx.write_gexf(g, buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue().replace(f'title="{_GEXF_TYPE}"'.encode(), b'title="type"')
