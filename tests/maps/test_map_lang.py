"""The map's interface in English and Russian: every word of the table translated, the page's lang."""

from __future__ import annotations

import re

from influence.i18n import translator
from influence.loading import load_file
from influence.maps import MAP_STRINGS, map_strings, render_map
from tests.conftest import EXAMPLES

AS_OF = "2026-11-27"
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z_]*")
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def test_every_interface_word_has_a_russian_translation_without_english():
    ru = map_strings(translator("ru").gettext)
    for key, text in ru.items():
        if key == "html_lang":
            continue
        words = LATIN_WORD.findall(PLACEHOLDER.sub("", text))
        assert [w for w in words if w != "Esc"] == [], (key, text)
        assert set(PLACEHOLDER.findall(text)) == set(PLACEHOLDER.findall(MAP_STRINGS[key])), key


def test_the_map_speaks_the_account_language_unless_told():
    ru_account = load_file(EXAMPLES / "uralmet-ru.yaml")
    ru = render_map(ru_account, AS_OF)
    en = render_map(ru_account, AS_OF, lang="en")
    assert '<html lang="ru"' in ru.html and '<html lang="en"' in en.html
    assert ru.data["strings"]["legend"] == "Легенда" and en.data["strings"]["legend"] == "Legend"
    from influence import analyze

    high = [f for f in analyze(ru_account, AS_OF).findings if f.severity == "high"]
    # names in the panel's sentences are isolated (FSI … PDI) from the text around them
    said = lambda entry: entry["message"].replace("\u2068", "").replace("\u2069", "")  # noqa: E731
    assert [said(f) for f in ru.data["findings"]] == [f.text("ru")[0] for f in high]
    assert [said(f) for f in en.data["findings"]] == [f.message for f in high]
    assert "\u2068Елена Орлова\u2069" in ru.data["findings"][0]["message"]
    english = render_map(load_file(EXAMPLES / "uralmet.yaml"), AS_OF)
    assert english.data["strings"]["html_lang"] == "en" and english.data["strings"]["legend"] == "Legend"


def test_russian_tooltips_write_a_decimal_comma():
    """The panel's sentences wrote 0,45 and the tooltips 0.45 on the same Russian map."""
    account = load_file(EXAMPLES / "uralmet-ru.yaml")
    rendered = render_map(account, "2026-11-27")
    tips = [
        value for item in rendered.data["nodes"] + rendered.data["edges"] for _, value in item.get("tip", [])
    ]
    numbers = [t for t in tips if any(ch.isdigit() for ch in t) and ("," in t or "." in t)]
    assert numbers and all(re.search(r"\d,\d", t) and not re.search(r"\d\.\d", t) for t in numbers), numbers
    english = render_map(load_file(EXAMPLES / "uralmet.yaml"), "2026-11-27")
    tips = [
        value for item in english.data["nodes"] + english.data["edges"] for _, value in item.get("tip", [])
    ]
    assert any(re.search(r"\d\.\d\d", t) for t in tips)


def test_russian_coverage_status_reads_as_in_the_diff():
    """The map's tooltip said «покрыто» and «нулевое» where the diff says «покрыт» and «без покрытия»."""
    from influence.analysis import coverage
    from influence.output import COVERAGE_WORDS

    account = load_file(EXAMPLES / "uralmet-ru.yaml")
    rendered = render_map(account, AS_OF)
    gettext = translator("ru").gettext
    tips = {node["id"]: dict(node.get("tip", [])) for node in rendered.data["nodes"]}
    seen = set()
    for row in coverage(account):
        shown = tips[row.person]["Покрытие"]
        said_by_diff = gettext(COVERAGE_WORDS[row.status]).format(coverage=row.coverage).replace(".", ",")
        assert shown == said_by_diff, (row.person, shown, said_by_diff)
        seen.add(row.status)
    assert len(seen) >= 2, seen


