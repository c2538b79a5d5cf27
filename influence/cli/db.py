"""``influence db init | push | pull | list | history | delete``."""

from __future__ import annotations

import contextlib
import dataclasses
import getpass
import json
import re
from collections.abc import Callable, Sequence
from pathlib import Path

import click

from influence.atomic import atomic_write, short_path, writable
from influence.cli.app import (
    ACCOUNT_LANG_META,
    OutputPath,
    cli,
    english_lang_option,
    error_message,
    error_words,
    formats_option,
    group_lang_option,
    holds_comments,
    lang_option,
    language,
)
from influence.cli.language import confirm
from influence.document import read_bounded
from influence.errors import ConflictError, InfluenceError, Msg, NMsg, SourceError, StoreError, UsageError
from influence.i18n import N_, NC_, Translator
from influence.model import Account
from influence.store import Neo4jConfig, parse_neo4j_source
from influence.store.neo4j import Neo4jStore, PushResult, file_digest
from influence.unprintable import escape_controls

__all__ = ["db"]

LIST_FORMATS = ("table", "json")
#: the column headers of ``db list`` and ``db history`` (translated as table headers)
LIST_HEAD = (
    NC_("table header", "ID"),
    NC_("table header", "NAME"),
    NC_("table header", "PEOPLE"),
    NC_("table header", "BUYING_TEAM"),
    NC_("table header", "VERSION"),
    NC_("table header", "LAST_PUSH"),
)
HISTORY_HEAD = (
    NC_("table header", "VERSION"),
    NC_("table header", "PUSHED_AT"),
    NC_("table header", "AUTHOR"),
    NC_("table header", "MESSAGE"),
)


def _load(path: str, data: bytes | None = None) -> Account:
    """Load and validate an account file, or the bytes already read from it.

    Imported here: a push the store recognises reads no file.
    """
    from influence.loading import load_file

    return load_file(path, data=data)


def _read(file: str) -> bytes | None:
    """The file's bytes, read once: the push digests, validates and rebases these very bytes.

    None when the file cannot be read or is over the size limit; loading it
    then says why.
    """
    try:
        return read_bounded(file, file, Msg("an account file"))
    except SourceError:
        return None


def _store() -> Neo4jStore:
    ctx = click.get_current_context()
    return Neo4jStore(ctx.find_object(Neo4jConfig) or Neo4jConfig())


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in this environment
        return "unknown"


def _table(rows: Sequence[tuple[str, ...]]) -> str:
    """Aligned columns; a cell's control characters and line breaks are shown as escapes."""
    rows = [tuple(map(escape_controls, row)) for row in rows]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() for row in rows)


format_option = formats_option(LIST_FORMATS)


@cli.group()
@group_lang_option
def db() -> None:
    """Keep accounts in Neo4j (NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE)."""


@db.command()
@english_lang_option
def init(lang: str | None) -> None:
    """Create the constraints and indexes (safe to run again)."""
    t = language(lang)
    with _store() as store:
        count = store.init()
    constraints = t.ntr("{n} constraint", "{n} constraints", count)
    click.echo(t.tr("schema ready ({constraints})", constraints=constraints))


def _once(files: Sequence[str]) -> tuple[str, ...]:
    """Each file once, as first named: a file given twice (or by two paths) is one file to push, not two.

    >>> _once(["a.yaml", "./a.yaml", "b.yaml", "a.yaml"])
    ('a.yaml', 'b.yaml')
    """
    from influence.batch import source_identity  # as portfolio counts a file named twice once

    seen: dict[object, str] = {}
    for file in files:
        seen.setdefault(source_identity(file), file)
    return tuple(seen.values())


def _collisions(files: Sequence[str], ids: Sequence[str]) -> None:
    """Refuse several files that hold one account: which would win is an accident."""
    by_id: dict[str, list[str]] = {}
    for file, ident in zip(files, ids, strict=True):
        by_id.setdefault(ident, []).append(file)
    clashes: list[Msg | str] = [
        Msg("account '{account}' is in {files}", account=escape_controls(ident), files=_short_list(names))
        for ident, names in by_id.items()
        if len(names) > 1
    ]
    if len(clashes) > SHOWN_CLASHES:  # one screen: the first ones, then how many more
        more = len(clashes) - SHOWN_CLASHES
        clashes = [*clashes[:SHOWN_CLASHES], NMsg("… and {n} more account", "… and {n} more accounts", more)]
    if clashes:
        raise SourceError(
            Msg(
                "several files hold the same account; nothing was pushed: {clashes} (push one file per account)",
                clashes=Msg.joined(clashes, "; "),
            )
        )


