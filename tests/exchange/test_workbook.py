"""``influence export xlsx`` / ``import xlsx``: round trip, drop-downs, errors by cell."""

from __future__ import annotations

import datetime as dt
import warnings
import zipfile
from pathlib import Path

import openpyxl
import pytest
import yaml

from influence import load
from tests.conftest import EXAMPLES

AS_OF = "2026-11-27"
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=[p.stem for p in EXAMPLE_FILES])
def test_round_trip_analyses_byte_identically(run, tmp_path, example):
    book, back = tmp_path / "a.xlsx", tmp_path / "a.yaml"
    result = run("export", "xlsx", example, "-o", book, "--lang", "en")
    assert (result.exit_code, result.stdout) == (0, f"wrote {book}\n")
    result = run("import", "xlsx", book, "-o", back, "--lang", "en")
    assert (result.exit_code, result.stdout) == (0, f"wrote {back}\n"), result.output
    for command, dated in (("gaps", ["--as-of", AS_OF]), ("coverage", []), ("sponsors", []), ("paths", [])):
        before = run(command, example, "--format", "json", *dated)
        after = run(command, back, "--format", "json", *dated)
        assert after.stdout == before.stdout
    original, again = load(example), load(back)
    assert [p.extras for p in again.people] == [p.extras for p in original.people]
    assert again.people == original.people and again.links == original.links
    assert again.competitors == original.competitors and again.activities == original.activities


def test_sheets_headers_and_drop_downs(run, tmp_path):
    book = tmp_path / "a.xlsx"
    assert run("export", "xlsx", EXAMPLES / "uralmet.yaml", "-o", book).exit_code == 0
    wb = openpyxl.load_workbook(book)
    assert wb.sheetnames == [
        "account",
        "organizations",
        "units",
        "people",
        "links",
        "team",
        "relationships",
        "competitors",
        "competitor_relationships",
        "tenders",
        "activities",
    ]
    people = wb["people"]
    header = [c.value for c in people[1]]
    assert header[:8] == ["id", "name", "title", "unit", "reports_to", "email", "phone", "roles"]
    row = {h: c.value for h, c in zip(header, people[3], strict=True)}
    assert row["id"] == "ivanov"
    assert row["roles"] == "decision_maker; technical_buyer"
    assert row["stance"] == "supporter"
    rules = {str(dv.sqref).split(":")[0][:-1]: dv.formula1 for dv in people.data_validations.dataValidation}
    column = {h: openpyxl.utils.get_column_letter(i + 1) for i, h in enumerate(header)}
    assert rules[column["stance"]] == '"opponent,skeptic,neutral,supporter,champion"'
    assert rules[column["awareness"]] == '"none,low,medium,high"'
    assert rules[column["unit"]] == "=units!$A$2:$A$5000"
    assert "economic_buyer" in rules[column["roles"]]
    links = wb["links"]
    link_rules = [dv.formula1 for dv in links.data_validations.dataValidation]
    assert '"reports_to,influences,family,friend,former_colleague,informal"' in link_rules
    orgs = wb["organizations"]
    assert '"holding,company,subsidiary,branch,other"' in [
        dv.formula1 for dv in orgs.data_validations.dataValidation
    ]
    assert '"en,ru"' in [dv.formula1 for dv in wb["account"].data_validations.dataValidation]
    ties = wb["competitor_relationships"]
    assert [c.value for c in ties[1]] == ["competitor", "person", "strength"]
    activities = wb["activities"]
    assert isinstance(activities["C2"].value, dt.datetime)  # dates are real dates


def edit(book, changes: dict[str, object]):
    wb = openpyxl.load_workbook(book)
    for ref, value in changes.items():
        sheet, cell = ref.split("!")
        wb[sheet][cell] = value
    wb.save(book)


def header_cell(book, sheet: str, column: str, row: int) -> str:
    wb = openpyxl.load_workbook(book)
    header = [c.value for c in wb[sheet][1]]
    return f"{openpyxl.utils.get_column_letter(header.index(column) + 1)}{row}"


def test_errors_point_at_sheet_and_cell(run, tmp_path):
    book, out = tmp_path / "a.xlsx", tmp_path / "a.yaml"
    assert run("export", "xlsx", EXAMPLES / "uralmet.yaml", "-o", book).exit_code == 0
    stance = header_cell(book, "people", "stance", 3)
    unit = header_cell(book, "people", "unit", 4)
    date = header_cell(book, "activities", "date", 2)
    edit(book, {f"people!{stance}": "champ", f"people!{unit}": "stel-it", f"activities!{date}": "2027-02-30"})
    result = run("import", "xlsx", book, "-o", out)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"{book}: people!{stance}: invalid stance 'champ' (did you mean 'champion'?); "
        "allowed: -2..2, opponent, skeptic, neutral, supporter, champion\n"
        f"{book}: people!{unit}: unknown unit 'stel-it' (did you mean 'steel-it'?)\n"
        f"{book}: activities!{date}: '2027-02-30' is not a date: that day does not exist "
        "(February 2027 has 28 days)\n"
        f"error: {book} is not a valid account workbook (3 errors)\n"
    )
    assert not out.exists()


def test_unknown_sheet_column_and_competitor(run, tmp_path):
    book, out = tmp_path / "a.xlsx", tmp_path / "a.yaml"
    assert run("export", "xlsx", EXAMPLES / "uralmet.yaml", "-o", book).exit_code == 0
    wb = openpyxl.load_workbook(book)
    wb.create_sheet("peoples")
    wb.create_sheet("x-notes")["A1"] = "free notes are fine"
    ws = wb["people"]
    extra = openpyxl.utils.get_column_letter(ws.max_column + 1)
    ws[f"{extra}1"] = "stnace"
    for row in range(2, ws.max_row + 1):
        ws[f"{extra}{row}"] = "neutral"
    wb["competitor_relationships"]["A2"] = "rivl"
    wb.save(book)
    result = run("import", "xlsx", book, "-o", out)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [  # the unknown column once, at its header, not once per row
        f"{book}: peoples!A1: unknown sheet 'peoples' (did you mean 'people'?)",
        f"{book}: people!{extra}1: unknown column 'stnace' (did you mean 'stance'?)",
        f"{book}: competitor_relationships!A2: unknown competitor 'rivl' (did you mean 'rival'?)",
        f"error: {book} is not a valid account workbook (3 errors)",
    ]
    assert not out.exists()


