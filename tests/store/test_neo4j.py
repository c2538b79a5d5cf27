"""The Neo4j store against a real Neo4j 5 server."""

from __future__ import annotations

import json
import time

import pytest

from influence.errors import StoreError
from influence.loading import load_file
from influence.store import Neo4jConfig
from influence.store.neo4j import Neo4jStore, canonical_document, push_plan
from tests.analysis.helpers import make
from tests.conftest import EXAMPLES
from tests.store.test_push_paths import snapshot as graph_snapshot

AS_OF = "2026-11-27"
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))


def snapshot(store: Neo4jStore, account: str, *, with_push_time: bool = False):
    """Every node and relationship of one account, as sorted plain data."""
    with store._session() as session:
        nodes = session.run(
            "MATCH (n) WHERE n.account = $a RETURN labels(n) AS l, properties(n) AS p", a=account
        ).data()
        rels = session.run(
            "MATCH (a)-[r]->(b) WHERE a.account = $a RETURN a.id AS f, type(r) AS t, b.id AS to, properties(r) AS p",
            a=account,
        ).data()

    def clean(p):  # the time and the count of graph writes: what a push that restores the graph changes
        return {k: str(v) for k, v in p.items() if with_push_time or k not in ("pushed_at", "revision")}

    return (
        sorted(json.dumps([n["l"], clean(n["p"])], sort_keys=True, ensure_ascii=False) for n in nodes),
        sorted(
            json.dumps([r["f"], r["t"], r["to"], clean(r["p"])], sort_keys=True, ensure_ascii=False)
            for r in rels
        ),
    )


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=[p.name for p in EXAMPLE_FILES])
def test_round_trip_of_every_example(neo4j_store, neo4j_env, run, tmp_path, path):
    account = load_file(path)
    neo4j_store.push(account)
    assert neo4j_store.pull(account.id) == account
    from_file = run("gaps", path, "--as-of", AS_OF, "--format", "json")
    from_db = run("gaps", f"neo4j:{account.id}", "--as-of", AS_OF, "--format", "json", env=neo4j_env)
    assert from_db.exit_code == 0, from_db.stderr
    assert from_db.stdout == from_file.stdout
    pulled = tmp_path / "pulled.yaml"
    result = run("db", "pull", account.id, "-o", pulled, env=neo4j_env)
    assert result.exit_code == 0, result.stderr
    assert run("gaps", pulled, "--as-of", AS_OF, "--format", "json").stdout == from_file.stdout


def test_repush_is_idempotent(neo4j_store):
    account = load_file(EXAMPLES / "uralmet-ru.yaml")
    neo4j_store.push(account)
    first = snapshot(neo4j_store, account.id)
    stamp = neo4j_store.list()[0].pushed_at
    neo4j_store.push(account)
    assert snapshot(neo4j_store, account.id) == first
    assert neo4j_store.list()[0].pushed_at == stamp  # nothing written: the last push is when it was written
    assert neo4j_store.list()[0].version == 1  # the same content: no new version
    assert (
        len(first[0]) == 1 + 4 + 9 + 16 + 4 + 2 + 2 + 5 + 1
    )  # account, orgs, units, people, team, rivals, tenders, acts, version 1


def test_push_of_b_leaves_a_untouched(neo4j_store):
    a = load_file(EXAMPLES / "uralmet.yaml")
    b = make(
        {
            "format": "influence/v1",
            "account": {"id": "other", "name": "Other"},
            "people": [{"id": "ivanov", "name": "Same id, other account"}],
        }
    )
    neo4j_store.push(a)
    before = snapshot(neo4j_store, "uralmet", with_push_time=True)
    neo4j_store.push(b)
    neo4j_store.push(b)
    neo4j_store.delete("other")
    assert snapshot(neo4j_store, "uralmet", with_push_time=True) == before


