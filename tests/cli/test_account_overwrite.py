"""An account file is never replaced by another account's data, a report or a generated account unseen.

``plan --apply -o``, ``import xlsx -o`` and ``import salesforce -o`` refuse
to write over an account file other than the one updated in place (exit 2,
one message naming the file) unless ``--force``; every file the loader
reads as an account is recognised as one.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml

from influence.cli.app import holds_account
from influence.generate import generate_account
from tests.conftest import EXAMPLES

REFUSED = (
    "error: -o {file} holds account '{held}': it would be replaced; nothing written: "
    "write to another file, or give --force to replace it\n"
)
#: plan --apply: another file of SOURCE's own account (an earlier --apply's, maybe edited since)
NOT_SOURCE = (
    "error: -o {file} is another file of account '{held}', which may hold edits of its own (only {source} "
    "is updated in place); nothing written: write to a new file, or give --force to replace it (an earlier "
    "--apply's file too)\n"
)
RU_REFUSED = (
    "ошибка: -o {file} — файл клиента '{held}'; он был бы перезаписан. Ничего не записано: укажите другой "
    "файл или добавьте --force, чтобы заменить его\n"
)


def _uncommented(tmp_path: Path, name: str = "q1.yaml", source: str = "uralmet.yaml") -> Path:
    """The example account as ``db pull`` would write it: no comments (so no comment check refuses)."""
    path = tmp_path / name
    lines = (EXAMPLES / source).read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not line.lstrip().startswith("#")), encoding="utf-8")
    return path


@pytest.fixture
def nordchem_book(run, tmp_path: Path) -> Path:
    book = tmp_path / "na.xlsx"
    assert run("export", "xlsx", EXAMPLES / "new-account.yaml", "-o", book).exit_code == 0
    return book


def _plan(run, source: Path, output: Path, *extra: str):
    return run("plan", source, "--apply", "-o", output, "--as-of", "2026-11-27", *extra)


def test_plan_apply_refuses_to_replace_another_account_file(run, tmp_path):
    target = _uncommented(tmp_path)
    before = target.read_bytes()
    result = _plan(run, EXAMPLES / "new-account.yaml", target)
    assert result.exit_code == 2
    assert result.stderr == REFUSED.format(file=target, held="uralmet")  # another account's: said plainly
    assert target.read_bytes() == before


def test_plan_apply_refuses_a_file_of_the_same_account_that_is_not_its_source(run, tmp_path):
    source, copy = _uncommented(tmp_path, "a.yaml"), _uncommented(tmp_path, "b.yaml")
    result = _plan(run, source, copy)
    assert result.exit_code == 2
    assert result.stderr == NOT_SOURCE.format(file=copy, held="uralmet", source=source)


def test_plan_apply_in_place_and_with_force_goes_ahead(run, tmp_path):
    target = _uncommented(tmp_path)
    assert _plan(run, target, target).exit_code == 0  # the update in place of its own source
    result = _plan(run, EXAMPLES / "new-account.yaml", target, "--force")
    assert result.exit_code == 0, result.output
    assert yaml.safe_load(target.read_text(encoding="utf-8"))["account"]["id"] == "nordchem"


def test_plan_apply_over_another_annotated_account_is_refused(run, tmp_path):
    target = tmp_path / "q2.yaml"
    target.write_bytes((EXAMPLES / "uralmet-2027q1.yaml").read_bytes())
    before = target.read_bytes()
    result = _plan(run, EXAMPLES / "new-account.yaml", target)
    assert result.exit_code == 2 and target.read_bytes() == before


def test_import_xlsx_refuses_another_account_and_refreshes_the_same(run, tmp_path, nordchem_book):
    target = _uncommented(tmp_path)
    before = target.read_bytes()
    refused = run("import", "xlsx", nordchem_book, "-o", target)
    assert refused.exit_code == 2
    assert refused.stderr == REFUSED.format(file=target, held="uralmet")
    assert target.read_bytes() == before
    own = tmp_path / "own.xlsx"
    assert run("export", "xlsx", target, "-o", own).exit_code == 0
    assert run("import", "xlsx", own, "-o", target).stdout == f"wrote {target}\n"  # the same account
    forced = run("import", "xlsx", nordchem_book, "-o", target, "--force")
    assert forced.exit_code == 0
    assert yaml.safe_load(target.read_text(encoding="utf-8"))["account"]["id"] == "nordchem"


def test_import_salesforce_refuses_another_account_also_with_merge(run, tmp_path):
    target = _uncommented(tmp_path)
    before = target.read_bytes()
    crm = EXAMPLES / "salesforce"
    refused = run("import", "salesforce", crm, "--account", "УралМет Сталь", "-o", target)
    assert refused.exit_code == 2
    assert refused.stderr == REFUSED.format(file=target, held="uralmet")
    merged = tmp_path / "stal.yaml"
    assert run("import", "salesforce", crm, "--account", "УралМет Сталь", "-o", merged).exit_code == 0
    refused = run("import", "salesforce", crm, "--account", "УралМет Сталь", "--merge", merged, "-o", target)
    assert refused.exit_code == 2
    assert refused.stderr == REFUSED.format(file=target, held="uralmet")
    assert target.read_bytes() == before
    in_place = run("import", "salesforce", crm, "--account", "УралМет Сталь", "--merge", merged, "-o", merged)
    assert in_place.exit_code == 0, in_place.output


def test_the_refusal_is_said_in_russian(run, tmp_path):
    target = _uncommented(tmp_path)
    result = _plan(run, EXAMPLES / "new-account.yaml", target, "--lang", "ru")
    assert result.exit_code == 2
    assert result.stderr == RU_REFUSED.format(file=target, held="uralmet")


def test_an_update_in_place_of_a_hard_linked_file_is_refused_without_force(run, tmp_path):
    target = _uncommented(tmp_path)
    os.link(target, tmp_path / "other-name.yaml")
    before = target.read_bytes()
    result = _plan(run, target, target)
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: -o {target} has other names (hard links), which would keep the old content; "
        "nothing written: give --force to replace this name only\n"
    )
    assert target.read_bytes() == before
    assert _plan(run, target, target, "--force").exit_code == 0


# --- holds_account: every file the loader reads as an account -------------------------------------


def _account_data() -> dict:
    return yaml.safe_load((EXAMPLES / "uralmet.yaml").read_text(encoding="utf-8"))


def _bom_yaml(path: Path) -> None:
    path.write_bytes(b"\xef\xbb\xbf" + _uncommented(path.parent, "plain.yaml").read_bytes())


def _compact_json(path: Path) -> None:
    text = json.dumps(_account_data(), ensure_ascii=False, separators=(",", ":"), sort_keys=True, default=str)
    path.write_text(text, encoding="utf-8")


def _large_format_last() -> dict:
    """A generated account well past 64 KiB, its ``format`` key moved to the end (key order is free)."""
    data = generate_account(3000, 3, 0)
    data["format"] = data.pop("format")
    return data


def _format_last_json(path: Path) -> None:
    data = _large_format_last()
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2, default=str), encoding="utf-8")


def _format_last_yaml(path: Path) -> None:
    data = _large_format_last()
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("bom.yaml", _bom_yaml),
        ("compact.json", _compact_json),
        ("last.json", _format_last_json),
        ("last.yaml", _format_last_yaml),
    ],
)
def test_every_account_the_loader_reads_is_recognised_and_kept(run, tmp_path, name, make):
    path = tmp_path / name
    make(path)
    assert run("validate", path).exit_code == 0  # the loader reads it as an account
    assert holds_account(path)
    before = path.read_bytes()
    report = run("gaps", EXAMPLES / "uralmet.yaml", "-o", path)
    assert report.exit_code == 2
    assert report.stderr == (
        f"error: -o {path} holds an influence/v1 account: it would be overwritten; write to another file\n"
    )
    generated = run("generate", "--people", "5", "-o", path)
    assert generated.exit_code == 2
    assert generated.stderr == (
        f"error: {path}: holds an influence/v1 account; generate to another file, or give --force to replace it\n"
    )
    assert path.read_bytes() == before


@pytest.mark.parametrize("name", ["gaps.json", "gaps.md", "notes.yaml"])
def test_reports_and_other_files_are_not_taken_for_accounts(run, tmp_path, name):
    path = tmp_path / name
    assert run("gaps", EXAMPLES / "uralmet.yaml", "-o", path).exit_code == 0
    assert not holds_account(path)
    assert run("gaps", EXAMPLES / "uralmet.yaml", "-o", path).exit_code == 0  # a report replaced by a report
    path.write_text('{"format": "influence/v2", "note": "influence/v1"}', encoding="utf-8")
    assert not holds_account(path)


# --- a refusal about the file is an error line, not a usage error -----------------------------------


def test_a_refusal_about_the_file_has_no_usage_line_while_a_wrong_option_keeps_it(run, tmp_path):
    target = _uncommented(tmp_path)
    refused = _plan(run, EXAMPLES / "new-account.yaml", target)
    assert (refused.exit_code, refused.stdout, refused.stderr) == (
        2,
        "",
        REFUSED.format(file=target, held="uralmet"),
    )
    wrong = _plan(run, EXAMPLES / "new-account.yaml", target, "--forse")
    assert (wrong.exit_code, wrong.stderr) == (
        2,
        "Usage: cli plan [OPTIONS] SOURCE\nTry 'cli plan --help' for help.\n\n"
        "Error: No such option '--forse'. (Did you mean one of: '--force', '--format'?)\n",
    )


def test_plan_apply_says_the_refusal_in_the_language_its_source_names(run, tmp_path):
    """The account is not read yet: its file's ``language: ru`` line says the language."""
    target = _uncommented(tmp_path, "nordchem.yaml", "new-account.yaml")
    source = EXAMPLES / "uralmet-ru.yaml"
    result = _plan(run, source, target)
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        RU_REFUSED.format(file=target, held="nordchem"),
    )
    english = _plan(run, source, target, "--lang", "en")  # --lang comes first
    assert english.stderr == REFUSED.format(file=target, held="nordchem")


