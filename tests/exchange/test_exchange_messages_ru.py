"""The errors of ``import salesforce`` and ``import xlsx`` in Russian, and unchanged in English.

Every message of the exchange modules is a message of the catalogue
(``Msg("…")`` with a literal, so the extractor finds it); the command line
says it in the language of ``--lang``, else of the workbook's
``account.language``, else English.
"""

from __future__ import annotations

import ast
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from influence.errors import Issue, Msg
from influence.i18n import translator
from tests.conftest import EXAMPLES
from tests.exchange.test_salesforce import ACCOUNTS, EXPORT, OLGA, STEEL, broken, write_export
from tests.exchange.test_workbook import small_book

MODULES = sorted((Path(__file__).parents[2] / "influence" / "exchange").glob("*.py"))


def _calls(tree: ast.AST, names: set[str]) -> list[ast.Call]:
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and (getattr(node.func, "id", None) in names or getattr(node.func, "attr", None) in names)
    ]


@pytest.mark.parametrize("module", MODULES, ids=[m.stem for m in MODULES])
def test_every_message_template_is_a_literal_the_extractor_collects(module):
    tree = ast.parse(module.read_text(encoding="utf-8"))
    for call in _calls(tree, {"Msg", "NMsg"}):
        literal = call.args[: 2 if getattr(call.func, "id", None) == "NMsg" else 1]
        assert literal and all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in literal), (
            f"{module.name}:{call.lineno}: the template of a message must be a string literal"
        )


@pytest.mark.parametrize("module", MODULES, ids=[m.stem for m in MODULES])
def test_no_error_of_the_exchange_modules_is_plain_english_text(module):
    """A ``SourceError`` or a reported problem worded as an f-string or a literal stays English."""
    tree = ast.parse(module.read_text(encoding="utf-8"))
    for call in _calls(tree, {"SourceError", "problem", "ValidationError"}):
        said = [*call.args[-1:], *(k.value for k in call.keywords if k.arg == "summary")]
        if getattr(call.func, "id", None) == "ValidationError":
            said = call.args[1:2]
        plain = [a for a in said if isinstance(a, ast.JoinedStr | ast.Constant | ast.BinOp)]
        assert not plain, f"{module.name}:{call.lineno}: an error worded as plain text"


# --- import salesforce ------------------------------------------------------------------------


#: the accounts with an industry written "Metals, Mining" without quotes in the last row
SHIFTED = [*ACCOUNTS[:-1], [*ACCOUNTS[-1][:5], "Metals, Mining", "false"]]


def _salesforce(files: dict, account: str = STEEL) -> Callable[[Path], list[object]]:
    def args(tmp_path: Path) -> list[object]:
        folder = write_export(tmp_path / "export", files)
        return ["import", "salesforce", folder, "--account", account, "-o", tmp_path / "o.yaml"]

    return args


def _missing_folder(tmp_path: Path) -> list[object]:
    return ["import", "salesforce", tmp_path / "nope", "--account", "x", "-o", tmp_path / "o.yaml"]


def _merge_into_a_hand_made_file(tmp_path: Path) -> list[object]:
    hand = tmp_path / "hand.yaml"
    hand.write_text(
        "format: influence/v1\naccount: {id: uralmet-stal, name: УралМет Сталь}\n", encoding="utf-8"
    )
    command = _salesforce(EXPORT)(tmp_path)
    return [*command, "--merge", hand]


SF_SUMMARY = (
    "error: the Salesforce export in {folder} cannot be imported",
    "ошибка: не удаётся импортировать выгрузку Salesforce из {folder}",
)
TWIN = ["УралМет Сталь", "001A0000000DUPAA", "", "", OLGA, "", "false"]

