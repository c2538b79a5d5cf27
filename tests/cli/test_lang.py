"""``--lang`` and ``account.language``: which language the human text is in, and bad values."""

from __future__ import annotations

import json

import openpyxl
import pytest

from tests.conftest import EXAMPLES

AS_OF = "2026-11-27"
COMMANDS = ("gaps", "sponsors", "paths", "coverage")


@pytest.mark.parametrize("command", [*COMMANDS, "portfolio"])
def test_unknown_lang_is_a_usage_error(run, command):
    result = run(command, EXAMPLES / "uralmet.yaml", "--lang", "de")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for '--lang': unknown language 'de' (expected en or ru)"
    )
    assert "Traceback" not in result.stderr


def test_unknown_account_language_is_a_validation_error(run, write):
    path = write(
        """
        format: influence/v1
        account: {id: a, name: A,
                  language: fr}
        """
    )
    result = run("gaps", path, "--lang", "en")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"{path}:3: account.language: invalid language 'fr'; allowed: en, ru\n"
        f"error: {path} is not a valid influence/v1 account (1 error)\n"
    )


def test_the_account_language_is_the_default_and_lang_overrides_it(run):
    ru = run("gaps", EXAMPLES / "uralmet-ru.yaml", "--as-of", AS_OF)
    en = run("gaps", EXAMPLES / "uralmet-ru.yaml", "--as-of", AS_OF, "--lang", "en")
    assert ru.stdout.splitlines()[0] == "Отчёт о пробелах: Холдинг «УралМет» (uralmet), на 2026-11-27"
    assert en.stdout.splitlines()[0] == "Gap report: Холдинг «УралМет» (uralmet), as of 2026-11-27"
    english = run("gaps", EXAMPLES / "uralmet.yaml", "--as-of", AS_OF)
    assert english.stdout.splitlines()[0] == "Gap report: UralMet Holding (uralmet), as of 2026-11-27"
    to_ru = run("gaps", EXAMPLES / "uralmet.yaml", "--as-of", AS_OF, "--lang", "ru")
    assert to_ru.stdout.splitlines()[0] == "Отчёт о пробелах: UralMet Holding (uralmet), на 2026-11-27"


def test_russian_tables_say_titles_and_values_in_words(run):
    """Table and Markdown say vocabulary values in words; CSV and JSON keep the codes scripts read."""
    result = run("coverage", EXAMPLES / "uralmet-ru.yaml")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == [
        "ЛИЦО",
        "ИМЯ",
        "РОЛИ",
        "ПОКРЫТИЕ",
        "ПРЯМЫЕ",
        "СВЯЗИ",
        "ДАВЛЕНИЕ",
        "КОНКУРЕНТОВ",
        "СТАТУС",
    ]
    assert lines[0].index("ИМЯ") == lines[3].index("Елена")  # columns line up
    assert lines[3].split("  ") and [c.strip() for c in lines[3].split("  ") if c.strip()] == [
        "orlova",
        "Елена Орлова",
        "принимающий решение, владелец проблемы",
        "0,45",  # a decimal comma, as in the Russian sentences; CSV and JSON keep the point
        "0",
        "0,90",
        "слабое покрытие",
    ]
    csv = run("coverage", EXAMPLES / "uralmet-ru.yaml", "--format", "csv").stdout
    assert csv.splitlines()[0] == "person,name,roles,coverage,threads,pressure,status"
    assert "orlova,Елена Орлова,decision_maker;problem_owner,0.45,0,0.9,weak" in csv.splitlines()
    paths = run("paths", EXAMPLES / "uralmet-ru.yaml", "--format", "markdown").stdout
    assert paths.splitlines()[0] == (
        "| источник | тип источника | цель | путь | сила | противовес | сила противовеса | перекрыт |"
    )
    assert paths.splitlines()[2] == "| orlova | человек | orlova | orlova | 1,00 | belov | 0,50 | нет |"
    assert (
        "seversoft,competitor,orlova" in run("paths", EXAMPLES / "uralmet-ru.yaml", "--format", "csv").stdout
    )


def test_russian_sponsors_say_class_stance_and_reasons_in_words(run):
    lines = run("sponsors", EXAMPLES / "uralmet-ru.yaml").stdout.splitlines()
    assert lines[:4] == [
        "ЛИЦО       ИМЯ              КЛАСС        ПОЗИЦИЯ    ДОСТУП  СВЯЗЬ С НАМИ  ПРИЧИНЫ",
        "---------  ---------------  -----------  ---------  ------  ------------  -----------------------------",
        "belov      Сергей Белов     спонсор      чемпион    0,60    0,90",
        "morozova   Ольга Морозова   под угрозой  чемпион    0,50    0,30          слабая связь с нашей командой",
    ]
    rows = json.loads(run("sponsors", EXAMPLES / "uralmet-ru.yaml", "--format", "json").stdout)
    assert rows[1] | {"access": 0, "link": 0} == {
        "person": "morozova",
        "name": "Ольга Морозова",
        "class": "at_risk",
        "stance": 2,
        "access": 0,
        "link": 0,
        "reasons": ["weak-link"],
    }


