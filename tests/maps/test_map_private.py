"""The team's own map marks what is private: a padlock on a private person and on a private tie.

A tie of a private person is private in effect (a redacted map hides its
details), so it carries the mark too. The mark, its tooltip line and its
legend entries are on the team's own map only: a redacted map stays as it
was, and an account with nothing private gets the legend it always had.
"""

from __future__ import annotations

import dataclasses
import json
import re
import xml.etree.ElementTree as ET

import pytest

from influence.loading import load_file
from influence.maps import render_map
from influence.maps.style import PRIVATE_MARK
from influence.maps.svg import svg_text
from tests.analysis.helpers import make
from tests.conftest import EXAMPLES
from tests.maps.test_map_browser import edge_point, opened, screen_point, shot, until

AS_OF = "2026-11-27"
PERSON_LINE = "Private person: left out of shared (redacted) maps and reports"
TIE_LINE = "Private tie: left out of shared (redacted) maps and reports"
LOCKS = ["legend_private_person", "legend_private_mark_tie"]

#: Sofia (private) reports to Boris, influences him through a family tie nobody marked private, is
#: swayed by Oleg (an opponent), and has Tom and a rival as contacts; Ann's friendship with Boris is
#: private, her influence on him is not (her anti-influence step to him may run over either).
_SECRETS = {
    "format": "influence/v1",
    "account": {"id": "sec", "name": "Secrets"},
    "people": [
        {"id": "boss", "name": "Boris Bossov", "roles": ["economic_buyer"], "stance": "neutral"},
        {"id": "opp", "name": "Oleg Opponov", "roles": ["influencer"], "stance": "opponent"},
        {"id": "sis", "name": "Sofia Sister", "roles": ["influencer"], "reports_to": "boss", "private": True},
        {"id": "ann", "name": "Ann Aide", "roles": ["user"], "stance": "opponent"},
    ],
    "links": [
        {"from": "opp", "to": "sis", "type": "influences", "strength": 0.8},
        {"from": "sis", "to": "boss", "type": "family"},
        {"from": "opp", "to": "boss", "type": "friend", "strength": 0.4},
        {"from": "ann", "to": "boss", "type": "friend", "strength": 0.7, "private": True},
        {"from": "ann", "to": "boss", "type": "influences", "strength": 0.5},
    ],
    "team": [{"id": "tom", "name": "Tom Sales"}],
    "relationships": [
        {"team": "tom", "person": "sis", "strength": 0.6},
        {"team": "tom", "person": "boss", "strength": 0.4},
    ],
    "competitors": [
        {"id": "rival", "name": "Rival", "relationships": [{"person": "sis", "strength": 0.5}]},
    ],
}


def _marked(data):
    """The private nodes' ids and the private edges as (from, to, kind, the tie's type)."""
    nodes = sorted(n["id"] for n in data["nodes"] if n.get("private"))
    edges = sorted(
        (e["from"], e["to"], e["kind"], dict(e["tip"]).get("Tie", ""))
        for e in data["edges"]
        if e.get("private")
    )
    return nodes, edges


def _locks(data):
    return [entry["key"] for entry in data["legend"] if entry["type"] == "lock"]


def test_uralmet_marks_exactly_its_private_person_and_her_family_tie():
    account = load_file(EXAMPLES / "uralmet.yaml")
    data = render_map(account, AS_OF).data
    assert _marked(data) == (["petrova"], [("petrova", "petrov", "informal_tie", "family")])
    (petrova,) = [n for n in data["nodes"] if n.get("private")]
    assert petrova["tip"][0] == ["Private person", "left out of shared (redacted) maps and reports"]
    (family,) = [e for e in data["edges"] if e.get("private")]
    assert family["tip"][0] == ["Private tie", "left out of shared (redacted) maps and reports"]
    assert ["Strength", "0.90"] in family["tip"]  # the team's own map still tells it whole
    assert _locks(data) == LOCKS
    # the legend's padlock is the one the map draws
    assert all({k: e[k] for k in PRIVATE_MARK} == PRIVATE_MARK for e in data["legend"] if e["type"] == "lock")


