"""Atomic writes: old content or new, never half; permissions and symbolic links kept."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading

import pytest

from influence.atomic import AtomicFiles, atomic_write
from influence.errors import SourceError
from influence.i18n import translator
from tests.conftest import EXAMPLES


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_a_new_file_gets_the_usual_permissions(tmp_path):
    mask = os.umask(0o022)
    try:
        atomic_write(tmp_path / "new.yaml", "a: 1\n")
    finally:
        os.umask(mask)
    assert _mode(tmp_path / "new.yaml") == 0o644
    assert (tmp_path / "new.yaml").read_text(encoding="utf-8") == "a: 1\n"


def test_a_replaced_file_keeps_its_permissions(tmp_path):
    path = tmp_path / "private.yaml"
    path.write_text("old\n", encoding="utf-8")
    path.chmod(0o600)  # an account kept readable by its owner only
    atomic_write(path, b"new\n")
    assert (_mode(path), path.read_bytes()) == (0o600, b"new\n")


def test_a_symbolic_link_stays_a_link(tmp_path):
    real = tmp_path / "store" / "uralmet.yaml"
    real.parent.mkdir()
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "uralmet.yaml"
    link.symlink_to(real)
    atomic_write(link, "new\n")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new\n"
    assert sorted(p.name for p in real.parent.iterdir()) == ["uralmet.yaml"]  # no temporary file left


def test_a_failed_write_leaves_the_old_file_and_no_temporary_one(tmp_path, monkeypatch):
    path = tmp_path / "a.yaml"
    path.write_text("old\n", encoding="utf-8")

    def full(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(SourceError, match=r"a\.yaml: cannot write: No space left on device"):
        atomic_write(path, "new\n")
    assert [p.name for p in tmp_path.iterdir()] == ["a.yaml"]
    assert path.read_text(encoding="utf-8") == "old\n"


def test_a_missing_folder_and_a_directory_are_named(tmp_path):
    with pytest.raises(
        SourceError, match=f"{tmp_path}/nope/a.yaml: folder '{tmp_path}/nope' does not exist; create it first"
    ):
        atomic_write(tmp_path / "nope" / "a.yaml", "x")
    with pytest.raises(SourceError, match="is a directory"):
        atomic_write(tmp_path, "x")


def test_plan_apply_keeps_a_private_files_permissions(run, tmp_path):
    path = tmp_path / "acct.yaml"
    first = run("plan", EXAMPLES / "uralmet.yaml", "--as-of", "2026-11-27", "--apply", "-o", path)
    assert first.exit_code == 0
    path.chmod(0o600)
    again = run("plan", path, "--as-of", "2026-11-27", "--apply", "-o", path)  # written anew, no comments
    assert again.exit_code == 0, again.stderr
    assert _mode(path) == 0o600


def _drain(fifo, into: list) -> threading.Thread:
    def read() -> None:
        with open(fifo, "rb") as handle:
            into.append(handle.read())

    reader = threading.Thread(target=read, daemon=True)  # never left blocked if nothing opens the pipe
    reader.start()
    return reader


@pytest.mark.parametrize("linked", [False, True], ids=["pipe", "link to a pipe"])
def test_a_named_pipe_is_written_into_not_replaced(tmp_path, linked):
    """As ``-o /dev/null`` or ``-o /dev/stdout``: replacing a device with a file broke the machine."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    target = fifo
    if linked:  # /dev/stdout is a link to /proc/self/fd/1
        target = tmp_path / "stdout"
        target.symlink_to(fifo)
    got: list[bytes] = []
    reader = _drain(fifo, got)
    atomic_write(target, "Отчёт\n")
    reader.join(timeout=10)
    assert got == ["Отчёт\n".encode()]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted({"pipe", target.name})


def test_dev_stdout_reaches_the_pipe_it_names():
    source = str(EXAMPLES / "uralmet.yaml")
    command = [sys.executable, "-m", "influence", "sponsors", source, "--format", "csv"]
    printed = subprocess.run(command, capture_output=True, text=True)
    through = subprocess.run([*command, "-o", "/dev/stdout"], capture_output=True, text=True)
    assert (through.returncode, through.stderr) == (0, "")
    assert through.stdout == printed.stdout + "wrote /dev/stdout\n"


