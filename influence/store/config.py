"""How to reach Neo4j: the connection settings shared by every store command."""

from __future__ import annotations

import os
from dataclasses import dataclass

__all__ = ["Neo4jConfig"]


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
