"""The influence map in a real headless Chromium, offline, with its own JavaScript running.

One browser for the module (the session fixture); small accounts except one
large-account test. Screenshots go to build/ for a person to look at.
"""

from __future__ import annotations

import os
import re
from types import SimpleNamespace

import pytest

from influence.analysis import analyze
from influence.loading import load_file
from influence.maps import MAP_STRINGS, render_map
from tests.analysis.helpers import make
from tests.conftest import EXAMPLES, ROOT

AS_OF = "2026-11-27"
BUILD = ROOT / "build"
EXAMPLE_NAMES = ["uralmet.yaml", "uralmet-ru.yaml", "uralmet-2027q1.yaml", "new-account.yaml"]

# the label boxes vis-network measured, in canvas coordinates, of the people shown
LABEL_BOXES = """() => Object.values(influenceMap.network.body.nodes)
  .filter(n => !n.options.hidden && n.labelModule && n.labelModule.size && n.options.label
          && ['person', 'decision_maker', 'context', 'private', 'competitor'].includes(influenceMap.nodes.get(n.id).kind))
  .map(n => [n.id, n.labelModule.size.left, n.labelModule.size.top, n.labelModule.size.width, n.labelModule.size.height])"""


def screen_point(page, node_id):
    return page.evaluate(
        "(id) => { const p = influenceMap.network.getPosition(id); const d = influenceMap.network.canvasToDOM(p);"
        " const r = document.getElementById('graph').getBoundingClientRect(); return [d.x + r.left, d.y + r.top]; }",
        node_id,
    )


def edge_point(page, edge_id, at=0.5):
    """The page coordinates of the point ``at`` (0..1) along an edge as drawn (straight or bowed)."""
    return page.evaluate(
        "([id, at]) => { const net = influenceMap.network; const d = net.canvasToDOM(net.body.edges[id].edgeType.getPoint(at));"
        " const r = document.getElementById('graph').getBoundingClientRect(); return [d.x + r.left, d.y + r.top]; }",
        [edge_id, at],
    )


def until(page, expression, timeout=5.0):
    """Poll an expression from Python (the page's CSP forbids the eval that wait_for_function uses)."""
    import time

    end = time.monotonic() + timeout
    while not page.evaluate(expression):
        assert time.monotonic() < end, f"timed out waiting for {expression}"
        page.wait_for_timeout(50)


def shot(page, name):
    BUILD.mkdir(exist_ok=True)
    page.wait_for_timeout(400)  # let the fit animation end
    page.screenshot(path=str(BUILD / name))
    assert (BUILD / name).stat().st_size > 10_000


def opened(open_page, tmp_path, account, name="m.html", viewport=(1500, 900), **kwargs):
    rendered = render_map(account, AS_OF, **kwargs)
    return open_page(rendered.save(tmp_path / name), viewport=viewport), rendered


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_example_map_offline_readable_and_without_label_collisions(open_page, tmp_path, name):
    account = load_file(EXAMPLES / name)
    page, rendered = opened(open_page, tmp_path, account)
    assert page.blocked == [] and page.errors == []
    expected = sum(
        len(x)
        for x in (account.people, account.team, account.competitors, account.units, account.organizations)
    )
    assert page.evaluate("[influenceMap.nodes.length, influenceMap.edges.length]") == [
        expected,
        rendered.edges,
    ]
    assert page.evaluate("influenceMap.network.physics.options.enabled") is False
    # every node id is the account's own id
    ids = {p.id for p in account.people} | {t.id for t in account.team} | {c.id for c in account.competitors}
    ids |= {u.id for u in account.units} | {o.id for o in account.organizations}
    assert set(page.evaluate("influenceMap.nodes.getIds()")) == ids
    boxes = page.evaluate(LABEL_BOXES)
    assert len(boxes) == len(account.people) + len(account.competitors)
    for i, (a, ax, ay, aw, ah) in enumerate(boxes):
        for b, bx, by, bw, bh in boxes[i + 1 :]:
            overlap = min(ax + aw, bx + bw) > max(ax, bx) and min(ay + ah, by + bh) > max(ay, by)
            assert not overlap, f"labels of {a} and {b} overlap"
    # organisation and unit labels are readable at the default zoom (at least 11 px on screen)
    scale = page.evaluate("influenceMap.network.getScale()")
    sizes = page.evaluate(
        "influenceMap.nodes.get({filter: n => n.kind === 'unit' || n.kind === 'organization'}).map(n => n.font.size)"
    )
    assert all(size * scale >= 11 for size in sizes), (scale, sizes)
    report = analyze(account, AS_OF)
    assert page.locator("#findings li").count() == max(1, sum(f.severity == "high" for f in report.findings))
    assert page.locator("#account-name").inner_text() == account.name
    assert AS_OF in page.locator("#as-of-line").inner_text()
    shot(page, f"map-{name.removesuffix('.yaml')}.png")


def test_badges_legend_and_stance_styles(open_page, tmp_path):
    page, _ = opened(open_page, tmp_path, load_file(EXAMPLES / "uralmet.yaml"))
    node = lambda i: page.evaluate(f"influenceMap.nodes.get({i!r})")  # noqa: E731
    assert node("belov")["badges"] == ["sponsor"] and node("morozova")["badges"] == ["coach"]
    assert (
        node("belov")["color"]["background"] == "#1b5e20"
        and node("kozlov")["color"]["background"] == "#e53935"
    )
    assert (
        node("orlova")["shape"] == "diamond"
        and node("olga")["shape"] == "box"
        and node("rival")["shape"] == "triangle"
    )
    assert node("petrova")["shapeProperties"] == {"borderDashes": [5, 4]}
    legend = page.locator("#legend").inner_text()
    assert "confirmed sponsor" in legend and "coach" in legend
    assert "faded: not in the buying team" in legend and "person in a unit, unit in an organization" in legend
    # the badge is painted: the pixel at its centre has the sponsor colour
    x, y, _ = page.evaluate(
        "(() => { const n = influenceMap.network.body.nodes.belov; const d = influenceMap.network.canvasToDOM("
        "{x: n.x + n.options.size * 0.85 - 6.5, y: n.y - n.options.size * 0.85});"
        " const g = document.getElementById('graph').getBoundingClientRect(); return [d.x + g.left, d.y + g.top, 0]; })()"
    )
    pixel = page.evaluate(
        "([x, y]) => { const c = document.querySelector('#graph canvas'); const k = c.width / c.clientWidth;"
        " const g = c.getBoundingClientRect(); return Array.from(c.getContext('2d').getImageData("
        "Math.round((x - g.left) * k), Math.round((y - g.top) * k), 1, 1).data); }",
        [x, y],
    )
    assert pixel[:3] == [0xF9, 0xA8, 0x25], pixel


