"""The push plan's rows are built fast (dicts zipped in C, shared props of equal ties): they must
be exactly the rows of the plain field-by-field construction it replaced, on every example and a
generated account."""

from __future__ import annotations

import json

import pytest

from influence.generate import generate_account
from influence.loading import load_file
from influence.store import neo4j as store
from tests.conftest import EXAMPLES


def _plain_section_nodes(section, objs, **more):
    fields = store._node_fields(section)
    extras = store.BLOCK_EXTRAS if section == "account" else store.EXTRAS
    rows = []
    for i, obj in enumerate(objs):
        got = [getattr(obj, f) for f in fields]
        props = {
            k: (list(v) or None) if type(v) is tuple else (None if v == [] else v)
            for k, v in zip(fields[1:], got[1:], strict=True)
        }
        props[extras] = store._extras_json(obj.extras)
        if section != "account":
            props["idx"] = i
        if section == "people":
            props["in_buying_team"] = obj.in_buying_team
            props["decision_maker"] = obj.is_decision_maker
        props.update(more)
        rows.append({"id": got[0], "props": {k: v for k, v in props.items() if v is not None}})
    return rows


def _plain_structure_ties(account):
    for section in ("account", *store.SECTIONS):
        for obj in [account.info] if section == "account" else getattr(account, section):
            for attr, rel, target, many in store._reference_fields(section):
                value = getattr(obj, attr)
                if value is None:
                    continue
                if many:
                    for pos, ident in enumerate(value):
                        yield rel, {"from": (section, obj.id), "to": (target, ident), "props": {"idx": pos}}
                else:
                    props = {"shorthand": True} if rel == "REPORTS_TO" else {}
                    yield rel, {"from": (section, obj.id), "to": (target, value), "props": props}


ACCOUNTS = [*sorted(EXAMPLES.glob("*.yaml")), "generated"]


@pytest.mark.parametrize("source", ACCOUNTS, ids=[getattr(a, "name", a) for a in ACCOUNTS])
def test_rows_are_the_plain_construction(source, tmp_path):
    if source == "generated":
        source = tmp_path / "generated.json"
        source.write_text(json.dumps(generate_account(3000, 5)), encoding="utf-8")
    account = load_file(source)
    plan = store.push_plan(account)
    for section in ("account", *store.SECTIONS):
        objs = [account.info] if section == "account" else getattr(account, section)
        more = {store.EXTRAS: store._extras_json(account.extras)} if section == "account" else {}
        assert plan.nodes[section] == _plain_section_nodes(section, objs, **more), section
    by_type: dict[str, list] = {}
    for kind, row in (*_plain_structure_ties(account), *store._influence_ties(account)):
        by_type.setdefault(kind, []).append(row)
    assert plan.ties == by_type
    assert list(plan.ties) == [k for k in dict.fromkeys(store.REL_TYPES) if k in by_type]  # the write order