def test_push_failing_in_the_last_batch_keeps_the_previous_version(neo4j_store):
    old = load_file(EXAMPLES / "uralmet.yaml")
    neo4j_store.push(old)
    before = snapshot(neo4j_store, old.id, with_push_time=True)
    new = make(
        {
            "format": "influence/v1",
            "account": {"id": old.id, "name": "Renamed"},
            "people": [{"id": "a"}, {"id": "b"}],
            "links": [{"from": "a", "to": "b", "type": "friend"}],
        }
    )
    plan = push_plan(new)
    # the server rejects the last batch: a map is not a valid property value
    plan.ties["FRIEND"][-1]["props"]["strength"] = {"not": "a property value"}
    with pytest.raises(StoreError, match="Neo4j error"):
        neo4j_store.execute_plan(plan, document=canonical_document(new), force=True)
    assert snapshot(neo4j_store, old.id, with_push_time=True) == before
    assert neo4j_store.pull(old.id) == old


def test_push_interrupted_midway_keeps_the_previous_version(neo4j_store, neo4j_config):
    old = load_file(EXAMPLES / "uralmet-ru.yaml")
    neo4j_store.push(old)
    before = snapshot(neo4j_store, old.id, with_push_time=True)
    new = load_file(EXAMPLES / "uralmet.yaml")
    seen = []

    def interrupt(step, done):
        seen.append(step)
        if step == "link_targets":  # late in the push: nodes written, most relationships too
            raise KeyboardInterrupt

    with Neo4jStore(neo4j_config, batch_size=2) as store, pytest.raises(KeyboardInterrupt):
        store.push(new, progress=interrupt, force=True)
    assert "update_nodes" in seen and "link_reports_to" in seen
    assert snapshot(neo4j_store, old.id, with_push_time=True) == before


def test_small_batches_give_the_same_graph(neo4j_store, neo4j_config):
    account = load_file(EXAMPLES / "uralmet-ru.yaml")
    neo4j_store.push(account)
    expected = snapshot(neo4j_store, account.id)
    with Neo4jStore(neo4j_config, batch_size=1) as small:
        small.push(account)
    assert snapshot(neo4j_store, account.id) == expected


NASTY = [
    "'",
    '"',
    "`",
    "}) DETACH DELETE n //",
    "'; MATCH (n) DETACH DELETE n; //",
    "$account",
    "Ёжик в тумане",
    "🔥🚀 émoji",
    "line\nbreak\ttab",
    "\\u0000 not a nul",
]


def test_values_full_of_cypher_syntax_come_back_verbatim(neo4j_store):
    doc = {
        "format": "influence/v1",
        "account": {"id": "nasty", "name": NASTY[3], "target_rationale": NASTY[4], "segment": NASTY[5]},
        "people": [
            {
                "id": f"p{i}",
                "name": text,
                "title": text,
                "notes": text,
                "pains": [text, NASTY[0]],
                "offer": text,
            }
            for i, text in enumerate(NASTY)
        ],
        "team": [{"id": "t", "name": NASTY[2], "role": NASTY[1]}],
        "relationships": [{"team": "t", "person": "p0"}],
        "x-crm": {"note": NASTY[4]},
    }
    account = make(doc)
    neo4j_store.push(make({"format": "influence/v1", "account": {"id": "bystander", "name": "B"}}))
    neo4j_store.push(account)
    pulled = neo4j_store.pull("nasty")
    assert pulled == account
    assert [p.name for p in pulled.people] == NASTY
    assert pulled.extras == {"x-crm": {"note": NASTY[4]}}
    assert [a.id for a in neo4j_store.list()] == ["bystander", "nasty"]


