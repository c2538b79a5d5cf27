"""The details of messages in Russian: numbers the product says, cut values, decimal commas, cycles.

Numbers that are the product's own words (a file's size, a length) take
the language's decimal separator and grouping; numbers of the file and
numbers to type keep their point. A decimal comma gets advice fit for its
field (a stance is a whole number) and, when the number with a point would
not do either, says so in the same message. English stays as it was.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import influence.document
import influence.validation
from influence import errors
from influence.i18n import translator
from tests.exchange.test_salesforce import EXPORT, SERVICE, STEEL, broken, c, write_export

HEAD = "format: influence/v1\naccount: {id: acme, name: Acme}\n"
PEOPLE = "people:\n  - {id: p1, name: P}\n  - {id: p2, name: Q}\n"
STANCES = "allowed: -2..2, opponent, skeptic, neutral, supporter, champion"
RU_STANCES = "допустимо: -2..2, opponent, skeptic, neutral, supporter, champion"
STRENGTHS = "allowed: a number in (0, 1], weak, medium, strong"
RU_STRENGTHS = "допустимо: число в диапазоне (0, 1], weak, medium, strong"


def _issue(run, path: Path, *lang: str) -> str:
    """The first issue of ``validate``, without its file and line (``people[0].x: reason``)."""
    result = run("validate", path, *lang)
    assert (result.exit_code, result.stdout) == (2, "")
    return result.stderr.splitlines()[0].split(": ", 1)[1]


# --- a file's size ------------------------------------------------------------------------------


def test_a_files_size_has_a_decimal_comma_in_russian_and_a_point_in_english(run, tmp_path):
    path = tmp_path / "big.yaml"
    with path.open("wb") as handle:  # a sparse file: its size without writing 60 MB
        handle.truncate(60 * 1024 * 1024 + 1024 * 1024 // 20)
    assert run("validate", path, "--lang", "ru").stderr == (
        f"ошибка: {path}: размер файла 60,0 МБ, а предел — 50 МБ\n"
    )
    assert run("validate", path).stderr == f"error: {path}: file is 60.0 MB; the limit is 50 MB\n"


@pytest.mark.parametrize(
    ("value", "digits", "english", "russian"),
    [
        (60.04, 1, "60.0", "60,0"),
        (0.456, 2, "0.46", "0,46"),
        (1234.5, 2, "1,234.50", "1\xa0234,50"),
        (-2.25, 1, "-2.2", "-2,2"),
        (-0.01, 1, "0.0", "0,0"),  # no "-0.0"
    ],
)
def test_a_decimal_value_takes_the_separator_and_grouping_of_the_language(value, digits, english, russian):
    number = errors.decimal(value, digits)
    assert (str(number), number.render(translator("ru"))) == (english, russian)


def test_the_account_a_command_would_write_too_large_is_told_with_a_decimal_comma():
    text = "x" * (50 * 1024 * 1024 + 3 * 1024 * 1024 // 10)
    with pytest.raises(errors.SourceError) as caught:
        influence.document.readable(text, "big.yaml")
    assert str(caught.value) == ("big.yaml: the account would be 50.3 MB, over the 50 MB every command reads")
    assert "50,3" in caught.value.render(translator("ru"))


def test_grouped_is_a_helper_of_messages_beside_msg():
    assert not hasattr(influence.document, "grouped")
    assert influence.validation.grouped is errors.grouped
    assert errors.grouped(1990).render(translator("ru")) == "1\xa0990"


# --- a long value cut short ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("length", "english", "russian"),
    [
        (81, "81 characters", "81 символ"),
        (82, "82 characters", "82 символа"),
        (150, "150 characters", "150 символов"),
        (2000, "2,000 characters", "2\xa0000 символов"),
    ],
)
def test_the_length_of_a_cut_value_is_said_in_russian(run, write, length, english, russian):
    unit = "u" * length
    path = write(HEAD + f"people:\n  - {{id: p1, name: P, unit: {unit}}}\n")
    shown = "u" * 72
    assert _issue(run, path, "--lang", "ru") == (
        f"people[0].unit: не найдено подразделение с id '{shown}… ({russian})'"
    )
    assert _issue(run, path) == f"people[0].unit: unknown unit '{shown}… ({english})'"


def test_a_cut_text_in_quotes_keeps_its_quotes_around_its_length(run, write):
    path = write(HEAD + f"people:\n  - {{id: p1, name: P, stance: {'x' * 150}}}\n")
    assert _issue(run, path, "--lang", "ru") == (
        f"people[0].stance: недопустимая позиция: '{'x' * 72}… (150 символов)'; {RU_STANCES}"
    )
    assert _issue(run, path) == f"people[0].stance: invalid stance '{'x' * 72}… (150 characters)'; {STANCES}"


def test_a_short_value_is_plain_text_and_a_long_one_a_message():
    """The happy path builds no message: a value of at most 80 characters is the text itself."""
    assert influence.validation.cut_value("x" * 80) == "x" * 80
    assert isinstance(influence.validation.cut_value("x" * 81), errors.Msg)


# --- decimal commas -----------------------------------------------------------------------------

#: (the document's body, the English issue, the Russian one)
COMMAS = [
    (
        "people:\n  - {id: p1, name: P, stance: '1,0'}\n",
        f"people[0].stance: invalid stance '1,0': write it as a whole number: 1; {STANCES}",
        f"people[0].stance: недопустимое значение stance: '1,0' — запишите целым числом: 1; {RU_STANCES}",
    ),
    (
        "people:\n  - {id: p1, name: P, stance: '-1,0'}\n",
        f"people[0].stance: invalid stance '-1,0': write it as a whole number: -1; {STANCES}",
        f"people[0].stance: недопустимое значение stance: '-1,0' — запишите целым числом: -1; {RU_STANCES}",
    ),
    (
        "people:\n  - {id: p1, name: P, stance: 1,0}\n",
        "people[0].stance: did you write 1,0? write it as a whole number: 1",
        "people[0].stance: похоже, здесь написано 1,0 — запишите целым числом: 1",
    ),
    (
        "people:\n  - {id: p1, name: P, stance: '1.0'}\n",
        f"people[0].stance: stance '1.0' is text, not a number: write it as a whole number: 1; {STANCES}",
        f"people[0].stance: stance: '1.0' — это текст, а не число: запишите целым числом: 1; {RU_STANCES}",
    ),
    (
        "people:\n  - {id: p1, name: P, stance: '3,0'}\n",
        f"people[0].stance: stance '3,0' is out of range, and written as text: write it as a whole number: 3; "
        f"{STANCES}",
        "people[0].stance: stance: '3,0' — вне допустимого диапазона, к тому же записано как текст: "
        f"запишите целым числом: 3; {RU_STANCES}",
    ),
    (
        "people:\n  - {id: p1, name: P, stance: 1,5}\n",
        f"people[0].stance: did you write 1,5? even as 1.5 it would not be a whole number; {STANCES}",
        f"people[0].stance: похоже, здесь написано 1,5 — но и 1.5 не было бы целым числом; {RU_STANCES}",
    ),
    (
        "people:\n  - {id: p1, name: P, stance: 3,0}\n",
        f"people[0].stance: did you write 3,0? even as 3.0 it would be out of range; {STANCES}",
        f"people[0].stance: похоже, здесь написано 3,0 — но и 3.0 было бы вне допустимого диапазона; {RU_STANCES}",
    ),
    (
        PEOPLE + "links:\n  - {from: p1, to: p2, type: friend, strength: 1,5}\n",
        f"links[0].strength: did you write 1,5? even as 1.5 it would be out of range; {STRENGTHS}",
        f"links[0].strength: похоже, здесь написано 1,5 — но и 1.5 было бы вне допустимого диапазона; "
        f"{RU_STRENGTHS}",
    ),
    (
        PEOPLE + "links:\n  - {from: p1, to: p2, type: friend, strength: 0,0}\n",
        f"links[0].strength: did you write 0,0? even as 0.0 it would be out of range; {STRENGTHS}",
        f"links[0].strength: похоже, здесь написано 0,0 — но и 0.0 было бы вне допустимого диапазона; "
        f"{RU_STRENGTHS}",
    ),
    (
        PEOPLE + "links:\n  - {from: p1, to: p2, type: friend, strength: 1,000}\n",
        "links[0].strength: did you write 1,000? use a decimal point: 1.000",
        "links[0].strength: похоже, здесь написано 1,000 — используйте десятичную точку: 1.000",
    ),
    (
        "organizations:\n  - {id: o, ownership: 100,5}\n",
        "organizations[0].ownership: did you write 100,5? even as 100.5 it would be out of range; "
        "allowed: 0 to 100",
        "organizations[0].ownership: похоже, здесь написано 100,5 — но и 100.5 было бы вне допустимого "
        "диапазона; допустимо: от 0 до 100",
    ),
]


@pytest.mark.parametrize(("body", "english", "russian"), COMMAS, ids=[c[1].split("? ")[0] for c in COMMAS])
def test_a_decimal_comma_gets_the_advice_of_its_field_in_russian_and_english(
    run, write, body, english, russian
):
    path = write(HEAD + body)
    assert _issue(run, path, "--lang", "ru") == russian
    assert _issue(run, path) == english


def test_a_decimal_comma_that_fits_is_one_issue_and_the_fixed_number_none(run, write):
    """{stance: 1,0} was taken as stance 1 and an unknown key '0'; 1 written as told is valid."""
    path = write(HEAD + "people:\n  - {id: p1, name: P, stance: 1,0}\n")
    issues = run("validate", path).stderr.splitlines()[:-1]  # without the summary
    assert issues == [f"{path}:4: people[0].stance: did you write 1,0? write it as a whole number: 1"]
    path.write_text(HEAD + "people:\n  - {id: p1, name: P, stance: 1}\n", encoding="utf-8")
    assert run("validate", path).exit_code == 0


# --- cycles -------------------------------------------------------------------------------------


def test_a_cycle_of_parents_reads_naturally_in_russian(run, write):
    path = write(HEAD + "units:\n  - {id: a, parent: b}\n  - {id: b, parent: a}\n")
    assert _issue(run, path, "--lang", "ru") == (
        "units[0].parent: записи ссылаются друг на друга по кругу через parent: a -> b -> a"
    )
    assert _issue(run, path) == "units[0].parent: cycle in parent: a -> b -> a"


@pytest.mark.parametrize(
    ("file", "row", "column", "value", "ring"),
    [
        ("Contact.csv", 2, "ReportsToId", c(2), f"{c(1)} -> {c(2)} -> {c(1)}"),
        ("Account.csv", 2, "ParentId", SERVICE, None),
    ],
)
def test_a_salesforce_cycle_names_its_column_once_in_russian(run, tmp_path, file, row, column, value, ring):
    folder = write_export(tmp_path / "export", broken(EXPORT, file, row, column, value))
    command = ["import", "salesforce", folder, "--account", STEEL, "-o", tmp_path / "o.yaml"]
    english = run(*command).stderr.splitlines()[0]
    russian = run(*command, "--lang", "ru").stderr.splitlines()[0]
    where, _, cycle = english.partition(f": {column}: cycle in {column}: ")
    assert cycle and (ring is None or cycle == ring)
    assert russian == f"{where}: {column}: записи ссылаются друг на друга по кругу: {cycle}"
    assert os.path.basename(where).startswith(file)
