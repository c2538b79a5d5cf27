"""The map's look: colours, node sizes, edge widths and fonts, named once.

The renderer, the layout (which must know how big a label is) and the
static SVG writer all read these constants; the page's legend is drawn from
them too.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = [
    "BADGE_COLORS",
    "CHANGE_COLORS",
    "COMPETITOR_COLORS",
    "COMPETITOR_SIZE",
    "CONTEXT_OPACITY",
    "EDGE_STYLES",
    "EMPHASIS_BORDERS",
    "FONT_FACE",
    "INFORMAL_BORDER_WIDTH",
    "INFORMAL_DASHES",
    "LABEL_CHAR_WIDTH",
    "LABEL_GAP",
    "LABEL_LINE_HEIGHT",
    "LABEL_MAX_CHARS",
    "LARGE_ACCOUNT",
    "NODE_BORDER_WIDTH",
    "NODE_BORDER_WIDTH_SELECTED",
    "NODE_SIZE_MIN",
    "NODE_SIZE_PER_ACCESS",
    "ORG_FONT_SIZE",
    "PERSON_FONT_SIZE",
    "PRIVATE_MARK",
    "PRIVATE_SIZE",
    "STANCE_COLORS",
    "STRUCTURE_COLORS",
    "TEAM_COLORS",
    "UNIT_FONT_SIZE",
    "WIDTH_BASE",
    "WIDTH_PER_STRENGTH",
    "faded",
    "label_text",
    "label_width",
    "node_color",
    "node_size",
    "strength_width",
]

#: (fill, border) by stance; None is unknown.
STANCE_COLORS: dict[int | None, tuple[str, str]] = {
    2: ("#1b5e20", "#0d3d12"),  # champion: dark green
    1: ("#66bb6a", "#2e7d32"),  # supporter: green
    0: ("#bdbdbd", "#757575"),  # neutral: grey
    -1: ("#ffa726", "#e65100"),  # skeptic: orange
    -2: ("#e53935", "#b71c1c"),  # opponent: red
    None: ("#ffffff", "#9e9e9e"),  # unknown: white, grey border
}
TEAM_COLORS = ("#1e88e5", "#0d47a1")
COMPETITOR_COLORS = ("#6d1b1b", "#3e0a0a")
#: fill, border, text for organizations and units
STRUCTURE_COLORS = {
    "organization": ("#eceff1", "#b0bec5", "#455a64"),
    "unit": ("#f5f7f8", "#cfd8dc", "#546e7a"),
}
#: the border of a selected or hovered node, by kind (its fill stays, so it still reads as what it is)
EMPHASIS_BORDERS = {
    "person": "#000000",
    "team": "#002171",
    "competitor": "#000000",
    "organization": "#37474f",
    "unit": "#455a64",
}
BADGE_COLORS = {"sponsor": "#f9a825", "coach": "#5e35b1"}
#: the padlock on the team's own map that marks a private person (in the badge row) and a private tie
#: (at its middle): a dark disc, radius ``radius``, with a white padlock (``shackle`` stroked, ``body``
#: filled), SVG paths around the disc's centre. Dashes already mean informal people and ties, planned
#: meetings, competitors' ties and the redacted map's grey lines; a glow means a change: the padlock
#: means nothing else on the map.
PRIVATE_MARK: dict[str, Any] = {
    "color": "#37474f",
    "radius": 8.5,
    "shackle": "M-2.6,-1.2 V-3.2 A2.6,2.6 0 0 1 2.6,-3.2 V-1.2",
    "body": "M-4.2,-1.2 H4.2 V4.6 H-4.2 Z",
}
CHANGE_COLORS = {"new": "#00acc1", "changed": "#ff6f00"}

#: a person's radius is NODE_SIZE_MIN + NODE_SIZE_PER_ACCESS * access (px)
NODE_SIZE_MIN = 12.0
NODE_SIZE_PER_ACCESS = 22.0
PRIVATE_SIZE = 14.0
COMPETITOR_SIZE = 18.0
NODE_BORDER_WIDTH = 2
NODE_BORDER_WIDTH_SELECTED = 4
INFORMAL_BORDER_WIDTH = 3
INFORMAL_DASHES = [5, 4]
CONTEXT_OPACITY = 0.55

#: a tie's width is WIDTH_BASE + WIDTH_PER_STRENGTH[kind] * strength (px)
WIDTH_BASE = 1.0
WIDTH_PER_STRENGTH = {"influences": 5.0, "relationship": 4.0, "competitor": 3.0}

EDGE_STYLES: dict[str, dict[str, Any]] = {
    "reports_to": {"color": "#9e9e9e", "width": 1, "dashes": False, "arrows": "to"},
    "influences": {"color": "#455a64", "dashes": False, "arrows": "to"},
    "informal_tie": {"color": "#8e24aa", "width": 2, "dashes": [6, 4], "arrows": ""},
    "relationship": {"color": "#1e88e5", "dashes": False, "arrows": "to"},
    "competitor": {"color": "#8b0000", "dashes": [8, 4], "arrows": "to"},
    "structure": {"color": "#cfd8dc", "width": 1, "dashes": [2, 4], "arrows": ""},
    "private": {"color": "#b0b0b0", "width": 1, "dashes": [4, 4], "arrows": ""},
    "planned": {"color": "#1e88e5", "width": 2, "dashes": [2, 5], "arrows": "to"},
    "anti": {"color": "#d50000", "width": 6, "dashes": False, "arrows": "to"},
}

FONT_FACE = "DejaVu Sans, Segoe UI, Arial, sans-serif"
PERSON_FONT_SIZE = 14
UNIT_FONT_SIZE = 16
ORG_FONT_SIZE = 18
#: width of one character as a share of the font size (DejaVu Sans is wide; kept on the safe side)
LABEL_CHAR_WIDTH = 0.64
LABEL_LINE_HEIGHT = 1.25
#: a longer name is cut with "…" on the canvas (the tooltip and the search keep it whole)
LABEL_MAX_CHARS = 40
#: space between a node and its label below it (px)
LABEL_GAP = 6.0

#: from this many people the map opens on the buying team and their routes
LARGE_ACCOUNT = 2000


def node_color(fill: str, border: str, kind: str) -> dict[str, Any]:
    """A node's vis-network colours: its fill kept when selected or hovered, the border emphasised.

    ``kind`` is a key of :data:`EMPHASIS_BORDERS`.

    >>> node_color("#1e88e5", "#0d47a1", "team")["hover"]
    {'background': '#1e88e5', 'border': '#002171'}
    """
    emphasis = {"background": fill, "border": EMPHASIS_BORDERS[kind]}
    return {"background": fill, "border": border, "highlight": dict(emphasis), "hover": dict(emphasis)}


def faded(color: str, opacity: float = CONTEXT_OPACITY) -> str:
    """``#rrggbb`` as it looks drawn at ``opacity`` on white (the legend's swatch of a faded node).

    >>> faded("#000000", 0.5), faded("#66bb6a", 1.0)
    ('#808080', '#66bb6a')
    """
    channels = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(255 - (255 - c) * opacity):02x}" for c in channels)


def node_size(access: float) -> float:
    """A person's radius from their access to the decision makers.

    >>> node_size(0.0), node_size(1.0)
    (12.0, 34.0)
    """
    return round(NODE_SIZE_MIN + NODE_SIZE_PER_ACCESS * access, 1)


def strength_width(kind: str, strength: float) -> float:
    """A tie's drawn width from its strength.

    >>> strength_width("influences", 0.6)
    4.0
    """
    return round(WIDTH_BASE + WIDTH_PER_STRENGTH[kind] * strength, 1)


#: the line breaks vis-network starts a new line of a label at, with the spaces around them
LABEL_BREAKS = re.compile(r"[ \t]*(?:(?:\r\n|\r|\n)[ \t]*)+")


def label_text(name: str) -> str:
    r"""The label drawn for a name: on one line (the layout leaves room for one), cut to
    :data:`LABEL_MAX_CHARS` characters with "…".

    >>> label_text("Ivan Ivanov")
    'Ivan Ivanov'
    >>> label_text("x" * 50)
    'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…'
    >>> label_text("Ivan \r\n Ivanov\n\nII")
    'Ivan Ivanov II'
    """
    name = LABEL_BREAKS.sub(" ", name)
    if len(name) <= LABEL_MAX_CHARS:
        return name
    return name[: LABEL_MAX_CHARS - 1].rstrip() + "…"


def label_width(text: str, font_size: float) -> float:
    """An upper estimate of the width in pixels of a one-line label, as drawn (see :func:`label_text`).

    >>> label_width("Ivan", 10)
    25.6
    >>> label_width("x" * 300, 10) == label_width(label_text("x" * 300), 10)
    True
    """
    return round(len(label_text(text)) * font_size * LABEL_CHAR_WIDTH, 1)
