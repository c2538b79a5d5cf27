"""Ctrl-C during ``db push``: the message says what is known of the push, exit 2 (not a bare "Aborted!")."""

from __future__ import annotations

import influence
import influence.cli.db
from influence.store.neo4j import Neo4jStore
from tests.conftest import EXAMPLES


def _pulled(neo4j_store, neo4j_env, run, tmp_path):
    neo4j_store.push(influence.load(EXAMPLES / "uralmet.yaml"))
    path = tmp_path / "uralmet.yaml"
    assert run("db", "pull", "uralmet", "-o", path, env=neo4j_env).exit_code == 0
    path.write_text(
        path.read_text(encoding="utf-8").replace("UralMet Holding", "UralMet Group"), encoding="utf-8"
    )
    return path


def test_interrupted_before_the_store_answers(neo4j_store, neo4j_env, run, tmp_path, monkeypatch):
    path = _pulled(neo4j_store, neo4j_env, run, tmp_path)

    def interrupted(self, *args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(Neo4jStore, "push", interrupted)
    result = run("db", "push", path, env=neo4j_env)
    assert (result.exit_code, result.stderr) == (
        2,
        f"error: {path}: interrupted during its push; it may or may not be stored: "
        "'influence db history uralmet' shows the last version\n",
    )


def test_interrupted_after_the_store_wrote_it(neo4j_store, neo4j_env, run, tmp_path, monkeypatch):
    """The store has version 2; the file still says 1: the message says both, so the next push is not a surprise."""
    path = _pulled(neo4j_store, neo4j_env, run, tmp_path)
    before = path.read_bytes()

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(influence.cli.db, "_rebase", interrupted)
    result = run("db", "push", path, env=neo4j_env)
    assert (result.exit_code, result.stderr) == (
        2,
        f"error: {path}: stored as version 2 of 'uralmet', but interrupted before the file's base_version "
        "was set to it: write 'base_version: 2' in it, or pull the account\n",
    )
    assert neo4j_store.history("uralmet")[0].version == 2
    assert path.read_bytes() == before
