"""What a tester found driving the map: selection colours, long names, empty routes, bidirectional names.

Browser tests where the behaviour lives in the page's JavaScript (the shared
``open_page`` fixture); the data-only checks need no browser.
"""

from __future__ import annotations

import re

from influence.loading import load_file
from influence.maps import render_map, style
from influence.maps.nodes import node_box
from influence.maps.strings import MAP_STRINGS
from influence.maps.style import COMPETITOR_COLORS, STANCE_COLORS, STRUCTURE_COLORS, TEAM_COLORS, label_width
from tests.analysis.helpers import make
from tests.conftest import EXAMPLES
from tests.maps.test_map_browser import AS_OF, LABEL_BOXES, opened, shot

#: the colours vis-network gives a node that has none of its own for a state
VIS_DEFAULTS = {"#d2e5ff", "#2b7ce9", "#97c2fc"}
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
LONG_ACCOUNT = "Aktsionernoyeobshchestvo" * 12 + "Holding"  # 295 characters, no space
LONG_PERSON = "Konstantinopolsky" * 18  # 306 characters, no space
ARABIC = ("محمد علي", "فاطمة حسن")
HEBREW = "דוד כהן"
RLO = "Ivan \u202eRLO-Reversed"

# the pixels of a canvas area around a node, in canvas coordinates (x, y, half width, half height)
PIXELS = """([x, y, w, h]) => {
  const net = influenceMap.network, c = document.querySelector('#graph canvas');
  const k = c.width / c.clientWidth, g = c.getBoundingClientRect(), ctx = c.getContext('2d');
  const a = net.canvasToDOM({x: x - w, y: y - h}), b = net.canvasToDOM({x: x + w, y: y + h});
  const data = ctx.getImageData(Math.round(a.x * k), Math.round(a.y * k),
    Math.max(1, Math.round((b.x - a.x) * k)), Math.max(1, Math.round((b.y - a.y) * k))).data;
  const out = [];
  for (let i = 0; i < data.length; i += 4) {
    out.push('#' + [data[i], data[i + 1], data[i + 2]].map(v => v.toString(16).padStart(2, '0')).join(''));
  }
  return out;
}"""


def _share(pixels, colour):
    return sum(p == colour for p in pixels) / len(pixels)


def _drawn_state(page, node_id):
    return page.evaluate(
        "(id) => { const n = influenceMap.network.body.nodes[id]; return [n.selected, n.hover]; }", node_id
    )


