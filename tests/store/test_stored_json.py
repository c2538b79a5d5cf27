"""JSON text the store keeps (``x-`` keys, version snapshots), edited by hand into something
else, is a clear error naming the account, the node and the property; ``x-`` dates are one
text in the graph and the snapshot -- against a real Neo4j 5 server."""

from __future__ import annotations

import json

import pytest

from influence.errors import StoreError
from influence.loading import load_file
from influence.serialize import to_document
from tests.analysis.helpers import make

A = "hand"
DOC = {
    "format": "influence/v1",
    "account": {"id": A, "name": "Hand", "x-block": 1},
    "people": [{"id": "p1", "name": "P1", "stance": 0, "x-crm": "003A"}, {"id": "p2", "name": "P2"}],
    "links": [{"from": "p1", "to": "p2", "type": "friend", "x-seen": "2026-11-01"}],
    "x-top": "kept",
}

#: where a hand edit lands: (a statement that sets $value there, how the message names it)
PLACES = {
    "person": (
        "MATCH (n:Person {account: $a, id: 'p1'}) SET n.extras_json = $value",
        "property extras_json of the Person node 'p1'",
    ),
    "account": (
        "MATCH (n:Account {account: $a}) SET n.extras_json = $value",
        f"property extras_json of the Account node '{A}'",
    ),
    "account-block": (
        "MATCH (n:Account {account: $a}) SET n.block_extras_json = $value",
        f"property block_extras_json of the Account node '{A}'",
    ),
    "link": (
        "MATCH (:Person {account: $a, id: 'p1'})-[r:FRIEND]->() SET r.extras_json = $value",
        "property extras_json of the FRIEND relationship from Person 'p1' to 'p2'",
    ),
}
#: what a hand edit writes, and what the message says of it
BROKEN = {
    "bad-json": (
        "{bad",
        "is not valid JSON (Expecting property name enclosed in double quotes: line 1 column 2",
    ),
    "a-list": ("[1,2]", "holds a list, not a JSON object"),
    "a-number": (5, "is a number, not JSON text"),
    "other-keys": (
        '{"stance": 2, "roles": ["coach"], "x-ok": 1}',
        "holds keys that do not start with 'x-' ('stance', 'roles'), which would override its own fields",
    ),
}


def _edit(store, statement: str, **params) -> None:
    with store._session() as session:
        session.run(statement, a=A, **params).consume()


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("broken", BROKEN)
def test_broken_x_keys_are_a_store_error_naming_account_node_and_property(
    neo4j_store, neo4j_env, run, place, broken
):
    neo4j_store.push(make(DOC))
    statement, where = PLACES[place]
    value, problem = BROKEN[broken]
    _edit(neo4j_store, statement, value=value)
    for command in (("db", "pull", A), ("gaps", f"neo4j:{A}")):
        result = run(*command, env=neo4j_env)
        assert (result.exit_code, result.stdout) == (2, ""), command
        assert result.stderr.startswith(f"error: neo4j:{A}: {where} {problem}"), result.stderr
        assert result.stderr.endswith(
            "; it must be a JSON object of x- keys: repair or remove the property in Neo4j\n"
        )
        assert result.stderr.count("\n") == 1 and "internal error" not in result.stderr


def test_x_keys_never_override_a_stored_field(neo4j_store):
    """The tester's case: extras_json {"stance": 2, ...} on a person whose stance is 0 showed stance 2."""
    neo4j_store.push(make(DOC))
    _edit(neo4j_store, PLACES["person"][0], value='{"stance": 2, "roles": ["coach"]}')
    with pytest.raises(StoreError, match="'stance', 'roles'"):
        neo4j_store.pull(A)


@pytest.mark.parametrize(
    ("statement", "problem"),
    [
        ("SET v.document = '{bad'", "is not valid JSON (Expecting property name"),
        ("REMOVE v.document", "is missing"),
        ("SET v.document = 42", "is a number, not JSON text"),
        ("SET v.document = '[1]'", "holds a list, not a JSON object"),
    ],
    ids=["bad-json", "missing", "a-number", "a-list"],
)
def test_a_broken_version_snapshot_is_a_store_error_naming_it(
    neo4j_store, neo4j_env, run, statement, problem
):
    neo4j_store.push(make(DOC))
    _edit(neo4j_store, f"MATCH (v:AccountVersion {{account: $a, version: 1}}) {statement}")
    result = run("gaps", f"neo4j:{A}@1", env=neo4j_env)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith(
        f"error: neo4j:{A}@1: property document of the AccountVersion node of version 1 {problem}"
    )
    assert result.stderr.endswith(
        f": this stored version cannot be read (the others can: influence db history {A})\n"
    )
    assert result.stderr.count("\n") == 1