def test_headers_are_matched_ignoring_case_and_spaces(run, tmp_path):
    """A header retyped as a person would (``Name``, ``Buying team``, `` Last Contact``) still names its column."""
    book, retyped = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    assert run("export", "xlsx", EXAMPLES / "uralmet.yaml", "-o", book).exit_code == 0
    wb = openpyxl.load_workbook(book)
    for sheet, column, typed in [
        ("people", "name", "Name"),
        ("people", "buying_team", "Buying team"),
        ("relationships", "last_contact", " Last  Contact "),
    ]:
        header = [c.value for c in wb[sheet][1]]
        wb[sheet].cell(1, header.index(column) + 1).value = typed
    wb.save(retyped)
    assert run("import", "xlsx", retyped, "-o", tmp_path / "b.yaml").exit_code == 0
    assert run("import", "xlsx", book, "-o", tmp_path / "a.yaml").exit_code == 0
    assert (tmp_path / "b.yaml").read_text(encoding="utf-8") == (tmp_path / "a.yaml").read_text(
        encoding="utf-8"
    )


def test_hand_typed_values_are_read_as_a_person_types_them(run, tmp_path):
    book, out = tmp_path / "a.xlsx", tmp_path / "a.yaml"
    assert run("export", "xlsx", EXAMPLES / "new-account.yaml", "-o", book).exit_code == 0
    wb = openpyxl.load_workbook(book)
    ws = wb["people"]
    header = [c.value for c in ws[1]]
    values = {
        "id": "kim",
        "name": "Kim",
        "roles": "economic_buyer, coach",
        "stance": 2,
        "pains": "cost\ndowntime",
    }
    values |= {"informal": "yes", "phone": 79000000000}
    for column, value in values.items():
        ws.cell(row=2, column=header.index(column) + 1, value=value)
    wb.save(book)
    assert run("import", "xlsx", book, "-o", out).exit_code == 0
    kim = load(out).person_by_id["kim"]
    assert (kim.roles, kim.stance, kim.pains, kim.informal, kim.phone) == (
        ("economic_buyer", "coach"),
        2,
        ("cost", "downtime"),
        True,
        "79000000000",
    )


def test_russian_words_and_dates_typed_as_text_are_read(run, tmp_path):
    """A Russian Excel shows booleans as ИСТИНА/ЛОЖЬ and dates as 30.06.2027, and keeps what is
    typed into a text cell as text: these were refused ("expected true or false")."""
    book, out = tmp_path / "a.xlsx", tmp_path / "a.yaml"
    assert run("export", "xlsx", EXAMPLES / "uralmet-ru.yaml", "-o", book).exit_code == 0
    first = load(EXAMPLES / "uralmet-ru.yaml")
    changes = {
        f"people!{header_cell(book, 'people', 'informal', 2)}": "ИСТИНА",
        f"people!{header_cell(book, 'people', 'buying_team', 3)}": "ложь",
        f"people!{header_cell(book, 'people', 'private', 4)}": "Нет",
        f"tenders!{header_cell(book, 'tenders', 'submission', 2)}": "30.06.2027",
        f"account!{header_cell(book, 'account', 'fiscal_year_start', 2)}": dt.datetime(2026, 4, 1),
    }
    edit(book, changes)
    result = run("import", "xlsx", book, "-o", out)
    assert (result.exit_code, result.stderr) == (0, "")
    back = load(out)
    people = [(p.informal, p.buying_team, p.private) for p in back.people[:3]]
    assert people == [(True, first.people[0].buying_team, first.people[0].private), *people[1:]]
    assert (people[1][1], people[2][2]) == (False, False)
    assert (back.tenders[0].submission, back.info.fiscal_year_start) == (dt.date(2027, 6, 30), "04-01")


def test_a_dotted_date_that_does_not_exist_is_named(run, tmp_path):
    book, out = tmp_path / "a.xlsx", tmp_path / "a.yaml"
    assert run("export", "xlsx", EXAMPLES / "uralmet.yaml", "-o", book).exit_code == 0
    cell = header_cell(book, "tenders", "submission", 2)
    edit(book, {f"tenders!{cell}": "31.02.2027"})
    result = run("import", "xlsx", book, "-o", out)
    assert result.exit_code == 2
    assert "that day does not exist (February 2027 has 28 days)" in result.stderr.splitlines()[0]
    assert f"tenders!{cell}" in result.stderr.splitlines()[0]


def test_not_a_workbook(run, tmp_path):
    fake = tmp_path / "a.xlsx"
    fake.write_text("not a zip", encoding="utf-8")
    result = run("import", "xlsx", fake, "-o", tmp_path / "a.yaml")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {fake}: not an Excel .xlsx workbook")
    result = run("import", "xlsx", tmp_path / "missing.xlsx", "-o", tmp_path / "a.yaml")
    assert result.stderr == f"error: {tmp_path / 'missing.xlsx'}: no such file\n"


def test_a_workbook_over_the_file_limit_is_not_read(run, tmp_path):
    big = tmp_path / "big.xlsx"
    with big.open("wb") as handle:  # sparse: no disk space taken
        handle.truncate(60 * 1024 * 1024)
    result = run("import", "xlsx", big, "-o", tmp_path / "a.yaml")
    assert (result.exit_code, result.stderr) == (2, f"error: {big}: file is 60.0 MB; the limit is 50 MB\n")
    assert not (tmp_path / "a.yaml").exists()


