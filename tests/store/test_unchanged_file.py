"""A re-push of the very file last pushed, onto a graph nobody changed since, is recognised
from the file's digest and the graph's fingerprint without reading the file. Anything else
(an edited file, a hand edit of the graph, another push in between, no APOC) goes the
usual way: the file is read, validated and compared."""

from __future__ import annotations

import re
import shutil
import threading

import pytest

import influence.cli.db
import influence.store.neo4j
from influence.errors import StoreError
from influence.loading import load_file
from influence.schema import RECORDS
from influence.store.cypher import named_statements
from influence.store.neo4j import Neo4jStore, file_digest
from tests.conftest import EXAMPLES
from tests.store.test_push_paths import HAND_EDITS, UNSEEN_BY_PULL, A, snapshot

UNCHANGED = "{file}: account 'uralmet' unchanged (version {v}); no new version\n"


@pytest.fixture
def account_file(tmp_path):
    path = tmp_path / "uralmet.yaml"
    shutil.copy(EXAMPLES / "uralmet.yaml", path)
    return path


def _refuse(path, *args, **kwargs):
    raise AssertionError(f"{path} was read")


@pytest.fixture
def unread(monkeypatch):
    """Make reading an account file fail loudly: the push must not need it."""
    monkeypatch.setattr(influence.cli.db, "_load", _refuse)


def push(run, env, *files, **kw):
    return run("db", "push", *files, env=env, **kw)


def test_the_server_has_what_fingerprints_need(neo4j_store):
    assert neo4j_store.has_fingerprints  # the bundled server loads APOC Core


def test_same_file_again_is_not_read(neo4j_store, neo4j_env, run, account_file, monkeypatch):
    first = push(run, neo4j_env, account_file)
    assert first.exit_code == 0, first.stderr
    expected = snapshot(neo4j_store, A)
    monkeypatch.setattr(influence.cli.db, "_load", _refuse)
    again = push(run, neo4j_env, account_file)
    assert (again.exit_code, again.stdout) == (0, UNCHANGED.format(file=account_file, v=1))
    assert snapshot(neo4j_store, A) == expected


def test_russian_account_answers_in_russian_without_reading(neo4j_store, neo4j_env, run, tmp_path, unread):
    path = tmp_path / "ru.yaml"
    shutil.copy(EXAMPLES / "uralmet-ru.yaml", path)
    neo4j_store.push(load_file(path), digest=lambda version: file_digest(path.read_bytes(), ".yaml"))
    again = push(run, neo4j_env, path)
    assert again.exit_code == 0, again.stderr
    assert again.stdout == f"{path}: клиент 'uralmet' не изменился (версия 1); новая версия не создана\n"


@pytest.mark.parametrize("edit", HAND_EDITS, ids=list(HAND_EDITS))
def test_a_hand_edit_is_seen_and_never_undone_silently(neo4j_store, neo4j_env, run, account_file, edit):
    assert push(run, neo4j_env, account_file).exit_code == 0
    expected = snapshot(neo4j_store, A)
    with neo4j_store._session() as session:
        session.run(HAND_EDITS[edit], a=A).consume()
    assert snapshot(neo4j_store, A) != expected
    assert neo4j_store.unchanged_file(file_digest(account_file.read_bytes(), ".yaml")) is None
    again = push(run, neo4j_env, account_file)
    if edit not in UNSEEN_BY_PULL:
        assert again.exit_code == 2 and "edited in Neo4j outside influence since version 1" in again.stderr
        again = run("db", "push", account_file, "--force", env=neo4j_env)
    assert again.exit_code == 0, again.stderr
    assert "as version 2" in again.stdout  # the graph was written: never "unchanged"
    assert snapshot(neo4j_store, A) == expected
    # the graph is the file again, so the next re-push is recognised
    assert neo4j_store.unchanged_file(file_digest(account_file.read_bytes(), ".yaml")) is not None