def test_russian_gap_headings_use_plural_forms(run):
    table = run("gaps", EXAMPLES / "uralmet-ru.yaml", "--as-of", AS_OF).stdout.splitlines()
    assert [x for x in table if x and not x.startswith(" ")][2:] == [
        "Что сделать в первую очередь: оценка 4,80 → 6,00 за 3 шага",
        "ВЫСОКАЯ ВАЖНОСТЬ: 4 НАХОДКИ",
        "СРЕДНЯЯ ВАЖНОСТЬ: 21 НАХОДКА",
        "НИЗКАЯ ВАЖНОСТЬ: 11 НАХОДОК",
    ]
    assert table[1].startswith("Закупочная группа: 15 · ЛПР: 4 · из них с достаточным покрытием: 2")


def test_russian_redacted_review_uses_a_russian_stand_in(run, tmp_path):
    folder = tmp_path / "pack"
    result = run("review", EXAMPLES / "uralmet-ru.yaml", "-o", folder, "--as-of", AS_OF, "--redact")
    assert result.exit_code == 0
    md = (folder / "gaps.md").read_text(encoding="utf-8")
    assert md.startswith("# Отчёт о пробелах: Холдинг «УралМет»\n")
    assert "Анна Петрова" not in md and "informal influencer" not in md
    assert "неформальное влияющее лицо" not in md.lower()  # a shared report says nothing about her
    assert "Неформальное влияющее лицо" in (folder / "map.html").read_text(encoding="utf-8")


def test_generate_in_russian_with_russian_plurals(run, tmp_path):
    one = tmp_path / "one.yaml"
    result = run("generate", "--people", "20", "--seed", "1", "-o", one, "--lang", "ru")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"записан {one} — 21 человек, 13 в закупочной группе, 3 ЛПР, 2 связи\n"
    english = run("generate", "--people", "20", "--seed", "1", "-o", one, "--force")
    assert english.stdout == f"wrote {one} — 21 people, 13 in the buying team, 3 decision makers, 2 links\n"
    folder = tmp_path / "p"
    two = run("generate", "--people", "20", "--accounts", "2", "-o", folder, "--lang", "ru")
    assert two.stdout == (
        f"записаны 2 клиента в {folder}/ — всего 42 человека, 26 в закупочной группе, 6 ЛПР, 4 связи\n"
    )


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "xlsx"])
def test_export_follows_the_account_language(run, tmp_path, fmt):
    out = tmp_path / f"uralmet.{fmt}"
    assert run("export", fmt, EXAMPLES / "uralmet-ru.yaml", "-o", out).stdout == f"записан {out}\n"
    assert (
        run("export", fmt, EXAMPLES / "uralmet-ru.yaml", "-o", out, "--lang", "en").stdout == f"wrote {out}\n"
    )
    assert (
        run("export", fmt, EXAMPLES / "uralmet.yaml", "-o", out, "--lang", "ru").stdout == f"записан {out}\n"
    )
    if fmt == "xlsx":  # the workbook keeps account.language, so its import speaks it too
        run("export", fmt, EXAMPLES / "uralmet-ru.yaml", "-o", out)
        back = tmp_path / "back.yaml"
        assert run("import", "xlsx", out, "-o", back).stdout == f"записан {back}\n"
        assert run("import", "xlsx", out, "-o", back, "--lang", "en").stdout == f"wrote {back}\n"


@pytest.mark.parametrize(
    "command", [("generate", "--people", "3"), ("export", "gexf", EXAMPLES / "uralmet.yaml")]
)
def test_unknown_lang_on_status_commands_is_a_usage_error(run, tmp_path, command):
    result = run(*command, "-o", tmp_path / "x.yaml", "--lang", "de")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.splitlines()[-1].endswith("unknown language 'de' (expected en or ru)")


ROMASHKA = """
format: influence/v1
account: {id: romashka, name: ООО «Ромашка», language: ru}
people:
  - {id: orlova, name: Елена Орлова, roles: [decision_maker], stance: 0}
  - {id: ivanov, name: Иван Иванов, roles: [economic_buyer], stance: 1}
team:
  - {id: olga, name: Ольга}
relationships:
  - {team: olga, person: ivanov, strength: 0.5}
"""


