"""The push's fast paths: a new account in one statement, and the check that lets an
unchanged re-push write nothing. Every hand edit of the graph, however small (a type,
a stray node, an extra property or relationship), is seen: a re-push that would lose it is
refused, and one that loses nothing, or --force, makes the graph the file again as a new version."""

from __future__ import annotations

import dataclasses

import pytest

from influence.errors import ConflictError
from influence.loading import load_file
from influence.store.neo4j import _canonical, _same
from tests.conftest import EXAMPLES

A = "uralmet"
UNCOMPARED = ("pushed_at", "revision", "push_digest", "graph_fingerprint", "version")


def snapshot(store, account: str):
    """Every node and relationship of one account with each value's type (1, 1.0, True and a date's
    text all differ), sorted; the Account node's push records (time, count of graph writes, file
    digest, fingerprint, version number) and the stored versions left out."""
    with store._session() as session:
        nodes = session.run(
            "MATCH (n) WHERE n.account = $a AND NOT n:AccountVersion RETURN labels(n) AS l, properties(n) AS p",
            a=account,
        ).values()
        rels = session.run(
            "MATCH (a)-[r]->(b) WHERE a.account = $a "
            "RETURN labels(a), a.id, type(r), labels(b), b.account, b.id, properties(r)",
            a=account,
        ).values()

    def exact(props):
        return sorted((k, repr(v)) for k, v in props.items() if k not in UNCOMPARED)

    return sorted(repr([n[0], exact(n[1])]) for n in nodes), sorted(
        repr([*r[:-1], exact(r[-1])]) for r in rels
    )


HAND_EDITS = {
    "relationship property": "MATCH (:Person {account: $a})-[r:INFLUENCES]->() WITH r LIMIT 1 SET r.strength = 0.01",
    "relationship property removed": "MATCH (:Person {account: $a})-[r:INFLUENCES]->() WITH r LIMIT 1 REMOVE r.strength",
    "boolean made an integer": "MATCH (p:Person {account: $a}) WHERE p.private = false WITH p LIMIT 1 SET p.private = 0",
    "integer made a float": "MATCH (p:Person {account: $a}) WHERE p.idx = 1 SET p.idx = 1.0",
    "date made text": "MATCH (t:Tender {account: $a}) WITH t LIMIT 1 SET t.submission = toString(t.submission)",
    "extra node property": "MATCH (p:Person {account: $a}) WITH p LIMIT 1 SET p.note_by_hand = 'x'",
    "extra Account property": "MATCH (n:Account {account: $a}) SET n.hand = 1",
    "stray node": "CREATE (:Person {account: $a, id: 'stray', name: 'Stray'})",
    "node deleted": "MATCH (p:Person {account: $a}) WITH p ORDER BY p.idx DESC LIMIT 1 DETACH DELETE p",
    "extra relationship": (
        "MATCH (a:Person {account: $a}), (b:Person {account: $a}) WITH a, b LIMIT 1 CREATE (a)-[:FRIEND]->(b)"
    ),
    "relationship to another account": (
        "MATCH (p:Person {account: $a}) WITH p LIMIT 1 MERGE (o:Person {account: 'elsewhere', id: 'o'}) "
        "CREATE (p)-[:FRIEND {idx: 0}]->(o)"
    ),
    "extra label on a person": "MATCH (p:Person {account: $a})-[:REPORTS_TO]->() WITH p LIMIT 1 SET p:Vip",
    "extra label on a unit with people in it": (
        "MATCH (u:Unit {account: $a})<-[:WORKS_IN]-() WITH DISTINCT u LIMIT 1 SET u:Hot"
    ),
    "relationship deleted": "MATCH (:Person {account: $a})-[r:WORKS_IN]->() WITH r LIMIT 1 DELETE r",
    "relationship moved": (
        "MATCH (p:Person {account: $a})-[r:WORKS_IN]->(u) WITH p, r, u LIMIT 1 "
        "MATCH (v:Unit {account: $a}) WHERE v <> u WITH p, r, v LIMIT 1 DELETE r CREATE (p)-[:WORKS_IN]->(v)"
    ),
}


#: hand edits that change nothing a pull reads: a re-push loses no content, and makes a new version
UNSEEN_BY_PULL = (
    "integer made a float",
    "date made text",
    "relationship to another account",
)