def test_an_edited_file_is_read(neo4j_store, neo4j_env, run, account_file):
    assert push(run, neo4j_env, account_file).exit_code == 0
    account_file.write_text(account_file.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    digest = file_digest(account_file.read_bytes(), ".yaml")
    assert neo4j_store.unchanged_file(digest) is None  # other bytes: not recognised ...
    again = push(run, neo4j_env, account_file)
    assert (again.exit_code, again.stdout) == (
        0,
        UNCHANGED.format(file=account_file, v=1),
    )  # ... same content
    assert neo4j_store.unchanged_file(digest) is not None  # and remembered now


def test_another_push_in_between_is_not_lost(neo4j_store, neo4j_env, run, account_file, tmp_path):
    """The file was pushed, then someone pushed other content (no file digest): the same file
    again must be refused as before, never taken for unchanged."""
    assert push(run, neo4j_env, account_file).exit_code == 0
    renamed = tmp_path / "renamed.yaml"
    text = account_file.read_text(encoding="utf-8")
    renamed.write_text(
        text.replace("  name: UralMet Holding\n", "  name: UralMet 2027\n", 1), encoding="utf-8"
    )
    assert neo4j_store.push(load_file(renamed), force=True).version == 2
    assert neo4j_store.unchanged_file(file_digest(account_file.read_bytes(), ".yaml")) is None
    again = push(run, neo4j_env, account_file)
    assert again.exit_code == 2
    assert "already exists with other content (version 2)" in again.stderr


def test_a_pulled_file_is_recognised_after_its_push(neo4j_store, neo4j_env, run, tmp_path, monkeypatch):
    """pull, edit, push: the file is rebased to the new version, and that file is what is remembered."""
    assert push(run, neo4j_env, EXAMPLES / "uralmet.yaml").exit_code == 0
    pulled = tmp_path / "pulled.yaml"
    assert run("db", "pull", A, "-o", pulled, env=neo4j_env).exit_code == 0
    text = pulled.read_text(encoding="utf-8")
    assert text.startswith("base_version: 1\n") or "\nbase_version: 1\n" in text
    pulled.write_text(
        text.replace("name: UralMet Holding", "name: UralMet Holding (2027)", 1), encoding="utf-8"
    )
    second = push(run, neo4j_env, pulled)
    assert second.exit_code == 0, second.stderr
    assert "as version 2" in second.stdout and "base_version: 2" in pulled.read_text(encoding="utf-8")
    monkeypatch.setattr(influence.cli.db, "_load", _refuse)
    again = push(run, neo4j_env, pulled)
    assert (again.exit_code, again.stdout) == (0, UNCHANGED.format(file=pulled, v=2))


def test_the_same_bytes_twice_still_collide(neo4j_store, neo4j_env, run, account_file, monkeypatch):
    assert push(run, neo4j_env, account_file).exit_code == 0
    twin = account_file.parent / "twin.yaml"
    shutil.copy(account_file, twin)
    monkeypatch.setattr(influence.cli.db, "_load", _refuse)
    both = push(run, neo4j_env, account_file, twin)
    assert both.exit_code == 2
    assert both.stderr == (
        "error: several files hold the same account; nothing was pushed: "
        f"account 'uralmet' is in {account_file}, {twin} (push one file per account)\n"
    )


def test_one_file_named_twice_is_pushed_once(neo4j_store, neo4j_env, run, account_file):
    """Named twice (or by two paths), one file is not 'several files of one account'."""
    other_path = account_file.parent / "." / account_file.name
    result = push(run, neo4j_env, account_file, account_file, other_path)
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.splitlines()) == 1 and result.stdout.startswith(f"{account_file}: pushed")
    assert [v.version for v in neo4j_store.history(A)] == [1]


def test_without_apoc_every_push_reads_the_file(neo4j_store, neo4j_env, run, account_file, monkeypatch):
    monkeypatch.setattr(Neo4jStore, "has_fingerprints", property(lambda self: False))
    assert push(run, neo4j_env, account_file).exit_code == 0
    assert neo4j_store.unchanged_file(file_digest(account_file.read_bytes(), ".yaml")) is None
    with neo4j_store._session() as session:
        stored = session.run("MATCH (a:Account {account: $a}) RETURN a.graph_fingerprint AS f", a=A).single()
    assert stored["f"] is None
    again = push(run, neo4j_env, account_file)
    assert (again.exit_code, again.stdout) == (0, UNCHANGED.format(file=account_file, v=1))


def test_a_missing_schema_index_is_made_again(neo4j_store):
    with neo4j_store._session() as session:
        session.run("DROP INDEX account_push_digest IF EXISTS").consume()
    neo4j_store.push(load_file(EXAMPLES / "uralmet.yaml"))
    with neo4j_store._session() as session:
        names = session.run("SHOW INDEXES YIELD name RETURN collect(name) AS n").single()["n"]
    assert "account_push_digest" in names


def test_create_graph_fingerprint_is_create_graph_and_its_fingerprint():
    """The two statements write the same graph: without the lines that make the fingerprint
    (each relationship subquery's RETURN, the last lines) the second is the first."""
    q = named_statements("push.cypher")
    plain, with_fingerprint = q["create_graph"], q["create_graph_fingerprint"]
    writes = re.sub(r"\n  RETURN collect\(.*?\) AS t_\w+ \}", " }", with_fingerprint, flags=re.S)
    writes = writes[: writes.index("\nWITH nodes, nodes[0] AS a0")]
    assert writes == plain.removesuffix("\nRETURN size(nodes) AS nodes")
    assert with_fingerprint.count("RETURN collect(elementId(s)") == plain.count("CREATE (s)-[r:") == 12


