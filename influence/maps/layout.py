"""Positions for the influence map, computed in Python before the page opens.

The *focus* (buying team, our team, competitors and anyone on an
anti-influence or coverage path) is laid out with a seeded spring layout;
everyone else sits in a ring of clusters around it, one cluster per unit,
in a sunflower pattern. Units and organizations form a dimmed band above. Linear in the number of people apart from the spring layout of the
focus, which is capped at :data:`SPRING_LIMIT` nodes.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import networkx as nx

from influence.graph import influence_graph
from influence.model import Account

__all__ = ["SPRING_LIMIT", "layout"]

SPRING_LIMIT = 400
_GOLDEN = math.pi * (3 - math.sqrt(5))


def _sunflower(count: int, spacing: float) -> list[tuple[float, float]]:
    return [
        (
            spacing * math.sqrt(i + 0.5) * math.cos(i * _GOLDEN),
            spacing * math.sqrt(i + 0.5) * math.sin(i * _GOLDEN),
        )
        for i in range(count)
    ]


def layout(account: Account, focus: Iterable[str]) -> dict[str, tuple[float, float]]:
    """Node positions in pixels for people, team members, competitors, units and organizations.

    Parameters
    ----------
    account : Account
    focus : iterable of str
        Node ids to place in the middle with a spring layout.

    Returns
    -------
    dict
        ``{node id: (x, y)}``; structural nodes are keyed ``unit:ID`` and ``org:ID``.
    """
    graph = influence_graph(account)
    focus_ids = sorted(set(focus) & set(graph.nodes))
    focus_set = set(focus_ids)
    pos: dict[str, tuple[float, float]] = {}
    rest = [p for p in account.people if p.id not in focus_set]
    clusters: dict[str, list[str]] = {}
    for p in rest:
        clusters.setdefault(p.unit or "", []).append(p.id)
    order = sorted(clusters, key=lambda u: (account.unit_organization(u) or "", u))
    spacing = 28.0
    sizes = [spacing * math.sqrt(len(clusters[u])) + 40 for u in order]
    radius = 120 * math.sqrt(len(focus_ids)) + 150
    ring = max(radius + 250, sum(2 * s for s in sizes) / (2 * math.pi))
    radius = max(radius, 0.6 * ring) if rest else radius
    if focus_ids:
        if len(focus_ids) <= SPRING_LIMIT:
            sub: nx.Graph[str] = nx.Graph()
            sub.add_nodes_from(focus_ids)
            sub.add_edges_from((u, v) for u, v in graph.subgraph(focus_ids).edges() if u != v)
            raw = nx.spring_layout(sub, seed=7, iterations=120, k=1.6 / math.sqrt(max(len(focus_ids), 1)))
            for node, (rx, ry) in raw.items():
                pos[node] = (float(rx) * radius, float(ry) * radius)
        else:
            for node, xy in zip(focus_ids, _sunflower(len(focus_ids), 45.0), strict=True):
                pos[node] = xy
    angle = 0.0
    total = sum(2 * s for s in sizes) or 1.0
    for unit, size in zip(order, sizes, strict=True):
        angle += math.pi * 2 * size / total
        cx, cy = ring * math.cos(angle), ring * math.sin(angle)
        for node, (dx, dy) in zip(clusters[unit], _sunflower(len(clusters[unit]), spacing), strict=True):
            pos[node] = (cx + dx, cy + dy)
        angle += math.pi * 2 * size / total
    # the structural layer: a dimmed band above the people, units then organizations
    xs = [x for x, _ in pos.values()] or [0.0]
    ys = [y for _, y in pos.values()] or [0.0]
    left, width, top = min(xs), max(max(xs) - min(xs), 600.0), min(ys) - 140
    step = 150.0
    per_row = max(1, int(width // step) + 1)
    units = sorted(account.units, key=lambda u: (account.unit_organization(u.id) or "", u.id))
    rows = max(1, math.ceil(len(units) / per_row))
    for i, structural in enumerate(units):
        row, col = divmod(i, per_row)
        count = min(per_row, len(units) - row * per_row)
        x = left + (width - (count - 1) * step) / 2 + col * step
        pos[f"unit:{structural.id}"] = (x, top - (rows - 1 - row) * 70)
    orgs = sorted(account.organizations, key=lambda o: o.id)
    org_top = top - rows * 70 - 80
    for i, org in enumerate(orgs):
        x = left + (width - (len(orgs) - 1) * step * 1.4) / 2 + i * step * 1.4
        pos[f"org:{org.id}"] = (x, org_top)
    return {k: (round(v[0], 1), round(v[1], 1)) for k, v in pos.items()}