#: the accounts held by several files that a refused push names (the rest are counted)
SHOWN_CLASHES = 10


def _short_list(names: list[str]) -> str:
    """The files of one account, at most three named, escaped and shortened."""
    shown = ", ".join(short_path(n) for n in names[:3])  # (short_path escapes control characters)
    return shown if len(names) <= 3 else f"{shown}, …"


#: the ``base_version`` key of a pulled file, by kind, and the rest of its line up to the number
_BASE_VERSION = {
    "json": (b'"base_version"', re.compile(rb'"base_version"[ \t]*:[ \t]*(\d+)')),
    "yaml": (b"base_version:", re.compile(rb"base_version:[ \t]*(\d+)")),
}


def _kind(file: str) -> str:
    """``json`` or ``yaml``: how a file spells its ``base_version`` key."""
    return "json" if Path(file).suffix.lower() == ".json" else "yaml"


def _rebased(data: bytes, suffix: str, version: int) -> bytes | None:
    """A file's bytes with its ``base_version`` line set to ``version``; None without exactly one such line.

    Only the number changes: line ends (LF, CRLF, CR), a BOM, comments and
    layout stay as they are, so a file kept in git changes by one line. The
    line is the key at a line's start (in JSON, after spaces); the key is
    found by a plain byte search, which takes a millisecond on a 4 MB file.

    >>> _rebased(b"base_version: 3\\r\\nformat: influence/v1\\r\\n", ".yaml", 4)
    b'base_version: 4\\r\\nformat: influence/v1\\r\\n'
    """
    kind = "json" if suffix.lower() == ".json" else "yaml"
    key, line_rest = _BASE_VERSION[kind]
    found: list[re.Match[bytes]] = []
    at = data.find(key)
    while at != -1:
        start = max(data.rfind(b"\n", 0, at), data.rfind(b"\r", 0, at)) + 1
        if start == 0 and data.startswith(b"\xef\xbb\xbf"):
            start = 3
        indent = data[start:at]
        match = line_rest.match(data, at)
        if match and (not indent.strip(b" \t") if kind == "json" else not indent):
            found.append(match)
        at = data.find(key, at + 1)
    if len(found) != 1:
        return None
    number = found[0].span(1)
    return data[: number[0]] + str(version).encode("ascii") + data[number[1] :]


def _rebase(file: str, version: int, pushed: bytes) -> bool:
    """Set the ``base_version`` line of a pulled file to the version just pushed, or to the version
    an unchanged push found it equal to; True when that changed the file.

    Only the number changes (:func:`_rebased`); a file without exactly one
    such line is left alone, and so is a file that no longer holds the
    bytes pushed (saved again during the push: that edit is not in the
    store, so its base stays and a push of it is checked as a change).
    A file with other names (hard links) is refused: replaced, it would
    leave them at the old base.
    """
    path = Path(file)
    try:
        current = path.read_bytes()
    except OSError:
        return False
    if current != pushed:
        return False
    new = _rebased(current, path.suffix, version)
    if new is None or new == current:
        return False
    if path.stat().st_nlink > 1:  # replacing it would leave its other names at the old base
        raise SourceError(
            Msg("{file}: it has other names (hard links), which would keep the old content", file=file)
        )
    atomic_write(path, new, expect=current)  # an edit saved meanwhile is not overwritten
    return True


def _digests(file: str, data: bytes) -> Callable[[int | None], str]:
    """The :func:`file_digest` of the file's bytes as they will be after a push (see ``Neo4jStore.push``)."""
    path = Path(file)

    def digest(version: int | None) -> str:
        if version is not None:
            new = _rebased(data, path.suffix, version)
            if new is not None:
                return file_digest(new, path.suffix)
        return file_digest(data, path.suffix)

    return digest


def _interrupted(file: str, account: str, result: PushResult | None) -> StoreError:
    """What a Ctrl-C during a push leaves: maybe stored (before it returned), or stored but the file not moved."""
    file, account = escape_controls(file), escape_controls(account)
    if result is None:
        return StoreError(
            Msg(
                "{file}: interrupted during its push; it may or may not be stored: "
                "'{command}' shows the last version",
                file=file,
                command="influence db history " + account,
            )
        )
    return StoreError(
        Msg(
            "{file}: stored as version {version} of '{account}', but interrupted before the file's "
            "base_version was set to it: write 'base_version: {version}' in it, or pull the account",
            file=file,
            version=result.version,
            account=account,
        )
    )


