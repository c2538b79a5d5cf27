"""Versions never restart: an account deleted and pushed again numbers on from its last
version, so a file pulled before the delete is stale -- against a real Neo4j 5 server."""

from __future__ import annotations

import threading
from pathlib import Path

import yaml

from influence.errors import ConflictError
from influence.store.neo4j import Neo4jStore
from tests.analysis.helpers import make
from tests.store.helpers import account_doc, write_doc

A = "new1"


def _doc(*people: str, base: int | None = None) -> dict:
    return account_doc(A, "New One", *people, base=base)


_file = write_doc


def _pull(run, env, path: Path) -> Path:
    result = run("db", "pull", A, "-o", path, env=env)
    assert result.exit_code == 0, result.stderr
    return path


def _add(path: Path, person: str) -> Path:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc["people"].append({"id": person, "name": person.title()})
    return _file(path, doc)


def test_a_file_pulled_before_a_delete_cannot_overwrite_the_account_pushed_again(
    neo4j_store, neo4j_env, run, tmp_path
):
    """The tester's case: Alice pulls, the account is deleted, Bob pushes a fresh file, Alice pushes."""
    assert run("db", "push", _file(tmp_path / "v1.yaml", _doc("ann")), env=neo4j_env).exit_code == 0
    alice = _pull(run, neo4j_env, tmp_path / "alice.yaml")  # base_version 1
    assert run("db", "delete", A, "--yes", env=neo4j_env).exit_code == 0
    bob = run("db", "push", _file(tmp_path / "bob.yaml", _doc("bob")), "--author", "bob", env=neo4j_env)
    assert bob.exit_code == 0, bob.stderr
    assert f"pushed account '{A}' as version 2 " in bob.stdout  # on from the deleted account's 1
    stale = run("db", "push", _add(alice, "alice"), "--author", "alice", env=neo4j_env)
    assert (stale.exit_code, stale.stdout) == (2, "")
    lines = stale.stderr.splitlines()
    assert lines[0] == (
        f"error: account '{A}' changed since version 1, which your file is based on: "
        "it was deleted (influence db delete) at version 1 and created again since."
    )
    assert lines[1].startswith("  pushed since: version 2 by bob at ")
    assert lines[2].startswith("Nothing was written. To resolve: pull the current version")
    assert [p.id for p in neo4j_store.pull(A).people] == ["bob"]  # Bob's person is still there
    assert [v.version for v in neo4j_store.history(A)] == [2]


def test_a_stale_file_pushed_after_a_delete_is_refused_and_force_creates_the_account_again(
    neo4j_store, neo4j_env, run, tmp_path
):
    assert run("db", "push", _file(tmp_path / "v1.yaml", _doc("ann")), env=neo4j_env).exit_code == 0
    two = _add(_pull(run, neo4j_env, tmp_path / "mine.yaml"), "bea")
    assert run("db", "push", two, env=neo4j_env).exit_code == 0  # version 2; the file is now based on it
    assert run("db", "delete", A, "--yes", env=neo4j_env).exit_code == 0
    refused = run("db", "push", two, env=neo4j_env)
    assert refused.exit_code == 2
    assert refused.stderr.splitlines() == [
        f"error: account '{A}' was deleted (influence db delete) at version 2; your file is based on version 2.",
        "Nothing was written. To create the account again from your file, push it with --force.",
    ]
    assert neo4j_store.list() == []  # nothing written, not even an empty Account node
    forced = run("db", "push", two, "--force", env=neo4j_env)
    assert forced.exit_code == 0, forced.stderr
    assert "as version 3 " in forced.stdout
    assert run("db", "delete", A, "--yes", env=neo4j_env).exit_code == 0  # deleted again: on from 3
    assert neo4j_store.push(make(_doc("cy"))).version == 4


def test_deleting_keeps_only_the_last_version_number(neo4j_store, neo4j_env, run):
    neo4j_store.push(make(_doc("ann")))
    neo4j_store.push(make(_doc("ann", "bea", base=1)))
    deleted = run("db", "delete", A, "--yes", env=neo4j_env)
    assert (
        deleted.stdout == f"deleted account '{A}' (5 nodes)\n"
    )  # account, 2 people, 2 versions: not the tombstone
    with neo4j_store._session() as session:
        left = session.run("MATCH (n) WHERE n.account = $a RETURN labels(n) AS l, n AS n", a=A).data()
    assert [(row["l"], row["n"]["last_version"]) for row in left] == [(["DeletedAccount"], 2)]
    assert neo4j_store.list() == [] and not neo4j_store.exists(A)
    missing = run("db", "history", A, env=neo4j_env)
    assert missing.exit_code == 2 and missing.stderr.startswith(f"error: no account '{A}' in Neo4j at ")


def test_a_base_version_newer_than_the_account_says_so(neo4j_store, neo4j_env, run, tmp_path):
    neo4j_store.push(make(_doc("ann")))
    result = run("db", "push", _file(tmp_path / "f.yaml", _doc("ann", "bea", base=99)), env=neo4j_env)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"error: account '{A}' is at version 1, but your file's base_version is 99, newer than any "
        "version of it here: the file comes from another database, or its base_version was edited."
    )
    neo4j_store.delete(A)
    gone = run("db", "push", _file(tmp_path / "g.yaml", _doc("ann", base=5)), env=neo4j_env)
    assert gone.stderr.splitlines()[0] == (
        f"error: account '{A}' is not in the database, and your file's base_version 5 is newer than its "
        "last version before it was deleted (1): the file comes from another database, or its "
        "base_version was edited."
    )
    try:
        neo4j_store.push(make(_doc("ann", base=1)))
    except ConflictError as exc:
        assert "was deleted (influence db delete) at version 1" in str(exc)
    else:
        raise AssertionError("a push based on a deleted version was accepted")