@pytest.mark.parametrize("edit", HAND_EDITS, ids=list(HAND_EDITS))
def test_repush_over_a_hand_edit(neo4j_store, edit):
    account = load_file(EXAMPLES / "uralmet.yaml")
    neo4j_store.push(account)
    expected = snapshot(neo4j_store, A)
    with neo4j_store._session() as session:
        summary = session.run(HAND_EDITS[edit], a=A).consume()
    changed = summary.counters
    assert changed.contains_updates, "the hand edit changed nothing: the test would prove nothing"
    edited = snapshot(neo4j_store, A)
    assert edited != expected
    if edit in UNSEEN_BY_PULL:
        result = neo4j_store.push(account)
    else:
        with pytest.raises(ConflictError, match="edited in Neo4j outside influence since version 1"):
            neo4j_store.push(account)
        assert snapshot(neo4j_store, A) == edited  # nothing written
        result = neo4j_store.push(account, force=True)
    assert (result.version, result.created) == (2, True)  # the graph rewritten: a new version ...
    assert snapshot(neo4j_store, A) == expected  # ... and the graph is the file again
    assert neo4j_store.pull(A) == dataclasses.replace(account, base_version=2)


def test_unchanged_repush_writes_nothing(neo4j_store):
    account = load_file(EXAMPLES / "uralmet.yaml")
    neo4j_store.push(account)
    seen = []
    neo4j_store.push(account, progress=lambda step, done: seen.append(step))
    assert seen == []  # neither node nor relationship statements ran


def test_first_push_over_stray_nodes_of_the_account(neo4j_store):
    """Nodes of the account without its Account node (left by hand): a push still ends with exactly the file."""
    account = load_file(EXAMPLES / "uralmet.yaml")
    neo4j_store.push(account)
    expected = snapshot(neo4j_store, A)
    with neo4j_store._session() as session:
        session.run("MATCH (n:Account {account: $a}) DETACH DELETE n", a=A).consume()
        session.run("MATCH (n:AccountVersion {account: $a}) DETACH DELETE n", a=A).consume()
        session.run("CREATE (:Person {account: $a, id: 'stray'})", a=A).consume()
    neo4j_store.push(account)
    assert snapshot(neo4j_store, A) == expected
    assert neo4j_store.pull(A) == account


def test_first_push_is_one_statement_and_round_trips(neo4j_store):
    account = load_file(EXAMPLES / "uralmet-ru.yaml")
    seen = []
    neo4j_store.push(account, progress=lambda step, done: seen.append((step, done)))
    assert [step for step, _ in seen] == ["create_graph"]
    assert neo4j_store.pull(account.id) == account


def test_same_tells_types_apart():
    import datetime as dt

    from neo4j.time import Date

    assert _same([1, "a", [True]], [1, "a", [True]])
    assert not _same([1], [1.0]) and not _same([True], [1]) and not _same([0.0], [-0.0])
    assert _same([{"d": Date(2026, 1, 2)}], [{"d": dt.date(2026, 1, 2)}])
    assert not _same([{"d": "2026-01-02"}], [{"d": dt.date(2026, 1, 2)}])
    assert _canonical({"b": 1, "a": 2}) == _canonical({"a": 2, "b": 1})


def test_push_of_a_changed_file_over_a_hand_edit(neo4j_store):
    """A changed file goes straight to the diff, which also undoes what was edited by hand."""
    account = load_file(EXAMPLES / "uralmet.yaml")
    neo4j_store.push(account)
    with neo4j_store._session() as session:
        session.run(HAND_EDITS["stray node"], a=A).consume()
        session.run(HAND_EDITS["boolean made an integer"], a=A).consume()
    from influence.serialize import to_document
    from tests.analysis.helpers import make

    data = to_document(account)
    data["people"][0]["title"] = "Changed title"
    changed = make(data)
    result = neo4j_store.push(changed, force=True)
    assert (result.version, result.created) == (2, True)
    assert neo4j_store.pull(A) == changed
    with neo4j_store._session() as session:
        stray = session.run("MATCH (p:Person {account: $a, id: 'stray'}) RETURN count(p) AS n", a=A).single()
        ints = session.run(
            "MATCH (p:Person {account: $a}) WHERE p.private = 0 RETURN count(p) AS n", a=A
        ).single()
    assert stray["n"] == 0 and ints["n"] == 0
