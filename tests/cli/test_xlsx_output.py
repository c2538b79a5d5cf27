"""``--format xlsx -o FILE`` on every table command, and ``-o`` for the text formats."""

from __future__ import annotations

import json

import openpyxl
import pytest

from tests.conftest import EXAMPLES

AS_OF = "2026-11-27"
URALMET = EXAMPLES / "uralmet.yaml"


def sheet_rows(path, sheet):
    ws = openpyxl.load_workbook(path)[sheet]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    return rows[0], [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


#: the cells a workbook says in words, as the table does (JSON keeps the codes)
IN_WORDS = {"class", "status", "source", "roles", "reasons", "stance", "top_finding"}


@pytest.mark.parametrize("command", ["sponsors", "paths", "coverage"])
def test_row_commands_write_the_json_rows(run, tmp_path, command):
    book = tmp_path / f"{command}.xlsx"
    result = run(command, URALMET, "--format", "xlsx", "-o", book)
    assert (result.exit_code, result.stdout) == (0, f"wrote {book}\n")
    expected = json.loads(run(command, URALMET, "--format", "json").stdout)
    header, rows = sheet_rows(book, command)
    assert expected and header == list(expected[0])
    assert len(rows) == len(expected)
    for got, want in zip(rows, expected, strict=True):
        for key, value in want.items():
            if key in IN_WORDS:
                continue
            if isinstance(value, list):  # lists joined; an empty one is an empty cell
                value = (" → " if key == "path" else "; ").join(map(str, value)) or None
            assert got[key] == value, key


def test_an_english_workbook_says_vocabulary_values_in_words(run, tmp_path):
    """What the English table says, not the JSON codes (``at_risk``, ``2``, ``decision_maker``)."""
    cells = {}
    for command in ("sponsors", "coverage"):
        book = tmp_path / f"{command}.xlsx"
        assert run(command, URALMET, "--format", "xlsx", "-o", book).exit_code == 0
        cells[command] = {r["person"]: r for r in sheet_rows(book, command)[1]}
    morozova = cells["sponsors"]["morozova"]
    assert (morozova["class"], morozova["stance"], morozova["reasons"]) == (
        "at risk",
        "champion",
        "weak link",
    )
    assert cells["coverage"]["ivanov"]["roles"] == "decision maker; technical buyer"
    table = run("sponsors", URALMET).stdout
    assert "at risk" in table and "weak link" in table


def test_gaps_workbook_has_every_finding(run, tmp_path):
    book = tmp_path / "gaps.xlsx"
    assert run("gaps", URALMET, "--format", "xlsx", "-o", book, "--as-of", AS_OF).exit_code == 0
    report = json.loads(run("gaps", URALMET, "--format", "json", "--as-of", AS_OF).stdout)
    header, rows = sheet_rows(book, "findings")
    assert header == ["severity", "code", "title", "subject", "message", "recommendation", "evidence"]
    assert [(r["code"], r["message"]) for r in rows] == [
        (f["code"], f["message"]) for f in report["findings"]
    ]
    first = rows[0]
    assert (first["code"], first["title"], first["subject"]) == (
        "anti-influence-path",
        "Anti-influence path to a decision maker",
        "Elena Orlova (orlova)",
    )
    assert json.loads(first["evidence"]) == report["findings"][0]["evidence"]
    _, summary = sheet_rows(book, "summary")
    assert {r["key"]: r["value"] for r in summary}["high"] == report["summary"]["high"]


def test_gaps_fail_on_still_sets_the_exit_code(run, tmp_path):
    book = tmp_path / "gaps.xlsx"
    result = run("gaps", URALMET, "--format", "xlsx", "-o", book, "--fail-on", "high")
    assert result.exit_code == 1
    assert book.exists()


def test_portfolio_workbook(run, tmp_path):
    book = tmp_path / "p.xlsx"
    assert run("portfolio", EXAMPLES, "--format", "xlsx", "-o", book, "--as-of", AS_OF).exit_code == 0
    _, rows = sheet_rows(book, "portfolio")
    expected = json.loads(run("portfolio", EXAMPLES, "--format", "json", "--as-of", AS_OF).stdout)
    assert [r["account"] for r in rows] == [r["account"] for r in expected]


def test_xlsx_needs_an_output_file(run):
    result = run("coverage", URALMET, "--format", "xlsx")
    assert result.exit_code == 2
    assert "--format xlsx writes a workbook: add -o FILE.xlsx" in result.stderr
    assert result.stdout == ""


def test_text_formats_can_go_to_a_file(run, tmp_path):
    out = tmp_path / "coverage.csv"
    result = run("coverage", URALMET, "--format", "csv", "-o", out)
    assert (result.exit_code, result.stdout) == (0, f"wrote {out}\n")
    assert out.read_text(encoding="utf-8") == run("coverage", URALMET, "--format", "csv").stdout


@pytest.mark.parametrize(
    ("command", "name", "fmt"),
    [
        ("gaps", "report.xlsx", "xlsx"),
        ("gaps", "report.JSON", "json"),
        ("coverage", "c.csv", "csv"),
        ("sponsors", "s.md", "markdown"),
        ("paths", "p.markdown", "markdown"),
        ("gaps", "report.txt", "table"),
        ("gaps", "report", "table"),
    ],
)
def test_without_format_the_file_name_picks_it(run, tmp_path, command, name, fmt):
    out = tmp_path / name
    result = run(command, URALMET, "-o", out, "--as-of", AS_OF)
    assert (result.exit_code, result.stdout, result.stderr) == (0, f"wrote {out}\n", "")
    if fmt == "xlsx":
        assert openpyxl.load_workbook(out).sheetnames == ["findings", "summary"]
        return
    expected = run(command, URALMET, "--format", fmt, "--as-of", AS_OF).stdout
    assert out.read_text(encoding="utf-8") == expected


def test_portfolio_file_name_picks_the_format_too(run, tmp_path):
    out = tmp_path / "accounts.csv"
    assert run("portfolio", EXAMPLES, "-o", out, "--as-of", AS_OF).exit_code == 0
    assert (
        out.read_text(encoding="utf-8")
        == run("portfolio", EXAMPLES, "--format", "csv", "--as-of", AS_OF).stdout
    )


@pytest.mark.parametrize("command", ["gaps", "sponsors", "portfolio", "plan"])
@pytest.mark.parametrize("name", ["report.json", "report.csv", "report.md", "acct.yaml", "acct.yml"])
def test_a_workbook_under_a_text_name_is_refused(run, tmp_path, command, name):
    """``plan --format xlsx -o acct.json`` made a "JSON account" that no command could read."""
    out = tmp_path / name
    source = EXAMPLES if command == "portfolio" else URALMET
    result = run(command, source, "--format", "xlsx", "-o", out)
    assert result.exit_code == 2
    suffix = out.suffix
    assert result.stderr.endswith(
        f"Error: --format xlsx writes a workbook, but {out} names a {suffix} file: use .xlsx\n"
    )
    assert not out.exists()


@pytest.mark.parametrize("command", ["gaps", "coverage", "portfolio"])
def test_a_text_format_into_a_workbook_is_refused(run, tmp_path, command):
    out = tmp_path / "report.xlsx"
    source = EXAMPLES if command == "portfolio" else URALMET
    result = run(command, source, "--format", "table", "-o", out)
    assert result.exit_code == 2
    assert result.stderr.endswith(
        f"Error: {out} names a workbook, but --format table writes text: use --format xlsx\n"
    )
    assert not out.exists()


def test_gaps_workbook_speaks_the_asked_language(run, tmp_path):
    """A Russian workbook names its sheets, columns, severities and summary in Russian; codes stay."""
    book = tmp_path / "gaps.xlsx"
    args = ("--as-of", AS_OF, "--lang", "ru")
    assert run("gaps", URALMET, "--format", "xlsx", "-o", book, *args).exit_code == 0
    report = json.loads(run("gaps", URALMET, "--format", "json", *args).stdout)
    assert openpyxl.load_workbook(book).sheetnames == ["Находки", "Сводка"]
    header, rows = sheet_rows(book, "Находки")
    assert header == ["Важность", "Код", "Находка", "Кого касается", "Описание", "Что сделать", "Данные"]
    assert [r["Описание"] for r in rows] == [f["message"] for f in report["findings"]]
    assert rows[0]["Находка"] == "Путь противодействия к ЛПР"  # the title, as the report heads it
    assert [r["Код"] for r in rows] == [f["code"] for f in report["findings"]]
    assert (rows[0]["Важность"], rows[0]["Кого касается"]) == ("высокая", "Elena Orlova (orlova)")
    assert "MES modernization (mes-2027)" in {r["Кого касается"] for r in rows}  # a tender by its title
    header, summary = sheet_rows(book, "Сводка")
    assert header == ["Показатель", "Значение"]
    assert [(r["Показатель"], r["Значение"]) for r in summary] == [
        ("Клиент (id)", "uralmet"),
        ("Название клиента", "UralMet Holding"),
        ("На дату", AS_OF),
        ("Находки высокой важности", 4),
        ("Находки средней важности", 21),
        ("Находки низкой важности", 11),
        ("Закупочная группа", 15),
        ("ЛПР", 4),
        ("Из них с достаточным покрытием", 2),
    ]


def test_russian_row_workbooks_say_their_values_in_words(run, tmp_path):
    book = tmp_path / "sponsors.xlsx"
    assert run("sponsors", URALMET, "--format", "xlsx", "-o", book, "--lang", "ru").exit_code == 0
    assert openpyxl.load_workbook(book).sheetnames == ["Спонсоры"]
    header, rows = sheet_rows(book, "Спонсоры")
    assert header == ["Лицо", "Имя", "Класс", "Позиция", "Доступ", "Связь с нами", "Причины"]
    assert rows[1] == {
        "Лицо": "morozova",
        "Имя": "Olga Morozova",
        "Класс": "под угрозой",
        "Позиция": "чемпион",
        "Доступ": 0.5,
        "Связь с нами": 0.3,
        "Причины": "слабая связь с нашей командой",
    }


def test_plan_workbook_has_the_json_moves(run, tmp_path):
    book = tmp_path / "plan.xlsx"
    result = run("plan", URALMET, "--format", "xlsx", "-o", book, "--as-of", AS_OF)
    assert (result.exit_code, result.stdout) == (0, f"wrote {book}\n")
    expected = json.loads(run("plan", URALMET, "--format", "json", "--as-of", AS_OF).stdout)
    header, rows = sheet_rows(book, "moves")
    assert [c for c in header if not c.endswith("_name")] == list(expected["moves"][0])
    assert (rows[1]["team_name"], rows[1]["person_name"], rows[1]["introducer_name"]) == (
        "Dmitry Zaitsev",
        "Elena Orlova",
        "Petr Petrov",
    )
    assert (rows[0]["introducer"], rows[0]["introducer_name"]) == (None, None)
    assert len(rows) == len(expected["moves"]) > 0
    for got, want in zip(rows, expected["moves"], strict=True):
        assert (got["rank"], got["kind"], got["team"], got["person"]) == (
            want["rank"],
            want["kind"],
            want["team"],
            want["person"],
        )
        assert got["gain"] == want["gain"]
        assert (
            got["resolves"] is None
            if not want["resolves"]
            else got["resolves"].count("; ") + 1 == len(want["resolves"])
        )
    assert rows[0]["resolves"] == (
        "decision maker weakly covered (Sergey Sokolov); decision maker left out of the plan (Sergey Sokolov)"
    )
    assert rows[0]["coverage"] == "Sergey Sokolov 0.45 → 0.90"
    _, summary = sheet_rows(book, "summary")
    assert {r["key"]: r["value"] for r in summary}["score_after"] == expected["score_after"]


def test_a_russian_plan_workbook_names_people_and_findings_in_words(run, tmp_path):
    book = tmp_path / "plan.xlsx"
    result = run("plan", EXAMPLES / "uralmet-ru.yaml", "--format", "xlsx", "-o", book, "--as-of", AS_OF)
    assert result.exit_code == 0
    assert openpyxl.load_workbook(book).sheetnames == ["Шаги", "Сводка"]
    header, rows = sheet_rows(book, "Шаги")
    assert header[:8] == [
        "№",
        "Шаг",
        "Кто из команды (id)",
        "Кто из команды",
        "С кем (id)",
        "С кем",
        "Кто представит (id)",
        "Кто представит",
    ]
    assert [rows[0][c] for c in header] == [
        1,
        "укрепить отношения",
        "sidorov",
        "Андрей Сидоров",
        "sokolov",
        "Сергей Соколов",
        None,
        None,
        0.3,
        0.9,
        0.5,
        5.3,
        "Сергей Соколов 0,45 → 0,90",
        "слабое покрытие ЛПР (Сергей Соколов); ЛПР нет в плане мероприятий (Сергей Соколов)",
    ]
    assert rows[1]["Шаг"] == "познакомиться"
    _, summary = sheet_rows(book, "Сводка")
    assert [r["Показатель"] for r in summary] == ["Клиент (id)", "На дату", "Оценка до", "Оценка после"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "--format xlsx writes a workbook: add -o FILE.xlsx"),
        (
            ("--apply", "-o", "a.yaml"),
            "--format xlsx writes the plan as a workbook; --apply needs a text format",
        ),
    ],
)
def test_plan_xlsx_usage_errors(run, args, message):
    result = run("plan", URALMET, "--format", "xlsx", *args)
    assert result.exit_code == 2
    assert message in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("gaps", EXAMPLES / "uralmet.yaml", "--as-of", "2026-11-27"),
        ("export", "xlsx", EXAMPLES / "uralmet.yaml"),
    ],
)
def test_a_workbook_holds_no_clock(run, tmp_path, args):
    """With a fixed --as-of a report is the same byte for byte, a workbook too: openpyxl wrote
    the time of the run into the document properties and into every zip entry."""
    import zipfile

    out = tmp_path / "x.xlsx"
    assert run(*args, "-o", out).exit_code == 0
    with zipfile.ZipFile(out) as book:
        assert {entry.date_time for entry in book.infolist()} == {(2000, 1, 1, 0, 0, 0)}
        core = book.read("docProps/core.xml").decode()
    assert core.count("2000-01-01T00:00:00Z") == 2  # created, modified