def test_list_and_delete(neo4j_store, neo4j_env, run):
    files = [EXAMPLES / "new-account.yaml", EXAMPLES / "uralmet.yaml"]
    result = run("db", "push", *files, "-m", "first", env=neo4j_env)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == (
        f"{files[0]}: pushed account 'nordchem' as version 1 (1 node or relationship); {files[0]} has no "
        "base_version line: add 'base_version: 1' at its top (or pull the account) before pushing it again"
    )
    listing = run("db", "list", env=neo4j_env)
    lines = listing.stdout.splitlines()
    assert lines[0].split() == ["ID", "NAME", "PEOPLE", "BUYING_TEAM", "VERSION", "LAST_PUSH"]
    assert lines[1].split()[:6] == ["nordchem", "NordChem", "Group", "0", "0", "1"]
    assert lines[2].split()[:6] == ["uralmet", "UralMet", "Holding", "16", "15", "1"]
    as_json = json.loads(run("db", "list", "--format", "json", env=neo4j_env).stdout)
    assert [(r["id"], r["people"], r["version"]) for r in as_json] == [("nordchem", 0, 1), ("uralmet", 16, 1)]
    refused = run("db", "delete", "nordchem", env=neo4j_env, input="n\n")
    question = (
        f"Delete account 'nordchem' and all its versions from Neo4j at {neo4j_env['NEO4J_URI']}? [y/N]: "
    )
    assert (refused.exit_code, refused.stdout, refused.stderr) == (
        1,
        "",
        f"{question}n\nnothing deleted\n",
    )  # the answer, as typed
    assert [a.id for a in neo4j_store.list()] == ["nordchem", "uralmet"]
    unanswered = run("db", "delete", "nordchem", env=neo4j_env, input="")  # a script, stdin closed
    assert unanswered.exit_code == 2
    assert unanswered.stderr == (
        f"{question}\nerror: db delete nordchem: no answer to the question; add --yes to delete without asking\n"
    )
    assert [a.id for a in neo4j_store.list()] == ["nordchem", "uralmet"]
    deleted = run("db", "delete", "nordchem", env=neo4j_env, input="y\n")
    assert deleted.exit_code == 0
    assert (
        deleted.stdout == "deleted account 'nordchem' (2 nodes)\n"
    )  # the account and version 1; the question on stderr
    assert [a.id for a in neo4j_store.list()] == ["uralmet"]
    deleted = run("db", "delete", "uralmet", "--yes", env=neo4j_env)
    assert deleted.exit_code == 0 and deleted.stdout.startswith("deleted account 'uralmet' (")
    again = run("db", "delete", "nordchem", "--yes", env=neo4j_env)
    assert again.exit_code == 2
    assert again.stderr == f"error: no account 'nordchem' in Neo4j at {neo4j_env['NEO4J_URI']}\n"


def test_invalid_file_changes_nothing(neo4j_store, neo4j_env, run, write):
    neo4j_store.push(load_file(EXAMPLES / "uralmet.yaml"))
    before = snapshot(neo4j_store, "uralmet", with_push_time=True)
    bad = write("format: influence/v1\naccount: {id: uralmet, name: X, owner: ghost}\n")
    result = run("db", "push", EXAMPLES / "new-account.yaml", bad, env=neo4j_env)
    assert result.exit_code == 2
    assert "account.owner: unknown team member 'ghost'" in result.stderr
    assert snapshot(neo4j_store, "uralmet", with_push_time=True) == before
    assert [a.id for a in neo4j_store.list()] == ["uralmet"]  # the valid file was not pushed either


def test_pull_to_stdout_and_missing_account(neo4j_store, neo4j_env, run):
    neo4j_store.push(load_file(EXAMPLES / "new-account.yaml"))
    result = run("db", "pull", "nordchem", env=neo4j_env)
    assert result.stdout == (
        "format: influence/v1\nbase_version: 1\naccount:\n  id: nordchem\n  name: NordChem Group\n"
    )
    assert run("db", "pull", "nordchem", "-o", "-", env=neo4j_env).stdout == result.stdout  # - is stdout
    missing = run("gaps", "neo4j:ghost", env=neo4j_env)
    assert missing.exit_code == 2
    assert missing.stderr == f"error: no account 'ghost' in Neo4j at {neo4j_env['NEO4J_URI']}\n"
    for args in (("gaps", "neo4j:nordchen"), ("db", "pull", "nordchen"), ("db", "history", "nordchen")):
        near = run(*args, env=neo4j_env)
        assert near.exit_code == 2
        assert near.stderr == (
            f"error: no account '{args[-1].removeprefix('neo4j:')}' in Neo4j at {neo4j_env['NEO4J_URI']} "
            "(did you mean 'nordchem'?)\n"
        )