def test_finding_click_highlights_the_route_and_esc_clears(open_page, tmp_path):
    page, rendered = opened(open_page, tmp_path, load_file(EXAMPLES / "uralmet-ru.yaml"))
    index, first = next(
        (i, f) for i, f in enumerate(rendered.data["findings"]) if len(f["route"]["pairs"]) >= 2
    )
    assert first["code"] == "anti-influence-path" and len(first["route"]["nodes"]) >= 3
    # the card is headed by the finding's title in the map's language, not by its code
    assert (
        page.locator("#findings li").nth(index).locator(".code").inner_text() == "Путь противодействия к ЛПР"
    )
    page.locator("#findings li").nth(index).click()
    shown = page.locator("#showing-text").inner_text()
    assert "Путь противодействия к ЛПР" in shown and "anti-influence-path" not in shown and "Esc" in shown
    opacity = dict(page.evaluate("influenceMap.nodes.get().map(n => [n.id, n.opacity])"))
    route = set(first["route"]["nodes"])
    assert all(opacity[i] == 1 for i in route)
    assert all(opacity[i] < 0.2 for i in opacity if i not in route)
    # a dimmed person's name fades too (a node's opacity left its label dark); lit names stay dark
    label = "(id) => (influenceMap.nodes.get(id).font || {}).color"
    dimmed = next(p.id for p in load_file(EXAMPLES / "uralmet-ru.yaml").people if p.id not in route)
    assert page.evaluate(label, dimmed).startswith("rgba(") and page.evaluate(label, dimmed).endswith(
        ", 0.28)"
    )
    assert all(page.evaluate(label, i) in (None, "#343434", "#ffffff") for i in route)
    lit = page.evaluate("influenceMap.network.getSelectedEdges()")
    pairs = {tuple(p) for p in first["route"]["pairs"]}
    anti = {tuple(p) for p in first["route"]["anti"]}
    edges = page.evaluate("influenceMap.edges.get().map(e => [e.id, e.from, e.to, e.kind])")
    assert lit and all(
        (f, t) in anti if k == "anti" else (f, t) in pairs or (t, f) in pairs
        for i, f, t, k in edges
        if i in lit
    )
    assert any(k == "anti" for i, _, _, k in edges if i in lit)
    shot(page, "map-route-highlight.png")
    page.keyboard.press("Escape")
    assert page.locator("#showing").is_hidden()
    assert page.evaluate("influenceMap.nodes.get('orlova').opacity") == 1
    assert page.evaluate(label, dimmed) == "#343434"
    assert page.evaluate("influenceMap.network.getSelectedNodes()") == []


def test_plan_moves_listed_and_highlight_their_route(open_page, tmp_path):
    move = SimpleNamespace(
        rank=1,
        kind="meet",
        team="dmitry",
        person="orlova",
        introducer="petrov",
        gain=0.85,
        coverage=(),
        resolves=(SimpleNamespace(code="decision-maker-weak", subject="orlova"),),
        route=("dmitry", "petrov", "orlova"),
    )
    plan = SimpleNamespace(moves=(move,))
    page, _ = opened(open_page, tmp_path, load_file(EXAMPLES / "uralmet.yaml"), plan=plan)
    item = page.locator("#moves li").first
    assert "Dmitry Zaitsev meets Elena Orlova, introduced by Petr Petrov" in item.inner_text()
    assert "resolves: decision maker weakly covered" in item.inner_text()
    item.click()
    assert sorted(page.evaluate("influenceMap.state.highlight.nodes")) == ["dmitry", "orlova", "petrov"]
    assert len(page.evaluate("influenceMap.state.highlight.edges")) >= 2
    assert "move 1" in page.locator("#showing-text").inner_text()


STALLED = {
    "format": "influence/v1",
    "account": {"id": "n", "name": "New"},
    "team": [{"id": "me", "name": "Me"}],
    "people": [
        {"id": "a", "name": "A", "roles": ["economic_buyer"]},
        {"id": "b", "name": "B", "roles": ["decision_maker"]},
        {"id": "c", "name": "C", "roles": ["user"]},
    ],
}


def test_an_empty_plan_says_why_when_decision_makers_are_not_covered(open_page, tmp_path):
    """'The plan has nothing to add' read as 'all is well' on a new account nobody on our side reaches."""
    page, _ = opened(open_page, tmp_path, make(STALLED))
    assert page.locator("#moves li").first.inner_text() == MAP_STRINGS["plan_stalled"]
    covered = dict(STALLED, people=[], relationships=[])  # no decision maker: nothing to cover
    page, _ = opened(open_page, tmp_path, make(covered), name="n.html")
    assert page.locator("#moves li").first.inner_text() == MAP_STRINGS["plan_none"]


LIT = "influenceMap.state.highlight.edges.map(id => { const e = influenceMap.edges.get(id); return [e.from, e.to, e.kind]; })"


def _lit(page):
    return sorted(tuple(e) for e in page.evaluate(LIT))