def _pushed_line(file: str, result: PushResult, t: Translator, pushed: bytes | None = None) -> str:
    values = {
        "file": escape_controls(file),
        "account": escape_controls(result.account),
        "version": result.version,
    }
    if not result.created:
        line = t.tr("{file}: account '{account}' unchanged (version {version}); no new version", **values)
        # it equals version N: based on N
        if pushed is not None and _rebase_pushed(file, result, pushed, line):
            line += t.tr("; {file} is now based on version {version}", **values)
        return line
    size = t.ntr("{n} node or relationship", "{n} nodes and relationships", result.size)
    line = t.tr("{file}: pushed account '{account}' as version {version} ({size})", size=size, **values)
    if pushed is not None and _rebase_pushed(file, result, pushed, line):
        line += t.tr("; {file} is now based on version {version}", **values)
    elif pushed is not None and _BASE_VERSION[_kind(file)][0] not in pushed:
        # no base_version line: a later push of the same file would be refused as another's content
        line += t.tr(
            "; {file} has no base_version line: add 'base_version: {version}' at its top "
            "(or pull the account) before pushing it again",
            **values,
        )
    elif pushed is not None and _rebased(pushed, Path(file).suffix, result.version) is None:
        # a base_version not on a line of its own (JSON on one line, a flow mapping): left as it was
        line += t.tr(
            "; the base_version in {file} is not on a line of its own and was left as it was: "
            "set it to {version} (or pull the account) before pushing it again",
            **values,
        )
    return line


class _NotRebased(Exception):
    """A file pushed (its line said so far in ``line``) whose base_version could not be written: ``error``."""

    def __init__(self, line: str, error: StoreError) -> None:
        super().__init__(str(error))
        self.line, self.error = line, error


def _rebase_pushed(file: str, result: PushResult, pushed: bytes, line: str) -> bool:
    """:func:`_rebase` after a push; a file that cannot be written raises :class:`_NotRebased`."""
    try:
        return _rebase(file, result.version, pushed)
    except SourceError as exc:
        reason = exc.msg if exc.msg is not None else str(exc)
        error = StoreError(
            Msg(
                "{file}: stored as version {version} of '{account}', but the file's base_version could "
                "not be set to it ({reason}): write 'base_version: {version}' in it, or pull the account",
                file=escape_controls(file),
                version=result.version,
                account=escape_controls(result.account),
                reason=reason,
            )
        )
        raise _NotRebased(line, error) from None


def _common_language(lang: str | None, languages: Sequence[str | None]) -> Translator:
    """``--lang``, else the accounts' own language when they all share one, else English."""
    return language(lang or (languages[0] if len(set(languages)) == 1 else None))


@db.command()
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@click.option("-m", "--message", default=None, help=N_("What changed, stored with the new version."))
@click.option("--author", default=None, help=N_("Who pushes [default: the OS user]."))
@click.option(
    "--force", is_flag=True, help=N_("Push even when the account changed since the file's base_version.")
)
@lang_option
def push(
    files: tuple[str, ...], message: str | None, author: str | None, force: bool, lang: str | None
) -> None:
    """Validate account files, then make each the account's new version (one transaction each).

    A push is refused when the account changed since the file was pulled
    (its base_version); pull again and merge, or use --force. A file that is
    byte for byte the one last pushed, onto a graph nobody changed since, is
    recognised without reading it (needs APOC Core on the server). Several
    files of one account are refused. A file with no base_version line (a
    first push of a hand-written file) is left as it is: add the line the
    push names before pushing it again.
    """
    files = _once(files)
    raw = {f: _read(f) for f in files}
    digests = {f: _digests(f, data) for f, data in raw.items() if data is not None}
    try:
        store = _store().__enter__()
    except StoreError:
        loaded = [_load(f, raw[f]) for f in files]  # a file's own problem is the clearer message,
        _collisions(files, [a.id for a in loaded])  # and so is two files of one account
        t = _common_language(lang, [a.info.language for a in loaded])
        click.get_current_context().meta.setdefault(ACCOUNT_LANG_META, t.lang)  # out of reach: said in it
        raise
    with contextlib.closing(store):
        same = {f: r for f, d in digests.items() if (r := store.unchanged_file(d(None)))}
        # every file not recognised is validated before anything is written
        accounts = {f: _load(f, raw[f]) for f in files if f not in same}
        _collisions(files, [same[f].account if f in same else accounts[f].id for f in files])
        languages = [r.language for r in same.values()] + [a.info.language for a in accounts.values()]
        t = _common_language(lang, languages)
        click.get_current_context().meta.setdefault(ACCOUNT_LANG_META, t.lang)  # a refused push says so in it
        who = author or _os_user()
        not_rebased = 0
        for file in files:
            result = None
            try:
                result = (
                    same[file]
                    if file in same
                    else store.push(
                        accounts[file], author=who, message=message, force=force, digest=digests.get(file)
                    )
                )
                click.echo(_pushed_line(file, result, t, raw[file]))
            except KeyboardInterrupt:
                raise _interrupted(
                    file, same[file].account if file in same else accounts[file].id, result
                ) from None
            except _NotRebased as stored:  # stored all the same: said, and the other files pushed
                click.echo(stored.line)
                ctx = click.get_current_context()
                click.echo(error_message(stored.error, None, error_words(ctx, stored.error)), err=True)
                not_rebased += 1
    if not_rebased:
        raise click.exceptions.Exit(2)