def test_a_tie_of_a_private_person_is_marked_private_whatever_its_own_mark():
    """Every tie of Sofia (a reporting line, links, our relationship, a competitor's tie and the
    anti-influence steps through her), Ann's private friendship and her anti-influence step beside it;
    no other tie, no structure line or planned meeting."""
    data = render_map(make(_SECRETS), AS_OF).data
    nodes, edges = _marked(data)
    assert nodes == ["sis"]
    assert edges == [
        ("ann", "boss", "anti", ""),
        ("ann", "boss", "informal_tie", "friend"),
        ("opp", "sis", "anti", ""),
        ("opp", "sis", "influences", "influences"),
        ("rival", "sis", "anti", ""),
        ("rival", "sis", "competitor", ""),
        ("sis", "boss", "anti", ""),
        ("sis", "boss", "informal_tie", "family"),
        ("sis", "boss", "reports_to", ""),
        ("tom", "sis", "relationship", ""),
    ]
    for edge in data["edges"]:  # the tooltip says it first, and only on a marked tie
        assert (
            edge["tip"][:1] == [["Private tie", "left out of shared (redacted) maps and reports"]]
        ) == bool(edge.get("private")), edge
    public = {(e["from"], e["to"], e["kind"]) for e in data["edges"] if not e.get("private")}
    assert {
        ("ann", "boss", "influences"),
        ("opp", "boss", "informal_tie"),
        ("tom", "boss", "relationship"),
    } <= public


def test_a_redacted_map_has_no_mark_and_shows_what_it_showed():
    for account in (load_file(EXAMPLES / "uralmet.yaml"), make(_SECRETS)):
        data = render_map(account, AS_OF, redact=True).data
        assert _marked(data) == ([], [])
        assert _locks(data) == []
        assert not [row for x in data["nodes"] + data["edges"] for row in x["tip"] if "Private" in row[0]]
        assert _svg_locks(svg_text(render_map(account, AS_OF, redact=True))) == []


def test_an_account_with_nothing_private_has_no_mark_and_the_legend_it_always_had():
    account = load_file(EXAMPLES / "uralmet.yaml")
    public = dataclasses.replace(
        account,
        people=tuple(dataclasses.replace(p, private=False) for p in account.people),
        links=tuple(dataclasses.replace(x, private=False) for x in account.links),
    )
    data = render_map(public, AS_OF).data
    assert _marked(data) == ([], [])
    marked = render_map(account, AS_OF).data["legend"]
    assert data["legend"] == [entry for entry in marked if entry["type"] != "lock"]
    assert "private" not in {e["kind"] for e in data["edges"]}
    # only a private tie (between two public people): only the tie's entry
    (family,) = [x for x in account.links if x.private]
    only_tie = dataclasses.replace(
        public, links=tuple(dataclasses.replace(x, private=x == family) for x in account.links)
    )
    assert _locks(render_map(only_tie, AS_OF).data) == ["legend_private_mark_tie"]


def test_the_russian_map_says_it_in_russian():
    """(Needs the Russian catalogue with this change's messages.)"""
    data = render_map(load_file(EXAMPLES / "uralmet-ru.yaml"), AS_OF).data
    (petrova,) = [n for n in data["nodes"] if n.get("private")]
    assert petrova["tip"][0] == [
        "Конфиденциально",
        "не попадает в обезличенные карты и отчёты для передачи вовне",
    ]
    assert data["strings"]["legend_private_mark_tie"] == "личная связь: не для внешних карт"
    # not «личный контакт»: to a salesperson that is "my own acquaintance", the opposite of private
    assert data["strings"]["legend_private_person"] == "конфиденциально: не для внешних карт"


def _svg_locks(text):
    """The padlocks of an SVG page: (x, y, scale) of each."""
    return [
        (float(x), float(y), float(s))
        for x, y, s in re.findall(
            rf'<g transform="translate\(([-\d.]+),([-\d.]+)\) scale\(([\d.]+)\)"><circle r="[\d.]+" fill="{PRIVATE_MARK["color"]}"',
            text,
        )
    ]