def test_russian_says_an_uncovered_decision_maker_in_one_term_everywhere(run, write):
    """«не покрыт» / «без покрытия» (of «покрытие», the coverage), in the gap report, the plan and the
    tables alike: not «нулевое» in the coverage table and the plan-gap finding."""
    path = write(ROMASHKA)
    table = run("coverage", path).stdout
    rows = {line.split()[0]: line for line in table.splitlines()[2:]}
    assert rows["orlova"].endswith("  без покрытия") and rows["ivanov"].endswith("  слабое покрытие")
    markdown = run("coverage", path, "--format", "markdown").stdout
    assert "| без покрытия |" in markdown and "| слабое покрытие |" in markdown
    gaps = run("gaps", path, "--as-of", AS_OF).stdout
    assert "ЛПР не покрыт (decision-maker-uncovered)" in gaps
    said = " ".join(gaps.split())
    assert "Елена Орлова: без покрытия, и ни одно запланированное мероприятие" in said
    assert "Иван Иванов: слабое покрытие, и ни одно запланированное мероприятие" in said
    plan = run("plan", path, "--as-of", AS_OF).stdout
    # weak, not zero: «без покрытия» is the name of zero coverage
    assert "После этих шагов покрытие всё ещё недостаточное: Елена Орлова." in plan
    for text in (table, markdown, gaps, plan):
        assert "нулев" not in text and "покрыто" not in text and "Без покрытия после" not in text
    english = run("gaps", path, "--as-of", AS_OF, "--lang", "en").stdout
    assert "Our coverage of Елена Орлова is zero and no planned activity targets them." in " ".join(
        english.split()
    )
    assert run("coverage", path, "--lang", "en").stdout.splitlines()[3].endswith("  uncovered")


def test_a_russian_sentence_quotes_a_name_with_quotes_of_its_own_by_russian_typography(run, write):
    """«ООО «Ромашка»» doubled the same quotes: a name inside «…» says its own as „…“, and a name
    wholly in quotes («Ромашка») is not quoted twice; headings show the name as it is; English as before."""
    tender = "tenders:\n  - {id: mes, title: Тендер «Цифровой завод», submission: 2027-01-15}\n"
    path = write(ROMASHKA + tender)
    gaps = " ".join(run("gaps", path, "--as-of", AS_OF).stdout.split())
    assert "У клиента «ООО „Ромашка“» нет подтверждённого спонсора" in gaps
    assert "Тендер «Тендер „Цифровой завод“»: подача 2027-01-15" in gaps
    assert "ООО «Ромашка» (romashka)" in gaps  # a heading names the account as it is written
    assert "«ООО «" not in gaps and "»»" not in gaps
    english = " ".join(run("gaps", path, "--as-of", AS_OF, "--lang", "en").stdout.split())
    assert "ООО «Ромашка» has no confirmed sponsor" in english
    assert "The tender 'Тендер «Цифровой завод»' is due on 2027-01-15" in english
    assert "„" not in english and "“" not in english
    whole = write(ROMASHKA.replace("name: ООО «Ромашка»", "name: «Ромашка»"))
    said = " ".join(run("gaps", whole, "--as-of", AS_OF).stdout.split())
    assert "У клиента «Ромашка» нет подтверждённого спонсора" in said and "««" not in said


def test_the_russian_portfolio_heads_the_account_name_as_a_company_s_not_a_person_s(run, tmp_path):
    """A portfolio's ``name`` is the account's (a client company): «название», beside «клиент»; a
    person's name elsewhere stays «имя»; English and the keys of CSV stay ``name``."""
    folder = tmp_path / "accounts"
    folder.mkdir()
    (folder / "uralmet-ru.yaml").write_bytes((EXAMPLES / "uralmet-ru.yaml").read_bytes())
    table = run("portfolio", folder, "--lang", "ru", "--as-of", AS_OF).stdout.splitlines()[0].split()
    assert table[:3] == ["ИСТОЧНИК", "КЛИЕНТ", "НАЗВАНИЕ"] and "ИМЯ" not in table
    markdown = run("portfolio", folder, "--lang", "ru", "--format", "markdown", "--as-of", AS_OF).stdout
    assert markdown.startswith("| источник | клиент | название | люди |")
    book = tmp_path / "portfolio.xlsx"
    assert run("portfolio", folder, "--lang", "ru", "-o", book, "--as-of", AS_OF).exit_code == 0
    header = [c.value for c in next(openpyxl.load_workbook(book).worksheets[0].iter_rows())]
    assert header[:3] == ["Источник", "Клиент", "Название"]
    english = run("portfolio", folder, "--as-of", AS_OF).stdout.splitlines()[0].split()
    assert english[:3] == ["SOURCE", "ACCOUNT", "NAME"]
    assert run("portfolio", folder, "--format", "csv", "--as-of", AS_OF).stdout.startswith(
        "source,account,name,"
    )
    assert run("sponsors", folder / "uralmet-ru.yaml").stdout.split()[:2] == ["ЛИЦО", "ИМЯ"]


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (("gaps", EXAMPLES / "uralmet-ru.yaml"), "gaps.json"),
        (("gaps", EXAMPLES / "uralmet-ru.yaml"), "gaps.xlsx"),
        (("sponsors", EXAMPLES / "uralmet-ru.yaml"), "sponsors.md"),
        (("coverage", EXAMPLES / "uralmet.yaml", "--lang", "ru"), "coverage.csv"),
        (("plan", EXAMPLES / "uralmet-ru.yaml", "--format", "xlsx"), "plan.xlsx"),
        (("portfolio", EXAMPLES, "--lang", "ru"), "portfolio.xlsx"),
    ],
)
def test_a_report_written_to_a_file_says_so_in_the_language(run, tmp_path, args, name):
    out = tmp_path / name
    result = run(*args, "--as-of", AS_OF, "-o", out)
    assert (result.exit_code, result.stdout) == (0, f"записан {out}\n")