def test_every_node_kind_keeps_its_fill_when_selected_or_hovered(open_page, tmp_path):
    page, rendered = opened(open_page, tmp_path, load_file(EXAMPLES / "uralmet.yaml"))
    fills = {
        "dmitry": TEAM_COLORS[0],
        "rival": COMPETITOR_COLORS[0],
        "uralmet-steel": STRUCTURE_COLORS["organization"][0],
        "steel-it": STRUCTURE_COLORS["unit"][0],
        "orlova": STANCE_COLORS[-1][0],
    }
    for node_id, fill in fills.items():
        color = page.evaluate(f"influenceMap.network.body.nodes[{node_id!r}].options.color")
        for state in ("highlight", "hover"):
            assert isinstance(color[state], dict) and color[state].get("background") == fill, (
                node_id,
                state,
                color,
            )
            assert color[state]["border"].lower() not in VIS_DEFAULTS, (node_id, state, color)
            assert color[state]["border"] != color["border"], (node_id, state)  # the border stands out
    # searching "Zaitsev" + Enter selects our team member: the box stays our team's blue
    page.locator("#search").press_sequentially("Zaitsev")
    page.locator("#search").press("Enter")
    page.wait_for_timeout(500)
    assert _drawn_state(page, "dmitry")[0] is True
    box = page.evaluate(
        "(() => { const n = influenceMap.network.body.nodes.dmitry; return [n.x, n.y, n.shape.width / 2, n.shape.height / 2]; })()"
    )
    pixels = page.evaluate(PIXELS, box)
    assert _share(pixels, TEAM_COLORS[0]) > 0.4 and not VIS_DEFAULTS & set(pixels), set(pixels)
    shot(page, "map-selected-team.png")
    # hovering a competitor keeps its dark red
    page.keyboard.press("Escape")
    page.evaluate("influenceMap.network.unselectAll()")
    point = page.evaluate(
        "(() => { const n = influenceMap.network.body.nodes.rival; const d = influenceMap.network.canvasToDOM(n);"
        " const g = document.getElementById('graph').getBoundingClientRect(); return [d.x + g.left, d.y + g.top, n.x, n.y]; })()"
    )
    page.mouse.move(point[0], point[1])
    page.wait_for_timeout(300)
    assert _drawn_state(page, "rival")[1] is True
    pixels = page.evaluate(PIXELS, [point[2], point[3], 3, 3])
    assert _share(pixels, COMPETITOR_COLORS[0]) > 0.5, set(pixels)
    shot(page, "map-hovered-competitor.png")
    # a finding's route selects people, our team and competitors: none turns pale blue
    page.mouse.move(5, 5)
    page.locator("#findings li").first.click()
    page.wait_for_timeout(400)
    selected = page.evaluate("influenceMap.network.getSelectedNodes()")
    assert selected
    for node_id in selected:
        n = next(n for n in rendered.data["nodes"] if n["id"] == node_id)
        assert n["color"]["highlight"]["background"] == n["color"]["background"], node_id
    shot(page, "map-selected-finding.png")


def _long_account():
    return make(
        {
            "format": "influence/v1",
            "account": {"id": "long", "name": LONG_ACCOUNT},
            "people": [
                {"id": "p", "name": LONG_PERSON, "roles": ["economic_buyer", "decision_maker"], "stance": 0},
                {"id": "q", "name": "Anna Smith", "roles": ["user"], "stance": 1},
                {"id": "s", "name": "Boris Kim", "roles": ["technical_buyer"], "stance": 1},
            ],
            "links": [{"from": "q", "to": "p", "type": "influences", "strength": 0.5}],
            "team": [{"id": "t", "name": "Tom Teammate"}],
            "relationships": [{"team": "t", "person": "q", "strength": "medium"}],
        }
    )


def test_long_names_are_cut_on_the_canvas_but_whole_in_tooltip_search_and_layout():
    rendered = render_map(_long_account(), AS_OF)
    node = next(n for n in rendered.data["nodes"] if n["id"] == "p")
    assert len(node["label"]) == style.LABEL_MAX_CHARS and node["label"].endswith("…")
    assert LONG_PERSON.startswith(node["label"][:-1])
    assert ["Name", LONG_PERSON] in node["tip"] and node["name"] == LONG_PERSON
    # the layout reserves room for the label drawn, not the whole name
    assert node_box(node).half_width < label_width("x" * style.LABEL_MAX_CHARS, 14) / 2 + 10
    assert label_width(LONG_PERSON, 14) == label_width(node["label"], 14)
    short = next(n for n in rendered.data["nodes"] if n["id"] == "q")
    assert short["label"] == "Anna Smith" and "name" not in short


def test_long_names_wrap_in_the_panel(open_page, tmp_path):
    page, _ = opened(open_page, tmp_path, _long_account())
    assert page.evaluate("influenceMap.nodes.get('p').label").endswith("…")
    width = "(() => { const s = document.getElementById('side'); return [s.scrollWidth, s.clientWidth]; })()"
    assert page.locator("#account-name").inner_text() == LONG_ACCOUNT
    scroll, client = page.evaluate(width)
    assert scroll <= client, (scroll, client)
    page.locator("#findings li").first.click()
    scroll, client = page.evaluate(width)
    assert scroll <= client, (scroll, client)
    # search by a part of the name beyond the label's cut finds the person, shown in full
    page.locator("#search").press_sequentially(LONG_PERSON[-30:])
    assert page.locator("#results li").first.inner_text().startswith(LONG_PERSON)
    scroll, client = page.evaluate(width)
    assert scroll <= client, (scroll, client)
    # the fit to view leaves the map readable: the label is not drawn across the whole canvas
    assert page.evaluate("influenceMap.network.body.nodes.p.labelModule.size.width") < 420
    assert page.evaluate("influenceMap.network.getScale()") > 0.6
    shot(page, "map-long-names.png")


