"""The Cypher statements the store runs, read from the project's ``cypher/`` files.

A file holds one or more statements, each ended by ``;``. A statement is
named by a ``// name: NAME`` comment line above it; ``schema.cypher`` holds
unnamed statements that are all run in order.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from influence.errors import StoreError

__all__ = ["CYPHER_DIR", "named_statements", "statements"]

CYPHER_DIR = Path(__file__).resolve().parents[2] / "cypher"
_NAME = re.compile(r"^//\s*name:\s*([a-z0-9_]+)\s*$")


def _read(file: str) -> str:
    path = CYPHER_DIR / file
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise StoreError(f"cannot read the Cypher file {path}: {exc.strerror or exc}") from None


@functools.cache
def statements(file: str) -> tuple[str, ...]:
    """Every statement of a file, comments removed, in order."""
    out, current = [], []
    for line in _read(file).splitlines():
        if line.strip().startswith("//") or not line.strip():
            continue
        current.append(line)
        if line.rstrip().endswith(";"):
            out.append("\n".join(current).rstrip().rstrip(";"))
            current = []
    if current:
        out.append("\n".join(current))
    return tuple(out)


@functools.cache
def named_statements(file: str) -> dict[str, str]:
    """The named statements of a file: ``{name: text}``."""
    out: dict[str, str] = {}
    name: str | None = None
    current: list[str] = []
    for line in _read(file).splitlines():
        match = _NAME.match(line.strip())
        if match:
            name, current = match.group(1), []
            continue
        if line.strip().startswith("//") or not line.strip() or name is None:
            continue
        current.append(line)
        if line.rstrip().endswith(";"):
            out[name] = "\n".join(current).rstrip().rstrip(";")
            name, current = None, []
    return out