def test_a_route_lights_its_own_ties_and_counts_what_it_lights(open_page, tmp_path):
    """The finding on Elena Orlova lit its sources but not their anti-influence paths to her (nor
    Sokolov, in the middle of two); plan move 2 lit four anti-influence arrows Orlova -> Petrov of
    other paths and said "ties: 6" for a route of two."""
    page, rendered = opened(open_page, tmp_path, load_file(EXAMPLES / "uralmet.yaml"))
    index = next(
        i
        for i, f in enumerate(rendered.data["findings"])
        if f["code"] == "anti-influence-path" and f["subject"] == "orlova"
    )
    page.locator("#findings li").nth(index).click()
    until(page, "!influenceMap.state.moving")
    lit = _lit(page)
    assert [(f, t) for f, t, k in lit if k == "anti"] == [
        ("kuznetsov", "sokolov"),
        ("seversoft", "orlova"),
        ("smirnova", "sokolov"),
        ("sokolov", "orlova"),
    ]
    assert page.evaluate("influenceMap.nodes.get('sokolov').opacity") == 1
    assert f"ties: {len(lit)}." in page.locator("#showing-text").inner_text()
    shot(page, "map-anti-finding-paths.png")
    page.keyboard.press("Escape")
    page.locator("#moves li").nth(1).click()
    until(page, "!influenceMap.state.moving")
    assert "Petr Petrov" in page.locator("#moves li").nth(1).inner_text()
    assert _lit(page) == [("dmitry", "petrov", "relationship"), ("petrov", "orlova", "reports_to")]
    assert "People: 3, ties: 2." in page.locator("#showing-text").inner_text()
    shot(page, "map-move-own-ties.png")


def test_a_stacked_anti_influence_step_shows_its_strongest_path_first(open_page, tmp_path):
    """Hovering SeverSoft -> Orlova, a step of four paths, showed the weakest (0.36) on top."""
    page, _ = opened(open_page, tmp_path, load_file(EXAMPLES / "uralmet.yaml"))
    step = "influenceMap.edges.get({filter: e => e.from === 'seversoft' && e.to === 'orlova' && e.kind === 'anti'})"
    assert page.evaluate(f"{step}.length") == 1
    page.mouse.move(
        *edge_point(page, page.evaluate(f"{step}[0].id"), 0.45)
    )  # it bows beside the competitor's tie
    until(page, f"{step}.some(e => e.label === '0.90')")
    tip = page.locator("div.vis-tooltip")
    tip.wait_for(state="visible", timeout=5000)
    lines = tip.inner_text().splitlines()
    assert lines[:3] == [
        "Strength: 0.90",
        "Anti-influence path: SeverSoft → Elena Orlova",
        "Path strength: 0.90",
    ]
    assert "Path strength: 0.36" in lines
    shot(page, "map-stacked-anti-step.png")


def test_search_matches_any_part_case_insensitively_as_you_type(open_page, tmp_path):
    page, _ = opened(open_page, tmp_path, load_file(EXAMPLES / "uralmet-ru.yaml"))
    page.locator("#search").press_sequentially("Орл")
    assert page.locator("#results li").all_inner_texts()[0].startswith("Елена Орлова")
    page.locator("#search").fill("")
    page.locator("#search").press_sequentially("орлова")
    assert page.locator("#results li").count() == 1
    shot(page, "map-search.png")
    page.locator("#results li").first.click()
    assert page.evaluate("influenceMap.network.getSelectedNodes()") == ["orlova"]
    page.locator("#search").fill("zzz")
    assert page.locator("#results li").count() == 0
    assert page.locator("#search-status").inner_text() == "Никто не найден по запросу «zzz»"  # language: ru


def test_search_finds_names_stored_or_typed_decomposed(open_page, tmp_path):
    """A name stored decomposed (NFD: ё as е and a combining diaeresis, й as и and a breve), as text
    pasted from macOS or a PDF holds it, was not found by «Фёдоров», «федоров» or «Андрей»."""
    import unicodedata

    text = (EXAMPLES / "uralmet-ru.yaml").read_text(encoding="utf-8")
    for name in ("Николай Фёдоров", "Андрей Лебедев"):
        text = text.replace(name, unicodedata.normalize("NFD", name))
    (tmp_path / "nfd.yaml").write_text(text, encoding="utf-8")
    page, _ = opened(open_page, tmp_path, load_file(tmp_path / "nfd.yaml"))
    ids = "() => Array.from(document.querySelectorAll('#results li[data-id]')).map(li => li.dataset.id)"
    for query in ("Фёдоров", "федоров", "ФЕДОРОВ", unicodedata.normalize("NFD", "Фёдоров")):
        page.locator("#search").fill(query)
        assert page.evaluate(ids) == ["fedorov"], query
    page.locator("#search").fill("Андрей")
    assert "lebedev" in page.evaluate(ids)
    page.locator("#search").fill(unicodedata.normalize("NFD", "Орлова"))  # a query pasted decomposed
    assert page.evaluate(ids) == ["orlova"]
    page.locator("#search").fill("Николай")  # decomposed й in the name, composed in the query
    assert page.evaluate(ids) == ["fedorov"]


