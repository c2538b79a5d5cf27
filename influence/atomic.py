"""Atomic file writes: readers see the old content or the new, never half.

A low-level helper with no project imports above :mod:`influence.errors`, so
any layer (stores, maps, the command line) may use it.

One file: :func:`atomic_write`. Several files, all or none of them
(``map -o … --static …``, the review pack, a generated portfolio):
:class:`AtomicFiles`. A replacement of several files that was killed
midway (``kill -9``, a power cut) is completed by :func:`recover`, which
the next write into the folder runs first.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shlex
import shutil
import signal
import socket
import stat
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from influence.errors import Msg, NMsg, SourceError, os_reason
from influence.unprintable import short_path

__all__ = [
    "JOURNAL",
    "AtomicFiles",
    "atomic_write",
    "committed",
    "is_stream",
    "missing_folder",
    "names_a_folder",
    "recover",
    "short_path",
    "sweep_folders",
    "temporary_prefix",
    "writable",
]

#: Linux inode flags (``lsattr``) that keep a file from being replaced or a folder from changing
_IMMUTABLE, _APPEND_ONLY = 0x10, 0x20


def names_a_folder(path: str | os.PathLike[str]) -> bool:
    """True when ``path`` can only name a folder: it ends in ``/`` (or ``/.``, ``/..``).

    ``Path("out/")`` forgets the slash, so writers check the name as given:
    ``-o out/`` must not make a file named ``out``.

    >>> names_a_folder("out/"), names_a_folder("out/."), names_a_folder("out.md")
    (True, True, False)
    """
    text = os.fsdecode(path)
    seps = tuple(s for s in (os.sep, os.altsep) if s)
    return text.endswith(seps) or os.path.basename(text) in (".", "..")


def atomic_write(
    path: str | os.PathLike[str],
    data: str | bytes,
    *,
    expect: bytes | None = None,
    force: bool | None = None,
    keep_identical: bool = False,
) -> bool:
    """Write a file so that readers see the old content or the new, never half.

    The data goes to a temporary file in the same folder, is flushed to disk,
    then renamed over ``path``. A file replaced keeps its permissions (an
    account kept readable by its owner only stays so), its owner and its
    group where the system allows (the group at least, for a member of it);
    a new one gets the usual ones (0666 less the umask). A symbolic link stays a link: the file
    it points to is replaced. A device or a pipe (``/dev/null``,
    ``/dev/stdout``, a named pipe) cannot be replaced: it is written into.

    ``expect``: the bytes the command read from ``path``. The file is then
    replaced only if it still holds them when the new content is ready, so
    a change saved meanwhile (a teammate, an editor) is not overwritten.

    ``force``: whether a file the user may not write (read-only, or another
    user's) is replaced: True, it is; False, it is refused and the message
    names ``--force``; None (the default, a command without ``--force``),
    it is refused.

    ``keep_identical``: a file that already holds exactly ``data`` is left
    as it is (its modification time stays: ``make``, backups and editors see
    no change), even a read-only one; False is returned then. Opt-in: a
    command that says "wrote FILE" should say otherwise when it did not.

    Returns True when the file was written.

    Raises
    ------
    SourceError
        When ``path`` names a folder, its folder does not exist or cannot be
        written, the file cannot be replaced (immutable), or ``path`` no
        longer holds ``expect``. Nothing is written then, and no temporary
        file is left.
    """
    if keep_identical:
        target = writable(path)  # (a device or a pipe is written into)
        if target is not None and _holds(target) == (data.encode("utf-8") if isinstance(data, str) else data):
            return False
    with AtomicFiles() as files:
        files.write(path, data, expect=expect, force=force)
    return True


def writable(path: str | os.PathLike[str]) -> Path | None:
    """The file :func:`atomic_write` would replace at ``path`` (a link followed), once it can be.

    None for a device, pipe or socket, which is written into. A command
    writing several files calls this for each before writing the first.

    Raises
    ------
    SourceError
        When ``path`` names a folder (``out/``, or a directory), its folder
        does not exist, or the operating system refuses the name (too long).
    """
    shown = short_path(path)
    if not shown:  # -o ""
        raise SourceError(Msg("an empty name names no file to write"))
    if names_a_folder(path):
        raise SourceError(Msg("{file}: names a folder, not a file to write", file=shown))
    given = Path(path)
    try:
        if _special(given):
            return None
        target = _followed(given) if given.is_symlink() else given
        folder = target.parent if str(target.parent) else Path(".")
        if not folder.is_dir():
            if os.path.lexists(folder):  # a file, or a link going nowhere, where the folder should be
                raise SourceError(
                    Msg("{path}: '{folder}' is not a folder", path=shown, folder=short_path(folder))
                )
            raise SourceError(missing_folder(shown, folder))
        if target.is_dir():
            raise SourceError(Msg("{file}: is a directory", file=shown))
    except OSError as exc:  # a name too long, a loop of links, a folder we may not look into
        raise SourceError(_cannot_write(shown, exc)) from None
    return target


def missing_folder(path: str, folder: str | os.PathLike[str]) -> Msg:
    """The message when ``folder``, which ``path`` (as shown) would go into, does not exist.

    Its remedy is a command to paste: the folder quoted for the shell.

    >>> print(missing_folder("O'Brien/g.md", "O'Brien").render())
    O'Brien/g.md: folder 'O'Brien' does not exist; create it first (mkdir -p 'O'"'"'Brien')
    """
    shown = short_path(folder)
    raw = os.fsdecode(folder)
    return Msg(
        "{path}: folder '{folder}' does not exist; create it first (mkdir -p {argument})",
        path=path,
        folder=shown,
        argument=shlex.quote(raw if shown == raw else shown),  # a control character: as shown
    )


def _followed(link: Path) -> Path:
    """The file the link ``link`` leads to, existing or not; a loop of links raises ``OSError`` (ELOOP)."""
    try:
        return Path(os.path.realpath(link, strict=True))
    except FileNotFoundError:  # a link to a file not written yet: it is made
        return Path(os.path.realpath(link))


def _cannot_write(shown: str, exc: OSError) -> Msg:
    """The message when the operating system refuses to write ``shown``."""
    return Msg("{file}: cannot write: {reason}", file=shown, reason=os_reason(exc))


@dataclass
class _Staged:
    """One file of an :class:`AtomicFiles`: its new content waits in ``tmp`` (a device's in ``payload``)."""

    path: Path  # as the command was given it
    shown: str  # as messages show it
    target: Path | None  # the file to replace; None for a device or pipe, written into
    tmp: Path | None  # the temporary file holding the new content
    payload: bytes  # what a device or pipe gets (empty for a file: its content is in ``tmp``)
    expect: bytes | None  # what ``target`` must still hold when it is replaced
    seen: tuple[int, ...] | None = None  # ``target``'s inode, size and time when ``expect`` was checked


class AtomicFiles:
    """Several files written all or nothing, each as :func:`atomic_write` writes one.

    ``write`` puts each file's content in a temporary file next to it at
    once (a large portfolio is not held in memory); leaving the ``with``
    block replaces the files, in the order written. Until then nothing is
    replaced: an error in the block, or a file that cannot be written or
    replaced (a missing folder, a full disk, an immutable file), leaves every
    file as it was and no temporary file behind. Should a replacement still
    fail (the disk changed meanwhile), the earlier ones are undone where the
    operating system allows: a file replaced is restored from a hard link
    kept until all are in place, a new one removed.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     with AtomicFiles() as files:
    ...         files.write(f"{folder}/map.html", "<!DOCTYPE html>")
    ...         files.write(f"{folder}/gaps.md", "# Gaps")
    ...     sorted(os.listdir(folder))
    ['gaps.md', 'map.html']
    """

    def __init__(self) -> None:
        self._staged: list[_Staged] = []

    def __enter__(self) -> AtomicFiles:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if kind is None:
            self.commit()
        else:
            self.discard()

    def write(
        self,
        path: str | os.PathLike[str],
        data: str | bytes,
        *,
        expect: bytes | None = None,
        force: bool | None = None,
    ) -> None:
        """Stage ``data`` for ``path`` (``expect``, ``force`` as for :func:`atomic_write`); replaced on commit.

        Raises
        ------
        SourceError
            When the file cannot be written or replaced, or is already staged
            (under this name or through a link); everything staged is then discarded.
        """
        try:
            payload = data.encode("utf-8") if isinstance(data, str) else data
            self._staged.append(self._stage(path, payload, expect, force))
        except BaseException:
            self.discard()
            raise

    def _stage(
        self, path: str | os.PathLike[str], payload: bytes, expect: bytes | None, force: bool | None
    ) -> _Staged:
        """Check ``path`` and put ``payload`` in a temporary file next to it (a device's is kept)."""
        shown = short_path(path)
        target = writable(path)
        if target is None:
            return _Staged(Path(path), shown, None, None, payload, expect)
        for other in self._staged:
            if other.target is not None and _same(other.target, target):
                raise SourceError(
                    Msg(
                        "{file}: is the same file as {other}: write the two to different files",
                        file=shown,
                        other=other.shown,
                    )
                )
        _check_replaceable(shown, target, force)
        folder = target.parent if str(target.parent) else Path(".")
        try:
            fd, tmp = tempfile.mkstemp(prefix=temporary_prefix(target.name), suffix=".tmp", dir=folder)
        except OSError as exc:
            raise SourceError(_cannot_write(shown, exc)) from None
        try:
            _keep_owner(fd, target)
            os.chmod(tmp, _mode_for(target))
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
        except BaseException as exc:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            if isinstance(exc, OSError):
                raise SourceError(_cannot_write(shown, exc)) from None
            raise
        return _Staged(Path(path), shown, target, Path(tmp), b"", expect)

    def discard(self) -> None:
        """Drop every staged file: its temporary file is removed, nothing is replaced."""
        staged, self._staged = self._staged, []
        _remove_temporary(staged)

    def commit(self) -> None:
        """Replace every staged file (write into a device), in order: all of them, or none where possible.

        Raises
        ------
        SourceError
            When a file no longer holds what ``expect`` says (nothing is
            replaced then) or cannot be replaced; the message names any file
            that could not be put back as it was.
        """
        folders = [item.target.parent for item in self._staged if item.target is not None]
        try:
            with _locked(folders):  # another influence process replacing files there waits for this one
                for folder in dict.fromkeys(folders):  # a replacement killed midway: completed first
                    _recover(folder)
                    _sweep(folder)
                for item in self._staged:
                    if item.target is None or item.expect is None:
                        continue
                    item.seen = _signature(item.target)
                    if _holds(item.target) != item.expect:
                        raise SourceError(_changed(item.shown))
                staged, self._staged = self._staged, []
                _replace_all(staged)
        except BaseException:  # a refusal, the wait for the lock given up, Ctrl-C or SIGTERM while waiting
            self.discard()  # the temporary files of what was not replaced
            raise


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Ctrl-C, SIGTERM and SIGHUP held back (delivered at the end) where the system allows."""
    held = {getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)}
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


#: how many replacements of files this process has completed (see :func:`committed`)
_COMMITS = [0]


def committed() -> bool:
    """True once this process has put files in place (an :func:`atomic_write` or
    :meth:`AtomicFiles.commit` done): past that point a command has done its work, and
    stopping it (SIGTERM) can no longer take the files back.

    >>> isinstance(committed(), bool)
    True
    """
    return _COMMITS[0] > 0


def _changed(shown: str) -> Msg:
    """The message when a file changed between the command reading it and replacing it."""
    return Msg("{file}: changed while this command ran; nothing written (run it again)", file=shown)


def _signature(target: Path) -> tuple[int, ...] | None:
    """What changes when ``target`` is saved: its inode, size and modification time (None when gone)."""
    try:
        info = os.stat(target)
    except OSError:
        return None
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


@contextlib.contextmanager
def _locked(folders: list[Path]) -> Iterator[None]:
    """Hold an advisory lock (``flock``) on each of ``folders`` while replacing files in them.

    Two influence processes writing into one folder thus check and replace
    their files one after the other: the second sees the first's change
    (``expect``) instead of overwriting it. Where a folder cannot be locked
    (another system, a network filesystem without locks) the files are
    replaced without.
    """
    if not hasattr(os, "O_DIRECTORY"):  # pragma: no cover - not on Linux or macOS
        yield
        return
    handles: list[int] = []
    try:
        for folder in sorted(
            {os.path.realpath(f if str(f) else ".") for f in folders}
        ):  # one order: no deadlock
            try:
                handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
            except OSError:
                continue
            handles.append(handle)
            if not _lock(handle):
                raise SourceError(
                    Msg(
                        "{folder}: another influence command has been writing there for {seconds} s; "
                        "nothing written (run it again when that one has finished)",
                        folder=short_path(folder),
                        seconds=int(LOCK_WAIT),
                    )
                )
        yield
    finally:
        for handle in handles:
            os.close(handle)  # which releases its lock


#: how long a write waits for another influence command writing into the same folder, in seconds
LOCK_WAIT = 30.0


def _lock(handle: int) -> bool:
    """Take the exclusive ``flock`` of ``handle``, waiting up to :data:`LOCK_WAIT`; False when it
    stayed taken (a folder that cannot be locked counts as locked: its files are replaced without)."""
    import fcntl  # Linux and macOS (see _locked)

    deadline = time.monotonic() + LOCK_WAIT
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.02)
        except OSError:
            return True


def _replace_all(staged: list[_Staged]) -> None:
    """Move every staged file into place; on a failure put the earlier ones back (see :class:`AtomicFiles`)."""
    done: list[tuple[_Staged, bool, Path | None]] = []  # replaced: existed before, the link keeping it
    current = None
    journals: list[Path] = []
    try:
        journals = _write_journals(staged)  # from here on, a kill midway is completed by the next write
        for number, current in enumerate(staged):
            if current.tmp is None or current.target is None:
                with open(current.path, "wb") as device:
                    device.write(current.payload)
                continue
            if current.seen is not None and _signature(current.target) != current.seen:
                raise SourceError(_changed(current.shown))  # saved after the check: not overwritten
            existed, keep = (
                _keep_old(current.target, current.tmp) if number < len(staged) - 1 else (True, None)
            )
            try:
                if number < len(staged) - 1:
                    os.replace(current.tmp, current.target)
                else:  # the point of no return: the signals wait until it is passed, and counted
                    with _signals_held():
                        os.replace(current.tmp, current.target)
                        _COMMITS[0] += 1
            except BaseException:
                if keep is not None:  # the file was not replaced: nothing to put back
                    with contextlib.suppress(OSError):
                        os.unlink(keep)
                raise
            done.append((current, existed, keep))
    except BaseException as exc:
        _remove_journals(journals)  # a failure or a signal puts the earlier files back instead
        _remove_temporary([item for item in staged if all(item is not d for d, _, _ in done)])
        stuck = _undo(done)
        if not isinstance(exc, OSError) or current is None:
            raise
        if stuck:
            already = NMsg(
                "{files} already written", "{files} already written", len(stuck), files=", ".join(stuck)
            )
            raise SourceError(
                Msg(
                    "{file}: cannot write: {reason} ({already})",
                    file=current.shown,
                    reason=os_reason(exc),
                    already=already,
                )
            ) from None
        raise SourceError(_cannot_write(current.shown, exc)) from None
    finally:
        for _, _, keep in done:
            if keep is not None:
                with contextlib.suppress(OSError):
                    os.unlink(keep)
        _remove_journals(journals)  # the last: a kill before it leaves the links to clear to recover()


def _keep_old(target: Path, tmp: Path) -> tuple[bool, Path | None]:
    """Whether ``target`` exists, and a hard link keeping its content (None where none can be made),
    named after ``tmp``, the temporary file replacing it (so that :func:`recover` finds it)."""
    if not target.exists():
        return False, None
    keep = _kept(tmp)
    try:
        os.link(target, keep)
    except OSError:  # no hard links here (a FAT drive): this one cannot be put back
        return True, None
    return True, keep


#: the file, in a folder, recording a replacement of several files under way there (see :func:`recover`)
JOURNAL = ".influence-replacing"


def _kept(tmp: Path) -> Path:
    """The hard link keeping the file that ``tmp`` replaces: ``.map.html.x1y2.tmp`` → ``.map.html.x1y2.old``."""
    return tmp.with_name(tmp.name.removesuffix(".tmp") + ".old")


def _identity(path: Path) -> list[int] | None:
    """What changes when ``path`` is saved by anyone (inode, size, modification time); None when absent."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return [info.st_ino, info.st_size, info.st_mtime_ns]


def _write_journals(staged: list[_Staged]) -> list[Path]:
    """Record, in each folder of ``staged``, the files about to be replaced; the journals written.

    Written (atomically, flushed to disk) once every new content waits on
    disk in its temporary file, before the first file is replaced: should
    the process be killed midway, :func:`recover` completes the replacement.
    One file needs none: its one rename is atomic.
    """
    files = [item for item in staged if item.tmp is not None and item.target is not None]
    if len(files) < 2:
        return []
    folders = list(dict.fromkeys(item.target.parent for item in files if item.target is not None))
    was = [_identity(item.target) for item in files if item.target is not None]
    written: list[Path] = []
    try:
        for folder in folders:
            record = {
                "replace": [
                    {
                        "new": os.path.relpath(item.tmp, folder),
                        "file": os.path.relpath(item.target, folder),
                        "was": w,
                    }
                    for item, w in zip(files, was, strict=True)
                    if item.tmp is not None and item.target is not None
                ],
                "journals": [os.path.relpath(other / JOURNAL, folder) for other in folders],
            }
            _write_journal(folder, json.dumps(record).encode("utf-8"))
            written.append(folder / JOURNAL)
    except BaseException as exc:
        _remove_journals(written)
        if isinstance(exc, OSError):
            raise SourceError(_cannot_write(short_path(folder / JOURNAL), exc)) from None
        raise
    return written


def _write_journal(folder: Path, data: bytes) -> None:
    """Put ``data`` in ``folder``'s :data:`JOURNAL`, whole or not at all, and on disk."""
    fd, tmp = tempfile.mkstemp(prefix=temporary_prefix(JOURNAL.removeprefix(".")), suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, folder / JOURNAL)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _sync(folder)  # the journal (and the temporary files) are on disk before any file is replaced


def _sync(folder: Path) -> None:
    """Flush ``folder``'s entries (new names, renames) to disk, where the system allows."""
    with contextlib.suppress(OSError, AttributeError):
        handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def _remove_journals(journals: list[Path]) -> None:
    """Remove the journals of a replacement finished (or undone)."""
    for journal in journals:
        with contextlib.suppress(OSError):
            os.unlink(journal)


def recover(folder: str | os.PathLike[str]) -> bool:
    """Complete a replacement of several files that was killed midway in ``folder``; True when there was one.

    :class:`AtomicFiles` records the files it is about to replace in the
    folder's :data:`JOURNAL` once all their new contents are on disk. When
    that file is still there, the process was killed (``kill -9``, a power
    cut) between the first rename and the last: each file whose new content
    still waits in its temporary file is replaced now, so the folder holds
    the new files, all of them. A file saved since by someone else keeps what
    they saved (the new content is dropped). Every write of influence into a
    folder runs this first; ``review -o DIR`` runs it before looking at DIR.

    Raises
    ------
    SourceError
        When a file cannot be replaced or the journal cannot be read; the
        journal stays for the next try.
    """
    path = Path(folder)
    try:
        if not os.path.lexists(path / JOURNAL):
            return False
    except OSError:  # a name too long…: writing there says what is wrong
        return False
    with _locked([path]):  # not while another influence command is replacing files there
        return _recover(path)


def _recover(folder: Path) -> bool:
    """:func:`recover` with ``folder`` locked."""
    journal = folder / JOURNAL
    try:
        record = json.loads(journal.read_bytes())
        entries = [(folder / e["new"], folder / e["file"], e["was"]) for e in record["replace"]]
        others = [folder / name for name in record["journals"]]
        if not all(_ours(new, file) for new, file, _ in entries) or any(o.name != JOURNAL for o in others):
            raise ValueError("not a record influence wrote")
    except FileNotFoundError:
        return False
    except (OSError, ValueError, KeyError, TypeError, RecursionError) as exc:
        reason = os_reason(exc) if isinstance(exc, OSError) else Msg("not a record influence wrote")
        raise SourceError(_unfinished(journal, reason)) from None
    try:
        for new, file, was in entries:
            if not os.path.lexists(new):  # in place before the kill
                continue
            if _identity(file) == was:
                os.replace(new, file)
            else:  # saved by someone else since: theirs stays
                os.unlink(new)
        for new, _, _ in entries:
            with contextlib.suppress(OSError):
                os.unlink(_kept(new))
        _remove_journals([other for other in others if not _same(other, journal)])
        _sync(folder)
        os.unlink(journal)
    except OSError as exc:
        raise SourceError(_unfinished(journal, os_reason(exc))) from None
    return True


#: this machine, in the names of temporary files (four hex digits of its host name's digest)
_HOST = hashlib.sha256(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:4]
#: a temporary file (or a kept earlier file) of :class:`AtomicFiles`: ``.NAME.HHHHPID-XXXXXXXX.tmp``
_TEMPORARY = re.compile(r"\..+\.(?P<host>[0-9a-f]{4})(?P<pid>[0-9]+)-[^.]*\.(?:tmp|old)")


def _hidden(name: str) -> str:
    """The start of the hidden name of a temporary file or folder that becomes ``name``: ``.NAME.``."""
    return f".{name[:100]}."


def temporary_prefix(name: str) -> str:
    """The prefix of a temporary file (or folder) of this process that becomes ``name``:
    ``.NAME.HHHHPID-``, the host's digest and the process id, so that a run killed outright can be
    told from a live one (:func:`_sweep`, :func:`sweep_folders`).

    >>> temporary_prefix("map.html") == f".map.html.{_HOST}{os.getpid()}-"
    True
    """
    return f"{_hidden(name)}{_HOST}{os.getpid()}-"


def _left_behind(folder: str | os.PathLike[str]) -> Iterator[os.DirEntry[str]]:
    """The temporary files and folders in ``folder`` made by processes of this machine that no
    longer run (killed outright: ``kill -9``, a power cut)."""
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            found = _TEMPORARY.fullmatch(entry.name)
            if found and found["host"] == _HOST and not _alive(int(found["pid"])):
                yield entry


def sweep_folders(parent: str | os.PathLike[str], name: str) -> None:
    """Remove the hidden folders ``.NAME.HHHHPID-XXXXXXXX.tmp`` in ``parent`` that a process of this
    machine, no longer running, was filling to rename into ``name`` (``generate --accounts``)."""
    for entry in _left_behind(parent):
        if entry.name.startswith(_hidden(name)) and entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path, ignore_errors=True)


def _sweep(folder: Path) -> None:
    """Remove the temporary files that influence processes killed outright left in ``folder``.

    A process killed (``kill -9``) while writing leaves its hidden
    ``.NAME.HHHHPID-XXXXXXXX.tmp`` files: half a map, or an unredacted
    report beside a redacted pack. Those of a process of this machine that
    no longer runs are removed by the next write there (under the folder's
    lock, after :func:`recover`); a live process's, and another machine's
    (a shared folder), are left alone.
    """
    for entry in _left_behind(folder):
        if not entry.is_dir():
            with contextlib.suppress(OSError):
                os.unlink(entry.path)


def _alive(pid: int) -> bool:
    """True when process ``pid`` runs on this machine (or may: one of another user's)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True
    return True


def _ours(new: Path, file: Path) -> bool:
    """True when ``new`` is a temporary file :class:`AtomicFiles` makes for ``file``: beside it, named
    ``.NAME.XXXXXXXX.tmp``. A journal naming anything else (``../precious.yaml``) is not acted on:
    recovery only ever moves influence's own temporary files onto their targets.

    >>> _ours(Path("d/.map.html.x1y2.tmp"), Path("d/map.html")), _ours(Path("d/../p.yaml"), Path("d/map.html"))
    (True, False)
    """
    new, file = Path(os.path.normpath(new)), Path(os.path.normpath(file))
    prefix = _hidden(file.name)
    return (
        new.parent == file.parent
        and new.name.startswith(prefix)
        and new.name.endswith(".tmp")
        and len(new.name) > len(prefix) + len(".tmp")
    )


def _unfinished(journal: Path, reason: Msg | str) -> Msg:
    """The message when the replacement ``journal`` records cannot be completed."""
    return Msg(
        "{file}: a write of several files was interrupted and cannot be completed: {reason}",
        file=short_path(journal),
        reason=reason,
    )


def _undo(done: list[tuple[_Staged, bool, Path | None]]) -> list[str]:
    """Put back the files replaced so far (latest first); the names of those that could not be."""
    stuck = []
    for item, existed, keep in reversed(done):
        assert item.target is not None  # only files are replaced
        try:
            if keep is not None:
                os.replace(keep, item.target)
            elif not existed:
                os.unlink(item.target)
            else:
                stuck.append(item.shown)
        except OSError:
            stuck.append(item.shown)
    return stuck[::-1]


def _remove_temporary(staged: list[_Staged]) -> None:
    """Remove the temporary files of ``staged`` (those already renamed into place are gone anyway)."""
    for item in staged:
        if item.tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(item.tmp)


def _check_replaceable(shown: str, target: Path, force: bool | None = None) -> None:
    """Refuse a file the operating system will not let us replace, before anything is written.

    An immutable or append-only file (``chattr +i``/``+a``), or one in such a
    folder, cannot be renamed over; nor can another user's file in a shared
    folder with the sticky bit (``/tmp``), unless we own the folder or are root.
    A file the user may not write (read-only, another user's) could be
    renamed over, but is not, unless ``force`` (see :func:`atomic_write`).
    """
    folder = target.parent if str(target.parent) else Path(".")
    for path, fixed in (
        (
            folder,
            Msg("{file}: cannot write: its folder is immutable or append-only (see lsattr)", file=shown),
        ),
        (target, Msg("{file}: cannot write: the file is immutable or append-only (see lsattr)", file=shown)),
    ):
        if _flags(path) & (_IMMUTABLE | _APPEND_ONLY):
            raise SourceError(fixed)
    try:
        folder_stat, target_stat = os.stat(folder), os.stat(target)
    except OSError:  # a new file: the temporary one shows whether the folder takes it
        return
    if not force and (not os.access(target, os.W_OK) or not target_stat.st_mode & 0o222):
        raise SourceError(
            Msg("{file}: cannot write: the file is read-only for you (see its permissions)", file=shown)
            if force is None
            else Msg(
                "{file}: the file is read-only for you (see its permissions); give --force to replace it",
                file=shown,
            )
        )
    user = os.geteuid() if hasattr(os, "geteuid") else 0
    if folder_stat.st_mode & stat.S_ISVTX and user not in (0, folder_stat.st_uid, target_stat.st_uid):
        raise SourceError(
            Msg("{file}: cannot write: another user's file in a shared folder (sticky bit)", file=shown)
        )


def _flags(path: Path) -> int:
    """The Linux inode flags of ``path`` (what ``lsattr`` shows); 0 where they cannot be read."""
    if not sys.platform.startswith("linux"):
        return 0
    import fcntl
    import struct

    # FS_IOC_GETFLAGS, _IOR('f', 1, long): the kernel writes an int at the start of the buffer
    request = (2 << 30) | (struct.calcsize("l") << 16) | (ord("f") << 8) | 1
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return 0
    try:
        answer = fcntl.ioctl(fd, request, bytes(8))
    except OSError:  # a filesystem without flags (ENOTTY)
        return 0
    finally:
        os.close(fd)
    return int.from_bytes(answer[:4], sys.byteorder)


def _same(a: Path, b: Path) -> bool:
    """True when ``a`` and ``b`` name one file (links followed): replacing one would replace the other.

    Two hard links are two names, each replaced on its own: not the same here.
    """
    return os.path.realpath(a) == os.path.realpath(b)


def _holds(target: Path) -> bytes | None:
    """The bytes ``target`` holds now (None when it is gone or unreadable)."""
    try:
        return target.read_bytes()
    except OSError:
        return None


def is_stream(path: str | os.PathLike[str]) -> bool:
    """True when ``path`` is an existing device, pipe or socket (``/dev/stdout``, ``>(gzip > m.gz)``).

    Such a path is written into, not replaced, whatever its name.

    >>> is_stream("/dev/null"), is_stream("README.md")
    (True, False)
    """
    return _special(Path(path))


def _special(path: Path) -> bool:
    """True for an existing device, pipe or socket (followed through links): no file to replace."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _keep_owner(fd: int, target: Path) -> None:
    """Give the temporary file ``fd`` the owner and group of ``target``, or its group alone, where allowed.

    Only root may give a file away; any member of a group may give it that
    group, so a teammate's file in a shared folder stays the team's.
    """
    if not hasattr(os, "fchown"):  # pragma: no cover - not on Windows
        return
    try:
        info = os.stat(target)
    except OSError:  # a new file: the usual owner
        return
    if (info.st_uid, info.st_gid) == (os.geteuid(), os.getegid()):
        return
    try:
        os.fchown(fd, info.st_uid, info.st_gid)
    except OSError:
        with contextlib.suppress(OSError):
            os.fchown(fd, -1, info.st_gid)


def _mode_for(target: Path) -> int:
    """The permissions of the file being replaced, or a new file's (0666 less the umask)."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask
