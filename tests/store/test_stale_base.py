"""A push that finds the file equal to the current version N makes no version, and sets the
file's base_version to N, as a push that makes a version does: the next edit of that file
is based on the version it holds, not refused as a conflict."""

from __future__ import annotations

import yaml

from influence.loading import load_file
from tests.store.helpers import account_doc, write_doc

A = "sb"


def _doc(*people: str, base: int | None = None) -> dict:
    return account_doc(A, "Stale base", *people, base=base)


def _base(path) -> int:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["base_version"]


def test_the_same_edit_pushed_twice_rebases_the_second_file(neo4j_store, neo4j_env, run, tmp_path):
    first = write_doc(tmp_path / "first.yaml", _doc("ann"))
    assert run("db", "push", first, env=neo4j_env).exit_code == 0
    a = write_doc(tmp_path / "a.yaml", _doc("ann", "bea", base=1))
    b = write_doc(tmp_path / "b.yaml", _doc("ann", "bea", base=1))
    assert run("db", "push", a, env=neo4j_env).exit_code == 0 and _base(a) == 2
    same = run("db", "push", b, env=neo4j_env)
    assert same.exit_code == 0, same.stderr
    assert same.stdout == (
        f"{b}: account '{A}' unchanged (version 2); no new version; {b} is now based on version 2\n"
    )
    assert _base(b) == 2
    write_doc(b, _doc("ann", "bea", "cy", base=2))  # B's next edit is based on version 2
    edited = run("db", "push", b, env=neo4j_env)
    assert edited.exit_code == 0, edited.stderr
    assert "as version 3" in edited.stdout


def test_a_retry_after_a_push_that_landed_rebases_the_file(neo4j_store, neo4j_env, run, tmp_path):
    """The connection dropped as the push committed: the store holds version 2, the file still
    says 1. Pushing it again finds it unchanged and sets its base_version."""
    first = write_doc(tmp_path / "first.yaml", _doc("ann"))
    assert run("db", "push", first, env=neo4j_env).exit_code == 0
    mine = write_doc(tmp_path / "mine.yaml", _doc("ann", "bea", base=1))
    neo4j_store.push(load_file(mine))  # it landed, but the file was not rebased
    assert _base(mine) == 1
    retry = run("db", "push", mine, env=neo4j_env)
    assert retry.exit_code == 0, retry.stderr
    assert "unchanged (version 2)" in retry.stdout and _base(mine) == 2
    again = run("db", "push", mine, env=neo4j_env)  # and the rebased file is recognised as pushed
    assert again.stdout == f"{mine}: account '{A}' unchanged (version 2); no new version\n"