def test_cards_and_search_results_work_from_the_keyboard(open_page, tmp_path):
    """Findings, moves, "what changed" and search results had click handlers only: a presenter driving
    the page from a keyboard could not light a finding or pick the second of two namesakes."""
    page, _ = opened(open_page, tmp_path, load_file(EXAMPLES / "uralmet.yaml"), changes={"orlova": "new"})
    cards = page.locator(".cards li:not(.none)")
    assert cards.count() >= 3
    assert page.evaluate(
        "Array.from(document.querySelectorAll('.cards li:not(.none)')).every(li => li.tabIndex === 0"
        " && li.getAttribute('role') === 'button')"
    )
    # Tab reaches the first finding; Enter lights it, Esc clears it, Space lights it again
    first = page.locator("#findings li").first
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement === document.querySelector('#findings li')"):
            break
    else:
        pytest.fail("Tab never reaches the first finding")
    page.keyboard.press("Enter")
    assert page.evaluate("influenceMap.state.highlight") is not None and "active" in first.get_attribute(
        "class"
    )
    page.keyboard.press("Escape")
    assert page.evaluate("influenceMap.state.highlight") is None
    scroll = page.evaluate("document.getElementById('side').scrollTop")
    page.keyboard.press(" ")
    assert page.evaluate("influenceMap.state.highlight") is not None
    assert page.evaluate("document.getElementById('side').scrollTop") == scroll  # Space did not scroll
    page.keyboard.press("Escape")
    # the search: ↓ to the results, ↓/↑ through them, Enter picks the one focused
    page.locator("#search").fill("ov")
    ids = page.evaluate(
        "Array.from(document.querySelectorAll('#results li[data-id]')).map(li => li.dataset.id)"
    )
    assert len(ids) >= 3
    page.locator("#search").press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.dataset.id") == ids[1]
    page.keyboard.press("Enter")
    assert page.evaluate("influenceMap.network.getSelectedNodes()") == [ids[1]]
    page.locator("#results li").first.focus()
    page.keyboard.press("ArrowUp")  # from the first result back to the search box
    assert page.evaluate("document.activeElement.id") == "search"
    page.locator("#results li").nth(2).focus()
    page.keyboard.press(" ")
    assert page.evaluate("influenceMap.network.getSelectedNodes()") == [ids[2]]
    assert page.errors == []


def test_namesakes_in_the_search_results_are_told_apart(open_page, tmp_path):
    """Four "Nadia Belov · person" results of four different people: nothing told which one you pick.
    Now a namesake's title and unit follow the name (and the id when even those are the same)."""
    people = [
        {"id": "dm", "name": "Dana Boss", "roles": ["economic_buyer"], "unit": "ua"},
        {"id": "n1", "name": "Nadia Belov", "title": "Specialist", "unit": "ua"},
        {"id": "n2", "name": "Nadia Belov", "title": "Specialist", "unit": "ub"},
        {"id": "n3", "name": "nadia belov", "title": "Engineer", "unit": "ub"},
        {"id": "n4", "name": "Nadia Belov", "title": "Engineer", "unit": "ub"},
        {"id": "solo", "name": "Nadia Orlova", "title": "Analyst", "unit": "ua"},
    ]
    account = make(
        {
            "format": "influence/v1",
            "account": {"id": "ns", "name": "Namesakes"},
            "units": [{"id": "ua", "name": "Alpha <Works>"}, {"id": "ub", "name": "Beta"}],
            "people": people,
        }
    )
    page, _ = opened(open_page, tmp_path, account)
    page.locator("#search").fill("nadia")
    texts = dict(
        page.evaluate(
            "Array.from(document.querySelectorAll('#results li[data-id]')).map(li => [li.dataset.id, li.innerText])"
        )
    )
    assert texts["n1"].startswith("Nadia Belov · Specialist, Alpha <Works>")  # as text, not markup
    assert texts["n2"].startswith("Nadia Belov · Specialist, Beta")
    assert texts["n3"].startswith("nadia belov · Engineer, Beta, n3")
    assert texts["n4"].startswith("Nadia Belov · Engineer, Beta, n4")
    assert (
        texts["solo"].startswith("Nadia Orlova") and "Analyst" not in texts["solo"]
    )  # no namesake: as before
    assert len(set(texts.values())) == len(texts)
    shot(page, "map-search-namesakes.png")


def test_filter_views_and_edge_strength_on_hover(open_page, tmp_path):
    account = load_file(EXAMPLES / "uralmet.yaml")
    page, rendered = opened(open_page, tmp_path, account)
    visible = "influenceMap.nodes.get({filter: n => !n.hidden}).map(n => n.kind)"
    assert len(page.evaluate(visible)) == rendered.nodes
    page.locator("#views button[data-view=team]").click()
    kinds = page.evaluate(visible)
    assert "unit" not in kinds and "organization" not in kinds and "team" in kinds
    assert len(kinds) == sum(1 for n in rendered.data["nodes"] if n.get("focus"))
    page.locator("#views button[data-view=structure]").click()
    kinds = set(page.evaluate(visible))
    assert {"unit", "organization", "decision_maker"} <= kinds and not kinds & {"team", "competitor"}
    edge_kinds = set(page.evaluate("influenceMap.edges.get({filter: e => !e.hidden}).map(e => e.kind)"))
    assert edge_kinds == {"structure", "reports_to"}
    page.locator("#views button[data-view=all]").click()
    # hover the middle of kozlov -> ivanov (influences, 0.7), bowed away from his reporting line
    between = "influenceMap.edges.get({filter: e => e.from === 'kozlov' && e.to === 'ivanov'})"
    (influence,) = (
        e["id"]
        for e in rendered.data["edges"]
        if (e["from"], e["to"], e["kind"]) == ("kozlov", "ivanov", "influences")
    )
    page.mouse.move(*edge_point(page, influence))
    until(page, f"{between}.some(e => e.label === '0.70' && e.id === {influence!r})")
    tip = page.locator("div.vis-tooltip")
    tip.wait_for(state="visible", timeout=5000)
    assert "Strength: 0.70" in tip.inner_text()
    font = page.evaluate("getComputedStyle(document.querySelector('div.vis-tooltip')).fontFamily")
    assert font.startswith('"DejaVu Sans"') and "serif" not in font.replace("sans-serif", "")
    page.mouse.move(5, 5)
    until(page, f"{between}.every(e => !e.label)")


def test_every_word_of_the_interface_comes_from_the_string_table(open_page, tmp_path):
    def mark(text):  # every Latin letter outside {placeholders} becomes Cyrillic
        return re.sub(r"\{\w+\}|[A-Za-z]", lambda m: m.group(0) if m.group(0).startswith("{") else "ж", text)

    account = load_file(EXAMPLES / "uralmet-ru.yaml")
    page, _ = opened(open_page, tmp_path, account, strings=mark, changes={"orlova": "new"})
    panel = page.evaluate(
        "['#as-of-line', '#summary', '#views', '#legend', '#findings-heading', '#changes-heading', '#changes']"
        ".map(s => document.querySelector(s).innerText).join(' ')"
    )
    assert not re.search(r"[A-Za-z]", panel), panel
    assert not re.search(r"[A-Za-z]", page.evaluate("document.getElementById('search').placeholder"))
    page.locator("#search").press_sequentially("qqq")
    assert not re.search(r"[A-Za-z]", page.locator("#search-status").inner_text().replace("qqq", ""))
    tips = page.evaluate(
        "influenceMap.data.nodes.concat(influenceMap.data.edges).flatMap(x => x.tip.map(r => r[0]))"
    )
    assert not re.search(r"[A-Za-z]", "".join(tips))
    assert set(MAP_STRINGS) == set(page.evaluate("Object.keys(influenceMap.data.strings)"))


