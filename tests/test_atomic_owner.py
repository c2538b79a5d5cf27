"""A file replaced keeps its owner and group; a file the user may not write is not replaced unseen."""

from __future__ import annotations

import os

import pytest

import influence.atomic
from influence.atomic import atomic_write
from influence.errors import SourceError
from tests.conftest import EXAMPLES

root_only = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="gives files away")


@root_only
def test_a_replaced_file_keeps_its_owner_and_group(tmp_path):
    path = tmp_path / "bobs.yaml"
    path.write_bytes(b"old\n")
    os.chown(path, 4321, 4322)  # another user's file, in their group
    atomic_write(path, b"new\n")
    info = os.stat(path)
    assert (info.st_uid, info.st_gid, path.read_bytes()) == (4321, 4322, b"new\n")


@root_only
def test_the_group_is_kept_when_the_owner_cannot_be(tmp_path, monkeypatch):
    """A member of the team replacing a teammate's file: the file stays the team's."""
    path = tmp_path / "team.yaml"
    path.write_bytes(b"old\n")
    os.chown(path, 4321, 4322)
    real = os.fchown

    def members_only(fd, uid, gid):
        if uid != -1:
            raise PermissionError(1, "Operation not permitted")
        real(fd, uid, gid)

    monkeypatch.setattr(influence.atomic.os, "fchown", members_only)
    atomic_write(path, b"new\n")
    assert (os.stat(path).st_gid, path.read_bytes()) == (4322, b"new\n")


def test_a_read_only_file_is_refused_unless_forced(tmp_path):
    path = tmp_path / "notes.md"
    path.write_bytes(b"my notes\n")
    path.chmod(0o444)
    with pytest.raises(SourceError) as refused:
        atomic_write(path, b"report\n")
    assert str(refused.value) == f"{path}: cannot write: the file is read-only for you (see its permissions)"
    with pytest.raises(SourceError) as named:
        atomic_write(path, b"report\n", force=False)
    assert str(named.value) == (
        f"{path}: the file is read-only for you (see its permissions); give --force to replace it"
    )
    assert path.read_bytes() == b"my notes\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.md"]
    atomic_write(path, b"report\n", force=True)
    assert path.read_bytes() == b"report\n"


def test_a_file_the_user_may_not_write_is_refused(tmp_path, monkeypatch):
    """Another user's file (writable by its owner only) in a folder the user may write."""
    path = tmp_path / "bobs.md"
    path.write_bytes(b"bob's notes\n")
    monkeypatch.setattr(influence.atomic.os, "access", lambda p, mode, **kw: mode != os.W_OK)
    with pytest.raises(SourceError, match="read-only for you"):
        atomic_write(path, b"report\n")
    assert path.read_bytes() == b"bob's notes\n"


def test_commands_refuse_a_read_only_file_and_generate_names_force(run, tmp_path):
    notes = tmp_path / "ro.md"
    notes.write_bytes(b"my notes\n")
    notes.chmod(0o444)
    report = run("gaps", EXAMPLES / "uralmet.yaml", "-o", notes)
    assert (report.exit_code, report.stderr) == (
        2,
        f"error: {notes}: cannot write: the file is read-only for you (see its permissions)\n",
    )
    account = tmp_path / "ro.yaml"
    account.write_bytes(b"not yet\n")
    account.chmod(0o444)
    generated = run("generate", "--people", "3", "-o", account)
    assert (generated.exit_code, generated.stderr) == (
        2,
        f"error: {account}: the file is read-only for you (see its permissions); give --force to replace it\n",
    )
    assert (notes.read_bytes(), account.read_bytes()) == (b"my notes\n", b"not yet\n")
    assert run("generate", "--people", "3", "-o", account, "--force").exit_code == 0