SALESFORCE = {
    "bad-date": (
        _salesforce(broken(EXPORT, "Opportunity.csv", 3, "CloseDate", "12/01/2025")),
        "{folder}/Opportunity.csv:3: CloseDate: bad date '12/01/2025' (expected YYYY-MM-DD or DD.MM.YYYY)\n"
        + SF_SUMMARY[0]
        + " (1 error)\n",
        "{folder}/Opportunity.csv:3: CloseDate: неверная дата '12/01/2025' "
        "(нужен формат YYYY-MM-DD или DD.MM.YYYY)\n" + SF_SUMMARY[1] + " (1 ошибка)\n",
    ),
    "unknown-contact-and-boolean": (
        _salesforce(
            broken(
                broken(EXPORT, "Contact.csv", 4, "ReportsToId", "003Z"),
                "Opportunity.csv",
                2,
                "IsClosed",
                "maybe",
            )
        ),
        "{folder}/Contact.csv:4: ReportsToId: unknown contact '003Z' (not in Contact.csv)\n"
        "{folder}/Opportunity.csv:2: IsClosed: expected true or false, got 'maybe'\n"
        + SF_SUMMARY[0]
        + " (2 errors)\n",
        "{folder}/Contact.csv:4: ReportsToId: неизвестный контакт '003Z' (его нет в Contact.csv)\n"
        "{folder}/Opportunity.csv:2: IsClosed: ожидается true или false, указано: 'maybe'\n"
        + SF_SUMMARY[1]
        + " (2 ошибки)\n",
    ),
    "missing-file": (
        _salesforce({k: v for k, v in EXPORT.items() if k != "Contact.csv"}),
        "{folder}/Contact.csv: (file): missing file (a Salesforce export needs Account.csv and Contact.csv)\n"
        + SF_SUMMARY[0]
        + " (1 error)\n",
        "{folder}/Contact.csv: (файл): нет файла (в выгрузке Salesforce должны быть Account.csv и Contact.csv)\n"
        + SF_SUMMARY[1]
        + " (1 ошибка)\n",
    ),
    "malformed-csv": (
        _salesforce(EXPORT | {"Account.csv": 'Id,Name,ParentId\r\n001,"unterminated\r\n'}),
        "{folder}/Account.csv:2: (row): malformed CSV: the file ends inside a quoted value (a quote is not closed)\n"
        + SF_SUMMARY[0]
        + " (1 error)\n",
        "{folder}/Account.csv:2: (строка): некорректный CSV: файл кончается внутри значения в кавычках "
        "(кавычка не закрыта)\n" + SF_SUMMARY[1] + " (1 ошибка)\n",
    ),
    "cut-short": (
        _salesforce(EXPORT | {"Account.csv": "Id,Name,ParentId\r\n001,Acme,\r\n002,Acm"}),
        "{folder}/Account.csv:3: (row): the file seems cut short: its last row has 2 of 3 values and no "
        "line break after it (export or copy the file again)\n" + SF_SUMMARY[0] + " (1 error)\n",
        "{folder}/Account.csv:3: (строка): файл, похоже, обрезан: значений в его последней строке — 2 из 3, "
        "и после неё нет перевода строки (выгрузите или скопируйте файл заново)\n"
        + SF_SUMMARY[1]
        + " (1 ошибка)\n",
    ),
    "shifted-row": (
        _salesforce(EXPORT | {"Account.csv": "".join(",".join(r) + "\r\n" for r in SHIFTED)}),
        "{folder}/Account.csv:6: (row): 8 values, but the header names 7 columns: a value holds the separator "
        "without quotes around it, and the values after it are shifted\n" + SF_SUMMARY[0] + " (1 error)\n",
        "{folder}/Account.csv:6: (строка): значений 8, а в заголовке столбцов 7: в каком-то значении есть "
        "разделитель без кавычек вокруг значения, и следующие значения сдвинулись\n"
        + SF_SUMMARY[1]
        + " (1 ошибка)\n",
    ),
    "quote-then-text": (
        _salesforce(EXPORT | {"Account.csv": 'Id,Name,ParentId\r\n001,"Acme" Inc,\r\n'}),
        "{folder}/Account.csv:2: (row): malformed CSV: ',' expected after '\"'\n"
        + SF_SUMMARY[0]
        + " (1 error)\n",
        "{folder}/Account.csv:2: (строка): некорректный CSV: после закрывающей кавычки '\"' ожидается ','\n"
        + SF_SUMMARY[1]
        + " (1 ошибка)\n",
    ),
    "no-such-folder": (
        _missing_folder,
        "error: {tmp}/nope: no such folder (expected the folder of a Salesforce export, with Account.csv)\n",
        "ошибка: {tmp}/nope: такой папки нет (нужна папка выгрузки Salesforce с Account.csv)\n",
    ),
    "did-you-mean": (
        _salesforce(EXPORT, "УралМет Стал"),
        "error: {folder}/Account.csv: no account with Id or Name 'УралМет Стал' (did you mean 'УралМет Сталь'?)\n",
        "ошибка: {folder}/Account.csv: нет клиента с Id или Name 'УралМет Стал' "
        "(возможно, имелось в виду 'УралМет Сталь'?)\n",
    ),
    "ambiguous-account": (
        _salesforce(EXPORT | {"Account.csv": [*ACCOUNTS, TWIN]}, "УралМет Сталь"),
        f"error: {{folder}}/Account.csv: --account 'УралМет Сталь' names 2 accounts ({STEEL}, 001A0000000DUPAA); "
        "pass the Id\n",
        f"ошибка: {{folder}}/Account.csv: под --account 'УралМет Сталь' подходят 2 клиента ({STEEL}, "
        "001A0000000DUPAA): укажите Id\n",
    ),
    "merge-refused": (
        _merge_into_a_hand_made_file,
        "error: {tmp}/hand.yaml: account: the file's account 'УралМет Сталь' has no x-salesforce-id, so "
        f"nothing shows it is 'УралМет Сталь' ({STEEL}) that --account chose; if it is, add "
        f"'x-salesforce-id: {STEEL}' to its account (and each organization's and person's Salesforce Id, "
        "or they are added again), else leave out --merge\n",
        "ошибка: {tmp}/hand.yaml: account: у клиента в файле ('УралМет Сталь') нет x-salesforce-id, поэтому "
        f"не видно, что это 'УралМет Сталь' ({STEEL}), выбранный через --account; если это он, добавьте "
        f"'x-salesforce-id: {STEEL}' в его раздел account (а также Salesforce Id каждой организации и "
        "каждого человека — иначе они будут добавлены повторно); если нет — уберите --merge\n",
    ),
}