def test_the_printed_page_draws_the_padlocks_and_explains_them():
    from influence.maps.svg import _fit, _visible

    rendered = render_map(load_file(EXAMPLES / "uralmet.yaml"), AS_OF)
    text = svg_text(rendered)
    ET.fromstring(text)  # well-formed
    nodes, _ = _visible(rendered.data)
    scale, dx, dy = _fit(nodes)
    at = {
        n["id"]: (n["x"] * scale + dx, n["y"] * scale + dy, n["size"] * scale) for n in nodes if "size" in n
    }
    (px, py, pr), (qx, qy, _) = at["petrova"], at["petrov"]
    locks = _svg_locks(text)
    assert len(locks) == 4  # Anna Petrova, her family tie, and the two legend entries
    person, tie = locks[0], locks[1]
    assert person[:2] == pytest.approx((px + pr * 0.85, py - pr * 0.85), abs=0.1)  # in her badge row
    assert tie[:2] == pytest.approx(((px + qx) / 2, (py + qy) / 2), abs=0.1)  # the tie's middle
    assert person[2] == tie[2] == pytest.approx(scale, abs=1e-3)
    texts = [" ".join(t.itertext()) for t in ET.fromstring(text).iter("{http://www.w3.org/2000/svg}text")]
    assert "private person: not for shared maps" in texts and "private tie: not for shared maps" in texts


def test_hovering_a_private_tie_and_a_private_person_says_so(open_page, tmp_path):
    page, rendered = opened(open_page, tmp_path, load_file(EXAMPLES / "uralmet.yaml"))
    assert page.errors == []
    legend = page.locator("#legend").inner_text()
    assert "private person: not for shared maps" in legend and "private tie: not for shared maps" in legend
    assert page.locator("#legend svg.lock").count() == 2
    page.evaluate("influenceMap.network.focus('petrova', {scale: 2, animation: false})")
    shot(page, "map-private.png")
    # the padlocks are painted: on the tie's middle and in her badge row, the pixel beside the white
    # padlock has the disc's colour
    (family,) = [e["id"] for e in rendered.data["edges"] if e.get("private")]
    x, y = edge_point(page, family)
    assert _pixel(page, x - 13, y) == [0x37, 0x47, 0x4F]
    x, y = screen_point(page, "petrova")
    r = 2 * rendered.data["nodes"][[n["id"] for n in rendered.data["nodes"]].index("petrova")]["size"]
    assert _pixel(page, x + r * 0.85 - 13, y - r * 0.85) == [0x37, 0x47, 0x4F]
    page.mouse.move(*edge_point(page, family))
    tip = page.locator("div.vis-tooltip")
    until(page, f"influenceMap.edges.get({family!r}).label === '0.90'")
    tip.wait_for(state="visible", timeout=5000)
    assert tip.inner_text().splitlines()[:2] == [TIE_LINE, "Tie: family"]
    page.mouse.move(5, 5)
    until(page, f"!influenceMap.edges.get({family!r}).label")
    page.mouse.move(*screen_point(page, "petrova"))
    until(page, "document.querySelector('div.vis-tooltip') && document.querySelector('div.vis-tooltip')"
          ".innerText.startsWith('Private person')")  # fmt: skip
    assert tip.inner_text().splitlines()[:2] == [PERSON_LINE, "Name: Anna Petrova"]
    shot(page, "map-private-tooltip.png")
    # a public person's tooltip has no such line
    page.mouse.move(*screen_point(page, "petrov"))
    until(page, "document.querySelector('div.vis-tooltip').innerText.includes('Petr Petrov')")
    assert "Private" not in tip.inner_text()
    assert page.errors == []


def _pixel(page, x, y):
    """The canvas's colour at page point ``x, y`` (red, green, blue)."""
    return page.evaluate(
        "([x, y]) => { const c = document.querySelector('#graph canvas'); const k = c.width / c.clientWidth;"
        " const g = c.getBoundingClientRect(); return Array.from(c.getContext('2d').getImageData("
        "Math.round((x - g.left) * k), Math.round((y - g.top) * k), 1, 1).data).slice(0, 3); }",
        [x, y],
    )


def _clusters(secret_unit):
    """Units Alpha and Beta of 15 people each, a decision maker, and a private person in ``secret_unit``."""
    people = [{"id": "dm", "name": "Dana Boss", "roles": ["economic_buyer"], "stance": 1, "unit": "ua"}]
    for unit in ("ua", "ub"):
        people += [{"id": f"{unit}{i}", "name": f"Person {unit}{i}", "unit": unit} for i in range(15)]
    secret = {
        "id": "secret",
        "name": "Sarah Secret",
        "private": True,
        **({"unit": secret_unit} if secret_unit else {}),
    }
    return make(
        {
            "format": "influence/v1",
            "account": {"id": "cl", "name": "Clusters"},
            "units": [{"id": "ua", "name": "Alpha"}, {"id": "ub", "name": "Beta"}],
            "people": [*people, secret],
            "team": [{"id": "t", "name": "Tom"}],
            "relationships": [{"team": "t", "person": "dm", "strength": "strong"}],
        }
    )


