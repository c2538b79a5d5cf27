"""Two writers of one file: the one that checks second sees the first's change instead of losing it.

``expect`` (the bytes a command read) is checked and the file replaced
while holding a lock on its folder, and checked again just before the
rename: another influence process waits, and a save by anyone else in
between is not overwritten. The other writer is put between the check and
the rename by wrapping ``_replace_all``, the step that renames.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
import textwrap

import pytest

import influence.atomic
from influence.atomic import atomic_write
from influence.errors import SourceError
from tests.conftest import ROOT

_OTHER_WRITER = textwrap.dedent(
    """
    import sys
    from influence.atomic import atomic_write
    from influence.errors import SourceError
    path = sys.argv[1]
    print("ready", flush=True)
    try:
        atomic_write(path, b"B's edit\\n", expect=b"old\\n")
    except SourceError as exc:
        print("refused:", exc, flush=True)
    else:
        print("wrote", flush=True)
    """
)


def _between_check_and_rename(monkeypatch, action) -> None:
    """Run ``action`` after the command checked its file and before it renames the new content in."""
    real = influence.atomic._replace_all

    def replace_all(staged):
        action()
        real(staged)

    monkeypatch.setattr(influence.atomic, "_replace_all", replace_all)


def test_another_influence_process_waits_and_then_sees_the_change(tmp_path, monkeypatch):
    path = tmp_path / "c.yaml"
    path.write_bytes(b"old\n")
    other: list[subprocess.Popen] = []

    def start_other_writer() -> None:
        process = subprocess.Popen(
            [sys.executable, "-c", _OTHER_WRITER, str(path)], cwd=ROOT, stdout=subprocess.PIPE, text=True
        )
        assert process.stdout is not None and process.stdout.readline() == "ready\n"
        with contextlib.suppress(subprocess.TimeoutExpired):  # it waits for this process's lock
            process.wait(timeout=1.5)  # without a lock it checks "old" and renames in this time
        other.append(process)

    _between_check_and_rename(monkeypatch, start_other_writer)
    atomic_write(path, b"A's edit\n", expect=b"old\n")
    said, _ = other[0].communicate(timeout=30)
    assert said == f"refused: {path}: changed while this command ran; nothing written (run it again)\n"
    assert path.read_bytes() == b"A's edit\n"


def test_a_save_between_the_check_and_the_rename_is_not_overwritten(tmp_path, monkeypatch):
    path = tmp_path / "c.yaml"
    path.write_bytes(b"old\n")
    _between_check_and_rename(monkeypatch, lambda: path.write_bytes(b"hand edit\n"))
    with pytest.raises(SourceError) as refused:
        atomic_write(path, b"A's edit\n", expect=b"old\n")
    assert str(refused.value) == f"{path}: changed while this command ran; nothing written (run it again)"
    assert path.read_bytes() == b"hand edit\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.yaml"]  # no temporary file left


def _held(folder):
    """The folder's lock, taken as another influence command writing there would hold it."""
    import fcntl
    import os

    handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    fcntl.flock(handle, fcntl.LOCK_EX)
    return handle


def test_a_write_waiting_too_long_for_the_folder_gives_up_and_leaves_nothing(tmp_path, monkeypatch):
    """A run blocked by another (suspended) one used to wait without end and say nothing."""
    import os

    target = tmp_path / "report.md"
    target.write_text("old\n", encoding="utf-8")
    monkeypatch.setattr(influence.atomic, "LOCK_WAIT", 0.2)
    handle = _held(tmp_path)
    try:
        with pytest.raises(SourceError, match=r"another influence command has been writing there for 0 s"):
            atomic_write(target, "new\n")
    finally:
        os.close(handle)
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.md"]


def test_a_stop_while_waiting_for_the_folder_leaves_no_temporary_file(tmp_path, monkeypatch):
    """Ctrl-C or SIGTERM while waiting for another command's lock left the full-size temporary files."""
    target = tmp_path / "report.md"
    target.write_text("old\n", encoding="utf-8")

    def stopped(handle):
        raise KeyboardInterrupt

    monkeypatch.setattr(influence.atomic, "_lock", stopped)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, "new\n")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.md"]
