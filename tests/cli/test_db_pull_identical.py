"""``db pull ACCOUNT -o FILE`` leaves FILE as it is when it already holds exactly what would be written.

The store is stood in for (no Neo4j needed): the command's writing is what is tested.
"""

from __future__ import annotations

import dataclasses
import os

import pytest

import influence.cli.db
from influence.atomic import atomic_write
from influence.loading import load_file
from tests.conftest import EXAMPLES


class _Store:
    """What ``db pull`` asks of the store: the account, as stored at version 1."""

    def __init__(self, source):
        self.account = dataclasses.replace(load_file(source), base_version=1)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return None

    def pull(self, account_id, version=None):
        assert account_id == self.account.id
        return self.account


@pytest.mark.parametrize(
    ("source", "said"),
    [
        ("uralmet.yaml", "{file}: already holds what was pulled; left as it is\n"),
        ("uralmet-ru.yaml", "{file}: уже содержит то, что получено из базы; оставлен как есть\n"),
    ],
)
def test_a_file_holding_the_pulled_bytes_is_not_rewritten(run, tmp_path, monkeypatch, source, said):
    monkeypatch.setattr(influence.cli.db, "_store", lambda: _Store(EXAMPLES / source))
    out = tmp_path / "uralmet.yaml"
    first = run("db", "pull", "uralmet", "-o", out)
    assert first.exit_code == 0, first.stderr
    pulled = out.read_bytes()
    os.utime(out, ns=(1_000_000_000, 1_000_000_000))  # an old time, to see that it stays
    before = os.stat(out)
    again = run("db", "pull", "uralmet", "-o", out)
    assert (again.exit_code, again.stderr) == (0, said.format(file=out))
    after = os.stat(out)
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert out.read_bytes() == pulled


def test_a_read_only_file_already_up_to_date_needs_no_force(run, tmp_path, monkeypatch):
    monkeypatch.setattr(influence.cli.db, "_store", lambda: _Store(EXAMPLES / "uralmet.yaml"))
    out = tmp_path / "uralmet.yaml"
    assert run("db", "pull", "uralmet", "-o", out).exit_code == 0
    out.chmod(0o444)
    again = run("db", "pull", "uralmet", "-o", out)
    assert (again.exit_code, again.stderr) == (0, f"{out}: already holds what was pulled; left as it is\n")


def test_atomic_write_keeps_an_identical_file_only_when_asked(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("same\n", encoding="utf-8")
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    assert atomic_write(path, "same\n", keep_identical=True) is False
    assert os.stat(path).st_mtime_ns == 1_000_000_000
    assert atomic_write(path, "other\n", keep_identical=True) is True
    assert path.read_text(encoding="utf-8") == "other\n"
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    assert atomic_write(path, "other\n") is True  # the default: written, as every other writer wants
    assert os.stat(path).st_mtime_ns != 1_000_000_000
