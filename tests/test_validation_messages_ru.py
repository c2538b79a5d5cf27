"""The messages of validation (and of its dates) are in the catalogue and said in Russian with ``--lang ru``.

Each case is an account file with one mistake: ``influence validate FILE
--lang ru`` prints its issue in Russian, values, ids, keys and code to
type as written; the same run without ``--lang`` prints the English issue
as before.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import influence

SOURCES = [Path(influence.__file__).parent / name for name in ("validation.py", "dates.py")]

HEAD = "format: influence/v1\naccount: {id: acme, name: Acme}\n"


def _calls(path: Path) -> list[ast.Call]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("Msg", "NMsg")
    ]


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_every_message_of_validation_is_a_literal_the_catalogue_extracts(path):
    calls = _calls(path)
    assert calls, "the module says its errors with Msg"
    for call in calls:
        literals = 2 if call.func.id == "NMsg" else 1  # type: ignore[attr-defined]
        heads = call.args[:literals]
        assert len(heads) == literals and all(
            isinstance(a, ast.Constant) and isinstance(a.value, str) for a in heads
        ), f"{path.name}:{call.lineno}: the template of a message must be a string literal"


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_no_error_of_validation_is_worded_as_plain_text(path):
    """``c.error(path, f"…")`` would stay English: every reason given to the checker is a message."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "error":
            reason = node.args[1] if len(node.args) > 1 else None
            assert not isinstance(reason, (ast.Constant, ast.JoinedStr)), f"{path.name}:{node.lineno}"


CASES = [
    (
        "people:\n  - {id: p1, name: P, stance: chmpion}\n",
        "people[0].stance: invalid stance 'chmpion' (did you mean 'champion'?); "
        "allowed: -2..2, opponent, skeptic, neutral, supporter, champion",
        "people[0].stance: недопустимая позиция: 'chmpion' (возможно, имелось в виду 'champion'?); "
        "допустимо: -2..2, opponent, skeptic, neutral, supporter, champion",
    ),
    (
        "units:\n  - {id: it, parent: hq}\n",
        "units[0].parent: unknown unit 'hq'",
        "units[0].parent: не найдено подразделение с id 'hq'",
    ),
    (
        "units:\n  - {id: it}\npeople:\n  - {id: p1, name: P, reports_to: it}\n",
        "people[0].reports_to: unknown person 'it' (it is a unit, not a person)",
        "people[0].reports_to: не найден человек с id 'it' (it — это подразделение, а не человек)",
    ),
    (
        "people:\n  - {id: olg\u0430, name: O}\n",
        "people[0].id: malformed id 'olg\u0430': it holds a Cyrillic '\u0430' (U+0430), not the Latin 'a' "
        "(ids match ^[a-z0-9][a-z0-9_.-]*$: lower-case letters, digits, '_', '.', '-')",
        "people[0].id: неверный id 'olg\u0430': в нём кириллическая буква '\u0430' (U+0430), а не латинская 'a' "
        "(id должен соответствовать ^[a-z0-9][a-z0-9_.-]*$: строчные латинские буквы, цифры, '_', '.', '-')",
    ),
    (
        "people:\n  - {id: p1, name: P}\n  - {id: p2, name: Q}\n"
        "links:\n  - {from: p1, to: p2, type: friend, strength: 0,7}\n",
        "links[0].strength: did you write 0,7? use a decimal point: 0.7",
        "links[0].strength: похоже, здесь написано 0,7 — используйте десятичную точку: 0.7",
    ),
    (
        "organizations:\n  - {id: org, ownership: '120'}\n",
        "organizations[0].ownership: ownership '120' is out of range, and written as text: "
        "write it without quotes; allowed: 0 to 100",
        "organizations[0].ownership: ownership: '120' — вне допустимого диапазона, к тому же записано как текст: "
        "уберите кавычки; допустимо: от 0 до 100",
    ),
    (
        "activities:\n  - {id: a1, budget: '1,5'}\n",
        "activities[0].budget: budget text '1,5' is not a number: use a decimal point: 1.5; allowed: a number ≥ 0",
        "activities[0].budget: budget: текст '1,5' — не число: используйте десятичную точку: 1.5; "
        "допустимо: число ≥ 0",
    ),
    (
        "tenders:\n  - {id: t1, submission: 2027-02-30}\n",
        "tenders[0].submission: '2027-02-30' is not a date: that day does not exist (February 2027 has 28 days)",
        "tenders[0].submission: '2027-02-30' — не дата: такого дня нет (февраль 2027 года — 28 дней)",
    ),
    (
        "tenders:\n  - {id: t1, submission: 2027-01-32}\n",
        "tenders[0].submission: '2027-01-32' is not a date: that day does not exist (January 2027 has 31 days)",
        "tenders[0].submission: '2027-01-32' — не дата: такого дня нет (январь 2027 года — 31 день)",
    ),
    (
        "units:\n  - {id: a, parent: b}\n  - {id: b, parent: a}\n",
        "units[0].parent: cycle in parent: a -> b -> a",
        "units[0].parent: записи ссылаются друг на друга по кругу через parent: a -> b -> a",
    ),
    (
        "people:\n  - {id: p1, name: P}\n  - {id: p1, name: Q}\n",
        "people[1].id: duplicate id 'p1' (first defined at people[0])",
        "people[1].id: повторяющийся id 'p1' (впервые задан в people[0])",
    ),
    (
        "people:\n  - {id: p1, name: P, informal: [yes]}\n",
        "people[0].informal: expected true or false, got a list",
        "people[0].informal: ожидается true или false, указано: список",
    ),
    (
        "people:\n  - {id: p1, name: P}\n  - {id: p2, name: Q}\nlinks:\n  - {from: p1, to: p2}\n",
        "links[0].type: missing required field",
        "links[0].type: не заполнено обязательное поле",
    ),
    (
        "people:\n  - {id: p1, name: P}\n  - {id: p2, name: Q}\nlinks:\n  - {from: p1, to: p2, type: frend}\n",
        "links[0].type: invalid link type 'frend' (did you mean 'friend'?); "
        "allowed: reports_to, influences, family, friend, former_colleague, informal",
        "links[0].type: недопустимый тип связи: 'frend' (возможно, имелось в виду 'friend'?); "
        "допустимо: reports_to, influences, family, friend, former_colleague, informal",
    ),
]