def test_the_comments_refusal_is_said_in_the_language_of_the_file(run, tmp_path):
    source = tmp_path / "ru.yaml"
    source.write_bytes((EXAMPLES / "uralmet-ru.yaml").read_bytes())
    result = _plan(run, source, source)
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        f"ошибка: -o {source} содержит комментарии YAML, которые пропадут при записи файла заново; ничего "
        "не записано: запишите результат в другой файл и перенесите в него комментарии или добавьте "
        "--force, чтобы их удалить\n",
    )


def test_import_xlsx_says_the_refusal_in_the_imported_accounts_language(run, tmp_path):
    book = tmp_path / "ru.xlsx"
    assert run("export", "xlsx", EXAMPLES / "uralmet-ru.yaml", "-o", book).exit_code == 0
    target = _uncommented(tmp_path, "nordchem.yaml", "new-account.yaml")
    result = run("import", "xlsx", book, "-o", target)
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        RU_REFUSED.format(file=target, held="nordchem"),
    )


def test_import_over_another_account_s_commented_file_names_the_account_first(run, tmp_path):
    """It spoke only of the comments, and its --force advice would have replaced another account."""
    import shutil

    workbook = tmp_path / "u.xlsx"
    assert run("export", "xlsx", EXAMPLES / "uralmet.yaml", "-o", workbook).exit_code == 0
    target = tmp_path / "nacc.yaml"
    shutil.copy(EXAMPLES / "new-account.yaml", target)  # account 'nordchem', with comments
    result = run("import", "xlsx", workbook, "-o", target)
    assert (result.exit_code, result.stderr) == (
        2,
        f"error: -o {target} holds account 'nordchem': it would be replaced; nothing written: "
        "write to another file, or give --force to replace it\n",
    )
