"""How to reach Neo4j: the connection settings shared by every store command."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, fields

from influence.errors import UsageError

__all__ = ["Neo4jConfig", "shown_uri"]

#: The user-information part of a URI (``user:password@`` before the host); text, compiled
#: (and cached) by ``re`` when a URI is first shown, not by every command at import.
_USERINFO = r"^(?P<scheme>[^:/?#]*://)(?P<info>[^/?#]*)@"


@dataclass(frozen=True)
class Neo4jConfig:
    """How to reach Neo4j; unset fields come from the ``NEO4J_*`` environment.

    Its repr never shows the password, neither the field nor one written into
    the URI, so a notebook cell that displays the settings keeps it out of the
    saved notebook:

    >>> Neo4jConfig(uri="bolt://neo4j:s3cret@db:7687", password="s3cret")
    Neo4jConfig(uri='bolt://neo4j:***@db:7687', username=None, password='***', database=None)
    >>> Neo4jConfig(uri=7687)
    Traceback (most recent call last):
    ...
    influence.errors.UsageError: Neo4jConfig: uri must be text (a str) or None, not int
    """

    uri: str | None = None
    username: str | None = None
    password: str | None = None
    database: str | None = None

    def __post_init__(self) -> None:
        for field in fields(self):
            value = getattr(self, field.name)
            if value is not None and not isinstance(value, str):  # never the value: it may be the password
                raise UsageError(
                    f"Neo4jConfig: {field.name} must be text (a str) or None, not {type(value).__name__}"
                )

    def __repr__(self) -> str:
        shown = {
            "uri": None if self.uri is None else shown_uri(self.uri),
            "username": self.username,
            "password": None if self.password is None else "***",
            "database": self.database,
        }
        return f"Neo4jConfig({', '.join(f'{k}={v!r}' for k, v in shown.items())})"

    def resolved(self) -> Neo4jConfig:
        """Fill unset fields from the environment and defaults."""
        env = os.environ
        return Neo4jConfig(
            uri=self.uri or env.get("NEO4J_URI") or "bolt://localhost:7687",
            username=self.username or env.get("NEO4J_USERNAME") or "neo4j",
            password=self.password if self.password is not None else env.get("NEO4J_PASSWORD", ""),
            database=self.database or env.get("NEO4J_DATABASE") or None,
        )

    @property
    def shown_uri(self) -> str:
        """The URI as messages show it: a password written into it is masked (see :func:`shown_uri`)."""
        return shown_uri(self.uri or "")


def shown_uri(uri: str) -> str:
    """A URI with the password of its user information replaced by ``***``, for messages.

    >>> shown_uri("bolt://neo4j:s3cret@db.example.com:7687")
    'bolt://neo4j:***@db.example.com:7687'
    >>> shown_uri("bolt://localhost:7687")
    'bolt://localhost:7687'
    """
    found = re.match(_USERINFO, uri)
    if found is None:
        return uri
    user, colon, _ = found["info"].partition(":")
    return f"{found['scheme']}{user}{':***' if colon else ''}@{uri[found.end() :]}"
