"""The interactive influence map: one self-contained HTML file.

Nodes and edges are built by :mod:`influence.maps.nodes` and
:mod:`influence.maps.edges`, positioned up front by
:mod:`influence.maps.layout` (physics off), and written into the project's
own template with vis-network's JavaScript and CSS inlined from pyvis's
package: the page makes no request outside itself. Every piece of text,
the interface's own words included (:mod:`influence.maps.strings`), travels
as JSON data and reaches the page through ``textContent``, never as HTML.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import importlib.util
import json
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from influence.analysis import Plan, Report, analyze
from influence.analysis.catalogue import ROLE_NAMES, term
from influence.analysis.facts import expect_account
from influence.analysis.plan import check_plan_for
from influence.analysis.plan import plan as make_plan
from influence.atomic import atomic_write
from influence.dates import parse_as_of
from influence.errors import UsageError
from influence.graph import expect_flag
from influence.i18n import translator
from influence.maps.edges import build_edges
from influence.maps.layout import Box, layout
from influence.maps.nodes import build_nodes, node_box, plain
from influence.maps.panel import Move, apply_changes, finding_entries, move_entries
from influence.maps.strings import MAP_CONTEXTS, map_strings
from influence.maps.style import (
    BADGE_COLORS,
    CHANGE_COLORS,
    COMPETITOR_COLORS,
    EDGE_STYLES,
    FONT_FACE,
    LARGE_ACCOUNT,
    PERSON_FONT_SIZE,
    PRIVATE_MARK,
    STANCE_COLORS,
    STRUCTURE_COLORS,
    TEAM_COLORS,
    faded,
)
from influence.model import Account
from influence.redact import Redactor
from influence.schema import LIST_SECTIONS, RECORDS

__all__ = ["InfluenceMap", "render_map"]

_TEMPLATE_DIR = Path(__file__).parent


def _vis_assets() -> tuple[str, str]:
    """vis-network's script and style, read from the files the pyvis package ships.

    The package is found without being imported: importing pyvis imports
    IPython, a third of a second of a 20,000-person map's run.
    """
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover - a dependency
        raise RuntimeError("the pyvis package (vis-network's files) is not installed")
    lib = Path(next(iter(spec.submodule_search_locations))) / "lib" / "vis-9.1.2"
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


#: what a map page may be called: a browser opens it by its suffix
PAGE_SUFFIXES = (".html", ".htm")
_IMAGES = (".png", ".svg", ".pdf", ".jpg", ".jpeg")


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
    data : dict
        What the page draws: nodes with positions, edges, words, legend,
        panel entries (the static SVG is drawn from it).
    """

    html: str = field(repr=False)  # a whole page: a notebook would print it twice
    account: str
    nodes: int
    edges: int
    data: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def to_bytes(self) -> bytes:
        """The page as UTF-8 bytes, for a caller that writes it itself."""
        return self.html.encode("utf-8")

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the page atomically; returns the path.

        The page is HTML: a path that is not text, or that names another kind
        of file (an image, ``.png``: the command line's ``map --static`` draws
        it; an account, ``.yaml``, which the page would replace), is a
        :class:`UsageError`. A name without a suffix is taken as it is.
        """
        if not isinstance(path, (str, os.PathLike)):
            raise UsageError(f"InfluenceMap.save: path must be a file path, not {type(path).__name__}")
        suffix = Path(path).suffix.lower()
        if suffix and suffix not in PAGE_SUFFIXES:
            image = " (influence map --static draws the image)" if suffix in _IMAGES else ""
            raise UsageError(
                f"InfluenceMap.save: the map is an HTML page, and {os.fspath(path)!r} names a {suffix} "
                f"file: save it as .html{image}"
            )
        atomic_write(path, self.html)
        return Path(path)

    def with_links(self, files: Sequence[str]) -> InfluenceMap:
        """The same map naming, under its summary, the other files it travels with (a review pack's).

        Each name is a relative link (``gaps.md``), opened beside the map.

        >>> from influence.model import Account, AccountInfo
        >>> render_map(Account(AccountInfo("acme", "Acme")), "2026-11-27").with_links(["gaps.md"]).data["links"]
        ['gaps.md']
        """
        if isinstance(files, (str, bytes)) or not isinstance(files, Iterable):
            raise UsageError(
                f"with_links: files must be a list of file names (['gaps.md']), not {type(files).__name__}"
            )
        names = list(files)
        if not all(isinstance(name, str) for name in names):
            raise UsageError("with_links: each file must be a name (text), such as 'gaps.md'")
        data = {**self.data, "links": names}
        return dataclasses.replace(self, html=_page(data, data["strings"]), data=data)

    def _repr_html_(self) -> str:
        """Inline display in Jupyter (the page in a sandboxed iframe)."""
        return (
            f'<iframe srcdoc="{html.escape(self.html, quote=True)}" '
            'style="width:100%;height:720px;border:1px solid #ddd" sandbox="allow-scripts"></iframe>'
        )


def _legend(
    changes: bool, redact: bool = False, private: tuple[bool, bool] = (False, False)
) -> list[dict[str, Any]]:
    """Legend entries, drawn by the page from these colours (keys name words in the string table).

    A redacted map draws the ties of private people and the private ties as plain grey lines without
    a tooltip: its legend says what they are (on every redacted map, so that it tells nothing of the
    account). The team's own map marks private people and ties with a padlock
    (:data:`~influence.maps.style.PRIVATE_MARK`); ``private`` tells whether it draws such a person and
    such a tie, each explained only when drawn (an account with nothing private has no entry for them).
    """
    stances = [
        (2, "legend_stance_2"),
        (1, "legend_stance_1"),
        (0, "legend_stance_0"),
        (-1, "legend_stance_-1"),
        (-2, "legend_stance_-2"),
        (None, "legend_stance_unknown"),
    ]
    entries: list[dict[str, Any]] = [
        {"type": "swatch", "key": key, "fill": STANCE_COLORS[s][0], "border": STANCE_COLORS[s][1]}
        for s, key in stances
    ]
    entries.append(  # a person outside the buying team is drawn faded (a supporter's colours here)
        {
            "type": "swatch",
            "key": "legend_context",
            "fill": faded(STANCE_COLORS[1][0]),
            "border": faded(STANCE_COLORS[1][1]),
        }
    )
    entries += [
        {"type": "shape", "key": "legend_person", "glyph": "●", "color": "#616161"},
        {"type": "shape", "key": "legend_decision_maker", "glyph": "◆", "color": "#616161"},
        {"type": "shape", "key": "legend_team", "glyph": "■", "color": TEAM_COLORS[0]},
        {"type": "shape", "key": "legend_competitor", "glyph": "▲", "color": COMPETITOR_COLORS[0]},
        {"type": "swatch", "key": "legend_informal", "fill": "#ffffff", "border": "#757575", "dashed": True},
        {"type": "shape", "key": "legend_structure", "glyph": "▭", "color": STRUCTURE_COLORS["unit"][2]},
        {
            "type": "badge",
            "key": "legend_sponsor",
            "letter": "badge_sponsor",
            "color": BADGE_COLORS["sponsor"],
        },
        {"type": "badge", "key": "legend_coach", "letter": "badge_coach", "color": BADGE_COLORS["coach"]},
    ]
    lines = [
        ("reports_to", "legend_reports_to", 1),
        ("influences", "legend_influences", 3),
        ("informal_tie", "legend_informal_tie", 2),
        ("relationship", "legend_relationship", 3),
        ("competitor", "legend_competitor_tie", 2),
        ("planned", "legend_planned", 2),
        ("structure", "legend_structure_tie", 2),
        *([("private", "legend_private_tie", 2)] if redact else []),
        ("anti", "legend_anti", 5),
    ]
    entries += [
        {
            "type": "line",
            "key": key,
            "color": EDGE_STYLES[kind]["color"],
            "width": width,
            "dashed": bool(EDGE_STYLES[kind]["dashes"]),
            **({"dotted": True} if kind == "structure" else {}),
        }
        for kind, key, width in lines
    ]
    entries += _lock_entries(private)
    if changes:
        entries += [
            {"type": "mark", "key": f"legend_{c}", "mark": f"mark_{c}", "color": CHANGE_COLORS[c]}
            for c in CHANGE_COLORS
        ]
    entries += [{"type": "text", "key": "legend_size"}, {"type": "text", "key": "legend_hover"}]
    return entries


def _private_drawn(nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> tuple[bool, bool]:
    """Whether the map marks a private person, and a private tie (only the team's own map does)."""
    return any(n.get("private") for n in nodes), any(e.get("private") for e in edges)


def _lock_entries(private: tuple[bool, bool]) -> list[dict[str, Any]]:
    """The legend's padlock entries: a private person's (a padlock) and a private tie's (a line through a
    padlock), each only when ``private`` says the map draws one. Each carries the padlock's look
    (:data:`~influence.maps.style.PRIVATE_MARK`), from which the page draws the marks on the map too.

    >>> [(e["key"], e["line"]) for e in _lock_entries((False, True))]
    [('legend_private_mark_tie', True)]
    >>> _lock_entries((False, False))
    []
    """
    locks = (("legend_private_person", False), ("legend_private_mark_tie", True))
    return [
        {"type": "lock", "key": key, **PRIVATE_MARK, "line": line}
        for (key, line), drawn in zip(locks, private, strict=True)
        if drawn
    ]


def _focus(account: Account, report: Report, moves: Iterable[Move]) -> set[str]:
    """Buying team, our team, competitors and everyone on an anti-influence, coverage or plan route."""
    focus: set[str] = {p.id for p in account.buying_team} | {t.id for t in account.team}
    focus |= {c.id for c in account.competitors}
    for path in [r.path for r in report.paths] + [r.path for r in report.coverage]:
        focus.update(path)
    for move in moves:
        focus.update(move.route)
    return focus


def _place(
    nodes: list[dict[str, Any]], account: Account, focus: set[str], anon: Redactor, marked: set[str]
) -> set[str]:
    """Set every node's position (and ``focus`` flag); returns the account ids of the nodes drawn.

    ``account`` is laid out under the nodes' ids (a redacted map's: see
    :func:`_without_private_units`); ``focus`` holds account ids.

    A node that will carry a change mark (drawn at its upper left, outside
    its label's room) gets room for the mark too, so that no other node's
    label sits under it and reads as marked.
    """
    real = {v: k for k, v in anon.ids.items()}  # anonymous id -> the person's id
    boxes = {n["id"]: _with_mark(node_box(n), n["id"] in marked) for n in nodes}
    positions = layout(account, {anon.id(f) for f in focus}, boxes)  # (``account`` holds the nodes' ids)
    for node in nodes:
        node["x"], node["y"] = positions.get(node["id"], (0.0, 0.0))
        node["physics"] = False
        if real.get(node["id"], node["id"]) in focus:
            node["focus"] = True
    return {real.get(n["id"], n["id"]) for n in nodes}


def _plan_moves(report: Report, plan: Any, redact: bool = False) -> tuple[Move, ...] | None:
    """The moves to list: from ``plan``, else the report's own plan when it has one.

    A redacted map lists only moves of the public view's plan (a move's gain may run over a
    private tie): other moves are refused.
    """
    chosen = plan if plan is not None else getattr(report, "plan", None)
    if isinstance(plan, Plan) and (plan.account, plan.as_of) != (report.account.id, report.as_of):
        raise UsageError(
            f"render_map: the plan is of account '{plan.account}' as of {plan.as_of.isoformat()}, not "
            f"'{report.account.id}' as of {report.as_of.isoformat()}; make it for this account and date"
        )
    if isinstance(plan, Plan):  # of another version of the account, its moves would mislead
        check_plan_for(report.account, plan, "render_map")
    listed: Any = getattr(chosen, "moves", chosen)  # a Plan (or an object with moves), or the moves
    if listed is not None and (isinstance(listed, (str, bytes)) or not isinstance(listed, Iterable)):
        raise UsageError(
            f"render_map: plan must be a Plan or a sequence of its moves, not {type(listed).__name__}"
        )
    moves: tuple[Move, ...] | None = None if listed is None else tuple(listed)  # a generator is read once
    if moves and not all(hasattr(m, "kind") and hasattr(m, "person") and hasattr(m, "team") for m in moves):
        raise UsageError(
            "render_map: plan must be a Plan or a sequence of its moves (influence.plan(...).moves)"
        )
    if redact and plan is not None and moves:
        public: tuple[Any, ...] = make_plan(
            report.account, report.as_of, len(moves), facts=report.searches()
        ).moves
        if moves != public[: len(moves)]:
            raise UsageError(
                "render_map: a redacted map lists the plan of the account's public view, "
                "influence.plan(account.public_view(), as_of); pass that plan or leave plan out"
            )
    return moves


def _page(data: dict[str, Any], words: Mapping[str, str]) -> str:
    """The page: the template filled in (the vis-network files inlined, the data as JSON).

    The ``<title>`` is plain text (browser tabs and window lists show it as it is): the account's
    name goes in :func:`~influence.maps.nodes.plain`, without the isolates of a name in the panel's
    sentences (shown there in a ``<bdi>``); the template escapes it.
    """
    js, css = _vis_assets()
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(_TEMPLATE_DIR), autoescape=True, undefined=jinja2.StrictUndefined
    )
    markup = jinja2.utils.markupsafe.Markup
    return env.get_template("template.html").render(
        lang=words["html_lang"],
        title=words["title"].format(account=data["account"]["name"]),
        account_name=data["account"]["name"],
        graph_label=words["graph_label"],
        vis_js=markup(js),
        vis_css=markup(css),
        data_json=markup(_json_for_script(data)),
        font_face=FONT_FACE,
        font_size=PERSON_FONT_SIZE,
    )


def _interface_words(
    account: Account, strings: Mapping[str, str] | Callable[[str], str] | None, lang: str | None
) -> tuple[dict[str, str], str]:
    """The map's word table and its language: ``strings`` when given, else the catalogue of ``lang``."""
    t = translator(lang or account.info.language)
    words = map_strings(strings if strings is not None else t.gettext)
    if strings is None:
        words["html_lang"] = t.lang
        # the role, as the reports say it: not the group of decision makers the legend names («ЛПР»)
        words["role_decision_maker"] = term(ROLE_NAMES["decision_maker"], t)
        words.update({key: t.pgettext(*marked) for key, marked in MAP_CONTEXTS.items()})
    return words, t.lang


def _network(
    account: Account,
    report: Report,
    anon: Redactor,
    words: Mapping[str, str],
    redact: bool,
    moves: Iterable[Move],
    marked: set[str],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], set[str]]:
    """The map's nodes (placed) and edges, and the account ids of the nodes drawn."""
    moves = tuple(moves)
    nodes = build_nodes(account, report, anon, words, redact)
    edges = build_edges(account, report, anon, words, redact, moves)
    placed = _without_private_units(account, anon) if redact else account
    return nodes, edges, _place(nodes, placed, _focus(account, report, moves), anon, marked)


