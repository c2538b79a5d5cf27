"""What a pull cannot put in a file is refused, naming it, never left out unsaid (the next
push would delete it): a node of the account without an id, a second unit or manager of a
person, a relationship type or a label influence does not keep. ``db delete`` removes every
node of the account, with an id or without."""

from __future__ import annotations

import pytest

from influence.errors import ConflictError
from influence.loading import load_file
from tests.conftest import EXAMPLES

A = "uralmet"

EDITS = {
    "node without id": (
        "MATCH (p:Person {account: $a, id: 'kozlov'}) "
        "CREATE (:Person {account: $a, name: 'Bob'})-[:INFLUENCES {strength: 0.9}]->(p)",
        "error: neo4j:uralmet: 1 node of the account has no id (Person 'Bob'): give it an id or delete it "
        "in Neo4j (influence db delete removes it too)\n",
    ),
    "id removed": (
        "MATCH (p:Person {account: $a, id: 'kozlov'}) REMOVE p.id",
        "error: neo4j:uralmet: 1 node of the account has no id (Person 'Alexey Kozlov'): give it an id or "
        "delete it in Neo4j (influence db delete removes it too)\n",
    ),
    "two units": (
        "MATCH (p:Person {account: $a, id: 'kozlov'})-[:WORKS_IN]->(u) "
        "MATCH (v:Unit {account: $a, id: 'holding-board'}) WHERE v <> u CREATE (p)-[:WORKS_IN]->(v)",
        "error: neo4j:uralmet: the Person node 'kozlov' has 2 WORKS_IN relationships (to 'holding-board', "
        "'{unit}'); its unit is one: delete all but one in Neo4j\n",
    ),
    "two managers": (
        "MATCH (p:Person {account: $a, id: 'kozlov'}), (m:Person {account: $a, id: 'orlova'}) "
        "CREATE (p)-[:REPORTS_TO {shorthand: true}]->(m)",
        "error: neo4j:uralmet: the Person node 'kozlov' has 2 REPORTS_TO relationships (to {managers}); "
        "its reports_to is one: delete all but one in Neo4j\n",
    ),
    "unknown relationship type": (
        "MATCH (p:Person {account: $a, id: 'kozlov'}), (m:Person {account: $a, id: 'orlova'}) "
        "CREATE (p)-[:HATES]->(m)",
        "error: neo4j:uralmet: the HATES relationship from Person 'kozlov' to 'orlova' is not one "
        "influence keeps (a push would delete it): delete it in Neo4j\n",
    ),
    "extra label": (
        "MATCH (p:Person {account: $a, id: 'kozlov'}) SET p:VIP",
        "error: neo4j:uralmet: the Person node 'kozlov' also has the label VIP, which influence does not "
        "keep (a push would drop it): remove it in Neo4j\n",
    ),
}


@pytest.mark.parametrize("edit", EDITS, ids=list(EDITS))
def test_pull_names_what_it_cannot_keep(neo4j_store, neo4j_env, run, edit):
    account = load_file(EXAMPLES / "uralmet.yaml")
    neo4j_store.push(account)
    kozlov = next(p for p in account.people if p.id == "kozlov")
    query, said = EDITS[edit]
    assert kozlov.unit != "holding-board" and kozlov.reports_to not in (None, "orlova")
    with neo4j_store._session() as session:
        assert session.run(query, a=A).consume().counters.contains_updates
    pulled = run("db", "pull", A, env=neo4j_env)
    assert (pulled.exit_code, pulled.stdout) == (2, "")
    managers = ", ".join(f"'{m}'" for m in sorted(["orlova", kozlov.reports_to]))
    assert pulled.stderr == said.format(unit=kozlov.unit, managers=managers)
    if edit == "node without id":  # a push leaves it alone (it writes only nodes with ids)
        neo4j_store.push(account)
        assert run("db", "pull", A, env=neo4j_env).stderr == pulled.stderr
        return
    with pytest.raises(ConflictError, match="edited in Neo4j outside influence since version 1"):
        neo4j_store.push(account)  # nor does a push drop it unsaid


def test_delete_removes_nodes_without_an_id(neo4j_store, neo4j_env, run):
    neo4j_store.push(load_file(EXAMPLES / "uralmet.yaml"))
    with neo4j_store._session() as session:
        session.run(EDITS["node without id"][0], a=A).consume()
        session.run("MATCH (u:Unit {account: $a}) WITH u LIMIT 1 REMOVE u.id", a=A).consume()
    deleted = run("db", "delete", A, "--yes", env=neo4j_env)
    assert deleted.exit_code == 0, deleted.stderr
    with neo4j_store._session() as session:
        left = session.run(
            "MATCH (n) WHERE n.account = $a AND NOT n:DeletedAccount RETURN count(n) AS n", a=A
        ).single()["n"]
    assert left == 0