def test_changes_are_marked_with_a_legend_entry(open_page, tmp_path):
    changes = {"orlova": "changed", "nikitin": "new", ("dmitry", "petrov"): "new"}
    page, _ = opened(open_page, tmp_path, load_file(EXAMPLES / "uralmet.yaml"), changes=changes)
    assert page.evaluate("influenceMap.nodes.get('orlova').change") == "changed"
    assert page.evaluate("influenceMap.nodes.get('nikitin').change") == "new"
    marked = page.evaluate(
        "influenceMap.edges.get({filter: e => e.change === 'new'}).map(e => [e.from, e.to])"
    )
    assert marked == [["dmitry", "petrov"]]
    legend = page.locator("#legend").inner_text()
    assert "new since the last review" in legend and "changed since the last review" in legend
    card = page.locator("#changes li").first
    assert card.inner_text().splitlines()[0] == "Show what changed"  # not the heading above it again
    card.click()
    assert sorted(page.evaluate("influenceMap.state.highlight.nodes")) == [
        "dmitry",
        "nikitin",
        "orlova",
        "petrov",
    ]
    shot(page, "map-changes.png")
    with pytest.raises(ValueError, match="orlova"):
        render_map(load_file(EXAMPLES / "uralmet.yaml"), AS_OF, changes={"orlova": "moved"})


def test_empty_account_shows_a_message(open_page, tmp_path):
    page, _ = opened(open_page, tmp_path, load_file(EXAMPLES / "new-account.yaml"))
    assert page.locator("#empty").is_visible()
    assert page.locator("#empty").inner_text() == MAP_STRINGS["empty"]
    assert page.errors == []


def test_hostile_text_renders_as_text(open_page, tmp_path):
    evil = "<img src=x onerror=alert(1)>"
    pains = ['see <a href="javascript:alert(2)">"href"</a>', "</script><script>alert(3)</script>"]
    account = make(
        {
            "format": "influence/v1",
            "account": {"id": "evil", "name": "<script>alert(4)</script> Corp"},
            "people": [
                {"id": "x", "name": evil, "roles": ["economic_buyer"], "pains": pains, "offer": "a & b < c"},
                {"id": "y", "name": "quote \" and ' and `", "roles": ["user"], "stance": 1},
                {"id": "z", "name": "line\u2028sep\u2029nul\x00esc\x1b[2J", "roles": ["user"]},
            ],
            "links": [{"from": "y", "to": "x", "type": "influences"}],
        }
    )
    page, _ = opened(open_page, tmp_path, account, name="evil.html")
    assert page.dialogs == [] and page.errors == [] and page.blocked == []
    assert page.evaluate("document.querySelectorAll('img, a').length") == 0
    assert page.locator("#account-name").inner_text() == "<script>alert(4)</script> Corp"
    assert page.evaluate("influenceMap.nodes.get('x').label") == evil
    # control characters and JavaScript's line separators travel in the page's data unharmed
    assert page.evaluate("influenceMap.nodes.get('z').label") == "line\u2028sep\u2029nul\x00esc\x1b[2J"
    page.locator("#search").press_sequentially("<img")
    assert page.locator("#results li").first.inner_text().startswith(evil)
    page.mouse.move(*screen_point(page, "x"))
    tip = page.locator("div.vis-tooltip")
    tip.wait_for(state="visible", timeout=5000)
    text = tip.inner_text()
    assert evil in text and pains[0] in text and pains[1] in text
    assert "&lt;img" in tip.inner_html()
    assert page.evaluate("document.querySelectorAll('img, a').length") == 0 and page.dialogs == []


def test_redacted_map_has_no_contacts_notes_or_private_people(open_page, tmp_path):
    account = load_file(EXAMPLES / "uralmet-ru.yaml")
    rendered = render_map(account, AS_OF, redact=True)
    secrets = (
        [p.email for p in account.people]
        + [p.phone for p in account.people]
        + [p.notes for p in account.people]
    )
    private = [p for p in account.people if p.private]
    assert private
    secrets += [p.name for p in private] + [p.title for p in private] + [f'"{p.id}"' for p in private]
    for secret in filter(None, secrets):
        assert secret not in rendered.html, secret
    page = open_page(rendered.save(tmp_path / "r.html"))
    assert "Неформальное влияющее лицо" in page.evaluate("influenceMap.nodes.get().map(n => n.label)")  # ru
    assert page.errors == [] and page.locator("#redacted-tag").is_visible()


def test_a_redacted_map_explains_its_grey_lines_in_the_legend(open_page, tmp_path):
    """A redacted map draws the ties of private people as plain grey dashed lines: the legend did not
    say what they were."""
    page, _ = opened(open_page, tmp_path, load_file(EXAMPLES / "uralmet.yaml"), redact=True)
    row = page.locator("#legend [data-key=legend_private_tie]")
    assert row.inner_text().strip() == "private tie (no details shown)"
    assert row.locator("span.line").evaluate("s => getComputedStyle(s).borderTopStyle") == "dashed"
    shot(page, "map-redacted-legend.png")
    assert page.errors == []


