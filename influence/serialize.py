"""An account back to an ``influence/v1`` document (plain data), and to text.

``to_document(load(f))`` validates and analyses exactly as ``f`` does; the
Neo4j store writes pulled accounts through it.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from influence.model import FORMAT, Account
from influence.schema import LIST_SECTIONS, RECORDS, Field
from influence.yamlwriter import dump_yaml

__all__ = ["dump_document", "record_document", "to_document"]


def _omitted(f: Field, value: Any) -> bool:
    """An absent value: None, an empty list, or false where false is the default."""
    return value is None or value == () or (value is False and f.type == "bool" and f.key != "buying_team")


def record_document(kind: str, obj: Any) -> dict[str, Any]:
    """One record as plain data, keys in declaration order (see :data:`influence.schema.RECORDS`).

    The record's ``x-`` keys (``extras``) follow the declared ones.

    >>> from influence.model import Link
    >>> record_document("links", Link("ann", "bob", "friend", strength=0.3))
    {'from': 'ann', 'to': 'bob', 'type': 'friend', 'strength': 0.3}
    """
    out: dict[str, Any] = {}
    for f in RECORDS[kind].fields:
        value = getattr(obj, f.attribute)
        if _omitted(f, value):
            continue
        if f.type == "records" and f.record is not None:
            out[f.key] = [record_document(f.record, item) for item in value]
        else:
            out[f.key] = list(value) if isinstance(value, tuple) else value
    out.update(obj.extras)
    return out


def to_document(account: Account) -> dict[str, Any]:
    """The ``influence/v1`` document of an account, as plain data.

    Parameters
    ----------
    account : Account

    Returns
    -------
    dict
        Keys in the format's order; absent values left out; dates as
        ``datetime.date``; ``x-`` keys kept, at the top level and on records.

    Examples
    --------
    >>> from influence.model import Account, AccountInfo
    >>> to_document(Account(AccountInfo("acme", "Acme")))
    {'format': 'influence/v1', 'account': {'id': 'acme', 'name': 'Acme'}}
    """
    doc: dict[str, Any] = {"format": FORMAT, "account": record_document("account", account.info)}
    for section in LIST_SECTIONS:
        rows = [record_document(section, obj) for obj in getattr(account, section)]
        if rows:
            doc[section] = rows
    doc.update(account.extras)
    if account.base_version is not None:  # right after `format`: the store version the file was read at
        doc = {"format": doc.pop("format"), "base_version": account.base_version, **doc}
    return doc


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} to JSON")


def dump_document(doc: dict[str, Any], kind: str) -> str:
    """Render a document as ``yaml`` or ``json`` text (UTF-8 kept as is).

    YAML is byte for byte what ``yaml.safe_dump(doc, allow_unicode=True,
    sort_keys=False, width=100)`` writes with aliases off (every value in
    full, never ``&id001`` / ``*id001``), by the fast writer of
    :mod:`influence.yamlwriter`.

    >>> print(dump_document({"format": "influence/v1", "account": {"id": "on"}}, "yaml"), end="")
    format: influence/v1
    account:
      id: 'on'
    >>> dump_document({"n": 1}, "json")
    '{\\n  "n": 1\\n}\\n'
    """
    if kind == "json":
        return json.dumps(doc, ensure_ascii=False, indent=2, default=_json_default) + "\n"
    return dump_yaml(doc)