def _without_private_units(account: Account, anon: Redactor) -> Account:
    """The account a redacted map is laid out by: a private person in no unit, after everyone else
    and under her anonymous id, so that where she is drawn (among her unit's people; where her real
    id sorts among the others, or the file lists her) does not tell what the map leaves out."""
    if not anon.ids:
        return account
    hidden = sorted(
        (p for p in account.people if p.id in anon.ids), key=lambda p: (len(anon.ids[p.id]), anon.ids[p.id])
    )
    people = tuple(p for p in account.people if p.id not in anon.ids)
    people += tuple(dataclasses.replace(p, unit=None) for p in hidden)  # last: not where the file lists her
    sections: dict[str, Any] = {
        name: _renamed(people if name == "people" else getattr(account, name), name, anon.ids)
        for name in LIST_SECTIONS
    }
    return dataclasses.replace(account, **sections)


def _renamed(records: tuple[Any, ...], kind: str, ids: Mapping[str, str]) -> tuple[Any, ...]:
    """``records`` of ``kind`` with every person's id of ``ids`` (her own, and each reference to
    her) written as its new id; a record that names none is the same object."""
    fields = RECORDS[kind].fields
    own = [f.attribute for f in fields if f.ref == "people" or (kind == "people" and f.key == "id")]
    nested = [(f.attribute, f.record) for f in fields if f.type == "records" and f.record]
    out = []
    for record in records:
        changes: dict[str, Any] = {}
        for name in own:
            value = getattr(record, name)
            if value.__class__ is str and value in ids:
                changes[name] = ids[value]
            elif value.__class__ is tuple and not ids.keys().isdisjoint(value):
                changes[name] = tuple(ids.get(v, v) for v in value)
        for name, inner in nested:
            value = getattr(record, name)
            renamed = _renamed(value, inner, ids)
            if any(a is not b for a, b in zip(renamed, value, strict=True)):
                changes[name] = renamed
        out.append(dataclasses.replace(record, **changes) if changes else record)
    return tuple(out)