def test_a_redacted_map_does_not_place_a_private_person_by_her_unit():
    """Her unit's tie is not drawn on a redacted map, but she was laid out at the head of her unit's
    cluster: where she stood told her unit. The map is the same whichever unit she is in."""
    drawn = {}
    for unit in ("ua", "ub", None):
        data = render_map(_clusters(unit), AS_OF, redact=True).data
        drawn[unit] = {n["id"]: (n["x"], n["y"]) for n in data["nodes"]}
    assert "informal-1" in drawn[None]
    assert drawn["ua"] == drawn["ub"] == drawn[None]
    team = {u: render_map(_clusters(u), AS_OF).data for u in ("ua", "ub")}  # the team's own map keeps it
    assert [n for n in team["ua"]["nodes"] if n["id"] == "secret"] != [
        n for n in team["ub"]["nodes"] if n["id"] == "secret"
    ]


def test_a_redacted_map_marks_no_change_on_a_private_tie():
    """render_map(redact=True, changes={(a, b): "new"}) marked the private tie between two public
    people as new, with a tooltip line: a redacted map's private tie shows nothing."""
    account = make(_SECRETS)
    data = render_map(account, AS_OF, redact=True, changes={("ann", "boss"): "new"}).data
    private = [e for e in data["edges"] if e["kind"] == "private" and (e["from"], e["to"]) == ("ann", "boss")]
    assert private and all("change" not in e and not e.get("tip") for e in private)
    public = [
        e for e in data["edges"] if e["kind"] == "influences" and (e["from"], e["to"]) == ("ann", "boss")
    ]
    assert [e["change"] for e in public] == ["new"]  # her public influence on him is new


def test_a_redacted_map_is_the_same_whatever_the_private_persons_id():
    """Every node moved when only her id changed (`marsh`, `wife`, `zzz`): the layout sorted the
    real ids, so where hers sorts among the others could be read off a shared map."""
    pages = []
    for secret in ("aaa", "sis", "zzz"):
        doc = json.loads(json.dumps(_SECRETS).replace('"sis"', f'"{secret}"'))
        pages.append(render_map(make(doc), AS_OF, redact=True).html)
    assert pages[0] == pages[1] == pages[2]


def _map_json(html):
    """The data a page embeds (``<script id="map-data">``), read from its source as anyone could."""
    found = re.search(r'<script id="map-data" type="application/json">(.*?)</script>', html, re.S)
    return json.loads(found.group(1))


def test_a_redacted_pages_source_does_not_tell_a_private_tie_by_its_place_or_id():
    """Edges are built type by type in the file's order and numbered so: an anonymous tie kept its place
    (her reporting line among the reporting lines) and her node its place in the file. Now the page is
    the same whether her ties to Boris are a reporting line and a family tie or two links either way,
    and wherever the file lists her; her ties come last, her node after everyone."""
    doc = json.loads(json.dumps(_SECRETS))
    other = json.loads(json.dumps(_SECRETS))
    (sis,) = (p for p in other["people"] if p["id"] == "sis")
    del sis["reports_to"]
    other["people"] = [p for p in other["people"] if p["id"] != "sis"] + [sis]  # listed last, not third
    other["links"] = [
        {"from": "boss", "to": "sis", "type": "friend", "strength": 0.3},
        *other["links"],
    ]
    pages = [render_map(make(d), AS_OF, redact=True).html for d in (doc, other)]
    assert pages[0] == pages[1]
    data = _map_json(pages[0])
    kinds = [e["kind"] for e in data["edges"]]
    first = kinds.index("private")
    assert set(kinds[first:]) == {"private"}, kinds  # the anonymous ties last, after every typed one
    private = [(e["from"], e["to"]) for e in data["edges"][first:]]
    assert private == sorted(private) and all(a <= b for a, b in private)
    assert [e["id"] for e in data["edges"]] == [f"e{i}" for i in range(1, len(kinds) + 1)]
    assert [n["id"] for n in data["nodes"]][-1] == "informal-1"