def test_a_workbook_that_unpacks_to_gigabytes_is_refused_unread(run, tmp_path):
    book = tmp_path / "bomb.xlsx"
    assert run("export", "xlsx", EXAMPLES / "uralmet.yaml", "-o", book).exit_code == 0
    with (
        zipfile.ZipFile(book, "a", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/media/padding.bin", "w") as member,  # 201 MB of zeros, 200 kB packed
    ):
        for _ in range(201):
            member.write(bytes(1024 * 1024))
    assert book.stat().st_size < 1024 * 1024
    result = run("import", "xlsx", book, "-o", tmp_path / "a.yaml")
    assert (result.exit_code, result.stderr) == (
        2,
        f"error: {book}: the workbook unpacks to 201 MB; the limit is 200 MB\n",
    )
    assert not (tmp_path / "a.yaml").exists()


def _import_without(run, tmp_path, sheet):
    """Export uralmet, delete one sheet of the workbook, import it: (the workbook, the import's result)."""
    book = tmp_path / "a.xlsx"
    assert run("export", "xlsx", EXAMPLES / "uralmet.yaml", "-o", book).exit_code == 0
    wb = openpyxl.load_workbook(book)
    del wb[sheet]
    wb.save(book)
    return book, run("import", "xlsx", book, "-o", tmp_path / "a.yaml")


def test_a_deleted_sheet_others_refer_to_is_named_first(run, tmp_path):
    book, result = _import_without(run, tmp_path, "people")
    lines = result.stderr.splitlines()
    assert result.exit_code == 2
    assert lines[0] == (
        f"{book}: people!A1: no sheet 'people' (deleted or renamed?), "
        "but links, relationships, competitor_relationships refer to its rows"
    )
    # its rows' references are not each "unknown person" at their cells (dozens of lines): said once
    assert lines[1:] == [f"error: {book} is not a valid account workbook (1 error)"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda wb: wb.remove(wb["people"]),
            [
                "{book}: people!A1: нет листа 'people' (удалён или переименован?), но на его строки ссылаются "
                "листы: links, relationships, competitor_relationships"
            ],
        ),
        (
            lambda wb: setattr(wb["people"], "title", "Люди"),
            [
                "{book}: Люди!A1: неизвестный лист 'Люди': импорт читает только свои листы; назовите свой лист "
                "x-…, и импорт его пропустит, не читая",
                "{book}: people!A1: нет листа 'people' (удалён или переименован?), но на его строки ссылаются "
                "листы: links, relationships, competitor_relationships",
            ],
        ),
        (
            lambda wb: wb.remove(wb["team"]),
            [
                "{book}: team!A1: нет листа 'team' (удалён или переименован?), но на его строки ссылаются "
                "листы: account, relationships, activities"
            ],
        ),
    ],
)
def test_a_missing_sheet_of_a_russian_workbook_is_said_in_russian(run, tmp_path, change, expected):
    """The account sheet's language was not read when a sheet others refer to was gone: English."""
    book = tmp_path / "a.xlsx"
    assert run("--lang", "ru", "export", "xlsx", EXAMPLES / "uralmet-ru.yaml", "-o", book).exit_code == 0
    wb = openpyxl.load_workbook(book)
    change(wb)
    wb.save(book)
    result = run("import", "xlsx", book, "-o", tmp_path / "a.yaml")
    n = len(expected)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines() == [
        *(line.format(book=book) for line in expected),
        f"ошибка: {book} — некорректная книга клиента ({n} ошибк{'а' if n == 1 else 'и'})",
    ]


def test_sheet_names_are_read_whatever_their_case(run, tmp_path):
    """Excel's sheet names ignore case; a sheet renamed People was "unknown", and every reference
    to its people a line of its own."""
    book, out = tmp_path / "a.xlsx", tmp_path / "a.yaml"
    assert run("export", "xlsx", EXAMPLES / "uralmet.yaml", "-o", book).exit_code == 0
    wb = openpyxl.load_workbook(book)
    wb["people"].title = "tmp"
    wb["tmp"].title = "People"
    wb["links"].title = "LINKS "
    wb.save(book)
    result = run("import", "xlsx", book, "-o", out)
    assert (result.exit_code, result.stderr) == (0, "")
    assert load(out) == load(EXAMPLES / "uralmet.yaml")


def test_an_unknown_sheet_without_a_close_name_says_how_to_keep_one(run, tmp_path):
    book = tmp_path / "a.xlsx"
    assert run("export", "xlsx", EXAMPLES / "new-account.yaml", "-o", book).exit_code == 0
    wb = openpyxl.load_workbook(book)
    wb.create_sheet("Заметки")
    wb.save(book)
    result = run("import", "xlsx", book, "-o", tmp_path / "a.yaml")
    assert (result.exit_code, result.stderr.splitlines()[0]) == (
        2,
        f"{book}: Заметки!A1: unknown sheet 'Заметки': import reads only its own sheets; "
        "name a sheet of your own x-… and import keeps it aside",
    )


def test_a_missing_sheet_nothing_refers_to_is_no_problem(run, tmp_path):
    book = tmp_path / "a.xlsx"
    assert run("export", "xlsx", EXAMPLES / "new-account.yaml", "-o", book).exit_code == 0
    wb = openpyxl.load_workbook(book)
    for name in [n for n in wb.sheetnames if n != "account"]:
        del wb[name]
    wb.save(book)
    result = run("import", "xlsx", book, "-o", tmp_path / "a.yaml")
    assert (result.exit_code, result.stderr) == (0, "")


def test_a_formula_without_a_saved_value_is_an_error_at_its_cell(run, tmp_path):
    """A script (openpyxl, pandas) writes formulas without their value, and such a cell read
    as empty took the default: strength =0.3*3 became 0.6. A formula with a saved value (as
    Excel and LibreOffice save it) is read as that value."""
    book, out = tmp_path / "a.xlsx", tmp_path / "a.yaml"
    assert run("export", "xlsx", EXAMPLES / "uralmet.yaml", "-o", book).exit_code == 0
    strength = header_cell(book, "relationships", "strength", 3)
    edit(book, {f"relationships!{strength}": "=0.1*5"})
    result = run("import", "xlsx", book, "-o", out)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"{book}: relationships!{strength}: a formula with no saved value (=0.1*5): open the workbook in "
        "Excel or LibreOffice and save it, or type the value\n"
        f"error: {book} is not a valid account workbook (1 error)\n"
    )
    assert not out.exists()
    with zipfile.ZipFile(book) as z:  # what Excel saves: the formula and its last value
        sheets = {n: z.read(n) for n in z.namelist()}
    name = next(n for n, data in sheets.items() if b"0.1*5" in data)
    sheets[name] = sheets[name].replace(b"<f>0.1*5</f><v />", b"<f>0.1*5</f><v>0.5</v>")
    assert b"<v>0.5</v>" in sheets[name]
    with zipfile.ZipFile(book, "w") as z:
        for n, data in sheets.items():
            z.writestr(n, data)
    assert run("import", "xlsx", book, "-o", out).exit_code == 0
    assert load(out).relationships[1].strength == 0.5  # was 0.9 (strong)


def _round_trip(run, tmp_path, text: str) -> tuple[Path, Path, Path]:
    """``text`` as a.yaml, exported to a.xlsx and imported back to b.yaml (both commands succeed)."""
    source, book, back = tmp_path / "a.yaml", tmp_path / "a.xlsx", tmp_path / "b.yaml"
    source.write_text(text, encoding="utf-8")
    assert run("export", "xlsx", source, "-o", book).exit_code == 0
    imported = run("import", "xlsx", book, "-o", back)
    assert imported.exit_code == 0, imported.stderr
    return source, book, back