def _small_account():
    return make(
        {
            "format": "influence/v1",
            "account": {"id": "acme", "name": "Acme Corp"},
            "people": [
                {"id": "a", "name": "Anna Smith", "roles": ["user"], "stance": 1},
                {"id": "b", "name": "Boris Kim", "roles": ["user"]},
            ],
            "team": [{"id": "t", "name": "Tom Teammate"}],
            "relationships": [{"team": "t", "person": "a", "strength": "medium"}],
        }
    )


def test_a_finding_with_nothing_to_show_leaves_the_map_and_names_the_account(open_page, tmp_path):
    page, rendered = opened(open_page, tmp_path, _small_account())
    codes = [f["code"] for f in rendered.data["findings"]]
    titles = {f["code"]: f["title"] for f in rendered.data["findings"]}
    headings = {f["code"]: f["heading"] for f in rendered.data["findings"]}
    assert headings["no-sponsor"] == "No confirmed sponsor"
    assert BIDI_CONTROLS.sub("", titles["no-sponsor"]) == "Acme Corp"
    assert BIDI_CONTROLS.sub("", titles["buying-team-too-small"]) == "Acme Corp"
    before = page.evaluate(
        "influenceMap.nodes.get().map(n => [n.id, n.opacity === undefined ? 1 : n.opacity])"
    )
    for code in ("no-sponsor", "buying-team-too-small"):
        page.locator("#findings li").nth(codes.index(code)).click()
        assert (
            page.evaluate(
                "influenceMap.nodes.get().map(n => [n.id, n.opacity === undefined ? 1 : n.opacity])"
            )
            == before
        )
        assert (
            page.evaluate("influenceMap.edges.get().filter(e => e.color && e.color.opacity < 1).length") == 0
        )
        shown = page.locator("#showing-text").inner_text()
        assert BIDI_CONTROLS.sub("", shown) == MAP_STRINGS["showing_nothing"].format(
            what=f"{headings[code]} — Acme Corp"
        )
    shot(page, "map-finding-without-route.png")
    page.keyboard.press("Escape")
    assert page.locator("#showing").is_hidden()


def _bidi_account():
    return make(
        {
            "format": "influence/v1",
            "account": {"id": "bidi", "name": "Bidi \u202eCo"},
            "people": [
                {"id": "x", "name": ARABIC[0], "roles": ["anti_influencer"], "stance": -2},
                {"id": "y", "name": ARABIC[1], "roles": ["user"], "stance": 0},
                {"id": "z", "name": HEBREW, "roles": ["economic_buyer", "decision_maker"], "stance": 0},
                {"id": "r", "name": RLO, "roles": ["technical_buyer"], "stance": 1},
                {"id": "w", "name": "\u2067Wrapped\u2069 Name", "roles": ["user"], "stance": 1},
            ],
            "links": [
                {"from": "x", "to": "y", "type": "influences", "strength": 0.9},
                {"from": "y", "to": "z", "type": "influences", "strength": 0.9},
                {"from": "r", "to": "z", "type": "influences", "strength": 0.3},
            ],
            "team": [{"id": "t", "name": "Tom Teammate"}],
            "relationships": [{"team": "t", "person": "r", "strength": "strong"}],
        }
    )