def _parts(statement: str, ties: bool) -> dict[str, str]:
    """The parts of a fingerprint statement by label: those that read nodes, or relationships."""
    pattern = r"MATCH \(n:(\w+)\)-\[r\]->" if ties else r"MATCH \(n:(\w+)\) USING INDEX"
    return {m[1]: p for p in statement.split("UNION ALL") if (m := re.search(pattern, p))}


def _dated(statement: str, ties: bool = False) -> set[str]:
    """The labels whose part of a fingerprint statement marks date values."""
    return {label for label, part in _parts(statement, ties).items() if "IS :: DATE" in part}


def test_the_fingerprint_halves_read_every_node_and_relationship_once():
    """Every label's nodes and the relationships leaving them are read by exactly one half:
    the people's relationships (most of an account) by one, everything else by the other."""
    q = named_statements("push.cypher")
    records, people_ties = q["fingerprint_records"], q["fingerprint_people_ties"]
    labels = {r.label for r in RECORDS.values() if r.label}
    assert set(_parts(records, ties=False)) == labels and not _parts(people_ties, ties=False)
    assert set(_parts(people_ties, ties=True)) == {"Person"}
    assert set(_parts(records, ties=True)) == labels - {"Person"}


def _operators(plan) -> list[str]:
    """Every operator of a query plan (the driver's dict form), the root first."""
    name = plan["operatorType"].split("@")[0]
    return [name, *(op for child in plan.get("children", []) for op in _operators(child))]


@pytest.mark.parametrize("half", ["fingerprint_records", "fingerprint_people_ties"])
def test_a_fingerprint_half_seeks_every_label_by_its_key_and_keeps_its_plan(neo4j_store, half):
    """The halves read each label through a seek of its (account, id) key index, whatever the
    database's statistics (the hints), so their cached plan can be kept when the statistics
    change (``replan=skip``): planning fingerprint_records again costs 0.4 s, more than running
    it. The hints ask for a seek: a plain ``USING INDEX`` is also met by a scan of the whole
    index (every account's nodes), which the planner chose in about one run in eight."""
    neo4j_store.push(load_file(EXAMPLES / "uralmet.yaml"))
    statement = named_statements("push.cypher")[half]
    assert statement.startswith("CYPHER replan=skip\n")
    hints = re.findall(r"USING INDEX (SEEK )?n:", statement)
    assert hints == ["SEEK "] * (15 if half == "fingerprint_records" else 1)
    with neo4j_store._session() as session:
        summary = session.run("EXPLAIN " + statement, account="uralmet", dates=[]).consume()
        indexes = session.run("SHOW INDEXES YIELD name, state RETURN name + ' ' + state AS i").value()
    operators = _operators(summary.plan)
    why = f"plan: {', '.join(operators)}\nindexes: {', '.join(indexes)}"
    seeks = [op for op in operators if "IndexSeek" in op]
    assert len(seeks) == (15 if half == "fingerprint_records" else 1), why
    assert not [op for op in operators if "Scan" in op], why


def test_a_dropped_key_index_only_slows_the_fingerprint(neo4j_store, neo4j_env, run, account_file):
    """The index hints are no promise the index is there: with a key constraint dropped by hand,
    the server plans the half without it (a warning, not an error) and the re-push is still
    recognised; the next push that writes creates the schema again."""
    assert push(run, neo4j_env, account_file).exit_code == 0
    try:
        with neo4j_store._session() as session:
            session.run("DROP CONSTRAINT person_key").consume()
        again = push(run, neo4j_env, account_file)
        assert (again.exit_code, again.stdout) == (0, UNCHANGED.format(file=account_file, v=1))
    finally:
        neo4j_store.init()  # the other tests share this server


def test_the_fingerprint_marks_dates_where_the_records_have_them():
    """A date made text of the same value changes only its type: the fingerprint lines of every
    record with date fields say which keys hold dates (the other lines need not)."""
    q = named_statements("push.cypher")
    dated_nodes = {r.label for r in RECORDS.values() if r.label and any(f.type == "date" for f in r.fields)}
    ties_with_dates = {
        s for s, r in RECORDS.items() if not r.label and any(f.type == "date" for f in r.fields)
    }
    assert ties_with_dates == {"relationships"}  # KNOWS, from a team member
    assert _dated(q["fingerprint_records"]) == dated_nodes == {"Account", "Tender", "Activity"}
    assert _dated(q["fingerprint_records"], ties=True) == {"TeamMember", "Competitor"}  # KNOWS
    assert not _dated(q["fingerprint_people_ties"], ties=True)
    create = q["create_graph_fingerprint"]
    assert "CASE WHEN x:Tender OR x:Activity THEN" in create and "WHERE a0[k] IS :: DATE" in create
    assert re.search(r"r:KNOWS\]->\(e\) SET r \+= p\n.*\n.*IS :: DATE", create)


