"""``x-`` keys on every kind of record travel through a Neo4j push and pull."""

from __future__ import annotations

import json

import yaml

from influence import load
from influence.serialize import dump_document, to_document
from tests.analysis.helpers import make
from tests.exchange.test_salesforce import EXPORT, STEEL, hand_edit, newer_export, write_export
from tests.store.test_neo4j import NASTY

CRM = {"x-salesforce-id": "003A0000000C01AA", "x-history": {"stance": [0, 1], "by": NASTY[4]}}

DOC = {
    "format": "influence/v1",
    "account": {"id": "xkeys", "name": "X", "target_unit": "it", "x-b": 1, "x-a": [NASTY[0]]},
    "organizations": [{"id": "org", "name": "Org", "x-salesforce-id": "001A"}],
    "units": [{"id": "it", "name": "IT", "organization": "org", "x-code": "U-1"}],
    "people": [
        {"id": "ann", "name": "Ann", "unit": "it", **CRM},
        {"id": "bob", "name": "Bob", "unit": "it", "reports_to": "ann"},
        {"id": "cy", "name": "Cy", "x-nested": {"deep": [{"x": None}, True, 2.5]}, "x-empty": ""},
    ],
    "team": [{"id": "olga", "name": "Olga", "x-salesforce-id": "005A"}],
    "competitors": [
        {
            "id": "rival",
            "name": "Rival",
            "x-since": 2019,
            "relationships": [
                {"person": "bob", "strength": "weak", "x-source": "rumour"},
                {"person": "ann", "x-z": "last", "x-y": "order kept"},
            ],
        }
    ],
    "tenders": [{"id": "mes", "title": "MES", "x-salesforce-id": "006A"}],
    "activities": [{"id": "visit", "kind": "workshop", "targets": ["ann", "bob"], "x-cost-centre": "CC-7"}],
    "links": [
        {"from": "bob", "to": "cy", "type": "friend", "x-seen": "2026-11-01"},
        {"from": "cy", "to": "ann", "type": "influences", "strength": 0.4},
    ],
    "relationships": [{"team": "olga", "person": "ann", "strength": "strong", "x-channel": NASTY[2]}],
    "x-crm": {"exported": "2026-11-27"},
}


def ordered(doc: dict) -> str:
    """The document as text: equal texts mean equal keys, values and key order."""
    return json.dumps(doc, ensure_ascii=False, default=str)


def test_x_keys_on_every_record_come_back_in_order(neo4j_store):
    account = make(DOC)
    neo4j_store.push(account)
    pulled = neo4j_store.pull("xkeys")
    doc = to_document(pulled)
    assert doc.pop("base_version") == 1
    assert ordered(doc) == ordered(to_document(account))
    assert dump_document(doc, "yaml") == dump_document(to_document(account), "yaml")
    assert to_document(pulled)["people"][0] == {"id": "ann", "name": "Ann", "unit": "it", **CRM}
    raw = neo4j_store.pull_document("xkeys")  # before validation too
    assert list(raw["account"])[-2:] == ["x-b", "x-a"]  # x- keys last, as a file has them
    assert list(raw["competitors"][0]["relationships"][1])[-2:] == ["x-z", "x-y"]
    assert list(raw["competitors"][0])[-1] == "x-since"  # after the relationships put back


def test_removed_x_keys_are_removed_from_the_graph(neo4j_store):
    neo4j_store.push(make(DOC))
    plain = json.loads(json.dumps(DOC))
    for section in ("organizations", "units", "people", "team", "competitors", "tenders", "activities"):
        for rec in plain[section]:
            for key in [k for k in rec if k.startswith("x-")]:
                del rec[key]
    plain["account"] = {k: v for k, v in plain["account"].items() if not k.startswith("x-")}
    neo4j_store.push(make(plain), force=True)
    pulled = to_document(neo4j_store.pull("xkeys"))
    assert [k for k in pulled["account"] if k.startswith("x-")] == []
    assert [p for p in pulled["people"] if any(k.startswith("x-") for k in p)] == []
    assert pulled["links"][0] == {"from": "bob", "to": "cy", "type": "friend", "x-seen": "2026-11-01"}
    with neo4j_store._session() as session:
        left = session.run(
            "MATCH (n) WHERE n.account = 'xkeys' AND (n.extras_json IS NOT NULL OR n.block_extras_json IS NOT NULL)"
            " RETURN labels(n) AS labels, n.block_extras_json AS block"
        ).data()
    assert left == [{"labels": ["Account"], "block": None}]  # only the file's top-level x-crm is left


def test_salesforce_ids_survive_a_trip_through_neo4j(run, neo4j_store, neo4j_env, tmp_path):
    export = write_export(tmp_path / "export", EXPORT)
    first = tmp_path / "uralmet.yaml"
    assert run("import", "salesforce", export, "--account", STEEL, "-o", first).exit_code == 0
    hand_edit(first)
    result = run("db", "push", first, env=neo4j_env)
    assert result.exit_code == 0, result.stderr
    pulled = tmp_path / "pulled.yaml"
    result = run("db", "pull", "uralmet-stal", "-o", pulled, env=neo4j_env)
    assert result.exit_code == 0, result.stderr
    from_db = yaml.safe_load(pulled.read_text(encoding="utf-8"))
    assert from_db.pop("base_version") == 1
    assert ordered(from_db) == ordered(to_document(load(first)))
    assert sum("x-salesforce-id" in p for p in from_db["people"]) == 7
    newer = newer_export(tmp_path)
    merged = {}
    for name, base in (("file", first), ("db", pulled)):
        out = tmp_path / f"merged-{name}.yaml"
        result = run("import", "salesforce", newer, "--account", STEEL, "-o", out, "--merge", base)
        assert result.exit_code == 0, result.output
        merged[name] = to_document(load(out))  # the same words (strong, supporter) in the same form
    merged["db"].pop("base_version", None)
    assert ordered(merged["db"]) == ordered(merged["file"])  # same ids, hand edits, no duplicates
    people = {p["id"]: p for p in merged["db"]["people"]}
    assert len(people) == 10 and "ivan-ivanov-2" in people and "sergey-sokolov-2" in people
    assert people["ivan-ivanov"]["pains"] == ["downtime"] and people["ivan-ivanov"]["title"] == "CIO"
