"""The map as an SVG image: A4 landscape, the graph on the left, title and legend on the right.

Drawn from the nodes, edges and positions the renderer computed (no browser
needed): the view the page opens on (everyone, or the buying team and their
routes for a large account), with the same colours, shapes, badges and
marks, the padlocks on private people and ties of the team's own map included. All text is XML-escaped, and a character XML cannot hold (a control
character in a name) becomes U+FFFD, so the file stays well-formed.
"""

from __future__ import annotations

import html
import math
import textwrap
from collections.abc import Callable
from typing import Any

from influence.maps.nodes import node_box
from influence.maps.render import InfluenceMap
from influence.maps.style import FONT_FACE, PERSON_FONT_SIZE, PRIVATE_MARK
from influence.unprintable import xml_text

__all__ = ["LEGEND_WIDTH", "PAGE", "svg_bytes", "svg_text"]

#: legend lines that speak of what only the interactive map does
_INTERACTIVE = frozenset({"legend_hover"})
#: the page in CSS pixels (A4 landscape at 96 per inch) and the legend column's width
PAGE = (1123.0, 794.0)
LEGEND_WIDTH = 280.0
PAGE_MARGIN = 24.0
MAX_SCALE = 1.5
ARROW = 9.0
LEGEND_ROW = 17.0
#: between two lines of one legend entry
LEGEND_LINE = 13.5


def escape(text: str) -> str:
    """Text for an SVG element: XML-escaped, what XML cannot hold replaced by U+FFFD.

    >>> escape("<b> & \x1b[2J")
    '&lt;b&gt; &amp; \ufffd[2J'
    """
    return html.escape(xml_text(text))