def test_two_thousand_people_open_on_the_buying_team_and_load_everyone(open_page, big_map):
    account, rendered = big_map.account, big_map.rendered
    page = open_page(big_map.path)
    assert page.errors == [] and page.blocked == []
    focus = sum(1 for n in rendered.data["nodes"] if n.get("focus"))
    assert 0 < focus < 200
    # only the opening view is in the network's data; the rest waits in the page
    assert page.evaluate("influenceMap.nodes.length") == focus
    assert page.evaluate("influenceMap.nodes.get({filter: n => !n.hidden}).length") == focus
    assert 0 < page.evaluate("influenceMap.edges.length") < rendered.edges
    assert (
        page.locator("#large-note").is_visible()
        and f"of {len(account.people)} people" in page.locator("#large-note").inner_text()
    )
    buying = {p.id for p in account.buying_team}
    shown = set(page.evaluate("influenceMap.nodes.getIds({filter: n => !n.hidden})"))
    assert buying <= shown
    boxes = page.evaluate(LABEL_BOXES)
    collisions = sum(
        1
        for i, (_, ax, ay, aw, ah) in enumerate(boxes)
        for _, bx, by, bw, bh in boxes[i + 1 :]
        if min(ax + aw, bx + bw) > max(ax, bx) and min(ay + ah, by + bh) > max(ay, by)
    )
    assert collisions == 0
    shot(page, "map-2000-default.png")
    # search finds people outside the opening view; choosing one switches to everyone
    outside = next(p for p in reversed(account.people) if p.id not in shown)
    page.locator("#search").fill(outside.name)
    page.locator(f"#results li[data-id='{outside.id}']").click()
    assert page.evaluate("influenceMap.state.view") == "all"
    assert page.evaluate("[influenceMap.nodes.length, influenceMap.edges.length]") == [
        rendered.nodes,
        rendered.edges,
    ]
    assert page.evaluate("influenceMap.nodes.get({filter: n => !n.hidden}).length") == rendered.nodes
    assert page.evaluate("influenceMap.network.getSelectedNodes()") == [outside.id]
    page.locator("#views button[data-view=team]").click()
    assert page.evaluate("influenceMap.nodes.get({filter: n => !n.hidden}).length") == focus
    assert page.errors == []


def test_print_view_is_a_page_with_the_legend(open_page, tmp_path):
    page, _ = opened(open_page, tmp_path, load_file(EXAMPLES / "uralmet.yaml"))
    page.set_viewport_size({"width": 1123, "height": 794})
    page.evaluate("influenceMap.staticView(true)")
    assert page.locator("#search").is_hidden() and page.locator("#legend").is_visible()
    shot(page, "map-print-view.png")


def test_each_of_several_ties_between_two_people_can_be_hovered_on_its_own(open_page, tmp_path):
    """Ties between the same two people bow apart: the middle of each is that tie, under the pointer."""
    page, rendered = opened(open_page, tmp_path, load_file(EXAMPLES / "uralmet.yaml"))
    pairs: dict[frozenset[str], list[str]] = {}
    for edge in rendered.data["edges"]:
        pairs.setdefault(frozenset((edge["from"], edge["to"])), []).append(edge["id"])
    parallel = [ids for ids in pairs.values() if len(ids) > 1]
    assert len(parallel) >= 10  # uralmet's reporting lines, influences and anti-influence steps overlap
    found = page.evaluate(
        """(groups) => groups.map(ids => ids.map(id => {
             const net = influenceMap.network, point = net.body.edges[id].edgeType.getPoint(0.5);
             return net.getEdgeAt(net.canvasToDOM(point)) === id; }))""",
        parallel,
    )
    missed = [
        ids[i] for ids, hits in zip(parallel, found, strict=True) for i, hit in enumerate(hits) if not hit
    ]
    assert missed == []
    shot(page, "map-parallel-ties.png")


def test_a_review_packs_map_links_the_packs_other_files(open_page, tmp_path):
    """Opened in the meeting, the pack's map leads to gaps.md and the machine-readable copies."""
    rendered = render_map(load_file(EXAMPLES / "uralmet-ru.yaml"), AS_OF).with_links(["gaps.md", "plan.json"])
    page = open_page(rendered.save(tmp_path / "map.html"))
    assert page.locator("#pack-links").is_visible()
    assert page.locator("#pack-links").inner_text() == "Пакет к ревью: gaps.md · plan.json"
    assert page.evaluate(
        "[...document.querySelectorAll('#pack-links a')].map(a => a.getAttribute('href'))"
    ) == [
        "gaps.md",
        "plan.json",
    ]
    plain = open_page(
        render_map(load_file(EXAMPLES / "uralmet-ru.yaml"), AS_OF).save(tmp_path / "alone.html")
    )
    assert not plain.locator("#pack-links").is_visible()
    assert page.errors == [] and plain.errors == []


def test_the_static_page_bows_a_tie_as_the_map_does(open_page, tmp_path):
    """The printed page draws each bowed tie through the control point vis-network computes for it."""
    from influence.maps.svg import _via

    page, rendered = opened(open_page, tmp_path, load_file(EXAMPLES / "uralmet.yaml"))
    bowed = [e for e in rendered.data["edges"] if e.get("smooth")]
    assert len(bowed) >= 10
    drawn = page.evaluate(
        """(ids) => ids.map(id => { const edge = influenceMap.network.body.edges[id];
             const via = edge.edgeType._getViaCoordinates();
             return [edge.from.x, edge.from.y, edge.to.x, edge.to.y, via.x, via.y]; })""",
        [e["id"] for e in bowed],
    )
    for edge, (fx, fy, tx, ty, vx, vy) in zip(bowed, drawn, strict=True):
        assert _via(edge["smooth"], fx, fy, tx, ty) == pytest.approx((vx, vy), abs=1e-6), edge["id"]
    from influence.maps.svg import svg_text

    assert len(re.findall(r'<path d="M[^"]* Q', svg_text(rendered))) == len(bowed)  # each a curve on paper


def _tip_text(edge):
    """The tooltip's text as the page shows it (without the invisible isolates around names)."""
    text = "\n".join((f"{key}: " if key else "") + value for key, value in edge["tip"])
    return text.replace("\u2068", "").replace("\u2069", "")