def test_a_round_trip_keeps_pains_with_line_breaks_and_x_lists_and_mappings(run, tmp_path):
    """A cell lists pains one per line, so a pain holding a line break came back as two; an
    x- list or mapping came back as its JSON text. Both are written as JSON and read back."""
    text = (EXAMPLES / "uralmet.yaml").read_text(encoding="utf-8")
    pains = "    pains: [plan fulfilment, scrap rate]\n"
    assert pains in text
    text = text.replace(
        pains,
        '    pains: ["capex cuts in 2027:\\nno new projects", " scrap rate "]\n    x-crm: {sf_id: 003ABC}\n',
    )
    text = text.replace("format: influence/v1\n", "format: influence/v1\nx-tags: [tier1, steel]\n")
    source, _, back = _round_trip(run, tmp_path, text)
    before, after = load(source), load(back)
    orlova = next(p for p in after.people if p.id == "orlova")
    assert orlova.pains == ("capex cuts in 2027:\nno new projects", " scrap rate ")
    assert orlova.extras == {"x-crm": {"sf_id": "003ABC"}}
    assert after.extras == before.extras == {"x-tags": ["tier1", "steel"]}
    assert after.people == before.people


def test_a_text_that_reads_as_an_excel_error_stays_text(run, tmp_path):
    """A title "#N/A" (a CRM's or Excel's placeholder) was written as Excel's error value, and the
    tool's own workbook was then refused on import; a report workbook showed it as an error too."""
    text = (EXAMPLES / "uralmet.yaml").read_text(encoding="utf-8")
    named = "    name: Elena Orlova\n    title: Production Director\n"
    assert named in text
    text = text.replace(named, '    name: "#REF!"\n    title: "#N/A"\n    x-score: "#DIV/0!"\n', 1)
    source, book, back = _round_trip(run, tmp_path, text)
    assert load(back).people == load(source).people
    report = tmp_path / "coverage.xlsx"
    assert run("coverage", source, "--format", "xlsx", "-o", report, "--as-of", "2026-11-27").exit_code == 0
    for sheet in (book, report):
        with zipfile.ZipFile(sheet) as z:
            cells = b"".join(z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/"))
        assert b't="e"' not in cells


def _saved_as(book, replacements: dict[bytes, bytes]) -> None:
    """Rewrite cells of a workbook's XML as Excel saves them (a formula with its cached value)."""
    with zipfile.ZipFile(book) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    for old, new in replacements.items():
        (name,) = [n for n, data in parts.items() if old in data]
        parts[name] = parts[name].replace(old, new)
    with zipfile.ZipFile(book, "w") as z:
        for n, data in parts.items():
            z.writestr(n, data)


def test_an_error_value_is_an_error_and_an_empty_text_formula_is_empty(run, tmp_path):
    """A cached #DIV/0! was imported as the person's name; a formula Excel saved with an empty
    text result was refused as one with no saved value; an array formula's message showed a
    Python object instead of its text."""
    book, out = tmp_path / "a.xlsx", tmp_path / "a.yaml"
    assert run("export", "xlsx", EXAMPLES / "uralmet.yaml", "-o", book).exit_code == 0
    name = header_cell(book, "people", "name", 2)
    title = header_cell(book, "people", "title", 3)
    budget = header_cell(book, "activities", "budget", 2)
    edit(book, {f"people!{name}": "=1/0", f"people!{title}": '=IF(1,"","x")'})
    wb = openpyxl.load_workbook(book)
    wb["activities"][budget] = openpyxl.worksheet.formula.ArrayFormula(budget, "=SUM({1,2})")
    wb.save(book)
    cached_error = f'<c r="{name}" t="e"><f>1/0</f><v>#DIV/0!</v></c>'
    _saved_as(book, {f'<c r="{name}"><f>1/0</f><v /></c>'.encode(): cached_error.encode()})
    with zipfile.ZipFile(book) as z:
        people = next(z.read(n) for n in z.namelist() if f'<c r="{title}"><f>'.encode() in z.read(n))
    cell = people[people.index(f'<c r="{title}"><f>'.encode()) :]
    cell = cell[: cell.index(b"</c>") + 4]
    _saved_as(book, {cell: cell.replace(f'<c r="{title}">'.encode(), f'<c r="{title}" t="str">'.encode())})
    result = run("import", "xlsx", book, "-o", out)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"{book}: people!{name}: the error value #DIV/0!, not data: correct the cell\n"
        f"{book}: activities!{budget}: a formula with no saved value (=SUM({{1,2}})): open the workbook in "
        "Excel or LibreOffice and save it, or type the value\n"
        f"error: {book} is not a valid account workbook (2 errors)\n"
    )


def test_texts_that_read_as_json_come_back_as_texts(run, tmp_path):
    """A pain '["cost", "downtime"]' came back as two pains, a pain '{"plan": 1}' made the import
    refuse the tool's own workbook, and an x- text '["draft"]' came back as a list."""
    text = (EXAMPLES / "uralmet.yaml").read_text(encoding="utf-8")
    pains = "    pains: [plan fulfilment, scrap rate]\n"
    text = text.replace(
        pains,
        '    pains: [\'["cost", "downtime"]\']\n    x-note: \'["draft"]\'\n    x-quoted: \'"q"\'\n',
    )
    text = text.replace(
        "    pains: [equipment wear, no early warning of failures]\n", "    pains: ['{\"plan\": 1}']\n"
    )
    source, _, back = _round_trip(run, tmp_path, text)
    assert load(back).people == load(source).people
    orlova = load(back).person_by_id["orlova"]
    assert orlova.pains == ('["cost", "downtime"]',) and orlova.extras == {
        "x-note": '["draft"]',
        "x-quoted": '"q"',
    }


def test_a_text_longer_than_a_cell_is_refused_not_cut(run, tmp_path):
    """openpyxl cut a text to the 32,767 characters a cell holds without a word."""
    text = (EXAMPLES / "uralmet.yaml").read_text(encoding="utf-8")
    notes = "    notes: A reference for the holding; not part of this purchase.\n"
    assert notes in text
    text = text.replace(notes, f"    notes: {'x' * 40_000}\n")
    source, book = tmp_path / "a.yaml", tmp_path / "a.xlsx"
    source.write_text(text, encoding="utf-8")
    result = run("export", "xlsx", source, "-o", book)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "error: people!notes of row 17 (nikitin) holds 40,000 characters, and a workbook cell at most "
        "32,767: keep this account in YAML or JSON\n"
    )
    assert not book.exists()