def test_a_russian_workbook_refuses_a_value_in_russian(run, tmp_path):
    import openpyxl

    for source, extra, says in (
        (EXAMPLES / "uralmet-ru.yaml", (), "Выберите из списка значение для 'stance'."),
        (EXAMPLES / "uralmet.yaml", (), "Pick a value for 'stance' from the list."),
        (EXAMPLES / "uralmet.yaml", ("--lang", "ru"), "Выберите из списка значение для 'stance'."),
    ):
        book = tmp_path / "a.xlsx"
        assert run("export", "xlsx", source, "-o", book, *extra).exit_code == 0
        people = openpyxl.load_workbook(book)["people"]
        column = [c.value for c in people[1]].index("stance") + 1
        letter = openpyxl.utils.get_column_letter(column)
        (rule,) = [r for r in people.data_validations.dataValidation if str(r.sqref).startswith(f"{letter}2")]
        assert rule.error == says


def test_russian_gap_headings_name_findings_and_subjects_in_words(run):
    """A finding is headed by its title (its code after it), an account by its name, a role in words."""
    result = run("gaps", EXAMPLES / "new-account.yaml", "--as-of", "2026-11-27", "--lang", "ru")
    assert result.exit_code == 0
    high = result.stdout.split("ВЫСОКАЯ ВАЖНОСТЬ: 3 НАХОДКИ\n", 1)[1].split("\n\n", 1)[0]
    assert [line for line in high.splitlines() if not line.startswith("      ")] == [
        "  NordChem Group (nordchem)",
        "    Слишком маленькая закупочная группа (buying-team-too-small)",
        "    Нет подтверждённого спонсора (no-sponsor)",
        "  Роль: экономический покупатель",
        "    В закупочной группе нет роли (role-missing)",
    ]
    markdown = run(
        "gaps", EXAMPLES / "new-account.yaml", "--as-of", "2026-11-27", "--lang", "ru", "--format", "markdown"
    )
    assert "### Роль: экономический покупатель" in markdown.stdout.splitlines()
    assert "- **Нет подтверждённого спонсора (no-sponsor)**: " in markdown.stdout
    csv = run(
        "gaps", EXAMPLES / "new-account.yaml", "--as-of", "2026-11-27", "--lang", "ru", "--format", "csv"
    )
    assert "\nhigh,role-missing,economic_buyer," in csv.stdout  # CSV keeps the codes and ids


def test_russian_recommendations_say_what_kind_of_contact_they_mean(run):
    """«контакт» meant an email, a relationship and a private person at once: each has its own words."""
    text = run("gaps", EXAMPLES / "uralmet-ru.yaml", "--as-of", "2026-11-27").stdout
    said = " ".join(text.split())
    assert "→ Узнайте рабочую почту или телефон: Борис Григорьев." in said  # contact-missing
    assert "→ Заведите второй канал: познакомьте ещё одного участника команды" in said  # single-threaded
    # a private person: confidential, not «личный контакт» (to a salesperson: "my own acquaintance")
    assert "→ Анна Петрова (сведения конфиденциальны): напрямую не обращайтесь" in said
    assert "контакт" not in said


def test_russian_sentences_quote_the_account_name_instead_of_appending_it(run):
    """«Нет подтверждённого спонсора (Тест)» read machine-made; the name now stands in quotes."""
    text = run("gaps", EXAMPLES / "new-account.yaml", "--as-of", "2026-11-27", "--lang", "ru").stdout
    said = " ".join(text.split())
    assert "Закупочная группа клиента «NordChem Group»: 0 человек;" in said
    assert "У клиента «NordChem Group» нет подтверждённого спонсора: нет сторонника" in said
    assert "(NordChem Group)" not in said