#: the room a change mark takes at a node's upper left (the widest mark, bold 10 px, and its height)
MARK_ROOM = (64.0, 16.0)


def _with_mark(box: Box, marked: bool) -> Box:
    """``box`` with room for a change mark (at the upper left: wider on both sides, as boxes are)."""
    if not marked:
        return box
    return Box(box.half_width + MARK_ROOM[0], box.above + MARK_ROOM[1], box.below)


def _report_for(account: Account, as_of: dt.date | str | None, report: Report | None, redact: bool) -> Report:
    """``report`` when it was made for ``account`` on ``as_of`` (its own date when None), else the analysis.

    A redacted map's is the analysis of the account's public view (no figure runs over a private tie).
    """
    expect_account(account, "render_map")
    analysed = account.public_view() if redact else account
    if report is None:
        return analyze(analysed, as_of)
    if not isinstance(report, Report):
        raise UsageError(
            f"render_map: report must be a Report (from influence.analyze), not {type(report).__name__}"
        )
    if report.account.id != account.id:
        raise UsageError(
            f"render_map: the report is of account '{report.account.id}', not '{account.id}'; "
            "analyse this account or leave report out"
        )
    if report.account != analysed:
        raise UsageError(
            "render_map: a redacted map shows the analysis of the account's public view, "
            "analyze(account.public_view(), as_of); pass that report or leave report out"
            if redact
            else "render_map: the report is of another version of the account (or of its public view); "
            "analyze(account, as_of) or leave report out"
        )
    day = report.as_of if as_of is None else parse_as_of(as_of)
    if report.as_of != day:
        raise UsageError(
            f"render_map: the report is as of {report.as_of.isoformat()}, not {day.isoformat()}; "
            "pass the report's date or leave report out"
        )
    return report