# every occurrence of some texts inside an element: [text, offset in the element's text, left edge on screen]
POSITIONS = """([selector, needles]) => {
  const root = document.querySelector(selector);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const out = [];
  let offset = 0;
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    const clean = t.data.replace(/[\u2066-\u2069]/g, '');
    needles.forEach(needle => {
      for (let at = t.data.indexOf(needle); at !== -1; at = t.data.indexOf(needle, at + 1)) {
        const range = document.createRange();
        range.setStart(t, at); range.setEnd(t, at + needle.length);
        out.push([needle, offset + t.data.slice(0, at).replace(/[\u2066-\u2069]/g, '').length,
                  range.getBoundingClientRect().left]);
      }
    });
    offset += clean.length;
  }
  return out;
}"""


def _visual_order(found, start=0, end=10**9):
    """The texts found between two offsets of the element's text, left to right on screen."""
    return [
        needle for needle, _, left in sorted((f for f in found if start <= f[1] < end), key=lambda f: f[2])
    ]


def _logical_order(found, start=0, end=10**9):
    return [needle for needle, _, _ in sorted((f for f in found if start <= f[1] < end), key=lambda f: f[1])]


def test_bidirectional_names_keep_the_text_around_them_in_order(open_page, tmp_path):
    page, rendered = opened(open_page, tmp_path, _bidi_account())
    assert page.errors == []
    labels = page.evaluate(
        "influenceMap.nodes.get().map(n => n.label + JSON.stringify(n.title ? n.title.textContent : ''))"
    )
    assert not any(BIDI_CONTROLS.search(text) for text in labels), labels
    assert page.evaluate("influenceMap.nodes.get('r').label") == "Ivan RLO-Reversed"
    assert page.evaluate("influenceMap.nodes.get('w').label") == "Wrapped Name"
    # the tab's title is plain text: no override, and no isolate (a tab or a window list shows it as a box)
    assert page.evaluate("document.title") == "Influence map: Bidi Co"
    assert "\u202e" not in page.locator("#account-name").inner_text()
    edge_tips = [v for e in rendered.data["edges"] for _, v in e["tip"]]
    assert not any("\u202e" in v for v in edge_tips)
    side = page.locator("#side").inner_text()
    assert not re.search("[\u202a-\u202e]", side), side
    # the route reads left to right in an English sentence: A → B → C, not mirrored
    index = next(i for i, f in enumerate(rendered.data["findings"]) if f["code"] == "anti-influence-path")
    card = f"#findings li:nth-child({index + 1}) span:nth-child(2)"
    found = page.evaluate(POSITIONS, [card, ["→", *ARABIC, HEBREW, "via", ";"]])
    via = next(at for needle, at, _ in found if needle == "via")
    stop = next(at for needle, at, _ in found if needle == ";")
    route = _logical_order(found, via + 3, stop)
    assert route == [ARABIC[0], "→", ARABIC[1], "→", HEBREW], found
    assert _visual_order(found, via, stop) == ["via", *route], found
    # the override is gone from the finding's sentence: what follows the name is not mirrored
    assert "Ivan RLO-Reversed (ally influence" in page.locator(card).inner_text()
    page.locator("#findings li").nth(index).click()
    shown = page.locator("#showing-text")
    assert HEBREW in shown.inner_text() and "\u202e" not in shown.inner_text()
    # the finding's title heads the text (a line of its own in the narrow panel), then the subject
    assert (
        page.locator("#showing-text")
        .inner_text()
        .startswith("Showing: Anti-influence path to a decision maker")
    )
    found = page.evaluate(POSITIONS, ["#showing-text", [HEBREW, "People"]])
    assert _visual_order(found) == _logical_order(found) == [HEBREW, "People"], found
    # a plan move names people by name, isolated too
    moves = page.locator("#moves li").all_inner_texts()
    assert moves and not any(re.search("[\u202a-\u202e]", m) for m in moves), moves
    shot(page, "map-bidi.png")


