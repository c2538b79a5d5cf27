"""Small account files for the store tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


def account_doc(account: str, name: str, *people: str, base: int | None = None) -> dict[str, Any]:
    """A minimal account ``account`` with these people (ids; names their title case), at ``base``."""
    doc: dict[str, Any] = {"format": "influence/v1", "account": {"id": account, "name": name}}
    if base is not None:
        doc["base_version"] = base
    doc["people"] = [{"id": p, "name": p.title()} for p in people]
    return doc


def write_doc(path: Path, doc: dict[str, Any]) -> Path:
    """``doc`` written as YAML to ``path``."""
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return path