def render_map(
    account: Account,
    as_of: dt.date | str | None = None,
    *,
    redact: bool = False,
    report: Report | None = None,
    changes: Mapping[Any, str] | None = None,
    plan: Any = None,
    strings: Mapping[str, str] | Callable[[str], str] | None = None,
    lang: str | None = None,
    earlier: Account | None = None,
) -> InfluenceMap:
    """Render the influence map of an account: linear in people, links and relationships, plus the
    analysis and a spring layout of the focus (buying team, our team, competitors, route members), capped.

    Parameters
    ----------
    account : Account
    as_of : date or str, optional
        Analysis date for the findings panel (default today).
    redact : bool
        Drop email, phone and notes; private people and links only as an
        anonymous "informal influencer" and an unlabeled tie; findings and
        figures of the public view (:meth:`~influence.model.Account.public_view`).
    report : Report, optional
        An analysis already run for this account and date (refused, with a
        :class:`~influence.errors.UsageError`, when made for another one);
        without ``as_of``, the map takes its date. A redacted map's: of the public view.
    changes : mapping, optional
        What is new or changed since an earlier version: a node id, or a
        ``(from, to)`` pair of a tie, mapped to ``"new"`` or ``"changed"``;
        drawn as a mark with a legend entry.
    plan : Plan or sequence of moves, optional
        The plan whose moves the panel lists (default: ``report.plan`` when
        the report carries one).
    strings : mapping or callable, optional
        The interface's words (see :func:`influence.maps.strings.map_strings`);
        default: the gettext catalogue of ``lang``.
    lang : {"en", "ru"}, optional
        The language of the interface and of the findings in the panel
        (default: the account's ``language``, else English).
    earlier : Account, optional
        With ``redact``: the earlier version a review compares with; the
        names and ids its private people had there are hidden too.

    Returns
    -------
    InfluenceMap

    Examples
    --------
    >>> from influence.model import Account, AccountInfo
    >>> m = render_map(Account(AccountInfo("acme", "Acme")), "2026-11-27")
    >>> (m.account, m.nodes, m.edges)
    ('acme', 0, 0)
    """
    redact = expect_flag(redact, "render_map", "redact")
    if earlier is not None and not isinstance(earlier, Account):
        raise UsageError(
            f"render_map: earlier must be an Account (from influence.load), not {type(earlier).__name__}"
        )
    report = _report_for(account, as_of, report, redact)
    words, lang = _interface_words(account, strings, lang)
    anon = Redactor(account, redact, lang, earlier=earlier)
    moves = _plan_moves(report, plan, redact)
    data = _map_data(account, report, anon, (words, lang), redact, moves, changes)
    return InfluenceMap(_page(data, words), account.id, len(data["nodes"]), len(data["edges"]), data)