def test_expect_replaces_only_the_bytes_that_were_read(tmp_path):
    path = tmp_path / "acct.yaml"
    path.write_bytes(b"read: 1\n")
    atomic_write(path, "mine: 2\n", expect=b"read: 1\n")
    assert path.read_bytes() == b"mine: 2\n"
    path.write_bytes(b"theirs: 3\n")  # saved by someone else after the command read it
    with pytest.raises(SourceError) as caught:
        atomic_write(path, "mine: 4\n", expect=b"mine: 2\n")
    assert str(caught.value) == f"{path}: changed while this command ran; nothing written (run it again)"
    assert path.read_bytes() == b"theirs: 3\n"
    assert [p.name for p in tmp_path.iterdir()] == ["acct.yaml"]  # no temporary file left
    path.unlink()
    with pytest.raises(SourceError):
        atomic_write(path, "mine: 5\n", expect=b"theirs: 3\n")  # deleted meanwhile: not recreated
    assert not path.exists()


# --- several files: AtomicFiles ------------------------------------------------------------------


def _names(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_several_files_are_replaced_together(tmp_path):
    (tmp_path / "a.md").write_text("old a\n", encoding="utf-8")
    with AtomicFiles() as files:
        files.write(tmp_path / "a.md", "new a\n")
        files.write(tmp_path / "b.json", b"{}")
        assert (tmp_path / "a.md").read_text(encoding="utf-8") == "old a\n"  # nothing replaced yet
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == "new a\n"
    assert _names(tmp_path) == ["a.md", "b.json"]


def test_a_file_that_cannot_be_written_leaves_the_others_unwritten(tmp_path):
    (tmp_path / "a.md").write_text("old a\n", encoding="utf-8")
    with pytest.raises(SourceError, match="does not exist"), AtomicFiles() as files:
        files.write(tmp_path / "a.md", "new a\n")
        files.write(tmp_path / "nope" / "b.json", "{}")
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == "old a\n"
    assert _names(tmp_path) == ["a.md"]  # no temporary file left


def test_an_error_in_the_block_writes_nothing(tmp_path):
    with pytest.raises(KeyError), AtomicFiles() as files:
        files.write(tmp_path / "a.md", "new a\n")
        raise KeyError("rendering failed")
    assert _names(tmp_path) == []


@pytest.mark.parametrize("failing", ["c.md", "d.md"])
def test_a_failed_replacement_puts_back_what_was_replaced(tmp_path, monkeypatch, failing):
    (tmp_path / "a.md").write_text("old a\n", encoding="utf-8")
    (tmp_path / "c.md").write_text("old c\n", encoding="utf-8")
    replace = os.replace

    def full(src, dst):
        if str(dst).endswith(failing) and str(src).endswith(".tmp"):
            raise OSError(28, "No space left on device")
        replace(src, dst)

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(SourceError) as caught, AtomicFiles() as files:
        files.write(tmp_path / "a.md", "new a\n")
        files.write(tmp_path / "b.md", "new b\n")  # a new file: removed again
        files.write(tmp_path / "c.md", "new c\n")  # an old one, not the last: kept by a link meanwhile
        files.write(tmp_path / "d.md", "new d\n")
    assert str(caught.value) == f"{tmp_path / failing}: cannot write: No space left on device"
    assert _names(tmp_path) == ["a.md", "c.md"]  # no temporary file, no kept link
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == "old a\n"
    assert (tmp_path / "c.md").read_text(encoding="utf-8") == "old c\n"


def test_a_file_that_cannot_be_put_back_is_named(tmp_path, monkeypatch):
    (tmp_path / "a.md").write_text("old a\n", encoding="utf-8")
    replace = os.replace
    monkeypatch.setattr(os, "link", lambda src, dst: (_ for _ in ()).throw(OSError(1, "no links here")))

    def full(src, dst):
        if str(dst).endswith("b.md"):
            raise OSError(28, "No space left on device")
        replace(src, dst)

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(SourceError) as caught, AtomicFiles() as files:
        files.write(tmp_path / "a.md", "new a\n")
        files.write(tmp_path / "b.md", "new b\n")
    assert str(caught.value) == (
        f"{tmp_path / 'b.md'}: cannot write: No space left on device ({tmp_path / 'a.md'} already written)"
    )
    assert caught.value.render(translator("ru")) == (  # the system's common reasons are in the catalogue
        f"{tmp_path / 'b.md'}: не удаётся записать: на диске нет места ({tmp_path / 'a.md'} уже записан)"
    )
    assert _names(tmp_path) == ["a.md"]


def test_a_changed_file_stops_every_replacement(tmp_path):
    (tmp_path / "a.md").write_text("read\n", encoding="utf-8")
    with pytest.raises(SourceError, match="changed while this command ran"), AtomicFiles() as files:
        files.write(tmp_path / "b.md", "new b\n")
        files.write(tmp_path / "a.md", "new a\n", expect=b"what was read before\n")
    assert _names(tmp_path) == ["a.md"]


def test_one_file_twice_is_refused(tmp_path):
    (tmp_path / "link.md").symlink_to(tmp_path / "a.md")
    with pytest.raises(SourceError) as caught, AtomicFiles() as files:
        files.write(tmp_path / "a.md", "one\n")
        files.write(tmp_path / "link.md", "two\n")
    assert str(caught.value) == (
        f"{tmp_path / 'link.md'}: is the same file as {tmp_path / 'a.md'}: write the two to different files"
    )
    assert _names(tmp_path) == ["link.md"]


@pytest.mark.parametrize("name", ["out/", "out/.", "out/.."])
def test_a_name_ending_in_a_slash_is_a_folder(tmp_path, monkeypatch, name):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SourceError) as caught:
        atomic_write(name, "x")
    assert str(caught.value) == f"{name}: names a folder, not a file to write"
    assert _names(tmp_path) == []


