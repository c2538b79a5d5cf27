"""The gap analysis over many accounts at once: one worker process per core.

:func:`portfolio_rows` reads and analyses each account in a worker of a
process pool and hands back only its small summary row, so the whole run
holds one account per worker in memory, however many there are. Accounts in
Neo4j are pulled one at a time, each worker over its own connection.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gc
import multiprocessing
import os
import re
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.util import Finalize
from pathlib import Path
from typing import TYPE_CHECKING

from influence.analysis import analyze
from influence.analysis.portfolio import PortfolioRow, error_row, portfolio_row
from influence.atomic import recover
from influence.errors import InfluenceError, Msg, NMsg, SourceError, ValidationError
from influence.store import NEO4J_PREFIX, Neo4jConfig, open_source, parse_neo4j_source
from influence.unprintable import escape_controls

if TYPE_CHECKING:  # pragma: no cover
    from influence.model import Account
    from influence.store.neo4j import Neo4jStore

__all__ = [
    "MAX_JOBS_PER_CORE",
    "SUFFIXES",
    "default_jobs",
    "expand_sources",
    "failed_row",
    "portfolio_rows",
    "source_identity",
]

#: the account files a folder source contributes
SUFFIXES = (".yaml", ".yml", ".json")

Describe = Callable[[InfluenceError], str]


#: the most worker processes ``portfolio`` starts per core (a larger ``--jobs`` is capped to it): more
#: only cost memory, about 25 MB each, the work being bound by the cores
MAX_JOBS_PER_CORE = 4


def default_jobs() -> int:
    """The cores this process may run on (at least 1)."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def expand_sources(
    sources: Sequence[str],
    neo4j: Neo4jConfig | None = None,
    *,
    unlisted: dict[str, InfluenceError] | None = None,
    output: str | None = None,
    skipped: list[str] | None = None,
) -> list[str]:
    """Files as given, folders as their account files (sorted), ``neo4j:*`` as every stored account.

    Each file comes once, however many sources name it (a file and its
    folder, two spellings of one path, a link and its target): the first
    spelling stays. In a folder, its files come before its links, so a
    link beside its target (``current.yaml`` -> ``q3.yaml``) leaves the
    row to ``q3.yaml``. So does each ``neo4j:ACCOUNT``.

    A folder's hidden files (``.…``: an editor's swap or lock file, the
    ``._…`` twins macOS leaves on shared drives) are not account files.

    Only the ids of stored accounts are listed here; each account is pulled
    later, when its turn comes. A folder with no account file is an error
    (:class:`~influence.errors.SourceError`): a wrong path, or an empty
    checkout, must not pass for a portfolio with nothing to report; so is a
    ``neo4j:*`` whose store holds no account (the wrong server or database).

    Parameters
    ----------
    unlisted : dict, optional
        Where a ``neo4j:*`` whose accounts cannot be listed (the server is
        unreachable, refuses the login) keeps its error, by source, instead
        of raising it: the other sources still have their rows.
    output : str, optional
        The file the summary is written to: found in a folder holding a
        JSON list, it is the summary of an earlier run, and is left out (an
        account there stays, and writing over it is refused).
    skipped : list, optional
        Where a folder's ``.json`` files that hold a report, not an account
        (a summary ``portfolio --format json`` wrote, a gap report, a plan),
        are named; they are left out. Without it they are read, and are error rows.

    Examples
    --------
    >>> expand_sources(["examples/uralmet.yaml", "neo4j:acme", "./examples/uralmet.yaml"])
    ['examples/uralmet.yaml', 'neo4j:acme']
    """
    out: list[str] = []
    seen: set[object] = set()
    for source in sources:
        if source == f"{NEO4J_PREFIX}*":
            if ("list", source) in seen:  # listed once
                continue
            seen.add(("list", source))
            try:
                expanded, where = _stored(neo4j)
            except InfluenceError as exc:
                if unlisted is None:
                    raise
                unlisted[source] = exc
                continue
            if not expanded:  # the wrong server or database: never a clean portfolio
                raise SourceError(Msg("{source}: no accounts in {where}", source=source, where=where))
        elif not source.startswith(NEO4J_PREFIX) and Path(source).is_dir():
            listed = _folder_files(Path(source), output, skipped)
            # the files first, then the links: a link beside its target (current.yaml -> q3.yaml)
            # leaves the row to the file's own name
            expanded = [str(p) for p in listed if not p.is_symlink()] + [
                str(p) for p in listed if p.is_symlink()
            ]
            if not expanded:  # a wrong folder, or an empty checkout: never a clean portfolio
                raise SourceError(
                    Msg("{source}: no account files (.yaml, .yml, .json) in this folder", source=source)
                )
        else:
            expanded = [source]
        for one in expanded:
            key = source_identity(one)
            if key not in seen:  # one row per file: a total over the rows must not count one twice
                seen.add(key)
                out.append(one)
    return out