def test_hovering_a_tie_labels_that_tie_and_its_tooltip_is_that_ties(open_page, tmp_path):
    """The middle of each tie, as drawn, shows that tie's own strength on the map and in the tooltip,
    including each of two ties bowed apart between the same two people (e33 and e69 in uralmet-ru)."""
    page, rendered = opened(open_page, tmp_path, load_file(EXAMPLES / "uralmet-ru.yaml"))
    edges = {e["id"]: e for e in rendered.data["edges"] if "strength" in e}
    pairs: dict[frozenset[str], list[str]] = {}
    for edge in edges.values():
        pairs.setdefault(frozenset((edge["from"], edge["to"])), []).append(edge["id"])
    parallel = {i for ids in pairs.values() if len(ids) > 1 for i in ids}
    assert {"e33", "e69"} <= parallel and len(parallel) >= 10
    # the ties whose middle is that tie under the pointer (not a person's circle or label)
    hoverable = page.evaluate(
        """(ids) => ids.filter(id => { const net = influenceMap.network;
             const at = net.canvasToDOM(net.body.edges[id].edgeType.getPoint(0.5));
             return net.getNodeAt(at) === undefined && net.getEdgeAt(at) === id; })""",
        list(edges),
    )
    # petrov -> orlova's reporting line (e35) and one more pass under a person's name at their middle
    assert {"e33", "e69"} <= set(hoverable) and len(hoverable) >= len(edges) - 2
    assert len(parallel - set(hoverable)) <= 1
    tip = page.locator("div.vis-tooltip")
    # the labels vis-network draws (not only those of the page's data set)
    labelled = (
        "Object.values(influenceMap.network.body.edges).filter(e => e.labelModule.visible())"
        ".map(e => [e.id, e.options.label])"
    )
    wrong = []
    for edge_id in hoverable:
        page.mouse.move(5, 5)
        until(page, f"{labelled}.length === 0")
        page.mouse.move(*edge_point(page, edge_id))
        until(page, f"{labelled}.length === 1")
        tip.wait_for(state="visible", timeout=5000)
        strength = f"{edges[edge_id]['strength']:.2f}".replace(".", ",")
        if page.evaluate(labelled) != [[edge_id, strength]] or tip.inner_text() != _tip_text(edges[edge_id]):
            wrong.append(edge_id)
    assert wrong == []
    # from an anti-influence step straight to the reporting line it bows away from, less than 10 px
    # away (e71, e36: kozlov and ivanov): the label and the tooltip follow
    page.mouse.move(*edge_point(page, "e71"))
    until(page, f"{labelled}[0][0] === 'e71'")
    page.wait_for_timeout(400)
    assert tip.inner_text() == _tip_text(edges["e71"])
    page.mouse.move(*edge_point(page, "e36"))
    until(page, f"{labelled}[0][0] === 'e36'")
    page.wait_for_timeout(400)
    assert tip.is_visible() and tip.inner_text() == _tip_text(edges["e36"])
    shot(page, "map-hovered-tie.png")


def _ppm_pixels(path, left):
    """The RGB pixels of a binary PPM (as pdftoppm writes it) right of column ``left``."""
    data = path.read_bytes()
    fields = data.split(maxsplit=4)  # P6, width, height, maximum, pixels
    assert fields[0] == b"P6" and fields[3] == b"255"
    width, height, pixels = int(fields[1]), int(fields[2]), fields[4]
    rows = (pixels[3 * (y * width + left) : 3 * (y + 1) * width] for y in range(height))
    return [tuple(row[i : i + 3]) for row in rows for i in range(0, len(row), 3)]


def _pixels_near(pixels, color, tolerance=12):
    """How many pixels are within ``tolerance`` of a #rrggbb colour in each channel."""
    want = [int(color[i : i + 2], 16) for i in (1, 3, 5)]
    return sum(all(abs(c - w) <= tolerance for c, w in zip(pixel, want, strict=True)) for pixel in pixels)


