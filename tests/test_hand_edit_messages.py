"""What a colleague editing an account by hand gets told: the usual slips of a Russian-speaking team."""

from __future__ import annotations

import pytest

HEAD = "format: influence/v1\naccount:\n  id: a\n  name: A\n  language: ru\n"


@pytest.mark.parametrize(
    ("body", "english", "russian"),
    [
        (
            "organizations:\n  - {id: o, name: O, ownership: 75%}\n",
            "7: organizations[0].ownership: ownership text '75%' is not a number: write the number without the "
            "percent sign: 75; allowed: 0 to 100",
            "7: organizations[0].ownership: ownership: текст '75%' — не число: запишите число без знака "
            "процента: 75; допустимо: от 0 до 100",
        ),
        (
            "people:\n  - {id: p, name: P}\nactivities:\n  - {id: x, kind: meeting, date: 15.01.2027, targets: [p]}\n",
            "9: activities[0].date: bad date '15.01.2027': write it as 2027-01-15 (YYYY-MM-DD)",
            "9: activities[0].date: неверная дата '15.01.2027': запишите её как 2027-01-15 (YYYY-MM-DD)",
        ),
        (
            "people:\n  - {id: p, name: P}\nactivities:\n  - {id: x, kind: meeting, date: 31.02.2027, targets: [p]}\n",
            "9: activities[0].date: bad date '31.02.2027' (expected YYYY-MM-DD)",
            "9: activities[0].date: неверная дата '31.02.2027' (нужен формат YYYY-MM-DD)",
        ),
        (
            "people:\n  - id: p\n\tname: P\n",
            "8: (document): YAML syntax error at line 8, column 1: found a tab character that violates "
            "indentation; YAML indents with spaces, never tabs: replace the tab with spaces",
            "8: (документ): синтаксическая ошибка YAML в строке 8, столбце 1: табуляция нарушает отступы; "
            "в YAML отступы делаются только пробелами, не табуляцией: замените табуляцию пробелами",
        ),
    ],
)
def test_a_hand_edit_slip_is_told_with_its_fix_in_both_languages(run, tmp_path, body, english, russian):
    path = tmp_path / "a.yaml"
    path.write_text(HEAD + body, encoding="utf-8")
    said = run("validate", path)  # the file asks for Russian
    assert (said.exit_code, said.stderr.splitlines()[0]) == (2, f"{path}:{russian}")
    assert run("validate", path, "--lang", "en").stderr.splitlines()[0] == f"{path}:{english}"


def test_a_file_saved_in_windows_1251_is_told_so_in_the_language_it_names(run, tmp_path):
    path = tmp_path / "a.yaml"
    path.write_bytes(HEAD.replace("name: A", "name: Пётр").encode("cp1251"))
    said = run("validate", path)
    assert said.exit_code == 2 and said.stderr.startswith(f"ошибка: {path}: текст не в UTF-8 (байт ")
    assert "похоже, это кодировка Windows-1251 (кириллица)" in said.stderr
    assert run("validate", path, "--lang", "en").stderr.startswith(f"error: {path}: not UTF-8 text (byte ")


def test_a_vocabulary_word_typed_in_russian_is_told_its_value(run, tmp_path):
    """The map and reports say «скептик»; a colleague types it so: the file takes 'skeptic'."""
    path = tmp_path / "a.yaml"
    path.write_text(HEAD + "people:\n  - {id: p, name: P, stance: Скептик}\n", encoding="utf-8")
    said = run("validate", path).stderr.splitlines()[0]
    assert said == (
        f"{path}:7: people[0].stance: недопустимая позиция: 'Скептик' (возможно, имелось в виду 'skeptic'?); "
        "допустимо: -2..2, opponent, skeptic, neutral, supporter, champion"
    )
    path.write_text(HEAD + "people:\n  - {id: p, name: P, stance: нейтральный}\n", encoding="utf-8")
    assert "(возможно, имелось в виду 'neutral'?)" in run("validate", path).stderr  # as a diff says it
    path.write_text(HEAD + "people:\n  - {id: p, name: P, stance: кто-то}\n", encoding="utf-8")
    assert "имелось в виду" not in run("validate", path).stderr  # no word of the vocabulary: no guess


@pytest.mark.parametrize(
    ("typed", "value"),
    [("сильная", "strong"), ("Средняя", "medium"), ("слабый", "weak"), ("сильный", "strong")],
)
def test_a_strength_word_typed_in_russian_is_told_its_value(run, tmp_path, typed, value):
    """A tie is said to be «сильная» (of «связь»), or «сильный» (of «контакт»): the file takes 'strong'."""
    path = tmp_path / "a.yaml"
    ties = "team:\n  - {id: t, name: T}\nrelationships:\n  - {team: t, person: p, strength: " + typed + "}\n"
    path.write_text(HEAD + "people:\n  - {id: p, name: P}\n" + ties, encoding="utf-8")
    said = run("validate", path).stderr.splitlines()[0]
    assert said == (
        f"{path}:11: relationships[0].strength: недопустимое значение strength: '{typed}' "
        f"(возможно, имелось в виду '{value}'?); допустимо: число в диапазоне (0, 1], weak, medium, strong"
    )
    path.write_text(
        HEAD + "people:\n  - {id: p, name: P}\n" + ties.replace(typed, "пятница"), encoding="utf-8"
    )
    assert "имелось в виду" not in run("validate", path).stderr  # no word of the scale: no guess