def test_an_x_date_and_time_is_the_same_text_in_the_graph_and_the_snapshot(
    neo4j_store, neo4j_env, run, write, tmp_path
):
    """``x-ts: 2026-01-01 10:00:00`` (a YAML timestamp) became "2026-01-01T10:00:00" in the
    snapshot but "2026-01-01 10:00:00" in the graph: a pull pushed back unchanged made version 2."""
    path = write(
        """
        format: influence/v1
        account: {id: xf, name: XF, x-when: 2026-01-01 10:00:00+03:00}
        people:
          - {id: p1, name: P1, x-ts: 2026-01-01 10:00:00, x-day: 2026-01-02}
        x-dates: [2026-01-01 10:00:00, 2026-01-03]
        """,
        "xf.yaml",
    )
    assert run("db", "push", path, env=neo4j_env).exit_code == 0
    with neo4j_store._session() as session:
        stored = session.run("MATCH (p:Person {account: 'xf', id: 'p1'}) RETURN p.extras_json AS x").single()[
            "x"
        ]
    assert json.loads(stored) == {"x-ts": "2026-01-01T10:00:00", "x-day": "2026-01-02"}
    assert to_document(neo4j_store.pull("xf", 1)) == {
        k: v for k, v in to_document(neo4j_store.pull("xf")).items() if k != "base_version"
    }
    pulled = tmp_path / "pulled.yaml"
    assert run("db", "pull", "xf", "-o", pulled, env=neo4j_env).exit_code == 0
    again = run("db", "push", pulled, env=neo4j_env)
    assert again.stdout == f"{pulled}: account 'xf' unchanged (version 1); no new version\n"
    assert load_file(pulled).people[0].extras["x-ts"] == "2026-01-01T10:00:00"


@pytest.mark.parametrize(
    ("broken", "said"),
    [
        ("a-number", "— число, а не текст JSON"),
        ("a-list", "содержит список, а не объект JSON"),
        (
            "other-keys",
            "содержит ключи, которые не начинаются с 'x-' ('stance', 'roles') и заменили бы собственные "
            "поля записи",
        ),
    ],
)
def test_broken_x_keys_are_said_in_russian_with_lang_ru(neo4j_store, neo4j_env, run, broken, said):
    neo4j_store.push(make(DOC))
    _edit(neo4j_store, PLACES["link"][0], value=BROKEN[broken][0])
    result = run("db", "pull", A, "--lang", "ru", env=neo4j_env)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"ошибка: neo4j:{A}: свойство extras_json связи FRIEND от Person 'p1' к 'p2' {said}; в нём должен "
        "быть объект JSON с ключами x-: исправьте или удалите это свойство в Neo4j\n"
    )
    english = run("db", "pull", A, env=neo4j_env).stderr
    assert english == (
        f"error: neo4j:{A}: property extras_json of the FRIEND relationship from Person 'p1' to 'p2' "
        f"{BROKEN[broken][1]}; it must be a JSON object of x- keys: repair or remove the property in Neo4j\n"
    )


def test_a_broken_version_snapshot_is_said_in_russian_with_lang_ru(neo4j_store, neo4j_env, run):
    neo4j_store.push(make(DOC))
    _edit(neo4j_store, "MATCH (v:AccountVersion {account: $a, version: 1}) REMOVE v.document")
    result = run("gaps", f"neo4j:{A}@1", "--lang", "ru", env=neo4j_env)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"ошибка: neo4j:{A}@1: свойство document узла AccountVersion версии 1 отсутствует: эту сохранённую "
        f"версию прочитать нельзя (остальные можно: influence db history {A})\n"
    )


def test_more_than_five_bad_keys_are_counted_in_both_languages(neo4j_store, neo4j_env, run):
    neo4j_store.push(make(DOC))
    keys = {f"k{i}": i for i in range(7)}
    _edit(neo4j_store, PLACES["person"][0], value=json.dumps(keys))
    shown = "'k0', 'k1', 'k2', 'k3', 'k4'"
    assert f"({shown} and 2 more)" in run("db", "pull", A, env=neo4j_env).stderr
    assert f"({shown} и ещё 2)" in run("db", "pull", A, "--lang", "ru", env=neo4j_env).stderr


def test_a_version_edited_by_hand_into_text_is_a_store_error_naming_it(neo4j_store, neo4j_env, run, tmp_path):
    """A push --force over it failed as an internal error (comparing a number with text); a read
    blamed the file's base_version."""
    neo4j_store.push(make(DOC))
    _edit(neo4j_store, "MATCH (a:Account {account: $a}) SET a.version = toString(a.version)")
    said = (
        f"error: neo4j:{A}: property version of the Account node '{A}' is text, not a whole number of at "
        f"least 1: set it in Neo4j to the last version influence db history {A} lists\n"
    )
    path = tmp_path / "hand.json"
    path.write_text(json.dumps(DOC), encoding="utf-8")
    for command in (("db", "push", path, "--force"), ("gaps", f"neo4j:{A}"), ("db", "pull", A)):
        result = run(*command, env=neo4j_env)
        assert (result.exit_code, result.stderr) == (2, said), command


def test_a_stored_versions_number_edited_into_text_is_a_store_error(neo4j_store, neo4j_env, run, tmp_path):
    """Numbering the next version compared a number with text: an internal error."""
    neo4j_store.push(make(DOC))
    _edit(neo4j_store, "MATCH (v:AccountVersion {account: $a}) SET v.version = toString(v.version)")
    changed = {**DOC, "people": [*DOC["people"], {"id": "p3", "name": "P3"}]}
    path = tmp_path / "next.json"
    path.write_text(json.dumps(changed), encoding="utf-8")
    result = run("db", "push", path, "--force", env=neo4j_env)
    assert (result.exit_code, result.stderr) == (
        2,
        f"error: neo4j:{A}: a stored version of the account (an AccountVersion or DeletedAccount node) holds "
        "a version that is text, not a whole number: repair it in Neo4j\n",
    )