#: a small valid account as workbook sheets, each a header row and its rows
SMALL = {
    "account": [["id", "name"], ["acme", "Acme"]],
    "organizations": [
        ["id", "name", "kind", "parent", "ownership"],
        ["acme", "Acme Holding", "holding"],
        ["acme-steel", "Acme Steel", "company", "acme", 100],
    ],
    "units": [
        ["id", "name", "organization"],
        ["it", "IT", "acme-steel"],
        ["ops", "Operations", "acme-steel"],
    ],
    "people": [["id", "name", "title", "unit"], ["ann", "Ann", "CIO", "it"], ["bob", "Bob", "CTO", "it"]],
    "team": [["id", "name"], ["olga", "Olga"]],
    "relationships": [["team", "person", "strength"], ["olga", "ann", 0.6]],
    "tenders": [["id", "title", "submission"], ["mes", "MES", dt.date(2027, 3, 1)]],
    "activities": [
        ["id", "kind", "date", "targets", "owner", "budget"],
        ["visit", "meeting", dt.date(2027, 1, 10), "ann", "olga", 1500],
    ],
}


def small_book(path, edit=None):
    """Write :data:`SMALL` as a workbook, after ``edit(workbook)`` when given, and return its path."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in SMALL.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    if edit is not None:
        edit(wb)
    wb.save(path)
    return path


def _rewrite(book, part: str, change) -> None:
    """Replace one part of a workbook's zip with ``change(its bytes)``."""
    with zipfile.ZipFile(book) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts[part] = change(parts[part])
    with zipfile.ZipFile(book, "w") as z:
        for n, data in parts.items():
            z.writestr(n, data)


def test_stray_cells_far_away_cost_nothing(run, tmp_path, monkeypatch):
    """A space typed in people!A1048576 made the import fill in 16 million empty cells (78 s,
    3.85 GB); one in XFD1048576 ran out of memory. Only the cells the file stores are read: the
    importer asks openpyxl for no cell by position, so an empty row or column costs nothing."""
    from openpyxl.worksheet.worksheet import Worksheet

    clean = small_book(tmp_path / "clean.xlsx")

    def blanks(wb):
        for row, column, blank in [(1_048_576, 16_384, " "), (1_048_576, 1, "\t"), (1, 16_384, "  ")]:
            wb["people"].cell(row, column, blank)  # XFD1048576, A1048576, XFD1

    spaces = small_book(tmp_path / "spaces.xlsx", blanks)
    value = small_book(tmp_path / "value.xlsx", lambda wb: wb["units"].cell(1_048_576, 16_384, "x"))
    made = []
    cell = Worksheet.cell

    def counted(self, *args, **kwargs):  # iter_rows() and ws["A1"] make each cell here
        made.append(1)
        if len(made) > 1_000:  # fail at once instead of filling in billions of cells
            raise AssertionError("the importer walks the empty cells")
        return cell(self, *args, **kwargs)

    monkeypatch.setattr(Worksheet, "cell", counted)
    assert run("import", "xlsx", clean, "-o", tmp_path / "clean.yaml").exit_code == 0
    result = run("import", "xlsx", spaces, "-o", tmp_path / "spaces.yaml")
    assert (result.exit_code, result.stderr) == (0, "")
    assert (tmp_path / "spaces.yaml").read_bytes() == (tmp_path / "clean.yaml").read_bytes()
    result = run("import", "xlsx", value, "-o", tmp_path / "value.yaml")
    assert (result.exit_code, result.stderr) == (
        2,
        f"{value}: units!XFD1048576: a value in a column without a header\n"
        f"error: {value} is not a valid account workbook (1 error)\n",
    )
    assert len(made) <= 10  # a few cells asked for by position at most, not every empty one


def _cut_short(xml: bytes) -> bytes:
    """A sheet's XML ending in the middle of its first row."""
    return b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row '


def _no_sheet_name(xml: bytes) -> bytes:
    return xml.replace(b'<sheet name="people"', b"<sheet", 1)


def _unknown_shared_text(xml: bytes) -> bytes:
    """Cell B2 refers to shared text 7 of a workbook that has none."""
    cell = xml[xml.index(b'<c r="B2"') :]
    return xml.replace(cell[: cell.index(b"</c>") + 4], b'<c r="B2" t="s"><v>7</v></c>')


@pytest.mark.parametrize(
    ("part", "change", "shown"),
    [
        (
            "xl/worksheets/sheet4.xml",
            _cut_short,
            "xl/worksheets/sheet4.xml (sheet 'people') cannot be read (unclosed token: line 1, column 88)",
        ),
        (
            "xl/styles.xml",
            lambda xml: xml[:40],
            "xl/styles.xml cannot be read (unclosed token: line 1, column 0)",
        ),
        ("xl/workbook.xml", _no_sheet_name, "xl/workbook.xml cannot be read (TypeError)"),
        (
            "xl/worksheets/sheet4.xml",
            _unknown_shared_text,
            "xl/worksheets/sheet4.xml (sheet 'people', cell B2) cannot be read (IndexError)",
        ),
        ("xl/workbook.xml", None, "xl/workbook.xml is missing"),
    ],
    ids=[
        "sheet-cut-short",
        "styles-cut-short",
        "sheet-without-name",
        "unknown-shared-text",
        "no-workbook-part",
    ],
)
def test_a_damaged_workbook_names_its_part(run, tmp_path, part, change, shown):
    """A sheet's XML cut short, a broken styles.xml or workbook.xml, a shared text that is not there:
    each was 'internal error (a bug in influence): ParseError…'."""
    book, out = small_book(tmp_path / "a.xlsx"), tmp_path / "a.yaml"
    if change is None:
        with zipfile.ZipFile(book) as z:
            parts = {n: z.read(n) for n in z.namelist() if n != part}
        with zipfile.ZipFile(book, "w") as z:
            for n, data in parts.items():
                z.writestr(n, data)
    else:
        _rewrite(book, part, change)
    result = run("import", "xlsx", book, "-o", out)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"error: {book}: damaged workbook: {shown}; open it in Excel or LibreOffice (they may repair it) "
        "and save it again, or export it again\n"
    )
    assert not out.exists()


def test_merged_cells_are_an_error_at_their_range(run, tmp_path):
    """people!D2:D3 merged (one unit for two people) gave the second person no unit, silently."""
    book, out = tmp_path / "a.xlsx", tmp_path / "a.yaml"
    small_book(book, lambda wb: [wb["people"].merge_cells("D2:D3"), wb["units"].merge_cells("B3:C3")])
    result = run("import", "xlsx", book, "-o", out)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"{book}: units!B3:C3: merged cells; unmerge them and fill in each cell\n"
        f"{book}: people!D2:D3: merged cells; unmerge them and fill in each row\n"
        f"error: {book} is not a valid account workbook (2 errors)\n"
    )
    assert not out.exists()


