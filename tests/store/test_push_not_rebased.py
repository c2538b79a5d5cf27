"""``db push`` of a file whose base_version cannot be written after the push: stored, said so, the rest pushed."""

from __future__ import annotations

import errno

import influence
import influence.cli.db
from influence.errors import Msg, SourceError, os_reason
from tests.conftest import EXAMPLES


def _pulled(neo4j_store, neo4j_env, run, path, account, name, renamed):
    assert run("db", "pull", account, "-o", path, env=neo4j_env).exit_code == 0
    path.write_text(path.read_text(encoding="utf-8").replace(name, renamed), encoding="utf-8")
    return path


def test_a_stored_version_whose_file_cannot_be_rebased_is_said_and_the_next_file_pushed(
    neo4j_store, neo4j_env, run, tmp_path, monkeypatch
):
    neo4j_store.push(influence.load(EXAMPLES / "uralmet.yaml"))
    neo4j_store.push(influence.load(EXAMPLES / "new-account.yaml"))
    full = _pulled(
        neo4j_store, neo4j_env, run, tmp_path / "u.yaml", "uralmet", "UralMet Holding", "UralMet 2"
    )
    other = _pulled(
        neo4j_store, neo4j_env, run, tmp_path / "n.yaml", "nordchem", "NordChem Group", "NordChem 2"
    )
    before = full.read_bytes()
    real = influence.cli.db.atomic_write

    def disk_full(path, data, **kwargs):
        if str(path) == str(full):
            reason = os_reason(OSError(errno.ENOSPC, "No space left on device"))
            raise SourceError(Msg("{file}: cannot write: {reason}", file=str(path), reason=reason))
        real(path, data, **kwargs)

    monkeypatch.setattr(influence.cli.db, "atomic_write", disk_full)
    result = run("db", "push", full, other, "-m", "two", env=neo4j_env)
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{full}: pushed account 'uralmet' as version 2 (")
    assert lines[1].startswith(f"{other}: pushed account 'nordchem' as version 2 (")
    assert lines[1].endswith(f"; {other} is now based on version 2")
    assert result.stderr == (
        f"error: {full}: stored as version 2 of 'uralmet', but the file's base_version could not be set to "
        f"it ({full}: cannot write: No space left on device): write 'base_version: 2' in it, or pull the "
        "account\n"
    )
    assert full.read_bytes() == before
    assert neo4j_store.history("uralmet")[0].version == 2
    assert neo4j_store.history("nordchem")[0].version == 2