def test_corrupted_database_content_is_a_validation_error(neo4j_store, neo4j_env, run):
    neo4j_store.push(load_file(EXAMPLES / "uralmet.yaml"))
    with neo4j_store._session() as session:
        session.run(
            "MATCH (p:Person {account: 'uralmet', id: 'ivanov'}) SET p.stance = 'happy', p.shoe = 42"
        ).consume()
    result = run("gaps", "neo4j:uralmet", env=neo4j_env)
    assert result.exit_code == 2
    assert "neo4j:uralmet: people[1].stance: invalid stance 'happy'" in result.stderr
    assert "neo4j:uralmet: people[1].shoe: unknown key 'shoe'" in result.stderr
    neo4j_store.push(load_file(EXAMPLES / "uralmet.yaml"), force=True)  # a forced push restores the file
    assert run("gaps", "neo4j:uralmet", env=neo4j_env).exit_code == 0


def test_wrong_password(neo4j_config, run):
    env = {"NEO4J_URI": neo4j_config.uri, "NEO4J_USERNAME": "neo4j", "NEO4J_PASSWORD": "Wr0ng-s3cret"}
    start = time.monotonic()
    result = run("db", "list", env=env)
    assert time.monotonic() - start < 15
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: Neo4j at {neo4j_config.uri} refused the credentials of user 'neo4j' (check NEO4J_PASSWORD)\n"
    )
    assert "Wr0ng-s3cret" not in result.output


def test_closed_port(run, tmp_path):
    from tests.conftest import _free_port

    uri = f"bolt://127.0.0.1:{_free_port()}"
    start = time.monotonic()
    result = run("--uri", uri, "--password", "pw-never-shown", "gaps", "neo4j:x")
    assert time.monotonic() - start < 15
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: cannot reach Neo4j at {uri}: ")
    assert len(result.stderr.splitlines()) == 1
    assert "pw-never-shown" not in result.output


def test_missing_database(neo4j_config, run):
    env = {"NEO4J_URI": neo4j_config.uri, "NEO4J_PASSWORD": neo4j_config.password, "NEO4J_DATABASE": "nosuch"}
    result = run("db", "list", env=env)
    assert result.exit_code == 2
    assert result.stderr == f"error: Neo4j at {neo4j_config.uri} has no database 'nosuch'\n"


def test_bad_uri_scheme(run):
    result = run("--uri", "http://127.0.0.1:7474", "db", "list")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: invalid Neo4j URI 'http://127.0.0.1:7474' (expected bolt://")


@pytest.mark.parametrize("port", ["99999", "65536", "0", "7o87", "-1"])
def test_a_port_out_of_range_is_refused_not_wrapped(run, port):
    """The driver took bolt://host:99999 for port 34463 (99999 modulo 65536) and said it was refused."""
    uri = f"bolt://127.0.0.1:{port}"
    result = run("--uri", uri, "db", "list")
    assert (result.exit_code, result.stderr) == (
        2,
        f"error: invalid Neo4j URI '{uri}': the port must be a number from 1 to 65535\n",
    )


@pytest.mark.parametrize(
    ("uri", "expected"),
    [
        (
            "ftp://neo4j:s3cretpw@127.0.0.1:7687",
            "invalid Neo4j URI 'ftp://neo4j:***@127.0.0.1:7687' (expected",
        ),
        (
            "bolt://neo4j:s3cretpw@127.0.0.1:99999",
            "invalid Neo4j URI 'bolt://neo4j:***@127.0.0.1:99999': the",
        ),
        (
            "neo4j://neo4j:s3cretpw@127.0.0.1:{port}",
            "invalid Neo4j URI 'neo4j://neo4j:***@127.0.0.1:{port}': a user or password in the URI is not"
            " supported; use NEO4J_USERNAME and NEO4J_PASSWORD (or --username, --password)\n",
        ),
    ],
)
def test_a_password_written_into_the_uri_is_never_shown(run, uri, expected):
    from tests.conftest import _free_port

    port = _free_port()
    result = run("--uri", uri.format(port=port), "db", "list")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: " + expected.format(port=port)), result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert "s3cretpw" not in result.output


def test_store_config_from_options_beats_environment():
    config = Neo4jConfig(uri="bolt://example:1").resolved()
    assert config.uri == "bolt://example:1"


def test_repush_of_a_changed_account_holds_exactly_the_new_file(neo4j_store):
    old = load_file(EXAMPLES / "uralmet.yaml")
    neo4j_store.push(old)
    doc = load_file(EXAMPLES / "uralmet.yaml")
    from influence.serialize import to_document

    data = to_document(doc)
    data["people"] = [p for p in data["people"] if p["id"] != "nikitin"]
    data["links"] = [x for x in data["links"] if "nikitin" not in (x["from"], x["to"])]
    data["people"][0].pop("title")
    data["people"][0]["stance"] = "champion"
    data["team"].append({"id": "newbie", "name": "New Member"})
    new = make(data)
    neo4j_store.push(new, force=True)
    assert neo4j_store.pull(new.id) == new
    nodes, _ = snapshot(neo4j_store, new.id)
    current = [n for n in nodes if "AccountVersion" not in n]  # version 1 keeps the old content
    assert not any('"nikitin"' in n for n in current)
    assert not any("CEO, UralMet Steel" in n for n in current)
    assert [v.version for v in neo4j_store.history(new.id)] == [2, 1]


def test_map_and_review_from_neo4j(neo4j_store, neo4j_env, run, tmp_path):
    neo4j_store.push(load_file(EXAMPLES / "uralmet-ru.yaml"))
    from_file = tmp_path / "file.html"
    from_db = tmp_path / "db.html"
    run("map", EXAMPLES / "uralmet-ru.yaml", "-o", from_file, "--as-of", AS_OF)
    result = run("map", "neo4j:uralmet", "-o", from_db, "--as-of", AS_OF, env=neo4j_env)
    assert result.exit_code == 0, result.stderr
    assert from_db.read_bytes() == from_file.read_bytes()
    result = run("review", "neo4j:uralmet", "-o", tmp_path / "pack", "--as-of", AS_OF, env=neo4j_env)
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "pack" / "gaps.json").read_text(encoding="utf-8") == run(
        "gaps", EXAMPLES / "uralmet-ru.yaml", "--as-of", AS_OF, "--format", "json"
    ).stdout


