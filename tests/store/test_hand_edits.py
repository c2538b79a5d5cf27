"""A graph edited in Neo4j outside influence is never overwritten silently: a push that
would undo the edit is refused like a version conflict (``--force`` overwrites it), and a
file pulled after the edit, with the user's changes merged in, pushes as the next version."""

from __future__ import annotations

import shutil

import yaml

from influence.store.neo4j import Neo4jStore
from tests.conftest import EXAMPLES

A = "uralmet"
STANCE = "MATCH (p:Person {account: $a, id: 'kozlov'}) SET p.stance = 1"
REFUSED = "error: account 'uralmet' was edited in Neo4j outside influence since version 1, "


def _stance(store) -> object:
    with store._session() as session:
        return session.run("MATCH (p:Person {account: $a, id: 'kozlov'}) RETURN p.stance AS s", a=A).single()[
            "s"
        ]


def _edit(store, query: str = STANCE) -> None:
    with store._session() as session:
        assert session.run(query, a=A).consume().counters.contains_updates


def _pulled(run, env, tmp_path, name: str = "c.yaml"):
    path = tmp_path / name
    result = run("db", "pull", A, "-o", path, "--force", env=env)
    assert result.exit_code == 0, result.stderr
    return path


def _renamed(path, name: str) -> None:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc["account"]["name"] = name
    path.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _first_push(neo4j_store, neo4j_env, run, tmp_path):
    source = tmp_path / "u.yaml"
    shutil.copy(EXAMPLES / "uralmet.yaml", source)
    assert run("db", "push", source, env=neo4j_env).exit_code == 0
    before = _stance(neo4j_store)
    assert before != 1
    return _pulled(run, neo4j_env, tmp_path), before


def test_the_same_file_over_a_hand_edit_is_refused_not_unchanged(neo4j_store, neo4j_env, run, tmp_path):
    pulled, _ = _first_push(neo4j_store, neo4j_env, run, tmp_path)
    _edit(neo4j_store)
    again = run("db", "push", pulled, "-m", "x", env=neo4j_env)
    assert again.exit_code == 2
    assert again.stderr.startswith(REFUSED + "and your push would overwrite that edit (people 'kozlov').\n")
    assert "--force" in again.stderr and "unchanged" not in again.stdout
    assert _stance(neo4j_store) == 1  # the edit is still there
    assert [v.version for v in neo4j_store.history(A)] == [1]


def test_an_edited_file_over_a_hand_edit_is_refused(neo4j_store, neo4j_env, run, tmp_path):
    pulled, _ = _first_push(neo4j_store, neo4j_env, run, tmp_path)
    _edit(neo4j_store)
    _renamed(pulled, "UralMet 2027")
    again = run("db", "push", pulled, "-m", "x", env=neo4j_env)
    assert again.exit_code == 2 and again.stderr.startswith(REFUSED)
    assert _stance(neo4j_store) == 1 and neo4j_store.pull(A).info.name != "UralMet 2027"


def test_pull_merge_and_push_keeps_the_hand_edit(neo4j_store, neo4j_env, run, tmp_path):
    _first_push(neo4j_store, neo4j_env, run, tmp_path)
    _edit(neo4j_store)
    fresh = _pulled(run, neo4j_env, tmp_path, "fresh.yaml")
    _renamed(fresh, "UralMet 2027")
    pushed = run("db", "push", fresh, "-m", "merged", env=neo4j_env)
    assert pushed.exit_code == 0, pushed.stderr
    assert "as version 2" in pushed.stdout
    account = neo4j_store.pull(A)
    assert account.info.name == "UralMet 2027" and _stance(neo4j_store) == 1
    assert account.base_version == 2


def test_force_overwrites_the_hand_edit_as_a_new_version(neo4j_store, neo4j_env, run, tmp_path):
    pulled, before = _first_push(neo4j_store, neo4j_env, run, tmp_path)
    _edit(neo4j_store)
    forced = run("db", "push", pulled, "--force", "-m", "undo", env=neo4j_env)
    assert forced.exit_code == 0, forced.stderr
    assert "as version 2" in forced.stdout  # something was written: never "unchanged"
    assert _stance(neo4j_store) == before
    assert [v.version for v in neo4j_store.history(A)] == [2, 1]


def test_without_apoc_the_graph_is_compared_with_the_stored_version(
    neo4j_store, neo4j_env, run, tmp_path, monkeypatch
):
    pulled, _ = _first_push(neo4j_store, neo4j_env, run, tmp_path)
    monkeypatch.setattr(Neo4jStore, "has_fingerprints", property(lambda self: False))
    _edit(neo4j_store)
    _renamed(pulled, "UralMet 2027")
    again = run("db", "push", pulled, env=neo4j_env)
    assert again.exit_code == 2 and again.stderr.startswith(REFUSED)
    assert _stance(neo4j_store) == 1