def test_isolated_names_keep_the_english_possessive():
    from influence.analysis import analyze
    from influence.maps.panel import _said
    from influence.redact import Redactor

    account = make(
        {
            "format": "influence/v1",
            "account": {"id": "acme", "name": "Acme Corp"},
            "people": [{"id": "j", "name": "James Jones", "roles": ["user"], "pains": ["downtime"]}],
        }
    )
    finding = next(f for f in analyze(account, AS_OF).findings if "pains" in f.message)
    message, _ = _said(finding, Redactor(account, False), "en")
    assert "\u2068James Jones\u2069' pains" in message and "'s" not in message, message


def test_a_change_mark_has_room_of_its_own():
    """A mark is drawn at its node's upper left, outside the label's room: another node's label
    could sit under it and read as the one marked (Anna Petrova's 'changed' under Petr Petrov)."""
    from influence import analyze, load
    from influence.maps import render_map
    from influence.maps.nodes import node_box
    from influence.maps.style import label_width

    account = load(EXAMPLES / "uralmet-ru.yaml")
    changes = {p.id: "changed" for p in account.people}
    report = analyze(account, "2027-02-01")
    data = render_map(account, "2027-02-01", report=report, changes=changes).data
    nodes = data["nodes"]
    for n in nodes:
        if not n.get("change"):
            continue
        r, text = n.get("size", 12), data["strings"]["mark_" + n["change"]]
        w = label_width(text, 10) + 8
        mark = (n["x"] - r - w + 4, n["y"] - r - 13, n["x"] - r + 4, n["y"] - r + 1)
        for other in nodes:
            if other is n:
                continue
            box = node_box(other)
            room = (
                other["x"] - box.half_width,
                other["y"] - box.above,
                other["x"] + box.half_width,
                other["y"] + box.below,
            )
            overlap = mark[0] < room[2] and room[0] < mark[2] and mark[1] < room[3] and room[1] < mark[3]
            assert not overlap, (n["id"], other["id"])


def _structure_rows(account) -> dict[str, float]:
    import tempfile
    from pathlib import Path

    from tests.conftest import map_data

    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "m.html"
        page.write_text(render_map(account, AS_OF).html, encoding="utf-8")
        return {n["id"]: n["y"] for n in map_data(page)["nodes"] if n["kind"] in ("organization", "unit")}


def test_the_structure_band_reads_top_down_a_parent_above_its_children():
    """The holding above its subsidiaries, a directorate above its departments (ids ordered them before)."""
    for name in ("uralmet.yaml", "uralmet-ru.yaml"):
        account = load_file(EXAMPLES / name)
        y = _structure_rows(account)
        for org in account.organizations:
            if org.parent is not None:
                assert y[org.parent] < y[org.id], (name, org.id)
        for unit in account.units:
            above = unit.parent or unit.organization
            if above is not None:
                assert y[above] < y[unit.id], (name, unit.id)
    generated = make(
        {
            "format": "influence/v1",
            "account": {"id": "z", "name": "Z"},
            "organizations": [
                {"id": "z-holding", "name": "Z"},
                {"id": "a-sub", "name": "A", "parent": "z-holding"},
            ],
            "units": [
                {"id": "a-dept", "name": "Dept", "organization": "a-sub", "parent": "z-board"},
                {"id": "z-board", "name": "Board", "organization": "a-sub"},
            ],
        }
    )
    y = _structure_rows(generated)
    assert (
        y["z-holding"] < y["a-sub"] < y["z-board"] < y["a-dept"]
    )  # ids alone would put each pair the other way


def test_a_long_legend_entry_wraps_beside_its_icon(open_page, tmp_path):
    """A Russian entry takes two lines in the panel's legend: the second starts under the first, not under the icon."""
    page, _ = opened(open_page, tmp_path, load_file(EXAMPLES / "uralmet-ru.yaml"))
    lines = page.evaluate(
        """() => [...document.querySelectorAll('#legend > div:not(.wide)')].map(row => {
             const icon = row.firstElementChild.getBoundingClientRect();
             const range = document.createRange(); range.selectNodeContents(row.lastChild);
             const rects = [...range.getClientRects()].map(r => Math.round(r.left));
             return [row.dataset.key, Math.round(icon.right), rects];
           })"""
    )
    wrapped = [(key, right, lefts) for key, right, lefts in lines if len(set(lefts)) and len(lefts) > 1]
    assert wrapped, "some Russian entry takes two lines at this width"
    for key, right, lefts in lines:
        assert min(lefts) >= right, key  # every line of its text to the right of its icon