def test_portfolio_over_every_account_in_neo4j(neo4j_store, neo4j_env, run):
    run("db", "push", EXAMPLES / "new-account.yaml", EXAMPLES / "uralmet.yaml", env=neo4j_env)
    for jobs in ("1", "2"):  # in this process, and pulled one at a time by two workers
        result = run(
            "portfolio", "neo4j:*", "--as-of", AS_OF, "--format", "csv", "--jobs", jobs, env=neo4j_env
        )
        assert result.exit_code == 0, result.stderr
        assert [line.split(",")[:2] for line in result.stdout.splitlines()[1:]] == [
            ["neo4j:uralmet", "uralmet"],
            ["neo4j:nordchem", "nordchem"],
        ]


def test_portfolio_over_a_store_without_accounts_is_an_error_not_an_empty_portfolio(
    neo4j_store, neo4j_config, neo4j_env, run
):
    """`portfolio neo4j:*` on the wrong database printed "(none)" and exited 0, as an empty folder once did."""
    where = f"Neo4j at {neo4j_config.shown_uri}, " + (
        f"database '{neo4j_config.database}'" if neo4j_config.database else "its default database"
    )
    result = run("portfolio", "neo4j:*", "--fail-on", "high", env=neo4j_env)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"error: neo4j:*: no accounts in {where}\n"
    # as a folder without account files: no rows for the other sources either
    result = run("--database", "neo4j", "portfolio", EXAMPLES / "uralmet.yaml", "neo4j:*", env=neo4j_env)
    assert (result.exit_code, result.stdout) == (2, "")
    assert (
        result.stderr
        == f"error: neo4j:*: no accounts in Neo4j at {neo4j_config.shown_uri}, database 'neo4j'\n"
    )


