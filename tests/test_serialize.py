"""``to_document``: an account back to plain data, ``x-`` keys included."""

from __future__ import annotations

from influence.loading import parse_text
from influence.serialize import dump_document, to_document
from influence.validation import build_account

TEXT = """\
format: influence/v1
account: {id: a, name: A, x-salesforce-id: 001A}
organizations: [{id: o, name: O, x-salesforce-id: 001B}]
units: [{id: u, organization: o, x-origin: crm}]
people:
  - {id: p, name: P, unit: u, x-salesforce-id: 003A, x-history: {stance: [0, 1]}}
  - {id: q, name: Q}
links: [{from: p, to: q, type: friend, x-source: lunch}]
team: [{id: t, name: T, x-salesforce-id: 005A}]
relationships: [{team: t, person: p, x-note: met twice}]
competitors: [{id: c, name: C, relationships: [{person: p, x-since: 2020}], x-web: c.example}]
tenders: [{id: d, title: D, x-salesforce-id: 006A}]
activities: [{id: v, kind: meeting, targets: [p], x-room: 4}]
x-top: kept
"""


def test_x_keys_survive_on_every_record():
    doc = to_document(build_account(parse_text(TEXT, "a.yaml", "yaml")))
    assert doc["account"]["x-salesforce-id"] == "001A"
    assert doc["organizations"][0]["x-salesforce-id"] == "001B"
    assert doc["units"][0]["x-origin"] == "crm"
    assert doc["people"][0]["x-history"] == {"stance": [0, 1]}
    assert "x-salesforce-id" not in doc["people"][1]
    assert doc["links"][0]["x-source"] == "lunch"
    assert doc["team"][0]["x-salesforce-id"] == "005A"
    assert doc["relationships"][0]["x-note"] == "met twice"
    assert doc["competitors"][0]["x-web"] == "c.example"
    assert doc["competitors"][0]["relationships"][0]["x-since"] == 2020
    assert doc["tenders"][0]["x-salesforce-id"] == "006A"
    assert doc["activities"][0]["x-room"] == 4
    assert doc["x-top"] == "kept"


def test_round_trip_text_is_stable():
    once = dump_document(to_document(build_account(parse_text(TEXT, "a.yaml", "yaml"))), "yaml")
    twice = dump_document(to_document(build_account(parse_text(once, "b.yaml", "yaml"))), "yaml")
    assert once == twice