@pytest.mark.parametrize("case", list(SALESFORCE))
def test_salesforce_import_errors_in_russian_and_unchanged_in_english(run, tmp_path, case):
    args, english, russian = SALESFORCE[case]
    command = args(tmp_path)
    shown = {"folder": tmp_path / "export", "tmp": tmp_path}
    result = run(*command)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", english.format(**shown))
    result = run(*command, "--lang", "ru")
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", russian.format(**shown))
    assert not (tmp_path / "o.yaml").exists()


# --- import xlsx ------------------------------------------------------------------------------


def _book(edit: Callable[[openpyxl.Workbook], object]) -> Callable[[Path], list[object]]:
    def args(tmp_path: Path) -> list[object]:
        return ["import", "xlsx", small_book(tmp_path / "a.xlsx", edit), "-o", tmp_path / "a.yaml"]

    return args


def _strays(wb: openpyxl.Workbook) -> None:
    wb.create_sheet("peoples")
    wb["people"]["E1"] = "stnace"
    wb["people"]["E2"] = "neutral"
    wb["units"]["D1"] = "name"
    for row in (2, 3):
        wb["team"].cell(row, 4, "note")  # D2, D3: no header in D1


def _titled(wb: openpyxl.Workbook) -> None:
    wb["people"].insert_rows(1)
    wb["people"]["A1"] = "Acme: people"
    wb["relationships"].insert_rows(1, 5)


def _formatted(wb: openpyxl.Workbook) -> None:
    wb["people"]["C3"] = 2
    wb["people"]["C3"].number_format = "0%"
    wb["people"].merge_cells("D2:D3")
    wb["units"].merge_cells("B3:C3")


