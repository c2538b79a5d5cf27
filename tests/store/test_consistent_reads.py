"""A read of an account is one version, whole, whatever push lands while it runs -- against
a real Neo4j 5 server.

Neo4j reads at read committed, so the statements of one read may each see another version.
These tests make a push land at a chosen point of a read, deterministically: every
statement the store sends goes through a wrapper that first calls a hook, and the hook
pushes (the push's own statements pass through unhooked).
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from influence.errors import StoreError
from influence.store import neo4j as store_module
from influence.store.neo4j import Neo4jStore
from tests.analysis.helpers import make

A = "torn"
#: the statements one read of the current version sends: a stamp, one per label (8), the stamp again
READ_STATEMENTS = 10


def version(tag: int, *, grown: bool = False) -> Any:
    """Version ``tag`` of the account: every record and tie carries ``x-tag: tag`` and a name
    with it. ``grown`` adds a unit, a person in it and ties to her from later lists, so a
    read that mixes versions meets a unit or a person it does not know."""
    x = {"x-tag": tag}
    new_people = [{"id": "newguy", "name": f"New {tag}", "unit": "newunit", **x}] if grown else []
    doc = {
        "format": "influence/v1",
        "account": {"id": A, "name": f"Torn {tag}", **x},
        "organizations": [{"id": "org", "name": f"Org {tag}", **x}],
        "units": [{"id": "u1", "name": f"Unit {tag}", "organization": "org", **x}]
        + ([{"id": "newunit", "name": f"New unit {tag}", "organization": "org", **x}] if grown else []),
        "people": [
            {"id": "p1", "name": f"P1 {tag}", "unit": "u1", **x},
            {"id": "p2", "name": f"P2 {tag}", "unit": "u1", "reports_to": "p1", **x},
            *new_people,
        ],
        "links": [{"from": "p2", "to": "p1", "type": "friend", **x}],
        "team": [{"id": "t1", "name": f"T1 {tag}", **x}],
        "relationships": [{"team": "t1", "person": "newguy" if grown else "p1", **x}],
        "competitors": [
            {
                "id": "c1",
                "name": f"C1 {tag}",
                "relationships": [{"person": "newguy" if grown else "p2", **x}],
                **x,
            }
        ],
        "tenders": [{"id": "td", "title": f"Tender {tag}", **x}],
        "activities": [
            {"id": "a1", "kind": "workshop", "targets": ["newguy" if grown else "p1"], "owner": "t1", **x}
        ],
    }
    return make(doc)


def tags(value: Any) -> set[Any]:
    """Every ``x-tag`` in a document."""
    if isinstance(value, dict):
        return {v for k, v in value.items() if k == "x-tag"} | set().union(*map(tags, value.values()))
    if isinstance(value, list):
        return set().union(*map(tags, value))
    return set()


class Hooked:
    """A driver session or transaction whose ``run`` calls ``before(query)`` first."""

    def __init__(self, inner: Any, before: Any) -> None:
        self._inner, self._before = inner, before

    def run(self, query: str, *args: Any, **kwargs: Any) -> Any:
        self._before(query)
        return self._inner.run(query, *args, **kwargs)

    def begin_transaction(self, *args: Any, **kwargs: Any) -> Hooked:
        return Hooked(self._inner.begin_transaction(*args, **kwargs), self._before)

    def __enter__(self) -> Hooked:
        self._inner.__enter__()
        return self

    def __exit__(self, *exc: Any) -> Any:
        return self._inner.__exit__(*exc)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


@pytest.fixture
def between_statements(monkeypatch):
    """``install(before)``: every statement any store sends from now on runs ``before(query)``
    first, except those sent while ``before`` itself runs (its pushes)."""

    def install(before):
        original = Neo4jStore._session
        busy: list[bool] = []

        def guarded(query: str) -> None:
            if not busy:
                busy.append(True)
                try:
                    before(query)
                finally:
                    busy.pop()

        monkeypatch.setattr(Neo4jStore, "_session", lambda self: Hooked(original(self), guarded))

    return install


@pytest.mark.parametrize("at", range(1, READ_STATEMENTS + 1))
def test_a_push_landing_anywhere_in_a_read_never_gives_a_mixed_account(neo4j_store, between_statements, at):
    """Version 1, then version 2 (with a new unit and person) pushed right before the read's
    statement number ``at``: every statement before it saw version 1, every one after it
    version 2, yet the read returns version 2 whole (it reads again). ``at`` 1, before the
    read starts, is the baseline; on the old code every other position mixed versions."""
    neo4j_store.push(version(1))
    new = version(2, grown=True)
    sent: list[str] = []

    def before(query: str) -> None:
        sent.append(query)
        if len(sent) == at:
            neo4j_store.push(new, force=True)

    between_statements(before)
    doc = neo4j_store.pull_document(A)
    assert tags(doc) == {doc["base_version"]}, "a read mixed two versions"
    assert len(sent) >= at  # the push landed inside the read: it read again and saw the push whole
    assert doc["base_version"] == 2
    assert neo4j_store.pull(A) == new


@pytest.mark.parametrize("label", ["Person", "TeamMember"], ids=["before-people", "before-team"])
def test_no_false_error_about_an_unknown_unit_or_person(neo4j_store, between_statements, label):
    """A push between reading the units and the people gave "people[2].unit: unknown unit
    'newunit'"; between the people and the team, a tie to a person the read did not have."""
    neo4j_store.push(version(1))
    pushed = []

    def before(query: str) -> None:
        if f"MATCH (n:{label})" in query and not pushed:
            pushed.append(neo4j_store.push(version(2, grown=True), force=True))

    between_statements(before)
    assert neo4j_store.pull(A) == version(2, grown=True)
    assert pushed


