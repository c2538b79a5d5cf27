"""The gettext catalogues: complete, compiled, up to date with the code; plural forms; language errors."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from influence.errors import LanguageError
from influence.i18n import LANGUAGES, check_language, translator

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "influence" / "locale" / "ru" / "LC_MESSAGES" / "influence.po"


def _tool():
    spec = importlib.util.spec_from_file_location("i18n_tool", ROOT / "tools" / "i18n.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _arg(spec: str) -> int | tuple[int, str]:
    """Babel's keyword argument spec: ``2`` or ``1c`` (the context)."""
    return (int(spec[:-1]), "c") if spec.endswith("c") else int(spec)


def _catalog():
    with PO.open("rb") as f:
        return read_po(f, locale="ru")


def test_every_russian_message_is_translated_and_not_fuzzy():
    catalog = _catalog()
    bad = []
    for m in catalog:
        if not m.id:
            continue
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        if m.fuzzy or not all(strings):
            bad.append(m.id)
    assert bad == []
    assert catalog.num_plurals == 3


def extracted() -> set[tuple[str | None, str | tuple[str, ...]]]:
    """(context, message) of every message the code holds, extracted as ``tools/i18n.py extract`` does."""
    tool = _tool()
    keywords = {}
    for spec in tool.KEYWORDS:
        name, _, args = spec.partition(":")
        keywords[name] = tuple(_arg(a) for a in args.split(",")) if args else None
    return {
        (context, message)
        for _, _, message, _, context in extract_from_dir(
            # as tools/babel.cfg says: the command line's modules give their commands' docstrings too
            str(ROOT),
            [("influence/cli/**.py", tool.extract_commands), ("influence/**.py", "python")],
            keywords=keywords,
        )
    }


def test_the_catalogue_holds_every_message_of_the_code():
    in_code = extracted()
    in_po = {(m.context, m.id) for m in _catalog() if m.id}
    assert in_code - in_po == set(), "run: python3 tools/i18n.py all, then translate"
    assert in_po - in_code == set(), "obsolete entries: run python3 tools/i18n.py all"


def test_compiled_catalogues_match_their_po():
    assert _tool().problems() == []


def test_the_check_fails_on_a_fuzzy_or_missing_translation(tmp_path, monkeypatch):
    tool = _tool()
    locale = tmp_path / "locale"
    (locale / "ru" / "LC_MESSAGES").mkdir(parents=True)
    text = PO.read_text(encoding="utf-8")
    text = text.replace('msgstr "Пробелов не найдено."', 'msgstr ""', 1)
    text = text.replace('msgid "Gap report: {name}"', '#, fuzzy\nmsgid "Gap report: {name}"', 1)
    (locale / "ru" / "LC_MESSAGES" / "influence.po").write_text(text, encoding="utf-8")
    monkeypatch.setattr(tool, "LOCALE", locale)
    monkeypatch.setattr(tool, "ROOT", tmp_path)
    found = tool.problems()
    assert any("missing translation of 'No gaps found.'" in x for x in found)
    assert any("fuzzy translation of 'Gap report: {name}'" in x for x in found)
    assert any("not compiled" in x for x in found)


def test_the_check_tells_one_message_in_two_contexts_apart(tmp_path, monkeypatch):
    """One msgid in two contexts with two translations is no stale .mo: the check compared the
    compiled messages by msgid alone, so the second context's translation looked out of date."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    tool = _tool()
    locale = tmp_path / "locale"
    folder = locale / "ru" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    text = PO.read_text(encoding="utf-8") + (
        '\nmsgctxt "tie"\nmsgid "probe-word"\nmsgstr "связь"\n'
        '\nmsgctxt "record"\nmsgid "probe-word"\nmsgstr "запись"\n'
    )
    (folder / "influence.po").write_text(text, encoding="utf-8")
    with (folder / "influence.po").open("rb") as po, (folder / "influence.mo").open("wb") as mo:
        write_mo(mo, read_po(po, locale="ru"))
    monkeypatch.setattr(tool, "LOCALE", locale)
    monkeypatch.setattr(tool, "ROOT", tmp_path)
    assert tool.problems() == []


@pytest.mark.parametrize(
    ("n", "word"),
    [
        (1, "1 находка"),
        (2, "2 находки"),
        (5, "5 находок"),
        (11, "11 находок"),
        (21, "21 находка"),
        (22, "22 находки"),
        (112, "112 находок"),
    ],
)
def test_russian_plural_forms(n, word):
    title = translator("ru").ntr("{severity} ({n})", "{severity} ({n})", n, severity="Высокая важность")
    assert title == f"Высокая важность: {word}"


def test_english_is_the_source_language():
    en = translator("en")
    assert en.ntr("{n} node", "{n} nodes", 1) == "1 node"
    assert en.ntr("{n} node", "{n} nodes", 2) == "2 nodes"
    assert translator(None) is en
    assert LANGUAGES == ("en", "ru")


@pytest.mark.parametrize("lang", ["de", "RU", "", "english"])
def test_unknown_language(lang):
    with pytest.raises(LanguageError, match=r"unknown language .* \(expected en or ru\)"):
        check_language(lang)
    if lang:
        with pytest.raises(LanguageError):
            translator(lang)


@pytest.mark.parametrize("n", [2, 5, 21, 22])
def test_the_store_counts_relationships_without_a_plural_of_its_own(n):
    """A plain message with {n} said «2 связей»: the Russian counts them after a colon instead."""
    message = (
        "neo4j:{account}: the {label} node '{id}' has {n} {type} relationships (to {targets}); "
        "its {field} is one: delete all but one in Neo4j"
    )
    values = {
        "account": "a",
        "label": "Person",
        "id": "p",
        "type": "REPORTS_TO",
        "targets": "x",
        "field": "f",
    }
    said = translator("ru").tr(message, n=n, **values)
    assert f"несколько связей REPORTS_TO (число связей: {n}; к x)" in said


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("ООО «Ромашка»", "У клиента «ООО „Ромашка“»"),
        ("«Ромашка»", "У клиента «Ромашка»"),
        ("«Завод «Серп»»", "У клиента «Завод „Серп“»"),
        ("«А» и «Б»", "У клиента «„А“ и „Б“»"),
        ("Acme", "У клиента «Acme»"),
        ('ООО "Ромашка"', "У клиента «ООО „Ромашка“»"),  # a CRM's straight quotes
        ('"Ромашка"', "У клиента «Ромашка»"),
        ('Модернизация «MES» ООО "Ромашка"', "У клиента «Модернизация „MES“ ООО „Ромашка“»"),
        ('Трубы 20" и 30"', 'У клиента «Трубы 20" и 30"»'),  # inch marks stay
        ('ООО "Ромашка', 'У клиента «ООО "Ромашка»'),  # a lone quote stays
    ],
)
def test_a_name_in_russian_quotes_has_no_nested_quotes_of_the_same_kind(name, said):
    """Russian typography: „…“ inside «…»; a name wholly in quotes is not quoted twice."""
    ru = translator("ru")
    assert ru.fill("У клиента «{account}»", account=name) == said
    assert ru.fill("клиент {account}", account=name) == f"клиент {name}"  # unquoted: as it is
    assert translator("en").fill("account '{account}'", account=name) == f"account '{name}'"