def _issue_line(stderr: str) -> str:
    """The first issue of the stderr, without its file and line (``people[0].x: reason``)."""
    return stderr.splitlines()[0].split(": ", 1)[1]


@pytest.mark.parametrize(("body", "english", "russian"), CASES, ids=[c[1].split(":")[0] for c in CASES])
def test_an_issue_of_validation_is_said_in_russian_with_lang_ru(run, write, body, english, russian):
    path = write(HEAD + body)
    result = run("validate", path, "--lang", "ru")
    assert (result.exit_code, result.stdout) == (2, "")
    assert _issue_line(result.stderr) == russian
    assert result.stderr.splitlines()[-1].startswith(
        f"ошибка: {path} не соответствует формату influence/v1 ("
    )


@pytest.mark.parametrize(("body", "english", "russian"), CASES, ids=[c[1].split(":")[0] for c in CASES])
def test_the_same_issue_stays_english_without_lang(run, write, body, english, russian):
    path = write(HEAD + body)
    result = run("validate", path)
    assert (result.exit_code, result.stdout) == (2, "")
    assert _issue_line(result.stderr) == english


def test_the_whole_russian_stderr_of_a_file_with_one_mistake(run, write):
    path = write(HEAD + "people:\n  - {id: p1, name: P, stance: '1'}\n")
    result = run("validate", path, "--lang", "ru")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"{path}:4: people[0].stance: stance: '1' — это текст, а не число: уберите кавычки; "
        "допустимо: -2..2, opponent, skeptic, neutral, supporter, champion\n"
        f"ошибка: {path} не соответствует формату influence/v1 (1 ошибка)\n"
    )
    english = run("validate", path)
    assert english.stderr == (
        f"{path}:4: people[0].stance: stance '1' is text, not a number: write it without quotes; "
        "allowed: -2..2, opponent, skeptic, neutral, supporter, champion\n"
        f"error: {path} is not a valid influence/v1 account (1 error)\n"
    )


def test_an_account_in_russian_has_its_validation_issues_in_russian_without_lang(run, write):
    path = write(
        "format: influence/v1\naccount: {id: acme, name: Акме, language: ru}\nunits:\n  - {id: it, parent: hq}\n"
    )
    result = run("validate", path)
    assert result.stderr.splitlines() == [
        f"{path}:4: units[0].parent: не найдено подразделение с id 'hq'",
        f"ошибка: {path} не соответствует формату influence/v1 (1 ошибка)",
    ]


def test_the_hidden_members_of_a_long_cycle_are_counted_with_russian_grouping():
    """English groups thousands with a comma (1,990); Russian with a no-break space (1 990), not a comma."""
    from influence.document import Document
    from influence.i18n import translator
    from influence.validation import validate_document

    n = 2000
    people = [{"id": f"p{i}", "name": "P", "reports_to": f"p{(i + 1) % n}"} for i in range(n)]
    doc = {"format": "influence/v1", "account": {"id": "a", "name": "A"}, "people": people}
    issue = validate_document(Document("a.yaml", doc, {}))[0][0]
    assert "… 1,990 more …" in str(issue)
    assert "… ещё 1\xa0990 …" in issue.render(translator("ru"))