def _visible(data: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The nodes and edges of the view the page opens on."""
    team_view = data.get("view") == "team"
    nodes = [n for n in data["nodes"] if not team_view or n.get("focus")]
    shown = {n["id"] for n in nodes}
    edges = [
        e
        for e in data["edges"]
        if e["from"] in shown and e["to"] in shown and not (team_view and e["kind"] == "structure")
    ]
    return nodes, edges


def _fit(nodes: list[dict[str, Any]]) -> tuple[float, float, float]:
    """Scale and offsets that fit the nodes with their labels into the graph area."""
    if not nodes:
        return 1.0, 0.0, 0.0
    boxes = [(n["x"], n["y"], node_box(n)) for n in nodes]
    left = min(x - b.half_width for x, _, b in boxes)
    right = max(x + b.half_width for x, _, b in boxes)
    top = min(y - b.above for _, y, b in boxes)
    bottom = max(y + b.below for _, y, b in boxes)
    width, height = PAGE[0] - LEGEND_WIDTH - 2 * PAGE_MARGIN, PAGE[1] - 2 * PAGE_MARGIN
    scale = min(width / max(right - left, 1.0), height / max(bottom - top, 1.0), MAX_SCALE)
    dx = PAGE_MARGIN + (width - (right - left) * scale) / 2 - left * scale
    dy = PAGE_MARGIN + (height - (bottom - top) * scale) / 2 - top * scale
    return scale, dx, dy


def _color(value: Any) -> str:
    return value if isinstance(value, str) else value.get("color", "#9e9e9e")


def _edge(e: dict[str, Any], at: dict[str, tuple[float, float, float]], scale: float) -> str:
    (x1, y1, _), (x2, y2, r2) = at[e["from"]], at[e["to"]]
    color, width = _color(e["color"]), float(e.get("width", 1)) * scale
    dash = e.get("dashes")
    style = f' stroke-dasharray="{" ".join(str(d * scale) for d in dash)}"' if isinstance(dash, list) else ""
    via = _via(e.get("smooth"), x1, y1, x2, y2)
    if via is None:
        out = f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{color}" stroke-width="{width:.2f}"{style}/>'
        x0, y0 = x1, y1
    else:  # a tie beside another between the same two nodes bows as on the page
        x0, y0 = via
        path = f"M{x1:.1f},{y1:.1f} Q{x0:.1f},{y0:.1f} {x2:.1f},{y2:.1f}"
        out = f'<path d="{path}" fill="none" stroke="{color}" stroke-width="{width:.2f}"{style}/>'
    length = math.hypot(x2 - x0, y2 - y0)
    if e.get("arrows") == "to" and length > r2 + 1:  # along the line's last stretch
        ux, uy = (x2 - x0) / length, (y2 - y0) / length
        tx, ty = x2 - ux * r2, y2 - uy * r2
        size = ARROW * scale + width
        bx, by = tx - ux * size, ty - uy * size
        pts = f"{tx:.1f},{ty:.1f} {bx - uy * size / 2:.1f},{by + ux * size / 2:.1f} {bx + uy * size / 2:.1f},{by - ux * size / 2:.1f}"
        out += f'<polygon points="{pts}" fill="{color}"/>'
    return out


def _via(smooth: Any, x1: float, y1: float, x2: float, y2: float) -> tuple[float, float] | None:
    """The control point of a bowed edge (vis-network's ``curvedCW``/``curvedCCW``), or None when straight.

    >>> _via({"type": "curvedCW", "roundness": 0.0}, 0, 0, 10, 0)  # no bow: the middle
    (5.0, 0.0)
    >>> _via(None, 0, 0, 10, 0) is None
    True
    """
    if not isinstance(smooth, dict) or smooth.get("type") not in ("curvedCW", "curvedCCW"):
        return None
    bow = float(smooth.get("roundness", 0.5))
    dx, dy = x2 - x1, y1 - y2
    turn = 0.5 * bow + 0.5 if smooth["type"] == "curvedCW" else -0.5 * bow + 0.5
    angle = (math.atan2(dy, dx) + turn * math.pi) % (2 * math.pi)
    reach = (0.5 * bow + 0.5) * math.hypot(dx, dy)
    return round(x1 + reach * math.sin(angle), 9), round(y1 + reach * math.cos(angle), 9)


def _middle(
    e: dict[str, Any], at: dict[str, tuple[float, float, float]], t: float = 0.5
) -> tuple[float, float]:
    """The point ``t`` (0..1) along an edge as drawn, its middle by default: of its line, or of its bow
    (a quadratic curve through :func:`_via`'s control point), where the page draws a private tie's
    padlock (and a change mark).

    >>> _middle({"from": "a", "to": "b"}, {"a": (0, 0, 1), "b": (10, 4, 1)})
    (5.0, 2.0)
    >>> _middle({"from": "a", "to": "b"}, {"a": (0, 0, 1), "b": (10, 4, 1)}, 0.25)
    (2.5, 1.0)
    """
    (x1, y1, _), (x2, y2, _) = at[e["from"]], at[e["to"]]
    via = _via(e.get("smooth"), x1, y1, x2, y2)
    if via is None:
        return x1 + (x2 - x1) * t, y1 + (y2 - y1) * t
    a, b, c = (1 - t) ** 2, 2 * t * (1 - t), t**2
    return a * x1 + b * via[0] + c * x2, a * y1 + b * via[1] + c * y2


def _tie_band(
    e: dict[str, Any], at: dict[str, tuple[float, float, float]], scale: float, data: dict[str, Any]
) -> str:
    """Under a tie new or changed since the last review, a band of the mark's colour, as the page draws it."""
    (x1, y1, _), (x2, y2, _) = at[e["from"]], at[e["to"]]
    via = _via(e.get("smooth"), x1, y1, x2, y2)
    path = f"M{x1:.1f},{y1:.1f} " + (
        f"L{x2:.1f},{y2:.1f}" if via is None else f"Q{via[0]:.1f},{via[1]:.1f} {x2:.1f},{y2:.1f}"
    )
    width = (float(e.get("width", 1)) + 8) * scale
    return (
        f'<path d="{path}" fill="none" stroke="{data["marks"][e["change"]]}" stroke-width="{width:.2f}" '
        f'stroke-linecap="round" opacity="0.5"/>'
    )


#: where along a tie its change pill may go, the middle first (as on the page)
PILL_AT = (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8)


def _tie_pill(
    e: dict[str, Any],
    at: dict[str, tuple[float, float, float]],
    scale: float,
    data: dict[str, Any],
    boxes: dict[str, tuple[float, float, float, float]],
) -> str:
    """On a tie new or changed since the last review, the legend's pill as the page draws it: at its
    middle, else at the point nearest it clear of both ends (``boxes``: each node's box with its name,
    left, top, right, bottom), a third of the way along a private tie (its middle has the padlock);
    beside the tie's middle when no point along it is clear (:func:`_beside`); none when no point
    beside it is either (the tie's band marks it)."""
    text = data["strings"]["mark_" + e["change"]]
    w, h = (len(text) * 6.5 + 8) * scale, 14 * scale
    ends = [boxes[e["from"]], boxes[e["to"]]]

    def clear(x: float, y: float) -> bool:
        return all(
            x + w / 2 < x0 or x - w / 2 > x1 or y + h / 2 < y0 or y - h / 2 > y1 for x0, y0, x1, y1 in ends
        )

    spots = [_middle(e, at, t) for t in ((0.3,) if e.get("private") else PILL_AT)]
    spot = next((p for p in spots if clear(*p)), None) or _beside(e, at, scale, clear)
    if spot is None:  # hemmed in by names all round: its band marks it
        return ""
    x, y = spot
    return (
        f'<rect x="{x - w / 2:.1f}" y="{y - h / 2:.1f}" width="{w:.1f}" height="{h:.1f}" '
        f'fill="{data["marks"][e["change"]]}" stroke="#ffffff" stroke-width="{1.5 * scale:.2f}"/>'
        f'<text x="{x:.1f}" y="{y + 3.5 * scale:.1f}" font-size="{10 * scale:.1f}" font-weight="bold" '
        f'fill="#ffffff" text-anchor="middle">{escape(text)}</text>'
    )


#: how far beside a tie's middle its pill goes when no point along it is clear, in pixels
PILL_BESIDE = (16, -16, 26, -26, 36, -36, 48, -48, 64, -64, 80, -80)


def _beside(
    e: dict[str, Any],
    at: dict[str, tuple[float, float, float]],
    scale: float,
    clear: Callable[[float, float], bool],
) -> tuple[float, float] | None:
    """A point beside a short tie's middle, square to it, clear of both ends (as the page puts the pill
    of a tie with no clear point along it); None when names hem it in all round.

    >>> _beside({"from": "a", "to": "b"}, {"a": (0, 0, 1), "b": (10, 0, 1)}, 1.0, lambda x, y: y > 20)
    (5.0, 26.0)
    """
    (x0, y0), (x1, y1) = _middle(e, at, 0.45), _middle(e, at, 0.55)
    mx, my = _middle(e, at, 0.5)
    length = math.hypot(x1 - x0, y1 - y0) or 1.0
    nx, ny = -(y1 - y0) / length, (x1 - x0) / length
    spots = [(mx + nx * d * scale, my + ny * d * scale) for d in PILL_BESIDE]
    return next((p for p in spots if clear(*p)), None)


def _scaled_box(
    n: dict[str, Any], at: dict[str, tuple[float, float, float]], scale: float
) -> tuple[float, float, float, float]:
    """A node's box with its name on the page: left, top, right, bottom."""
    x, y, _ = at[n["id"]]
    box = node_box(n)
    return (
        x - box.half_width * scale,
        y - box.above * scale,
        x + box.half_width * scale,
        y + box.below * scale,
    )


def _lock(x: float, y: float, scale: float) -> str:
    """The padlock of a private person or tie (:data:`~influence.maps.style.PRIVATE_MARK`) centred at
    ``x, y``, as the page draws it."""
    mark = PRIVATE_MARK
    return (
        f'<g transform="translate({x:.1f},{y:.1f}) scale({scale:.3f})">'
        f'<circle r="{mark["radius"]}" fill="{mark["color"]}" stroke="#ffffff" stroke-width="1.5"/>'
        f'<path d="{mark["shackle"]}" fill="none" stroke="#ffffff" stroke-width="1.6"/>'
        f'<path d="{mark["body"]}" fill="#ffffff"/></g>'
    )


def _shape(n: dict[str, Any], x: float, y: float, scale: float) -> str:
    color = n.get("color", {})
    fill, border = color.get("background", "#ffffff"), color.get("border", "#9e9e9e")
    attrs = f'fill="{fill}" stroke="{border}" stroke-width="{float(n.get("borderWidth", 1)) * scale:.2f}"'
    if n.get("shapeProperties", {}).get("borderDashes"):
        attrs += f' stroke-dasharray="{4 * scale:.1f} {3 * scale:.1f}"'
    if "opacity" in n:
        attrs += f' opacity="{n["opacity"]}"'
    r = float(n.get("size", 25)) * scale
    shape = n.get("shape")
    if shape == "box":
        box = node_box(n)
        w, h = (box.half_width - 2) * scale, (box.above - 2) * scale
        return f'<rect x="{x - w:.1f}" y="{y - h:.1f}" width="{2 * w:.1f}" height="{2 * h:.1f}" rx="{3 * scale:.1f}" {attrs}/>'
    if shape == "diamond":
        pts = f"{x:.1f},{y - r:.1f} {x + r:.1f},{y:.1f} {x:.1f},{y + r:.1f} {x - r:.1f},{y:.1f}"
        return f'<polygon points="{pts}" {attrs}/>'
    if shape == "triangle":
        pts = f"{x:.1f},{y - r:.1f} {x + r * 0.87:.1f},{y + r / 2:.1f} {x - r * 0.87:.1f},{y + r / 2:.1f}"
        return f'<polygon points="{pts}" {attrs}/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" {attrs}/>'


def _label(n: dict[str, Any], x: float, y: float, scale: float) -> str:
    font = n.get("font", {})
    size = float(font.get("size", PERSON_FONT_SIZE)) * scale
    color = font.get("color", "#343434")
    inside = n.get("shape") == "box"
    halo = "" if inside else f' stroke="#ffffff" stroke-width="{3 * scale:.1f}" paint-order="stroke"'
    ty = y + size * 0.35 if inside else y + float(n.get("size", 25)) * scale + 3 * scale + size * 0.85
    return (
        f'<text x="{x:.1f}" y="{ty:.1f}" font-size="{size:.1f}" fill="{color}" text-anchor="middle"{halo}>'
        f"{escape(str(n.get('label', '')))}</text>"
    )


def _marks(n: dict[str, Any], x: float, y: float, scale: float, data: dict[str, Any]) -> str:
    out = ""
    r = float(n.get("size", 12)) * scale
    for i, badge in enumerate(n.get("badges", [])):
        bx, by = x + r * 0.85 + i * 17 * scale, y - r * 0.85
        out += f'<circle cx="{bx:.1f}" cy="{by:.1f}" r="{8.5 * scale:.1f}" fill="{data["badges"][badge]}" stroke="#ffffff"/>'
        out += (
            f'<text x="{bx:.1f}" y="{by + 3.8 * scale:.1f}" font-size="{11 * scale:.1f}" font-weight="bold" '
            f'fill="#ffffff" text-anchor="middle">{escape(data["strings"]["badge_" + badge])}</text>'
        )
    if n.get("private"):  # after the badges, as on the page
        out += _lock(x + r * 0.85 + len(n.get("badges", [])) * 17 * scale, y - r * 0.85, scale)
    if n.get("change"):
        text = data["strings"]["mark_" + n["change"]]
        w = (len(text) * 6.5 + 8) * scale
        out += f'<rect x="{x - r - w + 4 * scale:.1f}" y="{y - r - 13 * scale:.1f}" width="{w:.1f}" height="{14 * scale:.1f}" fill="{data["marks"][n["change"]]}"/>'
        out += f'<text x="{x - r - w + 8 * scale:.1f}" y="{y - r - 2.5 * scale:.1f}" font-size="{10 * scale:.1f}" fill="#ffffff">{escape(text)}</text>'
    return out


def _legend_entry(entry: dict[str, Any], x: float, y: float, words: dict[str, str]) -> tuple[str, int]:
    """One entry of the printed legend, its text wrapped to the column, and the number of its lines."""
    kind, out = entry["type"], ""
    if kind == "swatch":
        dash = ' stroke-dasharray="3 2"' if entry.get("dashed") else ""
        out = f'<circle cx="{x + 7}" cy="{y - 4}" r="5.5" fill="{entry["fill"]}" stroke="{entry["border"]}" stroke-width="2"{dash}/>'
    elif kind == "shape":
        out = f'<text x="{x + 7}" y="{y}" font-size="13" fill="{entry["color"]}" text-anchor="middle">{escape(entry["glyph"])}</text>'
    elif kind == "badge":
        out = f'<circle cx="{x + 7}" cy="{y - 4}" r="7" fill="{entry["color"]}"/>'
        out += f'<text x="{x + 7}" y="{y - 0.5}" font-size="9" font-weight="bold" fill="#fff" text-anchor="middle">{escape(words[entry["letter"]])}</text>'
    elif kind == "mark":
        out = f'<rect x="{x}" y="{y - 10}" width="16" height="12" rx="3" fill="{entry["color"]}"/>'
    elif kind == "lock":  # four fifths of the map's padlock, a line through it for a tie
        if entry.get("line"):
            out = f'<line x1="{x - 2}" y1="{y - 4}" x2="{x + 20}" y2="{y - 4}" stroke="#757575" stroke-width="2"/>'
        out += _lock(x + 9, y - 4, 0.8)
    elif kind == "line":
        dash = ' stroke-dasharray="5 3"' if entry.get("dashed") else ""
        out = f'<line x1="{x}" y1="{y - 4}" x2="{x + 18}" y2="{y - 4}" stroke="{entry["color"]}" stroke-width="{entry["width"]}"{dash}/>'
    shift = 0 if kind == "text" else 24
    lines = _legend_lines(words[entry["key"]], LEGEND_WIDTH - 12 - shift - 4)
    spans = (
        escape(lines[0])
        if len(lines) == 1
        else "".join(
            f'<tspan x="{x + shift}" dy="{0 if i == 0 else LEGEND_LINE}">{escape(line)}</tspan>'
            for i, line in enumerate(lines)
        )
    )
    return out + f'<text x="{x + shift}" y="{y}" font-size="11.5" fill="#424242">{spans}</text>', len(lines)


#: a legend character's width, in ems: about DejaVu Sans's average (labels use the upper estimate)
LEGEND_CHAR_WIDTH = 0.6


def _legend_lines(text: str, width: float) -> list[str]:
    """A legend entry's text in lines that fit ``width`` pixels (a printed page cannot show the rest).

    >>> _legend_lines("человек в подразделении, подразделение в организации", 240)
    ['человек в подразделении,', 'подразделение в организации']
    """
    chars = max(10, int(width / (11.5 * LEGEND_CHAR_WIDTH)))
    return textwrap.wrap(text, chars, break_on_hyphens=False) or [text]


#: a bold title character's width, in ems: above DejaVu Sans Bold's average for Latin and Cyrillic text
TITLE_CHAR_WIDTH = 0.72
#: the title's sizes, largest first, and the most lines it takes at each before a smaller one is tried
TITLE_SIZES = ((17.0, 2), (15.0, 4), (13.0, 5), (11.5, 7))


def _title_lines(name: str, width: float) -> tuple[float, list[str]]:
    """The account's name at the largest size whose lines fit ``width`` pixels, each word whole
    (the smallest size breaks an overlong word, and ends in "…" below its last line).

    >>> _title_lines("UralMet Holding", 256)
    (17.0, ['UralMet Holding'])
    >>> _title_lines("Публичное акционерное общество «Уральская горно-металлургическая компания»", 256)[0]
    15.0
    """
    for size, most in TITLE_SIZES:
        chars = max(1, int(width / (size * TITLE_CHAR_WIDTH)))
        lines = textwrap.wrap(name, chars, break_on_hyphens=False, break_long_words=False) or [name]
        if len(lines) <= most and all(len(line) <= chars for line in lines):
            return size, lines
    lines = textwrap.wrap(name, chars, break_on_hyphens=False) or [name]
    if len(lines) > most:
        lines = [*lines[: most - 1], lines[most - 1][: chars - 1] + "…"]
    return size, lines


def _title(name: str, x: float) -> tuple[str, float]:
    """The account's name at the top of the legend column, wrapped to it, and its last line's baseline."""
    size, lines = _title_lines(name, LEGEND_WIDTH - 24)
    step = round(size * 1.25, 2)
    spans = "".join(
        f'<tspan x="{x}" dy="{0 if i == 0 else step}">{escape(line)}</tspan>' for i, line in enumerate(lines)
    )
    text = f'<text x="{x}" y="36" font-size="{size:g}" font-weight="bold" fill="#212121">{spans}</text>'
    return text, 36 + step * (len(lines) - 1)


def _side(data: dict[str, Any]) -> str:
    words = data["strings"]
    x = PAGE[0] - LEGEND_WIDTH + 12
    title, below = _title(data["account"]["name"], x)
    out = [
        f'<rect x="{PAGE[0] - LEGEND_WIDTH}" y="0" width="{LEGEND_WIDTH}" height="{PAGE[1]}" fill="#fafafa"/>',
        title,
        f'<text x="{x}" y="{below + 20:g}" font-size="11.5" fill="#616161">{escape(words["as_of"].format(date=data["as_of"]))}</text>',
        f'<text x="{x}" y="{below + 56:g}" font-size="12" font-weight="bold" fill="#616161">{escape(words["legend"].upper())}</text>',
    ]
    y = below + 76.0
    for entry in data["legend"]:
        if entry.get("key") in _INTERACTIVE:
            continue  # a printed page has nothing to hover
        drawn, lines = _legend_entry(entry, x, y, words)
        out.append(drawn)
        y += LEGEND_ROW + (lines - 1) * LEGEND_LINE
    return "".join(out)


#: the node kinds that are not people (the large-account note counts the others, as the page does)
_NOT_PEOPLE = frozenset({"organization", "unit", "team", "competitor"})


def _view_note(data: dict[str, Any], nodes: list[dict[str, Any]]) -> list[str]:
    """Under the graph, the page's note that only the buying team and their routes are shown (a page
    must not leave most people out without saying so)."""
    if data.get("view") != "team":
        return []
    shown = sum(n.get("kind") not in _NOT_PEOPLE for n in nodes)
    note = data["strings"]["view_large"].format(shown=shown, total=data["people"])
    return [
        f'<text x="16" y="{PAGE[1] - 14 - 15 * (len(lines) - 1 - i):.0f}" font-size="11.5" fill="#5d4037">'
        f"{escape(line)}</text>"
        for lines in [textwrap.wrap(note, 120)]
        for i, line in enumerate(lines)
    ]


def svg_text(rendered: InfluenceMap) -> str:
    """The map's opening view as an A4-landscape SVG document with title and legend."""
    data = rendered.data
    nodes, edges = _visible(data)
    scale, dx, dy = _fit(nodes)
    at = {
        n["id"]: (n["x"] * scale + dx, n["y"] * scale + dy, float(n.get("size", 12)) * scale) for n in nodes
    }
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="297mm" height="210mm" viewBox="0 0 {PAGE[0]:g} {PAGE[1]:g}" '
        f'font-family="{FONT_FACE}">',
        f'<rect width="{PAGE[0]:g}" height="{PAGE[1]:g}" fill="#ffffff"/>',
    ]
    parts += [_tie_band(e, at, scale, data) for e in edges if e.get("change")]  # under every tie
    parts += [_edge(e, at, scale) for e in edges if e["kind"] != "anti"]
    parts += [_edge(e, at, scale) for e in edges if e["kind"] == "anti"]
    for n in nodes:
        x, y, _ = at[n["id"]]
        parts += [_shape(n, x, y, scale), _label(n, x, y, scale), _marks(n, x, y, scale, data)]
    boxes = {n["id"]: _scaled_box(n, at, scale) for n in nodes}
    # two ties of one pair with one mark (a reporting line and an influence): one pill
    pairs: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for e in edges:
        if e.get("change"):
            pairs.setdefault((*sorted((e["from"], e["to"])), e["change"]), []).append(e)
    parts += [
        next(filter(None, (_tie_pill(e, at, scale, data, boxes) for e in ties)), "")
        for ties in pairs.values()
    ]
    parts += [_lock(*_middle(e, at), scale) for e in edges if e.get("private")]  # on top, as on the page
    parts += _view_note(data, nodes)
    if data.get("people") == 0:
        for i, line in enumerate(textwrap.wrap(data["strings"]["empty"], 70)):
            parts.append(
                f'<text x="{(PAGE[0] - LEGEND_WIDTH) / 2:.0f}" y="{PAGE[1] / 2 + i * 22:.0f}" font-size="15" '
                f'text-anchor="middle" fill="#5d4037">{escape(line)}</text>'
            )
    parts += [_side(data), "</svg>\n"]
    return "".join(parts)


def svg_bytes(rendered: InfluenceMap) -> bytes:
    """:func:`svg_text` as UTF-8 bytes."""
    return svg_text(rendered).encode("utf-8")