def test_merges_covering_many_cells_are_refused_before_reading(run, tmp_path):
    """openpyxl makes an object for each merged cell: a merged column took a minute to open."""
    book = small_book(tmp_path / "a.xlsx")
    merge = b'</sheetData><mergeCells count="1"><mergeCell ref="E2:E200001"/></mergeCells>'
    _rewrite(book, "xl/worksheets/sheet4.xml", lambda xml: xml.replace(b"</sheetData>", merge))
    result = run("import", "xlsx", book, "-o", tmp_path / "a.yaml")
    assert (result.exit_code, result.stderr) == (
        2,
        f"error: {book}: sheet 'people' merges E2:E200001 (200,000 cells); a workbook may merge at "
        "most 100,000 cells: unmerge them\n",
    )


def test_a_merged_title_in_a_sheet_of_ones_own_is_no_problem(run, tmp_path):
    """A merge of 12,000 cells in an `x-` sheet (a title block) refused the whole workbook."""
    import openpyxl

    book = small_book(tmp_path / "a.xlsx")
    wb = openpyxl.load_workbook(book)
    wb.create_sheet("x-notes").merge_cells("A1:J1200")
    wb.save(book)
    result = run("import", "xlsx", book, "-o", tmp_path / "a.yaml")
    assert result.exit_code == 0, result.stderr


def _formatted(wb, ref: str, value: float, number_format: str = "0%") -> None:
    """Type ``value`` into ``SHEET!CELL`` with a number format (a percentage unless told)."""
    sheet, cell = ref.split("!")
    wb[sheet][cell] = value
    wb[sheet][cell].number_format = number_format


def test_percent_formatted_cells_are_read_as_shown(run, tmp_path):
    """organizations!E3 typed as 51% (stored 0.51) was imported as ownership 0.51: ownership is
    in percent. A strength is a fraction (70% is 0.7); a percentage anywhere else is refused."""
    book, out = tmp_path / "a.xlsx", tmp_path / "a.yaml"

    def percentages(wb):
        _formatted(wb, "organizations!E3", 0.51)
        _formatted(wb, "relationships!C2", 0.7)

    small_book(book, percentages)
    assert run("import", "xlsx", book, "-o", out).exit_code == 0
    account = load(out)
    assert account.organizations[1].ownership == 51
    assert account.relationships[0].strength == 0.7
    small_book(
        book, lambda wb: [_formatted(wb, "activities!F2", 0.125, "0.0%"), _formatted(wb, "people!C3", 2)]
    )
    result = run("import", "xlsx", book, "-o", out)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"{book}: people!C3: 200% is a percentage, and title is not one: type the number without %\n"
        f"{book}: activities!F2: 12.5% is a percentage, and budget is not one: type the number without %\n"
        f"error: {book} is not a valid account workbook (2 errors)\n"
    )


def test_a_number_no_date_holds_in_a_date_cell_is_named(run, tmp_path):
    """tenders!C2 = 3000000 formatted as a date printed openpyxl's warning (with its path) and
    then 'bad date '#VALUE!'' for a cell holding 3000000."""
    book, out = tmp_path / "a.xlsx", tmp_path / "a.yaml"
    small_book(book, lambda wb: _formatted(wb, "tenders!C2", 3_000_000, "yyyy-mm-dd"))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = run("import", "xlsx", book, "-o", out)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"{book}: tenders!C2: bad date: number 3000000 (expected YYYY-MM-DD)\n"
        f"error: {book} is not a valid account workbook (1 error)\n"
    )
    assert [str(w.message) for w in caught] == []


def test_a_title_row_above_the_header_is_one_problem(run, tmp_path):
    """A title row inserted above the header of people gave 217 lines (each value 'in a column
    without a header', each row 'missing required field', each reference 'unknown person')."""
    book, out = tmp_path / "a.xlsx", tmp_path / "a.yaml"

    def titled(wb):
        wb["people"].insert_rows(1)
        wb["people"]["A1"] = "Acme: people"
        wb["relationships"].insert_rows(1, 2)  # two empty rows

    small_book(book, titled)
    result = run("import", "xlsx", book, "-o", out)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"{book}: people!A1: the header is in row 2, not in row 1: delete the row above it\n"
        f"{book}: relationships!A1: the header is in row 3, not in row 1: delete the 2 rows above it\n"
        f"error: {book} is not a valid account workbook (2 errors)\n"
    )
    assert not out.exists()


def test_values_in_a_column_without_a_header_are_one_problem(run, tmp_path):
    """Each value under a missing header was one line; a repeated header too."""
    book = tmp_path / "a.xlsx"

    def headless(wb):
        for row in (2, 3):
            wb["people"].cell(row, 7, "note")  # G2, G3: no header in G1
        wb["units"]["D1"] = "name"  # a second 'name' column
        wb["units"]["D2"] = "IT again"

    small_book(book, headless)
    result = run("import", "xlsx", book, "-o", tmp_path / "a.yaml")
    assert (result.exit_code, result.stderr) == (
        2,
        f"{book}: units!D1: duplicate column 'name'\n"
        f"{book}: people!G2: a value in a column without a header (and 1 more below)\n"
        f"error: {book} is not a valid account workbook (2 errors)\n",
    )


def _uralmet_book(run, tmp_path, change):
    book = tmp_path / "a.xlsx"
    assert run("export", "xlsx", EXAMPLES / "uralmet.yaml", "-o", book).exit_code == 0
    wb = openpyxl.load_workbook(book)
    change(wb)
    wb.save(book)
    return book


