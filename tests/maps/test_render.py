"""Renderer details that need no browser: safety of the data, the word table, the layout, the SVG."""

from __future__ import annotations

import dataclasses
import html
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from influence.analysis import analyze
from influence.errors import UsageError
from influence.loading import load_file
from influence.maps import MAP_STRINGS, map_strings, render_map
from influence.maps.layout import Box, overlaps, separate
from influence.maps.nodes import node_box
from influence.maps.render import _json_for_script
from influence.maps.svg import svg_text
from tests.conftest import EXAMPLES

AS_OF = "2026-11-27"
TEMPLATE = Path(__file__).resolve().parents[2] / "influence" / "maps" / "template.html"


def test_json_in_script_cannot_close_the_script():
    text = _json_for_script({"x": "</script><script>alert(1)</script> & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text


def test_the_page_title_is_the_plain_name_escaped():
    """The <title> held the account's name between FSI and PDI (U+2068, U+2069), the isolates of a name
    inside the panel's sentences: a browser tab and a window list show them as boxes."""
    account = load_file(EXAMPLES / "uralmet.yaml")
    named = dataclasses.replace(
        account, info=dataclasses.replace(account.info, name='Ural <b>Met</b> & "Co" \u202eX')
    )
    for lang, words in (("en", "Influence map: "), ("ru", None)):
        page = render_map(named, AS_OF, lang=lang).html
        (title,) = re.findall(r"<title>(.*?)</title>", page, re.S)
        assert not re.search("[\u202a-\u202e\u2066-\u2069]", title), title
        assert "<b>" not in title and "&lt;b&gt;Met&lt;/b&gt; &amp; " in title
        text = html.unescape(title)
        assert text.endswith('Ural <b>Met</b> & "Co" X') and (words is None or text.startswith(words))


def test_map_counts_match_the_account():
    account = load_file(EXAMPLES / "uralmet.yaml")
    rendered = render_map(account, AS_OF)
    assert rendered.nodes == len(account.people) + len(account.team) + len(account.competitors) + 4 + 9
    assert rendered.html.count("vis-network") >= 1
    assert rendered.to_bytes() == rendered.html.encode("utf-8")


#: the names of the keys the page answers (KeyboardEvent.key): code, not words
KEY_NAMES = ("Escape", "Enter", "ArrowDown", "ArrowUp")


def test_the_page_script_has_no_words_of_its_own():
    """Every string literal in the page's own script is code (events, CSS, ids), never English text."""
    script = TEMPLATE.read_text(encoding="utf-8").split("<script>")[-1]
    literals = re.findall(r'"((?:[^"\\]|\\.)*)"', script)
    assert len(literals) > 50
    for text in literals:
        code = re.sub(r"\{\{.*?\}\}", "", text)  # template values (the font face) are not words
        assert (
            code == "use strict" or code[:1] in ".#" or not re.search(r"[A-Za-z]{2,} [A-Za-z]{2,}", code)
        ), text  # no phrase
        assert not re.fullmatch(r"[A-Z][a-z]+.*", code) or code in KEY_NAMES, text  # no capitalised word


def test_strings_table_and_translation():
    assert map_strings()["legend"] == "Legend"
    table = map_strings({"legend": "Легенда"})
    assert table["legend"] == "Легенда" and table["view_all"] == "Everyone"
    assert set(map_strings(str.strip)) == set(MAP_STRINGS)
    with pytest.raises(
        UsageError, match=r"^strings: unknown map string key 'legnd' \(did you mean 'legend'\?\)"
    ):
        map_strings({"legnd": "x"})  # it was a KeyError
    account = load_file(EXAMPLES / "uralmet.yaml")
    rendered = render_map(account, AS_OF, strings={"tip_name": "Имя", "legend_sponsor": "спонсор"})
    node = next(n for n in rendered.data["nodes"] if n["id"] == "orlova")
    assert node["tip"][0] == ["Имя", "Elena Orlova"]
    assert rendered.data["strings"]["legend_sponsor"] == "спонсор"


boxes = st.lists(
    st.tuples(st.floats(-200, 200), st.floats(-200, 200), st.floats(5, 80), st.floats(5, 40)),
    min_size=1,
    max_size=25,
)


@settings(max_examples=60, deadline=None)
@given(boxes)
def test_separate_leaves_no_overlap(items):
    pos = {f"n{i}": (x, y) for i, (x, y, _, _) in enumerate(items)}
    room = {f"n{i}": Box(w, h, h) for i, (_, _, w, h) in enumerate(items)}
    assert overlaps(separate(dict(pos), room, list(pos)), room) == []


def test_layout_gives_every_person_room_for_the_label():
    for name in ("uralmet.yaml", "uralmet-ru.yaml", "uralmet-2027q1.yaml"):
        rendered = render_map(load_file(EXAMPLES / name), AS_OF)
        nodes = rendered.data["nodes"]
        pos = {n["id"]: (n["x"], n["y"]) for n in nodes}
        assert overlaps(pos, {n["id"]: node_box(n) for n in nodes}) == []


def test_svg_escapes_text_and_draws_the_legend():
    from tests.analysis.helpers import make

    account = make(
        {
            "format": "influence/v1",
            "account": {"id": "evil", "name": "<b>&Co</b>"},
            "people": [{"id": "x", "name": "<img src=x>", "roles": ["coach"]}],
        }
    )
    text = svg_text(render_map(account, AS_OF))
    root = ET.fromstring(text)
    texts = [" ".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "<img src=x>" in texts and "<b>&Co</b>" in texts and "coach" in texts
    assert "<img" not in text
    empty = svg_text(render_map(load_file(EXAMPLES / "new-account.yaml"), AS_OF))
    assert "No people recorded yet." in empty


def test_the_plan_is_in_the_panel_and_its_new_meetings_on_the_map():
    account = load_file(EXAMPLES / "uralmet.yaml")
    report = analyze(account, AS_OF)
    rendered = render_map(account, AS_OF, report=report)
    moves = rendered.data["moves"]
    assert [m["rank"] for m in moves] == [m.rank for m in report.plan.moves]
    assert all(m["route"]["nodes"][0] == m["team"] for m in moves)
    planned = [(e["from"], e["to"]) for e in rendered.data["edges"] if e["kind"] == "planned"]
    expected = [(m.team, m.person) for m in report.plan.moves if m.kind == "meet"]
    assert planned == expected and planned
    assert render_map(account, AS_OF, plan=()).data["moves"] == []


def test_a_map_embeds_vis_network_without_importing_pyvis(tmp_path):
    """vis-network's files are read from the pyvis package, which is never imported (it imports IPython)."""
    import subprocess
    import sys

    from tests.conftest import EXAMPLES, ROOT

    probe = (
        "import sys\n"
        "from influence.loading import load_file\n"
        "from influence.maps import render_map\n"
        f"page = render_map(load_file({str(EXAMPLES / 'uralmet.yaml')!r}), '2026-11-27').html\n"
        f"open({str(tmp_path / 'm.html')!r}, 'w', encoding='utf-8').write(page)\n"
        "print('pyvis' in sys.modules, 'IPython' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT)
    assert result.stdout.strip() == "False False", result.stderr
    page = (tmp_path / "m.html").read_text(encoding="utf-8")
    assert "vis-network" in page and len(page) > 400_000  # the library itself is inlined


def test_a_report_of_another_account_or_date_is_refused():
    """render_map drew the findings of a report made for another account, or another date, without a word."""
    account = load_file(EXAMPLES / "uralmet.yaml")
    other = load_file(EXAMPLES / "new-account.yaml")
    report = analyze(account, AS_OF)
    with pytest.raises(UsageError, match=r"^render_map: the report is of account 'uralmet', not 'nordchem'"):
        render_map(other, AS_OF, report=report)
    with pytest.raises(UsageError, match=r"^render_map: the report is as of 2026-11-27, not 2026-11-28"):
        render_map(account, "2026-11-28", report=report)
    with pytest.raises(UsageError, match=r"^as_of: '2026-13-01' is not a date"):
        render_map(account, "2026-13-01", report=report)
    assert render_map(account, report=report).data["as_of"] == AS_OF  # no as_of: the report's date
    import datetime as dt

    assert render_map(account, dt.datetime(2026, 11, 27, 10), report=report).data["as_of"] == AS_OF


def test_wrong_arguments_are_usage_errors():
    """A wrong report, change mark or account was a ValueError, an AttributeError or worse."""
    account = load_file(EXAMPLES / "uralmet.yaml")
    with pytest.raises(UsageError, match=r"^render_map: report must be a Report .*, not Account$"):
        render_map(account, AS_OF, report=account)
    with pytest.raises(UsageError, match=r"^changes\['sokolov'\]: 'removed' is not one of new, changed$"):
        render_map(account, AS_OF, changes={"sokolov": "removed"})
    with pytest.raises(UsageError, match=r"^strings: unknown map string key 'nope'"):
        render_map(account, AS_OF, strings={"nope": "x"})
    with pytest.raises(UsageError, match=r"^render_map: expected an Account, got the str"):
        render_map("examples/uralmet.yaml", AS_OF)


def test_a_tooltip_says_unknown_for_blank_pains_and_no_offer_for_a_blank_one():
    import dataclasses

    account = load_file(EXAMPLES / "uralmet.yaml")
    person = next(p for p in account.people if p.pains and p.offer)
    blank = dataclasses.replace(person, pains=(" ", ""), offer="  ")
    account = dataclasses.replace(account, people=tuple(blank if p is person else p for p in account.people))
    strings = MAP_STRINGS
    node = next(n for n in render_map(account, "2026-11-27").data["nodes"] if n["id"] == person.id)
    tip = dict(node["tip"])
    assert tip[strings["tip_pains"]] == strings["unknown"]
    assert strings["tip_offer"] not in tip


def test_the_svg_says_when_it_shows_only_the_buying_team(big_map):
    """From 2,000 people the SVG drew 57 of 2,002 people and said nothing (the PNG and print say it)."""
    from influence.maps.svg import svg_text

    shown = svg_text(big_map.rendered)
    ET.fromstring(shown.encode("utf-8"))
    people = [
        n
        for n in big_map.rendered.data["nodes"]
        if n.get("focus") and n["kind"] not in ("organization", "unit", "team", "competitor")
    ]
    assert f"({len(people)} of {len(big_map.account.people)} people)" in shown
    assert "Large account" not in svg_text(render_map(load_file(EXAMPLES / "uralmet.yaml"), AS_OF))


def test_a_finding_lights_the_contact_its_advice_names():
    """The Sokolov cards advise meeting him with Andrey Sidorov, who knows him; the route lit on
    the map was only the ally route through Ivan Ivanov, Sidorov left dimmed."""
    rendered = render_map(load_file(EXAMPLES / "uralmet.yaml"), "2026-11-27")
    about = [f for f in rendered.data["findings"] if f["subject"] == "sokolov"]
    assert about
    for f in about:
        assert "Andrey Sidorov" in f["recommendation"]
        assert ["sidorov", "sokolov"] in f["route"]["pairs"] and "sidorov" in f["route"]["nodes"]


@pytest.mark.parametrize("name", ["x" * 300, "Холдинг " * 40, "Публичное акционерное общество «Уралмет»"])
def test_the_svg_title_wraps_in_its_column_and_the_legend_stays_on_the_page(name):
    """However long the account's name, its lines fit the legend column (by the bold text's width
    estimate) and the legend below it still ends on the A4 page."""
    from influence.maps.svg import LEGEND_WIDTH, PAGE, TITLE_CHAR_WIDTH
    from tests.analysis.helpers import make

    account = make(
        {"format": "influence/v1", "account": {"id": "a", "name": name}, "people": [{"id": "x", "name": "X"}]}
    )
    root = ET.fromstring(svg_text(render_map(account, AS_OF)))
    svg = "{http://www.w3.org/2000/svg}"
    title = next(t for t in root.iter(f"{svg}text") if t.get("font-weight") == "bold")
    size = float(title.get("font-size"))
    lines = [span.text for span in title.iter(f"{svg}tspan")]
    assert "".join(lines).rstrip("…").replace(" ", "") in name.replace(" ", "")  # its start, in order
    assert all(len(line) * size * TITLE_CHAR_WIDTH <= LEGEND_WIDTH - 24 for line in lines)
    last = list(root.iter(f"{svg}text"))[-1]
    bottom = float(last.get("y")) + sum(float(s.get("dy", 0)) for s in last.iter(f"{svg}tspan"))
    assert bottom < PAGE[1] - 10


def test_the_svg_marks_a_new_or_changed_tie_with_a_band_and_a_pill_as_the_page_does():
    """The SVG drew no mark on a tie new or changed since the last review, while its legend listed
    the marks. Now each such tie has a band of the mark's colour and the legend's pill with the
    mark's word: along the tie where it fits clear of the two people's names, else beside it (one
    for two ties of one pair)."""
    changes = {("dmitry", "petrov"): "new", ("olga", "ivanov"): "changed", ("kozlov", "ivanov"): "changed"}
    for lang in ("en", "ru"):
        rendered = render_map(load_file(EXAMPLES / "uralmet.yaml"), AS_OF, changes=changes, lang=lang)
        root = ET.fromstring(svg_text(rendered))
        svg = "{http://www.w3.org/2000/svg}"
        marks, words = rendered.data["marks"], rendered.data["strings"]
        bands = [p for p in root.iter(f"{svg}path") if p.get("opacity") == "0.5"]
        # a band under each marked tie (Kozlov has two ties to Ivanov, a reporting line and an influence)
        assert sorted(p.get("stroke") for p in bands) == sorted([marks["new"]] + 3 * [marks["changed"]])
        pills = [
            t.text
            for t in root.iter(f"{svg}text")
            if t.get("font-weight") == "bold" and t.text in (words["mark_new"], words["mark_changed"])
        ]
        # Kozlov's two ties to Ivanov are too short for a pill along them: one pill goes beside them
        assert sorted(pills) == sorted([words["mark_new"], words["mark_changed"], words["mark_changed"]])