def test_a_name_too_long_is_shortened_in_the_message(tmp_path):
    path = tmp_path / ("a" * 300 + ".md")
    with pytest.raises(SourceError) as caught:
        atomic_write(path, "x")
    message = str(caught.value)
    assert message.endswith("aaaa.md: cannot write: File name too long")
    assert message.startswith(str(tmp_path)) and "…" in message and len(message) < 200


def test_another_users_file_in_a_sticky_folder_is_refused_before_writing(tmp_path, monkeypatch):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)  # as /tmp
    theirs = shared / "report.md"
    theirs.write_text("theirs\n", encoding="utf-8")
    owner = os.stat(theirs).st_uid
    monkeypatch.setattr(os, "geteuid", lambda: owner + 1)  # someone else, not root
    with pytest.raises(SourceError) as caught:
        atomic_write(theirs, "mine\n")
    assert str(caught.value) == (
        f"{theirs}: cannot write: another user's file in a shared folder (sticky bit)"
    )
    assert _names(shared) == ["report.md"]


def test_a_reason_the_catalogue_does_not_hold_stays_the_systems_own(tmp_path, monkeypatch):
    rare = OSError(1234, "Something rare")
    monkeypatch.setattr(os, "replace", lambda src, dst: (_ for _ in ()).throw(rare))
    with pytest.raises(SourceError) as caught:
        atomic_write(tmp_path / "c.md", "c\n")
    assert (
        caught.value.render(translator("ru")) == f"{tmp_path / 'c.md'}: не удаётся записать: Something rare"
    )


def test_a_file_changed_meanwhile_is_said_in_russian(tmp_path):
    path = tmp_path / "acct.yaml"
    path.write_bytes(b"theirs\n")
    with pytest.raises(SourceError) as caught:
        atomic_write(path, "mine\n", expect=b"read\n")
    assert caught.value.render(translator("ru")) == (
        f"{path}: файл изменился, пока работала команда; ничего не записано (запустите её ещё раз)"
    )


def test_a_loop_of_links_is_refused_not_written_over(tmp_path):
    (tmp_path / "loop1.md").symlink_to("loop2.md")
    (tmp_path / "loop2.md").symlink_to("loop1.md")
    with pytest.raises(SourceError) as refused:
        atomic_write(tmp_path / "loop1.md", "# Gaps\n")
    assert str(refused.value) == f"{tmp_path / 'loop1.md'}: cannot write: Too many levels of symbolic links"
    assert (tmp_path / "loop1.md").is_symlink() and os.readlink(tmp_path / "loop1.md") == "loop2.md"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["loop1.md", "loop2.md"]


def test_a_link_to_a_file_not_written_yet_makes_that_file(tmp_path):
    (tmp_path / "latest.md").symlink_to("2026-11.md")
    atomic_write(tmp_path / "latest.md", "# Gaps\n")
    assert (tmp_path / "latest.md").is_symlink()
    assert (tmp_path / "2026-11.md").read_text(encoding="utf-8") == "# Gaps\n"
