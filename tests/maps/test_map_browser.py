"""The influence map in a real headless Chromium, offline, with its own JavaScript running."""

from __future__ import annotations

import re

import pytest

from influence.analysis import analyze
from influence.generate import generate_account
from influence.loading import load_file
from influence.maps import render_map
from tests.analysis.helpers import make
from tests.conftest import EXAMPLES, ROOT

AS_OF = "2026-11-27"


def counts(page):
    return page.evaluate("[influenceMap.nodes.length, influenceMap.edges.length]")


@pytest.mark.parametrize("name", ["uralmet.yaml", "uralmet-ru.yaml", "new-account.yaml"])
def test_example_map_offline(open_page, tmp_path, name):
    account = load_file(EXAMPLES / name)
    rendered = render_map(account, AS_OF)
    path = rendered.save(tmp_path / "map.html")
    page = open_page(path)
    assert page.blocked == []
    assert page.errors == []
    expected_nodes = (
        len(account.people)
        + len(account.team)
        + len(account.competitors)
        + len(account.units)
        + len(account.organizations)
    )
    assert counts(page) == [expected_nodes, rendered.edges]
    report = analyze(account, AS_OF)
    paths = sum(len(r.path) - 1 for r in report.paths)
    links = len(account.links) + sum(1 for p in account.people if p.reports_to)
    structure = (
        sum(1 for o in account.organizations if o.parent)
        + sum(bool(u.parent) + bool(u.organization) for u in account.units)
        + sum(1 for p in account.people if p.unit)
    )
    ties = len(account.relationships) + sum(len(c.relationships) for c in account.competitors)
    assert rendered.edges == paths + links + structure + ties
    assert page.locator("#legend").inner_text().count("champion") == 1
    high = [f for f in report.findings if f.severity == "high"]
    assert page.locator("#findings li").count() == len(high)
    assert page.locator("#account-name").inner_text() == account.name
    assert page.locator("#as-of").inner_text() == AS_OF
    assert page.evaluate("influenceMap.network.physics.options.enabled") is False


def test_screenshot_of_the_example(open_page):
    out = ROOT / "build"
    out.mkdir(exist_ok=True)
    path = render_map(load_file(EXAMPLES / "uralmet-ru.yaml"), AS_OF).save(out / "map-uralmet-ru.html")
    page = open_page(path)
    page.screenshot(path=str(out / "map-uralmet-ru.png"))
    assert (out / "map-uralmet-ru.png").stat().st_size > 20_000
    anti = page.evaluate("influenceMap.edges.get({filter: e => e.kind === 'anti'}).length")
    assert anti > 0


def test_stance_colours_shapes_and_informal_marks(open_page, tmp_path):
    page = open_page(render_map(load_file(EXAMPLES / "uralmet.yaml"), AS_OF).save(tmp_path / "m.html"))
    node = lambda i: page.evaluate(f"influenceMap.nodes.get({i!r})")  # noqa: E731
    assert node("belov")["color"]["background"] == "#1b5e20"  # champion
    assert node("kozlov")["color"]["background"] == "#e53935"  # opponent
    assert node("orlova")["color"]["background"] == "#ffa726"  # skeptic
    assert node("petrova")["color"]["background"] == "#ffffff"  # unknown
    assert node("orlova")["shape"] == "diamond" and node("belov")["shape"] == "dot"
    assert node("olga")["shape"] == "box" and node("rival")["shape"] == "triangle"
    assert node("petrova")["shapeProperties"] == {"borderDashes": [5, 4]}
    assert node("ivanov")["size"] > node("volkov")["size"]  # size by access
    kinds = page.evaluate("Array.from(new Set(influenceMap.edges.get().map(e => e.kind))).sort()")
    assert kinds == [
        "anti",
        "competitor",
        "influences",
        "informal_tie",
        "relationship",
        "reports_to",
        "structure",
    ]
    last = page.evaluate("influenceMap.edges.get().slice(-1)[0]")
    assert last["kind"] == "anti" and last["width"] == 6  # drawn on top


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
            ],
            "links": [{"from": "y", "to": "x", "type": "influences"}],
        }
    )
    page = open_page(render_map(account, AS_OF).save(tmp_path / "evil.html"))
    assert page.dialogs == [] and page.errors == [] and page.blocked == []
    assert page.evaluate("document.querySelectorAll('img, a').length") == 0
    assert page.locator("#account-name").inner_text() == "<script>alert(4)</script> Corp"
    assert page.evaluate("influenceMap.nodes.get('x').label") == evil
    # hover the node: vis shows the tooltip element built with textContent
    x, y = page.evaluate(
        "(() => { const p = influenceMap.network.getPosition('x'); const d = influenceMap.network.canvasToDOM(p);"
        " const r = document.getElementById('graph').getBoundingClientRect(); return [d.x + r.left, d.y + r.top]; })()"
    )
    page.mouse.move(x, y)
    tip = page.locator("div.vis-tooltip")
    tip.wait_for(state="visible", timeout=5000)
    text = tip.inner_text()
    assert evil in text and pains[0] in text and pains[1] in text
    assert "&lt;img" in tip.inner_html()
    assert page.evaluate("document.querySelectorAll('img, a').length") == 0
    assert page.dialogs == []


def test_redacted_map_has_no_contacts_notes_or_private_people(open_page, tmp_path):
    account = load_file(EXAMPLES / "uralmet-ru.yaml")
    rendered = render_map(account, AS_OF, redact=True)
    data = rendered.html
    secrets = (
        [p.email for p in account.people]
        + [p.phone for p in account.people]
        + [p.notes for p in account.people]
    )
    private = [p for p in account.people if p.private]
    assert private
    secrets += [p.name for p in private] + [p.title for p in private] + [f'"{p.id}"' for p in private]
    for secret in filter(None, secrets):
        assert secret not in data, secret
    page = open_page(rendered.save(tmp_path / "r.html"))
    labels = page.evaluate("influenceMap.nodes.get().map(n => n.label)")
    assert "Informal influencer" in labels
    assert page.errors == []


def test_finding_click_highlights_people_and_search_focuses(open_page, tmp_path):
    page = open_page(render_map(load_file(EXAMPLES / "uralmet.yaml"), AS_OF).save(tmp_path / "m.html"))
    first = page.locator("#findings li").first
    people = page.evaluate("JSON.parse(document.querySelector('#findings li').dataset.people)")
    first.click()
    assert sorted(page.evaluate("influenceMap.network.getSelectedNodes()")) == sorted(people)
    assert people
    page.fill("#search", "Tatiana Pavlova")
    page.dispatch_event("#search", "change")
    assert page.evaluate("influenceMap.network.getSelectedNodes()") == ["pavlova"]


def test_two_thousand_people_load_and_draw_with_physics_off(open_page, tmp_path):
    from influence.loading import Document
    from influence.validation import build_account

    account = build_account(Document("g", generate_account(2000, 1), {}))
    rendered = render_map(account, "2026-06-01")
    page = open_page(rendered.save(tmp_path / "big.html"))
    assert counts(page) == [rendered.nodes, rendered.edges]
    assert rendered.nodes > 2000
    assert page.evaluate("influenceMap.network.physics.options.enabled") is False
    assert page.errors == [] and page.blocked == []


def test_repr_html_for_jupyter():
    rendered = render_map(load_file(EXAMPLES / "new-account.yaml"), AS_OF)
    shown = rendered._repr_html_()
    assert shown.startswith('<iframe srcdoc="&lt;!DOCTYPE html&gt;')
    assert re.search(r"<script", shown) is None
