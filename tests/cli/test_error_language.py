"""Errors about an account file are said in the language of ``--lang``, else of the file's ``account.language``."""

from __future__ import annotations

import pytest

RU_ACCOUNT = "format: influence/v1\naccount:\n  id: acme\n  name: Акме\n  language: ru\npeople:\n  - {id: p1, name: Пётр, stance: chmpion}\n"


def test_a_russian_account_with_errors_is_told_so_in_russian(run, tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text(RU_ACCOUNT, encoding="utf-8")
    result = run("validate", path)
    assert (result.exit_code, result.stdout) == (2, "")
    assert (
        result.stderr.splitlines()[-1] == f"ошибка: {path} не соответствует формату influence/v1 (1 ошибка)"
    )


def test_lang_overrides_the_accounts_language_for_errors_too(run, tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text(RU_ACCOUNT, encoding="utf-8")
    result = run("validate", path, "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == f"error: {path} is not a valid influence/v1 account (1 error)"
    english = tmp_path / "b.yaml"
    english.write_text(RU_ACCOUNT.replace("  language: ru\n", ""), encoding="utf-8")
    assert run("validate", english, "--lang", "ru").stderr.splitlines()[-1] == (
        f"ошибка: {english} не соответствует формату influence/v1 (1 ошибка)"
    )


@pytest.mark.parametrize(("people", "count"), [(2, "2 ошибки"), (5, "5 ошибок"), (21, "21 ошибка")])
def test_the_count_of_errors_takes_its_russian_plural_form(run, tmp_path, people, count):
    path = tmp_path / "a.yaml"
    rows = "".join(f"  - {{id: p{i}, name: П, stance: chmpion}}\n" for i in range(people))
    path.write_text(RU_ACCOUNT.split("people:")[0] + "people:\n" + rows, encoding="utf-8")
    assert (
        run("validate", path).stderr.splitlines()[-1]
        == f"ошибка: {path} не соответствует формату influence/v1 ({count})"
    )


def test_a_file_that_cannot_be_parsed_is_told_in_the_language_its_text_names(run, tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("format: influence/v1\naccount:\n  language: ru   # команда\n  id: [\n", encoding="utf-8")
    result = run("validate", path)
    assert (result.exit_code, result.stderr.splitlines()[-1]) == (
        2,
        f"ошибка: {path} не соответствует формату influence/v1 (1 ошибка)",
    )


def test_the_rest_of_a_long_list_is_counted_in_russian_by_a_command_that_shows_one_screen(run, tmp_path):
    path = tmp_path / "a.yaml"
    rows = "".join(f"  - {{id: p{i}, name: П, stance: chmpion}}\n" for i in range(25))
    path.write_text(RU_ACCOUNT.split("people:")[0] + "people:\n" + rows, encoding="utf-8")
    lines = run("gaps", path).stderr.splitlines()
    assert lines[-2:] == [
        f"… и ещё 5 ошибок (все покажет influence validate {path})",
        f"ошибка: {path} не соответствует формату influence/v1 (25 ошибок)",
    ]


def test_an_error_that_is_no_validation_issue_takes_the_russian_prefix(run, tmp_path):
    result = run("validate", tmp_path / "missing.yaml", "--lang", "ru")
    assert (result.exit_code, result.stderr.startswith("ошибка: ")) == (2, True)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_portfolio_says_an_accounts_errors_in_the_language_of_lang_in_its_workers_too(run, tmp_path, jobs):
    bad = tmp_path / "bad.yaml"
    bad.write_text(RU_ACCOUNT.replace("  language: ru\n", ""), encoding="utf-8")
    good = tmp_path / "good.yaml"  # two sources: with --jobs 2 they go to two worker processes
    good.write_text(RU_ACCOUNT.replace("stance: chmpion", "stance: champion"), encoding="utf-8")
    result = run("portfolio", bad, good, "--lang", "ru", "--jobs", jobs, "--format", "csv")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == f"ошибка: {bad} не соответствует формату influence/v1 (1 ошибка)"
    row = next(line for line in result.stdout.splitlines() if line.startswith(str(bad)))
    assert row.endswith(
        f"\"{bad}:6: people[0].stance: недопустимая позиция: 'chmpion' (возможно, имелось в виду 'champion'?); допустимо: -2..2, opponent, skeptic, neutral, supporter, champion\""
    )
    english = run("portfolio", bad, good, "--jobs", jobs, "--format", "csv")
    assert english.stderr.splitlines()[-1] == f"error: {bad} is not a valid influence/v1 account (1 error)"


def test_a_portfolio_rows_error_column_leaves_out_the_error_prefix_in_each_language(run, tmp_path):
    binary = tmp_path / "junk.yaml"
    binary.write_bytes(b"\x00\x01\x02 not text")
    good = tmp_path / "good.yaml"
    good.write_text(RU_ACCOUNT.replace("stance: chmpion", "stance: champion"), encoding="utf-8")
    for lang, prefix in (("ru", "ошибка: "), ("en", "error: ")):
        result = run("portfolio", binary, good, "--lang", lang, "--format", "json")
        rows = __import__("json").loads(result.stdout)
        error = next(r["error"] for r in rows if r["source"] == str(binary))
        assert (result.exit_code, error.startswith(f"{binary}: "), prefix in error) == (2, True, False)
