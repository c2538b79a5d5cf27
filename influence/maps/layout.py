"""Positions for the influence map, computed in Python before the page opens.

The *focus* (buying team, our team, competitors and anyone on an
anti-influence, coverage or plan route) is laid out with a seeded spring
layout; everyone else sits in a ring of clusters around it, one cluster per
unit, in a sunflower pattern. Then overlapping node-and-label boxes are
pushed apart (:func:`separate`), or for a large focus snapped to a grid of
label-sized cells (:func:`pack`), so that no two person labels collide at the
default zoom. Units and organizations form a band above, spaced by their
label widths.

Linear in the number of people apart from the spring layout of the focus,
capped at :data:`SPRING_LIMIT` nodes, and the label separation, which runs on
the focus and, for accounts below :data:`SEPARATE_LIMIT` nodes, on everyone.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import networkx as nx

from influence.graph import influence_graph
from influence.model import Account

__all__ = ["PACK_FROM", "SEPARATE_LIMIT", "SPRING_LIMIT", "Box", "layout", "overlaps", "pack", "separate"]

SPRING_LIMIT = 500
SPRING_ROUNDS = 120
SEPARATE_LIMIT = 1500
#: room per focus node in the spring layout (px)
FOCUS_SPACING = 120.0
#: distance between neighbours in a sunflower cluster (px)
CLUSTER_SPACING = 34.0
#: free space kept around every box when separating (px)
MARGIN = 6.0
#: the band of organizations and units: gaps between boxes and rows (px)
BAND_GAP = 24.0
BAND_ROW = 56.0
BAND_ABOVE = 120.0
SEPARATE_ROUNDS = 300
#: from this many focus nodes the focus is packed into a grid (:func:`pack`) instead of separated
PACK_FROM = 150
#: how much more room than the cells strictly need a packed focus gets
PACK_ROOM = 1.6
_GOLDEN = math.pi * (3 - math.sqrt(5))


@dataclass(frozen=True)
class Box:
    """The room a node takes with its label, relative to its centre (px)."""

    half_width: float
    above: float
    below: float


def _sunflower(count: int, spacing: float) -> list[tuple[float, float]]:
    return [
        (
            spacing * math.sqrt(i + 0.5) * math.cos(i * _GOLDEN),
            spacing * math.sqrt(i + 0.5) * math.sin(i * _GOLDEN),
        )
        for i in range(count)
    ]


def _overlap(a: tuple[float, float], ba: Box, b: tuple[float, float], bb: Box) -> tuple[float, float]:
    """How far two boxes overlap along x and y (positive on both axes = they collide)."""
    ox = min(a[0] + ba.half_width, b[0] + bb.half_width) - max(a[0] - ba.half_width, b[0] - bb.half_width)
    oy = min(a[1] + ba.below, b[1] + bb.below) - max(a[1] - ba.above, b[1] - bb.above)
    return ox, oy


def _pairs(pos: Mapping[str, tuple[float, float]], boxes: Mapping[str, Box], ids: list[str]):
    """Candidate pairs from a uniform grid whose cell is the largest box."""
    cell = (
        max((max(2 * boxes[i].half_width, boxes[i].above + boxes[i].below) for i in ids), default=1.0)
        + 2 * MARGIN
    )
    grid: dict[tuple[int, int], list[str]] = defaultdict(list)
    for i in ids:
        grid[(int(pos[i][0] // cell), int(pos[i][1] // cell))].append(i)
    for (cx, cy), members in grid.items():
        for dx, dy in ((0, 0), (1, 0), (0, 1), (1, 1), (1, -1)):
            others = members if (dx, dy) == (0, 0) else grid.get((cx + dx, cy + dy), [])
            for n, a in enumerate(members):
                for b in others[n + 1 :] if (dx, dy) == (0, 0) else others:
                    yield a, b


def overlaps(pos: Mapping[str, tuple[float, float]], boxes: Mapping[str, Box]) -> list[tuple[str, str]]:
    """Every pair of nodes whose boxes collide.

    >>> overlaps({"a": (0, 0), "b": (10, 0)}, {"a": Box(20, 5, 5), "b": Box(20, 5, 5)})
    [('a', 'b')]
    """
    ids = sorted(i for i in pos if i in boxes)
    found = []
    for a, b in _pairs(pos, boxes, ids):
        ox, oy = _overlap(pos[a], boxes[a], pos[b], boxes[b])
        if ox > 0 and oy > 0:
            found.append((min(a, b), max(a, b)))
    return sorted(found)


def separate(
    pos: dict[str, tuple[float, float]], boxes: Mapping[str, Box], ids: Iterable[str]
) -> dict[str, tuple[float, float]]:
    """Push the given nodes apart until no two boxes (plus a margin) overlap.

    Each colliding pair moves apart along the axis where they overlap least,
    half the overlap each; rounds repeat until nothing moves (at most
    :data:`SEPARATE_ROUNDS`). Deterministic: pairs are visited in id order.

    >>> out = separate({"a": (0.0, 0.0), "b": (1.0, 0.0)}, {"a": Box(10, 5, 5), "b": Box(10, 5, 5)}, "ab")
    >>> overlaps(out, {"a": Box(10, 5, 5), "b": Box(10, 5, 5)})
    []
    """
    members = sorted(i for i in ids if i in pos and i in boxes)
    for _ in range(SEPARATE_ROUNDS):
        moved = False
        for a, b in sorted(_pairs(pos, boxes, members)):
            (ax, ay), (bx, by) = pos[a], pos[b]
            ox, oy = _overlap((ax, ay), boxes[a], (bx, by), boxes[b])
            ox, oy = ox + MARGIN, oy + MARGIN
            if ox <= 0 or oy <= 0:
                continue
            moved = True
            if ox < oy:
                sign = 1.0 if (bx, b) > (ax, a) else -1.0
                pos[a], pos[b] = (ax - sign * ox / 2, ay), (bx + sign * ox / 2, by)
            else:
                sign = 1.0 if (by, b) > (ay, a) else -1.0
                pos[a], pos[b] = (ax, ay - sign * oy / 2), (bx, by + sign * oy / 2)
        if not moved:
            break
    return pos


def pack(
    pos: dict[str, tuple[float, float]], boxes: Mapping[str, Box], ids: Iterable[str]
) -> dict[str, tuple[float, float]]:
    """Snap nodes to a grid of label-sized cells near where they are, nearest the centre first.

    Used instead of :func:`separate` for a large focus, where pushing pairs
    apart converges slowly: a cell is as wide as the typical label (a wider
    label takes several cells of its row) and a row as tall as the tallest
    node with its label, so no two boxes can overlap. Each node keeps its
    direction from the centre and its rank by distance, on a disc of even
    density (a spring layout leaves its loners far out and its core crowded).

    >>> room = {"a": Box(10, 5, 5), "b": Box(10, 5, 5)}
    >>> overlaps(pack({"a": (0.0, 0.0), "b": (1.0, 0.0)}, room, "ab"), room)
    []
    """
    members = sorted(i for i in ids if i in pos and i in boxes)
    if not members:
        return pos
    widths = sorted(2 * boxes[i].half_width for i in members)
    cell = widths[len(widths) // 2] + MARGIN
    row = max(boxes[i].above for i in members) + max(boxes[i].below for i in members) + MARGIN
    cx = sum(pos[i][0] for i in members) / len(members)
    cy = sum(pos[i][1] for i in members) / len(members)
    # even out the density: keep each node's direction and radial rank, on a disc with room to spare
    radius = math.sqrt(PACK_ROOM * len(members) * cell * row / math.pi)
    by_distance = sorted(members, key=lambda i: ((pos[i][0] - cx) ** 2 + (pos[i][1] - cy) ** 2, i))
    target: dict[str, tuple[float, float]] = {}
    for rank, node in enumerate(by_distance):
        angle = math.atan2(pos[node][1] - cy, pos[node][0] - cx)
        r = radius * math.sqrt((rank + 0.5) / len(members))
        target[node] = (r * math.cos(angle), r * math.sin(angle))
    reach = int(math.sqrt(len(members)) * 3) + 4
    offsets = sorted(
        ((dc, dr) for dc in range(-reach, reach + 1) for dr in range(-reach, reach + 1)),
        key=lambda o: ((o[0] * cell) ** 2 + (o[1] * row) ** 2, o),
    )
    taken: set[tuple[int, int]] = set()
    for node in by_distance:
        span = max(1, math.ceil((2 * boxes[node].half_width + MARGIN) / cell))
        col0 = round(target[node][0] / cell - (span - 1) / 2)
        row0 = round(target[node][1] / row)
        for dc, dr in offsets:
            cells = [(col0 + dc + k, row0 + dr) for k in range(span)]
            if not any(c in taken for c in cells):
                taken.update(cells)
                pos[node] = (cx + (col0 + dc + (span - 1) / 2) * cell, cy + (row0 + dr) * row)
                break
        else:  # never expected (the offsets hold far more cells than nodes): a row of its own below
            row0 = 1 + max(r for _, r in taken)
            taken.update((col0 + k, row0) for k in range(span))
            pos[node] = (cx + (col0 + (span - 1) / 2) * cell, cy + row0 * row)
    return pos


def _focus_positions(account: Account, focus_ids: list[str]) -> dict[str, tuple[float, float]]:
    """A seeded spring layout of the focus, scaled so that nodes have room for their labels."""
    if not focus_ids:
        return {}
    radius = FOCUS_SPACING * math.sqrt(len(focus_ids)) / 2 + 60
    if len(focus_ids) > SPRING_LIMIT:
        return dict(zip(focus_ids, _sunflower(len(focus_ids), FOCUS_SPACING / 1.6), strict=True))
    sub: nx.Graph[str] = nx.Graph()
    sub.add_nodes_from(focus_ids)
    sub.add_edges_from((u, v) for u, v in influence_graph(account).subgraph(focus_ids).edges() if u != v)
    rounds = SPRING_ROUNDS if len(focus_ids) < PACK_FROM else SPRING_ROUNDS // 2  # packing tidies up after
    raw = nx.spring_layout(sub, seed=7, iterations=rounds, k=1.6 / math.sqrt(len(focus_ids)))
    return {node: (float(x) * radius, float(y) * radius) for node, (x, y) in raw.items()}


def _ring_positions(account: Account, rest: list[str], inner: float) -> dict[str, tuple[float, float]]:
    """Everyone outside the focus: one sunflower cluster per unit, in a ring around the focus."""
    unit_of = {p.id: p.unit or "" for p in account.people}
    clusters: dict[str, list[str]] = {}
    for pid in rest:
        clusters.setdefault(unit_of[pid], []).append(pid)
    order = sorted(clusters, key=lambda u: (account.unit_organization(u) or "", u))
    sizes = [CLUSTER_SPACING * math.sqrt(len(clusters[u])) + 60 for u in order]
    total = sum(2 * s for s in sizes) or 1.0
    ring = max(inner + max(sizes, default=0) + 120, total / (2 * math.pi))
    pos: dict[str, tuple[float, float]] = {}
    angle = 0.0
    for unit, size in zip(order, sizes, strict=True):
        angle += math.pi * 2 * size / total
        cx, cy = ring * math.cos(angle), ring * math.sin(angle)
        for node, (dx, dy) in zip(
            clusters[unit], _sunflower(len(clusters[unit]), CLUSTER_SPACING), strict=True
        ):
            pos[node] = (cx + dx, cy + dy)
        angle += math.pi * 2 * size / total
    return pos


def _tiers(account: Account) -> list[list[str]]:
    """The band's tiers, top first: organizations by depth in the holding, then units by depth.

    The holding's parent company is above its subsidiaries, a directorate
    above its departments. Within a tier the boxes go in the order of their
    parents (a unit's parent is its parent unit, else its organization),
    then by id, so that children sit under their parents' side of the band.
    A tier too wide for the band wraps onto more rows.
    """
    orgs = {o.id: o.parent for o in account.organizations}
    units = {u.id: u.parent for u in account.units}
    owner = {u.id: u.organization for u in account.units}

    def depth(node: str, parents: dict[str, str | None]) -> int:
        seen: set[str] = set()
        while (parent := parents.get(node)) in parents and parent not in seen:  # validated acyclic; guarded
            seen.add(node)
            node = parent
        return len(seen)

    tiers: list[list[str]] = []
    order: dict[str, int] = {}
    for parents, above in ((orgs, lambda n: orgs.get(n)), (units, lambda n: units.get(n) or owner.get(n))):
        levels: dict[int, list[str]] = {}
        for node in sorted(parents):
            levels.setdefault(depth(node, parents), []).append(node)
        for level in sorted(levels):
            tier = sorted(levels[level], key=lambda n: (order.get(above(n) or "", -1), n))
            order.update((n, len(order)) for n in tier)
            tiers.append(tier)
    return tiers


def _band(
    account: Account, boxes: Mapping[str, Box], pos: Mapping[str, tuple[float, float]]
) -> dict[str, tuple[float, float]]:
    """Organizations, then their units, in rows above the people, spaced by label width (see :func:`_tiers`)."""
    xs = [x for x, _ in pos.values()] or [0.0]
    ys = [y - 40 for _, y in pos.values()] or [0.0]
    left, width = min(xs), max(max(xs) - min(xs), 900.0)
    rows: list[list[str]] = []
    for group in _tiers(account):
        row: list[str] = []
        used = 0.0
        for node in group:
            need = 2 * boxes[node].half_width + BAND_GAP
            if row and used + need > width:
                rows.append(row)
                row, used = [], 0.0
            row.append(node)
            used += need
        if row:
            rows.append(row)
    out: dict[str, tuple[float, float]] = {}
    bottom = min(ys) - BAND_ABOVE
    for r, row in enumerate(rows):
        y = bottom - (len(rows) - 1 - r) * BAND_ROW
        used = sum(2 * boxes[n].half_width + BAND_GAP for n in row) - BAND_GAP
        x = left + (width - used) / 2
        for node in row:
            out[node] = (x + boxes[node].half_width, y)
            x += 2 * boxes[node].half_width + BAND_GAP
    return out


def layout(
    account: Account, focus: Iterable[str], boxes: Mapping[str, Box]
) -> dict[str, tuple[float, float]]:
    """Node positions in pixels for people, team members, competitors, units and organizations.

    Parameters
    ----------
    account : Account
    focus : iterable of str
        Node ids to place in the middle with a spring layout.
    boxes : mapping of str to Box
        The room each node takes with its label (every node of the map).

    Returns
    -------
    dict
        ``{node id: (x, y)}`` for every node of ``boxes``, rounded to 0.1 px.
    """
    graph = influence_graph(account)
    focus_ids = sorted(set(focus) & set(graph.nodes) & set(boxes))
    focus_set = set(focus_ids)
    structural = {o.id for o in account.organizations} | {u.id for u in account.units}
    pos = _focus_positions(account, focus_ids)
    pos = pack(pos, boxes, focus_ids) if len(focus_ids) >= PACK_FROM else separate(pos, boxes, focus_ids)
    inner = max((math.hypot(x, y) for x, y in pos.values()), default=0.0)
    rest = [p.id for p in account.people if p.id not in focus_set and p.id in boxes]
    pos.update(_ring_positions(account, rest, inner))
    if len(pos) <= SEPARATE_LIMIT:
        pos = separate(pos, boxes, list(pos))
    pos.update(_band(account, boxes, pos))
    for node in boxes:  # anything left (never expected): the origin
        pos.setdefault(node, (0.0, 0.0))
    return {k: (round(v[0], 1), round(v[1], 1)) for k, v in pos.items() if k in boxes or k in structural}