@pytest.mark.parametrize(
    ("change", "english", "russian"),
    [
        (
            lambda wb: setattr(wb["people"]["A1"], "value", None),
            [
                "people!A1: the header 'id' is missing: column A holds values without a header; write 'id' in A1"
            ],
            [
                "people!A1: нет заголовка 'id': в столбце A есть значения без заголовка; впишите 'id' в ячейку A1"
            ],
        ),
        (
            lambda wb: wb["links"].delete_cols(2),
            ["links!A1: no column 'to' in the header: every row needs one; add it"],
            ["links!A1: в заголовке нет столбца 'to': он нужен в каждой строке; добавьте его"],
        ),
        (
            lambda wb: [setattr(wb["people"][cell], "value", None) for cell in ("A1", "C1")],
            [
                "people!A1: no column 'id' in the header: every row needs one; add it",
                "people!A2: a value in a column without a header (and 15 more below)",
                "people!C2: a value in a column without a header (and 15 more below)",
            ],
            [
                "people!A1: в заголовке нет столбца 'id': он нужен в каждой строке; добавьте его",
                "people!A2: значение в столбце без заголовка (и ещё 15 значений ниже)",
                "people!C2: значение в столбце без заголовка (и ещё 15 значений ниже)",
            ],
        ),
    ],
)
def test_a_required_column_missing_from_the_header_is_one_problem(run, tmp_path, change, english, russian):
    """A cleared 'id' header gave 68 problems (every row 'missing required field', naming no field,
    and every reference to those people 'unknown person'); 20 were printed."""
    book = _uralmet_book(run, tmp_path, change)
    n = len(english)
    result = run("import", "xlsx", book, "-o", tmp_path / "a.yaml")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines() == [
        *(f"{book}: {line}" for line in english),
        f"error: {book} is not a valid account workbook ({n} error{'s' if n > 1 else ''})",
    ]
    result = run("import", "xlsx", book, "-o", tmp_path / "a.yaml", "--lang", "ru")
    assert result.stderr.splitlines()[:-1] == [f"{book}: {line}" for line in russian]
    assert not (tmp_path / "a.yaml").exists()


def test_drop_downs_cover_every_row_written_and_every_id_listed(monkeypatch):
    """A 20,020-person workbook's drop-downs stopped at row 5000 (`D2:D5000`,
    `=people!$A$2:$A$5000`): later rows had none, and a manager past row 5000 was refused.
    Here with a limit of 20 rows and room for 5 more, on a generated account of about 60 people."""
    import io
    import re

    from influence import generate_account
    from influence.exchange import workbook

    monkeypatch.setattr(workbook, "VALIDATION_ROWS", 20)
    monkeypatch.setattr(workbook, "VALIDATION_ROOM", 5, raising=False)
    doc = generate_account(60, seed=1)
    wb = openpyxl.load_workbook(io.BytesIO(workbook.account_workbook(doc)))
    assert wb["people"].max_row > 60
    seen = set()
    for ws in wb.worksheets:
        expected = max(20, ws.max_row + 5)
        for dv in ws.data_validations.dataValidation:
            for cells in str(dv.sqref).split():
                assert re.fullmatch(r"[A-Z]+2:[A-Z]+(\d+)", cells)[1] == str(expected), (ws.title, cells)
            target = re.fullmatch(r"=(\w+)!\$A\$2:\$A\$(\d+)", dv.formula1 or "")
            if target is not None:
                seen.add((ws.title, target[1]))
                assert int(target[2]) == max(20, wb[target[1]].max_row + 5), (ws.title, dv.formula1)
    assert {("people", "people"), ("people", "units"), ("links", "people")} <= seen


def test_a_deleted_account_sheet_is_named(run, tmp_path):
    book, result = _import_without(run, tmp_path, "account")
    assert (result.exit_code, result.stderr) == (
        2,
        f"{book}: account!A1: no sheet 'account' (deleted or renamed?): its row 2 holds the account's id and name\n"
        f"error: {book} is not a valid account workbook (1 error)\n",
    )
    wb = openpyxl.load_workbook(book)
    wb.create_sheet("account", 0).append(["id", "name"])  # a sheet with no row: only the row is missing
    wb.save(book)
    result = run("import", "xlsx", book, "-o", tmp_path / "a.yaml")
    assert result.stderr.startswith(
        f"{book}: account!A2: no row under the header: row 2 holds the account's id and name\n"
    )


def test_a_repeated_id_and_its_cycle_point_at_the_second_persons_cells(run, tmp_path):
    """The cycle was blamed on an empty reports_to cell of the first person (people!E2)."""
    book = tmp_path / "a.xlsx"
    assert run("export", "xlsx", EXAMPLES / "uralmet.yaml", "-o", book).exit_code == 0
    edit(book, {"people!A3": "sokolov"})  # ivanov, who reports to sokolov, becomes a second sokolov
    result = run("import", "xlsx", book, "-o", tmp_path / "a.yaml")
    reports_to = header_cell(book, "people", "reports_to", 3)
    assert result.stderr.splitlines()[:2] == [
        f"{book}: people!A3: duplicate id 'sokolov' (first defined at people!A2)",
        f"{book}: people!{reports_to}: cycle in reports_to: sokolov -> sokolov",
    ]


#: every column of numbers, with a plain number as a text cell may hold it, and the number it is
TEXT_NUMBERS = [
    ("people", "stance", "-1", -1),
    ("links", "strength", "0.7", 0.7),
    ("links", "back_strength", ".25", 0.25),
    ("relationships", "strength", "1", 1),
    ("competitor_relationships", "strength", "0.4", 0.4),
    ("organizations", "ownership", "51.5", 51.5),
    ("activities", "budget", "1500", 1500),
]


def text_cells(book, values: dict[tuple[str, str], str]) -> dict[tuple[str, str], str]:
    """Row 2 of each (sheet, column) set to its text, in a cell formatted as text; returns their cells."""
    wb = openpyxl.load_workbook(book)
    cells = {}
    for (sheet, column), text in values.items():
        header = [c.value for c in wb[sheet][1]]
        cell = wb[sheet].cell(row=2, column=header.index(column) + 1)
        cell.value, cell.number_format = text, "@"
        assert cell.data_type == "s"
        cells[sheet, column] = f"{sheet}!{cell.coordinate}"
    wb.save(book)
    return cells


def test_a_plain_number_in_a_text_cell_is_the_number_in_every_number_column(run, tmp_path):
    """A text cell holding 1 was a stance of 1, and one holding 0.7 an error for a strength (and 51
    for ownership, 1500 for a budget): one rule for every column of numbers now."""
    from influence.exchange.workbook import NUMBER_COLUMNS

    assert {column for _, column, _, _ in TEXT_NUMBERS} == NUMBER_COLUMNS  # none left out
    book = tmp_path / "a.xlsx"
    assert run("export", "xlsx", EXAMPLES / "uralmet.yaml", "-o", book).exit_code == 0
    text_cells(book, {(sheet, column): text for sheet, column, text, _ in TEXT_NUMBERS})
    result = run("import", "xlsx", book, "-o", tmp_path / "a.yaml")
    assert (result.exit_code, result.stderr) == (0, "")
    doc = yaml.safe_load((tmp_path / "a.yaml").read_text(encoding="utf-8"))
    for sheet, column, _, number in TEXT_NUMBERS:
        if sheet == "competitor_relationships":  # read into the competitors' records
            record = next(c for c in doc["competitors"] if c.get("relationships"))["relationships"][0]
        else:
            record = doc[sheet][0]
        assert record[column] == number and type(record[column]) is type(number), (sheet, column)