def test_an_earlier_version_of_an_account_pushed_again_says_which_versions_it_has(
    neo4j_store, neo4j_env, run
):
    neo4j_store.push(make(_doc("ann")))
    neo4j_store.delete(A)
    neo4j_store.push(make(_doc("bob")))
    result = run("gaps", f"neo4j:{A}@1", env=neo4j_env)
    assert (result.exit_code, result.stderr) == (
        2,
        f"error: account '{A}' has no version 1 (versions 2 to 2)\n",
    )


def test_a_delete_waiting_for_a_push_remembers_the_version_that_push_made(neo4j_store, neo4j_config):
    """A delete that starts while a push is under way waits for it (the Account node's lock),
    then remembers the push's version, not the one before: a file pulled from that push is
    stale after the account is created again. Driven by events and by the server's own list
    of blocked transactions, not by timing."""
    neo4j_store.push(make(_doc("ann")))
    inside, release = threading.Event(), threading.Event()

    def paused(step: str, done: int) -> None:
        if not inside.is_set():
            inside.set()  # the push holds the lock and has written part of version 2
            assert release.wait(60), "the test never released the push"

    outcome: dict[str, object] = {}

    def push() -> None:
        try:
            with Neo4jStore(neo4j_config) as store:
                outcome["push"] = store.push(make(_doc("ann", "bea", base=1)), paused).version
        except Exception as exc:  # reported by the assertion below
            outcome["push"] = exc

    def delete() -> None:
        try:
            with Neo4jStore(neo4j_config) as store:
                outcome["delete"] = store.delete(A)
        except Exception as exc:
            outcome["delete"] = exc

    pusher = threading.Thread(target=push)
    pusher.start()
    assert inside.wait(60)
    deleter = threading.Thread(target=delete)
    deleter.start()
    try:
        _wait_until_blocked(neo4j_store)
    finally:
        release.set()
        pusher.join(60)
        deleter.join(60)
    assert outcome == {"push": 2, "delete": 5}  # the account, 2 people and 2 versions
    assert neo4j_store.push(make(_doc("cy"))).version == 3  # not 2: the deleted account reached 2


def _wait_until_blocked(store: Neo4jStore) -> None:
    """Return once the server lists a transaction blocked by another (the delete, on the lock)."""
    query = "SHOW TRANSACTIONS YIELD status WHERE status STARTS WITH 'Blocked' RETURN count(*) AS n"
    for _ in range(6000):  # a bound, not a timing: each round is a round trip to the server
        with store._session() as session:
            if session.run(query).single()["n"]:
                return
    raise AssertionError("the delete never waited for the push")


def _open_delete(store: Neo4jStore, account: str) -> object:
    """``db delete``'s own statements in a transaction left open (the caller commits it)."""
    from influence.store.cypher import named_statements

    session = store._session()
    tx = session.begin_transaction()
    for name in ("lock_for_delete", "record_deletion"):
        tx.run(named_statements("versions.cypher")[name], account=account).consume()
    for query in named_statements("delete.cypher").values():
        tx.run(query, account=account).consume()
    return session, tx


def _behind_an_open_delete(store: Neo4jStore, config, action) -> object:
    """What ``action(store)`` returns (or raises), run on its own store while ``db delete``'s
    transaction holds the account's lock; the delete commits once the server lists it blocked."""
    session, tx = _open_delete(store, A)
    outcome: list[object] = []

    def run() -> None:
        try:
            with Neo4jStore(config) as own:
                outcome.append(action(own))
        except Exception as exc:  # reported by the caller's assertion
            outcome.append(exc)

    worker = threading.Thread(target=run)
    worker.start()
    try:
        _wait_until_blocked(store)
    finally:
        tx.commit()
        session.close()
        worker.join(60)
    return outcome[0] if outcome else None


def test_a_push_waiting_for_a_delete_records_the_version_it_reports(neo4j_store, neo4j_config):
    """A push --force that starts while a delete holds the Account node's lock waited, then wrote
    the graph through a new Account node, recorded its version on the deleted one (nothing) and
    reported "pushed as version 2": the account had no version at all, and a file pulled then
    said a version the store never held. It now creates the account anew, as version 2."""
    neo4j_store.push(make(_doc("ann")))
    pushed = _behind_an_open_delete(
        neo4j_store, neo4j_config, lambda store: store.push(make(_doc("bea")), force=True).version
    )
    assert pushed == 2
    assert [v.version for v in neo4j_store.history(A)] == [2]
    assert [(a.id, a.version) for a in neo4j_store.list()] == [(A, 2)]
    assert [p.id for p in neo4j_store.pull(A).people] == ["bea"]


def test_a_delete_that_waited_for_another_delete_says_the_account_is_gone(neo4j_store, neo4j_config):
    """It said "deleted account (0 nodes)", exit 0, though the other delete had removed it."""
    from influence.errors import StoreError

    neo4j_store.push(make(_doc("ann")))
    deleted = _behind_an_open_delete(neo4j_store, neo4j_config, lambda store: store.delete(A))
    assert isinstance(deleted, StoreError)
    assert str(deleted) == f"no account '{A}' in Neo4j at {neo4j_config.shown_uri}"