def test_printed_with_the_browsers_defaults_the_legend_keeps_its_colours_and_fits(open_page, tmp_path):
    """Printed from a small window to A4 landscape without "background graphics" (the browser's default),
    a redacted review pack's map, in Russian with changes marked, shows the legend's stance swatches, badges
    and change marks filled, the "redacted" tag, and the whole legend down to its last line."""
    import shutil
    import subprocess

    if not (shutil.which("pdftoppm") and shutil.which("pdftotext")):  # pragma: no cover - poppler-utils
        if os.environ.get("CI") == "true":
            pytest.fail("pdftoppm and pdftotext (poppler-utils) are needed to look at the printed page")
        pytest.skip("poppler's pdftoppm and pdftotext are not installed")
    changes = {"orlova": "changed", "nikitin": "new", ("dmitry", "petrov"): "new"}
    rendered = render_map(
        load_file(EXAMPLES / "uralmet.yaml"), AS_OF, redact=True, changes=changes, lang="ru"
    )
    rendered = rendered.with_links(["gaps.md", "gaps.json", "plan.json", "diff.md"])
    page = open_page(rendered.save(tmp_path / "map.html"), viewport=(700, 500))
    pdf = tmp_path / "map.pdf"
    pdf.write_bytes(page.pdf(format="A4", landscape=True))  # print_background=False, as the browser's dialog
    # every legend entry is on the page (paper cannot be hovered: that one is left out)
    text = " ".join(
        subprocess.run(
            ["pdftotext", "-raw", pdf, "-"], capture_output=True, check=True, text=True
        ).stdout.split()
    )
    strings = rendered.data["strings"]
    entries = [
        " ".join(strings[e["key"]].split()) for e in rendered.data["legend"] if e["key"] != "legend_hover"
    ]
    assert [entry for entry in entries if entry not in text] == []
    # the panel (the right 270 px of the 1123 px wide page, less its 8 mm margin) in colour
    subprocess.run(["pdftoppm", "-r", "192", "-singlefile", pdf, tmp_path / "page"], check=True)
    BUILD.mkdir(exist_ok=True)
    shutil.copy(tmp_path / "page.ppm", BUILD / "map-printed.ppm")
    panel = _ppm_pixels(tmp_path / "page.ppm", 2 * 830)
    colors = {
        e["key"]: e["fill"]
        for e in rendered.data["legend"]
        if e["type"] == "swatch" and e["fill"] != "#ffffff"
    }
    colors |= {e["key"]: e["color"] for e in rendered.data["legend"] if e["type"] in ("badge", "mark")}
    colors["redacted"] = "#424242"
    faint = {
        key: n
        for key, color in colors.items()
        if (n := _pixels_near(panel, color, 3 if key == "redacted" else 12)) < 40
    }
    assert faint == {}
    assert page.errors == []


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_tie_new_or_changed_since_the_last_review_is_marked_on_the_printed_page(open_page, tmp_path, lang):
    """A new or changed tie had only a faint canvas shadow in the mark's colour: a pale halo on a
    projector, and nothing at all on paper, while the legend listed the marks. Now the tie carries the
    legend's pill (solid, in the mark's colour) on a band of that colour, and both print."""
    import shutil
    import subprocess

    if not shutil.which("pdftoppm"):  # pragma: no cover - poppler-utils
        if os.environ.get("CI") == "true":
            pytest.fail("pdftoppm (poppler-utils) is needed to look at the printed page")
        pytest.skip("poppler's pdftoppm is not installed")
    changes = {("dmitry", "petrov"): "new", ("olga", "ivanov"): "changed", ("kozlov", "ivanov"): "changed"}
    rendered = render_map(load_file(EXAMPLES / "uralmet.yaml"), AS_OF, changes=changes, lang=lang)
    page = open_page(rendered.save(tmp_path / "map.html"), viewport=(1366, 768))
    page.locator("#search").fill("Orlova" if lang == "en" else "Орлова")  # a person found, then printed
    page.locator("#search").press("Enter")
    pdf = tmp_path / "map.pdf"
    pdf.write_bytes(page.pdf(format="A4", landscape=True))  # print_background=False, as the browser's dialog
    subprocess.run(["pdftoppm", "-r", "192", "-singlefile", pdf, tmp_path / "page"], check=True)
    shutil.copy(tmp_path / "page.ppm", BUILD / f"map-printed-tie-marks-{lang}.ppm")
    graph = _ppm_pixels(tmp_path / "page.ppm", 0)
    width = int((tmp_path / "page.ppm").read_bytes().split(maxsplit=4)[1])
    graph = [p for i, p in enumerate(graph) if i % width < 2 * 800]  # left of the panel and its legend
    marks = rendered.data["marks"]
    assert _pixels_near(graph, marks["new"], 6) > 150, "no 'new' pill on the printed map"
    assert _pixels_near(graph, marks["changed"], 6) > 150, "no 'changed' pill on the printed map"
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    # Kozlov's tie to Ivanov is too short for a pill clear of their names: its band marks it, and
    # no pill is drawn over Kozlov's name
    on_name = page.evaluate(
        """(color) => { const net = influenceMap.network; net.redraw();
        const c = document.querySelector('#graph canvas'), k = c.width / c.clientWidth, s = net.body.nodes.kozlov.labelModule.size;
        const a = net.canvasToDOM({x: s.left, y: s.top}), z = net.canvasToDOM({x: s.left + s.width, y: s.top + s.height});
        const px = c.getContext('2d').getImageData(a.x * k, a.y * k, (z.x - a.x) * k, (z.y - a.y) * k).data;
        const want = [1, 3, 5].map(i => parseInt(color.slice(i, i + 2), 16));
        let n = 0;
        for (let i = 0; i < px.length; i += 4) { if (px[i + 3] > 250 && want.every((w, j) => Math.abs(px[i + j] - w) <= 6)) { n += 1; } }
        return n; }""",
        marks["changed"],
    )
    assert on_name == 0
    shot(page, f"map-tie-marks-{lang}.png")


def test_the_static_page_shows_a_long_account_name_whole_within_the_page(browser, tmp_path):
    """A long account name ran off the A4 page of --static FILE.svg («Публичное акционерное об» was
    all that showed): it wraps in the legend column, each line inside the page as Chromium draws it."""
    import xml.etree.ElementTree as ET

    from influence.maps.svg import LEGEND_WIDTH, PAGE, svg_text

    name = "Публичное акционерное общество «Уральская горно-металлургическая компания» (Холдинг)"
    source = (EXAMPLES / "uralmet-ru.yaml").read_text(encoding="utf-8")
    assert "\n  name: Холдинг «УралМет»\n" in source
    copy = tmp_path / "long.yaml"
    copy.write_text(
        source.replace("\n  name: Холдинг «УралМет»\n", f'\n  name: "{name}"\n'), encoding="utf-8"
    )
    svg = tmp_path / "long.svg"
    svg.write_text(svg_text(render_map(load_file(copy), AS_OF)), encoding="utf-8")
    texts = list(ET.fromstring(svg.read_bytes()).iter("{http://www.w3.org/2000/svg}text"))
    (index,) = (
        i for i, t in enumerate(texts) if " ".join(s.strip() for s in t.itertext() if s.strip()) == name
    )
    page = browser.new_page(viewport={"width": int(PAGE[0]), "height": int(PAGE[1])})
    try:
        page.goto(svg.resolve().as_uri())
        boxes = page.evaluate(
            """(i) => { const text = document.querySelectorAll('text')[i], lines = text.querySelectorAll('tspan');
                 return [...(lines.length ? lines : [text])].map(s => { const b = s.getBBox(); return [b.x, b.x + b.width]; }); }""",
            index,
        )
        BUILD.mkdir(exist_ok=True)
        page.screenshot(path=str(BUILD / "map-static-long-name.png"))
    finally:
        page.close()
    column = PAGE[0] - LEGEND_WIDTH
    assert all(column < left and right <= PAGE[0] - 4 for left, right in boxes), boxes
