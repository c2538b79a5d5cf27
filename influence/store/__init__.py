"""Where accounts live: files (the default) or a Neo4j database.

Every command takes a ``SOURCE``: a file path, or ``neo4j:ACCOUNT``.
:func:`open_source` resolves either to an :class:`~influence.model.Account`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from influence.model import Account

__all__ = ["NEO4J_PREFIX", "Neo4jConfig", "open_source"]

NEO4J_PREFIX = "neo4j:"


@dataclass(frozen=True)
class Neo4jConfig:
    """How to reach Neo4j; unset fields come from the ``NEO4J_*`` environment."""

    uri: str | None = None
    username: str | None = None
    password: str | None = None
    database: str | None = None

    def resolved(self) -> Neo4jConfig:
        """Fill unset fields from the environment and defaults."""
        env = os.environ
        return Neo4jConfig(
            uri=self.uri or env.get("NEO4J_URI") or "bolt://localhost:7687",
            username=self.username or env.get("NEO4J_USERNAME") or "neo4j",
            password=self.password if self.password is not None else env.get("NEO4J_PASSWORD", ""),
            database=self.database or env.get("NEO4J_DATABASE") or None,
        )


def open_source(source: str, neo4j: Neo4jConfig | None = None) -> Account:
    """Load an account from a file path or ``neo4j:ACCOUNT``.

    Parameters
    ----------
    source : str
        A ``.yaml``/``.yml``/``.json`` path, or ``neo4j:ACCOUNT``.
    neo4j : Neo4jConfig, optional
        Connection settings for ``neo4j:`` sources.

    Returns
    -------
    Account

    Raises
    ------
    SourceError, ValidationError, StoreError
    """
    if source.startswith(NEO4J_PREFIX):
        from influence.store.neo4j import Neo4jStore

        with Neo4jStore(neo4j or Neo4jConfig()) as store:
            return store.pull(source[len(NEO4J_PREFIX) :])
    from influence.store.files import load

    return load(source)