def test_a_read_that_every_push_overlaps_gives_up_with_a_clear_error(
    neo4j_store, neo4j_env, run, between_statements
):
    """A push before the team is read, on every attempt: after READ_ATTEMPTS reads, one line, exit 2."""
    neo4j_store.push(version(1))
    pushes: list[int] = []

    def before(query: str) -> None:
        if "MATCH (n:TeamMember)" in query:
            pushes.append(neo4j_store.push(version(len(pushes) + 2), force=True).version)

    between_statements(before)
    with pytest.raises(
        StoreError, match=f"changed while it was being read, {store_module.READ_ATTEMPTS} times in a row"
    ):
        neo4j_store.pull_document(A)
    assert len(pushes) == store_module.READ_ATTEMPTS
    pushes.clear()
    result = run("db", "pull", A, env=neo4j_env)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"error: account '{A}' changed while it was being read, {store_module.READ_ATTEMPTS} times in a row "
        "(pushes or a delete ran meanwhile); nothing was read: try again\n"
    )
    pushes.clear()
    russian = run("db", "pull", A, "--lang", "ru", env=neo4j_env)
    assert russian.stderr == (
        f"ошибка: клиент '{A}' менялся во время чтения {store_module.READ_ATTEMPTS} раз подряд "
        "(в это время шли записи или удаление); ничего не прочитано: попробуйте ещё раз\n"
    )


def test_a_push_that_restores_a_hand_edited_graph_is_seen_too(neo4j_store, between_statements):
    """A forced push of the same content rewrites a hand-edited graph: a read it overlaps
    must not return half the edit (the count of graph writes tells)."""
    neo4j_store.push(version(1))
    with neo4j_store._session() as session:
        session.run(
            "MATCH (n) WHERE n.account = $a AND n.id IN ['p1', 't1'] SET n.name = 'edited'", a=A
        ).consume()
    restored = []

    def before(query: str) -> None:
        if "MATCH (n:TeamMember)" in query and not restored:
            restored.append(neo4j_store.push(version(1), force=True))

    between_statements(before)
    pulled = neo4j_store.pull(A)
    assert restored and (restored[0].version, restored[0].created) == (2, True)
    assert dataclasses.replace(pulled, base_version=None) == version(1)  # not P1 "edited" with T1 restored


def test_a_delete_during_a_read_says_the_account_is_gone(neo4j_store, between_statements):
    neo4j_store.push(version(1))
    deleted = []

    def before(query: str) -> None:
        if "MATCH (n:Unit)" in query and not deleted:
            deleted.append(neo4j_store.delete(A))

    between_statements(before)
    with pytest.raises(StoreError, match=f"^no account '{A}' in Neo4j at "):
        neo4j_store.pull_document(A)


def test_rows_that_do_not_fit_together_are_a_torn_read_not_a_key_error():
    """Inside one statement too a push may land (ties read after the node list): a
    relationship from a node the read did not return is a torn read, read again."""

    class Record:
        def __init__(self, query: str) -> None:
            self.query = query

        def single(self) -> dict[str, list]:
            if "MATCH (n:Account)" in self.query:
                return {"nodes": [[A, {"name": "Torn"}, ["Account"]]], "ties": [], "without_id": []}
            if "MATCH (n:Competitor)" in self.query:  # a competitor's tie, but not the competitor
                return {"nodes": [], "ties": [["c1", "KNOWS", "p1", {"idx": 0}]]}
            return {"nodes": [], "ties": []}

    with pytest.raises(store_module._TornRead):
        Neo4jStore()._read_document(lambda query, **params: Record(query), A)