def _map_data(
    account: Account,
    report: Report,
    anon: Redactor,
    interface: tuple[dict[str, str], str],
    redact: bool,
    moves: tuple[Move, ...] | None,
    changes: Mapping[Any, str] | None,
) -> dict[str, Any]:
    """What the page draws and lists: the network, the panel's findings and moves, the legend (the
    interface: its words and their language)."""
    words, lang = interface
    marked = {k for k in changes or {} if isinstance(k, str)}
    nodes, edges, known = _network(account, report, anon, words, redact, moves or (), marked)
    return {
        "account": {"id": account.id, "name": plain(account.name)},
        "as_of": report.as_of.isoformat(),
        "redacted": redact,
        "strings": words,
        "legend": _legend(bool(changes), redact, _private_drawn(nodes, edges)),
        "nodes": nodes,
        "edges": edges,
        "changes": apply_changes(changes, nodes, edges, anon, words),
        "findings": finding_entries(report, anon, known, lang, words),
        "moves": None if moves is None else move_entries(moves, account, anon, known, words, lang),
        "summary": anon.report(report).summary,  # of the findings it shows
        "people": len(account.people),
        "view": "team" if len(account.people) >= LARGE_ACCOUNT else "all",
        "badges": {"sponsor": BADGE_COLORS["sponsor"], "coach": BADGE_COLORS["coach"]},
        "marks": CHANGE_COLORS,
    }