def test_the_panel_heads_findings_and_lists_resolved_findings_by_title():
    """The cards' bold titles were the finding codes ("anti-influence-path"), in every language."""
    from influence.analysis import plan

    account = load_file(EXAMPLES / "uralmet-ru.yaml")
    chosen = plan(account, AS_OF)
    ru = render_map(account, AS_OF, plan=chosen)
    en = render_map(account, AS_OF, lang="en", plan=chosen)
    headings = {(f["code"], f["heading"]) for f in ru.data["findings"]}
    assert headings == {
        ("anti-influence-path", "Путь противодействия к ЛПР"),
        ("competitor-ahead", "Конкурент опережает"),
        ("decision-maker-weak", "Слабое покрытие ЛПР"),
    }
    assert {f["heading"] for f in en.data["findings"]} == {
        "Anti-influence path to a decision maker",
        "Competitor ahead",
        "Decision maker weakly covered",
    }
    assert ru.data["moves"][0]["resolves"] == "закрывает: слабое покрытие ЛПР, ЛПР нет в плане мероприятий"
    assert en.data["moves"][0]["resolves"] == (
        "resolves: decision maker weakly covered, decision maker left out of the plan"
    )


def test_russian_tooltips_agree_with_their_labels():
    """«Позиция: нейтральная позиция» and «Знает нас: низкая» read wrong; the decision_maker role is
    not «ЛПР», the legend's name of the group it belongs to."""
    rendered = render_map(load_file(EXAMPLES / "uralmet-ru.yaml"), AS_OF)
    tips = {n["id"]: dict(n["tip"]) for n in rendered.data["nodes"] if n["id"] in ("sokolov", "orlova")}
    assert (tips["sokolov"]["Позиция"], tips["sokolov"]["Осведомлённость о нас"]) == ("нейтрал", "низкая")
    assert tips["orlova"]["Роли"] == "принимающий решение, владелец проблемы"
    assert rendered.data["strings"]["legend_decision_maker"] == "ЛПР"
    english = render_map(load_file(EXAMPLES / "uralmet.yaml"), AS_OF)
    orlova = next(dict(n["tip"]) for n in english.data["nodes"] if n["id"] == "orlova")
    assert (orlova["Roles"], english.data["strings"]["legend_decision_maker"]) == (
        "decision maker, problem owner",
        "decision maker",
    )


def test_the_russian_legend_names_each_stance_colour_by_a_noun_as_the_tooltip_says_the_stance():
    """The legend listed «чемпион, сторонник, нейтральная, …»: an adjective among nouns. The legend
    says a kind of person, and so does the tooltip now («Позиция: нейтрал», as the diff says it);
    English reads as before in both."""
    from influence.maps.svg import svg_text

    account = load_file(EXAMPLES / "uralmet-ru.yaml")
    for lang, legend, neutral in (
        (
            None,
            ["чемпион", "сторонник", "нейтрал", "скептик", "противник", "позиция неизвестна"],
            "нейтрал",
        ),
        ("en", ["champion", "supporter", "neutral", "skeptic", "opponent", "unknown"], "neutral"),
    ):
        rendered = render_map(account, AS_OF, lang=lang)
        words = rendered.data["strings"]
        swatches = [words[e["key"]] for e in rendered.data["legend"] if e["type"] == "swatch"]
        assert swatches[:6] == legend
        tips = [dict(n.get("tip", [])) for n in rendered.data["nodes"]]
        stances = {tip.get(words["tip_stance"]) for tip in tips} - {None}
        assert neutral in stances and "нейтральная" not in stances
        printed = svg_text(rendered)
        assert all(f">{word}<" in printed for word in legend)
    assert map_strings({"stance_0": "Neutral"})["legend_stance_0"] == "Neutral"  # a table of one's own
    english = render_map(account, AS_OF, lang="en").data["strings"]
    assert [english[f"stance_{s}"] for s in (2, 1, 0, -1, -2)] + [english["unknown"]] == [
        "champion",
        "supporter",
        "neutral",
        "skeptic",
        "opponent",
        "unknown",
    ]