def _folder_files(folder: Path, output: str | None, skipped: list[str] | None) -> list[Path]:
    """The folder's account files, sorted, without the JSON reports there (a summary, a gap report, a
    plan): ``output`` when it is one (the summary about to be replaced), and, when ``skipped`` is a
    list, where they are named, the others. An account named by ``output`` stays: writing over it is refused."""
    written = source_identity(output) if output is not None else None
    with contextlib.suppress(SourceError):  # a write into it killed midway: completed before it is read
        recover(folder)
    files = []
    for p in sorted(folder.iterdir()):
        if not _account_file(p):
            continue
        if (skipped is not None or written is not None) and _json_report(p):
            if written is not None and source_identity(str(p)) == written:
                continue
            if skipped is not None:
                skipped.append(str(p))
                continue
        files.append(p)
    return files


#: the start of an influence report in JSON (gaps, plan, diff, a review pack's files): its
#: ``account`` is the id, text, where an account file's ``account`` is a mapping
_REPORT_START = re.compile(rb'\{\s*"account"\s*:\s*"')


def _json_report(p: Path) -> bool:
    """True for a ``.json`` file that is a report, never an account: a list (a summary, a row
    command's rows), or an object whose ``account`` is text (a gap report, a plan, a diff)."""
    if p.suffix.lower() != ".json" or not p.is_file():
        return False
    try:
        with p.open("rb") as f:
            head = f.read(256)
    except OSError:  # its row says why it cannot be read
        return False
    head = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    return head.startswith(b"[") or _REPORT_START.match(head) is not None


def _stored(neo4j: Neo4jConfig | None) -> tuple[list[str], Msg]:
    """``neo4j:ACCOUNT`` for every stored account, and the store they were listed from, for messages.

    The store is its URI (a password in it masked) and database: "Neo4j at
    bolt://db:7687, database 'sales'", or "…, its default database" when
    NEO4J_DATABASE is not set.
    """
    from influence.store.neo4j import Neo4jStore

    with Neo4jStore(neo4j or Neo4jConfig()) as store:
        config = store.config
        uri = escape_controls(config.shown_uri)
        if config.database:
            database = Msg("database '{name}'", name=escape_controls(config.database))
        else:
            database = Msg("its default database")
        where = Msg("Neo4j at {uri}, {database}", uri=uri, database=database)
        return [f"{NEO4J_PREFIX}{row.id}" for row in store.list()], where


def source_identity(source: str) -> object:
    """What makes two sources one: the file itself (its device and inode), else its real path.

    A file that cannot be looked at (missing, a broken link) is its real
    path; ``neo4j:ACCOUNT`` is itself.
    """
    if source.startswith(NEO4J_PREFIX):
        return ("neo4j", source)
    try:
        stat = os.stat(source)
        if stat.st_ino:  # 0 where the file system has no inode numbers
            return ("file", stat.st_dev, stat.st_ino)
    except (OSError, ValueError):
        pass
    try:
        return ("path", os.path.realpath(source))
    except (OSError, ValueError):  # pragma: no cover - a NUL byte in the name
        return ("path", source)