def _no_workbook_part(tmp_path: Path) -> list[object]:
    book = small_book(tmp_path / "a.xlsx")
    with zipfile.ZipFile(book) as z:
        parts = {n: z.read(n) for n in z.namelist() if n != "xl/workbook.xml"}
    with zipfile.ZipFile(book, "w") as z:
        for n, data in parts.items():
            z.writestr(n, data)
    return ["import", "xlsx", book, "-o", tmp_path / "a.yaml"]


def _not_a_zip(tmp_path: Path) -> list[object]:
    (tmp_path / "a.xlsx").write_bytes(b"PK\x03\x04\x14\x00\x00\x00cut short")  # a zip's start only
    return ["import", "xlsx", tmp_path / "a.xlsx", "-o", tmp_path / "a.yaml"]


def _renamed_csv(tmp_path: Path) -> list[object]:
    (tmp_path / "a.xlsx").write_bytes("Id;Имя\r\n1;Анна\r\n".encode("cp1251"))
    return ["import", "xlsx", tmp_path / "a.xlsx", "-o", tmp_path / "a.yaml"]


def _account_file(tmp_path: Path) -> list[object]:
    (tmp_path / "my acct.yaml").write_text(
        "format: influence/v1\naccount: {id: a, name: A}\n", encoding="utf-8"
    )
    return ["import", "xlsx", tmp_path / "my acct.yaml", "-o", tmp_path / "a.yaml"]


def _account_file_named_xlsx(tmp_path: Path) -> list[object]:
    (tmp_path / "a.xlsx").write_text("format: influence/v1\naccount: {id: a, name: A}\n", encoding="utf-8")
    return ["import", "xlsx", tmp_path / "a.xlsx", "-o", tmp_path / "a.yaml"]