def test_repush_writes_only_the_relationships_that_differ(neo4j_store):
    account = load_file(EXAMPLES / "uralmet.yaml")
    neo4j_store.push(account)
    expected = graph_snapshot(neo4j_store, account.id)
    query = "MATCH (a)-[r]->() WHERE a.account = $a RETURN elementId(r) AS e, type(r) AS t, r.idx AS i"
    with neo4j_store._session() as session:
        before = {row["e"] for row in session.run(query, a=account.id)}
        # a hand edit: one relationship's property changed, one relationship added
        session.run(
            "MATCH (a:Person {account: $a})-[r:INFLUENCES]->() WITH r LIMIT 1 SET r.strength = 0.01",
            a=account.id,
        ).consume()
        session.run(
            "MATCH (a:Person {account: $a}), (b:Person {account: $a}) WITH a, b LIMIT 1 CREATE (a)-[:FRIEND]->(b)",
            a=account.id,
        ).consume()
    neo4j_store.push(account, force=True)
    assert graph_snapshot(neo4j_store, account.id) == expected  # the push restored exactly the file
    with neo4j_store._session() as session:
        after = {row["e"] for row in session.run(query, a=account.id)}
    assert len(before - after) == 1 and len(after - before) == 1  # only the edited one was rewritten
    neo4j_store.push(account)
    with neo4j_store._session() as session:
        assert {row["e"] for row in session.run(query, a=account.id)} == after  # unchanged: nothing written


def _russian(text: str, *paths) -> list[str]:
    """Latin words of ``text`` other than paths, ids, the URI and Neo4j (empty when it reads as Russian)."""
    from tests.analysis.test_catalogue import _latin

    for path in paths:
        text = text.replace(str(path), "")
    return _latin(text, {"uralmet", "Neo4j"})


def test_db_status_lines_in_russian(neo4j_store, neo4j_env, run, tmp_path):
    empty = run("db", "list", "--lang", "ru", env=neo4j_env).stdout.splitlines()
    assert empty[-1] == "(клиентов нет)"
    assert run("db", "init", "--lang", "ru", env=neo4j_env).stdout.startswith("схема готова (")
    ru = EXAMPLES / "uralmet-ru.yaml"  # language: ru, the default
    pushed = run("db", "push", ru, "-m", "ноябрь", env=neo4j_env)
    assert pushed.stdout == (
        f"{ru}: клиент 'uralmet' записан как версия 1 (узлов и связей: 122); в {ru} нет строки base_version: "
        "добавьте в начало 'base_version: 1' (или выгрузите клиента заново: db pull), прежде чем "
        "записывать его снова\n"
    )
    again = run("db", "push", ru, env=neo4j_env).stdout
    assert again == f"{ru}: клиент 'uralmet' не изменился (версия 1); новая версия не создана\n"
    assert run("db", "push", ru, "--lang", "en", env=neo4j_env).stdout.endswith("no new version\n")
    listing = run("db", "list", "--lang", "ru", env=neo4j_env).stdout.splitlines()
    assert listing[0].split() == ["ID", "НАЗВАНИЕ", "ЛЮДИ", "ЗАКУПОЧНАЯ_ГРУППА", "ВЕРСИЯ", "ПОСЛЕДНЯЯ_ЗАПИСЬ"]
    history = run("db", "history", "uralmet", "--lang", "ru", env=neo4j_env).stdout.splitlines()
    assert history[0].split() == ["ВЕРСИЯ", "ЗАПИСАНА", "АВТОР", "СООБЩЕНИЕ"]
    pulled = tmp_path / "pulled.yaml"
    assert run("db", "pull", "uralmet", "-o", pulled, env=neo4j_env).stderr == f"записан {pulled}\n"
    uri = neo4j_env["NEO4J_URI"]
    question = f"Удалить клиента 'uralmet' и все его версии из Neo4j по адресу {uri}? [д/Н]: "
    kept = run("db", "delete", "uralmet", "--lang", "ru", env=neo4j_env, input="yes please\nнет\n")
    assert (kept.exit_code, kept.stdout) == (1, "")
    assert kept.stderr == (
        f"{question}yes please\nответьте «д» (да) или «н» (нет)\n{question}нет\nничего не удалено\n"
    )
    assert [a.id for a in neo4j_store.list()] == ["uralmet"]
    deleted = run("db", "delete", "uralmet", "--lang", "ru", env=neo4j_env, input="Да\n")
    assert deleted.exit_code == 0
    assert deleted.stderr == f"{question}Да\n"
    assert deleted.stdout == "клиент 'uralmet' удалён (44 узла)\n"
    assert _russian(deleted.stderr + deleted.stdout, uri) == []