def _existing(output: str) -> bytes | None:
    """The bytes of the file ``output`` before it is checked (None when there is none to read)."""
    try:
        return Path(output).read_bytes() if Path(output).is_file() else None
    except OSError:
        return None


def _unpushed(store: Neo4jStore, output: str, pulled: Account, text: str) -> Msg | None:
    """Why writing ``text`` over ``output`` would lose work; None when it would not.

    Nothing is lost when the file is missing, holds exactly ``text``, or holds
    the very content of the stored version it was pulled at (of the current
    version, without a base_version) and no comments.
    """
    try:
        existing = Path(output).read_bytes()
    except OSError:  # missing (or not a file: writing it says so)
        return None
    if existing == text.encode("utf-8"):
        return None
    from influence.loading import load_file
    from influence.serialize import to_document

    if holds_comments(output, existing):
        return Msg("it holds comments, which a pulled file cannot keep")
    try:
        local = load_file(output, data=existing)
    except InfluenceError:
        return Msg("it is not a valid account file (work in progress?)")
    if local.id != pulled.id:
        return Msg("it holds account '{local}', not '{pulled}'", local=local.id, pulled=pulled.id)
    base = local.base_version if local.base_version is not None else pulled.base_version
    try:
        stored = pulled if base == pulled.base_version else store.pull(pulled.id, base)
    except StoreError:
        return Msg("it is based on version {base}, which the store does not hold", base=base)

    def content(account: Account) -> dict[str, object]:
        return {k: v for k, v in to_document(account).items() if k != "base_version"}

    return (
        None
        if content(local) == content(stored)
        else Msg("it has edits not pushed (it differs from version {base})", base=base)
    )


def _pull_kind(output: str | None) -> str:
    """``yaml`` or ``json``: what ``db pull`` writes to ``output`` (YAML on stdout)."""
    from influence.loading import account_kind

    return "yaml" if output is None else account_kind(output)


def _pull_from(store: Neo4jStore, source: str) -> Account:
    """``ACCOUNT`` (the current version) or ``ACCOUNT@N`` (stored version N, based on N), validated."""
    account_id, version = parse_neo4j_source(source)
    pulled = store.pull(account_id, version)
    return pulled if version is None else dataclasses.replace(pulled, base_version=version)


@db.command()
@click.argument("account")
@click.option(
    "-o",
    "--output",
    type=OutputPath(stdout=True),
    help=N_("Write to FILE (.yaml, .yml or .json; - is stdout)."),
)
@click.option(
    "--force", is_flag=True, help=N_("Overwrite FILE even when it holds edits not pushed or comments.")
)
@lang_option
def pull(account: str, output: str | None, force: bool, lang: str | None) -> None:
    """Read an account from Neo4j as an influence/v1 file (YAML on stdout by default).

    ACCOUNT is an account id (its current version), or ACCOUNT@N for its
    stored version N (influence db history ACCOUNT lists them). The file
    records the version it was read at (base_version), so that a later push
    can tell whether someone else pushed in between: a file of an earlier
    version is refused as stale until merged into the current one (or pushed
    with --force, which makes it current again). Versions never restart: an
    account deleted and pushed again numbers on from its last version, so a
    file pulled before the delete is stale too. An existing FILE is only
    replaced when that loses nothing: not when it holds edits not pushed,
    comments, or another account (then --force).
    """
    kind = _pull_kind(output)
    parse_neo4j_source(account)  # a malformed id or version, and a FILE that cannot be written,
    if output is not None:  # are said without connecting
        writable(output)
    from influence.serialize import dump_document, to_document

    with _store() as store:
        pulled = _pull_from(store, account)  # validated on the way
        text = dump_document(to_document(pulled), kind)
        seen = None if output is None else _existing(output)  # replaced only if it still holds this
        lost = None if output is None or force else _unpushed(store, output, pulled, text)
    if lost is not None:
        error = ConflictError(
            Msg(
                "{file}: {lost}; pulling would overwrite it. Nothing was written: "
                "pull to another file and merge, or pull with --force to replace it.",
                file=escape_controls(str(output)),
                lost=lost,
            )
        )
        error.language = pulled.info.language  # said in the account's language, as its other messages
        raise error
    if output is None:
        click.echo(text, nl=False)
    else:
        t = language(lang, pulled)
        if atomic_write(output, text, expect=seen, force=force, keep_identical=True):
            click.echo(t.tr("wrote {file}", file=escape_controls(output)), err=True)
        else:  # not rewritten: its time stays, so a build or a backup sees no change
            click.echo(
                t.tr("{file}: already holds what was pulled; left as it is", file=escape_controls(output)),
                err=True,
            )