# the circles of the people shown, in canvas coordinates, as LABEL_BOXES gives their labels
PERSON_CIRCLES = """() => Object.values(influenceMap.network.body.nodes)
  .filter(n => !n.options.hidden && ['person', 'decision_maker', 'context', 'private'].includes(influenceMap.nodes.get(n.id).kind))
  .map(n => [n.id, n.x - n.options.size, n.y - n.options.size, 2 * n.options.size, 2 * n.options.size])"""


def test_a_name_with_line_breaks_is_drawn_on_one_line_clear_of_other_names_and_people(open_page, tmp_path):
    """Names with line breaks were drawn by vis-network on three lines where the layout had room for
    one: 13 names ran into other people at the opening zoom. The label is now one line; the whole name,
    line breaks and all, stays in the tooltip and the search."""
    name = "Line{i} first\nsecond line\nthird line {i}"
    account = make(
        {
            "format": "influence/v1",
            "account": {"id": "lines", "name": "Lines"},
            "people": [{"id": f"p{i}", "name": name.format(i=i)} for i in range(25)],
            "links": [{"from": f"p{i}", "to": f"p{i + 1}", "type": "friend"} for i in range(24)],
        }
    )
    page, rendered = opened(open_page, tmp_path, account)
    labels = page.evaluate(LABEL_BOXES)
    circles = page.evaluate(PERSON_CIRCLES)
    assert len(labels) == len(circles) == 25
    hits = [
        (a, b)
        for a, ax, ay, aw, ah in labels
        for b, bx, by, bw, bh in labels + circles
        if a != b and min(ax + aw, bx + bw) > max(ax, bx) and min(ay + ah, by + bh) > max(ay, by)
    ]
    assert hits == []
    assert [
        lines
        for lines in page.evaluate(
            "Object.values(influenceMap.network.body.nodes).map(n => n.labelModule.lines.length)"
        )
        if lines != 1
    ] == []
    node = next(n for n in rendered.data["nodes"] if n["id"] == "p3")
    assert node["label"] == "Line3 first second line third line 3" and node["name"] == name.format(i=3)
    shot(page, "map-line-breaks.png")
    assert page.errors == []


def test_every_changed_tie_carries_its_pill_even_a_short_one():
    """Kozlov's tie to Ivanov (and Sidorov's to Sokolov) is too short for a pill clear of the two
    names along it: it had only its band, which reads as an ordinary tie. The pill goes beside it."""
    from influence.maps.svg import svg_text

    changes = {("dmitry", "petrov"): "new", ("olga", "ivanov"): "changed", ("kozlov", "ivanov"): "changed"}
    rendered = render_map(load_file(EXAMPLES / "uralmet.yaml"), AS_OF, changes=changes)
    marks, edges = rendered.data["marks"], rendered.data["edges"]
    marked = sorted((e["from"], e["to"], e["change"]) for e in edges if e.get("change"))
    assert marked == [  # both ties between Kozlov and Ivanov (his reporting line and his influence)
        ("dmitry", "petrov", "new"),
        ("kozlov", "ivanov", "changed"),
        ("kozlov", "ivanov", "changed"),
        ("olga", "ivanov", "changed"),
    ]
    svg = svg_text(rendered)
    # a pill for each pair: one for Kozlov's two ties to Ivanov, one for Olga's
    assert svg.count(f'fill="{marks["changed"]}" stroke="#ffffff"') == 2
    assert svg.count(f'fill="{marks["new"]}" stroke="#ffffff"') == 1
