"""The Cypher statements the store runs, shipped inside the package.

They live in ``influence/cypher/*.cypher``: plain Cypher files, readable and
runnable in Neo4j Browser, read with :mod:`importlib.resources` so that an
installed wheel finds them as well as a source checkout.

A file holds one or more statements, each ended by ``;``. A statement is
named by a ``// name: NAME`` comment line above it; ``schema.cypher`` holds
unnamed statements that are all run in order.

>>> "read_people" in named_statements("pull.cypher")
True
"""

from __future__ import annotations

import functools
import re
from importlib import resources

from influence.errors import StoreError

__all__ = ["CYPHER_PACKAGE", "named_statements", "parse_named", "parse_statements", "statements"]

CYPHER_PACKAGE = "influence"
_NAME = re.compile(r"^//\s*name:\s*([a-z0-9_]+)\s*$")


def _read(file: str) -> str:
    resource = resources.files(CYPHER_PACKAGE).joinpath("cypher", file)
    try:
        return resource.read_text(encoding="utf-8")
    except OSError as exc:
        raise StoreError(f"cannot read the Cypher file {resource}: {exc.strerror or exc}") from exc


def parse_statements(text: str) -> tuple[str, ...]:
    """Every statement of a Cypher text, comments removed, in order.

    >>> parse_statements("// c\\nRETURN 1;\\nRETURN 2;")
    ('RETURN 1', 'RETURN 2')
    """
    out, current = [], []
    for line in text.splitlines():
        if line.strip().startswith("//") or not line.strip():
            continue
        current.append(line)
        if line.rstrip().endswith(";"):
            out.append("\n".join(current).rstrip().rstrip(";"))
            current = []
    if current:
        out.append("\n".join(current))
    return tuple(out)


def parse_named(text: str) -> dict[str, str]:
    """The named statements of a Cypher text: ``{name: text}``.

    >>> parse_named("// name: one\\nRETURN 1;")
    {'one': 'RETURN 1'}
    """
    out: dict[str, str] = {}
    name: str | None = None
    current: list[str] = []
    for line in text.splitlines():
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


@functools.cache
def statements(file: str) -> tuple[str, ...]:
    """Every statement of a packaged file (``schema.cypher``), in order."""
    return parse_statements(_read(file))


@functools.cache
def named_statements(file: str) -> dict[str, str]:
    """The named statements of a packaged file: ``{name: text}``."""
    return parse_named(_read(file))