def _account_file(p: Path) -> bool:
    """A folder entry to read as an account: a visible .yaml/.yml/.json file, or a broken link to one.

    A broken link is listed so that its row says what is wrong (an account
    the team expects is not silently missing); a pipe or a device is not
    (reading it could wait forever).
    """
    if p.suffix.lower() not in SUFFIXES or p.name.startswith("."):
        return False
    return p.is_file() or (p.is_symlink() and not p.exists())


def failed_row(source: str, exc: InfluenceError, describe: Describe = str) -> tuple[PortfolioRow, str]:
    """The error row of a source that could not be read, listed or analysed, and the full message.

    The row carries the message's first line.

    >>> row, message = failed_row("a.yaml", SourceError("a.yaml: no such file"))
    >>> row.error, message
    ('a.yaml: no such file', 'a.yaml: no such file')
    """
    message = describe(exc)
    first = message.splitlines()[0] if message.strip() else type(exc).__name__
    prefix = next((p for p in _error_prefixes() if first.startswith(p)), "")
    return error_row(source, first.removeprefix(prefix) + _more_issues(exc, message)), message


def _more_issues(exc: InfluenceError, message: str) -> str:
    r"""What a row's error cell adds to an invalid account's first problem: how many more there
    are, and the command that lists them ("" for one problem), in the language of ``message``
    (told by how its last line starts: ``error: ``, ``ошибка: ``).

    >>> from influence.errors import Issue
    >>> issues = [Issue("a b.yaml", 4 + n, f"people[{n}].stance", "invalid stance") for n in range(3)]
    >>> _more_issues(ValidationError(issues), "…\nerror: a b.yaml is not a valid influence/v1 account (3 errors)")
    " (+2 more: influence validate 'a b.yaml' lists every one)"
    """
    if not isinstance(exc, ValidationError) or len(exc.issues) < 2:
        return ""
    import shlex  # only this cell needs it

    from influence.i18n import LANGUAGES, translator

    last = message.splitlines()[-1] if message.strip() else ""
    lang = next(
        (lang for lang, p in zip(LANGUAGES, _error_prefixes(), strict=True) if last.startswith(p)), None
    )
    said = NMsg(
        " (+{n} more: {command} lists every one)",
        " (+{n} more: {command} lists every one)",
        len(exc.issues) - 1,
        command=f"influence validate {shlex.quote(exc.issues[0].file)}",
    )
    if exc.summary is not None:  # not an account file (a workbook, a CRM export): validate reads none
        said = NMsg(" (+{n} more)", " (+{n} more)", len(exc.issues) - 1)
    return escape_controls(said.render(translator(lang)))


@functools.cache
def _error_prefixes() -> tuple[str, ...]:
    """How an error line starts in each language of :data:`~influence.i18n.LANGUAGES`, in its order
    (``error: ``), which the row's error column leaves out."""
    from influence.i18n import LANGUAGES, translator

    return tuple(translator(lang).tr("error: {message}", message="") for lang in LANGUAGES)


_COLLECT_EVERY = 100  # accounts between two passes of the cyclic collector (which is off in workers)


class _Worker:
    """Reads and analyses one account at a time; keeps one Neo4j connection open for ``neo4j:`` sources."""

    def __init__(self, as_of: dt.date, neo4j: Neo4jConfig | None, describe: Describe):
        self.as_of = as_of
        self.neo4j = neo4j
        self.describe = describe
        self._store: Neo4jStore | None = None
        self._done = 0  # accounts read, for the collector's pass every _COLLECT_EVERY

    def _open(self, source: str) -> Account:
        if not source.startswith(NEO4J_PREFIX):
            return open_source(source)
        if self._store is None:
            from influence.store.neo4j import Neo4jStore

            self._store = Neo4jStore(self.neo4j or Neo4jConfig()).__enter__()
        return self._store.pull(*parse_neo4j_source(source))  # neo4j:ID or neo4j:ID@VERSION

    def row(self, source: str) -> tuple[PortfolioRow, str | None]:
        """The row of ``source`` and, when it failed, the full error message."""
        self._done += 1
        if self._done % _COLLECT_EVERY == 0:
            gc.collect()  # whatever cycles an error's traceback or a driver left behind
        try:
            return portfolio_row(analyze(self._open(source), self.as_of), source), None
        except InfluenceError as exc:
            return failed_row(source, exc, self.describe)

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