def _old_xls(tmp_path: Path) -> list[object]:
    (tmp_path / "a.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))  # an OLE2 header
    return ["import", "xlsx", tmp_path / "a.xlsx", "-o", tmp_path / "a.yaml"]


BOOK_SUMMARY = (
    "error: {book} is not a valid account workbook",
    "ошибка: {book} — некорректная книга клиента",
)

WORKBOOK = {
    "unknown-and-headless-columns": (
        _book(_strays),
        "{book}: peoples!A1: unknown sheet 'peoples' (did you mean 'people'?)\n"
        "{book}: units!D1: duplicate column 'name'\n"
        "{book}: people!E1: unknown column 'stnace' (did you mean 'stance'?)\n"
        "{book}: team!D2: a value in a column without a header (and 1 more below)\n"
        + BOOK_SUMMARY[0]
        + " (4 errors)\n",
        "{book}: peoples!A1: неизвестный лист 'peoples' (возможно, имелось в виду 'people'?)\n"
        "{book}: units!D1: повторяющийся столбец 'name'\n"
        "{book}: people!E1: неизвестный столбец 'stnace' (возможно, имелось в виду 'stance'?)\n"
        "{book}: team!D2: значение в столбце без заголовка (и ещё 1 значение ниже)\n"
        + BOOK_SUMMARY[1]
        + " (4 ошибки)\n",
    ),
    "title-rows": (
        _book(_titled),
        "{book}: people!A1: the header is in row 2, not in row 1: delete the row above it\n"
        "{book}: relationships!A1: the header is in row 6, not in row 1: delete the 5 rows above it\n"
        + BOOK_SUMMARY[0]
        + " (2 errors)\n",
        "{book}: people!A1: заголовок в строке 2, а не в строке 1: удалите 1 строку над ним\n"
        "{book}: relationships!A1: заголовок в строке 6, а не в строке 1: удалите 5 строк над ним\n"
        + BOOK_SUMMARY[1]
        + " (2 ошибки)\n",
    ),
    "percentage-and-merged-cells": (
        _book(_formatted),
        "{book}: units!B3:C3: merged cells; unmerge them and fill in each cell\n"
        "{book}: people!D2:D3: merged cells; unmerge them and fill in each row\n"
        "{book}: people!C3: 200% is a percentage, and title is not one: type the number without %\n"
        + BOOK_SUMMARY[0]
        + " (3 errors)\n",
        "{book}: units!B3:C3: объединённые ячейки; отмените объединение и заполните каждую ячейку\n"
        "{book}: people!D2:D3: объединённые ячейки; отмените объединение и заполните каждую строку\n"
        "{book}: people!C3: 200% — это процент, а столбец title задаётся не в процентах: введите число без %\n"
        + BOOK_SUMMARY[1]
        + " (3 ошибки)\n",
    ),
    "damaged-workbook": (
        _no_workbook_part,
        "error: {book}: damaged workbook: xl/workbook.xml is missing; open it in Excel or LibreOffice "
        "(they may repair it) and save it again, or export it again\n",
        "ошибка: {book}: книга повреждена: нет xl/workbook.xml; откройте книгу в Excel или LibreOffice "
        "(они могут её восстановить) и сохраните заново либо экспортируйте её ещё раз\n",
    ),
    "not-a-workbook": (
        _not_a_zip,
        "error: {book}: not an Excel .xlsx workbook (damaged or cut short: no zip archive)\n",
        "ошибка: {book}: это не книга Excel .xlsx (файл повреждён или обрезан: это не ZIP-архив)\n",
    ),
    "a-renamed-csv": (
        _renamed_csv,
        "error: {book}: not an Excel .xlsx workbook but text (a CSV file?): open it in Excel or "
        "LibreOffice and save it as an Excel workbook (.xlsx)\n",
        "ошибка: {book}: это не книга Excel .xlsx, а текст (файл CSV?): откройте его в Excel или "
        "LibreOffice и сохраните как книгу Excel (.xlsx)\n",
    ),
    # an account file was taken for text to open in Excel
    "an-account-file": (
        _account_file,
        "error: {book}: already an account file, not an Excel workbook: give it to the commands as it is, "
        "or make a workbook of it with: influence export xlsx '{book}' -o FILE.xlsx\n",
        "ошибка: {book}: это уже файл клиента, а не книга Excel: передавайте его командам как есть "
        "или сделайте из него книгу: influence export xlsx '{book}' -o FILE.xlsx\n",
    ),
    "an-account-file-named-xlsx": (
        _account_file_named_xlsx,
        "error: {book}: already an account file, not an Excel workbook: give it to the commands as it is, "
        "or make a workbook of it with: influence export xlsx {book} -o FILE.xlsx\n",
        "ошибка: {book}: это уже файл клиента, а не книга Excel: передавайте его командам как есть "
        "или сделайте из него книгу: influence export xlsx {book} -o FILE.xlsx\n",
    ),
    "an-old-or-protected-workbook": (
        _old_xls,
        "error: {book}: an Excel 97-2003 (.xls) or password-protected workbook: open it in Excel or "
        "LibreOffice and save it as an Excel workbook (.xlsx) without a password\n",
        "ошибка: {book}: это книга Excel 97-2003 (.xls) или книга с паролем: откройте её в Excel или "
        "LibreOffice и сохраните как книгу Excel (.xlsx) без пароля\n",
    ),
}


@pytest.mark.parametrize("case", list(WORKBOOK))
def test_workbook_import_errors_in_russian_and_unchanged_in_english(run, tmp_path, case):
    args, english, russian = WORKBOOK[case]
    command = args(tmp_path)
    result = run(*command)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", english.format(book=command[2]))
    result = run(*command, "--lang", "ru")
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", russian.format(book=command[2]))
    assert not (tmp_path / "a.yaml").exists()


def test_a_russian_workbooks_errors_are_said_in_russian_unless_lang_says_otherwise(run, tmp_path):
    book = tmp_path / "a.xlsx"
    assert run("export", "xlsx", EXAMPLES / "uralmet-ru.yaml", "-o", book).exit_code == 0
    wb = openpyxl.load_workbook(book)
    wb["competitor_relationships"]["A2"] = "rivl"
    wb.save(book)
    result = run("import", "xlsx", book, "-o", tmp_path / "a.yaml")
    assert (result.exit_code, result.stderr) == (
        2,
        f"{book}: competitor_relationships!A2: неизвестный конкурент 'rivl' (возможно, имелось в виду 'rival'?)\n"
        f"ошибка: {book} — некорректная книга клиента (1 ошибка)\n",
    )
    result = run("import", "xlsx", book, "-o", tmp_path / "a.yaml", "--lang", "en")
    assert result.stderr == (
        f"{book}: competitor_relationships!A2: unknown competitor 'rivl' (did you mean 'rival'?)\n"
        f"error: {book} is not a valid account workbook (1 error)\n"
    )


def test_a_workbook_keeps_the_message_of_each_problem_the_account_rules_find(tmp_path, monkeypatch):
    """A rule of the format, found at a location, is reported at its cell and still said in Russian."""
    import influence.exchange.workbook as workbook

    said = Msg("the error value {value}, not data: correct the cell", value="#N/A")

    def validate(document):
        return [Issue.of(document.file, None, "people[1].unit", said)], None

    monkeypatch.setattr(workbook, "validate_document", validate)
    with pytest.raises(workbook.ValidationError) as caught:
        workbook.read_workbook(small_book(tmp_path / "a.xlsx"))
    (issue,) = caught.value.issues
    assert (issue.location, issue.message) == ("people!D3", said)
    assert issue.render(translator("ru")).endswith(
        "people!D3: ошибка Excel #N/A вместо данных: исправьте ячейку"
    )


def test_an_import_merged_into_a_russian_account_says_its_errors_in_russian(run, tmp_path):
    """Without --lang, the file merged into says the language, as every account file does: the
    export's errors were English while the success line was Russian."""
    good = write_export(tmp_path / "good", EXPORT)
    merged = tmp_path / "steel.yaml"
    assert run("import", "salesforce", good, "--account", STEEL, "-o", merged).exit_code == 0
    text = merged.read_text(encoding="utf-8")
    merged.write_text(text.replace("account:\n", "account:\n  language: ru\n", 1), encoding="utf-8")
    bad = write_export(tmp_path / "bad", broken(EXPORT, "Opportunity.csv", 2, "IsClosed", "maybe"))
    result = run(
        "import", "salesforce", bad, "--account", STEEL, "-o", tmp_path / "out.yaml", "--merge", merged
    )
    assert result.exit_code == 2
    assert result.stderr == (
        f"{bad}/Opportunity.csv:2: IsClosed: ожидается true или false, указано: 'maybe'\n"
        + SF_SUMMARY[1].format(folder=bad)
        + " (1 ошибка)\n"
    )
    assert not (tmp_path / "out.yaml").exists()


def test_a_merge_that_would_make_an_invalid_account_blames_the_merge_not_the_unwritten_file(run, tmp_path):
    """The file says Sokolov reports to Ivanov, the CRM the reverse: the merged account has a cycle.
    It was said at a line of the output, a file never written, as if that file were invalid."""
    import json

    good = write_export(tmp_path / "export", EXPORT)
    edited = tmp_path / "steel.json"
    assert run("import", "salesforce", good, "--account", STEEL, "-o", edited).exit_code == 0
    doc = json.loads(edited.read_text(encoding="utf-8"))
    person = next(p for p in doc["people"] if p.get("reports_to"))
    manager = person.pop("reports_to")
    doc.setdefault("links", []).append({"from": manager, "to": person["id"], "type": "reports_to"})
    edited.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert run("validate", edited).exit_code == 0
    out = tmp_path / "out.yaml"
    result = run(
        "import", "salesforce", good, "--account", STEEL, "-o", out, "--merge", edited, "--lang", "ru"
    )
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{out}: people[") and "по кругу через reports_to" in lines[0], lines[0]
    assert lines[-1] == (
        f"ошибка: слияние выгрузки с {edited} даёт клиента, нарушающего эти правила (выгрузка и файл "
        f"противоречат друг другу); ничего не записано: исправьте {edited} или данные в CRM (1 ошибка)"
    )
    assert not out.exists()
