"""An account back to an ``influence/v1`` document (plain data), and to text.

``to_document(load(f))`` validates and analyses exactly as ``f`` does; the
Neo4j store writes pulled accounts through it.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import yaml

from influence.model import FORMAT, Account, Person

__all__ = ["dump_document", "to_document"]


def _clean(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if v is not None and v != () and v is not False}


def _person(p: Person) -> dict[str, Any]:
    return (
        _clean(
            {
                "id": p.id,
                "name": p.name,
                "title": p.title,
                "unit": p.unit,
                "reports_to": p.reports_to,
                "email": p.email,
                "phone": p.phone,
                "roles": list(p.roles) or None,
                "stance": p.stance,
                "awareness": p.awareness,
                "pains": list(p.pains) or None,
                "offer": p.offer,
                "notes": p.notes,
                "informal": p.informal,
                "private": p.private,
            }
        )
        | ({"buying_team": p.buying_team} if p.buying_team is not None else {})
        | p.extras
    )


def to_document(account: Account) -> dict[str, Any]:
    """The ``influence/v1`` document of an account, as plain data.

    Parameters
    ----------
    account : Account

    Returns
    -------
    dict
        Keys in the spec's order; absent values left out; dates as
        ``datetime.date``; ``x-`` keys kept, at the top level and on records.
    """
    info = account.info
    doc: dict[str, Any] = {
        "format": FORMAT,
        "account": _clean(
            {
                "id": info.id,
                "name": info.name,
                "segment": info.segment,
                "owner": info.owner,
                "target_unit": info.target_unit,
                "target_rationale": info.target_rationale,
                "fiscal_year_start": info.fiscal_year_start,
                "next_review": info.next_review,
                "language": info.language,
            }
        )
        | info.extras,
        "organizations": [
            _clean({"id": o.id, "name": o.name, "kind": o.kind, "parent": o.parent, "ownership": o.ownership})
            | o.extras
            for o in account.organizations
        ],
        "units": [
            _clean({"id": u.id, "name": u.name, "organization": u.organization, "parent": u.parent})
            | u.extras
            for u in account.units
        ],
        "people": [_person(p) for p in account.people],
        "links": [
            _clean(
                {
                    "from": x.source,
                    "to": x.target,
                    "type": x.type,
                    "strength": x.strength,
                    "private": x.private,
                }
            )
            | ({"back_strength": x.back_strength} if x.back_strength is not None else {})
            | x.extras
            for x in account.links
        ],
        "team": [_clean({"id": t.id, "name": t.name, "role": t.role}) | t.extras for t in account.team],
        "relationships": [
            _clean(
                {"team": r.team, "person": r.person, "strength": r.strength, "last_contact": r.last_contact}
            )
            | r.extras
            for r in account.relationships
        ],
        "competitors": [
            _clean(
                {
                    "id": c.id,
                    "name": c.name,
                    "incumbent": c.incumbent,
                    "relationships": [
                        {"person": t.person, "strength": t.strength} | t.extras for t in c.relationships
                    ]
                    or None,
                }
            )
            | c.extras
            for c in account.competitors
        ],
        "tenders": [
            _clean({"id": t.id, "title": t.title, "submission": t.submission}) | t.extras
            for t in account.tenders
        ],
        "activities": [
            _clean(
                {
                    "id": a.id,
                    "kind": a.kind,
                    "date": a.date,
                    "targets": list(a.targets) or None,
                    "owner": a.owner,
                    "budget": a.budget,
                    "status": a.status,
                }
            )
            | a.extras
            for a in account.activities
        ],
    }
    doc = {k: v for k, v in doc.items() if v != []}
    doc.update(account.extras)
    if account.base_version is not None:  # right after `format`: the store version the file was read at
        doc = {"format": doc.pop("format"), "base_version": account.base_version, **doc}
    return doc


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} to JSON")


def dump_document(doc: dict[str, Any], kind: str) -> str:
    """Render a document as ``yaml`` or ``json`` text (UTF-8 kept as is)."""
    if kind == "json":
        return json.dumps(doc, ensure_ascii=False, indent=2, default=_json_default) + "\n"
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=100)