_worker: _Worker | None = None  # one per pool process


def _start(as_of: dt.date, neo4j: Neo4jConfig | None, describe: Describe) -> None:
    global _worker
    # As in the command's own process: an account's records form no reference cycles and are
    # freed by reference counting as soon as its row is made, so the cyclic collector's passes
    # over the worker's heap would only cost time (``_row`` still collects now and then).
    gc.disable()
    _worker = _Worker(as_of, neo4j, describe)
    Finalize(_worker, _worker.close, exitpriority=10)  # runs when the pool stops the process


def _row(source: str) -> tuple[PortfolioRow, str | None]:
    assert _worker is not None
    return _worker.row(source)


def _context() -> multiprocessing.context.BaseContext:
    """Workers started fresh ("spawn"), not forked.

    Forking a process that runs threads (a notebook, a driver) can deadlock
    on a lock one of them holds; a fresh interpreter costs a few tenths of a
    second per worker, once per run. The workers are this process's
    children, so their time and memory count in its resource usage.
    """
    return multiprocessing.get_context("spawn")


def portfolio_rows(
    sources: Sequence[str],
    as_of: dt.date,
    *,
    neo4j: Neo4jConfig | None = None,
    jobs: int | None = None,
    describe: Describe = str,
) -> Iterator[tuple[PortfolioRow, str | None]]:
    """Read and analyse every source, ``jobs`` at a time (default: one per core).

    Parameters
    ----------
    sources : sequence of str
        Account files and ``neo4j:ACCOUNT`` (see :func:`expand_sources`).
    as_of : datetime.date
    neo4j : Neo4jConfig, optional
    jobs : int, optional
        Worker processes; 1 runs everything in this process. At most
        :data:`MAX_JOBS_PER_CORE` per core and one per source are started,
        however many are asked for (each takes some 25 MB).
    describe : callable
        Turns a library error into its message (a module-level function,
        so that workers can receive it).

    Yields
    ------
    (PortfolioRow, str or None)
        Each row, in the order the accounts finish, with the full error
        message of an account that could not be read or analysed (its row
        carries the first line).

    Examples
    --------
    >>> import datetime as dt
    >>> [row.account for row, _ in portfolio_rows(["examples/uralmet.yaml"], dt.date(2026, 11, 27))]
    ['uralmet']
    """
    jobs = min(jobs or default_jobs(), MAX_JOBS_PER_CORE * default_jobs(), len(sources))
    if jobs <= 1:
        worker = _Worker(as_of, neo4j, describe)
        try:
            yield from (worker.row(source) for source in sources)
        finally:
            worker.close()
        return
    with _quiet_interrupt():  # the workers inherit Ctrl-C ignored: this process alone stops them
        pool = _context().Pool(jobs, _start, (as_of, neo4j, describe))
    try:
        yield from pool.imap_unordered(_row, sources, chunksize=1)
    finally:
        pool.terminate()
        pool.join()


@contextlib.contextmanager
def _quiet_interrupt() -> Iterator[None]:
    """Ctrl-C ignored while worker processes start, so that they start with it ignored.

    A terminal's Ctrl-C goes to the whole process group: each worker printed
    its own traceback ("Process SpawnPoolWorker-1: … KeyboardInterrupt")
    around the command's "Aborted!". With it ignored there, the command's
    process is interrupted alone and stops the pool. Outside the main thread
    (where signals cannot be set) nothing changes.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, before)