@db.command("list")
@format_option
@english_lang_option
def list_accounts(fmt: str, lang: str | None) -> None:
    """Accounts in the database: id, name, people, buying team, version, last push."""
    t = language(lang)
    with _store() as store:
        rows = store.list()
    if fmt == "json":
        data = [
            {
                "id": r.id,
                "name": r.name,
                "people": r.people,
                "buying_team": r.buying_team,
                "version": r.version,
                "pushed_at": r.pushed_at.isoformat() if r.pushed_at else None,
            }
            for r in rows
        ]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    table = [tuple(t.pgettext(*h) for h in LIST_HEAD)]
    for r in rows:
        pushed = r.pushed_at.strftime("%Y-%m-%d %H:%M:%S UTC") if r.pushed_at else ""
        version = str(r.version) if r.version is not None else ""
        table.append((r.id, r.name, str(r.people), str(r.buying_team), version, pushed))
    click.echo(_table(table))
    if not rows:
        click.echo(t.tr("(no accounts)"))


@db.command()
@click.argument("account")
@format_option
@english_lang_option
def history(account: str, fmt: str, lang: str | None) -> None:
    """The stored versions of ACCOUNT, newest first (read one as neo4j:ACCOUNT@N)."""
    t = language(lang)
    parse_neo4j_source(account)  # an id no account can have is said without connecting
    with _store() as store:
        versions = store.history(account)
    if fmt == "json":
        click.echo(json.dumps([v.to_dict() for v in versions], ensure_ascii=False, indent=2))
        return
    table = [tuple(t.pgettext(*h) for h in HISTORY_HEAD)]
    for v in versions:
        pushed = v.pushed_at.strftime("%Y-%m-%d %H:%M:%S UTC") if v.pushed_at else ""
        table.append((str(v.version), pushed, v.author or "", (v.message or "").replace("\n", " ")))
    click.echo(_table(table))
    if not versions:
        click.echo(t.tr("(no stored versions: pushed before history was kept)"))


def _confirmed(t: Translator, account: str, uri: str | None) -> bool:
    """The answer to "delete?"; no answer at all (stdin closed, as in a script; Ctrl-C) is an error."""
    question = t.tr(
        "Delete account '{account}' and all its versions from Neo4j at {uri}?",
        account=escape_controls(account),
        uri=escape_controls(uri or ""),
    )
    try:
        return confirm(question, t)  # on standard error: standard output stays the command's result
    except click.Abort:
        click.echo(err=True)  # end the prompt's line
        raise UsageError(
            Msg(
                "{command}: no answer to the question; add --yes to delete without asking",
                command="db delete " + escape_controls(account),
            )
        ) from None


@db.command()
@click.argument("account")
@click.option("--yes", is_flag=True, help=N_("Do not ask for confirmation."))
@english_lang_option
def delete(account: str, yes: bool, lang: str | None) -> None:
    """Delete one account's subgraph and all its stored versions.

    Its last version number stays (on a small DeletedAccount node): when the
    account is pushed again, its versions number on from there, so a file
    pulled before the delete is refused as stale instead of overwriting the
    new account (push it with --force to create the account from it).
    """
    t = language(lang)
    parse_neo4j_source(account)  # an id no account can have is said without connecting
    with _store() as store:
        if not store.exists(account):
            raise store.missing(account)
        if not yes and not _confirmed(t, account, store.config.shown_uri):
            click.echo(t.tr("nothing deleted"), err=True)
            raise SystemExit(1)
        removed = store.delete(account)
    nodes = t.ntr("{n} node", "{n} nodes", removed)
    click.echo(t.tr("deleted account '{account}' ({nodes})", account=escape_controls(account), nodes=nodes))
