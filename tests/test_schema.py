"""One record schema: the declaration covers the model, and validation and serialization follow it."""

from __future__ import annotations

import dataclasses

import pytest

import influence
from influence.document import Document
from influence.schema import RECORDS, TYPES, node_properties, references
from influence.serialize import record_document, to_document
from influence.validation import build_account, build_record
from tests.conftest import EXAMPLES


@pytest.mark.parametrize("kind", list(RECORDS))
def test_each_record_declares_exactly_its_model_fields(kind):
    record = RECORDS[kind]
    model_fields = [f.name for f in dataclasses.fields(record.model) if f.init and f.name != "extras"]
    assert sorted(f.attribute for f in record.fields) == sorted(model_fields)
    for f in record.fields:
        assert f.type in TYPES
        assert (f.type == "choice") == bool(f.vocabulary)
        assert f.ref is None or f.ref in RECORDS
        assert f.neo4j is None or f.ref is not None


def test_a_declared_field_is_validated_built_and_written_back():
    doc = {
        "format": "influence/v1",
        "account": {"id": "acme", "name": "Acme"},
        "people": [
            {"id": "ann", "roles": ["sponsor", "economic_buyer"], "stance": "champion", "buying_team": False},
            {"id": "bob", "reports_to": "ann"},
        ],
        "links": [{"from": "bob", "to": "ann", "type": "friend", "strength": "weak", "back_strength": 0}],
    }
    account = build_account(Document("t.yaml", doc, {}))
    ann = account.person_by_id["ann"]
    assert ann.roles == ("economic_buyer", "sponsor") and ann.stance == 2 and ann.name == "ann"
    assert account.links[0].source == "bob" and account.links[0].back_strength == 0.0
    written = to_document(account)
    assert written["people"][0] == {
        "id": "ann",
        "name": "ann",
        "roles": ["economic_buyer", "sponsor"],
        "stance": 2,
        "buying_team": False,
    }
    assert written["links"] == [
        {"from": "bob", "to": "ann", "type": "friend", "strength": 0.3, "back_strength": 0.0}
    ]
    assert build_account(Document("again.yaml", written, {})) == account


@pytest.mark.parametrize("name", ["uralmet.yaml", "uralmet-ru.yaml", "new-account.yaml"])
def test_examples_round_trip(name):
    account = influence.load(EXAMPLES / name)
    assert build_account(Document(name, to_document(account), {})) == account


def test_record_document_and_build_record_are_inverse():
    account = influence.load(EXAMPLES / "uralmet.yaml")
    for kind in (
        "organizations",
        "units",
        "people",
        "links",
        "team",
        "relationships",
        "tenders",
        "activities",
    ):
        for obj in getattr(account, kind):
            assert build_record(kind, _typed(kind, record_document(kind, obj))) == obj


def _typed(kind, rec):
    return {k: tuple(v) if isinstance(v, list) else v for k, v in rec.items()}


def test_neo4j_mapping_helpers_split_properties_from_relationships():
    account = influence.load(EXAMPLES / "uralmet.yaml")
    ivanov = account.person_by_id["ivanov"]
    props = node_properties(RECORDS["people"], ivanov)
    assert "unit" not in props and "reports_to" not in props and props["roles"] == list(ivanov.roles)
    assert ("WORKS_IN", "units", "steel-it", 0) in references(RECORDS["people"], ivanov)
    activity = next(a for a in account.activities if len(a.targets) > 1)
    targets = [r for r in references(RECORDS["activities"], activity) if r[0] == "TARGETS"]
    assert [(t[2], t[3]) for t in targets] == [(p, i) for i, p in enumerate(activity.targets)]
