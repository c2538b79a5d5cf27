"""Versions in Neo4j, history, and no lost update -- against a real Neo4j 5 server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from influence.errors import ConflictError
from influence.loading import load_file
from tests.conftest import EXAMPLES, ROOT

AS_OF = "2026-11-27"


def _pull(run, env, account: str, path: Path) -> Path:
    result = run("db", "pull", account, "-o", path, env=env)
    assert result.exit_code == 0, result.stderr
    return path


def _edit(path: Path, change) -> Path:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _add_person(pid: str):
    return lambda doc: doc["people"].append({"id": pid, "name": pid.title(), "roles": ["influencer"]})


def test_versions_history_and_reading_an_earlier_version(neo4j_store, neo4j_env, run, tmp_path):
    v1, v2 = EXAMPLES / "uralmet.yaml", EXAMPLES / "uralmet-2027q1.yaml"
    first = run("db", "push", v1, "-m", "November review", "--author", "olga", env=neo4j_env)
    assert first.stdout == (
        f"{v1}: pushed account 'uralmet' as version 1 (122 nodes and relationships); {v1} has no base_version"
        " line: add 'base_version: 1' at its top (or pull the account) before pushing it again\n"
    )
    again = run("db", "push", v1, env=neo4j_env)
    assert again.stdout == f"{v1}: account 'uralmet' unchanged (version 1); no new version\n"
    mine = _pull(run, neo4j_env, "uralmet", tmp_path / "mine.yaml")
    assert yaml.safe_load(mine.read_text(encoding="utf-8"))["base_version"] == 1
    q1 = tmp_path / "q1.yaml"
    q1.write_text("base_version: 1\n" + v2.read_text(encoding="utf-8"), encoding="utf-8")
    second = run("db", "push", q1, "-m", "Q1: Sokolov covered", "--author", "dmitry", env=neo4j_env)
    assert second.exit_code == 0, second.stderr
    assert second.stdout.endswith(f"; {q1} is now based on version 2\n")
    assert q1.read_text(encoding="utf-8").startswith("base_version: 2\n")  # only the number changed

    history = json.loads(run("db", "history", "uralmet", "--format", "json", env=neo4j_env).stdout)
    assert [(h["version"], h["author"], h["message"]) for h in history] == [
        (2, "dmitry", "Q1: Sokolov covered"),
        (1, "olga", "November review"),
    ]
    table = run("db", "history", "uralmet", env=neo4j_env).stdout.splitlines()
    assert table[0].split() == ["VERSION", "PUSHED_AT", "AUTHOR", "MESSAGE"]
    assert table[1].split()[0] == "2" and table[1].endswith("dmitry  Q1: Sokolov covered")

    gaps = ("gaps", "--as-of", AS_OF, "--format", "json")
    old = run(*gaps, "neo4j:uralmet@1", env=neo4j_env)
    assert old.exit_code == 0, old.stderr
    assert old.stdout == run(*gaps, v1).stdout  # byte-identical to the file pushed as version 1
    assert run(*gaps, "neo4j:uralmet", env=neo4j_env).stdout == run(*gaps, v2).stdout
    csv = ("--as-of", AS_OF, "--format", "csv")
    portfolio = run("portfolio", "neo4j:uralmet@1", "neo4j:uralmet", *csv, env=neo4j_env)
    assert portfolio.exit_code == 0, portfolio.stderr
    assert [row.split(",")[0] for row in portfolio.stdout.splitlines()[1:]] == [
        "neo4j:uralmet@1",
        "neo4j:uralmet",
    ]
    diff = run(
        "diff", "neo4j:uralmet@1", "neo4j:uralmet", "--as-of", AS_OF, "--format", "json", env=neo4j_env
    )
    assert diff.exit_code == 0, diff.stderr
    assert diff.stdout == run("diff", v1, v2, "--as-of", AS_OF, "--format", "json").stdout


def test_a_refusal_names_a_long_message_and_author_cut_to_a_line(neo4j_store, neo4j_env, run, tmp_path):
    """A push message of 100 KB (meeting notes pasted in) made every later refusal 100 KB long."""
    run("db", "push", EXAMPLES / "uralmet.yaml", env=neo4j_env)
    anna = _edit(_pull(run, neo4j_env, "uralmet", tmp_path / "anna.yaml"), _add_person("anna-x"))
    boris = _edit(_pull(run, neo4j_env, "uralmet", tmp_path / "boris.yaml"), _add_person("boris-x"))
    notes, author = "meeting notes " * 8000, "a" * 300
    assert run("db", "push", anna, "--author", author, "-m", notes, env=neo4j_env).exit_code == 0
    stale = run("db", "push", boris, env=neo4j_env)
    assert stale.exit_code == 2
    since = stale.stderr.splitlines()[1]
    assert since.startswith(f"  pushed since: version 2 by {author[:100]}… at ")
    assert since.endswith(f' UTC ("{notes[:100]}…")')
    assert len(stale.stderr) < 1000
    assert neo4j_store.history("uralmet")[0].message == notes  # kept whole, shown whole by db history


def test_stale_push_is_refused_and_force_overrides(neo4j_store, neo4j_env, run, tmp_path):
    run("db", "push", EXAMPLES / "uralmet.yaml", "--author", "olga", env=neo4j_env)
    anna = _edit(_pull(run, neo4j_env, "uralmet", tmp_path / "anna.yaml"), _add_person("anna-x"))
    boris = _edit(_pull(run, neo4j_env, "uralmet", tmp_path / "boris.yaml"), _add_person("boris-x"))
    ok = run("db", "push", anna, "--author", "anna", "-m", "added Anna X", env=neo4j_env)
    assert ok.exit_code == 0, ok.stderr
    stale = run("db", "push", boris, "--author", "boris", env=neo4j_env)
    assert stale.exit_code == 2
    lines = stale.stderr.splitlines()
    assert lines[0] == "error: account 'uralmet' changed since version 1, which your file is based on."
    assert lines[1].startswith("  pushed since: version 2 by anna at ")
    assert lines[1].endswith(' UTC ("added Anna X")')
    assert lines[2].startswith("Nothing was written. To resolve: pull the current version")
    assert "--force" in lines[2]
    assert {p.id for p in neo4j_store.pull("uralmet").people} >= {"anna-x"}
    no_base = tmp_path / "no-base.yaml"
    no_base.write_text((EXAMPLES / "uralmet-2027q1.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    refused = run("db", "push", no_base, env=neo4j_env)
    assert refused.exit_code == 2
    assert "already exists with other content (version 2), and the file has no base_version" in refused.stderr
    forced = run("db", "push", boris, "--force", env=neo4j_env)
    assert forced.exit_code == 0, forced.stderr
    people = {p.id for p in neo4j_store.pull("uralmet").people}
    assert "boris-x" in people and "anna-x" not in people
    assert [v.version for v in neo4j_store.history("uralmet")] == [3, 2, 1]


def test_push_of_several_files_with_one_account_writes_nothing(neo4j_store, neo4j_env, run):
    files = [EXAMPLES / "new-account.yaml", EXAMPLES / "uralmet.yaml", EXAMPLES / "uralmet-ru.yaml"]
    result = run("db", "push", *files, env=neo4j_env)
    assert result.exit_code == 2
    assert result.stderr == (
        "error: several files hold the same account; nothing was pushed: account 'uralmet' is in "
        f"{files[1]}, {files[2]} (push one file per account)\n"
    )
    assert neo4j_store.list() == []


PUSHER = """
import sys, time
from influence.cli import main
time.sleep(max(0.0, float(sys.argv[3]) - time.time()))  # both start pushing at the same moment
main(["db", "push", sys.argv[1], "--author", sys.argv[2]])
"""


@pytest.mark.parametrize("existing", [True, False], ids=["existing-account", "new-account"])
def test_two_concurrent_pushes_one_wins_whole(neo4j_store, neo4j_env, run, tmp_path, existing):
    if existing:
        run("db", "push", EXAMPLES / "uralmet.yaml", env=neo4j_env)
    files = {}
    for who in ("anna", "boris"):
        copy = tmp_path / f"{who}.yaml"
        if existing:
            _pull(run, neo4j_env, "uralmet", copy)
        else:
            copy.write_text((EXAMPLES / "uralmet.yaml").read_text(encoding="utf-8"), encoding="utf-8")
        files[who] = _edit(copy, lambda doc, who=who: [_add_person(f"{who}-{i}")(doc) for i in range(40)])
    env = {**os.environ, **neo4j_env, "PYTHONPATH": str(ROOT)}
    start = time.time() + 6  # after both processes have imported influence
    procs = {
        who: subprocess.Popen(
            [sys.executable, "-c", PUSHER, str(path), who, str(start)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for who, path in files.items()
    }
    outcome = {who: (p.wait(timeout=240), p.stderr.read()) for who, p in procs.items()}
    codes = sorted(code for code, _ in outcome.values())
    assert codes == [0, 2], outcome
    winner = next(who for who, (code, _) in outcome.items() if code == 0)
    loser = next(who for who, (code, _) in outcome.items() if code == 2)
    refusal = (
        "error: account 'uralmet' changed since version 1"
        if existing
        else "error: account 'uralmet' already exists with other content (version 1)"
    )
    assert (
        refusal in outcome[loser][1]
        or "another push of this account ran at the same moment" in outcome[loser][1]
    )
    current = neo4j_store.pull("uralmet")
    assert current == load_file(
        files[winner]
    )  # whole: every one of the winner's 40 people, none of the loser's
    assert not any(p.id.startswith(loser) for p in current.people)
    assert [v.version for v in neo4j_store.history("uralmet")] == ([2, 1] if existing else [1])


def test_library_conflict_error(neo4j_store):
    neo4j_store.push(load_file(EXAMPLES / "uralmet.yaml"))
    with pytest.raises(ConflictError, match="already exists with other content"):
        neo4j_store.push(load_file(EXAMPLES / "uralmet-2027q1.yaml"))


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("neo4j:uralmet@7", "error: account 'uralmet' has no version 7 (versions 1 to 1)\n"),
        ("neo4j:ghost@1", "error: no account 'ghost' in Neo4j at {uri}\n"),
        ("neo4j:ghost", "error: no account 'ghost' in Neo4j at {uri}\n"),
        (
            "neo4j:x@",
            "error: neo4j:x@: the version after '@' must be a whole number from 1, got nothing "
            "(e.g. neo4j:x@1; influence db history x lists them)\n",
        ),
        (
            "neo4j:x@abc",
            "error: neo4j:x@abc: the version after '@' must be a whole number from 1, got 'abc' "
            "(e.g. neo4j:x@1; influence db history x lists them)\n",
        ),
        (
            "neo4j:x@0",
            "error: neo4j:x@0: the version after '@' must be a whole number from 1, got '0' "
            "(e.g. neo4j:x@1; influence db history x lists them)\n",
        ),
        (
            "neo4j:@2",
            "error: neo4j:@2: no account id after 'neo4j:' (expected neo4j:ACCOUNT or neo4j:ACCOUNT@VERSION)\n",
        ),
    ],
)
def test_bad_sources(neo4j_store, neo4j_env, run, source, message):
    neo4j_store.push(load_file(EXAMPLES / "uralmet.yaml"))
    result = run("gaps", source, env=neo4j_env)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == message.format(uri=neo4j_env["NEO4J_URI"])


def test_bad_history_and_since(neo4j_store, neo4j_env, run, tmp_path):
    neo4j_store.push(load_file(EXAMPLES / "uralmet.yaml"))
    neo4j_store.push(load_file(EXAMPLES / "new-account.yaml"))
    missing = run("db", "history", "ghost", env=neo4j_env)
    assert (missing.exit_code, missing.stderr) == (
        2,
        f"error: no account 'ghost' in Neo4j at {neo4j_env['NEO4J_URI']}\n",
    )
    other = run(
        "review", "neo4j:uralmet", "-o", tmp_path / "pack", "--since", "neo4j:nordchem@1", env=neo4j_env
    )
    assert other.exit_code == 2
    assert other.stderr == (
        "error: --since neo4j:nordchem@1: is account 'nordchem', not 'uralmet' "
        "(it must be an earlier version of the same account)\n"
    )
    assert not (tmp_path / "pack").exists()


def test_account_pushed_before_history_gets_version_1(neo4j_store):
    account = load_file(EXAMPLES / "uralmet.yaml")
    neo4j_store.push(account)
    with neo4j_store._session() as session:  # as a push made before versions were kept left it
        session.run("MATCH (v:AccountVersion) DETACH DELETE v").consume()
        session.run("MATCH (a:Account {account: 'uralmet'}) REMOVE a.version").consume()
    assert neo4j_store.history("uralmet") == []
    assert neo4j_store.pull("uralmet").base_version is None
    with pytest.raises(ConflictError, match="a version pushed before history"):
        neo4j_store.push(load_file(EXAMPLES / "uralmet-2027q1.yaml"))
    result = neo4j_store.push(account)  # the same content: accepted, and history starts
    assert (result.version, result.created) == (1, True)
    assert neo4j_store.pull("uralmet").base_version == 1


def test_a_hand_deleted_account_node_numbers_on_from_its_stored_versions(neo4j_store):
    """Deleting the Account node in Neo4j Browser leaves the snapshots: the next push is version 3, not 1."""
    neo4j_store.push(load_file(EXAMPLES / "uralmet.yaml"))
    neo4j_store.push(load_file(EXAMPLES / "uralmet-2027q1.yaml"), force=True)
    with neo4j_store._session() as session:
        session.run("MATCH (a:Account {account: 'uralmet'}) DETACH DELETE a").consume()
    result = neo4j_store.push(load_file(EXAMPLES / "uralmet.yaml"))
    assert (result.version, result.created) == (3, True)
    assert [v.version for v in neo4j_store.history("uralmet")] == [3, 2, 1]
    assert neo4j_store.pull("uralmet", 2).id == "uralmet"


def test_a_refused_push_of_a_russian_account_says_so_in_russian(neo4j_store, neo4j_env, run, tmp_path):
    """The account's language (or --lang) is the conflict's: a Russian team reads why nothing was written."""
    run("db", "push", EXAMPLES / "uralmet-ru.yaml", "--author", "olga", env=neo4j_env)
    anna = _edit(_pull(run, neo4j_env, "uralmet", tmp_path / "anna.yaml"), _add_person("anna-x"))
    boris = _edit(_pull(run, neo4j_env, "uralmet", tmp_path / "boris.yaml"), _add_person("boris-x"))
    assert run("db", "push", anna, "--author", "anna", "-m", "Анна", env=neo4j_env).exit_code == 0
    stale = run("db", "push", boris, "--author", "boris", env=neo4j_env)
    lines = stale.stderr.splitlines()
    assert (stale.exit_code, lines[0]) == (
        2,
        "ошибка: клиент 'uralmet' изменился после версии 1, на которой основан ваш файл.",
    )
    assert lines[1].startswith("  с тех пор записана: версия 2, автор anna, ") and lines[1].endswith(
        ' UTC ("Анна")'
    )
    assert lines[2].startswith("Ничего не записано. Чтобы разрешить конфликт, выгрузите текущую версию")
    english = run("db", "push", boris, "--author", "boris", "--lang", "en", env=neo4j_env)
    assert (
        english.stderr.splitlines()[0]
        == "error: account 'uralmet' changed since version 1, which your file is based on."
    )


def test_store_errors_take_the_language_of_lang(neo4j_env, run):
    missing = run("db", "pull", "uralmt", "-o", "-", "--lang", "ru", env=neo4j_env)
    assert missing.exit_code == 2
    assert missing.stderr.startswith("ошибка: клиента 'uralmt' нет в Neo4j по адресу ")
    assert missing.stderr.rstrip().endswith("(возможно, имелось в виду 'uralmet'?)")
    unreachable = run("db", "list", "--lang", "ru", env={**neo4j_env, "NEO4J_URI": "bolt://127.0.0.1:1"})
    assert (
        unreachable.exit_code,
        unreachable.stderr.startswith(
            "ошибка: не удаётся подключиться к Neo4j по адресу bolt://127.0.0.1:1: "
        ),
    ) == (2, True)