def test_a_push_opens_the_store_once(neo4j_store, neo4j_env, run, account_file, monkeypatch):
    opened = []
    enter = Neo4jStore.__enter__

    def counted(self):
        opened.append(self)
        return enter(self)

    monkeypatch.setattr(Neo4jStore, "__enter__", counted)
    assert push(run, neo4j_env, account_file).exit_code == 0
    assert push(run, neo4j_env, account_file).exit_code == 0
    assert len(opened) == 2  # one connection pool per command, closed at its end
    assert all(store._driver is None for store in opened)


def test_a_rebased_crlf_file_is_recognised(neo4j_store, neo4j_env, run, tmp_path, monkeypatch):
    """The digest remembered for a rebased file is that of the file as the push leaves it
    (only its base_version number rewritten: the CRLF line ends stay)."""
    assert push(run, neo4j_env, EXAMPLES / "uralmet.yaml").exit_code == 0
    pulled = tmp_path / "pulled.yaml"
    assert run("db", "pull", A, "-o", pulled, env=neo4j_env).exit_code == 0
    text = pulled.read_text(encoding="utf-8").replace("name: UralMet Holding", "name: UralMet 2027", 1)
    pulled.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    second = push(run, neo4j_env, pulled)
    assert second.exit_code == 0 and "as version 2" in second.stdout, second.stderr
    rebased = text.replace("base_version: 1\n", "base_version: 2\n", 1)
    assert pulled.read_bytes() == rebased.replace("\n", "\r\n").encode("utf-8")  # line ends kept
    monkeypatch.setattr(influence.cli.db, "_load", _refuse)
    again = push(run, neo4j_env, pulled)
    assert (again.exit_code, again.stdout) == (0, UNCHANGED.format(file=pulled, v=2))


def _within(seconds, call):
    """``call()``'s result, or its exception; the test fails if it has not returned in ``seconds``."""
    outcome = {}

    def target():
        try:
            outcome["value"] = call()
        except BaseException as exc:
            outcome["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still waiting after {seconds} s"
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


def test_a_failed_lookup_stops_both_halves(neo4j_store, neo4j_env, run, account_file, monkeypatch):
    """The digest's lookup and the APOC check run at once, one per half: when either fails,
    the other half does not wait for it forever and the push ends with a clear error."""
    assert push(run, neo4j_env, account_file).exit_code == 0
    digest = file_digest(account_file.read_bytes(), ".yaml")
    broken = dict(named_statements("push.cypher"), pushed_from="MATCH (a:Account) RETURN a.nope(")
    monkeypatch.setattr(influence.store.neo4j, "named_statements", lambda name: broken)
    with pytest.raises(StoreError):
        _within(30, lambda: neo4j_store.unchanged_file(digest))
    monkeypatch.undo()

    def no_answer(self):
        raise StoreError("cannot reach Neo4j at bolt://example:7687")

    monkeypatch.setattr(Neo4jStore, "has_fingerprints", property(no_answer))
    with pytest.raises(StoreError, match="cannot reach"):
        _within(30, lambda: neo4j_store.unchanged_file(digest))
    refused = push(run, neo4j_env, account_file)
    assert (refused.exit_code, refused.stdout, refused.stderr) == (
        2,
        "",
        "error: cannot reach Neo4j at bolt://example:7687\n",
    )


def test_a_file_saved_during_the_push_is_pushed_as_it_was_read(
    neo4j_store, neo4j_env, run, account_file, monkeypatch
):
    """The push digests, validates and stores the very bytes it read once. An edit saved just
    after that is not stored under the old bytes' digest (then putting the old text back would
    be taken for unchanged while the store held the edit); it is a change for the next push."""
    original = account_file.read_bytes()
    edited = original.replace(b"name: UralMet Holding", b"name: UralMet Holding (edited)", 1)
    assert edited != original
    read_once = influence.cli.db._read

    def read_then_save(file):
        data = read_once(file)
        account_file.write_bytes(edited)  # an editor saves the file while the push runs
        return data

    monkeypatch.setattr(influence.cli.db, "_read", read_then_save)
    first = push(run, neo4j_env, account_file)
    assert first.exit_code == 0, first.stderr
    monkeypatch.undo()
    assert neo4j_store.pull(A).info.name == "UralMet Holding"
    assert account_file.read_bytes() == edited  # the edit is left in the file
    again = push(run, neo4j_env, account_file)
    assert (again.exit_code, again.stdout) == (2, "")  # not "unchanged": the file has no base_version
    assert "already exists with other content (version 1)" in again.stderr
