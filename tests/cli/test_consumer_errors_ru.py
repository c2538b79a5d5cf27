"""Errors of the commands that compare and gather accounts (diff, portfolio) are said in ``--lang``."""

from __future__ import annotations

import json

ACME = {"format": "influence/v1", "account": {"id": "acme", "name": "Acme"}}
OTHER = {"format": "influence/v1", "account": {"id": "other", "name": "O"}}


def test_a_diff_of_two_accounts_is_refused_in_russian(run, write):
    old, other = write(json.dumps(ACME), "old.json"), write(json.dumps(OTHER), "other.json")
    result = run("diff", old, other, "--lang", "ru")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "ошибка: BEFORE — клиент 'acme', а AFTER — клиент 'other': сравнивать можно только две версии одного клиента\n"
    )
    english = run("diff", old, other)
    assert english.stderr == (
        "error: BEFORE is account 'acme' and AFTER is account 'other': a diff compares two versions of one account\n"
    )


def test_a_diff_of_two_accounts_is_refused_in_after_s_language(run, write):
    """Without --lang, the refusal speaks the language the diff itself would (AFTER's)."""
    russian = {**OTHER, "account": {**OTHER["account"], "language": "ru"}}
    old, after = write(json.dumps(ACME), "old.json"), write(json.dumps(russian), "after.json")
    result = run("diff", old, after)
    assert (result.exit_code, result.stderr) == (
        2,
        "ошибка: BEFORE — клиент 'acme', а AFTER — клиент 'other': сравнивать можно только две версии одного клиента\n",
    )
    backwards = run("diff", after, old)
    assert (backwards.exit_code, backwards.stderr) == (
        2,
        "error: BEFORE is account 'other' and AFTER is account 'acme': a diff compares two versions of one account\n",
    )


def test_a_portfolio_of_an_empty_folder_is_refused_in_russian(run, tmp_path):
    (tmp_path / "notes.txt").write_text("no accounts here", encoding="utf-8")
    result = run("portfolio", tmp_path, "--lang", "ru")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"ошибка: {tmp_path}: в этой папке нет файлов клиентов (.yaml, .yml, .json)\n"
    english = run("portfolio", tmp_path)
    assert english.stderr == f"error: {tmp_path}: no account files (.yaml, .yml, .json) in this folder\n"


def test_a_full_disk_is_said_in_russian(run, tmp_path):
    from tests.conftest import EXAMPLES

    args = ("gaps", EXAMPLES / "uralmet.yaml", "-o", "/dev/full", "--format", "json", "--as-of", "2026-11-27")
    russian = run(*args, "--lang", "ru")
    assert (russian.exit_code, russian.stderr) == (
        2,
        "ошибка: /dev/full: не удаётся записать: на диске нет места\n",
    )
    english = run(*args)
    assert (english.exit_code, english.stderr) == (
        2,
        "error: /dev/full: cannot write: No space left on device\n",
    )
    missing = run(*args[:3], tmp_path / "no" / "x.json", "--lang", "ru")
    assert missing.stderr == (
        f"ошибка: {tmp_path}/no/x.json: папка '{tmp_path}/no' не существует; "
        f"сначала создайте её (mkdir -p {tmp_path}/no)\n"
    )
