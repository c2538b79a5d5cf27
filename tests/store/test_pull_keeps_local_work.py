"""``db pull ACCOUNT -o FILE`` replaces FILE only when that loses nothing -- against a real Neo4j 5 server.

The conflict message of a refused push says "pull the current version … -o FILE"; a user who pulls
into the file holding their edits must not lose them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import EXAMPLES
from tests.store.test_versions import _add_person, _edit, _pull


def _refused(result, path: Path, why: str) -> None:
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"error: {path}: {why}; pulling would overwrite it. Nothing was written: "
        "pull to another file and merge, or pull with --force to replace it.\n"
    )


@pytest.fixture
def pushed(neo4j_store, neo4j_env, run):
    result = run("db", "push", EXAMPLES / "uralmet.yaml", env=neo4j_env)
    assert result.exit_code == 0, result.stderr


def test_edits_not_pushed_are_kept(pushed, neo4j_env, run, tmp_path):
    mine = _edit(_pull(run, neo4j_env, "uralmet", tmp_path / "mine.yaml"), _add_person("anna-x"))
    before = mine.read_bytes()
    _refused(
        run("db", "pull", "uralmet", "-o", mine, env=neo4j_env),
        mine,
        "it has edits not pushed (it differs from version 1)",
    )
    assert mine.read_bytes() == before
    forced = run("db", "pull", "uralmet", "-o", mine, "--force", env=neo4j_env)
    assert forced.exit_code == 0, forced.stderr
    assert b"anna-x" not in mine.read_bytes()


def test_an_unedited_file_is_refreshed_even_when_others_pushed_since(pushed, neo4j_env, run, tmp_path):
    mine = _pull(run, neo4j_env, "uralmet", tmp_path / "mine.yaml")
    theirs = _edit(_pull(run, neo4j_env, "uralmet", tmp_path / "theirs.yaml"), _add_person("boris-x"))
    assert run("db", "push", theirs, env=neo4j_env).exit_code == 0
    again = run("db", "pull", "uralmet", "-o", mine, env=neo4j_env)
    assert again.exit_code == 0, again.stderr
    text = mine.read_text(encoding="utf-8")
    assert "boris-x" in text and "base_version: 2" in text
    assert run("db", "pull", "uralmet", "-o", mine, env=neo4j_env).exit_code == 0  # the same bytes again


def test_comments_another_account_and_a_broken_file_are_kept(pushed, neo4j_env, run, tmp_path):
    commented = tmp_path / "commented.yaml"
    commented.write_text(
        "# met the CIO on 12.11\n" + _pull(run, neo4j_env, "uralmet", commented).read_text(encoding="utf-8")
    )
    _refused(
        run("db", "pull", "uralmet", "-o", commented, env=neo4j_env),
        commented,
        "it holds comments, which a pulled file cannot keep",
    )
    other = tmp_path / "other.json"
    other.write_text(
        '{"format": "influence/v1", "account": {"id": "nordchem", "name": "N"}}', encoding="utf-8"
    )
    _refused(
        run("db", "pull", "uralmet", "-o", other, env=neo4j_env),
        other,
        "it holds account 'nordchem', not 'uralmet'",
    )
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: influence/v1\naccount: {id: uralmet}\n", encoding="utf-8")
    _refused(
        run("db", "pull", "uralmet", "-o", broken, env=neo4j_env),
        broken,
        "it is not a valid account file (work in progress?)",
    )
    assert broken.read_text(encoding="utf-8") == "format: influence/v1\naccount: {id: uralmet}\n"


def test_a_base_the_store_no_longer_holds(pushed, neo4j_env, run, tmp_path):
    mine = _pull(run, neo4j_env, "uralmet", tmp_path / "mine.yaml")
    mine.write_text(
        mine.read_text(encoding="utf-8").replace("base_version: 1", "base_version: 7"), encoding="utf-8"
    )
    _refused(
        run("db", "pull", "uralmet", "-o", mine, env=neo4j_env),
        mine,
        "it is based on version 7, which the store does not hold",
    )


def test_the_refusal_is_said_in_russian_for_a_russian_account_or_with_lang_ru(
    neo4j_store, neo4j_env, run, tmp_path
):
    """It was English even with --lang ru, and for an account that says language: ru."""
    assert run("db", "push", EXAMPLES / "uralmet-ru.yaml", env=neo4j_env).exit_code == 0
    mine = _edit(_pull(run, neo4j_env, "uralmet", tmp_path / "mine.yaml"), _add_person("anna-x"))
    said = (
        f"ошибка: {mine}: в нём есть правки, не записанные в хранилище (он отличается от версии 1); выгрузка "
        "затёрла бы его. Ничего не записано: выгрузите в другой файл и перенесите правки или выгрузите с "
        "--force, чтобы заменить его.\n"
    )
    for lang in ((), ("--lang", "ru")):
        result = run("db", "pull", "uralmet", "-o", mine, *lang, env=neo4j_env)
        assert (result.exit_code, result.stderr) == (2, said)
    english = run("db", "pull", "uralmet", "-o", mine, "--lang", "en", env=neo4j_env)
    assert english.stderr.startswith(f"error: {mine}: it has edits not pushed (it differs from version 1); ")


def test_an_edit_saved_while_pulling_is_not_overwritten(pushed, neo4j_env, run, tmp_path, monkeypatch):
    """The file is checked (nothing lost), then written: a save in between is refused, not lost."""
    import influence.atomic

    mine = _pull(run, neo4j_env, "uralmet", tmp_path / "mine.yaml")
    # a newer version stored since: the pull has something to write (an identical file is left alone)
    assert run("db", "push", EXAMPLES / "uralmet-2027q1.yaml", "--force", env=neo4j_env).exit_code == 0
    edited = mine.read_bytes().replace(b"UralMet Holding", b"UralMet Group")
    real = influence.atomic._replace_all

    def save_first(staged):
        mine.write_bytes(edited)
        real(staged)

    monkeypatch.setattr(influence.atomic, "_replace_all", save_first)
    result = run("db", "pull", "uralmet", "-o", mine, env=neo4j_env)
    assert (result.exit_code, result.stderr) == (
        2,
        f"error: {mine}: changed while this command ran; nothing written (run it again)\n",
    )
    assert mine.read_bytes() == edited


def test_a_file_already_up_to_date_is_left_as_it_is(pushed, neo4j_env, run, tmp_path):
    """Pulling again into a file that holds the same bytes does not rewrite it: its time stays."""
    import os

    mine = _pull(run, neo4j_env, "uralmet", tmp_path / "mine.yaml")
    os.utime(mine, ns=(1_000_000_000, 1_000_000_000))
    again = run("db", "pull", "uralmet", "-o", mine, env=neo4j_env)
    assert (again.exit_code, again.stderr) == (0, f"{mine}: already holds what was pulled; left as it is\n")
    assert os.stat(mine).st_mtime_ns == 1_000_000_000