def test_a_number_in_a_text_cell_that_is_no_plain_number_is_named_as_text(run, tmp_path):
    """A decimal comma or a thousands separator stays an error with its advice, at the cell; a plain
    number out of range is out of range, as a number cell's would be."""
    book = tmp_path / "a.xlsx"
    assert run("export", "xlsx", EXAMPLES / "uralmet.yaml", "-o", book).exit_code == 0
    cells = text_cells(
        book,
        {("links", "strength"): "1.5", ("activities", "budget"): "1500,50", ("people", "stance"): "1,0"},
    )
    result = run("import", "xlsx", book, "-o", tmp_path / "a.yaml")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[:3] == [
        f"{book}: {cells['people', 'stance']}: invalid stance '1,0': write it as a whole number: 1; "
        "allowed: -2..2, opponent, skeptic, neutral, supporter, champion",
        f"{book}: {cells['links', 'strength']}: strength number 1.5 out of range; "
        "allowed: a number in (0, 1], weak, medium, strong",
        f"{book}: {cells['activities', 'budget']}: budget text '1500,50' is not a number: "
        "use a decimal point: 1500.50; allowed: a number ≥ 0",
    ]


def test_an_error_value_in_a_number_column_is_said_once(run, tmp_path):
    """A #N/A in the budget column was said twice: as an error value, and again as text that is no number."""
    book, out = tmp_path / "a.xlsx", tmp_path / "a.yaml"
    assert run("export", "xlsx", EXAMPLES / "uralmet.yaml", "-o", book).exit_code == 0
    budget = header_cell(book, "activities", "budget", 2)
    edit(book, {f"activities!{budget}": "#N/A"})  # openpyxl stores it as an error value
    result = run("import", "xlsx", book, "-o", out)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"{book}: activities!{budget}: the error value #N/A, not data: correct the cell\n"
        f"error: {book} is not a valid account workbook (1 error)\n"
    )


def test_a_record_a_message_points_to_is_named_by_its_cell(run, tmp_path):
    """A workbook user sees cells, not the document's paths: 'the id of team[0]' named a path."""
    book, out = tmp_path / "a.xlsx", tmp_path / "a.yaml"
    assert run("export", "xlsx", EXAMPLES / "uralmet.yaml", "-o", book).exit_code == 0
    wb = openpyxl.load_workbook(book)
    first = wb["people"]["A2"].value
    wb.close()
    edit(book, {"people!A3": first})  # the second person takes the first one's id
    result = run("import", "xlsx", book, "-o", out)
    assert result.exit_code == 2
    assert f"{book}: people!A3: duplicate id '{first}' (first defined at people!A2)\n" in result.stderr
    assert "people[0]" not in result.stderr


@pytest.mark.parametrize("suffix", ["yaml", "json"])
def test_a_time_or_duration_cell_is_read_as_the_text_excel_shows(run, tmp_path, suffix):
    """An Excel time of day or duration in an x- column crashed the import (no document format holds
    either); a time typed into a text column was refused as "time"."""

    def times(wb):
        people = wb["people"]
        people["E1"], people["E2"], people["E3"] = (
            "x-call",
            dt.time(12, 30),
            dt.timedelta(hours=30, minutes=5),
        )
        people["C2"] = dt.time(9, 0)
        wb.create_sheet("document").append(["key", "value"])
        wb["document"].append(["x-window", dt.timedelta(minutes=-90)])

    out = tmp_path / f"b.{suffix}"
    result = run("import", "xlsx", small_book(tmp_path / "t.xlsx", times), "-o", out, "--lang", "ru")
    assert result.exit_code == 0, result.stderr
    account = load(out)
    ann, bob = account.people
    assert (ann.extras, bob.extras, ann.title) == ({"x-call": "12:30:00"}, {"x-call": "30:05:00"}, "09:00:00")
    assert account.extras == {"x-window": "-1:30:00"}


def test_a_round_trip_keeps_spaces_at_the_ends_of_x_texts(run, tmp_path):
    """Import trims a cell's text (a typed space is a slip), which cut an x- value exported with
    spaces at its ends; such a value is written as JSON text and comes back as it was."""
    source, _, back = _round_trip(
        run,
        tmp_path,
        "format: influence/v1\n"
        'account: {id: acme, name: Acme, x-code: "  A-01  "}\n'
        'people:\n  - {id: ivanov, name: Ivan, x-tag: " lead", x-blank: "   ", x-plain: kept}\n'
        'x-top: "trail  "\n',
    )
    before, after = load(source), load(back)
    assert (
        after.people[0].extras
        == before.people[0].extras
        == {"x-tag": " lead", "x-blank": "   ", "x-plain": "kept"}
    )
    assert (after.extras, after.info.extras) == (before.extras, before.info.extras)


def test_a_round_trip_keeps_x_whole_numbers_excel_cannot_hold(run, tmp_path):
    """An x- whole number of more than 15 digits (a CRM id) came back rounded as a float
    (1.234567890123457e+19), with `diff` seeing no change. It is written as its digits, in
    text, and read back as the number; a text of such digits stays text."""
    source, book, back = _round_trip(
        run,
        tmp_path,
        "format: influence/v1\n"
        "account: {id: acme, name: Acme, x-id: 12345678901234567890, x-small: 999999999999999}\n"
        'people:\n  - {id: ivanov, name: Ivan, x-crm: -90071992547409931, x-text: "12345678901234567890"}\n'
        "x-top: 123456789012345678901234567890\n",
    )
    before, after = load(source), load(back)
    assert (
        after.people[0].extras
        == before.people[0].extras
        == {
            "x-crm": -90071992547409931,
            "x-text": "12345678901234567890",
        }
    )
    assert (after.extras, after.info.extras) == (before.extras, before.info.extras)
    assert after.info.extras == {"x-id": 12345678901234567890, "x-small": 999999999999999}
    cells = {c.value for row in openpyxl.load_workbook(book)["account"].iter_rows() for c in row}
    assert "12345678901234567890" in cells and 999999999999999 in cells  # a number Excel holds stays one


def test_an_account_sheet_without_its_row_says_so(run, tmp_path):
    """It said "account!A2: missing required field", naming no field."""
    book = small_book(tmp_path / "t.xlsx", lambda wb: wb["account"].delete_rows(2))
    result = run("import", "xlsx", book, "-o", tmp_path / "b.yaml", "--lang", "ru")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines() == [
        f"{book}: account!A2: под заголовком нет строки: в строке 2 должны быть id и name клиента",
        f"ошибка: {book} — некорректная книга клиента (1 ошибка)",
    ]
